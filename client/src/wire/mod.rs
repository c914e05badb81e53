//! Reading the server's frames.
//!
//! Every frame is parsed once into a `serde_json::Value` and taken apart from there. Events are
//! decoded by their `kind` tag here instead of through `EventKind`'s derived (internally tagged,
//! flattened) `Deserialize`, which buffers through serde's generic `Content` tree and roughly
//! doubles the deserialization code in the WebAssembly module. Anything this build does not
//! know (a new event kind, a changed field) decodes to `None`, and the connection then asks for
//! a snapshot, so an older client stays correct, only less incremental.

use crate::errors::ServerError;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::domain::Role;
use shared::ids::ParticipantId;
use shared::room::{Event, EventKind, RoomState};
use shared::Millis;

/// The server messages the client acts on, decoded once so the connection code matches on
/// types instead of JSON.
#[derive(Debug)]
pub enum ServerFrame {
    /// The answer to `hello`: my role, the log's epoch and the server's clock.
    Welcome {
        role: Role,
        epoch: String,
        now: Millis,
        /// Given to the chair only: the participant key, for the participant link and the
        /// shared screen.
        participant_key: Option<String>,
    },
    /// The whole room, replacing the copy.
    Snapshot {
        epoch: String,
        seq: u64,
        state: Box<RoomState>,
    },
    /// One change to the room; `event` is `None` when this build cannot read it.
    Event {
        epoch: String,
        seq: u64,
        event: Option<Box<Event>>,
    },
    /// A join succeeded: who I am and the secret to be that person again.
    Joined {
        req: Option<u64>,
        participant_id: ParticipantId,
        secret: String,
    },
    /// A command was accepted.
    Ack { req: Option<u64> },
    /// A request was refused, or the connection cannot go on.
    Error(ServerError),
    /// The answer to `ping`, with the server's clock.
    Pong { now: Millis },
}

fn take<T: DeserializeOwned>(v: &mut Value, field: &str) -> Option<T> {
    serde_json::from_value(v.get_mut(field).map(Value::take).unwrap_or(Value::Null)).ok()
}

/// Parses one text frame; `None` for anything unreadable or unknown.
pub fn parse(text: &str) -> Option<ServerFrame> {
    let mut v: Value = serde_json::from_str(text).ok()?;
    let ty = v.get("type")?.as_str()?.to_owned();
    Some(match ty.as_str() {
        "welcome" => ServerFrame::Welcome {
            role: take(&mut v, "role")?,
            epoch: take(&mut v, "epoch")?,
            now: take(&mut v, "now")?,
            participant_key: take(&mut v, "participant_key"),
        },
        "snapshot" => ServerFrame::Snapshot {
            epoch: take(&mut v, "epoch")?,
            seq: take(&mut v, "seq")?,
            state: Box::new(take(&mut v, "state")?),
        },
        "event" => {
            let epoch = take(&mut v, "epoch")?;
            let mut e = v.get_mut("event").map(Value::take)?;
            let seq = take(&mut e, "seq")?;
            let event = event(seq, &mut e).map(Box::new);
            ServerFrame::Event { epoch, seq, event }
        }
        "joined" => ServerFrame::Joined {
            req: take(&mut v, "req"),
            participant_id: take(&mut v, "participant_id")?,
            secret: take(&mut v, "secret")?,
        },
        "ack" => ServerFrame::Ack {
            req: take(&mut v, "req"),
        },
        "error" => ServerFrame::Error(serde_json::from_value(v).ok()?),
        "pong" => ServerFrame::Pong {
            now: take(&mut v, "now")?,
        },
        _ => return None,
    })
}

/// One event from its JSON object (`seq`, `at`, `kind` and the kind's fields).
fn event(seq: u64, e: &mut Value) -> Option<Event> {
    use EventKind as K;
    let at: Millis = take(e, "at")?;
    let kind: String = take(e, "kind")?;
    let kind = match kind.as_str() {
        "meeting_created" => K::MeetingCreated {
            meeting: take(e, "meeting")?,
        },
        "participant_joined" => K::ParticipantJoined {
            participant: take(e, "participant")?,
            service: take(e, "service")?,
            display_name: take(e, "display_name").unwrap_or(None),
            role: take(e, "role")?,
            organisation: take(e, "organisation").unwrap_or(None),
        },
        "participant_left" => K::ParticipantLeft {
            participant: take(e, "participant")?,
        },
        "item_submitted" => K::ItemSubmitted {
            item: take(e, "item")?,
        },
        "agenda_reordered" => K::AgendaReordered {
            order: take(e, "order")?,
        },
        "agenda_confirmed" => K::AgendaConfirmed {
            allotments: take(e, "allotments")?,
        },
        "item_started" => K::ItemStarted {
            item: take(e, "item")?,
            allotments: take(e, "allotments")?,
        },
        "item_finished" => K::ItemFinished {
            item: take(e, "item")?,
            used_ms: take(e, "used_ms")?,
        },
        "item_overran" => K::ItemOverran {
            item: take(e, "item")?,
        },
        "meeting_overran" => K::MeetingOverran,
        "paused" => K::Paused,
        "resumed" => K::Resumed,
        "extended" => K::Extended {
            item: take(e, "item")?,
            ms: take(e, "ms")?,
        },
        "item_deferred" => K::ItemDeferred {
            item: take(e, "item")?,
            used_ms: take(e, "used_ms").unwrap_or(None),
        },
        "item_withdrawn" => K::ItemWithdrawn {
            item: take(e, "item")?,
        },
        "outcome_recorded" => K::OutcomeRecorded {
            item: take(e, "item")?,
            outcome: take(e, "outcome")?,
        },
        "hand_raised" => K::HandRaised {
            participant: take(e, "participant")?,
        },
        "hand_lowered" => K::HandLowered {
            participant: take(e, "participant")?,
        },
        "meeting_ended" => K::MeetingEnded,
        "item_carried_over" => K::ItemCarriedOver {
            item: take(e, "item")?,
        },
        "meeting_rescheduled" => K::MeetingRescheduled {
            starts_at: take(e, "starts_at")?,
            ends_at: take(e, "ends_at")?,
        },
        "meeting_cancelled" => K::MeetingCancelled,
        "catalogue_updated" => K::CatalogueUpdated {
            services: take(e, "services")?,
        },
        "item_edited" => K::ItemEdited {
            item: take(e, "item")?,
            title: take(e, "title").unwrap_or(None),
            summary: take(e, "summary").unwrap_or(None),
            question: take(e, "question").unwrap_or(None),
            services_wanted: take(e, "services_wanted").unwrap_or(None),
            themes: take(e, "themes").unwrap_or(None),
        },
        "item_redacted" => K::ItemRedacted {
            item: take(e, "item")?,
        },
        "item_reclaimed" => K::ItemReclaimed {
            item: take(e, "item")?,
            presenter: take(e, "presenter")?,
        },
        "undoable_action" => K::UndoableAction {
            action: take(e, "action")?,
            item: take(e, "item").unwrap_or(None),
            events: take(e, "events")?,
        },
        "action_undone" => K::ActionUndone {
            action: take(e, "action")?,
        },
        "hands_cleared" => K::HandsCleared {
            participants: take(e, "participants")?,
        },
        "deputy_promoted" => K::DeputyPromoted {
            participant: take(e, "participant")?,
        },
        "chair_handed_over" => K::ChairHandedOver {
            from: take(e, "from")?,
            to: take(e, "to")?,
        },
        "chair_taken_over" => K::ChairTakenOver {
            from: take(e, "from")?,
            to: take(e, "to")?,
            away_since: take(e, "away_since")?,
        },
        "scribe_named" => K::ScribeNamed {
            participant: take(e, "participant")?,
        },
        "scribe_revoked" => K::ScribeRevoked {
            participant: take(e, "participant")?,
        },
        "guests_allowed" => K::GuestsAllowed {
            experts: take(e, "experts")?,
            guests: take(e, "guests")?,
        },
        _ => return None,
    };
    Some(Event { seq, at, kind })
}

/// For the tests: the kinds [`event`] decodes, which must be every `EventKind`.
#[cfg(test)]
const KNOWN: &[&str] = &[
    "meeting_created",
    "participant_joined",
    "participant_left",
    "item_submitted",
    "agenda_reordered",
    "agenda_confirmed",
    "item_started",
    "item_finished",
    "item_overran",
    "meeting_overran",
    "paused",
    "resumed",
    "extended",
    "item_deferred",
    "item_withdrawn",
    "item_reclaimed",
    "outcome_recorded",
    "hand_raised",
    "hand_lowered",
    "meeting_ended",
    "item_carried_over",
    "meeting_rescheduled",
    "meeting_cancelled",
    "catalogue_updated",
    "item_edited",
    "item_redacted",
    "undoable_action",
    "action_undone",
    "hands_cleared",
    "deputy_promoted",
    "chair_handed_over",
    "chair_taken_over",
    "scribe_named",
    "scribe_revoked",
    "guests_allowed",
];

#[cfg(test)]
mod tests;
