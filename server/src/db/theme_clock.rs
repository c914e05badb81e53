//! The theme clock (vuosikello) of a centre: one row per planned month
//! ([`shared::api::theme_clock`]). A meeting's theme is the one of the month it starts in, in
//! the centre's time zone ([`month_of`]), so a meeting on the evening of the last day of a
//! month in Helsinki belongs to that month although it is the next one in UTC.

use super::DbError;
use crate::db::sql::{params, Connection, OptionalExtension};
use shared::api::{MonthTheme, WorkshopKind};
use shared::ids::CentreId;
use shared::Millis;

/// The months of a year with anything planned, January first.
pub fn get_year(
    conn: &Connection,
    centre: &CentreId,
    year: i32,
) -> Result<Vec<MonthTheme>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT month, theme, workshop, between_task FROM theme_clock
         WHERE centre_id = ?1 AND year = ?2 ORDER BY month",
    )?;
    let rows = stmt.query_map(params![centre.as_str(), year], row)?;
    rows.collect::<Result<_, _>>()
}

/// Replaces a year's plan with `months` (a month with nothing planned is not stored), in one
/// transaction.
pub fn put_year(
    conn: &mut Connection,
    centre: &CentreId,
    year: i32,
    months: &[MonthTheme],
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "DELETE FROM theme_clock WHERE centre_id = ?1 AND year = ?2",
        params![centre.as_str(), year],
    )?;
    for m in months.iter().filter(|m| m.is_planned()) {
        tx.execute(
            "INSERT INTO theme_clock (centre_id, year, month, theme, workshop, between_task)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                centre.as_str(),
                year,
                m.month,
                m.theme.trim(),
                m.workshop.map(WorkshopKind::as_str),
                m.between_task
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty()),
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Copies the plan of year `from` as the start of year `to` (month by month; what `to` had is
/// replaced), in one transaction. Returns how many months were copied.
pub fn copy_year(
    conn: &mut Connection,
    centre: &CentreId,
    from: i32,
    to: i32,
) -> Result<usize, DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "DELETE FROM theme_clock WHERE centre_id = ?1 AND year = ?2",
        params![centre.as_str(), to],
    )?;
    let n = tx.execute(
        "INSERT INTO theme_clock (centre_id, year, month, theme, workshop, between_task)
         SELECT centre_id, ?3, month, theme, workshop, between_task FROM theme_clock
         WHERE centre_id = ?1 AND year = ?2",
        params![centre.as_str(), from, to],
    )?;
    tx.commit()?;
    Ok(n)
}

/// The year and month (1–12) of an instant in a time zone (Helsinki if the name is unknown).
pub fn month_of(at: Millis, time_zone: &str) -> Option<(i32, u8)> {
    crate::time::local_date(at, time_zone).map(|d| (i32::from(d.year()), d.month() as u8))
}

/// The plan for the month a meeting starting at `starts_at` falls in, in the centre's zone;
/// `None` when nothing is planned for it.
pub fn for_meeting(
    conn: &Connection,
    centre: &CentreId,
    time_zone: &str,
    starts_at: Millis,
) -> Result<Option<MonthTheme>, DbError> {
    let Some((year, month)) = month_of(starts_at, time_zone) else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT month, theme, workshop, between_task FROM theme_clock
             WHERE centre_id = ?1 AND year = ?2 AND month = ?3",
            params![centre.as_str(), year, month],
            row,
        )
        .optional()?
        .filter(MonthTheme::is_planned))
}

/// One stored month (an unknown workshop name reads as none).
fn row(r: &crate::db::sql::Row) -> Result<MonthTheme, crate::db::DbError> {
    let workshop: Option<String> = r.get(2)?;
    Ok(MonthTheme {
        month: r.get(0)?,
        theme: r.get(1)?,
        workshop: workshop.as_deref().and_then(WorkshopKind::parse),
        between_task: r.get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::centres::{self, Centre};
    use crate::db::Db;
    use shared::domain::default_catalogue;

    fn test_db() -> (Db, crate::db::testing::TestStore) {
        let (db, dir) = crate::db::testing::fresh("theme-clock");
        db.call_now(|conn| {
            let c = Centre {
                id: CentreId::from("vuosaari"),
                name: "Vuosaari".into(),
                time_zone: "Europe/Helsinki".into(),
                schedule: None,
                allowlist: vec![],
                feed_key: "k".into(),
                services: default_catalogue(),
                agenda_ahead_hours: 24,
            };
            centres::insert(conn, &c, 0)
        })
        .unwrap();
        (db, dir)
    }

    fn month(m: u8, theme: &str, w: Option<WorkshopKind>, task: Option<&str>) -> MonthTheme {
        MonthTheme {
            month: m,
            theme: theme.into(),
            workshop: w,
            between_task: task.map(Into::into),
        }
    }

    /// Milliseconds of an RFC 3339 instant.
    fn ms(s: &str) -> Millis {
        s.parse::<jiff::Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn the_month_is_the_centres_local_month() {
        // 31 Jan 23:30 in Helsinki is 21:30 UTC, still January; 1 Feb 00:30 in Helsinki is
        // 31 Jan 22:30 UTC, already February for the centre.
        assert_eq!(
            month_of(ms("2027-01-31T21:30:00Z"), "Europe/Helsinki"),
            Some((2027, 1))
        );
        assert_eq!(
            month_of(ms("2027-01-31T22:30:00Z"), "Europe/Helsinki"),
            Some((2027, 2))
        );
        assert_eq!(month_of(ms("2027-01-31T22:30:00Z"), "UTC"), Some((2027, 1)));
        // New Year's Eve in Helsinki is the next year already.
        assert_eq!(
            month_of(ms("2026-12-31T22:30:00Z"), "Europe/Helsinki"),
            Some((2027, 1))
        );
    }

    #[test]
    fn a_year_is_planned_read_and_copied() {
        let (db, dir) = test_db();
        let c = CentreId::from("vuosaari");
        db.call_now(|conn| {
            put_year(
                conn,
                &c,
                2026,
                &[
                    month(
                        9,
                        "Kiusaaminen",
                        Some(WorkshopKind::StartingWorkshop),
                        Some("  Kartoita tiimin käytännöt "),
                    ),
                    month(
                        10,
                        "Koulunkäynnin tuki",
                        Some(WorkshopKind::Training),
                        Some("  "),
                    ),
                    month(11, "", None, None),
                ],
            )?;
            let got = get_year(conn, &c, 2026)?;
            assert_eq!(got.len(), 2, "an unplanned month is not stored");
            assert_eq!(
                got[0].between_task.as_deref(),
                Some("Kartoita tiimin käytännöt")
            );
            assert_eq!(got[1].between_task, None);
            // The month a meeting falls in.
            let sept = for_meeting(conn, &c, "Europe/Helsinki", ms("2026-09-08T10:00:00Z"))?;
            assert_eq!(sept.unwrap().theme, "Kiusaaminen");
            assert_eq!(
                for_meeting(conn, &c, "Europe/Helsinki", ms("2026-11-08T10:00:00Z"))?,
                None
            );
            // Copied as the start of the next year; the next year's own plan is replaced.
            put_year(conn, &c, 2027, &[month(1, "Vanha", None, None)])?;
            assert_eq!(copy_year(conn, &c, 2026, 2027)?, 2);
            let next = get_year(conn, &c, 2027)?;
            assert_eq!(next, get_year(conn, &c, 2026)?);
            // The source year is untouched, and copying an empty year empties the target.
            assert_eq!(get_year(conn, &c, 2026)?.len(), 2);
            assert_eq!(copy_year(conn, &c, 2020, 2027)?, 0);
            assert!(get_year(conn, &c, 2027)?.is_empty());
            Ok(())
        })
        .unwrap();
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }
}
