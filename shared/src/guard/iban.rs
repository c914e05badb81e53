//! IBANs: a country code, two check digits and the account, usually printed in groups of
//! four ("FI21 1234 5600 0007 85"). An IBAN is taken when its mod-97 check holds; a Finnish one
//! ("FI" and 16 digits) is taken even with a wrong check, since that is a typo of an account.

use super::text::Text;
use super::{Finding, FindingKind};

/// Whether `s` (letters and digits only, any case) passes the ISO 13616 mod-97 check.
pub fn mod97_ok(s: &str) -> bool {
    let b: Vec<char> = s.chars().collect();
    if b.len() < 15 || b.len() > 34 {
        return false;
    }
    let mut rem: u32 = 0;
    for c in b[4..].iter().chain(b[..4].iter()) {
        let v = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    rem == 1
}

/// Adds a finding for every IBAN in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 4 < n {
        let starts = t.at(i).is_ascii_alphabetic()
            && t.at(i + 1).is_ascii_alphabetic()
            && t.digit(i + 2)
            && t.digit(i + 3)
            && t.left_boundary(i);
        if !starts {
            i += 1;
            continue;
        }
        // Collect alphanumerics allowing single spaces; remember where each group ends.
        let mut compact = String::new();
        let mut ends: Vec<(usize, usize)> = Vec::new(); // (char end, compact length)
        let mut j = i;
        loop {
            while j < n && t.at(j).is_ascii_alphanumeric() && compact.len() < 34 {
                compact.push(t.at(j).to_ascii_uppercase());
                j += 1;
            }
            ends.push((j, compact.len()));
            if compact.len() < 34 && matches!(t.at(j), ' ' | '\u{a0}' | '-') && t.at(j + 1).is_ascii_alphanumeric() {
                j += 1;
                continue;
            }
            break;
        }
        // The longest prefix ending at a group boundary that checks out.
        let mut found = None;
        for &(end, len) in ends.iter().rev() {
            if t.at(end).is_alphanumeric() {
                continue;
            }
            let cand = &compact[..len];
            let fi_shape = cand.len() == 18 && cand.starts_with("FI") && cand[2..].bytes().all(|b| b.is_ascii_digit());
            if mod97_ok(cand) || fi_shape {
                found = Some(end);
                break;
            }
        }
        match found {
            Some(end) => {
                out.push(Finding::new(FindingKind::Iban, i, end));
                i = end;
            }
            None => i += 1,
        }
    }
}
