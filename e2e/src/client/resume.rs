//! Losing and resuming a connection as a browser does: hang up (keeping the position and the
//! secret), connect again with `last`, and rejoin with the stored secret.

use super::Client;
use serde_json::{json, Value};
use shared::protocol::Position;
use shared::room::RoomState;

/// What a browser keeps when its connection drops: where its copy stood and how to reclaim its
/// participant. Made by [`Client::hang_up`], used by [`Client::resume`].
#[derive(Clone, Debug)]
pub struct Saved {
    /// The epoch of the copy.
    pub epoch: Option<String>,
    /// The last event applied to it.
    pub seq: u64,
    /// The copy itself.
    pub state: Option<RoomState>,
    /// Who I was.
    pub participant_id: Option<String>,
    /// The secret to be that person again.
    pub secret: Option<String>,
}

impl Saved {
    /// Where the copy stood, as `hello`'s `last` says it.
    pub fn position(&self) -> Option<Position> {
        self.epoch.clone().map(|epoch| Position {
            epoch,
            seq: self.seq,
        })
    }
}

impl Client {
    /// Drops the connection abruptly (no close frame, no `leave`), as a lost network does, and
    /// keeps what the browser would keep.
    pub fn hang_up(self) -> Saved {
        Saved {
            epoch: self.epoch.clone(),
            seq: self.seq,
            state: self.state.clone(),
            participant_id: self.participant_id.clone(),
            secret: self.secret.clone(),
        }
        // `self` (and its socket) is dropped here.
    }

    /// Connects again with what was saved: `hello` with `last = {epoch, seq}`, then waits for
    /// the catch-up. Does not join; see [`Client::rejoin`].
    pub async fn resume(addr: &str, meeting: &str, key: &str, saved: &Saved) -> Client {
        let mut c = Client::connect(addr, meeting).await;
        c.epoch = saved.epoch.clone();
        c.seq = saved.seq;
        c.state = saved.state.clone();
        c.secret = saved.secret.clone();
        c.participant_id = saved.participant_id.clone();
        c.send_hello(key, saved.position()).await;
        c
    }

    /// Sends the same `join` again with the stored `secret`, as the browser does after a
    /// reconnect; returns the `joined` answer.
    pub async fn rejoin(&mut self, service: &str, name: Option<&str>) -> Value {
        let mut msg = json!({ "type": "join", "service": service });
        if let Some(n) = name {
            msg["display_name"] = json!(n);
        }
        if let Some(s) = &self.secret {
            msg["secret"] = json!(s);
        }
        let answer = self.request(msg).await;
        assert_eq!(answer["type"], "joined", "rejoin failed: {answer}");
        answer
    }

    /// Reconnects after a dropped connection: hello with the last position, then join again
    /// with the stored secret.
    pub async fn reconnect(
        addr: &str,
        meeting: &str,
        key: &str,
        old: Client,
        service: Option<&str>,
    ) -> Client {
        let mut c = Client::connect(addr, meeting).await;
        c.epoch = old.epoch.clone();
        c.seq = old.seq;
        c.state = old.state.clone();
        c.secret = old.secret.clone();
        let last = old.epoch.clone().map(|epoch| Position {
            epoch,
            seq: old.seq,
        });
        c.send_hello(key, last).await;
        if let Some(service) = service {
            let secret = c.secret.clone();
            let mut msg = json!({ "type": "join", "service": service });
            if let Some(s) = secret {
                msg["secret"] = json!(s);
            }
            let answer = c.request(msg).await;
            assert_eq!(answer["type"], "joined", "{answer}");
        }
        c
    }

    /// Ends the connection abruptly (no close frame, no leave).
    pub fn drop_connection(self) -> Client {
        self
    }

    /// Sends a close frame.
    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}
