//! Page chrome: the top bar, the connection state, the language switch, the live region and
//! the notice for refused actions.

#[cfg(feature = "meeting")]
use super::timer::MeetingClock;
use crate::errors::ServerError;
use crate::i18n::{Lang, Texts};
#[cfg(feature = "meeting")]
use crate::net;
use crate::state::{ctx, Connection};
#[cfg(feature = "meeting")]
use crate::state::{meeting_ended, meeting_title};
use leptos::prelude::*;
use shared::domain::Role;

/// The localized text for an error code.
pub fn error_text(t: &'static Texts, err: &ServerError) -> &'static str {
    match err.code.as_str() {
        "identifier_found" => t.rejected_identifiers,
        "not_chair" => t.err_not_chair,
        "not_joined" => t.err_not_joined,
        "wrong_state" => t.err_wrong_state,
        "invalid_field" => t.err_invalid_field,
        "rate_limited" => t.err_rate_limited,
        "limit_reached" => t.err_limit_reached,
        "storage_unavailable" => t.err_storage_unavailable,
        "unknown_service" => t.err_unknown_service,
        "unknown_item" => t.err_unknown_item,
        "not_allowed" => t.err_not_allowed,
        "internal" => t.err_internal,
        "guard_unavailable" => t.err_guard_unavailable,
        _ => t.err_generic,
    }
}

/// The language menu, on every page.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="lang">
            <label for="lang-select">{move || ctx.t().language}</label>
            <select
                id="lang-select"
                on:change=move |ev| {
                    if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                        ctx.lang.set(l);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() lang=l.code() selected=move || ctx.lang.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The connection state, always visible, in words and a shape (not by colour alone).
#[cfg(feature = "meeting")]
#[component]
pub fn ConnectionBadge() -> impl IntoView {
    let ctx = ctx();
    let state = move || ctx.connection.get();
    view! {
        <div class=move || format!("conn conn-{}", match state() {
            Connection::Online => "online",
            Connection::Connecting => "connecting",
            Connection::Reconnecting => "reconnecting",
            Connection::Closed => "closed",
        })>
            <span class="conn-icon" aria-hidden="true">{move || match state() {
                Connection::Online => "●",
                Connection::Connecting | Connection::Reconnecting => "◌",
                Connection::Closed => "✕",
            }}</span>
            <span class="conn-text">{move || {
                let t = ctx.t();
                match state() {
                    Connection::Online => t.conn_online,
                    Connection::Connecting => t.conn_connecting,
                    Connection::Reconnecting => t.conn_reconnecting,
                    Connection::Closed => t.conn_closed,
                }
            }}</span>
            <Show when=move || state() == Connection::Reconnecting>
                <button type="button" class="link-button" on:click=move |_| net::reconnect_now()>
                    {move || ctx.t().conn_retry_now}
                </button>
            </Show>
        </div>
    }
}

/// Said when controls are disabled because the connection is down.
#[cfg(feature = "meeting")]
#[component]
pub fn OfflineNote() -> impl IntoView {
    let ctx = ctx();
    view! {
        <Show when=move || !ctx.online() && ctx.fatal_code.get().is_none()>
            <p class="offline-note" id="offline-note">
                <span aria-hidden="true">"⚠ "</span>
                {move || ctx.t().offline_note}
            </p>
        </Show>
    }
}

/// The polite live region: item changes, overruns, connection changes. Never every second.
#[component]
pub fn Announcer() -> impl IntoView {
    let ctx = ctx();
    view! { <div class="visually-hidden" aria-live="polite" aria-atomic="true">{move || ctx.announcement.get()}</div> }
}

/// A refused action without a form of its own.
#[cfg(feature = "meeting")]
#[component]
pub fn Notice() -> impl IntoView {
    let ctx = ctx();
    view! {
        {move || {
            ctx.refusal.get().map(|err| {
                view! {
                    <div class="alert" role="alert">
                        <span>{move || error_text(ctx.t(), &err)}</span>
                        <button type="button" class="link-button" on:click=move |_| ctx.refusal.set(None)>
                            {move || ctx.t().close}
                        </button>
                    </div>
                }
            })
        }}
    }
}

/// The top bar of a meeting page: meeting title, my role, connection, language.
#[cfg(feature = "meeting")]
#[component]
pub fn MeetingHeader() -> impl IntoView {
    let ctx = ctx();
    let title = meeting_title();
    let scribe = crate::state::i_am_scribe();
    view! {
        <a class="skip" href="#main">{move || ctx.t().skip_to_main}</a>
        <header class="topbar">
            <div class="topbar-title">
                <span class="brand">"PPT Hub"</span>
                <span class="meeting-title">{move || title.get()}</span>
                <span class="role-badge">{move || {
                    let t = ctx.t();
                    let link = match ctx.my_role.get() {
                        Some(Role::Chair) => t.role_chair,
                        Some(Role::Participant) => t.role_participant,
                        Some(Role::Deputy) => crate::i18n::roles::texts(ctx.lang.get()).role_deputy,
                        None => "",
                    };
                    // The scribe's role is said beside the link's.
                    if scribe.get() {
                        format!("{link} · {}", crate::i18n::roles::texts(ctx.lang.get()).role_scribe)
                    } else {
                        link.to_owned()
                    }
                }}</span>
            </div>
            <ConnectionBadge/>
            <LangSwitch/>
        </header>
        <Announcer/>
    }
}

/// The line under the top bar of the participant's and the chair's page: the meeting's clock,
/// what the page adds there (the chair's screen link), the offline note and, once the meeting
/// has ended, that it has.
#[cfg(feature = "meeting")]
#[component]
pub fn StatusRow(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let ctx = ctx();
    let ended = meeting_ended();
    view! {
        <div class="status-row">
            <MeetingClock/>
            {children.map(|c| c())}
            <OfflineNote/>
            <Show when=move || ended.get()>
                <p class="ended-note" role="status">{move || ctx.t().ended_note}</p>
            </Show>
        </div>
    }
}
