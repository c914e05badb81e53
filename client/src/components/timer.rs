//! The item on the floor with its countdown, and the meeting's own clock. Both are computed
//! here from the server-time estimate (`Ctx::now`); the server sends no ticks.

use super::service_label;
use crate::fmt;
use crate::i18n::kind_name;
use crate::state::ctx;
use leptos::prelude::*;
use shared::allocation::remaining_ms;
use shared::domain::{AgendaItem, Phase};
use shared::room::CurrentItem;

/// The current item and its clock, if any.
pub fn current_memo() -> Memo<Option<(CurrentItem, AgendaItem)>> {
    let ctx = ctx();
    Memo::new(move |_| {
        ctx.room_state.with(|r| {
            let r = r.as_ref()?;
            let c = r.current.clone()?;
            let item = r.item(&c.item)?.clone();
            Some((c, item))
        })
    })
}

/// The big countdown: time left, or time over (marked with a sign, a word and a colour).
#[component]
pub fn Countdown(current: Memo<Option<(CurrentItem, AgendaItem)>>) -> impl IntoView {
    let ctx = ctx();
    let left = move || current.with(|c| c.as_ref().map(|(c, _)| c.left_ms(ctx.server_time.get())));
    let paused = move || current.with(|c| c.as_ref().is_some_and(|(c, _)| c.paused_at.is_some()));
    let over = move || left().is_some_and(|l| l < 0);
    view! {
        <div class="timer" class:overrun=over class:paused=paused>
            <span class="timer-label">
                {move || {
                    let t = ctx.t();
                    if over() && paused() {
                        format!("⚠ {} · ❚❚ {}", t.overrun, t.paused)
                    } else if over() {
                        format!("⚠ {}", t.overrun)
                    } else if paused() {
                        format!("❚❚ {}", t.paused)
                    } else {
                        t.time_left.to_owned()
                    }
                }}
            </span>
            <span class="timer-value" role="timer" aria-live="off">{move || left().map(fmt::countdown)}</span>
        </div>
    }
}

/// "Now presenting": kind, title, question, services wanted, and the countdown.
#[component]
pub fn CurrentItemPanel(#[prop(optional)] brief: bool) -> impl IntoView {
    let ctx = ctx();
    let current = current_memo();
    view! {
        <section class="current" aria-labelledby="current-h">
            <h2 id="current-h">{move || ctx.t().now_presenting}</h2>
            {move || match current.get() {
                None => view! { <p class="muted">{move || ctx.t().nothing_presenting}</p> }.into_any(),
                Some((_, item)) => {
                    let lang = ctx.lang.get();
                    let t = ctx.t();
                    let services = ctx.room_state.with_untracked(|r| {
                        r.as_ref()
                            .map(|r| item.services_wanted.iter().map(|s| service_label(r, lang, s)).collect::<Vec<_>>().join(", "))
                            .unwrap_or_default()
                    });
                    let presenter = ctx.room_state.with_untracked(|r| {
                        r.as_ref().map(|r| service_label(r, lang, &item.presenter_service)).unwrap_or_default()
                    });
                    // A redacted item's words, and the mark of an item from an earlier meeting.
                    let text = |s: &str| if item.redacted { t.redacted_text.to_owned() } else { s.to_owned() };
                    let carried = item.carried_over.as_ref().map(|c| match c.reason {
                        shared::domain::CarryReason::Deferred => t.carried_over,
                        shared::domain::CarryReason::FollowUp => t.carried_follow_up,
                    });
                    view! {
                        <div class="current-body">
                            <p class="kind">{kind_name(lang, item.kind)}</p>
                            {carried.map(|b| view! {
                                <p><span class="tag carried"><span aria-hidden="true">"↻ "</span>{b}</span></p>
                            })}
                            <p class="current-title">{text(&item.title)}</p>
                            <Countdown current=current/>
                            {(!brief).then(|| view! {
                                <dl class="facts">
                                    <dt>{t.question_label}</dt>
                                    <dd>{text(&item.question)}</dd>
                                    {(!item.summary.is_empty() && !item.redacted).then(|| view! {
                                        <dt>{t.summary_label}</dt>
                                        <dd class="pre">{item.summary.clone()}</dd>
                                    })}
                                    <dt>{t.presented_by}</dt>
                                    <dd>{presenter}</dd>
                                    {(!services.is_empty()).then(|| view! {
                                        <dt>{t.services_wanted}</dt>
                                        <dd>{services}</dd>
                                    })}
                                </dl>
                            })}
                        </div>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// The meeting's time: not started yet, time left, over time, or ended — with the times in
/// the centre's time zone, which it names.
#[component]
pub fn MeetingClock() -> impl IntoView {
    let ctx = ctx();
    let schedule = move || {
        ctx.room_state.with(|r| {
            r.as_ref().map(|r| {
                (
                    r.meeting.starts_at,
                    r.meeting.ends_at,
                    r.phase,
                    r.time_zone.clone(),
                )
            })
        })
    };
    view! {
        <p class="meeting-clock">
            {move || {
                let t = ctx.t();
                let sep = if ctx.lang.get() == crate::i18n::Lang::En { ':' } else { '.' };
                let Some((starts, ends, phase, zone)) = schedule() else { return String::new() };
                let now = ctx.server_time.get();
                let (day, from) = fmt::zoned(starts, &zone, sep);
                let (_, to) = fmt::zoned(ends, &zone, sep);
                let range = format!("{day} {from}–{to} ({})", fmt::zone_label(&zone));
                match phase {
                    Phase::Ended => format!("{} · {}", t.phase_ended, range),
                    _ if now >= ends => format!("⚠ {} · {}", t.meeting_over_time, range),
                    Phase::Open if now < starts => format!("{} {from} · {}", t.starts_at, range),
                    _ => format!(
                        "{} {} {} · {}",
                        t.meeting_left,
                        fmt::minutes_left(remaining_ms(starts, ends, now)),
                        t.minutes_short,
                        range
                    ),
                }
            }}
        </p>
    }
}
