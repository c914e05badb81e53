//! One connection's life after the upgrade: a loop that waits for whichever comes first (a
//! client frame, the room leaving work in the outbox, the socket taking what waited for it,
//! the ping timer, the `hello` deadline, the server stopping, the key being revoked) and acts
//! on it. Client frames are rate limited and handed to [`super::messages`]. The room's events
//! do not pass through this loop: the room writes them to the socket itself
//! ([`super::outbox`]), and the loop only finishes what the socket could not take at once.

use super::frames::{close, error, request_number, send, too_large, SEND_TIMEOUT};
use super::messages::{on_client, Flow};
use super::outbox::Hangup;
use super::outbox::Outbox;
use super::session::{resync, Session};
use crate::registry::Rooms;
use axum::extract::ws::Message;
use futures_util::{Sink, Stream, StreamExt};
use shared::domain::Role;
use shared::ids::MeetingId;
use shared::protocol::ErrorCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// How often the server pings, and how long a silent client is kept.
const PING_EVERY: Duration = Duration::from_secs(30);
const SILENT_LIMIT: Duration = Duration::from_secs(90);
/// Messages a connection may send per second on average, and in a burst. A person clicking
/// never comes near; a runaway script gets `rate_limited` instead of filling the event log.
const RATE_PER_SECOND: u32 = 20;
const RATE_BURST: u32 = 60;

type Limiter = governor::DefaultDirectRateLimiter;

fn limiter() -> Limiter {
    let per_second = std::num::NonZeroU32::new(RATE_PER_SECOND).expect("non-zero");
    let burst = std::num::NonZeroU32::new(RATE_BURST).expect("non-zero");
    governor::RateLimiter::direct(governor::Quota::per_second(per_second).allow_burst(burst))
}

/// How one connection is served.
#[derive(Clone, Copy, Debug)]
pub struct ConnOptions {
    /// A socket that has not said `hello` by then is closed.
    pub hello_timeout: Duration,
    /// Frames that may wait for a slow socket before the client counts as too far behind
    /// and gets one snapshot instead of them.
    pub queue_capacity: usize,
}

/// [`ConnOptions::queue_capacity`] by default.
pub const QUEUE_CAPACITY: usize = 256;

impl Default for ConnOptions {
    fn default() -> ConnOptions {
        ConnOptions {
            hello_timeout: crate::limits::Limits::default().hello_timeout,
            queue_capacity: QUEUE_CAPACITY,
        }
    }
}

enum Input {
    Client(Option<Result<Message, axum::Error>>),
    /// The room left the connection something to do: frames to write, a snapshot to fetch,
    /// or the room ended.
    Outbox,
    /// What waited for the socket is written (or the socket failed).
    Drained(Result<(), Hangup>),
    /// What waits for the socket has waited longer than [`SEND_TIMEOUT`].
    Stuck,
    Ping,
    /// No `hello` came in time.
    HelloTimeout,
    Shutdown,
    /// The key this connection came in with stopped working: `bad_key` with the reason, close.
    Revoked(&'static str),
}

/// Serves one connection until the client leaves, errs, goes silent, or the server stops,
/// with the default [`ConnOptions`].
pub async fn serve<S, R>(
    rooms: Arc<Rooms>,
    meeting: MeetingId,
    sink: S,
    stream: R,
    shutdown: CancellationToken,
) where
    S: Sink<Message> + Unpin + Send + 'static,
    R: Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    serve_with(
        rooms,
        meeting,
        sink,
        stream,
        shutdown,
        ConnOptions::default(),
    )
    .await
}

/// [`serve`] with the given options.
pub async fn serve_with<S, R>(
    rooms: Arc<Rooms>,
    meeting: MeetingId,
    sink: S,
    mut stream: R,
    shutdown: CancellationToken,
    options: ConnOptions,
) where
    S: Sink<Message> + Unpin + Send + 'static,
    R: Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    let mut session = Session {
        meeting,
        room: None,
        role: Role::Participant,
        participant: None,
        revoked: None,
    };
    let out = Outbox::new(sink, options.queue_capacity);
    let mut ping = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    let mut last_heard = Instant::now();
    let limiter = limiter();
    let hello_deadline = tokio::time::sleep(options.hello_timeout);
    tokio::pin!(hello_deadline);
    // One deadline per connection for whatever waits for the socket, set when waiting begins.
    let stuck = tokio::time::sleep(SEND_TIMEOUT);
    tokio::pin!(stuck);
    let mut waiting_since: Option<Instant> = None;
    let stopping = shutdown.cancelled();
    tokio::pin!(stopping);
    loop {
        let waiting_for_hello = session.room.is_none();
        let backlog = out.backlog();
        match (backlog, waiting_since) {
            (true, None) => {
                let now = Instant::now();
                waiting_since = Some(now);
                stuck.as_mut().reset(now + SEND_TIMEOUT);
            }
            (false, Some(_)) => waiting_since = None,
            _ => {}
        }
        let input = tokio::select! {
            msg = stream.next() => Input::Client(msg),
            () = out.woken() => Input::Outbox,
            r = out.drain(), if backlog => Input::Drained(r),
            () = &mut stuck, if backlog => Input::Stuck,
            _ = ping.tick() => Input::Ping,
            () = &mut hello_deadline, if waiting_for_hello => Input::HelloTimeout,
            () = &mut stopping => Input::Shutdown,
            why = next_revocation(&mut session.revoked) => Input::Revoked(why),
        };
        let ok = match input {
            Input::Client(None) => break,
            Input::Client(Some(Err(e))) => {
                // The transport refuses frames beyond its limit before we see them: say why
                // with close code 1009, then read out what the client still sends so the
                // close frame is not lost to a connection reset.
                if too_large(&e) {
                    let _ = send(&out, close(1009, "message too large")).await;
                    let _ = tokio::time::timeout(Duration::from_secs(2), async {
                        while let Some(Ok(_)) = stream.next().await {}
                    })
                    .await;
                }
                break;
            }
            Input::Client(Some(Ok(msg))) => {
                last_heard = Instant::now();
                if matches!(msg, Message::Text(_) | Message::Binary(_)) && limiter.check().is_err()
                {
                    let message = format!(
                        "at most {RATE_PER_SECOND} messages a second; this one was dropped"
                    );
                    let req = match &msg {
                        Message::Text(t) => request_number(t.as_str()),
                        _ => None,
                    };
                    if error(&out, req, ErrorCode::RateLimited, message)
                        .await
                        .is_err()
                    {
                        break;
                    }
                    continue;
                }
                match on_client(&rooms, &mut session, &out, msg).await {
                    Ok(Flow::Continue) => true,
                    Ok(Flow::Close(code, reason)) => {
                        let _ = send(&out, close(code, reason)).await;
                        false
                    }
                    Err(_) => false,
                }
            }
            Input::Outbox => {
                let s = out.signals();
                if s.broken {
                    false
                } else if s.room_closed {
                    let _ = send(&out, close(1012, "room restarting")).await;
                    false
                } else if s.needs_resync {
                    // Too far behind: catch up with one snapshot instead.
                    resync(&session, &out).await.is_ok()
                } else {
                    true
                }
            }
            Input::Drained(r) => r.is_ok(),
            Input::Stuck => false,
            Input::Ping => {
                if last_heard.elapsed() > SILENT_LIMIT {
                    false
                } else {
                    send(&out, Message::Ping(Default::default())).await.is_ok()
                }
            }
            Input::HelloTimeout => {
                let message = format!(
                    "no hello within {} seconds; the connection is closed",
                    options.hello_timeout.as_secs()
                );
                let _ = error(&out, None, ErrorCode::HelloRequired, message).await;
                let _ = send(&out, close(1008, "no hello in time")).await;
                false
            }
            Input::Shutdown => {
                let _ = send(&out, close(1012, "server restarting")).await;
                false
            }
            Input::Revoked(why) => {
                let _ = error(&out, None, ErrorCode::BadKey, why.to_owned()).await;
                let _ = send(&out, close(1008, "bad key")).await;
                false
            }
        };
        if !ok {
            break;
        }
    }
    if let Some(room) = session.room {
        room.detach(session.participant);
    }
}

/// Waits until the connection's key stops working (never, before `hello`).
async fn next_revocation(
    revoked: &mut Option<tokio::sync::watch::Receiver<Option<&'static str>>>,
) -> &'static str {
    if let Some(rx) = revoked {
        // Fails only when the room is gone without revoking: then its events end the socket.
        if let Ok(why) = rx.wait_for(Option::is_some).await {
            return why.unwrap_or_default();
        }
    }
    std::future::pending().await
}
