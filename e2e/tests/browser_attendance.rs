//! Attendance patterns (issue 12) in headless Chromium against the real server and the built
//! client (`client/dist`, see scripts/build-client.sh).
//!
//! `the_chair_before_the_start_and_the_coordinator_see_who_keeps_missing`: Kalasatama has held
//! seven meetings (plus one cancelled and one never run). The chair of the next meeting, before
//! its start, sees the table of the required services over the last six: "1/6" for oral
//! health with "⚠ Poissa 4 kertaa peräkkäin" in words, every mark read out as words; the table
//! is reachable by keyboard; the page is axe-clean and fits 390 px. The coordinator page shows
//! the same table beside the centre's meetings, and the period report shows it with its chart.
//! Screenshots attendance-chair-1366.png, attendance-chair-390.png,
//! attendance-coordinator-1366.png, attendance-coordinator-390.png,
//! attendance-report-1366.png, attendance-report-chart-1366.png.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, listed, screens_dir, Browser, Driver, SERIAL};
use e2e::fixtures::attendance::kalasatama_history;
use e2e::{Meeting, Server, TOKEN};
use serde_json::json;

/// Scrolls `css` to the top of the view and saves a screenshot of the viewport as `file`.
async fn shoot(b: &Browser, css: &str, file: &str) {
    b.js(
        "document.activeElement && document.activeElement.blur && document.activeElement.blur(); \
         document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
        vec![json!(css)],
    )
    .await;
    b.js(
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
        vec![],
    )
    .await;
    let png = b.wd.screenshot().await.unwrap();
    std::fs::write(screens_dir().join(file), png).unwrap();
}

/// No axe-core violation on the page as it is.
async fn axe_clean(b: &Browser, what: &str) {
    let (passed, violations) = b.axe_report(&axe_source()).await;
    assert!(
        passed >= 10,
        "axe checked too little ({passed} rules passed)"
    );
    assert!(
        violations.is_empty(),
        "axe violations on {what}:\n{}",
        listed(&violations)
    );
}

/// Nothing sticks out sideways at the current width.
async fn fits(b: &Browser, what: &str) {
    let overflow = b
        .js(
            "const w = document.documentElement.clientWidth; \
             return [document.documentElement.scrollWidth <= w, \
               [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)]",
            vec![],
        )
        .await;
    assert_eq!(overflow, json!([true, []]), "{what} fits 390 px");
}

/// The visible text of the row of `service` in the table `table`.
async fn row_text(b: &Browser, table: &str, service: &str) -> String {
    b.wait_js(
        &format!("the row of {service} in {table}"),
        "const r = document.querySelector(arguments[0] + ' tr[data-service=\"' + arguments[1] + '\"]'); \
         return r ? r.innerText.replace(/\\s+/g, ' ').trim() : null",
        vec![json!(table), json!(service)],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

#[tokio::test]
async fn the_chair_before_the_start_and_the_coordinator_see_who_keeps_missing() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = Server::start(&[]);
    kalasatama_history(&server).await;
    let next = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": "2026-12-08T13:00:00+02:00"}),
    )
    .await;

    // The chair of the next meeting, before its start.
    let chair = driver.open("chair", 1366, 768).await;
    chair.goto(&next.chair_link(&server)).await;
    chair.join_meeting("health_station", "").await;
    chair.wait_for("#att-table").await;
    let oral = row_text(&chair, "#att-table", "oral_health").await;
    assert!(oral.contains("Suun terveydenhuolto"), "{oral}");
    assert!(oral.contains("1/6"), "{oral}");
    assert!(oral.contains("⚠ Poissa 4 kertaa peräkkäin"), "{oral}");
    let kela = row_text(&chair, "#att-table", "kela").await;
    assert!(kela.contains("5/6") && !kela.contains('⚠'), "{kela}");
    // Screen readers hear every mark and the count in words, not symbols.
    let spoken = chair
        .js(
            "return [...document.querySelectorAll('#att-table tr[data-service=oral_health] .visually-hidden')].map(e => e.textContent)",
            vec![],
        )
        .await;
    assert_eq!(
        spoken,
        json!([
            "1 tapaamisessa 6:sta",
            "12.5.2026: poissa",
            "9.6.2026: paikalla",
            "11.8.2026: poissa",
            "8.9.2026: poissa",
            "13.10.2026: poissa",
            "10.11.2026: poissa"
        ])
    );
    let flagged = chair
        .js(
            "return document.querySelectorAll('#att-table tr.flagged').length",
            vec![],
        )
        .await;
    assert_eq!(
        flagged,
        json!(6),
        "oral health, disability and the four never there"
    );
    // The table's region is reached by keyboard (it scrolls sideways if it must).
    let focusable = chair
        .js(
            "const r = document.querySelector('#att-table').closest('[role=region]'); r.focus(); \
             return [document.activeElement === r, r.getAttribute('aria-labelledby')]",
            vec![],
        )
        .await;
    assert_eq!(focusable, json!([true, "att-table-cap"]));
    axe_clean(&chair, "the chair's page before the start").await;
    chair
        .screenshot_full(&screens_dir().join("attendance-chair-1366.png"), 1366, 768)
        .await;
    chair.set_viewport(390, 844).await;
    fits(&chair, "the chair's page").await;
    shoot(&chair, ".attendance", "attendance-chair-390.png").await;
    chair.set_viewport(1366, 768).await;
    // In Swedish and English too.
    chair.select("#lang-select", "sv").await;
    let sv = row_text(&chair, "#att-table", "oral_health").await;
    assert!(
        sv.contains("Mun- och tandvård") && sv.contains("⚠ Frånvarande 4 gånger i rad"),
        "{sv}"
    );
    chair.select("#lang-select", "en").await;
    let en = row_text(&chair, "#att-table", "oral_health").await;
    assert!(en.contains("⚠ Missed 4 in a row"), "{en}");
    chair.close().await;

    // The coordinator: the same table beside Kalasatama's meetings.
    let coord = driver.open("coordinator", 1366, 768).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    coord.wait_for("#c-att-table").await;
    let oral = row_text(&coord, "#c-att-table", "oral_health").await;
    assert!(
        oral.contains("1/6") && oral.contains("⚠ Poissa 4 kertaa peräkkäin"),
        "{oral}"
    );
    axe_clean(&coord, "the coordinator's meetings").await;
    shoot(&coord, "#c-att-h", "attendance-coordinator-1366.png").await;
    coord.set_viewport(390, 844).await;
    fits(&coord, "the coordinator's page").await;
    shoot(&coord, "#c-att-h", "attendance-coordinator-390.png").await;
    coord.set_viewport(1366, 768).await;

    // The period report: the table and its chart.
    coord.click_button(".tabs", "Raportit").await;
    coord.wait_for("#r-from").await;
    coord
        .js(
            "for (const [id, v] of [['r-from', '2026-01-01'], ['r-to', '2026-11-30']]) { \
               const e = document.getElementById(id); e.value = v; \
               e.dispatchEvent(new Event('input', { bubbles: true })); } \
             document.getElementById('r-from').form.requestSubmit();",
            vec![],
        )
        .await;
    coord.wait_for("#r-att-0").await;
    let oral = row_text(&coord, "#r-att-0", "oral_health").await;
    assert!(oral.contains("1/6"), "{oral}");
    let chart = coord
        .wait_js(
            "the attendance pattern chart",
            "const s = [...document.querySelectorAll('.chart svg')].find(s => s.querySelector('title').textContent.startsWith('Pakolliset palvelut')); \
             return s ? s.getAttribute('aria-label') : null",
            vec![],
        )
        .await;
    assert!(
        chart
            .as_str()
            .unwrap()
            .contains("Suun terveydenhuolto 1/6 (Poissa 4 kertaa peräkkäin)"),
        "{chart}"
    );
    axe_clean(&coord, "the period report").await;
    shoot(&coord, "#r-att-0-h", "attendance-report-1366.png").await;
    coord
        .js(
            "[...document.querySelectorAll('.chart svg')].find(s => s.querySelector('title').textContent.startsWith('Pakolliset palvelut')).closest('figure').id = 'att-chart'",
            vec![],
        )
        .await;
    shoot(&coord, "#att-chart", "attendance-report-chart-1366.png").await;
    coord.close().await;
}
