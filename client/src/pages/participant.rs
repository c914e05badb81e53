//! The participant's page (the room for everyone who does not hold the chair controls): meeting
//! clock, current item with its countdown, who holds the chair controls (and, for a deputy, the
//! takeover), the outcome form for the scribe, agenda, representation, hands, and the form to
//! bring a matter; after it, the feedback offer once the meeting has ended and the link to open a
//! quick consultation.

use crate::components::agenda::AgendaList;
use crate::components::hands::{HandButton, HandQueue};
use crate::components::item_form::SubmitForm;
use crate::components::onward::OnwardLinks;
use crate::components::outcome::OutcomeForm;
use crate::components::representation::RepresentationPanel;
use crate::components::roles::ChairRoles;
use crate::components::status::{MeetingHeader, Notice, StatusRow};
use crate::components::timer::CurrentItemPanel;
use crate::state::{i_am_scribe, meeting_ended, meeting_title};
use leptos::prelude::*;

/// A joined participant's view of the meeting; read-only once the meeting has ended.
#[component]
pub fn ParticipantPage() -> impl IntoView {
    let ended = meeting_ended();
    let title = meeting_title();
    let scribe = i_am_scribe();
    view! {
        <MeetingHeader/>
        <main id="main" class="page room">
            <h1 class="visually-hidden">{move || title.get()}</h1>
            <crate::components::month_theme::MonthThemeLine/>
            <StatusRow/>
            <Notice/>
            <div class="columns">
                <div class="col-main">
                    <CurrentItemPanel/>
                    <Show when=move || !ended.get()>
                        <HandButton/>
                    </Show>
                    <ChairRoles/>
                    <Show when=move || scribe.get()>
                        <OutcomeForm/>
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
            <OnwardLinks/>
        </main>
    }
}
