//! Fail closed through the real server (issue 9): when voikko cannot open, nothing is checked
//! with a weaker guard. A server whose voikko cannot open at start refuses to start; one whose
//! voikko stops opening while it runs refuses every room message, every guarded API text and
//! every `/api/guard/check` with `guard_unavailable` (503 over HTTP), keeps nothing of them and
//! sends nobody anything.
//!
//! How voikko is made unable to open: libvoikko looks for dictionaries each time a handle
//! opens, in `$VOIKKO_DICTIONARY_PATH` before the system's own directories, and uses the first
//! Finnish one it finds. A Finnish dictionary there whose morphology file is not one makes
//! every handle opened from then on fail ("Unknown byte order or file type"); handles already
//! open keep working. The server opens voikko on its main thread at start (to refuse to start
//! without it) and checks texts on its runtime's worker and blocking threads, each of which
//! opens its own handle on its first check. So a server started with an empty
//! `$VOIKKO_DICTIONARY_PATH` (the system's dictionary is used), which is broken as soon as it
//! listens and before anything is checked, has voikko on no thread that checks anything: as
//! when the dictionary package is removed or broken under a running server.
//!
//! The environment reaches the server through a small `sh` wrapper that sets it and `exec`s
//! `ppt-hub` (same process id), since the harness starts the binary it is given. The same
//! failure at the guard itself, thread by thread, is `server/tests/guard_fail_closed.rs`.

use e2e::fixtures::{api, api_as};
use e2e::server::PgDatabase;
use e2e::tempdir::TempDir;
use e2e::{server_binary, submit, test_pg, Meeting, Server};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The two tests start processes one at a time: a wrapper script written while another
/// thread forks could otherwise be held open in that child and fail to start ("text file
/// busy").
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Writes, under `dir`, a Finnish dictionary (format 5, variant "standard", as the voikko-fi
/// package has it) that libvoikko finds but cannot load. It is built aside and renamed into
/// place, so a handle opening meanwhile sees either no dictionary there or the whole one.
fn break_dictionary(dir: &Path) {
    let staging = dir.with_extension("staging");
    let d = staging.join("5").join("mor-standard");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("index.txt"),
        "Voikko-Dictionary-Format: 5\nLanguage: fi-x-standard\n\
         Description: broken on purpose (guard_fail_closed)\nMorphology-Backend: finnishVfst\n",
    )
    .unwrap();
    std::fs::write(d.join("mor.vfst"), "not a dictionary\n").unwrap();
    std::fs::rename(staging.join("5"), dir.join("5")).unwrap();
}

/// An executable `sh` script in `dir` that runs `ppt-hub` with `VOIKKO_DICTIONARY_PATH=dicts`.
fn wrapper(dir: &Path, dicts: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("ppt-hub-with-dictionary-path");
    let script = format!(
        "#!/bin/sh\nVOIKKO_DICTIONARY_PATH='{}' exec '{}' \"$@\"\n",
        dicts.display(),
        server_binary(false).display()
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[tokio::test]
async fn a_server_whose_voikko_cannot_open_does_not_start() {
    let _one = ONE_AT_A_TIME.lock().await;
    let dir = TempDir::new("ppt-e2e-voikko");
    let dicts = dir.path().join("dictionaries");
    std::fs::create_dir_all(&dicts).unwrap();
    break_dictionary(&dicts);
    let mut child = Command::new(server_binary(false))
        .arg("serve")
        .arg("--addr")
        .arg("127.0.0.1:0")
        .arg("--db")
        .arg(dir.path().join("ppt-hub.db"))
        .arg("--coordinator-token")
        .arg(e2e::TOKEN)
        .arg("--static-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/dist"))
        .env("VOIKKO_DICTIONARY_PATH", &dicts)
        .env("PPT_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ppt-hub");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    let err = std::thread::spawn(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
            .join("\n")
    });
    // It exits by itself, at once; killed after 30 s if it does not.
    let mut status = None;
    for _ in 0..300 {
        if let Some(s) = child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    let status = status
        .unwrap_or_else(|| panic!("ppt-hub kept running without voikko: {stdout:?} {stderr}"));
    assert!(!status.success(), "it fails: {stderr}");
    assert!(
        stdout.iter().all(|l| !l.contains("listening")),
        "it never listens: {stdout:?}"
    );
    assert!(
        stderr.contains("libvoikko with the Finnish dictionary is not available"),
        "it says why: {stderr}"
    );
}

#[tokio::test]
async fn a_room_message_is_refused_when_voikko_cannot_open_and_nothing_passes() {
    let _one = ONE_AT_A_TIME.lock().await;
    let dir = TempDir::new("ppt-e2e-voikko");
    let dicts = dir.path().join("dictionaries");
    std::fs::create_dir_all(&dicts).unwrap();
    let binary = wrapper(dir.path(), &dicts);
    // Declared before the server, so dropped after it.
    let pg = test_pg().map(|base| PgDatabase::create(&base));
    let store = match &pg {
        Some(pg) => pg.url(),
        None => dir.path().join("ppt-hub.db").display().to_string(),
    };
    // Started with the system's dictionary (nothing in the path yet): voikko opens on the
    // main thread and the demo centre is checked and stored.
    let server = Server::start_with(binary, &store, &[]);
    // Broken now, before any thread that checks texts has opened voikko.
    break_dictionary(&dicts);

    // A meeting without a title and joins without a display name bring no text to check.
    let m = Meeting::create(&server).await;
    let mut chair = m.chair_joined(&server.addr, "health_station").await;
    let mut observer = m.chair(&server.addr).await;
    let mut p = m.participant_joined(&server.addr, "kela").await;
    chair.drain(Duration::from_millis(200)).await;
    observer.drain(Duration::from_millis(200)).await;
    let (chair_mark, observer_mark) = (chair.received.len(), observer.received.len());
    let seq = observer.seq;

    // A clean case, which any guard would pass, and one with a name only the names check sees:
    // both refused, the room untouched.
    for (title, question) in [
        (
            "Kotiutuksen vaiheet ja kotihoidon riittävyys",
            "Kuka koordinoi?",
        ),
        ("Ikääntyneen kotiutus", "Soitin eilen Virtaselle, mitä nyt?"),
    ] {
        let answer = p.request(submit(title, "", question, &["kela"])).await;
        assert_eq!(answer["type"], "error", "{title}: {answer}");
        assert_eq!(answer["code"], "guard_unavailable", "{title}: {answer}");
        assert!(
            answer.get("findings").is_none_or(|f| f == &json!([])),
            "{answer}"
        );
    }
    // A display name is a text too.
    let mut named = m.participant(&server.addr).await;
    let answer = named
        .request(
            json!({"type":"join","service":"social_services","display_name":"Sosiaaliohjaaja"}),
        )
        .await;
    assert_eq!(answer["code"], "guard_unavailable", "{answer}");

    // Nobody heard of any of it.
    chair.drain(Duration::from_millis(300)).await;
    observer.drain(Duration::from_millis(300)).await;
    for (c, mark) in [(&chair, chair_mark), (&observer, observer_mark)] {
        assert!(
            c.received[mark..].iter().all(|m| m["type"] != "event"),
            "no event: {:?}",
            &c.received[mark..]
        );
    }
    assert_eq!(observer.seq, seq);
    assert!(observer.room().items.is_empty());
    assert!(p.room().items.is_empty());

    // The HTTP side fails closed too: the check the browser asks, and a coordinator's text.
    let (status, body) = api_as(
        &server,
        "POST",
        "/api/guard/check",
        Some(json!({"text": "Ikääntyneen kotiutus"})),
        None,
    )
    .await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"]["code"], "guard_unavailable", "{body}");
    assert!(
        body.get("spans").is_none(),
        "no answer from a weaker check: {body}"
    );
    let (status, body) = api(
        &server,
        "POST",
        "/api/meetings",
        Some(json!({"centre_id": "kalasatama", "title": "Alueellinen verkostokokous"})),
    )
    .await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"]["code"], "guard_unavailable", "{body}");

    // Nothing of the refused texts was kept; the failure is in the log, the texts are not.
    let log = server.log_text();
    assert!(log.contains("identifier guard unavailable"), "logged");
    for needle in [
        "Kotiutuksen vaiheet",
        "Virtaselle",
        "Sosiaaliohjaaja",
        "Alueellinen verkostokokous",
    ] {
        assert!(!server.stores(needle), "{needle} is stored");
        assert!(!log.contains(needle), "{needle} is in the log");
    }
}
