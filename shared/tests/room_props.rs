//! Property tests of the room rules and the wire decoder (issue "abuse-proof meetings"):
//! random sequences of client messages from random roles — valid commands, commands with bad
//! fields, raw frames that are not JSON or not the protocol — never panic the decoder or the
//! room rules, and replaying the event log (as stored: JSON) always rebuilds exactly the live
//! state.

use proptest::prelude::*;
use shared::domain::{
    default_catalogue, ItemDraft, ItemKind, MeetingInfo, Outcome, Phase, Role, Standing, Theme,
};
use shared::ids::{CentreId, ItemId, MeetingId, ParticipantId, ServiceId};
use shared::protocol::{parse_client_frame, ClientMsg, Command};
use shared::room::{Actor, Event, EventKind, JoinAs, RoomState};
use shared::Millis;

const START: Millis = 1_900_000_000_000;
const PEOPLE: u8 = 6;

/// One step of a random session.
#[derive(Clone, Debug)]
enum Step {
    /// Person `who` joins with the `service`-th catalogue entry (0 is the chair).
    Join {
        who: u8,
        service: usize,
        name: Option<String>,
    },
    Leave {
        who: u8,
    },
    /// Person `who` sends a command (decided with their role, joined or not).
    Send {
        who: u8,
        cmd: Command,
    },
    /// A raw frame from person `who`, decoded as the server does, and decided if it decodes.
    Raw {
        who: u8,
        frame: String,
    },
    /// The clock moves on; whatever the clock makes due is committed.
    Wait {
        ms: Millis,
    },
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-ZåäöÅÄÖ ,.?-]{1,40}",
        1 => Just(String::new()),
        1 => "[a-z]{1,4}".prop_map(|s| s.repeat(600)),
        1 => "\\PC{0,30}",
        1 => Just("a\u{202E}b".to_owned()),
    ]
}

fn item_id() -> impl Strategy<Value = ItemId> {
    prop_oneof![4 => 1u8..4, 1 => 1u8..9].prop_map(|n| ItemId(format!("i{n}")))
}

/// Who sends: the chair half the time (most commands are the chair's).
fn sender() -> impl Strategy<Value = u8> {
    prop_oneof![1 => Just(0u8), 1 => 1..PEOPLE]
}

fn service_id() -> impl Strategy<Value = ServiceId> {
    let ids: Vec<ServiceId> = default_catalogue().into_iter().map(|s| s.id).collect();
    prop_oneof![
        8 => proptest::sample::select(ids),
        1 => Just(ServiceId::from("no_such_service")),
    ]
}

fn theme() -> impl Strategy<Value = Theme> {
    prop_oneof![
        Just(Theme::Homelessness),
        Just(Theme::SubstanceAbuse),
        Just(Theme::MentalHealth),
        Just(Theme::FunctionalAbility),
        Just(Theme::SocialProblems),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    let draft = (
        prop_oneof![
            Just(ItemKind::ClientCase),
            Just(ItemKind::Phenomenon),
            Just(ItemKind::RegionalMatter)
        ],
        text(),
        text(),
        text(),
        proptest::collection::vec(service_id(), 0..4),
        proptest::collection::vec(theme(), 0..3),
    )
        .prop_map(
            |(kind, title, summary, question, services_wanted, themes)| ItemDraft {
                kind,
                title,
                summary,
                question,
                services_wanted,
                themes,
            },
        );
    let outcome = (
        text(),
        text(),
        proptest::collection::vec(service_id(), 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(advice, next_steps, services_to_involve, follow_up)| Outcome {
                advice,
                next_steps,
                services_to_involve,
                follow_up,
            },
        );
    prop_oneof![
        4 => draft.prop_map(|item| Command::SubmitItem { item }),
        2 => Just(Command::RaiseHand),
        1 => proptest::option::of((0..PEOPLE).prop_map(|p| ParticipantId(format!("p{p}"))))
            .prop_map(|participant| Command::LowerHand { participant }),
        1 => proptest::collection::vec(item_id(), 0..6).prop_map(|order| Command::Reorder { order }),
        1 => Just(Command::ConfirmAgenda),
        2 => item_id().prop_map(|item| Command::StartItem { item }),
        2 => Just(Command::NextItem),
        1 => Just(Command::Pause),
        1 => Just(Command::Resume),
        1 => (0u32..40).prop_map(|minutes| Command::Extend { minutes }),
        1 => item_id().prop_map(|item| Command::DeferItem { item }),
        1 => item_id().prop_map(|item| Command::WithdrawItem { item }),
        3 => (item_id(), outcome).prop_map(|(item, outcome)| Command::RecordOutcome { item, outcome }),
        1 => prop_oneof![4 => Just(Command::Pause), 1 => Just(Command::EndMeeting)],
        1 => (item_id(), proptest::option::of(text()), proptest::option::of(text()))
            .prop_map(|(item, title, question)| Command::EditItem {
                item,
                title,
                summary: None,
                question,
                services_wanted: None,
                themes: None,
            }),
        1 => item_id().prop_map(|item| Command::RedactItem { item }),
        1 => Just(Command::Undo),
        1 => (any::<bool>(), any::<bool>())
            .prop_map(|(experts, guests)| Command::AllowGuests { experts, guests }),
    ]
}

/// Frames a hostile or broken client might send: any text, JSON of the wrong shape, known
/// types with wrong fields, and real commands.
fn raw_frame() -> impl Strategy<Value = String> {
    let types = prop_oneof![
        Just("submit_item"),
        Just("start_item"),
        Just("edit_item"),
        Just("join"),
        Just("hello"),
        Just("record_outcome"),
        Just("reorder"),
        Just("extend"),
        Just("no_such_type"),
    ];
    let json_value = proptest::arbitrary::any::<u8>().prop_flat_map(|_| {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(|f| serde_json::json!(f)),
            "\\PC{0,12}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                proptest::collection::btree_map(
                    prop_oneof![
                        Just("item".to_owned()),
                        Just("title".to_owned()),
                        Just("order".to_owned()),
                        "[a-z]{1,6}"
                    ],
                    inner,
                    0..4
                )
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    });
    prop_oneof![
        2 => "\\PC{0,60}",
        2 => (types, json_value.clone()).prop_map(|(ty, v)| {
            let mut o = serde_json::Map::new();
            o.insert("type".into(), ty.into());
            o.insert("item".into(), v.clone());
            o.insert("minutes".into(), v);
            serde_json::Value::Object(o).to_string()
        }),
        1 => json_value.prop_map(|v| v.to_string()),
        2 => command().prop_map(|c| serde_json::to_string(&ClientMsg::Command(c)).unwrap()),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..PEOPLE, 0usize..12, proptest::option::of(text()))
            .prop_map(|(who, service, name)| Step::Join { who, service, name }),
        1 => (0..PEOPLE).prop_map(|who| Step::Leave { who }),
        10 => (sender(), command()).prop_map(|(who, cmd)| Step::Send { who, cmd }),
        3 => (0..PEOPLE, raw_frame()).prop_map(|(who, frame)| Step::Raw { who, frame }),
        2 => prop_oneof![Just(1_000), Just(60_000), Just(600_000), Just(3_600_000)]
            .prop_map(|ms| Step::Wait { ms }),
    ]
}

/// A room under test: the live state and its log, as the server keeps them.
struct Session {
    live: RoomState,
    log: Vec<Event>,
    now: Millis,
    joined: [bool; PEOPLE as usize],
}

impl Session {
    fn new() -> Session {
        let meeting = MeetingInfo {
            id: MeetingId::from("m-props"),
            centre_id: CentreId::from("kalasatama"),
            centre_name: "Kalasatama".into(),
            title: "PPT-konsultaatio".into(),
            starts_at: START,
            ends_at: START + 3_600_000,
            services: default_catalogue(),
            kind: Default::default(),
        };
        let mut s = Session {
            live: RoomState::new(meeting.clone()),
            log: Vec::new(),
            now: START - 600_000,
            joined: [false; PEOPLE as usize],
        };
        s.commit(vec![EventKind::MeetingCreated { meeting }]);
        s
    }

    fn commit(&mut self, kinds: Vec<EventKind>) {
        for kind in kinds {
            let event = Event {
                seq: self.log.len() as u64 + 1,
                at: self.now,
                kind,
            };
            if !matches!(event.kind, EventKind::MeetingCreated { .. }) {
                self.live.apply(&event);
            }
            self.log.push(event);
        }
    }

    fn actor(&self, who: u8) -> Actor {
        Actor {
            role: if who == 0 {
                Role::Chair
            } else {
                Role::Participant
            },
            participant: self.joined[who as usize].then(|| ParticipantId(format!("p{who}"))),
        }
    }

    fn decide(&mut self, who: u8, cmd: &Command) {
        let actor = self.actor(who);
        let before = self.live.clone();
        match self.live.decide(&actor, cmd, self.now) {
            Ok(kinds) => self.commit(kinds),
            Err(_) => assert_eq!(self.live, before, "a refusal changed nothing"),
        }
    }

    fn run(&mut self, step: &Step) {
        match step {
            Step::Join { who, service, name } => {
                // Past the catalogue: an expert by experience, a guest, an unknown service.
                let catalogue = default_catalogue();
                let join = match *service {
                    9 => JoinAs::service(ServiceId::from(Standing::EXPERT_BY_EXPERIENCE_ID)),
                    10 => JoinAs {
                        service: ServiceId::from(Standing::GUEST_ID),
                        organisation: name.clone(),
                    },
                    n => JoinAs::service(
                        catalogue
                            .get(n)
                            .map_or(ServiceId::from("no_such_service"), |s| s.id.clone()),
                    ),
                };
                let participant = ParticipantId(format!("p{who}"));
                let role = self.actor(*who).role;
                let decided = self.live.check_join(&join, name.as_deref()).and_then(|()| {
                    self.live
                        .join(&participant, role, &join, name.as_deref(), &[])
                });
                if let Ok(kinds) = decided {
                    self.commit(kinds);
                    self.joined[*who as usize] = true;
                }
            }
            Step::Leave { who } => {
                if self.joined[*who as usize] && self.live.phase != Phase::Ended {
                    self.commit(vec![EventKind::ParticipantLeft {
                        participant: ParticipantId(format!("p{who}")),
                    }]);
                    self.joined[*who as usize] = false;
                }
            }
            Step::Send { who, cmd } => self.decide(*who, cmd),
            Step::Raw { who, frame } => {
                if let Ok(envelope) = parse_client_frame(frame) {
                    if let ClientMsg::Command(cmd) = envelope.msg {
                        self.decide(*who, &cmd);
                    }
                }
            }
            Step::Wait { ms } => {
                self.now += ms;
                let due = self.live.due(self.now);
                self.commit(due);
            }
        }
    }

    /// The log as stored (JSON text per event) and read back.
    fn stored_log(&self) -> Vec<Event> {
        self.log
            .iter()
            .map(|e| serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap())
            .collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Whatever arrives, in whatever order from whichever role: nothing panics, a refusal
    /// changes nothing, and the stored log replays to exactly the live state after every step.
    #[test]
    fn random_sessions_never_panic_and_the_log_rebuilds_the_live_state(
        steps in proptest::collection::vec(step(), 1..120)
    ) {
        let mut s = Session::new();
        for (n, step) in steps.iter().enumerate() {
            s.run(step);
            let replayed = RoomState::replay(&s.stored_log()).expect("starts with meeting_created");
            prop_assert_eq!(&replayed, &s.live, "after step {}: {:?}", n, step);
            let seqs: Vec<u64> = s.log.iter().map(|e| e.seq).collect();
            prop_assert_eq!(seqs, (1..=s.log.len() as u64).collect::<Vec<_>>());
        }
    }

    /// The decoder takes any text without panicking and tells apart the errors.
    #[test]
    fn the_decoder_never_panics(frame in raw_frame()) {
        let _ = parse_client_frame(&frame);
    }

    /// Any bytes at all, as a lossy string.
    #[test]
    fn the_decoder_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_client_frame(&String::from_utf8_lossy(&bytes));
    }
}

/// The random sessions above are worth something only if they reach the interesting states:
/// items submitted and started, outcomes recorded, meetings ended, refusals along the way.
#[test]
fn random_sessions_reach_running_and_ended_meetings() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut running, mut ended, mut outcomes, mut events) = (0, 0, 0, 0);
    for _ in 0..200 {
        let steps = proptest::collection::vec(step(), 60..120)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut s = Session::new();
        for step in &steps {
            s.run(step);
        }
        running += (s.live.phase != Phase::Open) as u32;
        ended += (s.live.phase == Phase::Ended) as u32;
        outcomes += s.live.items.iter().filter(|i| i.outcome.is_some()).count() as u32;
        events += s.log.len() as u32;
    }
    eprintln!(
        "200 sessions: {running} started, {ended} ended, {outcomes} outcomes, {events} events"
    );
    assert!(
        running >= 60 && ended >= 10 && outcomes >= 5,
        "{running} {ended} {outcomes}"
    );
}
