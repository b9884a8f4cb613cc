package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// openTax opens «Taxes and currencies» from the settings' company tab.
func openTax(t *testing.T, login string) (*harness, *taxScreen) {
	t.Helper()
	h, s := openSettings(t, login)
	tap(t, s.tab(t, en("settings.company")), en("settings.tax_open"))
	ts, ok := h.a.shell.screen.(*taxScreen)
	if !ok {
		t.Fatalf("screen is %T, want *taxScreen", h.a.shell.screen)
	}
	h.waitFor("the tax settings", func() bool { return ts.loaded })
	h.settle()
	return h, ts
}

func (h *harness) taxSettings() model.TaxSettings {
	h.t.Helper()
	tx, err := h.session("admin").TaxSettings(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	return tx
}

func TestTaxSettings(t *testing.T) {
	h, ts := openTax(t, "accountant")
	if ts.base.value() != "RUB" || ts.inclVAT.Checked != h.taxSettings().PricesIncludeVAT {
		t.Fatalf("shown: base %q, with VAT %v", ts.base.value(), ts.inclVAT.Checked)
	}
	before := h.taxSettings()

	t.Run("the VAT convention is saved", func(t *testing.T) {
		ts.inclVAT.SetChecked(!before.PricesIncludeVAT)
		ts.noVAT.SetChecked(true)
		test.Tap(ts.save)
		h.settle()
		got := h.taxSettings()
		if got.PricesIncludeVAT == before.PricesIncludeVAT || !got.NoVAT || got.BaseCurrency != "RUB" {
			t.Errorf("stored: %+v", got)
		}
		if ts.status.Text != en("settings.saved") {
			t.Errorf("status: %q", ts.status.Text)
		}
	})

	t.Run("the base currency does not change while rates exist", func(t *testing.T) {
		pick(t, ts.base, "USD")
		test.Tap(ts.save)
		if got := ts.f.errorOf("base_currency"); got != en("valid.currency.base_has_rates") {
			t.Errorf("error beside the base currency: %q", got)
		}
		if got := h.taxSettings().BaseCurrency; got != "RUB" {
			t.Errorf("base currency: %q", got)
		}
	})

	t.Run("a currency is added and refused twice", func(t *testing.T) {
		tap(t, h.a.shell.content, en("tax.currency_add"))
		d := h.dialog()
		d.set(t, en("field.code"), "chf")
		d.set(t, en("field.num_code"), "75")
		d.set(t, en("field.name"), "Швейцарский франк")
		d.set(t, en("field.symbol"), "₣")
		test.Tap(d.save)
		if got := fieldIn(t, d.root, en("field.num_code")).errorText(); got != en("valid.currency.num_code") {
			t.Errorf("numeric code error: %q", got)
		}
		d.set(t, en("field.num_code"), "756")
		test.Tap(d.save)
		h.settle()
		cs, err := h.session("admin").Currencies(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := model.CurrencyByCode(cs, "CHF"); !ok || c.NumCode != "756" || c.MinorDigits != 2 || c.Symbol != "₣" {
			t.Errorf("stored CHF: %+v (%v)", c, ok)
		}
		if _, ok := model.CurrencyByCode(ts.curs, "CHF"); !ok {
			t.Error("the table does not show CHF")
		}
		tap(t, h.a.shell.content, en("tax.currency_add"))
		d = h.dialog()
		d.set(t, en("field.code"), "USD")
		d.set(t, en("field.name"), "Доллар")
		test.Tap(d.save)
		if got := fieldIn(t, d.root, en("field.code")).errorText(); got != en("valid.currency.taken") {
			t.Errorf("a taken code: %q", got)
		}
		h.closeDialogs()
	})
}

func TestTaxSettingsSellerReadOnly(t *testing.T) {
	h, ts := openTax(t, "seller")
	if ts.save.Visible() || !ts.inclVAT.Disabled() {
		t.Error("a seller can change the tax settings")
	}
	if len(findAll(h.a.shell.content, func(b *widget.Button) bool { return b.Text == en("tax.currency_add") && b.Visible() })) != 0 {
		t.Error("a seller is offered a new currency")
	}
	if len(ts.curs) == 0 {
		t.Error("no currencies shown")
	}
}
