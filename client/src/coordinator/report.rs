//! A period report for the page: its key figures in words and numbers, and its charts (SVG
//! drawn by [`shared::charts`], which escapes every label). Pure, so the host tests it;
//! [`super::reports`] places them.

use super::model::sort;
use super::report_chart::{decimal, short_date, Chart};
use crate::i18n::{kind_name, missed_in_a_row, texts, theme_name, Lang};
use shared::api::{AttendanceMark, PeriodReportView, SuppressedCount};
use shared::charts::{attendance_grid, attendance_pattern, bars, Bar, PatternRow};
use shared::domain::{ItemKind, Theme};

/// The report form's choice: a centre (empty for all) and a range of local dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportQuery {
    /// The centre's id; empty for all centres.
    pub centre: String,
    /// The first day, `YYYY-MM-DD`.
    pub from: String,
    /// The last day (included).
    pub to: String,
}

impl ReportQuery {
    /// Both dates given (`YYYY-MM-DD`), the start not after the end.
    pub fn valid(&self) -> bool {
        self.from.len() == 10 && self.to.len() == 10 && self.from <= self.to
    }

    /// `/api/reports?…` for `format` (`json`, `csv`) in `lang`.
    pub fn path(&self, format: &str, lang: Lang) -> String {
        format!(
            "/api/reports?centre={}&from={}&to={}&format={format}&lang={}",
            self.centre,
            self.from,
            self.to,
            lang.code()
        )
    }

    /// The file a download is saved as: `raportti-kalasatama-2026-01-01-2026-12-31.csv`.
    pub fn file(&self, format: &str) -> String {
        let centre = if self.centre.is_empty() {
            "kaikki"
        } else {
            &self.centre
        };
        format!("raportti-{centre}-{}-{}.{format}", self.from, self.to)
    }
}

/// A share 0–1 as whole percent: `50 %`.
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
pub fn key_figures(r: &PeriodReportView, lang: Lang) -> Vec<(&'static str, String)> {
    let t = texts(lang);
    let opt = |x: Option<f64>, f: &dyn Fn(f64) -> String| x.map_or("–".into(), f);
    vec![
        (t.meetings_held, r.meetings_held.to_string()),
        (t.items_handled, r.items().to_string()),
        (
            t.avg_min,
            opt(r.average_min_per_item, &|x| decimal(lang, x)),
        ),
        (
            t.all_required_share,
            opt(r.all_required_present_share, &percent),
        ),
        (t.follow_ups, r.follow_ups.to_string()),
        (t.deferred, r.deferred.to_string()),
    ]
}

/// The charts of a period report. Empty when no meetings were held.
pub fn report_charts(r: &PeriodReportView, lang: Lang) -> Vec<Chart> {
    let t = texts(lang);
    if r.meetings.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let chart = |svg: String| Chart { svg, caption: None };

    // Attendance over time: one column per meeting (the centre's short name when several).
    let several = r
        .meetings
        .iter()
        .any(|m| m.centre_id != r.meetings[0].centre_id);
    let labels: Vec<String> = r
        .meetings
        .iter()
        .map(|m| {
            let d = short_date(&m.date);
            if several {
                let c: String = m.centre_name.chars().take(12).collect();
                format!("{d} {c}")
            } else {
                d
            }
        })
        .collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let rows: Vec<(String, bool, Vec<u32>)> = r
        .attendance
        .iter()
        .map(|a| {
            let people = r
                .meetings
                .iter()
                .map(|m| m.people_by_service.get(&a.service).copied().unwrap_or(0))
                .collect();
            (cut(&a.name, 38), a.required, people)
        })
        .collect();
    if !rows.is_empty() {
        out.push(Chart {
            svg: attendance_grid(
                t.chart_attendance,
                &label_refs,
                &rows
                    .iter()
                    .map(|(n, r, p)| (n.as_str(), *r, p.clone()))
                    .collect::<Vec<_>>(),
            ),
            caption: Some(t.chart_attendance_key),
        });
        let names: Vec<String> = r.attendance.iter().map(|a| cut(&a.name, 32)).collect();
        let rate: Vec<Bar> = r
            .attendance
            .iter()
            .zip(&names)
            .map(|(a, label)| Bar {
                label,
                value: a.rate,
                shown: percent(a.rate),
            })
            .collect();
        out.push(chart(bars(t.chart_rate, &rate)));
    }
    out.extend(pattern_charts(r, lang));

    // Themes, most frequent first; a suppressed count draws no bar and reads "< 3".
    let mut themes: Vec<(&'static str, SuppressedCount)> = r
        .themes
        .iter()
        .filter_map(|(k, n)| {
            let theme: Theme = serde_json::from_value(serde_json::Value::String(k.clone())).ok()?;
            Some((theme_name(lang, theme), *n))
        })
        .collect();
    sort(&mut themes, |a, b| bar_value(a.1) > bar_value(b.1));
    if !themes.is_empty() {
        let rows: Vec<Bar> = themes
            .iter()
            .map(|(label, n)| Bar {
                label,
                value: bar_value(*n),
                shown: n.to_string(),
            })
            .collect();
        out.push(chart(bars(t.chart_themes, &rows)));
    }

    let kinds: Vec<Bar> = [
        ("client_case", ItemKind::ClientCase),
        ("phenomenon", ItemKind::Phenomenon),
        ("regional_matter", ItemKind::RegionalMatter),
    ]
    .into_iter()
    .map(|(key, kind)| {
        let n = r.items_of(key);
        Bar {
            label: kind_name(lang, kind),
            value: bar_value(n),
            shown: n.to_string(),
        }
    })
    .collect();
    out.push(chart(bars(t.chart_kinds, &kinds)));

    let labels: Vec<String> = r
        .time_per_item
        .iter()
        .map(|b| format!("{} {}", b.label, t.minutes_short))
        .collect();
    let time: Vec<Bar> = r
        .time_per_item
        .iter()
        .zip(&labels)
        .map(|(b, label)| Bar {
            label,
            value: bar_value(b.count),
            shown: b.count.to_string(),
        })
        .collect();
    if !time.is_empty() {
        out.push(chart(bars(t.chart_time, &time)));
    }
    out.extend(super::report_feedback::charts(r, lang));
    out
}

/// A count's bar length: its value, or none for a suppressed count (the label says `< 3`).
fn bar_value(n: SuppressedCount) -> f64 {
    n.exact().map_or(0.0, f64::from)
}

/// The attendance pattern of each centre (issue 12): its required services over its last six
/// meetings of the range, the mark and its words for those that keep missing.
fn pattern_charts(r: &PeriodReportView, lang: Lang) -> Vec<Chart> {
    let t = texts(lang);
    let several = r.attendance_pattern.len() > 1;
    r.attendance_pattern
        .iter()
        .filter(|a| !a.meetings.is_empty())
        .map(|a| {
            let dates: Vec<String> = a.meetings.iter().map(|d| short_date(d)).collect();
            let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
            let names: Vec<String> = a.services.iter().map(|s| cut(s.name(lang), 38)).collect();
            let rows: Vec<PatternRow> = a
                .services
                .iter()
                .zip(&names)
                .map(|(s, label)| PatternRow {
                    label,
                    marks: s
                        .marks
                        .iter()
                        .map(|m| match m {
                            AttendanceMark::Present => Some(true),
                            AttendanceMark::Missed => Some(false),
                            AttendanceMark::NotListed => None,
                        })
                        .collect(),
                    shown: s.count(),
                    flag: s
                        .missed_three_in_a_row
                        .then(|| missed_in_a_row(lang, s.missed_in_a_row)),
                })
                .collect();
            let title = if several {
                format!("{} – {}", t.chart_attendance_pattern, a.centre_name)
            } else {
                t.chart_attendance_pattern.to_owned()
            };
            Chart {
                svg: attendance_pattern(&title, &dates, &rows),
                caption: Some(t.attendance_key),
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{FI, SV};
    use serde_json::json;

    fn report(meetings: serde_json::Value) -> PeriodReportView {
        serde_json::from_value(json!({
            "centre": "k", "range": {"from": "2026-01-01", "to": "2026-12-31"},
            "meetings_held": 2, "items_handled": 4,
            "items_by_kind": {"client_case": 3, "phenomenon": "< 3"},
            "themes": {"older_client": "< 3", "homelessness": 3},
            "outcomes_recorded": 4, "withdrawn": 0, "items_timed": 4,
            "average_min_per_item": 12.5,
            "all_required_present_share": 0.5,
            "follow_ups": "< 3", "deferred": "< 3",
            "time_per_item": [{"label": "0–4", "count": "< 3"}, {"label": "20+", "count": "< 3"}],
            "attendance": [
                {"service": "kela", "name": "Kela", "required": true, "meetings": 2, "present": 1, "rate": 0.5}
            ],
            "rejected_identifiers": {},
            "meetings": meetings
        }))
        .unwrap()
    }

    fn line(date: &str, kela: u32) -> serde_json::Value {
        json!({"meeting_id": "m", "date": date, "centre_id": "k", "centre_name": "K",
            "used_min": 40, "items": 2, "deferred": 0, "follow_ups": 0,
            "all_required_present": true, "rejected": 0, "people_by_service": {"kela": kela}})
    }

    #[test]
    fn report_json_becomes_labelled_charts_and_figures() {
        let r = report(json!([line("2026-10-13", 2), line("2026-11-10", 0)]));
        let figures = key_figures(&r, Lang::Fi);
        assert_eq!(figures[0], (FI.meetings_held, "2".into()));
        assert_eq!(figures[1].1, "4");
        assert_eq!(figures[2].1, "12,5");
        assert_eq!(figures[3].1, "50 %");
        assert_eq!(figures[4].1, "< 3", "a suppressed count reads < 3");
        let charts = report_charts(&r, Lang::Fi);
        assert_eq!(charts.len(), 5);
        assert!(charts[0].svg.contains(">13.10.<") && charts[0].svg.contains(">Kela *<"));
        assert_eq!(charts[0].caption, Some(FI.chart_attendance_key));
        assert!(charts[1].svg.contains(">50 %<"));
        assert_eq!(
            cut(
                "Aikuisten kuntoutuspalvelut (fysio- ja toimintaterapia)",
                20
            ),
            "Aikuisten kuntoutus…"
        );
        // Most frequent theme first, in Finnish.
        let a = charts[2].svg.find("Asunnottomuus").unwrap();
        let b = charts[2].svg.find("Iäkäs asiakas").unwrap();
        assert!(a < b);
        assert!(charts[2].svg.contains(">&lt; 3<"), "{}", charts[2].svg);
        assert!(charts[4].svg.contains(">20+ min<"));
        assert!(report_charts(&report(json!([])), Lang::Fi).is_empty());
        let svg = natural_width(&charts[1].svg);
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
    fn the_attendance_pattern_becomes_a_chart_with_the_mark_in_words() {
        let mut r = report(json!([line("2026-10-13", 2), line("2026-11-10", 0)]));
        r.attendance_pattern = vec![serde_json::from_value(json!({
            "centre_id": "k", "centre_name": "K", "window": 6,
            "meetings": ["2026-09-08", "2026-10-13", "2026-11-10"],
            "services": [{
                "service": "oral_health", "name_fi": "Suun terveydenhuolto",
                "name_sv": "Mun- och tandvård", "name_en": "Oral health care",
                "marks": ["missed", "missed", "missed"], "present": 0, "expected": 3,
                "missed_in_a_row": 3, "missed_three_in_a_row": true
            }]
        }))
        .unwrap()];
        let charts = report_charts(&r, Lang::Sv);
        assert_eq!(charts.len(), 6);
        let pattern = &charts[2];
        assert!(pattern.svg.contains(SV.chart_attendance_pattern));
        assert!(pattern.svg.contains(">Mun- och tandvård<") && pattern.svg.contains(">0/3<"));
        assert!(pattern.svg.contains(">⚠ Frånvarande 3 gånger i rad<"));
        assert!(pattern.svg.contains(">8.9.<"));
        assert_eq!(pattern.caption, Some(SV.attendance_key));
    }

    #[test]
    fn a_report_is_asked_for_with_its_range_and_saved_under_a_name() {
        let mut q = ReportQuery {
            centre: String::new(),
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
        };
        assert!(q.valid());
        assert_eq!(
            q.path("csv", Lang::Sv),
            "/api/reports?centre=&from=2026-01-01&to=2026-12-31&format=csv&lang=sv"
        );
        assert_eq!(q.file("json"), "raportti-kaikki-2026-01-01-2026-12-31.json");
        q.centre = "kalasatama".into();
        assert_eq!(
            q.file("csv"),
            "raportti-kalasatama-2026-01-01-2026-12-31.csv"
        );
        q.to = "2025-12-31".into();
        assert!(!q.valid());
        q.to = String::new();
        assert!(!q.valid());
    }
}
