//! Experts by experience and guests (issue 12): who may join besides the catalogue's
//! services, and how they join. Command: `allow_guests {experts, guests}`.
//!
//! Rules decided here (each change an event in the log):
//! - **The setting** ([`GuestAdmission`], in [`RoomState::guests_allowed`]) is off until the
//!   holder of the chair controls (`allow_guests` → `guests_allowed`) or the coordinator
//!   (`PATCH /api/meetings/{meeting}` with `allow_guests`, the same event through
//!   [`RoomState::allow_guests`]) turns it on, for that meeting only, while it has not ended.
//!   The last change wins; a change to what already is records nothing.
//! - **Joining** ([`JoinAs`]): an expert by experience joins with the reserved id
//!   `expert_by_experience` in place of a service, a guest with `guest` and their
//!   organisation (1–[`MAX_ORGANISATION`] characters, screened by the identifier guard like
//!   every text). A newcomer of a kind the meeting does not allow is refused with
//!   `guests_not_allowed`; someone who already joined that way comes back (a reload, a
//!   reconnect) even after the setting was turned off. A service representative gives no
//!   organisation (`invalid_field`).
//! - **Counted apart**: they are never one of a service's people, so they never make a
//!   required service present ([`RoomState::representation`] counts them separately, and so
//!   do the minutes and the reports).

use super::limits::{check_text, MAX_ORGANISATION};
use super::refusal::{refuse, ErrorCode, Refusal};
use super::{Decision, EventKind, RoomState};
use crate::domain::{GuestAdmission, Phase, Standing};
use crate::ids::{ParticipantId, ServiceId};
use serde::{Deserialize, Serialize};

/// What a person joins as: the catalogue service they represent, or the reserved id of an
/// expert by experience or a guest ([`Standing`]) with a guest's organisation. On the wire
/// these are fields of `join` (`{"type": "join", "service": "guest", "organisation": "…"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinAs {
    /// A catalogue service's id, `expert_by_experience` or `guest`.
    pub service: ServiceId,
    /// A guest's organisation (required for a guest, refused for anyone else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

impl JoinAs {
    /// Joining for a catalogue service.
    pub fn service(service: ServiceId) -> JoinAs {
        JoinAs {
            service,
            organisation: None,
        }
    }

    /// The organisation as the room keeps it: trimmed, and none when nothing is left. The
    /// server screens this form with the identifier guard before [`RoomState::join`].
    pub fn cleaned(self) -> JoinAs {
        JoinAs {
            organisation: super::clean_display_name(self.organisation),
            ..self
        }
    }

    /// How the person takes part.
    pub fn standing(&self) -> Standing {
        Standing::of(&self.service)
    }
}

impl RoomState {
    /// Decides a change of who may join besides the catalogue's services, from the holder of
    /// the chair controls (`allow_guests`, role checked by `decide`) or the coordinator: the
    /// `guests_allowed` event, none when nothing changes, refused once the meeting has ended.
    pub fn allow_guests(&self, admission: GuestAdmission) -> Decision {
        if self.phase == Phase::Ended {
            return refuse(ErrorCode::WrongState, "the meeting has ended");
        }
        if admission == self.guests_allowed {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::GuestsAllowed {
            experts: admission.experts,
            guests: admission.guests,
        }])
    }

    /// Checks the part of a join that is about what the person joins as: a service of the
    /// catalogue without an organisation, an expert by experience without one, or a guest with
    /// one. Whether the meeting admits them is [`RoomState::check_admitted`].
    pub(super) fn check_standing(&self, join: &JoinAs) -> Result<(), Refusal> {
        match (join.standing(), join.organisation.as_deref()) {
            (Standing::Guest, Some(org)) => check_text("organisation", org, 1, MAX_ORGANISATION),
            (Standing::Guest, None) => {
                refuse(ErrorCode::InvalidField, "a guest gives their organisation")
            }
            (_, Some(_)) => refuse(
                ErrorCode::InvalidField,
                "only a guest gives an organisation",
            ),
            (Standing::ExpertByExperience, None) => Ok(()),
            (Standing::Service, None) if self.meeting.service(&join.service).is_some() => Ok(()),
            (Standing::Service, None) => refuse(
                ErrorCode::UnknownService,
                "that service is not in this centre's catalogue",
            ),
        }
    }

    /// Checks that the meeting admits `participant` joining as `standing`: service
    /// representatives always; experts by experience and guests while the meeting allows
    /// them, or when they already joined that way.
    pub(super) fn check_admitted(
        &self,
        participant: &ParticipantId,
        standing: Standing,
    ) -> Result<(), Refusal> {
        let returning = self
            .participant(participant)
            .is_some_and(|p| p.standing() == standing);
        if returning || self.guests_allowed.admits(standing) {
            return Ok(());
        }
        refuse(
            ErrorCode::GuestsNotAllowed,
            match standing {
                Standing::ExpertByExperience => {
                    "this meeting does not take experts by experience; the chair or the \
                     coordinator can allow them"
                }
                _ => {
                    "this meeting does not take guests; the chair or the coordinator can allow them"
                }
            },
        )
    }
}
