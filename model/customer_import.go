package model

// CustomerImport is one row of an imported file: a customer and optionally a
// contact person from the same row.
type CustomerImport struct {
	Row      int // 1-based line (CSV) or row (XLSX) in the file, header included
	Customer Customer
	Contact  *Contact
}

// RowError is one problem in an imported file: where (row, column) and what
// (a message key), with the offending value.
type RowError struct {
	Row    int
	Column string // the file's header text of the column, "" for the whole row
	Msg    string // translation key
	Value  string
}

// ImportOptions say what an import does with matches and bad rows.
type ImportOptions struct {
	// Update overwrites the non-empty fields of a customer matched by INN,
	// then e-mail, then phone; otherwise matched rows are skipped.
	Update bool
	// SkipInvalid imports the valid rows of a file with errors; otherwise a
	// file with any error imports nothing.
	SkipInvalid bool
}

// ImportResult counts what an import did. Errors lists every row problem.
type ImportResult struct {
	Imported int
	Updated  int
	Skipped  int
	Errors   []RowError
}

// ImportLookups resolve the text of dictionary columns to IDs: folded region
// names and codes to region codes, folded user logins and full names to user
// IDs, folded group names to group IDs.
type ImportLookups struct {
	Regions map[string]string
	Owners  map[string]string
	Groups  map[string]string
}
