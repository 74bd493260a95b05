//! Reading Pol.is open-data exports (`comments.csv`, `votes.csv`, `participants-votes.csv`).
//!
//! All-or-nothing: a reader returns every row or the first error, which names the line and
//! the column (number and header) so the file can be fixed. The caller adds the file name.

use std::collections::HashMap;
use std::io::Read;

use crate::matrix::{Opinion, ParticipantId, Statement, StatementId, Vote};

/// What was wrong, and where: 1-based line and column of the CSV text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("line {line}, column {column} ({header}): {message}")]
    Field {
        line: u64,
        column: usize,
        header: String,
        message: String,
    },
    #[error("line {line}: {message}")]
    Row { line: u64, message: String },
    #[error("missing column {0:?} in the header line")]
    MissingColumn(&'static str),
}

/// A header row and the records below it, with positions.
struct Table {
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

fn read_table(input: impl Read) -> Result<Table, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| row_error(&e, 1))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| row_error(&e, 0))?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push((line, record));
    }
    Ok(Table { headers, rows })
}

fn row_error(e: &csv::Error, fallback_line: u64) -> ImportError {
    ImportError::Row {
        line: e.position().map_or(fallback_line, |p| p.line()),
        message: e.to_string(),
    }
}

impl Table {
    fn column(&self, name: &'static str) -> Result<usize, ImportError> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or(ImportError::MissingColumn(name))
    }

    fn field_error(&self, line: u64, column: usize, message: String) -> ImportError {
        ImportError::Field {
            line,
            column: column + 1,
            header: self.headers.get(column).cloned().unwrap_or_default(),
            message,
        }
    }

    /// The integer in `column` of a row; `None` for an empty cell.
    fn integer(
        &self,
        (line, record): &(u64, csv::StringRecord),
        column: usize,
    ) -> Result<Option<i64>, ImportError> {
        let text = record.get(column).unwrap_or("").trim();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse()
            .map(Some)
            .map_err(|_| self.field_error(*line, column, format!("{text:?} is not an integer")))
    }

    /// A yes/no cell: `1`/`true` or `0`/`false`/empty (exports use both spellings).
    fn flag(
        &self,
        (line, record): &(u64, csv::StringRecord),
        column: usize,
    ) -> Result<bool, ImportError> {
        match record.get(column).unwrap_or("").trim() {
            "1" | "true" | "TRUE" | "True" => Ok(true),
            "" | "0" | "false" | "FALSE" | "False" => Ok(false),
            other => Err(self.field_error(
                *line,
                column,
                format!("{other:?} is not 1, 0, true or false"),
            )),
        }
    }

    fn required(&self, row: &(u64, csv::StringRecord), column: usize) -> Result<i64, ImportError> {
        self.integer(row, column)?
            .ok_or_else(|| self.field_error(row.0, column, "empty".to_owned()))
    }

    fn id(&self, row: &(u64, csv::StringRecord), column: usize) -> Result<u64, ImportError> {
        let v = self.required(row, column)?;
        u64::try_from(v).map_err(|_| self.field_error(row.0, column, format!("{v} is negative")))
    }

    fn opinion(
        &self,
        row: &(u64, csv::StringRecord),
        value: i64,
        column: usize,
    ) -> Result<Opinion, ImportError> {
        Opinion::from_value(value).ok_or_else(|| {
            self.field_error(row.0, column, format!("{value} is not a vote (1, 0 or -1)"))
        })
    }
}

/// `comments.csv`: the statements, excluded when moderated out (`moderated` = −1) or meta
/// (`is-meta` = 1, a column only newer exports have).
pub fn read_comments(input: impl Read) -> Result<Vec<Statement>, ImportError> {
    let table = read_table(input)?;
    let id = table.column("comment-id")?;
    let moderated = table.column("moderated")?;
    let meta = table.column("is-meta").ok();
    table
        .rows
        .iter()
        .map(|row| {
            let is_meta = match meta {
                Some(m) => table.flag(row, m)?,
                None => false,
            };
            Ok(Statement {
                id: table.id(row, id)?,
                excluded: table.integer(row, moderated)? == Some(-1) || is_meta,
            })
        })
        .collect()
}

/// The text of each statement of a `comments.csv` (`comment-body`), by id: what a conversation
/// imported whole shows beside the analysis, which needs only [`read_comments`].
pub fn read_comment_texts(input: impl Read) -> Result<Vec<(StatementId, String)>, ImportError> {
    let table = read_table(input)?;
    let (id, body) = (table.column("comment-id")?, table.column("comment-body")?);
    table
        .rows
        .iter()
        .map(|row| {
            Ok((
                table.id(row, id)?,
                row.1.get(body).unwrap_or("").trim().to_owned(),
            ))
        })
        .collect()
}

/// `votes.csv` (the vote history: `timestamp, comment-id, voter-id, vote`), or a
/// `participants-votes.csv` matrix (one row per participant, one column per comment id), told
/// apart by their headers.
pub fn read_votes(input: impl Read) -> Result<Vec<Vote>, ImportError> {
    let table = read_table(input)?;
    if table.column("participant").is_ok() {
        return matrix_votes(&table);
    }
    let (time, statement, voter, vote) = (
        table.column("timestamp")?,
        table.column("comment-id")?,
        table.column("voter-id")?,
        table.column("vote")?,
    );
    table
        .rows
        .iter()
        .map(|row| {
            Ok(Vote {
                participant: table.id(row, voter)?,
                statement: table.id(row, statement)?,
                opinion: table.opinion(row, table.required(row, vote)?, vote)?,
                at: table.required(row, time)?,
            })
        })
        .collect()
}

/// The comment-id columns of a `participants-votes.csv`: every header that is an integer.
fn statement_columns(table: &Table) -> Vec<(usize, StatementId)> {
    table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(c, h)| h.parse().ok().map(|id| (c, id)))
        .collect()
}

fn matrix_votes(table: &Table) -> Result<Vec<Vote>, ImportError> {
    let participant = table.column("participant")?;
    let columns = statement_columns(table);
    let mut votes = Vec::new();
    for row in &table.rows {
        let pid = table.id(row, participant)?;
        for &(c, statement) in &columns {
            if let Some(value) = table.integer(row, c)? {
                votes.push(Vote {
                    participant: pid,
                    statement,
                    opinion: table.opinion(row, value, c)?,
                    at: 0,
                });
            }
        }
    }
    Ok(votes)
}

/// The group Pol.is put each participant in (`group-id` of `participants-votes.csv`;
/// participants it did not cluster are absent).
pub fn read_polis_groups(input: impl Read) -> Result<HashMap<ParticipantId, u64>, ImportError> {
    let table = read_table(input)?;
    let (participant, group) = (table.column("participant")?, table.column("group-id")?);
    let mut groups = HashMap::new();
    for row in &table.rows {
        if let Some(g) = table.integer(row, group)? {
            let g = u64::try_from(g)
                .map_err(|_| table.field_error(row.0, group, format!("{g} is negative")))?;
            groups.insert(table.id(row, participant)?, g);
        }
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_keep_their_fields() {
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n5,x,3,7,-1\n";
        let votes = read_votes(csv.as_bytes()).unwrap();
        assert_eq!(
            votes,
            vec![Vote {
                participant: 7,
                statement: 3,
                opinion: Opinion::Disagree,
                at: 5
            }]
        );
    }

    #[test]
    fn a_bad_vote_names_its_line_and_column() {
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n5,x,3,7,1\n6,y,3,8,2\n";
        let err = read_votes(csv.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 3, column 5 (vote): 2 is not a vote (1, 0 or -1)"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = read_comments("comment-id,agrees\n1,2\n".as_bytes()).unwrap_err();
        assert_eq!(err, ImportError::MissingColumn("moderated"));
    }

    #[test]
    fn moderated_out_and_meta_comments_are_excluded() {
        let csv = "comment-id,moderated,is-meta\n1,1,0\n2,-1,false\n3,0,true\n4,0,\n";
        let excluded: Vec<_> = read_comments(csv.as_bytes())
            .unwrap()
            .iter()
            .map(|s| (s.id, s.excluded))
            .collect();
        assert_eq!(excluded, vec![(1, false), (2, true), (3, true), (4, false)]);
    }

    #[test]
    fn comment_texts_are_read_by_id_quoted_commas_and_all() {
        let csv = "timestamp,comment-id,moderated,comment-body\n1,0,1,\"Yes, and more \"\"trust\"\"\"\n2,1,-1, spam \n";
        let texts = read_comment_texts(csv.as_bytes()).unwrap();
        assert_eq!(
            texts,
            vec![
                (0, "Yes, and more \"trust\"".to_owned()),
                (1, "spam".to_owned())
            ]
        );
        let err = read_comment_texts("comment-id\n1\n".as_bytes()).unwrap_err();
        assert_eq!(err, ImportError::MissingColumn("comment-body"));
    }

    #[test]
    fn a_participants_votes_matrix_reads_as_votes_and_groups() {
        let csv = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n\
                   4,1,0,2,1,1,1,-1\n5,,0,1,0,0,,0\n";
        let votes = read_votes(csv.as_bytes()).unwrap();
        assert_eq!(votes.len(), 3);
        assert_eq!(votes[2].participant, 5);
        assert_eq!(votes[2].opinion, Opinion::Pass);
        let groups = read_polis_groups(csv.as_bytes()).unwrap();
        assert_eq!(groups, HashMap::from([(4, 1)]));
    }
}
