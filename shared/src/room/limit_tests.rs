//! The meeting's limits: each is refused with `limit_reached` and changes nothing, and with
//! every limit filled the snapshot still fits [`MAX_SNAPSHOT_BYTES`].

use super::*;
use crate::domain::{default_catalogue, ItemDraft, ItemKind, Outcome, Service, Theme};
use crate::ids::{CentreId, MeetingId};
use crate::protocol::ServerMsg;

const T0: Millis = 1_700_000_000_000;
/// A 4-byte character: the most bytes a character takes in UTF-8, and in JSON.
const EMOJI: char = '😀';

fn emoji(n: usize) -> String {
    std::iter::repeat_n(EMOJI, n).collect()
}

fn meeting(services: Vec<Service>) -> MeetingInfo {
    MeetingInfo {
        id: MeetingId::from("m1"),
        centre_id: CentreId::from("kalasatama"),
        centre_name: "Kalasatama".into(),
        title: "PPT".into(),
        starts_at: T0,
        ends_at: T0 + 3_600_000,
        services,
        kind: Default::default(),
    }
}

/// A room driven through `decide` and `apply`, as the server drives it.
struct Room {
    state: RoomState,
    seq: u64,
}

impl Room {
    fn new() -> Room {
        Room::with(meeting(default_catalogue()))
    }

    fn with(info: MeetingInfo) -> Room {
        let mut room = Room {
            state: RoomState::new(info.clone()),
            seq: 0,
        };
        room.emit(vec![EventKind::MeetingCreated { meeting: info }]);
        room
    }

    fn emit(&mut self, kinds: Vec<EventKind>) {
        for kind in kinds {
            self.seq += 1;
            self.state.apply(&Event {
                seq: self.seq,
                at: T0,
                kind,
            });
        }
    }

    fn run(&mut self, actor: &Actor, cmd: Command) -> Result<(), Refusal> {
        let kinds = self.state.decide(actor, &cmd, T0)?;
        self.emit(kinds);
        Ok(())
    }

    /// Joins a new person for a catalogue service (checked as the server checks a join).
    fn join(&mut self, n: usize, role: Role, name: Option<String>) -> Result<Actor, Refusal> {
        let service = self.state.meeting.services[n % self.state.meeting.services.len()]
            .id
            .clone();
        self.join_as(n, role, name, JoinAs::service(service))
    }

    /// Joins a new person as `join` says, by the rules the server runs.
    fn join_as(
        &mut self,
        n: usize,
        role: Role,
        name: Option<String>,
        join: JoinAs,
    ) -> Result<Actor, Refusal> {
        let id = ParticipantId(format!("{role:?}-{n:03}"));
        let kinds = self.state.join(&id, role, &join, name.as_deref(), &[])?;
        self.emit(kinds);
        Ok(Actor {
            role,
            participant: Some(id),
        })
    }

    /// Runs a command that must be refused with `limit_reached`, and checks nothing changed.
    fn limited(&mut self, actor: &Actor, cmd: Command) -> String {
        let before = self.state.clone();
        let refusal = self
            .run(actor, cmd)
            .expect_err("over a limit the command is refused");
        assert_eq!(refusal.code, ErrorCode::LimitReached, "{}", refusal.message);
        assert_eq!(self.state, before, "a refused command changes nothing");
        refusal.message
    }
}

fn draft(title: &str, summary: String, question: String) -> Command {
    Command::SubmitItem {
        item: ItemDraft {
            kind: ItemKind::ClientCase,
            title: title.into(),
            summary,
            question,
            services_wanted: vec![],
            themes: vec![],
        },
    }
}

fn small(n: usize) -> Command {
    draft(&format!("Asia {n}"), String::new(), "Miten edetään?".into())
}

fn chair(room: &mut Room) -> Actor {
    room.join(0, Role::Chair, None).unwrap()
}

#[test]
fn one_person_can_have_eight_items_waiting() {
    let mut room = Room::new();
    let p = room.join(1, Role::Participant, None).unwrap();
    for n in 0..MAX_ITEMS_PER_PARTICIPANT {
        room.run(&p, small(n)).unwrap();
    }
    let message = room.limited(&p, small(99));
    assert!(message.contains("at most 8 items waiting"), "{message}");
    // Another person still can; so can the same one once an item of theirs has left the queue.
    let q = room.join(2, Role::Participant, None).unwrap();
    room.run(&q, small(100)).unwrap();
    room.run(
        &p,
        Command::WithdrawItem {
            item: ItemId::from("i1"),
        },
    )
    .unwrap();
    room.run(&p, small(101)).unwrap();
    // The chair is not one of the participants this limit is about.
    let c = chair(&mut room);
    for n in 0..MAX_ITEMS_PER_PARTICIPANT + 2 {
        room.run(&c, small(200 + n)).unwrap();
    }
}

#[test]
fn the_queue_holds_forty_items() {
    let mut room = Room::new();
    let people: Vec<Actor> = (1..=5)
        .map(|n| room.join(n, Role::Participant, None).unwrap())
        .collect();
    for (k, p) in people.iter().enumerate() {
        for n in 0..8 {
            room.run(p, small(k * 10 + n)).unwrap();
        }
    }
    assert_eq!(room.state.queued().count(), MAX_QUEUED_ITEMS);
    let late = room.join(6, Role::Participant, None).unwrap();
    let message = room.limited(&late, small(99));
    assert!(message.contains("at most 40 items"), "{message}");
    // The chair is held by it too: the queue is what everybody has to get through.
    let c = chair(&mut room);
    room.limited(&c, small(98));
    // Deferring one makes room.
    room.run(
        &c,
        Command::DeferItem {
            item: ItemId::from("i3"),
        },
    )
    .unwrap();
    room.run(&late, small(97)).unwrap();
}

#[test]
fn a_meeting_holds_a_hundred_items_in_all() {
    let mut room = Room::new();
    let c = chair(&mut room);
    for n in 0..MAX_ITEMS {
        room.run(&c, small(n)).unwrap();
        room.run(
            &c,
            Command::WithdrawItem {
                item: ItemId(format!("i{}", n + 1)),
            },
        )
        .unwrap();
    }
    let message = room.limited(&c, small(999));
    assert!(message.contains("at most 100 items in all"), "{message}");
}

#[test]
fn the_items_hold_at_most_200_kb_of_text_whatever_the_characters() {
    let mut room = Room::new();
    let people: Vec<Actor> = (1..=6)
        .map(|n| room.join(n, Role::Participant, None).unwrap())
        .collect();
    // The flood from the issue: each of six people sends items of 4 000 emoji twice over.
    let mut accepted = 0;
    let mut limited = 0;
    for p in &people {
        for _ in 0..25 {
            match room.run(p, draft("Tulva", emoji(MAX_TEXT), emoji(MAX_TEXT))) {
                Ok(()) => accepted += 1,
                Err(r) => {
                    assert_eq!(r.code, ErrorCode::LimitReached, "{}", r.message);
                    limited += 1;
                }
            }
        }
    }
    assert_eq!(accepted, 6, "32 KB each: six fit in 200 KB");
    assert_eq!(limited, 150 - 6);
    assert!(room.state.agenda_bytes() <= MAX_AGENDA_BYTES);
    // Characters JSON writes as two bytes (quotes, line breaks) are counted as sent, too: 4 000
    // of them are 4 KB of UTF-8 but 8 KB in a snapshot.
    let mut quotes = Room::new();
    let c = chair(&mut quotes);
    let text = "\n\"".repeat(MAX_TEXT / 2);
    let mut n = 0;
    while quotes
        .run(&c, draft("Lainausmerkit", text.clone(), text.clone()))
        .is_ok()
    {
        n += 1;
    }
    assert_eq!(n, 12, "16 KB sent per item: twelve fit in 200 KB (not 24)");
    let message = quotes.limited(&c, draft("Vielä", text.clone(), text.clone()));
    assert!(message.contains("at most 200 KB"), "{message}");
}

#[test]
fn edits_and_outcomes_that_would_pass_the_text_limit_are_refused() {
    let mut room = Room::new();
    let c = chair(&mut room);
    let p = room.join(1, Role::Participant, None).unwrap();
    // Fill the items with text to a little under the limit.
    while room
        .run(&c, draft("Täysi", emoji(MAX_TEXT), emoji(MAX_TEXT)))
        .is_ok()
    {}
    while room.run(&c, draft("Pieni", emoji(500), "?".into())).is_ok() {}
    room.run(&p, small(1)).unwrap_or(());
    let mine = room
        .state
        .items
        .iter()
        .rfind(|i| i.presenter == *p.participant.as_ref().unwrap())
        .map(|i| i.id.clone());
    // The last of the chair's long items (the participant's small one may have fitted after).
    let last = room
        .state
        .items
        .iter()
        .rfind(|i| i.title == "Pieni")
        .unwrap()
        .id
        .clone();
    let edit = |item: &ItemId, summary: String| Command::EditItem {
        item: item.clone(),
        title: None,
        summary: Some(summary),
        question: None,
        services_wanted: None,
        themes: None,
    };
    room.limited(&c, edit(&last, emoji(MAX_TEXT)));
    if let Some(mine) = &mine {
        room.limited(&p, edit(mine, emoji(MAX_TEXT)));
    }
    // An edit that does not grow the item is fine, full or not.
    room.run(&c, edit(&last, "lyhyempi".into())).unwrap();
    // Outcomes count too: the chair gives the floor to an item and records a long outcome.
    let first = room.state.items[0].id.clone();
    room.run(
        &c,
        Command::StartItem {
            item: first.clone(),
        },
    )
    .unwrap();
    while room.run(&c, draft("Lisää", emoji(300), "?".into())).is_ok() {}
    let outcome = Outcome {
        advice: emoji(MAX_TEXT),
        next_steps: emoji(MAX_TEXT),
        services_to_involve: vec![],
        follow_up: false,
    };
    room.limited(
        &c,
        Command::RecordOutcome {
            item: first.clone(),
            outcome,
        },
    );
    // Redacting an item frees its text: then the outcome fits.
    let big = room.state.items[1].id.clone();
    room.run(&c, Command::RedactItem { item: big }).unwrap();
    room.run(
        &c,
        Command::RecordOutcome {
            item: first,
            outcome: Outcome {
                advice: emoji(1000),
                ..Outcome::default()
            },
        },
    )
    .unwrap();
}

#[test]
fn sixty_participants_and_ten_chair_seats() {
    let mut room = Room::new();
    for n in 0..MAX_PARTICIPANTS {
        room.join(n, Role::Participant, None).unwrap();
    }
    let refused = room.join(999, Role::Participant, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::LimitReached);
    assert!(
        refused.message.contains("60 participants"),
        "{}",
        refused.message
    );
    // Everyone already in keeps their seat (a reconnect, a second tab).
    let known = ParticipantId(format!("{:?}-{:03}", Role::Participant, 7));
    room.state.check_seat(&known, Role::Participant).unwrap();
    // The chair link has seats of its own, so a flood never keeps the chair out.
    for n in 0..MAX_CHAIR_SEATS {
        room.join(n, Role::Chair, None).unwrap();
    }
    let refused = room.join(999, Role::Chair, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::LimitReached);
    // So has the deputy chair's link.
    for n in 0..MAX_CHAIR_SEATS {
        room.join(n, Role::Deputy, None).unwrap();
    }
    let refused = room.join(999, Role::Deputy, None).unwrap_err();
    assert!(refused.message.contains("deputy"), "{}", refused.message);
}

#[test]
fn carried_over_items_arrive_only_while_they_fit() {
    let mut room = Room::new();
    let c = chair(&mut room);
    for n in 0..MAX_QUEUED_ITEMS - 2 {
        room.run(&c, small(n)).unwrap();
    }
    let carried = |n: usize| AgendaItem {
        id: ItemId(format!("c{n}")),
        kind: ItemKind::ClientCase,
        title: "Siirretty".into(),
        summary: String::new(),
        question: "?".into(),
        services_wanted: vec![],
        themes: vec![],
        presenter: ParticipantId::from("earlier"),
        presenter_service: ServiceId::from("kela"),
        status: ItemStatus::Queued,
        submitted_at: T0,
        allotted_ms: None,
        used_ms: None,
        overran: false,
        outcome: None,
        carried_over: None,
        edited: false,
        redacted: false,
        arrival: None,
    };
    let (a, b, d) = (carried(1), carried(2), carried(3));
    room.state.check_arrivals(&[&a, &b]).unwrap();
    let refused = room.state.check_arrivals(&[&a, &b, &d]).unwrap_err();
    assert_eq!(refused.code, ErrorCode::LimitReached);
    let mut big = carried(4);
    big.summary = emoji(MAX_AGENDA_BYTES / 4);
    assert_eq!(
        room.state.check_arrivals(&[&big]).unwrap_err().code,
        ErrorCode::LimitReached
    );
}

/// Services a centre's catalogue is assumed to hold at most, and the allowlist the coordinator
/// API accepts (`server/src/api/centres.rs`: 500 entries of 100 characters).
const CATALOGUE: usize = MAX_SERVICES;
const ALLOWLIST: usize = 500;
const ALLOWLIST_WORD: usize = 100;

/// The largest room the limits allow: every seat taken by a person with the longest name, every
/// hand up, the items filled to [`MAX_ITEMS`] and [`MAX_AGENDA_BYTES`] with 4-byte characters,
/// an undo point holding a copy of them all, every item grown as far as it can after its
/// check, the longest catalogue, titles and allowlist. Its snapshot must fit
/// [`MAX_SNAPSHOT_BYTES`].
fn maximal_room() -> (Room, Vec<String>) {
    let long = |n: usize| emoji(n);
    let mut services = default_catalogue();
    for s in &mut services {
        s.name_fi = long(120);
        s.name_sv = long(120);
        s.name_en = long(120);
    }
    while services.len() < CATALOGUE {
        services.push(Service {
            id: ServiceId(format!("service_{:0>32}", services.len())),
            name_fi: long(120),
            name_sv: long(120),
            name_en: long(120),
            required: true,
        });
    }
    let mut info = meeting(services);
    info.title = long(150);
    info.centre_name = long(100);
    info.id = MeetingId("m".repeat(36));
    info.centre_id = CentreId("c".repeat(40));
    let mut room = Room::with(info);
    let name = || Some(long(MAX_DISPLAY_NAME));
    let chairs: Vec<Actor> = (0..MAX_CHAIR_SEATS)
        .map(|n| room.join(n, Role::Chair, name()).unwrap())
        .collect();
    let deputies: Vec<Actor> = (0..MAX_CHAIR_SEATS)
        .map(|n| room.join(n, Role::Deputy, name()).unwrap())
        .collect();
    let c = &chairs[0];
    // Everyone with the participant link a guest with the longest organisation: the most a
    // person takes in the snapshot.
    let admit = Command::AllowGuests {
        experts: true,
        guests: true,
    };
    room.run(c, admit).unwrap();
    let guest = || JoinAs {
        service: ServiceId::from(crate::domain::Standing::GUEST_ID),
        organisation: Some(long(MAX_ORGANISATION)),
    };
    let people: Vec<Actor> = (0..MAX_PARTICIPANTS)
        .map(|n| room.join_as(n, Role::Participant, name(), guest()).unwrap())
        .collect();
    // Every participant promoted to deputy and one named scribe: the roles at their largest.
    for p in &people {
        let participant = p.participant.clone().unwrap();
        room.run(c, Command::PromoteDeputy { participant }).unwrap();
    }
    let scribe = people[0].participant.clone().unwrap();
    room.run(
        c,
        Command::NameScribe {
            participant: scribe,
        },
    )
    .unwrap();
    let every_service: Vec<ServiceId> = room
        .state
        .meeting
        .services
        .iter()
        .map(|s| s.id.clone())
        .collect();
    // Items until nothing more fits, each with the longest title, every service and theme and
    // as much text as is left; the queue is kept under its limit by withdrawing (withdrawn
    // items stay in the state).
    let bare = {
        let kinds = room
            .state
            .decide(
                &people[0],
                &draft_full(&long(MAX_TITLE), 1, &every_service),
                T0,
            )
            .unwrap();
        let EventKind::ItemSubmitted { item } = &kinds[0] else {
            unreachable!()
        };
        item_bytes(item) + 16
    };
    for n in 0..MAX_ITEMS {
        let left = MAX_AGENDA_BYTES - room.state.agenda_bytes();
        let who = &people[n % MAX_PARTICIPANTS];
        if room.state.queued().count() == MAX_QUEUED_ITEMS {
            let oldest = room.state.queued().next().unwrap().id.clone();
            room.run(c, Command::WithdrawItem { item: oldest }).unwrap();
        }
        let cmd = if left >= bare {
            let chars = ((left - bare) / 4).clamp(1, 2 * MAX_TEXT);
            draft_full(&long(MAX_TITLE), chars, &every_service)
        } else {
            small(n)
        };
        if room.run(who, cmd).is_err() {
            break;
        }
    }
    let small_item = {
        let kinds = room.state.clone().decide(c, &small(1), T0);
        kinds.map_or(0, |_| 1)
    };
    assert_eq!(small_item, 0, "the items are filled to the brim");
    assert!(MAX_AGENDA_BYTES - room.state.agenda_bytes() < 1024);
    // Every hand up on the item on the floor, then an agenda action that keeps an undo point
    // (a copy of every item).
    let first = room.state.queued().next().unwrap().id.clone();
    room.run(c, Command::StartItem { item: first }).unwrap();
    for p in chairs.iter().chain(&deputies).chain(&people) {
        room.run(p, Command::RaiseHand).unwrap();
    }
    let next = room.state.queued().next().unwrap().id.clone();
    room.run(c, Command::WithdrawItem { item: next }).unwrap();
    assert!(room.state.undo.is_some());
    assert_eq!(
        room.state.hands.len(),
        MAX_PARTICIPANTS + 2 * MAX_CHAIR_SEATS
    );
    // Every item as it can grow after its check (ITEM_GROWTH_BYTES), in the undo copy too.
    let grow = |items: &mut Vec<AgendaItem>| {
        for it in items {
            it.allotted_ms = Some(Millis::MAX);
            it.used_ms = Some(Millis::MIN);
            it.status = ItemStatus::Presenting;
            it.overran = true;
            it.edited = true;
            it.redacted = true;
        }
    };
    let before = room.state.clone();
    grow(&mut room.state.items);
    grow(&mut room.state.undo.as_mut().unwrap().before.items);
    for (grown, checked) in room.state.items.iter().zip(&before.items) {
        assert!(
            serde_json::to_string(grown).unwrap().len() <= item_bytes(checked),
            "an item grows by at most ITEM_GROWTH_BYTES"
        );
    }
    let allowlist = (0..ALLOWLIST).map(|_| long(ALLOWLIST_WORD)).collect();
    (room, allowlist)
}

fn draft_full(title: &str, chars: usize, services: &[ServiceId]) -> Command {
    let summary = chars.saturating_sub(1).min(MAX_TEXT);
    Command::SubmitItem {
        item: ItemDraft {
            kind: ItemKind::RegionalMatter,
            title: title.into(),
            summary: emoji(summary),
            question: emoji((chars - summary).max(1)),
            services_wanted: services.to_vec(),
            themes: Theme::ALL.to_vec(),
        },
    }
}

#[test]
fn the_snapshot_of_a_room_with_every_limit_filled_fits_what_a_client_receives() {
    let (room, allowlist) = maximal_room();
    let snapshot = ServerMsg::Snapshot {
        epoch: "e".repeat(32),
        seq: u64::MAX,
        now: Millis::MAX,
        representation: room.state.representation(),
        state: Box::new(room.state.clone()),
        allowlist,
    };
    let bytes = serde_json::to_string(&snapshot).unwrap().len();
    let items = serde_json::to_string(&room.state.items).unwrap().len();
    println!(
        "largest snapshot: {bytes} bytes ({} KiB; items {} KiB, undo copy as much) of {} KiB",
        bytes / 1024,
        items / 1024,
        MAX_SNAPSHOT_BYTES / 1024
    );
    assert!(
        bytes < MAX_SNAPSHOT_BYTES,
        "the largest snapshot ({bytes} bytes) must fit MAX_SNAPSHOT_BYTES"
    );
    // And one more of anything is refused.
    let mut room = room;
    let c = Actor {
        role: Role::Chair,
        participant: Some(ParticipantId(format!("{:?}-000", Role::Chair))),
    };
    assert_eq!(
        room.run(&c, draft("x", String::new(), emoji(MAX_TEXT)))
            .unwrap_err()
            .code,
        ErrorCode::LimitReached
    );
    assert_eq!(
        room.join(1000, Role::Participant, None).unwrap_err().code,
        ErrorCode::LimitReached
    );
}
