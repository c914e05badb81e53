//! Issue 13, item 2, through the real server: structured anonymous feedback. Five people who
//! took part answer and the minutes show the result; in another meeting four answer and the
//! minutes show only that four answered; an answer before the end, a second answer, a key that
//! is not the meeting's and a person who did not take part are refused with clear errors; a
//! comment with a client identifier is refused and never stored or exported; the period
//! report counts the first meeting's feedback only.

use e2e::fixtures::{api_as, get_text, minutes};
use e2e::{Client, Meeting, Server, TOKEN};
use serde_json::{json, Value};

const REFUSED: &str = "Matti Virtanen 120464-121C";
const COMMENT: &str = "Selkeä puheenjohto ja hyvä aikataulu.";

/// A meeting of Kalasatama at `starts_at` with its chair and `n` professionals joined.
async fn meeting(server: &Server, starts_at: &str, n: usize) -> (Meeting, Client, Vec<Client>) {
    let m = Meeting::create_with(
        server,
        json!({"centre_id": "kalasatama", "starts_at": starts_at}),
    )
    .await;
    let chair = m.chair_joined(&server.addr, "health_station").await;
    let services = [
        "kela",
        "social_services",
        "elderly_guidance",
        "oral_health",
        "disability",
    ];
    let mut people = Vec::new();
    for s in services.iter().cycle().take(n) {
        people.push(m.participant_joined(&server.addr, s).await);
    }
    (m, chair, people)
}

/// `POST /api/meetings/{id}/feedback{path}` with no token; (status, answer).
async fn post(server: &Server, m: &Meeting, path: &str, body: Value) -> (u16, Value) {
    api_as(
        server,
        "POST",
        &format!("/api/meetings/{}/feedback{path}", m.id),
        Some(body),
        None,
    )
    .await
}

/// The answer of `c` (joined with the participant key) with these scores and comment.
fn answer(m: &Meeting, c: &Client, scores: [u8; 3], comment: Option<&str>) -> Value {
    let mut a = json!({
        "key": m.participant_key,
        "secret": c.secret.clone().unwrap(),
        "scores": {
            "got_what_came_for": scores[0],
            "understand_others": scores[1],
            "time_well_used": scores[2],
        }
    });
    if let Some(c) = comment {
        a["comment"] = json!(c);
    }
    a
}

async fn end(chair: &mut Client) {
    chair.ok(json!({"type": "end_meeting"})).await;
}

#[tokio::test]
async fn five_answers_show_in_the_minutes_four_do_not_and_the_report_counts_only_five() {
    let server = Server::start(&[]);
    let (first, mut chair, people) = meeting(&server, "2026-10-13T13:00:00+03:00", 5).await;

    // Before the end: the form says the meeting has not ended, and an answer is refused.
    let proof = json!({"key": first.participant_key, "secret": people[0].secret});
    let (status, s) = post(&server, &first, "/status", proof.clone()).await;
    assert_eq!(status, 200, "{s}");
    assert_eq!(
        (&s["ended"], &s["given"], &s["answers"]),
        (&json!(false), &json!(false), &json!(0))
    );
    let (status, e) = post(
        &server,
        &first,
        "",
        answer(&first, &people[0], [5, 5, 5], None),
    )
    .await;
    assert_eq!(
        (status, &e["error"]["code"]),
        (409, &json!("wrong_state")),
        "{e}"
    );
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .contains("when the meeting has ended"));
    end(&mut chair).await;

    // A key that is not the meeting's, and a person who did not take part: 403.
    let mut wrong = answer(&first, &people[0], [5, 5, 5], None);
    wrong["key"] = json!("not-the-key");
    let (status, e) = post(&server, &first, "", wrong).await;
    assert_eq!(
        (status, &e["error"]["code"]),
        (403, &json!("forbidden")),
        "{e}"
    );
    let mut stranger = answer(&first, &people[0], [5, 5, 5], None);
    stranger["secret"] = json!("0123456789abcdef0123456789abcdef");
    let (status, e) = post(&server, &first, "", stranger).await;
    assert_eq!(status, 403, "{e}");
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .contains("took part"));
    // Out of range, and empty.
    let (status, e) = post(
        &server,
        &first,
        "",
        answer(&first, &people[0], [6, 5, 5], None),
    )
    .await;
    assert_eq!(status, 400, "{e}");
    let empty = json!({"key": first.participant_key, "secret": people[0].secret});
    let (status, e) = post(&server, &first, "", empty).await;
    assert_eq!(status, 400, "{e}");

    // A comment with a client identifier: refused with kinds and spans, not the text.
    let (status, e) = post(
        &server,
        &first,
        "",
        answer(&first, &people[0], [4, 4, 4], Some(REFUSED)),
    )
    .await;
    assert_eq!(
        (status, &e["error"]["code"]),
        (400, &json!("identifier_found")),
        "{e}"
    );
    let kinds: Vec<&str> = e["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"hetu"), "{kinds:?}");
    assert!(e["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["field"] == "comment"));
    assert!(!e.to_string().contains("120464") && !e.to_string().contains("Virtanen"));
    let (_, s) = post(&server, &first, "/status", proof.clone()).await;
    assert_eq!(
        (&s["ended"], &s["given"], &s["answers"]),
        (&json!(true), &json!(false), &json!(0))
    );

    // Five answer (the first one's comment passes the guard).
    let scores = [[5, 4, 3], [4, 4, 3], [5, 3, 4], [3, 5, 4], [5, 4, 5]];
    for (i, (p, sc)) in people.iter().zip(scores).enumerate() {
        let comment = (i == 0).then_some(COMMENT);
        let (status, s) = post(&server, &first, "", answer(&first, p, sc, comment)).await;
        assert_eq!(status, 200, "{s}");
        assert_eq!((&s["given"], &s["answers"]), (&json!(true), &json!(i + 1)));
        assert!(
            s["title"].as_str().unwrap().starts_with("PPT-konsultaatio"),
            "{s}"
        );
        assert_eq!(s["centre_name"], "Kalasatama");
    }
    // A second answer: 409, nothing changes.
    let (status, e) = post(
        &server,
        &first,
        "",
        answer(&first, &people[0], [1, 1, 1], Some("Toinen vastaus")),
    )
    .await;
    assert_eq!(
        (status, &e["error"]["code"]),
        (409, &json!("wrong_state")),
        "{e}"
    );
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .contains("already given"));
    let (_, s) = post(&server, &first, "/status", proof).await;
    assert_eq!((&s["given"], &s["answers"]), (&json!(true), &json!(5)));

    let (status, md) = minutes(&server, &first, "md").await;
    assert_eq!(status, 200, "{md}");
    assert!(
        md.contains("## Palaute\n\nVastauksia 5. Asteikko 1–5"),
        "{md}"
    );
    assert!(md.contains(
        "- Sain sitä, mitä tulin hakemaan: keskiarvo 4,4 (5 vastasi); jakauma 1: 0, 2: 0, 3: 1, 4: 1, 5: 3"
    ), "{md}");
    assert!(
        md.contains("- Aika käytettiin hyvin: keskiarvo 3,8 (5 vastasi)"),
        "{md}"
    );
    assert!(md.contains(COMMENT));
    assert!(!md.contains("Toinen vastaus"));
    let (_, html) = get_text(
        &server,
        &format!("/api/meetings/{}/summary?format=html&lang=en", first.id),
        TOKEN,
    )
    .await;
    assert!(html.contains("<h2>Feedback</h2><p>Answers: 5."), "{html}");
    assert!(html.contains("<th scope=\"row\">I got what I came for</th><td class=\"num\">4.4</td>"));
    let (_, csv) = minutes(&server, &first, "csv").await;
    assert!(
        csv.contains("Sain sitä, mitä tulin hakemaan;4,40;5;0;0;1;1;3"),
        "{csv}"
    );
    let (_, js) = minutes(&server, &first, "json").await;
    let js: Value = serde_json::from_str(&js).unwrap();
    assert_eq!(js["feedback"]["answers"], 5);
    assert_eq!(
        js["feedback"]["scales"][1]["distribution"],
        json!([0, 0, 1, 3, 1])
    );
    for text in [&md, &html, &csv, &js.to_string()] {
        assert!(
            !text.contains("120464") && !text.contains("Virtanen"),
            "the refused comment is nowhere"
        );
    }

    // Another meeting where four answer: the minutes say four answered and show no scores.
    let (second, mut chair2, four) = meeting(&server, "2026-11-10T13:00:00+02:00", 4).await;
    end(&mut chair2).await;
    for p in &four {
        let (status, s) = post(
            &server,
            &second,
            "",
            answer(&second, p, [2, 2, 2], Some("Liian lyhyt aika.")),
        )
        .await;
        assert_eq!(status, 200, "{s}");
    }
    let (_, md2) = minutes(&server, &second, "md").await;
    assert!(
        md2.contains(
            "## Palaute\n\nVastauksia 4. Tulokset näytetään, kun vastauksia on vähintään 5"
        ),
        "{md2}"
    );
    assert!(
        !md2.contains("keskiarvo") && !md2.contains("Liian lyhyt"),
        "{md2}"
    );
    let (_, js2) = minutes(&server, &second, "json").await;
    let js2: Value = serde_json::from_str(&js2).unwrap();
    assert_eq!(
        js2["feedback"],
        json!({"answers": 4, "shown": false, "scales": [], "comments": []})
    );

    // The period report: the first meeting's line only, the second counted as below the minimum.
    let q = "/api/reports?centre=kalasatama&from=2026-10-01&to=2026-11-30";
    let (status, body) = get_text(&server, &format!("{q}&format=json"), TOKEN).await;
    assert_eq!(status, 200, "{body}");
    let r: Value = serde_json::from_str(&body).unwrap();
    let f = &r["feedback"];
    assert_eq!(f["answers"], 5);
    assert_eq!(f["meetings_below_minimum"], 1);
    let lines = f["meetings"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "{f}");
    assert_eq!(lines[0]["meeting_id"], first.id);
    assert_eq!(lines[0]["date"], "2026-10-13");
    assert_eq!(lines[0]["means"]["got_what_came_for"], 4.4);
    assert_eq!(f["scales"][0]["distribution"], json!([0, 0, 1, 1, 3]));
    assert!(
        !body.contains("Liian lyhyt") && !body.contains(COMMENT),
        "comments stay in the minutes"
    );
    let (_, csv) = get_text(&server, &format!("{q}&format=csv"), TOKEN).await;
    assert!(csv.contains("Vastauksia 5 tapaamisesta 1."), "{csv}");
    assert!(
        csv.contains(&format!("2026-10-13;{};5;4,40", first.id)),
        "{csv}"
    );
    assert!(!csv.contains(&second.id) || !csv.contains(&format!("2026-11-10;{};4", second.id)));

    // The refused text is in none of the server's files.
    assert!(!server.stores("120464-121C"));
    assert!(!server.stores("Virtanen"));
    assert!(!server.log_text().contains("120464"), "nor in its log");
}
