//! Small building blocks shared by the pages.

#[cfg(feature = "meeting")]
pub mod agenda;
pub mod attendance;
#[cfg(feature = "meeting")]
pub mod guests;
#[cfg(feature = "meeting")]
pub mod hands;
#[cfg(feature = "meeting")]
pub mod item_form;
#[cfg(feature = "meeting")]
pub mod marked;
#[cfg(feature = "meeting")]
pub mod month_theme;
#[cfg(feature = "meeting")]
pub mod onward;
#[cfg(feature = "meeting")]
pub mod outcome;
#[cfg(feature = "meeting")]
pub mod representation;
#[cfg(feature = "meeting")]
pub mod roles;
pub mod status;
#[cfg(feature = "meeting")]
pub mod timer;

pub use crate::i18n::service_label;
