//! How a word is written, and the few case endings the rules look at: a capitalised word
//! ("Virtanen") says it is a proper noun, capitals and small letters say nothing; a genitive
//! ("Marian") may name a service, a local case ("Kalliossa") a place.

use shared::guard::text::Text;

/// How a word is written: capitalised ("Virtanen"), in capitals ("VIRTANEN") or in small
/// letters ("virtanen"). Only the first tells a proper noun from a common word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Title,
    Upper,
    Lower,
}

/// The shape of token `k`, or `None` when it is no name candidate at all (digits, one letter).
pub(super) fn token_shape(t: &Text, k: usize) -> Option<Shape> {
    let tok = t.tokens[k];
    if tok.len() < 2 || (tok.start..tok.end).any(|i| t.at(i).is_ascii_digit()) {
        return None;
    }
    let main_end = (tok.start..tok.end)
        .find(|&i| t.at(i) == ':')
        .unwrap_or(tok.end);
    let first = t.at(tok.start);
    let rest_lower = (tok.start + 1..main_end).any(|i| t.at(i).is_lowercase());
    let rest_upper = (tok.start + 1..main_end).any(|i| t.at(i).is_uppercase());
    if first.is_uppercase() && rest_lower {
        Some(Shape::Title)
    } else if first.is_uppercase() && (rest_upper || main_end == tok.start + 1) {
        Some(Shape::Upper)
    } else if first.is_lowercase() && !rest_upper {
        Some(Shape::Lower)
    } else {
        None
    }
}

/// "virtasen" → "Virtasen", "ANNA-LIISA" → "Anna-Liisa", "HUS:N" → "Hus:n".
pub(super) fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-';
    }
    out
}

/// Whether a lower-case word looks like a genitive ("Marian", "Juséliuksen", "Kiven").
pub(super) fn genitive(lw: &str) -> bool {
    let w = main_part(lw);
    w.ends_with('n') && !w.ends_with("nen") || lw.contains(":n")
}

/// Whether a lower-case word is in the inessive ("Kalevassa", "Kaarinassa"): the case of being
/// in a place, hardly ever of a person (the elative is: "puhuttiin Matista").
pub(super) fn inner_locative(lw: &str) -> bool {
    let w = main_part(lw);
    ["ssa", "ssä"].iter().any(|e| w.ends_with(e)) && w.chars().count() > 5
        || [":ssa", ":ssä"].iter().any(|e| lw.ends_with(e))
}

/// Whether a lower-case word ends in a local case ("Kalliossa", "Kalliosta", "Kallioon"…).
pub(super) fn locative(lw: &str) -> bool {
    let w = main_part(lw);
    [
        "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "seen", "aan", "ään", "oon",
        "öön", "uun", "yyn", "iin", "een",
    ]
    .iter()
    .any(|e| w.ends_with(e))
        || lw.contains(":ssa")
        || lw.contains(":sta")
        || lw.contains(":lla")
}

/// Strips a `:`-ending ("Lucy:lle" → "Lucy").
pub(super) fn main_part(w: &str) -> &str {
    let w = w.split(':').next().unwrap_or(w);
    // English possessive: "Aisha's" → "Aisha".
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}
