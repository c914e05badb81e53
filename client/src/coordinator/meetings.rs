//! The Meetings view: the centre's slot and calendar feed ([`super::feed`]), its upcoming and
//! past meetings as cards, and a one-off meeting ([`super::new_meeting`]). A card shows a
//! meeting's time in the centre's zone, its links, and what can be done with it: move, cancel
//! or replace a link (each asks first, in a panel under the buttons), or its minutes
//! ([`super::minutes`]).

use super::api;
use super::failure::failure_text;
use super::model::{self, Offers};
use super::state::Page;
use super::widgets::{confirm_box, link_row, note_view, toggle, toggle_button, Field, Note};
use crate::i18n::Lang;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{LinkKey, MeetingView, MoveMeeting};

/// The view: meetings in the main column, a one-off meeting beside them.
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    view! {
        <div class="columns">
            <section class="col-main" aria-labelledby="meetings-h">
                <h2 id="meetings-h" tabindex="-1">{move || ctx.t().meetings}</h2>
                {super::feed::view(p)}
                {move || list(p)}
            </section>
            <aside class="col-side">{super::new_meeting::view(p)}{super::quick::section(p)}{super::attendance::view(p)}</aside>
        </div>
    }
}

/// Upcoming and past meetings, each list under its heading. Drawn again when the meetings are
/// reloaded; each card keeps its own panel and note across a change of language.
fn list(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    let (upcoming, past) = model::split_meetings(p.meetings.get(), web::local_now() as i64);
    [("up-h", upcoming, false), ("past-h", past, true)]
        .into_iter()
        .map(|(hid, list, is_past)| {
            let head = move || {
                let t = ctx.t();
                if is_past {
                    t.past
                } else {
                    t.upcoming
                }
            };
            let body = if list.is_empty() {
                view! { <p class="muted">{move || ctx.t().no_meetings}</p> }.into_any()
            } else {
                view! {
                    <ul class="meeting-list" aria-labelledby=hid>
                        {list.into_iter().map(|m| card(p, m)).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! { <h3 id=hid class="list-h">{head}</h3>{body} }
        })
        .collect_view()
}

/// Which panel of a card is open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Panel {
    Move,
    Cancel,
    Rotate(LinkKey),
}

/// What a card keeps while it is drawn again in another language.
#[derive(Clone, Copy)]
struct CardState {
    open: RwSignal<Option<Panel>>,
    note: RwSignal<Option<Note>>,
    /// The move form's fields as typed.
    at: RwSignal<String>,
    minutes: RwSignal<String>,
    /// The minutes shown in the page (the server's HTML), when open.
    shown: RwSignal<Option<String>>,
}

/// One meeting's card.
fn card(p: Page, m: MeetingView) -> impl IntoView {
    let s = CardState {
        open: RwSignal::new(None),
        note: RwSignal::new(None),
        at: RwSignal::new(m.starts_local.clone()),
        minutes: RwSignal::new(m.minutes().to_string()),
        shown: RwSignal::new(None),
    };
    move || {
        let new = p.created.with(|c| c.as_ref() == Some(&m.id));
        card_in(p, &m, s, p.ctx.lang.get(), new)
    }
}

/// The card in `lang`: title, state in words, time in the centre's zone (named), items carried
/// over into it, holiday flag; links, move and cancel while it is open; replacing a link while
/// the links work; minutes to read or download once it has ended.
fn card_in(p: Page, m: &MeetingView, s: CardState, lang: Lang, new: bool) -> impl IntoView {
    let t = crate::i18n::texts(lang);
    let offers = Offers::of(m);
    let id = m.id.to_string();
    let carried = (m.carried_over > 0).then(|| {
        view! { <p class="carried">{t.carried_into}" "<strong>{m.carried_over}</strong></p> }
    });
    let holiday = model::holiday_name(m, lang).filter(|_| offers.holiday).map(|name| {
        let hint = if offers.move_cancel { t.holiday_hint } else { "" };
        view! { <p class="holiday"><strong>{format!("⚠ {}: {name}.", t.holiday)}</strong>" "{hint}</p> }
    });
    let links = offers.links.then(|| {
        view! {
            {link_row(t, t.chair_link, m.chair_link.clone(), format!("chair-{id}"), true)}
            {link_row(t, t.deputy_link, m.deputy_link.clone(), format!("dep-{id}"), true)}
            {link_row(t, t.participant_link, m.participant_link.clone(), format!("part-{id}"), true)}
        }
    });
    let whose = model::whose(m, lang);
    let rotations = [LinkKey::Chair, LinkKey::Deputy, LinkKey::Participant];
    let short = |k: LinkKey| match k {
        LinkKey::Chair => "c",
        LinkKey::Deputy => "d",
        LinkKey::Participant => "p",
    };
    let buttons = (offers.move_cancel || offers.rotate).then(|| {
        let move_cancel = offers.move_cancel.then(|| {
            view! {
                {toggle_button("secondary", format!("mv-{id}"), s.open, Panel::Move, t.move_meeting, None)}
                {toggle_button("danger", format!("cx-{id}"), s.open, Panel::Cancel, t.cancel_meeting, None)}
            }
        });
        let rotate = offers.rotate.then(|| {
            rotations
                .map(|k| {
                    let label = model::rotate_texts(k, t).0;
                    let panel = format!("rk-{}-{id}", short(k));
                    toggle_button("secondary", panel, s.open, Panel::Rotate(k), label, Some(format!("{label}: {whose}")))
                })
                .into_iter()
                .collect_view()
        });
        view! { <div class="button-row">{move_cancel}{rotate}</div> }
    });
    let move_cancel = offers.move_cancel.then(|| move_and_cancel(p, m, s, lang));
    let rotate = offers.rotate.then(|| {
        rotations
            .map(|k| {
                let (label, yes) = model::rotate_texts(k, t);
                let yes = rotate_button(p, m.id.to_string(), k, s, yes);
                confirm_box(
                    t,
                    format!("rk-{}-{id}", short(k)),
                    s.open,
                    Panel::Rotate(k),
                    format!("{label}: {whose}"),
                    t.rotate_confirm,
                    yes,
                )
            })
            .into_iter()
            .collect_view()
    });
    let links_note = model::links_note(m, t, lang).map(|n| view! { <p class="hint">{n}</p> });
    let minutes = offers
        .minutes
        .then(|| super::minutes::view(p, m, s.shown, s.note, lang));
    view! {
        <li class=if new { "meeting-card card new" } else { "meeting-card card" }>
            <div class="meeting-head">
                <h4>{m.title.clone()}</h4>
                {(m.kind == shared::domain::MeetingKind::Quick).then(|| view! { <span class="badge quick">{t.quick_room}</span> })}
                <span class=format!("badge state-{}", m.state.as_str())>{model::state_name(m.state, t)}</span>
            </div>
            <p class="when">{model::when(m, lang)}</p>
            {carried}
            {holiday}
            {links}
            {buttons}
            {move_cancel}
            {m.state.is_live().then(|| super::guests::view(p, m, s.note, lang))}
            {rotate}
            {links_note}
            {minutes}
            {note_view(format!("note-{id}"), s.note)}
        </li>
    }
}

/// The confirming button of a link's replacement: the old link (and its open sockets) stop.
fn rotate_button(
    p: Page,
    id: String,
    key: LinkKey,
    s: CardState,
    yes: &'static str,
) -> impl IntoView {
    let ctx = p.ctx;
    view! {
        <button type="button" class="danger" data-act="rotate" on:click=move |_| {
            let (id, tok, t) = (id.clone(), p.token.get_untracked(), ctx.t_untracked());
            let done = match key {
                LinkKey::Chair => t.rotated_chair,
                LinkKey::Deputy => t.rotated_deputy,
                LinkKey::Participant => t.rotated_participant,
            };
            spawn_local(async move {
                match api::rotate_key(&tok, &id, key).await {
                    Ok(_) => {
                        ctx.announce(done.to_owned());
                        p.load_meetings(true);
                    }
                    Err(f) => s.note.set(Some(Note::Err(failure_text(t, &f)))),
                }
            });
        }>{yes}</button>
    }
}

/// The move form and the cancel confirmation of a meeting that has not started. The time is
/// entered as wall-clock time in the centre's zone, which the server reads there.
fn move_and_cancel(p: Page, m: &MeetingView, s: CardState, lang: Lang) -> impl IntoView {
    let ctx = p.ctx;
    let t = crate::i18n::texts(lang);
    let id = m.id.to_string();
    let at_id = format!("mv-{id}-at");
    let submit = {
        let (id, at_id) = (id.clone(), at_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let t = ctx.t_untracked();
            let Some(at) = model::local_minute(&s.at.get_untracked()) else {
                s.note.set(Some(Note::Err(t.err_when.to_owned())));
                web::focus(&at_id);
                return;
            };
            let to = MoveMeeting {
                starts_at: Some(at),
                duration_min: s.minutes.get_untracked().trim().parse().ok(),
                allow_guests: None,
            };
            let (id, tok) = (id.clone(), p.token.get_untracked());
            spawn_local(async move {
                match api::move_meeting(&tok, &id, &to).await {
                    Ok(_) => {
                        ctx.announce(t.moved.to_owned());
                        p.load_meetings(true);
                    }
                    Err(f) => s.note.set(Some(Note::Err(failure_text(t, &f)))),
                }
            });
        }
    };
    let cancel = {
        let id = id.clone();
        move |_| {
            let (id, tok, t) = (id.clone(), p.token.get_untracked(), ctx.t_untracked());
            spawn_local(async move {
                match api::cancel_meeting(&tok, &id).await {
                    Ok(_) => {
                        ctx.announce(t.cancelled_ok.to_owned());
                        p.load_meetings(true);
                    }
                    Err(f) => s.note.set(Some(Note::Err(failure_text(t, &f)))),
                }
            });
        }
    };
    let back = format!("mv-{id}");
    let yes =
        view! { <button type="button" class="danger" on:click=cancel>{t.cancel_yes}</button> };
    view! {
        <form id=format!("mv-{id}") class="move-form" hidden=move || s.open.get() != Some(Panel::Move) on:submit=submit>
            {Field::new(at_id, t.new_time, "datetime-local", s.at.get_untracked())
                .hint(format!("{} {}.", t.local_time_hint, m.time_zone))
                .view(move |v| s.at.set(v))}
            {Field::new(format!("mv-{id}-min"), t.duration_field, "number", s.minutes.get_untracked())
                .view(move |v| s.minutes.set(v))}
            <div class="button-row">
                <button type="submit" class="primary">{t.save_time}</button>
                <button type="button" class="secondary" on:click=move |_| toggle(s.open, Panel::Move, &back)>{t.back}</button>
            </div>
        </form>
        {confirm_box(t, format!("cx-{id}"), s.open, Panel::Cancel, t.cancel_meeting.to_owned(), t.cancel_confirm, yes)}
    }
}
