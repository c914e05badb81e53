//! A graceful stop: on SIGTERM the server tells every connected client it is restarting (close
//! code 1012), exits with status 0, and everything acknowledged before is there after a
//! restart.

use e2e::{meeting_with_chair_and, submit, Client, Server};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_connections_with_1012_and_exits_cleanly() {
    let mut server = Server::start(&["--grace-secs", "1"]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    let addr = server.addr.clone();
    p.ok(submit(
        "Kotona pärjäämisen tuki",
        "",
        "Mitä palveluja?",
        &[],
    ))
    .await;
    chair.wait_seq(p.seq).await;
    let before = chair.room().clone();
    // A connection that never said hello is closed as well.
    let mut silent = Client::connect(&addr, &m.id).await;

    let stop = tokio::task::spawn_blocking(move || {
        let ok = server.terminate();
        (server, ok)
    });
    for c in [&mut chair, &mut p, &mut silent] {
        let closed = tokio::time::timeout(
            Duration::from_secs(10),
            c.recv_until(|m| m["type"] == "closed"),
        )
        .await
        .expect("closed within 10 s");
        assert_eq!(
            closed["code"], 1012,
            "close code for a server restart: {closed}"
        );
    }
    let (mut server, exited_ok) = tokio::time::timeout(Duration::from_secs(15), stop)
        .await
        .expect("server exits within 15 s")
        .unwrap();
    assert!(
        exited_ok,
        "exit status 0 after SIGTERM; log:\n{}",
        server.log_text()
    );

    server.restart();
    let again = m.chair(&addr).await;
    assert_eq!(again.room(), &before);
}
