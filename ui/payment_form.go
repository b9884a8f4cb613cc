package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// paymentForm is the dialog recording money received from a customer and
// allocating it to the customer's open invoices; what is not allocated stays
// as the customer's credit. It also allocates an existing payment's
// remainder later (pay set): then the payment's own fields are read-only.
type paymentForm struct {
	a          *App
	customerID string
	invoiceID  string // preselected once the invoices load
	pay        model.Payment
	done       func()
	d          catalogDicts
	f          *form
	cust       *lookup
	date       *widget.Entry
	amount     *widget.Entry
	number     *widget.Entry
	note       *widget.Entry
	currency   *choice
	method     *choice
	alloc      *allocPanel
	invoices   []model.Document // the customer's open invoices, all currencies
	status     *widget.Label
	save       *widget.Button
	dlg        dialog.Dialog
	loaded     bool // the invoices of the customer are shown
	gen        int
}

// showPaymentDialog records a payment of the customer (chosen in the dialog
// when customerID is ""); invoiceID, when set, is preselected with its
// outstanding amount. done runs after the payment is saved.
func showPaymentDialog(a *App, customerID string, invoiceID string, done func()) {
	openPaymentForm(a, customerID, invoiceID, done)
}

// showAllocateDialog allocates the unallocated remainder of a payment.
func showAllocateDialog(a *App, p model.Payment, done func()) {
	pf := &paymentForm{a: a, customerID: p.CustomerID, pay: p, done: done}
	pf.show(a.T("pay.allocate_title", a.paymentTitle(p), p.CustomerName))
}

func openPaymentForm(a *App, customerID, invoiceID string, done func()) *paymentForm {
	pf := &paymentForm{a: a, customerID: customerID, invoiceID: invoiceID, done: done}
	pf.show(a.T("pay.new"))
	return pf
}

// allocating tells the dialog of an existing payment.
func (pf *paymentForm) allocating() bool { return pf.pay.ID != "" }

func (pf *paymentForm) show(title string) {
	a := pf.a
	pf.dlg = dialog.NewCustom(title, a.T("btn.close"), pf.build(), a.win)
	pf.dlg.Resize(fyne.NewSize(820, 640))
	pf.dlg.Show()
}

func (pf *paymentForm) build() fyne.CanvasObject {
	a := pf.a
	pf.f = newForm(a)
	if pf.customerID == "" {
		pf.cust = newLookup(a, a.T("pay.customer_hint"), a.findCustomerHits, func(h lookupHit) {
			pf.customerID = h.id
			pf.loadInvoices()
		})
		pf.f.add("customer", pf.cust.object())
	} else {
		name := widget.NewLabel(pf.pay.CustomerName)
		pf.f.add("customer", name)
		if name.Text == "" {
			pf.loadName(name)
		}
	}
	pf.date = pf.f.entry("date", a.dayInput(today()))
	pf.date.SetPlaceHolder(a.T("format.date_hint"))
	pf.amount = pf.f.entry("amount", "")
	pf.amount.OnChanged = func(string) { pf.alloc.update() }
	pf.currency = newChoice(a.T("choose"), "", func(string) { pf.showInvoices() })
	pf.f.add("currency", pf.currency.sel)
	pf.method = newChoice(a.T("choose"), "", nil)
	var labels, values []string
	for _, m := range paymentMethods {
		labels, values = append(labels, a.methodLabel(m)), append(values, string(m))
	}
	pf.method.setOptions(labels, values)
	pf.method.set(string(model.PayBank))
	pf.f.add("method", pf.method.sel)
	pf.number = pf.f.entry("payer_doc", "")
	pf.number.SetPlaceHolder(a.T("pay.payer_doc_hint"))
	pf.note = pf.f.entry("note", "")
	pf.alloc = newAllocPanel(a, pf.toAllocate)
	pf.status = widget.NewLabel("")
	pf.status.Wrapping = fyne.TextWrapWord
	pf.save = widget.NewButton(a.T("btn.save"), pf.submit)
	pf.save.Importance = widget.HighImportance
	if pf.allocating() {
		pf.showPayment()
	}
	a.loadCatalogDicts(func(d catalogDicts) {
		pf.d = d
		pf.currency.setOptions(currencyOptions(d.currencies))
		if pf.currency.value() == "" {
			pf.currency.set(d.tax.BaseCurrency)
		}
		if pf.allocating() {
			pf.amount.SetText(a.moneyInput(unallocated(pf.pay), currencyDigits(d.currencies, pf.pay.Currency)))
		}
		pf.loadInvoices()
	})
	top := container.NewVBox(pf.f.grid, widget.NewSeparator())
	if pf.cust != nil {
		pf.cust.resize = top.Refresh
	}
	return container.NewBorder(top, container.NewVBox(pf.status, pf.save), nil, nil, pf.alloc.object())
}

// showPayment fills the fields of an existing payment and freezes them.
func (pf *paymentForm) showPayment() {
	a, p := pf.a, pf.pay
	pf.date.SetText(a.dayInput(p.Date))
	pf.currency.set(p.Currency)
	pf.method.set(string(p.Method))
	pf.number.SetText(p.Number)
	pf.note.SetText(p.Note)
	pf.f.setEnabled(false)
	pf.f.fields["amount"].label.SetText(a.T("pay.unallocated"))
}

// loadName shows the customer's name beside the label.
func (pf *paymentForm) loadName(l *widget.Label) {
	a, id := pf.a, pf.customerID
	a.background(func() {
		c, err := a.svc.Customers.FindCustomerByID(a.ctx, id)
		fyne.Do(func() {
			if err == nil {
				l.SetText(c.Name)
			}
		})
	})
}

// loadInvoices reads the customer's open invoices in the background.
func (pf *paymentForm) loadInvoices() {
	a := pf.a
	pf.gen++
	gen, id := pf.gen, pf.customerID
	if id == "" {
		pf.invoices = nil
		pf.showInvoices()
		return
	}
	a.background(func() {
		inv, err := a.svc.Sales.OpenInvoices(a.ctx, id)
		fyne.Do(func() {
			if gen != pf.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			pf.invoices, pf.loaded = inv, true
			pf.preselect()
			pf.showInvoices()
		})
	})
}

// preselect takes the invoice asked for: its currency, and its outstanding
// amount as the payment's amount.
func (pf *paymentForm) preselect() {
	for _, d := range pf.invoices {
		if d.ID == pf.invoiceID {
			pf.currency.set(d.Currency)
		}
	}
}

// showInvoices lists the open invoices in the chosen currency.
func (pf *paymentForm) showInvoices() {
	cur := pf.currency.value()
	digits := currencyDigits(pf.d.currencies, cur)
	pf.alloc.setInvoices(pf.invoices, cur, digits)
	if pf.invoiceID != "" {
		if o, ok := pf.alloc.preselect(pf.invoiceID); ok {
			if strings.TrimSpace(pf.amount.Text) == "" {
				pf.amount.SetText(pf.a.moneyInput(o, digits))
			}
			pf.invoiceID = ""
		}
	}
	pf.alloc.update()
}

// toAllocate is the amount typed, when it parses.
func (pf *paymentForm) toAllocate() (model.Money, bool) {
	s := strings.TrimSpace(pf.amount.Text)
	if s == "" {
		return 0, false
	}
	m, err := model.ParseMoney(s, currencyDigits(pf.d.currencies, pf.currency.value()))
	return m, err == nil
}

// payment reads the fields; what does not parse is reported beside it.
func (pf *paymentForm) payment() (model.Payment, bool) {
	a := pf.a
	var v model.ValidationErrors
	p := model.Payment{CustomerID: pf.customerID, Currency: pf.currency.value(), Method: model.PaymentMethod(pf.method.value()),
		Number: strings.TrimSpace(pf.number.Text), Note: strings.TrimSpace(pf.note.Text)}
	if d, ok := parseDay(a, pf.date.Text); ok {
		p.Date = d
	} else {
		v.Add("date", msgDate)
	}
	if m, err := model.ParseMoney(strings.TrimSpace(pf.amount.Text), currencyDigits(pf.d.currencies, p.Currency)); err == nil {
		p.Amount = m
	} else {
		v.Add("amount", msgMoney)
	}
	pf.f.setErrors(v, "")
	pf.alloc.clearErrors()
	allocs, ok := pf.alloc.allocations()
	p.Allocations = allocs
	return p, ok && len(v) == 0
}

// submit records the payment, or allocates the remainder of an existing one.
func (pf *paymentForm) submit() {
	a := pf.a
	p, ok := pf.payment()
	if !ok {
		pf.setStatus(a.T("err.fix_fields"), widget.DangerImportance)
		return
	}
	var err error
	if pf.allocating() {
		_, err = a.svc.Sales.AllocatePayment(a.ctx, pf.pay.ID, p.Allocations)
	} else {
		_, err = a.svc.Sales.RecordPayment(a.ctx, p)
	}
	if err != nil {
		pf.failed(err)
		return
	}
	pf.dlg.Hide()
	if pf.done != nil {
		pf.done()
	}
}

// failed shows validation messages beside their fields, other errors in a
// dialog.
func (pf *paymentForm) failed(err error) {
	a := pf.a
	onForm := pf.f.setErrors(err, "")
	onRows := pf.alloc.setErrors(err)
	if onForm || onRows {
		pf.setStatus(a.T("err.fix_fields"), widget.DangerImportance)
		return
	}
	pf.setStatus("", widget.MediumImportance)
	a.showErr(err)
}

func (pf *paymentForm) setStatus(text string, imp widget.Importance) {
	pf.status.Importance = imp
	pf.status.SetText(text)
}
