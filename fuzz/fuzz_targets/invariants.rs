//! What every parse must satisfy, whatever the input: the fuzz targets assert it.

use agora_records::{Transcript, TurnKind};

/// Panics (a finding) when `t`, parsed from a text of `lines` lines, breaks an invariant.
pub fn check(t: &Transcript, lines: usize) {
    let mut previous_line = 0;
    for turn in &t.turns {
        assert!(
            !turn.text.trim().is_empty(),
            "a turn without text: {turn:?}"
        );
        assert_eq!(turn.text, turn.text.trim(), "untrimmed text");
        assert!(
            (1..=lines.max(1)).contains(&turn.line),
            "line {} of {lines}",
            turn.line
        );
        assert!(turn.line >= previous_line, "turns out of order");
        previous_line = turn.line;
        match turn.kind {
            TurnKind::Narrative => assert!(turn.speaker.is_none() && turn.label.is_none()),
            TurnKind::Speech => assert!(turn.label.is_none() || turn.speaker.is_some()),
        }
        assert_eq!(turn.start_ms.is_some(), turn.end_ms.is_some());
        if let (Some(start), Some(end)) = (turn.start_ms, turn.end_ms) {
            assert!(start <= end, "a turn ends before it starts");
        }
    }
    let speakers = t.speakers();
    let attributed: Vec<_> = t.turns.iter().filter(|t| t.speaker.is_some()).collect();
    assert_eq!(
        speakers.iter().map(|s| s.turns).sum::<usize>(),
        attributed.len()
    );
    assert_eq!(
        speakers.iter().map(|s| s.words).sum::<usize>(),
        attributed
            .iter()
            .map(|t| agora_core::consultation::word_count(&t.text))
            .sum::<usize>()
    );
    // The first hundred, the count of the rest, a decoding one and a not-text one at most.
    assert!(t.warnings.len() <= 103, "{} warnings", t.warnings.len());
    for warning in &t.warnings {
        let number = warning
            .strip_prefix("line ")
            .and_then(|rest| rest.split_once(": "))
            .map(|(n, _)| n);
        assert!(
            number.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1)),
            "a warning without its line: {warning}"
        );
    }
}

/// Lines as the parser counts them (`\n`, `\r\n`, a lone `\r`).
pub fn lines(text: &str) -> usize {
    text.replace("\r\n", "\n").split(['\n', '\r']).count()
}
