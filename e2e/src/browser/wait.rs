//! Waiting for the page: poll until a check passes or a generous deadline runs out, and say
//! what was last seen when it does.

use std::future::Future;
use std::time::{Duration, Instant};

/// How long a wait for something to show in the page lasts before the test fails. Generous:
/// on a cold CI run four browser tests with several Chromium sessions each share two cores
/// with a debug server, and one join once took longer than 15 s there.
pub const UI_WAIT: Duration = Duration::from_secs(30);

/// Polls `check` until it gives `Some`, for at most `within`; panics with `what` and the last
/// observation (`Err` text) when time runs out.
pub async fn poll<T, F, Fut>(what: &str, within: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + within;
    let mut last;
    loop {
        match check().await {
            Ok(v) => return v,
            Err(e) => last = e,
        }
        if Instant::now() >= deadline {
            panic!("timed out after {within:?} waiting for {what}; last seen: {last}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Held by each browser test of a test binary while it runs, so they run one after another:
/// several Chromium sessions each share two cores with the server and everything else.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
