package docpdf_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/reports/docpdf"
)

func TestFileName(t *testing.T) {
	inv := pack(t, model.DocInvoice, 1)
	enInv := inv
	enInv.Doc.Lang, enInv.Doc.Number = "en", "INV-2026-0042"
	enInv.Customer.ShortName = "Acme Trading Ltd."
	draft := pack(t, model.DocQuote, 1)
	draft.Doc.Number = ""
	odd := pack(t, model.DocWaybill, 1)
	odd.Doc.Number = "ТН/2026/7"
	odd.Customer.ShortName = `ИП "Сидоров: опт|розница" <*?>`
	stmt := pack(t, model.DocStatement, 0)
	stmt.Customer = model.Customer{}
	long := pack(t, model.DocContract, 0)
	long.Customer.ShortName = strings.Repeat("Очень длинное название ", 20)
	for _, tc := range []struct {
		name string
		p    model.PrintPack
		want string
	}{
		{"invoice", inv, "Счёт СЧ-2026-0001 ООО Ёлки и Палки.pdf"},
		{"english", enInv, "Invoice INV-2026-0042 Acme Trading Ltd.pdf"},
		{"draft", draft, "КП черновик ООО Ёлки и Палки.pdf"},
		{"forbidden characters", odd, "Накладная ТН-2026-7 ИП Сидоров- опт-розница.pdf"},
		{"statement by name", stmt, "Акт сверки АС-2026-002 ООО Ёлки и Палки.pdf"},
		{"credit note", pack(t, model.DocCreditNote, 1), "Корректировка КР-2026-001 ООО Ёлки и Палки.pdf"},
		{"empty", model.PrintPack{}, "черновик.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := docpdf.FileName(tc.p); got != tc.want {
				t.Errorf("FileName = %q, want %q", got, tc.want)
			}
		})
	}
	if got := docpdf.FileName(long); len([]rune(got)) > 124 || strings.HasSuffix(strings.TrimSuffix(got, ".pdf"), " ") {
		t.Errorf("long name %q (%d characters)", got, len([]rune(got)))
	}
}

// listDir returns the file names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	invoice := pack(t, model.DocInvoice, 2)
	// A file by the first name is already there: it is kept.
	if err := os.WriteFile(filepath.Join(dir, "Счёт СЧ-2026-0001 ООО Ёлки и Палки.pdf"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	packs := []model.PrintPack{invoice, pack(t, model.DocWaybill, 2), invoice, pack(t, model.DocContract, 0), invoice,
		pack(t, model.DocStatement, 0), pack(t, model.DocQuote, 1)}
	for i := range packs {
		packs[i].Doc.Note = "документ " + string(rune('A'+i))
	}
	var mu sync.Mutex
	var calls []int
	err := docpdf.WriteAll(t.Context(), len(packs), func(i int) (model.PrintPack, error) { return packs[i], nil }, dir,
		func(done int) {
			mu.Lock()
			calls = append(calls, done)
			mu.Unlock()
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Договор Д-2026-003 ООО Ёлки и Палки.pdf",
		"КП КП-2026-0007 ООО Ёлки и Палки.pdf",
		"Акт сверки АС-2026-002 ООО Ёлки и Палки.pdf",
		"Накладная ТН-2026-0001 ООО Ёлки и Палки.pdf",
		"Счёт СЧ-2026-0001 ООО Ёлки и Палки (2).pdf",
		"Счёт СЧ-2026-0001 ООО Ёлки и Палки (3).pdf",
		"Счёт СЧ-2026-0001 ООО Ёлки и Палки (4).pdf",
		"Счёт СЧ-2026-0001 ООО Ёлки и Палки.pdf",
	}
	sort.Strings(want)
	if got := listDir(t, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("files\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if old, _ := os.ReadFile(filepath.Join(dir, "Счёт СЧ-2026-0001 ООО Ёлки и Палки.pdf")); string(old) != "old" {
		t.Error("an existing file was overwritten")
	}
	if len(calls) != len(packs) {
		t.Errorf("progress called %d times, want %d", len(calls), len(packs))
	}
	for i, c := range calls {
		if c != i+1 {
			t.Errorf("progress calls %v, want 1, 2, 3 …", calls)
			break
		}
	}
	// Names go in the order of the documents: the invoices A, C, E are
	// (2), (3), (4).
	for suffix, note := range map[string]string{" (2)": "документ A", " (3)": "документ C", " (4)": "документ E"} {
		path := filepath.Join(dir, "Счёт СЧ-2026-0001 ООО Ёлки и Палки"+suffix+".pdf")
		if text := collapse(pdfText(t, path, 0, 0)); !strings.Contains(text, "Примечание: "+note) {
			t.Errorf("%s is not %s", filepath.Base(path), note)
		}
	}
}

func TestWriteAllCancel(t *testing.T) {
	dir := t.TempDir()
	p := pack(t, model.DocInvoice, 3)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got atomic.Int64
	var cancelled time.Time
	const n = 500
	err := docpdf.WriteAll(ctx, n, func(i int) (model.PrintPack, error) {
		got.Add(1)
		q := p
		q.Doc.Number = p.Doc.Number + "-" + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
		return q, nil
	}, dir, func(done int) {
		if done == 5 {
			cancelled = time.Now()
			cancel()
		}
	})
	stopped := time.Since(cancelled)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("WriteAll returned %v, want context.Canceled", err)
	}
	if stopped > 2*time.Second {
		t.Errorf("it took %v to stop after the cancel", stopped)
	}
	files := listDir(t, dir)
	if len(files) < 5 || len(files) >= n {
		t.Errorf("%d files after cancelling at the fifth", len(files))
	}
	for _, f := range files {
		if !strings.HasSuffix(f, ".pdf") {
			t.Errorf("left behind: %s", f)
		}
	}
	if got.Load() > 5+2*int64(max(2, len(files))) {
		t.Errorf("%d documents fetched after the cancel at 5", got.Load())
	}

	// Cancelled before it starts: nothing is written.
	empty := t.TempDir()
	if err := docpdf.WriteAll(ctx, 3, func(int) (model.PrintPack, error) { return p, nil }, empty, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled context: %v", err)
	}
	if files := listDir(t, empty); len(files) != 0 {
		t.Errorf("files %q", files)
	}
}

func TestWriteAllError(t *testing.T) {
	dir := t.TempDir()
	p := pack(t, model.DocInvoice, 2)
	boom := errors.New("database gone")
	err := docpdf.WriteAll(t.Context(), 50, func(i int) (model.PrintPack, error) {
		if i == 7 {
			return model.PrintPack{}, boom
		}
		q := p
		q.Doc.Number = p.Doc.Number + "-" + string(rune('A'+i%26)) + string(rune('A'+i/26))
		return q, nil
	}, dir, nil)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "document 7") {
		t.Errorf("WriteAll returned %v, want the error of document 7", err)
	}
	for _, f := range listDir(t, dir) {
		if strings.HasSuffix(f, ".part") {
			t.Errorf("left behind: %s", f)
		}
	}
	// A bad document fails the export with its index.
	bad := p
	bad.Doc.Kind = "receipt"
	err = docpdf.WriteAll(t.Context(), 1, func(int) (model.PrintPack, error) { return bad, nil }, t.TempDir(), nil)
	if !errors.Is(err, docpdf.ErrKind) {
		t.Errorf("an unknown kind: %v", err)
	}
}
