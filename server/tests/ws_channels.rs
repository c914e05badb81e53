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

async fn start() -> (Harness, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db")).unwrap();
    seed::ensure_demo_centre(&db, &server::guard::IdentifierGuard::lists_only()).unwrap();
    let row = match create(
        &db,
        NewMeeting {
            centre: CentreId::from("kalasatama"),
            starts_at: 0,
            minutes: 60,
            title: None,
            series_date: None,
        },
    )
    .await
    {
        Ok(r) => r,
        Err(_) => panic!("create meeting"),
    };
    let (writer, _thread) = LogWriter::start(&dir.path().join("t.db")).unwrap();
    let shutdown = CancellationToken::new();
    let guard = server::guard::IdentifierGuard::lists_only();
    let rooms = Rooms::new(db, writer, default_room_config(), guard, shutdown.clone());
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
