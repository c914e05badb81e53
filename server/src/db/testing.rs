//! A fresh, empty store for a test: a SQLite file in a temporary directory, or, when
//! `PPT_TEST_PG` names a PostgreSQL server (`postgres://user@host:port`, as `./test.sh` starts
//! one), a fresh database on it. The storage tests run against both stores this way.

use super::Db;
use std::path::{Path, PathBuf};

/// The environment variable naming the PostgreSQL server the tests may use.
pub const PG_ENV: &str = "PPT_TEST_PG";

/// The store and what to remove when the test ends (the directory, the database).
pub struct TestStore {
    dir: PathBuf,
    pg: Option<(String, String)>,
}

impl AsRef<Path> for TestStore {
    fn as_ref(&self) -> &Path {
        &self.dir
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((base, name)) = self.pg.take() {
            if let Ok(admin) = Db::connect(&format!("{base}/postgres")) {
                let _ = admin.call_now(|c| {
                    c.execute_batch(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                });
            }
        }
    }
}

/// A fresh store, migrated, with nothing in it.
pub fn fresh(prefix: &str) -> (Db, TestStore) {
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let dir = std::env::temp_dir().join(format!("ppt-{prefix}-{}-{unique}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    match std::env::var(PG_ENV) {
        Ok(base) if !base.is_empty() => {
            let name = format!("t_{}_{}", prefix.replace('-', "_"), &unique[..12]);
            let admin = Db::connect(&format!("{base}/postgres")).expect("PostgreSQL for tests");
            admin
                .call_now(|c| c.execute_batch(&format!("CREATE DATABASE {name}")))
                .expect("create the test database");
            let db = Db::connect(&format!("{base}/{name}")).expect("open the test database");
            (
                db,
                TestStore {
                    dir,
                    pg: Some((base, name)),
                },
            )
        }
        _ => (
            Db::open(&dir.join("t.db")).unwrap(),
            TestStore { dir, pg: None },
        ),
    }
}
