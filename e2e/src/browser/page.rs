//! One person's tab: going to a page, running scripts, waiting for elements, clicking and typing
//! as a user does, reading text and the visible room, joining a meeting from its join page.

use super::wait::{poll, UI_WAIT};
use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::{json, Value};

/// One browser session: one person's tab.
pub struct Browser {
    /// The WebDriver session, for what the helpers here do not cover.
    pub wd: fantoccini::Client,
    /// Who this is ("chair", "kela", …), in every failure message.
    pub name: String,
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

    /// Opens `url` and waits for the page to load.
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

    /// Joins from a meeting link's join page: once the page is online, chooses `service`, types
    /// `name` and presses the join button; waits until the room shows.
    pub async fn join_meeting(&self, service: &str, name: &str) {
        self.wait_for("#join-service").await;
        self.wait_for(".conn.conn-online").await;
        self.select("#join-service", service).await;
        self.fill("#join-name", name).await;
        self.click("form.card button[type=submit]").await;
        self.wait_for("#agenda-h").await;
    }

    /// Opens the coordinator's page at `http` (the server's base URL) and signs in with
    /// `token`; the caller waits for what it expects to show.
    pub async fn sign_in_as_coordinator(&self, http: &str, token: &str) {
        self.goto(http).await;
        self.fill("#c-token", token).await;
        self.js(
            "document.querySelector('#c-token').form.requestSubmit()",
            vec![],
        )
        .await;
    }

    /// Ends the session (closes the browser).
    pub async fn close(self) {
        let _ = self.wd.close().await;
    }
}
