//! Accounts: sign-up, log-in and staff creation, with argon2 password hashes
//! computed off the async runtime.

use super::{AppState, db_error::violated_constraint, ledger};
use crate::domain::account::{SignupForm, SignupProblem, validate_signup};
use crate::domain::phone::{self, PhoneError};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::model::SessionUser;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::Argon2;
use sqlx::{PgPool, Row};

pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "password hashing failed");
                AppError::Internal
            })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

pub fn signup_problem(p: SignupProblem) -> AppError {
    match p {
        SignupProblem::Phone(PhoneError::Empty) => AppError::PhoneEmpty,
        SignupProblem::Phone(_) => AppError::PhoneInvalid,
        SignupProblem::NameEmpty => AppError::NameEmpty,
        SignupProblem::NameTooLong => AppError::NameTooLong,
        SignupProblem::VillageMissing => AppError::VillageMissing,
        SignupProblem::PasswordTooShort => AppError::PasswordTooShort,
        SignupProblem::PasswordTooLong => AppError::PasswordTooLong,
    }
}

/// Opens a depositor account with its wallet, in one transaction.
#[tracing::instrument(skip_all, fields(town = st.town_id))]
pub async fn signup(st: &AppState, form: SignupForm) -> Result<SessionUser, AppError> {
    let valid = validate_signup(&form).map_err(signup_problem)?;
    let hash = hash_password(valid.password.clone()).await?;
    create_user(&st.pool, st.town_id, &valid.phone, &valid.display_name, Role::Depositor, Some(valid.village_id), None, &hash)
        .await
}

/// Inserts a person of any role with a precomputed hash; depositors get a
/// wallet account in the same transaction.
#[allow(clippy::too_many_arguments)]
pub async fn create_user(
    pool: &PgPool,
    town_id: i64,
    phone: &str,
    display_name: &str,
    role: Role,
    village_id: Option<i64>,
    department_id: Option<i64>,
    password_hash: &str,
) -> Result<SessionUser, AppError> {
    let mut tx = pool.begin().await?;
    if let Some(v) = village_id {
        let exists: Option<i64> = sqlx::query_scalar("select id from villages where town_id = $1 and id = $2")
            .bind(town_id)
            .bind(v)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(AppError::VillageUnknown);
        }
    }
    let inserted = sqlx::query(
        "insert into users (town_id, phone, display_name, role, village_id, department_id, password_hash)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(town_id)
    .bind(phone)
    .bind(display_name)
    .bind(role.as_str())
    .bind(village_id)
    .bind(department_id)
    .bind(password_hash)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.get(0),
        Err(e) if violated_constraint(&e) == Some("users_town_id_phone_key") => return Err(AppError::PhoneTaken),
        Err(e) => return Err(e.into()),
    };
    ledger::open_wallet(&mut tx, town_id, id).await?;
    tx.commit().await?;
    load_user(pool, town_id, id).await?.ok_or(AppError::Internal)
}

/// Checks a phone number and password. The same work is done whether or not
/// the number exists, so timing does not reveal registered numbers.
#[tracing::instrument(skip_all, fields(town = st.town_id))]
pub async fn login(st: &AppState, phone_input: &str, password: &str) -> Result<SessionUser, AppError> {
    let phone = phone::normalize(phone_input).map_err(|e| match e {
        PhoneError::Empty => AppError::PhoneEmpty,
        _ => AppError::PhoneInvalid,
    })?;
    if password.is_empty() {
        return Err(AppError::WrongCredentials);
    }
    let row = sqlx::query("select id, password_hash from users where town_id = $1 and phone = $2")
        .bind(st.town_id)
        .bind(&phone)
        .fetch_optional(&st.pool)
        .await?;
    let (id, hash) = match row {
        Some(r) => (Some(r.get::<i64, _>(0)), r.get::<String, _>(1)),
        None => (None, dummy_hash().await?),
    };
    let ok = verify_password(password.to_string(), hash).await;
    match (id, ok) {
        (Some(id), true) => load_user(&st.pool, st.town_id, id).await?.ok_or(AppError::Internal),
        _ => Err(AppError::WrongCredentials),
    }
}

/// A hash of a random string, made once per process, verified against when
/// the phone number is unknown.
async fn dummy_hash() -> Result<String, AppError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password(uuid::Uuid::new_v4().to_string()))
        .await
        .cloned()
}

pub async fn load_user(pool: &PgPool, town_id: i64, id: i64) -> Result<Option<SessionUser>, AppError> {
    let row = sqlx::query(
        "select u.id, u.display_name, u.role, u.village_id, v.name, u.phone, u.department_id, d.name
           from users u left join villages v on v.town_id = u.town_id and v.id = u.village_id
           left join departments d on d.town_id = u.town_id and d.id = u.department_id
          where u.town_id = $1 and u.id = $2",
    )
    .bind(town_id)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| SessionUser {
        id: r.get(0),
        display_name: r.get(1),
        role: Role::parse(r.get::<&str, _>(2)).unwrap_or(Role::Depositor),
        village_id: r.get(3),
        village_name: r.get(4),
        phone: r.get(5),
        department_id: r.get(6),
        department_name: r.get(7),
    }))
}
