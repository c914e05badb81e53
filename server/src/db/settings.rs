//! Server-wide settings that must survive a restart: the SHA-256 hash of the coordinator
//! token (never the token itself).

use super::DbError;
use crate::db::sql::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// Reads one setting; `None` when it was never set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, DbError> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

/// Writes one setting, replacing what was there.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Where the hash of the generated coordinator token is kept.
const TOKEN_HASH: &str = "coordinator_token_sha256";
/// Where earlier versions kept the generated token in plain text (migrated on start).
const PLAIN_TOKEN: &str = "coordinator_token";

/// The shortest coordinator token accepted from `--coordinator-token` (or its environment
/// variable): a short one could be guessed, and it opens every meeting's minutes.
pub const MIN_TOKEN_CHARS: usize = 32;

/// The SHA-256 of a coordinator token, lowercase hex: what the server keeps and compares, so
/// neither the database nor the process's configuration holds the token itself.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The coordinator token the server checks requests against, as found at start.
#[derive(Debug)]
pub struct CoordinatorToken {
    /// [`token_hash`] of the token.
    pub hash: String,
    /// The token itself when it was generated just now (first run): the only time it can be
    /// shown. `None` when it was configured or generated at an earlier start.
    pub generated: Option<String>,
}

/// Why the server refuses to start with the configured coordinator token.
#[derive(Debug)]
pub enum TokenError {
    /// Shorter than [`MIN_TOKEN_CHARS`] characters (the number of characters given).
    TooShort(usize),
    Db(DbError),
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenError::TooShort(n) => write!(
                f,
                "the coordinator token (--coordinator-token or PPT_COORDINATOR_TOKEN) must be at \
                 least {MIN_TOKEN_CHARS} characters long, but the one given has {n}; make one with \
                 `openssl rand -hex 32`, or leave it unset to have one generated"
            ),
            TokenError::Db(e) => write!(f, "coordinator token: {e}"),
        }
    }
}

impl std::error::Error for TokenError {}

impl From<DbError> for TokenError {
    fn from(e: DbError) -> Self {
        TokenError::Db(e)
    }
}

/// Checks a configured coordinator token's length without touching the database, so the
/// server can refuse to start before doing anything else.
pub fn check_configured_token(configured: Option<&str>) -> Result<(), TokenError> {
    match configured.filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() < MIN_TOKEN_CHARS => {
            Err(TokenError::TooShort(t.chars().count()))
        }
        _ => Ok(()),
    }
}

/// The coordinator token at start: the configured one (at least [`MIN_TOKEN_CHARS`]
/// characters), else the one generated on an earlier start (its hash is stored), else a new one
/// generated now (64 hex characters) whose hash is stored and which the caller prints once.
///
/// A token stored in plain text by an earlier version is replaced by its hash first, whatever
/// is configured, so no plain-text token stays on disk.
pub fn coordinator_token(
    conn: &mut Connection,
    configured: Option<&str>,
    new_token: impl FnOnce() -> String,
) -> Result<CoordinatorToken, TokenError> {
    check_configured_token(configured)?;
    let tx = conn.transaction()?;
    if let Some(plain) = get(&tx, PLAIN_TOKEN)? {
        if get(&tx, TOKEN_HASH)?.is_none() {
            set(&tx, TOKEN_HASH, &token_hash(&plain))?;
        }
        tx.execute("DELETE FROM settings WHERE key = ?1", [PLAIN_TOKEN])?;
        tracing::info!("stored coordinator token replaced by its hash");
    }
    let answer = if let Some(t) = configured.filter(|t| !t.is_empty()) {
        CoordinatorToken {
            hash: token_hash(t),
            generated: None,
        }
    } else if let Some(hash) = get(&tx, TOKEN_HASH)? {
        CoordinatorToken {
            hash,
            generated: None,
        }
    } else {
        let token = new_token();
        let hash = token_hash(&token);
        set(&tx, TOKEN_HASH, &hash)?;
        CoordinatorToken {
            hash,
            generated: Some(token),
        }
    };
    tx.commit()?;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        conn.execute_batch("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);")
            .unwrap();
        conn
    }

    #[test]
    fn generated_once_then_only_its_hash() {
        let mut conn = db();
        let first = coordinator_token(&mut conn, None, || "a".repeat(64)).unwrap();
        assert_eq!(first.generated.as_deref(), Some("a".repeat(64).as_str()));
        let again = coordinator_token(&mut conn, None, || unreachable!()).unwrap();
        assert_eq!(again.generated, None);
        assert_eq!(again.hash, first.hash);
        assert_eq!(again.hash, token_hash(&"a".repeat(64)));
        assert_eq!(get(&conn, TOKEN_HASH).unwrap(), Some(first.hash));
    }

    #[test]
    fn plain_text_token_is_migrated_to_its_hash() {
        let mut conn = db();
        set(&conn, PLAIN_TOKEN, "0123456789abcdef0123456789abcdef").unwrap();
        let t = coordinator_token(&mut conn, None, || unreachable!()).unwrap();
        assert_eq!(t.hash, token_hash("0123456789abcdef0123456789abcdef"));
        assert_eq!(t.generated, None);
        assert_eq!(get(&conn, PLAIN_TOKEN).unwrap(), None);
    }

    #[test]
    fn configured_token_must_be_long_enough() {
        let mut conn = db();
        let short = "x".repeat(MIN_TOKEN_CHARS - 1);
        assert!(matches!(
            coordinator_token(&mut conn, Some(&short), String::new),
            Err(TokenError::TooShort(31))
        ));
        let long = "x".repeat(MIN_TOKEN_CHARS);
        let t = coordinator_token(&mut conn, Some(&long), || unreachable!()).unwrap();
        assert_eq!(t.hash, token_hash(&long));
        assert_eq!(t.generated, None);
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
