//! Experts by experience, guests and the agenda out ahead (issue 12) through the real server,
//! with raw WebSocket clients and the coordinator API:
//! - `an_expert_by_experience_joins_when_allowed_and_is_counted_apart_everywhere`: refused
//!   (`guests_not_allowed`) until the chair allows experts; then joins, makes no required service
//!   present, and the minutes (every format) and the period report count experts and guests
//!   apart; the coordinator allows guests on the meeting through the API, the same event;
//! - `a_guests_organisation_with_a_name_in_it_is_refused_by_the_guard`: `identifier_found` in
//!   field `organisation`, nothing recorded; a guest without an organisation is
//!   `invalid_field`; a catalogue may not take the reserved ids;
//! - `items_submitted_after_publication_are_late_additions_and_those_before_are_not`: a centre
//!   publishes its agenda 24 h ahead (then 48 h, changed live); an item before the publication is
//!   `ahead`, one after it `late`, one once the meeting started `at_meeting`; a participant link
//!   that has not joined has the published queue; a restart rebuilds the marks and the lead; the
//!   minutes say them.

use e2e::fixtures::{api, minutes, now_ms, utc_rfc3339};
use e2e::{observed_meeting, submit, Client, Meeting, Server};
use serde_json::{json, Value};
use shared::domain::{Arrival, GuestAdmission, Phase};
use shared::room::RoomState;
use std::time::Duration;

const HOUR: i64 = 3_600_000;

/// A fresh snapshot, retried until `pred` holds (what the server sets outside the log reaches
/// the room through a channel, a moment after the API answered).
async fn snapshot_until(c: &mut Client, pred: impl Fn(&RoomState) -> bool) -> RoomState {
    for _ in 0..50 {
        let (state, _) = c.fetch_snapshot().await;
        if pred(&state) {
            return state;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the room never reached the expected state");
}

/// The `join` message of an expert by experience, or of a guest of `organisation`.
fn join_as(organisation: Option<&str>) -> Value {
    match organisation {
        None => json!({"type": "join", "service": "expert_by_experience"}),
        Some(org) => json!({"type": "join", "service": "guest", "organisation": org}),
    }
}

#[tokio::test]
async fn an_expert_by_experience_joins_when_allowed_and_is_counted_apart_everywhere() {
    let server = Server::start(&[]);
    let addr = server.addr.clone();
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let mut kela = m.participant_joined(&addr, "kela").await;

    // Not allowed yet: a clear refusal, and nobody joined.
    let mut expert = m.participant(&addr).await;
    let answer = expert.request(join_as(None)).await;
    assert_eq!(answer["code"], "guests_not_allowed", "{answer}");
    assert!(answer["message"]
        .as_str()
        .unwrap()
        .contains("experts by experience"));
    assert_eq!(expert.room().participants.len(), 2);

    // The chair allows experts by experience (and, so far, no guests).
    assert_eq!(
        kela.refused(json!({"type":"allow_guests","experts":true,"guests":true}))
            .await,
        "not_chair"
    );
    chair
        .ok(json!({"type":"allow_guests","experts":true,"guests":false}))
        .await;
    let answer = expert.request(join_as(None)).await;
    assert_eq!(answer["type"], "joined", "{answer}");
    let mut guest = m.participant(&addr).await;
    let answer = guest
        .request(join_as(Some("Helsingin seurakuntayhtymä")))
        .await;
    assert_eq!(answer["code"], "guests_not_allowed", "{answer}");

    // The coordinator allows guests on this meeting: the same event, seen in the room.
    let (status, view) = api(
        &server,
        "PATCH",
        &format!("/api/meetings/{}", m.id),
        Some(json!({"allow_guests": {"experts": true, "guests": true}})),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        view["allow_guests"],
        json!({"experts": true, "guests": true})
    );
    chair.wait_state(|s| s.guests_allowed.guests).await;
    let answer = guest
        .request(join_as(Some("Helsingin seurakuntayhtymä")))
        .await;
    assert_eq!(answer["type"], "joined", "{answer}");

    // Neither makes a service present: oral health is still missing, Kela and the chair's
    // health station are there, and the two are counted apart.
    let (state, _) = obs.fetch_snapshot().await;
    let rep = state.representation();
    assert_eq!((rep.experts_by_experience, rep.guests), (1, 1));
    assert!(rep
        .missing_required
        .iter()
        .any(|s| s.as_str() == "oral_health"));
    assert_eq!(rep.present_required.len(), 2, "{rep:?}");
    assert!(rep.services.iter().all(|s| s.people <= 1));
    let snapshot = obs
        .received
        .iter()
        .rev()
        .find(|m| m["type"] == "snapshot")
        .unwrap();
    assert_eq!(snapshot["representation"]["experts_by_experience"], 1);
    let g = state
        .participants
        .iter()
        .find(|p| p.organisation.is_some())
        .unwrap();
    assert_eq!(g.service.as_str(), "guest");

    // The expert brings a phenomenon; the meeting runs it and ends.
    expert
        .ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Palvelupolun katkokset","question":"Miten yhteydenotto helpottuu?"}}))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"end_meeting"})).await;
    // After the end the setting can no longer change.
    assert_eq!(
        chair
            .refused(json!({"type":"allow_guests","experts":false,"guests":false}))
            .await,
        "wrong_state"
    );

    // The minutes count them apart, in every format and language.
    let (status, body) = minutes(&server, &m, "json").await;
    assert_eq!(status, 200, "{body}");
    let j: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (
            &j["experts_by_experience"],
            &j["guests"],
            &j["people_total"]
        ),
        (&json!(1), &json!(1), &json!(4))
    );
    assert_eq!(
        j["guest_organisations"],
        json!(["Helsingin seurakuntayhtymä"])
    );
    let people: u64 = j["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["people"].as_u64().unwrap())
        .sum();
    assert_eq!(
        people, 2,
        "only the services' people are in the services' figures"
    );
    assert!(j["required_missing"]
        .as_array()
        .unwrap()
        .contains(&json!("oral_health")));
    let (_, md) = minutes(&server, &m, "md").await;
    assert!(
        md.contains("Kokemusasiantuntijoita 1, vieraita 1 (Helsingin seurakuntayhtymä)."),
        "{md}"
    );
    assert!(
        md.contains("Esittäjän palvelu: Kokemusasiantuntija"),
        "{md}"
    );
    let (_, html) = minutes(&server, &m, "html").await;
    assert!(html.contains("<p class=\"guests\">Kokemusasiantuntijoita 1, vieraita 1"));
    let (_, csv) = minutes(&server, &m, "csv").await;
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let row: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(row[col("kokemusasiantuntijoita")], "1");
    assert_eq!(row[col("vieraita")], "1");
    for (lang, words) in [
        ("sv", "Erfarenhetsexperter 1, gäster 1"),
        ("en", "Experts by experience 1, guests 1"),
    ] {
        let (_, text) = e2e::fixtures::get_text(
            &server,
            &format!("/api/meetings/{}/summary?format=md&lang={lang}", m.id),
            e2e::TOKEN,
        )
        .await;
        assert!(text.contains(words), "{lang}: {text}");
    }

    // The period report too.
    let (from, to) = (
        &utc_rfc3339(now_ms() - 24 * HOUR)[..10],
        &utc_rfc3339(now_ms() + 24 * HOUR)[..10],
    );
    let (status, report) = api(
        &server,
        "GET",
        &format!("/api/reports?centre=kalasatama&from={from}&to={to}&format=json"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    // One expert and one guest over the period: small numbers, shown as "< 3" (issue 13).
    assert_eq!(
        (&report["experts_by_experience"], &report["guests"]),
        (&json!("< 3"), &json!("< 3"))
    );
    assert_eq!(report["meetings"][0]["experts_by_experience"], "< 3");
    let (_, csv) = e2e::fixtures::get_text(
        &server,
        &format!("/api/reports?centre=kalasatama&from={from}&to={to}&format=csv&lang=en"),
        e2e::TOKEN,
    )
    .await;
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(
        header.contains(";experts by experience;guests;"),
        "{header}"
    );
}

#[tokio::test]
async fn a_guests_organisation_with_a_name_in_it_is_refused_by_the_guard() {
    let server = Server::start(&[]);
    let addr = server.addr.clone();
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    chair
        .ok(json!({"type":"allow_guests","experts":true,"guests":true}))
        .await;
    let (_, seq) = obs.fetch_snapshot().await;
    let mut guest = m.participant(&addr).await;
    for org in ["Matti Virtasen tukiperhe", "Koulu, puh. 040 123 4567"] {
        let answer = guest.request(join_as(Some(org))).await;
        assert_eq!(answer["code"], "identifier_found", "{org}: {answer}");
        let fields: Vec<&str> = answer["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(
            !fields.is_empty() && fields.iter().all(|f| *f == "organisation"),
            "{answer}"
        );
        assert!(
            !answer.to_string().contains("Virta"),
            "the text is never echoed"
        );
    }
    // A guest gives an organisation, and nobody else does.
    for msg in [
        json!({"type":"join","service":"guest"}),
        json!({"type":"join","service":"guest","organisation":"   "}),
        json!({"type":"join","service":"kela","organisation":"Kela"}),
        json!({"type":"join","service":"guest","organisation":"x".repeat(81)}),
    ] {
        assert_eq!(
            guest.request(msg.clone()).await["code"],
            "invalid_field",
            "{msg}"
        );
    }
    let (state, seq_after) = obs.fetch_snapshot().await;
    assert_eq!(seq_after, seq, "nothing was recorded");
    assert_eq!(state.participants.len(), 1);
    assert!(!server.stores("Virtasen"), "never stored");
    // The reserved ids are not a catalogue's.
    let mut services = serde_json::to_value(shared::domain::default_catalogue()).unwrap();
    services[0]["id"] = json!("guest");
    let (status, body) = api(
        &server,
        "PATCH",
        "/api/centres/kalasatama",
        Some(json!({"services": services})),
    )
    .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn items_submitted_after_publication_are_late_additions_and_those_before_are_not() {
    let mut server = Server::start(&["--grace-secs", "1"]);
    let addr = server.addr.clone();
    let (status, centre) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id": "vuosaari", "name": "Vuosaari"})),
    )
    .await;
    assert_eq!(status, 201, "{centre}");
    assert_eq!(centre["agenda_ahead_hours"], 24, "a day ahead by default");
    let (status, _) = api(
        &server,
        "PATCH",
        "/api/centres/vuosaari",
        Some(json!({"agenda_ahead_hours": 400})),
    )
    .await;
    assert_eq!(status, 400, "at most two weeks ahead");
    // A meeting 30 h from now: its agenda is published in 6 h.
    let starts = now_ms() + 30 * HOUR;
    let m = Meeting::create_with(
        &server,
        json!({"centre_id": "vuosaari", "starts_at": utc_rfc3339(starts)}),
    )
    .await;
    let mut chair = m.chair_joined(&addr, "health_station").await;
    let mut p = m.participant_joined(&addr, "kela").await;
    assert_eq!(p.room().publish_ahead_ms, 24 * HOUR);
    assert!(!p.room().agenda_published(now_ms()));
    p.ok(submit("Ennakkoon tuotu", "", "Kuka koordinoi?", &[]))
        .await;
    assert_eq!(p.room().items[0].arrival, Some(Arrival::Ahead));

    // The coordinator publishes the centre's agendas 48 h ahead: this one now.
    let (status, centre) = api(
        &server,
        "PATCH",
        "/api/centres/vuosaari",
        Some(json!({"agenda_ahead_hours": 48})),
    )
    .await;
    assert_eq!((status, &centre["agenda_ahead_hours"]), (200, &json!(48)));
    snapshot_until(&mut p, |s| s.publish_ahead_ms == 48 * HOUR).await;
    p.ok(submit("Myöhään tuotu", "", "Mitä tehdään?", &[]))
        .await;
    chair.wait_state(|s| s.items.len() == 2).await;
    let arrivals: Vec<_> = chair.room().items.iter().map(|i| i.arrival).collect();
    assert_eq!(
        arrivals,
        [Some(Arrival::Ahead), Some(Arrival::LateAddition)]
    );
    let event = chair
        .received
        .iter()
        .rev()
        .find(|m| m["event"]["kind"] == "item_submitted")
        .unwrap();
    assert_eq!(event["event"]["item"]["arrival"], "late");

    // Someone who opens the participant link sees the published queue before joining.
    let viewer = m.participant(&addr).await;
    assert!(viewer.room().agenda_published(now_ms()));
    assert_eq!(viewer.room().queued().count(), 2);

    // A restart rebuilds the marks from the log and the lead from the centre.
    server.kill9();
    server.restart();
    let mut chair = m.chair_joined(&addr, "health_station").await;
    let mut p = m.participant_joined(&addr, "social_services").await;
    assert_eq!(p.room().publish_ahead_ms, 48 * HOUR);
    let arrivals: Vec<_> = p.room().items.iter().map(|i| i.arrival).collect();
    assert_eq!(
        arrivals,
        [Some(Arrival::Ahead), Some(Arrival::LateAddition)]
    );

    // Moved to start now: what comes in now is brought at the meeting.
    let (status, view) = api(
        &server,
        "PATCH",
        &format!("/api/meetings/{}", m.id),
        Some(json!({"starts_at": utc_rfc3339(now_ms() - 60_000)})),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        view["allow_guests"],
        json!({"experts": false, "guests": false})
    );
    p.wait_state(|s| s.meeting.starts_at <= now_ms()).await;
    p.ok(submit("Kokouksessa tuotu", "", "Kuka vastaa?", &[]))
        .await;
    chair.wait_state(|s| s.items.len() == 3).await;
    let counts = chair.room().arrivals();
    assert_eq!(
        Arrival::ALL.map(|a| counts.of(a)),
        [1, 1, 1],
        "ahead, late, at the meeting"
    );
    assert_eq!(chair.room().guests_allowed, GuestAdmission::default());
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"end_meeting"})).await;
    chair.wait_state(|s| s.phase == Phase::Ended).await;

    // The minutes say when each item came.
    let (status, body) = minutes(&server, &m, "json").await;
    assert_eq!(status, 200, "{body}");
    let j: Value = serde_json::from_str(&body).unwrap();
    let marks: Vec<&Value> = j["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["arrival"])
        .collect();
    assert_eq!(
        marks,
        [&json!("ahead"), &json!("late"), &json!("at_meeting")]
    );
    let (_, md) = minutes(&server, &m, "md").await;
    assert!(md.contains("- Tuotu esityslistalle: myöhässä\n"), "{md}");
}
