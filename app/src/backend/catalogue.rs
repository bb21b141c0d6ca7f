//! The point catalogue in Postgres: seeding the default, listing items with
//! the rule in force, and editing a rule (which adds a version).

use super::AppState;
use crate::domain::catalogue::{DEFAULT_CATALOGUE, Rule, RuleProblem, validate_rule};
use crate::domain::role::{Actor, Role};
use crate::error::AppError;
use crate::model::CatalogueItem;
use sqlx::{PgPool, Row};

/// Gives a town the default catalogue unless it has one.
pub async fn seed_defaults(pool: &PgPool, town_id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let has: bool = sqlx::query_scalar("select exists (select 1 from point_items where town_id = $1)")
        .bind(town_id)
        .fetch_one(&mut *tx)
        .await?;
    if has {
        return Ok(());
    }
    for (pos, item) in DEFAULT_CATALOGUE.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "insert into point_items (town_id, code, core_value, name, category, position)
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(town_id)
        .bind(item.code)
        .bind(item.core_value)
        .bind(item.name)
        .bind(item.category.code())
        .bind(pos as i32)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "insert into point_rules (town_id, item_id, version, points, daily_cap, yearly_cap)
             values ($1, $2, 1, $3, $4, $5)",
        )
        .bind(town_id)
        .bind(id)
        .bind(item.points)
        .bind(item.daily_cap)
        .bind(item.yearly_cap)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

const CURRENT: &str = "
    select i.id, i.code, i.core_value, i.name, i.category, r.id, r.version, r.points, r.daily_cap, r.yearly_cap
      from point_items i
      join lateral (select * from point_rules r where r.town_id = i.town_id and r.item_id = i.id
                    order by version desc limit 1) r on true
     where i.town_id = $1";

fn item_of(r: &sqlx::postgres::PgRow) -> CatalogueItem {
    CatalogueItem {
        id: r.get(0),
        code: r.get(1),
        core_value: r.get(2),
        name: r.get(3),
        category: r.get(4),
        rule_id: r.get(5),
        version: r.get(6),
        rule: Rule { points: r.get(7), daily_cap: r.get(8), yearly_cap: r.get(9) },
    }
}

pub async fn list(pool: &PgPool, town_id: i64) -> Result<Vec<CatalogueItem>, AppError> {
    let rows = sqlx::query(&format!("{CURRENT} order by i.position, i.id")).bind(town_id).fetch_all(pool).await?;
    Ok(rows.iter().map(item_of).collect())
}

pub async fn by_code(pool: &PgPool, town_id: i64, code: &str) -> Result<CatalogueItem, AppError> {
    let row = sqlx::query(&format!("{CURRENT} and i.code = $2"))
        .bind(town_id)
        .bind(code)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::ItemUnknown)?;
    Ok(item_of(&row))
}

/// Headquarters changes an item's points or caps: a new rule version.
/// Awards already made keep the version they recorded.
#[tracing::instrument(skip_all, fields(town = st.town_id, item = item_id))]
pub async fn edit_rule(st: &AppState, actor: &Actor, item_id: i64, rule: Rule) -> Result<i32, AppError> {
    if actor.role != Role::HqAdmin {
        return Err(AppError::Forbidden);
    }
    validate_rule(&rule).map_err(|p| match p {
        RuleProblem::PointsOutOfRange | RuleProblem::CapBelowPoints => AppError::RuleInvalid,
    })?;
    let mut tx = st.pool.begin().await?;
    // Serialise edits of one item so versions stay consecutive.
    sqlx::query("select 1 from point_items where town_id = $1 and id = $2 for update")
        .bind(st.town_id)
        .bind(item_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::ItemUnknown)?;
    let version: i32 = sqlx::query_scalar(
        "insert into point_rules (town_id, item_id, version, points, daily_cap, yearly_cap, created_by)
         select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6 from point_rules where town_id = $1 and item_id = $2
         returning version",
    )
    .bind(st.town_id)
    .bind(item_id)
    .bind(rule.points)
    .bind(rule.daily_cap)
    .bind(rule.yearly_cap)
    .bind(actor.user_id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(version)
}
