//! The wire protocol of the live room, version [`PROTOCOL_VERSION`].
//!
//! One WebSocket per browser tab, JSON text frames, one message per frame.
//!
//! ## Client → server ([`ClientMsg`])
//! Every message is an object with a `type`; it may carry a `req` number that the server echoes
//! in its [`ServerMsg::Ack`] or [`ServerMsg::Error`], so a client can match answers to requests.
//!
//! 1. `hello {v, key, last?}` must come first. `key` is the chair, deputy chair or participant
//!    key from the link; it decides the [`Role`] (`chair`, `deputy`, `participant`). `last` is the `{epoch, seq}` of the last event the client saw
//!    (after a reconnect). The server answers `welcome`, then either the missed `event`s (same
//!    epoch, history still there) or a `snapshot`.
//! 2. `join {service, display_name?, secret?}` puts the person in the room (presence and
//!    representation). `secret` is what an earlier `joined` answer gave: sending it back after
//!    a reconnect reclaims the same participant instead of counting the person twice.
//!    A second tab (or a reopened one) that sends the same `secret` is the same participant:
//!    one person in presence, in the minutes and in the reports, with their own items. After
//!    the meeting has ended `join` is refused (`wrong_state`), but the link still gets the
//!    snapshot, read-only, with every recorded outcome.
//!    `earlier: [{meeting, secret}]` (at most [`MAX_EARLIER_JOINS`]) are this browser's secrets
//!    from earlier meetings that items here were carried over from: a carried-over item whose
//!    presenter one of them proves to be this person becomes theirs here (`item_reclaimed`),
//!    so they can edit or withdraw it as before.
//!    Experts by experience and guests (see "Experts by experience and guests" below) join with
//!    `service: "expert_by_experience"`, or `service: "guest"` and `organisation`.
//! 3. Commands (`submit_item`, `raise_hand`, … and the chair's) as documented on [`Command`].
//!
//! ## Commands
//! Anyone joined: `submit_item {item}`, `raise_hand`, `lower_hand {participant?}`,
//! `withdraw_item {item}` (presenter or chair), `edit_item {item, title?, summary?, question?,
//! services_wanted?, themes?}` (the presenter while the item is queued, the chair until the
//! meeting ends; guarded like a submission). Chair only: `reorder {order}`, `confirm_agenda`,
//! `start_item {item}`, `next_item`, `pause`, `resume`, `extend {minutes}`, `defer_item {item}`
//! (deferring the item on the floor also starts the next queued one), `end_meeting`,
//! `redact_item {item}` (also after the end), `undo`. The chair or the scribe:
//! `record_outcome {item, outcome}` (anyone else: `not_allowed`).
//!
//! "Chair" means whoever holds the chair controls now (`state.roles.holder`, see
//! `crate::room::roles`): the chair link until it hands them over; anyone else sending a chair
//! command gets `not_chair`.
//!
//! ## Roles: deputy chair, handover, scribe
//! Chair only: `promote_deputy {participant}` (a present participant becomes a deputy),
//! `hand_over {to}` (to a present deputy, or back to a present person of the chair link; anyone
//! else: `not_allowed`), `name_scribe {participant}` (a present person records outcomes),
//! `revoke_scribe`. A deputy (deputy link or promoted), or the chair link after a handover:
//! `take_over`, accepted once the holder has been away (not present: their reconnect grace ran
//! out) for `state.roles.takeover_grace_ms` (60 s by default); before that, or while the
//! holder is present, `wrong_state`; from anyone else `not_allowed`; before `join`
//! `not_joined`. Events:
//! - `deputy_promoted {participant}`
//! - `chair_handed_over {from, to}` and `chair_taken_over {from, to, away_since}`: `from` and
//!   `to` are `"chair_link"` or `{"person": participant id}`.
//! - `scribe_named {participant}` (replacing any other), `scribe_revoked {participant}`.
//!
//! `state.roles {holder, deputies, scribe?, holder_left_at?, takeover_grace_ms}` is what the
//! screens show: who holds the chair controls (`RoomState::holder_people`), when a takeover
//! opens (`RoomState::takeover_opens_at`), who may take over (`RoomState::may_take_over`).
//!
//! ## Experts by experience and guests
//! Besides the catalogue's services, a meeting can take experts by experience
//! (kokemusasiantuntijat) and guests from outside the catalogue, when its chair or the
//! coordinator allows it (`state.guests_allowed {experts, guests}`, both off at first). Chair
//! only: `allow_guests {experts, guests}` → `guests_allowed {experts, guests}` (the
//! coordinator's `PATCH /api/meetings/{meeting}` with `allow_guests` records the same event).
//! Joining: `join {service: "expert_by_experience"}`, or `join {service: "guest",
//! organisation}` with the guest's organisation (1–80 characters, screened by the identifier
//! guard with the display name: `identifier_found` with findings in field `organisation`).
//! A newcomer of a kind not allowed gets `guests_not_allowed`; someone who already joined that
//! way comes back even after it was turned off. An organisation from anyone else, or a guest
//! without one: `invalid_field`. `participant_joined` carries `organisation`; such people
//! never count for a service (`representation.experts_by_experience` and `.guests` count
//! them apart, and `missing_required` ignores them).
//!
//! ## Agenda out ahead
//! `state.publish_ahead_ms` is how long before `state.meeting.starts_at` the agenda is
//! published (the centre's `agenda_ahead_hours`, 24 by default; set by the server when the
//! room loads and when the centre changes). From then on (`RoomState::agenda_published(now)`)
//! the participant link shows the queued items before joining. Every item submitted records
//! `arrival`: `"ahead"` (before the publication; carried-over items too), `"late"` (a late
//! addition: after it, before the meeting) or `"at_meeting"` (from the scheduled start or the
//! first item's start); `RoomState::arrivals()` counts them for the chair.
//!
//! ## Events (`event.kind`) added for the meeting basics
//! - `item_edited {item, title?, summary?, question?, services_wanted?, themes?}`: only the
//!   changed fields; the item gets `edited: true`.
//! - `item_redacted {item}`: the item's texts become `"[poistettu]"` (title, question), empty
//!   (summary) and its outcome texts too; `redacted: true`. The stored log is rewritten.
//! - `undoable_action {action: "defer"|"withdraw"|"next", item?, events}`: first of an undoable
//!   action's events; the state's `undo {action, item?, at, until, …}` offers `undo` until
//!   `until` (60 s), unless another agenda change comes first.
//! - `action_undone {action}`: the agenda is as it was before the action.
//! - `item_reclaimed {item, presenter}`: a carried-over item's presenter joined this meeting
//!   (proved by `join`'s `earlier`); the item is theirs here.
//! - `hands_cleared {participants}`: the floor moved on (`next_item`, `start_item`, deferring
//!   the current item) and these raised hands went down, in queue order; a client whose
//!   participant is listed tells its person so.
//!
//! ## Derived state the UI shows
//! `state.hands` is the hand queue in order (place = index + 1, `RoomState::hand_position`);
//! `state.outlook {at, items_left, queued, each_ms, spare_ms}` is "N asiaa, noin M minuuttia
//! kutakin" as of the last event (`RoomState::outlook_at(now)` for any moment);
//! `state.pace_ms` the per-item cap; `RoomState::missing_wanted(item)` the services an item
//! wants a view from that nobody represents now; `state.time_zone` the centre's IANA zone, in which every
//! time is shown; items carry `carried_over {reason, from_meeting, history}` (the "siirretty"
//! badge and earlier turns), `edited` and `redacted`.
//!
//! ## Server → client ([`ServerMsg`])
//! `welcome`, `snapshot`, `event` (broadcast to everyone in the room, sequence-numbered),
//! `joined`, `ack`, `error`, `pong`.
//!
//! ## Ordering and recovery
//! Events carry `seq`, which grows by one per accepted change, and belong to an `epoch`, which
//! names the room's history. A client applies events in `seq` order; a gap means it missed
//! something and sends `resync`. An epoch different from the one it knew means the history it
//! had is gone: it must drop its state and take the snapshot.
//!
//! ## Time
//! The server is the clock. Every message from it carries or implies server time (`now` in
//! `welcome`, `snapshot`, `pong`; `at` in events). Deadlines are absolute; clients count down
//! themselves against their estimate of the server's clock. No per-second messages are sent.

use crate::domain::{Representation, Role};
use crate::ids::{MeetingId, ParticipantId};
use crate::room::{Event, RoomState};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// The commands, refusal codes and guard findings the messages carry. They are the room's
/// own vocabulary (`crate::room` decides commands and answers with refusals), re-exported here
/// because they are also the protocol's: the protocol depends on the room, never the reverse.
pub use crate::room::{Command, ErrorCode, FieldFinding, JoinAs};

/// Bumped on any incompatible change. A `hello` with another version gets
/// [`ErrorCode::UnsupportedVersion`].
pub const PROTOCOL_VERSION: u32 = 1;

/// The largest message the server accepts, in bytes. Larger ones get
/// [`ErrorCode::MessageTooLarge`] (or, far beyond it, a close frame with code 1009).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// How many earlier meetings' secrets one `join` may carry: an item carried over that many
/// times is rare, and the server derives an id from each.
pub const MAX_EARLIER_JOINS: usize = 12;

/// A secret this browser was given in an earlier meeting (`joined.secret` there), sent with
/// `join` to show that carried-over items from that meeting are this person's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierJoin {
    pub meeting: MeetingId,
    pub secret: String,
}

/// Where a client's copy of the room stands: the history (`epoch`) and the last event (`seq`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub epoch: String,
    pub seq: u64,
}

/// A client message: an optional request number plus the message itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientEnvelope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub req: Option<u64>,
    #[serde(flatten)]
    pub msg: ClientMsg,
}

/// Messages a client sends. See the module documentation for the order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    Hello {
        v: u32,
        key: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last: Option<Position>,
    },
    Join {
        /// `service` (a catalogue service, `expert_by_experience` or `guest`) and a guest's
        /// `organisation`, as fields of the message itself.
        #[serde(flatten)]
        service: JoinAs,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        secret: Option<String>,
        /// Secrets from earlier meetings, to reclaim carried-over items (see the module doc).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        earlier: Vec<EarlierJoin>,
    },
    /// Leave the room now (no grace period).
    Leave,
    /// Ask for a fresh snapshot (after a gap in `seq`).
    Resync,
    /// Ask for the server's time; the answer is `pong`.
    Ping,
    #[serde(untagged)]
    Command(Command),
}

/// Every `type` a client may send; anything else is [`ErrorCode::UnknownType`].
pub const CLIENT_TYPES: &[&str] = &[
    "hello",
    "join",
    "leave",
    "resync",
    "ping",
    "submit_item",
    "raise_hand",
    "lower_hand",
    "reorder",
    "confirm_agenda",
    "start_item",
    "next_item",
    "pause",
    "resume",
    "extend",
    "defer_item",
    "withdraw_item",
    "record_outcome",
    "end_meeting",
    "edit_item",
    "redact_item",
    "undo",
    "promote_deputy",
    "hand_over",
    "take_over",
    "name_scribe",
    "revoke_scribe",
    "allow_guests",
];

/// Messages the server sends. (Built and serialized at once, never stored in bulk, so the
/// size difference between variants does not matter.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// Answer to `hello`.
    Welcome {
        v: u32,
        role: Role,
        meeting_id: crate::ids::MeetingId,
        epoch: String,
        /// The server's time when it sent this, for the client's clock offset.
        now: Millis,
        /// For the chair and deputy links only: the participant key, so whoever runs the
        /// meeting can share the participant link and open the shared screen without exposing
        /// their own key.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        participant_key: Option<String>,
    },
    /// The whole room at `seq`; replaces whatever the client had.
    Snapshot {
        epoch: String,
        seq: u64,
        now: Millis,
        state: Box<RoomState>,
        /// Derived from `state`, included for clients that do not run the shared rules.
        representation: Representation,
        /// The centre's allowlist for the identifier guard, so the browser marks exactly what
        /// the server would refuse.
        #[serde(default)]
        allowlist: Vec<String>,
    },
    /// One accepted change, broadcast to everyone in the room.
    Event {
        epoch: String,
        event: Event,
    },
    /// Answer to `join`: who you are in this room, and the secret to reclaim it.
    Joined {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<u64>,
        participant_id: ParticipantId,
        secret: String,
    },
    /// A request was accepted. `seq` is the last event it produced, if it produced any.
    Ack {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seq: Option<u64>,
    },
    /// A request was refused and changed nothing.
    Error {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<u64>,
        code: ErrorCode,
        /// Safe, human-readable English detail (the UI shows its own text per `code`).
        message: String,
        /// For `identifier_found`: each finding's field, kind and character span.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        findings: Vec<FieldFinding>,
    },
    Pong {
        now: Millis,
    },
}

/// Parses one client frame, telling apart the errors a client needs to tell apart:
/// not JSON at all, an unknown `type`, and a known type with bad fields.
pub fn parse_client_frame(text: &str) -> Result<ClientEnvelope, (Option<u64>, ErrorCode, String)> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        (
            None,
            ErrorCode::MalformedJson,
            format!("not valid JSON: {e}"),
        )
    })?;
    let obj = value.as_object().ok_or((
        None,
        ErrorCode::MalformedJson,
        "a message must be a JSON object".to_owned(),
    ))?;
    let req = obj.get("req").and_then(|r| r.as_u64());
    let ty = obj.get("type").and_then(|t| t.as_str()).ok_or((
        req,
        ErrorCode::MalformedJson,
        "a message needs a string \"type\"".to_owned(),
    ))?;
    if !CLIENT_TYPES.contains(&ty) {
        // The type is echoed only if it is short and plain, never free text.
        let shown = if ty.len() <= 32 && ty.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            ty
        } else {
            "?"
        };
        return Err((
            req,
            ErrorCode::UnknownType,
            format!("unknown message type \"{shown}\""),
        ));
    }
    let ty = ty.to_owned();
    serde_json::from_value::<ClientEnvelope>(value).map_err(|e| {
        // serde's messages can quote the values sent ("unknown variant `…`"); only the
        // missing-field message, which names a field of the schema, is passed on.
        let detail = e.to_string();
        let detail = if detail.starts_with("missing field") {
            detail
                .split(" at line")
                .next()
                .unwrap_or_default()
                .to_owned()
        } else {
            "a field is missing or has the wrong type or value".to_owned()
        };
        (
            req,
            ErrorCode::InvalidMessage,
            format!("bad \"{ty}\" message: {detail}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ItemId;

    #[test]
    fn hello_round_trips() {
        let env = parse_client_frame(r#"{"type":"hello","v":1,"key":"abc","req":3}"#).unwrap();
        assert_eq!(env.req, Some(3));
        assert!(matches!(env.msg, ClientMsg::Hello { v: 1, .. }));
    }

    #[test]
    fn commands_parse_flat() {
        let env = parse_client_frame(r#"{"type":"extend","minutes":2}"#).unwrap();
        assert_eq!(env.msg, ClientMsg::Command(Command::Extend { minutes: 2 }));
        let env = parse_client_frame(r#"{"type":"next_item"}"#).unwrap();
        assert_eq!(env.msg, ClientMsg::Command(Command::NextItem));
        let text = serde_json::to_string(&ClientEnvelope {
            req: Some(1),
            msg: ClientMsg::Command(Command::StartItem {
                item: ItemId::from("i1"),
            }),
        })
        .unwrap();
        assert_eq!(text, r#"{"req":1,"type":"start_item","item":"i1"}"#);
    }

    #[test]
    fn role_commands_parse_and_every_command_is_a_client_type() {
        let env = parse_client_frame(r#"{"type":"hand_over","to":"p2"}"#).unwrap();
        assert_eq!(
            env.msg,
            ClientMsg::Command(Command::HandOver {
                to: ParticipantId::from("p2")
            })
        );
        let env = parse_client_frame(r#"{"type":"take_over","req":4}"#).unwrap();
        assert_eq!(
            (env.req, env.msg),
            (Some(4), ClientMsg::Command(Command::TakeOver))
        );
        for cmd in [
            Command::PromoteDeputy {
                participant: ParticipantId::from("p"),
            },
            Command::NameScribe {
                participant: ParticipantId::from("p"),
            },
            Command::RevokeScribe,
        ] {
            let text = serde_json::to_string(&ClientMsg::Command(cmd.clone())).unwrap();
            assert!(CLIENT_TYPES.contains(&cmd.name()), "{text}");
            assert_eq!(
                parse_client_frame(&text).unwrap().msg,
                ClientMsg::Command(cmd)
            );
        }
    }

    #[test]
    fn a_guest_joins_with_an_organisation_and_guests_are_allowed_by_a_chair_command() {
        let env = parse_client_frame(
            r#"{"type":"join","service":"guest","organisation":"Koulu","req":2}"#,
        )
        .unwrap();
        let ClientMsg::Join { service, .. } = &env.msg else {
            panic!("{env:?}");
        };
        assert_eq!(service.organisation.as_deref(), Some("Koulu"));
        let env = parse_client_frame(r#"{"type":"join","service":"kela"}"#).unwrap();
        let text = serde_json::to_string(&env).unwrap();
        assert_eq!(text, r#"{"type":"join","service":"kela"}"#);
        let cmd = Command::AllowGuests {
            experts: true,
            guests: false,
        };
        let text = serde_json::to_string(&ClientMsg::Command(cmd.clone())).unwrap();
        assert_eq!(
            text,
            r#"{"type":"allow_guests","experts":true,"guests":false}"#
        );
        assert!(CLIENT_TYPES.contains(&cmd.name()));
        assert_eq!(
            parse_client_frame(&text).unwrap().msg,
            ClientMsg::Command(cmd)
        );
        let (_, code, msg) = parse_client_frame(r#"{"type":"join"}"#).unwrap_err();
        assert_eq!(code, ErrorCode::InvalidMessage, "{msg}");
    }

    #[test]
    fn errors_are_told_apart() {
        assert_eq!(
            parse_client_frame("{nope").unwrap_err().1,
            ErrorCode::MalformedJson
        );
        assert_eq!(
            parse_client_frame("[1,2]").unwrap_err().1,
            ErrorCode::MalformedJson
        );
        assert_eq!(
            parse_client_frame(r#"{"type":"dance"}"#).unwrap_err().1,
            ErrorCode::UnknownType
        );
        let (req, code, _) =
            parse_client_frame(r#"{"req":9,"type":"extend","minutes":"x"}"#).unwrap_err();
        assert_eq!((req, code), (Some(9), ErrorCode::InvalidMessage));
    }

    #[test]
    fn invalid_message_errors_do_not_echo_values() {
        let (_, _, msg) =
            parse_client_frame(r#"{"type":"submit_item","item":{"kind":"Matti Virtanen"}}"#)
                .unwrap_err();
        assert!(!msg.contains("Matti"), "{msg}");
    }
}
