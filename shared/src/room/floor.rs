//! The floor: who presents now and for how long. The chair's start, next, pause, resume,
//! extend, defer, undo and end; [`super::RoomState::decide`] has already checked that the
//! sender is the chair and the meeting has not ended.
//!
//! `defer_item`, `withdraw_item` (in `agenda.rs`) and `next_item` are led by an
//! `undoable_action` event ([`undoable`]), so `undo` can put the agenda back within
//! [`super::UNDO_WINDOW_MS`]. Deferring the item on the floor starts the next queued one, as
//! `next_item` would. Hands still up when the floor moves on are named in `hands_cleared`.

use super::limits::{MAX_EXTEND_MINUTES, UNDO_WINDOW_MS};
use super::refusal::{refuse, ErrorCode};
use super::{Allotment, Decision, EventKind, RoomState, UndoAction};
use crate::allocation::{allocate_capped, remaining_ms};
use crate::domain::ItemStatus;
use crate::ids::ItemId;
use crate::Millis;

impl RoomState {
    /// `start_item`: a queued item takes the floor, finishing the current one.
    pub(super) fn start_item(&self, item: &ItemId, now: Millis) -> Decision {
        let Some(it) = self.item(item) else {
            return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
        };
        if it.status != ItemStatus::Queued {
            return refuse(ErrorCode::WrongState, "only a queued item can be started");
        }
        let mut events = self.clear_hands();
        events.extend(self.finish_current(now));
        events.push(self.start(item, now));
        Ok(events)
    }

    /// `next_item`: finish the current item and start the first queued one (undoable).
    pub(super) fn next_item(&self, now: Millis) -> Decision {
        let next = self.queued().next().map(|i| i.id.clone());
        if self.current.is_none() && next.is_none() {
            return refuse(
                ErrorCode::WrongState,
                "nothing is presented and nothing is queued",
            );
        }
        let mut events = self.clear_hands();
        events.extend(self.finish_current(now));
        if let Some(next) = next {
            events.push(self.start(&next, now));
        }
        let item = self.current.as_ref().map(|c| c.item.clone());
        Ok(undoable(UndoAction::Next, item, events))
    }

    /// `pause`: stop the current item's clock.
    pub(super) fn pause(&self) -> Decision {
        match &self.current {
            Some(c) if c.paused_at.is_none() => Ok(vec![EventKind::Paused]),
            Some(_) => refuse(ErrorCode::WrongState, "the item is already paused"),
            None => refuse(ErrorCode::WrongState, "nothing is presented"),
        }
    }

    /// `resume`: restart it.
    pub(super) fn resume(&self) -> Decision {
        match &self.current {
            Some(c) if c.paused_at.is_some() => Ok(vec![EventKind::Resumed]),
            Some(_) => refuse(ErrorCode::WrongState, "the item is not paused"),
            None => refuse(ErrorCode::WrongState, "nothing is presented"),
        }
    }

    /// `extend`: 1–[`MAX_EXTEND_MINUTES`] more minutes for the current item.
    pub(super) fn extend(&self, minutes: u32) -> Decision {
        if minutes == 0 || minutes > MAX_EXTEND_MINUTES {
            return refuse(
                ErrorCode::InvalidField,
                format!("minutes must be 1–{MAX_EXTEND_MINUTES}"),
            );
        }
        let Some(c) = &self.current else {
            return refuse(ErrorCode::WrongState, "nothing is presented");
        };
        Ok(vec![EventKind::Extended {
            item: c.item.clone(),
            ms: minutes as Millis * 60_000,
        }])
    }

    /// `defer_item`: a queued or presented item goes to the next meeting (undoable); the
    /// floor does not stay empty.
    pub(super) fn defer(&self, item: &ItemId, now: Millis) -> Decision {
        let Some(it) = self.item(item) else {
            return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
        };
        let events = match it.status {
            ItemStatus::Queued => vec![EventKind::ItemDeferred {
                item: item.clone(),
                used_ms: None,
            }],
            ItemStatus::Presenting => {
                // The floor does not stay empty: the next queued item starts, as
                // `next_item` would start it (the UI asks the chair to confirm).
                let used = self.current.as_ref().map(|c| c.used_ms(now));
                let mut events = self.clear_hands();
                events.push(EventKind::ItemDeferred {
                    item: item.clone(),
                    used_ms: used,
                });
                if let Some(next) = self.queued().next() {
                    events.push(self.start(&next.id, now));
                }
                events
            }
            _ => {
                return refuse(
                    ErrorCode::WrongState,
                    "only a queued or presented item can be deferred",
                )
            }
        };
        Ok(undoable(UndoAction::Defer, Some(item.clone()), events))
    }

    /// `undo`: the last agenda action reversed, within its window and if nothing else changed
    /// the agenda since.
    pub(super) fn undo_last(&self, now: Millis) -> Decision {
        let Some(u) = &self.undo else {
            return refuse(
                ErrorCode::WrongState,
                "there is nothing to undo: no defer, withdraw or next since the agenda \
                 last changed otherwise",
            );
        };
        if now > u.until {
            return refuse(
                ErrorCode::UndoExpired,
                format!(
                    "an action can be undone for {} seconds after it was taken",
                    UNDO_WINDOW_MS / 1000
                ),
            );
        }
        Ok(vec![EventKind::ActionUndone { action: u.action }])
    }

    /// `end_meeting`: the current item finishes, what did not fit goes to the next meeting
    /// rather than being lost, and the meeting ends.
    pub(super) fn end_meeting(&self, now: Millis) -> Decision {
        let mut events = self.finish_current(now);
        events.extend(self.defer_queue());
        events.push(EventKind::MeetingEnded);
        Ok(events)
    }

    /// Every queued item deferred, in agenda order (the meeting ends or is cancelled).
    pub(super) fn defer_queue(&self) -> impl Iterator<Item = EventKind> + '_ {
        self.queued().map(|i| EventKind::ItemDeferred {
            item: i.id.clone(),
            used_ms: None,
        })
    }

    /// The hands that go down when the floor moves on, named so their owners can be told.
    fn clear_hands(&self) -> Vec<EventKind> {
        if self.hands.is_empty() {
            return vec![];
        }
        vec![EventKind::HandsCleared {
            participants: self.hands.iter().map(|h| h.participant.clone()).collect(),
        }]
    }

    fn finish_current(&self, now: Millis) -> Vec<EventKind> {
        match &self.current {
            Some(c) => vec![EventKind::ItemFinished {
                item: c.item.clone(),
                used_ms: c.used_ms(now),
            }],
            None => vec![],
        }
    }

    /// The start of `item`: it gets its share of what is left, and so does every other queued
    /// item. Called after the current item (if any) is finished, so the queue is what remains.
    fn start(&self, item: &ItemId, now: Millis) -> EventKind {
        let mut order = vec![item.clone()];
        order.extend(
            self.queued()
                .filter(|i| &i.id != item)
                .map(|i| i.id.clone()),
        );
        let remaining = remaining_ms(self.meeting.starts_at, self.meeting.ends_at, now);
        let shares = allocate_capped(remaining, order.len(), self.pace_ms).shares;
        EventKind::ItemStarted {
            item: item.clone(),
            allotments: order
                .into_iter()
                .zip(shares)
                .map(|(item, ms)| Allotment { item, ms })
                .collect(),
        }
    }
}

/// An undoable action's events, led by the mark that lets `undo` reverse them.
pub(super) fn undoable(
    action: UndoAction,
    item: Option<ItemId>,
    events: Vec<EventKind>,
) -> Vec<EventKind> {
    let mut out = vec![EventKind::UndoableAction {
        action,
        item,
        events: events.len() as u32,
    }];
    out.extend(events);
    out
}
