//! Concepts: the standard terms of Internet governance and digital policy in the six UN
//! languages (`lexicon.tsv`, in the manner of the UN's terminology database), so that answers
//! in different languages about one subject share features.
//!
//! Without it, TF-IDF sees "protection des données" and "data protection" as unrelated, and
//! themes split by language instead of by subject. Each phrase of the lexicon is tokenised,
//! stripped of stop words and stemmed exactly as answers are, so inflected forms match
//! (Russian cases, Arabic articles, plurals); in an answer's term sequence the longest phrase
//! that matches at a position is replaced by its concept's term. Terms outside the lexicon
//! stay as they are, and acronyms and names shared across languages still match each other.

use std::ops::Range;
use std::sync::OnceLock;

use crate::features::terms_for;
use crate::hash::{HashMap, combine, hash_str};
use crate::language::Language;
use crate::tokenize::{for_each_token, normalize};

const LEXICON: &str = include_str!("lexicon.tsv");
const COLUMNS: [Language; 6] = [
    Language::En,
    Language::Fr,
    Language::Es,
    Language::Ru,
    Language::Ar,
    Language::Zh,
];

/// The lexicon, compiled per language: the hash of a phrase's term sequence → its concept.
#[derive(Debug)]
pub struct Concepts {
    phrases: HashMap<(Language, u64), u64>,
    /// The longest phrase that starts with a term: most terms start none, and are passed
    /// over with one lookup.
    longest_from: HashMap<(Language, u64), usize>,
    count: usize,
}

/// The lexicon built in (parsed once).
pub fn concepts() -> &'static Concepts {
    static CONCEPTS: OnceLock<Concepts> = OnceLock::new();
    CONCEPTS.get_or_init(|| Concepts::parse(LEXICON).unwrap_or_else(|e| panic!("lexicon.tsv: {e}")))
}

impl Concepts {
    /// Reads a lexicon: a header `concept en fr es ru ar zh`, then a concept per line with its
    /// phrases per language separated by ` | `.
    pub fn parse(text: &str) -> Result<Concepts, String> {
        let mut lines = text.lines().enumerate();
        let header = lines.next().map(|(_, l)| l).unwrap_or_default();
        if header.split('\t').collect::<Vec<_>>() != ["concept", "en", "fr", "es", "ru", "ar", "zh"]
        {
            return Err(format!(
                "line 1: the header must be concept, en, fr, es, ru, ar, zh (found {header:?})"
            ));
        }
        let mut phrases = HashMap::default();
        let mut longest_from: HashMap<(Language, u64), usize> = HashMap::default();
        let mut count = 0;
        for (n, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() != 7 {
                return Err(format!("line {}: {} cells, expected 7", n + 1, cells.len()));
            }
            let concept = hash_str(&format!("concept:{}", cells[0].trim()));
            count += 1;
            for (language, cell) in COLUMNS.iter().zip(&cells[1..]) {
                for phrase in cell.split(" | ").map(str::trim).filter(|p| !p.is_empty()) {
                    let stems = stems(phrase, *language);
                    if stems.is_empty() {
                        continue;
                    }
                    let from = longest_from.entry((*language, stems[0])).or_insert(0);
                    *from = (*from).max(stems.len());
                    let key = (*language, combine(stems.iter().copied()));
                    if let Some(&other) = phrases.get(&key)
                        && other != concept
                    {
                        return Err(format!(
                            "line {}: \"{phrase}\" ({}) reads as a phrase of another concept once stemmed",
                            n + 1,
                            language.code()
                        ));
                    }
                    phrases.insert(key, concept);
                }
            }
        }
        Ok(Concepts {
            phrases,
            longest_from,
            count,
        })
    }

    /// Concepts in the lexicon.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Replaces the phrases found in a term sequence by their concepts: each output term with
    /// the positions of the input terms it stands for.
    pub fn apply(&self, language: Language, terms: &[u64]) -> Vec<(u64, Range<usize>)> {
        let mut out = Vec::with_capacity(terms.len());
        let mut at = 0;
        while at < terms.len() {
            let longest = self
                .longest_from
                .get(&(language, terms[at]))
                .copied()
                .unwrap_or(0);
            let longest = longest.min(terms.len() - at);
            let found = (1..=longest).rev().find_map(|n| {
                let key = combine(terms[at..at + n].iter().copied());
                self.phrases
                    .get(&(language, key))
                    .map(|&concept| (concept, n))
            });
            match found {
                Some((concept, n)) => {
                    out.push((concept, at..at + n));
                    at += n;
                }
                None => {
                    out.push((terms[at], at..at + 1));
                    at += 1;
                }
            }
        }
        out
    }
}

/// The stemmed term hashes of a phrase, stop words left out, as answers get them.
fn stems(phrase: &str, language: Language) -> Vec<u64> {
    let terms = terms_for(language);
    let mut out = Vec::new();
    for_each_token(&normalize(phrase), |token| {
        if !terms.is_stop_word(token) {
            out.push(hash_str(&terms.stem(token)));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "concept\ten\tfr\tes\tru\tar\tzh\n\
        data-protection\tdata protection\tprotection des données\tprotección de datos\tзащита данных\tحماية البيانات\t数据保护\n\
        data\tdata\tdonnées\tdatos\tданные\tالبيانات\t数据\n";

    fn concept_terms(lexicon: &Concepts, text: &str, language: Language) -> Vec<u64> {
        lexicon
            .apply(language, &stems(text, language))
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn one_concept_in_six_languages_and_inflections() {
        let lexicon = Concepts::parse(SAMPLE).unwrap();
        let english = concept_terms(&lexicon, "Data protection", Language::En);
        assert_eq!(english.len(), 1);
        for (text, language) in [
            ("la protection des données", Language::Fr),
            ("protección de datos", Language::Es),
            ("защиты данных", Language::Ru),
            ("حماية البيانات", Language::Ar),
            ("个人数据保护", Language::Zh),
        ] {
            assert!(
                concept_terms(&lexicon, text, language).contains(&english[0]),
                "{text}"
            );
        }
    }

    #[test]
    fn the_longest_phrase_wins_and_other_terms_stay() {
        let lexicon = Concepts::parse(SAMPLE).unwrap();
        let terms = concept_terms(&lexicon, "data protection and open data", Language::En);
        let protection = concept_terms(&lexicon, "data protection", Language::En)[0];
        let data = concept_terms(&lexicon, "data", Language::En)[0];
        assert_eq!(terms.len(), 3, "protection, open, data");
        assert_eq!(terms[0], protection);
        assert_eq!(terms[2], data);
    }

    #[test]
    fn a_phrase_of_two_concepts_is_refused() {
        let clash = format!("{SAMPLE}datum\tdatum\tdonnée\tdato\tданное\tمعطى\t资料\n");
        let error = Concepts::parse(&clash).unwrap_err();
        assert!(
            error.contains("line 4") && error.contains("donnée"),
            "{error}"
        );
    }

    #[test]
    fn a_malformed_lexicon_is_refused_with_its_line() {
        assert!(Concepts::parse("id\ten\n").unwrap_err().contains("line 1"));
        let short = "concept\ten\tfr\tes\tru\tar\tzh\nx\tdata\n";
        assert!(Concepts::parse(short).unwrap_err().contains("line 2"));
    }

    #[test]
    fn the_built_in_lexicon_parses_and_covers_six_languages() {
        let lexicon = concepts();
        assert!(lexicon.len() >= 100, "{} concepts", lexicon.len());
        for line in LEXICON.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let cells: Vec<&str> = line.split('\t').collect();
            assert!(
                cells[1..].iter().all(|c| !c.trim().is_empty()),
                "a language is missing: {line}"
            );
        }
    }
}
