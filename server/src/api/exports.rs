//! Minutes and period reports over HTTP, for the coordinator only (chairs and participants get
//! 403). Same documents as `ppt-hub export` and `ppt-hub report`.

use super::Coordinator;
use crate::error::ApiError;
use crate::reports::labels::Lang;
use crate::reports::{meeting_export, period_export, ExportError, Format};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::ids::{CentreId, MeetingId};

#[derive(Deserialize)]
pub struct SummaryQuery {
    format: Option<String>,
    lang: Option<String>,
}

fn format_and_lang(
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

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::UnknownMeeting => ApiError::NotFound("meeting"),
            ExportError::UnknownCentre => ApiError::NotFound("centre"),
            ExportError::NotEnded => ApiError::Conflict(e.to_string()),
            ExportError::BadRange(m) => ApiError::BadRequest(m),
            ExportError::Blocked(_) => ApiError::Blocked(e.to_string()),
            ExportError::GuardUnavailable => ApiError::GuardUnavailable,
            ExportError::Db(d) => ApiError::Internal(d.0),
        }
    }
}

fn document(text: String, format: Format, name: String) -> Response {
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
