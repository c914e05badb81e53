//! Issue 13, items 5 and 4, through the real server: a period report over two crafted
//! meetings shows a theme counted once (and a follow-up counted once) as "< 3" in JSON and CSV,
//! its totals do not give it away, and the report states the rule; a service's digest lists
//! exactly the items that involve that service.

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

/// Holds a meeting of Kalasatama at `starts_at` where Kela submits `cases`, and the chair
/// presents each, records its outcome and ends the meeting.
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

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn a_count_of_one_is_less_than_three_and_the_totals_do_not_give_it_away() {
    let server = Server::start(&[]);
    // A follow-up in the last meeting (one in the first would be carried into the second).
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

    let (status, body) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-10-01&to=2026-11-30&format=json&lang=en",
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["meetings_held"], 2);
    // The theme counted once, and the follow-up counted once.
    assert_eq!(r["themes"]["immigrant_client"], "< 3");
    assert_eq!(r["themes"]["homelessness"], 4);
    assert_eq!(r["themes"]["mental_health"], 4);
    assert_eq!(r["follow_ups"], "< 3");
    // Per meeting: the follow-up's meeting is hidden, and so is the other one or the total.
    let per_meeting: Vec<&Value> = r["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["follow_ups"])
        .collect();
    assert_eq!(per_meeting, [&json!(0), &json!("< 3")]);
    // Kinds: one phenomenon. It is hidden, and so much else that the total cannot give it.
    assert_eq!(r["items_by_kind"]["phenomenon"], "< 3");
    let shown: Vec<&Value> = r["items_by_kind"].as_object().unwrap().values().collect();
    assert!(
        r["items_handled"] == "< 3" || shown.iter().filter(|v| **v == "< 3").count() >= 2,
        "one hidden kind beside a shown total would be its difference: {r}"
    );
    // Each meeting's items (a row total) with its kinds: never exactly one hidden.
    for (m, items) in r["meetings"].as_array().unwrap().iter().zip([3, 3]) {
        assert!(m["items"] == items || m["items"] == "< 3", "{m}");
    }
    assert!(r["suppression_rule"].as_str().unwrap().contains("\"< 3\""));
    assert!(!body.contains("\"immigrant_client\": 1"));

    // The CSV: the theme's column shows "< 3" in its meeting and in the total row, and the rule.
    let (status, text) = get_text(
        &server,
        "/api/reports?centre=kalasatama&from=2026-10-01&to=2026-11-30&format=csv&lang=en",
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let (header, rows) = parse_csv(&text);
    let col = header
        .iter()
        .position(|h| h == "theme: Immigrant client")
        .unwrap_or_else(|| panic!("{header:?}"));
    assert_eq!(rows[0][col], "< 3");
    assert_eq!(rows[1][col], "0");
    assert_eq!(rows[2][0], "Total");
    assert_eq!(rows[2][col], "< 3", "the total would be the hidden count");
    let follow = header.iter().position(|h| h == "follow-ups").unwrap();
    assert_eq!(
        (
            &rows[0][follow][..],
            &rows[1][follow][..],
            &rows[2][follow][..]
        ),
        ("0", "< 3", "< 3")
    );
    assert!(
        rows.iter()
            .any(|r| r[0].starts_with("Small-number suppression")),
        "the rule is stated"
    );
    // Swedish and Finnish state it too.
    for (lang, words) in [
        ("fi", "Pienten lukujen suojaus"),
        ("sv", "Skydd av små tal"),
    ] {
        let (_, text) = get_text(
            &server,
            &format!(
                "/api/reports?centre=kalasatama&from=2026-10-01&to=2026-11-30&format=csv&lang={lang}"
            ),
            TOKEN,
        )
        .await;
        assert!(text.contains(words), "{lang}");
    }
}

#[tokio::test]
async fn a_services_digest_lists_exactly_its_items_behind_its_own_link() {
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

    // The coordinator's list: Kela (present), then the services asked for or involved.
    let (status, body) = get_text(
        &server,
        &format!("/api/meetings/{}/digests?lang=en", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let list: Value = serde_json::from_str(&body).unwrap();
    let digests = list["digests"].as_array().unwrap();
    let services: Vec<&str> = digests
        .iter()
        .map(|d| d["service"].as_str().unwrap())
        .collect();
    // The chair's service was there; the others were asked for or involved, in catalogue
    // order; oral health neither came nor was named.
    assert_eq!(
        services,
        [
            "health_station",
            "social_services",
            "elderly_guidance",
            "kela"
        ]
    );
    for s in ["kela", "social_services", "elderly_guidance"] {
        assert!(services.contains(&s), "{services:?}");
    }
    assert!(!services.contains(&"oral_health"));
    let link = |svc: &str| {
        let d = digests.iter().find(|d| d["service"] == svc).unwrap();
        let l = d["link"].as_str().unwrap();
        l[l.find("/api/").unwrap()..].to_owned()
    };

    // Kela's link, without the coordinator token: exactly Kela's two items.
    let (status, body) = get_text(&server, &format!("{}&format=json", link("kela")), "").await;
    assert_eq!(status, 200, "{body}");
    let kela: Value = serde_json::from_str(&body).unwrap();
    let titles: Vec<&str> = kela["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles[..2],
        ["Iäkäs asiakas yksin", "Nuori aikuinen ilman tuloja"]
    );
    // The redacted item is there, without its text.
    assert_eq!(titles.len(), 3);
    assert_eq!(kela["items"][2]["redacted"], true);
    assert!(!body.contains("Kotikäynnit"), "{body}");
    assert_eq!(kela["follow_ups"], 1);
    assert_eq!(kela["present"], 1);
    let (_, social) = get_text(
        &server,
        &format!("{}&format=md", link("social_services")),
        "",
    )
    .await;
    assert!(social.contains("Perheiden asumisahdinko"), "{social}");
    assert!(!social.contains("Iäkäs") && !social.contains("Nuori"));
    // Every format of the minutes.
    for (format, kind) in [
        ("html", "text/html"),
        ("csv", "text/csv"),
        ("md", "text/markdown"),
    ] {
        let resp = reqwest::Client::new()
            .get(format!(
                "{}/api/meetings/{}/digest/kela?format={format}",
                server.http(),
                m.id
            ))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        let ct = resp.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(ct.starts_with(kind), "{ct}");
        let text = resp.text().await.unwrap();
        assert!(text.contains("Nuori aikuinen ilman tuloja") && !text.contains("Perheiden"));
    }

    // Kela's key opens Kela's digest only; a made-up key nothing; no token and no key: 401.
    let kela_key = link("kela").split("key=").nth(1).unwrap()[..32].to_owned();
    let (status, _) = get_text(
        &server,
        &format!(
            "/api/meetings/{}/digest/social_services?key={kela_key}",
            m.id
        ),
        "",
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = get_text(
        &server,
        &format!("/api/meetings/{}/digest/kela?key={}", m.id, "0".repeat(32)),
        "",
    )
    .await;
    assert_eq!(status, 403);
    let status = reqwest::get(format!(
        "{}/api/meetings/{}/digest/kela",
        server.http(),
        m.id
    ))
    .await
    .unwrap()
    .status()
    .as_u16();
    assert_eq!(status, 401);
    let (status, _) = get_text(
        &server,
        &format!("/api/meetings/{}/digest/oral_health", m.id),
        TOKEN,
    )
    .await;
    assert_eq!(status, 404, "neither there nor named");
    // The list is the coordinator's alone.
    let (status, _) = get_text(
        &server,
        &format!("/api/meetings/{}/digests", m.id),
        &m.chair_key,
    )
    .await;
    assert_eq!(status, 403);
    // Rotating the chair key revokes the digest links.
    let (status, _) = e2e::fixtures::api(
        &server,
        "POST",
        &format!("/api/meetings/{}/rotate", m.id),
        Some(json!({"key": "chair"})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = get_text(&server, &link("kela"), "").await;
    assert_eq!(status, 403);
}
