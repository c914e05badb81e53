//! Why something was refused: a stable [`ErrorCode`], a message safe to show, and for the
//! identifier guard where the identifiers are.
//!
//! Every refusal code lives here, also those only the socket layer gives (malformed frames,
//! `hello` first): the room rules answer with these codes, and the wire protocol
//! (`crate::protocol`) sends them as they are. Keeping them beside the rules lets the protocol
//! depend on the room and never the other way round.

use crate::guard::FindingKind;
use serde::{Deserialize, Serialize};

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
    /// A refusal without findings (every code but `identifier_found`).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Refusal {
        Refusal {
            code,
            message: message.into(),
            findings: Vec::new(),
        }
    }
}

/// `Err(Refusal::new(code, message))`, the way every rule says no.
pub(crate) fn refuse<T>(code: ErrorCode, message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(code, message))
}

/// One identifier found in one field of a refused message. Offsets are in Unicode characters
/// of that field's text, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldFinding {
    pub field: String,
    pub kind: FindingKind,
    pub start: usize,
    pub end: usize,
}

/// Stable error codes. Clients switch on these; the text is only a hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The frame is not valid JSON, or not an object with a string `type`.
    MalformedJson,
    /// `type` names no message of this protocol.
    UnknownType,
    /// The message has a known type but wrong or missing fields.
    InvalidMessage,
    /// The frame is larger than the protocol's `MAX_MESSAGE_BYTES`.
    MessageTooLarge,
    /// Binary frames are not part of the protocol.
    BinaryNotSupported,
    /// `hello` asked for a protocol version this server does not speak.
    UnsupportedVersion,
    /// The first message must be `hello`.
    HelloRequired,
    /// A second `hello` on the same connection.
    AlreadyHello,
    /// No meeting with that id.
    UnknownMeeting,
    /// The key is not one of the meeting's keys (chair, deputy chair, participant).
    BadKey,
    /// A chair command from someone who does not hold the chair controls (a participant, or
    /// the chair link after it handed them over).
    NotChair,
    /// The command needs `join` first.
    NotJoined,
    /// The service is not in the meeting's catalogue.
    UnknownService,
    /// No such agenda item in this meeting.
    UnknownItem,
    /// The command does not fit the meeting's or the item's state (e.g. start an item in an
    /// ended meeting, pause when nothing is presented).
    WrongState,
    /// A field is empty, too long or out of range, or holds a control character; a text field
    /// with a direction-control character (U+202A–U+202E, U+2066–U+2069) gets this before the
    /// identifier guard looks at it. The message names the field, never its content.
    InvalidField,
    /// Only the chair or the item's presenter may do this; an outcome only the chair or the
    /// scribe; a handover goes only to a deputy or the chair link; a takeover only by one of
    /// them.
    NotAllowed,
    /// Too many messages too fast from this connection.
    RateLimited,
    /// The text holds something that identifies a client (identity code, phone number, name…).
    /// Nothing of the message was kept; `findings` says where.
    IdentifierFound,
    /// The identifier guard could not run (its Finnish dictionary failed to open), so the
    /// text was not checked and nothing was saved. Try again later.
    GuardUnavailable,
    /// A limit of the meeting (queued items, items per participant, participants, connections,
    /// total text), of the address (connections) or of the server was reached; nothing changed.
    /// The message names the limit, never content.
    LimitReached,
    /// The store could not write (disk full, read-only file): nothing changed and nothing was
    /// sent to anyone. The room recovers by itself once writes succeed; try again in a moment.
    StorageUnavailable,
    /// Joining as an expert by experience or a guest, when the meeting does not allow it (the
    /// chair's `allow_guests`, or the coordinator's setting of the meeting); nothing changed.
    GuestsNotAllowed,
    /// `undo` came after its window ([`super::UNDO_WINDOW_MS`]); nothing changed.
    UndoExpired,
    /// The meeting runs on another server of the cluster now (or is moving to this one after
    /// a server stopped): the connection is closed; reconnect with back-off, and the balancer
    /// sends the reconnect to the server that runs it.
    HeldElsewhere,
    /// The server failed; nothing was changed. Try again.
    Internal,
}

impl ErrorCode {
    /// Whether the connection stays open after this error. Errors before a successful `hello`
    /// about the meeting or key close it: there is nothing more to do on it.
    pub fn closes_connection(self) -> bool {
        matches!(
            self,
            ErrorCode::UnknownMeeting
                | ErrorCode::BadKey
                | ErrorCode::UnsupportedVersion
                | ErrorCode::HeldElsewhere
        )
    }
}
