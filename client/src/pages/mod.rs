//! One file per page. Meeting pages and the coordinator page go into separate bundles.
//!
//! A meeting link (`/m/{id}#key=…`) shows [`fatal`] when the link cannot work, [`join`] until
//! the person has joined, then [`participant`] or [`chair`] by the role the key gives;
//! `/m/{id}/screen` shows [`screen`]. Outside a live meeting, in the coordinator's bundle:
//! [`feedback`] (`/feedback/{id}#key=…`, the form offered when a meeting ends) and [`quick`]
//! (`/quick#key=…`, opening a quick consultation room). The app shell (`crate::app`) picks among them.

#[cfg(feature = "meeting")]
pub mod chair;
#[cfg(feature = "coordinator")]
pub mod coordinator;
#[cfg(feature = "meeting")]
pub mod fatal;
#[cfg(feature = "coordinator")]
pub mod feedback;
#[cfg(feature = "meeting")]
pub mod join;
#[cfg(feature = "meeting")]
pub mod participant;
#[cfg(feature = "coordinator")]
pub mod quick;
#[cfg(feature = "meeting")]
pub mod screen;
