//! Attendance patterns (issue 12): the table of a centre's required services over its last six
//! meetings held ([`attendance_table`]), which the chair's view shows before the start
//! ([`ChairAttendance`]) and the coordinator page per centre and in period reports.
//!
//! Every mark is said in words for screen readers and drawn as a different symbol (✓ ✗ –), and
//! a service that keeps missing gets "⚠" and the words "Poissa 3 kertaa peräkkäin": nothing is
//! told by colour alone. The server computes the pattern (`server/src/reports/attendance.rs`);
//! this only draws it.

use crate::i18n::{attended_of, missed_in_a_row, texts, Lang};
use leptos::prelude::*;
use shared::api::{Attendance, AttendanceMark};

/// `13.10.2026` from `2026-10-13`, as the marks are read out.
fn display_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!(
            "{}.{}.{y}",
            d.trim_start_matches('0'),
            m.trim_start_matches('0')
        ),
        _ => iso.to_owned(),
    }
}

/// The pattern as a table in `lang`: one row per required service with its name (and the
/// mark when it keeps missing), then "1/6" over one symbol per meeting, oldest first (two
/// columns, so it fits a phone and a side column); the key under it. `id` names the table (a page may show several).
pub fn attendance_table(a: &Attendance, lang: Lang, id: &str) -> AnyView {
    let t = texts(lang);
    if a.meetings.is_empty() {
        return view! { <p class="muted att-none">{t.attendance_none}</p> }.into_any();
    }
    let rows = a
        .services
        .iter()
        .map(|s| {
            let flag = s.missed_three_in_a_row.then(|| {
                view! {
                    <span class="att-flag">
                        <span aria-hidden="true">"⚠ "</span>{missed_in_a_row(lang, s.missed_in_a_row)}
                    </span>
                }
            });
            let marks = s
                .marks
                .iter()
                .zip(&a.meetings)
                .map(|(m, date)| {
                    let (symbol, class, word) = match m {
                        AttendanceMark::Present => ("✓", "present", t.attendance_mark_present),
                        AttendanceMark::Missed => ("✗", "missed", t.attendance_mark_missed),
                        AttendanceMark::NotListed => {
                            ("–", "not-listed", t.attendance_mark_not_listed)
                        }
                    };
                    view! {
                        <li class=format!("att-mark att-{class}")>
                            <span aria-hidden="true">{symbol}</span>
                            <span class="visually-hidden">{format!("{}: {word}", display_date(date))}</span>
                        </li>
                    }
                })
                .collect_view();
            let class = if s.missed_three_in_a_row {
                "att-row flagged"
            } else {
                "att-row"
            };
            view! {
                <tr class=class data-service=s.service.to_string()>
                    <th scope="row"><span class="att-name">{s.name(lang).to_owned()}</span>{flag}</th>
                    <td>
                        <span class="att-count" aria-hidden="true">{s.count()}</span>
                        <span class="visually-hidden">{attended_of(lang, s.present, s.expected)}</span>
                        <ul class="att-marks">{marks}</ul>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!("{id}-cap");
    let labelled_by = caption.clone();
    view! {
        <div class="att-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class="attendance-table" id=id.to_owned()>
                <caption id=caption>{t.attendance_intro}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.attendance_service}</th>
                        <th scope="col">{t.attendance_present}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="hint att-key">{t.attendance_key}</p>
    }
    .into_any()
}

/// Why the chair's view has no attendance pattern to show; each is said the same way
/// ("could not be loaded").
#[cfg(feature = "meeting")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NoPattern {
    /// Not asked for: the meeting has started, or this browser holds no chair key for it.
    NotAsked,
    /// The request could not be made, or no answer came.
    NoAnswer,
    /// The server refused (a key that is not the chair's, or no such meeting).
    Refused,
    /// The answer was not an attendance pattern.
    Unreadable,
}

/// The chair's view before the start: the centre's attendance pattern, fetched once with the
/// chair key (`GET /api/meetings/{id}/attendance`), shown while the meeting has not started.
#[cfg(feature = "meeting")]
#[component]
pub fn ChairAttendance() -> impl IntoView {
    use leptos::task::spawn_local;
    use shared::domain::Phase;
    let ctx = crate::state::ctx();
    let loaded: RwSignal<Option<Result<Attendance, NoPattern>>> = RwSignal::new(None);
    // Asked for only before the start: once the meeting runs, the table is not shown.
    let meeting = ctx.room_state.with_untracked(|r| {
        r.as_ref()
            .filter(|r| r.phase == Phase::Open)
            .map(|r| r.meeting.id.to_string())
    });
    let key = meeting
        .as_ref()
        .and_then(|id| crate::web::session_get(&format!("ppt.key.{id}")));
    match (meeting, key) {
        (Some(id), Some(key)) => spawn_local(async move {
            loaded.set(Some(fetch(&id, &key).await));
        }),
        _ => loaded.set(Some(Err(NoPattern::NotAsked))),
    }
    let open = move || {
        ctx.room_state
            .with(|r| r.as_ref().is_some_and(|r| r.phase == Phase::Open))
    };
    view! {
        <Show when=open>
            <section class="attendance" aria-labelledby="att-h">
                <h2 id="att-h">{move || ctx.t().attendance_title}</h2>
                {move || {
                    let lang = ctx.lang.get();
                    let t = texts(lang);
                    loaded.with(|l| match l {
                        None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                        Some(Err(_)) => view! { <p class="muted">{t.attendance_failed}</p> }.into_any(),
                        Some(Ok(a)) => attendance_table(a, lang, "att-table"),
                    })
                }}
            </section>
        </Show>
    }
}

/// `GET /api/meetings/{id}/attendance` with the chair key as a Bearer token.
#[cfg(feature = "meeting")]
async fn fetch(id: &str, key: &str) -> Result<Attendance, NoPattern> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let no = |_| NoPattern::NoAnswer;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().map_err(no)?;
    headers
        .set("Authorization", &format!("Bearer {key}"))
        .map_err(no)?;
    init.set_headers(&headers);
    let path = format!("/api/meetings/{id}/attendance");
    let req = web_sys::Request::new_with_str_and_init(&path, &init).map_err(no)?;
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_request(&req))
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    if !resp.ok() {
        return Err(NoPattern::Refused);
    }
    let text = JsFuture::from(resp.text().map_err(no)?).await.map_err(no)?;
    serde_json::from_str(&text.as_string().unwrap_or_default()).map_err(|_| NoPattern::Unreadable)
}
