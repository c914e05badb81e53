//! libvoikko (with the voikko-fi dictionary) through `voikko-rs`: what a word can be.
//!
//! A Voikko handle is neither `Send` nor `Sync`, so every thread that checks text owns one in a
//! thread local, created on first use (a few milliseconds and a few MB per thread; the server
//! checks on its few runtime worker threads). Words that cannot be names are remembered in a
//! small per-thread cache; words that can be names never are, so no identifier is kept in
//! memory after a check.

use std::cell::RefCell;
use std::collections::HashMap;
use voikko_rs::voikko::Voikko;

/// What voikko says a word can be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Voikko recognised the word at all.
    pub known: bool,
    /// Base forms (lower case) of its first-name and surname readings.
    pub name_lemmas: Vec<String>,
    /// It has a place-name reading ("Vuosaaren" → Vuosaari).
    pub place: bool,
    /// It has another proper-noun reading (a capitalised base form such as "Mäenpää" or
    /// "Mannerheimintie", or class "nimi"); the base forms, lower case.
    pub proper_lemmas: Vec<String>,
    /// It has a common-word reading (noun, verb, adjective…: "toivo", "onni", "kallio").
    pub common: bool,
    /// Base forms (lower case) of the common-word readings ("Rinteelle" → rinne).
    pub common_lemmas: Vec<String>,
    /// Every common-word reading is a verb ("Anna" → antaa).
    pub common_only_verbs: bool,
    /// It is a finite verb in the third person singular ("kertoi", "asuu").
    pub finite_3sg_verb: bool,
}

impl WordInfo {
    /// Whether voikko reads it as a first name or surname.
    pub fn is_name(&self) -> bool {
        !self.name_lemmas.is_empty()
    }
}

thread_local! {
    static VOIKKO: RefCell<Option<Option<Voikko>>> = const { RefCell::new(None) };
    static CACHE: RefCell<rustc_hash::FxHashMap<String, WordInfo>> = RefCell::new(Default::default());
}

const CACHE_MAX: usize = 20_000;

/// Whether a Voikko handle with the Finnish dictionary can be opened on this thread.
pub fn available() -> bool {
    with_voikko(|v| v.is_some())
}

fn with_voikko<R>(f: impl FnOnce(Option<&Voikko>) -> R) -> R {
    VOIKKO.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Voikko::new("fi", None).ok());
        }
        f(slot.as_ref().and_then(|o| o.as_ref()))
    })
}

/// Analyses `word`; `None` when voikko is not available on this machine.
pub fn analyze(word: &str) -> Option<WordInfo> {
    if let Some(hit) = CACHE.with(|c| c.borrow().get(word).cloned()) {
        return Some(hit);
    }
    let info = with_voikko(|v| v.map(|v| classify(&v.analyze(word))))?;
    if !info.is_name() && info.proper_lemmas.is_empty() {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= CACHE_MAX {
                c.clear();
            }
            c.insert(word.to_string(), info.clone());
        });
    }
    Some(info)
}

fn classify(analyses: &[HashMap<String, String>]) -> WordInfo {
    let mut w = WordInfo {
        known: !analyses.is_empty(),
        common_only_verbs: true,
        ..WordInfo::default()
    };
    for a in analyses {
        let class = a.get("CLASS").map(String::as_str).unwrap_or("");
        let base = a.get("BASEFORM").map(String::as_str).unwrap_or("");
        let capital = base.chars().next().is_some_and(char::is_uppercase);
        match class {
            "etunimi" | "sukunimi" => w.name_lemmas.push(base.to_lowercase()),
            "paikannimi" => w.place = true,
            "nimi" => w.proper_lemmas.push(base.to_lowercase()),
            _ if capital => w.proper_lemmas.push(base.to_lowercase()),
            _ => {
                w.common = true;
                w.common_lemmas.push(base.to_lowercase());
                if class != "teonsana" {
                    w.common_only_verbs = false;
                }
                if class == "teonsana"
                    && a.get("PERSON").map(String::as_str) == Some("3")
                    && a.get("NUMBER").map(String::as_str) == Some("singular")
                    && matches!(
                        a.get("MOOD").map(String::as_str),
                        Some("indicative") | Some("conditional")
                    )
                {
                    w.finite_3sg_verb = true;
                }
            }
        }
    }
    if !w.common {
        w.common_only_verbs = false;
    }
    w
}
