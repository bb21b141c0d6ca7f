//! The catalogue, staff awards, and corrections of the passbook.

use crate::error::AppError;
use crate::model::{CatalogueItem, DepositorRow, ReviewRequest, Village};
use leptos::prelude::*;

#[server(endpoint = "catalogue")]
pub async fn get_catalogue() -> Result<Vec<CatalogueItem>, AppError> {
    use crate::backend::{catalogue, request};
    let st = request::state()?;
    catalogue::list(&st.pool, st.town_id).await
}

/// Headquarters edits an item's rule; empty caps mean "no cap".
#[server(endpoint = "catalogue/edit")]
pub async fn edit_rule(item_id: i64, points: String, daily_cap: String, yearly_cap: String) -> Result<i32, AppError> {
    use crate::backend::{catalogue, forms, request};
    use crate::domain::catalogue::Rule;
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let num = |s: &str| -> Result<Option<i32>, AppError> {
            let s = s.trim();
            if s.is_empty() { Ok(None) } else { s.parse().map(Some).map_err(|_| AppError::RuleInvalid) }
        };
        let rule = Rule { points: num(&points)?.ok_or(AppError::RuleInvalid)?, daily_cap: num(&daily_cap)?, yearly_cap: num(&yearly_cap)? };
        catalogue::edit_rule(&st, &request::actor_of(&user), item_id, rule).await
    }
    .await;
    forms::redirect_after(&result, &format!("/staff/catalogue?notice=rule_saved#item-{item_id}"), "/staff/catalogue", &[]);
    result
}

/// Villages the caller may award in, and the depositors of the chosen one.
#[server(endpoint = "staff/depositors")]
pub async fn get_award_roster(village_id: Option<i64>) -> Result<(Vec<Village>, Option<i64>, Vec<DepositorRow>), AppError> {
    use crate::backend::{request, towns};
    use crate::domain::phone::mask;
    use crate::domain::role::Role;
    use sqlx::Row;
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    let actor = request::actor_of(&user);
    let villages: Vec<Village> = match actor.role {
        Role::HqAdmin => towns::villages(&st.pool, st.town_id).await?,
        Role::BranchStaff => towns::villages(&st.pool, st.town_id)
            .await?
            .into_iter()
            .filter(|v| actor.may_manage_village(v.id))
            .collect(),
        _ => return Err(AppError::Forbidden),
    };
    let chosen = village_id.filter(|v| villages.iter().any(|x| x.id == *v)).or_else(|| villages.first().map(|v| v.id));
    let Some(village) = chosen else { return Ok((villages, None, Vec::new())) };
    let rows = sqlx::query(
        "select u.id, u.display_name, u.phone, a.balance from users u
           join accounts a on a.town_id = u.town_id and a.user_id = u.id and a.kind = 'depositor'
          where u.town_id = $1 and u.village_id = $2 and u.role = 'depositor'
          order by u.display_name, u.id",
    )
    .bind(st.town_id)
    .bind(village)
    .fetch_all(&st.pool)
    .await?;
    let full = actor.role == Role::HqAdmin;
    let people = rows
        .iter()
        .map(|r| {
            let phone: String = r.get(2);
            DepositorRow { id: r.get(0), display_name: r.get(1), phone: if full { phone } else { mask(&phone) }, balance: r.get(3) }
        })
        .collect();
    Ok((villages, Some(village), people))
}

/// Awards one catalogue item to the ticked households. `request_key` comes
/// from the form, so a double submit awards once.
#[server(endpoint = "staff/award")]
pub async fn award_items(
    item_id: String,
    village_id: String,
    #[server(default)] user_ids: Vec<i64>,
    memo: String,
    request_key: String,
) -> Result<(usize, usize), AppError> {
    use crate::backend::{awards, forms, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        let item: i64 = item_id.trim().parse().map_err(|_| AppError::ItemUnknown)?;
        let lines = awards::award_many(&st, &request::actor_of(&user), &user_ids, item, &request_key, memo.trim()).await?;
        let done = lines.iter().filter(|l| matches!(&l.result, Ok(a) if !a.replayed)).count();
        Ok((done, lines.len() - done))
    }
    .await;
    let success = match &result {
        Ok((done, skipped)) => format!("/staff/award?village={village_id}&notice=awarded&n={done}&skipped={skipped}"),
        Err(_) => String::new(),
    };
    forms::redirect_after(&result, &success, "/staff/award", &[("village", &village_id), ("memo", &memo)]);
    result
}

#[server(endpoint = "wallet/ask")]
pub async fn ask_review(transfer_id: i64, question: String) -> Result<i64, AppError> {
    use crate::backend::{corrections, forms, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        corrections::ask(&st, user.id, transfer_id, &question).await
    }
    .await;
    forms::redirect_after(&result, &format!("/wallet?notice=question_sent#entry-{transfer_id}"), "/wallet", &[]);
    result
}

#[server(endpoint = "staff/reviews")]
pub async fn get_open_reviews() -> Result<Vec<ReviewRequest>, AppError> {
    use crate::backend::{corrections, request};
    let st = request::state()?;
    let user = request::require_user(&st).await?;
    corrections::open_for(&st, &request::actor_of(&user)).await
}

#[server(endpoint = "staff/reviews/answer")]
pub async fn answer_review(review_id: i64, answer: String, reverse: Option<String>) -> Result<(), AppError> {
    use crate::backend::{corrections, forms, request};
    let result = async {
        let st = request::state()?;
        let user = request::require_user(&st).await?;
        corrections::answer(&st, &request::actor_of(&user), review_id, &answer, reverse.as_deref() == Some("1")).await
    }
    .await;
    let review = review_id.to_string();
    forms::redirect_after(&result, "/staff/reviews?notice=review_answered", "/staff/reviews", &[("review", &review), ("answer", &answer)]);
    result
}
