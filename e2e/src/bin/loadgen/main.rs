//! Load generator for PPT Hub (issue 2).
//!
//! Opens many rooms on one server, connects a chair and N participants to each, lets every chair
//! act, and prints connections held, chair-action → every-participant latency, messages/s and
//! the server's memory (peak RSS and RSS per idle connection).
//!
//! ```text
//! cargo build --release -p server -p e2e
//! ./target/release/loadgen --rooms 100 --participants 20            # starts its own server
//! ./target/release/loadgen --url http://127.0.0.1:8080 --token … --server-pid 1234
//! ./target/release/loadgen --rooms 500 --participants 20 --saturate   # the highest rate held
//! ```
//!
//! Phases: create rooms (`POST /api/meetings`), connect (hello + join, bounded concurrency),
//! idle (measure RSS), actions (each chair sends `--actions` commands `--interval-ms` apart,
//! each producing exactly one broadcast event), summary. Every connection has its own task
//! that reads continuously; frames are classified by a prefix scan, only `seq`/`req` numbers
//! are parsed.
//!
//! | module | what it holds |
//! | --- | --- |
//! | `cli` | the command line |
//! | `run` | the phases, from creating the rooms to collecting what every connection saw |
//! | `tasks` | one task per connection: the chair's schedule of commands, everyone reading |
//! | `conn` | one connection: open (hello + join), read and count |
//! | `frames` | classifying frames by a prefix scan |
//! | `tally` | the counters and rooms the tasks share, and what each reports |
//! | `report` | the printed summary and the verdict |
//! | `saturate` | saturation mode: faster and faster until p99 passes the limit |
//! | `procfs` | memory and CPU of a process from `/proc`, the open-files limit |

mod cli;
mod conn;
mod frames;
mod procfs;
mod report;
mod run;
mod saturate;
mod tally;
mod tasks;

use clap::Parser;
use cli::Args;
use e2e::tempdir::TempDir;
use procfs::raise_fd_limit;

/// Checks the arguments, starts a server unless `--url` names one, and runs on a runtime of
/// `--threads` workers.
fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if args.items == 0 && args.actions > 0 {
        eprintln!("loadgen: --items must be at least 1 (start_item needs a queued item)");
        return std::process::ExitCode::from(2);
    }
    let fd_limit = raise_fd_limit();
    let wanted = args.rooms * (args.participants + 1);
    if (wanted as u64) + 64 > fd_limit {
        eprintln!("loadgen: warning: {wanted} connections but the open-files limit is {fd_limit}");
    }
    // The harness logs at debug by default: every event would be logged and kept in memory.
    if std::env::var_os("PPT_LOG").is_none() {
        std::env::set_var("PPT_LOG", "warn");
    }
    let mut _tmp = None;
    let mut _server = None;
    // A database created for the run: dropped at the end, after the server.
    let mut _pg = None;
    let (url, token, pid) = match &args.url {
        Some(url) => {
            let Some(token) = args
                .token
                .clone()
                .or_else(|| std::env::var("PPT_COORDINATOR_TOKEN").ok())
            else {
                eprintln!("loadgen: --url needs --token (or PPT_COORDINATOR_TOKEN)");
                return std::process::ExitCode::from(2);
            };
            (url.trim_end_matches('/').to_owned(), token, args.server_pid)
        }
        None => {
            let binary = e2e::server_binary(true);
            if !binary.components().any(|c| c.as_os_str() == "release") {
                eprintln!(
                    "loadgen: warning: using {} (not a release build); figures will be poor",
                    binary.display()
                );
            }
            let dir = TempDir::new("ppt-loadgen");
            let store = match args.db.as_deref() {
                None => dir.path().join("ppt-hub.db").to_string_lossy().into_owned(),
                Some(url) if e2e::server::is_postgres_url(url) && !has_database(url) => {
                    let pg = e2e::server::PgDatabase::create(url);
                    let url = pg.url();
                    _pg = Some(pg);
                    url
                }
                Some(db) => db.to_owned(),
            };
            let server = e2e::Server::start_with(binary.clone(), &store, &[]);
            eprintln!(
                "loadgen: started {} at {} (pid {:?}) on {store}",
                binary.display(),
                server.http(),
                server.pid()
            );
            let out = (server.http(), e2e::TOKEN.to_owned(), server.pid());
            _tmp = Some(dir);
            _server = Some(server);
            out
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads.max(1))
        .enable_all()
        .build()
        .expect("tokio runtime");
    let code = if args.saturate {
        runtime.block_on(saturate::saturate(args, url, token, pid))
    } else if runtime.block_on(run::run(args, url, token, pid)).ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    };
    drop(runtime);
    drop(_server);
    drop(_pg);
    code
}

/// Whether a PostgreSQL URL names a database (`postgres://user@host:port/dbname`).
fn has_database(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    !path.split('?').next().unwrap_or("").is_empty()
}
