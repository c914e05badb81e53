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
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// The IBAN length of a country (ISO 13616 registry). Requiring it keeps random hex ids and
/// product codes that happen to pass mod-97 (about 1 in 97 do) from being taken for accounts.
pub fn expected_len(country: &str) -> Option<usize> {
    const LENGTHS: &[(&str, usize)] = &[
        ("AD", 24),
        ("AE", 23),
        ("AL", 28),
        ("AT", 20),
        ("AX", 18),
        ("AZ", 28),
        ("BA", 20),
        ("BE", 16),
        ("BG", 22),
        ("BH", 22),
        ("BR", 29),
        ("BY", 28),
        ("CH", 21),
        ("CR", 22),
        ("CY", 28),
        ("CZ", 24),
        ("DE", 22),
        ("DK", 18),
        ("DO", 28),
        ("EE", 20),
        ("EG", 29),
        ("ES", 24),
        ("FI", 18),
        ("FO", 18),
        ("FR", 27),
        ("GB", 22),
        ("GE", 22),
        ("GI", 23),
        ("GL", 18),
        ("GR", 27),
        ("GT", 28),
        ("HR", 21),
        ("HU", 28),
        ("IE", 22),
        ("IL", 23),
        ("IQ", 23),
        ("IS", 26),
        ("IT", 27),
        ("JO", 30),
        ("KW", 30),
        ("KZ", 20),
        ("LB", 28),
        ("LC", 32),
        ("LI", 21),
        ("LT", 20),
        ("LU", 20),
        ("LV", 21),
        ("MC", 27),
        ("MD", 24),
        ("ME", 22),
        ("MK", 19),
        ("MR", 27),
        ("MT", 31),
        ("MU", 30),
        ("NL", 18),
        ("NO", 15),
        ("PK", 24),
        ("PL", 28),
        ("PS", 29),
        ("PT", 25),
        ("QA", 29),
        ("RO", 24),
        ("RS", 22),
        ("SA", 24),
        ("SC", 31),
        ("SE", 24),
        ("SI", 19),
        ("SK", 24),
        ("SM", 27),
        ("ST", 25),
        ("SV", 28),
        ("TL", 23),
        ("TN", 24),
        ("TR", 26),
        ("UA", 29),
        ("VA", 22),
        ("VG", 24),
        ("XK", 20),
    ];
    LENGTHS.iter().find(|(c, _)| *c == country).map(|(_, n)| *n)
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
            // Between groups: a space (any kind, normalised), a dash, or a dash with spaces.
            let mut k = j;
            while k < j + 3 && matches!(t.at(k), ' ' | '-') {
                k += 1;
            }
            let dashes = (j..k).filter(|&m| t.at(m) == '-').count();
            if compact.len() < 34 && k > j && dashes <= 1 && t.at(k).is_ascii_alphanumeric() {
                j = k;
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
            let fi_shape = cand.len() == 18
                && cand.starts_with("FI")
                && cand[2..].bytes().all(|b| b.is_ascii_digit());
            let known_length = cand.get(..2).and_then(expected_len) == Some(cand.len());
            if (known_length && mod97_ok(cand)) || fi_shape {
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

#[cfg(test)]
mod length_tests {
    use super::*;

    #[test]
    fn hex_ids_that_pass_mod97_are_not_accounts() {
        // Find a 32-hex-digit id that passes mod-97 (about 1 in 97 do) and check it is not taken.
        let mut found = 0;
        for n in 0u64..20_000 {
            let id = format!("de{:030x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if mod97_ok(&id.to_ascii_uppercase()) {
                found += 1;
                let mut out = Vec::new();
                detect(&Text::new(&format!("meeting {id} ended")), &mut out);
                assert!(out.is_empty(), "{id}");
            }
        }
        assert!(found > 0);
        let mut out = Vec::new();
        detect(
            &Text::new("Tili FI21 1234 5600 0007 85 ja DE89 3704 0044 0532 0130 00."),
            &mut out,
        );
        assert_eq!(out.len(), 2);
    }
}
