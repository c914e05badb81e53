//! The purge pass: which meetings are due, rewriting each one's stored events and claimed
//! carry-over copies in its own transaction, and what the pass reports (numbers and ids only).

use super::strip::{strip_event, strip_item};
use super::Retention;
use crate::db::sql::{params, Connection, OptionalExtension, TransactionBehavior};
use crate::db::{events, DbError};
use shared::domain::AgendaItem;
use shared::ids::{CentreId, MeetingId};
use shared::room::RoomState;
use shared::Millis;

/// One meeting a purge pass removes (or, in a dry run, would remove) texts from. Numbers
/// and ids only: what is printed about a purge never holds the texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgeLine {
    /// The meeting whose texts go.
    pub meeting: MeetingId,
    /// Its centre, so an operator can tell meetings apart without opening them.
    pub centre: CentreId,
    /// The end the retention counts from (ended, cancelled, or the scheduled end).
    pub ended_at: Millis,
    /// The meeting was purged before and has events recorded since.
    pub again: bool,
    /// Items on its agenda (any status).
    pub items: usize,
    /// Of them, items with a recorded outcome.
    pub outcomes: usize,
    /// Stored events whose text is (would be) removed.
    pub events: usize,
    /// Claimed carry-over copies whose text is (would be) removed.
    pub carry_overs: usize,
}

/// What a purge pass did, or in a dry run would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// Texts of meetings that ended before this instant are due.
    pub cutoff: Millis,
    pub lines: Vec<PurgeLine>,
    /// Copies of cases that waited for a next meeting when their meeting was purged and have
    /// been taken onto an agenda since: their waiting copy loses its text now.
    pub late_carry_overs: usize,
    /// Unclaimed carry-overs of purged meetings, kept until the next meeting takes them.
    pub waiting_carry_overs: usize,
}

impl PurgeReport {
    /// Whether the pass changed (would change) anything stored.
    pub fn changed_anything(&self) -> bool {
        self.late_carry_overs > 0 || self.lines.iter().any(|l| l.events + l.carry_overs > 0)
    }
}

/// Meetings whose texts are due: ended before `cutoff` and never purged, or purged and given
/// events since.
fn due(
    conn: &Connection,
    cutoff: Millis,
) -> Result<Vec<(MeetingId, CentreId, Millis, bool)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, centre_id, COALESCE(ended_at, cancelled_at, ends_at) AS ended,
                texts_purged_at IS NOT NULL
           FROM meetings m
          WHERE COALESCE(ended_at, cancelled_at, ends_at) <= ?1
            AND (texts_purged_at IS NULL
                 OR EXISTS (SELECT 1 FROM events e
                             WHERE e.meeting_id = m.id AND e.seq > COALESCE(m.texts_purged_seq, 0)))
          ORDER BY ended, id",
    )?;
    let rows = stmt.query_map([cutoff], |r| {
        Ok((
            MeetingId(r.get(0)?),
            CentreId(r.get(1)?),
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    rows.collect::<Result<_, _>>()
}

/// Strips one meeting (events, claimed carry-over copies) and marks it purged; with `write`
/// false only counts. The caller commits. A meeting purged before (`again`) whose new events
/// hold no text (people leaving after the end) only has its covered seq moved on: its
/// purge time stays, so its live room is not sent away again for nothing.
fn purge_one(
    conn: &Connection,
    meeting: &MeetingId,
    now: Millis,
    again: bool,
    write: bool,
) -> Result<(usize, usize, usize, usize), DbError> {
    let log = events::load(conn, meeting)?;
    let (items, outcomes) = RoomState::replay(log.iter().map(|(e, _)| e)).map_or((0, 0), |s| {
        (
            s.items.len(),
            s.items.iter().filter(|i| i.outcome.is_some()).count(),
        )
    });
    let last_seq = log.last().map_or(0, |(e, _)| e.seq);
    let mut changed = Vec::new();
    for (mut event, _) in log {
        if strip_event(&mut event.kind) {
            changed.push((
                event.seq,
                serde_json::to_string(&event).expect("event serializes"),
            ));
        }
    }
    let carry = strip_claimed_carry_overs(conn, Some(meeting), write)?;
    if write {
        // The feedback's free texts go with the case texts; its counts stay.
        super::super::feedback::purge_comments(conn, meeting)?;
        let mut update =
            conn.prepare_cached("UPDATE events SET body = ?3 WHERE meeting_id = ?1 AND seq = ?2")?;
        for (seq, body) in &changed {
            update.execute(params![meeting.as_str(), *seq as i64, body])?;
        }
        if again && changed.is_empty() && carry == 0 {
            conn.execute(
                "UPDATE meetings SET texts_purged_seq = ?2 WHERE id = ?1",
                params![meeting.as_str(), last_seq as i64],
            )?;
            return Ok((items, outcomes, 0, 0));
        }
        conn.execute(
            "UPDATE meetings SET texts_purged_at = ?2, texts_purged_seq = ?3 WHERE id = ?1",
            params![meeting.as_str(), now, last_seq as i64],
        )?;
        if !changed.is_empty() {
            // The history clients knew is gone: a new epoch makes a reconnecting browser take
            // a snapshot of the purged room instead of keeping its own copy.
            conn.execute(
                "UPDATE meetings SET epoch = ?2 WHERE id = ?1",
                params![meeting.as_str(), new_epoch()],
            )?;
        }
    }
    Ok((items, outcomes, changed.len(), carry))
}

fn new_epoch() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// Strips the text of claimed carry-over copies whose source meeting is purged (of
/// `meeting` only, or of every purged meeting). Returns how many rows changed (would change).
fn strip_claimed_carry_overs(
    conn: &Connection,
    meeting: Option<&MeetingId>,
    write: bool,
) -> Result<usize, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.source_meeting, c.source_item, c.reason, c.item FROM carry_overs c
           JOIN meetings m ON m.id = c.source_meeting
          WHERE c.target_meeting IS NOT NULL
            AND (CAST(?1 AS TEXT) IS NULL AND m.texts_purged_at IS NOT NULL
                 OR c.source_meeting = ?1)",
    )?;
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([meeting.map(MeetingId::as_str)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut n = 0;
    for (source, source_item, reason, text) in rows {
        let mut item: AgendaItem = serde_json::from_str(&text).map_err(|source| DbError::Json {
            what: "carry-over item".into(),
            source,
        })?;
        if !strip_item(&mut item) {
            continue;
        }
        n += 1;
        if write {
            conn.execute(
                "UPDATE carry_overs SET item = ?4
                  WHERE source_meeting = ?1 AND source_item = ?2 AND reason = ?3",
                params![
                    source,
                    source_item,
                    reason,
                    serde_json::to_string(&item).expect("item serializes")
                ],
            )?;
        }
    }
    Ok(n)
}

/// Removes the texts of every meeting that ended more than `keep` before `now` (see the
/// module documentation); with `dry_run` only reports what would go. Each meeting is its own
/// transaction, so a busy server's log writer waits for one meeting at a time, never for the
/// whole pass. Afterwards the WAL is truncated so the old text is not left in it.
pub fn run(
    conn: &mut Connection,
    keep: Retention,
    now: Millis,
    dry_run: bool,
) -> Result<PurgeReport, DbError> {
    let cutoff = now.saturating_sub(keep.as_ms());
    let mut report = PurgeReport {
        cutoff,
        ..PurgeReport::default()
    };
    for (meeting, centre, ended_at, again) in due(conn, cutoff)? {
        let tx = conn.transaction_with_behavior(if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        })?;
        let (items, outcomes, events, carry_overs) =
            purge_one(&tx, &meeting, now, again, !dry_run)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        if again && events == 0 && carry_overs == 0 {
            // Only text-free events since the last purge: nothing to report.
            continue;
        }
        report.lines.push(PurgeLine {
            meeting,
            centre,
            ended_at,
            again,
            items,
            outcomes,
            events,
            carry_overs,
        });
    }
    {
        let tx = conn.transaction_with_behavior(if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        })?;
        report.late_carry_overs = strip_claimed_carry_overs(&tx, None, !dry_run)?;
        report.waiting_carry_overs = tx.query_row(
            "SELECT COUNT(*) FROM carry_overs c JOIN meetings m ON m.id = c.source_meeting
              WHERE c.target_meeting IS NULL AND m.texts_purged_at IS NOT NULL",
            (),
            |r| r.get::<_, i64>(0),
        )? as usize;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
    }
    if !dry_run && report.changed_anything() && conn.dialect() == crate::db::Dialect::Sqlite {
        // As after a redaction: copy the rewritten pages into the database file and empty
        // the WAL, so the removed text is on disk nowhere. A reader in the middle of a read
        // can make this partial; the next checkpoint finishes it.
        match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", (), |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(0) => {}
            Ok(_) => tracing::warn!("checkpoint after a text purge was partial (busy)"),
            Err(e) => tracing::error!(error = %e, "checkpoint after a text purge failed"),
        }
    }
    Ok(report)
}

/// Of `meetings`, those whose texts have been removed, with when: the server stops a live
/// room that was loaded before its meeting was purged (also by `ppt-hub purge` from another
/// process).
pub fn purged_among(
    conn: &Connection,
    meetings: &[MeetingId],
) -> Result<Vec<(MeetingId, Millis)>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT texts_purged_at FROM meetings WHERE id = ?1 AND texts_purged_at IS NOT NULL",
    )?;
    let mut out = Vec::new();
    for m in meetings {
        if let Some(at) = stmt
            .query_row([m.as_str()], |r| r.get::<_, Millis>(0))
            .optional()?
        {
            out.push((m.clone(), at));
        }
    }
    Ok(out)
}
