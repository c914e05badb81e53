//! The raw protocol client: [`Client`] speaks protocol v1 over a real WebSocket and keeps its
//! own copy of the room by applying events with the shared rules, exactly as the browser does.
//!
//! This file opens connections and sends; [`reading`] reads messages and waits for what a test
//! expects; [`resume`] drops and resumes connections as a lost network does; [`pacer`] keeps a
//! busy client inside the server's rate limit.

mod pacer;
pub mod reading;
pub mod resume;

pub use reading::WAIT;
pub use resume::Saved;

use futures_util::SinkExt;
use pacer::Pacer;
use serde_json::{json, Value};
use shared::protocol::Position;
use shared::room::RoomState;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A raw protocol client with its own copy of the room.
pub struct Client {
    ws: Ws,
    next_req: u64,
    /// The epoch of the room copy (from `welcome`, then snapshots).
    pub epoch: Option<String>,
    /// The last event applied to the room copy.
    pub seq: u64,
    /// The room copy: the last snapshot with every event since applied.
    pub state: Option<RoomState>,
    /// The role `welcome` gave (`chair` or `participant`).
    pub role: Option<String>,
    /// My participant id once joined.
    pub participant_id: Option<String>,
    /// The secret `joined` gave, to rejoin as the same person.
    pub secret: Option<String>,
    /// Every message received, in order (raw JSON).
    pub received: Vec<Value>,
    /// When set, sends are paced to stay inside the server's per-connection rate limit (see
    /// [`Client::paced`]).
    pace: Option<Pacer>,
}

impl Client {
    /// Opens `/ws/{meeting}` without saying anything.
    pub async fn connect(addr: &str, meeting: &str) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws/{meeting}"))
            .await
            .expect("websocket connect");
        Client::on(ws)
    }

    /// Opens `/ws/{meeting}` as a browser page or a proxy would: with extra request headers
    /// (`Origin`, `X-Forwarded-For`), accepting messages up to `max_message` bytes (a limit of
    /// what this client can receive; the library's default otherwise). A refusal before the
    /// upgrade is `Err((status, body))`.
    pub async fn connect_with(
        addr: &str,
        meeting: &str,
        headers: &[(&str, &str)],
        max_message: Option<usize>,
    ) -> Result<Client, (u16, String)> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
        let mut request = format!("ws://{addr}/ws/{meeting}")
            .into_client_request()
            .expect("websocket request");
        for (name, value) in headers {
            request.headers_mut().append(
                HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                HeaderValue::from_str(value).expect("header value"),
            );
        }
        let config = max_message.map(|max| {
            tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
                .max_message_size(Some(max))
                .max_frame_size(Some(max))
        });
        match tokio_tungstenite::connect_async_with_config(request, config, false).await {
            Ok((ws, _)) => Ok(Client::on(ws)),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => Err((
                response.status().as_u16(),
                String::from_utf8_lossy(response.body().as_deref().unwrap_or_default()).into(),
            )),
            Err(e) => panic!("websocket connect: {e}"),
        }
    }

    /// A client on an open socket that has said nothing yet.
    fn on(ws: Ws) -> Client {
        Client {
            ws,
            next_req: 1,
            epoch: None,
            seq: 0,
            state: None,
            role: None,
            participant_id: None,
            secret: None,
            received: Vec::new(),
            pace: None,
        }
    }

    /// Paces this client's sends to stay inside the server's rate limit, as a well-behaved
    /// browser does; for tests that send many messages on one connection.
    pub fn paced(mut self) -> Client {
        self.pace = Some(Pacer::new());
        self
    }

    async fn before_send(&mut self) {
        if let Some(p) = &mut self.pace {
            p.take().await;
        }
    }

    /// Connects and says hello; waits for the catch-up (snapshot or replayed events).
    pub async fn hello(addr: &str, meeting: &str, key: &str) -> Client {
        let mut c = Client::connect(addr, meeting).await;
        c.send_hello(key, None).await;
        c
    }

    /// Sends hello (with `last` when resuming) and waits until the copy is current.
    pub async fn send_hello(&mut self, key: &str, last: Option<Position>) {
        let mut msg = json!({ "type": "hello", "v": 1, "key": key });
        if let Some(l) = &last {
            msg["last"] = json!({ "epoch": l.epoch, "seq": l.seq });
        }
        self.send_raw(&msg.to_string()).await;
        let welcome = self
            .recv_until(|m| m["type"] == "welcome" || m["type"] == "error")
            .await;
        assert_eq!(welcome["type"], "welcome", "hello refused: {welcome}");
        self.role = welcome["role"].as_str().map(str::to_owned);
        let new_epoch = welcome["epoch"].as_str().map(str::to_owned);
        if new_epoch != self.epoch {
            self.state = None;
        }
        self.epoch = new_epoch;
        // Drain the catch-up: a snapshot, or events up to the server's seq (unknown here), so
        // read until a short quiet period.
        if last.is_none() || self.state.is_none() {
            self.recv_until(|m| m["type"] == "snapshot").await;
        }
        self.drain(Duration::from_millis(150)).await;
    }

    /// Sends a text frame as it is (malformed on purpose, or built by hand).
    pub async fn send_raw(&mut self, text: &str) {
        self.before_send().await;
        self.ws
            .send(Message::Text(text.to_owned().into()))
            .await
            .expect("send");
    }

    /// Sends a binary frame (the protocol has none: the server refuses it).
    pub async fn send_binary(&mut self, bytes: Vec<u8>) {
        self.before_send().await;
        self.ws
            .send(Message::Binary(bytes.into()))
            .await
            .expect("send");
    }

    /// Sends a text frame, returning whether the send went through (the server may close the
    /// connection while a huge frame is still being written).
    pub async fn try_send_raw(&mut self, text: &str) -> bool {
        self.before_send().await;
        self.ws
            .send(Message::Text(text.to_owned().into()))
            .await
            .is_ok()
    }

    /// Sends `msg` with a fresh `req` and returns the answer to it (ack, joined or error),
    /// applying every event that arrives meanwhile.
    pub async fn request(&mut self, mut msg: Value) -> Value {
        let req = self.next_req;
        self.next_req += 1;
        msg["req"] = json!(req);
        self.send_raw(&msg.to_string()).await;
        let answer = self
            .recv_until(|m| {
                m["req"] == json!(req)
                    && ["ack", "error", "joined"].contains(&m["type"].as_str().unwrap_or(""))
            })
            .await;
        if answer["type"] == "joined" {
            self.participant_id = answer["participant_id"].as_str().map(str::to_owned);
            self.secret = answer["secret"].as_str().map(str::to_owned);
        }
        // The events a command produced may arrive just after its ack.
        if let Some(seq) = answer["seq"].as_u64() {
            while self.seq < seq {
                self.next().await;
            }
        }
        answer
    }

    /// Joins with a service (and optional display name).
    pub async fn join(&mut self, service: &str, name: Option<&str>) -> Value {
        let mut msg = json!({ "type": "join", "service": service });
        if let Some(n) = name {
            msg["display_name"] = json!(n);
        }
        let answer = self.request(msg).await;
        assert_eq!(answer["type"], "joined", "join failed: {answer}");
        answer
    }

    /// Sends a command and asserts it was acknowledged.
    pub async fn ok(&mut self, msg: Value) -> Value {
        let answer = self.request(msg.clone()).await;
        assert_eq!(answer["type"], "ack", "{msg} was refused: {answer}");
        answer
    }

    /// Sends a command and returns the error code it got (panics on an ack).
    pub async fn refused(&mut self, msg: Value) -> String {
        let answer = self.request(msg.clone()).await;
        assert_eq!(answer["type"], "error", "{msg} was accepted: {answer}");
        answer["code"].as_str().unwrap().to_owned()
    }

    /// Where the room copy stands, as `hello`'s `last` would say it.
    pub fn position(&self) -> Option<Position> {
        self.epoch.clone().map(|epoch| Position {
            epoch,
            seq: self.seq,
        })
    }

    /// The room copy; panics before the first snapshot.
    pub fn room(&self) -> &RoomState {
        self.state.as_ref().expect("client has a room copy")
    }
}
