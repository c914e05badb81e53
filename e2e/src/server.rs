//! The server process: starting `ppt-hub serve` on a free port with its own database, killing it
//! (SIGKILL, SIGTERM), restarting it on the same database and port, and running it once to see
//! what it prints at start.

use crate::tempdir::TempDir;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The coordinator token every test server is started with (the server refuses one shorter
/// than 32 characters).
pub const TOKEN: &str = "e2e-coordinator-token-0123456789abcdef";

/// Where the `ppt-hub` binary is: `$PPT_HUB_BIN`, else the workspace's target directory
/// (release preferred for the load generator, debug otherwise).
pub fn server_binary(prefer_release: bool) -> PathBuf {
    if let Ok(p) = std::env::var("PPT_HUB_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let order = if prefer_release {
        ["release", "debug"]
    } else {
        ["debug", "release"]
    };
    for profile in order {
        let p = target.join(profile).join("ppt-hub");
        if p.is_file() {
            return p;
        }
    }
    panic!(
        "ppt-hub binary not found under {}: run `cargo build -p server` first",
        target.display()
    );
}

/// The environment variable naming a PostgreSQL server for the tests (a base URL as
/// `scripts/postgres.sh start` prints it, `postgres://postgres@127.0.0.1:PORT`). When it is set,
/// [`Server::start`] runs each server on a fresh database there instead of a SQLite file.
pub const PG_ENV: &str = "PPT_TEST_PG";

/// The PostgreSQL base URL from [`PG_ENV`], when set and not empty.
pub fn test_pg() -> Option<String> {
    std::env::var(PG_ENV)
        .ok()
        .map(|s| s.trim().trim_end_matches('/').to_owned())
        .filter(|s| !s.is_empty())
}

/// Whether a `--db` argument is a PostgreSQL URL rather than a SQLite file.
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// A database of its own on the PostgreSQL server of [`PG_ENV`], dropped (with any connection
/// still open to it) when this is dropped.
pub struct PgDatabase {
    base: String,
    name: String,
}

impl PgDatabase {
    /// Creates a fresh, empty database `e2e_<pid>_<n>_<nanos>` on the server at `base`
    /// (`postgres://user@host:port`), with `psql`.
    pub fn create(base: &str) -> PgDatabase {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!("e2e_{}_{n}_{nanos}", std::process::id());
        let db = PgDatabase {
            base: base.trim_end_matches('/').to_owned(),
            name,
        };
        if let Err(e) = db.admin(&format!("CREATE DATABASE {}", db.name)) {
            panic!("{PG_ENV}={base}: cannot create the test database: {e}");
        }
        db
    }

    /// Its URL, for `--db`.
    pub fn url(&self) -> String {
        format!("{}/{}", self.base, self.name)
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs one SQL statement on the server's `postgres` database.
    fn admin(&self, sql: &str) -> Result<(), String> {
        psql(&format!("{}/postgres", self.base), sql).map(|_| ())
    }

    /// Runs `sql` in this database; the rows, each a line of `|`-separated fields.
    pub fn query(&self, sql: &str) -> Result<String, String> {
        psql(&self.url(), sql)
    }
}

/// `psql -X -q -A -t -v ON_ERROR_STOP=1 URL -c SQL`: its standard output, or why it failed.
fn psql(url: &str, sql: &str) -> Result<String, String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .arg(url)
        .arg("-c")
        .arg(sql)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("psql: {e} (Debian package postgresql-client)"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Err(e) = self.admin(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )) {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

/// A running `ppt-hub serve` process.
pub struct Server {
    child: Option<Child>,
    /// `127.0.0.1:port`, the same across restarts.
    pub addr: String,
    /// Its SQLite database file. Under PostgreSQL (see [`Server::db_arg`]) no file is there:
    /// tests that open the file, copy it or fault it start with [`Server::start_sqlite`].
    pub db: PathBuf,
    /// The `--db` argument it runs with: the SQLite file, or a PostgreSQL URL.
    store: String,
    binary: PathBuf,
    extra: Vec<String>,
    /// Everything the server wrote to stderr (its log), for tests that check what was logged.
    pub log: Arc<Mutex<String>>,
    // Dropped after the process is killed (Drop below): the database, then the directory.
    pg: Option<PgDatabase>,
    _dir: Option<TempDir>,
}

impl Server {
    /// Starts a server with a fresh store (and short reconnect grace, `extra` flags added): a
    /// SQLite file in a temporary directory, or, when [`PG_ENV`] is set, a fresh database on
    /// that PostgreSQL server (dropped with the `Server`).
    pub fn start(extra: &[&str]) -> Server {
        match test_pg() {
            Some(base) => Server::start_pg(&base, extra),
            None => Server::start_sqlite(extra),
        }
    }

    /// [`Server::start`] always on a SQLite file, whatever [`PG_ENV`] says: for the tests that
    /// are about the file itself (opening it, copying it, faulting it, `ppt-hub backup`).
    pub fn start_sqlite(extra: &[&str]) -> Server {
        let dir = TempDir::new("ppt-e2e");
        let db = dir.path().join("ppt-hub.db");
        let mut s = Server::new(server_binary(false), db, None, extra);
        s._dir = Some(dir);
        s.spawn("127.0.0.1:0");
        s
    }

    /// [`Server::start`] on a fresh database on the PostgreSQL server at `base`.
    pub fn start_pg(base: &str, extra: &[&str]) -> Server {
        let dir = TempDir::new("ppt-e2e");
        // Where the file would be: tests that only look whether something reached the disk
        // find nothing there.
        let db = dir.path().join("ppt-hub.db");
        let pg = PgDatabase::create(base);
        let mut s = Server::new(server_binary(false), db, Some(pg), extra);
        s._dir = Some(dir);
        s.spawn("127.0.0.1:0");
        s
    }

    /// Starts a server from a given binary on the store `db` (load generator, restores): a
    /// SQLite file, or a PostgreSQL URL (`postgres://user@host:port/dbname`, used as it is and
    /// not dropped).
    pub fn start_with(binary: PathBuf, db: impl AsRef<std::ffi::OsStr>, extra: &[&str]) -> Server {
        let db = db.as_ref();
        let mut s = match db.to_str().filter(|d| is_postgres_url(d)) {
            Some(url) => {
                let mut s = Server::new(binary, PathBuf::new(), None, extra);
                s.store = url.to_owned();
                s
            }
            None => Server::new(binary, PathBuf::from(db), None, extra),
        };
        s.spawn("127.0.0.1:0");
        s
    }

    fn new(binary: PathBuf, db: PathBuf, pg: Option<PgDatabase>, extra: &[&str]) -> Server {
        let store = match &pg {
            Some(pg) => pg.url(),
            None => db.to_string_lossy().into_owned(),
        };
        Server {
            child: None,
            addr: String::new(),
            db,
            store,
            binary,
            extra: extra.iter().map(|s| s.to_string()).collect(),
            log: Arc::new(Mutex::new(String::new())),
            pg,
            _dir: None,
        }
    }

    /// The `--db` argument the server runs with (the same across restarts): the SQLite file's
    /// path, or the PostgreSQL URL. For the CLI commands a test runs on the same store.
    pub fn db_arg(&self) -> &str {
        &self.store
    }

    /// Whether it runs on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        is_postgres_url(&self.store)
    }

    /// Whether `needle` is anywhere in what it stored: in the SQLite file (with its `-wal` and
    /// `-shm`), or on PostgreSQL in a data-only `pg_dump` of its database (rows as they are now;
    /// dead row versions not yet vacuumed are not seen).
    pub fn stores(&self, needle: &str) -> bool {
        if !self.is_postgres() {
            return crate::fixtures::files_contain(&self.db, needle);
        }
        let out = Command::new("pg_dump")
            .args(["--data-only", "--no-owner", "--no-privileges"])
            .arg(&self.store)
            .stdin(Stdio::null())
            .output()
            .expect("pg_dump (Debian package postgresql-client)");
        assert!(
            out.status.success(),
            "pg_dump {}: {}",
            self.store,
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    }

    /// Its PostgreSQL database, when it runs on one the harness created.
    pub fn pg(&self) -> Option<&PgDatabase> {
        self.pg.as_ref()
    }

    fn spawn(&mut self, addr: &str) {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("serve")
            .arg("--addr")
            .arg(addr)
            .arg("--db")
            .arg(&self.store)
            .arg("--coordinator-token")
            .arg(TOKEN)
            .arg("--static-dir")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/dist"))
            .args(&self.extra)
            .env(
                "PPT_LOG",
                std::env::var("PPT_LOG").unwrap_or_else(|_| "debug".into()),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start ppt-hub");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = self.log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = log.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("ppt-hub listening on http://") {
                    if !sent {
                        let _ = tx.send(rest.trim().to_owned());
                        sent = true;
                    }
                }
            }
        });
        let Ok(addr) = rx.recv_timeout(Duration::from_secs(30)) else {
            // Not left running (nor holding its database) when it hangs instead of exiting.
            let _ = child.kill();
            let _ = child.wait();
            panic!("ppt-hub did not start; log:\n{}", self.log.lock().unwrap())
        };
        self.addr = addr;
        self.child = Some(child);
    }

    /// The process id of the running server, if it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(|c| c.id())
    }

    /// The base URL of its HTTP API (`http://127.0.0.1:port`).
    pub fn http(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Kills the process with SIGKILL: no shutdown path runs.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            unsafe {
                libc::kill(c.id() as i32, libc::SIGKILL);
            }
            let _ = c.wait();
        }
    }

    /// Stops with SIGTERM and waits for a clean exit; returns whether it exited successfully.
    pub fn terminate(&mut self) -> bool {
        if let Some(mut c) = self.child.take() {
            unsafe {
                libc::kill(c.id() as i32, libc::SIGTERM);
            }
            return c.wait().map(|s| s.success()).unwrap_or(false);
        }
        false
    }

    /// Starts again on the same database and the same port.
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the server first");
        let addr = self.addr.clone();
        for _ in 0..50 {
            if std::net::TcpListener::bind(&addr).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        self.spawn(&addr);
    }

    /// The server's log so far.
    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
        if std::thread::panicking() {
            self.print_problems();
        }
    }
}

impl Server {
    /// When a test fails: what the server logged at WARN and ERROR (the whole log with
    /// `PPT_E2E_FULL_LOG=1`), so a failure shows the server side of it.
    fn print_problems(&self) {
        let log = self.log_text();
        let full = std::env::var_os("PPT_E2E_FULL_LOG").is_some_and(|v| v != "0");
        let lines: Vec<String> = log
            .lines()
            .map(strip_ansi)
            .filter(|l| full || l.contains(" WARN ") || l.contains(" ERROR "))
            .collect();
        const MAX: usize = 60;
        eprintln!(
            "---- ppt-hub on {} ({}): {} ----",
            self.store,
            if full {
                "its log"
            } else {
                "WARN and ERROR lines"
            },
            lines.len()
        );
        for l in lines.iter().take(if full { usize::MAX } else { MAX }) {
            eprintln!("{l}");
        }
        if !full && lines.len() > MAX {
            eprintln!("... {} more", lines.len() - MAX);
        }
        eprintln!("---- end of the ppt-hub log ----");
    }
}

/// A log line without its terminal colour codes.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ ... final byte in @..~
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) && c != '[' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What one `ppt-hub serve` run printed on standard output, and how it ended: for tests of
/// what the server says at start (the coordinator token only when generated) and of what makes
/// it refuse to start.
#[derive(Debug)]
pub struct ServeOutput {
    /// Standard output, line by line.
    pub stdout: Vec<String>,
    /// Standard error (the log, or why it refused to start).
    pub stderr: String,
    /// Whether it was listening (then it was stopped with SIGTERM after printing its start).
    pub listened: bool,
    /// Its exit status code (`None` when killed by a signal).
    pub exit_code: Option<i32>,
}

/// Runs `ppt-hub serve` on a free port with the database `db` and exactly the flags `args`
/// (no coordinator token unless given there); waits until it listens or exits, lets it print
/// what it prints at start, then stops it.
pub fn serve_output(db: &Path, args: &[&str]) -> ServeOutput {
    serve_output_while(db, args, |_| {})
}

/// [`serve_output`], running `during` with the server's address (`127.0.0.1:port`) while it
/// listens (not at all if it never does).
pub fn serve_output_while(db: &Path, args: &[&str], during: impl FnOnce(&str)) -> ServeOutput {
    let mut child = Command::new(server_binary(false))
        .arg("serve")
        .arg("--addr")
        .arg("127.0.0.1:0")
        .arg("--db")
        .arg(db)
        .arg("--static-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/dist"))
        .args(args)
        .env_remove("PPT_COORDINATOR_TOKEN")
        .env("PPT_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ppt-hub");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    let out_lines = lines.clone();
    let out = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(addr) = line.strip_prefix("ppt-hub listening on http://") {
                let _ = tx.send(addr.trim().to_owned());
            }
            out_lines.lock().unwrap().push(line);
        }
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).ok();
    let listened = addr.is_some();
    if let Some(addr) = addr {
        during(&addr);
        // What it prints after "listening" comes at once; then stop it cleanly.
        std::thread::sleep(Duration::from_millis(500));
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
    } else {
        // It exited (stdout closed) or hangs: make sure it is gone either way.
        let _ = child.kill();
    }
    let status = child.wait().expect("wait for ppt-hub");
    let _ = out.join();
    let stderr = err.join().unwrap_or_default();
    let stdout = lines.lock().unwrap().clone();
    ServeOutput {
        stdout,
        stderr,
        listened,
        exit_code: status.code(),
    }
}
