//! Mainland mobile numbers: normalising what people type, and masking for display.

/// Normalises a typed phone number to 11 digits, or says why it is not one.
///
/// Accepts spaces, dashes and a leading `+86`/`86`, which people often copy
/// from contact cards.
pub fn normalize(input: &str) -> Result<String, PhoneError> {
    // Chinese keyboards often type full-width digits and plus signs.
    let digits: String = input
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '＋' => '+',
            other => other,
        })
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{3000}' | '－'))
        .collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| if digits.len() == 13 { digits.strip_prefix("86") } else { None })
        .unwrap_or(&digits)
        .to_string();
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(PhoneError::NotDigits);
    }
    let bytes = digits.as_bytes();
    if bytes.len() != 11 || bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
        return Err(PhoneError::WrongShape);
    }
    Ok(digits)
}

/// `13812345678` → `138****5678`. Anything that is not 11 characters is
/// masked entirely except the last two, so nothing leaks by accident.
pub fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[7..].iter().collect();
        format!("{head}****{tail}")
    } else {
        let keep = chars.len().saturating_sub(2);
        let tail: String = chars[keep..].iter().collect();
        format!("{}{tail}", "*".repeat(keep))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    NotDigits,
    WrongShape,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_spellings() {
        assert_eq!(normalize("138 1234 5678").unwrap(), "13812345678");
        assert_eq!(normalize("+86 138-1234-5678").unwrap(), "13812345678");
        assert_eq!(normalize("8613812345678").unwrap(), "13812345678");
        assert_eq!(normalize("１３８１２３４５６７８").unwrap(), "13812345678");
        assert_eq!(normalize("＋８６ １３８－１２３４－５６７８").unwrap(), "13812345678");
    }

    #[test]
    fn rejects_non_mobile_numbers() {
        assert_eq!(normalize(""), Err(PhoneError::Empty));
        assert_eq!(normalize("1381234567a"), Err(PhoneError::NotDigits));
        assert_eq!(normalize("12812345678"), Err(PhoneError::WrongShape));
        assert_eq!(normalize("1381234567"), Err(PhoneError::WrongShape));
    }

    #[test]
    fn masks_the_middle_four_digits() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("12345"), "***45");
    }
}
