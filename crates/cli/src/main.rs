//! The `agora` binary: a thin shell over `agora-store` and `agora-web`.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;

use agora_core::auth::{Role, SignupDraft};
use agora_store::{NewUser, Store};
use agora_web::mail::{MailConfig, MailFile};
use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};

mod generate;
mod opinion;
mod schedule;
mod search;
mod synth;
mod transcript;

#[derive(Parser)]
#[command(
    name = "agora",
    version,
    about = "Multistakeholder governance processes, end to end"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct DbArg {
    /// Database URL: sqlite://PATH (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "AGORA_DB", default_value = "sqlite://agora.db")]
    db: String,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, env = "AGORA_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Load the 2013–2015 Internet-governance agenda (idempotent).
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure (set when served over HTTPS).
        #[arg(long, env = "AGORA_SECURE_COOKIES")]
        secure_cookies: bool,
        /// A TOML settings file; its [mail] table sets smtp_url, from and reminder_hours (see
        /// agora.example.toml). AGORA_SMTP_URL, AGORA_MAIL_FROM and AGORA_REMINDER_HOURS
        /// override it. Without an SMTP URL, email is off and messages go to the log.
        #[arg(long, env = "AGORA_CONFIG")]
        config: Option<std::path::PathBuf>,
        /// The search index's directory. Default: next to an SQLite database (`agora.db` keeps
        /// `agora.db.search/`); with PostgreSQL, give each server its own, or the index is kept
        /// in memory and rebuilt at every start.
        #[arg(long, env = "AGORA_SEARCH_DIR")]
        search_dir: Option<std::path::PathBuf>,
    },
    /// Load the demo data into the database and exit (idempotent).
    Demo {
        #[command(flatten)]
        db: DbArg,
    },
    /// Import data collected elsewhere.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Export data, as the web's downloads do.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Read a consultation's answers: form-letter campaigns, themes and a cited synthesis.
    Synth(synth::SynthArgs),
    /// Opinion map of a Pol.is export: groups, consensus and representative statements.
    Opinion(opinion::OpinionArgs),
    /// Place sessions in rooms and slots: a timetable with zero hard violations and its soft
    /// costs, optionally as frab XML and schedule.json.
    Schedule(schedule::ScheduleArgs),
    /// Search transcripts, consultation answers, documents and the glossary.
    Search(search::SearchArgs),
    /// Rebuild the search index from the database (agora serve keeps it current by itself).
    Reindex(search::IndexArgs),
    /// Meeting transcripts.
    Transcript {
        #[command(subcommand)]
        command: transcript::TranscriptCommand,
    },
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Generate labelled synthetic data for tests and benchmarks.
    Gen {
        #[command(subcommand)]
        command: generate::GenCommand,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Answers from a survey tool's CSV or XLSX export (or a compilation typed into a sheet),
    /// into a consultation: every row is checked, and nothing is stored unless all pass.
    Responses {
        /// The CSV or XLSX file.
        file: std::path::PathBuf,
        /// The consultation's id (as in /consultations/ID).
        #[arg(long)]
        consultation: uuid::Uuid,
        /// The column map (TOML): which column holds what. See docs/USER-GUIDE.md.
        #[arg(long)]
        map: std::path::PathBuf,
        /// The file's encoding when it has no byte-order mark: utf-8 (default), latin1 or
        /// utf-16 (little-endian).
        #[arg(long, default_value = "utf-8")]
        encoding: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// A meeting's transcript (ICANN, IGF captioning, Markdown, scribe minutes, WebVTT or SRT,
    /// recognised by itself; UTF-8 or UTF-16), stored with its
    /// speakers matched to the meeting's participants or to people of the directory (who become
    /// participants). Unless --unmatched says otherwise, a speaker who matches nobody refuses
    /// the whole transcript, listing who. Stored all or nothing.
    Transcript {
        /// The transcript file.
        file: std::path::PathBuf,
        /// The meeting's id (as in /meetings/ID).
        #[arg(long)]
        meeting: uuid::Uuid,
        /// What to do with speakers who match nobody: refuse (default), unidentified (their
        /// turns are attributed to nobody) or new (each becomes a participant of --group).
        #[arg(long, default_value = "refuse")]
        unmatched: String,
        /// The stakeholder group of participants made for unmatched speakers.
        #[arg(long)]
        group: Option<String>,
        /// Print the mapping and store nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// A consultation's answers as CSV, XLSX or JSON (the files of its download links), or
    /// the column map with which `agora import responses` reads the CSV or XLSX file back in.
    Responses {
        /// The consultation's id (as in /consultations/ID).
        #[arg(long)]
        consultation: uuid::Uuid,
        /// csv, xlsx, json, or map (the column map, TOML).
        #[arg(long)]
        format: agora_web::exports::Format,
        /// public: the published answers; all: every submitted sheet, confidential and hidden
        /// ones included, with the secretariat's columns.
        #[arg(long, default_value = "public")]
        scope: agora_web::exports::Scope,
        /// The file to write (replaced if it exists).
        #[arg(long)]
        out: std::path::PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an account with a global role (e.g. the first admin).
    Create {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        email: String,
        /// participant, reviewer, secretariat or admin.
        #[arg(long, default_value = "admin")]
        role: String,
        /// Name shown on pages; defaults to the part of the email before `@`.
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from the first line of standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List this deployment's stakeholder groups, adding or removing one first.
    Groups {
        #[command(flatten)]
        db: DbArg,
        /// Add a group (a code such as `media`; groups without a translated name show it).
        #[arg(long, conflicts_with = "remove")]
        add: Option<String>,
        /// Remove a group that nothing refers to.
        #[arg(long)]
        remove: Option<String>,
    },
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AGORA_LOG")
                .unwrap_or_else(|_| "agora=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(error) = run(Cli::parse()).await {
        eprintln!("agora: {}", one_line(&error));
        std::process::exit(1);
    }
}

/// The error and its causes on one line, skipping a cause its parent already quotes.
fn one_line(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message = format!("{message}: {cause}");
        }
    }
    message
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve {
            db,
            addr,
            demo,
            secure_cookies,
            config,
            search_dir,
        } => {
            let mail = mail_config(config.as_deref())?;
            let search_dir = search_dir.or_else(|| search::beside_sqlite_file(&db.db));
            serve(&db.db, addr, demo, secure_cookies, mail, search_dir).await
        }
        Command::Search(args) => search::search(args).await,
        Command::Reindex(args) => search::reindex(args).await,
        Command::Synth(args) => synth::run(args),
        Command::Opinion(args) => opinion::run(args),
        Command::Schedule(args) => schedule::run(args),
        Command::Transcript { command } => transcript::run(command),
        Command::Demo { db } => {
            let store = Store::open(&db.db).await?;
            report_demo(&store).await?;
            store.close().await;
            Ok(())
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    db,
                    email,
                    role,
                    display_name,
                    password_stdin,
                },
        } => create_account(&db.db, &email, &role, display_name, password_stdin).await,
        Command::Admin {
            command: AdminCommand::Groups { db, add, remove },
        } => groups(&db.db, add, remove).await,
        Command::Import {
            command:
                ImportCommand::Responses {
                    file,
                    consultation,
                    map,
                    encoding,
                    db,
                },
        } => import_responses(&db.db, &file, consultation, &map, &encoding).await,
        Command::Import {
            command:
                ImportCommand::Transcript {
                    file,
                    meeting,
                    unmatched,
                    group,
                    dry_run,
                    db,
                },
        } => {
            let rule = transcript::unmatched_rule(&unmatched, group)?;
            transcript::import(&db.db, &file, meeting, rule, dry_run).await
        }
        Command::Export {
            command:
                ExportCommand::Responses {
                    consultation,
                    format,
                    scope,
                    out,
                    db,
                },
        } => export_responses(&db.db, consultation, format, scope, &out).await,
        Command::Gen { command } => generate::run(command),
    }
}

async fn export_responses(
    db: &str,
    consultation_id: uuid::Uuid,
    format: agora_web::exports::Format,
    scope: agora_web::exports::Scope,
    out: &std::path::Path,
) -> Result<()> {
    use agora_web::exports::{Source, write_to};
    let store = Store::open(db).await?;
    let source = Source::load(&store, consultation_id)
        .await?
        .with_context(|| format!("there is no consultation {consultation_id}"))?;
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    let written = write_to(store.clone(), &source, scope, format, &mut writer).await;
    drop(writer);
    store.close().await;
    if let Err(error) = written {
        // No half-written file is left behind to be mistaken for the export.
        let _ = std::fs::remove_file(out);
        return Err(error).with_context(|| format!("{} was not written", out.display()));
    }
    println!("Wrote {}.", out.display());
    Ok(())
}

async fn groups(db: &str, add: Option<String>, remove: Option<String>) -> Result<()> {
    use agora_store::StoreError;
    let store = Store::open(db).await?;
    if let Some(code) = add {
        let code = agora_core::stakeholder::validate_code(&code).map_err(|_| {
            anyhow::anyhow!(
                "{code:?} is not a group code: use lowercase letters, digits and hyphens"
            )
        })?;
        store
            .add_stakeholder_group(None, &code)
            .await
            .map_err(|e| match e {
                StoreError::Conflict { .. } => anyhow::anyhow!("the group {code} exists already"),
                other => other.into(),
            })?;
    }
    if let Some(code) = remove {
        store
            .remove_stakeholder_group(None, &code)
            .await
            .map_err(|e| match e {
                StoreError::InUse => {
                    anyhow::anyhow!(
                        "the group {code} is still used by organisations, people or processes"
                    )
                }
                StoreError::NotFound => anyhow::anyhow!("there is no group {code}"),
                other => other.into(),
            })?;
    }
    for code in store.stakeholder_groups().await?.codes() {
        println!("{code}");
    }
    store.close().await;
    Ok(())
}

async fn import_responses(
    db: &str,
    file: &std::path::Path,
    consultation_id: uuid::Uuid,
    map: &std::path::Path,
    encoding: &str,
) -> Result<()> {
    let encoding = agora_import::Encoding::from_name(encoding)
        .with_context(|| format!("unknown encoding {encoding:?}: use utf-8, latin1 or utf-16"))?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let map_text =
        std::fs::read_to_string(map).with_context(|| format!("cannot read {}", map.display()))?;
    let store = Store::open(db).await?;
    let consultation = store
        .consultation(consultation_id)
        .await?
        .with_context(|| format!("there is no consultation {consultation_id}"))?;
    let phase = store
        .phase(consultation_id)
        .await?
        .context("the consultation has no phase")?;
    let questions = store.questions(consultation_id).await?;
    let groups = store.stakeholder_groups().await?;

    let column_map =
        agora_import::ColumnMap::parse(&map_text).with_context(|| format!("{}", map.display()))?;
    let in_file = |e: agora_import::ImportError| anyhow::anyhow!("{}: {e}", file.display());
    let table = agora_import::Table::read(&bytes, encoding, column_map.sheet.as_deref())
        .map_err(in_file)?;
    let sheets = match agora_import::read_sheets(
        &table,
        &column_map,
        &phase,
        &consultation,
        &questions,
        &groups,
    ) {
        Ok(sheets) => sheets,
        Err(agora_import::ImportError::Rows(errors)) => {
            for error in &errors {
                eprintln!("{}: {error}", file.display());
            }
            bail!("{} row error(s); nothing was imported", errors.len());
        }
        Err(other) => return Err(in_file(other)),
    };

    let batch = agora_core::new_id();
    let now = jiff::Timestamp::now();
    let sheets: Vec<_> = sheets
        .into_iter()
        .map(|sheet| {
            sheet.into_submission(consultation_id, batch, consultation.public_by_default, now)
        })
        .collect();
    let bar = indicatif::ProgressBar::new(sheets.len() as u64).with_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} answer sheets stored ({per_sec}, {eta} left)",
        )
        .expect("a valid template"),
    );
    store
        .import_submissions(None, consultation_id, &sheets, |done| {
            bar.set_position(done as u64)
        })
        .await?;
    bar.finish();
    store.close().await;
    println!(
        "Imported {} answer sheets into consultation {consultation_id} (import {batch}).",
        sheets.len()
    );
    Ok(())
}

async fn report_demo(store: &Store) -> Result<()> {
    let counts = store.load_demo().await.context("loading the demo agenda")?;
    if counts.processes > 0 {
        eprintln!(
            "Loaded the 2013–2015 agenda: {} organisations, {} people, {} processes, {} consultations, {} events, {} glossary entries, {} meetings, {} transcripts, {} conversations, {} proposals.",
            counts.organisations,
            counts.people,
            counts.processes,
            counts.consultations,
            counts.events,
            counts.glossary,
            counts.meetings,
            counts.transcripts,
            counts.conversations,
            counts.proposals
        );
    }
    Ok(())
}

/// The settings file of `agora serve --config`: a table per area (only `[mail]` so far).
/// Unknown tables and keys are refused, so that a typo is not silently ignored.
#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    #[serde(default)]
    mail: MailFile,
}

/// The mail settings from the environment and the settings file at `path`, if any.
fn mail_config(path: Option<&std::path::Path>) -> Result<MailConfig> {
    let (file, name) = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let file: SettingsFile =
                toml::from_str(&text).with_context(|| path.display().to_string())?;
            (file, path.display().to_string())
        }
        None => (SettingsFile::default(), "the --config file".to_owned()),
    };
    Ok(MailConfig::from_sources(&file.mail, &name, |var| {
        std::env::var(var).ok()
    })?)
}

async fn serve(
    db: &str,
    addr: SocketAddr,
    demo: bool,
    secure_cookies: bool,
    mail: MailConfig,
    search_dir: Option<std::path::PathBuf>,
) -> Result<()> {
    let store = Store::open(db).await?;
    if demo {
        report_demo(&store).await?;
    }
    // No synthesis job of this server runs yet: one left running was cut off by a restart.
    let interrupted = store.fail_interrupted_syntheses().await?;
    if interrupted > 0 {
        tracing::warn!(
            interrupted,
            "synthesis jobs cut off by a restart marked failed"
        );
    }
    match mail.server() {
        Some(server) => {
            tracing::info!(%server, reminder_hours = mail.reminder_hours, "email is on")
        }
        None => tracing::info!("email is off (no SMTP URL): messages are written to this log"),
    }
    let config = agora_web::Config {
        secure_cookies,
        mail,
        ..Default::default()
    };
    let index = search_index(search_dir.as_deref())?;
    let state = agora_web::AppState::new(store.clone(), config).with_search(index.clone());
    agora_web::mail::spawn_workers(&state);
    agora_web::search::spawn_indexer(store.clone(), index, state.search_changed.clone());
    agora_web::opinion::spawn_mapper(store.clone());
    let app = agora_web::router(state.clone());
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    tokio::spawn(housekeeping(store.clone()));
    println!("Agora listening on http://{local}/");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Open event streams of live queues would otherwise hold the shutdown for ever.
        state.end_live_streams();
    })
    .await?;
    store.close().await;
    Ok(())
}

/// The search index `serve` keeps: in `dir`, started afresh if another version built it (the
/// indexer then rebuilds it), or in memory without a directory.
fn search_index(dir: Option<&std::path::Path>) -> Result<agora_search::SearchIndex> {
    use agora_search::{SearchError, SearchIndex};
    let Some(dir) = dir else {
        tracing::warn!("no --search-dir: the search index is kept in memory, rebuilt at start");
        return Ok(SearchIndex::in_memory());
    };
    match SearchIndex::open(dir) {
        Err(SearchError::Incompatible(_)) => {
            tracing::info!(dir = %dir.display(), "search index of another version: rebuilding");
            Ok(SearchIndex::recreate(dir)?)
        }
        opened => Ok(opened?),
    }
}

/// Once an hour, deletes expired sessions, the files of imports left uncommitted for longer
/// than `STAGED_UPLOAD_TTL` and the search feed's changes older than `SEARCH_CHANGES_TTL`, so
/// those tables hold only what is still of use.
async fn housekeeping(store: Store) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        let now = jiff::Timestamp::now();
        match store.purge_sessions(now).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "expired sessions removed"),
            Err(error) => tracing::warn!(%error, "could not remove expired sessions"),
        }
        match store
            .purge_search_changes(now - agora_store::SEARCH_CHANGES_TTL)
            .await
        {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "old search changes removed"),
            Err(error) => tracing::warn!(%error, "could not remove old search changes"),
        }
        let stale = now - agora_store::STAGED_UPLOAD_TTL;
        match store.purge_staged_uploads(stale).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "uncommitted import uploads removed"),
            Err(error) => tracing::warn!(%error, "could not remove uncommitted import uploads"),
        }
        match store.purge_transcript_uploads(stale).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "uncommitted transcript uploads removed"),
            Err(error) => tracing::warn!(%error, "could not remove uncommitted transcript uploads"),
        }
    }
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("installing a SIGTERM handler");
        tokio::select! { _ = interrupt => {}, _ = terminate.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

fn read_password(from_stdin: bool) -> Result<String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Password again: ")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

async fn create_account(
    db: &str,
    email: &str,
    role: &str,
    display_name: Option<String>,
    stdin: bool,
) -> Result<()> {
    let role = Role::from_code(role).with_context(|| {
        format!("unknown role {role:?}: use participant, reviewer, secretariat or admin")
    })?;
    let display_name =
        display_name.unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned());
    let password = read_password(stdin)?;
    let signup = SignupDraft {
        email: email.to_owned(),
        display_name,
        password,
    }
    .validate()
    .map_err(|errors| anyhow::anyhow!("{errors}"))?;
    let store = Store::open(db).await?;
    let hash = agora_web::hash_password(signup.password).await;
    let new = NewUser {
        email: &signup.email,
        display_name: &signup.display_name,
        password_hash: &hash,
    };
    let user = store
        .create_user(None, &new, Some(role))
        .await
        .map_err(|e| match e {
            agora_store::StoreError::Conflict { .. } => {
                anyhow::anyhow!("an account with email {} exists already", signup.email)
            }
            other => other.into(),
        })?;
    store.close().await;
    println!(
        "Created {} ({}) with role {}.",
        user.email,
        user.id,
        role.code()
    );
    Ok(())
}
