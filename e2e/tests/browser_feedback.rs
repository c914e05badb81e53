//! The anonymous feedback form (issue 13) in headless Chromium.
//!
//! `a_participant_gives_feedback_by_keyboard_after_the_meeting`:
//! - a professional joins a meeting from its participant link (the browser keeps the join's
//!   secret); the page offers a quick consultation (`/quick#key=…`) and no feedback yet; the
//!   chair ends the meeting, the page offers the feedback form and the professional follows
//!   the link to `/feedback/{meeting}#key=…` at 1366 px;
//! - by keyboard alone they pick a score on each of the three scales (arrow keys in the radio
//!   groups), type a comment holding an identity code and send it: the comment is refused next
//!   to the field by kind ("henkilötunnus"), the text is not echoed, nothing is stored;
//! - they replace the comment and send again: thanks takes focus, the server has one answer;
//! - opened again at 390 px the page says the feedback was already given; a browser that did
//!   not take part is told so;
//! - axe-core finds no violation at any step; screenshots feedback-offer-1366.png,
//!   feedback-form-1366.png,
//!   feedback-refused-1366.png, feedback-thanks-1366.png, feedback-given-390.png and
//!   feedback-not-joined-390.png in e2e/artifacts/screens/.
//!
//! `the_period_report_draws_the_feedback_over_time`: two meetings with five answers each; the
//! coordinator's period report shows the period's means and each scale meeting by meeting as
//! charts, with the five-answer rule as their key; axe-clean; report-feedback-1366.png.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, listed, poll, screens_dir, Browser, Driver, SERIAL, UI_WAIT};
use e2e::browser::{PHONE, WIDE};
use e2e::fixtures::api_as;
use e2e::{Meeting, Server, TOKEN};
use serde_json::json;

/// Presses a key on the focused element (WebDriver key codes: Tab \u{E004}, Enter \u{E007},
/// left arrow \u{E012}, right arrow \u{E014}).
async fn press(b: &Browser, key: &str) {
    let el = b.wd.active_element().await.expect("focused element");
    el.send_keys(key).await.expect("send key");
}

/// The focused element: its id, or `name=value` for a radio.
async fn focused_id(b: &Browser) -> String {
    b.js(
        "const e = document.activeElement; if (!e) return ''; \
         return e.type === 'radio' ? `${e.name}=${e.value}` : e.id",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Presses Tab until the element `id` (as [`focused_id`] names it) has focus (at most `max`
/// times); returns how many.
async fn tab_to(b: &Browser, id: &str, max: usize) -> usize {
    for n in 1..=max {
        press(b, "\u{E004}").await;
        if focused_id(b).await == id {
            return n;
        }
    }
    panic!("[{}] #{id} not reached in {max} Tab presses", b.name);
}

/// No axe violation at all (of any impact) on `b`'s page.
async fn no_axe_violations(b: &Browser, axe: &str, step: &str) {
    let v = b.axe(axe).await;
    assert!(v.is_empty(), "axe at {step}:\n{}", listed(&v));
}

/// The checked radio of group `name`, its value.
async fn checked(b: &Browser, name: &str) -> String {
    b.js(
        "const e = document.querySelector(`input[name=${arguments[0]}]:checked`); return e ? e.value : ''",
        vec![json!(name)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[tokio::test]
async fn a_participant_gives_feedback_by_keyboard_after_the_meeting() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&[]);
    let dir = screens_dir();
    let m = Meeting::create(&server).await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;

    // --- A professional joins from the participant link; the chair ends the meeting. ---
    let b = driver.open("participant", WIDE.0, WIDE.1).await;
    b.goto(&m.participant_link(&server)).await;
    b.join_meeting("kela", "").await;
    // While the meeting runs, the page offers a quick consultation but no feedback yet.
    let quick = b.wait_for("#quick-link").await;
    let quick_href = quick.attr("href").await.expect("href").unwrap_or_default();
    assert_eq!(quick_href, format!("/quick#key={}", m.participant_key));
    assert!(
        !b.exists("#feedback-link").await,
        "feedback offered before the end"
    );
    chair.ok(json!({"type": "end_meeting"})).await;
    let form_url = format!(
        "{}/feedback/{}#key={}",
        server.http(),
        m.id,
        m.participant_key
    );
    // Once it has ended, the meeting page offers the form; following the link opens it.
    b.wait_for("#feedback-link").await;
    no_axe_violations(&b, &axe, "the ended meeting with the feedback offer").await;
    b.screenshot_full(&dir.join("feedback-offer-1366.png"), WIDE.0, WIDE.1)
        .await;
    b.click("#feedback-link").await;
    b.wait_for("#fb-form").await;
    let url = b.js("return location.href", vec![]).await;
    assert_eq!(url.as_str(), Some(form_url.as_str()));
    assert_eq!(b.text("h1").await, "Palaute tapaamisesta");
    let legend = b.text("#fb-form fieldset legend").await;
    assert_eq!(legend, "Sain sitä, mitä tulin hakemaan");
    no_axe_violations(&b, &axe, "the empty form").await;
    b.screenshot_full(&dir.join("feedback-form-1366.png"), WIDE.0, WIDE.1)
        .await;

    // --- By keyboard: a score on each scale, a comment, send. ---
    let tabs = tab_to(&b, "fb-q0=1", 12).await;
    eprintln!("the first scale in {tabs} Tab presses");
    press(&b, "\u{E012}").await; // left from 1 wraps to 5
    assert_eq!(checked(&b, "fb-q0").await, "5");
    press(&b, "\u{E004}").await;
    assert_eq!(focused_id(&b).await, "fb-q1=1");
    for _ in 0..3 {
        press(&b, "\u{E014}").await;
    }
    assert_eq!(checked(&b, "fb-q1").await, "4");
    press(&b, "\u{E004}").await;
    press(&b, "\u{E014}").await;
    press(&b, "\u{E014}").await;
    assert_eq!(checked(&b, "fb-q2").await, "3");
    press(&b, "\u{E004}").await;
    assert_eq!(focused_id(&b).await, "fb-comment");
    press(&b, "Matti Virtanen 120464-121C").await;
    press(&b, "\u{E004}").await;
    press(&b, "\u{E007}").await;

    // --- Refused next to the comment, by kind; nothing stored, the text not echoed. ---
    b.wait_for("#fb-comment-err").await;
    let err = b.text("#fb-comment-err").await;
    assert!(err.starts_with("Kommentissa on tunnistetietoja:"), "{err}");
    assert!(err.contains("henkilötunnus"), "{err}");
    assert!(
        !err.contains("120464") && !err.contains("Virtanen"),
        "{err}"
    );
    let invalid = b
        .js(
            "return document.getElementById('fb-comment').getAttribute('aria-invalid')",
            vec![],
        )
        .await;
    assert_eq!(invalid, json!("true"));
    poll("focus back on the comment", UI_WAIT, || async {
        let f = focused_id(&b).await;
        if f == "fb-comment" {
            Ok(())
        } else {
            Err(f)
        }
    })
    .await;
    assert!(!server.stores("120464-121C"));
    no_axe_violations(&b, &axe, "the refused comment").await;
    b.screenshot_full(&dir.join("feedback-refused-1366.png"), WIDE.0, WIDE.1)
        .await;
    let proof = json!({"key": m.participant_key, "secret": chair.secret.clone().unwrap()});
    let (_, s) = api_as(
        &server,
        "POST",
        &format!("/api/meetings/{}/feedback/status", m.id),
        Some(proof),
        None,
    )
    .await;
    assert_eq!(s["answers"], 0, "{s}");

    // --- A clean comment, sent with Enter on the button: thanks takes focus. ---
    b.fill("#fb-comment", "Selkeä puheenjohto ja hyvä aikataulu.")
        .await;
    press(&b, "\u{E004}").await;
    press(&b, "\u{E007}").await;
    b.wait_for("#fb-state.ok").await;
    assert!(b
        .text("#fb-state")
        .await
        .starts_with("Kiitos palautteesta!"));
    poll("focus on the thanks", UI_WAIT, || async {
        let f = focused_id(&b).await;
        if f == "fb-state" {
            Ok(())
        } else {
            Err(f)
        }
    })
    .await;
    let (_, s) = api_as(
        &server,
        "POST",
        &format!("/api/meetings/{}/feedback/status", m.id),
        Some(json!({"key": m.participant_key, "secret": chair.secret.clone().unwrap()})),
        None,
    )
    .await;
    assert_eq!(s["answers"], 1, "{s}");
    no_axe_violations(&b, &axe, "the thanks").await;
    b.screenshot(&dir.join("feedback-thanks-1366.png")).await;

    // --- Again at 390 px: already given. ---
    b.set_viewport(PHONE.0, PHONE.1).await;
    b.reload().await;
    b.wait_for("#fb-state.ok").await;
    assert!(b
        .text("#fb-state")
        .await
        .starts_with("Olet jo antanut palautteen"));
    no_axe_violations(&b, &axe, "already given").await;
    b.screenshot(&dir.join("feedback-given-390.png")).await;
    b.close().await;

    // --- A browser that did not take part. ---
    let other = driver.open("stranger", PHONE.0, PHONE.1).await;
    other.goto(&form_url).await;
    other.wait_for("#fb-state.alert").await;
    assert!(other
        .text("#fb-state")
        .await
        .starts_with("Tällä selaimella ei osallistuttu"));
    no_axe_violations(&other, &axe, "not taken part").await;
    other
        .screenshot(&dir.join("feedback-not-joined-390.png"))
        .await;
    other.close().await;
}

/// Holds a meeting of Kalasatama at `starts_at` where five professionals join and, once it has
/// ended, answer with `scores`.
async fn held_with_feedback(server: &Server, starts_at: &str, scores: [u8; 3]) {
    let m = Meeting::create_with(
        server,
        json!({"centre_id": "kalasatama", "starts_at": starts_at}),
    )
    .await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;
    let mut people = Vec::new();
    for s in [
        "kela",
        "social_services",
        "elderly_guidance",
        "oral_health",
        "disability",
    ] {
        people.push(m.participant_joined(&server.addr, s).await);
    }
    chair.ok(json!({"type": "end_meeting"})).await;
    for p in &people {
        let (status, body) = api_as(
            server,
            "POST",
            &format!("/api/meetings/{}/feedback", m.id),
            Some(json!({"key": m.participant_key, "secret": p.secret,
                "scores": {"got_what_came_for": scores[0], "understand_others": scores[1],
                           "time_well_used": scores[2]}})),
            None,
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test]
async fn the_period_report_draws_the_feedback_over_time() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&[]);
    held_with_feedback(&server, "2026-10-13T13:00:00+03:00", [4, 3, 5]).await;
    held_with_feedback(&server, "2026-11-10T13:00:00+02:00", [5, 4, 4]).await;

    let coord = driver.open("coordinator", WIDE.0, WIDE.1).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    coord.click_button(".tabs", "Raportit").await;
    coord.wait_for("#r-from").await;
    coord.select("#r-centre", "kalasatama").await;
    coord
        .js(
            "for (const [id, v] of [['r-from', '2026-10-01'], ['r-to', '2026-11-30']]) { \
               const e = document.getElementById(id); e.value = v; \
               e.dispatchEvent(new Event('input', { bubbles: true })); } \
             document.getElementById('r-from').form.requestSubmit();",
            vec![],
        )
        .await;
    coord.wait_for("#r-results .chart svg").await;
    // The feedback's charts, by their titles; the first one's figure gets an id to be shot.
    let titles = coord
        .js(
            "const f = [...document.querySelectorAll('#r-results figure.chart')] \
               .filter(f => /^(Mukana vain|Palaute ajan)/.test(f.querySelector('figcaption')?.textContent || '')); \
             if (f.length) f[0].id = 'feedback-chart'; \
             return f.map(f => f.querySelector('svg').getAttribute('aria-label'))",
            vec![],
        )
        .await;
    let titles: Vec<String> = serde_json::from_value(titles).unwrap();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(
        titles[0].starts_with("Palaute: keskiarvot 1–5 koko jaksolta (10 vastausta, 2 tapaamista): Sain sitä, mitä tulin hakemaan 4,5"),
        "{titles:?}"
    );
    assert!(
        titles[1].contains("13.10. (5 vastausta) 4")
            && titles[1].contains("10.11. (5 vastausta) 5"),
        "{titles:?}"
    );
    let key = coord.text("#feedback-chart figcaption").await;
    assert!(
        key.starts_with("Mukana vain tapaamiset, joissa on vähintään 5 vastausta"),
        "{key}"
    );
    no_axe_violations(&coord, &axe, "the period report with feedback").await;
    coord
        .screenshot_at(
            "feedback-chart",
            &screens_dir().join("report-feedback-1366.png"),
        )
        .await;
    coord.close().await;
}
