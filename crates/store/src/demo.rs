//! The demo: the Internet-governance agenda of 2013–2015 that the ICANN Beijing session of
//! 8 April 2013 discusses (`demo/agenda-2013-2015.json`). Every record goes through the same
//! validation as user input, and the whole set loads in one transaction: all or nothing.
//! Loading is idempotent: a marker in `settings` records that it was done.

use std::collections::HashMap;

use agora_core::calendar::EventDraft;
use agora_core::consultation::{ConsultationDraft, QuestionDraft};
use agora_core::directory::{OrganisationDraft, PersonDraft};
use agora_core::glossary::GlossaryDraft;
use agora_core::meeting::{MeetingDraft, ParticipantDraft};
use agora_core::process::{PhaseDraft, PhaseKind, ProcessDraft, Seats};
use agora_core::proposal::{CallDraft, Decision, ProposalDraft};
use agora_core::review::{ProfileDraft, ReviewDraft, ReviewSettingsDraft};
use agora_core::timetable::{Placement, VenueDraft};
use serde::Deserialize;
use thiserror::Error;
use uuid::Uuid;

use agora_core::directory::Person;
use agora_core::process::Process;
use agora_core::stakeholder::StakeholderGroups;

use crate::transcripts::write_transcript;
use crate::{Insert, NewTranscript, NewUser, Provenance, Store, StoreError, audit};

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
    #[serde(default)]
    meetings: Vec<DemoMeeting>,
    #[serde(default)]
    conversations: Vec<DemoConversation>,
    #[serde(default)]
    calls: Vec<DemoCall>,
}

/// A call for proposals of a demo process (its phase named by title), with its themes and
/// formats as the call's form takes them, and the proposals sent to it.
#[derive(Deserialize)]
struct DemoCall {
    process: String,
    phase: String,
    #[serde(flatten)]
    draft: CallDraft,
    proposals: Vec<DemoProposal>,
    #[serde(default)]
    review: Option<DemoReview>,
    /// The venue as its form takes it, and the published timetable of the accepted proposals.
    #[serde(default)]
    venue: Option<VenueDraft>,
    #[serde(default)]
    timetable: Vec<DemoPlacement>,
}

/// A demo call's review: its criteria as the settings form takes them, its reviewers (each
/// with an account nobody can sign in to, the reviewer role in the call's process and what
/// they declared), and the reviews, each of a proposal and by a reviewer named by position,
/// which assigns that reviewer.
#[derive(Deserialize)]
struct DemoReview {
    #[serde(flatten)]
    settings: ReviewSettingsDraft,
    reviewers: Vec<DemoReviewer>,
    reviews: Vec<DemoScores>,
}

#[derive(Deserialize)]
struct DemoReviewer {
    name: String,
    #[serde(flatten)]
    declared: ProfileDraft,
}

#[derive(Deserialize)]
struct DemoScores {
    proposal: usize,
    reviewer: usize,
    #[serde(flatten)]
    draft: ReviewDraft,
}

/// An accepted proposal of a demo call (by title) in a room (by name) at a slot
/// ("2013-10-22T09:00").
#[derive(Deserialize)]
struct DemoPlacement {
    title: String,
    room: String,
    slot: String,
}

/// A proposal as its form takes it, when it was sent and what the committee decided. Each is
/// sent by an account of its own named after its first organiser; demo accounts have no
/// password, so nobody can sign in as them.
#[derive(Deserialize)]
struct DemoProposal {
    #[serde(flatten)]
    draft: ProposalDraft,
    submitted_at: jiff::Timestamp,
    decision: Option<Decision>,
}

/// A password hash no password matches: not a PHC string, so verification fails.
const NO_PASSWORD: &str = "!";

/// A conversation of a demo process, open, with the secretariat's seed statements.
#[derive(Deserialize)]
struct DemoConversation {
    process: String,
    topic: String,
    #[serde(default)]
    description: String,
    seeds: Vec<String>,
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

/// A meeting of a demo process, its participants (people of the demo, by name) and its
/// transcript (a file beside the agenda), whose speakers are matched to the participants by
/// spelling, or by `speakers` (label → participant name) where spelling cannot tell.
#[derive(Deserialize)]
struct DemoMeeting {
    process: String,
    #[serde(flatten)]
    draft: MeetingDraft,
    participants: Vec<DemoParticipant>,
    transcript: Option<DemoTranscript>,
}

#[derive(Deserialize)]
struct DemoParticipant {
    person: String,
    role: String,
    #[serde(default)]
    remote: bool,
}

#[derive(Deserialize)]
struct DemoTranscript {
    file: String,
    #[serde(default)]
    speakers: HashMap<String, String>,
}

/// The transcripts the demo's meetings name, by file name.
const TRANSCRIPTS: [(&str, &str); 1] = [(
    "icann-beijing-2013-04-08-fr.txt",
    include_str!("../demo/icann-beijing-2013-04-08-fr.txt"),
)];

/// What a load did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoCounts {
    pub organisations: usize,
    pub people: usize,
    pub processes: usize,
    pub consultations: usize,
    pub events: usize,
    pub glossary: usize,
    pub meetings: usize,
    pub transcripts: usize,
    pub conversations: usize,
    pub proposals: usize,
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
        let mut people = Vec::new();
        for (i, demo) in agenda.people.iter().enumerate() {
            let draft = PersonDraft {
                organisation_id: resolve(&organisations, &demo.organisation, "people", i)?,
                ..demo.draft.clone()
            };
            let person = draft.validate(&groups).map_err(invalid("people", i))?;
            person.insert(&mut tx).await?;
            people.push(person);
            counts.people += 1;
        }
        let mut processes = HashMap::new();
        let mut process_records = Vec::new();
        let mut phase_records = Vec::new();
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
                phase_records.push((demo.key.clone(), phase.clone()));
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
            process_records.push(process);
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
        for (i, demo) in agenda.meetings.iter().enumerate() {
            let process = process_records
                .iter()
                .find(|p| Some(&p.id) == processes.get(&demo.process))
                .ok_or_else(|| DemoError::Invalid {
                    section: "meetings",
                    index: i,
                    detail: format!("unknown key {}", demo.process),
                })?;
            let transcripts = load_meeting(&mut tx, demo, process, &people, &groups)
                .await
                .map_err(|detail| match detail {
                    MeetingError::Invalid(detail) => DemoError::Invalid {
                        section: "meetings",
                        index: i,
                        detail,
                    },
                    MeetingError::Store(e) => DemoError::Store(e),
                })?;
            counts.meetings += 1;
            counts.transcripts += transcripts;
        }
        for (i, demo) in agenda.conversations.iter().enumerate() {
            let process = process_records
                .iter()
                .find(|p| Some(&p.id) == processes.get(&demo.process))
                .ok_or_else(|| DemoError::Invalid {
                    section: "conversations",
                    index: i,
                    detail: format!("unknown key {}", demo.process),
                })?;
            let draft = agora_core::conversation::ConversationDraft {
                topic: demo.topic.clone(),
                description: demo.description.clone(),
                seeds: demo.seeds.join("\n"),
            };
            let (conversation, seeds) = draft
                .validate(process, jiff::Timestamp::now())
                .map_err(invalid("conversations", i))?;
            crate::conversations::insert_seeded(&mut tx, &conversation, &seeds).await?;
            counts.conversations += 1;
        }
        for (i, demo) in agenda.calls.iter().enumerate() {
            let phase = phase_records
                .iter()
                .find(|(process, phase)| *process == demo.process && phase.title == demo.phase)
                .map(|(_, phase)| phase)
                .ok_or_else(|| DemoError::Invalid {
                    section: "calls",
                    index: i,
                    detail: format!("no phase {:?} in {}", demo.phase, demo.process),
                })?;
            counts.proposals += load_call(&mut tx, i, demo, phase, &groups).await?;
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
            "meetings": counts.meetings, "transcripts": counts.transcripts,
            "conversations": counts.conversations, "proposals": counts.proposals,
        });
        audit::record::<(), _>(&mut tx, None, "load", "demo", MARKER, None, Some(&summary)).await?;
        tx.commit().await?;
        Ok(counts)
    }
}

/// Loads a demo call and its proposals, each from an account of its own, and the decisions
/// taken on them at the close of the call's review (its phase's closing instant, an hour on);
/// says how many proposals it loaded.
async fn load_call(
    tx: &mut sqlx::AnyConnection,
    index: usize,
    demo: &DemoCall,
    phase: &agora_core::process::Phase,
    groups: &StakeholderGroups,
) -> Result<usize, DemoError> {
    let call = demo
        .draft
        .validate(phase)
        .map_err(invalid("calls", index))?;
    crate::proposals::insert_call(tx, &call).await?;
    let decided_at = phase.closes_at + jiff::SignedDuration::from_hours(1);
    // By position for the reviews, by title for the timetable.
    let mut ids = Vec::new();
    let mut by_title = HashMap::new();
    for (n, proposal) in demo.proposals.iter().enumerate() {
        let organiser = proposal
            .draft
            .people
            .first()
            .map_or("Proposer", |p| p.name.as_str());
        let email = format!("proposer-{}-{}@demo.invalid", index + 1, n + 1);
        let author = crate::accounts::insert_user(
            tx,
            &NewUser {
                email: &email,
                display_name: organiser,
                password_hash: NO_PASSWORD,
            },
        )
        .await?;
        let stored = proposal
            .draft
            .validate(&call, groups, author.id, proposal.submitted_at)
            .map_err(invalid("calls", index))?;
        crate::proposals::insert_proposal(tx, &stored).await?;
        ids.push(stored.id);
        if let Some(decision) = proposal.decision {
            crate::proposals::record_decision(tx, phase.id, stored.id, decision, decided_at)
                .await?;
        }
        by_title.insert(stored.title.clone(), stored.id);
    }
    if let Some(venue) = &demo.venue {
        let venue = venue.validate(phase.id).map_err(invalid("calls", index))?;
        crate::timetable::insert_venue(tx, &venue).await?;
        let placements = demo
            .timetable
            .iter()
            .map(|p| {
                let proposal_id = *by_title.get(&p.title).ok_or_else(|| DemoError::Invalid {
                    section: "calls",
                    index,
                    detail: format!("timetable: no proposal is titled {:?}", p.title),
                })?;
                Ok(Placement {
                    proposal_id,
                    room: p.room.clone(),
                    slot: p.slot.clone(),
                })
            })
            .collect::<Result<Vec<_>, DemoError>>()?;
        crate::timetable::insert_published(tx, &venue, &placements, decided_at).await?;
    }
    if let Some(review) = &demo.review {
        load_review(tx, index, review, phase, &ids).await?;
    }
    Ok(demo.proposals.len())
}

/// Loads a demo call's review: criteria, reviewers and their reviews, written when the call
/// closed (before the decisions).
async fn load_review(
    tx: &mut sqlx::AnyConnection,
    index: usize,
    demo: &DemoReview,
    phase: &agora_core::process::Phase,
    proposals: &[Uuid],
) -> Result<(), DemoError> {
    let settings = demo
        .settings
        .validate(phase.id)
        .map_err(invalid("calls", index))?;
    crate::reviews::insert_settings(tx, &settings).await?;
    let mut reviewers = Vec::new();
    for (n, reviewer) in demo.reviewers.iter().enumerate() {
        let email = format!("reviewer-{}-{}@demo.invalid", index + 1, n + 1);
        let account = crate::accounts::insert_user(
            tx,
            &NewUser {
                email: &email,
                display_name: &reviewer.name,
                password_hash: NO_PASSWORD,
            },
        )
        .await?;
        crate::accounts::write_grant(
            tx,
            account.id,
            agora_core::auth::Role::Reviewer,
            Some(phase.process_id),
        )
        .await?;
        let profile = reviewer
            .declared
            .validate(phase.id, account.id)
            .map_err(invalid("calls", index))?;
        crate::reviews::insert_profile(tx, &profile).await?;
        reviewers.push(account.id);
    }
    let phase_id = phase.id.to_string();
    for scores in &demo.reviews {
        let missing = || DemoError::Invalid {
            section: "calls",
            index,
            detail: format!(
                "review of proposal {} by reviewer {}: no such proposal or reviewer",
                scores.proposal, scores.reviewer
            ),
        };
        let proposal = *proposals.get(scores.proposal).ok_or_else(missing)?;
        let reviewer = *reviewers.get(scores.reviewer).ok_or_else(missing)?;
        let review = scores
            .draft
            .validate(&settings, proposal, reviewer, phase.closes_at)
            .map_err(invalid("calls", index))?;
        crate::reviews::insert_assignment(
            tx,
            &proposal.to_string(),
            reviewer,
            &phase_id,
            phase.closes_at,
        )
        .await?;
        crate::reviews::insert_review(tx, &review).await?;
    }
    Ok(())
}

/// Why a demo meeting did not load.
enum MeetingError {
    Invalid(String),
    Store(StoreError),
}

impl From<StoreError> for MeetingError {
    fn from(error: StoreError) -> Self {
        MeetingError::Store(error)
    }
}

/// Writes a demo meeting, its participants and its transcript on `conn`; returns how many
/// transcripts it had (0 or 1).
async fn load_meeting(
    conn: &mut sqlx::AnyConnection,
    demo: &DemoMeeting,
    process: &Process,
    people: &[Person],
    groups: &StakeholderGroups,
) -> Result<usize, MeetingError> {
    let invalid = |e: agora_core::ValidationErrors| MeetingError::Invalid(e.to_string());
    let meeting = demo.draft.validate(process).map_err(invalid)?;
    meeting.insert(conn).await?;
    let mut participants = Vec::new();
    for p in &demo.participants {
        let person = people
            .iter()
            .find(|person| person.name == p.person)
            .ok_or_else(|| MeetingError::Invalid(format!("unknown person {}", p.person)))?;
        let participant = ParticipantDraft {
            name: person.name.clone(),
            person_id: person.id.to_string(),
            stakeholder_group: person.stakeholder_group.clone(),
            gender: person.gender.clone().unwrap_or_default(),
            role: p.role.clone(),
            remote: p.remote,
        }
        .validate(&meeting, groups)
        .map_err(invalid)?;
        participant.insert(conn).await?;
        participants.push(participant);
    }
    let Some(demo_transcript) = &demo.transcript else {
        return Ok(0);
    };
    let text = TRANSCRIPTS
        .iter()
        .find(|(name, _)| *name == demo_transcript.file)
        .map(|(_, text)| *text)
        .ok_or_else(|| MeetingError::Invalid(format!("unknown file {}", demo_transcript.file)))?;
    let parse = agora_records::parse(text);
    let participant_of = |speaker: &str| {
        let wanted = demo_transcript.speakers.get(speaker);
        participants.iter().find(|p| match wanted {
            Some(name) => &p.name == name,
            None => agora_records::speakers::same_name(speaker, &p.name),
        })
    };
    if let Some(stranger) = parse
        .turns
        .iter()
        .filter_map(|t| t.speaker.as_deref())
        .find(|s| participant_of(s).is_none())
    {
        return Err(MeetingError::Invalid(format!(
            "speaker {stranger} matches no participant"
        )));
    }
    let from = Provenance {
        meeting_id: meeting.id,
        filename: &demo_transcript.file,
        imported_at: meeting.ends_at,
        imported_by: None,
    };
    let new = NewTranscript::from_parse(&parse, &from, Vec::new(), |speaker| {
        participant_of(speaker).map(|p| p.id)
    });
    write_transcript(conn, &new).await?;
    Ok(1)
}
