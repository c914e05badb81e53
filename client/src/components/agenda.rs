//! The agenda: every item in order with kind, title, services wanted, status and time, and what
//! the chair plans with — question, presenter's service, summary, a warning when a wanted
//! service is not present, the "carried over" badge with the earlier turns, the recorded
//! outcome (open for everyone once the meeting has ended). The chair's version reorders the
//! queue (drag and drop, or the arrow buttons) and acts per item; every button names its item.
//! Defer, withdraw and redact ask first. The presenter edits their own queued item, the chair
//! any open one.

use super::service_label;
use crate::app::ctx;
use crate::i18n::{kind_name, status_name};
use crate::{fmt, net, web};
use leptos::prelude::*;
use shared::domain::{AgendaItem, CarryReason, ItemStatus, Phase};
use shared::ids::ItemId;
use shared::protocol::Command;
use shared::room::{MAX_TEXT, MAX_TITLE};

fn status_class(s: ItemStatus) -> &'static str {
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

/// The queue order with `moving` placed before `target` (or last, with no target).
fn moved(queue: &[ItemId], moving: &ItemId, target: Option<&ItemId>) -> Vec<ItemId> {
    let mut order: Vec<ItemId> = queue.iter().filter(|i| *i != moving).cloned().collect();
    let at = target
        .and_then(|t| order.iter().position(|i| i == t))
        .unwrap_or(order.len());
    order.insert(at, moving.clone());
    order
}

fn send_reorder(order: Vec<ItemId>, focus: Option<String>) {
    let ctx = ctx();
    ctx.focus_after.set(focus);
    net::command(Command::Reorder { order });
}

#[component]
pub fn AgendaList(#[prop(optional)] chair: bool) -> impl IntoView {
    let ctx = ctx();
    let ids = Memo::new(move |_| {
        ctx.room.with(|r| {
            r.as_ref()
                .map(|r| r.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let queue = Memo::new(move |_| {
        ctx.room.with(|r| {
            r.as_ref()
                .map(|r| r.queued().map(|i| i.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let dragging = RwSignal::new(None::<ItemId>);
    view! {
        <section class="agenda" aria-labelledby="agenda-h">
            <h2 id="agenda-h">{move || ctx.t().agenda}</h2>
            <AgendaSummary/>
            {chair.then(|| view! { <p class="hint">{move || ctx.t().drag_hint}</p> })}
            <Show when=move || ids.with(|i| i.is_empty())>
                <p class="muted">{move || ctx.t().agenda_empty}</p>
            </Show>
            <ol class="agenda-list">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id: ItemId| view! { <AgendaRow id=id chair=chair queue=queue dragging=dragging/> }
                />
            </ol>
        </section>
    }
}

/// The agenda as it stands: "N items queued, about M minutes each", kept up to date after
/// every change (the shared rules' outlook), once the chair has confirmed.
#[component]
fn AgendaSummary() -> impl IntoView {
    let ctx = ctx();
    move || {
        let (confirmed, outlook) = ctx.room.with(|r| {
            r.as_ref()
                .map(|r| (r.confirmed.is_some(), r.outlook.clone()))
                .unwrap_or_default()
        });
        confirmed.then(|| {
            let lang = ctx.lang.get();
            let text = match outlook.filter(|o| o.queued > 0) {
                Some(o) => {
                    crate::i18n::queue_summary(lang, o.queued as usize, fmt::minutes(o.each_ms))
                }
                None => ctx.t().confirmed_badge.to_owned(),
            };
            view! {
                <p class="agenda-summary"><span aria-hidden="true">"✓ "</span>{text}</p>
            }
        })
    }
}

/// A button of an agenda row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Up,
    Down,
    Start,
    Defer,
    Withdraw,
    Edit,
    Redact,
}

/// What the row's confirmation box asks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ask {
    Defer,
    Withdraw,
    Redact,
}

/// The texts of an item, or the words for a redacted one.
fn shown(t: &'static crate::i18n::Texts, i: &AgendaItem, text: &str) -> String {
    if i.redacted {
        t.redacted_text.to_owned()
    } else {
        text.to_owned()
    }
}

#[component]
fn AgendaRow(
    id: ItemId,
    chair: bool,
    queue: Memo<Vec<ItemId>>,
    dragging: RwSignal<Option<ItemId>>,
) -> impl IntoView {
    let ctx = ctx();
    let item = {
        let id = id.clone();
        Memo::new(move |_| {
            ctx.room
                .with(|r| r.as_ref().and_then(|r| r.item(&id).cloned()))
        })
    };
    let ended = Memo::new(move |_| {
        ctx.room
            .with(|r| r.as_ref().is_some_and(|r| r.phase == Phase::Ended))
    });
    // Memos, so the row's buttons are rebuilt only when what they depend on changes (not at
    // every change of the item's time), and keyboard focus stays on them.
    let status_memo = Memo::new(move |_| item.with(|i| i.as_ref().map(|i| i.status)));
    let status = move || status_memo.get();
    let redacted = Memo::new(move |_| item.with(|i| i.as_ref().is_some_and(|i| i.redacted)));
    let title = Memo::new(move |_| {
        item.with(|i| {
            i.as_ref()
                .map(|i| shown(ctx.t(), i, &i.title))
                .unwrap_or_default()
        })
    });
    let queued = move || status() == Some(ItemStatus::Queued);
    let mine = Memo::new(move |_| {
        let me = ctx.me.get();
        item.with(|i| {
            i.as_ref()
                .is_some_and(|i| Some(&i.presenter) == me.as_ref())
        })
    });
    let id_value = StoredValue::new(id.clone());
    let position = move || queue.with(|q| id_value.with_value(|id| q.iter().position(|x| x == id)));
    let dom_id = format!("item-{id}");
    // The item's name for its buttons ("Aloita: Iäkäs asiakas…").
    let named = move |action: &'static str| format!("{action}: {}", title.get());

    let move_by = move |delta: isize| {
        let id = id_value.get_value();
        let q = queue.get_untracked();
        let Some(pos) = q.iter().position(|q| q == &id) else {
            return;
        };
        let to = pos as isize + delta;
        if to < 0 || to as usize >= q.len() {
            return;
        }
        let mut order = q.clone();
        order.swap(pos, to as usize);
        let focus = if delta < 0 {
            format!("up-{id}")
        } else {
            format!("down-{id}")
        };
        send_reorder(order, Some(focus));
    };

    let drag_start = {
        let id = id.clone();
        move |ev: leptos::ev::DragEvent| {
            if let Some(dt) = ev.data_transfer() {
                let _ = dt.set_data("text/plain", id.as_str());
                dt.set_effect_allowed("move");
            }
            dragging.set(Some(id.clone()));
        }
    };
    let drop = {
        let id = id.clone();
        move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            if let Some(moving) = dragging.get_untracked() {
                if moving != id {
                    send_reorder(moved(&queue.get_untracked(), &moving, Some(&id)), None);
                }
            }
            dragging.set(None);
        }
    };
    let can_drag = move || chair && queued() && ctx.online();

    // Defer, withdraw and redact ask first; the box focuses its "cancel".
    let asking = RwSignal::new(None::<Ask>);
    let no_id = StoredValue::new(format!("no-{id}"));
    let ask = move |a: Ask| {
        asking.set(Some(a));
        request_animation_frame(move || no_id.with_value(|n| web::focus(n)));
    };
    let editing = RwSignal::new(false);
    let can_edit = move || {
        !ended.get()
            && !redacted.get()
            && ((chair && matches!(status(), Some(ItemStatus::Queued | ItemStatus::Presenting)))
                || (mine.get() && queued()))
    };

    // The row's buttons, from one table: which show, and what each does.
    let acts = move || {
        let open = matches!(status(), Some(ItemStatus::Queued | ItemStatus::Presenting));
        let live = !ended.get();
        let mut v = Vec::new();
        if chair && queued() && live {
            v.extend([Act::Up, Act::Down, Act::Start]);
        }
        if chair && live && open {
            v.push(Act::Defer);
        }
        if (chair || mine.get()) && queued() && live {
            v.push(Act::Withdraw);
        }
        if can_edit() {
            v.push(Act::Edit);
        }
        if chair && !redacted.get() {
            v.push(Act::Redact);
        }
        v
    };
    let run = move |a: Act| match a {
        Act::Up => move_by(-1),
        Act::Down => move_by(1),
        Act::Start => {
            net::command(Command::StartItem {
                item: id_value.get_value(),
            });
        }
        Act::Defer => ask(Ask::Defer),
        Act::Withdraw => ask(Ask::Withdraw),
        Act::Redact => ask(Ask::Redact),
        Act::Edit => editing.update(|e| *e = !*e),
    };
    let confirm_id = id.clone();
    view! {
        <li
            id=dom_id
            class=move || format!("agenda-item status-{}", status().map(status_class).unwrap_or_default())
            class:dragging={
                let id = id.clone();
                move || dragging.with(|d| d.as_ref() == Some(&id))
            }
            draggable=move || if can_drag() { "true" } else { "false" }
            on:dragstart=drag_start
            on:dragover=move |ev: leptos::ev::DragEvent| {
                if chair && queued() && dragging.with_untracked(|d| d.is_some()) {
                    ev.prevent_default();
                }
            }
            on:drop=drop
            on:dragend=move |_| dragging.set(None)
        >
            {move || item.get().map(|i: AgendaItem| row_body(i, mine.get(), ended.get()))}
            <div class="item-actions">
                {move || acts().into_iter().map(|a| {
                    let t = ctx.t();
                    let id = id_value.get_value();
                    let (text, label, class, dom) = match a {
                        Act::Up => ("↑", t.move_up, "icon-button", format!("up-{id}")),
                        Act::Down => ("↓", t.move_down, "icon-button", format!("down-{id}")),
                        Act::Start => (t.start_item, t.start_item, "start", String::new()),
                        Act::Defer => (t.defer, t.defer, "secondary defer", format!("defer-{id}")),
                        Act::Withdraw => (t.withdraw, t.withdraw, "secondary withdraw", format!("withdraw-{id}")),
                        Act::Edit => (t.edit, t.edit, "secondary edit", String::new()),
                        Act::Redact => (t.redact, t.redact, "secondary redact", format!("redact-{id}")),
                    };
                    view! {
                        <button type="button" class=class id=(!dom.is_empty()).then_some(dom)
                            aria-label=named(label)
                            aria-expanded=(a == Act::Edit).then_some(move || editing.get().to_string())
                            disabled=move || !ctx.online() || match a {
                                Act::Up => position() == Some(0),
                                Act::Down => position().is_none_or(|p| p + 1 >= queue.with(|q| q.len())),
                                _ => false,
                            }
                            on:click=move |_| run(a)
                        >{text}</button>
                    }
                }).collect_view()}
            </div>
            {move || asking.get().map(|a| {
                let t = ctx.t();
                let (q, yes) = match a {
                    Ask::Defer => (t.defer_confirm, t.defer_yes),
                    Ask::Withdraw => (t.withdraw_confirm, t.withdraw_yes),
                    Ask::Redact => (t.redact_confirm, t.redact),
                };
                let id = confirm_id.clone();
                let q_id = format!("ask-{id}");
                let q_for = q_id.clone();
                view! {
                    <div class="confirm-box" role="group" aria-labelledby=q_for>
                        <p id=q_id>{q}" "{named("")}</p>
                        <button type="button" class="danger confirm-yes" disabled=move || !ctx.online()
                            on:click=move |_| {
                                let item = id.clone();
                                net::command(match a {
                                    Ask::Defer => Command::DeferItem { item },
                                    Ask::Withdraw => Command::WithdrawItem { item },
                                    Ask::Redact => Command::RedactItem { item },
                                });
                                asking.set(None);
                                // The chair can take it back at once.
                                request_animation_frame(|| web::focus("undo"));
                            }>{yes}</button>
                        <button type="button" class="secondary" id=no_id.get_value() on:click=move |_| {
                            asking.set(None);
                            // Back to the button that asked.
                            let back = format!("{}-{}", match a { Ask::Defer => "defer", Ask::Withdraw => "withdraw", Ask::Redact => "redact" }, id_value.get_value());
                            request_animation_frame(move || web::focus(&back));
                        }>{t.cancel}</button>
                    </div>
                }
            })}
            <Show when=move || editing.get() && can_edit()>
                <EditItem item=item editing=editing/>
            </Show>
        </li>
    }
}

/// The row's text: kind, title, marks, then status, time and services (`.item-meta`, the same
/// for everyone), then what the chair plans with: question, presenter, summary, a warning for
/// wanted services nobody represents, earlier turns and the recorded outcome.
fn row_body(i: AgendaItem, mine: bool, ended: bool) -> impl IntoView {
    let ctx = ctx();
    let lang = ctx.lang.get();
    let t = ctx.t();
    let (services, absent, presenter, zone) = ctx.room.with_untracked(|r| {
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
    let sep = if lang == crate::i18n::Lang::En {
        ':'
    } else {
        '.'
    };
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
                let involve = ctx.room.with_untracked(|r| r.as_ref().map(|r| o.services_to_involve.iter().map(|s| service_label(r, lang, s)).collect::<Vec<_>>().join(", ")).unwrap_or_default());
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

/// Editing a queued item in place (its presenter) or any open item (the chair): title,
/// question, summary. Only changed fields are sent; the guard checks them like a new item.
#[component]
fn EditItem(item: Memo<Option<AgendaItem>>, editing: RwSignal<bool>) -> impl IntoView {
    let ctx = ctx();
    let Some(start) = item.get_untracked() else {
        return ().into_any();
    };
    let id = start.id.clone();
    let title = RwSignal::new(start.title.clone());
    let question = RwSignal::new(start.question.clone());
    let summary = RwSignal::new(start.summary.clone());
    let sent = RwSignal::new(false);
    // Close once the room shows what was sent.
    Effect::new(move |_| {
        if sent.get() {
            let done = item.with(|i| {
                i.as_ref().is_some_and(|i| {
                    title.with_untracked(|t| t.trim() == i.title)
                        && question.with_untracked(|q| q.trim() == i.question)
                        && summary.with_untracked(|s| s.trim() == i.summary)
                })
            });
            if done {
                editing.set(false);
            }
        }
    });
    let (ft, fq, fs) = (
        format!("e-title-{id}"),
        format!("e-question-{id}"),
        format!("e-summary-{id}"),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(now) = item.get_untracked() else {
            return;
        };
        let changed = |v: RwSignal<String>, old: &str| {
            let v = v.get_untracked();
            (v.trim() != old).then_some(v)
        };
        let cmd = Command::EditItem {
            item: now.id.clone(),
            title: changed(title, &now.title),
            summary: changed(summary, &now.summary),
            question: changed(question, &now.question),
            services_wanted: None,
            themes: None,
        };
        if net::command(cmd) {
            sent.set(true);
        }
    };
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <div class="field">
                <label for=ft.clone()>{move || ctx.t().title_label}</label>
                <input id=ft type="text" maxlength=MAX_TITLE prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=fq.clone()>{move || ctx.t().question_field}</label>
                <textarea id=fq rows="2" maxlength=MAX_TEXT prop:value=move || question.get()
                    on:input=move |ev| question.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for=fs.clone()>{move || ctx.t().summary_field}</label>
                <textarea id=fs rows="3" maxlength=MAX_TEXT prop:value=move || summary.get()
                    on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
            </div>
            <div class="button-row">
                <button type="submit" class="primary" disabled=move || !ctx.online()>{move || ctx.t().save_changes}</button>
                <button type="button" class="secondary" on:click=move |_| editing.set(false)>{move || ctx.t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_puts_item_before_target() {
        let q: Vec<ItemId> = ["a", "b", "c"].into_iter().map(ItemId::from).collect();
        let got = moved(&q, &ItemId::from("c"), Some(&ItemId::from("a")));
        assert_eq!(
            got,
            ["c", "a", "b"]
                .into_iter()
                .map(ItemId::from)
                .collect::<Vec<_>>()
        );
    }
}
