//! The period report's feedback (issue 13): over the meetings held in the range whose feedback
//! shows (at least [`MIN_FEEDBACK_ANSWERS`] answers; fewer could point at a person, so such a
//! meeting is only counted in `meetings_below_minimum`), the distribution and mean of each
//! scale, and one line per meeting with its means for the chart over time.
//!
//! It reads the meetings' minutes ([`MeetingSummary::feedback`]), which already hold no
//! results for a meeting below the minimum: nothing here can show what the minutes do not.
//! Comments are not in the period report; they stay in each meeting's minutes.

use super::labels::Lang;
use super::minutes::feedback::scale_name;
use super::minutes::MeetingSummary;
use crate::db::feedback::scale_result;
use shared::api::feedback::{FeedbackLine, FeedbackQuestion, PeriodFeedback, MIN_FEEDBACK_ANSWERS};
use std::collections::BTreeMap;

/// The feedback of the meetings `held` (oldest first, as the report lists them).
pub fn in_period(held: &[MeetingSummary]) -> PeriodFeedback {
    let mut dist: BTreeMap<FeedbackQuestion, [u32; 5]> = BTreeMap::new();
    let mut out = PeriodFeedback::default();
    for m in held {
        let f = &m.feedback;
        if !f.shown || f.answers < MIN_FEEDBACK_ANSWERS {
            if f.answers > 0 {
                out.meetings_below_minimum += 1;
            }
            continue;
        }
        out.answers += f.answers;
        for s in &f.scales {
            let d = dist.entry(s.question).or_default();
            for (total, n) in d.iter_mut().zip(s.distribution) {
                *total += n;
            }
        }
        out.meetings.push(FeedbackLine {
            meeting_id: m.meeting_id.clone(),
            date: m.date.clone(),
            answers: f.answers,
            means: f
                .scales
                .iter()
                .filter_map(|s| s.mean.map(|x| (s.question, x)))
                .collect(),
        });
    }
    if !out.meetings.is_empty() {
        out.scales = FeedbackQuestion::ALL
            .into_iter()
            .map(|q| scale_result(q, dist.get(&q).copied().unwrap_or_default()))
            .collect();
    }
    out
}

/// The feedback as rows of the period CSV (after a blank row): a title, the rule, one row per
/// scale over the period (mean, answered, count of each score), then one row per meeting with
/// its date, answers and means. `width` is the CSV's column count. No rows when no meeting of
/// the period had any answer, so such a report is as it was before feedback existed.
pub fn csv_rows(f: &PeriodFeedback, lang: Lang, width: usize) -> Vec<Vec<String>> {
    if f.meetings.is_empty() && f.meetings_below_minimum == 0 {
        return Vec::new();
    }
    let t = |fi, sv, en| lang.t(fi, sv, en).to_owned();
    let mean = |x: Option<f64>| x.map_or(String::new(), |m| super::excel_csv::decimal(m, 2));
    let mut rows = vec![
        Vec::new(),
        vec![t("Palaute", "Respons", "Feedback")],
        vec![rule(lang, f)],
    ];
    if !f.meetings.is_empty() {
        let mut header = vec![
            t("väite", "påstående", "statement"),
            t("keskiarvo", "medelvärde", "mean"),
            t("vastasi", "svarade", "answered"),
        ];
        header.extend((1..=5).map(|n| n.to_string()));
        rows.push(header);
        for s in &f.scales {
            let mut row = vec![
                scale_name(lang, s.question).to_owned(),
                mean(s.mean),
                s.answered.to_string(),
            ];
            row.extend(s.distribution.iter().map(u32::to_string));
            rows.push(row);
        }
        let mut header = vec![
            t("päivä", "datum", "date"),
            t("tapaaminen", "möte", "meeting"),
            t("vastauksia", "svar", "answers"),
        ];
        header.extend(FeedbackQuestion::ALL.map(|q| scale_name(lang, q).to_owned()));
        rows.push(header);
        for m in &f.meetings {
            let mut row = vec![
                m.date.clone(),
                m.meeting_id.to_string(),
                m.answers.to_string(),
            ];
            row.extend(FeedbackQuestion::ALL.map(|q| mean(m.means.get(&q).copied())));
            rows.push(row);
        }
    }
    for r in &mut rows {
        r.resize(width.max(r.len()), String::new());
    }
    rows
}

/// What the period's feedback covers: answers over how many meetings, how many meetings are
/// left out for having fewer than five answers.
pub fn rule(lang: Lang, f: &PeriodFeedback) -> String {
    let (a, m, below, min) = (
        f.answers,
        f.meetings.len(),
        f.meetings_below_minimum,
        MIN_FEEDBACK_ANSWERS,
    );
    match lang {
        Lang::Fi => format!("Vastauksia {a} tapaamisesta {m}. Tapaamisen palaute näytetään vain, kun vastauksia on vähintään {min}; alle {min} vastauksen tapaamisia jäi pois {below}."),
        Lang::Sv => format!("Svar {a} från {m} möten. Ett mötes respons visas bara när det finns minst {min} svar; möten med färre än {min} svar som lämnats bort: {below}."),
        Lang::En => format!("Answers: {a} from {m} meetings. A meeting's feedback is shown only from {min} answers on; meetings left out for fewer than {min} answers: {below}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::feedback::MeetingFeedback;

    /// Minutes of a meeting on `date` with `answers` answers, `got` the first scale's.
    fn held(date: &str, answers: u32, got: [u32; 5]) -> MeetingSummary {
        let mut m = MeetingSummary {
            meeting_id: shared::ids::MeetingId(format!("m-{date}")),
            centre_id: shared::ids::CentreId("c1".into()),
            centre_name: "Kalasatama".into(),
            title: "PPT-konsultaatio".into(),
            date: date.into(),
            scheduled_start: "13:00".into(),
            time_zone: "Europe/Helsinki".into(),
            scheduled_min: 60,
            used_min: 55,
            agenda_announced: None,
            attendance: vec![],
            people_total: answers,
            required_present: vec![],
            required_missing: vec![],
            items: vec![],
            deferred: 0,
            withdrawn: 0,
            follow_ups: 0,
            redacted: 0,
            rejected_identifiers: BTreeMap::new(),
            texts_kept_until: None,
            texts_removed_on: None,
            experts_by_experience: 0,
            guests: 0,
            guest_organisations: vec![],
            month_theme: None,
            kind: Default::default(),
            feedback: MeetingFeedback::default(),
            chair_changes: vec![],
            lang: Lang::Fi,
        };
        let shown = answers >= MIN_FEEDBACK_ANSWERS;
        m.feedback = MeetingFeedback {
            answers,
            shown,
            scales: if shown {
                FeedbackQuestion::ALL
                    .into_iter()
                    .map(|q| {
                        scale_result(
                            q,
                            if q == FeedbackQuestion::GotWhatCameFor {
                                got
                            } else {
                                [0; 5]
                            },
                        )
                    })
                    .collect()
            } else {
                vec![]
            },
            comments: vec!["Kommentti ei kuulu raporttiin".into()],
        };
        m
    }

    #[test]
    fn only_meetings_with_five_answers_count_and_each_has_its_line() {
        let f = in_period(&[
            held("2026-09-08", 5, [0, 0, 1, 2, 2]),
            held("2026-10-13", 4, [0; 5]),
            held("2026-11-10", 6, [0, 1, 0, 0, 5]),
            held("2026-12-08", 0, [0; 5]),
        ]);
        assert_eq!(f.answers, 11);
        assert_eq!(
            f.meetings_below_minimum, 1,
            "the four-answer meeting; not the one without"
        );
        let dates: Vec<&str> = f.meetings.iter().map(|l| l.date.as_str()).collect();
        assert_eq!(dates, ["2026-09-08", "2026-11-10"]);
        assert_eq!(f.meetings[0].means[&FeedbackQuestion::GotWhatCameFor], 4.2);
        assert!(!f.meetings[0]
            .means
            .contains_key(&FeedbackQuestion::TimeWellUsed));
        let got = &f.scales[0];
        assert_eq!((got.answered, got.distribution), (11, [0, 1, 1, 2, 7]));
        assert_eq!(got.mean, Some(4.36));
        assert_eq!(f.scales[1].mean, None);

        let rows = csv_rows(&f, Lang::Fi, 10);
        assert!(rows.iter().all(|r| r.len() == 10));
        assert_eq!(rows[1][0], "Palaute");
        assert!(
            rows[2][0].starts_with("Vastauksia 11 tapaamisesta 2."),
            "{}",
            rows[2][0]
        );
        assert_eq!(
            rows[4][..4],
            ["Sain sitä, mitä tulin hakemaan", "4,36", "11", "0"]
        );
        assert_eq!(rows[8][..4], ["2026-09-08", "m-2026-09-08", "5", "4,20"]);
        assert!(
            !rows.iter().flatten().any(|c| c.contains("Kommentti")),
            "comments stay in the minutes"
        );
    }

    #[test]
    fn a_period_without_shown_feedback_says_so_and_has_no_scales() {
        let f = in_period(&[held("2026-10-13", 4, [0; 5])]);
        assert!(f.scales.is_empty() && f.meetings.is_empty());
        assert_eq!(f.meetings_below_minimum, 1);
        assert!(csv_rows(&in_period(&[held("2026-10-13", 0, [0; 5])]), Lang::Fi, 3).is_empty());
        let rows = csv_rows(&f, Lang::En, 3);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[2][0],
            "Answers: 0 from 0 meetings. A meeting's feedback is shown only from 5 answers on; meetings left out for fewer than 5 answers: 1."
        );
    }
}
