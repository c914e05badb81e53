//! Structured anonymous feedback (issue 13): when a meeting ends, everyone who took part is
//! offered a short form — a few 1–5 scales and one optional free text (screened by the
//! identifier guard). Answers are not linked to a person: the server keeps only that a
//! participant has answered (one answer each), counts per score and the free texts under
//! random keys. Results show in the minutes once a meeting has at least
//! [`MIN_FEEDBACK_ANSWERS`] answers, and over time in the period report.
//!
//! Routes:
//! - `POST /api/meetings/{meeting}/feedback/status` [`FeedbackProof`] → [`FeedbackStatus`]:
//!   what the form page shows (may this person answer, have they already).
//! - `POST /api/meetings/{meeting}/feedback` [`FeedbackAnswer`] → [`FeedbackStatus`].

use crate::ids::MeetingId;
use crate::Millis;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A meeting's feedback shows (in the minutes, in the period report) only from this many
/// answers on: fewer could point at a person.
pub const MIN_FEEDBACK_ANSWERS: u32 = 5;

/// The longest free text, in characters.
pub const MAX_FEEDBACK_COMMENT_CHARS: usize = 1000;

/// The 1–5 scales of the form, in the order the form asks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackQuestion {
    /// "Sain sitä, mitä tulin hakemaan." (I got what I came for.)
    GotWhatCameFor,
    /// "Ymmärrän muiden palvelujen työtä paremmin." (I understand the other services' work
    /// better.)
    UnderstandOthers,
    /// "Aika käytettiin hyvin." (The time was well used.)
    TimeWellUsed,
}

impl FeedbackQuestion {
    /// Every scale, in the form's order.
    pub const ALL: [FeedbackQuestion; 3] = [
        FeedbackQuestion::GotWhatCameFor,
        FeedbackQuestion::UnderstandOthers,
        FeedbackQuestion::TimeWellUsed,
    ];

    /// The wire (and stored) name.
    pub fn as_str(&self) -> &'static str {
        match self {
            FeedbackQuestion::GotWhatCameFor => "got_what_came_for",
            FeedbackQuestion::UnderstandOthers => "understand_others",
            FeedbackQuestion::TimeWellUsed => "time_well_used",
        }
    }

    /// The statement the scale asks about, in Finnish, Swedish and English: one wording for
    /// the form, the minutes and the reports.
    pub fn names(&self) -> [&'static str; 3] {
        match self {
            FeedbackQuestion::GotWhatCameFor => [
                "Sain sitä, mitä tulin hakemaan",
                "Jag fick det jag kom för",
                "I got what I came for",
            ],
            FeedbackQuestion::UnderstandOthers => [
                "Ymmärrän muiden palvelujen työtä paremmin",
                "Jag förstår de andra tjänsternas arbete bättre",
                "I understand the other services' work better",
            ],
            FeedbackQuestion::TimeWellUsed => [
                "Aika käytettiin hyvin",
                "Tiden användes väl",
                "The time was well used",
            ],
        }
    }

    /// The scale a stored name names.
    pub fn from_name(name: &str) -> Option<FeedbackQuestion> {
        FeedbackQuestion::ALL
            .into_iter()
            .find(|q| q.as_str() == name)
    }
}

/// Who is answering: the meeting link's key (participant, deputy or chair) and the secret the
/// person's `joined` gave, from which the server derives their participant id. Neither is
/// stored with the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackProof {
    /// The key of the meeting link the person came with.
    pub key: String,
    /// The secret of the person's `joined` in that meeting.
    pub secret: String,
}

/// `POST /api/meetings/{meeting}/feedback`: one person's answer. Every scale is optional
/// (1–5 when given), the free text too; an answer with nothing in it is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackAnswer {
    /// Who is answering (flattened: `key` and `secret` beside the scores).
    #[serde(flatten)]
    pub proof: FeedbackProof,
    /// Score 1–5 per scale answered.
    #[serde(default)]
    pub scores: BTreeMap<FeedbackQuestion, u8>,
    /// The optional free text (at most [`MAX_FEEDBACK_COMMENT_CHARS`], screened by the guard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What the form page needs to know about a meeting and the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackStatus {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Its title, for the page's heading.
    pub title: String,
    /// Its centre's name, for the page's heading.
    pub centre_name: String,
    /// When it started (UTC ms).
    pub starts_at: Millis,
    /// Whether it has ended (the form opens then).
    pub ended: bool,
    /// Whether this person has already answered.
    pub given: bool,
    /// Answers so far (the page may say "N answers"; results are not shown there).
    pub answers: u32,
}

/// One scale's result in a meeting or a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleResult {
    /// The scale.
    pub question: FeedbackQuestion,
    /// How many answered it.
    pub answered: u32,
    /// How many gave each score, 1 to 5.
    pub distribution: [u32; 5],
    /// The mean score; none when nobody answered it.
    pub mean: Option<f64>,
}

/// A meeting's feedback as the minutes show it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingFeedback {
    /// Answers given.
    pub answers: u32,
    /// Whether the results are shown (`answers >= MIN_FEEDBACK_ANSWERS`); when not,
    /// `scales` and `comments` are empty.
    pub shown: bool,
    /// Per scale, in the form's order.
    pub scales: Vec<ScaleResult>,
    /// The free texts, in no particular order.
    pub comments: Vec<String>,
}

/// One meeting's means in the period report (only meetings with enough answers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackLine {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Local date, `2026-10-13`.
    pub date: String,
    /// Answers given.
    pub answers: u32,
    /// Mean per scale answered.
    pub means: BTreeMap<FeedbackQuestion, f64>,
}

/// The period report's feedback: over the meetings with enough answers, and per meeting for
/// the chart over time.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodFeedback {
    /// Answers over the meetings shown.
    pub answers: u32,
    /// Meetings held whose feedback is not shown (fewer than [`MIN_FEEDBACK_ANSWERS`]).
    pub meetings_below_minimum: u32,
    /// Per scale over the meetings shown.
    pub scales: Vec<ScaleResult>,
    /// One line per meeting shown, oldest first.
    pub meetings: Vec<FeedbackLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scale_has_its_wire_name_and_words_in_three_languages() {
        for q in FeedbackQuestion::ALL {
            assert_eq!(FeedbackQuestion::from_name(q.as_str()), Some(q));
            assert!(q.names().iter().all(|n| !n.is_empty()));
            let json = serde_json::to_string(&q).unwrap();
            assert_eq!(
                json,
                format!("\"{}\"", q.as_str()),
                "the wire name is the stored one"
            );
        }
        assert_eq!(FeedbackQuestion::from_name("nps"), None);
        assert_eq!(
            FeedbackQuestion::GotWhatCameFor.names()[2],
            "I got what I came for"
        );
    }

    #[test]
    fn an_answer_reads_with_the_proof_beside_the_scores() {
        let a: FeedbackAnswer = serde_json::from_str(
            r#"{"key": "k", "secret": "s", "scores": {"time_well_used": 4}, "comment": "Hyvä"}"#,
        )
        .unwrap();
        assert_eq!(a.proof.key, "k");
        assert_eq!(a.scores[&FeedbackQuestion::TimeWellUsed], 4);
        assert_eq!(a.comment.as_deref(), Some("Hyvä"));
        let bare: FeedbackAnswer = serde_json::from_str(r#"{"key": "k", "secret": "s"}"#).unwrap();
        assert!(bare.scores.is_empty() && bare.comment.is_none());
    }
}
