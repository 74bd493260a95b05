//! A file as a table: the header row and the data rows, every cell as text.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::ImportError;
use crate::decode::{Encoding, decode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// From the file's first bytes: an XLSX file is a ZIP archive.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Data rows; row `i` is spreadsheet row `i + 2` (the header is row 1).
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn read(
        bytes: &[u8],
        encoding: Encoding,
        sheet: Option<&str>,
    ) -> Result<Table, ImportError> {
        let table = match Format::sniff(bytes) {
            Format::Csv => read_csv(&decode(bytes, encoding)?)?,
            Format::Xlsx => read_xlsx(bytes, sheet)?,
        };
        if table.rows.is_empty() {
            return Err(ImportError::Empty);
        }
        Ok(table)
    }

    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.trim() == header.trim())
    }
}

/// Comma, semicolon (Excel in much of Europe) or tab: whichever the header record uses most
/// outside quotes, so that a quoted header holding semicolons or line breaks (a question's
/// text, say) does not mislead the count.
fn delimiter(text: &str) -> u8 {
    let mut unquoted = Vec::new();
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => unquoted.push(b),
            _ => {}
        }
    }
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| unquoted.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}

fn read_csv(text: &str) -> Result<Table, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(false)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => ImportError::Ragged {
                line,
                cells: usize::try_from(*len).unwrap_or(usize::MAX),
                expected: usize::try_from(*expected_len).unwrap_or(usize::MAX),
            },
            _ => ImportError::Csv {
                line,
                message: e.to_string(),
            },
        }
    };
    let headers = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(
            record
                .map_err(csv_error)?
                .iter()
                .map(str::to_owned)
                .collect(),
        );
    }
    Ok(Table { headers, rows })
}

fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Xlsx(e.to_string()))?;
    let name = match sheet {
        Some(name) => name.to_owned(),
        None => workbook
            .sheet_names()
            .first()
            .cloned()
            .ok_or(ImportError::Empty)?,
    };
    if !workbook.sheet_names().contains(&name) {
        return Err(ImportError::NoSuchSheet(name));
    }
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| ImportError::Xlsx(e.to_string()))?;
    let mut rows = range
        .rows()
        .map(|row| row.iter().map(cell_text).collect::<Vec<_>>());
    let headers = rows
        .next()
        .ok_or(ImportError::Empty)?
        .into_iter()
        .map(|h| h.trim().to_owned())
        .collect();
    Ok(Table {
        headers,
        rows: rows.collect(),
    })
}

/// A cell as the person sees it: integers without ".0", dates as ISO date-times.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_datetime(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
fn excel_datetime(serial: f64) -> String {
    let epoch = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
    let millis = (serial * 86_400_000.0).round() as i64;
    epoch
        .checked_add(jiff::SignedDuration::from_millis(millis))
        .map_or_else(
            |_| serial.to_string(),
            |dt| dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_and_quotes() {
        let table = read_csv("Name;Answer\nJoy;\"Yes; and more\"\n").unwrap();
        assert_eq!(table.headers, ["Name", "Answer"]);
        assert_eq!(table.rows, [["Joy", "Yes; and more"]]);
    }

    #[test]
    fn the_delimiter_is_counted_outside_quotes() {
        let text = "\"Q1. a; b; c; d\",\"Q2. e;\nf; g\"\n\"x\",\"y\"\n";
        assert_eq!(delimiter(text), b',');
        let table = read_csv(text).unwrap();
        assert_eq!(table.headers, ["Q1. a; b; c; d", "Q2. e;\nf; g"]);
        assert_eq!(delimiter("a;b;c\n1,2;3\n"), b';');
    }

    #[test]
    fn a_short_row_names_its_line() {
        match read_csv("a,b\n1,2\n3\n") {
            Err(error @ ImportError::Ragged { .. }) => {
                assert_eq!(error.to_string(), "line 3: 1 cells where the header has 2");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_datetime(41_470.5), "2013-07-15T12:00:00");
    }
}
