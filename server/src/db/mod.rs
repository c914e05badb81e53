//! Storage: SQLite (the embedded default: one file, WAL mode) or PostgreSQL (several nodes on
//! one database), behind one interface ([`sql::Connection`]). One module per table family.
//!
//! Two kinds of access: [`Db::call`] runs a closure on a general connection in a blocking
//! thread (API reads and writes, loading a room), and [`log_writer::LogWriter`] appends room
//! events on its own connection with group commit, so a busy hub does one fsync for many events.
//!
//! Modules: [`centres`], [`meetings`], [`events`], [`carry_overs`], [`rejections`],
//! [`settings`] (one per table family); [`log_writer`] (the group commit); [`retention`] (the
//! purge of case texts); [`backup`] (a consistent copy of the SQLite file while the server
//! runs); [`sql`] (the two engines behind one interface); [`migrations`] (versioned schema,
//! one list per engine). Every failure is
//! a [`DbError`], an enum callers match on.

pub mod backup;
pub mod carry_overs;
pub mod centres;
mod error;
pub mod events;
pub mod feedback;
pub mod log_writer;
pub mod meetings;
pub mod migrations;
pub mod rejections;
pub mod retention;
pub mod settings;
pub mod sql;
#[cfg(test)]
pub mod testing;
pub mod theme_clock;

pub use error::DbError;

use sql::pg::PgStore;
pub use sql::{Connection, Dialect};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Handle to the database, cheap to clone.
#[derive(Clone)]
pub struct Db {
    store: Store,
}

#[derive(Clone)]
enum Store {
    /// One general connection behind a lock (SQLite has one writer anyway).
    Sqlite {
        path: PathBuf,
        conn: Arc<Mutex<Connection>>,
    },
    /// A pool: calls run side by side.
    Postgres(Box<PgStore>),
}

/// Opens a connection with the project's settings: WAL, full sync (an accepted event survives
/// a crash of the machine, not only of the process), foreign keys, `secure_delete` (content a
/// redaction replaces is overwritten with zeros, not left in free space), a busy timeout.
pub fn open_connection(path: &Path) -> Result<Connection, DbError> {
    let conn = rusqlite::Connection::open(path)?;
    // The busy timeout first: switching a new file to WAL takes a lock, and the log writer's
    // connection opens at the same moment as the general one; without the timeout in force
    // the second one failed at once with "database is locked" on a loaded machine.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(Connection::sqlite(conn))
}

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// `--db` as it may be printed: a PostgreSQL URL without its password.
pub fn shown_address(spec: &str) -> String {
    if !is_postgres_url(spec) {
        return spec.to_owned();
    }
    let (scheme, rest) = spec.split_once("://").unwrap_or(("postgres", spec));
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{scheme}://{user}@{host}")
        }
        None => spec.to_owned(),
    }
}

impl Db {
    /// Opens the store `--db` names: a `postgres://` URL, else a SQLite file path.
    pub fn connect(spec: &str) -> Result<Db, DbError> {
        if is_postgres_url(spec) {
            let store = PgStore::connect(spec)?;
            let mut conn = Connection::postgres(store.get()?);
            migrations::migrate(&mut conn)?;
            Ok(Db {
                store: Store::Postgres(Box::new(store)),
            })
        } else {
            Db::open(Path::new(spec))
        }
    }

    /// Opens (creating if needed) the SQLite file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::Io {
                action: "create",
                path: dir.to_owned(),
                source,
            })?;
        }
        let mut conn = open_connection(path)?;
        migrations::migrate(&mut conn)?;
        Ok(Db {
            store: Store::Sqlite {
                path: path.to_owned(),
                conn: Arc::new(Mutex::new(conn)),
            },
        })
    }

    /// Which engine.
    pub fn dialect(&self) -> Dialect {
        match self.store {
            Store::Sqlite { .. } => Dialect::Sqlite,
            Store::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The SQLite file, for what works on the file (backup); `None` on PostgreSQL.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match &self.store {
            Store::Sqlite { path, .. } => Some(path),
            Store::Postgres(_) => None,
        }
    }

    /// The PostgreSQL store, for the cluster's sessions (locks, LISTEN); `None` on SQLite.
    pub fn postgres(&self) -> Option<&PgStore> {
        match &self.store {
            Store::Sqlite { .. } => None,
            Store::Postgres(pg) => Some(pg),
        }
    }

    /// A connection of its own, outside the general one or the pool (the log writer, the
    /// purge pass).
    pub fn dedicated(&self) -> Result<Connection, DbError> {
        match &self.store {
            Store::Sqlite { path, .. } => open_connection(path),
            Store::Postgres(pg) => Ok(Connection::postgres(pg.dedicated()?)),
        }
    }

    /// Runs `f` on a general connection in a blocking thread.
    pub async fn call<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || run(&store, f)).await?
    }

    /// Runs `f` on a general connection in this thread (CLI and start-up).
    pub fn call_now<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        run(&self.store, f)
    }
}

fn run<T>(
    store: &Store,
    f: impl FnOnce(&mut Connection) -> Result<T, DbError>,
) -> Result<T, DbError> {
    match store {
        Store::Sqlite { conn, .. } => {
            let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        }
        Store::Postgres(pg) => f(&mut Connection::postgres(pg.get()?)),
    }
}
