package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var docLineColumns = []column{{"number", 50}, {"sku", 110}, {"name", 300}, {"qty", 110}, {"unit", 60}, {"price", 120},
	{"vat", 70}, {"amount", 140}}

var docLineLayout = colLayout{widths: []float32{50, 110, 300, 110, 60, 120, 70, 140},
	mins: []float32{40, 80, 160, 100, 50, 100, 60, 110}, flex: 2}

// docView shows a posted (or cancelled) document, or a draft invoice or
// contract: the header, the lines and totals, an invoice's payment state,
// the related documents as links, and the actions its kind and status
// allow. Drafts of quotes and orders open in the order form instead.
type docView struct {
	a       *App
	d       model.Document
	dicts   catalogDicts
	related []model.Document
	title   *widget.Label
	info    *fyne.Container // label/value pairs
	lines   *widget.List
	totals  *widget.Label
	pay     *widget.Label
	body    *widget.Entry // a contract's text
	links   *fyne.Container
	actions *fyne.Container
	center  *fyne.Container
	loaded  bool // the related documents arrived
	gen     int
}

func newDocView(a *App, d model.Document) *docView {
	return &docView{a: a, d: d, dicts: catalogDicts{currencies: model.DefaultCurrencies}}
}

func (v *docView) build() fyne.CanvasObject {
	a := v.a
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.info = container.New(layout.NewFormLayout())
	v.totals = widget.NewLabel("")
	v.totals.Wrapping = fyne.TextWrapWord
	v.pay = widget.NewLabel("")
	v.pay.Wrapping = fyne.TextWrapWord
	v.lines = widget.NewList(func() int { return len(v.d.Lines) }, v.createLine, v.updateLine)
	v.body = widget.NewMultiLineEntry()
	v.body.Wrapping = fyne.TextWrapWord
	v.body.Disable()
	v.links = container.NewHBox()
	v.actions = container.NewHBox()
	var heads []fyne.CanvasObject
	for i, c := range docLineColumns {
		h := newHeaderCell(a.T("col."+c.key), nil)
		if i == 3 || i >= 5 {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	table := container.NewBorder(container.NewVBox(container.New(docLineLayout, heads...), widget.NewSeparator()), nil, nil, nil, v.lines)
	v.center = container.NewStack(table, v.body)
	header := container.NewBorder(nil, nil, container.NewCenter(back), nil, v.title)
	related := container.NewBorder(nil, nil, widget.NewLabel(a.T("doc.related")), nil, container.NewHScroll(v.links))
	bottom := container.NewVBox(widget.NewSeparator(), v.totals, v.pay, related, widget.NewSeparator(), v.actions)
	top := container.NewVBox(header, widget.NewSeparator(), v.info)
	v.show(v.d)
	a.loadCatalogDicts(func(d catalogDicts) {
		v.dicts = d
		v.reload()
	})
	return container.NewBorder(top, bottom, nil, nil, v.center)
}

// reshow reads the document again when it is shown again.
func (v *docView) reshow() { v.reload() }

// reload reads the document and its related documents again.
func (v *docView) reload() {
	a := v.a
	v.gen++
	gen, id := v.gen, v.d.ID
	a.background(func() {
		d, err := a.svc.Sales.FindDocumentByID(a.ctx, id)
		fyne.Do(func() {
			if gen != v.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			v.show(d)
			v.loadRelated()
		})
	})
}

// loadRelated reads the documents linked to this one in the background.
func (v *docView) loadRelated() {
	a := v.a
	v.gen++
	gen, id := v.gen, v.d.ID
	a.background(func() {
		rel, err := a.svc.Sales.RelatedDocuments(a.ctx, id)
		fyne.Do(func() {
			if gen != v.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			v.related, v.loaded = rel, true
			v.showLinks()
		})
	})
}

// show puts d on the screen.
func (v *docView) show(d model.Document) {
	a := v.a
	v.d = d
	v.title.SetText(a.docTitle(d) + " · " + a.docStatus(d))
	v.showInfo()
	v.lines.Hidden = !d.Kind.HasLines()
	v.body.Hidden = d.Kind != model.DocContract
	v.body.SetText(d.Body)
	v.lines.Refresh()
	v.center.Refresh()
	v.totals.SetText("")
	if d.Kind.HasLines() {
		parts := []string{a.T("order.net") + " " + a.docMoney(d.Totals.Net, d.Currency, v.dicts.currencies)}
		for _, r := range d.Totals.ByRate {
			parts = append(parts, a.vatAt(r.Cat, r.BP)+" "+a.docMoney(r.VAT, d.Currency, v.dicts.currencies))
		}
		parts = append(parts, a.T("order.gross")+" "+a.docMoney(d.Totals.Gross, d.Currency, v.dicts.currencies))
		v.totals.SetText(strings.Join(parts, " · "))
	}
	v.showPay()
	v.showActions()
}

// showInfo fills the header's label/value pairs.
func (v *docView) showInfo() {
	a, d := v.a, v.d
	v.info.Objects = nil
	add := func(key string, value fyne.CanvasObject) {
		v.info.Add(widget.NewLabelWithStyle(a.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		v.info.Add(value)
	}
	text := func(key, value string) {
		if value != "" {
			l := widget.NewLabel(value)
			l.Wrapping = fyne.TextWrapWord
			add(key, l)
		}
	}
	cust := widget.NewButton(d.CustomerName, func() { a.shell.openCustomer(d.CustomerID) })
	cust.Alignment, cust.Importance = widget.ButtonAlignLeading, widget.LowImportance
	add("field.customer", cust)
	day := func(t time.Time) string { return a.dayInput(t) }
	text("field.date", day(d.Date))
	text("field.valid_until", day(d.ValidUntil))
	text("field.delivery_date", day(d.DeliveryDate))
	text("field.due_date", day(d.DueDate))
	if d.Kind == model.DocStatement {
		text("field.period", day(d.PeriodFrom)+" — "+day(d.PeriodTo))
	}
	if d.WarehouseID != "" {
		text("field.warehouse", v.dicts.warehouseName(d.WarehouseID))
	}
	text("field.currency", d.Currency)
	text("field.owner", d.OwnerName)
	text("field.note", d.Note)
	text("field.reason", d.Reason)
	text("field.credit_approved", d.CreditApproved)
	v.info.Refresh()
}

// showPay shows an invoice's payment state and amounts.
func (v *docView) showPay() {
	a, d, cs := v.a, v.d, v.dicts.currencies
	v.pay.Hidden = d.Kind != model.DocInvoice
	if v.pay.Hidden {
		return
	}
	state := model.InvoiceState(d, today())
	v.pay.SetText(a.T("doc.pay_line", a.T("pay_state."+string(state)), a.docMoney(d.Paid, d.Currency, cs),
		a.docMoney(d.Credited, d.Currency, cs), a.docMoney(model.Outstanding(d), d.Currency, cs)))
	v.pay.Importance = widget.MediumImportance
	switch state {
	case model.PayOverdue:
		v.pay.Importance = widget.DangerImportance
	case model.PayPaid:
		v.pay.Importance = widget.SuccessImportance
	}
	v.pay.Refresh()
}

// showLinks shows the related documents as buttons that open them.
func (v *docView) showLinks() {
	a := v.a
	v.links.Objects = nil
	for _, r := range v.related {
		b := widget.NewButtonWithIcon(a.docTitle(r)+" · "+a.docStatus(r), theme.DocumentIcon(), func() { showDocument(a, r.ID) })
		b.Importance = widget.LowImportance
		v.links.Add(b)
	}
	if len(v.related) == 0 {
		v.links.Add(widget.NewLabel(a.T("doc.no_related")))
	}
	v.links.Refresh()
}

func (v *docView) createLine() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range docLineColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 3 || i >= 5 {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return container.New(docLineLayout, objs...)
}

func (v *docView) updateLine(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.d.Lines) {
		return
	}
	a, d := v.a, v.d
	l := d.Lines[id]
	digits := currencyDigits(v.dicts.currencies, d.Currency)
	amount := l.Amounts.Net
	if d.PricesIncludeVAT {
		amount = l.Amounts.Gross
	}
	texts := []string{strconv.Itoa(l.No), l.SKU, l.Name, a.qty(l.Qty), l.Unit, a.money(l.Price, digits), a.vatLabel(l.VATCat, l.VATBP),
		a.money(amount, digits)}
	for i, t := range texts {
		o.(*fyne.Container).Objects[i].(*widget.Label).SetText(t)
	}
}
