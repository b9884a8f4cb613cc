package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// leadConvert is the conversion dialog: a new customer from the lead or an
// existing one found by the picker; a deal (title, amount, currency,
// expected close) or none.
type leadConvert struct {
	a        *App
	l        model.Lead
	f        *form
	target   *widget.RadioGroup
	customer *lookup
	noDeal   *widget.Check
	currency *choice
	cs       []model.Currency
	dlg      *formDlg
	done     func(model.LeadConvertResult)
}

// convertLead opens the conversion dialog of a lead; done runs after the
// conversion, before the dialog offering to open the customer or the deal.
func (a *App) convertLead(l model.Lead, done func(model.LeadConvertResult)) *leadConvert {
	c := &leadConvert{a: a, l: l, f: newForm(a), done: done, cs: model.DefaultCurrencies}
	c.show()
	return c
}

func (c *leadConvert) show() {
	a, f := c.a, c.f
	newCust, oldCust := a.T("convert.new_customer"), a.T("convert.existing_customer")
	c.target = widget.NewRadioGroup([]string{newCust, oldCust}, func(v string) {
		if v == oldCust {
			c.customer.entry.Enable()
		} else {
			c.customer.entry.Disable()
		}
	})
	f.add("convert_to", c.target)
	c.customer = newLookup(a, a.T("convert.customer_hint"), a.findCustomerHits, func(lookupHit) {})
	f.add("customer", c.customer.object())
	c.target.SetSelected(newCust)
	c.noDeal = widget.NewCheck(a.T("convert.no_deal"), func(on bool) {
		for _, n := range []string{"deal_title", "amount", "expected_close"} {
			if on {
				f.fields[n].entry.Disable()
			} else {
				f.fields[n].entry.Enable()
			}
		}
		if on {
			c.currency.sel.Disable()
		} else {
			c.currency.sel.Enable()
		}
	})
	f.add("no_deal", c.noDeal)
	f.entry("deal_title", c.l.DisplayName())
	f.entry("amount", "")
	c.currency = newChoice(a.T("convert.base_currency"), a.T("convert.base_currency"), nil)
	f.add("currency", c.currency.sel)
	closeDay := f.entry("expected_close", "")
	closeDay.SetPlaceHolder(a.T("format.date_hint"))
	a.loadCatalogDicts(func(d catalogDicts) {
		c.cs = d.currencies
		c.currency.setOptions(currencyOptions(d.currencies))
	})
	c.dlg = a.formDialog(a.T("convert.title", c.l.DisplayName()), f, fyne.NewSize(620, 560), c.save)
	c.dlg.save.SetText(a.T("convert.do"))
	c.customer.resize = func() { c.dlg.dlg.Resize(fyne.NewSize(620, 560)) }
}

// read turns the inputs into the conversion, or the messages of what does
// not read.
func (c *leadConvert) read() (model.LeadConversion, model.ValidationErrors) {
	a, f := c.a, c.f
	conv := model.LeadConversion{LeadID: c.l.ID, Version: c.l.Version, NoDeal: c.noDeal.Checked}
	var v model.ValidationErrors
	if c.target.Selected == a.T("convert.existing_customer") {
		conv.CustomerID = c.customer.value.id
		if conv.CustomerID == "" {
			v.Add("customer", model.MsgDealCustomer)
		}
	}
	if conv.NoDeal {
		return conv, v
	}
	conv.DealTitle, conv.Currency = strings.TrimSpace(f.text("deal_title")), c.currency.value()
	if s := strings.TrimSpace(f.text("amount")); s != "" {
		digits := 2
		if conv.Currency != "" {
			digits = currencyDigits(c.cs, conv.Currency)
		}
		m, err := model.ParseMoney(s, digits)
		if err != nil || m < 0 {
			v.Add("amount", msgMoney)
		}
		conv.Amount = m
	}
	day, ok := optionalDay(a, f.text("expected_close"))
	if !ok {
		v.Add("expected_close", msgDate)
	}
	conv.Expected = day
	return conv, v
}

func (c *leadConvert) save() error {
	a := c.a
	conv, v := c.read()
	if len(v) > 0 {
		return v
	}
	res, err := a.svc.Pipeline.ConvertLead(a.ctx, conv)
	if err != nil {
		return leadErr(a, err)
	}
	a.shell.setStatus(a.T("convert.done_status", c.l.DisplayName()))
	if c.done != nil {
		c.done(res)
	}
	c.dlg.dlg.Hide() // before the next dialog: hiding the form would take it along
	a.showConverted(res)
	return errPending
}

// showConverted offers to open what the conversion made.
func (a *App) showConverted(res model.LeadConvertResult) {
	text := a.T("convert.done_customer")
	if res.Deal.ID != "" {
		text = a.T("convert.done_deal", res.Deal.Title)
	}
	var d dialog.Dialog
	openCust := widget.NewButton(a.T("convert.open_customer"), func() { d.Hide(); a.shell.openCustomer(res.CustomerID) })
	btns := []fyne.CanvasObject{openCust}
	if res.Deal.ID != "" {
		openD := widget.NewButton(a.T("convert.open_deal"), func() { d.Hide(); openDeal(a, res.Deal.ID) })
		openD.Importance = widget.HighImportance
		btns = append(btns, openD)
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustom(a.T("convert.done_title"), a.T("btn.close"), container.NewVBox(l, container.NewHBox(btns...)), a.win)
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}
