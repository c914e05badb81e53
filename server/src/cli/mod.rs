//! The command line of `ppt-hub`: one module per subcommand, each with its arguments (clap)
//! and the function that runs it; here the command tree and what the subcommands share.
//!
//! - [`serve`]: the server itself;
//! - [`export`]: `export meeting` (minutes) and `report` (period reports);
//! - [`guard`]: the identifier guard over JSON lines;
//! - [`purge`]: a retention pass; [`backup`]: a consistent copy of the database.

pub mod backup;
pub mod export;
pub mod guard;
pub mod purge;
pub mod serve;

use clap::{Parser, Subcommand};
use server::db::Db;
use std::path::PathBuf;

/// PPT Hub: real-time facilitator for the monthly anonymous PPT case-consultation meetings of
/// Finnish health and wellbeing centres.
#[derive(Parser)]
#[command(name = "ppt-hub", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: CommandLine,
}

/// The subcommands, each documented for `--help`.
#[derive(Subcommand)]
pub enum CommandLine {
    /// Run the server: coordinator API under /api, meeting rooms on /ws/{meeting}, the browser
    /// app everywhere else. On an empty database it creates the demo centre "Kalasatama" with
    /// the default service catalogue.
    Serve(serve::ServeArgs),
    /// Export the minutes (muistio) of an ended meeting.
    Export {
        #[command(subcommand)]
        what: export::ExportWhat,
    },
    /// A period report over a date range, for one centre or all.
    Report(export::ReportArgs),
    /// Check texts for client identifiers: reads JSON lines {"id": …, "text": …} on stdin and
    /// writes one line {"id": …, "spans": [{"kind", "start", "end"}]} per input (offsets in
    /// Unicode characters). Nothing read is stored or logged.
    Guard(guard::GuardArgs),
    /// Remove the case texts of meetings whose retention period has run out (the server does
    /// this by itself hourly). Prints meeting ids, dates and counts, never a text.
    Purge(purge::PurgeArgs),
    /// Take a consistent copy of the database while the server runs (SQLite `VACUUM INTO`);
    /// never overwrites an existing file. Restore: stop the server, put the copy in place of
    /// the database file (removing its -wal and -shm files), start.
    Backup(backup::BackupArgs),
}

impl Cli {
    /// Runs the subcommand; `serve` on the given runtime, the others in this thread.
    pub fn run(self, runtime: &tokio::runtime::Runtime) -> Result<(), Box<dyn std::error::Error>> {
        match self.command {
            CommandLine::Serve(args) => runtime.block_on(serve::serve(args)),
            CommandLine::Export {
                what: export::ExportWhat::Meeting { id, format, common },
            } => export::export_meeting(&id, &format, &common),
            CommandLine::Report(args) => export::report(&args),
            CommandLine::Guard(args) => guard::guard_lines(&args),
            CommandLine::Purge(args) => purge::purge(&args),
            CommandLine::Backup(args) => backup::backup(&args),
        }
    }
}

/// Where the store is: one option, the same for every subcommand that opens it.
#[derive(clap::Args)]
pub struct StoreArg {
    /// The store: a SQLite file (created if missing; WAL mode), or a PostgreSQL URL
    /// (`postgres://user@host/db`).
    #[arg(
        long,
        env = "PPT_DB",
        default_value = "data/ppt-hub.db",
        hide_env_values = true
    )]
    pub db: String,
}

/// Writes an export to `out`, or to standard output.
pub fn write_out(text: &str, out: &Option<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    match out {
        Some(path) => std::fs::write(path, text)?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// Opens a database that must already exist: the tools never create an empty SQLite file.
pub fn open_existing(spec: &str) -> Result<Db, Box<dyn std::error::Error>> {
    if !server::db::is_postgres_url(spec) && !std::path::Path::new(spec).is_file() {
        return Err(format!("no database at {spec}").into());
    }
    Ok(Db::connect(spec)?)
}
