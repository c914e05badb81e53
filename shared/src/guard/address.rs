//! Street addresses with a house number ("Mannerheimintie 12 B 34", "Aleksis Kiven katu 5",
//! "Storgatan 5", "Kalliolanrinne 4:ssä", "221B Baker Street") and postal code + town
//! ("00530 Helsinki", "FI-02100 Espoo").
//!
//! A street is recognised by its last part: a word ending in a street word in any case form
//! ("…tie", "…tiellä", "…kadun", "…kujalla"; Swedish "…vägen", "…gatan"), a lone street word
//! after the name's other words ("Aleksis Kiven katu"), or one of the Helsinki street names
//! that end in none of them ("Bulevardi", "Erottaja"). It only counts with a house number right
//! after it, since a street alone ("asuu Kalliossa", "Mannerheimintien varrella") is a location
//! rather than an address. Any capitalised word followed by a house number, staircase letter
//! and apartment number ("Xyz 12 B 34") is an address by shape alone. A number followed by a
//! unit ("Itäväylä 10 km") is not a house number.
//!
//! Capitals are a help, not a condition: people write whole texts in small letters or in
//! capitals ("asuu mannerheimintie 12 b 34", "MANNERHEIMINTIE 12 B 34"). Where capitalisation
//! says nothing, the street word and what is around it decide (see `street_at`): "…tie",
//! "…katu", "…kuja" compounds are streets; "…polku", "…linja", "…kulma", "…kaari" compounds
//! only with a genitive first part ("malmin|kaari") or more evidence — a cue before ("asuu",
//! "osoitteessa", "kotikäynti", "bor på"), a staircase or apartment ("12 b 34", "12 as 5"), an
//! inflected number ("5:ssä") or a postal code after; a lone street word needs a genitive or an
//! ordinal right before it ("kiven katu", "neljäs linja", never "bussin linja 55"). Compounds
//! that are common nouns ("valtatie 4", "umpikuja", "hoitopolku 2", "näkökulma 2",
//! "elämänkaari") are never streets, capitalised or not.
//!
//! The postal code is five digits followed by a town: capitalised ("2023 Helsinki" and "10000
//! euroa" stay out), or in small letters or capitals a known town, or any word after a code of
//! the Helsinki region (0…), a postal cue or a street address ("00530 helsinki").

use super::text::Text;
use super::{Finding, FindingKind};

/// Street words (base forms) that end a street name. 95 % of Helsinki's streets end in the
/// first ten.
pub const SUFFIXES: &[&str] = &[
    "tie",
    "kuja",
    "polku",
    "katu",
    "aukio",
    "rinne",
    "tori",
    "raitti",
    "ranta",
    "kaari",
    "väylä",
    "laituri",
    "portti",
    "piha",
    "silta",
    "puisto",
    "penger",
    "porras",
    "linja",
    "puistikko",
    "tanhua",
    "kulma",
    "kierto",
];

/// Street words in the case forms an address is written in ("asuu Kotikujalla 5").
const SUFFIX_FORMS: &[&str] = &[
    "tie",
    "tien",
    "tiellä",
    "tieltä",
    "tielle",
    "tiehen",
    "tietä",
    "katu",
    "kadun",
    "kadulla",
    "kadulta",
    "kadulle",
    "katua",
    "katuun",
    "kuja",
    "kujan",
    "kujalla",
    "kujalta",
    "kujalle",
    "kujaa",
    "kujaan",
    "polku",
    "polun",
    "polulla",
    "polulta",
    "polulle",
    "polkua",
    "polkuun",
    "aukio",
    "aukion",
    "aukiolla",
    "aukiolta",
    "aukiolle",
    "aukiota",
    "aukioon",
    "rinne",
    "rinteen",
    "rinteellä",
    "rinteeltä",
    "rinteelle",
    "rinnettä",
    "rinteeseen",
    "tori",
    "torin",
    "torilla",
    "torilta",
    "torille",
    "toria",
    "toriin",
    "raitti",
    "raitin",
    "raitilla",
    "raitilta",
    "raitille",
    "raittia",
    "raittiin",
    "ranta",
    "rannan",
    "rannalla",
    "rannalta",
    "rannalle",
    "rantaa",
    "rantaan",
    "rannassa",
    "kaari",
    "kaaren",
    "kaarella",
    "kaarelta",
    "kaarelle",
    "kaarta",
    "kaareen",
    "väylä",
    "väylän",
    "väylällä",
    "väylältä",
    "väylälle",
    "väylää",
    "väylään",
    "laituri",
    "laiturin",
    "laiturilla",
    "portti",
    "portin",
    "portilla",
    "portille",
    "piha",
    "pihan",
    "pihalla",
    "pihalle",
    "pihassa",
    "silta",
    "sillan",
    "sillalla",
    "puisto",
    "puiston",
    "puistossa",
    "penger",
    "penkereen",
    "penkereellä",
    "porras",
    "portaan",
    "portaalla",
    "portaille",
    "linja",
    "linjan",
    "linjalla",
    "linjalle",
    "linjalta",
    "puistikko",
    "puistikon",
    "tanhua",
    "tanhuan",
    "tanhualla",
    "kulma",
    "kulman",
    "kulmassa",
    "kierto",
    "kierron",
    "kierrolla",
    // Swedish
    "vägen",
    "väg",
    "gatan",
    "gata",
    "gränd",
    "gränden",
    "stigen",
    "backen",
    "torget",
    "kajen",
    "allén",
    "planen",
    "gången",
    "stranden",
    "esplanaden",
    "esplanad",
    "kroken",
    "bågen",
    "parken",
];

include!("unsuffixed_streets.rs");

/// English street words that follow the name ("221B Baker Street").
const EN_STREET: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "drive",
    "way",
    "close",
    "place",
    "square",
    "boulevard",
    "crescent",
    "court",
];

/// Words after a number that make it a quantity, not a house number.
const UNITS: &[&str] = &[
    "km",
    "min",
    "mg",
    "kg",
    "ml",
    "vuotta",
    "vuoden",
    "vuotias",
    "kertaa",
    "krt",
    "kpl",
    "tuntia",
    "tunnin",
    "päivää",
    "pv",
    "vrk",
    "viikkoa",
    "vko",
    "kk",
    "kuukautta",
    "metriä",
    "minuuttia",
    "euroa",
    "eur",
    "prosenttia",
    "asiakasta",
    "henkilöä",
    "hlö",
    "hlöä",
    "pistettä",
    "mmol",
    "years",
    "times",
    "år",
    "yötä",
    "yöksi",
    "vaihetta",
    "kohtaa",
    "osaa",
    "askelta",
    "ihmistä",
    "kertaa",
    "tuntia",
];

/// Whether `w` (lower case) is a street word, alone (`Some(true)`) or as the end of a compound
/// of at least two more letters (`Some(false)`). The server's name detector uses it too: a
/// capitalised word before "katu" is part of a street name, not a person.
pub fn street_word(w: &str) -> Option<bool> {
    for s in SUFFIX_FORMS {
        if w == *s {
            return Some(true); // standalone street word: needs capitalised words before it
        }
        if w.len() >= s.len() + 2 && w.ends_with(s) {
            return Some(false);
        }
    }
    None
}

/// Whether token `k` is capitalised the way a name is ("Kiven", "A", not "HSL:n").
fn name_like(t: &Text, k: usize) -> bool {
    let tok = t.tokens[k];
    if !t.at(tok.start).is_uppercase() {
        return false;
    }
    if tok.len() == 1 {
        return t.at(tok.end) == '.'; // an initial, "A.I. Virtasen aukio"
    }
    // Lower-case letters in the word itself, not only in an ending after ':' ("HSL:n").
    (tok.start + 1..tok.end)
        .take_while(|&i| t.at(i) != ':')
        .any(|i| t.at(i).is_lowercase())
}

/// What follows a street name: the end of the house number part, and whether it had a
/// staircase letter and an apartment number.
struct HouseNumber {
    end: usize,
    staircase: bool,
    apartment: bool,
    /// With a case ending ("12:ssa").
    inflected: bool,
    /// Followed by ", " and a postal code.
    postal_after: bool,
}

/// Whether a unit follows `k` (after spaces): "10 km", "5 %", "3 vuotta".
fn unit_at(t: &Text, k: usize) -> bool {
    let mut u = k;
    while t.at(u) == ' ' {
        u += 1;
    }
    let ti = t.token_at_or_after(u);
    if ti < t.tokens.len() && t.tokens[ti].start == u {
        let w = t.token_lower(ti);
        if UNITS.contains(&w) || w.starts_with("vuo") || w.starts_with('%') {
            return true;
        }
    }
    matches!(t.at(u), '%' | '€' | '°')
}

/// Whether `c` may be a staircase letter: not "x" ("2 x viikossa", "3x/vrk") or "v" ("72 v").
fn staircase_letter(c: char) -> bool {
    c.is_alphabetic() && !matches!(c, 'x' | 'X' | 'v' | 'V')
}

/// Reads "12", "12a", "12-14", "12:ssa", "12 B 34", "12 as. 5", "12B34" from `i` (after the
/// street name's end).
fn house_number(t: &Text, i: usize) -> Option<HouseNumber> {
    let mut k = i;
    let mut spaces = 0;
    while matches!(t.at(k), ' ' | '\u{a0}') && spaces < 2 {
        k += 1;
        spaces += 1;
    }
    if k == i || !t.digit(k) {
        return None;
    }
    let d = t.digits_from(k);
    if d > 3 || t.at(k) == '0' {
        return None;
    }
    k += d;
    let number_end = k;
    // Decimal or time: "Rinne 12.30", "12,5".
    if matches!(t.at(k), '.' | ',') && t.digit(k + 1) {
        return None;
    }
    // Range "12-14".
    if matches!(t.at(k), '-' | '–') && t.digit(k + 1) && t.digits_from(k + 1) <= 3 {
        k += 1 + t.digits_from(k + 1);
    }
    let mut staircase = false;
    let mut apartment = false;
    // Glued letter: "12a", "12B", "12B34".
    if staircase_letter(t.at(k)) && !t.at(k + 1).is_alphabetic() && t.at(k + 1) != '/' {
        k += 1;
        staircase = true;
        if t.digit(k) && t.digits_from(k) <= 3 {
            k += t.digits_from(k);
            apartment = true;
        }
    }
    // Inflection "12:ssa".
    if t.at(k) == ':' && t.at(k + 1).is_alphabetic() {
        let mut e = k + 1;
        while t.at(e).is_alphabetic() {
            e += 1;
        }
        return Some(HouseNumber {
            end: e,
            staircase,
            apartment,
            inflected: true,
            postal_after: false,
        });
    }
    if t.at(k).is_alphanumeric() {
        return None;
    }
    // Unit after the number: a quantity.
    if unit_at(t, k) {
        return None;
    }
    // Staircase letter and apartment: " B 34", " b", " as. 34", " as 34".
    if !staircase
        && t.at(k) == ' '
        && staircase_letter(t.at(k + 1))
        && !t.at(k + 2).is_alphanumeric()
        && !matches!(t.at(k + 2), '.' | '/')
    {
        k += 2;
        staircase = true;
        if t.digit(k) {
            // "B34" cannot happen here (letter then space checked); nothing to do.
        }
    }
    let mut a = k;
    if t.at(a) == ' ' {
        a += 1;
    }
    for marker in [
        "as.", "as", "asunto", "lgh", "bst", "h", "apt", "apt.", "flat",
    ] {
        if t.starts_with_ci(a, marker) && !t.at(a + marker.chars().count()).is_alphabetic() {
            let mut b = a + marker.chars().count();
            while t.at(b) == ' ' {
                b += 1;
            }
            if t.digit(b) {
                a = b;
                break;
            }
        }
    }
    if a > k && t.digit(a) && t.digits_from(a) <= 3 && t.at(a) != '0' {
        let e = a + t.digits_from(a);
        if !t.at(e).is_alphanumeric() || (t.at(e).is_alphabetic() && !t.at(e + 1).is_alphanumeric())
        {
            let e = if t.at(e).is_alphabetic() { e + 1 } else { e };
            // A quantity after the apartment number means it was not one ("1 h 30 min"): the
            // house number stands alone.
            if unit_at(t, e) {
                return Some(HouseNumber {
                    end: number_end,
                    staircase: false,
                    apartment: false,
                    inflected: false,
                    postal_after: false,
                });
            }
            apartment = true;
            return Some(HouseNumber {
                end: e,
                staircase,
                apartment,
                inflected: false,
                postal_after: postal_after(t, e),
            });
        }
    }
    Some(HouseNumber {
        end: k,
        staircase,
        apartment,
        inflected: false,
        postal_after: postal_after(t, k),
    })
}

/// Whether ", 00530" (a postal code) follows `e`.
fn postal_after(t: &Text, e: usize) -> bool {
    t.at(e) == ',' && t.at(e + 1) == ' ' && t.digits_from(e + 2) == 5
}

/// Adds address and postal-code findings for `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    streets(t, out);
    english_streets(t, out);
    postal_codes(t, out);
}

/// How much a token's capitalisation says about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Capitalised in the middle of a sentence ("asuu Kotikujalla"): a proper noun.
    Proper,
    /// Capitalised at the start of a sentence, where every word is. A compound or listed street
    /// standing first ("Jäkäläpolku 63 on …") counts as capitalised; a lone street word with
    /// only the sentence's first word before it ("Bussin linja 55") does not.
    Initial,
    /// All in small letters or all in capitals: the writer's habit, not the word's kind.
    Blind,
}

fn case_of(t: &Text, k: usize) -> Case {
    let tok = t.tokens[k];
    let first_upper = t.at(tok.start).is_uppercase();
    let lower_rest = (tok.start + 1..tok.end).any(|i| t.at(i).is_lowercase());
    match (first_upper && lower_rest, t.sentence_initial(k)) {
        (true, false) => Case::Proper,
        (true, true) => Case::Initial,
        _ => Case::Blind,
    }
}

/// Whether the street-word form `form` is one of the words that common nouns seldom end in
/// (besides those listed in [`COMMON_COMPOUNDS`]): "…tie", "…katu", "…kuja", "…polku",
/// "…aukio", "…ranta", "…väylä", Swedish "…vägen", "…gatan"; unlike "…tori", "…linja",
/// "…kulma", "…kaari", "…rinne", "…silta" or "…piha" ("koordinaattori", "näkökulma",
/// "kansanperinne", "eilisilta").
fn strong_form(form: &str) -> bool {
    [
        "tie", "kat", "kad", "kuj", "pol", "auk", "ran", "väyl", "rait", "puistik", "tanhu",
        "vägen", "gatan", "gränd",
    ]
    .iter()
    .any(|p| form.starts_with(p))
}

/// Street-word forms, longest first, so that a word's ending is found whole ("tiellä", not
/// "tie…").
fn forms_longest_first() -> &'static [&'static str] {
    static FORMS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let mut v = SUFFIX_FORMS.to_vec();
        v.sort_by_key(|f| std::cmp::Reverse(f.len()));
        v
    })
}

/// The street-word form that `w` (lower case, a compound) ends in, and the part before it.
fn split_compound(w: &str) -> Option<(&str, &'static str)> {
    forms_longest_first()
        .iter()
        .find(|f| w.len() >= f.len() + 2 && w.ends_with(**f))
        .map(|f| (&w[..w.len() - f.len()], *f))
}

/// Compounds that are common nouns, not streets, as first part and street word: roads by
/// number ("valtatie 4", "kantatie 51"), airways, railways and dead ends, paths, lines and arcs
/// of care and of life ("hoitopolku", "bussilinja", "elämänkaari", "verenkierto"), and nouns
/// that happen to end like a street word ("historia", "sektori", "koordinaattori"). Matched in
/// every case form ("valtatiellä", "hoitopolulla").
const COMMON_COMPOUNDS: &[(&str, &str)] = &[
    ("valta", "tie"),
    ("kanta", "tie"),
    ("seutu", "tie"),
    ("moottori", "tie"),
    ("maan", "tie"),
    ("yhdys", "tie"),
    ("rauta", "tie"),
    ("ohitus", "tie"),
    ("pyörä", "tie"),
    ("kehä", "tie"),
    ("hengitys", "tie"),
    ("virtsa", "tie"),
    ("sappi", "tie"),
    ("ilma", "tie"),
    ("kulku", "tie"),
    ("pelastus", "tie"),
    ("poistumis", "tie"),
    ("ura", "tie"),
    ("elämän", "tie"),
    ("kävely", "tie"),
    ("pää", "kat"),
    ("kävely", "kat"),
    ("sivu", "kat"),
    ("ostos", "kat"),
    ("umpi", "kuj"),
    ("sivu", "kuj"),
    ("taka", "kuj"),
    ("hoito", "pol"),
    ("hoidon", "pol"),
    ("palvelu", "pol"),
    ("asiakas", "pol"),
    ("potilas", "pol"),
    ("kuntoutus", "pol"),
    ("opinto", "pol"),
    ("koulutus", "pol"),
    ("ura", "pol"),
    ("elämän", "pol"),
    ("masennus", "pol"),
    ("muisti", "pol"),
    ("päihde", "pol"),
    ("kotiutus", "pol"),
    ("tuki", "pol"),
    ("työ", "pol"),
    ("luonto", "pol"),
    ("hoito", "lin"),
    ("puhelin", "lin"),
    ("bussi", "lin"),
    ("raitio", "lin"),
    ("metro", "lin"),
    ("juna", "lin"),
    ("työ", "lin"),
    ("tuki", "lin"),
    ("näkö", "kul"),
    ("lähtö", "kul"),
    ("elämän", "kaa"),
    ("sateen", "kaa"),
    ("veren", "kie"),
    ("veden", "kie"),
    ("ilman", "kie"),
    ("aineen", "kie"),
    ("meren", "ran"),
    ("järven", "ran"),
    ("joen", "ran"),
    ("uima", "ran"),
    ("hammas", "sil"),
    ("vesi", "väy"),
    ("laiva", "väy"),
    ("kulku", "väy"),
    ("hengitys", "väy"),
    ("his", "tor"),
    ("sek", "tor"),
    ("reh", "tor"),
    ("moni", "tor"),
    ("moot", "tor"),
    ("vek", "tor"),
    ("lek", "tor"),
    ("trak", "tor"),
    ("koordinaat", "tor"),
    ("operaat", "tor"),
    ("kuraat", "tor"),
    ("moderaat", "tor"),
    ("indikaat", "tor"),
    ("tieto", "tor"),
    ("läh", "tie"),
    ("seu", "ran"),
    ("vaa", "ran"),
    ("nuk", "kuj"),
    ("liik", "kuj"),
    ("elin", "kaa"),
    ("suoja", "tie"),
    ("oiko", "tie"),
    ("oiko", "pol"),
    ("sivu", "tie"),
    ("sivu", "pol"),
    ("pääsy", "tie"),
    ("sora", "tie"),
    ("yksityis", "tie"),
    ("kunto", "pol"),
    ("lenkki", "pol"),
    ("hiekka", "ran"),
    ("valitus", "tie"),
    ("oikeus", "tie"),
    ("neuvottelu", "tie"),
    ("kurinpito", "tie"),
    ("sopimus", "tie"),
    ("kohtalon", "tie"),
    ("kärsimys", "tie"),
    ("kierto", "tie"),
    ("pako", "tie"),
    ("puoli", "tie"),
    ("opin", "tie"),
    ("oppimis", "pol"),
    ("harha", "pol"),
];

/// The street word a case form belongs to, by its first three letters ("kadulla" → "kat").
fn street_family(form: &str) -> String {
    let f: String = form.chars().take(3).collect();
    if f == "kad" {
        "kat".into()
    } else {
        f
    }
}

/// Whether the compound `head` + `form` is a common noun (see [`COMMON_COMPOUNDS`]); heads
/// may be longer ("polku|pyörä|tie", "aikuis|kuntoutus|polku").
fn common_compound(head: &str, form: &str) -> bool {
    let family = street_family(form);
    COMMON_COMPOUNDS
        .iter()
        .any(|(h, f)| *f == family && (head == *h || h.chars().count() >= 5 && head.ends_with(h)))
}

/// First parts of street names that are directions or sizes ("Itä|väylä", "Ylä|rinne").
const DIRECTION_HEADS: &[&str] = &[
    "itä", "länsi", "etelä", "pohjois", "ylä", "ala", "keski", "vanha", "uusi", "iso", "pikku",
];

/// Listed street names without a street word that are also common words ("kipinä", "harakka",
/// "koukku") or places rather than addresses ("rautatieasema"): written in small letters, in
/// capitals, they need more than a number after them.
const COMMON_UNSUFFIXED: &[&str] = &[
    "akseli",
    "aitiopaikka",
    "esirippu",
    "hapero",
    "harakka",
    "hehkulanka",
    "kannus",
    "kasukka",
    "katinkulta",
    "kiikku",
    "kipinä",
    "koukku",
    "kujanen",
    "leveyspiiri",
    "liekki",
    "linjakeppi",
    "linnanmäki",
    "lintu sininen",
    "loisteputki",
    "luoto",
    "mesipuu",
    "orakas",
    "permanto",
    "piennar",
    "pistokas",
    "pituuspiiri",
    "poiju",
    "poste restante",
    "puikkari",
    "rautatieasema",
    "reelinki",
    "sakara",
    "suvanne",
    "taivaankansi",
    "tatti",
    "tuhatjalkainen",
    "tuhkelo",
    "vanhakaupunki",
    "veräjä",
    "villanella",
    "voirasia",
    "korkeasaari",
    "seurasaari",
];

/// Words right before a lone street word ("Kiven katu") that are not part of a street name.
const NOT_STREET_NAME_WORDS: &[&str] = &[
    "on",
    "en",
    "sen",
    "tämän",
    "tuon",
    "hänen",
    "heidän",
    "minun",
    "sinun",
    "meidän",
    "teidän",
    "jonka",
    "joiden",
    "niin",
    "kun",
    "kuin",
    "vain",
    "ennen",
    "jälkeen",
    "oman",
    "uuden",
    "vanhan",
    "saman",
    "toisen",
    "ison",
    "pienen",
    "kaupungin",
    "bussin",
    "raitiovaunun",
    "metron",
    "junan",
    "hoidon",
    "elämän",
    "ja",
    "tai",
    "sekä",
    "eikä",
    "the",
    "and",
    "och",
    "på",
    "till",
    "helsingin",
    "espoon",
    "vantaan",
    "tampereen",
    "turun",
    "oulun",
    "lahden",
    "suomen",
];

/// Words for parts of a building or a document, which are numbered like an address
/// ("huone 12 b 3", "osasto 4 B 2") but are not one.
const NOT_STREETS: &[&str] = &[
    "huone",
    "osasto",
    "kerros",
    "rappu",
    "porras",
    "talo",
    "siipi",
    "käytävä",
    "kohta",
    "vaihe",
    "liite",
    "sivu",
    "taso",
    "luokka",
    "ryhmä",
    "pykälä",
    "momentti",
    "lomake",
    "kysymys",
    "tehtävä",
    "asiakasmaksu",
    "room",
    "ward",
    "floor",
    "page",
    "rum",
    "avdelning",
    "tulos",
    "tulokset",
    "pisteet",
    "arvo",
    "arvot",
    "score",
];

/// Ordinals and adjectives that stand before a lone street word ("Neljäs linja", "Pohjoinen
/// Rautatiekatu", "Vanha talvitie").
const STREET_ADJECTIVES: &[&str] = &[
    "ensi",
    "ensimmäinen",
    "toinen",
    "kolmas",
    "neljäs",
    "viides",
    "kuudes",
    "pohjoinen",
    "eteläinen",
    "itäinen",
    "läntinen",
    "vanha",
    "uusi",
    "iso",
    "pieni",
    "pikku",
];

/// Words that say that an address follows ("asuu", "osoitteessa", "kotikäynti", "bor på").
fn address_cue(w: &str) -> bool {
    w.contains("osoite")
        || w.contains("osoittee")
        || w.starts_with("asu")
        || w.starts_with("muutt")
        || w.starts_with("käyn")
        || w.starts_with("käv")
        || w.starts_with("kotikäyn")
        || w == "käy"
        || w == "kotona"
        || w == "kotiin"
        || w == "luona"
        || w == "sijaitsee"
        || w.starts_with("majoit")
        || w.starts_with("oleskel")
        || w.starts_with("yöpy")
        || w == "bor"
        || w == "bodde"
        || w.starts_with("adress")
        || w.contains("adress")
        || w.starts_with("flytt")
        || w.starts_with("hembesök")
        || w.starts_with("besök")
        || w.starts_with("address")
        || w.starts_with("live")
        || w == "living"
        || w.starts_with("reside")
        || w == "moved"
        || w.starts_with("visit")
}

/// Whether an address cue stands among the four tokens before token `s`, or the token is
/// preceded by "os." (osoite).
fn cue_before(t: &Text, s: usize) -> bool {
    (1..=4).any(|b| {
        s >= b && {
            let w = t.token_lower(s - b);
            address_cue(w) || (w == "os" && t.at(t.tokens[s - b].end) == '.')
        }
    })
}

/// Whether `w` (lower case, a whole word) may stand right before a lone street word in a text
/// whose capitals say nothing: a genitive ("kiven", "rastilan") or a street adjective.
fn blind_street_name_word(t: &Text, k: usize, lone: &str) -> bool {
    let w = t.token_lower(k);
    let tok = t.tokens[k];
    if !(tok.start..tok.end).all(|i| t.at(i).is_alphabetic() || t.at(i) == '-') {
        return false;
    }
    if STREET_ADJECTIVES.contains(&w) {
        return true;
    }
    // A line ("linja") is a street only after an ordinal: "bussin linja 55" is a bus.
    !lone.starts_with("linj") && genitive_like(w)
}

/// Whether `w` (lower case) may be a genitive in a street's name ("kiven", "rastilan",
/// "hämeen"): four or more letters ending in "n", but not an illative or a passive, which end
/// in a long vowel and "n" ("kotiin", "tavattiin"), nor a function word or a cue.
fn genitive_like(w: &str) -> bool {
    let long_vowel_n = ["aan", "ään", "iin", "oon", "uun", "yyn", "öön"]
        .iter()
        .any(|e| w.ends_with(e));
    w.chars().count() >= 4
        && w.ends_with('n')
        && !long_vowel_n
        && !NOT_STREET_NAME_WORDS.contains(&w)
        && !address_cue(w)
}

fn streets(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    // Whether the writer uses capitals at all (some word is capitalised).
    let mixed = (0..n).any(|k| {
        let tok = t.tokens[k];
        t.at(tok.start).is_uppercase() && (tok.start + 1..tok.end).any(|i| t.at(i).is_lowercase())
    });
    let mut k = 0;
    while k < n {
        let tok = t.tokens[k];
        let first = t.at(tok.start);
        if !first.is_alphabetic() {
            k += 1;
            continue;
        }
        // Quick reject: a street name is followed by a digit within two characters, or it is
        // the first word of a longer name without a street word ("Arabia huvila").
        let digit_after = |j: usize| {
            let e = t.tokens[j].end;
            t.digit(e + 1) || (t.at(e + 1) == ' ' && t.digit(e + 2))
        };
        let next_digit = digit_after(k);
        let longer_name = !next_digit
            && (k + 1..n.min(k + 4)).any(digit_after)
            && unsuffixed_streets_by_first_word().contains_key(t.token_lower(k));
        if !(next_digit || longer_name) {
            k += 1;
            continue;
        }
        if let Some((start, last, needs_evidence)) = street_at(t, k, mixed) {
            if let Some(h) = house_number(t, t.tokens[last].end) {
                let s = t.token_at_or_after(start);
                let evidence =
                    h.staircase || h.apartment || h.inflected || h.postal_after || cue_before(t, s);
                if !needs_evidence || evidence {
                    out.push(Finding::new(FindingKind::Address, start, h.end));
                    k = t.token_at_or_after(h.end);
                    continue;
                }
            }
        }
        // Shape alone: "Xyz 12 B 34", also in capitals ("XYZ 12 B 34").
        let caps = tok.len() >= 3 && (tok.start..tok.end).all(|i| t.at(i).is_uppercase());
        if (name_like(t, k) || caps) && tok.len() >= 3 && !NOT_STREETS.contains(&t.token_lower(k)) {
            if let Some(h) = house_number(t, tok.end) {
                if h.staircase && h.apartment {
                    out.push(Finding::new(FindingKind::Address, tok.start, h.end));
                    k = t.token_at_or_after(h.end);
                    continue;
                }
            }
        }
        k += 1;
    }
}

/// If a street name ends at token `k` (or, for a name without a street word, starts there):
/// where it starts (a character), its last token, and whether it needs more evidence than a
/// house number to be an address (a cue before it, a staircase or apartment, an inflected
/// number, a postal code after).
///
/// - A compound ending in a street word ("Kotikujalla", "Kaarelantie"): when capitalised, as
///   is; in small letters or capitals when its street word is one that common nouns hardly
///   end in ("…tie", "…katu", "…kuja", "…väylä"), or its first part is a genitive or a
///   direction ("Kalliolan|rinne", "Malmin|kaari", "Itä|väylä"), or with evidence. Common
///   nouns such as "valtatie", "hoitopolku" and "elämänkaari" never.
/// - A lone street word after the name's words ("Aleksis Kiven katu", "Neljäs linja"):
///   capitalised words before it, or in a text whose capitals say nothing, a genitive or an
///   ordinal right before it.
/// - A listed name without a street word ("Bulevardi"): capitalised or in small letters or
///   capitals alike, except that those that are common words too ("Kipinä") need evidence
///   when not capitalised.
fn street_at(t: &Text, k: usize, mixed: bool) -> Option<(usize, usize, bool)> {
    let w = t.token_lower(k);
    let case = case_of(t, k);
    let (start, last, needs) = street_at_by_case(t, k, w, case)?;
    // A name in small letters in a text that has capitals: its writer left it small.
    let first = t.tokens[t.token_at_or_after(start)];
    let small = mixed && (first.start..first.end).all(|i| !t.at(i).is_uppercase());
    Some((start, last, needs || small))
}

fn street_at_by_case(t: &Text, k: usize, w: &str, case: Case) -> Option<(usize, usize, bool)> {
    let tok = t.tokens[k];
    match street_word(w) {
        Some(false) => {
            let (head, form) = split_compound(w)?;
            let head = head.trim_end_matches('-');
            // Short heads must match whole ("pää|katu"), longer ones may end a longer head
            // ("polku|pyörä|tie").
            if head.chars().count() < 3 || common_compound(head, form) {
                return None;
            }
            // "kadun|kulma", "koulun|piha", "veron|kierto": these street words take genitives
            // as common nouns too.
            let family = street_family(form);
            let genitive_streets = !["kul", "pih", "por", "kie", "pen", "lai", "lin", "sil"]
                .contains(&family.as_str());
            let genitive = genitive_streets && head.chars().count() >= 4 && head.ends_with('n')
                || DIRECTION_HEADS.contains(&head);
            let needs = case == Case::Blind && !(strong_form(form) || genitive);
            // "Malmin kauppatie", "Vanha talvitie": a capitalised word before a compound in
            // small letters belongs to the name.
            let start = if k > 0
                && t.only_space_between(t.tokens[k - 1].end, tok.start, &[])
                && name_like(t, k - 1)
                && (case_of(t, k - 1) == Case::Proper || genitive_like(t.token_lower(k - 1)))
                && !address_cue(t.token_lower(k - 1))
                && !(tok.start..tok.end).any(|i| t.at(i).is_uppercase())
            {
                t.tokens[k - 1].start
            } else {
                tok.start
            };
            Some((start, k, needs))
        }
        Some(true) => {
            // "Aleksis Kiven katu", "Hakaniemen torikatu": capitalised words before a lone
            // street word.
            let mut s = k;
            while s > 0
                && k - s < 3
                && name_like(t, s - 1)
                && t.only_space_between(t.tokens[s - 1].end, t.tokens[s].start, &['.'])
            {
                s -= 1;
                // A sentence's first word is capitalised anyway ("Osoite Aleksis …").
                if t.sentence_initial(s) && s < k - 1 {
                    s += 1;
                    break;
                }
            }
            // Only a sentence's first word before it ("Bussin linja 55") is no evidence.
            let only_initial = s + 1 == k && t.sentence_initial(s);
            let not_name = s + 1 == k && NOT_STREET_NAME_WORDS.contains(&t.token_lower(s));
            let initial_ok = !only_initial || blind_street_name_word(t, s, w);
            if s < k && !not_name && initial_ok {
                return Some((t.tokens[s].start, k, false));
            }
            // Small letters or capitals: "aleksis kiven katu 5", "NELJÄS LINJA 14".
            if k > 0
                && t.only_space_between(t.tokens[k - 1].end, tok.start, &[])
                && case_of(t, k - 1) != Case::Proper
                && blind_street_name_word(t, k - 1, w)
            {
                let mut s = k - 1;
                // One more word of the name ("aleksis"), unless it says what follows.
                if s > 0
                    && t.only_space_between(t.tokens[s - 1].end, t.tokens[s].start, &[])
                    && case_of(t, s - 1) != Case::Proper
                {
                    let p = t.token_lower(s - 1);
                    let tp = t.tokens[s - 1];
                    if (tp.start..tp.end).all(|i| t.at(i).is_alphabetic())
                        && p.chars().count() >= 3
                        && !address_cue(p)
                        && !NOT_STREET_NAME_WORDS.contains(&p)
                    {
                        s -= 1;
                    }
                }
                return Some((t.tokens[s].start, k, false));
            }
            None
        }
        None => {
            let last = unsuffixed_street_at(t, k)?;
            let name = t.lower(tok.start, t.tokens[last].end);
            let common = COMMON_UNSUFFIXED.contains(&name.as_str());
            Some((tok.start, last, case == Case::Blind && common))
        }
    }
}

/// The street names without a street word, by their first word: looked up once per token
/// instead of scanning the whole list.
fn unsuffixed_streets_by_first_word(
) -> &'static std::collections::HashMap<&'static str, Vec<&'static str>> {
    static BY_FIRST: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Vec<&'static str>>,
    > = std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut map: std::collections::HashMap<&'static str, Vec<&'static str>> =
            std::collections::HashMap::new();
        for name in UNSUFFIXED_STREETS.iter().copied() {
            map.entry(name.split(' ').next().unwrap_or(name))
                .or_default()
                .push(name);
        }
        map
    })
}

/// If a Helsinki street name without a street word starts at token `k`, the index of its
/// last token.
fn unsuffixed_street_at(t: &Text, k: usize) -> Option<usize> {
    let first = t.token_lower(k);
    for name in unsuffixed_streets_by_first_word()
        .get(first)
        .into_iter()
        .flatten()
    {
        let mut words = name.split(' ');
        words.next();
        let mut j = k;
        let mut ok = true;
        for w in words {
            j += 1;
            if j >= t.tokens.len() || t.token_lower(j) != w {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(j);
        }
    }
    None
}

fn english_streets(t: &Text, out: &mut Vec<Finding>) {
    let n = t.tokens.len();
    for k in 0..n.saturating_sub(2) {
        let tok = t.tokens[k];
        if !t.digit(tok.start) || tok.len() > 4 || !t.left_boundary(tok.start) {
            continue;
        }
        // "221B Baker Street", "12 High Road"; in capitals "221B BAKER STREET"; in small
        // letters only with a word that means nothing else ("12 high road").
        let caps = |j: usize| {
            let tj = t.tokens[j];
            tj.len() >= 2 && (tj.start..tj.end).all(|i| t.at(i).is_uppercase())
        };
        let small = |j: usize| {
            let tj = t.tokens[j];
            (tj.start..tj.end).all(|i| t.at(i).is_lowercase())
        };
        let mut j = k + 1;
        while j < n && j - k <= 3 && (name_like(t, j) || caps(j) || small(j)) {
            let w = t.token_lower(j);
            if j > k + 1 && EN_STREET.contains(&w) {
                let words = k + 1..=j;
                let ok = words.clone().all(|m| name_like(t, m))
                    || words.clone().all(caps)
                    || words.clone().all(small)
                        && matches!(w, "street" | "road" | "avenue" | "lane");
                if ok {
                    out.push(Finding::new(
                        FindingKind::Address,
                        tok.start,
                        t.tokens[j].end,
                    ));
                }
                break;
            }
            j += 1;
        }
    }
}

/// Words that may follow five digits with a capital letter without being a town.
const NOT_TOWNS: &[&str] = &["euroa", "eur", "asukasta", "asiakasta", "kpl", "henkilöä"];

/// Finnish towns and municipalities (with their Swedish names) that postal addresses name:
/// a town written in small letters or capitals is only known by name.
const TOWNS: &[&str] = &[
    "helsinki",
    "helsingfors",
    "espoo",
    "esbo",
    "vantaa",
    "vanda",
    "kauniainen",
    "grankulla",
    "kerava",
    "kervo",
    "järvenpää",
    "träskända",
    "tuusula",
    "tusby",
    "nurmijärvi",
    "hyvinkää",
    "hyvinge",
    "kirkkonummi",
    "kyrkslätt",
    "sipoo",
    "sibbo",
    "porvoo",
    "borgå",
    "lohja",
    "lojo",
    "vihti",
    "mäntsälä",
    "riihimäki",
    "hämeenlinna",
    "tavastehus",
    "lahti",
    "lahtis",
    "tampere",
    "tammerfors",
    "turku",
    "åbo",
    "oulu",
    "uleåborg",
    "jyväskylä",
    "kuopio",
    "pori",
    "björneborg",
    "joensuu",
    "lappeenranta",
    "villmanstrand",
    "vaasa",
    "vasa",
    "seinäjoki",
    "rovaniemi",
    "mikkeli",
    "kotka",
    "salo",
    "kokkola",
    "karleby",
    "kouvola",
    "rauma",
    "raumo",
    "kajaani",
    "kajana",
    "savonlinna",
    "nyslott",
    "hamina",
    "fredrikshamn",
    "imatra",
    "iisalmi",
    "varkaus",
    "raahe",
    "kemi",
    "tornio",
    "torneå",
    "forssa",
    "heinola",
    "kurikka",
    "ylöjärvi",
    "kangasala",
    "nokia",
    "lempäälä",
    "pirkkala",
    "valkeakoski",
    "kaarina",
    "raisio",
    "naantali",
    "nådendal",
    "pietarsaari",
    "jakobstad",
    "uusikaupunki",
    "nystad",
    "loviisa",
    "lovisa",
    "hanko",
    "hangö",
    "raasepori",
    "raseborg",
    "tammisaari",
    "ekenäs",
    "karjaa",
    "karis",
    "siuntio",
    "sjundeå",
    "inkoo",
    "ingå",
    "pornainen",
    "askola",
    "parainen",
    "pargas",
    "ivalo",
    "inari",
    "sodankylä",
    "kittilä",
    "kuusamo",
    "kemijärvi",
    "ylivieska",
    "nivala",
    "kalajoki",
    "lapua",
    "kauhava",
    "alajärvi",
    "ähtäri",
    "jämsä",
    "äänekoski",
    "keuruu",
    "pieksämäki",
    "lieksa",
    "nurmes",
    "kitee",
    "outokumpu",
    "suonenjoki",
    "siilinjärvi",
    "kiuruvesi",
    "sotkamo",
    "kuhmo",
    "maarianhamina",
    "mariehamn",
    "mänttä",
    "orivesi",
    "sastamala",
    "huittinen",
    "ulvila",
    "kankaanpää",
    "harjavalta",
    "eura",
    "loimaa",
    "somero",
    "hollola",
    "orimattila",
    "asikkala",
    "mäntyharju",
    "joroinen",
    "klaukkala",
    "tikkurila",
    "dickursby",
    "leppävaara",
    "matinkylä",
    "kirkkonummi",
    "sipoo",
    "nummela",
    "karkkila",
    "hämeenkyrö",
    "lieto",
    "masku",
    "mynämäki",
    "laitila",
    "kempele",
    "liminka",
    "kiiminki",
    "haukipudas",
    "muhos",
    "raahe",
    "kaustinen",
    "pedersöre",
    "närpiö",
    "närpes",
    "kristiinankaupunki",
    "kristinestad",
    "kaskinen",
    "kauhajoki",
    "ilmajoki",
    "alavus",
    "kuortane",
    "lappajärvi",
    "evijärvi",
];

/// Words before a postal code that say that a postal address is being given.
fn postal_cue(w: &str) -> bool {
    w.contains("osoite")
        || w.contains("osoittee")
        || w.starts_with("post")
        || w.starts_with("paikkakun")
        || w.contains("adress")
        || w.starts_with("address")
        || w == "zip"
}

fn postal_codes(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i + 5 < n {
        if !(t.digit(i) && t.left_boundary(i) && t.digits_from(i) == 5) {
            i += 1;
            continue;
        }
        let b = t.before(i);
        let fi_prefix = b == '-' && i >= 3 && t.starts_with_ci(i - 3, "fi-");
        if (b == '-' && !fi_prefix) || b == '+' || b == '.' || b == ',' || b == '/' {
            i += 5;
            continue;
        }
        let start = if fi_prefix { i - 3 } else { i };
        let mut k = i + 5;
        if t.at(k) == ' ' {
            k += 1;
        }
        if t.at(k) == ' ' {
            k += 1;
        }
        let ti = t.token_at_or_after(k);
        let pk = t.token_at_or_after(start);
        let cued = (1..=3).any(|b| pk >= b && postal_cue(t.token_lower(pk - b)));
        if k > i + 5 && ti < t.tokens.len() && t.tokens[ti].start == k && t.tokens[ti].len() >= 2 {
            let tok = t.tokens[ti];
            let w = t.token_lower(ti);
            let letters = (tok.start..tok.end).all(|c| t.at(c).is_alphabetic() || t.at(c) == '-');
            let capitalised =
                t.at(k).is_uppercase() && (k + 1..tok.end).any(|c| t.at(c).is_lowercase());
            // A town in small letters or capitals ("00530 helsinki", "50000 IHMISTÄ"): known by
            // name, or after a code of the Helsinki region (amounts never start with 0), a cue
            // or a street address.
            let after_address = out.iter().any(|f| {
                f.kind == FindingKind::Address
                    && (f.end + 2 == start && t.at(f.end) == ',' || f.end + 1 == start)
            });
            // A partitive ("50000 ihmistä", "10000 askelta") counts something.
            let partitive = w.ends_with("ta") || w.ends_with("tä");
            let blind_ok =
                TOWNS.contains(&w) || !partitive && (t.at(i) == '0' || cued || after_address);
            if letters
                && !NOT_TOWNS.contains(&w)
                && !UNITS.contains(&w)
                && (capitalised || blind_ok)
            {
                out.push(Finding::new(FindingKind::PostalCodeCity, start, tok.end));
                i = tok.end;
                continue;
            }
        }
        // "postinumero 00530", "postnummer 00100": the code alone after a cue.
        if pk > 0 {
            let cue = t.token_lower(pk - 1);
            if cue.starts_with("postinumer")
                || cue.starts_with("postinro")
                || cue.starts_with("postnummer")
                || cue == "zip"
            {
                out.push(Finding::new(FindingKind::PostalCodeCity, i, i + 5));
            }
        }
        i += 5;
    }
}
