//! A period report's quick consultation rooms (issue 13), shown apart from the monthly
//! meetings' figures: how many were held, their items, outcomes and follow-ups (suppressed
//! below 3 like every count), and how long they took on average. The figures are pure, so the
//! host tests their wording; `view` places them under the report's other figures.

use super::report_chart::decimal;
use crate::i18n::Lang;
use shared::api::PeriodReportView;

/// The section's heading, the note that says the monthly figures do not include these, and
/// its figures (label, value).
#[derive(Clone, Debug, PartialEq)]
pub struct QuickFigures {
    /// "Pikakonsultaatiot".
    pub heading: &'static str,
    /// That the figures above are the monthly meetings' only.
    pub note: &'static str,
    /// Held, items, outcomes, follow-ups, average length.
    pub figures: Vec<(&'static str, String)>,
}

/// The quick consultations of `r` in `lang`; `None` when none was held in the period.
pub fn figures(r: &PeriodReportView, lang: Lang) -> Option<QuickFigures> {
    let q = &r.quick;
    if q.held == 0 {
        return None;
    }
    let t = |fi, sv, en| match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    };
    Some(QuickFigures {
        heading: t(
            "Pikakonsultaatiot",
            "Snabbkonsultationer",
            "Quick consultations",
        ),
        note: t(
            "Lasketaan erikseen: yllä olevat luvut ovat vain kuukausitapaamisten.",
            "Räknas separat: siffrorna ovan gäller bara månadsmötena.",
            "Counted apart: the figures above are the monthly meetings' only.",
        ),
        figures: vec![
            (t("Pidetty", "Hållna", "Held"), q.held.to_string()),
            (t("Asioita", "Ärenden", "Items"), q.items.to_string()),
            (
                t(
                    "Lopputulos kirjattu",
                    "Resultat antecknat",
                    "Outcome recorded",
                ),
                q.outcomes_recorded.to_string(),
            ),
            (
                t("Seurantaan", "Uppföljning", "Follow-ups"),
                q.follow_ups.to_string(),
            ),
            (
                t("Keskim. kesto", "Medellängd", "Average length"),
                q.average_minutes
                    .map_or("–".into(), |m| format!("{} min", decimal(lang, m))),
            ),
        ],
    })
}

/// The section under the report's figures, when quick consultations were held.
#[cfg(all(target_arch = "wasm32", feature = "coordinator"))]
pub fn view(r: &PeriodReportView, lang: Lang) -> impl leptos::IntoView {
    use leptos::prelude::*;
    figures(r, lang).map(|q| {
        let figures = q
            .figures
            .into_iter()
            .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
            .collect_view();
        view! {
            <section class="report-quick" aria-labelledby="r-quick-h">
                <h3 id="r-quick-h">{q.heading}</h3>
                <p class="hint">{q.note}</p>
                <dl class="figures">{figures}</dl>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::quick::PeriodQuick;
    use shared::api::SuppressedCount::{Exact, Suppressed};

    fn report(quick: PeriodQuick) -> PeriodReportView {
        let json = serde_json::json!({
            "centre": "kalasatama", "range": {"from": "2026-01-01", "to": "2026-12-31"},
            "meetings_held": 4, "items_by_kind": {}, "themes": {}, "outcomes_recorded": 0,
            "follow_ups": 0, "deferred": 0, "withdrawn": 0, "items_timed": 0,
            "average_min_per_item": null, "time_per_item": [], "attendance": [],
            "all_required_present_share": null, "rejected_identifiers": {}, "meetings": [],
            "quick": quick,
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn quick_rooms_are_shown_apart_with_small_counts_hidden() {
        assert_eq!(figures(&report(PeriodQuick::default()), Lang::Fi), None);
        let r = report(PeriodQuick {
            held: 3,
            items: Exact(4),
            outcomes_recorded: Exact(3),
            follow_ups: Suppressed,
            average_minutes: Some(22.5),
        });
        let fi = figures(&r, Lang::Fi).unwrap();
        assert_eq!(fi.heading, "Pikakonsultaatiot");
        assert!(fi.note.contains("vain kuukausitapaamisten"));
        assert_eq!(
            fi.figures,
            vec![
                ("Pidetty", "3".to_owned()),
                ("Asioita", "4".to_owned()),
                ("Lopputulos kirjattu", "3".to_owned()),
                ("Seurantaan", "< 3".to_owned()),
                ("Keskim. kesto", "22,5 min".to_owned()),
            ]
        );
        assert_eq!(figures(&r, Lang::En).unwrap().figures[4].1, "22.5 min");
        assert_eq!(
            figures(&r, Lang::Sv).unwrap().heading,
            "Snabbkonsultationer"
        );
    }
}
