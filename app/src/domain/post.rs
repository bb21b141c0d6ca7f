//! What a feed post, a comment, a topic and a moderation reason must look
//! like before they are stored.

pub const MAX_POST_CHARS: usize = 1000;
pub const MAX_COMMENT_CHARS: usize = 300;
pub const MAX_PHOTOS: usize = 9;
pub const MAX_TOPIC_CHARS: usize = 20;
pub const MAX_REASON_CHARS: usize = 200;
pub const MAX_TITLE_CHARS: usize = 40;
pub const MAX_INTRO_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostProblem {
    Empty,
    TooLong,
    TooManyPhotos,
    TopicInvalid,
}

/// A post needs words or at least one photo; a photo-only post gets no text
/// check beyond length.
pub fn validate_post(body: &str, photos: usize) -> Result<String, PostProblem> {
    let body = body.trim();
    if body.is_empty() && photos == 0 {
        return Err(PostProblem::Empty);
    }
    if body.chars().count() > MAX_POST_CHARS {
        return Err(PostProblem::TooLong);
    }
    if photos > MAX_PHOTOS {
        return Err(PostProblem::TooManyPhotos);
    }
    Ok(body.to_string())
}

/// A topic as typed (`#老物件`, ` 老物件 `, `＃老物件`) in its stored form
/// (`老物件`), `None` for no topic. A topic is one word: no spaces, no `#`
/// inside, at most 20 characters.
pub fn normalize_topic(input: &str) -> Result<Option<String>, PostProblem> {
    let t = input.trim().trim_start_matches(['#', '＃']).trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > MAX_TOPIC_CHARS || t.chars().any(|c| c.is_whitespace() || c == '#' || c == '＃' || c.is_control()) {
        return Err(PostProblem::TopicInvalid);
    }
    Ok(Some(t.to_string()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong,
}

/// Trimmed text of 1..=`max` characters (comments, reasons, titles).
pub fn bounded_text(text: &str, max: usize) -> Result<String, TextProblem> {
    let t = text.trim();
    if t.is_empty() {
        Err(TextProblem::Empty)
    } else if t.chars().count() > max {
        Err(TextProblem::TooLong)
    } else {
        Ok(t.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_need_words_or_a_photo() {
        assert_eq!(validate_post("  ", 0), Err(PostProblem::Empty));
        assert_eq!(validate_post("  ", 1), Ok(String::new()));
        assert_eq!(validate_post(" 老物件：奶奶的纺车 ", 0), Ok("老物件：奶奶的纺车".into()));
        assert_eq!(validate_post(&"字".repeat(1001), 0), Err(PostProblem::TooLong));
        assert_eq!(validate_post("九张以上", 10), Err(PostProblem::TooManyPhotos));
        assert!(validate_post("九张", 9).is_ok());
    }

    #[test]
    fn topics_are_one_word_without_hash() {
        assert_eq!(normalize_topic("#老物件"), Ok(Some("老物件".into())));
        assert_eq!(normalize_topic(" ＃护河打卡 "), Ok(Some("护河打卡".into())));
        assert_eq!(normalize_topic(""), Ok(None));
        assert_eq!(normalize_topic("#"), Ok(None));
        assert_eq!(normalize_topic("两个 词"), Err(PostProblem::TopicInvalid));
        assert_eq!(normalize_topic(&"长".repeat(21)), Err(PostProblem::TopicInvalid));
        assert_eq!(normalize_topic("a#b"), Err(PostProblem::TopicInvalid));
    }

    #[test]
    fn bounded_text_trims_and_limits() {
        assert_eq!(bounded_text("  好 ", 3), Ok("好".into()));
        assert_eq!(bounded_text(" ", 3), Err(TextProblem::Empty));
        assert_eq!(bounded_text("四个字啊", 3), Err(TextProblem::TooLong));
    }
}
