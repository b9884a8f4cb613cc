package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a CSV file the encoding and delimiter are
// guessed from.
const sniffSize = 64 << 10

// Reader streams the rows of a CSV or XLSX file, one at a time, so a file of
// any size is read in constant memory (an XLSX workbook's zip is held in
// memory, its sheets are not). Row numbers are 1-based file rows as a
// spreadsheet program shows them: the header is row 1 unless blank rows
// precede it, and blank lines count.
type Reader struct {
	format    Format
	encoding  string
	delim     rune
	header    []string
	headerRow int
	err       error // sticky error of Next
	errRow    int   // the row err happened in

	csv    *csvParser
	fixCP  bool // a cell that is not UTF-8 is decoded as Windows-1251
	closer io.Closer

	book *excelize.File
	rows *excelize.Rows // cells as displayed
	raw  *excelize.Rows // the same rows, cells as stored
	row  int            // XLSX: the row Next read last
	last int            // XLSX: the sheet's last row, from its dimension (0: unknown)

	read *countingReader // CSV file: bytes taken from the file so far
	size int64           // and its size
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Progress is how far through the file Next has got, from 0 to 1, for a
// progress bar: by bytes for a CSV file, by rows for a workbook. It is 0
// when the reader cannot tell (a stream, a sheet without a dimension).
func (r *Reader) Progress() float64 {
	switch {
	case r.read != nil && r.size > 0:
		return min(1, float64(r.read.n)/float64(r.size))
	case r.last > 0:
		return min(1, float64(r.row)/float64(r.last))
	}
	return 0
}

// Open opens a CSV or XLSX file, telling them apart by content rather than by
// name: a zip ("PK\x03\x04") is read as XLSX, anything else as CSV. An old
// binary .xls gives ErrOldXLS, an OpenDocument spreadsheet ErrODS, a file
// with no non-empty row ErrEmpty.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	cr := &countingReader{r: f}
	r, err := newReader(cr, f, false)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if st, err := f.Stat(); err == nil && r.format == CSV {
		r.read, r.size = cr, st.Size()
	}
	return r, nil
}

// NewReader is Open for a stream (standard input): it sniffs the content the
// same way. An XLSX stream is read into memory whole, as excelize needs.
func NewReader(r io.Reader) (*Reader, error) {
	return newReader(r, nil, false)
}

// NewCSVReader reads r as CSV whatever it holds; for tests and standard
// input. It does not close r.
func NewCSVReader(r io.Reader) (*Reader, error) {
	return newReader(r, nil, true)
}

func newReader(src io.Reader, closer io.Closer, csvOnly bool) (*Reader, error) {
	br := bufio.NewReaderSize(src, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if !csvOnly {
		switch {
		case bytes.HasPrefix(head, magicOLE):
			return nil, ErrOldXLS
		case bytes.HasPrefix(head, magicZip):
			if isODS(head) {
				return nil, ErrODS
			}
			return openXLSX(br, closer)
		}
	}
	return openCSV(br, head, closer)
}

// isODS tells an OpenDocument file by its first zip entry, "mimetype",
// stored uncompressed.
func isODS(head []byte) bool {
	return len(head) > 38 && string(head[30:38]) == "mimetype" &&
		bytes.Contains(head[38:min(len(head), 120)], []byte("opendocument.spreadsheet"))
}

// Format is the file's format.
func (r *Reader) Format() Format { return r.format }

// Encoding is the text encoding detected for a CSV file: "utf-8",
// "utf-8-bom", "utf-16le", "utf-16be" or "windows-1251"; "" for XLSX.
func (r *Reader) Encoding() string { return r.encoding }

// Delimiter is the CSV field delimiter detected: ';', ',' or '\t'; 0 for XLSX.
func (r *Reader) Delimiter() rune { return r.delim }

// Header is the first non-empty row, cells trimmed, a byte order mark
// removed. Empty only when the file has no rows.
func (r *Reader) Header() []string { return r.header }

// HeaderRow is the row number of Header.
func (r *Reader) HeaderRow() int { return r.headerRow }

// Next returns the next row after the header that has a non-empty cell,
// with its row number and its cells trimmed. Rows are returned as read: they
// may have fewer or more cells than the header, and the caller decides what
// that means. At the end it returns io.EOF. On an error row is the row it
// happened in; a CSV quoting error is returned as "row N: …" wrapping a
// *csv.ParseError. After an error or io.EOF, Next keeps returning it.
func (r *Reader) Next() (row int, cells []string, err error) {
	if r.err == nil && r.rows == nil && r.csv == nil {
		r.err = errors.New("read from a closed spreadsheet")
	}
	if r.err != nil {
		return r.errRow, nil, r.err
	}
	for {
		row, cells, err := r.next()
		if err != nil {
			r.err = err
			if !errors.Is(err, io.EOF) {
				r.errRow = r.row
				if r.csv != nil {
					r.errRow = r.csv.row
				}
			}
			return r.errRow, nil, err
		}
		if !blank(cells) {
			return row, cells, nil
		}
	}
}

func (r *Reader) next() (int, []string, error) {
	if r.format == XLSX {
		more, _ := r.rows.Next(), r.raw.Next()
		r.row++
		if !more {
			if err := errors.Join(r.rows.Error(), r.raw.Error()); err != nil {
				return 0, nil, fmt.Errorf("row %d: %w", r.row, err)
			}
			return 0, nil, io.EOF
		}
		cells, err := r.rows.Columns()
		if err != nil {
			return 0, nil, fmt.Errorf("row %d: %w", r.row, err)
		}
		raw, err := r.raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, nil, fmt.Errorf("row %d: %w", r.row, err)
		}
		for i := range min(len(cells), len(raw)) {
			cells[i] = exactNumber(cells[i], raw[i])
		}
		return r.row, trimCells(cells), nil
	}
	row, cells, err := r.csv.read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return 0, nil, io.EOF
		}
		return 0, nil, fmt.Errorf("row %d: %w", r.csv.row, err)
	}
	if r.fixCP {
		for i, c := range cells {
			if !utf8.ValidString(c) {
				if s, err := charmap.Windows1251.NewDecoder().String(c); err == nil {
					cells[i] = s
				}
			}
		}
	}
	return row, trimCells(cells), nil
}

// Close releases the file (and an XLSX workbook's temporary files).
func (r *Reader) Close() error {
	var errs []error
	for _, rows := range []*excelize.Rows{r.rows, r.raw} {
		if rows != nil {
			errs = append(errs, rows.Close())
		}
	}
	r.rows, r.raw, r.csv = nil, nil, nil
	if r.book != nil {
		errs = append(errs, r.book.Close())
	}
	if r.closer != nil {
		errs = append(errs, r.closer.Close())
		r.closer = nil
	}
	return errors.Join(errs...)
}

// openCSV detects the encoding from head (the first bytes of br) and the
// delimiter from the header line, and reads up to the header.
func openCSV(br *bufio.Reader, head []byte, closer io.Closer) (*Reader, error) {
	r := &Reader{format: CSV, closer: closer}
	var text io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		r.encoding = "utf-8-bom"
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		// Excel's "Unicode text" is UTF-16LE with a byte order mark.
		r.encoding = "utf-16le"
		text = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		r.encoding = "utf-16be"
		text = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case validUTF8Prefix(head):
		// Only the first 64 KiB were looked at: a later cell that is not
		// UTF-8 is taken as Windows-1251 (a file that is ASCII at the top
		// tells nothing).
		r.encoding, r.fixCP = "utf-8", true
	default:
		r.encoding = "windows-1251"
		text = transform.NewReader(br, charmap.Windows1251.NewDecoder())
	}
	tr := bufio.NewReaderSize(text, sniffSize)
	sample, err := tr.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	delim, sepLine := detectDelimiter(sample)
	r.delim = delim
	r.csv = newCSVParser(tr, byte(delim))
	if sepLine {
		// Excel's "sep=;" first line names the delimiter; it is not data,
		// and Excel does not show it as a row.
		if _, _, err := r.csv.read(); err != nil {
			return nil, err
		}
		r.csv.row = 0
	}
	for {
		row, cells, err := r.next()
		if errors.Is(err, io.EOF) {
			return nil, ErrEmpty
		}
		if err != nil {
			return nil, err
		}
		if !blank(cells) {
			if len(cells) > 0 {
				cells[0] = strings.TrimSpace(strings.TrimPrefix(cells[0], "\uFEFF"))
			}
			r.header, r.headerRow = cells, row
			return r, nil
		}
	}
}

// validUTF8Prefix reports whether b is UTF-8, ignoring a character cut in
// half at its end.
func validUTF8Prefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}

// detectDelimiter picks the delimiter of the first non-blank line of sample:
// the one of ';', ',' and tab found most often outside quotes, ties going
// to ';', then ','. A first line "sep=X" (Excel's hint) names it instead;
// sepLine reports that line, which is not data. sample is not modified.
func detectDelimiter(sample []byte) (delim rune, sepLine bool) {
	start := 0
	for start < len(sample) {
		end := len(sample)
		if i := bytes.IndexByte(sample[start:], '\n'); i >= 0 {
			end = start + i
		}
		t := bytes.TrimSpace(bytes.TrimPrefix(sample[start:end], []byte("\uFEFF")))
		if len(t) == 0 {
			start = end + 1
			continue
		}
		if len(t) == 5 && bytes.EqualFold(t[:4], []byte("sep=")) && bytes.IndexByte([]byte(";,\t|"), t[4]) >= 0 {
			return rune(t[4]), true
		}
		// Count up to the end of the first record: a quoted header cell
		// may hold line breaks.
		counts := map[byte]int{}
		quoted := false
		for _, c := range sample[start:] {
			switch {
			case c == '"':
				quoted = !quoted
			case c == '\n' && !quoted:
				return pickDelimiter(counts), false
			case !quoted:
				counts[c]++
			}
		}
		return pickDelimiter(counts), false
	}
	return ';', false
}

func pickDelimiter(counts map[byte]int) rune {
	best := byte(';')
	for _, c := range []byte{',', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// openXLSX reads the workbook and finds the first visible sheet with a
// non-empty row.
func openXLSX(src io.Reader, closer io.Closer) (*Reader, error) {
	book, err := excelize.OpenReader(src)
	if err != nil {
		return nil, fmt.Errorf("read XLSX workbook: %w", err)
	}
	if closer != nil {
		// The workbook is in memory (or in excelize's temporary files) now.
		_ = closer.Close()
	}
	r := &Reader{format: XLSX, book: book}
	var hidden []string
	for _, name := range book.GetSheetList() {
		if visible, err := book.GetSheetVisible(name); err == nil && !visible {
			hidden = append(hidden, name)
			continue
		}
		if ok, err := r.findHeader(name); ok || err != nil {
			return r.orClose(err)
		}
	}
	for _, name := range hidden {
		if ok, err := r.findHeader(name); ok || err != nil {
			return r.orClose(err)
		}
	}
	return r.orClose(ErrEmpty)
}

func (r *Reader) orClose(err error) (*Reader, error) {
	if err != nil {
		_ = r.Close()
		return nil, err
	}
	return r, nil
}

// findHeader starts reading sheet and stops after its first non-empty row;
// false when the sheet has none.
func (r *Reader) findHeader(sheet string) (bool, error) {
	rows, err := r.book.Rows(sheet)
	if err != nil {
		return false, fmt.Errorf("sheet %q: %w", sheet, err)
	}
	raw, err := r.book.Rows(sheet)
	if err != nil {
		return false, errors.Join(fmt.Errorf("sheet %q: %w", sheet, err), rows.Close())
	}
	r.rows, r.raw, r.row = rows, raw, 0
	for {
		row, cells, err := r.next()
		if errors.Is(err, io.EOF) {
			r.rows, r.raw = nil, nil
			return false, errors.Join(rows.Close(), raw.Close())
		}
		if err != nil {
			return false, fmt.Errorf("sheet %q: %w", sheet, err)
		}
		if !blank(cells) {
			r.header, r.headerRow = cells, row
			if dim, err := r.book.GetSheetDimension(sheet); err == nil {
				_, ref, _ := strings.Cut(dim, ":")
				if _, last, err := excelize.CellNameToCoordinates(ref); err == nil {
					r.last = last
				}
			}
			return true, nil
		}
	}
}

// exactNumber corrects how a number cell is shown where that loses or
// invents digits of an identifier. Excel's General format shows a long
// integer such as an INN typed as a number as 5.001007323E+11; the workbook
// holds it exactly (Excel keeps 15 significant digits), so it is returned
// as its digits. An integer of 16 digits or more already lost its tail in
// Excel, and the zeros shown would pass for real digits (a 20-digit bank
// account becomes 40702810938000000000): it is returned in scientific
// notation with the digits Excel kept, so that the loss stays visible.
//
// Text cells read the same shown or raw, and are never touched: a
// 20-digit account stored as text is exact.
func exactNumber(shown, raw string) string {
	if shown == raw {
		return shown
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v != math.Trunc(v) {
		return shown
	}
	switch {
	case math.Abs(v) < 1e15 && strings.ContainsAny(shown, "Ee"):
		return strconv.FormatFloat(v, 'f', -1, 64)
	case math.Abs(v) >= 1e15 && len(shown) >= 16 && strings.Trim(shown, "0123456789") == "":
		return strconv.FormatFloat(v, 'E', -1, 64)
	}
	return shown
}

func trimCells(cells []string) []string {
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

func blank(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}
