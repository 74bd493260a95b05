//! The API's JSON shapes and their OpenAPI schemas. utoipa stays out of `agora-core`, so these
//! mirror the core types; every conversion destructures without `..`, so a field added to a core
//! type breaks the build here until the API (and its document) says what to do with it.
//!
//! Inputs convert into the core drafts, whose `validate` is the only judge of what is valid;
//! their schemas only describe. Optional inputs accept `null` as well as absence.

use agora_core::calendar::EventDraft;
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
