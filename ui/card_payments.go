package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// cardPayments is how many of a customer's payments the card shows, newest
// first; the payments screen pages through all.
const cardPayments = 200

var cardPaymentColumns = []column{{"date", 110}, {"number", 120}, {"method", 110}, {"amount", 140}, {"allocated", 130},
	{"unallocated", 130}, {"invoices", 220}}

var cardPaymentLayout = colLayout{widths: []float32{110, 120, 110, 140, 130, 130, 220},
	mins: []float32{100, 80, 90, 120, 110, 110, 120}, flex: 6}

// balanceKeys are the figures of a customer's balance, in the order shown.
var balanceKeys = []string{"invoiced", "credited", "paid", "debt", "overdue", "credit"}

// paymentsTab is the card's tab of money: the customer's balance and
// ageing, the payments, registering one or allocating a remainder, the
// statement of account and contract dialogs, and the payment terms.
type paymentsTab struct {
	c        *customerCard
	d        catalogDicts
	figures  map[string]*widget.Label
	ageing   *widget.Label
	list     *widget.List
	rows     []model.Payment
	more     *widget.Label // «only the newest are shown»
	sel      int
	register *widget.Button
	allocBtn *widget.Button
	terms    *termsEditor
	loaded   bool
	gen      int
}

// buildPaymentsTab is the card tab's build (cardTab.build).
func buildPaymentsTab(c *customerCard) fyne.CanvasObject { return newPaymentsTab(c).build() }

func newPaymentsTab(c *customerCard) *paymentsTab {
	return &paymentsTab{c: c, sel: -1, figures: map[string]*widget.Label{}}
}

func (t *paymentsTab) build() fyne.CanvasObject {
	c := t.c
	a := c.a
	role := a.svc.User.Role
	t.register = widget.NewButtonWithIcon(a.T("pay.register"), theme.ContentAddIcon(), func() {
		showPaymentDialog(a, c.id, "", t.reload)
	})
	t.allocBtn = widget.NewButtonWithIcon(a.T("pay.allocate"), theme.MailForwardIcon(), t.allocate)
	t.allocBtn.Disable()
	statement := widget.NewButtonWithIcon(a.T("statement.open"), theme.DocumentIcon(), func() { showStatementDialog(a, c.id, nil) })
	contract := widget.NewButtonWithIcon(a.T("contract.open"), theme.FileTextIcon(), func() { showContractDialog(a, c.id, nil) })
	if !model.Can(role, model.EntityPayment, model.ActCreate) {
		t.register.Hide()
	}
	if !model.Can(role, model.EntityPayment, model.ActUpdate) {
		t.allocBtn.Hide()
	}
	if !model.Can(role, model.EntityDocument, model.ActCreate) {
		statement.Hide()
		contract.Hide()
	}
	grid := container.NewGridWithColumns(len(balanceKeys))
	for _, k := range balanceKeys {
		caption := widget.NewLabel(a.T("balance." + k))
		caption.Importance = widget.LowImportance
		value := widget.NewLabelWithStyle("…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		t.figures[k] = value
		grid.Add(container.NewVBox(caption, value))
	}
	t.ageing = widget.NewLabel("")
	var heads []fyne.CanvasObject
	for i, col := range cardPaymentColumns {
		h := newHeaderCell(a.T("col."+col.key), nil)
		if i >= 3 && i <= 5 {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	t.list = widget.NewList(func() int { return len(t.rows) }, t.createRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id; t.showSelection() }
	t.list.OnUnselected = func(widget.ListItemID) { t.sel = -1; t.showSelection() }
	t.more = widget.NewLabel(a.T("pay.card_more", cardPayments))
	t.more.Importance = widget.LowImportance
	t.more.Hide()
	t.terms = newTermsEditor(a, c.id)
	tools := container.NewBorder(nil, nil, container.NewHBox(t.register, t.allocBtn), container.NewHBox(statement, contract))
	top := container.NewVBox(tools, grid, t.ageing, widget.NewSeparator())
	payments := container.NewBorder(container.NewVBox(container.New(cardPaymentLayout, heads...), widget.NewSeparator()), t.more,
		nil, nil, t.list)
	split := container.NewVSplit(payments, container.NewVScroll(t.terms.build()))
	split.Offset = 0.4
	a.loadCatalogDicts(func(d catalogDicts) {
		t.d = d
		t.terms.setDicts(d)
		c.onLoad(func(model.CustomerCard) { t.reload() })
	})
	return container.NewBorder(top, nil, nil, nil, split)
}

// reload reads the balance, the payments and the terms in the background.
func (t *paymentsTab) reload() {
	a := t.c.a
	t.gen++
	gen, id := t.gen, t.c.id
	t.terms.load()
	a.background(func() {
		bal, err := a.svc.Sales.CustomerBalance(a.ctx, id, today())
		var ps []model.Payment
		if err == nil {
			ps, err = a.svc.Sales.FindPayments(a.ctx, model.PaymentFilter{CustomerID: id, Limit: cardPayments})
		}
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			t.showBalance(bal)
			t.rows, t.sel, t.loaded = ps, -1, true
			t.more.Hidden = len(ps) < cardPayments
			t.list.UnselectAll()
			t.list.Refresh()
			t.showSelection()
		})
	})
}

// showBalance puts the customer's figures on the tab.
func (t *paymentsTab) showBalance(b model.Balance) {
	a := t.c.a
	digits := currencyDigits(t.d.currencies, b.Currency)
	values := map[string]model.Money{"invoiced": b.Invoiced, "credited": b.Credited, "paid": b.Paid, "debt": b.Debt,
		"overdue": b.Overdue, "credit": b.Credit}
	for k, l := range t.figures {
		l.SetText(a.money(values[k], digits) + " " + b.Currency)
		l.Importance = widget.MediumImportance
		if (k == "overdue" || k == "debt") && values[k] > 0 {
			l.Importance = widget.DangerImportance
		}
		if k == "credit" && values[k] > 0 {
			l.Importance = widget.SuccessImportance
		}
		l.Refresh()
	}
	ag := b.Ageing
	t.ageing.SetText(a.T("balance.ageing", a.money(ag.Days0to30, digits), a.money(ag.Days31to60, digits),
		a.money(ag.Days61to90, digits), a.money(ag.Over90, digits)))
}

func (t *paymentsTab) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range cardPaymentColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i >= 3 && i <= 5 {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(cardPaymentLayout, objs...))
}

func (t *paymentsTab) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	a := t.c.a
	if id >= len(t.rows) {
		return
	}
	p := t.rows[id]
	r := o.(*tapRow)
	r.onTap = func() { t.list.Select(id) }
	r.onDouble = func() { t.list.Select(id); t.allocate() }
	digits := currencyDigits(t.d.currencies, p.Currency)
	texts := []string{a.dayInput(p.Date), p.Number, a.methodLabel(p.Method), a.money(p.Amount, digits) + " " + p.Currency,
		a.money(p.Allocated, digits), a.money(unallocated(p), digits), allocSummary(p)}
	for i, text := range texts {
		r.content.(*fyne.Container).Objects[i].(*widget.Label).SetText(text)
	}
}

// showSelection enables «Allocate remainder» for a payment with a remainder.
func (t *paymentsTab) showSelection() {
	if t.sel >= 0 && t.sel < len(t.rows) && unallocated(t.rows[t.sel]) > 0 {
		t.allocBtn.Enable()
	} else {
		t.allocBtn.Disable()
	}
}

// allocate opens the allocation of the selected payment's remainder.
func (t *paymentsTab) allocate() {
	a := t.c.a
	if t.sel < 0 || t.sel >= len(t.rows) || unallocated(t.rows[t.sel]) <= 0 || !model.Can(a.svc.User.Role, model.EntityPayment, model.ActUpdate) {
		return
	}
	showAllocateDialog(a, t.rows[t.sel], t.reload)
}
