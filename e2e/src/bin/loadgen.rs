//! Load generator for PPT Hub (issue 2).
//!
//! Opens many rooms on one server, connects a chair and N participants to each, lets every chair
//! act, and prints connections held, chair-action → every-participant latency, messages/s and
//! the server's memory (peak RSS and RSS per idle connection).
//!
//! ```text
//! cargo build --release -p server -p e2e
//! ./target/release/loadgen --rooms 100 --participants 20            # starts its own server
//! ./target/release/loadgen --url http://127.0.0.1:8080 --token … --server-pid 1234
//! ```
//!
//! Phases: create rooms (`POST /api/meetings`), connect (hello + join, bounded concurrency),
//! idle (measure RSS), actions (each chair sends `--actions` commands `--interval-ms` apart,
//! each producing exactly one broadcast event), summary. Every connection has its own task
//! that reads continuously; frames are classified by a prefix scan, only `seq`/`req` numbers
//! are parsed.

use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify, Semaphore};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// Load generator for the PPT Hub server: many rooms, every chair acting, latency and memory.
#[derive(Parser, Debug)]
#[command(name = "loadgen")]
struct Args {
    /// Server base URL (http://host:port). Without it, target/release/ppt-hub is started on a
    /// temporary database.
    #[arg(long)]
    url: Option<String>,
    /// Coordinator token of the server given by --url (default: $PPT_COORDINATOR_TOKEN).
    #[arg(long)]
    token: Option<String>,
    /// Pid of the server given by --url (local only), to read its RSS from /proc.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Number of rooms (meetings).
    #[arg(long, default_value_t = 100)]
    rooms: usize,
    /// Participants per room, besides the chair.
    #[arg(long, default_value_t = 20)]
    participants: usize,
    /// Commands each chair sends in the action phase (each produces one event).
    #[arg(long, default_value_t = 30)]
    actions: usize,
    /// Time between two commands of one chair, ms (chairs are spread evenly over it).
    #[arg(long, default_value_t = 200)]
    interval_ms: u64,
    /// How many of the actions are `submit_item` (the rest: start_item, then pause / resume /
    /// extend cycles).
    #[arg(long, default_value_t = 3)]
    items: usize,
    /// Connections being opened (connect + hello + join) at the same time.
    #[arg(long, default_value_t = 128)]
    connect_concurrency: usize,
    /// Seconds to hold every connection idle before measuring the server's RSS.
    #[arg(long, default_value_t = 3.0)]
    idle_secs: f64,
    /// Tokio worker threads of the load generator.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Extra seconds to wait for late events after the last chair's last action.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
    /// Print the chairs' command → ack time per second of the action phase (to spot stalls).
    #[arg(long)]
    timeline: bool,
    /// Exit non-zero when a target is missed (p99, memory per idle connection).
    #[arg(long)]
    check: bool,
    /// Target for --check: p99 of chair action → participant, ms.
    #[arg(long, default_value_t = 25.0)]
    target_p99_ms: f64,
    /// Target for --check: server memory per idle connection, KiB.
    #[arg(long, default_value_t = 64.0)]
    target_kib_per_conn: f64,
}

type Ws = WebSocketStream<TcpStream>;

/// What every connection task shares.
struct Global {
    t0: Instant,
    addr: SocketAddr,
    host: String,
    connect: Semaphore,
    /// Frames (text) received by all clients, and their bytes.
    frames: AtomicU64,
    bytes: AtomicU64,
    joined: AtomicUsize,
    chairs_joined: AtomicUsize,
    failed: AtomicUsize,
    /// Participants that have seen their room's last action event.
    done: AtomicUsize,
    progress: Notify,
    server_errors: AtomicU64,
    lost: AtomicU64,
    gaps: AtomicU64,
    seq_mismatch: AtomicU64,
    /// Chairs that could not finish their actions.
    chair_failures: AtomicU64,
    problems: Mutex<Vec<String>>,
    go: watch::Receiver<Option<Instant>>,
    stop: watch::Receiver<bool>,
    rooms: usize,
    actions: usize,
    items: usize,
    interval: Duration,
}

impl Global {
    fn problem(&self, what: String) {
        let mut p = self.problems.lock().unwrap();
        if p.len() < 20 {
            p.push(what);
        }
    }
    fn nanos(&self) -> u64 {
        self.t0.elapsed().as_nanos() as u64
    }
}

/// One room, shared by its connections.
struct Room {
    index: usize,
    id: String,
    chair_key: String,
    participant_key: String,
    /// Send time (ns since t0, +1) of the command expected to produce event `seq`, by seq.
    sent: Box<[AtomicU64]>,
    /// The seq of the last action's event, once the chair knows it (0 before).
    final_seq: AtomicU64,
    /// Connections of this room that joined (each join is one event).
    joins: AtomicU64,
}

/// What a connection task reports at the end.
#[derive(Default)]
struct Outcome {
    /// Chair action → this participant, µs.
    latencies: Vec<u32>,
    /// Command → ack at the chair, µs, with the send time (ms since the go signal).
    acks: Vec<(u32, u32)>,
    /// Events this participant never got (of the actions).
    missing: u64,
    held: bool,
    behind_schedule: u64,
}

/// A frame, classified by a prefix scan.
enum In {
    Event(u64),
    Snapshot(u64),
    Ack { req: Option<u64>, seq: Option<u64> },
    Joined,
    Welcome,
    Error(String),
    Other,
    Closed(String),
}

fn number_after(text: &str, key: &str) -> Option<u64> {
    let at = text.find(key)? + key.len();
    let digits = text[at..]
        .bytes()
        .take_while(|b| b.is_ascii_digit())
        .count();
    text[at..at + digits].parse().ok()
}

fn classify(g: &Global, msg: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>) -> In {
    let text = match msg {
        None => return In::Closed("stream ended".into()),
        Some(Err(e)) => return In::Closed(format!("read error: {e}")),
        Some(Ok(Message::Text(t))) => t,
        Some(Ok(Message::Close(f))) => return In::Closed(format!("close frame {f:?}")),
        Some(Ok(_)) => return In::Other,
    };
    g.frames.fetch_add(1, Relaxed);
    g.bytes.fetch_add(text.len() as u64, Relaxed);
    let t = text.as_str();
    if t.starts_with(r#"{"type":"event""#) {
        match number_after(t, r#""seq":"#) {
            Some(s) => In::Event(s),
            None => In::Error(format!("event without seq: {}", &t[..t.len().min(200)])),
        }
    } else if t.starts_with(r#"{"type":"ack""#) {
        In::Ack {
            req: number_after(t, r#""req":"#),
            seq: number_after(t, r#""seq":"#),
        }
    } else if t.starts_with(r#"{"type":"snapshot""#) {
        In::Snapshot(number_after(t, r#""seq":"#).unwrap_or(0))
    } else if t.starts_with(r#"{"type":"joined""#) {
        In::Joined
    } else if t.starts_with(r#"{"type":"welcome""#) {
        In::Welcome
    } else if t.starts_with(r#"{"type":"error""#) {
        In::Error(t[..t.len().min(300)].to_owned())
    } else {
        In::Other
    }
}

/// One client connection and what it has seen.
struct Conn {
    g: Arc<Global>,
    room: Arc<Room>,
    ws: Ws,
    chair: bool,
    last_seq: u64,
    /// Whether this participant has seen the room's final action event.
    finished: bool,
    out: Outcome,
}

impl Conn {
    async fn send(&mut self, text: String) -> Result<(), String> {
        self.ws
            .send(Message::Text(text.into()))
            .await
            .map_err(|e| format!("send: {e}"))
    }

    /// Handles one incoming frame; returns it for the caller to look at. Errors from the
    /// server and lost connections are counted here.
    fn absorb(
        &mut self,
        msg: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    ) -> In {
        let g = self.g.clone();
        let got = classify(&g, msg);
        match &got {
            In::Event(seq) => {
                let seq = *seq;
                if self.last_seq != 0 && seq != self.last_seq + 1 && seq > self.last_seq {
                    g.gaps.fetch_add(1, Relaxed);
                    g.problem(format!(
                        "room {}: gap, seq {} after {}",
                        self.room.index, seq, self.last_seq
                    ));
                }
                self.last_seq = self.last_seq.max(seq);
                if !self.chair {
                    if let Some(sent) = self
                        .room
                        .sent
                        .get(seq as usize)
                        .map(|s| s.load(Relaxed))
                        .filter(|s| *s != 0)
                    {
                        let lat_us = g.nanos().saturating_sub(sent - 1) / 1000;
                        self.out.latencies.push(lat_us.min(u32::MAX as u64) as u32);
                    }
                    let fin = self.room.final_seq.load(Relaxed);
                    if !self.finished && fin != 0 && seq >= fin {
                        self.finished = true;
                        g.done.fetch_add(1, Relaxed);
                        g.progress.notify_one();
                    }
                }
            }
            In::Snapshot(seq) => self.last_seq = self.last_seq.max(*seq),
            In::Error(e) => {
                g.server_errors.fetch_add(1, Relaxed);
                g.problem(format!("room {}: server error: {e}", self.room.index));
            }
            _ => {}
        }
        got
    }

    /// Reads until the server answers something `pick` accepts (or fails).
    async fn until(&mut self, what: &str, pick: impl Fn(&In) -> bool) -> Result<In, String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let msg = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .map_err(|_| format!("timed out waiting for {what}"))?;
            let got = self.absorb(msg);
            if let In::Closed(why) = &got {
                return Err(format!("closed while waiting for {what}: {why}"));
            }
            if let In::Error(e) = &got {
                return Err(format!("error while waiting for {what}: {e}"));
            }
            if pick(&got) {
                return Ok(got);
            }
        }
    }

    /// Reads (and counts) until `stop`; false when the connection was lost before.
    async fn read_until_stop(&mut self) -> bool {
        let mut stop = self.g.stop.clone();
        loop {
            if *stop.borrow_and_update() {
                return true;
            }
            tokio::select! {
                msg = self.ws.next() => {
                    if let In::Closed(why) = self.absorb(msg) {
                        if !*self.g.stop.borrow() {
                            self.g.lost.fetch_add(1, Relaxed);
                            self.g.problem(format!("room {}: connection lost: {why}", self.room.index));
                            return false;
                        }
                        return true;
                    }
                }
                _ = stop.changed() => {}
            }
        }
    }

    /// Reads (and counts) until `at`; false when the connection was lost.
    async fn read_until(&mut self, at: Instant) -> bool {
        loop {
            tokio::select! {
                msg = self.ws.next() => {
                    if let In::Closed(why) = self.absorb(msg) {
                        self.g.lost.fetch_add(1, Relaxed);
                        self.g.problem(format!("room {}: connection lost: {why}", self.room.index));
                        return false;
                    }
                }
                _ = tokio::time::sleep_until(at) => return true,
            }
        }
    }
}

const SERVICES: &[&str] = &[
    "health_station",
    "psychiatry_substance",
    "social_services",
    "rehabilitation",
    "oral_health",
    "elderly_guidance",
    "disability",
    "support",
    "kela",
];

/// Connects, says hello and joins. The connect permit bounds how many do this at once.
async fn open(g: &Arc<Global>, room: &Arc<Room>, n: usize) -> Result<Conn, String> {
    let _permit = g
        .connect
        .acquire()
        .await
        .map_err(|_| "semaphore closed".to_string())?;
    let chair = n == 0;
    let tcp = tokio::time::timeout(Duration::from_secs(30), TcpStream::connect(g.addr))
        .await
        .map_err(|_| "tcp connect timed out".to_string())?
        .map_err(|e| format!("tcp connect: {e}"))?;
    let _ = tcp.set_nodelay(true);
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0);
    let url = format!("ws://{}/ws/{}", g.host, room.id);
    let (ws, _) = tokio::time::timeout(
        Duration::from_secs(30),
        tokio_tungstenite::client_async_with_config(url, tcp, Some(config)),
    )
    .await
    .map_err(|_| "websocket handshake timed out".to_string())?
    .map_err(|e| format!("websocket handshake: {e}"))?;
    let mut c = Conn {
        g: g.clone(),
        room: room.clone(),
        ws,
        chair,
        last_seq: 0,
        finished: false,
        out: Outcome::default(),
    };
    let key = if chair {
        &room.chair_key
    } else {
        &room.participant_key
    };
    c.send(format!(r#"{{"type":"hello","v":1,"key":"{key}","req":1}}"#))
        .await?;
    c.until("welcome", |m| matches!(m, In::Welcome)).await?;
    let service = SERVICES[(room.index + n) % SERVICES.len()];
    let name = if n % 3 == 1 {
        format!(r#","display_name":"Osallistuja {n}""#)
    } else {
        String::new()
    };
    c.send(format!(
        r#"{{"type":"join","service":"{service}"{name},"req":2}}"#
    ))
    .await?;
    c.until("joined", |m| matches!(m, In::Joined)).await?;
    room.joins.fetch_add(1, Relaxed);
    Ok(c)
}

/// The chair's `k`-th command (without `req`).
fn action(g: &Global, room: &Room, k: usize) -> String {
    if k < g.items {
        let services = [
            SERVICES[(room.index + k) % SERVICES.len()],
            SERVICES[(room.index + k + 3) % SERVICES.len()],
        ];
        format!(
            r#"{{"type":"submit_item","item":{{"kind":"client_case","title":"Kuormitustesti {k}","summary":"Iäkäs asiakas, toistuvat päivystyskäynnit ja asumisen ongelmat.","question":"Mikä palvelu ottaa kokonaisuuden haltuun?","services_wanted":["{}","{}"],"themes":["older_client","homelessness"]}}"#,
            services[0], services[1]
        )
    } else if k == g.items {
        r#"{"type":"start_item","item":"i1""#.to_owned()
    } else {
        match (k - g.items - 1) % 3 {
            0 => r#"{"type":"pause""#.to_owned(),
            1 => r#"{"type":"resume""#.to_owned(),
            _ => r#"{"type":"extend","minutes":1"#.to_owned(),
        }
    }
}

/// The chair: waits for the go signal, then sends its actions on schedule.
async fn chair_actions(c: &mut Conn) -> Result<(), String> {
    let g = c.g.clone();
    let room = c.room.clone();
    let mut go = g.go.clone();
    let start = loop {
        if let Some(at) = *go.borrow_and_update() {
            break at;
        }
        tokio::select! {
            msg = c.ws.next() => {
                if let In::Closed(why) = c.absorb(msg) {
                    g.lost.fetch_add(1, Relaxed);
                    return Err(format!("connection lost before actions: {why}"));
                }
            }
            r = go.changed() => if r.is_err() { return Err("go signal dropped".into()) },
        }
    };
    // Every join of the room produced one event: read up to there so the base is known.
    let base = room.joins.load(Relaxed);
    let deadline = Instant::now() + Duration::from_secs(30);
    while c.last_seq < base {
        let msg = tokio::time::timeout_at(deadline, c.ws.next())
            .await
            .map_err(|_| format!("chair saw seq {} of {base} join events", c.last_seq))?;
        if let In::Closed(why) = c.absorb(msg) {
            g.lost.fetch_add(1, Relaxed);
            return Err(format!("connection lost: {why}"));
        }
    }
    let base = c.last_seq;
    if base as usize + g.actions >= room.sent.len() {
        return Err(format!("room seq {base} larger than expected"));
    }
    room.final_seq.store(base + g.actions as u64, Relaxed);
    let offset = g.interval.mul_f64(room.index as f64 / g.rooms as f64);
    for k in 0..g.actions {
        let at = start + offset + g.interval * k as u32;
        if Instant::now() > at + g.interval {
            c.out.behind_schedule += 1;
        }
        if !c.read_until(at).await {
            return Err("connection lost".into());
        }
        let expect = base + 1 + k as u64;
        let req = 100 + k as u64;
        let mut cmd = action(&g, &room, k);
        cmd.push_str(&format!(r#","req":{req}}}"#));
        let sent_at = g.nanos();
        room.sent[expect as usize].store(sent_at + 1, Relaxed);
        c.send(cmd).await?;
        let ack = c
            .until(
                "ack",
                |m| matches!(m, In::Ack { req: Some(r), .. } if *r == req),
            )
            .await?;
        let since_go = Instant::now().saturating_duration_since(start).as_millis() as u32;
        c.out.acks.push((
            ((g.nanos() - sent_at) / 1000).min(u32::MAX as u64) as u32,
            since_go,
        ));
        if let In::Ack { seq, .. } = ack {
            if seq != Some(expect) {
                g.seq_mismatch.fetch_add(1, Relaxed);
                g.problem(format!(
                    "room {}: action {k} acked with seq {seq:?}, expected {expect}",
                    room.index
                ));
            }
        }
    }
    Ok(())
}

/// One connection from connect to stop.
async fn connection(g: Arc<Global>, room: Arc<Room>, n: usize) -> Outcome {
    let mut c = match open(&g, &room, n).await {
        Ok(c) => c,
        Err(e) => {
            g.failed.fetch_add(1, Relaxed);
            g.problem(format!("room {} conn {n}: {e}", room.index));
            g.progress.notify_one();
            return Outcome::default();
        }
    };
    if c.chair {
        g.chairs_joined.fetch_add(1, Relaxed);
    }
    g.joined.fetch_add(1, Relaxed);
    g.progress.notify_one();
    if c.chair {
        if let Err(e) = chair_actions(&mut c).await {
            g.problem(format!("room {} chair: {e}", room.index));
            g.chair_failures.fetch_add(1, Relaxed);
            return std::mem::take(&mut c.out);
        }
    }
    let held = c.read_until_stop().await;
    let mut out = std::mem::take(&mut c.out);
    out.held = held;
    if !c.chair {
        let fin = room.final_seq.load(Relaxed);
        if fin > c.last_seq {
            out.missing = fin - c.last_seq;
        }
    }
    if held {
        let _ = tokio::time::timeout(Duration::from_secs(2), c.ws.close(None)).await;
    }
    out
}

/// VmRSS and VmHWM of a process, in KiB.
fn rss_kib(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// User + system CPU seconds of a process.
fn cpu_secs(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Some(ticks as f64 / hz)
}

/// Time the threads of a process spent runnable but waiting for a CPU, seconds (from
/// /proc/<pid>/task/*/schedstat): high values mean the machine's cores were oversubscribed.
fn runqueue_wait_secs(pid: u32) -> Option<f64> {
    let mut total = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let Ok(task) = task else { continue };
        if let Ok(s) = std::fs::read_to_string(task.path().join("schedstat")) {
            total += s
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Some(total as f64 / 1e9)
}

/// Raises the soft open-files limit to the hard one; returns the new soft limit.
fn raise_fd_limit() -> u64 {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 0;
        }
        if lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
        lim.rlim_cur
    }
}

fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

/// Temporary directory for the server's database, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if args.items == 0 && args.actions > 0 {
        eprintln!("loadgen: --items must be at least 1 (start_item needs a queued item)");
        return std::process::ExitCode::from(2);
    }
    let fd_limit = raise_fd_limit();
    let wanted = args.rooms * (args.participants + 1);
    if (wanted as u64) + 64 > fd_limit {
        eprintln!("loadgen: warning: {wanted} connections but the open-files limit is {fd_limit}");
    }
    // The harness logs at debug by default: every event would be logged and kept in memory.
    if std::env::var_os("PPT_LOG").is_none() {
        std::env::set_var("PPT_LOG", "warn");
    }
    let mut _tmp = None;
    let mut _server = None;
    let (url, token, pid) = match &args.url {
        Some(url) => {
            let Some(token) = args
                .token
                .clone()
                .or_else(|| std::env::var("PPT_COORDINATOR_TOKEN").ok())
            else {
                eprintln!("loadgen: --url needs --token (or PPT_COORDINATOR_TOKEN)");
                return std::process::ExitCode::from(2);
            };
            (url.trim_end_matches('/').to_owned(), token, args.server_pid)
        }
        None => {
            let binary = e2e::server_binary(true);
            if !binary.components().any(|c| c.as_os_str() == "release") {
                eprintln!(
                    "loadgen: warning: using {} (not a release build); figures will be poor",
                    binary.display()
                );
            }
            let dir = std::env::temp_dir().join(format!("ppt-loadgen-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let server = e2e::Server::start_with(binary.clone(), dir.join("ppt-hub.db"), &[]);
            eprintln!(
                "loadgen: started {} at {} (pid {:?})",
                binary.display(),
                server.http(),
                server.pid()
            );
            let out = (server.http(), e2e::TOKEN.to_owned(), server.pid());
            _tmp = Some(TempDir(dir));
            _server = Some(server);
            out
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads.max(1))
        .enable_all()
        .build()
        .expect("tokio runtime");
    let code = runtime.block_on(run(args, url, token, pid));
    drop(runtime);
    drop(_server);
    code
}

async fn run(args: Args, url: String, token: String, pid: Option<u32>) -> std::process::ExitCode {
    let host = url
        .strip_prefix("http://")
        .unwrap_or(&url)
        .trim_end_matches('/')
        .to_owned();
    let addr = match tokio::net::lookup_host(&host)
        .await
        .ok()
        .and_then(|mut a| a.next())
    {
        Some(a) => a,
        None => {
            eprintln!("loadgen: cannot resolve {host}");
            return std::process::ExitCode::from(2);
        }
    };

    // Phase 1: rooms.
    let t = Instant::now();
    let http = reqwest::Client::new();
    let created: Vec<Result<serde_json::Value, String>> = futures_util::stream::iter(0..args.rooms)
        .map(|i| {
            let http = http.clone();
            let url = url.clone();
            let token = token.clone();
            async move {
                let resp = http
                    .post(format!("{url}/api/meetings"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({ "centre_id": "kalasatama", "title": format!("Kuormitustesti {i}") }))
                    .send()
                    .await
                    .map_err(|e| format!("POST /api/meetings: {e}"))?;
                let status = resp.status();
                if status.as_u16() != 201 {
                    return Err(format!("POST /api/meetings: {status}: {}", resp.text().await.unwrap_or_default()));
                }
                resp.json::<serde_json::Value>().await.map_err(|e| format!("meeting JSON: {e}"))
            }
        })
        .buffered(16)
        .collect()
        .await;
    let slots = args.participants + 1 + args.actions + 64;
    let mut rooms = Vec::with_capacity(args.rooms);
    for (index, m) in created.into_iter().enumerate() {
        let m = match m {
            Ok(m) => m,
            Err(e) => {
                eprintln!("loadgen: {e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        let s = |k: &str| m[k].as_str().unwrap_or_default().to_owned();
        rooms.push(Arc::new(Room {
            index,
            id: s("id"),
            chair_key: s("chair_key"),
            participant_key: s("participant_key"),
            sent: (0..slots).map(|_| AtomicU64::new(0)).collect(),
            final_seq: AtomicU64::new(0),
            joins: AtomicU64::new(0),
        }));
    }
    eprintln!(
        "loadgen: created {} rooms in {:.2} s",
        rooms.len(),
        t.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let baseline = pid.and_then(rss_kib);

    // Phase 2: connect.
    let (go_tx, go_rx) = watch::channel(None);
    let (stop_tx, stop_rx) = watch::channel(false);
    let g = Arc::new(Global {
        t0: Instant::now(),
        addr,
        host: host.clone(),
        connect: Semaphore::new(args.connect_concurrency.max(1)),
        frames: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
        joined: AtomicUsize::new(0),
        chairs_joined: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        progress: Notify::new(),
        server_errors: AtomicU64::new(0),
        lost: AtomicU64::new(0),
        gaps: AtomicU64::new(0),
        seq_mismatch: AtomicU64::new(0),
        chair_failures: AtomicU64::new(0),
        problems: Mutex::new(Vec::new()),
        go: go_rx,
        stop: stop_rx,
        rooms: args.rooms,
        actions: args.actions,
        items: args.items,
        interval: Duration::from_millis(args.interval_ms),
    });
    let total = rooms.len() * (args.participants + 1);
    let t_connect = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for room in &rooms {
        for n in 0..=args.participants {
            tasks.push(tokio::spawn(connection(g.clone(), room.clone(), n)));
        }
    }
    let mut last_print = Instant::now();
    loop {
        let settled = g.joined.load(Relaxed) + g.failed.load(Relaxed);
        if settled >= total {
            break;
        }
        let _ = tokio::time::timeout(Duration::from_millis(500), g.progress.notified()).await;
        if last_print.elapsed() > Duration::from_secs(2) {
            last_print = Instant::now();
            eprintln!(
                "loadgen: connected {} / {total} ({} failed)",
                g.joined.load(Relaxed),
                g.failed.load(Relaxed)
            );
        }
    }
    let connect_secs = t_connect.elapsed().as_secs_f64();
    let joined = g.joined.load(Relaxed);
    eprintln!("loadgen: {joined} connections joined in {connect_secs:.2} s");

    // Phase 3: idle.
    tokio::time::sleep(Duration::from_secs_f64(args.idle_secs)).await;
    let idle = pid.and_then(rss_kib);
    let lost_idle = g.lost.load(Relaxed);
    let cpu_before = pid.and_then(cpu_secs);
    let self_cpu_before = cpu_secs(std::process::id());
    let wait_before = pid.and_then(runqueue_wait_secs);
    let self_wait_before = runqueue_wait_secs(std::process::id());

    // Phase 4: actions.
    let participants_joined = joined - g.chairs_joined.load(Relaxed);
    let frames_before = g.frames.load(Relaxed);
    let bytes_before = g.bytes.load(Relaxed);
    let start = Instant::now() + Duration::from_millis(100);
    let _ = go_tx.send(Some(start));
    let planned = Duration::from_millis(args.interval_ms) * args.actions as u32
        + Duration::from_millis(args.interval_ms);
    let deadline = start + planned + Duration::from_secs(args.timeout_secs);
    eprintln!(
        "loadgen: action phase: {} chairs × {} actions, {} ms apart",
        rooms.len(),
        args.actions,
        args.interval_ms
    );
    let mut last_print = Instant::now();
    while g.done.load(Relaxed) < participants_joined
        && Instant::now() < deadline
        && args.actions > 0
    {
        let _ = tokio::time::timeout(Duration::from_millis(200), g.progress.notified()).await;
        if last_print.elapsed() > Duration::from_secs(2) {
            last_print = Instant::now();
            eprintln!(
                "loadgen: {} / {participants_joined} participants have every event",
                g.done.load(Relaxed)
            );
        }
    }
    let action_secs = start.elapsed().as_secs_f64().max(1e-9);
    let frames = g.frames.load(Relaxed) - frames_before;
    let bytes = g.bytes.load(Relaxed) - bytes_before;
    let cpu_after = pid.and_then(cpu_secs);
    let self_cpu_after = cpu_secs(std::process::id());
    let wait_after = pid.and_then(runqueue_wait_secs);
    let self_wait_after = runqueue_wait_secs(std::process::id());
    let peak = pid.and_then(rss_kib);

    // Phase 5: stop and collect.
    let _ = stop_tx.send(true);
    let mut hist = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3).expect("histogram");
    let mut acks = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3).expect("histogram");
    let mut missing = 0u64;
    let mut held = 0usize;
    let mut behind = 0u64;
    let mut timeline: Vec<Vec<u32>> = Vec::new();
    for t in tasks {
        if let Ok(out) = t.await {
            for l in out.latencies {
                hist.saturating_record(l.max(1) as u64);
            }
            for (l, at) in out.acks {
                acks.saturating_record(l.max(1) as u64);
                let sec = (at / 1000) as usize;
                if timeline.len() <= sec {
                    timeline.resize(sec + 1, Vec::new());
                }
                timeline[sec].push(l);
            }
            missing += out.missing;
            held += out.held as usize;
            behind += out.behind_schedule;
        }
    }
    let expected_deliveries = (participants_joined * args.actions) as u64;

    // Summary.
    let kib_per_conn = match (baseline, idle) {
        (Some((b, _)), Some((i, _))) if joined > 0 => {
            Some(i.saturating_sub(b) as f64 / joined as f64)
        }
        _ => None,
    };
    let opt =
        |v: Option<f64>, digits: usize| v.map_or("n/a".to_owned(), |v| format!("{v:.digits$}"));
    let server_errors = g.server_errors.load(Relaxed);
    let lost = g.lost.load(Relaxed);
    let gaps = g.gaps.load(Relaxed);
    let mismatch = g.seq_mismatch.load(Relaxed);
    let chair_failures = g.chair_failures.load(Relaxed);
    let failed = g.failed.load(Relaxed);
    println!("=== loadgen summary ===");
    println!(
        "server: {url}{}",
        pid.map_or(String::new(), |p| format!(" (pid {p})"))
    );
    println!(
        "rooms: {}  participants_per_room: {}  actions_per_chair: {}  interval_ms: {}",
        rooms.len(),
        args.participants,
        args.actions,
        args.interval_ms
    );
    println!("connections: {joined} of {total} joined, {held} held to the end ({failed} failed, {lost} lost; {lost_idle} lost while idle)");
    println!(
        "connect_s: {connect_secs:.2}  ({:.0} connections/s, concurrency {})",
        joined as f64 / connect_secs,
        args.connect_concurrency
    );
    println!(
        "latency_ms p50={:.2} p90={:.2} p99={:.2} p999={:.2} max={:.2}  (chair action -> participant, {} samples of {expected_deliveries} expected)",
        ms(hist.value_at_quantile(0.50)),
        ms(hist.value_at_quantile(0.90)),
        ms(hist.value_at_quantile(0.99)),
        ms(hist.value_at_quantile(0.999)),
        ms(hist.max()),
        hist.len()
    );
    println!(
        "ack_ms p50={:.2} p99={:.2} max={:.2}  (chair command -> ack; {behind} actions sent late)",
        ms(acks.value_at_quantile(0.50)),
        ms(acks.value_at_quantile(0.99)),
        ms(acks.max())
    );
    println!(
        "messages_per_s: {:.0}  ({frames} frames, {:.1} MB in {action_secs:.2} s of action phase; {:.0} commands/s)",
        frames as f64 / action_secs,
        bytes as f64 / 1e6,
        (rooms.len() * args.actions) as f64 / action_secs
    );
    println!(
        "server_rss_baseline_mb: {}",
        opt(baseline.map(|b| b.0 as f64 / 1024.0), 1)
    );
    println!(
        "server_rss_idle_mb: {}",
        opt(idle.map(|b| b.0 as f64 / 1024.0), 1)
    );
    println!(
        "server_rss_peak_mb: {}",
        opt(peak.map(|b| b.1 as f64 / 1024.0), 1)
    );
    println!(
        "server_rss_per_idle_connection_kib: {}",
        opt(kib_per_conn, 1)
    );
    if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
        println!(
            "server_cpu_s_in_action_phase: {:.2}  ({:.0} % of one core)",
            b - a,
            (b - a) / action_secs * 100.0
        );
    }
    if let (Some(a), Some(b)) = (wait_before, wait_after) {
        println!(
            "server_runqueue_wait_s_in_action_phase: {:.2}  (threads runnable but not running)",
            b - a
        );
    }
    if let (Some(a), Some(b)) = (self_cpu_before, self_cpu_after) {
        println!(
            "loadgen_cpu_s_in_action_phase: {:.2}  ({:.0} % of one core)",
            b - a,
            (b - a) / action_secs * 100.0
        );
    }
    if let (Some(a), Some(b)) = (self_wait_before, self_wait_after) {
        println!("loadgen_runqueue_wait_s_in_action_phase: {:.2}", b - a);
    }
    if let Some((rss, hwm)) = rss_kib(std::process::id()) {
        println!(
            "loadgen_rss_mb: {:.1} (peak {:.1})",
            rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        );
    }
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        println!(
            "machine_loadavg: {} (other work on the machine skews latency)",
            l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
        );
    }
    println!("errors: server_errors={server_errors} lost={lost} failed={failed} gaps={gaps} seq_mismatch={mismatch} chair_failures={chair_failures} missing_events={missing}");
    if args.timeline {
        for (sec, mut v) in timeline.into_iter().enumerate() {
            v.sort_unstable();
            if v.is_empty() {
                continue;
            }
            let q = |f: f64| ms(v[((v.len() - 1) as f64 * f) as usize] as u64);
            println!(
                "  second {sec:3}: {:5} commands, ack p50={:.2} p99={:.2} max={:.2} ms",
                v.len(),
                q(0.5),
                q(0.99),
                q(1.0)
            );
        }
    }
    let problems = g.problems.lock().unwrap().clone();
    for p in &problems {
        println!("  problem: {p}");
    }

    let mut ok = server_errors == 0
        && lost == 0
        && failed == 0
        && gaps == 0
        && mismatch == 0
        && chair_failures == 0
        && missing == 0
        && joined == total;
    if args.check {
        let p99 = ms(hist.value_at_quantile(0.99));
        let mut misses = Vec::new();
        if args.actions > 0 && (hist.is_empty() || p99 > args.target_p99_ms) {
            misses.push(format!("p99 {p99:.2} ms > {} ms", args.target_p99_ms));
        }
        match kib_per_conn {
            Some(k) if k > args.target_kib_per_conn => misses.push(format!(
                "{k:.1} KiB per connection > {}",
                args.target_kib_per_conn
            )),
            None => misses.push("memory per connection not measured (no server pid)".into()),
            _ => {}
        }
        if held < total {
            misses.push(format!("{held} of {total} connections held"));
        }
        for m in &misses {
            println!("target missed: {m}");
        }
        ok &= misses.is_empty();
    }
    println!("result: {}", if ok { "ok" } else { "FAILED" });
    if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
