//! The agenda as a list: its heading, the live summary once the chair has confirmed it, and one
//! row per item in order.

use super::arrival::ArrivalCounts;
use super::row::AgendaRow;
use crate::fmt;
use crate::i18n::queue_summary;
use crate::state::ctx;
use leptos::prelude::*;
use shared::ids::ItemId;

/// The agenda section of the participant's and the chair's page (`chair`: with the chair's
/// buttons and drag and drop).
#[component]
pub fn AgendaList(#[prop(optional)] chair: bool) -> impl IntoView {
    let ctx = ctx();
    let ids = Memo::new(move |_| {
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| r.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let queue = Memo::new(move |_| {
        ctx.room_state.with(|r| {
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
            {chair.then(|| view! { <ArrivalCounts/><p class="hint">{move || ctx.t().drag_hint}</p> })}
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
        let (confirmed, outlook) = ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| (r.confirmed.is_some(), r.outlook.clone()))
                .unwrap_or_default()
        });
        confirmed.then(|| {
            let lang = ctx.lang.get();
            let text = match outlook.filter(|o| o.queued > 0) {
                Some(o) => queue_summary(lang, o.queued as usize, fmt::minutes(o.each_ms)),
                None => ctx.t().confirmed_badge.to_owned(),
            };
            view! {
                <p class="agenda-summary"><span aria-hidden="true">"✓ "</span>{text}</p>
            }
        })
    }
}
