use super::*;
use SuppressedCount::{Exact, Suppressed};

fn table(cells: &[&[u32]], rows_add_up: bool, columns_add_up: bool) -> CountTable {
    CountTable {
        cells: cells.iter().map(|r| r.to_vec()).collect(),
        rows_add_up,
        columns_add_up,
    }
}

/// What a reader can do: every assignment of the hidden cells (each at least 1, since 0 is
/// always shown, and at most `max`) that agrees with every shown total. A hidden cell below 3
/// must have more than one possible value, or it has been recovered.
fn possible_values(t: &CountTable, out: &SuppressedTable, max: u32) -> Vec<Vec<u32>> {
    let hidden: Vec<(usize, usize)> = out
        .cells
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, c)| c.is_suppressed())
                .map(move |(c, _)| (r, c))
        })
        .collect();
    let mut found: Vec<Vec<u32>> = vec![Vec::new(); hidden.len()];
    let mut guess = vec![1u32; hidden.len()];
    loop {
        let mut cells = t.cells.clone();
        for (k, (r, c)) in hidden.iter().enumerate() {
            cells[*r][*c] = guess[k];
        }
        let agrees = |shown: &SuppressedCount, real: u32| match shown {
            Exact(n) => *n == real,
            Suppressed => real > 0,
        };
        let rows_ok = out
            .row_totals
            .iter()
            .enumerate()
            .all(|(r, s)| agrees(s, cells[r].iter().sum()));
        let cols_ok = out
            .column_totals
            .iter()
            .enumerate()
            .all(|(c, s)| agrees(s, cells.iter().map(|row| row[c]).sum()));
        let total_ok = out
            .total
            .is_none_or(|s| agrees(&s, cells.iter().flatten().sum()));
        if rows_ok && cols_ok && total_ok {
            for (k, g) in guess.iter().enumerate() {
                if !found[k].contains(g) {
                    found[k].push(*g);
                }
            }
        }
        // Next guess.
        let mut k = 0;
        loop {
            if k == guess.len() {
                return found;
            }
            guess[k] += 1;
            if guess[k] <= max {
                break;
            }
            guess[k] = 1;
            k += 1;
        }
    }
}

fn assert_safe(t: &CountTable) -> SuppressedTable {
    let out = suppress(t);
    for (r, row) in t.cells.iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            if v > 0 && v < THRESHOLD {
                assert_eq!(out.cells[r][c], Suppressed, "cell {r},{c} = {v} is shown");
            }
            if let Exact(n) = out.cells[r][c] {
                assert_eq!(n, v, "a shown cell is its real value");
            }
        }
    }
    let max = t.cells.iter().flatten().copied().max().unwrap_or(0) + 4;
    let possible = possible_values(t, &out, max);
    for p in &possible {
        assert!(p.len() > 1, "a hidden cell has one possible value: {out:?}");
    }
    out
}

#[test]
fn a_count_of_one_shows_as_less_than_three_and_zero_and_three_stay() {
    assert_eq!(SuppressedCount::of(0), Exact(0));
    assert_eq!(SuppressedCount::of(1), Suppressed);
    assert_eq!(SuppressedCount::of(2), Suppressed);
    assert_eq!(SuppressedCount::of(3), Exact(3));
    assert_eq!(Suppressed.to_string(), "< 3");
    assert_eq!(serde_json::to_string(&Suppressed).unwrap(), "\"< 3\"");
    assert_eq!(serde_json::to_string(&Exact(7)).unwrap(), "7");
    let back: Vec<SuppressedCount> = serde_json::from_str("[7, \"< 3\", 0]").unwrap();
    assert_eq!(back, [Exact(7), Suppressed, Exact(0)]);
    assert!(serde_json::from_str::<SuppressedCount>("\"1\"").is_err());
}

#[test]
fn one_small_cell_in_a_row_with_a_total_hides_the_next_smallest() {
    let t = table(&[&[5, 1, 4, 0]], true, false);
    let out = assert_safe(&t);
    assert_eq!(out.cells[0], [Exact(5), Suppressed, Suppressed, Exact(0)]);
    assert_eq!(out.row_totals, [Exact(10)]);
    assert_eq!(out.total, None);
}

#[test]
fn a_small_cell_beside_zeros_hides_the_total() {
    let t = table(&[&[0, 1, 0]], true, false);
    let out = assert_safe(&t);
    assert_eq!(out.cells[0], [Exact(0), Suppressed, Exact(0)]);
    assert_eq!(out.row_totals, [Suppressed]);
}

#[test]
fn hidden_ones_that_the_total_would_give_away_hide_the_total() {
    let out = assert_safe(&table(&[&[1, 1, 1]], true, false));
    assert_eq!(out.row_totals, [Suppressed]);
}

#[test]
fn counts_without_a_total_are_suppressed_alone() {
    let t = table(&[&[1, 6, 9]], false, false);
    let out = suppress(&t);
    assert_eq!(out.cells[0], [Suppressed, Exact(6), Exact(9)]);
    assert!(out.row_totals.is_empty() && out.column_totals.is_empty());
}

#[test]
fn a_column_over_meetings_with_its_total() {
    // Deferred items per meeting, and the period's total.
    let t = table(&[&[4], &[1], &[0], &[6]], false, true);
    let out = assert_safe(&t);
    assert_eq!(
        out.cells,
        [[Suppressed], [Suppressed], [Exact(0)], [Exact(6)]],
        "the next smallest goes with the 1"
    );
    assert_eq!(out.column_totals, [Exact(11)]);
}

#[test]
fn a_two_way_table_cannot_be_solved_from_its_margins() {
    // Meetings × kinds, with items per meeting, items per kind and all items shown.
    let t = table(&[&[3, 1, 0], &[4, 3, 5], &[6, 4, 3]], true, true);
    let out = assert_safe(&t);
    assert_eq!(out.cells[0][1], Suppressed);
    let hidden = out
        .cells
        .iter()
        .flatten()
        .filter(|c| c.is_suppressed())
        .count();
    assert!(hidden >= 4, "a 2×2 block at least: {out:?}");
}

#[test]
fn crafted_tables_never_give_a_small_count_away() {
    let tables: &[(&[&[u32]], bool, bool)] = &[
        (&[&[1, 1, 1]], true, false),
        (&[&[2, 7], &[3, 4]], true, true),
        (&[&[1, 0], &[0, 5]], true, true),
        (&[&[0, 0], &[0, 1]], true, true),
        (&[&[9, 9, 1], &[8, 8, 8]], true, true),
        (&[&[1], &[2], &[0]], false, true),
        (&[&[5, 2], &[3, 0], &[0, 4]], true, true),
        (&[&[3, 3, 3]], true, false),
    ];
    for (cells, rows, cols) in tables {
        assert_safe(&table(cells, *rows, *cols));
    }
}

#[test]
fn nothing_is_hidden_when_every_count_is_large_or_zero() {
    let t = table(&[&[3, 0], &[10, 4]], true, true);
    let out = suppress(&t);
    assert!(out.cells.iter().flatten().all(|c| !c.is_suppressed()));
    assert_eq!(out.total, Some(Exact(17)));
}

#[test]
fn the_rule_is_stated_in_three_languages() {
    use crate::labels::Lang;
    for lang in Lang::ALL {
        assert!(rule_text(lang).contains("< 3"));
    }
    assert_ne!(rule_text(Lang::Fi), rule_text(Lang::Sv));
}

#[test]
fn every_small_table_keeps_its_small_counts() {
    // Every 2×2 table with both margins, and every row of three with its total, of counts 0–4.
    for n in 0..5u32.pow(4) {
        let v: Vec<u32> = (0..4).map(|i| n / 5u32.pow(i) % 5).collect();
        assert_safe(&table(&[&v[..2], &v[2..]], true, true));
        assert_safe(&table(&[&v[..3]], true, false));
        assert_safe(&table(&[&v[..1], &v[1..2], &v[2..3]], false, true));
    }
}
