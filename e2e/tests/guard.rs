//! The no-identifiers rule through the real server (issue 3): a message holding an identity
//! code, a phone number or a name is refused with the findings' kinds and spans, nobody else
//! hears of it, and no part of it reaches the database or the server's log. A centre's
//! allowlist lets its own words through, never an identity code.

use e2e::fixtures::{api, api_as, minutes};
use e2e::{meeting_with_chair_and, submit, Client, Meeting, Server};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn identifiers_are_refused_with_spans_and_leave_no_trace() {
    let server = Server::start(&[]);
    let (m, mut chair, mut other) = meeting_with_chair_and(&server, "kela").await;
    let mut p = m.participant_joined(&server.addr, "social_services").await;
    other.drain(Duration::from_millis(200)).await;
    let seq_before = other.seq;

    let cases = [
        (
            "title",
            "Asiakas 131052-308T, toistuvat käynnit",
            "hetu",
            8,
            19,
        ),
        (
            "summary",
            "Omainen pyysi soittamaan numeroon 040 765 4321 iltaisin.",
            "phone",
            34,
            46,
        ),
        (
            "question",
            "Miten Matille saadaan asunto?",
            "person_name",
            6,
            13,
        ),
        (
            "summary",
            "Virtasen perheessä on kolme lasta.",
            "person_name",
            0,
            8,
        ),
    ];
    for (field, text, kind, start, end) in cases {
        let mut item =
            json!({"kind":"client_case","title":"Tapaus","question":"Mitä tehdä?","summary":""});
        item[field] = json!(text);
        let answer = p.request(json!({"type":"submit_item","item":item})).await;
        assert_eq!(answer["type"], "error", "{text}");
        assert_eq!(answer["code"], "identifier_found");
        let f = &answer["findings"][0];
        assert_eq!(
            (f["field"].as_str(), f["kind"].as_str()),
            (Some(field), Some(kind)),
            "{answer}"
        );
        assert_eq!(
            (f["start"].as_u64(), f["end"].as_u64()),
            (Some(start), Some(end)),
            "{text}: {answer}"
        );
        assert!(
            !answer.to_string().contains(&text[start as usize..]),
            "the error does not echo the text"
        );
    }
    // A display name and an outcome are guarded too.
    let mut named = m.participant(&server.addr).await;
    let answer = named
        .request(json!({"type":"join","service":"kela","display_name":"Matti Virtanen"}))
        .await;
    assert_eq!(answer["code"], "identifier_found");
    assert_eq!(answer["findings"][0]["field"], "display_name");
    p.ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"72-vuotias, F32.1, PHQ-9 18 pistettä","question":"Kuka koordinoi?"}})).await;
    chair.ok(json!({"type":"start_item","item":"i1"})).await;
    let answer = chair
        .request(json!({"type":"record_outcome","item":"i1","outcome":{"advice":"Ota yhteys: liisa.example@hel.fi","next_steps":""}}))
        .await;
    assert_eq!(answer["code"], "identifier_found");
    assert_eq!(answer["findings"][0]["kind"], "email");

    // The others saw only the accepted changes: the clean item, its start.
    other.drain(Duration::from_millis(300)).await;
    let kinds: Vec<String> = other
        .received
        .iter()
        .filter(|m| m["type"] == "event" && m["event"]["seq"].as_u64().unwrap() > seq_before)
        .map(|m| m["event"]["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["item_submitted", "item_started"]);
    assert_eq!(other.room().items.len(), 1);

    // Nothing of the refused texts is in the database files or the log.
    for needle in [
        "131052",
        "040 765 4321",
        "Matille",
        "Virtasen",
        "Matti Virtanen",
        "liisa.example",
    ] {
        assert!(!server.stores(needle), "{needle} is in the database");
        assert!(
            !server.log_text().contains(needle),
            "{needle} is in the log"
        );
    }
    // Counted, by kind only, for the reports.
    chair.ok(json!({"type":"end_meeting"})).await;
    let (_, summary) = minutes(&server, &m, "json").await;
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(
        summary["rejected_identifiers"],
        json!({"email": 1, "hetu": 1, "person_name": 4, "phone": 1}),
        "Matti and Virtanen are two findings"
    );
}

/// Changes the demo centre through the coordinator API (`PATCH /api/centres/kalasatama`).
async fn edit_kalasatama(server: &Server, body: serde_json::Value) -> (u16, serde_json::Value) {
    api(server, "PATCH", "/api/centres/kalasatama", Some(body)).await
}

#[tokio::test]
async fn the_allowlist_lets_a_centres_own_words_through_but_never_an_identity_code() {
    let server = Server::start(&[]);
    let (status, _) =
        edit_kalasatama(&server, json!({"allowlist": ["Työpajankatu 8", "Aurora"]})).await;
    assert_eq!(status, 200);
    let m = Meeting::create(&server).await;
    let mut p = m.participant_joined(&server.addr, "kela").await;
    p.ok(json!({"type":"submit_item","item":{"kind":"regional_matter","title":"Tapaaminen Työpajankatu 8:ssa","question":"Sopiiko Aurora-talo?"}})).await;
    let answer = p.request(json!({"type":"submit_item","item":{"kind":"client_case","title":"Aurora 131052-308T","question":"?"}})).await;
    assert_eq!(answer["code"], "identifier_found");
    assert_eq!(answer["findings"].as_array().unwrap().len(), 1);
    assert_eq!(answer["findings"][0]["kind"], "hetu");
}

/// The server's events since `seq` as seen by `c` (after a short quiet period).
async fn events_after(c: &mut Client, seq: u64) -> Vec<String> {
    c.drain(Duration::from_millis(300)).await;
    c.received
        .iter()
        .filter(|m| m["type"] == "event" && m["event"]["seq"].as_u64().unwrap() > seq)
        .map(|m| m["event"]["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// The findings of an answer as (field, kind, start, end).
fn spans(answer: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    answer["findings"]
        .as_array()
        .unwrap_or(&vec![])
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").to_owned(),
                f["kind"].as_str().unwrap().to_owned(),
                f["start"].as_u64().unwrap(),
                f["end"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The characters `start..end` of `text` (offsets in chars, as the findings count).
fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Two professionals in a new meeting, `kela` (who listens) and `social_services` (who
/// submits); returns them and the seq the listener had reached.
async fn two_professionals(server: &Server) -> (Client, Client, u64) {
    let m = Meeting::create(server).await;
    let mut other = m.participant_joined(&server.addr, "kela").await;
    let p = m.participant_joined(&server.addr, "social_services").await;
    other.drain(Duration::from_millis(200)).await;
    let seq = other.seq;
    (other, p, seq)
}

/// An identity code dressed up to slip past — full-width digits, a Cyrillic "А" as the century
/// sign, a zero-width space inside, a Cyrillic "С" as the check character — is still an
/// identity code: refused, and the findings point at exactly the characters as they were sent,
/// which is what the browser marks (its own detectors, shared::guard, give the same span).
#[tokio::test]
async fn an_identity_code_in_look_alike_letters_is_refused_with_spans_on_what_was_typed() {
    let server = Server::start(&[]);
    let (mut other, mut p, seq) = two_professionals(&server).await;

    // 150505A105C, as typed: "１５０５０" full-width, "5", Cyrillic А, "10", ZWSP, "5",
    // Cyrillic С.
    let code = "\u{FF11}\u{FF15}\u{FF10}\u{FF15}\u{FF10}5\u{0410}10\u{200B}5\u{0421}";
    assert_eq!(code.chars().count(), 12);
    let title = format!("Asiakas {code}, toistuvat käynnit");
    // Another in the summary: an en dash for the hyphen, a Greek "Τ" as the check character.
    let summary = "Asiakkaan tunnus 131052\u{2013}308\u{03A4}. Soita \u{FF10}\u{FF14}\u{FF10} \u{FF17}\u{FF16}\u{FF15} \u{FF14}\u{FF13}\u{FF12}\u{FF11} iltaisin.";
    let answer = p
        .request(submit(&title, summary, "Kuka koordinoi?", &[]))
        .await;
    assert_eq!(answer["code"], "identifier_found", "{answer}");
    let found = spans(&answer);
    assert_eq!(
        found,
        [
            ("title".into(), "hetu".into(), 8, 20),
            ("summary".into(), "hetu".into(), 17, 28),
            ("summary".into(), "phone".into(), 36, 48),
        ],
        "{answer}"
    );
    assert_eq!(chars(&title, 8, 20), code, "exactly the code as typed");
    assert_eq!(chars(summary, 17, 28), "131052\u{2013}308\u{03A4}");
    assert_eq!(
        chars(summary, 36, 48),
        "\u{FF10}\u{FF14}\u{FF10} \u{FF17}\u{FF16}\u{FF15} \u{FF14}\u{FF13}\u{FF12}\u{FF11}"
    );
    // The browser's own detectors mark the same characters while the person types.
    let none = shared::guard::Allowlist::empty();
    let local = shared::guard::find_patterns(&title, &none);
    assert_eq!(
        local
            .iter()
            .map(|f| (f.kind.as_str(), f.start, f.end))
            .collect::<Vec<_>>(),
        [("hetu", 8, 20)]
    );
    assert!(!answer.to_string().contains("10\u{200B}5"), "no echo");

    // Nobody heard of it; nothing of it was kept.
    assert!(events_after(&mut other, seq).await.is_empty());
    for needle in [code, "150505A105C", "131052", "\u{FF10}\u{FF14}\u{FF10}"] {
        assert!(!server.stores(needle), "{needle} is stored");
        assert!(!server.log_text().contains(needle), "{needle} is logged");
    }
}

/// Direction-control characters are refused in every text field with `invalid_field`, naming
/// the field — whether or not the text holds an identifier as well (the check comes before
/// the guard) — and nothing is broadcast, stored or logged.
#[tokio::test]
async fn direction_controls_are_refused_in_every_field_and_nothing_is_kept() {
    let server = Server::start(&[]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    chair.drain(Duration::from_millis(200)).await;
    let seq = chair.seq;

    let plain = "Tapaus \u{202E}kysymys ilman tunnisteita";
    // Displays as "Asiakas 131052-308T" in a right-to-left override.
    let disguised = "Asiakas \u{202E}T803-250131\u{202C}";
    for (field, text) in [
        ("title", plain),
        ("title", disguised),
        ("summary", "Nuori, 17 v.\u{2066} asuu yksin\u{2069}"),
        ("question", disguised),
    ] {
        let mut item =
            json!({"kind":"client_case","title":"Tapaus","question":"Mitä tehdä?","summary":""});
        item[field] = json!(text);
        let answer = p.request(json!({"type":"submit_item","item":item})).await;
        assert_eq!(answer["code"], "invalid_field", "{field}: {answer}");
        let message = answer["message"].as_str().unwrap();
        assert!(
            message.starts_with(field) && message.contains("direction-control"),
            "{message}"
        );
        assert!(answer.get("findings").is_none(), "{answer}");
        assert!(!message.contains("kysymys") && !message.contains("T803"));
    }
    let mut named = m.participant(&server.addr).await;
    let answer = named
        .request(json!({"type":"join","service":"kela","display_name":"Sihteeri\u{2067}"}))
        .await;
    assert_eq!(answer["code"], "invalid_field", "{answer}");
    assert!(answer["message"]
        .as_str()
        .unwrap()
        .starts_with("display_name"));

    // An outcome too.
    p.ok(submit("Ilmiö", "", "Mitä tehdä?", &[])).await;
    chair.wait_state(|s| !s.items.is_empty()).await;
    let item = chair.room().items[0].id.to_string();
    chair.ok(json!({"type":"start_item","item":item})).await;
    let seq_started = chair.seq;
    let answer = chair
        .request(json!({"type":"record_outcome","item":item,"outcome":{"advice":"Palveluohjaus\u{202D}","next_steps":""}}))
        .await;
    assert_eq!(answer["code"], "invalid_field", "{answer}");
    assert!(answer["message"].as_str().unwrap().starts_with("advice"));

    assert_eq!(
        events_after(&mut chair, seq).await,
        ["item_submitted", "item_started"],
        "only the clean item and its start"
    );
    assert_eq!(chair.seq, seq_started);
    for needle in [
        "kysymys ilman",
        "T803-250131",
        "asuu yksin",
        "Sihteeri",
        "Palveluohjaus",
    ] {
        assert!(!server.stores(needle), "{needle} is stored");
        assert!(!server.log_text().contains(needle), "{needle} is logged");
    }
}

/// An identifier split between two fields of one message is found: the fields are checked
/// joined as well as alone, and each part is marked in its own field. Two splits: a birth date
/// ("Asiakas s. 12.04." in the title, "1964 syntynyt, …" in the question, the issue's own
/// example) and a phone number ("… 040 123" / "4567 …"). Each part alone is no identifier, as
/// /api/guard/check shows.
#[tokio::test]
async fn an_identifier_split_between_fields_is_found_in_both() {
    let server = Server::start(&[]);
    let (mut other, mut p, seq) = two_professionals(&server).await;

    for (title, question, kind, in_title, in_question) in [
        (
            "Asiakas s. 12.04.",
            "1964 syntynyt, kysymys: miten tukea?",
            "birth_date",
            (8, 17),
            (0, 4),
        ),
        (
            "Omainen: soita 040 123",
            "4567 iltaisin, kysymys: kuka auttaa?",
            "phone",
            (15, 22),
            (0, 4),
        ),
    ] {
        for part in [title, question] {
            let (_, alone) = api_as(
                &server,
                "POST",
                "/api/guard/check",
                Some(json!({"text": part})),
                None,
            )
            .await;
            assert_eq!(alone["spans"], json!([]), "{part} alone is no identifier");
        }
        let answer = p.request(submit(title, "", question, &[])).await;
        assert_eq!(answer["code"], "identifier_found", "{answer}");
        assert_eq!(
            spans(&answer),
            [
                ("title".into(), kind.into(), in_title.0, in_title.1),
                ("question".into(), kind.into(), in_question.0, in_question.1),
            ],
            "{title} / {question}: {answer}"
        );
    }
    assert!(events_after(&mut other, seq).await.is_empty());
    for needle in ["12.04.", "040 123", "1964 syntynyt", "4567 iltaisin"] {
        assert!(!server.stores(needle), "{needle} is stored");
        assert!(!server.log_text().contains(needle), "{needle} is logged");
    }
}

/// Text a coordinator writes goes through the guard before it is stored: a meeting title or a
/// centre name with a name or an identity code is refused (400 identifier_found, the field,
/// kind and span of each finding, never the text) and nothing is stored; an allowlist entry
/// may hold a place or a service named after a person, never a phone number or an identity
/// code; a direction-control character is invalid_field.
#[tokio::test]
async fn coordinator_text_is_guarded_before_it_is_stored() {
    let server = Server::start(&[]);
    // Meetings made by hand (the centre's schedule adds its own in the background).
    let meetings = |v: &serde_json::Value| {
        v["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["series_date"].is_null())
            .count()
    };
    let (_, before) = api(&server, "GET", "/api/centres/kalasatama/meetings", None).await;

    // Meeting titles.
    for (title, kind, start, end) in [
        ("Asiakas 131052-308T", "hetu", 8, 19),
        ("Matti Virtasen asia", "person_name", 0, 5),
    ] {
        let (status, err) = api(
            &server,
            "POST",
            "/api/meetings",
            Some(json!({"centre_id":"kalasatama","title":title})),
        )
        .await;
        assert_eq!(status, 400, "{err}");
        assert_eq!(err["error"]["code"], "identifier_found", "{err}");
        let f = &err["error"]["findings"][0];
        assert_eq!(
            (
                f["field"].as_str(),
                f["kind"].as_str(),
                f["start"].as_u64(),
                f["end"].as_u64()
            ),
            (Some("title"), Some(kind), Some(start), Some(end)),
            "{err}"
        );
        assert!(!err
            .to_string()
            .contains(&title[start as usize..end as usize]));
    }
    let (status, err) = api(
        &server,
        "POST",
        "/api/meetings",
        Some(json!({"centre_id":"kalasatama","title":"PPT \u{202E}kokous"})),
    )
    .await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (400, Some("invalid_field")),
        "{err}"
    );
    let (_, after) = api(&server, "GET", "/api/centres/kalasatama/meetings", None).await;
    assert_eq!(
        meetings(&after),
        meetings(&before),
        "no meeting was created"
    );

    // A centre named after a person is not created.
    let (status, err) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id":"vuosaari","name":"Matti Virtanen"})),
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["error"]["code"], "identifier_found");
    assert!(err["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["field"] == "name" && f["kind"] == "person_name"));
    let (status, _) = api(&server, "GET", "/api/centres/vuosaari", None).await;
    assert_eq!(status, 404, "nothing stored");

    // Allowlist entries: a phone number or an identity code never; a place, yes.
    let (status, err) = edit_kalasatama(
        &server,
        json!({"allowlist":["Työpajankatu 8","Omaisen numero 040 765 4321"]}),
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["error"]["code"], "identifier_found");
    assert_eq!(
        err["error"]["findings"],
        json!([{"field":"allowlist[1]","kind":"phone","start":15,"end":27}])
    );
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("allowlist"));
    let (status, err) = api(
        &server,
        "POST",
        "/api/centres",
        Some(json!({"id":"vuosaari","name":"Vuosaari","allowlist":["131052-308T"]})),
    )
    .await;
    assert_eq!(
        (status, err["error"]["findings"][0]["kind"].as_str()),
        (400, Some("hetu")),
        "{err}"
    );
    let (_, kalasatama) = api(&server, "GET", "/api/centres/kalasatama", None).await;
    assert_eq!(
        kalasatama["allowlist"],
        json!([]),
        "the allowlist is unchanged"
    );
    let (status, ok) = edit_kalasatama(
        &server,
        json!({"allowlist":["Auroran sairaala","Työpajankatu 8"]}),
    )
    .await;
    assert_eq!(status, 200, "{ok}");

    // A service name the coordinator writes is guarded too (with the allowlist).
    let mut services = kalasatama["services"].clone();
    services[0]["name_fi"] = json!("Asiakas 131052-308T");
    let (status, err) = edit_kalasatama(&server, json!({"services": services})).await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(
        err["error"]["findings"],
        json!([{"field":"services[0].name_fi","kind":"hetu","start":8,"end":19}])
    );
    services[0]["name_fi"] = json!("Auroran sairaalan terveysasema");
    let (status, ok) = edit_kalasatama(&server, json!({"services": services})).await;
    assert_eq!(status, 200, "allowed by the allowlist: {ok}");
    let (status, err) = edit_kalasatama(&server, json!({"name":"Kala\u{2066}satama"})).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (400, Some("invalid_field")),
        "{err}"
    );
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("name "));

    for needle in ["131052", "Virtanen", "Virtasen", "040 765 4321"] {
        assert!(!server.stores(needle), "{needle} is stored");
        assert!(!server.log_text().contains(needle), "{needle} is logged");
    }
}
