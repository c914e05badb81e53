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
//! **Capitals and small letters.** "ÄITI SARI LAITINEN", "asiakas pekka korhonen": case says
//! nothing about proper nouns there, so such a word is classified in its title-case form and
//! flagged on its own only when it can be nothing but a well-known name (rule 1), or a name
//! that is also a word but far more often a name ("MATILLE", "kivimäen": the generated list
//! `data/guard/fi_names_over_words.txt`). Everything else needs a cue word that names a person
//! ("äiti onni", "asiakas nguyen") or a first name and a surname side by side ("TOIVO
//! KALLIO"): "tuuli oli kova ja onni suosi", "TOIVO ON, ETTÄ…" stay words. Capitals of three
//! letters or fewer are abbreviations ("TIA", "ALS"). Only listed names reach voikko from such
//! words, so a text in one case costs little more than a normal one.
//!
//! **Places and services never hide a person.** A name in the genitive before a service or
//! street word names the service ("Marian sairaala", "Sigrid Juséliuksen säätiö", "Aleksis
//! Kiven katu"); in another case it is a person somewhere ("Asiakas Lahtinen sairaalassa").
//! Service words match whole words with case endings ("sairaalassa", "päihdepalvelut"), never
//! a substring ("keskusteli"). A district that is also a surname is a person after a cue when
//! it is in the nominative ("asiakas Kallio"), a place otherwise ("asiakas Kallion alueelta").
//!
//! **Not flagged:** districts and towns ("Kallion alueella", "Vuosaaressa"), organisations and
//! services ("Kela", "HUS", "Apotti", "Ilmarinen", "Varma", "Hope ry"), lab tests and scales
//! ("Na 131", "Hb 98", "P-Krea"), in an English or Swedish text that language's frequent words
//! ("Will", "May", "Grace", "Röda Korset"; `data/guard/en_words.txt`, `sv_words.txt`) unless
//! they are common names here, and a capitalised unknown word standing alone (a foreign word, a
//! product or a typo is more likely than a name; see rules 3 and 4 for when it is one).
//!
//! Without voikko (library or dictionary missing) the name lists alone decide, with their
//! stem lookup for inflected forms; that mode is weaker on names that are also common words.
//! The server never runs that way: [`super::IdentifierGuard::new`] refuses to start and a check
//! on a thread whose voikko handle fails returns [`GuardUnavailable`].

use super::lists::{NameCounts, NameLists, StemSet};
use super::voikko::{self, WordInfo};
use super::GuardUnavailable;
use rustc_hash::FxHashSet as HashSet;
use shared::guard::address::street_word;
use shared::guard::text::Text;
use shared::guard::{Finding, FindingKind};
use std::sync::LazyLock;

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
    "ilmarinen",
    "elo",
    "varma",
    "veritas",
    "keva",
    "fennia",
    "pohjola",
    "lähitapiola",
    "tapiola",
    "turva",
    "nordea",
    "danske",
    "folkhälsan",
    "emmaus",
    "sovatek",
    "kalliola",
    "helsingin",
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

/// Cue words that are followed by a person's name rather than by what a person has or gets
/// ("äiti X", "nimeltä X", but not "asiakkaalla X"): after these even a word written in small
/// letters or capitals that nobody knows is taken for a name ("äiti nguyen").
const PERSON_CUES: &[&str] = &[
    "asiakas",
    "potilas",
    "äiti",
    "isä",
    "poika",
    "tytär",
    "vaimo",
    "aviomies",
    "puoliso",
    "avopuoliso",
    "sisko",
    "sisar",
    "veli",
    "nimeltä",
    "nimeltään",
    "rouva",
    "herra",
    "rva",
    "hra",
    "isoäiti",
    "isoisä",
    "mummo",
    "vaari",
    "poikaystävä",
    "tyttöystävä",
    "klienten",
    "mamma",
    "pappa",
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
    "herr",
    "fru",
    "hustru",
    "bror",
    "syster",
    "brother",
    "sister",
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

/// Service words that may end a compound ("Marian päihdepalvelut", "Malmin poliklinikalla"),
/// as the stems their case forms are built on.
const SERVICE_STEMS: &[&str] = &[
    "sairaala",
    "palvelu",
    "palveluj",
    "klinikka",
    "klinika",
    "terveysasema",
    "terveysasemi",
    "terveyskeskus",
    "terveyskeskukse",
    "terveyskeskuks",
    "keskus",
    "keskukse",
    "keskuks",
    "säätiö",
    "yhdistys",
    "yhdistykse",
    "yhdistyks",
    "seurakunta",
    "seurakunna",
    "asumisyksikkö",
    "asumisyksikö",
    "hoivakoti",
    "hoivakodi",
    "päiväkoti",
    "päiväkodi",
    "tauti",
    "taudi",
    "tautej",
    "oireyhtymä",
    "oireyhtymi",
    "syndrooma",
    "syndroomi",
    "sjukdom",
    "syndrom",
    "disease",
    "sjukhus",
    "kotihoito",
    "kotihoido",
    "liitto",
    "liito",
    "liittoj",
    "järjestö",
    "järjestöj",
    "laitos",
    "laitokse",
    "laitoks",
    "instituutti",
    "instituuti",
    "virasto",
    "viraston",
    "toimisto",
    "neuvola",
    "apteekki",
    "apteeki",
    "kirjasto",
    "opisto",
    "lukio",
    "koulu",
    "koulut",
    "kirkko",
    "kiriko",
    "yhtymä",
];

/// Finnish case endings (with plural forms) that may follow a service stem.
const SERVICE_ENDINGS: &[&str] = &[
    "", "n", "a", "ä", "t", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "na",
    "nä", "ksi", "an", "än", "en", "on", "in", "un", "ta", "tä", "seen", "ihin", "issa", "issä",
    "ista", "istä", "illa", "illä", "ilta", "iltä", "ille", "ina", "inä", "iksi", "iin", "jen",
    "iden", "itten", "ja", "jä", "ineen", "et", "ens", "ets", "ar", "arna", "s",
];

/// Whether `w` (lower case) is a service word, alone or ending a compound, in any case form:
/// "sairaalassa", "päihdepalvelut", "poliklinikalla" are; "keskusteli" is not.
fn service_word(w: &str) -> bool {
    let w = main_part(w);
    if SERVICE_NOUN_SET.contains(w) {
        return true;
    }
    // Ending first (a few dozen suffix tests), then the stem before it.
    SERVICE_ENDINGS.iter().any(|e| {
        w.strip_suffix(e)
            .is_some_and(|rest| SERVICE_STEMS.iter().any(|s| rest.ends_with(s)))
    })
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

/// The word lists above as sets: they are asked about every word of every text.
fn set(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}
static SERVICE_NOUN_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(SERVICE_NOUNS));
static EN_FUNCTION_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(EN_FUNCTION));
static SV_FUNCTION_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(SV_FUNCTION));
static FI_FUNCTION_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(FI_FUNCTION));
static PERSON_CUE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(PERSON_CUES));
static PLACE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(PLACES_AND_SERVICES));
static STOPWORD_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(STOPWORDS));
static CUE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(CUES));

/// How a word is written: capitalised ("Virtanen"), in capitals ("VIRTANEN") or in small
/// letters ("virtanen"). Only the first tells a proper noun from a common word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Title,
    Upper,
    Lower,
}

/// The shape of token `k`, or `None` when it is no name candidate at all (digits, one letter).
fn token_shape(t: &Text, k: usize) -> Option<Shape> {
    let tok = t.tokens[k];
    if tok.len() < 2 || (tok.start..tok.end).any(|i| t.at(i).is_ascii_digit()) {
        return None;
    }
    let main_end = (tok.start..tok.end)
        .find(|&i| t.at(i) == ':')
        .unwrap_or(tok.end);
    let first = t.at(tok.start);
    let rest_lower = (tok.start + 1..main_end).any(|i| t.at(i).is_lowercase());
    let rest_upper = (tok.start + 1..main_end).any(|i| t.at(i).is_uppercase());
    if first.is_uppercase() && rest_lower {
        Some(Shape::Title)
    } else if first.is_uppercase() && (rest_upper || main_end == tok.start + 1) {
        Some(Shape::Upper)
    } else if first.is_lowercase() && !rest_upper {
        Some(Shape::Lower)
    } else {
        None
    }
}

/// "virtasen" → "Virtasen", "ANNA-LIISA" → "Anna-Liisa", "HUS:N" → "Hus:n".
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-';
    }
    out
}

/// Whether a lower-case word looks like a genitive ("Marian", "Juséliuksen", "Kiven").
fn genitive(lw: &str) -> bool {
    let w = main_part(lw);
    w.ends_with('n') && !w.ends_with("nen") || lw.contains(":n")
}

/// Whether a lower-case word is in the inessive ("Kalevassa", "Kaarinassa"): the case of being
/// in a place, hardly ever of a person (the elative is: "puhuttiin Matista").
fn inner_locative(lw: &str) -> bool {
    let w = main_part(lw);
    ["ssa", "ssä"].iter().any(|e| w.ends_with(e)) && w.chars().count() > 5
        || [":ssa", ":ssä"].iter().any(|e| lw.ends_with(e))
}

/// Whether a lower-case word ends in a local case ("Kalliossa", "Kalliosta", "Kallioon"…).
fn locative(lw: &str) -> bool {
    let w = main_part(lw);
    [
        "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "seen", "aan", "ään", "oon",
        "öön", "uun", "yyn", "iin", "een",
    ]
    .iter()
    .any(|e| w.ends_with(e))
        || lw.contains(":ssa")
        || lw.contains(":sta")
        || lw.contains(":lla")
}

/// Function words of English and Swedish, to tell the language of a text.
const EN_FUNCTION: &[&str] = &[
    "the", "and", "of", "to", "is", "was", "with", "for", "we", "he", "she", "they", "his", "her",
    "has", "have", "had", "at", "in", "on", "this", "that", "from", "be", "been", "are", "were",
    "would", "could", "should", "not", "about", "their", "our", "it", "an",
];
const SV_FUNCTION: &[&str] = &[
    "och", "är", "att", "det", "som", "på", "för", "med", "har", "inte", "till", "av", "om", "den",
    "han", "hon", "vi", "ska", "kan", "från", "efter", "var", "hade", "eller", "också", "klienten",
    "hennes", "hans", "sin", "sitt", "sina", "i", "en", "ett",
];
const FI_FUNCTION: &[&str] = &[
    "ja",
    "on",
    "ei",
    "että",
    "oli",
    "hän",
    "se",
    "ovat",
    "kanssa",
    "mutta",
    "tai",
    "kun",
    "jos",
    "myös",
    "nyt",
    "sekä",
    "hänen",
    "ole",
    "olisi",
    "jotta",
    "jossa",
    "mitä",
    "miten",
    "asiakas",
    "asiakkaan",
    "hänellä",
    "hänelle",
    "sen",
    "joka",
    "ollut",
];

/// The language a text is written in, as far as the name rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Language {
    Finnish,
    English,
    Swedish,
}

/// English or Swedish when at least two of its function words occur and more than of either
/// other language; Finnish otherwise.
fn text_language(t: &Text) -> Language {
    let (mut en, mut sv, mut fi) = (0usize, 0usize, 0usize);
    for k in 0..t.tokens.len() {
        let w = t.token_lower(k);
        en += usize::from(EN_FUNCTION_SET.contains(w));
        sv += usize::from(SV_FUNCTION_SET.contains(w));
        fi += usize::from(FI_FUNCTION_SET.contains(w));
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
    fn language(&self, t: &Text) -> Language {
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
}

/// Whether a cue that is followed by a person's name stands right before token `k` (see
/// [`PERSON_CUES`]); a title abbreviation ("MS", "mr") only with its full stop or written as a
/// title ("Mr", "Ms."), since in capitals "MS" is a diagnosis or milliseconds.
fn person_cued(t: &Text, k: usize) -> bool {
    if k == 0 {
        return false;
    }
    let (p, x) = (t.tokens[k - 1], t.tokens[k]);
    if !(x.start > p.end && x.start - p.end <= 2 && t.only_space_between(p.end, x.start, &['.'])) {
        return false;
    }
    let w = t.token_lower(k - 1);
    if !PERSON_CUE_SET.contains(w) {
        return false;
    }
    !matches!(w, "mr" | "ms" | "mrs" | "hra" | "rva" | "miss" | "dr")
        || t.at(p.end) == '.'
        || (t.at(p.start).is_uppercase() && t.at(p.start + 1).is_lowercase())
}

/// Month and weekday names, words in an English or Swedish text even where they are also
/// common names here ("August").
const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "januari",
    "februari",
    "mars",
    "maj",
    "juni",
    "juli",
    "augusti",
    "oktober",
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
];

/// English and Swedish prepositions before a month name ("in June", "sedan augusti").
const MONTH_PREPOSITIONS: &[&str] = &[
    "in", "on", "since", "until", "by", "from", "next", "last", "till", "i", "på", "sedan", "före",
    "efter", "during", "before", "after", "of", "mid", "early", "late",
];

/// Specimen prefixes of Finnish laboratory test names ("P-Krea", "fP-Gluk", "U-Kann").
const LAB_PREFIXES: &[&str] = &[
    "p", "b", "s", "u", "e", "fp", "fs", "cb", "vb", "ab", "pt", "du", "li", "ly", "sp", "ts",
    "ft", "cs", "nf", "pl",
];

/// Whether token `k` is a short word (five letters or fewer) followed by a number, as lab
/// tests and scales are written ("Na 131", "Hb 98", "K 3,2", "Krea 85"), or a lab test name
/// with its specimen prefix ("P-Krea", "U-Kann").
fn lab_value(t: &Text, k: usize) -> bool {
    // "Usko 84 v": a number with an age unit after it is an age, not a value.
    if k + 2 < t.tokens.len()
        && matches!(
            t.token_lower(k + 2),
            "v" | "vuotias" | "år" | "years" | "y" | "yrs"
        )
    {
        return false;
    }
    let w = t.token_lower(k);
    if let Some((prefix, _)) = w.split_once('-') {
        if LAB_PREFIXES.contains(&prefix) {
            return true;
        }
    }
    let tok = t.tokens[k];
    let mut i = tok.end;
    while t.at(i) == ' ' {
        i += 1;
    }
    tok.len() <= 5 && i > tok.end && i - tok.end <= 2 && t.at(i).is_ascii_digit()
}

/// Relation words that follow a name with a hyphen ("Tyyne-mummo", "Pekka-setä").
const HYPHEN_RELATIONS: &[&str] = &[
    "mummo", "mummi", "vaari", "pappa", "mamma", "täti", "setä", "eno", "isä", "äiti", "poika",
    "tyttö", "vauva", "serkku", "sisko", "veli", "ukki", "isi", "äiskä", "mummu",
];

/// Words after a name in the genitive that make it a person ("Jukan sisko", "Tuulin kanssa").
const AFTER_CUES: &[&str] = &[
    "äiti",
    "isä",
    "sisko",
    "sisar",
    "veli",
    "poika",
    "tytär",
    "vaimo",
    "mies",
    "puoliso",
    "avopuoliso",
    "lapsi",
    "lapset",
    "vanhemmat",
    "isoäiti",
    "isoisä",
    "mummo",
    "vaari",
    "täti",
    "setä",
    "eno",
    "serkku",
    "kanssa",
    "kanssaan",
    "luona",
    "luokse",
    "luota",
    "kera",
    "tyttöystävä",
    "poikaystävä",
    "exä",
    "naapuri",
    "omainen",
    "omaiset",
    "edunvalvoja",
    "kotona",
    "asunto",
    "asunnossa",
    "asunnolla",
    "perhe",
    "hoitaja",
    "lääkäri",
];

/// Words after a name that make it an organisation whatever its case ("Hope ry", "Elo oy").
const ORG_MARKERS: &[&str] = &[
    "ry",
    "r.y",
    "oy",
    "oyj",
    "ab",
    "rf",
    "ltd",
    "inc",
    "gmbh",
    "ky",
    "tmi",
    "säätiö",
    "sr",
];

/// Strips a `:`-ending ("Lucy:lle" → "Lucy").
fn main_part(w: &str) -> &str {
    let w = w.split(':').next().unwrap_or(w);
    // English possessive: "Aisha's" → "Aisha".
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// The name detector: the lists, and whether voikko is used.
pub struct NameDetector {
    lists: NameLists,
    places: StemSet,
    english_words: HashSet<&'static str>,
    swedish_words: HashSet<&'static str>,
    names_over_words: HashSet<&'static str>,
    fi_frequent: HashSet<&'static str>,
    use_voikko: bool,
}

/// The most frequent English and Swedish words (`data/guard/en_words.txt`, `sv_words.txt`).
const EN_WORDS: &str = include_str!("../../data/guard/en_words.txt");
const SV_WORDS: &str = include_str!("../../data/guard/sv_words.txt");
/// Names that are also words but far more often names (`data/guard/fi_names_over_words.txt`).
const NAMES_OVER_WORDS: &str = include_str!("../../data/guard/fi_names_over_words.txt");
/// The most frequent Finnish word forms (`data/guard/fi_frequent_words.txt`).
const FI_FREQUENT: &str = include_str!("../../data/guard/fi_frequent_words.txt");

/// The lines of an embedded word list, without comments.
fn word_set(list: &'static str) -> HashSet<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

impl NameDetector {
    /// A detector over the embedded lists; `use_voikko` false runs on the lists alone.
    pub fn new(use_voikko: bool) -> NameDetector {
        NameDetector {
            lists: NameLists::load(),
            places: StemSet::new(PLACES_AND_SERVICES),
            english_words: word_set(EN_WORDS),
            swedish_words: word_set(SV_WORDS),
            names_over_words: word_set(NAMES_OVER_WORDS),
            fi_frequent: word_set(FI_FREQUENT),
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
                .any(|l| PLACE_SET.contains(l.as_str()))
    }

    /// Classifies one capitalised word (`word` as written, `lw` lower case).
    fn classify_word(&self, word: &str, lw: &str) -> Class {
        let main = main_part(lw);
        if STOPWORD_SET.contains(main) {
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

    /// Classifies token `k` as written in title case (`word`): for a word in capitals or small
    /// letters that is its title-case form, since voikko and the lists know names that way.
    fn classify(&self, word: &str, informative: bool) -> Class {
        let lw = word.to_lowercase();
        // Hyphenated: "Anna-Liisa", "Al-Hassan" (all parts capitalised) is a name-like whole;
        // "Maisa-palvelu", "Kela-kortti" is a compound common word.
        if lw.contains('-') {
            let parts: Vec<&str> = word.split('-').collect();
            // "ma-pe", "TI-TO": weekday and other short abbreviations, not a double name.
            if !informative && parts.iter().all(|p| p.chars().count() <= 2) {
                return Class::Common;
            }
            // "Y-Säätiön", "Aurora-talo": a compound naming an institution.
            if parts
                .iter()
                .skip(1)
                .any(|p| service_word(&p.to_lowercase()))
            {
                return Class::Place;
            }
            // "Tyyne-mummo", "Pekka-setä": a name with the relation it is to someone.
            if parts.len() == 2
                && HYPHEN_RELATIONS.contains(&parts[1].to_lowercase().as_str())
                && parts[0].chars().count() >= 2
            {
                let head = self.classify_word(parts[0], &parts[0].to_lowercase());
                return if head.namey() {
                    Class::Strong { sure: true }
                } else {
                    Class::Common
                };
            }
            if informative
                && parts
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
                if !informative && !c.namey() {
                    // "kela-kortti", "lääke-annos": capitalisation cannot tell, one common
                    // part makes a compound.
                    return Class::Common;
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
        self.classify_word(word, &lw)
    }

    /// Whether a word in small letters or capitals is worth classifying at all: it reads as a
    /// case form of a listed name (a few hash probes) and is not one of the most frequent
    /// Finnish words, or a cue stands before it. Keeps voikko away from the ordinary words of a
    /// text written all in one case.
    fn worth_classifying(&self, lw: &str, cued: bool) -> bool {
        cued || lw.split('-').any(|p| {
            if p.chars().count() < 2 {
                return false;
            }
            let counts = self.lists.inflected(p);
            // The most frequent Finnish words ("on", "oli", "mies") are words, unless they are
            // also a popular name ("matti").
            counts.listed() && !(self.fi_frequent.contains(p) && counts.max() < 1000)
        })
    }

    /// Whether `lw` is an everyday word of `lang` rather than a name: listed among the language's
    /// most frequent words and not a name of 1 000 bearers or more here.
    fn foreign_word(&self, lw: &str, lang: Language) -> bool {
        let main = main_part(lw);
        let listed = match lang {
            Language::English => self.english_words.contains(main),
            Language::Swedish => self.swedish_words.contains(main),
            Language::Finnish => false,
        };
        listed && self.lists.base_form(main).max() < 1000 || CALENDAR_WORDS.contains(&main)
    }

    /// Whether what follows token `k` says it is a person: in the genitive before a relation
    /// word or a postposition of company ("Jukan sisko", "Onnin äiti", "Tuulin kanssa"), or
    /// before an age ("Usko 84 v", "Rauha, 91-vuotias", "TYYNE (89 V)").
    fn cued_after(&self, t: &Text, k: usize, shape: &[Option<Shape>]) -> bool {
        let n = t.tokens.len();
        if k + 1 >= n {
            return false;
        }
        let (x, y) = (t.tokens[k], t.tokens[k + 1]);
        let gap_ok = |allowed: &[char]| {
            y.start - x.end <= 3 && t.only_space_between(x.end, y.start, allowed)
        };
        let next = t.token_lower(k + 1);
        let cue = if gap_ok(&[]) && genitive(t.token_lower(k)) && AFTER_CUES.contains(&next) {
            shape[k + 1] != Some(Shape::Title) || shape[k] != Some(Shape::Title)
        } else if gap_ok(&[',', '(']) && next.chars().all(|c| c.is_ascii_digit()) && next.len() <= 3
        {
            // An age: a number of one to three digits, then "v", "vuotias", "år", "years".
            let after = if k + 2 < n { t.token_lower(k + 2) } else { "" };
            matches!(
                after,
                "v" | "vuotias" | "vuotiaana" | "vuotta" | "år" | "years" | "y" | "yrs" | "vee"
            )
        } else {
            next.split_once('-').is_some_and(|(num, tail)| {
                num.chars().all(|c| c.is_ascii_digit()) && tail.starts_with("vuotia")
            }) && gap_ok(&[',', '('])
        };
        if !cue {
            return false;
        }
        // A relation word is no name, in any case form ("Sisko 50 v", "exän kanssa"), nor is a
        // frequent word that is hardly a name ("Mies 59 v").
        let lw = main_part(t.token_lower(k));
        let relation = CUE_SET.contains(lw)
            || lw
                .strip_suffix('n')
                .is_some_and(|stem| CUE_SET.contains(stem));
        !(relation || self.fi_frequent.contains(lw) && self.lists.inflected(lw).max() < 500)
    }

    /// Whether `lw` is a frequent word of `lang` at all, common name or not: at the start of an
    /// English or Swedish sentence "Max dose…", "Per dag…", "Bo kvar…" are words.
    fn dictionary_word(&self, lw: &str, lang: Language) -> bool {
        let main = main_part(lw);
        match lang {
            Language::English => self.english_words.contains(main),
            Language::Swedish => self.swedish_words.contains(main),
            Language::Finnish => false,
        }
    }

    /// Whether a name that is also a word is far more often a name (see the data file).
    fn mostly_name(&self, word: &str) -> bool {
        let lw = word.to_lowercase();
        if CUE_SET.contains(lw.as_str()) {
            return false;
        }
        let vi = self.info(main_part(word));
        let mut names: Vec<&str> = vi
            .name_lemmas
            .iter()
            .chain(vi.common_lemmas.iter())
            .map(String::as_str)
            .filter(|l| self.names_over_words.contains(l) && !CUES.contains(l))
            .collect();
        // A popular name whose other readings are rare words of another base form ("Sannan":
        // Sanna, or 'santa') is a name too.
        let popular = vi
            .name_lemmas
            .iter()
            .any(|l| self.lists.base_form(l).max() >= 10_000 && !CUE_SET.contains(l.as_str()));
        if popular
            && vi
                .common_lemmas
                .iter()
                .all(|c| !vi.name_lemmas.contains(c) && !self.fi_frequent.contains(c.as_str()))
        {
            names.extend(vi.name_lemmas.iter().map(String::as_str));
        }
        if names.is_empty() {
            return false;
        }
        // "ainoa" reads as Aino too, but as 'only' it is one of the most frequent Finnish words.
        !(self.fi_frequent.contains(main_part(lw.as_str()))
            && vi
                .common_lemmas
                .iter()
                .any(|c| !names.contains(&c.as_str())))
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
        let adjacent = |a: usize, b: usize| {
            let (x, y) = (t.tokens[a], t.tokens[b]);
            y.start > x.end && y.start - x.end <= 2 && t.only_space_between(x.end, y.start, &[])
        };
        let cued_at =
            |k: usize| k > 0 && adjacent(k - 1, k) && CUE_SET.contains(t.token_lower(k - 1));
        let lang = self.language(t);
        let has_lowercase = t.chars.iter().any(|c| c.is_lowercase());
        // A text all in capitals or all in small letters: there a word in one case says nothing.
        // In a text with both, a word in small letters was written as a word ("perheen ilona").
        let one_case = !has_lowercase || !t.chars.iter().any(|c| c.is_uppercase());
        let shape: Vec<Option<Shape>> = (0..n).map(|k| token_shape(t, k)).collect();
        let mut class: Vec<Option<Class>> = vec![None; n];
        for k in 0..n {
            let Some(sh) = shape[k] else { continue };
            let tok = t.tokens[k];
            let written = t.slice(tok.start, tok.end);
            let c = match sh {
                Shape::Title => self.classify(&written, true),
                Shape::Upper | Shape::Lower => {
                    let cued = cued_at(k) || self.cued_after(t, k, &shape);
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
                        && CALENDAR_WORDS.contains(&main_part(t.token_lower(k)))
                        && MONTH_PREPOSITIONS.contains(&t.token_lower(k - 1)) =>
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
            let dash_compound =
                y.start == x.end + 2 && t.at(x.end) == ' ' && t.at(x.end + 1) == '-';
            if !adjacent(k, k + 1) && !dash_compound {
                continue;
            }
            let next = main_part(t.token_lower(k + 1));
            // A capitalised service word names an institution whatever the case before it
            // ("Niilo Mäki Instituutti", "Miina Sillanpään Säätiö").
            // Only with the service word in the nominative or genitive, not where a person is
            // ("Järvinen A-klinikalla"); and only capitalised: in capitals "LINDHOLM KOTIHOIDON
            // ASIAKKAANA" is a person.
            let titled_service = shape[k + 1] == Some(Shape::Title)
                && shape[k] == Some(Shape::Title)
                && !locative(next);
            let names_place = dash_compound
                || ORG_MARKERS.contains(&next)
                || (genitive(t.token_lower(k))
                    || class[k] == Some(Class::Place)
                    || titled_service && service_word(next))
                    && (service_word(next) || street_word(next) == Some(true));
            if names_place {
                class[k] = Some(Class::Place);
                let mut j = k;
                while j > 0
                    && adjacent(j - 1, j)
                    && class[j - 1].is_some_and(Class::can_join)
                    && shape[j - 1] == shape[k]
                {
                    class[j - 1] = Some(Class::Place);
                    j -= 1;
                }
            }
        }
        let mut flag = vec![false; n];
        for k in 0..n {
            let (Some(c), Some(sh)) = (class[k], shape[k]) else {
                continue;
            };
            // A cue after the word: a genitive before a relation word or "kanssa" ("Jukan sisko",
            // "Onnin äiti", "Tuulin kanssa"), or an age after it ("Usko 84 v", "Rauha, 91 v").
            let cued = cued_at(k) || self.cued_after(t, k, &shape);
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
                                    && adjacent(k, k + 1)
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
                    let cued = (person_cued(t, k) && !verb()) || self.cued_after(t, k, &shape);
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
        // Pairs: two name-capable words side by side where one is a name (rule 3), and
        // spreading from flagged names to their unknown neighbours. Between words in capitals
        // or small letters, one of the two must be a name on its own ("pekka korhonen"), so
        // that "tuuli ja onni" stays words.
        for k in 0..n.saturating_sub(1) {
            let (Some(a), Some(b)) = (class[k], class[k + 1]) else {
                continue;
            };
            if !(adjacent(k, k + 1)
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
                        && adjacent(k.min(j), k.max(j))
                    {
                        flag[j] = true;
                        changed = true;
                    }
                }
            }
        }
        for (tok, _) in t.tokens.iter().zip(&flag).filter(|(_, f)| **f) {
            out.push(Finding::new(FindingKind::PersonName, tok.start, tok.end));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PPT_EXPLAIN="word word" cargo test -p server --lib explain -- --nocapture` prints how
    /// each word is classified (a developer's aid; asserts nothing about the words given).
    #[test]
    fn explain() {
        let d = NameDetector::new(true);
        let words = std::env::var("PPT_EXPLAIN").unwrap_or_else(|_| "Virtanen".into());
        for w in words.split_whitespace() {
            let c = d.classify(w, true);
            let vi = d.info(w);
            println!(
                "{w}: {c:?} inflected={:?} voikko={vi:?}",
                d.lists.inflected(&w.to_lowercase())
            );
        }
        assert_eq!(d.classify("Virtanen", true), Class::Strong { sure: true });
    }
}

#[cfg(test)]
mod detect_tests {
    use super::*;

    fn names(d: &NameDetector, s: &str) -> Vec<String> {
        let t = Text::new(s);
        let mut out = Vec::new();
        d.detect(&t, &mut out).expect("voikko");
        out.iter().map(|f| t.slice(f.start, f.end)).collect()
    }

    #[test]
    fn names_in_any_case() {
        let d = NameDetector::new(true);
        assert_eq!(names(&d, "ÄITI SARI LAITINEN SOITTI"), ["SARI", "LAITINEN"]);
        assert_eq!(
            names(&d, "asiakas pekka korhonen ei tullut"),
            ["pekka", "korhonen"]
        );
        assert_eq!(names(&d, "SOITIN EILEN MATILLE"), ["MATILLE"]);
        assert_eq!(names(&d, "keskustelin kivimäen kanssa"), ["kivimäen"]);
        // A word that is also a name needs a cue when case says nothing.
        assert!(names(&d, "tuuli oli kova ja onni suosi").is_empty());
        assert!(names(&d, "TOIVO ON, ETTÄ ASIAKAS PÄÄSEE KOTIIN").is_empty());
        assert!(names(&d, "asiakkaan ainoa toive on oma asunto").is_empty());
        assert_eq!(names(&d, "äiti onni tuli"), ["onni"]);
        // Short capitals are abbreviations; "MS" is no cue in capitals.
        assert!(names(&d, "QTC 470 MS METADONIN ALOITUKSEN JÄLKEEN, TIA-EPÄILY").is_empty());
    }

    #[test]
    fn places_and_services_do_not_hide_people() {
        let d = NameDetector::new(true);
        assert_eq!(names(&d, "Lehtonen keskusteli sossun kanssa"), ["Lehtonen"]);
        assert_eq!(names(&d, "Asiakas Lahtinen sairaalassa"), ["Lahtinen"]);
        assert_eq!(names(&d, "Asiakas Kallio kertoi"), ["Kallio"]);
        assert!(names(&d, "Asiakas Kallion alueelta").is_empty());
        assert!(names(&d, "Hoidettiin Marian sairaalassa ja Auroran sairaalassa.").is_empty());
        assert!(names(&d, "Tutkimus Sigrid Juséliuksen säätiön rahoittamana.").is_empty());
        assert!(names(&d, "TUTKIMUS SIGRID JUSÉLIUKSEN SÄÄTIÖN RAHOITTAMANA.").is_empty());
        assert!(names(
            &d,
            "Kela, Ilmarinen ja Varma pyysivät selvitystä, Hope ry auttoi."
        )
        .is_empty());
        assert!(names(&d, "Lab: K 3,2, Na 131, Hb 98, U-Kann negatiivinen.").is_empty());
        assert!(names(&d, "Labrat: FAST 45, puhelinaika ma-pe 8-16, MA-PE klo 9.").is_empty());
        assert_eq!(
            names(&d, "Paikalla Sari 45 v ja MARJA 34 v."),
            ["Sari", "MARJA"]
        );
    }

    #[test]
    fn english_and_swedish_words_are_words() {
        let d = NameDetector::new(true);
        assert!(names(
            &d,
            "Will the team meet? May we discuss the Grace period and Hope?"
        )
        .is_empty());
        assert!(names(&d, "June and August meetings are cancelled.").is_empty());
        assert!(names(
            &d,
            "Hoppet är att klienten får stöd från Folkhälsan och Röda Korset."
        )
        .is_empty());
        assert_eq!(
            names(&d, "The client met Maria at the day centre."),
            ["Maria"]
        );
        assert_eq!(
            names(&d, "The client met Mark Johnson there."),
            ["Mark", "Johnson"]
        );
    }
}
