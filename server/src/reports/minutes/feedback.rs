//! The minutes' "Palaute / Respons / Feedback" section (issue 13): the wording every format
//! shares, and the section in Markdown, HTML and CSV. With at least
//! [`MIN_FEEDBACK_ANSWERS`] answers it shows the number of answers, per scale the mean and the
//! 1–5 distribution, and the comments; with fewer only a line saying how many answered and
//! that results show from five answers on (fewer could point at a person).

use super::MeetingSummary;
use crate::reports::excel_csv;
use crate::reports::labels::Lang;
use shared::api::feedback::{FeedbackQuestion, ScaleResult, MIN_FEEDBACK_ANSWERS};
use shared::html::escape as esc;

/// The section's heading.
pub fn title(lang: Lang) -> &'static str {
    lang.t("Palaute", "Respons", "Feedback")
}

/// A scale's statement in `lang`.
pub fn scale_name(lang: Lang, q: FeedbackQuestion) -> &'static str {
    let [fi, sv, en] = q.names();
    lang.t(fi, sv, en)
}

/// The line under the heading: how many answered, and either how to read the scales or that
/// the results show only from five answers on.
pub fn answers_line(lang: Lang, answers: u32, shown: bool) -> String {
    let min = MIN_FEEDBACK_ANSWERS;
    match (lang, shown) {
        (Lang::Fi, true) => format!("Vastauksia {answers}. Asteikko 1–5: 1 = täysin eri mieltä, 5 = täysin samaa mieltä."),
        (Lang::Sv, true) => format!("Svar {answers}. Skala 1–5: 1 = helt av annan åsikt, 5 = helt av samma åsikt."),
        (Lang::En, true) => format!("Answers: {answers}. Scale 1–5: 1 = strongly disagree, 5 = strongly agree."),
        (Lang::Fi, false) => format!("Vastauksia {answers}. Tulokset näytetään, kun vastauksia on vähintään {min}, jottei yksittäistä vastaajaa voi tunnistaa."),
        (Lang::Sv, false) => format!("Svar {answers}. Resultaten visas när det finns minst {min} svar, så att ingen enskild svarande kan kännas igen."),
        (Lang::En, false) => format!("Answers: {answers}. Results are shown from {min} answers on, so that no single respondent can be recognised."),
    }
}

/// A mean with one decimal, the language's decimal mark: `4,2` (`–` when none answered).
pub fn mean_text(lang: Lang, mean: Option<f64>) -> String {
    match mean {
        None => "–".into(),
        Some(m) if lang == Lang::En => format!("{m:.1}"),
        Some(m) => format!("{m:.1}").replace('.', ","),
    }
}

/// A scale's result in words: "keskiarvo 4,2 (5 vastausta); 1: 0, 2: 0, 3: 1, 4: 2, 5: 2".
pub fn scale_line(lang: Lang, s: &ScaleResult) -> String {
    let dist = s
        .distribution
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}: {n}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let mean = mean_text(lang, s.mean);
    let n = s.answered;
    match lang {
        Lang::Fi => format!("keskiarvo {mean} ({n} vastasi); jakauma {dist}"),
        Lang::Sv => format!("medelvärde {mean} ({n} svarade); fördelning {dist}"),
        Lang::En => format!("mean {mean} ({n} answered); distribution {dist}"),
    }
}

/// The heading of the comments.
fn comments_title(lang: Lang) -> &'static str {
    lang.t("Vapaat kommentit", "Fria kommentarer", "Comments")
}

impl MeetingSummary {
    /// The section in Markdown (user text escaped by `line`).
    pub(super) fn feedback_markdown(&self, lang: Lang, line: &dyn Fn(&str) -> String) -> String {
        let f = &self.feedback;
        let mut md = format!(
            "## {}\n\n{}\n\n",
            title(lang),
            answers_line(lang, f.answers, f.shown)
        );
        if !f.shown {
            return md;
        }
        for s in &f.scales {
            md += &format!(
                "- {}: {}\n",
                scale_name(lang, s.question),
                scale_line(lang, s)
            );
        }
        if !f.comments.is_empty() {
            md += &format!("\n### {}\n\n", comments_title(lang));
            for c in &f.comments {
                md += &format!("- {}\n", line(c));
            }
        }
        md + "\n"
    }

    /// The section in HTML: the scales as a table (mean and the count of each score), the
    /// comments as a list.
    pub(super) fn feedback_html(&self, lang: Lang) -> String {
        let f = &self.feedback;
        let mut h = format!(
            "<section class=\"feedback\"><h2>{}</h2><p>{}</p>",
            esc(title(lang)),
            esc(&answers_line(lang, f.answers, f.shown))
        );
        if f.shown {
            h += &format!(
                "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>",
                esc(lang.t("Väite", "Påstående", "Statement")),
                esc(lang.t("Keskiarvo", "Medelvärde", "Mean")),
                esc(lang.t("Vastasi", "Svarade", "Answered")),
            );
            for score in 1..=5 {
                h += &format!("<th scope=\"col\" class=\"num\">{score}</th>");
            }
            h += "</tr></thead><tbody>";
            for s in &f.scales {
                h += &format!(
                    "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                    esc(scale_name(lang, s.question)),
                    esc(&mean_text(lang, s.mean)),
                    s.answered
                );
                for n in s.distribution {
                    h += &format!("<td class=\"num\">{n}</td>");
                }
                h += "</tr>";
            }
            h += "</tbody></table>";
            if !f.comments.is_empty() {
                h += &format!("<h3>{}</h3><ul>", esc(comments_title(lang)));
                for c in &f.comments {
                    h += &format!("<li>{}</li>", esc(c));
                }
                h += "</ul>";
            }
        }
        h + "</section>"
    }

    /// The section as a second table after the items' (a blank line between), for Excel:
    /// one row per scale, then one per comment; with fewer than five answers one row saying so.
    /// Nothing when nobody answered, so the file stays one table of items as before.
    pub(super) fn feedback_csv(&self, lang: Lang) -> String {
        let f = &self.feedback;
        if f.answers == 0 {
            return String::new();
        }
        let t = |fi, sv, en| lang.t(fi, sv, en).to_owned();
        let mut header = vec![
            t("palaute", "respons", "feedback"),
            t("keskiarvo", "medelvärde", "mean"),
            t("vastasi", "svarade", "answered"),
        ];
        header.extend((1..=5).map(|n| n.to_string()));
        let mut rows = vec![vec![answers_line(lang, f.answers, f.shown)]];
        if f.shown {
            for s in &f.scales {
                let mut row = vec![
                    scale_name(lang, s.question).to_owned(),
                    s.mean.map_or(String::new(), |m| excel_csv::decimal(m, 2)),
                    s.answered.to_string(),
                ];
                row.extend(s.distribution.iter().map(u32::to_string));
                rows.push(row);
            }
            for c in &f.comments {
                rows.push(vec![comments_title(lang).to_owned(), c.clone()]);
            }
        }
        for r in &mut rows {
            r.resize(header.len(), String::new());
        }
        let table = excel_csv::write(&header, &rows);
        format!("\r\n{}", table.trim_start_matches('\u{feff}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::feedback::MeetingFeedback;
    use shared::ids::{CentreId, MeetingId};
    use std::collections::BTreeMap;

    fn minutes(feedback: MeetingFeedback) -> MeetingSummary {
        MeetingSummary {
            meeting_id: MeetingId("m1".into()),
            centre_id: CentreId("c1".into()),
            centre_name: "Kalasatama".into(),
            title: "PPT-konsultaatio".into(),
            date: "2026-11-30".into(),
            scheduled_start: "13:00".into(),
            time_zone: "Europe/Helsinki".into(),
            scheduled_min: 60,
            used_min: 55,
            agenda_announced: None,
            attendance: vec![],
            people_total: 6,
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
            feedback,
            chair_changes: vec![],
            lang: Lang::Fi,
        }
    }

    fn six_answers() -> MeetingFeedback {
        MeetingFeedback {
            answers: 6,
            shown: true,
            scales: vec![
                crate::db::feedback::scale_result(
                    FeedbackQuestion::GotWhatCameFor,
                    [0, 0, 1, 2, 3],
                ),
                crate::db::feedback::scale_result(FeedbackQuestion::UnderstandOthers, [0; 5]),
                crate::db::feedback::scale_result(FeedbackQuestion::TimeWellUsed, [1, 0, 0, 0, 5]),
            ],
            comments: vec!["Lisää aikaa <tapauksille>".into()],
        }
    }

    #[test]
    fn five_or_more_answers_show_means_distributions_and_comments_in_every_format() {
        let m = minutes(six_answers());
        let md = m.markdown(Lang::Fi);
        assert!(
            md.contains("## Palaute\n\nVastauksia 6. Asteikko 1–5"),
            "{md}"
        );
        assert!(md.contains(
            "- Sain sitä, mitä tulin hakemaan: keskiarvo 4,3 (6 vastasi); jakauma 1: 0, 2: 0, 3: 1, 4: 2, 5: 3\n"
        ));
        assert!(md.contains("- Ymmärrän muiden palvelujen työtä paremmin: keskiarvo – (0 vastasi)"));
        assert!(md.contains("### Vapaat kommentit\n\n- Lisää aikaa \\<tapauksille\\>\n"));
        assert!(md.trim_end().ends_with(super::super::footer(Lang::Fi)));

        let html = m.html(Lang::Sv);
        assert!(html.contains("<h2>Respons</h2><p>Svar 6. Skala 1–5"));
        assert!(html.contains("<th scope=\"row\">Tiden användes väl</th><td class=\"num\">4,3</td><td class=\"num\">6</td><td class=\"num\">1</td>"));
        assert!(html.contains("<li>Lisää aikaa &lt;tapauksille&gt;</li>"));

        let csv = m.csv(Lang::En);
        let tail = csv.split("\r\n\r\n").nth(1).expect("a second table");
        let lines: Vec<&str> = tail.lines().collect();
        assert_eq!(lines[0], "feedback;mean;answered;1;2;3;4;5");
        assert!(lines[1].starts_with("Answers: 6. Scale 1–5"));
        assert_eq!(lines[2], "I got what I came for;4,33;6;0;0;1;2;3");
        assert_eq!(lines[5], "Comments;Lisää aikaa <tapauksille>;;;;;;");
        assert_eq!(csv.matches('\u{feff}').count(), 1, "one byte-order mark");

        let json: serde_json::Value = serde_json::from_str(&m.json()).unwrap();
        assert_eq!(json["feedback"]["answers"], 6);
        assert_eq!(
            json["feedback"]["scales"][0]["distribution"],
            serde_json::json!([0, 0, 1, 2, 3])
        );
    }

    #[test]
    fn fewer_than_five_answers_show_only_how_many_answered() {
        let four = MeetingFeedback {
            answers: 4,
            ..MeetingFeedback::default()
        };
        let m = minutes(four);
        let md = m.markdown(Lang::Fi);
        assert!(md.contains("## Palaute\n\nVastauksia 4. Tulokset näytetään, kun vastauksia on vähintään 5, jottei yksittäistä vastaajaa voi tunnistaa.\n\n"));
        let html = m.html(Lang::En);
        assert!(html.contains("<p>Answers: 4. Results are shown from 5 answers on, so that no single respondent can be recognised.</p></section>"));
        for text in [&md, &html] {
            assert!(
                !text.contains("Sain sitä")
                    && !text.contains("I got what")
                    && !text.contains("keskiarvo")
            );
        }
        let csv = m.csv(Lang::Fi);
        let tail = csv.split("\r\n\r\n").nth(1).unwrap();
        assert_eq!(tail.lines().count(), 2, "{tail}");
        // Nobody answered: the CSV stays one table; the other formats say 0.
        let none = minutes(MeetingFeedback::default());
        assert!(!none.csv(Lang::Fi).contains("palaute"));
        assert!(none.markdown(Lang::Sv).contains("## Respons\n\nSvar 0."));
    }
}
