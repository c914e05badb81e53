//! Word lists kept as data files and embedded into the binary (`include_str!`), so that the
//! detectors read as rules and the vocabulary they consult can be read, reviewed and extended
//! on its own (`shared/data/guard/`, `server/data/guard/`).
//!
//! A list file has one entry per line; lines starting with `#` are comments that say what the
//! list is for, and blank lines are skipped. Each list is parsed on first use, once per
//! process (or browser tab), into a set or a list that lives as long as the program: the
//! browser's guard module carries the text, not a table of pointers.

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// The entries of an embedded list, in file order (see the module documentation).
pub fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// An embedded word list asked "is this word in it?": parsed into a hash set on first use.
/// `S` lets the server use a faster hasher for the lists it asks about every word.
pub struct WordSet<S = RandomState> {
    text: &'static str,
    set: OnceLock<HashSet<&'static str, S>>,
}

impl<S: BuildHasher + Default> WordSet<S> {
    /// A set over `text` (a list file's contents), not parsed until first asked.
    pub const fn new(text: &'static str) -> WordSet<S> {
        WordSet {
            text,
            set: OnceLock::new(),
        }
    }

    /// The parsed set.
    pub fn set(&self) -> &HashSet<&'static str, S> {
        self.set.get_or_init(|| entries(self.text).collect())
    }

    /// Whether `word` is one of the list's entries (exactly, as written in the file).
    pub fn contains(&self, word: &str) -> bool {
        self.set().contains(word)
    }
}

/// An embedded list walked in order (endings tried one by one, forms matched first to last):
/// parsed into a vector on first use.
pub struct WordList {
    text: &'static str,
    list: OnceLock<Vec<&'static str>>,
}

impl WordList {
    /// A list over `text` (a list file's contents), not parsed until first asked.
    pub const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            list: OnceLock::new(),
        }
    }

    /// The entries in file order.
    pub fn get(&self) -> &[&'static str] {
        self.list.get_or_init(|| entries(self.text).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        static L: WordSet = WordSet::new("# a list\nyksi\n\n  kaksi  \n#kolme\nneljä viisi\n");
        assert!(L.contains("yksi") && L.contains("kaksi") && L.contains("neljä viisi"));
        assert!(!L.contains("kolme") && !L.contains("") && !L.contains("# a list"));
        assert_eq!(L.set().len(), 3);
        static O: WordList = WordList::new("b\na\n# c\nb\n");
        assert_eq!(O.get(), ["b", "a", "b"]);
    }
}
