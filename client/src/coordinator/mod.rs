//! # The coordinator's page
//!
//! Sign in with the coordinator token, pick a centre, then three views: its meetings (links,
//! move, cancel, replace a link, holiday flags, minutes, the calendar feed, a one-off
//! meeting), its settings (or a new centre), and period reports with charts. Times are shown
//! and entered in the centre's time zone, whatever the browser's is, and the zone is named
//! beside them.
//!
//! Everything the page sends and reads is a typed view of [`shared::api`], the same types the
//! server writes. The page is built from Leptos views, so the framework escapes every text;
//! the only markup put in as text is the report charts' SVG (drawn and escaped by
//! `shared::charts`), and the minutes go into a sandboxed frame as `srcdoc`.
//!
//! Map of the modules:
//! - Pure, tested on the host: [`model`] (a meeting in words: state, time in the centre's
//!   zone, what its card offers; the slot in words), [`draft`] (the centre editor's fields and
//!   the request they become), [`report`] (a period report's figures and charts, and its
//!   query), [`report_chart`] (a chart, and dates and numbers as its labels write them),
//!   [`report_feedback`] (the period's feedback as charts, issue 13),
//!   [`report_quick`] (the period's quick consultations, counted apart), [`failure`] (a
//!   failed call and what the page says about it).
//! - The browser part (wasm32 only): `page` (the page, its shared state `Page` and the
//!   centre picker and tabs), `state` (what the page holds, shared by its parts), `api` (typed calls with the token), `meetings` (the Meetings
//!   view and a meeting's card), `guests` (who a meeting takes besides the services),
//!   `attendance` (the centre's attendance pattern beside its
//!   meetings), `minutes` (read or download an ended meeting's minutes), `digests` (each
//!   service's digest link of an ended meeting, issue 13),
//!   `feed` (the slot and the calendar feed), `new_meeting`, `quick` (opening a quick
//!   consultation room, here and on the `/quick` page, issue 13), `centre_form` (the Settings
//!   view), `reports` (the Reports view), `theme_clock` (the Theme clock view:
//!   a year of monthly themes, copied from last year), `widgets` (fields, links, notes, toggles).

pub mod draft;
pub mod failure;
pub mod model;
pub mod report;
pub mod report_chart;
pub mod report_feedback;
pub mod report_quick;

#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod api;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod attendance;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod centre_form;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod digests;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod feed;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod guests;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod meetings;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod minutes;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod new_meeting;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod page;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "coordinator", feature = "forms")
))]
pub mod quick;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod reports;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod state;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
mod theme_clock;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "coordinator", feature = "forms")
))]
mod widgets;

#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
pub use page::CoordinatorPage;
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
pub use state::Page;
