//! An ended meeting's digests per service (issue 13) on its card: the services present, asked
//! for or involved, each with the link the coordinator copies into a message to that service.
//! The list is fetched with the token (`GET /api/meetings/{meeting}/digests`); each link
//! carries its own key, so it opens that service's digest and nothing else. Each link is shown
//! whole under its service's name, with Copy and Open (named after the service).

use super::api;
use super::failure::failure_text;
use super::state::Page;
use super::widgets::Note;
use crate::i18n::{digests::texts, Lang};
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::MeetingDigests;
use wasm_bindgen::JsCast;

/// The list without bullets (each row is a grid: the service, then its link, Copy and Open).
const LIST_STYLE: &str = "list-style:none;padding:0;margin:0.5rem 0";
/// A row's grid, with the service's name above its link (the page's `.link-row` gives the
/// gap and the narrow-screen layout).
const ROW_STYLE: &str = "grid-template-columns:minmax(0,1fr) auto auto;margin:0.6rem 0";

/// The button that opens the list, and the list.
pub fn view(p: Page, id: String, note: RwSignal<Option<Note>>, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let shown: RwSignal<Option<MeetingDigests>> = RwSignal::new(None);
    let toggle = {
        let id = id.clone();
        move |_| {
            if shown.get_untracked().is_some() {
                shown.set(None);
                return;
            }
            let (id, tok, ctx) = (id.clone(), p.token.get_untracked(), p.ctx);
            spawn_local(async move {
                match api::digests(&tok, &id, lang).await {
                    Ok(d) => shown.set(Some(d)),
                    Err(f) => note.set(Some(Note::Err(failure_text(ctx.t_untracked(), &f)))),
                }
            });
        }
    };
    let list = {
        let id = id.clone();
        move || {
            let c = crate::i18n::texts(lang);
            shown.get().map(|d| {
                let none = d.digests.is_empty().then(|| view! { <p>{t.none}</p> });
                let rows = d
                    .digests
                    .into_iter()
                    .map(|s| {
                        // A row like the meeting's own links: the service and its count on a
                        // line of their own, then the whole link, Copy and Open.
                        let input = format!("dig-{id}-{}", s.service);
                        let unit = if s.items == 1 { t.item_one } else { t.items };
                        let shown_as = format!("{} – {} {unit}", s.name, s.items);
                        // The visible label is part of the name (WCAG 2.5.3).
                        let label = format!("{}: {shown_as}", t.link_of);
                        let copied = RwSignal::new(false);
                        let to_copy = s.link.clone();
                        view! {
                            <li class="link-row" style=ROW_STYLE>
                                <label for=input.clone() style="grid-column:1 / -1">
                                    {shown_as}
                                </label>
                                <input id=input type="text" readonly class="digest-link" aria-label=label
                                    prop:value=s.link.clone() on:focus=|ev| {
                                        if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            i.select();
                                        }
                                    }/>
                                <button type="button" class="secondary"
                                    aria-label={
                                        let name = s.name.clone();
                                        move || format!("{}: {name}", if copied.get() { c.copied } else { c.copy })
                                    }
                                    on:click=move |_| {
                                        web::copy(&to_copy);
                                        copied.set(true);
                                    }>
                                    {move || if copied.get() { format!("✓ {}", c.copied) } else { c.copy.to_owned() }}
                                </button>
                                <a href=s.link target="_blank" rel="noopener"
                                    aria-label=format!("{}: {}", c.open, s.name)>{c.open}</a>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <p class="hint">{t.hint}</p>{none}<ul class="digests" style=LIST_STYLE>{rows}</ul> }
            })
        }
    };
    view! {
        <div class="button-row">
            <button type="button" class="secondary" id=format!("open-dig-{id}") aria-controls=format!("dig-{id}")
                aria-expanded=move || shown.with(Option::is_some).to_string()
                on:click=toggle>
                {move || if shown.with(Option::is_some) { t.hide } else { t.show }}
            </button>
        </div>
        <div id=format!("dig-{id}") hidden=move || shown.with(Option::is_none)>{list}</div>
    }
}
