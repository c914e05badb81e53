//! How the coordinator page words a meeting and a centre's slot: its state, its time in the
//! centre's zone with the zone named, what its card offers, and which meetings are upcoming.
//! Pure, so the host tests it; the views in [`super::meetings`] only place these texts.
//!
//! Times are shown in the centre's zone, whatever the browser's is: the server gives each
//! meeting's wall-clock times in that zone ([`MeetingView::starts_local`]), and the page never
//! converts them.

use crate::i18n::{Lang, Texts};
use shared::api::{CentreView, LinkKey, MeetingState, MeetingView};

/// The state in words.
pub fn state_name(state: MeetingState, t: &'static Texts) -> &'static str {
    match state {
        MeetingState::Running => t.phase_running,
        MeetingState::Ended => t.phase_ended,
        MeetingState::Cancelled => t.state_cancelled,
        MeetingState::Open => t.state_open,
    }
}

/// Date and times in the centre's zone, the zone named:
/// `8.12.2026 13.00–14.00 (Europe/Helsinki, UTC+2)`.
pub fn when(m: &MeetingView, lang: Lang) -> String {
    let (d1, t1) = local_parts(&m.starts_local, lang);
    let (d2, t2) = local_parts(&m.ends_local, lang);
    let end = if d1 == d2 { t2 } else { format!("{d2} {t2}") };
    format!(
        "{d1} {t1}–{end} ({})",
        zone_name(&m.time_zone, &m.utc_offset)
    )
}

/// The meeting named for a button that several cards have: `Kokous, 8.12.2026 13.00–14.00
/// (Europe/Helsinki, UTC+2)`.
pub fn whose(m: &MeetingView, lang: Lang) -> String {
    format!("{}, {}", m.title, when(m, lang))
}

/// What a meeting's card offers, from its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offers {
    /// Its chair and participant links (not once it has ended or was cancelled).
    pub links: bool,
    /// A holiday warning, when it falls on one.
    pub holiday: bool,
    /// Move and cancel (only before it starts).
    pub move_cancel: bool,
    /// Replacing its links (while they still work).
    pub rotate: bool,
    /// Its minutes, to read or download (once it has ended).
    pub minutes: bool,
}

impl Offers {
    /// What the card of `m` offers.
    pub fn of(m: &MeetingView) -> Offers {
        Offers {
            links: m.state.is_live(),
            holiday: m.state.is_live() && m.holiday.is_some(),
            move_cancel: m.is_open(),
            rotate: m.links_work(),
            minutes: m.state == MeetingState::Ended,
        }
    }
}

/// The holiday warning: `Pyhäpäivä: Itsenäisyyspäivä.`, in the page's language when the
/// server named it so.
pub fn holiday_name(m: &MeetingView, lang: Lang) -> Option<String> {
    let fi = m.holiday.as_deref()?;
    let name = m
        .holiday_names
        .as_ref()
        .map(|n| n.get(lang))
        .filter(|n| !n.is_empty())
        .unwrap_or(fi);
    Some(name.to_owned())
}

/// Under an ended meeting: its links have expired, or until when they work (the zone only: its
/// offset then may differ from the meeting's, summer time).
pub fn links_note(m: &MeetingView, t: &'static Texts, lang: Lang) -> Option<String> {
    if m.state != MeetingState::Ended {
        return None;
    }
    if m.links_expired {
        return Some(t.links_expired.to_owned());
    }
    let until = m.links_expire_local.as_deref().filter(|l| !l.is_empty())?;
    let (d, time) = local_parts(until, lang);
    Some(format!("{} {d} {time} ({})", t.links_until, m.time_zone))
}

/// The button that replaces one of a meeting's links, and its confirming button.
pub fn rotate_texts(key: LinkKey, t: &'static Texts) -> (&'static str, &'static str) {
    match key {
        LinkKey::Chair => (t.rotate_chair, t.rotate_chair_yes),
        LinkKey::Participant => (t.rotate_participant, t.rotate_participant_yes),
        LinkKey::Deputy => (t.rotate_deputy, t.rotate_deputy_yes),
    }
}

/// The heading of the minutes shown in the page (and their frame's title).
pub fn minutes_title(m: &MeetingView, t: &'static Texts, lang: Lang) -> String {
    format!("{}: {} {}", t.minutes_doc, m.title, when(m, lang))
}

/// Insertion sort (stable): the lists are short, and it is far smaller in WebAssembly than the
/// standard library's sorts.
pub fn sort<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Upcoming (running, or not yet over; earliest first) and past (latest first) meetings.
pub fn split_meetings(
    mut all: Vec<MeetingView>,
    now_ms: i64,
) -> (Vec<MeetingView>, Vec<MeetingView>) {
    sort(&mut all, |a, b| a.starts_at_ms < b.starts_at_ms);
    let (upcoming, mut past): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| {
        m.state == MeetingState::Running
            || (m.state != MeetingState::Ended && m.ends_at_ms >= now_ms)
    });
    past.reverse();
    (upcoming, past)
}

/// The weekdays a slot accepts, in order.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A weekday's name (`tuesday` → `tiistai`).
pub fn weekday_name(t: &'static Texts, day: &str) -> &'static str {
    match day {
        "monday" => t.mon,
        "tuesday" => t.tue,
        "wednesday" => t.wed,
        "thursday" => t.thu,
        "friday" => t.fri,
        "saturday" => t.sat,
        _ => t.sun,
    }
}

/// Which weekday of the month, in words (`-1` → the last).
pub fn week_name(t: &'static Texts, week: i8) -> &'static str {
    match week {
        1 => t.week_1,
        2 => t.week_2,
        3 => t.week_3,
        4 => t.week_4,
        _ => t.week_last,
    }
}

/// The centre's slot in words, its zone named: `Kokousaika: toinen tiistai kuukaudessa, 13.00,
/// 60 min (Europe/Helsinki)`.
pub fn rule_text(c: &CentreView, t: &'static Texts, lang: Lang) -> String {
    let Some(s) = &c.schedule else {
        return t.no_schedule.to_owned();
    };
    let sep = if lang == Lang::En { ":" } else { "." };
    format!(
        "{}: {} {} {}, {}, {} {} ({})",
        t.schedule,
        week_name(t, s.week),
        weekday_name(t, &s.weekday),
        t.each_month,
        s.start.replace(':', sep),
        s.duration_min,
        t.minutes_short,
        c.time_zone
    )
}

/// `8.12.2026` and `13.00` (`13:00` in English) from a wall-clock time `2026-12-08T13:00`.
pub fn local_parts(local: &str, lang: Lang) -> (String, String) {
    let Some(minute) = local_minute(local) else {
        return (local.to_owned(), String::new());
    };
    let n = |r: std::ops::Range<usize>| minute[r].trim_start_matches('0').to_owned();
    let sep = if lang == Lang::En { ":" } else { "." };
    (
        format!("{}.{}.{}", n(8..10), n(5..7), &minute[..4]),
        format!("{}{sep}{}", &minute[11..13], &minute[14..16]),
    )
}

/// A zone as shown beside a time: `Europe/Helsinki, UTC+2` (`UTC+5:30`, `UTC−4`).
pub fn zone_name(tz: &str, offset: &str) -> String {
    let utc = match offset.as_bytes() {
        [s @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let sign = if *s == b'-' { '−' } else { '+' };
            let h = format!("{}{}", *h1 as char, *h2 as char);
            let h = h.trim_start_matches('0');
            let h = if h.is_empty() { "0" } else { h };
            if (m1, m2) == (&b'0', &b'0') {
                if h == "0" {
                    "UTC".to_owned()
                } else {
                    format!("UTC{sign}{h}")
                }
            } else {
                format!("UTC{sign}{h}:{}{}", *m1 as char, *m2 as char)
            }
        }
        _ => String::new(),
    };
    match (tz.is_empty(), utc.is_empty()) {
        (false, false) => format!("{tz}, {utc}"),
        (false, true) => tz.to_owned(),
        _ => utc,
    }
}

/// A `datetime-local` value (`2026-12-08T13:00`, seconds allowed) cut to the minute, or
/// `None` if it is not a full date and time. The server reads it in the centre's zone.
pub fn local_minute(local: &str) -> Option<String> {
    let b = local.as_bytes();
    let ok = b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    ok.then(|| local[..16].to_owned())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::{EN, FI, SV};
    use shared::api::HolidayNames;
    use shared::ids::{CentreId, MeetingId};

    /// A meeting of Kalasatama on 8.12.2026 13–14 Helsinki time.
    pub fn meeting(id: &str, state: MeetingState) -> MeetingView {
        MeetingView {
            id: MeetingId::from(id),
            centre_id: CentreId::from("kalasatama"),
            title: "Kokous".into(),
            starts_at: String::new(),
            ends_at: String::new(),
            starts_at_ms: 0,
            ends_at_ms: 3_600_000,
            state,
            holiday: None,
            holiday_names: None,
            series_date: None,
            time_zone: "Europe/Helsinki".into(),
            starts_local: "2026-12-08T13:00".into(),
            ends_local: "2026-12-08T14:00".into(),
            utc_offset: "+02:00".into(),
            carried_over: 0,
            revision: 0,
            chair_key: "a".into(),
            participant_key: "c".into(),
            chair_link: format!("http://x/m/{id}#key=a"),
            participant_link: format!("http://x/m/{id}#key=c"),
            deputy_key: "d".into(),
            deputy_link: format!("http://x/m/{id}#key=d"),
            links_expire_at: None,
            links_expire_local: None,
            links_expired: false,
            allow_guests: Default::default(),
            kind: Default::default(),
        }
    }

    #[test]
    fn times_are_shown_with_the_zone_named() {
        assert_eq!(
            local_parts("2026-12-08T09:05", Lang::Fi),
            ("8.12.2026".to_owned(), "09.05".to_owned())
        );
        assert_eq!(local_parts("2026-12-08T13:00", Lang::En).1, "13:00");
        assert_eq!(
            zone_name("Europe/Helsinki", "+02:00"),
            "Europe/Helsinki, UTC+2"
        );
        assert_eq!(
            zone_name("America/New_York", "-04:00"),
            "America/New_York, UTC−4"
        );
        assert_eq!(
            zone_name("Asia/Kolkata", "+05:30"),
            "Asia/Kolkata, UTC+5:30"
        );
        assert_eq!(zone_name("UTC", "+00:00"), "UTC, UTC");
        let mut m = meeting("m1", MeetingState::Open);
        assert_eq!(
            when(&m, Lang::Fi),
            "8.12.2026 13.00–14.00 (Europe/Helsinki, UTC+2)"
        );
        m.ends_local = "2026-12-09T00:30".into();
        assert_eq!(
            when(&m, Lang::En),
            "8.12.2026 13:00–9.12.2026 00:30 (Europe/Helsinki, UTC+2)"
        );
    }

    #[test]
    fn datetime_local_values_are_sent_as_wall_clock_time_in_the_centres_zone() {
        assert_eq!(
            local_minute("2026-12-08T13:00").as_deref(),
            Some("2026-12-08T13:00")
        );
        assert_eq!(
            local_minute("2026-12-08T13:00:30").as_deref(),
            Some("2026-12-08T13:00")
        );
        assert_eq!(local_minute("2026-12-08"), None);
        assert_eq!(local_minute(""), None);
    }

    #[test]
    fn meetings_split_into_upcoming_and_past() {
        let m = |id: &str, start: i64, state: MeetingState| MeetingView {
            starts_at_ms: start,
            ends_at_ms: start + 10,
            ..meeting(id, state)
        };
        let all = vec![
            m("late", 300, MeetingState::Open),
            m("old", 100, MeetingState::Ended),
            m("now", 195, MeetingState::Running),
            m("older", 50, MeetingState::Cancelled),
            m("next", 200, MeetingState::Open),
        ];
        let (up, past) = split_meetings(all, 199);
        let ids = |v: &[MeetingView]| v.iter().map(|m| m.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&up), ["now", "next", "late"]);
        assert_eq!(ids(&past), ["old", "older"]);
        assert_eq!(state_name(up[0].state, &FI), FI.phase_running);
        assert_eq!(state_name(up[1].state, &FI), "Tulossa");
    }

    #[test]
    fn a_card_offers_what_the_meeting_allows() {
        let mut open = meeting("m1", MeetingState::Open);
        open.holiday = Some("Itsenäisyyspäivä".into());
        open.holiday_names = Some(HolidayNames {
            fi: "Itsenäisyyspäivä".into(),
            sv: "Självständighetsdagen".into(),
            en: "Independence Day".into(),
        });
        let o = Offers::of(&open);
        assert!(o.links && o.holiday && o.move_cancel && o.rotate && !o.minutes);
        assert_eq!(
            holiday_name(&open, Lang::Sv).as_deref(),
            Some("Självständighetsdagen")
        );
        let running = Offers::of(&meeting("m1", MeetingState::Running));
        assert!(running.links && running.rotate && !running.move_cancel);
        let mut ended = MeetingView {
            holiday: open.holiday.clone(),
            ..meeting("m1", MeetingState::Ended)
        };
        let o = Offers::of(&ended);
        assert!(!o.links && !o.holiday && !o.move_cancel && o.rotate && o.minutes);
        ended.links_expire_local = Some("2026-12-22T14:05".into());
        assert_eq!(
            links_note(&ended, &FI, Lang::Fi).as_deref(),
            Some("Linkit toimivat asti: 22.12.2026 14.05 (Europe/Helsinki)")
        );
        ended.links_expired = true;
        assert!(!Offers::of(&ended).rotate);
        assert_eq!(
            links_note(&ended, &SV, Lang::Sv).as_deref(),
            Some(SV.links_expired)
        );
        let cancelled = Offers::of(&meeting("m2", MeetingState::Cancelled));
        assert!(!cancelled.rotate && !cancelled.links && !cancelled.minutes);
        assert_eq!(links_note(&open, &FI, Lang::Fi), None);
    }

    #[test]
    fn buttons_that_several_cards_have_name_their_meeting() {
        let m = meeting("m1", MeetingState::Running);
        let (label, yes) = rotate_texts(LinkKey::Chair, &EN);
        assert_eq!(
            format!("{label}: {}", whose(&m, Lang::En)),
            "Replace the chair link: Kokous, 8.12.2026 13:00–14:00 (Europe/Helsinki, UTC+2)"
        );
        assert_eq!(yes, "Yes, replace the chair link");
        assert!(minutes_title(&m, &FI, Lang::Fi).starts_with("Muistio: Kokous 8.12.2026"));
    }
}
