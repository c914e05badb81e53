//! Fail closed (issue 9): a thread whose voikko cannot open checks nothing. Its checks return
//! [`GuardUnavailable`] (the room refuses the message with `guard_unavailable`) instead of an
//! answer from the name lists alone, and a guard cannot be created there at all.
//!
//! How voikko is made unable to open in a running process: libvoikko looks for dictionaries
//! each time a handle opens, in `$VOIKKO_DICTIONARY_PATH` before the system's own directories,
//! and uses the first Finnish one it finds. A Finnish dictionary there whose morphology file is
//! not one ("Unknown byte order or file type") makes every handle opened from then on fail,
//! while handles already open keep working, as after a dictionary package is removed or broken
//! under a running server. The end-to-end version, through a real server and a meeting room,
//! is `e2e/tests/guard_fail_closed.rs`.
//!
//! This file is its own test binary with this one test, since it changes the process's
//! environment.

use server::guard::{voikko, GuardInitError, GuardUnavailable, IdentifierGuard};
use shared::guard::{Allowlist, FindingKind};

/// A Finnish dictionary (format 5, variant "standard", as the voikko-fi package has it) under
/// `dir` that libvoikko finds but cannot load.
fn broken_dictionary(dir: &std::path::Path) {
    let d = dir.join("5").join("mor-standard");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("index.txt"),
        "Voikko-Dictionary-Format: 5\nLanguage: fi-x-standard\n\
         Description: broken on purpose (guard_fail_closed)\nMorphology-Backend: finnishVfst\n",
    )
    .unwrap();
    std::fs::write(d.join("mor.vfst"), "not a dictionary\n").unwrap();
}

#[test]
fn a_thread_whose_voikko_cannot_open_checks_nothing() {
    let none = Allowlist::empty();
    // A clean text: a weaker guard would let it through, a guard that fails closed does not.
    let clean = "Ikääntyneen kotiutus, kysymys: riittääkö kotihoito?";
    let named = "Soitin eilen Virtaselle ja sovimme uuden ajan.";

    // The guard starts as the server starts it, with voikko open on this thread.
    let guard = IdentifierGuard::new().expect("libvoikko + voikko-fi installed");
    assert_eq!(guard.check(clean, &none), Ok(vec![]));
    let found = guard.check(named, &none).expect("guard available");
    assert_eq!(
        found.iter().map(|f| f.kind).collect::<Vec<_>>(),
        [FindingKind::PersonName]
    );

    let dir = tempfile::tempdir().unwrap();
    broken_dictionary(dir.path());
    // Safe here: no other thread of this process runs yet (one test in this binary).
    std::env::set_var("VOIKKO_DICTIONARY_PATH", dir.path());

    let g = guard.clone();
    let (available, clean_answer, named_answer, fields_answer, new_guard) =
        std::thread::spawn(move || {
            let none = Allowlist::empty();
            (
                voikko::available(),
                g.check(clean, &none),
                g.check(named, &none),
                g.check_fields(&[clean, "", named], &none),
                IdentifierGuard::new().err(),
            )
        })
        .join()
        .expect("the checking thread");
    assert!(
        !available,
        "the broken dictionary keeps voikko from opening"
    );
    assert_eq!(
        clean_answer,
        Err(GuardUnavailable),
        "a clean text is not passed"
    );
    assert_eq!(
        named_answer,
        Err(GuardUnavailable),
        "no answer from the name lists alone"
    );
    assert_eq!(fields_answer, Err(GuardUnavailable));
    assert_eq!(new_guard, Some(GuardInitError::VoikkoMissing));
    // The empty text is not checked either: nothing passes on that thread.
    let g = guard.clone();
    let empty = std::thread::spawn(move || g.check("", &Allowlist::empty()))
        .join()
        .unwrap();
    assert_eq!(empty, Err(GuardUnavailable));

    // This thread's handle was open before and stays so.
    assert_eq!(guard.check(named, &none), Ok(found));
    std::env::remove_var("VOIKKO_DICTIONARY_PATH");
}
