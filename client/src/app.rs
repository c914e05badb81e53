//! The app shell: creates the shared signals ([`Ctx`], defined in [`crate::state`]), routes by
//! path, and picks the page a meeting link shows. The only module that knows every page.

use crate::i18n::Lang;
#[cfg(feature = "meeting")]
use crate::net;
#[cfg(feature = "coordinator")]
use crate::pages::coordinator::CoordinatorPage;
#[cfg(feature = "meeting")]
use crate::pages::{
    chair::ChairPage, fatal::FatalPage, join::JoinPage, participant::ParticipantPage,
    screen::ScreenPage,
};
#[cfg(feature = "forms")]
use crate::pages::{feedback::FeedbackPage, quick::QuickPage};
#[cfg(feature = "meeting")]
use crate::state::i_hold_chair;
use crate::state::{ctx, Ctx};
use crate::web;
use leptos::prelude::*;
#[cfg(feature = "meeting")]
use shared::domain::Phase;

/// Which page a meeting link shows right now.
#[cfg(feature = "meeting")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinkPage {
    Fatal,
    Loading,
    Join,
    Participant,
    Chair,
}

/// The whole app: provides the context, keeps the language and focus in step, and shows the
/// page for the path.
#[component]
pub fn App() -> impl IntoView {
    let lang = web::local_get("ppt.lang")
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let ctx = Ctx::new(lang);
    provide_context(ctx);
    web::on_guard_ready(move || ctx.guard_ready.set(true));
    Effect::new(move |_| {
        let l = ctx.lang.get();
        web::set_html_lang(l.code());
        web::local_set("ppt.lang", l.code());
    });
    Effect::new(move |_| {
        ctx.room_state.track();
        if let Some(id) = ctx.focus_after_change.get_untracked() {
            ctx.focus_after_change.set(None);
            request_animation_frame(move || web::focus_arrow(&id));
        }
    });

    let path = web::pathname();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        #[cfg(feature = "meeting")]
        ["m", id] | ["m", id, "screen"] => {
            let screen = parts.len() == 3;
            let id = id.to_string();
            let key = web::fragment_key().or_else(|| web::session_get(&format!("ppt.key.{id}")));
            match key {
                Some(key) => {
                    web::session_set(&format!("ppt.key.{id}"), &key);
                    if screen {
                        web::hide_fragment();
                    }
                    net::start(ctx, id, key);
                }
                None => ctx.fatal_code.set(Some("no_key".into())),
            }
            if screen {
                view! { <ScreenPage/> }.into_any()
            } else {
                view! { <MeetingPage/> }.into_any()
            }
        }
        #[cfg(feature = "forms")]
        ["feedback", id] => view! { <FeedbackPage meeting=id.to_string()/> }.into_any(),
        #[cfg(feature = "forms")]
        ["quick"] => view! { <QuickPage/> }.into_any(),
        #[cfg(feature = "coordinator")]
        _ => view! { <CoordinatorPage/> }.into_any(),
        // index.html loads the bundle that fits the path; this shows only if it did not.
        #[allow(unreachable_patterns)]
        _ => view! { <p><a href="/">"PPT Hub"</a></p> }.into_any(),
    }
}

/// A meeting link: join first, then the room, or the chair's view for whoever holds the chair
/// controls (the chair link until it hands them over, or the deputy who has them).
#[cfg(feature = "meeting")]
#[component]
fn MeetingPage() -> impl IntoView {
    let ctx = ctx();
    let holds = i_hold_chair();
    let which = Memo::new(move |_| {
        if ctx.fatal_code.get().is_some() {
            return LinkPage::Fatal;
        }
        let phase = ctx.room_state.with(|r| r.as_ref().map(|r| r.phase));
        let Some(phase) = phase else {
            return LinkPage::Loading;
        };
        let joined = ctx.my_id.get().is_some();
        let open = phase != Phase::Ended;
        if !joined && open && ctx.rejoining.get() {
            LinkPage::Loading
        } else if !joined && open {
            LinkPage::Join
        } else if holds.get() {
            LinkPage::Chair
        } else {
            LinkPage::Participant
        }
    });
    move || {
        match which.get() {
        LinkPage::Fatal => view! { <FatalPage/> }.into_any(),
        LinkPage::Loading => view! {
            <main id="main" class="page narrow"><p class="loading" role="status">{move || ctx.t().loading}</p></main>
        }
        .into_any(),
        LinkPage::Join => view! { <JoinPage/> }.into_any(),
        LinkPage::Participant => view! { <ParticipantPage/> }.into_any(),
        LinkPage::Chair => view! { <ChairPage/> }.into_any(),
    }
    }
}
