//! The limits of a meeting and the checks of what people type, in one place.
//!
//! Sizes of one field ([`MAX_TITLE`], [`MAX_TEXT`], [`MAX_DISPLAY_NAME`]) and limits of the
//! whole meeting ([`MAX_QUEUED_ITEMS`] and the rest). One person with a participant link must
//! not be able to lock everyone else out (a snapshot too large to send, a queue nobody can get
//! through). Each is refused with `limit_reached` and changes nothing. They are far above what a
//! monthly meeting of about 20 professionals uses, and together they bound the largest snapshot
//! (see [`MAX_SNAPSHOT_BYTES`] and the test that fills every limit).

use super::refusal::{refuse, ErrorCode, Refusal};
use super::RoomState;
use crate::domain::{AgendaItem, Role};
use crate::ids::{ParticipantId, ServiceId};
use crate::Millis;

/// Longest item title, in characters.
pub const MAX_TITLE: usize = 150;
/// Longest summary, question or outcome field, in characters.
pub const MAX_TEXT: usize = 4000;
/// Longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 60;
/// Longest organisation a guest gives, in characters ("Vuosaaren yläaste, oppilashuolto").
pub const MAX_ORGANISATION: usize = 80;
/// The most minutes one `extend` may add.
pub const MAX_EXTEND_MINUTES: u32 = 30;
/// How long after an agenda action (`defer_item`, `withdraw_item`, `next_item`) the chair can
/// `undo` it.
pub const UNDO_WINDOW_MS: Millis = 60_000;
/// How long the holder of the chair controls must have been away (after the reconnect grace
/// ran out) before a deputy can `take_over`: long enough for a dropped Teams call and a
/// reloaded page, short enough that the hour is not lost. The server can set another
/// (`--takeover-grace-secs`); the room keeps it in [`super::ChairRoles::takeover_grace_ms`].
pub const CHAIR_TAKEOVER_GRACE_MS: Millis = 60_000;

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
/// redaction marker), counted in [`RoomState::agenda_bytes`] up front so the bound holds for
/// the item's whole life.
pub const ITEM_GROWTH_BYTES: usize = 128;
/// The largest snapshot the limits allow stays below this, with room to spare; the server's
/// WebSocket write buffer is sized from it (a larger frame would be refused by the socket and
/// the connection dropped after `welcome`, which is how one flood locked a meeting). Browsers
/// accept WebSocket messages of any practical size; the e2e client is configured with this
/// very limit.
pub const MAX_SNAPSHOT_BYTES: usize = 1024 * 1024;

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

/// Refuses a text shorter than `min` characters once trimmed, longer than `max`, or holding
/// a control or direction-control character; the message names the field, never the text.
pub(super) fn check_text(field: &str, value: &str, min: usize, max: usize) -> Result<(), Refusal> {
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
    /// Checks that `participant`, joining with `role`, has a seat: someone already in the
    /// meeting keeps theirs (a reconnect, a second tab); a newcomer needs one of the
    /// [`MAX_PARTICIPANTS`] seats of the participant link or the [`MAX_CHAIR_SEATS`] of the chair
    /// link (the deputy link has as many of its own). Refused with `limit_reached`; the connection still follows the agenda.
    pub fn check_seat(&self, participant: &ParticipantId, role: Role) -> Result<(), Refusal> {
        if self.participant(participant).is_some() {
            return Ok(());
        }
        let (seats, what) = match role {
            Role::Participant => (MAX_PARTICIPANTS, "participants"),
            Role::Chair => (MAX_CHAIR_SEATS, "people with the chair link"),
            Role::Deputy => (MAX_CHAIR_SEATS, "people with the deputy chair link"),
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
    pub(super) fn check_growth(
        &self,
        before: &AgendaItem,
        after: &AgendaItem,
    ) -> Result<(), Refusal> {
        let (old, new) = (item_bytes(before), item_bytes(after));
        if new <= old {
            return Ok(());
        }
        check_agenda_bytes(self.agenda_bytes() - old + new)
    }

    /// Refuses services that are not in the meeting's catalogue.
    pub(super) fn check_services(&self, services: &[ServiceId]) -> Result<(), Refusal> {
        if services.iter().any(|s| self.meeting.service(s).is_none()) {
            return refuse(
                ErrorCode::UnknownService,
                "a service is not in this centre's catalogue",
            );
        }
        Ok(())
    }
}
