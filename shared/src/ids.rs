//! Typed identifiers. Each wraps a string so that a meeting id can never be passed where an
//! item id is expected; all are opaque to clients.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as a string slice, for storage and URLs.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// A health and wellbeing centre (THK), e.g. `kalasatama`.
    CentreId
);
id_type!(
    /// One meeting of a centre; unguessability is not needed here, the keys give access.
    MeetingId
);
id_type!(
    /// One agenda item of a meeting.
    ItemId
);
id_type!(
    /// A person's presence in one meeting. Public: shown to everyone in the room. The secret
    /// that lets a browser reclaim it after a reconnect is never broadcast.
    ParticipantId
);
id_type!(
    /// A service of a centre's catalogue, e.g. `health_station` or `kela`.
    ServiceId
);
