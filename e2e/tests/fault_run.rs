//! Fault run: the server under load is killed with SIGKILL several times and restarted on the
//! same database. Every command that was acknowledged is in the stored log afterwards (0 lost),
//! and every client resumes — reconnects, says `hello` with its last position, joins again
//! with its secret — within 2 s of the restart; the run prints the acked and lost counts and
//! the p50/p99 resume time (the process start included).
//!
//! The load: `ROOMS` rooms, each with a presented item and `PER_ROOM` professionals who raise
//! and lower their hands as fast as the per-connection rate limit allows. Each raise or lower
//! that is acked with a `seq` must be that very event in the log: `hand_raised` /
//! `hand_lowered` of that participant.

use e2e::{submit, Meeting, Server};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

const ROOMS: usize = 4;
const PER_ROOM: usize = 5;
const KILLS: usize = 5;
/// Load between kills.
const LOAD: Duration = Duration::from_millis(1500);
/// A command every this often per client (the rate limit allows more).
const PACE: Duration = Duration::from_millis(80);

/// A command the server acknowledged with the seq of the event it made.
#[derive(Debug)]
struct Acked {
    meeting: String,
    participant: String,
    seq: u64,
    kind: &'static str,
}

/// What all clients share: when the server was last (re)started, and when to stop.
struct Run {
    restarted_at: Mutex<Option<Instant>>,
    stop: AtomicBool,
    acked: Mutex<Vec<Acked>>,
    resumes: Mutex<Vec<Duration>>,
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// One professional's connection: its position in the log and its secret survive reconnects.
struct Professional {
    addr: String,
    meeting: String,
    key: String,
    service: &'static str,
    secret: Option<String>,
    participant: Option<String>,
    epoch: Option<String>,
    seq: u64,
    req: u64,
}

impl Professional {
    /// Notes the log position from a frame.
    fn track(&mut self, m: &Value) {
        match m["type"].as_str() {
            Some("snapshot") => {
                self.epoch = m["epoch"].as_str().map(str::to_owned);
                self.seq = m["seq"].as_u64().unwrap_or(0);
            }
            Some("event") => {
                self.epoch = m["epoch"].as_str().map(str::to_owned);
                self.seq = self.seq.max(m["event"]["seq"].as_u64().unwrap_or(0));
            }
            _ => {}
        }
    }

    /// Waits for the answer to request `req`, tracking everything else; `None` when the socket
    /// fails or nothing comes in time.
    async fn answer(&mut self, ws: &mut Ws, req: u64) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let msg = tokio::time::timeout_at(deadline, ws.next())
                .await
                .ok()??
                .ok()?;
            let Message::Text(text) = msg else { continue };
            let m: Value = serde_json::from_str(&text).ok()?;
            self.track(&m);
            if m["req"] == json!(req) {
                return Some(m);
            }
        }
    }

    async fn send(&mut self, ws: &mut Ws, mut msg: Value) -> Option<Value> {
        self.req += 1;
        let req = self.req;
        msg["req"] = json!(req);
        ws.send(Message::Text(msg.to_string().into())).await.ok()?;
        self.answer(ws, req).await
    }

    /// Connects, says hello with the last position, joins with the secret.
    async fn connect(&mut self) -> Option<Ws> {
        let url = format!("ws://{}/ws/{}", self.addr, self.meeting);
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.ok()?;
        let mut hello = json!({"type": "hello", "v": 1, "key": self.key});
        if let Some(epoch) = &self.epoch {
            hello["last"] = json!({"epoch": epoch, "seq": self.seq});
        }
        ws.send(Message::Text(hello.to_string().into()))
            .await
            .ok()?;
        let mut join = json!({"type": "join", "service": self.service});
        if let Some(s) = &self.secret {
            join["secret"] = json!(s);
        }
        let answer = self.send(&mut ws, join).await?;
        if answer["type"] != "joined" {
            return None;
        }
        self.secret = answer["secret"].as_str().map(str::to_owned);
        self.participant = answer["participant_id"].as_str().map(str::to_owned);
        Some(ws)
    }

    /// Raises and lowers the hand until told to stop, reconnecting whenever the server goes.
    async fn run(mut self, run: Arc<Run>) {
        let mut up = false;
        let mut connected_before = false;
        while !run.stop.load(Ordering::SeqCst) {
            let Some(mut ws) = self.connect().await else {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            };
            if connected_before {
                let since = run.restarted_at.lock().unwrap().map(|t| t.elapsed());
                run.resumes.lock().unwrap().extend(since);
            }
            connected_before = true;
            while !run.stop.load(Ordering::SeqCst) {
                tokio::time::sleep(PACE).await;
                let (ty, kind) = if up {
                    ("lower_hand", "hand_lowered")
                } else {
                    ("raise_hand", "hand_raised")
                };
                let Some(answer) = self.send(&mut ws, json!({ "type": ty })).await else {
                    break;
                };
                if answer["type"] == "ack" {
                    up = !up;
                    if let Some(seq) = answer["seq"].as_u64() {
                        run.acked.lock().unwrap().push(Acked {
                            meeting: self.meeting.clone(),
                            participant: self.participant.clone().unwrap(),
                            seq,
                            kind,
                        });
                    }
                }
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn after_repeated_sigkills_under_load_no_acked_command_is_lost_and_clients_resume_quickly() {
    // SQLite: the stored log is read from the file at the end.
    let mut server = Server::start_sqlite(&["--grace-secs", "10"]);
    let run = Arc::new(Run {
        restarted_at: Mutex::new(None),
        stop: AtomicBool::new(false),
        acked: Mutex::new(Vec::new()),
        resumes: Mutex::new(Vec::new()),
    });
    let services = [
        "social_services",
        "psychiatry_substance",
        "rehabilitation",
        "oral_health",
        "disability",
    ];
    let mut tasks = Vec::new();
    for _ in 0..ROOMS {
        let m = Meeting::create(&server).await;
        // A presented item, so hands can go up.
        let mut chair = m.chair_joined(&server.addr, "health_station").await;
        chair
            .ok(submit(
                "Yhteistyö kotihoidon kanssa",
                "",
                "Kuka koordinoi?",
                &[],
            ))
            .await;
        chair.ok(json!({"type": "start_item", "item": "i1"})).await;
        chair.close().await;
        for service in services.iter().take(PER_ROOM) {
            let p = Professional {
                addr: server.addr.clone(),
                meeting: m.id.clone(),
                key: m.participant_key.clone(),
                service,
                secret: None,
                participant: None,
                epoch: None,
                seq: 0,
                req: 0,
            };
            tasks.push(tokio::spawn(p.run(run.clone())));
        }
    }
    for _ in 0..KILLS {
        tokio::time::sleep(LOAD).await;
        tokio::task::block_in_place(|| server.kill9());
        tokio::time::sleep(Duration::from_millis(200)).await;
        *run.restarted_at.lock().unwrap() = Some(Instant::now());
        let before = run.resumes.lock().unwrap().len();
        tokio::task::block_in_place(|| server.restart());
        // Every client back before the next kill.
        let waited = Instant::now();
        while run.resumes.lock().unwrap().len() < before + ROOMS * PER_ROOM {
            assert!(
                waited.elapsed() < Duration::from_secs(20),
                "clients did not all resume: {} of {}",
                run.resumes.lock().unwrap().len() - before,
                ROOMS * PER_ROOM
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    tokio::time::sleep(LOAD).await;
    run.stop.store(true, Ordering::SeqCst);
    for t in tasks {
        t.await.unwrap();
    }
    assert!(server.terminate(), "clean stop at the end");

    // Every acked command is that very event in the stored log.
    let db = rusqlite::Connection::open_with_flags(
        &server.db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let acked = std::mem::take(&mut *run.acked.lock().unwrap());
    let mut lost = Vec::new();
    for a in &acked {
        let row: Option<(String, String)> = db
            .query_row(
                "SELECT kind, body FROM events WHERE meeting_id = ?1 AND seq = ?2",
                rusqlite::params![a.meeting, a.seq as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let found = row.is_some_and(|(kind, body)| {
            let body: Value = serde_json::from_str(&body).unwrap();
            kind == a.kind && body["participant"] == json!(a.participant)
        });
        if !found {
            lost.push(a);
        }
    }
    let mut resumes = run.resumes.lock().unwrap().clone();
    resumes.sort();
    let (p50, p99, max) = (
        percentile(&resumes, 0.50),
        percentile(&resumes, 0.99),
        *resumes.last().unwrap(),
    );
    eprintln!(
        "fault run: {KILLS} SIGKILLs under load ({ROOMS} rooms x {PER_ROOM} clients): {} commands acked, {} lost; \
         {} resumes, time from restart to joined again p50 {} ms, p99 {} ms, max {} ms (process start included)",
        acked.len(),
        lost.len(),
        resumes.len(),
        p50.as_millis(),
        p99.as_millis(),
        max.as_millis()
    );
    assert!(acked.len() > 200, "the load ran: {} acked", acked.len());
    assert!(lost.is_empty(), "acked but not in the log: {lost:?}");
    assert_eq!(resumes.len(), KILLS * ROOMS * PER_ROOM);
    assert!(p99 < Duration::from_secs(2), "p99 resume {p99:?}");
}
