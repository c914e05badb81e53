//! `ppt-hub purge`: one retention pass from the command line (the server makes one hourly).

use super::open_existing;

/// The arguments of `ppt-hub purge`.
#[derive(clap::Args)]
pub struct PurgeArgs {
    /// Only show what would be removed; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Days texts are kept after a meeting ends (default: what the server last ran with,
    /// else 90).
    #[arg(long)]
    retain_days: Option<u64>,
    /// The retention in seconds (tests).
    #[arg(long, hide = true, conflicts_with = "retain_days")]
    retain_secs: Option<u64>,
    #[command(flatten)]
    store: super::StoreArg,
}

/// `ppt-hub purge`: one retention pass from the command line (see `server::db::retention`).
pub fn purge(args: &PurgeArgs) -> Result<(), Box<dyn std::error::Error>> {
    use server::db::retention::{self, Retention};
    let db = open_existing(&args.store.db)?;
    let keep = match (args.retain_days, args.retain_secs) {
        (Some(days), _) => Retention::days(days),
        (None, Some(secs)) => Retention::secs(secs),
        (None, None) => db.call_now(|conn| retention::configured(conn))?,
    };
    let now = server::room::now_ms();
    let dry_run = args.dry_run;
    let report = db.call_now(|conn| retention::run(conn, keep, now, dry_run))?;
    let utc = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default()
    };
    println!(
        "retention {}: texts of meetings that ended before {}",
        keep.describe(),
        utc(report.cutoff)
    );
    for l in &report.lines {
        println!(
            "{} meeting {} centre {} ended {} items {} outcomes {} events {} carry-overs {}{}",
            if dry_run { "would purge" } else { "purged" },
            l.meeting,
            l.centre,
            utc(l.ended_at),
            l.items,
            l.outcomes,
            l.events,
            l.carry_overs,
            if l.again {
                " (new events since an earlier purge)"
            } else {
                ""
            }
        );
    }
    if report.late_carry_overs > 0 {
        println!(
            "{} carry-over copies taken by a next meeting since their meeting was purged",
            report.late_carry_overs
        );
    }
    if report.waiting_carry_overs > 0 {
        println!(
            "{} cases of purged meetings still wait for their next meeting and keep their text until it takes them",
            report.waiting_carry_overs
        );
    }
    let items: usize = report.lines.iter().map(|l| l.items).sum();
    println!(
        "{} meetings, {items} items{}",
        report.lines.len(),
        if dry_run {
            ": dry run, nothing was changed"
        } else {
            ""
        }
    );
    Ok(())
}
