//! Marking suspected client identifiers inside text the user typed.
//!
//! Findings are char ranges (`start..end`, in chars, not bytes), whether they come from the
//! client-side detectors while typing or from the server's `identifier_found` rejection.

/// One suspected identifier in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// What it looks like (`hetu`, `phone`, …), named to the user.
    pub kind: String,
    /// First char of the mark.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
}

/// A piece of the text: plain, or marked as a suspected identifier of `kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text with nothing found in it.
    Plain(String),
    /// A suspected identifier and its kind.
    Marked { text: String, kind: String },
}

/// Runs the `shared` identifier detectors (`shared::guard`, the same pattern detectors the
/// server runs) on `text`. The server adds personal names (libvoikko) on top, so a rejection can
/// still name words this finds nothing in.
pub fn detect(text: &str) -> Vec<Mark> {
    from_triples(&triples(text))
}

/// The detectors' findings as flat `(kind index in FindingKind::ALL, start, end)` triples: what
/// the separately loaded guard module (`guard` feature, `find` export) hands to the meeting
/// bundle. The guard is a module of its own because it is a fifth of the meeting app's size and
/// is not needed to draw the first page; the form marks text once it has arrived.
pub fn triples(text: &str) -> Vec<u32> {
    use shared::guard::FindingKind;
    let mut out = Vec::new();
    for f in shared::guard::find_patterns(text, &shared::guard::Allowlist::empty()) {
        let kind = FindingKind::ALL.iter().position(|k| *k == f.kind);
        if let Some(kind) = kind {
            out.extend([kind as u32, f.start as u32, f.end as u32]);
        }
    }
    out
}

/// Marks from [`triples`]; a triple naming a kind this build does not know is skipped.
pub fn from_triples(flat: &[u32]) -> Vec<Mark> {
    flat.chunks_exact(3)
        .filter_map(|t| {
            let kind = shared::guard::FindingKind::ALL.get(t[0] as usize)?;
            Some(Mark {
                kind: kind.as_str().to_owned(),
                start: t[1] as usize,
                end: t[2] as usize,
            })
        })
        .collect()
}

/// Splits `text` into plain and marked segments. Marks out of range are clipped, overlapping
/// ones merged into the first; the result always concatenates back to `text`.
pub fn segments(text: &str, marks: &[Mark]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&Mark> = marks.iter().filter(|m| m.start < m.end).collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    let mut out = Vec::new();
    let mut pos = 0usize;
    for m in sorted {
        let start = m.start.min(chars.len()).max(pos);
        let end = m.end.min(chars.len());
        if start >= end {
            continue;
        }
        if start > pos {
            out.push(Segment::Plain(chars[pos..start].iter().collect()));
        }
        out.push(Segment::Marked {
            text: chars[start..end].iter().collect(),
            kind: m.kind.clone(),
        });
        pos = end;
    }
    if pos < chars.len() {
        out.push(Segment::Plain(chars[pos..].iter().collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(kind: &str, start: usize, end: usize) -> Mark {
        Mark {
            kind: kind.into(),
            start,
            end,
        }
    }

    #[test]
    fn marks_split_by_chars_not_bytes() {
        let text = "Äiti Matille soitettiin";
        let segs = segments(text, &[mark("name", 5, 12)]);
        assert_eq!(
            segs,
            vec![
                Segment::Plain("Äiti ".into()),
                Segment::Marked {
                    text: "Matille".into(),
                    kind: "name".into()
                },
                Segment::Plain(" soitettiin".into()),
            ]
        );
    }

    #[test]
    fn detectors_find_an_identity_code() {
        let found = detect("Asiakas 131052-308T soitti");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].start, found[0].end), (8, 19));
        assert!(detect("72-vuotias, F32.1, PHQ-9 ja Kela").is_empty());
    }

    #[test]
    fn triples_carry_every_kind_across_the_module_boundary() {
        let text = "Puh. 040 123 4567, hetu 131052-308T, s-posti matti.m@example.fi";
        let flat = triples(text);
        assert_eq!(flat.len() % 3, 0);
        let marks = from_triples(&flat);
        let kinds: Vec<&str> = marks.iter().map(|m| m.kind.as_str()).collect();
        assert!(
            kinds.contains(&"hetu") && kinds.contains(&"phone") && kinds.contains(&"email"),
            "{kinds:?}"
        );
        // An unknown kind index (a newer guard module) is skipped, not misnamed.
        assert!(from_triples(&[999, 0, 3]).is_empty());
    }

    #[test]
    fn overlapping_and_out_of_range_marks_are_safe() {
        let text = "abcdef";
        let segs = segments(text, &[mark("a", 1, 4), mark("b", 2, 5), mark("c", 5, 99)]);
        let joined: String = segs
            .iter()
            .map(|s| match s {
                Segment::Plain(t) | Segment::Marked { text: t, .. } => t.as_str(),
            })
            .collect();
        assert_eq!(joined, text);
        assert_eq!(
            segs.iter()
                .filter(|s| matches!(s, Segment::Marked { .. }))
                .count(),
            3
        );
    }
}
