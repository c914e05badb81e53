//! chromedriver and Chromium: found on `PATH` (or `$PPT_CHROMIUM`, `$PPT_CHROMEDRIVER`), started
//! in their own process group, one session (a fresh profile: one person) per [`Driver::open`],
//! and Chrome DevTools commands for what WebDriver cannot do (the time zone).

use super::page::Browser;
use super::wait::poll;
use crate::tempdir::TempDir;
use fantoccini::ClientBuilder;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

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

/// A running chromedriver. Dropping it kills its process group: chromedriver and every
/// Chromium it started.
pub struct Driver {
    child: Child,
    url: String,
    chromium: PathBuf,
    dir: TempDir,
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
        let dir = TempDir::new("ppt-browser");
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
