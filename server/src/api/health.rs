//! `GET /api/health` (no token): the server answers, with how many rooms are in memory — what
//! a load balancer or an operator checks first.

use crate::AppState;
use axum::extract::State;
use axum::Json;
use shared::api::Health;

/// `GET /api/health`.
pub async fn health(State(app): State<AppState>) -> Json<Health> {
    Json(Health {
        ok: true,
        live_rooms: app.rooms.live(),
    })
}
