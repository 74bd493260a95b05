//! The API's JSON shapes and their OpenAPI schemas. utoipa stays out of `agora-core`, so these
//! mirror the core types; every conversion destructures without `..`, so a field added to a core
//! type breaks the build here until the API (and its document) says what to do with it.
//!
//! Inputs convert into the core drafts, whose `validate` is the only judge of what is valid;
//! their schemas only describe. Optional inputs accept `null` as well as absence.

use std::collections::BTreeMap;

use agora_core::calendar::EventDraft;
use agora_core::consultation::{AuthorDraft, ConsultationDraft, QuestionDraft};
use agora_core::directory::{OrganisationDraft, PersonDraft};
use agora_core::glossary::GlossaryDraft;
use agora_core::process::{PhaseDraft, ProcessDraft};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// One page of a list, in the list's order.
#[derive(Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn from_store<U>(page: agora_store::Page<U>) -> Self
    where
        T: From<U>,
    {
        Page {
            items: page.items.into_iter().map(T::from).collect(),
            next_cursor: page.next.map(|c| c.encode()),
        }
    }
}

/// A stakeholder group of this deployment; its name is a UI string (`group-<code>`).
#[derive(Serialize, ToSchema)]
pub struct StakeholderGroup {
    #[schema(example = "civil-society")]
    pub code: String,
}

/// How many members a stakeholder group has in a process.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Seats {
    #[schema(example = "government")]
    pub stakeholder_group: String,
    pub seats: u32,
}

impl From<agora_core::process::Seats> for Seats {
    fn from(seats: agora_core::process::Seats) -> Self {
        let agora_core::process::Seats {
            stakeholder_group,
            seats,
        } = seats;
        Seats {
            stakeholder_group,
            seats,
        }
    }
}

impl From<Seats> for agora_core::process::Seats {
    fn from(seats: Seats) -> Self {
        let Seats {
            stakeholder_group,
            seats,
        } = seats;
        agora_core::process::Seats {
            stakeholder_group,
            seats,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Process {
    pub id: Uuid,
    #[schema(example = "wgec-2013")]
    pub slug: String,
    pub title: String,
    pub mandate: String,
    /// The convening organisation, when it is in the directory.
    #[schema(required = true)]
    pub convenor_id: Option<Uuid>,
    /// The IANA zone the organiser shows deadlines in.
    #[schema(example = "Europe/Zurich")]
    pub display_zone: String,
    pub seats: Vec<Seats>,
}

impl From<agora_core::process::Process> for Process {
    fn from(process: agora_core::process::Process) -> Self {
        let agora_core::process::Process {
            id,
            slug,
            title,
            mandate,
            convenor_id,
            display_zone,
            seats,
        } = process;
        Process {
            id,
            slug,
            title,
            mandate,
            convenor_id,
            display_zone,
            seats: seats.into_iter().map(Seats::from).collect(),
        }
    }
}

/// A process with its timeline.
#[derive(Serialize, ToSchema)]
pub struct ProcessDetail {
    #[serde(flatten)]
    pub process: Process,
    /// In chronological order, each with where it stands now.
    pub phases: Vec<Phase>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseKind {
    Consultation,
    CallForProposals,
    ReviewAndSelection,
    Meeting,
    Drafting,
    Report,
}

impl From<agora_core::process::PhaseKind> for PhaseKind {
    fn from(kind: agora_core::process::PhaseKind) -> Self {
        use agora_core::process::PhaseKind as Core;
        match kind {
            Core::Consultation => PhaseKind::Consultation,
            Core::CallForProposals => PhaseKind::CallForProposals,
            Core::ReviewAndSelection => PhaseKind::ReviewAndSelection,
            Core::Meeting => PhaseKind::Meeting,
            Core::Drafting => PhaseKind::Drafting,
            Core::Report => PhaseKind::Report,
        }
    }
}

/// Where a phase stands: open from `opens_at` (included) to `closes_at` (excluded).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseStatus {
    Upcoming,
    Open,
    Closed,
}

impl From<agora_core::process::PhaseStatus> for PhaseStatus {
    fn from(status: agora_core::process::PhaseStatus) -> Self {
        use agora_core::process::PhaseStatus as Core;
        match status {
            Core::Upcoming => PhaseStatus::Upcoming,
            Core::Open => PhaseStatus::Open,
            Core::Closed => PhaseStatus::Closed,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Phase {
    pub id: Uuid,
    pub process_id: Uuid,
    pub kind: PhaseKind,
    pub title: String,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    /// Computed at the time of the request.
    pub status: PhaseStatus,
}

impl Phase {
    pub fn at(phase: agora_core::process::Phase, now: Timestamp) -> Self {
        let status = phase.status(now).into();
        let agora_core::process::Phase {
            id,
            process_id,
            kind,
            title,
            opens_at,
            closes_at,
        } = phase;
        Phase {
            id,
            process_id,
            kind: kind.into(),
            title,
            opens_at,
            closes_at,
            status,
        }
    }
}

/// A new process.
#[derive(Deserialize, ToSchema)]
pub struct NewProcess {
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    /// Made from the title when absent.
    pub slug: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub mandate: String,
    /// An organisation in the directory.
    #[schema(format = Uuid)]
    pub convenor_id: Option<String>,
    /// An IANA time zone, e.g. `Europe/Zurich`.
    #[serde(default)]
    #[schema(required = true, example = "UTC")]
    pub display_zone: String,
    #[serde(default)]
    pub seats: Vec<Seats>,
}

impl From<NewProcess> for ProcessDraft {
    fn from(input: NewProcess) -> Self {
        let NewProcess {
            title,
            slug,
            mandate,
            convenor_id,
            display_zone,
            seats,
        } = input;
        ProcessDraft {
            title,
            slug: slug.unwrap_or_default(),
            mandate,
            convenor_id: convenor_id.unwrap_or_default(),
            display_zone,
            seats: seats.into_iter().map(Into::into).collect(),
        }
    }
}

/// A new phase of a process.
#[derive(Deserialize, ToSchema)]
pub struct NewPhase {
    #[serde(default)]
    #[schema(required = true, value_type = PhaseKind)]
    pub kind: String,
    pub title: Option<String>,
    /// RFC 3339 with an offset, or a local date-time (`2013-07-15T23:59`) read in the process's
    /// display zone.
    #[serde(default)]
    #[schema(required = true, example = "2013-06-01T00:00")]
    pub opens_at: String,
    /// Excluded: the phase is closed from this instant on.
    #[serde(default)]
    #[schema(required = true, example = "2013-07-15T23:59:59")]
    pub closes_at: String,
}

impl From<NewPhase> for PhaseDraft {
    fn from(input: NewPhase) -> Self {
        let NewPhase {
            kind,
            title,
            opens_at,
            closes_at,
        } = input;
        PhaseDraft {
            kind,
            title: title.unwrap_or_default(),
            opens_at,
            closes_at,
        }
    }
}

/// A dated event of the shared calendar; whole days.
#[derive(Serialize, ToSchema)]
pub struct Event {
    pub id: Uuid,
    pub title: String,
    #[schema(required = true, example = "WTPF-13")]
    pub acronym: Option<String>,
    pub organiser: String,
    pub place: String,
    /// First day, inclusive.
    pub starts_on: Date,
    /// Last day, inclusive.
    pub ends_on: Date,
    #[schema(required = true)]
    pub process_id: Option<Uuid>,
    #[schema(required = true)]
    pub url: Option<String>,
    #[schema(required = true)]
    pub description: Option<String>,
}

impl From<agora_core::calendar::Event> for Event {
    fn from(event: agora_core::calendar::Event) -> Self {
        let agora_core::calendar::Event {
            id,
            title,
            acronym,
            organiser,
            place,
            starts_on,
            ends_on,
            process_id,
            url,
            description,
        } = event;
        Event {
            id,
            title,
            acronym,
            organiser,
            place,
            starts_on,
            ends_on,
            process_id,
            url,
            description,
        }
    }
}

/// A new calendar event.
#[derive(Deserialize, ToSchema)]
pub struct NewEvent {
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    pub acronym: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub organiser: String,
    #[serde(default)]
    #[schema(required = true)]
    pub place: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(required = true, format = Date, example = "2013-05-14")]
    pub starts_on: String,
    /// `YYYY-MM-DD`, inclusive; the start day when absent.
    #[schema(format = Date)]
    pub ends_on: Option<String>,
    #[schema(format = Uuid)]
    pub process_id: Option<String>,
    #[schema(format = "uri")]
    pub url: Option<String>,
    pub description: Option<String>,
}

impl From<NewEvent> for EventDraft {
    fn from(input: NewEvent) -> Self {
        let NewEvent {
            title,
            acronym,
            organiser,
            place,
            starts_on,
            ends_on,
            process_id,
            url,
            description,
        } = input;
        EventDraft {
            title,
            acronym: acronym.unwrap_or_default(),
            organiser,
            place,
            starts_on,
            ends_on: ends_on.unwrap_or_default(),
            process_id: process_id.unwrap_or_default(),
            url: url.unwrap_or_default(),
            description: description.unwrap_or_default(),
        }
    }
}

/// An acronym's expansion in one language.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Expansion {
    /// BCP 47 tag.
    #[schema(example = "fr")]
    pub lang: String,
    pub text: String,
}

impl From<agora_core::glossary::Expansion> for Expansion {
    fn from(expansion: agora_core::glossary::Expansion) -> Self {
        let agora_core::glossary::Expansion { lang, text } = expansion;
        Expansion { lang, text }
    }
}

impl From<Expansion> for agora_core::glossary::Expansion {
    fn from(expansion: Expansion) -> Self {
        let Expansion { lang, text } = expansion;
        agora_core::glossary::Expansion { lang, text }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GlossaryEntry {
    pub id: Uuid,
    #[schema(example = "WSIS")]
    pub acronym: String,
    /// One per language, in the order given.
    pub expansions: Vec<Expansion>,
}

impl From<agora_core::glossary::GlossaryEntry> for GlossaryEntry {
    fn from(entry: agora_core::glossary::GlossaryEntry) -> Self {
        let agora_core::glossary::GlossaryEntry {
            id,
            acronym,
            expansions,
        } = entry;
        GlossaryEntry {
            id,
            acronym,
            expansions: expansions.into_iter().map(Into::into).collect(),
        }
    }
}

/// A new glossary entry; the acronym must not be in the glossary yet.
#[derive(Deserialize, ToSchema)]
pub struct NewGlossaryEntry {
    #[serde(default)]
    #[schema(required = true)]
    pub acronym: String,
    /// At least one.
    #[serde(default)]
    #[schema(required = true)]
    pub expansions: Vec<Expansion>,
}

impl From<NewGlossaryEntry> for GlossaryDraft {
    fn from(input: NewGlossaryEntry) -> Self {
        let NewGlossaryEntry {
            acronym,
            expansions,
        } = input;
        GlossaryDraft {
            acronym,
            expansions: expansions.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    #[schema(required = true)]
    pub acronym: Option<String>,
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    #[schema(required = true)]
    pub country: Option<String>,
    #[schema(required = true)]
    pub website: Option<String>,
}

impl From<agora_core::directory::Organisation> for Organisation {
    fn from(org: agora_core::directory::Organisation) -> Self {
        let agora_core::directory::Organisation {
            id,
            name,
            acronym,
            stakeholder_group,
            country,
            website,
        } = org;
        Organisation {
            id,
            name,
            acronym,
            stakeholder_group,
            country,
            website,
        }
    }
}

/// A new organisation.
#[derive(Deserialize, ToSchema)]
pub struct NewOrganisation {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    pub acronym: Option<String>,
    /// One of `GET /api/v1/stakeholder-groups`.
    #[serde(default)]
    #[schema(required = true, example = "technical-community")]
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "AU")]
    pub country: Option<String>,
    #[schema(format = "uri")]
    pub website: Option<String>,
}

impl From<NewOrganisation> for OrganisationDraft {
    fn from(input: NewOrganisation) -> Self {
        let NewOrganisation {
            name,
            acronym,
            stakeholder_group,
            country,
            website,
        } = input;
        OrganisationDraft {
            name,
            acronym: acronym.unwrap_or_default(),
            stakeholder_group,
            country: country.unwrap_or_default(),
            website: website.unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    /// The organisation the person speaks for, when it is in the directory.
    #[schema(required = true)]
    pub organisation_id: Option<Uuid>,
    /// The affiliation as the person states it.
    #[schema(required = true)]
    pub affiliation: Option<String>,
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    #[schema(required = true)]
    pub country: Option<String>,
    /// UN M49 region code.
    #[schema(required = true)]
    pub region: Option<String>,
    /// BCP 47 tags.
    pub languages: Vec<String>,
    /// Self-declared, free text.
    #[schema(required = true)]
    pub gender: Option<String>,
}

impl From<agora_core::directory::Person> for Person {
    fn from(person: agora_core::directory::Person) -> Self {
        let agora_core::directory::Person {
            id,
            name,
            organisation_id,
            affiliation,
            stakeholder_group,
            country,
            region,
            languages,
            gender,
        } = person;
        Person {
            id,
            name,
            organisation_id,
            affiliation,
            stakeholder_group,
            country,
            region,
            languages,
            gender,
        }
    }
}

/// A new person in the directory.
#[derive(Deserialize, ToSchema)]
pub struct NewPerson {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[schema(format = Uuid)]
    pub organisation_id: Option<String>,
    pub affiliation: Option<String>,
    #[serde(default)]
    #[schema(required = true, example = "government")]
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// UN M49 region code.
    #[schema(example = "151")]
    pub region: Option<String>,
    /// BCP 47 tags.
    #[serde(default)]
    pub languages: Vec<String>,
    pub gender: Option<String>,
}

impl From<NewPerson> for PersonDraft {
    fn from(input: NewPerson) -> Self {
        let NewPerson {
            name,
            organisation_id,
            affiliation,
            stakeholder_group,
            country,
            region,
            languages,
            gender,
        } = input;
        PersonDraft {
            name,
            organisation_id: organisation_id.unwrap_or_default(),
            affiliation: affiliation.unwrap_or_default(),
            stakeholder_group,
            country: country.unwrap_or_default(),
            region: region.unwrap_or_default(),
            // The draft reads tags as typed into a form: separated by commas or spaces.
            languages: languages.join(","),
            gender: gender.unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
}

impl From<agora_store::User> for User {
    fn from(user: agora_store::User) -> Self {
        let agora_store::User {
            id,
            email,
            display_name,
        } = user;
        User {
            id,
            email,
            display_name,
        }
    }
}

/// Roles from least to most powerful; each includes those before it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Participant,
    Reviewer,
    Secretariat,
    Admin,
}

impl From<agora_core::auth::Role> for Role {
    fn from(role: agora_core::auth::Role) -> Self {
        use agora_core::auth::Role as Core;
        match role {
            Core::Participant => Role::Participant,
            Core::Reviewer => Role::Reviewer,
            Core::Secretariat => Role::Secretariat,
            Core::Admin => Role::Admin,
        }
    }
}

/// A role held by an account, everywhere (`process_id` null) or in one process.
#[derive(Serialize, ToSchema)]
pub struct Grant {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    #[schema(required = true)]
    pub process_id: Option<Uuid>,
}

impl From<agora_core::auth::Grant> for Grant {
    fn from(grant: agora_core::auth::Grant) -> Self {
        let agora_core::auth::Grant {
            id,
            user_id,
            role,
            process_id,
        } = grant;
        Grant {
            id,
            user_id,
            role: role.into(),
            process_id,
        }
    }
}

/// A role to grant.
#[derive(Deserialize, ToSchema)]
pub struct NewGrant {
    #[serde(default)]
    #[schema(required = true, value_type = Role)]
    pub role: String,
    /// The process the role is limited to; everywhere when null.
    #[schema(format = Uuid)]
    pub process_id: Option<String>,
}

/// An account with its roles.
#[derive(Serialize, ToSchema)]
pub struct Account {
    #[serde(flatten)]
    pub user: User,
    pub grants: Vec<Grant>,
}

/// The signed-in account, its roles, and the token that writes echo in `X-CSRF-Token`.
#[derive(Serialize, ToSchema)]
pub struct Session {
    pub user: User,
    pub grants: Vec<Grant>,
    pub csrf_token: String,
}

#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    #[serde(default)]
    #[schema(required = true, example = "admin@example.org")]
    pub email: String,
    #[serde(default)]
    #[schema(required = true, format = Password)]
    pub password: String,
}

/// One change, as the audit log recorded it.
#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    /// Increases with every entry.
    pub seq: i64,
    pub at: Timestamp,
    /// Null for changes made by the system (demo data, command line).
    #[schema(required = true)]
    pub actor_id: Option<Uuid>,
    #[schema(required = true)]
    pub actor_name: Option<String>,
    #[schema(example = "create")]
    pub action: String,
    #[schema(example = "organisation")]
    pub entity: String,
    pub entity_id: String,
    /// The record before the change; null for creations.
    #[schema(required = true)]
    pub before: Option<serde_json::Value>,
    /// The record after the change; null for deletions.
    #[schema(required = true)]
    pub after: Option<serde_json::Value>,
}

impl From<agora_store::AuditEntry> for AuditEntry {
    fn from(entry: agora_store::AuditEntry) -> Self {
        let agora_store::AuditEntry {
            seq,
            at,
            actor_id,
            actor_name,
            action,
            entity,
            entity_id,
            before,
            after,
        } = entry;
        AuditEntry {
            seq,
            at,
            actor_id,
            actor_name,
            action,
            entity,
            entity_id,
            before,
            after,
        }
    }
}

// Consultations: a phase of kind `consultation`, its questions, and the answer sheets.

/// Who may answer a consultation.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Eligibility {
    /// Anyone with an account.
    SignedIn,
    /// Only accounts holding a role in the process.
    Members,
}

impl From<agora_core::consultation::Eligibility> for Eligibility {
    fn from(eligibility: agora_core::consultation::Eligibility) -> Self {
        use agora_core::consultation::Eligibility as Core;
        match eligibility {
            Core::SignedIn => Eligibility::SignedIn,
            Core::Members => Eligibility::Members,
        }
    }
}

/// A consultation: its phase (whose id is the consultation's id, and whose instants bound it)
/// and its settings.
#[derive(Serialize, ToSchema)]
pub struct Consultation {
    #[serde(flatten)]
    pub phase: Phase,
    /// The IANA zone the organiser shows the deadline in.
    #[schema(example = "Europe/Zurich")]
    pub display_zone: String,
    pub description: String,
    /// BCP 47 tags of the languages answers may be written in.
    pub languages: Vec<String>,
    /// Whether answers are published unless their author asks otherwise.
    pub public_by_default: bool,
    /// Whether a person may answer on behalf of an organisation.
    pub on_behalf_allowed: bool,
    pub eligibility: Eligibility,
}

impl Consultation {
    /// The consultation with its phase's status at `now`.
    pub fn at(
        phase: agora_core::process::Phase,
        consultation: agora_core::consultation::Consultation,
        display_zone: &str,
        now: Timestamp,
    ) -> Self {
        let agora_core::consultation::Consultation {
            phase_id: _,
            description,
            languages,
            public_by_default,
            on_behalf_allowed,
            eligibility,
        } = consultation;
        Consultation {
            phase: Phase::at(phase, now),
            display_zone: display_zone.to_owned(),
            description,
            languages,
            public_by_default,
            on_behalf_allowed,
            eligibility: eligibility.into(),
        }
    }
}

/// A consultation with its questionnaire.
#[derive(Serialize, ToSchema)]
pub struct ConsultationDetail {
    #[serde(flatten)]
    pub consultation: Consultation,
    /// In order.
    pub questions: Vec<Question>,
}

/// What a question asks for, tagged by `type`.
#[derive(Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum QuestionKind {
    /// A text, with an optional word limit.
    FreeText {
        #[schema(required = true)]
        word_limit: Option<u32>,
    },
    /// One of the choices.
    SingleChoice { choices: Vec<String> },
    /// Any of the choices.
    MultipleChoice { choices: Vec<String> },
    /// 1 (lowest) to 5 (highest).
    Scale,
}

impl From<agora_core::consultation::QuestionKind> for QuestionKind {
    fn from(kind: agora_core::consultation::QuestionKind) -> Self {
        use agora_core::consultation::QuestionKind as Core;
        match kind {
            Core::FreeText { word_limit } => QuestionKind::FreeText { word_limit },
            Core::SingleChoice { choices } => QuestionKind::SingleChoice { choices },
            Core::MultipleChoice { choices } => QuestionKind::MultipleChoice { choices },
            Core::Scale => QuestionKind::Scale,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Question {
    /// The key of this question's answer in an answer sheet.
    pub id: Uuid,
    /// Order in the questionnaire, from 1.
    pub position: u32,
    pub prompt: String,
    /// Whether a submitted (not a draft) sheet must answer it.
    pub required: bool,
    pub kind: QuestionKind,
}

impl From<agora_core::consultation::Question> for Question {
    fn from(question: agora_core::consultation::Question) -> Self {
        let agora_core::consultation::Question {
            id,
            phase_id: _,
            position,
            prompt,
            required,
            kind,
        } = question;
        Question {
            id,
            position,
            prompt,
            required,
            kind: kind.into(),
        }
    }
}

/// A new consultation: its phase (a phase of kind `consultation` is created with it) and its
/// settings.
#[derive(Deserialize, ToSchema)]
pub struct NewConsultation {
    pub title: Option<String>,
    /// RFC 3339 with an offset, or a local date-time read in the process's display zone.
    #[serde(default)]
    #[schema(required = true, example = "2013-06-01T00:00")]
    pub opens_at: String,
    /// Excluded: an answer sent at this instant is late.
    #[serde(default)]
    #[schema(required = true, example = "2013-07-15T12:00")]
    pub closes_at: String,
    pub description: Option<String>,
    /// BCP 47 tags of the languages answers may be written in; the six UN languages when
    /// absent or empty.
    #[serde(default)]
    pub languages: Vec<String>,
    /// False when absent.
    pub public_by_default: Option<bool>,
    /// False when absent.
    pub on_behalf_allowed: Option<bool>,
    /// `signed-in` when absent.
    #[schema(value_type = Option<Eligibility>)]
    pub eligibility: Option<String>,
}

impl NewConsultation {
    /// The phase draft (of kind `consultation`) and the settings draft.
    pub fn into_drafts(self) -> (PhaseDraft, ConsultationDraft) {
        let NewConsultation {
            title,
            opens_at,
            closes_at,
            description,
            languages,
            public_by_default,
            on_behalf_allowed,
            eligibility,
        } = self;
        let phase = PhaseDraft {
            kind: "consultation".to_owned(),
            title: title.unwrap_or_default(),
            opens_at,
            closes_at,
        };
        let consultation = ConsultationDraft {
            description: description.unwrap_or_default(),
            // The draft reads tags as typed into a form: separated by commas or spaces.
            languages: languages.join(","),
            public_by_default: public_by_default.unwrap_or_default(),
            on_behalf_allowed: on_behalf_allowed.unwrap_or_default(),
            eligibility: eligibility.unwrap_or_default(),
        };
        (phase, consultation)
    }
}

/// The kinds of question, as `kind.type` names them.
#[allow(dead_code)] // Only a schema: `QuestionDraft` reads the code and names a wrong one.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    FreeText,
    SingleChoice,
    MultipleChoice,
    Scale,
}

/// What a new question asks for: the same shape as a question's `kind`.
#[derive(Deserialize, Default, ToSchema)]
pub struct NewQuestionKind {
    /// `free-text` when absent.
    #[serde(rename = "type")]
    #[schema(value_type = Option<QuestionType>)]
    pub kind: Option<String>,
    /// At least two, distinct (choice questions only).
    #[serde(default)]
    pub choices: Vec<String>,
    /// At least 1; no limit when absent (free text only).
    #[schema(minimum = 1)]
    pub word_limit: Option<u32>,
}

/// A question added at the end of a questionnaire.
#[derive(Deserialize, ToSchema)]
pub struct NewQuestion {
    #[serde(default)]
    #[schema(required = true)]
    pub prompt: String,
    /// False when absent.
    pub required: Option<bool>,
    /// A free-text question without a word limit when absent.
    #[serde(default)]
    pub kind: NewQuestionKind,
}

impl From<NewQuestion> for QuestionDraft {
    fn from(input: NewQuestion) -> Self {
        let NewQuestion {
            prompt,
            required,
            kind:
                NewQuestionKind {
                    kind,
                    choices,
                    word_limit,
                },
        } = input;
        QuestionDraft {
            prompt,
            kind: kind.unwrap_or_default(),
            // The draft reads choices as typed into a form: one per line.
            choices: choices.join("\n"),
            word_limit: word_limit.map(|w| w.to_string()).unwrap_or_default(),
            required: required.unwrap_or_default(),
        }
    }
}

/// Whether an answer sheet is still being written or has been handed in.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SubmissionState {
    Draft,
    Submitted,
}

impl From<agora_core::consultation::SubmissionState> for SubmissionState {
    fn from(state: agora_core::consultation::SubmissionState) -> Self {
        use agora_core::consultation::SubmissionState as Core;
        match state {
            Core::Draft => SubmissionState::Draft,
            Core::Submitted => SubmissionState::Submitted,
        }
    }
}

/// One answer: a text (free text), the ticked choices in the questionnaire's order (choice
/// questions), or 1 to 5 (scale).
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    Text(String),
    Choices(Vec<String>),
    Scale(u8),
}

impl From<agora_core::consultation::AnswerValue> for AnswerValue {
    fn from(value: agora_core::consultation::AnswerValue) -> Self {
        use agora_core::consultation::AnswerValue as Core;
        match value {
            Core::Text(text) => AnswerValue::Text(text),
            Core::Choices(choices) => AnswerValue::Choices(choices),
            Core::Scale(n) => AnswerValue::Scale(n),
        }
    }
}

/// Who answered, as they described themselves when they saved the sheet.
#[derive(Serialize, ToSchema)]
pub struct Author {
    #[schema(example = "civil-society")]
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    #[schema(required = true)]
    pub country: Option<String>,
    /// UN M49 region code.
    #[schema(required = true)]
    pub region: Option<String>,
    /// The organisation as the author named it.
    #[schema(required = true)]
    pub organisation: Option<String>,
    /// Whether they answer on behalf of that organisation.
    pub on_behalf: bool,
    /// The language of the answers (BCP 47).
    #[schema(example = "en")]
    pub lang: String,
}

impl From<agora_core::consultation::Author> for Author {
    fn from(author: agora_core::consultation::Author) -> Self {
        let agora_core::consultation::Author {
            stakeholder_group,
            country,
            region,
            organisation,
            on_behalf,
            lang,
        } = author;
        Author {
            stakeholder_group,
            country,
            region,
            organisation,
            on_behalf,
            lang,
        }
    }
}

fn answers_of(
    answers: BTreeMap<Uuid, agora_core::consultation::AnswerValue>,
) -> BTreeMap<Uuid, AnswerValue> {
    answers.into_iter().map(|(q, a)| (q, a.into())).collect()
}

/// An answer sheet as its author and the process's secretariat see it.
#[derive(Serialize, ToSchema)]
pub struct Submission {
    pub id: Uuid,
    /// The consultation (phase) it answers.
    pub consultation_id: Uuid,
    /// The account that wrote it; null for answers imported from elsewhere.
    #[schema(required = true)]
    pub user_id: Option<Uuid>,
    /// Whether it was imported (a survey tool's export, a compilation) rather than given here.
    pub imported: bool,
    /// Given when the sheet is first saved and kept through every edit; quote it to the
    /// secretariat, or read the sheet again at `GET /api/v1/submissions?receipt=`.
    #[schema(example = "7KQ2-M9XW-4TRB")]
    pub receipt: String,
    pub state: SubmissionState,
    /// Whether it is published once submitted.
    pub public: bool,
    pub author: Author,
    /// By question id; unanswered questions are absent.
    pub answers: BTreeMap<Uuid, AnswerValue>,
    pub updated_at: Timestamp,
    /// When it was last handed in; null for a draft never submitted.
    #[schema(required = true)]
    pub submitted_at: Option<Timestamp>,
}

impl From<agora_core::consultation::Submission> for Submission {
    fn from(submission: agora_core::consultation::Submission) -> Self {
        let agora_core::consultation::Submission {
            id,
            phase_id,
            user_id,
            imported,
            receipt,
            state,
            public,
            author,
            answers,
            updated_at,
            submitted_at,
        } = submission;
        Submission {
            id,
            consultation_id: phase_id,
            user_id,
            imported: imported.is_some(),
            receipt,
            state: state.into(),
            public,
            author: author.into(),
            answers: answers_of(answers),
            updated_at,
            submitted_at,
        }
    }
}

/// A published answer sheet: submitted, and public by its author's choice. The account and the
/// receipt stay private.
#[derive(Serialize, ToSchema)]
pub struct PublishedSubmission {
    pub id: Uuid,
    pub author: Author,
    /// By question id; unanswered questions are absent.
    pub answers: BTreeMap<Uuid, AnswerValue>,
    /// When it was last handed in.
    #[schema(required = true)]
    pub submitted_at: Option<Timestamp>,
}

impl From<agora_core::consultation::Submission> for PublishedSubmission {
    fn from(submission: agora_core::consultation::Submission) -> Self {
        let agora_core::consultation::Submission {
            id,
            phase_id: _,
            user_id: _,
            imported: _,
            receipt: _,
            state: _,
            public: _,
            author,
            answers,
            updated_at: _,
            submitted_at,
        } = submission;
        PublishedSubmission {
            id,
            author: author.into(),
            answers: answers_of(answers),
            submitted_at,
        }
    }
}

/// Who answers, as they describe themselves; kept with the sheet as it was when saved.
#[derive(Deserialize, Default, ToSchema)]
pub struct NewAuthor {
    /// One of `GET /api/v1/stakeholder-groups`.
    #[serde(default)]
    #[schema(required = true, example = "civil-society")]
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// UN M49 region code.
    pub region: Option<String>,
    pub organisation: Option<String>,
    /// Only where the consultation allows it, and with an organisation.
    pub on_behalf: Option<bool>,
    /// One of the consultation's `languages`.
    #[serde(default)]
    #[schema(required = true, example = "en")]
    pub lang: String,
}

impl From<NewAuthor> for AuthorDraft {
    fn from(input: NewAuthor) -> Self {
        let NewAuthor {
            stakeholder_group,
            country,
            region,
            organisation,
            on_behalf,
            lang,
        } = input;
        AuthorDraft {
            stakeholder_group,
            country: country.unwrap_or_default(),
            region: region.unwrap_or_default(),
            organisation: organisation.unwrap_or_default(),
            on_behalf: on_behalf.unwrap_or_default(),
            lang,
        }
    }
}

/// The caller's answer sheet, replacing what they saved before.
#[derive(Deserialize, ToSchema)]
pub struct NewSubmission {
    /// `submitted` hands the sheet in (every required question answered); a `draft` may be
    /// incomplete.
    #[serde(default)]
    #[schema(required = true, value_type = SubmissionState)]
    pub state: String,
    /// Whether to publish the sheet once submitted; the consultation's `public_by_default`
    /// when absent.
    pub public: Option<bool>,
    #[serde(default)]
    #[schema(required = true)]
    pub author: NewAuthor,
    /// By question id: a text, a list of choices (one for a single choice), or 1 to 5. An
    /// absent, null or empty answer leaves the question unanswered.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, AnswerValue>)]
    pub answers: BTreeMap<String, serde_json::Value>,
}

/// More time for one person.
#[derive(Deserialize, ToSchema)]
pub struct NewLateWindow {
    /// The account's email.
    #[serde(default)]
    #[schema(required = true, example = "participant@example.org")]
    pub user_email: String,
    /// Excluded, like a closing instant: RFC 3339 with an offset, or a local date-time read
    /// in the process's display zone.
    #[serde(default)]
    #[schema(required = true, example = "2013-07-16T12:00")]
    pub until: String,
}

/// A sheet's moderation: confidential or hidden, and why.
#[derive(Serialize, ToSchema)]
pub struct Moderation {
    /// `confidential` (kept out of the public pages, e.g. at its author's request) or `hidden`
    /// (withdrawn, e.g. falsely attributed).
    #[schema(example = "hidden")]
    pub visibility: String,
    pub reason: String,
}

/// Where an imported sheet came from: the import, the file's row, the respondent as the file
/// named them (for the secretariat only).
#[derive(Serialize, ToSchema)]
pub struct ImportOrigin {
    pub batch: Uuid,
    pub row: u64,
    #[schema(required = true)]
    pub name: Option<String>,
    #[schema(required = true)]
    pub email: Option<String>,
}

/// A sheet as the secretariat sees it.
#[derive(Serialize, ToSchema)]
pub struct WorkspaceSheet {
    #[serde(flatten)]
    pub submission: Submission,
    /// Null while the sheet is not moderated.
    #[schema(required = true)]
    pub moderation: Option<Moderation>,
    pub tags: Vec<String>,
    /// Null for sheets given in Agora.
    #[schema(required = true)]
    pub origin: Option<ImportOrigin>,
}

/// How many sheets have one value of a field.
#[derive(Serialize, ToSchema)]
pub struct Count {
    /// The code (group, region, language); empty for sheets that gave none.
    pub value: String,
    pub count: u64,
}

/// The sheets a filter selects, counted in all and by field, most frequent first.
#[derive(Serialize, ToSchema)]
pub struct Counts {
    pub total: u64,
    pub by_stakeholder_group: Vec<Count>,
    pub by_region: Vec<Count>,
    pub by_lang: Vec<Count>,
}

impl From<agora_core::consultation::AnswerCounts> for Counts {
    fn from(counts: agora_core::consultation::AnswerCounts) -> Self {
        let list = |pairs: Vec<(String, u64)>| {
            pairs
                .into_iter()
                .map(|(value, count)| Count { value, count })
                .collect()
        };
        Counts {
            total: counts.total,
            by_stakeholder_group: list(counts.by_stakeholder_group),
            by_region: list(counts.by_region),
            by_lang: list(counts.by_lang),
        }
    }
}

/// A page of the workspace, with the counts of everything the filters select.
#[derive(Serialize, ToSchema)]
pub struct WorkspacePage {
    pub items: Vec<WorkspaceSheet>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
    pub counts: Counts,
}

impl WorkspacePage {
    pub fn new(
        page: agora_store::Page<agora_store::WorkspaceRow>,
        counts: agora_core::consultation::AnswerCounts,
    ) -> Self {
        WorkspacePage {
            items: page
                .items
                .into_iter()
                .map(|row| {
                    let origin = row.submission.imported.clone().map(|o| ImportOrigin {
                        batch: o.batch,
                        row: o.row,
                        name: o.name,
                        email: o.email,
                    });
                    WorkspaceSheet {
                        submission: row.submission.into(),
                        moderation: row.moderation.map(|m| Moderation {
                            visibility: m.visibility.code().to_owned(),
                            reason: m.reason,
                        }),
                        tags: row.tags,
                        origin,
                    }
                })
                .collect(),
            next_cursor: page.next.map(|c| c.encode()),
            counts: counts.into(),
        }
    }
}

/// Marks a sheet confidential or hidden.
#[derive(Deserialize, ToSchema)]
pub struct NewModeration {
    /// `confidential` or `hidden`.
    #[serde(default)]
    #[schema(required = true, example = "hidden")]
    pub visibility: String,
    /// Why; shown to the secretariat next to the sheet.
    #[serde(default)]
    #[schema(
        required = true,
        example = "Its named author reports they did not write it"
    )]
    pub reason: String,
}

/// A report that a sheet was submitted in someone's name without their consent.
#[derive(Deserialize, ToSchema)]
pub struct NewReport {
    /// The reporter's name, as the sheet shows it.
    #[serde(default)]
    #[schema(required = true, example = "Jane Doe")]
    pub name: String,
    /// Where the secretariat can reach the reporter.
    #[serde(default)]
    #[schema(required = true, example = "jane@example.org")]
    pub email: String,
    #[serde(default)]
    #[schema(required = true, example = "I never wrote or approved this answer.")]
    pub statement: String,
    /// The reporter declares they are the person or organisation the sheet is attributed to;
    /// must be true.
    #[serde(default)]
    #[schema(required = true)]
    pub confirm: bool,
}

/// The secretariat's decision on a report.
#[derive(Deserialize, ToSchema)]
pub struct NewResolution {
    /// `upheld` (hide the sheet) or `dismissed` (keep it).
    #[serde(default)]
    #[schema(required = true, example = "upheld")]
    pub decision: String,
    /// Why; kept with the decision and, when upheld, in the sheet's moderation reason.
    #[serde(default)]
    #[schema(required = true, example = "Confirmed with the reporter by phone")]
    pub note: String,
}

/// A decision on a report.
#[derive(Serialize, ToSchema)]
pub struct ReportResolution {
    #[schema(example = "upheld")]
    pub decision: String,
    pub note: String,
}

/// A report and where it stands.
#[derive(Serialize, ToSchema)]
pub struct Report {
    pub id: Uuid,
    /// The sheet reported.
    pub submission_id: Uuid,
    pub name: String,
    pub email: String,
    pub statement: String,
    pub created_at: Timestamp,
    /// `open`, `upheld` or `dismissed`.
    #[schema(example = "open")]
    pub state: String,
    /// Null while open.
    #[schema(required = true)]
    pub resolution: Option<ReportResolution>,
}

impl From<agora_core::attribution::Report> for Report {
    fn from(report: agora_core::attribution::Report) -> Self {
        Report {
            id: report.id,
            submission_id: report.submission_id,
            name: report.name,
            email: report.email,
            statement: report.statement,
            created_at: report.created_at,
            state: report.state.code().to_owned(),
            resolution: report.resolution.map(|r| ReportResolution {
                decision: r.decision.code().to_owned(),
                note: r.note,
            }),
        }
    }
}

/// The parts of an import request (`multipart/form-data`).
#[derive(ToSchema)]
pub struct ImportParts {
    /// The CSV or XLSX file; its first row holds the column headers.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// The column map: `MAP.toml` as text, or as a file (see docs/USER-GUIDE.md, "Importing
    /// answers"). Its `sheet` picks an XLSX sheet.
    #[schema(
        example = "[author]\nstakeholder_group = \"Group\"\nlang = { value = \"en\" }\n\n[answers]\n1 = \"Q1\"\n"
    )]
    pub map: String,
}

/// What an import stored, or on a dry run would store.
#[derive(Serialize, ToSchema)]
pub struct ImportReport {
    /// Rows below the file's header; every one of them passed.
    pub rows: usize,
    /// Whether they were stored: false on a dry run.
    pub imported: bool,
    /// The import's id, which every sheet it stored keeps; null on a dry run.
    #[schema(required = true)]
    pub batch: Option<Uuid>,
    /// The first 20 sheets as they are (or would be) stored.
    pub preview: Vec<ImportedSheet>,
}

/// One row of an imported file as an answer sheet (submitted, without an account).
#[derive(Serialize, ToSchema)]
pub struct ImportedSheet {
    /// The file's row (the header is row 1).
    pub row: usize,
    /// The respondent as the file names them; kept for the secretariat, never published.
    #[schema(required = true)]
    pub respondent_name: Option<String>,
    #[schema(required = true)]
    pub respondent_email: Option<String>,
    /// When it was submitted according to the file; null when the map names no such column
    /// (the instant of the import is stored).
    #[schema(required = true)]
    pub submitted_at: Option<Timestamp>,
    pub author: Author,
    /// By question id; unanswered questions are absent.
    pub answers: BTreeMap<Uuid, AnswerValue>,
}

impl From<&agora_import::ImportedSheet> for ImportedSheet {
    fn from(sheet: &agora_import::ImportedSheet) -> Self {
        ImportedSheet {
            row: sheet.row,
            respondent_name: sheet.respondent.name.clone(),
            respondent_email: sheet.respondent.email.clone(),
            submitted_at: sheet.submitted_at,
            author: sheet.author.clone().into(),
            answers: answers_of(sheet.answers.clone()),
        }
    }
}
