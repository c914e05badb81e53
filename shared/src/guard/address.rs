//! Street addresses with a house number ("Mannerheimintie 12 B 34", "Aleksis Kiven katu 5",
//! "Storgatan 5", "Kalliolanrinne 4:ssä", "221B Baker Street") and postal code + town
//! ("00530 Helsinki", "FI-02100 Espoo").
//!
//! A street is recognised by its last part: a capitalised word ending in a street word in any
//! case form ("…tie", "…tiellä", "…kadun", "…kujalla"; Swedish "…vägen", "…gatan"), a
//! lower-case street word after capitalised words ("Aleksis Kiven katu"), or one of the
//! Helsinki street names that end in none of them ("Bulevardi", "Erottaja"). It only counts
//! with a house number right after it, since a street alone ("asuu Kalliossa", "Mannerheimintien
//! varrella") is a location rather than an address. Any capitalised word followed by a house
//! number, staircase letter and apartment number ("Xyz 12 B 34") is an address by shape alone.
//! A number followed by a unit ("Itäväylä 10 km") is not a house number.
//!
//! The postal code is five digits followed by a capitalised town, so "10000 euroa" and
//! "2023 Helsinki" stay out.

use super::text::Text;
use super::{Finding, FindingKind};

/// Street words (base forms) that end a street name. 95 % of Helsinki's streets end in the
/// first ten.
pub const SUFFIXES: &[&str] = &[
    "tie",
    "kuja",
    "polku",
    "katu",
    "aukio",
    "rinne",
    "tori",
    "raitti",
    "ranta",
    "kaari",
    "väylä",
    "laituri",
    "portti",
    "piha",
    "silta",
    "puisto",
    "penger",
    "porras",
    "linja",
    "puistikko",
    "tanhua",
    "kulma",
    "kierto",
];

/// Street words in the case forms an address is written in ("asuu Kotikujalla 5").
const SUFFIX_FORMS: &[&str] = &[
    "tie",
    "tien",
    "tiellä",
    "tieltä",
    "tielle",
    "tiehen",
    "tietä",
    "katu",
    "kadun",
    "kadulla",
    "kadulta",
    "kadulle",
    "katua",
    "katuun",
    "kuja",
    "kujan",
    "kujalla",
    "kujalta",
    "kujalle",
    "kujaa",
    "kujaan",
    "polku",
    "polun",
    "polulla",
    "polulta",
    "polulle",
    "polkua",
    "polkuun",
    "aukio",
    "aukion",
    "aukiolla",
    "aukiolta",
    "aukiolle",
    "aukiota",
    "aukioon",
    "rinne",
    "rinteen",
    "rinteellä",
    "rinteeltä",
    "rinteelle",
    "rinnettä",
    "rinteeseen",
    "tori",
    "torin",
    "torilla",
    "torilta",
    "torille",
    "toria",
    "toriin",
    "raitti",
    "raitin",
    "raitilla",
    "raitilta",
    "raitille",
    "raittia",
    "raittiin",
    "ranta",
    "rannan",
    "rannalla",
    "rannalta",
    "rannalle",
    "rantaa",
    "rantaan",
    "rannassa",
    "kaari",
    "kaaren",
    "kaarella",
    "kaarelta",
    "kaarelle",
    "kaarta",
    "kaareen",
    "väylä",
    "väylän",
    "väylällä",
    "väylältä",
    "väylälle",
    "väylää",
    "väylään",
    "laituri",
    "laiturin",
    "laiturilla",
    "portti",
    "portin",
    "portilla",
    "portille",
    "piha",
    "pihan",
    "pihalla",
    "pihalle",
    "pihassa",
    "silta",
    "sillan",
    "sillalla",
    "puisto",
    "puiston",
    "puistossa",
    "penger",
    "penkereen",
    "penkereellä",
    "porras",
    "portaan",
    "portaalla",
    "portaille",
    "linja",
    "linjan",
    "linjalla",
    "linjalle",
    "linjalta",
    "puistikko",
    "puistikon",
    "tanhua",
    "tanhuan",
    "tanhualla",
    "kulma",
    "kulman",
    "kulmassa",
    "kierto",
    "kierron",
    "kierrolla",
    // Swedish
    "vägen",
    "väg",
    "gatan",
    "gata",
    "gränd",
    "gränden",
    "stigen",
    "backen",
    "torget",
    "kajen",
    "allén",
    "planen",
    "gången",
    "stranden",
    "kroken",
    "bågen",
    "parken",
];

include!("unsuffixed_streets.rs");

/// English street words that follow the name ("221B Baker Street").
const EN_STREET: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "drive",
    "way",
    "close",
    "place",
    "square",
    "boulevard",
    "crescent",
    "court",
];

/// Words after a number that make it a quantity, not a house number.
const UNITS: &[&str] = &[
    "km",
    "min",
    "mg",
    "kg",
    "ml",
    "vuotta",
    "vuoden",
    "vuotias",
    "kertaa",
    "krt",
    "kpl",
    "tuntia",
    "tunnin",
    "päivää",
    "pv",
    "vrk",
    "viikkoa",
    "vko",
    "kk",
    "kuukautta",
    "metriä",
    "minuuttia",
    "euroa",
    "eur",
    "prosenttia",
    "asiakasta",
    "henkilöä",
    "hlö",
    "hlöä",
    "pistettä",
    "mmol",
    "years",
    "times",
    "år",
];

/// Whether `w` (lower case) is a street word, alone (`Some(true)`) or as the end of a compound
/// of at least two more letters (`Some(false)`). The server's name detector uses it too: a
/// capitalised word before "katu" is part of a street name, not a person.
pub fn street_word(w: &str) -> Option<bool> {
    for s in SUFFIX_FORMS {
        if w == *s {
            return Some(true); // standalone street word: needs capitalised words before it
        }
        if w.len() >= s.len() + 2 && w.ends_with(s) {
            return Some(false);
        }
    }
    None
}

/// Whether token `k` is capitalised the way a name is ("Kiven", "A", not "HSL:n").
fn name_like(t: &Text, k: usize) -> bool {
    let tok = t.tokens[k];
    if !t.at(tok.start).is_uppercase() {
        return false;
    }
    if tok.len() == 1 {
        return t.at(tok.end) == '.'; // an initial, "A.I. Virtasen aukio"
    }
    // Lower-case letters in the word itself, not only in an ending after ':' ("HSL:n").
    (tok.start + 1..tok.end)
        .take_while(|&i| t.at(i) != ':')
        .any(|i| t.at(i).is_lowercase())
}

/// What follows a street name: the end of the house number part, and whether it had a
/// staircase letter and an apartment number.
struct HouseNumber {
    end: usize,
    staircase: bool,
    apartment: bool,
}

/// Reads "12", "12a", "12-14", "12:ssa", "12 B 34", "12 as. 5", "12B34" from `i` (after the
/// street name's end).
fn house_number(t: &Text, i: usize) -> Option<HouseNumber> {
    let mut k = i;
    let mut spaces = 0;
    while matches!(t.at(k), ' ' | '\u{a0}') && spaces < 2 {
        k += 1;
        spaces += 1;
    }
    if k == i || !t.digit(k) {
        return None;
    }
    let d = t.digits_from(k);
    if d > 3 || t.at(k) == '0' {
        return None;
    }
    k += d;
    // Decimal or time: "Rinne 12.30", "12,5".
    if matches!(t.at(k), '.' | ',') && t.digit(k + 1) {
        return None;
    }
    // Range "12-14".
    if matches!(t.at(k), '-' | '–') && t.digit(k + 1) && t.digits_from(k + 1) <= 3 {
        k += 1 + t.digits_from(k + 1);
    }
    let mut staircase = false;
    let mut apartment = false;
    // Glued letter: "12a", "12B", "12B34".
    if t.at(k).is_alphabetic() && !t.at(k + 1).is_alphabetic() {
        k += 1;
        staircase = true;
        if t.digit(k) && t.digits_from(k) <= 3 {
            k += t.digits_from(k);
            apartment = true;
        }
    }
    // Inflection "12:ssa".
    if t.at(k) == ':' && t.at(k + 1).is_alphabetic() {
        let mut e = k + 1;
        while t.at(e).is_alphabetic() {
            e += 1;
        }
        return Some(HouseNumber {
            end: e,
            staircase,
            apartment,
        });
    }
    if t.at(k).is_alphanumeric() {
        return None;
    }
    // Unit after the number: a quantity.
    let mut u = k;
    while t.at(u) == ' ' {
        u += 1;
    }
    let ti = t.token_at_or_after(u);
    if ti < t.tokens.len() && t.tokens[ti].start == u {
        let w = t.token_lower(ti);
        if UNITS.contains(&w) || w.starts_with("vuo") || w.starts_with('%') {
            return None;
        }
    }
    if matches!(t.at(u), '%' | '€' | '°') {
        return None;
    }
    // Staircase letter and apartment: " B 34", " b", " as. 34", " as 34".
    if !staircase
        && t.at(k) == ' '
        && t.at(k + 1).is_alphabetic()
        && !t.at(k + 2).is_alphanumeric()
        && t.at(k + 2) != '.'
    {
        k += 2;
        staircase = true;
        if t.digit(k) {
            // "B34" cannot happen here (letter then space checked); nothing to do.
        }
    }
    let mut a = k;
    if t.at(a) == ' ' {
        a += 1;
    }
    for marker in [
        "as.", "as", "asunto", "lgh", "bst", "h", "apt", "apt.", "flat",
    ] {
        if t.starts_with_ci(a, marker) && !t.at(a + marker.chars().count()).is_alphabetic() {
            let mut b = a + marker.chars().count();
            while t.at(b) == ' ' {
                b += 1;
            }
            if t.digit(b) {
                a = b;
                break;
            }
        }
    }
    if a > k && t.digit(a) && t.digits_from(a) <= 3 && t.at(a) != '0' {
        let e = a + t.digits_from(a);
        if !t.at(e).is_alphanumeric() || (t.at(e).is_alphabetic() && !t.at(e + 1).is_alphanumeric())
        {
            let e = if t.at(e).is_alphabetic() { e + 1 } else { e };
            // A quantity after the apartment number means it was not one ("Tie 5 B 10 km").
            apartment = true;
            return Some(HouseNumber {
                end: e,
                staircase,
                apartment,
            });
        }
    }
    Some(HouseNumber {
        end: k,
        staircase,
        apartment,
    })
}

/// Adds address and postal-code findings for `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    streets(t, out);
    english_streets(t, out);
    postal_codes(t, out);
}

fn streets(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    let mut k = 0;
    while k < n {
        let tok = t.tokens[k];
        let first = t.at(tok.start);
        if !first.is_alphabetic() {
            k += 1;
            continue;
        }
        // Quick reject: a street name is followed by a digit within two characters.
        let next_digit = t.digit(tok.end + 1) || (t.at(tok.end + 1) == ' ' && t.digit(tok.end + 2));
        let mut matched: Option<(usize, usize)> = None; // (start char, end token)
        if next_digit || street_word_may_follow(t, k) {
            let w = t.token_lower(k);
            match street_word(&w) {
                Some(false) if first.is_uppercase() => matched = Some((tok.start, k)),
                Some(_) => {
                    // "Aleksis Kiven katu", "Hakaniemen torikatu": capitalised words before a
                    // lower-case street word.
                    let mut s = k;
                    while s > 0
                        && k - s < 3
                        && name_like(t, s - 1)
                        && t.only_space_between(t.tokens[s - 1].end, t.tokens[s].start, &['.'])
                    {
                        s -= 1;
                        // A sentence's first word is capitalised anyway ("Osoite Aleksis …").
                        if t.sentence_initial(s) && s < k - 1 {
                            s += 1;
                            break;
                        }
                    }
                    if s < k {
                        matched = Some((t.tokens[s].start, k));
                    }
                }
                _ => {}
            }
            if matched.is_none() && first.is_uppercase() {
                if let Some(last) = unsuffixed_street_at(t, k) {
                    matched = Some((tok.start, last));
                }
            }
        }
        if let Some((start, last)) = matched {
            if let Some(h) = house_number(t, t.tokens[last].end) {
                out.push(Finding::new(FindingKind::Address, start, h.end));
                k = t.token_at_or_after(h.end);
                continue;
            }
        } else if name_like(t, k) && tok.len() >= 3 {
            // Shape alone: "Xyz 12 B 34".
            if let Some(h) = house_number(t, tok.end) {
                if h.staircase && h.apartment {
                    out.push(Finding::new(FindingKind::Address, tok.start, h.end));
                    k = t.token_at_or_after(h.end);
                    continue;
                }
            }
        }
        k += 1;
    }
}

/// Whether a multi-word street name may continue after token `k` (so the digit test is
/// done on a later token).
fn street_word_may_follow(t: &Text, k: usize) -> bool {
    k + 1 < t.tokens.len() && name_like(t, k)
}

/// The street names without a street word, by their first word: looked up once per token
/// instead of scanning the whole list.
fn unsuffixed_streets_by_first_word(
) -> &'static std::collections::HashMap<&'static str, Vec<&'static str>> {
    static BY_FIRST: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Vec<&'static str>>,
    > = std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut map: std::collections::HashMap<&'static str, Vec<&'static str>> =
            std::collections::HashMap::new();
        for name in UNSUFFIXED_STREETS.iter().copied() {
            map.entry(name.split(' ').next().unwrap_or(name))
                .or_default()
                .push(name);
        }
        map
    })
}

/// If a Helsinki street name without a street word starts at token `k`, the index of its
/// last token.
fn unsuffixed_street_at(t: &Text, k: usize) -> Option<usize> {
    let first = t.token_lower(k);
    for name in unsuffixed_streets_by_first_word()
        .get(first)
        .into_iter()
        .flatten()
    {
        let mut words = name.split(' ');
        words.next();
        let mut j = k;
        let mut ok = true;
        for w in words {
            j += 1;
            if j >= t.tokens.len() || t.token_lower(j) != w {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(j);
        }
    }
    None
}

fn english_streets(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    for k in 0..n.saturating_sub(2) {
        let tok = t.tokens[k];
        if !t.digit(tok.start) || tok.len() > 4 || !t.left_boundary(tok.start) {
            continue;
        }
        // "221B Baker Street", "12 High Road"
        let mut j = k + 1;
        while j < n && j - k <= 3 && name_like(t, j) {
            let w = t.token_lower(j);
            if j > k + 1 && EN_STREET.contains(&w) {
                out.push(Finding::new(
                    FindingKind::Address,
                    tok.start,
                    t.tokens[j].end,
                ));
                break;
            }
            j += 1;
        }
    }
}

/// Words that may follow five digits with a capital letter without being a town.
const NOT_TOWNS: &[&str] = &["euroa", "eur", "asukasta", "asiakasta", "kpl", "henkilöä"];

fn postal_codes(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 5 < n {
        if !(t.digit(i) && t.left_boundary(i) && t.digits_from(i) == 5) {
            i += 1;
            continue;
        }
        let b = t.before(i);
        let fi_prefix = b == '-' && i >= 3 && t.starts_with_ci(i - 3, "fi-");
        if (b == '-' && !fi_prefix) || b == '+' || b == '.' || b == ',' || b == '/' {
            i += 5;
            continue;
        }
        let start = if fi_prefix { i - 3 } else { i };
        let mut k = i + 5;
        if matches!(t.at(k), ' ' | '\u{a0}') {
            k += 1;
        }
        if t.at(k) == ' ' {
            k += 1;
        }
        let ti = t.token_at_or_after(k);
        if k > i + 5
            && ti < t.tokens.len()
            && t.tokens[ti].start == k
            && t.at(k).is_uppercase()
            && t.tokens[ti].len() >= 2
        {
            let tok = t.tokens[ti];
            let w = t.token_lower(ti);
            let letters = (tok.start..tok.end).all(|c| t.at(c).is_alphabetic() || t.at(c) == '-');
            if letters && !NOT_TOWNS.contains(&w) {
                out.push(Finding::new(FindingKind::PostalCodeCity, start, tok.end));
                i = tok.end;
                continue;
            }
        }
        // "postinumero 00530", "postnummer 00100": the code alone after a cue.
        let pk = t.token_at_or_after(i);
        if pk > 0 {
            let cue = t.token_lower(pk - 1);
            if cue.starts_with("postinumer")
                || cue.starts_with("postinro")
                || cue.starts_with("postnummer")
                || cue == "zip"
            {
                out.push(Finding::new(FindingKind::PostalCodeCity, i, i + 5));
            }
        }
        i += 5;
    }
}
