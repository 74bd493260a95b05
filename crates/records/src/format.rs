//! The transcript formats and how one is recognised.
//!
//! Detection reads the start of the text only (500 lines at most): a `WEBVTT` header is
//! WebVTT; a cue timing (`00:00:01,000 --> …`) without it is SRT; otherwise the label shape
//! seen most often decides — `NAME:` in capitals (ICANN), `>>` (IGF captioning), Markdown
//! headings and `**Name:**` (Markdown), `Name:` in title case (scribe minutes) — ICANN on ties,
//! as the parser that reads the others' shapes best.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::label;

/// A transcript format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// ICANN's transcripts: `NAME:` alone or before the text, `---` page breaks.
    #[default]
    Icann,
    /// IGF real-time captioning: `>>` at each change of speaker, caption-wrapped lines.
    Igf,
    /// Markdown: a heading (`### Name:`, `## Name`) or `**Name:**` per turn.
    Markdown,
    /// Scribe minutes: `Name: text` lines among narrative paragraphs.
    Minutes,
    /// WebVTT captions: `WEBVTT`, timed cues, `<v Name>` voices.
    WebVtt,
    /// SubRip captions: numbered, timed cues.
    Srt,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 6] = [
        Format::Icann,
        Format::Igf,
        Format::Markdown,
        Format::Minutes,
        Format::WebVtt,
        Format::Srt,
    ];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Format::Icann => "icann",
            Format::Igf => "igf",
            Format::Markdown => "markdown",
            Format::Minutes => "minutes",
            Format::WebVtt => "webvtt",
            Format::Srt => "srt",
        }
    }

    /// The format `text` is most likely in (see the module documentation).
    pub fn detect(text: &str) -> Format {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(500)
            .peekable();
        if lines.peek().is_some_and(|l| l.starts_with("WEBVTT")) {
            return Format::WebVtt;
        }
        // Votes for ICANN, IGF, Markdown and minutes, in that order.
        let mut votes = [0usize; 4];
        for line in lines {
            if line.contains("-->") && line.starts_with(|c: char| c.is_ascii_digit()) {
                return Format::Srt;
            }
            if line.starts_with(">>") {
                votes[1] += 1;
            } else if label::heading(line).is_some() || label::bold(line).is_some() {
                votes[2] += 1;
            } else if let Some((name, _)) = label::before_colon(line)
                && label::plausible(name)
            {
                if label::capitals(name) {
                    votes[0] += 1;
                } else if label::title_case(name) {
                    votes[3] += 1;
                }
            }
        }
        let best = votes
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|&(_, v)| v)
            .map_or(0, |(i, _)| i);
        [
            Format::Icann,
            Format::Igf,
            Format::Markdown,
            Format::Minutes,
        ][best]
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        write!(
            f,
            "unknown transcript format {:?} (one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let lower = s.to_ascii_lowercase();
        let lower = if lower == "vtt" { "webvtt" } else { &lower };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
        }
        assert_eq!("VTT".parse::<Format>(), Ok(Format::WebVtt));
        let error = "docx".parse::<Format>().unwrap_err().to_string();
        assert!(
            error.contains("\"docx\"") && error.contains("srt"),
            "{error}"
        );
    }

    #[test]
    fn each_shape_is_recognised() {
        assert_eq!(
            Format::detect("\u{feff}WEBVTT\n\n00:01.000 --> 00:02.000\nHi"),
            Format::WebVtt
        );
        assert_eq!(
            Format::detect("1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
            Format::Srt
        );
        assert_eq!(
            Format::detect(">> CHAIR: Hello.\n>> Thanks.\nPETER: x"),
            Format::Igf
        );
        assert_eq!(
            Format::detect("# Meeting\n\n### 唐鳳：\n\n大家好\n"),
            Format::Markdown
        );
        assert_eq!(
            Format::detect("Minutes\n\nPeter Major: Hello.\nJoy Liddicoat: Hi.\n"),
            Format::Minutes
        );
        assert_eq!(
            Format::detect("PETER MAJOR:\n\nHello.\n\n>> A question.\n"),
            Format::Icann
        );
        assert_eq!(Format::detect(""), Format::Icann);
    }
}
