//! The language of a text, as far as the name rules care: in an English or Swedish text the
//! language's everyday words ("Will", "May", "Röda") are words, not names.

use super::shape::main_part;
use super::vocab::{CALENDAR_WORDS, EN_FUNCTION, FI_FUNCTION, SV_FUNCTION};
use super::NameDetector;
use shared::guard::text::Text;

/// The language a text is written in, as far as the name rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Language {
    Finnish,
    English,
    Swedish,
}

/// English or Swedish when at least two of its function words occur and more than of either
/// other language; Finnish otherwise.
pub(super) fn text_language(t: &Text) -> Language {
    let (mut en, mut sv, mut fi) = (0usize, 0usize, 0usize);
    for k in 0..t.tokens.len() {
        let w = t.token_lower(k);
        en += usize::from(EN_FUNCTION.contains(w));
        sv += usize::from(SV_FUNCTION.contains(w));
        fi += usize::from(FI_FUNCTION.contains(w));
    }
    if en >= 2 && en > sv && en > fi {
        Language::English
    } else if sv >= 2 && sv > en && sv > fi {
        Language::Swedish
    } else {
        Language::Finnish
    }
}

impl NameDetector {
    /// The language of `t`: by its function words when they are clear, else by the share of
    /// its words that are frequent English or Swedish words ("Rose garden volunteering was
    /// suggested as day activity."). Finnish when neither has the majority.
    pub(super) fn language(&self, t: &Text) -> Language {
        let by_function = text_language(t);
        if by_function != Language::Finnish {
            return by_function;
        }
        let (mut words, mut en, mut sv, mut fi) = (0usize, 0usize, 0usize, 0usize);
        for k in 0..t.tokens.len() {
            let w = t.token_lower(k);
            if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
                continue;
            }
            words += 1;
            en += usize::from(self.english_words.contains(w));
            sv += usize::from(self.swedish_words.contains(w));
            fi += usize::from(self.fi_frequent.contains(w));
        }
        if words >= 3 && en * 2 > words && en > sv && en > fi {
            Language::English
        } else if words >= 3 && sv * 2 > words && sv > en && sv > fi {
            Language::Swedish
        } else {
            Language::Finnish
        }
    }

    /// Whether `lw` is an everyday word of `lang` rather than a name: listed among the language's
    /// most frequent words and not a name of 1 000 bearers or more here.
    pub(super) fn foreign_word(&self, lw: &str, lang: Language) -> bool {
        let main = main_part(lw);
        let listed = match lang {
            Language::English => self.english_words.contains(main),
            Language::Swedish => self.swedish_words.contains(main),
            Language::Finnish => false,
        };
        listed && self.lists.base_form(main).max() < 1000 || CALENDAR_WORDS.contains(main)
    }

    /// Whether `lw` is a frequent word of `lang` at all, common name or not: at the start of an
    /// English or Swedish sentence "Max dose…", "Per dag…", "Bo kvar…" are words.
    pub(super) fn dictionary_word(&self, lw: &str, lang: Language) -> bool {
        let main = main_part(lw);
        match lang {
            Language::English => self.english_words.contains(main),
            Language::Swedish => self.swedish_words.contains(main),
            Language::Finnish => false,
        }
    }
}
