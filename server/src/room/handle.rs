//! [`RoomHandle`]: how everything else talks to a room task, and [`RoomError`], the one way
//! its answers fail.

use super::fanout::Subscriber;
use super::ServerText;
use shared::domain::{GuestAdmission, Role, Service};
use shared::ids::{CentreId, ItemId, MeetingId, ParticipantId};
use shared::protocol::{Command, EarlierJoin, Position};
use shared::room::{Actor, JoinAs, Refusal};
use shared::Millis;
use std::sync::{Arc, Weak};
use tokio::sync::{mpsc, oneshot, watch};

/// Why a room did not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// The room decided against it (or could not store it); nothing changed. The refusal's
    /// code and message are what the client or the API answer with.
    #[error("refused ({:?}): {}", .0.code, .0.message)]
    Refused(Refusal),
    /// The room task ended (idle, evicted, or the server stopping) between lookup and use;
    /// the caller looks the room up again.
    #[error("the room stopped before it answered")]
    Gone,
}

impl From<Refusal> for RoomError {
    fn from(r: Refusal) -> RoomError {
        RoomError::Refused(r)
    }
}

/// What a connection gets when its `hello` is accepted.
pub struct Attached {
    /// What the key allows: chair, deputy chair or participant.
    pub role: Role,
    /// The `welcome` message, serialized.
    pub welcome: axum::extract::ws::Utf8Bytes,
    /// The missed events, or a snapshot, to send before any event the room hands the
    /// connection's [`Subscriber`] (it was subscribed in the same step, so nothing falls in
    /// between).
    pub catch_up: Vec<ServerText>,
    /// Becomes `Some(reason)` when the key this connection came in with stops working (the
    /// coordinator rotated it, or the links expired): the connection then sends `bad_key`
    /// with the reason and closes.
    pub revoked: watch::Receiver<Option<&'static str>>,
}

/// A `join` as a connection sends it, with what the connection knows: its role and the
/// participant it joined as before (a second `join` on the same socket).
pub struct JoinRequest {
    /// The role of the key the connection came in with.
    pub role: Role,
    /// Who this connection joined as before, if it did (it stops counting for them).
    pub current: Option<ParticipantId>,
    /// The service they represent, or that they are an expert by experience or a guest (with
    /// the guest's organisation).
    pub service: JoinAs,
    pub display_name: Option<String>,
    /// The secret of an earlier `joined` (same person), or none for a newcomer.
    pub secret: Option<String>,
    /// Secrets from earlier meetings, to reclaim carried-over items.
    pub earlier: Vec<EarlierJoin>,
}

/// Answer to a join: who the person is in this room, the secret to reclaim it, and the event
/// it produced, if any.
pub struct JoinOk {
    pub participant: ParticipantId,
    pub secret: String,
    pub seq: Option<u64>,
}

/// The room's answer to a request that may change it: the last event's seq, if any.
type Changed = Result<Option<u64>, Refusal>;

/// The requests a room task serves, one at a time, in order.
pub(super) enum RoomMsg {
    Attach {
        key: String,
        last: Option<Position>,
        subscriber: Weak<dyn Subscriber>,
        reply: oneshot::Sender<Result<Attached, Refusal>>,
    },
    Detach {
        participant: Option<ParticipantId>,
    },
    Join {
        request: JoinRequest,
        reply: oneshot::Sender<Result<JoinOk, Refusal>>,
    },
    Leave {
        participant: ParticipantId,
        reply: oneshot::Sender<Changed>,
    },
    Command {
        actor: Actor,
        cmd: Box<Command>,
        reply: oneshot::Sender<Changed>,
    },
    Snapshot {
        reply: oneshot::Sender<ServerText>,
    },
    Reschedule {
        starts_at: Millis,
        ends_at: Millis,
        reply: oneshot::Sender<Changed>,
    },
    Cancel {
        reply: oneshot::Sender<Changed>,
    },
    /// The coordinator's setting of who the meeting takes besides the catalogue's services.
    AllowGuests {
        admission: GuestAdmission,
        reply: oneshot::Sender<Changed>,
    },
    /// An item linked to one of ours by carry-over was redacted in another meeting: redact
    /// ours too. `item` names our item directly (it went from here to there); `from` names
    /// the other meeting's item that ours was carried over from.
    RedactLinked {
        item: Option<ItemId>,
        from: Option<(MeetingId, ItemId)>,
    },
    /// The coordinator rotated a key (already stored): take the meeting's keys as they are now
    /// and close every connection that came in with a key that changed.
    KeysChanged {
        keys: super::MeetingKeys,
        reply: oneshot::Sender<()>,
    },
}

/// What the coordinator changes for a whole centre, handed to a live room through `watch`
/// channels: each keeps only the latest value, so an update is never dropped when the room is
/// busy (its command queue full) and several quick updates collapse into the last one.
pub(super) struct CentreUpdates {
    allowlist: watch::Sender<Option<Vec<String>>>,
    catalogue: watch::Sender<Option<Vec<Service>>>,
    /// Bumped when an earlier meeting of the centre ended: look for carried-over items.
    carry: watch::Sender<u64>,
    /// How long before its start the meeting's agenda is published (the centre's setting).
    publish_ahead: watch::Sender<Option<Millis>>,
    /// Bumped when the centre's theme clock changed: read the month's theme again.
    theme_clock: watch::Sender<u64>,
}

/// The room's ends of [`CentreUpdates`].
pub(super) struct CentreUpdatesRx {
    pub allowlist: watch::Receiver<Option<Vec<String>>>,
    pub catalogue: watch::Receiver<Option<Vec<Service>>>,
    pub carry: watch::Receiver<u64>,
    pub publish_ahead: watch::Receiver<Option<Millis>>,
    pub theme_clock: watch::Receiver<u64>,
}

/// A new pair of [`CentreUpdates`] and its receiving ends.
pub(super) fn centre_updates() -> (CentreUpdates, CentreUpdatesRx) {
    let (allowlist, allowlist_rx) = watch::channel(None);
    let (catalogue, catalogue_rx) = watch::channel(None);
    let (carry, carry_rx) = watch::channel(0);
    let (publish_ahead, publish_ahead_rx) = watch::channel(None);
    let (theme_clock, theme_clock_rx) = watch::channel(0);
    (
        CentreUpdates {
            allowlist,
            catalogue,
            carry,
            publish_ahead,
            theme_clock,
        },
        CentreUpdatesRx {
            allowlist: allowlist_rx,
            catalogue: catalogue_rx,
            carry: carry_rx,
            publish_ahead: publish_ahead_rx,
            theme_clock: theme_clock_rx,
        },
    )
}

/// Sends requests to a room task. Cheap to clone.
#[derive(Clone)]
pub struct RoomHandle {
    tx: mpsc::Sender<RoomMsg>,
    /// The centre's changes that must reach the room even when its queue is full.
    updates: Arc<CentreUpdates>,
    /// Identity of this room task, to tell it from a later one for the same meeting.
    pub generation: u64,
    /// The meeting's centre, so the centre's changes reach its live rooms.
    pub centre: CentreId,
}

impl RoomHandle {
    pub(super) fn new(
        tx: mpsc::Sender<RoomMsg>,
        updates: CentreUpdates,
        generation: u64,
        centre: CentreId,
    ) -> RoomHandle {
        RoomHandle {
            tx,
            updates: Arc::new(updates),
            generation,
            centre,
        }
    }

    /// Whether the room task has ended: its requests would only get [`RoomError::Gone`].
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }

    async fn ask<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<Result<T, Refusal>>) -> RoomMsg,
    ) -> Result<T, RoomError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(make(reply))
            .await
            .map_err(|_| RoomError::Gone)?;
        Ok(answer.await.map_err(|_| RoomError::Gone)??)
    }

    /// Asks for something the room cannot refuse.
    async fn tell<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<T>) -> RoomMsg,
    ) -> Result<T, RoomError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(make(reply))
            .await
            .map_err(|_| RoomError::Gone)?;
        answer.await.map_err(|_| RoomError::Gone)
    }

    /// A connection's `hello` with `key`: its role, the welcome and what it missed since
    /// `last`; refused for a wrong or expired key or a full meeting.
    /// From then on the room hands every committed event to `subscriber`.
    pub async fn attach(
        &self,
        key: String,
        last: Option<Position>,
        subscriber: Weak<dyn Subscriber>,
    ) -> Result<Attached, RoomError> {
        self.ask(|reply| RoomMsg::Attach {
            key,
            last,
            subscriber,
            reply,
        })
        .await
    }

    /// Tells the room a connection ended. Never waits: a full queue means the room is busy,
    /// and the send is finished in the background.
    pub fn detach(&self, participant: Option<ParticipantId>) {
        let msg = RoomMsg::Detach { participant };
        if let Err(mpsc::error::TrySendError::Full(msg)) = self.tx.try_send(msg) {
            let tx = self.tx.clone();
            tokio::spawn(async move {
                let _ = tx.send(msg).await;
            });
        }
    }

    /// A connection's `join`: the person's participant id in this room and their secret.
    pub async fn join(&self, request: JoinRequest) -> Result<JoinOk, RoomError> {
        self.ask(|reply| RoomMsg::Join { request, reply }).await
    }

    /// A connection's `leave`: the person is gone now, unless another of their connections
    /// is still open.
    pub async fn leave(&self, participant: ParticipantId) -> Result<Option<u64>, RoomError> {
        self.ask(|reply| RoomMsg::Leave { participant, reply })
            .await
    }

    /// A command from a connection, screened by the identifier guard and decided by the
    /// shared rules; answers the last event's seq.
    pub async fn command(&self, actor: Actor, cmd: Command) -> Result<Option<u64>, RoomError> {
        self.ask(|reply| RoomMsg::Command {
            actor,
            cmd: Box::new(cmd),
            reply,
        })
        .await
    }

    /// The room as it is now, as a `snapshot` message.
    pub async fn snapshot(&self) -> Result<ServerText, RoomError> {
        self.tell(|reply| RoomMsg::Snapshot { reply }).await
    }

    /// Moves a meeting that has not started.
    pub async fn reschedule(
        &self,
        starts_at: Millis,
        ends_at: Millis,
    ) -> Result<Option<u64>, RoomError> {
        self.ask(|reply| RoomMsg::Reschedule {
            starts_at,
            ends_at,
            reply,
        })
        .await
    }

    /// Cancels a meeting that has not started; its queued items go to the next one.
    pub async fn cancel(&self) -> Result<Option<u64>, RoomError> {
        self.ask(|reply| RoomMsg::Cancel { reply }).await
    }

    /// The coordinator's setting of who the meeting takes besides the catalogue's services,
    /// decided by the shared rules ([`shared::room::RoomState::allow_guests`]) and recorded
    /// as the chair's `allow_guests` would be.
    pub async fn allow_guests(&self, admission: GuestAdmission) -> Result<Option<u64>, RoomError> {
        self.ask(|reply| RoomMsg::AllowGuests { admission, reply })
            .await
    }

    /// Gives the room the centre's publication lead (never waits, never lost): how long
    /// before its start the meeting's agenda is published.
    pub fn set_publish_ahead(&self, ms: Millis) {
        self.updates.publish_ahead.send_replace(Some(ms));
    }

    /// Tells the room the centre's theme clock changed (never waits, never lost): it reads
    /// its month's theme again, which clients take from their next snapshot.
    pub fn theme_clock_changed(&self) {
        self.updates.theme_clock.send_modify(|n| *n += 1);
    }

    /// Gives the room the centre's new allowlist (never waits, never lost: the room takes
    /// the latest one as soon as it is free).
    pub fn set_allowlist(&self, words: Vec<String>) {
        self.updates.allowlist.send_replace(Some(words));
    }

    /// Gives the room the centre's new catalogue (never waits, never lost); a meeting that has
    /// not started takes it.
    pub fn set_catalogue(&self, services: Vec<Service>) {
        self.updates.catalogue.send_replace(Some(services));
    }

    /// Gives the room the meeting's keys after a rotation (stored before this is called) and
    /// waits until the room uses them: when this returns, the old key is refused and every
    /// connection that used it has been told to close.
    pub async fn keys_changed(&self, keys: super::MeetingKeys) -> Result<(), RoomError> {
        self.tell(|reply| RoomMsg::KeysChanged { keys, reply })
            .await
    }

    /// Asks the room to look for carried-over items (never waits, never lost).
    pub fn claim_carry_overs(&self) {
        self.updates.carry.send_modify(|n| *n += 1);
    }

    /// Asks the room to redact its item linked by carry-over to one redacted in another
    /// meeting (see [`super::Relay::Redact`]).
    pub async fn redact_linked(
        &self,
        item: Option<ItemId>,
        from: Option<(MeetingId, ItemId)>,
    ) -> Result<(), RoomError> {
        self.tx
            .send(RoomMsg::RedactLinked { item, from })
            .await
            .map_err(|_| RoomError::Gone)
    }
}
