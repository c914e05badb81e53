//! The Meetings view's attendance pattern (issue 12): the selected centre's required services
//! over its last six meetings held, with the mark for those that missed three in a row
//! (`GET /api/centres/{centre}/attendance`, drawn by
//! [`crate::components::attendance::attendance_table`]). Loaded again whenever the centre's
//! meetings are (another centre chosen, a meeting changed).

use super::api;
use super::failure::failure_text;
use super::state::Page;
use crate::components::attendance::attendance_table;
use crate::i18n::texts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::Attendance;

/// The section: a heading and the table (or why there is none).
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    let loaded: RwSignal<Option<Result<Attendance, String>>> = RwSignal::new(None);
    Effect::new(move |_| {
        p.meetings.track();
        let centre = p.centre.get_untracked();
        if centre.is_empty() {
            return;
        }
        let tok = p.token.get_untracked();
        spawn_local(async move {
            let answer = api::attendance(&tok, &centre).await;
            // A slower answer for a centre no longer chosen is dropped.
            if p.centre.get_untracked() == centre {
                loaded.set(Some(
                    answer.map_err(|f| failure_text(ctx.t_untracked(), &f)),
                ));
            }
        });
    });
    view! {
        <section class="attendance" aria-labelledby="c-att-h">
            <h2 id="c-att-h">{move || ctx.t().attendance_title}</h2>
            {move || {
                let lang = ctx.lang.get();
                loaded.with(|l| match l {
                    None => view! { <p class="muted">{texts(lang).loading}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="alert" role="alert">{e.clone()}</p> }.into_any(),
                    Some(Ok(a)) => attendance_table(a, lang, "c-att-table"),
                })
            }}
        </section>
    }
}
