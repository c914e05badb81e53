//! The coordinator's page (`/`): sign in with the coordinator token, then centres, meetings
//! and reports. It is a module of its own, [`crate::coordinator`]; this is its place among the
//! pages.

pub use crate::coordinator::CoordinatorPage;
