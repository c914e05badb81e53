//! The form to bring a case, a phenomenon or a regional matter to the meeting. Identifier
//! detectors run as the user types; a rejection by the server marks what it found; nothing
//! typed is lost (the fields clear only after the server accepted the item).

use super::marked::{field_marks, MarkedText};
use super::status::error_text;
use crate::i18n::{kind_name, service_name, theme_name, THEMES};
use crate::marks::Mark;
use crate::net;
use crate::state::{ctx, Sent};
use leptos::prelude::*;
use shared::domain::{ItemDraft, ItemKind, Service, Theme};
use shared::ids::ServiceId;
use shared::room::{MAX_TEXT, MAX_TITLE};
use wasm_bindgen::JsCast;

/// Server findings for one field, from an `identifier_found` rejection.
fn findings_for(err: &crate::errors::ServerError, field: &str) -> Vec<Mark> {
    err.findings
        .iter()
        .filter(|f| f.field == field || (f.field.is_empty() && field == "summary"))
        .map(|f| Mark {
            kind: f.kind.clone(),
            start: f.start,
            end: f.end,
        })
        .collect()
}

/// The meeting's catalogue of services, for the join form and the service checkboxes.
pub fn services_memo() -> Memo<Vec<Service>> {
    let ctx = ctx();
    Memo::new(move |_| {
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| r.meeting.services.clone())
                .unwrap_or_default()
        })
    })
}

/// Checkboxes for a set of services (a fieldset with a legend).
#[component]
pub fn ServiceChecks(
    legend: fn(&'static crate::i18n::Texts) -> &'static str,
    chosen: RwSignal<Vec<ServiceId>>,
    prefix: &'static str,
) -> impl IntoView {
    let ctx = ctx();
    let services = services_memo();
    view! {
        <fieldset class="checks">
            <legend>{move || legend(ctx.t())}</legend>
            {move || {
                let lang = ctx.lang.get();
                services.get().into_iter().map(|s| {
                    let id = s.id.clone();
                    let dom = format!("{prefix}-{}", s.id);
                    let dom_for = dom.clone();
                    let checked = { let id = id.clone(); move || chosen.with(|c| c.contains(&id)) };
                    view! {
                        <label class="check" for=dom_for>
                            <input type="checkbox" id=dom prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| x != &id);
                                        if on { c.push(id.clone()); }
                                    });
                                }
                            />
                            {service_name(lang, &s).to_owned()}
                        </label>
                    }
                }).collect_view()
            }}
        </fieldset>
    }
}

/// The form to bring a matter to the meeting, on the participant's and the chair's page.
#[component]
pub fn SubmitForm() -> impl IntoView {
    let ctx = ctx();
    let kind = RwSignal::new(ItemKind::ClientCase);
    let title = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let question = RwSignal::new(String::new());
    let services = RwSignal::new(Vec::<ServiceId>::new());
    let themes = RwSignal::new(Vec::<Theme>::new());
    let missing = RwSignal::new(Vec::<&'static str>::new());
    // Per field: the text as rejected by the server, with the server's findings.
    let rej_title = RwSignal::new(None::<(String, Vec<Mark>)>);
    let rej_summary = RwSignal::new(None::<(String, Vec<Mark>)>);
    let rej_question = RwSignal::new(None::<(String, Vec<Mark>)>);

    // Clear only after the server accepted; record findings when it refused.
    Effect::new(move |_| match ctx.submit_sent.get() {
        Sent::Done => {
            title.set(String::new());
            summary.set(String::new());
            question.set(String::new());
            services.set(Vec::new());
            themes.set(Vec::new());
            rej_title.set(None);
            rej_summary.set(None);
            rej_question.set(None);
        }
        Sent::Failed(err) if err.code == "identifier_found" => {
            let (ft, fs, fq) = (
                findings_for(&err, "title"),
                findings_for(&err, "summary"),
                findings_for(&err, "question"),
            );
            // Focus goes to the first marked field (on a phone the alert and the field are
            // far apart otherwise).
            let first = [("f-title", &ft), ("f-summary", &fs), ("f-question", &fq)]
                .into_iter()
                .find(|(_, f)| !f.is_empty())
                .map_or("f-title", |(id, _)| id);
            rej_title.set(Some((title.get_untracked(), ft)));
            rej_summary.set(Some((summary.get_untracked(), fs)));
            rej_question.set(Some((question.get_untracked(), fq)));
            request_animation_frame(move || crate::web::focus(first));
        }
        Sent::Failed(_) | Sent::Lost => {
            request_animation_frame(|| crate::web::focus("submit-status"));
        }
        _ => {}
    });

    let title_marks = field_marks(title, rej_title);
    let summary_marks = field_marks(summary, rej_summary);
    let question_marks = field_marks(question, rej_question);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut empty = Vec::new();
        if title.with_untracked(|t| t.trim().is_empty()) {
            empty.push("f-title");
        }
        if question.with_untracked(|t| t.trim().is_empty()) {
            empty.push("f-question");
        }
        missing.set(empty.clone());
        if let Some(first) = empty.first() {
            crate::web::focus(first);
            return;
        }
        let draft = ItemDraft {
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            question: question.get_untracked(),
            services_wanted: services.get_untracked(),
            themes: themes.get_untracked(),
        };
        if net::submit_item(draft) {
            ctx.submit_sent.set(Sent::Sending);
        }
    };
    let is_missing = move |id: &'static str| missing.with(|m| m.contains(&id));
    let describe = move |marks: Signal<Vec<Mark>>,
                         hint: &'static str,
                         marks_id: &'static str,
                         err_id: &'static str,
                         field: &'static str| {
        move || {
            let mut ids = vec![hint];
            if is_missing(field) {
                ids.push(err_id);
            }
            if marks.with(|m| !m.is_empty()) {
                ids.push(marks_id);
            }
            ids.join(" ")
        }
    };

    view! {
        <section class="submit" aria-labelledby="submit-h">
            <h2 id="submit-h">{move || ctx.t().submit_title}</h2>
            <p class="rule" id="submit-rule">{move || ctx.t().submit_rule}</p>
            <form on:submit=on_submit novalidate
                on:input=move |_| {
                    // The "added" note belongs to the item sent, not to the next one being typed.
                    if ctx.submit_sent.get_untracked() == Sent::Done { ctx.submit_sent.set(Sent::Idle); }
                }
                on:keydown=no_enter_on_choice>
                // A refusal is said at the top of the form, where the marked fields are.
                <div id="submit-status" tabindex="-1">
                    {move || {
                        let t = ctx.t();
                        match ctx.submit_sent.get() {
                            Sent::Failed(err) => Some(view! { <p class="alert" role="alert">{error_text(t, &err)}</p> }.into_any()),
                            Sent::Lost => Some(view! { <p class="alert" role="alert">{t.lost_on_disconnect}</p> }.into_any()),
                            _ => None,
                        }
                    }}
                </div>
                <fieldset class="radios">
                    <legend>{move || ctx.t().kind_label}</legend>
                    {[(ItemKind::ClientCase, "kind-case"), (ItemKind::Phenomenon, "kind-phenomenon"), (ItemKind::RegionalMatter, "kind-regional")].into_iter().map(|(k, dom)| {
                        let dom_for = dom;
                        view! {
                            <label class="check" for=dom_for>
                                <input type="radio" name="kind" id=dom prop:checked=move || kind.get() == k
                                    on:change=move |_| kind.set(k)/>
                                {move || kind_name(ctx.lang.get(), k)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>

                <div class="field">
                    <label for="f-title">{move || ctx.t().title_label}<span class="req" aria-hidden="true">" *"</span></label>
                    <p class="hint" id="f-title-hint">{move || ctx.t().title_hint}</p>
                    <input id="f-title" type="text" maxlength=MAX_TITLE required aria-required="true"
                        aria-invalid=move || if is_missing("f-title") || title_marks.with(|m| !m.is_empty()) { "true" } else { "false" }
                        aria-describedby=describe(title_marks, "f-title-hint", "f-title-marks", "f-title-err", "f-title")
                        prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev))/>
                    <Show when=move || is_missing("f-title")>
                        <p class="field-error" id="f-title-err">{move || ctx.t().field_required}</p>
                    </Show>
                    <MarkedText id="f-title-marks".into() text=title.into() marks=title_marks/>
                </div>

                <div class="field">
                    <label for="f-summary">{move || ctx.t().summary_field}</label>
                    <textarea id="f-summary" rows="5" maxlength=MAX_TEXT
                        aria-invalid=move || if summary_marks.with(|m| !m.is_empty()) { "true" } else { "false" }
                        aria-describedby=describe(summary_marks, "submit-rule", "f-summary-marks", "", "")
                        prop:value=move || summary.get()
                        on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                    <MarkedText id="f-summary-marks".into() text=summary.into() marks=summary_marks/>
                </div>

                <div class="field">
                    <label for="f-question">{move || ctx.t().question_field}<span class="req" aria-hidden="true">" *"</span></label>
                    <textarea id="f-question" rows="3" maxlength=MAX_TEXT required aria-required="true"
                        aria-invalid=move || if is_missing("f-question") || question_marks.with(|m| !m.is_empty()) { "true" } else { "false" }
                        aria-describedby=describe(question_marks, "submit-rule", "f-question-marks", "f-question-err", "f-question")
                        prop:value=move || question.get()
                        on:input=move |ev| question.set(event_target_value(&ev))></textarea>
                    <Show when=move || is_missing("f-question")>
                        <p class="field-error" id="f-question-err">{move || ctx.t().field_required}</p>
                    </Show>
                    <MarkedText id="f-question-marks".into() text=question.into() marks=question_marks/>
                </div>

                <ServiceChecks legend=|t| t.services_field chosen=services prefix="want"/>

                <fieldset class="checks">
                    <legend>{move || ctx.t().themes_field}</legend>
                    {THEMES.into_iter().enumerate().map(|(n, th)| {
                        let dom = format!("theme-{n}");
                        let dom_for = dom.clone();
                        view! {
                            <label class="check" for=dom_for>
                                <input type="checkbox" id=dom prop:checked=move || themes.with(|t| t.contains(&th))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        themes.update(|t| { t.retain(|x| *x != th); if on { t.push(th); } });
                                    }/>
                                {move || theme_name(ctx.lang.get(), th)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>

                <div class="form-footer">
                    <button type="submit" class="primary"
                        disabled=move || !ctx.online() || ctx.submit_sent.get() == Sent::Sending
                        aria-describedby=move || (!ctx.online()).then_some("offline-note")>
                        {move || if ctx.submit_sent.get() == Sent::Sending { ctx.t().sending } else { ctx.t().submit_button }}
                    </button>
                    {move || (ctx.submit_sent.get() == Sent::Done).then(|| view! {
                        <p class="ok" role="status"><span aria-hidden="true">"✓ "</span>{ctx.t().submitted_ok}</p>
                    })}
                </div>
            </form>
        </section>
    }
}

/// Enter on a checkbox or radio does not send the form (it only would send it half filled).
pub fn no_enter_on_choice(ev: leptos::ev::KeyboardEvent) {
    if ev.key() == "Enter" {
        let on_choice = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| matches!(i.type_().as_str(), "checkbox" | "radio"));
        if on_choice {
            ev.prevent_default();
        }
    }
}

/// The answer to a form's request: accepted, refused (with the reason), or lost.
#[component]
pub fn SentStatus(
    sent: RwSignal<Sent>,
    ok: fn(&'static crate::i18n::Texts) -> &'static str,
) -> impl IntoView {
    let ctx = ctx();
    move || {
        let t = ctx.t();
        match sent.get() {
            Sent::Done => Some(view! { <p class="ok" role="status"><span aria-hidden="true">"✓ "</span>{ok(t)}</p> }.into_any()),
            Sent::Failed(err) => Some(view! { <p class="alert" role="alert">{error_text(t, &err)}</p> }.into_any()),
            Sent::Lost => Some(view! { <p class="alert" role="alert">{t.lost_on_disconnect}</p> }.into_any()),
            _ => None,
        }
    }
}
