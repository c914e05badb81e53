//! Items on their way from one meeting to the centre's next one.

use super::DbError;
use crate::db::sql::{params, Connection, Dialect};
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

/// Where items leaving a meeting of `centre` that started at `after` go: the centre's next
/// **monthly** meeting after it that is not cancelled or ended — a meeting of its series
/// (`series_date` set) or one made by hand at the slot's time — and only when there is none
/// (or the centre has no schedule), the next meeting that exists. So an extra meeting made for
/// today (`./run.sh`'s demo, an ad hoc consultation) does not take what was deferred to the
/// next monthly meeting. A quick consultation room (`kind = 'quick'`) is never a target: what
/// it defers goes to the centre's next monthly meeting like any other. `source` is never its
/// own target.
pub fn target_after(
    conn: &Connection,
    centre: &CentreId,
    source: Option<&MeetingId>,
    after: Millis,
) -> Result<Option<MeetingId>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, starts_at, series_date IS NOT NULL FROM meetings
          WHERE centre_id = ?1 AND starts_at > ?2 AND cancelled_at IS NULL AND ended_at IS NULL
            AND kind = 'monthly'
          ORDER BY starts_at, id",
    )?;
    let rows = stmt.query_map(params![centre.as_str(), after], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    let mut candidates = Vec::new();
    for row in rows {
        let (id, starts, series) = row?;
        if source.is_some_and(|s| s.as_str() == id) {
            continue;
        }
        candidates.push((id, starts, series));
    }
    let slot = super::centres::get(conn, centre)?.and_then(|c| {
        let tz = jiff::tz::TimeZone::get(&c.time_zone).ok()?;
        c.schedule.map(|s| (s, tz))
    });
    let monthly = slot.as_ref().and_then(|(rule, tz)| {
        candidates
            .iter()
            .find(|(_, starts, series)| *series || rule.is_slot(tz, *starts))
    });
    Ok(monthly
        .or(candidates.first())
        .map(|(id, _, _)| MeetingId(id.clone())))
}

/// Unclaimed carry-overs whose next meeting ([`target_after`]) is `target`, oldest first.
pub fn pending_for(
    conn: &Connection,
    centre: &CentreId,
    target: &MeetingId,
) -> Result<Vec<Pending>, DbError> {
    // In the order they were carried: SQLite's rowid, PostgreSQL's identity column.
    let mut stmt = conn.prepare_cached(match conn.dialect() {
        Dialect::Sqlite => {
            "SELECT c.source_meeting, c.source_starts_at, c.reason, c.item FROM carry_overs c
              WHERE c.centre_id = ?1 AND c.target_meeting IS NULL
              ORDER BY c.source_starts_at, c.rowid"
        }
        Dialect::Postgres => {
            "SELECT c.source_meeting, c.source_starts_at, c.reason, c.item FROM carry_overs c
              WHERE c.centre_id = ?1 AND c.target_meeting IS NULL
              ORDER BY c.source_starts_at, c.registered"
        }
    })?;
    let rows: Vec<(String, i64, String, String)> = stmt
        .query_map(params![centre.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut targets: std::collections::HashMap<(String, i64), Option<MeetingId>> =
        std::collections::HashMap::new();
    let mut mine = Vec::new();
    for row in rows {
        let key = (row.0.clone(), row.1);
        if !targets.contains_key(&key) {
            let t = target_after(conn, centre, Some(&MeetingId(row.0.clone())), row.1)?;
            targets.insert(key.clone(), t);
        }
        if targets[&key].as_ref() == Some(target) {
            mine.push(row);
        }
    }
    let rows = mine.into_iter().map(Ok::<_, DbError>);
    let mut out = Vec::new();
    for row in rows {
        let (source, starts, reason, item) = row?;
        let item: AgendaItem = serde_json::from_str(&item).map_err(|source| DbError::Json {
            what: "carry-over item".into(),
            source,
        })?;
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
        let mut it: AgendaItem = serde_json::from_str(&text).map_err(|source| DbError::Json {
            what: "carry-over item".into(),
            source,
        })?;
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
