//! On a live meeting's card: who the meeting takes besides the catalogue's services —
//! experts by experience, guests from other organisations — as two switches. Each change is
//! `PATCH /api/meetings/{meeting}` with `allow_guests`, which the meeting's room records as the
//! chair's `allow_guests` would be.

use super::api;
use super::failure::failure_text;
use super::state::Page;
use super::widgets::Note;
use crate::i18n::coordinator::texts as coord;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{MeetingView, MoveMeeting};
use shared::domain::GuestAdmission;

/// The two switches of meeting `m`; what fails is said in the card's `note`.
pub fn view(p: Page, m: &MeetingView, note: RwSignal<Option<Note>>, lang: Lang) -> impl IntoView {
    let ctx = p.ctx;
    let c = coord(lang);
    let now = m.allow_guests;
    let switch = move |experts: bool, id: String| {
        let (label, on) = if experts {
            (c.allow_experts, now.experts)
        } else {
            (c.allow_guests, now.guests)
        };
        let meeting = m.id.to_string();
        view! {
            <label class="check">
                <input type="checkbox" id=format!("{id}-{meeting}") prop:checked=on on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let admission = if experts {
                        GuestAdmission { experts: on, ..now }
                    } else {
                        GuestAdmission { guests: on, ..now }
                    };
                    let change = MoveMeeting { allow_guests: Some(admission), ..MoveMeeting::default() };
                    let (id, tok, t) = (meeting.clone(), p.token.get_untracked(), ctx.t_untracked());
                    spawn_local(async move {
                        match api::move_meeting(&tok, &id, &change).await {
                            Ok(_) => {
                                ctx.announce(t.saved.to_owned());
                                p.load_meetings(false);
                            }
                            Err(f) => note.set(Some(Note::Err(failure_text(t, &f)))),
                        }
                    });
                }/>
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="checks guests">
            <legend>{c.guests}</legend>
            {switch(true, "ex".into())}
            {switch(false, "gu".into())}
        </fieldset>
    }
}
