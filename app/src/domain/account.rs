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
    let display_name = form.display_name.trim().to_string();
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
