//! Monthly meetings per centre (issue 6) through the real server: a centre with its slot gets
//! its upcoming meetings, one can be moved or cancelled without breaking the series, holidays
//! are flagged, the calendar feed parses as iCalendar, items can be queued ahead, and deferred
//! and follow-up items carry over to the centre's next meeting.

use e2e::fixtures::api;
use e2e::{Client, Meeting, Server};
use serde_json::{json, Value};
use std::io::BufReader;

fn second_tuesday() -> Value {
    json!({"week": 2, "weekday": "tuesday", "start": "13:00", "duration_min": 60, "ahead": 3})
}

async fn new_centre(server: &Server, id: &str) -> Value {
    let (status, centre) = api(
        server,
        "POST",
        "/api/centres",
        Some(json!({"id": id, "name": "Vuosaari", "schedule": second_tuesday(), "allowlist": ["Vuotie 45"]})),
    )
    .await;
    assert_eq!(status, 201, "{centre}");
    centre
}

async fn meetings(server: &Server, centre: &str) -> Vec<Value> {
    let (status, list) = api(
        server,
        "GET",
        &format!("/api/centres/{centre}/meetings"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    list["meetings"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_centre_with_a_monthly_slot_gets_its_next_three_meetings_at_local_13() {
    let server = Server::start(&[]);
    let centre = new_centre(&server, "vuosaari").await;
    assert_eq!(
        centre["schedule_text"]["fi"],
        "toinen tiistai kuukaudessa klo 13.00–14.00"
    );
    assert_eq!(centre["schedule_text"]["rrule"], "FREQ=MONTHLY;BYDAY=2TU");
    let list = meetings(&server, "vuosaari").await;
    assert_eq!(list.len(), 3, "{list:?}");
    for m in &list {
        let date = m["series_date"].as_str().unwrap();
        // Second Tuesday: day 8–14, and a Tuesday, at 13:00 Helsinki time (11:00 or 10:00 UTC).
        let day: u32 = date[8..10].parse().unwrap();
        assert!((8..=14).contains(&day), "{date}");
        let utc = m["starts_at"].as_str().unwrap();
        assert!(
            utc.ends_with("T11:00:00Z") || utc.ends_with("T10:00:00Z"),
            "{utc}"
        );
        assert_eq!(m["state"], "open");
        assert!(m["participant_link"].as_str().unwrap().contains("#key="));
    }
    // Creating the same centre again is refused; a bad rule is explained.
    let (status, _) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id": "vuosaari", "name": "X"})),
    )
    .await;
    assert_eq!(status, 409);
    let (status, err) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id": "x2", "name": "X", "schedule": {"week": 6, "weekday": "tuesday", "start": "13:00"}})),
    )
    .await;
    assert_eq!(status, 400);
    assert!(err["error"]["message"].as_str().unwrap().contains("week"));
}

#[tokio::test]
async fn moving_or_cancelling_one_meeting_keeps_the_series_and_flags_holidays() {
    let mut server = Server::start(&[]);
    new_centre(&server, "vuosaari").await;
    let list = meetings(&server, "vuosaari").await;
    let first = list[0]["id"].as_str().unwrap().to_owned();
    let second = list[1]["id"].as_str().unwrap().to_owned();

    // Move the first to Christmas Eve: flagged as a holiday, revision bumped.
    let (status, moved) = api(
        &server,
        "PATCH",
        &format!("/api/meetings/{first}"),
        Some(json!({"starts_at": "2026-12-24T13:00:00+02:00"})),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["starts_at"], "2026-12-24T11:00:00Z");
    assert_eq!(moved["holiday"], "Jouluaatto");
    assert_eq!(moved["revision"], 1);

    // Someone already in the room sees the new time.
    let m = api(&server, "GET", &format!("/api/meetings/{second}"), None)
        .await
        .1;
    let mut chair = Client::hello(&server.addr, &second, m["chair_key"].as_str().unwrap()).await;
    let (status, cancelled) = api(
        &server,
        "POST",
        &format!("/api/meetings/{second}/cancel"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["state"], "cancelled");
    chair.wait_state(|s| s.cancelled_at.is_some()).await;
    assert_eq!(
        chair.refused(json!({"type": "confirm_agenda"})).await,
        "wrong_state"
    );

    // The series is intact: still three slots, the moved and cancelled ones among them, even
    // after a restart (which plans meetings again).
    server.kill9();
    server.restart();
    let after = meetings(&server, "vuosaari").await;
    assert_eq!(after.len(), 3, "{after:?}");
    let states: Vec<&str> = after.iter().map(|m| m["state"].as_str().unwrap()).collect();
    assert!(states.contains(&"cancelled"));
    assert!(after
        .iter()
        .any(|m| m["id"] == first.as_str() && m["holiday"] == "Jouluaatto"));

    // A meeting that has started cannot be moved.
    let m = Meeting::create(&server).await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;
    chair.ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Ilmiö","question":"Mitä tehdä?"}})).await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    let (status, err) = api(
        &server,
        "PATCH",
        &format!("/api/meetings/{}", m.id),
        Some(json!({"duration_min": 90})),
    )
    .await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (409, Some("wrong_state"))
    );
}

#[tokio::test]
async fn the_calendar_feed_parses_and_carries_links_moves_and_cancellations() {
    let server = Server::start(&[]);
    let centre = new_centre(&server, "vuosaari").await;
    let list = meetings(&server, "vuosaari").await;
    let moved = list[0]["id"].as_str().unwrap();
    api(
        &server,
        "PATCH",
        &format!("/api/meetings/{moved}"),
        Some(json!({"starts_at": "2027-06-15T09:00:00+03:00"})),
    )
    .await;
    let cancelled = list[1]["id"].as_str().unwrap();
    api(
        &server,
        "POST",
        &format!("/api/meetings/{cancelled}/cancel"),
        None,
    )
    .await;

    let feed_url = centre["feed_url"].as_str().unwrap();
    let resp = reqwest::get(feed_url).await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let text = resp.text().await.unwrap();
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = calendars
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(calendars.next().is_none());
    // RFC 5545: PRODID and VERSION exactly once in a calendar (3.6, 3.7.3).
    let count = |name: &str| cal.properties.iter().filter(|p| p.name == name).count();
    assert_eq!(count("PRODID"), 1, "one PRODID:\n{text}");
    assert_eq!(count("VERSION"), 1, "one VERSION:\n{text}");
    assert!(cal
        .properties
        .iter()
        .any(|p| p.name == "PRODID" && p.value.as_deref() == Some("-//PPT Hub//ppt-hub//FI")));
    assert!(
        cal.properties
            .iter()
            .any(|p| p.name == "X-WR-TIMEZONE" && p.value.as_deref() == Some("Europe/Helsinki")),
        "the centre's zone is named"
    );
    assert_eq!(cal.events.len(), 3);
    let prop = |ev: &ical::parser::ical::component::IcalEvent, name: &str| {
        ev.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    for ev in &cal.events {
        let uid = prop(ev, "UID");
        let meeting = list
            .iter()
            .find(|m| uid.starts_with(m["id"].as_str().unwrap()))
            .expect("UID names a meeting");
        let link = meeting["participant_link"].as_str().unwrap();
        assert_eq!(prop(ev, "URL"), link);
        assert!(prop(ev, "DESCRIPTION").contains(link));
        assert!(
            !prop(ev, "DESCRIPTION").contains(meeting["chair_key"].as_str().unwrap()),
            "no chair key in the feed"
        );
        if meeting["id"] == moved {
            assert_eq!(prop(ev, "DTSTART"), "20270615T060000Z");
            assert_eq!(prop(ev, "SEQUENCE"), "1");
        }
        if meeting["id"] == cancelled {
            assert_eq!(prop(ev, "STATUS"), "CANCELLED");
        } else {
            assert_eq!(prop(ev, "STATUS"), "CONFIRMED");
        }
    }
    // A wrong feed key is not found.
    let wrong = feed_url.replace(centre["feed_key"].as_str().unwrap(), "0000");
    assert_eq!(reqwest::get(wrong).await.unwrap().status().as_u16(), 404);
}

#[tokio::test]
async fn items_submitted_ahead_wait_in_the_queue_for_the_chair() {
    let server = Server::start(&[]);
    new_centre(&server, "vuosaari").await;
    let list = meetings(&server, "vuosaari").await;
    let next = &list[0];
    let id = next["id"].as_str().unwrap();
    let mut early =
        Client::hello(&server.addr, id, next["participant_key"].as_str().unwrap()).await;
    early.join("kela", None).await;
    early
        .ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"Nuori aikuinen ilman asuntoa","question":"Kuka ottaa koppia?","services_wanted":["social_services"],"themes":["homelessness"]}}))
        .await;
    early.close().await;
    let mut chair = Client::hello(&server.addr, id, next["chair_key"].as_str().unwrap()).await;
    let queued: Vec<_> = chair.room().queued().map(|i| i.title.clone()).collect();
    assert_eq!(queued, vec!["Nuori aikuinen ilman asuntoa"]);
    chair.join("health_station", None).await;
    chair.ok(json!({"type": "confirm_agenda"})).await;
}

#[tokio::test]
async fn deferred_and_follow_up_items_carry_over_to_the_next_meeting_with_their_history() {
    let server = Server::start(&["--grace-secs", "1"]);
    // A centre without a monthly slot, so the meeting made below is its next one.
    let (status, _) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id": "pasila", "name": "Pasila"})),
    )
    .await;
    assert_eq!(status, 201);
    let now = server.create_meeting(json!({"centre_id": "pasila"})).await;
    let later = server
        .create_meeting(json!({"centre_id": "pasila", "starts_at": "2030-01-08T13:00:00+02:00"}))
        .await;
    let a = Meeting::from_json(&now);
    // The next meeting's chair is already looking (the live path); nothing is there yet.
    let mut next_chair = Client::hello(
        &server.addr,
        later["id"].as_str().unwrap(),
        later["chair_key"].as_str().unwrap(),
    )
    .await;
    assert!(next_chair.room().items.is_empty());

    let mut chair = a.chair_joined(&server.addr, "health_station").await;
    let mut p = a
        .participant_joined(&server.addr, "psychiatry_substance")
        .await;
    for title in [
        "Päihteet ja asunnottomuus",
        "Iäkäs yksin asuva",
        "Perheen tukeminen",
    ] {
        p.ok(json!({"type":"submit_item","item":{"kind":"client_case","title":title,"question":"Mitä seuraavaksi?"}})).await;
    }
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair
        .ok(json!({"type":"record_outcome","item":"i1","outcome":{"advice":"Asumisneuvonta mukaan","next_steps":"Yhteistapaaminen","services_to_involve":["social_services"],"follow_up":true}}))
        .await;
    chair.ok(json!({"type":"defer_item","item":"i2"})).await;
    chair.ok(json!({"type":"end_meeting"})).await; // i1 done (follow-up), i3 auto-deferred

    next_chair.wait_state(|s| s.items.len() == 3).await;
    let items = &next_chair.room().items;
    let summary: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            let c = i.carried_over.as_ref().expect("marked as carried over");
            (i.title.clone(), format!("{:?}", c.reason))
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "Päihteet ja asunnottomuus".to_owned(),
                "FollowUp".to_owned()
            ),
            ("Iäkäs yksin asuva".to_owned(), "Deferred".to_owned()),
            ("Perheen tukeminen".to_owned(), "Deferred".to_owned()),
        ]
    );
    let follow = items[0].carried_over.as_ref().unwrap();
    assert_eq!(follow.from_meeting.as_str(), a.id);
    assert_eq!(follow.history.len(), 1);
    assert_eq!(
        follow.history[0].outcome.as_ref().unwrap().advice,
        "Asumisneuvonta mukaan"
    );
    assert!(items
        .iter()
        .all(|i| i.status == shared::domain::ItemStatus::Queued));

    // Carried once only: a fresh connection (a new claim attempt) shows the same three.
    drop(next_chair);
    let again = Client::hello(
        &server.addr,
        later["id"].as_str().unwrap(),
        later["chair_key"].as_str().unwrap(),
    )
    .await;
    assert_eq!(again.room().items.len(), 3);
}

/// The person who brought an item has it back in the next meeting: joining there with their
/// secret from the meeting it came from (`earlier`) makes the carried-over item theirs, so they
/// can withdraw it as before. A secret that is not theirs claims nothing, and a malformed list
/// is refused and changes nothing.
#[tokio::test]
async fn a_carried_over_item_is_its_presenters_again_in_the_next_meeting() {
    let server = Server::start(&[]);
    let m1 = server
        .create_meeting(
            json!({"centre_id": "kalasatama", "starts_at": "2029-05-08T13:00:00+03:00"}),
        )
        .await;
    let m2 = server
        .create_meeting(
            json!({"centre_id": "kalasatama", "starts_at": "2029-06-12T13:00:00+03:00"}),
        )
        .await;
    let id = |m: &Value, k: &str| m[k].as_str().unwrap().to_owned();
    let mut chair = Client::hello(&server.addr, &id(&m1, "id"), &id(&m1, "chair_key")).await;
    chair.join("kela", None).await;
    let mut p = Client::hello(&server.addr, &id(&m1, "id"), &id(&m1, "participant_key")).await;
    p.join("health_station", None).await;
    p.ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"Iäkäs yksin asuva","question":"Kuka käy kotona?"}})).await;
    chair.ok(json!({"type":"defer_item","item":"i1"})).await;
    chair.ok(json!({"type":"end_meeting"})).await;
    let p_secret = p.secret.clone().expect("joined");
    let chair_secret = chair.secret.clone().expect("joined");
    let earlier = |secret: &str| json!([{ "meeting": id(&m1, "id"), "secret": secret }]);

    let mut other = Client::hello(&server.addr, &id(&m2, "id"), &id(&m2, "participant_key")).await;
    other.wait_state(|s| s.items.len() == 1).await;
    let presenter = other.room().items[0].presenter.clone();
    // Malformed: refused, nothing changes.
    let answer = other
        .request(json!({"type":"join","service":"kela","earlier": earlier("not-a-secret")}))
        .await;
    assert_eq!(answer["code"], "invalid_field", "{answer}");
    let too_many: Vec<Value> = (0..13)
        .map(|_| json!({"meeting": id(&m1, "id"), "secret": chair_secret}))
        .collect();
    let answer = other
        .request(json!({"type":"join","service":"kela","earlier": too_many}))
        .await;
    assert_eq!(answer["code"], "invalid_field", "{answer}");
    // Someone else's secret (the earlier chair's, who brought nothing): joined, claims nothing.
    let answer = other
        .request(json!({"type":"join","service":"kela","earlier": earlier(&chair_secret)}))
        .await;
    assert_eq!(answer["type"], "joined", "{answer}");
    assert_eq!(other.room().items[0].presenter, presenter);
    assert_eq!(
        other
            .refused(json!({"type":"withdraw_item","item":"i1"}))
            .await,
        "not_allowed"
    );

    // The presenter, in the next meeting: the item is theirs again.
    let mut back = Client::hello(&server.addr, &id(&m2, "id"), &id(&m2, "participant_key")).await;
    let answer = back
        .request(json!({"type":"join","service":"health_station","earlier": earlier(&p_secret)}))
        .await;
    assert_eq!(answer["type"], "joined", "{answer}");
    let me = back.participant_id.clone().unwrap();
    back.wait_state(|s| s.items[0].presenter.as_str() == me)
        .await;
    other
        .wait_state(|s| s.items[0].presenter.as_str() == me)
        .await;
    let c = back.room().items[0]
        .carried_over
        .clone()
        .expect("still marked carried over");
    assert_eq!(c.history.len(), 1);
    back.ok(json!({"type":"withdraw_item","item":"i1"})).await;
}

#[tokio::test]
async fn an_item_deferred_twice_keeps_its_whole_history() {
    let server = Server::start(&[]);
    let mk = |starts: &'static str| {
        let server = &server;
        async move {
            server
                .create_meeting(json!({"centre_id": "kalasatama", "starts_at": starts}))
                .await
        }
    };
    let m1 = mk("2029-01-09T13:00:00+02:00").await;
    let m2 = mk("2029-02-13T13:00:00+02:00").await;
    let m3 = mk("2029-03-13T13:00:00+02:00").await;
    let mut c1 = Client::hello(
        &server.addr,
        m1["id"].as_str().unwrap(),
        m1["chair_key"].as_str().unwrap(),
    )
    .await;
    c1.join("kela", None).await;
    c1.ok(json!({"type":"submit_item","item":{"kind":"regional_matter","title":"Alueellinen yhteistyö","question":"Kuka vastaa?"}})).await;
    c1.ok(json!({"type":"start_item","item":"i1"})).await;
    c1.ok(json!({"type":"defer_item","item":"i1"})).await;
    c1.ok(json!({"type":"end_meeting"})).await;
    let mut c2 = Client::hello(
        &server.addr,
        m2["id"].as_str().unwrap(),
        m2["chair_key"].as_str().unwrap(),
    )
    .await;
    c2.wait_state(|s| s.items.len() == 1).await;
    c2.ok(json!({"type":"end_meeting"})).await;
    let c3 = Client::hello(
        &server.addr,
        m3["id"].as_str().unwrap(),
        m3["chair_key"].as_str().unwrap(),
    )
    .await;
    let item = &c3.room().items[0];
    let history = &item.carried_over.as_ref().unwrap().history;
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].meeting.as_str(), m1["id"].as_str().unwrap());
    assert!(
        history[0].used_ms.is_some(),
        "it was presented in the first meeting"
    );
    assert_eq!(history[1].meeting.as_str(), m2["id"].as_str().unwrap());
}

#[tokio::test]
async fn a_changed_catalogue_reaches_meetings_that_have_not_started() {
    let server = Server::start(&[]);
    let open = Meeting::create(&server).await;
    let running = Meeting::create(&server).await;
    let mut chair = running.chair_joined(&server.addr, "health_station").await;
    chair.ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Ilmiö","question":"Mitä tehdä?"}})).await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    // Someone is already looking at the open meeting (its room is live).
    let mut watcher = open.participant(&server.addr).await;

    let (_, centre) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    let mut services = centre["services"].as_array().unwrap().clone();
    services.push(
        json!({"id": "family_centre", "name_fi": "Perhekeskus", "name_sv": "Familjecentret",
                         "name_en": "Family centre", "required": false}),
    );
    let (status, _) = api(
        &server,
        "PATCH",
        "/api/centres/kalasatama",
        Some(json!({"services": services})),
    )
    .await;
    assert_eq!(status, 200);

    let family = shared::ids::ServiceId::from("family_centre");
    watcher
        .wait_state(|s| s.meeting.service(&family).is_some())
        .await;
    watcher.join("family_centre", None).await;
    // A meeting that has started keeps the catalogue it runs with.
    let (state, _, _) = e2e::snapshot(&server.addr, &running).await;
    assert!(state.meeting.service(&family).is_none());
    // One not in memory takes the new catalogue when it loads.
    let upcoming = meetings(&server, "kalasatama").await;
    let slot = upcoming
        .iter()
        .find(|m| m["series_date"].is_string() && m["state"] == "open")
        .unwrap();
    let later = Client::hello(
        &server.addr,
        slot["id"].as_str().unwrap(),
        slot["chair_key"].as_str().unwrap(),
    )
    .await;
    assert!(later.room().meeting.service(&family).is_some());
}
