package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

func TestStatementDialog(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("accountant", repo.DemoPassword)
	f := newPayFixture(h)
	inv := f.invoice(1)
	dones := 0
	s := openStatementDialog(h.a, f.cust.ID, func() { dones++ })
	day := today()
	if got, want := s.f.text("period_from"), h.a.dayInput(time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)); got != want {
		t.Errorf("from: got %q, want %q", got, want)
	}
	if got, want := s.f.text("period_to"), h.a.dayInput(day); got != want {
		t.Errorf("to: got %q, want %q", got, want)
	}

	s.f.setText("period_from", "someday")
	test.Tap(s.fd.save)
	if got := s.f.errorOf("period_from"); got != en(msgDate) {
		t.Errorf("a bad date: %q", got)
	}
	s.f.setText("period_from", h.a.dayInput(day.AddDate(0, 0, 1)))
	test.Tap(s.fd.save)
	if got := s.f.errorOf("period_to"); got != en("doc.err.period") {
		t.Errorf("a period ending before it starts: %q", got)
	}
	s.f.setText("period_from", h.a.dayInput(time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)))
	test.Tap(s.fd.save)
	h.settle()
	if dones != 1 || s.fd.open {
		t.Fatalf("after making: done %d, dialog open %v", dones, s.fd.open)
	}
	d, err := h.session("accountant").FindDocumentByID(h.ctx, s.doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != model.DocStatement || !strings.HasPrefix(d.Number, fmt.Sprintf("АС-%d-", day.Year())) || d.Totals.Gross != inv.Totals.Gross {
		t.Errorf("statement %s %q, closing %d, want the invoice's %d", d.Kind, d.Number, d.Totals.Gross, inv.Totals.Gross)
	}
}
