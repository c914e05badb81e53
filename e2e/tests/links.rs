//! Links with a lifecycle (issue 10, part 2) through the real server: the coordinator rotates a
//! meeting's chair and participant keys and a centre's calendar feed key, and the old one
//! stops at once, open sockets included; chair and participant keys expire a while after the
//! meeting ended while the coordinator still exports its minutes; the coordinator token must be
//! long enough, is printed only when generated, and is kept only as its hash.

use e2e::fixtures::{api, api_as, minutes};
use e2e::{meeting_with_chair_and, serve_output, Client, Meeting, Server, TOKEN, WAIT};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Asks for a new chair or participant key of `m` (`which`: `"chair"`, `"participant"`).
async fn rotate(server: &Server, m: &Meeting, which: &str) -> (u16, Value) {
    api(
        server,
        "POST",
        &format!("/api/meetings/{}/rotate", m.id),
        Some(json!({ "key": which })),
    )
    .await
}

/// The key in a link `…/m/<meeting>#key=<key>`.
fn key_of(link: &Value) -> String {
    link.as_str()
        .unwrap()
        .split_once("#key=")
        .unwrap()
        .1
        .to_owned()
}

/// Connects with `key` and expects `bad_key` then a close (1008); returns the error's message.
async fn refused_hello(addr: &str, meeting: &str, key: &str) -> String {
    let mut c = Client::connect(addr, meeting).await;
    c.send_raw(&json!({"type":"hello","v":1,"key":key,"req":7}).to_string())
        .await;
    let err = c.next().await;
    assert_eq!(
        (err["type"].as_str(), err["code"].as_str()),
        (Some("error"), Some("bad_key")),
        "hello with a key that no longer works: {err}"
    );
    assert_eq!(err["req"], 7);
    assert_eq!(c.wait_closed().await, 1008, "bad_key closes the connection");
    err["message"].as_str().unwrap().to_owned()
}

/// Reads an open socket until the server says `bad_key` and closes it; returns the message.
async fn told_and_closed(c: &mut Client, who: &str) -> String {
    let err = tokio::time::timeout(
        WAIT,
        c.recv_until(|m| m["type"] == "error" && m["code"] == "bad_key"),
    )
    .await
    .unwrap_or_else(|_| panic!("{who}: no bad_key on the open socket"));
    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(
        c.wait_closed().await,
        1008,
        "{who}: the socket is closed after bad_key"
    );
    err["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_rotated_key_stops_at_once_and_its_open_sockets_are_closed() {
    let server = Server::start(&[]);
    let addr = &server.addr;
    let (m, mut chair, mut kela) = meeting_with_chair_and(&server, "kela").await;
    // A participant socket that has only said hello is closed as well.
    let mut reader = m.participant(addr).await;

    // Rotating the participant key: both participant sockets hear bad_key and close, the
    // chair stays; the answer carries the new participant link, the chair's is unchanged.
    let (status, view) = rotate(&server, &m, "participant").await;
    assert_eq!(status, 200, "{view}");
    let new_participant = key_of(&view["participant_link"]);
    assert_ne!(new_participant, m.participant_key);
    assert_eq!(view["participant_key"], new_participant.as_str());
    assert_eq!(key_of(&view["chair_link"]), m.chair_key);
    let why = told_and_closed(&mut kela, "joined participant").await;
    assert!(why.contains("replaced"), "{why}");
    told_and_closed(&mut reader, "participant reading").await;
    assert!(chair.answers_ping().await, "the chair's socket stays open");
    refused_hello(addr, &m.id, &m.participant_key).await;
    let mut fresh = Client::hello(addr, &m.id, &new_participant).await;
    assert_eq!(fresh.role.as_deref(), Some("participant"));
    fresh.join("kela", None).await;

    // Rotating the chair key: the chair's socket closes, the participants' stays.
    let (status, view) = rotate(&server, &m, "chair").await;
    assert_eq!(status, 200, "{view}");
    let new_chair = key_of(&view["chair_link"]);
    assert_ne!(new_chair, m.chair_key);
    assert_eq!(key_of(&view["participant_link"]), new_participant);
    told_and_closed(&mut chair, "chair").await;
    assert!(
        fresh.answers_ping().await,
        "the participant's socket stays open"
    );
    refused_hello(addr, &m.id, &m.chair_key).await;
    let mut chair = Client::hello(addr, &m.id, &new_chair).await;
    assert_eq!(chair.role.as_deref(), Some("chair"));
    // The new chair runs the meeting as before.
    chair.join("health_station", None).await;
    chair
        .ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Nuorten asunnottomuus","question":"Miten tunnistamme aiemmin?"}}))
        .await;

    // A room that is not in memory reads the new keys when it loads: after a restart the
    // old keys are still refused and the new ones work.
    let mut server = server;
    assert!(server.terminate());
    server.restart();
    refused_hello(&server.addr, &m.id, &m.participant_key).await;
    refused_hello(&server.addr, &m.id, &m.chair_key).await;
    Client::hello(&server.addr, &m.id, &new_participant).await;
    Client::hello(&server.addr, &m.id, &new_chair).await;

    // The API's refusals: a key it does not know, a meeting that does not exist, no token,
    // and a meeting key used as the token.
    let path = format!("/api/meetings/{}/rotate", m.id);
    let (status, body) = api(&server, "POST", &path, Some(json!({"key": "screen"}))).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = api(
        &server,
        "POST",
        "/api/meetings/nope/rotate",
        Some(json!({"key": "chair"})),
    )
    .await;
    assert_eq!(status, 404);
    let body = Some(json!({"key": "chair"}));
    let (status, _) = api_as(&server, "POST", &path, body.clone(), None).await;
    assert_eq!(status, 401);
    let (status, _) = api_as(&server, "POST", &path, body, Some(&new_chair)).await;
    assert_eq!(status, 403);
    // None of that rotated anything.
    Client::hello(&server.addr, &m.id, &new_chair).await;
}

#[tokio::test]
async fn a_rotated_feed_key_retires_the_old_calendar_url() {
    let server = Server::start(&[]);
    let (status, centre) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    assert_eq!(status, 200, "{centre}");
    let old_url = centre["feed_url"].as_str().unwrap().to_owned();
    assert_eq!(reqwest::get(&old_url).await.unwrap().status().as_u16(), 200);

    let (status, rotated) = api(&server, "POST", "/api/centres/kalasatama/feed/rotate", None).await;
    assert_eq!(status, 200, "{rotated}");
    let new_url = rotated["feed_url"].as_str().unwrap().to_owned();
    assert_ne!(new_url, old_url);
    assert!(new_url.contains(rotated["feed_key"].as_str().unwrap()));
    let old = reqwest::get(&old_url).await.unwrap().status().as_u16();
    assert!(old == 404 || old == 403, "old feed URL answers {old}");
    let resp = reqwest::get(&new_url).await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.text().await.unwrap().starts_with("BEGIN:VCALENDAR"));
    // The listing has the new URL too.
    let (_, again) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    assert_eq!(again["feed_url"], new_url.as_str());

    let (status, _) = api(&server, "POST", "/api/centres/nowhere/feed/rotate", None).await;
    assert_eq!(status, 404);
    let (status, _) = api_as(
        &server,
        "POST",
        "/api/centres/kalasatama/feed/rotate",
        None,
        None,
    )
    .await;
    assert_eq!(status, 401);
    // Still the same key: the refused request rotated nothing.
    assert_eq!(reqwest::get(&new_url).await.unwrap().status().as_u16(), 200);
}

#[tokio::test]
async fn keys_expire_a_while_after_the_meeting_ended_but_the_minutes_still_export() {
    const LIFETIME_SECS: u64 = 4;
    let server = Server::start(&["--link-secs", &LIFETIME_SECS.to_string()]);
    let addr = &server.addr;
    let m = Meeting::create(&server).await;
    let (_, before) = api(&server, "GET", &format!("/api/meetings/{}", m.id), None).await;
    assert_eq!(
        before["links_expire_at"],
        Value::Null,
        "not ended: no expiry"
    );
    assert_eq!(before["links_expired"], false);

    let mut chair = m.chair_joined(addr, "health_station").await;
    let mut kela = m.participant_joined(addr, "kela").await;
    kela.ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Nuorten asunnottomuus","question":"Miten tunnistamme aiemmin?"}}))
        .await;
    chair.ok(json!({"type":"end_meeting"})).await;
    let ended = std::time::Instant::now();

    // Right after the end the links still read the meeting (read-only).
    let late = m.participant(addr).await;
    assert_eq!(late.role.as_deref(), Some("participant"));
    drop(late);
    let (_, view) = api(&server, "GET", &format!("/api/meetings/{}", m.id), None).await;
    assert_eq!(view["state"], "ended");
    assert!(view["links_expire_at"].is_string(), "{view}");

    // When the lifetime runs out, the open sockets are told and closed, not before.
    let why = told_and_closed(&mut chair, "chair").await;
    assert!(
        ended.elapsed() >= Duration::from_secs(LIFETIME_SECS) - Duration::from_millis(500),
        "closed only when the links expired ({:?} after the end)",
        ended.elapsed()
    );
    assert!(why.contains("expired"), "{why}");
    let why = told_and_closed(&mut kela, "participant").await;
    assert!(why.contains("expired"), "{why}");

    // New hellos with either key get bad_key saying the link expired.
    let why = refused_hello(addr, &m.id, &m.chair_key).await;
    assert!(why.contains("expired"), "{why}");
    let why = refused_hello(addr, &m.id, &m.participant_key).await;
    assert!(why.contains("expired"), "{why}");
    // A wrong key is just a wrong key.
    let why = refused_hello(addr, &m.id, "0123456789abcdef0123456789abcdef").await;
    assert!(!why.contains("expired"), "{why}");

    // The coordinator sees it and still exports the minutes; the calendar feed is unaffected.
    let (_, view) = api(&server, "GET", &format!("/api/meetings/{}", m.id), None).await;
    assert_eq!(view["links_expired"], true, "{view}");
    let (status, md) = minutes(&server, &m, "md").await;
    assert_eq!(status, 200);
    assert!(md.contains("Nuorten asunnottomuus"));
    let (_, centre) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    let feed = reqwest::get(centre["feed_url"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(feed.status().as_u16(), 200);
    assert!(feed.text().await.unwrap().contains(&m.id));

    // A room loaded from the log after the expiry refuses the keys too.
    let mut server = server;
    assert!(server.terminate());
    server.restart();
    let why = refused_hello(&server.addr, &m.id, &m.participant_key).await;
    assert!(why.contains("expired"), "{why}");
}

/// A fresh database path in its own directory (removed by the caller's guard).
struct TempDb(PathBuf);

impl TempDb {
    fn new(name: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!(
            "ppt-links-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDb(dir)
    }
    fn db(&self) -> PathBuf {
        self.0.join("ppt-hub.db")
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_too_short_coordinator_token_keeps_the_server_from_starting() {
    let dir = TempDb::new("short");
    let short = "x".repeat(31);
    let out = serve_output(&dir.db(), &["--coordinator-token", &short]);
    assert!(!out.listened, "started with a 31-character token: {out:?}");
    assert_ne!(out.exit_code, Some(0));
    assert!(
        out.stderr.contains("at least 32 characters"),
        "says why: {}",
        out.stderr
    );
    assert!(!out.stderr.contains(&short), "never prints the token");
    assert!(!dir.db().exists(), "nothing was created");
    // From the environment the same.
    let out = {
        let mut cmd = std::process::Command::new(e2e::server_binary(false));
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(dir.db())
            .env("PPT_COORDINATOR_TOKEN", "too-short")
            .output()
            .unwrap()
    };
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 32 characters"));

    // 32 characters are enough; the configured token is never printed.
    let ok = "y".repeat(32);
    let out = serve_output(&dir.db(), &["--coordinator-token", &ok]);
    assert!(out.listened, "{out:?}");
    assert!(out.stdout.iter().all(|l| !l.contains("coordinator token")));
    assert!(!out.stdout.join("\n").contains(&ok));
    assert!(!out.stderr.contains(&ok));
}

/// `GET /api/centres` with `token` on a running server at `addr`; returns the status code.
fn centres_status(addr: &str, token: &str) -> u16 {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET /api/centres HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// The address a run printed ("ppt-hub listening on http://…").
fn listening(out: &[String]) -> Option<String> {
    out.iter().find_map(|l| {
        l.strip_prefix("ppt-hub listening on http://")
            .map(str::to_owned)
    })
}

/// The stored settings about the coordinator token in the database at `db`.
fn settings(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT key, value FROM settings WHERE key LIKE 'coordinator%' ORDER BY key")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Runs the server on `db` without a configured token, checking `works` against the API while
/// it runs; returns what it printed.
fn run_checking(db: &Path, works: &str) -> e2e::ServeOutput {
    let mut statuses = None;
    let out = e2e::serve_output_while(db, &[], |addr| {
        statuses = Some((
            centres_status(addr, works),
            centres_status(addr, &"z".repeat(64)),
        ));
    });
    let (good, bad) = statuses.unwrap_or_else(|| panic!("the server did not start: {out:?}"));
    assert_eq!(good, 200, "the token works against the API");
    assert_eq!(bad, 403, "another token does not");
    out
}

/// Whether no line of standard output announces a coordinator token.
fn no_token_line(stdout: &[String]) -> bool {
    stdout.iter().all(|l| !l.contains("coordinator token"))
}

#[test]
fn the_generated_token_is_printed_at_first_start_only_and_stored_as_its_hash() {
    let dir = TempDb::new("generated");
    let first = serve_output(&dir.db(), &[]);
    assert!(first.listened, "{first:?}");
    let token = first
        .stdout
        .iter()
        .find_map(|l| l.strip_prefix("coordinator token: "))
        .unwrap_or_else(|| panic!("first start prints the token: {:?}", first.stdout))
        .trim()
        .to_owned();
    assert!(token.len() >= 32, "a long token: {token}");
    assert!(!first.stderr.contains(&token), "the log never has it");

    // The database keeps its SHA-256 only (and the token appears nowhere in the file).
    let stored = settings(&dir.db());
    assert!(
        stored.iter().all(|(_, v)| !v.contains(&token)),
        "{stored:?}"
    );
    assert!(
        stored.iter().any(|(_, v)| v.len() == 64 && v != &token),
        "a SHA-256 hash is stored: {stored:?}"
    );
    let mut raw = Vec::new();
    for f in ["ppt-hub.db", "ppt-hub.db-wal"] {
        if let Ok(mut file) = std::fs::File::open(dir.0.join(f)) {
            file.read_to_end(&mut raw).unwrap();
        }
    }
    assert!(
        !raw.windows(token.len()).any(|w| w == token.as_bytes()),
        "the token is not in the database files"
    );

    // Later starts: the same token works, and it is not printed again.
    let later = run_checking(&dir.db(), &token);
    assert!(later.listened);
    assert!(no_token_line(&later.stdout), "{:?}", later.stdout);
    assert!(!later.stdout.join("\n").contains(&token));
    assert!(!later.stderr.contains(&token));
    assert!(listening(&later.stdout).is_some());
}

#[test]
fn a_token_stored_in_plain_text_by_an_earlier_version_is_replaced_by_its_hash() {
    let dir = TempDb::new("legacy");
    // A database as an earlier version left it: the generated token in plain text.
    let first = serve_output(&dir.db(), &[]);
    assert!(first.listened, "{first:?}");
    let legacy = "0123456789abcdef0123456789abcdef".to_owned();
    {
        let conn = rusqlite::Connection::open(dir.db()).unwrap();
        conn.execute("DELETE FROM settings WHERE key LIKE 'coordinator%'", [])
            .unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('coordinator_token', ?1)",
            [&legacy],
        )
        .unwrap();
    }
    let later = run_checking(&dir.db(), &legacy);
    assert!(no_token_line(&later.stdout), "{:?}", later.stdout);
    let stored = settings(&dir.db());
    assert!(
        stored.iter().all(|(_, v)| v != &legacy),
        "no plain-text token left: {stored:?}"
    );
    assert_eq!(stored.len(), 1, "{stored:?}");
}

/// The coordinator page replaces a participant link and the calendar feed address: each asks
/// first (the confirmation is axe-clean), the page shows the new one, and the old one stops —
/// a participant's open browser shows why, and a raw socket gets `bad_key` and is closed.
#[tokio::test]
async fn the_coordinator_page_replaces_links_after_asking() {
    use e2e::browser::{axe_source, listed, Driver};
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = Server::start(&[]);
    let m = Meeting::create(&server).await;
    let (_, centre) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    let old_feed = centre["feed_url"].as_str().unwrap().to_owned();
    let mut socket = m.participant(&server.addr).await;

    // A participant has the meeting open in a browser.
    let participant = driver.open("participant", 1024, 800).await;
    participant.goto(&m.participant_link(&server)).await;
    participant
        .wait_js(
            "the join form",
            "return document.body.innerText.includes('Liity kokoukseen')",
            vec![],
        )
        .await;

    let coord = driver.open("coordinator", 1366, 900).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    coord
        .wait_js(
            "the meeting's card",
            "return document.getElementById('part-' + arguments[0]) !== null",
            vec![json!(m.id)],
        )
        .await;
    // The participant link shown on the card (once it no longer ends with `arguments[1]`).
    let link = "const e = document.getElementById('part-' + arguments[0]); \
                return e && !e.value.endsWith(arguments[1]) ? e.value : null";
    let shown = coord.js(link, vec![json!(m.id), json!("-")]).await;
    assert!(shown.as_str().unwrap().ends_with(&m.participant_key));

    // The button names the link; it opens a confirmation, which passes axe-core.
    let open = format!("#open-rk-p-{}", m.id);
    let label = coord
        .js(
            "return document.querySelector(arguments[0]).getAttribute('aria-label')",
            vec![json!(open)],
        )
        .await;
    assert!(
        label
            .as_str()
            .unwrap()
            .starts_with("Vaihda osallistujien linkki: "),
        "{label}"
    );
    coord.click(&open).await;
    coord
        .wait_js(
            "the confirmation",
            "return !document.getElementById('rk-p-' + arguments[0]).hidden",
            vec![json!(m.id)],
        )
        .await;
    let (passed, violations) = coord.axe_report(&axe_source()).await;
    assert!(passed >= 10, "axe checked too little ({passed} passed)");
    assert!(
        violations.is_empty(),
        "axe violations with the confirmation open:\n{}",
        listed(&violations)
    );
    coord
        .click(&format!("#rk-p-{} button[data-act=rotate]", m.id))
        .await;
    let new_link = coord
        .wait_js(
            "the new participant link",
            link,
            vec![json!(m.id), json!(m.participant_key)],
        )
        .await;
    let new_key = new_link.as_str().unwrap().split_once("#key=").unwrap().1;
    assert_ne!(new_key, m.participant_key);
    // The old link's open sockets stop; the new link works.
    told_and_closed(&mut socket, "raw participant socket").await;
    participant
        .wait_js(
            "the participant's browser saying the link was replaced",
            "return document.body.innerText.includes('vaihdettu uuteen')",
            vec![],
        )
        .await;
    Client::hello(&server.addr, &m.id, new_key).await;

    // The calendar feed address, the same way.
    coord.click("#open-rk-feed").await;
    coord.click("#rk-feed button[data-act=rotate-feed]").await;
    let new_feed = coord
        .wait_js(
            "the new feed address",
            "const e = document.getElementById('feed-url'); return e && e.value !== arguments[0] ? e.value : null",
            vec![json!(old_feed)],
        )
        .await;
    let new_feed = new_feed.as_str().unwrap().to_owned();
    coord
        .wait_js(
            "the confirmation of the new address",
            "return document.getElementById('feed-note').innerText",
            vec![],
        )
        .await;
    assert_eq!(
        reqwest::get(&old_feed).await.unwrap().status().as_u16(),
        404
    );
    assert_eq!(
        reqwest::get(&new_feed).await.unwrap().status().as_u16(),
        200
    );
    coord.close().await;
    participant.close().await;
}
