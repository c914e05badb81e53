//! Online backup: a consistent copy of the database while the server runs and meetings are
//! live (`ppt-hub backup FILE`).
//!
//! The copy is made with SQLite's `VACUUM INTO`, not the page-by-page online backup API:
//! - it reads the whole database in **one read transaction**, so the copy is exactly the
//!   database as of one commit, whatever the log writer commits meanwhile (in WAL mode the
//!   writer is never blocked by it, and it is never restarted by the writer's commits, as a
//!   stepwise backup API copy would be);
//! - it writes a **fresh, compacted file** holding only live rows: free pages, where text
//!   that a redaction or a retention purge replaced could linger on a database without
//!   `secure_delete`, are not copied at all;
//! - it needs nothing beyond the bundled SQLite (no extra rusqlite feature), and it refuses
//!   an output file that is not empty, a second guard against overwriting.
//!
//! SQLite does not fsync a `VACUUM INTO` file, so the copy is written under a temporary name
//! beside the target, checked (`PRAGMA integrity_check`, meetings and events counted), synced,
//! and only then renamed onto a name claimed with `create_new` at the start: an existing file
//! is never overwritten, and a half-written copy never carries the backup's name.

use super::DbError;
use rusqlite::OpenFlags;
use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// What a finished backup holds, for the operator's confirmation (numbers only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupReport {
    /// Where the copy is.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// Rows it holds, so the operator sees at once that the copy is not empty.
    pub centres: u64,
    pub meetings: u64,
    pub events: u64,
}

/// Copies the database open on `conn` to `to` (see the module documentation). Refuses when
/// `to` exists.
pub fn backup(conn: &super::Connection, to: &Path) -> Result<BackupReport, DbError> {
    let conn = conn
        .as_sqlite()
        .ok_or(DbError::SqliteOnly("ppt-hub backup"))?;
    let fail = |action: &'static str, source: std::io::Error| DbError::Io {
        action,
        path: to.to_owned(),
        source,
    };
    // Claim the name first: `create_new` fails if anything is there, so two backups to one
    // name, or a backup onto a database, cannot both go ahead.
    match OpenOptions::new().write(true).create_new(true).open(to) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(DbError::BackupExists(to.to_owned()))
        }
        Err(e) => return Err(fail("cannot create", e)),
    }
    let tmp = partial_name(to);
    let result = (|| {
        let _ = std::fs::remove_file(&tmp);
        let tmp_str = tmp.to_str().ok_or(DbError::BackupPathNotUtf8)?;
        conn.execute("VACUUM INTO ?1", [tmp_str])?;
        let report = check(&tmp, to)?;
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| fail("cannot sync the copy of", e))?;
        std::fs::rename(&tmp, to).map_err(|e| fail("cannot rename the copy to", e))?;
        if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename itself durable.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(report)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(to);
    }
    result
}

/// `DIR/.NAME.partial` beside the target, so the rename stays on one file system.
fn partial_name(to: &Path) -> PathBuf {
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    to.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Opens the copy read-only, checks its integrity and counts what it holds.
fn check(copy: &Path, to: &Path) -> Result<BackupReport, DbError> {
    let c = rusqlite::Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(DbError::BackupIntegrity(integrity));
    }
    let count = |table: &str| -> Result<u64, DbError> {
        Ok(
            c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as u64,
        )
    };
    let report = BackupReport {
        path: to.to_owned(),
        bytes: std::fs::metadata(copy).map(|m| m.len()).unwrap_or(0),
        centres: count("centres")?,
        meetings: count("meetings")?,
        events: count("events")?,
    };
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_a_checked_copy_and_never_overwrites() {
        let dir = std::env::temp_dir().join(format!(
            "ppt-backup-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        let db = super::super::Db::open(&dir.join("live.db")).unwrap();
        db.call_now(|c| {
            c.execute(
                "INSERT INTO centres (id, name, feed_key, created_at) VALUES ('c1', 'Kalasatama', 'k', 0)",
                (),
            )?;
            Ok(())
        })
        .unwrap();
        let to = dir.join("copy.db");
        let r = db.call_now(|c| backup(c, &to)).unwrap();
        assert_eq!((r.centres, r.meetings, r.events), (1, 0, 0));
        assert!(r.bytes > 0);
        let copy = super::super::Db::open(&to).unwrap();
        let name: String = copy
            .call_now(|c| c.query_row("SELECT name FROM centres", (), |r| r.get(0)))
            .unwrap();
        assert_eq!(name, "Kalasatama");
        drop(copy);
        let before = std::fs::read(&to).unwrap();
        let err = db.call_now(|c| backup(c, &to)).unwrap_err();
        assert!(matches!(err, DbError::BackupExists(_)), "{err}");
        assert_eq!(
            std::fs::read(&to).unwrap(),
            before,
            "the existing file is untouched"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("partial"))
            .collect();
        assert!(leftovers.is_empty());
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }
}
