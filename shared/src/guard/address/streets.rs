//! Street addresses: a street name (ending in a street word, a lone street word after the
//! name's words, or a listed name without one) with a house number after it, an address by
//! shape alone ("Xyz 12 B 34"), and English addresses ("221B Baker Street").

use super::house_number::house_number;
use super::lists::{
    unsuffixed_streets_by_first_word, COMMON_UNSUFFIXED, DIRECTION_HEADS, EN_STREET, NOT_STREETS,
    NOT_STREET_NAME_WORDS,
};
use super::street_words::{
    address_cue, blind_street_name_word, case_of, common_compound, cue_before, genitive_like,
    name_like, split_compound, street_family, street_word, strong_form, Case,
};
use crate::guard::text::Text;
use crate::guard::{Finding, FindingKind};

/// Adds a finding for every Finnish or Swedish street address: a street name with a house
/// number, or any capitalised word with a house number, staircase and apartment.
pub(super) fn streets(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    // Whether the writer uses capitals at all (some word is capitalised).
    let mixed = (0..n).any(|k| {
        let tok = t.tokens[k];
        t.at(tok.start).is_uppercase() && (tok.start + 1..tok.end).any(|i| t.at(i).is_lowercase())
    });
    let mut k = 0;
    while k < n {
        let tok = t.tokens[k];
        let first = t.at(tok.start);
        if !first.is_alphabetic() {
            k += 1;
            continue;
        }
        // Quick reject: a street name is followed by a digit within two characters, or it is
        // the first word of a longer name without a street word ("Arabia huvila").
        let digit_after = |j: usize| {
            let e = t.tokens[j].end;
            t.digit(e + 1) || (t.at(e + 1) == ' ' && t.digit(e + 2))
        };
        let next_digit = digit_after(k);
        let longer_name = !next_digit
            && (k + 1..n.min(k + 4)).any(digit_after)
            && unsuffixed_streets_by_first_word().contains_key(t.token_lower(k));
        if !(next_digit || longer_name) {
            k += 1;
            continue;
        }
        if let Some((start, last, needs_evidence)) = street_at(t, k, mixed) {
            if let Some(h) = house_number(t, t.tokens[last].end) {
                let s = t.token_at_or_after(start);
                let evidence =
                    h.staircase || h.apartment || h.inflected || h.postal_after || cue_before(t, s);
                if !needs_evidence || evidence {
                    out.push(Finding::new(FindingKind::Address, start, h.end));
                    k = t.token_at_or_after(h.end);
                    continue;
                }
            }
        }
        // Shape alone: "Xyz 12 B 34", also in capitals ("XYZ 12 B 34").
        let caps = tok.len() >= 3 && (tok.start..tok.end).all(|i| t.at(i).is_uppercase());
        if (name_like(t, k) || caps) && tok.len() >= 3 && !NOT_STREETS.contains(t.token_lower(k)) {
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

/// If a street name ends at token `k` (or, for a name without a street word, starts there):
/// where it starts (a character), its last token, and whether it needs more evidence than a
/// house number to be an address (a cue before it, a staircase or apartment, an inflected
/// number, a postal code after).
///
/// - A compound ending in a street word ("Kotikujalla", "Kaarelantie"): when capitalised, as
///   is; in small letters or capitals when its street word is one that common nouns hardly
///   end in ("…tie", "…katu", "…kuja", "…väylä"), or its first part is a genitive or a
///   direction ("Kalliolan|rinne", "Malmin|kaari", "Itä|väylä"), or with evidence. Common
///   nouns such as "valtatie", "hoitopolku" and "elämänkaari" never.
/// - A lone street word after the name's words ("Aleksis Kiven katu", "Neljäs linja"):
///   capitalised words before it, or in a text whose capitals say nothing, a genitive or an
///   ordinal right before it.
/// - A listed name without a street word ("Bulevardi"): capitalised or in small letters or
///   capitals alike, except that those that are common words too ("Kipinä") need evidence
///   when not capitalised.
pub(super) fn street_at(t: &Text, k: usize, mixed: bool) -> Option<(usize, usize, bool)> {
    let w = t.token_lower(k);
    let case = case_of(t, k);
    let (start, last, needs) = street_at_by_case(t, k, w, case)?;
    // A name in small letters in a text that has capitals: its writer left it small.
    let first = t.tokens[t.token_at_or_after(start)];
    let small = mixed && (first.start..first.end).all(|i| !t.at(i).is_uppercase());
    Some((start, last, needs || small))
}

/// [`street_at`] for a token whose capitalisation says `case`, before the check that a name in
/// small letters in a text with capitals needs evidence.
pub(super) fn street_at_by_case(
    t: &Text,
    k: usize,
    w: &str,
    case: Case,
) -> Option<(usize, usize, bool)> {
    let tok = t.tokens[k];
    match street_word(w) {
        Some(false) => {
            let (head, form) = split_compound(w)?;
            let head = head.trim_end_matches('-');
            // Short heads must match whole ("pää|katu"), longer ones may end a longer head
            // ("polku|pyörä|tie").
            if head.chars().count() < 3 || common_compound(head, form) {
                return None;
            }
            // "kadun|kulma", "koulun|piha", "veron|kierto": these street words take genitives
            // as common nouns too.
            let family = street_family(form);
            let genitive_streets = !["kul", "pih", "por", "kie", "pen", "lai", "lin", "sil"]
                .contains(&family.as_str());
            let genitive = genitive_streets && head.chars().count() >= 4 && head.ends_with('n')
                || DIRECTION_HEADS.contains(head);
            let needs = case == Case::Blind && !(strong_form(form) || genitive);
            // "Malmin kauppatie", "Vanha talvitie": a capitalised word before a compound in
            // small letters belongs to the name.
            let start = if k > 0
                && t.only_space_between(t.tokens[k - 1].end, tok.start, &[])
                && name_like(t, k - 1)
                && (case_of(t, k - 1) == Case::Proper || genitive_like(t.token_lower(k - 1)))
                && !address_cue(t.token_lower(k - 1))
                && !(tok.start..tok.end).any(|i| t.at(i).is_uppercase())
            {
                t.tokens[k - 1].start
            } else {
                tok.start
            };
            Some((start, k, needs))
        }
        Some(true) => {
            // "Aleksis Kiven katu", "Hakaniemen torikatu": capitalised words before a lone
            // street word.
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
            // Only a sentence's first word before it ("Bussin linja 55") is no evidence.
            let only_initial = s + 1 == k && t.sentence_initial(s);
            let not_name = s + 1 == k && NOT_STREET_NAME_WORDS.contains(t.token_lower(s));
            let initial_ok = !only_initial || blind_street_name_word(t, s, w);
            if s < k && !not_name && initial_ok {
                return Some((t.tokens[s].start, k, false));
            }
            // Small letters or capitals: "aleksis kiven katu 5", "NELJÄS LINJA 14".
            if k > 0
                && t.only_space_between(t.tokens[k - 1].end, tok.start, &[])
                && case_of(t, k - 1) != Case::Proper
                && blind_street_name_word(t, k - 1, w)
            {
                let mut s = k - 1;
                // One more word of the name ("aleksis"), unless it says what follows.
                if s > 0
                    && t.only_space_between(t.tokens[s - 1].end, t.tokens[s].start, &[])
                    && case_of(t, s - 1) != Case::Proper
                {
                    let p = t.token_lower(s - 1);
                    let tp = t.tokens[s - 1];
                    if (tp.start..tp.end).all(|i| t.at(i).is_alphabetic())
                        && p.chars().count() >= 3
                        && !address_cue(p)
                        && !NOT_STREET_NAME_WORDS.contains(p)
                    {
                        s -= 1;
                    }
                }
                return Some((t.tokens[s].start, k, false));
            }
            None
        }
        None => {
            let last = unsuffixed_street_at(t, k)?;
            let name = t.lower(tok.start, t.tokens[last].end);
            let common = COMMON_UNSUFFIXED.contains(name.as_str());
            Some((tok.start, last, case == Case::Blind && common))
        }
    }
}

/// If a Helsinki street name without a street word starts at token `k`, the index of its
/// last token.
pub(super) fn unsuffixed_street_at(t: &Text, k: usize) -> Option<usize> {
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

/// Adds a finding for every English address: a house number, then capitalised words ending
/// in a street word ("221B Baker Street").
pub(super) fn english_streets(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    for k in 0..n.saturating_sub(2) {
        let tok = t.tokens[k];
        if !t.digit(tok.start) || tok.len() > 4 || !t.left_boundary(tok.start) {
            continue;
        }
        // "221B Baker Street", "12 High Road"; in capitals "221B BAKER STREET"; in small
        // letters only with a word that means nothing else ("12 high road").
        let caps = |j: usize| {
            let tj = t.tokens[j];
            tj.len() >= 2 && (tj.start..tj.end).all(|i| t.at(i).is_uppercase())
        };
        let small = |j: usize| {
            let tj = t.tokens[j];
            (tj.start..tj.end).all(|i| t.at(i).is_lowercase())
        };
        let mut j = k + 1;
        while j < n && j - k <= 3 && (name_like(t, j) || caps(j) || small(j)) {
            let w = t.token_lower(j);
            if j > k + 1 && EN_STREET.contains(w) {
                let words = k + 1..=j;
                let ok = words.clone().all(|m| name_like(t, m))
                    || words.clone().all(caps)
                    || words.clone().all(small)
                        && matches!(w, "street" | "road" | "avenue" | "lane");
                if ok {
                    out.push(Finding::new(
                        FindingKind::Address,
                        tok.start,
                        t.tokens[j].end,
                    ));
                }
                break;
            }
            j += 1;
        }
    }
}
