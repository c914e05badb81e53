//! The nouns of the PPT consultation meeting (see `shared/PRODUCT.md`).

use crate::ids::{CentreId, ItemId, MeetingId, ParticipantId, ServiceId};
use crate::Millis;
use serde::{Deserialize, Serialize};

pub mod guests;
pub mod theme_clock;
pub use guests::{
    Arrival, GuestAdmission, Standing, DEFAULT_AGENDA_AHEAD_HOURS, MAX_AGENDA_AHEAD_HOURS,
};
pub use theme_clock::{MonthTheme, WorkshopKind};

/// One service of a centre's catalogue. `required` services are expected at every meeting;
/// the representation panel shows which of them are missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
    pub required: bool,
}

/// Whether `name` is one of the default catalogue's service names, in any of its three
/// languages: the product's own wording, not a coordinator's or a client's. The identifier
/// guard does not check these again (when a coordinator saves a centre, or in an export): a
/// change in the name rules must not make a server refuse its own catalogue or block its
/// minutes — rules in development have read the Swedish "unga" (young, in "Socialtjänster för
/// unga och vuxna") as a surname.
pub fn is_product_wording(name: &str) -> bool {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            default_catalogue()
                .into_iter()
                .flat_map(|s| [s.name_fi, s.name_sv, s.name_en])
                .collect()
        })
        .iter()
        .any(|n| n == name)
}

/// The default catalogue of a THK, from PRODUCT.md. New centres start from it; each centre
/// edits its own.
pub fn default_catalogue() -> Vec<Service> {
    let s = |id: &str, fi: &str, sv: &str, en: &str, required: bool| Service {
        id: ServiceId::from(id),
        name_fi: fi.into(),
        name_sv: sv.into(),
        name_en: en.into(),
        required,
    };
    vec![
        s(
            "health_station",
            "Terveysasemapalvelut",
            "Hälsostationstjänster",
            "Health station",
            true,
        ),
        s(
            "psychiatry_substance",
            "Psykiatria- ja päihdepalvelut",
            "Psykiatri- och missbrukartjänster",
            "Psychiatric and substance abuse services",
            true,
        ),
        s(
            "social_services",
            "Nuorten ja aikuisten sosiaalipalvelut",
            "Socialtjänster för unga och vuxna",
            "Social services for young people and adults",
            true,
        ),
        s(
            "rehabilitation",
            "Aikuisten kuntoutuspalvelut (fysio- ja toimintaterapia)",
            "Rehabilitering för vuxna (fysio- och ergoterapi)",
            "Adult rehabilitation (physio- and occupational therapy)",
            true,
        ),
        s(
            "oral_health",
            "Suun terveydenhuolto",
            "Mun- och tandvård",
            "Oral health care",
            true,
        ),
        s(
            "elderly_guidance",
            "Ikääntyneiden palveluohjaus",
            "Servicehandledning för äldre",
            "Service guidance for older people",
            true,
        ),
        s(
            "disability",
            "Vammaispalvelut",
            "Handikapptjänster",
            "Disability services",
            true,
        ),
        s(
            "support",
            "Tukipalvelut (esim. laboratorio)",
            "Stödtjänster (t.ex. laboratorium)",
            "Support services (e.g. laboratory)",
            true,
        ),
        s(
            "kela",
            "Kela",
            "FPA",
            "Kela (social insurance institution)",
            true,
        ),
    ]
}

/// What a meeting is, fixed when it is created: who holds it, when, and the catalogue of
/// services as it stood then (a later catalogue edit does not rewrite past meetings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingInfo {
    pub id: MeetingId,
    pub centre_id: CentreId,
    pub centre_name: String,
    pub title: String,
    /// Scheduled start and end (UTC ms). Default length is 60 minutes.
    pub starts_at: Millis,
    pub ends_at: Millis,
    pub services: Vec<Service>,
    /// A monthly meeting of the centre's slot (or made by hand), or a quick consultation
    /// room opened for one question (issue 13): counted apart in every report, never in the
    /// calendar feed, never the target of carried-over items.
    #[serde(default, skip_serializing_if = "MeetingKind::is_monthly")]
    pub kind: MeetingKind,
}

/// Which kind of meeting a room is. Quick consultations ("pikakonsultaatio") are ad hoc rooms
/// of 15–30 minutes for one question, with the services their opener invited as the required
/// ones and no agenda to confirm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// The centre's monthly PPT meeting (the default, and every meeting made before kinds).
    #[default]
    Monthly,
    /// A quick consultation room for one question.
    Quick,
}

impl MeetingKind {
    /// Whether this is the ordinary monthly meeting (the wire leaves the field out then).
    pub fn is_monthly(&self) -> bool {
        *self == MeetingKind::Monthly
    }

    /// The name stored in `meetings.kind`.
    pub fn as_str(&self) -> &'static str {
        match self {
            MeetingKind::Monthly => "monthly",
            MeetingKind::Quick => "quick",
        }
    }

    /// The kind a stored name names; anything unknown is a monthly meeting.
    pub fn from_name(name: &str) -> MeetingKind {
        match name {
            "quick" => MeetingKind::Quick,
            _ => MeetingKind::Monthly,
        }
    }
}

impl MeetingInfo {
    /// The catalogue entry for a service id, if the meeting's centre has it.
    pub fn service(&self, id: &ServiceId) -> Option<&Service> {
        self.services.iter().find(|s| &s.id == id)
    }
}

/// Where a meeting is in its life. Only forward: open → running → ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Created; people join, submit items; the chair orders and confirms the agenda.
    Open,
    /// The first item has started.
    Running,
    /// The chair ended the meeting; it is read-only.
    Ended,
}

/// The three kinds of matter a meeting handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// An anonymised client case ("asiakastapaus").
    ClientCase,
    /// A shared phenomenon to solve together ("ilmiö").
    Phenomenon,
    /// A regional cooperation matter.
    RegionalMatter,
}

/// Theme tags, the recurring problems the PPT network follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Homelessness,
    SubstanceAbuse,
    MentalHealth,
    FunctionalAbility,
    SocialProblems,
    SomaticIllness,
    OlderClient,
    FamilyChildProtection,
    ImmigrantClient,
    Other,
}

impl Theme {
    /// Every theme, in the order forms and reports list them.
    pub const ALL: [Theme; 10] = [
        Theme::Homelessness,
        Theme::SubstanceAbuse,
        Theme::MentalHealth,
        Theme::FunctionalAbility,
        Theme::SocialProblems,
        Theme::SomaticIllness,
        Theme::OlderClient,
        Theme::FamilyChildProtection,
        Theme::ImmigrantClient,
        Theme::Other,
    ];
}

/// Where an agenda item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Queued,
    Presenting,
    Done,
    /// Moved to the next meeting of the centre.
    Deferred,
    Withdrawn,
}

/// What the network said, recorded by the chair for the minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    #[serde(default)]
    pub advice: String,
    #[serde(default)]
    pub next_steps: String,
    #[serde(default)]
    pub services_to_involve: Vec<ServiceId>,
    #[serde(default)]
    pub follow_up: bool,
}

/// What a professional fills in to bring a matter to the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDraft {
    pub kind: ItemKind,
    /// A short title ("Iäkäs asiakas, toistuvat päivystyskäynnit").
    pub title: String,
    /// The anonymised summary of the case.
    #[serde(default)]
    pub summary: String,
    /// The question to the network.
    pub question: String,
    #[serde(default)]
    pub services_wanted: Vec<ServiceId>,
    #[serde(default)]
    pub themes: Vec<Theme>,
}

/// One item on the agenda, with its time and outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: ItemId,
    pub kind: ItemKind,
    pub title: String,
    pub summary: String,
    pub question: String,
    pub services_wanted: Vec<ServiceId>,
    pub themes: Vec<Theme>,
    /// Who submitted it and will present it (public participant id; not a person's name).
    pub presenter: ParticipantId,
    pub presenter_service: ServiceId,
    pub status: ItemStatus,
    pub submitted_at: Millis,
    /// The share of the hour this item has, set at confirmation and at every item start,
    /// plus any extensions.
    pub allotted_ms: Option<Millis>,
    /// Presenting time actually used (pauses excluded), set when the item leaves the floor.
    pub used_ms: Option<Millis>,
    /// Whether the item ran past its allotment.
    #[serde(default)]
    pub overran: bool,
    pub outcome: Option<Outcome>,
    /// Set when the item came from an earlier meeting (deferred there, or a follow-up): the
    /// "siirretty" badge, with every earlier turn in `history`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<CarryOver>,
    /// Its text was changed after it was submitted (`edit_item`). The earlier text is not kept
    /// anywhere the room shows; the minutes say "edited".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
    /// The chair redacted it (`redact_item`): every text field of the item (title, summary,
    /// question, outcome, earlier turns' outcomes) holds [`REDACTED_TEXT`] or nothing, here, in
    /// the stored event log and in the minutes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    /// When it came onto the agenda relative to the agenda's publication: ahead, a late
    /// addition, or at the meeting (see [`Arrival`]). `None` in logs from before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Arrival>,
}

/// What a redacted item's title and question read (the UI shows its own words for
/// `redacted`; this is what stays in the log and the minutes).
pub const REDACTED_TEXT: &str = "[poistettu]";

impl AgendaItem {
    /// Replaces every free text of the item with [`REDACTED_TEXT`] (or nothing, for text that
    /// may be empty) and marks it redacted. Used by the room rules and by the server when it
    /// rewrites the stored log, so both give the same result.
    pub fn redact(&mut self) {
        self.title = REDACTED_TEXT.to_owned();
        self.question = REDACTED_TEXT.to_owned();
        self.summary = String::new();
        if let Some(o) = &mut self.outcome {
            o.redact();
        }
        if let Some(c) = &mut self.carried_over {
            for t in &mut c.history {
                if let Some(o) = &mut t.outcome {
                    o.redact();
                }
            }
        }
        self.redacted = true;
    }
}

impl Outcome {
    /// Blanks the outcome's free text (services and the follow-up flag stay).
    pub fn redact(&mut self) {
        if !self.advice.is_empty() {
            self.advice = REDACTED_TEXT.to_owned();
        }
        if !self.next_steps.is_empty() {
            self.next_steps = REDACTED_TEXT.to_owned();
        }
    }
}

/// Why an item moved from one meeting to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarryReason {
    /// Deferred by the chair (or left over when the meeting ended or was cancelled).
    Deferred,
    /// Its outcome asked for a follow-up.
    FollowUp,
}

/// Where a carried-over item comes from, with every earlier turn it had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOver {
    pub reason: CarryReason,
    pub from_meeting: MeetingId,
    pub from_item: ItemId,
    /// Earlier turns, oldest first; the last is the meeting it came from.
    pub history: Vec<PastTurn>,
}

/// One earlier meeting's handling of an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastTurn {
    pub meeting: MeetingId,
    pub meeting_starts_at: Millis,
    pub status: ItemStatus,
    pub used_ms: Option<Millis>,
    pub outcome: Option<Outcome>,
}

/// A person in the meeting, known by service and optional display name only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    /// The catalogue service they represent, or the reserved id of an expert by experience or
    /// a guest ([`Standing`]).
    pub service: ServiceId,
    pub display_name: Option<String>,
    pub role: Role,
    /// Present now (or within the reconnect grace period).
    pub present: bool,
    pub joined_at: Millis,
    /// A guest's organisation as they gave it (guarded like every text); none for others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

impl Participant {
    /// Whether they represent a catalogue service, or came as an expert by experience or a
    /// guest.
    pub fn standing(&self) -> Standing {
        Standing::of(&self.service)
    }
}

/// What a capability link lets its holder do. Who runs the meeting right now is not the link
/// but the room's [`crate::room::ChairHolder`]: the chair link holds the controls until it
/// hands them over, and the deputy link may take them over when the holder is away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    Participant,
    /// The deputy chair's link: a participant who can take over the chair controls
    /// (`take_over`) when the holder has been away past the grace period, or be handed them.
    Deputy,
}

/// A raised hand. `RoomState::hands` is the hand queue in the order hands went up: a hand's
/// place in the queue is its index + 1 (`RoomState::hand_position`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hand {
    pub participant: ParticipantId,
    pub raised_at: Millis,
}

/// Attendance of one service of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePresence {
    pub service: ServiceId,
    pub required: bool,
    /// People present now for this service.
    pub people: u32,
}

/// Which services are in the room: the chair's "is everyone here" at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representation {
    /// Every catalogue service, in catalogue order, with its head count.
    pub services: Vec<ServicePresence>,
    /// Required services present with at least one person.
    pub present_required: Vec<ServiceId>,
    /// Required services nobody represents right now.
    pub missing_required: Vec<ServiceId>,
    /// Experts by experience present now (never part of a service's count).
    #[serde(default)]
    pub experts_by_experience: u32,
    /// Guests present now (never part of a service's count).
    #[serde(default)]
    pub guests: u32,
}
