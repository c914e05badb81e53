//! The quickest end-to-end check: a chair and a participant meet and submit.

use e2e::{Meeting, Server};
use serde_json::json;

#[tokio::test]
async fn chair_and_participant_see_the_same_room() {
    let server = Server::start(&["--grace-secs", "1"]);
    let m = Meeting::create(&server).await;
    let mut chair = m.chair(&server.addr).await;
    assert_eq!(chair.role.as_deref(), Some("chair"));
    chair.join("health_station", Some("Pj")).await;
    let mut p = m.participant(&server.addr).await;
    assert_eq!(p.role.as_deref(), Some("participant"));
    p.join("kela", None).await;
    let ack = p
        .ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"Iäkäs asiakas","question":"Kuka koordinoi?","services_wanted":["kela"]}}))
        .await;
    let seq = ack["seq"].as_u64().unwrap();
    chair.wait_state(|s| s.items.len() == 1).await;
    assert_eq!(chair.seq, seq);
    assert_eq!(chair.room(), p.room());
    let rep = chair.room().representation();
    assert_eq!(rep.present_required.len(), 2);
    assert_eq!(p.refused(json!({"type":"end_meeting"})).await, "not_chair");
}
