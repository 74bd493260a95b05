//! How far two groupings of the same participants agree: the adjusted Rand index, used to
//! compare Agora's groups with Pol.is's.

use std::collections::HashMap;
use std::hash::Hash;

use crate::analysis::Group;
use crate::matrix::ParticipantId;

/// The adjusted Rand index between `groups` and another grouping of participants, over the
/// participants both place in a group; returns (index, how many participants that is).
pub fn against<T: Eq + Hash>(groups: &[Group], other: &HashMap<ParticipantId, T>) -> (f64, usize) {
    let pairs: Vec<(usize, &T)> = groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |p| (g.id, p)))
        .filter_map(|(g, p)| other.get(p).map(|t| (g, t)))
        .collect();
    (adjusted_rand_index(&pairs), pairs.len())
}

/// The adjusted Rand index (Hubert and Arabie) of two labellings of the same items: 1 for
/// identical partitions (whatever the label names), about 0 for chance agreement.
pub fn adjusted_rand_index<A: Eq + Hash, B: Eq + Hash>(pairs: &[(A, B)]) -> f64 {
    let choose2 = |n: usize| (n * n.saturating_sub(1)) as f64 / 2.0;
    let mut table: HashMap<(&A, &B), usize> = HashMap::new();
    let mut rows: HashMap<&A, usize> = HashMap::new();
    let mut cols: HashMap<&B, usize> = HashMap::new();
    for (a, b) in pairs {
        *table.entry((a, b)).or_default() += 1;
        *rows.entry(a).or_default() += 1;
        *cols.entry(b).or_default() += 1;
    }
    let index: f64 = table.values().map(|&n| choose2(n)).sum();
    let sum_rows: f64 = rows.values().map(|&n| choose2(n)).sum();
    let sum_cols: f64 = cols.values().map(|&n| choose2(n)).sum();
    let expected = sum_rows * sum_cols / choose2(pairs.len()).max(1.0);
    let max = (sum_rows + sum_cols) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_labels_agree_fully() {
        let pairs = [(0, 'b'), (0, 'b'), (1, 'a'), (1, 'a'), (2, 'c')];
        assert!((adjusted_rand_index(&pairs) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_known_value() {
        // scikit-learn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        let pairs = [(0, 0), (0, 0), (1, 1), (1, 2)];
        assert!((adjusted_rand_index(&pairs) - 0.5714285714285715).abs() < 1e-12);
    }
}
