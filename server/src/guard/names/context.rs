//! A word's class in its context: the text's language, a month after a preposition, a lab
//! value, a name far more often than a word, a question verb, a place in the inessive; and
//! names that name a service or a street ("Marian sairaala", "Aleksis Kiven katu").

use super::cues::{adjacent, cued_at, lab_value, service_word};
use super::language::Language;
use super::shape::{genitive, inner_locative, locative, main_part, title_case, Shape};
use super::vocab::{CALENDAR_WORDS, MONTH_PREPOSITIONS, ORG_MARKERS};
use super::{Class, NameDetector};
use crate::guard::voikko;
use shared::guard::address::street_word;
use shared::guard::text::Text;

impl NameDetector {
    /// The class of every word that can be a name (`None` for the others), in its context.
    pub(super) fn classify_tokens(&self, t: &Text, shape: &[Option<Shape>]) -> Vec<Option<Class>> {
        let n = t.tokens.len();
        let lang = self.language(t);
        let has_lowercase = t.chars.iter().any(|c| c.is_lowercase());
        // A text all in capitals or all in small letters: there a word in one case says nothing.
        // In a text with both, a word in small letters was written as a word ("perheen ilona").
        let one_case = !has_lowercase || !t.chars.iter().any(|c| c.is_uppercase());
        let mut class: Vec<Option<Class>> = vec![None; n];
        for k in 0..n {
            let Some(sh) = shape[k] else { continue };
            let tok = t.tokens[k];
            let written = t.slice(tok.start, tok.end);
            let c = match sh {
                Shape::Title => self.classify(&written, true),
                Shape::Upper | Shape::Lower => {
                    let cued = cued_at(t, k) || self.cued_after(t, k, shape);
                    if !self.worth_classifying(t.token_lower(k), cued) {
                        continue;
                    }
                    self.classify(&title_case(&written), false)
                }
            };
            // In an English text "Will", "May", "Grace" or "Frank" is first of all a word, and
            // so is "Röda" in a Swedish one, unless it is a common name here.
            let c = match (c, lang) {
                (
                    Class::Strong { .. } | Class::Weak { .. },
                    Language::English | Language::Swedish,
                ) if self.foreign_word(t.token_lower(k), lang)
                    || t.sentence_initial(k) && self.dictionary_word(t.token_lower(k), lang) =>
                {
                    Class::PlaceName
                }
                (Class::Unknown, Language::English | Language::Swedish)
                    if self.foreign_word(t.token_lower(k), lang) =>
                {
                    Class::Common
                }
                // A month after a preposition ("ends in June", "i augusti") is a month.
                (_, _)
                    if k > 0
                        && CALENDAR_WORDS.contains(main_part(t.token_lower(k)))
                        && MONTH_PREPOSITIONS.contains(t.token_lower(k - 1)) =>
                {
                    Class::Common
                }
                // A short capitalised word before a value is a lab test or a scale ("Na 131",
                // "Hb 98", "K 3,2").
                // So is a short word in capitals before a value in a text with small letters
                // ("FAST 45", "AUDIT 14"). A common name before a number is a name and an age
                // ("Sari 45 v", "ANU 34").
                (_, _)
                    if (sh == Shape::Title || sh == Shape::Upper && has_lowercase)
                        && lab_value(t, k)
                        && self.lists.base_form(main_part(t.token_lower(k))).max() < 1000 =>
                {
                    Class::Common
                }
                // A name that is also a word but far more often a name ("MATILLE", "kivimäen",
                // "Koskinen" at the start of a sentence) stands on its own.
                // At the start of a sentence only when it is a surname: a sentence may well
                // start with "Taisto" (struggle) or "Armas" (dear), hardly with "Koskinen".
                (Class::Weak { .. }, _)
                    if (sh == Shape::Title || one_case)
                        && (!t.sentence_initial(k) || {
                            let c = self.lists.inflected(main_part(t.token_lower(k)));
                            c.surname > c.first
                        })
                        && self.mostly_name(&title_case(&written)) =>
                {
                    Class::Strong { sure: true }
                }
                _ => c,
            };
            // "Korvaako", "Voiko": a verb asking a question, not a name with a clitic.
            let lw = t.token_lower(k);
            let c = if c.namey()
                && (lw.ends_with("ko") || lw.ends_with("kö"))
                && self.use_voikko
                && voikko::analyze(&title_case(lw)).is_some_and(|i| i.finite_3sg_verb)
            {
                Class::Common
            } else {
                c
            };
            // "Kalevassa", "Kaarinassa": people are not in the inessive, places are.
            let c = if c.namey() && inner_locative(t.token_lower(k)) {
                Class::PlaceName
            } else {
                c
            };
            class[k] = Some(c);
        }
        class
    }
}

/// Marks as [`Class::Place`] the names that name a service, a street or an organisation.
pub(super) fn mark_places(t: &Text, shape: &[Option<Shape>], class: &mut [Option<Class>]) {
    let n = t.tokens.len();
    // A name in the genitive before a service or street word names the service or street
    // ("Marian sairaala", "Auroran sairaalassa", "Sigrid Juséliuksen säätiö", "Aleksis Kiven
    // katu"), and so do the name words right before it. A name in another case before one
    // is a person somewhere ("Asiakas Lahtinen sairaalassa"): the place does not hide it.
    for k in 0..n.saturating_sub(1) {
        if shape[k].is_none() {
            continue;
        }
        // "Ronald McDonald -lastentalo", "Aleksi -kuntoutus": a name before " -" and a word
        // is the first part of a compound, the name of a thing.
        let (x, y) = (t.tokens[k], t.tokens[k + 1]);
        let dash_compound = y.start == x.end + 2 && t.at(x.end) == ' ' && t.at(x.end + 1) == '-';
        if !adjacent(t, k, k + 1) && !dash_compound {
            continue;
        }
        let next = main_part(t.token_lower(k + 1));
        // A capitalised service word names an institution whatever the case before it
        // ("Niilo Mäki Instituutti", "Miina Sillanpään Säätiö").
        // Only with the service word in the nominative or genitive, not where a person is
        // ("Järvinen A-klinikalla"); and only capitalised: in capitals "LINDHOLM KOTIHOIDON
        // ASIAKKAANA" is a person.
        let titled_service =
            shape[k + 1] == Some(Shape::Title) && shape[k] == Some(Shape::Title) && !locative(next);
        let names_place = dash_compound
            || ORG_MARKERS.contains(next)
            || (genitive(t.token_lower(k))
                || class[k] == Some(Class::Place)
                || titled_service && service_word(next))
                && (service_word(next) || street_word(next) == Some(true));
        if names_place {
            class[k] = Some(Class::Place);
            let mut j = k;
            while j > 0
                && adjacent(t, j - 1, j)
                && class[j - 1].is_some_and(Class::can_join)
                && shape[j - 1] == shape[k]
            {
                class[j - 1] = Some(Class::Place);
                j -= 1;
            }
        }
    }
}
