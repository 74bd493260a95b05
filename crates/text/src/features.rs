//! TF-IDF vectors of texts, over stemmed terms without stop words.
//!
//! Terms are hashed stems, shared across languages: an acronym (ICANN, IGF, IPv6) or a name is
//! one term whatever the language of the answer around it. Weights are sublinear
//! (1 + ln tf) × smooth idf (ln((1 + n) / (1 + df)) + 1), and vectors have unit length, so a
//! dot product is a cosine. Terms found in a single text are dropped: they cannot make two
//! texts alike and they are most of a vocabulary.

use std::collections::HashMap;

use crate::hash::HashMap as HashMapOfHashes;

use rayon::prelude::*;

use crate::concepts::concepts;
use crate::hash::hash_str;
use crate::language::Language;
use crate::terms::Terms;
use crate::tokenize::{for_each_token, is_ideograph, normalize};

/// A sparse unit vector: (dimension, weight), sorted by dimension.
pub type Sparse = Vec<(u32, f32)>;

/// The index terms of a text in order: stemmed, hashed, stop words left out, phrases of the
/// lexicon replaced by their concepts (see `concepts`).
pub fn term_sequence(text: &str, language: Language) -> Vec<u64> {
    let (stems, _) = stems_and_words(text, language);
    concepts()
        .apply(language, &stems)
        .into_iter()
        .map(|(term, _)| term)
        .collect()
}

/// The index terms of a text in order, each with the words it stands for, as written (after
/// normalising).
pub fn terms_with_words(text: &str, language: Language) -> Vec<(u64, String)> {
    let (stems, words) = stems_and_words(text, language);
    concepts()
        .apply(language, &stems)
        .into_iter()
        .map(|(term, range)| (term, join_words(&words[range])))
        .collect()
}

fn stems_and_words(text: &str, language: Language) -> (Vec<u64>, Vec<String>) {
    let terms = terms_for(language);
    let (mut stems, mut words) = (Vec::new(), Vec::new());
    STEMS.with_borrow_mut(|cache| {
        if cache.iter().map(HashMap::len).sum::<usize>() > STEM_CACHE {
            cache.iter_mut().for_each(HashMap::clear);
        }
        for_each_token(&normalize(text), |token| {
            if terms.is_stop_word(token) {
                return;
            }
            let words_of_language = &mut cache[language as usize];
            let stem = match words_of_language.get(token) {
                Some(&stem) => stem,
                None => {
                    let stem = hash_str(&terms.stem(token));
                    words_of_language.insert(token.into(), stem);
                    stem
                }
            };
            stems.push(stem);
            words.push(token.to_owned());
        });
    });
    (stems, words)
}

/// Stems already computed on this thread: a consultation repeats its words, and a stemmer is
/// slow next to a hash lookup. Cleared when it holds [`STEM_CACHE`] words, so memory stays
/// bounded. It only remembers a pure function, so results do not depend on it.
type StemCache = [HashMap<Box<str>, u64>; 7];

thread_local! {
    static STEMS: std::cell::RefCell<StemCache> = std::cell::RefCell::new(Default::default());
}

const STEM_CACHE: usize = 200_000;

/// Words joined as written: with spaces, except overlapping ideograph bigrams, which are
/// joined back into the run they came from (数据, 据保, 保护 → 数据保护).
fn join_words(words: &[String]) -> String {
    let bigrams = words.len() > 1
        && words
            .iter()
            .all(|w| w.chars().count() == 2 && w.chars().all(is_ideograph));
    if bigrams {
        let mut joined = words[0].clone();
        for w in &words[1..] {
            joined.extend(w.chars().skip(1));
        }
        joined
    } else {
        words.join(" ")
    }
}

/// Term counts of a term sequence, sorted by term.
pub fn counts(sequence: &[u64]) -> Vec<(u64, u32)> {
    let mut sorted = sequence.to_vec();
    sorted.sort_unstable();
    let mut counts: Vec<(u64, u32)> = Vec::with_capacity(sorted.len());
    for h in sorted {
        match counts.last_mut() {
            Some((last, n)) if *last == h => *n += 1,
            _ => counts.push((h, 1)),
        }
    }
    counts
}

/// The term counts of one text, sorted by term.
pub fn term_counts(text: &str, language: Language) -> Vec<(u64, u32)> {
    counts(&term_sequence(text, language))
}

/// The vector space of one set of texts: dimensions for terms in two texts or more, with
/// their inverse document frequency.
pub struct Space {
    dimension_of: HashMapOfHashes<u64, u32>,
    idf: Vec<f32>,
}

impl Space {
    /// Builds the space from every text's term counts. Dimensions are numbered in order of
    /// first appearance, so the space does not depend on hash-map order.
    pub fn new(documents: &[Vec<(u64, u32)>]) -> Self {
        let df: HashMapOfHashes<u64, u32> = documents
            .par_iter()
            .fold(
                HashMapOfHashes::default,
                |mut df: HashMapOfHashes<u64, u32>, doc| {
                    for &(term, _) in doc {
                        *df.entry(term).or_insert(0) += 1;
                    }
                    df
                },
            )
            .reduce(HashMapOfHashes::default, |a, b| {
                if a.len() >= b.len() {
                    merge(a, b)
                } else {
                    merge(b, a)
                }
            });
        let n = documents.len() as f32;
        let mut dimension_of = HashMapOfHashes::default();
        let mut idf = Vec::new();
        for doc in documents {
            for &(term, _) in doc {
                let frequency = df[&term];
                if frequency < 2 || dimension_of.contains_key(&term) {
                    continue;
                }
                dimension_of.insert(term, idf.len() as u32);
                idf.push(((1.0 + n) / (1.0 + frequency as f32)).ln() + 1.0);
            }
        }
        Space { dimension_of, idf }
    }

    pub fn dimensions(&self) -> usize {
        self.idf.len()
    }

    /// The unit TF-IDF vector of one text's term counts (empty when no term is in the space).
    pub fn vector(&self, counts: &[(u64, u32)]) -> Sparse {
        let mut v: Sparse = counts
            .iter()
            .filter_map(|(term, tf)| {
                let d = *self.dimension_of.get(term)?;
                Some((d, (1.0 + (*tf as f32).ln()) * self.idf[d as usize]))
            })
            .collect();
        v.sort_unstable_by_key(|&(d, _)| d);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v
    }

    pub fn dimension_of(&self, term: u64) -> Option<u32> {
        self.dimension_of.get(&term).copied()
    }
}

fn merge(
    mut big: HashMapOfHashes<u64, u32>,
    small: HashMapOfHashes<u64, u32>,
) -> HashMapOfHashes<u64, u32> {
    for (k, v) in small {
        *big.entry(k).or_insert(0) += v;
    }
    big
}

/// The stemmer and stop words for each text, by detected language.
pub fn terms_for(language: Language) -> &'static Terms {
    use std::sync::OnceLock;
    static TERMS: OnceLock<Vec<Terms>> = OnceLock::new();
    let all = TERMS.get_or_init(|| {
        [
            Language::Ar,
            Language::Zh,
            Language::En,
            Language::Fr,
            Language::Ru,
            Language::Es,
            Language::Other,
        ]
        .into_iter()
        .map(Terms::new)
        .collect()
    });
    all.iter()
        .find(|t| t.language() == language)
        .expect("every language has terms")
}

/// Cosine of two unit sparse vectors.
pub fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(u64, u32)> {
        term_counts(text, Language::En)
    }

    #[test]
    fn inflections_share_a_term_and_stop_words_have_none() {
        let a = counts("The consultations");
        let b = counts("a consultation");
        assert_eq!(a, b);
        assert_eq!(a.len(), 1);
    }

    #[test]
    fn vectors_are_unit_length_and_skip_unique_terms() {
        let docs = vec![
            counts("zebra giraffe lion"),
            counts("zebra giraffe tiger"),
            counts("okapi"),
        ];
        let space = Space::new(&docs);
        assert_eq!(space.dimensions(), 2, "zebra and giraffe only");
        let v = space.vector(&docs[0]);
        let norm: f32 = v.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(space.vector(&docs[2]).is_empty());
        assert!((dot(&space.vector(&docs[0]), &space.vector(&docs[1])) - 1.0).abs() < 1e-5);
    }
}
