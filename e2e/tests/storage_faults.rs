//! When the store cannot write (disk full, a read-only file), changes are refused with
//! `storage_unavailable`, nothing half-applied reaches anyone, the room's clock backs off instead
//! of retrying in a hot loop, presence is dropped only once its event is on disk, and the room
//! recovers by itself once writes succeed again.
//!
//! - `a_full_disk_refuses_changes_and_the_room_recovers_by_itself`: the event log writer fails
//!   every write while a marker file exists (`PPT_INJECT_WRITE_FAULTS`, the server's fault seam,
//!   the same error path a full disk takes).
//! - `a_read_only_database_file_refuses_changes_until_it_is_writable_again`: the real thing,
//!   the database and its WAL made immutable with `chattr +i` (skipped with a message where the
//!   file system or the user cannot); meanwhile `/api/health` answers 503 with `store: false`,
//!   and 200 again once the file is writable.

use e2e::{meeting_with_chair_and, server_binary, submit, Meeting, Server};
use serde_json::json;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// `GET /api/health`: its status and body.
async fn health(server: &Server) -> (u16, serde_json::Value) {
    let answer = reqwest::get(format!("{}/api/health", server.http()))
        .await
        .expect("health answers");
    let status = answer.status().as_u16();
    (status, answer.json().await.expect("health is JSON"))
}

/// How many times the server logged a failed append.
fn failed_appends(server: &Server) -> usize {
    server.log_text().matches("event log append failed").count()
}

/// One test, the two cases in turn: the fault seam is an environment variable that every server
/// this test binary starts inherits, so the read-only case runs before it is set.
#[tokio::test]
async fn storage_faults_refuse_changes_and_the_room_recovers() {
    a_read_only_database_file_refuses_changes_until_it_is_writable_again().await;
    a_full_disk_refuses_changes_and_the_room_recovers_by_itself().await;
}

async fn a_full_disk_refuses_changes_and_the_room_recovers_by_itself() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let marker = dir.join("disk-full");
    let _ = std::fs::remove_file(&marker);
    // Every server this test binary starts from now on sees it.
    std::env::set_var("PPT_INJECT_WRITE_FAULTS", &marker);
    // SQLite: the fault seam is in its writes.
    let server = Server::start_sqlite(&["--grace-secs", "1"]);
    let (m, mut chair, mut p) = meeting_with_chair_and(&server, "kela").await;
    let kela = p.participant_id.clone().unwrap();
    chair
        .ok(submit("Iäkäs yksin asuva", "", "Kuka käy kotona?", &[]))
        .await;
    p.wait_state(|s| s.items.len() == 1).await;
    let seq_before = chair.seq;

    // The disk fills up.
    std::fs::write(&marker, b"").unwrap();
    let answer = chair
        .request(submit("Nuori ilman asuntoa", "", "Mistä asunto?", &[]))
        .await;
    assert_eq!(answer["code"], "storage_unavailable", "{answer}");
    assert_eq!(
        chair.refused(json!({"type": "confirm_agenda"})).await,
        "storage_unavailable"
    );
    // The professional leaves; their leave cannot be written, so they stay present.
    p.close().await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let mut obs = m.chair(&server.addr).await;
    let room = obs.room();
    assert_eq!(room.items.len(), 1, "nothing half-applied");
    assert!(
        room.participants
            .iter()
            .any(|x| x.id.as_str() == kela && x.present),
        "presence goes only with its committed event"
    );
    assert_eq!(
        chair.seq, seq_before,
        "nobody heard of a change that was not saved"
    );
    let failures = failed_appends(&server);
    assert!(
        (3..=12).contains(&failures),
        "the clock retried with back-off, not in a loop: {failures} failed appends in about 4 s"
    );

    // Space again: the room catches up by itself (the leave is written) and takes commands.
    std::fs::remove_file(&marker).unwrap();
    let recovered = Instant::now();
    obs.wait_state(|s| {
        s.participants
            .iter()
            .any(|x| x.id.as_str() == kela && !x.present)
    })
    .await;
    eprintln!(
        "storage faults: {failures} failed appends in 4 s of a full disk; recovered {} ms after space came back",
        recovered.elapsed().as_millis()
    );
    chair
        .ok(submit("Nuori ilman asuntoa", "", "Mistä asunto?", &[]))
        .await;
    obs.wait_state(|s| s.items.len() == 2).await;
    // The log has no gap: a fresh client's snapshot and the live one agree.
    let fresh = m.chair(&server.addr).await;
    assert_eq!(fresh.room(), obs.room());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `chattr` on `files`; whether it worked.
fn chattr(flag: &str, files: &[&Path]) -> bool {
    Command::new("chattr")
        .arg(flag)
        .args(files)
        .status()
        .is_ok_and(|s| s.success())
}

async fn a_read_only_database_file_refuses_changes_until_it_is_writable_again() {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("readonly-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("ppt-hub.db");
    let mut server = Server::start_with(server_binary(false), db.clone(), &[]);
    let m = Meeting::create(&server).await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;
    chair
        .ok(submit("Iäkäs yksin asuva", "", "Kuka käy kotona?", &[]))
        .await;
    let wal = dir.join("ppt-hub.db-wal");
    let files = [db.as_path(), wal.as_path()];
    if !chattr("+i", &files) {
        eprintln!("skipped: chattr +i is not possible here (file system or capabilities)");
        return;
    }
    let answer = chair
        .request(submit("Nuori ilman asuntoa", "", "Mistä asunto?", &[]))
        .await;
    let code = answer["code"].clone();
    // The balancer's health check takes the node out while its store cannot write.
    let unhealthy = health(&server).await;
    assert!(chattr("-i", &files), "chattr -i");
    assert_eq!(code, "storage_unavailable", "{answer}");
    assert_eq!(chair.room().items.len(), 1, "nothing applied");
    assert_eq!(unhealthy.0, 503, "{}", unhealthy.1);
    assert_eq!(unhealthy.1["store"], false, "{}", unhealthy.1);
    assert_eq!(unhealthy.1["ok"], false, "{}", unhealthy.1);
    let healthy = health(&server).await;
    assert_eq!(healthy.0, 200, "{}", healthy.1);
    assert_eq!(healthy.1["store"], true, "{}", healthy.1);
    // Writable again: the next command goes through.
    chair
        .ok(submit("Nuori ilman asuntoa", "", "Mistä asunto?", &[]))
        .await;
    assert_eq!(chair.room().items.len(), 2);
    assert!(server.terminate());
    let _ = std::fs::remove_dir_all(&dir);
}
