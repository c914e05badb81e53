//! Time shown to people: countdowns and minute counts. Pure, so it is tested on the host.

use shared::Millis;

/// `m:ss`, or `h:mm:ss` from an hour up, of the absolute value of `ms`, rounded up to the
/// second while counting down (so 0:00 is shown only when the time is really up).
pub fn clock(ms: Millis) -> String {
    let secs = if ms >= 0 {
        (ms + 999) / 1000
    } else {
        (-ms) / 1000
    };
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The countdown as shown: `12:34` while time is left, `+1:05` when over time.
pub fn countdown(left_ms: Millis) -> String {
    if left_ms < 0 {
        format!("+{}", clock(left_ms))
    } else {
        clock(left_ms)
    }
}

/// Whole minutes, rounded to the nearest (at least 1 for any positive time).
pub fn minutes(ms: Millis) -> i64 {
    if ms <= 0 {
        0
    } else {
        ((ms + 30_000) / 60_000).max(1)
    }
}

/// Whole minutes left, rounded up: "3 minutes left" stays true until it is 2.
pub fn minutes_left(ms: Millis) -> i64 {
    if ms <= 0 {
        0
    } else {
        (ms + 59_999) / 60_000
    }
}

/// Date and time of day in an IANA time zone (the centre's, not the browser's), as
/// `(d.m.yyyy, hh.mm)`; `sep` is the separator of the time (`.` or `:`).
#[cfg(target_arch = "wasm32")]
pub fn zoned(ms: Millis, zone: &str, sep: char) -> (String, String) {
    use wasm_bindgen::JsValue;
    let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let opts = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    };
    set("timeZone", zone);
    set("hourCycle", "h23");
    // Swedish writes an ISO-like "2026-12-08 13:05:00", which is easy to take apart.
    // Through Reflect, whose errors come back as values: an unknown zone throws.
    let text = js_sys::Reflect::get(&d, &"toLocaleString".into())
        .and_then(|f| {
            use wasm_bindgen::JsCast;
            let args = js_sys::Array::of2(&"sv-SE".into(), &opts);
            js_sys::Reflect::apply::<fn() -> JsValue>(f.unchecked_ref(), &d, &args)
        })
        .ok()
        .and_then(|v: JsValue| v.as_string())
        .unwrap_or_default();
    let n: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match n.as_slice() {
        [y, mo, da, h, mi, ..] => (format!("{da}.{mo}.{y}"), format!("{h:02}{sep}{mi:02}")),
        // A zone the browser does not know: its own zone rather than nothing.
        _ => (crate::web::date(ms), crate::web::time_of_day(ms, sep)),
    }
}

/// The time zone as people read it: `Europe/Helsinki` → `Europe/Helsinki`, underscores as spaces.
pub fn zone_label(zone: &str) -> String {
    zone.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_rounds_up_and_shows_overrun() {
        assert_eq!(countdown(600_000), "10:00");
        assert_eq!(countdown(599_001), "10:00");
        assert_eq!(countdown(1), "0:01");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-65_000), "+1:05");
        assert_eq!(countdown(3_600_000), "1:00:00");
    }

    #[test]
    fn minutes_are_human() {
        assert_eq!(minutes(12 * 60_000), 12);
        assert_eq!(minutes(10_000), 1);
        assert_eq!(minutes_left(61_000), 2);
        assert_eq!(minutes_left(0), 0);
    }
}
