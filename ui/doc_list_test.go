package ui

import (
	"context"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// gatedSales lets the first free print packs through and holds every later
// one until its context is cancelled: an export that can be cancelled
// halfway for certain.
type gatedSales struct {
	model.SalesService
	free  int32
	calls *atomic.Int32
}

func (g gatedSales) PrintPack(ctx context.Context, id string) (model.PrintPack, error) {
	if g.calls.Add(1) > g.free {
		<-ctx.Done()
		return model.PrintPack{}, ctx.Err()
	}
	return g.SalesService.PrintPack(ctx, id)
}

// docListOf opens the documents screen filtered to the fixture's customer.
func (h *harness) docListOf(f *orderFixture) *docList {
	h.t.Helper()
	l := newDocList(h.a).(*docList)
	h.a.shell.open(l)
	h.waitFor("the documents", func() bool { return !l.table.busy() })
	h.pickHit(l.cust, "Заказчик пров", f.cust.Name)
	h.waitFor("the customer's documents", func() bool { return !l.table.busy() })
	return l
}

func TestDocListFilters(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newOrderFixture(h)
	for range 3 {
		f.confirmed(1)
	}
	l := h.docListOf(f)
	if l.table.total != 9 || len(l.table.rows) != 9 {
		t.Fatalf("the customer's documents: %d counted, %d shown, want 9", l.table.total, len(l.table.rows))
	}
	if got, want := l.table.count.Text, h.a.N("docs.count", 9); got != want {
		t.Errorf("count: got %q, want %q", got, want)
	}
	pick(t, l.pay, string(model.PayUnpaid))
	h.settle()
	if l.f.Kind != model.DocInvoice || l.kind.value() != string(model.DocInvoice) || len(l.table.rows) != 3 {
		t.Fatalf("unpaid: kind %q, %d rows", l.f.Kind, len(l.table.rows))
	}
	if texts := docRowTexts(l.table, 0); texts[1] != en("doc_kind.invoice") || texts[6] != en("pay_state.unpaid") {
		t.Errorf("an unpaid invoice's row: %q", texts)
	}
	l.pay.sel.SetSelected(l.pay.any)
	l.kind.sel.SetSelected(l.kind.any)
	h.settle()
	if len(l.table.rows) != 9 {
		t.Errorf("all again: %d rows", len(l.table.rows))
	}
	test.Type(l.from, h.a.dayInput(today().AddDate(0, 0, 1)))
	h.settle()
	if len(l.table.rows) != 0 {
		t.Errorf("from tomorrow: %d rows", len(l.table.rows))
	}
	l.from.SetText("not a date")
	h.settle()
	if !l.msg.Visible() || l.msg.Text != en(msgDate) {
		t.Errorf("a bad date: %q", l.msg.Text)
	}
	l.from.SetText("")
	h.settle()
	l.table.list.Select(1)
	test.Tap(l.open)
	if v := h.docView(); v.d.ID != l.table.rows[1].ID || len(v.d.Lines) != 1 || v.lines.Length() != 1 {
		t.Errorf("opened %s with %d lines, selected %s", v.d.Number, len(v.d.Lines), l.table.rows[1].Number)
	}
}

// TestDocListExport exports the checked documents as PDFs, then cancels an
// export halfway: the files written stay, no part file is left.
func TestDocListExport(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newOrderFixture(h)
	for range 2 {
		f.confirmed(1)
	}
	l := h.docListOf(f)
	if !l.export.Disabled() {
		t.Error("export is enabled with nothing checked")
	}
	l.table.all.SetChecked(true)
	if got, want := l.export.Text, h.a.N("docs.export_n", 6); got != want || l.export.Disabled() {
		t.Errorf("export button: %q (disabled %v), want %q", got, l.export.Disabled(), want)
	}
	dir := t.TempDir()
	job := h.a.exportDocuments(l.table.checkedDocs(), dir)
	h.waitFor("the export", func() bool { return job.finished })
	h.settle()
	if job.err != nil || len(pdfsIn(t, dir)) != 6 {
		t.Fatalf("export: %v, files %q", job.err, pdfsIn(t, dir))
	}
	if want := h.a.N("docs.exported", 6, dir); !hasLabel(h.overlay(), want) {
		t.Errorf("after the export: %q, want %q", labelsIn(h.overlay()), want)
	}
	h.closeDialogs()

	calls := &atomic.Int32{}
	h.a.svc.Sales = gatedSales{SalesService: h.a.svc.Sales, free: 2, calls: calls}
	dir = t.TempDir()
	job = h.a.exportDocuments(l.table.checkedDocs(), dir)
	h.waitFor("two files", func() bool { return job.done.Load() == 2 && calls.Load() > 2 })
	if got, want := job.progress.label.Text, en("docs.export_progress", 2, 6); got != want {
		t.Errorf("progress: got %q, want %q", got, want)
	}
	test.Tap(buttonIn(t, h.overlay(), en("btn.cancel")))
	h.waitFor("the export to stop", func() bool { return job.finished })
	h.settle()
	if got := pdfsIn(t, dir); len(got) != 2 {
		t.Errorf("after cancelling: files %q, want 2", got)
	}
	if want := h.a.N("docs.export_cancelled", 2, 6, dir); !hasLabel(h.overlay(), want) {
		t.Errorf("after cancelling: %q, want %q", labelsIn(h.overlay()), want)
	}
}
