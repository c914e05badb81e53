//! `GET /api/health` (no token): whether this node can serve meetings — it answers, its store
//! takes a write and (several nodes on PostgreSQL) its lock session is open — with how many
//! rooms are in memory: what a load balancer or an operator checks first. 503 when either
//! fails, so a balancer's plain status check takes the node out of rotation.

use crate::db::settings;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::api::Health;
use std::time::Duration;

/// How long the store has to take the probe before the node counts as unhealthy (less than the
/// store's own busy timeout, so a locked store is reported rather than waited out).
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /api/health`.
pub async fn health(State(app): State<AppState>) -> (StatusCode, Json<Health>) {
    let store = store_takes_a_write(&app).await;
    let cluster = app.rooms.cluster();
    let locks = tokio::time::timeout(PROBE_TIMEOUT, cluster.can_hold())
        .await
        .unwrap_or(false);
    let ok = store && locks;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        ok,
        store,
        live_rooms: app.rooms.live(),
        engine: match app.db.dialect() {
            crate::db::Dialect::Sqlite => "sqlite",
            crate::db::Dialect::Postgres => "postgres",
        }
        .into(),
        node: cluster.node().to_owned(),
        locks,
    };
    (status, Json(body))
}

/// Writes the probe row (`settings.health_probe`, the time of the check) on the general
/// connection: a read alone would pass on a full disk or a read-only file, where every
/// meeting's changes are refused.
async fn store_takes_a_write(app: &AppState) -> bool {
    let now = crate::room::now_ms().to_string();
    let probe = app
        .db
        .call(move |conn| settings::set(conn, "health_probe", &now));
    match tokio::time::timeout(PROBE_TIMEOUT, probe).await {
        Ok(Ok(())) => true,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health: the store did not take the probe write");
            false
        }
        Err(_) => {
            tracing::warn!("health: the store did not answer the probe within 2 s");
            false
        }
    }
}
