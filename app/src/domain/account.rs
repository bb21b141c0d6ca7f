//! What a sign-up form must contain before it reaches the database.

use super::phone::{self, PhoneError};

pub const MIN_PASSWORD_CHARS: usize = 6;
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const MAX_NAME_CHARS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupForm {
    pub phone: String,
    pub display_name: String,
    pub village_id: Option<i64>,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSignup {
    pub phone: String,
    pub display_name: String,
    pub village_id: i64,
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupProblem {
    Phone(PhoneError),
    NameEmpty,
    NameTooLong,
    VillageMissing,
    PasswordTooShort,
    PasswordTooLong,
}

pub fn validate_signup(form: &SignupForm) -> Result<ValidSignup, SignupProblem> {
    let phone = phone::normalize(&form.phone).map_err(SignupProblem::Phone)?;
    let display_name = clean_name(&form.display_name);
    if display_name.is_empty() {
        return Err(SignupProblem::NameEmpty);
    }
    if display_name.chars().count() > MAX_NAME_CHARS {
        return Err(SignupProblem::NameTooLong);
    }
    let village_id = form.village_id.ok_or(SignupProblem::VillageMissing)?;
    validate_password(&form.password)?;
    Ok(ValidSignup { phone, display_name, village_id, password: form.password.clone() })
}

/// Trims a display name and drops invisible characters (zero-width spaces,
/// direction overrides, byte-order marks) that could hide or reorder text.
pub fn clean_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(*c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
        })
        .collect::<String>()
        .trim()
        .to_string()
}

pub fn validate_password(password: &str) -> Result<(), SignupProblem> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(SignupProblem::PasswordTooShort);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(SignupProblem::PasswordTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignupForm {
        SignupForm {
            phone: "139 0000 1111".into(),
            display_name: "  河边的老张 ".into(),
            village_id: Some(4),
            password: "secret12".into(),
        }
    }

    #[test]
    fn trims_name_and_normalises_phone() {
        let ok = validate_signup(&form()).unwrap();
        assert_eq!(ok.phone, "13900001111");
        assert_eq!(ok.display_name, "河边的老张");
    }

    #[test]
    fn invisible_characters_are_dropped_from_names() {
        assert_eq!(clean_name("\u{202E}live\u{200B}名字 "), "live名字");
        let mut f = form();
        f.display_name = "\u{200B}\u{200B}".into();
        assert_eq!(validate_signup(&f), Err(SignupProblem::NameEmpty));
    }

    #[test]
    fn names_each_problem() {
        let mut f = form();
        f.display_name = "   ".into();
        assert_eq!(validate_signup(&f), Err(SignupProblem::NameEmpty));
        let mut f = form();
        f.display_name = "名".repeat(21);
        assert_eq!(validate_signup(&f), Err(SignupProblem::NameTooLong));
        let mut f = form();
        f.village_id = None;
        assert_eq!(validate_signup(&f), Err(SignupProblem::VillageMissing));
        let mut f = form();
        f.password = "12345".into();
        assert_eq!(validate_signup(&f), Err(SignupProblem::PasswordTooShort));
    }
}
