//! The coordinator's HTTP API guards meeting creation with the coordinator token (none → 401,
//! a chair or participant key → 403), refuses unknown centres (404) and bad input (400) with a
//! structured error, and hands out meetings whose links carry the key in the fragment
//! (`/m/{id}#key=…`).

use e2e::{Meeting, Server, TOKEN};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn post(server: &Server, bearer: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{}/api/meetings", server.http()))
        .json(&body);
    if let Some(b) = bearer {
        req = req.bearer_auth(b);
    }
    let resp = req.send().await.expect("POST /api/meetings");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn get(server: &Server, path: &str, bearer: Option<&str>) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new().get(format!("{}{path}", server.http()));
    if let Some(b) = bearer {
        req = req.bearer_auth(b);
    }
    let resp = req.send().await.expect("GET");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn creating_a_meeting_needs_the_coordinator_token_and_valid_input() {
    let server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let body = json!({"centre_id":"kalasatama"});

    let (status, err) = post(&server, None, body.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&err), "unauthorized", "{err}");
    let resp = reqwest::Client::new()
        .post(format!("{}/api/meetings", server.http()))
        .header("Authorization", format!("Basic {TOKEN}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::UNAUTHORIZED,
        "not a Bearer token"
    );
    for key in [&m.chair_key, &m.participant_key] {
        let (status, err) = post(&server, Some(key), body.clone()).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a meeting key is not the coordinator token"
        );
        assert_eq!(code(&err), "forbidden");
    }
    let (status, err) = post(&server, Some(TOKEN), json!({"centre_id":"no-such-centre"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&err), "not_found");
    for bad in [
        json!({"centre_id":"kalasatama","starts_at":"tomorrow at one"}),
        json!({"centre_id":"kalasatama","starts_at":"2026-12-08"}),
        json!({"centre_id":"kalasatama","starts_at":"2026-12-08T25:00"}),
        json!({"centre_id":"kalasatama","duration_min":5}),
        json!({"centre_id":"kalasatama","title":"t".repeat(151)}),
        json!({"starts_at":"2026-12-08T13:00:00+02:00"}),
    ] {
        let (status, err) = post(&server, Some(TOKEN), bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {err}");
        assert_eq!(code(&err), "bad_request", "{bad}: {err}");
    }
    // None of the refused requests created a meeting.
    let (status, list) = get(&server, "/api/centres/kalasatama/meetings", Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert!(ids.contains(&m.id.as_str()));
    let before = ids.len();

    // A wall-clock time without an offset is the centre's (Helsinki: +02:00 in December,
    // +03:00 in June), and the meeting comes back with its times in that zone, named.
    for (local, utc, offset) in [
        ("2030-12-10T13:00", "2030-12-10T11:00:00Z", "+02:00"),
        ("2030-06-11T09:30:00", "2030-06-11T06:30:00Z", "+03:00"),
    ] {
        let (status, made) = post(
            &server,
            Some(TOKEN),
            json!({"centre_id":"kalasatama","starts_at":local}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
        assert_eq!(made["starts_at"], utc, "{local}");
        assert_eq!(made["time_zone"], "Europe/Helsinki");
        assert_eq!(made["starts_local"], &local[..16]);
        assert_eq!(made["utc_offset"], offset);
        assert_eq!(made["carried_over"], 0);
    }
    let before = before + 2;

    // A valid one with a time zone offset.
    let (status, made) = post(
        &server,
        Some(TOKEN),
        json!({"centre_id":"kalasatama","starts_at":"2030-12-10T13:00:00+02:00","duration_min":90,"title":"Joulukuun PPT"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    // 13:00 at +02:00 is 11:00 UTC.
    assert_eq!(made["starts_at_ms"], 1_923_130_800_000i64);
    assert_eq!(made["ends_at_ms"], 1_923_130_800_000i64 + 90 * 60_000);
    assert_eq!(made["title"], "Joulukuun PPT");
    let (_, list) = get(&server, "/api/centres/kalasatama/meetings", Some(TOKEN)).await;
    assert_eq!(list["meetings"].as_array().unwrap().len(), before + 1);
}

#[tokio::test]
async fn a_meeting_is_read_back_with_its_capability_links() {
    let server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let (status, got) = get(&server, &format!("/api/meetings/{}", m.id), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!(got["id"], m.id.as_str());
    let chair_link = got["chair_link"].as_str().unwrap();
    let participant_link = got["participant_link"].as_str().unwrap();
    assert!(
        chair_link.ends_with(&format!("/m/{}#key={}", m.id, m.chair_key)),
        "{chair_link}"
    );
    assert!(
        participant_link.ends_with(&format!("/m/{}#key={}", m.id, m.participant_key)),
        "{participant_link}"
    );
    assert!(chair_link.starts_with("http://"), "{chair_link}");
    assert_ne!(m.chair_key, m.participant_key);

    let (status, _) = get(&server, &format!("/api/meetings/{}", m.id), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = get(
        &server,
        &format!("/api/meetings/{}", m.id),
        Some(&m.chair_key),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, err) = get(
        &server,
        "/api/meetings/0123456789abcdef0123456789abcdef",
        Some(TOKEN),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&err), "not_found");
    let (status, health) = get(&server, "/api/health", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["ok"], true);
    // Keys never reach the server log (they ride in the URL fragment and request bodies).
    let log = server.log_text();
    assert!(
        !log.contains(&m.chair_key) && !log.contains(&m.participant_key),
        "a key was logged"
    );
}

/// The app is served with a content security policy (own scripts and WebAssembly only, never
/// framed), and no response leaks the page address in a Referer.
#[tokio::test]
async fn the_app_and_the_api_send_protective_headers() {
    let server = e2e::Server::start(&[]);
    let page = reqwest::get(format!("{}/m/anything", server.http()))
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'")
            && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let api = reqwest::get(format!("{}/api/health", server.http()))
        .await
        .unwrap();
    assert_eq!(api.headers()["referrer-policy"], "no-referrer");
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
}

/// The browser app is sent compressed to browsers that accept it: each of its three modules
/// (meeting, coordinator, and the guard the meeting page loads after it) with brotli or gzip
/// (the build's precompressed copies), with its WebAssembly content type, and as it is to a
/// client that accepts neither. Each stays within its 300 KB gzipped budget.
#[tokio::test]
async fn the_app_is_sent_compressed_to_browsers_that_accept_it() {
    const BUDGET: u64 = 300 * 1024;
    let server = e2e::Server::start(&[]);
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/dist");
    let client = reqwest::Client::new();
    for module in ["meeting", "coordinator", "forms", "guard"] {
        let name = format!("{module}_bg.wasm");
        let raw = std::fs::metadata(dist.join(&name))
            .expect("the client is built (scripts/build-client.sh)")
            .len();
        let url = format!("{}/{name}", server.http());
        for (accept, encoding, file) in [
            ("br, gzip", Some("br"), format!("{name}.br")),
            ("gzip", Some("gzip"), format!("{name}.gz")),
            ("identity", None, name.clone()),
        ] {
            let res = client
                .get(&url)
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200, "{name} {accept}");
            assert_eq!(
                res.headers()["content-type"],
                "application/wasm",
                "{name} {accept}"
            );
            assert_eq!(
                res.headers()
                    .get("content-encoding")
                    .map(|v| v.to_str().unwrap().to_owned()),
                encoding.map(str::to_owned),
                "{name} {accept}"
            );
            let body = res.bytes().await.unwrap();
            let expected = std::fs::metadata(dist.join(&file)).unwrap().len();
            assert_eq!(body.len() as u64, expected, "{name} {accept}");
            if encoding.is_some() {
                assert!(expected * 2 < raw, "{file} is {expected} bytes of {raw}");
                assert!(
                    expected <= BUDGET,
                    "{file} is {expected} bytes, over the {BUDGET}-byte budget"
                );
            }
        }
    }
}
