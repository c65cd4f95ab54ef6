//! Notifications: what happened that a person should know, told in the app (the bell in the
//! header and `/notifications`).

use serde::{Deserialize, Serialize};

use crate::i18n::{format_day, Lang, PageKey};
use crate::models::Role;
use crate::routes;

/// What happened, with what the sentence names. Stored as JSON beside its kind; the page says
/// it in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A member asks the head to approve and hand the proposal in.
    AwaitingApproval { proposal_id: String, title: String },
    /// The head sent the proposal back to its writers, saying what to change.
    ReturnedToDraft {
        proposal_id: String,
        title: String,
        note: String,
    },
    /// The head handed the proposal in to the competition.
    Submitted { proposal_id: String, title: String },
    /// Screening passed or failed the proposal, with the organisers' reason.
    Screened {
        proposal_id: String,
        title: String,
        passed: bool,
        reason: String,
    },
    /// The organisers sent the proposal back to be fixed by the end of `fix_by`.
    SentBack {
        proposal_id: String,
        title: String,
        fix_by: i64,
    },
    /// The organisers extended the agency's deadline.
    DeadlineExtended { deadline_at: i64, reason: String },
    /// The agency's deadline is `days` away and it has handed in nothing yet.
    DeadlineNear { deadline_at: i64, days: i64 },
    /// The results are published: what the proposal became, and the judges' feedback.
    ResultsPublished { proposal_id: String, title: String },
    /// The organisers reopened a sheet the judge had handed in, saying why.
    SheetReopened {
        proposal_id: String,
        title: String,
        reason: String,
    },
    /// The organisers gave the judge proposals to score (`count` of them at once).
    Assigned { count: i64 },
    /// The organisers took a proposal off the judge's list.
    Unassigned { proposal_id: String, title: String },
    /// Judging closes in `days` and `count` of the judge's sheets are not handed in.
    SheetsOpen { count: i64, ends_at: i64, days: i64 },
}

/// Every kind of notice, in the order the preferences list them.
pub const NOTICE_KINDS: [&str; 12] = [
    "awaiting_approval",
    "returned_to_draft",
    "submitted",
    "screened",
    "sent_back",
    "deadline_extended",
    "deadline_near",
    "results_published",
    "assigned",
    "unassigned",
    "sheet_reopened",
    "sheets_open",
];

/// The kinds a person of `role` can receive (their preferences list these).
pub fn notice_kinds_for(role: Role) -> &'static [&'static str] {
    match role {
        Role::AgencyHead | Role::AgencyMember => &NOTICE_KINDS[..8],
        Role::Judge => &NOTICE_KINDS[8..],
        Role::Admin => &[],
    }
}

/// A notice nobody may turn off e-mail for: a change of the deadline decides whether an agency
/// can still take part.
pub fn notice_is_mandatory(kind: &str) -> bool {
    kind == "deadline_extended"
}

/// The kind's name as the preferences show it.
pub fn notice_kind_label(kind: &str) -> PageKey {
    match kind {
        "awaiting_approval" => PageKey::KindAwaitingApproval,
        "returned_to_draft" => PageKey::KindReturnedToDraft,
        "submitted" => PageKey::KindSubmitted,
        "screened" => PageKey::KindScreened,
        "sent_back" => PageKey::KindSentBack,
        "deadline_extended" => PageKey::KindDeadlineExtended,
        "deadline_near" => PageKey::KindDeadlineNear,
        "sheets_open" => PageKey::KindSheetsOpen,
        "results_published" => PageKey::KindResultsPublished,
        "assigned" => PageKey::KindAssigned,
        "unassigned" => PageKey::KindUnassigned,
        _ => PageKey::KindSheetReopened,
    }
}

impl Notice {
    /// The kind's name (`notifications.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::AwaitingApproval { .. } => "awaiting_approval",
            Notice::ReturnedToDraft { .. } => "returned_to_draft",
            Notice::Submitted { .. } => "submitted",
            Notice::Screened { .. } => "screened",
            Notice::SentBack { .. } => "sent_back",
            Notice::DeadlineExtended { .. } => "deadline_extended",
            Notice::DeadlineNear { .. } => "deadline_near",
            Notice::ResultsPublished { .. } => "results_published",
            Notice::SheetReopened { .. } => "sheet_reopened",
            Notice::Assigned { .. } => "assigned",
            Notice::Unassigned { .. } => "unassigned",
            Notice::SheetsOpen { .. } => "sheets_open",
        }
    }

    /// What happened, as one sentence in `lang` (the page's line and the e-mail's body).
    pub fn sentence(&self, lang: Lang) -> String {
        // A proposal not yet titled is named as the agency's list names it.
        let text = |key: PageKey, title: &str| {
            let title = if title.trim().is_empty() {
                PageKey::Untitled.text(lang)
            } else {
                title
            };
            key.text(lang).replace("{title}", title)
        };
        match self {
            Notice::AwaitingApproval { title, .. } => text(PageKey::NoticeAwaitingApproval, title),
            Notice::ReturnedToDraft { title, note, .. } => {
                text(PageKey::NoticeReturnedToDraft, title).replace("{note}", note)
            }
            Notice::Submitted { title, .. } => text(PageKey::NoticeSubmitted, title),
            Notice::Screened {
                title,
                passed: true,
                ..
            } => text(PageKey::NoticeScreenedIn, title),
            Notice::Screened { title, reason, .. } => {
                text(PageKey::NoticeScreenedOut, title).replace("{reason}", reason)
            }
            Notice::SentBack { title, fix_by, .. } => {
                text(PageKey::NoticeSentBack, title).replace("{day}", &format_day(*fix_by, lang))
            }
            Notice::DeadlineExtended {
                deadline_at,
                reason,
            } => PageKey::NoticeDeadlineExtended
                .text(lang)
                .replace("{day}", &format_day(*deadline_at, lang))
                .replace("{reason}", reason),
            Notice::ResultsPublished { title, .. } => text(PageKey::NoticeResultsPublished, title),
            Notice::SheetReopened { title, reason, .. } => {
                text(PageKey::NoticeSheetReopened, title).replace("{reason}", reason)
            }
            Notice::Assigned { count } => PageKey::NoticeAssigned
                .text(lang)
                .replace("{n}", &count.to_string()),
            Notice::Unassigned { title, .. } => text(PageKey::NoticeUnassigned, title),
            Notice::DeadlineNear { deadline_at, days } => PageKey::NoticeDeadlineNear
                .text(lang)
                .replace("{day}", &format_day(*deadline_at, lang))
                .replace("{n}", &days.to_string()),
            Notice::SheetsOpen {
                count,
                ends_at,
                days,
            } => PageKey::NoticeSheetsOpen
                .text(lang)
                .replace("{day}", &format_day(*ends_at, lang))
                .replace("{n}", &days.to_string())
                .replace("{count}", &count.to_string()),
        }
    }

    /// Where the person acts on it: one of our own pages.
    pub fn link(&self) -> String {
        match self {
            Notice::ReturnedToDraft { proposal_id, .. } | Notice::SentBack { proposal_id, .. } => {
                routes::agency_proposal(proposal_id)
            }
            Notice::AwaitingApproval { proposal_id, .. }
            | Notice::Submitted { proposal_id, .. }
            | Notice::Screened { proposal_id, .. } => routes::proposal(proposal_id),
            Notice::DeadlineExtended { .. } | Notice::DeadlineNear { .. } => {
                routes::AGENCY.to_string()
            }
            Notice::ResultsPublished { proposal_id, .. } => routes::agency_feedback(proposal_id),
            Notice::SheetReopened { proposal_id, .. } => routes::judge_sheet(proposal_id),
            Notice::Assigned { .. } | Notice::Unassigned { .. } | Notice::SheetsOpen { .. } => {
                routes::JUDGE.to_string()
            }
        }
    }
}

/// How a person wants a kind of notice beyond the app itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// An e-mail at once (the default).
    Email,
    /// Gathered into one e-mail a day.
    Digest,
    /// In the app only.
    App,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Email, Delivery::Digest, Delivery::App];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Email => "email",
            Delivery::Digest => "digest",
            Delivery::App => "app",
        }
    }

    pub fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn label(self) -> PageKey {
        match self {
            Delivery::Email => PageKey::DeliveryEmail,
            Delivery::Digest => PageKey::DeliveryDigest,
            Delivery::App => PageKey::DeliveryApp,
        }
    }
}

/// One kind of notice in a person's preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticePref {
    pub kind: String,
    pub delivery: Delivery,
    /// Always e-mailed at once; the choice is not offered.
    pub mandatory: bool,
}

/// The preferences part of `/notifications`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticePrefs {
    pub prefs: Vec<NoticePref>,
    /// The e-mail address they go to.
    pub email: String,
    /// Whether this server sends e-mail at all (an SMTP server is configured).
    pub mail_configured: bool,
}

/// Where an e-mail of the outbox stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    Pending,
    Sending,
    Sent,
    Failed,
    Dropped,
}

impl MailStatus {
    pub const ALL: [MailStatus; 5] = [
        MailStatus::Pending,
        MailStatus::Sending,
        MailStatus::Sent,
        MailStatus::Failed,
        MailStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sending => "sending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
            MailStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<MailStatus> {
        MailStatus::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self) -> PageKey {
        match self {
            MailStatus::Pending => PageKey::MailPending,
            MailStatus::Sending => PageKey::MailSending,
            MailStatus::Sent => PageKey::MailSent,
            MailStatus::Failed => PageKey::MailFailed,
            MailStatus::Dropped => PageKey::MailDropped,
        }
    }
}

/// One e-mail on the organisers' outbox page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: i64,
    pub recipient: String,
    pub email: String,
    pub notice: Notice,
    pub digest: bool,
    pub status: MailStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    /// When it goes (again), for one still pending.
    pub due_at: i64,
    pub sent_at: Option<i64>,
}

/// `/admin/outbox`: how many e-mails stand where, and the newest of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub mail_configured: bool,
    /// Per status, in `MailStatus::ALL` order.
    pub counts: Vec<(MailStatus, i64)>,
    pub items: Vec<OutboxItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: i64,
    pub notice: Notice,
    pub created_at: i64,
    pub read: bool,
}

/// `/notifications`: the newest first, and how many are unread in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<NotificationItem>,
    pub unread: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each() -> Vec<Notice> {
        let p = || "p".to_string();
        let t = || "T".to_string();
        vec![
            Notice::AwaitingApproval {
                proposal_id: p(),
                title: t(),
            },
            Notice::ReturnedToDraft {
                proposal_id: p(),
                title: t(),
                note: t(),
            },
            Notice::Submitted {
                proposal_id: p(),
                title: t(),
            },
            Notice::Screened {
                proposal_id: p(),
                title: t(),
                passed: true,
                reason: t(),
            },
            Notice::SentBack {
                proposal_id: p(),
                title: t(),
                fix_by: 0,
            },
            Notice::DeadlineExtended {
                deadline_at: 0,
                reason: t(),
            },
            Notice::DeadlineNear {
                deadline_at: 0,
                days: 7,
            },
            Notice::ResultsPublished {
                proposal_id: p(),
                title: t(),
            },
            Notice::SheetReopened {
                proposal_id: p(),
                title: t(),
                reason: t(),
            },
            Notice::Assigned { count: 3 },
            Notice::Unassigned {
                proposal_id: p(),
                title: t(),
            },
            Notice::SheetsOpen {
                count: 2,
                ends_at: 0,
                days: 3,
            },
        ]
    }

    #[test]
    fn every_kind_has_its_audience_and_its_words() {
        let agency = notice_kinds_for(Role::AgencyMember);
        let judge = notice_kinds_for(Role::Judge);
        for notice in one_of_each() {
            let kind = notice.kind();
            // Listed for exactly one audience, so someone can choose how to get it.
            assert!(agency.contains(&kind) ^ judge.contains(&kind), "{kind}");
            for lang in [Lang::Id, Lang::En] {
                let sentence = notice.sentence(lang);
                assert!(!sentence.contains('{'), "{kind} {lang:?}: {sentence}");
                assert!(!notice_kind_label(kind).text(lang).is_empty());
            }
            assert!(notice.link().starts_with('/'));
        }
        assert_eq!(one_of_each().len(), NOTICE_KINDS.len());
        assert!(notice_kinds_for(Role::Admin).is_empty());
    }
}
