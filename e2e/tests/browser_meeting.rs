//! A live meeting as the chair lives it, in headless Chromium: a chair at 1366 px, a
//! professional on a desktop and one on a 390 px phone.
//!
//! `a_chair_runs_a_meeting_and_nobody_is_lost_or_counted_twice`:
//! - the chair reaches "Päätä kokous" from the join page by keyboard alone in at most 15 Tab
//!   presses (the chair's controls come before the forms);
//! - an item deferred in the centre's earlier meeting shows its "carried over" badge and the
//!   history of its earlier turn;
//! - queued items show their question and a warning when a wanted service is not present;
//! - closing the phone's tab and opening the link in a new tab keeps one participant (same
//!   "oma" item, the service still "1 henkilö", the server counts one person);
//! - a raised hand's owner sees their place in the hand queue; a hand lowered by "next" tells
//!   its owner why;
//! - the presenter edits their own queued case; a form's refusal follows the language; Enter
//!   on a checkbox sends nothing;
//! - the meeting page shows the centre's time and names its zone in a browser elsewhere; a
//!   refusal by the server moves the phone's focus to the marked field; the chair sees the next
//!   item while one runs;
//! - defer asks to confirm, and the chair can undo it; the chair redacts an item; the
//!   presenter reads the recorded outcome after the meeting has ended;
//! - no axe violation in the chair's view or the phone's; screenshots
//!   meeting-chair-1366.png (+ -full) and meeting-phone-390.png (+ -full) in
//!   e2e/artifacts/screens/, and the Swedish join page at 390 px (meeting-join-sv-390.png).
//!
//! `a_deferred_case_is_its_presenters_own_in_the_next_meeting`: a professional whose case was
//! deferred opens the next meeting's link in the same browser and finds it as their own.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{axe_source, poll, screens_dir, Browser, Driver, UI_WAIT};
use e2e::{snapshot, Meeting, Server, TOKEN};
use serde_json::json;
use shared::domain::ItemStatus;

use e2e::browser::{PHONE, WIDE};

/// Presses a key on the focused element (WebDriver key codes: Tab \u{E004}, Enter \u{E007}).
async fn press(b: &Browser, key: &str) {
    let el = b.wd.active_element().await.expect("focused element");
    el.send_keys(key).await.expect("send key");
}

/// The focused element's visible text (a field's id).
async fn focused(b: &Browser) -> String {
    b.js(
        "const e = document.activeElement; if (!e || e === document.body) return ''; \
         if (['SELECT', 'INPUT', 'TEXTAREA'].includes(e.tagName)) return '#' + e.id; \
         return (e.innerText || e.id || e.tagName).replace(/\\s+/g, ' ').trim()",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Waits until the focused element's text is `text`.
async fn wait_focused(b: &Browser, text: &str, what: &str) {
    poll(&format!("[{}] {what}", b.name), UI_WAIT, || async {
        let f = focused(b).await;
        if f == text {
            Ok(())
        } else {
            Err(f)
        }
    })
    .await;
}

/// Tabs until the focused element's text is `text`; returns the number of Tab presses.
async fn tab_to(b: &Browser, text: &str, most: usize) -> usize {
    let mut seen = Vec::new();
    for n in 1..=most {
        press(b, "\u{E004}").await;
        let f = focused(b).await;
        if f == text {
            return n;
        }
        seen.push(f);
    }
    panic!(
        "[{}] '{text}' not reached in {most} Tabs; focus went {seen:?}",
        b.name
    );
}

/// The row of the agenda whose title starts with `title`: its id, for selectors.
async fn row(b: &Browser, title: &str) -> String {
    b.wait_js(
        &format!("the agenda row '{title}'"),
        "const li = [...document.querySelectorAll('.agenda-list > li')] \
           .find(li => (li.querySelector('.item-title')?.textContent || '').startsWith(arguments[0])); \
         return li ? li.id : null",
        vec![json!(title)],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

async fn present_people(server: &Server, m: &Meeting) -> usize {
    let (state, _, _) = snapshot(&server.addr, m).await;
    state.participants.iter().filter(|p| p.present).count()
}

#[tokio::test]
async fn a_chair_runs_a_meeting_and_nobody_is_lost_or_counted_twice() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let axe = axe_source();
    let server = Server::start(&[]);
    // A centre without a monthly slot, so the second meeting below is its next one.
    let resp = reqwest::Client::new()
        .post(format!("{}/api/centres", server.http()))
        .bearer_auth(TOKEN)
        .json(&json!({"id": "pasila", "name": "Pasila", "time_zone": "Europe/Helsinki"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let earlier = Meeting::create_with(&server, json!({"centre_id": "pasila"})).await;
    let m = Meeting::create_with(
        &server,
        json!({"centre_id": "pasila", "starts_at": "2030-01-08T13:00:00+02:00"}),
    )
    .await;

    // The earlier meeting: an item presented for a while, then deferred to this one.
    let mut c0 = earlier.chair_joined(&server.addr, "health_station").await;
    c0.ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"Perheen tukeminen arjessa","question":"Kuka tukee perhettä kotona?"}})).await;
    c0.ok(json!({"type":"start_item","item":"i1"})).await;
    c0.ok(json!({"type":"defer_item","item":"i1"})).await;
    c0.ok(json!({"type":"end_meeting"})).await;
    c0.close().await;

    // --- The chair, by keyboard alone: join, then "Päätä kokous" within 15 Tabs. ---
    let chair = driver.open("chair", WIDE.0, WIDE.1).await;
    // The chair's computer is in New York; the meeting is at 13.00 Helsinki time.
    driver.set_time_zone(&chair, "America/New_York").await;
    chair.goto(&m.chair_link(&server)).await;
    chair
        .wait_for("#join-service option[value=health_station]")
        .await;
    chair.wait_for(".conn.conn-online").await;
    let mut tabs = tab_to(&chair, "#join-service", 10).await;
    // The arrow key picks the first service (Terveysasemapalvelut) in the focused select.
    press(&chair, "\u{E015}").await;
    chair
        .wait_js(
            "the service picked by typing",
            "return document.getElementById('join-service').value === 'health_station'",
            vec![],
        )
        .await;
    tabs += tab_to(&chair, "Liity", 5).await;
    press(&chair, "\u{E007}").await;
    chair.wait_for("#agenda-h").await;
    tabs += tab_to(&chair, "Päätä kokous", 15).await;
    eprintln!("chair: join to 'Päätä kokous' in {tabs} Tab presses");
    assert!(tabs <= 15, "{tabs} Tab presses from join to 'Päätä kokous'");
    press(&chair, "\u{E007}").await;
    chair.wait_for(".confirm-box #end-no").await;
    wait_focused(&chair, "Peruuta", "the end question to focus 'cancel'").await;
    press(&chair, "\u{E007}").await;
    chair.wait_gone(".end .confirm-box").await;

    // The meeting page says the centre's time and names its zone, wherever the browser is.
    let clock = chair.text(".meeting-clock").await;
    assert!(
        clock.contains("13.00–14.00") && clock.contains("Europe/Helsinki"),
        "the meeting's time in the centre's zone: {clock}"
    );

    // --- The carried-over item: badge and the history of its earlier turn. ---
    let carried = row(&chair, "Perheen tukeminen").await;
    let badge = chair.text(&format!("#{carried} .tag.carried")).await;
    assert!(badge.contains("Aiemmasta kokouksesta"), "badge: {badge}");
    let history = chair.text(&format!("#{carried} .history")).await;
    assert!(
        history.contains("Aiemmat käsittelyt (1)"),
        "history: {history}"
    );
    chair.click(&format!("#{carried} .history summary")).await;
    let history = chair.text(&format!("#{carried} .history")).await;
    assert!(history.contains("Siirretty"), "the earlier turn: {history}");

    // --- Two professionals: a desktop and a phone. ---
    let pro = driver.open("professional", WIDE.0, WIDE.1).await;
    pro.goto(&m.participant_link(&server)).await;
    pro.join_meeting("social_services", "Sosiaaliohjaaja").await;
    let phone = driver.open("phone", PHONE.0, PHONE.1).await;
    phone.goto(&m.participant_link(&server)).await;
    phone.join_meeting("kela", "").await;

    // The phone brings a case; a wanted service nobody represents is flagged in the queue.
    phone.click("#kind-case").await;
    phone.fill("#f-title", "Nuori aikuinen ilman asuntoa").await;
    phone
        .fill("#f-question", "Kuka ottaa vastuun asumisen tuesta?")
        .await;
    phone.click("#want-disability").await;
    phone.click(".submit button[type=submit]").await;
    phone.wait_for(".submit p.ok").await;
    // Typing the next case takes the "added" note away.
    phone.fill("#f-title", "Seuraava").await;
    phone.wait_gone(".submit p.ok").await;
    phone.fill("#f-title", "").await;

    let case = row(&chair, "Nuori aikuinen").await;
    chair
        .wait_js(
            "the question and the missing-service warning in the queue",
            "const li = document.getElementById(arguments[0]); \
             const q = li.querySelector('.item-question')?.innerText || ''; \
             const w = li.querySelector('.wanted-absent')?.innerText || ''; \
             return q.includes('Kuka ottaa vastuun asumisen tuesta?') && w.includes('Vammaispalvelut')",
            vec![json!(case)],
        )
        .await;
    assert!(
        chair
            .text(&format!("#{case} .item-presenter"))
            .await
            .contains("Kela"),
        "the presenter's service is shown"
    );
    // The buttons name their item.
    let label = chair
        .js(
            "return document.querySelector('#' + arguments[0] + ' button.start').getAttribute('aria-label')",
            vec![json!(case)],
        )
        .await;
    assert_eq!(label, json!("Aloita: Nuori aikuinen ilman asuntoa"));

    // The presenter edits their own queued case; everyone sees the new question, marked edited.
    phone.click(&format!("#{case} button.edit")).await;
    let field = format!("#e-question-{}", case.trim_start_matches("item-"));
    phone
        .fill(&field, "Kuka ottaa vastuun asumisen tuesta ja milloin?")
        .await;
    phone
        .click(&format!("#{case} .edit-form button[type=submit]"))
        .await;
    chair
        .wait_js(
            "the edited question in the chair's queue",
            "const li = document.getElementById(arguments[0]); \
             return li.querySelector('.item-question').innerText.includes('ja milloin?') \
               && li.querySelector('.item-main').innerText.includes('muokattu')",
            vec![json!(case)],
        )
        .await;
    phone.wait_gone(".edit-form").await;

    // Enter on a checkbox ticks nothing off and sends nothing.
    phone
        .js("document.getElementById('want-kela').focus()", vec![])
        .await;
    press(&phone, "\u{E007}").await;
    assert!(
        !phone.exists("#f-title-err").await && !phone.exists(".submit .alert").await,
        "Enter on a checkbox did not send the form"
    );

    // The server refuses a name; on the phone, focus moves to the marked field, not the alert
    // at the bottom.
    phone.fill("#f-title", "Asumisen tuki").await;
    phone
        .fill("#f-question", "Saako Matti Virtanen tukea asumiseen?")
        .await;
    phone.click(".submit button[type=submit]").await;
    wait_focused(
        &phone,
        "#f-question",
        "the marked question to take the focus",
    )
    .await;
    let marked = phone
        .js(
            "return [...document.querySelectorAll('.submit mark')].map(m => m.innerText).join(' ')",
            vec![],
        )
        .await;
    let marked = marked.as_str().unwrap_or_default();
    assert!(
        marked.contains("Matti") && marked.contains("Virtanen"),
        "the name is marked under the field: {marked:?}"
    );
    phone.fill("#f-title", "").await;
    phone.fill("#f-question", "").await;

    // A refusal by the form follows the language.
    phone.click(".submit button[type=submit]").await;
    phone.wait_for("#f-title-err").await;
    assert_eq!(phone.text("#f-title-err").await, "Pakollinen kenttä");
    phone.select("#lang-select", "sv").await;
    phone
        .wait_js(
            "the error in Swedish",
            "return document.getElementById('f-title-err').innerText === 'Obligatoriskt fält'",
            vec![],
        )
        .await;
    phone.select("#lang-select", "fi").await;

    // --- Closing the phone's tab and opening the link in a new one keeps one person. ---
    let before = present_people(&server, &m).await;
    assert_eq!(before, 3);
    let new_tab = phone.wd.new_window(true).await.unwrap();
    phone.wd.close_window().await.unwrap();
    phone.wd.switch_to_window(new_tab.handle).await.unwrap();
    phone.goto(&m.participant_link(&server)).await;
    phone.wait_for("#agenda-h").await;
    assert!(
        !phone.exists("#join-service").await,
        "the reopened tab is back in the room without the join form"
    );
    phone
        .wait_js(
            "the phone's case still marked as its own",
            "return !!document.querySelector('#' + arguments[0] + ' .item-main .tag')",
            vec![json!(case)],
        )
        .await;
    chair
        .wait_js(
            "Kela still one person",
            "return [...document.querySelectorAll('.representation .service-list > li')] \
               .some(li => li.innerText.includes('Kela') && li.innerText.includes('1 henkilö'))",
            vec![],
        )
        .await;
    assert_eq!(present_people(&server, &m).await, 3, "no second person");
    let (state, _, _) = snapshot(&server.addr, &m).await;
    assert_eq!(state.participants.len(), 3, "nobody was added");

    // --- Confirm, start; the figure is live and the confirm button goes away. ---
    chair.click(".controls .confirm button").await;
    chair.wait_gone(".controls .confirm").await;
    let summary = chair.text(".agenda-summary").await;
    assert!(summary.contains("Jonossa 2 asiaa"), "summary: {summary}");
    chair.click(".controls button.next").await;
    chair.wait_for(".current .current-title").await;
    // The chair sees what comes next while the first item runs.
    let current = chair.text(".current .current-title").await;
    let preview = chair.text(".next-preview").await;
    assert!(
        preview.starts_with("Seuraavana vuorossa:")
            && ["Perheen tukeminen", "Nuori aikuinen"]
                .iter()
                .any(|t| preview.contains(t) && !current.contains(t)),
        "the next item previewed: {preview} (now: {current})"
    );

    // --- Hands: places in the queue, and a hand lowered by "next" tells its owner. ---
    phone.click(".hand-button").await;
    phone.wait_for(".hand-button[aria-pressed=true]").await;
    pro.click(".hand-button").await;
    pro.wait_js(
        "the professional's place in the hand queue",
        "return document.getElementById('hand-note').innerText.includes('Olet puheenvuorojonossa 2.')",
        vec![],
    )
    .await;
    assert!(phone
        .text("#hand-note")
        .await
        .contains("Olet puheenvuorojonossa 1."));
    chair.click(".controls button.next").await;
    for b in [&phone, &pro] {
        b.wait_js(
            "the note that the hand went down with the item",
            "const n = document.querySelector('.hand-dropped'); \
             return n && n.innerText.includes('Kätesi laskettiin, koska käsiteltävä asia vaihtui')",
            vec![],
        )
        .await;
        b.wait_for(".hand-button[aria-pressed=false]").await;
    }

    // --- Screenshots and axe, mid-meeting. ---
    let found: Vec<String> = {
        let mut v = Vec::new();
        for (b, what) in [(&chair, "chair"), (&phone, "phone")] {
            for x in b.axe(&axe).await {
                v.push(format!("{what}: {x}"));
            }
        }
        v
    };
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
    let dir = screens_dir();
    chair.screenshot(&dir.join("meeting-chair-1366.png")).await;
    chair
        .screenshot_full(&dir.join("meeting-chair-1366-full.png"), WIDE.0, WIDE.1)
        .await;
    phone.screenshot(&dir.join("meeting-phone-390.png")).await;
    phone
        .screenshot_full(&dir.join("meeting-phone-390-full.png"), PHONE.0, PHONE.1)
        .await;
    // The phone's agenda, scrolled to: the rows with their question and warnings.
    phone
        .js(
            "document.getElementById('agenda-h').scrollIntoView()",
            vec![],
        )
        .await;
    let png = phone.wd.screenshot().await.unwrap();
    std::fs::write(dir.join("meeting-phone-390-agenda.png"), png).unwrap();

    // --- Defer asks first, and can be undone. ---
    let (state, _, _) = snapshot(&server.addr, &m).await;
    let on_floor = state
        .current
        .as_ref()
        .expect("an item on the floor")
        .item
        .clone();
    chair.click("#defer-current").await;
    chair.wait_for("#defer-yes").await;
    wait_focused(&chair, "Peruuta", "the defer question to focus 'cancel'").await;
    let (still, _, _) = snapshot(&server.addr, &m).await;
    assert_eq!(
        still.item(&on_floor).unwrap().status,
        ItemStatus::Presenting,
        "nothing deferred before the chair confirms"
    );
    chair.click("#defer-yes").await;
    poll("the item deferred", UI_WAIT, || async {
        let (s, _, _) = snapshot(&server.addr, &m).await;
        let st = s.item(&on_floor).unwrap().status;
        if st == ItemStatus::Deferred {
            Ok(())
        } else {
            Err(format!("{st:?}"))
        }
    })
    .await;
    // Focus is on "undo", so the chair can take the deferral back at once.
    chair
        .wait_js(
            "focus on undo",
            "const e = document.activeElement; \
             return e && e.id === 'undo' && e.innerText.includes('Kumoa: Siirrä seuraavaan kokoukseen')",
            vec![],
        )
        .await;
    chair.click("#undo").await;
    poll("the deferral undone", UI_WAIT, || async {
        let (s, _, _) = snapshot(&server.addr, &m).await;
        let st = s.item(&on_floor).unwrap().status;
        if st == ItemStatus::Presenting {
            Ok(())
        } else {
            Err(format!("{st:?}"))
        }
    })
    .await;
    chair.wait_gone("#undo").await;

    // --- What slipped past the guard can be taken back: the chair redacts an item. ---
    chair.click(&format!("#{carried} button.redact")).await;
    chair.click(&format!("#{carried} .confirm-yes")).await;
    for b in [&chair, &phone] {
        b.wait_js(
            "the redacted item",
            "const t = document.querySelector('#' + arguments[0] + ' .item-title').innerText; \
             return t === '[teksti poistettu]' && !document.body.innerText.includes('Perheen tukeminen')",
            vec![json!(carried)],
        )
        .await;
    }

    // The join page in Swedish on a phone: the long service names fit the dropdown.
    let sv = driver.open("phone sv", PHONE.0, PHONE.1).await;
    sv.goto(&m.participant_link(&server)).await;
    sv.wait_for("#join-service option[value=psychiatry_substance]")
        .await;
    sv.select("#lang-select", "sv").await;
    sv.select("#join-service", "psychiatry_substance").await;
    let fits = sv
        .js(
            "const s = document.getElementById('join-service'); \
             return s.getBoundingClientRect().right <= window.innerWidth \
               && ![...s.options].some(o => o.textContent.includes('obligatorisk'))",
            vec![],
        )
        .await;
    assert_eq!(
        fits,
        json!(true),
        "the dropdown fits and says no '(obligatorisk)'"
    );
    sv.screenshot(&dir.join("meeting-join-sv-390.png")).await;

    // --- The outcome, recorded by the chair, is there for the presenter after the end. ---
    chair
        .fill("#o-advice", "Asumisneuvonta ja vammaispalvelut mukaan")
        .await;
    chair.click(".outcome button[type=submit]").await;
    chair.wait_for(".outcome p.ok").await;
    chair.click(".end button.danger").await;
    chair.click(".end .confirm-box button.danger").await;
    phone.wait_for(".ended-note").await;
    phone
        .wait_js(
            "the recorded outcome, open, in the ended meeting",
            "const d = document.querySelector('#' + arguments[0] + ' details.item-outcome'); \
             return d && d.open && d.innerText.includes('Asumisneuvonta ja vammaispalvelut mukaan')",
            vec![json!(case)],
        )
        .await;

    for b in [chair, pro, phone, sv] {
        b.close().await;
    }
}

/// A professional whose case was deferred finds it as their own in the centre's next meeting
/// ("oma", with its withdraw and edit buttons) when they open that meeting's link in the same
/// browser: the browser proves it with its secret from the earlier meeting.
#[tokio::test]
async fn a_deferred_case_is_its_presenters_own_in_the_next_meeting() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = Server::start(&[]);
    let resp = reqwest::Client::new()
        .post(format!("{}/api/centres", server.http()))
        .bearer_auth(TOKEN)
        .json(&json!({"id": "vallila", "name": "Vallila", "time_zone": "Europe/Helsinki"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let earlier = Meeting::create_with(&server, json!({"centre_id": "vallila"})).await;
    let next = Meeting::create_with(
        &server,
        json!({"centre_id": "vallila", "starts_at": "2030-02-12T13:00:00+02:00"}),
    )
    .await;
    let mut chair = earlier.chair_joined(&server.addr, "kela").await;

    let b = driver.open("presenter", WIDE.0, WIDE.1).await;
    b.goto(&earlier.participant_link(&server)).await;
    b.join_meeting("health_station", "").await;
    b.click("#kind-case").await;
    b.fill("#f-title", "Iäkäs yksin asuva").await;
    b.fill("#f-question", "Kuka käy kotona viikoittain?").await;
    b.click(".submit button[type=submit]").await;
    chair.wait_state(|s| s.items.len() == 1).await;
    chair.ok(json!({"type":"defer_item","item":"i1"})).await;
    chair.ok(json!({"type":"end_meeting"})).await;

    b.goto(&next.participant_link(&server)).await;
    b.join_meeting("health_station", "").await;
    let r = row(&b, "Iäkäs yksin asuva").await;
    b.wait_js(
        "the carried-over case to be the presenter's own",
        "const li = document.getElementById(arguments[0]); \
         return li && [...li.querySelectorAll('.tag')].some(t => t.textContent === 'oma') \
           && li.querySelector('button.withdraw') && li.querySelector('.tag.carried') ? true : null",
        vec![json!(r)],
    )
    .await;
    let (state, _, _) = snapshot(&server.addr, &next).await;
    let present: Vec<_> = state.participants.iter().filter(|p| p.present).collect();
    assert_eq!(present.len(), 1, "one person in the next meeting");
    assert_eq!(state.items[0].presenter, present[0].id);
}
