//! Scores of a clustering against the truth, computed from contingency counts (never over all
//! pairs), so a million answers score in well under a second.

use std::collections::{BTreeMap, HashMap};

use crate::Row;

/// Pairwise precision, recall and F1: over the pairs of answers put in one cluster.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairScores {
    /// Of the pairs the prediction joins, the share the truth joins too (1 when it joins none).
    pub precision: f64,
    /// Of the pairs the truth joins, the share the prediction joins too (1 when there are none).
    pub recall: f64,
    pub f1: f64,
}

/// Pairwise scores of a clustering where `None` is an answer on its own (not in a campaign).
///
/// # Panics
/// When the two slices differ in length: they must label the same answers in the same order.
pub fn pairwise_f1(truth: &[Option<&str>], predicted: &[Option<&str>]) -> PairScores {
    assert_eq!(
        truth.len(),
        predicted.len(),
        "pairwise_f1: the truth labels {} answers, the prediction {}",
        truth.len(),
        predicted.len()
    );
    let mut truth_sizes: BTreeMap<&str, u64> = BTreeMap::new();
    let mut predicted_sizes: BTreeMap<&str, u64> = BTreeMap::new();
    let mut both: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (t, p) in truth.iter().zip(predicted) {
        if let Some(t) = t {
            *truth_sizes.entry(t).or_default() += 1;
        }
        if let Some(p) = p {
            *predicted_sizes.entry(p).or_default() += 1;
        }
        if let (Some(t), Some(p)) = (t, p) {
            *both.entry((t, p)).or_default() += 1;
        }
    }
    let pairs = |sizes: &mut dyn Iterator<Item = &u64>| -> u64 {
        sizes.map(|&n| n * (n.saturating_sub(1)) / 2).sum()
    };
    let truth_pairs = pairs(&mut truth_sizes.values());
    let predicted_pairs = pairs(&mut predicted_sizes.values());
    let common = pairs(&mut both.values());
    let ratio = |part: u64, whole: u64| {
        if whole == 0 {
            1.0
        } else {
            part as f64 / whole as f64
        }
    };
    let precision = ratio(common, predicted_pairs);
    let recall = ratio(common, truth_pairs);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    PairScores {
        precision,
        recall,
        f1,
    }
}

/// Normalised mutual information with the arithmetic-mean normalisation, as scikit-learn's
/// `normalized_mutual_info_score` by default: MI / ((H(truth) + H(predicted)) / 2), 1 when both
/// put everything in one cluster, 0 when either does and the other does not.
///
/// # Panics
/// When the two slices differ in length.
pub fn nmi(truth: &[&str], predicted: &[&str]) -> f64 {
    assert_eq!(
        truth.len(),
        predicted.len(),
        "nmi: the truth labels {} answers, the prediction {}",
        truth.len(),
        predicted.len()
    );
    let mut a: BTreeMap<&str, u64> = BTreeMap::new();
    let mut b: BTreeMap<&str, u64> = BTreeMap::new();
    let mut both: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (&t, &p) in truth.iter().zip(predicted) {
        *a.entry(t).or_default() += 1;
        *b.entry(p).or_default() += 1;
        *both.entry((t, p)).or_default() += 1;
    }
    if a.len() == b.len() && a.len() <= 1 {
        return 1.0;
    }
    let n = truth.len() as f64;
    let entropy = |sizes: &BTreeMap<&str, u64>| -> f64 {
        sizes
            .values()
            .map(|&s| {
                let p = s as f64 / n;
                -p * p.ln()
            })
            .sum()
    };
    let mi: f64 = both
        .iter()
        .map(|(&(t, p), &nij)| {
            let nij = nij as f64;
            nij / n * (n * nij / (a[t] as f64 * b[p] as f64)).ln()
        })
        .sum();
    let mi = mi.max(0.0);
    if mi == 0.0 {
        return 0.0;
    }
    let normaliser = ((entropy(&a) + entropy(&b)) / 2.0).max(f64::EPSILON);
    mi / normaliser
}

/// Answer id → group id, from groups given as (id, member answer ids): how a tool's campaigns
/// or themes are scored against the rows.
pub fn membership<'a>(
    groups: impl Iterator<Item = (&'a str, &'a [String])>,
) -> HashMap<&'a str, &'a str> {
    groups
        .flat_map(|(id, members)| members.iter().map(move |m| (m.as_str(), id)))
        .collect()
}

/// Pairwise scores of found campaigns (answer id → campaign; absent: in none) against the rows'
/// `campaign` column.
pub fn campaign_scores(rows: &[Row], found: &HashMap<&str, &str>) -> PairScores {
    let truth: Vec<Option<&str>> = rows
        .iter()
        .map(|r| Some(r.campaign.as_str()).filter(|c| !c.is_empty()))
        .collect();
    let predicted: Vec<Option<&str>> = rows
        .iter()
        .map(|r| found.get(r.id.as_str()).copied())
        .collect();
    pairwise_f1(&truth, &predicted)
}

/// NMI of found themes (answer id → theme; every row must have one) against the rows' `theme`
/// column.
pub fn theme_nmi(rows: &[Row], found: &HashMap<&str, &str>) -> f64 {
    let truth: Vec<&str> = rows.iter().map(|r| r.theme).collect();
    let predicted: Vec<&str> = rows.iter().map(|r| found[r.id.as_str()]).collect();
    nmi(&truth, &predicted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_counted_per_cluster() {
        // Truth: {0,1,2} and {4,5}: 3 + 1 = 4 pairs. Prediction: {0,1}, {4,5}: 2 pairs, both
        // true. Precision 2/2, recall 2/4.
        let truth = [Some("a"), Some("a"), Some("a"), None, Some("b"), Some("b")];
        let predicted = [Some("x"), Some("x"), None, None, Some("y"), Some("y")];
        let s = pairwise_f1(&truth, &predicted);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn merging_two_campaigns_costs_precision() {
        // Truth {0,1}, {2,3}: 2 pairs. Prediction {0,1,2,3}: 6 pairs, 2 of them true.
        let truth = [Some("a"), Some("a"), Some("b"), Some("b")];
        let predicted = [Some("x"); 4];
        let s = pairwise_f1(&truth, &predicted);
        assert!((s.precision - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.recall, 1.0);
        assert!((s.f1 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn no_pairs_at_all_is_perfect_and_none_found_is_zero() {
        let s = pairwise_f1(&[None, None], &[None, None]);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        let s = pairwise_f1(&[Some("a"), Some("a")], &[None, None]);
        assert_eq!((s.precision, s.recall), (1.0, 0.0));
    }

    #[test]
    #[should_panic(expected = "the truth labels 1 answers, the prediction 2")]
    fn lengths_must_match() {
        pairwise_f1(&[None], &[None, None]);
    }

    #[test]
    fn nmi_of_identical_and_independent_labelings() {
        assert!((nmi(&["a", "a", "b", "b"], &["x", "x", "y", "y"]) - 1.0).abs() < 1e-12);
        assert_eq!(nmi(&["a", "a", "b", "b"], &["x", "y", "x", "y"]), 0.0);
        assert_eq!(nmi(&["a", "a"], &["x", "x"]), 1.0);
        assert_eq!(nmi(&["a", "b"], &["x", "x"]), 0.0);
    }

    #[test]
    fn nmi_by_hand() {
        // Contingency (a,x)=2, (a,y)=1, (b,y)=3 over 6 answers:
        // MI = 2/6 ln(6·2/(3·2)) + 1/6 ln(6·1/(3·4)) + 3/6 ln(6·3/(3·4)) = 0.318257
        // H(truth) = ln 2 = 0.693147; H(pred) = −(1/3 ln 1/3 + 2/3 ln 2/3) = 0.636514
        // NMI = 0.318257 / 0.664831 = 0.478705 (scikit-learn gives the same).
        let v = nmi(
            &["a", "a", "a", "b", "b", "b"],
            &["x", "x", "y", "y", "y", "y"],
        );
        assert!((v - 0.478705).abs() < 1e-5, "{v}");
    }
}
