use super::*;

const MIN: Millis = 60_000;
const T0: Millis = 1_700_000_000_000;

struct Room {
    state: RoomState,
    seq: u64,
    /// Every event so far, `MeetingCreated` first (for replay checks).
    log: Vec<Event>,
}

impl Room {
    fn new() -> Self {
        let meeting = super::test_meeting::meeting("m1", T0, T0 + 60 * MIN);
        Room {
            log: vec![Event {
                seq: 1,
                at: T0,
                kind: EventKind::MeetingCreated {
                    meeting: meeting.clone(),
                },
            }],
            state: RoomState::new(meeting),
            seq: 1,
        }
    }

    /// The log, through JSON and back, replays to exactly the live state.
    fn assert_replays(&self) {
        let back: Vec<Event> = self
            .log
            .iter()
            .map(|e| serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap())
            .collect();
        assert_eq!(RoomState::replay(&back).unwrap(), self.state);
    }

    fn emit(&mut self, kinds: Vec<EventKind>, at: Millis) -> Vec<Event> {
        let mut out = vec![];
        for kind in kinds {
            self.seq += 1;
            let e = Event {
                seq: self.seq,
                at,
                kind,
            };
            self.state.apply(&e);
            self.log.push(e.clone());
            out.push(e);
        }
        out
    }

    fn run(&mut self, actor: &Actor, cmd: Command, at: Millis) -> Result<Vec<Event>, Refusal> {
        let kinds = self.state.decide(actor, &cmd, at)?;
        Ok(self.emit(kinds, at))
    }

    fn join(&mut self, id: &str, service: &str, role: Role) -> Actor {
        self.state
            .check_join(&JoinAs::service(ServiceId::from(service)), None)
            .unwrap();
        self.emit(
            vec![EventKind::ParticipantJoined {
                participant: ParticipantId::from(id),
                service: ServiceId::from(service),
                display_name: None,
                role,
                organisation: None,
            }],
            T0,
        );
        Actor {
            role,
            participant: Some(ParticipantId::from(id)),
        }
    }

    fn submit(&mut self, actor: &Actor, title: &str) -> ItemId {
        let ev = self
            .run(
                actor,
                Command::SubmitItem {
                    item: ItemDraft {
                        kind: ItemKind::ClientCase,
                        title: title.into(),
                        summary: "Asiakas, 72-vuotias, toistuvia päivystyskäyntejä.".into(),
                        question: "Kuka koordinoi?".into(),
                        services_wanted: vec![ServiceId::from("kela")],
                        themes: vec![Theme::OlderClient],
                    },
                },
                T0,
            )
            .unwrap();
        match &ev[0].kind {
            EventKind::ItemSubmitted { item } => item.id.clone(),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn representation_counts_people_and_missing_required_services() {
    let mut r = Room::new();
    r.join("chair", "health_station", Role::Chair);
    r.join("a", "kela", Role::Participant);
    r.join("b", "kela", Role::Participant);
    let rep = r.state.representation();
    let kela = rep
        .services
        .iter()
        .find(|s| s.service.as_str() == "kela")
        .unwrap();
    assert_eq!(kela.people, 2);
    assert_eq!(rep.present_required.len(), 2);
    assert_eq!(rep.missing_required.len(), 7);
    r.emit(
        vec![EventKind::ParticipantLeft {
            participant: "a".into(),
        }],
        T0,
    );
    r.emit(
        vec![EventKind::ParticipantLeft {
            participant: "b".into(),
        }],
        T0,
    );
    let rep = r.state.representation();
    assert!(rep.missing_required.contains(&ServiceId::from("kela")));
}

#[test]
fn participants_cannot_run_chair_commands_and_nothing_changes() {
    let mut r = Room::new();
    let p = r.join("a", "kela", Role::Participant);
    let item = r.submit(&p, "Tapaus");
    let before = r.state.clone();
    for cmd in [
        Command::ConfirmAgenda,
        Command::StartItem { item: item.clone() },
        Command::NextItem,
        Command::Pause,
        Command::Extend { minutes: 2 },
        Command::DeferItem { item: item.clone() },
        Command::Reorder {
            order: vec![item.clone()],
        },
        Command::EndMeeting,
    ] {
        let err = r.run(&p, cmd, T0).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotChair);
    }
    // Outcomes are the chair's or the scribe's (roles.rs): anyone else is not allowed.
    let outcome = Command::RecordOutcome {
        item: item.clone(),
        outcome: Outcome::default(),
    };
    assert_eq!(
        r.run(&p, outcome, T0).unwrap_err().code,
        ErrorCode::NotAllowed
    );
    assert_eq!(r.state, before);
}

#[test]
fn confirm_divides_the_hour_and_each_start_reallocates_what_is_left() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let items: Vec<ItemId> = (0..4)
        .map(|i| r.submit(&chair, &format!("Tapaus {i}")))
        .collect();
    r.run(&chair, Command::ConfirmAgenda, T0).unwrap();
    assert_eq!(r.state.confirmed.as_ref().unwrap().items, 4);
    assert_eq!(r.state.confirmed.as_ref().unwrap().each_ms, 15 * MIN);
    // Start 5 minutes late: 55 minutes for 4 items.
    r.run(
        &chair,
        Command::StartItem {
            item: items[0].clone(),
        },
        T0 + 5 * MIN,
    )
    .unwrap();
    assert_eq!(
        r.state.item(&items[0]).unwrap().allotted_ms,
        Some(55 * MIN / 4 / 1000 * 1000 + 1000 * ((55 * 60 % 4 > 0) as i64))
    );
    let c = r.state.current.clone().unwrap();
    assert_eq!(
        c.deadline,
        T0 + 5 * MIN + r.state.item(&items[0]).unwrap().allotted_ms.unwrap()
    );
    // The first item runs 25 minutes: the three left share 30.
    r.run(&chair, Command::NextItem, T0 + 30 * MIN).unwrap();
    let first = r.state.item(&items[0]).unwrap();
    assert_eq!(first.status, ItemStatus::Done);
    assert_eq!(first.used_ms, Some(25 * MIN));
    assert!(first.overran);
    for i in &items[1..] {
        assert_eq!(r.state.item(i).unwrap().allotted_ms, Some(10 * MIN));
    }
    assert_eq!(r.state.current.as_ref().unwrap().item, items[1]);
}

#[test]
fn pause_resume_and_extend_move_the_deadline_and_time_used_excludes_pauses() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let a = r.submit(&chair, "A");
    let _b = r.submit(&chair, "B");
    r.run(&chair, Command::StartItem { item: a.clone() }, T0)
        .unwrap();
    let d0 = r.state.current.as_ref().unwrap().deadline;
    assert_eq!(d0, T0 + 30 * MIN);
    r.run(&chair, Command::Pause, T0 + MIN).unwrap();
    assert_eq!(
        r.run(&chair, Command::Pause, T0 + MIN).unwrap_err().code,
        ErrorCode::WrongState
    );
    assert_eq!(
        r.state.current.as_ref().unwrap().left_ms(T0 + 10 * MIN),
        29 * MIN
    );
    r.run(&chair, Command::Resume, T0 + 4 * MIN).unwrap();
    r.run(&chair, Command::Extend { minutes: 2 }, T0 + 5 * MIN)
        .unwrap();
    assert_eq!(
        r.state.current.as_ref().unwrap().deadline,
        d0 + 3 * MIN + 2 * MIN
    );
    assert_eq!(r.state.item(&a).unwrap().allotted_ms, Some(32 * MIN));
    r.run(&chair, Command::NextItem, T0 + 11 * MIN).unwrap();
    assert_eq!(r.state.item(&a).unwrap().used_ms, Some(8 * MIN));
    assert!(!r.state.item(&a).unwrap().overran);
}

#[test]
fn the_clock_marks_overrun_once_and_an_extension_clears_it() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let a = r.submit(&chair, "A");
    r.run(
        &chair,
        Command::StartItem { item: a.clone() },
        T0 + 50 * MIN,
    )
    .unwrap();
    assert_eq!(r.state.next_due(), Some(T0 + 60 * MIN));
    assert!(r.state.due(T0 + 59 * MIN).is_empty());
    let due = r.state.due(T0 + 60 * MIN);
    assert_eq!(
        due,
        vec![
            EventKind::ItemOverran { item: a.clone() },
            EventKind::MeetingOverran
        ]
    );
    r.emit(due, T0 + 60 * MIN);
    assert!(r.state.item(&a).unwrap().overran);
    assert!(r.state.meeting_overran);
    assert_eq!(r.state.next_due(), None);
    r.run(&chair, Command::Extend { minutes: 5 }, T0 + 61 * MIN)
        .unwrap();
    assert!(!r.state.item(&a).unwrap().overran);
    assert_eq!(r.state.next_due(), Some(T0 + 65 * MIN));
}

#[test]
fn hands_queue_in_order_inside_an_item_and_clear_on_the_next() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p1 = r.join("p1", "kela", Role::Participant);
    let p2 = r.join("p2", "disability", Role::Participant);
    let a = r.submit(&p1, "A");
    r.submit(&p2, "B");
    assert_eq!(
        r.run(&p1, Command::RaiseHand, T0).unwrap_err().code,
        ErrorCode::WrongState
    );
    r.run(&chair, Command::StartItem { item: a }, T0).unwrap();
    r.run(&p2, Command::RaiseHand, T0 + 1).unwrap();
    r.run(&p1, Command::RaiseHand, T0 + 2).unwrap();
    assert!(
        r.run(&p1, Command::RaiseHand, T0 + 3).unwrap().is_empty(),
        "raising twice changes nothing"
    );
    let order: Vec<_> = r
        .state
        .hands
        .iter()
        .map(|h| h.participant.as_str().to_owned())
        .collect();
    assert_eq!(order, ["p2", "p1"]);
    assert_eq!(
        r.run(
            &p1,
            Command::LowerHand {
                participant: Some("p2".into())
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::NotChair
    );
    r.run(
        &chair,
        Command::LowerHand {
            participant: Some("p2".into()),
        },
        T0,
    )
    .unwrap();
    assert_eq!(r.state.hands.len(), 1);
    r.run(&chair, Command::NextItem, T0 + MIN).unwrap();
    assert!(r.state.hands.is_empty());
}

#[test]
fn reorder_needs_every_queued_item_once() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let a = r.submit(&chair, "A");
    let b = r.submit(&chair, "B");
    let c = r.submit(&chair, "C");
    assert_eq!(
        r.run(
            &chair,
            Command::Reorder {
                order: vec![a.clone(), b.clone()]
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidField
    );
    assert_eq!(
        r.run(
            &chair,
            Command::Reorder {
                order: vec![a.clone(), a.clone(), b.clone()]
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidField
    );
    assert_eq!(
        r.run(
            &chair,
            Command::Reorder {
                order: vec!["zz".into()]
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::UnknownItem
    );
    r.run(
        &chair,
        Command::Reorder {
            order: vec![c.clone(), a.clone(), b.clone()],
        },
        T0,
    )
    .unwrap();
    let ids: Vec<_> = r.state.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, vec![c, a, b]);
}

#[test]
fn defer_withdraw_outcome_and_end() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let other = r.join("o", "disability", Role::Participant);
    let a = r.submit(&p, "A");
    let b = r.submit(&p, "B");
    let c = r.submit(&p, "C");
    let d = r.submit(&p, "D");
    assert_eq!(
        r.run(&other, Command::WithdrawItem { item: b.clone() }, T0)
            .unwrap_err()
            .code,
        ErrorCode::NotAllowed
    );
    r.run(&p, Command::WithdrawItem { item: b.clone() }, T0)
        .unwrap();
    r.run(&chair, Command::StartItem { item: a.clone() }, T0)
        .unwrap();
    assert_eq!(
        r.run(
            &chair,
            Command::RecordOutcome {
                item: c.clone(),
                outcome: Outcome::default()
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::WrongState
    );
    let outcome = Outcome {
        advice: "Palveluohjaus".into(),
        next_steps: "Yhteinen tapaaminen".into(),
        services_to_involve: vec!["kela".into(), "kela".into()],
        follow_up: true,
    };
    r.run(
        &chair,
        Command::RecordOutcome {
            item: a.clone(),
            outcome,
        },
        T0 + MIN,
    )
    .unwrap();
    r.run(&chair, Command::DeferItem { item: a.clone() }, T0 + 2 * MIN)
        .unwrap();
    let ia = r.state.item(&a).unwrap();
    assert_eq!(
        (ia.status, ia.used_ms),
        (ItemStatus::Deferred, Some(2 * MIN))
    );
    assert_eq!(ia.outcome.as_ref().unwrap().services_to_involve.len(), 1);
    assert_eq!(
        r.state.current.as_ref().map(|c| &c.item),
        Some(&c),
        "deferring the current item starts the next queued one"
    );
    r.run(&chair, Command::EndMeeting, T0 + 10 * MIN).unwrap();
    assert_eq!(r.state.phase, Phase::Ended);
    assert_eq!(r.state.item(&c).unwrap().status, ItemStatus::Done);
    assert_eq!(
        r.state.item(&d).unwrap().status,
        ItemStatus::Deferred,
        "what did not fit is deferred"
    );
    assert_eq!(
        r.run(&chair, Command::StartItem { item: d }, T0 + 11 * MIN)
            .unwrap_err()
            .code,
        ErrorCode::WrongState
    );
    // Minutes can still be completed after the end.
    r.run(
        &chair,
        Command::RecordOutcome {
            item: c,
            outcome: Outcome::default(),
        },
        T0 + 12 * MIN,
    )
    .unwrap();
}

#[test]
fn submissions_are_validated() {
    let mut r = Room::new();
    let p = r.join("p", "kela", Role::Participant);
    let mut draft = ItemDraft {
        kind: ItemKind::Phenomenon,
        title: "   ".into(),
        summary: String::new(),
        question: "Q".into(),
        services_wanted: vec![],
        themes: vec![],
    };
    let err = r
        .run(
            &p,
            Command::SubmitItem {
                item: draft.clone(),
            },
            T0,
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidField);
    draft.title = "x".repeat(MAX_TITLE + 1);
    assert_eq!(
        r.run(
            &p,
            Command::SubmitItem {
                item: draft.clone()
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidField
    );
    draft.title = "Ilmiö".into();
    draft.services_wanted = vec!["nope".into()];
    assert_eq!(
        r.run(
            &p,
            Command::SubmitItem {
                item: draft.clone()
            },
            T0
        )
        .unwrap_err()
        .code,
        ErrorCode::UnknownService
    );
    let nobody = Actor {
        role: Role::Participant,
        participant: None,
    };
    draft.services_wanted = vec![];
    assert_eq!(
        r.run(&nobody, Command::SubmitItem { item: draft }, T0)
            .unwrap_err()
            .code,
        ErrorCode::NotJoined
    );
    assert!(r.state.items.is_empty());
}

#[test]
fn direction_controls_are_refused_in_every_text_field() {
    let mut r = Room::new();
    let chair = r.join("c", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let item = r.submit(&p, "Ilmiö");
    r.run(&chair, Command::StartItem { item: item.clone() }, T0)
        .unwrap();
    let before = r.state.clone();
    // Every control of both ranges, alone and in the middle of harmless text.
    let controls = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];
    for c in controls {
        let text = format!("Tapaus {c}abc");
        let draft = |field: &str| {
            let mut d = ItemDraft {
                kind: ItemKind::ClientCase,
                title: "Tapaus".into(),
                summary: String::new(),
                question: "Mitä tehdä?".into(),
                services_wanted: vec![],
                themes: vec![],
            };
            match field {
                "title" => d.title = text.clone(),
                "summary" => d.summary = text.clone(),
                _ => d.question = text.clone(),
            }
            d
        };
        for field in ["title", "summary", "question"] {
            let err = r
                .run(&p, Command::SubmitItem { item: draft(field) }, T0)
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidField, "{field} {c:?}");
            assert!(err.message.starts_with(field), "{}", err.message);
            assert!(err.message.contains("direction-control"), "{}", err.message);
            assert!(!err.message.contains("abc"), "never quotes the text");
        }
        for (field, advice, next_steps) in [
            ("advice", text.clone(), String::new()),
            ("next_steps", String::new(), text.clone()),
        ] {
            let cmd = Command::RecordOutcome {
                item: item.clone(),
                outcome: Outcome {
                    advice,
                    next_steps,
                    services_to_involve: vec![],
                    follow_up: false,
                },
            };
            let err = r.run(&chair, cmd, T0).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidField);
            assert!(err.message.starts_with(field), "{}", err.message);
        }
        let err = r
            .state
            .check_join(
                &JoinAs::service(ServiceId::from("kela")),
                Some(&format!("Sihteeri{c}")),
            )
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidField);
        assert!(err.message.starts_with("display_name"), "{}", err.message);
    }
    assert_eq!(r.state, before, "nothing changed");
    // Other invisible characters are the guard's business, not refused here.
    assert!(check_direction_controls("title", "Tapaus\u{200B}").is_ok());
}

#[test]
fn replay_rebuilds_the_same_state_and_survives_json() {
    let mut r = Room::new();
    let created = Event {
        seq: 1,
        at: T0,
        kind: EventKind::MeetingCreated {
            meeting: r.state.meeting.clone(),
        },
    };
    let mut log = vec![created];
    let chair = r.join("chair", "health_station", Role::Chair);
    log.push(Event {
        seq: 2,
        at: T0,
        kind: EventKind::ParticipantJoined {
            participant: "chair".into(),
            service: "health_station".into(),
            display_name: None,
            role: Role::Chair,
            organisation: None,
        },
    });
    let a = r.submit(&chair, "A");
    r.seq = 2;
    // Rebuild the log from the commands' events.
    let mut r2 = Room {
        state: RoomState::replay(&log).unwrap(),
        seq: 2,
        log: vec![],
    };
    let _ = a;
    let ev = r2
        .run(
            &chair,
            Command::SubmitItem {
                item: ItemDraft {
                    kind: ItemKind::RegionalMatter,
                    title: "R".into(),
                    summary: String::new(),
                    question: "Q".into(),
                    services_wanted: vec![],
                    themes: vec![Theme::Other],
                },
            },
            T0,
        )
        .unwrap();
    log.extend(ev);
    log.extend(
        r2.run(&chair, Command::StartItem { item: "i1".into() }, T0 + MIN)
            .unwrap(),
    );
    log.extend(r2.run(&chair, Command::Pause, T0 + 2 * MIN).unwrap());
    let json: Vec<String> = log
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    let back: Vec<Event> = json
        .iter()
        .map(|s| serde_json::from_str(s).unwrap())
        .collect();
    assert_eq!(RoomState::replay(&back).unwrap(), r2.state);
}

fn edit(item: &ItemId) -> Command {
    Command::EditItem {
        item: item.clone(),
        title: None,
        summary: None,
        question: None,
        services_wanted: None,
        themes: None,
    }
}

fn with_title(item: &ItemId, title: &str) -> Command {
    match edit(item) {
        Command::EditItem {
            item,
            summary,
            question,
            services_wanted,
            themes,
            ..
        } => Command::EditItem {
            item,
            title: Some(title.into()),
            summary,
            question,
            services_wanted,
            themes,
        },
        _ => unreachable!(),
    }
}

#[test]
fn presenter_edits_own_queued_item_and_chair_edits_any_until_the_end() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let other = r.join("o", "disability", Role::Participant);
    let a = r.submit(&p, "A");
    let b = r.submit(&p, "B");
    // The presenter, while queued: only the fields given change.
    let ev = r
        .run(
            &p,
            Command::EditItem {
                item: a.clone(),
                title: Some("  Uusi otsikko ".into()),
                summary: None,
                question: Some("Kuka auttaa?".into()),
                services_wanted: Some(vec!["kela".into(), "disability".into(), "kela".into()]),
                themes: None,
            },
            T0 + 1,
        )
        .unwrap();
    assert!(matches!(ev[0].kind, EventKind::ItemEdited { .. }));
    let ia = r.state.item(&a).unwrap();
    assert_eq!(ia.title, "Uusi otsikko");
    assert_eq!(ia.question, "Kuka auttaa?");
    assert_eq!(ia.services_wanted.len(), 2);
    assert!(ia.summary.starts_with("Asiakas"), "summary untouched");
    assert!(ia.edited);
    assert!(!r.state.item(&b).unwrap().edited);
    // Sending what is already there changes nothing.
    assert!(r
        .run(&p, with_title(&a, "Uusi otsikko"), T0 + 2)
        .unwrap()
        .is_empty());
    // Refusals: another participant, an empty edit, an empty title, unknown item.
    assert_eq!(
        r.run(&other, with_title(&a, "X"), T0).unwrap_err().code,
        ErrorCode::NotAllowed
    );
    assert_eq!(
        r.run(&p, edit(&a), T0).unwrap_err().code,
        ErrorCode::InvalidField
    );
    assert_eq!(
        r.run(&p, with_title(&a, "  "), T0).unwrap_err().code,
        ErrorCode::InvalidField
    );
    assert_eq!(
        r.run(&p, with_title(&"i99".into(), "X"), T0)
            .unwrap_err()
            .code,
        ErrorCode::UnknownItem
    );
    // On the floor the presenter can no longer edit; the chair can.
    r.run(&chair, Command::StartItem { item: a.clone() }, T0 + MIN)
        .unwrap();
    assert_eq!(
        r.run(&p, with_title(&a, "Y"), T0 + MIN).unwrap_err().code,
        ErrorCode::WrongState
    );
    r.run(&chair, with_title(&a, "Puheenjohtajan otsikko"), T0 + MIN)
        .unwrap();
    assert_eq!(r.state.item(&a).unwrap().title, "Puheenjohtajan otsikko");
    r.run(&chair, Command::EndMeeting, T0 + 2 * MIN).unwrap();
    assert_eq!(
        r.run(&chair, with_title(&a, "Z"), T0 + 3 * MIN)
            .unwrap_err()
            .code,
        ErrorCode::WrongState
    );
}

#[test]
fn edit_texts_go_to_the_guard() {
    let cmd = Command::EditItem {
        item: "i1".into(),
        title: Some("T".into()),
        summary: None,
        question: Some("Q".into()),
        services_wanted: None,
        themes: None,
    };
    assert_eq!(cmd.texts(), vec![("title", "T"), ("question", "Q")]);
    assert_eq!(cmd.name(), "edit_item");
}

#[test]
fn redaction_replaces_every_text_of_the_item_even_after_the_end() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let a = r.submit(&p, "Matti Virtanen");
    let b = r.submit(&p, "B");
    assert_eq!(
        r.run(&p, Command::RedactItem { item: a.clone() }, T0)
            .unwrap_err()
            .code,
        ErrorCode::NotChair
    );
    r.run(&chair, Command::StartItem { item: a.clone() }, T0)
        .unwrap();
    r.run(
        &chair,
        Command::RecordOutcome {
            item: a.clone(),
            outcome: Outcome {
                advice: "Soita Matille".into(),
                next_steps: String::new(),
                services_to_involve: vec![],
                follow_up: true,
            },
        },
        T0 + MIN,
    )
    .unwrap();
    r.run(&chair, Command::EndMeeting, T0 + 2 * MIN).unwrap();
    let ev = r
        .run(
            &chair,
            Command::RedactItem { item: a.clone() },
            T0 + 3 * MIN,
        )
        .unwrap();
    assert_eq!(ev[0].kind.name(), "item_redacted");
    let ia = r.state.item(&a).unwrap();
    assert!(ia.redacted);
    assert_eq!(
        (ia.title.as_str(), ia.summary.as_str(), ia.question.as_str()),
        (REDACTED_TEXT, "", REDACTED_TEXT)
    );
    let o = ia.outcome.as_ref().unwrap();
    assert_eq!(
        (o.advice.as_str(), o.next_steps.as_str()),
        (REDACTED_TEXT, "")
    );
    assert!(o.follow_up, "the follow-up and services stay");
    assert!(!r.state.item(&b).unwrap().redacted);
    let json = serde_json::to_string(&r.state).unwrap();
    assert!(!json.contains("Virtanen") && !json.contains("Matille"));
    r.assert_replays();
    // Again: nothing to do.
    assert!(r
        .run(&chair, Command::RedactItem { item: a }, T0 + 4 * MIN)
        .unwrap()
        .is_empty());
    assert_eq!(
        r.run(&chair, Command::RedactItem { item: "i9".into() }, T0)
            .unwrap_err()
            .code,
        ErrorCode::UnknownItem
    );
}

#[test]
fn deferring_the_current_item_starts_the_next_and_undo_puts_it_back() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let a = r.submit(&p, "A");
    let b = r.submit(&p, "B");
    r.run(&chair, Command::ConfirmAgenda, T0).unwrap();
    r.run(&chair, Command::StartItem { item: a.clone() }, T0)
        .unwrap();
    r.run(&p, Command::RaiseHand, T0 + 1).unwrap();
    let before = r.state.clone();
    let ev = r
        .run(&chair, Command::DeferItem { item: a.clone() }, T0 + 5 * MIN)
        .unwrap();
    let kinds: Vec<&str> = ev.iter().map(|e| e.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "undoable_action",
            "hands_cleared",
            "item_deferred",
            "item_started"
        ]
    );
    assert_eq!(r.state.current.as_ref().unwrap().item, b);
    assert_eq!(r.state.item(&a).unwrap().status, ItemStatus::Deferred);
    assert!(r.state.hands.is_empty());
    let u = r.state.undo.as_ref().unwrap();
    assert_eq!((u.action, u.item.as_ref()), (UndoAction::Defer, Some(&a)));
    // A participant cannot undo.
    assert_eq!(
        r.run(&p, Command::Undo, T0 + 5 * MIN).unwrap_err().code,
        ErrorCode::NotChair
    );
    r.run(&chair, Command::Undo, T0 + 5 * MIN + 30_000).unwrap();
    assert_eq!(r.state.items, before.items);
    assert_eq!(r.state.current, before.current);
    assert_eq!(r.state.hands, before.hands, "the hand is back up");
    assert!(r.state.undo.is_none());
    r.assert_replays();
    // Undone once: nothing more to undo.
    assert_eq!(
        r.run(&chair, Command::Undo, T0 + 5 * MIN + 31_000)
            .unwrap_err()
            .code,
        ErrorCode::WrongState
    );
}

#[test]
fn undo_of_next_and_withdraw_and_its_limits() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let a = r.submit(&p, "A");
    let b = r.submit(&p, "B");
    let c = r.submit(&p, "C");
    assert_eq!(
        r.run(&chair, Command::Undo, T0).unwrap_err().code,
        ErrorCode::WrongState,
        "nothing to undo yet"
    );
    // Next from the open meeting starts the first item; undo puts the meeting back.
    let open = r.state.clone();
    r.run(&chair, Command::NextItem, T0).unwrap();
    assert_eq!(r.state.phase, Phase::Running);
    r.run(&chair, Command::Undo, T0 + 10_000).unwrap();
    assert_eq!(r.state.phase, Phase::Open);
    assert_eq!(r.state.items, open.items);
    assert!(r.state.current.is_none() && r.state.started_at.is_none());
    // Next, then the window passes.
    r.run(&chair, Command::NextItem, T0 + MIN).unwrap();
    r.run(&chair, Command::NextItem, T0 + 10 * MIN).unwrap();
    assert_eq!(r.state.current.as_ref().unwrap().item, b);
    let err = r
        .run(&chair, Command::Undo, T0 + 10 * MIN + UNDO_WINDOW_MS + 1)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::UndoExpired);
    assert_eq!(r.state.current.as_ref().unwrap().item, b, "nothing changed");
    // Withdraw by the presenter, undone by the chair.
    r.run(&p, Command::WithdrawItem { item: c.clone() }, T0 + 11 * MIN)
        .unwrap();
    assert_eq!(r.state.item(&c).unwrap().status, ItemStatus::Withdrawn);
    r.run(&chair, Command::Undo, T0 + 11 * MIN + 5_000).unwrap();
    assert_eq!(r.state.item(&c).unwrap().status, ItemStatus::Queued);
    // Anything else changing the agenda since ends the chance to undo.
    r.run(&chair, Command::NextItem, T0 + 12 * MIN).unwrap();
    r.submit(&p, "D");
    assert_eq!(
        r.run(&chair, Command::Undo, T0 + 12 * MIN + 1_000)
            .unwrap_err()
            .code,
        ErrorCode::WrongState
    );
    // Presence and hands do not.
    r.run(&chair, Command::NextItem, T0 + 13 * MIN).unwrap();
    r.join("late", "disability", Role::Participant);
    r.run(&p, Command::RaiseHand, T0 + 13 * MIN).unwrap();
    r.run(&chair, Command::Undo, T0 + 13 * MIN + 1_000).unwrap();
    assert_eq!(r.state.item(&a).unwrap().status, ItemStatus::Done);
    // The undo point holds text, so a redaction ends it (the text must not come back).
    r.run(&chair, Command::NextItem, T0 + 14 * MIN).unwrap();
    r.run(&chair, Command::RedactItem { item: a }, T0 + 14 * MIN)
        .unwrap();
    assert!(r.state.undo.is_none());
    r.assert_replays();
}

#[test]
fn hands_lowered_by_the_floor_moving_on_are_named_in_queue_order() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p1 = r.join("p1", "kela", Role::Participant);
    let p2 = r.join("p2", "disability", Role::Participant);
    let a = r.submit(&p1, "A");
    r.submit(&p1, "B");
    r.run(&chair, Command::StartItem { item: a }, T0).unwrap();
    r.run(&p2, Command::RaiseHand, T0 + 1).unwrap();
    r.run(&p1, Command::RaiseHand, T0 + 2).unwrap();
    assert_eq!(r.state.hand_position(&"p2".into()), Some(1));
    assert_eq!(r.state.hand_position(&"p1".into()), Some(2));
    assert_eq!(r.state.hand_position(&"chair".into()), None);
    let ev = r.run(&chair, Command::NextItem, T0 + MIN).unwrap();
    let cleared = ev
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::HandsCleared { participants } => Some(participants.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(cleared, vec![ParticipantId::from("p2"), "p1".into()]);
    assert!(r.state.hands.is_empty());
    // No hands, no event.
    let ev = r.run(&chair, Command::NextItem, T0 + 2 * MIN).unwrap();
    assert!(ev.iter().all(|e| e.kind.name() != "hands_cleared"));
}

#[test]
fn the_last_item_is_held_to_the_pace_and_the_outlook_follows_the_agenda() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let items: Vec<ItemId> = (0..3).map(|i| r.submit(&chair, &format!("T{i}"))).collect();
    // Before confirming: what confirming would announce.
    let o = r.state.outlook.clone().unwrap();
    assert_eq!((o.items_left, o.each_ms), (3, 20 * MIN));
    r.run(&chair, Command::ConfirmAgenda, T0).unwrap();
    assert_eq!(r.state.pace_ms, Some(20 * MIN));
    // A fourth item after the announcement: the figure follows.
    let d = r.submit(&chair, "T3");
    let o = r.state.outlook.clone().unwrap();
    assert_eq!((o.items_left, o.queued, o.each_ms), (4, 4, 15 * MIN));
    assert_eq!(r.state.item(&d).unwrap().allotted_ms, Some(15 * MIN));
    r.run(&chair, Command::WithdrawItem { item: d }, T0)
        .unwrap();
    assert_eq!(r.state.outlook.as_ref().unwrap().each_ms, 20 * MIN);
    // Two quick items (5 minutes each): the last one still gets the announced 20, not 50.
    r.run(&chair, Command::NextItem, T0).unwrap();
    r.run(&chair, Command::NextItem, T0 + 5 * MIN).unwrap();
    let o = r.state.outlook.clone().unwrap();
    assert_eq!((o.items_left, o.queued, o.each_ms), (2, 1, 20 * MIN));
    assert_eq!(o.spare_ms, 15 * MIN, "60 - 5 - 20 - 20 left over");
    r.run(&chair, Command::NextItem, T0 + 10 * MIN).unwrap();
    let last = r.state.item(&items[2]).unwrap();
    assert_eq!(last.allotted_ms, Some(20 * MIN));
    assert_eq!(r.state.current.as_ref().unwrap().deadline, T0 + 30 * MIN);
    let o = r.state.outlook.clone().unwrap();
    assert_eq!((o.items_left, o.queued, o.spare_ms), (1, 0, 30 * MIN));
    // Behind schedule, shares shrink below the pace and nothing is spare.
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    for i in 0..3 {
        r.submit(&chair, &format!("T{i}"));
    }
    r.run(&chair, Command::ConfirmAgenda, T0).unwrap();
    r.run(&chair, Command::NextItem, T0).unwrap();
    r.run(&chair, Command::NextItem, T0 + 40 * MIN).unwrap();
    let o = r.state.outlook.clone().unwrap();
    assert_eq!(
        r.state
            .item(&r.state.current.as_ref().unwrap().item.clone())
            .unwrap()
            .allotted_ms,
        Some(10 * MIN)
    );
    assert_eq!((o.each_ms, o.spare_ms), (10 * MIN, 0));
}

#[test]
fn the_time_zone_survives_replay_and_old_snapshots_default_to_helsinki() {
    let mut r = Room::new();
    r.state.time_zone = "Europe/Stockholm".into();
    let created = Event {
        seq: 1,
        at: T0,
        kind: EventKind::MeetingCreated {
            meeting: r.state.meeting.clone(),
        },
    };
    r.state.apply(&created);
    assert_eq!(r.state.time_zone, "Europe/Stockholm");
    let mut v = serde_json::to_value(&r.state).unwrap();
    v.as_object_mut().unwrap().remove("time_zone");
    let back: RoomState = serde_json::from_value(v).unwrap();
    assert_eq!(back.time_zone, DEFAULT_TIME_ZONE);
}

#[test]
fn the_months_theme_survives_replay_and_is_absent_from_snapshots_without_one() {
    let mut r = Room::new();
    assert!(serde_json::to_value(&r.state)
        .unwrap()
        .get("month_theme")
        .is_none());
    let theme = crate::domain::MonthTheme {
        month: 3,
        theme: "Perheiden arki".into(),
        workshop: Some(crate::domain::WorkshopKind::Training),
        between_task: None,
    };
    r.state.month_theme = Some(theme.clone());
    let created = Event {
        seq: 1,
        at: T0,
        kind: EventKind::MeetingCreated {
            meeting: r.state.meeting.clone(),
        },
    };
    r.state.apply(&created);
    assert_eq!(r.state.month_theme.as_ref(), Some(&theme));
    let back: RoomState = serde_json::from_value(serde_json::to_value(&r.state).unwrap()).unwrap();
    assert_eq!(back.month_theme, Some(theme));
}

#[test]
fn redacting_the_log_leaves_no_text_of_the_item_and_replays_to_the_redacted_state() {
    let mut r = Room::new();
    let chair = r.join("chair", "health_station", Role::Chair);
    let p = r.join("p", "kela", Role::Participant);
    let a = r.submit(&p, "Virtanen");
    let b = r.submit(&p, "Toinen");
    r.run(&chair, with_title(&a, "Virtasen tapaus"), T0)
        .unwrap();
    r.run(&chair, Command::StartItem { item: a.clone() }, T0)
        .unwrap();
    r.run(
        &chair,
        Command::RecordOutcome {
            item: a.clone(),
            outcome: Outcome {
                advice: "Virtaselle soitto".into(),
                ..Default::default()
            },
        },
        T0,
    )
    .unwrap();
    r.run(&chair, Command::RedactItem { item: a.clone() }, T0 + MIN)
        .unwrap();
    let mut log = r.log.clone();
    let changed = log
        .iter_mut()
        .map(|e| e.kind.redact_item(&a))
        .filter(|c| *c)
        .count();
    assert_eq!(changed, 3, "submitted, edited, outcome");
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains("Virta"), "{text}");
    assert!(text.contains("Toinen"), "other items keep their text");
    assert_eq!(RoomState::replay(&log).unwrap(), r.state);
    assert_eq!(
        log.iter_mut()
            .map(|e| e.kind.redact_item(&a))
            .filter(|c| *c)
            .count(),
        0,
        "a second pass has nothing to do"
    );
    let _ = b;
}

#[test]
fn an_item_says_which_wanted_services_are_not_here() {
    let mut r = Room::new();
    let p = r.join("p", "kela", Role::Participant);
    let a = r.submit(&p, "A");
    r.run(
        &p,
        Command::EditItem {
            item: a.clone(),
            title: None,
            summary: None,
            question: None,
            services_wanted: Some(vec!["disability".into(), "kela".into()]),
            themes: None,
        },
        T0,
    )
    .unwrap();
    let it = r.state.item(&a).unwrap().clone();
    assert_eq!(
        r.state.missing_wanted(&it),
        vec![ServiceId::from("disability")]
    );
    r.join("d", "disability", Role::Participant);
    assert!(r.state.missing_wanted(&it).is_empty());
}
