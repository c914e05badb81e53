//! Several nodes on one PostgreSQL: which node runs which meeting, what the coordinator
//! changed on another node, and who does the scheduled work.
//!
//! - **A meeting runs on one node at a time.** Before a node loads a room it takes the
//!   meeting's PostgreSQL advisory lock on its *lock session*, one connection of its own
//!   ([`Cluster::claim`]); the lock goes when the room ends ([`Cluster::release`]) or when the
//!   session dies (the node was killed, or lost the database). A node that cannot take the
//!   lock refuses with `held_elsewhere`: the client retries with back-off, and a balancer that
//!   routes by meeting id sends it back to the node that holds it. When the lock session dies
//!   the node stops every room it runs (their tokens are children of the session's), since it
//!   can no longer promise that nobody else runs them; the next claim opens a new session.
//! - **Changes reach rooms on other nodes** as notices ([`Notice`], LISTEN/NOTIFY on the
//!   channel `ppt_hub`, see [`notices`]).
//! - **Scheduled work runs once**: only the node that holds the leader lock
//!   ([`Cluster::lead`]) creates upcoming meetings and purges texts.
//!
//! On SQLite there is one node: every claim succeeds, notices go nowhere, the node leads.

pub mod notices;

use crate::db::sql::pg::PgStore;
use crate::db::Db;
pub use notices::Notice;
use shared::ids::MeetingId;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The advisory lock of the node that does the scheduled work (meeting locks are 64-bit
/// hashes of the meeting id, `hashtextextended(id, 0)`).
const LEADER_LOCK: i64 = 7_062_002;

/// Why a meeting could not be claimed.
#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    /// Another node runs the meeting now.
    #[error("the meeting runs on another node")]
    HeldElsewhere,
    /// The lock session could not be opened or used.
    #[error("lock session: {0}")]
    Session(String),
}

/// This node's view of the cluster. Cheap to clone.
#[derive(Clone)]
pub struct Cluster {
    inner: Option<Arc<PgCluster>>,
    shutdown: CancellationToken,
    /// This node's id in notices (so it skips its own).
    node: Arc<str>,
    publish: Option<mpsc::UnboundedSender<Notice>>,
}

struct PgCluster {
    pg: PgStore,
    session: tokio::sync::Mutex<Option<Arc<LockSession>>>,
}

/// The connection that holds this node's locks.
struct LockSession {
    client: tokio_postgres::Client,
    /// Cancelled when the session ends: every room claimed on it stops.
    lost: CancellationToken,
    /// Whether this session holds the leader lock.
    leader: AtomicBool,
}

/// A meeting this node may run, until `token` is cancelled (the lock session died, or the
/// server stops). Give it back with [`Cluster::release`] when the room ends.
pub struct Claim {
    meeting: MeetingId,
    session: Option<Arc<LockSession>>,
    /// The room's stop token.
    pub token: CancellationToken,
}

impl Cluster {
    /// One node alone (SQLite), with a receiver of notices that never come.
    pub fn single(shutdown: CancellationToken) -> (Cluster, mpsc::UnboundedReceiver<Notice>) {
        let (_, none) = mpsc::unbounded_channel();
        let alone = Cluster {
            inner: None,
            shutdown,
            node: Arc::from(uuid::Uuid::new_v4().simple().to_string()),
            publish: None,
        };
        (alone, none)
    }

    /// The cluster of `db`: alone on SQLite; on PostgreSQL with a lock session opened now
    /// (the server does not start without one) and notices sent and followed. The notices of
    /// other nodes arrive on the returned receiver.
    pub async fn start(
        db: &Db,
        shutdown: CancellationToken,
    ) -> Result<(Cluster, mpsc::UnboundedReceiver<Notice>), ClaimError> {
        let Some(pg) = db.postgres() else {
            return Ok(Cluster::single(shutdown));
        };
        let (incoming_tx, incoming) = mpsc::unbounded_channel();
        let node: Arc<str> = Arc::from(uuid::Uuid::new_v4().simple().to_string());
        let inner = Arc::new(PgCluster {
            pg: pg.clone(),
            session: tokio::sync::Mutex::new(None),
        });
        inner.session(&shutdown).await?;
        let publish = notices::start(pg.clone(), node.clone(), incoming_tx, shutdown.clone());
        Ok((
            Cluster {
                inner: Some(inner),
                shutdown,
                node,
                publish: Some(publish),
            },
            incoming,
        ))
    }

    /// Whether several nodes may share the store.
    pub fn is_shared(&self) -> bool {
        self.inner.is_some()
    }

    /// This node's id (in notices and the health check).
    pub fn node(&self) -> &str {
        &self.node
    }

    /// Whether this node can hold meetings now: alone always; on PostgreSQL when its lock
    /// session is open (opening one if needed).
    pub async fn can_hold(&self) -> bool {
        match &self.inner {
            None => true,
            Some(pg) => pg.session(&self.shutdown).await.is_ok(),
        }
    }

    /// Takes `meeting` for this node, or says that another node runs it.
    pub async fn claim(&self, meeting: &MeetingId) -> Result<Claim, ClaimError> {
        let Some(pg) = &self.inner else {
            return Ok(Claim {
                meeting: meeting.clone(),
                session: None,
                token: self.shutdown.child_token(),
            });
        };
        let session = pg.session(&self.shutdown).await?;
        let row = session
            .client
            .query_one(
                "SELECT pg_try_advisory_lock(hashtextextended($1, 0))",
                &[&meeting.as_str()],
            )
            .await
            .map_err(|e| ClaimError::Session(crate::db::DbError::from(e).to_string()))?;
        if !row.get::<_, bool>(0) {
            return Err(ClaimError::HeldElsewhere);
        }
        Ok(Claim {
            meeting: meeting.clone(),
            token: session.lost.child_token(),
            session: Some(session),
        })
    }

    /// Gives a meeting back when its room has ended. Nothing to do when the session it was
    /// claimed on has died (its locks went with it).
    pub async fn release(&self, claim: Claim) {
        let Some(session) = claim.session else { return };
        if session.client.is_closed() {
            return;
        }
        if let Err(e) = session
            .client
            .execute(
                "SELECT pg_advisory_unlock(hashtextextended($1, 0))",
                &[&claim.meeting.as_str()],
            )
            .await
        {
            let e = crate::db::DbError::from(e);
            tracing::warn!(meeting = %claim.meeting, error = %e, "meeting lock not released");
        }
    }

    /// Whether this node does the scheduled work now: always alone; on PostgreSQL while it
    /// holds the leader lock (taken when free, kept while the lock session lives).
    pub async fn lead(&self) -> bool {
        let Some(pg) = &self.inner else { return true };
        let Ok(session) = pg.session(&self.shutdown).await else {
            return false;
        };
        if session.leader.load(Ordering::Acquire) {
            return true;
        }
        match session
            .client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&LEADER_LOCK])
            .await
        {
            Ok(row) if row.get::<_, bool>(0) => {
                // Two loops may ask at once; the lock is the session's either way.
                if !session.leader.swap(true, Ordering::AcqRel) {
                    tracing::info!(node = %self.node, "this node does the scheduled work");
                }
                true
            }
            Ok(_) => false,
            Err(e) => {
                tracing::warn!(error = %crate::db::DbError::from(e), "leader lock not checked");
                false
            }
        }
    }

    /// Tells the other nodes (nothing when alone). Never waits.
    pub fn publish(&self, notice: Notice) {
        if let Some(tx) = &self.publish {
            let _ = tx.send(notice);
        }
    }
}

impl PgCluster {
    /// The live lock session, opening a new one if there is none or it died.
    async fn session(&self, shutdown: &CancellationToken) -> Result<Arc<LockSession>, ClaimError> {
        let mut slot = self.session.lock().await;
        if let Some(s) = slot.as_ref().filter(|s| !s.client.is_closed()) {
            return Ok(s.clone());
        }
        let pg = self.pg.clone();
        let lost = shutdown.child_token();
        let on_end = lost.clone();
        let client = self
            .pg
            .runtime()
            .handle()
            .spawn(async move {
                let (client, connection) = pg.session().await?;
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        let e = crate::db::DbError::from(e);
                        tracing::error!(error = %e, "lock session lost: stopping this node's rooms");
                    }
                    on_end.cancel();
                });
                Ok::<_, tokio_postgres::Error>(client)
            })
            .await
            .map_err(|e| ClaimError::Session(e.to_string()))?
            .map_err(|e| ClaimError::Session(crate::db::DbError::from(e).to_string()))?;
        let session = Arc::new(LockSession {
            client,
            lost,
            leader: AtomicBool::new(false),
        });
        *slot = Some(session.clone());
        Ok(session)
    }
}
