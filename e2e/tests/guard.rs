//! The no-identifiers rule through the real server (issue 3): a message holding an identity
//! code, a phone number or a name is refused with the findings' kinds and spans, nobody else
//! hears of it, and no part of it reaches the database or the server's log. A centre's
//! allowlist lets its own words through, never an identity code.

use e2e::{Client, Meeting, Server, TOKEN};
use serde_json::json;
use std::time::Duration;

fn files_contain(db: &std::path::Path, needle: &str) -> bool {
    let mut paths = vec![db.to_path_buf()];
    for ext in ["-wal", "-shm"] {
        paths.push(std::path::PathBuf::from(format!("{}{ext}", db.display())));
    }
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .any(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

#[tokio::test]
async fn identifiers_are_refused_with_spans_and_leave_no_trace() {
    let server = Server::start(&[]);
    let m = Meeting::create(&server).await;
    let mut chair = Client::hello(&server.addr, &m.id, &m.chair_key).await;
    chair.join("health_station", None).await;
    let mut other = Client::hello(&server.addr, &m.id, &m.participant_key).await;
    other.join("kela", None).await;
    let mut p = Client::hello(&server.addr, &m.id, &m.participant_key).await;
    p.join("social_services", None).await;
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
    let mut named = Client::hello(&server.addr, &m.id, &m.participant_key).await;
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
        assert!(
            !files_contain(&server.db, needle),
            "{needle} is in the database"
        );
        assert!(
            !server.log_text().contains(needle),
            "{needle} is in the log"
        );
    }
    // Counted, by kind only, for the reports.
    chair.ok(json!({"type":"end_meeting"})).await;
    let summary: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "{}/api/meetings/{}/summary?format=json",
            server.http(),
            m.id
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        summary["rejected_identifiers"],
        json!({"email": 1, "hetu": 1, "person_name": 4, "phone": 1}),
        "Matti and Virtanen are two findings"
    );
}

#[tokio::test]
async fn the_allowlist_lets_a_centres_own_words_through_but_never_an_identity_code() {
    let server = Server::start(&[]);
    let (status, _) = {
        let r = reqwest::Client::new()
            .patch(format!("{}/api/centres/kalasatama", server.http()))
            .bearer_auth(TOKEN)
            .json(&json!({"allowlist": ["Työpajankatu 8", "Aurora"]}))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), ())
    };
    assert_eq!(status, 200);
    let m = Meeting::create(&server).await;
    let mut p = Client::hello(&server.addr, &m.id, &m.participant_key).await;
    p.join("kela", None).await;
    p.ok(json!({"type":"submit_item","item":{"kind":"regional_matter","title":"Tapaaminen Työpajankatu 8:ssa","question":"Sopiiko Aurora-talo?"}})).await;
    let answer = p.request(json!({"type":"submit_item","item":{"kind":"client_case","title":"Aurora 131052-308T","question":"?"}})).await;
    assert_eq!(answer["code"], "identifier_found");
    assert_eq!(answer["findings"].as_array().unwrap().len(), 1);
    assert_eq!(answer["findings"][0]["kind"], "hetu");
}
