//! One component per route.

mod admin_home;
mod agency_home;
mod assignments;
mod audit;
mod compliance;
mod criteria;
mod judge_home;
mod judging_admin;
mod login;
mod not_found;
mod proposal;
mod public_home;
mod scoring;
mod screening;
mod users;
mod year;

pub use admin_home::AdminHome;
pub use agency_home::AgencyHome;
pub use assignments::AssignmentsPage;
pub use audit::AuditTrailPage;
pub use compliance::CompliancePage;
pub use criteria::CriteriaPage;
pub use judge_home::JudgeHome;
pub use judging_admin::JudgingAdminPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use proposal::{ProposalPage, ProposalViewPage};
pub use public_home::PublicHome;
pub use scoring::ScoringPage;
pub use screening::ScreeningPage;
pub use users::UsersPage;
pub use year::YearPage;
