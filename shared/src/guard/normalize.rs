//! The one normalisation step in front of every detector, so that text typed in a hurry or
//! dressed up to slip past reads the same as plain text: "１２０４６４－１２１Ｃ" (full-width),
//! "12046\u{200B}4-121C" (a zero-width space inside), "120464-121С" (a Cyrillic С), "040 123 4567"
//! with thin or no-break spaces, "Virta\u{00AD}nen" (a soft hyphen).
//!
//! What it does, character by character of the original text:
//! - Unicode NFKC where it leads to Latin letters, digits and punctuation (compatibility
//!   forms: full-width and mathematical letters and digits, ligatures, superscripts, circled
//!   digits; canonical composition into Latin-1 and Latin Extended-A letters: decomposed "a" +
//!   U+0308 → "ä"), per combining sequence; combining marks that compose with nothing are
//!   dropped ("1̲2̲" → "12", "ễ" typed decomposed → "e");
//! - drops the characters that render as nothing (Unicode's default-ignorable code points: the
//!   zero-width space, joiners, the soft hyphen, the word joiner, variation selectors, the
//!   bidirectional controls, tag characters);
//! - folds letters of other scripts that look like Latin letters or digits (Cyrillic "С", Greek
//!   "Ο", Cherokee "Ꭺ"…) to their ASCII look-alike, with Unicode's confusables data
//!   ([UTS #39](https://www.unicode.org/reports/tr39/)). Latin letters with diacritics ("ä",
//!   "ö", "å", "é") are kept: they are Finnish, not tricks;
//! - every dash, hyphen and minus becomes `-`, every fraction or division slash `/`, every
//!   space character ` ` (a line or paragraph separator `\n`).
//!
//! The data comes from the unicode-rs project's crates, `unicode-normalization` (NFKC) and
//! `unicode-security` (UTS #39 skeletons), but as two small generated tables ([`fold_table`]):
//! linked in, the crates' full tables would add more than 100 KB to the browser's bundle. The
//! test `fold_table_matches_unicode_data` rebuilds the tables from the crates and fails when
//! they differ (`UPDATE_FOLD_TABLE=1 cargo test -p shared fold_table` writes them anew).
//!
//! Each character of the result remembers which characters of the original it came from, so a
//! finding on the normalised text is reported on the original characters
//! ([`super::text::Text::to_source`]): the browser marks exactly what the person typed.
//!
//! [`bidi_control`] is separate: bidirectional override and isolate characters
//! (U+202A–U+202E, U+2066–U+2069) can make "C121-464021" *display* as "120464-121C", so a text
//! field holding one is refused outright, before the guard.

use super::fold_table::{COMPOSE, FOLD};

/// A normalised text: its characters and, for each, the original characters it came from
/// (`src_start[i]..src_end[i]`, in characters of the original, end exclusive).
pub struct Normalized {
    pub chars: Vec<char>,
    pub src_start: Vec<usize>,
    pub src_end: Vec<usize>,
}

/// Normalises `text` (see the module documentation).
pub fn normalize(text: &str) -> Normalized {
    let orig: Vec<char> = text.chars().collect();
    let n = orig.len();
    let mut out = Normalized {
        chars: Vec::with_capacity(n),
        src_start: Vec::with_capacity(n),
        src_end: Vec::with_capacity(n),
    };
    let mut i = 0;
    while i < n {
        // One combining sequence: a character and the combining marks after it.
        let mut j = i + 1;
        while j < n && combining_mark(orig[j]) {
            j += 1;
        }
        let mut c = orig[i];
        for &m in &orig[i + 1..j] {
            if let Some(composed) = compose(c, m) {
                c = composed;
            }
            // A mark that composes with nothing ("1̲", "Z̵") only decorates: it is dropped.
        }
        if !(combining_mark(c) || invisible(c)) {
            fold(c, |f| out.push(f, i, j));
        }
        i = j;
    }
    out
}

/// `text` normalised, as a plain string (for phrases compared with normalised text, such as a
/// centre's allowlist).
pub fn normalized_string(text: &str) -> String {
    normalize(text).chars.into_iter().collect()
}

impl Normalized {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.chars.push(c);
        self.src_start.push(start);
        self.src_end.push(end);
    }
}

/// The character index of the first bidirectional embedding, override or isolate control in
/// `text` (U+202A–U+202E, U+2066–U+2069), if any. Such characters change the order in which a
/// text is displayed, which can disguise an identifier; no field needs them.
pub fn bidi_control(text: &str) -> Option<usize> {
    text.chars()
        .position(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// Whether `c` is a combining mark of the blocks people (and tricks) use with Latin text.
fn combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The canonical composition of a Latin letter and a combining mark ("a" + U+0308 → "ä").
fn compose(base: char, mark: char) -> Option<char> {
    let key = (
        u16::try_from(base as u32).ok()?,
        u16::try_from(mark as u32).ok()?,
    );
    COMPOSE
        .binary_search_by_key(&key, |&(b, m, _)| (b, m))
        .ok()
        .and_then(|i| char::from_u32(COMPOSE[i].2 as u32))
}

/// Folds one character and hands the result (zero or more characters) to `push`.
fn fold(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(match c {
            '\t' | '\r' | '\u{0B}' | '\u{0C}' => ' ',
            _ => c,
        });
        return;
    }
    if invisible(c) {
        return;
    }
    let cp = c as u32;
    let i = FOLD.partition_point(|&(start, _, _)| start <= cp);
    if i > 0 {
        let (start, len, value) = FOLD[i - 1];
        if cp < start + len as u32 {
            // A run maps consecutive characters to consecutive ASCII ("Ａ".."Ｚ" → "A".."Z").
            let value = value + (cp - start);
            for b in value.to_le_bytes() {
                if b != 0 {
                    push(b as char);
                }
            }
            return;
        }
    }
    match c {
        '\u{2028}' | '\u{2029}' | '\u{85}' => push('\n'),
        _ if c.is_whitespace() => push(' '),
        _ => push(c),
    }
}

/// The ASCII a character folds to, before the table: dashes, slashes and look-alike letters
/// (used by the table's generator; see the module documentation for what and why).
#[cfg(test)]
fn fold_to_ascii(c: char) -> Option<String> {
    match c {
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2043}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '\u{2E17}'
        | '\u{058A}'
        | '\u{05BE}'
        | '\u{1806}'
        | '\u{30FC}'
        | '\u{2796}' => return Some("-".into()),
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => return Some("/".into()),
        '\u{2028}' | '\u{2029}' | '\u{85}' => return Some("\n".into()),
        _ if c.is_whitespace() => return Some(" ".into()),
        _ => {}
    }
    // Latin letters (Latin-1, Extended-A/B, Extended Additional) are the writer's own.
    if c.is_ascii() || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') {
        return None;
    }
    if !c.is_alphanumeric() {
        return None;
    }
    let mut buf = [0u8; 4];
    let skeleton: String =
        unicode_security::confusable_detection::skeleton(c.encode_utf8(&mut buf)).collect();
    let n = skeleton.chars().count();
    if !(1..=2).contains(&n) || !skeleton.chars().all(|s| s.is_ascii_alphanumeric()) {
        return None;
    }
    // The confusables prototype of "I"-like letters is a small "l" (Greek Ι, Cyrillic І look
    // like "I"; "1" and "l" like each other): keep the letter's case, so "FΙ21" reads "FI21".
    Some(
        skeleton
            .chars()
            .map(|s| {
                if c.is_uppercase() {
                    if s == 'l' {
                        'I'
                    } else {
                        s.to_ascii_uppercase()
                    }
                } else if c.is_lowercase() {
                    s.to_ascii_lowercase()
                } else {
                    s
                }
            })
            .collect(),
    )
}

/// Unicode's default-ignorable code points: characters that render as nothing.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalized_string(s)
    }

    #[test]
    fn tricks_read_as_plain_text() {
        assert_eq!(norm("１２０４６４－１２１Ｃ"), "120464-121C");
        assert_eq!(norm("12046\u{200B}4-12\u{00AD}1C"), "120464-121C");
        assert_eq!(norm("120464\u{2013}121\u{0421}"), "120464-121C"); // en dash, Cyrillic Es
        assert_eq!(norm("\u{0391}\u{0392}\u{0421}-123"), "ABC-123"); // Greek Alpha Beta, Cyrillic Es
        assert_eq!(norm("040\u{2009}123\u{202F}4567"), "040 123 4567");
        assert_eq!(norm("Ма\u{200D}tti"), "Matti"); // Cyrillic a, zero-width joiner
        assert_eq!(norm("\u{202E}C121-464021\u{202C}"), "C121-464021");
        assert_eq!(norm("𝟏𝟐𝟎𝟒𝟔𝟒"), "120464"); // mathematical bold digits
        assert_eq!(norm("F\u{0399}21 \u{0405}\u{0410}R\u{0406}"), "FI21 SARI"); // Greek Iota, Cyrillic Dze, A, I
        assert_eq!(norm("\u{0430}\u{0456}t\u{0456}"), "aiti"); // Cyrillic a, i
    }

    #[test]
    fn finnish_letters_and_line_breaks_stay() {
        assert_eq!(norm("Mäenpää, Åström\nÖljy"), "Mäenpää, Åström\nÖljy");
        assert_eq!(norm("a\u{0308}iti"), "äiti"); // decomposed ä composes
        assert_eq!(norm("tab\there"), "tab here");
    }

    #[test]
    fn offsets_point_at_the_original_characters() {
        let s = "x \u{200B}１\u{0421}y";
        let n = normalize(s);
        assert_eq!(n.chars, vec!['x', ' ', '1', 'C', 'y']);
        assert_eq!(n.src_start, vec![0, 1, 3, 4, 5]);
        assert_eq!(n.src_end, vec![1, 2, 4, 5, 6]);
        let d = normalize("a\u{0308}b");
        assert_eq!(d.chars, vec!['ä', 'b']);
        assert_eq!((d.src_start[0], d.src_end[0]), (0, 2));
        assert_eq!((d.src_start[1], d.src_end[1]), (2, 3));
    }

    #[test]
    fn bidi_controls_are_found() {
        assert_eq!(bidi_control("ok text"), None);
        assert_eq!(bidi_control("ab\u{202E}cd"), Some(2));
        assert_eq!(bidi_control("\u{2067}x"), Some(0));
    }

    /// The tables as the crates give them: every character whose NFKC form, folded, is at most
    /// four ASCII characters different from itself; every Latin letter + combining mark pair
    /// that composes to a Latin letter.
    fn generated() -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut fold = Vec::new();
        let mut compose = Vec::new();
        for cp in 0x80u32..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if invisible(c) || combining_mark(c) {
                continue;
            }
            let mut out = String::new();
            for n in c.to_string().nfkc() {
                if invisible(n) || combining_mark(n) {
                    continue;
                }
                match fold_to_ascii(n) {
                    Some(a) => out.push_str(&a),
                    None => out.push(n),
                }
            }
            // Only what can hide an identifier's letters and digits, or a separator: a single
            // character, or letters and digits ("ﬁ", "Ⅻ"). "⑴" → "(1)" or "㎏" → "kg" are no trick.
            let useful = out.chars().count() == 1
                || out.chars().all(|o| o.is_ascii_alphanumeric()) && !matches!(cp, 0x3300..=0x33FF);
            if useful && out != c.to_string() && !out.is_empty() && out.len() <= 4 && out.is_ascii()
            {
                let mut packed = [0u8; 4];
                packed[..out.len()].copy_from_slice(out.as_bytes());
                fold.push((cp, u32::from_le_bytes(packed)));
            }
        }
        // Compositions into Latin-1 and Latin Extended-A ("ä", "ö", "å", "š", "ž", "é"…): the
        // letters of the name lists. Elsewhere a mark that composes with nothing is dropped and
        // the base letter stays, which is as good for finding identifiers.
        let latin = |c: char| c.is_ascii_alphabetic() || matches!(c, '\u{C0}'..='\u{17F}');
        for base in (0x41u32..=0x17F).filter_map(char::from_u32) {
            if !latin(base) {
                continue;
            }
            for mark in (0x300u32..=0x36F).filter_map(char::from_u32) {
                if let Some(c) = unicode_normalization::char::compose(base, mark) {
                    if latin(c) {
                        compose.push((base as u32, mark as u32, c as u32));
                    }
                }
            }
        }
        compose.sort();
        // Runs: consecutive characters mapping to consecutive single ASCII characters.
        let mut runs: Vec<(u32, u16, u32)> = Vec::new();
        for (k, v) in fold {
            match runs.last_mut() {
                Some((start, len, value))
                    if *value < 0x80
                        && v < 0x80
                        && k == *start + *len as u32
                        && v == *value + *len as u32 =>
                {
                    *len += 1;
                }
                _ => runs.push((k, 1, v)),
            }
        }
        let mut s = String::from(
            "//! Generated by `UPDATE_FOLD_TABLE=1 cargo test -p shared fold_table` from the crates\n\
             //! unicode-normalization (NFKC, canonical composition) and unicode-security (UTS #39\n\
             //! confusables); see `normalize.rs`. Do not edit by hand.\n\n\
             /// Characters that fold to one to four ASCII characters: (first character, run length,\n\
             /// ASCII of the first as little-endian bytes, zero-padded); a run of several characters\n\
             /// maps to consecutive single ASCII characters.\n\
             #[rustfmt::skip]\npub static FOLD: &[(u32, u16, u32)] = &[\n",
        );
        for (k, len, v) in &runs {
            s.push_str(&format!("(0x{k:X},{len},0x{v:X}),"));
            s.push('\n');
        }
        s.push_str(
            "];\n\n/// Latin letter + combining mark → the composed letter.\n\
             #[rustfmt::skip]\npub static COMPOSE: &[(u16, u16, u16)] = &[\n",
        );
        for (b, m, c) in &compose {
            s.push_str(&format!("(0x{b:X},0x{m:X},0x{c:X}),"));
            s.push('\n');
        }
        s.push_str("];\n");
        s
    }

    #[test]
    fn fold_table_matches_unicode_data() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/guard/fold_table.rs");
        let fresh = generated();
        if std::env::var_os("UPDATE_FOLD_TABLE").is_some() {
            std::fs::write(path, &fresh).expect("write fold_table.rs");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "src/guard/fold_table.rs is not what unicode-normalization and unicode-security give \
             now: run UPDATE_FOLD_TABLE=1 cargo test -p shared fold_table"
        );
    }
}
