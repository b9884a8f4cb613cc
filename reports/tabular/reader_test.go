package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// row is a row as Next returns it.
type row struct {
	N     int
	Cells []string
}

func (r row) String() string { return fmt.Sprintf("%d:%q", r.N, r.Cells) }

// readAll reads every row of r until io.EOF or an error.
func readAll(t *testing.T, r *Reader) ([]row, error) {
	t.Helper()
	var out []row
	for {
		n, cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, row{n, cells})
	}
}

func mustCSV(t *testing.T, data []byte) *Reader {
	t.Helper()
	r, err := NewCSVReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("NewCSVReader: %v", err)
	}
	return r
}

func cp1251(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode cp1251: %v", err)
	}
	return b
}

func utf16le(t testing.TB, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode utf-16: %v", err)
	}
	return b
}

const cyrCSV = "Наименование;ИНН;Адрес\r\nООО «Ёлка»;7707083893;г. Москва\r\n"

func TestCSVEncoding(t *testing.T) {
	wantHeader := []string{"Наименование", "ИНН", "Адрес"}
	wantRows := []row{{2, []string{"ООО «Ёлка»", "7707083893", "г. Москва"}}}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte(cyrCSV), "utf-8"},
		{"utf-8 with BOM", []byte("\uFEFF" + cyrCSV), "utf-8-bom"},
		{"windows-1251", cp1251(t, cyrCSV), "windows-1251"},
		{"utf-16le (Excel unicode text)", utf16le(t, cyrCSV), "utf-16le"},
		{"ascii", []byte("Name;INN\nAcme;7707083893\n"), "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCSV(t, tt.data)
			if got := r.Encoding(); got != tt.want {
				t.Errorf("Encoding() = %q, want %q", got, tt.want)
			}
			if r.Format() != CSV {
				t.Errorf("Format() = %q, want csv", r.Format())
			}
			if tt.name == "ascii" {
				return
			}
			if got := r.Header(); !reflect.DeepEqual(got, wantHeader) {
				t.Errorf("Header() = %q, want %q", got, wantHeader)
			}
			got, err := readAll(t, r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, wantRows) {
				t.Errorf("rows = %q, want %q", got, wantRows)
			}
		})
	}
}

func TestCSVWindows1251AfterSniffWindow(t *testing.T) {
	// The first 64 KiB are ASCII, so the file is taken as UTF-8; a
	// Windows-1251 cell further down must still come out readable.
	var b bytes.Buffer
	b.WriteString("Name;City\n")
	for b.Len() < sniffSize+100 {
		b.WriteString("Acme;Moscow\n")
	}
	b.Write(cp1251(t, "Ромашка;Тверь\n"))
	r := mustCSV(t, b.Bytes())
	if got := r.Encoding(); got != "utf-8" {
		t.Errorf("Encoding() = %q, want utf-8", got)
	}
	rows, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1].Cells
	if want := []string{"Ромашка", "Тверь"}; !reflect.DeepEqual(last, want) {
		t.Errorf("last row = %q, want %q", last, want)
	}
}

func TestValidUTF8Prefix(t *testing.T) {
	ru := []byte("Ёж")
	tests := []struct {
		name string
		b    []byte
		want bool
	}{
		{"empty", nil, true},
		{"whole", ru, true},
		{"cut in the last rune", ru[:3], true},
		{"cp1251", []byte{0xC5, 0xE6, ';'}, false},
		{"bad in the middle", []byte{'a', 0xFF, 'b'}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validUTF8Prefix(tt.b); got != tt.want {
				t.Errorf("validUTF8Prefix(%q) = %v, want %v", tt.b, got, tt.want)
			}
		})
	}
}

func TestCSVDelimiter(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		want   rune
		header []string
	}{
		{"semicolon", "a;b;c\n1;2;3\n", ';', []string{"a", "b", "c"}},
		{"comma", "a,b,c\n1,2,3\n", ',', []string{"a", "b", "c"}},
		{"tab", "a\tb\tc\n1\t2\t3\n", '\t', []string{"a", "b", "c"}},
		{"comma inside quotes does not count", "\"a,b,c\";d\n", ';', []string{"a,b,c", "d"}},
		{"tie prefers semicolon", "a;b,c\n", ';', []string{"a", "b,c"}},
		{"tie comma over tab", "a,b\tc\n", ',', []string{"a", "b\tc"}},
		{"single column", "Name\nAcme\n", ';', []string{"Name"}},
		{"decided by the header line only", "a,b\n1;2;3;4;5\n", ',', []string{"a", "b"}},
		{"blank lines before the header", "\n\n  \na\tb\n", '\t', []string{"a", "b"}},
		{"excel sep= line", "sep=,\na;b,c\n", ',', []string{"a;b", "c"}},
		{"excel sep= line, CRLF", "sep=;\r\na;b\r\n", ';', []string{"a", "b"}},
		{"quoted header cell with a line break", "\"a\nb,c\";d;e\n", ';', []string{"a\nb,c", "d", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCSV(t, []byte(tt.data))
			if got := r.Delimiter(); got != tt.want {
				t.Errorf("Delimiter() = %q, want %q", got, tt.want)
			}
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
		})
	}
}

func TestCSVRows(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		header    []string
		headerRow int
		rows      []row
	}{
		{
			name:   "CRLF",
			data:   "a;b\r\n1;2\r\n3;4\r\n",
			header: []string{"a", "b"}, headerRow: 1,
			rows: []row{{2, []string{"1", "2"}}, {3, []string{"3", "4"}}},
		},
		{
			name:   "no final line break",
			data:   "a;b\n1;2",
			header: []string{"a", "b"}, headerRow: 1,
			rows: []row{{2, []string{"1", "2"}}},
		},
		{
			name:   "header only",
			data:   "Наименование;ИНН\r\n",
			header: []string{"Наименование", "ИНН"}, headerRow: 1,
		},
		{
			name:   "ragged rows come as read",
			data:   "a;b;c\n1\n1;2;3;4;5\n;;\n1;;\n",
			header: []string{"a", "b", "c"}, headerRow: 1,
			rows: []row{{2, []string{"1"}}, {3, []string{"1", "2", "3", "4", "5"}}, {5, []string{"1", "", ""}}},
		},
		{
			name:   "blank and empty rows skipped but counted",
			data:   "\n\na;b\n\n ; \n1;2\n",
			header: []string{"a", "b"}, headerRow: 3,
			rows: []row{{6, []string{"1", "2"}}},
		},
		{
			name:   "cells trimmed, BOM off the header",
			data:   "\uFEFF  a ;\tb\u00a0\n  1  ; 2 \n",
			header: []string{"a", "b"}, headerRow: 1,
			rows: []row{{2, []string{"1", "2"}}},
		},
		{
			name:   "excel sep= line is not a row",
			data:   "sep=;\r\na;b\r\n1;2\r\n",
			header: []string{"a", "b"}, headerRow: 1,
			rows: []row{{2, []string{"1", "2"}}},
		},
		{
			name:   "multi-line cell is one row",
			data:   "a;b\n\"line 1\r\nline 2\";x\n3;4\n",
			header: []string{"a", "b"}, headerRow: 1,
			rows: []row{{2, []string{"line 1\nline 2", "x"}}, {3, []string{"3", "4"}}},
		},
		{
			name:   "quotes: doubled, bare in a plain cell, undoubled on one line",
			data:   "a;b;c\n\"say \"\"hi\"\"\";ООО \"Ромашка\";\"ООО \"Лютик\"\"\n\"ООО \"Ёж\"\";\"\"\"\"\"\";\"a\"b\"\n",
			header: []string{"a", "b", "c"}, headerRow: 1,
			rows: []row{{2, []string{`say "hi"`, `ООО "Ромашка"`, `ООО "Лютик"`}}, {3, []string{`ООО "Ёж"`, `""`, `a"b`}}},
		},
		{
			name:   "delimiters inside quotes",
			data:   "a;b\n\"x;y,z\";\"\t\"\n",
			header: []string{"a", "b"}, headerRow: 1,
			rows: []row{{2, []string{"x;y,z", ""}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCSV(t, []byte(tt.data))
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
			if got := r.HeaderRow(); got != tt.headerRow {
				t.Errorf("HeaderRow() = %d, want %d", got, tt.headerRow)
			}
			got, err := readAll(t, r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows = %q, want %q", got, tt.rows)
			}
			if _, _, err := r.Next(); !errors.Is(err, io.EOF) {
				t.Errorf("Next after the end = %v, want io.EOF", err)
			}
		})
	}
}

func TestCSVEmpty(t *testing.T) {
	for _, data := range []string{"", "\n\n\r\n", " \n\t\n", ";;;\n;;\n", "\uFEFF", "sep=;\n"} {
		t.Run(strings.ReplaceAll(data, "\n", `\n`), func(t *testing.T) {
			_, err := NewCSVReader(strings.NewReader(data))
			if !errors.Is(err, ErrEmpty) {
				t.Errorf("err = %v, want ErrEmpty", err)
			}
		})
	}
}

func TestCSVBrokenQuotes(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		rows     []row // read before the error
		errRow   int
		errStart int // csv.ParseError.StartLine: where the bad record starts
	}{
		{
			name:   "quote never closed",
			data:   "a;b\n1;2\n\"3;4\n5;6\n7;8\n",
			rows:   []row{{2, []string{"1", "2"}}},
			errRow: 3, errStart: 3,
		},
		{
			name:   "undoubled quotes run into the next row",
			data:   "a;b;c\n1;\"ООО \"Ромашка\" и партнёры;7707083893\n2;\"ООО Лютик\";7707083893\n3;x;y\n",
			errRow: 2, errStart: 2,
		},
		{
			name:   "missing closing quote picked up by a later cell",
			data:   "a;b;c\n1;x;y\n\n1;\"ООО Ромашка;7707083893\n2;\"ООО Лютик\";7707083893\n",
			rows:   []row{{2, []string{"1", "x", "y"}}},
			errRow: 4, errStart: 4,
		},
		{
			name:   "quote never closed in the header",
			data:   "\"a;b\n",
			errRow: 1, errStart: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []row
			r, err := NewCSVReader(strings.NewReader(tt.data))
			if err == nil {
				got, err = readAll(t, r)
			}
			var pe *csv.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, csv.ErrQuote) {
				t.Fatalf("err = %v, want a *csv.ParseError with ErrQuote", err)
			}
			if want := "row " + itoa(tt.errRow) + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("err = %q, want prefix %q", err, want)
			}
			if pe.StartLine != tt.errStart {
				t.Errorf("ParseError.StartLine = %d, want %d", pe.StartLine, tt.errStart)
			}
			if !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows before the error = %v, want %v", got, tt.rows)
			}
			if r != nil {
				if n, _, again := r.Next(); !errors.Is(again, csv.ErrQuote) || n != tt.errRow {
					t.Errorf("Next after the error = %d, %v; want row %d and the same error", n, again, tt.errRow)
				}
			}
		})
	}
}

func itoa(n int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

func TestCSVHugeCell(t *testing.T) {
	big := strings.Repeat("x", maxCellBytes+10)
	t.Run("quoted cell too long", func(t *testing.T) {
		r := mustCSV(t, []byte("a\n\""+big+"\"\n"))
		if _, err := readAll(t, r); !errors.Is(err, csv.ErrQuote) {
			t.Errorf("err = %v, want ErrQuote", err)
		}
	})
	t.Run("row too long", func(t *testing.T) {
		r := mustCSV(t, []byte("a\n"+strings.Repeat("y", maxRecordBytes+sniffSize)+"\n"))
		if _, err := readAll(t, r); !errors.Is(err, ErrRecordTooLong) {
			t.Errorf("err = %v, want ErrRecordTooLong", err)
		}
	})
	t.Run("long plain row is fine", func(t *testing.T) {
		long := strings.Repeat("z", 3*sniffSize)
		r := mustCSV(t, []byte("a;b\n"+long+";1\n"))
		rows, err := readAll(t, r)
		if err != nil || len(rows) != 1 || rows[0].Cells[0] != long {
			t.Errorf("rows = %d, err = %v; want the long cell back", len(rows), err)
		}
	})
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// xlsxBytes builds a workbook with fill and returns its bytes.
func xlsxBytes(t *testing.T, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestOpenByContent(t *testing.T) {
	book := xlsxBytes(t, func(f *excelize.File) {
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Name", "INN"})
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Acme", "7707083893"})
	})
	ods := append([]byte("PK\x03\x04"), make([]byte, 26)...)
	ods = append(ods, []byte("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")...)
	tests := []struct {
		name    string
		file    string
		data    []byte
		format  Format
		wantErr error
	}{
		{"xlsx named .csv", "export.csv", book, XLSX, nil},
		{"csv named .xlsx", "export.xlsx", []byte("Name;INN\nAcme;7707083893\n"), CSV, nil},
		{"old xls", "old.xls", append(append([]byte{}, magicOLE...), make([]byte, 512)...), "", ErrOldXLS},
		{"ods", "book.ods", ods, "", ErrODS},
		{"empty", "empty.csv", nil, "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(writeFile(t, tt.file, tt.data))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if r.Format() != tt.format {
				t.Errorf("Format() = %q, want %q", r.Format(), tt.format)
			}
			if want := []string{"Name", "INN"}; !reflect.DeepEqual(r.Header(), want) {
				t.Errorf("Header() = %q, want %q", r.Header(), want)
			}
			rows, err := readAll(t, r)
			if want := []row{{2, []string{"Acme", "7707083893"}}}; err != nil || !reflect.DeepEqual(rows, want) {
				t.Errorf("rows = %q, %v; want %q", rows, err, want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if _, err := Open(filepath.Join(t.TempDir(), "nope.csv")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v, want os.ErrNotExist", err)
		}
	})
	t.Run("read after close", func(t *testing.T) {
		for _, data := range [][]byte{book, []byte("a;b\n1;2\n")} {
			r, err := Open(writeFile(t, "x", data))
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Close(); err != nil {
				t.Fatal(err)
			}
			if _, _, err := r.Next(); err == nil || errors.Is(err, io.EOF) {
				t.Errorf("Next after Close = %v, want an error", err)
			}
		}
	})
	t.Run("stream", func(t *testing.T) {
		r, err := NewReader(bytes.NewReader(book))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if r.Format() != XLSX || r.Encoding() != "" || r.Delimiter() != 0 {
			t.Errorf("Format, Encoding, Delimiter = %q, %q, %q; want xlsx, \"\", 0", r.Format(), r.Encoding(), r.Delimiter())
		}
	})
}

func TestXLSXNumbersAsDisplayed(t *testing.T) {
	data := xlsxBytes(t, func(f *excelize.File) {
		s := "Sheet1"
		_ = f.SetSheetRow(s, "A1", &[]any{"ИНН", "Сумма", "Код", "ИНН ИП", "Дата", "Итого"})
		_ = f.SetCellValue(s, "A2", 7707083893)          // an INN typed as a number
		_ = f.SetCellValue(s, "B2", 1234.5)              // a real number
		_ = f.SetCellValue(s, "C2", "0012")              // text with leading zeros
		_ = f.SetCellValue(s, "D2", int64(500100732259)) // a 12-digit INN as a number
		_ = f.SetCellFloat(s, "E2", 46023, -1, 64)
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // a date format
		_ = f.SetCellStyle(s, "E2", "E2", style)
		_ = f.SetCellFormula(s, "F2", "A2+1")
		_ = f.SetCellValue(s, "F2", 7707083894)          // the cached result
		num, _ := f.NewStyle(&excelize.Style{NumFmt: 1}) // "0"
		_ = f.SetCellStyle(s, "A2", "A2", num)
		bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}) // General, but styled
		_ = f.SetCellStyle(s, "D2", "D2", bold)
		_ = f.SetCellValue(s, "G1", "Счёт")
		_ = f.SetCellDefault(s, "G2", "4.0702810938E+19") // a 20-digit account as Excel stores the number
	})
	r, err := Open(writeFile(t, "numbers.xlsx", data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"7707083893", "1234.5", "0012", "500100732259", "01-01-26", "7707083894", "4.0702810938E+19"}
	if len(rows) != 1 || !reflect.DeepEqual(rows[0].Cells, want) {
		t.Errorf("rows = %q, want one row %q", rows, want)
	}
}

func TestExactNumber(t *testing.T) {
	tests := []struct{ shown, raw, want string }{
		{"5.001007323E+11", "500100732259", "500100732259"},
		{"7.71E+09", "7707083893", "7707083893"},
		{"1234.5", "1234.5", "1234.5"},
		{"1.23E+03", "1234.5", "1.23E+03"}, // not an integer: as shown
		{"40702810938000000000", "4.0702810938E+19", "4.0702810938E+19"},
		{"40 702 810 938 000 000 000,00", "4.0702810938E+19", "40 702 810 938 000 000 000,00"},
		{"01.01.2026", "46023", "01.01.2026"},
		{"EUR", "EUR", "EUR"},
		{"40702810900000001234", "40702810900000001234", "40702810900000001234"}, // text
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.shown, func(t *testing.T) {
			if got := exactNumber(tt.shown, tt.raw); got != tt.want {
				t.Errorf("exactNumber(%q, %q) = %q, want %q", tt.shown, tt.raw, got, tt.want)
			}
		})
	}
}

func TestXLSXSheetChoice(t *testing.T) {
	tests := []struct {
		name      string
		fill      func(f *excelize.File)
		header    []string
		headerRow int
		wantErr   error
	}{
		{
			name: "first sheet empty, second used",
			fill: func(f *excelize.File) {
				_, _ = f.NewSheet("Клиенты")
				_ = f.SetSheetRow("Клиенты", "B3", &[]any{"Name", "INN"})
			},
			header: []string{"", "Name", "INN"}, headerRow: 3,
		},
		{
			name: "hidden sheet skipped while a visible one has rows",
			fill: func(f *excelize.File) {
				_ = f.SetSheetRow("Sheet1", "A1", &[]any{"secret"})
				_, _ = f.NewSheet("Data")
				_ = f.SetSheetRow("Data", "A1", &[]any{"Name"})
				f.SetActiveSheet(1)
				_ = f.SetSheetVisible("Sheet1", false)
			},
			header: []string{"Name"}, headerRow: 1,
		},
		{
			name:    "no rows anywhere",
			fill:    func(f *excelize.File) { _, _ = f.NewSheet("Другой") },
			wantErr: ErrEmpty,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(xlsxBytes(t, tt.fill)))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if !reflect.DeepEqual(r.Header(), tt.header) || r.HeaderRow() != tt.headerRow {
				t.Errorf("Header() = %q at row %d, want %q at %d", r.Header(), r.HeaderRow(), tt.header, tt.headerRow)
			}
		})
	}
}

func TestXLSXRowNumbers(t *testing.T) {
	data := xlsxBytes(t, func(f *excelize.File) {
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Name", "INN"})
		_ = f.SetSheetRow("Sheet1", "A3", &[]any{"  Acme  "})
		_ = f.SetSheetRow("Sheet1", "A4", &[]any{"", ""})
		_ = f.SetSheetRow("Sheet1", "B7", &[]any{"7707083893", "extra"})
	})
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{3, []string{"Acme"}}, {7, []string{"", "7707083893", "extra"}}}
	if r.HeaderRow() != 2 || !reflect.DeepEqual(rows, want) {
		t.Errorf("header row %d, rows %q; want 2, %q", r.HeaderRow(), rows, want)
	}
}

// Progress rises to 1 as a file is read: by bytes for CSV, by rows for XLSX.
func TestProgress(t *testing.T) {
	var csvData strings.Builder
	csvData.WriteString("Name,Phone\n")
	for i := range 50000 {
		csvData.WriteString("Customer " + itoa(i) + ",+7 916 000-00-00\n")
	}
	book := xlsxBytes(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "Name")
		for i := 2; i <= 2001; i++ {
			f.SetCellValue("Sheet1", "A"+itoa(i), "Customer "+itoa(i))
		}
		// Excel and LibreOffice record the used range; excelize leaves "A1".
		if err := f.SetSheetDimension("Sheet1", "A1:A2001"); err != nil {
			t.Fatal(err)
		}
	})
	for name, data := range map[string][]byte{"big.csv": []byte(csvData.String()), "book.xlsx": book} {
		r, err := Open(writeFile(t, name, data))
		if err != nil {
			t.Fatal(err)
		}
		var seen []float64
		for n := 0; ; n++ {
			_, _, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if n%500 == 0 {
				seen = append(seen, r.Progress())
			}
		}
		last := r.Progress()
		r.Close()
		if last < 0.999 || last > 1 {
			t.Errorf("%s: progress at the end %v, want 1", name, last)
		}
		if seen[0] >= 0.9 {
			t.Errorf("%s: progress after the first row %v, want well below 1", name, seen[0])
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] < seen[i-1] {
				t.Errorf("%s: progress went back from %v to %v", name, seen[i-1], seen[i])
			}
		}
	}
}

// A workbook that does not record its used range has no progress to tell.
func TestProgressUnknown(t *testing.T) {
	book := xlsxBytes(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "Name")
		f.SetCellValue("Sheet1", "A2", "ACME")
	})
	r, err := Open(writeFile(t, "b.xlsx", book))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	if p := r.Progress(); p != 0 {
		t.Errorf("progress %v, want 0 (unknown)", p)
	}
}
