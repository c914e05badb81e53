//! Minutes and period reports (issue 5) of meetings run through the real server: the exports
//! hold exactly what happened, the CSV opens as Finnish Excel CSV, only the coordinator can
//! export, bad requests get clear errors, and the identifier guard stops an export that would
//! leak.

use e2e::fixtures::get_text;
use e2e::{run_meeting, Meeting, Server, TOKEN};
use serde_json::{json, Value};
use std::process::Command;

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(text.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_minutes_hold_exactly_what_happened_in_every_format() {
    let server = Server::start(&[]);
    let m = run_meeting(&server, "kalasatama", "2026-10-13T13:00:00+03:00").await;

    let (status, body) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=json", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let s: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(s["centre_name"], "Kalasatama");
    assert_eq!(s["date"], "2026-10-13");
    assert_eq!(s["scheduled_start"], "13:00");
    // The minutes name the zone their times are in.
    assert_eq!(s["time_zone"], "Europe/Helsinki");
    assert_eq!(s["agenda_announced"], 3);
    let people = |svc: &str| {
        s["attendance"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["service"] == svc)
            .unwrap()["people"]
            .clone()
    };
    assert_eq!(people("social_services"), 2);
    assert_eq!(people("kela"), 1);
    assert_eq!(people("health_station"), 1);
    assert_eq!(people("oral_health"), 0);
    assert_eq!(s["required_present"].as_array().unwrap().len(), 3);
    assert_eq!(s["required_missing"].as_array().unwrap().len(), 6);
    let items = s["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[0]["title"],
        "Iäkäs asiakas, toistuvat päivystyskäynnit"
    );
    assert_eq!(items[0]["kind"], "client_case");
    assert_eq!(items[0]["status"], "done");
    assert_eq!(items[0]["themes"], json!(["mental_health", "older_client"]));
    assert_eq!(items[0]["outcome"]["follow_up"], true);
    assert_eq!(
        items[0]["outcome"]["services_to_involve"],
        json!(["elderly_guidance"])
    );
    // The meeting was run "late", long after its hour: every share is 0, plus the 2 extra minutes.
    assert_eq!(items[0]["allotted_min"], 2);
    assert_eq!(items[0]["used_min"], 0);
    assert_eq!(items[1]["kind"], "phenomenon");
    assert_eq!(
        items[1]["outcome"]["advice"],
        "Tiedonkulku kouluterveydenhuoltoon"
    );
    assert_eq!(items[2]["status"], "deferred");
    assert_eq!(
        (
            s["deferred"].as_u64(),
            s["follow_ups"].as_u64(),
            s["withdrawn"].as_u64()
        ),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(s["rejected_identifiers"], json!({"hetu": 1}));
    assert!(!body.contains("131052"), "the refused text is nowhere");

    let (status, md) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=md", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200);
    assert!(md.starts_with("# Muistio – Kalasatama 13.10.2026"), "{md}");
    assert!(md.contains("### 1. Iäkäs asiakas, toistuvat päivystyskäynnit (Asiakastapaus)"));
    assert!(md.contains("Seuranta seuraavassa tapaamisessa"));
    assert!(md.contains("henkilötunnus 1"));
    assert!(md.contains("**Puuttuivat:**"));

    let (status, html) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=html&lang=en", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("@media print") && html.contains("<html lang=\"en\">"));
    assert!(html.contains("Youth homelessness") || html.contains("Nuorten asunnottomuus kasvaa"));

    let (status, text) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=csv", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200);
    let (header, rows) = parse_csv(&text);
    assert_eq!(
        header[..6],
        ["tapaaminen", "keskus", "päivä", "nro", "laji", "otsikko"]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][5], "Iäkäs asiakas, toistuvat päivystyskäynnit");
    assert_eq!(rows[2][10], "Siirretty seuraavaan kokoukseen");

    // The CLI gives the same minutes from the database file.
    let out = Command::new(e2e::server_binary(false))
        .args(["export", "meeting", &m.id, "--format", "md", "--db"])
        .arg(server.db_arg())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), md);
}

#[tokio::test]
async fn the_period_report_adds_up_the_meetings_of_the_range() {
    let server = Server::start(&[]);
    run_meeting(&server, "kalasatama", "2026-10-13T13:00:00+03:00").await;
    run_meeting(&server, "kalasatama", "2026-11-10T13:00:00+02:00").await;
    // Outside the range: not counted.
    run_meeting(&server, "kalasatama", "2026-12-08T13:00:00+02:00").await;

    let (status, body) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-10-01&to=2026-11-30&format=json",
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["meetings_held"], 2);
    // The October meeting's follow-up (a client case) and deferred regional matter were carried
    // to November, where they stayed queued and were deferred again at its end. Small numbers
    // are suppressed (issue 13): the two phenomena are "< 3", and so is the next smallest kind,
    // so that the total of 8 does not give them away.
    assert_eq!(
        r["items_by_kind"],
        json!({"client_case": "< 3", "phenomenon": "< 3", "regional_matter": 3})
    );
    assert_eq!(r["items_handled"], 8);
    assert_eq!(r["themes"]["homelessness"], "< 3");
    assert_eq!(r["themes"]["older_client"], 3);
    assert_eq!(
        (&r["follow_ups"], &r["deferred"], &r["outcomes_recorded"]),
        (&json!("< 3"), &json!(4), &json!(4))
    );
    assert_eq!(r["all_required_present_share"], 0.0);
    let rate = |svc: &str| {
        r["attendance"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["service"] == svc)
            .unwrap()["rate"]
            .clone()
    };
    assert_eq!(rate("kela"), 1.0);
    assert_eq!(rate("oral_health"), 0.0);
    assert_eq!(r["rejected_identifiers"], json!({"hetu": 2}));
    assert_eq!(r["items_timed"], 4);

    let (status, text) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-10-01&to=2026-11-30&format=csv",
        TOKEN,
    )
    .await;
    assert_eq!(status, 200);
    let (header, rows) = parse_csv(&text);
    assert_eq!(header[0], "keskus");
    assert!(header.iter().any(|h| h == "henkilöitä: Kela"));
    assert!(header.iter().any(|h| h == "teema: Asunnottomuus"));
    assert_eq!(
        rows.len(),
        4 + 3 + 9 + 2,
        "two meetings, the total, the attendance rates; then the attendance pattern (issue 12): \
         a blank row, its title, its header and the nine required services; then a blank row \
         and the small-number suppression rule (issue 13)"
    );
    assert_eq!(rows[0][1], "2026-10-13");
    assert_eq!(rows[1][1], "2026-11-10");
    assert_eq!(rows[2][0], "Yhteensä");
    assert_eq!(rows[2][4], "8");
    let kela = header.iter().position(|h| h == "henkilöitä: Kela").unwrap();
    assert_eq!(rows[3][kela], "100,0", "decimal comma");

    // All centres, through the CLI.
    let out = Command::new(e2e::server_binary(false))
        .args([
            "report",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
            "--db",
        ])
        .arg(server.db_arg())
        .output()
        .unwrap();
    assert!(out.status.success());
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all["meetings_held"], 3);
}

#[tokio::test]
async fn only_the_coordinator_exports_and_bad_requests_are_explained() {
    let server = Server::start(&[]);
    let m = run_meeting(&server, "kalasatama", "2026-10-13T13:00:00+03:00").await;
    let path = format!("/api/meetings/{}/summary?format=md", m.id);
    assert_eq!(get_text(&server, &path, &m.chair_key).await.0, 403);
    assert_eq!(get_text(&server, &path, &m.participant_key).await.0, 403);
    assert_eq!(
        get_text(
            &server,
            "/api/reports?from=2026-01-01&to=2026-12-31",
            &m.chair_key
        )
        .await
        .0,
        403
    );
    let resp = reqwest::get(format!("{}{path}", server.http()))
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    let (status, body) = get_text(
        &server,
        "/api/meetings/0123456789abcdef0123456789abcdef/summary",
        TOKEN,
    )
    .await;
    assert_eq!(status, 404, "{body}");
    let open = Meeting::create(&server).await;
    let (status, body) = get_text(
        &server,
        &format!("/api/meetings/{}/summary", open.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 409);
    assert!(body.contains("has not ended"));
    for (query, needle) in [
        ("from=2026-12-31&to=2026-01-01", "ends before it starts"),
        ("from=31.12.2026&to=2027-01-01", "from must be a date"),
        ("from=2026-01-01", "from and to are required"),
        ("from=2026-01-01&to=2026-02-01&format=pdf", "format"),
    ] {
        let (status, body) = get_text(&server, &format!("/api/reports?{query}"), TOKEN).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.contains(needle), "{query}: {body}");
    }
    let (status, _) = get_text(
        &server,
        "/api/reports?centre=nowhere&from=2026-01-01&to=2026-02-01",
        TOKEN,
    )
    .await;
    assert_eq!(status, 404);
    let out = Command::new(e2e::server_binary(false))
        .args([
            "report",
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
            "--db",
        ])
        .arg(server.db_arg())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ends before it starts"));
}

#[tokio::test]
async fn an_export_that_would_leak_an_identifier_is_refused() {
    let server = Server::start(&[]);
    // Text is guarded on the way in (coordinator text too), so an identifier reaches an export
    // only as text accepted under an allowlist that has since changed: a service named after
    // the centre's street address, allowed then, in the catalogue the meeting ran with. The
    // export is checked with the centre's allowlist as it is now.
    let http = reqwest::Client::new();
    let mut services = serde_json::to_value(shared::domain::default_catalogue()).unwrap();
    for s in services.as_array_mut().unwrap() {
        if s["id"] == "kela" {
            s["name_fi"] = json!("Kelan toimisto Työpajankatu 8");
        }
    }
    let resp = http
        .post(format!("{}/api/centres", server.http()))
        .bearer_auth(TOKEN)
        .json(&json!({"id": "leaky", "name": "Keskus", "services": services, "allowlist": ["Työpajankatu 8"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let m = run_meeting(&server, "leaky", "2026-10-13T13:00:00+03:00").await;
    let resp = http
        .patch(format!("{}/api/centres/leaky", server.http()))
        .bearer_auth(TOKEN)
        .json(&json!({"services": shared::domain::default_catalogue(), "allowlist": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let (status, body) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=md", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("export_blocked") && body.contains("address"),
        "{body}"
    );
    assert!(!body.contains("Työpajankatu"));
    let (status, _) = get_text(
        &server,
        "/api/reports?from=2026-10-01&to=2026-10-31&format=csv",
        TOKEN,
    )
    .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn the_guard_answers_over_http_and_on_the_command_line() {
    let server = Server::start(&[]);
    let resp = reqwest::Client::new()
        .post(format!("{}/api/guard/check", server.http()))
        .json(&json!({"id": 7, "text": "Soita 040 123 4567, Matille"}))
        .send()
        .await
        .unwrap();
    let answer: Value = resp.json().await.unwrap();
    assert_eq!(answer["id"], 7);
    let kinds: Vec<&str> = answer["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["phone", "person_name"]);
    assert_eq!(
        (
            answer["spans"][0]["start"].as_u64(),
            answer["spans"][0]["end"].as_u64()
        ),
        (Some(6), Some(18))
    );

    use std::io::Write;
    let mut child = Command::new(e2e::server_binary(false))
        .arg("guard")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("{\"id\":\"a\",\"text\":\"Äiti 131052-308T\"}\n{\"id\":\"b\",\"text\":\"72-vuotias, F32.1, Kela\"}\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(
        lines[0]["spans"][0],
        json!({"kind": "hetu", "start": 5, "end": 16})
    );
    assert_eq!(lines[1]["spans"], json!([]));
}
