//! The demo town loaded by the README's run command: 潞城镇 with its villages,
//! departments, one account of each role, a few hundred invented residents
//! and the river check-in campaigns, created through the same service
//! functions the app uses (sign-up, campaign creation, check-in, photo
//! pipeline), with the clock moved back to place history in the past.
//! Every name and phone number here is invented.

use super::{AppState, auth, campaigns, checkin, demo_feed, images, scenario, towns};
use crate::domain::campaign::{NewCampaign, Window};
use crate::domain::localday::{day_start_utc, local_day};
use crate::domain::role::{Actor, Role};
use crate::error::AppError;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use image::{ImageEncoder, RgbImage, codecs::png::PngEncoder};
use rand::{Rng, SeedableRng, rngs::StdRng};

pub const TOWN_SLUG: &str = "lucheng";
pub const TOWN_NAME: &str = "潞城镇";
pub const DEMO_PASSWORD: &str = "demo1234";

pub const VILLAGES: [&str; 12] = [
    "大甘棠村", "东堡村", "西营村", "南关村", "北辛庄村", "前街村",
    "后街村", "河西村", "杨庄村", "古城村", "柳荫村", "新桥村",
];
pub const DEPARTMENTS: [&str; 4] = ["党群工作办公室", "平安建设办公室", "城乡建设办公室", "交通管理办公室"];

/// The demo log-ins, one per role: (role label, phone, name).
pub const DEMO_LOGINS: [(&str, &str, &str); 4] = [
    ("headquarters admin", "13800000001", "总行办公室小刘"),
    ("branch staff (大甘棠村)", "13800000002", "甘棠分行小周"),
    ("department staff (平安建设办公室)", "13800000003", "平安办小吴"),
    ("depositor (大甘棠村)", "13800000004", "护河的秀兰"),
];

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
];
const GIVEN: [&str; 20] = [
    "秀兰", "桂芝", "建华", "国栋", "丽萍", "志刚", "淑芬", "玉珍", "德顺", "春燕",
    "海霞", "文娟", "小梅", "建新", "凤兰", "永顺", "明亮", "晓红", "金花", "宝林",
];
const CHECKIN_TEXTS: [&str; 8] = [
    "早上沿河走了一圈，捡了一袋塑料瓶。",
    "河边遛弯儿，顺手把岸边的垃圾清了。",
    "今天河水很清，只捡到几个烟头。",
    "和老伴一起巡河，捡了两袋垃圾。",
    "带孙子一起护河，教他垃圾分类。",
    "傍晚巡河，劝导了一位乱扔垃圾的路人。",
    "河堤上的落叶扫干净了。",
    "巡河打卡，水面漂浮物已清理。",
];

pub struct DemoSummary {
    pub created: bool,
    pub depositors: usize,
    pub checkins: usize,
}

/// Loads the demo town unless it already has people. Returns the town id.
pub async fn load(st: &mut AppState, depositors: usize) -> Result<DemoSummary, AppError> {
    let pool = st.pool.clone();
    let town = towns::ensure_town(&pool, TOWN_SLUG, TOWN_NAME).await?;
    st.town_id = town;
    let existing: i64 = sqlx::query_scalar("select count(*) from users where town_id = $1")
        .bind(town)
        .fetch_one(&pool)
        .await?;
    if existing > 0 {
        return Ok(DemoSummary { created: false, depositors: existing as usize, checkins: 0 });
    }
    let mut village_ids = Vec::new();
    for v in VILLAGES {
        village_ids.push(towns::ensure_village(&pool, town, v).await?);
    }
    let mut dept_ids = Vec::new();
    for d in DEPARTMENTS {
        dept_ids.push(towns::ensure_department(&pool, town, d).await?);
    }
    // One hash for every demo account: argon2 is deliberately slow.
    let hash = auth::hash_password(DEMO_PASSWORD.to_string()).await?;
    let roles = [
        (Role::HqAdmin, None, None),
        (Role::BranchStaff, Some(village_ids[0]), None),
        (Role::DepartmentStaff, None, Some(dept_ids[1])),
        (Role::Depositor, Some(village_ids[0]), None),
    ];
    let mut staff = Vec::new();
    for ((_, phone, name), (role, village, dept)) in DEMO_LOGINS.iter().zip(roles) {
        staff.push(auth::create_user(&pool, town, phone, name, role, village, dept, &hash).await?);
    }
    let hq = Actor { user_id: staff[0].id, role: Role::HqAdmin, village_id: None };
    // A branch staff member for every other village and one for every other department.
    for (i, v) in village_ids.iter().enumerate().skip(1) {
        let name = format!("{}分行", VILLAGES[i].trim_end_matches('村'));
        auth::create_user(&pool, town, &format!("138000001{i:02}"), &name, Role::BranchStaff, Some(*v), None, &hash).await?;
    }
    for (i, d) in dept_ids.iter().enumerate().filter(|(i, _)| *i != 1) {
        let name = format!("{}值班", DEPARTMENTS[i].trim_end_matches("办公室"));
        auth::create_user(&pool, town, &format!("138000002{i:02}"), &name, Role::DepartmentStaff, None, Some(*d), &hash).await?;
    }

    let mut rng = StdRng::seed_from_u64(20230301);
    let mut residents = vec![staff[3].clone()];
    for i in 0..depositors {
        let name = format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())]);
        let phone = format!("1390000{:04}", i + 1);
        let village = village_ids[(i * 7 + rng.gen_range(0..3)) % village_ids.len()];
        residents.push(auth::create_user(&pool, town, &phone, &name, Role::Depositor, Some(village), None, &hash).await?);
    }

    let today = local_day(Utc::now());
    let past_start = today - Duration::days(60);
    let current_start = today - Duration::days(6);
    let current = campaigns::create(st, &hq, campaign("护河打卡·冬季", current_start, 21, 2)).await?;
    let mut gantang = campaign("大甘棠村门前河段清洁周", today - Duration::days(2), 7, 3);
    gantang.village_id = Some(village_ids[0]);
    campaigns::create(st, &hq, gantang).await?;

    let photo_pool = demo_photos(st, residents[0].id, &mut rng).await?;
    let mut count = 0;
    // The article's campaign: 299 check-ins over 21 days, 32 persistent residents.
    if residents.len() > scenario::PERSISTENT + 60 {
        scenario::river_campaign(st, &hq, &residents[1..], past_start, &photo_pool[0]).await?;
        count += scenario::RIVER_CHECKINS;
    }
    count += replay_checkins(st, &residents, current, current_start, 6, 60, &photo_pool, &mut rng).await?;
    // The demo depositor's passbook follows the article's example.
    scenario::passbook_history(st, &hq, &residents[0], today.year() - 2).await?;
    let cast = demo_feed::FeedCast { hq: &staff[0], safety_staff: &staff[2], depositor: &residents[0], residents: &residents[1..] };
    if cast.residents.len() >= 12 {
        demo_feed::load(st, cast, &mut rng).await?;
    }
    st.clock.set(Utc::now());
    Ok(DemoSummary { created: true, depositors: residents.len(), checkins: count })
}

fn campaign(name: &str, start: NaiveDate, days: i64, points: i32) -> NewCampaign {
    NewCampaign {
        name: name.to_string(),
        topic: "护河打卡".to_string(),
        village_id: None,
        window: Window { starts_on: start, ends_on: start + Duration::days(days - 1) },
        points_per_checkin: points,
    }
}

/// A handful of generated river-ish pictures, stored through the real
/// photo pipeline and shared by the demo check-ins.
async fn demo_photos(st: &AppState, owner: i64, rng: &mut StdRng) -> Result<Vec<images::StoredPhoto>, AppError> {
    let mut out = Vec::new();
    for _ in 0..6 {
        let (r, g, b) = (rng.gen_range(60..120u8), rng.gen_range(120..200u8), rng.gen_range(150..230u8));
        let img = RgbImage::from_fn(480, 360, |x, y| {
            let bank = y > 240 + (x / 24) % 20;
            if bank { image::Rgb([90, 140 - (y % 30) as u8, 60]) } else { image::Rgb([r, g.saturating_sub((y / 8) as u8), b]) }
        });
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(&img, 480, 360, image::ExtendedColorType::Rgb8)
            .map_err(|_| AppError::Internal)?;
        out.push(images::store(st, owner, png).await?);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn replay_checkins(
    st: &AppState,
    residents: &[crate::model::SessionUser],
    campaign_id: i64,
    start: NaiveDate,
    days: i64,
    total: usize,
    photos: &[images::StoredPhoto],
    rng: &mut StdRng,
) -> Result<usize, AppError> {
    // The first 12 residents are the persistent core; they check in on most days.
    let mut plan = Vec::new();
    for day in 0..days {
        for (i, r) in residents.iter().take(12).enumerate() {
            if (day as usize + i) % 5 != 0 {
                plan.push((day, r));
            }
        }
    }
    while plan.len() < total {
        let r = &residents[rng.gen_range(12..residents.len())];
        plan.push((rng.gen_range(0..days), r));
    }
    plan.truncate(total);
    plan.sort_by_key(|(d, r)| (*d, r.id));
    for (i, (day, resident)) in plan.iter().enumerate() {
        let at = day_start_utc(start + Duration::days(*day)) + Duration::minutes(6 * 60 + (i as i64 * 37) % (14 * 60));
        st.clock.set(at);
        let text = CHECKIN_TEXTS[rng.gen_range(0..CHECKIN_TEXTS.len())];
        checkin::post(st, resident, campaign_id, text, &photos[i % photos.len()]).await?;
    }
    Ok(plan.len())
}
