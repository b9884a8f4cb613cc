package model

import (
	"context"
	"io"
)

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

// ImportChunk is a run of consecutive rows of an imported file: the rows
// that parsed and the problems of those that did not.
type ImportChunk struct {
	Rows []CustomerImport
	Errs []RowError
	// Read is how far through its file the source is, from 0 to 1 (0 when
	// it cannot tell).
	Read float64
}

// ImportSource yields an imported file's chunks in file order, then io.EOF.
// A file source parses in a goroutine of its own, ahead of the caller, so
// reading the file overlaps writing the rows. Any other error ends the
// import (nothing is kept).
type ImportSource func(ctx context.Context) (ImportChunk, error)

// ImportChunkRows is how many rows a chunk of a source holds.
const ImportChunkRows = 500

// RowsSource is an ImportSource over rows parsed beforehand and the problems
// found then; a row that has a problem in errs is left out.
func RowsSource(rows []CustomerImport, errs []RowError) ImportSource {
	bad := map[int]bool{}
	for _, e := range errs {
		bad[e.Row] = true
	}
	good := make([]CustomerImport, 0, len(rows))
	for _, r := range rows {
		if !bad[r.Row] || r.Row == 0 {
			good = append(good, r)
		}
	}
	pending := append([]RowError(nil), errs...)
	i := 0
	return func(ctx context.Context) (ImportChunk, error) {
		if err := ctx.Err(); err != nil {
			return ImportChunk{}, err
		}
		if i >= len(good) && pending == nil {
			return ImportChunk{}, io.EOF
		}
		end := min(i+ImportChunkRows, len(good))
		c := ImportChunk{Rows: good[i:end], Errs: pending, Read: 1}
		if len(good) > 0 {
			c.Read = float64(end) / float64(len(good))
		}
		i, pending = end, nil
		return c, nil
	}
}

// ImportProgress is how far an import has got: rows handled so far and the
// share of the file read (0 when unknown).
type ImportProgress struct {
	Rows int
	Read float64
}
