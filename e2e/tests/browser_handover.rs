//! The deputy chair and the scribe in headless Chromium (issue 12): a deputy chair at 1366 px
//! and a professional named scribe on a 390 px phone; the chair is a raw WebSocket client whose
//! socket is killed.
//!
//! `a_deputy_takes_over_in_the_browser_and_the_scribe_records_the_outcome`:
//! - the deputy's page names who holds the chair controls and offers no takeover while the
//!   chair is here;
//! - the chair names the phone's professional scribe: the outcome form appears on their page,
//!   and the outcome they record reaches the room;
//! - the chair's socket dies: after the reconnect grace and the takeover grace the deputy gets
//!   "Ota puheenjohto"; pressing it brings the chair's view, with focus on its controls and
//!   "you now hold the chair controls" in the live region; the deputy starts the next item; the
//!   phone hears who holds the controls now;
//! - the deputy takes the scribe role back and the phone's outcome form goes;
//! - no axe violation on either page at any step checked, at 1366 and at 390 px; screenshots
//!   handover-deputy-takeover-1366.png and -390.png, handover-deputy-chair-1366.png,
//!   handover-deputy-roles-1366.png, handover-deputy-chair-390.png, handover-scribe-1366.png
//!   and handover-scribe-390.png (+ -full) in e2e/artifacts/screens/.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, no_axe_violations, screens_dir, Browser, Driver, SERIAL, UI_WAIT};
use e2e::{snapshot, submit, Meeting, Server};
use serde_json::json;
use shared::domain::Role;
use shared::room::ChairHolder;

use e2e::browser::{PHONE, WIDE};

/// The text of the polite live region (what a screen reader was last told).
async fn live_region(b: &Browser) -> String {
    b.js(
        "const r = document.querySelector('[aria-live=polite]'); return r ? r.textContent : ''",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Waits until the live region says something containing `text`.
async fn hears(b: &Browser, text: &str) {
    b.wait_js(
        &format!("the live region to say '{text}'"),
        "const r = document.querySelector('[aria-live=polite]'); \
         return r && r.textContent.includes(arguments[0]) ? true : null",
        vec![json!(text)],
    )
    .await;
}

#[tokio::test]
async fn a_deputy_takes_over_in_the_browser_and_the_scribe_records_the_outcome() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&["--grace-secs", "1", "--takeover-grace-secs", "2"]);
    let addr = server.addr.clone();
    let m = Meeting::create(&server).await;
    let dir = screens_dir();

    // The chair (a raw client) and a professional with two cases; the first on the floor.
    let mut chair = m.chair_joined(&addr, "health_station").await;
    let mut kela = m.participant_joined(&addr, "kela").await;
    kela.ok(submit(
        "Toimeentulon katkokset",
        "Etuuspäätökset viivästyvät toistuvasti.",
        "Miten etuudet turvataan?",
        &[],
    ))
    .await;
    kela.ok(submit(
        "Muistisairaan kotihoito",
        "",
        "Kuka koordinoi kotikäynnit?",
        &[],
    ))
    .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;

    // --- The deputy chair opens their link at 1366 px and joins. ---
    let deputy = driver.open("deputy", WIDE.0, WIDE.1).await;
    deputy.goto(&m.deputy_link(&server)).await;
    deputy.wait_for("#join-service").await;
    assert!(
        deputy
            .text(".tag-line")
            .await
            .contains("varapuheenjohtajan"),
        "the join page says which link this is"
    );
    deputy
        .join_meeting("social_services", "Sosiaaliohjaaja")
        .await;
    deputy.wait_for("#holder-line").await;
    let holder = deputy.text("#holder-line").await;
    assert!(
        holder.contains("puheenjohtaja (Terveysasemapalvelut"),
        "everyone sees who holds the chair controls: {holder}"
    );
    assert!(deputy.exists(".takeover-note").await);
    assert!(
        !deputy.exists("#take-over").await,
        "no takeover while the chair is here"
    );
    assert!(
        !deputy.exists(".controls button.next").await,
        "the deputy does not hold the chair controls yet"
    );

    // --- The professional on the phone, named scribe by the chair. ---
    let phone = driver.open("scribe", PHONE.0, PHONE.1).await;
    phone.goto(&m.participant_link(&server)).await;
    phone.join_meeting("disability", "Palveluohjaaja").await;
    assert!(
        !phone.exists("#o-advice").await,
        "no outcome form before the role"
    );
    let (state, _, _) = snapshot(&addr, &m).await;
    let scribe_id = state
        .participants
        .iter()
        .find(|p| p.service.as_str() == "disability")
        .unwrap()
        .id
        .clone();
    chair
        .ok(json!({"type":"name_scribe","participant":scribe_id}))
        .await;
    phone.wait_for("#o-advice").await;
    hears(&phone, "on nyt kirjuri").await;
    assert!(phone.exists(".scribe-note").await);
    phone
        .fill(
            "#o-advice",
            "Etuuskäsittely kiireelliseksi ja sosiaalityö mukaan",
        )
        .await;
    phone
        .fill("#o-next", "Palaa seurantaan kuukauden päästä")
        .await;
    phone.click(".outcome button[type=submit]").await;
    e2e::browser::poll("the scribe's outcome in the room", UI_WAIT, || async {
        let (s, _, _) = snapshot(&addr, &m).await;
        let advice = s
            .item(&"i1".into())
            .and_then(|i| i.outcome.as_ref())
            .map(|o| o.advice.clone())
            .unwrap_or_default();
        if advice.starts_with("Etuuskäsittely kiireelliseksi") {
            Ok(())
        } else {
            Err(advice)
        }
    })
    .await;
    phone.wait_for(".outcome .ok").await;
    no_axe_violations(&phone, &axe, "the scribe's page with the outcome form").await;
    phone.screenshot(&dir.join("handover-scribe-390.png")).await;
    phone
        .screenshot_full(&dir.join("handover-scribe-390-full.png"), PHONE.0, PHONE.1)
        .await;
    // The same page on a desktop.
    phone.set_viewport(WIDE.0, WIDE.1).await;
    no_axe_violations(&phone, &axe, "the scribe's page at 1366 px").await;
    phone
        .screenshot(&dir.join("handover-scribe-1366.png"))
        .await;
    phone.set_viewport(PHONE.0, PHONE.1).await;

    // --- The chair's socket dies; after the graces the deputy can take over. ---
    let _gone = chair.hang_up();
    deputy.wait_for("#take-over").await;
    assert!(deputy
        .text(".takeover .takeover-note")
        .await
        .contains("Voit ottaa puheenjohdon nyt"));
    no_axe_violations(&deputy, &axe, "the deputy's page with the takeover").await;
    deputy
        .screenshot(&dir.join("handover-deputy-takeover-1366.png"))
        .await;
    deputy.set_viewport(PHONE.0, PHONE.1).await;
    no_axe_violations(&deputy, &axe, "the takeover at 390 px").await;
    deputy
        .screenshot(&dir.join("handover-deputy-takeover-390.png"))
        .await;
    deputy.set_viewport(WIDE.0, WIDE.1).await;
    deputy.click("#take-over").await;
    deputy.wait_for(".controls button.next").await;
    hears(&deputy, "Sinulla on nyt puheenjohtajan ohjaimet").await;
    deputy
        .wait_js(
            "focus on the chair's controls",
            "return document.activeElement && document.activeElement.id === 'controls-h' ? true : null",
            vec![],
        )
        .await;
    assert!(deputy.text("#holder-line").await.contains("sinä"));
    let (state, _, _) = snapshot(&addr, &m).await;
    assert!(matches!(state.roles.holder, ChairHolder::Person(_)));
    let deputy_id = state
        .participants
        .iter()
        .find(|p| p.role == Role::Deputy)
        .unwrap()
        .id
        .clone();
    assert_eq!(state.roles.holder, ChairHolder::Person(deputy_id));

    // The phone hears who holds the controls now.
    hears(&phone, "hallitsee nyt puheenjohtajan ohjaimia").await;
    assert!(live_region(&phone).await.starts_with("Varapuheenjohtaja"));
    assert!(phone
        .text("#holder-line")
        .await
        .contains("varapuheenjohtaja (Sosiaaliohjaaja"));

    // --- The deputy runs the next item. ---
    deputy.click(".controls button.next").await;
    e2e::browser::poll("the next item on the floor", UI_WAIT, || async {
        let (s, _, _) = snapshot(&addr, &m).await;
        match s.current.as_ref().map(|c| c.item.to_string()) {
            Some(i) if i == "i2" => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
    no_axe_violations(&deputy, &axe, "the deputy holding the chair controls").await;
    deputy
        .screenshot(&dir.join("handover-deputy-chair-1366.png"))
        .await;
    // The roles panel of the chair's view, scrolled to (the whole page is taller than a
    // window can be made here).
    deputy
        .screenshot_at("roles-h", &dir.join("handover-deputy-roles-1366.png"))
        .await;
    deputy.set_viewport(PHONE.0, PHONE.1).await;
    no_axe_violations(&deputy, &axe, "the deputy's chair view at 390 px").await;
    deputy
        .screenshot_at("roles-h", &dir.join("handover-deputy-chair-390.png"))
        .await;

    // --- The deputy takes the scribe role back: the phone's form goes. ---
    deputy.click("#revoke-scribe").await;
    phone.wait_gone("#o-advice").await;
    hears(&phone, "Kirjurin tehtävä otettiin takaisin").await;
    let (state, _, _) = snapshot(&addr, &m).await;
    assert_eq!(state.roles.scribe, None);

    deputy.close().await;
    phone.close().await;
}
