//! Attendance patterns (issue 12): how often each required service of a centre was at its
//! last six held meetings, and which have missed three in a row. A coordinator's duty is to
//! notice services that keep missing, and a chair wants to know before the start who is
//! unlikely to come; one report at a time does not show it.
//!
//! `GET /api/centres/{centre}/attendance` (coordinator token) and
//! `GET /api/meetings/{meeting}/attendance` (the meeting's chair key as a Bearer token) answer
//! with [`Attendance`]; a period report carries one per centre
//! ([`super::PeriodReportView::attendance_pattern`]). The server computes it in one place
//! (`server/src/reports/attendance.rs`); the browser only draws it.

use crate::ids::{CentreId, ServiceId};
use crate::labels::Lang;
use serde::{Deserialize, Serialize};

/// How many held meetings the pattern looks back over.
pub const WINDOW: usize = 6;

/// How many missed meetings in a row earn a service the mark.
pub const MISSED_IN_A_ROW: u32 = 3;

/// A centre's attendance pattern: its required services over its last held meetings (at most
/// [`WINDOW`], oldest first). Held means ended, not cancelled; a meeting whose time passed
/// without anyone running it is not held and not counted against anyone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    /// The centre.
    pub centre_id: CentreId,
    /// Its name (a report over all centres has one pattern per centre).
    pub centre_name: String,
    /// How many meetings the pattern looks back over at most ([`WINDOW`]).
    pub window: u32,
    /// The held meetings looked at, oldest first: local dates in the centre's zone
    /// (`2026-10-13`). Fewer than the window when fewer were held.
    pub meetings: Vec<String>,
    /// One row per required service of the centre's catalogue, in catalogue order.
    pub services: Vec<ServiceAttendance>,
}

impl Attendance {
    /// The services that missed [`MISSED_IN_A_ROW`] or more meetings in a row, up to the
    /// latest.
    pub fn flagged(&self) -> impl Iterator<Item = &ServiceAttendance> {
        self.services.iter().filter(|s| s.missed_three_in_a_row)
    }
}

/// One required service over the meetings of an [`Attendance`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceAttendance {
    /// The service.
    pub service: ServiceId,
    /// Its Finnish name.
    pub name_fi: String,
    /// Its Swedish name.
    pub name_sv: String,
    /// Its English name.
    pub name_en: String,
    /// One mark per meeting of [`Attendance::meetings`], in the same order.
    pub marks: Vec<AttendanceMark>,
    /// Meetings at which someone took part for it.
    pub present: u32,
    /// Meetings whose catalogue listed it (it could be chosen there): the "of" in "1/6".
    pub expected: u32,
    /// Listed meetings missed in a row, counted back from the latest one.
    pub missed_in_a_row: u32,
    /// `missed_in_a_row` is [`MISSED_IN_A_ROW`] or more: the service keeps missing.
    pub missed_three_in_a_row: bool,
}

impl ServiceAttendance {
    /// Its name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.name_fi,
            Lang::Sv => &self.name_sv,
            Lang::En => &self.name_en,
        }
    }

    /// "1/6": meetings present of meetings listed.
    pub fn count(&self) -> String {
        format!("{}/{}", self.present, self.expected)
    }
}

/// What a service did at one held meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMark {
    /// Someone took part for it.
    Present,
    /// It was listed in the meeting's catalogue and nobody came for it.
    Missed,
    /// The meeting's catalogue did not list it (it was added later): neither present nor
    /// missed.
    NotListed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_view_reads_as_the_api_writes_it() {
        let a: Attendance = serde_json::from_value(json!({
            "centre_id": "kalasatama", "centre_name": "Kalasatama", "window": 6,
            "meetings": ["2026-10-13", "2026-11-10"],
            "services": [{
                "service": "oral_health", "name_fi": "Suun terveydenhuolto",
                "name_sv": "Mun- och tandvård", "name_en": "Oral health care",
                "marks": ["present", "not_listed"], "present": 1, "expected": 1,
                "missed_in_a_row": 0, "missed_three_in_a_row": false
            }]
        }))
        .unwrap();
        let s = &a.services[0];
        assert_eq!(s.count(), "1/1");
        assert_eq!(s.name(Lang::Sv), "Mun- och tandvård");
        assert_eq!(s.marks[1], AttendanceMark::NotListed);
        assert_eq!(a.flagged().count(), 0);
    }
}
