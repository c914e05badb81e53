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

//!
//! Modules: [`street_words`] (street words and what stands around them), [`house_number`]
//! (what follows a street name), [`streets`] (the street addresses), [`postal`] (postal code
//! + town); the vocabulary is in `shared/data/guard/` ([`lists`]).

mod house_number;
mod lists;
mod postal;
mod street_words;
mod streets;

pub use street_words::street_word;

use super::text::Text;
use super::Finding;

/// Adds address and postal-code findings for `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    streets::streets(t, out);
    streets::english_streets(t, out);
    postal::postal_codes(t, out);
}
