//! How far the judges agree (docs/ranking.md): per proposal and criterion the spread of the
//! judges' scores, proposals where they disagree strongly, and judges who score far from the rest
//! of the panel on the same proposals. Pure, like the ranking, and fed the same scores.

use std::collections::HashMap;

use crate::ranking::{CriterionSpec, Score};

/// A proposal is flagged when, on some counted criterion, the judges' standard deviation is at
/// least this share of the criterion's scale (0.2 of 1–10 is 1.8 points: one judge at 3 and
/// another at 7 is flagged, 5 and 7 is not).
pub const DISAGREEMENT: f64 = 0.2;

/// A judge is flagged when their totals sit on average this many points (of 100) above or below
/// the other judges' on the same proposals.
pub const FAR_FROM_PANEL: f64 = 15.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Per entry, per criterion (in the criteria's order): the standard deviation of the
    /// judges' scores on the criterion's scale; `None` with fewer than two scores.
    pub spread: Vec<Vec<Option<f64>>>,
    pub disagreement: Vec<bool>,
    /// Per judge id: counted sheets and the mean offset from the rest of the panel.
    pub judges: HashMap<i64, JudgeOffset>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JudgeOffset {
    pub sheets: u32,
    pub offset: Option<f64>,
}

impl JudgeOffset {
    pub fn far(&self) -> bool {
        self.offset.is_some_and(|o| o.abs() >= FAR_FROM_PANEL)
    }
}

/// A set of scores placed on 0–100 as the ranking would total them, for one judge's sheet.
pub fn sheet_total(criteria: &[CriterionSpec], values: &[Option<i64>]) -> Option<f64> {
    let mut weighted = 0.0;
    let mut weight = 0.0;
    for (c, v) in criteria.iter().zip(values) {
        if let (true, Some(v)) = (c.counts, v) {
            let span = (c.scale_max - c.scale_min) as f64;
            weighted += c.weight as f64 * ((*v - c.scale_min) as f64 / span).clamp(0.0, 1.0);
            weight += c.weight as f64;
        }
    }
    (weight > 0.0).then(|| 100.0 * weighted / weight)
}

fn std_dev(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    Some((values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt())
}

pub fn measure(criteria: &[CriterionSpec], entries: usize, scores: &[Score]) -> Agreement {
    let index: HashMap<i64, usize> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    // Per entry: each judge's values in criteria order.
    let mut sheets: Vec<Vec<(i64, Vec<Option<i64>>)>> = vec![Vec::new(); entries];
    for s in scores {
        let (Some(&c), Some(entry)) = (index.get(&s.criterion_id), sheets.get_mut(s.entry)) else {
            continue;
        };
        let at = match entry.iter().position(|(j, _)| *j == s.judge_id) {
            Some(at) => at,
            None => {
                entry.push((s.judge_id, vec![None; criteria.len()]));
                entry.len() - 1
            }
        };
        entry[at].1[c] = Some(s.value);
    }

    let mut spread = Vec::with_capacity(entries);
    let mut disagreement = Vec::with_capacity(entries);
    // Per judge: (sheets, sum of offsets, shared proposals).
    let mut offsets: HashMap<i64, (u32, f64, u32)> = HashMap::new();
    for entry in &sheets {
        let per_criterion: Vec<Option<f64>> = (0..criteria.len())
            .map(|c| {
                let values: Vec<f64> = entry
                    .iter()
                    .filter_map(|(_, v)| v[c].map(|x| x as f64))
                    .collect();
                std_dev(&values)
            })
            .collect();
        disagreement.push(criteria.iter().zip(&per_criterion).any(|(c, sd)| {
            let span = (c.scale_max - c.scale_min) as f64;
            c.counts && sd.is_some_and(|sd| span > 0.0 && sd / span >= DISAGREEMENT)
        }));
        spread.push(per_criterion);

        let totals: Vec<(i64, Option<f64>)> = entry
            .iter()
            .map(|(j, v)| (*j, sheet_total(criteria, v)))
            .collect();
        let scored: Vec<f64> = totals.iter().filter_map(|(_, t)| *t).collect();
        for (judge, total) in &totals {
            let e = offsets.entry(*judge).or_default();
            e.0 += 1;
            if let (Some(t), true) = (total, scored.len() >= 2) {
                let others = (scored.iter().sum::<f64>() - t) / (scored.len() - 1) as f64;
                e.1 += t - others;
                e.2 += 1;
            }
        }
    }
    Agreement {
        spread,
        disagreement,
        judges: offsets
            .into_iter()
            .map(|(j, (sheets, sum, shared))| {
                let offset = (shared > 0).then(|| sum / shared as f64);
                (j, JudgeOffset { sheets, offset })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(id: i64, weight: i64) -> CriterionSpec {
        CriterionSpec {
            id,
            weight,
            scale_min: 1,
            scale_max: 10,
            counts: true,
        }
    }

    fn s(entry: usize, judge: i64, criterion: i64, value: i64) -> Score {
        Score {
            entry,
            judge_id: judge,
            criterion_id: criterion,
            value,
        }
    }

    #[test]
    fn spread_is_the_standard_deviation_and_flags_strong_disagreement() {
        // Entry 0: 3 and 7 on criterion 1 → sd 2 ≥ 0.2 × 9 = 1.8 → flagged.
        // Entry 1: 5 and 7 → sd 1 → not flagged.
        let scores = [s(0, 1, 1, 3), s(0, 2, 1, 7), s(1, 1, 1, 5), s(1, 2, 1, 7)];
        let a = measure(&[criterion(1, 100)], 2, &scores);
        assert_eq!(a.spread[0][0], Some(2.0));
        assert_eq!(a.spread[1][0], Some(1.0));
        assert_eq!(a.disagreement, [true, false]);
    }

    #[test]
    fn one_judge_has_no_spread() {
        let a = measure(&[criterion(1, 100)], 1, &[s(0, 1, 1, 3)]);
        assert_eq!(a.spread[0][0], None);
        assert!(!a.disagreement[0]);
        assert_eq!(a.judges[&1].offset, None);
        assert!(!a.judges[&1].far());
    }

    #[test]
    fn a_judge_far_above_the_panel_is_flagged() {
        // Three judges on two proposals; judge 3 gives 10 where the others give 4.
        // Totals: 4 → 100×3/9 = 33.3…, 10 → 100. Judge 3's offset = 100 − 33.3… = 66.7.
        // Judges 1 and 2: 33.3 − mean(33.3, 100) = −33.3.
        let mut scores = Vec::new();
        for e in 0..2 {
            scores.push(s(e, 1, 1, 4));
            scores.push(s(e, 2, 1, 4));
            scores.push(s(e, 3, 1, 10));
        }
        let a = measure(&[criterion(1, 100)], 2, &scores);
        let three = a.judges[&3];
        assert_eq!(three.sheets, 2);
        assert!((three.offset.unwrap_or_default() - 200.0 / 3.0).abs() < 1e-9);
        assert!(three.far());
        assert!((a.judges[&1].offset.unwrap_or_default() + 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn totals_weigh_criteria_like_the_ranking() {
        let criteria = [criterion(1, 60), criterion(2, 40)];
        // 10 and 1 → 60 × 1 + 40 × 0 = 60.
        let total = sheet_total(&criteria, &[Some(10), Some(1)]);
        assert_eq!(total, Some(60.0));
    }
}
