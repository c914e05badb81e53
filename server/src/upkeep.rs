//! The server's recurring work: keeping every scheduled centre's next meetings created, and
//! keeping case texts within their retention period. Both run as tasks started by
//! [`crate::Server::run`] and stop at shutdown.

/// Removes the texts of meetings whose retention has run out, by itself: a purge pass at
/// start and then every `policy.every` (hourly), see [`crate::db::retention`]. Between passes,
/// at least once a minute, it stops every live room that read its log before its meeting was
/// purged — by this server or by `ppt-hub purge` from the command line — so no room keeps
/// serving texts that are gone from the database; its clients reconnect to a fresh room, whose
/// new log epoch gives them a snapshot of the purged meeting.
///
/// Logs ids and counts only, never a text.
pub async fn keep_texts_within_retention(
    db: crate::db::Db,
    rooms: std::sync::Arc<crate::registry::Rooms>,
    policy: crate::db::retention::RetentionPolicy,
    shutdown: tokio_util::sync::CancellationToken,
) {
    use std::time::Duration;
    let sweep_every = policy.every.min(Duration::from_secs(60));
    let mut tick = tokio::time::interval(sweep_every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_pass: Option<tokio::time::Instant> = None;
    loop {
        tokio::select! {
            _ = tick.tick() => {},
            _ = shutdown.cancelled() => return,
        }
        // The pass runs on the node that does the scheduled work; every node stops its own
        // rooms that read texts since purged (below).
        if last_pass.is_none_or(|t| t.elapsed() >= policy.every) && rooms.cluster().lead().await {
            last_pass = Some(tokio::time::Instant::now());
            let keep = policy.keep;
            let db = db.clone();
            // On a connection of its own, so API requests never wait behind a long pass (the
            // first one on an old database may have many meetings to rewrite); each meeting
            // is its own short write transaction.
            let pass = tokio::task::spawn_blocking(move || {
                let mut conn = db.dedicated()?;
                crate::db::retention::run(&mut conn, keep, crate::room::now_ms(), false)
            })
            .await
            .unwrap_or_else(|e| Err(crate::db::DbError::Task(e)));
            match pass {
                Ok(r) => {
                    for l in &r.lines {
                        tracing::info!(
                            meeting = %l.meeting,
                            items = l.items,
                            events = l.events,
                            carry_overs = l.carry_overs,
                            again = l.again,
                            "case texts removed after the retention period"
                        );
                    }
                    if r.late_carry_overs > 0 {
                        tracing::info!(
                            carry_overs = r.late_carry_overs,
                            "texts of claimed carry-overs removed"
                        );
                    }
                }
                Err(e) => tracing::error!(error = %e, "text retention pass failed"),
            }
        }
        evict_purged_rooms(&db, &rooms).await;
    }
}

/// Stops the live rooms that read their log before their meeting's texts were purged.
async fn evict_purged_rooms(db: &crate::db::Db, rooms: &crate::registry::Rooms) {
    let live = rooms.loaded();
    if live.is_empty() {
        return;
    }
    let ids: Vec<shared::ids::MeetingId> = live.iter().map(|(id, _, _)| id.clone()).collect();
    let purged = match db
        .call(move |conn| crate::db::retention::purged_among(conn, &ids))
        .await
    {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "looking for purged live rooms failed");
            return;
        }
    };
    for (id, purged_at) in purged {
        for (_, generation, loaded_at) in live.iter().filter(|(l, _, _)| *l == id) {
            if *loaded_at <= purged_at && rooms.evict(&id, *generation) {
                tracing::info!(meeting = %id, "room reloaded after its texts were removed");
            }
        }
    }
}

/// Keeps every scheduled centre's next meetings created: at start, then hourly (so the
/// series rolls forward as months pass).
pub async fn plan_meetings(
    db: crate::db::Db,
    cluster: crate::cluster::Cluster,
    shutdown: tokio_util::sync::CancellationToken,
) {
    use std::time::Duration;
    // Every minute this node asks whether it leads (several nodes: one does the work; when it
    // dies another takes over within a minute), and plans when an hour has passed.
    let mut every = tokio::time::interval(Duration::from_secs(60));
    let mut last: Option<tokio::time::Instant> = None;
    loop {
        tokio::select! {
            _ = every.tick() => {},
            _ = shutdown.cancelled() => return,
        }
        if last.is_some_and(|t| t.elapsed() < Duration::from_secs(3600)) || !cluster.lead().await {
            continue;
        }
        last = Some(tokio::time::Instant::now());
        match crate::planning::ensure_upcoming(&db, None).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(created = n, "upcoming meetings created from schedules"),
            Err(e) => tracing::error!(error = %e, "planning upcoming meetings failed"),
        }
    }
}
