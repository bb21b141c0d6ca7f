//! The passbook's yearly summary: entries, points earned and spent, and the
//! share of each category — computed from a depositor's movements.

use super::catalogue::Category;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a transfer touched the depositor's wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Movement {
    /// Points awarded from the town.
    Award,
    /// An award undone by staff (points back to the town).
    Reversal,
    /// Points reserved for a claim.
    Hold,
    /// Reserved points returned.
    Release,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovementRow {
    pub year: i32,
    pub movement: Movement,
    pub category: Option<Category>,
    /// Points moved by these transfers together.
    pub amount: i64,
    /// How many transfers the row stands for.
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryShare {
    pub category: Category,
    pub points: i64,
    /// Share of the year's net earned points, in tenths of a percent.
    pub permille: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSummary {
    pub year: i32,
    pub entries: i64,
    pub earned: i64,
    pub spent: i64,
    pub shares: Vec<CategoryShare>,
    /// Everything but the environment category, in tenths of a percent.
    pub civic_participation_permille: i64,
}

/// Summaries per year, newest first.
pub fn summarise(rows: &[MovementRow]) -> Vec<YearSummary> {
    let mut years: BTreeMap<i32, (i64, i64, i64, BTreeMap<Category, i64>)> = BTreeMap::new();
    for r in rows {
        let (entries, earned, spent, cats) = years.entry(r.year).or_default();
        *entries += r.count;
        let signed = match r.movement {
            Movement::Award => {
                *earned += r.amount;
                r.amount
            }
            Movement::Reversal => {
                *earned -= r.amount;
                -r.amount
            }
            Movement::Hold => {
                *spent += r.amount;
                0
            }
            Movement::Release => {
                *spent -= r.amount;
                0
            }
        };
        if let Some(c) = r.category {
            if signed != 0 {
                *cats.entry(c).or_default() += signed;
            }
        }
    }
    years
        .into_iter()
        .rev()
        .map(|(year, (entries, earned, spent, cats))| {
            let total: i64 = cats.values().filter(|v| **v > 0).sum();
            let permille = |p: i64| if total > 0 { (p.max(0) * 1000 + total / 2) / total } else { 0 };
            let shares: Vec<CategoryShare> = Category::ALL
                .into_iter()
                .filter_map(|c| cats.get(&c).map(|&p| CategoryShare { category: c, points: p, permille: permille(p) }))
                .collect();
            let civic: i64 = cats.iter().filter(|(c, _)| c.is_civic_participation()).map(|(_, p)| (*p).max(0)).sum();
            YearSummary { year, entries, earned, spent, shares, civic_participation_permille: permille(civic) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn award(year: i32, c: Category, amount: i64) -> MovementRow {
        MovementRow { year, movement: Movement::Award, category: Some(c), amount, count: 1 }
    }

    #[test]
    fn yearly_figures_and_shares() {
        let mut rows = vec![award(2024, Category::Online, 33)];
        rows.push(award(2025, Category::Environment, 60));
        rows.push(award(2025, Category::Volunteer, 40));
        rows.push(MovementRow { year: 2025, movement: Movement::Hold, category: None, amount: 30, count: 1 });
        rows.push(MovementRow { year: 2025, movement: Movement::Release, category: None, amount: 10, count: 1 });
        let s = summarise(&rows);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].year, 2025);
        assert_eq!((s[0].entries, s[0].earned, s[0].spent), (4, 100, 20));
        assert_eq!(s[0].shares.iter().find(|c| c.category == Category::Environment).unwrap().permille, 600);
        assert_eq!(s[0].civic_participation_permille, 400);
        assert_eq!((s[1].year, s[1].earned, s[1].civic_participation_permille), (2024, 33, 1000));
    }

    #[test]
    fn reversals_reduce_earned_points_and_their_category() {
        let rows = vec![
            award(2025, Category::Volunteer, 10),
            award(2025, Category::Environment, 10),
            MovementRow { year: 2025, movement: Movement::Reversal, category: Some(Category::Volunteer), amount: 10, count: 1 },
        ];
        let s = &summarise(&rows)[0];
        assert_eq!(s.earned, 10);
        assert_eq!(s.entries, 3);
        assert_eq!(s.shares.iter().find(|c| c.category == Category::Environment).unwrap().permille, 1000);
        assert_eq!(s.civic_participation_permille, 0);
    }
}
