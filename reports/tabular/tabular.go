// Package tabular reads and writes the spreadsheets users exchange with other
// programs: CSV in the encodings and delimiters Russian offices produce, and
// XLSX workbooks. It knows file formats, not customers: it yields and takes
// rows of text cells; mapping them to records is the caller's business
// (model.ParseImportRow).
package tabular

import (
	"errors"
	"path/filepath"
	"strings"
)

// Format is a spreadsheet file format.
type Format string

// Supported formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// FormatForPath picks the format an export to path should have: XLSX for a
// .xlsx name, CSV otherwise.
func FormatForPath(path string) Format {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return XLSX
	}
	return CSV
}

// Errors Open and the readers return for files they refuse.
var (
	// ErrEmpty: the file has no rows at all (or only empty ones).
	ErrEmpty = errors.New("the file has no rows")
	// ErrOldXLS: a binary Excel 97–2003 workbook (or an encrypted XLSX, which
	// shares its container), which this package does not read.
	ErrOldXLS = errors.New("old .xls format: save as .xlsx or CSV")
	// ErrODS: an OpenDocument spreadsheet (LibreOffice's own format).
	ErrODS = errors.New("OpenDocument spreadsheet (.ods): save as .xlsx or CSV")
)

// File signatures, checked before the name's extension is ever considered.
var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)
