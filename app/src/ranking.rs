//! The ranking (docs/ranking.md): pure, so the rules are tested against hand-computed cases and
//! timed without a database.
//!
//! A proposal's score is the weighted mean, over the criteria that count toward the ranking, of
//! the judges' mean on each criterion, each mean placed on 0–1 by the criterion's scale, times 100.
//! Only handed-in sheets count: a sheet reopened and not handed in again, or one whose judge
//! declared a conflict, is left out by the caller. Optional per-judge normalisation replaces each
//! score by the judge's z-score on that criterion, mapped back onto the panel's mean and spread
//! for the criterion, so a strict judge and a generous one weigh the same. Ties go to the higher
//! mean on the heaviest criterion, then to the earlier submission.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionSpec {
    pub id: i64,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub counts: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub proposal_id: String,
    pub category_id: Option<i64>,
    /// When it was handed in (ms): the last tie-break.
    pub submitted_at: i64,
}

/// One score of one counted sheet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// Index into the entries.
    pub entry: usize,
    pub judge_id: i64,
    pub criterion_id: i64,
    pub value: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub proposal_id: String,
    pub category_id: Option<i64>,
    /// 0–100; `None` when no counted sheet scored it.
    pub score: Option<f64>,
    /// Per criterion (in the criteria's order): the judges' mean on the criterion's scale.
    pub criterion_means: Vec<Option<f64>>,
    /// How many judges' sheets counted.
    pub judges: usize,
    /// 1-based, over all proposals; unscored ones come last, unranked.
    pub rank: Option<u32>,
    pub rank_in_category: Option<u32>,
    pub passes: bool,
}

/// The scores with their judge and criterion as dense positions, so everything after this one
/// pass indexes arrays (a national year has over a million scores; hashing each of them several
/// times was most of the ranking's time).
struct Dense {
    /// Per score: (position of its criterion, position of its judge); `None` for a criterion
    /// that is not in the year's list.
    slots: Vec<Option<(usize, usize)>>,
    judges: usize,
}

fn dense(criteria: &[CriterionSpec], scores: &[Score]) -> Dense {
    let mut judge_slot: HashMap<i64, usize> = HashMap::new();
    // Scores come grouped by sheet: one lookup per judge change, not per score.
    let mut last: Option<(i64, usize)> = None;
    let slots = scores
        .iter()
        .map(|s| {
            let c = criteria.iter().position(|c| c.id == s.criterion_id)?;
            let j = match last {
                Some((id, j)) if id == s.judge_id => j,
                _ => {
                    let next = judge_slot.len();
                    let j = *judge_slot.entry(s.judge_id).or_insert(next);
                    last = Some((s.judge_id, j));
                    j
                }
            };
            Some((c, j))
        })
        .collect();
    Dense {
        slots,
        judges: judge_slot.len(),
    }
}

/// Count, sum and sum of squares: a mean and a standard deviation.
#[derive(Clone, Copy, Default)]
struct Moments {
    n: f64,
    sum: f64,
    squares: f64,
}

impl Moments {
    fn add(&mut self, v: f64) {
        self.n += 1.0;
        self.sum += v;
        self.squares += v * v;
    }

    fn mean_sd(&self) -> (f64, f64) {
        let mean = self.sum / self.n;
        (mean, (self.squares / self.n - mean * mean).max(0.0).sqrt())
    }
}

/// Per score, its normalised value: the judge's z-score on the criterion placed on the panel's
/// mean and spread for it, so a strict judge and a generous one weigh the same. A judge who gave
/// one value throughout (no spread) is read as the panel's mean.
fn normalised_values(width: usize, scores: &[Score], dense: &Dense) -> Vec<f64> {
    let mut judges = vec![Moments::default(); dense.judges * width];
    let mut panel = vec![Moments::default(); width];
    for (s, slot) in scores.iter().zip(&dense.slots) {
        if let Some((c, j)) = *slot {
            judges[j * width + c].add(s.value as f64);
            panel[c].add(s.value as f64);
        }
    }
    // Per judge and criterion, value ↦ a·value + b.
    let factors: Vec<(f64, f64)> = judges
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (pm, psd) = if panel[i % width].n > 0.0 {
                panel[i % width].mean_sd()
            } else {
                (0.0, 0.0)
            };
            if m.n == 0.0 {
                return (0.0, pm);
            }
            let (jm, jsd) = m.mean_sd();
            if jsd == 0.0 {
                (0.0, pm)
            } else {
                (psd / jsd, pm - jm * psd / jsd)
            }
        })
        .collect();
    scores
        .iter()
        .zip(&dense.slots)
        .map(|(s, slot)| match *slot {
            Some((c, j)) => {
                let (a, b) = factors[j * width + c];
                a * s.value as f64 + b
            }
            None => 0.0,
        })
        .collect()
}

pub fn rank(
    criteria: &[CriterionSpec],
    entries: &[Entry],
    scores: &[Score],
    normalise: bool,
    pass_mark: f64,
) -> Vec<Ranked> {
    let dense = dense(criteria, scores);
    rank_placed(criteria, entries, scores, &dense, normalise, pass_mark)
}

/// The raw and the normalised ranking (as `rank` gives them), placing the scores once.
pub fn rank_both(
    criteria: &[CriterionSpec],
    entries: &[Entry],
    scores: &[Score],
    pass_mark: f64,
) -> (Vec<Ranked>, Vec<Ranked>) {
    let dense = dense(criteria, scores);
    (
        rank_placed(criteria, entries, scores, &dense, false, pass_mark),
        rank_placed(criteria, entries, scores, &dense, true, pass_mark),
    )
}

fn rank_placed(
    criteria: &[CriterionSpec],
    entries: &[Entry],
    scores: &[Score],
    dense: &Dense,
    normalise: bool,
    pass_mark: f64,
) -> Vec<Ranked> {
    let width = criteria.len();
    let normalised = if normalise {
        normalised_values(width, scores, dense)
    } else {
        Vec::new()
    };
    // Per entry and criterion: (sum, count); per entry the judges seen.
    let mut sums = vec![(0.0f64, 0u32); entries.len() * width];
    let mut judges_seen: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (i, s) in scores.iter().enumerate() {
        let Some((c, j)) = dense.slots[i] else {
            continue;
        };
        let v = if normalise {
            normalised[i]
        } else {
            s.value as f64
        };
        let cell = &mut sums[s.entry * width + c];
        cell.0 += v;
        cell.1 += 1;
        let seen = &mut judges_seen[s.entry];
        if !seen.contains(&j) {
            seen.push(j);
        }
    }
    let total_weight: i64 = criteria.iter().filter(|c| c.counts).map(|c| c.weight).sum();
    // The heaviest counted criterion breaks ties (the first of equals).
    let heaviest = criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| c.counts)
        .max_by(|(ia, a), (ib, b)| a.weight.cmp(&b.weight).then(ib.cmp(ia)))
        .map(|(i, _)| i);

    let mut ranked: Vec<Ranked> = entries
        .iter()
        .enumerate()
        .map(|(e, entry)| {
            let means: Vec<Option<f64>> = (0..width)
                .map(|c| {
                    let (sum, n) = sums[e * width + c];
                    (n > 0).then(|| sum / n as f64)
                })
                .collect();
            let mut weighted = 0.0;
            let mut scored = false;
            for (c, spec) in criteria.iter().enumerate() {
                if !spec.counts || total_weight == 0 {
                    continue;
                }
                if let Some(mean) = means[c] {
                    let span = (spec.scale_max - spec.scale_min) as f64;
                    let place = ((mean - spec.scale_min as f64) / span).clamp(0.0, 1.0);
                    weighted += spec.weight as f64 * place;
                    scored = true;
                }
            }
            let score = scored.then(|| 100.0 * weighted / total_weight as f64);
            Ranked {
                proposal_id: entry.proposal_id.clone(),
                category_id: entry.category_id,
                passes: score.is_some_and(|s| s >= pass_mark),
                score,
                criterion_means: means,
                judges: judges_seen[e].len(),
                rank: None,
                rank_in_category: None,
            }
        })
        .collect();

    let mut order: Vec<usize> = (0..ranked.len()).collect();
    // Compared at a millionth of a point: 30 + 70 × 4/7 and 70 are the same score, whatever
    // the last bit of the floating-point sum says.
    let fixed = |v: f64| (v * 1e6).round() as i64;
    let tie_value = |r: &Ranked| {
        heaviest
            .and_then(|h| r.criterion_means[h])
            .map_or(i64::MIN, fixed)
    };
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&ranked[a], &ranked[b]);
        match (ra.score, rb.score) {
            (Some(x), Some(y)) => fixed(y)
                .cmp(&fixed(x))
                .then(tie_value(rb).cmp(&tie_value(ra)))
                .then(entries[a].submitted_at.cmp(&entries[b].submitted_at)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => entries[a].submitted_at.cmp(&entries[b].submitted_at),
        }
        .then(entries[a].proposal_id.cmp(&entries[b].proposal_id))
    });
    let mut per_category: HashMap<Option<i64>, u32> = HashMap::new();
    let mut position = 0;
    for &i in &order {
        if ranked[i].score.is_none() {
            continue;
        }
        position += 1;
        ranked[i].rank = Some(position);
        let n = per_category.entry(ranked[i].category_id).or_default();
        *n += 1;
        ranked[i].rank_in_category = Some(*n);
    }
    // Moved into the ranking's order rather than cloned.
    let mut place = vec![0; ranked.len()];
    for (k, &i) in order.iter().enumerate() {
        place[i] = k;
    }
    let mut out: Vec<(usize, Ranked)> = place.into_iter().zip(ranked).collect();
    out.sort_unstable_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, r)| r).collect()
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

    fn entry(id: &str, category: i64, at: i64) -> Entry {
        Entry {
            proposal_id: id.into(),
            category_id: Some(category),
            submitted_at: at,
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

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn weighted_mean_of_judge_means_on_zero_to_hundred() {
        // Criterion 1 (weight 60): judges give 10 and 8 → mean 9 → (9-1)/9 of the way.
        // Criterion 2 (weight 40): 1 and 4 → mean 2.5 → 1.5/9.
        // Score = 100 × (60 × 8/9 + 40 × 1.5/9) / 100 = 60 × 8/9 + 40 × 1/6 = 53.333… + 6.666… = 60.
        let ranked = rank(
            &[criterion(1, 60), criterion(2, 40)],
            &[entry("a", 1, 0)],
            &[s(0, 7, 1, 10), s(0, 8, 1, 8), s(0, 7, 2, 1), s(0, 8, 2, 4)],
            false,
            85.0,
        );
        assert!(close(ranked[0].score, 60.0), "{:?}", ranked[0].score);
        assert!(close(ranked[0].criterion_means[0], 9.0));
        assert_eq!(ranked[0].judges, 2);
        assert!(!ranked[0].passes);
        assert_eq!(ranked[0].rank, Some(1));
    }

    #[test]
    fn criteria_that_do_not_count_are_shown_but_not_scored() {
        let mut info = criterion(2, 0);
        info.counts = false;
        let ranked = rank(
            &[criterion(1, 100), info],
            &[entry("a", 1, 0)],
            &[s(0, 7, 1, 10), s(0, 7, 2, 1)],
            false,
            85.0,
        );
        assert!(close(ranked[0].score, 100.0));
        assert!(ranked[0].passes);
        assert!(close(ranked[0].criterion_means[1], 1.0));
    }

    #[test]
    fn ties_go_to_the_heaviest_criterion_then_the_earlier_submission() {
        // Scale 0–7, weights 30 and 70. x: 0 and 7 → 70. y: 7 and 4 → 30 + 70 × 4/7 = 70.
        // z: the same as x, handed in later.
        let spec = |id, weight| CriterionSpec {
            scale_min: 0,
            scale_max: 7,
            ..criterion(id, weight)
        };
        let entries = [entry("y", 1, 1), entry("z", 1, 3), entry("x", 1, 2)];
        let scores = [
            s(0, 1, 1, 7),
            s(0, 1, 2, 4),
            s(1, 1, 1, 0),
            s(1, 1, 2, 7),
            s(2, 1, 1, 0),
            s(2, 1, 2, 7),
        ];
        let ranked = rank(&[spec(1, 30), spec(2, 70)], &entries, &scores, false, 85.0);
        assert!(ranked.iter().all(|r| close(r.score, 70.0)));
        let order: Vec<&str> = ranked.iter().map(|r| r.proposal_id.as_str()).collect();
        assert_eq!(
            order,
            ["x", "z", "y"],
            "heaviest criterion first, then the earlier hand-in"
        );
        assert_eq!(ranked[2].rank, Some(3));
    }

    #[test]
    fn ranks_per_category_and_unscored_last() {
        let entries = [
            entry("a", 1, 0),
            entry("b", 2, 0),
            entry("c", 1, 0),
            entry("d", 2, 0),
        ];
        let scores = [s(0, 1, 1, 5), s(1, 1, 1, 9), s(2, 1, 1, 7)];
        let ranked = rank(&[criterion(1, 100)], &entries, &scores, false, 85.0);
        let got: Vec<(&str, Option<u32>, Option<u32>)> = ranked
            .iter()
            .map(|r| (r.proposal_id.as_str(), r.rank, r.rank_in_category))
            .collect();
        assert_eq!(
            got,
            [
                ("b", Some(1), Some(1)),
                ("c", Some(2), Some(1)),
                ("a", Some(3), Some(2)),
                ("d", None, None)
            ]
        );
    }

    #[test]
    fn normalisation_evens_out_strict_and_generous_judges() {
        // Judge 1 is generous (9, 10, 9), judge 2 strict (2, 3); both prefer q to p.
        let entries = [entry("p", 1, 0), entry("q", 1, 0), entry("r", 1, 0)];
        // r is scored only by the generous judge, at that judge's average: raw, r looks great;
        // normalised, r sits at the panel's mean.
        let scores = [
            s(0, 1, 1, 9),
            s(1, 1, 1, 10),
            s(0, 2, 1, 2),
            s(1, 2, 1, 3),
            s(2, 1, 1, 9),
        ];
        let raw = rank(&[criterion(1, 100)], &entries, &scores, false, 85.0);
        assert_eq!(
            raw[0].proposal_id, "r",
            "raw: the generous judge's lone proposal leads"
        );
        let fair = rank(&[criterion(1, 100)], &entries, &scores, true, 85.0);
        assert_eq!(
            fair[0].proposal_id, "q",
            "normalised: the one both judges preferred leads"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A year: 1–4 criteria (weights 0–40, scales 1–5 or 1–10), 1–12 proposals in 1–3
        /// categories, and judges 1–5 scoring a random subset of the proposals on every
        /// criterion.
        fn year() -> impl Strategy<Value = (Vec<CriterionSpec>, Vec<Entry>, Vec<Score>)> {
            let criteria =
                prop::collection::vec((0i64..=40, prop::bool::ANY), 1..=4).prop_map(|specs| {
                    specs
                        .into_iter()
                        .enumerate()
                        .map(|(i, (weight, wide))| CriterionSpec {
                            id: i as i64 + 1,
                            weight: weight.max(i64::from(i == 0)),
                            scale_min: 1,
                            scale_max: if wide { 10 } else { 5 },
                            counts: true,
                        })
                        .collect::<Vec<_>>()
                });
            (criteria, 1usize..=12, 1i64..=5).prop_flat_map(|(criteria, n, judges)| {
                let entries: Vec<Entry> = (0..n)
                    .map(|i| Entry {
                        proposal_id: format!("p{i:02}"),
                        category_id: Some(i as i64 % 3),
                        submitted_at: i as i64 * 7 % 5,
                    })
                    .collect();
                let cells = n * judges as usize;
                let width = criteria.len();
                (
                    Just(criteria),
                    Just(entries),
                    prop::collection::vec(
                        (prop::bool::ANY, prop::collection::vec(1i64..=10, width)),
                        cells,
                    ),
                    Just(judges),
                )
                    .prop_map(move |(criteria, entries, sheets, judges)| {
                        let mut scores = Vec::new();
                        for (k, (scored, values)) in sheets.into_iter().enumerate() {
                            if !scored {
                                continue;
                            }
                            let (entry, judge) = (k / judges as usize, k as i64 % judges);
                            for (c, v) in criteria.iter().zip(values) {
                                scores.push(s(entry, judge, c.id, v.min(c.scale_max)));
                            }
                        }
                        (criteria, entries, scores)
                    })
            })
        }

        proptest! {
            #[test]
            fn scores_lie_on_the_scale_and_ranks_follow_them((criteria, entries, scores) in year(), normalise in prop::bool::ANY) {
                let ranked = rank(&criteria, &entries, &scores, normalise, 50.0);
                prop_assert_eq!(ranked.len(), entries.len());
                let scored: Vec<&Ranked> = ranked.iter().filter(|r| r.score.is_some()).collect();
                // Ranks are 1, 2, 3 … in list order, unscored last and unranked.
                for (i, r) in scored.iter().enumerate() {
                    prop_assert_eq!(r.rank, Some(i as u32 + 1));
                    let s = r.score.unwrap_or_default();
                    prop_assert!((-1e-9..=100.0 + 1e-9).contains(&s), "score {s}");
                    prop_assert_eq!(r.passes, s >= 50.0);
                }
                for w in scored.windows(2) {
                    prop_assert!(w[0].score >= w[1].score.map(|s| s - 1e-6));
                }
                prop_assert!(ranked[scored.len()..].iter().all(|r| r.rank.is_none() && r.score.is_none()));
                // Per category, ranks are 1, 2, 3 … too.
                for cat in 0..3 {
                    let in_cat: Vec<u32> = scored.iter().filter(|r| r.category_id == Some(cat)).filter_map(|r| r.rank_in_category).collect();
                    prop_assert_eq!(in_cat, (1..).take(scored.iter().filter(|r| r.category_id == Some(cat)).count()).collect::<Vec<u32>>());
                }
            }

            #[test]
            fn the_order_proposals_arrive_in_changes_nothing((criteria, entries, scores) in year(), normalise in prop::bool::ANY) {
                let forward = rank(&criteria, &entries, &scores, normalise, 85.0);
                let n = entries.len();
                let reversed: Vec<Entry> = entries.iter().rev().cloned().collect();
                let moved: Vec<Score> = scores.iter().map(|x| Score { entry: n - 1 - x.entry, ..*x }).rev().collect();
                let backward = rank(&criteria, &reversed, &moved, normalise, 85.0);
                let ids = |r: &[Ranked]| r.iter().map(|x| (x.proposal_id.clone(), x.rank)).collect::<Vec<_>>();
                prop_assert_eq!(ids(&forward), ids(&backward));
            }

            #[test]
            fn both_at_once_are_the_two_rankings_apart((criteria, entries, scores) in year()) {
                let (raw, normalised) = rank_both(&criteria, &entries, &scores, 85.0);
                prop_assert_eq!(raw, rank(&criteria, &entries, &scores, false, 85.0));
                prop_assert_eq!(normalised, rank(&criteria, &entries, &scores, true, 85.0));
            }

            #[test]
            fn a_lenient_judge_weighs_the_same_once_normalised(
                values in prop::collection::vec(1i64..=6, 2 * 2..=10 * 4),
                judges in 2usize..=4,
                lift in 1i64..=4,
            ) {
                // One criterion; every judge scores every proposal. Judge 0 then gives `lift`
                // more everywhere (still on the scale): the normalised order stays as it was.
                let n = values.len() / judges;
                prop_assume!(n >= 2);
                let entries: Vec<Entry> = (0..n).map(|i| entry(&format!("p{i:02}"), 1, i as i64)).collect();
                let full: Vec<Score> = (0..n * judges)
                    .map(|k| s(k / judges, (k % judges) as i64, 1, values[k]))
                    .collect();
                let lifted: Vec<Score> = full
                    .iter()
                    .map(|x| if x.judge_id == 0 { Score { value: x.value + lift, ..*x } } else { *x })
                    .collect();
                let order = |all: &[Score]| {
                    rank(&[criterion(1, 100)], &entries, all, true, 85.0)
                        .into_iter()
                        .map(|r| r.proposal_id)
                        .collect::<Vec<_>>()
                };
                prop_assert_eq!(order(&full), order(&lifted));
            }
        }
    }
}
