//! One connection's way out: everything written to a socket goes through its [`Outbox`], both
//! what the connection answers (welcome, acks, errors, pings) and the events its room hands it
//! ([`crate::room::Subscriber`]).
//!
//! An event is written by the room's own task, straight to the socket, when the socket can take
//! it at once (the common case: one `send` syscall, no task woken). When it cannot (the client
//! reads slowly, or the connection is busy writing), the frame waits in the outbox's queue and
//! the connection's task is woken to write it when the socket is ready — frames that pile up
//! then go out together, flushed once. A queue longer than the capacity means the client is too
//! far behind: its queued events are dropped and it gets one snapshot instead. So memory per
//! connection stays bounded and no room ever waits for a slow reader.
//!
//! Events are written in seq order, once: the outbox remembers the last seq written, so an event
//! already covered by the catch-up or a snapshot is skipped.

use crate::room::{ServerText, Subscriber};
use axum::extract::ws::Message;
use futures_util::Sink;
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use tokio::sync::Notify;

/// Why a connection ends before the client leaves normally: nothing more can be said on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hangup {
    /// The socket could not take a message (closed, broken, or stuck past the send timeout).
    Socket,
    /// The client sent a close frame.
    ClientClosed,
    /// The room stopped while the connection was using it; the client reconnects.
    RoomGone,
}

/// Something waiting to be written.
enum Out {
    /// An event from the room: skipped if its seq was already written.
    Event(ServerText),
    /// A catch-up event or a snapshot: always written; what it covers is not written again.
    CatchUp(ServerText),
    /// Anything else the connection says (welcome, acks, errors, pings, close).
    Other(Message),
}

/// What woke the connection, read (and cleared) with [`Outbox::signals`].
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Signals {
    /// The socket failed: the connection ends.
    pub broken: bool,
    /// The client fell too far behind; it needs a snapshot.
    pub needs_resync: bool,
    /// The room ended.
    pub room_closed: bool,
}

/// A connection's writing side, shared by its task and its room.
pub(super) struct Outbox<S> {
    inner: Mutex<Inner<S>>,
    /// Wakes the connection's task when the room left it something to do.
    wake: Notify,
    /// Frames that may wait, in the queue or held, before the client counts as too far behind.
    capacity: usize,
}

struct Inner<S> {
    sink: S,
    /// In order, waiting for the socket.
    queue: VecDeque<Out>,
    /// The sink took a frame it has not written out yet.
    unflushed: bool,
    /// Whether the room's events go out (else they are held until the welcome and catch-up,
    /// or a snapshot, are written).
    live: bool,
    /// Events that came while not live.
    held: Vec<ServerText>,
    /// More events came while not live than `held` keeps: a snapshot taken before is stale.
    overflowed: bool,
    /// Highest event seq written.
    last_sent: u64,
    needs_resync: bool,
    room_closed: bool,
    broken: bool,
    /// The connection is about to answer (a command's `ack`): the room's events are put in
    /// the socket's buffer but not written out; the answer writes both at once.
    corked: bool,
}

impl<S: Sink<Message> + Unpin> Inner<S> {
    fn backlog(&self) -> bool {
        self.unflushed || !self.queue.is_empty()
    }

    /// Too far behind: the queued events go, the client will get a snapshot.
    fn lag(&mut self) {
        self.queue.retain(|o| matches!(o, Out::Other(_)));
        self.live = false;
        self.held.clear();
        self.overflowed = false;
        self.needs_resync = true;
    }

    /// Writes the queue out with the connection's waker; flushes once it is empty, unless
    /// corked.
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Hangup>> {
        loop {
            if self.broken {
                return Poll::Ready(Err(Hangup::Socket));
            }
            let stale = match self.queue.front() {
                Some(Out::Event(f)) => f.seq <= self.last_sent,
                Some(_) => false,
                None => {
                    if !self.unflushed || self.corked {
                        return Poll::Ready(Ok(()));
                    }
                    return match Pin::new(&mut self.sink).poll_flush(cx) {
                        Poll::Ready(Ok(())) => {
                            self.unflushed = false;
                            Poll::Ready(Ok(()))
                        }
                        Poll::Ready(Err(_)) => {
                            self.broken = true;
                            Poll::Ready(Err(Hangup::Socket))
                        }
                        Poll::Pending => Poll::Pending,
                    };
                }
            };
            if stale {
                self.queue.pop_front();
                continue;
            }
            match Pin::new(&mut self.sink).poll_ready(cx) {
                Poll::Ready(Ok(())) => {}
                Poll::Ready(Err(_)) => {
                    self.broken = true;
                    return Poll::Ready(Err(Hangup::Socket));
                }
                Poll::Pending => return Poll::Pending,
            }
            let msg = match self.queue.pop_front().expect("front seen") {
                Out::Event(f) | Out::CatchUp(f) => {
                    self.last_sent = self.last_sent.max(f.seq);
                    Message::Text(f.text)
                }
                Out::Other(m) => m,
            };
            if Pin::new(&mut self.sink).start_send(msg).is_err() {
                self.broken = true;
                return Poll::Ready(Err(Hangup::Socket));
            }
            self.unflushed = true;
        }
    }
}

impl<S: Sink<Message> + Unpin + Send + 'static> Outbox<S> {
    /// A new outbox over `sink`; events are held until [`Outbox::go_live`].
    pub(super) fn new(sink: S, capacity: usize) -> Arc<Outbox<S>> {
        Arc::new(Outbox {
            inner: Mutex::new(Inner {
                sink,
                queue: VecDeque::new(),
                unflushed: false,
                live: false,
                held: Vec::new(),
                overflowed: false,
                last_sent: 0,
                needs_resync: false,
                room_closed: false,
                broken: false,
                corked: false,
            }),
            wake: Notify::new(),
            capacity: capacity.max(1),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner<S>> {
        // A panic while holding the lock leaves plain data behind; the socket is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the room left the connection something to do (see [`Outbox::signals`]).
    pub(super) async fn woken(&self) {
        self.wake.notified().await
    }

    /// What the connection has to do now.
    pub(super) fn signals(&self) -> Signals {
        let mut g = self.lock();
        Signals {
            broken: g.broken,
            needs_resync: std::mem::take(&mut g.needs_resync),
            room_closed: g.room_closed,
        }
    }

    /// Whether frames wait to be written.
    pub(super) fn backlog(&self) -> bool {
        self.lock().backlog()
    }

    /// The connection sent its room a command and will answer it: until it writes something
    /// of its own, the room's events wait in the socket's buffer, so the command's event and
    /// its `ack` reach the socket in one write.
    pub(super) fn cork(&self) {
        self.lock().corked = true;
    }

    /// Writes everything queued, waiting for the socket as long as it takes (callers bound the
    /// wait).
    pub(super) async fn drain(&self) -> Result<(), Hangup> {
        std::future::poll_fn(|cx| self.lock().poll_drain(cx)).await
    }

    /// Writes one message of the connection's own, after anything already queued; waits at
    /// most `timeout` for a socket that cannot take it.
    pub(super) async fn send(
        &self,
        msg: Message,
        timeout: std::time::Duration,
    ) -> Result<(), Hangup> {
        if self.enqueue(Out::Other(msg))? {
            match tokio::time::timeout(timeout, self.drain()).await {
                Ok(r) => r?,
                Err(_) => return Err(Hangup::Socket),
            }
        }
        Ok(())
    }

    /// Writes a catch-up frame (an event the client missed, or a snapshot): always written;
    /// events it covers are not written again. Waits like [`Outbox::send`].
    pub(super) async fn send_catch_up(
        &self,
        frame: ServerText,
        timeout: std::time::Duration,
    ) -> Result<(), Hangup> {
        if self.enqueue(Out::CatchUp(frame))? {
            match tokio::time::timeout(timeout, self.drain()).await {
                Ok(r) => r?,
                Err(_) => return Err(Hangup::Socket),
            }
        }
        Ok(())
    }

    /// Puts `out` behind what is queued and writes what it can without waiting; `true` when
    /// something is left to drain.
    fn enqueue(&self, out: Out) -> Result<bool, Hangup> {
        let mut g = self.lock();
        if g.broken {
            return Err(Hangup::Socket);
        }
        g.corked = false;
        g.queue.push_back(out);
        match g.poll_drain(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(Ok(())) => Ok(false),
            Poll::Ready(Err(h)) => Err(h),
            Poll::Pending => Ok(true),
        }
    }

    /// After the welcome and the catch-up: the room's events go out from now on (those that
    /// came meanwhile and are newer than the catch-up first).
    pub(super) fn go_live(&self) {
        let mut g = self.lock();
        if g.overflowed {
            // More came meanwhile than could wait: start from a snapshot instead.
            g.lag();
            drop(g);
            self.wake.notify_one();
            return;
        }
        let held = std::mem::take(&mut g.held);
        let last = g.last_sent;
        g.queue
            .extend(held.into_iter().filter(|f| f.seq > last).map(Out::Event));
        g.live = true;
    }

    /// Before asking the room for a snapshot: hold the room's events until it is written.
    pub(super) fn begin_resync(&self) {
        let mut g = self.lock();
        g.queue.retain(|o| matches!(o, Out::Other(_)));
        g.live = false;
        g.held.clear();
        g.overflowed = false;
        g.needs_resync = false;
    }

    /// The snapshot asked for after [`Outbox::begin_resync`] is `snapshot`: it goes out, then
    /// the events newer than it. `false` when more events came meanwhile than could be held,
    /// so the snapshot is stale and another must be asked for.
    pub(super) fn resynced(&self, snapshot: ServerText) -> bool {
        let mut g = self.lock();
        if g.overflowed {
            g.held.clear();
            g.overflowed = false;
            return false;
        }
        let seq = snapshot.seq;
        g.queue.push_back(Out::CatchUp(snapshot));
        let held = std::mem::take(&mut g.held);
        g.queue
            .extend(held.into_iter().filter(|f| f.seq > seq).map(Out::Event));
        g.live = true;
        true
    }
}

impl<S: Sink<Message> + Unpin + Send + 'static> Subscriber for Outbox<S> {
    fn deliver(&self, frame: &ServerText) -> bool {
        let mut g = self.lock();
        if g.broken {
            return false;
        }
        if !g.live {
            if g.held.len() >= self.capacity {
                g.held.clear();
                g.overflowed = true;
            } else if !g.overflowed {
                g.held.push(frame.clone());
            }
            return true;
        }
        if frame.seq <= g.last_sent {
            return true;
        }
        if g.queue.len() >= self.capacity {
            g.lag();
        } else {
            let idle = !g.backlog();
            g.queue.push_back(Out::Event(frame.clone()));
            if idle {
                // The common case: the socket takes the frame now, in this (the room's) task.
                // (The waker is a no-op: if the socket cannot, the connection's task drains.)
                match g.poll_drain(&mut Context::from_waker(Waker::noop())) {
                    // (Corked: the connection's answer, due any moment, writes it out.)
                    Poll::Ready(Ok(())) => return true,
                    Poll::Ready(Err(_)) => {
                        drop(g);
                        self.wake.notify_one();
                        return false;
                    }
                    Poll::Pending => {}
                }
            }
        }
        drop(g);
        self.wake.notify_one();
        true
    }

    fn room_closed(&self) {
        self.lock().room_closed = true;
        self.wake.notify_one();
    }
}
