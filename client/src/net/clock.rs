//! The clock: `offset` = server time − browser time, set from `welcome` and refined by each
//! `pong` (half the round trip). A local tick turns it into `Ctx::server_time` by whole seconds,
//! so the server sends no per-second messages; the one-minute warning is said from here too.

use super::session::{self, with};
use crate::i18n::texts;
use crate::state::Ctx;
use crate::web;
use leptos::prelude::*;
use shared::protocol::ClientMsg;
use shared::Millis;

/// The estimated server time now.
pub fn server_now() -> Millis {
    let offset = with(|n| n.offset);
    (web::local_now() + offset) as Millis
}

/// `welcome` told the server's time: the offset starts from it.
pub fn welcomed_at(now: Millis) {
    with(|n| n.offset = now as f64 - web::local_now());
}

/// Sends a `ping`, remembering when (its `pong` refines the offset).
pub fn ping() {
    with(|n| n.ping_sent = Some(web::local_now()));
    session::send(None, ClientMsg::Ping);
}

/// The server's `pong`: its time was `now` halfway through the round trip.
pub fn pong(now: Millis) {
    with(|n| {
        if let Some(sent) = n.ping_sent.take() {
            let received = web::local_now();
            n.offset = now as f64 - (sent + received) / 2.0;
        }
    });
}

/// Moves `Ctx::server_time` on when a new second has begun, and warns at one minute left.
pub fn tick(ctx: Ctx) {
    let now = server_now();
    let second = now - now.rem_euclid(1000);
    if ctx.server_time.get_untracked() != second {
        ctx.server_time.set(second);
        one_minute_warning(ctx, now);
    }
}

fn one_minute_warning(ctx: Ctx, now: Millis) {
    let current = ctx
        .room_state
        .with_untracked(|r| r.as_ref().and_then(|r| r.current.clone()));
    let Some(c) = current else { return };
    let left = c.left_ms(now);
    if c.paused_at.is_none() && left <= 60_000 && left > 55_000 {
        let first = with(|n| {
            let first = n.minute_warned.as_ref() != Some(&c.item);
            n.minute_warned = Some(c.item.clone());
            first
        });
        if first {
            ctx.announce(texts(ctx.lang.get_untracked()).ann_one_minute.to_owned());
        }
    }
}
