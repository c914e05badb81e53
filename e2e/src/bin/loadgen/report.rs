//! The summary the run prints (one `key: value` line per figure, which scripts read) and the
//! verdict: `result: ok` when every event reached every participant and, with `--check`, every
//! target was met.

use crate::cli::Args;
use crate::procfs::rss_kib;
use crate::tally::Global;
use hdrhistogram::Histogram;
use std::sync::atomic::Ordering::Relaxed;

/// Microseconds as milliseconds, for printing.
pub fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

/// What the phases measured, for the summary.
pub struct Measured {
    /// Rooms created.
    pub rooms: usize,
    /// Connections planned (rooms × (participants + chair)).
    pub total: usize,
    /// Connections that joined.
    pub joined: usize,
    /// Connections still open when the run stopped.
    pub held: usize,
    /// Connections lost while idle.
    pub lost_idle: u64,
    /// How long connecting everyone took, s.
    pub connect_secs: f64,
    /// Chair action → participant, µs.
    pub hist: Histogram<u64>,
    /// Chair command → ack, µs.
    pub acks: Histogram<u64>,
    /// Action events participants never got.
    pub missing: u64,
    /// Actions the chairs sent late.
    pub behind: u64,
    /// Ack times per second of the action phase, µs.
    pub timeline: Vec<Vec<u32>>,
    /// Action events that should have reached participants.
    pub expected_deliveries: u64,
    /// Frames received in the action phase.
    pub frames: u64,
    /// Their bytes.
    pub bytes: u64,
    /// How long the action phase took, s.
    pub action_secs: f64,
    /// Server VmRSS and VmHWM (KiB) after creating the rooms, after the idle phase, after the
    /// action phase.
    pub baseline: Option<(u64, u64)>,
    /// See `baseline`.
    pub idle: Option<(u64, u64)>,
    /// See `baseline`.
    pub peak: Option<(u64, u64)>,
    /// The server's CPU seconds before and after the action phase.
    pub server_cpu: (Option<f64>, Option<f64>),
    /// The server's CPU seconds before the rooms were made and after the action phase.
    pub server_cpu_whole_run: (Option<f64>, Option<f64>),
    /// Frames received from the first connection to the end of the action phase (snapshots,
    /// joins and acks included).
    pub frames_whole_run: u64,
    /// The server's run-queue wait before and after the action phase, s.
    pub server_wait: (Option<f64>, Option<f64>),
    /// The load generator's own CPU seconds before and after.
    pub own_cpu: (Option<f64>, Option<f64>),
    /// The load generator's own run-queue wait before and after, s.
    pub own_wait: (Option<f64>, Option<f64>),
}

/// How a run went, for the exit code and for saturation mode.
#[derive(Clone, Copy, Debug)]
pub struct Verdict {
    /// Every event reached every participant (and, with `--check`, every target was met).
    pub ok: bool,
    /// Chair action -> participant, ms.
    pub p99_ms: f64,
    /// Frames delivered per second in the action phase.
    pub frames_per_s: f64,
    /// Chair commands per second in the action phase.
    pub commands_per_s: f64,
    /// The server's CPU per delivered frame in the action phase, µs (when measured).
    pub cpu_us_per_frame: Option<f64>,
}

impl Verdict {
    /// A run that could not start.
    pub fn failed() -> Verdict {
        Verdict {
            ok: false,
            p99_ms: f64::INFINITY,
            frames_per_s: 0.0,
            commands_per_s: 0.0,
            cpu_us_per_frame: None,
        }
    }
}

/// Prints the summary of a run against `url` and returns how it went.
pub fn print(args: &Args, url: &str, pid: Option<u32>, g: &Global, m: &Measured) -> Verdict {
    let Measured {
        rooms,
        total,
        joined,
        held,
        lost_idle,
        missing,
        behind,
        connect_secs,
        expected_deliveries,
        frames,
        bytes,
        action_secs,
        ..
    } = *m;
    let (hist, acks, timeline) = (&m.hist, &m.acks, &m.timeline);
    let (cpu_before, cpu_after) = m.server_cpu;
    let (wait_before, wait_after) = m.server_wait;
    let (self_cpu_before, self_cpu_after) = m.own_cpu;
    let (self_wait_before, self_wait_after) = m.own_wait;
    let kib_per_conn = match (m.baseline, m.idle) {
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
        rooms, args.participants, args.actions, args.interval_ms
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
        (rooms * args.actions) as f64 / action_secs
    );
    println!(
        "server_rss_baseline_mb: {}",
        opt(m.baseline.map(|b| b.0 as f64 / 1024.0), 1)
    );
    println!(
        "server_rss_idle_mb: {}",
        opt(m.idle.map(|b| b.0 as f64 / 1024.0), 1)
    );
    println!(
        "server_rss_peak_mb: {}",
        opt(m.peak.map(|b| b.1 as f64 / 1024.0), 1)
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
    // What one delivered frame costs the server: the figure to compare hubs by.
    if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
        if frames > 0 {
            println!(
                "server_cpu_us_per_delivered_frame_action_phase: {:.2}",
                (b - a) * 1e6 / frames as f64
            );
        }
    }
    if let ((Some(a), Some(b)), n) = (m.server_cpu_whole_run, m.frames_whole_run) {
        if n > 0 {
            println!(
                "server_cpu_us_per_delivered_frame_whole_run: {:.2}  ({:.2} s for {n} frames)",
                (b - a) * 1e6 / n as f64,
                b - a
            );
        }
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
        for (sec, v) in timeline.iter().enumerate() {
            let mut v = v.clone();
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
    Verdict {
        ok,
        p99_ms: ms(hist.value_at_quantile(0.99)),
        frames_per_s: frames as f64 / action_secs,
        commands_per_s: (rooms * args.actions) as f64 / action_secs,
        cpu_us_per_frame: match (cpu_before, cpu_after) {
            (Some(a), Some(b)) if frames > 0 => Some((b - a) * 1e6 / frames as f64),
            _ => None,
        },
    }
}
