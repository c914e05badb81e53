//! One meeting's room: a tokio task that owns the meeting's state and applies commands one at a
//! time. Everything else talks to it through a [`RoomHandle`].
//!
//! For every accepted change the room: decides the events (shared rules), appends them to the
//! log and waits for the commit, applies them, serializes each event once and broadcasts the
//! same bytes to every connection. Connections that fall behind the broadcast buffer are told
//! so by the channel and take a snapshot instead; nobody waits for a slow reader.
//!
//! A redaction (`item_redacted`) also rewrites the stored log: the item's earlier events and
//! its carry-over copies lose their text in the same transaction as the event
//! ([`crate::db::log_writer::SideEffect::Redact`]), the room's in-memory copy of the log (what
//! reconnecting clients replay) is rewritten the same way, and the item it was carried over
//! from, or to, is redacted in its own meeting by that meeting's room.
//!
//! A person is their `secret`: a second tab, a reopened tab or a reconnect that sends it gets
//! the same participant (counted once in presence, the minutes and the reports); the room
//! counts the person's open connections and starts the grace period only when the last closes.

mod carry;

use crate::db::events::EventRow;
use crate::db::log_writer::{LogWriter, SideEffect};
use crate::db::meetings::MeetingRow;
use crate::db::Db;
use crate::guard::IdentifierGuard;
use crate::registry::Rooms;
use axum::extract::ws::Utf8Bytes;
use shared::domain::{ItemStatus, Phase, Role};
use shared::guard::Allowlist;
use shared::ids::{MeetingId, ParticipantId, ServiceId};
use shared::protocol::FieldFinding;
use shared::protocol::{
    Command, EarlierJoin, ErrorCode, Position, ServerMsg, MAX_EARLIER_JOINS, PROTOCOL_VERSION,
};
use shared::room::{Actor, Event, EventKind, Refusal, RoomState};
use shared::Millis;
use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// Server time now, in ms since the epoch.
pub fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

/// One serialized server message, shared by every recipient. `seq` is the event's sequence
/// number (for snapshots: the sequence they reflect).
#[derive(Clone, Debug)]
pub struct Frame {
    pub seq: u64,
    pub text: Utf8Bytes,
}

/// Timings of rooms, from the server's configuration.
#[derive(Clone, Debug)]
pub struct RoomConfig {
    /// How long a disconnected participant still counts as present (reconnects are free).
    pub grace: Duration,
    /// How long a room with nobody connected stays in memory.
    pub idle: Duration,
    /// Broadcast buffer per room, in events; a reader further behind is resynced.
    pub broadcast_capacity: usize,
    /// Open sockets the participant link may have in this room
    /// ([`crate::limits::Limits::connections_per_meeting`]); more get `limit_reached`.
    pub max_connections: usize,
    /// Extra sockets for the chair link beyond `max_connections`, so a flood of participant
    /// sockets never keeps the chair out.
    pub chair_connection_reserve: usize,
    /// How long the chair and participant keys keep working after the meeting ended (or was
    /// cancelled): `--link-days`. Then `hello` gets `bad_key` and open sockets are closed.
    pub link_lifetime: Duration,
}

/// What a connection gets when its `hello` is accepted.
pub struct Attached {
    pub role: Role,
    pub welcome: Utf8Bytes,
    /// The missed events, or a snapshot, to send before anything from `events`.
    pub catch_up: Vec<Frame>,
    /// Subscribed before `catch_up` was taken, so nothing falls in between.
    pub events: broadcast::Receiver<Frame>,
    /// Becomes `Some(reason)` when the key this connection came in with stops working (the
    /// coordinator rotated it, or the links expired): the connection then sends `bad_key`
    /// with the reason and closes.
    pub revoked: watch::Receiver<Option<&'static str>>,
}

/// Answer to a join: who the person is in this room, the secret to reclaim it, and the event
/// it produced, if any.
pub struct JoinOk {
    pub participant: ParticipantId,
    pub secret: String,
    pub seq: Option<u64>,
}

enum RoomMsg {
    Attach {
        key: String,
        last: Option<Position>,
        reply: oneshot::Sender<Result<Attached, Refusal>>,
    },
    Detach {
        participant: Option<ParticipantId>,
    },
    Join {
        role: Role,
        current: Option<ParticipantId>,
        service: ServiceId,
        display_name: Option<String>,
        secret: Option<String>,
        earlier: Vec<EarlierJoin>,
        reply: oneshot::Sender<Result<JoinOk, Refusal>>,
    },
    Leave {
        participant: ParticipantId,
        reply: oneshot::Sender<Result<Option<u64>, Refusal>>,
    },
    Command {
        actor: Actor,
        cmd: Box<Command>,
        reply: oneshot::Sender<Result<Option<u64>, Refusal>>,
    },
    Snapshot {
        reply: oneshot::Sender<Frame>,
    },
    Reschedule {
        starts_at: Millis,
        ends_at: Millis,
        reply: oneshot::Sender<Result<Option<u64>, Refusal>>,
    },
    Cancel {
        reply: oneshot::Sender<Result<Option<u64>, Refusal>>,
    },
    /// An item linked to one of ours by carry-over was redacted in another meeting: redact
    /// ours too. `item` names our item directly (it went from here to there); `from` names
    /// the other meeting's item that ours was carried over from.
    RedactLinked {
        item: Option<shared::ids::ItemId>,
        from: Option<(MeetingId, shared::ids::ItemId)>,
    },
    /// The coordinator rotated a key (already stored): take the meeting's keys as they are now
    /// and close every connection that came in with a key that changed.
    KeysChanged {
        chair_key: String,
        participant_key: String,
        reply: oneshot::Sender<()>,
    },
}

/// What the coordinator changes for a whole centre, handed to a live room through `watch`
/// channels: each keeps only the latest value, so an update is never dropped when the room is
/// busy (its command queue full) and several quick updates collapse into the last one.
struct CentreUpdates {
    allowlist: watch::Sender<Option<Vec<String>>>,
    catalogue: watch::Sender<Option<Vec<shared::domain::Service>>>,
    /// Bumped when an earlier meeting of the centre ended: look for carried-over items.
    carry: watch::Sender<u64>,
}

/// The room's ends of [`CentreUpdates`].
struct CentreUpdatesRx {
    allowlist: watch::Receiver<Option<Vec<String>>>,
    catalogue: watch::Receiver<Option<Vec<shared::domain::Service>>>,
    carry: watch::Receiver<u64>,
}

fn centre_updates() -> (CentreUpdates, CentreUpdatesRx) {
    let (allowlist, allowlist_rx) = watch::channel(None);
    let (catalogue, catalogue_rx) = watch::channel(None);
    let (carry, carry_rx) = watch::channel(0);
    (
        CentreUpdates {
            allowlist,
            catalogue,
            carry,
        },
        CentreUpdatesRx {
            allowlist: allowlist_rx,
            catalogue: catalogue_rx,
            carry: carry_rx,
        },
    )
}

/// The room went away (idle shutdown or server shutdown) between lookup and use; the caller
/// looks the room up again.
#[derive(Debug)]
pub struct RoomGone;

/// Sends commands to a room task. Cheap to clone.
#[derive(Clone)]
pub struct RoomHandle {
    tx: mpsc::Sender<RoomMsg>,
    /// The centre's changes that must reach the room even when its queue is full.
    updates: Arc<CentreUpdates>,
    /// Identity of this room task, to tell it from a later one for the same meeting.
    pub generation: u64,
    pub centre: shared::ids::CentreId,
}

impl RoomHandle {
    async fn ask<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<T>) -> RoomMsg,
    ) -> Result<T, RoomGone> {
        let (reply, answer) = oneshot::channel();
        self.tx.send(make(reply)).await.map_err(|_| RoomGone)?;
        answer.await.map_err(|_| RoomGone)
    }

    pub async fn attach(
        &self,
        key: String,
        last: Option<Position>,
    ) -> Result<Result<Attached, Refusal>, RoomGone> {
        self.ask(|reply| RoomMsg::Attach { key, last, reply }).await
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

    pub async fn join(
        &self,
        role: Role,
        current: Option<ParticipantId>,
        service: ServiceId,
        display_name: Option<String>,
        secret: Option<String>,
        earlier: Vec<EarlierJoin>,
    ) -> Result<Result<JoinOk, Refusal>, RoomGone> {
        self.ask(|reply| RoomMsg::Join {
            role,
            current,
            service,
            display_name,
            secret,
            earlier,
            reply,
        })
        .await
    }

    pub async fn leave(
        &self,
        participant: ParticipantId,
    ) -> Result<Result<Option<u64>, Refusal>, RoomGone> {
        self.ask(|reply| RoomMsg::Leave { participant, reply })
            .await
    }

    pub async fn command(
        &self,
        actor: Actor,
        cmd: Command,
    ) -> Result<Result<Option<u64>, Refusal>, RoomGone> {
        self.ask(|reply| RoomMsg::Command {
            actor,
            cmd: Box::new(cmd),
            reply,
        })
        .await
    }

    pub async fn snapshot(&self) -> Result<Frame, RoomGone> {
        self.ask(|reply| RoomMsg::Snapshot { reply }).await
    }

    /// Moves a meeting that has not started.
    pub async fn reschedule(
        &self,
        starts_at: Millis,
        ends_at: Millis,
    ) -> Result<Result<Option<u64>, Refusal>, RoomGone> {
        self.ask(|reply| RoomMsg::Reschedule {
            starts_at,
            ends_at,
            reply,
        })
        .await
    }

    /// Cancels a meeting that has not started; its queued items go to the next one.
    pub async fn cancel(&self) -> Result<Result<Option<u64>, Refusal>, RoomGone> {
        self.ask(|reply| RoomMsg::Cancel { reply }).await
    }

    /// Gives the room the centre's new allowlist (never waits, never lost: the room takes
    /// the latest one as soon as it is free).
    pub fn set_allowlist(&self, words: Vec<String>) {
        self.updates.allowlist.send_replace(Some(words));
    }

    /// Gives the room the centre's new catalogue (never waits, never lost); a meeting that has
    /// not started takes it.
    pub fn set_catalogue(&self, services: Vec<shared::domain::Service>) {
        self.updates.catalogue.send_replace(Some(services));
    }

    /// Gives the room the meeting's keys after a rotation (stored before this is called) and
    /// waits until the room uses them: when this returns, the old key is refused and every
    /// connection that used it has been told to close.
    pub async fn keys_changed(
        &self,
        chair_key: String,
        participant_key: String,
    ) -> Result<(), RoomGone> {
        self.ask(|reply| RoomMsg::KeysChanged {
            chair_key,
            participant_key,
            reply,
        })
        .await
    }

    /// Asks the room to look for carried-over items (never waits, never lost).
    pub fn claim_carry_overs(&self) {
        self.updates.carry.send_modify(|n| *n += 1);
    }

    /// Asks the room to redact the item linked by carry-over to a redacted one.
    async fn redact_linked(
        &self,
        item: Option<shared::ids::ItemId>,
        from: Option<(MeetingId, shared::ids::ItemId)>,
    ) -> Result<(), RoomGone> {
        self.tx
            .send(RoomMsg::RedactLinked { item, from })
            .await
            .map_err(|_| RoomGone)
    }
}

/// Everything a room needs to start: its row and its replayed log.
pub struct RoomSeed {
    pub row: MeetingRow,
    pub log: Vec<(Event, String)>,
    /// The centre's allowlist for the identifier guard.
    pub allowlist: Vec<String>,
    /// The centre's catalogue now (a meeting that has not started adopts it on load).
    pub catalogue: Vec<shared::domain::Service>,
    /// The centre's IANA time zone, given to clients in the room's state.
    pub time_zone: String,
}

/// The task's state.
struct Room {
    id: MeetingId,
    chair_key: String,
    participant_key: String,
    /// One channel per key: every connection that came in with the key holds a receiver, and
    /// the reason is sent when the key stops working. A rotated key's channel is replaced by
    /// a fresh one for the new key.
    chair_revoke: watch::Sender<Option<&'static str>>,
    participant_revoke: watch::Sender<Option<&'static str>>,
    /// Set once the links' lifetime after the end has run out and their connections were
    /// closed (so the clock stops waking for it).
    links_expired: bool,
    epoch: String,
    epoch_json: String,
    state: RoomState,
    seq: u64,
    /// Every event of the meeting, serialized for the wire; index `i` holds seq `i + 1`.
    log: Vec<Frame>,
    snapshot: Option<Frame>,
    events: broadcast::Sender<Frame>,
    connections: usize,
    /// Open connections per joined participant.
    live: HashMap<ParticipantId, u32>,
    /// Disconnected participants still counted as present, until the instant given.
    grace: HashMap<ParticipantId, Instant>,
    idle_since: Option<Instant>,
    writer: LogWriter,
    db: Db,
    rooms: Weak<Rooms>,
    guard: IdentifierGuard,
    allow: Allowlist,
    /// The allowlist as the coordinator wrote it, for snapshots.
    allow_words: Vec<String>,
    config: RoomConfig,
    /// Set while the store refuses writes: the clock's own commits (overruns, presence
    /// expiring) wait until then instead of retrying at once, and the wait doubles each time.
    storage_retry: Option<(Instant, Duration)>,
}

/// The first wait after a failed write, and the longest.
const STORAGE_RETRY_FIRST: Duration = Duration::from_millis(250);
const STORAGE_RETRY_MAX: Duration = Duration::from_secs(10);

/// What a connection whose key was rotated hears before it is closed (`bad_key`).
const KEY_ROTATED: &str =
    "this link was replaced with a new one and no longer works; ask the coordinator for the new link";
/// What a key hears once the meeting's links have expired (`bad_key`).
const LINK_EXPIRED: &str =
    "this link has expired: the meeting ended and its links work only for a while after; \
     the coordinator can still export the minutes";

/// Above this many missed events a reconnecting client gets a snapshot instead.
const MAX_REPLAY: u64 = 1000;

/// Starts the room task for a loaded meeting. Returns `None` if its log is unreadable.
#[allow(clippy::too_many_arguments)]
pub fn spawn(
    seed: RoomSeed,
    generation: u64,
    writer: LogWriter,
    db: Db,
    guard: IdentifierGuard,
    config: RoomConfig,
    rooms: Weak<Rooms>,
    shutdown: CancellationToken,
) -> Option<RoomHandle> {
    let mut state = RoomState::replay(seed.log.iter().map(|(e, _)| e))?;
    if !seed.time_zone.is_empty() {
        state.time_zone = seed.time_zone.clone();
    }
    let epoch_json = serde_json::to_string(&seed.row.epoch).expect("string serializes");
    let log: Vec<Frame> = seed
        .log
        .iter()
        .map(|(e, body)| Frame {
            seq: e.seq,
            text: event_frame(&epoch_json, body),
        })
        .collect();
    let (events, _) = broadcast::channel(config.broadcast_capacity);
    let now = Instant::now();
    // After a restart everybody who was present gets the grace period to come back.
    let grace = state
        .participants
        .iter()
        .filter(|p| p.present)
        .map(|p| (p.id.clone(), now + config.grace))
        .collect();
    let room = Room {
        id: seed.row.id,
        chair_key: seed.row.chair_key,
        participant_key: seed.row.participant_key,
        chair_revoke: watch::Sender::new(None),
        participant_revoke: watch::Sender::new(None),
        links_expired: false,
        epoch: seed.row.epoch,
        epoch_json,
        seq: log.len() as u64,
        state,
        log,
        snapshot: None,
        events,
        connections: 0,
        live: HashMap::new(),
        grace,
        idle_since: Some(now),
        writer,
        db,
        rooms,
        guard,
        allow: Allowlist::new(seed.allowlist.iter()),
        allow_words: seed.allowlist.clone(),
        config,
        storage_retry: None,
    };
    let centre = room.state.meeting.centre_id.clone();
    let (tx, rx) = mpsc::channel(256);
    let (updates, updates_rx) = centre_updates();
    tokio::spawn(room.run(rx, updates_rx, generation, seed.catalogue, shutdown));
    Some(RoomHandle {
        tx,
        updates: Arc::new(updates),
        generation,
        centre,
    })
}

fn event_frame(epoch_json: &str, body: &str) -> Utf8Bytes {
    Utf8Bytes::from(format!(
        r#"{{"type":"event","epoch":{epoch_json},"event":{body}}}"#
    ))
}

/// Compares keys (and token hashes) in time independent of where they differ: every
/// comparison of a secret goes through here, so none leaks how much of it was right.
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A participant's public id, derived from their secret so it needs no storage.
pub fn participant_id(meeting: &MeetingId, secret: &str) -> ParticipantId {
    let name = format!("ppt-hub/participant/{meeting}/{secret}");
    let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes())
        .simple()
        .to_string();
    ParticipantId(id[..20].to_owned())
}

fn valid_secret(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Room {
    async fn run(
        mut self,
        mut rx: mpsc::Receiver<RoomMsg>,
        mut updates: CentreUpdatesRx,
        generation: u64,
        catalogue: Vec<shared::domain::Service>,
        shutdown: CancellationToken,
    ) {
        tracing::debug!(meeting = %self.id, "room open");
        self.adopt_catalogue(catalogue).await;
        self.claim_carry_overs().await;
        loop {
            let wake = self.next_wake();
            tokio::select! {
                msg = rx.recv() => match msg {
                    Some(msg) => self.handle(msg).await,
                    None => break,
                },
                // (Each `changed` fails only once every handle is gone, and then `rx` ends too.)
                Ok(()) = updates.allowlist.changed() => {
                    let words = updates.allowlist.borrow_and_update().clone();
                    if let Some(words) = words {
                        self.allow = Allowlist::new(words.iter());
                        self.allow_words = words;
                        self.snapshot = None;
                    }
                }
                Ok(()) = updates.catalogue.changed() => {
                    let services = updates.catalogue.borrow_and_update().clone();
                    if let Some(services) = services {
                        self.adopt_catalogue(services).await;
                    }
                }
                Ok(()) = updates.carry.changed() => {
                    updates.carry.borrow_and_update();
                    self.claim_carry_overs().await;
                }
                _ = sleep_until_opt(wake) => {
                    if self.idle_since.is_some_and(|t| t + self.config.idle <= Instant::now()) {
                        break;
                    }
                    self.expire_links();
                    self.on_timer().await;
                },
                _ = shutdown.cancelled() => break,
            }
        }
        if let Some(rooms) = self.rooms.upgrade() {
            rooms.forget(&self.id, generation);
        }
        tracing::debug!(meeting = %self.id, "room closed");
    }

    fn next_wake(&self) -> Option<Instant> {
        let mut wake = self.grace.values().min().copied();
        if let Some(due) = self.state.next_due() {
            let at = Instant::now() + Duration::from_millis((due - now_ms()).max(0) as u64);
            wake = Some(wake.map_or(at, |w| w.min(at)));
        }
        // While the store refuses writes, the clock's commits wait for the next retry.
        if let (Some(w), Some((retry, _))) = (wake, self.storage_retry) {
            wake = Some(w.max(retry));
        }
        if let Some(idle) = self.idle_since {
            let at = idle + self.config.idle;
            wake = Some(wake.map_or(at, |w| w.min(at)));
        }
        // When the links expire, their open connections are closed. (Waking at most a day
        // ahead keeps a very long lifetime from overflowing the clock; an early wake is free.)
        if let Some(expiry) = self.links_expire_at().filter(|_| !self.links_expired) {
            let ms = (expiry - now_ms()).clamp(0, 24 * 3_600_000) as u64;
            let at = Instant::now() + Duration::from_millis(ms);
            wake = Some(wake.map_or(at, |w| w.min(at)));
        }
        wake
    }

    fn update_idle(&mut self) {
        if self.connections == 0 && self.grace.is_empty() {
            self.idle_since.get_or_insert_with(Instant::now);
        } else {
            self.idle_since = None;
        }
    }

    async fn handle(&mut self, msg: RoomMsg) {
        match msg {
            RoomMsg::Attach { key, last, reply } => {
                let answer = self.attach(&key, last);
                let _ = reply.send(answer);
            }
            RoomMsg::Detach { participant } => {
                self.connections = self.connections.saturating_sub(1);
                if let Some(p) = participant {
                    self.release(&p);
                }
            }
            RoomMsg::Join {
                role,
                current,
                service,
                display_name,
                secret,
                earlier,
                reply,
            } => {
                let answer = self
                    .join(role, current, service, display_name, secret, earlier)
                    .await;
                let _ = reply.send(answer);
            }
            RoomMsg::Leave { participant, reply } => {
                let answer = self.leave(participant).await;
                let _ = reply.send(answer);
            }
            RoomMsg::Command { actor, cmd, reply } => {
                let now = now_ms();
                let answer = match self.screen(&cmd.texts()).await {
                    Err(refusal) => Err(refusal),
                    Ok(()) => match self.state.decide(&actor, &cmd, now) {
                        Ok(kinds) => self.commit(kinds, now).await,
                        Err(refusal) => Err(refusal),
                    },
                };
                if let Err(r) = &answer {
                    tracing::debug!(meeting = %self.id, command = cmd.name(), code = ?r.code, "command refused");
                }
                let _ = reply.send(answer);
            }
            RoomMsg::Snapshot { reply } => {
                let _ = reply.send(self.snapshot_frame());
            }
            RoomMsg::Reschedule {
                starts_at,
                ends_at,
                reply,
            } => {
                let answer = if self.state.phase != Phase::Open {
                    Err(Refusal::new(
                        ErrorCode::WrongState,
                        "only a meeting that has not started can be moved",
                    ))
                } else {
                    self.commit(
                        vec![EventKind::MeetingRescheduled { starts_at, ends_at }],
                        now_ms(),
                    )
                    .await
                };
                let _ = reply.send(answer);
            }
            RoomMsg::Cancel { reply } => {
                let answer = if self.state.phase != Phase::Open {
                    Err(Refusal::new(
                        ErrorCode::WrongState,
                        "only a meeting that has not started can be cancelled",
                    ))
                } else {
                    let mut kinds: Vec<EventKind> = self
                        .state
                        .queued()
                        .map(|i| EventKind::ItemDeferred {
                            item: i.id.clone(),
                            used_ms: None,
                        })
                        .collect();
                    kinds.push(EventKind::MeetingCancelled);
                    self.commit(kinds, now_ms()).await
                };
                let _ = reply.send(answer);
            }
            RoomMsg::KeysChanged {
                chair_key,
                participant_key,
                reply,
            } => {
                self.keys_changed(chair_key, participant_key);
                let _ = reply.send(());
            }
            RoomMsg::RedactLinked { item, from } => {
                let ids: Vec<shared::ids::ItemId> = self
                    .state
                    .items
                    .iter()
                    .filter(|i| {
                        item.as_ref() == Some(&i.id)
                            || i.carried_over.as_ref().is_some_and(|c| {
                                from.as_ref().is_some_and(|(m, it)| {
                                    &c.from_meeting == m && &c.from_item == it
                                })
                            })
                    })
                    .map(|i| i.id.clone())
                    .collect();
                let chair = Actor {
                    role: Role::Chair,
                    participant: None,
                };
                for id in ids {
                    let now = now_ms();
                    if let Ok(kinds) =
                        self.state
                            .decide(&chair, &Command::RedactItem { item: id }, now)
                    {
                        if let Err(e) = self.commit(kinds, now).await {
                            tracing::error!(meeting = %self.id, code = ?e.code, "redacting a linked item failed");
                        }
                    }
                }
            }
        }
        self.update_idle();
    }

    /// When the chair and participant keys stop working: the configured lifetime after the
    /// meeting ended or was cancelled; `None` while it has not ended.
    fn links_expire_at(&self) -> Option<Millis> {
        let lifetime =
            Millis::try_from(self.config.link_lifetime.as_millis()).unwrap_or(Millis::MAX);
        self.state.ended_at.map(|end| end.saturating_add(lifetime))
    }

    /// Closes every connection of both keys once the links' lifetime has run out.
    fn expire_links(&mut self) {
        if self.links_expired || self.links_expire_at().is_none_or(|at| at > now_ms()) {
            return;
        }
        self.links_expired = true;
        self.chair_revoke.send_replace(Some(LINK_EXPIRED));
        self.participant_revoke.send_replace(Some(LINK_EXPIRED));
        tracing::info!(meeting = %self.id, "meeting links expired; their connections closed");
    }

    /// Takes the keys as now stored; a key that changed stops at once, and the connections
    /// that came in with it are told to close.
    fn keys_changed(&mut self, chair_key: String, participant_key: String) {
        if !same_key(&chair_key, &self.chair_key) {
            self.chair_key = chair_key;
            std::mem::replace(&mut self.chair_revoke, watch::Sender::new(None))
                .send_replace(Some(KEY_ROTATED));
            tracing::info!(meeting = %self.id, role = "chair", "key rotated; its connections closed");
        }
        if !same_key(&participant_key, &self.participant_key) {
            self.participant_key = participant_key;
            std::mem::replace(&mut self.participant_revoke, watch::Sender::new(None))
                .send_replace(Some(KEY_ROTATED));
            tracing::info!(meeting = %self.id, role = "participant", "key rotated; its connections closed");
        }
    }

    fn attach(&mut self, key: &str, last: Option<Position>) -> Result<Attached, Refusal> {
        let role = if same_key(key, &self.chair_key) {
            Role::Chair
        } else if same_key(key, &self.participant_key) {
            Role::Participant
        } else {
            return Err(Refusal::new(
                ErrorCode::BadKey,
                "this link's key is not valid for the meeting",
            ));
        };
        if self.links_expire_at().is_some_and(|at| at <= now_ms()) {
            return Err(Refusal::new(ErrorCode::BadKey, LINK_EXPIRED));
        }
        let revoked = match role {
            Role::Chair => self.chair_revoke.subscribe(),
            Role::Participant => self.participant_revoke.subscribe(),
        };
        let max = match role {
            Role::Participant => self.config.max_connections,
            Role::Chair => self.config.max_connections + self.config.chair_connection_reserve,
        };
        if self.connections >= max {
            tracing::info!(meeting = %self.id, connections = self.connections, "connection refused: meeting connection limit");
            return Err(Refusal::new(
                ErrorCode::LimitReached,
                format!(
                    "the meeting has {} connections open, its limit; close another tab or try \
                     again later",
                    self.config.max_connections
                ),
            ));
        }
        let events = self.events.subscribe();
        let catch_up = match last {
            Some(p)
                if p.epoch == self.epoch && p.seq <= self.seq && self.seq - p.seq <= MAX_REPLAY =>
            {
                self.log[p.seq as usize..].to_vec()
            }
            _ => vec![self.snapshot_frame()],
        };
        self.connections += 1;
        let welcome = ServerMsg::Welcome {
            v: PROTOCOL_VERSION,
            role,
            meeting_id: self.id.clone(),
            epoch: self.epoch.clone(),
            now: now_ms(),
            participant_key: (role == Role::Chair).then(|| self.participant_key.clone()),
        };
        Ok(Attached {
            role,
            welcome: serde_json::to_string(&welcome)
                .expect("welcome serializes")
                .into(),
            catch_up,
            events,
            revoked,
        })
    }

    fn snapshot_frame(&mut self) -> Frame {
        if let Some(s) = &self.snapshot {
            // The cached snapshot carries the time it was made; clients re-sync their clock
            // with `ping` and every event's `at`, so a slightly old `now` is harmless.
            return s.clone();
        }
        let msg = ServerMsg::Snapshot {
            epoch: self.epoch.clone(),
            seq: self.seq,
            now: now_ms(),
            representation: self.state.representation(),
            state: Box::new(self.state.clone()),
            allowlist: self.allow_words.clone(),
        };
        let frame = Frame {
            seq: self.seq,
            text: serde_json::to_string(&msg)
                .expect("snapshot serializes")
                .into(),
        };
        self.snapshot = Some(frame.clone());
        frame
    }

    async fn join(
        &mut self,
        role: Role,
        current: Option<ParticipantId>,
        service: ServiceId,
        display_name: Option<String>,
        secret: Option<String>,
        earlier: Vec<EarlierJoin>,
    ) -> Result<JoinOk, Refusal> {
        let display_name = display_name
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        if let Some(name) = &display_name {
            self.screen(&[("display_name", name.as_str())]).await?;
        }
        self.state.check_join(&service, display_name.as_deref())?;
        let secret = match secret {
            Some(s) if valid_secret(&s) => s,
            Some(_) => {
                return Err(Refusal::new(
                    ErrorCode::InvalidField,
                    "the secret is not one this server gave",
                ))
            }
            None => uuid::Uuid::new_v4().simple().to_string(),
        };
        if earlier.len() > MAX_EARLIER_JOINS || earlier.iter().any(|e| !valid_secret(&e.secret)) {
            return Err(Refusal::new(
                ErrorCode::InvalidField,
                "earlier: at most 12 secrets, each one this server gave",
            ));
        }
        let id = participant_id(&self.id, &secret);
        self.state.check_seat(&id, role)?;
        let unchanged = self
            .state
            .participant(&id)
            .is_some_and(|p| p.present && p.service == service && p.display_name == display_name);
        let mut kinds = Vec::new();
        if !unchanged {
            let role = self.state.participant(&id).map_or(role, |p| p.role);
            kinds.push(EventKind::ParticipantJoined {
                participant: id.clone(),
                service,
                display_name,
                role,
            });
        }
        kinds.extend(self.reclaims(&id, &earlier));
        let seq = if kinds.is_empty() {
            None
        } else {
            self.commit(kinds, now_ms()).await?
        };
        if current.as_ref() != Some(&id) {
            if let Some(previous) = current {
                self.release(&previous);
            }
            *self.live.entry(id.clone()).or_default() += 1;
        }
        self.grace.remove(&id);
        Ok(JoinOk {
            participant: id,
            secret,
            seq,
        })
    }

    /// The carried-over items that `earlier` (secrets from the meetings they came from) shows
    /// to be `id`'s: a presenter's id is derived from the meeting and the secret, so only the
    /// person who brought the item can name it. Items still to come only; one that has been
    /// presented here stays as it was.
    fn reclaims(&self, id: &ParticipantId, earlier: &[EarlierJoin]) -> Vec<EventKind> {
        let was: Vec<ParticipantId> = earlier
            .iter()
            .map(|e| participant_id(&e.meeting, &e.secret))
            .collect();
        self.state
            .items
            .iter()
            .filter(|i| {
                i.carried_over.is_some()
                    && i.status == ItemStatus::Queued
                    && &i.presenter != id
                    && was.contains(&i.presenter)
            })
            .map(|i| EventKind::ItemReclaimed {
                item: i.id.clone(),
                presenter: id.clone(),
            })
            .collect()
    }

    /// A meeting that has not started follows its centre's catalogue; one that has started
    /// keeps the catalogue it ran with.
    async fn adopt_catalogue(&mut self, services: Vec<shared::domain::Service>) {
        if self.state.phase == Phase::Open
            && !services.is_empty()
            && services != self.state.meeting.services
        {
            let _ = self
                .commit(vec![EventKind::CatalogueUpdated { services }], now_ms())
                .await;
        }
    }

    /// The identifier guard over a message's text fields, before anything else looks at it.
    /// A field with a direction-control character is refused first (`invalid_field`, whatever
    /// else it holds). The fields are checked each alone and all joined
    /// ([`IdentifierGuard::check_fields`]), so an identifier split between two fields is found
    /// in both. A hit refuses the whole message; only the number of findings per kind is kept.
    /// Fails closed: when the guard cannot run, the message is refused (`guard_unavailable`).
    async fn screen(&self, texts: &[(&'static str, &str)]) -> Result<(), Refusal> {
        for (field, text) in texts {
            shared::room::check_direction_controls(field, text)?;
        }
        let values: Vec<&str> = texts.iter().map(|(_, t)| *t).collect();
        let per_field = self.guard.check_fields(&values, &self.allow).map_err(|e| {
            tracing::error!(meeting = %self.id, error = %e, "identifier guard unavailable");
            Refusal::new(
                ErrorCode::GuardUnavailable,
                "the identifier guard is not available right now, so the text could not be \
                 checked; nothing was saved. Try again in a moment",
            )
        })?;
        let mut findings = Vec::new();
        for ((field, _), found) in texts.iter().zip(per_field) {
            for f in found {
                findings.push(FieldFinding {
                    field: (*field).to_owned(),
                    kind: f.kind,
                    start: f.start,
                    end: f.end,
                });
            }
        }
        if findings.is_empty() {
            return Ok(());
        }
        let kinds: Vec<&'static str> = findings.iter().map(|f| f.kind.as_str()).collect();
        tracing::info!(meeting = %self.id, findings = findings.len(), kinds = ?kinds, "message refused: client identifiers");
        let id = self.id.clone();
        if let Err(e) = self
            .db
            .call(move |conn| crate::db::rejections::add(conn, &id, &kinds))
            .await
        {
            tracing::error!(meeting = %self.id, error = %e, "counting a refused message failed");
        }
        Err(Refusal {
            code: ErrorCode::IdentifierFound,
            message: "the text contains client identifiers; nothing was saved. Remove them and send again".into(),
            findings,
        })
    }

    /// One connection of `p` is gone: start the grace period when it was the last.
    fn release(&mut self, p: &ParticipantId) {
        if let Some(n) = self.live.get_mut(p) {
            *n -= 1;
            if *n == 0 {
                self.live.remove(p);
                if self.state.participant(p).is_some_and(|x| x.present) {
                    self.grace
                        .insert(p.clone(), Instant::now() + self.config.grace);
                }
            }
        }
    }

    async fn leave(&mut self, p: ParticipantId) -> Result<Option<u64>, Refusal> {
        if let Some(n) = self.live.get_mut(&p) {
            *n -= 1;
            if *n > 0 {
                return Ok(None);
            }
            self.live.remove(&p);
        }
        self.grace.remove(&p);
        if !self.state.participant(&p).is_some_and(|x| x.present) {
            return Ok(None);
        }
        self.commit(
            vec![EventKind::ParticipantLeft { participant: p }],
            now_ms(),
        )
        .await
    }

    async fn on_timer(&mut self) {
        let now = Instant::now();
        let expired: Vec<ParticipantId> = self
            .grace
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(p, _)| p.clone())
            .collect();
        for p in expired {
            if self.state.participant(&p).is_some_and(|x| x.present) && !self.live.contains_key(&p)
            {
                let left = vec![EventKind::ParticipantLeft {
                    participant: p.clone(),
                }];
                if self.commit(left, now_ms()).await.is_err() {
                    // Still present until the leave is on disk: try again at the next retry.
                    let retry = self.storage_retry.map_or(now, |(t, _)| t);
                    self.grace.insert(p, retry);
                    continue;
                }
            }
            self.grace.remove(&p);
        }
        let at = now_ms();
        let due = self.state.due(at);
        if !due.is_empty() {
            let _ = self.commit(due, at).await;
        }
        self.update_idle();
    }

    /// Persists, applies and broadcasts `kinds`; returns the last sequence number.
    async fn commit(&mut self, kinds: Vec<EventKind>, at: Millis) -> Result<Option<u64>, Refusal> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let mut rows = Vec::with_capacity(kinds.len());
        let mut staged = Vec::with_capacity(kinds.len());
        for (i, kind) in kinds.into_iter().enumerate() {
            let event = Event {
                seq: self.seq + 1 + i as u64,
                at,
                kind,
            };
            let body = serde_json::to_string(&event).expect("event serializes");
            rows.push(EventRow {
                seq: event.seq,
                at,
                kind: event.kind.name(),
                body: body.clone(),
            });
            staged.push((event, body));
        }
        let events: Vec<&Event> = staged.iter().map(|(e, _)| e).collect();
        let side = self.side_effects(&events);
        let redacted: Vec<shared::ids::ItemId> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::ItemRedacted { item } => Some(item.clone()),
                _ => None,
            })
            .collect();
        let meeting_closed = side
            .iter()
            .any(|s| matches!(s, SideEffect::Ended { .. } | SideEffect::Cancelled { .. }));
        if let Err(e) = self.writer.append(self.id.clone(), rows, side).await {
            // Nothing was applied or sent: the state, the seq and every client stay as they
            // were, and the clock's own commits back off (see `next_wake`).
            let wait = self
                .storage_retry
                .map_or(STORAGE_RETRY_FIRST, |(_, w)| (w * 2).min(STORAGE_RETRY_MAX));
            self.storage_retry = Some((Instant::now() + wait, wait));
            tracing::error!(meeting = %self.id, error = %e, retry_ms = wait.as_millis() as u64, "event log append failed; change refused");
            return Err(Refusal::new(
                ErrorCode::StorageUnavailable,
                "the change could not be saved right now, so nothing changed; try again in a moment",
            ));
        }
        if self.storage_retry.take().is_some() {
            tracing::info!(meeting = %self.id, "event log writes succeed again");
        }
        for (event, body) in staged {
            self.state.apply(&event);
            self.seq = event.seq;
            tracing::debug!(meeting = %self.id, seq = event.seq, kind = event.kind.name(), "event");
            let frame = Frame {
                seq: event.seq,
                text: event_frame(&self.epoch_json, &body),
            };
            self.log.push(frame.clone());
            // No receivers is fine: nobody is connected.
            let _ = self.events.send(frame);
        }
        self.snapshot = None;
        if meeting_closed {
            self.hand_over_carry_overs();
        }
        for item in redacted {
            self.redact_frames(&item);
            self.redact_linked(item);
        }
        Ok(Some(self.seq))
    }
}

impl Room {
    /// After a redaction: the in-memory copy of the log (replayed to reconnecting clients)
    /// loses the item's text as the stored log did.
    fn redact_frames(&mut self, item: &shared::ids::ItemId) {
        let prefix = format!(r#"{{"type":"event","epoch":{},"event":"#, self.epoch_json);
        for frame in &mut self.log {
            let Some(body) = frame
                .text
                .as_str()
                .strip_prefix(prefix.as_str())
                .and_then(|b| b.strip_suffix('}'))
            else {
                continue;
            };
            let Ok(mut event) = serde_json::from_str::<Event>(body) else {
                continue;
            };
            if event.kind.redact_item(item) {
                let body = serde_json::to_string(&event).expect("event serializes");
                frame.text = event_frame(&self.epoch_json, &body);
            }
        }
    }

    /// After a redaction: the same matter in the centre's other meetings (where it came from,
    /// where it went) is redacted there too, each in its own meeting's log.
    fn redact_linked(&self, item: shared::ids::ItemId) {
        let Some(rooms) = self.rooms.upgrade() else {
            return;
        };
        let back = self
            .state
            .item(&item)
            .and_then(|i| i.carried_over.as_ref())
            .map(|c| (c.from_meeting.clone(), c.from_item.clone()));
        let (db, me) = (self.db.clone(), self.id.clone());
        tokio::spawn(async move {
            if let Some((meeting, from_item)) = back {
                if let Ok(room) = rooms.get(&meeting).await {
                    let _ = room.redact_linked(Some(from_item), None).await;
                }
            }
            let (source, it) = (me.clone(), item.clone());
            let targets = db
                .call(move |conn| crate::db::carry_overs::targets_of(conn, &source, &it))
                .await
                .unwrap_or_default();
            for target in targets {
                if let Ok(room) = rooms.get(&target).await {
                    let _ = room
                        .redact_linked(None, Some((me.clone(), item.clone())))
                        .await;
                }
            }
        });
    }
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Makes the room's keys and epoch for a new meeting: 122 random bits each.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
