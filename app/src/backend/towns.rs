//! Towns, villages and departments.

use crate::error::AppError;
use crate::model::Village;
use sqlx::{PgPool, Row};

/// The town with this slug, created (with nothing in it) if missing.
pub async fn ensure_town(pool: &PgPool, slug: &str, name: &str) -> Result<i64, AppError> {
    sqlx::query("insert into towns (slug, name) values ($1, $2) on conflict (slug) do nothing")
        .bind(slug)
        .bind(name)
        .execute(pool)
        .await?;
    let id = sqlx::query_scalar("select id from towns where slug = $1").bind(slug).fetch_one(pool).await?;
    super::catalogue::seed_defaults(pool, id).await?;
    let mut conn = pool.acquire().await?;
    super::ledger::issuer(&mut conn, id).await?;
    Ok(id)
}

pub async fn ensure_village(pool: &PgPool, town_id: i64, name: &str) -> Result<i64, AppError> {
    sqlx::query("insert into villages (town_id, name) values ($1, $2) on conflict (town_id, name) do nothing")
        .bind(town_id)
        .bind(name)
        .execute(pool)
        .await?;
    Ok(sqlx::query_scalar("select id from villages where town_id = $1 and name = $2")
        .bind(town_id)
        .bind(name)
        .fetch_one(pool)
        .await?)
}

pub async fn ensure_department(pool: &PgPool, town_id: i64, name: &str) -> Result<i64, AppError> {
    sqlx::query("insert into departments (town_id, name) values ($1, $2) on conflict (town_id, name) do nothing")
        .bind(town_id)
        .bind(name)
        .execute(pool)
        .await?;
    Ok(sqlx::query_scalar("select id from departments where town_id = $1 and name = $2")
        .bind(town_id)
        .bind(name)
        .fetch_one(pool)
        .await?)
}

pub async fn villages(pool: &PgPool, town_id: i64) -> Result<Vec<Village>, AppError> {
    let rows = sqlx::query("select id, name from villages where town_id = $1 order by name")
        .bind(town_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(|r| Village { id: r.get(0), name: r.get(1) }).collect())
}
