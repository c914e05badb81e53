//! The theme clock (vuosikello, issue 13) in headless Chromium.
//!
//! `the_coordinator_plans_and_copies_a_clock_and_the_meeting_pages_show_the_theme`:
//! - the coordinator at 1366 px opens the "Vuosikello" tab, writes a theme and picks a
//!   workshop for January and saves (the API has it), then moves to the next year and copies
//!   the last year's clock as its start (the API has the copy);
//! - the join page at 390 px, the chair view at 1366 px and the shared screen show the
//!   month's theme and workshop in one line;
//! - no axe violation on any of them; screenshots theme-clock-coordinator-1366.png,
//!   theme-clock-coordinator-390.png, theme-clock-join-390.png, theme-clock-chair-1366.png and
//!   theme-clock-screen-1366.png in e2e/artifacts/screens/.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, no_axe_violations, screens_dir, Driver, SERIAL, UI_WAIT};
use e2e::fixtures::{api, now_ms, utc_rfc3339};
use e2e::{Meeting, Server, TOKEN};
use serde_json::json;

use e2e::browser::{PHONE, WIDE};
const HOUR: i64 = 3_600_000;

#[tokio::test]
async fn the_coordinator_plans_and_copies_a_clock_and_the_meeting_pages_show_the_theme() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let axe = axe_source();
    let server = Server::start(&[]);
    let dir = screens_dir();
    let year: i32 = utc_rfc3339(now_ms())[..4].parse().unwrap();

    // --- The coordinator plans January of this year and copies it to the next. ---
    let coord = driver.open("coordinator", WIDE.0, WIDE.1).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    coord.click_button("nav.tabs", "Vuosikello").await;
    coord.wait_for(".clock-table tbody tr").await;
    let jan = ".clock-table tbody tr:nth-child(1)";
    coord
        .fill(&format!("{jan} td:nth-child(2) input"), "Perheiden arki")
        .await;
    coord
        .select(
            &format!("{jan} td:nth-child(3) select"),
            "starting_workshop",
        )
        .await;
    coord
        .fill(
            &format!("{jan} td:nth-child(4) input"),
            "Tuo yksi kysymys tiimiltäsi",
        )
        .await;
    coord
        .click_button(".theme-clock form", "Tallenna vuosikello")
        .await;
    coord.wait_for("#c-clock-note .ok").await;
    let path = format!("/api/centres/kalasatama/theme-clock/{year}");
    let (_, clock) = api(&server, "GET", &path, None).await;
    assert_eq!(clock["months"][0]["theme"], "Perheiden arki", "{clock}");
    assert_eq!(clock["months"][0]["workshop"], "starting_workshop");
    assert_eq!(
        clock["months"][0]["between_task"],
        "Tuo yksi kysymys tiimiltäsi"
    );
    no_axe_violations(&coord, &axe, "the theme clock").await;
    coord
        .screenshot(&dir.join("theme-clock-coordinator-1366.png"))
        .await;

    coord
        .js(
            "const e = document.getElementById('c-clock-year'); e.value = arguments[0]; \
             e.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!((year + 1).to_string())],
        )
        .await;
    coord
        .click_button(
            ".theme-clock",
            "Kopioi edellisen vuoden vuosikello pohjaksi",
        )
        .await;
    coord.wait_for("#c-clock-note .ok").await;
    e2e::browser::poll("the copy in the form", UI_WAIT, || async {
        let v = coord
            .js(
                "return document.querySelector(arguments[0]).value",
                vec![json!(format!("{jan} td:nth-child(2) input"))],
            )
            .await;
        if v == json!("Perheiden arki") {
            Ok(())
        } else {
            Err(format!("{v}"))
        }
    })
    .await;
    let (_, next) = api(
        &server,
        "GET",
        &format!("/api/centres/kalasatama/theme-clock/{}", year + 1),
        None,
    )
    .await;
    assert_eq!(next["months"], clock["months"]);
    coord.set_viewport(PHONE.0, PHONE.1).await;
    no_axe_violations(&coord, &axe, "the theme clock at 390 px").await;
    coord
        .screenshot(&dir.join("theme-clock-coordinator-390.png"))
        .await;
    coord.close().await;

    // Every month of this year and the next has the theme, so the meeting has it whatever
    // month it is.
    let all: Vec<_> = (1..=12)
        .map(|m| json!({"month": m, "theme": "Perheiden arki", "workshop": "network_workshop"}))
        .collect();
    for y in [year, year + 1] {
        let (status, _) = api(
            &server,
            "PUT",
            &format!("/api/centres/kalasatama/theme-clock/{y}"),
            Some(json!({ "months": all })),
        )
        .await;
        assert_eq!(status, 200);
    }
    let m = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": utc_rfc3339(now_ms() + 2 * HOUR)}),
    )
    .await;
    let line = "Kuukauden teema: Perheiden arki · Verkostotyöpaja";

    // --- The join page on a phone. ---
    let phone = driver.open("join", PHONE.0, PHONE.1).await;
    phone.goto(&m.participant_link(&server)).await;
    phone.wait_for(".month-theme").await;
    assert_eq!(phone.text(".month-theme").await, line);
    no_axe_violations(&phone, &axe, "the join page").await;
    phone
        .screenshot(&dir.join("theme-clock-join-390.png"))
        .await;
    phone.close().await;

    // --- The chair view and the shared screen at 1366 px. ---
    let chair = driver.open("chair", WIDE.0, WIDE.1).await;
    chair.goto(&m.chair_link(&server)).await;
    chair.join_meeting("health_station", "").await;
    chair.wait_for(".month-theme").await;
    assert_eq!(chair.text(".month-theme").await, line);
    no_axe_violations(&chair, &axe, "the chair view").await;
    chair
        .screenshot(&dir.join("theme-clock-chair-1366.png"))
        .await;
    chair
        .goto(&format!(
            "{}/m/{}/screen#key={}",
            server.http(),
            m.id,
            m.participant_key
        ))
        .await;
    chair.wait_for(".screen .month-theme").await;
    assert_eq!(chair.text(".month-theme").await, line);
    no_axe_violations(&chair, &axe, "the shared screen").await;
    chair
        .screenshot(&dir.join("theme-clock-screen-1366.png"))
        .await;
    chair.close().await;
}
