//! The agenda: every item in order with kind, title, services wanted, status and time. The
//! chair's version reorders the queue (drag and drop, or the arrow buttons) and acts per item.

use super::service_label;
use crate::app::ctx;
use crate::fmt;
use crate::i18n::{kind_name, status_name};
use crate::net;
use leptos::prelude::*;
use shared::domain::{AgendaItem, ItemStatus, Phase};
use shared::ids::ItemId;
use shared::protocol::Command;

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

/// "N items today, about M minutes each" once the chair has confirmed.
#[component]
fn AgendaSummary() -> impl IntoView {
    let ctx = ctx();
    move || {
        ctx.room.with(|r| r.as_ref().and_then(|r| r.confirmed.clone())).map(|c| {
            view! {
                <p class="agenda-summary">
                    <span aria-hidden="true">"✓ "</span>
                    {move || crate::i18n::agenda_summary(ctx.lang.get(), c.items, fmt::minutes(c.each_ms))}
                </p>
            }
        })
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
    let status = move || item.with(|i| i.as_ref().map(|i| i.status));
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

    let (up_id, down_id) = (format!("up-{id}"), format!("down-{id}"));
    let move_by = {
        let id = id.clone();
        move |delta: isize| {
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
        }
    };
    let move_up = move_by.clone();
    let move_down = move_by;

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

    let (start_id, defer_id, withdraw_id) = (id.clone(), id.clone(), id.clone());
    let (title_ref1, title_ref2, title_ref3) = (
        format!("title-{id}"),
        format!("title-{id}"),
        format!("title-{id}"),
    );
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
            {move || item.get().map(|i: AgendaItem| {
                let lang = ctx.lang.get();
                let t = ctx.t();
                let services = ctx.room.with_untracked(|r| {
                    r.as_ref()
                        .map(|r| i.services_wanted.iter().map(|s| service_label(r, lang, s)).collect::<Vec<_>>().join(", "))
                        .unwrap_or_default()
                });
                let time = match (i.used_ms, i.allotted_ms) {
                    (Some(u), Some(a)) => format!("{} {} / {} {} {}", t.used, fmt::minutes(u), fmt::minutes(a), t.minutes_short, if i.overran { "⚠" } else { "" }),
                    (Some(u), None) => format!("{} {} {}", t.used, fmt::minutes(u), t.minutes_short),
                    (None, Some(a)) => format!("{} {} {}", t.allotted, fmt::minutes(a), t.minutes_short),
                    (None, None) => String::new(),
                };
                view! {
                    <div class="item-main">
                        <span class="item-kind">{kind_name(lang, i.kind)}</span>
                        <span class="item-title" id=format!("title-{}", i.id)>{i.title.clone()}</span>
                        {mine.get().then(|| view! { <span class="tag">{t.yours}</span> })}
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
                }
            })}
            <div class="item-actions">
                <Show when=move || chair && queued() && !ended.get()>
                    <button type="button" id=up_id.clone() class="icon-button"
                        disabled=move || !ctx.online() || position() == Some(0)
                        aria-label=move || format!("{}: {}", ctx.t().move_up, item.with(|i| i.as_ref().map(|i| i.title.clone()).unwrap_or_default()))
                        on:click={ let m = move_up.clone(); move |_| m(-1) }
                    >"↑"</button>
                    <button type="button" id=down_id.clone() class="icon-button"
                        disabled=move || !ctx.online() || position().is_none_or(|p| p + 1 >= queue.with(|q| q.len()))
                        aria-label=move || format!("{}: {}", ctx.t().move_down, item.with(|i| i.as_ref().map(|i| i.title.clone()).unwrap_or_default()))
                        on:click={ let m = move_down.clone(); move |_| m(1) }
                    >"↓"</button>
                    <button type="button" disabled=move || !ctx.online() aria-describedby=title_ref1.clone()
                        on:click={ let id = start_id.clone(); move |_| { net::command(Command::StartItem { item: id.clone() }); } }
                    >{move || ctx.t().start_item}</button>
                </Show>
                <Show when=move || chair && !ended.get() && matches!(status(), Some(ItemStatus::Queued | ItemStatus::Presenting))>
                    <button type="button" class="secondary" disabled=move || !ctx.online() aria-describedby=title_ref2.clone()
                        on:click={ let id = defer_id.clone(); move |_| { net::command(Command::DeferItem { item: id.clone() }); } }
                    >{move || ctx.t().defer}</button>
                </Show>
                <Show when=move || (chair || mine.get()) && queued() && !ended.get()>
                    <button type="button" class="secondary" disabled=move || !ctx.online() aria-describedby=title_ref3.clone()
                        on:click={ let id = withdraw_id.clone(); move |_| { net::command(Command::WithdrawItem { item: id.clone() }); } }
                    >{move || ctx.t().withdraw}</button>
                </Show>
            </div>
        </li>
    }
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
