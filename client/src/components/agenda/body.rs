//! A row's text: kind, title, marks, then status, time and services (`.item-meta`, the same for
//! everyone), then what the chair plans with — question, presenter, summary, a warning for
//! wanted services nobody represents, the earlier turns of a carried-over item and the recorded
//! outcome (open for everyone once the meeting has ended).

use super::arrival::arrival_tag;
use crate::components::service_label;
use crate::fmt;
use crate::i18n::{kind_name, status_name, Lang, Texts};
use crate::state::ctx;
use leptos::prelude::*;
use shared::domain::{AgendaItem, CarryReason, ItemStatus};

/// The row's CSS class for a status (`status-queued`, …), which styles it.
pub fn status_class(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Queued => "queued",
        ItemStatus::Presenting => "presenting",
        ItemStatus::Done => "done",
        ItemStatus::Deferred => "deferred",
        ItemStatus::Withdrawn => "withdrawn",
    }
}

fn status_icon(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Queued => "○",
        ItemStatus::Presenting => "▶",
        ItemStatus::Done => "✓",
        ItemStatus::Deferred => "↷",
        ItemStatus::Withdrawn => "✕",
    }
}

/// The texts of an item, or the words for a redacted one: every text the agenda shows of an
/// item goes through this.
pub fn shown(t: &'static Texts, i: &AgendaItem, text: &str) -> String {
    if i.redacted {
        t.redacted_text.to_owned()
    } else {
        text.to_owned()
    }
}

/// The row's text: kind, title, marks (on the chair's agenda also when the item arrived: ahead,
/// late, at the meeting), then status, time and services (`.item-meta`, the same for everyone),
/// then what the chair plans with: question, presenter, summary, a warning for wanted services
/// nobody represents, earlier turns and the recorded outcome.
pub fn row_body(i: AgendaItem, mine: bool, ended: bool, chair: bool) -> impl IntoView {
    let ctx = ctx();
    let lang = ctx.lang.get();
    let t = ctx.t();
    let (services, absent, presenter, zone) = ctx.room_state.with_untracked(|r| {
        let Some(r) = r.as_ref() else {
            return Default::default();
        };
        let label = |s: &shared::ids::ServiceId| service_label(r, lang, s);
        let absent: Vec<String> = r.missing_wanted(&i).iter().map(label).collect();
        (
            i.services_wanted
                .iter()
                .map(label)
                .collect::<Vec<_>>()
                .join(", "),
            absent.join(", "),
            label(&i.presenter_service),
            r.time_zone.clone(),
        )
    });
    let time = match (i.used_ms, i.allotted_ms) {
        (Some(u), Some(a)) => format!(
            "{} {} / {} {} {}",
            t.used,
            fmt::minutes(u),
            fmt::minutes(a),
            t.minutes_short,
            if i.overran { "⚠" } else { "" }
        ),
        (Some(u), None) => format!("{} {} {}", t.used, fmt::minutes(u), t.minutes_short),
        (None, Some(a)) => format!("{} {} {}", t.allotted, fmt::minutes(a), t.minutes_short),
        (None, None) => String::new(),
    };
    let open = matches!(i.status, ItemStatus::Queued | ItemStatus::Presenting);
    let sep = if lang == Lang::En { ':' } else { '.' };
    let carried = i.carried_over.clone().map(|c| {
        let badge = match c.reason {
            CarryReason::Deferred => t.carried_over,
            CarryReason::FollowUp => t.carried_follow_up,
        };
        let turns = c
            .history
            .iter()
            .map(|p| {
                let mut line = format!(
                    "{}: {}",
                    fmt::zoned(p.meeting_starts_at, &zone, sep).0,
                    status_name(lang, p.status)
                );
                if let Some(u) = p.used_ms {
                    line += &format!(", {} {} {}", t.used, fmt::minutes(u), t.minutes_short);
                }
                if let Some(o) = &p.outcome {
                    for s in [&o.advice, &o.next_steps] {
                        if !s.is_empty() {
                            line += &format!(" – {s}");
                        }
                    }
                }
                view! { <li>{line}</li> }
            })
            .collect_view();
        (badge, c.history.len(), turns)
    });
    let outcome = i.outcome.clone();
    view! {
        <div class="item-main">
            <span class="item-kind">{kind_name(lang, i.kind)}</span>
            <span class="item-title" id=format!("title-{}", i.id)>{shown(t, &i, &i.title)}</span>
            {mine.then(|| view! { <span class="tag">{t.yours}</span> })}
            {carried.as_ref().map(|(badge, _, _)| view! { <span class="tag carried"><span aria-hidden="true">"↻ "</span>{*badge}</span> })}
            {i.edited.then(|| view! { <span class="tag">{t.edited_tag}</span> })}
            {i.arrival.filter(|_| chair).map(|a| arrival_tag(lang, a))}
        </div>
        <div class="item-meta">
            <span class="item-status">
                <span aria-hidden="true">{status_icon(i.status)}" "</span>
                {status_name(lang, i.status)}
            </span>
            {(!time.is_empty()).then(|| view! { <span class="item-time">{time}</span> })}
            {(!services.is_empty()).then(|| view! {
                <span class="item-services">{t.services_wanted}": "{services}</span>
            })}
            {i.outcome.is_some().then(|| view! { <span class="tag">"✓ "{t.outcome_recorded}</span> })}
        </div>
        <div class="item-details">
            <p class="item-question"><strong>{t.question_label}": "</strong>{shown(t, &i, &i.question)}</p>
            <p class="item-presenter">{t.presented_by}": "{presenter}</p>
            {(open && !absent.is_empty()).then(|| view! {
                <p class="wanted-absent"><span aria-hidden="true">"⚠ "</span>{t.wanted_absent}": "{absent}</p>
            })}
            {(!i.summary.is_empty()).then(|| view! {
                <details><summary>{t.summary_label}</summary><p class="pre">{i.summary.clone()}</p></details>
            })}
            {carried.map(|(_, n, turns)| view! {
                <details class="history"><summary>{t.history}" ("{n}")"</summary><ul>{turns}</ul></details>
            })}
            {outcome.map(|o| {
                let involve = ctx.room_state.with_untracked(|r| r.as_ref().map(|r| o.services_to_involve.iter().map(|s| service_label(r, lang, s)).collect::<Vec<_>>().join(", ")).unwrap_or_default());
                view! {
                    <details class="item-outcome" open=ended>
                        <summary>{t.recorded_outcome}</summary>
                        <dl class="facts">
                            {(!o.advice.is_empty()).then(|| view! { <dt>{t.advice}</dt><dd class="pre">{o.advice.clone()}</dd> })}
                            {(!o.next_steps.is_empty()).then(|| view! { <dt>{t.next_steps}</dt><dd class="pre">{o.next_steps.clone()}</dd> })}
                            {(!involve.is_empty()).then(|| view! { <dt>{t.services_to_involve}</dt><dd>{involve}</dd> })}
                            {o.follow_up.then(|| view! { <dt>{t.follow_up}</dt><dd>"✓"</dd> })}
                        </dl>
                    </details>
                }
            })}
        </div>
    }
}
