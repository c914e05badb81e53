//! The basics a chair and professionals need in a live meeting, through the real server: an
//! item edited by its presenter and by the chair (guarded like a submission), a redaction that
//! takes an item's text off every screen, out of the minutes and out of the SQLite file, undo
//! of the last agenda action within its window, deferring the current item starts the next one,
//! lowered hands are named to their owners, a second tab with the same secret is the same
//! person (in presence and in the minutes), and after the end the outcomes stay readable.

use e2e::fixtures::{api, minutes};
use e2e::{meeting_with_chair_and, submit, Client, Meeting, Server};
use serde_json::{json, Value};
use shared::domain::{ItemStatus, Phase, REDACTED_TEXT};
use shared::ids::ItemId;
use std::time::Duration;

fn item<'a>(c: &'a Client, id: &str) -> &'a shared::domain::AgendaItem {
    c.room().item(&ItemId::from(id)).expect("item")
}

#[tokio::test]
async fn presenter_and_chair_edit_an_item_and_an_identifier_in_an_edit_is_refused() {
    let server = Server::start(&[]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    let mut other = m.participant_joined(&server.addr, "disability").await;
    p.ok(submit(
        "Iäkäs asiakas",
        "Toistuvia päivystyskäyntejä.",
        "Kuka koordinoi?",
        &["kela"],
    ))
    .await;
    // The presenter edits while queued; everyone sees it.
    p.ok(json!({"type":"edit_item","item":"i1","title":"Iäkäs asiakas, yksin asuva","services_wanted":["kela","elderly_guidance"]}))
        .await;
    chair
        .wait_state(|s| {
            s.items
                .first()
                .is_some_and(|i| i.title == "Iäkäs asiakas, yksin asuva")
        })
        .await;
    let it = item(&chair, "i1");
    assert!(it.edited);
    assert_eq!(it.services_wanted.len(), 2);
    assert_eq!(it.question, "Kuka koordinoi?", "fields not given stay");
    // Another participant may not; nobody may put an identifier in.
    assert_eq!(
        other
            .refused(json!({"type":"edit_item","item":"i1","title":"Muutos"}))
            .await,
        "not_allowed"
    );
    let before = p.seq;
    let answer = p
        .request(json!({"type":"edit_item","item":"i1","question":"Soita tyttärelle 040 123 4567"}))
        .await;
    assert_eq!(answer["code"], "identifier_found", "{answer}");
    assert_eq!(answer["findings"][0]["field"], "question");
    assert_eq!(p.seq, before, "nothing was recorded");
    assert!(!server.stores("040 123 4567"));
    // On the floor: the presenter can no longer edit, the chair can.
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    p.wait_state(|s| s.current.is_some()).await;
    assert_eq!(
        p.refused(json!({"type":"edit_item","item":"i1","title":"X"}))
            .await,
        "wrong_state"
    );
    chair
        .ok(json!({"type":"edit_item","item":"i1","summary":"Tiivistetty uudelleen."}))
        .await;
    p.wait_state(|s| {
        s.items
            .first()
            .is_some_and(|i| i.summary == "Tiivistetty uudelleen.")
    })
    .await;
    // The minutes say it was edited.
    chair.ok(json!({"type":"end_meeting"})).await;
    let (status, md) = minutes(&server, &m, "md").await;
    assert_eq!(status, 200, "{md}");
    assert!(md.contains("tekstiä muokattu lähettämisen jälkeen"), "{md}");
    assert!(!md.contains("Toistuvia päivystyskäyntejä"), "{md}");
}

#[tokio::test]
async fn a_redacted_item_is_gone_from_screens_the_minutes_and_the_database_file() {
    // SQLite: the test looks into the database file.
    let server = Server::start_sqlite(&[]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    // Text that slipped past the guard (a word only this test uses stands in for it).
    let slipped = "purkkapallokone";
    p.ok(submit(
        &format!("Asiakas {slipped}"),
        &format!("Taustaa: {slipped} ja muuta."),
        "Mitä tehdä?",
        &[],
    ))
    .await;
    p.ok(submit("Toinen asia", "Ei mitään erityistä.", "Kuka?", &[]))
        .await;
    chair
        .ok(json!({"type":"edit_item","item":"i1","question":format!("Mitä {slipped} tarkoittaa?")}))
        .await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair
        .ok(json!({"type":"record_outcome","item":"i1","outcome":{"advice":format!("Selvitä {slipped}"),"next_steps":"","services_to_involve":[],"follow_up":true}}))
        .await;
    assert!(server.stores(slipped), "stored before the redaction");
    assert_eq!(
        p.refused(json!({"type":"redact_item","item":"i1"})).await,
        "not_chair"
    );
    let mark = p.received.len();
    chair.ok(json!({"type":"redact_item","item":"i1"})).await;
    p.wait_state(|s| s.items.iter().any(|i| i.redacted)).await;
    assert!(p
        .event_kinds_since(mark)
        .contains(&"item_redacted".to_owned()));
    // Every screen: the clients that were there, and a new one's snapshot.
    for c in [&chair, &p] {
        let it = item(c, "i1");
        assert_eq!(it.title, REDACTED_TEXT);
        assert!(!serde_json::to_string(c.room()).unwrap().contains(slipped));
    }
    let fresh = m.participant(&server.addr).await;
    let snap = serde_json::to_string(fresh.room()).unwrap();
    assert!(!snap.contains(slipped), "{snap}");
    assert!(snap.contains("Toinen asia"), "other items keep their text");
    // A client catching up from before the item existed replays rewritten events.
    let mut replay = Client::connect(&server.addr, &m.id).await;
    replay.seq = 1;
    replay.epoch = fresh.epoch.clone();
    replay.send_raw(&json!({"type":"hello","v":1,"key":m.participant_key,"last":{"epoch":fresh.epoch,"seq":1}}).to_string()).await;
    replay.drain(Duration::from_millis(300)).await;
    let replayed = serde_json::to_string(&replay.received).unwrap();
    assert!(replayed.contains("item_submitted"), "the log was replayed");
    assert!(!replayed.contains(slipped), "{replayed}");
    // The database file (and its WAL) no longer hold it.
    assert!(
        !server.stores(slipped),
        "the text is still in the SQLite files"
    );
    // Nor do the minutes, which say what happened.
    chair.ok(json!({"type":"end_meeting"})).await;
    let (status, md) = minutes(&server, &m, "md").await;
    assert_eq!(status, 200, "{md}");
    assert!(!md.contains(slipped), "{md}");
    assert!(md.contains("puheenjohtaja poisti asian tekstin"), "{md}");
    assert!(
        md.contains("poistettu myös tallennetuista tiedoista"),
        "{md}"
    );
    for format in ["csv", "html", "json"] {
        let (status, text) = minutes(&server, &m, format).await;
        assert_eq!(status, 200, "{text}");
        assert!(!text.contains(slipped), "{format}: {text}");
        assert!(
            text.contains("puheenjohtaja poisti") || format == "json",
            "{text}"
        );
    }
    // The follow-up went on its way redacted too.
    assert!(!server.stores(slipped));
}

#[tokio::test]
async fn undo_puts_back_a_defer_a_withdraw_and_a_next_and_defer_starts_the_next_item() {
    let server = Server::start(&[]);
    let (_m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    for t in ["A", "B", "C", "D"] {
        p.ok(submit(t, "", "Mitä?", &[])).await;
    }
    chair.ok(json!({"type":"confirm_agenda"})).await;
    assert!(chair
        .room()
        .outlook
        .as_ref()
        .is_some_and(|o| o.items_left == 4));
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    // Defer the current item: the next one starts at once, and undo puts it back.
    let mark = chair.received.len();
    chair.ok(json!({"type":"defer_item","item":"i1"})).await;
    assert_eq!(
        chair.event_kinds_since(mark),
        ["undoable_action", "item_deferred", "item_started"]
    );
    assert_eq!(chair.room().current.as_ref().unwrap().item.as_str(), "i2");
    assert_eq!(item(&chair, "i1").status, ItemStatus::Deferred);
    let undo = chair.room().undo.clone().expect("undo offered");
    assert!(undo.until > undo.at);
    assert_eq!(
        p.refused(json!({"type":"undo"})).await,
        "not_chair",
        "only the chair undoes"
    );
    chair.ok(json!({"type":"undo"})).await;
    assert_eq!(chair.room().current.as_ref().unwrap().item.as_str(), "i1");
    assert_eq!(item(&chair, "i1").status, ItemStatus::Presenting);
    assert_eq!(item(&chair, "i2").status, ItemStatus::Queued);
    p.wait_state(|s| s.current.as_ref().is_some_and(|c| c.item.as_str() == "i1"))
        .await;
    assert_eq!(
        chair.refused(json!({"type":"undo"})).await,
        "wrong_state",
        "undone already"
    );
    // Next, undone.
    chair.ok(json!({"type":"next_item"})).await;
    assert_eq!(item(&chair, "i1").status, ItemStatus::Done);
    chair.ok(json!({"type":"undo"})).await;
    assert_eq!(item(&chair, "i1").status, ItemStatus::Presenting);
    // Withdraw, undone.
    chair.ok(json!({"type":"withdraw_item","item":"i4"})).await;
    chair.ok(json!({"type":"undo"})).await;
    assert_eq!(item(&chair, "i4").status, ItemStatus::Queued);
    // Something else changing the agenda in between ends the chance.
    chair.ok(json!({"type":"withdraw_item","item":"i4"})).await;
    p.ok(submit("E", "", "Mitä?", &[])).await;
    assert_eq!(chair.refused(json!({"type":"undo"})).await, "wrong_state");
    // Every copy agrees with the server.
    let (state, _) = chair.fetch_snapshot().await;
    p.wait_seq(chair.seq).await;
    assert_eq!(p.room(), &state);
}

#[tokio::test]
async fn undo_is_refused_after_its_window() {
    let server = Server::start(&[]);
    let (_m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    p.ok(submit("A", "", "Mitä?", &[])).await;
    p.ok(submit("B", "", "Mitä?", &[])).await;
    chair.ok(json!({"type":"next_item"})).await;
    chair.ok(json!({"type":"next_item"})).await;
    let until = chair.room().undo.as_ref().unwrap().until;
    let wait = until - shared_now() + 1_500;
    tokio::time::sleep(Duration::from_millis(wait.max(0) as u64)).await;
    let answer = chair.request(json!({"type":"undo"})).await;
    assert_eq!(answer["code"], "undo_expired", "{answer}");
    assert_eq!(chair.room().current.as_ref().unwrap().item.as_str(), "i2");
}

fn shared_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn a_raised_hand_lowered_by_next_is_named_to_its_owner_with_its_place_in_the_queue() {
    let server = Server::start(&[]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    let mut q = m.participant_joined(&server.addr, "disability").await;
    p.ok(submit("A", "", "Mitä?", &[])).await;
    p.ok(submit("B", "", "Mitä?", &[])).await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    q.wait_state(|s| s.current.is_some()).await;
    q.ok(json!({"type":"raise_hand"})).await;
    p.wait_state(|s| !s.hands.is_empty()).await;
    p.ok(json!({"type":"raise_hand"})).await;
    let pid = shared::ids::ParticipantId(p.participant_id.clone().unwrap());
    let qid = shared::ids::ParticipantId(q.participant_id.clone().unwrap());
    assert_eq!(p.room().hand_position(&qid), Some(1));
    assert_eq!(p.room().hand_position(&pid), Some(2));
    chair.ok(json!({"type":"next_item"})).await;
    let cleared = p
        .recv_until(|m| m["type"] == "event" && m["event"]["kind"] == "hands_cleared")
        .await;
    assert_eq!(
        cleared["event"]["participants"],
        json!([qid.as_str(), pid.as_str()])
    );
    p.wait_state(|s| s.hands.is_empty()).await;
}

#[tokio::test]
async fn a_second_tab_with_the_same_secret_is_one_person_and_the_minutes_count_one() {
    let server = Server::start(&[]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    let secret = p.secret.clone().unwrap();
    let id = p.participant_id.clone().unwrap();
    p.ok(submit("Oma asia", "", "Mitä?", &[])).await;
    // A new tab: the join form is sent again, with the secret the first tab stored.
    let mut tab = m.participant(&server.addr).await;
    let joined = tab
        .request(json!({"type":"join","service":"kela","secret":secret}))
        .await;
    assert_eq!(joined["type"], "joined", "{joined}");
    assert_eq!(joined["participant_id"], id, "the same place");
    tab.drain(Duration::from_millis(200)).await;
    let kela = |c: &Client| {
        c.room()
            .participants
            .iter()
            .filter(|x| x.present && x.service.as_str() == "kela")
            .count()
    };
    assert_eq!(kela(&tab), 1, "one person, not two");
    assert_eq!(tab.room().participants.len(), 2);
    // The item is still "own": the new tab can withdraw it... or edit it.
    tab.ok(json!({"type":"edit_item","item":"i1","title":"Oma asia, tarkennettu"}))
        .await;
    // The first tab closes; the person is still there through the second.
    p.close().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    chair.drain(Duration::from_millis(200)).await;
    assert_eq!(kela(&chair), 1);
    // The time zone the UI shows times in.
    assert_eq!(chair.room().time_zone, "Europe/Helsinki");
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    chair
        .ok(json!({"type":"record_outcome","item":"i1","outcome":{"advice":"Palveluohjaus mukaan","next_steps":"","services_to_involve":[],"follow_up":false}}))
        .await;
    chair.ok(json!({"type":"end_meeting"})).await;
    let (status, body) = minutes(&server, &m, "json").await;
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["people_total"], 2, "chair and one professional");
    let kela_people = v["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["service"] == "kela")
        .unwrap()["people"]
        .clone();
    assert_eq!(kela_people, 1);
    // After the end a participant link still reads the room and its outcomes (read-only).
    let mut after = m.participant(&server.addr).await;
    assert_eq!(after.room().phase, Phase::Ended);
    assert_eq!(
        item(&after, "i1").outcome.as_ref().unwrap().advice,
        "Palveluohjaus mukaan"
    );
    let answer = after
        .request(json!({"type":"join","service":"kela","secret":secret}))
        .await;
    assert_eq!(answer["code"], "wrong_state", "{answer}");
}

#[tokio::test]
async fn deferred_items_go_to_the_next_monthly_meeting_not_an_extra_one_made_for_today() {
    let server = Server::start(&[]);
    let (status, centre) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id": "vuosaari", "name": "Vuosaari", "time_zone": "Europe/Helsinki",
            "schedule": {"week": 2, "weekday": "tuesday", "start": "13:00", "duration_min": 60, "ahead": 2}})),
    )
    .await;
    assert_eq!(status, 201, "{centre}");
    let (_, list) = api(&server, "GET", "/api/centres/vuosaari/meetings", None).await;
    let scheduled = list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .min_by_key(|m| m["starts_at_ms"].as_i64().unwrap())
        .unwrap()
        .clone();
    // An earlier meeting (the source) and an extra one made for today.
    let (status, source) = api(
        &server,
        "POST",
        "/api/meetings",
        Some(json!({"centre_id": "vuosaari", "starts_at": "2026-01-13T13:00:00+02:00"})),
    )
    .await;
    assert_eq!(status, 201, "{source}");
    let (status, today) = api(
        &server,
        "POST",
        "/api/meetings",
        Some(json!({"centre_id": "vuosaari"})),
    )
    .await;
    assert_eq!(status, 201, "{today}");
    let (source, today) = (Meeting::from_json(&source), Meeting::from_json(&today));
    let mut chair = source.chair_joined(&server.addr, "health_station").await;
    chair.ok(submit("Siirtyvä asia", "", "Mitä?", &[])).await;
    chair.ok(json!({"type":"defer_item","item":"i1"})).await;
    chair.ok(json!({"type":"end_meeting"})).await;
    // The monthly meeting takes it, marked, with its earlier turn.
    let mut next = Client::hello(
        &server.addr,
        scheduled["id"].as_str().unwrap(),
        scheduled["chair_key"].as_str().unwrap(),
    )
    .await;
    next.wait_state(|s| !s.items.is_empty()).await;
    let it = &next.room().items[0];
    let c = it.carried_over.as_ref().expect("marked as carried over");
    assert_eq!(c.from_meeting.as_str(), source.id);
    assert_eq!(c.history.len(), 1);
    assert_eq!(it.title, "Siirtyvä asia");
    // The extra meeting for today does not.
    let extra = today.chair(&server.addr).await;
    assert!(extra.room().items.is_empty(), "{:?}", extra.room().items);
}
