//! Time that fits the hour.
//!
//! The chair's promise at the start of the meeting is that every case gets its turn within the
//! hour. The rule: when the agenda is confirmed and whenever an item starts, each remaining item
//! gets an equal share of the meeting time that is left. Shares are whole seconds; the seconds
//! that do not divide evenly go to the earliest items, so the shares add up to exactly the time
//! left and nothing is promised that the hour does not have.

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

#[cfg(test)]
mod tests {
    use super::*;

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
