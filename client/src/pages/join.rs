//! Join: pick the service you represent (from the centre's catalogue) and optionally a name.

use crate::components::item_form::services_memo;
use crate::components::status::{error_text, MeetingHeader, OfflineNote};
use crate::components::timer::MeetingClock;
use crate::i18n::service_name;
use crate::net;
use crate::state::{ctx, meeting_title, Sent};
use leptos::prelude::*;
use shared::domain::Role;
use shared::ids::ServiceId;
use shared::room::MAX_DISPLAY_NAME;

/// Shown to a link that has not joined yet (and is not rejoining with a stored secret).
#[component]
pub fn JoinPage() -> impl IntoView {
    let ctx = ctx();
    let services = services_memo();
    let (last_service, last_name) = net::last_join_choice();
    let service = RwSignal::new(last_service.map(|s| s.to_string()).unwrap_or_default());
    let name = RwSignal::new(last_name);
    let need_service = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = service.get_untracked();
        if chosen.is_empty() {
            need_service.set(true);
            crate::web::focus("join-service");
            return;
        }
        need_service.set(false);
        let n = name.get_untracked().trim().to_owned();
        if net::join(ServiceId(chosen), (!n.is_empty()).then_some(n)) {
            ctx.join_sent.set(Sent::Sending);
        }
    };
    let title = meeting_title();
    view! {
        <MeetingHeader/>
        <main id="main" class="page narrow">
            <h1>{move || ctx.t().join_title}</h1>
            <p class="lead">{move || title.get()}</p>
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
                    </select>
                    <Show when=move || need_service.get()>
                        <p class="field-error" id="join-service-err">{move || ctx.t().join_need_service}</p>
                    </Show>
                </div>
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
                    Sent::Failed(err) if err.code == "identifier_found" => {
                        Some(view! { <p class="alert" role="alert">{ctx.t().join_name_rejected}</p> })
                    }
                    Sent::Failed(err) => Some(view! { <p class="alert" role="alert">{error_text(ctx.t(), &err)}</p> }),
                    _ => None,
                }}
            </form>
        </main>
    }
}
