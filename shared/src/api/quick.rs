//! Quick consultation rooms (issue 13, "pikakonsultaatio"): an ad hoc room for one question,
//! opened by a professional with a participant link of one of the centre's meetings, or by the
//! coordinator. The opener invites services (they are the room's required services), picks
//! 15–30 minutes, and gets the room's chair link to run it and a participant link to pass on.
//! Same guard, same outcome record, no agenda confirmation; counted apart in reports.
//!
//! Routes:
//! - `POST /api/quick/catalogue` [`QuickKey`] → [`QuickCatalogue`]: the centre and its services,
//!   for the opener's form.
//! - `POST /api/quick` [`NewQuickRoom`] with `key` → [`QuickRoom`] (a participant link's key).
//! - `POST /api/centres/{centre}/quick` [`NewQuickRoom`] without `key` (coordinator token) →
//!   [`QuickRoom`].
//!
//! The key must be a chair, deputy chair or participant key of one of the centre's **monthly**
//! meetings whose links still work (not cancelled, not expired): a quick room's own links do
//! not open further rooms, so passing a quick room's link on never widens who can open them.
//! The shape of a request is checked here ([`NewQuickRoom::check`], the same rule in the
//! browser and the server); the server adds the identifier guard and the limits
//! ([`MAX_OPEN_QUICK_ROOMS`], [`MAX_QUICK_ROOMS_PER_DAY`]).

use crate::domain::Service;
use crate::ids::{CentreId, MeetingId, ServiceId};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Shortest and longest quick consultation, in minutes.
pub const QUICK_MINUTES: std::ops::RangeInclusive<u32> = 15..=30;

/// The longest topic, in characters (it is the room's title, screened by the guard).
pub const MAX_QUICK_TOPIC_CHARS: usize = 120;

/// How many quick consultation rooms of one centre may be open at once (not ended, not
/// cancelled, not past their scheduled end). A centre's professionals consult a handful of
/// questions at a time at most; the cap keeps one leaked participant link from filling the
/// server with rooms.
pub const MAX_OPEN_QUICK_ROOMS: u32 = 10;

/// How many quick consultation rooms one centre may open in 24 hours: a busy day of quick
/// questions is a few tens; past that someone is misusing a link.
pub const MAX_QUICK_ROOMS_PER_DAY: u32 = 40;

/// The longest key the API reads (a key is 32 hex digits); anything longer is refused before
/// it is looked up.
pub const MAX_KEY_CHARS: usize = 64;

/// A participant link's key, proving the caller belongs to the centre's network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickKey {
    /// The key from the link's fragment.
    pub key: String,
}

/// The opener's form: the centre and its catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickCatalogue {
    /// The centre the key's meeting belongs to.
    pub centre_id: CentreId,
    /// Its name, shown above the form.
    pub centre_name: String,
    /// Its catalogue, the services the opener may invite.
    pub services: Vec<Service>,
}

/// A quick consultation to open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewQuickRoom {
    /// A participant link's key of one of the centre's meetings (absent for the coordinator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// A short topic, the room's title (no client identifiers: screened by the guard).
    pub topic: String,
    /// The services invited (at least one, from the centre's catalogue).
    pub invited: Vec<ServiceId>,
    /// Length in minutes, within [`QUICK_MINUTES`].
    pub minutes: u32,
}

/// The opened room: its links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickRoom {
    /// The room's meeting id (in its links).
    pub meeting_id: MeetingId,
    /// Its title: the topic as accepted (trimmed).
    pub title: String,
    /// Start (now) and end, UTC ms.
    pub starts_at: Millis,
    pub ends_at: Millis,
    /// The centre's IANA time zone, named wherever the end is shown.
    pub time_zone: String,
    /// The end as wall-clock time in the centre's zone: `2026-12-08T14:20`.
    pub ends_local: String,
    /// The chair link's key (for the opener: runs the room).
    pub chair_key: String,
    /// The participant link's key (to pass on to the invited services).
    pub participant_key: String,
    /// The links with their keys in the fragment: `{public url}/m/{id}#key=…`.
    pub chair_link: String,
    /// The participant link, to pass on.
    pub participant_link: String,
}

/// What is wrong with a [`NewQuickRoom`]'s shape, found by [`NewQuickRoom::check`]. The server
/// answers 400 `bad_request` with its [`Display`](std::fmt::Display) text (English, saying what
/// to fix); the browser says each variant in the page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuickRoomProblem {
    /// The topic is empty once trimmed.
    TopicEmpty,
    /// The topic is longer than [`MAX_QUICK_TOPIC_CHARS`] characters.
    TopicTooLong,
    /// No service is invited.
    NoneInvited,
    /// `invited[index]` is not a service of the centre's catalogue.
    NotInCatalogue {
        /// Its place in `invited`.
        index: usize,
    },
    /// `invited[index]` names a service named before it.
    InvitedTwice {
        /// Its place in `invited`.
        index: usize,
    },
    /// The minutes are outside [`QUICK_MINUTES`].
    MinutesOutOfRange,
}

impl std::fmt::Display for QuickRoomProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TopicEmpty => {
                f.write_str("topic is empty: say in a few words what the question is about")
            }
            Self::TopicTooLong => {
                write!(f, "topic is longer than {MAX_QUICK_TOPIC_CHARS} characters")
            }
            Self::NoneInvited => f.write_str("invite at least one service"),
            Self::NotInCatalogue { index } => {
                write!(f, "invited[{index}] is not a service of the centre")
            }
            Self::InvitedTwice { index } => write!(f, "invited[{index}] is named twice"),
            Self::MinutesOutOfRange => write!(
                f,
                "minutes must be {}–{}",
                QUICK_MINUTES.start(),
                QUICK_MINUTES.end()
            ),
        }
    }
}

impl std::error::Error for QuickRoomProblem {}

impl NewQuickRoom {
    /// The request's shape against the centre's `catalogue`: the topic trimmed, 1 to
    /// [`MAX_QUICK_TOPIC_CHARS`] characters; at least one invited service, each from the
    /// catalogue and named once; minutes within [`QUICK_MINUTES`]. `Ok` is the trimmed topic;
    /// `Err` is the first thing to fix. The identifier guard is the server's.
    pub fn check(&self, catalogue: &[Service]) -> Result<String, QuickRoomProblem> {
        let topic = self.topic.trim();
        if topic.is_empty() {
            return Err(QuickRoomProblem::TopicEmpty);
        }
        if topic.chars().count() > MAX_QUICK_TOPIC_CHARS {
            return Err(QuickRoomProblem::TopicTooLong);
        }
        if self.invited.is_empty() {
            return Err(QuickRoomProblem::NoneInvited);
        }
        for (index, s) in self.invited.iter().enumerate() {
            if !catalogue.iter().any(|c| &c.id == s) {
                return Err(QuickRoomProblem::NotInCatalogue { index });
            }
            if self.invited[..index].contains(s) {
                return Err(QuickRoomProblem::InvitedTwice { index });
            }
        }
        if !QUICK_MINUTES.contains(&self.minutes) {
            return Err(QuickRoomProblem::MinutesOutOfRange);
        }
        Ok(topic.to_owned())
    }
}

/// The period report's quick consultations, counted apart from the monthly meetings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodQuick {
    /// Quick consultations held (ended) in the range.
    pub held: u32,
    /// Their items, outcomes recorded and follow-ups, suppressed like every count.
    pub items: super::SuppressedCount,
    /// Items with a recorded outcome.
    pub outcomes_recorded: super::SuppressedCount,
    /// Items whose outcome asks for a follow-up.
    pub follow_ups: super::SuppressedCount,
    /// Minutes they took on average.
    pub average_minutes: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::default_catalogue;

    fn room(topic: &str, invited: &[&str], minutes: u32) -> NewQuickRoom {
        NewQuickRoom {
            key: None,
            topic: topic.into(),
            invited: invited.iter().map(|s| ServiceId::from(*s)).collect(),
            minutes,
        }
    }

    #[test]
    fn a_well_formed_request_passes_with_its_topic_trimmed() {
        let c = default_catalogue();
        assert_eq!(
            room(
                "  Asunnottomuus ja päihteet ",
                &["kela", "social_services"],
                20
            )
            .check(&c),
            Ok("Asunnottomuus ja päihteet".to_owned())
        );
        for m in [15, 30] {
            assert!(room("Kysymys", &["kela"], m).check(&c).is_ok(), "{m}");
        }
    }

    #[test]
    fn each_malformed_part_is_refused_with_what_to_fix() {
        use QuickRoomProblem::*;
        let c = default_catalogue();
        let err = |r: NewQuickRoom| r.check(&c).unwrap_err();
        assert_eq!(err(room("   ", &["kela"], 20)), TopicEmpty);
        let long = "a".repeat(MAX_QUICK_TOPIC_CHARS + 1);
        assert_eq!(err(room(&long, &["kela"], 20)), TopicTooLong);
        assert!(room(&"ä".repeat(MAX_QUICK_TOPIC_CHARS), &["kela"], 20)
            .check(&c)
            .is_ok());
        assert_eq!(err(room("Kysymys", &[], 20)), NoneInvited);
        assert_eq!(
            err(room("Kysymys", &["kela", "school"], 20)),
            NotInCatalogue { index: 1 }
        );
        assert_eq!(
            err(room("Kysymys", &["kela", "kela"], 20)),
            InvitedTwice { index: 1 }
        );
        for m in [0, 14, 31, 45] {
            assert_eq!(err(room("Kysymys", &["kela"], m)), MinutesOutOfRange);
        }
    }

    #[test]
    fn each_problem_says_what_to_fix_in_the_api_s_english() {
        use QuickRoomProblem::*;
        let said = |p: QuickRoomProblem| p.to_string();
        assert_eq!(
            said(TopicEmpty),
            "topic is empty: say in a few words what the question is about"
        );
        assert_eq!(said(TopicTooLong), "topic is longer than 120 characters");
        assert_eq!(said(NoneInvited), "invite at least one service");
        assert_eq!(
            said(NotInCatalogue { index: 1 }),
            "invited[1] is not a service of the centre"
        );
        assert_eq!(said(InvitedTwice { index: 1 }), "invited[1] is named twice");
        assert_eq!(said(MinutesOutOfRange), "minutes must be 15–30");
    }
}
