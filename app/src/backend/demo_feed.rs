//! The demo town's 文明圈: #老物件 posts with photos, an official account's
//! safety post and reply, likes and comments, an online exhibition, and one
//! open report for the moderation queue. Created through the same services
//! the app uses. Every name here is invented.

use super::{AppState, images, moderation, posts, topics};
use crate::domain::localday::{day_start_utc, local_day};
use crate::domain::role::Actor;
use crate::error::AppError;
use crate::model::SessionUser;
use chrono::{Duration, Utc};
use image::{ImageEncoder, RgbImage, codecs::png::PngEncoder};
use rand::{Rng, rngs::StdRng};

const OLD_THINGS: [(&str, usize); 8] = [
    ("翻出了奶奶陪嫁的木箱子，铜锁还亮着。", 3),
    ("老式缝纫机，我妈用它给全家做了二十年衣服。", 2),
    ("八十年代的搪瓷缸子，上面还印着“劳动光荣”。", 1),
    ("爷爷的算盘，珠子都磨圆了。", 4),
    ("村里第一台黑白电视机，现在还能出图像！", 2),
    ("手摇纺车，奶奶说小时候天天纺线。", 1),
    ("老座钟，每到整点还会当当响。", 3),
    ("粮票和布票，孩子们都没见过。", 2),
];

const COMMENTS: [&str; 6] = ["真有年代感！", "我家也有一个一模一样的", "好好保存，这是传家宝", "看着就亲切", "想起小时候了", "建议捐给村史馆展出"];

/// A picture of an "old thing": a warm background with a few shapes, so
/// every demo photo differs.
fn object_png(rng: &mut StdRng) -> Result<Vec<u8>, AppError> {
    let (w, h) = (480u32, 480u32);
    let base = [rng.gen_range(150..220u8), rng.gen_range(110..170u8), rng.gen_range(60..120u8)];
    let (cx, cy, r) = (rng.gen_range(140..340) as i64, rng.gen_range(140..340) as i64, rng.gen_range(70..140) as i64);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as i64 - cx, y as i64 - cy);
        if dx * dx + dy * dy < r * r {
            image::Rgb([base[2] / 2 + 40, base[1] / 2, base[0] / 3])
        } else if y > 380 {
            image::Rgb([120, 90, 60])
        } else {
            image::Rgb([base[0].saturating_sub((y / 12) as u8), base[1], base[2]])
        }
    });
    let mut png = Vec::new();
    PngEncoder::new(&mut png).write_image(&img, w, h, image::ExtendedColorType::Rgb8).map_err(|_| AppError::Internal)?;
    Ok(png)
}

/// A waking hour in the town, `days_ago` days before `now`.
fn daytime(now: chrono::DateTime<Utc>, days_ago: i64, rng: &mut StdRng) -> chrono::DateTime<Utc> {
    let day = local_day(now) - Duration::days(days_ago);
    day_start_utc(day) + Duration::minutes(rng.gen_range(7 * 60..21 * 60))
}

pub struct FeedCast<'a> {
    pub hq: &'a SessionUser,
    pub safety_staff: &'a SessionUser,
    pub depositor: &'a SessionUser,
    pub residents: &'a [SessionUser],
}

/// Posts spread over the last ten days, ending with the clock at "now".
pub async fn load(st: &AppState, cast: FeedCast<'_>, rng: &mut StdRng) -> Result<(), AppError> {
    let now = Utc::now();
    let mut old_posts = Vec::new();
    for (i, (text, photos)) in OLD_THINGS.iter().enumerate() {
        let author = if i == 0 { cast.depositor } else { &cast.residents[(i * 11) % cast.residents.len()] };
        st.clock.set(daytime(now, 10 - i as i64, rng));
        let mut stored = Vec::new();
        for _ in 0..*photos {
            stored.push(images::store(st, author.id, object_png(rng)?).await?);
        }
        let post = posts::NewPost { body: text, topic: "老物件", photos: &stored, as_department: false };
        old_posts.push(posts::create(st, author, post).await?.post_id);
    }
    for (i, post) in old_posts.iter().enumerate() {
        for r in cast.residents.iter().skip(i).step_by(7).take(3 + i % 5) {
            posts::toggle_like(st, r.id, *post).await?;
        }
        for (j, r) in cast.residents.iter().skip(i * 3 + 1).take(i % 3 + 1).enumerate() {
            posts::comment(st, r, *post, COMMENTS[(i + j) % COMMENTS.len()], false).await?;
        }
    }

    st.clock.set(daytime(now, 2, rng));
    let notice = "天冷了，电动车请到集中充电点充电，不要把电池带进楼道或家里。发现隐患可在文明圈发 #隐患随手拍。";
    let official = posts::NewPost { body: notice, topic: "消防安全", photos: &[], as_department: true };
    posts::create(st, cast.safety_staff, official).await?;
    st.clock.set(daytime(now, 1, rng));
    let question = posts::NewPost { body: "院里的电线老化了，找谁修？", topic: "隐患随手拍", photos: &[], as_department: false };
    let asked = posts::create(st, &cast.residents[3], question).await?.post_id;
    posts::comment(st, cast.safety_staff, asked, "已记录，明天上午电工上门查看，请家里留人。", true).await?;

    // One open report, so the moderation queue has something to show.
    let spam = posts::NewPost { body: "低价转让保健品，效果好，私聊。", topic: "", photos: &[], as_department: false };
    let spam_id = posts::create(st, &cast.residents[5], spam).await?.post_id;
    moderation::report(st, cast.depositor.id, moderation::Target { post_id: spam_id, comment_id: None }, "广告").await?;

    let hq = Actor { user_id: cast.hq.id, role: cast.hq.role, village_id: None };
    let intro = "村民们从家里翻出的老物件，每一件都藏着一段日子。欢迎继续在文明圈发 #老物件。";
    let picks = [old_posts[0], old_posts[3], old_posts[1], old_posts[6]];
    topics::curate(st, &hq, "老物件", "老物件里的乡愁", intro, &picks).await?;
    st.clock.set(Utc::now());
    Ok(())
}
