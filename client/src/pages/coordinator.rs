//! The coordinator's start page: with the coordinator token, list centres and their meetings,
//! create a meeting, copy its chair and participant links.

use crate::app::ctx;
use crate::components::status::LangSwitch;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Centre {
    id: String,
    name: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct MeetingLinks {
    id: String,
    title: String,
    starts_at_ms: i64,
    ends_at_ms: i64,
    chair_link: String,
    participant_link: String,
}

#[derive(Deserialize)]
struct Centres {
    centres: Vec<Centre>,
}

#[derive(Deserialize)]
struct Meetings {
    meetings: Vec<MeetingLinks>,
}

/// Why an API call failed: the HTTP status (0 when there was no answer).
type Status = u16;

async fn api(
    method: &str,
    path: &str,
    token: &str,
    body: Option<String>,
) -> Result<String, Status> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| 0u16)?;
    headers
        .set("Authorization", &format!("Bearer {token}"))
        .map_err(|_| 0u16)?;
    if let Some(b) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| 0u16)?;
        init.set_body(&JsValue::from_str(&b));
    }
    init.set_headers(&headers);
    let req = web_sys::Request::new_with_str_and_init(path, &init).map_err(|_| 0u16)?;
    let resp = JsFuture::from(window().fetch_with_request(&req))
        .await
        .map_err(|_| 0u16)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| 0u16)?;
    if !resp.ok() {
        return Err(resp.status());
    }
    let text = JsFuture::from(resp.text().map_err(|_| 0u16)?)
        .await
        .map_err(|_| 0u16)?;
    Ok(text.as_string().unwrap_or_default())
}

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let ctx = ctx();
    let token = RwSignal::new(web::session_get("ppt.coordinator").unwrap_or_default());
    let token_input = RwSignal::new(String::new());
    let signed_in = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let centres = RwSignal::new(Vec::<Centre>::new());
    let centre = RwSignal::new(String::new());
    let meetings = RwSignal::new(Vec::<MeetingLinks>::new());
    let created = RwSignal::new(None::<String>);

    let load_meetings = move || {
        let c = centre.get_untracked();
        let tok = token.get_untracked();
        if c.is_empty() {
            return;
        }
        spawn_local(async move {
            match api("GET", &format!("/api/centres/{c}/meetings"), &tok, None).await {
                Ok(text) => {
                    let mut list = serde_json::from_str::<Meetings>(&text)
                        .map(|m| m.meetings)
                        .unwrap_or_default();
                    list.sort_by_key(|m| std::cmp::Reverse(m.starts_at_ms));
                    meetings.set(list);
                }
                Err(_) => error.set(Some(ctx.t_untracked().coord_error)),
            }
        });
    };
    let sign_in = move |tok: String| {
        spawn_local(async move {
            match api("GET", "/api/centres", &tok, None).await {
                Ok(text) => {
                    let list = serde_json::from_str::<Centres>(&text)
                        .map(|c| c.centres)
                        .unwrap_or_default();
                    web::session_set("ppt.coordinator", &tok);
                    token.set(tok);
                    if let Some(first) = list.first() {
                        centre.set(first.id.clone());
                    }
                    centres.set(list);
                    signed_in.set(true);
                    error.set(None);
                    load_meetings();
                }
                Err(401 | 403) => error.set(Some(ctx.t_untracked().coord_bad_token)),
                Err(_) => error.set(Some(ctx.t_untracked().coord_error)),
            }
        });
    };
    if !token.get_untracked().is_empty() {
        sign_in(token.get_untracked());
    }

    let starts = RwSignal::new(String::new());
    let duration = RwSignal::new("60".to_owned());
    let title = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut body = serde_json::json!({ "centre_id": centre.get_untracked() });
        let s = starts.get_untracked();
        if !s.is_empty() {
            let ms = js_sys::Date::parse(&s);
            if !ms.is_nan() {
                body["starts_at"] =
                    format!("{}:00{}", &s[..16.min(s.len())], web::utc_offset(ms)).into();
            }
        }
        if let Ok(d) = duration.get_untracked().trim().parse::<u32>() {
            body["duration_min"] = d.into();
        }
        let t = title.get_untracked();
        if !t.trim().is_empty() {
            body["title"] = t.into();
        }
        let tok = token.get_untracked();
        spawn_local(async move {
            match api("POST", "/api/meetings", &tok, Some(body.to_string())).await {
                Ok(text) => {
                    let id = serde_json::from_str::<MeetingLinks>(&text)
                        .map(|m| m.id)
                        .ok();
                    created.set(id);
                    error.set(None);
                    load_meetings();
                }
                Err(_) => error.set(Some(ctx.t_untracked().coord_error)),
            }
        });
    };

    view! {
        <a class="skip" href="#main">{move || ctx.t().skip_to_main}</a>
        <header class="topbar">
            <div class="topbar-title"><span class="brand">"PPT Hub"</span><span class="meeting-title">{move || ctx.t().coord_title}</span></div>
            <LangSwitch/>
        </header>
        <main id="main" class="page">
            <h1>{move || ctx.t().coord_title}</h1>
            <p>{move || ctx.t().coord_intro}</p>
            {move || error.get().map(|e| view! { <p class="alert" role="alert">{e}</p> })}
            <Show when=move || !signed_in.get()
                fallback=move || view! {
                    <button type="button" class="secondary" on:click=move |_| {
                        web::session_remove("ppt.coordinator");
                        token.set(String::new());
                        signed_in.set(false);
                        centres.set(Vec::new());
                        meetings.set(Vec::new());
                    }>{move || ctx.t().coord_sign_out}</button>
                }>
                <form class="card" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); sign_in(token_input.get_untracked().trim().to_owned()); }>
                    <div class="field">
                        <label for="c-token">{move || ctx.t().coord_token}</label>
                        <input id="c-token" type="password" autocomplete="current-password"
                            prop:value=move || token_input.get() on:input=move |ev| token_input.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="primary">{move || ctx.t().coord_sign_in}</button>
                </form>
            </Show>
            <Show when=move || signed_in.get()>
                <div class="columns">
                    <div class="col-main">
                        <section aria-labelledby="meetings-h">
                            <h2 id="meetings-h">{move || ctx.t().meetings}</h2>
                            <div class="field">
                                <label for="c-centre">{move || ctx.t().centre}</label>
                                <select id="c-centre" on:change=move |ev| { centre.set(event_target_value(&ev)); load_meetings(); }>
                                    {move || centres.get().into_iter().map(|c| {
                                        let sel = { let id = c.id.clone(); move || centre.with(|x| x == &id) };
                                        view! { <option value=c.id.clone() selected=sel>{c.name.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            {move || {
                                let list = meetings.get();
                                if list.is_empty() {
                                    return view! { <p class="muted">{move || ctx.t().no_meetings}</p> }.into_any();
                                }
                                view! { <ul class="meeting-list">{list.into_iter().map(|m| view! { <MeetingCard m=m created=created/> }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                    </div>
                    <aside class="col-side">
                        <section aria-labelledby="new-h" class="card">
                            <h2 id="new-h">{move || ctx.t().new_meeting}</h2>
                            <form on:submit=create>
                                <div class="field">
                                    <label for="n-starts">{move || ctx.t().starts_field}</label>
                                    <input id="n-starts" type="datetime-local" aria-describedby="n-starts-hint"
                                        prop:value=move || starts.get() on:input=move |ev| starts.set(event_target_value(&ev))/>
                                    <p class="hint" id="n-starts-hint">{move || ctx.t().starts_hint}</p>
                                </div>
                                <div class="field">
                                    <label for="n-duration">{move || ctx.t().duration_field}</label>
                                    <input id="n-duration" type="number" min="10" max="240" step="5"
                                        prop:value=move || duration.get() on:input=move |ev| duration.set(event_target_value(&ev))/>
                                </div>
                                <div class="field">
                                    <label for="n-title">{move || ctx.t().title_field_optional}</label>
                                    <input id="n-title" type="text" maxlength="150"
                                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                                </div>
                                <button type="submit" class="primary">{move || ctx.t().create}</button>
                                {move || created.get().map(|_| view! { <p class="ok" role="status">"✓ "{move || ctx.t().created}</p> })}
                            </form>
                        </section>
                    </aside>
                </div>
            </Show>
        </main>
    }
}

#[component]
fn MeetingCard(m: MeetingLinks, created: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = ctx();
    let is_new = {
        let id = m.id.clone();
        move || created.with(|c| c.as_ref() == Some(&id))
    };
    let sep = move || {
        if ctx.lang.get() == crate::i18n::Lang::En {
            ':'
        } else {
            '.'
        }
    };
    let (starts, ends) = (m.starts_at_ms, m.ends_at_ms);
    let when = move || {
        format!(
            "{} {}–{}",
            web::date(starts),
            web::time_of_day(starts, sep()),
            web::time_of_day(ends, sep())
        )
    };
    view! {
        <li class="meeting-card card" class:new=is_new>
            <h3>{m.title.clone()}</h3>
            <p class="muted">{when}</p>
            <LinkRow label=|t| t.chair_link link=m.chair_link.clone() id=format!("chair-{}", m.id)/>
            <LinkRow label=|t| t.participant_link link=m.participant_link.clone() id=format!("part-{}", m.id)/>
        </li>
    }
}

#[component]
fn LinkRow(
    label: fn(&'static crate::i18n::Texts) -> &'static str,
    link: String,
    id: String,
) -> impl IntoView {
    let ctx = ctx();
    let copied = RwSignal::new(false);
    let to_copy = link.clone();
    view! {
        <div class="link-row">
            <label for=id.clone()>{move || label(ctx.t())}</label>
            <input id=id type="text" readonly value=link.clone() on:focus=move |ev| {
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { el.select(); }
            }/>
            <button type="button" class="secondary" on:click=move |_| { web::copy(&to_copy); copied.set(true); }>
                {move || if copied.get() { format!("✓ {}", ctx.t().copied) } else { ctx.t().copy.to_owned() }}
            </button>
            <a href=link.clone() target="_blank" rel="noopener"
                aria-label=move || format!("{}: {}", ctx.t().open, label(ctx.t()))>{move || ctx.t().open}</a>
        </div>
    }
}
