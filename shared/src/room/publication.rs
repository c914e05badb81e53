//! Agenda out ahead (issue 12): the agenda's publication and when items arrived.
//!
//! Rules decided here:
//! - **Publication**: the agenda is published [`RoomState::publish_ahead_ms`] before the
//!   meeting's scheduled start (the centre's setting, [`DEFAULT_AGENDA_AHEAD_HOURS`] unless
//!   the coordinator set another; the server hands it to the room like the time zone, so it
//!   follows a moved meeting). From then on the participant link shows the queued items
//!   before joining ([`RoomState::agenda_published`]); the texts reach only key holders, as
//!   everything in the room does.
//! - **Arrival** ([`RoomState::arrival_at`]): each submitted item records when it came
//!   relative to the publication — `ahead`, `late` (a late addition, after the publication and
//!   before the meeting started) or `at_meeting` (from the scheduled start, or once an item
//!   has started) — in its `item_submitted` event, so a later change of the setting does not
//!   rewrite it. Carried-over items count as ahead: they were on the centre's agenda before.
//! - **Counts** for the chair: [`RoomState::arrivals`], over the items still on the agenda
//!   (not withdrawn).

use super::RoomState;
use crate::domain::{Arrival, ItemStatus, Phase, DEFAULT_AGENDA_AHEAD_HOURS};
use crate::Millis;

/// How long before the start the agenda is published when the server has not said otherwise
/// ([`DEFAULT_AGENDA_AHEAD_HOURS`] in milliseconds).
pub const DEFAULT_PUBLISH_AHEAD_MS: Millis = DEFAULT_AGENDA_AHEAD_HOURS as Millis * 3_600_000;

/// How many items of the agenda arrived ahead, late, and at the meeting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArrivalCounts {
    /// Submitted before the agenda was published (or carried over).
    pub ahead: u32,
    /// Late additions: after the publication, before the meeting.
    pub late: u32,
    /// Submitted at the meeting.
    pub at_meeting: u32,
}

impl ArrivalCounts {
    /// The count of one kind of arrival.
    pub fn of(&self, arrival: Arrival) -> u32 {
        match arrival {
            Arrival::Ahead => self.ahead,
            Arrival::LateAddition => self.late,
            Arrival::AtMeeting => self.at_meeting,
        }
    }
}

impl RoomState {
    /// When the agenda is (or was) published: the scheduled start less the centre's lead.
    pub fn published_at(&self) -> Millis {
        self.meeting.starts_at.saturating_sub(self.publish_ahead_ms)
    }

    /// Whether the agenda has been published at `now`: the participant link then shows the
    /// queued items before joining.
    pub fn agenda_published(&self, now: Millis) -> bool {
        now >= self.published_at() || self.phase != Phase::Open
    }

    /// When an item submitted at `now` arrives: ahead, late, or at the meeting.
    pub fn arrival_at(&self, now: Millis) -> Arrival {
        if self.phase != Phase::Open || now >= self.meeting.starts_at {
            Arrival::AtMeeting
        } else if now >= self.published_at() {
            Arrival::LateAddition
        } else {
            Arrival::Ahead
        }
    }

    /// How the items still on the agenda (not withdrawn) arrived; items from logs older than
    /// the mark are not counted.
    pub fn arrivals(&self) -> ArrivalCounts {
        let mut c = ArrivalCounts::default();
        for a in self
            .items
            .iter()
            .filter(|i| i.status != ItemStatus::Withdrawn)
            .filter_map(|i| i.arrival)
        {
            match a {
                Arrival::Ahead => c.ahead += 1,
                Arrival::LateAddition => c.late += 1,
                Arrival::AtMeeting => c.at_meeting += 1,
            }
        }
        c
    }
}
