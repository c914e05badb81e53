//! Time that fits the hour.
//!
//! The chair's promise at the start of the meeting is that every case gets its turn within the
//! hour. The rule: when the agenda is confirmed and whenever an item starts, each remaining item
//! gets an equal share of the meeting time that is left, **but never more than the pace**: the
//! per-item time the chair announced ("N asiaa, noin M minuuttia kutakin"), or, when nothing was
//! announced, the share the first item got when the meeting started. Shares are whole seconds;
//! the seconds that do not divide evenly go to the earliest items.
//!
//! Without the cap the last item got the whole rest of the hour (three items announced at 19
//! minutes each, the first two quick, and the last one showed 57 minutes), so the timer stopped
//! helping the pace. With it, time the earlier items did not use is not handed to the next one
//! silently: it stays at the end of the meeting as **spare time** ([`Split::spare_ms`]), which
//! the chair sees and can give to an item on purpose (`extend`). When the queue is behind (the
//! time left divided by the items left is below the pace) every item gets the smaller equal
//! share and there is no spare: nothing is promised that the hour does not have.

use crate::Millis;

/// Meeting time left at `now` for a meeting scheduled from `starts_at` to `ends_at`.
///
/// Before the scheduled start the whole meeting is left (an early start does not lengthen the
/// hour); after the scheduled end nothing is. A late start simply has less time.
pub fn remaining_ms(starts_at: Millis, ends_at: Millis, now: Millis) -> Millis {
    let from = now.max(starts_at);
    (ends_at - from).max(0)
}

/// Splits `remaining` milliseconds between `items` items, in agenda order.
///
/// Returns one allotment (ms, whole seconds) per item. With no time left every item gets zero
/// and will be shown as overrunning from its start, which is the truth the chair needs.
pub fn allocate(remaining: Millis, items: usize) -> Vec<Millis> {
    if items == 0 {
        return Vec::new();
    }
    let secs = remaining.max(0) / 1000;
    let n = items as i64;
    let base = secs / n;
    let extra = (secs % n) as usize;
    (0..items)
        .map(|i| (base + if i < extra { 1 } else { 0 }) * 1000)
        .collect()
}

/// Shares of the queue under the pace cap, and the time left over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// One share per item, in agenda order (ms, whole seconds).
    pub shares: Vec<Millis>,
    /// Meeting time left that no share holds (0 unless the pace capped the shares).
    pub spare_ms: Millis,
}

/// Splits `remaining` between `items` like [`allocate`], but when the equal share (whole
/// seconds) is larger than `pace`, every item gets exactly the pace and the rest is
/// `spare_ms`. At or behind the pace the split is [`allocate`]'s, filling the time left to the
/// second. With no items, all of `remaining` is spare.
pub fn allocate_capped(remaining: Millis, items: usize, pace: Option<Millis>) -> Split {
    let remaining = remaining.max(0);
    let whole = remaining / 1000 * 1000;
    if items == 0 {
        return Split {
            shares: Vec::new(),
            spare_ms: whole,
        };
    }
    let base = whole / items as Millis / 1000 * 1000;
    match pace.map(|p| p.max(0) / 1000 * 1000) {
        Some(cap) if base > cap => Split {
            shares: vec![cap; items],
            spare_ms: whole - cap * items as Millis,
        },
        _ => Split {
            shares: allocate(remaining, items),
            spare_ms: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_item_does_not_get_the_rest_of_the_hour() {
        // Three items announced at 20 minutes; the first two took 10 each: 40 minutes left.
        let s = allocate_capped(40 * MIN, 1, Some(20 * MIN));
        assert_eq!(s.shares, vec![20 * MIN]);
        assert_eq!(s.spare_ms, 20 * MIN);
    }

    #[test]
    fn behind_schedule_the_equal_share_is_below_the_pace_and_nothing_is_spare() {
        let s = allocate_capped(30 * MIN, 2, Some(20 * MIN));
        assert_eq!(s.shares, vec![15 * MIN, 15 * MIN]);
        assert_eq!(s.spare_ms, 0);
    }

    #[test]
    fn the_spare_seconds_of_an_uneven_split_are_not_cut_by_the_pace() {
        // 3 items in 3 595 s: 1 199 + 1 198 + 1 198, pace 1 198 (the smallest announced).
        let s = allocate_capped(3_595_000, 3, Some(1_198_000));
        assert_eq!(s.shares, vec![1_199_000, 1_198_000, 1_198_000]);
        assert_eq!(s.spare_ms, 0);
    }

    #[test]
    fn exactly_on_pace_and_without_a_pace() {
        let s = allocate_capped(60 * MIN, 3, Some(20 * MIN));
        assert_eq!((s.shares, s.spare_ms), (vec![20 * MIN; 3], 0));
        let s = allocate_capped(60 * MIN, 1, None);
        assert_eq!((s.shares, s.spare_ms), (vec![60 * MIN], 0));
    }

    #[test]
    fn capped_edges_no_items_no_time_and_a_zero_pace() {
        let s = allocate_capped(10 * MIN, 0, Some(5 * MIN));
        assert_eq!((s.shares.len(), s.spare_ms), (0, 10 * MIN));
        let s = allocate_capped(-MIN, 2, Some(5 * MIN));
        assert_eq!((s.shares, s.spare_ms), (vec![0, 0], 0));
        let s = allocate_capped(10 * MIN, 2, Some(0));
        assert_eq!((s.shares, s.spare_ms), (vec![0, 0], 10 * MIN));
        // A pace with milliseconds is cut to whole seconds like every share.
        let s = allocate_capped(10 * MIN, 1, Some(90_500));
        assert_eq!((s.shares, s.spare_ms), (vec![90_000], 10 * MIN - 90_000));
    }

    const MIN: Millis = 60_000;

    #[test]
    fn no_items_gets_nothing() {
        assert!(allocate(60 * MIN, 0).is_empty());
    }

    #[test]
    fn one_item_gets_the_whole_remaining_time() {
        assert_eq!(allocate(60 * MIN, 1), vec![60 * MIN]);
    }

    #[test]
    fn many_items_share_equally_and_sum_to_the_time_left() {
        let shares = allocate(60 * MIN, 7);
        assert_eq!(shares.len(), 7);
        assert_eq!(shares.iter().sum::<Millis>(), 60 * MIN);
        let (min, max) = (shares.iter().min().unwrap(), shares.iter().max().unwrap());
        assert!(
            max - min <= 1000,
            "shares differ by at most one second: {shares:?}"
        );
        // Earliest items get the spare seconds.
        assert!(shares[0] >= shares[6]);
    }

    #[test]
    fn six_cases_in_an_hour_get_ten_minutes_each() {
        assert_eq!(allocate(60 * MIN, 6), vec![10 * MIN; 6]);
    }

    #[test]
    fn no_time_left_means_zero_for_everyone() {
        assert_eq!(allocate(0, 3), vec![0, 0, 0]);
        assert_eq!(allocate(-5 * MIN, 2), vec![0, 0]);
    }

    #[test]
    fn more_items_than_seconds_gives_leading_items_the_seconds() {
        assert_eq!(allocate(2_500, 4), vec![1000, 1000, 0, 0]);
    }

    #[test]
    fn remaining_time_before_during_and_after_the_meeting() {
        let start = 1_000_000;
        let end = start + 60 * MIN;
        // Early: the hour is not lengthened.
        assert_eq!(remaining_ms(start, end, start - 10 * MIN), 60 * MIN);
        // Late start by 15 minutes: 45 minutes left.
        assert_eq!(remaining_ms(start, end, start + 15 * MIN), 45 * MIN);
        assert_eq!(
            allocate(remaining_ms(start, end, start + 15 * MIN), 3),
            vec![15 * MIN; 3]
        );
        // After the end: nothing.
        assert_eq!(remaining_ms(start, end, end + MIN), 0);
    }
}
