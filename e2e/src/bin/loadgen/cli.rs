//! The command line: what to run against, how big, how fast, and the targets `--check` holds
//! the run to.

use clap::Parser;

/// Load generator for the PPT Hub server: many rooms, every chair acting, latency and memory.
#[derive(Parser, Debug, Clone)]
#[command(name = "loadgen")]
pub struct Args {
    /// Server base URL (http://host:port). Without it, target/release/ppt-hub is started on a
    /// temporary database.
    #[arg(long)]
    pub url: Option<String>,
    /// The store of the server it starts (without --url): a SQLite file, or a PostgreSQL URL
    /// (`postgres://user@host:port/dbname`, used as it is; without a database name, as
    /// `scripts/postgres.sh start` prints it, a fresh database is created there and dropped at
    /// the end). Default: a SQLite file in a temporary directory.
    #[arg(long)]
    pub db: Option<String>,
    /// Coordinator token of the server given by --url (default: $PPT_COORDINATOR_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
    /// Pid of the server given by --url (local only), to read its RSS from /proc.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// Number of rooms (meetings).
    #[arg(long, default_value_t = 100)]
    pub rooms: usize,
    /// Participants per room, besides the chair.
    #[arg(long, default_value_t = 20)]
    pub participants: usize,
    /// Commands each chair sends in the action phase (each produces one event).
    #[arg(long, default_value_t = 30)]
    pub actions: usize,
    /// Time between two commands of one chair, ms (chairs are spread evenly over it).
    #[arg(long, default_value_t = 200)]
    pub interval_ms: u64,
    /// How many of the actions are `submit_item` (the rest: start_item, then pause / resume /
    /// extend cycles).
    #[arg(long, default_value_t = 3)]
    pub items: usize,
    /// Connections being opened (connect + hello + join) at the same time.
    #[arg(long, default_value_t = 128)]
    pub connect_concurrency: usize,
    /// Seconds to hold every connection idle before measuring the server's RSS.
    #[arg(long, default_value_t = 3.0)]
    pub idle_secs: f64,
    /// Tokio worker threads of the load generator.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Extra seconds to wait for late events after the last chair's last action.
    #[arg(long, default_value_t = 30)]
    pub timeout_secs: u64,
    /// Print the chairs' command → ack time per second of the action phase (to spot stalls).
    #[arg(long)]
    pub timeline: bool,
    /// Exit non-zero when a target is missed (p99, memory per idle connection).
    #[arg(long)]
    pub check: bool,
    /// Target for --check: p99 of chair action → participant, ms.
    #[arg(long, default_value_t = 25.0)]
    pub target_p99_ms: f64,
    /// Saturation mode: run again and again on fresh rooms, the chairs acting faster each time
    /// (the interval divided by --saturation-factor), until p99 passes --saturation-p99-ms or
    /// an event is lost; print the highest rate held.
    #[arg(long)]
    pub saturate: bool,
    /// Saturation mode: the p99 (chair action -> participant, ms) a rate must stay under.
    #[arg(long, default_value_t = 100.0)]
    pub saturation_p99_ms: f64,
    /// Saturation mode: how much faster each step is than the one before.
    #[arg(long, default_value_t = 1.25)]
    pub saturation_factor: f64,
    /// Saturation mode: the least time each step's action phase lasts, s (the chairs send
    /// more actions at the faster rates).
    #[arg(long, default_value_t = 6.0)]
    pub saturation_step_secs: f64,
    /// Target for --check: server memory per idle connection, KiB.
    #[arg(long, default_value_t = 64.0)]
    pub target_kib_per_conn: f64,
}
