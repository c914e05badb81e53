//! # PPT Hub server
//!
//! Runs the monthly PPT consultation meetings of Finnish health and wellbeing centres: an HTTP
//! API for coordinators, a WebSocket room per meeting, and an event log (SQLite, or PostgreSQL
//! shared by several nodes) that makes every accepted change survive a restart.
//!
//! Map of the modules:
//! - [`api`]: the coordinator's HTTP JSON API (token-protected), one file per resource, and
//!   its error type [`api::ApiError`]; the bodies are `shared::api`'s typed views.
//! - [`ws`]: the room sockets: the upgrade and its origin check, one connection's loop, what
//!   each client message does, frame limits.
//! - [`registry`]: meeting id → live room, loading rooms from the log on first use; it stops
//!   rooms with their cancellation token, learns of their end from their task's `JoinHandle`,
//!   and delivers what one room asks of another ([`room::Relay`]).
//! - [`room`]: the room task, a thin actor that owns a meeting's state and serves requests in
//!   order: receive, screen with the guard, decide (the shared rules), persist, apply,
//!   broadcast. Its handle ([`room::RoomHandle`], one error type [`room::RoomError`]),
//!   presence, commit and carry-over each have a module.
//! - [`db`]: storage, SQLite or PostgreSQL behind one interface, one module per table family,
//!   the group-commit log writer, backup and the retention purge; one error type
//!   [`db::DbError`].
//! - [`cluster`]: several nodes on one PostgreSQL: a meeting's advisory lock, notices between
//!   nodes (LISTEN/NOTIFY), the one node that does the scheduled work.
//! - [`guard`]: the identifier guard: `shared::guard`'s pattern detectors plus personal names
//!   (voikko and the DVV name lists); its word lists are data files in `server/data/guard/`.
//! - [`planning`]: creating meetings, a centre's upcoming series, and their capability links.
//! - [`seed`]: the demo centre and today's demo meeting.
//! - [`schedule`], [`holidays`]: a centre's monthly slot and the Finnish public holidays it
//!   should avoid.
//! - [`reports`]: meeting minutes ([`reports::minutes`]: the model and one renderer per
//!   format) and period reports (Markdown, HTML, CSV, JSON), every export checked by the guard.
//! - [`time`]: instants in a centre's time zone, for the API and the reports alike.
//! - [`upkeep`]: the recurring work: upcoming meetings kept created, texts kept within their
//!   retention period.
//!
//! The `ppt-hub` binary (`src/main.rs`) has one module per subcommand in `src/cli/`: `serve`,
//! `export meeting`, `report`, `guard`, `purge`, `backup`.
//!
//! The room rules themselves (what a command, a join or the coordinator's change may do, how
//! time is allotted) are in the `shared` crate (`shared::room`), so the browser uses the very
//! same code.
//!
//! Shutdown: [`Server::run`] stops on the token it is given (Ctrl-C or SIGTERM in the binary);
//! connections get a close frame ("server restarting"), rooms stop, the log writer commits what
//! it has and its thread is joined.

pub mod api;
pub mod cluster;
pub mod db;
pub mod guard;
pub mod holidays;
pub mod limits;
pub mod planning;
pub mod registry;
pub mod reports;
pub mod room;
pub mod schedule;
pub mod seed;
pub mod time;
pub mod upkeep;
pub mod ws;

use axum::http::{header, HeaderName, HeaderValue};
use axum::routing::get;
use axum::Router;
use db::log_writer::LogWriter;
use db::Db;
use registry::Rooms;
use room::RoomConfig;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use tower_http::set_header::SetResponseHeaderLayer;

/// Settings of a running server.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// Base URL printed in links; defaults to `http://<addr>`.
    pub public_url: String,
    /// SHA-256 (hex) of the coordinator token ([`db::settings::token_hash`]): requests are
    /// checked against it, so the running server does not keep the token itself.
    pub coordinator_token_hash: String,
    /// Built browser app (`index.html` and the wasm); `None` or missing serves a notice.
    pub static_dir: Option<PathBuf>,
    pub rooms: RoomConfig,
    /// Connections per meeting and per address, the `hello` deadline, `/api/guard/check`'s
    /// rate and pool ([`limits::Limits`]; the meeting's content limits are in `shared::room`).
    pub limits: limits::Limits,
    /// Origins besides the server's own that may open a room socket from a browser
    /// (`--allowed-origin`, e.g. `https://intra.example.fi`).
    pub allowed_origins: Vec<String>,
    /// How long case texts of ended meetings are kept, and how often the server purges the
    /// ones past it (`--retain-days`; see [`db::retention`]).
    pub retention: db::retention::RetentionPolicy,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub guard: guard::IdentifierGuard,
    pub rooms: Arc<Rooms>,
    pub config: Arc<Config>,
    pub shutdown: CancellationToken,
    /// The counts behind [`Config::limits`] (sockets per address, guard checks per address).
    pub gates: Arc<limits::Gates>,
}

/// Defaults for rooms: 30 s grace for reconnects, 60 s more before a deputy can take over the
/// chair controls, 5 min idle before a room leaves memory.
pub fn default_room_config() -> RoomConfig {
    RoomConfig {
        grace: Duration::from_secs(30),
        takeover_grace: Duration::from_millis(shared::room::CHAIR_TAKEOVER_GRACE_MS as u64),
        idle: Duration::from_secs(300),
        link_lifetime: Duration::from_secs(14 * 24 * 3600),
        max_connections: limits::Limits::default().connections_per_meeting,
        chair_connection_reserve: limits::Limits::default().chair_connection_reserve,
    }
}

/// The router: API, WebSocket, and the browser app.
pub fn router(state: AppState) -> Router {
    let app = api::routes().route("/ws/{meeting}", get(ws::upgrade));
    let app = match state
        .config
        .static_dir
        .as_ref()
        .filter(|d| d.join("index.html").is_file())
    {
        Some(dir) => {
            // The build writes brotli and gzip copies beside each file (scripts/build-client.sh):
            // a browser that accepts them downloads the meeting bundle at about a third of its
            // size, with the right Content-Type and Content-Encoding.
            let index = tower_http::services::ServeFile::new(dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            let files = tower_http::services::ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index);
            app.fallback_service(tower::ServiceBuilder::new().layer(csp()).service(files))
        }
        None => app.fallback(get(no_ui)),
    };
    app.layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .with_state(state)
}

fn header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// The browser app's content security policy: its own scripts and WebAssembly only, its own
/// WebSocket and API, never framed. (Exported minutes carry inline styles and are served
/// without it.)
fn csp() -> SetResponseHeaderLayer<HeaderValue> {
    header(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
         form-action 'self'",
    )
}

async fn no_ui() -> axum::response::Html<&'static str> {
    axum::response::Html(
        "<!doctype html><html lang=\"fi\"><meta charset=\"utf-8\"><title>PPT Hub</title>\
         <p>PPT Hub toimii, mutta selainsovellusta ei ole käännetty. / The PPT Hub server is running; \
         the browser app has not been built (run <code>./run</code>).</p></html>",
    )
}

/// A server ready to run: storage open, listener bound.
pub struct Server {
    state: AppState,
    listener: tokio::net::TcpListener,
    writer_thread: std::thread::JoinHandle<()>,
}

impl Server {
    /// Opens the database, starts the log writer and binds the address.
    pub async fn bind(
        config: Config,
        db: Db,
        guard: guard::IdentifierGuard,
        shutdown: CancellationToken,
    ) -> std::io::Result<Server> {
        // The minutes (also those `ppt-hub export` makes) and `ppt-hub purge` read the
        // retention the server runs with from the database.
        let keep = config.retention.keep;
        db.call_now(|conn| db::retention::store(conn, keep))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let (writer, writer_thread) =
            LogWriter::start(&db).map_err(|e| std::io::Error::other(e.to_string()))?;
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        // The rooms count their sockets against the configured limits.
        let mut room_config = config.rooms.clone();
        room_config.max_connections = config.limits.connections_per_meeting;
        room_config.chair_connection_reserve = config.limits.chair_connection_reserve;
        let cluster = cluster::Cluster::start(&db, shutdown.clone())
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let rooms = Rooms::new(db.clone(), writer, room_config, guard.clone(), cluster);
        // The first planning pass before the node listens, so nobody sees a centre's series
        // appear under their feet (later passes, hourly, find nothing new to create).
        if rooms.cluster().lead().await {
            match planning::ensure_upcoming(&db, None).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(created = n, "upcoming meetings created from schedules"),
                Err(e) => tracing::error!(error = %e, "planning upcoming meetings failed"),
            }
        }
        let gates = limits::Gates::new(config.limits.clone());
        let state = AppState {
            db,
            guard,
            rooms,
            config: Arc::new(config),
            shutdown,
            gates,
        };
        Ok(Server {
            state,
            listener,
            writer_thread,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// Serves until the shutdown token is cancelled, then drains.
    pub async fn run(self) -> std::io::Result<()> {
        let shutdown = self.state.shutdown.clone();
        let rooms = self.state.rooms.clone();
        tokio::spawn(upkeep::plan_meetings(
            self.state.db.clone(),
            rooms.cluster().clone(),
            shutdown.clone(),
        ));
        tokio::spawn(upkeep::keep_texts_within_retention(
            self.state.db.clone(),
            rooms.clone(),
            self.state.config.retention,
            shutdown.clone(),
        ));
        let app = router(self.state);
        axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await?;
        // Rooms stop on the same token; dropping the registry drops the last writer handles.
        drop(rooms);
        let writer = self.writer_thread;
        let _ = tokio::task::spawn_blocking(move || writer.join()).await;
        Ok(())
    }
}
