//! The feedback part of a period report (issue 13) as charts for the coordinator's page: the
//! period's mean per scale, and each scale's mean meeting by meeting over time (one chart per
//! scale, the statement as its title, what the bars are in its key). Only meetings
//! with at least five answers are in the report at all (the server leaves the others out), and
//! the chart's key says so. SVG drawn by [`shared::charts::bars`], which escapes every label;
//! pure, so the host tests it. The report's charts (`report::report_charts`) end with these.

use super::report_chart::{decimal, short_date, Chart};
use crate::i18n::{feedback::texts, Lang};
use shared::api::feedback::FeedbackQuestion;
use shared::api::PeriodReportView;
use shared::charts::{bars, Bar};

/// A scale's statement in `lang`.
fn scale_name(lang: Lang, q: FeedbackQuestion) -> &'static str {
    let [fi, sv, en] = q.names();
    lang.t(fi, sv, en)
}

/// The feedback charts; none when no meeting of the period had enough answers.
pub fn charts(r: &PeriodReportView, lang: Lang) -> Vec<Chart> {
    let f = &r.feedback;
    if f.meetings.is_empty() {
        return Vec::new();
    }
    let t = texts(lang);
    let mut out = Vec::new();
    let title = format!(
        "{} ({} {}, {} {})",
        t.report_title,
        f.answers,
        t.report_answers,
        f.meetings.len(),
        t.report_meetings
    );
    let overall: Vec<Bar> = f
        .scales
        .iter()
        .map(|s| Bar {
            label: scale_name(lang, s.question),
            value: s.mean.unwrap_or(0.0),
            shown: s.mean.map_or("–".into(), |m| decimal(lang, m)),
        })
        .collect();
    out.push(Chart {
        svg: bars(&title, &overall),
        caption: Some(t.report_rule),
    });
    for q in FeedbackQuestion::ALL {
        let labels: Vec<String> = f
            .meetings
            .iter()
            .map(|m| {
                format!(
                    "{} ({} {})",
                    short_date(&m.date),
                    m.answers,
                    t.report_answers
                )
            })
            .collect();
        let rows: Vec<Bar> = f
            .meetings
            .iter()
            .zip(&labels)
            .map(|(m, label)| {
                let mean = m.means.get(&q).copied();
                Bar {
                    label,
                    value: mean.unwrap_or(0.0),
                    shown: mean.map_or("–".into(), |x| decimal(lang, x)),
                }
            })
            .collect();
        // The statement alone as the title (a longer one would not fit the chart's width);
        // the key says what the bars are.
        out.push(Chart {
            svg: bars(scale_name(lang, q), &rows),
            caption: Some(t.report_over_time),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(feedback: serde_json::Value) -> PeriodReportView {
        serde_json::from_value(json!({
            "centre": "k", "range": {"from": "2026-01-01", "to": "2026-12-31"},
            "meetings_held": 2, "items_by_kind": {}, "themes": {},
            "outcomes_recorded": 0, "follow_ups": 0, "deferred": 0, "withdrawn": 0,
            "items_timed": 0, "time_per_item": [], "attendance": [],
            "rejected_identifiers": {}, "meetings": [],
            "feedback": feedback
        }))
        .unwrap()
    }

    #[test]
    fn the_period_and_each_meeting_become_charts_with_the_rule_as_key() {
        let r = report(json!({
            "answers": 11, "meetings_below_minimum": 1,
            "scales": [
                {"question": "got_what_came_for", "answered": 11, "distribution": [0, 1, 1, 2, 7], "mean": 4.36},
                {"question": "understand_others", "answered": 0, "distribution": [0, 0, 0, 0, 0], "mean": null},
                {"question": "time_well_used", "answered": 5, "distribution": [0, 0, 0, 5, 0], "mean": 4.0}
            ],
            "meetings": [
                {"meeting_id": "a", "date": "2026-09-08", "answers": 5, "means": {"got_what_came_for": 4.2, "time_well_used": 4.0}},
                {"meeting_id": "b", "date": "2026-11-10", "answers": 6, "means": {"got_what_came_for": 4.5}}
            ]
        }));
        let c = charts(&r, Lang::Fi);
        assert_eq!(c.len(), 4);
        assert!(c[0]
            .svg
            .contains("Palaute: keskiarvot 1–5 koko jaksolta (11 vastausta, 2 tapaamista)"));
        assert!(
            c[0].svg.contains(">Sain sitä, mitä tulin hakemaan<") && c[0].svg.contains(">4,4<")
        );
        assert!(
            c[0].svg.contains(">–<"),
            "a scale nobody answered has no mean"
        );
        assert_eq!(c[0].caption, Some(texts(Lang::Fi).report_rule));
        assert!(c[1].svg.contains(">8.9. (5 vastausta)<") && c[1].svg.contains(">4,2<"));
        assert!(c[1].svg.contains(">10.11. (6 vastausta)<") && c[1].svg.contains(">4,5<"));
        let en = charts(&r, Lang::En);
        assert!(en[3].svg.contains("<title>The time was well used</title>"));
        assert_eq!(en[3].caption, Some(texts(Lang::En).report_over_time));
    }

    #[test]
    fn no_meeting_with_enough_answers_draws_nothing() {
        let r = report(
            json!({"answers": 0, "meetings_below_minimum": 2, "scales": [], "meetings": []}),
        );
        assert!(charts(&r, Lang::Sv).is_empty());
    }
}
