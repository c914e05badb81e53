//! The commands that change a room, as [`super::RoomState::decide`] takes them and the wire
//! protocol carries them (flat in a client message: `{"type": "start_item", "item": "i1"}`).

use crate::domain::{ItemDraft, Outcome, Theme};
use crate::ids::{ItemId, ParticipantId, ServiceId};
use serde::{Deserialize, Serialize};

/// Commands that change the room. Chair-only ones are marked: only the holder of the chair
/// controls ([`super::RoomState::holds_chair`]) runs them; from anyone else they get
/// [`super::ErrorCode::NotChair`] and change nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Command {
    /// Anyone joined: put an item in the queue.
    SubmitItem { item: ItemDraft },
    /// Anyone joined, while an item is presented.
    RaiseHand,
    /// Lower one's own hand; the chair may lower anyone's by naming them.
    LowerHand {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        participant: Option<ParticipantId>,
    },
    /// Chair: the new order of the queued items (all of them, each once).
    Reorder { order: Vec<ItemId> },
    /// Chair: announce the agenda ("N cases today, about M minutes each").
    ConfirmAgenda,
    /// Chair: give the floor to a queued item (finishing the current one, if any).
    StartItem { item: ItemId },
    /// Chair: finish the current item and start the next queued one (or just finish).
    NextItem,
    /// Chair: stop the current item's clock.
    Pause,
    /// Chair: restart it.
    Resume,
    /// Chair: give the current item more minutes (1–30).
    Extend { minutes: u32 },
    /// Chair: move an item (queued or current) to the next meeting.
    DeferItem { item: ItemId },
    /// Chair, or the presenter of a queued item: take it off the agenda.
    WithdrawItem { item: ItemId },
    /// The chair or the scribe: record what the network said on an item that has been on the
    /// floor (from anyone else: `not_allowed`).
    RecordOutcome { item: ItemId, outcome: Outcome },
    /// Chair: close the meeting. Final.
    EndMeeting,
    /// Change a queued item's text: its presenter while it is queued, the chair at any time
    /// before the meeting ends. Only the fields given change (at least one); the texts go
    /// through the identifier guard like `submit_item`. The minutes say the item was edited,
    /// never what it said before.
    EditItem {
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
    /// Chair, at any time (after the end too): take back what slipped past the guard. Every
    /// text of the item (title, summary, question, outcome, earlier turns' outcomes) is replaced
    /// by a fixed marker on every screen, in the room's state, in the minutes, and in the
    /// stored log: the server rewrites the item's earlier events in the same transaction.
    RedactItem { item: ItemId },
    /// Chair: reverse the last agenda action (`defer_item`, `withdraw_item`, `next_item`)
    /// within [`super::UNDO_WINDOW_MS`], if nothing else changed the agenda since.
    Undo,
    /// Chair: make a present participant a deputy, who may then be handed the chair controls
    /// or take them over when their holder is away (see `roles.rs`).
    PromoteDeputy { participant: ParticipantId },
    /// Chair: give the chair controls to a present deputy, or back to the chair link by
    /// naming a present person who joined with it.
    HandOver { to: ParticipantId },
    /// A deputy (or the chair link after a handover): take the chair controls once their
    /// holder has been away for the grace period.
    TakeOver,
    /// Chair: name a present person scribe, who then records outcomes.
    NameScribe { participant: ParticipantId },
    /// Chair: take the scribe role back.
    RevokeScribe,
    /// Chair: who may join besides the catalogue's services (see `guests.rs`): experts by
    /// experience, guests with their organisation. Both are given; the setting replaces the
    /// earlier one (the coordinator's too).
    AllowGuests { experts: bool, guests: bool },
}

impl Command {
    /// The free-text fields of the command, by field name: what the identifier guard checks.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        match self {
            Command::SubmitItem { item } => {
                vec![
                    ("title", &item.title),
                    ("summary", &item.summary),
                    ("question", &item.question),
                ]
            }
            Command::EditItem {
                title,
                summary,
                question,
                ..
            } => [
                ("title", title),
                ("summary", summary),
                ("question", question),
            ]
            .into_iter()
            .filter_map(|(f, v)| v.as_deref().map(|v| (f, v)))
            .collect(),
            Command::RecordOutcome { outcome, .. } => {
                vec![
                    ("advice", &outcome.advice),
                    ("next_steps", &outcome.next_steps),
                ]
            }
            _ => Vec::new(),
        }
    }

    /// The wire name, for logs and metrics (never the content).
    pub fn name(&self) -> &'static str {
        match self {
            Command::SubmitItem { .. } => "submit_item",
            Command::RaiseHand => "raise_hand",
            Command::LowerHand { .. } => "lower_hand",
            Command::Reorder { .. } => "reorder",
            Command::ConfirmAgenda => "confirm_agenda",
            Command::StartItem { .. } => "start_item",
            Command::NextItem => "next_item",
            Command::Pause => "pause",
            Command::Resume => "resume",
            Command::Extend { .. } => "extend",
            Command::DeferItem { .. } => "defer_item",
            Command::WithdrawItem { .. } => "withdraw_item",
            Command::RecordOutcome { .. } => "record_outcome",
            Command::EndMeeting => "end_meeting",
            Command::EditItem { .. } => "edit_item",
            Command::RedactItem { .. } => "redact_item",
            Command::Undo => "undo",
            Command::PromoteDeputy { .. } => "promote_deputy",
            Command::HandOver { .. } => "hand_over",
            Command::TakeOver => "take_over",
            Command::NameScribe { .. } => "name_scribe",
            Command::RevokeScribe => "revoke_scribe",
            Command::AllowGuests { .. } => "allow_guests",
        }
    }

    /// Whether only the holder of the chair controls may send it (from anyone else:
    /// `not_chair`, nothing changes). `record_outcome` is the holder's or the scribe's, checked
    /// by its own rule.
    pub fn chair_only(&self) -> bool {
        !matches!(
            self,
            Command::SubmitItem { .. }
                | Command::RaiseHand
                | Command::LowerHand { .. }
                | Command::WithdrawItem { .. }
                | Command::EditItem { .. }
                | Command::RecordOutcome { .. }
                | Command::TakeOver
        )
    }

    /// Whether it is accepted after the meeting ended: outcomes and redactions only.
    pub fn allowed_after_end(&self) -> bool {
        matches!(
            self,
            Command::RecordOutcome { .. } | Command::RedactItem { .. }
        )
    }
}
