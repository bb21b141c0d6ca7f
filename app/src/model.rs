//! Data shared by the server functions and the pages (and so by the WASM
//! islands): plain serialisable structs, no database or web types.

use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub village_id: Option<i64>,
    pub village_name: Option<String>,
    /// Full number: this struct is only ever sent to its owner.
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Village {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub post_id: i64,
    pub author_name: String,
    pub village_name: Option<String>,
    pub body: String,
    pub photo_url: Option<String>,
    pub photo_width: Option<i32>,
    pub photo_height: Option<i32>,
    pub time_label: String,
    pub campaign_name: Option<String>,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedPage {
    pub items: Vec<FeedItem>,
    /// Pass as `before` to get the next, older page.
    pub next_before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalletEntry {
    pub transfer_id: i64,
    /// Positive for points received, negative for points spent.
    pub amount: i64,
    /// `checkin`, `award`, `reversal`, `hold`, `release`, `capture`.
    pub cause_kind: String,
    /// The catalogue item or campaign the entry came from.
    pub cause_name: Option<String>,
    pub category: Option<String>,
    /// Reason given by staff (awards, reversals).
    pub memo: String,
    /// The staff member who confirmed it, if one did.
    pub confirmed_by: Option<String>,
    pub year: i32,
    pub time_label: String,
    /// Set when a later reversal undid this entry.
    pub reversed: bool,
    /// The latest question about this entry and its answer.
    pub review: Option<EntryReview>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryReview {
    pub question: String,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wallet {
    pub balance: i64,
    /// Points reserved for claims, not spendable until released.
    pub held: i64,
    pub years: Vec<crate::domain::passbook::YearSummary>,
    pub entries: Vec<WalletEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignCard {
    pub id: i64,
    pub name: String,
    pub topic: String,
    pub village_id: Option<i64>,
    pub village_name: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub points_per_checkin: i32,
    pub days_left: i64,
    pub is_open: bool,
    pub checkins: i64,
    pub participants: i64,
    /// Whether the viewer has already earned today's points here.
    pub awarded_today: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub checkins: i64,
    pub participants: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignStats {
    pub campaign: CampaignCard,
    pub per_day: Vec<DayCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckinOutcome {
    pub post_id: i64,
    /// `Some(points)` when this check-in earned points, `None` when the
    /// depositor had already been awarded today.
    pub awarded: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueItem {
    pub id: i64,
    pub code: String,
    pub core_value: String,
    pub name: String,
    /// Category code, see `domain::catalogue::Category`.
    pub category: String,
    /// The rule version in force.
    pub rule_id: i64,
    pub version: i32,
    pub rule: crate::domain::catalogue::Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRequest {
    pub id: i64,
    pub transfer_id: i64,
    pub depositor: String,
    pub village: Option<String>,
    pub question: String,
    pub asked_at: String,
    pub amount: i64,
    pub cause_kind: String,
    pub cause_name: String,
    /// The entry has been reversed already (by another correction).
    pub reversed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepositorRow {
    pub id: i64,
    pub display_name: String,
    /// Masked unless the viewer is headquarters.
    pub phone: String,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaderRow {
    pub user_id: i64,
    pub display_name: String,
    pub village_name: Option<String>,
    /// Distinct town days with a check-in.
    pub days: i64,
    pub checkins: i64,
}
