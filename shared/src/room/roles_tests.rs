//! The roles beyond the links (`roles.rs`): one holder of the chair controls, handover,
//! takeover after the grace period, promoted deputies and the scribe.

use super::*;

const T0: Millis = 1_700_000_000_000;
const GRACE: Millis = CHAIR_TAKEOVER_GRACE_MS;

/// A room with its log, so every test can check that replaying the log gives the same state.
struct Room {
    state: RoomState,
    log: Vec<Event>,
}

impl Room {
    fn new() -> Room {
        let meeting = super::test_meeting::meeting("m3", T0, T0 + 3_600_000);
        Room {
            log: vec![Event {
                seq: 1,
                at: T0,
                kind: EventKind::MeetingCreated {
                    meeting: meeting.clone(),
                },
            }],
            state: RoomState::new(meeting),
        }
    }

    fn emit(&mut self, kinds: Vec<EventKind>, at: Millis) -> Vec<EventKind> {
        for kind in &kinds {
            let e = Event {
                seq: self.log.len() as u64 + 1,
                at,
                kind: kind.clone(),
            };
            self.state.apply(&e);
            self.log.push(e);
        }
        kinds
    }

    fn run(&mut self, actor: &Actor, cmd: Command, at: Millis) -> Result<Vec<EventKind>, Refusal> {
        let kinds = self.state.decide(actor, &cmd, at)?;
        Ok(self.emit(kinds, at))
    }

    fn code(&mut self, actor: &Actor, cmd: Command, at: Millis) -> ErrorCode {
        let before = self.state.clone();
        let code = self.run(actor, cmd, at).unwrap_err().code;
        assert_eq!(self.state, before, "a refusal changes nothing");
        code
    }

    fn join(&mut self, id: &str, service: &str, role: Role, at: Millis) -> Actor {
        let p = ParticipantId::from(id);
        let kinds = self
            .state
            .join(
                &p,
                role,
                &JoinAs::service(ServiceId::from(service)),
                None,
                &[],
            )
            .unwrap();
        self.emit(kinds, at);
        Actor {
            role,
            participant: Some(p),
        }
    }

    fn leave(&mut self, actor: &Actor, at: Millis) {
        let kinds = self.state.leave(actor.participant.as_ref().unwrap());
        self.emit(kinds, at);
    }

    fn submit(&mut self, actor: &Actor, title: &str) {
        let item = ItemDraft {
            kind: ItemKind::ClientCase,
            title: title.into(),
            summary: String::new(),
            question: "Kuka koordinoi?".into(),
            services_wanted: vec![],
            themes: vec![],
        };
        self.run(actor, Command::SubmitItem { item }, T0).unwrap();
    }

    fn assert_replays(&self) {
        let back: Vec<Event> = self
            .log
            .iter()
            .map(|e| serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap())
            .collect();
        assert_eq!(RoomState::replay(&back).unwrap(), self.state);
    }
}

fn id(a: &Actor) -> ParticipantId {
    a.participant.clone().unwrap()
}

fn person(a: &Actor) -> ChairHolder {
    ChairHolder::Person(id(a))
}

#[test]
fn the_chair_link_holds_the_controls_until_it_hands_them_to_a_deputy_and_back() {
    let mut r = Room::new();
    let observer = Actor {
        role: Role::Chair,
        participant: None,
    };
    let chair = r.join("c", "health_station", Role::Chair, T0);
    let deputy = r.join("d", "social_services", Role::Deputy, T0);
    let p = r.join("p", "kela", Role::Participant, T0);
    r.submit(&p, "Tapaus yksi");
    r.submit(&p, "Tapaus kaksi");
    assert_eq!(r.state.roles.holder, ChairHolder::ChairLink);
    assert!(r.state.holds_chair(&chair) && r.state.holds_chair(&observer));
    assert!(!r.state.holds_chair(&deputy) && !r.state.holds_chair(&p));
    assert_eq!(
        r.state
            .holder_people()
            .map(|x| x.id.clone())
            .collect::<Vec<_>>(),
        vec![id(&chair)]
    );

    // Only the holder hands over, and only to a deputy or the chair link.
    let to_deputy = Command::HandOver { to: id(&deputy) };
    assert_eq!(r.code(&p, to_deputy.clone(), T0), ErrorCode::NotChair);
    assert_eq!(r.code(&deputy, to_deputy.clone(), T0), ErrorCode::NotChair);
    assert_eq!(
        r.code(&chair, Command::HandOver { to: id(&p) }, T0),
        ErrorCode::NotAllowed
    );
    assert_eq!(
        r.run(&chair, Command::HandOver { to: id(&chair) }, T0),
        Ok(vec![]),
        "the chair link already holds them"
    );
    assert_eq!(
        r.run(&chair, to_deputy.clone(), T0 + 1),
        Ok(vec![EventKind::ChairHandedOver {
            from: ChairHolder::ChairLink,
            to: person(&deputy),
        }])
    );
    assert_eq!(r.state.roles.holder, person(&deputy));
    assert_eq!(r.state.roles.holder_left_at, None, "the deputy is present");

    // Now the deputy runs the agenda and the chair link is a participant like any other.
    for who in [&chair, &observer] {
        assert_eq!(r.code(who, Command::NextItem, T0 + 2), ErrorCode::NotChair);
        assert_eq!(
            r.code(who, Command::HandOver { to: id(&chair) }, T0 + 2),
            ErrorCode::NotChair
        );
    }
    r.run(&deputy, Command::NextItem, T0 + 2).unwrap();
    assert!(r.state.current.is_some());
    // The chair cannot take the controls back while the deputy is here.
    assert_eq!(
        r.code(&chair, Command::TakeOver, T0 + 10 * GRACE),
        ErrorCode::WrongState
    );

    // The deputy hands back by naming a person of the chair link.
    r.run(&deputy, Command::HandOver { to: id(&chair) }, T0 + 3)
        .unwrap();
    assert_eq!(r.state.roles.holder, ChairHolder::ChairLink);
    assert!(r.state.holds_chair(&observer));
    assert_eq!(r.code(&deputy, Command::Pause, T0 + 4), ErrorCode::NotChair);
    r.run(&chair, Command::Pause, T0 + 4).unwrap();
    r.assert_replays();
}

#[test]
fn a_deputy_takes_over_only_once_the_holder_has_been_away_for_the_grace_period() {
    let mut r = Room::new();
    let chair = r.join("c", "health_station", Role::Chair, T0);
    let deputy = r.join("d", "social_services", Role::Deputy, T0);
    let p = r.join("p", "kela", Role::Participant, T0);
    r.submit(&p, "Tapaus");
    r.run(&chair, Command::NextItem, T0).unwrap();

    assert_eq!(r.state.holder_away_since(), None);
    assert_eq!(r.state.takeover_opens_at(), None);
    assert!(r.state.may_take_over(&deputy) && !r.state.may_take_over(&p));
    assert!(!r.state.may_take_over(&chair), "the chair link holds them");
    assert_eq!(
        r.code(&deputy, Command::TakeOver, T0 + 5 * GRACE),
        ErrorCode::WrongState,
        "the chair is present"
    );

    // The chair's last connection closed and the reconnect grace ran out.
    let left = T0 + 1_000;
    r.leave(&chair, left);
    assert_eq!(r.state.roles.holder_left_at, Some(left));
    assert_eq!(r.state.takeover_opens_at(), Some(left + GRACE));
    assert_eq!(
        r.code(&deputy, Command::TakeOver, left + GRACE - 1),
        ErrorCode::WrongState
    );
    assert_eq!(
        r.code(&p, Command::TakeOver, left + GRACE),
        ErrorCode::NotAllowed
    );
    let stranger = Actor {
        role: Role::Deputy,
        participant: None,
    };
    assert_eq!(
        r.code(&stranger, Command::TakeOver, left + GRACE),
        ErrorCode::NotJoined
    );
    assert_eq!(
        r.run(&deputy, Command::TakeOver, left + GRACE),
        Ok(vec![EventKind::ChairTakenOver {
            from: ChairHolder::ChairLink,
            to: person(&deputy),
            away_since: left,
        }])
    );
    assert_eq!(
        r.run(&deputy, Command::TakeOver, left + GRACE),
        Ok(vec![]),
        "asking again changes nothing"
    );
    // The deputy runs the next item; the chair, back, is a participant.
    r.run(&deputy, Command::NextItem, left + GRACE + 1).unwrap();
    let back = left + 2 * GRACE;
    let chair = r.join("c", "health_station", Role::Chair, back);
    assert_eq!(r.code(&chair, Command::Pause, back), ErrorCode::NotChair);
    assert!(r.state.may_take_over(&chair));
    assert_eq!(
        r.code(&chair, Command::TakeOver, back),
        ErrorCode::WrongState
    );

    // The same rule brings the controls back to the chair link when the deputy is gone.
    r.leave(&deputy, back + 10);
    r.run(&chair, Command::TakeOver, back + 10 + GRACE).unwrap();
    assert_eq!(r.state.roles.holder, ChairHolder::ChairLink);
    assert_eq!(r.state.holder_away_since(), None);
    r.assert_replays();
}

#[test]
fn a_chair_who_never_came_is_away_from_the_scheduled_start() {
    let mut r = Room::new();
    let deputy = r.join("d", "social_services", Role::Deputy, T0 - 600_000);
    assert_eq!(r.state.holder_away_since(), Some(T0));
    assert_eq!(
        r.code(&deputy, Command::TakeOver, T0 + GRACE - 1),
        ErrorCode::WrongState
    );
    r.run(&deputy, Command::TakeOver, T0 + GRACE).unwrap();
    assert!(r.state.holds_chair(&deputy));
    r.assert_replays();
}

#[test]
fn the_grace_period_is_the_servers_and_old_snapshots_read_the_defaults() {
    let mut r = Room::new();
    r.state.roles.takeover_grace_ms = 2_000;
    let chair = r.join("c", "health_station", Role::Chair, T0);
    let deputy = r.join("d", "social_services", Role::Deputy, T0);
    r.leave(&chair, T0 + 100);
    r.run(&deputy, Command::TakeOver, T0 + 2_100).unwrap();

    let mut json = serde_json::to_value(RoomState::new(r.state.meeting.clone())).unwrap();
    json.as_object_mut().unwrap().remove("roles");
    let old: RoomState = serde_json::from_value(json).unwrap();
    assert_eq!(old.roles, ChairRoles::default());
    assert_eq!(old.roles.takeover_grace_ms, CHAIR_TAKEOVER_GRACE_MS);
    let back: RoomState = serde_json::from_str(&serde_json::to_string(&r.state).unwrap()).unwrap();
    assert_eq!(back, r.state);
    assert_eq!(
        serde_json::to_value(&r.state.roles.holder).unwrap(),
        serde_json::json!({"person": "d"})
    );
}

#[test]
fn the_holder_promotes_a_present_participant_to_deputy() {
    let mut r = Room::new();
    let chair = r.join("c", "health_station", Role::Chair, T0);
    let p = r.join("p", "kela", Role::Participant, T0);
    let q = r.join("q", "disability", Role::Participant, T0);
    let promote = |a: &Actor| Command::PromoteDeputy { participant: id(a) };
    assert_eq!(r.code(&q, promote(&p), T0), ErrorCode::NotChair);
    r.leave(&q, T0 + 1);
    assert_eq!(r.code(&chair, promote(&q), T0 + 1), ErrorCode::WrongState);
    assert_eq!(
        r.code(&chair, Command::HandOver { to: id(&p) }, T0 + 1),
        ErrorCode::NotAllowed
    );
    assert_eq!(
        r.run(&chair, promote(&p), T0 + 2),
        Ok(vec![EventKind::DeputyPromoted {
            participant: id(&p)
        }])
    );
    assert_eq!(r.run(&chair, promote(&p), T0 + 2), Ok(vec![]));
    assert_eq!(r.run(&chair, promote(&chair), T0 + 2), Ok(vec![]));
    assert!(r.state.is_deputy(&id(&p)) && r.state.may_take_over(&p));
    r.run(&chair, Command::HandOver { to: id(&p) }, T0 + 3)
        .unwrap();
    assert!(r.state.holds_chair(&p) && !r.state.holds_chair(&chair));
    // A promoted deputy leaving and coming back is still a deputy and still holds them.
    r.leave(&p, T0 + 4);
    assert_eq!(r.state.holder_away_since(), Some(T0 + 4));
    let p = r.join("p", "kela", Role::Participant, T0 + 5);
    assert!(r.state.holds_chair(&p) && r.state.holder_away_since().is_none());
    r.assert_replays();
}

#[test]
fn the_scribe_records_outcomes_and_nobody_else_but_the_holder_does() {
    let mut r = Room::new();
    let chair = r.join("c", "health_station", Role::Chair, T0);
    let scribe = r.join("s", "social_services", Role::Participant, T0);
    let p = r.join("p", "kela", Role::Participant, T0);
    r.submit(&p, "Tapaus");
    r.run(&chair, Command::NextItem, T0).unwrap();
    let record = |advice: &str| Command::RecordOutcome {
        item: ItemId::from("i1"),
        outcome: Outcome {
            advice: advice.into(),
            ..Outcome::default()
        },
    };
    assert_eq!(r.code(&scribe, record("Neuvo"), T0), ErrorCode::NotAllowed);
    let name = Command::NameScribe {
        participant: id(&scribe),
    };
    assert_eq!(r.code(&p, name.clone(), T0), ErrorCode::NotChair);
    assert_eq!(
        r.run(&chair, name.clone(), T0),
        Ok(vec![EventKind::ScribeNamed {
            participant: id(&scribe)
        }])
    );
    assert_eq!(r.run(&chair, name, T0), Ok(vec![]));
    assert!(r.state.is_scribe(&scribe));
    r.run(&scribe, record("Kotihoidon arvio"), T0 + 1).unwrap();
    assert_eq!(
        r.state
            .item(&ItemId::from("i1"))
            .unwrap()
            .outcome
            .as_ref()
            .unwrap()
            .advice,
        "Kotihoidon arvio"
    );
    // The scribe records; the agenda stays the chair's; others still may not record.
    assert_eq!(
        r.code(&scribe, Command::NextItem, T0 + 1),
        ErrorCode::NotChair
    );
    assert_eq!(r.code(&p, record("Muu"), T0 + 1), ErrorCode::NotAllowed);
    r.run(&chair, record("Puheenjohtajan tarkennus"), T0 + 2)
        .unwrap();
    // A scribe who steps away stays scribe; the chair takes the role back.
    r.leave(&scribe, T0 + 3);
    assert!(r.state.is_scribe(&scribe));
    assert_eq!(
        r.code(&scribe, Command::RevokeScribe, T0 + 3),
        ErrorCode::NotChair
    );
    assert_eq!(
        r.run(&chair, Command::RevokeScribe, T0 + 4),
        Ok(vec![EventKind::ScribeRevoked {
            participant: id(&scribe)
        }])
    );
    assert_eq!(r.run(&chair, Command::RevokeScribe, T0 + 4), Ok(vec![]));
    assert_eq!(
        r.code(&scribe, record("Myöhässä"), T0 + 5),
        ErrorCode::NotAllowed
    );
    // Nobody absent can be named.
    assert_eq!(
        r.code(
            &chair,
            Command::NameScribe {
                participant: id(&scribe)
            },
            T0 + 5
        ),
        ErrorCode::WrongState
    );
    // After the end the scribe, named again before it, can still complete the minutes.
    r.run(
        &chair,
        Command::NameScribe {
            participant: id(&p),
        },
        T0 + 6,
    )
    .unwrap();
    r.run(&chair, Command::EndMeeting, T0 + 7).unwrap();
    r.run(&p, record("Lopullinen"), T0 + 8).unwrap();
    assert_eq!(
        r.code(&chair, Command::RevokeScribe, T0 + 9),
        ErrorCode::WrongState
    );
    r.assert_replays();
}

#[test]
fn the_holder_has_the_chairs_other_powers_too() {
    let mut r = Room::new();
    let chair = r.join("c", "health_station", Role::Chair, T0);
    let deputy = r.join("d", "social_services", Role::Deputy, T0);
    let p = r.join("p", "kela", Role::Participant, T0);
    r.submit(&p, "Tapaus yksi");
    r.submit(&p, "Tapaus kaksi");
    r.run(&chair, Command::HandOver { to: id(&deputy) }, T0)
        .unwrap();
    r.run(&deputy, Command::NextItem, T0).unwrap();
    r.run(&p, Command::RaiseHand, T0).unwrap();
    let lower = Command::LowerHand {
        participant: Some(id(&p)),
    };
    assert_eq!(r.code(&chair, lower.clone(), T0), ErrorCode::NotChair);
    r.run(&deputy, lower, T0).unwrap();
    let withdraw = Command::WithdrawItem {
        item: ItemId::from("i2"),
    };
    assert_eq!(r.code(&chair, withdraw.clone(), T0), ErrorCode::NotAllowed);
    r.run(&deputy, withdraw, T0).unwrap();
    // Roles do not end the chance to undo the holder's last agenda action.
    r.run(
        &deputy,
        Command::PromoteDeputy {
            participant: id(&p),
        },
        T0,
    )
    .unwrap();
    assert!(r.state.undo.is_some());
    r.run(&deputy, Command::Undo, T0 + 1).unwrap();
    r.assert_replays();
}
