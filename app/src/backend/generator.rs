//! A deterministic town of any size for benchmarks: villages, depositors,
//! check-in campaigns, posts, check-ins and catalogue awards over a span of
//! days. Events are decided by the same domain rules the services apply (one
//! award per person, campaign and town day; catalogue caps; Asia/Shanghai
//! days), then written in large batches (`unnest` arrays) so a million
//! ledger entries load in minutes. Postgres still enforces every constraint
//! (unique idempotency keys, one awarded check-in a day, non-negative
//! balances); balances are set from the generated transfers and verified.

use super::{catalogue, ledger, towns};
use crate::domain::catalogue::{Rule, check_caps};
use crate::domain::checkin::award_key;
use crate::domain::localday::day_start_utc;
use crate::error::AppError;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng};
use sqlx::PgPool;
use std::collections::HashMap;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct Params {
    pub seed: u64,
    pub villages: usize,
    pub depositors: usize,
    pub days: i64,
    /// Scales the daily probabilities of a check-in (4%) and an award (2%).
    pub activity: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { seed: 42, villages: 12, depositors: 50_000, days: 365, activity: 1.0 }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Report {
    pub town_id: i64,
    pub villages: usize,
    pub depositors: usize,
    pub campaigns: usize,
    pub posts: usize,
    pub checkins: usize,
    pub transfers: usize,
    pub seconds: f64,
}

const BATCH: usize = 20_000;

/// Reserves `n` consecutive ids of `table`'s identity column.
async fn reserve_ids(pool: &PgPool, table: &str, n: usize) -> Result<i64, AppError> {
    let seq: String = sqlx::query_scalar("select pg_get_serial_sequence($1, 'id')").bind(table).fetch_one(pool).await?;
    let first: i64 = sqlx::query_scalar("select nextval($1::regclass)").bind(&seq).fetch_one(pool).await?;
    if n > 1 {
        sqlx::query("select setval($1::regclass, $2)").bind(&seq).bind(first + n as i64 - 1).execute(pool).await?;
    }
    Ok(first)
}

pub async fn generate(pool: &PgPool, p: &Params) -> Result<Report, AppError> {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(p.seed);
    let town = towns::ensure_town(pool, &format!("scale-{}", p.seed), &format!("规模测试镇{}", p.seed)).await?;
    let existing: i64 = sqlx::query_scalar("select count(*) from users where town_id = $1").bind(town).fetch_one(pool).await?;
    if existing > 0 {
        return Err(AppError::PhoneTaken);
    }
    let mut village_ids = Vec::new();
    for v in 0..p.villages {
        village_ids.push(towns::ensure_village(pool, town, &format!("第{}村", v + 1)).await?);
    }
    let hash = super::auth::hash_password(format!("scale-{}", p.seed)).await?;

    // People and their wallets.
    let user0 = reserve_ids(pool, "users", p.depositors + 1).await?;
    let acct0 = reserve_ids(pool, "accounts", p.depositors).await?;
    let admin = user0 + p.depositors as i64;
    sqlx::query(
        "insert into users (town_id, id, phone, display_name, role, password_hash) overriding system value
         values ($1, $2, '17000000000', '规模测试总行', 'hq_admin', $3)",
    )
    .bind(town)
    .bind(admin)
    .bind(&hash)
    .execute(pool)
    .await?;
    for chunk in (0..p.depositors).collect::<Vec<_>>().chunks(BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|i| user0 + *i as i64).collect();
        let phones: Vec<String> = chunk.iter().map(|i| format!("171{:08}", i)).collect();
        let names: Vec<String> = chunk.iter().map(|i| format!("储户{:05}", i)).collect();
        let villages: Vec<i64> = chunk.iter().map(|i| village_ids[i % village_ids.len()]).collect();
        sqlx::query(
            "insert into users (town_id, id, phone, display_name, role, village_id, password_hash) overriding system value
             select $1, u.id, u.phone, u.name, 'depositor', u.village, $5
               from unnest($2::bigint[], $3::text[], $4::text[], $6::bigint[]) as u(id, phone, name, village)",
        )
        .bind(town)
        .bind(&ids)
        .bind(&phones)
        .bind(&names)
        .bind(&hash)
        .bind(&villages)
        .execute(pool)
        .await?;
        let accts: Vec<i64> = chunk.iter().map(|i| acct0 + *i as i64).collect();
        sqlx::query(
            "insert into accounts (town_id, id, kind, user_id) overriding system value
             select $1, a.id, 'depositor', a.uid from unnest($2::bigint[], $3::bigint[]) as a(id, uid)",
        )
        .bind(town)
        .bind(&accts)
        .bind(&ids)
        .execute(pool)
        .await?;
    }
    let mut conn = pool.acquire().await?;
    let issuer = ledger::issuer(&mut conn, town).await?;
    drop(conn);

    // One shared photo row per generated post keeps the feed realistic
    // without storing a million files.
    let media_id = uuid::Uuid::new_v4();
    sqlx::query("insert into media (town_id, id, owner_id, path, width, height, bytes) values ($1, $2, $3, 'generated/river.jpg', 1280, 960, 180000)")
        .bind(town)
        .bind(media_id)
        .bind(admin)
        .execute(pool)
        .await?;

    // Back-to-back 21-day town-wide check-in campaigns covering the span.
    let last_day = crate::domain::localday::local_day(Utc::now());
    let first_day = last_day - Duration::days(p.days - 1);
    let river = catalogue::by_code(pool, town, "river_checkin").await?;
    let mut campaigns = Vec::new();
    let mut d = first_day;
    while d <= last_day {
        let id: i64 = sqlx::query_scalar(
            "insert into campaigns (town_id, name, topic, starts_on, ends_on, points_per_checkin, created_by, item_id)
             values ($1, $2, '护河打卡', $3, $4, 2, $5, $6) returning id",
        )
        .bind(town)
        .bind(format!("护河打卡 第{}期", campaigns.len() + 1))
        .bind(d)
        .bind(d + Duration::days(20))
        .bind(admin)
        .bind(river.id)
        .fetch_one(pool)
        .await?;
        campaigns.push((id, d));
        d += Duration::days(21);
    }

    let items = catalogue::list(pool, town).await?;
    let awardable: Vec<_> = items.iter().filter(|i| i.code != "river_checkin").collect();
    let p_checkin = (0.04 * p.activity).min(1.0);
    let p_award = (0.02 * p.activity).min(1.0);
    let mut balances = vec![0i64; p.depositors];
    let mut yearly: HashMap<(u32, i64, i32), i64> = HashMap::new();
    let mut out = Batches::default();
    let mut report = Report { town_id: town, villages: p.villages, depositors: p.depositors, campaigns: campaigns.len(), ..Report::default() };

    for offset in 0..p.days {
        let day = first_day + Duration::days(offset);
        let campaign = campaigns.iter().rev().find(|(_, start)| *start <= day).map(|(id, _)| *id).expect("covered");
        let base = day_start_utc(day);
        let mut daily: HashMap<(u32, i64), i64> = HashMap::new();
        for person in 0..p.depositors {
            let r: f64 = rng.r#gen();
            if r < p_checkin {
                let at = base + Duration::minutes(rng.gen_range(360..1260));
                let user = user0 + person as i64;
                out.checkin(town, campaign, user, acct0 + person as i64, issuer, day, at, media_id, &award_key(campaign, user, day));
                balances[person] += 2;
                report.checkins += 1;
            } else if r < p_checkin + p_award {
                let item = awardable[rng.gen_range(0..awardable.len())];
                let rule = Rule { points: item.rule.points, daily_cap: item.rule.daily_cap, yearly_cap: item.rule.yearly_cap };
                let dkey = (person as u32, item.id);
                let ykey = (person as u32, item.id, day.year());
                let today = *daily.get(&dkey).unwrap_or(&0);
                let year = *yearly.get(&ykey).unwrap_or(&0);
                if check_caps(&rule, today, year).is_ok() {
                    let pts = i64::from(rule.points);
                    *daily.entry(dkey).or_default() += pts;
                    *yearly.entry(ykey).or_default() += pts;
                    let at = base + Duration::minutes(rng.gen_range(480..1080));
                    out.award(town, acct0 + person as i64, issuer, pts, item.id, item.rule_id, &item.category, at,
                        &format!("gen:{}:{}:{}", p.seed, person, out.transfer_count()), admin);
                    balances[person] += pts;
                }
            }
        }
        if out.len() >= BATCH {
            report.transfers += out.flush(pool).await?;
        }
    }
    report.transfers += out.flush(pool).await?;
    report.posts = report.checkins;

    // Balances from the generated transfers, then checked against them.
    for chunk in (0..p.depositors).collect::<Vec<_>>().chunks(BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|i| acct0 + *i as i64).collect();
        let bals: Vec<i64> = chunk.iter().map(|i| balances[*i]).collect();
        sqlx::query(
            "update accounts a set balance = b.bal from unnest($2::bigint[], $3::bigint[]) as b(id, bal)
              where a.town_id = $1 and a.id = b.id",
        )
        .bind(town)
        .bind(&ids)
        .bind(&bals)
        .execute(pool)
        .await?;
    }
    let mismatched: i64 = sqlx::query_scalar(
        "select count(*) from accounts a
          where a.town_id = $1 and a.kind = 'depositor'
            and a.balance <> coalesce((select sum(t.amount) from transfers t where t.town_id = a.town_id and t.to_account = a.id), 0)",
    )
    .bind(town)
    .fetch_one(pool)
    .await?;
    if mismatched != 0 {
        tracing::error!(mismatched, "generated balances disagree with their transfers");
        return Err(AppError::Internal);
    }
    sqlx::query("analyze").execute(pool).await?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Rows waiting to be written, column by column.
#[derive(Default)]
struct Batches {
    town: i64,
    // transfers
    t_id: Vec<i64>,
    t_key: Vec<String>,
    t_from: Vec<i64>,
    t_to: Vec<i64>,
    t_amount: Vec<i64>,
    t_kind: Vec<&'static str>,
    t_cause: Vec<Option<i64>>,
    t_item: Vec<Option<i64>>,
    t_rule: Vec<Option<i64>>,
    t_cat: Vec<Option<String>>,
    t_by: Vec<Option<i64>>,
    t_at: Vec<chrono::DateTime<Utc>>,
    // posts and check-ins
    p_author: Vec<i64>,
    p_campaign: Vec<i64>,
    p_at: Vec<chrono::DateTime<Utc>>,
    p_day: Vec<NaiveDate>,
    p_transfer: Vec<i64>,
    media: Option<uuid::Uuid>,
    total: usize,
}

impl Batches {
    fn len(&self) -> usize {
        self.t_key.len()
    }

    fn transfer_count(&self) -> usize {
        self.total + self.len()
    }

    #[allow(clippy::too_many_arguments)]
    fn push_transfer(&mut self, key: String, from: i64, to: i64, amount: i64, kind: &'static str, cause: Option<i64>,
        item: Option<i64>, rule: Option<i64>, cat: Option<String>, by: Option<i64>, at: chrono::DateTime<Utc>) -> usize {
        self.t_key.push(key);
        self.t_from.push(from);
        self.t_to.push(to);
        self.t_amount.push(amount);
        self.t_kind.push(kind);
        self.t_cause.push(cause);
        self.t_item.push(item);
        self.t_rule.push(rule);
        self.t_cat.push(cat);
        self.t_by.push(by);
        self.t_at.push(at);
        self.t_key.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn checkin(&mut self, town: i64, campaign: i64, user: i64, wallet: i64, issuer: i64, day: NaiveDate,
        at: chrono::DateTime<Utc>, media: uuid::Uuid, key: &str) {
        self.town = town;
        self.media = Some(media);
        let idx = self.push_transfer(key.to_string(), issuer, wallet, 2, "checkin", Some(campaign), None, None,
            Some("volunteer".into()), None, at);
        self.p_author.push(user);
        self.p_campaign.push(campaign);
        self.p_at.push(at);
        self.p_day.push(day);
        self.p_transfer.push(idx as i64);
    }

    #[allow(clippy::too_many_arguments)]
    fn award(&mut self, town: i64, wallet: i64, issuer: i64, points: i64, item: i64, rule: i64, category: &str,
        at: chrono::DateTime<Utc>, key: &str, by: i64) {
        self.town = town;
        self.push_transfer(key.to_string(), issuer, wallet, points, "award", Some(item), Some(item), Some(rule),
            Some(category.to_string()), Some(by), at);
    }

    async fn flush(&mut self, pool: &PgPool) -> Result<usize, AppError> {
        let n = self.len();
        if n == 0 {
            return Ok(0);
        }
        let first = reserve_ids(pool, "transfers", n).await?;
        self.t_id = (0..n as i64).map(|i| first + i).collect();
        let mut tx = pool.begin().await?;
        sqlx::query(
            "insert into transfers (town_id, id, idempotency_key, from_account, to_account, amount, cause_kind, cause_id,
                                    item_id, rule_id, category, created_by, created_at) overriding system value
             select $1, * from unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[],
                                      $8::bigint[], $9::bigint[], $10::bigint[], $11::text[], $12::bigint[], $13::timestamptz[])",
        )
        .bind(self.town)
        .bind(&self.t_id)
        .bind(&self.t_key)
        .bind(&self.t_from)
        .bind(&self.t_to)
        .bind(&self.t_amount)
        .bind(&self.t_kind)
        .bind(&self.t_cause)
        .bind(&self.t_item)
        .bind(&self.t_rule)
        .bind(&self.t_cat)
        .bind(&self.t_by)
        .bind(&self.t_at)
        .execute(&mut *tx)
        .await?;
        let m = self.p_author.len();
        if m > 0 {
            let post0 = reserve_ids(pool, "posts", m).await?;
            let post_ids: Vec<i64> = (0..m as i64).map(|i| post0 + i).collect();
            let transfer_ids: Vec<i64> = self.p_transfer.iter().map(|i| first + i).collect();
            let bodies: Vec<&str> = (0..m).map(|i| GENERATED_TEXTS[i % GENERATED_TEXTS.len()]).collect();
            sqlx::query(
                "insert into posts (town_id, id, author_id, body, topic, campaign_id, created_at) overriding system value
                 select $1, p.id, p.author, p.body, '护河打卡', p.campaign, p.at
                   from unnest($2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::timestamptz[]) as p(id, author, body, campaign, at)",
            )
            .bind(self.town)
            .bind(&post_ids)
            .bind(&self.p_author)
            .bind(&bodies)
            .bind(&self.p_campaign)
            .bind(&self.p_at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "insert into post_photos (town_id, post_id, position, media_id) select $1, unnest($2::bigint[]), 0, $3",
            )
            .bind(self.town)
            .bind(&post_ids)
            .bind(self.media)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "insert into checkins (town_id, campaign_id, user_id, post_id, local_day, awarded, transfer_id, created_at)
                 select $1, c.campaign, c.author, c.post, c.day, true, c.transfer, c.at
                   from unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::date[], $6::bigint[], $7::timestamptz[])
                        as c(campaign, author, post, day, transfer, at)",
            )
            .bind(self.town)
            .bind(&self.p_campaign)
            .bind(&self.p_author)
            .bind(&post_ids)
            .bind(&self.p_day)
            .bind(&transfer_ids)
            .bind(&self.p_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.total += n;
        let town = self.town;
        let media = self.media;
        let total = self.total;
        *self = Batches { town, media, total, ..Batches::default() };
        Ok(n)
    }
}

const GENERATED_TEXTS: [&str; 4] = ["沿河巡查一圈，捡拾垃圾。", "护河打卡，河面干净。", "清理岸边塑料袋。", "劝导游客不乱扔垃圾。"];
