//! The room copy: the server's snapshot, then its events applied with `RoomState::apply` (the
//! same rules the server runs) in `seq` order. A gap or an unreadable event asks for `resync`;
//! another epoch drops the copy. Also says in words what a screen reader user should hear about
//! an event (who now holds the chair controls, who is the scribe), and why my hand went down
//! when I did not lower it.

use super::joining::reclaim;
use super::session::{self, with};
use crate::fmt;
use crate::i18n::roles::{holder_name, person_by_id, texts as role_texts};
use crate::i18n::texts;
use crate::state::{Ctx, HandNote};
use leptos::prelude::*;
use shared::ids::ItemId;
use shared::protocol::ClientMsg;
use shared::room::{Actor, Event, EventKind, RoomState};

/// `welcome` named the server's epoch: a copy of another epoch is dropped (the meeting's log was
/// replaced), and a snapshot follows.
pub fn welcomed(ctx: Ctx, epoch: String) {
    let changed = with(|n| {
        let changed = n.epoch.as_ref() != Some(&epoch) && n.have_state;
        if changed {
            n.have_state = false;
            n.seq = 0;
        }
        n.epoch = Some(epoch);
        changed
    });
    if changed {
        ctx.room_state.set(None);
    }
}

/// A snapshot replaces the copy.
pub fn snapshot(ctx: Ctx, epoch: String, seq: u64, state: RoomState) {
    with(|n| {
        n.epoch = Some(epoch);
        n.seq = seq;
        n.have_state = true;
        n.resyncing = false;
    });
    let was_up = my_hand_up(ctx);
    ctx.room_state.set(Some(state));
    reclaim(ctx);
    if was_up && !my_hand_up(ctx) && !with(|n| std::mem::take(&mut n.lowering)) {
        ctx.hand_note.set(Some(HandNote::ItemChanged));
    }
}

/// One event: applied if it is the next one, skipped if already applied, else a resync.
pub fn event(ctx: Ctx, epoch: String, seq: u64, event: Option<Box<Event>>) {
    enum Step {
        Apply(Box<Event>),
        Skip,
        Resync,
    }
    let step = with(|n| {
        if n.epoch.as_ref() != Some(&epoch) || !n.have_state {
            Step::Resync
        } else if seq <= n.seq {
            Step::Skip
        } else if seq != n.seq + 1 {
            Step::Resync
        } else if let Some(event) = event {
            n.seq = seq;
            Step::Apply(event)
        } else {
            // An event this build cannot read: a fresh snapshot instead.
            Step::Resync
        }
    });
    match step {
        Step::Skip => {}
        Step::Resync => resync(),
        Step::Apply(event) => apply(ctx, &event),
    }
}

fn apply(ctx: Ctx, event: &Event) {
    let mut said = describe(ctx, event);
    let was_up = my_hand_up(ctx);
    let held = i_hold(ctx);
    ctx.room_state.update(|r| {
        if let Some(r) = r {
            r.apply(event);
        }
    });
    if let Some(text) = describe_roles(ctx, event) {
        said = Some(text);
    }
    // The page changes between the chair's view and the room when the controls move: focus
    // goes to where the change is (the chair's controls, or the roles panel).
    let holds = i_hold(ctx);
    if holds != held {
        let to = if holds { "controls-h" } else { "roles-h" };
        ctx.focus_after_change.set(Some(to.to_owned()));
    }
    if matches!(event.kind, EventKind::ItemCarriedOver { .. }) {
        reclaim(ctx);
    }
    // My hand went down without my lowering it: tell me why, in words.
    if was_up && !my_hand_up(ctx) && !with(|n| std::mem::take(&mut n.lowering)) {
        let note = match &event.kind {
            EventKind::HandLowered { .. } => HandNote::Given,
            _ => HandNote::ItemChanged,
        };
        ctx.hand_note.set(Some(note));
        let t = texts(ctx.lang.get_untracked());
        said = Some(
            match note {
                HandNote::Given => t.hand_given,
                HandNote::ItemChanged => t.hand_dropped,
            }
            .to_owned(),
        );
    }
    if let Some(text) = said {
        ctx.announce(text);
    }
}

/// Whether my hand is up in the room as this tab knows it.
fn my_hand_up(ctx: Ctx) -> bool {
    let me = ctx.my_id.get_untracked();
    ctx.room_state.with_untracked(|r| {
        r.as_ref()
            .is_some_and(|r| r.hands.iter().any(|h| Some(&h.participant) == me.as_ref()))
    })
}

/// What a screen reader user should hear about an event (politely), if anything.
fn describe(ctx: Ctx, event: &Event) -> Option<String> {
    let t = texts(ctx.lang.get_untracked());
    let title = |id: &ItemId| {
        ctx.room_state.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| r.item(id))
                .map(|i| i.title.clone())
                .unwrap_or_default()
        })
    };
    let chair = i_hold(ctx);
    Some(match &event.kind {
        EventKind::ItemStarted { item, .. } => format!("{}: {}", t.ann_started, title(item)),
        EventKind::ItemOverran { item } => format!("{}: {}", t.ann_overran, title(item)),
        EventKind::Paused => t.ann_paused.to_owned(),
        EventKind::Resumed => t.ann_resumed.to_owned(),
        EventKind::Extended { ms, .. } => format!(
            "{}: {} {}",
            t.ann_extended,
            fmt::minutes(*ms),
            t.minutes_short
        ),
        EventKind::MeetingEnded => t.ann_ended.to_owned(),
        EventKind::ActionUndone { .. } => t.ann_undone.to_owned(),
        EventKind::HandRaised { .. } if chair => t.ann_hand.to_owned(),
        _ => return None,
    })
}

/// Whether I hold the chair controls in the room as this tab knows it.
fn i_hold(ctx: Ctx) -> bool {
    let Some(role) = ctx.my_role.get_untracked() else {
        return false;
    };
    let me = Actor {
        role,
        participant: ctx.my_id.get_untracked(),
    };
    ctx.room_state
        .with_untracked(|r| r.as_ref().is_some_and(|r| r.holds_chair(&me)))
}

/// What a screen reader user should hear about a change of roles, said after it is applied:
/// "X now holds the chair controls", "X is now the scribe".
fn describe_roles(ctx: Ctx, event: &Event) -> Option<String> {
    let lang = ctx.lang.get_untracked();
    let t = role_texts(lang);
    let me = ctx.my_id.get_untracked();
    ctx.room_state.with_untracked(|r| {
        let r = r.as_ref()?;
        Some(match &event.kind {
            EventKind::ChairHandedOver { .. } | EventKind::ChairTakenOver { .. } => {
                if i_hold(ctx) {
                    t.ann_you_hold.to_owned()
                } else {
                    let who = holder_name(r, lang, me.as_ref(), true);
                    format!("{who} {}.", t.ann_holder)
                }
            }
            EventKind::ScribeNamed { participant } => {
                format!("{} {}.", person_by_id(r, lang, participant), t.ann_scribe)
            }
            EventKind::ScribeRevoked { .. } => t.ann_scribe_revoked.to_owned(),
            EventKind::DeputyPromoted { participant } => {
                format!("{} {}.", person_by_id(r, lang, participant), t.ann_deputy)
            }
            _ => return None,
        })
    })
}

/// Asks for a fresh snapshot, once until it comes.
fn resync() {
    let already = with(|n| std::mem::replace(&mut n.resyncing, true));
    if !already && !session::send(None, ClientMsg::Resync) {
        with(|n| n.resyncing = false);
    }
}
