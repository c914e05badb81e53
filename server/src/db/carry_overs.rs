//! Items on their way from one meeting to the centre's next one.

use super::DbError;
use rusqlite::{params, Connection};
use shared::domain::{AgendaItem, CarryReason};
use shared::ids::{CentreId, ItemId, MeetingId};
use shared::Millis;

/// An item waiting for (or claimed by) the next meeting.
#[derive(Clone, Debug)]
pub struct Pending {
    pub source_meeting: MeetingId,
    pub source_starts_at: Millis,
    pub reason: CarryReason,
    /// The item as it stood when it left its meeting.
    pub item: AgendaItem,
}

fn reason_str(r: CarryReason) -> &'static str {
    match r {
        CarryReason::Deferred => "deferred",
        CarryReason::FollowUp => "follow_up",
    }
}

/// Records (or refreshes, while unclaimed) an item leaving `source`.
pub fn register(
    conn: &Connection,
    source: &MeetingId,
    centre: &CentreId,
    source_starts_at: Millis,
    reason: CarryReason,
    item: &AgendaItem,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO carry_overs (source_meeting, source_item, reason, centre_id, source_starts_at, item)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (source_meeting, source_item, reason)
         DO UPDATE SET item = excluded.item WHERE carry_overs.target_meeting IS NULL",
        params![
            source.as_str(),
            item.id.as_str(),
            reason_str(reason),
            centre.as_str(),
            source_starts_at,
            serde_json::to_string(item).expect("item serializes")
        ],
    )?;
    Ok(())
}

/// Drops an unclaimed carry-over (a follow-up that was unticked).
pub fn unregister(
    conn: &Connection,
    source: &MeetingId,
    item: &ItemId,
    reason: CarryReason,
) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM carry_overs WHERE source_meeting = ?1 AND source_item = ?2 AND reason = ?3 AND target_meeting IS NULL",
        params![source.as_str(), item.as_str(), reason_str(reason)],
    )?;
    Ok(())
}

/// Marks a carry-over as taken by `target`.
pub fn claim(
    conn: &Connection,
    source: &MeetingId,
    item: &ItemId,
    reason: CarryReason,
    target: &MeetingId,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE carry_overs SET target_meeting = ?4 WHERE source_meeting = ?1 AND source_item = ?2 AND reason = ?3",
        params![source.as_str(), item.as_str(), reason_str(reason), target.as_str()],
    )?;
    Ok(())
}

/// Unclaimed carry-overs whose next open meeting is `target`, oldest first. The next meeting
/// is the centre's next **scheduled** (monthly series) meeting after the one the item left,
/// not cancelled or ended; only when the centre has no such meeting, the next meeting made by
/// hand. So an extra meeting created for today (`./run.sh`'s demo, an ad hoc consultation)
/// does not swallow what was deferred to the next monthly meeting.
/// ([`super::meetings::next_open_after`] follows the same rule.)
pub fn pending_for(
    conn: &Connection,
    centre: &CentreId,
    target: &MeetingId,
) -> Result<Vec<Pending>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.source_meeting, c.source_starts_at, c.reason, c.item FROM carry_overs c
          WHERE c.centre_id = ?1 AND c.target_meeting IS NULL
            AND ?2 = (SELECT m.id FROM meetings m
                       WHERE m.centre_id = c.centre_id AND m.starts_at > c.source_starts_at
                         AND m.id != c.source_meeting AND m.cancelled_at IS NULL AND m.ended_at IS NULL
                       ORDER BY m.series_date IS NULL, m.starts_at LIMIT 1)
          ORDER BY c.source_starts_at, c.rowid",
    )?;
    let rows = stmt.query_map(params![centre.as_str(), target.as_str()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (source, starts, reason, item) = row?;
        let item: AgendaItem =
            serde_json::from_str(&item).map_err(|e| DbError(format!("carry-over item: {e}")))?;
        let reason = if reason == "follow_up" {
            CarryReason::FollowUp
        } else {
            CarryReason::Deferred
        };
        out.push(Pending {
            source_meeting: MeetingId(source),
            source_starts_at: starts,
            reason,
            item,
        });
    }
    Ok(out)
}

/// Redacts the stored copy of `item` on its way out of `source` (see
/// [`shared::domain::AgendaItem::redact`]).
pub fn redact(conn: &Connection, source: &MeetingId, item: &ItemId) -> Result<(), DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT reason, item FROM carry_overs WHERE source_meeting = ?1 AND source_item = ?2",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map(params![source.as_str(), item.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    for (reason, text) in rows {
        let mut it: AgendaItem =
            serde_json::from_str(&text).map_err(|e| DbError(format!("carry-over item: {e}")))?;
        it.redact();
        conn.execute(
            "UPDATE carry_overs SET item = ?4 WHERE source_meeting = ?1 AND source_item = ?2 AND reason = ?3",
            params![
                source.as_str(),
                item.as_str(),
                reason,
                serde_json::to_string(&it).expect("item serializes")
            ],
        )?;
    }
    Ok(())
}

/// The meetings that took `item` of `source` onto their agenda.
pub fn targets_of(
    conn: &Connection,
    source: &MeetingId,
    item: &ItemId,
) -> Result<Vec<MeetingId>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT target_meeting FROM carry_overs
          WHERE source_meeting = ?1 AND source_item = ?2 AND target_meeting IS NOT NULL",
    )?;
    let rows = stmt.query_map(params![source.as_str(), item.as_str()], |r| {
        r.get::<_, String>(0)
    })?;
    let mut out = Vec::new();
    for r in rows {
        out.push(MeetingId(r?));
    }
    Ok(out)
}
