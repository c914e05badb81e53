//! The month's theme from the centre's theme clock (vuosikello, issue 13): one line on the
//! join page, the chair view and the shared screen when the coordinator planned the month.
//! The room's state carries it (the server sets it when the room loads).

use crate::i18n::theme_clock::theme_line;
use crate::state::ctx;
use leptos::prelude::*;
use shared::domain::MeetingKind;

/// "Kuukauden teema: Kiusaaminen · Verkostotyöpaja", or nothing when the month is not planned;
/// in a quick consultation room, "Pikakonsultaatio" (it has no month theme of its own).
#[component]
pub fn MonthThemeLine() -> impl IntoView {
    let ctx = ctx();
    move || {
        let lang = ctx.lang.get();
        ctx.room_state
            .with(|r| {
                let r = r.as_ref()?;
                if r.meeting.kind == MeetingKind::Quick {
                    return Some(ctx.t().quick_room.to_owned());
                }
                r.month_theme.as_ref().map(|t| theme_line(lang, t))
            })
            .map(|text| view! { <p class="month-theme">{text}</p> })
    }
}
