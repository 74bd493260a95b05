//! A conversation's opinion map: its votes analysed by `agora-opinion` (Pol.is's pipeline),
//! then read with the multistakeholder lens — how each stakeholder group and region spreads
//! over the opinion groups — and kept as JSON in the store. [`spawn_mapper`] recomputes, in the
//! background, the maps that votes or moderation have made stale; pages read the stored map.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use agora_core::conversation::{Moderation, Opinion, Participant, Statement};
use agora_opinion::analysis::{Options, analyse};
use agora_opinion::matrix::{self, VoteMatrix};
use agora_opinion::stats::Side;
use agora_store::{CastVote, ImportedConversation, Store, StoreError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How often the mapper looks for stale maps: a vote shows on the map within about this long
/// plus the analysis's own time.
pub const MAPPER_PERIOD: Duration = Duration::from_secs(1);

/// A participant on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Point {
    /// The participant's number.
    pub participant: u64,
    pub x: f64,
    pub y: f64,
    /// The opinion group's id; `None` for participants with too few votes to be grouped.
    pub group: Option<usize>,
}

/// A statement that sets a group apart: the side its members take, and how many of them do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Distinctive {
    /// The statement's number.
    pub statement: u64,
    pub agree: bool,
    /// Members who voted on it, and those of them on that side.
    pub voted: u32,
    pub on_side: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MapGroup {
    pub id: usize,
    pub members: Vec<u64>,
    pub representative: Vec<Distinctive>,
}

/// How the participants of one stakeholder group (or region) spread over the opinion groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Spread {
    /// The stakeholder group's code or the region's; `None`: not declared.
    pub key: Option<String>,
    /// Participants in each opinion group, in group order.
    pub in_group: Vec<u64>,
    /// Participants with too few votes to be grouped.
    pub ungrouped: u64,
}

/// Everything a conversation's map page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OpinionMap {
    /// Participants who voted, statements in the analysis, votes counted.
    pub participants: usize,
    pub statements: usize,
    pub votes: usize,
    pub points: Vec<Point>,
    pub groups: Vec<MapGroup>,
    /// Statement numbers every group tends to agree on (group-informed consensus), best first.
    pub consensus: Vec<u64>,
    pub by_stakeholder_group: Vec<Spread>,
    pub by_region: Vec<Spread>,
}

/// Analyses a conversation's votes. Statements that are not accepted are left out of the
/// analysis (Pol.is's moderated-out statements), participants are who voted.
pub fn map_of(
    statements: &[Statement],
    participants: &[Participant],
    votes: &[CastVote],
) -> OpinionMap {
    let listed: Vec<matrix::Statement> = statements
        .iter()
        .map(|s| matrix::Statement {
            id: s.number,
            excluded: s.moderation != Moderation::Accepted,
        })
        .collect();
    let cast: Vec<matrix::Vote> = votes
        .iter()
        .map(|v| matrix::Vote {
            participant: v.participant,
            statement: v.statement,
            opinion: match v.opinion {
                Opinion::Agree => matrix::Opinion::Agree,
                Opinion::Disagree => matrix::Opinion::Disagree,
                Opinion::Pass => matrix::Opinion::Pass,
            },
            at: v.at.as_millisecond(),
        })
        .collect();
    let matrix = VoteMatrix::new(&cast, &listed);
    let analysis = analyse(&matrix, &Options::default());
    let group_of: BTreeMap<u64, usize> = analysis
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |&m| (m, g.id)))
        .collect();
    let points = analysis
        .positions
        .iter()
        .map(|p| Point {
            participant: p.participant,
            x: p.x,
            y: p.y,
            group: group_of.get(&p.participant).copied(),
        })
        .collect();
    let groups = analysis
        .groups
        .iter()
        .map(|g| MapGroup {
            id: g.id,
            members: g.members.clone(),
            representative: g
                .representative
                .iter()
                .map(|r| Distinctive {
                    statement: r.statement,
                    agree: r.side == Side::Agree,
                    voted: r.n_trials,
                    on_side: r.n_success,
                })
                .collect(),
        })
        .collect();
    let voters: Vec<&Participant> = participants
        .iter()
        .filter(|p| matrix.participants().binary_search(&p.number).is_ok())
        .collect();
    let spread = |key: &dyn Fn(&Participant) -> Option<String>| {
        spread(&voters, key, &group_of, analysis.groups.len())
    };
    OpinionMap {
        participants: analysis.participants,
        statements: analysis.statements,
        votes: matrix.vote_count(),
        points,
        groups,
        consensus: analysis.consensus.clone(),
        by_stakeholder_group: spread(&|p| p.stakeholder_group.clone()),
        by_region: spread(&|p| p.region.clone()),
    }
}

/// Counts `voters` by `key` and opinion group; rows in key order, the undeclared last.
fn spread(
    voters: &[&Participant],
    key: &dyn Fn(&Participant) -> Option<String>,
    group_of: &BTreeMap<u64, usize>,
    groups: usize,
) -> Vec<Spread> {
    let mut rows: BTreeMap<(bool, Option<String>), Spread> = BTreeMap::new();
    for p in voters {
        let k = key(p);
        let row = rows
            .entry((k.is_none(), k.clone()))
            .or_insert_with(|| Spread {
                key: k,
                in_group: vec![0; groups],
                ungrouped: 0,
            });
        match group_of.get(&p.number) {
            Some(&g) => row.in_group[g] += 1,
            None => row.ungrouped += 1,
        }
    }
    rows.into_values().collect()
}

/// Why a Pol.is export could not be imported, naming the file and, where the reader can, the
/// line and column.
#[derive(Debug, thiserror::Error)]
pub enum PolisError {
    #[error("{file}: {error}")]
    Unreadable {
        file: &'static str,
        error: agora_opinion::polis::ImportError,
    },
    #[error(
        "votes.csv: {count} votes on comments that comments.csv does not list (the first on comment {first})"
    )]
    UnknownComments { count: usize, first: u64 },
    #[error("votes.csv: no vote")]
    NoVotes,
}

/// A Pol.is open-data export (`comments.csv` and `votes.csv`, or a `participants-votes.csv`
/// matrix as the votes) as a conversation to store whole: every comment with its text and
/// whether Pol.is moderated it in (meta comments count as out), every voter, every vote.
pub fn from_polis(comments: &[u8], votes: &[u8]) -> Result<ImportedConversation, PolisError> {
    use agora_opinion::polis;
    let unreadable = |file| move |error| PolisError::Unreadable { file, error };
    let listed = polis::read_comments(comments).map_err(unreadable("comments.csv"))?;
    let texts: BTreeMap<u64, String> = polis::read_comment_texts(comments)
        .map_err(unreadable("comments.csv"))?
        .into_iter()
        .collect();
    let cast = polis::read_votes(votes).map_err(unreadable("votes.csv"))?;
    if cast.is_empty() {
        return Err(PolisError::NoVotes);
    }
    let known: std::collections::BTreeSet<u64> = listed.iter().map(|s| s.id).collect();
    let unknown: Vec<u64> = cast
        .iter()
        .map(|v| v.statement)
        .filter(|s| !known.contains(s))
        .collect();
    if let Some(&first) = unknown.first() {
        return Err(PolisError::UnknownComments {
            count: unknown.len(),
            first,
        });
    }
    let participants: std::collections::BTreeSet<u64> =
        cast.iter().map(|v| v.participant).collect();
    Ok(ImportedConversation {
        statements: listed
            .iter()
            .map(|s| {
                (
                    s.id,
                    texts.get(&s.id).cloned().unwrap_or_default(),
                    !s.excluded,
                )
            })
            .collect(),
        participants: participants.into_iter().collect(),
        votes: cast
            .iter()
            .map(|v| CastVote {
                participant: v.participant,
                statement: v.statement,
                opinion: match v.opinion {
                    matrix::Opinion::Agree => Opinion::Agree,
                    matrix::Opinion::Disagree => Opinion::Disagree,
                    matrix::Opinion::Pass => Opinion::Pass,
                },
                at: jiff::Timestamp::from_millisecond(v.at).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            })
            .collect(),
    })
}

/// What the mapper keeps of a conversation between two refreshes, so that a refresh reads only
/// what changed since: every latest vote, every participant, and the version they are current
/// to. Statements are read whole each time (few, and moderation changes them).
#[derive(Default)]
struct Known {
    version: i64,
    votes: HashMap<(u64, u64), CastVote>,
    participants: Vec<Participant>,
}

/// The background computer of opinion maps. It keeps what it read of each conversation, so a
/// refresh after a vote reads that vote, not the conversation's millions: the analysis, not
/// the database, then sets the pace.
#[derive(Default)]
pub struct Mapper {
    known: HashMap<Uuid, Known>,
}

impl Mapper {
    /// Recomputes and stores the map of one conversation, as of `version`.
    pub async fn refresh(
        &mut self,
        store: &Store,
        conversation: Uuid,
        version: i64,
    ) -> Result<(), StoreError> {
        let known = self.known.entry(conversation).or_default();
        for vote in store.votes_since(conversation, known.version).await? {
            known.votes.insert((vote.participant, vote.statement), vote);
        }
        let last = known.participants.last().map_or(0, |p| p.number);
        known
            .participants
            .extend(store.participants_after(conversation, last).await?);
        // Votes newer than `version` may have been read too; they are read again next time.
        known.version = version;
        let statements = store.statements(conversation).await?;
        let votes: Vec<CastVote> = known.votes.values().copied().collect();
        let participants = known.participants.clone();
        let map = tokio::task::spawn_blocking(move || map_of(&statements, &participants, &votes))
            .await
            .map_err(|e| StoreError::Corrupt(format!("the analysis failed: {e}")))?;
        let json = serde_json::to_string(&map)
            .map_err(|e| StoreError::Corrupt(format!("the map is not JSON: {e}")))?;
        store.save_map(conversation, version, &json).await
    }

    /// Recomputes every stale map once; returns how many.
    pub async fn refresh_stale(&mut self, store: &Store) -> Result<usize, StoreError> {
        let stale = store.stale_maps().await?;
        for &(conversation, version) in &stale {
            self.refresh(store, conversation, version).await?;
        }
        Ok(stale.len())
    }
}

/// Recomputes every stale map once, reading each conversation whole; returns how many.
pub async fn refresh_stale(store: &Store) -> Result<usize, StoreError> {
    Mapper::default().refresh_stale(store).await
}

/// Keeps every conversation's map current while the server runs.
pub fn spawn_mapper(store: Store) {
    tokio::spawn(async move {
        let mut mapper = Mapper::default();
        let mut ticks = tokio::time::interval(MAPPER_PERIOD);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = mapper.refresh_stale(&store).await {
                tracing::warn!(%error, "could not recompute opinion maps");
            }
        }
    });
}

/// The stored map of a conversation, and whether votes have come in since it was computed.
pub async fn stored(
    store: &Store,
    conversation: Uuid,
) -> Result<Option<(OpinionMap, bool)>, StoreError> {
    let Some(kept) = store.conversation_map(conversation).await? else {
        return Ok(None);
    };
    let map: OpinionMap = serde_json::from_str(&kept.map)
        .map_err(|e| StoreError::Corrupt(format!("conversation map: {e}")))?;
    let current = store.conversation_version(conversation).await?;
    Ok(Some((map, kept.version < current)))
}
