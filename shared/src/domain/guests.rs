//! Who takes part besides the catalogue's services, and when an item came onto the agenda
//! (issue 12): experts by experience and guests ([`Standing`], [`GuestAdmission`]), and the
//! agenda out ahead ([`Arrival`], [`DEFAULT_AGENDA_AHEAD_HOURS`]).

use crate::ids::ServiceId;
use serde::{Deserialize, Serialize};

/// How a person takes part. Representatives of the centre's catalogue services are what the
/// meeting counts on; experts by experience (kokemusasiantuntijat) and guests from outside the
/// catalogue (a school, a parish, an NGO, the police) take part too, when the meeting allows
/// it ([`GuestAdmission`]). They join with a reserved id in place of a service
/// ([`Standing::service_id`]; the coordinator API refuses these ids in a catalogue), so they
/// never make a catalogue service present, and the room, the minutes and the reports count
/// them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Standing {
    /// A representative of a service of the meeting's catalogue.
    Service,
    /// A kokemusasiantuntija: someone who brings their own experience of the services.
    ExpertByExperience,
    /// Invited from outside the catalogue; their organisation is given as free text (guarded).
    Guest,
}

impl Standing {
    /// The reserved id an expert by experience joins with, in place of a service.
    pub const EXPERT_BY_EXPERIENCE_ID: &'static str = "expert_by_experience";
    /// The reserved id a guest joins with, in place of a service.
    pub const GUEST_ID: &'static str = "guest";

    /// The standing of someone who joined with `service`.
    pub fn of(service: &ServiceId) -> Standing {
        match service.as_str() {
            Self::EXPERT_BY_EXPERIENCE_ID => Standing::ExpertByExperience,
            Self::GUEST_ID => Standing::Guest,
            _ => Standing::Service,
        }
    }

    /// The reserved id of an expert by experience or a guest; `None` for a service.
    pub fn service_id(self) -> Option<ServiceId> {
        match self {
            Standing::Service => None,
            Standing::ExpertByExperience => Some(ServiceId::from(Self::EXPERT_BY_EXPERIENCE_ID)),
            Standing::Guest => Some(ServiceId::from(Self::GUEST_ID)),
        }
    }

    /// Whether `id` is one of the reserved ids, which no catalogue service may have.
    pub fn is_reserved(id: &str) -> bool {
        Standing::of(&ServiceId::from(id)) != Standing::Service
    }
}

/// Who may join a meeting besides the catalogue's services: a setting of each meeting, off
/// until the chair (`allow_guests`) or the coordinator (`PATCH /api/meetings/{meeting}`)
/// turns it on; every change is a `guests_allowed` event in the meeting's log. Turning it off
/// keeps those already in the meeting; only newcomers are refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestAdmission {
    /// Experts by experience may join.
    #[serde(default)]
    pub experts: bool,
    /// Guests with their organisation may join.
    #[serde(default)]
    pub guests: bool,
}

impl GuestAdmission {
    /// Whether someone of `standing` may join as a newcomer.
    pub fn admits(self, standing: Standing) -> bool {
        match standing {
            Standing::Service => true,
            Standing::ExpertByExperience => self.experts,
            Standing::Guest => self.guests,
        }
    }
}

/// How many hours before a meeting's start its agenda is published when the centre has not
/// said otherwise: the case list circulates a day ahead (multidisciplinary-team practice).
pub const DEFAULT_AGENDA_AHEAD_HOURS: u32 = 24;
/// The most hours ahead a centre may publish its agenda (two weeks).
pub const MAX_AGENDA_AHEAD_HOURS: u32 = 336;

/// When an item came onto the agenda, relative to the agenda's publication (the centre's
/// setting: [`DEFAULT_AGENDA_AHEAD_HOURS`] before the start unless it says otherwise). Decided
/// when the item is submitted and recorded in it, so a later change of the setting does not
/// rewrite the past. The chair sees it per item ("ennakkoon / myöhässä / kokouksessa").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// Before the agenda was published (carried-over items too: they were on the centre's
    /// agenda before).
    Ahead,
    /// A late addition: after the agenda was published, before the meeting started.
    #[serde(rename = "late")]
    LateAddition,
    /// Once the meeting had started (its scheduled start passed, or the first item began).
    AtMeeting,
}

impl Arrival {
    /// Every arrival, in the order the chair's counts list them.
    pub const ALL: [Arrival; 3] = [Arrival::Ahead, Arrival::LateAddition, Arrival::AtMeeting];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_ids_name_the_standing_and_admission_follows_the_setting() {
        for s in [Standing::ExpertByExperience, Standing::Guest] {
            let id = s.service_id().unwrap();
            assert_eq!(Standing::of(&id), s);
            assert!(Standing::is_reserved(id.as_str()));
            assert!(!GuestAdmission::default().admits(s));
        }
        assert_eq!(Standing::of(&ServiceId::from("kela")), Standing::Service);
        assert!(GuestAdmission::default().admits(Standing::Service));
        let experts = GuestAdmission {
            experts: true,
            guests: false,
        };
        assert!(experts.admits(Standing::ExpertByExperience) && !experts.admits(Standing::Guest));
        assert_eq!(
            serde_json::to_value(Arrival::LateAddition).unwrap(),
            serde_json::json!("late")
        );
    }
}
