//! What the minutes hold: the meeting's figures and items, computed from its replayed log
//! ([`MeetingSummary::of`]), with the wording every format shares.

use super::display_date;
use crate::reports::labels::Lang;
use crate::reports::{minutes, Recorded};
use crate::time::local_date;
use serde::Serialize;
use shared::domain::{
    Arrival, CarryReason, ItemKind, ItemStatus, MeetingKind, Outcome, Phase, Standing, Theme,
};
use shared::ids::{CentreId, ItemId, MeetingId, ServiceId};
use shared::room::ChairHolder;
use std::collections::BTreeMap;

/// Attendance of one service over the whole meeting.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceAttendance {
    pub service: ServiceId,
    pub name: String,
    pub required: bool,
    /// People who took part for this service (each counted once however often they
    /// reconnected).
    pub people: u32,
}

/// Where a carried-over item came from.
#[derive(Clone, Debug, Serialize)]
pub struct CarriedFrom {
    pub reason: CarryReason,
    pub from_meeting: MeetingId,
    /// Earlier meetings that handled it.
    pub earlier_turns: usize,
}

/// One agenda item in the minutes.
#[derive(Clone, Debug, Serialize)]
pub struct ItemSummary {
    pub no: usize,
    pub id: ItemId,
    pub kind: ItemKind,
    pub title: String,
    pub summary: String,
    pub question: String,
    pub themes: Vec<Theme>,
    pub services_wanted: Vec<ServiceId>,
    pub presenter_service: ServiceId,
    pub status: ItemStatus,
    pub allotted_min: Option<i64>,
    pub used_min: Option<i64>,
    pub overran: bool,
    pub outcome: Option<Outcome>,
    pub carried_over: Option<CarriedFrom>,
    /// The text was changed after it was submitted (the earlier text is not in the minutes).
    pub edited: bool,
    /// The chair removed the item's text (something identifying had slipped in); it is gone
    /// from the minutes and from the stored log.
    pub redacted: bool,
    /// When it came onto the agenda relative to the agenda's publication (`ahead`, `late`,
    /// `at_meeting`); none in meetings from before it was kept.
    pub arrival: Option<Arrival>,
}

/// A change of who held the chair controls, as the minutes list it.
#[derive(Clone, Debug, Serialize)]
pub struct ChairChangeLine {
    /// Local time in the centre's zone ("10:15").
    pub time: String,
    /// Taken over after the holder had been away, rather than handed over.
    pub taken_over: bool,
    /// The service of the person who got the controls; none when they went back to the chair
    /// link.
    pub to_service: Option<ServiceId>,
}

/// The minutes of a meeting: everything that happened, nothing that identifies anyone.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingSummary {
    pub meeting_id: MeetingId,
    pub centre_id: CentreId,
    pub centre_name: String,
    pub title: String,
    /// Local date and scheduled start in the centre's time zone.
    pub date: String,
    pub scheduled_start: String,
    /// The centre's IANA time zone that `date` and `scheduled_start` are in, named wherever a
    /// time is shown.
    pub time_zone: String,
    pub scheduled_min: i64,
    /// Minutes from the first item's start to the end.
    pub used_min: i64,
    pub agenda_announced: Option<u32>,
    pub attendance: Vec<ServiceAttendance>,
    /// Everyone who took part: the services' people, experts by experience and guests.
    pub people_total: u32,
    /// Experts by experience who took part, counted apart from the services (they never make
    /// a service present).
    pub experts_by_experience: u32,
    /// Guests from outside the catalogue who took part, counted apart from the services.
    pub guests: u32,
    /// The guests' organisations as they gave them, each once (gone, like display names,
    /// once the meeting's texts are removed after the retention period).
    pub guest_organisations: Vec<String>,
    pub required_present: Vec<ServiceId>,
    pub required_missing: Vec<ServiceId>,
    pub items: Vec<ItemSummary>,
    pub deferred: usize,
    pub withdrawn: usize,
    pub follow_ups: usize,
    /// Items whose text the chair removed.
    pub redacted: usize,
    /// Refused identifier findings per kind (numbers only).
    pub rejected_identifiers: BTreeMap<String, u32>,
    /// The local date until which the free texts of these minutes (titles, summaries,
    /// questions, outcomes) are kept; then they are removed and only the figures stay
    /// ([`crate::db::retention`]). People reading the minutes, and the data-protection
    /// officer, see how long the texts live.
    pub texts_kept_until: Option<String>,
    /// The local date the texts were removed, once they have been: the minutes then say so
    /// instead of showing the marker texts without explanation.
    pub texts_removed_on: Option<String>,
    /// The theme clock's plan for the meeting's month (theme, workshop, task between
    /// workshops), when the coordinator planned one.
    pub month_theme: Option<shared::api::MonthTheme>,
    /// A monthly meeting, or a quick consultation room (the minutes say which; left out of
    /// the JSON for a monthly meeting).
    #[serde(skip_serializing_if = "MeetingKind::is_monthly")]
    pub kind: MeetingKind,
    /// The structured anonymous feedback (issue 13): the number of answers, and the results
    /// only from [`shared::api::MIN_FEEDBACK_ANSWERS`] answers on.
    pub feedback: shared::api::feedback::MeetingFeedback,
    /// Handovers and takeovers of the chair controls, in order (left out of the JSON when the
    /// chair link held them throughout).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chair_changes: Vec<ChairChangeLine>,
    /// The language the names in these minutes are in (service names, the words for experts
    /// by experience and guests).
    #[serde(skip)]
    pub lang: Lang,
}

impl MeetingSummary {
    /// The minutes of a recorded meeting; `None` unless it has ended (and was not cancelled).
    pub fn of(rec: &Recorded, lang: Lang) -> Option<MeetingSummary> {
        let s = &rec.state;
        if s.phase != Phase::Ended || s.cancelled_at.is_some() {
            return None;
        }
        let tz = &rec.centre.time_zone;
        let start_local = jiff::Timestamp::from_millisecond(s.meeting.starts_at)
            .ok()
            .and_then(|t| {
                jiff::tz::TimeZone::get(tz)
                    .ok()
                    .map(|z| t.to_zoned_datetime(z))
            });
        let attendance: Vec<ServiceAttendance> = s
            .meeting
            .services
            .iter()
            .map(|svc| ServiceAttendance {
                service: svc.id.clone(),
                name: match lang {
                    Lang::Fi => svc.name_fi.clone(),
                    Lang::Sv => svc.name_sv.clone(),
                    Lang::En => svc.name_en.clone(),
                },
                required: svc.required,
                people: s
                    .participants
                    .iter()
                    .filter(|p| p.service == svc.id)
                    .count() as u32,
            })
            .collect();
        let required_present = attendance
            .iter()
            .filter(|a| a.required && a.people > 0)
            .map(|a| a.service.clone())
            .collect();
        let required_missing = attendance
            .iter()
            .filter(|a| a.required && a.people == 0)
            .map(|a| a.service.clone())
            .collect();
        let items: Vec<ItemSummary> = s
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ItemSummary {
                no: i + 1,
                id: it.id.clone(),
                kind: it.kind,
                title: it.title.clone(),
                summary: it.summary.clone(),
                question: it.question.clone(),
                themes: it.themes.clone(),
                services_wanted: it.services_wanted.clone(),
                presenter_service: it.presenter_service.clone(),
                status: it.status,
                allotted_min: it.allotted_ms.map(minutes),
                used_min: it.used_ms.map(minutes),
                overran: it.overran,
                outcome: it.outcome.clone(),
                carried_over: it.carried_over.as_ref().map(|c| CarriedFrom {
                    reason: c.reason,
                    from_meeting: c.from_meeting.clone(),
                    earlier_turns: c.history.len(),
                }),
                edited: it.edited,
                redacted: it.redacted,
                arrival: it.arrival,
            })
            .collect();
        let standing =
            |k: Standing| s.participants.iter().filter(|p| p.standing() == k).count() as u32;
        let mut guest_organisations: Vec<String> = Vec::new();
        for org in s
            .participants
            .iter()
            .filter_map(|p| p.organisation.as_ref())
        {
            if !guest_organisations.contains(org) {
                guest_organisations.push(org.clone());
            }
        }
        Some(MeetingSummary {
            meeting_id: s.meeting.id.clone(),
            centre_id: s.meeting.centre_id.clone(),
            centre_name: rec.centre.name.clone(),
            title: s.meeting.title.clone(),
            date: local_date(s.meeting.starts_at, tz)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            scheduled_start: start_local
                .map(|z| format!("{:02}:{:02}", z.hour(), z.minute()))
                .unwrap_or_default(),
            time_zone: tz.clone(),
            scheduled_min: minutes(s.meeting.ends_at - s.meeting.starts_at),
            used_min: match (s.started_at, s.ended_at) {
                (Some(a), Some(b)) => minutes(b - a),
                _ => 0,
            },
            agenda_announced: s.confirmed.as_ref().map(|c| c.items),
            people_total: s.participants.len() as u32,
            experts_by_experience: standing(Standing::ExpertByExperience),
            guests: standing(Standing::Guest),
            guest_organisations,
            attendance,
            required_present,
            required_missing,
            deferred: items
                .iter()
                .filter(|i| i.status == ItemStatus::Deferred)
                .count(),
            withdrawn: items
                .iter()
                .filter(|i| i.status == ItemStatus::Withdrawn)
                .count(),
            follow_ups: items
                .iter()
                .filter(|i| i.outcome.as_ref().is_some_and(|o| o.follow_up))
                .count(),
            redacted: items.iter().filter(|i| i.redacted).count(),
            items,
            rejected_identifiers: rec.rejected.clone(),
            month_theme: rec.theme.clone(),
            kind: s.meeting.kind,
            feedback: rec.feedback.clone(),
            chair_changes: rec
                .chair_changes
                .iter()
                .map(|c| ChairChangeLine {
                    time: local_time(c.at, tz),
                    taken_over: c.taken_over,
                    to_service: match &c.to {
                        ChairHolder::ChairLink => None,
                        ChairHolder::Person(id) => s
                            .participants
                            .iter()
                            .find(|p| &p.id == id)
                            .map(|p| p.service.clone()),
                    },
                })
                .collect(),
            texts_kept_until: rec
                .retention
                .kept_until
                .and_then(|ms| local_date(ms, tz))
                .map(|d| d.to_string()),
            texts_removed_on: rec
                .retention
                .purged_at
                .and_then(|ms| local_date(ms, tz))
                .map(|d| d.to_string()),
            lang,
        })
    }

    /// What the minutes say about how long their texts live: until when they are kept, or
    /// that they were removed. `None` when neither is known.
    pub fn retention_note(&self, lang: Lang) -> Option<String> {
        if let Some(on) = &self.texts_removed_on {
            let d = display_date(on, lang);
            return Some(match lang {
                Lang::Fi => format!("Tekstit poistettu {d} säilytysajan päätyttyä; jäljellä ovat vain luvut (lajit, teemat, palvelut, ajat)."),
                Lang::Sv => format!("Texterna raderades {d} när lagringstiden gick ut; kvar finns bara siffrorna (typer, teman, tjänster, tider)."),
                Lang::En => format!("Texts were removed on {d} when the retention period ended; only the figures remain (kinds, themes, services, times)."),
            });
        }
        let d = display_date(self.texts_kept_until.as_deref()?, lang);
        Some(match lang {
            Lang::Fi => format!("Tekstit säilytetään {d} asti."),
            Lang::Sv => format!("Texterna sparas till och med {d}."),
            Lang::En => format!("Texts are kept until {d}."),
        })
    }

    /// The retention in one CSV cell: "säilytetään 11.1.2027 asti" or "poistettu 11.1.2027".
    pub(super) fn retention_cell(&self, lang: Lang) -> String {
        if let Some(on) = &self.texts_removed_on {
            let d = display_date(on, lang);
            return lang.t("poistettu", "raderade", "removed").to_owned() + " " + &d;
        }
        self.texts_kept_until
            .as_deref()
            .map(|k| {
                let d = display_date(k, lang);
                match lang {
                    Lang::Fi => format!("säilytetään {d} asti"),
                    Lang::Sv => format!("sparas till och med {d}"),
                    Lang::En => format!("kept until {d}"),
                }
            })
            .unwrap_or_default()
    }

    /// A service's name in the minutes' language ("Kokemusasiantuntija" or "Vieras" for the
    /// reserved ids; its id if it left the catalogue).
    pub(super) fn service_name(&self, id: &ServiceId) -> String {
        if let Some(name) = self.lang.standing(Standing::of(id)) {
            return name.to_owned();
        }
        self.attendance
            .iter()
            .find(|a| &a.service == id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }

    /// The experts by experience and guests in one line, or `None` when none came:
    /// "Kokemusasiantuntijoita 1, vieraita 2 (Vuosaaren koulu, Seurakunta). He eivät edusta
    /// palveluluettelon palveluja."
    pub(super) fn guests_line(&self, lang: Lang) -> Option<String> {
        if self.experts_by_experience == 0 && self.guests == 0 {
            return None;
        }
        let orgs = if self.guest_organisations.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.guest_organisations.join(", "))
        };
        let (e, g) = (self.experts_by_experience, self.guests);
        Some(match lang {
            Lang::Fi => format!("Kokemusasiantuntijoita {e}, vieraita {g}{orgs}. He eivät edusta palveluluettelon palveluja, eivätkä ole mukana palvelujen luvuissa."),
            Lang::Sv => format!("Erfarenhetsexperter {e}, gäster {g}{orgs}. De representerar inte tjänsterna i tjänstekatalogen och ingår inte i tjänsternas siffror."),
            Lang::En => format!("Experts by experience {e}, guests {g}{orgs}. They do not represent the catalogue's services and are not in the services' figures."),
        })
    }

    /// The line that says these are a quick consultation's minutes (an ad hoc room for one
    /// question, kept apart from the monthly meetings); `None` for a monthly meeting.
    pub(super) fn quick_line(&self, lang: Lang) -> Option<&'static str> {
        (self.kind == MeetingKind::Quick).then(|| {
            lang.t(
                "Pikakonsultaatio: yhden kysymyksen tapaaminen kuukausitapaamisten välillä.",
                "Snabbkonsultation: ett möte för en fråga mellan månadsmötena.",
                "Quick consultation: a meeting for one question between the monthly meetings.",
            )
        })
    }

    /// Several services' names, comma-separated.
    pub(super) fn services(&self, ids: &[ServiceId]) -> String {
        ids.iter()
            .map(|s| self.service_name(s))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `at` as a local "HH:MM" in the time zone `tz` (empty if the zone is unknown).
fn local_time(at: shared::Millis, tz: &str) -> String {
    jiff::Timestamp::from_millisecond(at)
        .ok()
        .zip(jiff::tz::TimeZone::get(tz).ok())
        .map(|(t, z)| {
            let z = t.to_zoned_datetime(z);
            format!("{:02}:{:02}", z.hour(), z.minute())
        })
        .unwrap_or_default()
}
