//! One synchronous SQL interface over the two stores, SQLite and PostgreSQL.
//!
//! Every table module writes its statements once, against [`Connection`], whose methods are
//! named as rusqlite's (`execute`, `query_row`, `prepare(..).query_map`, `transaction`): a
//! statement is written in the dialect both engines share, with `?1`-style placeholders that
//! the PostgreSQL side turns into `$1`. Where the dialects differ (an insertion-order column),
//! a module asks [`Connection::dialect`].
//!
//! Values cross as [`Value`]: integers, reals, text, bytes, null, and PostgreSQL's booleans.
//! Rows are read whole into memory; no query here returns more than a meeting's log.
//!
//! Why synchronous: the store's callers are closures run on blocking threads (`Db::call`) and
//! the log writer's own thread, so a transaction is plain straight-line code on both engines.
//! The PostgreSQL side runs the async driver (`tokio-postgres`) on a runtime of its own
//! ([`pg`]) and waits for it.

pub mod pg;
mod sqlite;
mod value;

pub use value::{params, FromValue, OptionalExtension, Params, Row, RowIndex, ToValue, Value};

use super::DbError;

/// Which engine a connection talks to, for the few statements written twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// The embedded default: one file, WAL.
    Sqlite,
    /// The production store for several nodes.
    Postgres,
}

/// How a transaction starts (SQLite's lock modes; PostgreSQL takes row locks as it goes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionBehavior {
    /// Take the write lock at the first write.
    Deferred,
    /// Take the write lock at once (SQLite), so a long pass is not refused half way.
    Immediate,
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Pg(pg::PgConnection),
}

/// A connection to the store, SQLite or PostgreSQL.
pub struct Connection {
    backend: Backend,
}

impl Connection {
    /// Wraps a SQLite connection.
    pub fn sqlite(conn: rusqlite::Connection) -> Connection {
        Connection {
            backend: Backend::Sqlite(conn),
        }
    }

    /// Wraps a PostgreSQL connection.
    pub fn postgres(conn: pg::PgConnection) -> Connection {
        Connection {
            backend: Backend::Pg(conn),
        }
    }

    /// The engine, for the statements written twice.
    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Pg(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection underneath, for what only SQLite has (backup, checkpoints).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.backend {
            Backend::Sqlite(c) => Some(c),
            Backend::Pg(_) => None,
        }
    }

    /// Runs one statement; returns how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize, DbError> {
        let values = params.values();
        match &self.backend {
            Backend::Sqlite(c) => sqlite::execute(c, sql, &values),
            Backend::Pg(c) => c.execute(sql, &values),
        }
    }

    /// Runs statements with no parameters (schema, transaction control).
    pub fn execute_batch(&self, sql: &str) -> Result<(), DbError> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Pg(c) => c.batch(sql),
        }
    }

    /// Every row of a query.
    pub fn query_all<P: Params>(&self, sql: &str, params: P) -> Result<Vec<Row>, DbError> {
        let values = params.values();
        match &self.backend {
            Backend::Sqlite(c) => sqlite::query(c, sql, &values),
            Backend::Pg(c) => c.query(sql, &values),
        }
    }

    /// The first row, mapped; [`DbError::NoRows`] if there is none (see `optional`).
    pub fn query_row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let rows = self.query_all(sql, params)?;
        rows.first().map_or(Err(DbError::NoRows), f)
    }

    /// A statement to run with [`Statement::query_map`] (rusqlite's shape; nothing is
    /// prepared ahead: each engine caches its own prepared statements).
    pub fn prepare<'c>(&'c self, sql: &str) -> Result<Statement<'c>, DbError> {
        Ok(Statement {
            conn: self,
            sql: sql.to_owned(),
        })
    }

    /// As [`Connection::prepare`].
    pub fn prepare_cached<'c>(&'c self, sql: &str) -> Result<Statement<'c>, DbError> {
        self.prepare(sql)
    }

    /// Starts a transaction; it rolls back unless committed.
    pub fn transaction(&mut self) -> Result<Transaction<'_>, DbError> {
        self.transaction_with_behavior(TransactionBehavior::Deferred)
    }

    /// Starts a transaction the given way.
    pub fn transaction_with_behavior(
        &mut self,
        behavior: TransactionBehavior,
    ) -> Result<Transaction<'_>, DbError> {
        let begin = match (self.dialect(), behavior) {
            (Dialect::Sqlite, TransactionBehavior::Immediate) => "BEGIN IMMEDIATE",
            _ => "BEGIN",
        };
        self.execute_batch(begin)?;
        Ok(Transaction {
            conn: self,
            open: true,
            savepoint: None,
        })
    }

    /// Whether the connection still works (PostgreSQL: the session is alive).
    pub fn is_closed(&self) -> bool {
        match &self.backend {
            Backend::Sqlite(_) => false,
            Backend::Pg(c) => c.is_closed(),
        }
    }
}

/// A statement and its connection, as rusqlite's `Statement`.
pub struct Statement<'c> {
    conn: &'c Connection,
    sql: String,
}

impl Statement<'_> {
    /// Every row, each mapped by `f`; collect the iterator into a `Result<Vec<_>, _>`.
    pub fn query_map<T, P: Params>(
        &mut self,
        params: P,
        mut f: impl FnMut(&Row) -> Result<T, DbError>,
    ) -> Result<std::vec::IntoIter<Result<T, DbError>>, DbError> {
        let rows = self.conn.query_all(&self.sql, params)?;
        Ok(rows.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }

    /// The first row, mapped.
    pub fn query_row<T, P: Params>(
        &mut self,
        params: P,
        f: impl FnOnce(&Row) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        self.conn.query_row(&self.sql, params, f)
    }

    /// Runs it; returns how many rows changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize, DbError> {
        self.conn.execute(&self.sql, params)
    }
}

/// An open transaction (or, inside one, a savepoint); rolls back when dropped uncommitted.
pub struct Transaction<'c> {
    conn: &'c Connection,
    open: bool,
    /// The savepoint's name when this is one.
    savepoint: Option<String>,
}

impl Transaction<'_> {
    /// Commits (releases the savepoint).
    pub fn commit(mut self) -> Result<(), DbError> {
        self.open = false;
        match &self.savepoint {
            None => self.conn.execute_batch("COMMIT"),
            Some(name) => self
                .conn
                .execute_batch(&format!("RELEASE SAVEPOINT {name}")),
        }
    }

    /// Rolls back now.
    pub fn rollback(mut self) -> Result<(), DbError> {
        self.open = false;
        self.undo()
    }

    fn undo(&self) -> Result<(), DbError> {
        match &self.savepoint {
            None => self.conn.execute_batch("ROLLBACK"),
            Some(name) => self.conn.execute_batch(&format!(
                "ROLLBACK TO SAVEPOINT {name}; RELEASE SAVEPOINT {name}"
            )),
        }
    }

    /// A savepoint inside this transaction: one part that can fail alone.
    pub fn savepoint(&mut self) -> Result<Transaction<'_>, DbError> {
        let name = self
            .savepoint
            .as_ref()
            .map_or_else(|| "sp".to_owned(), |outer| format!("{outer}_"));
        self.conn.execute_batch(&format!("SAVEPOINT {name}"))?;
        Ok(Transaction {
            conn: self.conn,
            open: true,
            savepoint: Some(name),
        })
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            if let Err(e) = self.undo() {
                tracing::error!(error = %e, "rollback failed");
            }
        }
    }
}

/// Rewrites `?1`/`?` placeholders as PostgreSQL's `$1`, leaving quoted text alone.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 1;
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
            out.push(c);
        } else if c == '?' && !quoted {
            let mut digits = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            if digits.is_empty() {
                out.push_str(&format!("${next}"));
                next += 1;
            } else {
                out.push('$');
                out.push_str(&digits);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            numbered_placeholders("SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = '?3'"),
            "SELECT a FROM t WHERE b = $2 AND c = $1 AND d = '?3'"
        );
        assert_eq!(
            numbered_placeholders("INSERT INTO t VALUES (?, ?)"),
            "INSERT INTO t VALUES ($1, $2)"
        );
    }

    #[test]
    fn a_transaction_rolls_back_unless_committed_and_a_savepoint_fails_alone() {
        let mut c = Connection::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        c.execute_batch("CREATE TABLE t (v INTEGER NOT NULL)")
            .unwrap();
        {
            let tx = c.transaction().unwrap();
            tx.execute("INSERT INTO t VALUES (?1)", [1]).unwrap();
        }
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM t", (), |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "dropped uncommitted");
        let mut tx = c.transaction().unwrap();
        {
            let sp = tx.savepoint().unwrap();
            sp.execute("INSERT INTO t VALUES (?1)", [2]).unwrap();
        }
        {
            let sp = tx.savepoint().unwrap();
            sp.execute("INSERT INTO t VALUES (?1)", [3]).unwrap();
            sp.commit().unwrap();
        }
        tx.commit().unwrap();
        let vs: Vec<i64> = c
            .prepare("SELECT v FROM t")
            .unwrap()
            .query_map((), |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(vs, vec![3]);
        let missing = c
            .query_row("SELECT v FROM t WHERE v = ?1", [9], |r| r.get::<_, i64>(0))
            .optional()
            .unwrap();
        assert_eq!(missing, None);
    }
}
