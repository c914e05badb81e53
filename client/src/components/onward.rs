//! Links from a meeting page to the pages beyond the live meeting, which live in the
//! coordinator's bundle so the meeting's module stays within its size budget: the anonymous
//! feedback form once the meeting has ended (`/feedback/{meeting}`, issue 13), and opening a
//! quick consultation room between the monthly meetings (`/quick`). Both carry this link's own
//! key in the fragment, which never reaches a server log.

use crate::state::ctx;
use crate::web;
use leptos::prelude::*;
use shared::domain::{MeetingKind, Phase};

/// Once the meeting has ended, the offer of the anonymous feedback form (the form finds out
/// whether this browser took part: the secret its `join` kept); in a monthly meeting, the link
/// to open a quick consultation room of the centre (the link's key shows the person belongs
/// to the centre's network).
#[component]
pub fn OnwardLinks() -> impl IntoView {
    let ctx = ctx();
    move || {
        let (id, ended, monthly) = ctx.room_state.with(|r| {
            r.as_ref().map(|r| {
                (
                    r.meeting.id.to_string(),
                    r.phase == Phase::Ended,
                    r.meeting.kind == MeetingKind::Monthly,
                )
            })
        })?;
        // The key of the link this page was opened with (kept for the tab by the app shell).
        let key = web::session_get(&format!("ppt.key.{id}"))?;
        let t = ctx.t();
        Some(view! {
            <p class="onward">
                {ended.then(|| view! {
                    <a id="feedback-link" class="feedback-link" href=format!("/feedback/{id}#key={key}")>{t.feedback_link}</a>
                })}
                " "
                {monthly.then(|| view! {
                    <a id="quick-link" href=format!("/quick#key={key}")>{t.quick_link}</a>
                })}
            </p>
        })
    }
}
