//! How a committed event reaches the room's connections: the room hands each frame (serialized
//! once) to every attached [`Subscriber`] in turn, in the room task, the way a single-threaded
//! hub loops over its sockets. A subscriber writes the frame straight to its socket when the
//! socket can take it, and queues it otherwise; no task is woken per connection per event.
//!
//! The room holds only weak references: a connection that ends is forgotten at the next event.
//! When the room ends, every subscriber still attached is told ([`Subscriber::room_closed`]).

use super::ServerText;
use std::sync::Weak;

/// One connection, as the room sees it: somewhere to put event frames. Implemented by the
/// WebSocket layer (`ws::outbox`), which the room does not know.
pub trait Subscriber: Send + Sync {
    /// Takes one event frame, in seq order, without waiting. `false` when the connection is
    /// gone and the room may forget it.
    fn deliver(&self, frame: &ServerText) -> bool;
    /// The room ended (idle, evicted, the server stopping): the connection says so and closes,
    /// and the client reconnects to the room's successor.
    fn room_closed(&self);
}

/// The room's connections, in the order they attached.
#[derive(Default)]
pub struct Fanout {
    subscribers: Vec<Weak<dyn Subscriber>>,
}

impl Fanout {
    /// Adds a connection; it gets every event committed from now on.
    pub fn subscribe(&mut self, subscriber: Weak<dyn Subscriber>) {
        self.subscribers.push(subscriber);
    }

    /// Hands `frame` to every connection, forgetting those that are gone.
    pub fn send(&mut self, frame: &ServerText) {
        self.subscribers
            .retain(|s| s.upgrade().is_some_and(|s| s.deliver(frame)));
    }

    /// Connections attached and not yet known to be gone.
    pub fn len(&self) -> usize {
        self.subscribers.len()
    }

    /// Whether no connection is attached.
    pub fn is_empty(&self) -> bool {
        self.subscribers.is_empty()
    }
}

impl Drop for Fanout {
    fn drop(&mut self) {
        for s in self.subscribers.drain(..).filter_map(|s| s.upgrade()) {
            s.room_closed();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Keeps what it is given.
    #[derive(Default)]
    struct Recorder {
        /// Frames delivered, and whether the room closed.
        seen: std::sync::Mutex<(Vec<ServerText>, bool)>,
    }

    impl Subscriber for Recorder {
        fn deliver(&self, frame: &ServerText) -> bool {
            self.seen.lock().unwrap().0.push(frame.clone());
            true
        }
        fn room_closed(&self) {
            self.seen.lock().unwrap().1 = true;
        }
    }

    fn frame(seq: u64) -> ServerText {
        ServerText {
            seq,
            text: format!("{{\"seq\":{seq}}}").into(),
        }
    }

    #[test]
    fn every_live_subscriber_gets_each_frame_and_gone_ones_are_forgotten() {
        let mut fanout = Fanout::default();
        let a = Arc::new(Recorder::default());
        let b = Arc::new(Recorder::default());
        fanout.subscribe(Arc::downgrade(&a) as Weak<dyn Subscriber>);
        fanout.subscribe(Arc::downgrade(&b) as Weak<dyn Subscriber>);
        fanout.send(&frame(1));
        drop(b);
        fanout.send(&frame(2));
        assert_eq!(fanout.len(), 1);
        let seqs: Vec<u64> = a.seen.lock().unwrap().0.iter().map(|f| f.seq).collect();
        assert_eq!(seqs, [1, 2]);
        drop(fanout);
        assert!(a.seen.lock().unwrap().1, "told that the room closed");
    }
}
