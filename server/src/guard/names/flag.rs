//! Which words are names: rules 1–4 for each word on its own ([`NameDetector::flag_alone`]),
//! then names side by side (rule 3), names coordinated with names ("Ilona ja Kaisa Nurmi"),
//! and unknown words next to a name ("Fatima Al-Hassan").

use super::cues::{adjacent, cued_at, person_cued};
use super::shape::{genitive, locative, main_part, title_case, Shape};
use super::{Class, NameDetector};
use crate::guard::voikko;
use shared::guard::text::Text;

impl NameDetector {
    /// Rules 1, 2 and 4: whether each word is a name by itself, its class, how it is written
    /// and the cues around it.
    pub(super) fn flag_alone(
        &self,
        t: &Text,
        shape: &[Option<Shape>],
        class: &[Option<Class>],
    ) -> Vec<bool> {
        let n = t.tokens.len();
        let mut flag = vec![false; n];
        for k in 0..n {
            let (Some(c), Some(sh)) = (class[k], shape[k]) else {
                continue;
            };
            // A cue after the word: a genitive before a relation word or "kanssa" ("Jukan sisko",
            // "Onnin äiti", "Tuulin kanssa"), or an age after it ("Usko 84 v", "Rauha, 91 v").
            let cued = cued_at(t, k) || self.cued_after(t, k, shape);
            let nominative = !genitive(t.token_lower(k)) && !locative(t.token_lower(k));
            flag[k] = match sh {
                Shape::Title => {
                    let initial = t.sentence_initial(k);
                    match c {
                        Class::Strong { sure } => sure || !initial,
                        Class::Weak { verb_alt } => {
                            !initial
                                || cued
                                || (verb_alt
                                    && self.use_voikko
                                    && k + 1 < n
                                    && adjacent(t, k, k + 1)
                                    && shape[k + 1] != Some(Shape::Title)
                                    && voikko::analyze(t.token_lower(k + 1))
                                        .is_some_and(|i| i.finite_3sg_verb))
                        }
                        Class::Unknown => cued,
                        // A place reading never hides a person after a cue ("asiakas Kallio").
                        Class::PlaceName => cued && nominative,
                        Class::Place | Class::Common => false,
                    }
                }
                // Capitals and small letters say nothing about proper nouns: only a word that
                // can be nothing but a well-known name stands alone; the others need a cue or a
                // name beside them (below). Short capitals ("TIA", "ALS") are abbreviations.
                Shape::Upper | Shape::Lower => {
                    let short = main_part(t.token_lower(k)).chars().count() <= 3;
                    // "asiakas tuli": after a cue, a verb is the cue's verb.
                    let verb = || {
                        self.use_voikko
                            && voikko::analyze(&title_case(t.token_lower(k)))
                                .is_some_and(|i| i.finite_3sg_verb)
                    };
                    let cued = (person_cued(t, k) && !verb()) || self.cued_after(t, k, shape);
                    match c {
                        Class::Strong { sure: true } => !short || cued,
                        Class::Strong { sure: false } | Class::Weak { .. } => cued,
                        Class::Unknown => cued && !short,
                        Class::PlaceName => cued && nominative,
                        Class::Place | Class::Common => false,
                    }
                }
            };
        }
        flag
    }

    /// Rule 3: two name-capable words side by side where one is a name.
    pub(super) fn flag_pairs(
        &self,
        t: &Text,
        shape: &[Option<Shape>],
        class: &[Option<Class>],
        flag: &mut [bool],
    ) {
        let n = t.tokens.len();
        // Pairs: two name-capable words side by side where one is a name (rule 3), and
        // spreading from flagged names to their unknown neighbours. Between words in capitals
        // or small letters, one of the two must be a name on its own ("pekka korhonen"), so
        // that "tuuli ja onni" stays words.
        for k in 0..n.saturating_sub(1) {
            let (Some(a), Some(b)) = (class[k], class[k + 1]) else {
                continue;
            };
            if !(adjacent(t, k, k + 1)
                && a.can_join()
                && b.can_join()
                && (shape[k] == Some(Shape::Title)) == (shape[k + 1] == Some(Shape::Title)))
            {
                continue;
            }
            let informative = shape[k] == Some(Shape::Title) && shape[k + 1] == Some(Shape::Title);
            // A place name joins a name, not a verb that reads as one ("Korvaako Kela").
            let verb_like = |c: Class| matches!(c, Class::Weak { verb_alt: true });
            let pair = if informative {
                (a.namey() || b.namey())
                    && !(a == Class::PlaceName && verb_like(b)
                        || b == Class::PlaceName && verb_like(a))
            } else {
                // "TOIVO KALLIO", "onni laine": a first name and a surname side by side.
                flag[k]
                    || flag[k + 1]
                    || (a.namey() || b.namey())
                        && self.lists.inflected(main_part(t.token_lower(k))).first >= 500
                        && self
                            .lists
                            .inflected(main_part(t.token_lower(k + 1)))
                            .surname
                            >= 500
            };
            if pair {
                flag[k] = true;
                flag[k + 1] = true;
            }
        }
    }
}

/// A name-capable word coordinated with a name is a name ("Ilona ja Kaisa Nurmi").
pub(super) fn flag_coordinated(
    t: &Text,
    shape: &[Option<Shape>],
    class: &[Option<Class>],
    flag: &mut [bool],
) {
    let n = t.tokens.len();
    // "Ilona ja Kaisa Nurmi": a name-capable word coordinated with a name is a name.
    for k in 0..n.saturating_sub(2) {
        let coordinated = |a: usize, b: usize| {
            !flag[a]
                && flag[b]
                && shape[a].is_some()
                && shape[a] == shape[b]
                && class[a].is_some_and(Class::namey)
                && matches!(
                    t.token_lower(k + 1),
                    "ja" | "sekä" | "tai" | "and" | "och" | "or"
                )
        };
        if coordinated(k, k + 2) {
            flag[k] = true;
        } else if coordinated(k + 2, k) {
            flag[k + 2] = true;
        }
    }
}

/// Spreads from flagged names to the name-capable words right next to them, until nothing
/// changes ("Fatima Al-Hassan", "Ahmed Mohamedin").
pub(super) fn spread(
    t: &Text,
    shape: &[Option<Shape>],
    class: &[Option<Class>],
    flag: &mut [bool],
) {
    let n = t.tokens.len();
    let mut changed = true;
    while changed {
        changed = false;
        for k in 0..n {
            if !flag[k] {
                continue;
            }
            for j in [k.wrapping_sub(1), k + 1] {
                // Capitalised and uncapitalised words do not make one name ("Maria met").
                if j < n
                        && !flag[j]
                        && class[j].is_some_and(Class::can_join)
                        && (shape[j] == Some(Shape::Title)) == (shape[k] == Some(Shape::Title))
                        // Without capitals to go by, a word ("MET", "KALLION") does not join a
                        // name just by standing next to it.
                        && (shape[j] == Some(Shape::Title) || class[j] != Some(Class::PlaceName))
                        && adjacent(t, k.min(j), k.max(j))
                {
                    flag[j] = true;
                    changed = true;
                }
            }
        }
    }
}
