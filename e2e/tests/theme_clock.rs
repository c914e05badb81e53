//! The theme clock (vuosikello, issue 13) through the real server: a year of monthly themes is
//! planned, guarded and copied as the start of the next; the month's theme reaches the
//! calendar feed's event, the minutes in every format and language, and the room's snapshot the
//! join page, the chair view and the shared screen read.

use e2e::fixtures::{api, api_as, get_text};
use e2e::{run_meeting, Meeting, Server, TOKEN};
use serde_json::{json, Value};
use std::io::BufReader;

/// A plan for October and November: a network workshop with a task between workshops, then
/// a training.
fn autumn() -> Value {
    json!({"months": [
        {"month": 10, "theme": "Kiusaaminen ja yksinäisyys", "workshop": "network_workshop",
         "between_task": "Kartoita tiimin käytännöt ennen marraskuuta"},
        {"month": 11, "theme": "Nuorten päihteet", "workshop": "training"}
    ]})
}

async fn plan(server: &Server, centre: &str, year: i32, body: Value) -> (u16, Value) {
    api(
        server,
        "PUT",
        &format!("/api/centres/{centre}/theme-clock/{year}"),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn a_year_is_planned_guarded_and_copied_as_the_start_of_the_next() {
    let server = Server::start(&[]);
    let (status, clock) = plan(&server, "kalasatama", 2026, autumn()).await;
    assert_eq!(status, 200, "{clock}");
    let months = clock["months"].as_array().unwrap();
    assert_eq!(months.len(), 12, "always twelve months");
    assert_eq!(months[9]["theme"], "Kiusaaminen ja yksinäisyys");
    assert_eq!(months[9]["workshop"], "network_workshop");
    assert_eq!(months[10]["workshop"], "training");
    assert_eq!(months[0]["theme"], "", "a month not planned is empty");
    let (status, read) = api(
        &server,
        "GET",
        "/api/centres/kalasatama/theme-clock/2026",
        None,
    )
    .await;
    assert_eq!((status, &read), (200, &clock));

    // The task between workshops goes through the identifier guard: nothing is stored.
    let mut bad = autumn();
    bad["months"][0]["between_task"] = json!("Soita 040 123 4567 ennen työpajaa");
    let (status, err) = plan(&server, "kalasatama", 2026, bad).await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["error"]["code"], "identifier_found", "{err}");
    assert_eq!(
        err["error"]["findings"][0]["field"],
        "months[0].between_task"
    );
    assert!(!err.to_string().contains("123 4567"));
    let (_, after) = api(
        &server,
        "GET",
        "/api/centres/kalasatama/theme-clock/2026",
        None,
    )
    .await;
    assert_eq!(after, clock, "the refused plan changed nothing");
    // Shape: a month twice, a month 13, an unknown workshop kind.
    for body in [
        json!({"months": [{"month": 3, "theme": "A"}, {"month": 3, "theme": "B"}]}),
        json!({"months": [{"month": 13, "theme": "A"}]}),
        json!({"months": [{"month": 3, "theme": "A", "workshop": "party"}]}),
    ] {
        let (status, _) = plan(&server, "kalasatama", 2026, body.clone()).await;
        assert!(status == 400 || status == 422, "{status} for {body}");
    }

    // Last year's clock as the start of the next; what the next year had is replaced.
    plan(
        &server,
        "kalasatama",
        2027,
        json!({"months": [{"month": 1, "theme": "Vanha"}]}),
    )
    .await;
    let (status, copied) = api(
        &server,
        "POST",
        "/api/centres/kalasatama/theme-clock/2027/copy-from/2026",
        None,
    )
    .await;
    assert_eq!(status, 200, "{copied}");
    assert_eq!(copied["year"], 2027);
    assert_eq!(copied["months"], clock["months"]);
    // A year with nothing planned cannot wipe a plan; a year onto itself is refused.
    let (status, _) = api(
        &server,
        "POST",
        "/api/centres/kalasatama/theme-clock/2027/copy-from/2019",
        None,
    )
    .await;
    assert_eq!(status, 404);
    let (_, still) = api(
        &server,
        "GET",
        "/api/centres/kalasatama/theme-clock/2027",
        None,
    )
    .await;
    assert_eq!(still["months"], clock["months"]);
    let (status, _) = api(
        &server,
        "POST",
        "/api/centres/kalasatama/theme-clock/2027/copy-from/2027",
        None,
    )
    .await;
    assert_eq!(status, 400);

    // Coordinator only; an unknown centre is 404.
    let (status, _) = api_as(
        &server,
        "GET",
        "/api/centres/kalasatama/theme-clock/2026",
        None,
        Some("not-the-coordinator-token-at-all-000000"),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = api(
        &server,
        "GET",
        "/api/centres/nowhere/theme-clock/2026",
        None,
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_months_theme_reaches_the_minutes_the_calendar_and_the_room() {
    let server = Server::start(&[]);
    let (status, _) = plan(&server, "kalasatama", 2026, autumn()).await;
    assert_eq!(status, 200);

    // The minutes of an October meeting, in every format and language.
    let m = run_meeting(&server, "kalasatama", "2026-10-13T13:00:00+03:00").await;
    let summary = |format: &'static str, lang: &'static str| {
        let (server, id) = (&server, m.id.clone());
        async move {
            let (status, body) = get_text(
                server,
                &format!("/api/meetings/{id}/summary?format={format}&lang={lang}"),
                TOKEN,
            )
            .await;
            assert_eq!(status, 200, "{format} {lang}: {body}");
            body
        }
    };
    let json: Value = serde_json::from_str(&summary("json", "fi").await).unwrap();
    assert_eq!(json["month_theme"]["theme"], "Kiusaaminen ja yksinäisyys");
    assert_eq!(json["month_theme"]["workshop"], "network_workshop");
    let md = summary("md", "fi").await;
    assert!(
        md.contains("- Kuukauden teema: Kiusaaminen ja yksinäisyys\n"),
        "{md}"
    );
    assert!(md.contains("- Työpaja: Verkostotyöpaja\n"), "{md}");
    assert!(md.contains("- Välitehtävä: Kartoita tiimin käytännöt ennen marraskuuta\n"));
    let html = summary("html", "sv").await;
    assert!(
        html.contains("<dt>Månadens tema</dt><dd>Kiusaaminen ja yksinäisyys</dd>"),
        "{html}"
    );
    assert!(html.contains("<dd>Nätverksworkshop</dd>"));
    let csv = summary("csv", "en").await;
    assert!(csv.contains("theme of the month") && csv.contains("Kiusaaminen ja yksinäisyys"));
    assert!(csv.contains("Network workshop"));

    // A meeting in a month with nothing planned says nothing about a theme.
    let plain = run_meeting(&server, "kalasatama", "2026-09-08T13:00:00+03:00").await;
    let (_, md) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=md", plain.id),
        TOKEN,
    )
    .await;
    assert!(!md.contains("Kuukauden teema"), "{md}");

    // Next year's clock copied from this one: a March meeting of 2027 has its theme in the
    // calendar feed's event and in the room the chair and the join page read.
    plan(
        &server,
        "kalasatama",
        2026,
        json!({"months": [{"month": 3, "theme": "Perheiden arki", "workshop": "starting_workshop",
                           "between_task": "Tuo yksi kysymys tiimiltäsi"}]}),
    )
    .await;
    let (status, _) = api(
        &server,
        "POST",
        "/api/centres/kalasatama/theme-clock/2027/copy-from/2026",
        None,
    )
    .await;
    assert_eq!(status, 200);
    let march = Meeting::create_with(
        &server,
        json!({"centre_id": "kalasatama", "starts_at": "2027-03-09T13:00:00+02:00",
               "title": "PPT-konsultaatio"}),
    )
    .await;
    let (_, centre) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    let text = reqwest::get(centre["feed_url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let cal = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    let event = cal
        .events
        .iter()
        .find(|e| {
            e.properties.iter().any(|p| {
                p.name == "UID" && p.value.as_deref().is_some_and(|v| v.starts_with(&march.id))
            })
        })
        .expect("the March meeting in the feed");
    let prop = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(prop("SUMMARY"), "PPT-konsultaatio – Perheiden arki");
    let description = prop("DESCRIPTION").replace("\\n", "\n").replace("\\,", ",");
    assert!(
        description
            .contains("Kuukauden teema / Månadens tema / Theme of the month: Perheiden arki"),
        "{description}"
    );
    assert!(description.contains("Aloitustyöpaja / Startworkshop / Starting workshop"));
    assert!(description.contains("Tuo yksi kysymys tiimiltäsi"));

    // The room's snapshot carries the month's plan to the chair view, the join page and the
    // shared screen.
    let chair = march.chair(&server.addr).await;
    let theme = chair
        .room()
        .month_theme
        .clone()
        .expect("the month's theme in the room");
    assert_eq!(theme.theme, "Perheiden arki");
    assert_eq!(
        theme.workshop,
        Some(shared::domain::WorkshopKind::StartingWorkshop)
    );
    // A change of the clock reaches the live room: a new connection's snapshot has it.
    plan(
        &server,
        "kalasatama",
        2027,
        json!({"months": [{"month": 3, "theme": "Perheiden arki ja koulu"}]}),
    )
    .await;
    let mut changed = None;
    for _ in 0..50 {
        let c = march.chair(&server.addr).await;
        let t = c.room().month_theme.as_ref().map(|t| t.theme.clone());
        if t.as_deref() == Some("Perheiden arki ja koulu") {
            changed = t;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(changed.as_deref(), Some("Perheiden arki ja koulu"));
    drop(chair);
    let guest = march.participant(&server.addr).await;
    assert_eq!(
        guest.room().month_theme.as_ref().map(|t| t.theme.as_str()),
        Some("Perheiden arki ja koulu")
    );

    // Moved to April, which has nothing planned: the live room drops the theme.
    let (status, _) = api(
        &server,
        "PATCH",
        &format!("/api/meetings/{}", march.id),
        Some(json!({"starts_at": "2027-04-13T13:00:00+03:00"})),
    )
    .await;
    assert_eq!(status, 200);
    let moved = march.participant(&server.addr).await;
    assert_eq!(moved.room().month_theme, None);
    drop(guest);
}
