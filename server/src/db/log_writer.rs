//! Appends room events with group commit.
//!
//! Every room awaits its append before it applies and broadcasts, so an accepted command is on
//! disk before anyone hears of it. One thread owns one connection; appends arriving while a
//! commit is in flight go into the next transaction together, so a hundred busy rooms cost one
//! fsync per batch instead of one per event.

use super::events::{insert_row, EventRow};
use super::{open_connection, DbError};
use shared::ids::MeetingId;
use std::path::Path;
use std::sync::mpsc;
use tokio::sync::oneshot;

struct Append {
    meeting: MeetingId,
    rows: Vec<EventRow>,
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
    /// Starts the writer thread on its own connection to `path`.
    pub fn start(path: &Path) -> Result<(LogWriter, std::thread::JoinHandle<()>), DbError> {
        let conn = open_connection(path)?;
        let (tx, rx) = mpsc::channel::<Append>();
        let handle = std::thread::Builder::new()
            .name("event-log-writer".into())
            .spawn(move || run(conn, rx))
            .map_err(|e| DbError(format!("spawn writer: {e}")))?;
        Ok((LogWriter { tx }, handle))
    }

    /// Appends `rows` to `meeting`'s log; resolves once they are committed.
    pub async fn append(&self, meeting: MeetingId, rows: Vec<EventRow>) -> Result<(), DbError> {
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Append { meeting, rows, done })
            .map_err(|_| DbError("event log writer has stopped".into()))?;
        wait.await.map_err(|_| DbError("event log writer dropped an append".into()))?
    }
}

fn run(mut conn: rusqlite::Connection, rx: mpsc::Receiver<Append>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(a) => batch.push(a),
                Err(_) => break,
            }
        }
        let results = commit_batch(&mut conn, &batch);
        for (append, result) in batch.into_iter().zip(results) {
            let _ = append.done.send(result);
        }
    }
}

/// Commits a batch; each append gets its own savepoint so one bad append fails alone.
fn commit_batch(conn: &mut rusqlite::Connection, batch: &[Append]) -> Vec<Result<(), DbError>> {
    let mut tx = match conn.transaction() {
        Ok(tx) => tx,
        Err(e) => {
            let msg = e.to_string();
            return batch.iter().map(|_| Err(DbError(msg.clone()))).collect();
        }
    };
    let mut results = Vec::with_capacity(batch.len());
    for append in batch {
        let result = (|| {
            let sp = tx.savepoint()?;
            for row in &append.rows {
                insert_row(&sp, &append.meeting, row)?;
            }
            sp.commit()?;
            Ok::<(), DbError>(())
        })();
        results.push(result);
    }
    if let Err(e) = tx.commit() {
        let msg = e.to_string();
        return batch.iter().map(|_| Err(DbError(msg.clone()))).collect();
    }
    results
}
