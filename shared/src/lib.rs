//! # PPT Hub shared crate
//!
//! Everything the server and the browser must agree on, and nothing that does I/O, so it
//! compiles for `wasm32-unknown-unknown` as well as for the server.
//!
//! Map of the modules:
//! - [`api`]: the coordinator's HTTP contract (meetings, centres, reports, errors) as types,
//!   serialized by the server and read by the coordinator page.
//! - [`guard`]: the identifier guard's pattern detectors (identity codes, phone numbers,
//!   e-mail, IBANs, addresses, birth dates, plates, record numbers, personal links), run by
//!   the server on every text and by the browser as the user types.
//! - [`ids`]: typed identifiers (`MeetingId`, `ItemId`, …) so ids of different things cannot be
//!   mixed up.
//! - [`domain`]: centres, services, meetings, agenda items, outcomes — the nouns of the meeting.
//! - [`allocation`]: the rule that fits every case inside the hour.
//! - [`charts`]: SVG charts for the coordinator page, readable without colour.
//! - [`labels`]: the names of kinds, statuses, themes and identifier kinds in fi/sv/en.
//! - [`protocol`]: the versioned JSON wire protocol spoken over the WebSocket; it wraps the
//!   room's commands, events, state and refusals in messages (it depends on [`room`], never
//!   the reverse).
//! - [`room`]: the only place that turns requests into events. The room's state, `decide`
//!   (is this command allowed, and which events does it produce) with one module per family
//!   of commands (agenda, floor, hands, outcome, roles, guests), `publication` for the agenda
//!   out ahead, `admin` for what is not a command (join,
//!   leave, the coordinator's reschedule, cancel and catalogue, carried-over items), `apply`
//!   (fold an event into the state), the clock (`due`) and the limits. The server runs all of
//!   it; the browser runs `apply` to stay in step from events alone.

pub mod allocation;
pub mod api;
pub mod charts;
pub mod domain;
pub mod guard;
pub mod html;
pub mod ids;
pub mod labels;
pub mod protocol;
pub mod room;

/// Milliseconds since the Unix epoch, UTC. The server's clock is the only clock: every
/// timestamp in the protocol is one of these, taken on the server.
pub type Millis = i64;
