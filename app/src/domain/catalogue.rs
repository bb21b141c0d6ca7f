//! The point catalogue: what residents earn points for, how many, and the
//! caps that keep one activity from dominating a passbook.

use serde::{Deserialize, Serialize};

/// Reporting categories. "Civic participation" is everything but the
/// environment (门前三包) category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    CivicPractice,
    Environment,
    Online,
    Volunteer,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Environment, Category::CivicPractice, Category::Online, Category::Volunteer];

    pub fn code(self) -> &'static str {
        match self {
            Category::CivicPractice => "civic_practice",
            Category::Environment => "environment",
            Category::Online => "online",
            Category::Volunteer => "volunteer",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn is_civic_participation(self) -> bool {
        self != Category::Environment
    }
}

/// One catalogue entry as shipped by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultItem {
    pub code: &'static str,
    pub core_value: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub points: i32,
    pub daily_cap: Option<i32>,
    pub yearly_cap: Option<i32>,
}

const fn item(
    code: &'static str,
    core_value: &'static str,
    name: &'static str,
    category: Category,
    points: i32,
    daily_cap: Option<i32>,
    yearly_cap: Option<i32>,
) -> DefaultItem {
    DefaultItem { code, core_value, name, category, points, daily_cap, yearly_cap }
}

use Category::{CivicPractice as C, Environment as E, Online as O, Volunteer as V};

/// The embedded default: two items for each of the twelve core values.
/// Caps are in points per depositor per Asia/Shanghai day and year.
pub const DEFAULT_CATALOGUE: [DefaultItem; 24] = [
    item("village_advice", "富强", "村务建设献策", C, 5, Some(5), Some(50)),
    item("skills_training", "富强", "技能培训学习", C, 3, Some(3), Some(60)),
    item("village_meeting", "民主", "参加村民议事", C, 3, Some(3), Some(36)),
    item("opinion_survey", "民主", "参与民意征集", C, 2, Some(2), Some(24)),
    item("doorstep_hygiene", "文明", "门前三包·环境卫生", E, 5, Some(5), Some(60)),
    item("doorstep_order", "文明", "门前三包·秩序绿化", E, 5, Some(5), Some(60)),
    item("neighbour_help", "和谐", "邻里互助", C, 2, Some(4), Some(100)),
    item("mediation", "和谐", "矛盾调解", C, 5, Some(10), Some(100)),
    item("interest_group", "自由", "兴趣小组活动", O, 1, Some(2), Some(100)),
    item("online_exhibition", "自由", "线上展与文化活动", O, 1, Some(2), Some(100)),
    item("care_for_vulnerable", "平等", "关爱困难群体", V, 3, Some(6), Some(150)),
    item("custom_reform", "平等", "移风易俗", V, 3, Some(3), Some(30)),
    item("hotline_advice", "公正", "接诉即办建言", C, 2, Some(2), Some(50)),
    item("hazard_photo", "公正", "隐患随手拍", C, 1, Some(3), Some(100)),
    item("law_fire_quiz", "法治", "普法与消防答题", O, 1, Some(2), Some(100)),
    item("safety_patrol", "法治", "平安巡查入户", V, 2, Some(10), Some(300)),
    item("red_lecture", "爱国", "红色宣讲", C, 3, Some(3), Some(36)),
    item("commemoration", "爱国", "纪念活动", C, 2, Some(2), Some(24)),
    item("volunteer_hours", "敬业", "志愿服务(按时长)", V, 2, Some(16), Some(600)),
    item("volunteer_lead", "敬业", "志愿骨干带队", V, 5, Some(5), Some(120)),
    item("waste_sorting", "诚信", "垃圾分类", E, 1, Some(1), Some(365)),
    item("river_checkin", "诚信", "护河打卡", V, 2, Some(2), Some(365)),
    item("elder_visit", "友善", "孝老爱亲探访", V, 2, Some(4), Some(100)),
    item("charity_donation", "友善", "公益捐赠", V, 2, Some(2), Some(50)),
];

/// The rule in force for an item: points per award and its caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub points: i32,
    pub daily_cap: Option<i32>,
    pub yearly_cap: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapHit {
    Daily { cap: i32 },
    Yearly { cap: i32 },
}

/// Whether awarding `rule.points` more keeps the depositor within the caps,
/// given what this item already gave them today and this year.
pub fn check_caps(rule: &Rule, today_so_far: i64, year_so_far: i64) -> Result<(), CapHit> {
    let points = i64::from(rule.points);
    if let Some(cap) = rule.daily_cap {
        if today_so_far + points > i64::from(cap) {
            return Err(CapHit::Daily { cap });
        }
    }
    if let Some(cap) = rule.yearly_cap {
        if year_so_far + points > i64::from(cap) {
            return Err(CapHit::Yearly { cap });
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleProblem {
    PointsOutOfRange,
    CapBelowPoints,
}

pub fn validate_rule(rule: &Rule) -> Result<(), RuleProblem> {
    if !(1..=1000).contains(&rule.points) {
        return Err(RuleProblem::PointsOutOfRange);
    }
    for cap in [rule.daily_cap, rule.yearly_cap].into_iter().flatten() {
        if cap < rule.points {
            return Err(RuleProblem::CapBelowPoints);
        }
    }
    if let (Some(daily), Some(yearly)) = (rule.daily_cap, rule.yearly_cap) {
        if daily > yearly {
            return Err(RuleProblem::CapBelowPoints);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn default_catalogue_has_two_items_per_core_value() {
        let mut per_value: HashMap<&str, usize> = HashMap::new();
        for item in DEFAULT_CATALOGUE {
            *per_value.entry(item.core_value).or_default() += 1;
            let rule = Rule { points: item.points, daily_cap: item.daily_cap, yearly_cap: item.yearly_cap };
            assert_eq!(validate_rule(&rule), Ok(()), "{}", item.name);
        }
        assert_eq!(per_value.len(), 12);
        assert!(per_value.values().all(|&n| n == 2));
        let codes: HashSet<_> = DEFAULT_CATALOGUE.iter().map(|i| i.code).collect();
        assert_eq!(codes.len(), 24);
    }

    #[test]
    fn caps_are_checked_in_points() {
        let rule = Rule { points: 5, daily_cap: Some(10), yearly_cap: Some(12) };
        assert_eq!(check_caps(&rule, 0, 0), Ok(()));
        assert_eq!(check_caps(&rule, 5, 5), Ok(()));
        assert_eq!(check_caps(&rule, 6, 6), Err(CapHit::Daily { cap: 10 }));
        assert_eq!(check_caps(&rule, 0, 8), Err(CapHit::Yearly { cap: 12 }));
        assert_eq!(validate_rule(&Rule { points: 1, daily_cap: Some(10), yearly_cap: Some(5) }), Err(RuleProblem::CapBelowPoints));
        let uncapped = Rule { points: 5, daily_cap: None, yearly_cap: None };
        assert_eq!(check_caps(&uncapped, 1000, 100_000), Ok(()));
    }

    #[test]
    fn categories_round_trip_and_civic_participation_excludes_environment() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.code()), Some(c));
        }
        assert!(!Category::Environment.is_civic_participation());
        assert!(Category::Volunteer.is_civic_participation());
    }
}
