//! The coordinator page's texts of issue 12 (when a centre's agenda is published, and who a
//! meeting takes besides the catalogue's services) and issue 13 (the theme clock). Finnish first, then Swedish and English, in
//! the parent module's table form; compiled into the coordinator's module only.

use super::Lang;

texts! {
    agenda_ahead: "Esityslista julkaistaan (tuntia ennen kokousta)", "Föredragningslistan publiceras (timmar före mötet)", "Agenda published (hours before the meeting)";
    agenda_ahead_hint: "Siitä alkaen osallistujien linkki näyttää jonossa olevat asiat, ja myöhemmin tuodut merkitään puheenjohtajalle myöhässä tuoduiksi. 0–336, yleensä 24.", "Från och med då visar deltagarlänken ärendena i kön, och ärenden som förs till senare märks för ordföranden som sent tillagda. 0–336, vanligen 24.", "From then on the participant link shows the queued items, and items brought later are marked late for the chair. 0–336, usually 24.";
    err_agenda_ahead: "Anna esityslistan julkaisuaika tunteina: 0–336.", "Ange när föredragningslistan publiceras i timmar: 0–336.", "Give when the agenda is published in hours: 0–336.";
    guests: "Kokemusasiantuntijat ja vieraat", "Erfarenhetsexperter och gäster", "Experts by experience and guests";
    allow_experts: "Kokemusasiantuntijat voivat liittyä", "Erfarenhetsexperter får gå med", "Experts by experience may join";
    allow_guests: "Vieraat muista organisaatioista voivat liittyä", "Gäster från andra organisationer får gå med", "Guests from other organisations may join";
    theme_clock: "Vuosikello", "Årshjul", "Theme clock";
    theme_clock_intro: "Kuukauden teema näkyy liittymissivulla, puheenjohtajan näkymässä, jaetulla näytöllä, kalenterissa ja muistiossa. Ei asiakkaiden tunnistetietoja.", "Månadens tema syns på anslutningssidan, i ordförandens vy, på den delade skärmen, i kalendern och i protokollet. Inga klientuppgifter.", "The month's theme shows on the join page, the chair view, the shared screen, the calendar and the minutes. No client identifiers.";
    clock_year: "Vuosi", "År", "Year";
    clock_month: "Kuukausi", "Månad", "Month";
    clock_theme: "Teema", "Tema", "Theme";
    clock_workshop: "Työpaja", "Workshop", "Workshop";
    clock_no_workshop: "ei valittu", "inte vald", "none chosen";
    clock_task: "Välitehtävä", "Mellanuppgift", "Task between workshops";
    clock_save: "Tallenna vuosikello", "Spara årshjulet", "Save the theme clock";
    clock_saved: "Vuosikello tallennettu.", "Årshjulet sparat.", "Theme clock saved.";
    clock_copy: "Kopioi edellisen vuoden vuosikello pohjaksi", "Kopiera förra årets årshjul som grund", "Copy last year's clock as a start";
    clock_copied: "Edellisen vuoden vuosikello kopioitu. Muokkaa ja tallenna.", "Förra årets årshjul kopierat. Redigera och spara.", "Last year's clock copied. Edit and save.";
    clock_nothing_to_copy: "Edelliselle vuodelle ei ole suunniteltu vuosikelloa.", "Inget årshjul planerat för förra året.", "No theme clock was planned for last year.";
}

/// The month's name (1–12) in `lang`, for the theme clock's rows.
pub fn month_name(lang: Lang, month: u8) -> &'static str {
    const FI: [&str; 12] = [
        "Tammikuu",
        "Helmikuu",
        "Maaliskuu",
        "Huhtikuu",
        "Toukokuu",
        "Kesäkuu",
        "Heinäkuu",
        "Elokuu",
        "Syyskuu",
        "Lokakuu",
        "Marraskuu",
        "Joulukuu",
    ];
    const SV: [&str; 12] = [
        "Januari",
        "Februari",
        "Mars",
        "April",
        "Maj",
        "Juni",
        "Juli",
        "Augusti",
        "September",
        "Oktober",
        "November",
        "December",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = usize::from(month.clamp(1, 12)) - 1;
    match lang {
        Lang::Fi => FI[i],
        Lang::Sv => SV[i],
        Lang::En => EN[i],
    }
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
