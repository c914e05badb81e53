//! Frames and their limits: what a socket reads and writes at most, how long a stuck client is
//! waited for, and the helpers that write one server message.

use super::outbox::{Hangup, Outbox};
use crate::room::ServerText;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes};
use futures_util::Sink;
use shared::protocol::{ErrorCode, ServerMsg, MAX_MESSAGE_BYTES};
use shared::room::{Refusal, MAX_SNAPSHOT_BYTES};
use std::error::Error as _;
use std::time::Duration;

/// Frames up to this size are read and answered with `message_too_large`; beyond it the
/// transport closes the connection with code 1009. Between the two the connection survives.
pub const TRANSPORT_MAX_MESSAGE: usize = 4 * MAX_MESSAGE_BYTES;
/// Per-socket read buffer. axum's default is 128 KiB, reserved per socket even when idle.
pub const READ_BUFFER: usize = 4 * 1024;
/// Frames are gathered in the socket's buffer up to this many bytes and written together when
/// flushed ([`super::outbox`] flushes when nothing more is waiting). Nothing is reserved: an
/// idle socket's buffer is empty.
pub const WRITE_COALESCE: usize = 16 * 1024;
/// The most a socket may have waiting to be written. A frame larger than this is refused by
/// the socket and the connection dropped, so it must hold the largest snapshot the meeting
/// limits allow ([`MAX_SNAPSHOT_BYTES`]) with room for a frame already waiting. It is a cap,
/// not a reservation: an idle socket holds nothing.
pub const WRITE_BUFFER_MAX: usize = MAX_SNAPSHOT_BYTES + 2 * TRANSPORT_MAX_MESSAGE;
// The largest snapshot (frame header: at most 14 bytes) fits behind a frame already waiting.
const _: () = assert!(WRITE_COALESCE + MAX_SNAPSHOT_BYTES + 14 <= WRITE_BUFFER_MAX);
const _: () = assert!(MAX_SNAPSHOT_BYTES + 14 + TRANSPORT_MAX_MESSAGE <= WRITE_BUFFER_MAX);
/// A socket that cannot take what waits for it for this long belongs to a stuck client: it is
/// dropped.
pub(super) const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether a transport error means the client sent a frame beyond the transport's limits
/// ([`TRANSPORT_MAX_MESSAGE`], or a control frame over 125 bytes): it gets close code 1009.
pub(super) fn too_large(e: &axum::Error) -> bool {
    use tungstenite::error::{CapacityError, Error, ProtocolError};
    matches!(
        e.source().and_then(|s| s.downcast_ref::<Error>()),
        Some(
            Error::Capacity(CapacityError::MessageTooLong { .. })
                | Error::Protocol(ProtocolError::ControlFrameTooBig)
        )
    )
}

/// A close frame with its code and reason.
pub(super) fn close(code: u16, reason: &'static str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: Utf8Bytes::from_static(reason),
    }))
}

/// Writes one message of the connection's own (after anything queued), giving up on a socket
/// that cannot take it within the send timeout.
pub(super) async fn send<S: Sink<Message> + Unpin + Send + 'static>(
    out: &Outbox<S>,
    msg: Message,
) -> Result<(), Hangup> {
    out.send(msg, SEND_TIMEOUT).await
}

/// Writes one server message as a text frame.
pub(super) async fn reply<S: Sink<Message> + Unpin + Send + 'static>(
    out: &Outbox<S>,
    msg: &ServerMsg,
) -> Result<(), Hangup> {
    let text = serde_json::to_string(msg).expect("server messages serialize");
    send(out, Message::Text(text.into())).await
}

/// Writes an `error` without findings.
pub(super) async fn error<S: Sink<Message> + Unpin + Send + 'static>(
    out: &Outbox<S>,
    req: Option<u64>,
    code: ErrorCode,
    message: String,
) -> Result<(), Hangup> {
    reply(
        out,
        &ServerMsg::Error {
            req,
            code,
            message,
            findings: Vec::new(),
        },
    )
    .await
}

/// Writes a refusal as an `error`, with its findings.
pub(super) async fn refused<S: Sink<Message> + Unpin + Send + 'static>(
    out: &Outbox<S>,
    req: Option<u64>,
    r: Refusal,
) -> Result<(), Hangup> {
    reply(
        out,
        &ServerMsg::Error {
            req,
            code: r.code,
            message: r.message,
            findings: r.findings,
        },
    )
    .await
}

/// The `req` of a frame, read without keeping anything else of it.
pub(super) fn request_number(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Req {
        req: Option<u64>,
    }
    serde_json::from_str::<Req>(text).ok().and_then(|r| r.req)
}

/// Logs a frame larger than the snapshot budget: the meeting limits are meant to make that
/// impossible (the largest room's snapshot is checked by a test), so it is a bug to look at.
/// The socket still takes it up to [`WRITE_BUFFER_MAX`].
pub(super) fn note_oversize(frame: &ServerText) {
    if frame.text.len() > MAX_SNAPSHOT_BYTES {
        tracing::error!(
            bytes = frame.text.len(),
            budget = MAX_SNAPSHOT_BYTES,
            "a catch-up frame is larger than the snapshot budget"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tungstenite::error::{CapacityError, Error, ProtocolError};

    #[test]
    fn oversized_frames_are_told_by_their_error_variant() {
        let long = Error::Capacity(CapacityError::MessageTooLong {
            size: TRANSPORT_MAX_MESSAGE + 1,
            max_size: TRANSPORT_MAX_MESSAGE,
        });
        assert!(too_large(&axum::Error::new(long)));
        let control = Error::Protocol(ProtocolError::ControlFrameTooBig);
        assert!(too_large(&axum::Error::new(control)));
        assert!(!too_large(&axum::Error::new(Error::ConnectionClosed)));
        assert!(!too_large(&axum::Error::new(std::io::Error::other(
            "message too long"
        ))));
    }
}
