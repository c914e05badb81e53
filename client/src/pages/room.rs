//! The room for everyone: meeting clock, current item with its countdown, agenda,
//! representation, hands, and the form to bring a matter.

use crate::app::ctx;
use crate::components::agenda::AgendaList;
use crate::components::hands::{HandButton, HandQueue};
use crate::components::item_form::SubmitForm;
use crate::components::representation::RepresentationPanel;
use crate::components::status::{MeetingHeader, Notice, OfflineNote};
use crate::components::timer::{CurrentItemPanel, MeetingClock};
use leptos::prelude::*;
use shared::domain::Phase;

/// Whether the meeting has ended (the page is then read-only).
pub fn ended_memo() -> Memo<bool> {
    let ctx = ctx();
    Memo::new(move |_| {
        ctx.room
            .with(|r| r.as_ref().is_some_and(|r| r.phase == Phase::Ended))
    })
}

#[component]
pub fn RoomPage() -> impl IntoView {
    let ctx = ctx();
    let ended = ended_memo();
    let title = Memo::new(move |_| {
        ctx.room.with(|r| {
            r.as_ref()
                .map(|r| r.meeting.title.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <MeetingHeader/>
        <main id="main" class="page room">
            <h1 class="visually-hidden">{move || title.get()}</h1>
            <div class="status-row">
                <MeetingClock/>
                <OfflineNote/>
                <Show when=move || ended.get()>
                    <p class="ended-note" role="status">{move || ctx.t().ended_note}</p>
                </Show>
            </div>
            <Notice/>
            <div class="columns">
                <div class="col-main">
                    <CurrentItemPanel/>
                    <Show when=move || !ended.get()>
                        <HandButton/>
                    </Show>
                    <AgendaList/>
                </div>
                <aside class="col-side">
                    <RepresentationPanel/>
                    <HandQueue/>
                </aside>
            </div>
            // After the room's state (on a phone: after who is present and the hands).
            <Show when=move || !ended.get()>
                <SubmitForm/>
            </Show>
        </main>
    }
}
