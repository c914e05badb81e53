//! The clock: events no one sends but time makes due (an item or the meeting passing its
//! time). The server asks [`RoomState::next_due`] when to wake and commits
//! [`RoomState::due`] then; nothing here reads a clock itself.

use super::{EventKind, RoomState};
use crate::domain::Phase;
use crate::Millis;

impl RoomState {
    /// Events the clock makes due at `now`: an item or the meeting passing its time.
    pub fn due(&self, now: Millis) -> Vec<EventKind> {
        let mut events = Vec::new();
        if let Some(c) = &self.current {
            let overran = self.item(&c.item).is_some_and(|i| i.overran);
            if c.paused_at.is_none() && !overran && now >= c.deadline {
                events.push(EventKind::ItemOverran {
                    item: c.item.clone(),
                });
            }
        }
        if self.phase == Phase::Running && !self.meeting_overran && now >= self.meeting.ends_at {
            events.push(EventKind::MeetingOverran);
        }
        events
    }

    /// When [`RoomState::due`] will next have something to say, if ever.
    pub fn next_due(&self) -> Option<Millis> {
        let item = self.current.as_ref().and_then(|c| {
            let overran = self.item(&c.item).is_some_and(|i| i.overran);
            (c.paused_at.is_none() && !overran).then_some(c.deadline)
        });
        let meeting =
            (self.phase == Phase::Running && !self.meeting_overran).then_some(self.meeting.ends_at);
        match (item, meeting) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}
