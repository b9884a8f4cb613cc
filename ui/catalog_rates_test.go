package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/repo"
)

// rateShown is the text of a column of the rates table in the currency's row.
func rateShown(t *testing.T, r *ratesScreen, currency, col string) string {
	t.Helper()
	for i, x := range r.rates {
		if x.Currency != currency {
			continue
		}
		for j, c := range rateColumns {
			if c.key == col {
				l := widget.NewLabel("")
				r.cell(widget.TableCellID{Row: i, Col: j}, l)
				return l.Text
			}
		}
	}
	t.Fatalf("no %s row among %d rates", currency, len(r.rates))
	return ""
}

func (h *harness) rateOn(currency string, day time.Time) model.ExchangeRate {
	h.t.Helper()
	rates, err := h.session("admin").Rates(h.ctx, day)
	if err != nil {
		h.t.Fatal(err)
	}
	x, _ := model.RateOn(rates, currency, day)
	return x
}

func TestRatesScreen(t *testing.T) {
	h := newHarness(t, true, "en")
	h.login("admin", repo.DemoPassword)
	fileDay := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	if err := h.session("admin").SaveRates(h.ctx, []model.ExchangeRate{{Currency: "USD", Date: fileDay, Nominal: 1, ValueE4: 10000, Source: "manual"}}); err != nil {
		t.Fatal(err)
	}
	r, ok := h.openNav("rates").(*ratesScreen)
	if !ok {
		t.Fatalf("screen is %T, want *ratesScreen", h.a.shell.screen)
	}

	t.Run("a file that is not the Central Bank's changes nothing", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "rates.xml")
		if err := os.WriteFile(bad, []byte("USD;92,5678\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r.importFile(bad)
		h.settle()
		if want := en("rates.import_failed", "rates.xml", en("rates.not_cbr")); r.status.Text != want {
			t.Errorf("status: got %q, want %q", r.status.Text, want)
		}
		if x := h.rateOn("USD", fileDay); x.ValueE4 != 10000 {
			t.Errorf("USD after a failed import: %+v", x)
		}
	})

	t.Run("the Central Bank's file is imported and shown", func(t *testing.T) {
		r.importFile(filepath.Join("..", "reports", "cbr", "testdata", "XML_daily.xml"))
		h.settle()
		x := h.rateOn("USD", fileDay)
		if x.ValueE4 != 925678 || x.Nominal != 1 || x.Source != "cbr" {
			t.Fatalf("stored USD: %+v; status %q", x, r.status.Text)
		}
		if !r.day.Equal(fileDay) || r.date.Text != "2026-11-28" {
			t.Errorf("screen shows %v (%q), want the file's date", r.day, r.date.Text)
		}
		if got := rateShown(t, r, "USD", "per_unit"); got != "92.5678" {
			t.Errorf("USD per unit: got %q, want 92.5678", got)
		}
		if got, want := rateShown(t, r, "USD", "source"), en("rate_source.cbr"); got != want {
			t.Errorf("USD source: got %q, want %q", got, want)
		}
		cs, err := h.session("admin").Currencies(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		known := 0
		for _, c := range cs {
			if strings.Contains("USD EUR KZT CNY BYN GBP TRY JPY", c.Code) {
				known++ // in the file
			}
		}
		if !strings.HasPrefix(r.status.Text, catalog.Lang("en").N("rates.imported", int64(known), "2026-11-28")) ||
			!strings.Contains(r.status.Text, "AUD") || strings.Contains(r.status.Text, "USD,") {
			t.Errorf("status: %q; want %d imported and AUD among the skipped", r.status.Text, known)
		}
	})

	t.Run("a rate typed by hand", func(t *testing.T) {
		tap(t, h.a.shell.content, en("rates.add"))
		d := h.dialog()
		cur := findAll(d.root, func(s *widget.Select) bool { return s.PlaceHolder == en("choose") })
		if len(cur) != 1 {
			t.Fatalf("currency selects: %d", len(cur))
		}
		for _, o := range cur[0].Options {
			if strings.HasPrefix(o, "EUR") {
				cur[0].SetSelected(o)
			}
		}
		d.set(t, en("field.rate_value"), "100.12345")
		test.Tap(d.save)
		if got := fieldIn(t, d.root, en("field.rate_value")).errorText(); got != en("valid.rate.value") {
			t.Errorf("five decimals: error %q", got)
		}
		d.set(t, en("field.rate_value"), "100.5")
		test.Tap(d.save)
		h.settle()
		if x := h.rateOn("EUR", fileDay); x.ValueE4 != 1005000 || x.Source != "manual" {
			t.Errorf("stored EUR: %+v", x)
		}
		if got := rateShown(t, r, "EUR", "rate"); got != "100.5000" {
			t.Errorf("EUR shown: %q", got)
		}
	})
}
