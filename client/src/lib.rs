//! # PPT Hub browser app
//!
//! A Leptos client-side-rendered app, built to WebAssembly by `scripts/build-client.sh` and
//! served by the server from `client/dist`. Pages (one file each under [`pages`]): the
//! coordinator's start page (`/`), join and the room for everyone (`/m/{id}#key=…`), the chair's
//! view (same path, chair key), and the read-only shared-screen view (`/m/{id}/screen#key=…`).
//! The coordinator's page is a module of its own, [`coordinator`] (page, typed API calls,
//! meetings, centre editor, reports), built into its own bundle; it reads the HTTP API as the
//! typed views of `shared::api`. The anonymous feedback form (`/feedback/{id}#key=…`) and the
//! quick consultation opener (`/quick#key=…`) are a third bundle, `forms`, so a professional who
//! follows those links from a meeting page does not download the coordinator's page.
//!
//! The room state is `shared::room::RoomState`, kept in step by applying the server's events
//! with the same `apply` the server runs. Only the wasm32 build contains the UI; on the host the
//! crate is just its pure helpers, so `cargo build --workspace` stays light.
//!
//! | module | what it holds |
//! | --- | --- |
//! | `app` | the shell: creates the signals, routes by path, picks the page of a meeting link |
//! | [`pages`] | one file per page (join, participant, chair, screen, fatal; the coordinator's) |
//! | `components` | pieces the meeting pages share (agenda, hands, item form, timer, status bar) |
//! | `net` | the live connection: socket and reconnect, room copy, requests, joining, clock |
//! | `state` | the shared signals (`Ctx`) and the memos several pages read |
//! | [`wire`], [`errors`] | the server's frames and error messages, decoded |
//! | [`fmt`], [`marks`], [`i18n`], `web` | time formatting, identifier marks, texts, browser calls |
//!
//! Dependencies run one way: `app` → `pages` → (`coordinator`) → `components` → `net` →
//! `state`; nothing below `app` knows the shell, and `state` knows no UI.

// The coordinator bundle shares the app shell with the meeting bundle but uses little of its
// meeting state, and the guard module uses only `marks`; what they leave unused is not an error
// there.
#![cfg_attr(not(feature = "meeting"), allow(dead_code, unused_imports))]

pub mod coordinator;
pub mod errors;
pub mod fmt;
pub mod i18n;
pub mod marks;
pub mod wire;

#[cfg(all(
    target_arch = "wasm32",
    any(feature = "meeting", feature = "coordinator", feature = "forms")
))]
mod app;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "meeting", feature = "coordinator", feature = "forms")
))]
mod components;
#[cfg(all(target_arch = "wasm32", feature = "meeting"))]
mod net;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "meeting", feature = "coordinator", feature = "forms")
))]
mod pages;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "meeting", feature = "coordinator", feature = "forms")
))]
mod state;
#[cfg(target_arch = "wasm32")]
mod web;

/// Entry point, called by the wasm-bindgen glue when the module loads.
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "meeting", feature = "coordinator", feature = "forms")
))]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// The guard module's one export: the identifier detectors' findings in `text` as flat
/// `(kind, start, end)` triples (see [`marks::triples`]). `boot.js` loads this module after the
/// meeting app and hands the function to it as `window.pptGuard`.
#[cfg(all(target_arch = "wasm32", feature = "guard"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn find(text: &str) -> Vec<u32> {
    marks::triples(text)
}
