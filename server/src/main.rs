//! `ppt-hub`: the PPT Hub server and its command-line tools.

use clap::{Parser, Subcommand};
use server::db::Db;
use server::guard::IdentifierGuard;
use server::reports::{self, labels::Lang, Format};
use server::{default_room_config, seed, Config, Server};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// PPT Hub: real-time facilitator for the monthly anonymous PPT case-consultation meetings of
/// Finnish health and wellbeing centres.
#[derive(Parser)]
#[command(name = "ppt-hub", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: CommandLine,
}

#[derive(Subcommand)]
enum CommandLine {
    /// Run the server: coordinator API under /api, meeting rooms on /ws/{meeting}, the browser
    /// app everywhere else. On an empty database it creates the demo centre "Kalasatama" with
    /// the default service catalogue.
    Serve(ServeArgs),
    /// Export the minutes (muistio) of an ended meeting.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// A period report over a date range, for one centre or all.
    Report(ReportArgs),
    /// Check texts for client identifiers: reads JSON lines {"id": …, "text": …} on stdin and
    /// writes one line {"id": …, "spans": [{"kind", "start", "end"}]} per input (offsets in
    /// Unicode characters). Nothing read is stored or logged.
    Guard(GuardArgs),
    /// Remove the case texts of meetings whose retention period has run out (the server does
    /// this by itself hourly). Prints meeting ids, dates and counts, never a text.
    Purge(PurgeArgs),
    /// Take a consistent copy of the database while the server runs (SQLite `VACUUM INTO`);
    /// never overwrites an existing file. Restore: stop the server, put the copy in place of
    /// the database file (removing its -wal and -shm files), start.
    Backup(BackupArgs),
}

#[derive(clap::Args)]
struct PurgeArgs {
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
    #[arg(long, env = "PPT_DB", default_value = "data/ppt-hub.db")]
    db: PathBuf,
}

#[derive(clap::Args)]
struct BackupArgs {
    /// The copy to write; must not exist.
    file: PathBuf,
    #[arg(long, env = "PPT_DB", default_value = "data/ppt-hub.db")]
    db: PathBuf,
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The minutes of one meeting.
    Meeting {
        /// The meeting's id.
        id: String,
        /// md, html (printable), csv (Finnish Excel) or json.
        #[arg(long, default_value = "md")]
        format: String,
        #[command(flatten)]
        common: ExportCommon,
    },
}

#[derive(clap::Args)]
struct ExportCommon {
    /// fi, sv or en.
    #[arg(long, default_value = "fi")]
    lang: String,
    #[arg(long, env = "PPT_DB", default_value = "data/ppt-hub.db")]
    db: PathBuf,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Only this centre (default: all centres).
    #[arg(long)]
    centre: Option<String>,
    /// First day, YYYY-MM-DD (included).
    #[arg(long)]
    from: String,
    /// Last day, YYYY-MM-DD (included).
    #[arg(long)]
    to: String,
    /// csv (Finnish Excel) or json.
    #[arg(long, default_value = "csv")]
    format: String,
    #[command(flatten)]
    common: ExportCommon,
}

#[derive(clap::Args)]
struct GuardArgs {
    /// Words or phrases to let through (a centre's allowlist); repeatable.
    #[arg(long)]
    allow: Vec<String>,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the chosen one is printed).
    #[arg(long, env = "PPT_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file (created if missing; WAL mode).
    #[arg(long, env = "PPT_DB", default_value = "data/ppt-hub.db")]
    db: PathBuf,
    /// Coordinator token for the API, at least 32 characters (`openssl rand -hex 32`). If
    /// unset, one is generated on first run and printed that once; the database keeps only its
    /// SHA-256 hash.
    #[arg(long, env = "PPT_COORDINATOR_TOKEN", hide_env_values = true)]
    coordinator_token: Option<String>,
    /// Days the chair and participant links of a meeting keep working after it ended (or was
    /// cancelled); the coordinator token still exports its minutes.
    #[arg(long, env = "PPT_LINK_DAYS", default_value_t = 14)]
    link_days: u64,
    /// The link lifetime in seconds, overriding --link-days (tests).
    #[arg(long, hide = true)]
    link_secs: Option<u64>,
    /// Base URL used in printed links (default: http://<addr>).
    #[arg(long, env = "PPT_PUBLIC_URL")]
    public_url: Option<String>,
    /// Directory of the built browser app.
    #[arg(long, env = "PPT_STATIC_DIR", default_value = "client/dist")]
    static_dir: PathBuf,
    /// Seconds a disconnected participant still counts as present.
    #[arg(long, default_value_t = 30)]
    grace_secs: u64,
    /// Seconds an unused room stays in memory.
    #[arg(long, default_value_t = 300)]
    idle_secs: u64,
    /// Make sure the demo centre has a meeting today and print its chair and participant links.
    #[arg(long)]
    demo: bool,
    /// An origin besides the server's own (its Host, or --public-url) whose pages may open a
    /// meeting's WebSocket, e.g. https://intra.example.fi; repeatable. Other origins get 403;
    /// clients that send no Origin (not a browser) are let through.
    #[arg(long = "allowed-origin", value_name = "ORIGIN")]
    allowed_origins: Vec<String>,
    /// Count connections against the client's address as a reverse proxy in front reports it
    /// (the last X-Forwarded-For entry) instead of the proxy's own address.
    #[arg(long)]
    trust_forwarded_for: bool,
    /// Open room sockets one address may have (default 100; this machine's are not counted).
    #[arg(long, hide = true)]
    max_connections_per_address: Option<usize>,
    /// Open room sockets per meeting for the participant link (default 150).
    #[arg(long, hide = true)]
    max_connections_per_meeting: Option<usize>,
    /// Seconds a new socket has to send hello before it is closed (default 10).
    #[arg(long, hide = true)]
    hello_timeout_secs: Option<u64>,
    /// Days the case texts of an ended meeting are kept (counted from its end); then they are
    /// removed, keeping the numbers the period reports need. 0 removes them at the next pass.
    #[arg(long, env = "PPT_RETAIN_DAYS", default_value_t = 90)]
    retain_days: u64,
    /// The retention in seconds, overriding --retain-days (tests).
    #[arg(long, hide = true)]
    retain_secs: Option<u64>,
    /// Seconds between the server's purge passes (tests; hourly otherwise).
    #[arg(long, hide = true, default_value_t = 3600)]
    purge_every_secs: u64,
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PPT_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = match cli.command {
        CommandLine::Serve(args) => runtime.block_on(serve(args)),
        CommandLine::Export {
            what: ExportWhat::Meeting { id, format, common },
        } => export_meeting(&id, &format, &common),
        CommandLine::Report(args) => report(&args),
        CommandLine::Guard(args) => guard_lines(&args),
        CommandLine::Purge(args) => purge(&args),
        CommandLine::Backup(args) => backup(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ppt-hub: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    // A too-short token is refused before anything is opened or created.
    server::db::settings::check_configured_token(args.coordinator_token.as_deref())?;
    raise_fd_limit();
    let db = Db::open(&args.db)?;
    // The guard first: nothing is stored before it can check it (the demo centre included).
    let guard = server::guard::IdentifierGuard::new()?;
    seed::ensure_demo_centre(&db, &guard)?;
    let token = db.call_now(|conn| {
        Ok(server::db::settings::coordinator_token(
            conn,
            args.coordinator_token.as_deref(),
            || format!("{}{}", server::room::new_key(), server::room::new_key()),
        ))
    })??;
    let shutdown = CancellationToken::new();
    let mut rooms = default_room_config();
    rooms.grace = Duration::from_secs(args.grace_secs);
    rooms.idle = Duration::from_secs(args.idle_secs);
    rooms.link_lifetime = match args.link_secs {
        Some(secs) => Duration::from_secs(secs),
        None => Duration::from_secs(args.link_days.saturating_mul(24 * 3600)),
    };
    let limits = limits(&args);
    let config = Config {
        addr: args.addr,
        db_path: args.db.clone(),
        public_url: String::new(),
        coordinator_token_hash: token.hash.clone(),
        static_dir: Some(args.static_dir),
        rooms,
        limits,
        allowed_origins: args.allowed_origins.clone(),
        retention: server::db::retention::RetentionPolicy {
            keep: match args.retain_secs {
                Some(secs) => server::db::retention::Retention::secs(secs),
                None => server::db::retention::Retention::days(args.retain_days),
            },
            every: Duration::from_secs(args.purge_every_secs.max(1)),
        },
    };
    let mut server_config = config;
    // Bind first so that port 0 resolves before links are printed.
    let listener_probe = tokio::net::TcpListener::bind(server_config.addr).await?;
    let addr = listener_probe.local_addr()?;
    drop(listener_probe);
    server_config.addr = addr;
    server_config.public_url = args.public_url.unwrap_or_else(|| format!("http://{addr}"));
    let public_url = server_config.public_url.clone();
    let server = Server::bind(server_config, db.clone(), guard, shutdown.clone()).await?;
    println!("ppt-hub listening on http://{}", server.local_addr());
    println!("database: {}", args.db.display());
    // Printed once, when generated: the database keeps only its hash, so it cannot be shown
    // again (configure one with --coordinator-token to replace a lost one).
    if let Some(generated) = &token.generated {
        println!("coordinator token: {generated}");
        println!("  (generated now and shown only this once: the database keeps only its hash)");
    }
    if args.demo {
        let row = seed::ensure_demo_meeting(&db).await?;
        let (chair, participant) = server::meetings::links(&public_url, &row);
        println!("demo meeting (Kalasatama, today):");
        println!("  chair link:       {chair}");
        println!("  participant link: {participant}");
    }
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        shutdown.cancel();
    });
    server.run().await?;
    Ok(())
}

/// The server's limits: the defaults, with what the command line changes.
fn limits(args: &ServeArgs) -> server::limits::Limits {
    let mut limits = server::limits::Limits {
        trust_forwarded_for: args.trust_forwarded_for,
        ..Default::default()
    };
    if let Some(n) = args.max_connections_per_address {
        limits.connections_per_address = n;
    }
    if let Some(n) = args.max_connections_per_meeting {
        limits.connections_per_meeting = n;
    }
    if let Some(secs) = args.hello_timeout_secs {
        limits.hello_timeout = Duration::from_secs(secs);
    }
    limits
}

fn parse_format_lang(
    format: &str,
    lang: &str,
) -> Result<(Format, Lang), Box<dyn std::error::Error>> {
    let format = Format::parse(format).ok_or("--format must be md, html, csv or json")?;
    let lang = Lang::from_code(lang).ok_or("--lang must be fi, sv or en")?;
    Ok((format, lang))
}

fn write_out(text: &str, out: &Option<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    match out {
        Some(path) => std::fs::write(path, text)?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn open_existing(path: &std::path::Path) -> Result<Db, Box<dyn std::error::Error>> {
    if !path.is_file() {
        return Err(format!("no database at {}", path.display()).into());
    }
    Ok(Db::open(path)?)
}

fn export_meeting(
    id: &str,
    format: &str,
    common: &ExportCommon,
) -> Result<(), Box<dyn std::error::Error>> {
    let (format, lang) = parse_format_lang(format, &common.lang)?;
    let db = open_existing(&common.db)?;
    let guard = IdentifierGuard::new()?;
    let id = shared::ids::MeetingId(id.to_owned());
    let text =
        db.call_now(|conn| Ok(reports::meeting_export(conn, &guard, &id, format, lang)))??;
    write_out(&text, &common.out)
}

fn report(args: &ReportArgs) -> Result<(), Box<dyn std::error::Error>> {
    let (format, lang) = parse_format_lang(&args.format, &args.common.lang)?;
    if !matches!(format, Format::Csv | Format::Json) {
        return Err("period reports are --format csv or json".into());
    }
    let db = open_existing(&args.common.db)?;
    let guard = IdentifierGuard::new()?;
    let centre = args.centre.clone().map(shared::ids::CentreId);
    let text = db.call_now(|conn| {
        Ok(reports::period_export(
            conn,
            &guard,
            centre.as_ref(),
            &args.from,
            &args.to,
            format,
            lang,
        ))
    })??;
    write_out(&text, &args.common.out)
}

/// `ppt-hub purge`: one retention pass from the command line (see `server::db::retention`).
fn purge(args: &PurgeArgs) -> Result<(), Box<dyn std::error::Error>> {
    use server::db::retention::{self, Retention};
    let db = open_existing(&args.db)?;
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

/// `ppt-hub backup FILE`: a consistent copy of a database that may be in use (see
/// `server::db::backup`).
fn backup(args: &BackupArgs) -> Result<(), Box<dyn std::error::Error>> {
    let db = open_existing(&args.db)?;
    let file = args.file.clone();
    let r = db.call_now(|conn| server::db::backup::backup(conn, &file))?;
    println!(
        "backup written to {}: {} bytes, {} centres, {} meetings, {} events, integrity ok",
        r.path.display(),
        r.bytes,
        r.centres,
        r.meetings,
        r.events
    );
    Ok(())
}

fn guard_lines(args: &GuardArgs) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::{BufRead, Write};
    #[derive(serde::Deserialize)]
    struct Input {
        #[serde(default)]
        id: serde_json::Value,
        text: String,
    }
    let guard = IdentifierGuard::new()?;
    let allow = shared::guard::Allowlist::new(args.allow.iter());
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Input>(&line) {
            Ok(input) => {
                serde_json::json!({ "id": input.id, "spans": guard.check(&input.text, &allow)? })
            }
            Err(_) => {
                serde_json::json!({ "id": null, "line": n + 1, "error": "expected {\"id\": …, \"text\": \"…\"}" })
            }
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
}

/// Many connections need many file descriptors: raise the soft limit to the hard one.
fn raise_fd_limit() {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}
