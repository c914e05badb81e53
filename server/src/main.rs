//! `ppt-hub`: the PPT Hub server and its command-line tools.

use clap::{Parser, Subcommand};
use server::db::Db;
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
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the chosen one is printed).
    #[arg(long, env = "PPT_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file (created if missing; WAL mode).
    #[arg(long, env = "PPT_DB", default_value = "data/ppt-hub.db")]
    db: PathBuf,
    /// Coordinator token for the API. If unset, one is generated on first run, stored in the
    /// database and printed at start.
    #[arg(long, env = "PPT_COORDINATOR_TOKEN", hide_env_values = true)]
    coordinator_token: Option<String>,
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
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PPT_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let result = match cli.command {
        CommandLine::Serve(args) => runtime.block_on(serve(args)),
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
    raise_fd_limit();
    let db = Db::open(&args.db)?;
    seed::ensure_demo_centre(&db)?;
    let token = seed::coordinator_token(&db, args.coordinator_token)?;
    let shutdown = CancellationToken::new();
    let mut rooms = default_room_config();
    rooms.grace = Duration::from_secs(args.grace_secs);
    rooms.idle = Duration::from_secs(args.idle_secs);
    let config = Config {
        addr: args.addr,
        db_path: args.db.clone(),
        public_url: String::new(),
        coordinator_token: token.clone(),
        static_dir: Some(args.static_dir),
        rooms,
    };
    let mut server_config = config;
    // Bind first so that port 0 resolves before links are printed.
    let listener_probe = tokio::net::TcpListener::bind(server_config.addr).await?;
    let addr = listener_probe.local_addr()?;
    drop(listener_probe);
    server_config.addr = addr;
    server_config.public_url = args.public_url.unwrap_or_else(|| format!("http://{addr}"));
    let public_url = server_config.public_url.clone();
    let guard = server::guard::IdentifierGuard::new()?;
    let server = Server::bind(server_config, db.clone(), guard, shutdown.clone()).await?;
    println!("ppt-hub listening on http://{}", server.local_addr());
    println!("database: {}", args.db.display());
    println!("coordinator token: {token}");
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

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
}

/// Many connections need many file descriptors: raise the soft limit to the hard one.
fn raise_fd_limit() {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
    unsafe {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}
