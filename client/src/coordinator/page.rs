//! The coordinator's page: sign in with the coordinator token, pick a centre, then four views
//! — its meetings ([`super::meetings`], with the calendar feed and a one-off meeting), its
//! settings or a new centre ([`super::centre_form`]), and period reports
//! ([`super::reports`]), and its theme clock ([`super::theme_clock`]). [`Page`] (in [`super::state`]) holds what the parts share.

use super::state::{Page, View};
use crate::components::status::{Announcer, LangSwitch};
use crate::i18n::Texts;
use crate::web;
use leptos::prelude::*;

/// The whole page.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let p = Page::new();
    let ctx = p.ctx;
    if !p.token.get_untracked().is_empty() {
        p.load_centres(p.token.get_untracked(), None);
    }
    // Page-level texts follow the language one by one; the views below are drawn afresh.
    let tr = move |f: fn(&'static Texts) -> &'static str| move || f(ctx.t());
    view! {
        <a class="skip" href="#main">{tr(|t| t.skip_to_main)}</a>
        <header class="topbar">
            <div class="topbar-title"><span class="brand">"PPT Hub"</span><span class="meeting-title">{tr(|t| t.coord_title)}</span></div>
            <LangSwitch/>
        </header>
        <Announcer/>
        <main id="main" class="page">
            <h1>{tr(|t| t.coord_title)}</h1>
            {move || p.error.get().map(|e| view! { <p class="alert" role="alert">{e}</p> })}
            <Show when=move || p.signed_in.get() fallback=move || sign_in(p)>
                {centre_bar(p)}
                {tabs(p)}
                {move || match p.view.get() {
                    View::Meetings => super::meetings::view(p).into_any(),
                    View::Settings => super::centre_form::view(p).into_any(),
                    View::Reports => super::reports::view(p).into_any(),
                    View::ThemeClock => super::theme_clock::view(p).into_any(),
                }}
            </Show>
        </main>
    }
}

/// The sign-in form: the coordinator token.
fn sign_in(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    let token = RwSignal::new(String::new());
    view! {
        <p>{move || ctx.t().coord_intro}</p>
        <form class="card narrow-card" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            p.load_centres(token.get_untracked().trim().to_owned(), None);
        }>
            <div class="field">
                <label for="c-token">{move || ctx.t().coord_token}</label>
                <input id="c-token" type="password" autocomplete="current-password"
                    prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="primary">{move || ctx.t().coord_sign_in}</button>
        </form>
    }
}

/// The centre picker, a new centre, and signing out.
fn centre_bar(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    view! {
        <div class="coord-bar">
            <div class="field">
                <label for="c-centre">{move || ctx.t().centre}</label>
                <select id="c-centre" on:change=move |ev| {
                    p.centre.set(event_target_value(&ev));
                    p.created.set(None);
                    p.edit(false);
                    p.load_meetings(false);
                }>
                    {move || p.centres.with(|cs| cs.iter().map(|c| {
                        let id = c.id.to_string();
                        let selected = { let id = id.clone(); move || p.centre.get() == id };
                        view! { <option value=id selected=selected>{c.name.clone()}</option> }
                    }).collect_view())}
                </select>
            </div>
            <button type="button" class="secondary" on:click=move |_| {
                p.edit(true);
                p.view.set(View::Settings);
                request_animation_frame(|| web::focus("ce-name"));
            }>"+ "{move || ctx.t().new_centre}</button>
            <button type="button" class="secondary sign-out" on:click=move |_| p.sign_out()>
                {move || ctx.t().coord_sign_out}
            </button>
        </div>
    }
}

/// The three views as pressed buttons.
fn tabs(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    let tab = move |v: View, label: fn(&'static Texts) -> &'static str| {
        view! {
            <button type="button" class="tab" aria-pressed=move || (p.view.get() == v).to_string()
                on:click=move |_| {
                    p.view.set(v);
                    if v == View::Settings && p.creating.get_untracked() {
                        p.edit(false);
                    }
                }>{move || label(ctx.t())}</button>
        }
    };
    view! {
        <nav class="tabs" aria-label=move || ctx.t().coord_views>
            {tab(View::Meetings, |t| t.meetings)}
            {tab(View::Settings, |t| t.centre_settings)}
            {tab(View::Reports, |t| t.reports)}
            <button type="button" class="tab" aria-pressed=move || (p.view.get() == View::ThemeClock).to_string()
                on:click=move |_| p.view.set(View::ThemeClock)>
                {move || crate::i18n::coordinator::texts(ctx.lang.get()).theme_clock}
            </button>
        </nav>
    }
}
