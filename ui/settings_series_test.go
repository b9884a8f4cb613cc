package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
	"sdelka/repo"
)

// openSeries opens the numbering screen from the settings, as a user would.
func (h *harness) openSeries() *seriesScreen {
	h.t.Helper()
	s := h.openNav("settings").(*settings)
	tap(h.t, s.tab(h.t, h.a.T("settings.company")), h.a.T("settings.series_open"))
	h.settle()
	sc, ok := h.a.shell.screen.(*seriesScreen)
	if !ok {
		h.t.Fatalf("screen is %T, want *seriesScreen", h.a.shell.screen)
	}
	h.waitFor("the series", func() bool { return sc.loaded })
	return sc
}

// storedMask is the mask of kind in the database.
func (h *harness) storedMask(kind model.DocKind) string {
	h.t.Helper()
	ss, err := h.session("admin").NumberSeries(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, s := range ss {
		if s.Kind == kind {
			return s.Mask
		}
	}
	h.t.Fatalf("no series of %s", kind)
	return ""
}

func TestSeriesMasks(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	sc := h.openSeries()
	inv := sc.rows[model.DocInvoice]
	if got, want := inv.mask.Text, model.DefaultSeries[model.DocInvoice]; got != want {
		t.Errorf("invoice mask: got %q, want %q", got, want)
	}
	if got, want := inv.preview.Text, en("series.example", fmt.Sprintf("СЧ-%d-0001", today().Year())); got != want {
		t.Errorf("preview: got %q, want %q", got, want)
	}

	t.Run("a bad mask is refused", func(t *testing.T) {
		inv.mask.SetText("СЧ-{YYYY}")
		if !inv.msg.Visible() || inv.msg.Text != en("series.err.mask") || inv.preview.Text != "" {
			t.Errorf("no counter: message %q (shown %v), preview %q", inv.msg.Text, inv.msg.Visible(), inv.preview.Text)
		}
		test.Tap(sc.save)
		h.settle()
		if got := h.storedMask(model.DocInvoice); got != model.DefaultSeries[model.DocInvoice] {
			t.Errorf("a bad mask was stored: %q", got)
		}
		if sc.status.Text != en("err.fix_fields") {
			t.Errorf("status: %q", sc.status.Text)
		}
		if _, err := h.session("admin").SaveNumberSeries(h.ctx, model.NumberSeries{Kind: model.DocInvoice, Mask: "СЧ-{YYYY}", Version: inv.s.Version}); err == nil {
			t.Error("the service stored a mask without a counter")
		}
	})

	t.Run("a good mask is saved", func(t *testing.T) {
		inv.mask.SetText("INV/{YY}/{N}")
		if inv.msg.Visible() {
			t.Fatalf("message for a good mask: %q", inv.msg.Text)
		}
		if got, want := inv.preview.Text, en("series.example", fmt.Sprintf("INV/%02d/1", today().Year()%100)); got != want {
			t.Errorf("preview: got %q, want %q", got, want)
		}
		test.Tap(sc.save)
		h.settle()
		if got := h.storedMask(model.DocInvoice); got != "INV/{YY}/{N}" {
			t.Errorf("stored: %q (status %q)", got, sc.status.Text)
		}
		if sc.status.Text != h.a.N("series.saved", 1) {
			t.Errorf("status: %q", sc.status.Text)
		}
	})
}

func TestSeriesReadOnlyForHead(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("head", repo.DemoPassword)
	sc := h.openSeries()
	if sc.save.Visible() || !sc.rows[model.DocOrder].mask.Disabled() {
		t.Errorf("a head can change the numbering: save %v", sc.save.Visible())
	}
	if sc.rows[model.DocOrder].mask.Text == "" {
		t.Error("the masks are not shown")
	}
}
