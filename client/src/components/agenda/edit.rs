//! Editing an item in place: its presenter while it is queued, the chair while it is open.

use crate::net;
use crate::state::ctx;
use leptos::prelude::*;
use shared::domain::AgendaItem;
use shared::protocol::Command;
use shared::room::{MAX_TEXT, MAX_TITLE};

/// Editing a queued item in place (its presenter) or any open item (the chair): title,
/// question, summary. Only changed fields are sent; the guard checks them like a new item.
#[component]
pub fn EditItem(item: Memo<Option<AgendaItem>>, editing: RwSignal<bool>) -> impl IntoView {
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
