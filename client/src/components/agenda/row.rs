//! One agenda row: the item's text, its buttons, the box that asks first and the edit form;
//! on the chair's agenda a queued row can be dragged onto another to move it there.

use super::actions::{moved, send_reorder, ConfirmBox, ItemActions, RowActions};
use super::body::{row_body, shown, status_class};
use super::edit::EditItem;
use crate::state::{ctx, meeting_ended};
use leptos::prelude::*;
use shared::domain::{AgendaItem, ItemStatus};
use shared::ids::ItemId;

/// The row of item `id`; `queue` is the queued ids in order, `dragging` the row being dragged.
#[component]
pub fn AgendaRow(
    id: ItemId,
    chair: bool,
    queue: Memo<Vec<ItemId>>,
    dragging: RwSignal<Option<ItemId>>,
) -> impl IntoView {
    let ctx = ctx();
    let item = {
        let id = id.clone();
        Memo::new(move |_| {
            ctx.room_state
                .with(|r| r.as_ref().and_then(|r| r.item(&id).cloned()))
        })
    };
    let ended = meeting_ended();
    // Memos, so the row's buttons are rebuilt only when what they depend on changes (not at
    // every change of the item's time), and keyboard focus stays on them.
    let status = Memo::new(move |_| item.with(|i| i.as_ref().map(|i| i.status)));
    let redacted = Memo::new(move |_| item.with(|i| i.as_ref().is_some_and(|i| i.redacted)));
    let title = Memo::new(move |_| {
        item.with(|i| {
            i.as_ref()
                .map(|i| shown(ctx.t(), i, &i.title))
                .unwrap_or_default()
        })
    });
    let queued = move || status.get() == Some(ItemStatus::Queued);
    let mine = Memo::new(move |_| {
        let me = ctx.my_id.get();
        item.with(|i| {
            i.as_ref()
                .is_some_and(|i| Some(&i.presenter) == me.as_ref())
        })
    });
    let row = RowActions {
        id: StoredValue::new(id.clone()),
        chair,
        queue,
        status,
        redacted,
        mine,
        ended,
        title,
        asking: RwSignal::new(None),
        editing: RwSignal::new(false),
    };
    let dom_id = format!("item-{id}");

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
    view! {
        <li
            id=dom_id
            class=move || format!("agenda-item status-{}", status.get().map(status_class).unwrap_or_default())
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
            {move || item.get().map(|i: AgendaItem| row_body(i, mine.get(), ended.get(), chair))}
            <ItemActions row=row/>
            <ConfirmBox row=row/>
            <Show when=move || row.editing.get() && row.can_edit()>
                <EditItem item=item editing=row.editing/>
            </Show>
        </li>
    }
}
