//! Check-in campaigns: their window of days and what a new one must contain.

use chrono::NaiveDate;

pub const MAX_CAMPAIGN_DAYS: i64 = 366;
pub const MAX_POINTS_PER_CHECKIN: i32 = 100;
pub const MAX_NAME_CHARS: usize = 40;
pub const MAX_TOPIC_CHARS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    NotStarted,
    Open,
    Ended,
}

impl Window {
    /// Whether a check-in made on town day `day` belongs to the campaign.
    pub fn openness(&self, day: NaiveDate) -> Openness {
        if day < self.starts_on {
            Openness::NotStarted
        } else if day > self.ends_on {
            Openness::Ended
        } else {
            Openness::Open
        }
    }

    /// Number of days, both ends included: 1 March to 21 March is 21 days.
    pub fn length_days(&self) -> i64 {
        (self.ends_on - self.starts_on).num_days() + 1
    }

    /// Days still to go including `today`; zero once ended.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        match self.openness(today) {
            Openness::NotStarted => self.length_days(),
            Openness::Open => (self.ends_on - today).num_days() + 1,
            Openness::Ended => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCampaign {
    pub name: String,
    pub topic: String,
    pub village_id: Option<i64>,
    pub window: Window,
    pub points_per_checkin: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignProblem {
    NameEmpty,
    NameTooLong,
    EndsBeforeStart,
    TooLong,
    PointsOutOfRange,
}

/// Cleans a topic the way people type it: `#护河打卡`, `护河打卡` and
/// `＃护河打卡 ` all become `护河打卡`.
pub fn clean_topic(raw: &str) -> String {
    raw.trim().trim_start_matches(['#', '＃']).trim().to_string()
}

pub fn validate_campaign(c: &NewCampaign) -> Result<NewCampaign, CampaignProblem> {
    let name = c.name.trim().to_string();
    if name.is_empty() {
        return Err(CampaignProblem::NameEmpty);
    }
    if name.chars().count() > MAX_NAME_CHARS || clean_topic(&c.topic).chars().count() > MAX_TOPIC_CHARS {
        return Err(CampaignProblem::NameTooLong);
    }
    if c.window.ends_on < c.window.starts_on {
        return Err(CampaignProblem::EndsBeforeStart);
    }
    if c.window.length_days() > MAX_CAMPAIGN_DAYS {
        return Err(CampaignProblem::TooLong);
    }
    if !(1..=MAX_POINTS_PER_CHECKIN).contains(&c.points_per_checkin) {
        return Err(CampaignProblem::PointsOutOfRange);
    }
    Ok(NewCampaign { name, topic: clean_topic(&c.topic), ..c.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn twenty_one_day_window() {
        let w = Window { starts_on: d(3, 1), ends_on: d(3, 21) };
        assert_eq!(w.length_days(), 21);
        assert_eq!(w.openness(d(2, 28)), Openness::NotStarted);
        assert_eq!(w.openness(d(3, 1)), Openness::Open);
        assert_eq!(w.openness(d(3, 21)), Openness::Open);
        assert_eq!(w.openness(d(3, 22)), Openness::Ended);
        assert_eq!(w.days_left(d(3, 21)), 1);
        assert_eq!(w.days_left(d(3, 1)), 21);
        assert_eq!(w.days_left(d(4, 1)), 0);
    }

    #[test]
    fn topic_loses_hash_marks() {
        assert_eq!(clean_topic(" ＃护河打卡 "), "护河打卡");
        assert_eq!(clean_topic("#老物件"), "老物件");
    }

    #[test]
    fn rejects_backwards_and_pointless_campaigns() {
        let base = NewCampaign {
            name: "保卫水环境".into(),
            topic: "#护河打卡".into(),
            village_id: None,
            window: Window { starts_on: d(3, 1), ends_on: d(3, 21) },
            points_per_checkin: 2,
        };
        assert_eq!(validate_campaign(&base).unwrap().topic, "护河打卡");
        let mut c = base.clone();
        c.window.ends_on = d(2, 1);
        assert_eq!(validate_campaign(&c), Err(CampaignProblem::EndsBeforeStart));
        let mut c = base.clone();
        c.points_per_checkin = 0;
        assert_eq!(validate_campaign(&c), Err(CampaignProblem::PointsOutOfRange));
        let mut c = base.clone();
        c.name = "长".repeat(41);
        assert_eq!(validate_campaign(&c), Err(CampaignProblem::NameTooLong));
        let mut c = base;
        c.name = " ".into();
        assert_eq!(validate_campaign(&c), Err(CampaignProblem::NameEmpty));
    }
}
