//! Outcomes: what the network said on an item, recorded by the holder of the chair controls
//! or the scribe once the item has been on the floor (also after the meeting ended, so the
//! minutes can be completed). Anyone else gets `not_allowed`.

use super::agenda::dedup_keep_order;
use super::limits::{check_text, MAX_TEXT};
use super::refusal::{refuse, ErrorCode};
use super::{Actor, Decision, EventKind, RoomState};
use crate::domain::{ItemStatus, Outcome};
use crate::ids::ItemId;

impl RoomState {
    /// `record_outcome`: the chair or the scribe; trimmed, services each once; replaces an
    /// earlier outcome.
    pub(super) fn record_outcome(
        &self,
        actor: &Actor,
        item: &ItemId,
        outcome: &Outcome,
    ) -> Decision {
        if !self.holds_chair(actor) && !self.is_scribe(actor) {
            return refuse(
                ErrorCode::NotAllowed,
                "only the chair or the scribe can record an outcome",
            );
        }
        let Some(it) = self.item(item) else {
            return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
        };
        if !matches!(
            it.status,
            ItemStatus::Presenting | ItemStatus::Done | ItemStatus::Deferred
        ) {
            return refuse(
                ErrorCode::WrongState,
                "an outcome is recorded for an item that has been on the floor",
            );
        }
        if it.status == ItemStatus::Deferred && it.used_ms.is_none() {
            return refuse(
                ErrorCode::WrongState,
                "the item was deferred before it was presented",
            );
        }
        check_text("advice", &outcome.advice, 0, MAX_TEXT)?;
        check_text("next_steps", &outcome.next_steps, 0, MAX_TEXT)?;
        self.check_services(&outcome.services_to_involve)?;
        let outcome = Outcome {
            advice: outcome.advice.trim().to_owned(),
            next_steps: outcome.next_steps.trim().to_owned(),
            services_to_involve: dedup_keep_order(&outcome.services_to_involve),
            follow_up: outcome.follow_up,
        };
        let mut after = it.clone();
        after.outcome = Some(outcome.clone());
        self.check_growth(it, &after)?;
        Ok(vec![EventKind::OutcomeRecorded {
            item: item.clone(),
            outcome,
        }])
    }
}
