//! The XLSX export. Every cell is written as a string, so nothing in an answer is ever taken
//! for a formula or a number by a spreadsheet program.
//!
//! A workbook is a ZIP archive and can only be written once it is complete, so unlike CSV and
//! JSON it cannot be streamed. The worksheet is in rust_xlsxwriter's constant-memory mode: each
//! row goes to a temporary file as soon as the next one starts, and only the compressed file
//! is held in memory at the end. The writing runs on a blocking thread (it is CPU work), fed
//! one page of sheets at a time through a small channel.

use agora_store::WorkspaceRow;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use tokio::sync::mpsc::Receiver;

use super::ExportError;
use super::columns::Columns;

/// The worksheet's name; the column map names it for the import.
pub(super) const SHEET: &str = "Answers";

/// Writes the header and every page received, then the whole file.
pub(super) fn write(
    columns: &Columns,
    mut pages: Receiver<Vec<WorkspaceRow>>,
) -> Result<Vec<u8>, ExportError> {
    let failed = |e: XlsxError| ExportError::Xlsx(e.to_string());
    let headers = columns.headers();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory();
    sheet.set_name(SHEET).map_err(failed)?;
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    let bold = Format::new().set_bold();
    for (column, header) in (0..).zip(&headers) {
        sheet
            .write_string_with_format(0, column, header, &bold)
            .map_err(failed)?;
    }
    let mut row: u32 = 0;
    while let Some(page) = pages.blocking_recv() {
        for sheet_row in &page {
            row += 1;
            for ((column, header), cell) in (0..).zip(&headers).zip(columns.cells(sheet_row)) {
                if cell.is_empty() {
                    continue;
                }
                sheet.write_string(row, column, cell).map_err(|e| match e {
                    XlsxError::MaxStringLengthExceeded => ExportError::CellTooLong {
                        sheet: sheet_row.submission.id,
                        column: header.clone(),
                    },
                    XlsxError::RowColumnLimitError => ExportError::TooManyRows,
                    other => failed(other),
                })?;
            }
        }
    }
    workbook.save_to_buffer().map_err(failed)
}
