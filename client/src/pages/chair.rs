//! The chair's view: the room plus running the meeting — confirm the agenda (offered until it
//! is announced), the live "N items, about M minutes each", start / next / pause / resume /
//! extend, defer (asked first, apart from the time buttons), undo of the last agenda action
//! while its window lasts, the next item's preview, the hand queue, the outcome of the item
//! (`components::outcome`), the roles (hand over, deputies, the scribe: `components::roles`),
//! who may join besides the services (`components::guests`) and ending the meeting. Whoever holds the chair controls sees this page: the chair link
//! until it hands them over, or the deputy who was handed or took them. The controls come
//! first (and a skip link leads to them), so the chair reaches "Päätä kokous" by keyboard
//! without passing the forms.

use crate::components::agenda::AgendaList;
use crate::components::hands::HandQueue;
use crate::components::item_form::SubmitForm;
use crate::components::onward::OnwardLinks;
use crate::components::outcome::OutcomeForm;
use crate::components::representation::RepresentationPanel;
use crate::components::roles::ChairRoles;
use crate::components::status::{MeetingHeader, Notice, StatusRow};
use crate::components::timer::{current_memo, CurrentItemPanel};
use crate::i18n::{extend_label, kind_name, queue_summary};
use crate::state::{ctx, meeting_ended, meeting_title};
use crate::{fmt, net, web};
use leptos::prelude::*;
use shared::domain::{MeetingKind, Phase};
use shared::protocol::Command;
use shared::room::UndoAction;

/// The chair's view of the meeting: everything the participant page shows, and the controls.
#[component]
pub fn ChairPage() -> impl IntoView {
    let ctx = ctx();
    let ended = meeting_ended();
    let title = meeting_title();
    // The chair's controls (ending the meeting among them) come before the outcome form, the
    // agenda and the submission form, and a skip link leads straight to them.
    view! {
        <a class="skip" href="#controls-h">{move || ctx.t().skip_to_controls}</a>
        <MeetingHeader/>
        <main id="main" class="page room chair">
            <h1 class="visually-hidden">{move || title.get()}</h1>
            <crate::components::month_theme::MonthThemeLine/>
            <StatusRow>
                <ScreenLink/>
            </StatusRow>
            <Notice/>
            <div class="columns">
                <div class="col-main">
                    <CurrentItemPanel/>
                    <Show when=move || !ended.get()>
                        <ChairControls/>
                        <ChairRoles/>
                        <crate::components::guests::GuestSettings/>
                    </Show>
                    <OutcomeForm/>
                    <AgendaList chair=true/>
                </div>
                <aside class="col-side">
                    <HandQueue chair=true/>
                    <RepresentationPanel/>
                    <crate::components::attendance::ChairAttendance/>
                </aside>
            </div>
            <Show when=move || !ended.get()>
                <SubmitForm/>
            </Show>
            <OnwardLinks/>
        </main>
    }
}

/// A link to the shared-screen view, for Teams, and the participant link to copy. Both carry
/// the participant key (the screen is read-only), never the chair key.
#[component]
fn ScreenLink() -> impl IntoView {
    let ctx = ctx();
    let path = web::pathname().trim_end_matches('/').to_owned();
    let key = move || ctx.participant_key.get().unwrap_or_default();
    let screen_path = path.clone();
    let href = move || format!("{screen_path}/screen#key={}", key());
    let participant_link = move || format!("{}{path}#key={}", web::origin(), key());
    view! {
        <p class="screen-link">
            <a href=href target="_blank" rel="noopener" aria-describedby="screen-link-hint">
                <span aria-hidden="true">"↗ "</span>{move || ctx.t().screen_link}
            </a>
            " "<span id="screen-link-hint" class="hint">{move || ctx.t().screen_link_hint}</span>
            " "
            <button type="button" class="link-button" id="copy-participant-link"
                on:click=move |_| {
                    web::copy(&participant_link());
                    ctx.announcement.set(ctx.t_untracked().participant_link_copied.to_owned());
                }>
                {move || ctx.t().copy_participant_link}
            </button>
        </p>
    }
}

#[component]
fn ChairControls() -> impl IntoView {
    let ctx = ctx();
    let current = current_memo();
    let state = move || {
        ctx.room_state.with(|r| {
            r.as_ref().map(|r| {
                (
                    r.phase,
                    r.queued().count(),
                    r.confirmed.as_ref().map(|c| c.items as usize),
                )
            })
        })
    };
    let has_current = move || current.with(|c| c.is_some());
    let paused = move || current.with(|c| c.as_ref().is_some_and(|(c, _)| c.paused_at.is_some()));
    let queued = move || state().map_or(0, |s| s.1);
    let off = move || !ctx.online();
    // The live figure: what each queued item gets now (or would get if confirmed now).
    let outlook = move || {
        let now = ctx.server_time.get();
        let o = ctx
            .room_state
            .with(|r| r.as_ref().and_then(|r| r.outlook_at(now)))?;
        (o.queued > 0)
            .then(|| queue_summary(ctx.lang.get(), o.queued as usize, fmt::minutes(o.each_ms)))
    };
    // Offered while the agenda is unannounced, or announced with another number of items; a
    // quick consultation has no agenda to confirm.
    let quick = move || {
        ctx.room_state.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.meeting.kind == MeetingKind::Quick)
        })
    };
    let offer_confirm = move || {
        !quick()
            && state().is_some_and(|(phase, n, confirmed)| {
                phase == Phase::Open && n > 0 && confirmed != Some(n)
            })
    };
    let next_up = move || {
        ctx.room_state.with(|r| {
            r.as_ref().and_then(|r| {
                r.queued().next().map(|i| {
                    let title = if i.redacted {
                        ctx.t().redacted_text.to_owned()
                    } else {
                        i.title.clone()
                    };
                    format!("{} – {title}", kind_name(ctx.lang.get(), i.kind))
                })
            })
        })
    };
    // Deferring the item on the floor asks first.
    let asking_defer = RwSignal::new(false);
    // The undo of the last agenda action, while its window lasts.
    let undo = move || {
        let now = ctx.server_time.get();
        ctx.room_state.with(|r| {
            let u = r.as_ref()?.undo.as_ref()?;
            (now <= u.until).then_some((u.action, u.until - now))
        })
    };
    view! {
        <section class="controls" aria-labelledby="controls-h">
            <h2 id="controls-h" tabindex="-1">{move || ctx.t().chair_controls}</h2>
            <p class="queue-now">{outlook}</p>
            <Show when=offer_confirm>
                <div class="confirm">
                    <button type="button" disabled=off on:click=move |_| { net::command(Command::ConfirmAgenda); }>
                        {move || ctx.t().confirm_agenda}
                    </button>
                </div>
            </Show>
            <div class="button-row">
                <button type="button" class="primary next"
                    disabled=move || off() || (!has_current() && queued() == 0)
                    on:click=move |_| { net::command(Command::NextItem); }>
                    {move || {
                        let t = ctx.t();
                        if has_current() {
                            if queued() > 0 { t.next_item } else { t.finish_item }
                        } else if state().is_some_and(|s| s.0 == Phase::Open) {
                            t.start_meeting
                        } else {
                            t.next_item
                        }
                    }}
                </button>
                <Show when=has_current>
                    <button type="button" disabled=off
                        on:click=move |_| { net::command(if paused() { Command::Resume } else { Command::Pause }); }>
                        {move || if paused() { format!("▶ {}", ctx.t().resume) } else { format!("❚❚ {}", ctx.t().pause) }}
                    </button>
                </Show>
                {move || undo().map(|(action, left)| {
                    let t = ctx.t();
                    let what = match action {
                        UndoAction::Defer => t.defer,
                        UndoAction::Withdraw => t.withdraw,
                        UndoAction::Next => t.next_item,
                    };
                    view! {
                        <button type="button" class="secondary undo" id="undo" disabled=off
                            on:click=move |_| { net::command(Command::Undo); }>
                            <span aria-hidden="true">"↶ "</span>{format!("{}: {what} ({} s)", t.undo, left.max(0) / 1000)}
                        </button>
                    }
                })}
            </div>
            {move || next_up().map(|n| view! { <p class="next-preview"><strong>{ctx.t().next_preview}": "</strong>{n}</p> })}
            <Show when=has_current>
                <div class="button-row" role="group" aria-labelledby="extend-label">
                    <span id="extend-label" class="group-label">{move || ctx.t().extend}":"</span>
                    {[1u32, 2, 5].into_iter().map(|m| view! {
                        <button type="button" disabled=off aria-label=move || extend_label(ctx.lang.get(), m)
                            on:click=move |_| { net::command(Command::Extend { minutes: m }); }>
                            {format!("+{m} min")}
                        </button>
                    }).collect_view()}
                </div>
                <div class="button-row">
                    <Show when=move || asking_defer.get()
                        fallback=move || view! {
                            <button type="button" class="secondary" id="defer-current" disabled=off
                                on:click=move |_| { asking_defer.set(true); request_animation_frame(|| web::focus("defer-no")); }>
                                {move || ctx.t().defer}
                            </button>
                        }>
                        <div class="confirm-box" role="group" aria-labelledby="defer-q">
                            <p id="defer-q">{move || format!("{} {}", ctx.t().defer_confirm, current.with(|c| c.as_ref().map(|(_, i)| i.title.clone()).unwrap_or_default()))}</p>
                            <button type="button" class="danger" id="defer-yes" disabled=off
                                on:click=move |_| {
                                    if let Some((c, _)) = current.get_untracked() {
                                        net::command(Command::DeferItem { item: c.item });
                                    }
                                    asking_defer.set(false);
                                    request_animation_frame(|| web::focus("undo"));
                                }>
                                {move || ctx.t().defer_yes}
                            </button>
                            <button type="button" id="defer-no" class="secondary" on:click=move |_| {
                                asking_defer.set(false);
                                request_animation_frame(|| web::focus("defer-current"));
                            }>
                                {move || ctx.t().cancel}
                            </button>
                        </div>
                    </Show>
                </div>
            </Show>
            <EndMeeting/>
        </section>
    }
}

/// End the meeting, after an explicit second step.
#[component]
fn EndMeeting() -> impl IntoView {
    let ctx = ctx();
    let asking = RwSignal::new(false);
    view! {
        <section class="end" aria-labelledby="end-h">
            <h2 id="end-h" class="visually-hidden">{move || ctx.t().end_meeting}</h2>
            <Show when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="danger" disabled=move || !ctx.online()
                        on:click=move |_| { asking.set(true); request_animation_frame(|| web::focus("end-no")); }>
                        {move || ctx.t().end_meeting}
                    </button>
                }>
                <div class="confirm-box" role="group" aria-labelledby="end-q">
                    <p id="end-q">{move || ctx.t().end_confirm}</p>
                    <button type="button" class="danger" disabled=move || !ctx.online()
                        on:click=move |_| { net::command(Command::EndMeeting); asking.set(false); }>
                        {move || ctx.t().end_yes}
                    </button>
                    <button type="button" id="end-no" class="secondary" on:click=move |_| asking.set(false)>
                        {move || ctx.t().cancel}
                    </button>
                </div>
            </Show>
        </section>
    }
}
