//! The hand queue: anyone joined raises a hand while an item is presented, and lowers it;
//! the chair may lower anyone's. Asking for what already is records nothing.

use super::refusal::{refuse, ErrorCode};
use super::{Actor, Decision, EventKind, RoomState};
use crate::ids::ParticipantId;

impl RoomState {
    /// `raise_hand`: the sender's hand goes to the end of the queue.
    pub(super) fn raise_hand(&self, actor: &Actor) -> Decision {
        let Some(me) = &actor.participant else {
            return refuse(
                ErrorCode::NotJoined,
                "join the meeting before raising a hand",
            );
        };
        if self.current.is_none() {
            return refuse(
                ErrorCode::WrongState,
                "hands go up while an item is presented",
            );
        }
        if self.hands.iter().any(|h| &h.participant == me) {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::HandRaised {
            participant: me.clone(),
        }])
    }

    /// `lower_hand`: one's own hand, or (the chair) the hand of the person named.
    pub(super) fn lower_hand(
        &self,
        actor: &Actor,
        participant: Option<&ParticipantId>,
    ) -> Decision {
        let me = actor.participant.as_ref();
        let target = match (participant, me) {
            (Some(p), Some(me)) if p == me => p,
            (Some(p), _) if self.holds_chair(actor) => p,
            (Some(_), _) => {
                return refuse(
                    ErrorCode::NotChair,
                    "only the chair can lower another's hand",
                )
            }
            (None, Some(me)) => me,
            (None, None) => return refuse(ErrorCode::NotJoined, "join the meeting first"),
        };
        if !self.hands.iter().any(|h| &h.participant == target) {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::HandLowered {
            participant: target.clone(),
        }])
    }
}
