//! The decisions that do not come as commands (`admin.rs`): joins and leaves, the
//! coordinator's changes, carried-over items and linked redactions.

use super::*;
use crate::ids::MeetingId;

const T0: Millis = 1_700_000_000_000;

fn room() -> RoomState {
    RoomState::new(super::test_meeting::meeting("m2", T0, T0 + 3_600_000))
}

fn apply_all(state: &mut RoomState, kinds: Vec<EventKind>, seq: &mut u64) {
    for kind in kinds {
        *seq += 1;
        state.apply(&Event {
            seq: *seq,
            at: T0,
            kind,
        });
    }
}

/// An item of meeting `m1`, as its store keeps it when it leaves, presented by `presenter`.
fn waiting(n: usize, presenter: &str, reason: CarryReason) -> CarryIn {
    CarryIn {
        source_meeting: MeetingId::from("m1"),
        source_starts_at: T0 - 30 * 86_400_000,
        reason,
        item: AgendaItem {
            id: ItemId(format!("i{n}")),
            kind: ItemKind::ClientCase,
            title: format!("Asia {n}"),
            summary: String::new(),
            question: "Kuka koordinoi?".into(),
            services_wanted: vec![],
            themes: vec![],
            presenter: ParticipantId::from(presenter),
            presenter_service: ServiceId::from("kela"),
            status: ItemStatus::Deferred,
            submitted_at: T0 - 30 * 86_400_000,
            allotted_ms: Some(600_000),
            used_ms: Some(120_000),
            overran: false,
            outcome: None,
            carried_over: None,
            edited: true,
            redacted: false,
            arrival: None,
        },
    }
}

#[test]
fn a_join_records_only_what_changed_and_keeps_the_first_role() {
    let mut state = room();
    let mut seq = 1;
    let p = ParticipantId::from("p1");
    let kela = JoinAs::service(ServiceId::from("kela"));
    let first = state.join(&p, Role::Participant, &kela, None, &[]).unwrap();
    assert!(matches!(first[..], [EventKind::ParticipantJoined { .. }]));
    apply_all(&mut state, first, &mut seq);
    assert!(
        state
            .join(&p, Role::Participant, &kela, None, &[])
            .unwrap()
            .is_empty(),
        "a reconnect as before records nothing"
    );
    let renamed = state
        .join(&p, Role::Chair, &kela, Some("Sihteeri"), &[])
        .unwrap();
    assert!(matches!(
        &renamed[..],
        [EventKind::ParticipantJoined {
            role: Role::Participant,
            ..
        }]
    ));
    assert_eq!(
        state
            .join(
                &p,
                Role::Participant,
                &JoinAs::service(ServiceId::from("nope")),
                None,
                &[],
            )
            .unwrap_err()
            .code,
        ErrorCode::UnknownService
    );
}

#[test]
fn leaving_twice_records_one_leave() {
    let mut state = room();
    let mut seq = 1;
    let p = ParticipantId::from("p1");
    assert!(state.leave(&p).is_empty(), "never joined");
    let joined = state
        .join(
            &p,
            Role::Participant,
            &JoinAs::service(ServiceId::from("kela")),
            None,
            &[],
        )
        .unwrap();
    apply_all(&mut state, joined, &mut seq);
    let left = state.leave(&p);
    assert_eq!(left.len(), 1);
    apply_all(&mut state, left, &mut seq);
    assert!(state.leave(&p).is_empty());
}

#[test]
fn carried_items_arrive_once_with_their_history_and_go_to_their_presenter() {
    let mut state = room();
    let mut seq = 1;
    let carried = state.carry_in(vec![waiting(1, "old", CarryReason::Deferred)], T0);
    assert_eq!(carried.left_waiting, 0);
    let [EventKind::ItemCarriedOver { item }] = &carried.events[..] else {
        panic!("{:?}", carried.events);
    };
    assert_eq!(item.status, ItemStatus::Queued);
    assert_eq!((item.used_ms, item.allotted_ms), (None, None));
    assert!(item.edited, "the edited mark travels with the item");
    let c = item.carried_over.as_ref().unwrap();
    assert_eq!((c.from_item.0.as_str(), c.history.len()), ("i1", 1));
    apply_all(&mut state, carried.events, &mut seq);
    assert!(
        state
            .carry_in(vec![waiting(1, "old", CarryReason::Deferred)], T0)
            .events
            .is_empty(),
        "an item already carried in is not carried again"
    );
    // The person who brought it joins here and proves it with their earlier id.
    let me = ParticipantId::from("new");
    let joined = state
        .join(
            &me,
            Role::Participant,
            &JoinAs::service(ServiceId::from("kela")),
            None,
            &[ParticipantId::from("old")],
        )
        .unwrap();
    assert!(matches!(
        &joined[..],
        [
            EventKind::ParticipantJoined { .. },
            EventKind::ItemReclaimed { .. }
        ]
    ));
    assert_eq!(
        state.linked_items(None, Some((&MeetingId::from("m1"), &ItemId::from("i1")))),
        vec![ItemId::from("i1")]
    );
}

#[test]
fn the_coordinator_changes_only_a_meeting_that_has_not_started() {
    let mut state = room();
    let mut seq = 1;
    assert_eq!(state.reschedule(T0 + 1, T0 + 2).unwrap().len(), 1);
    let mut services = default_catalogue();
    assert!(state.adopt_catalogue(&services).is_empty(), "the same one");
    services.pop();
    assert_eq!(state.adopt_catalogue(&services).len(), 1);
    apply_all(&mut state, vec![EventKind::MeetingCancelled], &mut seq);
    assert_eq!(
        state.reschedule(T0 + 1, T0 + 2).unwrap_err().code,
        ErrorCode::WrongState
    );
    assert_eq!(state.cancel().unwrap_err().code, ErrorCode::WrongState);
    assert!(state.adopt_catalogue(&services).is_empty());
    assert!(state
        .carry_in(vec![waiting(1, "old", CarryReason::Deferred)], T0)
        .events
        .is_empty());
}

#[test]
fn a_quick_room_keeps_its_invited_services_required_under_the_centres_catalogue() {
    let mut state = room();
    state.meeting.kind = crate::domain::MeetingKind::Quick;
    for s in &mut state.meeting.services {
        s.required = s.id.as_str() == "kela";
    }
    // The centre's catalogue requires every service; the room still requires only Kela.
    assert!(state.adopt_catalogue(&default_catalogue()).is_empty());
    let mut renamed = default_catalogue();
    renamed[0].name_fi = "Terveysasema".into();
    let [EventKind::CatalogueUpdated { services }] = &state.adopt_catalogue(&renamed)[..] else {
        panic!("the new names are taken");
    };
    let required: Vec<&str> = services
        .iter()
        .filter(|s| s.required)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(required, ["kela"]);
    assert_eq!(services[0].name_fi, "Terveysasema");
}
