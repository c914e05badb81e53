//! An ended meeting's minutes on its card: read in the page, or downloaded as Markdown, HTML,
//! CSV or JSON. Both are fetched with the token (a plain link cannot carry it).
//!
//! The minutes are shown in a sandboxed frame: it may run no script and has an opaque origin,
//! and the server's document goes in as `srcdoc` (an attribute, never parsed into this page),
//! so nothing in it can reach the page or the token.

use super::api;
use super::failure::failure_text;
use super::model;
use super::state::Page;
use super::widgets::{say, Note};
use crate::i18n::{texts, Lang};
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::MeetingView;

/// The frame's look, inline (the page's style sheet is shared with the meeting views).
const FRAME_STYLE: &str =
    "display:block;width:100%;height:70vh;border:1px solid #6b6b6b;background:#fff";

/// The Open-the-minutes button with the panel it opens, and the download buttons.
pub fn view(
    p: Page,
    m: &MeetingView,
    shown: RwSignal<Option<String>>,
    note: RwSignal<Option<Note>>,
    lang: Lang,
) -> impl IntoView {
    let ctx = p.ctx;
    let t = texts(lang);
    let id = m.id.to_string();
    let title = model::minutes_title(m, t, lang);
    let zone = model::zone_name(&m.time_zone, &m.utc_offset);
    let toggle = {
        let id = id.clone();
        move |_| {
            if shown.get_untracked().is_some() {
                shown.set(None);
                return;
            }
            let (id, tok, t) = (id.clone(), p.token.get_untracked(), ctx.t_untracked());
            spawn_local(async move {
                match api::minutes_html(&tok, &id, lang).await {
                    Ok(html) => {
                        shown.set(Some(html));
                        request_animation_frame(move || web::focus(&format!("min-{id}-h")));
                    }
                    Err(f) => note.set(Some(Note::Err(failure_text(t, &f)))),
                }
            });
        }
    };
    let frame = {
        let id = id.clone();
        move || {
            shown.get().map(|html| {
                view! {
                    <h5 id=format!("min-{id}-h") tabindex="-1">{title.clone()}</h5>
                    <p class="hint">{format!("{} {zone}.", t.minutes_zone)}</p>
                    <iframe sandbox="" title=title.clone() class="minutes-frame" style=FRAME_STYLE srcdoc=html></iframe>
                }
            })
        }
    };
    let doc = t.minutes_doc;
    let downloads = ["md", "html", "csv", "json"]
        .into_iter()
        .map(|f| {
            let up = f.to_ascii_uppercase();
            let path = format!("/api/meetings/{id}/summary?format={f}&lang={}", lang.code());
            let file = format!("muistio-{id}.{f}");
            // Not in brackets: the visible "MD" must be part of the name (label in name).
            let label = format!("{} {}: {up}", t.download, doc.to_lowercase());
            view! {
                <button type="button" class="small secondary" aria-label=label
                    on:click=move |_| save(p, path.clone(), file.clone(), note)>{up.clone()}</button>
            }
        })
        .collect_view();
    view! {
        <div class="button-row">
            <button type="button" class="secondary" id=format!("open-min-{id}") aria-controls=format!("min-{id}")
                aria-expanded=move || shown.with(Option::is_some).to_string()
                on:click=toggle>
                {move || if shown.with(Option::is_some) { t.close_minutes } else { t.open_minutes }}
            </button>
        </div>
        <div id=format!("min-{id}") class="minutes-view" hidden=move || shown.with(Option::is_none)>{frame}</div>
        <div class="downloads" role="group" aria-label=doc>
            <span class="group-label">{format!("{doc}:")}</span>
            {downloads}
        </div>
        {super::digests::view(p, id.clone(), note, lang)}
    }
}

/// Downloads `path` as `file`; says so, or why not, in `note`.
pub fn save(p: Page, path: String, file: String, note: RwSignal<Option<Note>>) {
    let (ctx, tok) = (p.ctx, p.token.get_untracked());
    spawn_local(async move {
        let t = ctx.t_untracked();
        match api::download(&tok, &path, &file).await {
            Ok(()) => say(ctx, note, Note::Ok(format!("{} {file}", t.downloaded))),
            Err(f) => say(
                ctx,
                note,
                Note::Err(format!("{} {}", t.err_download, failure_text(t, &f))),
            ),
        }
    });
}
