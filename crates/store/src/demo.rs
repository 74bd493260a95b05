//! The demo: the Internet-governance agenda of 2013–2015 that the ICANN Beijing session of
//! 8 April 2013 discusses (`demo/agenda-2013-2015.json`). Every record goes through the same
//! validation as user input, and the whole set loads in one transaction: all or nothing.
//! Loading is idempotent: a marker in `settings` records that it was done.

use std::collections::HashMap;

use agora_core::calendar::EventDraft;
use agora_core::consultation::{ConsultationDraft, QuestionDraft};
use agora_core::directory::{OrganisationDraft, PersonDraft};
use agora_core::glossary::GlossaryDraft;
use agora_core::process::{PhaseDraft, PhaseKind, ProcessDraft, Seats};
use serde::Deserialize;
use thiserror::Error;
use uuid::Uuid;

use crate::{Insert, Store, StoreError, audit};

const AGENDA: &str = include_str!("../demo/agenda-2013-2015.json");
const MARKER: &str = "demo:agenda-2013-2015";

#[derive(Debug, Error)]
pub enum DemoError {
    #[error("demo data is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("demo {section}[{index}] is invalid: {detail}")]
    Invalid {
        section: &'static str,
        index: usize,
        detail: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Deserialize)]
struct Agenda {
    organisations: Vec<Keyed<OrganisationDraft>>,
    people: Vec<DemoPerson>,
    processes: Vec<DemoProcess>,
    events: Vec<DemoEvent>,
    glossary: Vec<GlossaryDraft>,
}

#[derive(Deserialize)]
struct Keyed<T> {
    key: String,
    #[serde(flatten)]
    draft: T,
}

#[derive(Deserialize)]
struct DemoPerson {
    #[serde(default)]
    organisation: String,
    #[serde(flatten)]
    draft: PersonDraft,
}

#[derive(Deserialize)]
struct DemoProcess {
    key: String,
    #[serde(default)]
    convenor: String,
    title: String,
    slug: String,
    mandate: String,
    display_zone: String,
    seats: Vec<Seats>,
    phases: Vec<DemoPhase>,
}

#[derive(Deserialize)]
struct DemoPhase {
    #[serde(flatten)]
    draft: PhaseDraft,
    /// A consultation phase's settings and questionnaire (defaults when absent).
    #[serde(default)]
    consultation: Option<DemoConsultation>,
}

#[derive(Deserialize)]
struct DemoConsultation {
    #[serde(flatten)]
    settings: ConsultationDraft,
    #[serde(default)]
    questions: Vec<QuestionDraft>,
}

#[derive(Deserialize)]
struct DemoEvent {
    #[serde(default)]
    process: String,
    #[serde(flatten)]
    draft: EventDraft,
}

/// What a load did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoCounts {
    pub organisations: usize,
    pub people: usize,
    pub processes: usize,
    pub consultations: usize,
    pub events: usize,
    pub glossary: usize,
}

fn invalid(
    section: &'static str,
    index: usize,
) -> impl Fn(agora_core::ValidationErrors) -> DemoError {
    move |errors| DemoError::Invalid {
        section,
        index,
        detail: errors.to_string(),
    }
}

fn resolve(
    keys: &HashMap<String, Uuid>,
    key: &str,
    section: &'static str,
    index: usize,
) -> Result<String, DemoError> {
    if key.is_empty() {
        return Ok(String::new());
    }
    keys.get(key)
        .map(Uuid::to_string)
        .ok_or_else(|| DemoError::Invalid {
            section,
            index,
            detail: format!("unknown key {key}"),
        })
}

impl Store {
    /// Loads the demo agenda unless it was loaded before; returns what was added (all zero when
    /// it was already there).
    pub async fn load_demo(&self) -> Result<DemoCounts, DemoError> {
        let agenda: Agenda = serde_json::from_str(AGENDA)?;
        let groups = self.stakeholder_groups().await?;
        let mut tx = self.write().await?;
        let done = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(MARKER)
            .fetch_optional(&mut *tx)
            .await
            .map_err(StoreError::from)?;
        if done.is_some() {
            return Ok(DemoCounts::default());
        }
        let mut counts = DemoCounts::default();

        let mut organisations = HashMap::new();
        for (i, keyed) in agenda.organisations.iter().enumerate() {
            let org = keyed
                .draft
                .validate(&groups)
                .map_err(invalid("organisations", i))?;
            org.insert(&mut tx).await?;
            organisations.insert(keyed.key.clone(), org.id);
            counts.organisations += 1;
        }
        for (i, demo) in agenda.people.iter().enumerate() {
            let draft = PersonDraft {
                organisation_id: resolve(&organisations, &demo.organisation, "people", i)?,
                ..demo.draft.clone()
            };
            let person = draft.validate(&groups).map_err(invalid("people", i))?;
            person.insert(&mut tx).await?;
            counts.people += 1;
        }
        let mut processes = HashMap::new();
        for (i, demo) in agenda.processes.iter().enumerate() {
            let draft = ProcessDraft {
                title: demo.title.clone(),
                slug: demo.slug.clone(),
                mandate: demo.mandate.clone(),
                convenor_id: resolve(&organisations, &demo.convenor, "processes", i)?,
                display_zone: demo.display_zone.clone(),
                seats: demo.seats.clone(),
            };
            let process = draft.validate(&groups).map_err(invalid("processes", i))?;
            process.insert(&mut tx).await?;
            for demo_phase in &demo.phases {
                let phase = demo_phase
                    .draft
                    .validate(&process)
                    .map_err(invalid("processes", i))?;
                phase.insert(&mut tx).await?;
                if phase.kind == PhaseKind::Consultation {
                    let (settings, questions) = match &demo_phase.consultation {
                        Some(c) => (c.settings.clone(), c.questions.as_slice()),
                        None => (ConsultationDraft::default(), &[][..]),
                    };
                    settings
                        .validate(&phase)
                        .map_err(invalid("processes", i))?
                        .insert(&mut tx)
                        .await?;
                    for (position, question) in questions.iter().enumerate() {
                        let question = question
                            .validate(phase.id, position as u32 + 1)
                            .map_err(invalid("processes", i))?;
                        question.insert(&mut tx).await?;
                    }
                    counts.consultations += 1;
                }
            }
            processes.insert(demo.key.clone(), process.id);
            counts.processes += 1;
        }
        for (i, demo) in agenda.events.iter().enumerate() {
            let draft = EventDraft {
                process_id: resolve(&processes, &demo.process, "events", i)?,
                ..demo.draft.clone()
            };
            let event = draft.validate().map_err(invalid("events", i))?;
            event.insert(&mut tx).await?;
            counts.events += 1;
        }
        for (i, draft) in agenda.glossary.iter().enumerate() {
            let entry = draft.validate().map_err(invalid("glossary", i))?;
            entry.insert(&mut tx).await?;
            counts.glossary += 1;
        }

        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
            .bind(MARKER)
            .bind(jiff::Timestamp::now().to_string())
            .execute(&mut *tx)
            .await
            .map_err(StoreError::from)?;
        let summary = serde_json::json!({
            "organisations": counts.organisations, "people": counts.people, "processes": counts.processes, "consultations": counts.consultations,
            "events": counts.events, "glossary": counts.glossary,
        });
        audit::record::<(), _>(&mut tx, None, "load", "demo", MARKER, None, Some(&summary)).await?;
        tx.commit().await?;
        Ok(counts)
    }
}
