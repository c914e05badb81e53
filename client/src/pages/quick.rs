//! `/quick#key=…`: opening a quick consultation room (issue 13). A professional comes here
//! from a monthly meeting's page with that link's key in the fragment (which never reaches a
//! server log; it is kept for the tab and taken out of the address bar). The page loads the
//! centre's services for the key and shows the form ([`crate::coordinator::quick`]); a key
//! that does not open rooms is said so, with what to use instead.

use crate::components::status::{Announcer, LangSwitch};
use crate::coordinator::quick::{catalogue, form, Opener, Refused};
use crate::i18n::quick::{refusal, texts};
use crate::state::ctx;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::quick::QuickCatalogue;

/// Where the key is kept for the tab, so a reload still works once the fragment is gone.
const KEY: &str = "ppt.quick.key";

/// The quick consultation opener.
#[component]
pub fn QuickPage() -> impl IntoView {
    let ctx = ctx();
    let key = web::fragment_key().or_else(|| web::session_get(KEY));
    if let Some(k) = &key {
        web::session_set(KEY, k);
        web::hide_fragment();
    }
    // None while loading; then the centre's catalogue or why not.
    let loaded: RwSignal<Option<Result<QuickCatalogue, Refused>>> = RwSignal::new(None);
    if let Some(k) = key.clone() {
        spawn_local(async move { loaded.set(Some(catalogue(&k).await)) });
    }
    let t = move || texts(ctx.lang.get());
    let body = move || {
        let lang = ctx.lang.get();
        let Some(key) = key.clone() else {
            return view! { <p class="alert" role="alert">{texts(lang).no_key}</p> }.into_any();
        };
        match loaded.get() {
            None => view! { <p class="loading" role="status">{texts(lang).loading}</p> }.into_any(),
            Some(Err(r)) => view! {
                <p class="alert" role="alert">{refusal(lang, r.status, r.code)}</p>
            }
            .into_any(),
            Some(Ok(c)) => view! {
                <p class="quick-centre">{texts(lang).centre}": "<strong>{c.centre_name.clone()}</strong></p>
                {form(ctx, Opener::Key(key), c.services, || {})}
            }
            .into_any(),
        }
    };
    view! {
        <a class="skip" href="#main">{move || ctx.t().skip_to_main}</a>
        <header class="topbar">
            <div class="topbar-title"><span class="brand">"PPT Hub"</span><span class="meeting-title">{move || t().section}</span></div>
            <LangSwitch/>
        </header>
        <Announcer/>
        <main id="main" class="page narrow">
            <h1>{move || t().title}</h1>
            <p>{move || t().intro}</p>
            {body}
        </main>
    }
}
