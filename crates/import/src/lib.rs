//! Agora's importer: answers collected elsewhere — a survey tool's CSV or XLSX export, an email
//! compilation typed into a sheet — read into checked answer sheets for one consultation.
//!
//! Pure: bytes, a column map and the questionnaire in; sheets or every error out, each naming
//! its row and column. All-or-nothing is the caller's part: nothing is returned for storing
//! unless every row passed.
//!
//! ```text
//! bytes ─ decode (UTF-8, UTF-8/16 with BOM, or a named encoding) ─▶ table (CSV or XLSX)
//!       ─ map (MAP.toml: which column is what) ─▶ rows checked like web answers ─▶ sheets
//! ```

mod decode;
mod map;
mod sheet;
mod table;

pub use decode::Encoding;
pub use map::{AuthorColumns, ColumnMap, RespondentColumns, Source};
pub use sheet::{Checked, ImportedSheet, MAX_REPORTED, Respondent, check_sheets, read_sheets};
pub use table::{Format, Table};

use agora_core::ErrorCode;

/// Why a file cannot be imported. Every variant says where.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "line {line}: the file is not valid {encoding} (byte {byte}); save it as UTF-8, or name its encoding with --encoding"
    )]
    Encoding {
        encoding: &'static str,
        line: usize,
        byte: usize,
    },
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("line {line}: {cells} cells where the header has {expected}")]
    Ragged {
        line: u64,
        cells: usize,
        expected: usize,
    },
    #[error("the spreadsheet cannot be read: {0}")]
    Xlsx(String),
    #[error("the spreadsheet has no sheet named {0:?}")]
    NoSuchSheet(String),
    #[error("the file holds no rows below its header")]
    Empty,
    #[error("the column map is invalid: {0}")]
    Map(String),
    #[error("the column map is invalid: [answers] {0}: the questionnaire has no question {0}")]
    NoSuchQuestion(String),
    #[error("the column map is invalid: timezone {0:?} is not a time zone")]
    NoSuchZone(String),
    #[error(
        "the column map names column {column:?} for {mapped_as}, but the file has no such column (it has: {available})"
    )]
    MissingColumn {
        column: String,
        mapped_as: String,
        available: String,
    },
    #[error("{} row(s) refused; the first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Rows(Vec<RowError>),
}

/// One refused cell or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// The column's header, when one column is at fault.
    pub column: Option<String>,
    /// What the column was mapped to (`author.country`, `answers.2`…).
    pub field: String,
    pub code: ErrorCode,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column {column:?}")?;
        }
        write!(f, " ({}): {}", self.field, describe(&self.code))
    }
}

/// An English sentence for a rule, for the command line (the web localises the code).
fn describe(code: &ErrorCode) -> String {
    match code {
        ErrorCode::Required => "a value is required".into(),
        ErrorCode::TooLong { max } => format!("longer than {max} characters"),
        ErrorCode::TooManyWords { max } => format!("more than {max} words"),
        ErrorCode::InvalidChoice => "not one of the question's choices".into(),
        ErrorCode::InvalidCountry => "not an ISO 3166 country code".into(),
        ErrorCode::InvalidRegion => "not a UN M49 region code".into(),
        ErrorCode::InvalidLanguage => "not one of the consultation's languages".into(),
        ErrorCode::UnknownStakeholderGroup => {
            "not a stakeholder group of this deployment (map it under [values])".into()
        }
        ErrorCode::InvalidInstant => "not a date and time".into(),
        ErrorCode::OutsideWindow => {
            "outside the consultation's opening and closing instants".into()
        }
        other => other.name().replace('-', " "),
    }
}
