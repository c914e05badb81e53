//! The run, phase by phase: create the rooms (`POST /api/meetings`), connect everyone (hello +
//! join, bounded concurrency), hold every connection idle (measure the server's memory), let
//! every chair act on schedule, then stop and collect what each connection saw.

use crate::cli::Args;
use crate::procfs::{cpu_secs, rss_kib, runqueue_wait_secs};
use crate::report::{self, Measured, Verdict};
use crate::tally::{Global, Outcome, Room};
use crate::tasks::connection;
use futures_util::StreamExt;
use hdrhistogram::Histogram;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{watch, Notify, Semaphore};
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Runs every phase against the server at `url` (`pid`: its process, to measure) and prints the
/// summary; the verdict says whether everything arrived (and, with `--check`, every target was
/// met).
pub async fn run(args: Args, url: String, token: String, pid: Option<u32>) -> Verdict {
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
            return Verdict::failed();
        }
    };

    // Phase 1: rooms.
    let run_cpu_before = pid.and_then(cpu_secs);
    let rooms = match create_rooms(&args, &url, &token).await {
        Ok(rooms) => rooms,
        Err(()) => return Verdict::failed(),
    };
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
    let frames_whole_run = g.frames.load(Relaxed);
    let frames = frames_whole_run - frames_before;
    let bytes = g.bytes.load(Relaxed) - bytes_before;
    let cpu_after = pid.and_then(cpu_secs);
    let self_cpu_after = cpu_secs(std::process::id());
    let wait_after = pid.and_then(runqueue_wait_secs);
    let self_wait_after = runqueue_wait_secs(std::process::id());
    let peak = pid.and_then(rss_kib);

    // Phase 5: stop and collect.
    let _ = stop_tx.send(true);
    let expected_deliveries = (participants_joined * args.actions) as u64;
    let collected = collect(tasks).await;
    let measured = Measured {
        rooms: rooms.len(),
        total,
        joined,
        held: collected.held,
        lost_idle,
        connect_secs,
        hist: collected.hist,
        acks: collected.acks,
        missing: collected.missing,
        behind: collected.behind,
        timeline: collected.timeline,
        expected_deliveries,
        frames,
        bytes,
        action_secs,
        baseline,
        idle,
        peak,
        server_cpu: (cpu_before, cpu_after),
        server_cpu_whole_run: (run_cpu_before, cpu_after),
        frames_whole_run,
        server_wait: (wait_before, wait_after),
        own_cpu: (self_cpu_before, self_cpu_after),
        own_wait: (self_wait_before, self_wait_after),
    };
    report::print(&args, &url, pid, &g, &measured)
}

/// Phase 1: creates `--rooms` meetings, 16 requests at a time; on a refusal says why and gives
/// the exit code.
async fn create_rooms(args: &Args, url: &str, token: &str) -> Result<Vec<Arc<Room>>, ()> {
    let t = Instant::now();
    let http = reqwest::Client::new();
    let created: Vec<Result<serde_json::Value, String>> = futures_util::stream::iter(0..args.rooms)
        .map(|i| {
            let http = http.clone();
            let url = url.to_owned();
            let token = token.to_owned();
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
                return Err(());
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
    Ok(rooms)
}

/// What all connections saw, added up.
struct Collected {
    hist: Histogram<u64>,
    acks: Histogram<u64>,
    missing: u64,
    held: usize,
    behind: u64,
    timeline: Vec<Vec<u32>>,
}

/// Phase 5: waits for every connection task and adds up what it reports.
async fn collect(tasks: Vec<JoinHandle<Outcome>>) -> Collected {
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
    Collected {
        hist,
        acks,
        missing,
        held,
        behind,
        timeline,
    }
}
