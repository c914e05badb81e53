//! The coordinator page's machinery: HTTP calls with the coordinator token, downloads through
//! Blob URLs, and the delegated handlers for the HTML the page draws from `crate::coord`
//! (buttons carry `data-act`, forms `data-form`). One handler per event type for the whole
//! page keeps the WebAssembly module small.

use crate::app::{ctx, Ctx};
use crate::coord::{centre_slug, esc, local_minute, service_label, Draft, Meeting};
use crate::i18n::Texts;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::domain::Service;
use shared::ids::ServiceId;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a call failed: the HTTP status (0 when there was no answer), the server's error code
/// and its message.
pub type Failure = (u16, String, String);

async fn fetch(
    method: &str,
    path: &str,
    token: &str,
    body: Option<String>,
) -> Result<web_sys::Response, Failure> {
    let no = |_| (0u16, String::new(), String::new());
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
    let text = match resp.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let error = serde_json::from_str::<Value>(&text)
        .ok()
        .map(|v| v["error"].clone())
        .unwrap_or_default();
    let field = |k: &str| error[k].as_str().unwrap_or_default().to_owned();
    Err((status, field("code"), field("message")))
}

/// Calls the API; the answer as JSON (`null` if it was not JSON).
pub async fn api(
    method: &str,
    path: &str,
    token: &str,
    body: Option<String>,
) -> Result<Value, Failure> {
    let resp = fetch(method, path, token, body).await?;
    let no = |_| (0u16, String::new(), String::new());
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    Ok(serde_json::from_str(&text.as_string().unwrap_or_default()).unwrap_or(Value::Null))
}

/// Fetches `path` with the token and saves the answer as `file` (a plain link cannot carry the
/// Authorization header): through a Blob URL and a temporary `<a download>`.
pub async fn download(path: &str, token: &str, file: &str) -> Result<(), Failure> {
    let no = |_| (0u16, String::new(), String::new());
    let resp = fetch("GET", path, token, None).await?;
    let blob: web_sys::Blob = JsFuture::from(resp.blob().map_err(no)?)
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(no)?;
    let a: web_sys::HtmlElement = document().create_element("a").map_err(no)?.unchecked_into();
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", file);
    let body = document().body().ok_or((0, String::new(), String::new()))?;
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

/// A message for a failed call: ours for the codes we know, the server's own words for
/// another 400.
pub fn failure_text(t: &'static Texts, f: &Failure) -> String {
    match f {
        (_, c, _) if c == "identifier_found" => t.coord_identifier_found.to_owned(),
        (_, c, _) if c == "guard_unavailable" => t.coord_guard_unavailable.to_owned(),
        (_, c, _) if c == "invalid_field" => t.err_invalid_field.to_owned(),
        (400, _, m) if !m.is_empty() => format!("{} {m}", t.err_rejected),
        (401 | 403, _, _) => t.coord_bad_token.to_owned(),
        (409, _, _) => t.err_started.to_owned(),
        (422, _, _) => t.err_blocked.to_owned(),
        _ => t.coord_error.to_owned(),
    }
}

/// Which view of the page is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    Meetings,
    Settings,
    Reports,
}

/// The page's state, shared by its parts and handlers.
#[derive(Clone, Copy)]
pub struct Page {
    pub ctx: Ctx,
    pub token: RwSignal<String>,
    /// The centres as the API gives them.
    pub centres: RwSignal<Vec<Value>>,
    pub centre: RwSignal<String>,
    pub meetings: RwSignal<Vec<Meeting>>,
    /// The meeting just created, highlighted.
    pub created: RwSignal<Option<String>>,
    pub view: RwSignal<View>,
    /// The editor shows a new centre.
    pub creating: RwSignal<bool>,
    pub draft: RwSignal<Draft>,
    /// What was typed into the drawn fields, by id (see `coord::Mem`).
    pub mem: StoredValue<Vec<(String, String)>>,
    pub report: RwSignal<Option<Value>>,
    pub error: RwSignal<Option<String>>,
    /// Element to focus once the centres have been reloaded and redrawn.
    pub focus_after: StoredValue<Option<&'static str>>,
}

impl Page {
    pub fn new() -> Page {
        Page {
            ctx: ctx(),
            token: RwSignal::new(web::session_get("ppt.coordinator").unwrap_or_default()),
            centres: RwSignal::new(Vec::new()),
            centre: RwSignal::new(String::new()),
            meetings: RwSignal::new(Vec::new()),
            created: RwSignal::new(None),
            view: RwSignal::new(View::Meetings),
            creating: RwSignal::new(false),
            draft: RwSignal::new(Draft::new()),
            mem: StoredValue::new(Vec::new()),
            report: RwSignal::new(None),
            error: RwSignal::new(None),
            focus_after: StoredValue::new(None),
        }
    }

    pub fn recall(&self, id: &str) -> Option<String> {
        self.mem
            .with_value(|m| m.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone()))
    }

    fn remember(&self, id: String, value: String) {
        self.mem
            .update_value(|m| match m.iter_mut().find(|(k, _)| *k == id) {
                Some(e) => e.1 = value,
                None => m.push((id, value)),
            });
    }

    fn forget(&self, prefix: &str) {
        self.mem
            .update_value(|m| m.retain(|(k, _)| !k.starts_with(prefix)));
    }

    /// `f` of the selected centre (tracked).
    pub fn with_current<R>(&self, f: impl FnOnce(Option<&Value>) -> R) -> R {
        self.centre.with(|id| {
            self.centres
                .with(|cs| f(cs.iter().find(|c| c["id"] == id.as_str())))
        })
    }

    /// Shows the editor for the selected centre, or for a new one.
    pub fn edit(&self, new: bool) {
        self.forget("ce-");
        self.creating.set(new);
        let d = if new {
            None
        } else {
            self.centres.with_untracked(|cs| {
                cs.iter()
                    .find(|c| self.centre.with_untracked(|id| c["id"] == id.as_str()))
                    .map(Draft::of)
            })
        };
        self.draft.set(d.unwrap_or_default());
    }

    pub fn load_meetings(&self, focus: bool) {
        let p = *self;
        let ctx = p.ctx;
        let c = p.centre.get_untracked();
        if c.is_empty() {
            p.meetings.set(Vec::new());
            return;
        }
        spawn_local(async move {
            match api(
                "GET",
                &format!("/api/centres/{c}/meetings"),
                &p.token.get_untracked(),
                None,
            )
            .await
            {
                Ok(v) => {
                    p.forget("mv-");
                    p.meetings.set(Meeting::list(&v));
                    if focus {
                        request_animation_frame(|| web::focus("meetings-h"));
                    }
                }
                Err(f) => p.error.set(Some(failure_text(ctx.t_untracked(), &f))),
            }
        });
    }

    /// Loads the centres with `tok`; selects `select` (or keeps the current, or the first).
    pub fn load_centres(&self, tok: String, select: Option<String>, signed_in: RwSignal<bool>) {
        let p = *self;
        let ctx = p.ctx;
        spawn_local(async move {
            match api("GET", "/api/centres", &tok, None).await {
                Ok(v) => {
                    let list = v["centres"].as_array().cloned().unwrap_or_default();
                    web::session_set("ppt.coordinator", &tok);
                    p.token.set(tok);
                    let keep = select.unwrap_or_else(|| p.centre.get_untracked());
                    let chosen = list
                        .iter()
                        .find(|c| c["id"] == keep.as_str())
                        .or(list.first())
                        .map(|c| c["id"].as_str().unwrap_or_default().to_owned());
                    p.centres.set(list);
                    p.centre.set(chosen.unwrap_or_default());
                    p.edit(false);
                    signed_in.set(true);
                    p.error.set(None);
                    p.load_meetings(false);
                    if let Some(id) = p.focus_after.get_value() {
                        p.focus_after.set_value(None);
                        request_animation_frame(move || web::focus(id));
                    }
                }
                Err(f) => p.error.set(Some(failure_text(ctx.t_untracked(), &f))),
            }
        });
    }
}

fn el(id: &str) -> Option<web_sys::Element> {
    document().get_element_by_id(id)
}

fn prop(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The value of the field with `id` (empty if there is none).
pub fn val(id: &str) -> String {
    el(id)
        .and_then(|e| prop(&e, "value").as_string())
        .unwrap_or_default()
}

fn is_checked(id: &str) -> bool {
    el(id).is_some_and(|e| prop(&e, "checked").is_truthy())
}

fn data(e: &web_sys::Element, name: &str) -> String {
    e.get_attribute(&format!("data-{name}")).unwrap_or_default()
}

/// Shows a confirmation (also said in the polite live region) or an error (role=alert) in the
/// element `id`.
pub fn note(ctx: Ctx, id: &str, ok: bool, text: &str) {
    let html = if ok {
        ctx.announce(text.to_owned());
        format!(r#"<p class="ok">✓ {}</p>"#, esc(text))
    } else {
        format!(r#"<p class="alert" role="alert">{}</p>"#, esc(text))
    };
    if let Some(e) = el(id) {
        e.set_inner_html(&html);
    }
}

/// The editor's draft with what is typed in it now.
fn read_draft(p: Page) -> Draft {
    let mut d = p.draft.get_untracked();
    if el("ce-name").is_none() {
        return d;
    }
    d.name = val("ce-name");
    if p.creating.get_untracked() {
        d.id = val("ce-id");
    }
    d.time_zone = val("ce-tz");
    for (i, s) in d.services.iter_mut().enumerate() {
        s.name_fi = val(&format!("ce-fi-{i}"));
        s.name_sv = val(&format!("ce-sv-{i}"));
        s.name_en = val(&format!("ce-en-{i}"));
        s.required = is_checked(&format!("ce-req-{i}"));
    }
    d.allowlist = val("ce-allow");
    d.has_schedule = is_checked("ce-sched");
    d.week = val("ce-week").parse().unwrap_or(2);
    d.weekday = val("ce-weekday");
    d.start = val("ce-start");
    d.duration = val("ce-duration");
    d.ahead = val("ce-ahead");
    d
}

/// Remembers what is typed (`input` events bubble here from every drawn field).
pub fn on_input(p: Page, ev: leptos::ev::Event) {
    let Some(target) = ev.target() else { return };
    let Some(id) = prop(&target, "id").as_string().filter(|i| !i.is_empty()) else {
        return;
    };
    let value = if prop(&target, "type").as_string().as_deref() == Some("checkbox") {
        if prop(&target, "checked").is_truthy() {
            "1".into()
        } else {
            "0".into()
        }
    } else {
        prop(&target, "value").as_string().unwrap_or_default()
    };
    // A new centre's id follows its name until the id is edited by hand (emptying it hands it
    // back to the name).
    if id == "ce-id" {
        p.remember(
            "ce-id-typed".into(),
            if value.is_empty() { "" } else { "1" }.into(),
        );
    } else if id == "ce-name"
        && p.creating.get_untracked()
        && p.recall("ce-id-typed").as_deref() != Some("1")
    {
        let slug = centre_slug(&value);
        if let Some(e) = el("ce-id") {
            let _ =
                js_sys::Reflect::set(&e, &JsValue::from_str("value"), &JsValue::from_str(&slug));
        }
        p.remember("ce-id".into(), slug);
    } else if let Some(i) = id
        .strip_prefix("ce-fi-")
        .and_then(|i| i.parse::<usize>().ok())
    {
        // The row's fields and Remove button are named after its Finnish name.
        let t = p.ctx.t_untracked();
        let who = service_label(t, i, &value);
        for (prefix, col) in [
            ("ce-fi-", t.name_fi),
            ("ce-sv-", t.name_sv),
            ("ce-en-", t.name_en),
            ("ce-req-", t.required_col),
            ("ce-rm-", t.remove),
        ] {
            if let Some(e) = el(&format!("{prefix}{i}")) {
                let _ = e.set_attribute("aria-label", &format!("{col}: {who}"));
            }
        }
    }
    p.remember(id, value);
}

/// Selects a read-only link's text when it gets focus.
pub fn on_focus(ev: leptos::ev::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        if input.has_attribute("data-select") {
            input.select();
        }
    }
}

/// Buttons with `data-act`.
pub fn on_click(p: Page, ev: leptos::ev::MouseEvent) {
    let Some(b) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-act]").ok().flatten())
    else {
        return;
    };
    let ctx = ctx();
    let t = ctx.t_untracked();
    let tok = p.token.get_untracked();
    match data(&b, "act").as_str() {
        "copy" => {
            web::copy(&val(&data(&b, "src")));
            b.set_text_content(Some(&format!("✓ {}", t.copied)));
        }
        "toggle" => {
            let target = data(&b, "target");
            let Some(panel) = el(&target) else { return };
            let open = panel.has_attribute("hidden");
            // One panel of a meeting open at a time.
            if open {
                if let Some(row) = el(&format!("open-{target}")).and_then(|o| o.parent_element()) {
                    let mut sib = row.next_element_sibling();
                    while let Some(s) = sib {
                        if ["mv-", "cx-", "rk-"].iter().any(|p| s.id().starts_with(p)) {
                            let _ = s.set_attribute("hidden", "");
                            if let Some(o) = el(&format!("open-{}", s.id())) {
                                let _ = o.set_attribute("aria-expanded", "false");
                            }
                        }
                        sib = s.next_element_sibling();
                    }
                }
            }
            let _ = panel.toggle_attribute("hidden");
            if let Some(o) = el(&format!("open-{target}")) {
                let _ = o.set_attribute("aria-expanded", if open { "true" } else { "false" });
            }
            if open {
                // Into the panel: its first field, or its confirming button.
                let first = panel.query_selector("input, button").ok().flatten();
                if let Some(f) = first.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = f.focus();
                }
            } else {
                web::focus(&format!("open-{target}"));
            }
        }
        "cancel" => {
            let id = data(&b, "id");
            spawn_local(async move {
                match api("POST", &format!("/api/meetings/{id}/cancel"), &tok, None).await {
                    Ok(_) => {
                        ctx.announce(t.cancelled_ok.to_owned());
                        p.load_meetings(true);
                    }
                    Err(f) => note(ctx, &format!("note-{id}"), false, &failure_text(t, &f)),
                }
            });
        }
        "rotate" => {
            // A new chair or participant key: the old link (and its open sockets) stop.
            let (id, key) = (data(&b, "id"), data(&b, "key"));
            let done = if key == "chair" {
                t.rotated_chair
            } else {
                t.rotated_participant
            };
            let body = serde_json::json!({ "key": key }).to_string();
            spawn_local(async move {
                match api(
                    "POST",
                    &format!("/api/meetings/{id}/rotate"),
                    &tok,
                    Some(body),
                )
                .await
                {
                    Ok(_) => {
                        ctx.announce(done.to_owned());
                        p.load_meetings(true);
                    }
                    Err(f) => note(ctx, &format!("note-{id}"), false, &failure_text(t, &f)),
                }
            });
        }
        "rotate-feed" => {
            let centre = data(&b, "centre");
            spawn_local(async move {
                match api(
                    "POST",
                    &format!("/api/centres/{centre}/feed/rotate"),
                    &tok,
                    None,
                )
                .await
                {
                    Ok(c) => {
                        // The answer is the centre as the list has it, with its new address.
                        p.centres.update(|cs| {
                            if let Some(old) = cs.iter_mut().find(|x| x["id"] == c["id"]) {
                                *old = c;
                            }
                        });
                        request_animation_frame(move || {
                            note(ctx, "feed-note", true, t.rotated_feed);
                            web::focus("feed-url");
                        });
                    }
                    Err(f) => note(ctx, "feed-note", false, &failure_text(t, &f)),
                }
            });
        }
        "minutes" => {
            let id = data(&b, "id");
            let Some(panel) = el(&format!("min-{id}")) else {
                return;
            };
            if !panel.has_attribute("hidden") {
                let _ = panel.set_attribute("hidden", "");
                panel.set_inner_html("");
                let _ = b.set_attribute("aria-expanded", "false");
                b.set_text_content(Some(t.open_minutes));
                return;
            }
            let path = format!(
                "/api/meetings/{id}/summary?format=html&lang={}",
                data(&b, "lang")
            );
            let (title, zone) = (data(&b, "title"), data(&b, "zone"));
            spawn_local(async move {
                match text_of(&path, &tok).await {
                    Ok(html) => {
                        show_minutes(&panel, t, &title, &zone, &html);
                        let _ = b.set_attribute("aria-expanded", "true");
                        b.set_text_content(Some(t.close_minutes));
                        web::focus(&format!("min-{id}-h"));
                    }
                    Err(f) => note(ctx, &format!("note-{id}"), false, &failure_text(t, &f)),
                }
            });
        }
        "dl" => {
            let (path, file, at) = (data(&b, "path"), data(&b, "file"), data(&b, "note"));
            spawn_local(async move { save(ctx, &path, &tok, &file, &at).await });
        }
        "report-dl" => {
            if let Some((path, file)) = report_query(ctx, &data(&b, "f")) {
                spawn_local(async move { save(ctx, &path, &tok, &file, "r-note").await });
            }
        }
        "add-service" => {
            let mut d = read_draft(p);
            p.forget("ce-");
            d.services.push(Service {
                id: ServiceId::from(""),
                name_fi: String::new(),
                name_sv: String::new(),
                name_en: String::new(),
                required: false,
            });
            let i = d.services.len() - 1;
            p.draft.set(d);
            request_animation_frame(move || web::focus(&format!("ce-fi-{i}")));
        }
        "rm-service" => {
            let mut d = read_draft(p);
            p.forget("ce-");
            if let Ok(i) = data(&b, "i").parse::<usize>() {
                if i < d.services.len() {
                    d.services.remove(i);
                }
            }
            p.draft.set(d);
            request_animation_frame(|| web::focus("ce-add-service"));
        }
        _ => {}
    }
}

/// The text of a `GET` with the token.
async fn text_of(path: &str, tok: &str) -> Result<String, Failure> {
    let no = |_| (0u16, String::new(), String::new());
    let resp = fetch("GET", path, tok, None).await?;
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Shows the minutes (the server's HTML document) in `panel`: a heading, which zone its times
/// are in, and the document in a sandboxed frame. The frame may run no script and has an
/// opaque origin, and the document goes in as `srcdoc` (an attribute, never parsed into this
/// page), so nothing in it can reach the page or the token.
fn show_minutes(panel: &web_sys::Element, t: &'static Texts, title: &str, zone: &str, html: &str) {
    let id = panel.id();
    panel.set_inner_html(&format!(
        r#"<h5 id="{id}-h" tabindex="-1">{}</h5><p class="hint">{} {}.</p>"#,
        esc(title),
        esc(t.minutes_zone),
        esc(zone)
    ));
    if let Ok(frame) = document().create_element("iframe") {
        let _ = frame.set_attribute("sandbox", "");
        let _ = frame.set_attribute("title", title);
        let _ = frame.set_attribute("class", "minutes-frame");
        // Inline (the page's style sheet is shared with the meeting views).
        let _ = frame.set_attribute(
            "style",
            "display:block;width:100%;height:70vh;border:1px solid #6b6b6b;background:#fff",
        );
        let _ = frame.set_attribute("srcdoc", html);
        let _ = panel.append_child(&frame);
    }
    let _ = panel.remove_attribute("hidden");
}

async fn save(ctx: Ctx, path: &str, tok: &str, file: &str, at: &str) {
    let t = ctx.t_untracked();
    match download(path, tok, file).await {
        Ok(()) => note(ctx, at, true, &format!("{} {file}", t.downloaded)),
        Err(f) => note(
            ctx,
            at,
            false,
            &format!("{} {}", t.err_download, failure_text(t, &f)),
        ),
    }
}

/// The report's query and file name, or an error shown about the dates.
fn report_query(ctx: Ctx, format: &str) -> Option<(String, String)> {
    let (f, to) = (val("r-from"), val("r-to"));
    if f.len() != 10 || to.len() != 10 || f > to {
        note(ctx, "r-note", false, ctx.t_untracked().err_range);
        web::focus("r-from");
        return None;
    }
    let c = val("r-centre");
    let lang = ctx.lang.get_untracked().code();
    Some((
        format!("/api/reports?centre={c}&from={f}&to={to}&format={format}&lang={lang}"),
        format!(
            "raportti-{}-{f}-{to}.{format}",
            if c.is_empty() { "kaikki" } else { &c }
        ),
    ))
}

/// Forms with `data-form`: the centre editor, moving a meeting, the period report.
pub fn on_submit(p: Page, ev: leptos::ev::SubmitEvent, signed_in: RwSignal<bool>) {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let kind = data(&form, "form");
    if kind.is_empty() {
        return;
    }
    ev.prevent_default();
    let ctx = ctx();
    let t = ctx.t_untracked();
    let tok = p.token.get_untracked();
    match kind.as_str() {
        "centre" => {
            let create = p.creating.get_untracked();
            let d = read_draft(p);
            let body = match d.body(create) {
                Ok(b) => b,
                Err(problem) => {
                    note(ctx, "ce-note", false, problem.text(t));
                    web::focus(problem.field());
                    return;
                }
            };
            let (method, path) = if create {
                ("POST", "/api/centres".to_owned())
            } else {
                ("PATCH", format!("/api/centres/{}", d.id))
            };
            spawn_local(async move {
                match api(method, &path, &tok, Some(body.to_string())).await {
                    Ok(c) => {
                        ctx.announce(t.saved.to_owned());
                        p.focus_after.set_value(Some("ce-h"));
                        p.load_centres(tok, c["id"].as_str().map(str::to_owned), signed_in);
                    }
                    Err((409, _, _)) if create => note(ctx, "ce-note", false, t.err_exists),
                    Err(f) => note(ctx, "ce-note", false, &failure_text(t, &f)),
                }
            });
        }
        "move" => {
            let id = data(&form, "id");
            // Wall-clock time in the centre's zone: the server reads it there.
            let Some(at) = local_minute(&val(&format!("mv-{id}-at"))) else {
                note(ctx, &format!("note-{id}"), false, t.err_when);
                web::focus(&format!("mv-{id}-at"));
                return;
            };
            let mut body = serde_json::json!({ "starts_at": at });
            if let Ok(d) = val(&format!("mv-{id}-min")).trim().parse::<u32>() {
                body["duration_min"] = d.into();
            }
            spawn_local(async move {
                match api(
                    "PATCH",
                    &format!("/api/meetings/{id}"),
                    &tok,
                    Some(body.to_string()),
                )
                .await
                {
                    Ok(_) => {
                        ctx.announce(t.moved.to_owned());
                        p.load_meetings(true);
                    }
                    Err(f) => note(ctx, &format!("note-{id}"), false, &failure_text(t, &f)),
                }
            });
        }
        "report" => {
            let Some((path, _)) = report_query(ctx, "json") else {
                return;
            };
            spawn_local(async move {
                match api("GET", &path, &tok, None).await {
                    Ok(v) => {
                        if let Some(e) = el("r-note") {
                            e.set_inner_html("");
                        }
                        p.report.set(Some(v));
                        request_animation_frame(|| web::focus("r-results"));
                    }
                    Err(f) => note(ctx, "r-note", false, &failure_text(t, &f)),
                }
            });
        }
        _ => {}
    }
}
