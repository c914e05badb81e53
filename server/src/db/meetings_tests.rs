//! The store's side of quick consultation rooms: the kind is kept, a key finds its meeting,
//! and the counts the limits are taken from.

use super::*;
use crate::db::Db;
use shared::domain::default_catalogue;

const NOW: Millis = 1_800_000_000_000;
const MIN: Millis = 60_000;

fn test_db() -> (Db, crate::db::testing::TestStore) {
    let (db, dir) = crate::db::testing::fresh("meetings");
    db.call_now(|conn| {
        conn.execute(
            "INSERT INTO centres (id, name, feed_key, created_at) VALUES ('c1', 'Kalasatama', 'k', 0)",
            (),
        )?;
        Ok(())
    })
    .unwrap();
    (db, dir)
}

/// Stores a meeting `id` of kind `kind` made at `created`, from `starts` for `minutes`.
fn store(db: &Db, id: &str, kind: MeetingKind, created: Millis, starts: Millis, minutes: i64) {
    let row = MeetingRow {
        id: MeetingId(id.into()),
        centre_id: CentreId("c1".into()),
        title: "Kysymys".into(),
        starts_at: starts,
        ends_at: starts + minutes * MIN,
        chair_key: format!("{id}-chair"),
        participant_key: format!("{id}-part"),
        deputy_key: format!("{id}-dep"),
        epoch: "e".into(),
        series_date: None,
        cancelled_at: None,
        ended_at: None,
        revision: 0,
        kind,
    };
    let info = MeetingInfo {
        id: row.id.clone(),
        centre_id: row.centre_id.clone(),
        centre_name: "Kalasatama".into(),
        title: row.title.clone(),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        services: default_catalogue(),
        kind,
    };
    db.call_now(|conn| create(conn, &row, &info, created))
        .unwrap();
}

#[test]
fn quick_rooms_are_stored_as_such_and_counted_for_the_limits() {
    let (db, dir) = test_db();
    store(
        &db,
        "m1",
        MeetingKind::Monthly,
        NOW - 2 * 86_400_000,
        NOW,
        60,
    );
    // Opened yesterday (outside the 24 hours), one open now, one past its end, one ended.
    store(
        &db,
        "q0",
        MeetingKind::Quick,
        NOW - 86_400_001,
        NOW - 86_400_001,
        20,
    );
    store(
        &db,
        "q1",
        MeetingKind::Quick,
        NOW - 5 * MIN,
        NOW - 5 * MIN,
        20,
    );
    store(
        &db,
        "q2",
        MeetingKind::Quick,
        NOW - 40 * MIN,
        NOW - 40 * MIN,
        30,
    );
    store(
        &db,
        "q3",
        MeetingKind::Quick,
        NOW - 10 * MIN,
        NOW - 10 * MIN,
        30,
    );
    db.call_now(|conn| {
        conn.execute(
            "UPDATE meetings SET ended_at = ?1 WHERE id = 'q3'",
            [NOW - MIN],
        )?;
        Ok(())
    })
    .unwrap();

    db.call_now(|conn| {
        assert_eq!(
            get(conn, &MeetingId::from("q1"))?.unwrap().kind,
            MeetingKind::Quick
        );
        assert_eq!(
            get(conn, &MeetingId::from("m1"))?.unwrap().kind,
            MeetingKind::Monthly
        );
        assert_eq!(
            quick_counts(conn, &CentreId::from("c1"), NOW)?,
            (1, 3),
            "open: q1 only; opened in 24 h: q1, q2, q3"
        );
        assert_eq!(quick_counts(conn, &CentreId::from("c2"), NOW)?, (0, 0));
        assert_eq!(by_key(conn, "m1-part")?.unwrap().id.as_str(), "m1");
        assert_eq!(by_key(conn, "q1-chair")?.unwrap().id.as_str(), "q1");
        assert_eq!(by_key(conn, "m1-dep")?.unwrap().id.as_str(), "m1");
        assert!(by_key(conn, "m1-par")?.is_none(), "a key's prefix is no key");
        assert!(by_key(conn, "nobody")?.is_none());
        Ok(())
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(dir);
}
