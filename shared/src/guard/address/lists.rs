//! The address detector's vocabulary, kept as data files in `shared/data/guard/` (each file
//! says what its list is for) and embedded into the binary, the browser's guard module
//! included. Each is parsed once, on first use.

use crate::guard::words::{entries, WordList, WordSet};
use std::collections::HashMap;
use std::sync::OnceLock;

macro_rules! data {
    ($file:literal) => {
        include_str!(concat!("../../../data/guard/", $file))
    };
}

/// Street words in the case forms an address is written in, in the order they are matched.
pub(super) static SUFFIX_FORMS: WordList = WordList::new(data!("street_forms.txt"));
/// Helsinki street names that end in no street word ("bulevardi", "arabia huvila").
pub(super) static UNSUFFIXED_STREETS: WordList = WordList::new(data!("unsuffixed_streets.txt"));
/// Those of [`UNSUFFIXED_STREETS`] that are common words too ("kipinä", "harakka").
pub(super) static COMMON_UNSUFFIXED: WordSet = WordSet::new(data!("common_unsuffixed.txt"));
/// First parts of street names that are directions or sizes ("itä", "ylä").
pub(super) static DIRECTION_HEADS: WordSet = WordSet::new(data!("direction_heads.txt"));
/// Words before a lone street word that are not part of the street's name ("bussin").
pub(super) static NOT_STREET_NAME_WORDS: WordSet = WordSet::new(data!("not_street_name_words.txt"));
/// Numbered things that are not streets ("huone", "osasto").
pub(super) static NOT_STREETS: WordSet = WordSet::new(data!("not_streets.txt"));
/// Ordinals and adjectives before a lone street word ("neljäs", "vanha").
pub(super) static STREET_ADJECTIVES: WordSet = WordSet::new(data!("street_adjectives.txt"));
/// English street words after the name ("street", "road").
pub(super) static EN_STREET: WordSet = WordSet::new(data!("en_street_words.txt"));
/// Units that make a number a quantity ("km", "vuotta").
pub(super) static UNITS: WordSet = WordSet::new(data!("units.txt"));
/// Words after five digits that are no town ("euroa").
pub(super) static NOT_TOWNS: WordSet = WordSet::new(data!("not_towns.txt"));
/// Towns a postal code may be followed by in small letters or capitals.
pub(super) static TOWNS: WordSet = WordSet::new(data!("towns.txt"));

/// Compounds that are common nouns, not streets, as (first part, street word's first three
/// letters): "valtatie", "hoitopolku", "elämänkaari" (`common_compounds.txt`).
pub(super) fn common_compounds() -> &'static [(&'static str, &'static str)] {
    static PAIRS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        entries(data!("common_compounds.txt"))
            .filter_map(|l| l.split_once(' '))
            .collect()
    })
}

/// Street-word forms, longest first, so that a word's ending is found whole ("tiellä", not
/// "tie…").
pub(super) fn forms_longest_first() -> &'static [&'static str] {
    static FORMS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut v = SUFFIX_FORMS.get().to_vec();
        v.sort_by_key(|f| std::cmp::Reverse(f.len()));
        v
    })
}

/// The street names without a street word, by their first word: looked up once per token
/// instead of scanning the whole list.
pub(super) fn unsuffixed_streets_by_first_word() -> &'static HashMap<&'static str, Vec<&'static str>>
{
    static BY_FIRST: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for name in UNSUFFIXED_STREETS.get().iter().copied() {
            map.entry(name.split(' ').next().unwrap_or(name))
                .or_default()
                .push(name);
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_read_whole() {
        let forms = SUFFIX_FORMS.get();
        assert_eq!((forms[0], forms[forms.len() - 1]), ("tie", "parken"));
        assert_eq!(common_compounds()[0], ("valta", "tie"));
        assert!(UNSUFFIXED_STREETS.get().contains(&"arabia huvila"));
        assert!(TOWNS.contains("helsinki") && TOWNS.contains("evijärvi"));
        assert!(COMMON_UNSUFFIXED.contains("lintu sininen"));
        assert!(UNITS.contains("vuotta") && NOT_TOWNS.contains("henkilöä"));
    }
}
