package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// catalogDicts are what the catalog screens choose from and format with.
type catalogDicts struct {
	cats       []model.Category // in tree order
	depth      map[string]int
	warehouses []model.Warehouse
	currencies []model.Currency
	tax        model.TaxSettings
}

// baseDigits is the number of decimals of the base currency (2 when unknown).
func (d catalogDicts) baseDigits() int {
	if c, ok := model.CurrencyByCode(d.currencies, d.tax.BaseCurrency); ok {
		return c.MinorDigits
	}
	return 2
}

// warehouseName is the name of a warehouse by ID (the ID when unknown).
func (d catalogDicts) warehouseName(id string) string {
	for _, w := range d.warehouses {
		if w.ID == id {
			return w.Name
		}
	}
	return id
}

// loadCatalogDicts reads the catalog's dictionaries in the background and
// hands them to then on the UI thread; errors are shown, what loaded is
// still handed over.
func (a *App) loadCatalogDicts(then func(catalogDicts)) {
	svc := a.svc
	a.background(func() {
		d := catalogDicts{tax: model.TaxSettings{BaseCurrency: "RUB"}}
		var errs []error
		cats, err := svc.Catalog.Categories(a.ctx)
		errs = append(errs, err)
		d.cats = model.CategoryTreeOrder(cats)
		d.depth = model.CategoryDepth(d.cats)
		d.warehouses, err = svc.Catalog.Warehouses(a.ctx)
		errs = append(errs, err)
		d.currencies, err = svc.Catalog.Currencies(a.ctx)
		errs = append(errs, err)
		if t, err := svc.Catalog.TaxSettings(a.ctx); err == nil {
			d.tax = t
		} else {
			errs = append(errs, err)
		}
		fyne.Do(func() {
			if err := errors.Join(errs...); err != nil {
				a.showErr(err)
			}
			then(d)
		})
	})
}

// categoryOptions are the categories in tree order, indented by depth.
func categoryOptions(d catalogDicts) (labels, values []string) {
	for _, c := range d.cats {
		labels = append(labels, strings.Repeat("\u00a0\u00a0\u00a0\u00a0", d.depth[c.ID])+c.Name)
		values = append(values, c.ID)
	}
	return labels, values
}

// warehouseOptions are the active warehouses.
func warehouseOptions(ws []model.Warehouse) (labels, values []string) {
	for _, w := range ws {
		if w.Active {
			labels = append(labels, w.Name)
			values = append(values, w.ID)
		}
	}
	return labels, values
}

// money formats an amount of minor units with digits decimals in the UI
// language: "1 234,56" in Russian, "1,234.56" in English.
func (a *App) money(m model.Money, digits int) string {
	return model.FormatMoney(m, digits, a.T("format.decimal"), a.T("format.thousands"))
}

// moneyInput formats an amount for an entry: no thousands separator, so that
// it parses back the same whatever the language.
func (a *App) moneyInput(m model.Money, digits int) string {
	return model.FormatMoney(m, digits, a.T("format.decimal"), "")
}

// qty formats a quantity in thousandths with up to three decimals, trailing
// zeros dropped: 1500 is "1,5" in Russian.
func (a *App) qty(q model.Qty) string {
	s := model.FormatFixed(int64(q), 3, a.T("format.decimal"), a.T("format.thousands"))
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, a.T("format.decimal"))
}

// parseQty reads a quantity typed with up to three decimals.
func parseQty(s string) (model.Qty, error) {
	v, err := model.ParseMoney(s, 3)
	return model.Qty(v), err
}

// parseDay reads a date typed in the UI's format (or as DD.MM.YYYY or
// YYYY-MM-DD) as a UTC calendar date.
func parseDay(a *App, s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{a.T("format.date"), "02.01.2006", "2006-01-02"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// today is the local calendar date as a UTC midnight.
func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// showDay shows a calendar date in the UI's format.
func (a *App) showDay(d time.Time) string { return d.Format(a.T("format.date")) }

// vatText is the VAT of a category on day as documents print it ("22%"),
// "without VAT" in the UI language for VATNone.
func (a *App) vatText(cat model.VATCategory, day time.Time) string {
	if cat == model.VATNone {
		return a.T("vat.none")
	}
	bp, ok := model.VATRateOn(cat, day, model.VATTable)
	if !ok {
		return ""
	}
	return model.VATLabel(cat, bp)
}

// vatCategories are the VAT choices of a product, in the order offered.
var vatCategories = []model.VATCategory{model.VATStandard, model.VATReduced, model.VATZero, model.VATNone}

// productKinds are the product kinds, in the order offered.
var productKinds = []model.ProductKind{model.KindGoods, model.KindService, model.KindKit}

// unitLabel is a unit as the form offers it: "шт — штука (796)" in Russian,
// "pcs (796)" in English.
func (a *App) unitLabel(u model.Unit) string {
	if a.tr.Code() == "ru" {
		return u.Symbol + " — " + u.Name + " (" + u.Code + ")"
	}
	return u.En + " (" + u.Code + ")"
}

// unitSymbol is the short unit a list shows ("шт", "pcs").
func (a *App) unitSymbol(code string) string {
	u, ok := model.UnitByCode(code)
	if !ok {
		return code
	}
	if a.tr.Code() == "ru" {
		return u.Symbol
	}
	return u.En
}
