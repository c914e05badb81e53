//! Saturation mode: the same load shape run again and again on fresh rooms, the chairs acting
//! faster each step, until chair action -> participant p99 passes the limit (or an event is
//! lost), and then once more halfway (geometrically) between the last rate held and that one. What it prints last is the highest rate the server held: the figure to compare hubs
//! by when both are pushed to the machine's limit.

use crate::cli::Args;
use crate::report::Verdict;
use crate::run::run;

/// Runs the steps and prints one line per step and the highest rate held; fails when even the
/// first step did not hold.
pub async fn saturate(
    args: Args,
    url: String,
    token: String,
    pid: Option<u32>,
) -> std::process::ExitCode {
    let factor = args.saturation_factor.max(1.01);
    let mut interval = args.interval_ms.max(1) as f64;
    let mut steps: Vec<(u64, Verdict)> = Vec::new();
    let mut best: Option<(u64, Verdict)> = None;
    // After the first step that does not hold: one more between it and the last that did.
    let mut refined = false;
    loop {
        let ms = interval.round().max(1.0) as u64;
        let mut step = args.clone();
        step.interval_ms = ms;
        // Long enough to measure at every rate.
        let wanted = (args.saturation_step_secs * 1000.0 / ms as f64).ceil() as usize;
        step.actions = args.actions.max(wanted);
        step.check = false;
        eprintln!(
            "loadgen: saturation step: {} rooms × {} participants, {ms} ms apart, {} actions",
            args.rooms, args.participants, step.actions
        );
        let verdict = run(step, url.clone(), token.clone(), pid).await;
        steps.push((ms, verdict));
        let held = verdict.ok && verdict.p99_ms <= args.saturation_p99_ms;
        println!(
            "saturation_step: interval_ms={ms} commands_per_s={:.0} frames_per_s={:.0} p99_ms={:.2} cpu_us_per_frame={} {}",
            verdict.commands_per_s,
            verdict.frames_per_s,
            verdict.p99_ms,
            verdict
                .cpu_us_per_frame
                .map_or("n/a".to_owned(), |c| format!("{c:.2}")),
            if held { "held" } else { "not_held" }
        );
        if held && best.is_none_or(|(_, b)| verdict.frames_per_s > b.frames_per_s) {
            best = Some((ms, verdict));
        }
        if refined || ms == 1 {
            break;
        }
        if !held {
            let Some((last_held, _)) = best else { break };
            let between = ((last_held * ms) as f64).sqrt().round() as u64;
            if between <= ms || between >= last_held {
                break;
            }
            refined = true;
            interval = between as f64;
        } else {
            interval /= factor;
        }
        // Let the rooms of the step before close their sockets.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
    match best {
        Some((ms, v)) => {
            println!(
                "saturation_highest_held_frames_per_s: {:.0}  (interval {ms} ms, {:.0} commands/s, p99 {:.2} ms <= {} ms, {} rooms × {} participants)",
                v.frames_per_s, v.commands_per_s, v.p99_ms, args.saturation_p99_ms, args.rooms, args.participants
            );
            std::process::ExitCode::SUCCESS
        }
        None => {
            println!(
                "saturation_highest_held_frames_per_s: none (the first step, {} ms, did not hold)",
                steps.first().map_or(0, |s| s.0)
            );
            std::process::ExitCode::FAILURE
        }
    }
}
