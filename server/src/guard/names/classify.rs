//! What a capitalised word can be on its own ([`Class`]): a name only, a name that is also a
//! word, a place, a common word, or unknown, from voikko's readings and the name lists.

use super::cues::service_word;
use super::shape::main_part;
use super::vocab::{CUES, HYPHEN_RELATIONS, PLACES, STOPWORDS};
use super::{Class, NameDetector};
use crate::guard::lists::NameCounts;
use crate::guard::voikko::WordInfo;
use shared::guard::address::street_word;

impl NameDetector {
    /// Whether `lw` is a listed place or service, in any case form, or voikko reads it as one.
    pub(super) fn place_or_service(&self, lw: &str, vi: &WordInfo) -> bool {
        self.places.contains(lw)
            || vi
                .name_lemmas
                .iter()
                .chain(vi.proper_lemmas.iter())
                .any(|l| PLACES.contains(l.as_str()))
    }

    /// Classifies one capitalised word (`word` as written, `lw` lower case).
    pub(super) fn classify_word(&self, word: &str, lw: &str) -> Class {
        let main = main_part(lw);
        if STOPWORDS.contains(main) {
            return Class::Common;
        }
        let vi = self.info(main_part(word));
        let mut counts = NameCounts::default();
        for l in vi.name_lemmas.iter().chain(vi.proper_lemmas.iter()) {
            let c = self.lists.base_form(l);
            counts.first = counts.first.max(c.first);
            counts.surname = counts.surname.max(c.surname);
        }
        let voikko_name = vi.is_name();
        if !voikko_name && !vi.common {
            // Voikko does not know it as a common word: the stem lookup decides.
            let c = self.lists.inflected(main);
            counts.first = counts.first.max(c.first);
            counts.surname = counts.surname.max(c.surname);
        } else if !voikko_name && vi.common {
            // A common word; a frequent name with the same base form ("Rinteelle" → rinne,
            // "Tuomen" → tuomi) still reads as one.
            let mut rare = false;
            for l in vi.common_lemmas.iter().map(String::as_str).chain([main]) {
                let c = self.lists.base_form(l);
                if c.max() >= 500 {
                    counts.first = counts.first.max(c.first);
                    counts.surname = counts.surname.max(c.surname);
                } else if c.listed() {
                    rare = true;
                }
            }
            if !counts.listed() && rare {
                // A common word that is also a rarer name ("Mainio", "Ruotsalainen"): a name
                // only next to a name.
                return Class::PlaceName;
            }
        }
        // Street names in any form ("Mannerheimintiellä") are never persons, unless the word
        // is a listed name too ("Kiviranta", "Eloranta").
        if street_word(main) == Some(false) && !voikko_name && !counts.listed() {
            return Class::Place;
        }
        let named = voikko_name || counts.listed();
        if self.place_or_service(lw, &vi) {
            return if named {
                Class::PlaceName
            } else {
                Class::Place
            };
        }
        if !named {
            if vi.place {
                return Class::Place;
            }
            if !vi.known || (!vi.common && !vi.proper_lemmas.is_empty()) {
                return Class::Unknown;
            }
            return Class::Common;
        }
        if vi.place && !voikko_name && counts.max() < 1000 {
            return Class::PlaceName;
        }
        if vi.common {
            return Class::Weak {
                verb_alt: vi.common_only_verbs,
            };
        }
        let sure = voikko_name || counts.max() >= 50;
        Class::Strong { sure }
    }

    /// Classifies token `k` as written in title case (`word`): for a word in capitals or small
    /// letters that is its title-case form, since voikko and the lists know names that way.
    pub(super) fn classify(&self, word: &str, informative: bool) -> Class {
        let lw = word.to_lowercase();
        // Hyphenated: "Anna-Liisa", "Al-Hassan" (all parts capitalised) is a name-like whole;
        // "Maisa-palvelu", "Kela-kortti" is a compound common word.
        if lw.contains('-') {
            let parts: Vec<&str> = word.split('-').collect();
            // "ma-pe", "TI-TO": weekday and other short abbreviations, not a double name.
            if !informative && parts.iter().all(|p| p.chars().count() <= 2) {
                return Class::Common;
            }
            // "Y-Säätiön", "Aurora-talo": a compound naming an institution.
            if parts
                .iter()
                .skip(1)
                .any(|p| service_word(&p.to_lowercase()))
            {
                return Class::Place;
            }
            // "Tyyne-mummo", "Pekka-setä": a name with the relation it is to someone.
            if parts.len() == 2
                && HYPHEN_RELATIONS.contains(parts[1].to_lowercase().as_str())
                && parts[0].chars().count() >= 2
            {
                let head = self.classify_word(parts[0], &parts[0].to_lowercase());
                return if head.namey() {
                    Class::Strong { sure: true }
                } else {
                    Class::Common
                };
            }
            if informative
                && parts
                    .iter()
                    .skip(1)
                    .any(|p| !p.chars().next().is_some_and(|c| c.is_uppercase()))
            {
                if parts.len() == 2 && parts[1].chars().count() <= 2 {
                    // "Al-Hassan" style prefixes aside, a short lower-case tail is an ending.
                } else {
                    return Class::Common;
                }
            }
            let mut best = Class::Unknown;
            for p in parts.iter().filter(|p| p.chars().count() >= 2) {
                let c = self.classify_word(p, &p.to_lowercase());
                if matches!(c, Class::Place | Class::PlaceName) {
                    return Class::Place; // "Itä-Helsingissä", "Kela-kortti"
                }
                if !informative && !c.namey() {
                    // "kela-kortti", "lääke-annos": capitalisation cannot tell, one common
                    // part makes a compound.
                    return Class::Common;
                }
                best = match (best, c) {
                    (Class::Strong { .. }, _) => best,
                    (_, Class::Strong { .. }) => c,
                    (Class::Weak { .. }, _) => best,
                    (_, Class::Weak { .. }) => c,
                    _ => best,
                };
            }
            return best;
        }
        self.classify_word(word, &lw)
    }

    /// Whether a word in small letters or capitals is worth classifying at all: it reads as a
    /// case form of a listed name (a few hash probes) and is not one of the most frequent
    /// Finnish words, or a cue stands before it. Keeps voikko away from the ordinary words of a
    /// text written all in one case.
    pub(super) fn worth_classifying(&self, lw: &str, cued: bool) -> bool {
        cued || lw.split('-').any(|p| {
            if p.chars().count() < 2 {
                return false;
            }
            let counts = self.lists.inflected(p);
            // The most frequent Finnish words ("on", "oli", "mies") are words, unless they are
            // also a popular name ("matti").
            counts.listed() && !(self.fi_frequent.contains(p) && counts.max() < 1000)
        })
    }

    /// Whether a name that is also a word is far more often a name (see the data file).
    pub(super) fn mostly_name(&self, word: &str) -> bool {
        let lw = word.to_lowercase();
        if CUES.contains(lw.as_str()) {
            return false;
        }
        let vi = self.info(main_part(word));
        let mut names: Vec<&str> = vi
            .name_lemmas
            .iter()
            .chain(vi.common_lemmas.iter())
            .map(String::as_str)
            .filter(|l| self.names_over_words.contains(l) && !CUES.contains(l))
            .collect();
        // A popular name whose other readings are rare words of another base form ("Sannan":
        // Sanna, or 'santa') is a name too.
        let popular = vi
            .name_lemmas
            .iter()
            .any(|l| self.lists.base_form(l).max() >= 10_000 && !CUES.contains(l.as_str()));
        if popular
            && vi
                .common_lemmas
                .iter()
                .all(|c| !vi.name_lemmas.contains(c) && !self.fi_frequent.contains(c.as_str()))
        {
            names.extend(vi.name_lemmas.iter().map(String::as_str));
        }
        if names.is_empty() {
            return false;
        }
        // "ainoa" reads as Aino too, but as 'only' it is one of the most frequent Finnish words.
        !(self.fi_frequent.contains(main_part(lw.as_str()))
            && vi
                .common_lemmas
                .iter()
                .any(|c| !names.contains(&c.as_str())))
    }
}
