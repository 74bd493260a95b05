//! The participant × statement vote matrix, sparse, with missing votes left missing.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// A participant's id. Pol.is numbers participants (`pid`); a caller holding other ids (UUIDs)
/// maps them to dense integers first.
pub type ParticipantId = u64;
/// A statement's id (Pol.is `tid`, a comment id).
pub type StatementId = u64;

/// One participant's opinion on one statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Opinion {
    Disagree,
    Pass,
    Agree,
}

impl Opinion {
    /// The open-data coding: agree = 1, disagree = −1, pass = 0 (the sign Pol.is's exports use;
    /// its math code internally uses the opposite sign, which only mirrors the map).
    pub fn value(self) -> i8 {
        match self {
            Opinion::Agree => 1,
            Opinion::Disagree => -1,
            Opinion::Pass => 0,
        }
    }

    /// Reads the open-data coding; anything but −1, 0 and 1 is not an opinion.
    pub fn from_value(v: i64) -> Option<Opinion> {
        match v {
            1 => Some(Opinion::Agree),
            -1 => Some(Opinion::Disagree),
            0 => Some(Opinion::Pass),
            _ => None,
        }
    }
}

/// One vote as cast. `at` orders a participant's successive votes on a statement: the latest
/// counts, as in Pol.is. Equal times are resolved by the opinion's order, so that the matrix does
/// not depend on the order of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub participant: ParticipantId,
    pub statement: StatementId,
    pub opinion: Opinion,
    pub at: i64,
}

/// A statement and whether the analysis must leave it out: Pol.is's `mod-out`, i.e. moderated
/// out, or a meta statement (a statement about the conversation itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub id: StatementId,
    pub excluded: bool,
}

/// The latest vote of each participant on each statement, stored by participant (CSR).
///
/// Rows are participants and columns statements, both in ascending id order, whatever the
/// order of the votes given: the analysis is then independent of input order.
#[derive(Clone, Debug, PartialEq)]
pub struct VoteMatrix {
    participants: Vec<ParticipantId>,
    statements: Vec<StatementId>,
    excluded: Vec<bool>,
    row_start: Vec<usize>,
    cols: Vec<u32>,
    values: Vec<i8>,
}

impl VoteMatrix {
    /// Builds the matrix from votes and the statement list. Statements voted on but not listed
    /// are taken as included; listed statements nobody voted on are kept as empty columns
    /// (Pol.is counts them in `n-cmts`, which scales the map).
    pub fn new(votes: &[Vote], statements: &[Statement]) -> VoteMatrix {
        let statement_ids = sorted_unique(
            statements
                .iter()
                .map(|s| s.id)
                .chain(votes.iter().map(|v| v.statement))
                .collect(),
        );
        let participants = sorted_unique(votes.iter().map(|v| v.participant).collect());
        let column = IdIndex::new(&statement_ids);
        let row_of = IdIndex::new(&participants);
        let mut excluded = vec![false; statement_ids.len()];
        for s in statements.iter().filter(|s| s.excluded) {
            excluded[column.get(s.id)] = true;
        }

        // Bucket the votes by row (a counting sort), then order each row by (column, time,
        // opinion), which puts each cell's latest vote last.
        let rows: Vec<u32> = votes
            .par_iter()
            .map(|v| row_of.get(v.participant) as u32)
            .collect();
        let mut row_start = vec![0usize; participants.len() + 1];
        for &r in &rows {
            row_start[r as usize + 1] += 1;
        }
        for i in 0..participants.len() {
            row_start[i + 1] += row_start[i];
        }
        let mut next = row_start.clone();
        let mut cells = vec![(0u32, 0i64, Opinion::Pass); votes.len()];
        for (v, &r) in votes.iter().zip(&rows) {
            cells[next[r as usize]] = (column.get(v.statement) as u32, v.at, v.opinion);
            next[r as usize] += 1;
        }
        let mut pieces: Vec<&mut [(u32, i64, Opinion)]> = Vec::with_capacity(participants.len());
        let mut rest = cells.as_mut_slice();
        for i in 0..participants.len() {
            let (row, tail) = rest.split_at_mut(row_start[i + 1] - row_start[i]);
            pieces.push(row);
            rest = tail;
        }
        pieces.par_iter_mut().for_each(|row| row.sort_unstable());

        // Keep the last vote of each cell.
        let mut compact_start = Vec::with_capacity(participants.len() + 1);
        let mut cols = Vec::with_capacity(cells.len());
        let mut values = Vec::with_capacity(cells.len());
        compact_start.push(0);
        for i in 0..participants.len() {
            let row = &cells[row_start[i]..row_start[i + 1]];
            for (k, &(col, _, opinion)) in row.iter().enumerate() {
                if row.get(k + 1).is_none_or(|n| n.0 != col) {
                    cols.push(col);
                    values.push(opinion.value());
                }
            }
            compact_start.push(cols.len());
        }
        VoteMatrix {
            participants,
            statements: statement_ids,
            excluded,
            row_start: compact_start,
            cols,
            values,
        }
    }

    /// Participant ids, ascending: row `i` is `participants()[i]`.
    pub fn participants(&self) -> &[ParticipantId] {
        &self.participants
    }

    /// Statement ids, ascending: column `j` is `statements()[j]`.
    pub fn statements(&self) -> &[StatementId] {
        &self.statements
    }

    /// Whether column `j` is left out of the analysis (moderated out or meta).
    pub fn is_excluded(&self, column: usize) -> bool {
        self.excluded[column]
    }

    /// The number of latest votes in the matrix.
    pub fn vote_count(&self) -> usize {
        self.cols.len()
    }

    /// Row `i`'s votes: (column, value) pairs in column order.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (usize, i8)> + '_ {
        let range = self.row_start[i]..self.row_start[i + 1];
        self.cols[range.clone()]
            .iter()
            .zip(&self.values[range])
            .map(|(&c, &v)| (c as usize, v))
    }

    /// How many statements row `i` voted on, passes included.
    pub fn row_len(&self, i: usize) -> usize {
        self.row_start[i + 1] - self.row_start[i]
    }
}

fn sorted_unique(mut ids: Vec<u64>) -> Vec<u64> {
    ids.par_sort_unstable();
    ids.dedup();
    ids
}

/// Position of an id in a sorted id list: a direct table when the ids are small integers (as
/// Pol.is's are), a binary search otherwise.
enum IdIndex<'a> {
    Dense(Vec<u32>),
    Sorted(&'a [u64]),
}

impl<'a> IdIndex<'a> {
    fn new(sorted: &'a [u64]) -> IdIndex<'a> {
        match sorted.last() {
            Some(&max) if max < 4 * sorted.len() as u64 + 1024 => {
                let mut table = vec![u32::MAX; max as usize + 1];
                for (i, &id) in sorted.iter().enumerate() {
                    table[id as usize] = i as u32;
                }
                IdIndex::Dense(table)
            }
            _ => IdIndex::Sorted(sorted),
        }
    }

    /// The position of an id that is in the list.
    fn get(&self, id: u64) -> usize {
        match self {
            IdIndex::Dense(table) => table[id as usize] as usize,
            IdIndex::Sorted(ids) => ids.binary_search(&id).unwrap_or_default(),
        }
    }
}
