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

/// A running `ppt-hub serve` process.
pub struct Server {
    child: Option<Child>,
    /// `127.0.0.1:port`, the same across restarts.
    pub addr: String,
    /// Its SQLite database.
    pub db: PathBuf,
    binary: PathBuf,
    extra: Vec<String>,
    /// Everything the server wrote to stderr (its log), for tests that check what was logged.
    pub log: Arc<Mutex<String>>,
    _dir: Option<TempDir>,
}

impl Server {
    /// Starts a server with a fresh database (and short reconnect grace, `extra` flags added).
    pub fn start(extra: &[&str]) -> Server {
        let dir = TempDir::new("ppt-e2e");
        let db = dir.path().join("ppt-hub.db");
        let mut s = Server {
            child: None,
            addr: String::new(),
            db,
            binary: server_binary(false),
            extra: extra.iter().map(|s| s.to_string()).collect(),
            log: Arc::new(Mutex::new(String::new())),
            _dir: Some(dir),
        };
        s.spawn("127.0.0.1:0");
        s
    }

    /// Starts a server from a given binary with a database at `db` (load generator).
    pub fn start_with(binary: PathBuf, db: PathBuf, extra: &[&str]) -> Server {
        let mut s = Server {
            child: None,
            addr: String::new(),
            db,
            binary,
            extra: extra.iter().map(|s| s.to_string()).collect(),
            log: Arc::new(Mutex::new(String::new())),
            _dir: None,
        };
        s.spawn("127.0.0.1:0");
        s
    }

    fn spawn(&mut self, addr: &str) {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("serve")
            .arg("--addr")
            .arg(addr)
            .arg("--db")
            .arg(&self.db)
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
        self.addr = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!("ppt-hub did not start; log:\n{}", self.log.lock().unwrap())
            });
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
    }
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
