//! One connection's life after the upgrade: a loop that waits for whichever comes first (a
//! client frame, a broadcast, the ping timer, the `hello` deadline, the server stopping, the
//! key being revoked) and acts on it. Client frames are rate limited and handed to
//! [`super::messages`]; broadcasts are written unless the catch-up already held them.

use super::frames::{close, error, request_number, send, too_large};
use super::messages::{on_client, Flow};
use super::session::{resync, Session};
use crate::registry::Rooms;
use crate::room::ServerText;
use axum::extract::ws::Message;
use futures_util::{Sink, Stream, StreamExt};
use shared::domain::Role;
use shared::ids::MeetingId;
use shared::protocol::ErrorCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;
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
}

impl Default for ConnOptions {
    fn default() -> ConnOptions {
        ConnOptions {
            hello_timeout: crate::limits::Limits::default().hello_timeout,
        }
    }
}

enum Input {
    Client(Option<Result<Message, axum::Error>>),
    Event(Result<ServerText, broadcast::error::RecvError>),
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
    S: Sink<Message> + Unpin,
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
    mut sink: S,
    mut stream: R,
    shutdown: CancellationToken,
    options: ConnOptions,
) where
    S: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    let mut session = Session {
        meeting,
        room: None,
        events: None,
        role: Role::Participant,
        participant: None,
        last_sent: 0,
        revoked: None,
    };
    let mut ping = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    let mut last_heard = Instant::now();
    let limiter = limiter();
    let hello_deadline = tokio::time::sleep(options.hello_timeout);
    tokio::pin!(hello_deadline);
    loop {
        let waiting_for_hello = session.room.is_none();
        let input = tokio::select! {
            msg = stream.next() => Input::Client(msg),
            ev = next_event(&mut session.events) => Input::Event(ev),
            _ = ping.tick() => Input::Ping,
            _ = &mut hello_deadline, if waiting_for_hello => Input::HelloTimeout,
            _ = shutdown.cancelled() => Input::Shutdown,
            why = next_revocation(&mut session.revoked) => Input::Revoked(why),
        };
        let ok = match input {
            Input::Client(None) => break,
            Input::Client(Some(Err(e))) => {
                // The transport refuses frames beyond its limit before we see them: say why
                // with close code 1009, then read out what the client still sends so the
                // close frame is not lost to a connection reset.
                if too_large(&e) {
                    let _ = send(&mut sink, close(1009, "message too large")).await;
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
                    if error(&mut sink, req, ErrorCode::RateLimited, message)
                        .await
                        .is_err()
                    {
                        break;
                    }
                    continue;
                }
                match on_client(&rooms, &mut session, &mut sink, msg).await {
                    Ok(Flow::Continue) => true,
                    Ok(Flow::Close(code, reason)) => {
                        let _ = send(&mut sink, close(code, reason)).await;
                        false
                    }
                    Err(_) => false,
                }
            }
            Input::Event(Ok(frame)) => {
                if frame.seq > session.last_sent {
                    session.last_sent = frame.seq;
                    send(&mut sink, Message::Text(frame.text)).await.is_ok()
                } else {
                    true
                }
            }
            Input::Event(Err(broadcast::error::RecvError::Lagged(_))) => {
                // Too far behind the broadcast: catch up with one snapshot instead.
                resync(&mut session, &mut sink).await.is_ok()
            }
            Input::Event(Err(broadcast::error::RecvError::Closed)) => {
                let _ = send(&mut sink, close(1012, "room restarting")).await;
                false
            }
            Input::Ping => {
                if last_heard.elapsed() > SILENT_LIMIT {
                    false
                } else {
                    send(&mut sink, Message::Ping(Default::default()))
                        .await
                        .is_ok()
                }
            }
            Input::HelloTimeout => {
                let message = format!(
                    "no hello within {} seconds; the connection is closed",
                    options.hello_timeout.as_secs()
                );
                let _ = error(&mut sink, None, ErrorCode::HelloRequired, message).await;
                let _ = send(&mut sink, close(1008, "no hello in time")).await;
                false
            }
            Input::Shutdown => {
                let _ = send(&mut sink, close(1012, "server restarting")).await;
                false
            }
            Input::Revoked(why) => {
                let _ = error(&mut sink, None, ErrorCode::BadKey, why.to_owned()).await;
                let _ = send(&mut sink, close(1008, "bad key")).await;
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

async fn next_event(
    events: &mut Option<broadcast::Receiver<ServerText>>,
) -> Result<ServerText, broadcast::error::RecvError> {
    match events {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}
