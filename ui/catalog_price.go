package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// priceCheck is the price checker: what a customer pays for a product on a
// day, in a quantity and currency, and why — the price rules applied by the
// catalog service to an order of one line.
type priceCheck struct {
	a        *App
	d        catalogDicts
	f        *form
	customer *lookup
	product  *lookup
	currency *choice
	status   *widget.Label
	result   *fyne.Container
	panel    *fyne.Container          // the status, result and warning, laid out again when they change
	out      map[string]*widget.Label // the result's figures by key
	floor    *widget.Label
	typing   *debouncer
	gen      int
	shown    bool // a price is shown
}

// priceOut are the result's lines, in order.
var priceOut = []string{"price", "base", "reason", "break", "net", "vat", "gross", "note"}

func newPriceCheck(a *App) *priceCheck {
	return &priceCheck{a: a, out: map[string]*widget.Label{}, typing: newDebouncer(150*time.Millisecond, &a.busy)}
}

func (pc *priceCheck) build() fyne.CanvasObject {
	a := pc.a
	pc.f = newForm(a)
	pc.customer = newLookup(a, a.T("price.customer_hint"), a.findCustomerHits, func(lookupHit) { pc.changed() })
	pc.f.add("customer", pc.customer.object())
	pc.product = newLookup(a, a.T("price.product_hint"), a.findProductHits, func(lookupHit) { pc.changed() })
	pc.f.add("product", pc.product.object())
	pc.f.entry("qty", "1").OnChanged = func(string) { pc.changed() }
	pc.f.entry("date", a.showDay(today())).OnChanged = func(string) { pc.changed() }
	pc.f.fields["date"].entry.SetPlaceHolder(a.T("format.date_hint"))
	pc.currency = newChoice(a.T("choose"), "", func(string) { pc.changed() })
	pc.f.add("currency", pc.currency.sel)
	pc.status = widget.NewLabel(a.T("price.choose"))
	pc.status.Wrapping = fyne.TextWrapWord
	pc.result = container.New(layout.NewFormLayout())
	for _, k := range priceOut {
		v := widget.NewLabel("")
		v.Truncation = fyne.TextTruncateEllipsis
		if k == "reason" || k == "note" {
			v.Truncation, v.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
		}
		if k == "price" {
			v.TextStyle.Bold = true
		}
		pc.out[k] = v
		pc.result.Add(widget.NewLabelWithStyle(a.T("price_line."+k), fyne.TextAlignLeading, fyne.TextStyle{Bold: k == "price"}))
		pc.result.Add(v)
	}
	pc.floor = widget.NewLabel(a.T("price.below_floor"))
	pc.floor.Importance = widget.DangerImportance
	pc.floor.Wrapping = fyne.TextWrapWord
	pc.floor.Hide()
	pc.result.Hide()
	title := widget.NewLabelWithStyle(a.T("nav.price_check"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.loadCatalogDicts(func(d catalogDicts) {
		pc.d = d
		var labels, values []string
		for _, c := range d.currencies {
			labels, values = append(labels, c.Code+" — "+c.Name), append(values, c.Code)
		}
		pc.currency.setOptions(labels, values)
		pc.currency.set(d.tax.BaseCurrency)
		pc.changed()
	})
	pc.panel = container.NewVBox(pc.status, pc.result, pc.floor)
	body := container.NewVBox(title, container.NewGridWithColumns(2, pc.f.grid, pc.panel))
	pc.customer.resize, pc.product.resize = body.Refresh, body.Refresh
	return container.NewVScroll(body)
}

// changed prices again once the input pauses.
func (pc *priceCheck) changed() {
	pc.typing.call(pc.run)
}

// input reads the choices; a bad quantity or date shows beside its field.
func (pc *priceCheck) input() (productID string, q model.Qty, day time.Time, ok bool) {
	pc.f.clearErrors()
	var v model.ValidationErrors
	q, err := parseQty(pc.f.text("qty"))
	if err != nil || q <= 0 {
		v.Add("qty", msgQty)
	}
	day, good := parseDay(pc.a, pc.f.text("date"))
	if !good {
		v.Add("date", msgDate)
	}
	if len(v) > 0 {
		pc.f.setErrors(v, "")
		return "", 0, day, false
	}
	return pc.product.value.id, q, day, pc.product.value.id != ""
}

// run asks the catalog service for the price in the background.
func (pc *priceCheck) run() {
	a := pc.a
	pc.gen++
	gen := pc.gen
	productID, q, day, ok := pc.input()
	if !ok {
		pc.clear(a.T("price.choose"))
		return
	}
	customerID, cur := pc.customer.value.id, pc.currency.value()
	row, _ := pc.product.value.rec.(model.ProductRow)
	a.background(func() {
		res, err := a.svc.Catalog.PriceOrder(a.ctx, customerID, day, cur, []model.PriceLine{{ProductID: productID, Qty: q}})
		fyne.Do(func() {
			if gen != pc.gen {
				return
			}
			if err != nil {
				pc.failed(err, cur, day)
				return
			}
			pc.show(row, res[0], q, day, cur)
		})
	})
}

// failed shows why there is no price: a missing exchange rate in words,
// other errors as the error dialog would put them.
func (pc *priceCheck) failed(err error, cur string, day time.Time) {
	a := pc.a
	if errors.Is(err, model.ErrNoRate) {
		pc.clear(a.T("price.no_rate", cur, a.showDay(day)))
		return
	}
	msg, known := a.errText(err)
	if !known {
		logf("price check: %v", err)
		msg += " " + err.Error()
	}
	pc.clear(msg)
}

// clear hides the result and shows why.
func (pc *priceCheck) clear(why string) {
	pc.shown = false
	pc.status.SetText(why)
	pc.status.Show()
	pc.result.Hide()
	pc.floor.Hide()
	pc.panel.Refresh()
}

// show shows a resolved price and the line it makes.
func (pc *priceCheck) show(p model.ProductRow, r model.PriceResult, q model.Qty, day time.Time, cur string) {
	a := pc.a
	if cur == "" {
		cur = pc.d.tax.BaseCurrency
	}
	digits := 2
	if c, ok := model.CurrencyByCode(pc.d.currencies, cur); ok {
		digits = c.MinorDigits
	}
	money := func(m model.Money) string { return a.money(m, digits) + " " + cur }
	unit := a.unitSymbol(p.UnitCode)
	pc.out["price"].SetText(money(r.Price) + " / " + unit)
	pc.out["base"].SetText(money(r.BasePrice))
	pc.out["reason"].SetText(pc.reason(r))
	pc.out["break"].SetText(a.T("price.no_break"))
	if b := r.Break; b != nil {
		if b.Price > 0 {
			pc.out["break"].SetText(a.T("price.break_price", a.qty(b.MinQty), unit, money(b.Price)))
		} else {
			pc.out["break"].SetText(a.T("price.break_discount", a.qty(b.MinQty), unit, a.percent(b.DiscountBP)))
		}
	}
	tax := pc.d.tax
	bp, hasVAT := model.VATRateOn(p.VAT, day, model.VATTable)
	line := model.LineTotal(r.Price, q, bp, tax.NoVAT || !hasVAT, tax.PricesIncludeVAT)
	vatLabel := a.vatText(p.VAT, day)
	if tax.NoVAT {
		vatLabel = a.T("vat.none")
	}
	pc.out["net"].SetText(a.T("price.line_of", a.qty(q), unit) + ": " + money(line.Net))
	pc.out["vat"].SetText(vatLabel + ": " + money(line.VAT))
	pc.out["gross"].SetText(money(line.Gross))
	pc.out["note"].SetText(strings.TrimSpace(p.SellerNote))
	pc.floor.Hidden = !r.BelowFloor
	pc.floor.Refresh()
	pc.status.Hide()
	pc.result.Show()
	pc.panel.Refresh()
	pc.shown = true
}

// reason is the translated reason the price was chosen.
func (pc *priceCheck) reason(r model.PriceResult) string {
	if r.Source == model.SourceList {
		return pc.a.T(r.Reason, r.ListName)
	}
	return pc.a.T(r.Reason)
}

// percent formats basis points as a percentage: 300 is "3%", 550 "5,5%".
func (a *App) percent(bp int64) string {
	s := model.FormatFixed(bp, 2, a.T("format.decimal"), "")
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), a.T("format.decimal"))
	return s + "%"
}
