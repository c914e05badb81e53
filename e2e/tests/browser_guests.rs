//! Experts by experience and the agenda out ahead in headless Chromium (issue 12): the chair at
//! 1366 px, an expert by experience on a 390 px phone, a professional as a raw WebSocket client.
//!
//! `an_expert_by_experience_joins_in_the_browser_and_the_chair_sees_the_late_mark`:
//! - a centre publishes its agenda 24 h ahead; its meeting is 30 h away; a professional's case
//!   comes in before the publication; the coordinator then publishes 48 h ahead (now);
//! - the chair turns on "Kokemusasiantuntijat voivat liittyä" (a checkbox, by keyboard-usable
//!   label) and the room records it;
//! - the phone opens the participant link: the join page shows the published queue, read-only;
//!   "Kokemusasiantuntija" is among the choices; the expert joins, is not counted for a
//!   service, and brings a matter with the form: a late addition;
//! - the chair's agenda marks each item in words ("ennakkoon", "myöhässä") and counts them;
//!   the representation panel counts the expert apart;
//! - no axe violation on either page at any step checked; screenshots
//!   guests-join-390.png, guests-expert-390.png, guests-chair-1366.png (+ -full),
//!   guests-chair-agenda-1366.png and guests-chair-390.png in e2e/artifacts/screens/.
//!
//! `the_coordinator_allows_guests_on_a_meeting_and_sets_when_the_agenda_is_published`: the
//! switches on a live meeting's card and the centre's "hours before" field, each reaching the
//! API; axe and guests-coordinator-1366.png, guests-coordinator-settings-390.png.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, no_axe_violations, screens_dir, Driver, SERIAL, UI_WAIT};
use e2e::fixtures::{api, now_ms, utc_rfc3339};
use e2e::{snapshot, submit, Meeting, Server, TOKEN};
use serde_json::json;
use shared::domain::{Arrival, Standing};

use e2e::browser::{PHONE, WIDE};
const HOUR: i64 = 3_600_000;

#[tokio::test]
async fn an_expert_by_experience_joins_in_the_browser_and_the_chair_sees_the_late_mark() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&[]);
    let addr = server.addr.clone();
    let dir = screens_dir();

    // A centre that publishes its agenda a day ahead, and its meeting in 30 hours.
    let (status, _) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id": "vuosaari", "name": "Vuosaari"})),
    )
    .await;
    assert_eq!(status, 201);
    let m = Meeting::create_with(
        &server,
        json!({"centre_id": "vuosaari", "starts_at": utc_rfc3339(now_ms() + 30 * HOUR)}),
    )
    .await;
    let mut kela = m.participant_joined(&addr, "kela").await;
    kela.ok(submit(
        "Toimeentulon katkokset",
        "",
        "Miten etuudet turvataan?",
        &[],
    ))
    .await;
    // Now published: 48 h ahead.
    let (status, _) = api(
        &server,
        "PATCH",
        "/api/centres/vuosaari",
        Some(json!({"agenda_ahead_hours": 48})),
    )
    .await;
    assert_eq!(status, 200);

    // --- The chair at 1366 px allows experts by experience. ---
    let chair = driver.open("chair", WIDE.0, WIDE.1).await;
    chair.goto(&m.chair_link(&server)).await;
    chair.join_meeting("health_station", "").await;
    chair.wait_for("#allow-experts").await;
    assert_eq!(
        chair.text(".guest-settings legend").await,
        "Kokemusasiantuntijat ja vieraat"
    );
    chair.click("#allow-experts").await;
    e2e::browser::poll("experts allowed in the room", UI_WAIT, || async {
        let (s, _, _) = snapshot(&addr, &m).await;
        if s.guests_allowed.experts && !s.guests_allowed.guests {
            Ok(())
        } else {
            Err(format!("{:?}", s.guests_allowed))
        }
    })
    .await;

    // --- The expert by experience on the phone: the published agenda, then joining. ---
    let phone = driver.open("expert", PHONE.0, PHONE.1).await;
    phone.goto(&m.participant_link(&server)).await;
    phone.wait_for(".published-agenda").await;
    let published = phone.text(".published-agenda").await;
    assert!(
        published.contains("Esityslista on julkaistu")
            && published.contains("Toimeentulon katkokset"),
        "the queue is shown before joining: {published}"
    );
    phone
        .wait_for(&format!(
            "#join-service option[value='{}']",
            Standing::EXPERT_BY_EXPERIENCE_ID
        ))
        .await;
    assert!(
        !phone.exists("#join-service option[value='guest']").await,
        "guests are not allowed"
    );
    no_axe_violations(&phone, &axe, "the join page with the published agenda").await;
    phone.screenshot(&dir.join("guests-join-390.png")).await;
    phone
        .join_meeting(Standing::EXPERT_BY_EXPERIENCE_ID, "")
        .await;
    let (state, _, _) = snapshot(&addr, &m).await;
    let rep = state.representation();
    assert_eq!(rep.experts_by_experience, 1);
    assert!(rep
        .missing_required
        .iter()
        .any(|s| s.as_str() == "oral_health"));
    phone.wait_for(".guest-count").await;
    assert!(phone
        .text(".guest-count")
        .await
        .starts_with("Kokemusasiantuntijoita 1, vieraita 0"));

    // The expert brings a matter: after the publication, a late addition.
    phone.click("#kind-phenomenon").await;
    phone.fill("#f-title", "Palvelupolun katkokset").await;
    phone
        .fill("#f-question", "Miten yhteydenotto helpottuu?")
        .await;
    phone.click(".submit button[type=submit]").await;
    phone.wait_for(".submit p.ok").await;
    no_axe_violations(&phone, &axe, "the expert's page").await;
    phone.screenshot(&dir.join("guests-expert-390.png")).await;
    let (state, _, _) = snapshot(&addr, &m).await;
    let arrivals: Vec<_> = state.items.iter().map(|i| i.arrival).collect();
    assert_eq!(
        arrivals,
        [Some(Arrival::Ahead), Some(Arrival::LateAddition)]
    );
    assert_eq!(
        state.items[1].presenter_service.as_str(),
        Standing::EXPERT_BY_EXPERIENCE_ID
    );

    // --- The chair sees the marks in words, and the counts. ---
    chair.wait_for("#item-i2 .arrival-late").await;
    assert_eq!(
        chair.text("#item-i2 .arrival-late").await.trim(),
        "◷ myöhässä"
    );
    assert_eq!(chair.text("#item-i1 .arrival").await.trim(), "ennakkoon");
    assert!(
        chair
            .text("#item-i2 .item-presenter")
            .await
            .contains("Kokemusasiantuntija"),
        "the presenter is named as an expert by experience"
    );
    assert_eq!(
        chair.text(".arrivals").await,
        "Tuotu esityslistalle: ennakkoon 1 · myöhässä 1 · kokouksessa 0"
    );
    assert!(chair
        .text(".representation .guest-count")
        .await
        .contains("Kokemusasiantuntijoita 1"));
    assert!(
        !phone.exists(".arrivals").await && !phone.exists("#item-i2 .arrival").await,
        "the marks are the chair's"
    );
    no_axe_violations(&chair, &axe, "the chair's view with the marks").await;
    chair.screenshot(&dir.join("guests-chair-1366.png")).await;
    chair
        .screenshot_full(&dir.join("guests-chair-1366-full.png"), WIDE.0, WIDE.1)
        .await;
    chair
        .screenshot_at("agenda-h", &dir.join("guests-chair-agenda-1366.png"))
        .await;
    chair.set_viewport(PHONE.0, PHONE.1).await;
    no_axe_violations(&chair, &axe, "the chair's view at 390 px").await;
    chair
        .screenshot_at("agenda-h", &dir.join("guests-chair-390.png"))
        .await;

    // Turning it off keeps the expert in; it shows unchecked on the chair's page.
    chair.click("#allow-experts").await;
    e2e::browser::poll("experts no longer allowed", UI_WAIT, || async {
        let (s, _, _) = snapshot(&addr, &m).await;
        if s.guests_allowed.experts {
            Err("still allowed".to_owned())
        } else {
            Ok(())
        }
    })
    .await;
    let (state, _, _) = snapshot(&addr, &m).await;
    assert_eq!(state.representation().experts_by_experience, 1);

    chair.close().await;
    phone.close().await;
}

#[tokio::test]
async fn the_coordinator_allows_guests_on_a_meeting_and_sets_when_the_agenda_is_published() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&[]);
    let dir = screens_dir();
    let m = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": utc_rfc3339(now_ms() + 30 * HOUR)}),
    )
    .await;
    let coord = driver.open("coordinator", WIDE.0, WIDE.1).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;

    // The meeting's card: two switches, off; guests on.
    let guests = format!("#gu-{}", m.id);
    coord.wait_for(&format!("#ex-{}", m.id)).await;
    coord
        .js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
            vec![json!(guests)],
        )
        .await;
    coord.click(&guests).await;
    let path = format!("/api/meetings/{}", m.id);
    e2e::browser::poll("guests allowed on the meeting", UI_WAIT, || async {
        let (_, v) = api(&server, "GET", &path, None).await;
        if v["allow_guests"] == json!({"experts": false, "guests": true}) {
            Ok(())
        } else {
            Err(v["allow_guests"].to_string())
        }
    })
    .await;
    coord
        .wait_js(
            "the card to show the switch on",
            "const e = document.querySelector(arguments[0]); return e && e.checked ? true : null",
            vec![json!(guests)],
        )
        .await;
    no_axe_violations(&coord, &axe, "the meetings with the guest switches").await;
    // The card with its switches, scrolled to.
    coord
        .js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
            vec![json!(guests)],
        )
        .await;
    let png = coord.wd.screenshot().await.unwrap();
    std::fs::write(dir.join("guests-coordinator-1366.png"), png).unwrap();

    // The centre's settings: the agenda is published 24 h ahead; 36 saved.
    coord.click_button(".tabs", "Keskuksen asetukset").await;
    coord.wait_for("#ce-agenda").await;
    let value = coord
        .js("return document.getElementById('ce-agenda').value", vec![])
        .await;
    assert_eq!(value, json!("24"));
    coord.fill("#ce-agenda", "400").await;
    coord.click("form.centre-form button[type=submit]").await;
    coord
        .wait_js(
            "the form to say what is wrong and focus the field",
            "return document.activeElement && document.activeElement.id === 'ce-agenda' ? true : null",
            vec![],
        )
        .await;
    assert!(coord.text("#ce-note").await.contains("0–336"));
    coord.fill("#ce-agenda", "36").await;
    coord.click("form.centre-form button[type=submit]").await;
    e2e::browser::poll("the centre's new publication time", UI_WAIT, || async {
        let (_, c) = api(&server, "GET", "/api/centres/kalasatama", None).await;
        if c["agenda_ahead_hours"] == 36 {
            Ok(())
        } else {
            Err(c["agenda_ahead_hours"].to_string())
        }
    })
    .await;
    coord.set_viewport(PHONE.0, PHONE.1).await;
    coord
        .js(
            "document.getElementById('ce-agenda').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await;
    no_axe_violations(&coord, &axe, "the centre's settings at 390 px").await;
    let png = coord.wd.screenshot().await.unwrap();
    std::fs::write(dir.join("guests-coordinator-settings-390.png"), png).unwrap();
    coord.close().await;
}
