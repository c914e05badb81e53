//! Which services are in the room: required ones present or missing, people per service; then
//! the experts by experience and guests, counted apart.

use crate::i18n::{people, service_name};
use crate::state::ctx;
use leptos::prelude::*;
use shared::domain::Service;

/// (service, required, people present), in catalogue order.
pub fn presence_memo() -> impl Fn() -> Vec<(Service, bool, u32)> + Copy + Send + Sync + 'static {
    let ctx = ctx();
    move || {
        ctx.room_state.with(|r| {
            let Some(r) = r.as_ref() else {
                return Vec::new();
            };
            r.representation()
                .services
                .into_iter()
                .filter_map(|p| {
                    r.meeting
                        .service(&p.service)
                        .map(|s| (s.clone(), p.required, p.people))
                })
                .collect()
        })
    }
}

/// Who is here: the required services nobody represents, then every service of the catalogue
/// with the number of its people present.
#[component]
pub fn RepresentationPanel() -> impl IntoView {
    let ctx = ctx();
    let presence = presence_memo();
    view! {
        <section class="representation" aria-labelledby="rep-h">
            <h2 id="rep-h">{move || ctx.t().representation}</h2>
            <MissingServices/>
            <ul class="service-list">
                {move || {
                    let lang = ctx.lang.get();
                    let t = ctx.t();
                    presence()
                        .into_iter()
                        .map(|(s, required, n)| {
                            let state = if n > 0 { "present" } else if required { "missing" } else { "absent" };
                            view! {
                                <li class=format!("service service-{state}")>
                                    <span class="service-icon" aria-hidden="true">{if n > 0 { "✓" } else if required { "✕" } else { "–" }}</span>
                                    <span class="service-name">
                                        {service_name(lang, &s).to_owned()}
                                        {(!required).then(|| view! { <span class="muted">" ("{t.optional}")"</span> })}
                                    </span>
                                    <span class="service-count">
                                        {if n > 0 { people(lang, n) } else if required { t.missing_required.to_owned() } else { people(lang, 0) }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <crate::components::guests::GuestCount/>
        </section>
    }
}

/// The required services nobody represents right now (or that all are present).
#[component]
pub fn MissingServices() -> impl IntoView {
    let ctx = ctx();
    let presence = presence_memo();
    move || {
        let lang = ctx.lang.get();
        let t = ctx.t();
        let missing: Vec<String> = presence()
            .into_iter()
            .filter(|(_, required, n)| *required && *n == 0)
            .map(|(s, _, _)| service_name(lang, &s).to_owned())
            .collect();
        if missing.is_empty() {
            view! { <p class="all-present"><span aria-hidden="true">"✓ "</span>{t.all_required_present}</p> }.into_any()
        } else {
            view! {
                <div class="missing">
                    <p class="missing-h"><span aria-hidden="true">"⚠ "</span>{t.missing_services}" ("{missing.len()}")"</p>
                    <ul>{missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    }
}
