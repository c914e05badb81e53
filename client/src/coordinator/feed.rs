//! The selected centre's monthly slot in words and its calendar feed address: a Copy button,
//! how to subscribe, and replacing the address (asks first: calendars subscribed to the old
//! one stop updating).

use super::api;
use super::failure::failure_text;
use super::model;
use super::state::Page;
use super::widgets::{confirm_box, link_row, note_view, say, toggle_button, Note};
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The slot and the feed of the selected centre, drawn again when it or the language changes.
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    view! {
        {move || {
            let (t, lang) = (ctx.t(), ctx.lang.get());
            p.with_current(|c| c.map(|c| {
                let centre = c.id.to_string();
                let yes = view! {
                    <button type="button" class="danger" data-act="rotate-feed"
                        on:click=move |_| rotate(p, centre.clone())>{t.rotate_feed_yes}</button>
                };
                view! {
                    <p class="rule-text">{model::rule_text(c, t, lang)}</p>
                    {link_row(t, t.feed_url, c.feed_url.clone(), "feed-url".into(), false)}
                    <p class="hint">{t.feed_hint}</p>
                    <div class="button-row">
                        {toggle_button("secondary", "rk-feed".into(), p.feed_open, (), t.rotate_feed, None)}
                    </div>
                    {confirm_box(t, "rk-feed".into(), p.feed_open, (), t.rotate_feed.into(), t.rotate_feed_confirm, yes)}
                }
            }))
        }}
        {note_view("feed-note".into(), p.feed_note)}
    }
}

/// Gives the centre a new feed key; the answer is the centre as the list has it, with its new
/// address.
fn rotate(p: Page, centre: String) {
    let (ctx, tok) = (p.ctx, p.token.get_untracked());
    spawn_local(async move {
        let t = ctx.t_untracked();
        match api::rotate_feed(&tok, &centre).await {
            Ok(c) => {
                p.feed_open.set(None);
                p.centres.update(|cs| {
                    if let Some(old) = cs.iter_mut().find(|x| x.id == c.id) {
                        *old = c;
                    }
                });
                say(ctx, p.feed_note, Note::Ok(t.rotated_feed.to_owned()));
                request_animation_frame(|| web::focus("feed-url"));
            }
            Err(f) => p.feed_note.set(Some(Note::Err(failure_text(t, &f)))),
        }
    });
}
