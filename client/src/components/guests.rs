//! Experts by experience, guests and the agenda out ahead on the meeting pages (issue 12): the
//! chair's setting of who may join besides the catalogue's services, the count of those who
//! came (apart from the services) and the published queue on the join page. The chair's
//! counts of items brought ahead, late and at the meeting are the agenda's
//! ([`super::agenda::arrival`]).

use super::agenda::body::shown;
use crate::fmt;
use crate::i18n::guests::texts as gt;
use crate::i18n::{kind_name, Lang};
use crate::net;
use crate::state::ctx;
use leptos::prelude::*;
use shared::domain::GuestAdmission;
use shared::protocol::Command;

/// The chair's two switches: experts by experience may join, guests may join. Each change is
/// the `allow_guests` command with both values.
#[component]
pub fn GuestSettings() -> impl IntoView {
    let ctx = ctx();
    let now = Memo::new(move |_| {
        ctx.room_state
            .with(|r| r.as_ref().map(|r| r.guests_allowed).unwrap_or_default())
    });
    let switch = move |id: &'static str, experts: bool| {
        let label = move || {
            let t = gt(ctx.lang.get());
            if experts {
                t.allow_experts
            } else {
                t.allow_guests
            }
        };
        view! {
            <label class="check" for=id>
                <input type="checkbox" id=id disabled=move || !ctx.online()
                    prop:checked=move || { let a = now.get(); if experts { a.experts } else { a.guests } }
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let GuestAdmission { experts: e, guests: g } = now.get_untracked();
                        let (e, g) = if experts { (on, g) } else { (e, on) };
                        net::command(Command::AllowGuests { experts: e, guests: g });
                    }/>
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="guest-settings">
            <legend>{move || gt(ctx.lang.get()).settings}</legend>
            {switch("allow-experts", true)}
            {switch("allow-guests", false)}
        </fieldset>
    }
}

/// "Kokemusasiantuntijoita 1, vieraita 2 (eivät edusta luettelon palveluja)", when any are here.
#[component]
pub fn GuestCount() -> impl IntoView {
    let ctx = ctx();
    move || {
        let rep = ctx
            .room_state
            .with(|r| r.as_ref().map(|r| r.representation()))?;
        let (e, g) = (rep.experts_by_experience, rep.guests);
        let t = gt(ctx.lang.get());
        (e + g > 0).then(|| {
            view! { <p class="guest-count">{format!("{} {e}, {} {g} ({})", t.experts_n, t.guests_n, t.apart)}</p> }
        })
    }
}

/// On the join page: the queued items, read-only, once the agenda is published; before that,
/// when it will be.
#[component]
pub fn PublishedAgenda() -> impl IntoView {
    let ctx = ctx();
    move || {
        let lang = ctx.lang.get();
        let t = gt(lang);
        let now = ctx.server_time.get();
        ctx.room_state.with(|r| {
            let r = r.as_ref()?;
            if !r.agenda_published(now) {
                let sep = if lang == Lang::En { ':' } else { '.' };
                let (day, time) = fmt::zoned(r.published_at(), &r.time_zone, sep);
                let zone = fmt::zone_label(&r.time_zone);
                return Some(view! { <p class="hint">{format!("{} {day} {time} ({zone}).", t.published_at)}</p> }.into_any());
            }
            let tt = ctx.t();
            if r.queued().next().is_none() {
                return Some(view! { <p class="hint">{tt.agenda_empty}</p> }.into_any());
            }
            let items = r
                .queued()
                .map(|i| {
                    let title = shown(tt, i, &i.title);
                    let question = shown(tt, i, &i.question);
                    view! {
                        <li>
                            <span class="item-kind">{kind_name(lang, i.kind)}</span>" "
                            <span class="item-title">{title}</span>
                            <p class="item-question">{question}</p>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="published-agenda" aria-labelledby="published-h">
                    <h2 id="published-h">{tt.agenda}</h2>
                    <p>{t.published}</p>
                    <ol class="agenda-list">{items}</ol>
                </section>
            }
            .into_any())
        })
    }
}
