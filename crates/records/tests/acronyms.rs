//! Acronyms in the seed meeting (French, ICANN Beijing 2013): the bodies its speakers name are
//! found as often as they occur, the capital speaker labels are not acronyms, and the glossary's
//! list of unknown ones is ordered and carries contexts.

use agora_records::acronyms::{collect, find};

const SEED: &str = include_str!("fixtures/icann-beijing-2013-04-08-fr.txt");

/// Whole-word occurrences of `word`, counted naively for comparison.
fn occurrences(word: &str) -> usize {
    SEED.split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| *w == word || w.strip_suffix('s') == Some(word))
        .count()
}

#[test]
fn the_bodies_named_in_the_seed_are_found_as_often_as_they_occur() {
    let found = find(SEED);
    let count = |a: &str| found.iter().filter(|o| o.acronym == a).count();
    for acronym in [
        "IGF", "ICANN", "UIT", "WSIS", "CSTD", "GAC", "ONU", "WCIT", "ITU", "UNCTAD", "MAG",
        "ISOC", "APNIC", "IETF", "GNSO", "CMTI", "WGIG", "UNDP", "AT&T", "G8", "IPv6", "RIR",
    ] {
        assert!(count(acronym) > 0, "{acronym} not found");
        assert_eq!(count(acronym), occurrences(acronym), "{acronym}");
    }
    assert_eq!(count("IGF"), 44);
    assert_eq!(count("ICANN"), 36);
    for o in &found {
        assert_eq!(&SEED[o.start..o.end], o.acronym);
    }
}

#[test]
fn speaker_labels_and_inaudible_marks_are_not_acronyms() {
    let found = find(SEED);
    // These words occur in the seed only in labels (`PETER MAJOR:`) or as the mark `XXX`.
    for word in [
        "PETER",
        "MAJOR",
        "KUMMER",
        "WOLFGANG",
        "HICKSON",
        "LIDDICOAT",
        "XXX",
    ] {
        assert!(SEED.contains(word));
        assert!(!found.iter().any(|o| o.acronym == word), "{word}");
    }
}

#[test]
fn unknown_ones_most_used_first_with_contexts() {
    let known = |a: &str| a == "ICANN" || a == "UIT";
    let unknown = collect(&[SEED], &known);
    assert!(
        !unknown
            .iter()
            .any(|u| u.acronym == "ICANN" || u.acronym == "UIT")
    );
    assert_eq!(unknown[0].acronym, "IGF");
    assert_eq!(unknown[0].count, 44);
    for pair in unknown.windows(2) {
        assert!(
            (pair[0].count, &pair[1].acronym) >= (pair[1].count, &pair[0].acronym),
            "{} before {}",
            pair[0].acronym,
            pair[1].acronym
        );
    }
    for u in &unknown {
        assert!(!u.contexts.is_empty() && u.contexts.len() <= 3);
        for context in &u.contexts {
            assert!(context.contains(&u.acronym), "{context}");
            assert!(context.chars().count() <= 170, "{context}");
        }
    }
    let cstd = unknown.iter().find(|u| u.acronym == "CSTD").unwrap();
    assert_eq!(cstd.count, 8);
    // Contexts start at a sentence or between words, never inside a word.
    for context in unknown.iter().flat_map(|u| &u.contexts) {
        let at = SEED.find(context.as_str()).unwrap();
        let before = SEED[..at].chars().next_back();
        assert!(
            before.is_none_or(|c| c.is_whitespace() || ".!?".contains(c)),
            "{context}"
        );
    }
    // The same texts give the same list.
    assert_eq!(collect(&[SEED], &known), unknown);
}
