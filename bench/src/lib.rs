//! What Agora's load benchmarks share: a consultation to load, clients that answer it over
//! HTTP, throwaway PostgreSQL databases, and percentiles.

mod answering;
pub mod cfp;
mod scratch;

use std::time::Duration;

use agora_core::consultation::{Consultation, ConsultationDraft, Question, QuestionDraft};
use agora_core::process::{Phase, PhaseDraft, Process, ProcessDraft};
use agora_store::Store;
use anyhow::{Result, anyhow};

pub use answering::{
    CSRF, Participant, Reply, SheetClient, answer_sheet, participants, two_question_consultation,
};
pub use scratch::ScratchDatabase;

/// A process with one consultation open on `[opens_at, closes_at)` (UTC) and `questions`.
pub async fn open_consultation(
    store: &Store,
    opens_at: &str,
    closes_at: &str,
    questions: &[QuestionDraft],
) -> Result<(Phase, Consultation, Vec<Question>)> {
    let invalid = |e: agora_core::ValidationErrors| anyhow!("{e}");
    let process = new_process(store, "Load").await?;
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: "Questionnaire".into(),
        opens_at: opens_at.into(),
        closes_at: closes_at.into(),
    }
    .validate(&process)
    .map_err(invalid)?;
    let consultation = ConsultationDraft {
        languages: "en, fr".into(),
        public_by_default: true,
        ..Default::default()
    }
    .validate(&phase)
    .map_err(invalid)?;
    store
        .create_consultation(None, &phase, &consultation)
        .await?;
    let mut created = Vec::new();
    for (i, draft) in questions.iter().enumerate() {
        let question = draft.validate(phase.id, i as u32 + 1).map_err(invalid)?;
        store.create(None, &question).await?;
        created.push(question);
    }
    Ok((phase, consultation, created))
}

/// A process titled `title` (mandate "Measure", shown in UTC) for a benchmark to fill.
pub async fn new_process(store: &Store, title: &str) -> Result<Process> {
    let groups = store.stakeholder_groups().await?;
    let process = ProcessDraft {
        title: title.into(),
        mandate: "Measure".into(),
        display_zone: "UTC".into(),
        ..Default::default()
    }
    .validate(&groups)
    .map_err(|e| anyhow!("{e}"))?;
    store.create(None, &process).await?;
    Ok(process)
}

/// The server's settings when one loopback address plays every client: the per-address limits
/// lifted, as for a load balancer's own address in a real deployment.
pub fn loopback_config() -> agora_web::Config {
    agora_web::Config {
        auth_attempts_per_minute: 1_000_000,
        submissions_per_address_per_minute: 1_000_000,
        ..Default::default()
    }
}

/// Serves `store` with `config` from this process on a loopback port: its base URL.
pub async fn serve(store: &Store, config: agora_web::Config) -> Result<String> {
    let app = agora_web::router(agora_web::AppState::new(store.clone(), config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    Ok(base)
}

/// The `p`-th quantile (0–1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1)]
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
