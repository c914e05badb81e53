//! The name rules' vocabulary: hand-written lists in `server/data/guard/name_rules/` (each
//! file says what its list is for), embedded into the binary and parsed once, on first use.
//! The generated frequency lists (`server/data/guard/*.txt`) are loaded with the detector
//! ([`super::NameDetector::new`]); the README in `server/data/guard/` gives sources and
//! licences.

use rustc_hash::FxBuildHasher;
use shared::guard::words::{entries, WordList, WordSet};
use std::sync::OnceLock;

/// A word set hashed with FxHash: these are asked about every word of every text, and the keys
/// are our own list entries, so SipHash's protection against hash flooding is not needed.
pub(super) type Set = WordSet<FxBuildHasher>;

macro_rules! rules {
    ($file:literal) => {
        include_str!(concat!("../../../data/guard/name_rules/", $file))
    };
}

/// Districts, towns, organisations and services that are names or look like them, as a list
/// (for their stems, [`crate::guard::lists::StemSet`]) and as a set (for voikko's lemmas).
pub(super) static PLACES_LIST: WordList = WordList::new(rules!("places_and_services.txt"));
/// The same, as a set.
pub(super) static PLACES: Set = Set::new(rules!("places_and_services.txt"));
/// Words after which a capitalised word is a person (rule 4).
pub(super) static CUES: Set = Set::new(rules!("cues_before.txt"));
/// Cues followed by a person's name even in small letters or capitals ("äiti nguyen").
pub(super) static PERSON_CUES: Set = Set::new(rules!("person_cues.txt"));
/// Words after a genitive name that make it a person ("Jukan sisko").
pub(super) static AFTER_CUES: Set = Set::new(rules!("cues_after.txt"));
/// Relation words after a name and a hyphen ("Tyyne-mummo").
pub(super) static HYPHEN_RELATIONS: Set = Set::new(rules!("hyphen_relations.txt"));
/// Words after a name that make it an organisation ("Hope ry").
pub(super) static ORG_MARKERS: Set = Set::new(rules!("org_markers.txt"));
/// Service words as whole words ("sairaalassa").
pub(super) static SERVICE_NOUNS: Set = Set::new(rules!("service_nouns.txt"));
/// Service stems that may end a compound ("päihde|palvelu|t").
pub(super) static SERVICE_STEMS: WordList = WordList::new(rules!("service_stems.txt"));
/// Function words that start sentences and are never names.
pub(super) static STOPWORDS: Set = Set::new(rules!("stopwords.txt"));
/// English function words, to tell a text's language.
pub(super) static EN_FUNCTION: Set = Set::new(rules!("function_words_en.txt"));
/// Swedish function words, to tell a text's language.
pub(super) static SV_FUNCTION: Set = Set::new(rules!("function_words_sv.txt"));
/// Finnish function words, to tell a text's language.
pub(super) static FI_FUNCTION: Set = Set::new(rules!("function_words_fi.txt"));
/// English and Swedish month and weekday names.
pub(super) static CALENDAR_WORDS: Set = Set::new(rules!("calendar_words.txt"));
/// Prepositions before a month ("in June").
pub(super) static MONTH_PREPOSITIONS: Set = Set::new(rules!("month_prepositions.txt"));
/// Specimen prefixes of lab test names ("P-Krea").
pub(super) static LAB_PREFIXES: Set = Set::new(rules!("lab_prefixes.txt"));

/// The endings that may follow a service stem, the empty one first (the stem alone).
pub(super) fn service_endings() -> &'static [&'static str] {
    static ENDINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    ENDINGS.get_or_init(|| {
        std::iter::once("")
            .chain(entries(rules!("service_endings.txt")))
            .collect()
    })
}
