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
    /// Department staff post and reply as this department's official account.
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Village {
    pub id: i64,
    pub name: String,
}

/// One stored photo: the screen-sized picture and its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhotoRef {
    pub url: String,
    pub width: i32,
    pub height: i32,
    pub thumb_url: String,
    pub thumb_width: i32,
    pub thumb_height: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeedItem {
    pub post_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub village_name: Option<String>,
    /// Set for a post by a department's official account.
    pub department_name: Option<String>,
    pub body: String,
    pub photos: Vec<PhotoRef>,
    pub time_label: String,
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    pub topic: Option<String>,
    pub likes: i64,
    pub comments: i64,
    /// The viewer has liked this post.
    pub liked: bool,
    /// Why it was hidden; hidden posts are shown only to their author and
    /// to staff who may moderate them.
    pub hidden_reason: Option<String>,
    /// Set when staff found this check-in not genuine (its points reversed).
    pub rejected_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentItem {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub department_name: Option<String>,
    pub body: String,
    pub time_label: String,
    pub hidden_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostDetail {
    pub item: FeedItem,
    pub comments: Vec<CommentItem>,
    /// The viewer may hide or restore this post and its comments.
    pub can_moderate: bool,
    /// The department the viewer may reply as.
    pub reply_as: Option<String>,
    pub logged_in: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPage {
    pub user_id: i64,
    pub display_name: String,
    pub village_name: Option<String>,
    pub posts: FeedPage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicSummary {
    pub topic: String,
    pub posts: i64,
    pub exhibition_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicPage {
    pub topic: String,
    pub exhibition_id: Option<i64>,
    /// The current exhibition's title, introduction and posts, so that
    /// editing it starts from what is there.
    pub exhibition_title: String,
    pub exhibition_intro: String,
    pub exhibition_posts: Vec<i64>,
    /// Headquarters may turn the topic into an exhibition.
    pub may_curate: bool,
    pub posts: FeedPage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exhibition {
    pub id: i64,
    pub topic: String,
    pub title: String,
    pub intro: String,
    pub posts: Vec<FeedItem>,
}

/// One page of the inbox, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub items: Vec<InboxItem>,
    /// Where the next, older page starts, if there is one.
    pub older: Option<InboxCursor>,
}

/// An inbox page starts below these ids (ledger transfers, notifications).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCursor {
    pub transfer: i64,
    pub note: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    /// `points_in`, `points_out`, or a notification kind (`reply`,
    /// `report_resolved`, `post_hidden`, `post_restored`, `comment_hidden`,
    /// `comment_restored`, `checkin_rejected`).
    pub kind: String,
    pub amount: Option<i64>,
    /// Who did it (a name), or the cause of a ledger entry.
    pub actor: String,
    pub detail: String,
    pub link: String,
    pub time_label: String,
    pub unread: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
/// A reported post or comment with every open report on it, newest first.
pub struct ReportItem {
    /// The newest open report (dismissing it dismisses them all).
    pub id: i64,
    pub post_id: i64,
    pub comment_id: Option<i64>,
    pub excerpt: String,
    pub author_name: String,
    pub village_name: Option<String>,
    pub reports: Vec<ReportReason>,
    /// The content is hidden already (by another report).
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportReason {
    pub reporter_name: String,
    pub reason: String,
    pub time_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HiddenItem {
    pub post_id: i64,
    pub comment_id: Option<i64>,
    pub excerpt: String,
    pub author_name: String,
    pub reason: String,
    pub time_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub reports: Vec<ReportItem>,
    pub hidden: Vec<HiddenItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// ISO date.
    pub day: String,
    pub day_of_month: u32,
    /// 0 = Monday.
    pub weekday: u32,
    pub checked: bool,
    pub is_today: bool,
    pub is_future: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignProgress {
    pub card: CampaignCard,
    /// The viewer's streak, for a logged-in depositor.
    pub streak: Option<crate::domain::streak::Streak>,
    pub calendar: Vec<CalendarDay>,
    pub leaders: Vec<LeaderRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckinRow {
    pub id: i64,
    pub post_id: i64,
    pub author_name: String,
    pub village_name: Option<String>,
    pub body: String,
    pub thumb_url: Option<String>,
    pub time_label: String,
    pub awarded: bool,
    pub rejected_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostOutcome {
    pub post_id: i64,
    /// Points the post earned under the catalogue's posting item; `None`
    /// when its caps were reached (or the author is staff).
    pub points: Option<i64>,
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
    /// Longest run of consecutive days.
    pub best_streak: i64,
}
