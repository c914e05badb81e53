//! `/feedback/{meeting}#key=…`: the anonymous feedback form offered when a meeting ends
//! (issue 13), in the coordinator's bundle (the meeting's bundle is at its size budget).
//!
//! Who answers is proven as on the meeting page: the link's key from the URL fragment, and the
//! secret this browser's `joined` gave, which the meeting page keeps in local storage under
//! `ppt.join.{meeting}.{first 8 characters of the key}`. Neither is stored with the answer; the
//! server only notes that this person has answered (one answer each).
//!
//! The page asks the server first (`POST …/feedback/status`) and shows one of: the form (three
//! 1–5 scales as radio groups with a legend, the ends labelled in words, and an optional
//! comment); that the meeting has not ended yet; that this person has already answered; that
//! this browser did not take part or the link does not open the form. After sending, a thanks
//! takes focus. Identifier findings in the comment are said next to it by kind, never echoing
//! the text, and nothing is saved until the comment is clean.
//!
//! Kept small for the coordinator bundle's size budget: the page is drawn afresh when the
//! language or the stage changes (its texts are plain strings, not one closure each), and the
//! requests' JSON is written as text and read by the browser's own `JSON.parse` rather than by
//! derived types.

use crate::components::status::LangSwitch;
use crate::i18n::{feedback::texts, identifier_name, Lang};
use crate::state::ctx;
use crate::web;
use js_sys::{Array, Reflect, JSON};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::feedback::{FeedbackQuestion, MAX_FEEDBACK_COMMENT_CHARS};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Loading,
    /// The URL has no `#key=…`.
    NoKey,
    /// This browser has no saved join for the meeting.
    NotJoined,
    /// The key is not the meeting's or has expired, or the server does not know the person.
    NotAllowed,
    NotFound,
    NotEnded,
    /// The status could not be read.
    Failed,
    Form,
    Given,
    Thanks,
}

/// What is wrong with the answer, said where it is.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    /// Identifier kinds the server found in the comment (wire names, each once).
    Found(Vec<String>),
    TooLong,
    Empty,
    Failed,
}

/// `POST path` with a JSON body and no token: `Ok` with the answer's JSON, or `Err` with the
/// HTTP status (0 when there was no answer) and the error body's JSON (`undefined` if none).
async fn post(path: &str, body: String) -> Result<JsValue, (u16, JsValue)> {
    let no = |_| (0, JsValue::UNDEFINED);
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().map_err(no)?;
    headers
        .set("Content-Type", "application/json")
        .map_err(no)?;
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    let req = web_sys::Request::new_with_str_and_init(path, &init).map_err(no)?;
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_request(&req))
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    let json = text
        .as_string()
        .and_then(|t| JSON::parse(&t).ok())
        .unwrap_or(JsValue::UNDEFINED);
    if resp.ok() && json.is_object() {
        Ok(json)
    } else {
        Err((if resp.ok() { 0 } else { resp.status() }, json))
    }
}

/// `v.name`, or `undefined`.
fn field(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Moves focus to the element `id` once the page has drawn the change that shows it.
fn focus_later(id: &'static str) {
    request_animation_frame(move || web::focus(id));
}

/// A string as a JSON literal.
fn json_str(s: &str) -> String {
    JSON::stringify(&JsValue::from_str(s))
        .ok()
        .and_then(|j| j.as_string())
        .unwrap_or_default()
}

/// The secret this browser's join of `meeting` with `key` saved, if it took part.
fn saved_secret(meeting: &str, key: &str) -> Option<String> {
    let short: String = key.chars().take(8).collect();
    let saved = web::local_get(&format!("ppt.join.{meeting}.{short}"))?;
    field(&JSON::parse(&saved).ok()?, "secret").as_string()
}

/// The stage a status answer shows.
fn stage_of(s: &JsValue) -> Stage {
    if field(s, "given").is_truthy() {
        Stage::Given
    } else if field(s, "ended").is_truthy() {
        Stage::Form
    } else {
        Stage::NotEnded
    }
}

/// The meeting's title, centre and start (ms) from a status answer.
fn facts(s: &JsValue) -> (String, String, f64) {
    let text = |name| field(s, name).as_string().unwrap_or_default();
    (
        text("title"),
        text("centre_name"),
        field(s, "starts_at").as_f64().unwrap_or_default(),
    )
}

/// The feedback form of one meeting.
#[component]
pub fn FeedbackPage(meeting: String) -> impl IntoView {
    let ctx = ctx();
    let stage = RwSignal::new(Stage::Loading);
    // The meeting's title, centre and start, from the status.
    let info: RwSignal<Option<(String, String, f64)>> = RwSignal::new(None);
    let scores: [RwSignal<u8>; 3] = std::array::from_fn(|_| RwSignal::new(0));
    let comment = RwSignal::new(String::new());
    let problem: RwSignal<Option<Problem>> = RwSignal::new(None);

    let key = web::fragment_key();
    let secret = key.as_deref().and_then(|k| saved_secret(&meeting, k));
    let proof = match (key, secret) {
        (None, _) => {
            stage.set(Stage::NoKey);
            String::new()
        }
        (Some(_), None) => {
            stage.set(Stage::NotJoined);
            String::new()
        }
        (Some(key), Some(secret)) => {
            format!(
                "\"key\":{},\"secret\":{}",
                json_str(&key),
                json_str(&secret)
            )
        }
    };
    let status_path = format!("/api/meetings/{meeting}/feedback/status");
    let answer_path = format!("/api/meetings/{meeting}/feedback");
    // Asks the server where this person stands, and shows it.
    let load = {
        let (path, body) = (status_path, format!("{{{proof}}}"));
        move || {
            let (path, body) = (path.clone(), body.clone());
            spawn_local(async move {
                match post(&path, body).await {
                    Ok(s) => {
                        info.set(Some(facts(&s)));
                        stage.set(stage_of(&s));
                    }
                    Err((403, _)) => stage.set(Stage::NotAllowed),
                    Err((404, _)) => stage.set(Stage::NotFound),
                    Err(_) => stage.set(Stage::Failed),
                }
                focus_later("fb-state");
            });
        }
    };
    if !proof.is_empty() {
        load();
    }

    let send = move || {
        problem.set(None);
        let text = comment.get_untracked().trim().to_owned();
        if text.chars().count() > MAX_FEEDBACK_COMMENT_CHARS {
            problem.set(Some(Problem::TooLong));
            web::focus("fb-comment");
            return;
        }
        let given: Vec<String> = FeedbackQuestion::ALL
            .into_iter()
            .zip(scores)
            .filter(|(_, s)| s.get_untracked() > 0)
            .map(|(q, s)| format!("\"{}\":{}", q.as_str(), s.get_untracked()))
            .collect();
        if given.is_empty() && text.is_empty() {
            problem.set(Some(Problem::Empty));
            focus_later("fb-problem");
            return;
        }
        let mut body = format!("{{{proof},\"scores\":{{{}}}", given.join(","));
        if !text.is_empty() {
            body += &format!(",\"comment\":{}", json_str(&text));
        }
        body.push('}');
        let (path, load) = (answer_path.clone(), load.clone());
        spawn_local(async move {
            match post(&path, body).await {
                Ok(s) => {
                    info.set(Some(facts(&s)));
                    stage.set(Stage::Thanks);
                    focus_later("fb-state");
                }
                Err((400, e)) if field(&field(&e, "error"), "code") == "identifier_found" => {
                    let mut kinds: Vec<String> = Vec::new();
                    let findings: Array = field(&field(&e, "error"), "findings").unchecked_into();
                    for f in findings.iter() {
                        let k = field(&f, "kind").as_string().unwrap_or_default();
                        if !kinds.contains(&k) {
                            kinds.push(k);
                        }
                    }
                    problem.set(Some(Problem::Found(kinds)));
                    focus_later("fb-comment");
                }
                // Already answered (in another tab, say) or not ended: the status says which.
                Err((409, _)) => load(),
                Err((403, _)) => stage.set(Stage::NotAllowed),
                Err(_) => {
                    problem.set(Some(Problem::Failed));
                    focus_later("fb-problem");
                }
            }
        });
    };

    let body = move || {
        let lang = ctx.lang.get();
        let t = texts(lang);
        let stage = stage.get();
        // The meeting, "PPT-konsultaatio, Kalasatama · 30.11.2026" (the default title names
        // the centre already). One view with plain texts: each view type costs bundle size.
        let heading = info
            .get()
            .map_or(String::new(), |(title, centre, starts_at)| {
                let date = web::date(starts_at as i64);
                if title.contains(&centre) {
                    format!("{title} · {date}")
                } else {
                    format!("{title}, {centre} · {date}")
                }
            });
        let (text, class) = match stage {
            Stage::Loading => (t.loading, "loading"),
            Stage::NoKey => (t.no_key, "alert"),
            Stage::NotJoined => (t.not_joined, "alert"),
            Stage::NotAllowed => (t.not_allowed, "alert"),
            Stage::NotFound => (t.not_found, "alert"),
            Stage::Failed => (t.failed, "alert"),
            Stage::NotEnded => (t.not_ended, "rule"),
            Stage::Given => (t.given, "ok"),
            Stage::Thanks => (t.thanks, "ok"),
            Stage::Form => ("", ""),
        };
        let heading = (!heading.is_empty())
            .then(|| view! { <p class="meeting-title"><strong>{heading}</strong></p> });
        let state = (stage != Stage::Form)
            .then(|| view! { <p id="fb-state" class=class role="status" tabindex="-1">{text}</p> });
        let form =
            (stage == Stage::Form).then(|| form(lang, scores, comment, problem, send.clone()));
        view! { <h1>{t.title}</h1>{heading}{state}{form} }
    };

    view! {
        <a class="skip" href="#main">{move || ctx.t().skip_to_main}</a>
        <header class="topbar">
            <div class="topbar-title"><span class="brand">"PPT Hub"</span></div>
            <LangSwitch/>
        </header>
        <main id="main" class="page narrow">{body}</main>
    }
}

/// The form in `lang`: the three scales (each a radio group with the statement as its legend,
/// 1 to 5 with the ends named in words), the optional comment, and send. What was chosen and
/// typed is kept in the signals, so a change of language redraws it as it was.
fn form(
    lang: Lang,
    scores: [RwSignal<u8>; 3],
    comment: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    send: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = texts(lang);
    let scales = FeedbackQuestion::ALL
        .into_iter()
        .zip(scores)
        .enumerate()
        .map(|(i, (q, score))| {
            let [fi, sv, en] = q.names();
            let options = (1..=5u8)
                .map(|n| {
                    let words = match n {
                        1 => format!("1 – {}", t.scale_low),
                        5 => format!("5 – {}", t.scale_high),
                        _ => n.to_string(),
                    };
                    // The radio inside its label: the label names it, no ids needed.
                    view! {
                        <label class="check">
                            <input type="radio" name=format!("fb-q{i}") value=n
                                checked=score.get_untracked() == n
                                on:change=move |_| score.set(n)/>
                            {words}
                        </label>
                    }
                })
                .collect_view();
            view! { <fieldset class="radios"><legend>{lang.t(fi, sv, en)}</legend>{options}</fieldset> }
        })
        .collect_view();
    // The comment's own problems are said next to it; the others above the form.
    let comment_problem = move || match problem.get() {
        Some(Problem::Found(kinds)) => {
            let names: Vec<&str> = kinds.iter().map(|k| identifier_name(lang, k)).collect();
            Some(format!(
                "{} {}. {}",
                t.comment_found,
                names.join(", "),
                t.comment_found_end
            ))
        }
        Some(Problem::TooLong) => Some(t.comment_too_long.to_owned()),
        _ => None,
    };
    let form_problem = move || match problem.get() {
        Some(Problem::Empty) => Some(t.empty),
        Some(Problem::Failed) => Some(t.failed),
        _ => None,
    };
    view! {
        <form id="fb-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            send();
        }>
            <p>{t.intro}</p>
            <p class="hint">{t.optional}</p>
            {move || form_problem().map(|p| view! { <p id="fb-problem" class="alert" role="alert" tabindex="-1">{p}</p> })}
            {scales}
            <div class="field">
                <label for="fb-comment">{t.comment_label}</label>
                <p class="hint" id="fb-comment-hint">{t.comment_hint}</p>
                <textarea id="fb-comment" rows="5"
                    aria-invalid=move || problem.with(|p| matches!(p, Some(Problem::Found(_) | Problem::TooLong))).to_string()
                    aria-describedby="fb-comment-hint fb-comment-err"
                    prop:value=comment.get_untracked()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                {move || comment_problem().map(|e| view! { <p class="field-error" id="fb-comment-err" role="alert">{e}</p> })}
            </div>
            <div class="form-footer">
                <button type="submit" class="primary">{t.send}</button>
            </div>
        </form>
    }
}
