//! The centre editor (the Settings view, or a new centre): name and id, time zone, the service
//! catalogue, the guard's allowlist and the monthly slot. What is typed goes into the page's
//! [`Draft`](super::draft::Draft) at once, so the form can be drawn again (another language, a
//! row added or removed) without losing it; the draft decides what is sent.

use super::api;
use super::draft::{blank_service, service_label, Draft};
use super::failure::failure_text;
use super::model::{week_name, weekday_name, WEEKDAYS};
use super::state::Page;
use super::widgets::{note_view, select_field, Field, Note};
use crate::i18n::coordinator::texts as coord;
use crate::i18n::Texts;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{CentrePatch, NewCentre};

/// The editor, drawn afresh when the language or the centre (or the rows) change.
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    move || {
        p.form_epoch.track();
        form(
            p,
            ctx.t(),
            p.creating.get_untracked(),
            p.draft.get_untracked(),
        )
    }
}

/// Changes the draft as typed (without drawing the form again).
fn edit(p: Page, f: impl Fn(&mut Draft, String) + 'static) -> impl Fn(String) + 'static {
    move |v| p.draft.update(|d| f(d, v))
}

/// The form with the values of `d`.
fn form(p: Page, t: &'static Texts, create: bool, d: Draft) -> impl IntoView {
    let id_field = create.then(|| {
        view! {
            <div class="field">
                <label for="ce-id">{t.centre_id}" "<span class="req" aria-hidden="true">"*"</span></label>
                // Made from the name as it is typed, until edited by hand.
                <input id="ce-id" type="text" required aria-required="true" aria-describedby="ce-id-hint"
                    prop:value=move || p.draft.with(|d| d.id.clone())
                    on:input=move |ev| p.draft.update(|d| d.set_id(event_target_value(&ev)))/>
                <p class="hint" id="ce-id-hint">{t.centre_id_hint}</p>
            </div>
        }
    });
    let weeks = [1i8, 2, 3, 4, -1]
        .iter()
        .map(|w| (w.to_string(), week_name(t, *w).to_owned()))
        .collect();
    let days = WEEKDAYS
        .iter()
        .map(|w| (w.to_string(), weekday_name(t, w).to_owned()))
        .collect();
    view! {
        <section>
            <form class="centre-form" novalidate aria-labelledby="ce-h" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                save(p);
            }>
                <h2 id="ce-h" tabindex="-1">{if create { t.new_centre } else { t.centre_settings }}</h2>
                <p class="hint"><span class="req" aria-hidden="true">"*"</span>" "{t.required_note}</p>
                {Field::new("ce-name", t.centre_name, "text", d.name.clone())
                    .required()
                    .view(edit(p, move |d, v| d.set_name(v, create)))}
                {id_field}
                {Field::new("ce-tz", t.time_zone, "text", d.time_zone.clone())
                    .hint(t.time_zone_hint)
                    .view(edit(p, |d, v| d.time_zone = v))}
                {catalogue(p, t, &d)}
                <div class="field">
                    <label for="ce-allow">{t.allowlist}</label>
                    <textarea id="ce-allow" rows="4" aria-describedby="ce-allow-hint" prop:value=d.allowlist.clone()
                        on:input=move |ev| p.draft.update(|d| d.allowlist = event_target_value(&ev))></textarea>
                    <p class="hint" id="ce-allow-hint">{t.allowlist_hint}</p>
                </div>
                <fieldset class="sched">
                    <legend>{t.schedule}</legend>
                    <label class="check">
                        <input type="checkbox" id="ce-sched" prop:checked=d.has_schedule
                            on:change=move |ev| p.draft.update(|d| d.has_schedule = event_target_checked(&ev))/>
                        {t.schedule_on}
                    </label>
                    <div class="schedule-grid">
                        {select_field("ce-week", t.week_field, weeks, d.week.to_string(),
                            edit(p, |d, v| d.week = v.parse().unwrap_or(2)))}
                        {select_field("ce-weekday", t.weekday_field, days, d.weekday.clone(),
                            edit(p, |d, v| d.weekday = v))}
                        {Field::new("ce-start", t.start_time, "time", d.start.clone()).view(edit(p, |d, v| d.start = v))}
                        {Field::new("ce-duration", t.duration_field, "number", d.duration.clone())
                            .view(edit(p, |d, v| d.duration = v))}
                        {Field::new("ce-ahead", t.ahead_field, "number", d.ahead.clone())
                            .hint(t.ahead_hint)
                            .view(edit(p, |d, v| d.ahead = v))}
                    </div>
                </fieldset>
                {Field::new("ce-agenda", coord(p.ctx.lang.get_untracked()).agenda_ahead, "number", d.agenda_ahead.clone())
                    .hint(coord(p.ctx.lang.get_untracked()).agenda_ahead_hint)
                    .view(edit(p, |d, v| d.agenda_ahead = v))}
                {note_view("ce-note".into(), p.centre_note)}
                <button type="submit" class="primary">{t.save}</button>
            </form>
        </section>
    }
}

/// The service catalogue: one row per service, its names in three languages, whether it is
/// required, and Remove; every field of a row is named after the row's service.
fn catalogue(p: Page, t: &'static Texts, d: &Draft) -> impl IntoView {
    let rows = d
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // "Nimi suomeksi: Kela", following the Finnish name as it is typed.
            let named = move |col: &'static str| {
                move || {
                    let who = p.draft.with(|d| {
                        d.services
                            .get(i)
                            .map(|s| service_label(t, i, &s.name_fi))
                            .unwrap_or_default()
                    });
                    format!("{col}: {who}")
                }
            };
            let name = |lang: &'static str, col: &'static str, value: &String| {
                view! {
                    <td><input type="text" id=format!("ce-{lang}-{i}") lang=lang maxlength="120"
                        aria-label=named(col) prop:value=value.clone()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            p.draft.update(|d| if let Some(s) = d.services.get_mut(i) {
                                match lang {
                                    "fi" => s.name_fi = v,
                                    "sv" => s.name_sv = v,
                                    _ => s.name_en = v,
                                }
                            })
                        }/></td>
                }
            };
            view! {
                <tr>
                    {name("fi", t.name_fi, &s.name_fi)}
                    {name("sv", t.name_sv, &s.name_sv)}
                    {name("en", t.name_en, &s.name_en)}
                    <td class="center"><input type="checkbox" class="big-check" id=format!("ce-req-{i}")
                        aria-label=named(t.required_col) prop:checked=s.required
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            p.draft.update(|d| if let Some(s) = d.services.get_mut(i) { s.required = on })
                        }/></td>
                    <td><button type="button" class="small danger" id=format!("ce-rm-{i}") aria-label=named(t.remove)
                        on:click=move |_| {
                            p.draft.update(|d| if i < d.services.len() { d.services.remove(i); });
                            p.form_epoch.update(|e| *e += 1);
                            request_animation_frame(|| web::focus("ce-add-service"));
                        }>{t.remove}</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{t.catalogue}</legend>
            <p class="hint" id="ce-cat-hint">{t.catalogue_hint}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-label=t.catalogue>
                <table class="services-table" aria-describedby="ce-cat-hint">
                    <thead><tr>
                        <th scope="col">{t.name_fi}</th>
                        <th scope="col">{t.name_sv}</th>
                        <th scope="col">{t.name_en}</th>
                        <th scope="col">{t.required_col}</th>
                        <th scope="col"><span class="visually-hidden">{t.remove}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <button type="button" id="ce-add-service" class="secondary" on:click=move |_| {
                p.draft.update(|d| d.services.push(blank_service()));
                p.form_epoch.update(|e| *e += 1);
                let i = p.draft.with_untracked(|d| d.services.len() - 1);
                request_animation_frame(move || web::focus(&format!("ce-fi-{i}")));
            }>"+ "{t.add_service}</button>
        </fieldset>
    }
}

/// Sends the draft: a new centre, or the changes to the selected one. What is wrong with it is
/// said under the form, and focus goes to the field to fix.
fn save(p: Page) {
    let ctx = p.ctx;
    let t = ctx.t_untracked();
    let create = p.creating.get_untracked();
    let d = p.draft.get_untracked();
    let tok = p.token.get_untracked();
    let checked = if create {
        d.new_centre().map(Request::Create)
    } else {
        d.patch().map(Request::Change)
    };
    let request = match checked {
        Ok(r) => r,
        Err(problem) => {
            p.centre_note.set(Some(Note::Err(
                problem.text(ctx.lang.get_untracked()).to_owned(),
            )));
            web::focus(problem.field());
            return;
        }
    };
    spawn_local(async move {
        let answer = match &request {
            Request::Create(c) => api::create_centre(&tok, c).await,
            Request::Change(c) => api::update_centre(&tok, &d.id, c).await,
        };
        match answer {
            Ok(c) => {
                ctx.announce(t.saved.to_owned());
                p.focus_after.set_value(Some("ce-h"));
                p.load_centres(tok, Some(c.id.to_string()));
            }
            Err(f) if create && f.status == 409 => {
                p.centre_note.set(Some(Note::Err(t.err_exists.to_owned())))
            }
            Err(f) => p.centre_note.set(Some(Note::Err(failure_text(t, &f)))),
        }
    });
}

/// What saving sends.
enum Request {
    Create(NewCentre),
    Change(CentrePatch),
}
