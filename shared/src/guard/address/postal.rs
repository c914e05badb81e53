//! Postal code + town ("00530 Helsinki", "FI-02100 Espoo", "00530 helsinki" after an address
//! or a cue), and a postal code alone after "postinumero".

use super::lists::{NOT_TOWNS, TOWNS, UNITS};
use crate::guard::text::Text;
use crate::guard::{Finding, FindingKind};

/// Words before a postal code that say that a postal address is being given.
pub(super) fn postal_cue(w: &str) -> bool {
    w.contains("osoite")
        || w.contains("osoittee")
        || w.starts_with("post")
        || w.starts_with("paikkakun")
        || w.contains("adress")
        || w.starts_with("address")
        || w == "zip"
}

/// Adds a finding for every postal code with its town, or alone after a postal cue.
pub(super) fn postal_codes(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 5 < n {
        if !(t.digit(i) && t.left_boundary(i) && t.digits_from(i) == 5) {
            i += 1;
            continue;
        }
        let b = t.before(i);
        let fi_prefix = b == '-' && i >= 3 && t.starts_with_ci(i - 3, "fi-");
        if (b == '-' && !fi_prefix) || b == '+' || b == '.' || b == ',' || b == '/' {
            i += 5;
            continue;
        }
        let start = if fi_prefix { i - 3 } else { i };
        let mut k = i + 5;
        if t.at(k) == ' ' {
            k += 1;
        }
        if t.at(k) == ' ' {
            k += 1;
        }
        let ti = t.token_at_or_after(k);
        let pk = t.token_at_or_after(start);
        let cued = (1..=3).any(|b| pk >= b && postal_cue(t.token_lower(pk - b)));
        if k > i + 5 && ti < t.tokens.len() && t.tokens[ti].start == k && t.tokens[ti].len() >= 2 {
            let tok = t.tokens[ti];
            let w = t.token_lower(ti);
            let letters = (tok.start..tok.end).all(|c| t.at(c).is_alphabetic() || t.at(c) == '-');
            let capitalised =
                t.at(k).is_uppercase() && (k + 1..tok.end).any(|c| t.at(c).is_lowercase());
            // A town in small letters or capitals ("00530 helsinki", "50000 IHMISTÄ"): known by
            // name, or after a code of the Helsinki region (amounts never start with 0), a cue
            // or a street address.
            let after_address = out.iter().any(|f| {
                f.kind == FindingKind::Address
                    && (f.end + 2 == start && t.at(f.end) == ',' || f.end + 1 == start)
            });
            // A partitive ("50000 ihmistä", "10000 askelta") counts something.
            let partitive = w.ends_with("ta") || w.ends_with("tä");
            let blind_ok =
                TOWNS.contains(w) || !partitive && (t.at(i) == '0' || cued || after_address);
            if letters && !NOT_TOWNS.contains(w) && !UNITS.contains(w) && (capitalised || blind_ok)
            {
                out.push(Finding::new(FindingKind::PostalCodeCity, start, tok.end));
                i = tok.end;
                continue;
            }
        }
        // "postinumero 00530", "postnummer 00100": the code alone after a cue.
        if pk > 0 {
            let cue = t.token_lower(pk - 1);
            if cue.starts_with("postinumer")
                || cue.starts_with("postinro")
                || cue.starts_with("postnummer")
                || cue == "zip"
            {
                out.push(Finding::new(FindingKind::PostalCodeCity, i, i + 5));
            }
        }
        i += 5;
    }
}
