//! What coordinators take away: the minutes (muistio) of an ended meeting and period reports
//! over many meetings, in the formats they use (Markdown, printable HTML, CSV for Finnish Excel,
//! JSON).
//!
//! Everything here is computed from the meetings' event logs, the same record the rooms
//! replay, and every export is checked by the identifier guard before it leaves the server
//! ([`guarded`]): a hit, which should never happen, refuses the export instead of leaking.
//! A meeting's digest per service ([`digest`]) is made the same way.

pub mod attendance;
pub mod digest;
mod digest_render;
pub mod excel_csv;
pub mod feedback;
pub mod labels;
pub mod minutes;
pub mod period;
mod period_csv;
pub mod quick;

use crate::db::centres::{self, Centre};
use crate::db::meetings::{self, MeetingRow};
use crate::db::{events, Db, DbError};
use crate::guard::{GuardUnavailable, IdentifierGuard};
use labels::Lang;
use minutes::MeetingSummary;
use period::{PeriodReport, Range};
use shared::guard::Allowlist;
use shared::ids::{CentreId, MeetingId};
use shared::room::{EventKind, RoomState};

/// Why an export was not made. The `Display` is what the CLI prints; the HTTP API maps each
/// variant to its own code.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No meeting with that id.
    #[error("no such meeting")]
    UnknownMeeting,
    /// No centre with that id (or a meeting whose centre is gone).
    #[error("no such centre")]
    UnknownCentre,
    /// The meeting has no digest for that service: none of its people came and no item or
    /// outcome named it.
    #[error("no digest for that service in this meeting")]
    UnknownService,
    /// A digest link's key that is not that digest's (or the chair key was rotated since).
    #[error("the link's key is not valid for this digest")]
    WrongKey,
    /// The minutes exist only for an ended meeting.
    #[error("the meeting has not ended; its minutes are made when it ends")]
    NotEnded,
    /// A date range that is malformed, reversed or too long; the text says which.
    #[error("{0}")]
    BadRange(String),
    /// The guard found identifier-like text in the export; the kinds only, never the text.
    #[error(
        "the export was refused: the identifier guard found {} in it; nothing was exported",
        .0.join(", ")
    )]
    Blocked(Vec<String>),
    /// The identifier guard could not run (voikko failed to open on this thread), so the
    /// export was not checked and is not made: an unchecked export could leak.
    #[error(
        "the identifier guard is not available right now, so the export could not be checked; \
         nothing was exported. Try again in a moment"
    )]
    GuardUnavailable,
    /// Storage failed.
    #[error("storage failed: {0}")]
    Db(#[from] DbError),
}

/// Output formats, one for each way coordinators take the minutes and reports away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown, for e-mail and wikis.
    Markdown,
    /// Printable HTML (print to PDF).
    Html,
    /// CSV for Finnish Excel.
    Csv,
    /// JSON, for other systems.
    Json,
}

impl Format {
    /// The format named on the command line or in a URL (`md`, `html`, `csv`, `json`).
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The HTTP `Content-Type` of an export in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }

    /// The file name extension for a download in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// A meeting as recorded: its row, its centre, and its state replayed from the log.
pub struct Recorded {
    pub row: MeetingRow,
    pub centre: Centre,
    pub state: RoomState,
    /// Refused identifier findings per kind.
    pub rejected: std::collections::BTreeMap<String, u32>,
    /// Until when its texts are kept, and whether they have been removed (the minutes say).
    pub retention: crate::db::retention::TextRetention,
    /// The theme clock's plan for the meeting's month, if any (the minutes show it).
    pub theme: Option<shared::api::MonthTheme>,
    /// Its structured anonymous feedback (results only from five answers on).
    pub feedback: shared::api::feedback::MeetingFeedback,
    /// Who was given or took the chair controls, and when, in the log's order (the minutes
    /// list them: the state keeps only the holder at the end).
    pub chair_changes: Vec<ChairChange>,
}

/// One change of the chair controls' holder, read from the log.
#[derive(Clone, Debug)]
pub struct ChairChange {
    pub at: shared::Millis,
    /// Taken over after the holder had been away (`chair_taken_over`), not handed over.
    pub taken_over: bool,
    pub to: shared::room::ChairHolder,
}

/// Loads and replays one meeting.
pub fn load(conn: &crate::db::Connection, id: &MeetingId) -> Result<Recorded, ExportError> {
    let row = meetings::get(conn, id)?.ok_or(ExportError::UnknownMeeting)?;
    let centre = centres::get(conn, &row.centre_id)?.ok_or(ExportError::UnknownCentre)?;
    let log = events::load(conn, id)?;
    let state = RoomState::replay(log.iter().map(|(e, _)| e))
        .ok_or_else(|| ExportError::Db(DbError::LogWithoutCreation(id.clone())))?;
    let rejected = crate::db::rejections::of(conn, id)?;
    let retention = crate::db::retention::status(conn, id)?;
    let theme =
        crate::db::theme_clock::for_meeting(conn, &centre.id, &centre.time_zone, row.starts_at)?;
    let feedback = crate::db::feedback::of_meeting(conn, id)?;
    let chair_changes = log
        .iter()
        .filter_map(|(e, _)| {
            match &e.kind {
                EventKind::ChairHandedOver { to, .. } => Some((false, to)),
                EventKind::ChairTakenOver { to, .. } => Some((true, to)),
                _ => None,
            }
            .map(|(taken_over, to)| ChairChange {
                at: e.at,
                taken_over,
                to: to.clone(),
            })
        })
        .collect();
    Ok(Recorded {
        row,
        centre,
        state,
        rejected,
        retention,
        theme,
        feedback,
        chair_changes,
    })
}

/// The ended (not cancelled) meetings of one centre or all, starting in `[from, to)` (ms).
pub fn load_range(
    conn: &crate::db::Connection,
    centre: Option<&CentreId>,
    from: i64,
    to: i64,
) -> Result<Vec<Recorded>, ExportError> {
    let centres = match centre {
        Some(id) => vec![centres::get(conn, id)?.ok_or(ExportError::UnknownCentre)?],
        None => centres::list(conn)?,
    };
    let mut out = Vec::new();
    for c in centres {
        for row in meetings::list_for_centre(conn, &c.id, Some(from), Some(to))? {
            if row.ended_at.is_some() && row.cancelled_at.is_none() {
                out.push(load(conn, &row.id)?);
            }
        }
    }
    out.sort_by_key(|r| r.row.starts_at);
    Ok(out)
}

/// Runs the identifier guard over an export; `Ok` hands the text on, a hit refuses it, and so
/// does a guard that could not run (fail closed).
pub fn guarded(
    text: String,
    check: &dyn Fn(&str) -> Result<Vec<String>, GuardUnavailable>,
) -> Result<String, ExportError> {
    let kinds = check(&text).map_err(|_| {
        tracing::error!("export refused: the identifier guard is unavailable");
        ExportError::GuardUnavailable
    })?;
    if kinds.is_empty() {
        Ok(text)
    } else {
        tracing::error!(kinds = ?kinds, "export refused by the identifier guard");
        Err(ExportError::Blocked(kinds))
    }
}

/// Convenience for callers with a database handle.
pub async fn load_meeting(db: &Db, id: MeetingId) -> Result<Recorded, ExportError> {
    db.call(move |conn| Ok(load(conn, &id))).await?
}

/// Minutes as `h:mm` or `m min` style text is left to the renderers; this is the one rounding
/// rule: whole minutes, half up.
pub fn minutes(ms: i64) -> i64 {
    (ms + 30_000) / 60_000
}

/// The visible text of an HTML document (tags dropped, entities of our escaping undone), so
/// the guard reads what a person would read, not markup. Elements are separated by line
/// breaks, as they are on the page: a label and the number in the next cell ("Seurantaan",
/// "1") are not one phrase that could read as a street address.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_style = false;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if !in_tag && lower[i..].starts_with("<style") {
            in_style = true;
        }
        if in_style && lower[i..].starts_with("</style>") {
            in_style = false;
        }
        let c = html[i..].chars().next().expect("in bounds");
        if c == '<' {
            in_tag = true;
            out.push('\n');
        } else if c == '>' {
            in_tag = false;
        } else if !in_tag && !in_style {
            out.push(c);
        }
        i += c.len_utf8();
    }
    shared::html::unescape(&out)
}

/// Checks an export: every piece of text in it that came from people (titles, summaries,
/// questions, outcomes, centre and service names) with the full guard, one field at a time,
/// and the whole document as it leaves with the pattern detectors (identity codes, phone
/// numbers, e-mail, accounts…). The export's own fixed wording is not run through the name
/// detector: it is ours, and English labels such as "Time" or "Done" are also surnames.
///
/// The server's own ids (meeting ids are 32 hex digits, often with runs of eight or more
/// digits that read like record numbers) are taken out of the document before the check.
fn check_export(
    guard: &IdentifierGuard,
    text: &str,
    format: Format,
    fields: &[&str],
    ids: &[&str],
    allow: &Allowlist,
) -> Result<Vec<String>, GuardUnavailable> {
    let mut readable = if format == Format::Html {
        html_text(text)
    } else {
        text.to_owned()
    };
    for id in ids.iter().filter(|id| !id.is_empty()) {
        readable = readable.replace(id, " ");
    }
    let mut found = shared::guard::find_patterns(&readable, allow);
    // The default catalogue's service names are the product's wording, not checked again (a
    // name rule that misreads one, as "unga" in "Socialtjänster för unga och vuxna" has been,
    // would block every Swedish minutes); a name a coordinator wrote is checked.
    for f in fields
        .iter()
        .filter(|f| !shared::domain::is_product_wording(f))
    {
        // Fail closed: a field the guard could not check stops the export.
        found.extend(guard.check(f, allow)?);
    }
    let mut kinds: Vec<String> = found
        .into_iter()
        .map(|f| f.kind.as_str().to_owned())
        .collect();
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

/// The text fields of the minutes that came from people.
fn summary_fields(s: &MeetingSummary) -> Vec<&str> {
    let mut f: Vec<&str> = vec![&s.centre_name, &s.title];
    f.extend(s.attendance.iter().map(|a| a.name.as_str()));
    f.extend(s.guest_organisations.iter().map(String::as_str));
    if let Some(t) = &s.month_theme {
        f.push(&t.theme);
        f.extend(t.between_task.as_deref());
    }
    f.extend(s.feedback.comments.iter().map(String::as_str));
    for it in &s.items {
        f.extend([it.title.as_str(), it.summary.as_str(), it.question.as_str()]);
        if let Some(o) = &it.outcome {
            f.extend([o.advice.as_str(), o.next_steps.as_str()]);
        }
    }
    f
}

/// The minutes of one meeting in `format`, checked by the guard.
pub fn meeting_export(
    conn: &crate::db::Connection,
    guard: &IdentifierGuard,
    id: &MeetingId,
    format: Format,
    lang: Lang,
) -> Result<String, ExportError> {
    let rec = load(conn, id)?;
    let summary = MeetingSummary::of(&rec, lang).ok_or(ExportError::NotEnded)?;
    let text = match format {
        Format::Markdown => summary.markdown(lang),
        Format::Html => summary.html(lang),
        Format::Csv => summary.csv(lang),
        Format::Json => summary.json(),
    };
    let allow = Allowlist::new(rec.centre.allowlist.iter());
    let fields = summary_fields(&summary);
    let mut ids: Vec<&str> = vec![summary.meeting_id.as_str()];
    ids.extend(
        summary
            .items
            .iter()
            .filter_map(|i| i.carried_over.as_ref())
            .map(|c| c.from_meeting.as_str()),
    );
    guarded(text, &|t| {
        check_export(guard, t, format, &fields, &ids, &allow)
    })
}

/// A period report in `format` (CSV or JSON), checked by the guard.
pub fn period_export(
    conn: &crate::db::Connection,
    guard: &IdentifierGuard,
    centre: Option<&CentreId>,
    from: &str,
    to: &str,
    format: Format,
    lang: Lang,
) -> Result<String, ExportError> {
    let tz = match centre {
        Some(id) => {
            centres::get(conn, id)?
                .ok_or(ExportError::UnknownCentre)?
                .time_zone
        }
        None => crate::time::HELSINKI.to_owned(),
    };
    let range = Range::parse(from, to, &tz)?;
    // Quick consultation rooms are counted apart: every other figure is the monthly meetings'.
    let (recorded, quick_rooms) =
        quick::split(load_range(conn, centre, range.from_ms, range.to_ms)?);
    let held: Vec<MeetingSummary> = recorded
        .iter()
        .filter_map(|r| MeetingSummary::of(r, lang))
        .collect();
    let mut report = PeriodReport::of(centre.cloned(), range, &held);
    let quick_held: Vec<MeetingSummary> = quick_rooms
        .iter()
        .filter_map(|r| MeetingSummary::of(r, lang))
        .collect();
    report.quick = quick::of(&quick_held);
    report.attendance_pattern = attendance::in_period(&recorded, &held);
    report.suppression_rule = shared::api::suppression::rule_text(lang).to_owned();
    let text = match format {
        Format::Csv => report.csv(lang, &held),
        Format::Json => serde_json::to_string_pretty(&report).expect("report serializes"),
        _ => {
            return Err(ExportError::BadRange(
                "period reports are CSV or JSON".into(),
            ))
        }
    };
    let allow = Allowlist::new(recorded.iter().flat_map(|r| r.centre.allowlist.iter()));
    let mut fields: Vec<&str> = Vec::new();
    for s in &held {
        fields.push(&s.centre_name);
        fields.extend(s.attendance.iter().map(|a| a.name.as_str()));
    }
    for s in report.attendance_pattern.iter().flat_map(|a| &a.services) {
        fields.extend([s.name_fi.as_str(), s.name_sv.as_str(), s.name_en.as_str()]);
    }
    let ids: Vec<&str> = held.iter().map(|s| s.meeting_id.as_str()).collect();
    guarded(text, &|t| {
        check_export(guard, t, format, &fields, &ids, &allow)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalogue_in_swedish_does_not_block_minutes_but_a_written_name_is_checked() {
        let guard = IdentifierGuard::lists_only();
        let none = Allowlist::empty();
        let names: Vec<String> = shared::domain::default_catalogue()
            .into_iter()
            .flat_map(|s| [s.name_fi, s.name_sv, s.name_en])
            .collect();
        let fields: Vec<&str> = names.iter().map(String::as_str).collect();
        let doc = names.join("\n");
        assert_eq!(
            check_export(&guard, &doc, Format::Markdown, &fields, &[], &none).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            check_export(
                &guard,
                "",
                Format::Markdown,
                &["Matti Virtanen"],
                &[],
                &none
            )
            .unwrap(),
            ["person_name"]
        );
    }

    #[test]
    fn a_guard_that_cannot_run_refuses_the_export() {
        let leaked = std::cell::Cell::new(false);
        let answer = guarded("Asiakas 131052-308T".into(), &|_| {
            leaked.set(true);
            Err(GuardUnavailable)
        });
        assert!(leaked.get(), "the check ran");
        assert!(matches!(answer, Err(ExportError::GuardUnavailable)));
        assert!(matches!(
            guarded("Iäkäs asiakas".into(), &|_| Ok(vec![])),
            Ok(t) if t == "Iäkäs asiakas"
        ));
    }

    #[test]
    fn server_ids_are_left_out_of_the_check_but_everything_else_is_checked() {
        let guard = IdentifierGuard::lists_only();
        let id = "3f2a1234567890bcde0123456789abcd";
        let doc = format!("{{\"meeting_id\":\"{id}\",\"title\":\"Iäkäs asiakas\"}}");
        let none = Allowlist::empty();
        assert!(check_export(&guard, &doc, Format::Json, &[], &[id], &none)
            .unwrap()
            .is_empty());
        let leaky = format!("{{\"meeting_id\":\"{id}\",\"title\":\"Asiakas 131052-308T\"}}");
        assert_eq!(
            check_export(&guard, &leaky, Format::Json, &[], &[id], &none).unwrap(),
            ["hetu"]
        );
    }
}
