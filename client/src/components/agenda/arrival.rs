//! Where the chair's agenda says each item came from (issue 12): brought ahead, added late or
//! raised at the meeting. The counts above the list and the word on each row.

use crate::i18n::guests::texts as gt;
use crate::i18n::Lang;
use crate::state::ctx;
use leptos::prelude::*;
use shared::domain::Arrival;

/// The chair's counts: "Tuotu esityslistalle: ennakkoon 3 · myöhässä 1 · kokouksessa 0".
#[component]
pub fn ArrivalCounts() -> impl IntoView {
    let ctx = ctx();
    move || {
        let counts = ctx.room_state.with(|r| r.as_ref().map(|r| r.arrivals()))?;
        let lang = ctx.lang.get();
        let parts: Vec<String> = Arrival::ALL
            .iter()
            .map(|a| format!("{} {}", lang.arrival(*a), counts.of(*a)))
            .collect();
        Some(
            view! { <p class="arrivals">{format!("{}: {}", gt(lang).arrivals, parts.join(" · "))}</p> },
        )
    }
}

/// An item's arrival as the chair's agenda marks it: a word, never a colour alone
/// (`tag arrival-late` for a late addition).
pub fn arrival_tag(lang: Lang, a: Arrival) -> impl IntoView {
    let class = match a {
        Arrival::Ahead => "tag arrival",
        Arrival::LateAddition => "tag arrival arrival-late",
        Arrival::AtMeeting => "tag arrival arrival-now",
    };
    let icon = if a == Arrival::LateAddition {
        "◷ "
    } else {
        ""
    };
    view! { <span class=class><span aria-hidden="true">{icon}</span>{lang.arrival(a)}</span> }
}
