//! The room's state and the two pure functions over it.
//!
//! [`RoomState::decide`] looks at a command from an [`Actor`] at a server time and either
//! refuses it (with a stable [`ErrorCode`], changing nothing) or returns the events it produces.
//! [`RoomState::apply`] folds one event into the state. The server persists events before
//! applying and broadcasting them, rebuilds rooms by replaying them, and browsers apply the same
//! events to stay in step. Keeping both functions here, free of I/O, is what makes "the state is
//! exactly what it was after a restart" checkable.
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

use crate::allocation::{allocate, allocate_capped, remaining_ms};
use crate::domain::*;
use crate::ids::{ItemId, ParticipantId, ServiceId};
use crate::protocol::{Command, ErrorCode, FieldFinding};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Longest item title, in characters.
pub const MAX_TITLE: usize = 150;
/// Longest summary, question or outcome field, in characters.
pub const MAX_TEXT: usize = 4000;
/// Longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 60;
/// The most minutes one `extend` may add.
pub const MAX_EXTEND_MINUTES: u32 = 30;
/// How long after an agenda action (`defer_item`, `withdraw_item`, `next_item`) the chair can
/// `undo` it.
pub const UNDO_WINDOW_MS: Millis = 60_000;
/// The time zone of a room whose centre's zone is not known (old logs).
pub const DEFAULT_TIME_ZONE: &str = "Europe/Helsinki";

// Limits of one meeting. One person with a participant link must not be able to lock everyone
// else out (a snapshot too large to send, a queue nobody can get through). Each is refused with
// `limit_reached` and changes nothing. They are far above what a monthly meeting of about 20
// professionals uses, and together they bound the largest snapshot (see
// [`MAX_SNAPSHOT_BYTES`] and the test that fills every limit).

/// Most items waiting in the queue. An hour handles 4–8 matters; 40 waiting is already a
/// minute and a half each, so more is a flood, not an agenda.
pub const MAX_QUEUED_ITEMS: usize = 40;
/// Most items one person (a participant, not the chair) can have waiting: one professional
/// rarely brings more than two or three, and no one can fill the queue alone.
pub const MAX_ITEMS_PER_PARTICIPANT: usize = 8;
/// Most items a meeting holds in all (queued, presented, deferred, withdrawn): a withdrawn
/// item stays in the room's state, so submit-and-withdraw must not grow it without end.
pub const MAX_ITEMS: usize = 100;
/// Most people who can join with the participant link (each browser is a person; people who
/// left still count, as they stay in the minutes). About 20 attend; 60 leaves room for second
/// devices and visitors.
pub const MAX_PARTICIPANTS: usize = 60;
/// Most services in a centre's catalogue (the coordinator API refuses more): the default
/// catalogue has ten; the snapshot bound assumes no more than this many.
pub const MAX_SERVICES: usize = 40;
/// Seats kept for the chair link beyond [`MAX_PARTICIPANTS`], so a flood of participants never
/// keeps the chair (on a new device, say) out of their own meeting.
pub const MAX_CHAIR_SEATS: usize = 10;
/// Most bytes the meeting's items may take in a snapshot (their JSON, every text, outcome and
/// earlier turn included, plus [`ITEM_GROWTH_BYTES`] each): about 50 pages of text, while a real
/// agenda is a few pages. Measured as sent, so 4-byte emoji or escaped quotes cannot slip
/// past a count of characters.
pub const MAX_AGENDA_BYTES: usize = 200 * 1024;
/// What an item's JSON can still grow by after its text is checked (its share and time used
/// set, a longer status, the overrun and redaction marks, a short text replaced by the
/// redaction marker), counted in [`RoomState::agenda_bytes`] up front so the bound holds for
/// the item's whole life.
pub const ITEM_GROWTH_BYTES: usize = 128;
/// The largest snapshot the limits allow stays below this, with room to spare; the server's
/// WebSocket write buffer is sized from it (a larger frame would be refused by the socket and
/// the connection dropped after `welcome`, which is how one flood locked a meeting). Browsers
/// accept WebSocket messages of any practical size; the e2e client is configured with this
/// very limit.
pub const MAX_SNAPSHOT_BYTES: usize = 1024 * 1024;

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
    MeetingCreated {
        meeting: MeetingInfo,
    },
    ParticipantJoined {
        participant: ParticipantId,
        service: ServiceId,
        display_name: Option<String>,
        role: Role,
    },
    ParticipantLeft {
        participant: ParticipantId,
    },
    ItemSubmitted {
        item: AgendaItem,
    },
    AgendaReordered {
        order: Vec<ItemId>,
    },
    /// The chair announced the agenda; every queued item got its share.
    AgendaConfirmed {
        allotments: Vec<Allotment>,
    },
    /// `allotments` holds the started item first, then every other queued item, reallocated.
    ItemStarted {
        item: ItemId,
        allotments: Vec<Allotment>,
    },
    ItemFinished {
        item: ItemId,
        used_ms: Millis,
    },
    /// The current item passed its deadline.
    ItemOverran {
        item: ItemId,
    },
    /// The meeting passed its scheduled end while still running.
    MeetingOverran,
    Paused,
    Resumed,
    Extended {
        item: ItemId,
        ms: Millis,
    },
    /// `used_ms` is set when the item was on the floor when deferred.
    ItemDeferred {
        item: ItemId,
        used_ms: Option<Millis>,
    },
    ItemWithdrawn {
        item: ItemId,
    },
    OutcomeRecorded {
        item: ItemId,
        outcome: Outcome,
    },
    HandRaised {
        participant: ParticipantId,
    },
    HandLowered {
        participant: ParticipantId,
    },
    MeetingEnded,
    /// An item from an earlier meeting of the centre, put at the top of the queue.
    ItemCarriedOver {
        item: AgendaItem,
    },
    /// The coordinator moved the meeting (only before it starts).
    MeetingRescheduled {
        starts_at: Millis,
        ends_at: Millis,
    },
    /// The coordinator cancelled the meeting; it is over without having run.
    MeetingCancelled,
    /// The centre's service catalogue changed before the meeting started; the meeting takes
    /// the new one (a meeting that has started keeps the catalogue it ran with).
    CatalogueUpdated {
        services: Vec<Service>,
    },
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
    ItemRedacted {
        item: ItemId,
    },
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
    ActionUndone {
        action: UndoAction,
    },
    /// The floor moved on (`next_item`, `start_item`, `defer_item` of the current item) and
    /// these people's raised hands were lowered with it, in their queue order: each owner's
    /// client can say "your hand was lowered when the item changed".
    HandsCleared {
        participants: Vec<ParticipantId>,
    },
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
    /// which ends the chance to undo the agenda action before it. Presence, hands and the
    /// clock's own overrun marks do not.
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
        )
    }
}

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
}

fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_owned()
}

/// Who is sending a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// Set once the connection has joined.
    pub participant: Option<ParticipantId>,
}

/// Why a command was refused. The message is safe to show and never quotes user text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: ErrorCode,
    pub message: String,
    /// For [`ErrorCode::IdentifierFound`]: where the identifiers are, so the client can mark
    /// them. Kinds and offsets only.
    pub findings: Vec<FieldFinding>,
}

impl Refusal {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Refusal {
        Refusal {
            code,
            message: message.into(),
            findings: Vec::new(),
        }
    }
}

fn refuse<T>(code: ErrorCode, message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(code, message))
}

/// Refuses a text field holding a bidirectional embedding, override or isolate control
/// (U+202A–U+202E, U+2066–U+2069): such characters change the order in which a text is
/// displayed, so "C121-464021" can show as an identity code (or an identity code as harmless
/// digits), and no field needs them. Checked before anything else looks at the text, the
/// identifier guard included, so the answer does not depend on what else the text holds. The
/// message names the field, never its content.
pub fn check_direction_controls(field: &str, value: &str) -> Result<(), Refusal> {
    if crate::guard::normalize::bidi_control(value).is_some() {
        return refuse(
            ErrorCode::InvalidField,
            format!(
                "{field} contains direction-control characters (U+202A–U+202E, U+2066–U+2069), \
                 which can disguise what a text says; remove them and send again"
            ),
        );
    }
    Ok(())
}

fn check_text(field: &str, value: &str, min: usize, max: usize) -> Result<(), Refusal> {
    check_direction_controls(field, value)?;
    let n = value.trim().chars().count();
    if n < min {
        return refuse(
            ErrorCode::InvalidField,
            format!("{field} must not be empty"),
        );
    }
    if value.chars().count() > max {
        return refuse(
            ErrorCode::InvalidField,
            format!("{field} is longer than {max} characters"),
        );
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return refuse(
            ErrorCode::InvalidField,
            format!("{field} contains control characters"),
        );
    }
    Ok(())
}

/// Bytes one item counts for against [`MAX_AGENDA_BYTES`]: its JSON as a snapshot carries it
/// (every text, outcome and earlier turn) plus [`ITEM_GROWTH_BYTES`].
pub fn item_bytes(item: &AgendaItem) -> usize {
    /// Counts what is written, keeping nothing.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    match serde_json::to_writer(&mut count, item) {
        Ok(()) => count.0 + ITEM_GROWTH_BYTES,
        // Cannot happen for plain data; counted as too large rather than as nothing.
        Err(_) => MAX_AGENDA_BYTES + 1,
    }
}

fn check_agenda_bytes(total: usize) -> Result<(), Refusal> {
    if total > MAX_AGENDA_BYTES {
        return refuse(
            ErrorCode::LimitReached,
            format!(
                "the meeting's items hold at most {} KB of text; nothing changed. Shorten the \
                 text, or the chair can remove text from items",
                MAX_AGENDA_BYTES / 1024
            ),
        );
    }
    Ok(())
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

    pub fn item(&self, id: &ItemId) -> Option<&AgendaItem> {
        self.items.iter().find(|i| &i.id == id)
    }

    fn item_mut(&mut self, id: &ItemId) -> Option<&mut AgendaItem> {
        self.items.iter_mut().find(|i| &i.id == id)
    }

    pub fn participant(&self, id: &ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| &p.id == id)
    }

    /// Queued items in agenda order.
    pub fn queued(&self) -> impl Iterator<Item = &AgendaItem> {
        self.items.iter().filter(|i| i.status == ItemStatus::Queued)
    }

    /// Who represents which service right now.
    pub fn representation(&self) -> Representation {
        let mut rep = Representation::default();
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

    /// Checks a join before the server records it.
    pub fn check_join(
        &self,
        service: &ServiceId,
        display_name: Option<&str>,
    ) -> Result<(), Refusal> {
        if self.phase == Phase::Ended {
            return refuse(ErrorCode::WrongState, "the meeting has ended");
        }
        if self.meeting.service(service).is_none() {
            return refuse(
                ErrorCode::UnknownService,
                "that service is not in this centre's catalogue",
            );
        }
        if let Some(name) = display_name {
            check_text("display_name", name, 0, MAX_DISPLAY_NAME)?;
        }
        Ok(())
    }

    /// Checks that `participant`, joining with `role`, has a seat: someone already in the
    /// meeting keeps theirs (a reconnect, a second tab); a newcomer needs one of the
    /// [`MAX_PARTICIPANTS`] seats of the participant link or the [`MAX_CHAIR_SEATS`] of the chair
    /// link. Refused with `limit_reached`; the connection still follows the agenda.
    pub fn check_seat(&self, participant: &ParticipantId, role: Role) -> Result<(), Refusal> {
        if self.participant(participant).is_some() {
            return Ok(());
        }
        let (seats, what) = match role {
            Role::Participant => (MAX_PARTICIPANTS, "participants"),
            Role::Chair => (MAX_CHAIR_SEATS, "people with the chair link"),
        };
        if self.participants.iter().filter(|p| p.role == role).count() >= seats {
            return refuse(
                ErrorCode::LimitReached,
                format!(
                    "the meeting has room for {seats} {what} and every seat is taken; the \
                     agenda can still be followed without joining"
                ),
            );
        }
        Ok(())
    }

    /// Bytes the meeting's items take in a snapshot, as counted against
    /// [`MAX_AGENDA_BYTES`] ([`item_bytes`] each).
    pub fn agenda_bytes(&self) -> usize {
        self.items.iter().map(item_bytes).sum()
    }

    /// Checks that `arriving` (new queued items: a submission, or items carried over from an
    /// earlier meeting) fit the meeting's limits all together: the queue
    /// ([`MAX_QUEUED_ITEMS`]), the items in all ([`MAX_ITEMS`]) and their bytes
    /// ([`MAX_AGENDA_BYTES`]). Refused with `limit_reached`.
    pub fn check_arrivals(&self, arriving: &[&AgendaItem]) -> Result<(), Refusal> {
        if self.queued().count() + arriving.len() > MAX_QUEUED_ITEMS {
            return refuse(
                ErrorCode::LimitReached,
                format!(
                    "the queue holds at most {MAX_QUEUED_ITEMS} items; nothing was added. The \
                     chair can withdraw or defer items"
                ),
            );
        }
        if self.items.len() + arriving.len() > MAX_ITEMS {
            return refuse(
                ErrorCode::LimitReached,
                format!("a meeting holds at most {MAX_ITEMS} items in all; nothing was added"),
            );
        }
        let adding: usize = arriving.iter().map(|i| item_bytes(i)).sum();
        check_agenda_bytes(self.agenda_bytes() + adding)
    }

    /// Checks that changing `before` into `after` (an edit, an outcome) keeps the items within
    /// [`MAX_AGENDA_BYTES`]. A change that does not grow the item is always allowed.
    fn check_growth(&self, before: &AgendaItem, after: &AgendaItem) -> Result<(), Refusal> {
        let (old, new) = (item_bytes(before), item_bytes(after));
        if new <= old {
            return Ok(());
        }
        check_agenda_bytes(self.agenda_bytes() - old + new)
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
    /// command that asks for what already is); `Err` changes nothing.
    pub fn decide(
        &self,
        actor: &Actor,
        cmd: &Command,
        now: Millis,
    ) -> Result<Vec<EventKind>, Refusal> {
        let is_chair = actor.role == Role::Chair;
        let chair_only = !matches!(
            cmd,
            Command::SubmitItem { .. }
                | Command::RaiseHand
                | Command::LowerHand { .. }
                | Command::WithdrawItem { .. }
                | Command::EditItem { .. }
        );
        if chair_only && !is_chair {
            return refuse(
                ErrorCode::NotChair,
                format!("only the chair can {}", cmd.name()),
            );
        }
        if self.phase == Phase::Ended
            && !matches!(
                cmd,
                Command::RecordOutcome { .. } | Command::RedactItem { .. }
            )
        {
            return refuse(ErrorCode::WrongState, "the meeting has ended");
        }
        let me = actor.participant.as_ref();
        match cmd {
            Command::SubmitItem { item } => {
                let Some(me) = me.and_then(|p| self.participant(p)) else {
                    return refuse(ErrorCode::NotJoined, "join the meeting before submitting");
                };
                check_text("title", &item.title, 1, MAX_TITLE)?;
                check_text("summary", &item.summary, 0, MAX_TEXT)?;
                check_text("question", &item.question, 1, MAX_TEXT)?;
                self.check_services(&item.services_wanted)?;
                if !is_chair
                    && self.queued().filter(|i| i.presenter == me.id).count()
                        >= MAX_ITEMS_PER_PARTICIPANT
                {
                    return refuse(
                        ErrorCode::LimitReached,
                        format!(
                            "one person can have at most {MAX_ITEMS_PER_PARTICIPANT} items \
                             waiting; nothing was added"
                        ),
                    );
                }
                let mut themes = item.themes.clone();
                themes.sort();
                themes.dedup();
                let item = AgendaItem {
                    id: self.next_item_id(),
                    kind: item.kind,
                    title: item.title.trim().to_owned(),
                    summary: item.summary.trim().to_owned(),
                    question: item.question.trim().to_owned(),
                    services_wanted: dedup_keep_order(&item.services_wanted),
                    themes,
                    presenter: me.id.clone(),
                    presenter_service: me.service.clone(),
                    status: ItemStatus::Queued,
                    submitted_at: now,
                    allotted_ms: None,
                    used_ms: None,
                    overran: false,
                    outcome: None,
                    carried_over: None,
                    edited: false,
                    redacted: false,
                };
                self.check_arrivals(&[&item])?;
                Ok(vec![EventKind::ItemSubmitted { item }])
            }
            Command::RaiseHand => {
                let Some(me) = me else {
                    return refuse(
                        ErrorCode::NotJoined,
                        "join the meeting before raising a hand",
                    );
                };
                if self.current.is_none() {
                    return refuse(
                        ErrorCode::WrongState,
                        "hands go up while an item is presented",
                    );
                }
                if self.hands.iter().any(|h| &h.participant == me) {
                    return Ok(vec![]);
                }
                Ok(vec![EventKind::HandRaised {
                    participant: me.clone(),
                }])
            }
            Command::LowerHand { participant } => {
                let target = match (participant, me) {
                    (Some(p), Some(me)) if p == me => p,
                    (Some(p), _) if is_chair => p,
                    (Some(_), _) => {
                        return refuse(
                            ErrorCode::NotChair,
                            "only the chair can lower another's hand",
                        )
                    }
                    (None, Some(me)) => me,
                    (None, None) => return refuse(ErrorCode::NotJoined, "join the meeting first"),
                };
                if !self.hands.iter().any(|h| &h.participant == target) {
                    return Ok(vec![]);
                }
                Ok(vec![EventKind::HandLowered {
                    participant: target.clone(),
                }])
            }
            Command::Reorder { order } => {
                for id in order {
                    if self.item(id).is_none() {
                        return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
                    }
                }
                let mut given: Vec<&ItemId> = order.iter().collect();
                given.sort();
                let mut queued: Vec<&ItemId> = self.queued().map(|i| &i.id).collect();
                queued.sort();
                if given != queued {
                    return refuse(
                        ErrorCode::InvalidField,
                        "the order must list every queued item exactly once",
                    );
                }
                Ok(vec![EventKind::AgendaReordered {
                    order: order.clone(),
                }])
            }
            Command::ConfirmAgenda => {
                let queued: Vec<&AgendaItem> = self.queued().collect();
                if queued.is_empty() {
                    return refuse(
                        ErrorCode::WrongState,
                        "there are no queued items to announce",
                    );
                }
                let shares = allocate(self.remaining_for_queue(now), queued.len());
                Ok(vec![EventKind::AgendaConfirmed {
                    allotments: queued
                        .iter()
                        .zip(shares)
                        .map(|(i, ms)| Allotment {
                            item: i.id.clone(),
                            ms,
                        })
                        .collect(),
                }])
            }
            Command::StartItem { item } => {
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
            Command::NextItem => {
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
            Command::Pause => match &self.current {
                Some(c) if c.paused_at.is_none() => Ok(vec![EventKind::Paused]),
                Some(_) => refuse(ErrorCode::WrongState, "the item is already paused"),
                None => refuse(ErrorCode::WrongState, "nothing is presented"),
            },
            Command::Resume => match &self.current {
                Some(c) if c.paused_at.is_some() => Ok(vec![EventKind::Resumed]),
                Some(_) => refuse(ErrorCode::WrongState, "the item is not paused"),
                None => refuse(ErrorCode::WrongState, "nothing is presented"),
            },
            Command::Extend { minutes } => {
                if *minutes == 0 || *minutes > MAX_EXTEND_MINUTES {
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
                    ms: *minutes as Millis * 60_000,
                }])
            }
            Command::DeferItem { item } => {
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
            Command::WithdrawItem { item } => {
                let Some(it) = self.item(item) else {
                    return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
                };
                if !is_chair && me != Some(&it.presenter) {
                    return refuse(
                        ErrorCode::NotAllowed,
                        "only the chair or the presenter can withdraw an item",
                    );
                }
                if it.status != ItemStatus::Queued {
                    return refuse(ErrorCode::WrongState, "only a queued item can be withdrawn");
                }
                Ok(undoable(
                    UndoAction::Withdraw,
                    Some(item.clone()),
                    vec![EventKind::ItemWithdrawn { item: item.clone() }],
                ))
            }
            Command::EditItem {
                item,
                title,
                summary,
                question,
                services_wanted,
                themes,
            } => {
                let Some(it) = self.item(item) else {
                    return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
                };
                if !is_chair {
                    if me != Some(&it.presenter) {
                        return refuse(
                            ErrorCode::NotAllowed,
                            "only the chair or the presenter can edit an item",
                        );
                    }
                    if it.status != ItemStatus::Queued {
                        return refuse(
                            ErrorCode::WrongState,
                            "the presenter can edit an item while it is queued",
                        );
                    }
                }
                if title.is_none()
                    && summary.is_none()
                    && question.is_none()
                    && services_wanted.is_none()
                    && themes.is_none()
                {
                    return refuse(ErrorCode::InvalidField, "an edit needs at least one field");
                }
                if let Some(t) = title {
                    check_text("title", t, 1, MAX_TITLE)?;
                }
                if let Some(t) = summary {
                    check_text("summary", t, 0, MAX_TEXT)?;
                }
                if let Some(t) = question {
                    check_text("question", t, 1, MAX_TEXT)?;
                }
                if let Some(sv) = services_wanted {
                    self.check_services(sv)?;
                }
                // Only what differs goes into the event.
                let changed = |new: &Option<String>, old: &str| {
                    new.as_deref()
                        .map(|t| t.trim().to_owned())
                        .filter(|t| t != old)
                };
                let title = changed(title, &it.title);
                let summary = changed(summary, &it.summary);
                let question = changed(question, &it.question);
                let services_wanted = services_wanted
                    .as_ref()
                    .map(|s| dedup_keep_order(s))
                    .filter(|s| s != &it.services_wanted);
                let themes = themes
                    .as_ref()
                    .map(|t| {
                        let mut t = t.clone();
                        t.sort();
                        t.dedup();
                        t
                    })
                    .filter(|t| t != &it.themes);
                if title.is_none()
                    && summary.is_none()
                    && question.is_none()
                    && services_wanted.is_none()
                    && themes.is_none()
                {
                    return Ok(vec![]);
                }
                let mut after = it.clone();
                for (field, new) in [
                    (&mut after.title, &title),
                    (&mut after.summary, &summary),
                    (&mut after.question, &question),
                ] {
                    if let Some(t) = new {
                        t.clone_into(field);
                    }
                }
                if let Some(sv) = &services_wanted {
                    after.services_wanted = sv.clone();
                }
                if let Some(th) = &themes {
                    after.themes = th.clone();
                }
                after.edited = true;
                self.check_growth(it, &after)?;
                Ok(vec![EventKind::ItemEdited {
                    item: item.clone(),
                    title,
                    summary,
                    question,
                    services_wanted,
                    themes,
                }])
            }
            Command::RedactItem { item } => {
                let Some(it) = self.item(item) else {
                    return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
                };
                if it.redacted && !self.item_has_text_since_redaction(it) {
                    return Ok(vec![]);
                }
                Ok(vec![EventKind::ItemRedacted { item: item.clone() }])
            }
            Command::Undo => {
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
            Command::RecordOutcome { item, outcome } => {
                let Some(it) = self.item(item) else {
                    return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
                };
                if !matches!(
                    it.status,
                    ItemStatus::Presenting | ItemStatus::Done | ItemStatus::Deferred
                ) {
                    return refuse(
                        ErrorCode::WrongState,
                        "an outcome is recorded for an item that has been on the floor",
                    );
                }
                if it.status == ItemStatus::Deferred && it.used_ms.is_none() {
                    return refuse(
                        ErrorCode::WrongState,
                        "the item was deferred before it was presented",
                    );
                }
                check_text("advice", &outcome.advice, 0, MAX_TEXT)?;
                check_text("next_steps", &outcome.next_steps, 0, MAX_TEXT)?;
                self.check_services(&outcome.services_to_involve)?;
                let outcome = Outcome {
                    advice: outcome.advice.trim().to_owned(),
                    next_steps: outcome.next_steps.trim().to_owned(),
                    services_to_involve: dedup_keep_order(&outcome.services_to_involve),
                    follow_up: outcome.follow_up,
                };
                let mut after = it.clone();
                after.outcome = Some(outcome.clone());
                self.check_growth(it, &after)?;
                Ok(vec![EventKind::OutcomeRecorded {
                    item: item.clone(),
                    outcome,
                }])
            }
            Command::EndMeeting => {
                let mut events = self.finish_current(now);
                // What did not fit goes to the next meeting rather than being lost.
                events.extend(self.queued().map(|i| EventKind::ItemDeferred {
                    item: i.id.clone(),
                    used_ms: None,
                }));
                events.push(EventKind::MeetingEnded);
                Ok(events)
            }
        }
    }

    fn check_services(&self, services: &[ServiceId]) -> Result<(), Refusal> {
        if services.iter().any(|s| self.meeting.service(s).is_none()) {
            return refuse(
                ErrorCode::UnknownService,
                "a service is not in this centre's catalogue",
            );
        }
        Ok(())
    }

    /// Whether a redacted item has been given text again since (an edit after the
    /// redaction), so redacting it again is not a no-op.
    fn item_has_text_since_redaction(&self, it: &AgendaItem) -> bool {
        it.title != REDACTED_TEXT
            || it.question != REDACTED_TEXT
            || !it.summary.is_empty()
            || it.outcome.as_ref().is_some_and(|o| {
                (!o.advice.is_empty() && o.advice != REDACTED_TEXT)
                    || (!o.next_steps.is_empty() && o.next_steps != REDACTED_TEXT)
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

    /// Folds one event into the state. Events come from `decide` (or the log), so they are
    /// trusted; an event naming an unknown item is ignored rather than panicking.
    pub fn apply(&mut self, event: &Event) {
        let at = event.at;
        // Any other change to the agenda after an undoable action ends the chance to undo it.
        if event.kind.changes_agenda()
            && !matches!(event.kind, EventKind::ActionUndone { .. })
            && self
                .undo
                .as_ref()
                .is_some_and(|u| event.seq > u.through_seq)
        {
            self.undo = None;
        }
        self.apply_kind(event);
        self.reflow(at);
    }

    /// After every event: the queued items' shares and the outlook follow the agenda as it now
    /// stands (as of the event's time), so the announced "N items, about M minutes each" and
    /// each queued item's minutes never go stale. Before the agenda is confirmed and the
    /// meeting started, items have no share yet.
    fn reflow(&mut self, at: Millis) {
        if self.phase != Phase::Ended && (self.confirmed.is_some() || self.phase == Phase::Running)
        {
            let queued: Vec<ItemId> = self.queued().map(|i| i.id.clone()).collect();
            let split = allocate_capped(self.remaining_for_queue(at), queued.len(), self.pace_ms);
            for (id, ms) in queued.iter().zip(split.shares) {
                if let Some(it) = self.item_mut(id) {
                    it.allotted_ms = Some(ms);
                }
            }
        }
        self.outlook = self.outlook_at(at);
    }

    fn apply_kind(&mut self, event: &Event) {
        let at = event.at;
        match &event.kind {
            EventKind::MeetingCreated { meeting } => {
                let time_zone = std::mem::take(&mut self.time_zone);
                *self = RoomState::new(meeting.clone());
                if !time_zone.is_empty() {
                    self.time_zone = time_zone;
                }
            }
            EventKind::ParticipantJoined {
                participant,
                service,
                display_name,
                role,
            } => {
                if let Some(p) = self.participants.iter_mut().find(|p| &p.id == participant) {
                    p.present = true;
                    p.service = service.clone();
                    p.display_name = display_name.clone();
                } else {
                    self.participants.push(Participant {
                        id: participant.clone(),
                        service: service.clone(),
                        display_name: display_name.clone(),
                        role: *role,
                        present: true,
                        joined_at: at,
                    });
                }
            }
            EventKind::ParticipantLeft { participant } => {
                if let Some(p) = self.participants.iter_mut().find(|p| &p.id == participant) {
                    p.present = false;
                }
                self.hands.retain(|h| &h.participant != participant);
            }
            EventKind::ItemSubmitted { item } => self.items.push(item.clone()),
            EventKind::AgendaReordered { order } => {
                let (mut rest, queued): (Vec<_>, Vec<_>) = self
                    .items
                    .drain(..)
                    .partition(|i| i.status != ItemStatus::Queued);
                let mut queued: Vec<Option<AgendaItem>> = queued.into_iter().map(Some).collect();
                for id in order {
                    if let Some(slot) = queued
                        .iter_mut()
                        .find(|s| s.as_ref().is_some_and(|i| &i.id == id))
                    {
                        rest.push(slot.take().unwrap());
                    }
                }
                rest.extend(queued.into_iter().flatten());
                self.items = rest;
            }
            EventKind::AgendaConfirmed { allotments } => {
                self.set_allotments(allotments);
                let each_ms = allotments.iter().map(|a| a.ms).min().unwrap_or(0);
                self.confirmed = Some(Confirmation {
                    at,
                    items: allotments.len() as u32,
                    each_ms,
                });
                self.pace_ms = Some(each_ms);
            }
            EventKind::ItemStarted { item, allotments } => {
                self.phase = Phase::Running;
                self.started_at.get_or_insert(at);
                self.set_allotments(allotments);
                // The started item moves to the head of the queue, so the agenda reads in the
                // order things happened.
                if let Some(pos) = self.items.iter().position(|i| &i.id == item) {
                    let it = self.items.remove(pos);
                    let head = self
                        .items
                        .iter()
                        .position(|i| i.status == ItemStatus::Queued)
                        .unwrap_or(self.items.len());
                    self.items.insert(head, it);
                }
                let allotted = allotments
                    .iter()
                    .find(|a| &a.item == item)
                    .map_or(0, |a| a.ms);
                // A meeting started without an announcement takes its first share as the pace.
                self.pace_ms.get_or_insert(allotted);
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Presenting;
                    it.overran = false;
                }
                self.current = Some(CurrentItem {
                    item: item.clone(),
                    started_at: at,
                    deadline: at + allotted,
                    paused_at: None,
                    paused_ms: 0,
                });
                self.hands.clear();
            }
            EventKind::ItemFinished { item, used_ms } => {
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Done;
                    it.used_ms = Some(*used_ms);
                    it.overran = it.allotted_ms.is_some_and(|a| *used_ms > a);
                }
                self.leave_floor(item);
            }
            EventKind::ItemOverran { item } => {
                if let Some(it) = self.item_mut(item) {
                    it.overran = true;
                }
            }
            EventKind::MeetingOverran => self.meeting_overran = true,
            EventKind::Paused => {
                if let Some(c) = &mut self.current {
                    c.paused_at = Some(at);
                }
            }
            EventKind::Resumed => {
                if let Some(c) = &mut self.current {
                    if let Some(p) = c.paused_at.take() {
                        c.deadline += at - p;
                        c.paused_ms += at - p;
                    }
                }
            }
            EventKind::Extended { item, ms } => {
                let mut deadline = None;
                if let Some(c) = self.current.as_mut().filter(|c| &c.item == item) {
                    c.deadline += ms;
                    deadline = Some(c.deadline - c.paused_at.map_or(0, |p| at - p));
                }
                if let Some(it) = self.item_mut(item) {
                    it.allotted_ms = Some(it.allotted_ms.unwrap_or(0) + ms);
                    if deadline.is_some_and(|d| d > at) {
                        it.overran = false;
                    }
                }
            }
            EventKind::ItemDeferred { item, used_ms } => {
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Deferred;
                    if used_ms.is_some() {
                        it.used_ms = *used_ms;
                    }
                }
                self.leave_floor(item);
            }
            EventKind::ItemWithdrawn { item } => {
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Withdrawn;
                }
            }
            EventKind::OutcomeRecorded { item, outcome } => {
                if let Some(it) = self.item_mut(item) {
                    it.outcome = Some(outcome.clone());
                }
            }
            EventKind::HandRaised { participant } => {
                if !self.hands.iter().any(|h| &h.participant == participant) {
                    self.hands.push(Hand {
                        participant: participant.clone(),
                        raised_at: at,
                    });
                }
            }
            EventKind::HandLowered { participant } => {
                self.hands.retain(|h| &h.participant != participant)
            }
            EventKind::MeetingEnded => {
                self.phase = Phase::Ended;
                self.ended_at = Some(at);
                self.current = None;
                self.hands.clear();
            }
            EventKind::ItemCarriedOver { item } => {
                // Carried items go first in the queue, after those carried before them.
                let head = self
                    .items
                    .iter()
                    .position(|i| i.status == ItemStatus::Queued && i.carried_over.is_none())
                    .unwrap_or(self.items.len());
                self.items.insert(head, item.clone());
            }
            EventKind::CatalogueUpdated { services } => self.meeting.services = services.clone(),
            EventKind::ItemEdited {
                item,
                title,
                summary,
                question,
                services_wanted,
                themes,
            } => {
                if let Some(it) = self.item_mut(item) {
                    if let Some(t) = title {
                        it.title = t.clone();
                    }
                    if let Some(t) = summary {
                        it.summary = t.clone();
                    }
                    if let Some(t) = question {
                        it.question = t.clone();
                    }
                    if let Some(sv) = services_wanted {
                        it.services_wanted = sv.clone();
                    }
                    if let Some(th) = themes {
                        it.themes = th.clone();
                    }
                    it.edited = true;
                }
            }
            EventKind::ItemRedacted { item } => {
                if let Some(it) = self.item_mut(item) {
                    it.redact();
                }
            }
            EventKind::ItemReclaimed { item, presenter } => {
                if let Some(it) = self.item_mut(item) {
                    it.presenter = presenter.clone();
                }
            }
            EventKind::UndoableAction {
                action,
                item,
                events,
            } => {
                self.undo = Some(UndoPoint {
                    action: *action,
                    item: item.clone(),
                    at,
                    until: at + UNDO_WINDOW_MS,
                    through_seq: event.seq + *events as u64,
                    before: Box::new(AgendaBefore {
                        phase: self.phase,
                        items: self.items.clone(),
                        confirmed: self.confirmed.clone(),
                        current: self.current.clone(),
                        hands: self.hands.clone(),
                        started_at: self.started_at,
                        pace_ms: self.pace_ms,
                    }),
                });
            }
            EventKind::ActionUndone { .. } => {
                if let Some(u) = self.undo.take() {
                    let b = *u.before;
                    // Hands raised since stay up, after the ones that were up before.
                    let mut hands = b.hands;
                    for h in std::mem::take(&mut self.hands) {
                        if !hands.iter().any(|x| x.participant == h.participant) {
                            hands.push(h);
                        }
                    }
                    self.phase = b.phase;
                    self.items = b.items;
                    self.confirmed = b.confirmed;
                    self.current = b.current;
                    self.hands = hands;
                    self.started_at = b.started_at;
                    self.pace_ms = b.pace_ms;
                }
            }
            EventKind::HandsCleared { participants } => self
                .hands
                .retain(|h| !participants.contains(&h.participant)),
            EventKind::MeetingRescheduled { starts_at, ends_at } => {
                self.meeting.starts_at = *starts_at;
                self.meeting.ends_at = *ends_at;
            }
            EventKind::MeetingCancelled => {
                self.phase = Phase::Ended;
                self.ended_at = Some(at);
                self.cancelled_at = Some(at);
                self.current = None;
                self.hands.clear();
            }
        }
    }

    fn set_allotments(&mut self, allotments: &[Allotment]) {
        for a in allotments {
            if let Some(it) = self.item_mut(&a.item) {
                it.allotted_ms = Some(a.ms);
            }
        }
    }

    fn leave_floor(&mut self, item: &ItemId) {
        if self.current.as_ref().is_some_and(|c| &c.item == item) {
            self.current = None;
            self.hands.clear();
        }
    }
}

/// An undoable action's events, led by the mark that lets `undo` reverse them.
fn undoable(action: UndoAction, item: Option<ItemId>, events: Vec<EventKind>) -> Vec<EventKind> {
    let mut out = vec![EventKind::UndoableAction {
        action,
        item,
        events: events.len() as u32,
    }];
    out.extend(events);
    out
}

fn dedup_keep_order(services: &[ServiceId]) -> Vec<ServiceId> {
    let mut out: Vec<ServiceId> = Vec::new();
    for s in services {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod limit_tests;
