//! Period reports: what a centre's meetings (or all centres') showed over a date range — the
//! figures the PPT network develops service paths from.

use super::excel_csv::{self, decimal};
use super::labels::Lang;
use super::minutes::MeetingSummary;
use super::ExportError;
use serde::Serialize;
use shared::domain::{ItemKind, ItemStatus, Theme};
use shared::ids::{CentreId, MeetingId, ServiceId};
use std::collections::BTreeMap;

/// A date range in local dates, both ends included.
#[derive(Clone, Debug, Serialize)]
pub struct Range {
    pub from: String,
    pub to: String,
    #[serde(skip)]
    pub from_ms: i64,
    #[serde(skip)]
    pub to_ms: i64,
}

impl Range {
    /// Parses `YYYY-MM-DD` dates in `tz`; `to` is included. At most ten years.
    pub fn parse(from: &str, to: &str, tz: &str) -> Result<Range, ExportError> {
        let bad =
            |what: &str| ExportError::BadRange(format!("{what} must be a date like 2026-01-31"));
        let f: jiff::civil::Date = from.parse().map_err(|_| bad("from"))?;
        let t: jiff::civil::Date = to.parse().map_err(|_| bad("to"))?;
        if t < f {
            return Err(ExportError::BadRange(
                "the range ends before it starts".into(),
            ));
        }
        if (t - f).get_days() > 3660 {
            return Err(ExportError::BadRange(
                "the range is longer than ten years".into(),
            ));
        }
        let zone = jiff::tz::TimeZone::get(tz)
            .map_err(|_| ExportError::BadRange("unknown time zone".into()))?;
        let start = f.to_zoned_datetime(zone.clone()).map_err(|_| bad("from"))?;
        let end = t
            .tomorrow()
            .and_then(|d| d.to_zoned_datetime(zone))
            .map_err(|_| bad("to"))?;
        Ok(Range {
            from: f.to_string(),
            to: t.to_string(),
            from_ms: start.timestamp().as_millisecond(),
            to_ms: end.timestamp().as_millisecond(),
        })
    }
}

/// How often a service was there.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceRate {
    pub service: ServiceId,
    pub name: String,
    pub required: bool,
    /// Held meetings whose catalogue had this service.
    pub meetings: usize,
    /// Of those, meetings with at least one person for it.
    pub present: usize,
    pub rate: f64,
}

/// One bar of the time-per-item distribution.
#[derive(Clone, Debug, Serialize)]
pub struct Bucket {
    pub label: String,
    pub count: usize,
}

/// One meeting's line in the report.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingLine {
    pub meeting_id: MeetingId,
    pub centre_id: CentreId,
    pub centre_name: String,
    pub date: String,
    pub used_min: i64,
    pub items: usize,
    pub deferred: usize,
    pub follow_ups: usize,
    pub all_required_present: bool,
    pub rejected: u32,
    /// People per service in this meeting (for attendance over time).
    pub people_by_service: BTreeMap<ServiceId, u32>,
    /// Experts by experience who took part, counted apart from the services.
    pub experts_by_experience: u32,
    /// Guests who took part, counted apart from the services.
    pub guests: u32,
}

/// The figures of a period.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodReport {
    pub centre: Option<CentreId>,
    pub range: Range,
    pub meetings_held: usize,
    pub items_by_kind: BTreeMap<String, usize>,
    pub themes: BTreeMap<String, usize>,
    pub outcomes_recorded: usize,
    pub follow_ups: usize,
    pub deferred: usize,
    pub withdrawn: usize,
    /// Items that were presented (time used known).
    pub items_timed: usize,
    pub average_min_per_item: Option<f64>,
    pub time_per_item: Vec<Bucket>,
    pub attendance: Vec<ServiceRate>,
    /// Share of meetings where every required service was present (0–1).
    pub all_required_present_share: Option<f64>,
    pub rejected_identifiers: BTreeMap<String, u32>,
    pub meetings: Vec<MeetingLine>,
    /// Per centre, its required services over its last six meetings of the range
    /// ([`super::attendance::in_period`]; empty until the caller fills it in).
    pub attendance_pattern: Vec<shared::api::Attendance>,
    /// Experts by experience over the meetings held (each meeting's people once), counted
    /// apart from the services: they never make a service present.
    pub experts_by_experience: u32,
    /// Guests from outside the catalogue over the meetings held, counted apart.
    pub guests: u32,
}

/// The CSV's columns before the per-service and per-theme ones.
const BASE_COLUMNS: usize = 15;

const BUCKETS: [(i64, i64, &str); 5] = [
    (0, 5, "0–4"),
    (5, 10, "5–9"),
    (10, 15, "10–14"),
    (15, 20, "15–19"),
    (20, i64::MAX, "20+"),
];

/// Shares and averages to four decimals: enough for any report, and a JSON number such as
/// 0.3333333333333333 would otherwise carry a sixteen-digit run that reads like a record
/// number to the export check.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn kind_key(k: ItemKind) -> &'static str {
    match k {
        ItemKind::ClientCase => "client_case",
        ItemKind::Phenomenon => "phenomenon",
        ItemKind::RegionalMatter => "regional_matter",
    }
}

fn theme_key(t: Theme) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl PeriodReport {
    /// Aggregates the minutes of the meetings held in the range.
    pub fn of(centre: Option<CentreId>, range: Range, held: &[MeetingSummary]) -> PeriodReport {
        let mut r = PeriodReport {
            centre,
            range,
            meetings_held: held.len(),
            items_by_kind: BTreeMap::new(),
            themes: BTreeMap::new(),
            outcomes_recorded: 0,
            follow_ups: 0,
            deferred: 0,
            withdrawn: 0,
            items_timed: 0,
            average_min_per_item: None,
            time_per_item: BUCKETS
                .iter()
                .map(|b| Bucket {
                    label: b.2.to_owned(),
                    count: 0,
                })
                .collect(),
            attendance: Vec::new(),
            all_required_present_share: None,
            rejected_identifiers: BTreeMap::new(),
            meetings: Vec::new(),
            attendance_pattern: Vec::new(),
            experts_by_experience: held.iter().map(|m| m.experts_by_experience).sum(),
            guests: held.iter().map(|m| m.guests).sum(),
        };
        let mut used_total = 0i64;
        let mut rates: BTreeMap<ServiceId, ServiceRate> = BTreeMap::new();
        let mut order: Vec<ServiceId> = Vec::new();
        let mut all_present = 0;
        for m in held {
            for it in &m.items {
                if it.status == ItemStatus::Withdrawn {
                    r.withdrawn += 1;
                    continue;
                }
                *r.items_by_kind
                    .entry(kind_key(it.kind).to_owned())
                    .or_default() += 1;
                for th in &it.themes {
                    *r.themes.entry(theme_key(*th)).or_default() += 1;
                }
                if it.status == ItemStatus::Deferred {
                    r.deferred += 1;
                }
                if let Some(o) = &it.outcome {
                    r.outcomes_recorded += 1;
                    if o.follow_up {
                        r.follow_ups += 1;
                    }
                }
                if let Some(used) = it.used_min {
                    r.items_timed += 1;
                    used_total += used;
                    if let Some(i) = BUCKETS.iter().position(|b| used >= b.0 && used < b.1) {
                        r.time_per_item[i].count += 1;
                    }
                }
            }
            for a in &m.attendance {
                if !rates.contains_key(&a.service) {
                    order.push(a.service.clone());
                }
                let e = rates
                    .entry(a.service.clone())
                    .or_insert_with(|| ServiceRate {
                        service: a.service.clone(),
                        name: a.name.clone(),
                        required: a.required,
                        meetings: 0,
                        present: 0,
                        rate: 0.0,
                    });
                e.meetings += 1;
                if a.people > 0 {
                    e.present += 1;
                }
            }
            if m.required_missing.is_empty() {
                all_present += 1;
            }
            for (k, n) in &m.rejected_identifiers {
                *r.rejected_identifiers.entry(k.clone()).or_default() += n;
            }
            r.meetings.push(MeetingLine {
                meeting_id: m.meeting_id.clone(),
                centre_id: m.centre_id.clone(),
                centre_name: m.centre_name.clone(),
                date: m.date.clone(),
                used_min: m.used_min,
                items: m
                    .items
                    .iter()
                    .filter(|i| i.status != ItemStatus::Withdrawn)
                    .count(),
                deferred: m.deferred,
                follow_ups: m.follow_ups,
                all_required_present: m.required_missing.is_empty(),
                rejected: m.rejected_identifiers.values().sum(),
                people_by_service: m
                    .attendance
                    .iter()
                    .map(|a| (a.service.clone(), a.people))
                    .collect(),
                experts_by_experience: m.experts_by_experience,
                guests: m.guests,
            });
        }
        if r.items_timed > 0 {
            r.average_min_per_item = Some(round4(used_total as f64 / r.items_timed as f64));
        }
        if !held.is_empty() {
            r.all_required_present_share = Some(round4(all_present as f64 / held.len() as f64));
        }
        r.attendance = order
            .into_iter()
            .filter_map(|s| rates.remove(&s))
            .map(|mut s| {
                s.rate = if s.meetings > 0 {
                    round4(s.present as f64 / s.meetings as f64)
                } else {
                    0.0
                };
                s
            })
            .collect();
        r
    }

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
        for m in held {
            let live: Vec<_> = m
                .items
                .iter()
                .filter(|i| i.status != ItemStatus::Withdrawn)
                .collect();
            let count = |k: ItemKind| live.iter().filter(|i| i.kind == k).count().to_string();
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
                live.len().to_string(),
                count(ItemKind::ClientCase),
                count(ItemKind::Phenomenon),
                count(ItemKind::RegionalMatter),
                m.deferred.to_string(),
                m.follow_ups.to_string(),
                avg,
                yes_no(m.required_missing.is_empty()),
                m.rejected_identifiers.values().sum::<u32>().to_string(),
                m.experts_by_experience.to_string(),
                m.guests.to_string(),
            ];
            for s in &self.attendance {
                row.push(
                    m.attendance
                        .iter()
                        .find(|a| a.service == s.service)
                        .map_or(String::new(), |a| a.people.to_string()),
                );
            }
            for th in themes {
                row.push(
                    live.iter()
                        .filter(|i| i.themes.contains(&th))
                        .count()
                        .to_string(),
                );
            }
            rows.push(row);
        }
        let kind = |k: &str| self.items_by_kind.get(k).copied().unwrap_or(0).to_string();
        let mut total = vec![
            t("Yhteensä", "Totalt", "Total").to_owned(),
            format!("{} – {}", self.range.from, self.range.to),
            format!(
                "{} {}",
                self.meetings_held,
                t("tapaamista", "möten", "meetings")
            ),
            held.iter().map(|m| m.used_min).sum::<i64>().to_string(),
            self.items_by_kind.values().sum::<usize>().to_string(),
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
                    .get(&theme_key(th))
                    .copied()
                    .unwrap_or(0)
                    .to_string(),
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
        excel_csv::write(&header, &rows)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_are_rounded_to_four_decimals() {
        assert_eq!(super::round4(1.0 / 3.0), 0.3333);
        assert_eq!(
            serde_json::to_string(&super::round4(2.0 / 3.0)).unwrap(),
            "0.6667"
        );
    }
}
