//! Spherical k-means over sparse unit vectors, and the silhouette that chooses k.
//!
//! Cosine similarity is the measure throughout: centroids are the normalised mean of their
//! members, and a point goes to the centroid it is most similar to. Starts are k-means++
//! (each new centre drawn with probability proportional to its distance from the nearest
//! centre so far), seeded, so a run is reproducible.

use rayon::prelude::*;

use crate::features::Sparse;
use crate::hash::SplitMix;

/// Rounds stop when at most one point in this many moves.
const SETTLED: usize = 1_000;

/// A clustering: dense unit centroids and, per point, its centroid.
pub struct Clustering {
    pub centroids: Vec<Vec<f32>>,
    pub assignment: Vec<usize>,
    /// Sum over points of the similarity to their centroid (higher is tighter).
    pub cohesion: f64,
}

/// Similarity of a sparse point and a dense centroid.
pub fn similarity(point: &Sparse, centroid: &[f32]) -> f32 {
    point.iter().map(|&(d, w)| w * centroid[d as usize]).sum()
}

/// The centroid `point` is most similar to, and that similarity (ties go to the lower index).
pub fn nearest(point: &Sparse, centroids: &[Vec<f32>]) -> (usize, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    for (c, centroid) in centroids.iter().enumerate() {
        let s = similarity(point, centroid);
        if s > best.1 {
            best = (c, s);
        }
    }
    best
}

/// Runs k-means on `points` (k ≤ number of points) for at most `iterations` rounds.
pub fn kmeans(
    points: &[&Sparse],
    dimensions: usize,
    k: usize,
    seed: u64,
    iterations: usize,
) -> Clustering {
    kmeans_from(
        points,
        dimensions,
        plus_plus_starts(points, dimensions, k, seed),
        iterations,
    )
}

/// Runs k-means from given centroids.
pub fn kmeans_from(
    points: &[&Sparse],
    dimensions: usize,
    mut centroids: Vec<Vec<f32>>,
    iterations: usize,
) -> Clustering {
    let k = centroids.len();
    let mut assignment = vec![usize::MAX; points.len()];
    for _ in 0..iterations {
        let next: Vec<usize> = points
            .par_iter()
            .map(|p| nearest(p, &centroids).0)
            .collect();
        // Converged when (almost) no point moves: the last few in a thousand change no theme
        // a reader would see, and chasing them costs as much as the first rounds.
        let moved = next.iter().zip(&assignment).filter(|(a, b)| a != b).count();
        if moved * SETTLED <= points.len() && assignment[0] != usize::MAX {
            assignment = next;
            break;
        }
        assignment = next;
        centroids = means(points, &assignment, dimensions, k);
        reseed_empty(points, &mut centroids, &assignment);
    }
    let cohesion = points
        .par_iter()
        .zip(&assignment)
        .map(|(p, &c)| f64::from(similarity(p, &centroids[c])))
        .collect::<Vec<_>>()
        .iter()
        .sum();
    Clustering {
        centroids,
        assignment,
        cohesion,
    }
}

/// The normalised mean of each cluster's points (a zero vector for an empty cluster).
pub fn means(
    points: &[&Sparse],
    assignment: &[usize],
    dimensions: usize,
    k: usize,
) -> Vec<Vec<f32>> {
    let mut sums = vec![vec![0f32; dimensions]; k];
    for (point, &c) in points.iter().zip(assignment) {
        for &(d, w) in point.iter() {
            sums[c][d as usize] += w;
        }
    }
    for sum in &mut sums {
        normalise(sum);
    }
    sums
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|w| *w /= norm);
    }
}

/// An empty cluster takes the point least similar to its own centroid.
fn reseed_empty(points: &[&Sparse], centroids: &mut [Vec<f32>], assignment: &[usize]) {
    for c in 0..centroids.len() {
        if centroids[c].iter().any(|&w| w != 0.0) {
            continue;
        }
        let loneliest = (0..points.len())
            .filter(|&i| !points[i].is_empty())
            .min_by(|&i, &j| {
                let si = similarity(points[i], &centroids[assignment[i]]);
                let sj = similarity(points[j], &centroids[assignment[j]]);
                si.total_cmp(&sj).then(i.cmp(&j))
            });
        if let Some(i) = loneliest {
            centroids[c] = dense(points[i], centroids[c].len());
        }
    }
}

fn dense(point: &Sparse, dimensions: usize) -> Vec<f32> {
    let mut v = vec![0f32; dimensions];
    for &(d, w) in point {
        v[d as usize] = w;
    }
    v
}

fn plus_plus_starts(points: &[&Sparse], dimensions: usize, k: usize, seed: u64) -> Vec<Vec<f32>> {
    let mut rng = SplitMix::new(seed);
    let mut centroids = vec![dense(points[rng.below(points.len())], dimensions)];
    let mut distance: Vec<f64> = points
        .iter()
        .map(|p| f64::from(1.0 - similarity(p, &centroids[0])).max(0.0))
        .collect();
    while centroids.len() < k {
        let total: f64 = distance.iter().sum();
        let chosen = if total <= 0.0 {
            rng.below(points.len())
        } else {
            let mut target = rng.next_f64() * total;
            let mut chosen = points.len() - 1;
            for (i, d) in distance.iter().enumerate() {
                if target < *d {
                    chosen = i;
                    break;
                }
                target -= d;
            }
            chosen
        };
        let centroid = dense(points[chosen], dimensions);
        distance
            .par_iter_mut()
            .zip(points.par_iter())
            .for_each(|(d, p)| *d = d.min(f64::from(1.0 - similarity(p, &centroid)).max(0.0)));
        centroids.push(centroid);
    }
    centroids
}

/// Cosine distances between every two of some points, computed once and shared by the
/// silhouettes of every k tried.
pub struct Distances {
    n: usize,
    d: Vec<f32>,
}

impl Distances {
    pub fn new(points: &[&Sparse]) -> Distances {
        let n = points.len();
        let d = (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                (0..n).map(move |j| 1.0 - crate::features::dot(points[i], points[j]))
            })
            .collect();
        Distances { n, d }
    }
}

/// Mean silhouette of a clustering of the points `distances` was built from (the first ones of
/// `assignment`): for each point, (b − a) / max(a, b) where a is its mean distance to its own
/// cluster and b to the nearest other cluster. Points alone in their cluster count 0, as in
/// scikit-learn.
pub fn silhouette(distances: &Distances, assignment: &[usize], k: usize) -> f64 {
    let n = distances.n;
    let assignment = &assignment[..n];
    let mut sizes = vec![0usize; k];
    assignment.iter().for_each(|&c| sizes[c] += 1);
    let per_point: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|i| {
            let own = assignment[i];
            if sizes[own] < 2 {
                return 0.0;
            }
            let mut totals = vec![0f64; k];
            let row = &distances.d[i * n..(i + 1) * n];
            for (j, &d) in row.iter().enumerate() {
                totals[assignment[j]] += f64::from(d);
            }
            // The point's distance to itself is 0, so its own total needs no correction.
            let a = totals[own] / (sizes[own] - 1) as f64;
            let b = (0..k)
                .filter(|&c| c != own && sizes[c] > 0)
                .map(|c| totals[c] / sizes[c] as f64)
                .fold(f64::INFINITY, f64::min);
            if !b.is_finite() || a.max(b) == 0.0 {
                0.0
            } else {
                (b - a) / a.max(b)
            }
        })
        .collect();
    per_point.iter().sum::<f64>() / n.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(pairs: &[(u32, f32)]) -> Sparse {
        let norm = pairs.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        pairs.iter().map(|&(d, w)| (d, w / norm)).collect()
    }

    fn two_blobs() -> Vec<Sparse> {
        let mut points = Vec::new();
        for i in 0..10 {
            let jitter = i as f32 / 20.0;
            points.push(unit(&[(0, 1.0), (1, 1.0 + jitter), (4, 0.1)]));
            points.push(unit(&[(2, 1.0), (3, 1.0 + jitter), (4, 0.1)]));
        }
        points
    }

    #[test]
    fn separates_two_blobs_and_is_reproducible() {
        let points = two_blobs();
        let refs: Vec<&Sparse> = points.iter().collect();
        let a = kmeans(&refs, 5, 2, 3, 20);
        let b = kmeans(&refs, 5, 2, 3, 20);
        assert_eq!(a.assignment, b.assignment);
        for pair in a.assignment.chunks(2) {
            assert_ne!(pair[0], pair[1]);
        }
        assert!(
            a.assignment
                .iter()
                .step_by(2)
                .all(|&c| c == a.assignment[0])
        );
    }

    #[test]
    fn silhouette_prefers_the_true_number_of_clusters() {
        let points = two_blobs();
        let refs: Vec<&Sparse> = points.iter().collect();
        let two = kmeans(&refs, 5, 2, 1, 20);
        let four = kmeans(&refs, 5, 4, 1, 20);
        let distances = Distances::new(&refs);
        let (s2, s4) = (
            silhouette(&distances, &two.assignment, 2),
            silhouette(&distances, &four.assignment, 4),
        );
        assert!(s2 > s4, "{s2} ≤ {s4}");
        assert!(s2 > 0.8, "{s2}");
    }
}
