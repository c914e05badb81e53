//! Phone numbers: Finnish mobile and landline numbers in the usual spacings ("040 123 4567",
//! "040-1234567", "(09) 310 12345", "0800 123456"), +358 and other international forms
//! ("+358 40 123 4567", "+358 (0)9 1234 5678", "00358 40 1234567", "+46 70 123 45 67"), and any
//! number of six or more digits right after a cue such as "puh." or "tel.".
//!
//! The groups may be separated by spaces (any kind: the text is normalised), hyphens or other
//! dashes, slashes and parentheses ("050/123 4567", "040 123 45 67"), or by single dots alone
//! ("050.123.4567", "+358.40.123.4567"), or by dots mixed with the others ("040/765.4321").
//!
//! What keeps dates, times, amounts and lab values out: a domestic number must start with `0`
//! and a Finnish area or operator prefix, its first group must be such a prefix, it needs seven
//! or more digits (eight with dots); a ',' ends a number, so "0,5 mg" never starts one; a run
//! that starts like a date ("09.12.2024", "09/12/2024", "09-12-2024") or a time ("08.00-16.00",
//! "09.30") is not a number, and neither are dotted runs with one-digit groups ("1.2.3") or
//! dots mixed with other separators unless the second group has three digits or more. A business ID ("2077474-0", "0112038-9": seven digits, a hyphen, one
//! digit) is not personal and is skipped.

use super::text::{is_dash, Text};
use super::{Finding, FindingKind};

/// One digit run with single separators: the positions of its digits and its groups.
struct Run {
    end: usize,
    digits: Vec<u8>,
    /// Number of digits in each group, in order.
    groups: Vec<usize>,
    /// The separator before each group after the first: its dash, slash or dot if it has one,
    /// else ' ' (spaces and parentheses).
    seps: Vec<char>,
    /// Where each group ends.
    ends: Vec<usize>,
    /// The separators between groups were all hyphens (for the "0800-1600" check).
    all_hyphens: bool,
}

impl Run {
    /// The run cut after its first `g` groups.
    fn first_groups(&self, g: usize) -> Run {
        let digits = self.groups[..g].iter().sum();
        Run {
            end: self.ends[g - 1],
            digits: self.digits[..digits].to_vec(),
            groups: self.groups[..g].to_vec(),
            seps: self.seps[..g - 1].to_vec(),
            ends: self.ends[..g].to_vec(),
            all_hyphens: self.seps[..g - 1].iter().all(|c| *c == '-'),
        }
    }

    /// Whether some groups are separated by dots ("050.123.4567").
    fn dotted(&self) -> bool {
        self.seps.contains(&'.')
    }
}

fn is_sep(c: char) -> bool {
    c == ' ' || c == '/' || is_dash(c) || c == '(' || c == ')'
}

/// Reads digits from `i` with at most three separator characters between groups (so "(0)",
/// ") " and " - " work), of which at most one a dash or slash, or else a single dot (a run
/// grouped with dots has only dots); stops at 15 digits. " / " with spaces on both sides
/// separates two numbers ("050 123 4567 / 041 555 0101") and ends the run.
fn read_run(t: &Text, mut i: usize) -> Run {
    let mut digits = Vec::new();
    let mut groups = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut ends = Vec::new();
    let mut all_hyphens = true;
    let mut end = i;
    loop {
        let g = t.digits_from(i);
        if g == 0 || digits.len() + g > 15 {
            break;
        }
        for k in i..i + g {
            digits.push(t.at(k) as u8 - b'0');
        }
        groups.push(g);
        i += g;
        end = i;
        ends.push(end);
        let only_dots = seps.iter().all(|c| *c == '.');
        // A dot, or in a run grouped with dots alone a dot and a space ("09.310. 12345": a
        // number cut after a dot, joined); a sentence's full stop after a number spaced
        // otherwise ends it.
        let dot =
            t.at(i) == '.' && (t.digit(i + 1) || only_dots && t.at(i + 1) == ' ' && t.digit(i + 2));
        if dot {
            seps.push('.');
            all_hyphens = false;
            i += if t.digit(i + 1) { 1 } else { 2 };
            continue;
        }
        // Separators: up to 3 characters, at most one of them a dash or slash.
        let mut j = i;
        let mut hard = None;
        let mut hards = 0;
        while j < i + 3 && is_sep(t.at(j)) {
            if is_dash(t.at(j)) || t.at(j) == '/' {
                hards += 1;
                hard = Some(t.at(j));
            }
            j += 1;
        }
        if j == i || hards > 1 || !t.digit(j) {
            break;
        }
        if hard == Some('/') && t.at(i) == ' ' && t.at(j - 1) == ' ' {
            break;
        }
        if !(i..j).all(|k| is_dash(t.at(k))) {
            all_hyphens = false;
        }
        seps.push(hard.unwrap_or(' '));
        i = j;
    }
    Run {
        end,
        digits,
        groups,
        seps,
        ends,
        all_hyphens,
    }
}

/// Whether the run starts like a date or a time rather than a number: "09.12.2024",
/// "01/02/24", "09-12-2024" (day and month of one or two digits, then a year, all with the same
/// dot, slash or dash), or "08.00" followed by more.
fn date_or_time(run: &Run) -> bool {
    let g = &run.groups;
    let d = &run.digits;
    if g.len() < 2 || g[0] > 2 || g[1] > 2 {
        return false;
    }
    let first = d[..g[0]].iter().fold(0u32, |v, x| v * 10 + *x as u32);
    let second = d[g[0]..g[0] + g[1]]
        .iter()
        .fold(0u32, |v, x| v * 10 + *x as u32);
    let sep = run.seps[0];
    if sep == ' ' {
        return false;
    }
    let date = (1..=31).contains(&first)
        && (1..=12).contains(&second)
        && g.len() >= 3
        && (g[2] == 2 || g[2] == 4)
        && run.seps[1] == sep;
    let time = sep == '.' && g[0] == 2 && g[1] == 2 && first < 24 && second < 60;
    date || time
}

/// Whether `d` (a national number with its leading 0) starts with a Finnish prefix.
fn finnish_prefix(d: &[u8]) -> bool {
    if d.len() < 2 || d[0] != 0 {
        return false;
    }
    match d[1] {
        4 => true,
        5 => true,
        2 | 3 | 6 | 8 | 9 => true,
        1 => d.len() > 2 && matches!(d[2], 0 | 3..=9),
        7 => d.len() > 2 && matches!(d[2], 0 | 1 | 3 | 5),
        _ => false,
    }
}

/// Whether `g` digits long first group of `d` is a plausible area/operator code.
fn prefix_group_ok(d: &[u8], g: usize) -> bool {
    match g {
        2 => matches!(d[1], 2 | 3 | 5 | 6 | 8 | 9),
        3..=5 => true,
        _ => false,
    }
}

/// Whether the number ends in a way that a phone number can (not a decimal, not glued to a
/// word, not followed by a unit).
fn clean_end(t: &Text, end: usize) -> bool {
    if t.at(end).is_alphanumeric() {
        return false;
    }
    if matches!(t.at(end), '.' | ',') && t.digit(end + 1) {
        return false;
    }
    let mut k = end;
    while t.at(k) == ' ' {
        k += 1;
    }
    !(matches!(t.at(k), '€' | '%' | '$' | '£')
        || t.starts_with_ci(k, "eur")
        || t.starts_with_ci(k, "mg")
        || t.starts_with_ci(k, "kpl"))
}

/// The cue words after which any longer digit run is a phone number.
const CUES: &[&str] = &[
    "puh",
    "puh.",
    "puhelin",
    "puhelinnumero",
    "puhelinnro",
    "puhnro",
    "gsm",
    "tel",
    "tel.",
    "telefon",
    "telefonnummer",
    "phone",
    "mobile",
    "mob",
    "mob.",
    "matkapuhelin",
    "kännykkä",
    "kännykkänumero",
    "p.",
    "whatsapp",
    "signal",
    "tekstiviesti",
];

/// Whether a phone cue word ends right before `i` (with at most ": " or " " between).
fn cue_before(t: &Text, i: usize) -> bool {
    let k = t.token_at_or_after(i);
    if k == 0 {
        return false;
    }
    let prev = t.tokens[k - 1];
    if prev.end > i || !t.only_space_between(prev.end, i, &['.', ':', '(']) || i - prev.end > 3 {
        return false;
    }
    let w = t.token_lower(k - 1);
    CUES.iter().any(|c| c.trim_end_matches('.') == w)
        || w.starts_with("puhelin")
        || w.starts_with("matkapuhelin")
}

/// Adds a finding for every phone number in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        let c = t.at(i);
        let starts = (c == '+' && t.digit(i + 1) && !t.digit(t.before_index(i)))
            || (c == '(' && (t.at(i + 1) == '0' || t.at(i + 1) == '+'))
            || (c.is_ascii_digit()
                && t.left_boundary(i)
                && !matches!(t.before(i), '.' | ',' | '+' | '/'));
        if !starts {
            i += 1;
            continue;
        }
        match match_at(t, i) {
            Some(end) => {
                out.push(Finding::new(FindingKind::Phone, i, end));
                i = end;
            }
            None => {
                i += 1;
                while i < n && t.digit(i) {
                    i += 1;
                }
            }
        }
    }
}

fn match_at(t: &Text, start: usize) -> Option<usize> {
    let mut i = start;
    let plus = t.at(i) == '+';
    let paren = t.at(i) == '(';
    if plus || paren {
        i += 1;
        if t.at(i) == '+' {
            i += 1;
        }
    }
    let international = plus || (paren && t.at(start + 1) == '+');
    let run = read_run(t, i);
    if run.digits.is_empty() {
        return None;
    }
    // Business ID (Y-tunnus): 7 digits, hyphen, 1 digit.
    if run.groups == [7, 1] && t.at(i + 7) == '-' {
        return None;
    }
    // Starting like a date or a time rules out the whole run.
    if date_or_time(&run) {
        return None;
    }
    let cue = cue_before(t, start);
    if number_ok(t, &run, international, cue) {
        return Some(run.end);
    }
    // Two numbers in a row ("040 123 4567 050 765 4321") or a number and something else: the
    // longest run of whole groups from the start that is a number.
    (1..run.groups.len())
        .rev()
        .map(|g| run.first_groups(g))
        .find(|r| number_ok(t, r, international, cue))
        .map(|r| r.end)
}

/// Whether `run` is a phone number.
fn number_ok(t: &Text, run: &Run, international: bool, cue: bool) -> bool {
    let d = &run.digits;
    if d.is_empty() || !clean_end(t, run.end) {
        return false;
    }
    // With dots: groups of two or more digits (so "1.2.3.4" and "0.5" are not numbers) and a
    // whole number's worth of digits. Dots mixed with other separators ("040/765.4321",
    // "09 310.1234") need a second group of three or more digits, which times and date
    // ranges ("08.00-16.00", "12.04-16.04") never have.
    let dotted = run.dotted();
    if dotted && run.groups.iter().any(|g| *g < 2) {
        return false;
    }
    if dotted && run.seps.iter().any(|c| *c != '.') && run.groups.get(1).is_none_or(|g| *g < 3) {
        return false;
    }
    if international {
        // +358 (0)40 ... or any other country: 8–15 digits in all.
        return d.len() >= 8 && d.len() <= 15;
    }
    if cue && d.len() >= 6 {
        return true;
    }
    if d[0] != 0 {
        return false;
    }
    if d.len() >= 2 && d[1] == 0 {
        // International call prefix 00: 00 + country code + number, 10–15 digits.
        return d.len() >= 10 && d.len() <= 15 && d[2] != 0;
    }
    if d.len() < 7 || d.len() > 12 || !finnish_prefix(d) || dotted && d.len() < 8 {
        return false;
    }
    if run.groups.len() > 1 && !prefix_group_ok(d, run.groups[0]) {
        return false;
    }
    // Opening hours "0800-1600" are two times, not a number.
    if run.groups == [4, 4] && run.all_hyphens {
        let a = d[0] as u32 * 10 + d[1] as u32;
        let b = d[4] as u32 * 10 + d[5] as u32;
        if a < 24 && b < 24 && d[2] < 6 && d[6] < 6 {
            return false;
        }
    }
    true
}

impl Text {
    /// `i - 1`, or a position past the end (whose character is NUL) at the start, so that
    /// `t.digit(t.before_index(i))` asks "is there a digit right before i".
    pub fn before_index(&self, i: usize) -> usize {
        if i == 0 {
            usize::MAX
        } else {
            i - 1
        }
    }
}
