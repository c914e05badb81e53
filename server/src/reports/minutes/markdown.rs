//! The minutes in Markdown, for e-mail and wikis; user text is escaped so it cannot add
//! markup.

use super::{
    arrival_label, chair_facts, display_date, edit_note, finding_name, footer, theme_facts,
    MeetingSummary,
};
use crate::reports::labels::Lang;

impl MeetingSummary {
    /// Markdown, for e-mail and wikis.
    pub fn markdown(&self, lang: Lang) -> String {
        let mut md = String::new();
        let t = |fi, sv, en| lang.t(fi, sv, en);
        md += &format!(
            "# {} – {} {}\n\n",
            t("Muistio", "Minnesanteckningar", "Minutes"),
            self.centre_name,
            display_date(&self.date, lang)
        );
        md += &format!("{}\n\n", self.title);
        if let Some(line) = self.quick_line(lang) {
            md += &format!("{line}\n\n");
        }
        md += &format!(
            "- {}: {} {} ({} min)\n- {}: {} min\n",
            t("Aika", "Tid", "Time"),
            self.scheduled_start,
            self.time_zone,
            self.scheduled_min,
            t("Käytetty aika", "Använd tid", "Time used"),
            self.used_min
        );
        if let Some(n) = self.agenda_announced {
            md += &format!(
                "- {}: {n}\n",
                t(
                    "Asioita ilmoitettu alussa",
                    "Ärenden vid start",
                    "Items announced at the start"
                )
            );
        }
        for (label, value) in theme_facts(self, lang)
            .into_iter()
            .chain(chair_facts(self, lang))
        {
            md += &format!("- {label}: {}\n", md_line(&value));
        }
        md += &format!(
            "- {}: {}\n\n",
            t("Osallistujia", "Deltagare", "Participants"),
            self.people_total
        );
        if let Some(note) = self.retention_note(lang) {
            md += &format!("{note}\n\n");
        }
        md += &format!(
            "## {}\n\n",
            t(
                "Osallistuneet palvelut",
                "Deltagande tjänster",
                "Services present"
            )
        );
        md += &format!(
            "| {} | {} | {} |\n|---|---|---|\n",
            t("Palvelu", "Tjänst", "Service"),
            t("Henkilöitä", "Personer", "People"),
            t("Pakollinen", "Obligatorisk", "Required")
        );
        for a in &self.attendance {
            md += &format!(
                "| {} | {} | {} |\n",
                md_cell(&a.name),
                a.people,
                if a.required {
                    t("kyllä", "ja", "yes")
                } else {
                    t("ei", "nej", "no")
                }
            );
        }
        if self.required_missing.is_empty() {
            md += &format!(
                "\n{}\n\n",
                t(
                    "Kaikki pakolliset palvelut olivat paikalla.",
                    "Alla obligatoriska tjänster deltog.",
                    "Every required service was present."
                )
            );
        } else {
            md += &format!(
                "\n**{}:** {}\n\n",
                t("Puuttuivat", "Saknades", "Missing"),
                self.services(&self.required_missing)
            );
        }
        if let Some(line) = self.guests_line(lang) {
            md += &format!("{}\n\n", md_line(&line));
        }
        md += &format!(
            "## {}\n\n",
            t("Käsitellyt asiat", "Behandlade ärenden", "Items")
        );
        for it in &self.items {
            md += &format!(
                "### {}. {} ({})\n\n",
                it.no,
                md_line(&it.title),
                lang.kind(it.kind)
            );
            md += &format!(
                "- {}: {}\n",
                t("Tila", "Status", "Status"),
                lang.status(it.status)
            );
            if let Some(c) = &it.carried_over {
                md += &format!(
                    "- {}: {}\n",
                    t("Tausta", "Bakgrund", "Background"),
                    lang.carry(c.reason)
                );
            }
            if let Some(note) = edit_note(it, lang) {
                md += &format!("- {}: {note}\n", t("Huom.", "Obs.", "Note"));
            }
            md += &format!(
                "- {}: {}\n",
                t(
                    "Esittäjän palvelu",
                    "Presentatörens tjänst",
                    "Presenter's service"
                ),
                self.service_name(&it.presenter_service)
            );
            if let Some(a) = it.arrival {
                md += &format!("- {}: {}\n", arrival_label(lang), lang.arrival(a));
            }
            md += &format!(
                "- {}: {} / {} min\n",
                t(
                    "Aika (varattu / käytetty)",
                    "Tid (tilldelad / använd)",
                    "Time (allotted / used)"
                ),
                it.allotted_min.map_or("–".into(), |m| m.to_string()),
                it.used_min.map_or("–".into(), |m| m.to_string())
            );
            if !it.themes.is_empty() {
                let themes: Vec<&str> = it.themes.iter().map(|th| lang.theme(*th)).collect();
                md += &format!(
                    "- {}: {}\n",
                    t("Teemat", "Teman", "Themes"),
                    themes.join(", ")
                );
            }
            if !it.services_wanted.is_empty() {
                md += &format!(
                    "- {}: {}\n",
                    t(
                        "Toivotut näkökulmat",
                        "Önskade synvinklar",
                        "Views wanted from"
                    ),
                    self.services(&it.services_wanted)
                );
            }
            md += &format!(
                "- {}: {}\n",
                t("Kysymys", "Fråga", "Question"),
                md_line(&it.question)
            );
            if !it.summary.is_empty() {
                md += &format!("\n{}\n", md_block(&it.summary));
            }
            if let Some(o) = &it.outcome {
                md += &format!("\n**{}**\n\n", t("Tulos", "Resultat", "Outcome"));
                if !o.advice.is_empty() {
                    md += &format!(
                        "- {}: {}\n",
                        t("Neuvot", "Råd", "Advice"),
                        md_line(&o.advice)
                    );
                }
                if !o.next_steps.is_empty() {
                    md += &format!(
                        "- {}: {}\n",
                        t(
                            "Sovitut jatkotoimet",
                            "Överenskomna åtgärder",
                            "Agreed next steps"
                        ),
                        md_line(&o.next_steps)
                    );
                }
                if !o.services_to_involve.is_empty() {
                    md += &format!(
                        "- {}: {}\n",
                        t(
                            "Mukaan otettavat palvelut",
                            "Tjänster att involvera",
                            "Services to involve"
                        ),
                        self.services(&o.services_to_involve)
                    );
                }
                if o.follow_up {
                    md += &format!(
                        "- {}\n",
                        t(
                            "Seuranta seuraavassa tapaamisessa",
                            "Uppföljning vid nästa möte",
                            "Follow-up at the next meeting"
                        )
                    );
                }
            }
            md += "\n";
        }
        md += &format!(
            "## {}\n\n- {}: {}\n- {}: {}\n- {}: {}\n",
            t("Yhteenveto", "Sammanfattning", "Summary"),
            t(
                "Siirretty seuraavaan tapaamiseen",
                "Flyttade till nästa möte",
                "Deferred to the next meeting"
            ),
            self.deferred,
            t("Perutut", "Återtagna", "Withdrawn"),
            self.withdrawn,
            t("Seurantaan", "Till uppföljning", "Follow-ups"),
            self.follow_ups
        );
        let rejected: u32 = self.rejected_identifiers.values().sum();
        md += &format!(
            "- {}: {}\n",
            t(
                "Torjutut tunnistetiedot",
                "Avvisade identifierare",
                "Identifiers refused"
            ),
            if rejected == 0 {
                "0".to_owned()
            } else {
                self.rejected_identifiers
                    .iter()
                    .map(|(k, n)| format!("{} {n}", finding_name(lang, k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
        if self.redacted > 0 {
            md += &format!(
                "- {}: {}\n",
                t(
                    "Tekstit poistettu (puheenjohtaja)",
                    "Texter borttagna (ordförande)",
                    "Text removed by the chair"
                ),
                self.redacted
            );
        }
        md += "\n";
        md += &self.feedback_markdown(lang, &md_line);
        md += &format!("{}\n", footer(lang));
        md
    }
}

/// One line of user text in Markdown: no line breaks, markup characters escaped.
fn md_line(s: &str) -> String {
    md_block(s).replace('\n', " ")
}

fn md_block(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_cell(s: &str) -> String {
    md_line(s)
}
