//! `agora transcript parse FILE`: a transcript's parse as JSON, to check a file before it is
//! imported; and `agora import transcript FILE --meeting ID`, which stores it.

use std::io::Write;
use std::path::PathBuf;

use agora_records::Format;
use agora_records::transcript::TurnKind;
use agora_store::Store;
use agora_web::transcripts::{self, Choice, Import, Unmatched};
use anyhow::{Context, Result, bail};
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

/// The `--unmatched` rule, with `--group` for `new`.
pub fn unmatched_rule(name: &str, group: Option<String>) -> Result<Unmatched> {
    Ok(match name {
        "refuse" => Unmatched::Refuse,
        "unidentified" => Unmatched::Unidentified,
        "new" => Unmatched::New {
            group: group.context(
                "--unmatched new needs --group, the new participants' stakeholder group",
            )?,
        },
        other => bail!("unknown --unmatched {other:?}: use refuse, unidentified or new"),
    })
}

/// Imports `file` into the meeting with the automatic mapping; prints who each speaker became.
pub async fn import(
    db: &str,
    file: &std::path::Path,
    meeting_id: uuid::Uuid,
    unmatched: Unmatched,
    dry_run: bool,
) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let parsed =
        transcripts::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let store = Store::open(db).await?;
    let meeting = store
        .meeting(meeting_id)
        .await?
        .with_context(|| format!("there is no meeting {meeting_id}"))?;
    let participants = store.participants(meeting.id).await?;
    let people = transcripts::directory(&store).await?;
    let groups = store.stakeholder_groups().await?;
    let rows = transcripts::speakers(&parsed);
    let proposals: Vec<_> = rows
        .iter()
        .map(|row| transcripts::propose(&row.name, &participants, &people))
        .collect();
    let choices = match transcripts::automatic(&rows, &proposals, &unmatched) {
        Ok(choices) => choices,
        Err(names) => bail!(
            "{}: {} speaker(s) match no participant of the meeting and no person of the directory: {}; \
             add them, or pass --unmatched unidentified or --unmatched new --group GROUP; nothing was imported",
            file.display(),
            names.len(),
            names.join(", ")
        ),
    };
    let filename = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "transcript.txt".to_owned());
    let import = Import {
        meeting: &meeting,
        participants: &participants,
        groups: &groups,
        filename: &filename,
        by: None,
        at: jiff::Timestamp::now(),
    };
    let new = transcripts::build(&import, &parsed, &choices)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut out = std::io::stdout().lock();
    for (row, choice) in rows.iter().zip(&choices) {
        let who = match choice {
            Choice::Participant(id) => {
                let name = participants
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or("", |p| &p.name);
                format!("participant {name}")
            }
            Choice::New(draft) => format!(
                "new participant {} ({})",
                draft.name, draft.stakeholder_group
            ),
            Choice::Unidentified => "unidentified".to_owned(),
        };
        writeln!(
            out,
            "{}: {} turns, {} words -> {who}",
            row.name, row.turns, row.words
        )?;
    }
    let unidentified = new
        .turns
        .iter()
        .filter(|t| t.participant_id.is_none())
        .count();
    if dry_run {
        writeln!(
            out,
            "Dry run: {} turns ({unidentified} unidentified), {} new participants; nothing was stored.",
            new.turns.len(),
            new.participants.len()
        )?;
        return Ok(());
    }
    store.import_transcript(None, None, &new).await?;
    store.close().await;
    writeln!(
        out,
        "Imported transcript {} into meeting {meeting_id}: {} turns ({unidentified} unidentified), {} new participants.",
        new.transcript.id,
        new.turns.len(),
        new.participants.len()
    )?;
    Ok(())
}
