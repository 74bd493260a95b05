//! Themes: k-means over the TF-IDF vectors of the distinct texts of one question, the number of
//! themes chosen by silhouette, each labelled by its key phrases.
//!
//! **Choosing k.** For every k from 2 to [`MAX_THEMES`], k-means runs on a sample of
//! [`SELECTION_SAMPLE`] texts (the tightest of [`RESTARTS`] runs), and its mean silhouette is
//! measured (cosine distance, on up to [`SILHOUETTE_SAMPLE`] of them). The smallest k whose
//! silhouette is within [`PARSIMONY`] of the best wins: on text the silhouette is low (about
//! 0.1) and noisy from one k to the next, and a higher k often wins by less than its noise by
//! splitting a theme into its languages or wordings; a reader is better served by fewer, broader
//! themes, as with the one-standard-error rule of model selection. The chosen clustering's
//! centres then start k-means on up to [`FIT_SAMPLE`] texts (the selection sample is part of
//! it), every text goes to its nearest centre, and [`REFINEMENTS`] rounds of k-means over all
//! texts follow when there are more than the fit sample. Samples keep the cost flat in the
//! number of answers; the rounds over everything keep the centres true to the whole. k-means
//! on a sample works in the sample's own terms (a few thousand dimensions, not the whole
//! vocabulary), which is most of its speed.
//!
//! **Other.** A text with no term shared with any other text, or whose similarity to every
//! centre is below [`OTHER_SIMILARITY`], goes to an explicit "other" theme rather than being
//! forced into one it does not fit.

use rayon::prelude::*;

use crate::features::Sparse;
use crate::hash::{HashMap, SplitMix};
use crate::kmeans::{Clustering, Distances, kmeans, kmeans_from, means, nearest, silhouette};

pub const MAX_THEMES: usize = 12;
/// The share of the best silhouette that a smaller k must reach to be preferred.
pub const PARSIMONY: f64 = 0.9;
pub const SELECTION_SAMPLE: usize = 2_000;
pub const SILHOUETTE_SAMPLE: usize = 1_000;
pub const FIT_SAMPLE: usize = 20_000;
pub const RESTARTS: u64 = 2;
pub const REFINEMENTS: usize = 3;
pub const OTHER_SIMILARITY: f32 = 0.05;
const ITERATIONS: usize = 30;

/// The themes of one question's texts.
pub struct Clusters {
    /// Per text: its theme, or `None` for "other".
    pub of_text: Vec<Option<usize>>,
    /// Unit centroids, one per theme.
    pub centroids: Vec<Vec<f32>>,
}

/// Clusters `vectors` into `requested` themes, or as many as the silhouette chooses.
pub fn cluster(
    vectors: &[Sparse],
    dimensions: usize,
    requested: Option<usize>,
    seed: u64,
) -> Clusters {
    let usable: Vec<usize> = (0..vectors.len())
        .filter(|&i| !vectors[i].is_empty())
        .collect();
    let mut of_text = vec![None; vectors.len()];
    if usable.is_empty() {
        return Clusters {
            of_text,
            centroids: Vec::new(),
        };
    }
    // k-means runs on samples re-indexed to the terms they use: dense centroids over the
    // sample's few thousand terms instead of the whole vocabulary.
    let fit = sample(&usable, FIT_SAMPLE, seed ^ 0xf17);
    let selected = sample(&fit, SELECTION_SAMPLE, seed ^ 0x5e1);
    let (selection_points, selection_dimensions) = compact(vectors, &selected);
    let selection: Vec<&Sparse> = selection_points.iter().collect();
    let start = match requested {
        Some(k) => {
            tightest(
                &selection,
                selection_dimensions.len(),
                k.clamp(1, selection.len()),
                seed,
            )
            .centroids
        }
        None => choose(&selection, selection_dimensions.len(), seed),
    };
    let (fit_points, fit_dimensions) = compact(vectors, &fit);
    let fit_local_of: HashMap<u32, usize> = fit_dimensions
        .iter()
        .enumerate()
        .map(|(local, &global)| (global, local))
        .collect();
    // The selection is part of the fit sample, so each of its terms has a place there.
    let start = start
        .iter()
        .map(|c| {
            relocate(
                c,
                &selection_dimensions,
                |g| fit_local_of[&g],
                fit_dimensions.len(),
            )
        })
        .collect();
    let fit_refs: Vec<&Sparse> = fit_points.iter().collect();
    let fitted = kmeans_from(&fit_refs, fit_dimensions.len(), start, ITERATIONS);
    let k = fitted.centroids.len();
    let mut centroids: Vec<Vec<f32>> = fitted
        .centroids
        .iter()
        .map(|c| relocate(c, &fit_dimensions, |g| g as usize, dimensions))
        .collect();
    let all_points: Vec<&Sparse> = usable.iter().map(|&i| &vectors[i]).collect();
    // When the fit sample was everything, refinement would repeat the fit.
    let refinements = if fit.len() < usable.len() {
        REFINEMENTS
    } else {
        0
    };
    for _ in 0..refinements {
        let assignment: Vec<usize> = all_points
            .par_iter()
            .map(|p| nearest(p, &centroids).0)
            .collect();
        let refined = means(&all_points, &assignment, dimensions, k);
        // A theme emptied by refinement keeps its previous centre rather than vanishing.
        for (old, new) in centroids.iter_mut().zip(refined) {
            if new.iter().any(|&w| w != 0.0) {
                *old = new;
            }
        }
    }
    let nearest_of: Vec<(usize, f32)> = all_points
        .par_iter()
        .map(|p| nearest(p, &centroids))
        .collect();
    for (&i, &(theme, s)) in usable.iter().zip(&nearest_of) {
        if s >= OTHER_SIMILARITY {
            of_text[i] = Some(theme);
        }
    }
    Clusters { of_text, centroids }
}

/// The tightest of [`RESTARTS`] k-means runs.
fn tightest(points: &[&Sparse], dimensions: usize, k: usize, seed: u64) -> Clustering {
    (0..RESTARTS)
        .map(|r| {
            kmeans(
                points,
                dimensions,
                k,
                seed.wrapping_add(k as u64 * 31 + r),
                ITERATIONS,
            )
        })
        .max_by(|a, b| a.cohesion.total_cmp(&b.cohesion))
        .expect("at least one restart")
}

/// The centroids of the clustering chosen by the silhouette (see the module documentation).
fn choose(points: &[&Sparse], dimensions: usize, seed: u64) -> Vec<Vec<f32>> {
    let max_k = MAX_THEMES.min(points.len() / 3);
    if max_k < 2 {
        return tightest(points, dimensions, 1, seed).centroids;
    }
    let distances = Distances::new(&points[..points.len().min(SILHOUETTE_SAMPLE)]);
    let runs: Vec<(Clustering, f64)> = (2..=max_k)
        .into_par_iter()
        .map(|k| {
            let clustering = tightest(points, dimensions, k, seed);
            let score = silhouette(&distances, &clustering.assignment, k);
            (clustering, score)
        })
        .collect();
    let best = runs
        .iter()
        .map(|(_, s)| *s)
        .fold(f64::NEG_INFINITY, f64::max);
    runs.into_iter()
        .find(|(_, s)| *s >= PARSIMONY * best)
        .map(|(clustering, _)| clustering.centroids)
        .expect("the best run is within its own margin")
}

/// Re-indexes some texts' vectors to the terms they use; returns them and each local
/// dimension's global one.
fn compact(vectors: &[Sparse], chosen: &[usize]) -> (Vec<Sparse>, Vec<u32>) {
    let mut local_of: HashMap<u32, u32> = HashMap::default();
    let mut global_of_local = Vec::new();
    let points = chosen
        .iter()
        .map(|&i| {
            vectors[i]
                .iter()
                .map(|&(d, w)| {
                    let local = *local_of.entry(d).or_insert_with(|| {
                        global_of_local.push(d);
                        global_of_local.len() as u32 - 1
                    });
                    (local, w)
                })
                .collect::<Sparse>()
        })
        .collect::<Vec<Sparse>>();
    // Local dimensions are numbered in order of first use, which keeps each vector sorted
    // only by luck; sort them again.
    let points = points
        .into_iter()
        .map(|mut p| {
            p.sort_unstable_by_key(|&(d, _)| d);
            p
        })
        .collect();
    (points, global_of_local)
}

/// A dense vector over one sample's terms moved to another space: `place` gives the new
/// dimension of each global term.
fn relocate(
    vector: &[f32],
    global_of_local: &[u32],
    place: impl Fn(u32) -> usize,
    len: usize,
) -> Vec<f32> {
    let mut moved = vec![0f32; len];
    for (local, &w) in vector.iter().enumerate().filter(|(_, w)| **w != 0.0) {
        moved[place(global_of_local[local])] = w;
    }
    moved
}

/// Up to `n` of `items`, chosen at random but reproducibly, in their original order.
pub fn sample(items: &[usize], n: usize, seed: u64) -> Vec<usize> {
    if items.len() <= n {
        return items.to_vec();
    }
    let mut rng = SplitMix::new(seed);
    let mut pool = items.to_vec();
    for i in 0..n {
        let j = i + rng.below(pool.len() - i);
        pool.swap(i, j);
    }
    let mut chosen = pool[..n].to_vec();
    chosen.sort_unstable();
    chosen
}

/// Key phrases of each theme by class-based TF-IDF (as BERTopic's c-TF-IDF): a term's share
/// of the theme's terms times ln(1 + A / f), where A is the mean number of terms per theme and
/// f the term's count in all themes. A term that is mostly written inside one pair of words
/// ("personal" in "personal data") is shown as that pair, the way people say it; a phrase is
/// shown in the form most often written (`words_of` gives a text's terms with their words),
/// and never twice.
pub fn keyphrases(
    sequences: &[Vec<u64>],
    of_text: &[Option<usize>],
    themes: usize,
    wanted: usize,
    words_of: impl Fn(usize) -> Vec<(u64, String)>,
) -> Vec<Vec<String>> {
    let mut terms: Vec<HashMap<u64, f64>> = vec![HashMap::default(); themes];
    let mut pairs: Vec<HashMap<(u64, u64), f64>> = vec![HashMap::default(); themes];
    let mut overall: HashMap<u64, f64> = HashMap::default();
    let mut totals = vec![0f64; themes];
    for (sequence, theme) in sequences.iter().zip(of_text) {
        let Some(theme) = *theme else { continue };
        for &term in sequence {
            *terms[theme].entry(term).or_insert(0.0) += 1.0;
            *overall.entry(term).or_insert(0.0) += 1.0;
            totals[theme] += 1.0;
        }
        for pair in sequence.windows(2).filter(|p| p[0] != p[1]) {
            *pairs[theme].entry((pair[0], pair[1])).or_insert(0.0) += 1.0;
        }
    }
    let average = totals.iter().sum::<f64>() / themes.max(1) as f64;
    (0..themes)
        .map(|theme| {
            let mut scored: Vec<(u64, f64)> = terms[theme]
                .iter()
                .filter(|&(_, &count)| count >= 2.0)
                .map(|(&term, &count)| {
                    let share = count / totals[theme].max(1.0);
                    (term, share * (1.0 + average / overall[&term]).ln())
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(wanted * 2);
            let phrases: Vec<Phrase> = scored
                .iter()
                .map(|&(term, _)| {
                    let count = terms[theme][&term];
                    let best_pair = pairs[theme]
                        .iter()
                        .filter(|&(&(a, b), &n)| (a == term || b == term) && n >= 0.5 * count)
                        .max_by(|x, y| x.1.total_cmp(y.1).then(y.0.cmp(x.0)));
                    match best_pair {
                        Some((&(a, b), _)) => Phrase::Pair(a, b),
                        None => Phrase::Term(term),
                    }
                })
                .collect();
            let surfaces = surface_forms(of_text, theme, &phrases, &words_of);
            let mut chosen: Vec<String> = Vec::new();
            for phrase in &phrases {
                let Some(surface) = surfaces.get(phrase) else {
                    continue;
                };
                if !chosen.contains(surface) {
                    chosen.push(surface.clone());
                }
                if chosen.len() == wanted {
                    break;
                }
            }
            chosen
        })
        .collect()
}

/// A key phrase: one term, or two adjacent terms.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Phrase {
    Term(u64),
    Pair(u64, u64),
}

/// The most frequent written form of each phrase in one theme (first seen on ties).
fn surface_forms(
    of_text: &[Option<usize>],
    theme: usize,
    phrases: &[Phrase],
    words_of: &impl Fn(usize) -> Vec<(u64, String)>,
) -> HashMap<Phrase, String> {
    const READ_AT_MOST: usize = 400;
    let wanted: std::collections::HashSet<Phrase> = phrases.iter().copied().collect();
    let mut forms: HashMap<Phrase, Vec<(String, usize)>> = HashMap::default();
    let members = (0..of_text.len())
        .filter(|&i| of_text[i] == Some(theme))
        .take(READ_AT_MOST);
    for text in members {
        let words = words_of(text);
        let singles = words.iter().map(|(t, w)| (Phrase::Term(*t), w.clone()));
        let pairs = words.windows(2).map(|p| {
            (
                Phrase::Pair(p[0].0, p[1].0),
                format!("{} {}", p[0].1, p[1].1),
            )
        });
        for (phrase, surface) in singles.chain(pairs) {
            if !wanted.contains(&phrase) {
                continue;
            }
            let seen = forms.entry(phrase).or_default();
            match seen.iter_mut().find(|(s, _)| *s == surface) {
                Some((_, n)) => *n += 1,
                None => seen.push((surface, 1)),
            }
        }
    }
    forms
        .into_iter()
        .filter_map(|(phrase, seen)| {
            // The most written form; the first seen among equals (max_by keeps the last).
            let best = seen.iter().rev().max_by_key(|(_, n)| *n)?;
            Some((phrase, best.0.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_reproducible_sorted_and_sized() {
        let items: Vec<usize> = (0..100).collect();
        let a = sample(&items, 10, 4);
        assert_eq!(a, sample(&items, 10, 4));
        assert_eq!(a.len(), 10);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sample(&items[..5], 10, 4), items[..5]);
    }
}
