//! The Theme clock view (vuosikello, issue 13): the chosen centre's year of monthly themes,
//! workshop kinds and tasks between workshops, saved a year at a time
//! (`PUT /api/centres/{centre}/theme-clock/{year}`), and last year's clock copied as the start
//! of this one (`POST …/copy-from/{year - 1}`). A text with a client identifier is refused by
//! the server's guard and nothing is saved.

use super::api;
use super::failure::failure_text;
use super::state::Page;
use super::widgets::{note_view, say, Note};
use crate::i18n::coordinator::{month_name, texts as ct};
use crate::i18n::theme_clock::workshop_name;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{MonthTheme, ThemeClock, ThemeClockUpdate, WorkshopKind};

/// The section: the year, the copy button, twelve rows and the save button.
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    let year = RwSignal::new(js_sys::Date::new_0().get_full_year() as i32);
    let months: RwSignal<Vec<MonthTheme>> = RwSignal::new(Vec::new());
    let note: RwSignal<Option<Note>> = RwSignal::new(None);
    let shown = move |answer: api::Answer<ThemeClock>, ok: Option<&'static str>| match answer {
        Ok(c) => {
            months.set(c.months);
            if let Some(text) = ok {
                say(ctx, note, Note::Ok(text.to_owned()));
            }
        }
        Err(f) if f.status == 404 && ok.is_some() => say(
            ctx,
            note,
            Note::Err(ct(ctx.lang.get_untracked()).clock_nothing_to_copy.into()),
        ),
        Err(f) => say(ctx, note, Note::Err(failure_text(ctx.t_untracked(), &f))),
    };
    Effect::new(move |_| {
        let (centre, y) = (p.centre.get(), year.get());
        if centre.is_empty() {
            return;
        }
        let tok = p.token.get_untracked();
        note.set(None);
        spawn_local(async move { shown(api::theme_clock(&tok, &centre, y).await, None) });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (tok, centre, y) = (
            p.token.get_untracked(),
            p.centre.get_untracked(),
            year.get_untracked(),
        );
        let plan = ThemeClockUpdate {
            months: months.get_untracked(),
        };
        let ok = ct(ctx.lang.get_untracked()).clock_saved;
        spawn_local(async move {
            shown(
                api::save_theme_clock(&tok, &centre, y, &plan).await,
                Some(ok),
            )
        });
    };
    let copy = move |_| {
        let (tok, centre, y) = (
            p.token.get_untracked(),
            p.centre.get_untracked(),
            year.get_untracked(),
        );
        let ok = ct(ctx.lang.get_untracked()).clock_copied;
        spawn_local(async move {
            shown(
                api::copy_theme_clock(&tok, &centre, y, y - 1).await,
                Some(ok),
            )
        });
    };
    // The inputs keep what is typed; the rows are drawn again only when a year is loaded.
    let edit = move |i: usize, f: Box<dyn Fn(&mut MonthTheme)>| {
        months.update_untracked(|ms| f(&mut ms[i]))
    };
    view! {
        <section class="theme-clock" aria-labelledby="c-clock-h">
            {move || {
                let lang = ctx.lang.get();
                let t = ct(lang);
                view! {
                    <h2 id="c-clock-h">{t.theme_clock}</h2>
                    <p class="muted">{t.theme_clock_intro}</p>
                    <div class="coord-bar">
                        <div class="field">
                            <label for="c-clock-year">{t.clock_year}</label>
                            <input id="c-clock-year" type="number" min="2000" max="2100" prop:value=move || year.get().to_string()
                                on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }/>
                        </div>
                        <button type="button" class="secondary" on:click=copy>{t.clock_copy}</button>
                    </div>
                    <form class="card" on:submit=save>
                        <table class="clock-table">
                            <thead><tr>
                                <th scope="col">{t.clock_month}</th><th scope="col">{t.clock_theme}</th>
                                <th scope="col">{t.clock_workshop}</th><th scope="col">{t.clock_task}</th>
                            </tr></thead>
                            <tbody>{move || months.get().into_iter().enumerate().map(|(i, m)| row(lang, i, m, edit)).collect_view()}</tbody>
                        </table>
                        <button type="submit" class="primary">{t.clock_save}</button>
                    </form>
                }
            }}
            {note_view("c-clock-note".into(), note)}
        </section>
    }
}

/// One month's row: its name, and the theme, workshop and task inputs (each labelled by the
/// month and the column for screen readers).
fn row(
    lang: crate::i18n::Lang,
    i: usize,
    m: MonthTheme,
    edit: impl Fn(usize, Box<dyn Fn(&mut MonthTheme)>) + Copy + 'static,
) -> impl IntoView {
    let t = ct(lang);
    let name = month_name(lang, m.month);
    let chosen = m.workshop.map(WorkshopKind::as_str).unwrap_or_default();
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td data-label=t.clock_theme><input type="text" maxlength="120" aria-label=format!("{name}: {}", t.clock_theme) prop:value=m.theme
                on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |m| m.theme = v.clone())) }/></td>
            <td data-label=t.clock_workshop><select aria-label=format!("{name}: {}", t.clock_workshop)
                on:change=move |ev| { let v = WorkshopKind::parse(&event_target_value(&ev)); edit(i, Box::new(move |m| m.workshop = v)) }>
                <option value="" selected=chosen.is_empty()>{t.clock_no_workshop}</option>
                {WorkshopKind::ALL.into_iter().map(|k| view! {
                    <option value=k.as_str() selected=k.as_str() == chosen>{workshop_name(lang, k)}</option>
                }).collect_view()}
            </select></td>
            <td data-label=t.clock_task><input type="text" maxlength="500" aria-label=format!("{name}: {}", t.clock_task)
                prop:value=m.between_task.unwrap_or_default()
                on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |m| m.between_task = (!v.trim().is_empty()).then(|| v.clone()))) }/></td>
        </tr>
    }
}
