//! The coordinator page's texts of issue 12: when a centre's agenda is published, and who a
//! meeting takes besides the catalogue's services. Finnish first, then Swedish and English, in
//! the parent module's table form; compiled into the coordinator's module only.

use super::Lang;

texts! {
    agenda_ahead: "Esityslista julkaistaan (tuntia ennen kokousta)", "Föredragningslistan publiceras (timmar före mötet)", "Agenda published (hours before the meeting)";
    agenda_ahead_hint: "Siitä alkaen osallistujien linkki näyttää jonossa olevat asiat, ja myöhemmin tuodut merkitään puheenjohtajalle myöhässä tuoduiksi. 0–336, yleensä 24.", "Från och med då visar deltagarlänken ärendena i kön, och ärenden som förs till senare märks för ordföranden som sent tillagda. 0–336, vanligen 24.", "From then on the participant link shows the queued items, and items brought later are marked late for the chair. 0–336, usually 24.";
    err_agenda_ahead: "Anna esityslistan julkaisuaika tunteina: 0–336.", "Ange när föredragningslistan publiceras i timmar: 0–336.", "Give when the agenda is published in hours: 0–336.";
    guests: "Kokemusasiantuntijat ja vieraat", "Erfarenhetsexperter och gäster", "Experts by experience and guests";
    allow_experts: "Kokemusasiantuntijat voivat liittyä", "Erfarenhetsexperter får gå med", "Experts by experience may join";
    allow_guests: "Vieraat muista organisaatioista voivat liittyä", "Gäster från andra organisationer får gå med", "Guests from other organisations may join";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
