//! What Agora's load benchmarks share: a consultation to load, clients that answer it over
//! HTTP, throwaway PostgreSQL databases, and percentiles.

mod answering;
mod scratch;

use std::time::Duration;

use agora_core::consultation::{Consultation, ConsultationDraft, Question, QuestionDraft};
use agora_core::process::{Phase, PhaseDraft, ProcessDraft};
use agora_store::Store;
use anyhow::{Result, anyhow};

pub use answering::{
    Participant, Reply, SheetClient, answer_sheet, participants, two_question_consultation,
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
    let groups = store.stakeholder_groups().await?;
    let process = ProcessDraft {
        title: "Load".into(),
        mandate: "Measure".into(),
        display_zone: "UTC".into(),
        ..Default::default()
    }
    .validate(&groups)
    .map_err(invalid)?;
    store.create(None, &process).await?;
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

/// The `p`-th quantile (0–1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1)]
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
