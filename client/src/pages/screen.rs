//! The shared-screen view: read-only, readable at a glance when the chair shares it in Teams —
//! big timer, current item, next items, missing services. It never joins the meeting.

use crate::components::representation::MissingServices;
use crate::components::status::ConnectionBadge;
use crate::components::timer::{current_memo, Countdown, MeetingClock};
use crate::i18n::kind_name;
use crate::state::{ctx, meeting_title};
use leptos::prelude::*;

/// The page at `/m/{id}/screen`: for sharing on a big screen, so it shows only what everyone may
/// see, large, and offers no controls.
#[component]
pub fn ScreenPage() -> impl IntoView {
    let ctx = ctx();
    let current = current_memo();
    let title = meeting_title();
    let next = move || {
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.queued()
                        .take(4)
                        .map(|i| {
                            let title = if i.redacted {
                                ctx.t().redacted_text.to_owned()
                            } else {
                                i.title.clone()
                            };
                            (i.kind, title)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let fatal = move || ctx.fatal_code.get().is_some();
    view! {
        <main id="main" class="screen">
            <header class="screen-head">
                <h1>{move || title.get()}</h1>
                <crate::components::month_theme::MonthThemeLine/>
                <MeetingClock/>
                <ConnectionBadge/>
            </header>
            <Show when=fatal>
                <p class="alert" role="alert">{move || ctx.t().fatal_bad_key}</p>
            </Show>
            <div class="screen-body">
                <section class="screen-current" aria-labelledby="s-current-h">
                    <h2 id="s-current-h">{move || ctx.t().now_presenting}</h2>
                    {move || match current.get() {
                        Some((_, item)) => view! {
                            <p class="kind">{kind_name(ctx.lang.get(), item.kind)}</p>
                            <p class="screen-title">{
                                if item.redacted { ctx.t().redacted_text.to_owned() } else { item.title }
                            }</p>
                        }.into_any(),
                        None => view! { <p class="screen-title muted">{move || ctx.t().nothing_presenting}</p> }.into_any(),
                    }}
                    <Show when=move || current.with(|c| c.is_some())>
                        <Countdown current=current/>
                    </Show>
                </section>
                <div class="screen-side">
                    <section aria-labelledby="s-next-h">
                        <h2 id="s-next-h">{move || ctx.t().next_up}</h2>
                        {move || {
                            let list = next();
                            if list.is_empty() {
                                return view! { <p class="muted">{move || ctx.t().nothing_next}</p> }.into_any();
                            }
                            let lang = ctx.lang.get();
                            view! {
                                <ol class="screen-next">
                                    {list.into_iter().map(|(k, t)| view! {
                                        <li><span class="item-kind">{kind_name(lang, k)}</span>" "<span>{t}</span></li>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="s-rep-h">
                        <h2 id="s-rep-h">{move || ctx.t().representation}</h2>
                        <MissingServices/>
                    </section>
                </div>
            </div>
        </main>
    }
}
