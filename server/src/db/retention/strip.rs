//! What a purge removes: every free text people wrote, from an agenda item and from each
//! kind of event, keeping ids, kinds, themes, services, times and flags.

use shared::domain::{AgendaItem, REDACTED_TEXT};
use shared::room::EventKind;

/// Blanks the free text of an agenda item (title and question to [`REDACTED_TEXT`], summary
/// to nothing, outcome texts of this and earlier turns to [`REDACTED_TEXT`] where there were
/// any). Unlike [`AgendaItem::redact`] the item is not marked `redacted`: the chair did not
/// remove it; the minutes say the meeting's texts were removed. Returns whether it changed.
pub fn strip_item(item: &mut AgendaItem) -> bool {
    let before = item.clone();
    item.title = REDACTED_TEXT.to_owned();
    item.question = REDACTED_TEXT.to_owned();
    item.summary.clear();
    if let Some(o) = &mut item.outcome {
        o.redact();
    }
    if let Some(c) = &mut item.carried_over {
        for turn in &mut c.history {
            if let Some(o) = &mut turn.outcome {
                o.redact();
            }
        }
    }
    *item != before
}

/// Removes every free text people wrote from one event, keeping ids, kinds, themes,
/// services, times and flags. Returns whether it changed.
///
/// The match names every event kind on purpose: a new kind that carries text must decide
/// here what its purge does, or the server does not build.
pub fn strip_event(kind: &mut EventKind) -> bool {
    match kind {
        EventKind::ItemSubmitted { item } | EventKind::ItemCarriedOver { item } => strip_item(item),
        EventKind::ItemEdited {
            title,
            summary,
            question,
            ..
        } => shared::room::redact_edit(title, summary, question),
        EventKind::OutcomeRecorded { outcome, .. } => {
            let before = outcome.clone();
            outcome.redact();
            *outcome != before
        }
        // A display name and a guest's organisation are what people typed; how many came, and
        // as what, stays.
        EventKind::ParticipantJoined {
            display_name,
            organisation,
            ..
        } => display_name.take().is_some() | organisation.take().is_some(),
        // The meeting's title, centre and service names are the coordinator's organisation
        // data (checked by the guard when written), not case text; the rest are ids and
        // numbers.
        EventKind::MeetingCreated { .. }
        | EventKind::CatalogueUpdated { .. }
        | EventKind::ParticipantLeft { .. }
        | EventKind::AgendaReordered { .. }
        | EventKind::AgendaConfirmed { .. }
        | EventKind::ItemStarted { .. }
        | EventKind::ItemFinished { .. }
        | EventKind::ItemOverran { .. }
        | EventKind::MeetingOverran
        | EventKind::Paused
        | EventKind::Resumed
        | EventKind::Extended { .. }
        | EventKind::ItemDeferred { .. }
        | EventKind::ItemWithdrawn { .. }
        | EventKind::HandRaised { .. }
        | EventKind::HandLowered { .. }
        | EventKind::MeetingEnded
        | EventKind::MeetingRescheduled { .. }
        | EventKind::MeetingCancelled
        | EventKind::ItemRedacted { .. }
        | EventKind::ItemReclaimed { .. }
        | EventKind::UndoableAction { .. }
        | EventKind::ActionUndone { .. }
        | EventKind::HandsCleared { .. }
        | EventKind::DeputyPromoted { .. }
        | EventKind::ChairHandedOver { .. }
        | EventKind::ChairTakenOver { .. }
        | EventKind::ScribeNamed { .. }
        | EventKind::ScribeRevoked { .. }
        | EventKind::GuestsAllowed { .. } => false,
    }
}
