//! Requests that want an answer: numbering them, remembering what each was for, and the room
//! commands the pages send.

use super::session::{self, ctx, with, Pending};
use leptos::prelude::*;
use shared::domain::{ItemDraft, Outcome};
use shared::ids::ItemId;
use shared::protocol::{ClientMsg, Command};

/// Sends `msg` with a fresh request number, remembered as `kind` until its answer comes; false
/// (and nothing remembered) when the socket is not open.
pub fn request(kind: Pending, msg: ClientMsg) -> bool {
    let req = with(|n| {
        n.next_req += 1;
        n.pending.insert(n.next_req, kind);
        n.next_req
    });
    let ok = session::send(Some(req), msg);
    if !ok {
        with(|n| n.pending.remove(&req));
    }
    ok
}

/// What request `req` was for, forgetting it (it has been answered).
pub fn answered(req: Option<u64>) -> Option<Pending> {
    req.and_then(|r| with(|n| n.pending.remove(&r)))
}

/// Sends a room command whose refusal, if any, is shown as a notice.
pub fn command(cmd: Command) -> bool {
    if let Some(ctx) = ctx() {
        match &cmd {
            Command::LowerHand { participant: None } => with(|n| n.lowering = true),
            Command::RaiseHand => {
                with(|n| n.lowering = false);
                ctx.hand_note.set(None);
            }
            _ => {}
        }
    }
    request(Pending::Other, ClientMsg::Command(cmd))
}

/// Submits an item; the submission form follows its answer in `Ctx::submit_sent`.
pub fn submit_item(item: ItemDraft) -> bool {
    request(
        Pending::Submit,
        ClientMsg::Command(Command::SubmitItem { item }),
    )
}

/// Records an item's outcome; the outcome form follows its answer in `Ctx::outcome_sent`.
pub fn record_outcome(item: ItemId, outcome: Outcome) -> bool {
    request(
        Pending::Outcome,
        ClientMsg::Command(Command::RecordOutcome { item, outcome }),
    )
}
