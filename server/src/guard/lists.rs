//! The Finnish first-name and surname lists (DVV open data, embedded from `server/data/guard`),
//! and a small inflection-aware lookup so that names voikko does not know are still found in
//! any case form: "Mäenpäälle" → Mäenpää, "Kivimäen" → Kivimäki, "Tuomelle" → Tuomi,
//! "Mohamedille" → Mohamed, "Virtasten" → Virtanen.
//!
//! Instead of lemmatising the word, every listed name is expanded once, at start-up, into the
//! stems its case forms are built on (nominative, weak grade, e-stem, -se-/-s- stem of -nen
//! names, i-stem of consonant-final foreign names); looking a word up is then "strip one of
//! the Finnish case endings, look the rest up in a hash map", a few dozen hash probes per
//! capitalised word.

// FxHash: the name lists are asked dozens of times per word; SipHash's protection against
// hash flooding is not needed for keys that are our own list entries.
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use shared::guard::words::{entries, WordList};
use std::sync::OnceLock;

const FIRST_NAMES: &str = include_str!("../../data/guard/fi_first_names.csv");
const SURNAMES: &str = include_str!("../../data/guard/fi_surnames.csv");

/// How many people bear a name, as first name and as surname (0 when not listed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameCounts {
    pub first: u32,
    pub surname: u32,
}

impl NameCounts {
    /// Whether the name is listed at all.
    pub fn listed(&self) -> bool {
        self.first > 0 || self.surname > 0
    }

    /// The larger of the two counts.
    pub fn max(&self) -> u32 {
        self.first.max(self.surname)
    }

    fn merge(&mut self, o: NameCounts) {
        self.first = self.first.max(o.first);
        self.surname = self.surname.max(o.surname);
    }
}

/// Case endings (and possessive suffixes) stripped before looking a stem up
/// (`data/guard/name_rules/fi_case_endings.txt`), then the bare word: every one is tried.
fn endings() -> &'static [&'static str] {
    static ENDINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    ENDINGS.get_or_init(|| {
        entries(include_str!(
            "../../data/guard/name_rules/fi_case_endings.txt"
        ))
        .chain([""])
        .collect()
    })
}

/// Clitics that may follow a case ending ("Matillekin"; `name_rules/fi_clitics.txt`).
static CLITICS: WordList =
    WordList::new(include_str!("../../data/guard/name_rules/fi_clitics.txt"));

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö')
}

/// The weak grade of a stem ending in a vowel: "matti" → "mati", "pekka" → "peka",
/// "aalto" → "aallo", "honka" → "honga", "kivimäke" → "kivimäe", "lahte" → "lahde".
fn weaken(stem: &str) -> Option<String> {
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    if n < 3 || !is_vowel(c[n - 1]) {
        return None;
    }
    let head = |k: usize| c[..k].iter().collect::<String>();
    let v = c[n - 1];
    let (a, b) = (c[n - 3], c[n - 2]);
    let pair = |x: char, y: char| a == x && b == y;
    let out = if pair('k', 'k') || pair('p', 'p') || pair('t', 't') {
        format!("{}{}", head(n - 2), v)
    } else if pair('n', 'k') {
        format!("{}g{}", head(n - 2), v)
    } else if pair('m', 'p') {
        format!("{}m{}", head(n - 2), v)
    } else if pair('l', 't') {
        format!("{}l{}", head(n - 2), v)
    } else if pair('n', 't') {
        format!("{}n{}", head(n - 2), v)
    } else if pair('r', 't') {
        format!("{}r{}", head(n - 2), v)
    } else if pair('h', 't') {
        format!("{}d{}", head(n - 2), v)
    } else if b == 'k' && (is_vowel(a) || a == 'l' || a == 'r' || a == 'h') {
        format!("{}{}", head(n - 2), v)
    } else if b == 't' && is_vowel(a) {
        format!("{}d{}", head(n - 2), v)
    } else if b == 'p' && is_vowel(a) {
        format!("{}v{}", head(n - 2), v)
    } else {
        return None;
    };
    Some(out)
}

/// The strong grade of an e-stem ("rinne" → "rinte", "helle" → "helte").
fn strengthen(stem: &str) -> Option<String> {
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    if n < 4 {
        return None;
    }
    let head: String = c[..n - 2].iter().collect();
    let v = c[n - 1];
    match (c[n - 3], c[n - 2]) {
        ('n', 'n') => Some(format!("{head}t{v}")),
        ('l', 'l') => Some(format!("{head}t{v}")),
        ('r', 'r') => Some(format!("{head}t{v}")),
        ('m', 'm') => Some(format!("{head}p{v}")),
        ('n', 'g') => Some(format!("{}nk{v}", &c[..n - 3].iter().collect::<String>())),
        _ => None,
    }
}

/// The stems the case forms of `name` (lower case) are built on.
fn stems(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let last = name.chars().last().unwrap_or(' ');
    if let Some(base) = name.strip_suffix("nen") {
        out.push(format!("{base}se"));
        out.push(format!("{base}s"));
        out.push(format!("{base}si"));
        return out;
    }
    if !is_vowel(last) {
        out.push(format!("{name}i"));
        return out;
    }
    if let Some(w) = weaken(name) {
        out.push(w);
    }
    if let Some(base) = name.strip_suffix('i') {
        let e = format!("{base}e");
        if let Some(w) = weaken(&e) {
            out.push(w);
        }
        out.push(e);
    }
    if last == 'e' {
        out.push(format!("{name}e"));
        if let Some(s) = strengthen(name) {
            out.push(format!("{s}e"));
        }
    }
    out
}

/// A set of words (lower case) that can be looked up in any case form, like the name lists:
/// used for the districts, towns and services that must not be taken for names.
pub struct StemSet {
    stems: FxHashSet<String>,
}

impl StemSet {
    /// Expands `words` (lower case base forms) into their stems.
    pub fn new(words: &[&str]) -> StemSet {
        StemSet {
            stems: words.iter().flat_map(|w| stems(w)).collect(),
        }
    }

    /// Whether `word` (lower case) is a case form of one of the words.
    pub fn contains(&self, word: &str) -> bool {
        let word = word.split(':').next().unwrap_or(word);
        endings().iter().any(|e| {
            word.strip_suffix(e)
                .is_some_and(|s| s.chars().count() >= 2 && self.stems.contains(s))
        })
    }
}

/// The name lists with their stem index.
pub struct NameLists {
    /// Base form (lower case) → counts.
    base: HashMap<String, NameCounts>,
    /// Stem (lower case) → counts of the names built on it.
    stems: HashMap<String, NameCounts>,
}

fn parse(csv: &str, surname: bool, into: &mut HashMap<String, NameCounts>) {
    for line in csv.trim_start_matches('\u{feff}').lines().skip(1) {
        let mut parts = line.split(';');
        let (Some(name), Some(count)) = (parts.next(), parts.next()) else {
            continue;
        };
        let name = name.trim().to_lowercase();
        if name.chars().count() < 2 {
            continue;
        }
        let count: u32 = count
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        let e = into.entry(name).or_default();
        if surname {
            e.surname = e.surname.max(count);
        } else {
            e.first = e.first.max(count);
        }
    }
}

impl NameLists {
    /// Parses the embedded lists and builds the stem index (about 45 000 names; tens of
    /// milliseconds, once per process).
    pub fn load() -> NameLists {
        let mut base = HashMap::with_capacity_and_hasher(46_000, Default::default());
        parse(FIRST_NAMES, false, &mut base);
        parse(SURNAMES, true, &mut base);
        let mut stems_map: HashMap<String, NameCounts> =
            HashMap::with_capacity_and_hasher(160_000, Default::default());
        for (name, counts) in &base {
            for s in stems(name) {
                stems_map.entry(s).or_default().merge(*counts);
            }
        }
        NameLists {
            base,
            stems: stems_map,
        }
    }

    /// Counts for a base form (lower case), e.g. a lemma voikko gave.
    pub fn base_form(&self, lemma: &str) -> NameCounts {
        self.base.get(lemma).copied().unwrap_or_default()
    }

    /// Counts for a word in any case form (lower case): the best over every way of reading it
    /// as stem + ending (+ clitic). Hyphenated names ("Anna-Liisa", "Virtanen-Mäkelä") are
    /// looked up by their last part.
    pub fn inflected(&self, word: &str) -> NameCounts {
        let word = word.rsplit('-').next().unwrap_or(word);
        let word = word.split(':').next().unwrap_or(word);
        let mut best = NameCounts::default();
        let endings = endings();
        let mut try_word = |w: &str| {
            for e in endings {
                if let Some(stem) = w.strip_suffix(e) {
                    if stem.chars().count() >= 2 {
                        if let Some(c) = self.stems.get(stem) {
                            best.merge(*c);
                        }
                    }
                }
            }
        };
        try_word(word);
        for c in CLITICS.get() {
            if let Some(w) = word.strip_suffix(c) {
                try_word(w);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_of_names_voikko_misses() {
        let l = NameLists::load();
        for w in [
            "mäenpää",
            "mäenpäälle",
            "mäenpään",
            "kivimäen",
            "kivimäelle",
            "tuomelle",
            "tuomen",
            "virtasen",
            "virtasta",
            "virtasille",
            "matille",
            "mohamedille",
            "ahmedin",
            "rinteelle",
            "aallon",
            "annalle",
            "anna-liisan",
        ] {
            assert!(l.inflected(w).listed(), "{w}");
        }
        assert!(!l.inflected("terveysasemalle").listed());
    }
}
