//! Minutes and period reports over HTTP, for the coordinator only (chairs and participants get
//! 403). Same documents as `ppt-hub export` and `ppt-hub report`.

use super::{ApiError, Coordinator};
use crate::reports::labels::Lang;
use crate::reports::{meeting_export, period_export, ExportError, Format};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::ids::{CentreId, MeetingId};

/// The query of a minutes export: `format` (html by default) and `lang` (fi by default).
#[derive(Deserialize)]
pub struct SummaryQuery {
    format: Option<String>,
    lang: Option<String>,
}

/// The format (or `default`) and language asked for, or 400.
pub(super) fn format_and_lang(
    format: Option<&str>,
    default: Format,
    lang: Option<&str>,
) -> Result<(Format, Lang), ApiError> {
    let format = match format {
        None => default,
        Some(f) => Format::parse(f)
            .ok_or_else(|| ApiError::BadRequest("format must be md, html, csv or json".into()))?,
    };
    let lang = match lang {
        None => Lang::Fi,
        Some(l) => Lang::from_code(l)
            .ok_or_else(|| ApiError::BadRequest("lang must be fi, sv or en".into()))?,
    };
    Ok((format, lang))
}

/// What an export failure means to the client.
impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::UnknownMeeting => ApiError::NotFound("meeting"),
            ExportError::UnknownCentre => ApiError::NotFound("centre"),
            ExportError::UnknownService => ApiError::NotFound("service"),
            ExportError::WrongKey => ApiError::Forbidden,
            ExportError::NotEnded => ApiError::Conflict(e.to_string()),
            ExportError::BadRange(m) => ApiError::BadRequest(m),
            ExportError::Blocked(_) => ApiError::Blocked(e.to_string()),
            ExportError::GuardUnavailable => ApiError::GuardUnavailable,
            ExportError::Db(d) => ApiError::Db(d),
        }
    }
}

/// An export as a response: its content type, and a file name for saving it.
pub(super) fn document(text: String, format: Format, name: String) -> Response {
    let disposition = format!("inline; filename=\"{name}.{}\"", format.extension());
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response()
}

/// `GET /api/meetings/{meeting}/summary?format=md|html|csv|json&lang=fi|sv|en`
pub async fn summary(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<SummaryQuery>,
) -> Result<Response, ApiError> {
    let (format, lang) = format_and_lang(q.format.as_deref(), Format::Html, q.lang.as_deref())?;
    let guard = app.guard.clone();
    let id = MeetingId(meeting);
    let name = format!("muistio-{id}");
    let text = app
        .db
        .call(move |conn| Ok(meeting_export(conn, &guard, &id, format, lang)))
        .await??;
    Ok(document(text, format, name))
}

/// The query of a period report: centre (all when empty), range, format (json by default),
/// language.
#[derive(Deserialize)]
pub struct ReportQuery {
    centre: Option<String>,
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
    lang: Option<String>,
}

/// `GET /api/reports?centre=&from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|json&lang=`
pub async fn period(
    _: Coordinator,
    State(app): State<AppState>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let (format, lang) = format_and_lang(q.format.as_deref(), Format::Json, q.lang.as_deref())?;
    if !matches!(format, Format::Csv | Format::Json) {
        return Err(ApiError::BadRequest(
            "period reports are csv or json".into(),
        ));
    }
    let (Some(from), Some(to)) = (q.from, q.to) else {
        return Err(ApiError::BadRequest(
            "from and to are required (YYYY-MM-DD)".into(),
        ));
    };
    let centre = q.centre.filter(|c| !c.is_empty()).map(CentreId);
    let name = format!(
        "raportti-{}-{from}-{to}",
        centre.as_ref().map_or("kaikki", |c| c.as_str())
    );
    let guard = app.guard.clone();
    let text = app
        .db
        .call(move |conn| {
            Ok(period_export(
                conn,
                &guard,
                centre.as_ref(),
                &from,
                &to,
                format,
                lang,
            ))
        })
        .await??;
    Ok(document(text, format, name))
}

#[cfg(test)]
mod tests {
    use crate::reports::period::{Bucket, MeetingLine, PeriodReport, Range, ServiceRate};
    use shared::api::PeriodReportView;
    use shared::api::SuppressedCount::{Exact, Suppressed};
    use shared::ids::{CentreId, MeetingId, ServiceId};

    /// The coordinator page reads the period report as `shared::api::PeriodReportView`: the
    /// JSON the report module writes must read into it and back without a field lost.
    #[test]
    fn the_period_report_json_is_the_shared_view() {
        let report = PeriodReport {
            centre: Some(CentreId::from("kalasatama")),
            range: Range {
                from: "2026-01-01".into(),
                to: "2026-12-31".into(),
                from_ms: 0,
                to_ms: 0,
            },
            meetings_held: 1,
            items_handled: Exact(4),
            items_by_kind: [("client_case".to_owned(), Exact(4))].into(),
            themes: [("homelessness".to_owned(), Suppressed)].into(),
            outcomes_recorded: Exact(3),
            follow_ups: Suppressed,
            deferred: Suppressed,
            withdrawn: Exact(0),
            items_timed: Exact(3),
            average_min_per_item: Some(12.5),
            time_per_item: vec![Bucket {
                label: "10–14".into(),
                count: Exact(3),
            }],
            attendance: vec![ServiceRate {
                service: ServiceId::from("kela"),
                name: "Kela".into(),
                required: true,
                meetings: 1,
                present: 1,
                rate: 1.0,
            }],
            all_required_present_share: Some(0.5),
            rejected_identifiers: [("hetu".to_owned(), 1)].into(),
            meetings: vec![MeetingLine {
                meeting_id: MeetingId::from("m1"),
                centre_id: CentreId::from("kalasatama"),
                centre_name: "Kalasatama".into(),
                date: "2026-10-13".into(),
                used_min: 45,
                items: Exact(4),
                deferred: Suppressed,
                follow_ups: Suppressed,
                all_required_present: false,
                rejected: 1,
                people_by_service: [(ServiceId::from("kela"), 2)].into(),
                experts_by_experience: Suppressed,
                guests: Suppressed,
                by_kind: vec![Exact(4), Exact(0), Exact(0)],
                by_theme: Vec::new(),
            }],
            attendance_pattern: vec![crate::reports::attendance::tally(
                &CentreId::from("kalasatama"),
                "Kalasatama",
                &shared::domain::default_catalogue(),
                &[crate::reports::attendance::Held {
                    date: "2026-10-13".into(),
                    listed: [ServiceId::from("kela")].into(),
                    present: [ServiceId::from("kela")].into(),
                }],
            )],
            experts_by_experience: Suppressed,
            guests: Suppressed,
            suppression_rule: "rule".into(),
            quick: shared::api::quick::PeriodQuick {
                held: 1,
                items: Suppressed,
                outcomes_recorded: Suppressed,
                follow_ups: Exact(0),
                average_minutes: Some(20.0),
            },
            feedback: crate::reports::feedback::in_period(&[]),
        };
        let written = serde_json::to_value(&report).unwrap();
        let read: PeriodReportView = serde_json::from_value(written.clone()).unwrap();
        assert_eq!(serde_json::to_value(&read).unwrap(), written);
        assert_eq!(
            (read.items(), read.items_of("phenomenon"), read.follow_ups),
            (Exact(4), Exact(0), Suppressed)
        );
    }
}
