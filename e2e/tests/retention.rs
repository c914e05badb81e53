//! Retention of case texts and backup (issue 10, parts 3 and 4), through the real server and
//! the real `ppt-hub purge` / `ppt-hub backup` commands:
//! - the minutes say until when their texts are kept; `purge --dry-run` lists an ended meeting
//!   past its retention and changes nothing; `purge` removes its texts from the room (a
//!   connected browser is sent away and comes back to a snapshot without them), from every
//!   format of the minutes and from the SQLite file, while the period report over it stays
//!   exactly the same;
//! - the server purges by itself once the retention has run out;
//! - a backup taken while a meeting runs (clients connected, commands flowing) restores into a
//!   fresh server that finds every meeting and every event, and a backup never overwrites.

use e2e::fixtures::get_text;
use e2e::{snapshot, Client, Meeting, Server, TOKEN};
use serde_json::{json, Value};
use shared::domain::{ItemStatus, Phase, REDACTED_TEXT};
use shared::room::{Event, RoomState};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The texts the scripted meeting holds (titles, summaries, an edit, questions, outcomes, a
/// display name): none may survive a purge anywhere.
const TEXTS: [&str; 12] = [
    "kaatuilee kotona",
    "kotihoito käy kahdesti",
    "tarvitaanko arvio",
    "kerrostalossa ilman hissiä",
    "apuvälinearvio",
    "sopii käynnin",
    "yksinäisyys lisääntyy",
    "tavoitamme nuoret",
    "infotilaisuus kouluille",
    "järjestöjen kanssa",
    "kokoaa yhteystiedot",
    "Sosiaaliohjaaja",
];

fn leaked(text: &str) -> Vec<&'static str> {
    TEXTS.iter().copied().filter(|t| text.contains(t)).collect()
}

/// `GET path` as the coordinator, asserting `200`.
async fn get(server: &Server, path: &str) -> String {
    let (status, body) = get_text(server, path, TOKEN).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn minutes(server: &Server, m: &Meeting, format: &str, lang: &str) -> String {
    get(
        server,
        &format!("/api/meetings/{}/summary?format={format}&lang={lang}", m.id),
    )
    .await
}

/// The period report over `date` in JSON and CSV.
async fn report(server: &Server, from: &str, to: &str) -> (String, String) {
    let q = format!("/api/reports?centre=kalasatama&from={from}&to={to}");
    (
        get(server, &format!("{q}&format=json")).await,
        get(server, &format!("{q}&format=csv")).await,
    )
}

/// Runs `ppt-hub <args>`; returns (success, stdout, stderr).
fn cli(args: &[&str], db: &Path) -> (bool, String, String) {
    let out = Command::new(e2e::server_binary(false))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn item_id(chair: &Client, title: &str) -> String {
    chair
        .room()
        .items
        .iter()
        .find(|i| i.title.contains(title))
        .unwrap()
        .id
        .to_string()
}

/// A meeting that ran and ended: three services (one person with a display name), a case
/// edited by its presenter and given an outcome, a phenomenon with an outcome, a regional
/// matter withdrawn, a refused identity code. Nothing is carried to another meeting, so every
/// text of it lives only in this meeting's log.
async fn ended_meeting(server: &Server, starts_at: Option<&str>) -> Meeting {
    let mut body = json!({"centre_id": "kalasatama"});
    if let Some(s) = starts_at {
        body["starts_at"] = json!(s);
    }
    let m = Meeting::create_with(server, body).await;
    let addr = &server.addr;
    let mut chair = m.chair_joined(addr, "health_station").await;
    let mut social = m.participant(addr).await;
    social
        .join("social_services", Some("Sosiaaliohjaaja"))
        .await;
    let mut kela = m.participant_joined(addr, "kela").await;
    social
        .ok(json!({"type":"submit_item","item":{"kind":"client_case","title":"Iäkäs asiakas kaatuilee kotona","summary":"Asuu yksin, kotihoito käy kahdesti päivässä.","question":"Riittääkö kotihoito vai tarvitaanko arvio?","services_wanted":["rehabilitation"],"themes":["older_client","functional_ability"]}}))
        .await;
    kela.ok(json!({"type":"submit_item","item":{"kind":"phenomenon","title":"Nuorten yksinäisyys lisääntyy","question":"Miten tavoitamme nuoret aiemmin?","themes":["mental_health"]}}))
        .await;
    kela.ok(json!({"type":"submit_item","item":{"kind":"regional_matter","title":"Yhteistyö järjestöjen kanssa","question":"Kuka kokoaa yhteystiedot?"}}))
        .await;
    let err = kela
        .request(json!({"type":"submit_item","item":{"kind":"client_case","title":"Asiakas 131052-308T","question":"Mitä tehdä?"}}))
        .await;
    assert_eq!(err["code"], "identifier_found");
    chair.wait_state(|s| s.items.len() == 3).await;
    let (i1, i2, i3) = (
        item_id(&chair, "kaatuilee"),
        item_id(&chair, "yksinäisyys"),
        item_id(&chair, "järjestöjen"),
    );
    social
        .ok(json!({"type":"edit_item","item":i1,"summary":"Asuu yksin kerrostalossa ilman hissiä."}))
        .await;
    kela.ok(json!({"type":"withdraw_item","item":i3})).await;
    chair.ok(json!({"type":"confirm_agenda"})).await;
    chair.ok(json!({"type":"start_item","item":i1})).await;
    chair
        .ok(json!({"type":"record_outcome","item":i1,"outcome":{"advice":"Kotikäynti ja apuvälinearvio","next_steps":"Fysioterapeutti sopii käynnin","services_to_involve":["rehabilitation"],"follow_up":false}}))
        .await;
    chair.ok(json!({"type":"next_item"})).await;
    chair
        .ok(json!({"type":"record_outcome","item":i2,"outcome":{"advice":"Yhteinen infotilaisuus kouluille","next_steps":"","services_to_involve":[],"follow_up":false}}))
        .await;
    chair.ok(json!({"type":"end_meeting"})).await;
    chair.wait_state(|s| s.phase == Phase::Ended).await;
    m
}

/// What the period reports count of an item, text aside.
fn figures(s: &RoomState) -> Vec<Value> {
    s.items
        .iter()
        .map(|i| {
            json!([
                i.id,
                i.kind,
                i.themes,
                i.services_wanted,
                i.presenter_service,
                i.status,
                i.allotted_ms,
                i.used_ms,
                i.overran,
                i.outcome
                    .as_ref()
                    .map(|o| (o.follow_up, o.services_to_involve.clone())),
            ])
        })
        .collect()
}

#[tokio::test]
async fn a_purge_removes_the_texts_everywhere_but_the_period_report_stays_the_same() {
    // Default retention (90 days): the server's own hourly pass leaves a fresh meeting alone,
    // but it looks every second for rooms purged from the command line.
    // A short grace, so everyone has left (on the record) before the purge.
    // SQLite: the test looks into the database file.
    let server = Server::start_sqlite(&["--purge-every-secs", "1", "--grace-secs", "1"]);
    let m = ended_meeting(&server, Some("2026-10-13T13:00:00+03:00")).await;

    // Before: the texts are in the minutes, which say until when they are kept, and on disk.
    let json_before = minutes(&server, &m, "json", "fi").await;
    let s: Value = serde_json::from_str(&json_before).unwrap();
    assert!(leaked(&json_before).contains(&"infotilaisuus kouluille"));
    let kept = s["texts_kept_until"].as_str().expect("a retention date");
    assert!(kept > "2027-02-25", "about 90 days after today: {kept}");
    assert_eq!(s["texts_removed_on"], Value::Null);
    let md = minutes(&server, &m, "md", "fi").await;
    let (y, mo, d) = (
        &kept[..4],
        kept[5..7].trim_start_matches('0'),
        kept[8..].trim_start_matches('0'),
    );
    assert!(
        md.contains(&format!("Tekstit säilytetään {d}.{mo}.{y} asti.")),
        "{md}"
    );
    assert!(minutes(&server, &m, "md", "sv")
        .await
        .contains(&format!("Texterna sparas till och med {d}.{mo}.{y}.")));
    let csv = minutes(&server, &m, "csv", "fi").await;
    assert!(csv.contains(&format!("säilytetään {d}.{mo}.{y} asti")));
    for t in TEXTS {
        assert!(server.stores(t), "{t} was stored");
    }
    let (report_json, report_csv) = report(&server, "2026-10-01", "2026-10-31").await;
    let r: Value = serde_json::from_str(&report_json).unwrap();
    assert_eq!(r["meetings_held"], 1);
    // Counts below 3 are shown as "< 3" in reports over several meetings.
    assert_eq!(r["outcomes_recorded"], "< 3");
    assert_eq!(r["withdrawn"], "< 3");

    // A browser still has the ended meeting open.
    let mut reader = m.participant(&server.addr).await;
    reader
        .wait_state(|s| s.participants.iter().all(|p| !p.present))
        .await;
    let old_state = reader.room().clone();
    let old_epoch = reader.epoch.clone().unwrap();
    assert!(!leaked(&serde_json::to_string(&old_state).unwrap()).is_empty());

    // A dry run lists the meeting with its counts, never a text, and changes nothing.
    let (ok, out, err) = cli(&["purge", "--dry-run", "--retain-secs", "0"], &server.db);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!("would purge meeting {} centre kalasatama", m.id)),
        "{out}"
    );
    assert!(out.contains("items 3 outcomes 2"), "{out}");
    assert!(out.contains("dry run, nothing was changed"), "{out}");
    assert!(leaked(&out).is_empty() && leaked(&err).is_empty());
    assert_eq!(minutes(&server, &m, "json", "fi").await, json_before);
    assert!(server.stores("tavoitamme nuoret"));
    assert!(
        reader.try_next(Duration::from_secs(2)).await.is_none(),
        "the room was left alone"
    );

    // The purge.
    let (ok, out, err) = cli(&["purge", "--retain-secs", "0"], &server.db);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!("purged meeting {} centre kalasatama", m.id)),
        "{out}"
    );
    assert!(leaked(&out).is_empty() && leaked(&err).is_empty());

    // The live room is sent away; the browser comes back to a snapshot of the purged room
    // (the history it knew is gone: a new epoch).
    assert_eq!(reader.wait_closed().await, 1012, "room restarting");
    let saved = reader.hang_up();
    assert_eq!(saved.epoch.as_deref(), Some(old_epoch.as_str()));
    let back = Client::resume(&server.addr, &m.id, &m.participant_key, &saved).await;
    assert_eq!(back.types_since(0), ["welcome", "snapshot"]);
    assert_ne!(back.epoch.as_deref(), Some(old_epoch.as_str()));
    let wire = serde_json::to_string(&back.received).unwrap()
        + &serde_json::to_string(back.room()).unwrap();
    assert!(leaked(&wire).is_empty(), "{:?}", leaked(&wire));
    let state = back.room();
    assert!(state
        .items
        .iter()
        .all(|i| i.title == REDACTED_TEXT && i.question == REDACTED_TEXT && i.summary.is_empty()));
    assert!(state.participants.iter().all(|p| p.display_name.is_none()));
    assert_eq!(figures(state), figures(&old_state), "every figure stays");
    assert_eq!(state.participants.len(), old_state.participants.len());
    let count = |st: ItemStatus| state.items.iter().filter(|i| i.status == st).count();
    assert_eq!(
        (count(ItemStatus::Done), count(ItemStatus::Withdrawn)),
        (2, 1)
    );

    // The minutes in every format and language hold none of it and say the texts are gone.
    for (format, lang) in [
        ("md", "fi"),
        ("html", "sv"),
        ("html", "en"),
        ("csv", "fi"),
        ("json", "fi"),
    ] {
        let text = minutes(&server, &m, format, lang).await;
        assert!(
            leaked(&text).is_empty(),
            "{format} {lang}: {:?}",
            leaked(&text)
        );
        let said = match lang {
            "fi" => "poistettu",
            "sv" => "Texterna raderades",
            _ => "Texts were removed on",
        };
        if format != "json" {
            assert!(text.contains(said), "{format} {lang}: {text}");
        }
    }
    let after: Value = serde_json::from_str(&minutes(&server, &m, "json", "fi").await).unwrap();
    assert!(after["texts_removed_on"].is_string());
    assert!(minutes(&server, &m, "md", "fi")
        .await
        .contains("Tekstit poistettu "));
    // Not in the SQLite file either (nor its WAL).
    for t in TEXTS {
        assert!(!server.stores(t), "{t} is still on disk");
    }
    // The period report over the meeting is exactly what it was.
    assert_eq!(
        report(&server, "2026-10-01", "2026-10-31").await,
        (report_json, report_csv)
    );
    // Nothing is left to do.
    let (ok, out, _) = cli(&["purge", "--dry-run", "--retain-secs", "0"], &server.db);
    assert!(ok && out.contains("0 meetings, 0 items"), "{out}");
}

#[tokio::test]
async fn the_server_removes_texts_by_itself_when_their_retention_runs_out() {
    let server = Server::start(&["--retain-secs", "2", "--purge-every-secs", "1"]);
    let m = ended_meeting(&server, None).await;
    let mut reader = m.chair(&server.addr).await;
    let date = serde_json::from_str::<Value>(&minutes(&server, &m, "json", "fi").await).unwrap()
        ["date"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = report(&server, &date, &date).await;
    // Within a few seconds of the end the pass removes the texts and sends the room's
    // browsers away.
    assert_eq!(reader.wait_closed().await, 1012);
    let s: Value = serde_json::from_str(&minutes(&server, &m, "json", "fi").await).unwrap();
    assert!(s["texts_removed_on"].is_string(), "{s}");
    let (state, _, _) = snapshot(&server.addr, &m).await;
    assert!(state.items.iter().all(|i| i.title == REDACTED_TEXT));
    for t in TEXTS {
        assert!(!server.stores(t), "{t} is still on disk");
    }
    assert_eq!(report(&server, &date, &date).await, before);
    assert!(server
        .log_text()
        .contains("case texts removed after the retention period"));
    assert!(
        leaked(&server.log_text()).is_empty(),
        "the log holds no text"
    );
}

/// Every stored event, `(meeting, seq, body)`, in order.
fn stored_events(db: &Path) -> Vec<(String, i64, String)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT meeting_id, seq, body FROM events ORDER BY meeting_id, seq")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

fn stored_meetings(db: &Path) -> Vec<(String, String)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT id, epoch FROM meetings ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

/// Copies a backup into a fresh directory as `ppt-hub.db`, as a restore does.
fn restore(backup: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let db = dir.join("ppt-hub.db");
    std::fs::copy(backup, &db).unwrap();
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_a_meeting_runs_restores_every_meeting_and_event() {
    // SQLite: backups are copies of the file, read and restored as files.
    let server = Server::start_sqlite(&[]);
    let work = server.db.parent().unwrap().to_path_buf();
    let ended = ended_meeting(&server, None).await;

    // A meeting in full swing: four people, items, the first one on the floor.
    let r = Meeting::create(&server).await;
    let addr = server.addr.clone();
    let mut chair = r.chair(&addr).await.paced();
    chair.join("health_station", None).await;
    let mut p1 = Client::hello(&addr, &r.id, &r.participant_key)
        .await
        .paced();
    p1.join("kela", None).await;
    let mut p2 = Client::hello(&addr, &r.id, &r.participant_key)
        .await
        .paced();
    p2.join("social_services", None).await;
    let mut p3 = Client::hello(&addr, &r.id, &r.participant_key)
        .await
        .paced();
    p3.join("rehabilitation", None).await;
    p1.ok(e2e::submit(
        "Toimeentulo ja kuntoutus",
        "Etuudet katkolla.",
        "Kuka hoitaa?",
        &["kela"],
    ))
    .await;
    p2.ok(e2e::submit(
        "Asunnoton nuori aikuinen",
        "",
        "Mistä asunto?",
        &[],
    ))
    .await;
    chair.wait_state(|s| s.items.len() == 2).await;
    let first = chair.room().items[0].id.to_string();
    chair.ok(json!({"type":"confirm_agenda"})).await;
    chair.ok(json!({"type":"start_item","item":first})).await;

    // Commands keep flowing while the backup is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let flow = {
        let (stop, done) = (stop.clone(), done.clone());
        tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::SeqCst) {
                for p in [&mut p1, &mut p2, &mut p3] {
                    p.ok(json!({"type":"raise_hand"})).await;
                    done.fetch_add(1, Ordering::SeqCst);
                }
                for p in [&mut p1, &mut p2, &mut p3] {
                    p.ok(json!({"type":"lower_hand"})).await;
                    done.fetch_add(1, Ordering::SeqCst);
                }
                if n.is_multiple_of(5) {
                    chair.ok(json!({"type":"extend","minutes":1})).await;
                    done.fetch_add(1, Ordering::SeqCst);
                }
                if n % 7 == 3 {
                    p3.ok(e2e::submit(
                        "Kotiutus ja kotihoito",
                        "",
                        "Riittääkö tuki?",
                        &[],
                    ))
                    .await;
                    done.fetch_add(1, Ordering::SeqCst);
                }
                n += 1;
            }
            (chair, p1, p2, p3)
        })
    };
    while done.load(Ordering::SeqCst) < 20 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Backups one after another while the commands go on, until some commands were acked
    // while a copy was being made (one copy takes a few milliseconds).
    let mut copies: Vec<PathBuf> = Vec::new();
    let mut during = 0;
    let clock = std::time::Instant::now();
    for k in 0..40 {
        let copy = work.join(format!("mid-meeting-{k}.db"));
        let at_start = done.load(Ordering::SeqCst);
        let (ok, out, err) = {
            let (copy, db) = (copy.clone(), server.db.clone());
            tokio::task::spawn_blocking(move || cli(&["backup", copy.to_str().unwrap()], &db))
                .await
                .unwrap()
        };
        assert!(ok, "{out}{err}");
        assert!(out.contains("integrity ok"), "{out}");
        during += done.load(Ordering::SeqCst) - at_start;
        copies.push(copy);
        if during >= 5 && k >= 2 {
            break;
        }
    }
    eprintln!(
        "{} backups in {} ms; {during} commands acked while one was being made",
        copies.len(),
        clock.elapsed().as_millis()
    );
    assert!(during > 0, "commands were acked while a backup ran");
    // Let the flow go on a little after the backups, so the copies are truly mid-meeting.
    let at_end = done.load(Ordering::SeqCst);
    while done.load(Ordering::SeqCst) < at_end + 20 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::SeqCst);
    let (mut chair, mut p1, mut p2, mut p3) = flow.await.unwrap();
    let mid = copies[0].clone();

    // The live database now, with every client still connected and in step.
    let mut obs = r.chair(&addr).await;
    let (live_state, live_seq) =
        e2e::assert_in_step(&mut obs, &mut [&mut chair, &mut p1, &mut p2, &mut p3]).await;
    let live_events = stored_events(&server.db);
    let live_meetings = stored_meetings(&server.db);
    assert!(live_meetings.iter().any(|(id, _)| id == &r.id));
    assert!(live_meetings.iter().any(|(id, _)| id == &ended.id));

    // Each mid-meeting copy: every meeting, and for each the log exactly as it stood at one
    // moment — a prefix of the live log, event for event.
    for copy in &copies {
        assert_eq!(
            stored_meetings(copy),
            live_meetings,
            "every meeting, same epochs"
        );
        let copied = stored_events(copy);
        for (id, _) in &live_meetings {
            let live: Vec<_> = live_events.iter().filter(|e| &e.0 == id).collect();
            let copy: Vec<_> = copied.iter().filter(|e| &e.0 == id).collect();
            assert!(!copy.is_empty() && copy.len() <= live.len());
            assert_eq!(
                copy[..],
                live[..copy.len()],
                "meeting {id}: a prefix of its log"
            );
        }
    }
    let mid_events = stored_events(&mid);
    let mid_seq = mid_events.iter().filter(|e| e.0 == r.id).count() as u64;
    assert!(
        mid_seq < live_seq,
        "the copy is from the middle of the meeting"
    );

    // Never over an existing file.
    let before = std::fs::read(&mid).unwrap();
    let (ok, out, err) = cli(&["backup", mid.to_str().unwrap()], &server.db);
    assert!(!ok, "{out}");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read(&mid).unwrap(),
        before,
        "the existing file is untouched"
    );

    // A fresh server on the mid-meeting copy finds both meetings: the running one exactly as
    // the log had it then, the ended one exactly as it is.
    let restored = restore(&mid, &work.join("restored-mid"));
    let fresh = Server::start_with(
        e2e::server_binary(false),
        restored,
        &["--grace-secs", "600"],
    );
    let (state, seq, epoch) = snapshot(&fresh.addr, &r).await;
    assert_eq!(seq, mid_seq);
    assert_eq!(epoch, obs.epoch.clone().unwrap(), "the same history");
    let upto: Vec<Event> = live_events
        .iter()
        .filter(|e| e.0 == r.id && e.1 as u64 <= mid_seq)
        .map(|e| serde_json::from_str(&e.2).unwrap())
        .collect();
    assert_eq!(state, RoomState::replay(&upto).unwrap());
    assert_eq!(state.phase, Phase::Running);
    let (e_state, e_seq, _) = snapshot(&fresh.addr, &ended).await;
    let (e_live, e_live_seq, _) = snapshot(&addr, &ended).await;
    assert_eq!((e_state, e_seq), (e_live, e_live_seq));
    let listed = |body: String| -> Vec<String> {
        let v: Value = serde_json::from_str(&body).unwrap();
        let mut ids: Vec<String> = v
            .as_array()
            .or_else(|| v["meetings"].as_array())
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        listed(get(&fresh, "/api/centres/kalasatama/meetings").await),
        listed(get(&server, "/api/centres/kalasatama/meetings").await)
    );
    drop(fresh);

    // A copy taken now restores to exactly the live room: same state, same seq, same epoch.
    let last = work.join("now.db");
    let (ok, out, err) = cli(&["backup", last.to_str().unwrap()], &server.db);
    assert!(ok, "{out}{err}");
    assert_eq!(stored_events(&last), stored_events(&server.db));
    let restored = restore(&last, &work.join("restored-now"));
    let fresh = Server::start_with(
        e2e::server_binary(false),
        restored,
        &["--grace-secs", "600"],
    );
    let (state, seq, epoch) = snapshot(&fresh.addr, &r).await;
    assert_eq!((seq, epoch), (live_seq, obs.epoch.clone().unwrap()));
    assert_eq!(state, live_state, "the restored room is the live room");
}
