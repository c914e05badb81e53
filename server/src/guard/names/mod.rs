//! Personal names in Finnish (and some Swedish and English) text, in any inflected form.
//!
//! Each capitalised word is classified with voikko and the DVV name lists (see [`Class`]), and
//! then flagged by these rules, in this order of strength:
//!
//! 1. **Only a name.** A word whose readings are all first names or surnames ("Matille",
//!    "Virtasen", "Mäenpäälle") is flagged wherever it stands.
//! 2. **A name that is also a common word** ("Toivo", "Onni", "Tuomi", "Laine") is flagged when
//!    it is capitalised in the middle of a sentence (only proper nouns are), but not at the
//!    start of one, where "Toivo on tärkeää" is ordinary Finnish. At a sentence start it still
//!    counts next to another name, after a cue word, or — when its other reading is a verb, as
//!    for "Anna" (antaa) — when a third-person verb follows ("Anna kertoi …").
//! 3. **Next to a name.** A capitalised word directly next to a flagged name is part of the
//!    name, whatever it is: this is how foreign names voikko does not know are caught
//!    ("Fatima Al-Hassan", "John Smith", "Ahmed Mohamedin").
//! 4. **After a cue word** such as "asiakas", "äiti", "poika", "nimeltä", "klienten", "mother",
//!    "Mr", any capitalised word that is not a known common word is a name ("äiti Fatima",
//!    "asiakas Nguyen").
//!
//! **Capitals and small letters.** "ÄITI SARI LAITINEN", "asiakas pekka korhonen": case says
//! nothing about proper nouns there, so such a word is classified in its title-case form and
//! flagged on its own only when it can be nothing but a well-known name (rule 1), or a name
//! that is also a word but far more often a name ("MATILLE", "kivimäen": the generated list
//! `data/guard/fi_names_over_words.txt`). Everything else needs a cue word that names a person
//! ("äiti onni", "asiakas nguyen") or a first name and a surname side by side ("TOIVO
//! KALLIO"): "tuuli oli kova ja onni suosi", "TOIVO ON, ETTÄ…" stay words. Capitals of three
//! letters or fewer are abbreviations ("TIA", "ALS"). Only listed names reach voikko from such
//! words, so a text in one case costs little more than a normal one.
//!
//! **Places and services never hide a person.** A name in the genitive before a service or
//! street word names the service ("Marian sairaala", "Sigrid Juséliuksen säätiö", "Aleksis
//! Kiven katu"); in another case it is a person somewhere ("Asiakas Lahtinen sairaalassa").
//! Service words match whole words with case endings ("sairaalassa", "päihdepalvelut"), never
//! a substring ("keskusteli"). A district that is also a surname is a person after a cue when
//! it is in the nominative ("asiakas Kallio"), a place otherwise ("asiakas Kallion alueelta").
//!
//! **Not flagged:** districts and towns ("Kallion alueella", "Vuosaaressa"), organisations and
//! services ("Kela", "HUS", "Apotti", "Ilmarinen", "Varma", "Hope ry"), lab tests and scales
//! ("Na 131", "Hb 98", "P-Krea"), in an English or Swedish text that language's frequent words
//! ("Will", "May", "Grace", "Röda Korset"; `data/guard/en_words.txt`, `sv_words.txt`) unless
//! they are common names here, and a capitalised unknown word standing alone (a foreign word, a
//! product or a typo is more likely than a name; see rules 3 and 4 for when it is one).
//!
//! Without voikko (library or dictionary missing) the name lists alone decide, with their
//! stem lookup for inflected forms; that mode is weaker on names that are also common words.
//! The server never runs that way: [`super::IdentifierGuard::new`] refuses to start and a check
//! on a thread whose voikko handle fails returns [`GuardUnavailable`].
//!
//! ## Modules
//! A word goes through these in order ([`NameDetector::detect`]):
//! - [`shape`]: how it is written (capitalised, capitals, small letters) and its case ending;
//! - [`classify`]: what it can be on its own ([`Class`]), from voikko and the name lists;
//! - [`context`]: what its neighbours and the text's language make of that, and which names
//!   name a place or a service;
//! - [`flag`]: rules 1–4, names side by side and names coordinated with names;
//! - [`cues`] and [`language`]: the cue words, ages, lab values and the text's language those
//!   rules consult; [`vocab`]: the word lists, data files in `server/data/guard/`.

mod classify;
mod context;
mod cues;
mod flag;
mod language;
mod shape;
mod vocab;

use super::lists::{NameLists, StemSet};
use super::voikko::{self, WordInfo};
use super::GuardUnavailable;
use rustc_hash::FxHashSet as HashSet;
use shape::{token_shape, Shape};
use shared::guard::text::Text;
use shared::guard::words::entries;
use shared::guard::{Finding, FindingKind};

/// What a capitalised word can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// Only a name (rule 1). `sure` is false for list-only names of few bearers, which need
    /// a mid-sentence position.
    Strong { sure: bool },
    /// A name that is also a common word (rule 2); `verb_alt` when the other readings are verbs.
    Weak { verb_alt: bool },
    /// A district or town that is also a surname ("Kallio", "Salo"), or a common word that is
    /// also a rarer name ("Mainio"): a name only next to a name.
    PlaceName,
    /// A place, organisation or service: never a name on its own, not a partner either.
    Place,
    /// Unknown to voikko and the lists: a name only next to a name or after a cue.
    Unknown,
    /// A common word, abbreviation or function word.
    Common,
}

impl Class {
    /// Whether the word reads as a name by itself (rules 1 and 2).
    pub(super) fn namey(self) -> bool {
        matches!(self, Class::Strong { .. } | Class::Weak { .. })
    }
    /// Whether the word may be part of a name next to a name (rule 3).
    pub(super) fn can_join(self) -> bool {
        matches!(
            self,
            Class::Strong { .. } | Class::Weak { .. } | Class::Unknown | Class::PlaceName
        )
    }
}

/// The name detector: the lists, and whether voikko is used.
pub struct NameDetector {
    lists: NameLists,
    places: StemSet,
    english_words: HashSet<&'static str>,
    swedish_words: HashSet<&'static str>,
    names_over_words: HashSet<&'static str>,
    fi_frequent: HashSet<&'static str>,
    use_voikko: bool,
}

/// The most frequent English and Swedish words (`data/guard/en_words.txt`, `sv_words.txt`).
const EN_WORDS: &str = include_str!("../../../data/guard/en_words.txt");
const SV_WORDS: &str = include_str!("../../../data/guard/sv_words.txt");
/// Names that are also words but far more often names (`data/guard/fi_names_over_words.txt`).
const NAMES_OVER_WORDS: &str = include_str!("../../../data/guard/fi_names_over_words.txt");
/// The most frequent Finnish word forms (`data/guard/fi_frequent_words.txt`).
const FI_FREQUENT: &str = include_str!("../../../data/guard/fi_frequent_words.txt");

impl NameDetector {
    /// A detector over the embedded lists; `use_voikko` false runs on the lists alone.
    pub fn new(use_voikko: bool) -> NameDetector {
        NameDetector {
            lists: NameLists::load(),
            places: StemSet::new(vocab::PLACES_LIST.get()),
            english_words: entries(EN_WORDS).collect(),
            swedish_words: entries(SV_WORDS).collect(),
            names_over_words: entries(NAMES_OVER_WORDS).collect(),
            fi_frequent: entries(FI_FREQUENT).collect(),
            use_voikko,
        }
    }

    /// What voikko says about `word` (nothing when it is not used).
    pub(super) fn info(&self, word: &str) -> WordInfo {
        if self.use_voikko {
            if let Some(i) = voikko::analyze(word) {
                return i;
            }
        }
        WordInfo::default()
    }

    /// Adds a `person_name` finding for every name in `t` (findings of adjacent name words are
    /// merged later by `merge_findings` only if they overlap, so each word is one finding).
    pub fn detect(&self, t: &Text, out: &mut Vec<Finding>) -> Result<(), GuardUnavailable> {
        // Fail closed: a thread whose voikko handle cannot open checks nothing.
        if self.use_voikko && !voikko::available() {
            return Err(GuardUnavailable);
        }
        let n = t.tokens.len();
        if n == 0 {
            return Ok(());
        }
        let shape: Vec<Option<Shape>> = (0..n).map(|k| token_shape(t, k)).collect();
        let mut class = self.classify_tokens(t, &shape);
        context::mark_places(t, &shape, &mut class);
        let mut flag = self.flag_alone(t, &shape, &class);
        self.flag_pairs(t, &shape, &class, &mut flag);
        flag::flag_coordinated(t, &shape, &class, &mut flag);
        flag::spread(t, &shape, &class, &mut flag);
        for (tok, _) in t.tokens.iter().zip(&flag).filter(|(_, f)| **f) {
            out.push(Finding::new(FindingKind::PersonName, tok.start, tok.end));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
