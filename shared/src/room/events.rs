//! What a room records: one [`Event`] per accepted change, stored in the meeting's log,
//! broadcast to every connection and folded into the state by [`super::RoomState::apply`]
//! (in `apply.rs`, beside this file).

use super::roles::ChairHolder;
use crate::domain::{AgendaItem, MeetingInfo, Outcome, Role, Service, Theme, REDACTED_TEXT};
use crate::ids::{ItemId, ParticipantId, ServiceId};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// One accepted change to a room, as stored in the log and broadcast.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the meeting's log, from 1, without gaps.
    pub seq: u64,
    /// Server time of the change.
    pub at: Millis,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// An item's share of the hour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allotment {
    pub item: ItemId,
    pub ms: Millis,
}

/// What changed. Events record decisions already made (allotments, time used), so applying
/// them needs no clock and gives the same state everywhere.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// Always the first event of a meeting's log.
    MeetingCreated { meeting: MeetingInfo },
    /// Someone joined (or came back, or changed their service or name): present again.
    ParticipantJoined {
        participant: ParticipantId,
        service: ServiceId,
        display_name: Option<String>,
        role: Role,
        /// A guest's organisation (guarded); none for everyone else.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        organisation: Option<String>,
    },
    /// Someone left, or their grace period after a lost connection ran out; their hand goes
    /// down.
    ParticipantLeft { participant: ParticipantId },
    /// A new item at the end of the queue.
    ItemSubmitted { item: AgendaItem },
    /// The chair's new order of the queued items.
    AgendaReordered { order: Vec<ItemId> },
    /// The chair announced the agenda; every queued item got its share.
    AgendaConfirmed { allotments: Vec<Allotment> },
    /// `allotments` holds the started item first, then every other queued item, reallocated.
    ItemStarted {
        item: ItemId,
        allotments: Vec<Allotment>,
    },
    /// The item on the floor had its turn; `used_ms` excludes pauses.
    ItemFinished { item: ItemId, used_ms: Millis },
    /// The current item passed its deadline.
    ItemOverran { item: ItemId },
    /// The meeting passed its scheduled end while still running.
    MeetingOverran,
    /// The current item's clock stopped.
    Paused,
    /// The current item's clock runs again; its deadline moved by the pause.
    Resumed,
    /// The chair gave the current item more time.
    Extended { item: ItemId, ms: Millis },
    /// `used_ms` is set when the item was on the floor when deferred.
    ItemDeferred {
        item: ItemId,
        used_ms: Option<Millis>,
    },
    /// A queued item left the agenda (it stays in the state, marked withdrawn).
    ItemWithdrawn { item: ItemId },
    /// What the network said on an item (recorded again, it replaces the earlier one).
    OutcomeRecorded { item: ItemId, outcome: Outcome },
    /// A hand went up, at the end of the hand queue.
    HandRaised { participant: ParticipantId },
    /// A hand went down (its owner's or the chair's doing).
    HandLowered { participant: ParticipantId },
    /// The chair closed the meeting. Final.
    MeetingEnded,
    /// An item from an earlier meeting of the centre, put at the top of the queue.
    ItemCarriedOver { item: AgendaItem },
    /// The coordinator moved the meeting (only before it starts).
    MeetingRescheduled { starts_at: Millis, ends_at: Millis },
    /// The coordinator cancelled the meeting; it is over without having run.
    MeetingCancelled,
    /// The centre's service catalogue changed before the meeting started; the meeting takes
    /// the new one (a meeting that has started keeps the catalogue it ran with).
    CatalogueUpdated { services: Vec<Service> },
    /// An item's text changed (`edit_item`); only the fields given changed. Sets the item's
    /// `edited` mark.
    ItemEdited {
        item: ItemId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        question: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        services_wanted: Option<Vec<ServiceId>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        themes: Option<Vec<Theme>>,
    },
    /// The chair redacted an item: every text of it now reads [`REDACTED_TEXT`] (see
    /// [`AgendaItem::redact`]). The server rewrites the item's earlier events in the stored log
    /// in the same transaction, so the text is gone from the database too.
    ItemRedacted { item: ItemId },
    /// The person who brought a carried-over item joined this meeting and proved it with their
    /// secret from the earlier meeting (`join`'s `earlier`): the item is theirs here, to edit
    /// or withdraw like one they submitted.
    ItemReclaimed {
        item: ItemId,
        presenter: ParticipantId,
    },
    /// Comes first in the events of an agenda action the chair can undo; `events` is how many
    /// events after this one belong to the action. The state keeps what the agenda was before
    /// (`RoomState::undo`) until the window passes or the agenda changes otherwise.
    UndoableAction {
        action: UndoAction,
        /// The item the action was about (deferred, withdrawn, or finished by `next`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<ItemId>,
        events: u32,
    },
    /// The chair undid the last agenda action: the agenda is back as it was before it.
    ActionUndone { action: UndoAction },
    /// The floor moved on (`next_item`, `start_item`, `defer_item` of the current item) and
    /// these people's raised hands were lowered with it, in their queue order: each owner's
    /// client can say "your hand was lowered when the item changed".
    HandsCleared { participants: Vec<ParticipantId> },
    /// The holder of the chair controls made a present participant a deputy
    /// (`promote_deputy`): they may now be handed the controls or take them over.
    DeputyPromoted { participant: ParticipantId },
    /// The holder gave the chair controls to `to` (`hand_over`).
    ChairHandedOver { from: ChairHolder, to: ChairHolder },
    /// `to` took the chair controls (`take_over`): their holder `from` had been away since
    /// `away_since`, longer than the grace period.
    ChairTakenOver {
        from: ChairHolder,
        to: ChairHolder,
        away_since: Millis,
    },
    /// The holder named `participant` scribe (`name_scribe`), replacing any other: they record
    /// outcomes.
    ScribeNamed { participant: ParticipantId },
    /// The holder took the scribe role back from `participant` (`revoke_scribe`).
    ScribeRevoked { participant: ParticipantId },
    /// Who may join besides the catalogue's services changed (the chair's `allow_guests`, or
    /// the coordinator's setting of the meeting): the room's [`super::RoomState::guests_allowed`].
    GuestsAllowed { experts: bool, guests: bool },
}

/// Removes the texts of an `item_edited` event as [`AgendaItem::redact`] does an item's:
/// title and question become [`REDACTED_TEXT`], the summary empty. Returns whether anything
/// changed. (Redaction and the retention purge both use it.)
pub fn redact_edit(
    title: &mut Option<String>,
    summary: &mut Option<String>,
    question: &mut Option<String>,
) -> bool {
    let mut changed = false;
    for t in [title, question].into_iter().flatten() {
        if t != REDACTED_TEXT {
            *t = REDACTED_TEXT.to_owned();
            changed = true;
        }
    }
    if let Some(t) = summary.as_mut().filter(|t| !t.is_empty()) {
        t.clear();
        changed = true;
    }
    changed
}

/// Agenda actions the chair can undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndoAction {
    Defer,
    Withdraw,
    Next,
}

impl EventKind {
    /// The `kind` tag, for the log's index column and for tracing (never the content).
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::MeetingCreated { .. } => "meeting_created",
            EventKind::ParticipantJoined { .. } => "participant_joined",
            EventKind::ParticipantLeft { .. } => "participant_left",
            EventKind::ItemSubmitted { .. } => "item_submitted",
            EventKind::AgendaReordered { .. } => "agenda_reordered",
            EventKind::AgendaConfirmed { .. } => "agenda_confirmed",
            EventKind::ItemStarted { .. } => "item_started",
            EventKind::ItemFinished { .. } => "item_finished",
            EventKind::ItemOverran { .. } => "item_overran",
            EventKind::MeetingOverran => "meeting_overran",
            EventKind::Paused => "paused",
            EventKind::Resumed => "resumed",
            EventKind::Extended { .. } => "extended",
            EventKind::ItemDeferred { .. } => "item_deferred",
            EventKind::ItemWithdrawn { .. } => "item_withdrawn",
            EventKind::OutcomeRecorded { .. } => "outcome_recorded",
            EventKind::HandRaised { .. } => "hand_raised",
            EventKind::HandLowered { .. } => "hand_lowered",
            EventKind::MeetingEnded => "meeting_ended",
            EventKind::ItemCarriedOver { .. } => "item_carried_over",
            EventKind::MeetingRescheduled { .. } => "meeting_rescheduled",
            EventKind::MeetingCancelled => "meeting_cancelled",
            EventKind::CatalogueUpdated { .. } => "catalogue_updated",
            EventKind::ItemEdited { .. } => "item_edited",
            EventKind::ItemRedacted { .. } => "item_redacted",
            EventKind::ItemReclaimed { .. } => "item_reclaimed",
            EventKind::UndoableAction { .. } => "undoable_action",
            EventKind::ActionUndone { .. } => "action_undone",
            EventKind::HandsCleared { .. } => "hands_cleared",
            EventKind::DeputyPromoted { .. } => "deputy_promoted",
            EventKind::ChairHandedOver { .. } => "chair_handed_over",
            EventKind::ChairTakenOver { .. } => "chair_taken_over",
            EventKind::ScribeNamed { .. } => "scribe_named",
            EventKind::ScribeRevoked { .. } => "scribe_revoked",
            EventKind::GuestsAllowed { .. } => "guests_allowed",
        }
    }

    /// Removes the text of `item` from this event, as [`AgendaItem::redact`] does to the
    /// item: the submitted or carried-over item, an edit's new text, a recorded outcome.
    /// Returns whether anything changed. The server runs it over the stored log (and its
    /// in-memory copy) when an item is redacted, so the text is gone from the database, not
    /// only from screens.
    pub fn redact_item(&mut self, item: &ItemId) -> bool {
        match self {
            EventKind::ItemSubmitted { item: it } | EventKind::ItemCarriedOver { item: it }
                if &it.id == item =>
            {
                let before = it.clone();
                it.redact();
                *it != before
            }
            EventKind::ItemEdited {
                item: id,
                title,
                summary,
                question,
                ..
            } if id == item => redact_edit(title, summary, question),
            EventKind::OutcomeRecorded { item: id, outcome } if id == item => {
                let before = outcome.clone();
                outcome.redact();
                *outcome != before
            }
            _ => false,
        }
    }

    /// Whether the event changes the agenda (its items, their order, time or text, the floor),
    /// which ends the chance to undo the agenda action before it. Presence, hands, roles and
    /// the clock's own overrun marks do not.
    pub fn changes_agenda(&self) -> bool {
        !matches!(
            self,
            EventKind::ParticipantJoined { .. }
                | EventKind::ParticipantLeft { .. }
                | EventKind::HandRaised { .. }
                | EventKind::HandLowered { .. }
                | EventKind::HandsCleared { .. }
                | EventKind::ItemOverran { .. }
                | EventKind::MeetingOverran
                | EventKind::UndoableAction { .. }
                | EventKind::DeputyPromoted { .. }
                | EventKind::ChairHandedOver { .. }
                | EventKind::ChairTakenOver { .. }
                | EventKind::ScribeNamed { .. }
                | EventKind::ScribeRevoked { .. }
                | EventKind::GuestsAllowed { .. }
        )
    }
}
