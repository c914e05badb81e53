//! The service digests and the period report's small-number suppression (issue 13) in
//! headless Chromium against the real server and the built client (`client/dist`, see
//! scripts/build-client.sh).
//!
//! - `the_coordinator_opens_the_digests_and_a_services_link_shows_only_its_items`: an ended
//!   meeting of Kalasatama (items asking for Kela, elderly guidance and social services,
//!   outcomes involving Kela and social services, one Kela item redacted) on the coordinator's
//!   page: "Koosteet palveluille" opens one link per service with the right item counts; Kela's
//!   link, opened in the browser without the token, shows Kela's items (the redacted one
//!   without its text) and not social services' item; social services' link the other way
//!   round; no axe-core violation on the coordinator view nor on the digest page, which fits a
//!   390 px phone. Each link shows in a wide field under its service, labelled, with Copy and
//!   Open named after the service. Screenshots digest-coordinator-1366.png,
//!   digest-coordinator-390.png, digest-kela-1366.png, digest-kela-390.png (and
//!   digest-kela-390-full.png).
//! - `the_period_report_shows_small_counts_as_less_than_three_and_states_the_rule`: a period
//!   report over two crafted meetings where one theme, one kind (phenomenon) and the
//!   follow-ups count 1: the page shows "< 3" for them, the kinds' total does not give the
//!   hidden one away (a second kind or the total is hidden too), the rule is stated under the
//!   figures; no axe-core violation; after switching to Swedish and to English the figures and the rule are in that language. Screenshots
//!   report-suppression-1366.png, report-suppression-charts-1366.png,
//!   report-suppression-sv-1366.png.
//!
//! Both skip (with a message) only when chromium or chromedriver is missing, and not under
//! CI=true.

use e2e::browser::{axe_source, listed, screens_dir, Browser, Driver, PHONE, SERIAL, WIDE};
use e2e::fixtures::get_text;
use e2e::{Meeting, Server, TOKEN};
use serde_json::{json, Value};

/// One item to hold: its kind, title, themes, services wanted, and whether its outcome asks
/// for a follow-up and which services it involves.
struct Case {
    kind: &'static str,
    title: &'static str,
    themes: &'static [&'static str],
    wanted: &'static [&'static str],
    involve: &'static [&'static str],
    follow_up: bool,
    /// The chair redacts it after its outcome.
    redact: bool,
}

const fn case(kind: &'static str, title: &'static str, themes: &'static [&'static str]) -> Case {
    Case {
        kind,
        title,
        themes,
        wanted: &[],
        involve: &[],
        follow_up: false,
        redact: false,
    }
}

/// Holds a meeting of Kalasatama at `starts_at` where Kela submits `cases`, and the chair
/// presents each, records its outcome and ends the meeting (as in digest_and_suppression.rs).
async fn hold(server: &Server, starts_at: &str, cases: &[Case]) -> Meeting {
    let m = Meeting::create_with(
        server,
        json!({"centre_id": "kalasatama", "starts_at": starts_at}),
    )
    .await;
    let addr = &server.addr;
    let mut chair = m.chair_joined(addr, "health_station").await;
    let mut kela = m.participant_joined(addr, "kela").await;
    for c in cases {
        kela.ok(json!({"type":"submit_item","item":{
            "kind": c.kind, "title": c.title, "question": "Mitä seuraavaksi?",
            "themes": c.themes, "services_wanted": c.wanted}}))
            .await;
    }
    chair
        .wait_state(|s| s.items.iter().filter(|i| i.carried_over.is_none()).count() == cases.len())
        .await;
    chair.ok(json!({"type":"confirm_agenda"})).await;
    for c in cases {
        let id = chair
            .room()
            .items
            .iter()
            .find(|i| i.title == c.title && i.carried_over.is_none())
            .unwrap()
            .id
            .to_string();
        chair.ok(json!({"type":"start_item","item":id})).await;
        chair
            .ok(json!({"type":"record_outcome","item":id,"outcome":{
                "advice":"Yhteinen suunnitelma","next_steps":"",
                "services_to_involve": c.involve,"follow_up": c.follow_up}}))
            .await;
        if c.redact {
            chair.ok(json!({"type":"redact_item","item":id})).await;
        }
    }
    chair.ok(json!({"type":"end_meeting"})).await;
    m
}

/// No axe-core (WCAG 2.0/2.1 A and AA) violation at all on the page as it is.
async fn axe_clean(b: &Browser, what: &str) {
    let (passed, violations) = b.axe_report(&axe_source()).await;
    // A digest is a plain document (no form, no image): fewer rules apply to it.
    assert!(
        passed >= 6,
        "axe checked too little on {what} ({passed} rules passed)"
    );
    assert!(
        violations.is_empty(),
        "axe violations on {what}:\n{}",
        listed(&violations)
    );
}

/// Scrolls `css` to the top of the view (focus taken off) and saves a screenshot as `file`.
async fn shoot(b: &Browser, css: &str, file: &str) {
    b.js(
        "document.activeElement && document.activeElement.blur && document.activeElement.blur(); \
         document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
        vec![json!(css)],
    )
    .await;
    b.js(
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
        vec![],
    )
    .await;
    let png = b.wd.screenshot().await.unwrap();
    std::fs::write(screens_dir().join(file), png).unwrap();
}

/// Nothing sticks out sideways at the current width.
async fn fits(b: &Browser, what: &str) {
    let overflow = b
        .js(
            "const w = document.documentElement.clientWidth; \
             return [document.documentElement.scrollWidth <= w, \
               [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)]",
            vec![],
        )
        .await;
    assert_eq!(overflow, json!([true, []]), "{what} fits the width");
}

/// The page's visible text, white space folded.
async fn page_text(b: &Browser) -> String {
    b.js(
        "return document.body.innerText.replace(/\\s+/g, ' ')",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[tokio::test]
async fn the_coordinator_opens_the_digests_and_a_services_link_shows_only_its_items() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = Server::start(&[]);
    let m = hold(
        &server,
        "2026-10-13T13:00:00+03:00",
        &[
            Case {
                wanted: &["elderly_guidance"],
                involve: &["kela"],
                follow_up: true,
                ..case("client_case", "Iäkäs asiakas yksin", &["older_client"])
            },
            Case {
                wanted: &["kela"],
                ..case("client_case", "Nuori aikuinen ilman tuloja", &[])
            },
            Case {
                wanted: &["kela"],
                redact: true,
                ..case("client_case", "Kotikäynnit Kallion alueella", &[])
            },
            Case {
                wanted: &["social_services"],
                involve: &["social_services"],
                ..case("phenomenon", "Perheiden asumisahdinko", &["homelessness"])
            },
        ],
    )
    .await;
    // The services' Finnish names as the catalogue has them.
    let (status, body) = get_text(
        &server,
        &format!("/api/meetings/{}/digests?lang=fi", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let api_list: Value = serde_json::from_str(&body).unwrap();
    let name_of = |svc: &str| -> String {
        api_list["digests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["service"] == svc)
            .unwrap_or_else(|| panic!("{svc} in {api_list}"))["name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (kela, social, elderly, station) = (
        name_of("kela"),
        name_of("social_services"),
        name_of("elderly_guidance"),
        name_of("health_station"),
    );

    // --- The coordinator opens the ended meeting's digests. ---
    let coord = driver.open("coordinator", WIDE.0, WIDE.1).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    let open = format!("#open-dig-{}", m.id);
    coord.wait_for(&open).await;
    assert_eq!(coord.text(&open).await, "Koosteet palveluille");
    coord
        .js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
            vec![json!(open)],
        )
        .await;
    coord.click(&open).await;
    let list = format!("#dig-{}", m.id);
    let rows = coord
        .wait_js(
            "the digest links",
            "const l = document.querySelector(arguments[0]); \
             if (!l || l.hidden) return null; \
             const rows = [...l.querySelectorAll('ul.digests > li')]; \
             return rows.length ? rows.map(li => { \
               const i = li.querySelector('input'), lab = li.querySelector('label'), \
                 b = li.querySelector('button'), a = li.querySelector('a'); \
               return [lab.innerText.trim(), i.value, i.getAttribute('aria-label'), lab.htmlFor === i.id, \
                 b.getAttribute('aria-label'), a.getAttribute('href'), a.getAttribute('aria-label'), \
                 i.getBoundingClientRect().width]; }) : null",
            vec![json!(list)],
        )
        .await;
    let rows = rows.as_array().unwrap().clone();
    let shown: Vec<&str> = rows.iter().map(|r| r[0].as_str().unwrap()).collect();
    // One link per service present, asked for or involved, in catalogue order, with its count:
    // Kela was asked for by two items and involved in one (the redacted one counts: it was
    // there); oral health neither came nor was named.
    assert_eq!(
        shown,
        [
            format!("{station} – 0 asiaa"),
            format!("{social} – 1 asia"),
            format!("{elderly} – 1 asia"),
            format!("{kela} – 3 asiaa"),
        ],
        "{rows:?}"
    );
    for r in &rows {
        let (text, link) = (r[0].as_str().unwrap(), r[1].as_str().unwrap());
        let name = text.split(" – ").next().unwrap();
        assert!(link.contains("/digest/") && link.contains("key="), "{link}");
        // The field is labelled by what shows above it; Copy and Open name the service.
        assert_eq!(r[2], json!(format!("Koosteen linkki: {text}")), "{r}");
        assert_eq!(r[3], json!(true), "{r}");
        assert_eq!(r[4], json!(format!("Kopioi: {name}")), "{r}");
        assert_eq!(r[5], json!(link), "Open opens the same link: {r}");
        assert_eq!(r[6], json!(format!("Avaa: {name}")), "{r}");
        // Wide at 1366 px: the meeting and the service in the link show (not a 200 px stub).
        assert!(r[7].as_f64().unwrap() > 500.0, "{r}");
    }
    assert_eq!(
        coord
            .js(
                "return document.querySelector(arguments[0]).getAttribute('aria-expanded')",
                vec![json!(open)]
            )
            .await,
        json!("true")
    );
    assert_eq!(coord.text(&open).await, "Sulje koosteet");
    let hint = coord.text(&format!("{list} .hint")).await;
    assert!(hint.starts_with("Jokainen linkki avaa vain"), "{hint}");
    axe_clean(
        &coord,
        "the coordinator's meeting view with the digests open",
    )
    .await;
    shoot(
        &coord,
        &format!("#open-min-{}", m.id),
        "digest-coordinator-1366.png",
    )
    .await;
    let link_of = |svc: &str| -> String {
        let l = rows
            .iter()
            .filter_map(|r| r[5].as_str())
            .find(|l| l.contains(&format!("/digest/{svc}?")))
            .unwrap_or_else(|| panic!("{svc}: {rows:?}"));
        // The server's public URL may be the address it was asked to bind; open it where it
        // listens.
        format!("{}{}", server.http(), &l[l.find("/api/").unwrap()..])
    };
    let kela_link = link_of("kela");
    let social_link = link_of("social_services");
    // On a phone the rows keep the whole link in view, nothing sticks out sideways.
    coord.set_viewport(PHONE.0, PHONE.1).await;
    fits(&coord, "the coordinator's digests at 390 px").await;
    shoot(&coord, &list, "digest-coordinator-390.png").await;
    coord.close().await;

    // --- Kela's link, in a browser without the token: Kela's items only. ---
    let kela_tab = driver.open("kela", WIDE.0, WIDE.1).await;
    kela_tab.goto(&kela_link).await;
    kela_tab.wait_for("main h1").await;
    let text = page_text(&kela_tab).await;
    for want in ["Iäkäs asiakas yksin", "Nuori aikuinen ilman tuloja", &kela] {
        assert!(text.contains(want), "Kela's digest shows {want}: {text}");
    }
    for not in ["Perheiden asumisahdinko", "Kotikäynnit"] {
        assert!(!text.contains(not), "Kela's digest hides {not}: {text}");
    }
    let items = kela_tab
        .js(
            "return document.querySelectorAll('main section h2').length",
            vec![],
        )
        .await;
    assert_eq!(items, json!(3), "Kela's two items and the redacted one");
    assert_eq!(
        kela_tab
            .js("return document.documentElement.lang", vec![])
            .await,
        json!("fi")
    );
    // Checked at the end, so the rest (screenshots, the other service's link) runs first.
    let kela_axe = kela_tab.axe_report(&axe_source()).await;
    kela_tab
        .screenshot(&screens_dir().join("digest-kela-1366.png"))
        .await;
    kela_tab.set_viewport(PHONE.0, PHONE.1).await;
    fits(&kela_tab, "Kela's digest at 390 px").await;
    kela_tab
        .screenshot(&screens_dir().join("digest-kela-390.png"))
        .await;
    kela_tab
        .screenshot_full(
            &screens_dir().join("digest-kela-390-full.png"),
            PHONE.0,
            PHONE.1,
        )
        .await;

    // Social services' link: its one item, none of Kela's.
    kela_tab.goto(&social_link).await;
    kela_tab.wait_for("main h1").await;
    let text = page_text(&kela_tab).await;
    assert!(text.contains("Perheiden asumisahdinko"), "{text}");
    for not in ["Iäkäs asiakas yksin", "Nuori aikuinen ilman tuloja"] {
        assert!(
            !text.contains(not),
            "social services' digest hides {not}: {text}"
        );
    }
    axe_clean(&kela_tab, "social services' digest").await;
    kela_tab.close().await;
    // Kela's digest (with its redacted item) has no axe-core violation either.
    let (passed, violations) = kela_axe;
    assert!(
        passed >= 6,
        "axe checked too little ({passed} rules passed)"
    );
    assert!(
        violations.is_empty(),
        "axe violations on Kela's digest:\n{}",
        listed(&violations)
    );
}

/// The chart whose title starts with `title`: its accessible summary ("Teemat: Asunnottomuus
/// 4, …") split into (label, shown value) pairs.
async fn chart(b: &Browser, title: &str) -> Vec<(String, String)> {
    let label = b
        .wait_js(
            &format!("the chart {title}"),
            "const s = [...document.querySelectorAll('#r-results .chart svg')] \
               .find(s => s.querySelector('title').textContent === arguments[0]); \
             return s ? s.getAttribute('aria-label') : null",
            vec![json!(title)],
        )
        .await;
    let label = label.as_str().unwrap();
    let rest = label
        .strip_prefix(&format!("{title}: "))
        .unwrap_or_else(|| panic!("{label}"));
    rest.split(", ")
        .map(|entry| {
            let (name, value) = if let Some(n) = entry.strip_suffix(" < 3") {
                (n, "< 3")
            } else {
                entry.rsplit_once(' ').unwrap()
            };
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

/// The key figures under the report form: (label, value).
async fn figures(b: &Browser) -> Vec<(String, String)> {
    let v = b
        .wait_js(
            "the key figures",
            "const f = [...document.querySelectorAll('#r-results dl.figures > div')]; \
             return f.length ? f.map(d => [d.querySelector('dt').innerText.trim(), d.querySelector('dd').innerText.trim()]) : null",
            vec![],
        )
        .await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn figure<'a>(figures: &'a [(String, String)], label: &str) -> &'a str {
    &figures
        .iter()
        .find(|f| f.0 == label)
        .unwrap_or_else(|| panic!("{label} in {figures:?}"))
        .1
}

#[tokio::test]
async fn the_period_report_shows_small_counts_as_less_than_three_and_states_the_rule() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = Server::start(&[]);
    // Two meetings: "Maahanmuuttajataustainen asiakas" once, one phenomenon among six items,
    // one follow-up (in the last meeting, so it is not carried into the second).
    let mut last = case(
        "client_case",
        "Toistuvat käynnit",
        &["homelessness", "mental_health"],
    );
    last.follow_up = true;
    hold(
        &server,
        "2026-10-13T13:00:00+03:00",
        &[
            case(
                "client_case",
                "Iäkäs asiakas yksin",
                &["homelessness", "immigrant_client"],
            ),
            case(
                "client_case",
                "Nuori aikuinen ilman asuntoa",
                &["homelessness"],
            ),
            case(
                "client_case",
                "Perhe muuttaa",
                &["homelessness", "mental_health"],
            ),
        ],
    )
    .await;
    hold(
        &server,
        "2026-11-10T13:00:00+02:00",
        &[
            last,
            case("client_case", "Päihteet ja asunto", &["mental_health"]),
            case("phenomenon", "Jonot pitenevät", &["mental_health"]),
        ],
    )
    .await;

    let coord = driver.open("coordinator", WIDE.0, WIDE.1).await;
    coord.sign_in_as_coordinator(&server.http(), TOKEN).await;
    coord.click_button(".tabs", "Raportit").await;
    coord.wait_for("#r-from").await;
    coord.select("#r-centre", "kalasatama").await;
    coord
        .js(
            "for (const [id, v] of [['r-from', '2026-10-01'], ['r-to', '2026-11-30']]) { \
               const e = document.getElementById(id); e.value = v; \
               e.dispatchEvent(new Event('input', { bubbles: true })); } \
             document.getElementById('r-from').form.requestSubmit();",
            vec![],
        )
        .await;
    coord.wait_for("#r-results .suppression-rule").await;

    // The key figures: two meetings, the one follow-up hidden.
    let f = figures(&coord).await;
    assert_eq!(figure(&f, "Pidettyjä kokouksia"), "2", "{f:?}");
    assert_eq!(figure(&f, "Seurantaan"), "< 3", "{f:?}");
    let total = figure(&f, "Asioita").to_owned();

    // Themes: the one counted once reads "< 3"; the others as they are; no bar says 1.
    let themes = chart(&coord, "Teemat").await;
    assert!(
        themes.contains(&("Asunnottomuus".into(), "4".into())),
        "{themes:?}"
    );
    assert!(
        themes.contains(&("Mielenterveys".into(), "4".into())),
        "{themes:?}"
    );
    let hidden: Vec<_> = themes.iter().filter(|t| t.1 == "< 3").collect();
    assert_eq!(hidden.len(), 1, "{themes:?}");
    assert!(
        hidden[0].0.to_lowercase().contains("maahanmuut"),
        "{themes:?}"
    );
    assert!(
        !themes.iter().any(|t| t.1 == "1" || t.1 == "2"),
        "{themes:?}"
    );

    // Kinds: the one phenomenon is hidden, and so is enough else that the total (shown
    // beside it as "Asioita") cannot give it away.
    let kinds = chart(&coord, "Asiat lajeittain").await;
    assert!(kinds.contains(&("Ilmiö".into(), "< 3".into())), "{kinds:?}");
    assert!(!kinds.iter().any(|k| k.1 == "1" || k.1 == "2"), "{kinds:?}");
    let hidden_kinds = kinds.iter().filter(|k| k.1 == "< 3").count();
    assert!(
        total == "< 3" || hidden_kinds >= 2,
        "one hidden kind beside a shown total ({total}) would be its difference: {kinds:?}"
    );
    if let Ok(total) = total.parse::<usize>() {
        // What the shown total leaves over the shown kinds is shared by the hidden ones, and
        // not so that each must be 1.
        let shown: usize = kinds.iter().filter_map(|k| k.1.parse::<usize>().ok()).sum();
        let left = total - shown;
        assert!(
            hidden_kinds >= 2 && left != hidden_kinds,
            "{total} - {shown} = {left} over {hidden_kinds} hidden: {kinds:?}"
        );
    }
    // And the "< 3" is what the page shows, not only what it says to screen readers.
    let drawn = coord
        .js(
            "return [...document.querySelectorAll('#r-results .chart svg text')].filter(t => t.textContent === '< 3').length",
            vec![],
        )
        .await;
    assert!(
        drawn.as_u64().unwrap() > hidden_kinds as u64,
        "the theme's and the kinds' \"< 3\" are drawn: {drawn}"
    );

    // The rule, stated on the page.
    let rule = coord.text("#r-results .suppression-rule").await;
    assert!(
        rule.starts_with("Pienten lukujen suojaus") && rule.contains("\"< 3\""),
        "{rule}"
    );
    axe_clean(&coord, "the period report").await;
    shoot(&coord, "#rep-h", "report-suppression-1366.png").await;
    coord
        .js(
            "[...document.querySelectorAll('#r-results .chart svg')].find(s => s.querySelector('title').textContent === 'Teemat').closest('figure').id = 'themes-chart'",
            vec![],
        )
        .await;
    shoot(
        &coord,
        "#themes-chart",
        "report-suppression-charts-1366.png",
    )
    .await;

    // In Swedish and English: the figures and the stated rule follow the language at once,
    // without asking for the report again.
    for (lang, words, follow_label) in [
        ("sv", "Skydd av små tal", "Uppföljning"),
        ("en", "Small-number suppression", "Follow-ups"),
    ] {
        coord.select("#lang-select", lang).await;
        coord
            .wait_js(
                &format!("the figures in {lang}"),
                "return [...document.querySelectorAll('#r-results dl.figures dt')].some(d => d.innerText.trim() === arguments[0])",
                vec![json!(follow_label)],
            )
            .await;
        let f = figures(&coord).await;
        assert_eq!(figure(&f, follow_label), "< 3", "{lang}: {f:?}");
        let rule = coord
            .wait_js(
                &format!("the rule in {lang}"),
                "const r = document.querySelector('#r-results .suppression-rule'); \
                 return r && r.innerText.startsWith(arguments[0]) ? r.innerText : null",
                vec![json!(words)],
            )
            .await;
        assert!(rule.as_str().unwrap().contains("\"< 3\""), "{rule}");
        axe_clean(&coord, &format!("the period report in {lang}")).await;
        if lang == "sv" {
            shoot(&coord, "#rep-h", "report-suppression-sv-1366.png").await;
        }
    }
    coord.close().await;
}
