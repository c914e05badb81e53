//! Finnish personal identity code (henkilötunnus, "hetu"): `DDMMYYCZZZQ`.
//!
//! `C` is the century sign (`+` 1800s; `-` `Y` `X` `W` `V` `U` 1900s; `A` `B` `C` `D` `E` `F`
//! 2000s, the extra signs in use since 2023), `ZZZ` the individual number (002–899, and
//! 900–999 for temporary codes common in hospital records) and `Q` the check character,
//! `"0123456789ABCDEFHJKLMNPRSTUVWXY"[DDMMYYZZZ mod 31]`.
//!
//! The guard is deliberately wider than a validator: a code with a wrong check character is a
//! typo of a real code and still identifies the person, and so do masked or cut forms such as
//! "131052-XXXX", "131052-308" or "131052-". What keeps this from flagging other numbers is the
//! shape: six digits that form a date, a century sign, and nothing glued on either side.
//! Without a century sign ("131052308T") or with an odd one ("131052/308T") the check character
//! must be right, because only then is it clearly a code.

use super::text::{is_dash, lower, Text};
use super::{Finding, FindingKind};

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// The check character of the nine digits `DDMMYYZZZ`.
pub fn check_char(nine_digits: u64) -> char {
    CHECK[(nine_digits % 31) as usize] as char
}

/// Whether `c` is an official century sign (either case).
pub fn is_century_sign(c: char) -> bool {
    matches!(
        c,
        '+' | '-' | 'Y' | 'X' | 'W' | 'V' | 'U' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F'
    ) || matches!(
        c,
        'y' | 'x' | 'w' | 'v' | 'u' | 'a' | 'b' | 'c' | 'd' | 'e' | 'f'
    ) || is_dash(c)
}

/// Whether `c` stands for a hidden character in a masked code ("131052-XXXX").
fn is_mask(c: char) -> bool {
    matches!(c, 'X' | 'x' | '*' | '#' | '?' | '_' | '•' | '.')
}

/// Whether DD and MM form a day of a month (29 February always allowed).
fn valid_date(day: u64, month: u64) -> bool {
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=max).contains(&day)
}

/// Whether `s` is a complete identity code whose check character is right (any case, any
/// official century sign). Used by tests and by callers that want strict validation.
pub fn is_valid(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    if c.len() != 11 || !is_century_sign(c[6]) {
        return false;
    }
    let digits: String = c[..6].iter().chain(c[7..10].iter()).collect();
    if !digits.chars().all(|d| d.is_ascii_digit()) {
        return false;
    }
    let n: u64 = digits.parse().unwrap_or(0);
    let day = n / 10_000_000;
    let month = n / 100_000 % 100;
    valid_date(day, month) && c[10].to_ascii_uppercase() == check_char(n)
}

/// Adds a finding for every identity-code-shaped part of `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 6 <= n {
        if !(t.digit(i) && t.left_boundary(i) && t.digits_from(i) >= 6) {
            i += 1;
            continue;
        }
        if let Some(end) = match_at(t, i) {
            out.push(Finding::new(FindingKind::Hetu, i, end));
            i = end;
        } else {
            i += t.digits_from(i).max(1);
        }
    }
}

/// Tries to match a code starting at `i` (six digits known to be there).
fn match_at(t: &Text, i: usize) -> Option<usize> {
    let run = t.digits_from(i);
    let date = t.number(i, i + 6);
    let day = date / 10_000;
    let month = date / 100 % 100;
    let date_ok = valid_date(day, month);
    let loose_date = (1..=39).contains(&day) && (1..=12).contains(&month) || valid_date(day, month);

    // No century sign: DDMMYYZZZQ with a right check character.
    if run == 9 && loose_date {
        let q = t.at(i + 9);
        if q.is_ascii_alphanumeric() && t.right_boundary(i + 10) {
            let nine = t.number(i, i + 9);
            if q.to_ascii_uppercase() == check_char(nine) {
                return Some(i + 10);
            }
        }
    }
    if run != 6 {
        return None;
    }
    let sign = t.at(i + 6);
    let official = is_century_sign(sign);
    let odd = !official && (sign == '/' || sign.is_ascii_alphabetic());
    if !official && !odd {
        return None;
    }
    // The part after the sign: up to four characters of digits, letters or mask characters.
    let s = i + 7;
    let mut j = s;
    while j < s + 4 && (t.at(j).is_ascii_alphanumeric() || is_mask(t.at(j))) {
        j += 1;
    }
    let rest_len = j - s;
    // Something longer glued on (a date range "010124-150124", a longer code) is not a hetu.
    if t.at(j).is_alphanumeric() {
        return None;
    }
    // A trailing '.' is the sentence's full stop, not a mask, unless more masks precede it.
    let mut end = j;
    while end > s
        && t.at(end - 1) == '.'
        && !(end >= s + 2 && is_mask(t.at(end - 2)) && t.at(end - 2) != '.')
    {
        end -= 1;
    }
    let rest: Vec<char> = (s..end).map(|k| t.at(k)).collect();
    let complete = rest.len() == 4
        && rest[..3].iter().all(|c| c.is_ascii_digit())
        && rest[3].is_ascii_alphanumeric();
    if complete {
        let nine = date * 1000 + t.number(s, s + 3);
        let check_ok = lower(rest[3]) == lower(check_char(nine));
        if official && (date_ok || check_ok) || odd && loose_date && check_ok {
            return Some(end);
        }
        return None;
    }
    if !official || !date_ok || rest_len > 4 {
        return None;
    }
    // Masked or cut: every remaining character is a digit or a mask character, at least one
    // of them is a mask, or the code simply stops after the sign ("131052-", "131052-308").
    let all_ok = rest.iter().all(|c| c.is_ascii_digit() || is_mask(*c));
    let masked = rest.iter().any(|c| is_mask(*c));
    let cut_digits =
        rest.iter().all(|c| c.is_ascii_digit()) && (rest.is_empty() || rest.len() == 3);
    if all_ok && (masked || cut_digits) {
        // "131052-" followed by a digit elsewhere ("131052- 5") is still a cut code.
        return Some(if rest.is_empty() { i + 7 } else { end });
    }
    None
}
