package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// dealForm is a deal: its terms (customer, contact, title, amount or lines,
// currency, expected close, probability, payment days, lead source, owner,
// note), its lines re-priced by the service as they change with the
// approval reasons shown live, the stages with their responsible, due date
// and result, the history of moves, the documents, the approval state and
// cross-selling suggestions.
type dealForm struct {
	a        *App
	deal     model.Deal // as loaded or last saved; ID "" until saved
	d        dealDicts
	pipe     model.Pipeline
	f        *form
	title    *widget.Label
	state    *widget.Label
	cust     *lookup
	contact  *choice
	name     *widget.Entry
	stage    *widget.Label
	amount   *widget.Entry
	currency *choice
	expected *widget.Entry
	prob     *widget.Entry
	probHand *widget.Check
	payDays  *widget.Entry
	source   *widget.SelectEntry
	owner    *choice
	note     *widget.Entry
	lines    *dealLines
	side     *dealSide
	stages   *dealStages
	cross    *dealCross
	save     *widget.Button
	quote    *widget.Button
	msg      *widget.Label
	pricing  *debouncer
	gen      int
	loaded   bool
	filling  bool
	dirty    bool // edited since shown
	canEdit  bool
	body     *fyne.Container
}

// openDeal opens the deal id on top of the current screen.
func openDeal(a *App, id string) {
	a.idle.touch()
	a.shell.push(newDealForm(a, model.Deal{ID: id}))
}

// newDealFor opens the form of a new deal for a customer ("" = to choose).
func newDealFor(a *App, customerID string) {
	a.idle.touch()
	a.shell.push(newDealForm(a, model.Deal{CustomerID: customerID}))
}

func newDealForm(a *App, d model.Deal) *dealForm {
	return &dealForm{a: a, deal: d, pricing: newDebouncer(250*time.Millisecond, &a.busy)}
}

func (df *dealForm) build() fyne.CanvasObject {
	a := df.a
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	df.title = widget.NewLabelWithStyle(a.T("customers.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	df.title.SizeName = theme.SizeNameSubHeadingText
	df.title.Truncation = fyne.TextTruncateEllipsis
	df.state = widget.NewLabel("")
	df.f = newForm(a)
	df.cust = newLookup(a, a.T("order.customer_hint"), a.findCustomerHits, df.customerPicked)
	df.f.add("customer", df.cust.object())
	df.contact = newChoice(a.T("deal.no_contact"), a.T("deal.no_contact"), func(string) { df.edited() })
	df.f.add("contact", df.contact.sel)
	df.name = df.f.entry("deal_title", "")
	df.name.OnChanged = func(string) { df.edited() }
	df.stage = widget.NewLabel("")
	df.f.add("stage", df.stage)
	df.amount = df.f.entry("amount", "")
	df.amount.OnChanged = func(string) { df.changed() }
	df.currency = newChoice(a.T("choose"), "", func(string) { df.changed() })
	df.f.add("currency", df.currency.sel)
	df.expected = df.f.entry("expected_close", "")
	df.expected.SetPlaceHolder(a.T("format.date_hint"))
	df.expected.OnChanged = func(string) { df.edited() }
	df.prob = widget.NewEntry()
	df.prob.OnChanged = func(string) { df.edited() }
	df.probHand = widget.NewCheck(a.T("deal.prob_by_hand"), func(on bool) { df.edited(); df.showProbability(on) })
	df.f.add("probability", container.NewBorder(nil, nil, nil, df.probHand, df.prob))
	df.f.fields["probability"].entry = df.prob
	df.payDays = df.f.entry("payment_days", "")
	df.payDays.OnChanged = func(string) { df.changed() }
	df.source = widget.NewSelectEntry(nil)
	df.source.OnChanged = func(string) { df.edited() }
	df.f.add("lead_source", df.source)
	df.owner = newChoice(a.T("choose"), "", func(string) { df.edited() })
	df.f.add("deal_owner", df.owner.sel)
	df.note = df.f.entry("note", "")
	df.note.OnChanged = func(string) { df.edited() }
	df.f.multiLine("note", 2)
	df.lines = newDealLines(a, df.changed)
	df.side = newDealSide(df)
	df.stages = newDealStages(df)
	df.cross = newDealCross(df)
	df.msg = widget.NewLabel("")
	df.msg.Importance = widget.DangerImportance
	df.msg.Wrapping = fyne.TextWrapWord
	df.msg.Hide()
	df.save = widget.NewButtonWithIcon(a.T("deal.save"), theme.DocumentSaveIcon(), func() { df.saveDeal() })
	df.save.Importance = widget.HighImportance
	df.quote = widget.NewButtonWithIcon(a.T("deal.issue_quote"), theme.MailSendIcon(), df.issueQuote)
	df.f.setEnabled(false)
	df.save.Disable()
	df.quote.Disable()
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(back), df.state, df.title), widget.NewSeparator())
	tabs := container.NewAppTabs(
		container.NewTabItem(a.T("deal.tab.stages"), df.stages.object()),
		container.NewTabItem(a.T("deal.tab.crosssell"), df.cross.object()),
		container.NewTabItem(a.T("deal.tab.history"), df.side.historyObject()),
		container.NewTabItem(a.T("deal.tab.documents"), df.side.docsObject()))
	df.body = container.NewVBox(df.side.bannerObject(), container.NewGridWithColumns(2, df.f.grid, df.side.totalsObject()),
		widget.NewSeparator(), df.lines.object(), widget.NewSeparator(), tabs)
	df.cust.resize, df.lines.resize = df.body.Refresh, df.body.Refresh
	bottom := container.NewVBox(widget.NewSeparator(), df.msg, container.NewHBox(df.save, df.quote, widget.NewSeparator(),
		df.stages.record, df.stages.next, df.stages.won, df.stages.lost, df.stages.reopen))
	a.loadDealDicts(func(d dealDicts) {
		df.d = d
		df.currency.setOptions(currencyOptions(d.cat.currencies))
		df.owner.setOptions(userOptions(d.users))
		df.source.SetOptions(d.sources)
		if df.deal.ID == "" {
			df.show(df.deal)
			return
		}
		df.reload()
	})
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(df.body))
}

// reload reads the deal again and shows it.
func (df *dealForm) reload() {
	a := df.a
	id := df.deal.ID
	a.background(func() {
		d, err := a.svc.Pipeline.FindDealByID(a.ctx, id)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			df.show(d)
		})
	})
}

// reshow reads the deal again when the form is shown after a document.
func (df *dealForm) reshow() {
	if df.deal.ID != "" {
		df.reload()
	}
}

// show puts a deal on the form (a new one: the defaults).
func (df *dealForm) show(d model.Deal) {
	a := df.a
	df.filling = true
	df.pipe = df.d.pipe(d.PipelineID)
	if d.ID == "" {
		if first, ok := df.pipe.StageOfKind(model.StageOpen); ok && d.StageID == "" {
			d.StageID = first.ID
		}
		d.PipelineID, d.Status = df.pipe.ID, model.DealOpen
		if d.OwnerID == "" {
			d.OwnerID = a.svc.User.ID
		}
		if d.Currency == "" {
			d.Currency = df.d.cat.tax.BaseCurrency
		}
	}
	df.deal, df.loaded = d, true
	act := model.ActUpdate
	if d.ID == "" {
		act = model.ActCreate
	}
	df.canEdit = model.Can(a.svc.User.Role, model.EntityDeal, act)
	df.title.SetText(a.T("deal.new"))
	if d.ID != "" {
		df.title.SetText(dealLabel(d))
	}
	st, _ := df.pipe.StageByID(d.StageID)
	df.state.SetText(dealStatusText(a, d.Status) + " · " + stageName(a, st))
	df.stage.SetText(df.pipe.Name + " · " + stageName(a, st))
	df.name.SetText(d.Title)
	df.currency.set(d.Currency)
	digits := currencyDigits(df.d.cat.currencies, d.Currency)
	df.amount.SetText("")
	if d.Amount != 0 {
		df.amount.SetText(a.moneyInput(d.Amount, digits))
	}
	df.expected.SetText(a.dayInput(d.ExpectedClose))
	df.probHand.SetChecked(d.ProbabilityManual)
	df.prob.SetText(a.bpInput(model.DealProbability(d, st)))
	df.payDays.SetText("")
	if d.PaymentDays > 0 {
		df.payDays.SetText(strconv.Itoa(d.PaymentDays))
	}
	df.source.SetText(d.LeadSource)
	df.owner.set(d.OwnerID)
	df.note.SetText(d.Note)
	editable := df.canEdit && d.Status == model.DealOpen
	df.lines.digits = digits
	df.lines.setEditable(editable)
	df.lines.setLines(d.Lines)
	df.f.setEnabled(editable)
	df.showProbability(d.ProbabilityManual)
	if editable {
		df.cust.entry.Enable()
		df.source.Enable()
		df.probHand.Enable()
	} else {
		df.cust.entry.Disable()
		df.source.Disable()
		df.probHand.Disable()
	}
	df.setCustomer(d.CustomerID, d.CustomerName, d.ContactID)
	df.filling = false
	df.save.Hidden, df.quote.Hidden = !df.canEdit, !df.canEdit || d.ID == ""
	if editable {
		df.save.Enable()
	} else {
		df.save.Disable()
	}
	df.side.show(d, df.pipe)
	df.stages.show(d, df.pipe)
	df.cross.show(d)
	df.updateQuote()
	df.body.Refresh()
	df.dirty = false
	df.reprice()
}

// updateQuote enables «Issue quote» when the deal may have one.
func (df *dealForm) updateQuote() {
	d := df.deal
	if d.ID != "" && d.Status == model.DealOpen && model.CanIssueQuote(d.Approval) && len(d.Lines) > 0 {
		df.quote.Enable()
	} else {
		df.quote.Disable()
	}
	df.quote.Refresh()
}

// showProbability shows the stage's default unless set by hand.
func (df *dealForm) showProbability(byHand bool) {
	if byHand && df.canEdit && df.deal.Status == model.DealOpen {
		df.prob.Enable()
		return
	}
	st, _ := df.pipe.StageByID(df.deal.StageID)
	d := df.deal
	d.ProbabilityManual = false
	if !df.filling {
		df.prob.SetText(df.a.bpInput(model.DealProbability(d, st)))
	}
	df.prob.Disable()
}
