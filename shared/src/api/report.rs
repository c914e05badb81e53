//! A period report as `GET /api/reports?format=json` gives it: what a centre's meetings (or
//! all centres') showed over a date range. The coordinator page draws its key figures and
//! charts from this; the server's report module writes the same shape.
//!
//! Every count of items, and of experts by experience and guests, is a [`SuppressedCount`]
//! (issue 13): below 3 it is `"< 3"`, and the real value is not in the view at all.

use super::SuppressedCount;
use crate::ids::{CentreId, MeetingId, ServiceId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The figures of a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodReportView {
    /// The centre reported on; `None` for all centres.
    pub centre: Option<CentreId>,
    /// The dates reported on.
    pub range: RangeView,
    /// Meetings held (ended) in the range.
    pub meetings_held: u32,
    /// Items handled, of every kind (the sum of `items_by_kind`, suppressed with it).
    #[serde(default)]
    pub items_handled: SuppressedCount,
    /// Items per kind (`client_case`, `phenomenon`, `regional_matter`).
    pub items_by_kind: BTreeMap<String, SuppressedCount>,
    /// Items per theme (the theme's wire name).
    pub themes: BTreeMap<String, SuppressedCount>,
    /// Items with a recorded outcome.
    pub outcomes_recorded: SuppressedCount,
    /// Items whose outcome asks for a follow-up.
    pub follow_ups: SuppressedCount,
    /// Items deferred to a later meeting.
    pub deferred: SuppressedCount,
    /// Items withdrawn by their presenter.
    pub withdrawn: SuppressedCount,
    /// Items that were presented (time used known).
    pub items_timed: SuppressedCount,
    /// Minutes per presented item on average; none when none was timed.
    pub average_min_per_item: Option<f64>,
    /// How many items took how long.
    pub time_per_item: Vec<TimeBucket>,
    /// How often each service was there.
    pub attendance: Vec<AttendanceView>,
    /// Share of meetings where every required service was present (0–1).
    pub all_required_present_share: Option<f64>,
    /// Refused identifier findings per kind.
    pub rejected_identifiers: BTreeMap<String, u32>,
    /// One line per meeting held.
    pub meetings: Vec<MeetingLineView>,
    /// Per centre, its required services over its last six meetings held in the range, with
    /// the mark for those that missed three in a row.
    #[serde(default)]
    pub attendance_pattern: Vec<super::Attendance>,
    /// Experts by experience over the meetings held, counted apart from the services.
    #[serde(default)]
    pub experts_by_experience: SuppressedCount,
    /// Guests from outside the catalogue over the meetings held, counted apart from the
    /// services.
    #[serde(default)]
    pub guests: SuppressedCount,
    /// The small-number suppression rule in the report's language, as the report states it.
    #[serde(default)]
    pub suppression_rule: String,
    /// Structured feedback over the meetings with enough answers, and per meeting over time.
    #[serde(default)]
    pub feedback: super::feedback::PeriodFeedback,
    /// Quick consultation rooms, counted apart: none of the counts above includes them.
    #[serde(default)]
    pub quick: super::quick::PeriodQuick,
}

impl PeriodReportView {
    /// Items handled, of every kind.
    pub fn items(&self) -> SuppressedCount {
        self.items_handled
    }

    /// Items of one kind (by its wire name); a kind not there is 0.
    pub fn items_of(&self, kind: &str) -> SuppressedCount {
        self.items_by_kind
            .get(kind)
            .copied()
            .unwrap_or(SuppressedCount::Exact(0))
    }
}

/// The report's date range in local dates, both ends included: `2026-01-01`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeView {
    /// The first day.
    pub from: String,
    /// The last day (included).
    pub to: String,
}

/// One bar of the time-per-item distribution: `0–4` minutes, 3 items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeBucket {
    /// The minutes it covers: `0–4`, `20+`.
    pub label: String,
    /// Items that took that long.
    pub count: SuppressedCount,
}

/// How often a service was there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceView {
    /// The service's id.
    pub service: ServiceId,
    /// Its name in the report's language.
    pub name: String,
    /// Whether it is expected at every meeting.
    pub required: bool,
    /// Held meetings whose catalogue had this service.
    pub meetings: u32,
    /// Of those, meetings with at least one person for it.
    pub present: u32,
    /// `present / meetings`, 0–1.
    pub rate: f64,
}

/// One meeting's line in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLineView {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Its centre.
    pub centre_id: CentreId,
    /// The centre's name (the charts label meetings of several centres with it).
    pub centre_name: String,
    /// Local date, `2026-10-13`.
    pub date: String,
    /// Minutes the meeting took.
    pub used_min: i64,
    /// Items handled.
    pub items: SuppressedCount,
    /// Items deferred.
    pub deferred: SuppressedCount,
    /// Items asking for a follow-up.
    pub follow_ups: SuppressedCount,
    /// Whether every required service was there.
    pub all_required_present: bool,
    /// Texts the identifier guard refused in it.
    pub rejected: u32,
    /// People per service in this meeting (for attendance over time).
    pub people_by_service: BTreeMap<ServiceId, u32>,
    /// Experts by experience who took part (never in a service's count).
    #[serde(default)]
    pub experts_by_experience: SuppressedCount,
    /// Guests from outside the catalogue who took part (never in a service's count).
    #[serde(default)]
    pub guests: SuppressedCount,
}
