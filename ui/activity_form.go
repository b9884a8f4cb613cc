package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// activityForm is the dialog of one activity: kind, subject, due date and
// time, duration, reminder, what it is tied to (customer, contact, deal,
// lead) and a note.
type activityForm struct {
	a        *App
	act      model.Activity
	f        *form
	kind     *choice
	remind   *choice
	customer *lookup
	contact  *choice
	deal     *choice
	dlg      *formDlg
	saved    func(model.Activity)
}

// editActivity opens the activity dialog; an empty ID makes a new activity
// with the links act carries. saved runs after a successful save.
func (a *App) editActivity(act model.Activity, saved func(model.Activity)) *activityForm {
	if act.ID == "" {
		if act.Kind == "" {
			act.Kind = model.ActivityCall
		}
		if act.Due.IsZero() {
			act.Due = time.Now().Truncate(time.Hour).Add(time.Hour)
		}
		if act.DurationMin == 0 {
			act.DurationMin = 30
		}
		if act.RemindAt.IsZero() {
			act.RemindAt = act.Due.Add(-15 * time.Minute)
		}
	}
	af := &activityForm{a: a, act: act, f: newForm(a), saved: saved}
	af.show()
	return af
}

func (af *activityForm) show() {
	a, act, f := af.a, af.act, af.f
	af.kind = newChoice(a.T("choose"), "", nil)
	af.kind.setOptions(activityKindOptions(a))
	af.kind.set(string(act.Kind))
	f.add("kind", af.kind.sel)
	f.entry("subject", act.Subject)
	day := f.entry("due", a.showDay(localDay(act.Due)))
	day.SetPlaceHolder(a.T("format.date_hint"))
	clock := f.entry("due_time", act.Due.Local().Format(clockFormat))
	clock.SetPlaceHolder("09:30")
	f.entry("duration", strconv.Itoa(act.DurationMin))
	af.remind = newChoice(a.T("choose"), "", nil)
	var labels, values []string
	for _, l := range reminderLeads {
		labels, values = append(labels, a.T(reminderKey(l))), append(values, strconv.Itoa(l))
	}
	af.remind.setOptions(labels, values)
	af.remind.set(strconv.Itoa(reminderLead(act)))
	f.add("reminder", af.remind.sel)
	af.customer = newLookup(a, a.T("activity.customer_hint"), a.findCustomerHits, af.customerPicked)
	f.add("customer", af.customer.object())
	af.contact = newChoice(a.T("filter.none"), a.T("filter.none"), nil)
	f.add("contact", af.contact.sel)
	af.deal = newChoice(a.T("filter.none"), a.T("filter.none"), nil)
	f.add("deal", af.deal.sel)
	if act.LeadID != "" {
		f.add("lead", widget.NewLabel(act.LeadName))
	}
	f.entry("note", act.Note)
	f.multiLine("note", 3)
	if act.CustomerID != "" {
		presetLookup(af.customer, act.CustomerID, act.CustomerName)
		af.loadLinks(act.CustomerID)
	}
	if act.ContactID != "" {
		af.contact.setOptions([]string{act.ContactName}, []string{act.ContactID})
		af.contact.set(act.ContactID)
	}
	if act.DealID != "" {
		af.deal.setOptions([]string{act.DealTitle}, []string{act.DealID})
		af.deal.set(act.DealID)
	}
	title := a.T("activity.new")
	if act.ID != "" {
		title = a.T(activityKindKey(act.Kind)) + ": " + act.Subject
	}
	af.dlg = a.formDialog(title, f, fyne.NewSize(620, 640), af.save)
	af.customer.resize = func() { af.dlg.dlg.Resize(fyne.NewSize(620, 640)) }
}

// presetLookup shows a chosen record in a lookup without searching.
func presetLookup(l *lookup, id, label string) {
	l.entry.OnChanged = nil
	l.entry.SetText(label)
	l.entry.OnChanged = l.changed
	l.value = lookupHit{id: id, label: label}
}

func (af *activityForm) customerPicked(h lookupHit) {
	af.contact.set("")
	af.deal.set("")
	af.contact.setOptions(nil, nil)
	af.deal.setOptions(nil, nil)
	if h.id != "" {
		af.loadLinks(h.id)
	}
}

// loadLinks offers the customer's contacts and open deals.
func (af *activityForm) loadLinks(customerID string) {
	a := af.a
	a.background(func() {
		card, err := a.svc.Customers.CustomerCard(a.ctx, customerID, 0)
		var deals []model.Deal
		if err == nil {
			deals, err = a.svc.Pipeline.FindDeals(a.ctx, model.DealFilter{CustomerID: customerID, Status: model.DealOpen, Limit: 200})
		}
		fyne.Do(func() {
			if err != nil {
				a.showErr(err)
				return
			}
			if af.customer.value.id != customerID {
				return
			}
			var labels, values []string
			for _, c := range card.Contacts {
				labels, values = append(labels, c.Name), append(values, c.ID)
			}
			af.contact.setOptions(labels, values)
			labels, values = nil, nil
			for _, d := range deals {
				labels, values = append(labels, d.Title), append(values, d.ID)
			}
			if af.act.DealID != "" && !slices.Contains(values, af.act.DealID) {
				labels, values = append(labels, af.act.DealTitle), append(values, af.act.DealID)
			}
			af.deal.setOptions(labels, values)
		})
	})
}

// read turns the inputs into the activity, or the messages of what does not
// read.
func (af *activityForm) read() (model.Activity, model.ValidationErrors) {
	a, f := af.a, af.f
	n := af.act
	var v model.ValidationErrors
	n.Kind = model.ActivityKind(af.kind.value())
	n.Subject, n.Note = strings.TrimSpace(f.text("subject")), f.text("note")
	day, okDay := parseDay(a, f.text("due"))
	h, m, okClock := parseClock(f.text("due_time"))
	if !okDay {
		v.Add("due", msgDate)
	}
	if !okClock {
		v.Add("due_time", "valid.time")
	}
	if okDay && okClock {
		n.Due = time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, time.Local)
	}
	dur, err := strconv.Atoi(strings.TrimSpace(f.text("duration")))
	if err != nil || dur < 0 {
		v.Add("duration", "valid.number")
	}
	n.DurationMin = dur
	lead, _ := strconv.Atoi(af.remind.value())
	n.RemindAt = time.Time{}
	if lead >= 0 && !n.Due.IsZero() {
		n.RemindAt = n.Due.Add(-time.Duration(lead) * time.Minute)
	}
	if !n.RemindAt.Equal(af.act.RemindAt) {
		n.RemindedAt = time.Time{}
	}
	n.CustomerID, n.ContactID, n.DealID = af.customer.value.id, af.contact.value(), af.deal.value()
	return n, v
}

func (af *activityForm) save() error {
	n, v := af.read()
	if len(v) > 0 {
		return v
	}
	saved, err := af.a.svc.Pipeline.SaveActivity(af.a.ctx, n)
	if err != nil {
		return err
	}
	af.act = saved
	if af.saved != nil {
		af.saved(saved)
	}
	return nil
}

// activityKindOptions are the kinds in display order.
func activityKindOptions(a *App) (labels, values []string) {
	for _, k := range model.ActivityKinds {
		labels, values = append(labels, a.T(activityKindKey(k))), append(values, string(k))
	}
	return labels, values
}
