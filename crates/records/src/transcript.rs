//! Transcripts: text in, turns with speakers out, whatever the format.
//!
//! Each format's reader (`icann`, `igf`, `markdown`, `minutes`, `captions`) feeds a
//! [`Builder`]: turns under raw labels, narrative, header paragraphs, warnings with their line.
//! The builder finishes the same way for all: the header becomes title, date and place (and
//! disclaimers); turns left without text are dropped with a warning; labels are resolved to
//! speakers (spellings merged); inaudible passages are counted and the language is told from
//! the speech. Narrative — what scribe minutes or a Markdown section heading say about the
//! meeting, and text before the first speaker that is not a header — is kept in order as a
//! turn of kind [`TurnKind::Narrative`] with no speaker, so it is never anyone's words.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::format::Format;
use crate::{captions, decode, icann, igf, markdown, minutes, speakers};

/// A parsed transcript.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Transcript {
    /// The format it was read as.
    pub format: Format,
    pub title: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    /// ISO 639-1 code of the language most of the speech is in.
    pub language: Option<String>,
    pub disclaimers: Vec<String>,
    pub turns: Vec<Turn>,
    /// Inaudible passages in the speech: `xxx`, `(inaudible)`, `[inaudible]`.
    pub inaudible: usize,
    /// What the parser had to guess or repair, each starting `line N: `, in line order (the
    /// first hundred, then how many more).
    pub warnings: Vec<String>,
}

/// A speaker's turn (consecutive paragraphs or cues under one label), or a passage of
/// narrative.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Turn {
    /// The speaker's name (spellings merged), or `None` for a speaker nobody identified and
    /// for narrative.
    pub speaker: Option<String>,
    /// The label as written, when it differs from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub kind: TurnKind,
    /// Paragraphs joined by blank lines; never empty.
    pub text: String,
    /// The line the turn starts on (1-based).
    pub line: usize,
    /// When the turn starts and ends, in milliseconds from the start of the recording, for
    /// formats with timestamps (WebVTT, SRT).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
}

/// What a turn is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TurnKind {
    /// Someone speaking (identified or not).
    #[default]
    Speech,
    /// Text about the meeting, not speech: scribe narrative, section headings, action items.
    Narrative,
}

/// A speaker's share of the meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    pub name: String,
    pub turns: usize,
    pub words: usize,
    /// Speaking time, from the turns that have timestamps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaking_ms: Option<u64>,
}

impl Transcript {
    /// Speakers in order of first turn, with their turns, words and speaking time.
    pub fn speakers(&self) -> Vec<Speaker> {
        let mut out: Vec<Speaker> = Vec::new();
        for turn in &self.turns {
            let Some(name) = &turn.speaker else { continue };
            let words = agora_core::consultation::word_count(&turn.text);
            let ms = turn
                .start_ms
                .zip(turn.end_ms)
                .map(|(s, e)| e.saturating_sub(s));
            match out.iter_mut().find(|s| &s.name == name) {
                Some(s) => {
                    s.turns += 1;
                    s.words += words;
                    if let Some(ms) = ms {
                        s.speaking_ms = Some(s.speaking_ms.unwrap_or(0) + ms);
                    }
                }
                None => out.push(Speaker {
                    name: name.clone(),
                    turns: 1,
                    words,
                    speaking_ms: ms,
                }),
            }
        }
        out
    }
}

/// Parses a transcript in the format [`Format::detect`] recognises. Never fails: what it
/// cannot place becomes a warning.
pub fn parse(input: &str) -> Transcript {
    parse_as(input, Format::detect(input))
}

/// Parses a transcript in the given format. Line endings may be `\n`, `\r\n` or `\r`, mixed;
/// a byte-order mark is dropped. Text that is mostly control characters is not parsed (one
/// warning says so).
pub fn parse_as(input: &str, format: Format) -> Transcript {
    let input = normalise(input);
    if let Some(warning) = not_text(&input) {
        return Transcript {
            format,
            warnings: vec![warning],
            ..Transcript::default()
        };
    }
    match format {
        Format::Icann => icann::parse(&input),
        Format::Igf => igf::parse(&input),
        Format::Markdown => markdown::parse(&input),
        Format::Minutes => minutes::parse(&input),
        Format::WebVtt | Format::Srt => captions::parse(&input, format),
    }
}

/// Parses a transcript file's bytes (see [`decode::decode`]), in `format` or, when `None`, the
/// one detected. The decoding's warnings come first.
pub fn parse_bytes_as(bytes: &[u8], format: Option<Format>) -> Transcript {
    let (text, mut warnings) = decode::decode(bytes);
    let mut transcript = match format {
        Some(format) => parse_as(&text, format),
        None => parse(&text),
    };
    warnings.append(&mut transcript.warnings);
    transcript.warnings = warnings;
    transcript
}

/// Parses a transcript file's bytes in the format detected.
pub fn parse_bytes(bytes: &[u8]) -> Transcript {
    parse_bytes_as(bytes, None)
}

/// Without a byte-order mark, every line ending as `\n`.
fn normalise(input: &str) -> Cow<'_, str> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if !input.contains('\r') {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A warning when more than a tenth of the first 4,096 characters are control characters or
/// undecodable bytes: a binary file, not a transcript.
fn not_text(input: &str) -> Option<String> {
    let (mut total, mut bad) = (0usize, 0usize);
    for c in input.chars().take(4096) {
        total += 1;
        bad +=
            usize::from(c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}')));
    }
    (bad * 10 > total).then(|| {
        format!(
            "line 1: not text ({bad} of the first {total} characters are control characters or \
             undecodable bytes); nothing was parsed"
        )
    })
}

/// How the paragraphs before the first turn are read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Header {
    /// Title, date and place; anything more is narrative, with a warning.
    Transcript,
    /// Title and date; anything more is narrative, as minutes are.
    Minutes,
}

/// A transcript under construction (see the module documentation).
pub(crate) struct Builder {
    pub(crate) transcript: Transcript,
    /// Paragraphs before the first turn, with their lines.
    header: Vec<(usize, String)>,
    /// Whether the next text starts a new paragraph.
    fresh: bool,
    warnings: Warnings,
}

/// Warnings with their lines. The first hundred are kept: past that a file is broken
/// throughout, and one more warning says how many were not listed from which line on.
#[derive(Default)]
struct Warnings {
    kept: Vec<(usize, String)>,
    unlisted: Option<(usize, usize)>,
}

impl Warnings {
    const KEPT: usize = 100;

    fn push(&mut self, line: usize, message: fmt::Arguments<'_>) {
        if self.kept.len() < Self::KEPT {
            self.kept.push((line, message.to_string()));
        } else {
            let (_, count) = self.unlisted.get_or_insert((line, 0));
            *count += 1;
        }
    }

    /// `line N: message`, in line order.
    fn into_strings(self) -> Vec<String> {
        let mut kept = self.kept;
        kept.sort_by_key(|(line, _)| *line);
        let mut out: Vec<String> = kept
            .into_iter()
            .map(|(line, message)| format!("line {line}: {message}"))
            .collect();
        if let Some((line, count)) = self.unlisted {
            out.push(format!(
                "line {line}: {count} more warnings from here on are not listed"
            ));
        }
        out
    }
}

impl Builder {
    pub(crate) fn new(format: Format) -> Builder {
        Builder {
            transcript: Transcript {
                format,
                ..Transcript::default()
            },
            header: Vec::new(),
            fresh: true,
            warnings: Warnings::default(),
        }
    }

    /// Starts a speaker's turn under a label as written (`None`: unidentified), with the text
    /// that follows the label on its line.
    pub(crate) fn turn(&mut self, label: Option<&str>, line: usize, text: &str) {
        self.transcript.turns.push(Turn {
            speaker: None,
            label: label.map(str::to_owned),
            kind: TurnKind::Speech,
            text: String::new(),
            line,
            start_ms: None,
            end_ms: None,
        });
        self.fresh = false;
        self.text(line, text);
    }

    /// A paragraph of narrative: a new narrative turn, or the next paragraph of the current one.
    pub(crate) fn narrative(&mut self, line: usize, text: &str) {
        if self.last().is_some_and(|t| t.kind == TurnKind::Narrative) {
            self.paragraph();
        } else {
            self.transcript.turns.push(Turn {
                speaker: None,
                label: None,
                kind: TurnKind::Narrative,
                text: String::new(),
                line,
                start_ms: None,
                end_ms: None,
            });
        }
        self.text(line, text);
    }

    /// Text continuing the current paragraph (of the current turn, or of the header before
    /// the first turn). Joined by a space; blank text is ignored.
    pub(crate) fn text(&mut self, line: usize, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let fresh = std::mem::replace(&mut self.fresh, false);
        match self.transcript.turns.last_mut() {
            Some(turn) => {
                if !turn.text.is_empty() {
                    turn.text.push_str(if fresh { "\n\n" } else { " " });
                }
                turn.text.push_str(text);
            }
            None => match self.header.last_mut() {
                Some((_, paragraph)) if !fresh => {
                    paragraph.push(' ');
                    paragraph.push_str(text);
                }
                _ => self.header.push((line, text.to_owned())),
            },
        }
    }

    /// The next text starts a new paragraph.
    pub(crate) fn paragraph(&mut self) {
        self.fresh = true;
    }

    /// Whether a speaker's turn has started.
    pub(crate) fn has_speech(&self) -> bool {
        self.transcript
            .turns
            .iter()
            .any(|t| t.kind == TurnKind::Speech)
    }

    pub(crate) fn last(&mut self) -> Option<&mut Turn> {
        self.transcript.turns.last_mut()
    }

    pub(crate) fn warn(&mut self, line: usize, message: fmt::Arguments<'_>) {
        self.warnings.push(line, message);
    }

    pub(crate) fn disclaimer(&mut self, text: &str) {
        self.transcript.disclaimers.push(text.to_owned());
    }

    /// The transcript, finished as the module documentation says.
    pub(crate) fn finish(self, rules: Header) -> Transcript {
        let Builder {
            mut transcript,
            header,
            mut warnings,
            ..
        } = self;
        let leftovers = read_header(&mut transcript, header, rules);
        if !leftovers.is_empty() {
            let mut turns = Vec::with_capacity(transcript.turns.len() + leftovers.len());
            for (line, text) in leftovers {
                if rules == Header::Transcript {
                    warnings.push(
                        line,
                        format_args!("text before the first speaker, kept as narrative"),
                    );
                }
                turns.push(Turn {
                    speaker: None,
                    label: None,
                    kind: TurnKind::Narrative,
                    text,
                    line,
                    start_ms: None,
                    end_ms: None,
                });
            }
            turns.append(&mut transcript.turns);
            transcript.turns = turns;
        }
        transcript.turns.retain(|turn| {
            if !turn.text.is_empty() {
                return true;
            }
            let name = turn.label.as_deref().unwrap_or(">>");
            warnings.push(turn.line, format_args!("{name} has no text"));
            false
        });
        resolve_speakers(&mut transcript.turns);
        let speech = || {
            transcript
                .turns
                .iter()
                .filter(|t| t.kind == TurnKind::Speech)
        };
        transcript.inaudible = speech().map(|t| inaudible_marks(&t.text)).sum();
        // The language model reads a few hundred characters; give it a little more.
        let mut sample = String::new();
        for turn in speech() {
            if sample.len() > 2000 {
                break;
            }
            sample.push_str(&turn.text);
            sample.push('\n');
        }
        let language = agora_text::language::detect(&sample);
        if language != agora_text::language::Language::Other {
            transcript.language = Some(language.code().to_owned());
        }
        transcript.warnings = warnings.into_strings();
        transcript
    }
}

/// Labels to speakers: each label's canonical spelling is the name; the label stays when it
/// differs.
fn resolve_speakers(turns: &mut [Turn]) {
    let labels: Vec<&str> = turns.iter().filter_map(|t| t.label.as_deref()).collect();
    let canonical = speakers::resolve(&labels);
    for turn in turns {
        if let Some(label) = turn.label.take() {
            match canonical.get(&label) {
                Some(name) if *name != label => {
                    turn.speaker = Some(name.clone());
                    turn.label = Some(label);
                }
                _ => turn.speaker = Some(label),
            }
        }
    }
}

/// Header paragraphs: the title first (200 characters at most), the one with a year is the
/// date, the next short one the place (not for minutes); italic ones and captioning notices
/// are disclaimers. Returns the paragraphs that are none of these.
fn read_header(
    transcript: &mut Transcript,
    header: Vec<(usize, String)>,
    rules: Header,
) -> Vec<(usize, String)> {
    let mut leftovers = Vec::new();
    for (line, text) in header {
        let chars = text.chars().count();
        if let Some(disclaimer) = disclaimer(&text) {
            transcript.disclaimers.push(disclaimer.to_owned());
        } else if chars > 200 {
            leftovers.push((line, text));
        } else if transcript.title.is_none() {
            transcript.title = Some(text);
        } else if transcript.date.is_none() && has_year(&text) {
            transcript.date = Some(text);
        } else if rules == Header::Transcript && transcript.place.is_none() && chars <= 100 {
            transcript.place = Some(text);
        } else {
            leftovers.push((line, text));
        }
    }
    leftovers
}

/// A disclaimer's text: a paragraph in italics (`*…*`), or a captioning notice (the IGF's
/// "should not be treated as an authoritative record", its "RAW COPY" stamps).
pub(crate) fn disclaimer(text: &str) -> Option<&str> {
    let italic =
        text.len() > 2 && text.starts_with('*') && text.ends_with('*') && !text.starts_with("**");
    if italic {
        return Some(text.trim_matches('*').trim());
    }
    const STAMPS: [&str; 4] = [
        "RAW COPY",
        "FINISHED TRANSCRIPT",
        "ROUGH EDITED COPY",
        "UNEDITED TRANSCRIPT",
    ];
    if STAMPS.iter().any(|s| text.eq_ignore_ascii_case(s)) {
        return Some(text);
    }
    let notice = text.len() > 100
        && [
            "authoritative record",
            "real-time captioning",
            "faisant autorité",
        ]
        .iter()
        .any(|phrase| text.contains(phrase));
    notice.then_some(text)
}

/// A four-digit number starting with 1 or 2.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && n.starts_with(['1', '2']))
}

/// Inaudible marks: `xxx` as a whole word in any case, and `(inaudible)` / `[inaudible]`.
/// Looked for byte by byte from their first character: this runs over all the speech.
fn inaudible_marks(text: &str) -> usize {
    let bytes = text.as_bytes();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let found = match b {
            b'x' | b'X' => {
                bytes
                    .get(i..i + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"xxx"))
                    && boundary(text[..i].chars().next_back())
                    && boundary(text[i + 3..].chars().next())
            }
            b'(' | b'[' => bytes
                .get(i + 1..i + 10)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"inaudible")),
            _ => false,
        };
        count += usize::from(found);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_are_normalised_and_the_mark_dropped() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc\nd\r"), "a\nb\nc\nd\n");
        assert!(matches!(normalise("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn inaudible_marks_in_all_their_forms() {
        assert_eq!(
            inaudible_marks("xxx and XXX, (inaudible) [INAUDIBLE]; xxxl inaudible"),
            4
        );
    }

    #[test]
    fn binary_input_is_not_parsed() {
        let garbage: String = (0u8..200).map(|b| char::from(b % 32)).collect();
        let t = parse_as(&garbage, Format::Icann);
        assert!(t.turns.is_empty() && t.title.is_none());
        assert_eq!(t.warnings.len(), 1);
        assert!(
            t.warnings[0].starts_with("line 1: not text"),
            "{:?}",
            t.warnings
        );
    }
}
