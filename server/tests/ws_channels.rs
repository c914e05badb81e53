//! The connection handler driven by plain channels instead of a socket (axum's
//! testing-websockets pattern): protocol behaviour without a network.

use axum::extract::ws::Message;
use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use server::db::log_writer::LogWriter;
use server::db::Db;
use server::planning::{create, NewMeeting};
use server::registry::Rooms;
use server::{default_room_config, seed, ws};
use shared::ids::{CentreId, MeetingId};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

struct Harness {
    to_server: mpsc::Sender<Result<Message, axum::Error>>,
    from_server: mpsc::Receiver<Message>,
    _dir: tempfile::TempDir,
}

impl Harness {
    async fn send(&mut self, v: Value) {
        self.to_server
            .send(Ok(Message::Text(v.to_string().into())))
            .await
            .unwrap();
    }

    async fn recv(&mut self) -> Value {
        let msg = tokio::time::timeout(Duration::from_secs(5), self.from_server.next())
            .await
            .expect("answer in time")
            .expect("connection open");
        match msg {
            Message::Text(t) => serde_json::from_str(t.as_str()).unwrap(),
            Message::Close(Some(f)) => json!({"type": "close", "code": f.code}),
            other => json!({"type": "other", "debug": format!("{other:?}")}),
        }
    }
}

/// A meeting on a fresh database, and the rooms serving it with `guard`.
struct Setup {
    rooms: std::sync::Arc<Rooms>,
    row: server::db::meetings::MeetingRow,
    shutdown: CancellationToken,
    dir: tempfile::TempDir,
}

async fn setup(guard: server::guard::IdentifierGuard) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db")).unwrap();
    seed::ensure_demo_centre(&db, &server::guard::IdentifierGuard::lists_only()).unwrap();
    let Ok(row) = create(
        &db,
        NewMeeting {
            centre: CentreId::from("kalasatama"),
            // Now: a meeting whose hour passed long ago would overrun while a test runs, and
            // the overrun is an event of the room's clock that no command asked for.
            starts_at: server::room::now_ms(),
            minutes: 60,
            title: None,
            series_date: None,
        },
    )
    .await
    else {
        panic!("create meeting")
    };
    let (writer, _thread) = LogWriter::start(&db).unwrap();
    let shutdown = CancellationToken::new();
    let rooms = Rooms::new(
        db,
        writer,
        default_room_config(),
        guard,
        server::cluster::Cluster::single(shutdown.clone()),
    );
    Setup {
        rooms,
        row,
        shutdown,
        dir,
    }
}

async fn start() -> (Harness, String, String) {
    let Setup {
        rooms,
        row,
        shutdown,
        dir,
    } = setup(server::guard::IdentifierGuard::lists_only()).await;
    let (to_server, server_in) = mpsc::channel(16);
    let (server_out, from_server) = mpsc::channel(16);
    let id = MeetingId(row.id.0.clone());
    tokio::spawn(ws::serve(
        rooms,
        id,
        server_out.sink_map_err(|_| ()),
        server_in,
        shutdown,
    ));
    (
        Harness {
            to_server,
            from_server,
            _dir: dir,
        },
        row.chair_key,
        row.participant_key,
    )
}

#[tokio::test]
async fn commands_before_hello_are_refused_and_the_connection_stays() {
    let (mut h, chair_key, _) = start().await;
    h.send(json!({"type": "next_item", "req": 1})).await;
    let e = h.recv().await;
    assert_eq!(
        (e["type"].as_str(), e["code"].as_str(), e["req"].as_u64()),
        (Some("error"), Some("hello_required"), Some(1))
    );
    h.send(json!({"type": "hello", "v": 1, "key": chair_key}))
        .await;
    assert_eq!(h.recv().await["role"], "chair");
    assert_eq!(h.recv().await["type"], "snapshot");
}

#[tokio::test]
async fn a_wrong_key_gets_bad_key_and_a_close() {
    let (mut h, _, _) = start().await;
    h.send(json!({"type": "hello", "v": 1, "key": "0".repeat(32)}))
        .await;
    assert_eq!(h.recv().await["code"], "bad_key");
    assert_eq!(h.recv().await["code"], 1008);
}

#[tokio::test]
async fn malformed_frames_get_errors_and_change_nothing() {
    let (mut h, _, participant_key) = start().await;
    h.send(json!({"type": "hello", "v": 1, "key": participant_key}))
        .await;
    assert_eq!(h.recv().await["role"], "participant");
    let snapshot = h.recv().await;
    h.to_server
        .send(Ok(Message::Text("{not json".into())))
        .await
        .unwrap();
    assert_eq!(h.recv().await["code"], "malformed_json");
    h.send(json!({"type": "teleport"})).await;
    assert_eq!(h.recv().await["code"], "unknown_type");
    h.send(json!({"type": "extend", "minutes": "many"})).await;
    assert_eq!(h.recv().await["code"], "invalid_message");
    h.send(json!({"type": "extend", "minutes": 2})).await;
    assert_eq!(h.recv().await["code"], "not_chair");
    h.send(json!({"type": "resync"})).await;
    let again = h.recv().await;
    assert_eq!(again["seq"], snapshot["seq"], "nothing was recorded");
}

#[tokio::test]
async fn a_flood_is_rate_limited_without_closing() {
    let (mut h, chair_key, _) = start().await;
    h.send(json!({"type": "hello", "v": 1, "key": chair_key}))
        .await;
    h.recv().await;
    h.recv().await;
    let mut limited = 0;
    for i in 0..120 {
        h.send(json!({"type": "ping", "req": i})).await;
        let answer = h.recv().await;
        if answer["code"] == "rate_limited" {
            limited += 1;
        }
    }
    assert!(limited > 0, "a burst of 120 pings is limited");
    assert!(
        limited < 100,
        "the burst allowance lets a normal run of messages through"
    );
}

/// A second connection to the same room, with its own outgoing channel of `capacity` frames
/// and the given queue capacity in the server.
fn connect(
    rooms: &std::sync::Arc<Rooms>,
    meeting: &MeetingId,
    capacity: usize,
    queue_capacity: usize,
) -> (
    mpsc::Sender<Result<Message, axum::Error>>,
    mpsc::Receiver<Message>,
) {
    let (to_server, server_in) = mpsc::channel(16);
    let (server_out, from_server) = mpsc::channel(capacity);
    let options = ws::ConnOptions {
        queue_capacity,
        ..ws::ConnOptions::default()
    };
    tokio::spawn(ws::serve_with(
        rooms.clone(),
        meeting.clone(),
        server_out.sink_map_err(|_| ()),
        server_in,
        CancellationToken::new(),
        options,
    ));
    (to_server, from_server)
}

fn text(msg: Message) -> Value {
    match msg {
        Message::Text(t) => serde_json::from_str(t.as_str()).unwrap(),
        other => json!({"type": "other", "debug": format!("{other:?}")}),
    }
}

#[tokio::test]
async fn a_reader_too_far_behind_gets_one_snapshot_and_then_every_later_event_in_order() {
    let Setup {
        rooms,
        row,
        dir: _dir,
        ..
    } = setup(
        server::guard::IdentifierGuard::new().expect("voikko (the test needs the real guard)"),
    )
    .await;
    let meeting = MeetingId(row.id.0.clone());

    // The slow reader: a channel of 4 frames and room for 8 more in the server.
    let (mut slow_in, mut slow_out) = connect(&rooms, &meeting, 4, 8);
    slow_in
        .send(Ok(Message::Text(
            json!({"type":"hello","v":1,"key":row.participant_key})
                .to_string()
                .into(),
        )))
        .await
        .unwrap();
    assert_eq!(text(slow_out.next().await.unwrap())["type"], "welcome");
    let first = text(slow_out.next().await.unwrap());
    assert_eq!(first["type"], "snapshot");
    let start_seq = first["seq"].as_u64().unwrap();

    // The chair makes 40 events while the slow reader reads nothing.
    let (mut chair_in, mut chair_out) = connect(&rooms, &meeting, 64, 256);
    let say = |v: Value| Ok(Message::Text(v.to_string().into()));
    chair_in
        .send(say(json!({"type":"hello","v":1,"key":row.chair_key})))
        .await
        .unwrap();
    let mut acked = 0u64;
    let mut last_seq = start_seq;
    let mut commands = vec![
        json!({"type":"join","service":"health_station","req":1}),
        json!({"type":"submit_item","req":2,"item":{"kind":"phenomenon","title":"Kuormitustesti",
            "summary":"Iäkäs asiakas, toistuvat päivystyskäynnit ja asumisen ongelmat.","question":"Mikä palvelu ottaa kokonaisuuden haltuun?",
            "services_wanted":["social_services"],"themes":[]}}),
        json!({"type":"start_item","item":"i1","req":3}),
    ];
    for k in 0..37 {
        let kind = if k % 2 == 0 { "pause" } else { "resume" };
        commands.push(json!({"type": kind, "req": 4 + k}));
    }
    for cmd in commands {
        let req = cmd["req"].as_u64().unwrap();
        chair_in.send(say(cmd)).await.unwrap();
        loop {
            let m = text(
                tokio::time::timeout(Duration::from_secs(5), chair_out.next())
                    .await
                    .unwrap()
                    .unwrap(),
            );
            if m["type"] == "error" {
                panic!("chair command refused: {m}");
            }
            if m["req"].as_u64() == Some(req) && m["type"] != "event" {
                if let Some(seq) = m["seq"].as_u64() {
                    last_seq = seq;
                }
                acked += 1;
                break;
            }
        }
    }
    assert_eq!(acked, 40);
    assert!(last_seq >= start_seq + 40, "every command made an event");

    // Now the slow reader reads: events in order, one snapshot where it fell behind, and then
    // everything up to the last event, with no gap and nothing twice.
    let mut seen = start_seq;
    let mut snapshots = 0;
    while seen < last_seq {
        let m = text(
            tokio::time::timeout(Duration::from_secs(5), slow_out.next())
                .await
                .expect("the slow reader catches up")
                .unwrap(),
        );
        match m["type"].as_str() {
            Some("event") => {
                let seq = m["event"]["seq"].as_u64().unwrap();
                assert_eq!(seq, seen + 1, "events in order, none missing or repeated");
                seen = seq;
            }
            Some("snapshot") => {
                let seq = m["seq"].as_u64().unwrap();
                assert!(seq > seen, "the snapshot moves the reader forward");
                snapshots += 1;
                seen = seq;
            }
            _ => panic!("unexpected frame {m}"),
        }
    }
    assert_eq!(
        snapshots, 1,
        "one snapshot for the whole time it was behind"
    );
    assert_eq!(seen, last_seq);
    drop(chair_in);
}
