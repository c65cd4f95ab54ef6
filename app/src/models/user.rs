use crate::routes;
use serde::{Deserialize, Serialize};

/// What a signed-in person may do. Agency heads and members belong to one agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Judge,
    AgencyHead,
    AgencyMember,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Judge,
        Role::AgencyHead,
        Role::AgencyMember,
    ];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Judge => "judge",
            Role::AgencyHead => "agency_head",
            Role::AgencyMember => "agency_member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Heads and members act for exactly one agency.
    pub fn belongs_to_agency(self) -> bool {
        matches!(self, Role::AgencyHead | Role::AgencyMember)
    }

    /// Where this role lands after signing in.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Admin => routes::ADMIN,
            Role::Judge => routes::JUDGE,
            Role::AgencyHead | Role::AgencyMember => routes::AGENCY,
        }
    }
}

/// The signed-in person as the browser may see them (no secrets).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
}

/// A row of the admin's user list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserListItem {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub agency_name: Option<String>,
    pub active: bool,
    /// False until the person has chosen a password through their invitation link.
    pub has_password: bool,
}

/// What a one-time account link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    /// A new account: the person chooses a password and can sign in.
    Invite,
    /// A forgotten password: the person chooses a new one.
    Reset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
        }
    }

    pub fn parse(s: &str) -> Option<LinkPurpose> {
        [LinkPurpose::Invite, LinkPurpose::Reset]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// A link just made for someone, shown once to the admin who made it (to pass on by chat or
/// e-mail); the server keeps only a hash of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssuedLink {
    pub name: String,
    pub email: String,
    pub purpose: LinkPurpose,
    pub url: String,
    /// When the link stops working (ms since the epoch).
    pub expires_at: i64,
    /// Whether the server also e-mailed it: `None` without an SMTP server configured.
    #[serde(default)]
    pub emailed: Option<bool>,
}

/// Whose account a valid link opens, for the page where the password is chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub name: String,
    pub email: String,
    pub purpose: LinkPurpose,
}
