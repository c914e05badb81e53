//! Opening a quick consultation room (issue 13): the form a professional fills on the `/quick`
//! page ([`crate::pages::quick`]) and the coordinator fills beside a centre's meetings
//! ([`section`]). Topic (with the reminder that it must not identify a client), the services
//! to invite, 15–30 minutes; then the room's two links and its end time. The form checks the
//! request's shape with the shared rule (`NewQuickRoom::check`) before sending; the server's
//! refusals (an identifier in the topic, a link that does not open rooms, a limit) are said
//! in the page's language, an identifier at the topic field with focus on it.

use super::model::{local_parts, zone_name};
#[cfg(feature = "coordinator")]
use super::state::Page;
use super::widgets::{link_row, select_field};
use crate::i18n::quick::{self as words, texts};
use crate::i18n::{identifier_name, service_name, Lang};
use crate::state::Ctx;
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use shared::api::quick::{
    NewQuickRoom, QuickCatalogue, QuickKey, QuickRoom, QuickRoomProblem, QUICK_MINUTES,
};
use shared::api::{ApiErrorCode, ErrorBody};
use shared::domain::Service;
use shared::ids::ServiceId;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Who opens the room, which decides the route.
#[derive(Clone, Debug, PartialEq)]
pub enum Opener {
    /// A professional with a monthly meeting's link key: `POST /api/quick`.
    Key(String),
    /// The coordinator with the token, for a centre: `POST /api/centres/{centre}/quick`.
    Coordinator {
        /// The coordinator token, sent as a Bearer token.
        token: String,
        /// The centre's id.
        centre: String,
    },
}

/// A call the server refused (status 0: no answer at all), with the identifier kinds it found
/// in the topic, if that was why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The HTTP status; 0 for no answer (or one that could not be read).
    pub status: u16,
    /// The server's error code, when it sent one.
    pub code: Option<ApiErrorCode>,
    /// For `identifier_found`: the kinds found in the topic (never the text).
    pub kinds: Vec<String>,
}

impl Refused {
    fn no_answer() -> Refused {
        Refused {
            status: 0,
            code: None,
            kinds: Vec::new(),
        }
    }
}

/// `POST path` with a JSON body (and the token, if any); the answer's text. One copy of the
/// fetch for both routes (a smaller module).
async fn post(path: &str, token: Option<&str>, body: String) -> Result<String, Refused> {
    let no = |_| Refused::no_answer();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().map_err(no)?;
    headers
        .set("Content-Type", "application/json")
        .map_err(no)?;
    if let Some(t) = token {
        headers
            .set("Authorization", &format!("Bearer {t}"))
            .map_err(no)?;
    }
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    let req = web_sys::Request::new_with_str_and_init(path, &init).map_err(no)?;
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_request(&req))
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    let text = JsFuture::from(resp.text().map_err(no)?)
        .await
        .map_err(no)?
        .as_string()
        .unwrap_or_default();
    if resp.ok() {
        return Ok(text);
    }
    let error = serde_json::from_str::<ErrorBody>(&text)
        .ok()
        .map(|b| b.error);
    Err(Refused {
        status: resp.status(),
        code: error.as_ref().map(|e| e.code),
        kinds: error
            .and_then(|e| e.findings)
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.kind.as_str().to_owned())
            .collect(),
    })
}

/// An answer read as `T` (an unreadable one is a failure without a code).
fn read<T: DeserializeOwned>(text: Result<String, Refused>) -> Result<T, Refused> {
    serde_json::from_str(&text?).map_err(|_| Refused::no_answer())
}

/// `POST /api/quick/catalogue`: the centre and its services for a link's key.
pub async fn catalogue(key: &str) -> Result<QuickCatalogue, Refused> {
    let body = serde_json::to_string(&QuickKey {
        key: key.to_owned(),
    })
    .unwrap_or_default();
    read(post("/api/quick/catalogue", None, body).await)
}

/// Where an error of the form is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    Topic,
    Invited,
    Form,
}

/// What the form holds while it is drawn again (in another language, or with an error).
#[derive(Clone, Copy)]
struct Form {
    topic: RwSignal<String>,
    invited: RwSignal<Vec<ServiceId>>,
    minutes: RwSignal<u32>,
    /// The error shown, and where.
    error: RwSignal<Option<(Place, String)>>,
    /// A request is on its way (a second Enter sends nothing).
    busy: RwSignal<bool>,
    opened: RwSignal<Option<QuickRoom>>,
}

/// The form for `services` of the centre, then the opened room. `on_open` runs when a room
/// was opened (the coordinator's list reloads). Drawn again when the language, the error or
/// the outcome changes; what is typed stays in [`Form`].
pub fn form(
    ctx: Ctx,
    opener: Opener,
    services: Vec<Service>,
    on_open: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let f = Form {
        topic: RwSignal::new(String::new()),
        invited: RwSignal::new(Vec::new()),
        minutes: RwSignal::new(20),
        error: RwSignal::new(None),
        busy: RwSignal::new(false),
        opened: RwSignal::new(None),
    };
    let on_open: Arc<dyn Fn() + Send + Sync> = Arc::new(on_open);
    let new_tab = matches!(opener, Opener::Coordinator { .. });
    move || {
        let lang = ctx.lang.get();
        match f.opened.get() {
            Some(room) => opened(f, &room, lang, new_tab),
            None => fields(ctx, f, opener.clone(), &services, lang, on_open.clone()),
        }
    }
}

/// The form's fields in `lang`, with the error where it belongs (the field is marked invalid
/// and described by it).
fn fields(
    ctx: Ctx,
    f: Form,
    opener: Opener,
    services: &[Service],
    lang: Lang,
    on_open: Arc<dyn Fn() + Send + Sync>,
) -> AnyView {
    let t = texts(lang);
    let error = f.error.get();
    let at = |place: Place| {
        error
            .as_ref()
            .filter(|(p, _)| *p == place)
            .map(|(_, e)| e.clone())
    };
    let err = |id: &'static str, e: Option<String>| {
        e.map(|e| view! { <p class="field-error" id=id role="alert">{e}</p> })
    };
    let topic_error = at(Place::Topic);
    let described = if topic_error.is_some() {
        "q-topic-hint q-topic-error"
    } else {
        "q-topic-hint"
    };
    let chosen = f.invited.get_untracked();
    let checks = services
        .iter()
        .map(|s| {
            let id = s.id.clone();
            let checked = chosen.contains(&id);
            view! {
                <label class="check">
                    <input type="checkbox" name="invited" value=id.to_string() prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            f.invited.update(|v| {
                                v.retain(|s| *s != id);
                                if on {
                                    v.push(id.clone());
                                }
                            });
                        }/>
                    {service_name(lang, s).to_owned()}
                </label>
            }
        })
        .collect_view();
    let lengths = QUICK_MINUTES
        .step_by(5)
        .map(|m| (m.to_string(), format!("{m} {}", t.minutes)))
        .collect();
    let catalogue = services.to_vec();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !f.busy.get_untracked() {
            send(ctx, f, opener.clone(), &catalogue, on_open.clone());
        }
    };
    view! {
        <form class="quick-form" on:submit=submit novalidate>
            <div class="field">
                <label for="q-topic">{t.topic}</label>
                <input id="q-topic" type="text" maxlength="120" autocomplete="off"
                    aria-required="true" aria-invalid=topic_error.is_some().then_some("true")
                    aria-describedby=described prop:value=f.topic.get_untracked()
                    on:input=move |ev| f.topic.set(event_target_value(&ev))/>
                <p class="hint" id="q-topic-hint">{t.topic_hint}</p>
                {err("q-topic-error", topic_error)}
            </div>
            <fieldset class="checks" id="q-invited" tabindex="-1" aria-describedby="q-invited-hint">
                <legend>{t.invited}</legend>
                <p class="hint" id="q-invited-hint">{t.invited_hint}</p>
                {checks}
                {err("q-invited-error", at(Place::Invited))}
            </fieldset>
            {select_field("q-minutes", t.length, lengths, f.minutes.get_untracked().to_string(),
                move |v| f.minutes.set(v.parse().unwrap_or(20)))}
            <button type="submit" class="primary" id="q-open">{t.open}</button>
            {err("q-error", at(Place::Form))}
        </form>
    }
    .into_any()
}

/// Checks the form with the shared rule, then opens the room.
fn send(
    ctx: Ctx,
    f: Form,
    opener: Opener,
    catalogue: &[Service],
    on_open: Arc<dyn Fn() + Send + Sync>,
) {
    let lang = ctx.lang.get_untracked();
    let (key, path, token) = match opener {
        Opener::Key(k) => (Some(k), "/api/quick".to_owned(), None),
        Opener::Coordinator { token, centre } => {
            (None, format!("/api/centres/{centre}/quick"), Some(token))
        }
    };
    // The services in the catalogue's order, as the form lists them.
    let chosen = f.invited.get_untracked();
    let new = NewQuickRoom {
        key,
        topic: f.topic.get_untracked(),
        invited: catalogue
            .iter()
            .map(|s| s.id.clone())
            .filter(|id| chosen.contains(id))
            .collect(),
        minutes: f.minutes.get_untracked(),
    };
    let show = move |place: Place, text: String| {
        f.error.set(Some((place, text)));
        let focus = match place {
            Place::Topic => "q-topic",
            Place::Invited => "q-invited",
            Place::Form => "q-open",
        };
        request_animation_frame(move || web::focus(focus));
    };
    if let Err(problem) = new.check(catalogue) {
        let place = match problem {
            QuickRoomProblem::NoneInvited
            | QuickRoomProblem::NotInCatalogue { .. }
            | QuickRoomProblem::InvitedTwice { .. } => Place::Invited,
            QuickRoomProblem::TopicEmpty
            | QuickRoomProblem::TopicTooLong
            | QuickRoomProblem::MinutesOutOfRange => Place::Topic,
        };
        show(place, words::check_text(lang, problem).to_owned());
        return;
    }
    f.busy.set(true);
    let body = serde_json::to_string(&new).unwrap_or_default();
    spawn_local(async move {
        let answer: Result<QuickRoom, Refused> = read(post(&path, token.as_deref(), body).await);
        f.busy.set(false);
        let lang = ctx.lang.get_untracked();
        match answer {
            Ok(room) => {
                ctx.announce(texts(lang).opened.to_owned());
                f.error.set(None);
                f.opened.set(Some(room));
                on_open();
                request_animation_frame(|| web::focus("q-opened-h"));
            }
            Err(r) if r.code == Some(ApiErrorCode::IdentifierFound) => {
                let kinds: Vec<&str> = r.kinds.iter().map(|k| identifier_name(lang, k)).collect();
                show(Place::Topic, words::identifier_text(lang, &kinds));
            }
            Err(r) => show(
                Place::Form,
                words::refusal(lang, r.status, r.code).to_owned(),
            ),
        }
    });
}

/// The opened room: its topic, end time in the centre's zone, the chair's link to run it and
/// the participant link to pass on (with a Copy button).
fn opened(f: Form, room: &QuickRoom, lang: Lang, new_tab: bool) -> AnyView {
    let t = texts(lang);
    let (_, end) = local_parts(&room.ends_local, lang);
    let zone = zone_name(&room.time_zone, "");
    let target = new_tab.then_some("_blank");
    view! {
        <section class="card quick-opened" aria-labelledby="q-opened-h">
            <h2 id="q-opened-h" tabindex="-1">{t.opened}</h2>
            <p><strong>{room.title.clone()}</strong></p>
            <p id="q-ends">{format!("{} {end} ({zone})", t.ends)}</p>
            <p class="onward"><a id="q-chair-link" class="feedback-link" href=room.chair_link.clone() target=target rel="noopener">{t.chair_link}</a></p>
            {link_row(crate::i18n::texts(lang), t.participant_link, room.participant_link.clone(),
                "q-participant-link".into(), false)}
            <button type="button" class="secondary" id="q-another" on:click=move |_| {
                f.topic.set(String::new());
                f.invited.set(Vec::new());
                f.opened.set(None);
                request_animation_frame(|| web::focus("q-topic"));
            }>{t.another}</button>
        </section>
    }
    .into_any()
}

/// The coordinator's panel beside a centre's meetings: open a quick consultation room of the
/// selected centre; the list then shows it, marked.
#[cfg(feature = "coordinator")]
pub fn section(p: Page) -> impl IntoView {
    let ctx = p.ctx;
    move || {
        let t = texts(ctx.lang.get());
        let services = p.with_current(|c| c.map(|c| c.services.clone()).unwrap_or_default());
        let opener = Opener::Coordinator {
            token: p.token.get_untracked(),
            centre: p.centre.get(),
        };
        view! {
            <section aria-labelledby="quick-h">
                <h2 id="quick-h">{t.title}</h2>
                <p class="hint">{t.intro}</p>
                {form(ctx, opener, services, move || p.load_meetings(false))}
            </section>
        }
    }
}
