//! Speaker labels resolved to people: the spellings of one name (MARCUS KUMMER and MARKUS
//! KUMMER) are one speaker.
//!
//! Two labels are one name when they have the same number of words and each pair of words is
//! within one edit of each other (letters compared without case or accents), and at most two
//! edits apart in all: a typist's slip, not another person (PAUL WILSON and PAUL WILLIAMS stay
//! apart). Each group of labels takes the spelling used most often, the first seen on ties.

use std::collections::HashMap;

/// The canonical name of each label, in the order labels were given.
pub fn resolve(labels: &[&str]) -> HashMap<String, String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for &label in labels {
        match seen.get(label) {
            Some(&i) => counts[i].1 += 1,
            None => {
                seen.insert(label, counts.len());
                counts.push((label.to_owned(), 1));
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, (label, _)) in counts.iter().enumerate() {
        let same = groups
            .iter_mut()
            .find(|g| g.iter().any(|&j| same_name(label, &counts[j].0)));
        match same {
            Some(group) => group.push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut canonical = HashMap::new();
    for group in groups {
        // The most used spelling; `max_by_key` keeps the last maximum, so look from the end.
        let best = group
            .iter()
            .rev()
            .max_by_key(|&&i| counts[i].1)
            .copied()
            .unwrap_or(group[0]);
        for i in group {
            canonical.insert(counts[i].0.clone(), counts[best].0.clone());
        }
    }
    canonical
}

/// Whether two labels are spellings of one name (see the module documentation).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    let (words_a, words_b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    if words_a.len() != words_b.len() {
        return false;
    }
    let mut total = 0;
    for (x, y) in words_a.iter().zip(&words_b) {
        let d = edits(x, y);
        // Short words (initials, short names) must match exactly: JOHN is not JOAN.
        if d > 1 || (d == 1 && x.chars().count().min(y.chars().count()) < 5) {
            return false;
        }
        total += d;
    }
    total <= 2
}

/// Lower case without the common Latin accents and without abbreviation dots, so KLEINWÄCHTER
/// and KLEINWACHTER, LYNN ST. AMOUR and LYNN ST AMOUR compare equal.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Levenshtein distance between two words.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_merge_to_the_most_used() {
        let labels = [
            "MARKUS KUMMER",
            "PETER MAJOR",
            "MARKUS KUMMER",
            "MARCUS KUMMER",
        ];
        let canonical = resolve(&labels);
        assert_eq!(canonical["MARCUS KUMMER"], "MARKUS KUMMER");
        assert_eq!(canonical["PETER MAJOR"], "PETER MAJOR");
    }

    #[test]
    fn different_people_stay_apart() {
        assert!(!same_name("PAUL WILSON", "PAUL WILLIAMS"));
        assert!(!same_name("PETER MAJOR", "PETER"));
        assert!(
            !same_name("JOHN LEE", "JOAN LEE"),
            "short words must match exactly"
        );
        assert!(same_name("WOLFGANG KLEINWÄCHTER", "WOLFGANG KLEINWACHTER"));
        assert!(same_name("Markus Kummer", "MARKUS KUMMER"));
        assert!(same_name("LYNN ST. AMOUR", "LYNN ST AMOUR"));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(edits("kummer", "kummer"), 0);
        assert_eq!(edits("marcus", "markus"), 1);
        assert_eq!(edits("", "abc"), 3);
    }
}
