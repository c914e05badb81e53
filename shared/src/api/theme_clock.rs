//! The theme clock (vuosikello) of a centre: a year of monthly themes, each with the kind of
//! workshop the network holds that month and an optional task between workshops
//! (välitehtävä). The coordinator plans it a year at a time; the meeting of a month shows its
//! theme on the join page, the chair view, the shared screen, the calendar feed and the
//! minutes.
//!
//! Routes (coordinator token):
//! - `GET /api/centres/{centre}/theme-clock/{year}` → [`ThemeClock`] (twelve months; a month
//!   not planned has an empty theme);
//! - `PUT /api/centres/{centre}/theme-clock/{year}` [`ThemeClockUpdate`] → [`ThemeClock`];
//! - `POST /api/centres/{centre}/theme-clock/{year}/copy-from/{from}` → [`ThemeClock`]: the
//!   year `from` copied as the start of `year` (what `year` had is replaced).

pub use crate::domain::{MonthTheme, WorkshopKind};
use crate::ids::CentreId;
use serde::{Deserialize, Serialize};

/// The longest theme, in characters: a heading, not a text.
pub const MAX_THEME_CHARS: usize = 120;
/// The longest task between workshops, in characters.
pub const MAX_BETWEEN_TASK_CHARS: usize = 500;
/// The years a clock can be planned for: a guard against typos such as 20227.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A centre's clock for one year: always twelve months, January first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeClock {
    pub centre_id: CentreId,
    pub year: i32,
    pub months: Vec<MonthTheme>,
}

impl ThemeClock {
    /// An empty clock: twelve months with nothing planned.
    pub fn empty(centre_id: CentreId, year: i32) -> ThemeClock {
        ThemeClock {
            centre_id,
            year,
            months: (1..=12)
                .map(|month| MonthTheme {
                    month,
                    ..MonthTheme::default()
                })
                .collect(),
        }
    }

    /// The clock with `planned` months filled in (others left empty).
    pub fn with(centre_id: CentreId, year: i32, planned: Vec<MonthTheme>) -> ThemeClock {
        let mut clock = ThemeClock::empty(centre_id, year);
        for m in planned {
            if (1..=12).contains(&m.month) {
                let i = m.month as usize - 1;
                clock.months[i] = m;
            }
        }
        clock
    }

    /// The plan for a month (1–12), when something is planned for it.
    pub fn month(&self, month: u8) -> Option<&MonthTheme> {
        self.months
            .iter()
            .find(|m| m.month == month)
            .filter(|m| m.is_planned())
    }
}

/// `PUT /api/centres/{centre}/theme-clock/{year}`: the year's plan. Months may be left out
/// (nothing planned); a month given twice or outside 1–12 is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeClockUpdate {
    pub months: Vec<MonthTheme>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_clock_has_twelve_unplanned_months() {
        let c = ThemeClock::empty(CentreId::from("vuosaari"), 2027);
        assert_eq!(c.months.len(), 12);
        assert_eq!(c.months[11].month, 12);
        assert!(c.month(3).is_none());
    }

    #[test]
    fn planned_months_land_in_their_place() {
        let c = ThemeClock::with(
            CentreId::from("vuosaari"),
            2027,
            vec![MonthTheme {
                month: 9,
                theme: "Kiusaaminen".into(),
                workshop: Some(WorkshopKind::Training),
                between_task: None,
            }],
        );
        assert_eq!(c.month(9).unwrap().theme, "Kiusaaminen");
        assert_eq!(c.months[8].workshop, Some(WorkshopKind::Training));
        assert!(c.month(10).is_none());
    }
}
