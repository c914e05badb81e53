//! Carry-over: items leave a meeting when it ends (deferred, left in the queue, or with a
//! follow-up asked) and arrive at the top of the centre's next open meeting, with their history.
//! Both moves are committed in the same transaction as the events that make them, so a crash
//! can neither lose nor duplicate an item.

use super::{now_ms, Room};
use crate::db::carry_overs::{self, Pending};
use crate::db::log_writer::SideEffect;
use shared::domain::{AgendaItem, CarryOver, CarryReason, ItemStatus, PastTurn, Phase};
use shared::room::{Event, EventKind};
use shared::Millis;

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
        let (Some(rooms), db) = (self.rooms.upgrade(), self.db.clone()) else {
            return;
        };
        let centre = self.state.meeting.centre_id.clone();
        let after = self.state.meeting.starts_at;
        tokio::spawn(async move {
            let next = db
                .call(move |conn| crate::db::meetings::next_open_after(conn, &centre, after))
                .await;
            if let Ok(Some(next)) = next {
                if let Some(room) = rooms.live_handle(&next) {
                    room.claim_carry_overs();
                }
            }
        });
    }

    /// Takes the items waiting for this meeting: deferred or follow-up items of the centre's
    /// earlier meetings, each at the top of the queue with its history.
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
        let now = now_ms();
        let mut kinds = Vec::new();
        // Carried items are held by the meeting's limits like submitted ones (a flood in one
        // meeting must not fill the next beyond them): what does not fit stays waiting, taken
        // when this room next loads with room for it, or by the centre's next meeting.
        let mut arriving: Vec<AgendaItem> = Vec::new();
        let mut left_waiting = 0;
        for p in pending {
            let already = self.state.items.iter().any(|i| {
                i.carried_over.as_ref().is_some_and(|c| {
                    c.from_meeting == p.source_meeting
                        && c.from_item == p.item.id
                        && c.reason == p.reason
                })
            });
            if already {
                continue;
            }
            let id = shared::ids::ItemId(format!("i{}", self.state.items.len() + kinds.len() + 1));
            let item = carried_item(id, p, now);
            let mut together: Vec<&AgendaItem> = arriving.iter().collect();
            together.push(&item);
            if self.state.check_arrivals(&together).is_err() {
                left_waiting += 1;
                continue;
            }
            arriving.push(item.clone());
            kinds.push(EventKind::ItemCarriedOver { item });
        }
        if left_waiting > 0 {
            tracing::warn!(meeting = %self.id, items = left_waiting, "carried-over items left waiting: the meeting's limits are reached");
        }
        if !kinds.is_empty() {
            let n = kinds.len();
            if self.commit(kinds, now).await.is_ok() {
                tracing::info!(meeting = %self.id, items = n, "carried-over items added");
            }
        }
    }
}

/// The new agenda item for a carried-over one: same matter, queued afresh, with its history.
fn carried_item(id: shared::ids::ItemId, p: Pending, now: Millis) -> AgendaItem {
    let src = p.item;
    let mut history = src
        .carried_over
        .as_ref()
        .map(|c| c.history.clone())
        .unwrap_or_default();
    history.push(PastTurn {
        meeting: p.source_meeting.clone(),
        meeting_starts_at: p.source_starts_at,
        status: src.status,
        used_ms: src.used_ms,
        outcome: src.outcome.clone(),
    });
    AgendaItem {
        id,
        kind: src.kind,
        title: src.title,
        summary: src.summary,
        question: src.question,
        services_wanted: src.services_wanted,
        themes: src.themes,
        presenter: src.presenter,
        presenter_service: src.presenter_service,
        status: ItemStatus::Queued,
        submitted_at: now,
        allotted_ms: None,
        used_ms: None,
        overran: false,
        outcome: None,
        carried_over: Some(CarryOver {
            reason: p.reason,
            from_meeting: p.source_meeting,
            from_item: src.id,
            history,
        }),
        edited: src.edited,
        redacted: src.redacted,
    }
}
