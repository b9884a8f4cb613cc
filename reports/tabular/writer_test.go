package tabular

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// tricky rows: Cyrillic, quotes, line breaks, both delimiters, leading
// zeros, long digit strings and spaces that must survive a round trip.
var tricky = [][]string{
	{"Наименование", "ИНН", "Расчётный счёт", "Примечание", "Телефон"},
	{`ООО "Ромашка"`, "7707083893", "40702810900000001234", "строка 1\nстрока 2", "+7 (495) 123-45-67"},
	{"ИП Пётр; Ёлкин, и сыновья", "500100732259", "00012", "кавычка \" и ;,\tтаб", "89161234567"},
	{"Acme, Inc.", "0274062111", "", `"в кавычках"`, "=1+1"},
	{"only one cell"},
}

func TestCSVRoundTrip(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWriter(&b, CSV, "ignored")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tricky {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if !bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
		t.Errorf("no UTF-8 byte order mark: % x", out[:3])
	}
	if first := string(out[3 : bytes.IndexByte(out, '\n')+1]); first != "Наименование;ИНН;Расчётный счёт;Примечание;Телефон\r\n" {
		t.Errorf("header line = %q, want ';'-separated with CRLF", first)
	}
	r := mustCSV(t, out)
	if r.Encoding() != "utf-8-bom" || r.Delimiter() != ';' {
		t.Errorf("read back as %s with %q, want utf-8-bom with ';'", r.Encoding(), r.Delimiter())
	}
	assertRoundTrip(t, r)
}

func TestXLSXRoundTrip(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWriter(&b, XLSX, "Клиенты: выгрузка [май]/2026 и ещё немного")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tricky {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"late"}); err == nil {
		t.Error("Write after Close succeeded, want an error")
	}
	path := writeFile(t, "out.xlsx", b.Bytes())
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	assertRoundTrip(t, r)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := "Клиенты_ выгрузка _май__2026 и " // sanitised, 31 characters
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{sheet}) {
		t.Fatalf("sheets = %q, want [%q]", got, sheet)
	}
	for _, cell := range []string{"B2", "C3", "B4", "E3", "E4"} {
		typ, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset || typ == excelize.CellTypeFormula {
			t.Errorf("cell %s has type %v, want text", cell, typ)
		}
	}
	style, _ := f.GetCellStyle(sheet, "A1")
	st, err := f.GetStyle(style)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header cell style = %+v, %v; want bold", st, err)
	}
	if body, _ := f.GetCellStyle(sheet, "A2"); body == style {
		t.Error("body cells are bold too")
	}
}

func assertRoundTrip(t *testing.T, r *Reader) {
	t.Helper()
	if !reflect.DeepEqual(r.Header(), tricky[0]) {
		t.Errorf("Header() = %q, want %q", r.Header(), tricky[0])
	}
	got, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	var want []row
	for i, cells := range tricky[1:] {
		want = append(want, row{i + 2, cells})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows =\n%q\nwant\n%q", got, want)
	}
}

func TestNewWriterErrors(t *testing.T) {
	if _, err := NewWriter(io.Discard, "ods", "x"); err == nil {
		t.Error("NewWriter(ods) succeeded, want an error")
	}
}

func TestSheetName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Customers", "Customers"},
		{"", "Sheet1"},
		{"  'quoted'  ", "quoted"},
		{"a/b\\c?d*e[f]g:h", "a_b_c_d_e_f_g_h"},
		{strings.Repeat("Ж", 40), strings.Repeat("Ж", 31)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := sheetName(tt.in); got != tt.want {
				t.Errorf("sheetName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatForPath(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{{"a.xlsx", XLSX}, {"A.XLSX", XLSX}, {"a.csv", CSV}, {"a.txt", CSV}, {"a", CSV}}
	for _, tt := range tests {
		if got := FormatForPath(tt.path); got != tt.want {
			t.Errorf("FormatForPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestLargeCSVStreams reads a ~50 MB file and checks the heap stays small:
// the reader must never hold more than a row.
func TestLargeCSVStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB file")
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	bw.WriteString("Наименование;ИНН;Адрес;Примечание\r\n")
	rows := 0
	for size := 0; size < 50<<20; rows++ {
		n, _ := fmt.Fprintf(bw, "ООО «Ромашка %d»;%010d;\"г. Москва, ул. Тверская, д. %d\";\"строка\r\nещё строка\"\r\n", rows, rows, rows%300)
		size += n
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64

	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n, last := 0, 0
	for {
		row, cells, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(cells) != 4 || cells[3] != "строка\nещё строка" {
			t.Fatalf("row %d = %q", row, cells)
		}
		n, last = n+1, row
		if n%50000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if n != rows || last != rows+1 {
		t.Errorf("read %d rows, last row %d; want %d, %d", n, last, rows, rows+1)
	}
	if grown := int64(peak) - int64(base); grown > 32<<20 {
		t.Errorf("heap grew by %d MiB while streaming, want it flat (< 32 MiB)", grown>>20)
	}
}
