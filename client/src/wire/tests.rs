//! The decoder against the shared types: every event kind round-trips, unknown kinds ask for
//! a snapshot, and the other frames decode.

use super::*;
use shared::domain::*;
use shared::ids::*;
use shared::protocol::ServerMsg;
use shared::room::{Allotment, ChairHolder};

fn meeting() -> MeetingInfo {
    MeetingInfo {
        id: MeetingId::from("m1"),
        centre_id: CentreId::from("kalasatama"),
        centre_name: "Kalasatama".into(),
        title: "PPT".into(),
        starts_at: 1_000,
        ends_at: 3_601_000,
        services: default_catalogue(),
        kind: Default::default(),
    }
}

fn item() -> AgendaItem {
    serde_json::from_value(serde_json::json!({
        "id": "i1", "kind": "client_case", "title": "Iäkäs asiakas", "summary": "", "question": "Mitä?",
        "services_wanted": ["kela"], "themes": ["older_client"], "presenter": "p1",
        "presenter_service": "kela", "status": "queued", "submitted_at": 5, "allotted_ms": null,
        "used_ms": null, "outcome": null
    }))
    .expect("an agenda item in the shape the server sends")
}

/// One sample of every event kind; the match makes a new `EventKind` variant a compile
/// error here, so this decoder cannot silently fall behind `shared`.
fn samples() -> Vec<EventKind> {
    use EventKind as K;
    let i = ItemId::from("i1");
    let p = ParticipantId::from("p1");
    let all = vec![
        K::MeetingCreated { meeting: meeting() },
        K::ParticipantJoined {
            participant: p.clone(),
            service: ServiceId::from("kela"),
            display_name: Some("Sari".into()),
            role: Role::Participant,
            organisation: None,
        },
        K::ParticipantJoined {
            participant: ParticipantId::from("g1"),
            service: ServiceId::from("guest"),
            display_name: None,
            role: Role::Participant,
            organisation: Some("Vuosaaren koulu".into()),
        },
        K::ParticipantLeft {
            participant: p.clone(),
        },
        K::ItemSubmitted { item: item() },
        K::AgendaReordered {
            order: vec![i.clone()],
        },
        K::AgendaConfirmed {
            allotments: vec![Allotment {
                item: i.clone(),
                ms: 600_000,
            }],
        },
        K::ItemStarted {
            item: i.clone(),
            allotments: vec![Allotment {
                item: i.clone(),
                ms: 600_000,
            }],
        },
        K::ItemFinished {
            item: i.clone(),
            used_ms: 5,
        },
        K::ItemOverran { item: i.clone() },
        K::MeetingOverran,
        K::Paused,
        K::Resumed,
        K::Extended {
            item: i.clone(),
            ms: 60_000,
        },
        K::ItemDeferred {
            item: i.clone(),
            used_ms: Some(3),
        },
        K::ItemWithdrawn { item: i.clone() },
        K::OutcomeRecorded {
            item: i.clone(),
            outcome: Outcome {
                advice: "a".into(),
                ..Default::default()
            },
        },
        K::HandRaised {
            participant: p.clone(),
        },
        K::HandLowered { participant: p },
        K::MeetingEnded,
        K::ItemCarriedOver { item: item() },
        K::MeetingRescheduled {
            starts_at: 1,
            ends_at: 2,
        },
        K::MeetingCancelled,
        K::CatalogueUpdated {
            services: shared::domain::default_catalogue(),
        },
        K::ItemEdited {
            item: i.clone(),
            title: Some("Uusi".into()),
            summary: None,
            question: Some("Mitä nyt?".into()),
            services_wanted: Some(vec![ServiceId::from("kela")]),
            themes: None,
        },
        K::ItemRedacted { item: i.clone() },
        K::ItemReclaimed {
            item: i.clone(),
            presenter: ParticipantId::from("p3"),
        },
        K::UndoableAction {
            action: shared::room::UndoAction::Defer,
            item: Some(i.clone()),
            events: 2,
        },
        K::ActionUndone {
            action: shared::room::UndoAction::Next,
        },
        K::HandsCleared {
            participants: vec![ParticipantId::from("p2")],
        },
        K::DeputyPromoted {
            participant: ParticipantId::from("p4"),
        },
        K::ChairHandedOver {
            from: ChairHolder::ChairLink,
            to: ChairHolder::Person(ParticipantId::from("p4")),
        },
        K::ChairTakenOver {
            from: ChairHolder::Person(ParticipantId::from("p4")),
            to: ChairHolder::ChairLink,
            away_since: 7,
        },
        K::ScribeNamed {
            participant: ParticipantId::from("p4"),
        },
        K::ScribeRevoked {
            participant: ParticipantId::from("p4"),
        },
        K::GuestsAllowed {
            experts: true,
            guests: false,
        },
    ];
    for k in &all {
        match k {
            K::MeetingCreated { .. }
            | K::ParticipantJoined { .. }
            | K::ParticipantLeft { .. }
            | K::ItemSubmitted { .. }
            | K::AgendaReordered { .. }
            | K::AgendaConfirmed { .. }
            | K::ItemStarted { .. }
            | K::ItemFinished { .. }
            | K::ItemOverran { .. }
            | K::MeetingOverran
            | K::Paused
            | K::Resumed
            | K::Extended { .. }
            | K::ItemDeferred { .. }
            | K::ItemWithdrawn { .. }
            | K::OutcomeRecorded { .. }
            | K::HandRaised { .. }
            | K::HandLowered { .. }
            | K::MeetingEnded
            | K::ItemCarriedOver { .. }
            | K::MeetingRescheduled { .. }
            | K::MeetingCancelled
            | K::ItemEdited { .. }
            | K::ItemRedacted { .. }
            | K::ItemReclaimed { .. }
            | K::UndoableAction { .. }
            | K::ActionUndone { .. }
            | K::HandsCleared { .. }
            | K::DeputyPromoted { .. }
            | K::ChairHandedOver { .. }
            | K::ChairTakenOver { .. }
            | K::ScribeNamed { .. }
            | K::ScribeRevoked { .. }
            | K::GuestsAllowed { .. }
            | K::CatalogueUpdated { .. } => {}
        }
    }
    all
}

#[test]
fn every_event_kind_round_trips() {
    let samples = samples();
    // (Two `participant_joined`: with and without a guest's organisation.)
    assert_eq!(samples.len(), KNOWN.len() + 1);
    for (n, kind) in samples.into_iter().enumerate() {
        assert!(KNOWN.contains(&kind.name()), "{}", kind.name());
        let event = Event {
            seq: n as u64 + 1,
            at: 42,
            kind,
        };
        let text = serde_json::to_string(&ServerMsg::Event {
            epoch: "e".into(),
            event: event.clone(),
        })
        .unwrap();
        match parse(&text) {
            Some(ServerFrame::Event {
                epoch,
                seq,
                event: Some(got),
            }) => {
                assert_eq!((epoch.as_str(), seq), ("e", event.seq));
                assert_eq!(*got, event);
            }
            other => panic!("{} did not decode: {other:?}", event.kind.name()),
        }
    }
}

#[test]
fn unknown_event_kinds_ask_for_a_snapshot() {
    let text = r#"{"type":"event","epoch":"e","event":{"seq":3,"at":1,"kind":"time_travel"}}"#;
    assert!(matches!(
        parse(text),
        Some(ServerFrame::Event {
            seq: 3,
            event: None,
            ..
        })
    ));
}

#[test]
fn snapshot_welcome_and_errors_decode() {
    let state = RoomState::new(meeting());
    let snap = ServerMsg::Snapshot {
        epoch: "e".into(),
        seq: 7,
        now: 1,
        representation: state.representation(),
        state: Box::new(state.clone()),
        allowlist: vec![],
    };
    match parse(&serde_json::to_string(&snap).unwrap()) {
        Some(ServerFrame::Snapshot {
            epoch,
            seq: 7,
            state: got,
        }) => {
            assert_eq!(epoch, "e");
            assert_eq!(*got, state);
        }
        other => panic!("{other:?}"),
    }
    let welcome =
        r#"{"type":"welcome","v":1,"role":"chair","meeting_id":"m1","epoch":"e","now":99}"#;
    assert!(matches!(
        parse(welcome),
        Some(ServerFrame::Welcome {
            role: Role::Chair,
            now: 99,
            ..
        })
    ));
    let err = r#"{"type":"error","req":4,"code":"identifier_found","message":"x","findings":[{"field":"title","kind":"hetu","start":8,"end":19}]}"#;
    match parse(err) {
        Some(ServerFrame::Error(e)) => {
            assert_eq!(
                (e.req, e.code.as_str(), e.findings.len()),
                (Some(4), "identifier_found", 1)
            );
            assert_eq!(e.findings[0].field, "title");
        }
        other => panic!("{other:?}"),
    }
}
