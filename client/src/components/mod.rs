//! Small building blocks shared by the pages.

pub mod agenda;
pub mod coordinator;
pub mod hands;
pub mod item_form;
pub mod marked;
pub mod representation;
pub mod status;
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
