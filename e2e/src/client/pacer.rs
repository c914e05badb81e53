//! Pacing a client's sends to stay inside the server's per-connection rate limit.

use std::time::Duration;

/// A token bucket a little inside the server's limit (20 messages a second, bursts of 60), so
/// a test that sends many messages on one connection is never `rate_limited`.
#[derive(Clone, Debug)]
pub struct Pacer {
    tokens: f64,
    at: std::time::Instant,
}

impl Pacer {
    const BURST: f64 = 50.0;
    const PER_SECOND: f64 = 18.0;

    /// A full bucket: a burst may go out at once.
    pub fn new() -> Pacer {
        Pacer {
            tokens: Pacer::BURST,
            at: std::time::Instant::now(),
        }
    }

    /// Waits until one more message may be sent, and counts it.
    pub async fn take(&mut self) {
        let now = std::time::Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * Self::PER_SECOND)
            .min(Self::BURST);
        self.at = now;
        if self.tokens < 1.0 {
            let wait = (1.0 - self.tokens) / Self::PER_SECOND;
            tokio::time::sleep(Duration::from_secs_f64(wait)).await;
            self.tokens = 1.0;
            self.at = std::time::Instant::now();
        }
        self.tokens -= 1.0;
    }
}
