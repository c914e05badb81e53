//! Structured anonymous feedback (issue 13) as stored: who has answered (`feedback_given`, one
//! row per participant, nothing else), how many gave each score on each scale
//! (`feedback_scores`, counts that are incremented) and the free texts under random keys
//! (`feedback_comments`). No row links an answer to a person, and no order does either: the
//! scores are counts, the comments are read back in the order of their random keys.
//!
//! [`give`] writes one answer in one transaction; [`of_meeting`] reads a meeting's results
//! with the rule that they show only from [`MIN_FEEDBACK_ANSWERS`] answers on;
//! [`purge_comments`] removes a meeting's free texts when its case texts are purged (the
//! counts stay, like the minutes' other figures).

use super::{events, DbError};
use crate::db::sql::{params, Connection, OptionalExtension};
use shared::api::feedback::{FeedbackQuestion, MeetingFeedback, ScaleResult, MIN_FEEDBACK_ANSWERS};
use shared::ids::{MeetingId, ParticipantId};
use shared::room::EventKind;
use std::collections::BTreeMap;

/// What [`give`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Given {
    /// The answer was stored.
    Stored,
    /// This participant had already answered; nothing changed.
    AlreadyGiven,
}

/// Whether `participant` joined `meeting` (a `participant_joined` event in its log): only
/// people who took part may give feedback.
pub fn has_joined(
    conn: &Connection,
    meeting: &MeetingId,
    participant: &ParticipantId,
) -> Result<bool, DbError> {
    Ok(events::load(conn, meeting)?.iter().any(|(e, _)| {
        matches!(&e.kind, EventKind::ParticipantJoined { participant: p, .. } if p == participant)
    }))
}

/// Whether `participant` has answered, and how many have.
pub fn given(
    conn: &Connection,
    meeting: &MeetingId,
    participant: &ParticipantId,
) -> Result<(bool, u32), DbError> {
    let given = conn
        .query_row(
            "SELECT 1 FROM feedback_given WHERE meeting_id = ?1 AND participant_id = ?2",
            params![meeting.as_str(), participant.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    Ok((given, answers(conn, meeting)?))
}

/// How many have answered in `meeting`.
pub fn answers(conn: &Connection, meeting: &MeetingId) -> Result<u32, DbError> {
    conn.query_row(
        "SELECT COUNT(*) FROM feedback_given WHERE meeting_id = ?1",
        [meeting.as_str()],
        |r| r.get(0),
    )
}

/// Stores one answer in one transaction: that `participant` answered, one more count for
/// each score given (1–5, checked by the caller and by the table), and the comment under a
/// random key. A second answer of the same participant changes nothing
/// ([`Given::AlreadyGiven`]).
pub fn give(
    conn: &mut Connection,
    meeting: &MeetingId,
    participant: &ParticipantId,
    scores: &BTreeMap<FeedbackQuestion, u8>,
    comment: Option<&str>,
) -> Result<Given, DbError> {
    let tx = conn.transaction()?;
    let inserted = tx.execute(
        "INSERT INTO feedback_given (meeting_id, participant_id) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
        params![meeting.as_str(), participant.as_str()],
    )?;
    if inserted == 0 {
        return Ok(Given::AlreadyGiven);
    }
    for (question, score) in scores {
        tx.execute(
            "INSERT INTO feedback_scores (meeting_id, question, score, count) VALUES (?1, ?2, ?3, 1)
             ON CONFLICT (meeting_id, question, score) DO UPDATE SET count = feedback_scores.count + 1",
            params![meeting.as_str(), question.as_str(), i64::from(*score)],
        )?;
    }
    if let Some(c) = comment {
        let id = uuid::Uuid::new_v4().simple().to_string();
        tx.execute(
            "INSERT INTO feedback_comments (meeting_id, id, comment) VALUES (?1, ?2, ?3)",
            params![meeting.as_str(), id, c],
        )?;
    }
    tx.commit()?;
    Ok(Given::Stored)
}

/// A meeting's feedback as the minutes show it: the number of answers always; the scales and
/// the comments only from [`MIN_FEEDBACK_ANSWERS`] answers on.
pub fn of_meeting(conn: &Connection, meeting: &MeetingId) -> Result<MeetingFeedback, DbError> {
    let answers = answers(conn, meeting)?;
    if answers < MIN_FEEDBACK_ANSWERS {
        return Ok(MeetingFeedback {
            answers,
            shown: false,
            scales: Vec::new(),
            comments: Vec::new(),
        });
    }
    let mut dist: BTreeMap<FeedbackQuestion, [u32; 5]> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT question, score, count FROM feedback_scores WHERE meeting_id = ?1",
    )?;
    let rows = stmt.query_map([meeting.as_str()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    for row in rows {
        let (q, score, count) = row?;
        if let (Some(q), 1..=5) = (FeedbackQuestion::from_name(&q), score) {
            dist.entry(q).or_default()[score as usize - 1] += count;
        }
    }
    let scales = FeedbackQuestion::ALL
        .into_iter()
        .map(|q| scale_result(q, dist.get(&q).copied().unwrap_or_default()))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT comment FROM feedback_comments WHERE meeting_id = ?1 ORDER BY id",
    )?;
    let comments = stmt
        .query_map([meeting.as_str()], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    Ok(MeetingFeedback {
        answers,
        shown: true,
        scales,
        comments,
    })
}

/// One scale's result from its distribution (counts of 1 to 5): how many answered it and the
/// mean to two decimals.
pub fn scale_result(question: FeedbackQuestion, distribution: [u32; 5]) -> ScaleResult {
    let answered: u32 = distribution.iter().sum();
    let sum: u32 = distribution
        .iter()
        .enumerate()
        .map(|(i, n)| (i as u32 + 1) * n)
        .sum();
    ScaleResult {
        question,
        answered,
        distribution,
        mean: (answered > 0)
            .then(|| (f64::from(sum) / f64::from(answered) * 100.0).round() / 100.0),
    }
}

/// Removes a meeting's free texts (when its case texts are purged); the counts stay. Returns
/// how many went.
pub fn purge_comments(conn: &Connection, meeting: &MeetingId) -> Result<usize, DbError> {
    conn.execute(
        "DELETE FROM feedback_comments WHERE meeting_id = ?1",
        [meeting.as_str()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::meetings::{self, MeetingRow};
    use crate::db::Db;
    use shared::domain::{MeetingInfo, Role};
    use shared::ids::{CentreId, ServiceId};
    use shared::room::Event;

    /// A database with one meeting `m1` that `p1` joined.
    fn test_db() -> (Db, crate::db::testing::TestStore) {
        let (db, dir) = crate::db::testing::fresh("feedback");
        db.call_now(|conn| {
            conn.execute(
                "INSERT INTO centres (id, name, feed_key, created_at) VALUES ('c1', 'Kalasatama', 'k', 0)",
                (),
            )?;
            let row = MeetingRow {
                id: MeetingId("m1".into()),
                centre_id: CentreId("c1".into()),
                title: "PPT-konsultaatio".into(),
                starts_at: 0,
                ends_at: 3_600_000,
                chair_key: "ck".into(),
                participant_key: "pk".into(),
                deputy_key: "dk".into(),
                epoch: "e".into(),
                series_date: None,
                cancelled_at: None,
                ended_at: None,
                revision: 0,
                kind: Default::default(),
            };
            let info = MeetingInfo {
                id: row.id.clone(),
                centre_id: row.centre_id.clone(),
                centre_name: "Kalasatama".into(),
                title: row.title.clone(),
                starts_at: 0,
                ends_at: 3_600_000,
                services: shared::domain::default_catalogue(),
                kind: Default::default(),
            };
            meetings::create(conn, &row, &info, 0)?;
            let joined = Event {
                seq: 2,
                at: 10,
                kind: EventKind::ParticipantJoined {
                    participant: ParticipantId("p1".into()),
                    service: ServiceId::from("kela"),
                    display_name: None,
                    role: Role::Participant,
                    organisation: None,
                },
            };
            events::insert(conn, &row.id, &joined, &serde_json::to_string(&joined).unwrap())
        })
        .unwrap();
        (db, dir)
    }

    fn m1() -> MeetingId {
        MeetingId("m1".into())
    }

    fn scores(a: u8, b: u8) -> BTreeMap<FeedbackQuestion, u8> {
        BTreeMap::from([
            (FeedbackQuestion::GotWhatCameFor, a),
            (FeedbackQuestion::TimeWellUsed, b),
        ])
    }

    #[test]
    fn only_people_who_joined_are_recognised() {
        let (db, dir) = test_db();
        db.call_now(|conn| {
            assert!(has_joined(conn, &m1(), &ParticipantId("p1".into()))?);
            assert!(!has_joined(conn, &m1(), &ParticipantId("p2".into()))?);
            assert!(!has_joined(
                conn,
                &MeetingId("m9".into()),
                &ParticipantId("p1".into())
            )?);
            Ok(())
        })
        .unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn one_answer_each_and_results_only_from_five_answers_on() {
        let (db, dir) = test_db();
        db.call_now(|conn| {
            for i in 0..4u8 {
                let p = ParticipantId(format!("p{i}"));
                let comment = (i == 0).then_some("Hyvä tapaaminen");
                assert_eq!(
                    give(conn, &m1(), &p, &scores(5 - i % 2, 3), comment)?,
                    Given::Stored
                );
            }
            // A second answer of the same person changes nothing.
            let p0 = ParticipantId("p0".into());
            assert_eq!(
                give(conn, &m1(), &p0, &scores(1, 1), Some("Toinen"))?,
                Given::AlreadyGiven
            );
            assert_eq!(given(conn, &m1(), &p0)?, (true, 4));
            assert_eq!(given(conn, &m1(), &ParticipantId("p9".into()))?, (false, 4));
            let four = of_meeting(conn, &m1())?;
            assert_eq!((four.answers, four.shown), (4, false));
            assert!(
                four.scales.is_empty() && four.comments.is_empty(),
                "four answers show nothing"
            );

            give(
                conn,
                &m1(),
                &ParticipantId("p4".into()),
                &BTreeMap::new(),
                Some("Lisää aikaa"),
            )?;
            let five = of_meeting(conn, &m1())?;
            assert_eq!((five.answers, five.shown), (5, true));
            assert_eq!(five.scales.len(), 3);
            let got = &five.scales[0];
            assert_eq!(got.question, FeedbackQuestion::GotWhatCameFor);
            assert_eq!((got.answered, got.distribution), (4, [0, 0, 0, 2, 2]));
            assert_eq!(got.mean, Some(4.5));
            assert_eq!(
                five.scales[1].answered, 0,
                "nobody answered the second scale"
            );
            assert_eq!(five.scales[1].mean, None);
            assert_eq!(five.scales[2].distribution, [0, 0, 4, 0, 0]);
            let mut comments = five.comments.clone();
            comments.sort();
            assert_eq!(
                comments,
                ["Hyvä tapaaminen", "Lisää aikaa"],
                "the refused second answer's text is not there"
            );

            // A purge removes the texts; the figures stay.
            assert_eq!(purge_comments(conn, &m1())?, 2);
            let after = of_meeting(conn, &m1())?;
            assert!(after.comments.is_empty());
            assert_eq!(after.scales, five.scales);
            Ok(())
        })
        .unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_purge_of_a_meetings_texts_removes_its_comments_and_keeps_its_scores() {
        let (db, dir) = test_db();
        db.call_now(|conn| {
            for i in 0..5 {
                let p = ParticipantId(format!("p{i}"));
                give(conn, &m1(), &p, &scores(4, 4), Some("Selkeä puheenjohto"))?;
            }
            conn.execute("UPDATE meetings SET ended_at = 3600000 WHERE id = 'm1'", ())?;
            let keep = crate::db::retention::Retention::days(90);
            // Not due yet: the comments stay.
            crate::db::retention::run(conn, keep, 3_600_000 + 1_000, false)?;
            assert_eq!(of_meeting(conn, &m1())?.comments.len(), 5);
            crate::db::retention::run(conn, keep, 3_600_000 + 91 * 86_400_000, false)?;
            let after = of_meeting(conn, &m1())?;
            assert!(after.comments.is_empty(), "the purge removed them");
            assert_eq!(
                (after.answers, after.scales[0].distribution),
                (5, [0, 0, 0, 5, 0])
            );
            Ok(())
        })
        .unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn nothing_in_the_tables_points_at_a_person() {
        let (db, dir) = test_db();
        db.call_now(|conn| {
            give(
                conn,
                &m1(),
                &ParticipantId("p1".into()),
                &scores(2, 4),
                Some("Teksti"),
            )?;
            let cols = |t: &str| -> Result<Vec<String>, crate::db::DbError> {
                let sql = match conn.dialect() {
                    crate::db::Dialect::Sqlite => {
                        format!("SELECT name FROM pragma_table_info('{t}')")
                    }
                    crate::db::Dialect::Postgres => format!(
                        "SELECT column_name::text FROM information_schema.columns
                          WHERE table_name = '{t}' ORDER BY ordinal_position"
                    ),
                };
                let mut s = conn.prepare(&sql)?;

                s.query_map((), |r| r.get(0))?.collect()
            };
            assert_eq!(
                cols("feedback_scores")?,
                ["meeting_id", "question", "score", "count"]
            );
            assert_eq!(cols("feedback_comments")?, ["meeting_id", "id", "comment"]);
            let id: String =
                conn.query_row("SELECT id FROM feedback_comments", (), |r| r.get(0))?;
            assert_eq!(id.len(), 32, "a random key, not the participant");
            assert_ne!(id, "p1");
            Ok(())
        })
        .unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_mean_has_two_decimals() {
        let r = scale_result(FeedbackQuestion::UnderstandOthers, [1, 0, 1, 0, 1]);
        assert_eq!((r.answered, r.mean), (3, Some(3.0)));
        let r = scale_result(FeedbackQuestion::UnderstandOthers, [0, 0, 1, 1, 1]);
        assert_eq!(r.mean, Some(4.0));
        let r = scale_result(FeedbackQuestion::UnderstandOthers, [0, 0, 2, 0, 1]);
        assert_eq!(r.mean, Some(3.67));
    }
}
