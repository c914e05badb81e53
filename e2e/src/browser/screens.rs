//! The page at an exact size, and screenshots of it (saved under `e2e/artifacts/screens/`).

use super::page::Browser;
use std::path::{Path, PathBuf};

/// The desktop size every browser test looks at (CSS pixels).
pub const WIDE: (u32, u32) = (1366, 768);
/// The phone size every browser test looks at (CSS pixels).
pub const PHONE: (u32, u32) = (390, 844);

/// Where the e2e run saves screenshots: `e2e/artifacts/screens/`.
pub fn screens_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/screens");
    std::fs::create_dir_all(&d).expect("create e2e/artifacts/screens");
    d
}

impl Browser {
    /// Sets the size of the page's viewport (not the window) to `width`×`height` CSS pixels.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let mut w = width;
        let mut h = height;
        for _ in 0..4 {
            self.wd
                .set_window_size(w, h)
                .await
                .unwrap_or_else(|e| panic!("[{}] resize: {e}", self.name));
            let inner = self
                .js("return [window.innerWidth, window.innerHeight]", vec![])
                .await;
            let (iw, ih) = (
                inner[0].as_i64().unwrap_or(0),
                inner[1].as_i64().unwrap_or(0),
            );
            if iw == width as i64 && ih == height as i64 {
                return;
            }
            w = (w as i64 + width as i64 - iw).max(100) as u32;
            h = (h as i64 + height as i64 - ih).max(100) as u32;
        }
        let inner = self
            .js("return [window.innerWidth, window.innerHeight]", vec![])
            .await;
        panic!(
            "[{}] viewport is {inner}, wanted {width}x{height}",
            self.name
        );
    }

    /// Saves a screenshot of the viewport (scrolled to the top) as `path`.
    pub async fn screenshot(&self, path: &Path) {
        self.js("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur && document.activeElement.blur();", vec![]).await;
        // Let a layout triggered by the resize or the scroll settle.
        self.js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))", vec![]).await;
        let png = self
            .wd
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("[{}] screenshot: {e}", self.name));
        std::fs::write(path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Saves a screenshot of the viewport scrolled so the element `id` is at its top (for a
    /// part of a page taller than a window can be made).
    pub async fn screenshot_at(&self, id: &str, path: &Path) {
        self.js(
            "document.getElementById(arguments[0]).scrollIntoView()",
            vec![id.into()],
        )
        .await;
        let png = self
            .wd
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("[{}] screenshot: {e}", self.name));
        std::fs::write(path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Saves a screenshot of the whole page (the viewport grown to the page height for the
    /// shot, then restored) as `path`.
    /// Does nothing (and returns false) when the page fits the viewport.
    pub async fn screenshot_full(&self, path: &Path, width: u32, height: u32) -> bool {
        let full = self.js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)", vec![]).await;
        let full = full
            .as_u64()
            .unwrap_or(height as u64)
            .clamp(height as u64, 8000) as u32;
        if full <= height {
            let _ = std::fs::remove_file(path);
            return false;
        }
        self.set_viewport(width, full).await;
        self.screenshot(path).await;
        self.set_viewport(width, height).await;
        true
    }
}
