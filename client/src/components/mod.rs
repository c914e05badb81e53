//! Small building blocks shared by the pages.

#[cfg(feature = "meeting")]
pub mod agenda;
pub mod attendance;
#[cfg(feature = "meeting")]
pub mod hands;
#[cfg(feature = "meeting")]
pub mod item_form;
#[cfg(feature = "meeting")]
pub mod marked;
#[cfg(feature = "meeting")]
pub mod outcome;
#[cfg(feature = "meeting")]
pub mod representation;
#[cfg(feature = "meeting")]
pub mod roles;
pub mod status;
#[cfg(feature = "meeting")]
pub mod timer;

use crate::i18n::{service_name, Lang};
use shared::ids::ServiceId;
use shared::room::RoomState;

/// A service's display name in the meeting's catalogue (the id if it is not there).
pub fn service_label(room: &RoomState, lang: Lang, id: &ServiceId) -> String {
    room.meeting
        .service(id)
        .map(|s| service_name(lang, s).to_owned())
        .unwrap_or_else(|| id.to_string())
}
