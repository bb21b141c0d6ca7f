//! A river-patrol check-in: what the text must be, and whether it earns points.

use chrono::NaiveDate;

pub const MAX_TEXT_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong,
}

pub fn validate_text(text: &str) -> Result<String, TextProblem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(TextProblem::Empty);
    }
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(TextProblem::TooLong);
    }
    Ok(t.to_string())
}

/// The idempotency key of a check-in award: one per depositor, campaign and
/// town day. The ledger refuses a second transfer with the same key.
pub fn award_key(campaign_id: i64, user_id: i64, day: NaiveDate) -> String {
    format!("checkin:{campaign_id}:{user_id}:{day}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(validate_text("  沿河走了一圈 "), Ok("沿河走了一圈".to_string()));
        assert_eq!(validate_text(" \n "), Err(TextProblem::Empty));
        assert_eq!(validate_text(&"字".repeat(501)), Err(TextProblem::TooLong));
        assert!(validate_text(&"字".repeat(500)).is_ok());
    }

    #[test]
    fn award_key_names_campaign_person_and_day() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(award_key(3, 42, day), "checkin:3:42:2026-03-05");
        assert_ne!(award_key(3, 42, day), award_key(3, 42, day.succ_opt().unwrap()));
    }
}
