//! Kela, patient and customer record numbers: a number of four or more digits after a cue
//! ("asiakasnumero 1234567", "potilasnro: A123456", "Kela-numero 12345678", "MRN 8765432",
//! "kundnummer 445566"), and any bare run of eight or more digits that is nothing else (an
//! unexplained long number in a case text is a record number far more often than not). Cues
//! are matched in any case ("ASIAKASNUMERO 1234567"), and the number may be in groups or cut
//! by a space ("1234 5678", "A 123456", "K- 554433", as a number split between two fields and
//! joined reads).
//!
//! Eight-digit runs that form a date (20240315) pass; shorter numbers without a cue pass, since
//! amounts, counts and lab values are everywhere in case texts.

use super::text::Text;
use super::{Finding, FindingKind};

/// Whether the lower-cased token `w` names a record number.
fn is_cue(w: &str) -> bool {
    const STEMS: &[&str] = &[
        "asiakasnumer",
        "asiakasnro",
        "asiakastunnu",
        "asiakkuusnumer",
        "potilasnumer",
        "potilasnro",
        "potilastunnu",
        "potilastunniste",
        "henkilönumer",
        "henkilötunniste",
        "kela-numer",
        "kelanumer",
        "kela-asiakasnumer",
        "vakuutusnumer",
        "viitenumer",
        "sairauskertomusnumer",
        "potilaskertomusnumer",
        "kortinnumer",
        "kortin-numer",
        "asiakasnumerolla",
        "laskunnumer",
        "kundnummer",
        "patientnummer",
        "klientnummer",
        "journalnummer",
        "personnummer",
        "mrn",
        "hetu-",
        "tunnistenumer",
        "sopimusnumer",
        "asiakas-id",
        "potilas-id",
        "patient-id",
        "client-id",
        "customer-id",
        "kortinumer",
    ];
    STEMS.iter().any(|s| w.starts_with(s))
        || w == "as.nro"
        || w == "tunnus"
        // A system's id of a person: "Effica-tunnus", "Pegasos-numero", "Apotti-id". A business
        // id ("Y-tunnus", "ALV-numero") is not personal.
        || (w.contains("-tunnu") || w.contains("-numer") || w.ends_with("-nro") || w.ends_with("-id"))
            && !w.starts_with("y-")
            && !w.starts_with("alv-")
            && !w.starts_with("ly-")
}

/// Abbreviations written before ".nro" ("as.nro", "pot.nro", "asiak. nro").
fn abbreviated_cue(w: &str) -> bool {
    matches!(
        w,
        "as" | "pot" | "asiak" | "asiakas" | "potilas" | "pat" | "kund" | "pt"
    )
}

/// English and spaced two-word cues: "patient number", "customer number", "client number",
/// "record number", "patient id", "kortin numero".
fn is_two_word_cue(a: &str, b: &str) -> bool {
    matches!(
        a,
        "patient"
            | "customer"
            | "client"
            | "record"
            | "case"
            | "kortin"
            | "kela-kortin"
            | "asiakkaan"
            | "potilaan"
            | "kelan"
    ) && (b.starts_with("numer")
        || b == "number"
        || b == "no"
        || b == "nro"
        || b == "id"
        || b.starts_with("asiakasnumer")
        || b.starts_with("tunnu"))
}

/// Whether the token at `k` looks like a record number: alphanumeric (with '-' or '/'),
/// at least four digits.
fn number_like(t: &Text, k: usize) -> bool {
    let tok = t.tokens[k];
    let digits = (tok.start..tok.end).filter(|&i| t.digit(i)).count();
    digits >= 4
}

/// The end of a record number that starts at token `j`: a token with four or more digits, or
/// a short letter prefix or digit group followed by more digit groups ("A 123456", "K- 554433",
/// "123 4567", as a number cut between two fields reads), with its spaced groups ("1234 5678").
fn number_at(t: &Text, j: usize) -> Option<usize> {
    let n = t.tokens.len();
    let tok = t.tokens[j];
    let digits_in = |k: usize| {
        let tk = t.tokens[k];
        (tk.start..tk.end).filter(|&i| t.digit(i)).count()
    };
    let long = number_like(t, j);
    // A letter prefix: one letter ("A 123456"), or two before a dash ("KL-554433"); never a
    // word such as "on" or "no".
    let letters = (tok.start..tok.end).all(|i| t.at(i).is_alphabetic());
    let prefix = letters && (tok.len() == 1 || tok.len() == 2 && t.at(tok.end) == '-');
    let group = t.digit(tok.start) && digits_in(j) == tok.len();
    if !(long || prefix || group) {
        return None;
    }
    let mut end = tok.end;
    let mut digits = digits_in(j);
    let mut m = j + 1;
    while m < n && t.digit(t.tokens[m].start) {
        let gap = t.slice(end, t.tokens[m].start);
        if !matches!(gap.as_str(), " " | "- " | "-") || (long || group) && gap != " " {
            break;
        }
        end = t.tokens[m].end;
        digits += digits_in(m);
        m += 1;
    }
    (digits >= 4).then_some(end)
}

/// Adds a finding for every record number in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    let mut k = 0;
    while k < n {
        let w = t.token_lower(k);
        let mut cue_end = None;
        let abbreviated = abbreviated_cue(w)
            && t.at(t.tokens[k].end) == '.'
            && k + 1 < n
            && matches!(t.token_lower(k + 1), "nro" | "numero" | "no");
        if is_cue(w) || abbreviated {
            cue_end = Some(if abbreviated { k + 1 } else { k });
        } else if k + 1 < n && is_two_word_cue(w, t.token_lower(k + 1)) {
            cue_end = Some(k + 1);
        }
        if let Some(c) = cue_end {
            let mut j = c + 1;
            while j < n && j <= c + 3 {
                if let Some(end) = number_at(t, j) {
                    out.push(Finding::new(
                        FindingKind::CustomerNumber,
                        t.tokens[j].start,
                        end,
                    ));
                    break;
                }
                let f = t.token_lower(j);
                if !matches!(
                    f,
                    "on" | "oli"
                        | "is"
                        | "är"
                        | "nro"
                        | "no"
                        | "numero"
                        | "number"
                        | "id"
                        | "tunnus"
                ) {
                    break;
                }
                j += 1;
            }
            k = j.max(k + 1);
            continue;
        }
        k += 1;
    }
    bare_long_numbers(t, out);
}

fn bare_long_numbers(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !t.digit(i) {
            i += 1;
            continue;
        }
        let d = t.digits_from(i);
        let glued = t.before(i).is_alphanumeric() || t.at(i + d).is_alphanumeric();
        // '#123456' is a record number even when short.
        let hash = t.before(i) == '#' && d >= 5;
        if !glued && (d >= 8 || hash) && !(d == 8 && is_yyyymmdd(t.number(i, i + 8))) {
            let s = if hash { i - 1 } else { i };
            out.push(Finding::new(FindingKind::CustomerNumber, s, i + d));
        }
        i += d;
    }
}

fn is_yyyymmdd(v: u64) -> bool {
    let y = v / 10_000;
    let m = v / 100 % 100;
    let d = v % 100;
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}
