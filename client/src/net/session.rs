//! The connection's one record, shared by the `net` modules: the meeting and key it is for,
//! the socket, where the room copy stands, the requests waiting for answers, the join in
//! flight and the clock offset. Kept in a thread-local (the browser has one thread), read and
//! written only through [`with`], never across an `await`.

use crate::state::Ctx;
use shared::ids::ItemId;
use shared::protocol::{ClientEnvelope, ClientMsg};
use shared::room::JoinAs;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// What an answered request was for: decides which form shows its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A join; `auto` when the app sent it by itself with the stored secret.
    Join { auto: bool },
    /// An item submission (the submission form).
    Submit,
    /// A recorded outcome (the chair's outcome form).
    Outcome,
    /// Any other command: a refusal becomes the page's notice.
    Other,
}

/// The socket's callbacks, kept alive as long as the socket is.
pub type Handlers = (
    Closure<dyn FnMut(web_sys::Event)>,
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(CloseEvent)>,
);

/// Everything the connection remembers between callbacks.
#[derive(Default)]
pub struct Session {
    /// The page's signals, once started.
    pub ctx: Option<Ctx>,
    /// The meeting id of the link.
    pub meeting: String,
    /// The link's key (chair or participant).
    pub key: String,
    /// The open (or opening) socket.
    pub ws: Option<WebSocket>,
    /// Its callbacks.
    pub handlers: Option<Handlers>,
    /// Bumped per socket, so late callbacks of an old socket are ignored.
    pub generation: u32,
    /// The server's epoch of the room copy.
    pub epoch: Option<String>,
    /// The last event applied to the room copy.
    pub seq: u64,
    /// Whether the room copy is complete (a snapshot arrived in this epoch).
    pub have_state: bool,
    /// A `resync` was sent and its snapshot has not come yet.
    pub resyncing: bool,
    /// The last request number used.
    pub next_req: u64,
    /// Requests waiting for their answer, by number.
    pub pending: HashMap<u64, Pending>,
    /// The service and name of the join in flight, saved with the secret when it succeeds.
    pub joining: Option<(JoinAs, Option<String>)>,
    /// Reconnect attempts since the last welcome (for the backoff).
    pub attempt: u32,
    /// Server time minus browser time, ms.
    pub offset: f64,
    /// When the unanswered ping was sent (browser time).
    pub ping_sent: Option<f64>,
    /// When the socket last said anything (browser time).
    pub last_heard: f64,
    /// Stopped for good (a fatal error): no more reconnects.
    pub stopped: bool,
    /// The item for which "one minute left" was announced.
    pub minute_warned: Option<ItemId>,
    /// I asked to lower my own hand (so its going down needs no explanation).
    pub lowering: bool,
    /// The earlier secrets last sent to reclaim carried-over items, so a set that proved
    /// nothing is not sent again at every event.
    pub reclaim_sent: Vec<String>,
}

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
}

/// Runs `f` on the session. Not re-entrant: `f` must not call anything that calls `with`.
pub fn with<R>(f: impl FnOnce(&mut Session) -> R) -> R {
    SESSION.with(|n| f(&mut n.borrow_mut()))
}

/// The page's signals, once [`crate::net::start`] has run.
pub fn ctx() -> Option<Ctx> {
    with(|n| n.ctx)
}

/// Whether the socket is open (welcomed or not).
pub fn socket_open(n: &Session) -> bool {
    n.ws.as_ref()
        .is_some_and(|w| w.ready_state() == WebSocket::OPEN)
}

/// Sends one message (with `req` when an answer is wanted); false when the socket is not open.
pub fn send(req: Option<u64>, msg: ClientMsg) -> bool {
    let text = serde_json::to_string(&ClientEnvelope { req, msg }).unwrap_or_default();
    with(|n| match &n.ws {
        Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(&text).is_ok(),
        _ => false,
    })
}
