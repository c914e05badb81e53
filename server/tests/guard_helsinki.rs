//! The City of Helsinki text-anonymizer's evaluation protocol (its `test/evaluate_with_*.py`),
//! re-implemented over reference data kept in this repository (`server/tests/data/`, sources
//! and CC BY 4.0 attribution in its README), so the test runs from a clone alone. The names
//! are the top 1 000 of the DVV lists as published, a copy of their own rather than the
//! guard's embedded lists, so tuning those cannot tune the test:
//! - 5 000 "First Last" names drawn from the top-1 000 first names and top-1 000 surnames, each
//!   checked alone; a success is both words flagged;
//! - 1 000 Helsinki streets from the first 1 000 of the street register (the protocol skips its
//!   first line as a header) with a house number 1–100 and, half of the time, a staircase
//!   letter A–J and an apartment 1–50; a success is every digit inside an address finding;
//! - 5 000 random Kotus headwords, each checked alone; a success is no finding.
//!
//! Their published results: 97.34 % of names, 98.2 % of streets, 98.78 % of words. The guard
//! must beat all three. Also printed, not asserted: the same words capitalised, as they would
//! stand at the start of a sentence.

use server::guard::IdentifierGuard;
use shared::guard::{Allowlist, FindingKind};
use std::path::PathBuf;

/// splitmix64: a tiny deterministic RNG, so the samples are the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % (hi - lo + 1) as u64) as u32
    }
}

/// A file of `server/tests/data`.
fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn first_column(csv: &str, sep: char, take: usize) -> Vec<String> {
    csv.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter_map(|l| l.split(sep).next())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(take)
        .map(String::from)
        .collect()
}

#[test]
fn helsinki_protocol() {
    let guard = IdentifierGuard::new().expect("libvoikko + voikko-fi installed");
    let allow = Allowlist::empty();
    let mut rng = Rng(1234);

    let first = first_column(&data("fi_first_names_top1000.csv"), ';', 1000);
    let last = first_column(&data("fi_surnames_top1000.csv"), ';', 1000);
    let (mut ok, mut partial) = (0, 0);
    let mut missed = Vec::new();
    for _ in 0..5000 {
        let a = &first[rng.below(first.len())];
        let b = &last[rng.below(last.len())];
        let text = format!("{a} {b}");
        let n = text.chars().count();
        let f = guard.check(&text, &allow).expect("guard available");
        let covers = |i: usize| f.iter().any(|f| f.start <= i && i < f.end);
        match (covers(0), covers(n - 1)) {
            (true, true) => ok += 1,
            (false, false) => missed.push(text),
            _ => {
                partial += 1;
                missed.push(text)
            }
        }
    }
    let names = ok as f64 / 50.0;
    println!(
        "names: {names:.2} % caught whole, {:.2} % partly (published 97.34 %); missed e.g. {:?}",
        partial as f64 / 50.0,
        &missed[..missed.len().min(15)]
    );

    let streets_all: Vec<String> = data("helsinki_street_names.txt")
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .take(1000)
        .map(String::from)
        .collect();
    let mut ok = 0;
    let mut missed = Vec::new();
    for _ in 0..1000 {
        let mut s = format!(
            "{} {}",
            streets_all[rng.below(streets_all.len())],
            rng.range(1, 100)
        );
        if rng.range(0, 1) == 1 {
            let letter = (b'A' + rng.range(0, 9) as u8) as char;
            s = format!("{s} {letter} {}", rng.range(1, 50));
        }
        let f = guard.check(&s, &allow).expect("guard available");
        let all_digits = s
            .chars()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_digit())
            .all(|(i, _)| {
                f.iter()
                    .any(|f| f.kind == FindingKind::Address && f.start <= i && i < f.end)
            });
        if all_digits {
            ok += 1;
        } else {
            missed.push(s);
        }
    }
    let streets = ok as f64 / 10.0;
    println!(
        "streets: {streets:.2} % (published 98.2 %); missed e.g. {:?}",
        &missed[..missed.len().min(15)]
    );

    // The headword column of the Kotus list, in its order (so the sample is the one drawn from
    // the full list).
    let words = first_column(&data("kotus_headwords_2022.txt"), '\t', usize::MAX);
    let (mut ok, mut ok_cap) = (0, 0);
    let mut flagged = Vec::new();
    let mut flagged_cap = Vec::new();
    for _ in 0..5000 {
        let w = &words[rng.below(words.len())];
        if guard.check(w, &allow).expect("guard available").is_empty() {
            ok += 1;
        } else {
            flagged.push(w.clone());
        }
        let mut c = w.chars();
        let cap: String = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
        if guard
            .check(&cap, &allow)
            .expect("guard available")
            .is_empty()
        {
            ok_cap += 1;
        } else {
            flagged_cap.push(cap);
        }
    }
    let words_ok = ok as f64 / 50.0;
    println!(
        "words: {words_ok:.2} % left alone (published 98.78 %); flagged {:?}",
        &flagged[..flagged.len().min(15)]
    );
    println!(
        "words capitalised: {:.2} % left alone; flagged e.g. {:?}",
        ok_cap as f64 / 50.0,
        &flagged_cap[..flagged_cap.len().min(20)]
    );
    println!(
        "helsinki protocol: names {names:.2} %, streets {streets:.2} %, words {words_ok:.2} %"
    );
    assert!(names > 97.34, "names {names}");
    assert!(streets > 98.2, "streets {streets}");
    assert!(words_ok > 98.78, "words {words_ok}");
}
