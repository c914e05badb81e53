//! A centre as the coordinator manages it, and the requests that create and change one.

use crate::domain::{Service, DEFAULT_AGENDA_AHEAD_HOURS};
use crate::ids::CentreId;
use serde::{Deserialize, Deserializer, Serialize};

/// A centre's recurring monthly slot, from which its upcoming meetings are created: "the
/// second Tuesday of each month, 13.00, 60 minutes, three meetings ahead".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlySlot {
    /// Which weekday of the month: 1–4, or -1 for the last.
    pub week: i8,
    /// `monday` … `sunday`.
    pub weekday: String,
    /// Local start time in the centre's zone, `HH:MM`.
    pub start: String,
    /// How long each meeting lasts, 10–240 minutes.
    #[serde(default = "default_minutes")]
    pub duration_min: u32,
    /// How many upcoming meetings to keep created ahead.
    #[serde(default = "default_ahead")]
    pub ahead: u32,
}

fn default_minutes() -> u32 {
    60
}

fn default_ahead() -> u32 {
    3
}

/// The slot in words, for the page and for people who read the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleText {
    /// The slot in Finnish: `joka kuukauden toinen tiistai klo 13.00`.
    pub fi: String,
    /// The slot in English.
    pub en: String,
    /// The RFC 5545 rule, `FREQ=MONTHLY;BYDAY=2TU`.
    pub rrule: String,
}

/// A centre with what the coordinator needs to share: the calendar feed URL and the slot in
/// words. The answer of every centre route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CentreView {
    /// The centre's id, in its URLs: `kalasatama`.
    pub id: CentreId,
    /// The centre's name as shown in the room and the minutes.
    pub name: String,
    /// IANA time zone; every meeting time of the centre is shown and entered in it.
    pub time_zone: String,
    /// The monthly slot; none for a centre without one.
    pub schedule: Option<MonthlySlot>,
    /// Words the identifier guard lets through in this centre (its street address, a service
    /// named after a person).
    pub allowlist: Vec<String>,
    /// Capability of the calendar feed URL; shown to the coordinator, never to participants.
    pub feed_key: String,
    /// The service catalogue: who is expected at its meetings.
    pub services: Vec<Service>,
    /// `{public url}/calendar/{centre}/{feed key}.ics`.
    pub feed_url: String,
    /// The slot in words; none without a slot.
    pub schedule_text: Option<ScheduleText>,
    /// How many hours before each meeting's start its agenda is published (0–336): from then
    /// on the participant link shows the queued items, and later submissions are marked late.
    #[serde(default = "default_agenda_ahead")]
    pub agenda_ahead_hours: u32,
}

fn default_agenda_ahead() -> u32 {
    DEFAULT_AGENDA_AHEAD_HOURS
}

/// `GET /api/centres`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CentreList {
    /// Every centre, in the order the server keeps them.
    pub centres: Vec<CentreView>,
}

/// `POST /api/centres`: a new centre. With a slot, its upcoming meetings are created at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCentre {
    /// 2–40 characters a–z, 0–9, `-` or `_`.
    pub id: CentreId,
    /// 1–100 characters.
    pub name: String,
    /// Helsinki when absent.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// The default catalogue when absent.
    #[serde(default)]
    pub services: Option<Vec<Service>>,
    /// Words the identifier guard lets through (at most 500).
    #[serde(default)]
    pub allowlist: Vec<String>,
    /// The monthly slot; none for a centre without one.
    #[serde(default)]
    pub schedule: Option<MonthlySlot>,
    /// Hours before each meeting's start its agenda is published (0–336); 24 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_ahead_hours: Option<u32>,
}

/// `PATCH /api/centres/{centre}`: fields to change; absent fields stay, and `schedule: null`
/// removes the monthly slot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentrePatch {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new IANA time zone: upcoming generated meetings are re-planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// A new catalogue (meetings already made keep theirs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<Service>>,
    /// A new allowlist, replacing the old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowlist: Option<Vec<String>>,
    /// Absent: unchanged; `null` (`Some(None)`): removed; a slot: replaced.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub schedule: Option<Option<MonthlySlot>>,
    /// New hours before each meeting's start its agenda is published (0–336).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_ahead_hours: Option<u32>,
}

/// Tells "absent" (`None`, by `default`) from "null" (`Some(None)`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<MonthlySlot>>, D::Error> {
    Option::<MonthlySlot>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_patch_tells_absent_from_null() {
        let p: CentrePatch = serde_json::from_value(json!({"name": "K"})).unwrap();
        assert_eq!((p.name.as_deref(), p.schedule), (Some("K"), None));
        let p: CentrePatch = serde_json::from_value(json!({"schedule": null})).unwrap();
        assert_eq!(p.schedule, Some(None));
        assert_eq!(serde_json::to_value(&p).unwrap(), json!({"schedule": null}));
        let slot: MonthlySlot =
            serde_json::from_value(json!({"week": -1, "weekday": "friday", "start": "09:30"}))
                .unwrap();
        assert_eq!((slot.duration_min, slot.ahead), (60, 3));
    }

    #[test]
    fn a_centre_reads_and_writes_the_same_json() {
        let wire = json!({
            "id": "k", "name": "K", "time_zone": "Europe/Helsinki",
            "schedule": {"week": 2, "weekday": "tuesday", "start": "13:00", "duration_min": 60, "ahead": 3},
            "allowlist": ["Vuotie 45"], "feed_key": "f",
            "services": [{"id": "kela", "name_fi": "Kela", "name_sv": "FPA", "name_en": "Kela", "required": true}],
            "feed_url": "http://x/calendar/k/f.ics",
            "schedule_text": {"fi": "joka kuun toinen tiistai", "en": "second Tuesday", "rrule": "FREQ=MONTHLY;BYDAY=2TU"},
            "agenda_ahead_hours": 24
        });
        let c: CentreView = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(c.schedule.as_ref().unwrap().week, 2);
        assert_eq!(serde_json::to_value(&c).unwrap(), wire);
    }
}
