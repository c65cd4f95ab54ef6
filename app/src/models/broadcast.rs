//! The organisers' broadcast: one message, in both languages, to a group of people picked by
//! role, agency kind, compliance or judging progress; previewed person by person, then sent
//! through the notifications (and their e-mails) once.

use serde::{Deserialize, Serialize};

use super::{check_placeholders_in, fill, AgencyKind, ComplianceLevel, PlaceholderError};
use crate::i18n::{Lang, PageKey};

/// Whom a broadcast is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BroadcastAudience {
    /// The heads of the year's agencies (who approve and hand in).
    AgencyHeads,
    /// Everyone of the year's agencies: heads and members.
    AgencyPeople,
    /// The judges.
    Judges,
}

impl BroadcastAudience {
    pub const ALL: [BroadcastAudience; 3] = [
        BroadcastAudience::AgencyHeads,
        BroadcastAudience::AgencyPeople,
        BroadcastAudience::Judges,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BroadcastAudience::AgencyHeads => "agency_heads",
            BroadcastAudience::AgencyPeople => "agency_people",
            BroadcastAudience::Judges => "judges",
        }
    }

    pub fn parse(s: &str) -> Option<BroadcastAudience> {
        BroadcastAudience::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> PageKey {
        match self {
            BroadcastAudience::AgencyHeads => PageKey::AudienceAgencyHeads,
            BroadcastAudience::AgencyPeople => PageKey::AudienceAgencyPeople,
            BroadcastAudience::Judges => PageKey::AudienceJudges,
        }
    }

    pub fn is_agencies(self) -> bool {
        self != BroadcastAudience::Judges
    }
}

/// Which agencies, by their *One Agency One Innovation* status this year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceChoice {
    /// Those that have handed nothing in yet (the ones the organisers chase).
    NotComplied,
    /// Exactly this level of the register.
    Level(ComplianceLevel),
}

impl ComplianceChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            ComplianceChoice::NotComplied => "not_complied",
            ComplianceChoice::Level(l) => l.as_str(),
        }
    }

    pub fn parse(s: &str) -> Option<ComplianceChoice> {
        if s == "not_complied" {
            return Some(ComplianceChoice::NotComplied);
        }
        ComplianceLevel::parse(s).map(ComplianceChoice::Level)
    }

    /// Every choice, in the order the form offers them.
    pub fn all() -> Vec<ComplianceChoice> {
        std::iter::once(ComplianceChoice::NotComplied)
            .chain(
                ComplianceLevel::ALL
                    .into_iter()
                    .map(ComplianceChoice::Level),
            )
            .collect()
    }

    pub fn includes(self, level: ComplianceLevel) -> bool {
        match self {
            ComplianceChoice::NotComplied => !level.complied(),
            ComplianceChoice::Level(l) => l == level,
        }
    }
}

/// Which judges, by their sheets of this year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JudgeProgress {
    /// At least one assigned sheet not handed in.
    Open,
    /// Assigned sheets, every one handed in.
    Done,
    /// No proposal assigned this year.
    Unassigned,
}

impl JudgeProgress {
    pub const ALL: [JudgeProgress; 3] = [
        JudgeProgress::Open,
        JudgeProgress::Done,
        JudgeProgress::Unassigned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JudgeProgress::Open => "open",
            JudgeProgress::Done => "done",
            JudgeProgress::Unassigned => "unassigned",
        }
    }

    pub fn parse(s: &str) -> Option<JudgeProgress> {
        JudgeProgress::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self) -> PageKey {
        match self {
            JudgeProgress::Open => PageKey::ProgressOpen,
            JudgeProgress::Done => PageKey::ProgressDone,
            JudgeProgress::Unassigned => PageKey::ProgressUnassigned,
        }
    }
}

/// Whom a broadcast goes to. A filter that does not describe the audience does not apply (the
/// agency kind and compliance to judges, the progress to agencies).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BroadcastFilter {
    pub audience: BroadcastAudience,
    pub agency_kind: Option<AgencyKind>,
    pub compliance: Option<ComplianceChoice>,
    pub progress: Option<JudgeProgress>,
}

/// The words a message may carry, filled in for each recipient.
pub const PLACEHOLDERS: [&str; 4] = ["name", "agency", "year", "deadline"];

/// Checks that every `{…}` of `text` is one of `PLACEHOLDERS` and every brace is paired.
pub fn check_placeholders(text: &str) -> Result<(), PlaceholderError> {
    check_placeholders_in(text, &PLACEHOLDERS)
}

/// What fills the placeholders for one recipient.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceholderValues {
    pub name: String,
    pub agency: String,
    pub year: String,
    pub deadline: String,
}

/// `text` with its placeholders filled in from `values`.
pub fn fill_placeholders(text: &str, values: &PlaceholderValues) -> String {
    fill(text, |name| match name {
        "name" => Some(values.name.clone()),
        "agency" => Some(values.agency.clone()),
        "year" => Some(values.year.clone()),
        "deadline" => Some(values.deadline.clone()),
        _ => None,
    })
}

/// A ready-made message the compose form starts from, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BroadcastTemplate {
    /// To agencies that have handed nothing in: the deadline, and where to start.
    ComplianceReminder,
    /// To judges with open sheets: judging closes soon.
    JudgingReminder,
    /// A blank announcement with a greeting.
    Announcement,
}

impl BroadcastTemplate {
    pub const ALL: [BroadcastTemplate; 3] = [
        BroadcastTemplate::ComplianceReminder,
        BroadcastTemplate::JudgingReminder,
        BroadcastTemplate::Announcement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BroadcastTemplate::ComplianceReminder => "compliance",
            BroadcastTemplate::JudgingReminder => "judging",
            BroadcastTemplate::Announcement => "announcement",
        }
    }

    pub fn parse(s: &str) -> Option<BroadcastTemplate> {
        BroadcastTemplate::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> PageKey {
        match self {
            BroadcastTemplate::ComplianceReminder => PageKey::TemplateCompliance,
            BroadcastTemplate::JudgingReminder => PageKey::TemplateJudging,
            BroadcastTemplate::Announcement => PageKey::TemplateAnnouncement,
        }
    }

    fn text_key(self) -> PageKey {
        match self {
            BroadcastTemplate::ComplianceReminder => PageKey::TemplateComplianceText,
            BroadcastTemplate::JudgingReminder => PageKey::TemplateJudgingText,
            BroadcastTemplate::Announcement => PageKey::TemplateAnnouncementText,
        }
    }

    /// The message in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        self.text_key().text(lang)
    }

    /// The recipients it is written for.
    pub fn filter(self) -> BroadcastFilter {
        let (audience, compliance, progress) = match self {
            BroadcastTemplate::ComplianceReminder => (
                BroadcastAudience::AgencyPeople,
                Some(ComplianceChoice::NotComplied),
                None,
            ),
            BroadcastTemplate::JudgingReminder => {
                (BroadcastAudience::Judges, None, Some(JudgeProgress::Open))
            }
            BroadcastTemplate::Announcement => (BroadcastAudience::AgencyPeople, None, None),
        };
        BroadcastFilter {
            audience,
            agency_kind: None,
            compliance,
            progress,
        }
    }
}

/// One person a broadcast goes (or went) to, with what it says to them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BroadcastRecipient {
    pub name: String,
    pub email: String,
    pub agency: Option<String>,
    /// The message as they read it (in their language, placeholders filled in).
    pub text: String,
    /// A WhatsApp click-to-chat address with the message filled in, when they gave a number.
    pub whatsapp: Option<String>,
}

/// A broadcast: a draft being written, or one sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Broadcast {
    pub id: i64,
    pub filter: BroadcastFilter,
    pub message_id: String,
    pub message_en: String,
    pub created_at: i64,
    /// When it was sent, and by whom; none for a draft.
    pub sent_at: Option<i64>,
    pub sent_by: Option<String>,
}

/// `/admin/broadcasts/:id`: the broadcast and who gets (got) it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BroadcastView {
    pub broadcast: Broadcast,
    pub recipients: Vec<BroadcastRecipient>,
    /// Whether e-mail goes out at all on this server (an SMTP server is configured).
    pub mail_configured: bool,
}

/// A line of the broadcasts' list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BroadcastSummary {
    pub id: i64,
    pub audience: BroadcastAudience,
    /// The message's start, in Indonesian.
    pub excerpt: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub recipients: i64,
}

/// Turns what a person typed as a WhatsApp number into the digits wa.me wants: the country code
/// first (an Indonesian `08…` becomes `628…`), no `+`, spaces, dashes, dots or brackets. `None`
/// when it is not a telephone number.
pub fn normalise_phone(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let (plus, rest) = match typed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, typed),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    let international = if plus {
        digits
    } else if let Some(local) = digits.strip_prefix('0') {
        // A number dialled inside Indonesia: 0812… is +62 812….
        if local.starts_with('0') {
            return None;
        }
        format!("62{local}")
    } else if digits.starts_with("62") {
        digits
    } else {
        return None;
    };
    // E.164: at most 15 digits; Indonesian mobile numbers are 62 + 9–12 digits.
    (10..=15)
        .contains(&international.len())
        .then_some(international)
}

/// A WhatsApp click-to-chat address to `phone` (digits, as `normalise_phone` gives) with `text`
/// filled in.
pub fn whatsapp_link(phone: &str, text: &str) -> String {
    let mut out = format!("https://wa.me/{phone}?text=");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_checked_and_filled_once() {
        assert_eq!(check_placeholders("Yth. {name} dari {agency}"), Ok(()));
        assert_eq!(check_placeholders("no braces"), Ok(()));
        assert_eq!(
            check_placeholders("Batas {tanggal}"),
            Err(PlaceholderError::Unknown("tanggal".into()))
        );
        assert_eq!(
            check_placeholders("broken {name"),
            Err(PlaceholderError::Unmatched)
        );
        assert_eq!(
            check_placeholders("broken name}"),
            Err(PlaceholderError::Unmatched)
        );
        assert_eq!(
            check_placeholders("{{name}}"),
            Err(PlaceholderError::Unmatched)
        );
        let values = PlaceholderValues {
            name: "Ani {agency}".into(),
            agency: "Dinas <Kesehatan>".into(),
            year: "2026".into(),
            deadline: "5 Desember 2026".into(),
        };
        assert_eq!(
            fill_placeholders("{name} / {agency} / {year} / {deadline} {x", &values),
            "Ani {agency} / Dinas <Kesehatan> / 2026 / 5 Desember 2026 {x"
        );
    }

    #[test]
    fn every_template_uses_known_placeholders_in_both_languages() {
        for t in BroadcastTemplate::ALL {
            for lang in [Lang::Id, Lang::En] {
                assert_eq!(check_placeholders(t.text(lang)), Ok(()), "{t:?} {lang:?}");
                assert!(!t.text(lang).is_empty());
            }
            assert_eq!(BroadcastTemplate::parse(t.as_str()), Some(t));
        }
    }

    #[test]
    fn phone_numbers_become_international_digits() {
        assert_eq!(
            normalise_phone("0812-3456-7890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(
            normalise_phone("+62 812 3456 7890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(
            normalise_phone("(0286) 321.456").as_deref(),
            Some("62286321456")
        );
        assert_eq!(
            normalise_phone("6281234567890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(normalise_phone("812345"), None);
        assert_eq!(normalise_phone("0812abc"), None);
        assert_eq!(normalise_phone("00812345678"), None);
        assert_eq!(normalise_phone("+1 2345 6789 0123 4567"), None);
        assert_eq!(normalise_phone(""), None);
    }

    #[test]
    fn the_whatsapp_link_carries_the_message_encoded() {
        assert_eq!(
            whatsapp_link("6281234567890", "Yth. Ani & co\n<b>?"),
            "https://wa.me/6281234567890?text=Yth.%20Ani%20%26%20co%0A%3Cb%3E%3F"
        );
    }

    #[test]
    fn compliance_choices_read_back() {
        for c in ComplianceChoice::all() {
            assert_eq!(ComplianceChoice::parse(c.as_str()), Some(c));
        }
        assert!(ComplianceChoice::NotComplied.includes(ComplianceLevel::Draft));
        assert!(!ComplianceChoice::NotComplied.includes(ComplianceLevel::Submitted));
    }
}
