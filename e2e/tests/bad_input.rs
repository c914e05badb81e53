//! Every kind of bad input gets the structured `error` with its stable code, changes nothing
//! (a fresh snapshot and the seq are the same before and after), and leaves the connection
//! usable wherever the protocol says so: malformed and non-object JSON, unknown types, invalid
//! fields, oversized and binary frames, unknown meetings and bad keys, hello problems, commands
//! in the wrong state, unknown items and services, and commands before `join`. Error messages
//! and the log never echo what was sent.

use e2e::{submit, Client, Meeting, Server, WAIT};
use serde_json::{json, Value};
use shared::protocol::MAX_MESSAGE_BYTES;
use shared::room::RoomState;
use std::time::Duration;

/// Judges refusals: a fresh snapshot from its own chair connection after each one must equal
/// the one before it. `forget` after an accepted change.
struct Judge {
    obs: Client,
    last: Option<(RoomState, u64)>,
}

impl Judge {
    async fn new(addr: &str, m: &Meeting) -> Judge {
        Judge {
            obs: m.chair(addr).await.paced(),
            last: None,
        }
    }

    fn forget(&mut self) {
        self.last = None;
    }

    async fn before(&mut self) -> (RoomState, u64) {
        match self.last.take() {
            Some(s) => s,
            None => self.obs.fetch_snapshot().await,
        }
    }

    async fn unchanged(&mut self, before: (RoomState, u64), what: &str) {
        let after = self.obs.fetch_snapshot().await;
        assert_eq!(after.1, before.1, "{what} produced an event");
        assert_eq!(after.0, before.0, "{what} changed the room");
        self.last = Some(after);
    }

    /// Sends `msg` (a request) and checks it is refused with `code`, changes nothing, and the
    /// connection still answers.
    async fn refused(&mut self, c: &mut Client, msg: Value, code: &str) {
        let before = self.before().await;
        let answer = c.request(msg.clone()).await;
        assert_eq!(answer["type"], "error", "{msg} was accepted: {answer}");
        assert_eq!(answer["code"], code, "{msg}: {answer}");
        assert!(
            answer["message"].as_str().is_some_and(|m| !m.is_empty()),
            "an error has a message: {answer}"
        );
        assert!(c.answers_ping().await, "connection usable after {msg}");
        self.unchanged(before, &msg.to_string()).await;
    }

    /// Sends a raw frame and checks the error code and the echoed `req`, that nothing changed
    /// and that the connection still answers. Returns the error.
    async fn frame_refused(
        &mut self,
        c: &mut Client,
        frame: &str,
        code: &str,
        req: Option<u64>,
    ) -> Value {
        let before = self.before().await;
        let err = c.expect_error(frame).await;
        let shown: String = frame.chars().take(200).collect();
        assert_eq!(err["type"], "error", "{shown}: {err}");
        assert_eq!(err["code"], code, "{shown}: {err}");
        assert_eq!(err["req"].as_u64(), req, "req echoed for {shown}: {err}");
        assert!(c.answers_ping().await, "connection usable after {shown}");
        self.unchanged(before, &shown).await;
        err
    }
}

/// A meeting with a chair, a joined Kela participant, i1 on the floor and i2 queued.
async fn running_meeting(server: &Server) -> (Meeting, Judge, Client, Client) {
    let m = Meeting::create(server).await;
    let obs = Judge::new(&server.addr, &m).await;
    let mut chair = Client::hello(&server.addr, &m.id, &m.chair_key)
        .await
        .paced();
    chair.join("health_station", None).await;
    let mut p = Client::hello(&server.addr, &m.id, &m.participant_key)
        .await
        .paced();
    p.join("kela", None).await;
    p.ok(submit("Etuuksien katkeaminen", "", "Miten nopeammin?", &[]))
        .await;
    p.ok(submit("Kuntoutuksen odotusajat", "", "Mitä välillä?", &[]))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    (m, obs, chair, p)
}

const SECRET_TEXT: &str = "Hyvin yksityinen tapauskuvaus";

#[tokio::test]
async fn malformed_frames_and_invalid_fields_get_their_error_codes_and_change_nothing() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, mut chair, mut p) = running_meeting(&server).await;

    // Not a message at all.
    for frame in ["{nope", "[1,2]", "\"hello\"", "42", "", "null"] {
        obs.frame_refused(&mut chair, frame, "malformed_json", None)
            .await;
    }
    obs.frame_refused(&mut chair, r#"{"req":5}"#, "malformed_json", Some(5))
        .await;
    obs.frame_refused(
        &mut chair,
        r#"{"type":7,"req":6}"#,
        "malformed_json",
        Some(6),
    )
    .await;
    // Unknown types; free text in the type is not echoed.
    let err = obs
        .frame_refused(
            &mut chair,
            r#"{"type":"dance","req":7}"#,
            "unknown_type",
            Some(7),
        )
        .await;
    assert!(err["message"].as_str().unwrap().contains("dance"));
    let frame = json!({"type": SECRET_TEXT}).to_string();
    let err = obs
        .frame_refused(&mut chair, &frame, "unknown_type", None)
        .await;
    assert!(
        !err["message"].as_str().unwrap().contains("yksityinen"),
        "{err}"
    );

    // Known types with wrong fields.
    for (frame, req) in [
        (r#"{"type":"extend","minutes":"x","req":8}"#, Some(8)),
        (r#"{"type":"extend","minutes":-1}"#, None),
        (r#"{"type":"extend","minutes":1.5}"#, None),
        (r#"{"type":"extend"}"#, None),
        (r#"{"type":"start_item","item":5}"#, None),
        (r#"{"type":"lower_hand","participant":5}"#, None),
        (r#"{"type":"reorder","order":"i2"}"#, None),
        (r#"{"type":"hello","v":"one","key":"k"}"#, None),
    ] {
        obs.frame_refused(&mut chair, frame, "invalid_message", req)
            .await;
    }
    for frame in [
        json!({"type":"submit_item","item":{"kind":"client_case","title":"Otsikko"}}),
        json!({"type":"submit_item","item":{"kind":SECRET_TEXT,"title":"Otsikko","question":"Kysymys?"}}),
        json!({"type":"submit_item","item":{"kind":"client_case","title":"Otsikko","question":"K?","themes":["astrology"]}}),
        json!({"type":"submit_item"}),
        json!({"type":"join","service":"kela","display_name":7}),
    ] {
        let err = obs
            .frame_refused(&mut p, &frame.to_string(), "invalid_message", None)
            .await;
        assert!(
            !err["message"].as_str().unwrap().contains("yksityinen"),
            "values are not echoed: {err}"
        );
    }

    // Values out of range.
    for minutes in [0, 31, 99] {
        obs.refused(
            &mut chair,
            json!({"type":"extend","minutes":minutes}),
            "invalid_field",
        )
        .await;
    }
    let long_title = format!("{SECRET_TEXT} {}", "x".repeat(150));
    let long_summary = format!("{SECRET_TEXT} {}", "y".repeat(4000));
    for msg in [
        submit("   ", "", "Kysymys?", &[]),
        submit("Otsikko", "", " ", &[]),
        submit(&long_title, "", "Kysymys?", &[]),
        submit("Otsikko", &long_summary, "Kysymys?", &[]),
        submit("Otsikko\u{7}", "", "Kysymys?", &[]),
    ] {
        obs.refused(&mut p, msg, "invalid_field").await;
    }
    obs.refused(
        &mut p,
        submit("Otsikko", "", "Kysymys?", &["police"]),
        "unknown_service",
    )
    .await;
    obs.refused(
        &mut chair,
        json!({"type":"reorder","order":["i2","i2"]}),
        "invalid_field",
    )
    .await;
    obs.refused(
        &mut chair,
        json!({"type":"reorder","order":[]}),
        "invalid_field",
    )
    .await;
    obs.refused(
        &mut chair,
        json!({"type":"reorder","order":["i1"]}),
        "invalid_field",
    )
    .await;
    let outcome = json!({"advice":"Neuvo","services_to_involve":["police"]});
    obs.refused(
        &mut chair,
        json!({"type":"record_outcome","item":"i1","outcome":outcome}),
        "unknown_service",
    )
    .await;
    let outcome = json!({"advice": format!("{SECRET_TEXT} {}", "z".repeat(4000))});
    obs.refused(
        &mut chair,
        json!({"type":"record_outcome","item":"i1","outcome":outcome}),
        "invalid_field",
    )
    .await;

    // Unknown items.
    for msg in [
        json!({"type":"start_item","item":"i99"}),
        json!({"type":"defer_item","item":"i99"}),
        json!({"type":"withdraw_item","item":"i99"}),
        json!({"type":"record_outcome","item":"i99","outcome":{}}),
        json!({"type":"reorder","order":["i2","i99"]}),
    ] {
        obs.refused(&mut chair, msg, "unknown_item").await;
    }

    // Joins: unknown service, name too long, a secret the server never gave. The connection
    // that asked is still not joined.
    let mut n = m.participant(&server.addr).await;
    obs.refused(
        &mut n,
        json!({"type":"join","service":"police"}),
        "unknown_service",
    )
    .await;
    obs.refused(
        &mut n,
        json!({"type":"join","service":"kela","display_name":"n".repeat(61)}),
        "invalid_field",
    )
    .await;
    obs.refused(
        &mut n,
        json!({"type":"join","service":"kela","secret":"abc"}),
        "invalid_field",
    )
    .await;
    obs.refused(&mut n, submit("Otsikko", "", "Kysymys?", &[]), "not_joined")
        .await;

    // Binary frames.
    let before = obs.before().await;
    n.send_binary(b"{\"type\":\"ping\"}".to_vec()).await;
    let err = n.recv_until(|m| m["type"] == "error").await;
    assert_eq!(err["code"], "binary_not_supported");
    assert!(n.answers_ping().await);
    obs.unchanged(before, "a binary frame").await;

    // A second hello on the same connection.
    let hello = json!({"type":"hello","v":1,"key":m.chair_key,"req":41}).to_string();
    obs.frame_refused(&mut n, &hello, "already_hello", Some(41))
        .await;
    assert_eq!(
        n.refused(json!({"type":"end_meeting"})).await,
        "not_chair",
        "still the participant it was"
    );

    // Nothing refused reached the log.
    let log = server.log_text();
    assert!(
        log.contains("command refused"),
        "refusals are logged (by code):\n{log}"
    );
    assert!(!log.contains("yksityinen"), "refused content was logged");
}

#[tokio::test]
async fn oversized_frames_get_message_too_large_and_the_connection_keeps_working() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (_m, mut obs, _chair, mut p) = running_meeting(&server).await;

    // Exactly the limit is read (and judged on its fields); one byte more is too large.
    let frame_of = |len: usize| {
        let mut msg = submit("Otsikko", "", "Kysymys?", &[]);
        let overhead = msg.to_string().len();
        msg["item"]["summary"] = json!("s".repeat(len - overhead));
        let text = msg.to_string();
        assert_eq!(text.len(), len);
        text
    };
    obs.frame_refused(&mut p, &frame_of(MAX_MESSAGE_BYTES), "invalid_field", None)
        .await;
    obs.frame_refused(
        &mut p,
        &frame_of(MAX_MESSAGE_BYTES + 1),
        "message_too_large",
        None,
    )
    .await;
    obs.frame_refused(&mut p, &"x".repeat(200 * 1024), "message_too_large", None)
        .await;
    // The connection still works for real commands.
    p.ok(json!({"type":"raise_hand"})).await;
    obs.forget();
    let (state, _) = obs.before().await;
    assert_eq!(state.hands.len(), 1);
}

/// Sends a frame far beyond the limit on `p`; returns how the connection ended (the `closed`
/// message) after checking that everyone else carries on.
async fn far_too_large(server: &Server) -> serde_json::Value {
    let (_m, mut obs, mut chair, mut p) = running_meeting(server).await;
    let (_, seq) = obs.before().await;
    let _ = p.try_send_raw(&"x".repeat(300 * 1024)).await;
    let closed = p.recv_until(|m| m["type"] == "closed").await;
    // Everyone else carries on.
    chair.ok(json!({"type":"extend","minutes":1})).await;
    let (state, seq_after) = obs.before().await;
    assert_eq!(
        seq_after,
        seq + 1,
        "the big frame changed nothing; the extend went through"
    );
    chair.wait_seq(seq_after).await;
    assert_eq!(chair.room(), &state);
    assert!(chair.answers_ping().await);
    closed
}

#[tokio::test]
async fn a_frame_far_beyond_the_limit_ends_only_that_connection() {
    let server = Server::start(&["--grace-secs", "1"]);
    let closed = far_too_large(&server).await;
    assert_eq!(closed["type"], "closed");
}

#[tokio::test]

async fn a_frame_far_beyond_the_limit_gets_close_code_1009() {
    let server = Server::start(&["--grace-secs", "1"]);
    let closed = far_too_large(&server).await;
    assert_eq!(
        closed["code"], 1009,
        "expected a close frame with 1009 (message too big), got {closed}"
    );
}

#[tokio::test]
async fn hello_problems_get_their_codes_and_close_only_when_the_protocol_says_so() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, _chair, _p) = running_meeting(&server).await;
    let before = obs.before().await;
    let addr = &server.addr;

    // Unknown meeting (well-formed or not), bad key, unsupported version: error, then close.
    let cases = [
        (
            "0123456789abcdef0123456789abcdef".to_owned(),
            json!({"type":"hello","v":1,"key":m.chair_key,"req":1}),
            "unknown_meeting",
        ),
        (
            "x".repeat(100),
            json!({"type":"hello","v":1,"key":m.chair_key,"req":1}),
            "unknown_meeting",
        ),
        (
            m.id.clone(),
            json!({"type":"hello","v":1,"key":"not-the-key","req":1}),
            "bad_key",
        ),
        (
            m.id.clone(),
            json!({"type":"hello","v":1,"key":"","req":1}),
            "bad_key",
        ),
        (
            m.id.clone(),
            json!({"type":"hello","v":2,"key":m.chair_key,"req":1}),
            "unsupported_version",
        ),
    ];
    for (meeting, hello, code) in cases {
        let mut c = Client::connect(addr, &meeting).await;
        c.send_raw(&hello.to_string()).await;
        let err = c.next().await;
        assert_eq!(
            (err["type"].as_str(), err["code"].as_str()),
            (Some("error"), Some(code)),
            "{hello}: {err}"
        );
        assert_eq!(err["req"], 1);
        assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(
            c.wait_closed().await,
            1008,
            "{code} closes the connection (policy violation)"
        );
    }

    // Before hello: commands get hello_required and the connection stays open for the hello.
    let mut c = Client::connect(addr, &m.id).await;
    for msg in [
        json!({"type":"submit_item","item":{"kind":"client_case","title":"T","question":"Q?"},"req":3}),
        json!({"type":"join","service":"kela","req":3}),
        json!({"type":"end_meeting","req":3}),
        json!({"type":"ping","req":3}),
        json!({"type":"resync","req":3}),
    ] {
        let err = c.expect_error(&msg.to_string()).await;
        assert_eq!(
            (err["code"].as_str(), err["req"].as_u64()),
            (Some("hello_required"), Some(3)),
            "{msg}: {err}"
        );
    }
    // A hello with a field missing is invalid but not fatal.
    let err = c.expect_error(r#"{"type":"hello","v":1}"#).await;
    assert_eq!(err["code"], "invalid_message");
    c.send_hello(&m.participant_key, None).await;
    assert_eq!(c.role.as_deref(), Some("participant"));
    assert!(c.answers_ping().await);

    obs.unchanged(before, "hello problems").await;
}

#[tokio::test]
async fn commands_in_the_wrong_state_are_refused_and_change_nothing() {
    let server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let addr = &server.addr;
    let mut obs = Judge::new(addr, &m).await;
    let mut chair = m.chair(addr).await.paced();
    chair.join("health_station", None).await;
    let mut p = m.participant(addr).await.paced();
    p.join("kela", None).await;

    // Nothing submitted, nothing presented.
    for msg in [
        json!({"type":"pause"}),
        json!({"type":"resume"}),
        json!({"type":"extend","minutes":5}),
        json!({"type":"next_item"}),
        json!({"type":"confirm_agenda"}),
    ] {
        obs.refused(&mut chair, msg, "wrong_state").await;
    }
    obs.refused(&mut p, json!({"type":"raise_hand"}), "wrong_state")
        .await;

    p.ok(submit("Kotiutuksen ongelmat", "", "Kuka vastaa?", &[]))
        .await;
    p.ok(submit(
        "Toimeentulotuen viiveet",
        "",
        "Miten nopeutetaan?",
        &[],
    ))
    .await;
    obs.forget();
    obs.refused(&mut chair, json!({"type":"pause"}), "wrong_state")
        .await;
    obs.refused(
        &mut chair,
        json!({"type":"record_outcome","item":"i1","outcome":{}}),
        "wrong_state",
    )
    .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    obs.forget();
    obs.refused(&mut chair, json!({"type":"resume"}), "wrong_state")
        .await;
    obs.refused(
        &mut chair,
        json!({"type":"start_item","item":"i1"}),
        "wrong_state",
    )
    .await;
    obs.refused(
        &mut chair,
        json!({"type":"withdraw_item","item":"i1"}),
        "wrong_state",
    )
    .await;
    obs.refused(
        &mut chair,
        json!({"type":"record_outcome","item":"i2","outcome":{}}),
        "wrong_state",
    )
    .await;
    chair.ok(json!({"type":"pause"})).await;
    obs.forget();
    obs.refused(&mut chair, json!({"type":"pause"}), "wrong_state")
        .await;
    chair.ok(json!({"type":"resume"})).await;

    // i1 done, i2 on the floor.
    chair.ok(json!({"type":"next_item"})).await;
    obs.forget();
    for msg in [
        json!({"type":"start_item","item":"i1"}),
        json!({"type":"defer_item","item":"i1"}),
        json!({"type":"withdraw_item","item":"i1"}),
    ] {
        obs.refused(&mut chair, msg, "wrong_state").await;
    }
    // i2 deferred from the floor; i3 deferred before it was ever presented.
    chair.ok(json!({"type":"defer_item","item":"i2"})).await;
    p.ok(submit("Perheen asumistilanne", "", "Mistä apu?", &[]))
        .await;
    chair.ok(json!({"type":"defer_item","item":"i3"})).await;
    obs.forget();
    obs.refused(
        &mut chair,
        json!({"type":"record_outcome","item":"i3","outcome":{}}),
        "wrong_state",
    )
    .await;
    obs.refused(
        &mut chair,
        json!({"type":"start_item","item":"i3"}),
        "wrong_state",
    )
    .await;

    // The meeting ends; it is read-only.
    p.ok(submit(
        "Ikääntyneen yksinäisyys",
        "",
        "Mitä ryhmiä on?",
        &[],
    ))
    .await;
    chair.ok(json!({"type":"end_meeting"})).await;
    obs.forget();
    for msg in [
        json!({"type":"start_item","item":"i4"}),
        json!({"type":"reorder","order":[]}),
        json!({"type":"pause"}),
        json!({"type":"extend","minutes":5}),
        json!({"type":"end_meeting"}),
        json!({"type":"confirm_agenda"}),
    ] {
        obs.refused(&mut chair, msg, "wrong_state").await;
    }
    obs.refused(
        &mut p,
        submit("Vielä yksi", "", "Ehtiikö?", &[]),
        "wrong_state",
    )
    .await;
    obs.refused(
        &mut p,
        json!({"type":"withdraw_item","item":"i4"}),
        "wrong_state",
    )
    .await;
    let mut late = m.participant(addr).await;
    obs.refused(
        &mut late,
        json!({"type":"join","service":"kela"}),
        "wrong_state",
    )
    .await;
}

#[tokio::test]
async fn commands_that_need_a_join_are_refused_before_it() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, _chair, _p) = running_meeting(&server).await;
    let mut n = m.participant(&server.addr).await;
    obs.refused(&mut n, submit("Otsikko", "", "Kysymys?", &[]), "not_joined")
        .await;
    obs.refused(&mut n, json!({"type":"raise_hand"}), "not_joined")
        .await;
    obs.refused(&mut n, json!({"type":"lower_hand"}), "not_joined")
        .await;
    obs.refused(
        &mut n,
        json!({"type":"withdraw_item","item":"i2"}),
        "not_allowed",
    )
    .await;
    // Leaving without having joined is harmless.
    let before = obs.before().await;
    let ack = n.ok(json!({"type":"leave"})).await;
    assert!(ack.get("seq").is_none(), "{ack}");
    obs.unchanged(before, "leave before join").await;
    // After joining, the same submit is accepted.
    n.join("oral_health", None).await;
    n.ok(submit(
        "Suun terveys ja päihteet",
        "",
        "Miten hoitoon?",
        &[],
    ))
    .await;
}

/// Sends 100 pings (with `req`) as fast as possible on a fresh connection; returns every
/// answer.
async fn flood(server: &Server, m: &Meeting) -> (Client, Vec<Value>) {
    let mut c = m.participant(&server.addr).await;
    for i in 0..100 {
        c.send_raw(&json!({"type":"ping","req":1000 + i}).to_string())
            .await;
    }
    let mut answers = Vec::new();
    while answers.len() < 100 {
        let msg = c.try_next(WAIT).await.expect("an answer to every ping");
        assert_ne!(msg["type"], "closed", "the connection survives a flood");
        if msg["type"] == "pong" || msg["type"] == "error" {
            answers.push(msg);
        }
    }
    (c, answers)
}

#[tokio::test]
async fn a_flood_of_messages_is_rate_limited_and_the_connection_survives() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, _chair, _p) = running_meeting(&server).await;
    let before = obs.before().await;
    let (mut c, answers) = flood(&server, &m).await;
    let pongs = answers.iter().filter(|a| a["type"] == "pong").count();
    let limited = answers
        .iter()
        .filter(|a| a["code"] == "rate_limited")
        .count();
    assert_eq!(
        pongs + limited,
        100,
        "every message got a pong or rate_limited: {answers:?}"
    );
    assert!(pongs >= 50, "a burst is allowed ({pongs} pongs)");
    assert!(limited > 0, "a flood is limited");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        c.answers_ping().await,
        "after a pause the connection works again"
    );
    obs.unchanged(before, "a flood").await;
}

#[tokio::test]

async fn rate_limited_errors_echo_the_request_number() {
    let server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let (_c, answers) = flood(&server, &m).await;
    let limited: Vec<&Value> = answers
        .iter()
        .filter(|a| a["code"] == "rate_limited")
        .collect();
    assert!(!limited.is_empty());
    for a in limited {
        assert!(
            a["req"].as_u64().is_some_and(|r| (1000..1100).contains(&r)),
            "no req echoed: {a}"
        );
    }
}
