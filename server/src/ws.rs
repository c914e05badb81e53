//! One WebSocket connection: reads client frames, talks to its room, writes what the room
//! broadcasts. Written over a generic `Sink`/`Stream` of messages so it can be driven by plain
//! channels in tests as well as by a real socket.
//!
//! Before the upgrade: a browser page from a foreign origin gets 403 ([`origin_allowed`]), and
//! an address with too many sockets open gets `limit_reached` and a close
//! ([`crate::limits`]). After it: a socket that has not said `hello` within
//! [`crate::limits::Limits::hello_timeout`] is closed, and the room refuses sockets beyond the
//! meeting's limit.

use crate::registry::Rooms;
use crate::room::{Frame, RoomGone, RoomHandle};
use crate::AppState;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use shared::domain::Role;
use shared::ids::{MeetingId, ParticipantId};
use shared::protocol::{
    parse_client_frame, ClientMsg, ErrorCode, ServerMsg, MAX_MESSAGE_BYTES, PROTOCOL_VERSION,
};
use shared::room::{Actor, Refusal, MAX_SNAPSHOT_BYTES};
use std::net::SocketAddr;
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
/// The most a socket may have waiting to be written. A frame larger than this is refused by
/// the socket and the connection dropped, so it must hold the largest snapshot the meeting
/// limits allow ([`MAX_SNAPSHOT_BYTES`]) with room for a frame already waiting. It is a cap,
/// not a reservation: an idle socket holds nothing.
pub const WRITE_BUFFER_MAX: usize = MAX_SNAPSHOT_BYTES + 2 * TRANSPORT_MAX_MESSAGE;
// The largest snapshot (frame header: at most 14 bytes) fits behind a frame already waiting.
const _: () = assert!(MAX_SNAPSHOT_BYTES + 14 + TRANSPORT_MAX_MESSAGE <= WRITE_BUFFER_MAX);
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

/// `GET /ws/{meeting_id}`: checks the page's origin and the address's sockets, then upgrades
/// with buffer sizes chosen for many idle connections.
pub async fn upgrade(
    ws: WebSocketUpgrade,
    Path(meeting): Path<String>,
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !origin_allowed(
        &headers,
        &app.config.public_url,
        &app.config.allowed_origins,
    ) {
        tracing::info!("room socket refused: the page's origin is not this server's");
        return forbidden_origin();
    }
    let ip = app.gates.client_address(peer, &headers);
    let slot = app.gates.open_socket(ip);
    let ws = ws
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(WRITE_BUFFER_MAX)
        .max_message_size(TRANSPORT_MAX_MESSAGE)
        .max_frame_size(TRANSPORT_MAX_MESSAGE);
    let Some(slot) = slot else {
        // Upgraded only to say why in the protocol, which a browser can show (an HTTP error
        // before the upgrade reaches a page as a bare "connection failed").
        tracing::info!("room socket refused: connection limit of the address");
        let limit = app.gates.limits.connections_per_address;
        return ws.on_upgrade(move |socket| refuse_socket(socket, limit));
    };
    let options = ConnOptions {
        hello_timeout: app.gates.limits.hello_timeout,
    };
    ws.on_upgrade(move |socket: WebSocket| async move {
        let _slot = slot;
        let (sink, stream) = socket.split();
        serve_with(
            app.rooms.clone(),
            MeetingId(meeting),
            sink,
            stream,
            app.shutdown.clone(),
            options,
        )
        .await;
    })
}

/// 403 for a page whose origin may not open room sockets.
fn forbidden_origin() -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::Json(serde_json::json!({"error": {
            "code": "forbidden_origin",
            "message": "pages from this origin may not open a meeting connection; open the \
                        meeting from the server's own address, or ask its administrator to \
                        allow the origin (--allowed-origin)",
        }})),
    )
        .into_response()
}

/// Tells a socket over its address's limit why (`limit_reached`), closes it with 1013 (try
/// again later), and waits briefly for the client's close so the reason is not lost.
async fn refuse_socket(socket: WebSocket, limit: usize) {
    let (mut sink, mut stream) = socket.split();
    let message = format!(
        "at most {limit} connections from one address are open at a time; close another tab \
         or try again later"
    );
    if error(&mut sink, None, ErrorCode::LimitReached, message)
        .await
        .is_ok()
    {
        let _ = send(
            &mut sink,
            close(1013, "too many connections from this address"),
        )
        .await;
        let _ = tokio::time::timeout(Duration::from_secs(2), async {
            while let Some(Ok(_)) = stream.next().await {}
        })
        .await;
    }
}

/// Whether a room socket may be opened with these request headers. Browsers say which page
/// opens a socket (`Origin`) and do not stop a page of another site from opening one, so the
/// server does: the server's own origin (the request's `Host`, or `public_url`) and the
/// configured `allowed` origins may; any other, `null` included, may not. A request without
/// `Origin` does not come from a page in a browser (the e2e and load clients, tools) and is let
/// through: the key in `hello` is what protects a meeting.
pub fn origin_allowed(headers: &HeaderMap, public_url: &str, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some((scheme, authority)) = origin.to_str().ok().and_then(normalize_origin) else {
        return false;
    };
    let own_host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase());
    if own_host.is_some_and(|h| without_default_port(&scheme, &h) == authority) {
        return true;
    }
    std::iter::once(public_url)
        .chain(allowed.iter().map(String::as_str))
        .filter_map(normalize_origin)
        .any(|(s, a)| s == scheme && a == authority)
}

/// `(scheme, host[:port])` of an origin or URL, lower case, without a default port or path.
fn normalize_origin(text: &str) -> Option<(String, String)> {
    let text = text.trim().to_ascii_lowercase();
    let (scheme, rest) = text.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some((scheme.to_owned(), without_default_port(scheme, authority)))
}

fn without_default_port(scheme: &str, authority: &str) -> String {
    let default = if scheme == "https" { ":443" } else { ":80" };
    authority
        .strip_suffix(default)
        .unwrap_or(authority)
        .to_owned()
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
    /// Says why, once the key of this connection stopped working (rotated or expired).
    revoked: Option<tokio::sync::watch::Receiver<Option<&'static str>>>,
}

enum Input {
    Client(Option<Result<Message, axum::Error>>),
    Event(Result<Frame, broadcast::error::RecvError>),
    Ping,
    /// No `hello` came in time.
    HelloTimeout,
    Shutdown,
    /// The key this connection came in with stopped working: `bad_key` with the reason, close.
    Revoked(&'static str),
}

/// Whether to keep going after a client frame.
enum Flow {
    Continue,
    Close(u16, &'static str),
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
    let mut conn = Conn {
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
        let waiting_for_hello = conn.room.is_none();
        let input = tokio::select! {
            msg = stream.next() => Input::Client(msg),
            ev = next_event(&mut conn.events) => Input::Event(ev),
            _ = ping.tick() => Input::Ping,
            _ = &mut hello_deadline, if waiting_for_hello => Input::HelloTimeout,
            _ = shutdown.cancelled() => Input::Shutdown,
            why = next_revocation(&mut conn.revoked) => Input::Revoked(why),
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
            note_oversize(&frame);
            send(sink, Message::Text(frame.text)).await
        }
        Err(RoomGone) => Err(()),
    }
}

/// Logs a frame larger than the snapshot budget: the meeting limits are meant to make that
/// impossible (the largest room's snapshot is checked by a test), so it is a bug to look at.
/// The socket still takes it up to [`WRITE_BUFFER_MAX`].
fn note_oversize(frame: &Frame) {
    if frame.text.len() > MAX_SNAPSHOT_BYTES {
        tracing::error!(
            bytes = frame.text.len(),
            budget = MAX_SNAPSHOT_BYTES,
            "a catch-up frame is larger than the snapshot budget"
        );
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
                        conn.revoked = Some(attached.revoked);
                        conn.room = Some(room);
                        send(sink, Message::Text(attached.welcome)).await?;
                        for frame in attached.catch_up {
                            conn.last_sent = conn.last_sent.max(frame.seq);
                            note_oversize(&frame);
                            send(sink, Message::Text(frame.text)).await?;
                        }
                        return Ok(Flow::Continue);
                    }
                    Ok(Err(r)) => {
                        let limited = r.code == ErrorCode::LimitReached;
                        refused(sink, req, r).await?;
                        return Ok(if limited {
                            // 1013: try again later; the meeting is full, the key is fine.
                            Flow::Close(1013, "meeting connection limit reached")
                        } else {
                            Flow::Close(1008, "bad key")
                        });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, host.parse().unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, o.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_own_origin_and_the_allowed_ones_open_room_sockets() {
        let public = "https://ppt.example.fi/";
        let allowed = vec!["https://Intra.Example.fi:443".to_owned()];
        let ok = |origin: Option<&str>, host: &str| {
            origin_allowed(&headers(origin, host), public, &allowed)
        };
        // No Origin: not a page in a browser.
        assert!(ok(None, "127.0.0.1:8080"));
        // The server's own origin, by its Host or its public URL.
        assert!(ok(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"));
        assert!(ok(Some("https://ppt.example.fi"), "127.0.0.1:8080"));
        assert!(ok(Some("https://PPT.example.fi:443"), "ppt.example.fi"));
        // One given with --allowed-origin.
        assert!(ok(Some("https://intra.example.fi"), "127.0.0.1:8080"));
        // Anything else.
        for foreign in [
            "https://evil.example",
            "http://ppt.example.fi",
            "https://ppt.example.fi.evil.example",
            "http://127.0.0.1:8081",
            "null",
            "file://",
            "https://user@ppt.example.fi",
        ] {
            assert!(!ok(Some(foreign), "127.0.0.1:8080"), "{foreign}");
        }
    }
}
