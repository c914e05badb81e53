//! Reading what the server sends: the next message (applied to the room copy when it is an
//! event or a snapshot), and waiting until a message, a state, a position or a close comes.

use super::Client;
use futures_util::StreamExt;
use serde_json::{json, Value};
use shared::room::{Event, RoomState};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

/// How long a test waits for an expected message.
pub const WAIT: Duration = Duration::from_secs(10);

impl Client {
    /// The next message (applies events and snapshots to the copy).
    pub async fn next(&mut self) -> Value {
        self.try_next(WAIT)
            .await
            .expect("timed out waiting for a message")
    }

    /// The next message within `within`, or `None`; `Some(Value::Null)` when the server closed.
    pub async fn try_next(&mut self, within: Duration) -> Option<Value> {
        loop {
            let msg = match tokio::time::timeout(within, self.ws.next()).await {
                Err(_) => return None,
                Ok(None) => return Some(json!({ "type": "closed" })),
                // No close frame: the connection ended some other way (reset, protocol error).
                Ok(Some(Err(e))) => {
                    return Some(json!({ "type": "closed", "error": e.to_string() }))
                }
                Ok(Some(Ok(m))) => m,
            };
            let text = match msg {
                Message::Text(t) => t.to_string(),
                Message::Close(frame) => {
                    let (code, reason) = frame
                        .map(|f| (u16::from(f.code), f.reason.to_string()))
                        .unwrap_or((0, String::new()));
                    return Some(json!({ "type": "closed", "code": code, "reason": reason }));
                }
                _ => continue,
            };
            let v: Value = serde_json::from_str(&text).expect("server sent JSON");
            self.absorb(&v);
            self.received.push(v.clone());
            return Some(v);
        }
    }

    fn absorb(&mut self, v: &Value) {
        match v["type"].as_str() {
            Some("snapshot") => {
                let state: RoomState =
                    serde_json::from_value(v["state"].clone()).expect("snapshot state");
                self.state = Some(state);
                self.seq = v["seq"].as_u64().unwrap();
                self.epoch = v["epoch"].as_str().map(str::to_owned);
            }
            Some("event") => {
                let event: Event = serde_json::from_value(v["event"].clone()).expect("event");
                assert_eq!(
                    event.seq,
                    self.seq + 1,
                    "events arrive in order without gaps"
                );
                assert_eq!(
                    v["epoch"].as_str(),
                    self.epoch.as_deref(),
                    "event of the known epoch"
                );
                if let Some(s) = &mut self.state {
                    s.apply(&event);
                } else {
                    self.state = RoomState::replay(std::iter::once(&event));
                }
                self.seq = event.seq;
            }
            _ => {}
        }
    }

    /// Reads until a message matches; returns it.
    pub async fn recv_until(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.next().await;
            if pred(&m) {
                return m;
            }
            assert_ne!(m["type"], "closed", "connection closed while waiting: {m}");
        }
    }

    /// Reads until the room copy satisfies `pred`.
    pub async fn wait_state(&mut self, pred: impl Fn(&RoomState) -> bool) {
        loop {
            if self.state.as_ref().is_some_and(&pred) {
                return;
            }
            let m = self.next().await;
            assert_ne!(
                m["type"], "closed",
                "connection closed while waiting for state"
            );
        }
    }

    /// Reads everything that arrives until nothing has come for `quiet`.
    pub async fn drain(&mut self, quiet: Duration) {
        while let Some(m) = self.try_next(quiet).await {
            if m["type"] == "closed" {
                return;
            }
        }
    }

    /// Reads until the copy has caught up with event `seq`.
    pub async fn wait_seq(&mut self, seq: u64) {
        while self.seq < seq {
            let m = self.next().await;
            assert_ne!(
                m["type"], "closed",
                "connection closed while waiting for seq {seq}"
            );
        }
    }

    /// Asks the server for a fresh snapshot on this connection (`resync`) and returns its
    /// state and seq. The copy is replaced by it.
    pub async fn fetch_snapshot(&mut self) -> (RoomState, u64) {
        self.send_raw(r#"{"type":"resync"}"#).await;
        let snap = self.recv_until(|m| m["type"] == "snapshot").await;
        let state: RoomState =
            serde_json::from_value(snap["state"].clone()).expect("snapshot state");
        (state, snap["seq"].as_u64().unwrap())
    }

    /// Sends a raw frame and returns the first `error` (or `closed`) that comes back.
    pub async fn expect_error(&mut self, text: &str) -> Value {
        self.send_raw(text).await;
        self.recv_until(|m| m["type"] == "error" || m["type"] == "closed")
            .await
    }

    /// Whether the connection still answers: `ping` gets a `pong`.
    pub async fn answers_ping(&mut self) -> bool {
        self.send_raw(r#"{"type":"ping"}"#).await;
        loop {
            match self.try_next(WAIT).await {
                Some(m) if m["type"] == "pong" => return true,
                Some(m) if m["type"] == "closed" => return false,
                Some(_) => continue,
                None => return false,
            }
        }
    }

    /// Reads until the server closes the connection; returns the close code (0 when the
    /// connection ended without a close frame).
    pub async fn wait_closed(&mut self) -> u16 {
        loop {
            let m = self.next().await;
            if m["type"] == "closed" {
                return m["code"].as_u64().unwrap_or(0) as u16;
            }
        }
    }

    /// The `kind`s of the events received since `mark` (an index into [`Client::received`]).
    pub fn event_kinds_since(&self, mark: usize) -> Vec<String> {
        self.received[mark..]
            .iter()
            .filter(|m| m["type"] == "event")
            .map(|m| m["event"]["kind"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The `type`s of the messages received since `mark`.
    pub fn types_since(&self, mark: usize) -> Vec<String> {
        self.received[mark..]
            .iter()
            .map(|m| m["type"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}
