//! Street words and the words around them: whether a word is or ends in a street word, which
//! compounds are common nouns, what capitalisation says, and the cues and genitives that may
//! stand before a street's name.

use super::lists::{
    common_compounds, forms_longest_first, NOT_STREET_NAME_WORDS, STREET_ADJECTIVES, SUFFIX_FORMS,
};
use crate::guard::text::Text;

/// Whether `w` (lower case) is a street word, alone (`Some(true)`) or as the end of a compound
/// of at least two more letters (`Some(false)`). The server's name detector uses it too: a
/// capitalised word before "katu" is part of a street name, not a person.
pub fn street_word(w: &str) -> Option<bool> {
    for s in SUFFIX_FORMS.get() {
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
pub(super) fn name_like(t: &Text, k: usize) -> bool {
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

/// How much a token's capitalisation says about it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// Capitalised in the middle of a sentence ("asuu Kotikujalla"): a proper noun.
    Proper,
    /// Capitalised at the start of a sentence, where every word is. A compound or listed street
    /// standing first ("Jäkäläpolku 63 on …") counts as capitalised; a lone street word with
    /// only the sentence's first word before it ("Bussin linja 55") does not.
    Initial,
    /// All in small letters or all in capitals: the writer's habit, not the word's kind.
    Blind,
}

/// How much token `k`'s capitalisation says about it (see [`Case`]).
pub(super) fn case_of(t: &Text, k: usize) -> Case {
    let tok = t.tokens[k];
    let first_upper = t.at(tok.start).is_uppercase();
    let lower_rest = (tok.start + 1..tok.end).any(|i| t.at(i).is_lowercase());
    match (first_upper && lower_rest, t.sentence_initial(k)) {
        (true, false) => Case::Proper,
        (true, true) => Case::Initial,
        _ => Case::Blind,
    }
}

/// Whether the street-word form `form` is one of the words that common nouns seldom end in
/// (besides those listed in [`COMMON_COMPOUNDS`]): "…tie", "…katu", "…kuja", "…polku",
/// "…aukio", "…ranta", "…väylä", Swedish "…vägen", "…gatan"; unlike "…tori", "…linja",
/// "…kulma", "…kaari", "…rinne", "…silta" or "…piha" ("koordinaattori", "näkökulma",
/// "kansanperinne", "eilisilta").
pub(super) fn strong_form(form: &str) -> bool {
    [
        "tie", "kat", "kad", "kuj", "pol", "auk", "ran", "väyl", "rait", "puistik", "tanhu",
        "vägen", "gatan", "gränd",
    ]
    .iter()
    .any(|p| form.starts_with(p))
}

/// The street-word form that `w` (lower case, a compound) ends in, and the part before it.
pub(super) fn split_compound(w: &str) -> Option<(&str, &'static str)> {
    forms_longest_first()
        .iter()
        .find(|f| w.len() >= f.len() + 2 && w.ends_with(**f))
        .map(|f| (&w[..w.len() - f.len()], *f))
}

/// The street word a case form belongs to, by its first three letters ("kadulla" → "kat").
pub(super) fn street_family(form: &str) -> String {
    let f: String = form.chars().take(3).collect();
    if f == "kad" {
        "kat".into()
    } else {
        f
    }
}

/// Whether the compound `head` + `form` is a common noun (see [`COMMON_COMPOUNDS`]); heads
/// may be longer ("polku|pyörä|tie", "aikuis|kuntoutus|polku").
pub(super) fn common_compound(head: &str, form: &str) -> bool {
    let family = street_family(form);
    common_compounds()
        .iter()
        .any(|(h, f)| *f == family && (head == *h || h.chars().count() >= 5 && head.ends_with(h)))
}

/// Words that say that an address follows ("asuu", "osoitteessa", "kotikäynti", "bor på").
pub(super) fn address_cue(w: &str) -> bool {
    w.contains("osoite")
        || w.contains("osoittee")
        || w.starts_with("asu")
        || w.starts_with("muutt")
        || w.starts_with("käyn")
        || w.starts_with("käv")
        || w.starts_with("kotikäyn")
        || w == "käy"
        || w == "kotona"
        || w == "kotiin"
        || w == "luona"
        || w == "sijaitsee"
        || w.starts_with("majoit")
        || w.starts_with("oleskel")
        || w.starts_with("yöpy")
        || w == "bor"
        || w == "bodde"
        || w.starts_with("adress")
        || w.contains("adress")
        || w.starts_with("flytt")
        || w.starts_with("hembesök")
        || w.starts_with("besök")
        || w.starts_with("address")
        || w.starts_with("live")
        || w == "living"
        || w.starts_with("reside")
        || w == "moved"
        || w.starts_with("visit")
}

/// Whether an address cue stands among the four tokens before token `s`, or the token is
/// preceded by "os." (osoite).
pub(super) fn cue_before(t: &Text, s: usize) -> bool {
    (1..=4).any(|b| {
        s >= b && {
            let w = t.token_lower(s - b);
            address_cue(w) || (w == "os" && t.at(t.tokens[s - b].end) == '.')
        }
    })
}

/// Whether `w` (lower case, a whole word) may stand right before a lone street word in a text
/// whose capitals say nothing: a genitive ("kiven", "rastilan") or a street adjective.
pub(super) fn blind_street_name_word(t: &Text, k: usize, lone: &str) -> bool {
    let w = t.token_lower(k);
    let tok = t.tokens[k];
    if !(tok.start..tok.end).all(|i| t.at(i).is_alphabetic() || t.at(i) == '-') {
        return false;
    }
    if STREET_ADJECTIVES.contains(w) {
        return true;
    }
    // A line ("linja") is a street only after an ordinal: "bussin linja 55" is a bus.
    !lone.starts_with("linj") && genitive_like(w)
}

/// Whether `w` (lower case) may be a genitive in a street's name ("kiven", "rastilan",
/// "hämeen"): four or more letters ending in "n", but not an illative or a passive, which end
/// in a long vowel and "n" ("kotiin", "tavattiin"), nor a function word or a cue.
pub(super) fn genitive_like(w: &str) -> bool {
    let long_vowel_n = ["aan", "ään", "iin", "oon", "uun", "yyn", "öön"]
        .iter()
        .any(|e| w.ends_with(e));
    w.chars().count() >= 4
        && w.ends_with('n')
        && !long_vowel_n
        && !NOT_STREET_NAME_WORDS.contains(w)
        && !address_cue(w)
}
