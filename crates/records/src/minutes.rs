//! Scribe minutes: `Name: text` lines (a name in title case or capitals, optionally after a
//! list bullet) among narrative paragraphs ("The Chair opened the meeting…").
//!
//! A line under a speaker's line continues that turn (a wrapped line); after a blank line,
//! text without a label is narrative, never anyone's words. Consecutive lines of one speaker
//! are one turn. Labels that are the minutes' own headings — `Note:`, `Action:`, `Decision:`,
//! `Present:`, `Agenda:` and their French and Spanish forms — are narrative too, except
//! `Date:`, `Title:` and `Location:`, which fill the metadata. Times (`10:30`) and URLs
//! (`https:`) are not names. A label followed only by a name before anyone has spoken
//! (`Chair: Carol Roach`) is narrative, not speech. Paragraphs before the first turn give the
//! title and the date; the rest is narrative, as minutes have.

use crate::format::Format;
use crate::label;
use crate::transcript::{Builder, Header, Transcript, TurnKind};

/// Words that end in a colon in minutes without being anyone's name (compared in lower case,
/// the whole label or its first word).
const KEYWORDS: [&str; 44] = [
    "note",
    "notes",
    "nb",
    "action",
    "actions",
    "action item",
    "decision",
    "decisions",
    "decided",
    "resolved",
    "resolution",
    "agreed",
    "outcome",
    "conclusion",
    "summary",
    "agenda",
    "topic",
    "item",
    "present",
    "attendees",
    "participants",
    "regrets",
    "apologies",
    "absent",
    "scribe",
    "minutes",
    "next meeting",
    "see",
    "link",
    "subject",
    "time",
    "remarque",
    "nota",
    "ordre du jour",
    "présents",
    "excusés",
    "décision",
    "relevé de décisions",
    "acción",
    "acuerdo",
    "asistentes",
    "fecha",
    "lugar",
    "orden del día",
];

/// Reads scribe minutes (line endings already `\n`).
pub(crate) fn parse(input: &str) -> Transcript {
    let mut builder = Builder::new(Format::Minutes);
    let mut after_blank = true;
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            builder.paragraph();
            after_blank = true;
            continue;
        }
        match classify(line) {
            // `Chair: Carol Roach` before anyone speaks: a role, not speech.
            Line::Speaker(_, text) if is_name(text) && !builder.has_speech() => {
                builder.narrative(number, line);
            }
            Line::Speaker(name, text) => {
                let same = builder.last().is_some_and(|t| {
                    t.kind == TurnKind::Speech && t.label.as_deref() == Some(name)
                });
                if same {
                    builder.paragraph();
                    builder.text(number, text);
                } else {
                    builder.turn(Some(name), number, text);
                }
            }
            Line::Metadata(slot, value) if slot(&mut builder.transcript).is_none() => {
                *slot(&mut builder.transcript) = Some(value.to_owned());
            }
            Line::Metadata(..) | Line::Keyword => builder.narrative(number, line),
            Line::Text => {
                let narrative = builder
                    .last()
                    .map(|t| t.kind == TurnKind::Narrative || after_blank);
                match narrative {
                    Some(true) => builder.narrative(number, line),
                    // A wrapped line of a speaker's turn, or the header.
                    Some(false) | None => builder.text(number, line),
                }
            }
        }
        after_blank = false;
    }
    builder.finish(Header::Minutes)
}

/// Text that is a name of two words or more and nothing else (no closing punctuation).
fn is_name(text: &str) -> bool {
    label::plausible(text)
        && label::title_case(text)
        && text.split_whitespace().count() >= 2
        && !text.ends_with('.')
}

type Slot = fn(&mut Transcript) -> &mut Option<String>;

enum Line<'a> {
    Speaker(&'a str, &'a str),
    Metadata(Slot, &'a str),
    Keyword,
    Text,
}

fn classify(line: &str) -> Line<'_> {
    let unbulleted = line
        .strip_prefix(['-', '*', '•'])
        .map_or(line, str::trim_start);
    let Some((name, text)) = label::before_colon(unbulleted) else {
        return Line::Text;
    };
    let lower = name.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    let metadata: Option<Slot> = match first {
        "date" => Some(|t| &mut t.date),
        "title" | "titre" | "título" => Some(|t| &mut t.title),
        "location" | "place" | "venue" | "lieu" => Some(|t| &mut t.place),
        _ => None,
    };
    if let Some(slot) = metadata {
        return Line::Metadata(slot, text);
    }
    if KEYWORDS.contains(&lower.as_str()) || KEYWORDS.contains(&first) {
        return Line::Keyword;
    }
    let speaker =
        label::plausible(name) && name.split_whitespace().count() <= 5 && label::title_case(name);
    if speaker {
        Line::Speaker(name, text)
    } else {
        Line::Text
    }
}

#[cfg(test)]
mod tests {
    use crate::{Format, TurnKind, parse_as};

    #[test]
    fn speakers_narrative_keywords_times_and_urls() {
        let t = parse_as(
            "MAG call minutes\n\nDate: 12 March 2024\n\nThe Chair opened the meeting at 10:30.\n\nPeter Major: Welcome. The agenda\nis adopted.\nPeter Major: Next item.\nNote: the call was recorded.\n- Joy Liddicoat: See https://igf.org for details.\n10:45 break\n\nAction: secretariat to circulate the draft.\n",
            Format::Minutes,
        );
        assert_eq!(t.title.as_deref(), Some("MAG call minutes"));
        assert_eq!(t.date.as_deref(), Some("12 March 2024"));
        let turns: Vec<(TurnKind, Option<&str>, &str)> = t
            .turns
            .iter()
            .map(|t| (t.kind, t.speaker.as_deref(), t.text.as_str()))
            .collect();
        assert_eq!(
            turns,
            [
                (
                    TurnKind::Narrative,
                    None,
                    "The Chair opened the meeting at 10:30."
                ),
                (
                    TurnKind::Speech,
                    Some("Peter Major"),
                    "Welcome. The agenda is adopted.\n\nNext item."
                ),
                (TurnKind::Narrative, None, "Note: the call was recorded."),
                (
                    TurnKind::Speech,
                    Some("Joy Liddicoat"),
                    "See https://igf.org for details. 10:45 break"
                ),
                (
                    TurnKind::Narrative,
                    None,
                    "Action: secretariat to circulate the draft."
                ),
            ]
        );
        let words: usize = t.speakers().iter().map(|s| s.words).sum();
        assert_eq!(words, 7 + 9, "narrative is nobody's words");
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }
}
