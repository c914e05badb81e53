//! The live connection: one WebSocket, protocol v1, reconnecting by itself. It writes what it
//! learns into the page's signals ([`crate::state::Ctx`]) and offers the pages a few calls to
//! act ([`command`], [`submit_item`], [`record_outcome`], [`join`]).
//!
//! | module | what it does |
//! | --- | --- |
//! | `session` | the one record every module reads and writes (socket, position, pending requests) |
//! | `socket` | open, `hello`, read frames and hand them on, notice silence, reconnect with backoff |
//! | `room_copy` | the room copy: snapshot, events applied in `seq` order, `resync` on a gap |
//! | `requests` | numbered requests and the room commands the pages send |
//! | `answers` | what an `ack`, an `error` or a dropped connection means for each request |
//! | `joining` | join, rejoin with the saved secret, reclaim carried-over items |
//! | `clock` | server time from `welcome` and `pong`, ticked locally; the one-minute warning |
//!
//! Dependencies run one way: `socket` uses every other module; `answers` and `room_copy` use
//! `joining`, which uses `requests`; all of them use `session`, which uses only
//! [`crate::state`].

mod answers;
mod clock;
mod joining;
mod requests;
mod room_copy;
mod session;
mod socket;

use crate::state::Ctx;
use leptos::prelude::*;
use std::time::Duration;

pub use joining::{join, last_join_choice};
pub use requests::{command, record_outcome, submit_item};
pub use socket::reconnect_now;

/// Opens the connection for `meeting` with `key` and keeps it open for the page's lifetime.
pub fn start(ctx: Ctx, meeting: String, key: String) {
    session::with(|n| {
        n.ctx = Some(ctx);
        n.meeting = meeting;
        n.key = key;
    });
    socket::connect();
    set_interval(socket::tick, Duration::from_millis(250));
    window_event_listener(leptos::ev::online, |_| reconnect_now());
}
