//! # PPT Hub end-to-end harness
//!
//! Starts the real `ppt-hub` binary on a free port with its own database and drives it with
//! real clients: [`Server`] owns the process (start, SIGKILL, restart on the same database),
//! [`Client`] is a raw WebSocket client that speaks protocol v1 and keeps its own copy of the
//! room by applying events with the shared rules, exactly as the browser does.
//!
//! The tests in `tests/` and the `loadgen` binary build on it.

pub mod browser;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use shared::protocol::Position;
use shared::room::{Event, RoomState};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

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
    pub addr: String,
    pub db: PathBuf,
    binary: PathBuf,
    extra: Vec<String>,
    /// Everything the server wrote to stderr (its log), for tests that check what was logged.
    pub log: Arc<Mutex<String>>,
    _dir: Option<tempdir::TempDir>,
}

mod tempdir {
    use std::path::{Path, PathBuf};

    /// A directory removed on drop.
    pub struct TempDir(PathBuf);

    impl TempDir {
        pub fn new(prefix: &str) -> TempDir {
            // The clock alone is not unique: two tests starting a server in the same
            // nanosecond (a coarse clock) got one directory and one database.
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let unique = format!(
                "{prefix}-{}-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos()
            );
            let p = std::env::temp_dir().join(unique);
            std::fs::create_dir_all(&p).unwrap();
            TempDir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Server {
    /// Starts a server with a fresh database (and short reconnect grace, `extra` flags added).
    pub fn start(extra: &[&str]) -> Server {
        let dir = tempdir::TempDir::new("ppt-e2e");
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

    /// Creates a meeting of the demo centre through the API; returns its JSON.
    pub async fn create_meeting(&self, body: Value) -> Value {
        let resp = reqwest::Client::new()
            .post(format!("{}/api/meetings", self.http()))
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
            .await
            .expect("POST /api/meetings");
        assert_eq!(resp.status().as_u16(), 201, "create meeting");
        resp.json().await.unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// A meeting created for a test: id and both keys.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub id: String,
    pub chair_key: String,
    pub participant_key: String,
}

impl Meeting {
    pub async fn create(server: &Server) -> Meeting {
        let m = server
            .create_meeting(json!({ "centre_id": "kalasatama" }))
            .await;
        Meeting {
            id: m["id"].as_str().unwrap().to_owned(),
            chair_key: m["chair_key"].as_str().unwrap().to_owned(),
            participant_key: m["participant_key"].as_str().unwrap().to_owned(),
        }
    }
}

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A raw protocol client with its own copy of the room.
pub struct Client {
    ws: Ws,
    next_req: u64,
    pub epoch: Option<String>,
    pub seq: u64,
    pub state: Option<RoomState>,
    pub role: Option<String>,
    pub participant_id: Option<String>,
    pub secret: Option<String>,
    /// Every message received, in order (raw JSON).
    pub received: Vec<Value>,
    /// When set, sends are paced to stay inside the server's per-connection rate limit (see
    /// [`Client::paced`]).
    pace: Option<Pacer>,
}

/// A token bucket a little inside the server's limit (20 messages a second, bursts of 60), so
/// a test that sends many messages on one connection is never `rate_limited`.
#[derive(Clone, Debug)]
struct Pacer {
    tokens: f64,
    at: std::time::Instant,
}

impl Pacer {
    const BURST: f64 = 50.0;
    const PER_SECOND: f64 = 18.0;

    async fn take(&mut self) {
        let now = std::time::Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * Self::PER_SECOND)
            .min(Self::BURST);
        self.at = now;
        if self.tokens < 1.0 {
            let wait = (1.0 - self.tokens) / Self::PER_SECOND;
            tokio::time::sleep(Duration::from_secs_f64(wait)).await;
            self.tokens = 1.0;
            self.at = std::time::Instant::now();
        }
        self.tokens -= 1.0;
    }
}

/// How long a test waits for an expected message.
pub const WAIT: Duration = Duration::from_secs(10);

impl Client {
    /// Opens `/ws/{meeting}` without saying anything.
    pub async fn connect(addr: &str, meeting: &str) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws/{meeting}"))
            .await
            .expect("websocket connect");
        Client::on(ws)
    }

    /// A client on an open socket that has said nothing yet.
    fn on(ws: Ws) -> Client {
        Client {
            ws,
            next_req: 1,
            epoch: None,
            seq: 0,
            state: None,
            role: None,
            participant_id: None,
            secret: None,
            received: Vec::new(),
            pace: None,
        }
    }

    /// Paces this client's sends to stay inside the server's rate limit, as a well-behaved
    /// browser does; for tests that send many messages on one connection.
    pub fn paced(mut self) -> Client {
        self.pace = Some(Pacer {
            tokens: Pacer::BURST,
            at: std::time::Instant::now(),
        });
        self
    }

    async fn before_send(&mut self) {
        if let Some(p) = &mut self.pace {
            p.take().await;
        }
    }

    /// Connects and says hello; waits for the catch-up (snapshot or replayed events).
    pub async fn hello(addr: &str, meeting: &str, key: &str) -> Client {
        let mut c = Client::connect(addr, meeting).await;
        c.send_hello(key, None).await;
        c
    }

    /// Sends hello (with `last` when resuming) and waits until the copy is current.
    pub async fn send_hello(&mut self, key: &str, last: Option<Position>) {
        let mut msg = json!({ "type": "hello", "v": 1, "key": key });
        if let Some(l) = &last {
            msg["last"] = json!({ "epoch": l.epoch, "seq": l.seq });
        }
        self.send_raw(&msg.to_string()).await;
        let welcome = self
            .recv_until(|m| m["type"] == "welcome" || m["type"] == "error")
            .await;
        assert_eq!(welcome["type"], "welcome", "hello refused: {welcome}");
        self.role = welcome["role"].as_str().map(str::to_owned);
        let new_epoch = welcome["epoch"].as_str().map(str::to_owned);
        if new_epoch != self.epoch {
            self.state = None;
        }
        self.epoch = new_epoch;
        // Drain the catch-up: a snapshot, or events up to the server's seq (unknown here), so
        // read until a short quiet period.
        if last.is_none() || self.state.is_none() {
            self.recv_until(|m| m["type"] == "snapshot").await;
        }
        self.drain(Duration::from_millis(150)).await;
    }

    /// Reconnects after a dropped connection: hello with the last position, then join again
    /// with the stored secret.
    pub async fn reconnect(
        addr: &str,
        meeting: &str,
        key: &str,
        old: Client,
        service: Option<&str>,
    ) -> Client {
        let mut c = Client::connect(addr, meeting).await;
        c.epoch = old.epoch.clone();
        c.seq = old.seq;
        c.state = old.state.clone();
        c.secret = old.secret.clone();
        let last = old.epoch.clone().map(|epoch| Position {
            epoch,
            seq: old.seq,
        });
        c.send_hello(key, last).await;
        if let Some(service) = service {
            let secret = c.secret.clone();
            let mut msg = json!({ "type": "join", "service": service });
            if let Some(s) = secret {
                msg["secret"] = json!(s);
            }
            let answer = c.request(msg).await;
            assert_eq!(answer["type"], "joined", "{answer}");
        }
        c
    }

    pub async fn send_raw(&mut self, text: &str) {
        self.before_send().await;
        self.ws
            .send(Message::Text(text.to_owned().into()))
            .await
            .expect("send");
    }

    pub async fn send_binary(&mut self, bytes: Vec<u8>) {
        self.before_send().await;
        self.ws
            .send(Message::Binary(bytes.into()))
            .await
            .expect("send");
    }

    /// Sends a text frame, returning whether the send went through (the server may close the
    /// connection while a huge frame is still being written).
    pub async fn try_send_raw(&mut self, text: &str) -> bool {
        self.before_send().await;
        self.ws
            .send(Message::Text(text.to_owned().into()))
            .await
            .is_ok()
    }

    /// Sends `msg` with a fresh `req` and returns the answer to it (ack, joined or error),
    /// applying every event that arrives meanwhile.
    pub async fn request(&mut self, mut msg: Value) -> Value {
        let req = self.next_req;
        self.next_req += 1;
        msg["req"] = json!(req);
        self.send_raw(&msg.to_string()).await;
        let answer = self
            .recv_until(|m| {
                m["req"] == json!(req)
                    && ["ack", "error", "joined"].contains(&m["type"].as_str().unwrap_or(""))
            })
            .await;
        if answer["type"] == "joined" {
            self.participant_id = answer["participant_id"].as_str().map(str::to_owned);
            self.secret = answer["secret"].as_str().map(str::to_owned);
        }
        // The events a command produced may arrive just after its ack.
        if let Some(seq) = answer["seq"].as_u64() {
            while self.seq < seq {
                self.next().await;
            }
        }
        answer
    }

    /// Joins with a service (and optional display name).
    pub async fn join(&mut self, service: &str, name: Option<&str>) -> Value {
        let mut msg = json!({ "type": "join", "service": service });
        if let Some(n) = name {
            msg["display_name"] = json!(n);
        }
        let answer = self.request(msg).await;
        assert_eq!(answer["type"], "joined", "join failed: {answer}");
        answer
    }

    /// Sends a command and asserts it was acknowledged.
    pub async fn ok(&mut self, msg: Value) -> Value {
        let answer = self.request(msg.clone()).await;
        assert_eq!(answer["type"], "ack", "{msg} was refused: {answer}");
        answer
    }

    /// Sends a command and returns the error code it got (panics on an ack).
    pub async fn refused(&mut self, msg: Value) -> String {
        let answer = self.request(msg.clone()).await;
        assert_eq!(answer["type"], "error", "{msg} was accepted: {answer}");
        answer["code"].as_str().unwrap().to_owned()
    }

    /// The next message (applies events and snapshots to the copy).
    pub async fn next(&mut self) -> Value {
        self.try_next(WAIT)
            .await
            .expect("timed out waiting for a message")
    }

    /// The next message within `within`, or `None`; `Some(Value::Null)` when the server closed.
    pub async fn try_next(&mut self, within: Duration) -> Option<Value> {
        loop {
            let msg = match tokio::time::timeout(within, self.ws.next()).await {
                Err(_) => return None,
                Ok(None) => return Some(json!({ "type": "closed" })),
                // No close frame: the connection ended some other way (reset, protocol error).
                Ok(Some(Err(e))) => {
                    return Some(json!({ "type": "closed", "error": e.to_string() }))
                }
                Ok(Some(Ok(m))) => m,
            };
            let text = match msg {
                Message::Text(t) => t.to_string(),
                Message::Close(frame) => {
                    let (code, reason) = frame
                        .map(|f| (u16::from(f.code), f.reason.to_string()))
                        .unwrap_or((0, String::new()));
                    return Some(json!({ "type": "closed", "code": code, "reason": reason }));
                }
                _ => continue,
            };
            let v: Value = serde_json::from_str(&text).expect("server sent JSON");
            self.absorb(&v);
            self.received.push(v.clone());
            return Some(v);
        }
    }

    fn absorb(&mut self, v: &Value) {
        match v["type"].as_str() {
            Some("snapshot") => {
                let state: RoomState =
                    serde_json::from_value(v["state"].clone()).expect("snapshot state");
                self.state = Some(state);
                self.seq = v["seq"].as_u64().unwrap();
                self.epoch = v["epoch"].as_str().map(str::to_owned);
            }
            Some("event") => {
                let event: Event = serde_json::from_value(v["event"].clone()).expect("event");
                assert_eq!(
                    event.seq,
                    self.seq + 1,
                    "events arrive in order without gaps"
                );
                assert_eq!(
                    v["epoch"].as_str(),
                    self.epoch.as_deref(),
                    "event of the known epoch"
                );
                if let Some(s) = &mut self.state {
                    s.apply(&event);
                } else {
                    self.state = RoomState::replay(std::iter::once(&event));
                }
                self.seq = event.seq;
            }
            _ => {}
        }
    }

    /// Reads until a message matches; returns it.
    pub async fn recv_until(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.next().await;
            if pred(&m) {
                return m;
            }
            assert_ne!(m["type"], "closed", "connection closed while waiting: {m}");
        }
    }

    /// Reads until the room copy satisfies `pred`.
    pub async fn wait_state(&mut self, pred: impl Fn(&RoomState) -> bool) {
        loop {
            if self.state.as_ref().is_some_and(&pred) {
                return;
            }
            let m = self.next().await;
            assert_ne!(
                m["type"], "closed",
                "connection closed while waiting for state"
            );
        }
    }

    /// Reads everything that arrives until nothing has come for `quiet`.
    pub async fn drain(&mut self, quiet: Duration) {
        while let Some(m) = self.try_next(quiet).await {
            if m["type"] == "closed" {
                return;
            }
        }
    }

    /// Ends the connection abruptly (no close frame, no leave).
    pub fn drop_connection(self) -> Client {
        self
    }

    /// Sends a close frame.
    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }

    pub fn position(&self) -> Option<Position> {
        self.epoch.clone().map(|epoch| Position {
            epoch,
            seq: self.seq,
        })
    }

    pub fn room(&self) -> &RoomState {
        self.state.as_ref().expect("client has a room copy")
    }
}

/// What a browser keeps when its connection drops: where its copy stood and how to reclaim its
/// participant. Made by [`Client::hang_up`], used by [`Client::resume`].
#[derive(Clone, Debug)]
pub struct Saved {
    pub epoch: Option<String>,
    pub seq: u64,
    pub state: Option<RoomState>,
    pub participant_id: Option<String>,
    pub secret: Option<String>,
}

impl Saved {
    pub fn position(&self) -> Option<Position> {
        self.epoch.clone().map(|epoch| Position {
            epoch,
            seq: self.seq,
        })
    }
}

impl Client {
    /// Drops the connection abruptly (no close frame, no `leave`), as a lost network does, and
    /// keeps what the browser would keep.
    pub fn hang_up(self) -> Saved {
        Saved {
            epoch: self.epoch.clone(),
            seq: self.seq,
            state: self.state.clone(),
            participant_id: self.participant_id.clone(),
            secret: self.secret.clone(),
        }
        // `self` (and its socket) is dropped here.
    }

    /// Connects again with what was saved: `hello` with `last = {epoch, seq}`, then waits for
    /// the catch-up. Does not join; see [`Client::rejoin`].
    pub async fn resume(addr: &str, meeting: &str, key: &str, saved: &Saved) -> Client {
        let mut c = Client::connect(addr, meeting).await;
        c.epoch = saved.epoch.clone();
        c.seq = saved.seq;
        c.state = saved.state.clone();
        c.secret = saved.secret.clone();
        c.participant_id = saved.participant_id.clone();
        c.send_hello(key, saved.position()).await;
        c
    }

    /// Sends the same `join` again with the stored `secret`, as the browser does after a
    /// reconnect; returns the `joined` answer.
    pub async fn rejoin(&mut self, service: &str, name: Option<&str>) -> Value {
        let mut msg = json!({ "type": "join", "service": service });
        if let Some(n) = name {
            msg["display_name"] = json!(n);
        }
        if let Some(s) = &self.secret {
            msg["secret"] = json!(s);
        }
        let answer = self.request(msg).await;
        assert_eq!(answer["type"], "joined", "rejoin failed: {answer}");
        answer
    }

    /// Reads until the copy has caught up with event `seq`.
    pub async fn wait_seq(&mut self, seq: u64) {
        while self.seq < seq {
            let m = self.next().await;
            assert_ne!(
                m["type"], "closed",
                "connection closed while waiting for seq {seq}"
            );
        }
    }

    /// Asks the server for a fresh snapshot on this connection (`resync`) and returns its
    /// state and seq. The copy is replaced by it.
    pub async fn fetch_snapshot(&mut self) -> (RoomState, u64) {
        self.send_raw(r#"{"type":"resync"}"#).await;
        let snap = self.recv_until(|m| m["type"] == "snapshot").await;
        let state: RoomState =
            serde_json::from_value(snap["state"].clone()).expect("snapshot state");
        (state, snap["seq"].as_u64().unwrap())
    }

    /// Sends a raw frame and returns the first `error` (or `closed`) that comes back.
    pub async fn expect_error(&mut self, text: &str) -> Value {
        self.send_raw(text).await;
        self.recv_until(|m| m["type"] == "error" || m["type"] == "closed")
            .await
    }

    /// Whether the connection still answers: `ping` gets a `pong`.
    pub async fn answers_ping(&mut self) -> bool {
        self.send_raw(r#"{"type":"ping"}"#).await;
        loop {
            match self.try_next(WAIT).await {
                Some(m) if m["type"] == "pong" => return true,
                Some(m) if m["type"] == "closed" => return false,
                Some(_) => continue,
                None => return false,
            }
        }
    }

    /// Reads until the server closes the connection; returns the close code (0 when the
    /// connection ended without a close frame).
    pub async fn wait_closed(&mut self) -> u16 {
        loop {
            let m = self.next().await;
            if m["type"] == "closed" {
                return m["code"].as_u64().unwrap_or(0) as u16;
            }
        }
    }

    /// The `kind`s of the events received since `mark` (an index into [`Client::received`]).
    pub fn event_kinds_since(&self, mark: usize) -> Vec<String> {
        self.received[mark..]
            .iter()
            .filter(|m| m["type"] == "event")
            .map(|m| m["event"]["kind"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The `type`s of the messages received since `mark`.
    pub fn types_since(&self, mark: usize) -> Vec<String> {
        self.received[mark..]
            .iter()
            .map(|m| m["type"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// Asks the server for a fresh snapshot of the meeting with a throwaway chair connection.
pub async fn snapshot(addr: &str, meeting: &Meeting) -> (RoomState, u64, String) {
    let c = Client::hello(addr, &meeting.id, &meeting.chair_key).await;
    let state = c.state.clone().expect("snapshot");
    let seq = c.seq;
    let epoch = c.epoch.clone().unwrap();
    c.close().await;
    (state, seq, epoch)
}

/// A `submit_item` message for an anonymised client case.
pub fn submit(title: &str, summary: &str, question: &str, services: &[&str]) -> Value {
    json!({
        "type": "submit_item",
        "item": {
            "kind": "client_case",
            "title": title,
            "summary": summary,
            "question": question,
            "services_wanted": services,
        }
    })
}

/// Asks for a fresh snapshot on `observer`, waits until every client has caught up with it,
/// and asserts that every client's copy equals it. Returns the snapshot's state and seq.
pub async fn assert_in_step(
    observer: &mut Client,
    clients: &mut [&mut Client],
) -> (RoomState, u64) {
    let (state, seq) = observer.fetch_snapshot().await;
    for (i, c) in clients.iter_mut().enumerate() {
        c.wait_seq(seq).await;
        assert_eq!(c.seq, seq, "client {i} is ahead of the snapshot");
        assert_eq!(
            c.room(),
            &state,
            "client {i}'s copy differs from a fresh snapshot"
        );
    }
    (state, seq)
}

/// Runs a whole scripted meeting (for export tests): three services, three items of every kind, outcomes, an extension, a
/// deferral, a refused identity code. Returns the meeting.
pub async fn run_meeting(server: &Server, centre: &str, starts_at: &str) -> Meeting {
    let m = server
        .create_meeting(json!({"centre_id": centre, "starts_at": starts_at}))
        .await;
    let m = Meeting {
        id: m["id"].as_str().unwrap().into(),
        chair_key: m["chair_key"].as_str().unwrap().into(),
        participant_key: m["participant_key"].as_str().unwrap().into(),
    };
    let mut chair = Client::hello(&server.addr, &m.id, &m.chair_key).await;
    chair.join("health_station", None).await;
    let mut kela = Client::hello(&server.addr, &m.id, &m.participant_key).await;
    kela.join("kela", None).await;
    let mut social = Client::hello(&server.addr, &m.id, &m.participant_key).await;
    social.join("social_services", None).await;
    let mut social2 = Client::hello(&server.addr, &m.id, &m.participant_key).await;
    social2.join("social_services", None).await;
    kela.ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"Iäkäs asiakas, toistuvat päivystyskäynnit","summary":"72-vuotias, asuu yksin, F32.1.","question":"Kuka koordinoi kotiin tukemisen?","services_wanted":["elderly_guidance","health_station"],"themes":["older_client","mental_health"]}})).await;
    social.ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Nuorten asunnottomuus kasvaa","question":"Miten tunnistamme aiemmin?","themes":["homelessness"]}})).await;
    social.ok(json!({"type":"submit_item","item":{"kind":"regional_matter","title":"Yhteistyö HUS:n kanssa","question":"Kuka on yhteyshenkilö?"}})).await;
    let err = social2
        .request(json!({"type":"submit_item","item":{"kind":"client_case","title":"Asiakas 131052-308T","question":"Mitä tehdä?"}}))
        .await;
    assert_eq!(err["code"], "identifier_found");
    // Items carried over from an earlier meeting of the centre come first; find ours by title.
    let id = |chair: &Client, title: &str| {
        chair
            .room()
            .items
            .iter()
            .find(|i| i.title.starts_with(title) && i.carried_over.is_none())
            .unwrap()
            .id
            .to_string()
    };
    chair
        .wait_state(|s| s.items.iter().filter(|i| i.carried_over.is_none()).count() == 3)
        .await;
    let (i1, i2, i3) = (
        id(&chair, "Iäkäs"),
        id(&chair, "Nuorten"),
        id(&chair, "Yhteistyö"),
    );
    chair.ok(json!({"type":"confirm_agenda"})).await;
    chair
        .ok(json!({"type":"reorder","order": reorder(&chair, &[&i1, &i2, &i3])}))
        .await;
    chair.ok(json!({"type":"start_item","item":i1})).await;
    chair.ok(json!({"type":"extend","minutes":2})).await;
    chair
        .ok(json!({"type":"record_outcome","item":i1,"outcome":{"advice":"Palveluohjaus ja kotihoidon arvio","next_steps":"Yhteinen kotikäynti","services_to_involve":["elderly_guidance"],"follow_up":true}}))
        .await;
    chair.ok(json!({"type":"next_item"})).await;
    chair
        .ok(json!({"type":"record_outcome","item":i2,"outcome":{"advice":"Tiedonkulku kouluterveydenhuoltoon","next_steps":"","services_to_involve":[],"follow_up":false}}))
        .await;
    chair.ok(json!({"type":"defer_item","item":i3})).await;
    chair.ok(json!({"type":"end_meeting"})).await;
    m
}

/// The queue with `first` at its head in that order, the rest after.
fn reorder(chair: &Client, first: &[&String]) -> Vec<String> {
    let mut order: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    for i in chair.room().queued() {
        if !order.contains(&i.id.to_string()) {
            order.push(i.id.to_string());
        }
    }
    order
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

impl Client {
    /// Opens `/ws/{meeting}` as a browser page or a proxy would: with extra request headers
    /// (`Origin`, `X-Forwarded-For`), accepting messages up to `max_message` bytes (a limit of
    /// what this client can receive; the library's default otherwise). A refusal before the
    /// upgrade is `Err((status, body))`.
    pub async fn connect_with(
        addr: &str,
        meeting: &str,
        headers: &[(&str, &str)],
        max_message: Option<usize>,
    ) -> Result<Client, (u16, String)> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
        let mut request = format!("ws://{addr}/ws/{meeting}")
            .into_client_request()
            .expect("websocket request");
        for (name, value) in headers {
            request.headers_mut().append(
                HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                HeaderValue::from_str(value).expect("header value"),
            );
        }
        let config = max_message.map(|max| {
            tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
                .max_message_size(Some(max))
                .max_frame_size(Some(max))
        });
        match tokio_tungstenite::connect_async_with_config(request, config, false).await {
            Ok((ws, _)) => Ok(Client::on(ws)),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => Err((
                response.status().as_u16(),
                String::from_utf8_lossy(response.body().as_deref().unwrap_or_default()).into(),
            )),
            Err(e) => panic!("websocket connect: {e}"),
        }
    }
}
