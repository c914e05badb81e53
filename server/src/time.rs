//! Instants shown in a centre's time zone. The HTTP API gives every meeting time both as UTC
//! and as wall-clock time in the centre's zone, and the reports date each meeting by its local
//! day; both use these helpers, so neither depends on the other.

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use shared::Millis;

/// Time zone of Finnish centres, and the fallback for a zone name the database does not know.
pub const HELSINKI: &str = "Europe/Helsinki";

/// An instant as RFC 3339 in UTC, `2026-12-08T11:00:00Z` (empty if out of range).
pub fn rfc3339(ms: Millis) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// An instant in a time zone (Helsinki if the name is unknown).
pub fn zoned(ms: Millis, tz: &str) -> Option<ZonedDateTime> {
    let tz = TimeZone::get(tz)
        .or_else(|_| TimeZone::get(HELSINKI))
        .ok()?;
    Some(Timestamp::from_millisecond(ms).ok()?.to_zoned_datetime(tz))
}

/// The local date of an instant in a time zone (Helsinki if the name is unknown).
pub fn local_date(ms: Millis, tz: &str) -> Option<jiff::civil::Date> {
    zoned(ms, tz).map(|z| z.date())
}

/// Wall-clock time of an instant in its zone, to the minute: `2026-12-08T13:00`.
pub fn local_minute(z: &ZonedDateTime) -> String {
    z.datetime().strftime("%Y-%m-%dT%H:%M").to_string()
}

/// The zone's offset from UTC at that instant: `+02:00`, `-04:00`, `+05:30`.
pub fn offset_text(z: &ZonedDateTime) -> String {
    let secs = z.offset().seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_in_the_centres_zone() {
        // 2026-12-08 11:00 UTC is 13:00 in Helsinki (winter time) and 06:00 in New York.
        let ms = 1_796_727_600_000;
        assert_eq!(rfc3339(ms), "2026-12-08T11:00:00Z");
        let z = zoned(ms, HELSINKI).unwrap();
        assert_eq!(
            (local_minute(&z), offset_text(&z)),
            ("2026-12-08T13:00".into(), "+02:00".into())
        );
        let ny = zoned(ms, "America/New_York").unwrap();
        assert_eq!(
            (local_minute(&ny), offset_text(&ny)),
            ("2026-12-08T06:00".into(), "-05:00".into())
        );
        assert_eq!(local_date(ms, "no/such zone"), local_date(ms, HELSINKI));
        let kolkata = zoned(ms, "Asia/Kolkata").unwrap();
        assert_eq!(offset_text(&kolkata), "+05:30");
    }
}
