//! # PPT Hub end-to-end harness
//!
//! Starts the real `ppt-hub` binary on a free port with its own database and drives it with
//! real clients. The tests in `tests/` and the `loadgen` binary build on it.
//!
//! | module | what it holds |
//! | --- | --- |
//! | [`server`] | the server process: start, SIGKILL, SIGTERM, restart on the same database, what it prints at start |
//! | [`client`] | the raw WebSocket client that speaks protocol v1 and keeps its own room copy with the shared rules |
//! | [`fixtures`] | what tests set up: a meeting with its chair and participants, API calls, a scripted meeting |
//! | [`snapshots`] | a fresh snapshot, and the check that every client's copy equals it |
//! | [`browser`] | headless Chromium through WebDriver, for the browser tests |
//! | [`tempdir`] | temporary directories, removed on drop |
//!
//! The names tests use most are re-exported here (`e2e::{Server, Client, Meeting, submit}`).

pub mod browser;
pub mod client;
pub mod fixtures;
pub mod postgres;
pub mod server;
pub mod snapshots;
pub mod tempdir;

pub use client::{Client, Saved, WAIT};
pub use fixtures::{
    files_contain, meeting_with_chair_and, observed_meeting, participant_id, run_meeting, submit,
    Meeting,
};
pub use server::{
    serve_output, serve_output_while, server_binary, test_pg, ServeOutput, Server, TOKEN,
};
pub use snapshots::{assert_in_step, snapshot};
