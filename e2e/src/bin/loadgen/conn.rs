//! One connection: opening it (connect, hello, join), and reading it while counting what
//! arrives — gaps, server errors, lost connections and each participant's latency.

use crate::frames::{classify, In};
use crate::tally::{Global, Outcome, Room};
use e2e::fixtures::DEMO_SERVICES;
use futures_util::{SinkExt, StreamExt};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

type Ws = WebSocketStream<TcpStream>;

/// One client connection and what it has seen.
pub struct Conn {
    /// The counters every connection shares.
    pub g: Arc<Global>,
    /// The room it is in.
    pub room: Arc<Room>,
    /// The socket.
    pub ws: Ws,
    /// Whether this is the room's chair (connection 0).
    pub chair: bool,
    /// The last event seq seen.
    pub last_seq: u64,
    /// Whether this participant has seen the room's final action event.
    pub finished: bool,
    /// What it reports at the end.
    pub out: Outcome,
}

impl Conn {
    /// Sends one text frame.
    pub async fn send(&mut self, text: String) -> Result<(), String> {
        self.ws
            .send(Message::Text(text.into()))
            .await
            .map_err(|e| format!("send: {e}"))
    }

    /// Handles one incoming frame; returns it for the caller to look at. Errors from the
    /// server and lost connections are counted here.
    pub fn absorb(
        &mut self,
        msg: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    ) -> In {
        // (A reference, not a clone: an Arc shared by every connection would bounce its count
        // between the cores on every frame.)
        let g = &*self.g;
        let got = classify(g, msg);
        match &got {
            In::Event(seq) => {
                let seq = *seq;
                if self.last_seq != 0 && seq != self.last_seq + 1 && seq > self.last_seq {
                    g.gaps.fetch_add(1, Relaxed);
                    g.problem(format!(
                        "room {}: gap, seq {} after {}",
                        self.room.index, seq, self.last_seq
                    ));
                }
                self.last_seq = self.last_seq.max(seq);
                if !self.chair {
                    if let Some(sent) = self
                        .room
                        .sent
                        .get(seq as usize)
                        .map(|s| s.load(Relaxed))
                        .filter(|s| *s != 0)
                    {
                        let lat_us = g.nanos().saturating_sub(sent - 1) / 1000;
                        self.out.latencies.push(lat_us.min(u32::MAX as u64) as u32);
                    }
                    let fin = self.room.final_seq.load(Relaxed);
                    if !self.finished && fin != 0 && seq >= fin {
                        self.finished = true;
                        g.done.fetch_add(1, Relaxed);
                        g.progress.notify_one();
                    }
                }
            }
            In::Snapshot(seq) => self.last_seq = self.last_seq.max(*seq),
            In::Error(e) => {
                g.server_errors.fetch_add(1, Relaxed);
                g.problem(format!("room {}: server error: {e}", self.room.index));
            }
            _ => {}
        }
        got
    }

    /// Reads until the server answers something `pick` accepts (or fails).
    pub async fn until(&mut self, what: &str, pick: impl Fn(&In) -> bool) -> Result<In, String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let msg = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .map_err(|_| format!("timed out waiting for {what}"))?;
            let got = self.absorb(msg);
            if let In::Closed(why) = &got {
                return Err(format!("closed while waiting for {what}: {why}"));
            }
            if let In::Error(e) = &got {
                return Err(format!("error while waiting for {what}: {e}"));
            }
            if pick(&got) {
                return Ok(got);
            }
        }
    }

    /// Reads (and counts) until `stop`; false when the connection was lost before.
    pub async fn read_until_stop(&mut self) -> bool {
        let mut stop = self.g.stop.clone();
        if *stop.borrow_and_update() {
            return true;
        }
        // One wait for the stop signal for the whole read, not one per frame: the signal is
        // shared by every connection, and registering with it per frame costs more than the
        // frame. (It is only ever set once; a dropped sender stops the read too.)
        let stopped = stop.changed();
        tokio::pin!(stopped);
        loop {
            tokio::select! {
                msg = self.ws.next() => {
                    if let In::Closed(why) = self.absorb(msg) {
                        if !*self.g.stop.borrow() {
                            self.g.lost.fetch_add(1, Relaxed);
                            self.g.problem(format!("room {}: connection lost: {why}", self.room.index));
                            return false;
                        }
                        return true;
                    }
                }
                _ = &mut stopped => return true,
            }
        }
    }

    /// Reads (and counts) until `at`; false when the connection was lost.
    pub async fn read_until(&mut self, at: Instant) -> bool {
        loop {
            tokio::select! {
                msg = self.ws.next() => {
                    if let In::Closed(why) = self.absorb(msg) {
                        self.g.lost.fetch_add(1, Relaxed);
                        self.g.problem(format!("room {}: connection lost: {why}", self.room.index));
                        return false;
                    }
                }
                _ = tokio::time::sleep_until(at) => return true,
            }
        }
    }
}

/// Connects, says hello and joins. The connect permit bounds how many do this at once.
pub async fn open(g: &Arc<Global>, room: &Arc<Room>, n: usize) -> Result<Conn, String> {
    let _permit = g
        .connect
        .acquire()
        .await
        .map_err(|_| "semaphore closed".to_string())?;
    let chair = n == 0;
    let tcp = tokio::time::timeout(Duration::from_secs(30), TcpStream::connect(g.addr))
        .await
        .map_err(|_| "tcp connect timed out".to_string())?
        .map_err(|e| format!("tcp connect: {e}"))?;
    let _ = tcp.set_nodelay(true);
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0);
    let url = format!("ws://{}/ws/{}", g.host, room.id);
    let (ws, _) = tokio::time::timeout(
        Duration::from_secs(30),
        tokio_tungstenite::client_async_with_config(url, tcp, Some(config)),
    )
    .await
    .map_err(|_| "websocket handshake timed out".to_string())?
    .map_err(|e| format!("websocket handshake: {e}"))?;
    let mut c = Conn {
        g: g.clone(),
        room: room.clone(),
        ws,
        chair,
        last_seq: 0,
        finished: false,
        out: Outcome::default(),
    };
    let key = if chair {
        &room.chair_key
    } else {
        &room.participant_key
    };
    c.send(format!(r#"{{"type":"hello","v":1,"key":"{key}","req":1}}"#))
        .await?;
    c.until("welcome", |m| matches!(m, In::Welcome)).await?;
    let service = DEMO_SERVICES[(room.index + n) % DEMO_SERVICES.len()];
    let name = if n % 3 == 1 {
        format!(r#","display_name":"Osallistuja {n}""#)
    } else {
        String::new()
    };
    c.send(format!(
        r#"{{"type":"join","service":"{service}"{name},"req":2}}"#
    ))
    .await?;
    c.until("joined", |m| matches!(m, In::Joined)).await?;
    room.joins.fetch_add(1, Relaxed);
    Ok(c)
}
