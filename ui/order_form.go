package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// orderForm creates and edits a draft quote or order: the customer, the
// currency, warehouse, date, contract and note, and the lines. After every
// change (once typing pauses) the service's CheckOrder prices the draft in
// the background, and the form shows its totals, stock and credit check.
// Posting turns the screen into the document's view.
type orderForm struct {
	a         *App
	doc       model.Document // as loaded or last saved; ID "" until saved
	d         catalogDicts
	f         *form
	title     *widget.Label
	cust      *lookup
	currency  *choice
	warehouse *choice
	channel   *choice       // "" = the customer's channel
	due       *widget.Entry // an order's delivery date, a quote's validity
	contract  *choice
	note      *widget.Entry
	lines     *orderLines
	summary   *orderSummary
	status    *widget.Label
	actions   *fyne.Container
	save      *widget.Button
	del       *widget.Button
	issue     *widget.Button
	toOrder   *widget.Button
	confirm   *widget.Button
	approve   *widget.Button
	insure    *widget.Button
	checking  *debouncer
	check     model.OrderCheck
	checked   bool // check is the result for what the form shows
	loaded    bool
	canEdit   bool
	filling   bool // the widgets are being set by code
	gen       int
}

// newOrderForm edits d: a loaded draft, or a new one of d.Kind (with
// d.CustomerID chosen when set).
func newOrderForm(a *App, d model.Document) *orderForm {
	if d.Kind == "" {
		d.Kind = model.DocOrder
	}
	return &orderForm{a: a, doc: d, checking: newDebouncer(250*time.Millisecond, &a.busy)}
}

func (o *orderForm) isOrder() bool { return o.doc.Kind == model.DocOrder }

func (o *orderForm) build() fyne.CanvasObject {
	a := o.a
	act := model.ActUpdate
	if o.doc.ID == "" {
		act = model.ActCreate
	}
	o.canEdit = a.canDocs(act)
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	o.title = widget.NewLabelWithStyle(a.T("customers.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.title.SizeName = theme.SizeNameSubHeadingText
	o.f = newForm(a)
	o.cust = newLookup(a, a.T("order.customer_hint"), a.findCustomerHits, o.customerPicked)
	o.f.add("customer", o.cust.object())
	o.currency = newChoice(a.T("choose"), "", func(string) { o.currencyChanged() })
	o.f.add("currency", o.currency.sel)
	o.warehouse = newChoice(a.T("order.all_warehouses"), a.T("order.all_warehouses"), func(string) { o.changed() })
	o.f.add("warehouse", o.warehouse.sel)
	o.channel = newChoice(a.T("order.channel_customer"), a.T("order.channel_customer"), nil)
	o.channel.setOptions(salesChannelOptions(a))
	o.f.add("channel", o.channel.sel)
	due, dueDay := "valid_until", o.doc.ValidUntil
	if o.isOrder() {
		due, dueDay = "delivery_date", o.doc.DeliveryDate
	}
	o.due = o.f.entry(due, a.dayInput(dueDay))
	o.due.SetPlaceHolder(a.T("format.date_hint"))
	o.contract = newChoice(a.T("order.no_contract"), a.T("order.no_contract"), nil)
	o.f.add("contract", o.contract.sel)
	o.note = o.f.entry("note", o.doc.Note)
	o.lines = newOrderLines(a, o.changed)
	o.summary = newOrderSummary(a)
	o.status = widget.NewLabel("")
	o.status.Wrapping = fyne.TextWrapWord
	o.makeButtons()
	o.f.setEnabled(false)
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(back), nil, o.title), widget.NewSeparator())
	body := container.NewVBox(container.NewGridWithColumns(2, o.f.grid, o.summary.object()), widget.NewSeparator(),
		o.lines.object())
	o.cust.resize, o.lines.resize = body.Refresh, body.Refresh
	bottom := container.NewVBox(widget.NewSeparator(), o.status, o.actions)
	a.loadCatalogDicts(func(d catalogDicts) {
		o.d = d
		o.currency.setOptions(currencyOptions(d.currencies))
		o.warehouse.setOptions(warehouseOptions(d.warehouses))
		o.show(o.doc)
	})
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(body))
}

// makeButtons makes the actions; updateActions shows those that apply.
func (o *orderForm) makeButtons() {
	a := o.a
	o.save = widget.NewButtonWithIcon(a.T("order.save"), theme.DocumentSaveIcon(), func() { o.saveDraft() })
	o.del = widget.NewButtonWithIcon(a.T("order.delete"), theme.DeleteIcon(), o.deleteDraft)
	o.issue = widget.NewButtonWithIcon(a.T("order.issue"), theme.MailSendIcon(), o.issueQuote)
	o.toOrder = widget.NewButtonWithIcon(a.T("order.from_quote"), theme.ContentCopyIcon(), o.orderFromQuote)
	o.confirm = widget.NewButtonWithIcon(a.T("order.confirm"), theme.ConfirmIcon(), o.confirmOrder)
	o.approve = widget.NewButtonWithIcon(a.T("order.approve"), theme.WarningIcon(), o.approveCredit)
	o.insure = widget.NewButtonWithIcon(a.T("ins.open"), theme.FileIcon(), func() { showInsuranceDialog(a, o.doc, nil) })
	o.confirm.Importance = widget.HighImportance
	o.issue.Importance = widget.HighImportance
	o.approve.Importance = widget.WarningImportance
	o.actions = container.NewHBox(o.save, o.issue, o.confirm, o.approve, o.toOrder, o.insure, o.del)
	o.updateActions()
}

// updateActions shows the actions that apply to the draft as it stands.
func (o *orderForm) updateActions() {
	a, saved := o.a, o.doc.ID != ""
	show := func(b *widget.Button, on bool) { b.Hidden = !on }
	show(o.save, o.canEdit)
	show(o.del, o.canEdit && saved)
	show(o.issue, o.canEdit && !o.isOrder())
	show(o.toOrder, !o.isOrder() && saved && a.canDocs(model.ActCreate))
	show(o.confirm, o.canEdit && o.isOrder())
	show(o.approve, o.canEdit && o.isOrder() && a.canApproveCredit() && o.checked && o.check.Credit != nil &&
		o.doc.CreditApproved == "")
	show(o.insure, o.isOrder() && saved)
	for _, b := range []*widget.Button{o.save, o.del, o.issue, o.toOrder, o.confirm, o.approve, o.insure} {
		if o.loaded {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	o.actions.Refresh()
}

// show puts a draft on the form.
func (o *orderForm) show(d model.Document) {
	a := o.a
	o.filling = true
	o.doc, o.loaded, o.checked = d, true, false
	title := a.T("order_new." + string(d.Kind))
	if d.ID != "" {
		title = a.T("order_draft." + string(d.Kind))
	}
	o.title.SetText(title)
	cur := d.Currency
	if cur == "" {
		cur = o.d.tax.BaseCurrency
	}
	o.currency.set(cur)
	o.lines.digits = currencyDigits(o.d.currencies, cur)
	wh := d.WarehouseID
	if wh == "" && d.ID == "" && len(o.warehouse.values) > 0 {
		wh = o.warehouse.values[0]
	}
	o.warehouse.set(wh)
	o.channel.set(string(d.Channel))
	o.note.SetText(d.Note)
	o.lines.setEditable(o.canEdit)
	o.lines.setLines(d.Lines)
	o.f.setEnabled(o.canEdit)
	if !o.canEdit {
		o.cust.entry.Disable()
	}
	o.setCustomer(d.CustomerID, d.CustomerName)
	o.filling = false
	o.updateActions()
	o.changed()
}

// setCustomer shows the chosen customer (its name read when not given).
func (o *orderForm) setCustomer(id, name string) {
	a := o.a
	if id == "" {
		return
	}
	put := func(name string) {
		o.cust.entry.OnChanged = nil
		o.cust.entry.SetText(name)
		o.cust.entry.OnChanged = o.cust.changed
		o.cust.value = lookupHit{id: id, label: name}
		o.customerPicked(o.cust.value)
	}
	if name != "" {
		put(name)
		return
	}
	a.background(func() {
		c, err := a.svc.Customers.FindCustomerByID(a.ctx, id)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			put(c.Name)
		})
	})
}

// customerPicked loads the customer's posted contracts and checks again.
func (o *orderForm) customerPicked(h lookupHit) {
	a := o.a
	if h.id == "" {
		o.contract.setOptions(nil, nil)
		o.changed()
		return
	}
	want := o.doc.ContractID
	a.background(func() {
		cs, err := a.svc.Sales.FindDocuments(a.ctx, model.DocFilter{Kind: model.DocContract, Status: model.StatusPosted,
			CustomerID: h.id, Limit: 100})
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			var labels, values []string
			for _, c := range cs {
				labels = append(labels, a.T("order.contract_label", c.Number, a.showDay(c.Date)))
				values = append(values, c.ID)
			}
			o.contract.setOptions(labels, values)
			if h.id == o.doc.CustomerID {
				o.contract.set(want)
			} else {
				o.contract.set("")
			}
		})
	})
	o.changed()
}

func (o *orderForm) currencyChanged() {
	o.lines.digits = currencyDigits(o.d.currencies, o.currency.value())
	o.changed()
}

// draft reads the form into a document; what does not parse is reported
// beside its field or under its line (ok false). sent are the rows of the
// lines, in order.
func (o *orderForm) draft() (d model.Document, sent []*lineRow, ok bool) {
	a := o.a
	d = model.Document{ID: o.doc.ID, Version: o.doc.Version, Kind: o.doc.Kind, CustomerID: o.cust.value.id,
		Currency: o.currency.value(), WarehouseID: o.warehouse.value(), ContractID: o.contract.value(),
		Channel: model.Channel(o.channel.value()), Note: strings.TrimSpace(o.note.Text)}
	o.f.clearErrors()
	day, good := optionalDay(a, o.due.Text)
	if !good {
		o.f.setErrors(model.ValidationErrors{{Field: o.dueField(), Msg: msgDate}}, "")
	}
	if o.isOrder() {
		d.DeliveryDate = day
	} else {
		d.ValidUntil = day
	}
	var linesOK bool
	d.Lines, sent, linesOK = o.lines.read()
	return d, sent, good && linesOK
}

func (o *orderForm) dueField() string {
	if o.isOrder() {
		return "delivery_date"
	}
	return "valid_until"
}

// changed checks the draft again once the input pauses.
func (o *orderForm) changed() {
	if o.filling || !o.loaded {
		return
	}
	o.checked = false
	o.checking.call(o.runCheck)
}

// runCheck asks the service to price and check the draft in the background.
func (o *orderForm) runCheck() {
	a := o.a
	d, sent, _ := o.draft()
	o.gen++
	gen := o.gen
	if d.CustomerID == "" || len(d.Lines) == 0 {
		o.summary.waiting(a.T("order.check_hint"), false)
		o.updateActions()
		return
	}
	incl := o.d.tax.PricesIncludeVAT
	a.background(func() {
		c, err := a.svc.Sales.CheckOrder(a.ctx, d)
		fyne.Do(func() {
			if gen != o.gen {
				return
			}
			if err != nil {
				text, _ := a.errText(err)
				if !o.lines.setErrors(err, sent) {
					o.summary.waiting(text, true)
				}
				return
			}
			o.check, o.checked = c, true
			o.lines.showCheck(c, sent, incl)
			o.summary.show(c, o.doc, d.Currency, o.d.currencies)
			o.updateActions()
		})
	})
}
