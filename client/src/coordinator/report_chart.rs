//! What every chart of a period report is made of: the [`Chart`] itself, and dates and numbers
//! written for its labels. The report's own charts (`report`) and its feedback charts
//! (`report_feedback`) are drawn with these, and `report_quick` writes its numbers the same
//! way; so none of those modules needs another's.

use crate::i18n::Lang;

/// One chart: the SVG, and a caption (the key) for the one that needs it.
pub struct Chart {
    /// The chart, SVG with its labels escaped.
    pub svg: String,
    /// Its key, for the attendance grid.
    pub caption: Option<&'static str>,
}

/// `13.10.` from `2026-10-13`.
pub fn short_date(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(m), Some(d)) => format!(
            "{}.{}.",
            d.trim_start_matches('0'),
            m.trim_start_matches('0')
        ),
        _ => iso.to_owned(),
    }
}

/// A decimal number the Finnish/Swedish way (`4,5`) or the English way.
pub fn decimal(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_languages_way() {
        assert_eq!(decimal(Lang::Fi, 4.5), "4,5");
        assert_eq!(decimal(Lang::En, 4.0), "4");
        assert_eq!(short_date("2026-01-05"), "5.1.");
    }
}
