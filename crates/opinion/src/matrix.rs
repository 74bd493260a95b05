//! The participant × statement vote matrix, sparse, with missing votes left missing.

use std::collections::HashMap;

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
        let mut statement_ids: Vec<StatementId> = statements
            .iter()
            .map(|s| s.id)
            .chain(votes.iter().map(|v| v.statement))
            .collect();
        statement_ids.par_sort_unstable();
        statement_ids.dedup();
        let mut participants: Vec<ParticipantId> = votes.iter().map(|v| v.participant).collect();
        participants.par_sort_unstable();
        participants.dedup();

        let column: HashMap<StatementId, u32> = statement_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as u32))
            .collect();
        let mut excluded = vec![false; statement_ids.len()];
        for s in statements.iter().filter(|s| s.excluded) {
            excluded[column[&s.id] as usize] = true;
        }

        // (row, column, time, opinion): sorting puts each cell's latest vote last.
        let mut cells: Vec<(u32, u32, i64, Opinion)> = votes
            .par_iter()
            .map(|v| {
                let row = participants
                    .binary_search(&v.participant)
                    .unwrap_or_default();
                (row as u32, column[&v.statement], v.at, v.opinion)
            })
            .collect();
        cells.par_sort_unstable();

        let mut row_start = Vec::with_capacity(participants.len() + 1);
        let mut cols = Vec::with_capacity(cells.len());
        let mut values = Vec::with_capacity(cells.len());
        row_start.push(0);
        for (i, &(row, col, _, opinion)) in cells.iter().enumerate() {
            let last_of_cell = cells
                .get(i + 1)
                .is_none_or(|next| (next.0, next.1) != (row, col));
            if !last_of_cell {
                continue;
            }
            while row_start.len() <= row as usize {
                row_start.push(cols.len());
            }
            cols.push(col);
            values.push(opinion.value());
        }
        while row_start.len() <= participants.len() {
            row_start.push(cols.len());
        }
        VoteMatrix {
            participants,
            statements: statement_ids,
            excluded,
            row_start,
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
