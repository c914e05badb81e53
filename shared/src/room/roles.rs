//! Roles beyond the links: who holds the chair controls ([`ChairHolder`]), the deputies who
//! may take them, and the scribe who records outcomes. Commands: `promote_deputy`,
//! `hand_over`, `take_over`, `name_scribe`, `revoke_scribe`.
//!
//! Rules decided here (each change an event in the log):
//! - **Exactly one holder.** Every meeting starts with the chair link holding the controls
//!   ([`ChairHolder::ChairLink`]: whoever opened it, on any of their devices). Only the holder
//!   runs the chair's commands ([`RoomState::holds_chair`]); anyone else gets `not_chair`.
//! - **Deputies** are the people who joined with the deputy link ([`Role::Deputy`]) and the
//!   present participants the holder promoted (`promote_deputy` → `deputy_promoted`).
//! - **Hand over** (`hand_over {to}` → `chair_handed_over`): the holder gives the controls to a
//!   present deputy, or back to the chair link by naming a present person who joined with it.
//!   To hand them to anyone else, promote them first (`not_allowed` otherwise). A deputy who
//!   holds the controls hands them back the same way.
//! - **Take over** (`take_over` → `chair_taken_over`): a deputy, or a person with the chair
//!   link after a handover, takes the controls when the holder has been away for
//!   [`ChairRoles::takeover_grace_ms`] ([`CHAIR_TAKEOVER_GRACE_MS`] unless the server says
//!   otherwise). Away means nobody who holds the controls is present in the room: their last
//!   connection closed and the reconnect grace ran out (`participant_left`), or the chair link
//!   never joined (then counted from the meeting's scheduled start). So the former chair can
//!   reclaim the controls only when the holder hands them back, or by the same absence rule.
//! - **Scribe** (`name_scribe {participant}` → `scribe_named`, `revoke_scribe` →
//!   `scribe_revoked`): the holder names one present person, who then records outcomes with
//!   `record_outcome` (the same command, guard and checks as the chair's) while the holder
//!   runs the agenda; naming another replaces them; the holder takes the role back. Anyone
//!   else recording an outcome gets `not_allowed`.
//! - Roles survive leaving and coming back, and a restart: they are rebuilt from the log.

use super::limits::CHAIR_TAKEOVER_GRACE_MS;
use super::refusal::{refuse, ErrorCode};
use super::{Actor, Decision, EventKind, RoomState};
use crate::domain::{Participant, Role};
use crate::ids::ParticipantId;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Who holds the chair controls: one holder at a time, which every screen shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChairHolder {
    /// The chair link, on any of its devices: how every meeting starts.
    #[default]
    ChairLink,
    /// One person, by participant id: a deputy who was handed or took over the controls.
    Person(ParticipantId),
}

/// The meeting's roles beyond the links, kept in [`RoomState::roles`] and rebuilt from the
/// log like everything else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChairRoles {
    /// Who holds the chair controls now.
    #[serde(default)]
    pub holder: ChairHolder,
    /// Participants the holder promoted to deputy (people with the deputy link are deputies
    /// by their link and are not listed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deputies: Vec<ParticipantId>,
    /// Who records outcomes besides the holder, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scribe: Option<ParticipantId>,
    /// When the last person holding the controls left the room (set by their
    /// `participant_left`, cleared when one is present again): the absence a takeover counts
    /// from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_left_at: Option<Millis>,
    /// How long the holder must have been away before `take_over` is accepted. Not in the log:
    /// the server sets it from its configuration when the room loads (like the time zone),
    /// and clients read it from the snapshot to say when the takeover opens.
    #[serde(default = "default_takeover_grace")]
    pub takeover_grace_ms: Millis,
}

fn default_takeover_grace() -> Millis {
    CHAIR_TAKEOVER_GRACE_MS
}

impl Default for ChairRoles {
    fn default() -> Self {
        ChairRoles {
            holder: ChairHolder::ChairLink,
            deputies: Vec::new(),
            scribe: None,
            holder_left_at: None,
            takeover_grace_ms: CHAIR_TAKEOVER_GRACE_MS,
        }
    }
}

impl RoomState {
    /// Whether `actor` holds the chair controls now: any connection of the chair link while it
    /// holds them, else only the person who does.
    pub fn holds_chair(&self, actor: &Actor) -> bool {
        match &self.roles.holder {
            ChairHolder::ChairLink => actor.role == Role::Chair,
            ChairHolder::Person(p) => actor.participant.as_ref() == Some(p),
        }
    }

    /// Whether `p` is one of the people holding the controls (for presence: the holder is
    /// away when none of them is present).
    fn counts_for_holder(&self, p: &Participant) -> bool {
        match &self.roles.holder {
            ChairHolder::ChairLink => p.role == Role::Chair,
            ChairHolder::Person(id) => &p.id == id,
        }
    }

    /// The people present who hold the controls: those of the chair link, or the one person.
    /// What every screen names as "holds the chair controls".
    pub fn holder_people(&self) -> impl Iterator<Item = &Participant> {
        self.participants
            .iter()
            .filter(|p| p.present && self.counts_for_holder(p))
    }

    /// Since when the holder has been away (`None` while someone holding the controls is
    /// present). A chair link that never joined counts as away from the scheduled start.
    pub fn holder_away_since(&self) -> Option<Millis> {
        if self.holder_people().next().is_some() {
            return None;
        }
        Some(self.roles.holder_left_at.unwrap_or(self.meeting.starts_at))
    }

    /// From when `take_over` is accepted (the holder away for the grace period), or `None`
    /// while the holder is present.
    pub fn takeover_opens_at(&self) -> Option<Millis> {
        self.holder_away_since()
            .map(|since| since.saturating_add(self.roles.takeover_grace_ms))
    }

    /// Whether `p` is a deputy: joined with the deputy link, or promoted by the holder.
    pub fn is_deputy(&self, p: &ParticipantId) -> bool {
        self.roles.deputies.contains(p)
            || self.participant(p).is_some_and(|x| x.role == Role::Deputy)
    }

    /// Whether `actor` is the scribe.
    pub fn is_scribe(&self, actor: &Actor) -> bool {
        actor.participant.is_some() && actor.participant == self.roles.scribe
    }

    /// The holder `p` would be if given the controls: the chair link for a person who joined
    /// with it, the person themselves for a deputy; `None` for anyone else.
    pub fn holder_for(&self, p: &ParticipantId) -> Option<ChairHolder> {
        let person = self.participant(p)?;
        if person.role == Role::Chair {
            Some(ChairHolder::ChairLink)
        } else if self.is_deputy(p) {
            Some(ChairHolder::Person(p.clone()))
        } else {
            None
        }
    }

    /// Whether `actor` could take the controls over by the absence rule (a deputy, or the chair
    /// link after a handover), leaving the time aside: who gets the "take over" button.
    pub fn may_take_over(&self, actor: &Actor) -> bool {
        actor
            .participant
            .as_ref()
            .and_then(|p| self.holder_for(p))
            .is_some_and(|h| h != self.roles.holder)
    }

    /// `promote_deputy`: the holder makes a present participant a deputy. Someone already a
    /// deputy, or with the chair link, needs nothing.
    pub(super) fn promote_deputy(&self, participant: &ParticipantId) -> Decision {
        let p = self.present(participant)?;
        if p.role != Role::Participant || self.roles.deputies.contains(participant) {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::DeputyPromoted {
            participant: participant.clone(),
        }])
    }

    /// `hand_over`: the holder gives the controls to a present deputy, or back to the chair
    /// link (naming a present person who joined with it).
    pub(super) fn hand_over(&self, to: &ParticipantId) -> Decision {
        self.present(to)?;
        let Some(holder) = self.holder_for(to) else {
            return refuse(
                ErrorCode::NotAllowed,
                "the chair controls go to a deputy (promote them first) or to the chair link",
            );
        };
        if holder == self.roles.holder {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::ChairHandedOver {
            from: self.roles.holder.clone(),
            to: holder,
        }])
    }

    /// `take_over`: a deputy (or the chair link after a handover) takes the controls once the
    /// holder has been away for the grace period.
    pub(super) fn take_over(&self, actor: &Actor, now: Millis) -> Decision {
        let Some(me) = actor.participant.as_ref() else {
            return refuse(ErrorCode::NotJoined, "join the meeting before taking over");
        };
        self.present(me)?;
        let Some(holder) = self.holder_for(me) else {
            return refuse(
                ErrorCode::NotAllowed,
                "only a deputy chair, or the chair link after a handover, can take over",
            );
        };
        if holder == self.roles.holder {
            return Ok(vec![]);
        }
        let (Some(away_since), Some(opens)) = (self.holder_away_since(), self.takeover_opens_at())
        else {
            return refuse(
                ErrorCode::WrongState,
                "whoever holds the chair controls is present; they can hand them over",
            );
        };
        if now < opens {
            return refuse(
                ErrorCode::WrongState,
                format!(
                    "the chair controls can be taken over {} s from now, once their holder has \
                     been away for {} s",
                    (opens - now + 999) / 1000,
                    self.roles.takeover_grace_ms / 1000
                ),
            );
        }
        Ok(vec![EventKind::ChairTakenOver {
            from: self.roles.holder.clone(),
            to: holder,
            away_since,
        }])
    }

    /// `name_scribe`: the holder names a present person scribe (replacing any other).
    pub(super) fn name_scribe(&self, participant: &ParticipantId) -> Decision {
        self.present(participant)?;
        if self.roles.scribe.as_ref() == Some(participant) {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::ScribeNamed {
            participant: participant.clone(),
        }])
    }

    /// `revoke_scribe`: the holder takes the scribe role back (nothing when there is none).
    pub(super) fn revoke_scribe(&self) -> Decision {
        Ok(self
            .roles
            .scribe
            .iter()
            .map(|p| EventKind::ScribeRevoked {
                participant: p.clone(),
            })
            .collect())
    }

    /// The person `p`, if they are in the room now; a role goes only to someone present.
    fn present(&self, p: &ParticipantId) -> Result<&Participant, super::Refusal> {
        match self.participant(p) {
            Some(x) if x.present => Ok(x),
            _ => refuse(
                ErrorCode::WrongState,
                "that person is not present in the meeting",
            ),
        }
    }

    /// After `participant_joined` or `participant_left` of `p` (applied): the holder is back,
    /// or has just gone away.
    pub(super) fn note_holder_presence(&mut self, p: &ParticipantId, at: Millis) {
        let counts = self
            .participant(p)
            .is_some_and(|x| self.counts_for_holder(x));
        if !counts {
            return;
        }
        if self.holder_people().next().is_some() {
            self.roles.holder_left_at = None;
        } else if self.roles.holder_left_at.is_none() {
            self.roles.holder_left_at = Some(at);
        }
    }

    /// A handover or takeover (applied): `to` holds the controls, away from `at` if nobody
    /// holding them is present.
    pub(super) fn set_holder(&mut self, to: &ChairHolder, at: Millis) {
        self.roles.holder = to.clone();
        let present = self.holder_people().next().is_some();
        self.roles.holder_left_at = (!present).then_some(at);
    }
}
