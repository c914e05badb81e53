//! Only the chair runs the meeting. The participant link cannot run a single chair command:
//! each one, sent at a moment when the chair could run it, is refused with `not_chair` (an
//! outcome, which a scribe may also record, with `not_allowed`) and
//! leaves the room exactly as it was (fresh snapshot and seq unchanged). A participant may
//! withdraw only their own queued case, and lower only their own hand.

use e2e::{assert_in_step, observed_meeting, participant_id, submit, Server};
use serde_json::{json, Value};
use shared::domain::{ItemStatus, Role};
use shared::ids::ItemId;

#[tokio::test]
async fn a_participant_cannot_run_chair_commands() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let addr = server.addr.clone();
    let mut p = m.participant(&addr).await;
    assert_eq!(p.role.as_deref(), Some("participant"));
    p.join("kela", None).await;
    let mut q = m.participant_joined(&addr, "social_services").await;
    p.ok(submit(
        "Toimeentulon katkokset",
        "",
        "Miten etuudet turvataan?",
        &[],
    ))
    .await;
    q.ok(submit(
        "Asunnottomuus ja päihteet",
        "",
        "Mistä tuettu asunto?",
        &[],
    ))
    .await;
    p.ok(submit(
        "Ikääntyneen muistisairaus",
        "",
        "Kotihoito vai palveluasuminen?",
        &[],
    ))
    .await;
    // i1 on the floor, i2 and i3 queued, q's hand up: every chair command is possible now.
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    q.ok(json!({"type":"raise_hand"})).await;
    let q_id = participant_id(&q);

    let (before, seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!(
        before.participant(&participant_id(&p)).unwrap().role,
        Role::Participant
    );
    let chair_commands: Vec<Value> = vec![
        json!({"type":"reorder","order":["i3","i2"]}),
        json!({"type":"confirm_agenda"}),
        json!({"type":"start_item","item":"i2"}),
        json!({"type":"next_item"}),
        json!({"type":"pause"}),
        json!({"type":"resume"}),
        json!({"type":"extend","minutes":5}),
        json!({"type":"defer_item","item":"i1"}),
        json!({"type":"defer_item","item":"i3"}),
        json!({"type":"end_meeting"}),
        json!({"type":"lower_hand","participant":q_id}),
    ];
    for cmd in &chair_commands {
        assert_eq!(p.refused(cmd.clone()).await, "not_chair", "{cmd}");
    }
    // Outcomes are the chair's or the scribe's (see handover.rs): anyone else is not allowed.
    let outcome = json!({"type":"record_outcome","item":"i1","outcome":{"advice":"Etuuskäsittely kiireelliseksi"}});
    assert_eq!(p.refused(outcome).await, "not_allowed");
    let (after, seq_after) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!(seq_after, seq, "no event was produced");
    assert_eq!(after, before, "the room is unchanged");

    // The same commands were possible: the chair runs them.
    for cmd in &chair_commands[..4] {
        chair.ok(cmd.clone()).await;
    }
    let (state, seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert!(seq > seq_after);
    assert_eq!(
        state.current.as_ref().unwrap().item.as_str(),
        "i3",
        "next_item started the reordered head"
    );
}

#[tokio::test]
async fn only_the_presenter_or_the_chair_can_withdraw_a_queued_case_and_hands_are_ones_own() {
    let server = Server::start(&["--grace-secs", "1"]);
    let (m, mut obs, mut chair) = observed_meeting(&server).await;
    let addr = server.addr.clone();
    let mut p = m.participant_joined(&addr, "kela").await;
    let mut q = m.participant_joined(&addr, "disability").await;
    p.ok(submit(
        "Vammaispalvelun ja Kelan rajapinta",
        "",
        "Kuka maksaa apuvälineen?",
        &[],
    ))
    .await;
    q.ok(submit(
        "Kuntoutuksen jatkuvuus",
        "",
        "Miten jatketaan?",
        &[],
    ))
    .await;
    q.ok(submit("Omaishoitajan uupuminen", "", "Mitä tukea?", &[]))
        .await;

    let (before, seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!(
        q.refused(json!({"type":"withdraw_item","item":"i1"})).await,
        "not_allowed"
    );
    let (after, seq_after) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!((seq_after, &after), (seq, &before));

    p.ok(json!({"type":"withdraw_item","item":"i1"})).await;
    chair.ok(json!({"type":"withdraw_item","item":"i2"})).await;
    let (state, _) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!(
        state.item(&ItemId::from("i1")).unwrap().status,
        ItemStatus::Withdrawn
    );
    assert_eq!(
        state.item(&ItemId::from("i2")).unwrap().status,
        ItemStatus::Withdrawn
    );
    assert_eq!(state.queued().count(), 1);

    // Hands: one's own only.
    chair.ok(json!({"type":"start_item","item":"i3"})).await;
    p.ok(json!({"type":"raise_hand"})).await;
    let (before, seq) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!(
        q.refused(json!({"type":"lower_hand","participant":participant_id(&p)}))
            .await,
        "not_chair"
    );
    // Lowering one's own hand when it is not up changes nothing either.
    let ack = q.ok(json!({"type":"lower_hand"})).await;
    assert!(ack.get("seq").is_none(), "{ack}");
    let (after, seq_after) = assert_in_step(&mut obs, &mut [&mut chair, &mut p, &mut q]).await;
    assert_eq!((seq_after, &after), (seq, &before));
    assert_eq!(after.hands.len(), 1);
}
