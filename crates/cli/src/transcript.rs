//! `agora transcript parse FILE`: a transcript's parse as JSON, to check a file before it is
//! imported.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;
use serde::Serialize;

#[derive(Subcommand)]
pub enum TranscriptCommand {
    /// Print a transcript's parse as JSON: title, date, language, speakers with their turns
    /// and words, the turns, inaudible passages and warnings.
    Parse {
        /// The transcript, as text (UTF-8, with or without a byte-order mark).
        file: PathBuf,
    },
}

/// The JSON `agora transcript parse` prints.
#[derive(Serialize)]
struct Parsed<'a> {
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
    text: &'a str,
}

pub fn run(command: TranscriptCommand) -> Result<()> {
    match command {
        TranscriptCommand::Parse { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("{}", file.display()))?;
            let text = String::from_utf8(bytes)
                .with_context(|| format!("{}: not UTF-8 text", file.display()))?;
            let transcript = agora_records::parse(&text);
            let parsed = Parsed {
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
