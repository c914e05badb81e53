//! One file per page. Meeting pages and the coordinator page go into separate bundles.

#[cfg(feature = "meeting")]
pub mod chair;
#[cfg(feature = "coordinator")]
pub mod coordinator;
#[cfg(feature = "meeting")]
pub mod join;
#[cfg(feature = "meeting")]
pub mod room;
#[cfg(feature = "meeting")]
pub mod screen;
