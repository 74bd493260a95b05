//! Aggregation: reviewers' scores turned into one comparable score per proposal.
//!
//! A review scores criteria from 1 to 5; the criteria's weights make one weighted mean per
//! review. Reviewers differ in leniency (one gives 4s, another 2s to the same work) and in
//! spread (one uses 1–5, another 3–4). Each reviewer reads a random, balanced share of the
//! proposals (about 65 at the IGF), so their own mean and standard deviation estimate that
//! leniency and spread well: the score is normalised as a **z-score per reviewer**,
//! `(score − reviewer's mean) / reviewer's standard deviation`. Both offset and scale go,
//! so every reviewer weighs the same; ranks or percentiles would also do that but would throw
//! away how far apart two proposals are. A reviewer who gave every proposal the same score
//! says nothing about their order, and their reviews count as 0.
//!
//! A proposal's score is the mean of its reviews' z-scores, with its standard error
//! (sample standard deviation / √n) as the uncertainty: the MAG can see which close calls
//! rest on reviewers who disagree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A scoring criterion and its weight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub weight: f64,
}

/// One reviewer's scores for one proposal, per criterion id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub proposal: String,
    pub reviewer: String,
    pub scores: BTreeMap<String, u8>,
}

#[derive(Debug, Error, PartialEq)]
pub enum AggregateError {
    #[error("review {index} ({reviewer} on {proposal}), criterion {criterion}: {problem}")]
    Review {
        /// The review's position in the input.
        index: usize,
        reviewer: String,
        proposal: String,
        criterion: String,
        problem: Problem,
    },
    #[error("the criteria's weights must be positive and finite")]
    BadWeights,
}

/// What is wrong with one score of a review.
#[derive(Debug, Error, PartialEq)]
pub enum Problem {
    #[error("score {0} is outside 1–5")]
    OutOfRange(u8),
    #[error("not one of the criteria")]
    UnknownCriterion,
    #[error("no score given")]
    Missing,
}

/// A proposal's aggregated score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub proposal: String,
    /// The mean of the reviewers' z-scores.
    pub normalised: f64,
    /// Its standard error; `None` with fewer than two reviews.
    pub standard_error: Option<f64>,
    /// The mean of the weighted raw scores (1–5), for display.
    pub raw: f64,
    pub reviews: usize,
}

/// The weighted mean of one review's scores, checking each.
fn weighted(index: usize, review: &Review, criteria: &[Criterion]) -> Result<f64, AggregateError> {
    let fail = |criterion: &str, problem| AggregateError::Review {
        index,
        reviewer: review.reviewer.clone(),
        proposal: review.proposal.clone(),
        criterion: criterion.to_string(),
        problem,
    };
    if let Some(c) = review
        .scores
        .keys()
        .find(|c| !criteria.iter().any(|k| &k.id == *c))
    {
        return Err(fail(c, Problem::UnknownCriterion));
    }
    let mut sum = 0.0;
    let mut weights = 0.0;
    for c in criteria {
        match review.scores.get(&c.id) {
            None => return Err(fail(&c.id, Problem::Missing)),
            Some(&score) if !(1..=5).contains(&score) => {
                return Err(fail(&c.id, Problem::OutOfRange(score)));
            }
            Some(&score) => {
                sum += c.weight * score as f64;
                weights += c.weight;
            }
        }
    }
    Ok(sum / weights)
}

/// Mean and sample standard deviation (0 for fewer than two values).
fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

/// One [`Score`] per reviewed proposal, in proposal-id order.
pub fn aggregate(reviews: &[Review], criteria: &[Criterion]) -> Result<Vec<Score>, AggregateError> {
    if criteria.is_empty()
        || criteria
            .iter()
            .any(|c| !(c.weight.is_finite() && c.weight > 0.0))
    {
        return Err(AggregateError::BadWeights);
    }
    let raw: Vec<f64> = reviews
        .iter()
        .enumerate()
        .map(|(i, r)| weighted(i, r, criteria))
        .collect::<Result<_, _>>()?;
    let mut by_reviewer: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (review, &score) in reviews.iter().zip(&raw) {
        by_reviewer.entry(&review.reviewer).or_default().push(score);
    }
    let scale: BTreeMap<&str, (f64, f64)> = by_reviewer
        .iter()
        .map(|(r, scores)| (*r, mean_sd(scores)))
        .collect();
    let mut by_proposal: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for (review, &score) in reviews.iter().zip(&raw) {
        let (mean, sd) = scale[review.reviewer.as_str()];
        let z = if sd > 0.0 { (score - mean) / sd } else { 0.0 };
        let entry = by_proposal.entry(&review.proposal).or_default();
        entry.0.push(z);
        entry.1.push(score);
    }
    Ok(by_proposal
        .into_iter()
        .map(|(proposal, (z, raw))| {
            let (normalised, sd) = mean_sd(&z);
            Score {
                proposal: proposal.to_string(),
                normalised,
                standard_error: (z.len() > 1).then(|| sd / (z.len() as f64).sqrt()),
                raw: mean_sd(&raw).0,
                reviews: z.len(),
            }
        })
        .collect())
}

/// Proposal ids per theme, best first (ties by id). `theme_of` gives a proposal's theme.
pub fn rank_by_theme<'a>(
    scores: &'a [Score],
    theme_of: impl Fn(&str) -> Option<&'a str>,
) -> BTreeMap<&'a str, Vec<&'a Score>> {
    let mut themes: BTreeMap<&str, Vec<&Score>> = BTreeMap::new();
    for s in scores {
        if let Some(theme) = theme_of(&s.proposal) {
            themes.entry(theme).or_default().push(s);
        }
    }
    for list in themes.values_mut() {
        list.sort_by(|a, b| {
            b.normalised
                .total_cmp(&a.normalised)
                .then(a.proposal.cmp(&b.proposal))
        });
    }
    themes
}
