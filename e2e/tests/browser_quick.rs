//! Opening a quick consultation room (issue 13) in headless Chromium.
//!
//! `a_professional_opens_a_quick_room_with_the_keyboard`:
//! - a professional opens `/quick#key=…` with a monthly meeting's participant key on a phone
//!   (390 px): the key leaves the address bar, the centre's services load;
//! - with the keyboard only: types a topic holding an identity code, tabs to the services and
//!   ticks two with Space, tabs to the length (20 min) and presses Enter on "Avaa huone": the
//!   server refuses, the error shows at the topic field with focus on it, nothing is created;
//! - the topic is fixed and Enter sent again: the two links and the end time show, focus on
//!   the heading, the room exists (quick, 20 min) in the coordinator's list and is marked
//!   there, at 1366 px;
//! - the opener follows the chair's link: the room is marked "Pikakonsultaatio", offers no
//!   agenda confirmation, and the question is submitted and started at once;
//! - no axe violation at each step; screenshots quick-form-390.png, quick-error-390.png,
//!   quick-opened-390.png, quick-room-chair-390.png and -1366.png,
//!   quick-coordinator-1366.png (the marked card) and quick-coordinator-form-1366.png in
//!   e2e/artifacts/screens/.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, listed, poll, screens_dir, Browser, Driver, SERIAL, UI_WAIT};
use e2e::browser::{PHONE, WIDE};
use e2e::fixtures::api;
use e2e::{Meeting, Server, TOKEN};
use serde_json::{json, Value};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";

/// Presses `key` on the focused element, `times` times.
async fn press(b: &Browser, key: &str, times: usize) {
    for _ in 0..times {
        let el = b.wd.active_element().await.expect("focused element");
        el.send_keys(key).await.expect("send key");
    }
}

/// The focused element's id.
async fn focused_id(b: &Browser) -> String {
    b.js(
        "return document.activeElement ? document.activeElement.id : ''",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// The focused element's value (for a checkbox, which service it is).
async fn focused_value(b: &Browser) -> String {
    b.js(
        "return document.activeElement ? document.activeElement.value : ''",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Fails on any axe violation, saying at which step.
async fn no_axe_violation(b: &Browser, axe: &str, step: &str) {
    let found = b.axe(axe).await;
    assert!(found.is_empty(), "axe at {step}:\n{}", listed(&found));
}

/// The quick rooms of Kalasatama, as the coordinator lists them.
async fn quick_rooms(server: &Server) -> Vec<Value> {
    let (_, list) = api(server, "GET", "/api/centres/kalasatama/meetings", None).await;
    list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "quick")
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_professional_opens_a_quick_room_with_the_keyboard() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&[]);
    let dir = screens_dir();
    let monthly = Meeting::create(&server).await;

    let phone = driver.open("professional", PHONE.0, PHONE.1).await;
    phone
        .goto(&format!(
            "{}/quick#key={}",
            server.http(),
            monthly.participant_key
        ))
        .await;
    phone.wait_for("#q-topic").await;
    phone.wait_for("input[name=invited][value=kela]").await;
    let hash = phone.js("return window.location.hash", vec![]).await;
    assert_eq!(hash, json!(""), "the key left the address bar");
    assert!(phone.text("main").await.contains("Kalasatama"));
    no_axe_violation(&phone, &axe, "the form").await;
    phone.screenshot(&dir.join("quick-form-390.png")).await;

    // Keyboard only: the topic, Tab to the services (social services is the third, Kela the
    // ninth), Space ticks; Tab to the length, Tab to the button, Enter.
    phone.click("#q-topic").await;
    press(&phone, "Asiakas 131052-308T, asunnoton", 1).await;
    press(&phone, TAB, 3).await;
    assert_eq!(focused_value(&phone).await, "social_services");
    press(&phone, SPACE, 1).await;
    press(&phone, TAB, 6).await;
    assert_eq!(focused_value(&phone).await, "kela");
    press(&phone, SPACE, 1).await;
    press(&phone, TAB, 1).await;
    assert_eq!(focused_id(&phone).await, "q-minutes");
    let length = phone
        .js("return document.getElementById('q-minutes').value", vec![])
        .await;
    assert_eq!(length, json!("20"));
    press(&phone, TAB, 1).await;
    assert_eq!(focused_id(&phone).await, "q-open");
    press(&phone, ENTER, 1).await;

    // The identifier is refused at the topic field, with focus there; nothing is created.
    phone.wait_for("#q-topic-error").await;
    let error = phone.text("#q-topic-error").await;
    assert!(error.contains("tunnistaa asiakkaan"), "{error}");
    assert!(error.ends_with("Löytyi: henkilötunnus."), "{error}");
    poll("focus on the topic", UI_WAIT, || async {
        match focused_id(&phone).await.as_str() {
            "q-topic" => Ok(()),
            other => Err(other.to_owned()),
        }
    })
    .await;
    let invalid = phone
        .js(
            "return document.getElementById('q-topic').getAttribute('aria-invalid')",
            vec![],
        )
        .await;
    assert_eq!(invalid, json!("true"));
    assert!(quick_rooms(&server).await.is_empty(), "nothing was created");
    no_axe_violation(&phone, &axe, "the refused topic").await;
    phone.screenshot(&dir.join("quick-error-390.png")).await;

    // Fixed, and sent with Enter from the topic field.
    phone.fill("#q-topic", "Asunnottomuus ja päihteet").await;
    press(&phone, ENTER, 1).await;
    poll("the room opened", UI_WAIT, || async {
        if phone.exists("#q-opened-h").await {
            Ok(())
        } else {
            Err(phone.text("main").await)
        }
    })
    .await;
    poll("focus on the heading", UI_WAIT, || async {
        match focused_id(&phone).await.as_str() {
            "q-opened-h" => Ok(()),
            other => Err(other.to_owned()),
        }
    })
    .await;
    let rooms = quick_rooms(&server).await;
    assert_eq!(rooms.len(), 1);
    let room = &rooms[0];
    assert_eq!(room["title"], "Asunnottomuus ja päihteet");
    assert_eq!(
        room["ends_at_ms"].as_i64().unwrap() - room["starts_at_ms"].as_i64().unwrap(),
        20 * 60_000
    );
    let shown = phone
        .js(
            "return document.getElementById('q-participant-link').value",
            vec![],
        )
        .await;
    assert_eq!(shown, room["participant_link"]);
    let chair = phone
        .js(
            "return document.getElementById('q-chair-link').getAttribute('href')",
            vec![],
        )
        .await;
    assert_eq!(chair, room["chair_link"]);
    assert!(phone.text("#q-ends").await.starts_with("Päättyy klo "));
    no_axe_violation(&phone, &axe, "the opened room").await;
    phone.screenshot(&dir.join("quick-opened-390.png")).await;

    // The opener follows the chair's link: the room says it is a quick consultation, has no
    // agenda to confirm, and the question is started at once.
    let chair = chair.as_str().unwrap();
    let chair = if chair.starts_with("http") {
        chair.to_owned()
    } else {
        format!("{}{chair}", server.http())
    };
    phone.goto(&chair).await;
    phone.join_meeting("health_station", "").await;
    phone.wait_for(".month-theme").await;
    assert_eq!(phone.text(".month-theme").await, "Pikakonsultaatio");
    assert!(
        !phone.exists(".controls .confirm").await,
        "a quick room has no agenda to confirm"
    );
    phone.click("#kind-case").await;
    phone.fill("#f-title", "Asunnottomuus ja päihteet").await;
    phone
        .fill("#f-question", "Kuka ottaa vastuun asumisen tuesta?")
        .await;
    phone.click(".submit button[type=submit]").await;
    phone.wait_for(".submit p.ok").await;
    phone.click(".controls button.next").await;
    phone.wait_for(".current .current-title").await;
    no_axe_violation(&phone, &axe, "the quick room's chair at 390 px").await;
    phone
        .screenshot(&dir.join("quick-room-chair-390.png"))
        .await;
    phone.set_viewport(WIDE.0, WIDE.1).await;
    no_axe_violation(&phone, &axe, "the quick room's chair at 1366 px").await;
    phone
        .screenshot(&dir.join("quick-room-chair-1366.png"))
        .await;
    phone.close().await;

    // The coordinator's list marks it; the coordinator has the same form.
    let coord = driver.open("coordinator", WIDE.0, WIDE.1).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    coord.wait_for(".meeting-card .badge.quick").await;
    assert_eq!(
        coord.text(".meeting-card .badge.quick").await,
        "Pikakonsultaatio"
    );
    coord.wait_for("#quick-h").await;
    no_axe_violation(&coord, &axe, "the coordinator's meetings").await;
    coord
        .js(
            "document.querySelector('.meeting-card .badge.quick').closest('li').id = 'e2e-quick-card'",
            vec![],
        )
        .await;
    coord
        .screenshot_at("e2e-quick-card", &dir.join("quick-coordinator-1366.png"))
        .await;
    coord
        .screenshot_at("quick-h", &dir.join("quick-coordinator-form-1366.png"))
        .await;
    coord.close().await;
}
