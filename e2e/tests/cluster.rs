//! Two nodes on one PostgreSQL, the test playing the balancer: a meeting runs on one node at
//! a time (the other answers `held_elsewhere` and closes with 1013); when its node is killed
//! with SIGKILL mid-item, its people reconnect through the other node, which takes the meeting
//! and rebuilds it from the log: every acknowledged event is there, the item's deadline is
//! unchanged, and they are served again within 5 s. A key rotated and an allowlist changed
//! through one node's API reach the room on the other (LISTEN/NOTIFY). A room whose stored log
//! moved on without it (another writer took its next seq) stops and is loaded again.
//!
//! The PostgreSQL server is `PPT_TEST_PG` when set (as `./test.sh` sets it), else a throwaway
//! one this file starts with `scripts/postgres.sh`.

use e2e::postgres::Postgres;
use e2e::server::{server_binary, PgDatabase};
use e2e::{assert_in_step, submit, Client, Meeting, Server, TOKEN};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Says hello with `key` on `addr`; the first answer, `welcome` or `error`.
async fn hello_answer(addr: &str, meeting: &str, key: &str) -> (Client, Value) {
    let mut c = Client::connect(addr, meeting).await;
    c.send_raw(&json!({"type":"hello","v":1,"key":key}).to_string())
        .await;
    let answer = c
        .recv_until(|m| m["type"] == "welcome" || m["type"] == "error")
        .await;
    (c, answer)
}

/// Says hello with `key` on `addr` and expects the node to refuse: `held_elsewhere`, then a
/// close with 1013 ("try again later").
async fn refused_as_held_elsewhere(addr: &str, meeting: &str, key: &str) {
    let (mut c, answer) = hello_answer(addr, meeting, key).await;
    assert_eq!(answer["code"], "held_elsewhere", "{answer}");
    assert_eq!(c.wait_closed().await, 1013);
}

/// Polls `addr` as a reconnecting browser does until the node serves the meeting; returns
/// how long that took.
async fn served_after(addr: &str, meeting: &str, key: &str, since: Instant) -> Duration {
    loop {
        let (_, answer) = hello_answer(addr, meeting, key).await;
        if answer["type"] == "welcome" {
            return since.elapsed();
        }
        assert_eq!(answer["code"], "held_elsewhere", "{answer}");
        assert!(since.elapsed() < Duration::from_secs(10), "never served");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn rotate(node: &Server, meeting: &str, key: &str) -> Value {
    let resp = reqwest::Client::new()
        .post(format!("{}/api/meetings/{meeting}/rotate", node.http()))
        .bearer_auth(TOKEN)
        .json(&json!({ "key": key }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// One more node on the shared database `db`.
fn node(db: &PgDatabase, flags: &[&str]) -> Server {
    Server::start_with(server_binary(false), db.url(), flags)
}

#[tokio::test]
async fn a_meeting_runs_on_one_node_and_moves_to_the_other_when_its_node_is_killed() {
    let pg = Postgres::any();
    let db = PgDatabase::create(&pg.base);
    let flags = ["--grace-secs", "10"];
    let mut a = node(&db, &flags);
    let b = node(&db, &flags);
    let m = Meeting::create(&a).await;

    // Scheduled work (upcoming meetings, the retention pass) is done by one node only.
    let leads = |s: &Server| s.log_text().contains("this node does the scheduled work");
    let since = Instant::now();
    while !(leads(&a) || leads(&b)) && since.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        [leads(&a), leads(&b)].iter().filter(|l| **l).count(),
        1,
        "exactly one node does the scheduled work"
    );

    // The meeting's people are on node A, mid-item.
    let mut chair = m.chair_joined(&a.addr, "health_station").await;
    let mut kela = m.participant_joined(&a.addr, "kela").await;
    let mut social = m.participant_joined(&a.addr, "social_services").await;
    kela.ok(submit(
        "Toimeentulo ja kuntoutus",
        "",
        "Kuka hoitaa?",
        &["kela"],
    ))
    .await;
    social
        .ok(submit("Asunnoton nuori aikuinen", "", "Mistä asunto?", &[]))
        .await;
    chair.ok(json!({"type":"confirm_agenda"})).await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"extend","minutes":3})).await;
    kela.ok(json!({"type":"raise_hand"})).await;

    // Node B never runs what A holds: a hello there is refused, and so is a coordinator's
    // change to the meeting through B's API.
    refused_as_held_elsewhere(&b.addr, &m.id, &m.participant_key).await;
    let moved = reqwest::Client::new()
        .post(format!("{}/api/meetings/{}/cancel", b.http(), m.id))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 503);
    assert_eq!(moved.headers()["retry-after"], "1");
    let body: Value = moved.json().await.unwrap();
    assert_eq!(body["error"]["code"], "held_elsewhere");

    let mut obs = m.chair(&a.addr).await;
    let (before, seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut kela, &mut social]).await;
    assert!(before.current.is_some(), "an item runs");
    let epoch = obs.epoch.clone().unwrap();
    let (chair_s, kela_s, social_s) = (chair.hang_up(), kela.hang_up(), social.hang_up());
    drop(obs);

    // A dies mid-item. The balancer sends everyone to B.
    a.kill9();
    let killed = Instant::now();
    let waited = served_after(&b.addr, &m.id, &m.participant_key, killed).await;
    assert!(
        waited < Duration::from_secs(5),
        "served again after {waited:?}"
    );
    eprintln!("node B served the meeting {waited:?} after node A was killed");
    let mut chair = Client::resume(&b.addr, &m.id, &m.chair_key, &chair_s).await;
    chair.rejoin("health_station", None).await;
    let mut kela = Client::resume(&b.addr, &m.id, &m.participant_key, &kela_s).await;
    kela.rejoin("kela", None).await;
    let mut social = Client::resume(&b.addr, &m.id, &m.participant_key, &social_s).await;
    social.rejoin("social_services", None).await;
    assert!(
        killed.elapsed() < Duration::from_secs(5),
        "everyone resumed within 5 s ({:?})",
        killed.elapsed()
    );
    let mut obs = m.chair(&b.addr).await;
    assert_eq!(
        obs.epoch.as_deref(),
        Some(epoch.as_str()),
        "the same history"
    );
    let (after, seq_after) =
        assert_in_step(&mut obs, &mut [&mut chair, &mut kela, &mut social]).await;
    assert_eq!(
        seq_after, seq,
        "every acknowledged event is there, nothing more"
    );
    assert_eq!(
        after.current.as_ref().unwrap().deadline,
        before.current.as_ref().unwrap().deadline,
        "the item's deadline is unchanged"
    );
    assert_eq!(after, before, "the room is exactly what it was on A");

    // The meeting goes on on B; a node started again on the same database does not take it.
    chair.ok(json!({"type":"extend","minutes":1})).await;
    let a2 = node(&db, &flags);
    refused_as_held_elsewhere(&a2.addr, &m.id, &m.chair_key).await;
    let (_, seq_now) = assert_in_step(&mut obs, &mut [&mut chair, &mut kela, &mut social]).await;
    assert_eq!(seq_now, seq + 1);
}

#[tokio::test]
async fn a_key_rotated_through_one_node_stops_at_once_in_the_room_on_the_other() {
    let pg = Postgres::any();
    let db = PgDatabase::create(&pg.base);
    let a = node(&db, &[]);
    let b = node(&db, &[]);
    let m = Meeting::create(&a).await;
    let mut kela = m.participant_joined(&a.addr, "kela").await;

    // The coordinator's request lands on B, which does not run the meeting.
    let view = rotate(&b, &m.id, "participant").await;
    let new_link = view["participant_link"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!new_link.contains(&m.participant_key), "{view}");

    // A's room heard of it: the socket that came in with the old key is told and closed.
    let told = tokio::time::timeout(
        Duration::from_secs(5),
        kela.recv_until(|v| v["type"] == "error" && v["code"] == "bad_key"),
    )
    .await
    .expect("the old key's socket is closed within 5 s");
    assert_eq!(told["code"], "bad_key");
    let (_, answer) = hello_answer(&a.addr, &m.id, &m.participant_key).await;
    assert_eq!(answer["code"], "bad_key", "the old key no longer opens it");
}

#[tokio::test]
async fn a_room_whose_log_moved_on_elsewhere_stops_and_is_loaded_again() {
    // Another writer took the next seq of a meeting this node runs (a node that lost its lock
    // in a network partition and had not noticed yet): this node's next change is refused,
    // its room stops instead of going on with a stale copy, and it comes back from the log.
    let pg = Postgres::any();
    let db = PgDatabase::create(&pg.base);
    let a = node(&db, &[]);
    let m = Meeting::create(&a).await;
    let mut chair = m.chair_joined(&a.addr, "health_station").await;
    chair
        .ok(submit("Päihteet ja asuminen", "", "Asumispalvelu?", &[]))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"extend","minutes":2})).await;
    let seq = chair.seq;
    let deadline = chair.room().current.as_ref().unwrap().deadline;

    // The other writer's event: the same extension once more, as seq + 1.
    let body = db
        .query(&format!(
            "SELECT body FROM events WHERE meeting_id = '{}' AND seq = {seq}",
            m.id
        ))
        .unwrap();
    let foreign = body.trim().replacen(
        &format!("\"seq\":{seq}"),
        &format!("\"seq\":{}", seq + 1),
        1,
    );
    assert_ne!(foreign, body.trim());
    db.query(&format!(
        "INSERT INTO events (meeting_id, seq, at, kind, body)
         SELECT meeting_id, {next}, at, kind, '{foreign}' FROM events
          WHERE meeting_id = '{id}' AND seq = {seq}",
        next = seq + 1,
        id = m.id,
    ))
    .unwrap();

    assert_eq!(
        chair.refused(json!({"type":"extend","minutes":1})).await,
        "storage_unavailable"
    );
    chair.wait_closed().await;
    let mut again = m.chair(&a.addr).await;
    assert_eq!(
        again.seq,
        seq + 1,
        "the room was loaded again with the other event"
    );
    assert_eq!(
        again.room().current.as_ref().unwrap().deadline,
        deadline + 2 * 60_000,
        "and applies it"
    );
    again.join("health_station", None).await;
    again.ok(json!({"type":"extend","minutes":1})).await;
    assert_eq!(again.seq, seq + 3, "and goes on from there");
}

#[tokio::test]
async fn a_centres_allowlist_changed_through_one_node_reaches_the_room_on_the_other() {
    let pg = Postgres::any();
    let db = PgDatabase::create(&pg.base);
    let a = node(&db, &[]);
    let b = node(&db, &[]);
    let m = Meeting::create(&a).await;
    let mut kela = m.participant_joined(&a.addr, "kela").await;
    let case = |title: &str| json!({"type":"submit_item","item":{"kind":"regional_matter","title":title,"question":"Sopiiko?"}});
    let before = kela.request(case("Tapaaminen Työpajankatu 8:ssa")).await;
    assert_eq!(
        before["code"], "identifier_found",
        "an address, until allowed"
    );

    // The coordinator allows the word through node B, which does not run the meeting.
    let resp = reqwest::Client::new()
        .patch(format!("{}/api/centres/kalasatama", b.http()))
        .bearer_auth(TOKEN)
        .json(&json!({"allowlist": ["Työpajankatu 8"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // The room on A hears of it (a notice; A reads the new allowlist from the store).
    let since = Instant::now();
    loop {
        let answer = kela.request(case("Tapaaminen Työpajankatu 8:ssa")).await;
        if answer["type"] == "ack" {
            break;
        }
        assert_eq!(answer["code"], "identifier_found", "{answer}");
        assert!(since.elapsed() < Duration::from_secs(5), "never reached A");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
