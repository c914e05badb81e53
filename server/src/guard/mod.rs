//! The identifier guard: every piece of text a user sends is checked before it is accepted
//! (PRODUCT.md, "The no-identifiers rule, made real"). Text with a finding is rejected, with
//! the findings pointing at the offending parts.
//!
//! [`IdentifierGuard`] combines the pattern detectors of `shared::guard` (identity codes,
//! phone numbers, e-mail, IBANs, addresses, postal codes, birth dates, plates, record numbers,
//! personal links) with personal names, which only the server can detect: that needs libvoikko
//! with the voikko-fi dictionary (Debian packages `libvoikko1` and `voikko-fi`; `libvoikko-dev`
//! to build) and the DVV name lists embedded from `server/data/guard`.
//!
//! ## Names voikko does not know
//! Voikko recognises 99 % of the 100 most common first names but only 61 % of the top 1 000,
//! and misses common surnames (Mäenpää, Kivimäki, Tuomi). So:
//! - every listed name (45 000 first names and surnames) is expanded at start-up into the stems
//!   its case forms are built on, and a capitalised word is looked up as stem + case ending
//!   ([`lists`]): "Mäenpäälle", "Kivimäen", "Tuomelle" are found without voikko knowing them;
//! - a capitalised word that neither voikko nor the lists know ("Nguyen", "Al-Hassan") is a
//!   name when it stands right next to a name ("Fatima Al-Hassan", "Ahmed Mohamedin") or right
//!   after a cue word such as "asiakas", "äiti", "poika", "nimeltä", "klienten", "mother", "Mr"
//!   ("äiti Fatima", "asiakas Nguyen"); standing alone it is not, because in case texts it is
//!   far more often a product, a foreign word or a typo.
//!
//! The full rule set, and what is deliberately not flagged (districts, services, sentence-
//! initial common words, lower-case words), is documented in [`names`], a module per step. The
//! vocabulary the rules consult (places, cue words, service words, function words, case
//! endings) is kept as data files in `server/data/guard/`, embedded into the binary; the README
//! there gives each list's source and licence.
//!
//! ## Threads
//! A Voikko handle is neither `Send` nor `Sync`. Each thread that calls [`IdentifierGuard::check`]
//! opens its own handle on first use, in a thread local ([`voikko`]); the guard itself is an
//! `Arc` around immutable lists, so it is `Send + Sync + Clone` and a check is a plain
//! synchronous call (well under a millisecond for a 2 KB message, see `benches/guard.rs`), fine
//! to make from an async task.
//!
//! ## Privacy
//! The guard never logs, prints or stores the text it checks, nor the words it finds; findings
//! carry only a kind and character offsets. Voikko results are cached per thread only for words
//! that cannot be names.

pub mod lists;
pub mod names;
pub mod voikko;

use shared::guard::text::Text;
use shared::guard::{find_patterns_in, merge_findings, Allowlist, Finding};
use std::sync::Arc;

/// Why the guard could not start: a server never runs with silently weaker name detection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuardInitError {
    /// libvoikko or its Finnish dictionary is not installed.
    #[error(
        "libvoikko with the Finnish dictionary is not available (install the Debian packages \
         libvoikko1 and voikko-fi)"
    )]
    VoikkoMissing,
}

/// The server's identifier guard: pattern detectors plus personal names. Cheap to clone
/// (an `Arc`), usable from any thread.
#[derive(Clone)]
pub struct IdentifierGuard {
    names: Arc<names::NameDetector>,
}

impl IdentifierGuard {
    /// A guard that uses voikko. Fails when libvoikko or the Finnish dictionary is missing, so
    /// a server never runs with silently weaker name detection.
    pub fn new() -> Result<IdentifierGuard, GuardInitError> {
        if !voikko::available() {
            return Err(GuardInitError::VoikkoMissing);
        }
        Ok(IdentifierGuard {
            names: Arc::new(names::NameDetector::new(true)),
        })
    }

    /// A guard that finds names with the name lists alone, for machines without voikko (tools
    /// and tests). Weaker on names that are also common words; do not serve users with it.
    pub fn lists_only() -> IdentifierGuard {
        IdentifierGuard {
            names: Arc::new(names::NameDetector::new(false)),
        }
    }

    /// All identifiers in `text`, sorted by start, overlaps merged, offsets in characters of
    /// `text` as it was written (the detectors look at its normalised form, see
    /// [`shared::guard::normalize`]). Findings of kinds a centre may allow are dropped when they
    /// lie inside a phrase of `allow`. An empty result means the text may be accepted.
    ///
    /// Fails closed: when voikko cannot be used on this thread, the text is not checked with a
    /// weaker guard; the caller refuses it with `guard_unavailable`.
    pub fn check(&self, text: &str, allow: &Allowlist) -> Result<Vec<Finding>, GuardUnavailable> {
        let t = Text::new(text);
        let mut out = Vec::new();
        find_patterns_in(&t, &mut out);
        self.names.detect(&t, &mut out)?;
        Ok(t.to_source(merge_findings(allow.filter(&t, out))))
    }

    /// The fields of one message (a case's title, summary and question, say), each checked
    /// alone and all of them joined, so that an identifier split between two fields ("s. 12.04."
    /// in the title, "1964" in the question; "131052" and "A308T") is found too. Returns the
    /// findings of each field, in the field's own character offsets; a finding of the joined
    /// text that spans fields is reported as its part in each of them (the joined text adds only
    /// findings that cross from one field into the next).
    ///
    /// The fields are joined twice: with a space, and, where one field ends and the next starts
    /// in the middle of a number or code (a digit on either side, or a dash, '@', '.', '/' or
    /// '+' before), with nothing between them. A name at the very edge of a field that the joined text
    /// shows to be part of a service ("Marian" | "päihdepalvelut") is not reported.
    pub fn check_fields(
        &self,
        fields: &[&str],
        allow: &Allowlist,
    ) -> Result<Vec<Vec<Finding>>, GuardUnavailable> {
        let mut per_field = Vec::with_capacity(fields.len());
        for f in fields {
            per_field.push(self.check(f, allow)?);
        }
        let present: Vec<usize> = (0..fields.len())
            .filter(|&i| !fields[i].trim().is_empty())
            .collect();
        if present.len() < 2 {
            return Ok(per_field);
        }
        let glued = present.windows(2).any(|w| {
            let left = fields[w[0]].chars().last().unwrap_or(' ');
            let right = fields[w[1]].chars().next().unwrap_or(' ');
            // Inside a number or a code: a digit on either side, or a dash, '@', '.', '/' or
            // '+' before ("131052" | "A308T", "ABC-" | "123"). Between two letters the cut is
            // between words.
            right.is_alphanumeric()
                && (left.is_ascii_digit()
                    || right.is_ascii_digit() && left.is_alphanumeric()
                    || matches!(left, '-' | '@' | '.' | '/' | '+'))
        });
        let mut joins = vec![self.joined(fields, &present, " ", allow)?];
        if glued {
            joins.push(self.joined(fields, &present, "", allow)?);
        }
        // Names at a field's edge that the spaced join clears were read without their context.
        for (n, &i) in present.iter().enumerate() {
            let len = fields[i].chars().count();
            let spaced = &joins[0];
            let at_edge = |f: &Finding| f.end == len || f.start == 0;
            per_field[i].retain(|f| {
                f.kind != shared::guard::FindingKind::PersonName
                    || !at_edge(f)
                    || spaced
                        .iter()
                        .any(|(field, g, _)| *field == n && g.start < f.end && f.start < g.end)
            });
        }
        // What the joined text adds. Spaced, everything the fields' own checks missed: a cue in
        // one field makes the number in the next a record number ("Kelan asiakasnumero" | "on
        // 2020-12345"), a name at a field's edge reads as one with its neighbour ("Klienten
        // träffade" | "Rinteelle …"). Glued, only shaped identifiers that cross from one field
        // into the next, since gluing two words can make a third ("ilta" + "on").
        let name = shared::guard::FindingKind::PersonName;
        for (j, findings) in joins.iter().enumerate() {
            for (n, part, crosses) in findings {
                let i = present[*n];
                let take = j == 0 || (*crosses && part.kind != name);
                if take
                    && !per_field[i]
                        .iter()
                        .any(|g| g.start <= part.start && part.end <= g.end)
                {
                    per_field[i].push(*part);
                }
            }
        }
        for v in &mut per_field {
            *v = merge_findings(std::mem::take(v));
        }
        Ok(per_field)
    }

    /// Checks the present fields joined with `sep` and returns each finding's part in each
    /// field it touches, as (index into `present`, finding in that field's offsets, whether the
    /// finding crosses from one field into the next).
    fn joined(
        &self,
        fields: &[&str],
        present: &[usize],
        sep: &str,
        allow: &Allowlist,
    ) -> Result<Vec<(usize, Finding, bool)>, GuardUnavailable> {
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(present.len());
        for (n, &i) in present.iter().enumerate() {
            if n > 0 {
                joined.push_str(sep);
            }
            starts.push(joined.chars().count());
            joined.push_str(fields[i]);
        }
        let mut parts = Vec::new();
        for f in self.check(&joined, allow)? {
            let crosses = (1..present.len()).any(|n| f.start < starts[n] && starts[n] < f.end);
            for (n, &i) in present.iter().enumerate() {
                let s = starts[n];
                let e = s + fields[i].chars().count();
                if f.start < e && s < f.end {
                    let part = Finding::new(f.kind, f.start.max(s) - s, f.end.min(e) - s);
                    parts.push((n, part, crosses));
                }
            }
        }
        Ok(parts)
    }
}

/// The guard could not do its job on this thread (voikko or its dictionary failed to open), so
/// the text was not checked. Callers refuse what they were asked to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the identifier guard is not available; nothing was checked")]
pub struct GuardUnavailable;
