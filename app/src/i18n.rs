//! Interface text in Simplified Chinese (default) and English.
//!
//! A plain struct per language: a missing translation is a compile error,
//! nothing is looked up at run time, and the WASM islands carry only the
//! few strings they use.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language chosen in `Cookie` header values: the first `lang`
    /// cookie, else Chinese.
    pub fn from_cookies<'a>(values: impl IntoIterator<Item = &'a str>) -> Lang {
        values
            .into_iter()
            .flat_map(|v| v.split(';'))
            .find_map(|pair| pair.trim().strip_prefix("lang="))
            .map(Lang::from_tag)
            .unwrap_or(Lang::Zh)
    }

    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

macro_rules! ui_text {
    ($($key:ident: $zh:literal, $en:literal;)*) => {
        pub struct Ui { $(pub $key: &'static str,)* }
        pub static ZH: Ui = Ui { $($key: $zh,)* };
        pub static EN: Ui = Ui { $($key: $en,)* };
    };
}

ui_text! {
    app_name: "文明银行", "Civic Points Bank";
    tagline: "把好事存进银行，积分换真服务", "Bank your good deeds; spend points on real services";
    nav_home: "首页", "Home";
    nav_feed: "文明圈", "Feed";
    nav_wallet: "存折", "Passbook";
    nav_me: "我的", "Me";
    nav_staff: "管理", "Staff";
    nav_login: "登录", "Log in";
    signup_title: "注册文明储户", "Open a depositor account";
    signup_button: "注册", "Sign up";
    signup_have_account: "已经有账号？去登录", "Already registered? Log in";
    login_title: "登录", "Log in";
    login_button: "登录", "Log in";
    login_no_account: "还没有账号？注册文明储户", "No account yet? Sign up";
    logout_button: "退出登录", "Log out";
    field_phone: "手机号", "Mobile number";
    field_phone_hint: "11 位手机号，登录时使用", "11 digits, used to log in";
    field_name: "称呼", "Name to show";
    field_name_hint: "别人在文明圈看到的名字，例如“河边老张”", "What neighbours see in the feed";
    field_village: "所在村", "Village";
    field_village_choose: "请选择", "Choose";
    field_password: "密码", "Password";
    field_password_hint: "至少 6 位", "At least 6 characters";
    field_password2: "再输一次密码", "Password again";
    show_password: "显示密码", "Show password";
    welcome_guest: "欢迎来到文明银行", "Welcome to the Civic Points Bank";
    hello: "您好，", "Hello, ";
    my_balance: "我的积分", "My points";
    points_unit: "分", "pts";
    active_campaigns: "正在进行的打卡", "Open check-in campaigns";
    no_campaigns: "现在没有进行中的打卡活动。", "No check-in campaign is open now.";
    go_checkin: "去打卡", "Check in";
    days_left: "剩余天数", "Days left";
    checkins: "打卡次数", "Check-ins";
    participants: "参与人数", "Participants";
    per_checkin: "每次打卡", "Per check-in";
    whole_town: "全镇", "Whole town";
    checkin_title: "今日打卡", "Today's check-in";
    checkin_text: "今天做了什么？", "What did you do today?";
    checkin_text_hint: "例如：沿河捡了两袋垃圾", "e.g. picked up two bags of litter by the river";
    checkin_photo: "照片", "Photo";
    checkin_photo_hint: "拍一张或从相册选择（JPG/PNG/WebP，10 MB 以内）", "Take one or choose from the gallery (JPG/PNG/WebP, up to 10 MB)";
    checkin_photo_kept: "已保留您刚才上传的照片，不用重新选择。", "Your photo is kept; no need to choose it again.";
    checkin_submit: "提交打卡", "Submit check-in";
    draft_kept: "打卡没有提交，但您写的文字和照片都还在。", "The check-in was not submitted, but your text and photo are kept.";
    draft_to_feed: "改发到文明圈", "Post it to the feed instead";
    unsent_comment: "评论没有发出：这条动态现在不能评论了。您写的内容在下面，可以复制保存。", "Your comment was not sent: this post no longer takes comments. What you wrote is below, to copy and keep.";
    checkin_sending: "正在上传，请稍候…", "Uploading, please wait…";
    checkin_done_today: "今天已经打过卡了。可以再发，但不会再加分。", "You already checked in today. You may post again, but it earns no more points.";
    checkin_login_needed: "登录后才能打卡。", "Log in to check in.";
    notice_welcome: "注册成功，欢迎成为文明储户！", "Welcome! Your depositor account is open.";
    notice_logged_in: "登录成功。", "Logged in.";
    notice_logged_out: "已退出登录。", "Logged out.";
    notice_checkin_awarded: "打卡成功，积分已存入存折：+", "Checked in! Points deposited: +";
    notice_checkin_not_awarded: "打卡已发布。今天已经领过这个活动的积分了，这次不再加分，明天再来吧！", "Posted. You already earned today's points for this campaign; come back tomorrow!";
    notice_campaign_created: "打卡活动已创建。", "Campaign created.";
    feed_title: "文明圈", "Neighbourhood feed";
    feed_empty: "还没有动态，来发第一条吧。", "Nothing here yet.";
    feed_older: "更早的动态", "Older posts";
    feed_newest: "回到最新", "Back to newest";
    wallet_title: "积分存折", "Points passbook";
    wallet_empty: "还没有积分记录。去参加打卡吧！", "No entries yet. Join a check-in campaign!";
    wallet_entries: "收支记录", "Entries";
    cause_checkin: "打卡奖励", "Check-in award";
    cause_other: "积分变动", "Points movement";
    me_title: "我的账户", "My account";
    me_role: "身份", "Role";
    role_depositor: "文明储户", "Depositor";
    role_branch_staff: "村级分行工作人员", "Village branch staff";
    role_department_staff: "科室工作人员", "Department staff";
    role_hq_admin: "总行管理员", "Headquarters admin";
    staff_title: "管理台", "Staff dashboard";
    staff_campaigns: "打卡活动", "Check-in campaigns";
    staff_view_stats: "查看统计", "View statistics";
    staff_new_campaign: "新建打卡活动", "New check-in campaign";
    field_campaign_name: "活动名称", "Campaign name";
    field_topic: "话题", "Topic";
    field_scope: "范围", "Scope";
    field_starts_on: "开始日期", "Start date";
    field_ends_on: "结束日期", "End date";
    field_points: "每次打卡积分", "Points per check-in";
    create_button: "创建", "Create";
    stats_by_day: "每日打卡", "Check-ins per day";
    stats_day: "日期", "Day";
    total: "合计", "Total";
    back: "返回", "Back";
    language_switch: "English", "中文";
    not_found_title: "页面不存在", "Page not found";
    not_found_body: "您要找的页面不存在，请回到首页。", "The page you asked for does not exist.";
    loading: "加载中…", "Loading…";
    notice_awarded: "已记分的户数：", "Households awarded: ";
    notice_skipped: "未记分（已达上限或不属于本村）：", "Not awarded (limit reached or other village): ";
    notice_rule_saved: "积分规则已保存为新版本，以前的记录不受影响。", "Rule saved as a new version; earlier awards are unchanged.";
    notice_question_sent: "您的疑问已提交，工作人员会尽快答复。", "Your question was sent; staff will answer soon.";
    notice_review_answered: "已答复。", "Answered.";
    points_held: "冻结中（兑换待使用）", "On hold for claims";
    year_suffix: "年", "";
    year_entries: "笔记录", "entries";
    year_earned: "获得", "Earned";
    year_spent: "使用", "Spent";
    civic_share: "文明参与占比", "Civic participation share";
    cat_civic_practice: "文明实践", "Civic practice";
    cat_environment: "门前三包·环境", "Environment (门前三包)";
    cat_online: "线上参与", "Online participation";
    cat_volunteer: "志愿服务", "Volunteer service";
    cause_award: "积分奖励", "Award";
    cause_reversal: "更正撤销", "Correction";
    cause_hold: "兑换冻结", "Held for a claim";
    cause_release: "冻结退回", "Hold returned";
    confirmed_by: "确认人：", "Confirmed by ";
    reason: "说明：", "Reason: ";
    entry_reversed: "这笔已被撤销", "This entry was reversed";
    ask_why: "对这笔积分有疑问？", "Question about this entry?";
    ask_placeholder: "例如：这次活动我参加了两个小时，为什么只记了 2 分？", "e.g. I volunteered two hours; why only 2 points?";
    ask_submit: "提交给工作人员核查", "Ask staff to review";
    your_question: "您的疑问：", "Your question: ";
    staff_answer: "工作人员答复：", "Staff answer: ";
    awaiting_answer: "等待工作人员答复", "Waiting for an answer";
    staff_award: "给储户记分", "Award points";
    staff_catalogue: "积分目录", "Point catalogue";
    staff_reviews: "核查申请", "Review requests";
    field_item: "积分项目", "Catalogue item";
    field_memo: "备注（可选）", "Note (optional)";
    choose_households: "选择储户（可多选）", "Choose depositors (several allowed)";
    award_submit: "确认记分", "Award";
    no_depositors: "这个村还没有储户。", "No depositors in this village yet.";
    show_village: "查看", "Show";
    field_daily_cap: "每日上限", "Daily cap";
    field_yearly_cap: "每年上限", "Yearly cap";
    version: "版本", "Version";
    save: "保存", "Save";
    no_reviews: "没有待处理的核查申请。", "No open review requests.";
    answer_field: "答复", "Answer";
    reverse_entry: "同时撤销这笔积分（以答复作为撤销原因）", "Also reverse this entry (the answer is the reason)";
    answer_submit: "提交答复", "Send answer";
    balance_label: "余额", "Balance";
    points_per_award: "每次积分", "Points per award";
    depositor_question: "储户的疑问：", "Depositor's question: ";
    photo_too_large_client: "这张照片超过 10 MB，请换一张，或先用手机相册的“编辑/压缩”功能缩小。", "This photo is over 10 MB; please choose another or shrink it first.";
    campaign_other_village_hint: "这个打卡活动只面向其他村的储户。您可以参加首页上的全镇打卡和本村打卡。", "This campaign is for another village; see the home page for campaigns you can join.";
    compose_title: "发动态", "New post";
    compose_text: "说点什么", "What's happening?";
    compose_text_hint: "例如：翻出了奶奶的老纺车，还能转！", "e.g. found grandma's old spinning wheel; it still turns!";
    compose_topic: "话题（可选）", "Topic (optional)";
    compose_topic_hint: "一个词，例如 #老物件、#护河打卡", "One word, e.g. #老物件 or #护河打卡";
    compose_photos: "照片（可选，最多 9 张）", "Photos (optional, up to 9)";
    compose_photos_hint: "可一次选多张（JPG/PNG/WebP，每张 10 MB 以内）", "Choose several at once (JPG/PNG/WebP, up to 10 MB each)";
    compose_submit: "发布", "Publish";
    compose_sending: "正在发布，请稍候…", "Publishing, please wait…";
    photos_kept_before: "已保留您刚才上传的 ", "Kept ";
    photos_kept_after: " 张照片，不用重新选择。", " photo(s) you uploaded; no need to choose them again.";
    too_many_photos_client: "最多选 9 张照片，请重新选择。", "Choose at most 9 photos, please.";
    post_as_department: "以科室官方账号发布：", "Post as the official account: ";
    reply_as_department: "以科室官方账号回复：", "Reply as the official account: ";
    official_badge: "官方", "Official";
    photo_alt: "照片（点开看大图）", "Photo (tap to enlarge)";
    topics_title: "话题", "Topics";
    no_topics: "还没有话题。发动态时加上 #话题 吧。", "No topics yet. Add a #topic when you post.";
    topic_posts: " 条动态", " posts";
    like: "点赞", "Like";
    liked: "已赞", "Liked";
    comments_label: "评论", "Comments";
    no_comments: "还没有评论。", "No comments yet.";
    comment_write: "写评论", "Write a comment";
    comment_submit: "发表评论", "Comment";
    login_to_comment: "登录后评论", "Log in to comment";
    person_no_posts: "还没有发过动态。", "No posts yet.";
    hidden_notice: "这条内容已被隐藏，只有作者和工作人员能看到。原因：", "Hidden; only the author and staff can see it. Reason: ";
    report_post: "举报这条动态", "Report this post";
    report_comment: "举报", "Report";
    report_reason: "举报原因", "Reason";
    report_reason_hint: "例如：广告、不实信息、人身攻击", "e.g. advertising, false information, abuse";
    report_submit: "提交举报", "Send report";
    moderation_title: "内容审核", "Moderation";
    moderation_reports: "待处理的举报", "Open reports";
    moderation_hidden: "已隐藏的内容", "Hidden content";
    moderation_reason: "处理原因（会告诉作者）", "Reason (the author is told)";
    no_reports: "没有待处理的举报。", "No open reports.";
    reported_by: "举报人：", "Reported by ";
    hide: "隐藏", "Hide";
    reports_count: "人举报", "reports";
    restore: "恢复显示", "Restore";
    dismiss: "不违规，保留", "Keep: not a violation";
    dismiss_reason: "经核查未发现违规内容。", "Checked: no violation found.";
    curate_title: "把这个话题办成线上展", "Turn this topic into an online exhibition";
    curate_hint: "勾选要展出的动态（最多 30 条，按页面上的顺序展出）。已在展中、但不在本页的动态会保留。", "Tick the posts to show (30 at most), shown in page order. Posts already shown that are not on this page stay.";
    curate_edit_title: "编辑这个话题的线上展", "Edit this topic's online exhibition";
    curate_submit: "保存线上展", "Save exhibition";
    field_title: "展览标题", "Title";
    field_intro: "展览介绍", "Introduction";
    view_exhibition: "看线上展", "View exhibition";
    exhibition_label: "线上展", "Online exhibition";
    inbox_title: "消息", "Inbox";
    unread_label: "条未读", "unread";
    inbox_empty: "还没有消息。", "No messages yet.";
    inbox_older: "更早的消息", "Older messages";
    inbox_newest: "回到最新消息", "Back to the newest";
    inbox_points_in: "积分到账", "Points received";
    inbox_points_out: "积分支出", "Points spent";
    inbox_points_reversed: "积分更正", "Points corrected";
    inbox_reply: " 评论了您的动态", " commented on your post";
    inbox_report_upheld: "您举报的内容已被隐藏，谢谢您。", "The content you reported was hidden. Thank you.";
    inbox_report_dismissed: "您举报的内容经核查没有违规。", "The content you reported was checked and kept.";
    inbox_post_hidden: "您的动态被工作人员隐藏了", "Staff hid your post";
    inbox_post_restored: "您的动态已恢复显示", "Your post is visible again";
    inbox_comment_hidden: "您的评论被工作人员隐藏了", "Staff hid your comment";
    inbox_comment_restored: "您的评论已恢复显示", "Your comment is visible again";
    inbox_checkin_rejected: "您的打卡未通过核验", "Your check-in was found not genuine";
    my_streak: "我的坚持", "My streak";
    current_streak: "当前连续天数", "Current streak";
    best_streak: "最长连续", "Best streak";
    checked_days: "打卡天数", "Days checked in";
    calendar_title: "我的打卡日历", "My check-in calendar";
    weekdays: "一二三四五六日", "MTWTFSS";
    leaderboard_title: "坚持榜", "Most persistent";
    leaderboard_empty: "还没有人打卡，来做第一个吧！", "Nobody has checked in yet. Be the first!";
    days_unit: " 天", " days";
    recent_checkins: "最近的打卡", "Recent check-ins";
    mark_not_genuine: "标记为不真实", "Mark as not genuine";
    not_genuine_hint: "原因，例如：照片不是在河边拍的", "Reason, e.g. the photo was not taken by the river";
    rejected_label: "未通过核验：", "Not genuine: ";
    notice_posted: "发布成功。", "Published.";
    notice_posted_no_points: "发布成功。今天发动态的积分已到上限（每天最多 2 分），这条不再加分。", "Published. Today's points for posts are used up (2 a day), so this one earns none.";
    compose_not_checkin: "参加打卡活动（如护河打卡）请从首页点“去打卡”，这里发的动态不算打卡。", "To check in to a campaign (e.g. river patrol) use “Check in” on the home page; a post here is not a check-in.";
    notice_posted_points: "发布成功，积分已存入存折：+", "Published! Points deposited: +";
    notice_commented: "评论已发表。", "Comment posted.";
    notice_reported: "举报已提交，工作人员会尽快处理。", "Report sent; staff will look at it soon.";
    notice_hidden: "已隐藏，作者会收到通知。", "Hidden; the author has been told.";
    notice_restored: "已恢复显示，作者会收到通知。", "Restored; the author has been told.";
    notice_dismissed: "举报已处理。", "Report closed.";
    notice_exhibition_saved: "线上展已保存。", "Exhibition saved.";
    notice_checkin_rejected: "已标记为不真实，积分已撤销并通知储户。", "Marked as not genuine; points reversed and the depositor told.";
    persistent_title: "坚持打卡的储户", "Most persistent participants";
    persistent_hint: "打卡 7 天及以上，可邀请参加实地活动或组建志愿队。", "Checked in on 7 or more days: candidates for a field visit or a new volunteer team.";
    persistent_days: "打卡天数", "Days";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("zh"), Lang::Zh);
        assert_eq!(Lang::from_tag(""), Lang::Zh);
        assert_eq!(Lang::En.ui().app_name, "Civic Points Bank");
        assert_eq!(Lang::Zh.ui().app_name, "文明银行");
    }
}
