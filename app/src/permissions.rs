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
    /// The server function's endpoint (`server_fn!(SaveDraft)`: from the function's own type), or
    /// a plain route's (`route::…`).
    pub endpoint: &'static str,
    pub access: Access,
    pub phases: Phases,
    pub scope: Scope,
}

/// Server functions are mounted under this prefix.
pub const API_PREFIX: &str = "/api";

/// A server function's endpoint from its own path (`/api/save_draft` → `save_draft`), at compile
/// time: the table names each function by its type, so a misspelt name does not compile.
pub const fn endpoint_of(path: &'static str) -> &'static str {
    let bytes = path.as_bytes();
    let prefix = API_PREFIX.as_bytes();
    assert!(bytes.len() > prefix.len() + 1 && bytes[prefix.len()] == b'/');
    let mut i = 0;
    while i < prefix.len() {
        assert!(bytes[i] == prefix[i], "a server function outside /api");
        i += 1;
    }
    let (_, rest) = bytes.split_at(prefix.len() + 1);
    match std::str::from_utf8(rest) {
        Ok(endpoint) => endpoint,
        Err(_) => panic!("a path is text"),
    }
}

/// The endpoint of the server function `$f` (its type in `crate::api`).
macro_rules! server_fn {
    ($f:ident) => {
        endpoint_of(<crate::api::$f as leptos::server_fn::ServerFn>::PATH)
    };
}

/// The plain routes' endpoints (downloads and exports), named once for the table, the routes'
/// own checks (`authorize_route`) and the tests.
pub mod route {
    pub const DOWNLOAD_ATTACHMENT: &str = "download_attachment";
    pub const EXPORT_COMPLIANCE: &str = "export_compliance";
    pub const EXPORT_AUDIT: &str = "export_audit";
    pub const EXPORT_RESULTS: &str = "export_results";
    pub const EXPORT_RECAP: &str = "export_recap";
    pub const EXPORT_CERTIFICATE: &str = "export_certificate";
    pub const EXPORT_DECREE: &str = "export_decree";
    pub const EXPORT_DOSSIER: &str = "export_dossier";
    pub const EXPORT_COMPENDIUM: &str = "export_compendium";
    pub const EXPORT_GALLERY: &str = "export_gallery";
    pub const CREST: &str = "crest";
    pub const ROOM_EVENTS: &str = "room_events";
    pub const SLIDES: &str = "slides";
    pub const VISIT_PHOTO: &str = "visit_photo";
}

const ADMIN: &[Role] = &[Role::Admin];
const JUDGE: &[Role] = &[Role::Judge];
const AGENCY: &[Role] = &[Role::AgencyHead, Role::AgencyMember];
const ADMIN_OR_JUDGE: &[Role] = &[Role::Admin, Role::Judge];
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
/// The rounds are set before judging starts.
const PLANNING: Phases = Phases::Only(&[Phase::Setup, Phase::SubmissionOpen, Phase::Screening]);

pub const RULES: &[Rule] = &[
    Rule {
        endpoint: server_fn!(Login),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(Logout),
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(FetchCurrentUser),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(SetLanguage),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(FetchPublicOverview),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    // A person's own notifications: the statements touch only the caller's rows.
    Rule {
        endpoint: server_fn!(FetchNotifications),
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(FetchUnreadCount),
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(MarkNotificationsRead),
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(FetchNoticePrefs),
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(SaveNoticePrefs),
        access: Access::SignedIn,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    // The outbox names every recipient and what they were told: organisers only.
    Rule {
        endpoint: server_fn!(FetchOutbox),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(RetryMail),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // The words every notice is said in: admins only.
    Rule {
        endpoint: server_fn!(FetchNoticeTemplates),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveNoticeTemplate),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // A broadcast names its recipients and writes to all of them: organisers only.
    Rule {
        endpoint: server_fn!(ListBroadcasts),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchBroadcast),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveBroadcast),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SendBroadcast),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchAdminOverview),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchCompliance),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: `GET /admin/compliance.csv` (server::http::admin_exports).
    Rule {
        endpoint: route::EXPORT_COMPLIANCE,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchAudit),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: `GET /admin/audit.csv` (server::http::admin_exports).
    Rule {
        endpoint: route::EXPORT_AUDIT,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ListUsers),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SetUserActive),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // A one-time link is the credential: the person has no password yet (or forgot it).
    Rule {
        endpoint: server_fn!(FetchAccountLink),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    // A one-time link is the credential: the person has no password yet (or forgot it).
    Rule {
        endpoint: server_fn!(SetPasswordWithLink),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(ListAgencies),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchAgency),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(AddAgency),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(UpdateAgency),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SetAgencyActive),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ImportAgencies),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(InviteUser),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(IssueResetLink),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(TakeIssuedLink),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(CreateYear),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchFormBuilder),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveForm),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Which section of the province's outline each question fills: it changes no answer, so
    // it stays open after the form is fixed (the nomination comes at the end of the year).
    Rule {
        endpoint: server_fn!(SaveOutlineTags),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchFormPreview),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchJudgeOverview),
        access: Access::Roles(JUDGE),
        phases: Phases::Any,
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: server_fn!(FetchScoring),
        access: Access::Roles(JUDGE),
        phases: Phases::Any,
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: server_fn!(SaveScoreSheet),
        access: Access::Roles(JUDGE),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: server_fn!(DeclareConflict),
        access: Access::Roles(JUDGE),
        phases: Phases::Only(&[Phase::Screening, Phase::Judging]),
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: server_fn!(FetchJudgingOverview),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ReopenScoreSheet),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchYearSetup),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(MovePhase),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveYearSettings),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SavePhaseDates),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(GrantExtension),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(RevokeExtension),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchRounds),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ApplyRoundPreset),
        access: Access::Roles(ADMIN),
        phases: PLANNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveRoundRules),
        access: Access::Roles(ADMIN),
        phases: PLANNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveRoundCombination),
        access: Access::Roles(ADMIN),
        phases: PLANNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchSchedule),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(AddScheduleRoom),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(RemoveScheduleRoom),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveSchedule),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    // The room board: the organisers drive it while the presentation round is judged; the
    // judges who sit in a room watch it (the room's own check, presentation/room.rs).
    Rule {
        endpoint: server_fn!(FetchRoomBoard),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ControlRoom),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    // An agency uploads its finalists' slides while the presentation round is judged (the
    // finalist's own check, presentation/slides.rs).
    Rule {
        endpoint: server_fn!(UploadSlides),
        access: Access::Roles(AGENCY),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::OwnAgency,
    },
    // Field verification: a judge writes the report of a visit and sends its photos while the
    // field round is judged (their own assignment in a field round, visits/); the organisers
    // write a field round's checklist until its first report (visits/claims.rs), and open a
    // handed-in report again while the round is judged (visits/reopen.rs).
    Rule {
        endpoint: server_fn!(SaveVisit),
        access: Access::Roles(JUDGE),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: server_fn!(UploadVisitPhoto),
        access: Access::Roles(JUDGE),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::AssignedProposals,
    },
    Rule {
        endpoint: server_fn!(SaveVisitClaims),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ReopenVisit),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchJudgeRoom),
        access: Access::Roles(JUDGE),
        phases: Phases::Any,
        scope: Scope::Own,
    },
    Rule {
        endpoint: server_fn!(FillSchedule),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Judging]),
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchCriteria),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveCriteria),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ApplyCriteriaPreset),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(AddCategory),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(RemoveCategory),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchScreening),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(ScreenProposal),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Screening]),
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchScreeningDetail),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveScreeningChecks),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Screening]),
        scope: Scope::All,
    },
    // What to fix in a sent-back proposal: its own agency only.
    Rule {
        endpoint: server_fn!(FetchFixRequest),
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(FetchAssignmentBoard),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Assignments are made once screening has passed proposals, and mended during judging.
    Rule {
        endpoint: server_fn!(CommitAssignment),
        access: Access::Roles(ADMIN),
        phases: ASSIGNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(AssignJudge),
        access: Access::Roles(ADMIN),
        phases: ASSIGNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(UnassignJudge),
        access: Access::Roles(ADMIN),
        phases: ASSIGNING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SetJudgePool),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchAgencyOverview),
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(FetchWizard),
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(SaveDraft),
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(RequestApproval),
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(ApproveAndSubmit),
        access: Access::Roles(HEAD),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(ReturnToDraft),
        access: Access::Roles(HEAD),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(UploadAttachment),
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(DeleteAttachment),
        access: Access::Roles(AGENCY),
        phases: SUBMISSION,
        scope: Scope::OwnAgency,
    },
    // Not a server function: `GET /files/<attachment id>` (server::http::downloads). A judge's scope
    // is the assigned proposals (checked there); an agency's its own.
    Rule {
        endpoint: route::DOWNLOAD_ATTACHMENT,
        access: Access::Roles(READERS),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(FetchProposalPrint),
        access: Access::Roles(ADMIN_OR_AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    Rule {
        endpoint: server_fn!(FetchResults),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchResultDetail),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Deliberation decides; locking (inside) shuts these too.
    Rule {
        endpoint: server_fn!(SaveResultSettings),
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveDecisions),
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(LockResults),
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    // Locking a round that another follows: its deliberation sends proposals on.
    Rule {
        endpoint: server_fn!(AdvanceRound),
        access: Access::Roles(ADMIN),
        phases: DELIBERATING,
        scope: Scope::All,
    },
    // The certificates' signer feeds no ranking: still correctable after locking and publishing.
    Rule {
        endpoint: server_fn!(SaveCertificateSigner),
        access: Access::Roles(ADMIN),
        phases: Phases::Only(&[Phase::Deliberation, Phase::Published]),
        scope: Scope::All,
    },
    // Not server functions: `GET /admin/results.csv|.xlsx`, `/admin/results/berita-acara.pdf`,
    // `/admin/results/piagam/<proposal id>`, `/admin/results/rancangan-sk.pdf`
    // (server::http::result_files).
    Rule {
        endpoint: route::EXPORT_RESULTS,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: route::EXPORT_RECAP,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: route::EXPORT_CERTIFICATE,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // The draft decree: once the results are locked and someone is nominated (checked inside).
    Rule {
        endpoint: route::EXPORT_DECREE,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // The nomination dossiers (`/admin/nominasi/semua.zip`, `/admin/nominasi/berkas/<id>`):
    // once the results are locked (checked inside). The page shows the gaps before that.
    Rule {
        endpoint: route::EXPORT_DOSSIER,
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchNomination),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // The compendium: anyone, for published years (checked inside); the organisers also the
    // current year once its results are locked. `GET /kompendium.pdf` likewise.
    Rule {
        endpoint: server_fn!(FetchCompendium),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: route::EXPORT_COMPENDIUM,
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchCompendiumSettings),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // The foreword and the selection change no result: open in any phase.
    Rule {
        endpoint: server_fn!(SaveCompendium),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Published years only (checked inside); another agency's proposal is "not found".
    Rule {
        endpoint: server_fn!(FetchFeedback),
        access: Access::Roles(AGENCY),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    // The public gallery shows published years only (checked inside).
    Rule {
        endpoint: server_fn!(FetchGallery),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(FetchGalleryItem),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(RecordInterest),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: the open data, `GET /galeri.json` and `/galeri.csv`.
    Rule {
        endpoint: route::EXPORT_GALLERY,
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    // The regency's identity on its documents: set once, changed whenever the regency changes.
    Rule {
        endpoint: server_fn!(FetchIdentity),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(SaveIdentity),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(UploadCrest),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Not a server function: `GET /lambang.png`, the crest as the documents print it (public
    // like the documents; the verification page shows it).
    Rule {
        endpoint: route::CREST,
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Slides: the organisers, the agency itself, and the judges of the room it presents in
    // (the route's own check).
    Rule {
        endpoint: route::SLIDES,
        access: Access::Roles(READERS),
        phases: Phases::Any,
        scope: Scope::OwnAgency,
    },
    // A visit's photo: the organisers, and the judge who took it (the route's own check).
    Rule {
        endpoint: route::VISIT_PHOTO,
        access: Access::Roles(ADMIN_OR_JUDGE),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // A room's live stream: the organisers, and the judges who sit in the room.
    Rule {
        endpoint: route::ROOM_EVENTS,
        access: Access::Roles(ADMIN_OR_JUDGE),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Certificates exist once results are locked (issued on download); a withdrawal stays
    // possible in any later phase, the year archived included.
    Rule {
        endpoint: server_fn!(FetchCertificates),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    Rule {
        endpoint: server_fn!(WithdrawCertificate),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Erasure of a withdrawn certificate, e.g. one issued to the wrong agency.
    Rule {
        endpoint: server_fn!(PurgeCertificate),
        access: Access::Roles(ADMIN),
        phases: Phases::Any,
        scope: Scope::All,
    },
    // Anyone holding a printed certificate: read-only, and a code nobody has is answered like
    // any other unknown one.
    Rule {
        endpoint: server_fn!(FetchVerification),
        access: Access::Public,
        phases: Phases::Any,
        scope: Scope::All,
    },
];

/// Server functions that take a multipart body (file uploads). The layer checks the body's
/// boundary before the function's decoder sees it (that decoder panics on a malformed one).
pub const MULTIPART_ENDPOINTS: &[&str] = &[
    server_fn!(UploadAttachment),
    server_fn!(ImportAgencies),
    server_fn!(UploadCrest),
    server_fn!(UploadSlides),
    server_fn!(UploadVisitPhoto),
];

/// Rules for plain routes rather than server functions (downloads).
pub const ROUTE_ENDPOINTS: &[&str] = &[
    route::DOWNLOAD_ATTACHMENT,
    route::EXPORT_COMPLIANCE,
    route::EXPORT_AUDIT,
    route::EXPORT_RESULTS,
    route::EXPORT_RECAP,
    route::EXPORT_CERTIFICATE,
    route::EXPORT_DECREE,
    route::EXPORT_DOSSIER,
    route::EXPORT_COMPENDIUM,
    route::EXPORT_GALLERY,
    route::CREST,
    route::ROOM_EVENTS,
    route::SLIDES,
    route::VISIT_PHOTO,
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
    fn an_endpoint_is_its_path_without_the_prefix() {
        assert_eq!(endpoint_of("/api/save_draft"), "save_draft");
        assert_eq!(server_fn!(SaveDraft), "save_draft");
        assert_eq!(
            rule_for_path("/api/save_draft").map(|r| r.endpoint),
            Some("save_draft")
        );
    }

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
