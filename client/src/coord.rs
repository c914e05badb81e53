//! The coordinator page's pure parts, tested on the host: the centre editor's draft and the
//! body it sends, meeting states, and the charts drawn from a period report's JSON.

use crate::i18n::{kind_name, texts, theme_name, Lang, Texts};
use serde_json::{json, Value};
use shared::charts::{attendance_grid, bars, Bar};
use shared::domain::{ItemKind, Service, Theme};
use shared::ids::ServiceId;

/// A meeting of `GET /api/centres/{id}/meetings`: the fields read here.
#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    pub id: String,
    pub title: String,
    pub starts_at_ms: i64,
    pub ends_at_ms: i64,
    pub state: String,
    pub holiday: Option<String>,
    /// The holiday's name per language code (`fi`, `sv`, `en`), when the server gives them.
    pub holiday_names: serde_json::Value,
    pub chair_link: String,
    pub participant_link: String,
    /// The centre's time zone and the meeting's wall-clock times in it (`2026-12-08T13:00`),
    /// with the zone's offset from UTC at the start (`+02:00`): the page shows these, never
    /// the browser's zone.
    pub time_zone: String,
    pub starts_local: String,
    pub ends_local: String,
    pub utc_offset: String,
    /// Items carried over into it from the centre's earlier meetings.
    pub carried_over: u64,
    /// When its chair and participant links stop working, wall-clock time in the centre's
    /// zone (empty while it has not ended), and whether that has passed.
    pub links_expire_local: String,
    pub links_expired: bool,
}

fn text(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_owned()
}

impl Meeting {
    pub fn of(v: &Value) -> Meeting {
        Meeting {
            id: text(v, "id"),
            title: text(v, "title"),
            starts_at_ms: v["starts_at_ms"].as_i64().unwrap_or(0),
            ends_at_ms: v["ends_at_ms"].as_i64().unwrap_or(0),
            state: text(v, "state"),
            holiday: v["holiday"].as_str().map(str::to_owned),
            holiday_names: v["holiday_names"].clone(),
            chair_link: text(v, "chair_link"),
            participant_link: text(v, "participant_link"),
            time_zone: text(v, "time_zone"),
            starts_local: text(v, "starts_local"),
            ends_local: text(v, "ends_local"),
            utc_offset: text(v, "utc_offset"),
            carried_over: v["carried_over"].as_u64().unwrap_or(0),
            links_expire_local: text(v, "links_expire_local"),
            links_expired: v["links_expired"].as_bool().unwrap_or(false),
        }
    }

    /// Its links still open it (not cancelled, not expired): they can be replaced.
    pub fn links_work(&self) -> bool {
        self.state != "cancelled" && !self.links_expired
    }

    /// Date and times in the centre's zone, the zone named:
    /// `8.12.2026 13.00–14.00 (Europe/Helsinki, UTC+2)`.
    pub fn when(&self, lang: Lang) -> String {
        let (d1, t1) = local_parts(&self.starts_local, lang);
        let (d2, t2) = local_parts(&self.ends_local, lang);
        let end = if d1 == d2 { t2 } else { format!("{d2} {t2}") };
        format!(
            "{d1} {t1}–{end} ({})",
            zone_name(&self.time_zone, &self.utc_offset)
        )
    }

    /// Every meeting in an API answer `{"meetings": [...]}`.
    pub fn list(v: &Value) -> Vec<Meeting> {
        v["meetings"]
            .as_array()
            .map_or(Vec::new(), |a| a.iter().map(Meeting::of).collect())
    }

    /// Not started, not cancelled: can still be moved or cancelled.
    pub fn is_open(&self) -> bool {
        self.state == "open"
    }

    /// The state in words.
    pub fn state_name(&self, t: &'static Texts) -> &'static str {
        match self.state.as_str() {
            "running" => t.phase_running,
            "ended" => t.phase_ended,
            "cancelled" => t.state_cancelled,
            _ => t.state_open,
        }
    }
}

/// Insertion sort (stable): the lists are short, and it is far smaller in WebAssembly than the
/// standard library's sorts.
fn sort<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Upcoming (running, or not yet over; earliest first) and past (latest first) meetings.
pub fn split_meetings(mut all: Vec<Meeting>, now_ms: i64) -> (Vec<Meeting>, Vec<Meeting>) {
    sort(&mut all, |a, b| a.starts_at_ms < b.starts_at_ms);
    let (upcoming, mut past): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|m| m.state == "running" || (m.state != "ended" && m.ends_at_ms >= now_ms));
    past.reverse();
    (upcoming, past)
}

/// The weekdays the schedule accepts, in order.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub fn weekday_name(t: &'static Texts, day: &str) -> &'static str {
    match day {
        "monday" => t.mon,
        "tuesday" => t.tue,
        "wednesday" => t.wed,
        "thursday" => t.thu,
        "friday" => t.fri,
        "saturday" => t.sat,
        _ => t.sun,
    }
}

pub fn week_name(t: &'static Texts, week: i8) -> &'static str {
    match week {
        1 => t.week_1,
        2 => t.week_2,
        3 => t.week_3,
        4 => t.week_4,
        _ => t.week_last,
    }
}

/// What is wrong with a draft, as one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Name,
    Id,
    NoServices,
    ServiceNames,
    Time,
    Numbers,
}

impl Problem {
    pub fn text(self, t: &'static Texts) -> &'static str {
        match self {
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
        }
    }
}

/// The editor's fields as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    pub services: Vec<Service>,
    pub allowlist: String,
    pub has_schedule: bool,
    pub week: i8,
    pub weekday: String,
    pub start: String,
    pub duration: String,
    pub ahead: String,
}

impl Draft {
    /// A new centre: Helsinki time, the default catalogue, second Tuesday 13:00–14:00.
    pub fn new() -> Draft {
        Draft {
            id: String::new(),
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
        }
    }

    /// The draft of a centre as the API gives it.
    pub fn of(c: &Value) -> Draft {
        let s = &c["schedule"];
        let d = Draft::new();
        let num = |k: &str, dflt: String| s[k].as_u64().map_or(dflt, |n| n.to_string());
        Draft {
            id: text(c, "id"),
            name: text(c, "name"),
            time_zone: text(c, "time_zone"),
            services: c["services"].as_array().map_or(Vec::new(), |a| {
                a.iter()
                    .map(|s| Service {
                        id: ServiceId::from(text(s, "id").as_str()),
                        name_fi: text(s, "name_fi"),
                        name_sv: text(s, "name_sv"),
                        name_en: text(s, "name_en"),
                        required: s["required"].as_bool().unwrap_or(false),
                    })
                    .collect()
            }),
            allowlist: c["allowlist"]
                .as_array()
                .map_or(Vec::new(), |a| a.iter().filter_map(Value::as_str).collect())
                .join("\n"),
            has_schedule: s.is_object(),
            week: s["week"].as_i64().map_or(d.week, |w| w as i8),
            weekday: s["weekday"].as_str().map_or(d.weekday, str::to_owned),
            start: s["start"].as_str().map_or(d.start, str::to_owned),
            duration: num("duration_min", d.duration),
            ahead: num("ahead", d.ahead),
        }
    }

    /// The JSON body for `POST /api/centres` (`create`) or `PATCH /api/centres/{id}`. New
    /// services get an id made from their name.
    pub fn body(&self, create: bool) -> Result<Value, Problem> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Problem::Name);
        }
        if create && !valid_id(&self.id) {
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
            let start = self.start.trim();
            let ok_time = start.len() == 5
                && start.as_bytes()[2] == b':'
                && matches!(start[..2].parse::<u8>(), Ok(0..=23))
                && matches!(start[3..].parse::<u8>(), Ok(0..=59));
            if !ok_time {
                return Err(Problem::Time);
            }
            let duration = self
                .duration
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|d| (10..=240).contains(d));
            let ahead = self
                .ahead
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|a| (1..=12).contains(a));
            let (Some(duration_min), Some(ahead)) = (duration, ahead) else {
                return Err(Problem::Numbers);
            };
            json!({
                "week": self.week,
                "weekday": self.weekday,
                "start": start,
                "duration_min": duration_min,
                "ahead": ahead,
            })
        } else {
            Value::Null
        };
        let mut body = json!({
            "name": name,
            "time_zone": self.time_zone.trim(),
            "services": services.iter().map(|s| json!({
                "id": s.id.as_str(),
                "name_fi": s.name_fi,
                "name_sv": s.name_sv,
                "name_en": s.name_en,
                "required": s.required,
            })).collect::<Vec<_>>(),
            "allowlist": allowlist(&self.allowlist),
            "schedule": schedule,
        });
        if create {
            body["id"] = self.id.trim().into();
        }
        Ok(body)
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft::new()
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

/// `8.12.2026` and `13.00` (`13:00` in English) from a wall-clock time `2026-12-08T13:00`.
pub fn local_parts(local: &str, lang: Lang) -> (String, String) {
    let Some(minute) = local_minute(local) else {
        return (local.to_owned(), String::new());
    };
    let n = |r: std::ops::Range<usize>| minute[r].trim_start_matches('0').to_owned();
    let sep = if lang == Lang::En { ":" } else { "." };
    (
        format!("{}.{}.{}", n(8..10), n(5..7), &minute[..4]),
        format!("{}{sep}{}", &minute[11..13], &minute[14..16]),
    )
}

/// A zone as shown beside a time: `Europe/Helsinki, UTC+2` (`UTC+5:30`, `UTC−4`).
pub fn zone_name(tz: &str, offset: &str) -> String {
    let utc = match offset.as_bytes() {
        [s @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let sign = if *s == b'-' { '−' } else { '+' };
            let h = format!("{}{}", *h1 as char, *h2 as char);
            let h = h.trim_start_matches('0');
            let h = if h.is_empty() { "0" } else { h };
            if (m1, m2) == (&b'0', &b'0') {
                if h == "0" {
                    "UTC".to_owned()
                } else {
                    format!("UTC{sign}{h}")
                }
            } else {
                format!("UTC{sign}{h}:{}{}", *m1 as char, *m2 as char)
            }
        }
        _ => String::new(),
    };
    match (tz.is_empty(), utc.is_empty()) {
        (false, false) => format!("{tz}, {utc}"),
        (false, true) => tz.to_owned(),
        _ => utc,
    }
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

/// A `datetime-local` value (`2026-12-08T13:00`, seconds allowed) cut to the minute, or
/// `None` if it is not a full date and time. The server reads it in the centre's zone.
pub fn local_minute(local: &str) -> Option<String> {
    let b = local.as_bytes();
    let ok = b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    ok.then(|| local[..16].to_owned())
}

/// `13.10.` from `2026-10-13`.
pub fn short_date(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(m), Some(d)) => format!(
            "{}.{}.",
            d.trim_start_matches('0'),
            m.trim_start_matches('0')
        ),
        _ => iso.to_owned(),
    }
}

/// A decimal number the Finnish/Swedish way (`4,5`) or the English way.
pub fn decimal(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

fn percent(x: f64) -> String {
    format!("{} %", (x * 100.0).round() as i64)
}

/// A chart label cut to `max` characters (the chart's label column is fixed).
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// The key figures of a period report: label and value.
pub fn key_figures(r: &Value, lang: Lang) -> Vec<(&'static str, String)> {
    let t = texts(lang);
    let n = |k: &str| r[k].as_u64().unwrap_or(0).to_string();
    let items: u64 = r["items_by_kind"]
        .as_object()
        .map_or(0, |o| o.values().filter_map(Value::as_u64).sum());
    let opt = |k: &str, f: &dyn Fn(f64) -> String| r[k].as_f64().map_or("–".into(), f);
    vec![
        (t.meetings_held, n("meetings_held")),
        (t.items_handled, items.to_string()),
        (
            t.avg_min,
            opt("average_min_per_item", &|x| decimal(lang, x)),
        ),
        (
            t.all_required_share,
            opt("all_required_present_share", &percent),
        ),
        (t.follow_ups, n("follow_ups")),
        (t.deferred, n("deferred")),
    ]
}

/// The charts of a period report: a caption (or key) and the SVG for each. Empty when no
/// meetings were held.
pub fn report_charts(r: &Value, lang: Lang) -> Vec<(Option<&'static str>, String)> {
    let t = texts(lang);
    let empty = Vec::new();
    let meetings = r["meetings"].as_array().unwrap_or(&empty);
    let attendance = r["attendance"].as_array().unwrap_or(&empty);
    if meetings.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();

    // Attendance over time: one column per meeting (the centre's short name when several).
    let several = meetings
        .iter()
        .any(|m| m["centre_id"] != meetings[0]["centre_id"]);
    let labels: Vec<String> = meetings
        .iter()
        .map(|m| {
            let d = short_date(m["date"].as_str().unwrap_or(""));
            if several {
                let c: String = m["centre_name"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .take(12)
                    .collect();
                format!("{d} {c}")
            } else {
                d
            }
        })
        .collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let rows: Vec<(String, bool, Vec<u32>)> = attendance
        .iter()
        .map(|a| {
            let id = a["service"].as_str().unwrap_or("");
            let people = meetings
                .iter()
                .map(|m| m["people_by_service"][id].as_u64().unwrap_or(0) as u32)
                .collect();
            (
                cut(a["name"].as_str().unwrap_or(id), 38),
                a["required"].as_bool().unwrap_or(false),
                people,
            )
        })
        .collect();
    if !rows.is_empty() {
        out.push((
            Some(t.chart_attendance_key),
            attendance_grid(
                t.chart_attendance,
                &label_refs,
                &rows
                    .iter()
                    .map(|(n, r, p)| (n.as_str(), *r, p.clone()))
                    .collect::<Vec<_>>(),
            ),
        ));
        let names: Vec<String> = attendance
            .iter()
            .map(|a| cut(a["name"].as_str().unwrap_or(""), 32))
            .collect();
        let rate: Vec<Bar> = attendance
            .iter()
            .zip(&names)
            .map(|(a, label)| {
                let x = a["rate"].as_f64().unwrap_or(0.0);
                Bar {
                    label,
                    value: x,
                    shown: percent(x),
                }
            })
            .collect();
        out.push((None, bars(t.chart_rate, &rate)));
    }

    // Themes, most frequent first.
    let mut themes: Vec<(&'static str, u64)> = r["themes"]
        .as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| {
                    let theme: Theme = serde_json::from_value(Value::String(k.clone())).ok()?;
                    Some((theme_name(lang, theme), v.as_u64()?))
                })
                .collect()
        })
        .unwrap_or_default();
    sort(&mut themes, |a, b| a.1 > b.1);
    if !themes.is_empty() {
        let rows: Vec<Bar> = themes
            .iter()
            .map(|(label, n)| Bar {
                label,
                value: *n as f64,
                shown: n.to_string(),
            })
            .collect();
        out.push((None, bars(t.chart_themes, &rows)));
    }

    let kinds: Vec<Bar> = [
        ("client_case", ItemKind::ClientCase),
        ("phenomenon", ItemKind::Phenomenon),
        ("regional_matter", ItemKind::RegionalMatter),
    ]
    .into_iter()
    .map(|(key, kind)| {
        let n = r["items_by_kind"][key].as_u64().unwrap_or(0);
        Bar {
            label: kind_name(lang, kind),
            value: n as f64,
            shown: n.to_string(),
        }
    })
    .collect();
    out.push((None, bars(t.chart_kinds, &kinds)));

    let buckets = r["time_per_item"].as_array().unwrap_or(&empty);
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| format!("{} {}", b["label"].as_str().unwrap_or(""), t.minutes_short))
        .collect();
    let time: Vec<Bar> = buckets
        .iter()
        .zip(&labels)
        .map(|(b, label)| {
            let n = b["count"].as_u64().unwrap_or(0);
            Bar {
                label,
                value: n as f64,
                shown: n.to_string(),
            }
        })
        .collect();
    if !time.is_empty() {
        out.push((None, bars(t.chart_time, &time)));
    }
    out
}

/// Gives an SVG its natural width in pixels (from its viewBox), so it keeps a readable text
/// size and scrolls sideways on narrow screens instead of shrinking.
pub fn natural_width(svg: &str) -> String {
    let width = svg
        .split_once("viewBox=\"0 0 ")
        .and_then(|(_, rest)| rest.split_once(' '))
        .map(|(w, _)| w.to_owned());
    match width {
        Some(w) => svg.replacen("<svg ", &format!("<svg width=\"{w}\" "), 1),
        None => svg.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// HTML of the coordinator's forms and lists. Written as text (every value escaped) and put in
// place with `inner_html`; the page handles their buttons and forms with one delegated handler
// each (`data-act`, `data-form`). Far smaller in WebAssembly than a reactive view per field,
// which keeps the whole app within its size budget. `mem` gives what the user has typed into a
// field (by id) since it was drawn, so a redraw (e.g. a language switch) keeps it.

/// Escapes text for HTML (the project's one escaper).
pub use shared::html::escape as esc;

/// What has been typed into fields since they were drawn, by element id.
pub type Mem<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A labelled input with an optional hint.
fn input(mem: Mem, id: &str, label: &str, kind: &str, value: &str, hint: Option<&str>) -> String {
    input_field(mem, id, label, kind, value, hint, false)
}

/// A labelled input; a required one has a visible asterisk (the form says what it means) and
/// `aria-required`.
fn input_field(
    mem: Mem,
    id: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: Option<&str>,
    required: bool,
) -> String {
    let value = mem(id).unwrap_or_else(|| value.to_owned());
    let (star, req) = if required {
        (
            r#" <span class="req" aria-hidden="true">*</span>"#,
            r#" required aria-required="true""#,
        )
    } else {
        ("", "")
    };
    let (described, hint) = match hint {
        Some(h) => (
            format!(r#" aria-describedby="{id}-hint""#),
            format!(r#"<p class="hint" id="{id}-hint">{}</p>"#, esc(h)),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        r#"<div class="field"><label for="{id}">{}{star}</label><input id="{id}" type="{kind}" value="{}"{req}{described}>{hint}</div>"#,
        esc(label),
        esc(&value)
    )
}

/// A labelled select; `options` are (value, text).
fn select(mem: Mem, id: &str, label: &str, options: &[(String, String)], chosen: &str) -> String {
    let chosen = mem(id).unwrap_or_else(|| chosen.to_owned());
    let mut out = format!(
        r#"<div class="field"><label for="{id}">{}</label><select id="{id}">"#,
        esc(label)
    );
    for (v, text) in options {
        let sel = if *v == chosen { " selected" } else { "" };
        out += &format!(r#"<option value="{}"{sel}>{}</option>"#, esc(v), esc(text));
    }
    out + "</select></div>"
}

fn checked(mem: Mem, id: &str, default: bool) -> &'static str {
    if mem(id).map_or(default, |v| v == "1") {
        " checked"
    } else {
        ""
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

/// The centre editor (`create` for a new centre).
pub fn centre_form_html(d: &Draft, t: &'static Texts, create: bool, mem: Mem) -> String {
    let mut h = format!(
        r#"<form class="centre-form" data-form="centre" novalidate aria-labelledby="ce-h"><h2 id="ce-h" tabindex="-1">{}</h2>"#,
        esc(if create {
            t.new_centre
        } else {
            t.centre_settings
        })
    );
    h += &format!(
        r#"<p class="hint"><span class="req" aria-hidden="true">*</span> {}</p>"#,
        esc(t.required_note)
    );
    h += &input_field(mem, "ce-name", t.centre_name, "text", &d.name, None, true);
    if create {
        // Made from the name as it is typed (components::coordinator::on_input) until edited.
        h += &input_field(
            mem,
            "ce-id",
            t.centre_id,
            "text",
            &d.id,
            Some(t.centre_id_hint),
            true,
        );
    }
    h += &input(
        mem,
        "ce-tz",
        t.time_zone,
        "text",
        &d.time_zone,
        Some(t.time_zone_hint),
    );
    h += &format!(
        r#"<fieldset><legend>{cat}</legend><p class="hint" id="ce-cat-hint">{}</p><div class="table-wrap" role="region" tabindex="0" aria-label="{cat}"><table class="services-table" aria-describedby="ce-cat-hint"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col"><span class="visually-hidden">{}</span></th></tr></thead><tbody>"#,
        esc(t.catalogue_hint),
        esc(t.name_fi),
        esc(t.name_sv),
        esc(t.name_en),
        esc(t.required_col),
        esc(t.remove),
        cat = esc(t.catalogue)
    );
    for (i, s) in d.services.iter().enumerate() {
        let who = service_label(
            t,
            i,
            &mem(&format!("ce-fi-{i}")).unwrap_or_else(|| s.name_fi.clone()),
        );
        h += "<tr>";
        for (col, lang, v) in [
            (t.name_fi, "fi", &s.name_fi),
            (t.name_sv, "sv", &s.name_sv),
            (t.name_en, "en", &s.name_en),
        ] {
            let id = format!("ce-{lang}-{i}");
            h += &format!(
                r#"<td><input type="text" id="{id}" lang="{lang}" maxlength="120" aria-label="{}: {}" value="{}"></td>"#,
                esc(col),
                esc(&who),
                esc(&mem(&id).unwrap_or_else(|| v.clone()))
            );
        }
        let req = format!("ce-req-{i}");
        h += &format!(
            r#"<td class="center"><input type="checkbox" class="big-check" id="{req}" aria-label="{}: {w}"{}></td><td><button type="button" class="small danger" id="ce-rm-{i}" data-act="rm-service" data-i="{i}" aria-label="{}: {w}">{}</button></td></tr>"#,
            esc(t.required_col),
            checked(mem, &req, s.required),
            esc(t.remove),
            esc(t.remove),
            w = esc(&who)
        );
    }
    let allow = mem("ce-allow").unwrap_or_else(|| d.allowlist.clone());
    h += &format!(
        r#"</tbody></table></div><button type="button" id="ce-add-service" class="secondary" data-act="add-service">+ {}</button></fieldset><div class="field"><label for="ce-allow">{}</label><textarea id="ce-allow" rows="4" aria-describedby="ce-allow-hint">{}</textarea><p class="hint" id="ce-allow-hint">{}</p></div><fieldset class="sched"><legend>{}</legend><label class="check"><input type="checkbox" id="ce-sched"{}>{}</label><div class="schedule-grid">"#,
        esc(t.add_service),
        esc(t.allowlist),
        esc(&allow),
        esc(t.allowlist_hint),
        esc(t.schedule),
        checked(mem, "ce-sched", d.has_schedule),
        esc(t.schedule_on)
    );
    let weeks: Vec<(String, String)> = [1i8, 2, 3, 4, -1]
        .iter()
        .map(|w| (w.to_string(), week_name(t, *w).to_owned()))
        .collect();
    h += &select(mem, "ce-week", t.week_field, &weeks, &d.week.to_string());
    let days: Vec<(String, String)> = WEEKDAYS
        .iter()
        .map(|w| (w.to_string(), weekday_name(t, w).to_owned()))
        .collect();
    h += &select(mem, "ce-weekday", t.weekday_field, &days, &d.weekday);
    h += &input(mem, "ce-start", t.start_time, "time", &d.start, None);
    h += &input(
        mem,
        "ce-duration",
        t.duration_field,
        "number",
        &d.duration,
        None,
    );
    h += &input(
        mem,
        "ce-ahead",
        t.ahead_field,
        "number",
        &d.ahead,
        Some(t.ahead_hint),
    );
    h + &format!(
        r#"</div></fieldset><div id="ce-note"></div><button type="submit" class="primary">{}</button></form>"#,
        esc(t.save)
    )
}

/// A read-only link with a Copy button (and an Open link).
pub fn link_row(t: &'static Texts, label: &str, link: &str, id: &str, open: bool) -> String {
    let open = if open {
        format!(
            r#"<a href="{}" target="_blank" rel="noopener" aria-label="{}: {}">{}</a>"#,
            esc(link),
            esc(t.open),
            esc(label),
            esc(t.open)
        )
    } else {
        String::new()
    };
    format!(
        r#"<div class="link-row"><label for="{id}">{}</label><input id="{id}" type="text" readonly data-select value="{}"><button type="button" class="secondary" data-act="copy" data-src="{id}">{}</button>{open}</div>"#,
        esc(label),
        esc(link),
        esc(t.copy)
    )
}

/// The centre's calendar feed address with its Copy button and how to use it, and a button
/// to replace the address (asks first: calendars subscribed to the old one stop updating).
pub fn feed_html(t: &'static Texts, centre: &Value) -> String {
    let id = esc(centre["id"].as_str().unwrap_or(""));
    let mut h = link_row(
        t,
        t.feed_url,
        centre["feed_url"].as_str().unwrap_or(""),
        "feed-url",
        false,
    );
    h += &format!(
        r#"<p class="hint">{}</p><div class="button-row">"#,
        esc(t.feed_hint)
    );
    h += &button(
        "secondary",
        "toggle",
        r#" id="open-rk-feed" aria-controls="rk-feed" aria-expanded="false" data-target="rk-feed""#,
        t.rotate_feed,
    );
    h += &format!(
        r#"</div><div id="rk-feed" class="confirm-box" role="group" aria-label="{}" hidden><p>{}</p>"#,
        esc(t.rotate_feed),
        esc(t.rotate_feed_confirm)
    );
    h += &button(
        "danger",
        "rotate-feed",
        &format!(r#" data-centre="{id}""#),
        t.rotate_feed_yes,
    );
    h += &button("secondary", "toggle", r#" data-target="rk-feed""#, t.back);
    h + r#"</div><div id="feed-note"></div>"#
}

fn button(class: &str, act: &str, data: &str, label: &str) -> String {
    format!(
        r#"<button type="button" class="{class}" data-act="{act}"{data}>{}</button>"#,
        esc(label)
    )
}

/// One meeting: title, state in words, time in the centre's zone (named), items carried over
/// into it, holiday flag; links, move and cancel while it is open; minutes to read or download
/// once it has ended.
pub fn meeting_html(m: &Meeting, t: &'static Texts, lang: Lang, mem: Mem, new: bool) -> String {
    let id = esc(&m.id);
    let live = m.state != "ended" && m.state != "cancelled";
    let mut h = format!(
        r#"<li class="meeting-card card{}"><div class="meeting-head"><h4>{}</h4><span class="badge state-{}">{}</span></div><p class="when">{}</p>"#,
        if new { " new" } else { "" },
        esc(&m.title),
        esc(&m.state),
        esc(m.state_name(t)),
        esc(&m.when(lang))
    );
    if m.carried_over > 0 {
        h += &format!(
            r#"<p class="carried">{} <strong>{}</strong></p>"#,
            esc(t.carried_into),
            m.carried_over
        );
    }
    if let (Some(hol), true) = (&m.holiday, live) {
        h += &format!(
            r#"<p class="holiday"><strong>⚠ {}: {}.</strong> {}</p>"#,
            esc(t.holiday),
            esc(m.holiday_names[lang.code()]
                .as_str()
                .filter(|n| !n.is_empty())
                .unwrap_or(hol)),
            if m.is_open() {
                esc(t.holiday_hint)
            } else {
                String::new()
            }
        );
    }
    if live {
        h += &link_row(t, t.chair_link, &m.chair_link, &format!("chair-{id}"), true);
        h += &link_row(
            t,
            t.participant_link,
            &m.participant_link,
            &format!("part-{id}"),
            true,
        );
    }
    let toggle = |target: &str| {
        format!(
            r#" id="open-{target}" aria-controls="{target}" aria-expanded="false" data-target="{target}""#
        )
    };
    // Replacing a link names the link and the meeting (several cards have the same buttons).
    let whose = format!("{}, {}", m.title, m.when(lang));
    let rotations = [
        ("chair", "c", t.rotate_chair, t.rotate_chair_yes),
        (
            "participant",
            "p",
            t.rotate_participant,
            t.rotate_participant_yes,
        ),
    ];
    if m.is_open() || m.links_work() {
        h += r#"<div class="button-row">"#;
        if m.is_open() {
            h += &button(
                "secondary",
                "toggle",
                &toggle(&format!("mv-{id}")),
                t.move_meeting,
            );
            h += &button(
                "danger",
                "toggle",
                &toggle(&format!("cx-{id}")),
                t.cancel_meeting,
            );
        }
        if m.links_work() {
            for (_, short, label, _) in rotations {
                h += &button(
                    "secondary",
                    "toggle",
                    &format!(
                        r#"{} aria-label="{}: {}""#,
                        toggle(&format!("rk-{short}-{id}")),
                        esc(label),
                        esc(&whose)
                    ),
                    label,
                );
            }
        }
        h += "</div>";
    }
    if m.is_open() {
        h += &format!(
            r#"<form id="mv-{id}" class="move-form" data-form="move" data-id="{id}" hidden>"#
        );
        h += &input(
            mem,
            &format!("mv-{id}-at"),
            t.new_time,
            "datetime-local",
            &m.starts_local,
            Some(&format!("{} {}.", t.local_time_hint, m.time_zone)),
        );
        let minutes = ((m.ends_at_ms - m.starts_at_ms) / 60_000).to_string();
        h += &input(
            mem,
            &format!("mv-{id}-min"),
            t.duration_field,
            "number",
            &minutes,
            None,
        );
        h += &format!(
            r#"<div class="button-row"><button type="submit" class="primary">{}</button>"#,
            esc(t.save_time)
        );
        h += &button(
            "secondary",
            "toggle",
            &format!(r#" data-target="mv-{id}""#),
            t.back,
        );
        h += &format!(
            r#"</div></form><div id="cx-{id}" class="confirm-box" role="group" aria-label="{}" hidden><p>{}</p>"#,
            esc(t.cancel_meeting),
            esc(t.cancel_confirm)
        );
        h += &button(
            "danger",
            "cancel",
            &format!(r#" data-id="{id}""#),
            t.cancel_yes,
        );
        h += &button(
            "secondary",
            "toggle",
            &format!(r#" data-target="cx-{id}""#),
            t.back,
        );
        h += "</div>";
    }
    if m.links_work() {
        // Asks first: the old link stops at once, open meetings included.
        for (key, short, label, yes) in rotations {
            h += &format!(
                r#"<div id="rk-{short}-{id}" class="confirm-box" role="group" aria-label="{}: {}" hidden><p>{}</p>"#,
                esc(label),
                esc(&whose),
                esc(t.rotate_confirm)
            );
            h += &button(
                "danger",
                "rotate",
                &format!(r#" data-id="{id}" data-key="{key}""#),
                yes,
            );
            h += &button(
                "secondary",
                "toggle",
                &format!(r#" data-target="rk-{short}-{id}""#),
                t.back,
            );
            h += "</div>";
        }
    }
    if m.state == "ended" {
        if m.links_expired {
            h += &format!(r#"<p class="hint">{}</p>"#, esc(t.links_expired));
        } else if !m.links_expire_local.is_empty() {
            let (d, time) = local_parts(&m.links_expire_local, lang);
            h += &format!(
                r#"<p class="hint">{} {d} {time} ({})</p>"#,
                esc(t.links_until),
                // The zone only: its offset then may differ from the meeting's (summer time).
                esc(&m.time_zone)
            );
        }
    }
    if m.state == "ended" {
        // Read in the page (fetched with the token, shown in a sandboxed frame), or download.
        h += &format!(
            r#"<div class="button-row"><button type="button" class="secondary" id="open-min-{id}" data-act="minutes" data-id="{id}" data-lang="{}" data-title="{}" data-zone="{}" aria-controls="min-{id}" aria-expanded="false">{}</button></div><div id="min-{id}" class="minutes-view" hidden></div>"#,
            lang.code(),
            esc(&format!("{}: {} {}", t.minutes_doc, m.title, m.when(lang))),
            esc(&zone_name(&m.time_zone, &m.utc_offset)),
            esc(t.open_minutes)
        );
        h += &format!(
            r#"<div class="downloads" role="group" aria-label="{m}"><span class="group-label">{m}:</span>"#,
            m = esc(t.minutes_doc)
        );
        for f in ["md", "html", "csv", "json"] {
            let up = f.to_ascii_uppercase();
            h += &format!(
                r#"<button type="button" class="small secondary" data-act="dl" data-path="/api/meetings/{id}/summary?format={f}&amp;lang={}" data-file="muistio-{id}.{f}" data-note="note-{id}" aria-label="{} {}: {up}">{up}</button>"#,
                lang.code(),
                esc(t.download),
                // Not in brackets: the visible "MD" must be part of the name (label in name).
                esc(&t.minutes_doc.to_lowercase())
            );
        }
        h += "</div>";
    }
    h + &format!(r#"<div id="note-{id}"></div></li>"#)
}

/// Upcoming and past meetings, each list under its heading.
pub fn meetings_html(
    all: Vec<Meeting>,
    now: i64,
    t: &'static Texts,
    lang: Lang,
    mem: Mem,
    new: Option<&str>,
) -> String {
    let (upcoming, past) = split_meetings(all, now);
    let mut h = String::new();
    for (head, hid, list) in [(t.upcoming, "up-h", upcoming), (t.past, "past-h", past)] {
        h += &format!(r#"<h3 id="{hid}" class="list-h">{}</h3>"#, esc(head));
        if list.is_empty() {
            h += &format!(r#"<p class="muted">{}</p>"#, esc(t.no_meetings));
            continue;
        }
        h += &format!(r#"<ul class="meeting-list" aria-labelledby="{hid}">"#);
        for m in &list {
            h += &meeting_html(m, t, lang, mem, new == Some(m.id.as_str()));
        }
        h += "</ul>";
    }
    h
}

/// The period report form: centre (or all), dates, show / download.
pub fn report_form_html(
    t: &'static Texts,
    centres: &[(String, String)],
    centre: &str,
    from: &str,
    to: &str,
    mem: Mem,
) -> String {
    let mut options = vec![(String::new(), t.all_centres.to_owned())];
    options.extend(centres.iter().cloned());
    let mut h = format!(
        r#"<h2 id="rep-h">{}</h2><form class="report-form" data-form="report" aria-labelledby="rep-h">"#,
        esc(t.reports)
    );
    h += &select(mem, "r-centre", t.centre, &options, centre);
    h += &input(mem, "r-from", t.date_from, "date", from, None);
    h += &input(mem, "r-to", t.date_to, "date", to, None);
    h += &format!(
        r#"<div class="button-row"><button type="submit" class="primary">{}</button>"#,
        esc(t.show_charts)
    );
    h += &button("secondary", "report-dl", r#" data-f="csv""#, t.download_csv);
    h += &button(
        "secondary",
        "report-dl",
        r#" data-f="json""#,
        t.download_json,
    );
    h + r#"</div></form><div id="r-note"></div>"#
}

/// The figures and charts of a period report.
pub fn report_html(r: &Value, lang: Lang) -> String {
    let t = texts(lang);
    let mut h = String::from(r#"<dl class="figures">"#);
    for (k, v) in key_figures(r, lang) {
        h += &format!("<div><dt>{}</dt><dd>{}</dd></div>", esc(k), esc(&v));
    }
    h += "</dl>";
    let charts = report_charts(r, lang);
    if charts.is_empty() {
        h += &format!("<p>{}</p>", esc(t.no_held));
    }
    for (key, svg) in charts {
        let key = key.map_or(String::new(), |k| {
            format!(r#"<figcaption class="hint">{}</figcaption>"#, esc(k))
        });
        h += &format!(
            r#"<figure class="chart"><div class="chart-scroll">{}</div>{key}</figure>"#,
            natural_width(&svg)
        );
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, FI, SV};

    #[test]
    fn a_new_centre_gets_helsinki_time_the_catalogue_and_the_second_tuesday() {
        let mut d = Draft::new();
        d.name = " Kalasatama ".into();
        assert_eq!(d.body(true), Err(Problem::Id));
        d.id = "kalasatama".into();
        d.allowlist = "Kalasatama\n\n  HUS \nKalasatama".into();
        let b = d.body(true).unwrap();
        assert_eq!(b["id"], "kalasatama");
        assert_eq!(b["name"], "Kalasatama");
        assert_eq!(b["time_zone"], "Europe/Helsinki");
        assert_eq!(b["allowlist"], json!(["Kalasatama", "HUS"]));
        assert_eq!(
            b["schedule"],
            json!({"week": 2, "weekday": "tuesday", "start": "13:00", "duration_min": 60, "ahead": 3})
        );
        assert!(b["services"].as_array().unwrap().len() >= 5);
    }

    #[test]
    fn an_edit_sends_no_id_and_null_removes_the_schedule() {
        let c = json!({
            "id": "k", "name": "K", "time_zone": "Europe/Helsinki",
            "schedule": {"week": -1, "weekday": "friday", "start": "09:30", "duration_min": 90, "ahead": 2},
            "allowlist": ["a", "b"], "feed_url": "http://x/calendar/k/f.ics", "feed_key": "f",
            "services": [{"id": "kela", "name_fi": "Kela", "name_sv": "FPA", "name_en": "Kela", "required": true}]
        });
        let mut d = Draft::of(&c);
        assert_eq!(
            (d.week, d.weekday.as_str(), d.duration.as_str()),
            (-1, "friday", "90")
        );
        assert_eq!(d.allowlist, "a\nb");
        let b = d.body(false).unwrap();
        assert!(b.get("id").is_none());
        assert_eq!(b["schedule"]["week"], -1);
        d.has_schedule = false;
        assert_eq!(d.body(false).unwrap()["schedule"], Value::Null);
    }

    #[test]
    fn drafts_say_what_is_wrong() {
        let mut d = Draft::new();
        d.id = "x1".into();
        d.name = "N".into();
        d.start = "25:00".into();
        assert_eq!(d.body(true), Err(Problem::Time));
        d.start = "9:00".into();
        assert_eq!(d.body(true), Err(Problem::Time));
        d.start = "09:00".into();
        d.ahead = "0".into();
        assert_eq!(d.body(true), Err(Problem::Numbers));
        d.ahead = "3".into();
        d.services[0].name_sv = " ".into();
        assert_eq!(d.body(true), Err(Problem::ServiceNames));
        d.services.clear();
        assert_eq!(d.body(true), Err(Problem::NoServices));
        d.name = "".into();
        assert_eq!(d.body(true), Err(Problem::Name));
        assert_eq!(Problem::Name.text(&FI), FI.err_name);
    }

    #[test]
    fn new_services_get_unique_ids_from_their_names() {
        let mut d = Draft::new();
        d.id = "x1".into();
        d.name = "N".into();
        d.services.truncate(1);
        let first = d.services[0].id.to_string();
        for en in ["Youth services", "Youth services!"] {
            d.services.push(Service {
                id: ServiceId::from(""),
                name_fi: "Nuoriso".into(),
                name_sv: "Ungdom".into(),
                name_en: en.into(),
                required: false,
            });
        }
        let b = d.body(true).unwrap();
        let ids: Vec<&str> = b["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [first.as_str(), "youth_services", "youth_services_2"]);
        assert_eq!(slug("Äitiys- ja lastenneuvola"), "aitiys_ja_lastenneuvola");
        assert_eq!(slug("?"), "service");
        assert!(valid_id(&slug("Å ö")));
    }

    #[test]
    fn datetime_local_values_are_sent_as_wall_clock_time_in_the_centres_zone() {
        assert_eq!(
            local_minute("2026-12-08T13:00").as_deref(),
            Some("2026-12-08T13:00")
        );
        assert_eq!(
            local_minute("2026-12-08T13:00:30").as_deref(),
            Some("2026-12-08T13:00")
        );
        assert_eq!(local_minute("2026-12-08"), None);
        assert_eq!(local_minute(""), None);
    }

    #[test]
    fn times_are_shown_with_the_zone_named() {
        assert_eq!(
            local_parts("2026-12-08T09:05", Lang::Fi),
            ("8.12.2026".to_owned(), "09.05".to_owned())
        );
        assert_eq!(local_parts("2026-12-08T13:00", Lang::En).1, "13:00");
        assert_eq!(
            zone_name("Europe/Helsinki", "+02:00"),
            "Europe/Helsinki, UTC+2"
        );
        assert_eq!(
            zone_name("Europe/Helsinki", "+03:00"),
            "Europe/Helsinki, UTC+3"
        );
        assert_eq!(
            zone_name("America/New_York", "-04:00"),
            "America/New_York, UTC−4"
        );
        assert_eq!(
            zone_name("Asia/Kolkata", "+05:30"),
            "Asia/Kolkata, UTC+5:30"
        );
        assert_eq!(zone_name("UTC", "+00:00"), "UTC, UTC");
        let mut m = Meeting::of(&json!({
            "time_zone": "Europe/Helsinki", "starts_local": "2026-12-08T13:00",
            "ends_local": "2026-12-08T14:00", "utc_offset": "+02:00", "carried_over": 2
        }));
        assert_eq!(
            m.when(Lang::Fi),
            "8.12.2026 13.00–14.00 (Europe/Helsinki, UTC+2)"
        );
        assert_eq!(m.carried_over, 2);
        m.ends_local = "2026-12-09T00:30".into();
        assert_eq!(
            m.when(Lang::En),
            "8.12.2026 13:00–9.12.2026 00:30 (Europe/Helsinki, UTC+2)"
        );
    }

    #[test]
    fn a_centre_id_is_made_from_its_name() {
        assert_eq!(centre_slug("Kalasatama"), "kalasatama");
        assert_eq!(centre_slug("Itä-Pasila  THK"), "ita-pasila-thk");
        assert_eq!(centre_slug(" Åggelby – Öster "), "aggelby-oster");
        assert_eq!(centre_slug("Malmi (uusi)!"), "malmi-uusi");
        assert!(valid_id(&centre_slug(
            "Vuosaaren terveys- ja hyvinvointikeskus, itäinen"
        )));
        assert!(centre_slug(&"a".repeat(60)).len() == 40);
    }

    #[test]
    fn meetings_split_into_upcoming_and_past() {
        let m = |id: &str, start: i64, state: &str| Meeting {
            id: id.into(),
            title: id.into(),
            starts_at_ms: start,
            ends_at_ms: start + 10,
            state: state.into(),
            holiday: None,
            holiday_names: serde_json::Value::Null,
            chair_link: String::new(),
            participant_link: String::new(),
            time_zone: String::new(),
            starts_local: String::new(),
            ends_local: String::new(),
            utc_offset: String::new(),
            carried_over: 0,
            links_expire_local: String::new(),
            links_expired: false,
        };
        let all = vec![
            m("late", 300, "open"),
            m("old", 100, "ended"),
            m("now", 195, "running"),
            m("older", 50, "cancelled"),
            m("next", 200, "open"),
        ];
        let (up, past) = split_meetings(all, 199);
        let ids = |v: &[Meeting]| v.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&up), ["now", "next", "late"]);
        assert_eq!(ids(&past), ["old", "older"]);
        assert_eq!(up[0].state_name(&FI), FI.phase_running);
        assert!(up[1].is_open() && !up[0].is_open());
    }

    #[test]
    fn report_json_becomes_labelled_charts_and_figures() {
        let r = json!({
            "meetings_held": 2,
            "items_by_kind": {"client_case": 3, "phenomenon": 1},
            "themes": {"older_client": 2, "homelessness": 3},
            "average_min_per_item": 12.5,
            "all_required_present_share": 0.5,
            "follow_ups": 1, "deferred": 1,
            "time_per_item": [{"label": "0–4", "count": 1}, {"label": "20+", "count": 2}],
            "attendance": [
                {"service": "kela", "name": "Kela", "required": true, "meetings": 2, "present": 1, "rate": 0.5}
            ],
            "meetings": [
                {"date": "2026-10-13", "centre_id": "k", "centre_name": "K", "people_by_service": {"kela": 2}},
                {"date": "2026-11-10", "centre_id": "k", "centre_name": "K", "people_by_service": {"kela": 0}}
            ]
        });
        let figures = key_figures(&r, Lang::Fi);
        assert_eq!(figures[0], (FI.meetings_held, "2".into()));
        assert_eq!(figures[1].1, "4");
        assert_eq!(figures[2].1, "12,5");
        assert_eq!(figures[3].1, "50 %");
        let charts = report_charts(&r, Lang::Fi);
        assert_eq!(charts.len(), 5);
        assert!(charts[0].1.contains(">13.10.<") && charts[0].1.contains(">Kela *<"));
        assert!(charts[1].1.contains(">50 %<"));
        assert_eq!(
            cut(
                "Aikuisten kuntoutuspalvelut (fysio- ja toimintaterapia)",
                20
            ),
            "Aikuisten kuntoutus…"
        );
        // Most frequent theme first, in Finnish.
        let a = charts[2].1.find("Asunnottomuus").unwrap();
        let b = charts[2].1.find("Iäkäs asiakas").unwrap();
        assert!(a < b);
        assert!(charts[4].1.contains(">20+ min<"));
        assert!(report_charts(&json!({"meetings": []}), Lang::Fi).is_empty());
        let svg = natural_width(&charts[1].1);
        // The natural width is the viewBox's width (which follows the longest label).
        let w: String = svg["<svg width=\"".len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        assert!(
            svg.contains(&format!("viewBox=\"0 0 {w} ")),
            "{}",
            &svg[..90]
        );
    }

    #[test]
    fn drawn_html_escapes_keeps_typed_values_and_labels_every_field() {
        let none = |_: &str| None;
        let mut d = Draft::new();
        d.name = "A<b>\"".into();
        let h = centre_form_html(&d, &FI, true, &none);
        assert!(h.contains(r#"value="A&lt;b&gt;&quot;""#));
        assert!(!h.contains("A<b>"));
        for id in [
            "ce-name",
            "ce-id",
            "ce-tz",
            "ce-allow",
            "ce-week",
            "ce-weekday",
            "ce-start",
            "ce-duration",
            "ce-ahead",
        ] {
            assert!(
                h.contains(&format!(r#"<label for="{id}">"#)),
                "{id} has a label"
            );
        }
        assert!(h.contains(r#"id="ce-fi-0""#) && h.contains("aria-label=\"Nimi suomeksi: "));
        for id in ["ce-name", "ce-id"] {
            assert!(h.contains(&format!(r#"<input id="{id}" type="text" value="" required aria-required="true""#))
                || h.contains(&format!(r#"<input id="{id}" type="text" value="A&lt;b&gt;&quot;" required aria-required="true""#)), "{id} is required");
        }
        assert!(h.contains(r#"<span class="req" aria-hidden="true">*</span>"#));
        let mut d2 = d.clone();
        d2.services[1].name_fi = " ".into();
        let h2 = centre_form_html(&d2, &FI, true, &none);
        assert!(
            h2.contains(r#"aria-label="Poista: uusi palvelu 2""#),
            "an unnamed row is named by its number"
        );
        assert!(h2.contains(&format!(
            r#"aria-label="Poista: {}""#,
            d2.services[0].name_fi
        )));
        assert!(h.contains(r#"<option value="2" selected>toinen</option>"#));
        let typed = |id: &str| (id == "ce-name").then(|| "Typed".to_owned());
        assert!(centre_form_html(&d, &FI, false, &typed).contains(r#"value="Typed""#));
        assert!(!centre_form_html(&d, &FI, false, &none).contains("ce-id"));

        let m = Meeting {
            id: "m1".into(),
            title: "Kokous".into(),
            starts_at_ms: 0,
            ends_at_ms: 3_600_000,
            state: "open".into(),
            holiday: Some("Itsenäisyyspäivä".into()),
            holiday_names: serde_json::json!({"fi": "Itsenäisyyspäivä", "sv": "Självständighetsdagen", "en": "Independence Day"}),
            chair_link: "http://x/m/m1#key=a&b".into(),
            participant_link: "http://x/m/m1#key=c".into(),
            time_zone: "Europe/Helsinki".into(),
            starts_local: "2026-12-06T13:00".into(),
            ends_local: "2026-12-06T14:00".into(),
            utc_offset: "+02:00".into(),
            carried_over: 0,
            links_expire_local: String::new(),
            links_expired: false,
        };
        let h = meeting_html(&m, &FI, Lang::Fi, &none, false);
        assert!(h.contains("6.12.2026 13.00–14.00 (Europe/Helsinki, UTC+2)"));
        assert!(
            h.contains("keskuksen aikavyöhykkeellä: Europe/Helsinki.")
                || h.contains("Keskuksen aikavyöhykkeellä: Europe/Helsinki.")
        );
        assert!(!h.contains("class=\"carried\""));
        assert!(h.contains("Pyhäpäivä: Itsenäisyyspäivä") && h.contains(FI.holiday_hint));
        assert!(h.contains(">Tulossa<") && h.contains("key=a&amp;b"));
        assert!(h.contains(r#"data-form="move""#) && h.contains(r#"value="2026-12-06T13:00""#));
        assert!(h.contains(r#"aria-controls="cx-m1""#) && !h.contains("summary?format"));
        let ended = Meeting {
            state: "ended".into(),
            carried_over: 3,
            ..m
        };
        let h = meeting_html(&ended, &FI, Lang::Sv, &none, false);
        assert!(h.contains(r#"data-act="minutes""#) && h.contains(r#"aria-controls="min-m1""#));
        assert!(h.contains(r#"data-zone="Europe/Helsinki, UTC+2""#));
        assert!(h.contains("siirtyneitä asioita: <strong>3</strong>"));
        assert!(h.contains(">Päättynyt<") && !h.contains("Pyhäpäivä") && !h.contains("data-form"));
        assert!(h.contains("summary?format=csv&amp;lang=sv") && h.contains("muistio-m1.json"));
        assert!(h.contains(r#"aria-label="Lataa muistio: CSV">CSV<"#));
    }

    #[test]
    fn links_can_be_replaced_while_they_work_and_the_buttons_say_which() {
        let none = |_: &str| None;
        let m = Meeting::of(&json!({
            "id": "m1", "title": "Kokous", "state": "running",
            "chair_link": "http://x/m/m1#key=a", "participant_link": "http://x/m/m1#key=c",
            "time_zone": "Europe/Helsinki", "starts_local": "2026-12-08T13:00",
            "ends_local": "2026-12-08T14:00", "utc_offset": "+02:00",
            "links_expire_at": null, "links_expired": false
        }));
        let h = meeting_html(&m, &EN, Lang::En, &none, false);
        // Each button names the link and the meeting, and opens a confirmation first.
        let who = "Kokous, 8.12.2026 13:00–14:00 (Europe/Helsinki, UTC+2)";
        assert!(h.contains(&format!(
            r#"aria-controls="rk-c-m1" aria-expanded="false" data-target="rk-c-m1" aria-label="Replace the chair link: {who}">Replace the chair link<"#
        )));
        assert!(h.contains(&format!(
            r#"aria-label="Replace the participant link: {who}">"#
        )));
        assert!(h.contains(r#"<div id="rk-p-m1" class="confirm-box" role="group""#));
        assert!(h.contains(r#"data-act="rotate" data-id="m1" data-key="participant">Yes, replace the participant link<"#));
        assert!(h.contains(r#"data-act="rotate" data-id="m1" data-key="chair">"#));
        assert!(!h.contains("data-form=\"move\""), "running: not movable");

        // Ended: replaceable until the links expire, and the page says until when.
        let ended = Meeting::of(&json!({
            "id": "m1", "title": "Kokous", "state": "ended", "time_zone": "Europe/Helsinki",
            "links_expire_local": "2026-12-22T14:05", "links_expired": false
        }));
        let h = meeting_html(&ended, &FI, Lang::Fi, &none, false);
        assert!(h.contains(r#"data-key="chair""#));
        assert!(h.contains("Linkit toimivat asti: 22.12.2026 14.05 (Europe/Helsinki)"));
        let expired = Meeting {
            links_expired: true,
            ..ended
        };
        let h = meeting_html(&expired, &SV, Lang::Sv, &none, false);
        assert!(!h.contains("data-act=\"rotate\"") && !h.contains("rk-c-"));
        assert!(h.contains(SV.links_expired));
        let feed = feed_html(
            &FI,
            &json!({"id": "k", "feed_url": "http://x/calendar/k/f.ics"}),
        );
        assert!(feed.contains(r#"value="http://x/calendar/k/f.ics""#));
        assert!(feed.contains(r#"aria-controls="rk-feed""#) && feed.contains(FI.rotate_feed));
        assert!(feed.contains(r#"data-act="rotate-feed" data-centre="k""#));
        let cancelled = Meeting::of(&json!({"id": "m2", "state": "cancelled"}));
        assert!(!meeting_html(&cancelled, &FI, Lang::Fi, &none, false).contains("rotate"));
    }
}
