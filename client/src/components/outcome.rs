//! The outcome form: what the network said on the item on the floor (or one that has been):
//! advice, next steps, services to involve, follow-up. The holder of the chair controls has it
//! on the chair's view; the scribe, named by the chair, has it on the participant's page. The
//! texts go through the identifier guard like a submission, and a refusal marks where.

use crate::components::item_form::{no_enter_on_choice, SentStatus, ServiceChecks};
use crate::components::marked::{field_marks, MarkedText};
use crate::marks::Mark;
use crate::net;
use crate::state::{ctx, Sent};
use leptos::prelude::*;
use shared::domain::{ItemStatus, Outcome};
use shared::ids::{ItemId, ServiceId};
use shared::room::MAX_TEXT;

/// The outcome of the current (or a finished) item: advice, next steps, services, follow-up.
#[component]
pub fn OutcomeForm() -> impl IntoView {
    let ctx = ctx();
    let choices = Memo::new(move |_| {
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.items
                        .iter()
                        .filter(|i| {
                            matches!(i.status, ItemStatus::Presenting | ItemStatus::Done)
                                || (i.status == ItemStatus::Deferred && i.used_ms.is_some())
                        })
                        .map(|i| (i.id.clone(), i.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let current_id = Memo::new(move |_| {
        ctx.room_state.with(|r| {
            r.as_ref()
                .and_then(|r| r.current.as_ref().map(|c| c.item.clone()))
        })
    });
    let selected = RwSignal::new(None::<ItemId>);
    let advice = RwSignal::new(String::new());
    let next_steps = RwSignal::new(String::new());
    let services = RwSignal::new(Vec::<ServiceId>::new());
    let follow_up = RwSignal::new(false);
    let rej_advice = RwSignal::new(None::<(String, Vec<Mark>)>);
    let rej_next = RwSignal::new(None::<(String, Vec<Mark>)>);

    // Follow the item on the floor; else the last one that was.
    Effect::new(move |_| {
        let pick = current_id
            .get()
            .or_else(|| choices.with(|c| c.last().map(|(id, _)| id.clone())));
        if pick.is_some() && selected.get_untracked() != pick {
            selected.set(pick);
        }
    });
    // Load what was recorded for the chosen item.
    Effect::new(move |_| {
        let Some(id) = selected.get() else { return };
        let existing = ctx.room_state.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| r.item(&id))
                .and_then(|i| i.outcome.clone())
        });
        let o = existing.unwrap_or_default();
        advice.set(o.advice);
        next_steps.set(o.next_steps);
        services.set(o.services_to_involve);
        follow_up.set(o.follow_up);
        ctx.outcome_sent.set(Sent::Idle);
    });
    Effect::new(move |_| {
        if let Sent::Failed(err) = ctx.outcome_sent.get() {
            if err.code == "identifier_found" {
                let find = |field: &str| {
                    err.findings
                        .iter()
                        .filter(|f| f.field == field)
                        .map(|f| Mark {
                            kind: f.kind.clone(),
                            start: f.start,
                            end: f.end,
                        })
                        .collect()
                };
                rej_advice.set(Some((advice.get_untracked(), find("advice"))));
                rej_next.set(Some((next_steps.get_untracked(), find("next_steps"))));
            }
        }
    });
    let advice_marks = field_marks(advice, rej_advice);
    let next_marks = field_marks(next_steps, rej_next);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(item) = selected.get_untracked() else {
            return;
        };
        let outcome = Outcome {
            advice: advice.get_untracked(),
            next_steps: next_steps.get_untracked(),
            services_to_involve: services.get_untracked(),
            follow_up: follow_up.get_untracked(),
        };
        if net::record_outcome(item, outcome) {
            ctx.outcome_sent.set(Sent::Sending);
        }
    };

    view! {
        <section class="outcome" aria-labelledby="outcome-h">
            <h2 id="outcome-h">{move || ctx.t().outcome_title}</h2>
            <Show when=move || !choices.with(|c| c.is_empty())
                fallback=move || view! { <p class="muted">{move || ctx.t().no_outcome_items}</p> }>
                <form on:submit=on_submit novalidate on:keydown=no_enter_on_choice>
                    <div class="field">
                        <label for="o-item">{move || ctx.t().outcome_for}</label>
                        <select id="o-item" on:change=move |ev| selected.set(Some(ItemId(event_target_value(&ev))))>
                            {move || choices.get().into_iter().map(|(id, title)| {
                                let sel = { let id = id.clone(); move || selected.with(|s| s.as_ref() == Some(&id)) };
                                view! { <option value=id.to_string() selected=sel>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="o-advice">{move || ctx.t().advice}</label>
                        <textarea id="o-advice" rows="3" maxlength=MAX_TEXT
                            aria-invalid=move || if advice_marks.with(|m| !m.is_empty()) { "true" } else { "false" }
                            aria-describedby=move || advice_marks.with(|m| !m.is_empty()).then_some("o-advice-marks")
                            prop:value=move || advice.get()
                            on:input=move |ev| advice.set(event_target_value(&ev))></textarea>
                        <MarkedText id="o-advice-marks".into() text=advice.into() marks=advice_marks/>
                    </div>
                    <div class="field">
                        <label for="o-next">{move || ctx.t().next_steps}</label>
                        <textarea id="o-next" rows="3" maxlength=MAX_TEXT
                            aria-invalid=move || if next_marks.with(|m| !m.is_empty()) { "true" } else { "false" }
                            aria-describedby=move || next_marks.with(|m| !m.is_empty()).then_some("o-next-marks")
                            prop:value=move || next_steps.get()
                            on:input=move |ev| next_steps.set(event_target_value(&ev))></textarea>
                        <MarkedText id="o-next-marks".into() text=next_steps.into() marks=next_marks/>
                    </div>
                    <ServiceChecks legend=|t| t.services_to_involve chosen=services prefix="involve"/>
                    <label class="check" for="o-follow">
                        <input type="checkbox" id="o-follow" prop:checked=move || follow_up.get()
                            on:change=move |ev| follow_up.set(event_target_checked(&ev))/>
                        {move || ctx.t().follow_up}
                    </label>
                    <div class="form-footer">
                        <button type="submit" class="primary" disabled=move || !ctx.online() || ctx.outcome_sent.get() == Sent::Sending>
                            {move || ctx.t().save_outcome}
                        </button>
                        <SentStatus sent=ctx.outcome_sent ok=|t| t.outcome_saved/>
                    </div>
                </form>
            </Show>
        </section>
    }
}
