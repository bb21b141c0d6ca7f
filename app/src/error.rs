//! Every failure a user can meet, with its message in each language.
//!
//! Errors travel as short codes: in the JSON of a server function and in the
//! `err=` query parameter of a plain form post that was redirected back, so
//! the page can show the message without JavaScript.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

macro_rules! app_errors {
    ($($variant:ident => $code:literal, $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum AppError {
            $($variant,)*
        }

        impl AppError {
            pub fn code(self) -> &'static str {
                match self { $(AppError::$variant => $code,)* }
            }

            pub fn from_code(code: &str) -> Option<AppError> {
                match code { $($code => Some(AppError::$variant),)* _ => None }
            }

            pub fn message(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((AppError::$variant, Lang::Zh) => $zh,
                      (AppError::$variant, Lang::En) => $en,)*
                }
            }
        }
    };
}

app_errors! {
    PhoneEmpty => "phone_empty", "请填写手机号。", "Please enter your mobile number.";
    PhoneInvalid => "phone_invalid", "手机号应为 11 位数字，以 1 开头，例如 138 1234 5678。", "A mobile number has 11 digits and starts with 1, e.g. 138 1234 5678.";
    PhoneTaken => "phone_taken", "这个手机号已经注册过了，请直接登录；忘记密码请找村里的工作人员重置。", "This number is already registered. Please log in; if you forgot the password, ask your village staff to reset it.";
    NameEmpty => "name_empty", "请填写您的称呼。", "Please enter the name to show.";
    NameTooLong => "name_too_long", "称呼最多 20 个字。", "The name can be at most 20 characters.";
    VillageMissing => "village_missing", "请选择您所在的村。", "Please choose your village.";
    PasswordTooShort => "password_short", "密码至少 6 位。", "The password needs at least 6 characters.";
    PasswordTooLong => "password_long", "密码最多 128 位。", "The password can be at most 128 characters.";
    PasswordMismatch => "password_mismatch", "两次输入的密码不一样，请重新输入。", "The two passwords differ; please type them again.";
    WrongCredentials => "wrong_credentials", "手机号或密码不对，请再试一次。", "Wrong mobile number or password. Please try again.";
    RateLimited => "rate_limited", "尝试次数太多，请过一分钟再试。", "Too many attempts. Please wait a minute and try again.";
    NotLoggedIn => "not_logged_in", "请先登录。", "Please log in first.";
    Forbidden => "forbidden", "您没有权限进行这个操作。", "You are not allowed to do this.";
    TextEmpty => "text_empty", "请写几句话，说说您做了什么。", "Please write a few words about what you did.";
    TextTooLong => "text_too_long", "文字最多 500 字。", "The text can be at most 500 characters.";
    PhotoMissing => "photo_missing", "请拍一张照片或从相册选择一张。", "Please take a photo or choose one from your gallery.";
    PhotoTooLarge => "photo_too_large", "照片太大了（最多 10 MB），请换一张或用手机自带的压缩功能。", "The photo is too large (10 MB at most). Please choose a smaller one.";
    PhotoNotImage => "photo_not_image", "这个文件不是照片。请上传 JPG、PNG 或 WebP 格式的图片。", "This file is not a photo. Please upload a JPG, PNG or WebP image.";
    CampaignNotFound => "campaign_not_found", "找不到这个打卡活动。", "This check-in campaign does not exist.";
    CampaignNotStarted => "campaign_not_started", "这个打卡活动还没开始。", "This campaign has not started yet.";
    CampaignEnded => "campaign_ended", "这个打卡活动已经结束了，感谢您的参与！", "This campaign has ended. Thank you for taking part!";
    CampaignOtherVillage => "campaign_other_village", "这个打卡活动只面向其他村的储户，您可以参加全镇或本村的打卡。", "This campaign is for another village; you can join town-wide campaigns and your own village's.";
    CampaignNameEmpty => "campaign_name_empty", "请填写活动名称。", "Please enter the campaign name.";
    CampaignNameTooLong => "campaign_name_long", "活动名称最多 40 字，话题最多 20 字。", "A campaign name can have 40 characters and a topic 20 at most.";
    ReviewPending => "review_pending", "这笔记录的疑问已经提交，正在等待工作人员答复。", "A question about this entry is already waiting for an answer.";
    CampaignDatesInvalid => "campaign_dates", "请填写正确的开始和结束日期，结束不能早于开始。", "Please enter valid start and end dates; the end cannot precede the start.";
    CampaignTooLong => "campaign_too_long", "活动最长一年。", "A campaign can last one year at most.";
    PointsOutOfRange => "points_range", "每次打卡积分应在 1 到 100 之间。", "Points per check-in must be between 1 and 100.";
    VillageUnknown => "village_unknown", "所选的村不存在，请重新选择。", "The chosen village does not exist; please choose again.";
    InsufficientPoints => "insufficient_points", "积分不够，无法完成。", "Not enough points for this.";
    DailyCapReached => "daily_cap", "这一项今天的积分已到上限，明天再记吧。", "This item's daily limit is reached for this person; try again tomorrow.";
    YearlyCapReached => "yearly_cap", "这一项今年的积分已到上限。", "This item's yearly limit is reached for this person.";
    ItemUnknown => "item_unknown", "积分项目不存在，请重新选择。", "This catalogue item does not exist; please choose again.";
    NotYourVillage => "not_your_village", "这位储户不属于您负责的村。", "This depositor is not in your village.";
    NotReversible => "not_reversible", "这笔记录不能撤销：它已经撤销过，或本身就是一笔撤销。", "This entry cannot be reversed: it was reversed already or is itself a reversal.";
    QuestionEmpty => "question_empty", "请写下您的疑问。", "Please write your question.";
    QuestionTooLong => "question_long", "疑问最多 500 字。", "The question can be at most 500 characters.";
    ReviewNotFound => "review_not_found", "找不到这条核查申请。", "This review request does not exist.";
    ReviewAnswered => "review_answered", "这条核查申请已经答复过了。", "This review request was already answered.";
    AnswerEmpty => "answer_empty", "请填写答复内容。", "Please write an answer.";
    RuleInvalid => "rule_invalid", "每次积分应在 1 到 1000 之间；每日和每年上限不能小于每次积分，每日上限也不能大于每年上限。", "Points must be 1–1000; caps cannot be below the points per award, and the daily cap cannot exceed the yearly one.";
    NoRecipients => "no_recipients", "请至少选择一位储户。", "Please choose at least one depositor.";
    HoldNotFound => "hold_not_found", "找不到这笔冻结积分。", "This hold does not exist.";
    PostEmpty => "post_empty", "请写几句话或选一张照片。", "Please write something or add a photo.";
    PostTooLong => "post_too_long", "动态最多 1000 字。", "A post can have 1000 characters at most.";
    PhotosTooLarge => "photos_too_large", "这些照片加起来太大了（最多 60 MB），请少选几张。", "These photos are too large together (60 MB at most); please choose fewer.";
    TooManyPhotos => "too_many_photos", "一条动态最多 9 张照片，请去掉几张。", "A post can have 9 photos at most; please remove some.";
    TopicInvalid => "topic_invalid", "话题是一个词，最多 20 个字，不能有空格，例如 #老物件。", "A topic is one word of up to 20 characters without spaces, e.g. #老物件.";
    CommentEmpty => "comment_empty", "请写下评论内容。", "Please write a comment.";
    CommentTooLong => "comment_too_long", "评论最多 300 字。", "A comment can have 300 characters at most.";
    ReasonEmpty => "reason_empty", "请写明原因。", "Please give a reason.";
    ReasonTooLong => "reason_too_long", "原因最多 200 字。", "The reason can have 200 characters at most.";
    CannotReportOwn => "report_own", "不能举报自己发的内容；如需删改，请联系村里的工作人员。", "You cannot report your own content; ask your village staff if it needs changing.";
    AlreadyReported => "already_reported", "您已经举报过这条内容，工作人员正在处理。", "You already reported this; staff are looking at it.";
    AlreadyHidden => "already_hidden", "这条内容已经被隐藏了。", "This content is already hidden.";
    NotHidden => "not_hidden", "这条内容没有被隐藏，无需恢复。", "This content is not hidden.";
    ReportNotFound => "report_not_found", "找不到这条举报，可能已经处理过了。", "This report does not exist or was already handled.";
    TitleEmpty => "title_empty", "请填写展览标题。", "Please enter the exhibition title.";
    TitleTooLong => "title_too_long", "展览标题最多 40 字。", "The title can have 40 characters at most.";
    IntroTooLong => "intro_too_long", "展览介绍最多 500 字。", "The introduction can have 500 characters at most.";
    ExhibitionEmpty => "exhibition_empty", "请至少选一条动态放进展览。", "Please choose at least one post for the exhibition.";
    ExhibitionTooBig => "exhibition_too_big", "一个展览最多 30 条动态。", "An exhibition can show 30 posts at most.";
    ExhibitionPostsInvalid => "exhibition_posts", "所选动态必须属于这个话题、没有被隐藏，也不能是未通过核验的打卡，请重新选择。", "The chosen posts must belong to this topic, be visible and not be check-ins found not genuine; please choose again.";
    CheckinAlreadyRejected => "checkin_rejected", "这次打卡已经被标记为不真实了。", "This check-in was already marked as not genuine.";
    NotFound => "not_found", "找不到您要的内容。", "Not found.";
    Internal => "internal", "服务器出了点问题，您填写的内容已保留，请稍后再试。", "Something went wrong on the server. What you entered is kept; please try again shortly.";
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl std::error::Error for AppError {}

impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(_: server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_every_error_has_both_languages() {
        for e in [AppError::PhoneTaken, AppError::CampaignEnded, AppError::Internal] {
            assert_eq!(AppError::from_code(e.code()), Some(e));
            assert!(!e.message(Lang::Zh).is_empty());
            assert!(e.message(Lang::En).is_ascii());
        }
        assert_eq!(AppError::from_code("no_such_code"), None);
    }
}
