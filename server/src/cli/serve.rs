//! `ppt-hub serve`: opens the database, starts the guard, prints the links and runs the
//! server until Ctrl-C or SIGTERM.

use server::db::Db;
use server::{default_room_config, seed, Config, Server};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// The options of `ppt-hub serve` (most also from the environment, `PPT_*`).
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the chosen one is printed).
    #[arg(long, env = "PPT_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    store: super::StoreArg,
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
    /// Seconds the holder of the chair controls must have been away (after the reconnect grace
    /// ran out) before a deputy chair can take them over.
    #[arg(long, env = "PPT_TAKEOVER_GRACE_SECS", default_value_t = 60)]
    takeover_grace_secs: u64,
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

/// `ppt-hub serve`: runs the server until it is told to stop (see the module documentation).
pub async fn serve(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    // A too-short token is refused before anything is opened or created.
    server::db::settings::check_configured_token(args.coordinator_token.as_deref())?;
    raise_fd_limit();
    let db = Db::connect(&args.store.db)?;
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
    rooms.takeover_grace = Duration::from_secs(args.takeover_grace_secs);
    rooms.link_lifetime = match args.link_secs {
        Some(secs) => Duration::from_secs(secs),
        None => Duration::from_secs(args.link_days.saturating_mul(24 * 3600)),
    };
    let limits = limits(&args);
    let config = Config {
        addr: args.addr,
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
    println!("database: {}", server::db::shown_address(&args.store.db));
    // Printed once, when generated: the database keeps only its hash, so it cannot be shown
    // again (configure one with --coordinator-token to replace a lost one).
    if let Some(generated) = &token.generated {
        println!("coordinator token: {generated}");
        println!("  (generated now and shown only this once: the database keeps only its hash)");
    }
    if args.demo {
        let row = seed::ensure_demo_meeting(&db).await?;
        let (chair, participant) = server::planning::links(&public_url, &row);
        println!("demo meeting (Kalasatama, today):");
        println!("  chair link:       {chair}");
        println!("  participant link: {participant}");
        println!(
            "  deputy link:      {}",
            server::planning::deputy_link(&public_url, &row)
        );
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
