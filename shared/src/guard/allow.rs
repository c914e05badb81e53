//! A centre's allowlist: words and phrases that look like names or addresses but are not
//! client identifiers there (the centre's own street address, a service named after a person,
//! "Auroran sairaala").
//!
//! A finding is allowed when an allowed phrase occurs in the text (ignoring case, starting at a
//! word boundary, possibly continuing as an inflected word: "Aurora" also covers "Auroran") and
//! covers the finding completely. Only [`FindingKind::allowlistable`] kinds can be allowed:
//! no allowlist can let an identity code, phone number, e-mail address, IBAN, birth date or
//! record number through.

use super::text::{lower, Text};
use super::{Finding, FindingKind};
use serde::{Deserialize, Serialize};

/// Words and phrases a centre allows, stored lower-cased.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowlist {
    phrases: Vec<String>,
}

impl Allowlist {
    /// An allowlist that allows nothing.
    pub fn empty() -> Allowlist {
        Allowlist::default()
    }

    /// An allowlist of the given phrases; blank ones are ignored, whitespace is normalised.
    pub fn new<I, S>(phrases: I) -> Allowlist
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut v: Vec<String> = phrases
            .into_iter()
            .map(|p| {
                p.as_ref()
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

    /// The phrases, lower-cased.
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

    /// Where the allowed phrases occur in `t`, each extended to the end of the word it ends in.
    fn occurrences(&self, t: &Text) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let lowered: Vec<char> = t.chars.iter().map(|c| lower(*c)).collect();
        for p in &self.phrases {
            let pc: Vec<char> = p.chars().collect();
            if pc.len() > lowered.len() {
                continue;
            }
            for s in 0..=lowered.len() - pc.len() {
                if !t.left_boundary(s) {
                    continue;
                }
                if !matches_at(&lowered, s, &pc) {
                    continue;
                }
                let mut e = s + pc.len();
                while e < lowered.len() && (lowered[e].is_alphanumeric() || lowered[e] == ':') {
                    e += 1;
                }
                out.push((s, e));
            }
        }
        out
    }

    /// Whether `kind` findings can be affected by this allowlist at all.
    pub fn can_allow(&self, kind: FindingKind) -> bool {
        !self.is_empty() && kind.allowlistable()
    }
}

/// Whether `p` matches `text` at `s`, where any run of whitespace in the text matches the single
/// spaces of `p` only one to one (phrases are normalised, texts rarely double-space names).
fn matches_at(text: &[char], s: usize, p: &[char]) -> bool {
    p.iter().enumerate().all(|(k, c)| {
        let tc = text[s + k];
        tc == *c || (c.is_whitespace() && tc.is_whitespace())
    })
}
