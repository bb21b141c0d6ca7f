//! The 文明圈 and campaign streaks against a real Postgres: posts with
//! photos earning the posting item within its caps, likes and comments with
//! their counts, the inbox, reports and moderation, exhibitions, streaks on
//! the town's calendar, and check-ins marked as not genuine.

mod common;

use chrono::Duration;
use civic_app::backend::{campaigns, checkin, checkin_review, feed, moderation, notify, posts, topics, wallet};
use civic_app::domain::localday::day_start_utc;
use civic_app::domain::role::{Actor, Role};
use civic_app::error::AppError;
use common::*;
use sqlx::PgPool;

fn new_post<'a>(body: &'a str, topic: &'a str, photos: &'a [civic_app::backend::images::StoredPhoto]) -> posts::NewPost<'a> {
    posts::NewPost { body, topic, photos, as_department: false }
}

#[sqlx::test(migrations = "../migrations")]
async fn posts_keep_photos_in_order_and_earn_the_posting_item_within_its_daily_cap(pool: PgPool) {
    let t = town(pool).await;
    let u = resident(&t, "13912345678", 0).await;
    t.st.clock.set(noon(day(3, 5)));
    let photos = vec![photo(&t, u.id).await, photo(&t, u.id).await, photo(&t, u.id).await];

    // The default rule: 1 point per post, at most 2 a day.
    let first = posts::create(&t.st, &u, new_post("奶奶的老纺车", "#老物件", &photos)).await.unwrap();
    assert_eq!(first.points, Some(1));
    let second = posts::create(&t.st, &u, new_post("老式座钟", "老物件", &[])).await.unwrap();
    assert_eq!(second.points, Some(1));
    let third = posts::create(&t.st, &u, new_post("搪瓷缸子", "老物件", &[])).await.unwrap();
    assert_eq!(third.points, None, "the daily cap is reached; the post is still published");
    assert_eq!(wallet::wallet(&t.st, u.id).await.unwrap().balance, 2);
    t.st.clock.set(noon(day(3, 6)));
    assert_eq!(posts::create(&t.st, &u, new_post("第二天", "", &[])).await.unwrap().points, Some(1));

    let (item, _) = feed::one(&t.st, None, first.post_id).await.unwrap();
    assert_eq!(item.topic.as_deref(), Some("老物件"));
    let ids: Vec<String> = photos.iter().map(|p| p.id.simple().to_string()).collect();
    let shown: Vec<&str> = item.photos.iter().map(|p| p.url.as_str()).collect();
    for (id, url) in ids.iter().zip(&shown) {
        assert!(url.contains(id.as_str()), "photos keep the order they were chosen in");
    }
    assert_eq!(item.photos.len(), 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_posts_are_refused_with_the_reason(pool: PgPool) {
    let t = town(pool).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    let ten = vec![p.clone(); 10];
    assert_eq!(posts::create(&t.st, &u, new_post(" ", "", &[])).await, Err(AppError::PostEmpty));
    assert_eq!(posts::create(&t.st, &u, new_post("多图", "", &ten)).await, Err(AppError::TooManyPhotos));
    assert_eq!(posts::create(&t.st, &u, new_post("话题", "两个 词", &[])).await, Err(AppError::TopicInvalid));
    let not_staff = posts::NewPost { as_department: true, ..new_post("冒充科室", "", &[]) };
    assert_eq!(posts::create(&t.st, &u, not_staff).await, Err(AppError::Forbidden));
    let photo_only = posts::create(&t.st, &u, new_post("", "", &[p])).await.unwrap();
    assert!(feed::one(&t.st, None, photo_only.post_id).await.is_ok());
}

#[sqlx::test(migrations = "../migrations")]
async fn likes_toggle_and_counts_come_with_the_page(pool: PgPool) {
    let t = town(pool).await;
    let author = resident(&t, "13912345678", 0).await;
    let a = resident(&t, "13912345679", 0).await;
    let b = resident(&t, "13912345670", 1).await;
    let post = posts::create(&t.st, &author, new_post("河边的桃花开了", "", &[])).await.unwrap().post_id;
    posts::create(&t.st, &author, new_post("另一条", "", &[])).await.unwrap();

    assert!(posts::toggle_like(&t.st, a.id, post).await.unwrap());
    assert!(posts::toggle_like(&t.st, b.id, post).await.unwrap());
    assert!(!posts::toggle_like(&t.st, b.id, post).await.unwrap(), "a second tap takes the like back");
    assert!(posts::toggle_like(&t.st, b.id, post).await.unwrap());
    posts::comment(&t.st, &a, post, "真好看", false).await.unwrap();

    let page = feed::page(&t.st, Some(a.id), &feed::Filter::default()).await.unwrap();
    let item = page.items.iter().find(|i| i.post_id == post).unwrap();
    assert_eq!((item.likes, item.comments, item.liked), (2, 1, true));
    let other = page.items.iter().find(|i| i.post_id != post).unwrap();
    assert_eq!((other.likes, other.comments, other.liked), (0, 0, false));
    let guest = feed::page(&t.st, None, &feed::Filter::default()).await.unwrap();
    assert!(!guest.items.iter().any(|i| i.liked));
    assert_eq!(posts::toggle_like(&t.st, a.id, 999_999).await, Err(AppError::NotFound));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_comment_reaches_the_author_inbox_and_reading_clears_the_badge(pool: PgPool) {
    let t = town(pool.clone()).await;
    let author = resident(&t, "13912345678", 0).await;
    let neighbour = resident(&t, "13912345679", 0).await;
    let post = posts::create(&t.st, &author, new_post("修好了村口的路灯", "", &[])).await.unwrap();
    assert_eq!(post.points, Some(1));
    // The posting award is already in the inbox, read from the ledger.
    assert_eq!(notify::unread(&t.st, author.id).await.unwrap(), 1);
    posts::comment(&t.st, &neighbour, post.post_id, "辛苦了！", false).await.unwrap();
    posts::comment(&t.st, &author, post.post_id, "不客气", false).await.unwrap();
    assert_eq!(notify::unread(&t.st, author.id).await.unwrap(), 2, "own comments notify nobody");

    let inbox = notify::open_inbox(&t.st, author.id).await.unwrap();
    assert_eq!(inbox.len(), 2);
    assert!(inbox.iter().all(|i| i.unread));
    let reply = inbox.iter().find(|i| i.kind == "reply").unwrap();
    assert_eq!(reply.actor, neighbour.display_name);
    assert_eq!(reply.detail, "辛苦了！");
    assert!(reply.link.starts_with(&format!("/posts/{}#comment-", post.post_id)));
    let points = inbox.iter().find(|i| i.kind == "points_in").unwrap();
    assert_eq!(points.amount, Some(1));

    assert_eq!(notify::unread(&t.st, author.id).await.unwrap(), 0);
    assert!(notify::open_inbox(&t.st, author.id).await.unwrap().iter().all(|i| !i.unread));
}

#[sqlx::test(migrations = "../migrations")]
async fn department_staff_post_and_reply_as_their_department(pool: PgPool) {
    let t = town(pool.clone()).await;
    let dept = civic_app::backend::towns::ensure_department(&pool, t.st.town_id, "平安建设办公室").await.unwrap();
    let hash = civic_app::backend::auth::hash_password("staff-pass".into()).await.unwrap();
    let staff = civic_app::backend::auth::create_user(&pool, t.st.town_id, "13700000009", "平安办小吴", Role::DepartmentStaff, None, Some(dept), &hash)
        .await
        .unwrap();
    assert_eq!(staff.department_name.as_deref(), Some("平安建设办公室"));
    let official = posts::NewPost { as_department: true, ..new_post("冬季用电安全提示", "消防安全", &[]) };
    let out = posts::create(&t.st, &staff, official).await.unwrap();
    assert_eq!(out.points, None, "staff posts earn no points");
    let (item, _) = feed::one(&t.st, None, out.post_id).await.unwrap();
    assert_eq!(item.department_name.as_deref(), Some("平安建设办公室"));

    let u = resident(&t, "13912345678", 0).await;
    let q = posts::create(&t.st, &u, new_post("电动车能在楼道充电吗？", "", &[])).await.unwrap();
    posts::comment(&t.st, &staff, q.post_id, "不能，请到集中充电点充电。", true).await.unwrap();
    let d = posts::detail(&t.st, Some(&u), q.post_id).await.unwrap();
    assert_eq!(d.comments[0].department_name.as_deref(), Some("平安建设办公室"));
    let inbox = notify::open_inbox(&t.st, u.id).await.unwrap();
    assert!(inbox.iter().any(|i| i.kind == "reply" && i.actor == "平安建设办公室"));
}

#[sqlx::test(migrations = "../migrations")]
async fn reports_reach_the_right_branch_and_hiding_keeps_the_post(pool: PgPool) {
    let t = town(pool.clone()).await;
    let author = resident(&t, "13912345678", 0).await;
    let reporter = resident(&t, "13912345679", 1).await;
    let post = posts::create(&t.st, &author, new_post("卖保健品，加微信", "", &[])).await.unwrap().post_id;
    let target = moderation::Target { post_id: post, comment_id: None };

    moderation::report(&t.st, reporter.id, target, "广告").await.unwrap();
    assert_eq!(moderation::report(&t.st, reporter.id, target, "广告").await, Err(AppError::AlreadyReported));
    assert_eq!(moderation::report(&t.st, reporter.id, target, " ").await, Err(AppError::ReasonEmpty));

    let hash = civic_app::backend::auth::hash_password("staff-pass".into()).await.unwrap();
    let mut branches = Vec::new();
    for (i, v) in t.villages.iter().enumerate() {
        let s = civic_app::backend::auth::create_user(&pool, t.st.town_id, &format!("1370000001{i}"), "分行", Role::BranchStaff, Some(*v), None, &hash)
            .await
            .unwrap();
        branches.push(Actor { user_id: s.id, role: Role::BranchStaff, village_id: Some(*v) });
    }
    // A second neighbour reports it too: still one card, with both reasons.
    let second = resident(&t, "13912345671", 0).await;
    moderation::report(&t.st, second.id, target, "骗老人的").await.unwrap();
    // The author lives in the first village: its branch sees the report, the other does not.
    let queue = moderation::queue(&t.st, &branches[0]).await.unwrap();
    assert_eq!(queue.reports.len(), 1);
    let reasons: Vec<&str> = queue.reports[0].reports.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons, vec!["骗老人的", "广告"], "newest first");
    assert!(moderation::queue(&t.st, &branches[1]).await.unwrap().reports.is_empty());
    assert_eq!(moderation::set_hidden(&t.st, &branches[1], target, true, "广告").await, Err(AppError::Forbidden));
    let resident_actor = Actor { user_id: reporter.id, role: Role::Depositor, village_id: Some(t.villages[1]) };
    assert_eq!(moderation::queue(&t.st, &resident_actor).await.err(), Some(AppError::Forbidden));

    assert_eq!(moderation::report(&t.st, author.id, target, "自己举报自己").await, Err(AppError::CannotReportOwn));
    moderation::set_hidden(&t.st, &branches[0], target, true, "商业广告").await.unwrap();
    let late = resident(&t, "13912345677", 1).await;
    assert_eq!(moderation::report(&t.st, late.id, target, "广告").await, Err(AppError::NotFound), "hidden content takes no reports");
    assert_eq!(moderation::set_hidden(&t.st, &branches[0], target, true, "again").await, Err(AppError::AlreadyHidden));
    let feed_now = feed::page(&t.st, Some(reporter.id), &feed::Filter::default()).await.unwrap();
    assert!(!feed_now.items.iter().any(|i| i.post_id == post), "hidden posts leave the feed");
    let own = feed::page(&t.st, Some(author.id), &feed::Filter::default()).await.unwrap();
    let mine = own.items.iter().find(|i| i.post_id == post).expect("the author still sees it");
    assert_eq!(mine.hidden_reason.as_deref(), Some("商业广告"));
    assert_eq!(posts::detail(&t.st, Some(&reporter), post).await.err(), Some(AppError::NotFound));
    let q = moderation::queue(&t.st, &t.hq).await.unwrap();
    assert!(q.reports.is_empty(), "hiding resolved the report");
    assert_eq!(q.hidden.len(), 1);

    let author_inbox = notify::open_inbox(&t.st, author.id).await.unwrap();
    assert!(author_inbox.iter().any(|i| i.kind == "post_hidden" && i.detail == "商业广告"));
    let reporter_inbox = notify::open_inbox(&t.st, reporter.id).await.unwrap();
    assert!(reporter_inbox.iter().any(|i| i.kind == "report_resolved" && i.actor == "upheld"));

    moderation::set_hidden(&t.st, &t.hq, target, false, "误判，已恢复").await.unwrap();
    assert!(feed::page(&t.st, None, &feed::Filter::default()).await.unwrap().items.iter().any(|i| i.post_id == post));
    let logged: i64 = sqlx::query_scalar("select count(*) from moderation_log").fetch_one(&pool).await.unwrap();
    assert_eq!(logged, 2);
    let still_there: i64 = sqlx::query_scalar("select count(*) from posts where id = $1").bind(post).fetch_one(&pool).await.unwrap();
    assert_eq!(still_there, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn hidden_comments_leave_the_count_and_dismissed_reports_tell_the_reporter(pool: PgPool) {
    let t = town(pool).await;
    let author = resident(&t, "13912345678", 0).await;
    let rude = resident(&t, "13912345679", 0).await;
    let post = posts::create(&t.st, &author, new_post("晒晒我家的菜园", "", &[])).await.unwrap().post_id;
    let c = posts::comment(&t.st, &rude, post, "难看", false).await.unwrap();
    let comment = moderation::Target { post_id: post, comment_id: Some(c) };
    moderation::set_hidden(&t.st, &t.hq, comment, true, "不友善").await.unwrap();
    let (item, _) = feed::one(&t.st, None, post).await.unwrap();
    assert_eq!(item.comments, 0);
    assert!(posts::detail(&t.st, Some(&author), post).await.unwrap().comments.is_empty());
    assert_eq!(posts::detail(&t.st, Some(&rude), post).await.unwrap().comments.len(), 1, "its author still sees it");

    let report = moderation::report(&t.st, rude.id, moderation::Target { post_id: post, comment_id: None }, "不喜欢").await.unwrap();
    moderation::dismiss(&t.st, &t.hq, report, "未发现违规").await.unwrap();
    assert_eq!(moderation::dismiss(&t.st, &t.hq, report, "again").await, Err(AppError::ReportNotFound));
    let inbox = notify::open_inbox(&t.st, rude.id).await.unwrap();
    assert!(inbox.iter().any(|i| i.kind == "report_resolved" && i.actor == "dismissed" && i.detail == "未发现违规"));
    assert!(inbox.iter().any(|i| i.kind == "comment_hidden"));
}

#[sqlx::test(migrations = "../migrations")]
async fn headquarters_curates_an_exhibition_from_a_topic(pool: PgPool) {
    let t = town(pool.clone()).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    let mut ids = Vec::new();
    for body in ["纺车", "座钟", "搪瓷缸"] {
        ids.push(posts::create(&t.st, &u, new_post(body, "#老物件", std::slice::from_ref(&p))).await.unwrap().post_id);
    }
    let off_topic = posts::create(&t.st, &u, new_post("护河", "护河打卡", &[])).await.unwrap().post_id;
    let user_actor = Actor { user_id: u.id, role: Role::Depositor, village_id: Some(t.villages[0]) };
    assert_eq!(topics::curate(&t.st, &user_actor, "老物件", "展", "", &ids).await, Err(AppError::Forbidden));
    assert_eq!(
        topics::curate(&t.st, &t.hq, "老物件", "展", "", &[ids[0], off_topic]).await,
        Err(AppError::ExhibitionPostsInvalid)
    );
    assert_eq!(topics::curate(&t.st, &t.hq, "老物件", "展", "", &[]).await, Err(AppError::ExhibitionEmpty));
    assert_eq!(topics::curate(&t.st, &t.hq, "老物件", " ", "", &ids).await, Err(AppError::TitleEmpty));

    let chosen = [ids[2], ids[0]];
    let e = topics::curate(&t.st, &t.hq, "#老物件", "老物件里的乡愁", "村民家里的老物件。", &chosen).await.unwrap();
    let shown = topics::exhibition(&t.st, None, e).await.unwrap();
    assert_eq!(shown.title, "老物件里的乡愁");
    assert_eq!(shown.posts.iter().map(|p| p.post_id).collect::<Vec<_>>(), chosen.to_vec(), "hand-picked order");
    assert_eq!(shown.posts[0].photos.len(), 1);

    let list = topics::list(&t.st).await.unwrap();
    let old = list.iter().find(|t| t.topic == "老物件").unwrap();
    assert_eq!((old.posts, old.exhibition_id), (3, Some(e)));
    // Curating again replaces the selection, same exhibition.
    assert_eq!(topics::curate(&t.st, &t.hq, "老物件", "新标题", "", &[ids[1]]).await.unwrap(), e);
    assert_eq!(topics::exhibition(&t.st, None, e).await.unwrap().posts.len(), 1);
    let page = topics::page(&t.st, None, "老物件", None).await.unwrap();
    assert_eq!(page.posts.items.len(), 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn streaks_follow_the_shanghai_day_and_a_missed_day_breaks_them(pool: PgPool) {
    let t = town(pool).await;
    let c = campaign(&t, None, day(3, 1), 21, 2).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    // 23:59 and 00:01 are two town days; two posts on one day count once.
    let midnight = day_start_utc(day(3, 3));
    for at in [noon(day(3, 2)), noon(day(3, 2)) + Duration::hours(2), midnight - Duration::minutes(1), midnight + Duration::minutes(1)] {
        t.st.clock.set(at);
        checkin::post(&t.st, &u, c, "巡河", &p).await.unwrap();
    }
    t.st.clock.set(noon(day(3, 3)));
    let progress = campaigns::progress(&t.st, c, Some(u.id)).await.unwrap();
    let s = progress.streak.unwrap();
    assert_eq!((s.current, s.best, s.days), (2, 2, 2));
    assert!(progress.calendar.iter().find(|d| d.day == "2026-03-02").unwrap().checked);
    assert!(progress.calendar.iter().find(|d| d.day == "2026-03-03").unwrap().is_today);
    assert_eq!(progress.calendar.len(), 21);

    t.st.clock.set(noon(day(3, 4)));
    checkin::post(&t.st, &u, c, "第三天", &p).await.unwrap();
    assert_eq!(campaigns::progress(&t.st, c, Some(u.id)).await.unwrap().streak.unwrap().current, 3);
    // Skipping 5 March breaks it.
    t.st.clock.set(noon(day(3, 6)));
    let s = campaigns::progress(&t.st, c, Some(u.id)).await.unwrap().streak.unwrap();
    assert_eq!((s.current, s.best), (0, 3));
    checkin::post(&t.st, &u, c, "重新开始", &p).await.unwrap();
    let progress = campaigns::progress(&t.st, c, Some(u.id)).await.unwrap();
    assert_eq!(progress.streak.unwrap().current, 1);
    let me = &progress.leaders[0];
    assert_eq!((me.days, me.best_streak, me.checkins), (4, 3, 6));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_check_in_marked_not_genuine_is_reversed_and_the_depositor_told(pool: PgPool) {
    let t = town(pool.clone()).await;
    let c = campaign(&t, Some(t.villages[0]), day(3, 1), 21, 2).await;
    let u = resident(&t, "13912345678", 0).await;
    let p = photo(&t, u.id).await;
    t.st.clock.set(noon(day(3, 2)));
    checkin::post(&t.st, &u, c, "巡河", &p).await.unwrap();
    t.st.clock.set(noon(day(3, 3)));
    checkin::post(&t.st, &u, c, "巡河", &p).await.unwrap();
    assert_eq!(wallet::wallet(&t.st, u.id).await.unwrap().balance, 4);

    let hash = civic_app::backend::auth::hash_password("staff-pass".into()).await.unwrap();
    let other = civic_app::backend::auth::create_user(&pool, t.st.town_id, "13700000011", "乙村分行", Role::BranchStaff, Some(t.villages[1]), None, &hash)
        .await
        .unwrap();
    let other = Actor { user_id: other.id, role: Role::BranchStaff, village_id: Some(t.villages[1]) };
    let recent = checkin_review::recent(&t.st, &t.hq, c, 10).await.unwrap();
    assert_eq!(recent.len(), 2);
    assert!(checkin_review::recent(&t.st, &other, c, 10).await.unwrap().is_empty());
    let newest = recent[0].id;
    assert_eq!(checkin_review::reject(&t.st, &other, c, newest, "照片重复").await, Err(AppError::Forbidden));
    assert_eq!(checkin_review::reject(&t.st, &t.hq, c, newest, " ").await, Err(AppError::ReasonEmpty));

    let other_campaign = campaign(&t, None, day(3, 1), 21, 2).await;
    assert_eq!(checkin_review::reject(&t.st, &t.hq, other_campaign, newest, "错").await, Err(AppError::NotFound));
    let reversal = checkin_review::reject(&t.st, &t.hq, c, newest, "照片与前一天重复").await.unwrap();
    assert!(reversal.is_some());
    assert_eq!(checkin_review::reject(&t.st, &t.hq, c, newest, "again").await, Err(AppError::CheckinAlreadyRejected));
    let w = wallet::wallet(&t.st, u.id).await.unwrap();
    assert_eq!(w.balance, 2);
    let undo = w.entries.iter().find(|e| e.cause_kind == "reversal").unwrap();
    assert_eq!((undo.amount, undo.memo.as_str()), (-2, "照片与前一天重复"));

    let inbox = notify::open_inbox(&t.st, u.id).await.unwrap();
    let told = inbox.iter().find(|i| i.kind == "checkin_rejected").unwrap();
    assert_eq!(told.detail, "照片与前一天重复");
    assert!(inbox.iter().any(|i| i.kind == "points_reversed" && i.amount == Some(-2)));

    let progress = campaigns::progress(&t.st, c, Some(u.id)).await.unwrap();
    let s = progress.streak.unwrap();
    assert_eq!((s.current, s.days), (1, 1), "a check-in that is not genuine does not count");
    assert_eq!(progress.card.checkins, 1);
    let (post, _) = feed::one(&t.st, None, recent[0].post_id).await.unwrap();
    assert_eq!(post.rejected_reason.as_deref(), Some("照片与前一天重复"), "the feed marks it");
    let (kept, _) = feed::one(&t.st, None, recent[1].post_id).await.unwrap();
    assert_eq!(kept.rejected_reason, None);
    assert_eq!(checkin_review::recent(&t.st, &t.hq, c, 10).await.unwrap()[0].rejected_reason.as_deref(), Some("照片与前一天重复"));
}

/// The main feed's pages are read once and shared between readers; every
/// write that shows on them must show at once, to everyone.
#[sqlx::test(migrations = "../migrations")]
async fn the_shared_feed_shows_every_change_at_once(pool: PgPool) {
    let t = town(pool).await;
    let author = resident(&t, "13912345678", 0).await;
    let a = resident(&t, "13912345679", 0).await;
    let b = resident(&t, "13912345670", 1).await;
    t.st.clock.set(noon(day(3, 5)));
    let c = campaign(&t, None, day(3, 1), 30, 2).await;
    let p = photo(&t, author.id).await;
    let first = posts::create(&t.st, &author, new_post("河边的桃花开了", "", &[])).await.unwrap().post_id;
    let everything = feed::Filter::default();
    let page = |viewer: i64| feed::page(&t.st, Some(viewer), &everything);
    let shown = |p: &civic_app::model::FeedPage, id: i64| p.items.iter().find(|i| i.post_id == id).cloned();

    // Both readers have the page; then b likes and comments.
    assert_eq!(shown(&page(a.id).await.unwrap(), first).unwrap().likes, 0);
    assert_eq!(shown(&page(b.id).await.unwrap(), first).unwrap().likes, 0);
    posts::toggle_like(&t.st, b.id, first).await.unwrap();
    assert_eq!(shown(&page(a.id).await.unwrap(), first).unwrap().comments, 0);
    posts::comment(&t.st, &b, first, "真好看", false).await.unwrap();
    let seen_by_a = shown(&page(a.id).await.unwrap(), first).unwrap();
    assert_eq!((seen_by_a.likes, seen_by_a.comments, seen_by_a.liked), (1, 1, false));
    let seen_by_b = shown(&page(b.id).await.unwrap(), first).unwrap();
    assert_eq!((seen_by_b.likes, seen_by_b.liked), (1, true), "b's own like is marked for b only");
    posts::toggle_like(&t.st, b.id, first).await.unwrap();
    assert!(!shown(&page(b.id).await.unwrap(), first).unwrap().liked, "and the unlike too");

    // A new post and a check-in lead the page at once.
    let second = posts::create(&t.st, &a, new_post("老物件：搪瓷缸", "老物件", &[])).await.unwrap().post_id;
    assert_eq!(page(b.id).await.unwrap().items[0].post_id, second);
    let checked = checkin::post(&t.st, &author, c, "沿河走了一圈", &p).await.unwrap().post_id;
    let ids: Vec<i64> = page(b.id).await.unwrap().items.iter().map(|i| i.post_id).collect();
    assert_eq!(ids, vec![checked, second, first]);

    // Hidden: gone for everyone but its author, who sees why.
    let target = moderation::Target { post_id: second, comment_id: None };
    moderation::set_hidden(&t.st, &t.hq, target, true, "与主题无关").await.unwrap();
    assert!(shown(&page(b.id).await.unwrap(), second).is_none());
    assert!(shown(&feed::page(&t.st, None, &everything).await.unwrap(), second).is_none());
    assert_eq!(shown(&page(a.id).await.unwrap(), second).unwrap().hidden_reason.as_deref(), Some("与主题无关"));

    // A check-in found not genuine is marked at once, leaves the exhibition
    // it was picked for, and cannot be picked again.
    let river = topics::curate(&t.st, &t.hq, "护河打卡", "护河一月", "", &[checked]).await.unwrap();
    assert_eq!(topics::exhibition(&t.st, None, river).await.unwrap().posts.len(), 1);
    let checkin_id: i64 = sqlx::query_scalar("select id from checkins where post_id = $1").bind(checked).fetch_one(&t.st.pool).await.unwrap();
    checkin_review::reject(&t.st, &t.hq, c, checkin_id, "照片不是本人拍摄").await.unwrap();
    assert_eq!(shown(&page(b.id).await.unwrap(), checked).unwrap().rejected_reason.as_deref(), Some("照片不是本人拍摄"));
    assert!(topics::exhibition(&t.st, None, river).await.unwrap().posts.is_empty());
    assert_eq!(
        topics::curate(&t.st, &t.hq, "护河打卡", "护河一月", "", &[checked]).await,
        Err(AppError::ExhibitionPostsInvalid)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_inbox_pages_back_through_everything_without_gaps_or_repeats(pool: PgPool) {
    let t = town(pool).await;
    let author = resident(&t, "13912345678", 0).await;
    let neighbour = resident(&t, "13912345679", 0).await;
    t.st.clock.set(noon(day(3, 5)));
    let post = posts::create(&t.st, &author, new_post("门前的腊梅开了", "", &[])).await.unwrap();
    assert_eq!(post.points, Some(1));
    for i in 0..45 {
        t.st.clock.set(noon(day(3, 5)) + Duration::minutes(i + 1));
        posts::comment(&t.st, &neighbour, post.post_id, &format!("第{i}条评论"), false).await.unwrap();
    }
    assert_eq!(notify::unread(&t.st, author.id).await.unwrap(), 46);

    let first = notify::inbox_page(&t.st, author.id, None).await.unwrap();
    assert_eq!(first.items.len(), 40);
    assert_eq!(first.items[0].detail, "第44条评论", "newest first");
    assert_eq!(notify::unread(&t.st, author.id).await.unwrap(), 0, "the first page marks everything read");
    let older = first.older.expect("46 entries make a second page");
    let second = notify::inbox_page(&t.st, author.id, Some(older)).await.unwrap();
    assert_eq!(second.older, None);
    let mut all: Vec<String> = first.items.iter().chain(&second.items).map(|i| format!("{}:{}", i.kind, i.detail)).collect();
    assert_eq!(all.len(), 46);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 46, "no entry shown twice");
    assert!(second.items.iter().any(|i| i.kind == "points_in"), "the posting point is the oldest entry");
}
