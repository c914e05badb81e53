//! Carry-over: items leave a meeting when it ends (deferred, left in the queue, or with a
//! follow-up asked) and arrive at the top of the centre's next open meeting, with their history.
//! Both moves are committed in the same transaction as the events that make them, so a crash
//! can neither lose nor duplicate an item. Which items arrive is decided by the shared rules
//! ([`shared::room::RoomState::carry_in`]); this file reads and writes the store.

use super::{now_ms, Relay, Room};
use crate::db::carry_overs;
use crate::db::log_writer::SideEffect;
use shared::domain::{AgendaItem, CarryReason, ItemStatus, Phase};
use shared::room::{CarryIn, Event, EventKind};

impl Room {
    /// What the events change outside the log, committed with them: carry-overs leaving or
    /// arriving, and the meeting row's times and state.
    pub(super) fn side_effects(&self, events: &[&Event]) -> Vec<SideEffect> {
        let closes_or_records = events.iter().any(|e| {
            matches!(
                e.kind,
                EventKind::MeetingEnded
                    | EventKind::MeetingCancelled
                    | EventKind::OutcomeRecorded { .. }
            )
        });
        let after = closes_or_records.then(|| {
            let mut s = self.state.clone();
            for e in events {
                s.apply(e);
            }
            s
        });
        let centre = self.state.meeting.centre_id.clone();
        let starts = self.state.meeting.starts_at;
        let register = |item: &AgendaItem, reason| SideEffect::RegisterCarry {
            centre: centre.clone(),
            source_starts_at: starts,
            reason,
            item: Box::new(item.clone()),
        };
        let mut side = Vec::new();
        for e in events {
            match &e.kind {
                EventKind::MeetingEnded | EventKind::MeetingCancelled => {
                    side.push(if matches!(e.kind, EventKind::MeetingEnded) {
                        SideEffect::Ended { at: e.at }
                    } else {
                        SideEffect::Cancelled { at: e.at }
                    });
                    for item in after.iter().flat_map(|s| s.items.iter()) {
                        if item.status == ItemStatus::Deferred {
                            side.push(register(item, CarryReason::Deferred));
                        } else if item.outcome.as_ref().is_some_and(|o| o.follow_up) {
                            side.push(register(item, CarryReason::FollowUp));
                        }
                    }
                }
                EventKind::OutcomeRecorded { item, outcome } => {
                    // After the end, a changed outcome updates what goes to the next meeting.
                    let Some(after) = after.as_ref().filter(|s| s.phase == Phase::Ended) else {
                        continue;
                    };
                    if !self.state.phase.eq(&Phase::Ended) {
                        continue;
                    }
                    let Some(it) = after
                        .item(item)
                        .filter(|i| i.status != ItemStatus::Deferred)
                    else {
                        continue;
                    };
                    if outcome.follow_up {
                        side.push(register(it, CarryReason::FollowUp));
                    } else {
                        side.push(SideEffect::UnregisterCarry {
                            item: item.clone(),
                            reason: CarryReason::FollowUp,
                        });
                    }
                }
                EventKind::ItemRedacted { item } => {
                    side.push(SideEffect::Redact { item: item.clone() })
                }
                EventKind::MeetingRescheduled { starts_at, ends_at } => {
                    side.push(SideEffect::Reschedule {
                        starts_at: *starts_at,
                        ends_at: *ends_at,
                    })
                }
                EventKind::ItemCarriedOver { item } => {
                    if let Some(c) = &item.carried_over {
                        side.push(SideEffect::ClaimCarry {
                            source_meeting: c.from_meeting.clone(),
                            item: c.from_item.clone(),
                            reason: c.reason,
                        });
                    }
                }
                _ => {}
            }
        }
        side
    }

    /// After this meeting closed: wake the centre's next meeting if it is live, so the items
    /// that left this one appear there at once. (A room that is not live takes them on load.)
    pub(super) fn hand_over_carry_overs(&self) {
        let (relay, db) = (self.relay.clone(), self.db.clone());
        let centre = self.state.meeting.centre_id.clone();
        let after = self.state.meeting.starts_at;
        tokio::spawn(async move {
            let next = db
                .call(move |conn| crate::db::meetings::next_open_after(conn, &centre, after))
                .await;
            if let Ok(Some(meeting)) = next {
                let _ = relay.send(Relay::ClaimCarryOvers { meeting });
            }
        });
    }

    /// Takes the items waiting for this meeting: deferred or follow-up items of the centre's
    /// earlier meetings, each at the top of the queue with its history, as far as the
    /// meeting's limits let them in.
    pub(super) async fn claim_carry_overs(&mut self) {
        if self.state.phase == Phase::Ended {
            return;
        }
        let (centre, me) = (self.state.meeting.centre_id.clone(), self.id.clone());
        let pending = match self
            .db
            .call(move |conn| carry_overs::pending_for(conn, &centre, &me))
            .await
        {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(meeting = %self.id, error = %e, "reading carry-overs failed");
                return;
            }
        };
        let waiting = pending
            .into_iter()
            .map(|p| CarryIn {
                source_meeting: p.source_meeting,
                source_starts_at: p.source_starts_at,
                reason: p.reason,
                item: p.item,
            })
            .collect();
        let now = now_ms();
        let carried = self.state.carry_in(waiting, now);
        if carried.left_waiting > 0 {
            tracing::warn!(meeting = %self.id, items = carried.left_waiting, "carried-over items left waiting: the meeting's limits are reached");
        }
        if !carried.events.is_empty() {
            let n = carried.events.len();
            if self.commit(carried.events, now).await.is_ok() {
                tracing::info!(meeting = %self.id, items = n, "carried-over items added");
            }
        }
    }
}
