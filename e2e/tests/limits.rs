//! Abuse-proof meetings, the limits (issue 10, parts 1 and 7), through the real server: the
//! flood from the issue and a meeting with every limit filled still let the chair and a newcomer
//! connect, join and see the agenda (their snapshot fits what a client receives); whatever goes
//! over a limit gets `limit_reached` and changes nothing; a socket that never says `hello` is
//! closed within 10 s; a page from a foreign origin gets 403 while the server's own origin and
//! an `--allowed-origin` get in; one address cannot hold more sockets than its limit; and
//! `/api/guard/check` answers a flood with 429.

use e2e::{submit, Client, Meeting, Server};
use serde_json::{json, Value};
use shared::room::{
    MAX_AGENDA_BYTES, MAX_DISPLAY_NAME, MAX_ITEMS_PER_PARTICIPANT, MAX_PARTICIPANTS,
    MAX_QUEUED_ITEMS, MAX_SNAPSHOT_BYTES, MAX_TEXT,
};
use std::time::{Duration, Instant};

const SERVICES: [&str; 6] = [
    "kela",
    "social_services",
    "disability",
    "oral_health",
    "rehabilitation",
    "elderly_guidance",
];

fn emoji(n: usize) -> String {
    "😀".repeat(n)
}

/// Says hello as a client that accepts messages up to [`MAX_SNAPSHOT_BYTES`] only, and returns
/// it with the size of the snapshot it got.
async fn hello_within_budget(server: &Server, meeting: &str, key: &str) -> (Client, usize) {
    let mut c = Client::connect_with(&server.addr, meeting, &[], Some(MAX_SNAPSHOT_BYTES))
        .await
        .expect("connect");
    c.send_hello(key, None).await;
    let snapshot = c
        .received
        .iter()
        .find(|m| m["type"] == "snapshot")
        .expect("a snapshot after hello");
    let bytes = serde_json::to_string(snapshot).unwrap().len();
    assert!(bytes < MAX_SNAPSHOT_BYTES, "snapshot of {bytes} bytes");
    (c, bytes)
}

/// The event seq the room is at, as a fresh chair connection sees it.
async fn room_seq(server: &Server, m: &Meeting) -> u64 {
    e2e::snapshot(&server.addr, m).await.1
}

/// Sends `msg` and asserts it is refused with `limit_reached` and changes nothing.
async fn limited(server: &Server, m: &Meeting, c: &mut Client, msg: Value) -> String {
    let before = room_seq(server, m).await;
    let answer = c.request(msg.clone()).await;
    assert_eq!(answer["type"], "error", "{msg} was accepted");
    assert_eq!(answer["code"], "limit_reached", "{answer}");
    assert_eq!(
        room_seq(server, m).await,
        before,
        "a refusal changes nothing"
    );
    answer["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_flood_from_the_issue_leaves_the_meeting_open_to_everyone() {
    let server = Server::start(&[]);
    let m = Meeting::create(&server).await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;
    // Six connections, each sending 25 items whose summary and question are 4 000 emoji, as
    // fast as the socket takes them.
    let mut flooders = Vec::new();
    for service in SERVICES {
        flooders.push(m.participant_joined(&server.addr, service).await);
    }
    let text = emoji(MAX_TEXT);
    for (k, c) in flooders.iter_mut().enumerate() {
        for n in 0..25u64 {
            let mut msg = submit(&format!("Tulva {k}-{n}"), &text, &text, &[]);
            msg["req"] = json!(1000 + n);
            c.send_raw(&msg.to_string()).await;
        }
    }
    let (mut acked, mut refused) = (0, 0);
    for c in &mut flooders {
        let mut answered = 0;
        while answered < 25 {
            let msg = c.try_next(Duration::from_secs(60)).await.expect("answers");
            assert_ne!(msg["type"], "closed", "the flooder's socket stays: {msg}");
            match msg["type"].as_str() {
                Some("ack") => acked += 1,
                Some("error") => {
                    assert_eq!(msg["code"], "limit_reached", "{msg}");
                    refused += 1;
                }
                _ => continue,
            }
            answered += 1;
        }
    }
    println!("flood: {acked} items accepted, {refused} refused with limit_reached");
    assert!((1..=MAX_AGENDA_BYTES / (8 * MAX_TEXT)).contains(&acked));
    assert_eq!(acked + refused, 150);
    // The chair on a new device and a new participant connect, get the whole agenda in their
    // snapshot, join and can act.
    let (mut chair2, bytes) = hello_within_budget(&server, &m.id, &m.chair_key).await;
    println!("snapshot after the flood: {bytes} bytes");
    assert_eq!(chair2.room().items.len(), acked);
    chair2.join("health_station", None).await;
    let (mut newcomer, _) = hello_within_budget(&server, &m.id, &m.participant_key).await;
    assert_eq!(newcomer.room().items.len(), acked);
    newcomer
        .join("rehabilitation", Some("Fysioterapeutti"))
        .await;
    // The chair makes room (withdraws a flood item) and the newcomer's case gets in.
    let first = chair2.room().items[0].id.to_string();
    chair2
        .ok(json!({"type": "withdraw_item", "item": first}))
        .await;
    chair2
        .ok(json!({"type": "redact_item", "item": first}))
        .await;
    newcomer
        .ok(submit(
            "Iäkäs asiakas",
            "Toistuvia käyntejä.",
            "Kuka koordinoi?",
            &[],
        ))
        .await;
    for c in flooders.iter_mut().chain([&mut chair]) {
        assert!(c.answers_ping().await, "every earlier socket still works");
    }
}

#[tokio::test]
async fn every_limit_filled_still_lets_the_chair_and_a_newcomer_in() {
    let server = Server::start(&["--max-connections-per-meeting", "12"]);
    let m = Meeting::create(&server).await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;
    let name = emoji(MAX_DISPLAY_NAME);
    // Five people fill the queue, eight items each, each item about 4.7 KB: the queue is full
    // and the text nearly so.
    let mut submitters = Vec::new();
    for service in &SERVICES[..5] {
        let mut c = Client::hello(&server.addr, &m.id, &m.participant_key)
            .await
            .paced();
        c.join(service, Some(&name)).await;
        for n in 0..MAX_ITEMS_PER_PARTICIPANT {
            c.ok(submit(
                &format!("Asia {service} {n}"),
                &emoji(1000),
                &emoji(50),
                &[],
            ))
            .await;
        }
        submitters.push(c);
    }
    // Over the limit of one person's items.
    let message = limited(
        &server,
        &m,
        &mut submitters[0],
        submit("Yhdeksäs", "", "Vielä yksi?", &[]),
    )
    .await;
    assert!(message.contains("at most 8 items"), "{message}");
    // Over the queue's limit.
    let mut extra = Client::hello(&server.addr, &m.id, &m.participant_key)
        .await
        .paced();
    extra.join(SERVICES[5], Some(&name)).await;
    let message = limited(
        &server,
        &m,
        &mut extra,
        submit("Uusi", "", "Mahtuuko?", &[]),
    )
    .await;
    assert!(message.contains("at most 40 items"), "{message}");
    // Over the limit of the items' text: an edit that would grow past it.
    chair
        .wait_state(|s| s.items.len() == MAX_QUEUED_ITEMS)
        .await;
    let first = chair.room().items[0].id.to_string();
    let message = limited(
        &server,
        &m,
        &mut chair,
        json!({"type": "edit_item", "item": first, "summary": emoji(MAX_TEXT), "question": emoji(MAX_TEXT)}),
    )
    .await;
    assert!(message.contains("200 KB"), "{message}");
    // Every participant seat taken: one connection joins as ever new people.
    let mut joiner = Client::hello(&server.addr, &m.id, &m.participant_key)
        .await
        .paced();
    let taken = submitters.len() + 1;
    for n in taken..MAX_PARTICIPANTS {
        let answer = joiner
            .request(json!({"type": "join", "service": SERVICES[n % 6], "display_name": name}))
            .await;
        assert_eq!(answer["type"], "joined", "seat {n}: {answer}");
        joiner.secret = None;
    }
    let message = limited(
        &server,
        &m,
        &mut joiner,
        json!({"type": "join", "service": "kela"}),
    )
    .await;
    assert!(message.contains("60 participants"), "{message}");
    // Every connection of the meeting taken (12 here): chair, five, extra, joiner and four idle.
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(m.participant(&server.addr).await);
    }
    let mut over = Client::connect(&server.addr, &m.id).await;
    let answer = over
        .expect_error(&json!({"type": "hello", "v": 1, "key": m.participant_key}).to_string())
        .await;
    assert_eq!(answer["code"], "limit_reached", "{answer}");
    assert_eq!(over.wait_closed().await, 1013, "closed: try again later");
    // An undoable agenda action keeps a copy of every item in the state: the largest snapshot
    // this meeting can have.
    let last = chair.room().items.last().unwrap().id.to_string();
    chair
        .ok(json!({"type": "withdraw_item", "item": last}))
        .await;
    // The chair still gets in (seats and sockets of its own), sees the agenda and joins.
    let (mut chair2, bytes) = hello_within_budget(&server, &m.id, &m.chair_key).await;
    println!("snapshot with every limit filled: {bytes} bytes");
    assert!(chair2.room().undo.is_some());
    assert_eq!(chair2.room().items.len(), MAX_QUEUED_ITEMS);
    chair2.join("health_station", Some(&name)).await;
    // A newcomer gets in once a socket is free (the chair's reserve sockets count too, so two
    // close), sees the agenda; a new seat is refused, but the same person as before (their
    // secret) joins.
    idle.pop().unwrap().close().await;
    idle.pop().unwrap().close().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (mut newcomer, _) = hello_within_budget(&server, &m.id, &m.participant_key).await;
    assert_eq!(newcomer.room().items.len(), MAX_QUEUED_ITEMS);
    let message = limited(
        &server,
        &m,
        &mut newcomer,
        json!({"type": "join", "service": "oral_health"}),
    )
    .await;
    assert!(message.contains("every seat is taken"), "{message}");
    let secret = submitters[0].secret.clone().unwrap();
    newcomer.secret = Some(secret);
    newcomer.rejoin(SERVICES[0], Some(&name)).await;
    assert!(newcomer.answers_ping().await);
}

#[tokio::test]
async fn a_socket_that_never_says_hello_is_closed_within_ten_seconds() {
    let server = Server::start(&[]);
    let m = Meeting::create(&server).await;
    let mut silent = Client::connect(&server.addr, &m.id).await;
    let opened = Instant::now();
    let mut told = None;
    let code = loop {
        let msg = silent
            .try_next(Duration::from_secs(12))
            .await
            .expect("the server closes a silent socket");
        if msg["type"] == "error" {
            told = Some(msg["code"].clone());
        }
        if msg["type"] == "closed" {
            break msg["code"].as_u64().unwrap_or(0);
        }
    };
    let after = opened.elapsed();
    println!("silent socket closed after {after:?}");
    assert!(
        after <= Duration::from_millis(11_000),
        "closed after {after:?}"
    );
    assert!(
        after >= Duration::from_secs(9),
        "not before its 10 s: {after:?}"
    );
    assert_eq!(told, Some(json!("hello_required")));
    assert_eq!(code, 1008);
}

#[tokio::test]
async fn only_the_servers_own_origin_and_allowed_ones_open_room_sockets() {
    let server = Server::start(&["--allowed-origin", "https://intra.example.fi"]);
    let m = Meeting::create(&server).await;
    let connect = |origin: &'static str| {
        let (addr, id) = (server.addr.clone(), m.id.clone());
        async move { Client::connect_with(&addr, &id, &[("origin", origin)], None).await }
    };
    for foreign in ["https://evil.example", "null", "http://intra.example.fi"] {
        let Err((status, body)) = connect(foreign).await else {
            panic!("{foreign} opened a room socket");
        };
        assert_eq!(status, 403, "{foreign}");
        assert!(body.contains("forbidden_origin"), "{body}");
    }
    let own = format!("http://{}", server.addr);
    let own: &'static str = Box::leak(own.into_boxed_str());
    for origin in [own, "https://intra.example.fi"] {
        let mut c = connect(origin)
            .await
            .unwrap_or_else(|e| panic!("{origin}: {e:?}"));
        c.send_hello(&m.participant_key, None).await;
        assert!(c.state.is_some(), "{origin} gets the meeting");
    }
    // No Origin: not a browser page; the key decides.
    let c = m.participant(&server.addr).await;
    assert!(c.state.is_some());
}

#[tokio::test]
async fn one_address_cannot_hold_more_sockets_than_its_limit() {
    let server = Server::start(&[
        "--trust-forwarded-for",
        "--max-connections-per-address",
        "3",
    ]);
    let m = Meeting::create(&server).await;
    let from = |ip: &'static str| {
        let (addr, id) = (server.addr.clone(), m.id.clone());
        async move {
            Client::connect_with(&addr, &id, &[("x-forwarded-for", ip)], None)
                .await
                .expect("upgraded")
        }
    };
    let mut open = Vec::new();
    for _ in 0..3 {
        let mut c = from("203.0.113.9").await;
        c.send_hello(&m.participant_key, None).await;
        open.push(c);
    }
    let mut fourth = from("203.0.113.9").await;
    let first = fourth.next().await;
    assert_eq!(first["type"], "error", "{first}");
    assert_eq!(first["code"], "limit_reached", "{first}");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("at most 3 connections from one address"),
        "{first}"
    );
    assert_eq!(fourth.wait_closed().await, 1013);
    // Another address is not held by it, nor is this machine itself.
    let mut other = from("203.0.113.10").await;
    other.send_hello(&m.participant_key, None).await;
    let mut local = m.participant(&server.addr).await;
    assert!(local.answers_ping().await);
    // A closed socket gives its place back.
    open.pop().unwrap().close().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut again = from("203.0.113.9").await;
    again.send_hello(&m.participant_key, None).await;
    assert!(again.answers_ping().await);
}

#[tokio::test]
async fn a_flood_of_guard_checks_gets_429_and_other_addresses_do_not() {
    let server = Server::start(&["--trust-forwarded-for"]);
    let http = reqwest::Client::new();
    let check = |ip: &'static str| {
        let req = http
            .post(format!("{}/api/guard/check", server.http()))
            .header("x-forwarded-for", ip)
            .json(&json!({"text": "Soita 040 123 4567"}))
            .send();
        async move {
            let resp = req.await.unwrap();
            let status = resp.status().as_u16();
            let retry = resp.headers().get("retry-after").is_some();
            let body: Value = resp.json().await.unwrap();
            (status, retry, body)
        }
    };
    let answers = futures_util::future::join_all((0..60).map(|_| check("203.0.113.20"))).await;
    let ok = answers.iter().filter(|a| a.0 == 200).count();
    let limited: Vec<_> = answers.iter().filter(|a| a.0 == 429).collect();
    println!("guard flood: {ok} answered, {} refused", limited.len());
    assert_eq!(ok + limited.len(), 60);
    assert!(
        (1..=25).contains(&ok),
        "a burst gets through, a flood does not: {ok}"
    );
    for (_, retry, body) in &limited {
        assert!(retry, "429 says when to try again");
        assert_eq!(body["error"]["code"], "rate_limited", "{body}");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("checks a second"));
    }
    let (status, _, body) = check("203.0.113.21").await;
    assert_eq!(status, 200, "another address is answered: {body}");
    assert_eq!(body["spans"][0]["kind"], "phone");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        check("203.0.113.20").await.0,
        200,
        "the address is answered again"
    );
}

/// A centre's catalogue is bounded too (the snapshot bound counts on it): the coordinator API
/// refuses a 41st service with a clear 400 and keeps the catalogue as it was.
#[tokio::test]
async fn a_catalogue_over_its_limit_is_refused() {
    let server = Server::start(&[]);
    let service = |n: usize| {
        json!({"id": format!("s{n}"), "name_fi": format!("Palvelu {n}"), "name_sv": format!("Tjänst {n}"),
               "name_en": format!("Service {n}"), "required": false})
    };
    let post = |n: usize| {
        let services: Vec<Value> = (0..n).map(service).collect();
        reqwest::Client::new()
            .post(format!("{}/api/centres", server.http()))
            .bearer_auth(e2e::TOKEN)
            .json(&json!({"id": format!("c{n}"), "name": "Testikeskus", "services": services}))
            .send()
    };
    let too_many = post(shared::room::MAX_SERVICES + 1).await.unwrap();
    assert_eq!(too_many.status().as_u16(), 400);
    let body: Value = too_many.json().await.unwrap();
    assert!(body.to_string().contains("services"), "{body}");
    let at_limit = post(shared::room::MAX_SERVICES).await.unwrap();
    assert_eq!(at_limit.status().as_u16(), 201);
}
