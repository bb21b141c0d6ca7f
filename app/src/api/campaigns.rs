//! Check-in campaigns: creating one (headquarters) and posting a check-in.

use crate::error::AppError;
use crate::model::CheckinOutcome;
use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

#[server(endpoint = "campaigns/create")]
pub async fn create_campaign(
    name: String,
    topic: String,
    village_id: String,
    starts_on: String,
    ends_on: String,
    points: String,
) -> Result<i64, AppError> {
    use crate::backend::{campaigns, forms, request};
    use crate::domain::campaign::{NewCampaign, Window};
    use chrono::NaiveDate;

    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| AppError::CampaignDatesInvalid);
        let campaign = NewCampaign {
            name: name.clone(),
            topic: topic.clone(),
            village_id: village_id.trim().parse().ok(),
            window: Window { starts_on: date(&starts_on)?, ends_on: date(&ends_on)? },
            points_per_checkin: points.trim().parse().map_err(|_| AppError::PointsOutOfRange)?,
        };
        campaigns::create(&st, &request::actor_of(&user), campaign).await
    }
    .await;
    forms::redirect_after(
        &result,
        "/staff?notice=campaign_created",
        "/staff",
        &[("name", &name), ("topic", &topic), ("village", &village_id), ("starts_on", &starts_on), ("ends_on", &ends_on), ("points", &points)],
    );
    result
}

/// A check-in: multipart form with `campaign_id`, `text` and either a new
/// `photo` file or `kept_photo`, the id of a photo this person uploaded with
/// an earlier attempt that failed for another reason.
#[server(input = MultipartFormData, endpoint = "checkin")]
pub async fn post_checkin(data: MultipartData) -> Result<CheckinOutcome, AppError> {
    use crate::backend::{checkin, forms, images, request};

    let mut campaign_id = String::new();
    let mut text = String::new();
    let mut kept_photo = String::new();
    let mut photo_bytes: Option<Vec<u8>> = None;
    let mut too_large = false;

    let mut parts = data.into_inner().ok_or(AppError::Internal)?;
    while let Ok(Some(mut field)) = parts.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == "photo" {
            let mut buf = Vec::new();
            // Past the limit the rest is read and dropped: replying before
            // the upload ends makes phones show a connection error instead
            // of our message.
            while let Ok(Some(chunk)) = field.chunk().await {
                if too_large || buf.len() + chunk.len() > images::MAX_UPLOAD_BYTES {
                    too_large = true;
                    buf = Vec::new();
                    continue;
                }
                buf.extend_from_slice(&chunk);
            }
            if !buf.is_empty() && !too_large {
                photo_bytes = Some(buf);
            }
        } else {
            let value = field.text().await.unwrap_or_default();
            match name.as_str() {
                "campaign_id" => campaign_id = value,
                "text" => text = value,
                "kept_photo" => kept_photo = value,
                _ => {}
            }
        }
    }

    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let campaign: i64 = campaign_id.trim().parse().map_err(|_| AppError::CampaignNotFound)?;
        // A campaign that has closed (or is another village's) still keeps
        // the photo, so that it can go to the 文明圈 instead; an unknown
        // campaign stores nothing.
        let admitted = match checkin::admissible(&st, &user, campaign).await {
            Err(AppError::CampaignNotFound) => return Err((AppError::CampaignNotFound, None)),
            other => other,
        };
        if too_large {
            return Err((AppError::PhotoTooLarge, None));
        }
        let photo = match (photo_bytes, kept_photo.parse::<uuid::Uuid>().ok()) {
            (Some(bytes), _) => images::store(&st, user.id, bytes).await?,
            (None, Some(id)) => images::owned(&st, user.id, id).await?.ok_or(AppError::PhotoMissing)?,
            (None, None) => return Err((admitted.err().unwrap_or(AppError::PhotoMissing), None)),
        };
        let kept = Some(photo.id.to_string());
        if let Err(e) = admitted {
            return Err((e, kept));
        }
        checkin::post(&st, &user, campaign, &text, &photo).await.map_err(|e| (e, kept))
    }
    .await;
    let (result, kept) = match result {
        Ok(outcome) => (Ok(outcome), None),
        Err((e, kept)) => (Err(e), kept),
    };
    let success = match &result {
        Ok(CheckinOutcome { awarded: Some(points), .. }) => format!("/wallet?notice=checkin_awarded&pts={points}"),
        _ => "/feed?notice=checkin_not_awarded".to_string(),
    };
    let form = format!("/campaigns/{}", campaign_id.trim());
    let kept = kept.unwrap_or(kept_photo);
    forms::redirect_after(&result, &success, &form, &[("text", &text), ("kept_photo", &kept)]);
    if matches!(result, Err(AppError::NotLoggedIn)) {
        // After logging in again the typed text is back in the form.
        let back = crate::urls::url_with(&form, &[("text", &text)]);
        leptos_axum::redirect(&crate::urls::url_with("/login", &[("err", "not_logged_in"), ("next", &back)]));
    }
    result
}

#[cfg(feature = "ssr")]
impl From<AppError> for (AppError, Option<String>) {
    fn from(e: AppError) -> Self {
        (e, None)
    }
}

/// Staff mark a check-in as not genuine; its points are reversed with the reason.
#[server(endpoint = "staff/checkins/reject")]
pub async fn reject_checkin(checkin_id: String, campaign_id: String, reason: String) -> Result<Option<i64>, AppError> {
    use crate::backend::{checkin_review, forms, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let id: i64 = checkin_id.trim().parse().map_err(|_| AppError::NotFound)?;
        let campaign: i64 = campaign_id.trim().parse().map_err(|_| AppError::NotFound)?;
        checkin_review::reject(&st, &request::actor_of(&user), campaign, id, &reason).await
    }
    .await;
    let page = format!("/staff/campaigns/{}", campaign_id.trim());
    forms::redirect_after(&result, &format!("{page}?notice=checkin_rejected#checkin-{}", checkin_id.trim()), &page, &[("reason", &reason)]);
    result
}
