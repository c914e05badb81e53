//! A whole PPT meeting, end to end, as the people in it notice it: a chair and professionals of
//! different services join, bring cases, and the chair runs the hour (confirm, reorder, start,
//! hands, extend, pause, next, outcome, defer, end). After every step every client's copy of the
//! room equals the others' and a fresh snapshot from the server. Representation follows joins,
//! leaves and the reconnect grace period. The server's debug log never contains what was said
//! about a case.

use e2e::fixtures::DEMO_SERVICES;
use e2e::{assert_in_step, observed_meeting, participant_id, submit, Client, Meeting, Server};
use serde_json::json;
use shared::domain::{ItemStatus, Outcome, Phase, Representation};
use shared::ids::{ItemId, ParticipantId, ServiceId};
use shared::room::RoomState;
use std::time::{Duration, Instant};

const MIN: i64 = 60_000;

fn people(state: &RoomState, service: &str) -> u32 {
    let rep = state.representation();
    rep.services
        .iter()
        .find(|s| s.service.as_str() == service)
        .expect("service in catalogue")
        .people
}

fn ids(list: &[ServiceId]) -> Vec<&str> {
    list.iter().map(|s| s.as_str()).collect()
}

fn status(state: &RoomState, item: &str) -> ItemStatus {
    state.item(&ItemId::from(item)).expect("item").status
}

// Case texts; the log must never contain any of them.
const A_TITLE: &str = "Iäkäs asiakas, toistuvat päivystyskäynnit";
const A_SUMMARY: &str =
    "Yli 80-vuotias asuu yksin, kaatuilee kotona ja soittaa päivystykseen viikoittain.";
const A_QUESTION: &str = "Kuka ottaa kokonaisuuden koordinoitavaksi?";
const B_TITLE: &str = "Nuorten asunnottomuus lisääntynyt alueella";
const B_SUMMARY: &str = "Sohvasurffaajia ohjautuu aikuissosiaalityöhön aiempaa enemmän.";
const B_QUESTION: &str = "Miten asumisneuvonta saadaan mukaan aiemmin?";
const C_TITLE: &str = "Psykoosin jälkeinen kuntoutuminen ja toimeentulo";
const C_SUMMARY: &str = "Kolmekymppinen, kotiutunut osastolta, Kelan etuudet katkenneet.";
const C_QUESTION: &str = "Mistä kuntoutus ja toimeentulo yhtä aikaa?";
const D_TITLE: &str = "Lapsiperheen tukiverkko hajoamassa";
const D_SUMMARY: &str = "Yksinhuoltaja uupunut, lastensuojelun asiakkuus vireillä.";
const D_QUESTION: &str = "Mitä perhekeskus voi tarjota heti?";
const OUTCOME_ADVICE: &str = "Kuntoutusohjaaja ja etuuskäsittelijä yhteiseen tapaamiseen";
const OUTCOME_NEXT: &str = "Omatiimi kutsuu koolle kahden viikon sisällä";

#[tokio::test]
async fn a_whole_meeting_runs_and_every_client_sees_the_same_room() {
    let server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let addr = server.addr.clone();
    // A second chair tab that never joins: it only asks for fresh snapshots.
    let mut obs = m.chair(&addr).await;

    // --- People join; representation follows. ---
    let mut chair = m.chair(&addr).await;
    chair.join("health_station", Some("Puheenjohtaja")).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair]).await;
    assert_eq!(
        ids(&state.representation().present_required),
        ["health_station"]
    );
    assert_eq!(state.representation().missing_required.len(), 8);

    let mut kela = m.participant(&addr).await;
    assert_eq!(kela.role.as_deref(), Some("participant"));
    kela.join("kela", None).await;
    let mut social = m.participant(&addr).await;
    social
        .join("social_services", Some("Aikuissosiaalityö"))
        .await;
    let mut psy = m.participant_joined(&addr, "psychiatry_substance").await;
    let mut kela2 = m.participant_joined(&addr, "kela").await;

    let (state, _) = assert_in_step(
        &mut obs,
        &mut [&mut chair, &mut kela, &mut social, &mut psy, &mut kela2],
    )
    .await;
    let rep = state.representation();
    assert_eq!(
        ids(&rep.present_required),
        [
            "health_station",
            "psychiatry_substance",
            "social_services",
            "kela"
        ],
        "present required services in catalogue order"
    );
    assert_eq!(
        ids(&rep.missing_required),
        [
            "rehabilitation",
            "oral_health",
            "elderly_guidance",
            "disability",
            "support"
        ]
    );
    assert_eq!(people(&state, "kela"), 2, "two Kela people counted");
    assert_eq!(people(&state, "health_station"), 1);
    assert_eq!(people(&state, "oral_health"), 0);
    // The snapshot's own representation (for clients without the shared rules) agrees.
    let snap = obs
        .received
        .iter()
        .rev()
        .find(|m| m["type"] == "snapshot")
        .unwrap();
    let sent: Representation = serde_json::from_value(snap["representation"].clone()).unwrap();
    assert_eq!(sent, rep);
    let chair_p = state.participant(&participant_id(&chair)).unwrap();
    assert_eq!(chair_p.role, shared::domain::Role::Chair);
    assert_eq!(chair_p.display_name.as_deref(), Some("Puheenjohtaja"));
    assert_eq!(
        state.participant(&participant_id(&kela)).unwrap().role,
        shared::domain::Role::Participant
    );

    // --- Cases come in from three services. ---
    kela.ok(submit(
        A_TITLE,
        A_SUMMARY,
        A_QUESTION,
        &["elderly_guidance", "health_station"],
    ))
    .await;
    social
        .ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":B_TITLE,"summary":B_SUMMARY,
            "question":B_QUESTION,"services_wanted":["social_services"],"themes":["homelessness","social_problems"]}}))
        .await;
    psy.ok(submit(
        C_TITLE,
        C_SUMMARY,
        C_QUESTION,
        &["rehabilitation", "kela"],
    ))
    .await;
    let mut everyone = [&mut chair, &mut kela, &mut social, &mut psy, &mut kela2];
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    assert_eq!(state.items.len(), 3);
    let a = state.item(&ItemId::from("i1")).unwrap();
    assert_eq!(
        (a.title.as_str(), a.presenter_service.as_str()),
        (A_TITLE, "kela")
    );
    assert_eq!(a.presenter, participant_id(everyone[1]));
    assert_eq!(a.status, ItemStatus::Queued);
    assert_eq!(state.phase, Phase::Open);

    // --- The chair announces: "3 cases, about M minutes each". ---
    everyone[0].ok(json!({"type":"confirm_agenda"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let conf = state.confirmed.clone().expect("agenda confirmed");
    assert_eq!(conf.items, 3);
    let left = state.meeting.ends_at - conf.at.max(state.meeting.starts_at);
    let shares: Vec<i64> = state
        .queued()
        .map(|i| i.allotted_ms.expect("allotted"))
        .collect();
    assert_eq!(shares.len(), 3);
    assert_eq!(
        shares.iter().sum::<i64>(),
        left / 1000 * 1000,
        "the shares fill exactly the time left"
    );
    assert!(
        shares.iter().max().unwrap() - shares.iter().min().unwrap() <= 1000,
        "equal shares: {shares:?}"
    );
    assert_eq!(conf.each_ms, *shares.iter().min().unwrap());
    assert!(
        (19..=20).contains(&(conf.each_ms / MIN)),
        "about 20 minutes each: {}",
        conf.each_ms
    );

    // --- Reorder: C first. ---
    everyone[0]
        .ok(json!({"type":"reorder","order":["i3","i1","i2"]}))
        .await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let order: Vec<&str> = state.queued().map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["i3", "i1", "i2"]);

    // --- Start C: the remaining time is divided again. ---
    everyone[0]
        .ok(json!({"type":"start_item","item":"i3"}))
        .await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    assert_eq!(state.phase, Phase::Running);
    let cur = state.current.clone().expect("an item on the floor");
    assert_eq!(cur.item.as_str(), "i3");
    assert_eq!(status(&state, "i3"), ItemStatus::Presenting);
    let c_allotted = state.item(&cur.item).unwrap().allotted_ms.unwrap();
    assert_eq!(cur.deadline, cur.started_at + c_allotted);
    let total: i64 = state.items.iter().filter_map(|i| i.allotted_ms).sum();
    assert_eq!(
        total,
        (state.meeting.ends_at - cur.started_at) / 1000 * 1000
    );
    assert_eq!(state.started_at, Some(cur.started_at));

    // --- Hands: the chair sees them in the order they went up. ---
    let [chair, kela, social, psy, kela2] = everyone;
    kela.ok(json!({"type":"raise_hand"})).await;
    psy.ok(json!({"type":"raise_hand"})).await;
    social.ok(json!({"type":"raise_hand"})).await;
    let again = kela.ok(json!({"type":"raise_hand"})).await;
    assert!(
        again.get("seq").is_none(),
        "raising a raised hand changes nothing: {again}"
    );
    let mut everyone = [chair, kela, social, psy, kela2];
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let queue: Vec<ParticipantId> = state.hands.iter().map(|h| h.participant.clone()).collect();
    assert_eq!(
        queue,
        [
            participant_id(everyone[1]),
            participant_id(everyone[3]),
            participant_id(everyone[2])
        ]
    );
    assert!(state
        .hands
        .windows(2)
        .all(|w| w[0].raised_at <= w[1].raised_at));
    // Lowering one's own hand keeps the others' order; the chair lowers anyone's.
    everyone[3].ok(json!({"type":"lower_hand"})).await;
    let kela_id = participant_id(everyone[1]);
    assert_eq!(
        everyone[2]
            .refused(json!({"type":"lower_hand","participant":kela_id}))
            .await,
        "not_chair"
    );
    everyone[0]
        .ok(json!({"type":"lower_hand","participant":kela_id}))
        .await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let queue: Vec<ParticipantId> = state.hands.iter().map(|h| h.participant.clone()).collect();
    assert_eq!(queue, [participant_id(everyone[2])]);

    // --- Extend moves the deadline by exactly the minutes given. ---
    let before = state.current.clone().unwrap();
    everyone[0].ok(json!({"type":"extend","minutes":5})).await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let after = state.current.clone().unwrap();
    assert_eq!(after.deadline, before.deadline + 5 * MIN);
    assert_eq!(
        state.item(&after.item).unwrap().allotted_ms,
        Some(c_allotted + 5 * MIN)
    );

    // --- Pause and resume: the deadline moves by the paused time. ---
    everyone[0].ok(json!({"type":"pause"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    assert!(state.current.as_ref().unwrap().paused_at.is_some());
    tokio::time::sleep(Duration::from_millis(30)).await;
    everyone[0].ok(json!({"type":"resume"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let resumed = state.current.clone().unwrap();
    assert!(resumed.paused_at.is_none());
    assert!(
        resumed.paused_ms >= 30,
        "paused for {} ms",
        resumed.paused_ms
    );
    assert_eq!(resumed.deadline, after.deadline + resumed.paused_ms);

    // --- Next: C is done, A (next in the queue) takes the floor, hands are cleared. ---
    everyone[0].ok(json!({"type":"next_item"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let c = state.item(&ItemId::from("i3")).unwrap();
    assert_eq!(c.status, ItemStatus::Done);
    assert!(c.used_ms.is_some_and(|u| u >= 0));
    assert!(!c.overran);
    assert_eq!(state.current.as_ref().unwrap().item.as_str(), "i1");
    assert!(state.hands.is_empty());

    // --- The outcome of C is recorded. ---
    let outcome = json!({"advice":OUTCOME_ADVICE,"next_steps":OUTCOME_NEXT,
        "services_to_involve":["rehabilitation","kela","rehabilitation"],"follow_up":true});
    everyone[0]
        .ok(json!({"type":"record_outcome","item":"i3","outcome":outcome}))
        .await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    assert_eq!(
        state.item(&ItemId::from("i3")).unwrap().outcome,
        Some(Outcome {
            advice: OUTCOME_ADVICE.into(),
            next_steps: OUTCOME_NEXT.into(),
            services_to_involve: vec![ServiceId::from("rehabilitation"), ServiceId::from("kela")],
            follow_up: true,
        })
    );

    // --- A is deferred from the floor to the next meeting. ---
    everyone[0]
        .ok(json!({"type":"defer_item","item":"i1"}))
        .await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    let a = state.item(&ItemId::from("i1")).unwrap();
    assert_eq!(a.status, ItemStatus::Deferred);
    assert!(a.used_ms.is_some(), "the time A used is kept");
    // Deferring the item on the floor starts the next queued one (B).
    assert_eq!(state.current.as_ref().unwrap().item.as_str(), "i2");
    assert_eq!(state.phase, Phase::Running);

    // --- A late case comes in while B runs; the chair ends the meeting. ---
    everyone[4]
        .ok(submit(D_TITLE, D_SUMMARY, D_QUESTION, &[]))
        .await;
    everyone[0].ok(json!({"type":"end_meeting"})).await;
    let (state, seq) = assert_in_step(&mut obs, &mut everyone).await;
    assert_eq!(state.phase, Phase::Ended);
    assert!(state.ended_at.is_some());
    assert!(state.current.is_none() && state.hands.is_empty());
    assert_eq!(
        status(&state, "i2"),
        ItemStatus::Done,
        "the item on the floor is finished"
    );
    let d = state.item(&ItemId::from("i4")).unwrap();
    assert_eq!(
        d.status,
        ItemStatus::Deferred,
        "the queued case goes to the next meeting"
    );
    assert_eq!(d.used_ms, None);
    assert_eq!(status(&state, "i1"), ItemStatus::Deferred);
    assert_eq!(status(&state, "i3"), ItemStatus::Done);

    // --- After the end nothing moves. ---
    for cmd in [
        json!({"type":"start_item","item":"i4"}),
        json!({"type":"next_item"}),
        json!({"type":"confirm_agenda"}),
        json!({"type":"end_meeting"}),
    ] {
        assert_eq!(everyone[0].refused(cmd).await, "wrong_state");
    }
    assert_eq!(
        everyone[1]
            .refused(submit("Myöhäinen tapaus", "", "Ehtiikö vielä?", &[]))
            .await,
        "wrong_state"
    );
    assert_eq!(
        everyone[2].refused(json!({"type":"raise_hand"})).await,
        "wrong_state"
    );
    let mut late = m.participant(&addr).await;
    assert_eq!(
        late.refused(json!({"type":"join","service":"oral_health"}))
            .await,
        "wrong_state"
    );
    let (after_end, seq2) = assert_in_step(&mut obs, &mut everyone).await;
    assert_eq!(
        (seq2, &after_end),
        (seq, &state),
        "refused commands changed nothing"
    );
    // The minutes can still be completed: an outcome for the last case.
    everyone[0]
        .ok(json!({"type":"record_outcome","item":"i2","outcome":{"advice":"Asumisneuvonta mukaan","follow_up":false}}))
        .await;
    let (state, _) = assert_in_step(&mut obs, &mut everyone).await;
    assert!(state.item(&ItemId::from("i2")).unwrap().outcome.is_some());

    // --- Privacy: nothing said about a case reached the log, though events were logged. ---
    let log = server.log_text();
    assert!(
        log.contains("item_submitted"),
        "the debug log was captured:\n{log}"
    );
    for text in [
        A_TITLE,
        A_SUMMARY,
        A_QUESTION,
        B_TITLE,
        B_SUMMARY,
        B_QUESTION,
        C_TITLE,
        C_SUMMARY,
        C_QUESTION,
        D_TITLE,
        D_SUMMARY,
        D_QUESTION,
        OUTCOME_ADVICE,
        OUTCOME_NEXT,
        "Myöhäinen tapaus",
        "Asumisneuvonta mukaan",
    ] {
        assert!(!log.contains(text), "the log contains case text {text:?}");
    }
    assert!(
        !log.contains("Aikuissosiaalityö"),
        "the log contains a display name"
    );
}

#[tokio::test]
async fn representation_follows_joins_leaves_and_the_grace_period() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let addr = server.addr.clone();

    // Explicit leave: the service is missing at once.
    let mut social = m.participant_joined(&addr, "social_services").await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut social]).await;
    assert_eq!(people(&state, "social_services"), 1);
    let ack = social.ok(json!({"type":"leave"})).await;
    assert!(ack["seq"].is_u64(), "leaving is an event: {ack}");
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut social]).await;
    assert_eq!(people(&state, "social_services"), 0);
    assert!(ids(&state.representation().missing_required).contains(&"social_services"));
    assert!(!state.participant(&participant_id(&social)).unwrap().present);

    // A lost connection: still present during the grace period, gone after it.
    let mut kela = m.participant_joined(&addr, "kela").await;
    let kela_id = participant_id(&kela);
    assert_in_step(&mut obs, &mut [&mut chair, &mut kela]).await;
    let lost_at = Instant::now();
    let kela_saved = kela.hang_up();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair]).await;
    assert!(
        state.participant(&kela_id).unwrap().present,
        "within the grace period Kela still counts"
    );
    assert_eq!(people(&state, "kela"), 1);
    chair
        .wait_state(|s| !s.participant(&kela_id).unwrap().present)
        .await;
    let waited = lost_at.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "left after {waited:?}, before the 1 s grace"
    );
    assert!(
        waited < Duration::from_secs(5),
        "left only after {waited:?}"
    );
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair]).await;
    assert_eq!(people(&state, "kela"), 0);
    assert!(ids(&state.representation().missing_required).contains(&"kela"));

    // A reconnect within the grace period with the secret: the same participant, no leave/join
    // flicker, no snapshot, and still present after the grace period has passed.
    let mut psy = m.participant(&addr).await;
    psy.join("psychiatry_substance", Some("Psyk. sairaanhoitaja"))
        .await;
    let psy_id = participant_id(&psy);
    let (_, seq_before) = assert_in_step(&mut obs, &mut [&mut chair, &mut psy]).await;
    let mark = chair.received.len();
    let saved = psy.hang_up();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut psy = Client::resume(&addr, &m.id, &m.participant_key, &saved).await;
    assert!(
        !psy.types_since(0).contains(&"snapshot".to_owned()),
        "a current client gets no snapshot: {:?}",
        psy.types_since(0)
    );
    let joined = psy
        .rejoin("psychiatry_substance", Some("Psyk. sairaanhoitaja"))
        .await;
    assert_eq!(joined["participant_id"].as_str(), Some(psy_id.as_str()));
    // A second tab of the same person, then that tab is closed: still one person, present.
    let mut tab2 = Client::resume(&addr, &m.id, &m.participant_key, &saved).await;
    tab2.rejoin("psychiatry_substance", Some("Psyk. sairaanhoitaja"))
        .await;
    let _ = tab2.hang_up();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (state, seq_after) = assert_in_step(&mut obs, &mut [&mut chair, &mut psy]).await;
    assert_eq!(
        chair.event_kinds_since(mark),
        Vec::<String>::new(),
        "no leave/join flicker"
    );
    assert_eq!(seq_after, seq_before);
    assert!(state.participant(&psy_id).unwrap().present);
    assert_eq!(people(&state, "psychiatry_substance"), 1);

    // Switching service with the same secret moves the person at once: no leave, no double count.
    let mark = chair.received.len();
    psy.rejoin("support", Some("Psyk. sairaanhoitaja")).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut psy]).await;
    assert_eq!(chair.event_kinds_since(mark), ["participant_joined"]);
    assert_eq!(
        (
            people(&state, "psychiatry_substance"),
            people(&state, "support")
        ),
        (0, 1)
    );
    assert_eq!(
        state.participant(&psy_id).unwrap().service.as_str(),
        "support"
    );

    // Coming back after the grace period is a join again, with the same participant id.
    let mut kela = Client::resume(&addr, &m.id, &m.participant_key, &kela_saved).await;
    let joined = kela.rejoin("kela", None).await;
    assert_eq!(joined["participant_id"].as_str(), Some(kela_id.as_str()));
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut kela]).await;
    assert!(state.participant(&kela_id).unwrap().present);
    assert_eq!(
        state
            .participants
            .iter()
            .filter(|p| p.service.as_str() == "kela")
            .count(),
        1,
        "not counted twice"
    );
}

#[tokio::test]
async fn simultaneous_submissions_and_hands_are_ordered_the_same_for_everyone() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let addr = server.addr.clone();
    // Everyone but the chair's own service.
    let services = &DEMO_SERVICES[1..];
    let mut people = Vec::new();
    for &s in services {
        people.push(m.participant_joined(&addr, s).await);
    }
    let acks = futures_util::future::join_all(people.iter_mut().enumerate().map(|(i, c)| {
        c.ok(submit(
            &format!("Tapaus numero {i}"),
            "",
            "Mitä tehdään?",
            &[],
        ))
    }))
    .await;
    let mut seqs: Vec<u64> = acks.iter().map(|a| a["seq"].as_u64().unwrap()).collect();
    seqs.sort();
    seqs.dedup();
    assert_eq!(
        seqs.len(),
        services.len(),
        "every submission is its own event"
    );
    let mut all: Vec<&mut Client> = people.iter_mut().collect();
    all.push(&mut chair);
    let (state, _) = assert_in_step(&mut obs, &mut all).await;
    let mut item_ids: Vec<&str> = state.items.iter().map(|i| i.id.as_str()).collect();
    item_ids.sort();
    item_ids.dedup();
    assert_eq!(item_ids.len(), services.len(), "distinct item ids");
    let rep = state.representation();
    assert!(
        rep.missing_required.is_empty(),
        "every required service is here: {rep:?}"
    );

    chair.ok(json!({"type":"confirm_agenda"})).await;
    chair.ok(json!({"type":"next_item"})).await;
    futures_util::future::join_all(
        people
            .iter_mut()
            .map(|c| c.ok(json!({"type":"raise_hand"}))),
    )
    .await;
    let mut all: Vec<&mut Client> = people.iter_mut().collect();
    all.push(&mut chair);
    let (state, _) = assert_in_step(&mut obs, &mut all).await;
    assert_eq!(state.hands.len(), services.len());
    assert!(
        state
            .hands
            .windows(2)
            .all(|w| w[0].raised_at <= w[1].raised_at),
        "hands in the order they went up"
    );
}

/// `ms` since the epoch as RFC 3339 UTC (whole seconds).
fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if mo <= 2 { 1 } else { 0 };
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[tokio::test]
async fn an_item_past_its_time_is_marked_overrunning_for_everyone_without_anyone_acting() {
    let mut server = Server::start(&["--grace-secs", "2"]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    // A 10-minute meeting that started 9 min 57 s ago: about 3 seconds are left.
    let m = Meeting::create_with(&server, json!({"centre_id":"kalasatama","starts_at":rfc3339(now - 10 * MIN + 3_000),"duration_min":10})).await;
    let addr = server.addr.clone();
    let mut obs = m.chair(&addr).await;
    let mut chair = m.chair_joined(&addr, "health_station").await;
    let mut p = m.participant_joined(&addr, "kela").await;
    p.ok(submit(
        "Pitkittynyt sairausloma",
        "",
        "Mitä kuntoutusta?",
        &[],
    ))
    .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut p]).await;
    let allotted = state
        .item(&ItemId::from("i1"))
        .unwrap()
        .allotted_ms
        .unwrap();
    assert!(
        (1_000..=3_000).contains(&allotted),
        "a late start has only the time left: {allotted}"
    );
    assert!(!state.item(&ItemId::from("i1")).unwrap().overran && !state.meeting_overran);

    // Nobody does anything; the server's clock marks the item and the meeting.
    p.wait_state(|s| s.item(&ItemId::from("i1")).unwrap().overran && s.meeting_overran)
        .await;
    let (before, seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut p]).await;
    let cur = before.current.clone().unwrap();
    let overran_at = p
        .received
        .iter()
        .find(|m| m["event"]["kind"] == "item_overran")
        .map(|m| m["event"]["at"].as_i64().unwrap())
        .expect("an item_overran event");
    assert!(
        overran_at >= cur.deadline,
        "marked at {overran_at}, deadline {}",
        cur.deadline
    );

    // After a restart it is still overrunning, and the clock does not announce it twice.
    let (chair_s, p_s) = (chair.hang_up(), p.hang_up());
    drop(obs);
    server.kill9();
    server.restart();
    let mut chair = Client::resume(&addr, &m.id, &m.chair_key, &chair_s).await;
    chair.rejoin("health_station", None).await;
    let mut p = Client::resume(&addr, &m.id, &m.participant_key, &p_s).await;
    p.rejoin("kela", None).await;
    let mut obs = m.chair(&addr).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (after, seq_after) = assert_in_step(&mut obs, &mut [&mut chair, &mut p]).await;
    assert_eq!((seq_after, &after), (seq, &before));

    // Extending gives the item time again: no longer overrunning.
    chair.ok(json!({"type":"extend","minutes":1})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut p]).await;
    assert!(!state.item(&ItemId::from("i1")).unwrap().overran);
    assert!(
        state.meeting_overran,
        "the meeting itself is still over time"
    );
    chair.ok(json!({"type":"next_item"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut p]).await;
    let item = state.item(&ItemId::from("i1")).unwrap();
    assert_eq!(item.status, ItemStatus::Done);
    assert!(
        item.used_ms.unwrap() > allotted,
        "used {:?} of {allotted}",
        item.used_ms
    );
}
