package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"testing"
)

var csvSeeds = []string{
	cyrCSV,
	"\uFEFF" + cyrCSV,
	"a;b\r\n1;2\r\n",
	"a\tb\n1\t2\n",
	"a,b,c\n1\n1,2,3,4\n",
	"a;b\n\"x\ny\";z\n",
	"a;b\n1;\"ООО \"Ромашка\"\";7\n2;\"x\";y\n",
	"a;b\n\"unclosed;x\n",
	"sep=,\na,b\n",
	"\n\n;;\n",
	"",
	"\"",
	"\"\"\"",
	"a\r",
	"\"a\"b\"\n",
}

// FuzzCSVReader: the reader never panics and always ends, with io.EOF or an
// error, within as many rows as the input has bytes.
func FuzzCSVReader(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Add(cp1251(f, cyrCSV))
	f.Add(utf16le(f, cyrCSV))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewCSVReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("more rows than bytes in %q", data)
			}
			row, cells, err := r.Next()
			if err != nil {
				if _, _, again := r.Next(); !errors.Is(again, err) && again.Error() != err.Error() {
					t.Fatalf("Next after %v returned %v", err, again)
				}
				return
			}
			if row <= r.HeaderRow() || blank(cells) {
				t.Fatalf("row %d (header %d) cells %q", row, r.HeaderRow(), cells)
			}
		}
	})
}

// FuzzCSVParserMatchesEncodingCSV: on every input encoding/csv reads without
// complaint in strict mode, the parser gives the same records (except that
// it reports blank lines, which encoding/csv skips).
func FuzzCSVParserMatchesEncodingCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s), byte(';'))
	}
	f.Add([]byte("a,\"b\r\nc\",d\r\n\r\ne,f"), byte(','))
	f.Fuzz(func(t *testing.T, data []byte, comma byte) {
		if comma != ';' && comma != ',' && comma != '\t' {
			comma = ';'
		}
		cr := csv.NewReader(bytes.NewReader(data))
		cr.Comma, cr.FieldsPerRecord = rune(comma), -1
		want, err := cr.ReadAll()
		if err != nil {
			return
		}
		p := newCSVParser(bufio.NewReaderSize(bytes.NewReader(data), 16), comma)
		var got [][]string
		for {
			_, rec, err := p.read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				// Stricter on purpose: a quoted cell holding an undoubled quote
				// and a line break. encoding/csv never accepts an undoubled
				// quote in strict mode, so this cannot happen here.
				t.Fatalf("parser error %v on %q, encoding/csv read %q", err, data, want)
			}
			if len(rec) == 1 && rec[0] == "" {
				continue
			}
			got = append(got, rec)
		}
		var wantNoBlank [][]string
		for _, rec := range want {
			if !(len(rec) == 1 && rec[0] == "") {
				wantNoBlank = append(wantNoBlank, rec)
			}
		}
		if !reflect.DeepEqual(got, wantNoBlank) {
			t.Fatalf("on %q:\n got %q\nwant %q", data, got, wantNoBlank)
		}
	})
}
