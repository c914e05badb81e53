//! Small-number suppression (issue 13): in a report over more than one meeting, a count of items
//! or people below [`THRESHOLD`] is shown as `"< 3"`, and it cannot be worked out from a total.
//!
//! The rule, in one place ([`suppress`]):
//! 1. **Primary**: a count of 1 or 2 is suppressed. A count of 0 stays 0 (it points at no one),
//!    and so does any count of 3 or more.
//! 2. **Complementary**: a table's rows and columns that add up to a shown total are groups of
//!    cells plus their total. Whenever a group has exactly one suppressed member, the smallest
//!    other non-zero cell of the group is suppressed too (the first of equal ones); when there is
//!    none, the total is. Since a hidden count is never 0, hidden cells that add up to no more
//!    than how many they are (all of them 1) would be given away by the total: then the total is
//!    suppressed too. This repeats over every group until nothing changes.
//!
//! Both kinds of suppression show the same `"< 3"`: a reader cannot tell a hidden 1 from a
//! hidden 5, which is what keeps the 1 from being worked out. The report states the rule
//! ([`rule_text`]). The real value of a suppressed count is not in [`SuppressedCount`] at all,
//! so no view, format or chart can leak it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The smallest count shown as it is.
pub const THRESHOLD: u32 = 3;

/// How a suppressed count is written in every format.
pub const SUPPRESSED: &str = "< 3";

/// A count in a report over many meetings: its value, or hidden. Serialised as a JSON number or
/// the string `"< 3"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SuppressedCount {
    /// Shown as it is (0, or 3 and more, or a count no smaller one can be worked out from).
    Exact(u32),
    /// Hidden: below 3, or hidden so that one below 3 cannot be worked out from a total.
    #[default]
    Suppressed,
}

impl SuppressedCount {
    /// The value if it is shown, for charts and sums of shown values.
    pub fn exact(self) -> Option<u32> {
        match self {
            SuppressedCount::Exact(n) => Some(n),
            SuppressedCount::Suppressed => None,
        }
    }

    /// Whether the count is hidden.
    pub fn is_suppressed(self) -> bool {
        self == SuppressedCount::Suppressed
    }

    /// A count on its own (no total to protect): the primary rule only.
    pub fn of(n: u32) -> SuppressedCount {
        if n > 0 && n < THRESHOLD {
            SuppressedCount::Suppressed
        } else {
            SuppressedCount::Exact(n)
        }
    }
}

impl std::fmt::Display for SuppressedCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SuppressedCount::Exact(n) => write!(f, "{n}"),
            SuppressedCount::Suppressed => f.write_str(SUPPRESSED),
        }
    }
}

impl Serialize for SuppressedCount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SuppressedCount::Exact(n) => s.serialize_u32(*n),
            SuppressedCount::Suppressed => s.serialize_str(SUPPRESSED),
        }
    }
}

impl<'de> Deserialize<'de> for SuppressedCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(u32),
            Text(String),
        }
        match Wire::deserialize(d)? {
            Wire::Number(n) => Ok(SuppressedCount::Exact(n)),
            Wire::Text(t) if t == SUPPRESSED => Ok(SuppressedCount::Suppressed),
            Wire::Text(t) => Err(serde::de::Error::custom(format!(
                "a count is a number or \"{SUPPRESSED}\", not {t:?}"
            ))),
        }
    }
}

/// A table of counts to suppress: `cells[row][column]`, and which of its sums the report shows.
#[derive(Clone, Debug, Default)]
pub struct CountTable {
    /// The counts.
    pub cells: Vec<Vec<u32>>,
    /// Whether each row's sum is shown (a row total).
    pub rows_add_up: bool,
    /// Whether each column's sum is shown (a column total).
    pub columns_add_up: bool,
}

/// A [`CountTable`] after [`suppress`]: the cells, and the totals the table shows (empty where
/// it shows none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressedTable {
    /// The cells, as shown.
    pub cells: Vec<Vec<SuppressedCount>>,
    /// Each row's total (empty unless rows add up).
    pub row_totals: Vec<SuppressedCount>,
    /// Each column's total (empty unless columns add up).
    pub column_totals: Vec<SuppressedCount>,
    /// The sum of every cell, when both rows and columns add up (a one-row table's total is
    /// its one row total).
    pub total: Option<SuppressedCount>,
}

/// The one suppression rule (module doc): primary suppression of 1 and 2, then complementary
/// suppression in every row and column group that adds up to a shown total, and between the row
/// totals and the column totals and the grand total. Pure: same table in, same table out.
pub fn suppress(table: &CountTable) -> SuppressedTable {
    let rows = table.cells.len();
    let cols = table.cells.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |r: usize, c: usize| table.cells[r].get(c).copied().unwrap_or(0);
    // Every value with its place: cells first, then row totals, column totals, grand total.
    let mut values: Vec<u32> = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            values.push(cell(r, c));
        }
    }
    let row_total_at = values.len();
    for r in 0..rows {
        values.push((0..cols).map(|c| cell(r, c)).sum());
    }
    let col_total_at = values.len();
    for c in 0..cols {
        values.push((0..rows).map(|r| cell(r, c)).sum());
    }
    let grand_at = values.len();
    values.push(table.cells.iter().flatten().sum());

    // Groups: (members, total). Each says: these members add up to that total.
    let mut groups: Vec<(Vec<usize>, usize)> = Vec::new();
    if table.rows_add_up {
        for r in 0..rows {
            groups.push(((0..cols).map(|c| r * cols + c).collect(), row_total_at + r));
        }
    }
    if table.columns_add_up {
        for c in 0..cols {
            groups.push(((0..rows).map(|r| r * cols + c).collect(), col_total_at + c));
        }
    }
    let grand_shown = table.rows_add_up && table.columns_add_up;
    if grand_shown {
        groups.push(((row_total_at..col_total_at).collect(), grand_at));
        groups.push(((col_total_at..grand_at).collect(), grand_at));
    }

    let mut hidden: Vec<bool> = values.iter().map(|&v| v > 0 && v < THRESHOLD).collect();
    // Totals are shown only where the table shows them, but a shown total below 3 is a count
    // below 3 like any other, so the primary rule applies to it as well.
    loop {
        let mut changed = false;
        for (members, total) in &groups {
            let in_group = members.iter().chain(std::iter::once(total));
            let count = in_group.filter(|&&i| hidden[i]).count();
            if count > 1 && !hidden[*total] {
                // A hidden count is never 0, so hidden cells that add up to no more than how
                // many they are would all be 1: then the total goes too.
                // The cells under the total: its members, or every cell for the grand total.
                let leaves: Vec<usize> = if *total == grand_at {
                    (0..row_total_at).collect()
                } else {
                    members.clone()
                };
                let (n, sum) = leaves
                    .iter()
                    .filter(|&&i| hidden[i])
                    .fold((0u32, 0u32), |(n, s), &i| (n + 1, s + values[i]));
                if n > 0 && sum <= n {
                    hidden[*total] = true;
                    changed = true;
                }
                continue;
            }
            if count != 1 {
                continue;
            }
            let other = members
                .iter()
                .copied()
                .filter(|&i| !hidden[i] && values[i] > 0)
                .min_by_key(|&i| (values[i], i));
            let pick = match other {
                Some(i) => i,
                None if !hidden[*total] && values[*total] > 0 => *total,
                None => continue,
            };
            hidden[pick] = true;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let shown = |i: usize| {
        if hidden[i] {
            SuppressedCount::Suppressed
        } else {
            SuppressedCount::Exact(values[i])
        }
    };
    SuppressedTable {
        cells: (0..rows)
            .map(|r| (0..cols).map(|c| shown(r * cols + c)).collect())
            .collect(),
        row_totals: if table.rows_add_up {
            (row_total_at..col_total_at).map(shown).collect()
        } else {
            Vec::new()
        },
        column_totals: if table.columns_add_up {
            (col_total_at..grand_at).map(shown).collect()
        } else {
            Vec::new()
        },
        total: grand_shown.then(|| shown(grand_at)),
    }
}

/// The rule as the report states it, in the report's language.
pub fn rule_text(lang: crate::labels::Lang) -> &'static str {
    lang.t(
        "Pienten lukujen suojaus: useamman tapaamisen raportissa asioiden ja henkilöiden \
         lukumäärä 1 tai 2 näytetään muodossa \"< 3\" (0 näytetään). Jotta tällaista lukua ei \
         voi laskea summasta, samalta riviltä tai sarakkeelta piilotetaan lisäksi pienin muu \
         luku tai summa, ja sekin näytetään muodossa \"< 3\".",
        "Skydd av små tal: i en rapport över flera möten visas antal ärenden och personer på 1 \
         eller 2 som \"< 3\" (0 visas). För att ett sådant tal inte ska kunna räknas ut ur en \
         summa döljs också det minsta andra talet eller summan i samma rad eller kolumn, och \
         även det visas som \"< 3\".",
        "Small-number suppression: in a report over several meetings, a count of items or \
         people of 1 or 2 is shown as \"< 3\" (0 is shown). So that such a count cannot be \
         worked out from a total, the smallest other count or the total of the same row or \
         column is hidden as well, also shown as \"< 3\".",
    )
}

#[cfg(test)]
#[path = "suppression_tests.rs"]
mod tests;
