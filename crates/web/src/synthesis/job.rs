//! The background job that runs the engine on a consultation's free-text answers: one
//! `agora_text::Answer` per submitted sheet and free-text question, cited by the sheet's id,
//! with the group and region of the author as they were when they submitted. Hidden sheets are
//! left out; sheets that are not published (kept back by their author, or confidential) are
//! read and counted but never quoted (see [`super::withhold`]).
//!
//! The engine is CPU-bound and synchronous: it runs on a blocking thread, and its progress
//! reaches the job's row through a watch channel that a task drains at most every
//! [`PROGRESS_EVERY`], so a fast engine does not turn into a stream of writes.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use agora_core::consultation::{AnswerFilter, AnswerValue, QuestionKind, Visibility};
use agora_store::{Actor, MAX_LIMIT, PageRequest, Store, StoreError, SynthesisJob};
use agora_text::synthesis::{Answer, Options, Progress, Stage, synthesize};
use tokio::sync::watch;
use uuid::Uuid;

use super::{Draft, withhold};
use crate::pages::consultations::question_label;

/// How often, at most, a running job writes its progress.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Queues a run of the engine on consultation `phase_id` and starts it in the background;
/// returns the queued job. A run already under way is a conflict on `state`.
pub(crate) async fn start(
    store: &Store,
    actor: Actor,
    phase_id: Uuid,
) -> Result<SynthesisJob, StoreError> {
    let job = store.start_synthesis(actor, phase_id).await?;
    let store = store.clone();
    tokio::spawn(async move {
        let result = run(&store, phase_id).await;
        let finished = match &result {
            Ok((output, draft)) => store.finish_synthesis(phase_id, Ok((output, draft))).await,
            Err(error) => store.finish_synthesis(phase_id, Err(error)).await,
        };
        if let Err(error) = finished {
            tracing::error!(%error, %phase_id, "cannot record the end of a synthesis job");
        }
    });
    Ok(job)
}

/// The stage and counts last reported, as the job's row will show them.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Report {
    stage: Stage,
    done: u64,
    total: u64,
}

/// The engine's `Progress`, sent on a watch channel (which keeps only the latest report).
struct Reporter {
    stage: Mutex<(Stage, u64)>,
    done: AtomicU64,
    sender: watch::Sender<Report>,
}

impl Reporter {
    fn send(&self) {
        let (stage, total) = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        let done = self.done.load(Ordering::Relaxed).min(total);
        self.sender.send_replace(Report { stage, done, total });
    }
}

impl Progress for Reporter {
    fn begin(&self, stage: Stage, total: u64) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = (stage, total);
        self.done.store(0, Ordering::Relaxed);
        self.send();
    }

    /// `done` more units of the stage's work are done (threads report their own parts).
    fn advance(&self, done: u64) {
        self.done.fetch_add(done, Ordering::Relaxed);
        self.send();
    }
}

fn stage_code(stage: Stage) -> &'static str {
    match stage {
        Stage::Reading => "reading",
        Stage::Campaigns => "campaigns",
        Stage::Themes => "themes",
        Stage::Quotes => "quotes",
    }
}

/// Reads the answers, runs the engine, and returns its output and a draft keeping all of it,
/// as JSON; or why it failed.
async fn run(store: &Store, phase_id: Uuid) -> Result<(String, String), String> {
    let (answers, withheld) = answers(store, phase_id)
        .await
        .map_err(|e| format!("cannot read the answers: {e}"))?;
    let initial = Report {
        stage: Stage::Reading,
        done: 0,
        total: answers.len() as u64,
    };
    let (sender, mut receiver) = watch::channel(initial);
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            // Ends when the reporter (and with it the sender) is dropped.
            while receiver.changed().await.is_ok() {
                let report = *receiver.borrow_and_update();
                let stage = stage_code(report.stage);
                if let Err(error) = store
                    .synthesis_progress(phase_id, stage, report.done, report.total)
                    .await
                {
                    tracing::warn!(%error, %phase_id, "cannot record a synthesis job's progress");
                }
                tokio::time::sleep(PROGRESS_EVERY).await;
            }
        })
    };
    let reporter = Reporter {
        stage: Mutex::new((initial.stage, initial.total)),
        done: AtomicU64::new(0),
        sender,
    };
    let engine = tokio::task::spawn_blocking(move || {
        reporter.send();
        let mut output = synthesize(&answers, &Options::default(), &reporter);
        withhold(&mut output, &withheld);
        output
    })
    .await;
    // The engine's thread has dropped the reporter: the writer ends after its last report.
    let _ = writer.await;
    let output = engine.map_err(|e| format!("the engine failed: {e}"))?;
    let draft = Draft::keep_all(&output);
    // Plain data of strings and numbers: serialising it cannot fail.
    let output_json = serde_json::to_string(&output).unwrap_or_default();
    let draft_json = serde_json::to_string(&draft).unwrap_or_default();
    Ok((output_json, draft_json))
}

/// The consultation's free-text answers for the engine, and the ids of the sheets that may be
/// read but not quoted.
async fn answers(
    store: &Store,
    phase_id: Uuid,
) -> agora_store::Result<(Vec<Answer>, HashSet<String>)> {
    let questions: Vec<_> = store
        .questions(phase_id)
        .await?
        .into_iter()
        .filter(|q| matches!(q.kind, QuestionKind::FreeText { .. }))
        .map(|q| (q.id, question_label(&q)))
        .collect();
    let mut answers = Vec::new();
    let mut withheld = HashSet::new();
    let mut request = PageRequest::first(MAX_LIMIT);
    loop {
        let page = store
            .workspace(phase_id, &AnswerFilter::default(), &request)
            .await?;
        for row in page.items {
            let visibility = row.moderation.as_ref().map(|m| m.visibility);
            if visibility == Some(Visibility::Hidden) {
                continue;
            }
            let sheet = row.submission;
            let id = sheet.id.to_string();
            if visibility.is_some() || !sheet.public {
                withheld.insert(id.clone());
            }
            for (question, label) in &questions {
                let Some(AnswerValue::Text(text)) = sheet.answers.get(question) else {
                    continue;
                };
                if text.trim().is_empty() {
                    continue;
                }
                answers.push(Answer {
                    id: id.clone(),
                    text: text.clone(),
                    question: label.clone(),
                    group: Some(sheet.author.stakeholder_group.clone()),
                    region: sheet.author.region.clone(),
                });
            }
        }
        match page.next {
            Some(next) => request.after = Some(next),
            None => break,
        }
    }
    Ok((answers, withheld))
}
