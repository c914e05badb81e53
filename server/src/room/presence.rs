//! Who is connected and who is present. A connection attaches with a key (`hello`) and may
//! join as a person (`join`); a person is their `secret`, so a second tab, a reopened tab or a
//! reconnect that sends it is the same participant (counted once in presence, the minutes and
//! the reports). The room counts each person's open connections and starts the grace period
//! only when the last one closes; when it runs out, the person has left.

use super::fanout::Subscriber;
use super::handle::{Attached, JoinOk, JoinRequest};
use super::keys::{self, participant_id, same_key};
use super::links::LINK_EXPIRED;
use super::{now_ms, Room, ServerText};
use shared::domain::Role;
use shared::ids::ParticipantId;
use shared::protocol::{ErrorCode, Position, ServerMsg, PROTOCOL_VERSION};
use shared::room::{clean_display_name, Refusal};
use std::sync::Weak;
use tokio::time::Instant;

/// Above this many missed events a reconnecting client gets a snapshot instead.
const MAX_REPLAY: u64 = 1000;

impl Room {
    /// A connection's `hello`: the key gives the role (the links must not have expired, and
    /// the meeting must have a socket to spare); the answer holds the welcome and the events
    /// missed since `last`, or a snapshot.
    pub(super) fn attach(
        &mut self,
        key: &str,
        last: Option<Position>,
        subscriber: Weak<dyn Subscriber>,
    ) -> Result<Attached, Refusal> {
        let role = if same_key(key, &self.chair_key) {
            Role::Chair
        } else if same_key(key, &self.participant_key) {
            Role::Participant
        } else if same_key(key, &self.deputy_key) {
            Role::Deputy
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
            Role::Deputy => self.deputy_revoke.subscribe(),
        };
        // The chair and the deputy chair share the reserve beyond the participants' sockets,
        // so a flood of participant sockets keeps neither out.
        let max = match role {
            Role::Participant => self.config.max_connections,
            Role::Chair | Role::Deputy => {
                self.config.max_connections + self.config.chair_connection_reserve
            }
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
        self.events.subscribe(subscriber);
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
            participant_key: (role != Role::Participant).then(|| self.participant_key.clone()),
        };
        Ok(Attached {
            role,
            welcome: serde_json::to_string(&welcome)
                .expect("welcome serializes")
                .into(),
            catch_up,
            revoked,
        })
    }

    /// A connection closed; if it had joined, one connection of that person is gone.
    pub(super) fn detach(&mut self, participant: Option<ParticipantId>) {
        self.connections = self.connections.saturating_sub(1);
        if let Some(p) = participant {
            self.release(&p);
        }
    }

    /// The whole room as a `snapshot` message, serialized once until the next event.
    pub(super) fn snapshot_frame(&mut self) -> ServerText {
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
        let frame = ServerText {
            seq: self.seq,
            text: serde_json::to_string(&msg)
                .expect("snapshot serializes")
                .into(),
        };
        self.snapshot = Some(frame.clone());
        frame
    }

    /// A connection's `join`. The display name and a guest's organisation go through the
    /// identifier guard; the person's id comes from their secret (a new one for a newcomer);
    /// the shared rules decide the events ([`shared::room::RoomState::join`]). Then this
    /// connection counts as one of the person's, in place of the person it joined as before.
    pub(super) async fn join(&mut self, request: JoinRequest) -> Result<JoinOk, Refusal> {
        let JoinRequest {
            role,
            current,
            service,
            display_name,
            secret,
            earlier,
        } = request;
        let display_name = clean_display_name(display_name);
        let service = service.cleaned();
        // The display name and a guest's organisation, each alone and together.
        let texts: Vec<(&'static str, &str)> = [
            ("display_name", display_name.as_deref()),
            ("organisation", service.organisation.as_deref()),
        ]
        .into_iter()
        .filter_map(|(f, t)| t.map(|t| (f, t)))
        .collect();
        if !texts.is_empty() {
            self.screen(&texts).await?;
        }
        self.state.check_join(&service, display_name.as_deref())?;
        let secret = keys::secret_or_new(secret)?;
        let earlier = keys::earlier_ids(&earlier)?;
        let id = participant_id(&self.id, &secret);
        let kinds = self
            .state
            .join(&id, role, &service, display_name.as_deref(), &earlier)?;
        let seq = self.commit(kinds, now_ms()).await?;
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

    /// A connection's `leave`: the person leaves now (no grace period), unless another of
    /// their connections is still open.
    pub(super) async fn leave(&mut self, p: ParticipantId) -> Result<Option<u64>, Refusal> {
        if let Some(n) = self.live.get_mut(&p) {
            *n -= 1;
            if *n > 0 {
                return Ok(None);
            }
            self.live.remove(&p);
        }
        self.grace.remove(&p);
        let kinds = self.state.leave(&p);
        self.commit(kinds, now_ms()).await
    }

    /// People whose grace period ran out without a connection coming back have left. A leave
    /// that cannot be stored keeps them present until the next retry.
    pub(super) async fn expire_grace(&mut self) {
        let now = Instant::now();
        let expired: Vec<ParticipantId> = self
            .grace
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(p, _)| p.clone())
            .collect();
        for p in expired {
            if !self.live.contains_key(&p) {
                let left = self.state.leave(&p);
                if self.commit(left, now_ms()).await.is_err() {
                    // Still present until the leave is on disk: try again at the next retry.
                    let retry = self.storage_retry.map_or(now, |(t, _)| t);
                    self.grace.insert(p, retry);
                    continue;
                }
            }
            self.grace.remove(&p);
        }
    }

    /// Starts the idle clock when nobody is connected or in a grace period, and stops it
    /// otherwise.
    pub(super) fn update_idle(&mut self) {
        if self.connections == 0 && self.grace.is_empty() {
            self.idle_since.get_or_insert_with(Instant::now);
        } else {
            self.idle_since = None;
        }
    }
}
