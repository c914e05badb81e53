//! `/feedback/{meeting}#key=…`: the anonymous feedback form offered when a meeting ends
//! (issue 13). To be written.

use leptos::prelude::*;

/// The feedback form of one meeting.
#[component]
pub fn FeedbackPage(meeting: String) -> impl IntoView {
    let _ = meeting;
    view! { <main id="main" class="page narrow"></main> }
}
