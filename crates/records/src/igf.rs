//! IGF real-time captioning (CART): `>>` at each change of speaker, at the start of a line or
//! after a space inside one, sometimes followed by the speaker's name and a colon
//! (`>> CHENGETAI MASANGO: Thank you.`); a `>>` without a name is a speaker the captioner did
//! not identify. Lines are wrapped at caption width and are joined again; a blank line starts
//! a new paragraph of the same turn. Text before the first `>>` is the header; the captioning
//! notice ("should not be treated as an authoritative record") is a disclaimer.

use crate::format::Format;
use crate::label;
use crate::transcript::{Builder, Header, Transcript};

/// Reads IGF captioning (line endings already `\n`).
pub(crate) fn parse(input: &str) -> Transcript {
    let mut builder = Builder::new(Format::Igf);
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            builder.paragraph();
            continue;
        }
        let mut pieces = split_markers(line);
        if let Some(before) = pieces.next() {
            builder.text(number, before);
        }
        for piece in pieces {
            let piece = piece.trim_start_matches('>').trim();
            match speaker(piece) {
                Some((name, after)) => builder.turn(Some(name), number, after),
                None => builder.turn(None, number, piece),
            }
        }
    }
    builder.finish(Header::Transcript)
}

/// The text before the first `>>` marker, then the text after each marker.
fn split_markers(line: &str) -> impl Iterator<Item = &str> {
    let mut starts = line
        .match_indices(">>")
        .filter(|&(at, _)| at == 0 || line[..at].ends_with(char::is_whitespace))
        .map(|(at, _)| at)
        .peekable();
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let piece = match starts.next() {
            Some(at) => {
                let piece = &line[from..at];
                from = at + 2;
                piece
            }
            None => {
                done = true;
                &line[from..]
            }
        };
        Some(piece)
    })
}

/// `NAME:` (capitals or title case) after a marker: the name and the text after it.
fn speaker(text: &str) -> Option<(&str, &str)> {
    let (name, after) = label::before_colon(text)?;
    (label::plausible(name) && label::title_case(name)).then_some((name, after))
}

#[cfg(test)]
mod tests {
    use crate::{Format, TurnKind, parse_as};

    #[test]
    fn markers_with_and_without_names_and_wrapped_lines() {
        let t = parse_as(
            "IGF 2019 - Day 1 - Main Hall\n\n>> CHENGETAI MASANGO: Good morning. Please take your\nseats. >> Thank you.\n>> Chengetai Masango:\nWelcome.\n",
            Format::Igf,
        );
        assert_eq!(t.title.as_deref(), Some("IGF 2019 - Day 1 - Main Hall"));
        let turns: Vec<(Option<&str>, &str, usize)> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_deref(), t.text.as_str(), t.line))
            .collect();
        assert_eq!(
            turns,
            [
                (
                    Some("CHENGETAI MASANGO"),
                    "Good morning. Please take your seats.",
                    3
                ),
                (None, "Thank you.", 4),
                (Some("CHENGETAI MASANGO"), "Welcome.", 5),
            ]
        );
        assert_eq!(t.turns[2].label.as_deref(), Some("Chengetai Masango"));
        assert!(t.turns.iter().all(|t| t.kind == TurnKind::Speech));
    }

    #[test]
    fn a_sentence_with_a_colon_after_a_marker_is_speech() {
        let t = parse_as(">> Thank you: we start.\n>>ISTANBUL >> x\n", Format::Igf);
        assert_eq!(t.turns[0].speaker, None);
        assert_eq!(t.turns[0].text, "Thank you: we start.");
        assert_eq!(t.turns[1].text, "ISTANBUL");
        assert_eq!(t.turns.len(), 3);
    }
}
