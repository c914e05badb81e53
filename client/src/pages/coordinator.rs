//! The coordinator's page: sign in with the coordinator token, pick a centre, then three views:
//! its meetings (links, move, cancel, holiday flags, minutes, the calendar feed, a one-off
//! meeting), its settings (or a new centre), and period reports with charts.
//!
//! The forms and lists are drawn as HTML by `crate::coord` (tested on the host) and handled by
//! the delegated handlers of `components::coordinator`. Times are shown and entered in the
//! centre's time zone, whatever the browser's is, and the zone is named beside them: the
//! server gives each meeting's wall-clock times in the centre's zone, and a start time typed
//! here is sent as wall-clock time without an offset, which the server reads in that zone.

use crate::app::ctx;
use crate::components::coordinator::{
    api, failure_text, on_click, on_focus, on_input, on_submit, Page, View,
};
use crate::components::status::{Announcer, LangSwitch};
use crate::coord::{
    centre_form_html, feed_html, meetings_html, report_form_html, report_html, week_name,
    weekday_name,
};
use crate::i18n::{Lang, Texts};
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let ctx = ctx();
    let p = Page::new();
    let signed_in = RwSignal::new(false);
    let token_input = RwSignal::new(String::new());
    if !p.token.get_untracked().is_empty() {
        p.load_centres(p.token.get_untracked(), None, signed_in);
    }

    let starts = RwSignal::new(String::new());
    let duration = RwSignal::new("60".to_owned());
    let title = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut body = serde_json::json!({ "centre_id": p.centre.get_untracked() });
        if let Some(at) = crate::coord::local_minute(&starts.get_untracked()) {
            body["starts_at"] = at.into();
        }
        if let Ok(d) = duration.get_untracked().trim().parse::<u32>() {
            body["duration_min"] = d.into();
        }
        let t = title.get_untracked();
        if !t.trim().is_empty() {
            body["title"] = t.into();
        }
        let tok = p.token.get_untracked();
        spawn_local(async move {
            let t = ctx.t_untracked();
            match api("POST", "/api/meetings", &tok, Some(body.to_string())).await {
                Ok(m) => {
                    p.created.set(m["id"].as_str().map(str::to_owned));
                    crate::components::coordinator::note(ctx, "new-note", true, t.created);
                    p.load_meetings(false);
                }
                Err(f) => crate::components::coordinator::note(
                    ctx,
                    "new-note",
                    false,
                    &failure_text(t, &f),
                ),
            }
        });
    };
    let sign_out = move |_| {
        web::session_remove("ppt.coordinator");
        p.token.set(String::new());
        signed_in.set(false);
        p.centres.set(Vec::new());
        p.meetings.set(Vec::new());
        p.report.set(None);
    };

    // Page-level texts follow the language one by one; the drawn HTML is redrawn whole.
    let tr = move |f: fn(&'static Texts) -> &'static str| move || f(ctx.t());
    let tab = move |v: View, label: fn(&'static Texts) -> &'static str| {
        view! {
            <button type="button" class="tab" aria-pressed=move || (p.view.get() == v).to_string()
                on:click=move |_| { p.view.set(v); if v == View::Settings && p.creating.get_untracked() { p.edit(false); } }>{tr(label)}</button>
        }
    };
    let field = move |id: &'static str,
                      label: fn(&'static Texts) -> &'static str,
                      sig: RwSignal<String>,
                      kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type=kind prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/>
            </div>
        }
    };
    let recall = move |id: &str| p.recall(id);
    view! {
        <a class="skip" href="#main">{tr(|t| t.skip_to_main)}</a>
        <header class="topbar">
            <div class="topbar-title"><span class="brand">"PPT Hub"</span><span class="meeting-title">{tr(|t| t.coord_title)}</span></div>
            <LangSwitch/>
        </header>
        <Announcer/>
        <main id="main" class="page"
            on:click=move |ev| on_click(p, ev)
            on:submit=move |ev| on_submit(p, ev, signed_in)
            on:input=move |ev| on_input(p, ev)
            on:focusin=on_focus>
            <h1>{tr(|t| t.coord_title)}</h1>
            {move || p.error.get().map(|e| view! { <p class="alert" role="alert">{e}</p> })}
            <Show when=move || signed_in.get()
                fallback=move || view! {
                    <p>{tr(|t| t.coord_intro)}</p>
                    <form class="card narrow-card" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); p.load_centres(token_input.get_untracked().trim().to_owned(), None, signed_in); }>
                        <div class="field">
                            <label for="c-token">{tr(|t| t.coord_token)}</label>
                            <input id="c-token" type="password" autocomplete="current-password"
                                prop:value=move || token_input.get() on:input=move |ev| token_input.set(event_target_value(&ev))/>
                        </div>
                        <button type="submit" class="primary">{tr(|t| t.coord_sign_in)}</button>
                    </form>
                }>
                <div class="coord-bar">
                    <div class="field">
                        <label for="c-centre">{tr(|t| t.centre)}</label>
                        <select id="c-centre" on:change=move |ev| {
                            p.centre.set(event_target_value(&ev));
                            p.created.set(None);
                            p.edit(false);
                            p.load_meetings(false);
                        }>
                            {move || p.centres.with(|cs| cs.iter().map(|c| {
                                let id = c["id"].as_str().unwrap_or_default().to_owned();
                                let sel = { let id = id.clone(); move || p.centre.get() == id };
                                view! { <option value=id selected=sel>{c["name"].as_str().unwrap_or_default().to_owned()}</option> }
                            }).collect_view())}
                        </select>
                    </div>
                    <button type="button" class="secondary" on:click=move |_| { p.edit(true); p.view.set(View::Settings); request_animation_frame(|| web::focus("ce-name")); }>
                        "+ "{tr(|t| t.new_centre)}
                    </button>
                    <button type="button" class="secondary sign-out" on:click=sign_out>{tr(|t| t.coord_sign_out)}</button>
                </div>
                <nav class="tabs" aria-label=tr(|t| t.coord_views)>
                    {tab(View::Meetings, |t| t.meetings)}{tab(View::Settings, |t| t.centre_settings)}{tab(View::Reports, |t| t.reports)}
                </nav>
                {move || match p.view.get() {
                    View::Meetings => view! {
                        <div class="columns">
                            <section class="col-main" aria-labelledby="meetings-h">
                                <h2 id="meetings-h" tabindex="-1">{tr(|t| t.meetings)}</h2>
                                <div inner_html=move || {
                                    let t = ctx.t();
                                    let sep = if ctx.lang.get() == Lang::En { ":" } else { "." };
                                    p.with_current(|c| c.map_or(String::new(), |c| {
                                        let s = &c["schedule"];
                                        let rule = if s.is_object() {
                                            format!("{}: {} {} {}, {}, {} {} ({})", t.schedule,
                                                week_name(t, s["week"].as_i64().unwrap_or(2) as i8), weekday_name(t, s["weekday"].as_str().unwrap_or("")),
                                                t.each_month, s["start"].as_str().unwrap_or("").replace(':', sep),
                                                s["duration_min"].as_u64().unwrap_or(60), t.minutes_short, c["time_zone"].as_str().unwrap_or(""))
                                        } else {
                                            t.no_schedule.to_owned()
                                        };
                                        format!(r#"<p class="rule-text">{}</p>{}"#, crate::coord::esc(&rule), feed_html(t, c))
                                    }))
                                }></div>
                                <div inner_html=move || {
                                    let (t, lang) = (ctx.t(), ctx.lang.get());
                                    let created = p.created.get();
                                    meetings_html(p.meetings.get(), web::local_now() as i64, t, lang, &recall, created.as_deref())
                                }></div>
                            </section>
                            <aside class="col-side">
                                <section aria-labelledby="new-h">
                                    <h2 id="new-h">{tr(|t| t.new_meeting)}</h2>
                                    <form on:submit=create>
                                        <div class="field">
                                            <label for="n-starts">{tr(|t| t.starts_field)}</label>
                                            <input id="n-starts" type="datetime-local" aria-describedby="n-starts-hint"
                                                prop:value=move || starts.get() on:input=move |ev| starts.set(event_target_value(&ev))/>
                                            <p class="hint" id="n-starts-hint">{move || format!("{}. {} {}.", ctx.t().starts_hint, ctx.t().local_time_hint,
                                                p.with_current(|c| c.and_then(|c| c["time_zone"].as_str()).unwrap_or("").to_owned()))}</p>
                                        </div>
                                        {field("n-duration", |t| t.duration_field, duration, "number")}
                                        {field("n-title", |t| t.title_field_optional, title, "text")}
                                        <button type="submit" class="primary">{tr(|t| t.create)}</button>
                                        <div id="new-note"></div>
                                    </form>
                                </section>
                            </aside>
                        </div>
                    }.into_any(),
                    View::Settings => view! {
                        <section inner_html=move || centre_form_html(&p.draft.get(), ctx.t(), p.creating.get(), &recall)></section>
                    }.into_any(),
                    View::Reports => view! {
                        <section aria-labelledby="rep-h">
                            <div inner_html=move || {
                                let centres: Vec<(String, String)> = p.centres.with(|cs| cs.iter().map(|c| (
                                    c["id"].as_str().unwrap_or_default().to_owned(), c["name"].as_str().unwrap_or_default().to_owned())).collect());
                                let today = js_sys::Date::new_0();
                                let to = format!("{:04}-{:02}-{:02}", today.get_full_year(), today.get_month() + 1, today.get_date());
                                let from = format!("{:04}-01-01", today.get_full_year());
                                report_form_html(ctx.t(), &centres, &p.centre.get_untracked(), &from, &to, &recall)
                            }></div>
                            <div id="r-results" class="report" tabindex="-1"
                                inner_html=move || p.report.get().map(|r| report_html(&r, ctx.lang.get())).unwrap_or_default()></div>
                        </section>
                    }.into_any(),
                }}
            </Show>
        </main>
    }
}
