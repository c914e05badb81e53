//! A centre's monthly slot ("second Tuesday of each month, 13:00–14:00") and the meetings it
//! makes. Pure calendar rules: the recurring work that uses them is in [`crate::upkeep`].
//!
//! jiff does the calendar and time-zone work: `nth_weekday_of_month` finds the date, and
//! converting the local wall-clock start in the centre's zone (Europe/Helsinki by default) gives
//! the right instant on both sides of a summer-time change. A full RRULE engine (the `rrule`
//! crate) would bring chrono and a second time-zone database for one rule shape; the rule is
//! still exported as RRULE text for calendars.

use crate::holidays::finnish_holiday;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The recurring slot of a centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Which weekday of the month: 1–4, or -1 for the last.
    pub week: i8,
    /// `monday` … `friday` (weekends are allowed but unusual).
    pub weekday: String,
    /// Local start time, `HH:MM`.
    pub start: String,
    #[serde(default = "default_minutes")]
    pub duration_min: u32,
    /// How many upcoming meetings to keep created ahead.
    #[serde(default = "default_ahead")]
    pub ahead: u32,
}

fn default_minutes() -> u32 {
    60
}

fn default_ahead() -> u32 {
    3
}

/// One meeting the rule makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The local date of the slot; identifies the occurrence in its series even if moved.
    pub date: Date,
    pub starts_at: Timestamp,
    pub holiday: Option<&'static str>,
}

const WEEKDAYS: [(&str, Weekday, &str, &str); 7] = [
    ("monday", Weekday::Monday, "maanantai", "Monday"),
    ("tuesday", Weekday::Tuesday, "tiistai", "Tuesday"),
    ("wednesday", Weekday::Wednesday, "keskiviikko", "Wednesday"),
    ("thursday", Weekday::Thursday, "torstai", "Thursday"),
    ("friday", Weekday::Friday, "perjantai", "Friday"),
    ("saturday", Weekday::Saturday, "lauantai", "Saturday"),
    ("sunday", Weekday::Sunday, "sunnuntai", "Sunday"),
];

/// What is wrong with a schedule a coordinator sent; the `Display` is the API's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// `week` is not 1–4 or -1.
    #[error("week must be 1–4, or -1 for the last")]
    Week,
    /// `weekday` is not a weekday's English name.
    #[error("weekday must be monday … sunday")]
    Weekday,
    /// `start` is not `HH:MM`.
    #[error("start must be HH:MM")]
    StartFormat,
    /// `start` is `HH:MM` but no time of day ("25:00").
    #[error("start must be a valid time")]
    StartTime,
    /// `duration_min` is not 10–240.
    #[error("duration_min must be 10–240")]
    Duration,
    /// `ahead` is not 1–12.
    #[error("ahead must be 1–12")]
    Ahead,
}

impl Schedule {
    /// Checks the rule; the error says what is wrong.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        if !matches!(self.week, 1..=4 | -1) {
            return Err(ScheduleError::Week);
        }
        self.weekday()?;
        self.start_time()?;
        if !(10..=240).contains(&self.duration_min) {
            return Err(ScheduleError::Duration);
        }
        if !(1..=12).contains(&self.ahead) {
            return Err(ScheduleError::Ahead);
        }
        Ok(())
    }

    fn weekday(&self) -> Result<Weekday, ScheduleError> {
        WEEKDAYS
            .iter()
            .find(|w| w.0 == self.weekday.to_ascii_lowercase())
            .map(|w| w.1)
            .ok_or(ScheduleError::Weekday)
    }

    fn start_time(&self) -> Result<Time, ScheduleError> {
        let (h, m) = self
            .start
            .split_once(':')
            .ok_or(ScheduleError::StartFormat)?;
        let h: i8 = h.parse().map_err(|_| ScheduleError::StartFormat)?;
        let m: i8 = m.parse().map_err(|_| ScheduleError::StartFormat)?;
        Time::new(h, m, 0, 0).map_err(|_| ScheduleError::StartTime)
    }

    /// The next `count` slots on or after `from` (a local date in `tz`).
    pub fn occurrences(&self, tz: &TimeZone, from: Date, count: usize) -> Vec<Occurrence> {
        let (Ok(weekday), Ok(time)) = (self.weekday(), self.start_time()) else {
            return vec![];
        };
        let mut out = Vec::new();
        let mut month = from.first_of_month();
        // Twelve years of months is far more than any sensible `count` needs.
        for _ in 0..144 {
            if out.len() >= count {
                break;
            }
            if let Ok(date) = month.nth_weekday_of_month(self.week, weekday) {
                if date >= from {
                    if let Ok(zoned) = date.to_datetime(time).to_zoned_datetime(tz.clone()) {
                        out.push(Occurrence {
                            date,
                            starts_at: zoned.timestamp(),
                            holiday: finnish_holiday(date),
                        });
                    }
                }
            }
            month = match month.checked_add(jiff::Span::new().months(1)) {
                Ok(m) => m,
                Err(_) => break,
            };
        }
        out
    }

    /// Whether `at` (UTC ms) is the start of one of this rule's slots in `tz`: a meeting made
    /// by hand at the monthly time is a monthly meeting too.
    pub fn is_slot(&self, tz: &TimeZone, at: i64) -> bool {
        let Ok(ts) = Timestamp::from_millisecond(at) else {
            return false;
        };
        let date = ts.to_zoned_datetime(tz.clone()).date();
        self.occurrences(tz, date, 1)
            .first()
            .is_some_and(|o| o.date == date && o.starts_at == ts)
    }

    /// "toinen tiistai kuukaudessa klo 13.00–14.00" and its English.
    pub fn describe(&self) -> (String, String) {
        let w = WEEKDAYS
            .iter()
            .find(|w| w.0 == self.weekday.to_ascii_lowercase());
        let (fi_day, en_day) = w.map_or(("?", "?"), |w| (w.2, w.3));
        let (fi_nth, en_nth) = match self.week {
            1 => ("ensimmäinen", "first"),
            2 => ("toinen", "second"),
            3 => ("kolmas", "third"),
            4 => ("neljäs", "fourth"),
            _ => ("viimeinen", "last"),
        };
        let end = self.start_time().ok().and_then(|t| {
            t.checked_add(jiff::Span::new().minutes(self.duration_min as i64))
                .ok()
        });
        let start = self.start_time().ok();
        let hm = |t: Option<Time>, sep: char| {
            t.map_or("?".into(), |t| {
                format!("{:02}{sep}{:02}", t.hour(), t.minute())
            })
        };
        (
            format!(
                "{fi_nth} {fi_day} kuukaudessa klo {}–{}",
                hm(start, '.'),
                hm(end, '.')
            ),
            format!(
                "{en_nth} {en_day} of each month, {}–{}",
                hm(start, ':'),
                hm(end, ':')
            ),
        )
    }

    /// The rule as RFC 5545 RRULE text.
    pub fn rrule(&self) -> String {
        let day = self.weekday.get(..2).unwrap_or("MO").to_ascii_uppercase();
        format!("FREQ=MONTHLY;BYDAY={}{day}", self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn helsinki() -> TimeZone {
        TimeZone::get("Europe/Helsinki").unwrap()
    }

    fn second_tuesday() -> Schedule {
        Schedule {
            week: 2,
            weekday: "tuesday".into(),
            start: "13:00".into(),
            duration_min: 60,
            ahead: 3,
        }
    }

    #[test]
    fn a_meeting_at_the_slot_time_is_a_monthly_one_and_others_are_extra() {
        let ms = |s: &str| s.parse::<Timestamp>().unwrap().as_millisecond();
        let rule = second_tuesday();
        let tz = helsinki();
        // 10 Nov 2026 13:00 EET and 13 Oct 2026 13:00 EEST are slots.
        assert!(rule.is_slot(&tz, ms("2026-11-10T11:00:00Z")));
        assert!(rule.is_slot(&tz, ms("2026-10-13T10:00:00Z")));
        // The right day at another time, another Tuesday, a Monday: extra meetings.
        assert!(!rule.is_slot(&tz, ms("2026-11-10T12:00:00Z")));
        assert!(!rule.is_slot(&tz, ms("2026-11-17T11:00:00Z")));
        assert!(!rule.is_slot(&tz, ms("2026-11-30T11:00:00Z")));
    }

    #[test]
    fn second_tuesday_at_13_local_across_the_spring_summer_time_change() {
        // Finland moves to summer time on the last Sunday of March 2027 (28 March).
        let occ = second_tuesday().occurrences(&helsinki(), date(2027, 2, 1), 3);
        let dates: Vec<Date> = occ.iter().map(|o| o.date).collect();
        assert_eq!(
            dates,
            vec![date(2027, 2, 9), date(2027, 3, 9), date(2027, 4, 13)]
        );
        // 13:00 EET = 11:00 UTC in winter, 13:00 EEST = 10:00 UTC in summer.
        assert_eq!(occ[1].starts_at.to_string(), "2027-03-09T11:00:00Z");
        assert_eq!(occ[2].starts_at.to_string(), "2027-04-13T10:00:00Z");
    }

    #[test]
    fn across_the_autumn_change_and_the_year_boundary() {
        let occ = second_tuesday().occurrences(&helsinki(), date(2026, 10, 14), 4);
        let stamps: Vec<String> = occ.iter().map(|o| o.starts_at.to_string()).collect();
        // 13 Oct 2026 is before `from`; summer time ends 25 Oct 2026.
        assert_eq!(
            stamps,
            vec![
                "2026-11-10T11:00:00Z",
                "2026-12-08T11:00:00Z",
                "2027-01-12T11:00:00Z",
                "2027-02-09T11:00:00Z"
            ]
        );
    }

    #[test]
    fn last_friday_and_holiday_flags() {
        let s = Schedule {
            week: -1,
            weekday: "friday".into(),
            start: "09:30".into(),
            duration_min: 60,
            ahead: 3,
        };
        let occ = s.occurrences(&helsinki(), date(2027, 3, 1), 1);
        // Last Friday of March 2027 is Good Friday.
        assert_eq!(occ[0].date, date(2027, 3, 26));
        assert_eq!(occ[0].holiday, Some("Pitkäperjantai"));
        let occ = Schedule {
            week: 4,
            weekday: "thursday".into(),
            ..s.clone()
        }
        .occurrences(&helsinki(), date(2026, 12, 1), 1);
        assert_eq!(occ[0].date, date(2026, 12, 24));
        assert_eq!(occ[0].holiday, Some("Jouluaatto"));
    }

    #[test]
    fn descriptions_and_rrule() {
        let (fi, en) = second_tuesday().describe();
        assert_eq!(fi, "toinen tiistai kuukaudessa klo 13.00–14.00");
        assert_eq!(en, "second Tuesday of each month, 13:00–14:00");
        assert_eq!(second_tuesday().rrule(), "FREQ=MONTHLY;BYDAY=2TU");
    }

    #[test]
    fn bad_rules_are_explained() {
        let mut s = second_tuesday();
        s.week = 5;
        assert_eq!(s.validate(), Err(ScheduleError::Week));
        s.week = 2;
        s.start = "25:00".into();
        assert_eq!(s.validate(), Err(ScheduleError::StartTime));
        s.start = "13:00".into();
        s.weekday = "tiistai".into();
        assert_eq!(s.validate(), Err(ScheduleError::Weekday));
    }
}
