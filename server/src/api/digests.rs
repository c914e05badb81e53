//! A digest per service (issue 13) over HTTP:
//! - `GET /api/meetings/{meeting}/digests` (coordinator token): the services the ended meeting
//!   has a digest for, each with its link ([`shared::api::MeetingDigests`]);
//! - `GET /api/meetings/{meeting}/digest/{service}?format=md|html|csv|json&lang=&key=`: one
//!   service's digest, for the coordinator token or for the link's `key`
//!   ([`crate::reports::digest::digest_key`]), which opens that service's digest of that
//!   meeting only, until the meeting's links expire or its chair key is rotated.

use super::exports::{document, format_and_lang};
use super::{ApiError, Coordinator};
use crate::reports::digest::{digest_key, services_of, LinkKey, ServiceDigest};
use crate::reports::minutes::MeetingSummary;
use crate::reports::{load, ExportError, Format};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use shared::api::{MeetingDigests, ServiceDigestLink};
use shared::ids::{MeetingId, ServiceId};

/// The query of a digest: format (html by default), language (fi by default), and the link's
/// key when the coordinator token is not sent.
#[derive(Deserialize)]
pub struct DigestQuery {
    format: Option<String>,
    lang: Option<String>,
    key: Option<String>,
}

/// `GET /api/meetings/{meeting}/digest/{service}`
pub async fn one(
    coordinator: Result<Coordinator, ApiError>,
    State(app): State<AppState>,
    Path((meeting, service)): Path<(String, String)>,
    Query(q): Query<DigestQuery>,
) -> Result<Response, ApiError> {
    let key = match (coordinator, q.key) {
        (Ok(Coordinator), _) => None,
        (Err(_), Some(k)) => Some(k),
        (Err(e), None) => return Err(e),
    };
    let (format, lang) = format_and_lang(q.format.as_deref(), Format::Html, q.lang.as_deref())?;
    let guard = app.guard.clone();
    let lifetime_ms = i64::try_from(app.config.rooms.link_lifetime.as_millis()).unwrap_or(i64::MAX);
    let (id, svc) = (MeetingId(meeting), ServiceId(service));
    let name = format!("koonti-{id}-{svc}");
    let text = app
        .db
        .call(move |conn| {
            let key = key.as_deref().map(|k| LinkKey {
                key: k,
                lifetime_ms,
                now_ms: crate::room::now_ms(),
            });
            Ok(crate::reports::digest::digest_export(
                conn, &guard, &id, &svc, key, format, lang,
            ))
        })
        .await??;
    Ok(document(text, format, name))
}

/// The query of the list: the language of the services' names.
#[derive(Deserialize)]
pub struct ListQuery {
    lang: Option<String>,
}

/// `GET /api/meetings/{meeting}/digests`
pub async fn list(
    _: Coordinator,
    State(app): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<MeetingDigests>, ApiError> {
    let (_, lang) = format_and_lang(None, Format::Html, q.lang.as_deref())?;
    let base = app.config.public_url.trim_end_matches('/').to_owned();
    let id = MeetingId(meeting);
    let digests = app
        .db
        .call(move |conn| {
            Ok((|| {
                let rec = load(conn, &id)?;
                let summary = MeetingSummary::of(&rec, lang).ok_or(ExportError::NotEnded)?;
                let links = services_of(&summary)
                    .iter()
                    .filter_map(|svc| ServiceDigest::of(&summary, svc))
                    .map(|d| ServiceDigestLink {
                        link: format!(
                            "{base}/api/meetings/{id}/digest/{}?key={}&lang={}",
                            d.service,
                            digest_key(&rec.row.chair_key, &id, &d.service),
                            lang.code()
                        ),
                        name: d.service_name,
                        present: d.present,
                        items: d.items.len() as u32,
                        service: d.service,
                    })
                    .collect();
                Ok::<_, ExportError>(links)
            })())
        })
        .await??;
    Ok(Json(MeetingDigests { digests }))
}
