//! The agenda: every item in order with kind, title, services wanted, status and time, and what
//! the chair plans with — question, presenter's service, summary, a warning when a wanted
//! service is not present, the "carried over" badge with the earlier turns, the recorded
//! outcome (open for everyone once the meeting has ended). The chair's version reorders the
//! queue (drag and drop, or the arrow buttons) and acts per item; every button names its item.
//! Defer, withdraw and redact ask first. The presenter edits their own queued item, the chair
//! any open one.
//!
//! [`list`] holds the rows; a [`row`] shows its item's text ([`body`]), its buttons and the box
//! that asks first ([`actions`]), and the edit form ([`edit`]); [`arrival`] says, for the chair,
//! where the items came from (the counts above the list and the word on each row).

pub mod actions;
pub mod arrival;
pub mod body;
pub mod edit;
pub mod list;
pub mod row;

pub use list::AgendaList;
