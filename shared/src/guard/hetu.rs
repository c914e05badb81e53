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
//!
//! People also type the century sign as any dash (the text is normalised, so every dash arrives
//! as `-`), with spaces around it ("120464 - 121C", "120464- 121C", also what two fields
//! joined with a space look like), or as a plain space ("120464 121C"). A spaced dash counts
//! as the sign; a plain space only when the date is valid (so "123456 7890"-like numbers stay
//! out) and the check character is right or the individual number is one in use (002–999: a
//! mistyped check character is still the person's code).

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
        if !(t.digit(i) && t.left_boundary(i)) {
            i += 1;
            continue;
        }
        if t.digits_from(i) < 6 {
            if let Some(end) = split_date_at(t, i) {
                out.push(Finding::new(FindingKind::Hetu, i, end));
                i = end;
            } else {
                i += t.digits_from(i);
            }
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

    // No century sign: DDMMYYZZZQ with a right check character, also with the check character
    // after a space ("131052308 T", as a message cut before its last character reads).
    if run == 9 && loose_date {
        let q_at = if t.at(i + 9) == ' ' { i + 10 } else { i + 9 };
        let q = t.at(q_at);
        if q.is_ascii_alphanumeric()
            && t.right_boundary(q_at + 1)
            && (q_at == i + 9 || q.is_ascii_alphabetic())
        {
            let nine = t.number(i, i + 9);
            if q.to_ascii_uppercase() == check_char(nine) {
                return Some(q_at + 1);
            }
        }
    }
    if run != 6 {
        return None;
    }
    let (sep, s) = century_sign(t, i + 6)?;
    let found = after_sign(t, i, s, sep);
    if found.is_some() || sep != Sign::SpacedDash || !date_ok {
        return found;
    }
    // "131052- 5": a code cut after its dash, followed by something else; "131052 -," a code
    // cut after a spaced dash, followed by nothing.
    if is_dash(t.at(i + 6)) {
        return Some(i + 7);
    }
    let dash = (i + 6..s).find(|&k| is_dash(t.at(k)))?;
    let mut k = dash + 1;
    while t.at(k) == ' ' {
        k += 1;
    }
    (!t.at(k).is_alphanumeric()).then_some(dash + 1)
}

/// A complete code whose date is cut by one space ("1412 05A338W", a message cut in the middle
/// of a code): only with an official century sign and a right check character. `i` starts a
/// run of fewer than six digits.
fn split_date_at(t: &Text, i: usize) -> Option<usize> {
    let a = t.digits_from(i);
    if !(2..=4).contains(&a) || t.at(i + a) != ' ' || t.digits_from(i + a + 1) != 6 - a {
        return None;
    }
    let digit = |k: usize| if k < a { i + k } else { i + k + 1 };
    let num = |from: usize, to: usize| {
        (from..to).fold(0u64, |v, k| v * 10 + t.number(digit(k), digit(k) + 1))
    };
    let date = num(0, 6);
    let p = i + 7;
    let sign = t.at(p);
    if !is_century_sign(sign) || sign == ' ' || t.digits_from(p + 1) != 3 {
        return None;
    }
    let q = t.at(p + 4);
    if !q.is_ascii_alphanumeric() || !t.right_boundary(p + 5) {
        return None;
    }
    let nine = date * 1000 + t.number(p + 1, p + 4);
    (valid_date(date / 10_000, date / 100 % 100) && lower(q) == lower(check_char(nine)))
        .then_some(p + 5)
}

/// Matches the part after the century sign (which starts at `s`) of a code whose date starts
/// at `i`; returns the code's end.
fn after_sign(t: &Text, i: usize, s: usize, sep: Sign) -> Option<usize> {
    let date = t.number(i, i + 6);
    let day = date / 10_000;
    let month = date / 100 % 100;
    let date_ok = valid_date(day, month);
    let loose_date = (1..=39).contains(&day) && (1..=12).contains(&month) || valid_date(day, month);
    let official = sep == Sign::Official || sep == Sign::SpacedDash;
    let odd = sep == Sign::Odd;
    // The part after the sign: up to four characters of digits, letters or mask characters.
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
        // With a plain space, a typo in the check character is still the person's code when
        // the individual number is one in use (002–999: 000 and 001 never are) or after a cue
        // ("hetu", "henkilötunnus", "sotu"). The date must be a real one and the groups must
        // not run on ("12 123456 7890" is some other number).
        let individual = t.number(s, s + 3);
        let space_ok = sep == Sign::Space
            && date_ok
            && (check_ok || individual >= 2 || cue_before(t, i))
            && !more_groups(t, i, end);
        if official && (date_ok || check_ok) || odd && loose_date && check_ok || space_ok {
            return Some(end);
        }
        return None;
    }
    if !official || !date_ok || rest_len > 4 {
        return None;
    }
    // Masked or cut: every remaining character is a digit or a mask character, at least one
    // of them is a mask, or the code simply stops after the sign ("131052-", "131052-308"). A
    // spaced dash followed by three digits is how a range or a list is written, so a cut code
    // needs its sign right after the date.
    let all_ok = rest.iter().all(|c| c.is_ascii_digit() || is_mask(*c));
    let masked = rest.iter().any(|c| is_mask(*c));
    let cut_digits = sep == Sign::Official
        && rest.iter().all(|c| c.is_ascii_digit())
        && (rest.is_empty() || rest.len() == 3);
    if all_ok && (masked || cut_digits) {
        // "131052-" followed by a digit elsewhere ("131052- 5") is still a cut code.
        return Some(if rest.is_empty() { i + 7 } else { end });
    }
    None
}

/// How the century sign of a code is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// An official sign right after the date ("-", "A", "+"…).
    Official,
    /// A dash with a space before or after it or both ("120464 - 121C", "120464- 121C").
    SpacedDash,
    /// A plain space ("120464 121C").
    Space,
    /// A slash or another letter ("131052/308T").
    Odd,
}

/// Reads the century sign at `p` (right after the six date digits): its kind and where the
/// part after it starts.
fn century_sign(t: &Text, p: usize) -> Option<(Sign, usize)> {
    let c = t.at(p);
    if c == ' ' {
        let mut k = p;
        while t.at(k) == ' ' && k < p + 2 {
            k += 1;
        }
        if is_dash(t.at(k)) {
            let mut s = k + 1;
            while t.at(s) == ' ' && s < k + 3 {
                s += 1;
            }
            return Some((Sign::SpacedDash, s));
        }
        if t.digit(k) {
            return Some((Sign::Space, k));
        }
        // "311299 A9988": an official letter after a space, as a cut message reads.
        let letter = t.at(k).is_ascii_alphabetic() && is_century_sign(t.at(k));
        return (letter && t.digits_from(k + 1) == 3).then_some((Sign::Space, k + 1));
    }
    if is_dash(c) && t.at(p + 1) == ' ' {
        let mut s = p + 1;
        while t.at(s) == ' ' && s < p + 3 {
            s += 1;
        }
        return Some((Sign::SpacedDash, s));
    }
    if is_century_sign(c) {
        return Some((Sign::Official, p + 1));
    }
    (c == '/' || c.is_ascii_alphabetic()).then_some((Sign::Odd, p + 1))
}

/// Whether the digit groups `i..end` are part of a longer run of space-separated groups
/// ("FI21 1234 560000 0785 …", "12 123456 7890"), which is some other number.
fn more_groups(t: &Text, i: usize, end: usize) -> bool {
    (i >= 2 && t.before(i) == ' ' && t.digit(i - 2)) || (t.at(end) == ' ' && t.digit(end + 1))
}

/// Whether a word naming an identity code stands within the three words before `i` ("Hetu:
/// 010190 123A", "henkilötunnus on 120464 121D").
fn cue_before(t: &Text, i: usize) -> bool {
    let k = t.token_at_or_after(i);
    (1..=3).any(|b| {
        k >= b && {
            let w = t.token_lower(k - b);
            w.starts_with("hetu")
                || w.starts_with("henkilötunnu")
                || w.starts_with("sotu")
                || w.starts_with("personnummer")
                || w == "hetu:"
                || w == "pin"
                || w == "ssn"
        }
    })
}
