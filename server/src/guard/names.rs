//! Personal names in Finnish (and some Swedish and English) text, in any inflected form.
//!
//! Each capitalised word is classified with voikko and the DVV name lists (see [`Class`]), and
//! then flagged by these rules, in this order of strength:
//!
//! 1. **Only a name.** A word whose readings are all first names or surnames ("Matille",
//!    "Virtasen", "Mäenpäälle") is flagged wherever it stands.
//! 2. **A name that is also a common word** ("Toivo", "Onni", "Tuomi", "Laine") is flagged when
//!    it is capitalised in the middle of a sentence (only proper nouns are), but not at the
//!    start of one, where "Toivo on tärkeää" is ordinary Finnish. At a sentence start it still
//!    counts next to another name, after a cue word, or — when its other reading is a verb, as
//!    for "Anna" (antaa) — when a third-person verb follows ("Anna kertoi …").
//! 3. **Next to a name.** A capitalised word directly next to a flagged name is part of the
//!    name, whatever it is: this is how foreign names voikko does not know are caught
//!    ("Fatima Al-Hassan", "John Smith", "Ahmed Mohamedin").
//! 4. **After a cue word** such as "asiakas", "äiti", "poika", "nimeltä", "klienten", "mother",
//!    "Mr", any capitalised word that is not a known common word is a name ("äiti Fatima",
//!    "asiakas Nguyen").
//!
//! Not flagged: districts and towns ("Kallion alueella", "Vuosaaressa"), organisations and
//! services ("Kela", "HUS", "Apotti", "Omaolo"), a name followed by a service word ("Auroran
//! sairaalassa", "Marian sairaala") or a street word ("Aleksis Kiven katu"), capitalised
//! words in all capitals (abbreviations), lower-case words (voikko reads lower-case "anna" as
//! the name Anna; people who write names in lower case are caught by the pattern detectors
//! only), and a capitalised unknown word standing alone (a foreign word, a product or a typo
//! is more likely than a name; see rules 3 and 4 for when it is one).
//!
//! Without voikko (library or dictionary missing) the name lists alone decide, with their
//! stem lookup for inflected forms; that mode is weaker on names that are also common words.

use super::lists::{NameCounts, NameLists, StemSet};
use super::voikko::{self, WordInfo};
use super::GuardUnavailable;
use shared::guard::address::street_word;
use shared::guard::text::Text;
use shared::guard::{Finding, FindingKind};

/// What a capitalised word can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Only a name (rule 1). `sure` is false for list-only names of few bearers, which need
    /// a mid-sentence position.
    Strong { sure: bool },
    /// A name that is also a common word (rule 2); `verb_alt` when the other readings are verbs.
    Weak { verb_alt: bool },
    /// A district or town that is also a surname ("Kallio", "Salo"), or a common word that is
    /// also a rarer name ("Mainio"): a name only next to a name.
    PlaceName,
    /// A place, organisation or service: never a name on its own, not a partner either.
    Place,
    /// Unknown to voikko and the lists: a name only next to a name or after a cue.
    Unknown,
    /// A common word, abbreviation or function word.
    Common,
}

impl Class {
    fn namey(self) -> bool {
        matches!(self, Class::Strong { .. } | Class::Weak { .. })
    }
    fn can_join(self) -> bool {
        matches!(
            self,
            Class::Strong { .. } | Class::Weak { .. } | Class::Unknown | Class::PlaceName
        )
    }
}

/// Districts of Helsinki and nearby towns, and organisations, services and systems of social
/// and health care that are names or look like them. Lower-case base forms.
const PLACES_AND_SERVICES: &[&str] = &[
    "kallio",
    "vallila",
    "alppila",
    "pasila",
    "meilahti",
    "töölö",
    "kamppi",
    "punavuori",
    "kruununhaka",
    "vuosaari",
    "herttoniemi",
    "myllypuro",
    "malmi",
    "kontula",
    "itäkeskus",
    "pihlajamäki",
    "maunula",
    "oulunkylä",
    "munkkiniemi",
    "lauttasaari",
    "kalasatama",
    "sörnäinen",
    "viikki",
    "jakomäki",
    "pukinmäki",
    "tapanila",
    "puistola",
    "laajasalo",
    "kulosaari",
    "roihuvuori",
    "mellunmäki",
    "vartiokylä",
    "kannelmäki",
    "pitäjänmäki",
    "haaga",
    "konala",
    "malminkartano",
    "lassila",
    "ruskeasuo",
    "jätkäsaari",
    "ullanlinna",
    "eira",
    "katajanokka",
    "hakaniemi",
    "kumpula",
    "käpylä",
    "arabianranta",
    "koskela",
    "paloheinä",
    "tikkurila",
    "myyrmäki",
    "leppävaara",
    "tapiola",
    "matinkylä",
    "espoonlahti",
    "kivistö",
    "hakunila",
    "korso",
    "espoo",
    "vantaa",
    "kauniainen",
    "tampere",
    "turku",
    "oulu",
    "lahti",
    "kuopio",
    "jyväskylä",
    "pori",
    "joensuu",
    "lappeenranta",
    "hämeenlinna",
    "vaasa",
    "seinäjoki",
    "rovaniemi",
    "mikkeli",
    "kotka",
    "salo",
    "porvoo",
    "kerava",
    "järvenpää",
    "tuusula",
    "nurmijärvi",
    "kirkkonummi",
    "sipoo",
    "lohja",
    "hyvinkää",
    "riihimäki",
    "kajaani",
    "kokkola",
    "imatra",
    "savonlinna",
    "kemi",
    "tornio",
    "nokia",
    "raisio",
    "helsinki",
    "suomi",
    "ruotsi",
    "viro",
    "venäjä",
    "somalia",
    "irak",
    "ukraina",
    "kela",
    "hus",
    "apotti",
    "omaolo",
    "maisa",
    "kanta",
    "omakanta",
    "effica",
    "pegasos",
    "lifecare",
    "vamos",
    "ohjaamo",
    "mieli",
    "sininauha",
    "diakonissalaitos",
    "sosped",
    "kalliola",
    "tukikohta",
    "navigaattori",
    "missio",
    "terveystalo",
    "mehiläinen",
    "pihlajalinna",
    "attendo",
    "esperi",
    "validia",
    "aspa",
    "jorvi",
    "peijas",
    "kustaankartano",
    "lapinlahti",
    "hesperia",
    "kellokoski",
    "suursuo",
    "laakso",
    "kivelä",
    "haartman",
    "aurora",
    "duodecim",
    "käypä",
    "teams",
    "zoom",
    "whatsapp",
    "google",
    "microsoft",
    "wilma",
    "kelan",
    "thl",
    "stm",
    "avi",
    "valvira",
    "hsl",
    "itä",
    "länsi",
    "pohjois",
    "etelä",
    "keski",
    "berghäll",
    "vallgård",
    "nordsjö",
    "sörnäs",
    "helsingfors",
    "esbo",
    "vanda",
    "åbo",
    "tammerfors",
    "borgå",
    "grankulla",
    "kervo",
    "hertonäs",
    "drumsö",
    "tölö",
    "kampen",
    "gumtäkt",
    "brändö",
    "botby",
    "mellungsbacka",
    "kvarnbäcken",
    "alzheimer",
    "parkinson",
    "asperger",
    "crohn",
    "down",
    "tourette",
    "huntington",
    "korsakoff",
    "wernicke",
    "bechterew",
    "addison",
    "cushing",
    "hodgkin",
    "raynaud",
    "sjögren",
    "meniere",
    "lyme",
    "kelan",
    "suomen",
    "helsingin",
    "vantaan",
    "espoon",
    "alko",
    "posti",
    "prisma",
    "lidl",
    "tokmanni",
    "sale",
    "alepa",
    "k-market",
    "s-market",
];

/// Words after which a capitalised word is a person (rule 4), lower case.
const CUES: &[&str] = &[
    "asiakas",
    "asiakkaan",
    "asiakkaalle",
    "asiakkaalla",
    "asiakasta",
    "potilas",
    "potilaan",
    "potilaalle",
    "äiti",
    "äidin",
    "äidille",
    "isä",
    "isän",
    "isälle",
    "poika",
    "pojan",
    "pojalle",
    "tytär",
    "tyttären",
    "tyttärelle",
    "vaimo",
    "vaimon",
    "aviomies",
    "puoliso",
    "puolison",
    "sisko",
    "siskon",
    "sisar",
    "veli",
    "veljen",
    "lapsi",
    "lapsen",
    "vauva",
    "nimeltä",
    "nimeltään",
    "nimi",
    "rouva",
    "herra",
    "rva",
    "hra",
    "ystävä",
    "poikaystävä",
    "tyttöystävä",
    "naapuri",
    "omainen",
    "omaisen",
    "edunvalvoja",
    "isoäiti",
    "isoisä",
    "mummo",
    "vaari",
    "täti",
    "setä",
    "eno",
    "serkku",
    "klient",
    "klienten",
    "mamma",
    "pappa",
    "son",
    "sonen",
    "dotter",
    "dottern",
    "patient",
    "patienten",
    "client",
    "mother",
    "father",
    "daughter",
    "wife",
    "husband",
    "named",
    "called",
    "mr",
    "mrs",
    "ms",
    "miss",
    "herr",
    "fru",
    "hustru",
    "make",
    "bror",
    "syster",
    "grandmother",
    "grandfather",
    "brother",
    "sister",
    "partner",
    "kumppani",
    "avopuoliso",
    "exä",
    "entinen",
];

/// Words after a name that make it a service or place name ("Auroran sairaalassa").
const SERVICE_NOUNS: &[&str] = &[
    "sairaala",
    "sairaalan",
    "sairaalassa",
    "sairaalaan",
    "sairaalasta",
    "sairaalalla",
    "terveysasema",
    "terveysaseman",
    "terveysasemalla",
    "terveysasemalle",
    "terveysasemalta",
    "terveyskeskus",
    "terveyskeskuksen",
    "terveyskeskuksessa",
    "klinikka",
    "klinikan",
    "klinikalla",
    "klinikalle",
    "säätiö",
    "säätiön",
    "säätiössä",
    "yhdistys",
    "yhdistyksen",
    "kartano",
    "kartanon",
    "kartanossa",
    "koulu",
    "koulun",
    "koulussa",
    "kirkko",
    "kirkon",
    "kirkossa",
    "seurakunta",
    "seurakunnan",
    "palvelutalo",
    "palvelutalon",
    "palvelutalossa",
    "palvelukeskus",
    "palvelukeskuksen",
    "palvelukeskuksessa",
    "päiväkeskus",
    "päiväkeskuksessa",
    "päiväkoti",
    "päiväkodissa",
    "puisto",
    "puistossa",
    "ry",
    "oy",
    "ab",
    "sjukhus",
    "hospital",
    "kliniken",
    "centre",
    "center",
    "house",
    "talo",
    "talossa",
    "tupa",
    "tuvassa",
    "keskus",
    "keskuksessa",
    "hoivakoti",
    "hoivakodissa",
    "asumisyksikkö",
    "asumisyksikössä",
];

/// Stems that make a following lower-case word a service ("Marian päihdepalvelut",
/// "Malmin poliklinikalla").
const SERVICE_STEMS: &[&str] = &[
    "sairaala",
    "palvelu",
    "klinik",
    "terveysasem",
    "terveyskesk",
    "keskus",
    "keskuks",
    "säätiö",
    "yhdisty",
    "seurakun",
    "asumisyksik",
    "hoivakod",
    "hoivakoti",
    "päiväkod",
    "päiväkoti",
    "tauti",
    "taudi",
    "oireyhtym",
    "syndroom",
    "sjukdom",
    "syndrom",
    "disease",
];

fn service_word(w: &str) -> bool {
    SERVICE_NOUNS.contains(&w) || SERVICE_STEMS.iter().any(|s| w.contains(s))
}

/// Function words of Swedish and English (and Finnish pronouns) that start sentences.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "he", "she", "they", "we", "it", "his", "her", "their", "our", "in", "on",
    "at", "for", "with", "and", "but", "this", "that", "there", "these", "those", "when", "after",
    "before", "since", "during", "no", "yes", "not", "all", "some", "most", "many", "is", "was",
    "has", "had", "will", "would", "can", "could", "should", "may", "might", "han", "hon", "den",
    "det", "de", "vi", "en", "ett", "och", "men", "på", "för", "med", "som", "är", "var", "till",
    "av", "om", "efter", "under", "klienten", "hans", "hennes", "mr", "mrs", "ms", "dr", "ok",
    "hän", "he", "me", "te", "se", "ne", "tämä", "tuo",
];

/// Whether a capitalised token is worth classifying: starts with an upper-case letter, has
/// lower-case letters in its word part (not "HUS", "HSL:n"), and no digits.
fn candidate(t: &Text, k: usize) -> bool {
    let tok = t.tokens[k];
    let first = t.at(tok.start);
    if !first.is_uppercase() || tok.len() < 2 {
        return false;
    }
    let main_end = (tok.start..tok.end)
        .find(|&i| t.at(i) == ':')
        .unwrap_or(tok.end);
    (tok.start..tok.end).all(|i| !t.at(i).is_ascii_digit())
        && (tok.start + 1..main_end).any(|i| t.at(i).is_lowercase())
}

/// Strips a `:`-ending ("Lucy:lle" → "Lucy").
fn main_part(w: &str) -> &str {
    w.split(':').next().unwrap_or(w)
}

/// The name detector: the lists, and whether voikko is used.
pub struct NameDetector {
    lists: NameLists,
    places: StemSet,
    use_voikko: bool,
}

impl NameDetector {
    /// A detector over the embedded lists; `use_voikko` false runs on the lists alone.
    pub fn new(use_voikko: bool) -> NameDetector {
        NameDetector {
            lists: NameLists::load(),
            places: StemSet::new(PLACES_AND_SERVICES),
            use_voikko,
        }
    }

    fn info(&self, word: &str) -> WordInfo {
        if self.use_voikko {
            if let Some(i) = voikko::analyze(word) {
                return i;
            }
        }
        WordInfo::default()
    }

    fn place_or_service(&self, lw: &str, vi: &WordInfo) -> bool {
        self.places.contains(lw)
            || vi
                .name_lemmas
                .iter()
                .chain(vi.proper_lemmas.iter())
                .any(|l| PLACES_AND_SERVICES.contains(&l.as_str()))
    }

    /// Classifies one capitalised word (`word` as written, `lw` lower case).
    fn classify_word(&self, word: &str, lw: &str) -> Class {
        let main = main_part(lw);
        if STOPWORDS.contains(&main) {
            return Class::Common;
        }
        let vi = self.info(main_part(word));
        let mut counts = NameCounts::default();
        for l in vi.name_lemmas.iter().chain(vi.proper_lemmas.iter()) {
            let c = self.lists.base_form(l);
            counts.first = counts.first.max(c.first);
            counts.surname = counts.surname.max(c.surname);
        }
        let voikko_name = vi.is_name();
        if !voikko_name && !vi.common {
            // Voikko does not know it as a common word: the stem lookup decides.
            let c = self.lists.inflected(main);
            counts.first = counts.first.max(c.first);
            counts.surname = counts.surname.max(c.surname);
        } else if !voikko_name && vi.common {
            // A common word; a frequent name with the same base form ("Rinteelle" → rinne,
            // "Tuomen" → tuomi) still reads as one.
            let mut rare = false;
            for l in vi.common_lemmas.iter().map(String::as_str).chain([main]) {
                let c = self.lists.base_form(l);
                if c.max() >= 500 {
                    counts.first = counts.first.max(c.first);
                    counts.surname = counts.surname.max(c.surname);
                } else if c.listed() {
                    rare = true;
                }
            }
            if !counts.listed() && rare {
                // A common word that is also a rarer name ("Mainio", "Ruotsalainen"): a name
                // only next to a name.
                return Class::PlaceName;
            }
        }
        // Street names in any form ("Mannerheimintiellä") are never persons, unless the word
        // is a listed name too ("Kiviranta", "Eloranta").
        if street_word(main) == Some(false) && !voikko_name && !counts.listed() {
            return Class::Place;
        }
        let named = voikko_name || counts.listed();
        if self.place_or_service(lw, &vi) {
            return if named {
                Class::PlaceName
            } else {
                Class::Place
            };
        }
        if !named {
            if vi.place {
                return Class::Place;
            }
            if !vi.known || (!vi.common && !vi.proper_lemmas.is_empty()) {
                return Class::Unknown;
            }
            return Class::Common;
        }
        if vi.place && !voikko_name && counts.max() < 1000 {
            return Class::PlaceName;
        }
        if vi.common {
            return Class::Weak {
                verb_alt: vi.common_only_verbs,
            };
        }
        let sure = voikko_name || counts.max() >= 50;
        Class::Strong { sure }
    }

    fn classify(&self, t: &Text, k: usize) -> Class {
        let tok = t.tokens[k];
        let word = t.slice(tok.start, tok.end);
        let lw = word.to_lowercase();
        // Hyphenated: "Anna-Liisa", "Al-Hassan" (all parts capitalised) is a name-like whole;
        // "Maisa-palvelu", "Kela-kortti" is a compound common word.
        if lw.contains('-') {
            let parts: Vec<&str> = word.split('-').collect();
            if parts
                .iter()
                .skip(1)
                .any(|p| !p.chars().next().is_some_and(|c| c.is_uppercase()))
            {
                if parts.len() == 2 && parts[1].chars().count() <= 2 {
                    // "Al-Hassan" style prefixes aside, a short lower-case tail is an ending.
                } else {
                    return Class::Common;
                }
            }
            let mut best = Class::Unknown;
            for p in parts.iter().filter(|p| p.chars().count() >= 2) {
                let c = self.classify_word(p, &p.to_lowercase());
                if matches!(c, Class::Place | Class::PlaceName) {
                    return Class::Place; // "Itä-Helsingissä", "Kela-kortti"
                }
                best = match (best, c) {
                    (Class::Strong { .. }, _) => best,
                    (_, Class::Strong { .. }) => c,
                    (Class::Weak { .. }, _) => best,
                    (_, Class::Weak { .. }) => c,
                    _ => best,
                };
            }
            return best;
        }
        self.classify_word(&word, &lw)
    }

    /// Adds a `person_name` finding for every name in `t` (findings of adjacent name words are
    /// merged later by `merge_findings` only if they overlap, so each word is one finding).
    pub fn detect(&self, t: &Text, out: &mut Vec<Finding>) -> Result<(), GuardUnavailable> {
        // Fail closed: a thread whose voikko handle cannot open checks nothing.
        if self.use_voikko && !voikko::available() {
            return Err(GuardUnavailable);
        }
        let n = t.tokens.len();
        if n == 0 {
            return Ok(());
        }
        let mut class: Vec<Option<Class>> = vec![None; n];
        for (k, c) in class.iter_mut().enumerate() {
            if candidate(t, k) {
                *c = Some(self.classify(t, k));
            }
        }
        let adjacent = |a: usize, b: usize| {
            let (x, y) = (t.tokens[a], t.tokens[b]);
            y.start > x.end && y.start - x.end <= 2 && t.only_space_between(x.end, y.start, &[])
        };
        let lower_next = |k: usize| -> Option<String> {
            if k + 1 < n && adjacent(k, k + 1) && !t.token_capitalised(k + 1) {
                Some(t.token_lower(k + 1).to_owned())
            } else {
                None
            }
        };
        let mut flag = vec![false; n];
        for k in 0..n {
            let Some(c) = class[k] else { continue };
            let initial = t.sentence_initial(k);
            // A service or street after the name makes it a service or street name.
            if let Some(next) = lower_next(k) {
                if service_word(&next) || street_word(&next) == Some(true) {
                    class[k] = Some(Class::Place);
                    continue;
                }
            }
            let cued = k > 0 && adjacent(k - 1, k) && CUES.contains(&t.token_lower(k - 1));
            flag[k] = match c {
                Class::Strong { sure } => sure || !initial,
                Class::Weak { verb_alt } => {
                    !initial
                        || cued
                        || (verb_alt
                            && self.use_voikko
                            && lower_next(k)
                                .and_then(|w| voikko::analyze(&w))
                                .is_some_and(|i| i.finite_3sg_verb))
                }
                Class::Unknown => cued,
                Class::PlaceName => false,
                Class::Place | Class::Common => false,
            };
        }
        // Pairs: two name-capable words side by side where one is a name (rule 3), and
        // spreading from flagged names to their unknown neighbours.
        for k in 0..n.saturating_sub(1) {
            let (Some(a), Some(b)) = (class[k], class[k + 1]) else {
                continue;
            };
            if adjacent(k, k + 1) && a.can_join() && b.can_join() && (a.namey() || b.namey()) {
                flag[k] = true;
                flag[k + 1] = true;
            }
        }
        let mut changed = true;
        while changed {
            changed = false;
            for k in 0..n {
                if !flag[k] {
                    continue;
                }
                for j in [k.wrapping_sub(1), k + 1] {
                    if j < n
                        && !flag[j]
                        && class[j].is_some_and(Class::can_join)
                        && adjacent(k.min(j), k.max(j))
                    {
                        flag[j] = true;
                        changed = true;
                    }
                }
            }
        }
        for k in 0..n {
            if flag[k] {
                let tok = t.tokens[k];
                out.push(Finding::new(FindingKind::PersonName, tok.start, tok.end));
            }
        }
        Ok(())
    }
}
