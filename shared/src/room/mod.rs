//! The room: a meeting's whole state, and the only code that turns what people and the
//! coordinator ask for into events.
//!
//! [`RoomState::decide`] looks at a command from an [`Actor`] at a server time and either
//! refuses it (with a stable [`ErrorCode`], changing nothing) or returns the events it produces.
//! [`RoomState::apply`] folds one event into the state. The server persists events before
//! applying and broadcasting them, rebuilds rooms by replaying them, and browsers apply the same
//! events to stay in step. Keeping both functions here, free of I/O, is what makes "the state is
//! exactly what it was after a restart" checkable. What does not arrive as a command (joining,
//! leaving, the coordinator's changes, carried-over items, the clock) is decided here too, so
//! the server's room only supplies facts, records and broadcasts.
//!
//! Map of the modules, one per family of changes:
//! - `mod.rs` (this file): [`RoomState`], its queries, and [`RoomState::decide`], which checks
//!   the sender's role and the meeting's phase and hands the command to its family.
//! - [`command`]: the [`Command`]s; [`refusal`]: [`Refusal`] and its [`ErrorCode`]s.
//! - `agenda.rs`: submit, edit, withdraw, reorder, confirm, redact.
//! - `floor.rs`: start, next, pause, resume, extend, defer, undo, end.
//! - `hands.rs`: raise and lower hands. `outcome.rs`: record an outcome (the chair or the
//!   scribe).
//! - [`roles`]: who holds the chair controls, deputies, handover, takeover, the scribe.
//! - [`admin`]: join, leave, reschedule, cancel, catalogue, carry-in, linked redactions.
//! - [`guests`]: experts by experience and guests — who may join besides the catalogue's
//!   services (`allow_guests`), and how they join. [`publication`]: the agenda out ahead —
//!   when it is published, and whether each item arrived ahead, late or at the meeting.
//! - [`events`]: the [`Event`]s, and `apply.rs` beside it, which folds them into the state.
//! - `clock.rs`: [`RoomState::due`] and [`RoomState::next_due`], what time makes due.
//! - [`limits`]: the limits of a meeting and the checks of what people type.
//!
//! Rules decided here (each an event in the log):
//! - **Edit** (`edit_item` → `item_edited`): the presenter while the item is queued, the chair
//!   until the meeting ends; only changed fields are recorded; the item is marked `edited`.
//! - **Redact** (`redact_item` → `item_redacted`): the chair, at any time (after the end too);
//!   [`AgendaItem::redact`] blanks every text of the item, and [`EventKind::redact_item`] does
//!   the same to the item's earlier events, which the server applies to the stored log.
//! - **Undo** (`undo` → `action_undone`): `defer_item`, `withdraw_item` and `next_item` are
//!   led by an `undoable_action` event; applying it keeps the agenda as it was
//!   ([`UndoPoint`]). `undo` puts it back within [`UNDO_WINDOW_MS`]; any other agenda change
//!   (see [`EventKind::changes_agenda`]) ends the chance; after the window it is
//!   `undo_expired`, without an undo point `wrong_state`.
//! - **Defer of the item on the floor** starts the next queued item, as `next_item` would.
//! - **Hands** lowered because the floor moved on are named in a `hands_cleared` event.
//! - **Time**: shares follow [`crate::allocation`] under the pace cap; after every event the
//!   queued items' shares and the [`Outlook`] are recomputed as of that event's time.

pub mod admin;
mod agenda;
mod apply;
mod clock;
pub mod command;
pub mod events;
mod floor;
pub mod guests;
mod hands;
pub mod limits;
mod outcome;
pub mod publication;
pub mod refusal;
pub mod roles;

pub use admin::{clean_display_name, CarriedIn, CarryIn};
pub use command::Command;
pub use events::{redact_edit, Allotment, Event, EventKind, UndoAction};
pub use guests::JoinAs;
pub use limits::*;
pub use publication::{ArrivalCounts, DEFAULT_PUBLISH_AHEAD_MS};
pub use refusal::{ErrorCode, FieldFinding, Refusal};
pub use roles::{ChairHolder, ChairRoles};

use crate::allocation::{allocate_capped, remaining_ms};
use crate::domain::*;
use crate::ids::{ItemId, ParticipantId, ServiceId};
use crate::Millis;
use refusal::refuse;
use serde::{Deserialize, Serialize};

/// The time zone of a room whose centre's zone is not known (old logs).
pub const DEFAULT_TIME_ZONE: &str = "Europe/Helsinki";

/// What a decision gives: the events to persist and apply (possibly none, for a request that
/// asks for what already is), or the refusal, which changes nothing.
pub type Decision = Result<Vec<EventKind>, Refusal>;

/// The agenda as announced by the chair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub at: Millis,
    /// Number of items announced.
    pub items: u32,
    /// The smallest share, for "about M minutes each".
    pub each_ms: Millis,
}

/// The agenda as it stands now, for "N asiaa, noin M minuuttia kutakin": recomputed by
/// [`RoomState::apply`] after every event (as of that event's time), and by
/// [`RoomState::outlook_at`] for any moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlook {
    /// The time it was computed for.
    pub at: Millis,
    /// Items still to be handled: the one on the floor (if any) and the queued ones.
    pub items_left: u32,
    /// Queued items.
    pub queued: u32,
    /// What each queued item gets now (the first one's share; the others differ by at most a
    /// second). Before the agenda is confirmed: what each would get if it were confirmed now.
    pub each_ms: Millis,
    /// Meeting time left that no item holds: what the pace cap keeps back
    /// (see [`crate::allocation`]); the chair can give it with `extend`.
    pub spare_ms: Millis,
}

/// What an undoable agenda action changed, kept so `undo` can put it back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UndoPoint {
    pub action: UndoAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemId>,
    /// When the action was taken, and the last moment `undo` is accepted.
    pub at: Millis,
    pub until: Millis,
    /// The last event of the action; a later agenda change ends the chance to undo.
    pub through_seq: u64,
    pub before: Box<AgendaBefore>,
}

/// The parts of the room an agenda action changes, as they were before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaBefore {
    pub phase: Phase,
    pub items: Vec<AgendaItem>,
    pub confirmed: Option<Confirmation>,
    pub current: Option<CurrentItem>,
    pub hands: Vec<Hand>,
    pub started_at: Option<Millis>,
    pub pace_ms: Option<Millis>,
}

/// The item on the floor and its clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentItem {
    pub item: ItemId,
    pub started_at: Millis,
    /// When its time runs out, pauses and extensions included. While paused, the deadline
    /// moves on resume.
    pub deadline: Millis,
    pub paused_at: Option<Millis>,
    /// Paused time so far (excluded from time used).
    pub paused_ms: Millis,
}

impl CurrentItem {
    /// Time left at `now` (negative when overrunning); frozen while paused.
    pub fn left_ms(&self, now: Millis) -> Millis {
        self.deadline - self.paused_at.unwrap_or(now)
    }

    /// Presenting time used at `now`, pauses excluded.
    pub fn used_ms(&self, now: Millis) -> Millis {
        let end = self.paused_at.unwrap_or(now);
        (end - self.started_at - self.paused_ms).max(0)
    }
}

/// The whole state of one meeting's room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomState {
    pub meeting: MeetingInfo,
    pub phase: Phase,
    /// Agenda order: items that have had their turn (or left the agenda) first, then the one
    /// on the floor, then the queue.
    pub items: Vec<AgendaItem>,
    pub confirmed: Option<Confirmation>,
    pub current: Option<CurrentItem>,
    pub participants: Vec<Participant>,
    pub hands: Vec<Hand>,
    pub started_at: Option<Millis>,
    pub ended_at: Option<Millis>,
    pub meeting_overran: bool,
    /// Set when the coordinator cancelled the meeting (its phase is then `ended`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<Millis>,
    /// The centre's IANA time zone (e.g. `Europe/Helsinki`): every time the UI shows is shown
    /// in it, and says so. Set by the server from the centre when the room loads.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// The per-item pace: the share announced at `confirm_agenda`, or the first item's share
    /// when the meeting started unannounced. No item's share is larger (see
    /// [`crate::allocation`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace_ms: Option<Millis>,
    /// The agenda as it stands (items left, minutes each, spare time); `None` once ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlook: Option<Outlook>,
    /// The last agenda action the chair can still undo, if any (check `until` against now).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo: Option<UndoPoint>,
    /// Who holds the chair controls, the deputies and the scribe (see [`roles`]).
    #[serde(default)]
    pub roles: ChairRoles,
    /// Who may join besides the catalogue's services: experts by experience, guests (see
    /// [`guests`]); changed by `guests_allowed` events.
    #[serde(default)]
    pub guests_allowed: GuestAdmission,
    /// How long before the scheduled start the agenda is published (see [`publication`]).
    /// Not in the log: the server sets it from the centre's setting when the room loads and
    /// when the coordinator changes it (like the time zone); clients read it from the
    /// snapshot.
    #[serde(default = "default_publish_ahead")]
    pub publish_ahead_ms: Millis,
    /// The centre's theme clock for the meeting's month (theme, workshop, task between
    /// workshops), shown on the join page, the chair view and the shared screen. Not in the
    /// log: the server sets it from the centre's clock when the room loads, like the time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month_theme: Option<crate::domain::MonthTheme>,
}

fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_owned()
}

fn default_publish_ahead() -> Millis {
    DEFAULT_PUBLISH_AHEAD_MS
}

/// Who is sending a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// Set once the connection has joined.
    pub participant: Option<ParticipantId>,
}

impl RoomState {
    /// A new room from its `MeetingCreated` facts.
    pub fn new(meeting: MeetingInfo) -> Self {
        RoomState {
            meeting,
            phase: Phase::Open,
            items: Vec::new(),
            confirmed: None,
            current: None,
            participants: Vec::new(),
            hands: Vec::new(),
            started_at: None,
            ended_at: None,
            meeting_overran: false,
            cancelled_at: None,
            time_zone: default_time_zone(),
            pace_ms: None,
            outlook: None,
            undo: None,
            roles: ChairRoles::default(),
            guests_allowed: GuestAdmission::default(),
            publish_ahead_ms: DEFAULT_PUBLISH_AHEAD_MS,
            month_theme: None,
        }
    }

    /// A hand's place in the hand queue, from 1 (the order hands went up).
    pub fn hand_position(&self, participant: &ParticipantId) -> Option<usize> {
        self.hands
            .iter()
            .position(|h| &h.participant == participant)
            .map(|i| i + 1)
    }

    /// The services an item asks views from that nobody represents right now, in the item's
    /// order: what the chair wants to know before giving it the floor.
    pub fn missing_wanted(&self, item: &AgendaItem) -> Vec<ServiceId> {
        item.services_wanted
            .iter()
            .filter(|s| {
                !self
                    .participants
                    .iter()
                    .any(|p| p.present && &p.service == *s)
            })
            .cloned()
            .collect()
    }

    /// The agenda outlook at `now` (what [`RoomState::outlook`] holds as of the last event).
    pub fn outlook_at(&self, now: Millis) -> Option<Outlook> {
        if self.phase == Phase::Ended {
            return None;
        }
        let queued = self.queued().count();
        let remaining = self.remaining_for_queue(now);
        // Before anything is announced, the figure is what confirming now would announce.
        let pace = if self.confirmed.is_some() || self.phase == Phase::Running {
            self.pace_ms
        } else {
            None
        };
        let split = allocate_capped(remaining, queued, pace);
        Some(Outlook {
            at: now,
            items_left: (queued + self.current.is_some() as usize) as u32,
            queued: queued as u32,
            each_ms: split.shares.first().copied().unwrap_or(0),
            spare_ms: split.spare_ms,
        })
    }

    /// Rebuilds a room from its whole log. `None` if the log does not start with
    /// `MeetingCreated`.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Self> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let EventKind::MeetingCreated { meeting } = &first.kind else {
            return None;
        };
        let mut state = RoomState::new(meeting.clone());
        for e in events {
            state.apply(e);
        }
        Some(state)
    }

    /// The id the next new item gets: ids are `i1`, `i2`, … in order of arrival.
    pub fn next_item_id(&self) -> ItemId {
        ItemId(format!("i{}", self.items.len() + 1))
    }

    /// The item `id`, whatever its status.
    pub fn item(&self, id: &ItemId) -> Option<&AgendaItem> {
        self.items.iter().find(|i| &i.id == id)
    }

    fn item_mut(&mut self, id: &ItemId) -> Option<&mut AgendaItem> {
        self.items.iter_mut().find(|i| &i.id == id)
    }

    /// Someone who joined, present or not (people who left stay, for the minutes).
    pub fn participant(&self, id: &ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| &p.id == id)
    }

    /// Queued items in agenda order.
    pub fn queued(&self) -> impl Iterator<Item = &AgendaItem> {
        self.items.iter().filter(|i| i.status == ItemStatus::Queued)
    }

    /// Who represents which service right now; experts by experience and guests are counted
    /// apart and never make a service present.
    pub fn representation(&self) -> Representation {
        let mut rep = Representation::default();
        for p in self.participants.iter().filter(|p| p.present) {
            match p.standing() {
                Standing::ExpertByExperience => rep.experts_by_experience += 1,
                Standing::Guest => rep.guests += 1,
                Standing::Service => {}
            }
        }
        for s in &self.meeting.services {
            let people = self
                .participants
                .iter()
                .filter(|p| p.present && p.service == s.id)
                .count() as u32;
            rep.services.push(ServicePresence {
                service: s.id.clone(),
                required: s.required,
                people,
            });
            if s.required {
                if people > 0 {
                    rep.present_required.push(s.id.clone());
                } else {
                    rep.missing_required.push(s.id.clone());
                }
            }
        }
        rep
    }

    /// Meeting time left for the queue at `now`: after the current item's deadline, if one is
    /// on the floor.
    fn remaining_for_queue(&self, now: Millis) -> Millis {
        let from = match &self.current {
            Some(c) => now.max(c.deadline + c.paused_at.map_or(0, |p| now - p)),
            None => now,
        };
        remaining_ms(self.meeting.starts_at, self.meeting.ends_at, from)
    }

    /// Decides a command. `Ok` holds the events to persist and apply (possibly none, for a
    /// command that asks for what already is); `Err` changes nothing. Checks who may send it
    /// and whether the meeting still takes it, then hands it to its family.
    pub fn decide(&self, actor: &Actor, cmd: &Command, now: Millis) -> Decision {
        if cmd.chair_only() && !self.holds_chair(actor) {
            return refuse(
                ErrorCode::NotChair,
                format!("only the chair can {}", cmd.name()),
            );
        }
        if self.phase == Phase::Ended && !cmd.allowed_after_end() {
            return refuse(ErrorCode::WrongState, "the meeting has ended");
        }
        match cmd {
            Command::SubmitItem { item } => self.submit(actor, item, now),
            Command::EditItem {
                item,
                title,
                summary,
                question,
                services_wanted,
                themes,
            } => self.edit(
                actor,
                item,
                agenda::Edit {
                    title,
                    summary,
                    question,
                    services_wanted,
                    themes,
                },
            ),
            Command::WithdrawItem { item } => self.withdraw(actor, item),
            Command::Reorder { order } => self.reorder(order),
            Command::ConfirmAgenda => self.confirm(now),
            Command::RedactItem { item } => self.redact(item),
            Command::StartItem { item } => self.start_item(item, now),
            Command::NextItem => self.next_item(now),
            Command::Pause => self.pause(),
            Command::Resume => self.resume(),
            Command::Extend { minutes } => self.extend(*minutes),
            Command::DeferItem { item } => self.defer(item, now),
            Command::Undo => self.undo_last(now),
            Command::EndMeeting => self.end_meeting(now),
            Command::RaiseHand => self.raise_hand(actor),
            Command::LowerHand { participant } => self.lower_hand(actor, participant.as_ref()),
            Command::RecordOutcome { item, outcome } => self.record_outcome(actor, item, outcome),
            Command::PromoteDeputy { participant } => self.promote_deputy(participant),
            Command::HandOver { to } => self.hand_over(to),
            Command::TakeOver => self.take_over(actor, now),
            Command::NameScribe { participant } => self.name_scribe(participant),
            Command::RevokeScribe => self.revoke_scribe(),
            Command::AllowGuests { experts, guests } => self.allow_guests(GuestAdmission {
                experts: *experts,
                guests: *guests,
            }),
        }
    }
}

#[cfg(test)]
mod test_meeting;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod limit_tests;

#[cfg(test)]
mod admin_tests;

#[cfg(test)]
mod roles_tests;

#[cfg(test)]
mod guests_tests;
