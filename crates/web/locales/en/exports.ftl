# Open data: downloads of a consultation's answers.
exports-download-published = Download the published answers:
exports-download-all = Download all answers, confidential and hidden ones included (secretariat only):
exports-column-map = column map for re-import
exports-spreadsheet-hint = For a spreadsheet program, take XLSX. The CSV file keeps every answer exactly as written, so a spreadsheet that opens it may treat an answer beginning with “=” as a formula.
exports-cell-too-long = In the answer sheet { $sheet }, “{ $column }” is longer than a spreadsheet cell can hold (32,767 characters). Download the CSV or JSON file instead: they keep every answer whole.
exports-too-many-rows = There are more answers than a spreadsheet has rows (1,048,576). Download the CSV or JSON file instead.
