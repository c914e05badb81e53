//! One file per page. Meeting pages, the coordinator page and the forms go into separate bundles.
//!
//! A meeting link (`/m/{id}#key=…`) shows [`fatal`] when the link cannot work, [`join`] until
//! the person has joined, then [`participant`] or [`chair`] by the role the key gives;
//! `/m/{id}/screen` shows [`screen`]. Outside a live meeting, in a bundle of their own (`forms`):
//! [`feedback`] (`/feedback/{id}#key=…`, the form offered when a meeting ends) and [`quick`]
//! (`/quick#key=…`, opening a quick consultation room). The app shell (`crate::app`) picks among them.

#[cfg(feature = "meeting")]
pub mod chair;
#[cfg(feature = "coordinator")]
pub mod coordinator;
#[cfg(feature = "meeting")]
pub mod fatal;
#[cfg(feature = "forms")]
pub mod feedback;
#[cfg(feature = "meeting")]
pub mod join;
#[cfg(feature = "meeting")]
pub mod participant;
#[cfg(feature = "forms")]
pub mod quick;
#[cfg(feature = "meeting")]
pub mod screen;
