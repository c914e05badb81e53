//! What an answer means for the request waiting for it: an `ack`, an `error`, or no answer at
//! all because the connection dropped. Each lands in the signal of the form that sent it.

use super::joining::join_refused;
use super::requests::answered;
use super::session::{with, Pending};
use crate::errors::{is_fatal, ServerError};
use crate::i18n::texts;
use crate::state::{Connection, Ctx, Sent};
use leptos::prelude::*;

/// The server's `ack` to request `req`: the form that sent it says so.
pub fn acked(ctx: Ctx, req: Option<u64>) {
    match answered(req) {
        Some(Pending::Submit) => {
            ctx.submit_sent.set(Sent::Done);
            ctx.announce(texts(ctx.lang.get_untracked()).submitted_ok.to_owned());
        }
        Some(Pending::Outcome) => {
            ctx.outcome_sent.set(Sent::Done);
            ctx.announce(texts(ctx.lang.get_untracked()).outcome_saved.to_owned());
        }
        _ => {}
    }
}

/// The server's `error`: a fatal one stops the connection for good; any other goes to the form
/// of the request it answers, or to the page's notice.
pub fn refused(ctx: Ctx, err: ServerError) {
    // Another server runs the meeting (the cluster is moving it): the socket closes and the
    // reconnect with back-off finds the right one; nothing to show but "reconnecting".
    if err.code == "held_elsewhere" {
        return;
    }
    if is_fatal(&err.code) {
        with(|n| {
            n.stopped = true;
        });
        ctx.fatal_code.set(Some(err.code.clone()));
        ctx.connection.set(Connection::Closed);
        return;
    }
    match answered(err.req) {
        Some(Pending::Join { auto }) => join_refused(ctx, auto, err),
        Some(Pending::Submit) => ctx.submit_sent.set(Sent::Failed(err)),
        Some(Pending::Outcome) => ctx.outcome_sent.set(Sent::Failed(err)),
        _ => ctx.refusal.set(Some(err)),
    }
}

/// The connection dropped with these requests unanswered: their forms say so (a join is simply
/// sent again after the reconnect).
pub fn lost(ctx: Ctx, unanswered: Vec<Pending>) {
    for p in unanswered {
        match p {
            Pending::Submit => ctx.submit_sent.set(Sent::Lost),
            Pending::Outcome => ctx.outcome_sent.set(Sent::Lost),
            Pending::Join { .. } => {
                ctx.join_sent.set(Sent::Idle);
                ctx.rejoining.set(false);
            }
            Pending::Other => {}
        }
    }
}
