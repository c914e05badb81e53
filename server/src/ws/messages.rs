//! What a client frame asks for, and the answer: the size and JSON checks, `hello` (attach
//! to the room, with one retry if the room just ended), then `ping`, `resync`, `join`,
//! `leave` and the commands, each passed to the room and answered with `ack`, `joined` or
//! `error`.

use super::frames::{error, note_oversize, refused, reply, send, SEND_TIMEOUT};
use super::outbox::Hangup;
use super::outbox::Outbox;
use super::session::{resync, Session};
use crate::registry::Rooms;
use crate::room::{JoinRequest, RoomError, Subscriber};
use axum::extract::ws::Message;
use futures_util::Sink;
use shared::protocol::{
    parse_client_frame, ClientMsg, ErrorCode, ServerMsg, MAX_MESSAGE_BYTES, PROTOCOL_VERSION,
};
use shared::room::{Actor, Refusal};
use std::sync::{Arc, Weak};

/// Whether to keep going after a client frame.
pub(super) enum Flow {
    Continue,
    Close(u16, &'static str),
}

/// The refusal for a `hello` whose room ended twice while attaching.
fn gone() -> Refusal {
    Refusal::new(ErrorCode::Internal, "the room restarted; reconnect")
}

/// Answers one client frame.
pub(super) async fn on_client<S: Sink<Message> + Unpin + Send + 'static>(
    rooms: &Arc<Rooms>,
    session: &mut Session,
    out: &Arc<Outbox<S>>,
    msg: Message,
) -> Result<Flow, Hangup> {
    let text = match msg {
        Message::Text(t) => t,
        Message::Binary(_) => {
            error(
                out,
                None,
                ErrorCode::BinaryNotSupported,
                "send JSON text frames".into(),
            )
            .await?;
            return Ok(Flow::Continue);
        }
        Message::Close(_) => return Err(Hangup::ClientClosed),
        Message::Ping(_) | Message::Pong(_) => return Ok(Flow::Continue),
    };
    if text.len() > MAX_MESSAGE_BYTES {
        let message = format!("messages are limited to {} KiB", MAX_MESSAGE_BYTES / 1024);
        error(out, None, ErrorCode::MessageTooLarge, message).await?;
        return Ok(Flow::Continue);
    }
    let envelope = match parse_client_frame(text.as_str()) {
        Ok(e) => e,
        Err((req, code, message)) => {
            error(out, req, code, message).await?;
            return Ok(Flow::Continue);
        }
    };
    let req = envelope.req;
    match envelope.msg {
        ClientMsg::Hello { v, key, last } => {
            if session.room.is_some() {
                error(
                    out,
                    req,
                    ErrorCode::AlreadyHello,
                    "this connection already said hello".into(),
                )
                .await?;
                return Ok(Flow::Continue);
            }
            if v != PROTOCOL_VERSION {
                let message = format!("this server speaks protocol version {PROTOCOL_VERSION}");
                error(out, req, ErrorCode::UnsupportedVersion, message).await?;
                return Ok(Flow::Close(1008, "unsupported protocol version"));
            }
            // A room may end between lookup and attach; one retry finds its successor.
            for _ in 0..2 {
                let room = match rooms.get(&session.meeting).await {
                    Ok(room) => room,
                    Err(r) => {
                        let code = r.code;
                        refused(out, req, r).await?;
                        return Ok(if code == ErrorCode::HeldElsewhere {
                            // 1013 "try again later": another node runs the meeting.
                            Flow::Close(1013, "meeting runs on another server")
                        } else if code.closes_connection() {
                            Flow::Close(1008, "unknown meeting")
                        } else {
                            Flow::Continue
                        });
                    }
                };
                let subscriber = Arc::downgrade(out) as Weak<dyn Subscriber>;
                match room.attach(key.clone(), last.clone(), subscriber).await {
                    Ok(attached) => {
                        session.role = attached.role;
                        session.revoked = Some(attached.revoked);
                        session.room = Some(room);
                        send(out, Message::Text(attached.welcome)).await?;
                        for frame in attached.catch_up {
                            note_oversize(&frame);
                            out.send_catch_up(frame, SEND_TIMEOUT).await?;
                        }
                        out.go_live();
                        return Ok(Flow::Continue);
                    }
                    Err(RoomError::Refused(r)) => {
                        let limited = r.code == ErrorCode::LimitReached;
                        refused(out, req, r).await?;
                        return Ok(if limited {
                            // 1013: try again later; the meeting is full, the key is fine.
                            Flow::Close(1013, "meeting connection limit reached")
                        } else {
                            Flow::Close(1008, "bad key")
                        });
                    }
                    Err(RoomError::Gone) => continue,
                }
            }
            refused(out, req, gone()).await?;
            Ok(Flow::Close(1011, "room unavailable"))
        }
        _ if session.room.is_none() => {
            error(
                out,
                req,
                ErrorCode::HelloRequired,
                "send hello with the meeting key first".into(),
            )
            .await?;
            Ok(Flow::Continue)
        }
        ClientMsg::Ping => {
            reply(
                out,
                &ServerMsg::Pong {
                    now: crate::room::now_ms(),
                },
            )
            .await?;
            Ok(Flow::Continue)
        }
        ClientMsg::Resync => {
            resync(session, out).await?;
            Ok(Flow::Continue)
        }
        ClientMsg::Join {
            service,
            display_name,
            secret,
            earlier,
        } => {
            let room = session.room.clone().expect("checked above");
            let request = JoinRequest {
                role: session.role,
                current: session.participant.clone(),
                service,
                display_name,
                secret,
                earlier,
            };
            match room.join(request).await {
                Ok(ok) => {
                    session.participant = Some(ok.participant.clone());
                    reply(
                        out,
                        &ServerMsg::Joined {
                            req,
                            participant_id: ok.participant,
                            secret: ok.secret,
                        },
                    )
                    .await?;
                }
                Err(RoomError::Refused(r)) => refused(out, req, r).await?,
                Err(RoomError::Gone) => return Err(Hangup::RoomGone),
            }
            Ok(Flow::Continue)
        }
        ClientMsg::Leave => {
            let room = session.room.clone().expect("checked above");
            let Some(p) = session.participant.take() else {
                reply(out, &ServerMsg::Ack { req, seq: None }).await?;
                return Ok(Flow::Continue);
            };
            match room.leave(p).await {
                Ok(seq) => reply(out, &ServerMsg::Ack { req, seq }).await?,
                Err(RoomError::Refused(r)) => refused(out, req, r).await?,
                Err(RoomError::Gone) => return Err(Hangup::RoomGone),
            }
            Ok(Flow::Continue)
        }
        ClientMsg::Command(cmd) => {
            let room = session.room.clone().expect("checked above");
            let actor = Actor {
                role: session.role,
                participant: session.participant.clone(),
            };
            out.cork();
            match room.command(actor, cmd).await {
                Ok(seq) => reply(out, &ServerMsg::Ack { req, seq }).await?,
                Err(RoomError::Refused(r)) => refused(out, req, r).await?,
                Err(RoomError::Gone) => return Err(Hangup::RoomGone),
            }
            Ok(Flow::Continue)
        }
    }
}
