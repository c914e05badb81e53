//! Unit tests of the name detector; the corpus, the variations and the test vectors are in
//! `server/tests/guard_*.rs`.

use super::*;

/// `PPT_EXPLAIN="word word" cargo test -p server --lib explain -- --nocapture` prints how
/// each word is classified (a developer's aid; asserts nothing about the words given).
#[test]
fn explain() {
    let d = NameDetector::new(true);
    let words = std::env::var("PPT_EXPLAIN").unwrap_or_else(|_| "Virtanen".into());
    for w in words.split_whitespace() {
        let c = d.classify(w, true);
        let vi = d.info(w);
        println!(
            "{w}: {c:?} inflected={:?} voikko={vi:?}",
            d.lists.inflected(&w.to_lowercase())
        );
    }
    assert_eq!(d.classify("Virtanen", true), Class::Strong { sure: true });
}

fn names(d: &NameDetector, s: &str) -> Vec<String> {
    let t = Text::new(s);
    let mut out = Vec::new();
    d.detect(&t, &mut out).expect("voikko");
    out.iter().map(|f| t.slice(f.start, f.end)).collect()
}

#[test]
fn names_in_any_case() {
    let d = NameDetector::new(true);
    assert_eq!(names(&d, "ÄITI SARI LAITINEN SOITTI"), ["SARI", "LAITINEN"]);
    assert_eq!(
        names(&d, "asiakas pekka korhonen ei tullut"),
        ["pekka", "korhonen"]
    );
    assert_eq!(names(&d, "SOITIN EILEN MATILLE"), ["MATILLE"]);
    assert_eq!(names(&d, "keskustelin kivimäen kanssa"), ["kivimäen"]);
    // A word that is also a name needs a cue when case says nothing.
    assert!(names(&d, "tuuli oli kova ja onni suosi").is_empty());
    assert!(names(&d, "TOIVO ON, ETTÄ ASIAKAS PÄÄSEE KOTIIN").is_empty());
    assert!(names(&d, "asiakkaan ainoa toive on oma asunto").is_empty());
    assert_eq!(names(&d, "äiti onni tuli"), ["onni"]);
    // Short capitals are abbreviations; "MS" is no cue in capitals.
    assert!(names(&d, "QTC 470 MS METADONIN ALOITUKSEN JÄLKEEN, TIA-EPÄILY").is_empty());
}

#[test]
fn places_and_services_do_not_hide_people() {
    let d = NameDetector::new(true);
    assert_eq!(names(&d, "Lehtonen keskusteli sossun kanssa"), ["Lehtonen"]);
    assert_eq!(names(&d, "Asiakas Lahtinen sairaalassa"), ["Lahtinen"]);
    assert_eq!(names(&d, "Asiakas Kallio kertoi"), ["Kallio"]);
    assert!(names(&d, "Asiakas Kallion alueelta").is_empty());
    assert!(names(&d, "Hoidettiin Marian sairaalassa ja Auroran sairaalassa.").is_empty());
    assert!(names(&d, "Tutkimus Sigrid Juséliuksen säätiön rahoittamana.").is_empty());
    assert!(names(&d, "TUTKIMUS SIGRID JUSÉLIUKSEN SÄÄTIÖN RAHOITTAMANA.").is_empty());
    assert!(names(
        &d,
        "Kela, Ilmarinen ja Varma pyysivät selvitystä, Hope ry auttoi."
    )
    .is_empty());
    assert!(names(&d, "Lab: K 3,2, Na 131, Hb 98, U-Kann negatiivinen.").is_empty());
    assert!(names(&d, "Labrat: FAST 45, puhelinaika ma-pe 8-16, MA-PE klo 9.").is_empty());
    assert_eq!(
        names(&d, "Paikalla Sari 45 v ja MARJA 34 v."),
        ["Sari", "MARJA"]
    );
}

#[test]
fn english_and_swedish_words_are_words() {
    let d = NameDetector::new(true);
    assert!(names(
        &d,
        "Will the team meet? May we discuss the Grace period and Hope?"
    )
    .is_empty());
    assert!(names(&d, "June and August meetings are cancelled.").is_empty());
    assert!(names(
        &d,
        "Hoppet är att klienten får stöd från Folkhälsan och Röda Korset."
    )
    .is_empty());
    assert_eq!(
        names(&d, "The client met Maria at the day centre."),
        ["Maria"]
    );
    assert_eq!(
        names(&d, "The client met Mark Johnson there."),
        ["Mark", "Johnson"]
    );
}
