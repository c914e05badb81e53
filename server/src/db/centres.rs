//! Centres (THK): name, time zone, monthly slot, guard allowlist and service catalogue.

use super::DbError;
use crate::db::sql::{params, Connection, OptionalExtension};
use crate::schedule::Schedule;
use serde::Serialize;
use shared::domain::Service;
use shared::ids::{CentreId, ServiceId};

/// A centre as the coordinator manages it.
#[derive(Clone, Debug, Serialize)]
pub struct Centre {
    pub id: CentreId,
    pub name: String,
    pub time_zone: String,
    pub schedule: Option<Schedule>,
    pub allowlist: Vec<String>,
    /// Capability of the calendar feed URL; shown to the coordinator, never to participants.
    pub feed_key: String,
    pub services: Vec<Service>,
    /// How many hours before each meeting's start its agenda is published (the agenda out
    /// ahead): participants see the queue from then, and later submissions are late additions.
    pub agenda_ahead_hours: u32,
}

/// Stores a new centre with its catalogue (one transaction).
pub fn insert(conn: &mut Connection, centre: &Centre, now: i64) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO centres (id, name, time_zone, schedule, allowlist, feed_key, created_at,
                              agenda_ahead_hours)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            centre.id.as_str(),
            centre.name,
            centre.time_zone,
            centre
                .schedule
                .as_ref()
                .map(|s| serde_json::to_string(s).expect("schedule serializes")),
            serde_json::to_string(&centre.allowlist).expect("allowlist serializes"),
            centre.feed_key,
            now,
            centre.agenda_ahead_hours
        ],
    )?;
    write_services(&tx, &centre.id, &centre.services)?;
    tx.commit()?;
    Ok(())
}

/// Replaces every editable field of an existing centre.
pub fn update(conn: &mut Connection, centre: &Centre) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE centres SET name = ?2, time_zone = ?3, schedule = ?4, allowlist = ?5,
                            agenda_ahead_hours = ?6 WHERE id = ?1",
        params![
            centre.id.as_str(),
            centre.name,
            centre.time_zone,
            centre
                .schedule
                .as_ref()
                .map(|s| serde_json::to_string(s).expect("schedule serializes")),
            serde_json::to_string(&centre.allowlist).expect("allowlist serializes"),
            centre.agenda_ahead_hours,
        ],
    )?;
    tx.execute(
        "DELETE FROM services WHERE centre_id = ?1",
        [centre.id.as_str()],
    )?;
    write_services(&tx, &centre.id, &centre.services)?;
    tx.commit()?;
    Ok(())
}

fn write_services(
    conn: &Connection,
    centre: &CentreId,
    services: &[Service],
) -> Result<(), DbError> {
    for (pos, s) in services.iter().enumerate() {
        conn.execute(
            "INSERT INTO services (centre_id, id, position, name_fi, name_sv, name_en, required)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                centre.as_str(),
                s.id.as_str(),
                pos as i64,
                s.name_fi,
                s.name_sv,
                s.name_en,
                s.required
            ],
        )?;
    }
    Ok(())
}

/// One centre with its catalogue, `None` if there is no such centre.
pub fn get(conn: &Connection, id: &CentreId) -> Result<Option<Centre>, DbError> {
    let row = conn
        .query_row(
            "SELECT name, time_zone, schedule, allowlist, feed_key, agenda_ahead_hours
             FROM centres WHERE id = ?1",
            [id.as_str()],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, u32>(5)?,
                ))
            },
        )
        .optional()?;
    let Some(((name, time_zone), schedule, allowlist, feed_key, agenda_ahead_hours)) = row else {
        return Ok(None);
    };
    let schedule = match schedule {
        Some(s) => Some(serde_json::from_str(&s).map_err(|source| DbError::Json {
            what: format!("schedule of {id}"),
            source,
        })?),
        None => None,
    };
    let allowlist = serde_json::from_str(&allowlist).map_err(|source| DbError::Json {
        what: format!("allowlist of {id}"),
        source,
    })?;
    Ok(Some(Centre {
        id: id.clone(),
        name,
        time_zone,
        schedule,
        allowlist,
        feed_key,
        services: services(conn, id)?,
        agenda_ahead_hours,
    }))
}

/// Every centre, by name.
pub fn list(conn: &Connection) -> Result<Vec<Centre>, DbError> {
    let mut stmt = conn.prepare("SELECT id FROM centres ORDER BY name")?;
    let ids: Vec<String> = stmt
        .query_map((), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(c) = get(conn, &CentreId(id))? {
            out.push(c);
        }
    }
    Ok(out)
}

/// How many centres there are (the demo centre is made only on an empty database).
pub fn count(conn: &Connection) -> Result<i64, DbError> {
    conn.query_row("SELECT COUNT(*) FROM centres", (), |r| r.get(0))
}

fn services(conn: &Connection, centre: &CentreId) -> Result<Vec<Service>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, name_fi, name_sv, name_en, required FROM services WHERE centre_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([centre.as_str()], |r| {
        Ok(Service {
            id: ServiceId(r.get(0)?),
            name_fi: r.get(1)?,
            name_sv: r.get(2)?,
            name_en: r.get(3)?,
            required: r.get(4)?,
        })
    })?;
    rows.collect::<Result<_, _>>()
}

/// Replaces a centre's calendar feed key with `new_key`, so the old feed URL stops at once (a
/// leaked feed is revoked this way). Returns whether the centre exists.
pub fn rotate_feed_key(conn: &Connection, id: &CentreId, new_key: &str) -> Result<bool, DbError> {
    Ok(conn.execute(
        "UPDATE centres SET feed_key = ?2 WHERE id = ?1",
        params![id.as_str(), new_key],
    )? > 0)
}
