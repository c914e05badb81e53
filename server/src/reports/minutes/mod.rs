//! The minutes (muistio) of one ended meeting: everything that happened, nothing that
//! identifies anyone.
//!
//! - [`model`]: [`MeetingSummary`], computed from the meeting's replayed log;
//! - [`markdown`], [`html`], [`csv`], [`json`]: one renderer per format, each an
//!   `impl MeetingSummary` block;
//! - here: the wording the formats share (notes on edited items, the closing line, dates).

pub mod csv;
pub mod feedback;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;

pub use html::PRINT_CSS;
pub use model::{CarriedFrom, ItemSummary, MeetingSummary, ServiceAttendance};

use crate::reports::labels::Lang;

/// What the minutes say about an item whose text changed: that it did, never what it was.
pub(super) fn edit_note(it: &ItemSummary, lang: Lang) -> Option<&'static str> {
    if it.redacted {
        Some(lang.t(
            "puheenjohtaja poisti asian tekstin (siinä oli tunnistetieto); teksti on poistettu myös tallennetuista tiedoista",
            "ordföranden tog bort ärendets text (den innehöll en identifierande uppgift); texten är borttagen också ur de sparade uppgifterna",
            "the chair removed this item's text (it held an identifier); it is removed from the stored record too",
        ))
    } else if it.edited {
        Some(lang.t(
            "tekstiä muokattu lähettämisen jälkeen",
            "texten ändrad efter inskickningen",
            "text edited after it was submitted",
        ))
    } else {
        None
    }
}

/// The label of an item's arrival on the agenda ("Tuotu esityslistalle": ennakkoon, myöhässä,
/// kokouksessa).
pub(super) fn arrival_label(lang: Lang) -> &'static str {
    lang.t(
        "Tuotu esityslistalle",
        "Förd till listan",
        "Brought to the agenda",
    )
}

/// The theme clock's plan for the meeting's month as the minutes list it: (label, value) for
/// the theme, the workshop and the task between workshops, those that are planned.
pub(super) fn theme_facts(s: &MeetingSummary, lang: Lang) -> Vec<(&'static str, String)> {
    let Some(t) = &s.month_theme else {
        return vec![];
    };
    let mut out = Vec::new();
    if !t.theme.is_empty() {
        out.push((
            lang.t("Kuukauden teema", "Månadens tema", "Theme of the month"),
            t.theme.clone(),
        ));
    }
    if let Some(w) = t.workshop {
        let [fi, sv, en] = w.names();
        out.push((
            lang.t("Työpaja", "Workshop", "Workshop"),
            lang.t(fi, sv, en).to_owned(),
        ));
    }
    if let Some(task) = &t.between_task {
        out.push((
            lang.t("Välitehtävä", "Mellanuppgift", "Task between workshops"),
            task.clone(),
        ));
    }
    out
}

/// The handovers and takeovers of the chair controls as one (label, value) fact, or none when
/// the chair link held them throughout: "10:15 Vammaispalvelut (luovutettu); 10:40
/// puheenjohtajan linkki (luovutettu)". People are named by their service only.
pub(super) fn chair_facts(s: &MeetingSummary, lang: Lang) -> Option<(&'static str, String)> {
    if s.chair_changes.is_empty() {
        return None;
    }
    let changes: Vec<String> = s
        .chair_changes
        .iter()
        .map(|c| {
            let to = c.to_service.as_ref().map_or_else(
                || {
                    lang.t(
                        "puheenjohtajan linkki",
                        "ordförandelänken",
                        "the chair link",
                    )
                    .to_owned()
                },
                |id| s.service_name(id),
            );
            let how = if c.taken_over {
                lang.t(
                    "otettu puheenjohtajan poissa ollessa",
                    "övertaget i ordförandens frånvaro",
                    "taken over in the holder's absence",
                )
            } else {
                lang.t("luovutettu", "överlämnat", "handed over")
            };
            format!("{} {to} ({how})", c.time)
        })
        .collect();
    Some((
        lang.t(
            "Puheenjohdon vaihdot",
            "Byten av ordförande",
            "Changes of chair",
        ),
        changes.join("; "),
    ))
}

/// The minutes' closing line. It claims only what the service does: every text was checked
/// for identifiers when it was recorded and again when these minutes were made (a hit would
/// have refused the export), and text the chair removed is gone from the stored record too.
pub(super) fn footer(lang: Lang) -> &'static str {
    lang.t(
        "Anonyymi konsultaatio: jokainen teksti on tarkistettu asiakkaan tunnistetietojen varalta kirjattaessa ja uudelleen tätä muistiota tehtäessä; puheenjohtajan poistamat tekstit on poistettu myös tallennetuista tiedoista.",
        "Anonym konsultation: varje text har kontrollerats för klientuppgifter när den sparades och igen när dessa anteckningar gjordes; texter som ordföranden tagit bort är borttagna också ur de sparade uppgifterna.",
        "Anonymous consultation: every text was checked for client identifiers when it was recorded and again when these minutes were made; text the chair removed is removed from the stored record too.",
    )
}

/// An identifier kind's name; the kind as stored if it is not one this build knows.
pub(super) fn finding_name(lang: Lang, kind: &str) -> String {
    shared::guard::FindingKind::parse(kind)
        .map_or_else(|| kind.to_owned(), |k| lang.finding(k).to_owned())
}

/// A date as people write it: "13.10.2026" in Finnish and Swedish, "13 Oct 2026" in English.
pub fn display_date(iso: &str, lang: Lang) -> String {
    let Ok(d) = iso.parse::<jiff::civil::Date>() else {
        return iso.to_owned();
    };
    match lang {
        Lang::Fi | Lang::Sv => format!("{}.{}.{}", d.day(), d.month(), d.year()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!(
                "{} {} {}",
                d.day(),
                MONTHS[d.month() as usize - 1],
                d.year()
            )
        }
    }
}

#[cfg(test)]
mod tests;
