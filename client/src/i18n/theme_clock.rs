//! The texts of the theme clock (vuosikello, issue 13) that the meeting pages show: the label
//! of the month's theme. Finnish first, then Swedish and English, in the parent module's table
//! form. The names of the workshop kinds are the shared table's
//! ([`shared::domain::WorkshopKind::names`]), so the minutes and the calendar say the same.

use super::Lang;
use shared::domain::MonthTheme;

texts! {
    month_theme: "Kuukauden teema", "Månadens tema", "Theme of the month";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// The workshop kind's name in `lang`.
pub fn workshop_name(lang: Lang, kind: shared::domain::WorkshopKind) -> &'static str {
    let [fi, sv, en] = kind.names();
    lang.t(fi, sv, en)
}

/// The one line the join page, the chair view and the shared screen show:
/// "Kuukauden teema: Kiusaaminen · Verkostotyöpaja" (the parts that are planned).
pub fn theme_line(lang: Lang, t: &MonthTheme) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !t.theme.is_empty() {
        parts.push(&t.theme);
    }
    if let Some(w) = t.workshop {
        parts.push(workshop_name(lang, w));
    }
    format!("{}: {}", texts(lang).month_theme, parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::domain::WorkshopKind;

    #[test]
    fn the_line_names_the_theme_and_the_workshop_in_every_language() {
        let mut t = MonthTheme {
            month: 3,
            theme: "Perheiden arki".into(),
            workshop: Some(WorkshopKind::StartingWorkshop),
            between_task: None,
        };
        assert_eq!(
            theme_line(Lang::Fi, &t),
            "Kuukauden teema: Perheiden arki · Aloitustyöpaja"
        );
        assert_eq!(
            theme_line(Lang::Sv, &t),
            "Månadens tema: Perheiden arki · Startworkshop"
        );
        t.workshop = None;
        assert_eq!(
            theme_line(Lang::En, &t),
            "Theme of the month: Perheiden arki"
        );
    }
}
