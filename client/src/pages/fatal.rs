//! The page for a link that cannot work (bad or expired key, unknown meeting, an app too old for
//! the server, no key at all): says why, in words, and offers nothing else.

use crate::components::status::LangSwitch;
use crate::state::ctx;
use leptos::prelude::*;

/// The link cannot work: say why, in words.
#[component]
pub fn FatalPage() -> impl IntoView {
    let ctx = ctx();
    let reason = move || {
        let t = ctx.t();
        match ctx.fatal_code.get().as_deref() {
            Some("bad_key") => t.fatal_bad_key,
            Some("unknown_meeting") => t.fatal_unknown_meeting,
            Some("unsupported_version") => t.fatal_version,
            Some("no_key") => t.fatal_no_key,
            _ => t.err_generic,
        }
    };
    view! {
        <header class="topbar"><span class="brand">"PPT Hub"</span><LangSwitch/></header>
        <main id="main" class="page narrow">
            <h1>{move || ctx.t().fatal_title}</h1>
            <p class="alert" role="alert">{reason}</p>
        </main>
    }
}
