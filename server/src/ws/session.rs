//! What one WebSocket session knows about itself, and the snapshot that puts it back in step:
//! shared by the connection loop ([`super::connection`]) and the message handlers
//! ([`super::messages`]), which otherwise do not know each other.

use super::frames::{note_oversize, send, Hangup};
use crate::room::{RoomHandle, ServerText};
use axum::extract::ws::Message;
use futures_util::Sink;
use shared::domain::Role;
use shared::ids::{MeetingId, ParticipantId};
use tokio::sync::broadcast;

/// What one WebSocket session knows about itself: its meeting, its room once `hello` was
/// accepted, its role and the person it joined as.
pub(super) struct Session {
    pub(super) meeting: MeetingId,
    pub(super) room: Option<RoomHandle>,
    pub(super) events: Option<broadcast::Receiver<ServerText>>,
    pub(super) role: Role,
    pub(super) participant: Option<ParticipantId>,
    /// Highest event seq written to the client; broadcast frames at or below it are skipped
    /// (they were in the catch-up or the snapshot).
    pub(super) last_sent: u64,
    /// Says why, once the key of this connection stopped working (rotated or expired).
    pub(super) revoked: Option<tokio::sync::watch::Receiver<Option<&'static str>>>,
}

/// Sends a fresh snapshot (after a gap, or when the broadcast left this connection behind).
pub(super) async fn resync<S: Sink<Message> + Unpin>(
    session: &mut Session,
    sink: &mut S,
) -> Result<(), Hangup> {
    let Some(room) = &session.room else {
        return Ok(());
    };
    match room.snapshot().await {
        Ok(frame) => {
            session.last_sent = frame.seq;
            note_oversize(&frame);
            send(sink, Message::Text(frame.text)).await
        }
        Err(_) => Err(Hangup::RoomGone),
    }
}
