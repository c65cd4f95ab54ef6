//! Notifications: what happened that a person should know, told in the app (the bell in the
//! header and `/notifications`).

use serde::{Deserialize, Serialize};

use super::fill;
use crate::i18n::{format_day, iso_clock, Lang, PageKey};
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
    /// The organisers set or moved the proposal's presentation slot (`slot`), or took it off
    /// the day's schedule (none).
    Scheduled {
        proposal_id: String,
        title: String,
        slot: Option<ScheduledSlot>,
    },
    /// The results are published: what the proposal became, and the judges' feedback.
    ResultsPublished { proposal_id: String, title: String },
    /// The organisers reopened a sheet the judge had handed in, saying why.
    SheetReopened {
        proposal_id: String,
        title: String,
        reason: String,
    },
    /// The organisers reopened a visit report the judge had handed in, saying why.
    VisitReopened {
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
    /// A message from the organisers (their broadcast), as written for this person: both
    /// languages with the placeholders filled in. `judge`: sent to judges, so it links to their
    /// home (else the agency's).
    Broadcast {
        broadcast_id: i64,
        text_id: String,
        text_en: String,
        judge: bool,
    },
}

/// Where and when a finalist presents, as its agency is told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduledSlot {
    pub room: String,
    pub starts_at: i64,
    pub present_minutes: i64,
    pub question_minutes: i64,
}

/// The kinds the people of an agency receive, in the order their preferences list them.
const AGENCY_KINDS: [&str; 10] = [
    "awaiting_approval",
    "returned_to_draft",
    "submitted",
    "screened",
    "sent_back",
    "deadline_extended",
    "deadline_near",
    "scheduled",
    "results_published",
    "broadcast",
];

/// The kinds a judge receives.
const JUDGE_KINDS: [&str; 6] = [
    "assigned",
    "unassigned",
    "sheet_reopened",
    "visit_reopened",
    "sheets_open",
    "broadcast",
];

/// The kinds a person of `role` can receive (their preferences list these).
pub fn notice_kinds_for(role: Role) -> &'static [&'static str] {
    match role {
        Role::AgencyHead | Role::AgencyMember => &AGENCY_KINDS,
        Role::Judge => &JUDGE_KINDS,
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
        "scheduled" => PageKey::KindScheduled,
        "assigned" => PageKey::KindAssigned,
        "unassigned" => PageKey::KindUnassigned,
        "broadcast" => PageKey::KindBroadcast,
        "visit_reopened" => PageKey::KindVisitReopened,
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
            Notice::Scheduled { .. } => "scheduled",
            Notice::ResultsPublished { .. } => "results_published",
            Notice::SheetReopened { .. } => "sheet_reopened",
            Notice::VisitReopened { .. } => "visit_reopened",
            Notice::Assigned { .. } => "assigned",
            Notice::Unassigned { .. } => "unassigned",
            Notice::SheetsOpen { .. } => "sheets_open",
            Notice::Broadcast { .. } => "broadcast",
        }
    }

    /// What happened, as one sentence in `lang`, in the default words.
    pub fn sentence(&self, lang: Lang) -> String {
        self.sentence_in(lang, &NoticeWording::default())
    }

    /// What happened, as one sentence in `lang` (the page's line, the e-mail's body, the
    /// gateway's text), in the words the admins set for its kind (`wording`) or the default.
    /// The values are filled in one pass, so a title holding `{note}` stays as typed.
    pub fn sentence_in(&self, lang: Lang, wording: &NoticeWording) -> String {
        let Some((template, key)) = self.template() else {
            // The organisers wrote it; an English reader gets the Indonesian when they wrote
            // no English.
            return match self {
                Notice::Broadcast {
                    text_id, text_en, ..
                } if lang == Lang::En && !text_en.trim().is_empty() => text_en.clone(),
                Notice::Broadcast { text_id, .. } => text_id.clone(),
                _ => String::new(),
            };
        };
        let words = wording
            .get(template, lang)
            .unwrap_or_else(|| key.text(lang));
        fill(words, |name| self.value(name, lang))
    }

    /// The value of placeholder `name` for this notice, in `lang`.
    fn value(&self, name: &str, lang: Lang) -> Option<String> {
        let day = |ms: i64| format_day(ms, lang);
        if let Notice::Scheduled {
            slot: Some(slot), ..
        } = self
        {
            match name {
                "room" => return Some(slot.room.clone()),
                "time" => return Some(iso_clock(slot.starts_at)),
                "present" => return Some(slot.present_minutes.to_string()),
                "questions" => return Some(slot.question_minutes.to_string()),
                _ => {}
            }
        }
        let (title, text, day_ms, n, count) = match self {
            Notice::AwaitingApproval { title, .. }
            | Notice::Submitted { title, .. }
            | Notice::ResultsPublished { title, .. }
            | Notice::Unassigned { title, .. } => (Some(title), None, None, None, None),
            Notice::ReturnedToDraft { title, note, .. } => {
                (Some(title), Some(note), None, None, None)
            }
            Notice::Screened { title, reason, .. }
            | Notice::SheetReopened { title, reason, .. }
            | Notice::VisitReopened { title, reason, .. } => {
                (Some(title), Some(reason), None, None, None)
            }
            Notice::SentBack { title, fix_by, .. } => {
                (Some(title), None, Some(*fix_by), None, None)
            }
            Notice::Scheduled { title, slot, .. } => (
                Some(title),
                None,
                slot.as_ref().map(|s| s.starts_at),
                None,
                None,
            ),
            Notice::DeadlineExtended {
                deadline_at,
                reason,
            } => (None, Some(reason), Some(*deadline_at), None, None),
            Notice::DeadlineNear { deadline_at, days } => {
                (None, None, Some(*deadline_at), Some(*days), None)
            }
            Notice::Assigned { count } => (None, None, None, Some(*count), None),
            Notice::SheetsOpen {
                count,
                ends_at,
                days,
            } => (None, None, Some(*ends_at), Some(*days), Some(*count)),
            Notice::Broadcast { .. } => (None, None, None, None, None),
        };
        match name {
            // A proposal not yet titled is named as the agency's list names it.
            "title" => title.map(|t| {
                if t.trim().is_empty() {
                    PageKey::Untitled.text(lang).to_string()
                } else {
                    t.clone()
                }
            }),
            "note" | "reason" => text.cloned(),
            "day" => day_ms.map(day),
            "n" => n.map(|n| n.to_string()),
            "count" => count.map(|c| c.to_string()),
            _ => None,
        }
    }

    /// The template its words come from, and their default: none for a broadcast (the
    /// organisers write it).
    pub fn template(&self) -> Option<(&'static str, PageKey)> {
        Some(match self {
            Notice::Screened { passed: true, .. } => ("screened_in", PageKey::NoticeScreenedIn),
            Notice::Screened { passed: false, .. } => ("screened_out", PageKey::NoticeScreenedOut),
            Notice::Scheduled { slot: Some(_), .. } => ("scheduled", PageKey::NoticeScheduled),
            Notice::Scheduled { slot: None, .. } => ("unscheduled", PageKey::NoticeUnscheduled),
            Notice::Broadcast { .. } => return None,
            other => {
                let kind = other.kind();
                let (_, key) = NOTICE_TEMPLATES.iter().find(|(k, _)| *k == kind)?;
                (kind, *key)
            }
        })
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
            // The agency's home shows its finalists' room, time and minutes.
            Notice::DeadlineExtended { .. }
            | Notice::DeadlineNear { .. }
            | Notice::Scheduled { .. } => routes::AGENCY.to_string(),
            Notice::ResultsPublished { proposal_id, .. } => routes::agency_feedback(proposal_id),
            // The visit report is on the finalist's scoring page.
            Notice::SheetReopened { proposal_id, .. }
            | Notice::VisitReopened { proposal_id, .. } => routes::judge_sheet(proposal_id),
            Notice::Assigned { .. } | Notice::Unassigned { .. } | Notice::SheetsOpen { .. } => {
                routes::JUDGE.to_string()
            }
            Notice::Broadcast { judge: true, .. } => routes::JUDGE.to_string(),
            Notice::Broadcast { judge: false, .. } => routes::AGENCY.to_string(),
        }
    }
}

/// The notices whose words an admin may change (`/admin/templates`), each with its default.
/// Screening has two: passed and failed.
pub const NOTICE_TEMPLATES: [(&str, PageKey); 16] = [
    ("awaiting_approval", PageKey::NoticeAwaitingApproval),
    ("returned_to_draft", PageKey::NoticeReturnedToDraft),
    ("submitted", PageKey::NoticeSubmitted),
    ("screened_in", PageKey::NoticeScreenedIn),
    ("screened_out", PageKey::NoticeScreenedOut),
    ("sent_back", PageKey::NoticeSentBack),
    ("deadline_extended", PageKey::NoticeDeadlineExtended),
    ("deadline_near", PageKey::NoticeDeadlineNear),
    ("scheduled", PageKey::NoticeScheduled),
    ("unscheduled", PageKey::NoticeUnscheduled),
    ("results_published", PageKey::NoticeResultsPublished),
    ("assigned", PageKey::NoticeAssigned),
    ("unassigned", PageKey::NoticeUnassigned),
    ("sheet_reopened", PageKey::NoticeSheetReopened),
    ("visit_reopened", PageKey::NoticeVisitReopened),
    ("sheets_open", PageKey::NoticeSheetsOpen),
];

/// The words admins changed, per template and language (`"screened_in.en"` → text). Empty:
/// every notice in its default words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NoticeWording(pub std::collections::BTreeMap<String, String>);

impl NoticeWording {
    pub fn slot(template: &str, lang: Lang) -> String {
        format!("{template}.{}", lang.code())
    }

    pub fn get(&self, template: &str, lang: Lang) -> Option<&str> {
        self.0.get(&Self::slot(template, lang)).map(String::as_str)
    }
}

/// A notice of template `template` with example values, for the templates page's preview.
pub fn sample_notice(template: &str, day: i64) -> Option<Notice> {
    let p = || "contoh".to_string();
    let t = || "Posyandu Digital Ibu Hamil (PODIUM)".to_string();
    let why = || "Latar belakang perlu dilengkapi.".to_string();
    Some(match template {
        "awaiting_approval" => Notice::AwaitingApproval {
            proposal_id: p(),
            title: t(),
        },
        "returned_to_draft" => Notice::ReturnedToDraft {
            proposal_id: p(),
            title: t(),
            note: why(),
        },
        "submitted" => Notice::Submitted {
            proposal_id: p(),
            title: t(),
        },
        "screened_in" | "screened_out" => Notice::Screened {
            proposal_id: p(),
            title: t(),
            passed: template == "screened_in",
            reason: why(),
        },
        "sent_back" => Notice::SentBack {
            proposal_id: p(),
            title: t(),
            fix_by: day,
        },
        "deadline_extended" => Notice::DeadlineExtended {
            deadline_at: day,
            reason: why(),
        },
        "deadline_near" => Notice::DeadlineNear {
            deadline_at: day,
            days: 7,
        },
        "scheduled" | "unscheduled" => Notice::Scheduled {
            proposal_id: p(),
            title: t(),
            slot: (template == "scheduled").then(|| ScheduledSlot {
                room: "Ruang Rapat Bupati".into(),
                starts_at: day,
                present_minutes: 15,
                question_minutes: 10,
            }),
        },
        "results_published" => Notice::ResultsPublished {
            proposal_id: p(),
            title: t(),
        },
        "assigned" => Notice::Assigned { count: 5 },
        "unassigned" => Notice::Unassigned {
            proposal_id: p(),
            title: t(),
        },
        "sheet_reopened" => Notice::SheetReopened {
            proposal_id: p(),
            title: t(),
            reason: why(),
        },
        "visit_reopened" => Notice::VisitReopened {
            proposal_id: p(),
            title: t(),
            reason: why(),
        },
        "sheets_open" => Notice::SheetsOpen {
            count: 2,
            ends_at: day,
            days: 3,
        },
        _ => return None,
    })
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
    /// Their WhatsApp number (digits with the country code), for the organisers' broadcast.
    pub phone: Option<String>,
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
    /// To the messaging gateway (the webhook) rather than by e-mail.
    pub webhook: bool,
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
    /// Whether notifications also go to a messaging gateway (`INOVASI_WEBHOOK_URL`).
    pub webhook_configured: bool,
    /// Per status, in `MailStatus::ALL` order.
    pub counts: Vec<(MailStatus, i64)>,
    pub items: Vec<OutboxItem>,
    /// The words admins set for notices, to say each in.
    pub wording: NoticeWording,
}

/// One template on `/admin/templates`: its default words, what the admins set, and the example
/// notice said in the words that apply now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticeTemplate {
    pub template: String,
    /// The kind of notice it words (its label on the page).
    pub kind: String,
    pub default_id: String,
    pub default_en: String,
    /// The admins' words, when set.
    pub text_id: Option<String>,
    pub text_en: Option<String>,
    /// The placeholders it may use (those of its default).
    pub placeholders: Vec<String>,
    pub preview_id: String,
    pub preview_en: String,
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
    /// The words admins set for notices, to say each in.
    pub wording: NoticeWording,
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
            Notice::Scheduled {
                proposal_id: p(),
                title: t(),
                slot: Some(ScheduledSlot {
                    room: t(),
                    starts_at: 0,
                    present_minutes: 15,
                    question_minutes: 10,
                }),
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
            Notice::VisitReopened {
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
            Notice::Broadcast {
                broadcast_id: 1,
                text_id: t(),
                text_en: String::new(),
                judge: true,
            },
        ]
    }

    #[test]
    fn every_kind_has_its_audience_and_its_words() {
        let agency = notice_kinds_for(Role::AgencyMember);
        let judge = notice_kinds_for(Role::Judge);
        for notice in one_of_each() {
            let kind = notice.kind();
            // Listed for its audience, so someone can choose how to get it: the organisers'
            // broadcast goes to both, everything else to one.
            if kind == "broadcast" {
                assert!(agency.contains(&kind) && judge.contains(&kind));
            } else {
                assert!(agency.contains(&kind) ^ judge.contains(&kind), "{kind}");
            }
            for lang in [Lang::Id, Lang::En] {
                let sentence = notice.sentence(lang);
                assert!(!sentence.contains('{'), "{kind} {lang:?}: {sentence}");
                assert!(!notice_kind_label(kind).text(lang).is_empty());
            }
            assert!(notice.link().starts_with('/'));
        }
        let kinds: std::collections::BTreeSet<&str> = agency.iter().chain(judge).copied().collect();
        assert_eq!(one_of_each().len(), kinds.len());
        assert!(notice_kinds_for(Role::Admin).is_empty());
    }

    #[test]
    fn every_template_has_a_sample_and_admins_words_replace_the_default() {
        for (template, key) in NOTICE_TEMPLATES {
            let notice = sample_notice(template, 0).expect(template);
            assert_eq!(notice.template(), Some((template, key)));
            for lang in [Lang::Id, Lang::En] {
                assert!(!notice.sentence(lang).contains('{'), "{template} {lang:?}");
            }
        }
        let mut wording = NoticeWording::default();
        wording.0.insert(
            NoticeWording::slot("screened_out", Lang::Id),
            "Maaf, «{title}» belum lolos: {reason}".into(),
        );
        let out = Notice::Screened {
            proposal_id: "p".into(),
            title: "Judul {reason}".into(),
            passed: false,
            reason: "kurang bukti".into(),
        };
        assert_eq!(
            out.sentence_in(Lang::Id, &wording),
            "Maaf, «Judul {reason}» belum lolos: kurang bukti"
        );
        // English keeps its default; a passed screening is another template.
        assert_eq!(out.sentence_in(Lang::En, &wording), out.sentence(Lang::En));
        let passed = Notice::Screened {
            proposal_id: "p".into(),
            title: "Judul".into(),
            passed: true,
            reason: String::new(),
        };
        assert_eq!(
            passed.sentence_in(Lang::Id, &wording),
            passed.sentence(Lang::Id)
        );
    }
}
