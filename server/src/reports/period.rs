//! Period reports: what a centre's meetings (or all centres') showed over a date range — the
//! figures the PPT network develops service paths from.

use super::minutes::MeetingSummary;
use super::ExportError;
use serde::Serialize;
use shared::api::suppression::{suppress, CountTable, SuppressedCount};
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
    pub count: SuppressedCount,
}

/// One meeting's line in the report.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingLine {
    pub meeting_id: MeetingId,
    pub centre_id: CentreId,
    pub centre_name: String,
    pub date: String,
    pub used_min: i64,
    pub items: SuppressedCount,
    pub deferred: SuppressedCount,
    pub follow_ups: SuppressedCount,
    pub all_required_present: bool,
    pub rejected: u32,
    /// People per service in this meeting (for attendance over time).
    pub people_by_service: BTreeMap<ServiceId, u32>,
    /// Experts by experience who took part, counted apart from the services.
    pub experts_by_experience: SuppressedCount,
    /// Guests who took part, counted apart from the services.
    pub guests: SuppressedCount,
    /// Items per kind in [`KINDS`] order, for the CSV's row.
    #[serde(skip)]
    pub by_kind: Vec<SuppressedCount>,
    /// Items per theme in `Theme::ALL` order, for the CSV's row.
    #[serde(skip)]
    pub by_theme: Vec<SuppressedCount>,
}

/// The figures of a period. Every count of items, experts and guests is a
/// [`SuppressedCount`] (issue 13): the real value of a small one is not in the report, so no
/// format can show it.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodReport {
    pub centre: Option<CentreId>,
    pub range: Range,
    pub meetings_held: usize,
    /// Items handled, of every kind.
    pub items_handled: SuppressedCount,
    pub items_by_kind: BTreeMap<String, SuppressedCount>,
    pub themes: BTreeMap<String, SuppressedCount>,
    pub outcomes_recorded: SuppressedCount,
    pub follow_ups: SuppressedCount,
    pub deferred: SuppressedCount,
    pub withdrawn: SuppressedCount,
    /// Items that were presented (time used known).
    pub items_timed: SuppressedCount,
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
    pub experts_by_experience: SuppressedCount,
    /// Guests from outside the catalogue over the meetings held, counted apart.
    pub guests: SuppressedCount,
    /// The small-number suppression rule, in the report's language (set by the caller).
    pub suppression_rule: String,
    /// Quick consultation rooms, counted apart: `held` is monthly meetings only
    /// ([`super::quick`]; empty until the caller fills it in).
    pub quick: shared::api::quick::PeriodQuick,
    /// Structured feedback over the meetings with at least five answers ([`super::feedback`]).
    pub feedback: shared::api::feedback::PeriodFeedback,
}

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

/// The kinds of item, in the order of the report's columns.
pub const KINDS: [ItemKind; 3] = [
    ItemKind::ClientCase,
    ItemKind::Phenomenon,
    ItemKind::RegionalMatter,
];

pub(super) fn kind_key(k: ItemKind) -> &'static str {
    match k {
        ItemKind::ClientCase => "client_case",
        ItemKind::Phenomenon => "phenomenon",
        ItemKind::RegionalMatter => "regional_matter",
    }
}

pub(super) fn theme_key(t: Theme) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One meeting's counts before suppression; never leaves this module.
#[derive(Default)]
struct RawLine {
    by_kind: Vec<u32>,
    by_theme: Vec<u32>,
    deferred: u32,
    follow_ups: u32,
    experts: u32,
    guests: u32,
}

/// A column of per-meeting counts whose sum is the period's figure: suppressed together so
/// the figure does not give a hidden meeting's count away. Returns the cells and the total.
fn column(values: impl Iterator<Item = u32>) -> (Vec<SuppressedCount>, SuppressedCount) {
    let out = suppress(&CountTable {
        cells: values.map(|v| vec![v]).collect(),
        rows_add_up: false,
        columns_add_up: true,
    });
    let total = out
        .column_totals
        .first()
        .copied()
        .unwrap_or(SuppressedCount::Exact(0));
    (
        out.cells.into_iter().map(|mut r| r.remove(0)).collect(),
        total,
    )
}

impl PeriodReport {
    /// Aggregates the minutes of the meetings held in the range, then suppresses every count
    /// of items and of experts and guests ([`shared::api::suppression`]): meetings × kinds with
    /// both margins, meetings × themes with the themes' totals, each per-meeting column with
    /// its period total, the time buckets with their total; counts without a shown total
    /// alone. Counts of the services' people, of meetings and of refused texts are shown as
    /// they are: they count the network's professionals and the guard, not clients.
    pub fn of(centre: Option<CentreId>, range: Range, held: &[MeetingSummary]) -> PeriodReport {
        let mut outcomes_recorded = 0;
        let mut withdrawn = 0;
        let mut items_timed = 0;
        let mut buckets = vec![0u32; BUCKETS.len()];
        let mut used_total = 0i64;
        let mut raw: Vec<RawLine> = Vec::new();
        let mut rates: BTreeMap<ServiceId, ServiceRate> = BTreeMap::new();
        let mut order: Vec<ServiceId> = Vec::new();
        let mut all_present = 0;
        let mut rejected_identifiers: BTreeMap<String, u32> = BTreeMap::new();
        for m in held {
            let mut line = RawLine {
                by_kind: vec![0; KINDS.len()],
                by_theme: vec![0; Theme::ALL.len()],
                experts: m.experts_by_experience,
                guests: m.guests,
                ..RawLine::default()
            };
            for it in &m.items {
                if it.status == ItemStatus::Withdrawn {
                    withdrawn += 1;
                    continue;
                }
                if let Some(k) = KINDS.iter().position(|k| *k == it.kind) {
                    line.by_kind[k] += 1;
                }
                for th in &it.themes {
                    if let Some(t) = Theme::ALL.iter().position(|x| x == th) {
                        line.by_theme[t] += 1;
                    }
                }
                if it.status == ItemStatus::Deferred {
                    line.deferred += 1;
                }
                if let Some(o) = &it.outcome {
                    outcomes_recorded += 1;
                    if o.follow_up {
                        line.follow_ups += 1;
                    }
                }
                if let Some(used) = it.used_min {
                    items_timed += 1;
                    used_total += used;
                    if let Some(i) = BUCKETS.iter().position(|b| used >= b.0 && used < b.1) {
                        buckets[i] += 1;
                    }
                }
            }
            raw.push(line);
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
                *rejected_identifiers.entry(k.clone()).or_default() += n;
            }
        }

        // Meetings × kinds: items per meeting are the row totals, items per kind the column
        // totals, all items the grand total.
        let kinds = suppress(&CountTable {
            cells: raw.iter().map(|l| l.by_kind.clone()).collect(),
            rows_add_up: true,
            columns_add_up: true,
        });
        let kind_totals: Vec<u32> = (0..KINDS.len())
            .map(|k| raw.iter().map(|l| l.by_kind[k]).sum())
            .collect();
        let items_by_kind = KINDS
            .iter()
            .enumerate()
            .filter(|(k, _)| kind_totals[*k] > 0)
            .map(|(k, kind)| (kind_key(*kind).to_owned(), kinds.column_totals[k]))
            .collect();
        // Meetings × themes: an item may have several themes, so only the columns add up.
        let themes_table = suppress(&CountTable {
            cells: raw.iter().map(|l| l.by_theme.clone()).collect(),
            rows_add_up: false,
            columns_add_up: true,
        });
        let themes = Theme::ALL
            .iter()
            .enumerate()
            .filter(|(t, _)| raw.iter().any(|l| l.by_theme[*t] > 0))
            .map(|(t, th)| (theme_key(*th), themes_table.column_totals[t]))
            .collect();
        let (deferred, deferred_total) = column(raw.iter().map(|l| l.deferred));
        let (follow_ups, follow_ups_total) = column(raw.iter().map(|l| l.follow_ups));
        let (experts, experts_total) = column(raw.iter().map(|l| l.experts));
        let (guests, guests_total) = column(raw.iter().map(|l| l.guests));
        let time = suppress(&CountTable {
            cells: vec![buckets],
            rows_add_up: true,
            columns_add_up: false,
        });

        let meetings = held
            .iter()
            .enumerate()
            .map(|(i, m)| MeetingLine {
                meeting_id: m.meeting_id.clone(),
                centre_id: m.centre_id.clone(),
                centre_name: m.centre_name.clone(),
                date: m.date.clone(),
                used_min: m.used_min,
                items: kinds.row_totals[i],
                deferred: deferred[i],
                follow_ups: follow_ups[i],
                all_required_present: m.required_missing.is_empty(),
                rejected: m.rejected_identifiers.values().sum(),
                people_by_service: m
                    .attendance
                    .iter()
                    .map(|a| (a.service.clone(), a.people))
                    .collect(),
                experts_by_experience: experts[i],
                guests: guests[i],
                by_kind: kinds.cells[i].clone(),
                by_theme: themes_table.cells[i].clone(),
            })
            .collect();
        let attendance = order
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
        PeriodReport {
            centre,
            range,
            meetings_held: held.len(),
            items_handled: kinds.total.unwrap_or(SuppressedCount::Exact(0)),
            items_by_kind,
            themes,
            outcomes_recorded: SuppressedCount::of(outcomes_recorded),
            follow_ups: follow_ups_total,
            deferred: deferred_total,
            withdrawn: SuppressedCount::of(withdrawn),
            items_timed: time.row_totals[0],
            average_min_per_item: (items_timed > 0)
                .then(|| round4(used_total as f64 / items_timed as f64)),
            time_per_item: BUCKETS
                .iter()
                .zip(&time.cells[0])
                .map(|(b, n)| Bucket {
                    label: b.2.to_owned(),
                    count: *n,
                })
                .collect(),
            attendance,
            all_required_present_share: (!held.is_empty())
                .then(|| round4(all_present as f64 / held.len() as f64)),
            rejected_identifiers,
            meetings,
            attendance_pattern: Vec::new(),
            experts_by_experience: experts_total,
            guests: guests_total,
            suppression_rule: String::new(),
            quick: Default::default(),
            feedback: super::feedback::in_period(held),
        }
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
