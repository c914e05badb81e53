//! An ended meeting's digests per service (issue 13) on its card: the services present, asked
//! for or involved, each with the link the coordinator copies into a message to that service.
//! The list is fetched with the token (`GET /api/meetings/{meeting}/digests`); each link
//! carries its own key, so it opens that service's digest and nothing else.

use super::api;
use super::failure::failure_text;
use super::state::Page;
use super::widgets::Note;
use crate::i18n::{digests::texts, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::MeetingDigests;

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
    let list = move || {
        shown.get().map(|d| {
            let none = d.digests.is_empty().then(|| view! { <p>{t.none}</p> });
            let rows = d
                .digests
                .into_iter()
                .map(|s| {
                    let label = format!("{}: {}", t.link_of, s.name);
                    view! {
                        <li>
                            <span>{format!("{} – {} {}", s.name, s.items, t.items)}</span>
                            <input type="text" readonly class="digest-link" aria-label=label value=s.link/>
                        </li>
                    }
                })
                .collect_view();
            view! { <p class="hint">{t.hint}</p>{none}<ul class="digests">{rows}</ul> }
        })
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
