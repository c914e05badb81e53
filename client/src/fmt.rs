//! Time shown to people: countdowns and minute counts. Pure, so it is tested on the host.

use shared::Millis;

/// `m:ss`, or `h:mm:ss` from an hour up, of the absolute value of `ms`, rounded up to the
/// second while counting down (so 0:00 is shown only when the time is really up).
pub fn clock(ms: Millis) -> String {
    let secs = if ms >= 0 {
        (ms + 999) / 1000
    } else {
        (-ms) / 1000
    };
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The countdown as shown: `12:34` while time is left, `+1:05` when over time.
pub fn countdown(left_ms: Millis) -> String {
    if left_ms < 0 {
        format!("+{}", clock(left_ms))
    } else {
        clock(left_ms)
    }
}

/// Whole minutes, rounded to the nearest (at least 1 for any positive time).
pub fn minutes(ms: Millis) -> i64 {
    if ms <= 0 {
        0
    } else {
        ((ms + 30_000) / 60_000).max(1)
    }
}

/// Whole minutes left, rounded up: "3 minutes left" stays true until it is 2.
pub fn minutes_left(ms: Millis) -> i64 {
    if ms <= 0 {
        0
    } else {
        (ms + 59_999) / 60_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_rounds_up_and_shows_overrun() {
        assert_eq!(countdown(600_000), "10:00");
        assert_eq!(countdown(599_001), "10:00");
        assert_eq!(countdown(1), "0:01");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-65_000), "+1:05");
        assert_eq!(countdown(3_600_000), "1:00:00");
    }

    #[test]
    fn minutes_are_human() {
        assert_eq!(minutes(12 * 60_000), 12);
        assert_eq!(minutes(10_000), 1);
        assert_eq!(minutes_left(61_000), 2);
        assert_eq!(minutes_left(0), 0);
    }
}
