//! The deputy chair, the handover and the scribe (issue 12) through the real server, with raw
//! WebSocket clients:
//! - `the_deputy_takes_over_when_the_chairs_socket_dies_and_runs_the_next_item`: the chair's
//!   socket is killed; the deputy chair's `take_over` is refused while the chair is present and
//!   until the grace period after their leave has passed (`--takeover-grace-secs 2`), then
//!   accepted; the deputy runs the next item; the chair, back, is a participant;
//! - `an_explicit_handover_goes_to_a_deputy_and_back_and_survives_a_restart`: the chair promotes
//!   a participant and hands the controls over, the deputy hands them back; the log holds both
//!   handovers and a restart rebuilds the roles from it; the deputy link rotates like the others;
//! - `a_scribe_records_outcomes_and_a_participant_without_the_role_is_not_allowed`.

use e2e::fixtures::{api, minutes};
use e2e::{assert_in_step, observed_meeting, participant_id, snapshot, submit, Client, Server};
use serde_json::{json, Value};
use shared::room::{ChairHolder, EventKind};
use std::time::{Duration, Instant};

/// Every event of `kind` a client has received, as the server sent it.
fn events(c: &Client, kind: &str) -> Vec<Value> {
    c.received
        .iter()
        .filter(|m| m["type"] == "event" && m["event"]["kind"] == kind)
        .map(|m| m["event"].clone())
        .collect()
}

/// The Finnish Markdown minutes' line listing the chair's handovers and takeovers.
async fn chair_line(server: &Server, m: &e2e::Meeting) -> String {
    let (_, md) = minutes(server, m, "md").await;
    md.lines()
        .find(|l| l.starts_with("- Puheenjohdon vaihdot: "))
        .unwrap_or_else(|| panic!("no chair line in the minutes:\n{md}"))
        .to_owned()
}

#[tokio::test]
async fn the_deputy_takes_over_when_the_chairs_socket_dies_and_runs_the_next_item() {
    let server = Server::start(&["--grace-secs", "1", "--takeover-grace-secs", "2"]);
    let addr = server.addr.clone();
    let (m, mut obs, chair) = observed_meeting(&server).await;
    let mut deputy = m.deputy(&addr).await;
    assert_eq!(deputy.role.as_deref(), Some("deputy"));
    deputy.join("social_services", None).await;
    let mut p = m.participant_joined(&addr, "kela").await;
    p.ok(submit(
        "Toimeentulon katkokset",
        "",
        "Miten turvataan?",
        &[],
    ))
    .await;
    p.ok(submit(
        "Muistisairaan kotihoito",
        "",
        "Kuka koordinoi?",
        &[],
    ))
    .await;
    let mut chair = chair;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut deputy, &mut p]).await;
    assert_eq!(state.roles.holder, ChairHolder::ChairLink);
    assert_eq!(state.roles.takeover_grace_ms, 2_000, "the server's grace");

    // While the chair is here, nobody takes over; a participant never does.
    assert_eq!(
        deputy.refused(json!({"type":"take_over"})).await,
        "wrong_state"
    );
    assert_eq!(p.refused(json!({"type":"take_over"})).await, "not_allowed");
    assert_eq!(
        deputy.refused(json!({"type":"next_item"})).await,
        "not_chair"
    );

    // The chair's socket dies (no close frame, no leave). After the reconnect grace the chair
    // has left; the takeover opens two seconds later.
    let chair_saved = chair.drop_connection().hang_up();
    let killed = Instant::now();
    deputy.wait_state(|s| s.holder_away_since().is_some()).await;
    let left_after = killed.elapsed();
    assert!(
        left_after >= Duration::from_millis(900),
        "the chair counts as present through the reconnect grace ({left_after:?})"
    );
    let opens = deputy.room().takeover_opens_at().unwrap();
    let away = deputy.room().holder_away_since().unwrap();
    assert_eq!(opens - away, 2_000);
    assert_eq!(
        deputy.refused(json!({"type":"take_over"})).await,
        "wrong_state",
        "not before the grace period has passed"
    );
    let mut refused = 1;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let answer = deputy.request(json!({"type":"take_over"})).await;
        if answer["type"] == "ack" {
            break;
        }
        assert_eq!(answer["code"], "wrong_state", "{answer}");
        refused += 1;
        assert!(Instant::now() < deadline, "the takeover never opened");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!("takeover refused {refused} times, accepted after the grace");
    deputy
        .wait_state(|s| s.roles.holder != ChairHolder::ChairLink)
        .await;
    let taken = events(&deputy, "chair_taken_over");
    assert_eq!(taken.len(), 1, "one takeover in the log");
    let taken_at = taken[0]["at"].as_i64().unwrap();
    assert_eq!(taken[0]["from"], "chair_link");
    assert_eq!(
        taken[0]["to"],
        json!({"person": participant_id(&deputy).as_str()})
    );
    assert!(
        taken_at - taken[0]["away_since"].as_i64().unwrap() >= 2_000,
        "accepted only once the chair had been away for the grace period"
    );

    // The deputy runs the next item; the participant still cannot.
    assert_eq!(p.refused(json!({"type":"next_item"})).await, "not_chair");
    deputy.ok(json!({"type":"next_item"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut deputy, &mut p]).await;
    assert_eq!(state.current.as_ref().unwrap().item.as_str(), "i2");
    assert!(state.holds_chair(&shared::room::Actor {
        role: shared::domain::Role::Deputy,
        participant: Some(participant_id(&deputy)),
    }));

    // The chair comes back with the same secret: a participant now, who can neither run the
    // agenda nor take the controls back while the deputy is here.
    let mut chair = Client::resume(&addr, &m.id, &m.chair_key, &chair_saved).await;
    chair.rejoin("health_station", None).await;
    assert_eq!(
        chair.refused(json!({"type":"next_item"})).await,
        "not_chair"
    );
    assert_eq!(
        chair.refused(json!({"type":"take_over"})).await,
        "wrong_state"
    );
    assert_eq!(
        obs.refused(json!({"type":"pause"})).await,
        "not_chair",
        "no connection of the chair link holds the controls now"
    );
    // The deputy hands them back; the chair runs the meeting again.
    deputy
        .ok(json!({"type":"hand_over","to":participant_id(&chair)}))
        .await;
    chair.ok(json!({"type":"pause"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut deputy, &mut p]).await;
    assert_eq!(state.roles.holder, ChairHolder::ChairLink);

    // The minutes keep the takeover apart from the handback.
    chair.ok(json!({"type":"end_meeting"})).await;
    let line = chair_line(&server, &m).await;
    assert!(
        line.contains("(otettu puheenjohtajan poissa ollessa); ")
            && line.ends_with("puheenjohtajan linkki (luovutettu)"),
        "{line}"
    );
}

#[tokio::test]
async fn an_explicit_handover_goes_to_a_deputy_and_back_and_survives_a_restart() {
    let mut server = Server::start(&["--grace-secs", "1"]);
    let addr = server.addr.clone();
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let mut p = m.participant_joined(&addr, "kela").await;
    let mut q = m.participant_joined(&addr, "disability").await;
    p.ok(submit(
        "Kuntoutuksen jatkuvuus",
        "",
        "Miten jatketaan?",
        &[],
    ))
    .await;
    p.ok(submit("Omaishoitajan uupuminen", "", "Mitä tukea?", &[]))
        .await;

    // The controls go only to a deputy: q is promoted first.
    let to_q = json!({"type":"hand_over","to":participant_id(&q)});
    assert_eq!(chair.refused(to_q.clone()).await, "not_allowed");
    assert_eq!(
        p.refused(json!({"type":"promote_deputy","participant":participant_id(&q)}))
            .await,
        "not_chair"
    );
    chair
        .ok(json!({"type":"promote_deputy","participant":participant_id(&q)}))
        .await;
    chair.ok(to_q).await;
    let q_id = participant_id(&q);
    q.wait_state(|s| s.roles.holder == ChairHolder::Person(q_id.clone()))
        .await;
    q.ok(json!({"type":"start_item","item":"i1"})).await;
    assert_eq!(
        chair.refused(json!({"type":"next_item"})).await,
        "not_chair"
    );
    q.ok(json!({"type":"next_item"})).await;
    let (before, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!(before.current.as_ref().unwrap().item.as_str(), "i2");
    assert_eq!(before.roles.deputies, vec![participant_id(&q)]);

    // The log holds the handover; a restart rebuilds the roles from it.
    obs.drain(Duration::from_millis(200)).await;
    assert_eq!(events(&obs, "deputy_promoted").len(), 1);
    assert_eq!(events(&obs, "chair_handed_over").len(), 1);
    let q_saved = q.hang_up();
    drop((chair, p, obs));
    server.kill9();
    server.restart();
    let (after, _, _) = snapshot(&addr, &m).await;
    assert_eq!(after.roles.holder, before.roles.holder);
    assert_eq!(after.roles.deputies, before.roles.deputies);
    assert_eq!(after.current, before.current);

    // The deputy, back with its secret, still holds the controls and hands them back to the
    // chair link by naming a person who joined with it.
    let mut chair = m.chair_joined(&addr, "health_station").await;
    assert_eq!(chair.refused(json!({"type":"pause"})).await, "not_chair");
    let mut q = Client::resume(&addr, &m.id, &m.participant_key, &q_saved).await;
    q.rejoin("disability", None).await;
    q.ok(json!({"type":"hand_over","to":participant_id(&chair)}))
        .await;
    chair.ok(json!({"type":"pause"})).await;
    assert_eq!(q.refused(json!({"type":"resume"})).await, "not_chair");
    chair.drain(Duration::from_millis(200)).await;
    let back = events(&chair, "chair_handed_over");
    assert_eq!(back.len(), 1, "the handback is in the log");
    assert_eq!(back[0]["to"], "chair_link");

    // The deputy link rotates like the others: its sockets hear bad_key and close.
    let mut deputy = m.deputy_joined(&addr, "social_services").await;
    let (status, view) = api(
        &server,
        "POST",
        &format!("/api/meetings/{}/rotate", m.id),
        Some(json!({"key": "deputy"})),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_ne!(view["deputy_key"], m.deputy_key.as_str());
    assert!(view["deputy_link"]
        .as_str()
        .unwrap()
        .ends_with(view["deputy_key"].as_str().unwrap()));
    let err = deputy
        .recv_until(|x| x["type"] == "error" || x["type"] == "closed")
        .await;
    assert_eq!(err["code"], "bad_key", "{err}");
    assert!(chair.answers_ping().await, "the chair's socket stays open");
    let mut deputy = Client::hello(&addr, &m.id, view["deputy_key"].as_str().unwrap()).await;
    assert_eq!(deputy.role.as_deref(), Some("deputy"));
    deputy.join("social_services", None).await;

    // The deputy link is a deputy, not the holder.
    assert_eq!(
        deputy.refused(json!({"type":"next_item"})).await,
        "not_chair"
    );
    assert!(deputy.room().may_take_over(&shared::room::Actor {
        role: shared::domain::Role::Deputy,
        participant: Some(participant_id(&deputy)),
    }));

    // The minutes say who held the chair controls: handed to Vammaispalvelut and back, in
    // order, people named by their service only.
    chair.ok(json!({"type":"end_meeting"})).await;
    let (status, body) = minutes(&server, &m, "json").await;
    assert_eq!(status, 200, "{body}");
    let json: Value = serde_json::from_str(&body).unwrap();
    let changes = json["chair_changes"].as_array().expect("chair_changes");
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0]["to_service"], "disability");
    assert_eq!(
        changes[1]["to_service"],
        Value::Null,
        "back to the chair link"
    );
    assert!(changes.iter().all(|c| c["taken_over"] == false));
    let line = chair_line(&server, &m).await;
    assert!(
        line.contains("Vammaispalvelut (luovutettu); ")
            && line.ends_with("puheenjohtajan linkki (luovutettu)"),
        "{line}"
    );
    let (_, html) = minutes(&server, &m, "html").await;
    assert!(html.contains("<dt>Puheenjohdon vaihdot</dt>"));
}

#[tokio::test]
async fn a_scribe_records_outcomes_and_a_participant_without_the_role_is_not_allowed() {
    let server = Server::start(&["--grace-secs", "1"]);
    let addr = server.addr.clone();
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let mut scribe = m.participant_joined(&addr, "social_services").await;
    let mut p = m.participant_joined(&addr, "kela").await;
    p.ok(submit(
        "Asunnottomuus ja päihteet",
        "",
        "Mistä tuettu asunto?",
        &[],
    ))
    .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    let outcome = |advice: &str| json!({"type":"record_outcome","item":"i1","outcome":{"advice":advice,"next_steps":"Palaa seurantaan"}});

    assert_eq!(
        scribe.refused(outcome("Asumisneuvonta mukaan")).await,
        "not_allowed",
        "not yet the scribe"
    );
    assert_eq!(
        p.refused(json!({"type":"name_scribe","participant":participant_id(&p)}))
            .await,
        "not_chair"
    );
    chair
        .ok(json!({"type":"name_scribe","participant":participant_id(&scribe)}))
        .await;
    let scribe_id = participant_id(&scribe);
    scribe
        .wait_state(|s| s.roles.scribe.as_ref() == Some(&scribe_id))
        .await;

    // The scribe records, through the same guard; the others still may not.
    let refused = scribe
        .request(outcome("Soita asiakkaalle 040 1234567"))
        .await;
    assert_eq!(refused["code"], "identifier_found", "{refused}");
    scribe.ok(outcome("Asumisneuvonta mukaan")).await;
    assert_eq!(p.refused(outcome("Toinen näkemys")).await, "not_allowed");
    assert_eq!(
        scribe.refused(json!({"type":"next_item"})).await,
        "not_chair",
        "the scribe records; the chair runs the agenda"
    );
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut scribe, &mut p]).await;
    let item = state.item(&"i1".into()).unwrap();
    assert_eq!(
        item.outcome.as_ref().unwrap().advice,
        "Asumisneuvonta mukaan"
    );

    // The chair takes the role back: the scribe is a participant again.
    chair.ok(json!({"type":"revoke_scribe"})).await;
    assert_eq!(
        scribe.refused(outcome("Myöhäinen lisäys")).await,
        "not_allowed"
    );
    chair.ok(outcome("Puheenjohtajan täydennys")).await;
    obs.drain(Duration::from_millis(200)).await;
    let kinds: Vec<String> = obs
        .received
        .iter()
        .filter(|x| x["type"] == "event")
        .map(|x| x["event"]["kind"].as_str().unwrap().to_owned())
        .collect();
    for k in ["scribe_named", "outcome_recorded", "scribe_revoked"] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }
    let named: EventKind = serde_json::from_value(events(&obs, "scribe_named")[0].clone())
        .map(|e: shared::room::Event| e.kind)
        .unwrap();
    assert_eq!(
        named,
        EventKind::ScribeNamed {
            participant: participant_id(&scribe)
        }
    );
}
