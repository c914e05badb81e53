//! Quick consultation rooms (issue 13, "pikakonsultaatio"): an ad hoc room for one question,
//! opened by a professional with a participant link of one of the centre's meetings, or by the
//! coordinator. The opener invites services (they are the room's required services), picks
//! 15–30 minutes, and gets the room's chair link to run it and a participant link to pass on.
//! Same guard, same outcome record, no agenda confirmation; counted apart in reports.
//!
//! Routes:
//! - `POST /api/quick/catalogue` [`QuickKey`] → [`QuickCatalogue`]: the centre and its services,
//!   for the opener's form.
//! - `POST /api/quick` [`NewQuickRoom`] with `key` → [`QuickRoom`] (a participant link's key).
//! - `POST /api/centres/{centre}/quick` [`NewQuickRoom`] without `key` (coordinator token) →
//!   [`QuickRoom`].

use crate::domain::Service;
use crate::ids::{CentreId, MeetingId, ServiceId};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Shortest and longest quick consultation, in minutes.
pub const QUICK_MINUTES: std::ops::RangeInclusive<u32> = 15..=30;

/// The longest topic, in characters (it is the room's title, screened by the guard).
pub const MAX_QUICK_TOPIC_CHARS: usize = 120;

/// A participant link's key, proving the caller belongs to the centre's network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickKey {
    pub key: String,
}

/// The opener's form: the centre and its catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickCatalogue {
    pub centre_id: CentreId,
    pub centre_name: String,
    pub services: Vec<Service>,
}

/// A quick consultation to open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewQuickRoom {
    /// A participant link's key of one of the centre's meetings (absent for the coordinator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// A short topic, the room's title (no client identifiers: screened by the guard).
    pub topic: String,
    /// The services invited (at least one, from the centre's catalogue).
    pub invited: Vec<ServiceId>,
    /// Length in minutes, within [`QUICK_MINUTES`].
    pub minutes: u32,
}

/// The opened room: its links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickRoom {
    pub meeting_id: MeetingId,
    pub title: String,
    pub starts_at: Millis,
    pub ends_at: Millis,
    /// The chair link's key (for the opener: runs the room).
    pub chair_key: String,
    /// The participant link's key (to pass on to the invited services).
    pub participant_key: String,
    /// The links as paths with their keys: `/m/{id}#key=…`.
    pub chair_link: String,
    pub participant_link: String,
}

/// The period report's quick consultations, counted apart from the monthly meetings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodQuick {
    /// Quick consultations held (ended) in the range.
    pub held: u32,
    /// Their items, outcomes recorded and follow-ups, suppressed like every count.
    pub items: super::SuppressedCount,
    pub outcomes_recorded: super::SuppressedCount,
    pub follow_ups: super::SuppressedCount,
    /// Minutes they took on average.
    pub average_minutes: Option<f64>,
}
