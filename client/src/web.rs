//! Small browser helpers: storage, the link, local clock and time of day.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// A value this browser keeps across visits (language, the last join, join secrets); `None`
/// when storage is off.
pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Keeps a value across visits (best effort: storage may be off or full).
pub fn local_set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

/// A value kept for this tab only (the link's key, so a reload without the fragment works).
pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Keeps a value for this tab only (best effort).
pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

/// Forgets a value kept for this tab.
pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// The browser's clock, ms since the epoch.
pub fn local_now() -> f64 {
    js_sys::Date::now()
}

/// The page's path, which the app routes by (`/m/{id}`, `/m/{id}/screen`, `/`).
pub fn pathname() -> String {
    window().location().pathname().unwrap_or_default()
}

/// `key` from a fragment like `#key=abc&x=y`.
pub fn fragment_key() -> Option<String> {
    let hash = window().location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix("key="))
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
}

/// Removes the fragment from the address bar (the key stays in session storage), so a shared
/// screen does not show it.
pub fn hide_fragment() {
    let path = pathname();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// `ws://host` or `wss://host` for the current page.
pub fn ws_base() -> String {
    let loc = window().location();
    let proto = if loc.protocol().unwrap_or_default() == "https:" {
        "wss:"
    } else {
        "ws:"
    };
    format!("{proto}//{}", loc.host().unwrap_or_default())
}

/// Sets `<html lang>`, so screen readers pronounce the page in the chosen language.
pub fn set_html_lang(code: &str) {
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("lang", code);
    }
}

/// Time of day in the browser's zone: `13.05` (Finnish and Swedish style) or `13:05`.
pub fn time_of_day(ms: i64, sep: char) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}{sep}{:02}", d.get_hours(), d.get_minutes())
}

/// Date in the browser's zone: `8.12.2026`.
pub fn date(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{}.{}.{}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year()
    )
}

/// Moves keyboard focus to the moved agenda row's arrow button; when that button is now
/// disabled (the row reached the top or the bottom), to the row's other arrow.
pub fn focus_arrow(id: &str) {
    let other = if let Some(rest) = id.strip_prefix("down-") {
        format!("up-{rest}")
    } else if let Some(rest) = id.strip_prefix("up-") {
        format!("down-{rest}")
    } else {
        return focus(id);
    };
    let disabled = document()
        .get_element_by_id(id)
        .is_none_or(|el| el.has_attribute("disabled"));
    focus(if disabled { &other } else { id });
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Copies `text` to the clipboard (best effort).
pub fn copy(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// The page's origin, e.g. `https://ppt.example.fi`.
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The identifier detectors' findings in `text` (flat `(kind, start, end)` triples, see
/// `marks::triples`), from the guard module that `boot.js` loads after the app and hands over as
/// `window.pptGuard`. `None` until it has arrived (or if it failed to load): the form then marks
/// nothing locally, and the server's check, which decides, is unchanged.
pub fn guard_find(text: &str) -> Option<Vec<u32>> {
    let f = js_sys::Reflect::get(&window(), &"pptGuard".into()).ok()?;
    let f = f.dyn_into::<js_sys::Function>().ok()?;
    let out = f.call1(&wasm_bindgen::JsValue::NULL, &text.into()).ok()?;
    Some(out.dyn_into::<js_sys::Uint32Array>().ok()?.to_vec())
}

/// Calls `ready` once the guard module is in place (at once if it already is).
pub fn on_guard_ready(ready: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let w = window();
    if js_sys::Reflect::get(&w, &"pptGuard".into()).is_ok_and(|f| f.is_function()) {
        ready();
        return;
    }
    let cb = Closure::<dyn Fn()>::new(ready);
    let _ = w.add_event_listener_with_callback("ppt-guard-ready", cb.as_ref().unchecked_ref());
    cb.forget();
}
