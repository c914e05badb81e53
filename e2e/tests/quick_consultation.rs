//! Issue 13, item 3, through the real server: a professional with a monthly meeting's
//! participant link opens a quick consultation room for one question, a colleague joins with
//! the link passed on, the question is handled without an agenda to confirm and its outcome
//! recorded; the minutes say it was a quick consultation, the period report counts it apart
//! from the monthly meetings, the calendar feed does not list it, and what it left in the
//! queue goes to the centre's next monthly meeting. Bad requests and requests over the
//! centre's limit are refused and create nothing.

use e2e::fixtures::{api, api_as, get_text, now_ms, utc_rfc3339};
use e2e::{submit, Meeting, Server, TOKEN};
use serde_json::{json, Value};

/// `POST /api/quick` without a token, as the browser's quick page sends it.
async fn open(server: &Server, body: Value) -> (u16, Value) {
    api_as(server, "POST", "/api/quick", Some(body), None).await
}

/// The ids of the centre's meetings, as the coordinator lists them.
async fn meeting_ids(server: &Server) -> Vec<String> {
    let (status, list) = api(server, "GET", "/api/centres/kalasatama/meetings", None).await;
    assert_eq!(status, 200);
    list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Holds a monthly meeting of Kalasatama starting now with three handled items, and ends it
/// (its links keep working for the link lifetime).
async fn held_monthly(server: &Server) -> Meeting {
    let m = Meeting::create(server).await;
    let addr = &server.addr;
    let mut chair = m.chair_joined(addr, "health_station").await;
    let mut kela = m.participant_joined(addr, "kela").await;
    for title in [
        "Nuori aikuinen ilman asuntoa",
        "Iäkäs asiakas yksin",
        "Perhe muuttaa",
    ] {
        kela.ok(submit(title, "", "Mitä seuraavaksi?", &[])).await;
    }
    chair.wait_state(|s| s.items.len() == 3).await;
    for i in 0..3 {
        let id = chair.room().items[i].id.to_string();
        chair.ok(json!({"type":"start_item","item":id})).await;
    }
    chair.ok(json!({"type":"end_meeting"})).await;
    m
}

#[tokio::test]
async fn a_quick_consultation_runs_end_to_end_and_is_counted_apart() {
    let server = Server::start(&[]);
    let addr = &server.addr;
    let monthly = held_monthly(&server).await;
    // The centre's next monthly meeting, in two days.
    let next = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": utc_rfc3339(now_ms() + 2 * 86_400_000)}),
    )
    .await;

    // The form's catalogue, with the monthly meeting's participant key.
    let (status, cat) = api_as(
        &server,
        "POST",
        "/api/quick/catalogue",
        Some(json!({"key": monthly.participant_key})),
        None,
    )
    .await;
    assert_eq!(status, 200, "{cat}");
    assert_eq!(cat["centre_id"], "kalasatama");
    assert_eq!(cat["services"].as_array().unwrap().len(), 9);

    let before = now_ms();
    let (status, room) = open(
        &server,
        json!({"key": monthly.participant_key, "topic": "Asunnottomuus ja päihteet",
               "invited": ["social_services", "kela"], "minutes": 20}),
    )
    .await;
    assert_eq!(status, 201, "{room}");
    assert_eq!(room["title"], "Asunnottomuus ja päihteet");
    let (starts, ends) = (
        room["starts_at"].as_i64().unwrap(),
        room["ends_at"].as_i64().unwrap(),
    );
    assert_eq!(ends - starts, 20 * 60_000, "it lasts the minutes chosen");
    assert!(
        starts <= before && before - starts < 60_000,
        "it starts now"
    );
    let quick = Meeting {
        id: room["meeting_id"].as_str().unwrap().into(),
        chair_key: room["chair_key"].as_str().unwrap().into(),
        participant_key: room["participant_key"].as_str().unwrap().into(),
        deputy_key: String::new(),
    };
    assert_eq!(
        room["participant_link"],
        format!(
            "{}/m/{}#key={}",
            server.http(),
            quick.id,
            quick.participant_key
        )
        .as_str()
    );
    assert_eq!(
        room["chair_link"],
        format!("{}/m/{}#key={}", server.http(), quick.id, quick.chair_key).as_str()
    );

    // The opener runs it with the chair link; a colleague joins with the link passed on. The
    // invited services are the room's required ones: Kela is there, social services missing.
    let mut chair = quick.chair_joined(addr, "health_station").await;
    let mut kela = quick.participant_joined(addr, "kela").await;
    assert_eq!(
        chair.room().meeting.kind,
        shared::domain::MeetingKind::Quick
    );
    chair.wait_state(|s| s.participants.len() == 2).await;
    let rep = chair.room().representation();
    assert_eq!(rep.present_required.len(), 1);
    assert_eq!(rep.present_required[0].as_str(), "kela");
    assert_eq!(rep.missing_required.len(), 1);
    assert_eq!(rep.missing_required[0].as_str(), "social_services");

    // One question, started at once (no agenda to confirm), its outcome recorded; a second
    // one left in the queue when the room ends.
    kela.ok(submit(
        "Asunnoton asiakas, päihteet",
        "Aikuinen asiakas, asunto puuttuu.",
        "Kuka ottaa asumisen koordinoinnin?",
        &["social_services"],
    ))
    .await;
    kela.ok(submit("Toinen kysymys", "", "Ehditäänkö tänään?", &[]))
        .await;
    chair.wait_state(|s| s.items.len() == 2).await;
    let first = chair.room().items[0].id.to_string();
    chair.ok(json!({"type":"start_item","item":first})).await;
    chair
        .ok(json!({"type":"record_outcome","item":first,"outcome":{
            "advice":"Sosiaalityö koordinoi asumisen","next_steps":"Yhteinen tapaaminen",
            "services_to_involve":["social_services"],"follow_up":false}}))
        .await;
    chair.ok(json!({"type":"end_meeting"})).await;

    // The minutes exist, say what it was, and hold the outcome.
    let (status, md) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=md", quick.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{md}");
    assert!(md.contains("Pikakonsultaatio"), "{md}");
    assert!(md.contains("Sosiaalityö koordinoi asumisen"), "{md}");
    let (_, html) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=html&lang=en", quick.id),
        TOKEN,
    )
    .await;
    assert!(html.contains("Quick consultation – minutes"), "{html}");

    // What it left in the queue goes to the centre's next monthly meeting (a meeting of its
    // series, else the next one made by hand), never to a quick room; the coordinator's list
    // marks the quick room.
    let (_, list) = api(&server, "GET", "/api/centres/kalasatama/meetings", None).await;
    let list = list["meetings"].as_array().unwrap().clone();
    let listed = list.iter().find(|m| m["id"] == quick.id.as_str()).unwrap();
    assert_eq!(listed["kind"], "quick");
    let receiving: Vec<&Value> = list.iter().filter(|m| m["carried_over"] == 1).collect();
    assert_eq!(receiving.len(), 1, "{list:?}");
    assert!(
        receiving[0].get("kind").is_none(),
        "a monthly meeting: {:?}",
        receiving[0]
    );
    assert_ne!(receiving[0]["id"], monthly.id.as_str());

    // The period report: the monthly figures are the monthly meeting's only; the quick room
    // is counted apart, its small counts hidden.
    let day = |ms: i64| utc_rfc3339(ms)[..10].to_owned();
    let (from, to) = (day(now_ms() - 86_400_000), day(now_ms() + 86_400_000));
    let (status, report) = api(
        &server,
        "GET",
        &format!("/api/reports?centre=kalasatama&from={from}&to={to}&format=json"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["meetings_held"], 1, "{report}");
    assert_eq!(
        report["items_handled"], 3,
        "the quick room's items are not in it"
    );
    let lines = report["meetings"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["meeting_id"], monthly.id.as_str());
    let q = &report["quick"];
    assert_eq!(q["held"], 1, "{q}");
    assert_eq!(q["items"], "< 3");
    assert_eq!(q["outcomes_recorded"], "< 3");
    assert_eq!(q["follow_ups"], 0);
    assert!(q["average_minutes"].is_number(), "{q}");
    let (status, csv) = get_text(
        &server,
        &format!("/api/reports?centre=kalasatama&from={from}&to={to}&format=csv"),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{csv}");
    assert!(
        csv.contains("Pikakonsultaatiot (lasketaan erikseen"),
        "{csv}"
    );
    assert!(csv.contains("pidetty;1"), "{csv}");
    assert!(
        !csv.contains(&quick.id),
        "no line of its own among the meetings"
    );

    // The calendar feed lists the monthly meetings, not the quick room.
    let (_, centre) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    let feed = reqwest::get(centre["feed_url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        feed.contains(&monthly.id) && feed.contains(&next.id),
        "{feed}"
    );
    assert!(!feed.contains(&quick.id), "{feed}");

    // The coordinator opens one too, for a centre, without a key.
    let (status, by_coordinator) = api(
        &server,
        "POST",
        "/api/centres/kalasatama/quick",
        Some(json!({"topic": "Kotihoidon ja kuntoutuksen työnjako",
                    "invited": ["rehabilitation"], "minutes": 15})),
    )
    .await;
    assert_eq!(status, 201, "{by_coordinator}");
    let (status, _) = api_as(
        &server,
        "POST",
        "/api/centres/kalasatama/quick",
        Some(json!({"topic": "Kysymys", "invited": ["kela"], "minutes": 15})),
        Some(&monthly.participant_key),
    )
    .await;
    assert_eq!(
        status, 403,
        "a participant key is not the coordinator token"
    );
}

#[tokio::test]
async fn bad_requests_and_requests_over_the_limit_are_refused_and_create_nothing() {
    let server = Server::start(&[]);
    let addr = &server.addr;
    let monthly = Meeting::create(&server).await;
    let key = monthly.participant_key.clone();
    let good = |k: &str| json!({"key": k, "topic": "Nuorten päihteet", "invited": ["kela"], "minutes": 20});
    let (status, room) = open(&server, good(&key)).await;
    assert_eq!(status, 201, "{room}");
    let quick_key = room["participant_key"].as_str().unwrap().to_owned();
    let chair_key = room["chair_key"].as_str().unwrap().to_owned();
    let before = meeting_ids(&server).await;

    let refused = |status: u16, body: &Value, want: u16, code: &str| {
        assert_eq!(status, want, "{body}");
        assert_eq!(body["error"]["code"], code, "{body}");
    };
    // Keys: unknown, a quick room's own (participant or chair), none, absurdly long.
    for k in [
        "0123456789abcdef0123456789abcdef".to_owned(),
        quick_key.clone(),
        chair_key.clone(),
        String::new(),
        "a".repeat(10_000),
    ] {
        let (status, body) = open(&server, good(&k)).await;
        refused(status, &body, 403, "forbidden");
        let (status, body) = api_as(
            &server,
            "POST",
            "/api/quick/catalogue",
            Some(json!({ "key": k })),
            None,
        )
        .await;
        refused(status, &body, 403, "forbidden");
    }
    let (status, body) = open(
        &server,
        json!({"topic": "Kysymys", "invited": ["kela"], "minutes": 20}),
    )
    .await;
    refused(status, &body, 403, "forbidden");

    // A topic with an identifier: refused with the field and kind, never echoed or stored.
    let (status, body) = open(
        &server,
        json!({"key": key, "topic": "Asiakas 131052-308T asunnoton",
               "invited": ["kela"], "minutes": 20}),
    )
    .await;
    refused(status, &body, 400, "identifier_found");
    assert_eq!(body["error"]["findings"][0]["field"], "topic", "{body}");
    assert!(!body.to_string().contains("131052-308T"), "{body}");
    assert!(!server.stores("131052-308T"), "never stored");
    assert!(!server.log_text().contains("131052-308T"), "never logged");

    // Shape: 45 minutes, an unknown service, none, the same one twice, an empty topic.
    for (body, says) in [
        (
            json!({"key": key, "topic": "Kysymys", "invited": ["kela"], "minutes": 45}),
            "minutes",
        ),
        (
            json!({"key": key, "topic": "Kysymys", "invited": ["school"], "minutes": 20}),
            "invited[0]",
        ),
        (
            json!({"key": key, "topic": "Kysymys", "invited": [], "minutes": 20}),
            "at least one",
        ),
        (
            json!({"key": key, "topic": "Kysymys", "invited": ["kela", "kela"], "minutes": 20}),
            "twice",
        ),
        (
            json!({"key": key, "topic": "  ", "invited": ["kela"], "minutes": 20}),
            "topic",
        ),
        (
            json!({"key": key, "topic": "x".repeat(121), "invited": ["kela"], "minutes": 20}),
            "120",
        ),
    ] {
        let (status, answer) = open(&server, body).await;
        refused(status, &answer, 400, "bad_request");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{says}: {message}");
    }
    assert_eq!(meeting_ids(&server).await, before, "nothing was created");

    // At most ten open at once per centre (one is open already): the eleventh is refused.
    for i in 1..10 {
        let (status, body) = open(&server, good(&key)).await;
        assert_eq!(status, 201, "room {i}: {body}");
    }
    let full = meeting_ids(&server).await;
    let (status, body) = open(&server, good(&key)).await;
    refused(status, &body, 429, "rate_limited");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 10"),
        "{body}"
    );
    let (status, body) = api(
        &server,
        "POST",
        "/api/centres/kalasatama/quick",
        Some(json!({"topic": "Kysymys", "invited": ["kela"], "minutes": 15})),
    )
    .await;
    refused(status, &body, 429, "rate_limited");
    assert_eq!(meeting_ids(&server).await, full, "nothing was created");

    // When one ends, another can be opened.
    let first = Meeting {
        id: room["meeting_id"].as_str().unwrap().into(),
        chair_key,
        participant_key: quick_key,
        deputy_key: String::new(),
    };
    let mut chair = first.chair_joined(addr, "health_station").await;
    chair.ok(json!({"type":"end_meeting"})).await;
    let (status, body) = open(&server, good(&key)).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn an_expired_or_cancelled_meetings_link_does_not_open_quick_rooms() {
    let server = Server::start(&["--link-secs", "1"]);
    let ended = Meeting::create(&server).await;
    let mut chair = ended.chair_joined(&server.addr, "health_station").await;
    chair.ok(json!({"type":"end_meeting"})).await;
    let cancelled = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": utc_rfc3339(now_ms() + 86_400_000)}),
    )
    .await;
    let (status, _) = api(
        &server,
        "POST",
        &format!("/api/meetings/{}/cancel", cancelled.id),
        None,
    )
    .await;
    assert_eq!(status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let before = meeting_ids(&server).await;
    for key in [&ended.participant_key, &cancelled.participant_key] {
        let (status, body) = open(
            &server,
            json!({"key": key, "topic": "Kysymys", "invited": ["kela"], "minutes": 20}),
        )
        .await;
        assert_eq!(status, 403, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("does not open quick consultations"),
            "{body}"
        );
    }
    assert_eq!(meeting_ids(&server).await, before);
}
