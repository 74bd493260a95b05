//! Meeting records, public: every transcript (`/transcripts`), a meeting's transcripts
//! (`/meetings/{id}/transcripts`), one transcript with its turns (`/meetings/{id}/transcripts/
//! {tid}`, each turn anchored `#t{n}` so that search results can link to it), and who spoke how
//! much (`/meetings/{id}/statistics`). The import and its review are in `transcript_review.rs`.

use std::collections::HashMap;

use agora_core::meeting::{Meeting, Participant};
use agora_core::process::Process;
use agora_records::stats::{Share, Statistics, Who};
use agora_store::{StoredTranscript, StoredTurn};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde::Deserialize;
use uuid::Uuid;

use super::{Paging, in_zone, page, parse_id};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult, percent_encode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/transcripts", get(index))
        .route("/meetings/{id}/transcripts", get(list))
        .route("/meetings/{id}/transcripts/{tid}", get(show))
        .route("/meetings/{id}/statistics", get(statistics))
}

/// A meeting and its process.
#[derive(Clone)]
pub(crate) struct MeetingPage {
    pub meeting: Meeting,
    pub process: Process,
}

impl MeetingPage {
    pub fn href(&self) -> String {
        format!("/meetings/{}", self.meeting.id)
    }

    /// When it started, in the process's zone.
    pub fn when(&self) -> String {
        in_zone(self.meeting.starts_at, &self.process.display_zone)
    }
}

pub(crate) async fn load_meeting(state: &AppState, id: &str) -> Result<MeetingPage, AppError> {
    let meeting = state
        .store
        .meeting(parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let process = state
        .store
        .process(meeting.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(MeetingPage { meeting, process })
}

pub(crate) fn transcript_href(meeting: Uuid, transcript: Uuid) -> String {
    format!("/meetings/{meeting}/transcripts/{transcript}")
}

/// A transcript as listed: its title (or file name) and language.
pub(crate) struct TranscriptLink {
    pub href: String,
    pub title: String,
    pub language: Option<String>,
    pub imported: String,
}

impl TranscriptLink {
    fn new(t: &StoredTranscript, zone: &str) -> Self {
        TranscriptLink {
            href: transcript_href(t.meeting_id, t.id),
            title: t.title.clone().unwrap_or_else(|| t.filename.clone()),
            language: t
                .language
                .as_deref()
                .map(super::consultations::language_label),
            imported: in_zone(t.imported_at, zone),
        }
    }
}

/// What `meeting_transcripts.html` shows: a meeting's transcripts, the statistics link, and
/// for its secretariat the import link. The meeting page includes it.
pub(crate) struct MeetingRecords {
    pub meeting: Uuid,
    pub transcripts: Vec<TranscriptLink>,
    pub may_import: bool,
}

impl MeetingRecords {
    pub async fn load(
        state: &AppState,
        ctx: &Ctx,
        meeting: &Meeting,
        process: &Process,
    ) -> Result<Self, AppError> {
        let transcripts = state
            .store
            .transcripts_of_meeting(meeting.id)
            .await?
            .iter()
            .map(|t| TranscriptLink::new(t, &process.display_zone))
            .collect();
        Ok(MeetingRecords {
            meeting: meeting.id,
            transcripts,
            may_import: ctx.may_manage(&process.id),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Listings

/// A row of the index: the meeting and one of its transcripts.
struct IndexRow {
    meeting: String,
    when: String,
    link: TranscriptLink,
}

#[derive(Template)]
#[template(path = "transcripts.html")]
struct IndexPage {
    ctx: Ctx,
    rows: Vec<IndexRow>,
    next: Option<String>,
}

async fn index(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(paging): Query<Paging>,
) -> AppResult {
    let found = state.store.transcripts(&paging.request()?).await?;
    let mut meetings: Vec<MeetingPage> = Vec::new();
    let mut rows = Vec::new();
    for t in &found.items {
        if !meetings.iter().any(|m| m.meeting.id == t.meeting_id) {
            meetings.push(load_meeting(&state, &t.meeting_id.to_string()).await?);
        }
        if let Some(m) = meetings.iter().find(|m| m.meeting.id == t.meeting_id) {
            rows.push(IndexRow {
                meeting: m.meeting.title.clone(),
                when: m.when(),
                link: TranscriptLink::new(t, &m.process.display_zone),
            });
        }
    }
    page(IndexPage {
        ctx: ctx.0,
        rows,
        next: found.next.map(|c| c.encode()),
    })
}

#[derive(Template)]
#[template(path = "meeting_records.html")]
struct ListPage {
    ctx: Ctx,
    m: MeetingPage,
    records: MeetingRecords,
}

async fn list(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let m = load_meeting(&state, &id).await?;
    let records = MeetingRecords::load(&state, &ctx, &m.meeting, &m.process).await?;
    page(ListPage {
        ctx: ctx.0,
        m,
        records,
    })
}

// ---------------------------------------------------------------------------------------------
// One transcript

/// A piece of a turn's text: words, an inaudible passage shown as such, or an acronym the
/// glossary explains.
pub(crate) enum Segment {
    Text(String),
    Inaudible,
    Acronym { text: String, entry: GlossaryLink },
}

/// A glossary entry as a turn links to it: its expansion in the reader's language (or, when
/// the glossary has none in it, the first it has) and where the glossary shows it.
#[derive(Clone)]
pub(crate) struct GlossaryLink {
    pub title: String,
    pub href: String,
}

/// The glossary by acronym (case-folded), for the reader's language.
pub(crate) type Glossary = HashMap<String, GlossaryLink>;

pub(crate) async fn glossary(state: &AppState, ctx: &Ctx) -> Result<Glossary, AppError> {
    let lang = ctx.lang.code();
    Ok(state
        .store
        .whole_glossary()
        .await?
        .into_iter()
        .map(|entry| {
            let expansion = entry.expansion_for(lang).or(entry.expansions.first());
            let link = GlossaryLink {
                title: expansion.map(|e| e.text.clone()).unwrap_or_default(),
                href: format!("/glossary?q={}", percent_encode(&entry.acronym)),
            };
            (entry.acronym.to_lowercase(), link)
        })
        .collect())
}

/// A paragraph cut at its inaudible marks (`xxx`, any case, as a whole word) and at the
/// acronyms `glossary` knows (`agora_records::acronyms::find`).
fn segments(paragraph: &str, glossary: &Glossary) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = paragraph;
    while let Some(at) = find_mark(rest) {
        if at > 0 {
            with_acronyms(&rest[..at], glossary, &mut out);
        }
        out.push(Segment::Inaudible);
        rest = &rest[at + 3..];
    }
    if !rest.is_empty() {
        with_acronyms(rest, glossary, &mut out);
    }
    out
}

/// `text` with the acronyms the glossary knows cut out as links (a process's mandate).
pub(crate) fn with_glossary_links(text: &str, glossary: &Glossary) -> Vec<Segment> {
    let mut out = Vec::new();
    with_acronyms(text, glossary, &mut out);
    out
}

fn with_acronyms(text: &str, glossary: &Glossary, out: &mut Vec<Segment>) {
    let mut from = 0;
    for found in agora_records::acronyms::find(text) {
        let Some(entry) = glossary.get(&found.acronym.to_lowercase()) else {
            continue;
        };
        if found.start > from {
            out.push(Segment::Text(text[from..found.start].to_owned()));
        }
        out.push(Segment::Acronym {
            text: text[found.start..found.end].to_owned(),
            entry: entry.clone(),
        });
        from = found.end;
    }
    if from < text.len() {
        out.push(Segment::Text(text[from..].to_owned()));
    }
}

/// The byte offset of the first `xxx` that stands as a word of its own.
fn find_mark(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("xxx") {
        let at = from + found;
        let before = text[..at].chars().next_back();
        let after = text[at + 3..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if edge(before) && edge(after) {
            return Some(at);
        }
        from = at + 3;
    }
    None
}

struct TurnView {
    /// 1-based: the anchor is `t{n}`.
    n: u32,
    /// Text about the meeting, not speech.
    narrative: bool,
    /// The participant's name; `None` when nobody identified the speaker.
    speaker: Option<String>,
    /// The participant's stakeholder group: (code, name).
    group: Option<(String, String)>,
    /// The label as written, when it differs from the name shown.
    written: Option<String>,
    paragraphs: Vec<Vec<Segment>>,
}

/// A speaker of the transcript and whom their turns are attributed to, for re-mapping.
struct MappingRow {
    /// The parse's name; empty for the `>>` turns.
    speaker: String,
    turns: usize,
    /// `p:<id>` or `none`.
    current: String,
}

#[derive(Template)]
#[template(path = "transcript.html")]
struct TranscriptPage {
    ctx: Ctx,
    m: MeetingPage,
    t: StoredTranscript,
    title: String,
    language: Option<String>,
    imported: String,
    turns: Vec<TurnView>,
    unidentified: usize,
    /// For the secretariat: each speaker's mapping, and the choices.
    mapping: Vec<MappingRow>,
    choices: Vec<(String, String)>,
}

fn turn_view(
    ctx: &Ctx,
    turn: &StoredTurn,
    participants: &[Participant],
    glossary: &Glossary,
) -> TurnView {
    let who = turn
        .participant_id
        .and_then(|id| participants.iter().find(|p| p.id == id));
    // A spelling of its own (MARCUS for MARKUS), or a name nobody was matched to.
    let written = turn
        .label
        .clone()
        .filter(|label| who.is_none() || turn.speaker.as_ref() != Some(label));
    TurnView {
        n: turn.position + 1,
        narrative: turn.narrative,
        speaker: who.map(|p| p.name.clone()),
        group: who.map(|p| (p.stakeholder_group.clone(), ctx.group(&p.stakeholder_group))),
        written,
        paragraphs: turn
            .text
            .split("\n\n")
            .map(|p| segments(p, glossary))
            .collect(),
    }
}

fn mapping_rows(turns: &[StoredTurn]) -> Vec<MappingRow> {
    let mut rows: Vec<MappingRow> = Vec::new();
    for turn in turns.iter().filter(|t| !t.narrative) {
        let speaker = turn.speaker.clone().unwrap_or_default();
        match rows.iter_mut().find(|r| r.speaker == speaker) {
            Some(row) => row.turns += 1,
            None => rows.push(MappingRow {
                speaker,
                turns: 1,
                current: turn
                    .participant_id
                    .map_or_else(|| "none".to_owned(), |id| format!("p:{id}")),
            }),
        }
    }
    rows
}

/// The transcript `tid` of the meeting `id`, or 404.
async fn transcript_of(
    state: &AppState,
    m: &MeetingPage,
    tid: &str,
) -> Result<StoredTranscript, AppError> {
    state
        .store
        .transcript(parse_id(tid)?)
        .await?
        .filter(|t| t.meeting_id == m.meeting.id)
        .ok_or(AppError::NotFound)
}

async fn show(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, tid)): Path<(String, String)>,
) -> AppResult {
    let m = load_meeting(&state, &id).await?;
    let t = transcript_of(&state, &m, &tid).await?;
    let stored = state.store.turns(t.id).await?;
    let participants = state.store.participants(m.meeting.id).await?;
    let glossary = glossary(&state, &ctx).await?;
    let turns: Vec<TurnView> = stored
        .iter()
        .map(|turn| turn_view(&ctx, turn, &participants, &glossary))
        .collect();
    let (mapping, choices) = if ctx.may_manage(&m.process.id) {
        let mut choices: Vec<(String, String)> = participants
            .iter()
            .map(|p| (format!("p:{}", p.id), p.name.clone()))
            .collect();
        choices.push(("none".into(), ctx.t("transcript-option-none")));
        (mapping_rows(&stored), choices)
    } else {
        (Vec::new(), Vec::new())
    };
    page(TranscriptPage {
        title: t.title.clone().unwrap_or_else(|| m.meeting.title.clone()),
        language: t
            .language
            .as_deref()
            .map(super::consultations::language_label),
        imported: in_zone(t.imported_at, &m.process.display_zone),
        unidentified: turns
            .iter()
            .filter(|t| !t.narrative && t.speaker.is_none())
            .count(),
        turns,
        mapping,
        choices,
        ctx: ctx.0,
        m,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Statistics

#[derive(Deserialize, Default)]
#[serde(default)]
struct Which {
    /// The transcript to count; the meeting's first when absent.
    transcript: String,
}

/// One dimension of the statistics (people, groups…) and its charts.
struct Section {
    id: &'static str,
    heading: String,
    charts: Vec<BarChart>,
}

#[derive(Template)]
#[template(path = "meeting_statistics.html")]
struct StatisticsPage {
    ctx: Ctx,
    m: MeetingPage,
    /// The transcript counted, and the others to count instead.
    counted: Option<TranscriptLink>,
    others: Vec<(String, TranscriptLink)>,
    totals: Option<Statistics>,
    sections: Vec<Section>,
    /// The written interventions, counted whether or not there is a transcript.
    written: Option<Section>,
}

/// The charts of one table: turns, words and, when every turn is timed, minutes.
fn charts<K>(
    ctx: &Ctx,
    id: &'static str,
    label_heading: &str,
    rows: &[Share<K>],
    timed: bool,
    label: impl Fn(&Who<K>) -> String,
) -> Vec<BarChart> {
    let chart = |measure: &str, value: &dyn Fn(&Share<K>) -> u64| {
        BarChart::new(
            &format!("{id}-{measure}"),
            format!(
                "{} — {}",
                ctx.t(&format!("transcript-stats-{measure}")),
                ctx.t(label_heading)
            ),
            ctx.t(label_heading),
            ctx.t(&format!("transcript-stats-{measure}")),
            rows.iter().map(|r| (label(&r.who), value(r))).collect(),
        )
    };
    let mut out = vec![chart("turns", &|r| r.turns), chart("words", &|r| r.words)];
    if timed {
        out.push(chart("minutes", &|r| r.millis.div_ceil(60_000)));
    }
    out
}

fn sections(ctx: &Ctx, s: &Statistics, participants: &[Participant]) -> Vec<Section> {
    let unidentified = ctx.t("transcript-unidentified");
    let or_unidentified = |who: Option<String>| who.unwrap_or_else(|| unidentified.clone());
    vec![
        Section {
            id: "people",
            heading: ctx.t("transcript-stats-by-person"),
            charts: charts(
                ctx,
                "people",
                "transcript-stats-person",
                &s.people,
                s.timed,
                person_label(ctx, participants),
            ),
        },
        Section {
            id: "groups",
            heading: ctx.t("transcript-stats-by-group"),
            charts: charts(
                ctx,
                "groups",
                "transcript-stats-group",
                &s.groups,
                s.timed,
                group_label(ctx),
            ),
        },
        Section {
            id: "genders",
            heading: ctx.t("transcript-stats-by-gender"),
            charts: charts(
                ctx,
                "genders",
                "transcript-stats-gender",
                &s.genders,
                s.timed,
                |w| {
                    or_unidentified(match w {
                        Who::Known(Some(g)) => Some(g.clone()),
                        Who::Known(None) => Some(ctx.t("transcript-stats-undeclared")),
                        Who::Unidentified => None,
                    })
                },
            ),
        },
        Section {
            id: "places",
            heading: ctx.t("transcript-stats-by-place"),
            charts: charts(
                ctx,
                "places",
                "transcript-stats-place",
                &s.remote,
                s.timed,
                |w| {
                    or_unidentified(match w {
                        Who::Known(true) => Some(ctx.t("transcript-stats-remote")),
                        Who::Known(false) => Some(ctx.t("transcript-stats-in-room")),
                        Who::Unidentified => None,
                    })
                },
            ),
        },
    ]
}

/// The written interventions of a meeting, by stakeholder group and by person: they enter the
/// record beside the transcript, so they are counted beside it. `None` when there are none.
fn written_section(ctx: &Ctx, w: &Statistics, participants: &[Participant]) -> Option<Section> {
    if w.turns == 0 {
        return None;
    }
    let mut charts_of_written = charts(
        ctx,
        "written-groups",
        "transcript-stats-group",
        &w.groups,
        false,
        group_label(ctx),
    );
    charts_of_written.extend(charts(
        ctx,
        "written-people",
        "transcript-stats-person",
        &w.people,
        false,
        person_label(ctx, participants),
    ));
    Some(Section {
        id: "written",
        heading: ctx.t("transcript-stats-written"),
        charts: charts_of_written,
    })
}

/// A row's label in the tables by person: the participant's name.
fn person_label<'a>(
    ctx: &'a Ctx,
    participants: &'a [Participant],
) -> impl Fn(&Who<usize>) -> String + 'a {
    move |w| match w {
        Who::Known(i) => participants
            .get(*i)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| ctx.t("transcript-unidentified")),
        Who::Unidentified => ctx.t("transcript-unidentified"),
    }
}

/// A row's label in the tables by stakeholder group: the group's name.
fn group_label(ctx: &Ctx) -> impl Fn(&Who<String>) -> String + '_ {
    move |w| match w {
        Who::Known(g) => ctx.group(g),
        Who::Unidentified => ctx.t("transcript-unidentified"),
    }
}

/// The transcript a meeting's statistics count: `which` when given (and the meeting's), else
/// the first imported; with the others.
pub(crate) fn counted<'a>(
    transcripts: &'a [StoredTranscript],
    which: &str,
) -> Result<Option<&'a StoredTranscript>, AppError> {
    if which.is_empty() {
        return Ok(transcripts.first());
    }
    let id = parse_id(which)?;
    transcripts
        .iter()
        .find(|t| t.id == id)
        .map(Some)
        .ok_or(AppError::NotFound)
}

async fn statistics(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(which): Query<Which>,
) -> AppResult {
    let m = load_meeting(&state, &id).await?;
    let transcripts = state.store.transcripts_of_meeting(m.meeting.id).await?;
    let chosen = counted(&transcripts, &which.transcript)?;
    let zone = m.process.display_zone.clone();
    let others = transcripts
        .iter()
        .filter(|t| Some(t.id) != chosen.map(|c| c.id))
        .map(|t| {
            (
                format!("{}/statistics?transcript={}", m.href(), t.id),
                TranscriptLink::new(t, &zone),
            )
        })
        .collect();
    let participants = state.store.participants(m.meeting.id).await?;
    let (totals, sections) = match chosen {
        Some(t) => {
            let turns = state.store.turns(t.id).await?;
            let s = crate::transcripts::stats::of_turns(&turns, &participants);
            let sections = sections(&ctx, &s, &participants);
            (Some(s), sections)
        }
        None => (None, Vec::new()),
    };
    let interventions = state.store.queue(m.meeting.id).await?.interventions;
    let written = crate::transcripts::stats::of_interventions(&interventions, &participants);
    page(StatisticsPage {
        counted: chosen.map(|t| TranscriptLink::new(t, &zone)),
        others,
        totals,
        sections,
        written: written_section(&ctx, &written, &participants),
        ctx: ctx.0,
        m,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        let mut glossary = Glossary::new();
        glossary.insert(
            "wsis".into(),
            GlossaryLink {
                title: "World Summit on the Information Society".into(),
                href: "/glossary?q=WSIS".into(),
            },
        );
        segments(text, &glossary)
            .into_iter()
            .map(|s| match s {
                Segment::Text(t) => t,
                Segment::Inaudible => "[?]".to_owned(),
                Segment::Acronym { text, entry } => format!("<{text}|{}>", entry.href),
            })
            .collect()
    }

    #[test]
    fn known_acronyms_are_cut_out_and_unknown_ones_left_alone() {
        assert_eq!(
            shown("Le SMSI, le WSIS et xxx le CSTD."),
            [
                "Le SMSI, le ",
                "<WSIS|/glossary?q=WSIS>",
                " et ",
                "[?]",
                " le CSTD."
            ]
        );
    }

    #[test]
    fn inaudible_marks_are_cut_out_as_whole_words_only() {
        assert_eq!(shown("le xxx et XXX."), ["le ", "[?]", " et ", "[?]", "."]);
        assert_eq!(shown("xxx"), ["[?]"]);
        assert_eq!(shown("xxxl taille"), ["xxxl taille"]);
        assert_eq!(shown("écoute xxxé"), ["écoute xxxé"]);
    }
}
