//! What around a word says it is a person or not: cue words before it ("äiti Fatima"), a
//! relation word, company or an age after it ("Jukan sisko", "Usko 84 v"), a value after it
//! that makes it a lab test ("Na 131"), and service words that make it a service's name.

use super::shape::{genitive, main_part, Shape};
use super::vocab::{
    service_endings, AFTER_CUES, CUES, LAB_PREFIXES, PERSON_CUES, SERVICE_NOUNS, SERVICE_STEMS,
};
use super::NameDetector;
use shared::guard::text::Text;

/// Whether tokens `a` and `b` stand side by side: one or two spaces between them and nothing
/// else (a comma or a full stop ends a name).
pub(super) fn adjacent(t: &Text, a: usize, b: usize) -> bool {
    let (x, y) = (t.tokens[a], t.tokens[b]);
    y.start > x.end && y.start - x.end <= 2 && t.only_space_between(x.end, y.start, &[])
}

/// Whether a cue word (see `cues_before.txt`) stands right before token `k`.
pub(super) fn cued_at(t: &Text, k: usize) -> bool {
    k > 0 && adjacent(t, k - 1, k) && CUES.contains(t.token_lower(k - 1))
}

/// Whether `w` (lower case) is a service word, alone or ending a compound, in any case form:
/// "sairaalassa", "päihdepalvelut", "poliklinikalla" are; "keskusteli" is not.
pub(super) fn service_word(w: &str) -> bool {
    let w = main_part(w);
    if SERVICE_NOUNS.contains(w) {
        return true;
    }
    // Ending first (a few dozen suffix tests), then the stem before it.
    service_endings().iter().any(|e| {
        w.strip_suffix(e)
            .is_some_and(|rest| SERVICE_STEMS.get().iter().any(|s| rest.ends_with(s)))
    })
}

/// Whether a cue that is followed by a person's name stands right before token `k` (see
/// [`PERSON_CUES`]); a title abbreviation ("MS", "mr") only with its full stop or written as a
/// title ("Mr", "Ms."), since in capitals "MS" is a diagnosis or milliseconds.
pub(super) fn person_cued(t: &Text, k: usize) -> bool {
    if k == 0 {
        return false;
    }
    let (p, x) = (t.tokens[k - 1], t.tokens[k]);
    if !(x.start > p.end && x.start - p.end <= 2 && t.only_space_between(p.end, x.start, &['.'])) {
        return false;
    }
    let w = t.token_lower(k - 1);
    if !PERSON_CUES.contains(w) {
        return false;
    }
    !matches!(w, "mr" | "ms" | "mrs" | "hra" | "rva" | "miss" | "dr")
        || t.at(p.end) == '.'
        || (t.at(p.start).is_uppercase() && t.at(p.start + 1).is_lowercase())
}

/// Whether token `k` is a short word (five letters or fewer) followed by a number, as lab
/// tests and scales are written ("Na 131", "Hb 98", "K 3,2", "Krea 85"), or a lab test name
/// with its specimen prefix ("P-Krea", "U-Kann").
pub(super) fn lab_value(t: &Text, k: usize) -> bool {
    // "Usko 84 v": a number with an age unit after it is an age, not a value.
    if k + 2 < t.tokens.len()
        && matches!(
            t.token_lower(k + 2),
            "v" | "vuotias" | "år" | "years" | "y" | "yrs"
        )
    {
        return false;
    }
    let w = t.token_lower(k);
    if let Some((prefix, _)) = w.split_once('-') {
        if LAB_PREFIXES.contains(prefix) {
            return true;
        }
    }
    let tok = t.tokens[k];
    let mut i = tok.end;
    while t.at(i) == ' ' {
        i += 1;
    }
    tok.len() <= 5 && i > tok.end && i - tok.end <= 2 && t.at(i).is_ascii_digit()
}

impl NameDetector {
    /// Whether what follows token `k` says it is a person: in the genitive before a relation
    /// word or a postposition of company ("Jukan sisko", "Onnin äiti", "Tuulin kanssa"), or
    /// before an age ("Usko 84 v", "Rauha, 91-vuotias", "TYYNE (89 V)").
    pub(super) fn cued_after(&self, t: &Text, k: usize, shape: &[Option<Shape>]) -> bool {
        let n = t.tokens.len();
        if k + 1 >= n {
            return false;
        }
        let (x, y) = (t.tokens[k], t.tokens[k + 1]);
        let gap_ok = |allowed: &[char]| {
            y.start - x.end <= 3 && t.only_space_between(x.end, y.start, allowed)
        };
        let next = t.token_lower(k + 1);
        let cue = if gap_ok(&[]) && genitive(t.token_lower(k)) && AFTER_CUES.contains(next) {
            shape[k + 1] != Some(Shape::Title) || shape[k] != Some(Shape::Title)
        } else if gap_ok(&[',', '(']) && next.chars().all(|c| c.is_ascii_digit()) && next.len() <= 3
        {
            // An age: a number of one to three digits, then "v", "vuotias", "år", "years".
            let after = if k + 2 < n { t.token_lower(k + 2) } else { "" };
            matches!(
                after,
                "v" | "vuotias" | "vuotiaana" | "vuotta" | "år" | "years" | "y" | "yrs" | "vee"
            )
        } else {
            next.split_once('-').is_some_and(|(num, tail)| {
                num.chars().all(|c| c.is_ascii_digit()) && tail.starts_with("vuotia")
            }) && gap_ok(&[',', '('])
        };
        if !cue {
            return false;
        }
        // A relation word is no name, in any case form ("Sisko 50 v", "exän kanssa"), nor is a
        // frequent word that is hardly a name ("Mies 59 v").
        let lw = main_part(t.token_lower(k));
        let relation =
            CUES.contains(lw) || lw.strip_suffix('n').is_some_and(|stem| CUES.contains(stem));
        !(relation || self.fi_frequent.contains(lw) && self.lists.inflected(lw).max() < 500)
    }
}
