//! The character view of a text that every detector scans.
//!
//! Detectors work on `char` indices because findings are reported in characters. Building the
//! `Vec<char>` once per check (a message is at most a few thousand characters) keeps every
//! detector a simple index scan, which is both fast and easy to read.
//!
//! The characters are the text *normalised* ([`super::normalize`]): detectors see plain ASCII
//! digits, `-` for every dash, ` ` for every space and Latin letters for look-alikes, and never
//! an invisible character. [`Text::to_source`] maps findings back to the characters as written.

use super::normalize::{normalize, Normalized};
use super::Finding;

/// A text as characters, with its word tokens.
pub struct Text {
    /// The characters of the normalised text.
    pub chars: Vec<char>,
    /// For each character, the first and one-past-last character of the original text it
    /// came from.
    src_start: Vec<usize>,
    src_end: Vec<usize>,
    /// Word tokens in order (see [`Token`]).
    pub tokens: Vec<Token>,
    /// Each token lower-cased, made once: the detectors ask for them many times.
    lowered: Vec<String>,
}

/// A word token: a maximal run of letters and digits, where a single `-`, `:` or `'` between
/// two alphanumerics stays inside ("Al-Hassan", "12:ssa", "HUS:n").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// Number of characters.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the token is empty (never, for tokens from [`Text::new`]).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

impl Text {
    /// Normalises `text` and splits it into characters and word tokens.
    pub fn new(text: &str) -> Text {
        let Normalized {
            chars,
            src_start,
            src_end,
        } = normalize(text);
        let mut tokens = Vec::new();
        let mut i = 0;
        let n = chars.len();
        while i < n {
            if chars[i].is_alphanumeric() {
                let start = i;
                i += 1;
                loop {
                    while i < n && chars[i].is_alphanumeric() {
                        i += 1;
                    }
                    if i + 1 < n
                        && matches!(chars[i], '-' | ':' | '\'' | '’')
                        && chars[i + 1].is_alphanumeric()
                    {
                        i += 1;
                        continue;
                    }
                    break;
                }
                tokens.push(Token { start, end: i });
            } else {
                i += 1;
            }
        }
        let lowered = tokens
            .iter()
            .map(|t| {
                chars[t.start..t.end]
                    .iter()
                    .flat_map(|c| c.to_lowercase())
                    .collect()
            })
            .collect();
        Text {
            chars,
            src_start,
            src_end,
            tokens,
            lowered,
        }
    }

    /// Maps findings on the normalised characters back to the characters of the original
    /// text, sorted and merged, so that each points at exactly what was written (an identity
    /// code with a zero-width space inside is marked from its first digit to its last).
    pub fn to_source(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let mapped = findings
            .into_iter()
            .filter(|f| f.end > f.start && f.end <= self.chars.len())
            .map(|f| Finding::new(f.kind, self.src_start[f.start], self.src_end[f.end - 1]))
            .collect();
        super::merge_findings(mapped)
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the text has no characters.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The character at `i`, or NUL past either end (so scanners need no bounds checks).
    pub fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    /// The character before `i`, or NUL at the start.
    pub fn before(&self, i: usize) -> char {
        if i == 0 {
            '\0'
        } else {
            self.at(i - 1)
        }
    }

    /// Whether `i` is an ASCII digit position.
    pub fn digit(&self, i: usize) -> bool {
        self.at(i).is_ascii_digit()
    }

    /// Whether nothing alphanumeric is glued to the left of `i`.
    pub fn left_boundary(&self, i: usize) -> bool {
        !self.before(i).is_alphanumeric()
    }

    /// Whether nothing alphanumeric starts at `i` (the end of something that ends before `i`).
    pub fn right_boundary(&self, i: usize) -> bool {
        !self.at(i).is_alphanumeric()
    }

    /// Number of consecutive ASCII digits from `i`.
    pub fn digits_from(&self, i: usize) -> usize {
        let mut j = i;
        while self.digit(j) {
            j += 1;
        }
        j - i
    }

    /// Value of the ASCII digits `i..j` (saturating; callers keep runs short).
    pub fn number(&self, i: usize, j: usize) -> u64 {
        let mut v: u64 = 0;
        for k in i..j {
            v = v
                .saturating_mul(10)
                .saturating_add(self.at(k).to_digit(10).unwrap_or(0) as u64);
        }
        v
    }

    /// The characters `i..j` lower-cased, as a `String`.
    pub fn lower(&self, i: usize, j: usize) -> String {
        let mut s = String::with_capacity(j.saturating_sub(i));
        for k in i..j.min(self.len()) {
            s.extend(self.chars[k].to_lowercase());
        }
        s
    }

    /// The characters `i..j` as they are.
    pub fn slice(&self, i: usize, j: usize) -> String {
        self.chars[i.min(self.len())..j.min(self.len())]
            .iter()
            .collect()
    }

    /// Whether the text at `i` starts with `s`, ignoring case (`s` given in lower case).
    pub fn starts_with_ci(&self, i: usize, s: &str) -> bool {
        (i..).zip(s.chars()).all(|(k, c)| lower(self.at(k)) == c)
    }

    /// The lower-cased token `k`.
    pub fn token_lower(&self, k: usize) -> &str {
        &self.lowered[k]
    }

    /// Whether token `k` starts with an upper-case letter.
    pub fn token_capitalised(&self, k: usize) -> bool {
        self.at(self.tokens[k].start).is_uppercase()
    }

    /// Whether token `k` starts a sentence: it is the first token, or only spaces and
    /// quotes/brackets separate it from a '.', '!', '?', ':', a line break or a list bullet.
    pub fn sentence_initial(&self, k: usize) -> bool {
        let mut i = self.tokens[k].start;
        while i > 0 {
            let c = self.chars[i - 1];
            if c == '\n' || c == '\r' {
                return true;
            }
            if c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '(' | '[' | '«' | '»' | '”' | '“' | '„' | '*' | '•' | '–' | '-'
                )
            {
                i -= 1;
                continue;
            }
            if matches!(c, '.' | '!' | '?' | ':' | ';') {
                // "s. Matti" or "esim. Matti" are abbreviations, not sentence ends, but treating
                // them as sentence starts only makes the name rules stricter.
                return true;
            }
            return false;
        }
        true
    }

    /// Index of the first token that starts at or after character `i`.
    pub fn token_at_or_after(&self, i: usize) -> usize {
        self.tokens.partition_point(|t| t.start < i)
    }

    /// Whether only spaces (and at most `extra` of the given punctuation) lie between `i` and
    /// `j`. Used to check that two tokens are "next to each other".
    pub fn only_space_between(&self, i: usize, j: usize, allowed: &[char]) -> bool {
        (i..j).all(|k| {
            let c = self.at(k);
            c.is_whitespace() || allowed.contains(&c)
        })
    }
}

/// Lower-cases one character (the first of its lower-case mapping, which is exact for the
/// Latin letters these detectors look at).
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Whether `c` is a hyphen or dash a person might type between digits.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '−')
}
