//! A centre's allowlist: words and phrases that look like names or addresses but are not
//! client identifiers there (the centre's own street address, a service named after a person,
//! "Auroran sairaala").
//!
//! A finding is allowed when an allowed phrase occurs in the text and covers the finding
//! completely. Phrases and text are compared normalised (as the detectors see them, see
//! [`super::normalize`]) and ignoring case. A phrase occurs only as whole words: it starts at a
//! word boundary, and its last word either ends there too or goes on with a Finnish case ending
//! and clitics only ("Aurora" covers "Auroran", "Auroraan", "Aurorassakin", "HUS" covers
//! "HUS:n"; a phrase ending in a number covers "45:ssä"), never with more of a word
//! ("Auroranpoika"), more digits ("Vuotie 456") or a letter ("Vuotie 45b"). What follows the
//! phrase is not part of it: "Vuotie 45" does not cover the address "Vuotie 45 B 12".
//!
//! Only [`FindingKind::allowlistable`] kinds can be allowed: no allowlist can let an identity
//! code, phone number, e-mail address, IBAN, birth date or record number through.

use super::normalize::normalized_string;
use super::text::{lower, Text};
use super::{Finding, FindingKind};
use serde::{Deserialize, Serialize};

/// Words and phrases a centre allows, stored normalised and lower-cased.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowlist {
    phrases: Vec<String>,
}

impl Allowlist {
    /// An allowlist that allows nothing.
    pub fn empty() -> Allowlist {
        Allowlist::default()
    }

    /// An allowlist of the given phrases; blank ones are ignored, whitespace is normalised, and
    /// each is normalised as texts are (full-width forms, look-alike letters, dashes).
    pub fn new<I, S>(phrases: I) -> Allowlist
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut v: Vec<String> = phrases
            .into_iter()
            .map(|p| {
                normalized_string(p.as_ref())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .map(lower)
                    .collect::<String>()
            })
            .filter(|p| !p.is_empty())
            .collect();
        v.sort();
        v.dedup();
        Allowlist { phrases: v }
    }

    /// The phrases, normalised and lower-cased.
    pub fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// Whether nothing is allowed.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Drops the allowlistable findings that lie inside an allowed phrase's occurrence.
    pub fn filter(&self, t: &Text, findings: Vec<Finding>) -> Vec<Finding> {
        if self.phrases.is_empty() || !findings.iter().any(|f| f.kind.allowlistable()) {
            return findings;
        }
        let occurrences = self.occurrences(t);
        findings
            .into_iter()
            .filter(|f| {
                !(f.kind.allowlistable()
                    && occurrences.iter().any(|&(s, e)| s <= f.start && f.end <= e))
            })
            .collect()
    }

    /// Where the allowed phrases occur in `t` as whole words, each with the inflection of its
    /// last word.
    fn occurrences(&self, t: &Text) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let lowered: Vec<char> = t.chars.iter().map(|c| lower(*c)).collect();
        for p in &self.phrases {
            let pc: Vec<char> = p.chars().collect();
            let Some(&first) = pc.first() else { continue };
            for s in 0..lowered.len() {
                if lowered[s] != first || !t.left_boundary(s) {
                    continue;
                }
                let Some(e) = matches_at(&lowered, s, &pc) else {
                    continue;
                };
                if let Some(end) = inflected_end(&lowered, e, pc[pc.len() - 1]) {
                    out.push((s, end));
                }
            }
        }
        out
    }

    /// Whether `kind` findings can be affected by this allowlist at all.
    pub fn can_allow(&self, kind: FindingKind) -> bool {
        !self.is_empty() && kind.allowlistable()
    }
}

/// Where `p` ends if it matches `text` at `s`: a space in `p` matches one or more whitespace
/// characters of the text, everything else itself.
fn matches_at(text: &[char], s: usize, p: &[char]) -> Option<usize> {
    let mut i = s;
    for c in p {
        if c.is_whitespace() {
            if !text.get(i)?.is_whitespace() {
                return None;
            }
            while text.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
        } else {
            if text.get(i)? != c {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

/// Where a phrase that ends at `e` with the character `last` ends with the inflection of its
/// last word: at `e` when a word does not go on there, after a Finnish case ending with
/// possessive suffix and clitics ("Aurora|ssakin", "HUS|:n", "45|:ssä"), or `None` when the
/// word goes on otherwise ("Aurora|npoika", "45|6", "45|b").
fn inflected_end(text: &[char], e: usize, last: char) -> Option<usize> {
    let at = |i: usize| text.get(i).copied().unwrap_or('\0');
    if !(at(e).is_alphanumeric() || at(e) == ':' && at(e + 1).is_alphabetic()) {
        return Some(e);
    }
    // The rest of the word, which must be an ending.
    let mut k = e;
    let colon = at(k) == ':';
    if colon {
        k += 1;
    }
    let start = k;
    while at(k).is_alphabetic() {
        k += 1;
    }
    if at(k).is_alphanumeric() || k == start {
        return None;
    }
    let rest: String = text[start..k].iter().collect();
    // A number or an abbreviation takes its ending after a colon ("45:ssä", "HUS:n"); a word
    // ending in a consonant may take a linking vowel ("Facebookissa").
    let ok = if last.is_ascii_digit() {
        colon && is_ending(&rest)
    } else if colon || is_vowel(last) {
        is_ending(&rest)
    } else {
        is_ending(&rest)
            || rest
                .strip_prefix(['i', 'e'])
                .is_some_and(|r| r.is_empty() || is_ending(r))
    };
    ok.then_some(k)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö' | 'å')
}

/// Finnish case endings (singular and the common plural ones), each possibly followed by a
/// possessive suffix and clitics. A surname built on a word ("Virta" → "Virtanen") is not an
/// ending.
const CASES: &[&str] = &[
    "", "n", "a", "ä", "ta", "tä", "tta", "ttä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta",
    "ltä", "lle", "na", "nä", "ksi", "tse", "ne", "in", "hin", "seen", "siin", "an", "en", "on",
    "un", "yn", "än", "ön", "han", "hen", "hon", "hun", "hyn", "hän", "hön", "t", "ja", "jä",
    "ita", "itä", "iden", "itten", "ien", "jen", "ihin", "issa", "issä", "ista", "istä", "illa",
    "illä", "ilta", "iltä", "ille", "ina", "inä", "iksi", "ineen", "s", "'s",
];

const POSSESSIVES: &[&str] = &["", "ni", "si", "nsa", "nsä", "mme", "nne"];

const CLITICS: &[&str] = &[
    "kin", "kaan", "kään", "ko", "kö", "han", "hän", "pa", "pä", "s",
];

/// Whether `rest` (lower case, non-empty) is a case ending followed by a possessive suffix and
/// at most two clitics.
fn is_ending(rest: &str) -> bool {
    if rest.is_empty() || rest.chars().count() > 12 {
        return false;
    }
    let clitics = |r: &str| {
        r.is_empty()
            || CLITICS.iter().any(|k| {
                r.strip_prefix(k)
                    .is_some_and(|r| r.is_empty() || CLITICS.contains(&r))
            })
    };
    CASES.iter().any(|c| {
        rest.strip_prefix(c).is_some_and(|r| {
            // The third person's possessive lengthens a case ending's vowel ("talossaan").
            let lengthened = c
                .chars()
                .last()
                .filter(|v| is_vowel(*v))
                .and_then(|v| r.strip_prefix(v))
                .and_then(|r| r.strip_prefix('n'));
            POSSESSIVES
                .iter()
                .any(|p| r.strip_prefix(p).is_some_and(clitics))
                || lengthened.is_some_and(clitics)
        })
    })
}
