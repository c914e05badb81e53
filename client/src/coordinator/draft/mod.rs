//! The centre editor's draft: the fields as typed, what is wrong with them, and the request
//! they become ([`NewCentre`] for a new centre, [`CentrePatch`] for a change). Pure, so the
//! host tests it; [`super::centre_form`] only binds fields to it.

use crate::i18n::{Lang, Texts};
use shared::api::{CentrePatch, CentreView, MonthlySlot, NewCentre};
use shared::domain::Service;
use shared::ids::{CentreId, ServiceId};

/// What is wrong with a draft, as one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No name, or one over 100 characters.
    Name,
    /// A new centre's id is not 2–40 characters a–z, 0–9, `-` or `_`.
    Id,
    /// The catalogue is empty.
    NoServices,
    /// A service lacks a name in one of the three languages.
    ServiceNames,
    /// The slot's start is not `HH:MM`.
    Time,
    /// The slot's length (10–240) or how many ahead (1–12) is out of range.
    Numbers,
    /// The hours the agenda is published ahead are not 0–336.
    AgendaAhead,
}

impl Problem {
    /// The message shown under the form, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let t = crate::i18n::texts(lang);
        match self {
            Problem::AgendaAhead => crate::i18n::coordinator::texts(lang).err_agenda_ahead,
            Problem::Name => t.err_name,
            Problem::Id => t.err_id,
            Problem::NoServices => t.err_no_services,
            Problem::ServiceNames => t.err_service_names,
            Problem::Time => t.err_time,
            Problem::Numbers => t.err_numbers,
        }
    }

    /// The element to focus so the problem can be fixed.
    pub fn field(self) -> &'static str {
        match self {
            Problem::Name => "ce-name",
            Problem::Id => "ce-id",
            Problem::NoServices | Problem::ServiceNames => "ce-add-service",
            Problem::Time => "ce-start",
            Problem::Numbers => "ce-duration",
            Problem::AgendaAhead => "ce-agenda",
        }
    }
}

/// The editor's fields as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The centre's id (typed for a new centre, fixed for an existing one).
    pub id: String,
    /// The id was typed by hand: it no longer follows the name (emptying it hands it back).
    pub id_typed: bool,
    /// The centre's name.
    pub name: String,
    /// IANA time zone.
    pub time_zone: String,
    /// The catalogue, a row per service.
    pub services: Vec<Service>,
    /// One entry per line.
    pub allowlist: String,
    /// Whether the centre has a monthly slot.
    pub has_schedule: bool,
    /// The slot's weekday of the month: 1–4, or -1 for the last.
    pub week: i8,
    /// The slot's weekday, `tuesday`.
    pub weekday: String,
    /// The slot's start, `HH:MM`.
    pub start: String,
    /// The slot's length in minutes, as typed.
    pub duration: String,
    /// How many meetings to keep created ahead, as typed.
    pub ahead: String,
    /// Hours before each meeting its agenda is published, as typed.
    pub agenda_ahead: String,
}

/// What a valid draft sends, whether new or changed.
struct Checked {
    name: String,
    time_zone: String,
    services: Vec<Service>,
    allowlist: Vec<String>,
    schedule: Option<MonthlySlot>,
    agenda_ahead_hours: u32,
}

impl Draft {
    /// A new centre: Helsinki time, the default catalogue, second Tuesday 13:00–14:00.
    pub fn new() -> Draft {
        Draft {
            id: String::new(),
            id_typed: false,
            name: String::new(),
            time_zone: "Europe/Helsinki".into(),
            services: shared::domain::default_catalogue(),
            allowlist: String::new(),
            has_schedule: true,
            week: 2,
            weekday: "tuesday".into(),
            start: "13:00".into(),
            duration: "60".into(),
            ahead: "3".into(),
            agenda_ahead: "24".into(),
        }
    }

    /// The draft of a centre as the API gives it.
    pub fn of(c: &CentreView) -> Draft {
        let d = Draft::new();
        let s = c.schedule.as_ref();
        Draft {
            id: c.id.to_string(),
            id_typed: true,
            name: c.name.clone(),
            time_zone: c.time_zone.clone(),
            services: c.services.clone(),
            allowlist: c.allowlist.join("\n"),
            has_schedule: s.is_some(),
            week: s.map_or(d.week, |s| s.week),
            weekday: s.map_or(d.weekday, |s| s.weekday.clone()),
            start: s.map_or(d.start, |s| s.start.clone()),
            duration: s.map_or(d.duration, |s| s.duration_min.to_string()),
            ahead: s.map_or(d.ahead, |s| s.ahead.to_string()),
            agenda_ahead: c.agenda_ahead_hours.to_string(),
        }
    }

    /// A new centre's name as typed: its id follows (`Itä-Pasila THK` → `ita-pasila-thk`)
    /// until the id is typed by hand.
    pub fn set_name(&mut self, name: String, creating: bool) {
        if creating && !self.id_typed {
            self.id = centre_slug(&name);
        }
        self.name = name;
    }

    /// The id as typed by hand; emptied, it follows the name again.
    pub fn set_id(&mut self, id: String) {
        self.id_typed = !id.is_empty();
        self.id = id;
    }

    /// `POST /api/centres`. New services get an id made from their name.
    pub fn new_centre(&self) -> Result<NewCentre, Problem> {
        let c = self.check(true)?;
        Ok(NewCentre {
            id: CentreId::from(self.id.trim()),
            name: c.name,
            time_zone: Some(c.time_zone),
            services: Some(c.services),
            allowlist: c.allowlist,
            schedule: c.schedule,
            agenda_ahead_hours: Some(c.agenda_ahead_hours),
        })
    }

    /// `PATCH /api/centres/{id}`: every field, `schedule: null` when the slot is off.
    pub fn patch(&self) -> Result<CentrePatch, Problem> {
        let c = self.check(false)?;
        Ok(CentrePatch {
            name: Some(c.name),
            time_zone: Some(c.time_zone),
            services: Some(c.services),
            allowlist: Some(c.allowlist),
            schedule: Some(c.schedule),
            agenda_ahead_hours: Some(c.agenda_ahead_hours),
        })
    }

    /// The draft's values as the API takes them, or the first thing wrong in the form's
    /// order (the id only for a new centre).
    fn check(&self, with_id: bool) -> Result<Checked, Problem> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Problem::Name);
        }
        if with_id && !valid_id(&self.id) {
            return Err(Problem::Id);
        }
        if self.services.is_empty() {
            return Err(Problem::NoServices);
        }
        let mut services = self.services.clone();
        for s in &mut services {
            s.name_fi = s.name_fi.trim().to_owned();
            s.name_sv = s.name_sv.trim().to_owned();
            s.name_en = s.name_en.trim().to_owned();
            if [&s.name_fi, &s.name_sv, &s.name_en]
                .iter()
                .any(|n| n.is_empty())
            {
                return Err(Problem::ServiceNames);
            }
        }
        for i in 0..services.len() {
            if services[i].id.as_str().is_empty() {
                let base = slug(&services[i].name_en);
                let taken: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
                services[i].id = ServiceId::from(unique(&base, &taken).as_str());
            }
        }
        let schedule = if self.has_schedule {
            Some(self.slot()?)
        } else {
            None
        };
        let agenda_ahead_hours = (self.agenda_ahead.trim().parse::<u32>().ok())
            .filter(|h| *h <= shared::domain::MAX_AGENDA_AHEAD_HOURS)
            .ok_or(Problem::AgendaAhead)?;
        Ok(Checked {
            name: name.to_owned(),
            time_zone: self.time_zone.trim().to_owned(),
            services,
            allowlist: allowlist(&self.allowlist),
            schedule,
            agenda_ahead_hours,
        })
    }

    /// The monthly slot as typed.
    fn slot(&self) -> Result<MonthlySlot, Problem> {
        let start = self.start.trim();
        let ok_time = start.len() == 5
            && start.as_bytes()[2] == b':'
            && matches!(start[..2].parse::<u8>(), Ok(0..=23))
            && matches!(start[3..].parse::<u8>(), Ok(0..=59));
        if !ok_time {
            return Err(Problem::Time);
        }
        let number = |s: &str, range: std::ops::RangeInclusive<u32>| {
            s.trim().parse::<u32>().ok().filter(|n| range.contains(n))
        };
        let (Some(duration_min), Some(ahead)) = (
            number(&self.duration, 10..=240),
            number(&self.ahead, 1..=12),
        ) else {
            return Err(Problem::Numbers);
        };
        Ok(MonthlySlot {
            week: self.week,
            weekday: self.weekday.clone(),
            start: start.to_owned(),
            duration_min,
            ahead,
        })
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft::new()
    }
}

/// A catalogue row the coordinator adds: no id yet (one is made from its English name when
/// saved), no names, optional.
pub fn blank_service() -> Service {
    Service {
        id: ServiceId::from(""),
        name_fi: String::new(),
        name_sv: String::new(),
        name_en: String::new(),
        required: false,
    }
}

/// Who a catalogue row is, for its fields' and Remove button's names: its Finnish name, or
/// "uusi palvelu 3" (the row's number) while it has none.
pub fn service_label(t: &'static Texts, i: usize, name_fi: &str) -> String {
    let n = name_fi.trim();
    if n.is_empty() {
        format!("{} {}", t.new_service, i + 1)
    } else {
        n.to_owned()
    }
}

/// 2–40 characters a–z, 0–9, - or _ (centre and service ids).
pub fn valid_id(id: &str) -> bool {
    (2..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// An id made from a name: `Sosiaalipalvelut Ä` → `sosiaalipalvelut_a`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        // ASCII only (no Unicode case tables in the module): the Nordic letters by hand.
        let c = match c {
            'ä' | 'Ä' | 'å' | 'Å' | 'á' | 'à' => 'a',
            'ö' | 'Ö' | 'ó' => 'o',
            'é' | 'è' | 'É' => 'e',
            'ü' | 'Ü' => 'u',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '_',
        };
        if !(c == '_' && (out.is_empty() || out.ends_with('_'))) && out.len() < 36 {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('_').to_owned();
    if out.len() < 2 {
        "service".into()
    } else {
        out
    }
}

/// `base`, or `base_2`, `base_3`… if taken.
fn unique(base: &str, taken: &[&str]) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while taken.contains(&id.as_str()) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

/// One entry per non-empty line, trimmed, without repeats.
pub fn allowlist(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.iter().any(|w| w == line) {
            out.push(line.to_owned());
        }
    }
    out
}

/// A centre id made from its name as it is typed: `Itä-Pasila THK` → `ita-pasila-thk`
/// (Nordic letters plain, spaces and dashes one `-`, other characters dropped, at most 40).
pub fn centre_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'ä' | 'Ä' | 'å' | 'Å' | 'á' | 'à' | 'Á' => 'a',
            'ö' | 'Ö' | 'ó' | 'Ø' | 'ø' => 'o',
            'é' | 'è' | 'É' => 'e',
            'ü' | 'Ü' => 'u',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if c.is_whitespace() || c == '-' || c == '_' => '-',
            _ => continue,
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) && out.len() < 40 {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests;
