//! Temporary directories for the servers' databases and the browsers' profiles.

use std::path::{Path, PathBuf};

/// A fresh directory under the system's temporary directory, removed on drop: each server
/// and each browser profile gets its own.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates `{prefix}-{pid}-{n}-{nanos}`, unique even for two made in the same instant.
    pub fn new(prefix: &str) -> TempDir {
        // The clock alone is not unique: two tests starting a server in the same
        // nanosecond (a coarse clock) got one directory and one database.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let unique = format!(
            "{prefix}-{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        );
        let p = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
