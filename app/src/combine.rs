//! One result from a year's rounds (docs/ranking.md, "A year in rounds"): pure, like the
//! ranking each round has of its own (`crate::ranking`), so the rules are tested against
//! hand-computed cases and timed without a database.
//!
//! An earlier round's score and rank are frozen when proposals are sent on from it
//! (`round_results`). The current round's proposals, those sent on to it, are then ranked on the
//! rounds so far, as the organisers set it:
//!
//! * **the last round decides**: the current round's score is the result; a tie goes to the
//!   better rank in the round before, then the one before that, and last to the current round's
//!   own order (its heaviest criterion, then the earlier submission);
//! * **weights**: each round's score times its share, over the total of the shares of the rounds
//!   so far (at the second of three rounds weighed 30 / 30 / 40, the two count half each), a
//!   round with no score counting 0; a tie goes to the better rank in the most heavily weighed
//!   round, the later round first among equal shares. Shares that total 0 so far leave the last
//!   round to decide.
//!
//! A proposal the current round did not score is not ranked.

use std::collections::HashMap;

use crate::models::{Combination, Standing};

/// A proposal's score (0–100) and rank in one round.
pub type InRound = (Option<f64>, Option<u32>);

/// One proposal of the current round across the rounds so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Across {
    pub category_id: Option<i64>,
    /// Its score (0–100) and rank in each round so far, first round first; the last is the
    /// current round's own.
    pub rounds: Vec<InRound>,
}

/// The combined standing of each proposal, in the order given; `weights` are the rounds' shares
/// in round order (a missing one counts 0). Equals in every tie-break keep the order given.
pub fn combine(
    how: Combination,
    weights: &[f64],
    proposals: &[Across],
    pass_mark: f64,
) -> Vec<Standing> {
    let rounds = proposals.iter().map(|p| p.rounds.len()).max().unwrap_or(0);
    let share = |i: usize| weights.get(i).copied().unwrap_or(0.0).max(0.0);
    let total: f64 = (0..rounds).map(share).sum();
    let weighed = how == Combination::Weights && total > 0.0;
    let scores: Vec<Option<f64>> = proposals
        .iter()
        .map(|p| {
            let current = p.rounds.last()?.0?;
            if !weighed {
                return Some(current);
            }
            let sum: f64 = p
                .rounds
                .iter()
                .enumerate()
                .map(|(i, (score, _))| share(i) * score.unwrap_or(0.0))
                .sum();
            Some(sum / total)
        })
        .collect();
    // The rounds whose ranks break ties, in the order they are asked.
    let mut tie_rounds: Vec<usize> = (0..rounds).collect();
    if weighed {
        tie_rounds.sort_by(|&a, &b| share(b).total_cmp(&share(a)).then(b.cmp(&a)));
    } else if rounds > 0 {
        tie_rounds = (0..rounds - 1).rev().chain([rounds - 1]).collect();
    }
    // Compared at a millionth of a point, as the ranking compares (40 × 80 + 60 × 70 over 100
    // and 74 are the same score).
    let fixed = |v: f64| (v * 1e6).round() as i64;
    let rank_in = |p: &Across, i: usize| p.rounds.get(i).and_then(|r| r.1).unwrap_or(u32::MAX);
    let mut order: Vec<usize> = (0..proposals.len())
        .filter(|&i| scores[i].is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let by_score = scores[b].map(fixed).cmp(&scores[a].map(fixed));
        tie_rounds.iter().fold(by_score, |o, &r| {
            o.then_with(|| rank_in(&proposals[a], r).cmp(&rank_in(&proposals[b], r)))
        })
    });
    let mut out: Vec<Standing> = scores
        .iter()
        .map(|score| Standing {
            score: *score,
            rank: None,
            rank_in_category: None,
            passes: score.is_some_and(|s| s >= pass_mark),
        })
        .collect();
    let mut per_category: HashMap<Option<i64>, u32> = HashMap::new();
    for (position, &i) in order.iter().enumerate() {
        out[i].rank = Some(position as u32 + 1);
        let n = per_category.entry(proposals[i].category_id).or_default();
        *n += 1;
        out[i].rank_in_category = Some(*n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(category: i64, rounds: &[(f64, u32)]) -> Across {
        Across {
            category_id: Some(category),
            rounds: rounds.iter().map(|&(s, r)| (Some(s), Some(r))).collect(),
        }
    }

    fn ranks(out: &[Standing]) -> Vec<Option<u32>> {
        out.iter().map(|s| s.rank).collect()
    }

    // docs/ranking.md's worked example: A 80 then 70, B 60 then 85, C 90 then 65.
    fn example() -> Vec<Across> {
        vec![
            p(1, &[(80.0, 2), (70.0, 2)]),
            p(1, &[(60.0, 3), (85.0, 1)]),
            p(2, &[(90.0, 1), (65.0, 3)]),
        ]
    }

    #[test]
    fn weights_forty_sixty_as_the_docs_work_it() {
        let out = combine(Combination::Weights, &[40.0, 60.0], &example(), 75.0);
        let scores: Vec<f64> = out.iter().filter_map(|s| s.score).collect();
        for (got, want) in scores.iter().zip([74.0, 75.0, 75.0]) {
            assert!((got - want).abs() < 1e-9, "{got} ≠ {want}");
        }
        // B and C tie at 75: the presentation weighs more, and B presented better.
        assert_eq!(ranks(&out), vec![Some(3), Some(1), Some(2)]);
        assert_eq!(
            out.iter().map(|s| s.rank_in_category).collect::<Vec<_>>(),
            vec![Some(2), Some(1), Some(1)]
        );
        assert_eq!(
            out.iter().map(|s| s.passes).collect::<Vec<_>>(),
            vec![false, true, true]
        );
    }

    #[test]
    fn the_last_round_decides_and_the_one_before_breaks_its_ties() {
        let out = combine(Combination::LastDecides, &[], &example(), 0.0);
        assert_eq!(ranks(&out), vec![Some(2), Some(1), Some(3)]);
        assert_eq!(out[1].score, Some(85.0));
        let tied = vec![p(1, &[(70.0, 2), (80.0, 2)]), p(1, &[(90.0, 1), (80.0, 1)])];
        let out = combine(Combination::LastDecides, &[], &tied, 0.0);
        assert_eq!(ranks(&out), vec![Some(2), Some(1)]);
    }

    #[test]
    fn shares_count_over_the_rounds_so_far() {
        // Second of three rounds weighed 30 / 30 / 40: half each so far.
        let out = combine(Combination::Weights, &[30.0, 30.0, 40.0], &example(), 0.0);
        assert!((out[0].score.unwrap_or_default() - 75.0).abs() < 1e-9);
        // Nothing weighed yet: the last round decides.
        let out = combine(Combination::Weights, &[0.0, 0.0, 100.0], &example(), 0.0);
        assert_eq!(out[1].score, Some(85.0));
    }

    #[test]
    fn a_proposal_the_current_round_did_not_score_is_not_ranked() {
        let mut all = example();
        all[1].rounds[1] = (None, None);
        let out = combine(Combination::Weights, &[40.0, 60.0], &all, 0.0);
        assert_eq!(out[1], Standing::default());
        assert_eq!(ranks(&out), vec![Some(2), None, Some(1)]);
        assert!(combine(Combination::Weights, &[50.0, 50.0], &[], 0.0).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// One round's generated (score step, tie-break), and a proposal's two.
        type Pair = (u8, u8);
        type Row = (Pair, Pair);

        /// Two rounds over 1–12 proposals, scores from a few values so that ties are common,
        /// each round's ranks as its ranking gives them (score, then its own tie-break).
        fn year() -> impl Strategy<Value = Vec<Across>> {
            prop::collection::vec(((0u8..6, 0u8..4), (0u8..6, 0u8..4)), 1..=12).prop_map(|rows| {
                let ranked = |pick: &dyn Fn(&Row) -> Pair| {
                    let mut order: Vec<usize> = (0..rows.len()).collect();
                    order.sort_by_key(|&i| {
                        let (score, tie) = pick(&rows[i]);
                        (std::cmp::Reverse(score), tie, i)
                    });
                    let mut rank = vec![0u32; rows.len()];
                    for (n, i) in order.into_iter().enumerate() {
                        rank[i] = n as u32 + 1;
                    }
                    rank
                };
                let first = ranked(&|r| r.0);
                let second = ranked(&|r| r.1);
                rows.iter()
                    .enumerate()
                    .map(|(i, ((s1, _), (s2, _)))| Across {
                        category_id: Some(i as i64 % 2),
                        rounds: vec![
                            (Some(f64::from(*s1) * 20.0), Some(first[i])),
                            (Some(f64::from(*s2) * 20.0), Some(second[i])),
                        ],
                    })
                    .collect()
            })
        }

        fn by_round(year: &[Across], round: usize) -> Vec<Option<u32>> {
            year.iter().map(|p| p.rounds[round].1).collect()
        }

        proptest! {
            /// Weighed 100 / 0, the result is the first round's ranking alone.
            #[test]
            fn all_weight_on_the_first_round_is_the_first_round(year in year()) {
                let out = combine(Combination::Weights, &[100.0, 0.0], &year, 0.0);
                prop_assert_eq!(ranks(&out), by_round(&year, 0));
            }

            /// Weighed 0 / 100, it is the last round's ranking alone.
            #[test]
            fn all_weight_on_the_last_round_is_the_last_round(year in year()) {
                let out = combine(Combination::Weights, &[0.0, 100.0], &year, 0.0);
                prop_assert_eq!(ranks(&out), by_round(&year, 1));
            }

            /// Whatever the combination, every scored proposal has one rank, 1..n.
            #[test]
            fn ranks_are_one_to_n(year in year(), w in 0.0f64..=100.0, weighed in any::<bool>()) {
                let how = if weighed { Combination::Weights } else { Combination::LastDecides };
                let out = combine(how, &[w, 100.0 - w], &year, 0.0);
                let mut got: Vec<u32> = out.iter().filter_map(|s| s.rank).collect();
                got.sort_unstable();
                prop_assert_eq!(got, (1..=year.len() as u32).collect::<Vec<_>>());
            }
        }
    }
}
