package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// paymentPage is how many payments one read brings.
const paymentPage = 100

var paymentColumns = []column{{"date", 110}, {"number", 130}, {"customer", 300}, {"method", 120}, {"amount", 140},
	{"allocated", 140}, {"unallocated", 140}}

// ageingKeys are the captions of the receivables summary: the buckets and
// the total.
var ageingKeys = []string{"pay.age_0_30", "pay.age_31_60", "pay.age_61_90", "pay.age_90", "pay.age_total"}

var paymentLayout = colLayout{widths: []float32{110, 130, 300, 120, 140, 140, 140},
	mins: []float32{100, 90, 160, 90, 120, 120, 120}, flex: 2}

// paymentList is the payments screen: the receivables ageing at the top,
// payments newest first, filtered by period and customer, paged by keyset
// (payment number) as the list is scrolled.
type paymentList struct {
	a        *App
	f        model.PaymentFilter
	d        catalogDicts
	from, to *widget.Entry
	cust     *lookup
	typing   *debouncer
	ageing   []*widget.Label // 0–30, 31–60, 61–90, 90+, total
	summary  *fyne.Container
	list     *widget.List
	rows     []model.Payment
	more     bool // another page may follow
	fetching bool
	sel      int
	newBtn   *widget.Button
	allocBtn *widget.Button
	count    *widget.Label
	gen      int
}

func newPaymentList(a *App) screen {
	return &paymentList{a: a, sel: -1, typing: newDebouncer(300*time.Millisecond, &a.busy)}
}

func (l *paymentList) build() fyne.CanvasObject {
	a := l.a
	role := a.svc.User.Role
	title := widget.NewLabelWithStyle(a.T("pay.receivables"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.summary = container.NewGridWithColumns(len(ageingKeys))
	for _, k := range ageingKeys {
		caption := widget.NewLabel(a.T(k))
		caption.Importance = widget.LowImportance
		value := widget.NewLabelWithStyle("…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		value.Truncation = fyne.TextTruncateEllipsis
		l.ageing = append(l.ageing, value)
		l.summary.Add(container.NewVBox(caption, value))
	}
	summary := container.NewBorder(nil, nil, container.NewCenter(title), nil, l.summary)
	l.from, l.to = widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{l.from, l.to} {
		e.SetPlaceHolder(a.T("format.date_hint"))
		e.OnChanged = func(string) { l.typing.call(l.filterChanged) }
	}
	l.cust = newLookup(a, a.T("pay.customer_filter"), a.findCustomerHits, func(h lookupHit) {
		l.f.CustomerID = h.id
		l.reload()
	})
	l.newBtn = widget.NewButtonWithIcon(a.T("pay.new"), theme.ContentAddIcon(), func() { showPaymentDialog(a, "", "", l.refresh) })
	if !model.Can(role, model.EntityPayment, model.ActCreate) {
		l.newBtn.Hide()
	}
	l.allocBtn = widget.NewButtonWithIcon(a.T("pay.allocate"), theme.MailForwardIcon(), l.allocate)
	l.allocBtn.Disable()
	if !model.Can(role, model.EntityPayment, model.ActUpdate) {
		l.allocBtn.Hide()
	}
	day := fyne.NewSize(130, l.from.MinSize().Height)
	filters := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(a.T("pay.period")), container.NewGridWrap(day, l.from),
		widget.NewLabel("—"), container.NewGridWrap(day, l.to)), container.NewHBox(l.newBtn, l.allocBtn), l.cust.object())
	var heads []fyne.CanvasObject
	for i, c := range paymentColumns {
		h := newHeaderCell(a.T("col."+c.key), nil)
		if i >= 4 {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	l.list = widget.NewList(func() int { return len(l.rows) }, l.createRow, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) { l.sel = id; l.showSelection() }
	l.list.OnUnselected = func(widget.ListItemID) { l.sel = -1; l.showSelection() }
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	top := container.NewVBox(summary, widget.NewSeparator(), filters, container.New(paymentLayout, heads...), widget.NewSeparator())
	a.loadCatalogDicts(func(d catalogDicts) {
		l.d = d
		l.refresh()
	})
	return container.NewBorder(top, l.count, nil, nil, l.list)
}

// filterChanged applies the period once both dates read (or are empty).
func (l *paymentList) filterChanged() {
	from, ok1 := optionalDay(l.a, l.from.Text)
	to, ok2 := optionalDay(l.a, l.to.Text)
	if !ok1 || !ok2 {
		l.count.SetText(l.a.T(msgDate))
		return
	}
	l.f.From, l.f.To = from, to
	l.reload()
}

// reload starts the list over after a change of the filter.
func (l *paymentList) reload() {
	l.list.UnselectAll()
	l.list.ScrollToTop()
	l.refresh()
}

// reshow is called when the screen is shown again.
func (l *paymentList) reshow() { l.refresh() }

// refresh reads the first page and the ageing again.
func (l *paymentList) refresh() {
	a := l.a
	l.gen++
	gen := l.gen
	l.rows, l.more, l.fetching, l.sel = nil, true, false, -1
	l.showSelection()
	l.fetch()
	a.background(func() {
		ag, err := a.svc.Sales.Receivables(a.ctx, today())
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			l.showAgeing(ag)
		})
	})
}

func (l *paymentList) showAgeing(ag model.Ageing) {
	a := l.a
	digits := l.d.baseDigits()
	for i, m := range []model.Money{ag.Days0to30, ag.Days31to60, ag.Days61to90, ag.Over90, ag.Total()} {
		l.ageing[i].SetText(a.money(m, digits) + " " + l.d.tax.BaseCurrency)
		if i > 0 && i < 4 && m > 0 {
			l.ageing[i].Importance = widget.DangerImportance
		} else {
			l.ageing[i].Importance = widget.MediumImportance
		}
		l.ageing[i].Refresh()
	}
	l.summary.Refresh()
}

// fetch reads the next page after the last row shown.
func (l *paymentList) fetch() {
	if l.fetching || !l.more {
		return
	}
	a := l.a
	l.fetching = true
	f := l.f
	f.Limit = paymentPage
	if n := len(l.rows); n > 0 {
		f.AfterNum = l.rows[n-1].Num
	}
	gen := l.gen
	a.background(func() {
		ps, err := a.svc.Sales.FindPayments(a.ctx, f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			l.fetching = false
			if err != nil {
				l.more = false
				a.showErr(err)
				return
			}
			l.rows = append(l.rows, ps...)
			l.more = len(ps) == paymentPage
			l.count.SetText(a.N("pay.count", int64(len(l.rows))))
			l.list.Refresh()
		})
	})
}

func (l *paymentList) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range paymentColumns {
		lbl := widget.NewLabel("")
		lbl.Truncation = fyne.TextTruncateEllipsis
		if i >= 4 {
			lbl.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, lbl)
	}
	return newTapRow(container.New(paymentLayout, objs...))
}

func (l *paymentList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(l.rows) {
		return
	}
	if id >= len(l.rows)-paymentPage/4 {
		l.fetch()
	}
	r := o.(*tapRow)
	r.onTap = func() { l.list.Select(id) }
	r.onDouble = func() { l.list.Select(id); l.allocate() }
	for i, text := range l.cells(l.rows[id]) {
		r.content.(*fyne.Container).Objects[i].(*widget.Label).SetText(text)
	}
}

// cells are the texts of a payment's row.
func (l *paymentList) cells(p model.Payment) []string {
	a := l.a
	digits := currencyDigits(l.d.currencies, p.Currency)
	return []string{a.dayInput(p.Date), p.Number, p.CustomerName, a.methodLabel(p.Method),
		a.money(p.Amount, digits) + " " + p.Currency, a.money(p.Allocated, digits), a.money(unallocated(p), digits)}
}

// selected is the payment of the selected row.
func (l *paymentList) selected() (model.Payment, bool) {
	if l.sel < 0 || l.sel >= len(l.rows) {
		return model.Payment{}, false
	}
	return l.rows[l.sel], true
}

// showSelection enables «Allocate remainder» for a payment with a remainder.
func (l *paymentList) showSelection() {
	if p, ok := l.selected(); ok && unallocated(p) > 0 {
		l.allocBtn.Enable()
	} else {
		l.allocBtn.Disable()
	}
}

// allocate opens the allocation of the selected payment's remainder.
func (l *paymentList) allocate() {
	p, ok := l.selected()
	if !ok || unallocated(p) <= 0 || !model.Can(l.a.svc.User.Role, model.EntityPayment, model.ActUpdate) {
		return
	}
	showAllocateDialog(l.a, p, l.refresh)
}
