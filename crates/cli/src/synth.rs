//! `agora synth`: reads answers from a CSV, JSONL or XLSX file, runs the synthesis engine and
//! writes its result as JSON, Markdown or HTML.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use agora_text::{Answer, Options, Progress, Stage};
use anyhow::{Context, Result, bail};
use clap::Args;

#[derive(Args)]
pub struct SynthArgs {
    /// The answers: CSV (with a header row), JSONL (one object per line) or XLSX (first sheet).
    file: PathBuf,
    /// Where to write: .json, .md or .html, by extension (replaced if it exists).
    #[arg(long)]
    out: PathBuf,
    /// The column (or JSON key) holding each answer's id, which quotes cite.
    #[arg(long, default_value = "id")]
    id_column: String,
    /// The column holding the answer's text.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// The column holding the respondent's stakeholder group [default: stakeholder_group, if
    /// the file has it].
    #[arg(long)]
    group_column: Option<String>,
    /// The column holding the question; themes are built per question [default: question, if
    /// the file has it].
    #[arg(long)]
    question_column: Option<String>,
    /// The column holding the respondent's region [default: region, if the file has it].
    #[arg(long)]
    region_column: Option<String>,
    /// The number of themes per question; chosen by silhouette when not given.
    #[arg(long)]
    themes: Option<usize>,
    /// The seed of every random choice: the same file and seed give the same bytes.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The language of the headings and notes in Markdown and HTML output: ar, en, es, fr,
    /// ru or zh. Quotes stay in the language they were written in.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// The output formats, by the extension of `--out`.
enum Output {
    Json,
    Markdown,
    Html,
}

impl Output {
    fn of(path: &Path) -> Result<Output> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Ok(Output::Json),
            Some("md") => Ok(Output::Markdown),
            Some("html" | "htm") => Ok(Output::Html),
            _ => bail!(
                "--out {}: the file name must end in .json, .md or .html",
                path.display()
            ),
        }
    }
}

pub fn run(args: SynthArgs) -> Result<()> {
    let output = Output::of(&args.out)?;
    let Some(lang) = agora_web::Lang::from_tag(&args.lang) else {
        bail!("--lang {}: give one of ar, en, es, fr, ru, zh", args.lang);
    };
    if args.themes == Some(0) {
        bail!("--themes: give at least 1, or leave it out to let the engine choose");
    }
    let columns = Columns {
        id: Column::required(&args.id_column),
        text: Column::required(&args.text_column),
        group: Column::optional(args.group_column.as_deref(), "stakeholder_group"),
        question: Column::optional(args.question_column.as_deref(), "question"),
        region: Column::optional(args.region_column.as_deref(), "region"),
    };
    let answers = read_answers(&args.file, &columns)?;
    let options = Options {
        themes: args.themes,
        seed: args.seed,
        ..Options::default()
    };
    let bar = Bar::new();
    let synthesis = agora_text::synthesize(&answers, &options, &bar);
    bar.0.finish_and_clear();
    let bytes = match output {
        Output::Json => {
            let mut json = serde_json::to_vec(&synthesis)?;
            json.push(b'\n');
            json
        }
        Output::Markdown | Output::Html => {
            use agora_web::synthesis::{Render, SynthesisView, render_html, render_markdown};
            let view = SynthesisView::from_engine(&synthesis);
            let title = args
                .file
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let render = Render::plain(lang, &title);
            let text = match output {
                Output::Markdown => render_markdown(&view, &render),
                _ => render_html(&view, &render),
            };
            text.into_bytes()
        }
    };
    write_replacing(&args.out, &bytes)?;
    eprintln!(
        "agora synth: {} answers, {} distinct, {} campaigns, {} themes → {}",
        synthesis.documents,
        synthesis.distinct,
        synthesis.campaigns.len(),
        synthesis.themes.len(),
        args.out.display()
    );
    Ok(())
}

/// Writes a sibling file, then renames it over `path`: a reader never sees half a file.
pub(crate) fn write_replacing(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes).with_context(|| format!("{}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("{}", path.display()))
}

/// A column the user named, or one read when the file has it.
struct Column {
    name: String,
    required: bool,
}

impl Column {
    fn required(name: &str) -> Column {
        Column {
            name: name.to_owned(),
            required: true,
        }
    }

    /// Named by the user: required. Not named: the default, when the file has it.
    fn optional(named: Option<&str>, default: &str) -> Column {
        Column {
            name: named.unwrap_or(default).to_owned(),
            required: named.is_some(),
        }
    }
}

struct Columns {
    id: Column,
    text: Column,
    group: Column,
    question: Column,
    region: Column,
}

/// Where each field sits in a row.
struct Positions {
    id: usize,
    text: usize,
    group: Option<usize>,
    question: Option<usize>,
    region: Option<usize>,
}

impl Columns {
    fn locate(&self, headers: &[String], file: &Path) -> Result<Positions> {
        let find = |column: &Column| -> Result<Option<usize>> {
            let at = headers.iter().position(|h| h.trim() == column.name);
            if at.is_none() && column.required {
                bail!(
                    "{}: no column \"{}\" (the columns are: {})",
                    file.display(),
                    column.name,
                    headers.join(", ")
                );
            }
            Ok(at)
        };
        Ok(Positions {
            id: find(&self.id)?.expect("required"),
            text: find(&self.text)?.expect("required"),
            group: find(&self.group)?,
            question: find(&self.question)?,
            region: find(&self.region)?,
        })
    }
}

impl Positions {
    /// The answer in one row; `place` names the row in errors.
    fn answer(
        &self,
        cell: impl Fn(usize) -> Option<String>,
        place: &dyn Fn() -> String,
    ) -> Result<Answer> {
        let id = cell(self.id).filter(|id| !id.trim().is_empty());
        let Some(id) = id else {
            bail!("{}: the id is empty", place())
        };
        let optional = |at: Option<usize>| at.and_then(&cell).filter(|v| !v.trim().is_empty());
        Ok(Answer {
            id,
            text: cell(self.text).unwrap_or_default(),
            question: optional(self.question).unwrap_or_default(),
            group: optional(self.group),
            region: optional(self.region),
        })
    }
}

fn read_answers(file: &Path, columns: &Columns) -> Result<Vec<Answer>> {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let answers = match extension.as_deref() {
        Some("jsonl" | "ndjson") => read_jsonl(file, columns)?,
        Some("xlsx") => read_xlsx(file, columns)?,
        _ => read_csv(file, columns)?,
    };
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (row, answer) in answers.iter().enumerate() {
        if let Some(first) = seen.insert((&answer.id, &answer.question), row) {
            bail!(
                "{}: the id \"{}\" is given twice for one question (answers {} and {})",
                file.display(),
                answer.id,
                first + 1,
                row + 1
            );
        }
    }
    Ok(answers)
}

fn read_csv(file: &Path, columns: &Columns) -> Result<Vec<Answer>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(file)
        .with_context(|| format!("{}", file.display()))?;
    let headers: Vec<String> = reader
        .headers()
        .with_context(|| format!("{}: the header row", file.display()))?
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 {
                h.trim_start_matches('\u{feff}').to_owned()
            } else {
                h.to_owned()
            }
        })
        .collect();
    let positions = columns.locate(&headers, file)?;
    let mut answers = Vec::new();
    for (n, record) in reader.records().enumerate() {
        // Line numbers count the header as line 1.
        let line = n + 2;
        let record = record.with_context(|| format!("{} line {line}", file.display()))?;
        let place = || format!("{} line {line}", file.display());
        answers.push(positions.answer(|i| record.get(i).map(str::to_owned), &place)?);
    }
    Ok(answers)
}

fn read_xlsx(file: &Path, columns: &Columns) -> Result<Vec<Answer>> {
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let table = agora_import::Table::read(&bytes, agora_import::Encoding::Auto, None)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let positions = columns.locate(&table.headers, file)?;
    table
        .rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let place = || format!("{} row {}", file.display(), n + 2);
            positions.answer(|i| row.get(i).cloned(), &place)
        })
        .collect()
}

fn read_jsonl(file: &Path, columns: &Columns) -> Result<Vec<Answer>> {
    use std::io::BufRead;
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("{}", file.display()))?,
    );
    let mut answers = Vec::new();
    let mut headers: Vec<String> = Vec::new();
    let mut positions: Option<Positions> = None;
    for (n, line) in reader.lines().enumerate() {
        let line_number = n + 1;
        let place = || format!("{} line {line_number}", file.display());
        let line = line.with_context(place)?;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line)
            .with_context(|| format!("{}: not a JSON object", place()))?;
        // Keys are columns; the first object's keys, plus any later ones, locate the fields.
        for key in object.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
                positions = None;
            }
        }
        if positions.is_none() {
            positions = Some(columns.locate(&headers, file).with_context(place)?);
        }
        let cell = |i: usize| -> Option<String> {
            match object.get(&headers[i])? {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            }
        };
        answers.push(positions.as_ref().expect("located").answer(cell, &place)?);
    }
    Ok(answers)
}

/// The terminal progress bar: one bar per stage, hidden when stderr is not a terminal.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({eta})")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn begin(&self, stage: Stage, total: u64) {
        let name = match stage {
            Stage::Reading => "reading",
            Stage::Campaigns => "campaigns",
            Stage::Themes => "themes",
            Stage::Quotes => "quotes",
        };
        self.0.set_message(name);
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
}
