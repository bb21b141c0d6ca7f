//! Sign-up and log-in against a real Postgres (a fresh database per test).

mod common;

use civic_app::backend::{auth, ledger};
use civic_app::domain::account::SignupForm;
use civic_app::error::AppError;
use common::*;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn signup_opens_an_account_with_an_empty_wallet(pool: PgPool) {
    let t = town(pool.clone()).await;
    let u = resident(&t, "13912345678", 0).await;
    assert_eq!(u.phone, "13912345678");
    assert_eq!(u.village_id, Some(t.villages[0]));
    let mut conn = pool.acquire().await.unwrap();
    let wallet = ledger::wallet_of(&mut conn, t.st.town_id, u.id).await.unwrap();
    let balance: i64 = sqlx::query_scalar("select balance from accounts where id = $1").bind(wallet).fetch_one(&pool).await.unwrap();
    assert_eq!(balance, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_phone_number_registers_once(pool: PgPool) {
    let t = town(pool).await;
    resident(&t, "13912345678", 0).await;
    let again = auth::signup(
        &t.st,
        SignupForm { phone: "139 1234 5678".into(), display_name: "另一个人".into(), village_id: Some(t.villages[1]), password: "another1".into() },
    )
    .await;
    assert_eq!(again, Err(AppError::PhoneTaken));
}

#[sqlx::test(migrations = "../migrations")]
async fn signup_rejects_unknown_village_and_bad_fields(pool: PgPool) {
    let t = town(pool).await;
    let form = |phone: &str, village: Option<i64>, pw: &str| SignupForm {
        phone: phone.into(),
        display_name: "老李".into(),
        village_id: village,
        password: pw.into(),
    };
    assert_eq!(auth::signup(&t.st, form("13911112222", Some(999_999), "secret12")).await, Err(AppError::VillageUnknown));
    assert_eq!(auth::signup(&t.st, form("1391111", Some(t.villages[0]), "secret12")).await, Err(AppError::PhoneInvalid));
    assert_eq!(auth::signup(&t.st, form("13911112222", Some(t.villages[0]), "123")).await, Err(AppError::PasswordTooShort));
    assert_eq!(auth::signup(&t.st, form("13911112222", None, "secret12")).await, Err(AppError::VillageMissing));
}

#[sqlx::test(migrations = "../migrations")]
async fn login_checks_the_password(pool: PgPool) {
    let t = town(pool).await;
    let u = resident(&t, "13912345678", 0).await;
    assert_eq!(auth::login(&t.st, "13912345678", "wrong-pass").await, Err(AppError::WrongCredentials));
    assert_eq!(auth::login(&t.st, "13900000000", "secret12").await, Err(AppError::WrongCredentials));
    let ok = auth::login(&t.st, "+86 139-1234-5678", "secret12").await.unwrap();
    assert_eq!(ok.id, u.id);
    let stored: String = sqlx::query_scalar("select password_hash from users where id = $1").bind(u.id).fetch_one(&t.st.pool).await.unwrap();
    assert!(stored.starts_with("$argon2id$"), "passwords are stored as argon2id hashes");
}
