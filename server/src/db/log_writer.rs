//! Appends room events with group commit.
//!
//! Every room awaits its append before it applies and broadcasts, so an accepted command is on
//! disk before anyone hears of it. One thread owns one connection; appends arriving while a
//! commit is in flight go into the next transaction together, so a hundred busy rooms cost one
//! fsync per batch instead of one per event.

use super::events::{insert_row, EventRow};
use super::{carry_overs, Connection, Db, DbError};
use crate::db::sql::params;
use shared::domain::{AgendaItem, CarryReason};
use shared::ids::{CentreId, ItemId, MeetingId};
use shared::Millis;
use std::sync::mpsc;
use tokio::sync::oneshot;

/// A change to other tables that must commit atomically with the events that cause it.
#[derive(Clone, Debug)]
pub enum SideEffect {
    /// An item leaves this meeting for the centre's next one.
    RegisterCarry {
        centre: CentreId,
        source_starts_at: Millis,
        reason: CarryReason,
        item: Box<AgendaItem>,
    },
    /// A follow-up was unticked before anyone took it.
    UnregisterCarry {
        item: ItemId,
        reason: CarryReason,
    },
    /// This meeting took an item from an earlier one.
    ClaimCarry {
        source_meeting: MeetingId,
        item: ItemId,
        reason: CarryReason,
    },
    /// The meeting moved (listings and calendars read the row).
    Reschedule {
        starts_at: Millis,
        ends_at: Millis,
    },
    Cancelled {
        at: Millis,
    },
    Ended {
        at: Millis,
    },
    /// The chair redacted an item: its text goes from this meeting's stored events and from
    /// its stored carry-over copies, in the same transaction as the `item_redacted` event.
    Redact {
        item: ItemId,
    },
}

fn apply_side(conn: &Connection, meeting: &MeetingId, side: &SideEffect) -> Result<(), DbError> {
    match side {
        SideEffect::RegisterCarry {
            centre,
            source_starts_at,
            reason,
            item,
        } => carry_overs::register(conn, meeting, centre, *source_starts_at, *reason, item),
        SideEffect::UnregisterCarry { item, reason } => {
            carry_overs::unregister(conn, meeting, item, *reason)
        }
        SideEffect::ClaimCarry {
            source_meeting,
            item,
            reason,
        } => carry_overs::claim(conn, source_meeting, item, *reason, meeting),
        SideEffect::Reschedule { starts_at, ends_at } => {
            conn.execute(
                "UPDATE meetings SET starts_at = ?2, ends_at = ?3, revision = revision + 1 WHERE id = ?1",
                params![meeting.as_str(), starts_at, ends_at],
            )?;
            Ok(())
        }
        SideEffect::Cancelled { at } => {
            conn.execute(
                "UPDATE meetings SET cancelled_at = ?2, revision = revision + 1 WHERE id = ?1",
                params![meeting.as_str(), at],
            )?;
            Ok(())
        }
        SideEffect::Redact { item } => {
            super::events::redact(conn, meeting, item)?;
            carry_overs::redact(conn, meeting, item)
        }
        SideEffect::Ended { at } => {
            conn.execute(
                "UPDATE meetings SET ended_at = ?2 WHERE id = ?1",
                params![meeting.as_str(), at],
            )?;
            Ok(())
        }
    }
}

struct Append {
    meeting: MeetingId,
    rows: Vec<EventRow>,
    side: Vec<SideEffect>,
    done: oneshot::Sender<Result<(), DbError>>,
}

/// Sends appends to the writer thread. Cloned into every room; the thread ends when the last
/// clone is dropped, after committing what it has.
#[derive(Clone)]
pub struct LogWriter {
    tx: mpsc::Sender<Append>,
}

/// The most appends committed in one transaction.
const MAX_BATCH: usize = 512;

impl LogWriter {
    /// Starts the writer thread on a connection of its own to `db`.
    pub fn start(db: &Db) -> Result<(LogWriter, std::thread::JoinHandle<()>), DbError> {
        let conn = db.dedicated()?;
        let (tx, rx) = mpsc::channel::<Append>();
        let faults = std::env::var_os(FAULT_ENV).map(std::path::PathBuf::from);
        let db = db.clone();
        let handle = std::thread::Builder::new()
            .name("event-log-writer".into())
            .spawn(move || run(db, conn, rx, faults))
            .map_err(DbError::WriterSpawn)?;
        Ok((LogWriter { tx }, handle))
    }

    /// Appends `rows` to `meeting`'s log, with the side effects they cause; resolves once
    /// all of it is committed.
    pub async fn append(
        &self,
        meeting: MeetingId,
        rows: Vec<EventRow>,
        side: Vec<SideEffect>,
    ) -> Result<(), DbError> {
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Append {
                meeting,
                rows,
                side,
                done,
            })
            .map_err(|_| DbError::WriterStopped)?;
        wait.await.map_err(|_| DbError::AppendDropped)?
    }
}

/// For fault tests: while the file this environment variable names exists, every batch fails
/// as a full disk would (`SQLITE_FULL`), without touching the database. Unset in production.
pub const FAULT_ENV: &str = "PPT_INJECT_WRITE_FAULTS";

fn run(
    db: Db,
    mut conn: Connection,
    rx: mpsc::Receiver<Append>,
    faults: Option<std::path::PathBuf>,
) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(a) => batch.push(a),
                Err(_) => break,
            }
        }
        // A PostgreSQL session that broke (the server restarted, a failover of a managed
        // database) is opened again; until that works every append fails, and the rooms
        // retry as after any failed write.
        let reopened = if conn.is_closed() {
            db.dedicated().map(|fresh| conn = fresh)
        } else {
            Ok(())
        };
        let results = if faults.as_ref().is_some_and(|f| f.exists()) {
            batch.iter().map(|_| Err(DbError::InjectedFault)).collect()
        } else if let Err(e) = reopened {
            tracing::error!(error = %e, "event log session not re-opened");
            let e = std::sync::Arc::new(e);
            batch
                .iter()
                .map(|_| Err(DbError::Batch(e.clone())))
                .collect()
        } else {
            commit_batch(&mut conn, &batch)
        };
        let redacted = batch.iter().zip(&results).any(|(a, r)| {
            r.is_ok()
                && a.side
                    .iter()
                    .any(|s| matches!(s, SideEffect::Redact { .. }))
        });
        if redacted && conn.dialect() == crate::db::Dialect::Sqlite {
            // The WAL still holds the pages as they were before the redaction; copy the new
            // pages into the database file and empty the WAL, so the redacted text is on disk
            // nowhere. A reader in the middle of a read can make this partial; the next
            // checkpoint finishes it.
            match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", (), |r| {
                r.get::<_, i64>(0)
            }) {
                Ok(0) => {}
                Ok(_) => tracing::warn!("checkpoint after a redaction was partial (busy)"),
                Err(e) => tracing::error!(error = %e, "checkpoint after a redaction failed"),
            }
        }
        for (append, result) in batch.into_iter().zip(results) {
            let _ = append.done.send(result);
        }
    }
}

fn write_append(conn: &Connection, append: &Append) -> Result<(), DbError> {
    for row in &append.rows {
        insert_row(conn, &append.meeting, row)?;
    }
    for side in &append.side {
        apply_side(conn, &append.meeting, side)?;
    }
    Ok(())
}

/// Commits a batch; each append gets its own savepoint so one bad append fails alone.
fn commit_batch(conn: &mut Connection, batch: &[Append]) -> Vec<Result<(), DbError>> {
    let mut tx = match conn.transaction() {
        Ok(tx) => tx,
        Err(e) => {
            let e = std::sync::Arc::new(e);
            return batch
                .iter()
                .map(|_| Err(DbError::Batch(e.clone())))
                .collect();
        }
    };
    let mut results = Vec::with_capacity(batch.len());
    if let [append] = batch {
        // One append alone is the whole transaction: no savepoint (two round trips fewer on
        // PostgreSQL, where a quiet hub's batches are mostly of one).
        let result = write_append(&tx, append);
        if let Err(e) = result {
            drop(tx);
            return vec![Err(e)];
        }
        results.push(Ok(()));
    } else {
        for append in batch {
            let result = (|| {
                let sp = tx.savepoint()?;
                write_append(&sp, append)?;
                sp.commit()
            })();
            results.push(result);
        }
    }
    if let Err(e) = tx.commit() {
        let e = std::sync::Arc::new(e);
        return batch
            .iter()
            .map(|_| Err(DbError::Batch(e.clone())))
            .collect();
    }
    results
}
