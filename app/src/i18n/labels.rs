//! The dictionary key for each value of the model's enums.

use super::{Key, PageKey};
use crate::models::{
    AgencyKind, ComplianceLevel, Phase, ProposalStatus, QuestionKind, Role, SheetState,
};

pub fn role(r: Role) -> Key {
    match r {
        Role::Admin => Key::RoleAdmin,
        Role::Judge => Key::RoleJudge,
        Role::AgencyHead => Key::RoleAgencyHead,
        Role::AgencyMember => Key::RoleAgencyMember,
    }
}

pub fn phase(p: Phase) -> Key {
    match p {
        Phase::Setup => Key::PhaseSetup,
        Phase::SubmissionOpen => Key::PhaseSubmissionOpen,
        Phase::Screening => Key::PhaseScreening,
        Phase::Judging => Key::PhaseJudging,
        Phase::Deliberation => Key::PhaseDeliberation,
        Phase::Published => Key::PhasePublished,
        Phase::Archived => Key::PhaseArchived,
    }
}

pub fn status(s: ProposalStatus) -> Key {
    match s {
        ProposalStatus::Draft => Key::StatusDraft,
        ProposalStatus::AwaitingApproval => Key::StatusAwaitingApproval,
        ProposalStatus::Submitted => Key::StatusSubmitted,
        ProposalStatus::ScreenedIn => Key::StatusScreenedIn,
        ProposalStatus::ScreenedOut => Key::StatusScreenedOut,
        ProposalStatus::Scored => Key::StatusScored,
        ProposalStatus::Finalist => Key::StatusFinalist,
        ProposalStatus::Winner => Key::StatusWinner,
        ProposalStatus::NotSelected => Key::StatusNotSelected,
    }
}

pub fn agency_kind(k: AgencyKind) -> Key {
    match k {
        AgencyKind::PerangkatDaerah => Key::KindPerangkatDaerah,
        AgencyKind::Kesehatan => Key::KindKesehatan,
        AgencyKind::Pendidikan => Key::KindPendidikan,
    }
}

pub fn compliance(l: ComplianceLevel) -> Key {
    match l {
        ComplianceLevel::None => Key::LevelNone,
        ComplianceLevel::Draft => Key::StatusDraft,
        ComplianceLevel::AwaitingApproval => Key::StatusAwaitingApproval,
        ComplianceLevel::Submitted => Key::StatusSubmitted,
        ComplianceLevel::PassedScreening => Key::StatusScreenedIn,
    }
}

pub fn sheet(s: SheetState) -> Key {
    match s {
        SheetState::NotStarted => Key::SheetNotStarted,
        SheetState::Draft => Key::SheetDraft,
        SheetState::Submitted => Key::SheetSubmitted,
    }
}

/// A sheet as the results list it while waiting: not started, draft, or reopened.
pub fn sheet_state(s: Option<crate::models::SheetStatus>) -> super::AnyKey {
    use crate::models::SheetStatus;
    match s {
        None => Key::SheetNotStarted.into(),
        Some(SheetStatus::Draft) => Key::SheetDraft.into(),
        Some(SheetStatus::Submitted) => Key::SheetSubmitted.into(),
        Some(SheetStatus::Reopened) => PageKey::SheetReopened.into(),
    }
}

pub fn question_kind(k: QuestionKind) -> PageKey {
    match k {
        QuestionKind::ShortText => PageKey::KindShortText,
        QuestionKind::LongText => PageKey::KindLongText,
        QuestionKind::Number => PageKey::KindNumber,
        QuestionKind::Date => PageKey::KindDate,
        QuestionKind::SingleChoice => PageKey::KindSingleChoice,
        QuestionKind::MultipleChoice => PageKey::KindMultipleChoice,
        QuestionKind::Team => PageKey::KindTeam,
        QuestionKind::Evidence => PageKey::KindEvidence,
    }
}

/// A section of the province's proposal outline, as the KIPP guidelines name it.
pub fn kipp_section(s: crate::models::KippSection) -> PageKey {
    use crate::models::KippSection as K;
    match s {
        K::Summary => PageKey::KippSummary,
        K::Background => PageKey::KippBackground,
        K::Novelty => PageKey::KippNovelty,
        K::Implementation => PageKey::KippImplementation,
        K::Significance => PageKey::KippSignificance,
        K::Adaptability => PageKey::KippAdaptability,
        K::Resources => PageKey::KippResources,
        K::Sustainability => PageKey::KippSustainability,
    }
}

pub fn award(a: crate::models::Award) -> PageKey {
    match a {
        crate::models::Award::Winner => PageKey::AwardWinner,
        crate::models::Award::Finalist => PageKey::AwardFinalist,
    }
}

/// What a certificate says the innovation won: "sebagai Pemenang Kategori Kesehatan".
pub fn award_line(
    award: crate::models::Award,
    category: Option<&str>,
    lang: super::Lang,
) -> String {
    let award = self::award(award).text(lang);
    match category {
        Some(category) => PageKey::CertAwardInCategory
            .text(lang)
            .replace("{award}", award)
            .replace("{category}", category),
        None => PageKey::CertAward.text(lang).replace("{award}", award),
    }
}

/// The words of a round's kind.
pub fn round_kind(kind: crate::models::RoundKind) -> PageKey {
    use crate::models::RoundKind;
    match kind {
        RoundKind::Desk => PageKey::RoundKindDesk,
        RoundKind::Presentation => PageKey::RoundKindPresentation,
        RoundKind::Field => PageKey::RoundKindField,
    }
}

/// How the rounds make one result, in words.
pub fn combination(combination: crate::models::Combination) -> PageKey {
    use crate::models::Combination;
    match combination {
        Combination::LastDecides => PageKey::CombinationLastDecides,
        Combination::Weights => PageKey::CombinationWeights,
    }
}

/// Who a rule sends on, in words: "the best 10", "a score of 85 or more".
pub fn rule_text(
    rule: crate::models::AdvanceRule,
    value: Option<f64>,
    lang: super::Lang,
) -> String {
    use crate::models::AdvanceRule;
    let n = |v: Option<f64>| match (rule, v) {
        (AdvanceRule::PassMark, Some(v)) => super::two_decimals(v, lang),
        (_, Some(v)) => format!("{v:.0}"),
        (_, None) => "–".to_string(),
    };
    let key = match rule {
        AdvanceRule::TopN => PageKey::RuleTopN,
        AdvanceRule::TopNPerCategory => PageKey::RuleTopNPerCategory,
        AdvanceRule::PassMark => PageKey::RulePassMark,
        AdvanceRule::Choice => PageKey::RuleChoice,
    };
    key.text(lang).replace("{n}", &n(value))
}
