//! The month's theme from the centre's theme clock (vuosikello, issue 13) in a live room: read
//! again when the coordinator changes the clock and when the meeting moves (perhaps to another
//! month). Not an event: the room's state carries it, as it carries the time zone, and clients
//! take it from their next snapshot.

use super::Room;
use crate::db::theme_clock;

impl Room {
    /// Reads the plan for the meeting's month in the centre's zone and keeps it if it changed.
    pub(super) async fn reload_month_theme(&mut self) {
        let c = self.state.meeting.centre_id.clone();
        let (tz, at) = (self.state.time_zone.clone(), self.state.meeting.starts_at);
        let read = self
            .db
            .call(move |conn| theme_clock::for_meeting(conn, &c, &tz, at))
            .await;
        match read {
            Ok(theme) if theme != self.state.month_theme => {
                self.state.month_theme = theme;
                self.snapshot = None;
            }
            Ok(_) => {}
            Err(e) => {
                tracing::error!(meeting = %self.id, error = %e, "reading the theme clock failed")
            }
        }
    }
}
