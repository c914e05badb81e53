//! What follows a street name: a house number ("12", "12a", "12-14", "12:ssa"), with its
//! staircase letter and apartment number ("12 B 34", "12 as. 5"), and not a quantity ("10 km",
//! "3 vuotta").

use super::lists::UNITS;
use crate::guard::text::Text;

/// What follows a street name: the end of the house number part, and whether it had a
/// staircase letter and an apartment number.
pub(super) struct HouseNumber {
    pub(super) end: usize,
    pub(super) staircase: bool,
    pub(super) apartment: bool,
    /// With a case ending ("12:ssa").
    pub(super) inflected: bool,
    /// Followed by ", " and a postal code.
    pub(super) postal_after: bool,
}

/// Whether a unit follows `k` (after spaces): "10 km", "5 %", "3 vuotta".
pub(super) fn unit_at(t: &Text, k: usize) -> bool {
    let mut u = k;
    while t.at(u) == ' ' {
        u += 1;
    }
    let ti = t.token_at_or_after(u);
    if ti < t.tokens.len() && t.tokens[ti].start == u {
        let w = t.token_lower(ti);
        if UNITS.contains(w) || w.starts_with("vuo") || w.starts_with('%') {
            return true;
        }
    }
    matches!(t.at(u), '%' | '€' | '°')
}

/// Whether `c` may be a staircase letter: not "x" ("2 x viikossa", "3x/vrk") or "v" ("72 v").
pub(super) fn staircase_letter(c: char) -> bool {
    c.is_alphabetic() && !matches!(c, 'x' | 'X' | 'v' | 'V')
}

/// Reads "12", "12a", "12-14", "12:ssa", "12 B 34", "12 as. 5", "12B34" from `i` (after the
/// street name's end).
pub(super) fn house_number(t: &Text, i: usize) -> Option<HouseNumber> {
    let mut k = i;
    let mut spaces = 0;
    while matches!(t.at(k), ' ' | '\u{a0}') && spaces < 2 {
        k += 1;
        spaces += 1;
    }
    if k == i || !t.digit(k) {
        return None;
    }
    let d = t.digits_from(k);
    if d > 3 || t.at(k) == '0' {
        return None;
    }
    k += d;
    let number_end = k;
    // Decimal or time: "Rinne 12.30", "12,5".
    if matches!(t.at(k), '.' | ',') && t.digit(k + 1) {
        return None;
    }
    // Range "12-14".
    if matches!(t.at(k), '-' | '–') && t.digit(k + 1) && t.digits_from(k + 1) <= 3 {
        k += 1 + t.digits_from(k + 1);
    }
    let mut staircase = false;
    let mut apartment = false;
    // Glued letter: "12a", "12B", "12B34".
    if staircase_letter(t.at(k)) && !t.at(k + 1).is_alphabetic() && t.at(k + 1) != '/' {
        k += 1;
        staircase = true;
        if t.digit(k) && t.digits_from(k) <= 3 {
            k += t.digits_from(k);
            apartment = true;
        }
    }
    // Inflection "12:ssa".
    if t.at(k) == ':' && t.at(k + 1).is_alphabetic() {
        let mut e = k + 1;
        while t.at(e).is_alphabetic() {
            e += 1;
        }
        return Some(HouseNumber {
            end: e,
            staircase,
            apartment,
            inflected: true,
            postal_after: false,
        });
    }
    if t.at(k).is_alphanumeric() {
        return None;
    }
    // Unit after the number: a quantity.
    if unit_at(t, k) {
        return None;
    }
    // Staircase letter and apartment: " B 34", " b", " as. 34", " as 34".
    if !staircase
        && t.at(k) == ' '
        && staircase_letter(t.at(k + 1))
        && !t.at(k + 2).is_alphanumeric()
        && !matches!(t.at(k + 2), '.' | '/')
    {
        k += 2;
        staircase = true;
        if t.digit(k) {
            // "B34" cannot happen here (letter then space checked); nothing to do.
        }
    }
    let mut a = k;
    if t.at(a) == ' ' {
        a += 1;
    }
    for marker in [
        "as.", "as", "asunto", "lgh", "bst", "h", "apt", "apt.", "flat",
    ] {
        if t.starts_with_ci(a, marker) && !t.at(a + marker.chars().count()).is_alphabetic() {
            let mut b = a + marker.chars().count();
            while t.at(b) == ' ' {
                b += 1;
            }
            if t.digit(b) {
                a = b;
                break;
            }
        }
    }
    if a > k && t.digit(a) && t.digits_from(a) <= 3 && t.at(a) != '0' {
        let e = a + t.digits_from(a);
        if !t.at(e).is_alphanumeric() || (t.at(e).is_alphabetic() && !t.at(e + 1).is_alphanumeric())
        {
            let e = if t.at(e).is_alphabetic() { e + 1 } else { e };
            // A quantity after the apartment number means it was not one ("1 h 30 min"): the
            // house number stands alone.
            if unit_at(t, e) {
                return Some(HouseNumber {
                    end: number_end,
                    staircase: false,
                    apartment: false,
                    inflected: false,
                    postal_after: false,
                });
            }
            apartment = true;
            return Some(HouseNumber {
                end: e,
                staircase,
                apartment,
                inflected: false,
                postal_after: postal_after(t, e),
            });
        }
    }
    Some(HouseNumber {
        end: k,
        staircase,
        apartment,
        inflected: false,
        postal_after: postal_after(t, k),
    })
}

/// Whether ", 00530" (a postal code) follows `e`.
pub(super) fn postal_after(t: &Text, e: usize) -> bool {
    t.at(e) == ',' && t.at(e + 1) == ' ' && t.digits_from(e + 2) == 5
}
