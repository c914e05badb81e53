//! The coordinator's HTTP contract: every JSON body the HTTP API answers with or accepts, as
//! types. The server builds and serializes them; the coordinator page deserializes the very
//! same types, so a field renamed on one side is a compile error on the other, not a blank on
//! the page. (The WebSocket protocol of a meeting is [`crate::protocol`].)
//!
//! Map, route by route:
//! - `GET /api/health` → [`Health`].
//! - `GET /api/centres` → [`CentreList`]; `POST /api/centres` [`NewCentre`] and
//!   `PATCH /api/centres/{centre}` [`CentrePatch`] → [`CentreView`];
//!   `POST /api/centres/{centre}/feed/rotate` → [`CentreView`] ([`centre`]).
//! - `GET /api/centres/{centre}/meetings` → [`CentreMeetings`]; `POST /api/meetings`
//!   [`NewMeeting`], `GET /api/meetings/{meeting}`, `PATCH` [`MoveMeeting`], `POST …/cancel`,
//!   `POST …/rotate` [`RotateKey`] → [`MeetingView`] ([`meeting`]).
//! - `GET /api/meetings/{meeting}/digests` → [`MeetingDigests`] ([`digest`]).
//! - `GET /api/reports?format=json` → [`PeriodReportView`] ([`report`]); its counts are
//!   [`SuppressedCount`]s ([`suppression`]).
//! - `GET /api/centres/{centre}/attendance` (coordinator token) and
//!   `GET /api/meetings/{meeting}/attendance` (the chair key) → [`Attendance`] ([`attendance`]).
//! - `GET/PUT /api/centres/{centre}/theme-clock/{year}` [`ThemeClockUpdate`] and
//!   `POST …/theme-clock/{year}/copy-from/{from}` → [`ThemeClock`] ([`theme_clock`]).
//! - `POST /api/meetings/{meeting}/feedback` and `…/feedback/status` ([`feedback`]).
//! - `POST /api/quick`, `POST /api/quick/catalogue`, `POST /api/centres/{centre}/quick`
//!   ([`quick`]).
//! - `POST /api/guard/check` [`GuardCheck`] → [`GuardAnswer`].
//! - Any refusal → [`ErrorBody`] with an [`ApiErrorCode`] ([`error`]).
//!
//! The JSON is the API's documented shape (README, e2e tests): field names and values here
//! must not change without changing the API.

pub mod attendance;
pub mod centre;
pub mod digest;
pub mod error;
pub mod feedback;
pub mod meeting;
pub mod quick;
pub mod report;
pub mod suppression;
pub mod theme_clock;

pub use attendance::{Attendance, AttendanceMark, ServiceAttendance};
pub use centre::{CentreList, CentrePatch, CentreView, MonthlySlot, NewCentre, ScheduleText};
pub use digest::{MeetingDigests, ServiceDigestLink};
pub use error::{ApiErrorCode, ErrorBody, ErrorView};
pub use meeting::{
    CentreMeetings, HolidayNames, LinkKey, MeetingState, MeetingView, MoveMeeting, NewMeeting,
    RotateKey,
};
pub use report::{AttendanceView, MeetingLineView, PeriodReportView, RangeView, TimeBucket};
pub use suppression::{CountTable, SuppressedCount, SuppressedTable};
pub use theme_clock::{MonthTheme, ThemeClock, ThemeClockUpdate, WorkshopKind};

use crate::guard::Finding;
use crate::ids::CentreId;
use serde::{Deserialize, Serialize};

/// `GET /api/health` (no token): whether this node can do its work — answer, and write to its
/// store — and how many rooms are in memory: what a load balancer or an operator checks first.
/// Answered with 503 when `ok` is false, so a balancer's plain status check takes the node out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// The node can serve meetings: it answered and its store took a write.
    pub ok: bool,
    /// The store took a small write (a probe row) within two seconds; a node whose store is
    /// full, read-only or gone cannot commit a meeting's events.
    #[serde(default)]
    pub store: bool,
    /// Meetings whose room is in memory now.
    pub live_rooms: usize,
    /// Which engine the store is: `sqlite` (one node) or `postgres` (one of several).
    #[serde(default)]
    pub engine: String,
    /// This node's id among the nodes on one store (it changes at every start).
    #[serde(default)]
    pub node: String,
    /// The node can hold meetings: alone always; on PostgreSQL, its lock session (which holds
    /// its meetings' advisory locks) is open. A node without one runs no meeting.
    #[serde(default)]
    pub locks: bool,
}

/// `POST /api/guard/check` (no token): one text for the identifier guard, as the browser asks
/// about names while they are typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardCheck {
    /// Anything the caller wants echoed back, to match answers to questions.
    #[serde(default)]
    pub id: serde_json::Value,
    /// The text to check (at most 64 KiB).
    pub text: String,
    /// The centre whose allowlist applies, if any.
    #[serde(default)]
    pub centre_id: Option<CentreId>,
}

/// The answer to a [`GuardCheck`]: each finding's kind and span in Unicode characters, never
/// the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardAnswer {
    /// The request's `id`, as it came.
    pub id: serde_json::Value,
    /// Each identifier found: kind and character span.
    pub spans: Vec<Finding>,
}
