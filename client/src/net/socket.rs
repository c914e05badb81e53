//! The socket: opening it, saying `hello` (with `last`, so the server resumes from our
//! position), reading each frame and handing it to the module it concerns, noticing that it
//! went quiet, and reconnecting with exponential backoff (0.5 s … 15 s, with jitter).

use super::session::{self, ctx, socket_open, with, Session};
use super::{answers, clock, joining, requests, room_copy};
use crate::i18n::texts;
use crate::state::Connection;
use crate::web;
use crate::wire::{self, ServerFrame};
use leptos::prelude::*;
use shared::domain::Role;
use shared::protocol::{ClientMsg, Position, PROTOCOL_VERSION};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Opens a new socket for the session's meeting (dropping any old one).
pub fn connect() {
    let (url, generation) = with(|n| {
        drop_socket(n);
        n.generation += 1;
        (format!("{}/ws/{}", web::ws_base(), n.meeting), n.generation)
    });
    if let Some(ctx) = ctx() {
        if ctx.connection.get_untracked() != Connection::Reconnecting {
            ctx.connection.set(Connection::Connecting);
        }
    }
    let ws = match WebSocket::new(&url) {
        Ok(ws) => ws,
        Err(_) => {
            schedule_reconnect();
            return;
        }
    };
    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_open(generation));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(text) = e.data().as_string() {
            on_message(generation, &text);
        }
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_| on_close(generation));
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    with(|n| {
        n.ws = Some(ws);
        n.handlers = Some((on_open, on_message, on_close));
        n.last_heard = web::local_now();
    });
}

fn drop_socket(n: &mut Session) {
    if let Some(ws) = n.ws.take() {
        ws.set_onopen(None);
        ws.set_onmessage(None);
        ws.set_onclose(None);
        let _ = ws.close();
    }
    n.handlers = None;
}

/// Tries again at once (the "reconnect now" button, the browser coming back online).
pub fn reconnect_now() {
    let (stopped, open) = with(|n| (n.stopped, socket_open(n)));
    if !stopped && !open {
        with(|n| n.attempt = 0);
        connect();
    }
}

fn on_open(generation: u32) {
    let last = with(|n| {
        if n.generation != generation {
            return None;
        }
        Some(match (&n.epoch, n.have_state) {
            (Some(epoch), true) => Some(Position {
                epoch: epoch.clone(),
                seq: n.seq,
            }),
            _ => None,
        })
    });
    let Some(last) = last else { return };
    let key = with(|n| n.key.clone());
    session::send(
        None,
        ClientMsg::Hello {
            v: PROTOCOL_VERSION,
            key,
            last,
        },
    );
}

fn on_close(generation: u32) {
    let current = with(|n| n.generation == generation);
    if !current {
        return;
    }
    let (unanswered, stopped) = with(|n| {
        n.ws = None;
        let unanswered: Vec<_> = n.pending.drain().map(|(_, p)| p).collect();
        n.resyncing = false;
        (unanswered, n.stopped)
    });
    let Some(ctx) = ctx() else { return };
    answers::lost(ctx, unanswered);
    if stopped {
        ctx.connection.set(Connection::Closed);
        return;
    }
    if ctx.connection.get_untracked() == Connection::Online {
        ctx.announce(texts(ctx.lang.get_untracked()).conn_reconnecting.to_owned());
    }
    ctx.connection.set(Connection::Reconnecting);
    schedule_reconnect();
}

fn schedule_reconnect() {
    let (delay, generation) = with(|n| {
        n.attempt += 1;
        let base = 500.0 * 2f64.powi(n.attempt.min(6) as i32 - 1);
        (
            base.min(15_000.0) + js_sys::Math::random() * 500.0,
            n.generation,
        )
    });
    set_timeout(
        move || {
            // Only if nothing else reconnected meanwhile.
            if with(|n| n.generation == generation && n.ws.is_none() && !n.stopped) {
                connect();
            }
        },
        Duration::from_millis(delay as u64),
    );
}

fn on_message(generation: u32, text: &str) {
    let current = with(|n| {
        if n.generation == generation {
            n.last_heard = web::local_now();
            true
        } else {
            false
        }
    });
    if !current {
        return;
    }
    let Some(ctx) = ctx() else { return };
    let Some(frame) = wire::parse(text) else {
        return;
    };
    match frame {
        ServerFrame::Error(err) => answers::refused(ctx, err),
        ServerFrame::Welcome {
            role,
            epoch,
            now,
            participant_key,
        } => {
            // The chair and deputy links are given the participant key; a participant's own
            // key is it (a promoted deputy who holds the controls shares it from there).
            let own = (role == Role::Participant).then(|| with(|n| n.key.clone()));
            if let Some(key) = participant_key.or(own) {
                ctx.participant_key.set(Some(key));
            }
            clock::welcomed_at(now);
            with(|n| n.attempt = 0);
            room_copy::welcomed(ctx, epoch);
            ctx.my_role.set(Some(role));
            if ctx.connection.get_untracked() == Connection::Reconnecting {
                ctx.announce(texts(ctx.lang.get_untracked()).conn_online.to_owned());
            }
            ctx.connection.set(Connection::Online);
            clock::ping();
            joining::auto_join();
        }
        ServerFrame::Snapshot { epoch, seq, state } => room_copy::snapshot(ctx, epoch, seq, *state),
        ServerFrame::Event { epoch, seq, event } => room_copy::event(ctx, epoch, seq, event),
        ServerFrame::Joined {
            req,
            participant_id,
            secret,
        } => {
            requests::answered(req);
            joining::joined(ctx, participant_id, secret);
        }
        ServerFrame::Ack { req } => answers::acked(ctx, req),
        ServerFrame::Pong { now } => clock::pong(now),
    }
}

/// Every 250 ms: move the clock on (by whole seconds), warn at one minute left, and keep the
/// connection honest (ping every 20 s; a silent socket for 50 s is closed and reopened).
pub fn tick() {
    let Some(ctx) = ctx() else { return };
    clock::tick(ctx);
    let local = web::local_now();
    let (open, since_heard, ping_due) = with(|n| {
        (
            socket_open(n),
            local - n.last_heard,
            n.ping_sent.is_none_or(|p| local - p > 20_000.0),
        )
    });
    if open && since_heard > 50_000.0 {
        let g = with(|n| {
            drop_socket(n);
            n.generation
        });
        on_close(g);
    } else if open && since_heard > 20_000.0 && ping_due {
        clock::ping();
    }
}
