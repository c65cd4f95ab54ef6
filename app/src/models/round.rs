//! The rounds a year is judged in, as the organisers' pages show them (docs/rounds.md).

use serde::{Deserialize, Serialize};

/// What happens in a round: judges read the documents at their desks, hear the agency present
/// in a meeting room, or visit the innovation where it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    Desk,
    Presentation,
    Field,
}

impl RoundKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Desk => "desk",
            RoundKind::Presentation => "presentation",
            RoundKind::Field => "field",
        }
    }

    pub fn parse(s: &str) -> Option<RoundKind> {
        match s {
            "desk" => Some(RoundKind::Desk),
            "presentation" => Some(RoundKind::Presentation),
            "field" => Some(RoundKind::Field),
            _ => None,
        }
    }
}

/// Who goes on from a round to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdvanceRule {
    /// The N best of the round's ranking.
    TopN,
    /// The N best of each category.
    TopNPerCategory,
    /// Every proposal at or above the mark (0–100).
    PassMark,
    /// Whom the organisers pick, with their reason.
    Choice,
}

impl AdvanceRule {
    pub const ALL: [AdvanceRule; 4] = [
        AdvanceRule::TopN,
        AdvanceRule::TopNPerCategory,
        AdvanceRule::PassMark,
        AdvanceRule::Choice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AdvanceRule::TopN => "top_n",
            AdvanceRule::TopNPerCategory => "top_n_per_category",
            AdvanceRule::PassMark => "pass_mark",
            AdvanceRule::Choice => "choice",
        }
    }

    pub fn parse(s: &str) -> Option<AdvanceRule> {
        AdvanceRule::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the rule needs a number (N, or the mark).
    pub fn takes_value(self) -> bool {
        self != AdvanceRule::Choice
    }
}

/// How a year's rounds make its one result (docs/ranking.md, "A year in rounds").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combination {
    /// The last round's score decides; earlier rounds, latest first, break its ties.
    #[default]
    LastDecides,
    /// Each round weighs its share of the final score (40 / 60), the shares totalling 100.
    Weights,
}

impl Combination {
    pub const ALL: [Combination; 2] = [Combination::LastDecides, Combination::Weights];

    pub fn as_str(self) -> &'static str {
        match self {
            Combination::LastDecides => "last_decides",
            Combination::Weights => "weights",
        }
    }

    pub fn parse(s: &str) -> Option<Combination> {
        Combination::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The ready-made lists of rounds (screening, the administrative check, comes before them all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundPreset {
    /// One desk round, as every year had before rounds.
    Single,
    /// The regency's: document evaluation, then presentation and interview.
    Regency,
    /// The national KIPP's: document evaluation, presentation and interview, field verification.
    Kipp,
}

impl RoundPreset {
    pub const ALL: [RoundPreset; 3] =
        [RoundPreset::Single, RoundPreset::Regency, RoundPreset::Kipp];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundPreset::Single => "single",
            RoundPreset::Regency => "regency",
            RoundPreset::Kipp => "kipp",
        }
    }

    pub fn parse(s: &str) -> Option<RoundPreset> {
        RoundPreset::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The rounds in order, each but the last with who goes on by default: the regency's best
    /// ten go on to present; KIPP's Top 99 present and its Top 45 are visited.
    pub fn rounds(self) -> Vec<(RoundKind, Option<(AdvanceRule, f64)>)> {
        match self {
            RoundPreset::Single => vec![(RoundKind::Desk, None)],
            RoundPreset::Regency => vec![
                (RoundKind::Desk, Some((AdvanceRule::TopN, 10.0))),
                (RoundKind::Presentation, None),
            ],
            RoundPreset::Kipp => vec![
                (RoundKind::Desk, Some((AdvanceRule::TopN, 99.0))),
                (RoundKind::Presentation, Some((AdvanceRule::TopN, 45.0))),
                (RoundKind::Field, None),
            ],
        }
    }
}

/// One round as the organisers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub id: i64,
    pub position: i64,
    pub kind: RoundKind,
    /// Who goes on to the next round (none for the last).
    pub rule: Option<AdvanceRule>,
    pub value: Option<f64>,
    /// When it was locked and the next round opened.
    pub locked_at: Option<i64>,
    /// Why the organisers chose differently from the rule (empty: they followed it).
    pub reason: String,
    pub current: bool,
    /// Its share of the final score when the rounds are weighed (0–100; none until set).
    pub weight: Option<f64>,
    /// A field round's checklist: the claims its visitors verify, in order.
    pub claims: Vec<String>,
    /// Whether a visit report of the round exists (the checklist then stays as it is).
    pub visited: bool,
}

/// The year's rounds, and whether they may still change (before judging starts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundPlan {
    pub year: i32,
    pub rounds: Vec<RoundInfo>,
    pub combination: Combination,
    pub editable: bool,
}

/// One round's share as typed on the rounds form (the round's place, and the number).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundWeightInput {
    pub position: String,
    #[serde(default)]
    pub weight: String,
}

/// One rule of the rounds form: the round's place and its rule and number as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundRuleInput {
    pub position: String,
    pub rule: String,
    #[serde(default)]
    pub value: String,
}

/// One row of the form that sends proposals on: the proposal, and "1" when ticked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdvancePick {
    pub proposal_id: String,
    #[serde(default)]
    pub go: Option<String>,
}

/// Who the rule sends on from the ranked proposals (`(id, category, score)` in ranking order,
/// unscored ones last with `None`): the top N overall or per category, or every score at or
/// above the mark. The organisers' choice picks no one by itself.
pub fn advancing_by_rule(
    rule: AdvanceRule,
    value: f64,
    ranked: &[(String, Option<i64>, Option<f64>)],
) -> Vec<String> {
    let scored = ranked.iter().filter(|(_, _, score)| score.is_some());
    match rule {
        AdvanceRule::TopN => scored
            .take(value.max(0.0) as usize)
            .map(|(id, _, _)| id.clone())
            .collect(),
        AdvanceRule::TopNPerCategory => {
            let mut taken: std::collections::HashMap<Option<i64>, usize> = Default::default();
            scored
                .filter(|(_, category, _)| {
                    let n = taken.entry(*category).or_default();
                    *n += 1;
                    *n as f64 <= value
                })
                .map(|(id, _, _)| id.clone())
                .collect()
        }
        AdvanceRule::PassMark => scored
            .filter(|(_, _, score)| score.is_some_and(|s| s >= value))
            .map(|(id, _, _)| id.clone())
            .collect(),
        AdvanceRule::Choice => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked() -> Vec<(String, Option<i64>, Option<f64>)> {
        vec![
            ("a".into(), Some(1), Some(91.0)),
            ("b".into(), Some(1), Some(88.5)),
            ("c".into(), Some(2), Some(86.0)),
            ("d".into(), Some(1), Some(80.0)),
            ("e".into(), Some(2), None),
        ]
    }

    #[test]
    fn each_rule_sends_on_whom_it_says() {
        let ids = |v: Vec<String>| v.join(",");
        assert_eq!(
            ids(advancing_by_rule(AdvanceRule::TopN, 2.0, &ranked())),
            "a,b"
        );
        assert_eq!(
            ids(advancing_by_rule(AdvanceRule::TopN, 9.0, &ranked())),
            "a,b,c,d"
        );
        assert_eq!(
            ids(advancing_by_rule(
                AdvanceRule::TopNPerCategory,
                1.0,
                &ranked()
            )),
            "a,c"
        );
        assert_eq!(
            ids(advancing_by_rule(AdvanceRule::PassMark, 86.0, &ranked())),
            "a,b,c"
        );
        assert!(advancing_by_rule(AdvanceRule::Choice, 0.0, &ranked()).is_empty());
    }

    #[test]
    fn presets_end_with_a_round_that_sends_no_one_on() {
        for preset in RoundPreset::ALL {
            let rounds = preset.rounds();
            assert_eq!(rounds[0].0, RoundKind::Desk, "{preset:?}");
            assert!(rounds.last().is_some_and(|r| r.1.is_none()));
            assert!(rounds[..rounds.len() - 1].iter().all(|r| r.1.is_some()));
            assert_eq!(RoundPreset::parse(preset.as_str()), Some(preset));
        }
        for rule in AdvanceRule::ALL {
            assert_eq!(AdvanceRule::parse(rule.as_str()), Some(rule));
        }
    }
}
