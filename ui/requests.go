package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

const requestsLimit = 1000

var requestColumns = []column{{"number", 60}, {"customer", 210}, {"subject", 220}, {"priority", 95}, {"status", 100},
	{"responsible", 150}, {"due", 100}, {"opened", 100}}

// requestsScreen lists the service requests of the customers the user sees,
// opens a request's customer and changes a request's status.
type requestsScreen struct {
	a        *App
	openOnly bool
	mine     bool
	rows     []model.ServiceRequest
	table    *widget.Table
	sel      int
	status   *choice
	count    *widget.Label
	gen      int
}

func newRequestsScreen(a *App) *requestsScreen { return &requestsScreen{a: a, openOnly: true, sel: -1} }

func (s *requestsScreen) build() fyne.CanvasObject {
	a := s.a
	openOnly := widget.NewCheck(a.T("requests.open_only"), func(on bool) { s.openOnly = on; s.reload() })
	openOnly.SetChecked(s.openOnly)
	mine := widget.NewCheck(a.T("requests.mine"), func(on bool) { s.mine = on; s.reload() })
	open := widget.NewButtonWithIcon(a.T("requests.open_customer"), theme.AccountIcon(), s.openCustomer)
	edit := widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), s.edit)
	s.status = newChoice(a.T("requests.change_status"), "", s.changeStatus)
	s.status.setOptions(enumOptions(a, "status.", model.RequestStatuses))
	if !model.Can(a.svc.User.Role, model.EntityCustomer, model.ActUpdate) {
		s.status.sel.Disable()
		edit.Disable()
	}
	var header fyne.CanvasObject
	s.table, header = newTable(a, requestColumns, func() (int, int) { return len(s.rows), len(requestColumns) }, s.cell)
	s.table.OnSelected = func(id widget.TableCellID) {
		s.sel = id.Row
		a.idle.touch()
		if id.Row < len(s.rows) {
			s.status.set(string(s.rows[id.Row].Status))
		}
	}
	s.count = widget.NewLabel("")
	tools := container.NewHBox(openOnly, mine, widget.NewSeparator(), open, edit, container.NewGridWrap(fyne.NewSize(200, s.status.sel.MinSize().Height), s.status.sel))
	s.reload()
	return container.NewBorder(container.NewVBox(tools, header), s.count, nil, nil, s.table)
}

func (s *requestsScreen) cell(id widget.TableCellID, l *widget.Label) {
	a := s.a
	r := s.rows[id.Row]
	switch requestColumns[id.Col].key {
	case "number":
		l.SetText(fmt.Sprint(r.Num))
	case "customer":
		l.SetText(r.CustomerName)
	case "subject":
		l.SetText(r.Subject)
	case "priority":
		l.SetText(a.T("priority." + string(r.Priority)))
	case "status":
		l.SetText(a.T("status." + string(r.Status)))
	case "responsible":
		l.SetText(r.ResponsibleName)
	case "due":
		text := showDate(a, r.DueDate)
		if r.Overdue(time.Now().Format("2006-01-02")) {
			text += " !"
		}
		l.SetText(text)
	case "opened":
		l.SetText(r.OpenedAt.Local().Format(a.T("format.date")))
	}
}

// reload reads the requests in the background.
func (s *requestsScreen) reload() {
	s.gen++
	gen := s.gen
	a := s.a
	f := model.ServiceRequestFilter{OpenOnly: s.openOnly, Limit: requestsLimit}
	if s.mine {
		f.ResponsibleID = a.svc.User.ID
	}
	a.background(func() {
		rows, err := a.svc.Customers.FindServiceRequests(a.ctx, f)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.rows, s.sel = rows, -1
			s.status.set("")
			s.table.UnselectAll()
			s.table.Refresh()
			s.count.SetText(a.N("requests.count", int64(len(rows))))
		})
	})
}

// reshow reloads when the screen is shown again (back from a card).
func (s *requestsScreen) reshow() { s.reload() }

func (s *requestsScreen) selected() (model.ServiceRequest, bool) {
	if s.sel < 0 || s.sel >= len(s.rows) {
		return model.ServiceRequest{}, false
	}
	return s.rows[s.sel], true
}

func (s *requestsScreen) openCustomer() {
	if r, ok := s.selected(); ok {
		s.a.shell.openCustomer(r.CustomerID)
	}
}

func (s *requestsScreen) edit() {
	if r, ok := s.selected(); ok {
		s.a.editRequest(r, func(model.ServiceRequest) { s.reload() })
	}
}

// changeStatus saves the selected request with the status chosen.
func (s *requestsScreen) changeStatus(status string) {
	r, ok := s.selected()
	if !ok || status == "" || model.RequestStatus(status) == r.Status {
		return
	}
	r.Status = model.RequestStatus(status)
	if _, err := s.a.svc.Customers.SaveServiceRequest(s.a.ctx, r); err != nil {
		s.a.showErr(err)
		s.status.set(string(s.rows[s.sel].Status))
		return
	}
	s.a.shell.setStatus(s.a.T("requests.status_changed", r.Num, s.a.T("status."+status)))
	s.reload()
}
