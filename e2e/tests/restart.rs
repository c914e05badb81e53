//! The server is killed with SIGKILL mid-meeting and restarted on the same database and port:
//! every acknowledged change survives, the room state is exactly what it was (deadlines,
//! hands, presence included), and reconnecting clients that send their last `{epoch, seq}` get
//! exactly the events they missed — none when they were current — while a client with an
//! unknown epoch or an impossible position gets a snapshot. People who do not come back leave
//! after the grace period; people who do come back cause no leave/join flicker.

use e2e::{assert_in_step, participant_id, submit, Client, Meeting, Server};
use serde_json::json;
use shared::domain::{ItemStatus, Phase};
use shared::ids::{ItemId, ParticipantId};
use shared::protocol::Position;
use std::time::Duration;

const MIN: i64 = 60_000;

/// The event seqs received since `mark`.
fn event_seqs(c: &Client, mark: usize) -> Vec<u64> {
    c.received[mark..]
        .iter()
        .filter(|m| m["type"] == "event")
        .map(|m| m["event"]["seq"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn after_sigkill_clients_resume_with_exactly_the_missed_events_and_the_same_state() {
    // Grace long enough for every reconnect below, short enough to watch it expire.
    let mut server = Server::start(&["--grace-secs", "3"]);
    let m = Meeting::create(&server).await;
    let addr = server.addr.clone();
    let mut obs = m.chair(&addr).await;
    let mut chair = m.chair(&addr).await;
    chair.join("health_station", Some("Pj")).await;
    let mut kela = m.participant_joined(&addr, "kela").await;
    let mut social = m.participant_joined(&addr, "social_services").await;
    let mut rehab = m.participant_joined(&addr, "rehabilitation").await;
    kela.ok(submit(
        "Toimeentulo ja kuntoutus",
        "Etuudet katkolla.",
        "Kuka hoitaa?",
        &["kela"],
    ))
    .await;
    social
        .ok(submit(
            "Asunnoton nuori aikuinen",
            "",
            "Mistä asunto?",
            &["social_services"],
        ))
        .await;
    kela.ok(submit(
        "Ikääntyneen kotiutus",
        "",
        "Riittääkö kotihoito?",
        &[],
    ))
    .await;
    chair.ok(json!({"type":"confirm_agenda"})).await;
    chair.ok(json!({"type":"start_item","item":"i2"})).await;
    chair.ok(json!({"type":"extend","minutes":3})).await;
    kela.ok(json!({"type":"raise_hand"})).await;
    rehab.ok(json!({"type":"raise_hand"})).await;
    let (before, seq) = assert_in_step(
        &mut obs,
        &mut [&mut chair, &mut kela, &mut social, &mut rehab],
    )
    .await;
    assert_eq!(before.phase, Phase::Running);
    assert_eq!(before.hands.len(), 2);
    let epoch = obs.epoch.clone().unwrap();

    // Everyone's connection dies with the process.
    let (chair_s, kela_s, social_s, rehab_s) = (
        chair.hang_up(),
        kela.hang_up(),
        social.hang_up(),
        rehab.hang_up(),
    );
    drop(obs);
    server.kill9();
    server.restart();
    assert_eq!(server.addr, addr, "same port");

    // The chair was current: it gets no snapshot and no events, and its copy is the room.
    let mut chair = Client::resume(&addr, &m.id, &m.chair_key, &chair_s).await;
    assert_eq!(
        chair.types_since(0),
        ["welcome"],
        "a current client gets only its welcome"
    );
    assert_eq!(
        chair.epoch.as_deref(),
        Some(epoch.as_str()),
        "same history after a restart"
    );
    let joined = chair.rejoin("health_station", Some("Pj")).await;
    assert_eq!(
        joined["participant_id"].as_str(),
        Some(participant_id(&chair).as_str())
    );
    let mut obs = m.chair(&addr).await;
    let (after, seq_after) = assert_in_step(&mut obs, &mut [&mut chair]).await;
    assert_eq!(
        seq_after, seq,
        "every acknowledged change survived, and rejoining added nothing"
    );
    assert_eq!(
        after, before,
        "the room is exactly what it was, deadline and hands included"
    );

    // Kela comes back too; then a change happens while social services is still away.
    let mut kela = Client::resume(&addr, &m.id, &m.participant_key, &kela_s).await;
    assert_eq!(kela.types_since(0), ["welcome"]);
    kela.rejoin("kela", None).await;
    chair.ok(json!({"type":"extend","minutes":2})).await;
    kela.ok(json!({"type":"lower_hand"})).await;
    let (_, now_seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut kela]).await;
    assert_eq!(now_seq, seq + 2);

    // Social services missed exactly those two events and gets exactly them, no snapshot.
    let mut social = Client::resume(&addr, &m.id, &m.participant_key, &social_s).await;
    assert_eq!(social.types_since(0), ["welcome", "event", "event"]);
    assert_eq!(event_seqs(&social, 0), [seq + 1, seq + 2]);
    social.rejoin("social_services", None).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut kela, &mut social]).await;
    assert_eq!(
        state.current.as_ref().unwrap().deadline,
        before.current.as_ref().unwrap().deadline + 2 * MIN
    );

    // A client with an epoch the server does not know, or a position it cannot have, gets a
    // snapshot.
    for last in [
        Position {
            epoch: "not-an-epoch".into(),
            seq: 3,
        },
        Position {
            epoch: epoch.clone(),
            seq: now_seq + 5,
        },
    ] {
        let mut stranger = Client::connect(&addr, &m.id).await;
        stranger
            .send_raw(
                &json!({"type":"hello","v":1,"key":m.participant_key,"last":last}).to_string(),
            )
            .await;
        assert_eq!(stranger.next().await["type"], "welcome");
        let snap = stranger.next().await;
        assert_eq!(snap["type"], "snapshot", "{last:?} gets a snapshot");
        assert_eq!(stranger.room(), &state);
        assert_eq!(stranger.seq, now_seq);
    }

    // Rehabilitation never came back: it leaves once the grace period after the restart ends;
    // nobody who came back flickers.
    let mark = chair.received.len();
    let rehab_id = ParticipantId(rehab_s.participant_id.clone().unwrap());
    chair
        .wait_state(|s| !s.participant(&rehab_id).unwrap().present)
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    chair.drain(Duration::from_millis(100)).await;
    assert_eq!(
        chair.event_kinds_since(mark),
        ["participant_left"],
        "only the absent one left"
    );
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut kela, &mut social]).await;
    assert!(
        state.hands.iter().all(|h| h.participant != rehab_id),
        "the absent one's hand went down"
    );
    for c in [&chair, &kela, &social] {
        assert!(state.participant(&participant_id(c)).unwrap().present);
    }
}

#[tokio::test]
async fn a_paused_item_keeps_its_clock_exactly_across_a_restart() {
    let mut server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let addr = server.addr.clone();
    let mut chair = m.chair_joined(&addr, "health_station").await;
    chair
        .ok(submit("Monisairas työikäinen", "", "Kuka koordinoi?", &[]))
        .await;
    chair
        .ok(submit("Päihteet ja asuminen", "", "Asumispalvelu?", &[]))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"pause"})).await;
    let before = chair.room().clone();
    let paused = before.current.clone().unwrap();
    assert!(paused.paused_at.is_some());
    let saved = chair.hang_up();

    server.kill9();
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.restart();

    let mut chair = Client::resume(&addr, &m.id, &m.chair_key, &saved).await;
    chair.rejoin("health_station", None).await;
    let (after, _) = chair.fetch_snapshot().await;
    assert_eq!(
        after, before,
        "paused clock, deadline and allotments unchanged"
    );
    // The clock still works: resuming moves the deadline by exactly the time it was paused,
    // down time included.
    chair.ok(json!({"type":"resume"})).await;
    let cur = chair.room().current.clone().unwrap();
    assert!(cur.paused_at.is_none());
    assert!(cur.paused_ms >= 200, "paused {} ms", cur.paused_ms);
    assert_eq!(cur.deadline, paused.deadline + cur.paused_ms);
    assert_eq!(cur.started_at, paused.started_at);
    let (fresh, _) = chair.fetch_snapshot().await;
    assert_eq!(
        fresh.item(&ItemId::from("i1")).unwrap().status,
        ItemStatus::Presenting
    );
    assert_eq!(fresh.current, Some(cur));
}

#[tokio::test]
async fn an_ended_meeting_stays_ended_after_a_restart() {
    let mut server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let addr = server.addr.clone();
    let mut chair = m.chair_joined(&addr, "health_station").await;
    chair
        .ok(submit("Yksinäinen ikääntynyt", "", "Mistä seuraa?", &[]))
        .await;
    chair
        .ok(submit(
            "Lapsiperheen toimeentulo",
            "",
            "Kela vai sosiaalityö?",
            &[],
        ))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"end_meeting"})).await;
    let before = chair.room().clone();
    assert_eq!(before.phase, Phase::Ended);
    server.kill9();
    server.restart();
    let mut chair = m.chair(&addr).await;
    assert_eq!(chair.room(), &before);
    assert_eq!(
        chair
            .refused(json!({"type":"start_item","item":"i2"}))
            .await,
        "wrong_state"
    );
}

#[tokio::test]
async fn a_room_unloaded_while_idle_comes_back_exactly_as_it_was() {
    let server = Server::start(&["--grace-secs", "1", "--idle-secs", "1"]);
    let m = Meeting::create(&server).await;
    let addr = server.addr.clone();
    let mut chair = m.chair_joined(&addr, "health_station").await;
    chair
        .ok(submit("Kotihoidon riittävyys", "", "Mitä lisää?", &[]))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair.ok(json!({"type":"leave"})).await;
    let saved = chair.hang_up();
    let live = || async {
        let health: serde_json::Value = reqwest::get(format!("{}/api/health", server.http()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        health["live_rooms"].as_u64().unwrap()
    };
    let mut waited = 0;
    while live().await > 0 {
        assert!(waited < 50, "the idle room was never unloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    // Loaded again from the log: same history, nothing missed, same state.
    let chair = Client::resume(&addr, &m.id, &m.chair_key, &saved).await;
    assert_eq!(chair.types_since(0), ["welcome"]);
    assert_eq!(chair.room(), saved.state.as_ref().unwrap());
    let fresh = m.chair(&addr).await;
    assert_eq!(fresh.room(), chair.room());
    assert_eq!(fresh.seq, saved.seq);
}
