//! Attendance patterns (issue 12) through the real server: meetings held with raw WebSocket
//! clients for different services, then the pattern as the coordinator reads it
//! (`GET /api/centres/{centre}/attendance`), as the chair reads it before the start
//! (`GET /api/meetings/{meeting}/attendance` with the chair key or the deputy's; a participant
//! key is refused), and in the period report (JSON and the CSV's table).

use e2e::fixtures::attendance::{hold_meeting, kalasatama_history, LAST_SIX};
use e2e::fixtures::{api, api_as, get_text};
use e2e::{Meeting, Server, TOKEN};
use serde_json::{json, Value};

/// The row of `service` in a pattern.
fn row<'a>(pattern: &'a Value, service: &str) -> &'a Value {
    pattern["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == service)
        .unwrap_or_else(|| panic!("no row for {service}: {pattern}"))
}

/// `(present, expected, missed in a row, marked)` of `service`.
fn counts(pattern: &Value, service: &str) -> (u64, u64, u64, bool) {
    let r = row(pattern, service);
    (
        r["present"].as_u64().unwrap(),
        r["expected"].as_u64().unwrap(),
        r["missed_in_a_row"].as_u64().unwrap(),
        r["missed_three_in_a_row"].as_bool().unwrap(),
    )
}

/// What the history of [`kalasatama_history`] must show over its last six meetings.
fn assert_last_six(pattern: &Value) {
    assert_eq!(pattern["centre_id"], "kalasatama");
    assert_eq!(pattern["window"], 6);
    assert_eq!(pattern["meetings"], json!(LAST_SIX), "{pattern}");
    assert_eq!(counts(pattern, "oral_health"), (1, 6, 4, true));
    assert_eq!(
        row(pattern, "oral_health")["marks"],
        json!(["missed", "present", "missed", "missed", "missed", "missed"])
    );
    assert_eq!(
        row(pattern, "oral_health")["name_fi"],
        "Suun terveydenhuolto"
    );
    assert_eq!(counts(pattern, "disability"), (1, 6, 5, true));
    assert_eq!(counts(pattern, "social_services"), (1, 6, 2, false));
    assert_eq!(counts(pattern, "kela"), (5, 6, 0, false));
    assert_eq!(counts(pattern, "health_station"), (6, 6, 0, false));
    assert_eq!(counts(pattern, "psychiatry_substance"), (0, 6, 6, true));
    assert_eq!(
        pattern["services"].as_array().unwrap().len(),
        9,
        "every required service of the catalogue"
    );
}

#[tokio::test]
async fn the_coordinator_and_the_chair_see_the_last_six_meetings_held_and_a_participant_does_not() {
    let server = Server::start(&[]);
    kalasatama_history(&server).await;
    let next = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": "2026-12-08T13:00:00+02:00"}),
    )
    .await;

    // The coordinator.
    let (status, pattern) = api(&server, "GET", "/api/centres/kalasatama/attendance", None).await;
    assert_eq!(status, 200, "{pattern}");
    assert_last_six(&pattern);
    let path = "/api/centres/kalasatama/attendance";
    for key in [&next.chair_key, &next.participant_key] {
        let (status, body) = api_as(&server, "GET", path, None, Some(key)).await;
        assert_eq!(
            status, 403,
            "a meeting key is not the coordinator token: {body}"
        );
    }
    assert_eq!(api_as(&server, "GET", path, None, None).await.0, 401);
    let (status, _) = api(&server, "GET", "/api/centres/nowhere/attendance", None).await;
    assert_eq!(status, 404);

    // The chair of the next meeting, before its start: the same pattern.
    let chair_path = format!("/api/meetings/{}/attendance", next.id);
    let (status, for_chair) =
        api_as(&server, "GET", &chair_path, None, Some(&next.chair_key)).await;
    assert_eq!(status, 200, "{for_chair}");
    assert_eq!(for_chair, pattern);
    // The deputy chair may take the chair over: their key opens it too.
    let (status, _) = api_as(&server, "GET", &chair_path, None, Some(&next.deputy_key)).await;
    assert_eq!(status, 200);
    // A participant key, the coordinator token, another meeting's chair key, no key: refused.
    let (status, body) = api_as(
        &server,
        "GET",
        &chair_path,
        None,
        Some(&next.participant_key),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(
        !body.to_string().contains("oral_health"),
        "nothing of the pattern: {body}"
    );
    assert_eq!(
        api_as(&server, "GET", &chair_path, None, Some(TOKEN))
            .await
            .0,
        403
    );
    let other = Meeting::create(&server).await;
    assert_eq!(
        api_as(&server, "GET", &chair_path, None, Some(&other.chair_key))
            .await
            .0,
        403
    );
    let (status, body) = api_as(&server, "GET", &chair_path, None, None).await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (401, &json!("unauthorized"))
    );
    let (status, _) = api_as(
        &server,
        "GET",
        "/api/meetings/0123456789abcdef0123456789abcdef/attendance",
        None,
        Some(&next.chair_key),
    )
    .await;
    assert_eq!(status, 404);

    // A meeting held now moves the window on: its chair does not see it in its own history,
    // the coordinator does.
    let now = hold_meeting(
        &server,
        "kalasatama",
        "2026-11-24T13:00:00+02:00",
        &["oral_health"],
    )
    .await;
    let (_, pattern) = api(&server, "GET", "/api/centres/kalasatama/attendance", None).await;
    assert_eq!(pattern["meetings"][5], "2026-11-24");
    assert_eq!(pattern["meetings"][0], "2026-06-09");
    assert_eq!(
        counts(&pattern, "oral_health"),
        (2, 6, 0, false),
        "came back"
    );
    let (status, own) = api_as(
        &server,
        "GET",
        &format!("/api/meetings/{}/attendance", now.id),
        None,
        Some(&now.chair_key),
    )
    .await;
    assert_eq!(status, 200, "{own}");
    assert_last_six(&own);
}

#[tokio::test]
async fn the_period_report_has_the_same_table_per_centre_in_json_and_csv() {
    let server = Server::start(&[]);
    kalasatama_history(&server).await;

    let (status, body) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-01-01&to=2026-11-30&format=json",
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let report: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["meetings_held"], 7);
    let patterns = report["attendance_pattern"].as_array().unwrap();
    assert_eq!(patterns.len(), 1);
    assert_last_six(&patterns[0]);

    // A shorter range: only its meetings, fewer than six.
    let (_, body) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-09-01&to=2026-11-30&format=json",
        TOKEN,
    )
    .await;
    let report: Value = serde_json::from_str(&body).unwrap();
    let short = &report["attendance_pattern"][0];
    assert_eq!(
        short["meetings"],
        json!(["2026-09-08", "2026-10-13", "2026-11-10"])
    );
    assert_eq!(counts(short, "oral_health"), (0, 3, 3, true));
    assert_eq!(counts(short, "kela"), (2, 3, 0, false));
    assert_eq!(counts(short, "social_services"), (1, 3, 2, false));

    // The CSV: the meetings, totals and rates, then the table under them.
    let (status, text) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-01-01&to=2026-11-30&format=csv",
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let title = rows
        .iter()
        .position(|r| r[0].starts_with("Pakollisten palvelujen osallistuminen"))
        .unwrap_or_else(|| panic!("no attendance table:\n{text}"));
    assert!(rows[title][0].ends_with("– Kalasatama"));
    assert!(
        rows[title - 1].iter().all(String::is_empty),
        "a blank row before it"
    );
    let header = &rows[title + 1];
    assert_eq!(header[0], "palvelu");
    assert_eq!(header[1..7], LAST_SIX);
    assert_eq!(
        header[7..11],
        ["paikalla", "tapaamisia", "poissa peräkkäin", "huomio"]
    );
    let oral = rows
        .iter()
        .find(|r| r[0] == "Suun terveydenhuolto")
        .expect("a row for oral health");
    assert_eq!(
        oral[1..7],
        ["poissa", "paikalla", "poissa", "poissa", "poissa", "poissa"]
    );
    assert_eq!(oral[7..11], ["1", "6", "4", "⚠ poissa 4 kertaa peräkkäin"]);
    let kela = rows.iter().find(|r| r[0] == "Kela").unwrap();
    assert_eq!(kela[7..11], ["5", "6", "0", ""]);

    // In Swedish, the words and the names are Swedish.
    let (_, sv) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-01-01&to=2026-11-30&format=csv&lang=sv",
        TOKEN,
    )
    .await;
    assert!(sv.contains("De obligatoriska tjänsternas deltagande i de sex senaste mötena"));
    assert!(
        sv.contains("Mun- och tandvård;frånvarande;närvarande"),
        "{sv}"
    );
    assert!(sv.contains("⚠ frånvarande 4 gånger i rad"));

    // Only the coordinator gets the report.
    let m = Meeting::create(&server).await;
    let (status, _) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-01-01&to=2026-11-30&format=json",
        &m.chair_key,
    )
    .await;
    assert_eq!(status, 403);
}
