//! Vehicle registration plates: Finnish "ABC-123" (three letters, a hyphen, one to three
//! digits), and older or foreign shorter forms ("AB-12", "ABC 123") after a cue word such as
//! "rekisterinumero", "auto" or "bil".
//!
//! Three capital letters and a number is also how scales, classifications and lab tests are
//! written ("PHQ-9", "GAD-7", "DSM-5", "ICD-10", "GHQ-12"), so those are listed and never taken,
//! and a code followed by a score ("PCL-5 43", "GDS-15: 9") or after a word such as "pisteet" is
//! a scale whether listed or not.

use super::text::Text;
use super::{Finding, FindingKind};

/// Three-letter abbreviations that are written like plates but are scales, codes or tests.
const NOT_PLATES: &[&str] = &[
    "PHQ", "GAD", "DSM", "ICD", "SCL", "GHQ", "CDI", "BDI", "BAI", "OCI", "MDQ", "HAD", "HDS",
    "CRP", "EKG", "EEG", "MRI", "TSH", "ALT", "AST", "GGT", "LDL", "HDL", "INR", "BMI", "HIV",
    "HCV", "HBV", "HUS", "TYK", "ADL", "RAI", "CDR", "PEF", "FEV", "HPV", "RSV", "SOS", "STM",
    "THL", "THK", "PPT", "DVV", "KKI", "VPK", "WHO", "YKS", "AVH", "ECT", "TMS", "PET", "GFR",
    "PSA", "IVF", "ATC", "ICF", "SFS", "ISO", "CIS", "EDE", "EAT", "SDQ", "CBCL", "ADI", "KTL",
    "TUG", "MMS", "CPS", "DRS", "PAS", "SPS", "SRS", "ASQ", "RCT", "COP", "SGA", "EQ", "RBD",
    "MDI", "HAM", "YSR", "TRF", "SUD", "AUD", "OPK", "KVL", "SAS", "ACE", "LIS", "BPI", "NRS",
    "VAS", "ODI", "FIM", "CAS", "DAS", "AHI", "SIT", "SOC", "VVV", "IPS", "FAS", "TES", "KOS",
    "SIS", "COVID", "SARS", "ADHD", "ASRS", "PTSD", "EPDS", "HBA", "GAF", "QOL", "NPI", "ESS",
];

/// Cue words after which shorter or spaced plates count.
fn is_cue(w: &str) -> bool {
    w.starts_with("rekisterinum")
        || w.starts_with("rekisterikilp")
        || w.starts_with("rekkari")
        || w == "rek"
        || w == "rek.nro"
        || w.starts_with("auto")
        || w.starts_with("ajoneuvo")
        || w.starts_with("mopo")
        || w.starts_with("moottoripyör")
        || w == "bil"
        || w == "bilen"
        || w.starts_with("registreringsnummer")
        || w == "car"
        || w == "plate"
        || w == "registration"
        || w == "vehicle"
        || w == "kilpi"
        || w == "kilpi:"
        // Driving: "ajaa abc-123", "drives fox-310", "kör abc-123".
        || matches!(
            w,
            "ajaa" | "ajoi" | "ajanut" | "ajavat" | "drives" | "drove" | "driving" | "kör"
                | "körde" | "van" | "truck" | "pakettiauto" | "taksi" | "taxi"
        )
}

/// Short words that stand before a number in ordinary text ("auto on 3 vuotta vanha"), never
/// plates.
const NOT_PLATE_WORDS: &[&str] = &[
    "on", "ja", "ei", "se", "oli", "ole", "voi", "no", "is", "of", "to", "in", "at", "klo", "kpl",
    "km", "nro", "mm", "ns", "yli", "alle", "vain", "ca", "sis", "yht", "kk", "vrk", "pv", "mg",
    "kg", "ml", "noin", "n", "v", "h", "min", "sek", "vko", "pvä", "pvm", "ym", "yms", "ks", "eur",
];

/// Words before a code that make it a test or scale ("pisteet PCL-5 33", "seula: GDS-15").
fn is_scale_context(w: &str) -> bool {
    w.starts_with("piste")
        || w.starts_with("testi")
        || w.starts_with("seula")
        || w.starts_with("mittari")
        || w.starts_with("asteikk")
        || w.starts_with("kysely")
        || w.starts_with("lomake")
        || w.starts_with("arvio")
        || w.starts_with("tulos")
        || w.starts_with("score")
        || w.starts_with("scale")
        || w == "test"
        || w.starts_with("questionnaire")
}

/// Whether a score follows a code that ends at `end`: "PCL-5 33", "GDS-15: 9", "PSS-10 = 22",
/// "MMSE-30/30", or a compound "PHQ-9-seula". Plates are not followed by numbers.
fn score_after(t: &Text, end: usize) -> bool {
    if t.at(end) == '-' && t.at(end + 1).is_alphabetic() {
        return true;
    }
    let mut k = end;
    while t.at(k) == ' ' && k < end + 2 {
        k += 1;
    }
    // A score word between: "PCL-5 score 52", "GDS-15 pisteet 9", "PHQ-9 tulos 14".
    for word in [
        "score",
        "pisteet",
        "pistettä",
        "pisteitä",
        "points",
        "poäng",
        "tulos",
        "p",
    ] {
        if t.starts_with_ci(k, word) && !t.at(k + word.chars().count()).is_alphanumeric() {
            let mut j = k + word.chars().count();
            while matches!(t.at(j), ' ' | ':') && j < k + word.chars().count() + 3 {
                j += 1;
            }
            if t.digit(j) {
                return true;
            }
        }
    }
    if matches!(t.at(k), ':' | '=' | '/') {
        k += 1;
        while t.at(k) == ' ' && k < end + 5 {
            k += 1;
        }
    }
    k > end && t.digit(k)
}

/// Adds a finding for every plate in `t`.
///
/// Three capital letters, a hyphen and one to three digits is a plate by shape, unless the
/// letters are a listed abbreviation or the code is followed by a score or preceded by a word
/// such as "pisteet" (scales: "PCL-5 43", "GDS-15: 9"). After a cue word, a plate may also be
/// in small letters ("auto abc-123"), have two letters, or be written with a space
/// ("rekisterinumero ABC 123") or a spaced hyphen ("ABC- 123", as two fields joined read).
/// Without a cue, small letters are not enough: "phq-9", "gad-7" and "abc-1" look the same.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 3 < n {
        if !(t.at(i).is_ascii_alphabetic() && t.left_boundary(i)) {
            i += 1;
            continue;
        }
        let mut l = i;
        while l < n && (t.at(l).is_ascii_alphabetic() || matches!(t.at(l), 'Å' | 'Ä' | 'Ö')) {
            l += 1;
        }
        let letters = l - i;
        let next = l.max(i + 1);
        if !(1..=3).contains(&letters) {
            i = next;
            continue;
        }
        // The separator: "-", "- ", " -", " - " or " ".
        let mut d0 = l;
        while t.at(d0) == ' ' && d0 < l + 1 {
            d0 += 1;
        }
        let hyphen = t.at(d0) == '-';
        if hyphen {
            d0 += 1;
            while t.at(d0) == ' ' && d0 < l + 3 {
                d0 += 1;
            }
        }
        let glued = hyphen && d0 == l + 1;
        let space = !hyphen && d0 == l + 1;
        if !(hyphen || space) || (hyphen && t.at(l) == ' ' && t.at(d0 - 1) == ' ') {
            // " - " between letters and digits is a dash in a sentence.
            i = next;
            continue;
        }
        let d = t.digits_from(d0);
        let end = d0 + d;
        if !(1..=3).contains(&d)
            || t.at(d0) == '0'
            || t.at(end).is_alphanumeric()
            || matches!(t.at(end), '.' | ',') && t.digit(end + 1)
        {
            i = next;
            continue;
        }
        let abbr = t.slice(i, l).to_uppercase();
        let listed = NOT_PLATES.contains(&abbr.as_str());
        let upper = (i..l).all(|k| t.at(k).is_uppercase());
        let k = t.token_at_or_after(i);
        let cue = (1..=3).find(|&b| k >= b && is_cue(t.token_lower(k - b)));
        let scale = score_after(t, end)
            || (1..=2).any(|b| k >= b && is_scale_context(t.token_lower(k - b)));
        let plain =
            letters == 3 && upper && !listed && !scale && (glued || hyphen && cue.is_some());
        let cued = match cue {
            Some(b) if letters >= 2 && !listed => {
                let cue_tok = t.tokens[k - b];
                // A space-separated plate only in ordinary writing: in a text in capitals,
                // "AUTO VEI 2" is words and a number.
                let shouting = !(cue_tok.start..cue_tok.end).any(|c| t.at(c).is_lowercase());
                hyphen || upper && !shouting && !NOT_PLATE_WORDS.contains(&t.lower(i, l).as_str())
            }
            _ => false,
        };
        if plain || cued {
            out.push(Finding::new(FindingKind::Plate, i, end));
            i = end;
        } else {
            i = next;
        }
    }
}
