//! Marking suspected client identifiers inside text the user typed.
//!
//! Findings are char ranges (`start..end`, in chars, not bytes), whether they come from the
//! client-side detectors while typing or from the server's `identifier_found` rejection.

/// One suspected identifier in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub kind: String,
    pub start: usize,
    pub end: usize,
}

/// A piece of the text: plain, or marked as a suspected identifier of `kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Plain(String),
    Marked { text: String, kind: String },
}

/// Runs the `shared` identifier detectors (`shared::guard`, the same pattern detectors the
/// server runs) on `text`. The server adds personal names (libvoikko) on top, so a rejection can
/// still name words this finds nothing in. This is the client's single call site of the guard.
pub fn detect(text: &str) -> Vec<Mark> {
    shared::guard::find_patterns(text, &shared::guard::Allowlist::empty())
        .into_iter()
        .map(|f| Mark {
            kind: f.kind.as_str().to_owned(),
            start: f.start,
            end: f.end,
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
