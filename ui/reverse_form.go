package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// reverseForm is the dialog of a reverse-pricing request: the customer,
// what they need, where to look (a category), how many and the price per
// unit they are willing to pay.
type reverseForm struct {
	a        *App
	r        model.ReverseRequest
	f        *form
	customer *lookup
	category *choice
	currency *choice
	d        catalogDicts
	dlg      *formDlg
	saved    func(model.ReverseRequest)
}

// editReverse opens the request dialog; an empty ID makes a new request.
func (a *App) editReverse(r model.ReverseRequest, saved func(model.ReverseRequest)) *reverseForm {
	rf := &reverseForm{a: a, r: r, f: newForm(a), saved: saved, d: catalogDicts{currencies: model.DefaultCurrencies}}
	rf.show()
	return rf
}

func (rf *reverseForm) show() {
	a, r, f := rf.a, rf.r, rf.f
	rf.customer = newLookup(a, a.T("reverse.customer_hint"), a.findCustomerHits, func(lookupHit) {})
	if r.CustomerID != "" {
		presetLookup(rf.customer, r.CustomerID, r.CustomerName)
	}
	f.add("customer", rf.customer.object())
	f.entry("requirements", r.Requirements)
	f.multiLine("requirements", 3)
	rf.category = newChoice(a.T("reverse.everywhere"), a.T("reverse.everywhere"), nil)
	rf.category.set(r.CategoryID)
	f.add("category", rf.category.sel)
	qty := ""
	if r.Qty > 0 {
		qty = a.qtyInput(r.Qty)
	}
	f.entry("qty", qty)
	f.entry("wanted_price", "")
	rf.currency = newChoice(a.T("choose"), "", nil)
	f.add("currency", rf.currency.sel)
	a.loadCatalogDicts(func(d catalogDicts) {
		rf.d = d
		rf.category.setOptions(categoryOptions(d))
		rf.currency.setOptions(currencyOptions(d.currencies))
		cur := r.Currency
		if cur == "" {
			cur = d.tax.BaseCurrency
		}
		rf.currency.set(cur)
		if r.WantedPrice > 0 {
			f.setText("wanted_price", a.moneyInput(r.WantedPrice, currencyDigits(d.currencies, cur)))
		}
	})
	title := a.T("reverse.new")
	if r.ID != "" {
		title = fmt.Sprintf("%s № %d", a.T("reverse.request"), r.Num)
	}
	rf.dlg = a.formDialog(title, f, fyne.NewSize(620, 560), rf.save)
	rf.customer.resize = func() { rf.dlg.dlg.Resize(fyne.NewSize(620, 560)) }
}

// read turns the inputs into the request, or the messages of what does not
// read.
func (rf *reverseForm) read() (model.ReverseRequest, model.ValidationErrors) {
	f := rf.f
	n := rf.r
	var v model.ValidationErrors
	n.CustomerID = rf.customer.value.id
	n.Requirements = strings.TrimSpace(f.text("requirements"))
	n.CategoryID, n.Currency = rf.category.value(), rf.currency.value()
	q, err := parseQty(f.text("qty"))
	if err != nil {
		v.Add("qty", msgQty)
	}
	n.Qty = q
	m, err := model.ParseMoney(f.text("wanted_price"), currencyDigits(rf.d.currencies, n.Currency))
	if err != nil {
		v.Add("wanted_price", msgMoney)
	}
	n.WantedPrice = m
	if n.Currency == "" {
		v.Add("currency", model.MsgRequired)
	}
	if len(v) == 0 {
		v = n.Validate()
	}
	return n, v
}

func (rf *reverseForm) save() error {
	a := rf.a
	n, v := rf.read()
	if len(v) > 0 {
		return v
	}
	saved, err := a.svc.Pipeline.SaveReverseRequest(a.ctx, n)
	if err != nil {
		return err
	}
	rf.r = saved
	a.shell.setStatus(a.T("reverse.saved", saved.Num))
	if rf.saved != nil {
		rf.saved(saved)
	}
	return nil
}
