//! A professional's browser through a node's death (issue 14): two nodes on one PostgreSQL
//! behind a balancer that this test plays (a TCP proxy it can point at either node).
//!
//! - The browser joins through the balancer on node A, which runs the meeting.
//! - The balancer sends it to node B while A still runs the meeting: B refuses
//!   (`held_elsewhere`); the page says "reconnecting", shows no error, and keeps retrying with
//!   its back-off.
//! - Node A is killed with SIGKILL: B takes the meeting on the browser's next try; the page is
//!   online again on its own, the same person (no second join), with the agenda as it was.
//! - Screenshot failover-reconnecting-1366.png in e2e/artifacts/screens/.
//!
//! Skips (with a message) only when chromium or chromedriver is missing, and not under CI=true.

use e2e::browser::{screens_dir, Driver, SERIAL, WIDE};
use e2e::postgres::Postgres;
use e2e::server::{server_binary, PgDatabase};
use e2e::{submit, Meeting, Server};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The balancer: forwards every connection to the node it points at now; pointing it at
/// another node cuts the connections it forwards (as a balancer taking a node out does).
struct Balancer {
    addr: String,
    target: Arc<Mutex<String>>,
    open: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Balancer {
    async fn start(target: &str) -> Balancer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let target = Arc::new(Mutex::new(target.to_owned()));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (to, conns) = (target.clone(), open.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let node = to.lock().unwrap().clone();
                let forward = tokio::spawn(async move {
                    if let Ok(mut upstream) = TcpStream::connect(&node).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    }
                });
                conns.lock().unwrap().push(forward);
            }
        });
        Balancer { addr, target, open }
    }

    fn point_at(&self, node: &str) {
        *self.target.lock().unwrap() = node.to_owned();
        for c in self.open.lock().unwrap().drain(..) {
            c.abort();
        }
    }
}

#[tokio::test]
async fn the_page_rides_out_a_node_death_without_an_error_or_a_second_join() {
    let Some(driver) = Driver::start().await else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let pg = Postgres::any();
    let db = PgDatabase::create(&pg.base);
    let flags = ["--grace-secs", "20"];
    let mut a = Server::start_with(server_binary(false), db.url(), &flags);
    let b = Server::start_with(server_binary(false), db.url(), &flags);
    let m = Meeting::create(&a).await;
    let balancer = Balancer::start(&a.addr).await;
    let mut chair = m.chair_joined(&a.addr, "health_station").await;
    chair
        .ok(submit(
            "Muistisairaan kotihoito",
            "",
            "Kuka koordinoi?",
            &[],
        ))
        .await;

    // The professional joins through the balancer (node A).
    let page = driver.open("failover", WIDE.0, WIDE.1).await;
    let link = format!(
        "http://{}/m/{}#key={}",
        balancer.addr, m.id, m.participant_key
    );
    page.goto(&link).await;
    page.join_meeting("kela", "").await;
    let before = page.room_view().await;
    assert_eq!(before["rows"].as_array().map(Vec::len), Some(1), "{before}");

    // The balancer moves the page to B while A still runs the meeting: B refuses, and the
    // page only says that it is reconnecting.
    balancer.point_at(&b.addr);
    page.wait_for(".conn.conn-reconnecting").await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        page.exists(".conn.conn-reconnecting").await,
        "still reconnecting"
    );
    assert!(
        !page.exists(".alert").await,
        "no error is shown for held_elsewhere"
    );
    page.screenshot(&screens_dir().join("failover-reconnecting-1366.png"))
        .await;

    // A dies; the page's next try reaches B, which takes the meeting from the log.
    a.kill9();
    let killed = Instant::now();
    page.wait_for(".conn.conn-online").await;
    let back = killed.elapsed();
    eprintln!("the page was online again {back:?} after node A was killed");
    assert!(back < Duration::from_secs(20), "back after {back:?}");
    let after = page.room_view().await;
    assert!(
        after["joined"].as_bool().unwrap(),
        "still in the room: {after}"
    );
    assert_eq!(after["rows"], before["rows"], "the agenda as it was");
    assert!(!page.exists(".alert").await, "no error shown");
    drop(chair);
    let mut obs = m.chair(&b.addr).await;
    let state = obs.fetch_snapshot().await.0;
    let kelas = state
        .participants
        .iter()
        .filter(|p| p.service.as_str() == "kela")
        .count();
    assert_eq!(kelas, 1, "the same person, not a second one");
    page.close().await;
}
