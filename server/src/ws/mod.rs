//! The room sockets: one WebSocket connection per browser tab, reading client frames, talking
//! to its room, writing what the room sends. Written over a generic `Sink`/`Stream` of
//! messages so it can be driven by plain channels in tests as well as by a real socket.
//!
//! Before the upgrade: a browser page from a foreign origin gets 403 ([`origin_allowed`]), and
//! an address with too many sockets open gets `limit_reached` and a close
//! ([`crate::limits`]). After it: a socket that has not said `hello` within
//! [`crate::limits::Limits::hello_timeout`] is closed, and the room refuses sockets beyond the
//! meeting's limit.
//!
//! Map of the modules:
//! - `upgrade.rs`: [`upgrade`], the origin check and the per-address limit.
//! - `connection.rs`: [`serve`], the loop of one connection (client frames, broadcasts, pings,
//!   deadlines, revoked keys).
//! - `messages.rs`: what each client message does (`hello`, `join`, `leave`, commands).
//! - `outbox.rs`: everything a socket writes: the room's events (written by the room's task
//!   when the socket takes them at once, queued otherwise) and the connection's own answers.
//! - `session.rs`: what one session knows about itself, and `resync` (a fresh snapshot).
//! - `frames.rs`: frame size limits and the helpers that write one message.

mod connection;
mod frames;
mod messages;
mod outbox;
mod session;
mod upgrade;

pub use connection::{serve, serve_with, ConnOptions, QUEUE_CAPACITY};
pub use frames::{READ_BUFFER, TRANSPORT_MAX_MESSAGE, WRITE_BUFFER_MAX};
pub use upgrade::{origin_allowed, upgrade};
