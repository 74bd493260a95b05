//! `agora transcript parse FILE`: a transcript's parse as JSON, to check a file before it is
//! imported.

use std::io::Write;
use std::path::PathBuf;

use agora_records::Format;
use agora_records::transcript::TurnKind;
use anyhow::{Context, Result};
use clap::Subcommand;
use serde::Serialize;

#[derive(Subcommand)]
pub enum TranscriptCommand {
    /// Print a transcript's parse as JSON: format, title, date, language, speakers with their
    /// turns, words and speaking time, the turns, inaudible passages and warnings.
    Parse {
        /// The transcript: UTF-8 or UTF-16 text; damaged bytes are replaced and reported.
        file: PathBuf,
        /// auto (recognise it), icann, igf, markdown, minutes, webvtt or srt.
        #[arg(long, default_value = "auto", value_parser = format_choice)]
        format: FormatChoice,
    },
}

/// `--format`: a format, or `None` to recognise it.
#[derive(Clone)]
pub struct FormatChoice(Option<Format>);

fn format_choice(value: &str) -> Result<FormatChoice, String> {
    if value.eq_ignore_ascii_case("auto") {
        return Ok(FormatChoice(None));
    }
    value
        .parse()
        .map(|format| FormatChoice(Some(format)))
        .map_err(|e: agora_records::format::UnknownFormat| format!("{e}, or auto"))
}

/// The JSON `agora transcript parse` prints.
#[derive(Serialize)]
struct Parsed<'a> {
    format: Format,
    title: &'a Option<String>,
    date: &'a Option<String>,
    place: &'a Option<String>,
    language: &'a Option<String>,
    speakers: Vec<agora_records::transcript::Speaker>,
    turns: Vec<ParsedTurn<'a>>,
    inaudible: usize,
    disclaimers: &'a [String],
    warnings: &'a [String],
}

#[derive(Serialize)]
struct ParsedTurn<'a> {
    speaker: &'a Option<String>,
    kind: TurnKind,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_ms: Option<u64>,
    text: &'a str,
}

pub fn run(command: TranscriptCommand) -> Result<()> {
    match command {
        TranscriptCommand::Parse { file, format } => {
            let bytes = std::fs::read(&file).with_context(|| format!("{}", file.display()))?;
            let transcript = agora_records::parse_bytes_as(&bytes, format.0);
            let parsed = Parsed {
                format: transcript.format,
                title: &transcript.title,
                date: &transcript.date,
                place: &transcript.place,
                language: &transcript.language,
                speakers: transcript.speakers(),
                turns: transcript
                    .turns
                    .iter()
                    .map(|t| ParsedTurn {
                        speaker: &t.speaker,
                        kind: t.kind,
                        line: t.line,
                        start_ms: t.start_ms,
                        end_ms: t.end_ms,
                        text: &t.text,
                    })
                    .collect(),
                inaudible: transcript.inaudible,
                disclaimers: &transcript.disclaimers,
                warnings: &transcript.warnings,
            };
            let json = serde_json::to_string_pretty(&parsed)?;
            // A reader that stops early (`| head`) is not an error.
            match writeln!(std::io::stdout().lock(), "{json}") {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("standard output"),
            }
        }
    }
}
