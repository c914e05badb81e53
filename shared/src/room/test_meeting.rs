//! The meeting the rules' tests run: the demo centre's, an hour long, with the default
//! catalogue. One place, so a new field of `MeetingInfo` is filled in once for every test file.

use super::*;
use crate::ids::{CentreId, MeetingId};

/// Meeting `id` of the demo centre from `starts_at` to `ends_at`, with the default catalogue.
pub(super) fn meeting(id: &str, starts_at: Millis, ends_at: Millis) -> MeetingInfo {
    MeetingInfo {
        id: MeetingId::from(id),
        centre_id: CentreId::from("kalasatama"),
        centre_name: "Kalasatama".into(),
        title: "PPT".into(),
        starts_at,
        ends_at,
        services: default_catalogue(),
        kind: Default::default(),
    }
}
