//! Vote counts and the statistics Pol.is ranks statements by (`repness.clj`, `stats.clj`):
//! Laplace-smoothed proportions, one- and two-proportion z-tests, at one-sided 90%.

use serde::Serialize;

use crate::matrix::StatementId;

/// One-sided 90% significance (Pol.is's `z-sig-90?`).
pub const Z_90: f64 = 1.2816;

/// Agrees, disagrees and all votes seen (passes included) on one statement by some participants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub agree: u32,
    pub disagree: u32,
    pub seen: u32,
}

impl Counts {
    pub fn add(&mut self, value: i8) {
        self.agree += u32::from(value > 0);
        self.disagree += u32::from(value < 0);
        self.seen += 1;
    }

    pub fn merge(self, other: Counts) -> Counts {
        Counts {
            agree: self.agree + other.agree,
            disagree: self.disagree + other.disagree,
            seen: self.seen + other.seen,
        }
    }
}

/// (successes + 1) / (trials + 2): the smoothed probability Pol.is reports as `p-success`.
pub fn smoothed(successes: u32, trials: u32) -> f64 {
    (f64::from(successes) + 1.0) / (f64::from(trials) + 2.0)
}

/// Pol.is's `prop-test`: a one-proportion z against ½, with +1 smoothing.
pub fn prop_test(successes: u32, trials: u32) -> f64 {
    let (s, n) = (f64::from(successes), f64::from(trials));
    2.0 * (n + 1.0).sqrt() * ((s + 1.0) / (n + 1.0) - 0.5)
}

/// Pol.is's `two-prop-test`: group against the rest, every count +1; 0 when the pooled
/// proportion is 1.
pub fn two_prop_test(s1: u32, s2: u32, n1: u32, n2: u32) -> f64 {
    let (s1, s2, n1, n2) = (
        f64::from(s1) + 1.0,
        f64::from(s2) + 1.0,
        f64::from(n1) + 1.0,
        f64::from(n2) + 1.0,
    );
    let (p1, p2) = (s1 / n1, s2 / n2);
    let pooled = (s1 + s2) / (n1 + n2);
    if pooled >= 1.0 {
        return 0.0;
    }
    (p1 - p2) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt()
}

/// Which way a statement speaks for a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Agree,
    Disagree,
}

/// A statement that represents a group (Pol.is's `finalize-cmt-stats` fields).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Representative {
    pub statement: StatementId,
    pub side: Side,
    pub n_success: u32,
    pub n_trials: u32,
    pub p_success: f64,
    pub p_test: f64,
    /// How much likelier the group is than the rest to take this side.
    pub repness: f64,
    pub repness_test: f64,
    /// Pol.is's "best agree": shown first even if not significant.
    pub best_agree: bool,
}

/// One statement's statistics for a group against the rest.
#[derive(Clone, Copy, Debug)]
struct RepStats {
    statement: StatementId,
    group: Counts,
    pa: f64,
    pd: f64,
    pat: f64,
    pdt: f64,
    ra: f64,
    rd: f64,
    rat: f64,
    rdt: f64,
}

impl RepStats {
    fn new(statement: StatementId, group: Counts, rest: Counts) -> RepStats {
        let pa = smoothed(group.agree, group.seen);
        let pd = smoothed(group.disagree, group.seen);
        RepStats {
            statement,
            group,
            pa,
            pd,
            pat: prop_test(group.agree, group.seen),
            pdt: prop_test(group.disagree, group.seen),
            ra: pa / smoothed(rest.agree, rest.seen),
            rd: pd / smoothed(rest.disagree, rest.seen),
            rat: two_prop_test(group.agree, rest.agree, group.seen, rest.seen),
            rdt: two_prop_test(group.disagree, rest.disagree, group.seen, rest.seen),
        }
    }

    fn sufficient(&self) -> bool {
        (self.rat > Z_90 && self.pat > Z_90) || (self.rdt > Z_90 && self.pdt > Z_90)
    }

    /// Pol.is's `finalize-cmt-stats`: the agree side if `rat > rdt`, else disagree.
    fn finalize(&self, best_agree: bool) -> Representative {
        let agree = best_agree || self.rat > self.rdt;
        let (side, n_success, p_success, p_test, repness, repness_test) = if agree {
            (
                Side::Agree,
                self.group.agree,
                self.pa,
                self.pat,
                self.ra,
                self.rat,
            )
        } else {
            (
                Side::Disagree,
                self.group.disagree,
                self.pd,
                self.pdt,
                self.rd,
                self.rdt,
            )
        };
        Representative {
            statement: self.statement,
            side,
            n_success,
            n_trials: self.group.seen,
            p_success,
            p_test,
            repness,
            repness_test,
            best_agree,
        }
    }

    /// Pol.is's `beats-best-agr?`.
    fn beats_best_agree(&self, best: Option<&RepStats>) -> bool {
        if self.group.agree == 0 && self.group.disagree == 0 {
            return false;
        }
        match best {
            Some(b) if b.ra > 1.0 => {
                self.ra * self.rat * self.pa * self.pat > b.ra * b.rat * b.pa * b.pat
            }
            Some(b) => self.pa * self.pat > b.pa * b.pat,
            None => self.pat > Z_90 || (self.ra > 1.0 && self.pa > 0.5),
        }
    }
}

/// Pol.is's ranking metric for representative statements.
fn metric(r: &Representative) -> f64 {
    r.repness * r.repness_test * r.p_success * r.p_test
}

/// At most five representative statements for one group (Pol.is's `select-rep-comments`):
/// the best agree first, then the significant ones by descending metric, agrees before
/// disagrees; if none is significant, the best agree alone, else the single statement with
/// the largest z against the rest. `statements` lists (id, group counts, rest counts) of the
/// included statements, in ascending id order.
pub fn representatives(statements: &[(StatementId, Counts, Counts)]) -> Vec<Representative> {
    let stats: Vec<RepStats> = statements
        .iter()
        .map(|&(id, group, rest)| RepStats::new(id, group, rest))
        .collect();
    let mut best_agree: Option<&RepStats> = None;
    for s in &stats {
        if s.beats_best_agree(best_agree) {
            best_agree = Some(s);
        }
    }
    let mut sufficient: Vec<Representative> = stats
        .iter()
        .filter(|s| s.sufficient())
        .map(|s| s.finalize(false))
        .collect();
    if sufficient.is_empty() {
        let fallback = best_agree.map(|b| b.finalize(true)).or_else(|| {
            stats
                .iter()
                .reduce(|a, b| {
                    if b.rat.max(b.rdt) > a.rat.max(a.rdt) {
                        b
                    } else {
                        a
                    }
                })
                .map(|s| s.finalize(false))
        });
        return fallback.into_iter().collect();
    }
    sufficient.sort_by(|a, b| metric(b).total_cmp(&metric(a)));
    let mut chosen: Vec<Representative> = Vec::with_capacity(5);
    if let Some(b) = best_agree {
        sufficient.retain(|r| r.statement != b.statement);
        chosen.push(b.finalize(true));
    }
    chosen.extend(sufficient);
    chosen.truncate(5);
    // Agrees before disagrees, the order within each kept (a stable sort).
    chosen.sort_by_key(|r| r.side == Side::Disagree);
    chosen
}

/// A statement most participants take the same side on (Pol.is's `consensus-stats`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Consensus {
    pub statement: StatementId,
    pub n_success: u32,
    pub n_trials: u32,
    pub p_success: f64,
    pub p_test: f64,
}

/// Majority consensus over all participants: per side, the statements with smoothed
/// probability above ½ and a significant z, the five best by p·z (Pol.is's
/// `select-consensus-comments`). Returns (agree, disagree).
pub fn majority_consensus(
    statements: &[(StatementId, Counts)],
) -> (Vec<Consensus>, Vec<Consensus>) {
    let side = |pick: fn(&Counts) -> u32| {
        let mut list: Vec<Consensus> = statements
            .iter()
            .map(|&(statement, c)| Consensus {
                statement,
                n_success: pick(&c),
                n_trials: c.seen,
                p_success: smoothed(pick(&c), c.seen),
                p_test: prop_test(pick(&c), c.seen),
            })
            .filter(|c| c.p_success > 0.5 && c.p_test > Z_90)
            .collect();
        list.sort_by(|a, b| (b.p_success * b.p_test).total_cmp(&(a.p_success * a.p_test)));
        list.truncate(5);
        list
    };
    (side(|c| c.agree), side(|c| c.disagree))
}

/// Group-informed consensus: the product over groups of each group's smoothed agree
/// probability, Π (A_g + 1) / (S_g + 2). High only if every group tends to agree.
pub fn group_informed_consensus(per_group: impl IntoIterator<Item = Counts>) -> f64 {
    per_group
        .into_iter()
        .map(|c| smoothed(c.agree, c.seen))
        .product()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prop_test_matches_the_polis_fixture_value() {
        // below-100-ptpts: n-success 6 of 6 trials, p-test 2.6457513110645907 = 2·sqrt(7)·0.5.
        assert!((prop_test(6, 6) - 2.6457513110645907).abs() < 1e-12);
        assert!((smoothed(6, 6) - 0.875).abs() < 1e-15);
    }

    #[test]
    fn two_prop_test_is_antisymmetric_and_zero_at_certainty() {
        let z = two_prop_test(8, 2, 10, 10);
        assert!(z > Z_90);
        assert!((two_prop_test(2, 8, 10, 10) + z).abs() < 1e-12);
        assert_eq!(two_prop_test(0, 0, 0, 0), 0.0);
    }

    fn counts(agree: u32, disagree: u32, seen: u32) -> Counts {
        Counts {
            agree,
            disagree,
            seen,
        }
    }

    #[test]
    fn a_group_is_represented_by_what_sets_it_apart() {
        // Statement 1: the group agrees, the rest disagrees. Statement 2: everyone agrees.
        let reps = representatives(&[
            (1, counts(20, 0, 20), counts(1, 19, 20)),
            (2, counts(20, 0, 20), counts(20, 0, 20)),
            (3, counts(0, 20, 20), counts(19, 1, 20)),
        ]);
        let ids: Vec<_> = reps.iter().map(|r| (r.statement, r.side)).collect();
        assert_eq!(ids, vec![(1, Side::Agree), (3, Side::Disagree)]);
        assert!(reps[0].best_agree);
    }

    #[test]
    fn consensus_needs_a_significant_majority() {
        let (agree, disagree) = majority_consensus(&[
            (1, counts(9, 1, 10)),
            (2, counts(3, 3, 10)),
            (3, counts(0, 10, 10)),
        ]);
        assert_eq!(
            agree.iter().map(|c| c.statement).collect::<Vec<_>>(),
            vec![1]
        );
        assert_eq!(
            disagree.iter().map(|c| c.statement).collect::<Vec<_>>(),
            vec![3]
        );
    }

    #[test]
    fn group_informed_consensus_is_the_product_of_smoothed_agreement() {
        let g = group_informed_consensus([counts(3, 0, 4), counts(0, 1, 1)]);
        assert!((g - (4.0 / 6.0) * (1.0 / 3.0)).abs() < 1e-15);
    }
}
