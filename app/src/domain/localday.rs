//! The town's calendar day. "One per day" rules use the Asia/Shanghai day;
//! timestamps are stored in UTC. China has kept UTC+8 without daylight saving
//! since 1991, so a fixed offset is exact for every date this app handles.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

const SHANGHAI_OFFSET_SECS: i32 = 8 * 3600;

pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(SHANGHAI_OFFSET_SECS).expect("+08:00 is a valid offset")
}

/// The Asia/Shanghai calendar day that contains `at`.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&shanghai()).date_naive()
}

/// The UTC instant at which the Asia/Shanghai day `day` begins.
pub fn day_start_utc(day: NaiveDate) -> DateTime<Utc> {
    shanghai()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .single()
        .expect("fixed offsets have no gaps")
        .with_timezone(&Utc)
}

/// "HH:MM" in the town's time, for display.
pub fn local_time_label(at: DateTime<Utc>) -> String {
    at.with_timezone(&shanghai()).format("%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_next_morning_in_shanghai() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 16, 30, 0).unwrap();
        assert_eq!(local_day(at), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    }

    #[test]
    fn one_minute_before_and_after_local_midnight_are_two_days() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let start = day_start_utc(day);
        assert_eq!(local_day(start - chrono::Duration::minutes(1)), day.pred_opt().unwrap());
        assert_eq!(local_day(start + chrono::Duration::minutes(1)), day);
    }
}
