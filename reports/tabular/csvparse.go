package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// Limits that turn a runaway quote into an error instead of one giant cell.
const (
	// maxCellBytes bounds a quoted cell: Excel holds at most 32,767
	// characters in a cell, and a character is at most 4 bytes of UTF-8.
	maxCellBytes = 4 * 32767
	// maxRecordBytes bounds one physical row, so memory stays bounded on a
	// file that is not text at all.
	maxRecordBytes = 4 << 20
)

// ErrRecordTooLong is the ParseError cause for a row over maxRecordBytes.
var ErrRecordTooLong = errors.New("row longer than 4 MiB: not a spreadsheet, or a broken quote")

// csvParser splits decoded CSV text into records. It is encoding/csv with
// LazyQuotes and FieldsPerRecord = -1, with two differences that matter for
// files people make by hand:
//
//   - encoding/csv with LazyQuotes silently takes the rest of the file into
//     one cell when a quote is never closed, and quietly merges rows when a
//     quoted cell holds undoubled quotes (`"ООО "Ромашка"";…`). Here a quoted
//     cell that is still open at the end of the file, that crosses a line
//     break after (or before) an undoubled quote, or that outgrows what a
//     spreadsheet cell can hold is a *csv.ParseError with csv.ErrQuote.
//   - It counts rows as a spreadsheet program shows them: every record is a
//     row and so is every blank line (encoding/csv skips those silently), so
//     row numbers in messages match what the user sees in Excel.
//
// Undoubled quotes on one line stay lenient: `1;ООО "Ромашка";…`,
// `"ООО "Ромашка""` and `"ООО "Ромашка"";…` read as the text they show.
type csvParser struct {
	br    *bufio.Reader
	comma byte
	line  int    // physical lines read so far
	row   int    // rows started so far (blank lines included)
	cell  []byte // quoted cell being assembled
	long  []byte // a physical line longer than the bufio buffer
	err   error  // sticky: once set, every read returns it
}

func newCSVParser(r *bufio.Reader, comma byte) *csvParser {
	return &csvParser{br: r, comma: comma}
}

// readLine returns the next physical line ending in '\n' ("\r\n" is folded to
// "\n", and a last line without one gets it), or an empty slice at the end.
// The slice is valid until the next call.
func (p *csvParser) readLine() ([]byte, error) {
	line, err := p.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		p.long = append(p.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(p.long) > maxRecordBytes {
				return nil, &csv.ParseError{StartLine: p.line + 1, Line: p.line + 1, Column: 1, Err: ErrRecordTooLong}
			}
			line, err = p.br.ReadSlice('\n')
			p.long = append(p.long, line...)
		}
		line = p.long
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(line) == 0 {
		return nil, nil
	}
	p.line++
	n := len(line)
	switch {
	case line[n-1] != '\n':
		// The last line of a file without a final line break. Like
		// encoding/csv, drop a trailing '\r'; the full slice expression
		// makes append copy instead of writing into bufio's buffer.
		if line[n-1] == '\r' {
			line = line[:n-1]
		}
		line = append(line[:len(line):len(line)], '\n')
	case n >= 2 && line[n-2] == '\r':
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, nil
}

// read returns the next record and the row it starts on; io.EOF at the end.
// A blank line is a record of one empty field.
func (p *csvParser) read() (int, []string, error) {
	if p.err != nil {
		return 0, nil, p.err
	}
	row, fields, err := p.readRecord()
	if err != nil {
		p.err = err
	}
	return row, fields, err
}

func (p *csvParser) readRecord() (int, []string, error) {
	line, err := p.readLine()
	if err != nil {
		return 0, nil, err
	}
	if len(line) == 0 {
		return 0, nil, io.EOF
	}
	p.row++
	row, startLine, col := p.row, p.line, 1
	var fields []string
	for {
		if line[0] != '"' {
			if i := bytes.IndexByte(line, p.comma); i >= 0 {
				fields = append(fields, string(line[:i]))
				line, col = line[i+1:], col+i+1
				continue
			}
			return row, append(fields, string(line[:len(line)-1])), nil
		}
		// A quoted cell: up to a quote followed by the delimiter or the end
		// of the line; "" is one quote; any other quote is taken as text.
		p.cell = p.cell[:0]
		line, col = line[1:], col+1
		bareLine, bareCol, multiline := 0, 0, false
		for {
			i := bytes.IndexByte(line, '"')
			if i < 0 {
				p.cell = append(p.cell, line...)
				next, err := p.readLine()
				if err != nil {
					return row, fields, err
				}
				if len(next) == 0 {
					return row, fields, &csv.ParseError{StartLine: startLine, Line: p.line, Column: col + len(line) - 1, Err: csv.ErrQuote}
				}
				multiline = true
				if bareLine != 0 || len(p.cell) > maxCellBytes {
					return row, fields, &csv.ParseError{StartLine: startLine, Line: max(bareLine, startLine), Column: max(bareCol, 1), Err: csv.ErrQuote}
				}
				line, col = next, 1
				continue
			}
			p.cell = append(p.cell, line[:i]...)
			line, col = line[i+1:], col+i+1
			switch line[0] { // line still ends in '\n', so it is not empty
			case '"':
				p.cell = append(p.cell, '"')
				line, col = line[1:], col+1
				if bareLine != 0 && (line[0] == p.comma || line[0] == '\n') {
					// `"ООО "Ромашка""`: after an undoubled quote, a doubled
					// one before the delimiter is that quote's mate and the
					// closing quote, not an escaped quote inside the cell.
					break
				}
				continue
			case p.comma, '\n':
			default:
				if multiline {
					return row, fields, &csv.ParseError{StartLine: startLine, Line: p.line, Column: col - 1, Err: csv.ErrQuote}
				}
				if bareLine == 0 {
					bareLine, bareCol = p.line, col-1
				}
				p.cell = append(p.cell, '"')
				continue
			}
			break
		}
		if len(p.cell) > maxCellBytes {
			return row, fields, &csv.ParseError{StartLine: startLine, Line: p.line, Column: col, Err: csv.ErrQuote}
		}
		fields = append(fields, string(p.cell))
		if line[0] == '\n' {
			return row, fields, nil
		}
		line, col = line[1:], col+1
	}
}
