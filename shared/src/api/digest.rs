//! `GET /api/meetings/{meeting}/digests` (coordinator token): the services an ended meeting has
//! a "take back to your team" digest for (issue 13), each with the link the coordinator sends
//! to that service. The digest itself is an export like the minutes
//! (`GET /api/meetings/{meeting}/digest/{service}?format=md|html|csv|json&lang=`).

use crate::ids::ServiceId;
use serde::{Deserialize, Serialize};

/// One service's digest of a meeting, as the coordinator sees it before sending the link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDigestLink {
    /// The service.
    pub service: ServiceId,
    /// Its name in the asked language.
    pub name: String,
    /// People who took part for it.
    pub present: u32,
    /// Items in its digest (asked for it, or an outcome involves it).
    pub items: u32,
    /// The digest's link with its own key: opens that service's digest only, until the
    /// meeting's links expire or its chair key is rotated.
    pub link: String,
}

/// The answer of `GET /api/meetings/{meeting}/digests`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDigests {
    /// One per service present, asked for or involved, in the catalogue's order.
    pub digests: Vec<ServiceDigestLink>,
}
