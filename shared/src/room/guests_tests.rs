//! Experts by experience and guests (`guests.rs`), and the agenda out ahead
//! (`publication.rs`): who may join besides the catalogue's services, how they are counted,
//! and whether each item arrived ahead, late or at the meeting.

use super::*;
use crate::ids::MeetingId;

/// The meeting's scheduled start.
const START: Millis = 1_700_000_000_000;
const HOUR: Millis = 3_600_000;

/// A room whose agenda is published 24 h before `START`, with its log.
struct Room {
    state: RoomState,
    log: Vec<Event>,
}

impl Room {
    fn new() -> Room {
        let meeting = super::test_meeting::meeting("m12", START, START + HOUR);
        let mut state = RoomState::new(meeting.clone());
        state.publish_ahead_ms = 24 * HOUR;
        let mut room = Room { state, log: vec![] };
        room.emit(
            vec![EventKind::MeetingCreated { meeting }],
            START - 72 * HOUR,
        );
        room
    }

    fn emit(&mut self, kinds: Vec<EventKind>, at: Millis) {
        for kind in kinds {
            let e = Event {
                seq: self.log.len() as u64 + 1,
                at,
                kind,
            };
            self.state.apply(&e);
            self.log.push(e);
        }
    }

    fn run(&mut self, actor: &Actor, cmd: Command, at: Millis) -> Result<(), Refusal> {
        let kinds = self.state.decide(actor, &cmd, at)?;
        self.emit(kinds, at);
        Ok(())
    }

    /// Joins `id` as `join` says; the refusal's code when refused (and then nothing changed).
    fn join(&mut self, id: &str, role: Role, join: JoinAs) -> Result<Actor, ErrorCode> {
        let p = ParticipantId::from(id);
        let decided = self
            .state
            .check_join(&join, None)
            .and_then(|()| self.state.join(&p, role, &join, None, &[]));
        match decided {
            Ok(kinds) => {
                self.emit(kinds, START - HOUR);
                Ok(Actor {
                    role,
                    participant: Some(p),
                })
            }
            Err(r) => Err(r.code),
        }
    }

    fn chair(&mut self) -> Actor {
        let kela = JoinAs::service(ServiceId::from("health_station"));
        self.join("chair", Role::Chair, kela).unwrap()
    }

    fn submit(&mut self, actor: &Actor, title: &str, at: Millis) -> Option<Arrival> {
        let item = ItemDraft {
            kind: ItemKind::Phenomenon,
            title: title.into(),
            summary: String::new(),
            question: "Miten tavoitamme?".into(),
            services_wanted: vec![],
            themes: vec![],
        };
        self.run(actor, Command::SubmitItem { item }, at).unwrap();
        self.state.items.last().unwrap().arrival
    }

    fn assert_replays(&self) {
        let back: Vec<Event> = self
            .log
            .iter()
            .map(|e| serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap())
            .collect();
        let mut replayed = RoomState::replay(&back).unwrap();
        // The lead is the server's to set, not the log's.
        replayed.publish_ahead_ms = self.state.publish_ahead_ms;
        assert_eq!(replayed, self.state);
    }
}

fn expert() -> JoinAs {
    JoinAs::service(ServiceId::from(Standing::EXPERT_BY_EXPERIENCE_ID))
}

fn guest(organisation: &str) -> JoinAs {
    JoinAs {
        service: ServiceId::from(Standing::GUEST_ID),
        organisation: Some(organisation.into()),
    }
}

fn allow(experts: bool, guests: bool) -> Command {
    Command::AllowGuests { experts, guests }
}

#[test]
fn experts_and_guests_join_only_when_the_meeting_allows_them() {
    let mut r = Room::new();
    let chair = r.chair();
    assert_eq!(
        r.join("e", Role::Participant, expert()).unwrap_err(),
        ErrorCode::GuestsNotAllowed
    );
    assert_eq!(
        r.join("g", Role::Participant, guest("Vuosaaren koulu"))
            .unwrap_err(),
        ErrorCode::GuestsNotAllowed
    );
    // Only the holder of the chair controls changes the setting.
    let kela = JoinAs::service(ServiceId::from("kela"));
    let p = r.join("p", Role::Participant, kela).unwrap();
    let before = r.state.clone();
    assert_eq!(
        r.run(&p, allow(true, true), START - HOUR).unwrap_err().code,
        ErrorCode::NotChair
    );
    assert_eq!(r.state, before);
    r.run(&chair, allow(true, false), START - HOUR).unwrap();
    assert_eq!(
        r.state.guests_allowed,
        GuestAdmission {
            experts: true,
            guests: false
        }
    );
    let n = r.log.len();
    r.run(&chair, allow(true, false), START - HOUR).unwrap();
    assert_eq!(r.log.len(), n, "the same setting again records nothing");
    r.join("e", Role::Participant, expert()).unwrap();
    assert_eq!(
        r.join("g", Role::Participant, guest("Vuosaaren koulu"))
            .unwrap_err(),
        ErrorCode::GuestsNotAllowed
    );
    // The coordinator's change is the same rule and the same event.
    let kinds = r
        .state
        .allow_guests(GuestAdmission {
            experts: true,
            guests: true,
        })
        .unwrap();
    assert!(matches!(
        kinds[..],
        [EventKind::GuestsAllowed {
            experts: true,
            guests: true
        }]
    ));
    r.emit(kinds, START - HOUR);
    r.join("g", Role::Participant, guest("Vuosaaren koulu"))
        .unwrap();
    assert_eq!(
        r.state
            .participant(&"g".into())
            .unwrap()
            .organisation
            .as_deref(),
        Some("Vuosaaren koulu")
    );
    // Turned off: newcomers are refused, those already in come back.
    r.run(&chair, allow(false, false), START - HOUR).unwrap();
    assert_eq!(
        r.join("e2", Role::Participant, expert()).unwrap_err(),
        ErrorCode::GuestsNotAllowed
    );
    r.emit(r.state.leave(&"e".into()), START - HOUR);
    r.join("e", Role::Participant, expert()).unwrap();
    r.assert_replays();
}

#[test]
fn a_guest_gives_an_organisation_and_nobody_else_does() {
    let mut r = Room::new();
    let chair = r.chair();
    r.run(&chair, allow(true, true), START - HOUR).unwrap();
    let no_org = JoinAs::service(ServiceId::from(Standing::GUEST_ID));
    for join in [
        no_org,
        guest("   "),
        guest(&"x".repeat(MAX_ORGANISATION + 1)),
        guest("Koulu\u{202E}"),
        JoinAs {
            organisation: Some("Koulu".into()),
            ..expert()
        },
        JoinAs {
            service: ServiceId::from("kela"),
            organisation: Some("Koulu".into()),
        },
    ] {
        assert_eq!(
            r.join("x", Role::Participant, join.clone()).unwrap_err(),
            ErrorCode::InvalidField,
            "{join:?}"
        );
    }
    r.join("x", Role::Participant, guest(&"x".repeat(MAX_ORGANISATION)))
        .unwrap();
    let after_end = Command::EndMeeting;
    r.run(&chair, after_end, START).unwrap();
    assert_eq!(
        r.state
            .allow_guests(GuestAdmission::default())
            .unwrap_err()
            .code,
        ErrorCode::WrongState
    );
}

#[test]
fn experts_and_guests_never_make_a_service_present_and_are_counted_apart() {
    let mut r = Room::new();
    let chair = r.chair();
    r.run(&chair, allow(true, true), START - HOUR).unwrap();
    r.join("e", Role::Participant, expert()).unwrap();
    r.join("g", Role::Participant, guest("Seurakunta")).unwrap();
    let rep = r.state.representation();
    assert_eq!((rep.experts_by_experience, rep.guests), (1, 1));
    assert_eq!(rep.present_required, [ServiceId::from("health_station")]);
    assert!(rep.services.iter().all(|s| s.people <= 1));
    assert_eq!(
        rep.missing_required.len(),
        default_catalogue().len() - 1,
        "only the chair's service is present"
    );
    // Nor a service an item wants.
    let e = Actor {
        role: Role::Participant,
        participant: Some("e".into()),
    };
    r.submit(&e, "Kokemuksia palvelupoluista", START - HOUR);
    let item = r.state.items.last().unwrap().clone();
    assert_eq!(
        item.presenter_service.as_str(),
        Standing::EXPERT_BY_EXPERIENCE_ID
    );
    r.emit(r.state.leave(&"g".into()), START - HOUR);
    assert_eq!(r.state.representation().guests, 0);
}

#[test]
fn items_arrive_ahead_late_or_at_the_meeting() {
    let mut r = Room::new();
    let chair = r.chair();
    assert_eq!(r.state.published_at(), START - 24 * HOUR);
    assert!(!r.state.agenda_published(START - 25 * HOUR));
    assert!(r.state.agenda_published(START - 24 * HOUR));
    let ahead = r.submit(&chair, "Ennakkoon", START - 24 * HOUR - 1);
    let late = r.submit(&chair, "Myöhässä", START - 24 * HOUR);
    let also_late = r.submit(&chair, "Myöhässä 2", START - 1);
    let at = r.submit(&chair, "Kokouksessa", START);
    assert_eq!(
        [ahead, late, also_late, at],
        [
            Some(Arrival::Ahead),
            Some(Arrival::LateAddition),
            Some(Arrival::LateAddition),
            Some(Arrival::AtMeeting)
        ]
    );
    // Once the meeting runs, even before its scheduled start, it is at the meeting.
    let mut early = Room::new();
    let c = early.chair();
    early.submit(&c, "A", START - 2 * HOUR);
    early
        .run(&c, Command::StartItem { item: "i1".into() }, START - HOUR)
        .unwrap();
    assert_eq!(
        early.submit(&c, "B", START - HOUR),
        Some(Arrival::AtMeeting)
    );
    // The counts leave withdrawn items out.
    r.run(&chair, Command::WithdrawItem { item: "i3".into() }, START)
        .unwrap();
    let counts = r.state.arrivals();
    assert_eq!(
        Arrival::ALL.map(|a| counts.of(a)),
        [1, 1, 1],
        "ahead, late, at the meeting"
    );
    r.assert_replays();
}

#[test]
fn the_lead_is_the_servers_and_follows_a_moved_meeting() {
    let mut r = Room::new();
    let chair = r.chair();
    // Without a lead the agenda is published at the start: nothing before it is late.
    r.state.publish_ahead_ms = 0;
    assert_eq!(r.submit(&chair, "A", START - 1), Some(Arrival::Ahead));
    r.state.publish_ahead_ms = 48 * HOUR;
    let moved = r
        .state
        .reschedule(START + 72 * HOUR, START + 73 * HOUR)
        .unwrap();
    r.emit(moved, START - 2 * HOUR);
    assert_eq!(r.state.published_at(), START + 24 * HOUR);
    assert_eq!(r.submit(&chair, "B", START), Some(Arrival::Ahead));
    // Replaying the log (a restart) keeps what the server set.
    let mut again = RoomState::new(r.state.meeting.clone());
    again.publish_ahead_ms = 48 * HOUR;
    for e in &r.log {
        again.apply(e);
    }
    assert_eq!(again.publish_ahead_ms, 48 * HOUR);
    assert_eq!(again.items, r.state.items);
}

#[test]
fn carried_over_items_count_as_ahead() {
    let r = Room::new();
    let mut item = queued_item_for_test();
    item.arrival = Some(Arrival::AtMeeting);
    let waiting = vec![CarryIn {
        source_meeting: MeetingId::from("earlier"),
        source_starts_at: START - 30 * 24 * HOUR,
        reason: CarryReason::Deferred,
        item,
    }];
    let carried = r.state.carry_in(waiting, START - HOUR);
    let [EventKind::ItemCarriedOver { item }] = &carried.events[..] else {
        panic!("{carried:?}");
    };
    assert_eq!(item.arrival, Some(Arrival::Ahead));
}

fn queued_item_for_test() -> AgendaItem {
    super::agenda::queued_item(
        ItemId::from("i1"),
        ItemDraft {
            kind: ItemKind::ClientCase,
            title: "Siirtyvä".into(),
            summary: String::new(),
            question: "Jatketaanko?".into(),
            services_wanted: vec![],
            themes: vec![],
        },
        ParticipantId::from("old"),
        ServiceId::from("kela"),
        START - 30 * 24 * HOUR,
    )
}
