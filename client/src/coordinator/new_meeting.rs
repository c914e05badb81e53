//! A one-off meeting of the selected centre, beside its meetings: start (wall-clock time in
//! the centre's zone), length and an optional title.

use super::api;
use super::failure::failure_text;
use super::model::local_minute;
use super::state::Page;
use super::widgets::{note_view, say, Field, Note};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::NewMeeting;
use shared::ids::CentreId;

/// The form, drawn again when the language changes (what is typed stays in [`Page`]).
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    move || {
        let t = ctx.t();
        let zone = p.with_current(|c| c.map(|c| c.time_zone.clone()).unwrap_or_default());
        view! {
            <section aria-labelledby="new-h">
                <h2 id="new-h">{t.new_meeting}</h2>
                <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); create(p) }>
                    {Field::new("n-starts", t.starts_field, "datetime-local", p.new_starts.get_untracked())
                        .hint(format!("{}. {} {zone}.", t.starts_hint, t.local_time_hint))
                        .view(move |v| p.new_starts.set(v))}
                    {Field::new("n-duration", t.duration_field, "number", p.new_minutes.get_untracked())
                        .view(move |v| p.new_minutes.set(v))}
                    {Field::new("n-title", t.title_field_optional, "text", p.new_title.get_untracked())
                        .view(move |v| p.new_title.set(v))}
                    <button type="submit" class="primary">{t.create}</button>
                    {note_view("new-note".into(), p.new_note)}
                </form>
            </section>
        }
    }
}

/// Creates the meeting; the list shows it highlighted.
fn create(p: Page) {
    let title = p.new_title.get_untracked();
    let new = NewMeeting {
        centre_id: CentreId(p.centre.get_untracked()),
        starts_at: local_minute(&p.new_starts.get_untracked()),
        duration_min: p.new_minutes.get_untracked().trim().parse().ok(),
        title: (!title.trim().is_empty()).then_some(title),
    };
    let (ctx, tok) = (p.ctx, p.token.get_untracked());
    spawn_local(async move {
        let t = ctx.t_untracked();
        match api::create_meeting(&tok, &new).await {
            Ok(m) => {
                p.created.set(Some(m.id));
                say(ctx, p.new_note, Note::Ok(t.created.to_owned()));
                p.load_meetings(false);
            }
            Err(f) => p.new_note.set(Some(Note::Err(failure_text(t, &f)))),
        }
    });
}
