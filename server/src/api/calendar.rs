//! The calendar feed of a centre (RFC 5545), for Outlook and other clients to subscribe to:
//! every meeting from a month back on, with its time, title and participant link, and the
//! theme clock's plan for its month (the theme in the SUMMARY after the title, the theme, the
//! workshop and the task between workshops at the head of the DESCRIPTION). Moved
//! meetings carry a higher SEQUENCE, cancelled ones STATUS:CANCELLED, so subscribed calendars
//! update instead of duplicating. The `icalendar` crate does the escaping and line folding.

use super::ApiError;
use crate::db::{centres, meetings, theme_clock};
use crate::planning::links;
use crate::room::now_ms;
use crate::time::rfc3339;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use icalendar::{Calendar, Component, Event, EventStatus};
use shared::ids::CentreId;
use shared::Millis;

/// The calendar's product identifier (once per calendar, RFC 5545 3.7.3).
const PRODID: &str = "-//PPT Hub//ppt-hub//FI";

/// RFC 5545 UTC date-time: `20261208T110000Z`.
fn ics_time(ms: Millis) -> String {
    rfc3339(ms)
        .replace(['-', ':'], "")
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches('Z')
        .to_owned()
        + "Z"
}

/// The month's plan at the head of an event's description, in Finnish, Swedish and English
/// (a calendar event has one language for everyone), ending in a blank line.
fn theme_lines(t: &shared::api::MonthTheme) -> String {
    let mut out = String::new();
    if !t.theme.is_empty() {
        out += &format!(
            "Kuukauden teema / Månadens tema / Theme of the month: {}\n",
            t.theme
        );
    }
    if let Some(w) = t.workshop {
        out += &format!("Työpaja / Workshop: {}\n", w.names().join(" / "));
    }
    if let Some(task) = &t.between_task {
        out += &format!("Välitehtävä / Mellanuppgift / Task between workshops: {task}\n");
    }
    out + "\n"
}

/// `GET /calendar/{centre}/{feed_key}.ics`: the centre's meetings as an iCalendar feed, for
/// subscribing; 404 for an unknown centre and a wrong key alike.
pub async fn feed(
    State(app): State<AppState>,
    Path((centre, file)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let key = file
        .strip_suffix(".ics")
        .ok_or(ApiError::NotFound("calendar"))?
        .to_owned();
    let id = CentreId(centre);
    let since = now_ms() - 31 * 24 * 3_600_000;
    let (centre, rows) = app
        .db
        .call(move |conn| {
            let Some(c) = centres::get(conn, &id)? else {
                return Ok((None, vec![]));
            };
            let rows = meetings::list_for_centre(conn, &id, Some(since), None)?;
            let mut with_themes = Vec::with_capacity(rows.len());
            // Quick consultation rooms are ad hoc and already under way: not calendar events.
            for m in rows.into_iter().filter(|m| m.kind.is_monthly()) {
                let theme = theme_clock::for_meeting(conn, &id, &c.time_zone, m.starts_at)?;
                with_themes.push((m, theme));
            }
            Ok((Some(c), with_themes))
        })
        .await?;
    // An unknown centre and a wrong key (or one rotated away) look the same from outside;
    // the key is compared in constant time.
    let centre = centre
        .filter(|c| crate::room::same_key(&c.feed_key, &key))
        .ok_or(ApiError::NotFound("calendar"))?;
    let host = app
        .config
        .public_url
        .trim_start_matches("http://")
        .trim_start_matches("https://")
        .to_owned();
    // `Calendar::new()` would add its own PRODID beside ours; RFC 5545 allows one.
    let mut cal = Calendar::empty();
    for (k, v) in [
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        cal.append_property(icalendar::Property::new(k, v));
    }
    cal.name(&format!("PPT-konsultaatio – {}", centre.name));
    // Times are UTC; this names the centre's zone for clients that show the calendar's own.
    cal.timezone(centre.time_zone.as_str());
    for (m, theme) in rows {
        let (_, participant_link) = links(&app.config.public_url, &m);
        let mut ev = Event::new();
        let summary = match theme.as_ref().filter(|t| !t.theme.is_empty()) {
            Some(t) => format!("{} – {}", m.title, t.theme),
            None => m.title.clone(),
        };
        ev.uid(&format!("{}@{}", m.id, host))
            .summary(&summary)
            .description(&format!(
                "{}Liity / Delta / Join: {participant_link}\n\nEi asiakkaan tunnistetietoja – ei edes suullisesti. \
                 No client identifiers, not even spoken.",
                theme.as_ref().map(theme_lines).unwrap_or_default()
            ))
            .url(&participant_link)
            .sequence(m.revision as u32)
            .add_property("DTSTAMP", ics_time(now_ms()))
            .add_property("DTSTART", ics_time(m.starts_at))
            .add_property("DTEND", ics_time(m.ends_at));
        if m.cancelled_at.is_some() {
            ev.status(EventStatus::Cancelled);
        } else {
            ev.status(EventStatus::Confirmed);
        }
        cal.push(ev.done());
    }
    let body = cal.done().to_string();
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ics_times_are_utc_basic_format() {
        assert_eq!(super::ics_time(1_796_727_600_000), "20261208T110000Z");
    }

    #[test]
    fn the_months_plan_heads_the_description_in_three_languages() {
        let t = shared::api::MonthTheme {
            month: 9,
            theme: "Kiusaaminen".into(),
            workshop: Some(shared::api::WorkshopKind::NetworkWorkshop),
            between_task: Some("Kysy tiimiltä".into()),
        };
        assert_eq!(
            super::theme_lines(&t),
            "Kuukauden teema / Månadens tema / Theme of the month: Kiusaaminen\n\
             Työpaja / Workshop: Verkostotyöpaja / Nätverksworkshop / Network workshop\n\
             Välitehtävä / Mellanuppgift / Task between workshops: Kysy tiimiltä\n\n"
        );
    }
}
