//! What the connection tasks share with each other and with the phases: the counters, the
//! rooms, and what each task reports at the end.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::{watch, Notify, Semaphore};
use tokio::time::Instant;

/// What every connection task shares.
pub struct Global {
    /// When the run began (latencies are measured from it).
    pub t0: Instant,
    /// The server's address.
    pub addr: SocketAddr,
    /// `host:port` for the WebSocket URL.
    pub host: String,
    /// Bounds how many connections open at once.
    pub connect: Semaphore,
    /// Frames (text) received by all clients, and their bytes.
    pub frames: AtomicU64,
    /// Their bytes.
    pub bytes: AtomicU64,
    /// Connections that joined.
    pub joined: AtomicUsize,
    /// Chairs among them.
    pub chairs_joined: AtomicUsize,
    /// Connections that could not open or join.
    pub failed: AtomicUsize,
    /// Participants that have seen their room's last action event.
    pub done: AtomicUsize,
    /// Woken at every join, failure and finished participant.
    pub progress: Notify,
    /// `error` frames received.
    pub server_errors: AtomicU64,
    /// Connections lost before the stop.
    pub lost: AtomicU64,
    /// Events that skipped a seq.
    pub gaps: AtomicU64,
    /// Acks whose seq was not the expected one.
    pub seq_mismatch: AtomicU64,
    /// Chairs that could not finish their actions.
    pub chair_failures: AtomicU64,
    /// The first problems seen, to print.
    pub problems: Mutex<Vec<String>>,
    /// When the action phase starts (set once).
    pub go: watch::Receiver<Option<Instant>>,
    /// Set when the run stops.
    pub stop: watch::Receiver<bool>,
    /// `--rooms`.
    pub rooms: usize,
    /// `--actions`.
    pub actions: usize,
    /// `--items`.
    pub items: usize,
    /// `--interval-ms`.
    pub interval: Duration,
}

impl Global {
    /// Keeps a problem to print in the summary (the first 20).
    pub fn problem(&self, what: String) {
        let mut p = self.problems.lock().unwrap();
        if p.len() < 20 {
            p.push(what);
        }
    }
    /// Nanoseconds since the run began.
    pub fn nanos(&self) -> u64 {
        self.t0.elapsed().as_nanos() as u64
    }
}

/// One room, shared by its connections.
pub struct Room {
    /// Its number (spreads the chairs over the interval).
    pub index: usize,
    /// The meeting id.
    pub id: String,
    /// The chair's key.
    pub chair_key: String,
    /// The participants' key.
    pub participant_key: String,
    /// Send time (ns since t0, +1) of the command expected to produce event `seq`, by seq.
    pub sent: Box<[AtomicU64]>,
    /// The seq of the last action's event, once the chair knows it (0 before).
    pub final_seq: AtomicU64,
    /// Connections of this room that joined (each join is one event).
    pub joins: AtomicU64,
}

/// What a connection task reports at the end.
#[derive(Default)]
pub struct Outcome {
    /// Chair action → this participant, µs.
    pub latencies: Vec<u32>,
    /// Command → ack at the chair, µs, with the send time (ms since the go signal).
    pub acks: Vec<(u32, u32)>,
    /// Events this participant never got (of the actions).
    pub missing: u64,
    /// Whether the connection lasted to the stop.
    pub held: bool,
    /// Actions the chair sent more than an interval late.
    pub behind_schedule: u64,
}
