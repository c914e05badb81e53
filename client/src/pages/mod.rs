//! One file per page.

pub mod chair;
pub mod coordinator;
pub mod join;
pub mod room;
pub mod screen;
