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
