use serde::{Deserialize, Serialize};

/// The three kinds of institution the regency invites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A regional government agency (perangkat daerah / OPD).
    PerangkatDaerah,
    /// Health institutions: puskesmas, RSUD.
    Kesehatan,
    /// Schools.
    Pendidikan,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 3] = [
        AgencyKind::PerangkatDaerah,
        AgencyKind::Kesehatan,
        AgencyKind::Pendidikan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::PerangkatDaerah => "perangkat_daerah",
            AgencyKind::Kesehatan => "kesehatan",
            AgencyKind::Pendidikan => "pendidikan",
        }
    }

    pub fn parse(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A row of the admin's agency list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyRow {
    pub id: i64,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: AgencyKind,
    pub head_name: Option<String>,
    pub active: bool,
    /// Accounts that belong to the agency.
    pub people: i64,
}

/// An agency as the admin's form (or one CSV row) gives it, before validation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgencyDraft {
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    pub kind: String,
    #[serde(default)]
    pub head_name: String,
}

/// A validated agency, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyInput {
    pub name: String,
    pub short_name: Option<String>,
    pub kind: AgencyKind,
    pub head_name: Option<String>,
}
