//! # Browser harness: headless Chromium through WebDriver
//!
//! [`Driver`] starts one `chromedriver` on a free port (in its own process group, so the
//! browsers it starts die with it on drop); [`Driver::open`] starts a browser session with a
//! fresh profile, so every session is a separate person (own localStorage, sessionStorage).
//! [`Browser`] wraps a fantoccini client with what the tests need: polling waits (never bare
//! sleeps), real clicks and typing, the visible room state as JSON ([`Browser::room_view`]),
//! an axe-core run ([`Browser::axe`]) and screenshots at an exact viewport size.
//!
//! Chromium and chromedriver are found on `PATH` (or `$PPT_CHROMIUM`, `$PPT_CHROMEDRIVER`);
//! when either is missing [`Driver::start`] returns `None` and the tests skip with a message,
//! except under `CI=true`, where a missing browser is an error. axe-core comes from
//! `e2e/axe/node_modules` (`scripts/install-axe.sh`).

//!
//! | module | what it holds |
//! | --- | --- |
//! | [`driver`] | finding Chromium and chromedriver, starting them, one session per person, CDP |
//! | [`page`] | what a person does in a tab: go, click, type, choose, read, join a meeting |
//! | [`wait`] | polling until something shows (never bare sleeps) |
//! | [`screens`] | exact viewport sizes and screenshots |
//! | [`axe`] | the axe-core accessibility check |

pub mod axe;
pub mod driver;
pub mod page;
pub mod screens;
pub mod wait;

pub use axe::{axe_path, axe_source, listed, no_axe_violations, Violation, AXE_TAGS};
pub use driver::{browser_programs, Driver};
pub use page::Browser;
pub use screens::{screens_dir, PHONE, WIDE};
pub use wait::{poll, SERIAL, UI_WAIT};
