//! The Reports view: a centre (or all) and a date range; the period's key figures and charts
//! shown in the page, or the report downloaded as CSV or JSON.

use super::api;
use super::failure::failure_text;
use super::minutes::save;
use super::report::{key_figures, natural_width, report_charts, ReportQuery};
use super::state::Page;
use super::widgets::{note_view, select_field, Field, Note};
use crate::components::attendance::attendance_table;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form and the results, drawn again when the language changes (the choice stays).
pub fn view(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    // A report on the page is asked for again in the new language: the service names and the
    // stated rule come from the server in the language asked for.
    Effect::new(move |seen: Option<()>| {
        ctx.lang.track();
        if seen.is_some() && p.report.with_untracked(|r| r.is_some()) {
            fetch(p, false);
        }
    });
    move || {
        let t = ctx.t();
        let mut centres = vec![(String::new(), t.all_centres.to_owned())];
        p.centres.with_untracked(|cs| {
            centres.extend(cs.iter().map(|c| (c.id.to_string(), c.name.clone())))
        });
        let chosen = p
            .report_centre
            .get_untracked()
            .unwrap_or_else(|| p.centre.get_untracked());
        let download = move |format: &'static str, label: &'static str| {
            view! {
                <button type="button" class="secondary" on:click=move |_| {
                    if let Some(q) = query(p) {
                        let lang = ctx.lang.get_untracked();
                        save(p, q.path(format, lang), q.file(format), p.report_note);
                    }
                }>{label}</button>
            }
        };
        view! {
            <section aria-labelledby="rep-h">
                <h2 id="rep-h">{t.reports}</h2>
                <form class="report-form" aria-labelledby="rep-h" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    show(p);
                }>
                    {select_field("r-centre", t.centre, centres, chosen, move |v| p.report_centre.set(Some(v)))}
                    {Field::new("r-from", t.date_from, "date", p.report_from.get_untracked())
                        .view(move |v| p.report_from.set(v))}
                    {Field::new("r-to", t.date_to, "date", p.report_to.get_untracked())
                        .view(move |v| p.report_to.set(v))}
                    <div class="button-row">
                        <button type="submit" class="primary">{t.show_charts}</button>
                        {download("csv", t.download_csv)}
                        {download("json", t.download_json)}
                    </div>
                </form>
                {note_view("r-note".into(), p.report_note)}
                <div id="r-results" class="report" tabindex="-1">{move || results(p)}</div>
            </section>
        }
    }
}

/// The form's choice, or an error said about the dates (and focus on the first).
fn query(p: Page) -> Option<ReportQuery> {
    let q = ReportQuery {
        centre: p
            .report_centre
            .get_untracked()
            .unwrap_or_else(|| p.centre.get_untracked()),
        from: p.report_from.get_untracked(),
        to: p.report_to.get_untracked(),
    };
    if q.valid() {
        return Some(q);
    }
    let t = p.ctx.t_untracked();
    p.report_note.set(Some(Note::Err(t.err_range.to_owned())));
    web::focus("r-from");
    None
}

/// Fetches the report as JSON and shows it; focus goes to the results.
fn show(p: Page) {
    fetch(p, true);
}

/// Asks for the report the form describes; `focus` moves the focus to the results (after the
/// button, not after a language switch).
fn fetch(p: Page, focus: bool) {
    let Some(q) = query(p) else { return };
    let (ctx, tok) = (p.ctx, p.token.get_untracked());
    let path = q.path("json", ctx.lang.get_untracked());
    spawn_local(async move {
        match api::report(&tok, &path).await {
            Ok(r) => {
                p.report_note.set(None);
                p.report.set(Some(r));
                if focus {
                    request_animation_frame(|| web::focus("r-results"));
                }
            }
            Err(f) => p
                .report_note
                .set(Some(Note::Err(failure_text(ctx.t_untracked(), &f)))),
        }
    });
}

/// The key figures and the charts. A chart is SVG drawn by `shared::charts`, which escapes
/// every label with the project's one escaper; it is the only markup this page puts in as
/// text.
fn results(p: Page) -> Option<impl IntoView> {
    let lang = p.ctx.lang.get();
    let t = crate::i18n::texts(lang);
    p.report.with(|r| {
        r.as_ref().map(|r| {
            let figures = key_figures(r, lang)
                .into_iter()
                .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
                .collect_view();
            let charts = report_charts(r, lang);
            let none = charts.is_empty().then(|| view! { <p>{t.no_held}</p> });
            let charts = charts
                .into_iter()
                .map(|c| {
                    let caption = c
                        .caption
                        .map(|k| view! { <figcaption class="hint">{k}</figcaption> });
                    view! {
                        <figure class="chart">
                            <div class="chart-scroll" inner_html=natural_width(&c.svg)></div>
                            {caption}
                        </figure>
                    }
                })
                .collect_view();
            // Per centre, its required services over its last six meetings (issue 12).
            let patterns = r
                .attendance_pattern
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let id = format!("r-att-{i}");
                    view! {
                        <section class="attendance" aria-labelledby=format!("{id}-h")>
                            <h3 id=format!("{id}-h")>{format!("{} – {}", t.attendance_title, a.centre_name)}</h3>
                            {attendance_table(a, lang, &id)}
                        </section>
                    }
                })
                .collect_view();
            // The small-number suppression rule the counts follow (issue 13), in the page's
            // language now (the server's text is in the language the report was asked in).
            let rule = (!r.suppression_rule.is_empty()).then(|| {
                view! { <p class="hint suppression-rule">{shared::api::suppression::rule_text(lang)}</p> }
            });
            let quick = super::report_quick::view(r, lang);
            view! { <dl class="figures">{figures}</dl>{quick}{rule}{none}{patterns}{charts} }
        })
    })
}
