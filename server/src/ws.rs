//! One WebSocket connection: reads client frames, talks to its room, writes what the room
//! broadcasts. Written over a generic `Sink`/`Stream` of messages so it can be driven by plain
//! channels in tests as well as by a real socket.

use crate::registry::Rooms;
use crate::room::{Frame, RoomGone, RoomHandle};
use crate::AppState;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::response::Response;
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use shared::domain::Role;
use shared::ids::{MeetingId, ParticipantId};
use shared::protocol::{
    parse_client_frame, ClientMsg, ErrorCode, ServerMsg, MAX_MESSAGE_BYTES, PROTOCOL_VERSION,
};
use shared::room::{Actor, Refusal};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// Frames up to this size are read and answered with `message_too_large`; beyond it the
/// transport closes the connection with code 1009. Between the two the connection survives.
pub const TRANSPORT_MAX_MESSAGE: usize = 4 * MAX_MESSAGE_BYTES;
/// Per-socket read buffer. axum's default is 128 KiB, reserved per socket even when idle.
pub const READ_BUFFER: usize = 4 * 1024;
/// A send that takes longer than this means the client is stuck: it is dropped.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
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

/// `GET /ws/{meeting_id}`: upgrades with buffer sizes chosen for many idle connections.
pub async fn upgrade(
    ws: WebSocketUpgrade,
    Path(meeting): Path<String>,
    State(app): State<AppState>,
) -> Response {
    ws.read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(TRANSPORT_MAX_MESSAGE * 2)
        .max_message_size(TRANSPORT_MAX_MESSAGE)
        .max_frame_size(TRANSPORT_MAX_MESSAGE)
        .on_upgrade(move |socket: WebSocket| async move {
            let (sink, stream) = socket.split();
            serve(
                app.rooms.clone(),
                MeetingId(meeting),
                sink,
                stream,
                app.shutdown.clone(),
            )
            .await;
        })
}

/// What a connection knows about itself.
struct Conn {
    meeting: MeetingId,
    room: Option<RoomHandle>,
    events: Option<broadcast::Receiver<Frame>>,
    role: Role,
    participant: Option<ParticipantId>,
    /// Highest event seq written to the client; broadcast frames at or below it are skipped
    /// (they were in the catch-up or the snapshot).
    last_sent: u64,
}

enum Input {
    Client(Option<Result<Message, axum::Error>>),
    Event(Result<Frame, broadcast::error::RecvError>),
    Ping,
    Shutdown,
}

/// Whether to keep going after a client frame.
enum Flow {
    Continue,
    Close(u16, &'static str),
}

/// Serves one connection until the client leaves, errs, goes silent, or the server stops.
pub async fn serve<S, R>(
    rooms: Arc<Rooms>,
    meeting: MeetingId,
    mut sink: S,
    mut stream: R,
    shutdown: CancellationToken,
) where
    S: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    let mut conn = Conn {
        meeting,
        room: None,
        events: None,
        role: Role::Participant,
        participant: None,
        last_sent: 0,
    };
    let mut ping = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    let mut last_heard = Instant::now();
    let limiter = limiter();
    loop {
        let input = tokio::select! {
            msg = stream.next() => Input::Client(msg),
            ev = next_event(&mut conn.events) => Input::Event(ev),
            _ = ping.tick() => Input::Ping,
            _ = shutdown.cancelled() => Input::Shutdown,
        };
        let ok = match input {
            Input::Client(None) => break,
            Input::Client(Some(Err(e))) => {
                // The transport refuses frames beyond its limit before we see them: say why
                // with close code 1009, then read out what the client still sends so the
                // close frame is not lost to a connection reset.
                if e.to_string().contains("too long") || e.to_string().contains("too big") {
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
                match on_client(&rooms, &mut conn, &mut sink, msg).await {
                    Ok(Flow::Continue) => true,
                    Ok(Flow::Close(code, reason)) => {
                        let _ = send(&mut sink, close(code, reason)).await;
                        false
                    }
                    Err(()) => false,
                }
            }
            Input::Event(Ok(frame)) => {
                if frame.seq > conn.last_sent {
                    conn.last_sent = frame.seq;
                    send(&mut sink, Message::Text(frame.text)).await.is_ok()
                } else {
                    true
                }
            }
            Input::Event(Err(broadcast::error::RecvError::Lagged(_))) => {
                // Too far behind the broadcast: catch up with one snapshot instead.
                resync(&mut conn, &mut sink).await.is_ok()
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
            Input::Shutdown => {
                let _ = send(&mut sink, close(1012, "server restarting")).await;
                false
            }
        };
        if !ok {
            break;
        }
    }
    if let Some(room) = conn.room {
        room.detach(conn.participant);
    }
}

/// The `req` of a frame, read without keeping anything else of it.
fn request_number(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Req {
        req: Option<u64>,
    }
    serde_json::from_str::<Req>(text).ok().and_then(|r| r.req)
}

async fn next_event(
    events: &mut Option<broadcast::Receiver<Frame>>,
) -> Result<Frame, broadcast::error::RecvError> {
    match events {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

fn close(code: u16, reason: &'static str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: Utf8Bytes::from_static(reason),
    }))
}

async fn send<S: Sink<Message> + Unpin>(sink: &mut S, msg: Message) -> Result<(), ()> {
    match tokio::time::timeout(SEND_TIMEOUT, sink.send(msg)).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

async fn reply<S: Sink<Message> + Unpin>(sink: &mut S, msg: &ServerMsg) -> Result<(), ()> {
    let text = serde_json::to_string(msg).expect("server messages serialize");
    send(sink, Message::Text(text.into())).await
}

async fn error<S: Sink<Message> + Unpin>(
    sink: &mut S,
    req: Option<u64>,
    code: ErrorCode,
    message: String,
) -> Result<(), ()> {
    reply(
        sink,
        &ServerMsg::Error {
            req,
            code,
            message,
            findings: Vec::new(),
        },
    )
    .await
}

async fn refused<S: Sink<Message> + Unpin>(
    sink: &mut S,
    req: Option<u64>,
    r: Refusal,
) -> Result<(), ()> {
    reply(
        sink,
        &ServerMsg::Error {
            req,
            code: r.code,
            message: r.message,
            findings: r.findings,
        },
    )
    .await
}

async fn resync<S: Sink<Message> + Unpin>(conn: &mut Conn, sink: &mut S) -> Result<(), ()> {
    let Some(room) = &conn.room else {
        return Ok(());
    };
    match room.snapshot().await {
        Ok(frame) => {
            conn.last_sent = frame.seq;
            send(sink, Message::Text(frame.text)).await
        }
        Err(RoomGone) => Err(()),
    }
}

fn gone() -> Refusal {
    Refusal::new(ErrorCode::Internal, "the room restarted; reconnect")
}

async fn on_client<S: Sink<Message> + Unpin>(
    rooms: &Arc<Rooms>,
    conn: &mut Conn,
    sink: &mut S,
    msg: Message,
) -> Result<Flow, ()> {
    let text = match msg {
        Message::Text(t) => t,
        Message::Binary(_) => {
            error(
                sink,
                None,
                ErrorCode::BinaryNotSupported,
                "send JSON text frames".into(),
            )
            .await?;
            return Ok(Flow::Continue);
        }
        Message::Close(_) => return Err(()),
        Message::Ping(_) | Message::Pong(_) => return Ok(Flow::Continue),
    };
    if text.len() > MAX_MESSAGE_BYTES {
        let message = format!("messages are limited to {} KiB", MAX_MESSAGE_BYTES / 1024);
        error(sink, None, ErrorCode::MessageTooLarge, message).await?;
        return Ok(Flow::Continue);
    }
    let envelope = match parse_client_frame(text.as_str()) {
        Ok(e) => e,
        Err((req, code, message)) => {
            error(sink, req, code, message).await?;
            return Ok(Flow::Continue);
        }
    };
    let req = envelope.req;
    match envelope.msg {
        ClientMsg::Hello { v, key, last } => {
            if conn.room.is_some() {
                error(
                    sink,
                    req,
                    ErrorCode::AlreadyHello,
                    "this connection already said hello".into(),
                )
                .await?;
                return Ok(Flow::Continue);
            }
            if v != PROTOCOL_VERSION {
                let message = format!("this server speaks protocol version {PROTOCOL_VERSION}");
                error(sink, req, ErrorCode::UnsupportedVersion, message).await?;
                return Ok(Flow::Close(1008, "unsupported protocol version"));
            }
            // A room may end between lookup and attach; one retry finds its successor.
            for _ in 0..2 {
                let room = match rooms.get(&conn.meeting).await {
                    Ok(room) => room,
                    Err(r) => {
                        let code = r.code;
                        refused(sink, req, r).await?;
                        return Ok(if code.closes_connection() {
                            Flow::Close(1008, "unknown meeting")
                        } else {
                            Flow::Continue
                        });
                    }
                };
                match room.attach(key.clone(), last.clone()).await {
                    Ok(Ok(attached)) => {
                        conn.role = attached.role;
                        conn.events = Some(attached.events);
                        conn.room = Some(room);
                        send(sink, Message::Text(attached.welcome)).await?;
                        for frame in attached.catch_up {
                            conn.last_sent = conn.last_sent.max(frame.seq);
                            send(sink, Message::Text(frame.text)).await?;
                        }
                        return Ok(Flow::Continue);
                    }
                    Ok(Err(r)) => {
                        refused(sink, req, r).await?;
                        return Ok(Flow::Close(1008, "bad key"));
                    }
                    Err(RoomGone) => continue,
                }
            }
            refused(sink, req, gone()).await?;
            Ok(Flow::Close(1011, "room unavailable"))
        }
        _ if conn.room.is_none() => {
            error(
                sink,
                req,
                ErrorCode::HelloRequired,
                "send hello with the meeting key first".into(),
            )
            .await?;
            Ok(Flow::Continue)
        }
        ClientMsg::Ping => {
            reply(
                sink,
                &ServerMsg::Pong {
                    now: crate::room::now_ms(),
                },
            )
            .await?;
            Ok(Flow::Continue)
        }
        ClientMsg::Resync => {
            resync(conn, sink).await?;
            Ok(Flow::Continue)
        }
        ClientMsg::Join {
            service,
            display_name,
            secret,
            earlier,
        } => {
            let room = conn.room.clone().expect("checked above");
            match room
                .join(
                    conn.role,
                    conn.participant.clone(),
                    service,
                    display_name,
                    secret,
                    earlier,
                )
                .await
            {
                Ok(Ok(ok)) => {
                    conn.participant = Some(ok.participant.clone());
                    reply(
                        sink,
                        &ServerMsg::Joined {
                            req,
                            participant_id: ok.participant,
                            secret: ok.secret,
                        },
                    )
                    .await?;
                }
                Ok(Err(r)) => refused(sink, req, r).await?,
                Err(RoomGone) => return Err(()),
            }
            Ok(Flow::Continue)
        }
        ClientMsg::Leave => {
            let room = conn.room.clone().expect("checked above");
            let Some(p) = conn.participant.take() else {
                reply(sink, &ServerMsg::Ack { req, seq: None }).await?;
                return Ok(Flow::Continue);
            };
            match room.leave(p).await {
                Ok(Ok(seq)) => reply(sink, &ServerMsg::Ack { req, seq }).await?,
                Ok(Err(r)) => refused(sink, req, r).await?,
                Err(RoomGone) => return Err(()),
            }
            Ok(Flow::Continue)
        }
        ClientMsg::Command(cmd) => {
            let room = conn.room.clone().expect("checked above");
            let actor = Actor {
                role: conn.role,
                participant: conn.participant.clone(),
            };
            match room.command(actor, cmd).await {
                Ok(Ok(seq)) => reply(sink, &ServerMsg::Ack { req, seq }).await?,
                Ok(Err(r)) => refused(sink, req, r).await?,
                Err(RoomGone) => return Err(()),
            }
            Ok(Flow::Continue)
        }
    }
}
