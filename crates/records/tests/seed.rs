//! The seed meeting (ICANN Beijing, 8 April 2013, French transcript in shared/data/seed):
//! every labelled turn attributed as in the source, the three `>>` turns unattributed,
//! Kummer's two spellings one speaker, the header and the disclaimer not speech, no turn split
//! or merged by a page break.

use agora_records::parse;

/// A copy of `shared/data/seed/000_6117db35588d4a90.txt`, so the test runs from any checkout.
const SEED: &str = include_str!("fixtures/icann-beijing-2013-04-08-fr.txt");

/// The speaker labels of the source with their lines, as a reader lists them (`>>` for the
/// speakers nobody identified).
const LABELS: [(usize, &str); 59] = [
    (11, "NIGEL HICKSON"),
    (15, "PETER MAJOR"),
    (69, "WOLFGANG KLEINWACHTER"),
    (89, "PETER MAJOR"),
    (91, "JANIS KARKLINS"),
    (93, "PETER MAJOR"),
    (105, "MARKUS KUMMER"),
    (131, "PETER MAJOR"),
    (133, "MARKUS KUMMER"),
    (137, "CHENGETAI MASANGO"),
    (145, "PETER MAJOR"),
    (149, "ERIC LOEB"),
    (161, "PETER MAJOR"),
    (163, "ERIC LOEB"),
    (165, "PETER MAJOR"),
    (213, "JANIS KARKLINS"),
    (217, "PETER MAJOR"),
    (225, "JAOA CARLOS CARIBE"),
    (233, "PETER MAJOR"),
    (239, "TAREK KAMEL"),
    (259, "PETER MAJOR"),
    (263, "STEFANO TRUMPY"),
    (283, "PETER MAJOR"),
    (285, ">>"),
    (293, "PETER MAJOR"),
    (299, "BILL GRAHAM"),
    (311, "FRANKLIN NETTO"),
    (329, "PETER MAJOR"),
    (333, "XINMIN GAO"),
    (353, "PETER MAJOR"),
    (355, "PAUL WILSON"),
    (375, "PETER MAJOR"),
    (381, ">>"),
    (387, "PETER MAJOR"),
    (389, "JOY LIDDICOAT"),
    (399, "PETER MAJOR"),
    (401, "TAREK KAMEL"),
    (415, "PETER MAJOR"),
    (417, "ERIC LOEB"),
    (419, "PETER MAJOR"),
    (421, "WOLFGANG KLEINWACHTER"),
    (433, "PETER MAJOR"),
    (437, ">>"),
    (453, "PETER MAJOR"),
    (455, "MARILYN CADE"),
    (467, "PETER MAJOR"),
    (483, "NIGEL HICKSON"),
    (493, "PETER MAJOR"),
    (495, "ERIC LOEB"),
    (505, "PETER MAJOR"),
    (509, "MARCUS KUMMER"),
    (517, "WOLFGANG KLEINWACHTER"),
    (529, "BILL GRAHAM"),
    (545, "TAREK KAMEL"),
    (551, "PETER MAJOR"),
    (555, "PAUL WILSON"),
    (563, "PETER MAJOR"),
    (567, "PAUL WILSON"),
    (577, "PETER MAJOR"),
];

#[test]
fn every_turn_is_attributed_as_in_the_source() {
    let transcript = parse(SEED);
    let found: Vec<(usize, &str)> = transcript
        .turns
        .iter()
        .map(|t| {
            (
                t.line,
                t.label.as_deref().or(t.speaker.as_deref()).unwrap_or(">>"),
            )
        })
        .collect();
    assert_eq!(found, LABELS);
    assert_eq!(
        transcript
            .turns
            .iter()
            .filter(|t| t.speaker.is_none())
            .count(),
        3
    );
    assert!(
        transcript.turns.iter().all(|t| !t.text.is_empty()),
        "no turn without text"
    );
    assert!(transcript.warnings.is_empty(), "{:?}", transcript.warnings);
}

#[test]
fn kummers_two_spellings_are_one_speaker() {
    let transcript = parse(SEED);
    let speakers = transcript.speakers();
    let kummer: Vec<_> = speakers
        .iter()
        .filter(|s| s.name.ends_with("KUMMER"))
        .collect();
    assert_eq!(kummer.len(), 1, "{kummer:?}");
    assert_eq!(kummer[0].name, "MARKUS KUMMER");
    assert_eq!(kummer[0].turns, 3);
}

#[test]
fn header_and_disclaimer_are_metadata_not_speech() {
    let transcript = parse(SEED);
    assert_eq!(
        transcript.title.as_deref(),
        Some("BEIJING – l'Agenda global de la gouvernance d'internet")
    );
    assert!(
        transcript
            .date
            .as_deref()
            .is_some_and(|d| d.contains("2013"))
    );
    assert!(
        transcript
            .place
            .as_deref()
            .is_some_and(|p| p.contains("Beijing"))
    );
    assert!(!transcript.disclaimers.is_empty());
    assert_eq!(transcript.language.as_deref(), Some("fr"));
    for turn in &transcript.turns {
        assert!(
            !turn.text.contains("Remarque : Le présent document"),
            "line {}",
            turn.line
        );
        assert!(!turn.text.contains("Avril 08, 2013"), "line {}", turn.line);
    }
}

#[test]
fn a_sentence_cut_by_a_page_break_is_joined_and_inaudible_marks_kept() {
    let transcript = parse(SEED);
    let major = &transcript.turns[1];
    assert!(
        major
            .text
            .contains("et prochainement il y aura l'assemblée générale de l'ONU")
    );
    assert!(!major.text.contains("---"));
    // The source writes the mark in both cases ("xxx" and once "XXX").
    assert_eq!(
        transcript.inaudible,
        SEED.to_lowercase().matches("xxx").count()
    );
}
