//! What one WebSocket session knows about itself, and the snapshot that puts it back in step:
//! shared by the connection loop ([`super::connection`]) and the message handlers
//! ([`super::messages`]), which otherwise do not know each other.

use super::frames::{note_oversize, SEND_TIMEOUT};
use super::outbox::Hangup;
use super::outbox::Outbox;
use crate::room::RoomHandle;
use axum::extract::ws::Message;
use futures_util::Sink;
use shared::domain::Role;
use shared::ids::{MeetingId, ParticipantId};

/// Snapshots asked for in a row before a connection whose room keeps outrunning it is dropped.
const RESYNC_ATTEMPTS: usize = 3;

/// What one WebSocket session knows about itself: its meeting, its room once `hello` was
/// accepted, its role and the person it joined as.
pub(super) struct Session {
    pub(super) meeting: MeetingId,
    pub(super) room: Option<RoomHandle>,
    pub(super) role: Role,
    pub(super) participant: Option<ParticipantId>,
    /// Says why, once the key of this connection stopped working (rotated or expired).
    pub(super) revoked: Option<tokio::sync::watch::Receiver<Option<&'static str>>>,
}

/// Sends a fresh snapshot (the client asked, or fell too far behind), then the events newer
/// than it.
pub(super) async fn resync<S: Sink<Message> + Unpin + Send + 'static>(
    session: &Session,
    out: &Outbox<S>,
) -> Result<(), Hangup> {
    let Some(room) = &session.room else {
        return Ok(());
    };
    for _ in 0..RESYNC_ATTEMPTS {
        out.begin_resync();
        let frame = room.snapshot().await.map_err(|_| Hangup::RoomGone)?;
        note_oversize(&frame);
        if out.resynced(frame) {
            return match tokio::time::timeout(SEND_TIMEOUT, out.drain()).await {
                Ok(r) => r,
                Err(_) => Err(Hangup::Socket),
            };
        }
    }
    Err(Hangup::Socket)
}
