//! The minutes as CSV for Finnish Excel: one row per item (the month's theme, workshop and
//! task between workshops repeated on each row, as the meeting's other facts are).

use super::{edit_note, MeetingSummary};
use crate::reports::excel_csv;
use crate::reports::labels::Lang;

impl MeetingSummary {
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
            t(
                "tuotu esityslistalle",
                "förd till listan",
                "brought to the agenda",
            ),
            t(
                "kokemusasiantuntijoita",
                "erfarenhetsexperter",
                "experts by experience",
            ),
            t("vieraita", "gäster", "guests"),
            t("kuukauden teema", "månadens tema", "theme of the month"),
            t("työpaja", "workshop", "workshop"),
            t("välitehtävä", "mellanuppgift", "task between workshops"),
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
        let month = self.month_theme.as_ref();
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
                    it.arrival.map_or("", |a| lang.arrival(a)).to_owned(),
                    self.experts_by_experience.to_string(),
                    self.guests.to_string(),
                    month.map_or(String::new(), |m| m.theme.clone()),
                    month.and_then(|m| m.workshop).map_or(String::new(), |w| {
                        let [fi, sv, en] = w.names();
                        lang.t(fi, sv, en).to_owned()
                    }),
                    month
                        .and_then(|m| m.between_task.clone())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        excel_csv::write(&header, &rows) + &self.feedback_csv(lang)
    }
}
