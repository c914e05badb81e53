//! Attendance patterns (issue 12): per required service of a centre, how many of its last six
//! held meetings someone took part for it, and whether it has missed three in a row. The one
//! place that computes it: the coordinator's and the chair's endpoints
//! (`server/src/api/attendance.rs`) and the period report all call here.
//!
//! The rules, where the issue leaves them open:
//! - **Held** means ended and not cancelled ([`last_held`]): the same meetings the minutes and
//!   period reports count. A meeting whose hour passed without anyone running it is not held,
//!   so it counts against no one. The last six are the latest by scheduled start.
//! - **Present** is what the minutes say: at least one person took part for the service
//!   ([`Held::of`] reads [`MeetingSummary::attendance`]), so the pattern, the minutes and the
//!   period report can never disagree about a meeting.
//! - **Required** services are those marked required in the centre's catalogue as it is now.
//!   A meeting whose own catalogue did not list a service (it was added later) is
//!   [`AttendanceMark::NotListed`] for it: neither present nor missed, and not in the "of".
//! - **Three in a row** is the run of missed meetings up to the latest one (unlisted meetings
//!   skipped): a service that missed three and then came back is not marked, one that keeps
//!   missing is.
//!
//! [`tally`] and [`last_held`] are pure; [`of_centre`] and [`in_period`] feed them from the
//! database and from a period report's minutes.

use super::labels::Lang;
use super::minutes::MeetingSummary;
use super::{load, ExportError, Recorded};
use crate::db::centres;
use crate::db::meetings::{self, MeetingRow};
use shared::api::attendance::{MISSED_IN_A_ROW, WINDOW};
use shared::api::{Attendance, AttendanceMark, ServiceAttendance};
use shared::domain::Service;
use shared::ids::{CentreId, MeetingId, ServiceId};
use std::collections::{BTreeMap, BTreeSet};

/// One held meeting as the pattern reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Held {
    /// Its local date in the centre's zone, `2026-10-13`.
    pub date: String,
    /// The services its catalogue listed (could be chosen when joining).
    pub listed: BTreeSet<ServiceId>,
    /// The services someone took part for.
    pub present: BTreeSet<ServiceId>,
}

impl Held {
    /// The minutes' reading of a meeting: the services of its catalogue, and those at least
    /// one person took part for.
    pub fn of(s: &MeetingSummary) -> Held {
        Held {
            date: s.date.clone(),
            listed: s.attendance.iter().map(|a| a.service.clone()).collect(),
            present: s
                .attendance
                .iter()
                .filter(|a| a.people > 0)
                .map(|a| a.service.clone())
                .collect(),
        }
    }
}

/// The meetings the pattern looks at: the monthly meetings held (ended, not cancelled), the
/// latest [`WINDOW`] by scheduled start, oldest first. A quick consultation room invites only
/// the services its question needs, so it says nothing about who comes to the monthly meeting.
pub fn last_held<'a>(rows: impl IntoIterator<Item = &'a MeetingRow>) -> Vec<&'a MeetingRow> {
    let mut held: Vec<&MeetingRow> = rows
        .into_iter()
        .filter(|r| r.ended_at.is_some() && r.cancelled_at.is_none() && r.kind.is_monthly())
        .collect();
    held.sort_by_key(|r| (r.starts_at, r.ended_at));
    let older = held.len().saturating_sub(WINDOW);
    held.split_off(older)
}

/// The pattern of the required services of `catalogue` over `held` (oldest first; only the
/// latest [`WINDOW`] count).
pub fn tally(
    centre: &CentreId,
    centre_name: &str,
    catalogue: &[Service],
    held: &[Held],
) -> Attendance {
    let held = &held[held.len().saturating_sub(WINDOW)..];
    let services = catalogue
        .iter()
        .filter(|s| s.required)
        .map(|s| {
            let marks: Vec<AttendanceMark> = held
                .iter()
                .map(|m| {
                    if m.present.contains(&s.id) {
                        AttendanceMark::Present
                    } else if m.listed.contains(&s.id) {
                        AttendanceMark::Missed
                    } else {
                        AttendanceMark::NotListed
                    }
                })
                .collect();
            let count = |mark| marks.iter().filter(|m| **m == mark).count() as u32;
            let missed_in_a_row = marks
                .iter()
                .rev()
                .filter(|m| **m != AttendanceMark::NotListed)
                .take_while(|m| **m == AttendanceMark::Missed)
                .count() as u32;
            ServiceAttendance {
                service: s.id.clone(),
                name_fi: s.name_fi.clone(),
                name_sv: s.name_sv.clone(),
                name_en: s.name_en.clone(),
                present: count(AttendanceMark::Present),
                expected: count(AttendanceMark::Present) + count(AttendanceMark::Missed),
                missed_in_a_row,
                missed_three_in_a_row: missed_in_a_row >= MISSED_IN_A_ROW,
                marks,
            }
        })
        .collect();
    Attendance {
        centre_id: centre.clone(),
        centre_name: centre_name.to_owned(),
        window: WINDOW as u32,
        meetings: held.iter().map(|m| m.date.clone()).collect(),
        services,
    }
}

/// A centre's pattern now: its last held meetings, leaving out `except` (the chair's own
/// meeting, which is not part of its own history).
pub fn of_centre(
    conn: &crate::db::Connection,
    centre: &CentreId,
    except: Option<&MeetingId>,
) -> Result<Attendance, ExportError> {
    let c = centres::get(conn, centre)?.ok_or(ExportError::UnknownCentre)?;
    let rows = meetings::list_for_centre(conn, centre, None, None)?;
    let mut held = Vec::new();
    for row in last_held(rows.iter().filter(|r| Some(&r.id) != except)) {
        // The row says it ended; its replayed log agrees (the minutes exist) or it is left out.
        if let Some(s) = MeetingSummary::of(&load(conn, &row.id)?, Lang::Fi) {
            held.push(Held::of(&s));
        }
    }
    Ok(tally(&c.id, &c.name, &c.services, &held))
}

/// The patterns of a period report: per centre with meetings held in the range, its last six
/// of them. `held` are the minutes of `recorded` (the meetings of the range).
pub fn in_period(recorded: &[Recorded], held: &[MeetingSummary]) -> Vec<Attendance> {
    let minutes: BTreeMap<&MeetingId, &MeetingSummary> =
        held.iter().map(|s| (&s.meeting_id, s)).collect();
    let mut centres: Vec<&CentreId> = Vec::new();
    for r in recorded {
        if !centres.contains(&&r.centre.id) {
            centres.push(&r.centre.id);
        }
    }
    centres
        .into_iter()
        .filter_map(|id| {
            let of_centre: Vec<&Recorded> =
                recorded.iter().filter(|r| &r.centre.id == id).collect();
            let centre = &of_centre.first()?.centre;
            let chosen = last_held(of_centre.iter().map(|r| &r.row));
            let meetings: Vec<Held> = chosen
                .iter()
                .filter_map(|row| minutes.get(&row.id).map(|s| Held::of(s)))
                .collect();
            Some(tally(&centre.id, &centre.name, &centre.services, &meetings))
        })
        .collect()
}

/// What a mark says in a table cell, in words (never a colour or a symbol alone).
pub fn mark_word(mark: AttendanceMark, lang: Lang) -> &'static str {
    match mark {
        AttendanceMark::Present => lang.t("paikalla", "närvarande", "present"),
        AttendanceMark::Missed => lang.t("poissa", "frånvarande", "missed"),
        AttendanceMark::NotListed => lang.t("ei luettelossa", "inte i katalogen", "not listed"),
    }
}

/// The mark of a service that keeps missing: "⚠ poissa 3 kertaa peräkkäin".
pub fn flag_text(s: &ServiceAttendance, lang: Lang) -> String {
    let n = s.missed_in_a_row;
    match lang {
        Lang::Fi => format!("⚠ poissa {n} kertaa peräkkäin"),
        Lang::Sv => format!("⚠ frånvarande {n} gånger i rad"),
        Lang::En => format!("⚠ missed {n} in a row"),
    }
}

/// The patterns as rows for the period report's CSV, under its other rows: a blank row, then
/// per centre a title, a header (the meetings' dates) and a row per required service. Every
/// row is `width` cells long, as the CSV's header is.
pub fn csv_rows(patterns: &[Attendance], lang: Lang, width: usize) -> Vec<Vec<String>> {
    let t = |fi, sv, en| lang.t(fi, sv, en).to_owned();
    let mut rows = Vec::new();
    for a in patterns {
        rows.push(Vec::new());
        rows.push(vec![format!(
            "{} – {}",
            t(
                "Pakollisten palvelujen osallistuminen kuuteen viimeisimpään tapaamiseen",
                "De obligatoriska tjänsternas deltagande i de sex senaste mötena",
                "Required services at the last six meetings",
            ),
            a.centre_name
        )]);
        let mut header = vec![t("palvelu", "tjänst", "service")];
        header.extend(a.meetings.iter().cloned());
        header.extend([
            t("paikalla", "närvarande", "present"),
            t("tapaamisia", "möten", "meetings"),
            t("poissa peräkkäin", "frånvarande i rad", "missed in a row"),
            t("huomio", "obs", "note"),
        ]);
        rows.push(header);
        for s in &a.services {
            let mut row = vec![s.name(lang).to_owned()];
            row.extend(s.marks.iter().map(|m| mark_word(*m, lang).to_owned()));
            row.extend([
                s.present.to_string(),
                s.expected.to_string(),
                s.missed_in_a_row.to_string(),
                if s.missed_three_in_a_row {
                    flag_text(s, lang)
                } else {
                    String::new()
                },
            ]);
            rows.push(row);
        }
    }
    for r in &mut rows {
        r.resize(width.max(r.len()), String::new());
    }
    rows
}

#[cfg(test)]
#[path = "attendance_tests.rs"]
mod tests;
