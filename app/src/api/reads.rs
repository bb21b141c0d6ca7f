//! Read-only server functions behind the pages.

use crate::error::AppError;
use crate::model::{CampaignCard, CampaignProgress, CampaignStats, CheckinRow, SessionUser, Village, Wallet};
use leptos::prelude::*;

#[server(endpoint = "me")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::backend::request;
    let st = request::state()?;
    request::current_user(&st).await
}

#[server(endpoint = "villages")]
pub async fn get_villages() -> Result<Vec<Village>, AppError> {
    use crate::backend::{request, towns};
    let st = request::state()?;
    towns::villages(&st.pool, st.town_id).await
}

#[server(endpoint = "wallet")]
pub async fn get_wallet() -> Result<Wallet, AppError> {
    use crate::backend::{request, wallet};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    wallet::wallet(&st, user.id).await
}

/// Campaigns open today for the viewer's village (all of them for guests).
#[server(endpoint = "campaigns/open")]
pub async fn get_open_campaigns() -> Result<Vec<CampaignCard>, AppError> {
    use crate::backend::{campaigns, request};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    let village = user.as_ref().and_then(|u| if u.role.is_staff() { None } else { u.village_id });
    campaigns::open_for(&st, village, user.map(|u| u.id)).await
}

#[server(endpoint = "campaigns/get")]
pub async fn get_campaign(id: i64) -> Result<CampaignCard, AppError> {
    use crate::backend::{campaigns, request};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    campaigns::get(&st, id, user.map(|u| u.id)).await
}

#[server(endpoint = "staff/campaigns")]
pub async fn get_staff_campaigns() -> Result<Vec<CampaignCard>, AppError> {
    use crate::backend::{campaigns, request};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    let actor = request::actor_of(&user);
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    campaigns::visible_to_staff(&st, &actor).await
}

#[server(endpoint = "staff/campaign-stats")]
pub async fn get_campaign_stats(id: i64) -> Result<CampaignStats, AppError> {
    use crate::backend::{campaigns, request};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    campaigns::stats(&st, &request::actor_of(&user), id).await
}

/// The campaign's most persistent participants (7+ days), for staff.
#[server(endpoint = "staff/campaign-persistent")]
pub async fn get_persistent(id: i64) -> Result<Vec<crate::model::LeaderRow>, AppError> {
    use crate::backend::{campaigns, request};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    let actor = request::actor_of(&user);
    let campaign = campaigns::get(&st, id, None).await?;
    if !actor.may_view_campaign_stats(campaign.village_id) {
        return Err(AppError::Forbidden);
    }
    campaigns::persistent_participants(&st, id, crate::backend::scenario::PERSISTENT_MIN_DAYS, 100).await
}

/// A campaign's page: progress, the viewer's streak and calendar, leaderboard.
#[server(endpoint = "campaigns/progress")]
pub async fn get_campaign_progress(id: i64) -> Result<CampaignProgress, AppError> {
    use crate::backend::{campaigns, request};
    let st = request::state()?;
    let user = request::current_user(&st).await?;
    let viewer = user.filter(|u| !u.role.is_staff()).map(|u| u.id);
    campaigns::progress(&st, id, viewer).await
}

/// Recent check-ins of a campaign that the staff member may judge.
#[server(endpoint = "staff/campaign-checkins")]
pub async fn get_recent_checkins(id: i64) -> Result<Vec<CheckinRow>, AppError> {
    use crate::backend::{checkin_review, request};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    checkin_review::recent(&st, &request::actor_of(&user), id, 50).await
}
