//! Balanced judge assignment: N judges per proposal, an even load, and the rules never broken
//! (no judge on a proposal of their own agency, none on a proposal they declared a conflict with).
//!
//! Greedy and deterministic: proposals with the fewest eligible judges go first (they have the
//! least room), and each takes the eligible judges with the lowest load so far; among equally
//! loaded judges one whose expertise matches the proposal's category is preferred, then the
//! lower id. Balance comes before expertise: an organiser who wants experts only can give the
//! category's proposals to a pool of experts by hand. Existing assignments are kept and count
//! towards load, so running it again only fills what is missing.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalSlot {
    pub id: String,
    pub agency_id: i64,
    pub category_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeSlot {
    pub id: i64,
    /// The agency the judge works for, if any: never assigned its proposals.
    pub agency_id: Option<i64>,
    /// The category the judge knows best, if given.
    pub expertise: Option<i64>,
}

/// What the algorithm starts from.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub proposals: Vec<ProposalSlot>,
    pub judges: Vec<JudgeSlot>,
    /// (proposal id, judge id) already assigned.
    pub existing: BTreeSet<(String, i64)>,
    /// (proposal id, judge id) with a declared conflict.
    pub conflicts: BTreeSet<(String, i64)>,
    pub per_proposal: usize,
}

/// The proposed new assignments, and the proposals that could not get enough judges.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub new: Vec<(String, i64)>,
    /// (proposal id, judges it still lacks): fewer eligible judges than needed.
    pub short: Vec<(String, usize)>,
    /// Every judge's load once the plan is committed (existing + new).
    pub load: BTreeMap<i64, usize>,
}

/// Whether this judge may ever judge this proposal.
pub fn eligible(
    judge: &JudgeSlot,
    proposal: &ProposalSlot,
    conflicts: &BTreeSet<(String, i64)>,
) -> bool {
    judge.agency_id != Some(proposal.agency_id)
        && !conflicts.contains(&(proposal.id.clone(), judge.id))
}

pub fn plan(input: &Input) -> Plan {
    let mut load: BTreeMap<i64, usize> = input.judges.iter().map(|j| (j.id, 0)).collect();
    let mut assigned: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
    for (p, j) in &input.existing {
        assigned.entry(p.as_str()).or_default().insert(*j);
        if let Some(l) = load.get_mut(j) {
            *l += 1;
        }
    }

    // Eligible judges per proposal, computed once.
    let mut work: Vec<(&ProposalSlot, Vec<&JudgeSlot>)> = input
        .proposals
        .iter()
        .map(|p| {
            let judges = input
                .judges
                .iter()
                .filter(|j| eligible(j, p, &input.conflicts))
                .collect();
            (p, judges)
        })
        .collect();
    // Least room first; ties in input order (stable sort).
    work.sort_by_key(|(_, judges)| judges.len());

    let mut plan = Plan::default();
    for (proposal, mut judges) in work {
        let have = assigned.get(proposal.id.as_str());
        let already = |j: i64| have.is_some_and(|set| set.contains(&j));
        let counted = judges.iter().filter(|j| already(j.id)).count();
        let need = input.per_proposal.saturating_sub(counted);
        if need == 0 {
            continue;
        }
        judges.retain(|j| !already(j.id));
        judges.sort_by_key(|j| {
            let matches = proposal.category_id.is_some() && j.expertise == proposal.category_id;
            (load.get(&j.id).copied().unwrap_or(0), !matches, j.id)
        });
        for j in judges.iter().take(need) {
            plan.new.push((proposal.id.clone(), j.id));
            *load.entry(j.id).or_default() += 1;
        }
        if judges.len() < need {
            plan.short.push((proposal.id.clone(), need - judges.len()));
        }
    }
    plan.load = load;
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(proposals: usize, judges: usize, agencies: i64, n: usize) -> Input {
        Input {
            proposals: (0..proposals)
                .map(|i| ProposalSlot {
                    id: format!("p{i}"),
                    agency_id: i as i64 % agencies,
                    category_id: Some(i as i64 % 3),
                })
                .collect(),
            judges: (0..judges)
                .map(|j| JudgeSlot {
                    id: j as i64,
                    agency_id: None,
                    expertise: Some(j as i64 % 3),
                })
                .collect(),
            per_proposal: n,
            ..Input::default()
        }
    }

    /// Every rule, checked on a committed plan.
    fn check(input: &Input, plan: &Plan) {
        let mut per: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
        for (p, j) in input.existing.iter().chain(plan.new.iter()) {
            assert!(per.entry(p).or_default().insert(*j), "{p} twice to {j}");
        }
        for p in &input.proposals {
            let judges = per.get(p.id.as_str()).cloned().unwrap_or_default();
            let short = plan
                .short
                .iter()
                .find(|(id, _)| id == &p.id)
                .map_or(0, |s| s.1);
            assert_eq!(judges.len() + short, input.per_proposal.max(judges.len()));
            for j in judges {
                let judge = input.judges.iter().find(|x| x.id == j).expect("a judge");
                if !input.existing.contains(&(p.id.clone(), j)) {
                    assert!(eligible(judge, p, &input.conflicts), "{} to {j}", p.id);
                }
            }
        }
    }

    #[test]
    fn every_proposal_gets_n_judges_and_loads_are_even() {
        let i = input(100, 7, 10, 3);
        let plan = plan(&i);
        check(&i, &plan);
        assert!(plan.short.is_empty());
        let loads: Vec<usize> = plan.load.values().copied().collect();
        let (min, max) = (loads.iter().min(), loads.iter().max());
        assert!(max.zip(min).is_some_and(|(a, b)| a - b <= 1), "{loads:?}");
        assert_eq!(loads.iter().sum::<usize>(), 300);
    }

    #[test]
    fn own_agency_and_conflicts_are_never_assigned() {
        let mut i = input(30, 4, 3, 3);
        i.judges[0].agency_id = Some(0);
        i.conflicts.insert(("p1".into(), 1));
        i.conflicts.insert(("p1".into(), 2));
        let plan = plan(&i);
        check(&i, &plan);
        // p1 has only judges 0 and 3 left (agency 1 ≠ judge 0's agency 0): one short.
        assert_eq!(plan.short, vec![("p1".to_string(), 1)]);
        assert!(!plan
            .new
            .iter()
            .any(|(p, j)| *j == 0 && i.proposals.iter().any(|x| &x.id == p && x.agency_id == 0)));
    }

    #[test]
    fn existing_assignments_are_kept_and_count() {
        let mut i = input(6, 3, 6, 2);
        i.existing.insert(("p0".into(), 0));
        i.existing.insert(("p0".into(), 1));
        let plan = plan(&i);
        check(&i, &plan);
        assert!(!plan.new.iter().any(|(p, _)| p == "p0"));
        assert_eq!(plan.load.values().sum::<usize>(), 12);
    }

    #[test]
    fn expertise_breaks_ties() {
        let i = input(3, 6, 3, 1);
        let plan = plan(&i);
        for (p, j) in &plan.new {
            let prop = i.proposals.iter().find(|x| &x.id == p).expect("p");
            assert_eq!(Some(*j % 3), prop.category_id, "{p} → {j}");
        }
    }

    #[test]
    fn random_inputs_keep_every_rule() {
        // A small deterministic generator: many shapes, no extra crate.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n.max(1)
        };
        for _ in 0..300 {
            let mut i = input(
                next(40) as usize,
                1 + next(9) as usize,
                1 + next(6) as i64,
                1 + next(4) as usize,
            );
            for j in i.judges.iter_mut() {
                if next(3) == 0 {
                    j.agency_id = Some(next(6) as i64);
                }
            }
            for p in &i.proposals {
                if next(5) == 0 {
                    i.conflicts.insert((p.id.clone(), next(9) as i64));
                }
            }
            let plan = plan(&i);
            check(&i, &plan);
            // Everyone eligible for everything: loads within one.
            if i.judges.iter().all(|j| j.agency_id.is_none()) && i.conflicts.is_empty() {
                let loads: Vec<usize> = plan.load.values().copied().collect();
                let spread = loads.iter().max().unwrap_or(&0) - loads.iter().min().unwrap_or(&0);
                assert!(spread <= 1, "{loads:?}");
            }
        }
    }
}
