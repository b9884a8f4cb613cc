package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Writer writes rows of text cells as CSV or XLSX. The first row written is
// the header. Every cell is written as text, never as a number, so INNs,
// accounts, phones and codes with leading zeros survive a trip through a
// spreadsheet program.
type Writer struct {
	format Format
	w      io.Writer
	csv    *csv.Writer

	book  *excelize.File
	sheet *excelize.StreamWriter
	bold  int
	row   int

	closed bool
}

// NewWriter starts a file of format f on w. CSV is written as Russian Excel
// opens it correctly by double-click: UTF-8 with a byte order mark, ';'
// between cells, CRLF line ends. XLSX gets one sheet named sheet (made
// valid for Excel: at most 31 characters, none of []:*?/\), a bold,
// frozen header row, and is written to w on Close.
func NewWriter(w io.Writer, f Format, sheet string) (*Writer, error) {
	switch f {
	case CSV:
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
		cw := csv.NewWriter(w)
		cw.Comma, cw.UseCRLF = ';', true
		return &Writer{format: f, w: w, csv: cw}, nil
	case XLSX:
		book := excelize.NewFile()
		sheet = sheetName(sheet)
		if err := book.SetSheetName(book.GetSheetName(0), sheet); err != nil {
			_ = book.Close()
			return nil, fmt.Errorf("sheet %q: %w", sheet, err)
		}
		sw, err := book.NewStreamWriter(sheet)
		if err != nil {
			_ = book.Close()
			return nil, err
		}
		bold, err := book.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err != nil {
			_ = book.Close()
			return nil, err
		}
		return &Writer{format: f, w: w, book: book, sheet: sw, bold: bold}, nil
	}
	return nil, fmt.Errorf("unknown spreadsheet format %q", f)
}

// sheetName makes s acceptable to Excel as a sheet name.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = "Sheet1"
	}
	return s
}

// Write writes one row.
func (w *Writer) Write(cells []string) error {
	if w.closed {
		return errors.New("write to a closed spreadsheet writer")
	}
	if w.format == CSV {
		return w.csv.Write(cells)
	}
	w.row++
	values := make([]any, len(cells))
	for i, c := range cells {
		values[i] = c
	}
	if w.row == 1 {
		// Column widths and panes must precede the first row in a stream.
		if len(cells) > 0 {
			if err := w.sheet.SetColWidth(1, len(cells), 22); err != nil {
				return err
			}
		}
		if err := w.sheet.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, c := range cells {
			values[i] = excelize.Cell{StyleID: w.bold, Value: c}
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sheet.SetRow(cell, values)
}

// Close finishes the file: flushes CSV, or writes the whole XLSX workbook to
// the writer. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if w.format == CSV {
		w.csv.Flush()
		return w.csv.Error()
	}
	err := w.sheet.Flush()
	if err == nil {
		_, err = w.book.WriteTo(w.w)
	}
	return errors.Join(err, w.book.Close())
}
