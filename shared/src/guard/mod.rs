//! The identifier guard's pattern half: pure detectors for the client identifiers that have a
//! shape (identity codes, phone numbers, e-mail, IBANs, addresses, postal codes, birth dates,
//! vehicle plates, customer numbers, personal links and handles).
//!
//! The meeting rule is "no client identifiers, not even spoken" (PRODUCT.md). Every piece of
//! text a user sends goes through [`find_patterns`] before it is accepted; the server adds
//! personal names on top (libvoikko and name lists, `server::guard`). This half lives in
//! `shared` so the browser can run the very same check while the user types: it is pure Rust
//! with no I/O and no dependencies beyond `serde`, and compiles for `wasm32-unknown-unknown`.
//!
//! Two failure modes matter equally: a miss is a data breach, and a guard that flags "Kela",
//! "72-vuotias", "F32.1" or "PHQ-9" gets switched off. Each detector therefore looks for the
//! identifier's structure (check characters, mod-97, prefixes, cue words such as "s." or
//! "asiakasnumero") rather than for "some digits".
//!
//! Offsets are in Unicode scalar values (`char`s), end exclusive, because that is what the
//! browser and the error message point at; byte offsets would break on "ä".
//!
//! The guard never logs or stores the text it looks at.
//!
//! Modules, one per detector family:
//! - [`normalize`]: one normalisation in front of every detector (NFKC, invisible characters
//!   dropped, look-alike letters folded, every dash and space made plain), with an offset map.
//! - [`text`]: the character view of a text and its word helpers, shared by the detectors.
//! - [`hetu`]: Finnish personal identity codes, including temporary, mistyped and masked ones.
//! - [`phone`]: Finnish and international phone numbers (but not business IDs).
//! - [`email`]: e-mail addresses, also written with "(at)".
//! - [`iban`]: IBANs, checked with mod-97.
//! - [`address`]: street addresses with a house number, and postal code + town.
//! - [`birth_date`]: full dates presented as dates of birth.
//! - [`plate`]: vehicle registration plates.
//! - [`customer_number`]: Kela, patient and customer record numbers.
//! - [`url`]: links and handles that point at a person.
//! - [`allow`]: a centre's allowlist.
//! - [`words`]: word lists kept as data files (`shared/data/guard/`), parsed once on first use.

pub mod address;
pub mod allow;
pub mod birth_date;
pub mod customer_number;
pub mod email;
pub mod fold_table;
pub mod hetu;
pub mod iban;
pub mod normalize;
pub mod phone;
pub mod plate;
pub mod text;
pub mod url;
pub mod words;

pub use allow::Allowlist;

use serde::{Deserialize, Serialize};

/// What kind of identifier a finding is. The snake_case name is part of the API (error
/// messages, `POST /api/guard/check`, the corpus), so it must not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Finnish personal identity code (henkilötunnus), also temporary, mistyped or masked.
    Hetu,
    /// Phone number, Finnish or international.
    Phone,
    /// E-mail address.
    Email,
    /// International bank account number.
    Iban,
    /// Street address with a house number.
    Address,
    /// Postal code followed by a town.
    PostalCodeCity,
    /// A person's first name or surname, in any inflected form (server only).
    PersonName,
    /// A full date presented as a date of birth.
    BirthDate,
    /// Vehicle registration plate.
    Plate,
    /// Kela, patient or customer record number.
    CustomerNumber,
    /// Link or social-media handle pointing at a person.
    UrlPersonal,
}

impl FindingKind {
    /// Every kind, in the order of [`FindingKind::priority`] (most serious first).
    pub const ALL: [FindingKind; 11] = [
        FindingKind::Hetu,
        FindingKind::Iban,
        FindingKind::Email,
        FindingKind::Phone,
        FindingKind::BirthDate,
        FindingKind::UrlPersonal,
        FindingKind::CustomerNumber,
        FindingKind::Address,
        FindingKind::PostalCodeCity,
        FindingKind::Plate,
        FindingKind::PersonName,
    ];

    /// The stable snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Hetu => "hetu",
            FindingKind::Phone => "phone",
            FindingKind::Email => "email",
            FindingKind::Iban => "iban",
            FindingKind::Address => "address",
            FindingKind::PostalCodeCity => "postal_code_city",
            FindingKind::PersonName => "person_name",
            FindingKind::BirthDate => "birth_date",
            FindingKind::Plate => "plate",
            FindingKind::CustomerNumber => "customer_number",
            FindingKind::UrlPersonal => "url_personal",
        }
    }

    /// Parses the snake_case name; `None` for anything else.
    pub fn parse(s: &str) -> Option<FindingKind> {
        FindingKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Whether a centre's allowlist may suppress this kind. Identity codes, phone numbers,
    /// e-mail addresses, IBANs, birth dates and record numbers always identify someone;
    /// names, addresses, towns, plates and links may be the centre's own or a service's.
    pub fn allowlistable(self) -> bool {
        matches!(
            self,
            FindingKind::Address
                | FindingKind::PersonName
                | FindingKind::PostalCodeCity
                | FindingKind::Plate
                | FindingKind::UrlPersonal
        )
    }

    /// Which kind wins when two findings overlap (lower is stronger): the more specific and
    /// more serious identifier names the merged span.
    pub fn priority(self) -> u8 {
        FindingKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(usize::MAX) as u8
    }
}

/// One identifier found in a text: its kind and where it is, in characters (not bytes),
/// `end` exclusive. The text itself is deliberately not part of a finding, so a finding can be
/// logged or sent back without repeating the identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub start: usize,
    pub end: usize,
}

impl Finding {
    /// A finding of `kind` over characters `start..end`.
    pub fn new(kind: FindingKind, start: usize, end: usize) -> Finding {
        Finding { kind, start, end }
    }
}

/// Runs every pattern detector over `text` (normalised first, see [`normalize`]) and returns
/// the findings in characters of `text` as written, sorted by start, with
/// overlapping findings merged (see [`merge_findings`]). Findings of allowlistable kinds that
/// lie inside a phrase of `allow` are dropped before merging.
pub fn find_patterns(text: &str, allow: &Allowlist) -> Vec<Finding> {
    let t = text::Text::new(text);
    let mut out = Vec::new();
    find_patterns_in(&t, &mut out);
    let out = allow.filter(&t, out);
    t.to_source(merge_findings(out))
}

/// Like [`find_patterns`] but over an already built [`text::Text`], without allowlist or
/// merging: the server's guard calls it to combine pattern findings with name findings before
/// one allowlist pass and one merge.
pub fn find_patterns_in(t: &text::Text, out: &mut Vec<Finding>) {
    if t.is_empty() {
        return;
    }
    hetu::detect(t, out);
    iban::detect(t, out);
    email::detect(t, out);
    phone::detect(t, out);
    birth_date::detect(t, out);
    customer_number::detect(t, out);
    url::detect(t, out);
    address::detect(t, out);
    plate::detect(t, out);
}

/// Sorts findings by start and merges the ones that overlap: the merged span is the union, and
/// its kind is the one with the best [`FindingKind::priority`] (an identity code inside a
/// "customer number" stays an identity code; a surname inside a street name is an address).
/// Findings that only touch (one ends where the next starts) stay separate.
pub fn merge_findings(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.retain(|f| f.end > f.start);
    findings.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end), f.kind.priority()));
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        match out.last_mut() {
            Some(last) if f.start < last.end => {
                last.end = last.end.max(f.end);
                if f.kind.priority() < last.kind.priority() {
                    last.kind = f.kind;
                }
            }
            _ => out.push(f),
        }
    }
    out
}

#[cfg(test)]
mod tests;
