//! `ppt-hub backup FILE`: a consistent copy of a database that may be in use.

use super::open_existing;
use std::path::PathBuf;

/// The arguments of `ppt-hub backup`.
#[derive(clap::Args)]
pub struct BackupArgs {
    /// The copy to write; must not exist.
    file: PathBuf,
    #[command(flatten)]
    store: super::StoreArg,
}

/// `ppt-hub backup FILE`: a consistent copy of a database that may be in use (see
/// `server::db::backup`).
pub fn backup(args: &BackupArgs) -> Result<(), Box<dyn std::error::Error>> {
    let db = open_existing(&args.store.db)?;
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
