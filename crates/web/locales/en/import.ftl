# Importing answers collected elsewhere (a survey tool's export, a compilation in a
# spreadsheet) into a consultation: upload, column mapping, preview, result.

import-link = Import answers from a file
import-title = Import answers from a file
import-intro = Answers collected elsewhere are added in three steps: upload the file, say which column holds what, and check the preview. Nothing is stored until you confirm, and only if every row is correct.
import-field-file = File (CSV or XLSX)
import-hint-file = The first row must hold the column headers. At most { $size } MiB.
import-field-encoding = Text encoding (CSV only)
import-hint-encoding = Only for CSV files without a byte-order mark. Most survey tools write UTF-8.
import-encoding-auto = Automatic: UTF-8, or what the file's byte-order mark says
import-encoding-latin1 = Latin-1 / Windows-1252 (older spreadsheet programs)
import-encoding-utf-16le = UTF-16 (“Unicode text” of spreadsheet programs)
import-field-sheet = Sheet (XLSX only)
import-hint-sheet = The name of the sheet to read; leave empty for the first.
import-action-upload = Upload and continue
import-too-large = This file is larger than { $size } MiB, the most Agora takes in one upload. Split it into several files, or import it on the command line (agora import responses), which has no such limit.

import-map-title = Import answers: which column holds what
import-file-summary = { $file }: { $rows ->
    [one] one row
   *[other] { $rows } rows
} below the header.
import-mapping-heading = Columns
import-map-intro = The choices below are guessed from the column headers. Check each one, then preview the import: nothing is stored yet.
import-sample = The first rows of the file
import-section-respondent = Who answered
import-section-respondent-hint = Imported answers belong to no account. The name and email address stay with the answers for the secretariat and are never published.
import-section-author = About the respondents
import-section-author-hint = For each item, choose the column that gives it, or give one value for every row. The stakeholder group and the language are required.
import-section-answers = Answers to the questions
import-section-translations = Stakeholder groups in the file
import-section-translations-hint = The file names these groups in its own words. Choose the stakeholder group each one stands for.
import-section-reading = Reading the file
import-option-no-column = (not in the file)
import-option-keep = (keep as it is)
import-same-value = { $target }: the same value on every row
import-target-name = Name
import-target-email = Email address
import-target-submitted-at = Submitted at
import-target-stakeholder-group = Stakeholder group
import-target-country = Country
import-target-region = Region
import-target-organisation = Organisation
import-target-lang = Language
import-target-question = Question { $n }
import-field-separator = Separator between choices
import-hint-separator = In answers to multiple-choice questions, for example ; in “Spam;Human rights”.
import-field-timezone = Time zone of the submission times
import-hint-timezone = For times written without an offset, for example Europe/Zurich or UTC.
import-action-preview = Preview the import

import-preview-title = Preview
import-preview-summary = Rows in the file: { $rows }. Ready to import: { $good }. With errors: { $bad }.
import-fatal = The columns chosen do not fit the file
import-preview-errors = Errors
import-preview-errors-lead = Nothing is imported while any row has an error. Correct the file and upload it again, or correct the columns below, then preview again.
import-preview-errors-capped = Only the first { $count } errors are listed; the rest of the file was not checked.
import-column-row = Row
import-column-column = Column
import-column-target = Imported as
import-column-reason = Problem
import-preview-rows = The first rows as they will be imported
import-preview-rows-more = { $count ->
    [one] And one more row.
   *[other] And { $count } more rows.
}
import-commit-lead = { $count ->
    [one] The row is correct. Importing stores it as a submitted answer sheet.
   *[other] Every row is correct. Importing stores all { $count } at once, each as a submitted answer sheet.
}
import-commit-public = They are published, as this consultation publishes answers by default.
import-commit-private = They are not published: this consultation keeps answers unpublished by default.
import-action-commit = { $count ->
    [one] Import one answer
   *[other] Import { $count } answers
}
import-map-download = Download these columns as MAP.toml
import-cli-lead = The same import on the command line, with that file:

import-done-title = Answers imported
import-done-lead = { $count ->
    [one] One answer was imported into this consultation (import { $batch }).
   *[other] { $count } answers were imported into this consultation (import { $batch }).
}
import-done-answers = Published answers
import-done-consultation = Back to the consultation
import-done-again = Import another file

import-error-encoding = Line { $line }: the file is not valid { $encoding }. Choose its encoding (for example Latin-1) and upload it again, or save it as UTF-8.
import-error-csv = Line { $line }: the file cannot be read as CSV ({ $message }).
import-error-ragged = Line { $line }: { $cells } cells where the header has { $expected }.
import-error-xlsx = The spreadsheet cannot be read ({ $message }).
import-error-no-such-sheet = The spreadsheet has no sheet named “{ $sheet }”.
import-error-empty = The file holds no rows below its header.
import-error-map = The column map is not valid: { $message }
import-error-no-such-question = The column map names question { $position }, which this questionnaire does not have.
import-error-no-such-zone = “{ $zone }” is not a time zone.
import-error-missing-column = The file has no column “{ $column }” (for { $target }). Its columns: { $available }.
import-error-rows = { $count ->
    [one] One error in the file's rows; nothing was imported.
   *[other] { $count } errors in the file's rows; nothing was imported.
}

import-reason-required = A value is required.
import-reason-too-long = Longer than { $limit } characters.
import-reason-too-many-words = More than { $limit } words.
import-reason-invalid-choice = Not one of the question's choices (a scale takes 1 to 5).
import-reason-invalid-country = Not a two-letter ISO 3166 country code.
import-reason-invalid-region = Not a UN M49 region code.
import-reason-invalid-language = Not one of the consultation's languages.
import-reason-unknown-stakeholder-group = Not a stakeholder group of this site; choose the group it stands for under “Stakeholder groups in the file”.
import-reason-invalid-instant = Not a date and time.
import-reason-outside-window = Outside the consultation's opening and closing instants.
import-reason-invalid-email = Not an email address.
