//! Check-in streaks on the town's calendar: consecutive Asia/Shanghai days
//! with at least one genuine check-in. A missed day breaks a streak; several
//! check-ins on one day count once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    /// The run that ends today, or yesterday if today has no check-in yet
    /// (the streak is still alive until today is over).
    pub current: u32,
    /// The longest run ever.
    pub best: u32,
    /// Distinct days with a check-in.
    pub days: u32,
}

/// Streaks of the check-in days `days` (any order, repeats allowed) as seen
/// on town day `today`. Days after `today` are ignored.
pub fn streak(days: &[NaiveDate], today: NaiveDate) -> Streak {
    let mut sorted: Vec<NaiveDate> = days.iter().copied().filter(|d| *d <= today).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut best = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for day in &sorted {
        run = match previous {
            Some(p) if p.succ_opt() == Some(*day) => run + 1,
            _ => 1,
        };
        best = best.max(run);
        previous = Some(*day);
    }
    let alive = previous.is_some_and(|last| last == today || last.succ_opt() == Some(today));
    Streak { current: if alive { run } else { 0 }, best, days: sorted.len() as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    #[test]
    fn three_days_in_a_row_make_a_streak_of_three() {
        let s = streak(&[d(1), d(2), d(3)], d(3));
        assert_eq!(s, Streak { current: 3, best: 3, days: 3 });
    }

    #[test]
    fn the_same_day_never_counts_twice() {
        assert_eq!(streak(&[d(2), d(2), d(1), d(2)], d(2)), Streak { current: 2, best: 2, days: 2 });
    }

    #[test]
    fn a_missed_day_breaks_the_streak_but_keeps_the_best() {
        let s = streak(&[d(1), d(2), d(3), d(5)], d(5));
        assert_eq!(s, Streak { current: 1, best: 3, days: 4 });
    }

    #[test]
    fn yesterday_keeps_the_streak_alive_until_today_ends() {
        assert_eq!(streak(&[d(1), d(2)], d(3)).current, 2);
        assert_eq!(streak(&[d(1), d(2)], d(4)).current, 0);
        assert_eq!(streak(&[d(1), d(2)], d(4)).best, 2);
    }

    #[test]
    fn no_days_no_streak() {
        assert_eq!(streak(&[], d(4)), Streak::default());
    }

    #[test]
    fn month_boundaries_are_consecutive() {
        let feb28 = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(streak(&[feb28, d(1)], d(1)).current, 2);
    }

    proptest! {
        // Against a brute-force definition: the best streak is the longest
        // k such that some k consecutive days are all present.
        #[test]
        fn matches_brute_force(offsets in proptest::collection::vec(0u32..40, 0..30), today_offset in 0u32..45) {
            let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let days: Vec<NaiveDate> = offsets.iter().map(|o| base + chrono::Duration::days(*o as i64)).collect();
            let today = base + chrono::Duration::days(today_offset as i64);
            let present = |day: NaiveDate| days.contains(&day) && day <= today;
            let s = streak(&days, today);
            let mut brute_best = 0;
            for start in 0..46u32 {
                let mut k = 0;
                while present(base + chrono::Duration::days((start + k) as i64)) { k += 1; }
                brute_best = brute_best.max(k);
            }
            prop_assert_eq!(s.best, brute_best);
            let end = if present(today) { Some(today) } else { today.pred_opt().filter(|y| present(*y)) };
            let mut brute_current = 0;
            if let Some(mut day) = end {
                while present(day) { brute_current += 1; day = day.pred_opt().unwrap(); }
            }
            prop_assert_eq!(s.current, brute_current);
            prop_assert!(s.current <= s.best);
        }
    }
}
