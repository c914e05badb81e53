//! Quick consultation rooms in a period report (issue 13): counted apart from the monthly
//! meetings, so an ad hoc room of twenty minutes for one question neither swells the monthly
//! meetings' figures nor hides among them. The period report takes its monthly figures from
//! the monthly meetings only ([`split`]) and these from the quick rooms.

use super::excel_csv::decimal;
use super::labels::Lang;
use super::minutes::{ItemSummary, MeetingSummary};
use super::Recorded;
use shared::api::quick::PeriodQuick;
use shared::api::SuppressedCount;
use shared::domain::{ItemStatus, MeetingKind};

/// The meetings of a range as two lists: the monthly meetings, then the quick rooms.
pub fn split(recorded: Vec<Recorded>) -> (Vec<Recorded>, Vec<Recorded>) {
    recorded
        .into_iter()
        .partition(|r| r.row.kind == MeetingKind::Monthly)
}

/// The quick rooms held (their minutes): how many, their items, outcomes and follow-ups —
/// each count suppressed below 3 like every count over many meetings, with no total shown
/// beside them that could give a hidden one away — and the minutes they took on average.
pub fn of(held: &[MeetingSummary]) -> PeriodQuick {
    tally(held.iter().map(|m| (m.used_min, m.items.as_slice())))
}

/// [`of`] over each room's minutes used and items.
fn tally<'a>(rooms: impl Iterator<Item = (i64, &'a [ItemSummary])>) -> PeriodQuick {
    let (mut held, mut used, mut items, mut outcomes, mut follow_ups) = (0u32, 0i64, 0, 0, 0);
    for (used_min, list) in rooms {
        held += 1;
        used += used_min;
        for it in list.iter().filter(|i| i.status != ItemStatus::Withdrawn) {
            items += 1;
            if let Some(o) = &it.outcome {
                outcomes += 1;
                if o.follow_up {
                    follow_ups += 1;
                }
            }
        }
    }
    PeriodQuick {
        held,
        items: SuppressedCount::of(items),
        outcomes_recorded: SuppressedCount::of(outcomes),
        follow_ups: SuppressedCount::of(follow_ups),
        average_minutes: (held > 0).then(|| (used as f64 / held as f64 * 10.0).round() / 10.0),
    }
}

/// The quick consultations as rows for the period report's CSV, under its other rows: a blank
/// row, a title that says they are counted apart, and one label–value row per figure; no rows
/// when none was held. Every row is `width` cells long, as the CSV's header is.
pub fn csv_rows(q: &PeriodQuick, lang: Lang, width: usize) -> Vec<Vec<String>> {
    if q.held == 0 {
        return Vec::new();
    }
    let t = |fi, sv, en| lang.t(fi, sv, en).to_owned();
    let mut rows = vec![
        Vec::new(),
        vec![t(
            "Pikakonsultaatiot (lasketaan erikseen, eivät ole mukana yllä olevissa luvuissa)",
            "Snabbkonsultationer (räknas separat, ingår inte i siffrorna ovan)",
            "Quick consultations (counted apart, not in the figures above)",
        )],
        vec![t("pidetty", "hållna", "held"), q.held.to_string()],
        vec![t("asioita", "ärenden", "items"), q.items.to_string()],
        vec![
            t(
                "lopputulos kirjattu",
                "resultat antecknat",
                "outcome recorded",
            ),
            q.outcomes_recorded.to_string(),
        ],
        vec![
            t("seurantaan", "uppföljning", "follow-ups"),
            q.follow_ups.to_string(),
        ],
        vec![
            t("keskim. kesto min", "medellängd min", "average length min"),
            q.average_minutes.map_or(String::new(), |m| decimal(m, 1)),
        ],
    ];
    for r in &mut rows {
        r.resize(width.max(r.len()), String::new());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::domain::{ItemKind, Outcome};
    use shared::ids::{ItemId, ServiceId};

    fn item(status: ItemStatus, outcome: Option<bool>) -> ItemSummary {
        ItemSummary {
            no: 1,
            id: ItemId::from("i"),
            kind: ItemKind::ClientCase,
            title: String::new(),
            summary: String::new(),
            question: String::new(),
            themes: vec![],
            services_wanted: vec![],
            presenter_service: ServiceId::from("kela"),
            status,
            allotted_min: None,
            used_min: Some(10),
            overran: false,
            outcome: outcome.map(|follow_up| Outcome {
                follow_up,
                ..Outcome::default()
            }),
            carried_over: None,
            edited: false,
            redacted: false,
            arrival: None,
        }
    }

    #[test]
    fn quick_rooms_are_counted_with_small_counts_hidden() {
        let none = tally(std::iter::empty());
        assert_eq!((none.held, none.average_minutes), (0, None));
        assert_eq!(none.items, SuppressedCount::Exact(0));

        let a = vec![
            item(ItemStatus::Done, Some(true)),
            item(ItemStatus::Done, Some(false)),
            item(ItemStatus::Done, Some(false)),
            item(ItemStatus::Withdrawn, None),
        ];
        let b = vec![item(ItemStatus::Done, None)];
        let q = tally([(20, a.as_slice()), (25, b.as_slice())].into_iter());
        assert_eq!(q.held, 2);
        assert_eq!(
            q.items,
            SuppressedCount::Exact(4),
            "the withdrawn one is not handled"
        );
        assert_eq!(q.outcomes_recorded, SuppressedCount::Exact(3));
        assert_eq!(
            q.follow_ups,
            SuppressedCount::Suppressed,
            "1 is shown as < 3"
        );
        assert_eq!(q.average_minutes, Some(22.5));
    }

    #[test]
    fn the_csv_section_says_quick_rooms_are_counted_apart_in_every_language() {
        let q = PeriodQuick {
            held: 3,
            items: SuppressedCount::Exact(4),
            outcomes_recorded: SuppressedCount::Exact(3),
            follow_ups: SuppressedCount::Suppressed,
            average_minutes: Some(22.5),
        };
        let rows = csv_rows(&q, Lang::Fi, 5);
        assert!(rows.iter().all(|r| r.len() == 5));
        assert!(rows[1][0].starts_with("Pikakonsultaatiot (lasketaan erikseen"));
        assert_eq!(rows[2][..2], ["pidetty", "3"]);
        assert_eq!(rows[5][..2], ["seurantaan", "< 3"]);
        assert_eq!(rows[6][..2], ["keskim. kesto min", "22,5"]);
        assert!(csv_rows(&q, Lang::Sv, 2)[1][0].starts_with("Snabbkonsultationer"));
        assert!(csv_rows(&q, Lang::En, 2)[1][0].starts_with("Quick consultations"));
        assert!(csv_rows(&PeriodQuick::default(), Lang::Fi, 5).is_empty());
    }
}
