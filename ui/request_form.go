package ui

import (
	"fmt"

	"fyne.io/fyne/v2"

	"sdelka/model"
)

// editRequest opens the service request dialog; an empty ID makes a new
// request. saved runs after a successful save.
func (a *App) editRequest(r model.ServiceRequest, saved func(model.ServiceRequest)) {
	if r.ID == "" {
		r.Status, r.Priority = model.RequestOpen, model.PriorityNormal
	}
	f := newForm(a)
	f.entry("subject", r.Subject)
	f.entry("description", r.Description)
	f.multiLine("description", 4)
	prio := newChoice(a.T("field.priority"), "", nil)
	prio.setOptions(enumOptions(a, "priority.", model.RequestPriorities))
	prio.set(string(r.Priority))
	f.add("priority", prio.sel)
	status := newChoice(a.T("field.status"), "", nil)
	status.setOptions(enumOptions(a, "status.", model.RequestStatuses))
	status.set(string(r.Status))
	f.add("status", status.sel)
	resp := newChoice(a.T("field.responsible"), a.T("filter.none"), nil)
	resp.set(r.ResponsibleID)
	if r.ID == "" {
		resp.set(a.svc.User.ID)
	}
	a.loadDicts(func(d dicts) { resp.setOptions(userOptions(d.owners)) })
	f.add("responsible", resp.sel)
	due := f.entry("due_date", showDate(a, r.DueDate))
	due.SetPlaceHolder(a.T("format.date_hint"))
	title := a.T("requests.new")
	if r.ID != "" {
		title = fmt.Sprintf("%s № %d", a.T("requests.request"), r.Num)
	}
	a.formDialog(title, f, fyne.NewSize(560, 520), func() error {
		n := r
		n.Subject, n.Description = f.text("subject"), f.text("description")
		n.Priority, n.Status = model.RequestPriority(prio.value()), model.RequestStatus(status.value())
		n.ResponsibleID, n.DueDate = resp.value(), parseDate(a, f.text("due_date"))
		s, err := a.svc.Customers.SaveServiceRequest(a.ctx, n)
		if err == nil && saved != nil {
			saved(s)
		}
		return err
	})
}

// enumOptions are the translated labels ("<prefix><value>") and values of
// a list of string constants.
func enumOptions[T ~string](a *App, prefix string, vals []T) (labels, values []string) {
	for _, v := range vals {
		labels, values = append(labels, a.T(prefix+string(v))), append(values, string(v))
	}
	return labels, values
}

// requestLine is a one-line description of a request.
func requestLine(a *App, r model.ServiceRequest, today string) string {
	s := fmt.Sprintf("№ %d · %s · %s · %s", r.Num, r.Subject, a.T("status."+string(r.Status)), a.T("priority."+string(r.Priority)))
	if r.ResponsibleName != "" {
		s += " · " + r.ResponsibleName
	}
	if r.DueDate != "" {
		s += " · " + a.T("requests.due", showDate(a, r.DueDate))
		if r.Overdue(today) {
			s += " · " + a.T("requests.overdue")
		}
	}
	return s
}
