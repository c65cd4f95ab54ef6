//! The permission table: which role may call which server function, in which phase, and which
//! objects it may touch. Every server function has exactly one rule here, keyed by its endpoint;
//! the server refuses a call to an endpoint without a rule (see `server::http::authz`), and the
//! permission test walks every registered server function against this table.
//!
//! The table is shared with the browser only so the navigation can hide what a role cannot use;
//! hiding is a courtesy, the server's check is the rule.

use crate::models::{Phase, Role};

/// Who may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (sign-in itself, the language switch, the public overview).
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users with one of these roles.
    Roles(&'static [Role]),
}

/// In which phases of the current competition year the call is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phases {
    Any,
    Only(&'static [Phase]),
}

/// Which objects the call may touch once the role is allowed. The function enforces its scope
/// with the matching helper in `server::http::authz` (`Scope::OwnAgency` → `Auth::require_agency`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// No object beyond the caller's own session.
    Own,
    /// Only objects of the caller's agency.
    OwnAgency,
    /// Only proposals assigned to the calling judge (and not conflicted).
    AssignedProposals,
    /// Everything of the competition (admins).
    All,
}

#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The server function's endpoint, as in `#[server(endpoint = "…")]`.
    pub endpoint: &'static str,
    pub access: Access,
    pub phases: Phases,
    pub scope: Scope,
}

/// Server functions are mounted under this prefix.
pub const API_PREFIX: &str = "/api";

const ADMIN: &[Role] = &[Role::Admin];
const JUDGE: &[Role] = &[Role::Judge];
const AGENCY: &[Role] = &[Role::AgencyHead, Role::AgencyMember];
const HEAD: &[Role] = &[Role::AgencyHead];
const ADMIN_OR_AGENCY: &[Role] = &[Role::Admin, Role::AgencyHead, Role::AgencyMember];
/// Files are read by their agency, the organisers, and the judges assigned to the proposal.
const READERS: &[Role] = &[
    Role::Admin,
    Role::Judge,
    Role::AgencyHead,
    Role::AgencyMember,
];
/// Drafts change while submission is open; during screening only for an agency with an extension
/// (the deadline check inside decides).
const SUBMISSION: Phases = Phases::Only(&[Phase::SubmissionOpen, Phase::Screening]);

/// The organisers decide and lock the results between judging and publication.
const DELIBERATING: Phases = Phases::Only(&[Phase::Deliberation]);

/// Judges are assigned after screening and reassigned during judging.
const ASSIGNING: Phases = Phases::Only(&[Phase::Screening, Phase::Judging]);

pub const RULES: &[Rule] = &[
    Rule {
        endpoint: "login",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: "logout",
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: "fetch_current_user",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: "set_language",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: "fetch_public_overview",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_admin_overview",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_compliance",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: `GET /admin/compliance.csv` (server::http::admin_exports).
    Rule {
        endpoint: "export_compliance",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_audit",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: `GET /admin/audit.csv` (server::http::admin_exports).
    Rule {
        endpoint: "export_audit",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "list_users",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "set_user_active",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // A one-time link is the credential: the person has no password yet (or forgot it).
    Rule {
        endpoint: "fetch_account_link",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    // A one-time link is the credential: the person has no password yet (or forgot it).
    Rule {
        endpoint: "set_password_with_link",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: "list_agencies",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_agency",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "add_agency",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "update_agency",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "set_agency_active",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "import_agencies",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "invite_user",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "issue_reset_link",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "take_issued_link",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "create_year",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_form_builder",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "save_form",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_form_preview",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_judge_overview",
        access: Access::Roles(JUDGE),
        phases: Phases::Any,
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: "fetch_scoring",
        access: Access::Roles(JUDGE),
        phases: Phases::Any,
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: "save_score_sheet",
        access: Access::Roles(JUDGE),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: "declare_conflict",
        access: Access::Roles(JUDGE),
        phases: Phases::Only(&[Phase::Screening, Phase::Judging]),
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: "fetch_judging_overview",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "reopen_score_sheet",
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_year_setup",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "move_phase",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "save_year_settings",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "save_phase_dates",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "grant_extension",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "revoke_extension",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_criteria",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "save_criteria",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "apply_criteria_preset",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "add_category",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "remove_category",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_screening",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "screen_proposal",
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Screening]),
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_assignment_board",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Assignments are made once screening has passed proposals, and mended during judging.
    Rule {
        endpoint: "commit_assignment",
        access: Access::Roles(ADMIN),
        phases: ASSIGNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: "assign_judge",
        access: Access::Roles(ADMIN),
        phases: ASSIGNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: "unassign_judge",
        access: Access::Roles(ADMIN),
        phases: ASSIGNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: "set_judge_pool",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_agency_overview",
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "fetch_wizard",
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "save_draft",
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "request_approval",
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "approve_and_submit",
        access: Access::Roles(HEAD),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "return_to_draft",
        access: Access::Roles(HEAD),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "upload_attachment",
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "delete_attachment",
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    // Not a server function: `GET /files/<attachment id>` (server::http::downloads). A judge's scope
    // is the assigned proposals (checked there); an agency's its own.
    Rule {
        endpoint: "download_attachment",
        access: Access::Roles(READERS),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "fetch_proposal_print",
        access: Access::Roles(ADMIN_OR_AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: "fetch_results",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_result_detail",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Deliberation decides; locking (inside) shuts these too.
    Rule {
        endpoint: "save_result_settings",
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    Rule {
        endpoint: "save_decisions",
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    Rule {
        endpoint: "lock_results",
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    // The certificates' signer feeds no ranking: still correctable after locking and publishing.
    Rule {
        endpoint: "save_certificate_signer",
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Deliberation, Phase::Published]),
        scope: Scope::All,
    },
    // Not server functions: `GET /admin/results.csv|.xlsx`, `/admin/results/berita-acara.pdf`,
    // `/admin/results/piagam/<proposal id>` (server::http::admin_exports).
    Rule {
        endpoint: "export_results",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "export_recap",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "export_certificate",
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Published years only (checked inside); another agency's proposal is "not found".
    Rule {
        endpoint: "fetch_feedback",
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    // The public gallery shows published years only (checked inside).
    Rule {
        endpoint: "fetch_gallery",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "fetch_gallery_item",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: "record_interest",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: the open data, `GET /galeri.json` and `/galeri.csv`.
    Rule {
        endpoint: "export_gallery",
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
];

/// Server functions that take a multipart body (file uploads). The layer checks the body's
/// boundary before the function's decoder sees it (that decoder panics on a malformed one).
pub const MULTIPART_ENDPOINTS: &[&str] = &["upload_attachment", "import_agencies"];

/// Rules for plain routes rather than server functions (downloads).
pub const ROUTE_ENDPOINTS: &[&str] = &[
    "download_attachment",
    "export_compliance",
    "export_audit",
    "export_results",
    "export_recap",
    "export_certificate",
    "export_gallery",
];

/// The rule for an endpoint name, if there is one.
pub fn rule(endpoint: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.endpoint == endpoint)
}

/// The rule for a request path such as `/api/login`.
pub fn rule_for_path(path: &str) -> Option<&'static Rule> {
    path.strip_prefix(API_PREFIX)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(rule)
}

impl Rule {
    /// Whether a caller with this role (None: anonymous) passes the role part of the rule.
    pub fn admits(&self, role: Option<Role>) -> bool {
        match (self.access, role) {
            (Access::Public, _) => true,
            (Access::SignedIn, Some(_)) => true,
            (Access::Roles(roles), Some(r)) => roles.contains(&r),
            (_, None) => false,
        }
    }

    /// Whether the call is allowed while the current competition year is in `phase`.
    /// With no competition year at all, only phase-independent calls are allowed.
    pub fn allows_phase(&self, phase: Option<Phase>) -> bool {
        match (self.phases, phase) {
            (Phases::Any, _) => true,
            (Phases::Only(list), Some(p)) => list.contains(&p),
            (Phases::Only(_), None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_unique() {
        for (i, a) in RULES.iter().enumerate() {
            for b in &RULES[i + 1..] {
                assert_ne!(a.endpoint, b.endpoint, "two rules for one endpoint");
            }
        }
    }

    #[test]
    fn roles_are_checked() {
        let r = rule("fetch_admin_overview").expect("rule");
        assert!(r.admits(Some(Role::Admin)));
        assert!(!r.admits(Some(Role::Judge)));
        assert!(!r.admits(None));
        let public = rule("login").expect("rule");
        assert!(public.admits(None));
    }

    #[test]
    fn paths_map_to_rules() {
        assert_eq!(
            rule_for_path("/api/login").map(|r| r.endpoint),
            Some("login")
        );
        assert!(rule_for_path("/api/nope").is_none());
        assert!(rule_for_path("/login").is_none());
    }
}
