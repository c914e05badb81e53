//! The coordinator API as typed calls: each sends the token as a Bearer token and answers with
//! the [`shared::api`] view the server sends, or a [`Failure`] with the server's error code.

use super::failure::Failure;
use crate::i18n::Lang;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::Attendance;
use shared::api::{
    CentreList, CentreMeetings, CentrePatch, CentreView, ErrorBody, LinkKey, MeetingView,
    MoveMeeting, NewCentre, NewMeeting, PeriodReportView, RotateKey,
};
use shared::api::{ThemeClock, ThemeClockUpdate};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What a call answers.
pub type Answer<T> = Result<T, Failure>;

/// Sends a request with the token; a refusal becomes a [`Failure`] with the server's code.
async fn send(
    method: &str,
    path: &str,
    token: &str,
    body: Option<String>,
) -> Answer<web_sys::Response> {
    let no = |_| Failure::no_answer();
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(no)?;
    headers
        .set("Authorization", &format!("Bearer {token}"))
        .map_err(no)?;
    if let Some(b) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(no)?;
        init.set_body(&JsValue::from_str(&b));
    }
    init.set_headers(&headers);
    let req = web_sys::Request::new_with_str_and_init(path, &init).map_err(no)?;
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_request(&req))
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    if resp.ok() {
        return Ok(resp);
    }
    let status = resp.status();
    let error = serde_json::from_str::<ErrorBody>(&text(&resp).await.unwrap_or_default())
        .ok()
        .map(|b| b.error);
    Err(Failure {
        status,
        code: error.as_ref().map(|e| e.code),
        message: error.map(|e| e.message).unwrap_or_default(),
    })
}

/// The body of an answer as text.
async fn text(resp: &web_sys::Response) -> Answer<String> {
    let no = |_| Failure::no_answer();
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    Ok(text.as_string().unwrap_or_default())
}

/// A call with an optional JSON body whose answer is the view `T`.
async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    token: &str,
    body: Option<&impl Serialize>,
) -> Answer<T> {
    let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
    let resp = send(method, path, token, body).await?;
    let status = resp.status();
    serde_json::from_str(&text(&resp).await?).map_err(|e| Failure {
        status,
        code: None,
        message: e.to_string(),
    })
}

/// No body.
const NONE: Option<&()> = None;

/// `GET /api/centres`: also how the token is checked at sign-in.
pub async fn centres(token: &str) -> Answer<CentreList> {
    call("GET", "/api/centres", token, NONE).await
}

/// `POST /api/centres`.
pub async fn create_centre(token: &str, centre: &NewCentre) -> Answer<CentreView> {
    call("POST", "/api/centres", token, Some(centre)).await
}

/// `PATCH /api/centres/{id}`.
pub async fn update_centre(token: &str, id: &str, patch: &CentrePatch) -> Answer<CentreView> {
    call("PATCH", &format!("/api/centres/{id}"), token, Some(patch)).await
}

/// `GET /api/centres/{id}/theme-clock/{year}`: the year's twelve months.
pub async fn theme_clock(token: &str, id: &str, year: i32) -> Answer<ThemeClock> {
    let path = format!("/api/centres/{id}/theme-clock/{year}");
    call("GET", &path, token, NONE).await
}

/// `PUT /api/centres/{id}/theme-clock/{year}`: the year's plan replaced.
pub async fn save_theme_clock(
    token: &str,
    id: &str,
    year: i32,
    plan: &ThemeClockUpdate,
) -> Answer<ThemeClock> {
    let path = format!("/api/centres/{id}/theme-clock/{year}");
    call("PUT", &path, token, Some(plan)).await
}

/// `POST /api/centres/{id}/theme-clock/{year}/copy-from/{from}`.
pub async fn copy_theme_clock(token: &str, id: &str, year: i32, from: i32) -> Answer<ThemeClock> {
    let path = format!("/api/centres/{id}/theme-clock/{year}/copy-from/{from}");
    call("POST", &path, token, NONE).await
}

/// `POST /api/centres/{id}/feed/rotate`: the centre with its new feed address.
pub async fn rotate_feed(token: &str, id: &str) -> Answer<CentreView> {
    call(
        "POST",
        &format!("/api/centres/{id}/feed/rotate"),
        token,
        NONE,
    )
    .await
}

/// `GET /api/centres/{id}/meetings`.
pub async fn meetings(token: &str, centre: &str) -> Answer<CentreMeetings> {
    call(
        "GET",
        &format!("/api/centres/{centre}/meetings"),
        token,
        NONE,
    )
    .await
}

/// `POST /api/meetings`.
pub async fn create_meeting(token: &str, new: &NewMeeting) -> Answer<MeetingView> {
    call("POST", "/api/meetings", token, Some(new)).await
}

/// `PATCH /api/meetings/{id}`.
pub async fn move_meeting(token: &str, id: &str, to: &MoveMeeting) -> Answer<MeetingView> {
    call("PATCH", &format!("/api/meetings/{id}"), token, Some(to)).await
}

/// `POST /api/meetings/{id}/cancel`.
pub async fn cancel_meeting(token: &str, id: &str) -> Answer<MeetingView> {
    call("POST", &format!("/api/meetings/{id}/cancel"), token, NONE).await
}

/// `POST /api/meetings/{id}/rotate`: the meeting with its new link.
pub async fn rotate_key(token: &str, id: &str, key: LinkKey) -> Answer<MeetingView> {
    let body = RotateKey { key };
    call(
        "POST",
        &format!("/api/meetings/{id}/rotate"),
        token,
        Some(&body),
    )
    .await
}

/// `GET /api/centres/{id}/attendance`: its required services over its last six meetings held.
pub async fn attendance(token: &str, centre: &str) -> Answer<Attendance> {
    call(
        "GET",
        &format!("/api/centres/{centre}/attendance"),
        token,
        NONE,
    )
    .await
}

/// `GET /api/reports?…&format=json` (the path from [`super::report::ReportQuery::path`]).
pub async fn report(token: &str, path: &str) -> Answer<PeriodReportView> {
    call("GET", path, token, NONE).await
}

/// `GET /api/meetings/{id}/digests`: the ended meeting's digest per service, with links.
pub async fn digests(token: &str, id: &str, lang: Lang) -> Answer<shared::api::MeetingDigests> {
    let path = format!("/api/meetings/{id}/digests?lang={}", lang.code());
    call("GET", &path, token, NONE).await
}

/// The minutes of an ended meeting as the server's HTML document.
pub async fn minutes_html(token: &str, id: &str, lang: Lang) -> Answer<String> {
    let path = format!(
        "/api/meetings/{id}/summary?format=html&lang={}",
        lang.code()
    );
    text(&send("GET", &path, token, None).await?).await
}

/// Fetches `path` with the token and saves the answer as `file` (a plain link cannot carry the
/// Authorization header): through a Blob URL and a temporary `<a download>`.
pub async fn download(token: &str, path: &str, file: &str) -> Answer<()> {
    let no = |_| Failure::no_answer();
    let resp = send("GET", path, token, None).await?;
    let blob: web_sys::Blob = JsFuture::from(resp.blob().map_err(no)?)
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(no)?;
    let a: web_sys::HtmlElement = document().create_element("a").map_err(no)?.unchecked_into();
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", file);
    let body = document().body().ok_or_else(Failure::no_answer)?;
    let _ = body.append_child(&a);
    a.click();
    a.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
