//! Representative sentences of a theme, quoted verbatim.
//!
//! The texts closest to the theme's centre are cut into sentences (Unicode sentence
//! boundaries, UAX #29); each sentence is scored by its cosine to the centre, and sentences are
//! picked greedily by maximal marginal relevance: a sentence much like one already picked loses
//! half its similarity to it, and one from a stakeholder group already quoted loses a little,
//! so the quotes cover the theme and the groups that speak in it. A quote is a slice of the
//! answer's own text, trimmed of surrounding spaces: never rewritten.

use unicode_segmentation::UnicodeSegmentation;

use crate::features::{Space, Sparse, dot, term_counts};
use crate::kmeans::similarity;
use crate::language::Language;

/// Texts read per theme at most.
pub const CANDIDATE_TEXTS: usize = 40;
/// Shortest and longest quotable sentence, in characters.
pub const MIN_CHARS: usize = 20;
pub const MAX_CHARS: usize = 600;
const REDUNDANCY: f32 = 0.5;
const SAME_GROUP: f32 = 0.85;

/// A text that may be quoted.
pub struct Candidate<'a> {
    /// Which text, for the caller.
    pub text_index: usize,
    pub text: &'a str,
    pub language: Language,
    pub group: Option<&'a str>,
}

/// A chosen sentence: the candidate it comes from and the sentence itself.
pub struct Chosen<'a> {
    pub text_index: usize,
    pub sentence: &'a str,
}

/// Picks up to `wanted` sentences from `candidates` (already the texts nearest the centre).
pub fn pick<'a>(
    candidates: &[Candidate<'a>],
    centroid: &[f32],
    space: &Space,
    wanted: usize,
) -> Vec<Chosen<'a>> {
    struct Scored<'a> {
        text_index: usize,
        sentence: &'a str,
        group: Option<&'a str>,
        vector: Sparse,
        relevance: f32,
    }
    let mut pool: Vec<Scored<'a>> = Vec::new();
    for candidate in candidates {
        for sentence in candidate.text.unicode_sentences().map(str::trim) {
            let length = sentence.chars().count();
            if !(MIN_CHARS..=MAX_CHARS).contains(&length) {
                continue;
            }
            let vector = space.vector(&term_counts(sentence, candidate.language));
            if vector.is_empty() || pool.iter().any(|p| p.sentence == sentence) {
                continue;
            }
            let relevance = similarity(&vector, centroid);
            pool.push(Scored {
                text_index: candidate.text_index,
                sentence,
                group: candidate.group,
                vector,
                relevance,
            });
        }
    }
    let mut chosen: Vec<Scored<'a>> = Vec::new();
    while chosen.len() < wanted && !pool.is_empty() {
        let score = |s: &Scored<'_>| {
            let redundancy = chosen
                .iter()
                .map(|c| dot(&c.vector, &s.vector))
                .fold(0.0, f32::max);
            let repeated_group = s.group.is_some() && chosen.iter().any(|c| c.group == s.group);
            let group_factor = if repeated_group { SAME_GROUP } else { 1.0 };
            (s.relevance - REDUNDANCY * redundancy) * group_factor
        };
        let best = (0..pool.len())
            .max_by(|&a, &b| score(&pool[a]).total_cmp(&score(&pool[b])).then(b.cmp(&a)))
            .expect("pool is not empty");
        chosen.push(pool.swap_remove(best));
    }
    chosen
        .into_iter()
        .map(|s| Chosen {
            text_index: s.text_index,
            sentence: s.sentence,
        })
        .collect()
}
