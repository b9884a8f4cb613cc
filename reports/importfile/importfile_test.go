package importfile_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/reports/importfile"
)

func writeCSV(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func drain(t *testing.T, src model.ImportSource) ([]model.ImportChunk, error) {
	t.Helper()
	var out []model.ImportChunk
	for {
		c, err := src(t.Context())
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
}

func TestCustomersChunksAndProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("Наименование;ИНН;Телефон\n")
	for i := range 1203 {
		inn := ""
		if i == 700 {
			inn = "1234567890" // bad checksum
		}
		fmt.Fprintf(&b, "ООО «Строка %d»;%s;+7 916 %07d\n", i, inn, i)
	}
	path := writeCSV(t, b.String())
	f, err := importfile.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header := f.Header()
	cs, err := drain(t, f.Customers(t.Context(), model.GuessMapping(header), model.ImportLookups{}))
	if err != nil {
		t.Fatal(err)
	}
	var rowNums []int
	var probs []model.RowError
	prev := 0.0
	for i, c := range cs {
		if len(c.Rows)+len(c.Errs) > model.ImportChunkRows {
			t.Errorf("chunk %d holds %d rows and %d problems", i, len(c.Rows), len(c.Errs))
		}
		if c.Read < prev || c.Read > 1 {
			t.Errorf("chunk %d: read %v after %v", i, c.Read, prev)
		}
		prev = c.Read
		for _, r := range c.Rows {
			rowNums = append(rowNums, r.Row)
		}
		probs = append(probs, c.Errs...)
	}
	rows := len(rowNums)
	for i, n := range rowNums {
		want := i + 2
		if i >= 700 {
			want++ // row 702 has the problem
		}
		if n != want {
			t.Fatalf("row %d is numbered %d, want %d", i, n, want)
		}
	}
	if rows != 1202 || len(probs) != 1 || probs[0].Row != 702 || probs[0].Column != "ИНН" {
		t.Errorf("got %d rows and problems %+v; want 1202 rows and the INN of row 702", rows, probs)
	}
	if prev != 1 {
		t.Errorf("the last chunk says %v of the file was read, want 1", prev)
	}
}

// A row that cannot be read ends the file with a problem on that row; the
// rows before it are kept.
func TestCustomersUnreadableRow(t *testing.T) {
	path := writeCSV(t, "Name,Phone\nACME,+7 495 765-43-21\n\"Broken, quote,+7 495 1\nLater,+7 495 2\n")
	f, err := importfile.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, err := drain(t, f.Customers(t.Context(), model.GuessMapping(f.Header()), model.ImportLookups{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || len(cs[0].Rows) != 1 || len(cs[0].Errs) != 1 || cs[0].Errs[0].Msg != "import.unreadable" || cs[0].Errs[0].Row != 3 {
		t.Fatalf("got %+v, want ACME and an unreadable row 3", cs)
	}
}

// Closing the file while the reader is ahead of its consumer stops it.
func TestCloseStopsReader(t *testing.T) {
	var b strings.Builder
	b.WriteString("Name\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "Customer %d\n", i)
	}
	f, err := importfile.Open(writeCSV(t, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	src := f.Customers(t.Context(), model.GuessMapping(f.Header()), model.ImportLookups{})
	if _, err := src(t.Context()); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- f.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close hangs while the reader is ahead")
	}
	// What was read ahead may still come out, then the source ends.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for i := 0; ; i++ {
		if _, err := src(ctx); err != nil {
			break
		}
		if i > 10 {
			t.Fatal("a closed source keeps yielding chunks")
		}
	}
}
