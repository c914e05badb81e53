//! The coordinator's page in headless Chromium against the real server and the built client
//! (`client/dist`, see scripts/build-client.sh).
//!
//! - `times_are_the_centres_and_named_in_a_browser_elsewhere_and_the_minutes_read_in_the_page`:
//!   a browser put in New York time (CDP `Emulation.setTimezoneOverride`) shows Kalasatama's
//!   meetings, its schedule and its minutes in Helsinki time with the zone named; a meeting
//!   moved there to 10.00 is at 10.00 Helsinki time; the items carried over from an ended
//!   meeting are counted on the meeting they went to; the minutes of the ended meeting open in
//!   the page (a sandboxed frame) and hold what happened; the page with them open is axe-clean
//!   and fits a 390 px phone; English and Swedish name the zone too. Screenshots
//!   coordinator-meetings-1366.png, coordinator-minutes-1366.png, coordinator-minutes-390.png.
//! - `the_new_centre_form_is_axe_clean_and_the_id_follows_the_name`: the editor for a new
//!   centre has no axe-core (WCAG 2.0/2.1 A and AA) violation at all; name and id are marked
//!   required; the id is made from the name as it is typed until edited by hand; every
//!   catalogue field and Remove button is named after its service (a new row by its number,
//!   then by the name typed); the centre is saved under the id. Screenshots
//!   coordinator-new-centre-top-1366.png, coordinator-new-centre-1366.png.
//!
//! Both skip (with a message) only when chromium or chromedriver is missing, and not under
//! CI=true.

use e2e::browser::{axe_source, listed, screens_dir, Browser, Driver, SERIAL};
use e2e::fixtures::api;
use e2e::{run_meeting, Server, TOKEN};
use serde_json::json;

/// Opens the coordinator's page and signs in with the token.
async fn sign_in(b: &Browser, server: &Server) {
    b.sign_in_as_coordinator(&server.http(), TOKEN).await;
    b.wait_js(
        "the coordinator's meetings",
        "return !document.querySelector('#c-token') && document.querySelector('.meeting-list') !== null",
        vec![],
    )
    .await;
}

/// Scrolls the open minutes of meeting `id` to the top of the view and saves a screenshot as
/// `file` in the screens directory.
async fn shoot_minutes(coord: &Browser, id: &str, file: &str) {
    coord
        .js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
            vec![json!(format!("#min-{id}"))],
        )
        .await;
    let png = coord.wd.screenshot().await.unwrap();
    std::fs::write(screens_dir().join(file), png).unwrap();
}

/// The visible text of the card of the meeting `id` (found by its chair link or minutes button).
async fn card_text(b: &Browser, id: &str) -> String {
    b.wait_js(
        &format!("the card of meeting {id}"),
        "const e = document.getElementById('chair-' + arguments[0]) || document.getElementById('open-min-' + arguments[0]); \
         return e ? e.closest('.meeting-card').innerText : null",
        vec![json!(id)],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

#[tokio::test]
async fn times_are_the_centres_and_named_in_a_browser_elsewhere_and_the_minutes_read_in_the_page() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = Server::start(&[]);
    // An ended meeting (one follow-up, one deferred item) and a later one the items go to.
    let ended = run_meeting(&server, "kalasatama", "2026-10-13T13:00:00+03:00").await;
    let (status, later) = api(
        &server,
        "POST",
        "/api/meetings",
        Some(json!({"centre_id": "kalasatama", "starts_at": "2027-03-09T13:00:00+02:00", "title": "Maaliskuun konsultaatio"})),
    )
    .await;
    assert_eq!(status, 201, "{later}");
    assert_eq!(later["time_zone"], "Europe/Helsinki");
    assert_eq!(later["starts_local"], "2027-03-09T13:00");
    assert_eq!(later["utc_offset"], "+02:00");
    let later_id = later["id"].as_str().unwrap().to_owned();

    let (_, list) = api(&server, "GET", "/api/centres/kalasatama/meetings", None).await;
    let meetings = list["meetings"].as_array().unwrap().clone();
    let carried: u64 = meetings
        .iter()
        .map(|m| {
            m["carried_over"]
                .as_u64()
                .expect("carried_over in the list")
        })
        .sum();
    assert_eq!(
        carried, 2,
        "the follow-up and the deferred item went on: {list}"
    );
    let target = meetings
        .iter()
        .find(|m| m["carried_over"] == 2)
        .expect("one meeting took both");
    let target_id = target["id"].as_str().unwrap().to_owned();

    let coord = driver.open("coordinator in New York", 1366, 768).await;
    // A page first, so the override has a tab to apply to; it stays across navigation.
    coord.goto(&format!("{}/api/health", server.http())).await;
    driver.set_time_zone(&coord, "America/New_York").await;
    sign_in(&coord, &server).await;
    let zone = coord
        .js(
            "return [Intl.DateTimeFormat().resolvedOptions().timeZone, new Date(Date.UTC(2027, 2, 9, 11)).getHours()]",
            vec![],
        )
        .await;
    assert_eq!(
        zone,
        json!(["America/New_York", 6]),
        "the browser is in New York"
    );

    // The list: Helsinki time, the zone named, not the browser's 06.00.
    let card = card_text(&coord, &later_id).await;
    assert!(card.contains("Maaliskuun konsultaatio"), "{card}");
    assert!(
        card.contains("9.3.2027 13.00–14.00 (Europe/Helsinki, UTC+2)"),
        "{card}"
    );
    assert!(!card.contains("06.00"), "{card}");
    // The schedule names the zone too.
    let rule = coord.text(".rule-text").await;
    assert!(rule.contains("(Europe/Helsinki)"), "{rule}");
    // The items carried over are counted on the meeting that took them.
    let target_card = card_text(&coord, &target_id).await;
    assert!(
        target_card.contains("Aiemmista kokouksista siirtyneitä asioita: 2"),
        "{target_card}"
    );
    coord
        .screenshot(&screens_dir().join("coordinator-meetings-1366.png"))
        .await;

    // Moving it: the form holds Helsinki time; 10.00 typed is 10.00 in Helsinki.
    let at = format!("#mv-{later_id}-at");
    coord.click(&format!("#open-mv-{later_id}")).await;
    let value = coord
        .js(
            "return document.querySelector(arguments[0]).value",
            vec![json!(at)],
        )
        .await;
    assert_eq!(value, json!("2027-03-09T13:00"));
    let hint = coord.text(&format!("#mv-{later_id}-at-hint")).await;
    assert!(hint.contains("Europe/Helsinki"), "{hint}");
    coord
        .js(
            "const e = document.querySelector(arguments[0]); e.value = '2027-03-10T10:00'; \
             e.dispatchEvent(new Event('input', { bubbles: true })); e.form.requestSubmit();",
            vec![json!(at)],
        )
        .await;
    coord
        .wait_js(
            "the moved meeting",
            "return [...document.querySelectorAll('.meeting-card')].some(c => c.innerText.includes('10.3.2027 10.00–11.00 (Europe/Helsinki, UTC+2)'))",
            vec![],
        )
        .await;
    let (_, moved) = api(&server, "GET", &format!("/api/meetings/{later_id}"), None).await;
    assert_eq!(
        moved["starts_at"], "2027-03-10T08:00:00Z",
        "10.00 in Helsinki"
    );

    // The minutes, read in the page.
    let open = format!("#open-min-{}", ended.id);
    coord
        .js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
            vec![json!(open)],
        )
        .await;
    coord.click(&open).await;
    let frame = format!("#min-{} iframe", ended.id);
    coord.wait_for(&frame).await;
    let shown = coord
        .wait_js(
            "the minutes in the frame",
            "const f = document.querySelector(arguments[0]); \
             return [f.getAttribute('sandbox'), f.title, f.getAttribute('srcdoc').length > 0]",
            vec![json!(frame)],
        )
        .await;
    assert_eq!(shown[0], json!(""), "sandboxed, no scripts: {shown}");
    assert!(
        shown[1].as_str().unwrap().starts_with("Muistio: "),
        "{shown}"
    );
    let panel = coord.text(&format!("#min-{}", ended.id)).await;
    assert!(
        panel.contains("keskuksen aikavyöhykkeellä: Europe/Helsinki, UTC+3"),
        "{panel}"
    );
    assert_eq!(
        coord
            .js(
                "return [document.activeElement.id, document.querySelector(arguments[0]).getAttribute('aria-expanded')]",
                vec![json!(open)],
            )
            .await,
        json!([format!("min-{}-h", ended.id), "true"]),
        "focus goes to the minutes"
    );
    // What the frame shows (WebDriver may look into it; the page's scripts may not).
    let el = coord.wait_for(&frame).await;
    el.enter_frame().await.unwrap();
    let inside = coord
        .wait_js(
            "the minutes' text",
            "return document.body && document.body.innerText.includes('Kalasatama') && document.body.innerText",
            vec![],
        )
        .await;
    let inside = inside.as_str().unwrap().to_owned();
    let styled = coord
        .js("return getComputedStyle(document.body).fontFamily", vec![])
        .await;
    coord.wd.enter_parent_frame().await.unwrap();
    for want in [
        "PPT-konsultaatio – muistio",
        "13:00",
        "Iäkäs asiakas, toistuvat päivystyskäynnit",
        "Palveluohjaus ja kotihoidon arvio",
        "Yhteistyö HUS:n kanssa",
    ] {
        // (innerText follows the style sheet: the kicker is in capitals.)
        assert!(
            inside.to_lowercase().contains(&want.to_lowercase()),
            "the minutes show {want}: {inside}"
        );
    }
    assert!(!inside.contains("131052"), "the refused text is nowhere");
    eprintln!("minutes frame font: {styled}");
    shoot_minutes(&coord, &ended.id, "coordinator-minutes-1366.png").await;
    // The page with the minutes open passes axe-core too.
    let (passed, violations) = coord.axe_report(&axe_source()).await;
    assert!(
        passed >= 10,
        "axe checked too little ({passed} rules passed)"
    );
    assert!(
        violations.is_empty(),
        "axe violations with the minutes open:\n{}",
        listed(&violations)
    );
    // At a phone width nothing sticks out sideways, the frame included.
    coord.set_viewport(390, 844).await;
    let overflow = coord
        .js(
            "const w = document.documentElement.clientWidth; \
             return [document.documentElement.scrollWidth <= w, \
               [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)]",
            vec![],
        )
        .await;
    assert_eq!(overflow, json!([true, []]), "fits 390 px");
    // ... and the minutes inside the frame do not run off sideways either.
    let el = coord.wait_for(&frame).await;
    el.enter_frame().await.unwrap();
    let inner = coord
        .js(
            "const d = document.documentElement; return [d.scrollWidth, d.clientWidth]",
            vec![],
        )
        .await;
    coord.wd.enter_parent_frame().await.unwrap();
    assert!(
        inner[0].as_u64().unwrap() <= inner[1].as_u64().unwrap(),
        "the minutes fit their frame at 390 px: [scroll width, width] {inner}"
    );
    shoot_minutes(&coord, &ended.id, "coordinator-minutes-390.png").await;
    coord.set_viewport(1366, 768).await;
    // Closing it gives the button back its name.
    coord.click(&open).await;
    coord.wait_gone(&frame).await;
    assert_eq!(coord.text(&open).await, "Avaa muistio");
    // In English and Swedish too: the centre's time, the zone named.
    for (lang, when) in [
        ("en", "10.3.2027 10:00–11:00 (Europe/Helsinki, UTC+2)"),
        ("sv", "10.3.2027 10.00–11.00 (Europe/Helsinki, UTC+2)"),
    ] {
        coord.select("#lang-select", lang).await;
        let card = card_text(&coord, &later_id).await;
        assert!(card.contains(when), "{lang}: {card}");
    }
    let rule = coord.text(".rule-text").await;
    assert!(rule.contains("13.00, 60 min (Europe/Helsinki)"), "{rule}");
    coord.close().await;
}

#[tokio::test]
async fn the_new_centre_form_is_axe_clean_and_the_id_follows_the_name() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let axe = axe_source();
    let server = Server::start(&[]);
    let coord = driver.open("coordinator", 1366, 768).await;
    sign_in(&coord, &server).await;
    coord.click_button(".coord-bar", "+ Uusi keskus").await;
    coord.wait_for("#ce-id").await;

    // Required, and said so: a visible asterisk (explained) and aria-required.
    let req = coord
        .js(
            "return ['ce-name', 'ce-id'].map(id => [document.getElementById(id).getAttribute('aria-required'), \
               document.querySelector('label[for=' + id + ']').innerText.trim().endsWith('*')])",
            vec![],
        )
        .await;
    assert_eq!(req, json!([["true", true], ["true", true]]));
    assert!(coord
        .text("form.centre-form")
        .await
        .contains("Tähdellä merkityt kentät ovat pakollisia."));

    // The id follows the name as it is typed.
    coord.fill("#ce-name", "Itä-Pasila THK").await;
    coord
        .screenshot(&screens_dir().join("coordinator-new-centre-top-1366.png"))
        .await;
    let id = coord
        .js("return document.getElementById('ce-id').value", vec![])
        .await;
    assert_eq!(id, json!("ita-pasila-thk"));

    // Every catalogue field and Remove button is named after its row's service.
    coord.click("#ce-add-service").await;
    let rows = coord
        .wait_js(
            "the new row",
            "const r = document.querySelectorAll('.services-table tbody tr'); return r.length > 9 && r.length",
            vec![],
        )
        .await
        .as_u64()
        .unwrap();
    let n = rows - 1;
    let names = coord
        .js(
            "return [...document.querySelectorAll('.services-table tbody tr')].map(tr => \
               [...tr.querySelectorAll('input, button')].map(e => e.getAttribute('aria-label')))",
            vec![],
        )
        .await;
    assert_eq!(
        names[0],
        json!([
            "Nimi suomeksi: Terveysasemapalvelut",
            "Nimi ruotsiksi: Terveysasemapalvelut",
            "Nimi englanniksi: Terveysasemapalvelut",
            "Pakollinen: Terveysasemapalvelut",
            "Poista: Terveysasemapalvelut"
        ])
    );
    assert_eq!(
        names[n as usize][4],
        json!(format!("Poista: uusi palvelu {rows}"))
    );
    let focused = coord.js("return document.activeElement.id", vec![]).await;
    assert_eq!(focused, json!(format!("ce-fi-{n}")));
    coord.fill(&format!("#ce-fi-{n}"), "Perhekeskus").await;
    coord.fill(&format!("#ce-sv-{n}"), "Familjecentret").await;
    coord.fill(&format!("#ce-en-{n}"), "Family centre").await;
    let named = coord
        .js(
            "return document.getElementById('ce-rm-' + arguments[0]).getAttribute('aria-label')",
            vec![json!(n)],
        )
        .await;
    assert_eq!(named, json!("Poista: Perhekeskus"));

    // axe-core: no violation at all on the page with the form.
    let (passed, violations) = coord.axe_report(&axe).await;
    assert!(
        passed >= 10,
        "axe checked too little ({passed} rules passed)"
    );
    assert!(
        violations.is_empty(),
        "axe violations on the new-centre form:\n{}",
        listed(&violations)
    );
    coord
        .js(
            "document.querySelector('.services-table').scrollIntoView({block: 'end'})",
            vec![],
        )
        .await;
    let png = coord.wd.screenshot().await.unwrap();
    std::fs::write(screens_dir().join("coordinator-new-centre-1366.png"), png).unwrap();

    // An id edited by hand stays; the name no longer changes it.
    coord.fill("#ce-id", "itapasila").await;
    coord.fill("#ce-name", "Itä-Pasilan THK").await;
    let id = coord
        .js("return document.getElementById('ce-id').value", vec![])
        .await;
    assert_eq!(id, json!("itapasila"));
    // Emptied, it follows the name again.
    coord.fill("#ce-id", "").await;
    coord.fill("#ce-name", "Itä-Pasila THK").await;
    let id = coord
        .js("return document.getElementById('ce-id').value", vec![])
        .await;
    assert_eq!(id, json!("ita-pasila-thk"));

    coord.click("form.centre-form button[type=submit]").await;
    coord
        .wait_js(
            "the saved centre",
            "return document.querySelector('#c-centre').value === 'ita-pasila-thk'",
            vec![],
        )
        .await;
    let (status, centre) = api(&server, "GET", "/api/centres/ita-pasila-thk", None).await;
    assert_eq!(status, 200, "{centre}");
    assert_eq!(centre["name"], "Itä-Pasila THK");
    let services = centre["services"].as_array().unwrap();
    assert!(services.iter().any(|s| s["name_fi"] == "Perhekeskus"));
    coord.close().await;
}
