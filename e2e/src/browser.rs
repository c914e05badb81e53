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

use fantoccini::elements::Element;
use fantoccini::{ClientBuilder, Locator};
use serde_json::{json, Value};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a wait for something to show in the page lasts before the test fails. Generous:
/// on a cold CI run four browser tests with several Chromium sessions each share two cores
/// with a debug server, and one join once took longer than 15 s there.
pub const UI_WAIT: Duration = Duration::from_secs(30);

/// The flags Chromium runs with: headless, as root in a container, no network of its own.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
];

/// The axe-core tags the accessibility check runs: WCAG 2.0 and 2.1, levels A and AA.
pub const AXE_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in names {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or why the browser tests cannot run here.
pub fn browser_programs() -> Result<(PathBuf, PathBuf), String> {
    let chromium = find_program(
        "PPT_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let driver = find_program("PPT_CHROMEDRIVER", &["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Ok((c, d)),
        (c, d) => Err(format!(
            "{}{}not found (Debian: apt-get install chromium chromium-driver)",
            if c.is_none() { "chromium " } else { "" },
            if d.is_none() { "chromedriver " } else { "" },
        )),
    }
}

/// Where the pinned axe-core lives.
pub fn axe_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("axe/node_modules/axe-core/axe.min.js")
}

/// The axe-core source; panics with how to install it when it is missing.
pub fn axe_source() -> String {
    let p = axe_path();
    std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "axe-core not found at {} ({e}): run scripts/install-axe.sh",
            p.display()
        )
    })
}

/// Where the e2e run saves screenshots: `e2e/artifacts/screens/`.
pub fn screens_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/screens");
    std::fs::create_dir_all(&d).expect("create e2e/artifacts/screens");
    d
}

/// Polls `check` until it gives `Some`, for at most `within`; panics with `what` and the last
/// observation (`Err` text) when time runs out.
pub async fn poll<T, F, Fut>(what: &str, within: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + within;
    let mut last;
    loop {
        match check().await {
            Ok(v) => return v,
            Err(e) => last = e,
        }
        if Instant::now() >= deadline {
            panic!("timed out after {within:?} waiting for {what}; last seen: {last}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A running chromedriver. Dropping it kills its process group: chromedriver and every
/// Chromium it started.
pub struct Driver {
    child: Child,
    url: String,
    chromium: PathBuf,
    dir: crate::tempdir::TempDir,
    sessions: std::sync::atomic::AtomicUsize,
}

impl Driver {
    /// Starts chromedriver on a free port; `None` (after saying why) when Chromium or
    /// chromedriver is not installed. Under `CI=true` a missing browser panics instead: CI
    /// installs them, so there the tests must run.
    pub async fn start() -> Option<Driver> {
        let (chromium, chromedriver) = match browser_programs() {
            Ok(p) => p,
            Err(why) => {
                if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                    panic!("browser tests cannot run: {why}");
                }
                eprintln!("SKIPPED browser test: {why}");
                return None;
            }
        };
        let dir = crate::tempdir::TempDir::new("ppt-browser");
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().unwrap().port()
        };
        let mut cmd = Command::new(&chromedriver);
        cmd.arg(format!("--port={port}"))
            .arg(format!(
                "--log-path={}",
                dir.path().join("chromedriver.log").display()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", chromedriver.display()));
        let url = format!("http://127.0.0.1:{port}");
        let driver = Driver {
            child,
            url,
            chromium,
            dir,
            sessions: Default::default(),
        };
        let status = format!("{}/status", driver.url);
        poll(
            "chromedriver to answer /status",
            Duration::from_secs(20),
            || {
                let status = status.clone();
                async move {
                    let r = reqwest::get(&status).await.map_err(|e| e.to_string())?;
                    let v: Value = r.json().await.map_err(|e| e.to_string())?;
                    if v["value"]["ready"] == json!(true) {
                        Ok(())
                    } else {
                        Err(v.to_string())
                    }
                }
            },
        )
        .await;
        Some(driver)
    }

    /// Opens a new browser session (fresh profile) with a viewport of `width`×`height`.
    /// `name` labels it in failure messages.
    pub async fn open(&self, name: &str, width: u32, height: u32) -> Browser {
        let n = self
            .sessions
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let profile = self.dir.path().join(format!("profile-{n}"));
        std::fs::create_dir_all(&profile).unwrap();
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.push(format!("--window-size={width},{height}"));
        args.push("--lang=fi-FI".into());
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": self.chromium.to_string_lossy(), "args": args }),
        );
        caps.insert("pageLoadStrategy".into(), json!("normal"));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let wd = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("new WebDriver session for {name}: {e}"));
        let b = Browser {
            wd,
            name: name.to_owned(),
        };
        b.set_viewport(width, height).await;
        b
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the browsers it started.
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// One browser session: one person's tab.
pub struct Browser {
    pub wd: fantoccini::Client,
    pub name: String,
}

/// One axe-core violation, as printed when the check fails.
#[derive(Clone, Debug)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    /// CSS selectors of the offending nodes (at most a few).
    pub targets: Vec<String>,
    /// axe's summary of what to fix on the first node.
    pub summary: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {} – {}; targets: {}",
            self.impact,
            self.id,
            self.help,
            self.targets.join(" | ")
        )?;
        if !self.summary.is_empty() {
            write!(f, "\n      {}", self.summary.replace('\n', "\n      "))?;
        }
        Ok(())
    }
}

/// Reads the visible room: agenda rows, the item on the floor, the confirmation summary,
/// representation, hands and whether the meeting is marked ended. Only text that is the same
/// for everyone (no "yours" tags, no ticking clocks).
const ROOM_VIEW_JS: &str = r#"
const q = s => document.querySelector(s);
const clean = t => (t || '').replace(/\s+/g, ' ').trim();
const rows = [...document.querySelectorAll('.agenda-list > li.agenda-item')].map(li => ({
  id: li.id.replace(/^item-/, ''),
  title: clean(li.querySelector('.item-title')?.textContent),
  status: (li.className.match(/status-(\w+)/) || [])[1] || '',
  meta: clean(li.querySelector('.item-meta')?.innerText),
}));
return {
  rows,
  current: q('.current .current-title') ? clean(q('.current .current-title').textContent) : null,
  summary: q('.agenda-summary') ? clean(q('.agenda-summary').textContent) : null,
  representation: [...document.querySelectorAll('.representation .service-list > li')]
    .map(li => (li.className.match(/service-(present|missing|absent)/) || [])[1] + ': ' + clean(li.innerText)),
  hands: [...document.querySelectorAll('.hands .hand-list > li')].map(li => clean(li.querySelector('span:not([aria-hidden])')?.textContent)),
  ended: !!q('.ended-note'),
  joined: !!q('#agenda-h'),
};
"#;

impl Browser {
    fn fail(&self, what: impl std::fmt::Display) -> String {
        format!("[{}] {what}", self.name)
    }

    pub async fn goto(&self, url: &str) {
        self.wd
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("[{}] goto {url}: {e}", self.name));
    }

    /// Reloads the page (sessionStorage is kept, as in a real reload).
    pub async fn reload(&self) {
        self.wd
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("[{}] reload: {e}", self.name));
    }

    /// Runs a script (its `return` value comes back).
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.wd
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("[{}] script failed: {e}\n{script}", self.name))
    }

    /// Polls a script until it returns something truthy (not null/false/""/0); returns it.
    pub async fn wait_js(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        poll(&self.fail(what), UI_WAIT, || {
            let args = args.clone();
            async move {
                let v = self
                    .wd
                    .execute(script, args)
                    .await
                    .map_err(|e| e.to_string())?;
                let truthy = match &v {
                    Value::Null | Value::Bool(false) => false,
                    Value::String(s) => !s.is_empty(),
                    Value::Number(n) => n.as_f64() != Some(0.0),
                    _ => true,
                };
                if truthy {
                    Ok(v)
                } else {
                    Err(v.to_string())
                }
            }
        })
        .await
    }

    /// Waits for an element matching `css` to exist; returns it.
    pub async fn wait_for(&self, css: &str) -> Element {
        poll(
            &self.fail(format!("element {css}")),
            UI_WAIT,
            || async move {
                self.wd
                    .find(Locator::Css(css))
                    .await
                    .map_err(|e| e.to_string())
            },
        )
        .await
    }

    /// Whether an element matching `css` exists now.
    pub async fn exists(&self, css: &str) -> bool {
        self.js(
            "return document.querySelector(arguments[0]) !== null",
            vec![json!(css)],
        )
        .await
            == json!(true)
    }

    /// Waits until `css` matches nothing.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_js(
            &format!("{css} to go away"),
            "return document.querySelector(arguments[0]) === null",
            vec![json!(css)],
        )
        .await;
    }

    /// Clicks the element at `locator` as a user would (scrolled into view, a real mouse
    /// click), once it exists and is enabled.
    pub async fn click_at(&self, what: &str, locator: Locator<'_>) {
        poll(
            &self.fail(format!("{what} to be clickable")),
            UI_WAIT,
            || async {
                let el = self.wd.find(locator).await.map_err(|e| e.to_string())?;
                if !el.is_enabled().await.map_err(|e| e.to_string())? {
                    return Err("disabled".into());
                }
                el.click().await.map_err(|e| e.to_string())
            },
        )
        .await
    }

    /// Clicks the element matching `css` (see [`Browser::click_at`]).
    pub async fn click(&self, css: &str) {
        self.click_at(css, Locator::Css(css)).await
    }

    /// Clicks the button inside `scope` (CSS) whose visible text is `text`.
    pub async fn click_button(&self, scope: &str, text: &str) {
        let el = self
            .wait_js(
                &format!("button '{text}' in {scope}"),
                "const s = document.querySelector(arguments[0]); if (!s) return null; \
                 const b = [...s.querySelectorAll('button')].find(b => b.textContent.replace(/\\s+/g,' ').trim() === arguments[1]); \
                 if (!b) return null; b.setAttribute('data-e2e-click', '1'); return true;",
                vec![json!(scope), json!(text)],
            )
            .await;
        assert_eq!(el, json!(true));
        self.click_at(text, Locator::Css("[data-e2e-click='1']"))
            .await;
        self.js("document.querySelectorAll('[data-e2e-click]').forEach(e => e.removeAttribute('data-e2e-click'))", vec![])
            .await;
    }

    /// Replaces the text of an input or textarea by typing `text` (real key events).
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        // Empty it the way the app sees (an input event), then type.
        self.js(
            "const e = document.querySelector(arguments[0]); e.focus(); e.value = ''; \
             e.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(css)],
        )
        .await;
        if !text.is_empty() {
            el.send_keys(text)
                .await
                .unwrap_or_else(|e| panic!("[{}] type into {css}: {e}", self.name));
        }
        let now = self
            .js(
                "return document.querySelector(arguments[0]).value",
                vec![json!(css)],
            )
            .await;
        assert_eq!(
            now,
            json!(text),
            "[{}] {css} holds what was typed",
            self.name
        );
    }

    /// Chooses the option with `value` in the select `css` (a real click on the option).
    pub async fn select(&self, css: &str, value: &str) {
        let option = format!("{css} option[value='{value}']");
        self.wait_for(&option).await;
        let el = self.wait_for(css).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("[{}] select {value} in {css}: {e}", self.name));
        self.wait_js(
            &format!("{css} to be {value}"),
            "return document.querySelector(arguments[0]).value === arguments[1]",
            vec![json!(css), json!(value)],
        )
        .await;
    }

    /// The visible text of the first element matching `css` ("" when there is none).
    pub async fn text(&self, css: &str) -> String {
        self.js(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''",
            vec![json!(css)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// The visible room, as described at [`ROOM_VIEW_JS`].
    pub async fn room_view(&self) -> Value {
        self.js(ROOM_VIEW_JS, vec![]).await
    }

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

    /// Runs axe-core on the page (injecting it when needed) with the WCAG 2.0/2.1 A and AA
    /// rules; returns every violation.
    pub async fn axe(&self, axe_src: &str) -> Vec<Violation> {
        self.axe_report(axe_src).await.1
    }

    /// Like [`Browser::axe`], also giving how many rules passed (a run that checked nothing
    /// would pass zero).
    pub async fn axe_report(&self, axe_src: &str) -> (usize, Vec<Violation>) {
        let loaded = self
            .js("return typeof window.axe !== 'undefined'", vec![])
            .await;
        if loaded != json!(true) {
            self.js(axe_src, vec![]).await;
            self.js("return typeof window.axe !== 'undefined'", vec![])
                .await;
        }
        let result = self
            .wd
            .execute_async(
                r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
  .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({
      id: v.id, impact: v.impact || '', help: v.help,
      targets: v.nodes.slice(0, 6).map(n => n.target.join(' ')),
      summary: (v.nodes[0] && v.nodes[0].failureSummary) || '',
  })) }))
  .catch(e => done({ error: String(e) }));
"#,
                vec![json!(AXE_TAGS)],
            )
            .await
            .unwrap_or_else(|e| panic!("[{}] axe.run: {e}", self.name));
        if let Some(e) = result.get("error") {
            panic!("[{}] axe.run failed: {e}", self.name);
        }
        let passes = result["passes"].as_u64().unwrap_or(0) as usize;
        let violations = result["violations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|v| Violation {
                id: v["id"].as_str().unwrap_or_default().to_owned(),
                impact: v["impact"].as_str().unwrap_or_default().to_owned(),
                help: v["help"].as_str().unwrap_or_default().to_owned(),
                targets: v["targets"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|t| t.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                summary: v["summary"].as_str().unwrap_or_default().to_owned(),
            })
            .collect();
        (passes, violations)
    }

    /// Ends the session (closes the browser).
    pub async fn close(self) {
        let _ = self.wd.close().await;
    }
}

impl Driver {
    /// Runs a Chrome DevTools Protocol command in `b`'s tab, through chromedriver's
    /// `goog/cdp/execute` endpoint (fantoccini speaks plain WebDriver only).
    pub async fn cdp(&self, b: &Browser, cmd: &str, params: Value) -> Value {
        let session =
            b.wd.session_id()
                .await
                .ok()
                .flatten()
                .unwrap_or_else(|| panic!("[{}] no WebDriver session id", b.name));
        let resp = reqwest::Client::new()
            .post(format!("{}/session/{session}/goog/cdp/execute", self.url))
            .json(&json!({ "cmd": cmd, "params": params }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("[{}] CDP {cmd}: {e}", b.name));
        let status = resp.status();
        let v: Value = resp.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "[{}] CDP {cmd}: {status} {v}", b.name);
        v["value"].clone()
    }

    /// Puts `b`'s tab in the time zone `tz` (an IANA name), as if the computer were there:
    /// `Date`, `Intl` and `datetime-local` all follow it. Set it before opening the page.
    pub async fn set_time_zone(&self, b: &Browser, tz: &str) {
        self.cdp(
            b,
            "Emulation.setTimezoneOverride",
            json!({ "timezoneId": tz }),
        )
        .await;
        let now = b
            .js(
                "return Intl.DateTimeFormat().resolvedOptions().timeZone",
                vec![],
            )
            .await;
        assert_eq!(now, json!(tz), "[{}] the tab is in {tz}", b.name);
    }
}
