//! The purge keeps every figure and removes every text, in the stored log, the carry-overs and
//! the minutes; it runs only when due.

use super::*;
use crate::db::events;
use shared::domain::{AgendaItem, REDACTED_TEXT};
use shared::domain::{
    CarryOver, CarryReason, ItemKind, ItemStatus, MeetingInfo, Outcome, PastTurn, Role, Theme,
};
use shared::ids::{CentreId, ItemId, ParticipantId, ServiceId};
use shared::room::{Allotment, Event, EventKind, RoomState};

/// Texts no purged log may still hold.
const SECRETS: [&str; 13] = [
    "Iäkäs asiakas kaatuilee",
    "Asuu yksin kolmannessa kerroksessa",
    "Kuka koordinoi kotihoidon",
    "Otsikko muokattu",
    "Tiivistelmä muokattu",
    "Kysymys muokattu",
    "Kotikäynti ensi viikolla",
    "Palveluohjaaja soittaa",
    "Sosiaalityöntekijä Pj",
    "Vuosaaren seurakunta",
    "Siirretty tapaus",
    "Aiempi neuvo",
    "Aiemmat jatkotoimet",
];

fn item(id: &str, title: &str, summary: &str, question: &str) -> AgendaItem {
    AgendaItem {
        id: ItemId(id.into()),
        kind: ItemKind::ClientCase,
        title: title.into(),
        summary: summary.into(),
        question: question.into(),
        services_wanted: vec![ServiceId::from("kela")],
        themes: vec![Theme::OlderClient, Theme::MentalHealth],
        presenter: ParticipantId("p1".into()),
        presenter_service: ServiceId::from("social_services"),
        status: ItemStatus::Queued,
        submitted_at: 1_000,
        allotted_ms: None,
        used_ms: None,
        overran: false,
        outcome: None,
        carried_over: None,
        edited: false,
        redacted: false,
        arrival: None,
    }
}

fn meeting_info() -> MeetingInfo {
    MeetingInfo {
        id: MeetingId("m1".into()),
        centre_id: CentreId("c1".into()),
        centre_name: "Kalasatama".into(),
        title: "PPT-konsultaatio".into(),
        starts_at: 0,
        ends_at: 3_600_000,
        services: shared::domain::default_catalogue(),
        kind: Default::default(),
    }
}

/// A meeting that ran: two people (one with a display name), a submitted item edited
/// and given an outcome with a follow-up, a carried-over item with an earlier turn's
/// outcome, deferred at the end.
fn log() -> Vec<EventKind> {
    let carried = AgendaItem {
        carried_over: Some(CarryOver {
            reason: CarryReason::FollowUp,
            from_meeting: MeetingId("m0".into()),
            from_item: ItemId("i9".into()),
            history: vec![PastTurn {
                meeting: MeetingId("m0".into()),
                meeting_starts_at: -1_000_000,
                status: ItemStatus::Done,
                used_ms: Some(300_000),
                outcome: Some(Outcome {
                    advice: "Aiempi neuvo".into(),
                    next_steps: "Aiemmat jatkotoimet".into(),
                    services_to_involve: vec![ServiceId::from("kela")],
                    follow_up: true,
                }),
            }],
        }),
        ..item("i2", "Siirretty tapaus", "", "Mitä seuraavaksi?")
    };
    vec![
        EventKind::MeetingCreated {
            meeting: meeting_info(),
        },
        EventKind::ParticipantJoined {
            participant: ParticipantId("p0".into()),
            service: ServiceId::from("health_station"),
            display_name: Some("Sosiaalityöntekijä Pj".into()),
            role: Role::Chair,
            organisation: None,
        },
        EventKind::ParticipantJoined {
            participant: ParticipantId("p1".into()),
            service: ServiceId::from("social_services"),
            display_name: None,
            role: Role::Participant,
            organisation: None,
        },
        EventKind::GuestsAllowed {
            experts: false,
            guests: true,
        },
        EventKind::ParticipantJoined {
            participant: ParticipantId("p2".into()),
            service: ServiceId::from(shared::domain::Standing::GUEST_ID),
            display_name: None,
            role: Role::Participant,
            organisation: Some("Vuosaaren seurakunta".into()),
        },
        EventKind::ItemCarriedOver { item: carried },
        EventKind::ItemSubmitted {
            item: item(
                "i1",
                "Iäkäs asiakas kaatuilee",
                "Asuu yksin kolmannessa kerroksessa",
                "Kuka koordinoi kotihoidon?",
            ),
        },
        EventKind::ItemEdited {
            item: ItemId("i1".into()),
            title: Some("Otsikko muokattu".into()),
            summary: Some("Tiivistelmä muokattu".into()),
            question: Some("Kysymys muokattu".into()),
            services_wanted: None,
            themes: Some(vec![Theme::OlderClient, Theme::Homelessness]),
        },
        EventKind::AgendaConfirmed {
            allotments: vec![
                Allotment {
                    item: ItemId("i2".into()),
                    ms: 600_000,
                },
                Allotment {
                    item: ItemId("i1".into()),
                    ms: 600_000,
                },
            ],
        },
        EventKind::ItemStarted {
            item: ItemId("i1".into()),
            allotments: vec![
                Allotment {
                    item: ItemId("i1".into()),
                    ms: 600_000,
                },
                Allotment {
                    item: ItemId("i2".into()),
                    ms: 600_000,
                },
            ],
        },
        EventKind::OutcomeRecorded {
            item: ItemId("i1".into()),
            outcome: Outcome {
                advice: "Kotikäynti ensi viikolla".into(),
                next_steps: "Palveluohjaaja soittaa".into(),
                services_to_involve: vec![ServiceId::from("elderly_guidance")],
                follow_up: true,
            },
        },
        EventKind::ItemFinished {
            item: ItemId("i1".into()),
            used_ms: 420_000,
        },
        EventKind::ItemDeferred {
            item: ItemId("i2".into()),
            used_ms: None,
        },
        EventKind::MeetingEnded,
    ]
}

fn events() -> Vec<Event> {
    log()
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Event {
            seq: i as u64 + 1,
            at: 10_000 * (i as i64 + 1),
            kind,
        })
        .collect()
}

fn contains_secret(text: &str) -> Option<&'static str> {
    SECRETS.iter().copied().find(|s| text.contains(s))
}

#[test]
fn stripping_removes_every_free_text_and_keeps_every_number() {
    let before = events();
    let mut after = before.clone();
    let changed: Vec<bool> = after.iter_mut().map(|e| strip_event(&mut e.kind)).collect();
    let text = serde_json::to_string(&after).unwrap();
    assert_eq!(contains_secret(&text), None, "{text}");
    // Exactly the events with text changed: the named join, the guest's join (their
    // organisation), the carried and submitted items, the edit, the outcome.
    let kinds: Vec<&str> = after
        .iter()
        .zip(&changed)
        .filter(|(_, c)| **c)
        .map(|(e, _)| e.kind.name())
        .collect();
    assert_eq!(
        kinds,
        [
            "participant_joined",
            "participant_joined",
            "item_carried_over",
            "item_submitted",
            "item_edited",
            "outcome_recorded"
        ]
    );
    // A second pass finds nothing left to do.
    assert!(after.iter_mut().all(|e| !strip_event(&mut e.kind)));

    let s0 = RoomState::replay(&before).unwrap();
    let s1 = RoomState::replay(&after).unwrap();
    assert_eq!(s1.items.len(), 2);
    for (a, b) in s0.items.iter().zip(&s1.items) {
        assert_eq!(
            (
                &a.id,
                a.kind,
                &a.themes,
                &a.services_wanted,
                &a.presenter_service,
                a.status,
                a.allotted_ms,
                a.used_ms,
                a.overran,
                a.edited,
            ),
            (
                &b.id,
                b.kind,
                &b.themes,
                &b.services_wanted,
                &b.presenter_service,
                b.status,
                b.allotted_ms,
                b.used_ms,
                b.overran,
                b.edited,
            )
        );
        assert!(!b.redacted, "a purge is not the chair's redaction");
        assert_eq!(b.title, REDACTED_TEXT);
        assert_eq!(b.question, REDACTED_TEXT);
        assert_eq!(b.summary, "");
        assert_eq!(a.outcome.is_some(), b.outcome.is_some());
        if let (Some(x), Some(y)) = (&a.outcome, &b.outcome) {
            assert_eq!(
                (&x.services_to_involve, x.follow_up),
                (&y.services_to_involve, y.follow_up)
            );
            assert_eq!(
                (y.advice.as_str(), y.next_steps.as_str()),
                (REDACTED_TEXT, REDACTED_TEXT)
            );
        }
    }
    let turn = &s1
        .item(&ItemId("i2".into()))
        .unwrap()
        .carried_over
        .as_ref()
        .unwrap()
        .history[0];
    let o = turn.outcome.as_ref().unwrap();
    assert_eq!((o.advice.as_str(), o.follow_up), (REDACTED_TEXT, true));
    assert_eq!(turn.used_ms, Some(300_000));
    // Who was there, by service, stays; the display name goes.
    let people = |s: &RoomState| {
        s.participants
            .iter()
            .map(|p| (p.id.clone(), p.service.clone(), p.role))
            .collect::<Vec<_>>()
    };
    assert_eq!(people(&s0), people(&s1));
    assert!(s1.participants.iter().all(|p| p.display_name.is_none()));
    // The meeting's own wording stays.
    assert_eq!(s1.meeting, s0.meeting);
    assert_eq!(
        (s1.phase, s1.started_at, s1.ended_at),
        (s0.phase, s0.started_at, s0.ended_at)
    );
}

#[test]
fn empty_texts_stay_empty_so_the_minutes_do_not_invent_an_outcome_text() {
    let mut o = EventKind::OutcomeRecorded {
        item: ItemId("i1".into()),
        outcome: Outcome {
            advice: String::new(),
            next_steps: String::new(),
            services_to_involve: vec![],
            follow_up: false,
        },
    };
    assert!(!strip_event(&mut o));
    let mut j = EventKind::ParticipantJoined {
        participant: ParticipantId("p".into()),
        service: ServiceId::from("kela"),
        display_name: None,
        role: Role::Participant,
        organisation: None,
    };
    assert!(!strip_event(&mut j));
}

fn test_db() -> (super::super::Db, super::super::testing::TestStore) {
    super::super::testing::fresh("retention")
}

/// Every text in the database file's tables, for looking for what must be gone.
fn all_text(conn: &Connection) -> String {
    let mut out = String::new();
    for (table, cols) in [
        ("events", "body"),
        ("carry_overs", "item"),
        ("meetings", "title"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT {cols} FROM {table}"))
            .unwrap();
        for v in stmt.query_map((), |r| r.get::<_, String>(0)).unwrap() {
            out.push_str(&v.unwrap());
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_purge_pass_rewrites_the_stored_log_and_carry_overs_and_only_when_due() {
    let (db, dir) = test_db();
    db.call_now(|conn| {
        conn.execute(
            "INSERT INTO centres (id, name, feed_key, created_at) VALUES ('c1', 'Kalasatama', 'k', 0)",
            (),
        )?;
        let row = super::super::meetings::MeetingRow {
            id: MeetingId("m1".into()),
            centre_id: CentreId("c1".into()),
            title: "PPT-konsultaatio".into(),
            starts_at: 0,
            ends_at: 3_600_000,
            chair_key: "ck".into(),
            participant_key: "pk".into(),
            deputy_key: "dk".into(),
            epoch: "epoch0".into(),
            series_date: None,
            cancelled_at: None,
            ended_at: None,
            revision: 0,
            kind: Default::default(),
        };
        super::super::meetings::create(conn, &row, &meeting_info(), 0)?;
        for e in events().into_iter().skip(1) {
            events::insert(conn, &row.id, &e, &serde_json::to_string(&e).unwrap())?;
        }
        conn.execute("UPDATE meetings SET ended_at = 100000 WHERE id = 'm1'", ())?;
        // i2 left for the next meeting (claimed), i1's follow-up still waits.
        let s = RoomState::replay(&events()).unwrap();
        super::super::carry_overs::register(
            conn,
            &row.id,
            &row.centre_id,
            0,
            CarryReason::Deferred,
            s.item(&ItemId("i2".into())).unwrap(),
        )?;
        super::super::carry_overs::register(
            conn,
            &row.id,
            &row.centre_id,
            0,
            CarryReason::FollowUp,
            s.item(&ItemId("i1".into())).unwrap(),
        )?;
        conn.execute(
            "UPDATE carry_overs SET target_meeting = 'm2' WHERE source_item = 'i2'",
            (),
        )?;
        Ok(())
    })
    .unwrap();
    let summary = |conn: &Connection| {
        let log = events::load(conn, &MeetingId("m1".into())).unwrap();
        let s = RoomState::replay(log.iter().map(|(e, _)| e)).unwrap();
        s.items
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.themes.clone(),
                    i.status,
                    i.used_ms,
                    i.outcome.as_ref().map(|o| o.follow_up),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = db.call_now(|c| Ok(summary(c))).unwrap();
    let keep = Retention::secs(60);

    db.call_now(|conn| {
        // Not due yet: ended at 100 s, kept 60 s, now 150 s.
        let r = run(conn, keep, 150_000, false)?;
        assert!(r.lines.is_empty());
        // Due: a dry run says so and changes nothing.
        let text = all_text(conn);
        let r = run(conn, keep, 200_000, true)?;
        assert_eq!(r.lines.len(), 1);
        let l = &r.lines[0];
        assert_eq!(
            (
                l.meeting.as_str(),
                l.items,
                l.outcomes,
                l.events,
                l.carry_overs,
                l.again
            ),
            ("m1", 2, 1, 6, 1, false)
        );
        assert_eq!(all_text(conn), text, "a dry run changes nothing");
        assert!(contains_secret(&text).is_some());
        let status0 = status(conn, &MeetingId("m1".into()))?;
        assert_eq!(status0.purged_at, None);
        // The real pass.
        let r = run(conn, keep, 200_000, false)?;
        assert_eq!(r.lines.len(), 1);
        assert_eq!(
            r.waiting_carry_overs, 1,
            "the waiting follow-up keeps its text"
        );
        let text = all_text(conn);
        let waiting: String = conn.query_row(
            "SELECT item FROM carry_overs WHERE target_meeting IS NULL",
            (),
            |r| r.get(0),
        )?;
        let rest = text.replace(&waiting, "");
        assert_eq!(contains_secret(&rest), None, "{rest}");
        assert!(
            text.contains("PPT-konsultaatio"),
            "the meeting's own title stays"
        );
        let st = status(conn, &MeetingId("m1".into()))?;
        assert_eq!(st.purged_at, Some(200_000));
        // The end plus the default retention (nothing stored in settings here).
        assert_eq!(st.kept_until, Some(100_000 + Retention::default().as_ms()));
        let epoch: String =
            conn.query_row("SELECT epoch FROM meetings WHERE id = 'm1'", (), |r| {
                r.get(0)
            })?;
        assert_ne!(epoch, "epoch0", "a new history epoch");
        // Nothing more to do on the next pass.
        assert!(run(conn, keep, 300_000, false)?.lines.is_empty());
        // The follow-up is taken by the next meeting: its waiting copy goes next pass.
        conn.execute(
            "UPDATE carry_overs SET target_meeting = 'm2' WHERE target_meeting IS NULL",
            (),
        )?;
        let r = run(conn, keep, 400_000, false)?;
        assert_eq!((r.lines.len(), r.late_carry_overs), (0, 1));
        assert_eq!(contains_secret(&all_text(conn)), None);
        // An outcome written after the purge (allowed after the end) is purged again.
        let e = Event {
            seq: 15,
            at: 500_000,
            kind: EventKind::OutcomeRecorded {
                item: ItemId("i2".into()),
                outcome: Outcome {
                    advice: "Kotikäynti ensi viikolla".into(),
                    ..Outcome::default()
                },
            },
        };
        events::insert(
            conn,
            &MeetingId("m1".into()),
            &e,
            &serde_json::to_string(&e).unwrap(),
        )?;
        let r = run(conn, keep, 600_000, false)?;
        assert_eq!(r.lines.len(), 1);
        assert!(r.lines[0].again);
        assert_eq!(r.lines[0].events, 1);
        assert_eq!(contains_secret(&all_text(conn)), None);
        assert_eq!(
            status(conn, &MeetingId("m1".into()))?.purged_at,
            Some(600_000)
        );
        // Someone's leave recorded after that holds no text: covered quietly, the purge
        // time stays (a live room is not sent away again for nothing).
        let e = Event {
            seq: 16,
            at: 700_000,
            kind: EventKind::ParticipantLeft {
                participant: ParticipantId("p1".into()),
            },
        };
        events::insert(
            conn,
            &MeetingId("m1".into()),
            &e,
            &serde_json::to_string(&e).unwrap(),
        )?;
        assert!(run(conn, keep, 800_000, false)?.lines.is_empty());
        assert_eq!(
            status(conn, &MeetingId("m1".into()))?.purged_at,
            Some(600_000)
        );
        assert!(run(conn, keep, 900_000, true)?.lines.is_empty());
        Ok(())
    })
    .unwrap();
    let mut after = db.call_now(|c| Ok(summary(c))).unwrap();
    // The late outcome is a new fact (one more outcome); everything else is as before.
    after[1].4 = None;
    assert_eq!(after, before, "every number the reports use stays");
    drop(db);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_stored_retention_is_what_the_minutes_and_the_cli_use() {
    let (db, dir) = test_db();
    db.call_now(|conn| {
        assert_eq!(configured(conn)?, Retention::days(90));
        store(conn, Retention::days(30))?;
        assert_eq!(configured(conn)?, Retention::days(30));
        Ok(())
    })
    .unwrap();
    assert_eq!(Retention::days(90).describe(), "90 days");
    assert_eq!(Retention::days(1).describe(), "1 day");
    assert_eq!(Retention::secs(5).describe(), "5 s");
    drop(db);
    let _ = std::fs::remove_dir_all(dir);
}
