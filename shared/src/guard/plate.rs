//! Vehicle registration plates: Finnish "ABC-123" (three letters, a hyphen, one to three
//! digits), and older or foreign shorter forms ("AB-12", "ABC 123") after a cue word such as
//! "rekisterinumero", "auto" or "bil".
//!
//! Three capital letters and a number is also how scales, classifications and lab tests are
//! written ("PHQ-9", "GAD-7", "DSM-5", "ICD-10", "GHQ-12"), so those are listed and never taken.

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
}

/// Adds a finding for every plate in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 3 < n {
        if !(t.at(i).is_ascii_uppercase() && t.left_boundary(i)) {
            i += 1;
            continue;
        }
        let mut l = i;
        while l < n && (t.at(l).is_ascii_uppercase() || matches!(t.at(l), 'Å' | 'Ä' | 'Ö')) {
            l += 1;
        }
        let letters = l - i;
        let sep = t.at(l);
        let hyphen = sep == '-';
        let space = sep == ' ';
        if !(1..=3).contains(&letters) || !(hyphen || space) {
            i = l.max(i + 1);
            continue;
        }
        let d = t.digits_from(l + 1);
        let end = l + 1 + d;
        if !(1..=3).contains(&d)
            || t.at(l + 1) == '0'
            || t.at(end).is_alphanumeric()
            || matches!(t.at(end), '.' | ',') && t.digit(end + 1)
        {
            i = l.max(i + 1);
            continue;
        }
        let abbr = t.slice(i, l);
        let listed = NOT_PLATES.contains(&abbr.as_str());
        let k = t.token_at_or_after(i);
        let cued = (1..=3).any(|b| k >= b && is_cue(&t.token_lower(k - b)));
        let plain = letters == 3 && hyphen && !listed;
        if plain || (cued && letters >= 2 && !listed) {
            out.push(Finding::new(FindingKind::Plate, i, end));
            i = end;
        } else {
            i = l.max(i + 1);
        }
    }
}
