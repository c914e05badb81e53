//! Join: pick the service you represent (from the centre's catalogue), or, when the meeting
//! allows it, join as an expert by experience or a guest with your organisation; optionally a
//! name. Below the form, the agenda once it is published (the queued items, read-only).

use crate::components::guests::PublishedAgenda;
use crate::components::item_form::services_memo;
use crate::components::status::{error_text, MeetingHeader, OfflineNote};
use crate::components::timer::MeetingClock;
use crate::i18n::guests::texts as gt;
use crate::i18n::service_name;
use crate::net;
use crate::state::{ctx, meeting_title, Sent};
use leptos::prelude::*;
use shared::domain::{Role, Standing};
use shared::ids::ServiceId;
use shared::room::{JoinAs, MAX_DISPLAY_NAME, MAX_ORGANISATION};

/// Shown to a link that has not joined yet (and is not rejoining with a stored secret).
#[component]
pub fn JoinPage() -> impl IntoView {
    let ctx = ctx();
    let services = services_memo();
    let (last, last_name) = net::last_join_choice();
    let service = RwSignal::new(
        last.as_ref()
            .map(|s| s.service.to_string())
            .unwrap_or_default(),
    );
    let org = RwSignal::new(last.and_then(|s| s.organisation).unwrap_or_default());
    let name = RwSignal::new(last_name);
    let need_service = RwSignal::new(false);
    let need_org = RwSignal::new(false);
    let allowed = Memo::new(move |_| {
        ctx.room_state
            .with(|r| r.as_ref().map(|r| r.guests_allowed).unwrap_or_default())
    });
    let is_guest = move || service.with(|s| s == Standing::GUEST_ID);
    let org_refused = move || matches!(ctx.join_sent.get(), Sent::Failed(e) if e.findings.iter().any(|f| f.field == "organisation"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = service.get_untracked();
        let organisation = is_guest().then(|| org.get_untracked().trim().to_owned());
        need_service.set(chosen.is_empty());
        need_org.set(organisation.as_ref().is_some_and(|o| o.is_empty()));
        if need_service.get_untracked() || need_org.get_untracked() {
            crate::web::focus(if chosen.is_empty() {
                "join-service"
            } else {
                "join-org"
            });
            return;
        }
        let n = name.get_untracked().trim().to_owned();
        let join = JoinAs {
            service: ServiceId(chosen),
            organisation,
        };
        if net::join(join, (!n.is_empty()).then_some(n)) {
            ctx.join_sent.set(Sent::Sending);
        }
    };
    let title = meeting_title();
    view! {
        <MeetingHeader/>
        <main id="main" class="page narrow">
            <h1>{move || ctx.t().join_title}</h1>
            <p class="lead">{move || title.get()}</p>
            <crate::components::month_theme::MonthThemeLine/>
            <MeetingClock/>
            <Show when=move || ctx.my_role.get() == Some(Role::Chair)>
                <p class="tag-line"><span aria-hidden="true">"★ "</span>{move || ctx.t().join_as_chair}</p>
            </Show>
            <Show when=move || ctx.my_role.get() == Some(Role::Deputy)>
                <p class="tag-line"><span aria-hidden="true">"☆ "</span>{move || crate::i18n::roles::texts(ctx.lang.get()).join_as_deputy}</p>
            </Show>
            <p>{move || ctx.t().join_intro}</p>
            <form class="card" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="join-service">{move || ctx.t().join_service}<span class="req" aria-hidden="true">" *"</span></label>
                    <select id="join-service" required aria-required="true"
                        aria-invalid=move || if need_service.get() { "true" } else { "false" }
                        aria-describedby=move || need_service.get().then_some("join-service-err")
                        on:change=move |ev| service.set(event_target_value(&ev))>
                        <option value="" selected=move || service.with(|s| s.is_empty())>{move || ctx.t().join_service_choose}</option>
                        {move || {
                            let lang = ctx.lang.get();
                            services.get().into_iter().map(|s| {
                                let id = s.id.to_string();
                                let selected = { let id = id.clone(); move || service.with(|v| v == &id) };
                                view! { <option value=id selected=selected>{service_name(lang, &s).to_owned()}</option> }
                            }).collect_view()
                        }}
                        {move || {
                            let a = allowed.get();
                            let lang = ctx.lang.get();
                            let option = move |on: bool, id: &'static str, text: &'static str| on.then(|| {
                                view! { <option value=id selected=move || service.with(|v| v == id)>{text}</option> }
                            });
                            (a.experts || a.guests).then(|| view! {
                                <optgroup label=gt(lang).join_others>
                                    {option(a.experts, Standing::EXPERT_BY_EXPERIENCE_ID, lang.standing(Standing::ExpertByExperience).unwrap_or_default())}
                                    {option(a.guests, Standing::GUEST_ID, gt(lang).join_guest)}
                                </optgroup>
                            })
                        }}
                    </select>
                    <Show when=move || need_service.get()>
                        <p class="field-error" id="join-service-err">{move || ctx.t().join_need_service}</p>
                    </Show>
                </div>
                <Show when=is_guest>
                    <div class="field">
                        <label for="join-org">{move || gt(ctx.lang.get()).organisation}<span class="req" aria-hidden="true">" *"</span></label>
                        <input id="join-org" type="text" required aria-required="true" maxlength=MAX_ORGANISATION
                            aria-invalid=move || if need_org.get() || org_refused() { "true" } else { "false" }
                            aria-describedby=move || if need_org.get() { "join-org-err join-org-hint" } else { "join-org-hint" }
                            prop:value=move || org.get()
                            on:input=move |ev| org.set(event_target_value(&ev))/>
                        <p class="hint" id="join-org-hint">{move || gt(ctx.lang.get()).organisation_hint}</p>
                        <Show when=move || need_org.get()>
                            <p class="field-error" id="join-org-err">{move || gt(ctx.lang.get()).organisation_needed}</p>
                        </Show>
                    </div>
                </Show>
                <div class="field">
                    <label for="join-name">{move || ctx.t().join_name}</label>
                    <input id="join-name" type="text" autocomplete="name" maxlength=MAX_DISPLAY_NAME
                        aria-describedby="join-name-hint"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    <p class="hint" id="join-name-hint">{move || ctx.t().join_name_hint}</p>
                </div>
                <OfflineNote/>
                <button type="submit" class="primary" disabled=move || !ctx.online() || ctx.join_sent.get() == Sent::Sending>
                    {move || if ctx.join_sent.get() == Sent::Sending { ctx.t().joining } else { ctx.t().join_button }}
                </button>
                {move || match ctx.join_sent.get() {
                    Sent::Failed(_) if org_refused() => {
                        Some(view! { <p class="alert" role="alert">{gt(ctx.lang.get()).organisation_rejected}</p> })
                    }
                    Sent::Failed(err) if err.code == "identifier_found" => {
                        Some(view! { <p class="alert" role="alert">{ctx.t().join_name_rejected}</p> })
                    }
                    Sent::Failed(err) if err.code == "guests_not_allowed" => {
                        Some(view! { <p class="alert" role="alert">{gt(ctx.lang.get()).not_allowed}</p> })
                    }
                    Sent::Failed(err) => Some(view! { <p class="alert" role="alert">{error_text(ctx.t(), &err)}</p> }),
                    _ => None,
                }}
            </form>
            <PublishedAgenda/>
        </main>
    }
}
