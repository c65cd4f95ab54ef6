use crate::error::Input;
use crate::error::{FieldError, Problem};

/// An email address, trimmed and lower-cased so that sign-in is case-insensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: u32 = 254;

    pub fn parse(input: &str) -> Result<Email, FieldError> {
        // ASCII case folding only: addresses in use here are ASCII, and full Unicode case
        // tables would cost the browser bundle more than they are worth.
        let s = input.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(FieldError::new(Input::Email, Problem::Required));
        }
        if s.chars().count() > Self::MAX_LEN as usize {
            return Err(FieldError::new(
                Input::Email,
                Problem::TooLong { max: Self::MAX_LEN },
            ));
        }
        // One '@', something on both sides, a dot in the domain, no spaces. Deliverability is
        // proven by the invitation link, not by a pattern.
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if valid {
            Ok(Email(s))
        } else {
            Err(FieldError::new(Input::Email, Problem::NotAnEmail))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed at sign-in: only non-empty and bounded (argon2 on megabytes is a DoS).
#[derive(Clone)]
pub struct PasswordAttempt(String);

impl PasswordAttempt {
    pub const MAX_LEN: u32 = 256;

    pub fn parse(input: &str) -> Result<PasswordAttempt, FieldError> {
        if input.is_empty() {
            return Err(FieldError::new(Input::Password, Problem::Required));
        }
        if input.chars().count() > Self::MAX_LEN as usize {
            return Err(FieldError::new(
                Input::Password,
                Problem::TooLong { max: Self::MAX_LEN },
            ));
        }
        Ok(PasswordAttempt(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordAttempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordAttempt(…)")
    }
}

/// A new password chosen for an account: at least 10 characters (NIST 800-63B allows 8; the
/// regency's admins asked for a little more), at most 256.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_LEN: u32 = 10;

    pub fn parse(input: &str) -> Result<NewPassword, FieldError> {
        let n = input.chars().count();
        if n == 0 {
            return Err(FieldError::new(Input::Password, Problem::Required));
        }
        if n < Self::MIN_LEN as usize {
            return Err(FieldError::new(
                Input::Password,
                Problem::TooShort { min: Self::MIN_LEN },
            ));
        }
        if n > PasswordAttempt::MAX_LEN as usize {
            return Err(FieldError::new(
                Input::Password,
                Problem::TooLong {
                    max: PasswordAttempt::MAX_LEN,
                },
            ));
        }
        Ok(NewPassword(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

/// A person's display name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_LEN: u32 = 120;

    pub fn parse(input: &str) -> Result<PersonName, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::new(Input::Name, Problem::Required));
        }
        if s.chars().count() > Self::MAX_LEN as usize {
            return Err(FieldError::new(
                Input::Name,
                Problem::TooLong { max: Self::MAX_LEN },
            ));
        }
        Ok(PersonName(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised() {
        let e = Email::parse("  Kepala.Dukcapil@Inovasi.TEST ").expect("valid");
        assert_eq!(e.as_str(), "kepala.dukcapil@inovasi.test");
    }

    #[test]
    fn email_rejects_what_cannot_be_an_address() {
        for bad in [
            "", "no-at", "a@b", "a@@b.c", "a b@c.d", "@b.c", "a@.b", "a@b.",
        ] {
            let err = Email::parse(bad).expect_err(bad);
            assert_eq!(err.field, "email");
        }
        assert_eq!(
            Email::parse("").expect_err("empty").problem,
            Problem::Required
        );
    }

    #[test]
    fn passwords_are_bounded() {
        assert!(PasswordAttempt::parse("").is_err());
        assert!(PasswordAttempt::parse(&"x".repeat(257)).is_err());
        assert!(PasswordAttempt::parse("x").is_ok());
        assert_eq!(
            NewPassword::parse("short").expect_err("short").problem,
            Problem::TooShort { min: 10 }
        );
        assert!(NewPassword::parse("long enough pass").is_ok());
    }

    #[test]
    fn debug_never_shows_a_password() {
        let p = PasswordAttempt::parse("rahasia-sekali").expect("valid");
        assert!(!format!("{p:?}").contains("rahasia"));
    }
}
