//! The minutes (muistio) of one ended meeting.

use super::excel_csv;
use super::labels::Lang;
use super::{minutes, Recorded};
use crate::api::local_date;
use serde::Serialize;
use shared::domain::{CarryReason, ItemKind, ItemStatus, Outcome, Phase, Theme};
use shared::ids::{CentreId, ItemId, MeetingId, ServiceId};
use std::collections::BTreeMap;

/// Attendance of one service over the whole meeting.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceAttendance {
    pub service: ServiceId,
    pub name: String,
    pub required: bool,
    /// People who took part for this service (each counted once however often they
    /// reconnected).
    pub people: u32,
}

/// Where a carried-over item came from.
#[derive(Clone, Debug, Serialize)]
pub struct CarriedFrom {
    pub reason: CarryReason,
    pub from_meeting: MeetingId,
    /// Earlier meetings that handled it.
    pub earlier_turns: usize,
}

/// One agenda item in the minutes.
#[derive(Clone, Debug, Serialize)]
pub struct ItemSummary {
    pub no: usize,
    pub id: ItemId,
    pub kind: ItemKind,
    pub title: String,
    pub summary: String,
    pub question: String,
    pub themes: Vec<Theme>,
    pub services_wanted: Vec<ServiceId>,
    pub presenter_service: ServiceId,
    pub status: ItemStatus,
    pub allotted_min: Option<i64>,
    pub used_min: Option<i64>,
    pub overran: bool,
    pub outcome: Option<Outcome>,
    pub carried_over: Option<CarriedFrom>,
    /// The text was changed after it was submitted (the earlier text is not in the minutes).
    pub edited: bool,
    /// The chair removed the item's text (something identifying had slipped in); it is gone
    /// from the minutes and from the stored log.
    pub redacted: bool,
}

/// The minutes of a meeting: everything that happened, nothing that identifies anyone.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingSummary {
    pub meeting_id: MeetingId,
    pub centre_id: CentreId,
    pub centre_name: String,
    pub title: String,
    /// Local date and scheduled start in the centre's time zone.
    pub date: String,
    pub scheduled_start: String,
    /// The centre's IANA time zone that `date` and `scheduled_start` are in, named wherever a
    /// time is shown.
    pub time_zone: String,
    pub scheduled_min: i64,
    /// Minutes from the first item's start to the end.
    pub used_min: i64,
    pub agenda_announced: Option<u32>,
    pub attendance: Vec<ServiceAttendance>,
    pub people_total: u32,
    pub required_present: Vec<ServiceId>,
    pub required_missing: Vec<ServiceId>,
    pub items: Vec<ItemSummary>,
    pub deferred: usize,
    pub withdrawn: usize,
    pub follow_ups: usize,
    /// Items whose text the chair removed.
    pub redacted: usize,
    /// Refused identifier findings per kind (numbers only).
    pub rejected_identifiers: BTreeMap<String, u32>,
    /// The local date until which the free texts of these minutes (titles, summaries,
    /// questions, outcomes) are kept; then they are removed and only the figures stay
    /// ([`crate::db::retention`]). People reading the minutes, and the data-protection
    /// officer, see how long the texts live.
    pub texts_kept_until: Option<String>,
    /// The local date the texts were removed, once they have been: the minutes then say so
    /// instead of showing the marker texts without explanation.
    pub texts_removed_on: Option<String>,
}

impl MeetingSummary {
    /// The minutes of a recorded meeting; `None` unless it has ended (and was not cancelled).
    pub fn of(rec: &Recorded, lang: Lang) -> Option<MeetingSummary> {
        let s = &rec.state;
        if s.phase != Phase::Ended || s.cancelled_at.is_some() {
            return None;
        }
        let tz = &rec.centre.time_zone;
        let start_local = jiff::Timestamp::from_millisecond(s.meeting.starts_at)
            .ok()
            .and_then(|t| {
                jiff::tz::TimeZone::get(tz)
                    .ok()
                    .map(|z| t.to_zoned_datetime(z))
            });
        let attendance: Vec<ServiceAttendance> = s
            .meeting
            .services
            .iter()
            .map(|svc| ServiceAttendance {
                service: svc.id.clone(),
                name: match lang {
                    Lang::Fi => svc.name_fi.clone(),
                    Lang::Sv => svc.name_sv.clone(),
                    Lang::En => svc.name_en.clone(),
                },
                required: svc.required,
                people: s
                    .participants
                    .iter()
                    .filter(|p| p.service == svc.id)
                    .count() as u32,
            })
            .collect();
        let required_present = attendance
            .iter()
            .filter(|a| a.required && a.people > 0)
            .map(|a| a.service.clone())
            .collect();
        let required_missing = attendance
            .iter()
            .filter(|a| a.required && a.people == 0)
            .map(|a| a.service.clone())
            .collect();
        let items: Vec<ItemSummary> = s
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ItemSummary {
                no: i + 1,
                id: it.id.clone(),
                kind: it.kind,
                title: it.title.clone(),
                summary: it.summary.clone(),
                question: it.question.clone(),
                themes: it.themes.clone(),
                services_wanted: it.services_wanted.clone(),
                presenter_service: it.presenter_service.clone(),
                status: it.status,
                allotted_min: it.allotted_ms.map(minutes),
                used_min: it.used_ms.map(minutes),
                overran: it.overran,
                outcome: it.outcome.clone(),
                carried_over: it.carried_over.as_ref().map(|c| CarriedFrom {
                    reason: c.reason,
                    from_meeting: c.from_meeting.clone(),
                    earlier_turns: c.history.len(),
                }),
                edited: it.edited,
                redacted: it.redacted,
            })
            .collect();
        Some(MeetingSummary {
            meeting_id: s.meeting.id.clone(),
            centre_id: s.meeting.centre_id.clone(),
            centre_name: rec.centre.name.clone(),
            title: s.meeting.title.clone(),
            date: local_date(s.meeting.starts_at, tz)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            scheduled_start: start_local
                .map(|z| format!("{:02}:{:02}", z.hour(), z.minute()))
                .unwrap_or_default(),
            time_zone: tz.clone(),
            scheduled_min: minutes(s.meeting.ends_at - s.meeting.starts_at),
            used_min: match (s.started_at, s.ended_at) {
                (Some(a), Some(b)) => minutes(b - a),
                _ => 0,
            },
            agenda_announced: s.confirmed.as_ref().map(|c| c.items),
            people_total: s.participants.len() as u32,
            attendance,
            required_present,
            required_missing,
            deferred: items
                .iter()
                .filter(|i| i.status == ItemStatus::Deferred)
                .count(),
            withdrawn: items
                .iter()
                .filter(|i| i.status == ItemStatus::Withdrawn)
                .count(),
            follow_ups: items
                .iter()
                .filter(|i| i.outcome.as_ref().is_some_and(|o| o.follow_up))
                .count(),
            redacted: items.iter().filter(|i| i.redacted).count(),
            items,
            rejected_identifiers: rec.rejected.clone(),
            texts_kept_until: rec
                .retention
                .kept_until
                .and_then(|ms| local_date(ms, tz))
                .map(|d| d.to_string()),
            texts_removed_on: rec
                .retention
                .purged_at
                .and_then(|ms| local_date(ms, tz))
                .map(|d| d.to_string()),
        })
    }

    /// What the minutes say about how long their texts live: until when they are kept, or
    /// that they were removed. `None` when neither is known.
    pub fn retention_note(&self, lang: Lang) -> Option<String> {
        if let Some(on) = &self.texts_removed_on {
            let d = display_date(on, lang);
            return Some(match lang {
                Lang::Fi => format!("Tekstit poistettu {d} säilytysajan päätyttyä; jäljellä ovat vain luvut (lajit, teemat, palvelut, ajat)."),
                Lang::Sv => format!("Texterna raderades {d} när lagringstiden gick ut; kvar finns bara siffrorna (typer, teman, tjänster, tider)."),
                Lang::En => format!("Texts were removed on {d} when the retention period ended; only the figures remain (kinds, themes, services, times)."),
            });
        }
        let d = display_date(self.texts_kept_until.as_deref()?, lang);
        Some(match lang {
            Lang::Fi => format!("Tekstit säilytetään {d} asti."),
            Lang::Sv => format!("Texterna sparas till och med {d}."),
            Lang::En => format!("Texts are kept until {d}."),
        })
    }

    /// The retention in one CSV cell: "säilytetään 11.1.2027 asti" or "poistettu 11.1.2027".
    fn retention_cell(&self, lang: Lang) -> String {
        if let Some(on) = &self.texts_removed_on {
            let d = display_date(on, lang);
            return lang.t("poistettu", "raderade", "removed").to_owned() + " " + &d;
        }
        self.texts_kept_until
            .as_deref()
            .map(|k| {
                let d = display_date(k, lang);
                match lang {
                    Lang::Fi => format!("säilytetään {d} asti"),
                    Lang::Sv => format!("sparas till och med {d}"),
                    Lang::En => format!("kept until {d}"),
                }
            })
            .unwrap_or_default()
    }

    fn service_name(&self, id: &ServiceId) -> String {
        self.attendance
            .iter()
            .find(|a| &a.service == id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }

    fn services(&self, ids: &[ServiceId]) -> String {
        ids.iter()
            .map(|s| self.service_name(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

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
        md += &format!("\n{}\n", footer(lang));
        md
    }

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
            t(
                "PPT-konsultaatio – muistio",
                "PPT-konsultation – minnesanteckningar",
                "PPT consultation – minutes"
            ),
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
        h += &format!(
            "<dt>{}</dt><dd>{}</dd></dl>",
            t("Osallistujia", "Deltagare", "Participants"),
            self.people_total
        );
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
        h += "</tbody></table></section>";
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
        h += &format!(
            "<footer>{}</footer></main></body></html>",
            esc(footer(lang))
        );
        h
    }

    /// CSV for Finnish Excel: one row per item.
    pub fn csv(&self, lang: Lang) -> String {
        let t = |fi, sv, en| lang.t(fi, sv, en);
        let header: Vec<String> = [
            t("tapaaminen", "möte", "meeting"),
            t("keskus", "central", "centre"),
            t("päivä", "datum", "date"),
            t("nro", "nr", "no"),
            t("laji", "typ", "kind"),
            t("otsikko", "rubrik", "title"),
            t("kysymys", "fråga", "question"),
            t("teemat", "teman", "themes"),
            t("toivotut palvelut", "önskade tjänster", "services wanted"),
            t(
                "esittäjän palvelu",
                "presentatörens tjänst",
                "presenter service",
            ),
            t("tila", "status", "status"),
            t("varattu min", "tilldelad min", "allotted min"),
            t("käytetty min", "använd min", "used min"),
            t("neuvot", "råd", "advice"),
            t("jatkotoimet", "åtgärder", "next steps"),
            t(
                "mukaan otettavat palvelut",
                "tjänster att involvera",
                "services to involve",
            ),
            t("seuranta", "uppföljning", "follow-up"),
            t(
                "siirretty edellisestä",
                "flyttad från förra",
                "carried over",
            ),
            t("huomautus", "anmärkning", "note"),
            t("tekstien säilytys", "lagring av texter", "text retention"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let yes_no = |b: bool| {
            if b {
                t("kyllä", "ja", "yes")
            } else {
                t("ei", "nej", "no")
            }
            .to_owned()
        };
        let rows: Vec<Vec<String>> = self
            .items
            .iter()
            .map(|it| {
                let o = it.outcome.clone().unwrap_or_default();
                vec![
                    self.meeting_id.to_string(),
                    self.centre_name.clone(),
                    self.date.clone(),
                    it.no.to_string(),
                    lang.kind(it.kind).to_owned(),
                    it.title.clone(),
                    it.question.clone(),
                    it.themes
                        .iter()
                        .map(|th| lang.theme(*th))
                        .collect::<Vec<_>>()
                        .join(", "),
                    self.services(&it.services_wanted),
                    self.service_name(&it.presenter_service),
                    lang.status(it.status).to_owned(),
                    it.allotted_min.map_or(String::new(), |m| m.to_string()),
                    it.used_min.map_or(String::new(), |m| m.to_string()),
                    o.advice,
                    o.next_steps,
                    self.services(&o.services_to_involve),
                    yes_no(o.follow_up),
                    it.carried_over
                        .as_ref()
                        .map_or(String::new(), |c| lang.carry(c.reason).to_owned()),
                    edit_note(it, lang).unwrap_or_default().to_owned(),
                    self.retention_cell(lang),
                ]
            })
            .collect();
        excel_csv::write(&header, &rows)
    }
}

/// What the minutes say about an item whose text changed: that it did, never what it was.
fn edit_note(it: &ItemSummary, lang: Lang) -> Option<&'static str> {
    if it.redacted {
        Some(lang.t(
            "puheenjohtaja poisti asian tekstin (siinä oli tunnistetieto); teksti on poistettu myös tallennetuista tiedoista",
            "ordföranden tog bort ärendets text (den innehöll en identifierande uppgift); texten är borttagen också ur de sparade uppgifterna",
            "the chair removed this item's text (it held an identifier); it is removed from the stored record too",
        ))
    } else if it.edited {
        Some(lang.t(
            "tekstiä muokattu lähettämisen jälkeen",
            "texten ändrad efter inskickningen",
            "text edited after it was submitted",
        ))
    } else {
        None
    }
}

/// The minutes' closing line. It claims only what the service does: every text was checked
/// for identifiers when it was recorded and again when these minutes were made (a hit would
/// have refused the export), and text the chair removed is gone from the stored record too.
fn footer(lang: Lang) -> &'static str {
    lang.t(
        "Anonyymi konsultaatio: jokainen teksti on tarkistettu asiakkaan tunnistetietojen varalta kirjattaessa ja uudelleen tätä muistiota tehtäessä; puheenjohtajan poistamat tekstit on poistettu myös tallennetuista tiedoista.",
        "Anonym konsultation: varje text har kontrollerats för klientuppgifter när den sparades och igen när dessa anteckningar gjordes; texter som ordföranden tagit bort är borttagna också ur de sparade uppgifterna.",
        "Anonymous consultation: every text was checked for client identifiers when it was recorded and again when these minutes were made; text the chair removed is removed from the stored record too.",
    )
}

/// An identifier kind's name; the kind as stored if it is not one this build knows.
fn finding_name(lang: Lang, kind: &str) -> String {
    shared::guard::FindingKind::parse(kind)
        .map_or_else(|| kind.to_owned(), |k| lang.finding(k).to_owned())
}

/// A date as people write it: "13.10.2026" in Finnish and Swedish, "13 Oct 2026" in English.
pub fn display_date(iso: &str, lang: Lang) -> String {
    let Ok(d) = iso.parse::<jiff::civil::Date>() else {
        return iso.to_owned();
    };
    match lang {
        Lang::Fi | Lang::Sv => format!("{}.{}.{}", d.day(), d.month(), d.year()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!(
                "{} {} {}",
                d.day(),
                MONTHS[d.month() as usize - 1],
                d.year()
            )
        }
    }
}

/// Escapes text for HTML (the project's one escaper, [`shared::html::escape`]).
pub fn esc(s: &str) -> String {
    shared::html::escape(s)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(kept: Option<&str>, removed: Option<&str>) -> MeetingSummary {
        MeetingSummary {
            meeting_id: MeetingId("m1".into()),
            centre_id: CentreId("c1".into()),
            centre_name: "Kalasatama".into(),
            title: "PPT-konsultaatio".into(),
            date: "2026-11-30".into(),
            scheduled_start: "13:00".into(),
            time_zone: "Europe/Helsinki".into(),
            scheduled_min: 60,
            used_min: 55,
            agenda_announced: None,
            attendance: vec![],
            people_total: 0,
            required_present: vec![],
            required_missing: vec![],
            items: vec![],
            deferred: 0,
            withdrawn: 0,
            follow_ups: 0,
            redacted: 0,
            rejected_identifiers: BTreeMap::new(),
            texts_kept_until: kept.map(str::to_owned),
            texts_removed_on: removed.map(str::to_owned),
        }
    }

    #[test]
    fn the_minutes_say_until_when_their_texts_are_kept_and_when_they_were_removed() {
        let m = minutes(Some("2027-02-28"), None);
        assert_eq!(
            m.retention_note(Lang::Fi).unwrap(),
            "Tekstit säilytetään 28.2.2027 asti."
        );
        assert_eq!(
            m.retention_note(Lang::Sv).unwrap(),
            "Texterna sparas till och med 28.2.2027."
        );
        assert_eq!(
            m.retention_note(Lang::En).unwrap(),
            "Texts are kept until 28 Feb 2027."
        );
        assert!(m
            .markdown(Lang::Fi)
            .contains("\nTekstit säilytetään 28.2.2027 asti.\n"));
        assert!(m
            .html(Lang::En)
            .contains("<p class=\"retention\">Texts are kept until 28 Feb 2027.</p>"));
        let removed = minutes(Some("2027-02-28"), Some("2027-02-28"));
        assert!(removed
            .retention_note(Lang::Fi)
            .unwrap()
            .starts_with("Tekstit poistettu 28.2.2027 säilytysajan päätyttyä"));
        assert!(removed
            .markdown(Lang::Sv)
            .contains("Texterna raderades 28.2.2027"));
        assert_eq!(minutes(None, None).retention_note(Lang::Fi), None);
    }
}
