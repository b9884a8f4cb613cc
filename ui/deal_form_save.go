package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// setCustomer shows the chosen customer (its name read when not given) and
// loads its contacts, choosing contactID.
func (df *dealForm) setCustomer(id, name, contactID string) {
	a := df.a
	df.cust.value = lookupHit{}
	if id == "" {
		df.cust.entry.OnChanged = nil
		df.cust.entry.SetText("")
		df.cust.entry.OnChanged = df.cust.changed
		df.contact.setOptions(nil, nil)
		return
	}
	a.background(func() {
		card, err := a.svc.Customers.CustomerCard(a.ctx, id, 0)
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			if name == "" {
				name = card.Customer.Name
			}
			df.cust.entry.OnChanged = nil
			df.cust.entry.SetText(name)
			df.cust.entry.OnChanged = df.cust.changed
			df.cust.value = lookupHit{id: id, label: name}
			df.showContacts(card.Contacts, contactID)
			if df.name.Text == "" && df.deal.ID == "" {
				df.name.SetText(name)
			}
			df.reprice()
		})
	})
}

func (df *dealForm) showContacts(cs []model.Contact, want string) {
	var labels, values []string
	for _, c := range cs {
		label := c.Name
		if c.Position != "" {
			label += " · " + c.Position
		}
		labels, values = append(labels, label), append(values, c.ID)
	}
	df.contact.setOptions(labels, values)
	df.contact.set(want)
}

// customerPicked loads the customer's contacts and prices the lines again.
func (df *dealForm) customerPicked(h lookupHit) {
	if df.filling {
		return
	}
	if h.id == "" {
		df.contact.setOptions(nil, nil)
		df.changed()
		return
	}
	df.edited()
	df.setCustomer(h.id, h.label, "")
}

// read turns the form into a deal; what does not parse is shown beside its
// field or under its line (ok false). sent are the rows of the lines.
func (df *dealForm) read() (d model.Deal, sent []*dealRow, ok bool) {
	a := df.a
	d = df.deal
	d.CustomerID, d.ContactID = df.cust.value.id, df.contact.value()
	d.Title, d.Currency = strings.TrimSpace(df.name.Text), df.currency.value()
	d.LeadSource, d.OwnerID, d.Note = strings.TrimSpace(df.source.Text), df.owner.value(), strings.TrimSpace(df.note.Text)
	df.f.clearErrors()
	var v model.ValidationErrors
	day, good := optionalDay(a, df.expected.Text)
	if !good {
		v.Add("expected_close", msgDate)
	}
	d.ExpectedClose = day
	d.ProbabilityManual = df.probHand.Checked
	if d.ProbabilityManual {
		bp, good := parseBP(df.prob.Text)
		if !good {
			v.Add("probability", model.MsgProbability)
		}
		d.ProbabilityBP = bp
	}
	d.PaymentDays = 0
	if s := strings.TrimSpace(df.payDays.Text); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 3650 {
			v.Add("payment_days", model.MsgDays)
		}
		d.PaymentDays = n
	}
	var linesOK bool
	d.Lines, sent, linesOK = df.lines.read()
	d.AmountManual = len(d.Lines) == 0
	if d.AmountManual {
		d.Amount = 0
		if s := strings.TrimSpace(df.amount.Text); s != "" {
			m, err := model.ParseMoney(s, currencyDigits(df.d.cat.currencies, d.Currency))
			if err != nil || m < 0 {
				v.Add("amount", msgMoney)
			}
			d.Amount = m
		}
	}
	if len(v) > 0 {
		df.f.setErrors(v, "")
	}
	return d, sent, len(v) == 0 && linesOK
}

// edited notes that the user changed the form.
func (df *dealForm) edited() {
	if !df.filling && df.loaded {
		df.dirty = true
	}
}

// changed notes an edit of the terms and prices them again.
func (df *dealForm) changed() {
	df.edited()
	df.reprice()
}

// reprice prices the lines again once the input pauses.
func (df *dealForm) reprice() {
	if df.filling || !df.loaded {
		return
	}
	df.pricing.call(df.runPricing)
}

// runPricing asks the service to price the deal in the background and shows
// the figures and the approval reasons the terms would give.
func (df *dealForm) runPricing() {
	a := df.a
	d, sent, ok := df.read()
	df.gen++
	gen := df.gen
	if len(d.Lines) > 0 {
		df.amount.Disable()
	} else if df.canEdit && df.deal.Status == model.DealOpen {
		df.amount.Enable()
	}
	if !ok || d.CustomerID == "" {
		df.side.showLive(d, nil, false)
		return
	}
	a.background(func() {
		priced, reasons, err := a.svc.Pipeline.PriceDealLines(a.ctx, d)
		fyne.Do(func() {
			if gen != df.gen {
				return
			}
			if err != nil {
				if !df.lines.setErrors(err, sent) {
					df.showMsg(a.dealErrText(err))
				}
				return
			}
			df.msg.Hide()
			df.lines.showPriced(priced.Lines, sent)
			if len(priced.Lines) > 0 {
				df.filling = true
				df.amount.SetText(a.moneyInput(priced.Amount, df.lines.digits))
				df.filling = false
			}
			df.side.showLive(priced, reasons, true)
		})
	})
}

func (df *dealForm) showMsg(text string) {
	df.msg.SetText(text)
	df.msg.Show()
}

// saveDeal saves the deal and shows it as saved; it reports success.
func (df *dealForm) saveDeal() bool {
	df.a.idle.touch()
	saved, ok := df.store()
	if ok {
		df.reloadWith(saved.ID)
	}
	return ok
}

// store saves what the form shows; refusals are shown beside the fields.
func (df *dealForm) store() (model.Deal, bool) {
	a := df.a
	d, sent, ok := df.read()
	if !ok {
		return d, false
	}
	df.pricing.cancel()
	saved, err := a.svc.Pipeline.SaveDeal(a.ctx, d)
	if err != nil {
		if !df.f.setErrors(formFieldErrors(err), "") && !df.lines.setErrors(err, sent) {
			a.showDealErr(err)
		}
		return d, false
	}
	df.msg.Hide()
	a.shell.setStatus(a.T("deal.saved", saved.Title))
	return saved, true
}

// saved hands then the deal as stored: the edits on the form are saved
// first (a stage move or a quote works on the saved deal).
func (df *dealForm) saved(then func(model.Deal)) {
	if !df.dirty {
		then(df.deal)
		return
	}
	a := df.a
	d, ok := df.store()
	if !ok {
		return
	}
	full, err := a.svc.Pipeline.FindDealByID(a.ctx, d.ID)
	if err != nil {
		a.showErr(err)
		return
	}
	df.show(full)
	then(full)
}

// reloadWith reads the deal id whole (stages, names) and shows it.
func (df *dealForm) reloadWith(id string) {
	df.deal.ID = id
	df.reload()
}

// issueQuote issues a quote from the deal (its edits saved first).
func (df *dealForm) issueQuote() {
	a := df.a
	a.idle.touch()
	df.saved(func(d model.Deal) {
		q, err := a.svc.Pipeline.IssueQuote(a.ctx, d.ID, d.Version)
		if err != nil {
			df.showMsg(a.dealErrText(err))
			return
		}
		a.shell.setStatus(a.T("deal.quote_issued", a.docTitle(q)))
		df.reload()
	})
}

// formFieldErrors names the deal's validation errors as the form's fields
// are named (the model's "title" is the form's "deal_title").
func formFieldErrors(err error) error {
	fe := model.FieldErrors(err)
	if len(fe) == 0 {
		return err
	}
	out := make(model.ValidationErrors, 0, len(fe))
	for _, e := range fe {
		c := *e
		if c.Field == "title" {
			c.Field = "deal_title"
		}
		out = append(out, &c)
	}
	return out
}
