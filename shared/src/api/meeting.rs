//! A meeting as the coordinator sees it, and the requests that create, move, cancel and
//! re-key one.

use crate::domain::{GuestAdmission, MeetingKind};
use crate::ids::{CentreId, MeetingId};
use crate::labels::Lang;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Where a meeting stands, for the coordinator: what can still be done with it follows from
/// this (move and cancel only while `Open`; minutes once `Ended`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingState {
    /// Not started and not cancelled: it can still be moved or cancelled.
    Open,
    /// The chair has started it.
    Running,
    /// The chair has ended it: its minutes can be read.
    Ended,
    /// Cancelled before it started; its queued items went to the centre's next meeting.
    Cancelled,
}

impl MeetingState {
    /// The state from what the server stores: cancelled and ended win over started.
    pub fn of(cancelled: bool, ended: bool, started: bool) -> MeetingState {
        match (cancelled, ended, started) {
            (true, _, _) => MeetingState::Cancelled,
            (_, true, _) => MeetingState::Ended,
            (_, _, true) => MeetingState::Running,
            _ => MeetingState::Open,
        }
    }

    /// The wire name (`open`, `running`, `ended`, `cancelled`), also the page's CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingState::Open => "open",
            MeetingState::Running => "running",
            MeetingState::Ended => "ended",
            MeetingState::Cancelled => "cancelled",
        }
    }

    /// Neither ended nor cancelled: its links matter and a holiday on its date is worth a
    /// warning.
    pub fn is_live(self) -> bool {
        matches!(self, MeetingState::Open | MeetingState::Running)
    }
}

/// A Finnish public holiday's name in the three languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayNames {
    /// `Itsenäisyyspäivä`.
    pub fi: String,
    /// `Självständighetsdagen`.
    pub sv: String,
    /// `Independence Day`.
    pub en: String,
}

impl HolidayNames {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

/// A meeting as the coordinator sees it: schedule, state, holiday flag and its links. The
/// answer of every meeting route and each entry of [`CentreMeetings`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingView {
    /// The meeting's id, in its links.
    pub id: MeetingId,
    /// The centre it belongs to.
    pub centre_id: CentreId,
    /// Shown in the room, the calendar and the minutes.
    pub title: String,
    /// Start, RFC 3339 in UTC: `2026-12-08T11:00:00Z`.
    pub starts_at: String,
    /// End, RFC 3339 in UTC.
    pub ends_at: String,
    /// Start, ms since the epoch (for sorting and arithmetic).
    pub starts_at_ms: Millis,
    /// End, ms since the epoch.
    pub ends_at_ms: Millis,
    /// What can still be done with it.
    pub state: MeetingState,
    /// The Finnish public holiday the meeting falls on (its Finnish name), for the
    /// coordinator to move it.
    pub holiday: Option<String>,
    /// Its name in Finnish, Swedish and English.
    pub holiday_names: Option<HolidayNames>,
    /// The schedule slot (local date) it fills, if generated from the centre's rule.
    pub series_date: Option<String>,
    /// The centre's IANA time zone, in which `starts_local` and `ends_local` are given.
    pub time_zone: String,
    /// Start and end as wall-clock time in the centre's zone: `2026-12-08T13:00`. The page
    /// shows these, never the browser's zone.
    pub starts_local: String,
    /// The end, the same way.
    pub ends_local: String,
    /// The zone's offset from UTC at the start: `+02:00`.
    pub utc_offset: String,
    /// How many items were carried over into this meeting from the centre's earlier ones
    /// (deferred, left in the queue, or follow-up asked): those already on its agenda and
    /// those waiting for it.
    pub carried_over: usize,
    /// Goes up with every move (the calendar feed's SEQUENCE).
    pub revision: i64,
    /// The capability that makes one the chair.
    pub chair_key: String,
    /// The capability that lets one join.
    pub participant_key: String,
    /// `{public url}/m/{id}#key={chair key}`, for the chair only.
    pub chair_link: String,
    /// `{public url}/m/{id}#key={participant key}`, for the invitation.
    pub participant_link: String,
    /// The capability of the deputy chair, who may take over the chair controls when the
    /// chair is away.
    #[serde(default)]
    pub deputy_key: String,
    /// `{public url}/m/{id}#key={deputy key}`, for the deputy chair only.
    #[serde(default)]
    pub deputy_link: String,
    /// When the meeting's links stop working (the link lifetime after the meeting ended or was
    /// cancelled); `None` while the meeting has not ended.
    pub links_expire_at: Option<String>,
    /// The same as wall-clock time in the centre's zone (`2026-12-22T14:00`), for the page.
    pub links_expire_local: Option<String>,
    /// Whether that time has passed: the links no longer open the meeting (the coordinator
    /// still exports its minutes).
    pub links_expired: bool,
    /// Who the meeting takes besides the catalogue's services: experts by experience, guests
    /// (its chair or the coordinator sets it; both off at first).
    #[serde(default)]
    pub allow_guests: GuestAdmission,
    /// A monthly meeting, or a quick consultation room (issue 13) that the coordinator's list
    /// marks as such; left out of the JSON for a monthly meeting.
    #[serde(default, skip_serializing_if = "MeetingKind::is_monthly")]
    pub kind: MeetingKind,
}

impl MeetingView {
    /// Not started, not cancelled: can still be moved or cancelled.
    pub fn is_open(&self) -> bool {
        self.state == MeetingState::Open
    }

    /// Its links still open it (not cancelled, not expired): they can be replaced.
    pub fn links_work(&self) -> bool {
        self.state != MeetingState::Cancelled && !self.links_expired
    }

    /// Its length in whole minutes.
    pub fn minutes(&self) -> i64 {
        (self.ends_at_ms - self.starts_at_ms) / 60_000
    }
}

/// `GET /api/centres/{centre}/meetings`: every meeting of the centre, earliest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CentreMeetings {
    /// The centre asked about.
    pub centre_id: CentreId,
    /// Its meetings, earliest first.
    pub meetings: Vec<MeetingView>,
}

/// `POST /api/meetings`: a one-off meeting. Absent fields take their defaults (now, 60
/// minutes, the product's title); the title goes through the identifier guard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMeeting {
    /// The centre it belongs to.
    pub centre_id: CentreId,
    /// RFC 3339 with an offset (`2026-12-08T13:00:00+02:00`), a wall-clock time in the
    /// centre's zone (`2026-12-08T13:00`), or absent for "now".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// 10–240 minutes; 60 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<u32>,
    /// At most 150 characters, checked by the identifier guard; the product's title when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// `PATCH /api/meetings/{meeting}`: moves a meeting that has not started, or sets who it
/// takes besides the catalogue's services (until it ends); absent fields stay.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveMeeting {
    /// As in [`NewMeeting::starts_at`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// The new length, 10–240 minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<u32>,
    /// Experts by experience and guests: may they join? Recorded in the meeting's log (the
    /// same `guests_allowed` event as the chair's `allow_guests`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_guests: Option<GuestAdmission>,
}

/// Which of a meeting's three links a rotation replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKey {
    /// The chair's link.
    Chair,
    /// The participants' link (the one in the invitation).
    Participant,
    /// The deputy chair's link.
    Deputy,
}

impl LinkKey {
    /// The wire name, `chair`, `participant` or `deputy`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKey::Chair => "chair",
            LinkKey::Participant => "participant",
            LinkKey::Deputy => "deputy",
        }
    }
}

/// `POST /api/meetings/{meeting}/rotate`: gives the meeting a new chair, participant or deputy
/// key (a leaked link is revoked this way).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotateKey {
    /// Which link to replace.
    pub key: LinkKey,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wire() -> serde_json::Value {
        json!({
            "id": "m1", "centre_id": "kalasatama", "title": "PPT-konsultaatio",
            "starts_at": "2026-12-08T11:00:00Z", "ends_at": "2026-12-08T12:00:00Z",
            "starts_at_ms": 1_796_727_600_000_i64, "ends_at_ms": 1_796_731_200_000_i64,
            "state": "open", "holiday": null, "holiday_names": null, "series_date": "2026-12-08",
            "time_zone": "Europe/Helsinki", "starts_local": "2026-12-08T13:00",
            "ends_local": "2026-12-08T14:00", "utc_offset": "+02:00", "carried_over": 2,
            "revision": 0, "chair_key": "c", "participant_key": "p",
            "chair_link": "http://x/m/m1#key=c", "participant_link": "http://x/m/m1#key=p",
            "deputy_key": "d", "deputy_link": "http://x/m/m1#key=d",
            "links_expire_at": null, "links_expire_local": null, "links_expired": false,
            "allow_guests": {"experts": true, "guests": false}
        })
    }

    #[test]
    fn a_meeting_reads_and_writes_the_same_json() {
        let m: MeetingView = serde_json::from_value(wire()).unwrap();
        assert_eq!(m.state, MeetingState::Open);
        assert_eq!((m.minutes(), m.carried_over), (60, 2));
        assert!(m.is_open() && m.links_work());
        assert_eq!(serde_json::to_value(&m).unwrap(), wire());
    }

    #[test]
    fn states_follow_what_is_stored() {
        assert_eq!(MeetingState::of(true, true, true), MeetingState::Cancelled);
        assert_eq!(MeetingState::of(false, true, true), MeetingState::Ended);
        assert_eq!(MeetingState::of(false, false, true), MeetingState::Running);
        assert_eq!(MeetingState::of(false, false, false), MeetingState::Open);
        for s in [
            MeetingState::Open,
            MeetingState::Running,
            MeetingState::Ended,
            MeetingState::Cancelled,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), json!(s.as_str()));
        }
        assert!(MeetingState::Running.is_live() && !MeetingState::Ended.is_live());
    }

    #[test]
    fn requests_send_only_what_is_given() {
        let n = NewMeeting {
            centre_id: CentreId::from("k"),
            starts_at: None,
            duration_min: Some(90),
            title: None,
        };
        assert_eq!(
            serde_json::to_value(&n).unwrap(),
            json!({"centre_id": "k", "duration_min": 90})
        );
        let r: RotateKey = serde_json::from_value(json!({"key": "participant"})).unwrap();
        assert_eq!(r.key, LinkKey::Participant);
        assert!(serde_json::from_value::<RotateKey>(json!({"key": "screen"})).is_err());
    }
}
