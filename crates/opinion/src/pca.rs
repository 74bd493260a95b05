//! Principal components of the mean-imputed vote matrix, and the participants' map positions.
//!
//! Pol.is imputes each missing vote with its statement's mean, centres the columns and runs
//! 100 steps of power iteration from a random start (unseeded, stopping only on an exactly
//! equal eigenvalue). Here the same components are computed deterministically and to
//! convergence: a block subspace iteration from a fixed pseudo-random start, then a
//! Rayleigh–Ritz step. Because an imputed cell equals its column mean, the centred matrix
//! is zero there, so every product works on the votes alone (O(votes) per step).
//!
//! Quirk decided: components are sign-ambiguous (Pol.is's flip with its random start). Each
//! component here is oriented so that its largest-magnitude coordinate is positive.

use rayon::prelude::*;
use serde::Serialize;

use crate::matrix::VoteMatrix;

/// Vectors iterated together: two components plus two that speed up convergence.
const BLOCK: usize = 4;
/// Components kept.
pub const COMPONENTS: usize = 2;

/// The fitted components, one coordinate per statement column.
#[derive(Clone, Debug, Serialize)]
pub struct Pca {
    /// Column means over the votes cast (0 for excluded or unvoted statements).
    pub center: Vec<f64>,
    pub components: [Vec<f64>; COMPONENTS],
}

/// Options of the iteration; the defaults converge far below display precision.
#[derive(Clone, Copy, Debug)]
pub struct PcaOptions {
    pub max_iterations: usize,
    /// Stop when the plane of the two leading vectors moves by less than this (1 − the squared
    /// norm of a new vector's projection on the old plane). The plane converges at the rate
    /// λ₃/λ₂ even when λ₂/λ₁ is close to 1, where plain power iteration (Pol.is's) crawls;
    /// the final Rayleigh–Ritz step then rotates the plane onto the two eigenvectors.
    pub tolerance: f64,
    pub seed: u64,
}

impl Default for PcaOptions {
    fn default() -> Self {
        PcaOptions {
            max_iterations: 300,
            tolerance: 1e-12,
            seed: 0x5eed,
        }
    }
}

/// Fits the components on all participants (as Pol.is does: clustering is restricted to
/// in-conversation participants later, the PCA is not). Excluded columns are zero, as in
/// Pol.is's `rating-mat`, so they carry no weight.
pub fn fit(matrix: &VoteMatrix, options: &PcaOptions) -> Pca {
    let n_cols = matrix.statements().len();
    let center = column_means(matrix);
    let x = Centred::new(matrix, &center);

    let mut basis = start_block(n_cols, options.seed);
    orthonormalise(&mut basis);
    for _ in 0..options.max_iterations {
        let mut next = gram_times(&x, &basis);
        orthonormalise(&mut next);
        let moved = (0..COMPONENTS)
            .map(|c| {
                1.0 - (0..COMPONENTS)
                    .map(|d| dot(&basis[d], &next[c]).powi(2))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        basis = next;
        if moved < options.tolerance {
            break;
        }
    }
    let components = rayleigh_ritz(&x, &basis);
    Pca { center, components }
}

/// The mean of the votes cast on each included column.
fn column_means(matrix: &VoteMatrix) -> Vec<f64> {
    let n_cols = matrix.statements().len();
    let mut sum = vec![0.0; n_cols];
    let mut count = vec![0usize; n_cols];
    for i in 0..matrix.participants().len() {
        for (j, v) in matrix.row(i) {
            sum[j] += f64::from(v);
            count[j] += 1;
        }
    }
    (0..n_cols)
        .map(|j| {
            if matrix.is_excluded(j) || count[j] == 0 {
                0.0
            } else {
                sum[j] / count[j] as f64
            }
        })
        .collect()
}

/// The centred matrix's non-zero cells (vote − column mean), stored both by row and by
/// column, so that X·v and Xᵀ·y are both parallel gathers with no shared writes.
struct Centred {
    n_cols: usize,
    row_start: Vec<usize>,
    row_cols: Vec<u32>,
    row_values: Vec<f64>,
    col_start: Vec<usize>,
    col_rows: Vec<u32>,
    col_values: Vec<f64>,
}

impl Centred {
    fn new(matrix: &VoteMatrix, center: &[f64]) -> Centred {
        let n_cols = matrix.statements().len();
        let mut row_start = Vec::with_capacity(matrix.participants().len() + 1);
        let mut row_cols = Vec::with_capacity(matrix.vote_count());
        let mut row_values = Vec::with_capacity(matrix.vote_count());
        let mut col_count = vec![0usize; n_cols + 1];
        row_start.push(0);
        for i in 0..matrix.participants().len() {
            for (j, v) in matrix.row(i).filter(|&(j, _)| !matrix.is_excluded(j)) {
                row_cols.push(j as u32);
                row_values.push(f64::from(v) - center[j]);
                col_count[j + 1] += 1;
            }
            row_start.push(row_cols.len());
        }
        for j in 0..n_cols {
            col_count[j + 1] += col_count[j];
        }
        let col_start = col_count;
        let mut next = col_start.clone();
        let mut col_rows = vec![0u32; row_cols.len()];
        let mut col_values = vec![0.0; row_cols.len()];
        for i in 0..matrix.participants().len() {
            for k in row_start[i]..row_start[i + 1] {
                let j = row_cols[k] as usize;
                col_rows[next[j]] = i as u32;
                col_values[next[j]] = row_values[k];
                next[j] += 1;
            }
        }
        Centred {
            n_cols,
            row_start,
            row_cols,
            row_values,
            col_start,
            col_rows,
            col_values,
        }
    }
}

/// A fixed pseudo-random start (splitmix64), column-major blocks of `n` coordinates.
fn start_block(n: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut state = seed;
    (0..BLOCK)
        .map(|_| {
            (0..n)
                .map(|_| {
                    state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                    let mut z = state;
                    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                    z ^= z >> 31;
                    (z >> 11) as f64 / (1u64 << 53) as f64 - 0.5
                })
                .collect()
        })
        .collect()
}

/// XᵀX·V for the block V, without forming XᵀX: Y = X·V by rows, then Xᵀ·Y by columns.
fn gram_times(x: &Centred, basis: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let k = basis.len();
    let v: Vec<[f64; BLOCK]> = (0..x.n_cols)
        .map(|j| std::array::from_fn(|c| if c < k { basis[c][j] } else { 0.0 }))
        .collect();
    let y = gather(&x.row_start, &x.row_cols, &x.row_values, &v);
    let w = gather(&x.col_start, &x.col_rows, &x.col_values, &y);
    (0..k)
        .map(|c| w.iter().map(|row| row[c]).collect())
        .collect()
}

/// For each line (row or column) of a compressed sparse matrix, Σ value · source[index]:
/// one line per task, so no two tasks write the same place.
fn gather(
    start: &[usize],
    index: &[u32],
    values: &[f64],
    source: &[[f64; BLOCK]],
) -> Vec<[f64; BLOCK]> {
    (0..start.len() - 1)
        .into_par_iter()
        .with_min_len(64)
        .map(|line| {
            let mut acc = [0.0; BLOCK];
            for t in start[line]..start[line + 1] {
                let (s, value) = (&source[index[t] as usize], values[t]);
                acc.iter_mut().zip(s).for_each(|(a, b)| *a += value * b);
            }
            acc
        })
        .collect()
}

/// Modified Gram–Schmidt, each vector projected out twice ("twice is enough" for
/// orthogonality in floating point). A vector that was (nearly) in the span of the previous
/// ones (a matrix of rank below the block size) becomes zero rather than normalised noise.
fn orthonormalise(basis: &mut [Vec<f64>]) {
    for c in 0..basis.len() {
        let before = dot(&basis[c], &basis[c]).sqrt();
        let (done, rest) = basis.split_at_mut(c);
        let v = &mut rest[0];
        for _ in 0..2 {
            for d in done.iter() {
                let p = dot(v, d);
                v.iter_mut().zip(d).for_each(|(x, y)| *x -= p * y);
            }
        }
        let norm = dot(v, v).sqrt();
        let scale = if norm > 1e-10 * before {
            1.0 / norm
        } else {
            0.0
        };
        v.iter_mut().for_each(|x| *x *= scale);
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Rotates the converged block onto the eigenvectors of its projected Gram matrix and returns
/// the two leading ones, each with its sign fixed.
fn rayleigh_ritz(x: &Centred, basis: &[Vec<f64>]) -> [Vec<f64>; COMPONENTS] {
    let image = gram_times(x, basis);
    let n_cols = x.n_cols;
    let k = basis.len();
    let mut small = vec![vec![0.0; k]; k];
    for a in 0..k {
        for b in 0..k {
            small[a][b] = dot(&basis[a], &image[b]);
        }
    }
    let (values, vectors) = jacobi_eigen(small);
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    std::array::from_fn(|c| {
        let e = order[c];
        let mut v: Vec<f64> = (0..n_cols)
            .map(|j| (0..k).map(|a| basis[a][j] * vectors[a][e]).sum())
            .collect();
        orient(&mut v);
        v
    })
}

/// The sign convention: the largest-magnitude coordinate is positive. Coordinates equal to
/// the largest up to rounding (1e-9 relative) count as ties, and the first of them decides, so
/// that rounding noise cannot flip the map.
fn orient(v: &mut [f64]) {
    let largest = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let pivot = v
        .iter()
        .copied()
        .find(|x| x.abs() >= largest * (1.0 - 1e-9))
        .unwrap_or(0.0);
    if pivot < 0.0 {
        v.iter_mut().for_each(|x| *x = -*x);
    }
}

/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations:
/// (eigenvalues, eigenvectors as columns).
fn jacobi_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                rotate_columns(&mut a, p, q, c, s);
                let (row_p, row_q) = (a[p].clone(), a[q].clone());
                a[p] = row_p
                    .iter()
                    .zip(&row_q)
                    .map(|(x, y)| c * x - s * y)
                    .collect();
                a[q] = row_p
                    .iter()
                    .zip(&row_q)
                    .map(|(x, y)| s * x + c * y)
                    .collect();
                rotate_columns(&mut v, p, q, c, s);
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

/// Applies the Jacobi rotation (c, s) to columns p and q of every row.
fn rotate_columns(m: &mut [Vec<f64>], p: usize, q: usize, c: f64, s: f64) {
    for row in m.iter_mut() {
        let (xp, xq) = (row[p], row[q]);
        row[p] = c * xp - s * xq;
        row[q] = s * xp + c * xq;
    }
}

/// Each participant's position, Pol.is's "sparsity-aware" projection: the centred votes cast,
/// projected on the components and scaled by sqrt(n_statements / n_votes), which pushes
/// participants who voted little away from the centre instead of leaving them there.
///
/// Quirk kept: Pol.is zeroes excluded columns rather than blanking them, so every participant
/// counts as having "voted" on each excluded statement in `n_votes`.
pub fn project(matrix: &VoteMatrix, pca: &Pca) -> Vec<[f64; 2]> {
    let n_cols = matrix.statements().len();
    let n_excluded = (0..n_cols).filter(|&j| matrix.is_excluded(j)).count();
    (0..matrix.participants().len())
        .into_par_iter()
        .map(|i| {
            let mut p = [0.0; 2];
            let mut voted_included = 0usize;
            for (j, v) in matrix.row(i).filter(|&(j, _)| !matrix.is_excluded(j)) {
                let x = f64::from(v) - pca.center[j];
                p[0] += x * pca.components[0][j];
                p[1] += x * pca.components[1][j];
                voted_included += 1;
            }
            let n_votes = (voted_included + n_excluded).max(1);
            let scale = (n_cols as f64 / n_votes as f64).sqrt();
            [p[0] * scale, p[1] * scale]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_known_matrix() {
        // [[2,1],[1,2]] has eigenvalues 3 and 1 on (1,1) and (1,-1).
        let (values, vectors) = jacobi_eigen(vec![vec![2.0, 1.0], vec![1.0, 2.0]]);
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        assert!((sorted[0] - 1.0).abs() < 1e-12 && (sorted[1] - 3.0).abs() < 1e-12);
        let top = if values[0] > values[1] { 0 } else { 1 };
        assert!((vectors[0][top].abs() - vectors[1][top].abs()).abs() < 1e-12);
    }

    #[test]
    fn orient_makes_the_largest_coordinate_positive() {
        let mut v = vec![0.1, -0.9, 0.3];
        orient(&mut v);
        assert_eq!(v, vec![-0.1, 0.9, -0.3]);
        // A tie up to rounding: the first coordinate decides.
        let mut tie = vec![-0.5, 0.5000000000000001];
        orient(&mut tie);
        assert_eq!(tie, vec![0.5, -0.5000000000000001]);
    }
}
