//! One meeting's room: a tokio task that owns the meeting's state and serves requests one at
//! a time. Everything else talks to it through a [`RoomHandle`].
//!
//! The room is a thin actor: it receives a request, screens its texts with the identifier
//! guard, lets the shared rules decide (`shared::room`: commands, joins, the coordinator's
//! changes, carried-over items and the clock are all decided there), commits the events
//! (persist, then apply, then broadcast), and answers. It adds only what it alone knows: the
//! time, who a secret belongs to, which connections are open, what the store holds.
//!
//! Map of the modules:
//! - `mod.rs` (this file): starting the task, its loop and the dispatch of each request.
//! - [`handle`]: [`RoomHandle`], the requests, and [`RoomError`].
//! - `presence.rs`: connections attaching and detaching, joins and leaves, the grace period.
//! - `commit.rs`: persist, apply, broadcast, and what a redaction rewrites. [`fanout`]: the
//!   connections each event goes to.
//! - `carry.rs`: carry-over between a centre's meetings, and what events change outside the
//!   log. `screen.rs`: the identifier guard in front of the rules.
//! - [`keys`]: keys, secrets and participant ids; `links.rs`: rotated and expired links.
//!
//! Committed events reach the connections through [`fanout`]: the room hands each frame to
//! every connection, which writes it at once or queues it; a connection too far behind takes
//! a snapshot instead, and nobody waits for a slow reader. A room never reaches into the registry:
//! what it needs from another meeting's room (a linked redaction, carried-over items to
//! claim) it sends as a [`Relay`] to whoever started it, and it ends by returning from its
//! task.

mod carry;
mod commit;
pub mod fanout;
pub mod handle;
pub mod keys;
mod links;
mod presence;
mod screen;
mod theme;

pub use fanout::Subscriber;
pub use handle::{Attached, JoinOk, JoinRequest, RoomError, RoomHandle};
pub use keys::{new_key, participant_id, same_key, MeetingKeys};

use crate::db::log_writer::LogWriter;
use crate::db::meetings::MeetingRow;
use crate::db::Db;
use crate::guard::IdentifierGuard;
use axum::extract::ws::Utf8Bytes;
use handle::{CentreUpdatesRx, RoomMsg};
use shared::domain::{Role, Service};
use shared::guard::Allowlist;
use shared::ids::{ItemId, MeetingId, ParticipantId};
use shared::protocol::Command;
use shared::room::{Actor, Refusal, RoomState};
use shared::Millis;
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// Server time now, in ms since the epoch: the one clock of every room and every timestamp
/// the server writes.
pub fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

/// One server message serialized once and shared by every recipient (an event, a snapshot).
/// `seq` is the event's sequence number (for snapshots: the sequence they reflect), so a
/// connection can skip what it already sent.
#[derive(Clone, Debug)]
pub struct ServerText {
    pub seq: u64,
    pub text: Utf8Bytes,
}

/// Timings of rooms, from the server's configuration.
#[derive(Clone, Debug)]
pub struct RoomConfig {
    /// How long a disconnected participant still counts as present (reconnects are free).
    pub grace: Duration,
    /// How long the holder of the chair controls must have been away (after `grace`) before a
    /// deputy can take them over (`--takeover-grace-secs`): given to the shared rules in the
    /// room's state ([`shared::room::ChairRoles::takeover_grace_ms`]).
    pub takeover_grace: Duration,
    /// How long a room with nobody connected stays in memory.
    pub idle: Duration,
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

/// Everything a room needs to start: its row and its replayed log.
pub struct RoomSeed {
    pub row: MeetingRow,
    pub log: Vec<(shared::room::Event, String)>,
    /// The centre's allowlist for the identifier guard.
    pub allowlist: Vec<String>,
    /// The centre's catalogue now (a meeting that has not started adopts it on load).
    pub catalogue: Vec<Service>,
    /// The centre's IANA time zone, given to clients in the room's state.
    pub time_zone: String,
    /// How long before its start the meeting's agenda is published (the centre's setting),
    /// given to the shared rules in the room's state like the time zone.
    pub publish_ahead_ms: Millis,
    /// The centre's theme clock for the meeting's month, given to clients in the room's state.
    pub month_theme: Option<shared::domain::MonthTheme>,
}

/// What a room asks of another meeting's room. The room does not know the other rooms; it
/// sends these to the channel it was started with ([`RoomContext::relay`]), and whoever owns
/// the rooms (the registry) delivers them.
#[derive(Clone, Debug, PartialEq)]
pub enum Relay {
    /// Redact, in `meeting`, the item linked by carry-over to one redacted here (see
    /// [`shared::room::RoomState::linked_items`]), loading that room if it is not live.
    Redact {
        meeting: MeetingId,
        item: Option<ItemId>,
        from: Option<(MeetingId, ItemId)>,
    },
    /// This meeting closed and items left it for `meeting`: if that room is live, it claims
    /// them now (a room that is not live takes them on load).
    ClaimCarryOvers { meeting: MeetingId },
}

/// What every room of a server shares: the store, the guard, the timings, and where rooms
/// send their [`Relay`]s.
#[derive(Clone)]
pub struct RoomContext {
    /// For reads outside the log: carry-overs, refused-message counts.
    pub db: Db,
    /// Where events are appended, committed in groups.
    pub writer: LogWriter,
    /// Screens every text before the rules see it.
    pub guard: IdentifierGuard,
    pub config: RoomConfig,
    /// Where the room sends what it asks of other meetings' rooms.
    pub relay: mpsc::UnboundedSender<Relay>,
}

/// The task's state.
struct Room {
    id: MeetingId,
    chair_key: String,
    participant_key: String,
    deputy_key: String,
    /// One channel per key: every connection that came in with the key holds a receiver, and
    /// the reason is sent when the key stops working. A rotated key's channel is replaced by
    /// a fresh one for the new key.
    chair_revoke: watch::Sender<Option<&'static str>>,
    participant_revoke: watch::Sender<Option<&'static str>>,
    deputy_revoke: watch::Sender<Option<&'static str>>,
    /// Set once the links' lifetime after the end has run out and their connections were
    /// closed (so the clock stops waking for it).
    links_expired: bool,
    epoch: String,
    epoch_json: String,
    state: RoomState,
    seq: u64,
    /// Every event of the meeting, serialized for the wire; index `i` holds seq `i + 1`.
    log: Vec<ServerText>,
    snapshot: Option<ServerText>,
    /// The connections attached, which get every committed event's frame.
    events: fanout::Fanout,
    connections: usize,
    /// Open connections per joined participant.
    live: HashMap<ParticipantId, u32>,
    /// Disconnected participants still counted as present, until the instant given.
    grace: HashMap<ParticipantId, Instant>,
    idle_since: Option<Instant>,
    writer: LogWriter,
    db: Db,
    relay: mpsc::UnboundedSender<Relay>,
    guard: IdentifierGuard,
    allow: Allowlist,
    /// The allowlist as the coordinator wrote it, for snapshots.
    allow_words: Vec<String>,
    config: RoomConfig,
    /// Set while the store refuses writes: the clock's own commits (overruns, presence
    /// expiring) wait until then instead of retrying at once, and the wait doubles each time.
    storage_retry: Option<(Instant, Duration)>,
    /// This room's stop token: the room cancels it itself when the stored log has moved on
    /// without it (another node wrote the next seq), so that it is loaded again from the log.
    stop: CancellationToken,
}

/// Starts the room task for a loaded meeting; it runs until it has been idle for
/// [`RoomConfig::idle`], every handle is gone, or `stop` is cancelled, and then returns, which
/// is how its owner learns it ended. `None` if the log is unreadable.
pub fn start(
    seed: RoomSeed,
    generation: u64,
    ctx: RoomContext,
    stop: CancellationToken,
) -> Option<(RoomHandle, JoinHandle<()>)> {
    let mut state = RoomState::replay(seed.log.iter().map(|(e, _)| e))?;
    if !seed.time_zone.is_empty() {
        state.time_zone = seed.time_zone.clone();
    }
    state.roles.takeover_grace_ms =
        Millis::try_from(ctx.config.takeover_grace.as_millis()).unwrap_or(Millis::MAX);
    state.publish_ahead_ms = seed.publish_ahead_ms;
    state.month_theme = seed.month_theme.clone();
    let epoch_json = serde_json::to_string(&seed.row.epoch).expect("string serializes");
    let log: Vec<ServerText> = seed
        .log
        .iter()
        .map(|(e, body)| ServerText {
            seq: e.seq,
            text: commit::event_frame(&epoch_json, body),
        })
        .collect();
    let now = Instant::now();
    // After a restart everybody who was present gets the grace period to come back.
    let grace = state
        .participants
        .iter()
        .filter(|p| p.present)
        .map(|p| (p.id.clone(), now + ctx.config.grace))
        .collect();
    let room = Room {
        id: seed.row.id,
        chair_key: seed.row.chair_key,
        participant_key: seed.row.participant_key,
        deputy_key: seed.row.deputy_key,
        chair_revoke: watch::Sender::new(None),
        participant_revoke: watch::Sender::new(None),
        deputy_revoke: watch::Sender::new(None),
        links_expired: false,
        epoch: seed.row.epoch,
        epoch_json,
        seq: log.len() as u64,
        state,
        log,
        snapshot: None,
        events: fanout::Fanout::default(),
        connections: 0,
        live: HashMap::new(),
        grace,
        idle_since: Some(now),
        writer: ctx.writer,
        db: ctx.db,
        relay: ctx.relay,
        guard: ctx.guard,
        allow: Allowlist::new(seed.allowlist.iter()),
        allow_words: seed.allowlist.clone(),
        config: ctx.config,
        storage_retry: None,
        stop: stop.clone(),
    };
    let centre = room.state.meeting.centre_id.clone();
    let (tx, rx) = mpsc::channel(256);
    let (updates, updates_rx) = handle::centre_updates();
    let task = tokio::spawn(room.run(rx, updates_rx, seed.catalogue, stop));
    Some((RoomHandle::new(tx, updates, generation, centre), task))
}

impl Room {
    async fn run(
        mut self,
        mut rx: mpsc::Receiver<RoomMsg>,
        mut updates: CentreUpdatesRx,
        catalogue: Vec<Service>,
        stop: CancellationToken,
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
                Ok(()) = updates.publish_ahead.changed() => {
                    let ms = *updates.publish_ahead.borrow_and_update();
                    if let Some(ms) = ms.filter(|ms| *ms != self.state.publish_ahead_ms) {
                        // Not an event: clients take it from their next snapshot.
                        self.state.publish_ahead_ms = ms;
                        self.snapshot = None;
                    }
                }
                Ok(()) = updates.theme_clock.changed() => {
                    updates.theme_clock.borrow_and_update();
                    self.reload_month_theme().await;
                }
                _ = sleep_until_opt(wake) => {
                    if self.idle_since.is_some_and(|t| t + self.config.idle <= Instant::now()) {
                        break;
                    }
                    self.expire_links();
                    self.on_timer().await;
                },
                _ = stop.cancelled() => break,
            }
        }
        tracing::debug!(meeting = %self.id, "room closed");
    }

    /// The next instant something is due: a grace period ending, the clock's next event (not
    /// before a storage retry), the idle limit, the links expiring.
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

    /// Serves one request: decide (by the shared rules), commit, answer.
    async fn handle(&mut self, msg: RoomMsg) {
        match msg {
            RoomMsg::Attach {
                key,
                last,
                subscriber,
                reply,
            } => {
                let _ = reply.send(self.attach(&key, last, subscriber));
            }
            RoomMsg::Detach { participant } => self.detach(participant),
            RoomMsg::Join { request, reply } => {
                let _ = reply.send(self.join(request).await);
            }
            RoomMsg::Leave { participant, reply } => {
                let _ = reply.send(self.leave(participant).await);
            }
            RoomMsg::Command { actor, cmd, reply } => {
                let answer = self.command(&actor, &cmd).await;
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
                let decided = self.state.reschedule(starts_at, ends_at);
                let answer = self.commit_decided(decided).await;
                if answer.is_ok() {
                    // Moved, perhaps to another month: its theme is that month's.
                    self.reload_month_theme().await;
                }
                let _ = reply.send(answer);
            }
            RoomMsg::Cancel { reply } => {
                let decided = self.state.cancel();
                let _ = reply.send(self.commit_decided(decided).await);
            }
            RoomMsg::AllowGuests { admission, reply } => {
                let decided = self.state.allow_guests(admission);
                let _ = reply.send(self.commit_decided(decided).await);
            }
            RoomMsg::KeysChanged { keys, reply } => {
                self.keys_changed(keys);
                let _ = reply.send(());
            }
            RoomMsg::RedactLinked { item, from } => self.redact_linked_items(item, from).await,
        }
        self.update_idle();
    }

    /// A connection's command: its texts screened by the guard, then decided and committed.
    async fn command(&mut self, actor: &Actor, cmd: &Command) -> Result<Option<u64>, Refusal> {
        let now = now_ms();
        self.screen(&cmd.texts()).await?;
        let kinds = self.state.decide(actor, cmd, now)?;
        self.commit(kinds, now).await
    }

    /// Commits what the shared rules decided now, or passes their refusal on.
    async fn commit_decided(
        &mut self,
        decided: shared::room::Decision,
    ) -> Result<Option<u64>, Refusal> {
        self.commit(decided?, now_ms()).await
    }

    /// Redacts our items linked to one redacted in another meeting, each as the chair's
    /// `redact_item` would.
    async fn redact_linked_items(
        &mut self,
        item: Option<ItemId>,
        from: Option<(MeetingId, ItemId)>,
    ) {
        let ids = self
            .state
            .linked_items(item.as_ref(), from.as_ref().map(|(m, i)| (m, i)));
        let chair = Actor {
            role: Role::Chair,
            participant: None,
        };
        for id in ids {
            let now = now_ms();
            if let Ok(kinds) = self
                .state
                .decide(&chair, &Command::RedactItem { item: id }, now)
            {
                if let Err(e) = self.commit(kinds, now).await {
                    tracing::error!(meeting = %self.id, code = ?e.code, "redacting a linked item failed");
                }
            }
        }
    }

    /// A meeting that has not started follows its centre's catalogue; one that has started
    /// keeps the catalogue it ran with.
    async fn adopt_catalogue(&mut self, services: Vec<Service>) {
        let kinds = self.state.adopt_catalogue(&services);
        let _ = self.commit(kinds, now_ms()).await;
    }

    /// The clock: grace periods that ran out, then what time made due (overruns).
    async fn on_timer(&mut self) {
        self.expire_grace().await;
        let at = now_ms();
        let due = self.state.due(at);
        let _ = self.commit(due, at).await;
        self.update_idle();
    }
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
