package repo_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"sdelka/model"
)

// chunks is a source that yields the given chunks, then io.EOF (or fail).
func chunks(fail error, cs ...model.ImportChunk) model.ImportSource {
	i := 0
	return func(ctx context.Context) (model.ImportChunk, error) {
		if i == len(cs) {
			if fail != nil {
				return model.ImportChunk{}, fail
			}
			return model.ImportChunk{}, io.EOF
		}
		i++
		return cs[i-1], nil
	}
}

func importRows(from, n int) []model.CustomerImport {
	rows := make([]model.CustomerImport, n)
	for i := range rows {
		k := from + i
		rows[i] = model.CustomerImport{Row: k + 2, Customer: model.Customer{Name: fmt.Sprintf("ООО «Поток %d»", k), Email: fmt.Sprintf("flow%d@x.ru", k)},
			Contact: &model.Contact{Name: "Анна Смирнова", Phones: []string{fmt.Sprintf("+7 916 %07d", k)}}}
	}
	return rows
}

// A problem reported after rows were already written (a later chunk) still
// means nothing is imported, and every row is counted as skipped.
func TestImportLateProblemImportsNothing(t *testing.T) {
	s, _ := newStore(t)
	head := s.Session(setupTeam(t, s).head)
	before, _ := head.CountCustomers(t.Context(), model.CustomerFilter{})
	bad := model.RowError{Row: 1300, Column: "ИНН", Msg: model.MsgINNChecksum, Value: "1234567890"}
	src := chunks(nil,
		model.ImportChunk{Rows: importRows(0, 500), Read: 0.4},
		model.ImportChunk{Rows: importRows(500, 500), Read: 0.8},
		model.ImportChunk{Rows: importRows(1000, 200), Errs: []model.RowError{bad}, Read: 1})
	res, err := head.ImportCustomers(t.Context(), src, model.ImportOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 0 || res.Updated != 0 || res.Skipped != 1201 || len(res.Errors) != 1 || res.Errors[0] != bad {
		t.Errorf("result: imported %d, updated %d, skipped %d, errors %v; want 0, 0, 1201, [%v]", res.Imported, res.Updated, res.Skipped, res.Errors, bad)
	}
	if after, _ := head.CountCustomers(t.Context(), model.CustomerFilter{}); after != before {
		t.Errorf("a rejected import changed the count from %d to %d", before, after)
	}
	mustCheck(t, s)

	// With SkipInvalid the same file imports its good rows.
	src = chunks(nil,
		model.ImportChunk{Rows: importRows(0, 500)},
		model.ImportChunk{Rows: importRows(500, 500)},
		model.ImportChunk{Rows: importRows(1000, 200), Errs: []model.RowError{bad}})
	var seen []model.ImportProgress
	res, err = head.ImportCustomers(t.Context(), src, model.ImportOptions{SkipInvalid: true}, func(p model.ImportProgress) { seen = append(seen, p) })
	if err != nil || res.Imported != 1200 || res.Skipped != 1 {
		t.Fatalf("skip invalid: %+v, %v", res, err)
	}
	if len(seen) != 3 || seen[2].Rows != 1201 {
		t.Errorf("progress: %+v, want three reports ending at 1201 rows", seen)
	}
	if after, _ := head.CountCustomers(t.Context(), model.CustomerFilter{}); after != before+1200 {
		t.Errorf("count %d, want %d", after, before+1200)
	}
	hits, err := head.SearchCustomers(t.Context(), "поток 1199", 5)
	if err != nil || len(hits) == 0 || hits[0].Customer.Name != "ООО «Поток 1199»" {
		t.Errorf("the last imported row is not searchable: %+v, %v", hits, err)
	}
	hits, _ = head.SearchCustomers(t.Context(), "8 916 000-00-07", 5)
	if len(hits) != 1 || hits[0].Customer.Name != "ООО «Поток 7»" {
		t.Errorf("a contact's phone is not searchable: %+v", hits)
	}
	mustCheck(t, s)
}

// A source that fails halfway fails the import and leaves nothing behind.
func TestImportSourceFailureRollsBack(t *testing.T) {
	s, _ := newStore(t)
	head := s.Session(setupTeam(t, s).head)
	before, _ := head.CountCustomers(t.Context(), model.CustomerFilter{})
	boom := errors.New("disk gone")
	_, err := head.ImportCustomers(t.Context(), chunks(boom, model.ImportChunk{Rows: importRows(0, 500)}, model.ImportChunk{Rows: importRows(500, 10)}),
		model.ImportOptions{}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the source's error", err)
	}
	if after, _ := head.CountCustomers(t.Context(), model.CustomerFilter{}); after != before {
		t.Errorf("a failed import changed the count from %d to %d", before, after)
	}
	// The store still works: the next import succeeds.
	res, err := head.ImportCustomers(t.Context(), model.RowsSource(importRows(0, 3), nil), model.ImportOptions{}, nil)
	if err != nil || res.Imported != 3 {
		t.Fatalf("import after a failed one: %+v, %v", res, err)
	}
	mustCheck(t, s)
}

// Rows of one file that match each other across chunks: with Update, a later
// row updates the customer an earlier row created (whose search entry is
// written at the end, as it is then); without it, the later row is skipped.
func TestImportMatchesAcrossChunks(t *testing.T) {
	for _, update := range []bool{false, true} {
		t.Run(fmt.Sprint("update=", update), func(t *testing.T) {
			s, _ := newStore(t)
			head := s.Session(setupTeam(t, s).head)
			first := importRows(0, 500)
			again := []model.CustomerImport{{Row: 900, Customer: model.Customer{Name: "ООО «Поток 3» (новое)", Email: "FLOW3@x.ru", Note: "из второго куска"}}}
			res, err := head.ImportCustomers(t.Context(), chunks(nil, model.ImportChunk{Rows: first}, model.ImportChunk{Rows: again}),
				model.ImportOptions{Update: update}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := model.ImportResult{Imported: 500, Skipped: 1}
			if update {
				want = model.ImportResult{Imported: 500, Updated: 1}
			}
			if res.Imported != want.Imported || res.Updated != want.Updated || res.Skipped != want.Skipped {
				t.Errorf("got %+v, want %+v", res, want)
			}
			hits, _ := head.SearchCustomers(t.Context(), "новое", 5)
			if update != (len(hits) == 1) {
				t.Errorf("search for the updated name: %+v", hits)
			}
			mustCheck(t, s)
		})
	}
}
