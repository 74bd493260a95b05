//! ICANN's transcripts.
//!
//! The text is read as paragraphs (blank lines between). A paragraph that starts with a label
//! (`NAME:` in capitals, `**NAME:**`, `### Name:` or `>>`, which marks a speaker nobody
//! identified and may be followed by a label) starts a turn; other paragraphs continue the
//! current turn. Page breaks (`---`) never end a turn, and a sentence they cut in two (the
//! paragraph before ends without closing punctuation) is joined again. Paragraphs before the
//! first label are the header (title, then the line with a year as the date, then the place);
//! a paragraph in italics (`*…*`) is a disclaimer. Both go to metadata and are not speech.
//! `xxx` marks an inaudible passage: it stays in the text and is counted.

use crate::format::Format;
use crate::label;
use crate::transcript::{Builder, Header, Transcript};

/// A paragraph of the input and the line it starts on.
struct Paragraph {
    text: String,
    line: usize,
}

/// What a paragraph is.
enum Kind<'a> {
    PageBreak,
    Disclaimer(&'a str),
    /// A label (None: unidentified speaker) and the text after it on the same paragraph.
    Labelled(Option<&'a str>, &'a str),
    Text(&'a str),
}

/// Reads an ICANN transcript (line endings already `\n`).
pub(crate) fn parse(input: &str) -> Transcript {
    let mut builder = Builder::new(Format::Icann);
    let mut pending_break = false;
    for paragraph in paragraphs(input) {
        match classify(&paragraph.text) {
            Kind::PageBreak => pending_break = true,
            Kind::Disclaimer(text) => builder.disclaimer(text),
            Kind::Labelled(label, text) => {
                pending_break = false;
                builder.turn(label, paragraph.line, text);
            }
            Kind::Text(text) => {
                let joins = pending_break
                    && builder
                        .last()
                        .is_some_and(|t| !t.text.is_empty() && cut_sentence(&t.text));
                if !joins {
                    builder.paragraph();
                }
                builder.text(paragraph.line, text);
                pending_break = false;
            }
        }
    }
    builder.finish(Header::Transcript)
}

/// Paragraphs: runs of non-blank lines, each trimmed and joined by single spaces.
fn paragraphs(input: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (n, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line == "---" {
            if let Some(p) = current.take() {
                out.push(p);
            }
            if line == "---" {
                out.push(Paragraph {
                    text: "---".to_owned(),
                    line: n + 1,
                });
            }
            continue;
        }
        // A label alone on its line ends the paragraph before it even without a blank line.
        if current.is_some() && starts_with_label(line) {
            out.extend(current.take());
        }
        match &mut current {
            Some(p) => {
                p.text.push(' ');
                p.text.push_str(line);
            }
            None => {
                current = Some(Paragraph {
                    text: line.to_owned(),
                    line: n + 1,
                })
            }
        }
    }
    out.extend(current);
    out
}

fn starts_with_label(line: &str) -> bool {
    matches!(classify(line), Kind::Labelled(..))
}

fn classify(text: &str) -> Kind<'_> {
    if text == "---" {
        return Kind::PageBreak;
    }
    if let Some(rest) = text.strip_prefix(">>") {
        let rest = rest.trim_start();
        return match label(rest) {
            Some((name, after)) => Kind::Labelled(Some(name), after),
            None => Kind::Labelled(None, rest),
        };
    }
    if let Some((name, after)) = label(text) {
        return Kind::Labelled(Some(name), after);
    }
    if let Some(text) = crate::transcript::disclaimer(text) {
        return Kind::Disclaimer(text);
    }
    Kind::Text(text)
}

/// A speaker label at the start of a paragraph, and the text after it: `**NAME:**`,
/// `### Name:`, or `NAME:` in capitals ("Note: …" in running text is not a speaker).
fn label(text: &str) -> Option<(&str, &str)> {
    let (name, after) = if let Some(found) = label::bold(text) {
        found
    } else if let Some(rest) = text.strip_prefix("### ") {
        label::before_colon(rest)?
    } else {
        let (name, after) = label::before_colon(text)?;
        if !label::capitals(name) {
            return None;
        }
        (name, after)
    };
    label::plausible(name).then_some((name, after))
}

/// Whether a page break cut a sentence: the paragraph before it ends without closing
/// punctuation (transcribers close every paragraph; the break does not), whatever the next one
/// starts with, since a cut may fall before a name.
fn cut_sentence(before: &str) -> bool {
    !before
        .trim_end()
        .ends_with(['.', '!', '?', '…', ':', '»', '"', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use crate::format::Format;
    use crate::transcript::{Transcript, TurnKind};

    fn parse(text: &str) -> Transcript {
        crate::parse_as(text, Format::Icann)
    }

    #[test]
    fn labels_alone_or_before_text_and_unidentified_speakers() {
        let t = parse(
            "Title\n\nPETER MAJOR:\n\nHello all.\n\nERIC LOEB: Thanks.\n\n>> A question from the floor.\n\n>> JANIS KARKLINS: Can you hear me?\n",
        );
        let who: Vec<Option<&str>> = t.turns.iter().map(|t| t.speaker.as_deref()).collect();
        assert_eq!(
            who,
            [
                Some("PETER MAJOR"),
                Some("ERIC LOEB"),
                None,
                Some("JANIS KARKLINS")
            ]
        );
        assert_eq!(t.turns[0].text, "Hello all.");
        assert_eq!(t.title.as_deref(), Some("Title"));
    }

    #[test]
    fn a_page_break_joins_a_cut_sentence_and_keeps_a_whole_one_apart() {
        let t =
            parse("PETER: We will meet in\n\n---\n\nBali next year.\n\n---\n\nNew paragraph.\n");
        assert_eq!(t.turns.len(), 1);
        assert_eq!(
            t.turns[0].text,
            "We will meet in Bali next year.\n\nNew paragraph."
        );
    }

    #[test]
    fn markdown_headings_with_full_width_colons() {
        let t = parse("### 唐鳳：\n\n大家好。\n\n### Audrey Tang:\n\nHello.\n");
        assert_eq!(t.turns[0].speaker.as_deref(), Some("唐鳳"));
        assert_eq!(t.turns[1].speaker.as_deref(), Some("Audrey Tang"));
    }

    #[test]
    fn broken_input_still_parses_with_warnings() {
        let t = parse("\u{feff}Some header\r\nJOHN DOE:\r\n\r\nJANE DOE: Hi xxx there\rMore\n");
        assert_eq!(t.turns.len(), 1, "a label without text is no turn");
        assert_eq!(t.turns[0].text, "Hi xxx there More");
        assert_eq!(t.warnings, ["line 2: JOHN DOE has no text"]);
        assert_eq!(t.inaudible, 1);
        let long = "word ".repeat(400_000);
        let t = parse(&long);
        assert_eq!(t.title, None, "two megabytes are no title");
        assert_eq!(t.turns.len(), 1);
        assert_eq!(t.turns[0].kind, TurnKind::Narrative);
        assert_eq!(t.turns[0].text.len(), long.trim().len());
        assert_eq!(
            t.warnings,
            ["line 1: text before the first speaker, kept as narrative"]
        );
    }

    #[test]
    fn running_text_with_a_colon_is_not_a_label() {
        let t = parse("PETER MAJOR: The agenda: two items. Note: none.\n\nAs follows: first.\n");
        assert_eq!(t.turns.len(), 1);
    }
}
