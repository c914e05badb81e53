//! A PostgreSQL server for the tests that need one of their own or one at all: the suite's
//! (`PPT_TEST_PG`, as `./test.sh` sets it), or a throwaway one started with
//! `scripts/postgres.sh` (initdb into a temporary directory, a free port), stopped on drop.

use crate::server::test_pg;
use std::path::{Path, PathBuf};

/// A PostgreSQL server: its base URL (`postgres://postgres@127.0.0.1:PORT`).
pub struct Postgres {
    /// Where it listens, without a database name.
    pub base: String,
    /// With TLS: the CA file its certificate (for 127.0.0.1) is signed by.
    pub ca: Option<PathBuf>,
    own: Option<String>,
}

impl Postgres {
    /// The suite's server when `PPT_TEST_PG` is set, else a throwaway one.
    pub fn any() -> Postgres {
        match test_pg() {
            Some(base) => Postgres {
                base,
                ca: None,
                own: None,
            },
            None => Postgres::start(false),
        }
    }

    /// A throwaway server with TLS on, its certificate signed by a CA made for it.
    pub fn with_tls() -> Postgres {
        Postgres::start(true)
    }

    fn start(tls: bool) -> Postgres {
        let mut cmd = std::process::Command::new(script());
        cmd.arg("start");
        if tls {
            cmd.arg("--tls");
        }
        let out = cmd.output().expect("scripts/postgres.sh");
        assert!(
            out.status.success(),
            "a throwaway PostgreSQL did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = text.lines();
        let base = lines.next().expect("base URL").to_owned();
        let dir = lines.next().expect("data directory").to_owned();
        let ca = lines.next().map(PathBuf::from);
        Postgres {
            base,
            ca,
            own: Some(dir),
        }
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres.sh")
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(dir) = &self.own {
            let _ = std::process::Command::new(script())
                .args(["stop", dir])
                .output();
        }
    }
}
