//! Full dates presented as dates of birth: "s. 3.4.1958", "syntynyt 3.4.1958",
//! "syntymäaika: 03.04.58", "född 3 april 1958", "born April 3, 1958", "DOB 1958-04-03", and the
//! ways people space and separate them: "s. 12.4. 1964", "s. 12. 4. 1964", "syntynyt
//! 12/04/1964", "12-04-1964", "12 04 1964" (also what a title "s. 12.04." and a question
//! "1964 …" look like joined with a space). Cues are matched in any case ("S. 3.4.1958",
//! "SYNTYNYT").
//!
//! Meeting dates, deadlines and dates of events are fine, so a date is only taken after a
//! birth cue, and only a full one (day, month and year): "s. 1958" (a year of birth) and
//! "s. 12" (page 12) pass. The finding spans the cue and the date.

use super::text::Text;
use super::{Finding, FindingKind};

/// Whether the lower-cased token `w` (with what follows it) is a birth cue.
fn is_cue(w: &str, dot_after: bool) -> bool {
    if (w == "s" || w == "f" || w == "b" || w == "synt" || w == "syntym" || w == "föd") && dot_after
    {
        return true;
    }
    w.starts_with("syntyn")
        || w == "syntyi"
        || w.starts_with("syntymäai")
        || w.starts_with("syntymäpäiv")
        || w.starts_with("syntymäpvm")
        || w == "född"
        || w == "födelsedatum"
        || w == "födelsedag"
        || w == "född:"
        || w == "born"
        || w == "birth"
        || w == "dob"
        || w == "birthdate"
        || w == "birthday"
}

/// Finnish (genitive-partitive), Swedish and English month names, with their numbers.
const MONTHS: &[(&str, u8)] = &[
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    ("januari", 1),
    ("februari", 2),
    ("mars", 3),
    ("april", 4),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("october", 10),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
];

fn month_word(w: &str) -> bool {
    MONTHS.iter().any(|(m, _)| *m == w)
}

/// Reads a full date starting at char `i`; returns its end.
fn date_at(t: &Text, i: usize) -> Option<usize> {
    // Numeric: D.M.YYYY, D.M.YY, D/M/YYYY, D-M-YYYY, YYYY-MM-DD.
    if t.digit(i) {
        let a = t.digits_from(i);
        let s1 = i + a;
        let sep = t.at(s1);
        // Year first: "1958-04-03", "1958.04.03", "1958/4/3", "1962- 08-15".
        if a == 4 && matches!(sep, '-' | '.' | '/') {
            let ms = s1 + 1 + (t.at(s1 + 1) == ' ') as usize;
            let m = t.digits_from(ms);
            let s2 = ms + m;
            let ds = s2 + 1 + (t.at(s2 + 1) == ' ') as usize;
            let d = t.digits_from(ds);
            let end = ds + d;
            if (1..=2).contains(&m)
                && t.at(s2) == sep
                && (1..=2).contains(&d)
                && (1..=12).contains(&t.number(ms, s2))
                && (1..=31).contains(&t.number(ds, end))
                && !t.at(end).is_alphanumeric()
            {
                return Some(end);
            }
        }
        if (1..=2).contains(&a) {
            if let Some(end) = numeric_date(t, i, s1) {
                return Some(end);
            }
            // "3. huhtikuuta 1958", "3 april 1958"
        }
        if a <= 2 {
            let mut k = s1;
            if t.at(k) == '.' {
                k += 1;
            }
            while t.at(k) == ' ' {
                k += 1;
            }
            let mk = t.token_at_or_after(k);
            if mk < t.tokens.len() && t.tokens[mk].start == k && month_word(t.token_lower(mk)) {
                let mut y = t.tokens[mk].end;
                if t.at(y) == '.' {
                    y += 1;
                }
                while t.at(y) == ' ' {
                    y += 1;
                }
                if t.digits_from(y) == 4 {
                    return Some(y + 4);
                }
            }
        }
        return None;
    }
    // "April 3, 1958"
    let mk = t.token_at_or_after(i);
    if mk < t.tokens.len() && t.tokens[mk].start == i && month_word(t.token_lower(mk)) {
        let mut k = t.tokens[mk].end;
        while t.at(k) == ' ' {
            k += 1;
        }
        let d = t.digits_from(k);
        if (1..=2).contains(&d) {
            let mut y = k + d;
            if t.at(y) == ',' {
                y += 1;
            }
            while t.at(y) == ' ' {
                y += 1;
            }
            if t.digits_from(y) == 4 {
                return Some(y + 4);
            }
        }
    }
    None
}

/// Reads the separator of a numeric date at `k`: a dot, slash or dash with up to two spaces
/// around it, or one or two spaces alone. Returns the separator's kind ('.', '/', '-' or ' '),
/// where the next number starts, and whether spaces were part of it.
fn date_sep(t: &Text, k: usize) -> Option<(char, usize, bool)> {
    let mut j = k;
    while t.at(j) == ' ' && j < k + 2 {
        j += 1;
    }
    let c = t.at(j);
    if matches!(c, '.' | '/' | '-') {
        // "12 .4" is not how anyone writes a date; "12 / 4" and "12 - 4" are.
        if c == '.' && j > k {
            return None;
        }
        let mut e = j + 1;
        while t.at(e) == ' ' && e < j + 3 {
            e += 1;
        }
        return t.digit(e).then_some((c, e, e > j + 1 || j > k));
    }
    (j > k && t.digit(j)).then_some((' ', j, true))
}

/// A numeric day, month and year from `i`, the day's digits ending at `s1`: "3.4.1958",
/// "03.04.58", "12.4. 1964", "12. 4. 1964", "12/04/1964", "12-04-1964", "12 04 1964". Both
/// separators are of one kind; with spaces in them the year must have four digits.
fn numeric_date(t: &Text, i: usize, s1: usize) -> Option<usize> {
    let (sep, m, spaced1) = date_sep(t, s1)?;
    let b = t.digits_from(m);
    if !(1..=2).contains(&b) {
        return None;
    }
    let (sep2, y, spaced2) = date_sep(t, m + b)?;
    if sep2 != sep {
        return None;
    }
    let c = t.digits_from(y);
    // Two-digit years only with dots ("12. 4. 64") or written tight ("12/4/64"): "s. 12 4 10"
    // is no date.
    let spaced = spaced1 || spaced2;
    let year_ok = c == 4 || c == 2 && (!spaced || sep == '.');
    let d = t.number(i, s1);
    let mo = t.number(m, m + b);
    let end = y + c;
    if year_ok
        && (1..=31).contains(&d)
        && (1..=12).contains(&mo)
        && !t.at(end).is_alphanumeric()
        && !(matches!(t.at(end), '.' | ',' | ':' | '/') && t.digit(end + 1))
    {
        return Some(end);
    }
    None
}

/// Adds a finding for every cued full date in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    let mut k = 0;
    while k < n {
        let tok = t.tokens[k];
        let w = t.token_lower(k);
        let dot_after = t.at(tok.end) == '.';
        if !is_cue(w, dot_after) {
            k += 1;
            continue;
        }
        // Skip up to three filler tokens or punctuation ("syntymäaika on", "date of birth:").
        let mut found = None;
        let mut j = k + 1;
        while j < n && j <= k + 4 {
            let start = t.tokens[j].start;
            if let Some(end) = date_at(t, start) {
                found = Some(end);
                break;
            }
            let f = t.token_lower(j);
            if !matches!(
                f,
                "on" | "oli"
                    | "is"
                    | "was"
                    | "är"
                    | "var"
                    | "den"
                    | "the"
                    | "vuonna"
                    | "of"
                    | "date"
                    | "pvm"
                    | "päivämäärä"
            ) {
                break;
            }
            j += 1;
        }
        if let Some(end) = found {
            out.push(Finding::new(FindingKind::BirthDate, tok.start, end));
            k = t.token_at_or_after(end);
        } else {
            k += 1;
        }
    }
}
