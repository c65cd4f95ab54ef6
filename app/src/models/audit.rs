//! The audit trail as the admin reads it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    /// JSON of the changed values before and after.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Which events to show; every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// The start of the action, e.g. `proposal.` or `user.deactivate`.
    pub action: Option<String>,
    pub object_kind: Option<String>,
    pub actor_email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub filter: AuditFilter,
    /// Whether the trail's chain of seals is intact, checked when the page is made.
    pub intact: bool,
    pub events: i64,
    /// The newest seal, to write down as an anchor (`None` while the trail is empty).
    pub head: Option<String>,
}
