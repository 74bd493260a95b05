//! Transcripts: text in, turns with speakers out.
//!
//! The text is read as paragraphs (blank lines between). A paragraph that starts with a label
//! (`NAME:` in capitals, `**NAME:**`, `### Name:` or `>>`, which marks a speaker nobody
//! identified and may be followed by a label) starts a turn; other paragraphs continue the
//! current turn. Page breaks (`---`) never end a turn, and a sentence they cut in two (the
//! paragraph before ends without closing punctuation) is joined again. Paragraphs before the first label are the header (title, then the line with
//! a year as the date, then the place); a paragraph in italics (`*…*`) is a disclaimer. Both go
//! to metadata and are not speech. `xxx` marks an inaudible passage: it stays in the text and is
//! counted.

use serde::Serialize;

use crate::speakers;

/// A parsed transcript.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Transcript {
    pub title: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    /// ISO 639-1 code of the language most of the speech is in.
    pub language: Option<String>,
    pub disclaimers: Vec<String>,
    pub turns: Vec<Turn>,
    /// Inaudible passages (`xxx`) in the speech.
    pub inaudible: usize,
    /// What the parser had to guess, with the line it concerns.
    pub warnings: Vec<String>,
}

/// One speaker's turn: consecutive paragraphs under one label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Turn {
    /// The speaker's name (spellings merged), or `None` for a speaker nobody identified.
    pub speaker: Option<String>,
    /// The label as written, when it differs from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Paragraphs joined by blank lines.
    pub text: String,
    /// The line the turn starts on (1-based).
    pub line: usize,
}

/// A speaker's share of the meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    pub name: String,
    pub turns: usize,
    pub words: usize,
}

impl Transcript {
    /// Speakers in order of first turn, with their turns and words.
    pub fn speakers(&self) -> Vec<Speaker> {
        let mut out: Vec<Speaker> = Vec::new();
        for turn in &self.turns {
            let Some(name) = &turn.speaker else { continue };
            let words = agora_core::consultation::word_count(&turn.text);
            match out.iter_mut().find(|s| &s.name == name) {
                Some(s) => {
                    s.turns += 1;
                    s.words += words;
                }
                None => out.push(Speaker {
                    name: name.clone(),
                    turns: 1,
                    words,
                }),
            }
        }
        out
    }
}

/// A paragraph of the input and the line it starts on.
struct Paragraph {
    text: String,
    line: usize,
}

/// What a paragraph is.
enum Kind {
    PageBreak,
    Disclaimer(String),
    /// A label (None: unidentified speaker) and the text after it on the same paragraph.
    Labelled(Option<String>, String),
    Text(String),
}

/// Parses a transcript. Never fails: what it cannot place becomes a warning.
pub fn parse(input: &str) -> Transcript {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let input = input.replace("\r\n", "\n").replace('\r', "\n");
    let mut transcript = Transcript::default();
    let mut header: Vec<String> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut pending_break = false;
    for paragraph in paragraphs(&input) {
        match classify(&paragraph.text) {
            Kind::PageBreak => pending_break = true,
            Kind::Disclaimer(text) => transcript.disclaimers.push(text),
            Kind::Labelled(label, text) => {
                pending_break = false;
                if let Some(previous) = transcript.turns.last()
                    && previous.text.is_empty()
                {
                    let name = previous.label.clone().unwrap_or_else(|| ">>".to_owned());
                    transcript
                        .warnings
                        .push(format!("line {}: {name} has no text", previous.line));
                }
                if let Some(label) = &label {
                    labels.push(label.clone());
                }
                transcript.turns.push(Turn {
                    speaker: None,
                    label,
                    text: text.clone(),
                    line: paragraph.line,
                });
            }
            Kind::Text(text) => {
                let Some(turn) = transcript.turns.last_mut() else {
                    header.push(text);
                    continue;
                };
                let joins = pending_break && !turn.text.is_empty() && cut_sentence(&turn.text);
                if joins {
                    turn.text.push(' ');
                } else if !turn.text.is_empty() {
                    turn.text.push_str("\n\n");
                }
                turn.text.push_str(&text);
                pending_break = false;
            }
        }
    }
    if let Some(last) = transcript.turns.last()
        && last.text.is_empty()
    {
        let name = last.label.clone().unwrap_or_else(|| ">>".to_owned());
        transcript
            .warnings
            .push(format!("line {}: {name} has no text", last.line));
    }
    read_header(&mut transcript, header);
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let canonical = speakers::resolve(&label_refs);
    for turn in &mut transcript.turns {
        if let Some(label) = turn.label.take() {
            let name = canonical
                .get(&label)
                .cloned()
                .unwrap_or_else(|| label.clone());
            turn.label = (name != label).then_some(label);
            turn.speaker = Some(name);
        }
    }
    transcript.inaudible = transcript
        .turns
        .iter()
        .map(|t| inaudible_marks(&t.text))
        .sum();
    let speech: String = transcript
        .turns
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let language = agora_text::language::detect(&speech);
    if language != agora_text::language::Language::Other {
        transcript.language = Some(language.code().to_owned());
    }
    transcript
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

fn classify(text: &str) -> Kind {
    if text == "---" {
        return Kind::PageBreak;
    }
    if let Some(rest) = text.strip_prefix(">>") {
        let rest = rest.trim_start();
        return match label(rest) {
            Some((name, after)) => Kind::Labelled(Some(name), after),
            None => Kind::Labelled(None, rest.to_owned()),
        };
    }
    if let Some((name, after)) = label(text) {
        return Kind::Labelled(Some(name), after);
    }
    let italic =
        text.len() > 2 && text.starts_with('*') && text.ends_with('*') && !text.starts_with("**");
    if italic {
        return Kind::Disclaimer(text.trim_matches('*').trim().to_owned());
    }
    Kind::Text(text.to_owned())
}

/// A speaker label at the start of a paragraph, and the text after it.
fn label(text: &str) -> Option<(String, String)> {
    let (name, after) = if let Some(rest) = text.strip_prefix("**") {
        let (inside, after) = rest.split_once("**")?;
        (
            inside
                .trim()
                .strip_suffix(':')
                .or_else(|| inside.trim().strip_suffix('：'))?,
            after,
        )
    } else if let Some(rest) = text.strip_prefix("### ") {
        let end = rest.find([':', '：'])?;
        (
            &rest[..end],
            &rest[end + rest[end..].chars().next()?.len_utf8()..],
        )
    } else {
        let end = text.find(':')?;
        let name = &text[..end];
        // Capitals only: "Note: …" in running text is not a speaker.
        if name.chars().any(char::is_lowercase) {
            return None;
        }
        (name, &text[end + 1..])
    };
    let name = name.trim();
    let plausible = name.chars().count() >= 2
        && name.chars().count() <= 60
        && name.split_whitespace().count() <= 6
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || " .'-".contains(c));
    plausible.then(|| (name.to_owned(), after.trim().to_owned()))
}

/// Whether a page break cut a sentence: the paragraph before it ends without closing
/// punctuation (transcribers close every paragraph; the break does not), whatever the next one
/// starts with, since a cut may fall before a name.
fn cut_sentence(before: &str) -> bool {
    !before
        .trim_end()
        .ends_with(['.', '!', '?', '…', ':', '»', '"', '。', '！', '？'])
}

/// `xxx` marks, as whole words in any case.
fn inaudible_marks(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.eq_ignore_ascii_case("xxx"))
        .count()
}

/// Header paragraphs: the title first, the one with a year is the date, the rest the place.
fn read_header(transcript: &mut Transcript, header: Vec<String>) {
    for line in header {
        let has_year = line
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && n.starts_with(['1', '2']));
        if transcript.title.is_none() {
            transcript.title = Some(line);
        } else if transcript.date.is_none() && has_year {
            transcript.date = Some(line);
        } else if transcript.place.is_none() {
            transcript.place = Some(line);
        } else {
            transcript.warnings.push(format!(
                "text before the first speaker, kept as the header: {line}"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(t.turns.len(), 2);
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("JOHN DOE has no text")),
            "{:?}",
            t.warnings
        );
        assert_eq!(t.inaudible, 1);
        let long = "word ".repeat(400_000);
        let t = parse(&long);
        assert!(t.turns.is_empty());
        assert_eq!(t.title.as_deref().map(str::len), Some(long.trim().len()));
    }

    #[test]
    fn running_text_with_a_colon_is_not_a_label() {
        let t = parse("PETER MAJOR: The agenda: two items. Note: none.\n\nAs follows: first.\n");
        assert_eq!(t.turns.len(), 1);
    }
}
