//! The texts of experts by experience, guests and the agenda out ahead (issue 12). Finnish
//! first, then Swedish and English, each key with all three, in the parent module's table form
//! (its `texts!` macro makes this module's own `Texts`). The words for the kinds of
//! participant and of arrival are the shared table's (`shared::labels`), so the minutes say
//! the same.

use super::Lang;

texts! {
    join_guest: "Vieras, muu organisaatio", "Gäst, annan organisation", "Guest, another organisation";
    join_others: "Muut osallistujat", "Andra deltagare", "Other participants";
    organisation: "Organisaatio", "Organisation", "Organisation";
    organisation_hint: "Esim. koulu, seurakunta, järjestö tai poliisi. Näkyy muille ja muistiossa. Ei henkilöiden nimiä.", "T.ex. skola, församling, organisation eller polis. Syns för andra och i protokollet. Inga personnamn.", "E.g. a school, parish, NGO or the police. Shown to others and in the minutes. No personal names.";
    organisation_needed: "Kerro organisaatiosi ennen liittymistä.", "Ange din organisation innan du går med.", "Give your organisation before joining.";
    organisation_rejected: "Organisaation nimeä ei hyväksytty: siinä näyttää olevan henkilön nimi tai muu tunnistetieto. Kirjoita organisaatio ilman nimiä.", "Organisationens namn godtogs inte: det ser ut att innehålla ett personnamn eller en annan identifierande uppgift. Skriv organisationen utan namn.", "The organisation was not accepted: it seems to hold a personal name or another identifier. Write the organisation without names.";
    not_allowed: "Tähän kokoukseen ei nyt oteta kokemusasiantuntijoita tai vieraita. Puheenjohtaja tai koordinaattori voi sallia sen.", "Detta möte tar nu inte emot erfarenhetsexperter eller gäster. Ordföranden eller koordinatorn kan tillåta det.", "This meeting does not take experts by experience or guests now. The chair or the coordinator can allow it.";
    apart: "eivät edusta luettelon palveluja", "representerar inte katalogens tjänster", "not representing the catalogue's services";
    experts_n: "Kokemusasiantuntijoita", "Erfarenhetsexperter", "Experts by experience";
    guests_n: "vieraita", "gäster", "guests";
    settings: "Kokemusasiantuntijat ja vieraat", "Erfarenhetsexperter och gäster", "Experts by experience and guests";
    allow_experts: "Kokemusasiantuntijat voivat liittyä", "Erfarenhetsexperter får gå med", "Experts by experience may join";
    allow_guests: "Vieraat muista organisaatioista voivat liittyä", "Gäster från andra organisationer får gå med", "Guests from other organisations may join";
    arrivals: "Tuotu esityslistalle", "Förda till listan", "Brought to the agenda";
    published: "Esityslista on julkaistu. Asiat jonossa:", "Föredragningslistan är publicerad. Ärenden i kön:", "The agenda is published. Items queued:";
    published_at: "Esityslista julkaistaan", "Föredragningslistan publiceras", "The agenda is published on";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_there_in_every_language() {
        for l in Lang::ALL {
            let t = texts(l);
            assert!(!t.join_guest.is_empty() && !t.published_at.is_empty());
        }
        assert_eq!(FI.arrivals, "Tuotu esityslistalle");
    }
}
