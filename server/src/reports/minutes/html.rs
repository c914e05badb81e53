//! The minutes as printable HTML: "print to PDF" gives a clean A4 document, and the
//! coordinator's page shows it in a frame. All user text goes through the project's one
//! escaper ([`shared::html::escape`]).

use super::{
    arrival_label, chair_facts, display_date, edit_note, finding_name, footer, theme_facts,
    MeetingSummary,
};
use crate::reports::labels::Lang;
use shared::html::escape as esc;

impl MeetingSummary {
    /// Printable HTML: "print to PDF" gives a clean A4 document.
    pub fn html(&self, lang: Lang) -> String {
        let t = |fi, sv, en| lang.t(fi, sv, en);
        let mut h = String::new();
        h += &format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} – {} {}</title><style>{}</style></head><body><main>",
            lang.code(),
            t("Muistio", "Minnesanteckningar", "Minutes"),
            esc(&self.centre_name),
            esc(&display_date(&self.date, lang)),
            PRINT_CSS
        );
        h += &format!(
            "<header><p class=\"kicker\">{}</p><h1>{} {}</h1><p>{}</p>",
            match self.kind {
                shared::domain::MeetingKind::Quick => t(
                    "Pikakonsultaatio – muistio",
                    "Snabbkonsultation – minnesanteckningar",
                    "Quick consultation – minutes",
                ),
                shared::domain::MeetingKind::Monthly => t(
                    "PPT-konsultaatio – muistio",
                    "PPT-konsultation – minnesanteckningar",
                    "PPT consultation – minutes",
                ),
            },
            esc(&self.centre_name),
            esc(&display_date(&self.date, lang)),
            esc(&self.title)
        );
        h += "<dl class=\"facts\">";
        h += &format!(
            "<dt>{}</dt><dd>{} {} ({} min)</dd>",
            t("Aika", "Tid", "Time"),
            esc(&self.scheduled_start),
            esc(&self.time_zone),
            self.scheduled_min
        );
        h += &format!(
            "<dt>{}</dt><dd>{} min</dd>",
            t("Käytetty aika", "Använd tid", "Time used"),
            self.used_min
        );
        if let Some(n) = self.agenda_announced {
            h += &format!(
                "<dt>{}</dt><dd>{n}</dd>",
                t(
                    "Asioita ilmoitettu alussa",
                    "Ärenden vid start",
                    "Items announced"
                )
            );
        }
        for (label, value) in theme_facts(self, lang)
            .into_iter()
            .chain(chair_facts(self, lang))
        {
            h += &format!("<dt>{label}</dt><dd>{}</dd>", esc(&value));
        }
        h += &format!(
            "<dt>{}</dt><dd>{}</dd></dl>",
            t("Osallistujia", "Deltagare", "Participants"),
            self.people_total
        );
        if let Some(line) = self.quick_line(lang) {
            h += &format!("<p class=\"quick\">{line}</p>");
        }
        if let Some(note) = self.retention_note(lang) {
            h += &format!("<p class=\"retention\">{}</p>", esc(&note));
        }
        h += "</header>";
        h += &format!("<section><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t("Osallistuneet palvelut", "Deltagande tjänster", "Services present"), t("Palvelu", "Tjänst", "Service"), t("Henkilöitä", "Personer", "People"), t("Pakollinen", "Obligatorisk", "Required"));
        for a in &self.attendance {
            let missing = a.required && a.people == 0;
            h += &format!(
                "<tr{}><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                if missing { " class=\"missing\"" } else { "" },
                esc(&a.name),
                a.people,
                if missing {
                    t(
                        "pakollinen – puuttui",
                        "obligatorisk – saknades",
                        "required – missing",
                    )
                } else if a.required {
                    t("pakollinen", "obligatorisk", "required")
                } else {
                    t("vapaaehtoinen", "frivillig", "optional")
                }
            );
        }
        h += "</tbody></table>";
        if let Some(line) = self.guests_line(lang) {
            h += &format!("<p class=\"guests\">{}</p>", esc(&line));
        }
        h += "</section>";
        h += &format!(
            "<section><h2>{}</h2>",
            t("Käsitellyt asiat", "Behandlade ärenden", "Items")
        );
        for it in &self.items {
            h += "<article class=\"item\">";
            h += &format!(
                "<h3>{}. {} <span class=\"kind\">{}</span></h3>",
                it.no,
                esc(&it.title),
                lang.kind(it.kind)
            );
            h += "<dl>";
            let mut row = |k: &str, v: String| h.push_str(&format!("<dt>{k}</dt><dd>{v}</dd>"));
            row(t("Tila", "Status", "Status"), esc(lang.status(it.status)));
            if let Some(c) = &it.carried_over {
                row(
                    t("Tausta", "Bakgrund", "Background"),
                    esc(lang.carry(c.reason)),
                );
            }
            if let Some(note) = edit_note(it, lang) {
                row(t("Huom.", "Obs.", "Note"), esc(note));
            }
            row(
                t(
                    "Esittäjän palvelu",
                    "Presentatörens tjänst",
                    "Presenter's service",
                ),
                esc(&self.service_name(&it.presenter_service)),
            );
            if let Some(a) = it.arrival {
                row(arrival_label(lang), esc(lang.arrival(a)));
            }
            row(
                t(
                    "Aika (varattu / käytetty)",
                    "Tid (tilldelad / använd)",
                    "Time (allotted / used)",
                ),
                format!(
                    "{} / {} min{}",
                    it.allotted_min.map_or("–".into(), |m| m.to_string()),
                    it.used_min.map_or("–".into(), |m| m.to_string()),
                    if it.overran {
                        t(" (ylitys)", " (överskriden)", " (overran)")
                    } else {
                        ""
                    }
                ),
            );
            if !it.themes.is_empty() {
                let themes: Vec<&str> = it.themes.iter().map(|th| lang.theme(*th)).collect();
                row(t("Teemat", "Teman", "Themes"), esc(&themes.join(", ")));
            }
            if !it.services_wanted.is_empty() {
                row(
                    t(
                        "Toivotut näkökulmat",
                        "Önskade synvinklar",
                        "Views wanted from",
                    ),
                    esc(&self.services(&it.services_wanted)),
                );
            }
            row(t("Kysymys", "Fråga", "Question"), esc(&it.question));
            if !it.summary.is_empty() {
                row(
                    t("Tiivistelmä", "Sammanfattning", "Summary"),
                    esc(&it.summary),
                );
            }
            if let Some(o) = &it.outcome {
                if !o.advice.is_empty() {
                    row(t("Neuvot", "Råd", "Advice"), esc(&o.advice));
                }
                if !o.next_steps.is_empty() {
                    row(
                        t(
                            "Sovitut jatkotoimet",
                            "Överenskomna åtgärder",
                            "Agreed next steps",
                        ),
                        esc(&o.next_steps),
                    );
                }
                if !o.services_to_involve.is_empty() {
                    row(
                        t(
                            "Mukaan otettavat palvelut",
                            "Tjänster att involvera",
                            "Services to involve",
                        ),
                        esc(&self.services(&o.services_to_involve)),
                    );
                }
                if o.follow_up {
                    row(
                        t("Seuranta", "Uppföljning", "Follow-up"),
                        esc(t(
                            "seuraavassa tapaamisessa",
                            "vid nästa möte",
                            "at the next meeting",
                        )),
                    );
                }
            }
            h += "</dl></article>";
        }
        h += "</section>";
        let rejected: u32 = self.rejected_identifiers.values().sum();
        h += &format!(
            "<section><h2>{}</h2><dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl></section>",
            t("Yhteenveto", "Sammanfattning", "Summary"),
            t("Siirretty seuraavaan", "Flyttade till nästa", "Deferred to next"), self.deferred,
            t("Perutut", "Återtagna", "Withdrawn"), self.withdrawn,
            t("Seurantaan", "Till uppföljning", "Follow-ups"), self.follow_ups,
            t("Torjutut tunnistetiedot", "Avvisade identifierare", "Identifiers refused"),
            if rejected == 0 { "0".to_owned() } else {
                esc(&self.rejected_identifiers.iter().map(|(k, n)| format!("{} {n}", finding_name(lang, k))).collect::<Vec<_>>().join(", "))
            }
        );
        h += &self.feedback_html(lang);
        h += &format!(
            "<footer>{}</footer></main></body></html>",
            esc(footer(lang))
        );
        h
    }
}

/// The print stylesheet: A4, readable type, nothing split across pages that belongs together,
/// status not by colour alone; on a phone-wide screen (the coordinator's page shows the minutes
/// in a frame) labels go above their values and long words wrap, so nothing runs off sideways.
pub const PRINT_CSS: &str = "
:root{color:#1a1a1a;font-family:'Segoe UI',system-ui,-apple-system,'Helvetica Neue',Arial,sans-serif;line-height:1.45}
body{margin:0;background:#fff}
main{max-width:50rem;margin:2rem auto;padding:0 1.5rem;overflow-wrap:break-word}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#44505c;margin:0}
h1{font-size:1.7rem;margin:.2rem 0}
h2{font-size:1.2rem;border-bottom:2px solid #1f4e79;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:0 0 .4rem}
.kind{font-weight:normal;font-size:.85rem;color:#44505c;border:1px solid #8a96a3;border-radius:.3rem;padding:0 .35rem;margin-left:.4rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
dt{font-weight:600;color:#2b3640}
dd{margin:0;white-space:pre-wrap}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #c8d0d8;padding:.3rem .4rem;text-align:left}
.num{text-align:right}
tr.missing td{font-weight:700}
tr.missing td:last-child::before{content:'⚠ '}
.item{border:1px solid #c8d0d8;border-radius:.4rem;padding:.8rem 1rem;margin:.8rem 0}
footer{margin-top:2rem;font-size:.85rem;color:#44505c}
.retention{font-size:.9rem;color:#44505c}
@media (max-width:36rem){main{margin:1rem auto;padding:0 .75rem}dl{grid-template-columns:1fr;gap:0}dt{margin-top:.4rem}table{font-size:.9rem}th,td{padding:.25rem .25rem}td:first-child{overflow-wrap:anywhere}.item{padding:.6rem .7rem}}
@page{size:A4;margin:16mm 14mm}
@media print{main{margin:0;max-width:none;padding:0}.item,tr,dl{break-inside:avoid}h2,h3{break-after:avoid}}
";
