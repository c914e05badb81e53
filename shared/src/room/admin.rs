//! Changes that do not come as a [`super::Command`]: people joining and leaving (experts by
//! experience and guests too, by the rules of `guests.rs`), the
//! coordinator moving, cancelling or re-cataloguing a meeting, items carried in from the
//! centre's earlier meetings, and the redaction of an item linked to one redacted elsewhere.
//!
//! Each is a pure decision, like [`super::RoomState::decide`]: the server supplies only what it
//! alone knows (the participant id it derives from a secret, the time, the items waiting in the
//! store) and records the events it gets back.

use super::agenda::queued_item;
use super::limits::{check_text, MAX_DISPLAY_NAME};
use super::refusal::{refuse, ErrorCode, Refusal};
use super::{Decision, EventKind, JoinAs, RoomState};
use crate::domain::{AgendaItem, CarryOver, CarryReason, ItemDraft, ItemStatus, PastTurn, Phase};
use crate::domain::{Arrival, Role, Service};
use crate::ids::{ItemId, MeetingId, ParticipantId};
use crate::Millis;

/// An item waiting to arrive from an earlier meeting of the centre (deferred there, left in
/// its queue, or with a follow-up asked), as the server's store keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct CarryIn {
    pub source_meeting: MeetingId,
    pub source_starts_at: Millis,
    pub reason: CarryReason,
    /// The item as it stood when it left its meeting.
    pub item: AgendaItem,
}

/// What [`RoomState::carry_in`] decided: the events that bring the items in, and how many
/// stay waiting because the meeting's limits are reached.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CarriedIn {
    pub events: Vec<EventKind>,
    pub left_waiting: usize,
}

/// A display name as the room keeps it: trimmed, and none when nothing is left. The server
/// screens this form with the identifier guard before [`RoomState::join`].
pub fn clean_display_name(name: Option<String>) -> Option<String> {
    name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty())
}

impl RoomState {
    /// Checks a join before the server records it: the meeting has not ended, the person joins
    /// for a service of the catalogue or as an expert by experience or a guest with their
    /// organisation ([`RoomState::check_standing`]), and the display name (if any) is a valid
    /// text.
    pub fn check_join(&self, join: &JoinAs, display_name: Option<&str>) -> Result<(), Refusal> {
        if self.phase == Phase::Ended {
            return refuse(ErrorCode::WrongState, "the meeting has ended");
        }
        self.check_standing(join)?;
        if let Some(name) = display_name {
            check_text("display_name", name, 0, MAX_DISPLAY_NAME)?;
        }
        Ok(())
    }

    /// Decides a join of `participant` (the id the server derived from the person's secret)
    /// with `role`'s link: [`RoomState::check_join`], whether the meeting admits an expert by
    /// experience or a guest ([`RoomState::check_admitted`]), a seat
    /// ([`RoomState::check_seat`]), then `participant_joined` unless the person is already
    /// present as they ask to be, and
    /// `item_reclaimed` for each carried-over item `earlier` shows to be theirs. `earlier`
    /// holds the ids the person had in the meetings items came from: a presenter's id is
    /// derived from the meeting and the secret, so only the person who brought an item can
    /// name it. Items still to come only; one presented here stays as it was.
    pub fn join(
        &self,
        participant: &ParticipantId,
        role: Role,
        join: &JoinAs,
        display_name: Option<&str>,
        earlier: &[ParticipantId],
    ) -> Decision {
        self.check_join(join, display_name)?;
        self.check_admitted(participant, join.standing())?;
        self.check_seat(participant, role)?;
        let known = self.participant(participant);
        let unchanged = known.is_some_and(|p| {
            p.present
                && p.service == join.service
                && p.display_name.as_deref() == display_name
                && p.organisation == join.organisation
        });
        let mut events = Vec::new();
        if !unchanged {
            events.push(EventKind::ParticipantJoined {
                participant: participant.clone(),
                service: join.service.clone(),
                display_name: display_name.map(str::to_owned),
                // The role of the link they first joined with stays.
                role: known.map_or(role, |p| p.role),
                organisation: join.organisation.clone(),
            });
        }
        events.extend(
            self.items
                .iter()
                .filter(|i| {
                    i.carried_over.is_some()
                        && i.status == ItemStatus::Queued
                        && &i.presenter != participant
                        && earlier.contains(&i.presenter)
                })
                .map(|i| EventKind::ItemReclaimed {
                    item: i.id.clone(),
                    presenter: participant.clone(),
                }),
        );
        Ok(events)
    }

    /// Decides that `participant` left (the last connection closed and its grace period ran
    /// out, or they said `leave`): nothing when they are not present.
    pub fn leave(&self, participant: &ParticipantId) -> Vec<EventKind> {
        if !self.participant(participant).is_some_and(|p| p.present) {
            return vec![];
        }
        vec![EventKind::ParticipantLeft {
            participant: participant.clone(),
        }]
    }

    /// Decides the coordinator's move of a meeting that has not started.
    pub fn reschedule(&self, starts_at: Millis, ends_at: Millis) -> Decision {
        if self.phase != Phase::Open {
            return refuse(
                ErrorCode::WrongState,
                "only a meeting that has not started can be moved",
            );
        }
        Ok(vec![EventKind::MeetingRescheduled { starts_at, ends_at }])
    }

    /// Decides the coordinator's cancellation of a meeting that has not started: its queued
    /// items are deferred (to the centre's next meeting), then it is over.
    pub fn cancel(&self) -> Decision {
        if self.phase != Phase::Open {
            return refuse(
                ErrorCode::WrongState,
                "only a meeting that has not started can be cancelled",
            );
        }
        let mut events: Vec<EventKind> = self.defer_queue().collect();
        events.push(EventKind::MeetingCancelled);
        Ok(events)
    }

    /// Decides whether the meeting takes its centre's new catalogue: one that has not started
    /// follows it; one that has started keeps the catalogue it ran with. A quick consultation
    /// room keeps its own required services (the ones its opener invited) whatever the
    /// centre's catalogue requires for the monthly meeting.
    pub fn adopt_catalogue(&self, services: &[Service]) -> Vec<EventKind> {
        let mut services = services.to_vec();
        if self.meeting.kind == crate::domain::MeetingKind::Quick {
            for s in &mut services {
                s.required = self.meeting.service(&s.id).is_some_and(|own| own.required);
            }
        }
        if self.phase != Phase::Open || services.is_empty() || services == self.meeting.services {
            return vec![];
        }
        vec![EventKind::CatalogueUpdated { services }]
    }

    /// Decides which of the items waiting for this meeting arrive now, each at the top of the
    /// queue with its history (`item_carried_over`). An item already carried in is skipped.
    /// Carried items are held by the meeting's limits like submitted ones (a flood in one
    /// meeting must not fill the next beyond them): what does not fit stays waiting, taken
    /// when this room next loads with room for it, or by the centre's next meeting. A meeting
    /// that has ended takes nothing.
    pub fn carry_in(&self, waiting: Vec<CarryIn>, now: Millis) -> CarriedIn {
        let mut out = CarriedIn::default();
        if self.phase == Phase::Ended {
            return out;
        }
        let mut arriving: Vec<AgendaItem> = Vec::new();
        for w in waiting {
            let already = self.items.iter().any(|i| {
                i.carried_over.as_ref().is_some_and(|c| {
                    c.from_meeting == w.source_meeting
                        && c.from_item == w.item.id
                        && c.reason == w.reason
                })
            });
            if already {
                continue;
            }
            let id = ItemId(format!("i{}", self.items.len() + arriving.len() + 1));
            let item = carried_item(id, w, now);
            let mut together: Vec<&AgendaItem> = arriving.iter().collect();
            together.push(&item);
            if self.check_arrivals(&together).is_err() {
                out.left_waiting += 1;
                continue;
            }
            arriving.push(item.clone());
            out.events.push(EventKind::ItemCarriedOver { item });
        }
        out
    }

    /// The items here linked by carry-over to an item redacted in another meeting: `item`
    /// names ours directly (it went from here to there), `from` the other meeting's item that
    /// ours was carried over from. The server redacts each with `redact_item`.
    pub fn linked_items(
        &self,
        item: Option<&ItemId>,
        from: Option<(&MeetingId, &ItemId)>,
    ) -> Vec<ItemId> {
        self.items
            .iter()
            .filter(|i| {
                item == Some(&i.id)
                    || i.carried_over.as_ref().is_some_and(|c| {
                        from.is_some_and(|(m, it)| &c.from_meeting == m && &c.from_item == it)
                    })
            })
            .map(|i| i.id.clone())
            .collect()
    }
}

/// The new agenda item for a carried-over one: same matter and presenter, queued afresh, with
/// its earlier turns (this one added) in its history.
fn carried_item(id: ItemId, w: CarryIn, now: Millis) -> AgendaItem {
    let src = w.item;
    let mut history = src
        .carried_over
        .as_ref()
        .map(|c| c.history.clone())
        .unwrap_or_default();
    history.push(PastTurn {
        meeting: w.source_meeting.clone(),
        meeting_starts_at: w.source_starts_at,
        status: src.status,
        used_ms: src.used_ms,
        outcome: src.outcome.clone(),
    });
    let draft = ItemDraft {
        kind: src.kind,
        title: src.title,
        summary: src.summary,
        question: src.question,
        services_wanted: src.services_wanted,
        themes: src.themes,
    };
    AgendaItem {
        carried_over: Some(CarryOver {
            reason: w.reason,
            from_meeting: w.source_meeting,
            from_item: src.id,
            history,
        }),
        edited: src.edited,
        redacted: src.redacted,
        // It was on the centre's agenda before this meeting's was published.
        arrival: Some(Arrival::Ahead),
        ..queued_item(id, draft, src.presenter, src.presenter_service, now)
    }
}
