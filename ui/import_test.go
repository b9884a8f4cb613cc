package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/encoding/charmap"

	"sdelka/model"
	"sdelka/repo"
	"sdelka/reports/tabular"
)

// importCSV is a small file in Windows-1251 with ';' between cells: two good
// rows and one with a bad INN checksum (file row 3).
const importCSV = "Наименование;ИНН;Телефон;Регион\r\n" +
	"ООО «Импорт Один»;7707083893;+7 495 123-45-67;Москва\r\n" +
	"ООО «Импорт Плохой»;7707083894;;\r\n" +
	"ООО «Импорт Два»;;8 (812) 555-00-11;\r\n"

func TestImportWizard(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	h.loaded(h.customerList())
	before := h.countCustomers("admin", model.CustomerFilter{})
	tap(t, h.a.shell.content, en("customers.import"))
	w, ok := h.a.shell.screen.(*importWizard)
	if !ok {
		t.Fatalf("screen after Import: %T", h.a.shell.screen)
	}
	data, err := charmap.Windows1251.NewEncoder().String(importCSV)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "клиенты.csv")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	w.load(path)
	h.settle()

	t.Run("preview and mapping", func(t *testing.T) {
		if !strings.Contains(w.info.Text, "Windows-1251") || !strings.Contains(w.info.Text, "«;»") {
			t.Errorf("detected: %q, want Windows-1251 and «;»", w.info.Text)
		}
		var got []string
		for _, c := range w.mapping {
			got = append(got, c.value())
		}
		if want := []string{"name", "inn", "phone", "region"}; !slices.Equal(got, want) {
			t.Errorf("mapping: got %v, want %v", got, want)
		}
		if w.mapping[1].sel.Selected != en("field.inn") {
			t.Errorf("INN column shows %q", w.mapping[1].sel.Selected)
		}
		if !hasLabel(w.body, "ООО «Импорт Плохой»") || !hasLabel(w.body, "8 (812) 555-00-11") {
			t.Error("the preview does not show the file's rows")
		}
	})

	t.Run("a file with an error imports nothing", func(t *testing.T) {
		test.Tap(w.run)
		h.settle()
		if w.result == nil {
			t.Fatal("no result shown")
		}
		res := w.result.res
		if res.Imported != 0 || res.Updated != 0 {
			t.Errorf("imported %d, updated %d; want nothing", res.Imported, res.Updated)
		}
		if len(res.Errors) != 1 || res.Errors[0].Row != 3 || res.Errors[0].Column != "ИНН" || res.Errors[0].Msg != "valid.inn.checksum" {
			t.Fatalf("errors: %+v; want row 3, column ИНН, valid.inn.checksum", res.Errors)
		}
		if r, _ := w.result.table.Length(); r != 1 {
			t.Errorf("error table rows: got %d, want 1", r)
		}
		for col, want := range map[string]string{"row": "3", "column": "ИНН", "problem": en("valid.inn.checksum"), "value": "7707083894"} {
			if got := w.errorCell(res.Errors[0], col); got != want {
				t.Errorf("error %s: got %q, want %q", col, got, want)
			}
		}
		if !strings.Contains(w.result.summary.Text, en("import.nothing_imported")) {
			t.Errorf("summary %q does not say nothing was imported", w.result.summary.Text)
		}
		if got := h.countCustomers("admin", model.CustomerFilter{}); got != before {
			t.Errorf("customers: got %d, want %d", got, before)
		}
		var report bytes.Buffer
		if err := w.writeReport(&report, tabular.CSV); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(report.String(), en("valid.inn.checksum")) || !strings.Contains(report.String(), "3;ИНН;") {
			t.Errorf("error report:\n%s", report.String())
		}
	})

	t.Run("skip invalid rows imports the good ones", func(t *testing.T) {
		w.skip.SetChecked(true)
		test.Tap(w.run)
		h.settle()
		res := w.result.res
		if res.Imported != 2 || len(res.Errors) != 1 {
			t.Fatalf("imported %d with %d errors; want 2 and 1", res.Imported, len(res.Errors))
		}
		one, ok := h.customerNamed("ООО «Импорт Один»")
		if !ok || one.INN != "7707083893" || one.RegionCode == "" {
			t.Errorf("first row: %+v (found %v)", one, ok)
		}
		if _, ok := h.customerNamed("ООО «Импорт Два»"); !ok {
			t.Error("the third row was not imported")
		}
		if _, ok := h.customerNamed("ООО «Импорт Плохой»"); ok {
			t.Error("the bad row was imported")
		}
		if got := h.countCustomers("admin", model.CustomerFilter{}); got != before+2 {
			t.Errorf("customers: got %d, want %d", got, before+2)
		}
	})
}

func TestExportCustomers(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	f := model.CustomerFilter{Query: "ООО", Sort: model.SortByINN}
	want := h.findCustomers("admin", f)
	if len(want) == 0 {
		t.Fatal("demo data: no customer matches ООО")
	}
	for _, format := range []tabular.Format{tabular.CSV, tabular.XLSX} {
		t.Run(string(format), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out."+string(format))
			out, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			h.a.exportCustomers(f, len(want), format, out, path)
			h.settle()
			if h.win.Canvas().Overlays().Top() != nil {
				t.Fatal("a dialog is open after the export (an error?)")
			}
			r, err := tabular.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if got := r.Header(); !slices.Equal(got, model.ImportTemplateHeader("en")) {
				t.Errorf("header: got %v", got)
			}
			var names []string
			for {
				_, cells, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				names = append(names, cells[0])
			}
			if len(names) != len(want) || names[0] != want[0].Name || names[len(names)-1] != want[len(want)-1].Name {
				t.Errorf("rows: got %d (%q … %q), want %d (%q … %q)", len(names), first(names), last(names), len(want), want[0].Name, want[len(want)-1].Name)
			}
		})
	}
}

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

func last(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[len(xs)-1]
}

// blockingImport holds ImportCustomers until its context is cancelled, then
// lets the store see the cancelled context.
type blockingImport struct {
	model.CustomerService
	started chan struct{}
}

func (b blockingImport) ImportCustomers(ctx context.Context, src model.ImportSource, o model.ImportOptions,
	progress func(model.ImportProgress)) (model.ImportResult, error) {
	progress(model.ImportProgress{})
	close(b.started)
	<-ctx.Done()
	return b.CustomerService.ImportCustomers(ctx, src, o, progress)
}

func TestImportCancel(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	before := h.countCustomers("admin", model.CustomerFilter{})
	started := make(chan struct{})
	h.a.svc.Customers = blockingImport{h.a.svc.Customers, started}
	w := newImportWizard(h.a)
	h.a.shell.push(w)
	path := filepath.Join(t.TempDir(), "good.csv")
	if err := os.WriteFile(path, []byte("Name,Phone\nACME Ltd,+7 495 765-43-21\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w.load(path)
	h.settle()
	test.Tap(w.run)
	<-started
	h.fa.drv.pump()
	tap(t, h.overlay(), en("btn.cancel"))
	h.settle()
	if top := h.win.Canvas().Overlays().Top(); top == nil || !hasLabel(top, en("import.cancelled")) {
		t.Fatal("no «cancelled» message after Cancel")
	}
	if got := h.countCustomers("admin", model.CustomerFilter{}); got != before {
		t.Errorf("customers after a cancelled import: got %d, want %d", got, before)
	}
	if _, ok := h.customerNamed("ACME Ltd"); ok {
		t.Error("the cancelled import left a customer behind")
	}
}
