//! The period report as CSV for Finnish Excel: one row per meeting, the totals, the attendance
//! rates, the attendance pattern, and the small-number suppression rule the counts follow. Every
//! count of items and of experts and guests comes from the report's suppressed figures, never
//! from the meetings' own.

use super::excel_csv::{self, decimal};
use super::labels::Lang;
use super::minutes::MeetingSummary;
use super::period::{PeriodReport, KINDS};
use shared::domain::{ItemKind, ItemStatus, Theme};

/// The CSV's columns before the per-service and per-theme ones.
const BASE_COLUMNS: usize = 15;

impl PeriodReport {
    /// CSV for Finnish Excel: one row per meeting, then totals and attendance rates, then the
    /// attendance pattern of each centre's last six meetings.
    pub fn csv(&self, lang: Lang, held: &[MeetingSummary]) -> String {
        let t = |fi, sv, en| lang.t(fi, sv, en);
        let themes = Theme::ALL;
        let mut header: Vec<String> = [
            t("keskus", "central", "centre"),
            t("päivä", "datum", "date"),
            t("tapaaminen", "möte", "meeting"),
            t("käytetty min", "använd min", "used min"),
            t("asioita", "ärenden", "items"),
            t("asiakastapauksia", "klientfall", "client cases"),
            t("ilmiöitä", "fenomen", "phenomena"),
            t("alueellisia", "regionala", "regional matters"),
            t("siirretty", "flyttade", "deferred"),
            t("seurantaan", "uppföljning", "follow-ups"),
            t(
                "keskim. min / asia",
                "medel min / ärende",
                "avg min per item",
            ),
            t(
                "kaikki pakolliset paikalla",
                "alla obligatoriska närvarande",
                "all required present",
            ),
            t(
                "torjutut tunnisteet",
                "avvisade identifierare",
                "identifiers refused",
            ),
            t(
                "kokemusasiantuntijoita",
                "erfarenhetsexperter",
                "experts by experience",
            ),
            t("vieraita", "gäster", "guests"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for s in &self.attendance {
            header.push(format!(
                "{}: {}",
                t("henkilöitä", "personer", "people"),
                s.name
            ));
        }
        for th in themes {
            header.push(format!(
                "{}: {}",
                t("teema", "tema", "theme"),
                lang.theme(th)
            ));
        }
        let yes_no = |b: bool| {
            if b {
                t("kyllä", "ja", "yes")
            } else {
                t("ei", "nej", "no")
            }
            .to_owned()
        };
        let mut rows = Vec::new();
        for (m, line) in held.iter().zip(&self.meetings) {
            let kind = |k: ItemKind| {
                KINDS
                    .iter()
                    .position(|x| *x == k)
                    .map_or(String::new(), |i| line.by_kind[i].to_string())
            };
            let live: Vec<_> = m
                .items
                .iter()
                .filter(|i| i.status != ItemStatus::Withdrawn)
                .collect();
            let timed: Vec<i64> = live.iter().filter_map(|i| i.used_min).collect();
            let avg = if timed.is_empty() {
                String::new()
            } else {
                decimal(timed.iter().sum::<i64>() as f64 / timed.len() as f64, 1)
            };
            let mut row = vec![
                m.centre_name.clone(),
                m.date.clone(),
                m.meeting_id.to_string(),
                m.used_min.to_string(),
                line.items.to_string(),
                kind(ItemKind::ClientCase),
                kind(ItemKind::Phenomenon),
                kind(ItemKind::RegionalMatter),
                line.deferred.to_string(),
                line.follow_ups.to_string(),
                avg,
                yes_no(m.required_missing.is_empty()),
                m.rejected_identifiers.values().sum::<u32>().to_string(),
                line.experts_by_experience.to_string(),
                line.guests.to_string(),
            ];
            for s in &self.attendance {
                row.push(
                    m.attendance
                        .iter()
                        .find(|a| a.service == s.service)
                        .map_or(String::new(), |a| a.people.to_string()),
                );
            }
            row.extend(line.by_theme.iter().map(|n| n.to_string()));
            rows.push(row);
        }
        let kind = |k: &str| {
            self.items_by_kind
                .get(k)
                .map_or("0".to_owned(), |n| n.to_string())
        };
        let mut total = vec![
            t("Yhteensä", "Totalt", "Total").to_owned(),
            format!("{} – {}", self.range.from, self.range.to),
            format!(
                "{} {}",
                self.meetings_held,
                t("tapaamista", "möten", "meetings")
            ),
            held.iter().map(|m| m.used_min).sum::<i64>().to_string(),
            self.items_handled.to_string(),
            kind("client_case"),
            kind("phenomenon"),
            kind("regional_matter"),
            self.deferred.to_string(),
            self.follow_ups.to_string(),
            self.average_min_per_item
                .map_or(String::new(), |a| decimal(a, 1)),
            self.all_required_present_share
                .map_or(String::new(), |s| format!("{} %", decimal(s * 100.0, 0))),
            self.rejected_identifiers.values().sum::<u32>().to_string(),
            self.experts_by_experience.to_string(),
            self.guests.to_string(),
        ];
        for s in &self.attendance {
            total.push(
                held.iter()
                    .flat_map(|m| &m.attendance)
                    .filter(|a| a.service == s.service)
                    .map(|a| a.people)
                    .sum::<u32>()
                    .to_string(),
            );
        }
        for th in themes {
            total.push(
                self.themes
                    .get(&super::period::theme_key(th))
                    .map_or("0".to_owned(), |n| n.to_string()),
            );
        }
        rows.push(total);
        let mut rate_row = vec![t(
            "Osallistumisaste %",
            "Deltagandegrad %",
            "Attendance rate %",
        )
        .to_owned()];
        rate_row.resize(BASE_COLUMNS, String::new());
        for s in &self.attendance {
            rate_row.push(decimal(s.rate * 100.0, 1));
        }
        rate_row.resize(header.len(), String::new());
        rows.push(rate_row);
        rows.extend(super::attendance::csv_rows(
            &self.attendance_pattern,
            lang,
            header.len(),
        ));
        rows.extend(super::feedback::csv_rows(
            &self.feedback,
            lang,
            header.len(),
        ));
        rows.extend(super::quick::csv_rows(&self.quick, lang, header.len()));
        let mut rule = vec![String::new(); header.len()];
        rows.push(rule.clone());
        rule[0] = shared::api::suppression::rule_text(lang).to_owned();
        rows.push(rule);
        excel_csv::write(&header, &rows)
    }
}
