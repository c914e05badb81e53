//! The coordinator's HTTP JSON API. Every route needs `Authorization: Bearer <coordinator
//! token>` ([`Coordinator`]); chair and participant keys get 403. The bodies are the typed
//! views of [`shared::api`], which the coordinator page reads too.
//!
//! One file per resource:
//! - [`health`]: `GET /api/health` (no token): whether the node can serve (its store takes a write).
//! - [`centres`]: `GET/POST /api/centres`, `GET/PATCH /api/centres/{centre}`,
//!   `GET /api/centres/{centre}/meetings`, and `POST /api/centres/{centre}/feed/rotate`, which
//!   gives the centre a new calendar feed key and answers with its new `feed_url`.
//! - [`meetings`]: `POST /api/meetings` `{centre_id, starts_at?, duration_min?, title?}`
//!   creates one and answers with its links (the title goes through the identifier guard with
//!   the centre's allowlist first, [`texts`]); `GET /api/meetings/{meeting}`;
//!   `PATCH /api/meetings/{meeting}` `{starts_at?, duration_min?}` moves one that has not
//!   started; `POST /api/meetings/{meeting}/cancel` cancels one;
//!   `POST /api/meetings/{meeting}/rotate` `{"key": "chair"|"participant"}` gives it a new key
//!   (the old one and its open sockets stop at once). `starts_at` is RFC 3339 with an offset,
//!   or a wall-clock time without one read in the centre's time zone. A meeting comes with its
//!   times in the centre's zone (`time_zone`, `starts_local`, `ends_local`, `utc_offset`), the
//!   number of items `carried_over` into it, and when its links expire (`links_expire_at`,
//!   `links_expired`: `--link-days` after it ended).
//! - [`exports`]: `GET /api/meetings/{meeting}/summary?format=md|html|csv|json` (the minutes
//!   of an ended meeting) and `GET /api/reports?centre=&from=&to=&format=csv|json`.
//! - [`digests`]: `GET /api/meetings/{meeting}/digests` (coordinator) lists a meeting's digest
//!   per service with its link; `GET /api/meetings/{meeting}/digest/{service}?format=&key=`
//!   is one (coordinator token, or the link's own key).
//! - [`attendance`]: `GET /api/centres/{centre}/attendance` (coordinator token) and
//!   `GET /api/meetings/{meeting}/attendance` (the meeting's chair key as a Bearer token): the
//!   centre's required services over its last six held meetings.
//! - [`theme_clock`]: `GET/PUT /api/centres/{centre}/theme-clock/{year}` (twelve months of
//!   themes, workshop kinds and tasks between workshops) and
//!   `POST /api/centres/{centre}/theme-clock/{year}/copy-from/{from}`.
//! - [`feedback`]: `POST /api/meetings/{meeting}/feedback/status` and
//!   `POST /api/meetings/{meeting}/feedback` (no token: the meeting's link key and the secret of
//!   the person's `joined`): the anonymous feedback form of an ended meeting.
//! - [`quick`]: quick consultation rooms: `POST /api/quick/catalogue` and `POST /api/quick`
//!   (a monthly meeting's link key, no token; limited per address) and
//!   `POST /api/centres/{centre}/quick` (coordinator token).
//! - [`guard`]: `POST /api/guard/check` (no token): the identifier guard for one text.
//! - [`calendar`]: `GET /calendar/{centre}/{feed key}.ics`, no token (the feed key in the URL
//!   is the capability a calendar client can hold).
//! - [`texts`]: the identifier guard's rules for the text a coordinator writes.
//! - [`error`]: [`ApiError`], the one error type: a code and safe text for the client, the
//!   detail for the log.

pub mod attendance;
pub mod calendar;
pub mod centres;
pub mod digests;
pub mod error;
pub mod exports;
pub mod feedback;
pub mod guard;
pub mod health;
pub mod meetings;
pub mod quick;
pub mod texts;
pub mod theme_clock;

pub use error::ApiError;

use crate::room::same_key;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::Router;

/// Every route of the API and the calendar feed.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health::health))
        .route("/api/centres", get(centres::list).post(centres::create))
        .route(
            "/api/centres/{centre}",
            get(centres::get_one).patch(centres::update),
        )
        .route("/api/centres/{centre}/meetings", get(centres::meetings))
        .route(
            "/api/centres/{centre}/attendance",
            get(attendance::for_centre),
        )
        .route(
            "/api/centres/{centre}/feed/rotate",
            post(centres::rotate_feed),
        )
        .route(
            "/api/centres/{centre}/theme-clock/{year}",
            get(theme_clock::get_year).put(theme_clock::put_year),
        )
        .route(
            "/api/centres/{centre}/theme-clock/{year}/copy-from/{from}",
            post(theme_clock::copy_from),
        )
        .route("/api/meetings", post(meetings::create))
        .route(
            "/api/meetings/{meeting}",
            get(meetings::get_one).patch(meetings::move_one),
        )
        .route("/api/meetings/{meeting}/cancel", post(meetings::cancel))
        .route("/api/meetings/{meeting}/rotate", post(meetings::rotate_key))
        .route(
            "/api/meetings/{meeting}/attendance",
            get(attendance::for_chair),
        )
        .route("/api/meetings/{meeting}/summary", get(exports::summary))
        .route("/api/meetings/{meeting}/digests", get(digests::list))
        .route("/api/meetings/{meeting}/feedback", post(feedback::give))
        .route(
            "/api/meetings/{meeting}/feedback/status",
            post(feedback::status),
        )
        .route(
            "/api/meetings/{meeting}/digest/{service}",
            get(digests::one),
        )
        .route("/api/reports", get(exports::period))
        .route("/api/quick/catalogue", post(quick::catalogue))
        .route("/api/quick", post(quick::open_with_key))
        .route(
            "/api/centres/{centre}/quick",
            post(quick::open_by_coordinator),
        )
        .route("/api/guard/check", post(guard::check))
        .route("/calendar/{centre}/{file}", get(calendar::feed))
}

/// Proof that the request carries the coordinator token (compared by its SHA-256 hash, in
/// constant time): a handler that takes one cannot run without it.
pub struct Coordinator;

impl FromRequestParts<AppState> for Coordinator {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(ApiError::Unauthorized)?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized)?;
        // Only the token's hash is kept; hashes are compared in constant time.
        let given = crate::db::settings::token_hash(token.trim());
        if same_key(&given, &app.config.coordinator_token_hash) {
            Ok(Coordinator)
        } else {
            Err(ApiError::Forbidden)
        }
    }
}
