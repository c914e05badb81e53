//! The guard against everyday typing and tricks, measured on the whole labelled corpus
//! (`tests/guard_corpus/*.jsonl`, built by `generate.py` there).
//!
//! Every text is transformed the way people type in a hurry or try to slip past, with each
//! labelled span moved along (offsets in chars, end exclusive; upper-casing "ß" gives "SS",
//! inserted characters shift what follows):
//!
//! | transformation | positives | clean texts |
//! |---|---|---|
//! | identity | as written | as written |
//! | capitals | the whole text upper-cased | the same |
//! | small letters | the whole text lower-cased | the same |
//! | zero-width | U+200B, U+200C, U+200D, U+2060, U+FEFF or a soft hyphen inside each span | one inside each longer word |
//! | full-width digits | every digit 0–9 as U+FF10… | the same |
//! | look-alikes | every Latin letter of a span that has a Cyrillic or Greek look-alike replaced, and about half of those elsewhere | about half of them |
//! | separators | hetu century dash ↔ space, en dash, minus; phone groups with `.`, `/`, thin, no-break or narrow no-break space; date separators `.` ↔ `/` ↔ `-` ("12.4. 1964" → "12/4/1964"); spaces in addresses, IBANs, postal codes as no-break or thin spaces; dashes in plates, record numbers and names as en dash, non-breaking hyphen, minus (e-mail addresses and links are left as they are); elsewhere spaces as no-break or thin spaces and hyphens as en dashes | spaces and hyphens as elsewhere |
//! | bidi wrap | each span wrapped in a right-to-left override and a pop, logical order kept (room fields refuse direction controls before the guard; the guard itself must still see through them) | each token with a digit wrapped |
//! | split | two fields of one message, [`IdentifierGuard::check_fields`]: cut inside the span at the space or separator nearest its middle (a space is dropped, another separator stays at the end of the first field), or, in a token without one, where digits meet letters ("311299" \| "A9988") or else in its middle; a one-word name is cut at its edge instead (nobody splits a word between two fields), so that it starts or ends a field | cut at the space nearest the middle |
//!
//! A span is caught when some finding overlaps it (for a split, a finding of either field over
//! that field's part of it); a clean text is flagged when it has any finding. One deterministic
//! pass over the corpus per transformation prints a table line (recall over all spans, over
//! spans other than names and over names, and the rate of clean texts flagged) and every miss
//! and false positive (each distinct line once, at most 40 of each per transformation), then asserts for every transformation:
//! recall at least 99.5 %, except that under small letters names count apart (at least 95 %)
//! and the 99.5 % applies to the other spans; at most 1 % of clean texts flagged.
//!
//! The proptest properties sample random parameters (which invisible character and where,
//! which look-alikes, which separator, which digits, where to cut) and require exact success
//! where the transformation must not matter at all: a span that the guard catches as written
//! is still caught after any of the character-level tricks or when the message is cut into two
//! fields at a space, and a clean text stays clean in capitals.
//!
//! Capitals and small letters are held to the same rule as the deterministic pass. Every
//! identifier other than a name that is caught as written is still caught in capitals and in
//! small letters, exactly. A name is held to it exactly when it can be nothing but a name (no
//! word of it is also a common word for voikko: "Virtasen", "Nguyen") or when another labelled
//! name stands right next to it ("Toivo Kallio", "Onni Laineelle"): in one case the guard
//! must still find those. A name that is also a word and stands alone ("Rinteelle": rinne,
//! "Matille": matti, "Koskinen") is found as written by its capital in mid-sentence, which a
//! text in one case no longer shows; the issue lets it need a cue there ("äiti onni"), so it
//! is measured only by the pass above (within the 99.5 % of all spans in capitals, the 95 % of
//! names in small letters), never required text by text.
//!
//! They run with a fixed seed so that CI is repeatable; set `PROPTEST_RNG_SEED=<n>` to explore
//! other cases.
//!
//! `cargo test -p server --test guard_variations -- --nocapture`

// The transformations look at each character's neighbours (`cs[i - 1]`, `cs[i + 1]`), which
// index loops say most plainly.
#![allow(clippy::needless_range_loop)]

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use serde::Deserialize;
use server::guard::{voikko, IdentifierGuard};
use shared::guard::{Allowlist, Finding};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Deserialize, Clone, Debug)]
struct Span {
    kind: String,
    start: usize,
    end: usize,
}

#[derive(Deserialize, Clone, Debug)]
struct Labelled {
    text: String,
    spans: Vec<Span>,
}

fn load(jsonl: &str) -> Vec<Labelled> {
    let items: Vec<Labelled> = jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("corpus line"))
        .collect();
    for t in &items {
        let n = t.text.chars().count();
        let mut last_end = 0;
        for s in &t.spans {
            assert!(
                s.start >= last_end && s.start < s.end && s.end <= n,
                "spans in order, non-empty, apart: {t:?}"
            );
            last_end = s.end;
        }
    }
    items
}

fn positives() -> &'static [Labelled] {
    static P: OnceLock<Vec<Labelled>> = OnceLock::new();
    P.get_or_init(|| load(include_str!("guard_corpus/positives.jsonl")))
}

fn negatives() -> &'static [Labelled] {
    static N: OnceLock<Vec<Labelled>> = OnceLock::new();
    N.get_or_init(|| load(include_str!("guard_corpus/negatives.jsonl")))
}

fn guard() -> &'static IdentifierGuard {
    static G: OnceLock<IdentifierGuard> = OnceLock::new();
    G.get_or_init(|| IdentifierGuard::new().expect("libvoikko + voikko-fi installed"))
}

fn check(text: &str) -> Vec<Finding> {
    guard()
        .check(text, &Allowlist::empty())
        .expect("guard available")
}

fn overlaps(found: &[Finding], start: usize, end: usize) -> bool {
    found.iter().any(|f| f.start < end && start < f.end)
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn is_name(s: &Span) -> bool {
    s.kind == "person_name"
}

// ------------------------------------------------------------------------ rewriting

/// What becomes of the characters of a text: `before[i]` is inserted in front of character `i`,
/// `with[i]` (when set) replaces it (possibly by nothing).
struct Plan {
    before: Vec<String>,
    with: Vec<Option<String>>,
}

impl Plan {
    fn new(n: usize) -> Plan {
        Plan {
            before: vec![String::new(); n],
            with: vec![None; n],
        }
    }
}

/// Applies `plan` to `t`: a span now runs from the first character written for its first
/// character to the last one written for its last character.
fn apply(t: &Labelled, plan: &Plan) -> Labelled {
    let cs = chars(&t.text);
    let (mut text, mut n) = (String::new(), 0usize);
    let mut start_of = vec![0; cs.len()];
    let mut end_of = vec![0; cs.len()];
    for (i, c) in cs.iter().enumerate() {
        text.push_str(&plan.before[i]);
        n += plan.before[i].chars().count();
        start_of[i] = n;
        match &plan.with[i] {
            Some(w) => {
                text.push_str(w);
                n += w.chars().count();
            }
            None => {
                text.push(*c);
                n += 1;
            }
        }
        end_of[i] = n;
    }
    let spans = t
        .spans
        .iter()
        .map(|s| {
            let sp = Span {
                kind: s.kind.clone(),
                start: start_of[s.start],
                end: end_of[s.end - 1],
            };
            assert!(sp.start < sp.end, "span kept: {t:?}");
            sp
        })
        .collect();
    Labelled { text, spans }
}

/// The span index of each character, if it is inside one.
fn owners(t: &Labelled) -> Vec<Option<usize>> {
    let mut o = vec![None; t.text.chars().count()];
    for (j, s) in t.spans.iter().enumerate() {
        for x in &mut o[s.start..s.end] {
            *x = Some(j);
        }
    }
    o
}

/// A well-mixed 64-bit hash (splitmix64), for deterministic "random" choices.
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(b)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// ------------------------------------------------------------------------ transformations

fn letter_case(t: &Labelled, upper: bool) -> Labelled {
    let cs = chars(&t.text);
    let mut plan = Plan::new(cs.len());
    for (i, c) in cs.iter().enumerate() {
        let w: String = if upper {
            c.to_uppercase().collect()
        } else {
            c.to_lowercase().collect()
        };
        if w.chars().ne(std::iter::once(*c)) {
            plan.with[i] = Some(w);
        }
    }
    apply(t, &plan)
}

/// Characters that render as nothing.
const ZERO_WIDTH: [char; 6] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// Inserts `ch` in front of the characters at offsets `at` (each in `1..len`, so strictly
/// inside) of span `span`.
fn zero_width_in_span(plan: &mut Plan, s: &Span, ch: char, at: &[usize]) {
    let len = s.end - s.start;
    for &k in at {
        if (1..len).contains(&k) && !plan.before[s.start + k].contains(ch) {
            plan.before[s.start + k].push(ch);
        }
    }
}

/// Deterministic pass: each span gets a zero-width character in its middle, every other span
/// also right after its first and before its last character; clean texts get one in the
/// middle of each word of four or more letters.
fn zero_width_det(t: &Labelled, serial: u64) -> Labelled {
    let cs = chars(&t.text);
    let mut plan = Plan::new(cs.len());
    for (j, s) in t.spans.iter().enumerate() {
        let g = serial + j as u64;
        let len = s.end - s.start;
        let mut at = vec![len / 2];
        if g % 2 == 1 {
            at.extend([1, len.saturating_sub(1)]);
        }
        zero_width_in_span(&mut plan, s, ZERO_WIDTH[(g % 6) as usize], &at);
    }
    if t.spans.is_empty() {
        let mut w = 0;
        let mut i = 0;
        while i < cs.len() {
            if cs[i].is_alphanumeric() {
                let start = i;
                while i < cs.len() && cs[i].is_alphanumeric() {
                    i += 1;
                }
                if i - start >= 4 {
                    plan.before[start + (i - start) / 2]
                        .push(ZERO_WIDTH[(serial + w) as usize % 6]);
                    w += 1;
                }
            } else {
                i += 1;
            }
        }
    }
    apply(t, &plan)
}

/// Digits 0–9 as full-width digits, where bit (n mod 64) of `mask` is set for the n-th digit.
fn full_width(t: &Labelled, mask: u64) -> Labelled {
    let cs = chars(&t.text);
    let mut plan = Plan::new(cs.len());
    let mut n = 0;
    for (i, c) in cs.iter().enumerate() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            if mask >> (n % 64) & 1 == 1 {
                plan.with[i] = char::from_u32(0xFF10 + d).map(String::from);
            }
            n += 1;
        }
    }
    apply(t, &plan)
}

/// Cyrillic and Greek letters that look like a Latin letter.
fn look_alikes(c: char) -> &'static [char] {
    match c {
        'a' => &['\u{0430}'],
        'c' => &['\u{0441}'],
        'e' => &['\u{0435}'],
        'i' => &['\u{0456}'],
        'j' => &['\u{0458}'],
        'o' => &['\u{043E}', '\u{03BF}'],
        'p' => &['\u{0440}'],
        's' => &['\u{0455}'],
        'x' => &['\u{0445}'],
        'y' => &['\u{0443}'],
        'A' => &['\u{0410}', '\u{0391}'],
        'B' => &['\u{0412}', '\u{0392}'],
        'C' => &['\u{0421}'],
        'E' => &['\u{0415}', '\u{0395}'],
        'H' => &['\u{041D}', '\u{0397}'],
        'I' => &['\u{0406}', '\u{0399}'],
        'J' => &['\u{0408}'],
        'K' => &['\u{041A}', '\u{039A}'],
        'M' => &['\u{041C}', '\u{039C}'],
        'N' => &['\u{039D}'],
        'O' => &['\u{041E}', '\u{039F}'],
        'P' => &['\u{0420}', '\u{03A1}'],
        'S' => &['\u{0405}'],
        'T' => &['\u{0422}', '\u{03A4}'],
        'X' => &['\u{0425}', '\u{03A7}'],
        'Y' => &['\u{04AE}', '\u{03A5}'],
        'Z' => &['\u{0396}'],
        _ => &[],
    }
}

/// Replaces letters by look-alikes: inside spans every one (when `all_in_spans`) or those
/// whose hash bit says so, elsewhere about half; `seed` picks which and which look-alike.
fn homoglyphs(t: &Labelled, seed: u64, all_in_spans: bool) -> Labelled {
    let cs = chars(&t.text);
    let own = owners(t);
    let mut plan = Plan::new(cs.len());
    for (i, c) in cs.iter().enumerate() {
        let alts = look_alikes(*c);
        if alts.is_empty() {
            continue;
        }
        let h = mix(seed, i as u64);
        let take = match own[i] {
            Some(_) => all_in_spans || h & 2 == 0,
            None => h & 4 == 0,
        };
        if take {
            plan.with[i] = Some(alts[(h >> 8) as usize % alts.len()].to_string());
        }
    }
    apply(t, &plan)
}

const HETU_SIGNS: [char; 4] = ['-', ' ', '\u{2013}', '\u{2212}'];
const PHONE_SEPS: [char; 5] = ['.', '/', '\u{2009}', '\u{00A0}', '\u{202F}'];
const DATE_SEPS: [char; 3] = ['.', '/', '-'];
const SPACES: [char; 3] = ['\u{00A0}', '\u{2009}', '\u{202F}'];
const DASHES: [char; 3] = ['\u{2013}', '\u{2011}', '\u{2212}'];

/// `pick` chooses among `options` other than `current` (or among all when it is not one).
fn other(options: &[char], current: char, pick: usize) -> char {
    let rest: Vec<char> = options.iter().copied().filter(|c| *c != current).collect();
    rest[pick % rest.len()]
}

/// Alternative separators; `pick(j)` chooses for span j, `outside` for the rest of the text.
fn separators(t: &Labelled, pick: impl Fn(usize) -> usize, outside: usize) -> Labelled {
    let cs = chars(&t.text);
    let own = owners(t);
    let mut plan = Plan::new(cs.len());
    let digit = |i: usize| cs.get(i).is_some_and(|c| c.is_ascii_digit());
    let set = |plan: &mut Plan, i: usize, c: char| plan.with[i] = Some(c.to_string());
    for (j, s) in t.spans.iter().enumerate() {
        let p = pick(j);
        let span = &cs[s.start..s.end];
        match s.kind.as_str() {
            "hetu"
                if span.len() > 7
                    && span[..6].iter().all(|c| c.is_ascii_digit())
                    && HETU_SIGNS.contains(&span[6]) =>
            {
                set(&mut plan, s.start + 6, other(&HETU_SIGNS, span[6], p));
            }
            "phone" => {
                let sep = PHONE_SEPS[p % PHONE_SEPS.len()];
                for i in s.start + 1..s.end - 1 {
                    let c = cs[i];
                    if (c == '-' || c.is_whitespace()) && digit(i - 1) && digit(i + 1) {
                        set(&mut plan, i, sep);
                    }
                }
            }
            "birth_date" => {
                for i in s.start + 1..s.end - 1 {
                    let c = cs[i];
                    if !DATE_SEPS.contains(&c) || !digit(i - 1) {
                        continue;
                    }
                    if digit(i + 1) {
                        set(&mut plan, i, other(&DATE_SEPS, c, p));
                    } else if c == '.' && i + 2 < s.end && cs[i + 1] == ' ' && digit(i + 2) {
                        // "12.4. 1964" → "12/4/1964"
                        set(&mut plan, i, other(&DATE_SEPS, c, p));
                        plan.with[i + 1] = Some(String::new());
                    }
                }
            }
            "address" | "iban" | "postal_code_city" => {
                for i in s.start..s.end {
                    if cs[i] == ' ' {
                        set(&mut plan, i, SPACES[p % SPACES.len()]);
                    }
                }
            }
            "plate" | "customer_number" | "person_name" => {
                for i in s.start..s.end {
                    if cs[i] == '-' {
                        set(&mut plan, i, DASHES[p % DASHES.len()]);
                    }
                }
            }
            // An e-mail address or a link with another character is another address.
            _ => {}
        }
    }
    for (i, c) in cs.iter().enumerate() {
        if own[i].is_none() && plan.with[i].is_none() {
            if *c == ' ' {
                set(&mut plan, i, SPACES[(outside + i) % SPACES.len()]);
            } else if *c == '-' {
                set(&mut plan, i, '\u{2013}');
            }
        }
    }
    apply(t, &plan)
}

/// Wraps each span (clean texts: each token with a digit) in U+202E … U+202C.
fn bidi_wrap(t: &Labelled) -> Labelled {
    let cs = chars(&t.text);
    let mut plan = Plan::new(cs.len());
    let wrap = |plan: &mut Plan, s: usize, e: usize| {
        plan.before[s].insert(0, '\u{202E}');
        plan.with[e - 1] = Some(format!("{}\u{202C}", cs[e - 1]));
    };
    if t.spans.is_empty() {
        let mut i = 0;
        while i < cs.len() {
            if cs[i].is_whitespace() {
                i += 1;
                continue;
            }
            let s = i;
            while i < cs.len() && !cs[i].is_whitespace() {
                i += 1;
            }
            if cs[s..i].iter().any(|c| c.is_ascii_digit()) {
                wrap(&mut plan, s, i);
            }
        }
    } else {
        for s in &t.spans {
            wrap(&mut plan, s.start, s.end);
        }
    }
    apply(t, &plan)
}

/// A message cut into two fields at char `cut`; `drop` removes the character at `cut` (a
/// space, which [`IdentifierGuard::check_fields`] puts back when it joins the fields).
struct Split {
    left: String,
    right: String,
    /// Where the right field starts in the original text.
    right_at: usize,
}

fn split_at(text: &str, cut: usize, drop: bool) -> Split {
    let cs = chars(text);
    let right_at = cut + drop as usize;
    Split {
        left: cs[..cut].iter().collect(),
        right: cs[right_at..].iter().collect(),
        right_at,
    }
}

/// Whether the fields' findings cover some of `s`.
fn split_catches(sp: &Split, s: &Span) -> bool {
    let found = guard()
        .check_fields(&[&sp.left, &sp.right], &Allowlist::empty())
        .expect("guard available");
    let left_len = sp.left.chars().count();
    (s.start < left_len && overlaps(&found[0], s.start, s.end.min(left_len)))
        || (s.end > sp.right_at
            && overlaps(
                &found[1],
                s.start.max(sp.right_at) - sp.right_at,
                s.end - sp.right_at,
            ))
}

/// Where the deterministic pass cuts a message for span `s` (see the module documentation).
fn split_for_span(t: &Labelled, s: &Span) -> Split {
    let cs = chars(&t.text);
    let mid2 = s.start + s.end; // twice the middle, to stay in integers
    let nearest = |ok: &dyn Fn(char) -> bool| {
        (s.start + 1..s.end - 1)
            .filter(|&i| ok(cs[i]))
            .min_by_key(|&i| (2 * i).abs_diff(mid2))
    };
    if let Some(i) = nearest(&|c: char| c.is_whitespace()) {
        return split_at(&t.text, i, true);
    }
    if let Some(i) = nearest(&|c: char| !c.is_alphanumeric()) {
        return split_at(&t.text, i + 1, false);
    }
    // Between a digit and a letter ("311299" | "A9988"), where a code changes its part.
    let boundary = (s.start + 1..s.end)
        .filter(|&i| cs[i - 1].is_ascii_digit() != cs[i].is_ascii_digit())
        .min_by_key(|&i| (2 * i).abs_diff(mid2));
    if is_name(s) {
        if s.start > 0 {
            let drop = cs[s.start - 1].is_whitespace();
            return split_at(&t.text, s.start - drop as usize, drop);
        }
        if s.end < cs.len() {
            let drop = cs[s.end].is_whitespace();
            return split_at(&t.text, s.end, drop);
        }
    }
    let cut = boundary.unwrap_or(s.start + (s.end - s.start) / 2);
    split_at(&t.text, cut, false)
}

/// A clean text cut at the space nearest its middle (or in the middle).
fn split_clean(text: &str) -> Split {
    let cs = chars(text);
    let mid2 = cs.len();
    match (1..cs.len().saturating_sub(1))
        .filter(|&i| cs[i].is_whitespace())
        .min_by_key(|&i| (2 * i).abs_diff(mid2))
    {
        Some(i) => split_at(text, i, true),
        None => split_at(text, cs.len() / 2, false),
    }
}

fn span_text(t: &Labelled, j: usize) -> String {
    chars(&t.text)[t.spans[j].start..t.spans[j].end]
        .iter()
        .collect()
}

/// The bookkeeping of this file, without the guard: each transformation moves the spans along.
#[test]
fn transformations_move_the_spans_along() {
    let span = |kind: &str, start, end| Span {
        kind: kind.into(),
        start,
        end,
    };
    let t = Labelled {
        text: "Straße 5 B, s. 12.4. 1964, puh 040-123 4567, Hetu 120464-121C".into(),
        spans: vec![
            span("address", 0, 10),
            span("birth_date", 12, 25),
            span("phone", 31, 43),
            span("hetu", 50, 61),
        ],
    };
    let texts = |v: &Labelled| {
        (0..v.spans.len())
            .map(|j| span_text(v, j))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&t),
        ["Straße 5 B", "s. 12.4. 1964", "040-123 4567", "120464-121C"]
    );
    assert_eq!(
        texts(&letter_case(&t, true)),
        [
            "STRASSE 5 B",
            "S. 12.4. 1964",
            "040-123 4567",
            "120464-121C"
        ]
    );
    assert_eq!(
        texts(&separators(&t, |_| 0, 0)),
        [
            "Straße\u{A0}5\u{A0}B",
            "s. 12/4/1964",
            "040.123.4567",
            "120464 121C"
        ]
    );
    let zw = zero_width_det(&t, 1);
    for (j, s) in texts(&zw).iter().enumerate() {
        assert_eq!(s.replace(ZERO_WIDTH, ""), texts(&t)[j]);
        assert!(s.chars().count() > texts(&t)[j].chars().count());
        assert!(!s.starts_with(ZERO_WIDTH) && !s.ends_with(ZERO_WIDTH));
    }
    assert_eq!(texts(&full_width(&t, u64::MAX))[3], "１２０４６４-１２１C");
    let wrapped = bidi_wrap(&t);
    assert_eq!(span_text(&wrapped, 3), "120464-121C\u{202C}");
    assert!(wrapped.text.contains("\u{202E}120464"));
    let look = homoglyphs(&t, 3, true);
    let hetu = span_text(&look, 3);
    assert!(hetu.ends_with('\u{0421}'), "{hetu}");
    let sp = split_for_span(&t, &t.spans[1]);
    assert_eq!(
        (sp.left.as_str(), sp.right.as_str()),
        (
            "Straße 5 B, s. 12.4.",
            "1964, puh 040-123 4567, Hetu 120464-121C"
        )
    );
    let sp = split_for_span(&t, &t.spans[3]);
    assert!(sp.left.ends_with("Hetu 120464-") && sp.right == "121C");
}

// ------------------------------------------------------------------------ the table

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trick {
    Identity,
    Capitals,
    SmallLetters,
    ZeroWidth,
    FullWidth,
    LookAlikes,
    Separators,
    BidiWrap,
    Split,
}

const TRICKS: [Trick; 9] = [
    Trick::Identity,
    Trick::Capitals,
    Trick::SmallLetters,
    Trick::ZeroWidth,
    Trick::FullWidth,
    Trick::LookAlikes,
    Trick::Separators,
    Trick::BidiWrap,
    Trick::Split,
];

impl Trick {
    fn name(self) -> &'static str {
        match self {
            Trick::Identity => "identity",
            Trick::Capitals => "capitals",
            Trick::SmallLetters => "small letters",
            Trick::ZeroWidth => "zero-width",
            Trick::FullWidth => "full-width digits",
            Trick::LookAlikes => "look-alikes",
            Trick::Separators => "separators",
            Trick::BidiWrap => "bidi wrap",
            Trick::Split => "split fields",
        }
    }

    /// The deterministic variant of text number `serial` (spans numbered from `serial` too).
    fn apply(self, t: &Labelled, serial: u64) -> Labelled {
        match self {
            Trick::Identity | Trick::Split => t.clone(),
            Trick::Capitals => letter_case(t, true),
            Trick::SmallLetters => letter_case(t, false),
            Trick::ZeroWidth => zero_width_det(t, serial),
            Trick::FullWidth => full_width(t, u64::MAX),
            Trick::LookAlikes => homoglyphs(t, serial, true),
            Trick::Separators => separators(t, |j| (serial as usize + j) * 7 / 3, serial as usize),
            Trick::BidiWrap => bidi_wrap(t),
        }
    }
}

fn short(s: &str, max: usize) -> String {
    let cs = chars(s);
    let mut out: String = cs.iter().take(max).collect();
    if cs.len() > max {
        out.push('…');
    }
    format!("{out:?}")
}

fn show(text: &str, found: &[Finding]) -> String {
    let cs = chars(text);
    found
        .iter()
        .map(|f| {
            let part: String = cs[f.start..f.end.min(cs.len())].iter().collect();
            format!("{}:{:?}", f.kind.as_str(), part)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lines to print, each once with how often it came up, at most [`MAX_LINES`] of them.
#[derive(Default)]
struct Lines {
    lines: Vec<(String, usize)>,
    more: usize,
}

const MAX_LINES: usize = 40;

impl Lines {
    fn add(&mut self, line: String) {
        if let Some(l) = self.lines.iter_mut().find(|l| l.0 == line) {
            l.1 += 1;
        } else if self.lines.len() < MAX_LINES {
            self.lines.push((line, 1));
        } else {
            self.more += 1;
        }
    }

    fn print(&self) {
        for (l, n) in &self.lines {
            match n {
                1 => println!("  {l}"),
                _ => println!("  {l} (×{n})"),
            }
        }
        if self.more > 0 {
            println!("  … and {} more", self.more);
        }
    }
}

#[derive(Default)]
struct Tally {
    names: usize,
    names_caught: usize,
    others: usize,
    others_caught: usize,
    clean: usize,
    flagged: usize,
    missed_kinds: BTreeMap<String, usize>,
    misses: Lines,
    false_positives: Lines,
}

impl Tally {
    fn span(&mut self, s: &Span, caught: bool, line: impl FnOnce() -> String) {
        if is_name(s) {
            self.names += 1;
            self.names_caught += caught as usize;
        } else {
            self.others += 1;
            self.others_caught += caught as usize;
        }
        if !caught {
            *self.missed_kinds.entry(s.kind.clone()).or_default() += 1;
            self.misses.add(line());
        }
    }

    fn clean(&mut self, flagged: bool, line: impl FnOnce() -> String) {
        self.clean += 1;
        if flagged {
            self.flagged += 1;
            self.false_positives.add(line());
        }
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        100.0
    } else {
        n as f64 * 100.0 / d as f64
    }
}

fn run(trick: Trick) -> Tally {
    let mut tally = Tally::default();
    let mut serial = 0u64;
    for t in positives() {
        if trick == Trick::Split {
            for s in &t.spans {
                let sp = split_for_span(t, s);
                let caught = split_catches(&sp, s);
                let span_text: String = chars(&t.text)[s.start..s.end].iter().collect();
                tally.span(s, caught, || {
                    format!(
                        "MISS {} {:?} in {} | {}",
                        s.kind,
                        span_text,
                        short(&sp.left, 60),
                        short(&sp.right, 60)
                    )
                });
            }
            continue;
        }
        let v = trick.apply(t, serial);
        serial += t.spans.len() as u64;
        let found = check(&v.text);
        for s in &v.spans {
            let caught = overlaps(&found, s.start, s.end);
            tally.span(s, caught, || {
                let span_text: String = chars(&v.text)[s.start..s.end].iter().collect();
                format!(
                    "MISS {} {:?} in {} found: [{}]",
                    s.kind,
                    span_text,
                    short(&v.text, 110),
                    show(&v.text, &found)
                )
            });
        }
    }
    for (k, t) in negatives().iter().enumerate() {
        if trick == Trick::Split {
            let sp = split_clean(&t.text);
            let found = guard()
                .check_fields(&[&sp.left, &sp.right], &Allowlist::empty())
                .expect("guard available");
            let flagged = found.iter().any(|f| !f.is_empty());
            tally.clean(flagged, || {
                format!(
                    "FLAGGED {} | {} found: [{}] | [{}]",
                    short(&sp.left, 60),
                    short(&sp.right, 60),
                    show(&sp.left, &found[0]),
                    show(&sp.right, &found[1])
                )
            });
            continue;
        }
        let v = trick.apply(t, 7919 * k as u64);
        let found = check(&v.text);
        tally.clean(!found.is_empty(), || {
            format!(
                "FLAGGED {} found: [{}]",
                short(&v.text, 110),
                show(&v.text, &found)
            )
        });
    }
    tally
}

/// The deterministic pass over the whole corpus; see the module documentation.
#[test]
fn every_transformation_over_the_whole_corpus() {
    let mut failures = Vec::new();
    let mut table = Vec::new();
    for trick in TRICKS {
        let t = run(trick);
        let all = t.names + t.others;
        let all_caught = t.names_caught + t.others_caught;
        let others = pct(t.others_caught, t.others);
        let names = pct(t.names_caught, t.names);
        let recall = pct(all_caught, all);
        let flagged = pct(t.flagged, t.clean);
        println!("\n== {} ==", trick.name());
        t.misses.print();
        if !t.missed_kinds.is_empty() {
            println!("  misses by kind: {:?}", t.missed_kinds);
        }
        t.false_positives.print();
        table.push(format!(
            "{:<18} {:>7.2} % ({all_caught}/{all})  {:>7.2} % ({}/{})  {:>7.2} % ({}/{})  {:>6.2} % ({}/{})",
            trick.name(),
            recall,
            others,
            t.others_caught,
            t.others,
            names,
            t.names_caught,
            t.names,
            flagged,
            t.flagged,
            t.clean
        ));
        if trick == Trick::SmallLetters {
            if others < 99.5 {
                failures.push(format!(
                    "{}: recall without names {others:.2} % < 99.5 %",
                    trick.name()
                ));
            }
            if names < 95.0 {
                failures.push(format!("{}: names {names:.2} % < 95 %", trick.name()));
            }
        } else if recall < 99.5 {
            failures.push(format!("{}: recall {recall:.2} % < 99.5 %", trick.name()));
        }
        if flagged > 1.0 {
            failures.push(format!(
                "{}: clean texts flagged {flagged:.2} % > 1 %",
                trick.name()
            ));
        }
    }
    println!("\ntransformation      recall (all spans)      without names            person names            clean texts flagged");
    for l in &table {
        println!("{l}");
    }
    assert!(
        failures.is_empty(),
        "the guard falls short:\n{}",
        failures.join("\n")
    );
}

// ------------------------------------------------------------------------ properties

fn proptest_config() -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            base.rng_seed
        } else {
            RngSeed::Fixed(0x5EED_2024_0611)
        },
        ..base
    }
}

/// (text index, span index) of the spans caught as written, and the clean texts left alone.
type Caught = (Vec<(usize, usize)>, Vec<usize>);

/// (text, span) of every span the guard catches in the text as written, and the clean texts
/// it leaves alone as written: the properties hold the guard to its own plain-text result.
fn caught_plain() -> &'static Caught {
    static C: OnceLock<Caught> = OnceLock::new();
    C.get_or_init(|| {
        let mut spans = Vec::new();
        for (i, t) in positives().iter().enumerate() {
            let found = check(&t.text);
            for (j, s) in t.spans.iter().enumerate() {
                if overlaps(&found, s.start, s.end) && s.end - s.start >= 2 {
                    spans.push((i, j));
                }
            }
        }
        let clean = negatives()
            .iter()
            .enumerate()
            .filter(|(_, t)| check(&t.text).is_empty())
            .map(|(i, _)| i)
            .collect();
        (spans, clean)
    })
}

/// Whether voikko reads some word of `span` (in its title-case form, as the guard classifies
/// a word written in one case) as a common word too: such a name needs a cue in one case.
fn also_a_common_word(span: &str) -> bool {
    span.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let mut cs = w.chars();
            let title: String = cs
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(cs.flat_map(char::to_lowercase))
                .collect();
            voikko::analyze(&title).is_some_and(|i| i.common)
        })
}

/// Whether span `j` of `t` is a name with another labelled name right before or after it,
/// only spaces between ("Toivo Kallio", "Onni Laineelle").
fn next_to_a_name(t: &Labelled, j: usize) -> bool {
    let cs = chars(&t.text);
    let apart = |a: &Span, b: &Span| {
        is_name(a) && is_name(b) && a.end < b.start && cs[a.end..b.start].iter().all(|c| *c == ' ')
    };
    let s = &t.spans[j];
    (j > 0 && apart(&t.spans[j - 1], s)) || t.spans.get(j + 1).is_some_and(|n| apart(s, n))
}

/// (text index, span index) of a labelled span.
type SpanAt = (usize, usize);

/// The spans of [`caught_plain`] that must stay caught whatever the letter case: (text, span)
/// of identifiers other than names, and of names that no word of is also a common word or
/// that stand next to another name (see the module documentation).
fn caught_in_any_case() -> &'static (Vec<SpanAt>, Vec<SpanAt>) {
    static C: OnceLock<(Vec<SpanAt>, Vec<SpanAt>)> = OnceLock::new();
    C.get_or_init(|| {
        let (spans, _) = caught_plain();
        let (names, others): (Vec<SpanAt>, Vec<SpanAt>) = spans
            .iter()
            .copied()
            .partition(|&(i, j)| is_name(&positives()[i].spans[j]));
        let names = names
            .into_iter()
            .filter(|&(i, j)| {
                let t = &positives()[i];
                let s = &t.spans[j];
                let cs = chars(&t.text);
                let text: String = cs[s.start..s.end].iter().collect();
                !also_a_common_word(&text) || next_to_a_name(t, j)
            })
            .collect();
        (others, names)
    })
}

/// Whether span `j` of text `i` is still caught with the whole text in capitals (`upper`) or
/// in small letters; the message when it is not.
fn caught_in_case(i: usize, j: usize, upper: bool) -> Result<(), String> {
    let v = letter_case(&positives()[i], upper);
    let s = &v.spans[j];
    let found = check(&v.text);
    if overlaps(&found, s.start, s.end) {
        return Ok(());
    }
    Err(format!(
        "{} {:?} missed in {:?} (found: [{}])",
        s.kind,
        chars(&v.text)[s.start..s.end].iter().collect::<String>(),
        v.text,
        show(&v.text, &found)
    ))
}

/// A character-level trick with its random parameters.
#[derive(Clone, Debug)]
enum CharTrick {
    /// Zero-width character `ZERO_WIDTH[ch]` at offsets (taken modulo the span's inner
    /// positions) inside the chosen span.
    ZeroWidth { ch: usize, at: Vec<usize> },
    /// Digits turned full-width by the bits of the mask.
    FullWidth { mask: u64 },
    /// Look-alike letters chosen by the seed.
    LookAlikes { seed: u64, all_in_spans: bool },
    /// Separators chosen per span and outside.
    Separators { pick: usize, outside: usize },
    /// Each span in a right-to-left override.
    BidiWrap,
}

fn char_trick() -> impl Strategy<Value = CharTrick> {
    prop_oneof![
        (
            0..ZERO_WIDTH.len(),
            prop::collection::vec(any::<usize>(), 1..4)
        )
            .prop_map(|(ch, at)| CharTrick::ZeroWidth { ch, at }),
        any::<u64>().prop_map(|mask| CharTrick::FullWidth { mask }),
        (any::<u64>(), any::<bool>())
            .prop_map(|(seed, all_in_spans)| CharTrick::LookAlikes { seed, all_in_spans }),
        (0..60usize, 0..3usize).prop_map(|(pick, outside)| CharTrick::Separators { pick, outside }),
        Just(CharTrick::BidiWrap),
    ]
}

fn apply_char_trick(t: &Labelled, span: usize, trick: &CharTrick) -> Labelled {
    match trick {
        CharTrick::ZeroWidth { ch, at } => {
            let s = &t.spans[span];
            let inner = s.end - s.start - 1;
            let at: Vec<usize> = at.iter().map(|a| 1 + a % inner).collect();
            let mut plan = Plan::new(t.text.chars().count());
            zero_width_in_span(&mut plan, s, ZERO_WIDTH[*ch], &at);
            apply(t, &plan)
        }
        CharTrick::FullWidth { mask } => full_width(t, *mask),
        CharTrick::LookAlikes { seed, all_in_spans } => homoglyphs(t, *seed, *all_in_spans),
        CharTrick::Separators { pick, outside } => separators(t, |j| pick + 2 * j, *outside),
        CharTrick::BidiWrap => bidi_wrap(t),
    }
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Invisible characters, full-width digits, look-alike letters, other separators and
    /// bidi overrides never hide a span that the guard catches as written.
    #[test]
    fn tricks_keep_every_caught_span(pick in any::<prop::sample::Index>(), trick in char_trick()) {
        let (spans, _) = caught_plain();
        let (i, j) = spans[pick.index(spans.len())];
        let v = apply_char_trick(&positives()[i], j, &trick);
        let s = &v.spans[j];
        let found = check(&v.text);
        prop_assert!(
            overlaps(&found, s.start, s.end),
            "{} {:?} missed in {:?} (found: [{}])",
            s.kind,
            chars(&v.text)[s.start..s.end].iter().collect::<String>(),
            v.text,
            show(&v.text, &found)
        );
    }

    /// A message cut into two fields at a space (inside the span when it has one, anywhere
    /// otherwise) still shows the span: check_fields checks the fields joined too.
    #[test]
    fn split_at_a_space_keeps_every_caught_span(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
    ) {
        let (spans, _) = caught_plain();
        let (i, j) = spans[pick.index(spans.len())];
        let t = &positives()[i];
        let s = &t.spans[j];
        let cs = chars(&t.text);
        let inside: Vec<usize> = (s.start + 1..s.end - 1).filter(|&k| cs[k].is_whitespace()).collect();
        let anywhere: Vec<usize> = (1..cs.len().saturating_sub(1)).filter(|&k| cs[k].is_whitespace()).collect();
        let cuts = if inside.is_empty() { anywhere } else { inside };
        prop_assume!(!cuts.is_empty());
        let sp = split_at(&t.text, cuts[at.index(cuts.len())], true);
        prop_assert!(
            split_catches(&sp, s),
            "{} {:?} missed in {:?} | {:?}",
            s.kind,
            cs[s.start..s.end].iter().collect::<String>(),
            sp.left,
            sp.right
        );
    }

    /// An identifier other than a name that the guard catches as written is still caught
    /// when the whole text is in capitals.
    #[test]
    fn capitals_keep_every_caught_identifier(pick in any::<prop::sample::Index>()) {
        let (others, _) = caught_in_any_case();
        let (i, j) = others[pick.index(others.len())];
        if let Err(e) = caught_in_case(i, j, true) {
            prop_assert!(false, "{}", e);
        }
    }

    /// An identifier other than a name that the guard catches as written is still caught
    /// when the whole text is in small letters.
    #[test]
    fn small_letters_keep_every_caught_identifier(pick in any::<prop::sample::Index>()) {
        let (others, _) = caught_in_any_case();
        let (i, j) = others[pick.index(others.len())];
        if let Err(e) = caught_in_case(i, j, false) {
            prop_assert!(false, "{}", e);
        }
    }

    /// A name caught as written that can be nothing but a name, or that stands next to
    /// another name, is still caught with the whole text in capitals and in small letters
    /// (a name that is also a word needs a cue in one case: see the module documentation).
    #[test]
    fn capitals_and_small_letters_keep_every_caught_unambiguous_name(
        pick in any::<prop::sample::Index>(),
        upper in any::<bool>(),
    ) {
        let (_, names) = caught_in_any_case();
        let (i, j) = names[pick.index(names.len())];
        if let Err(e) = caught_in_case(i, j, upper) {
            prop_assert!(false, "{}", e);
        }
    }

    /// A clean text stays clean when it is written in capitals.
    #[test]
    fn clean_texts_stay_clean_in_capitals(pick in any::<prop::sample::Index>()) {
        let (_, clean) = caught_plain();
        let t = &negatives()[clean[pick.index(clean.len())]];
        let v = letter_case(t, true);
        let found = check(&v.text);
        prop_assert!(found.is_empty(), "{:?} flagged: [{}]", v.text, show(&v.text, &found));
    }
}
