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

// leadsLimit bounds the leads screen's read.
const leadsLimit = 1000

var leadColumns = []column{{"lead", 220}, {"source", 100}, {"campaign", 100}, {"region", 120}, {"owner", 130},
	{"lead_status", 100}, {"routed_by", 130}, {"created", 90}}

// leadStatuses are the lead statuses, in the order offered.
var leadStatuses = []model.LeadStatus{model.LeadNew, model.LeadWorking, model.LeadConverted, model.LeadDisqualified}

// leadAll is the status filter's value for every status.
const leadAll = "all"

// leadList is «Лиды»: possible customers, newest first, filtered by status
// and owner and searched; a new lead is routed by the rules; a lead is
// edited, disqualified with a reason or converted into a customer and a
// deal.
type leadList struct {
	a       *App
	f       model.LeadFilter
	d       dicts
	rows    []model.Lead
	sel     int
	table   *widget.Table
	status  *choice
	owner   *choice
	search  *widget.Entry
	typing  *debouncer
	count   *widget.Label
	edit    *widget.Button
	act     *widget.Button
	disq    *widget.Button
	convert *widget.Button
	gen     int
}

func newLeadList(a *App) *leadList {
	return &leadList{a: a, sel: -1, typing: newDebouncer(200*time.Millisecond, &a.busy)}
}

func (l *leadList) build() fyne.CanvasObject {
	a := l.a
	title := widget.NewLabelWithStyle(a.T("nav.leads"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.status = newChoice(a.T("leads.active"), a.T("leads.active"), func(v string) {
		l.f.Status, l.f.All = model.LeadStatus(v), v == leadAll
		if l.f.All {
			l.f.Status = ""
		}
		l.reload()
	})
	labels, values := enumOptions(a, "lead_status.", leadStatuses)
	l.status.setOptions(append(labels, a.T("leads.all")), append(values, leadAll))
	l.owner = newChoice(a.T("leads.any_owner"), a.T("leads.any_owner"), func(v string) { l.f.OwnerID = v; l.reload() })
	if !canAssignLead(a.svc.User.Role) {
		l.owner.sel.Hide()
	}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("leads.search"))
	l.search.OnChanged = func(q string) {
		l.typing.call(func() { l.f.Query = strings.TrimSpace(q); l.reload() })
	}
	add := widget.NewButtonWithIcon(a.T("leads.new"), theme.ContentAddIcon(), func() { a.editLead(model.Lead{}, l.saved) })
	if !model.Can(a.svc.User.Role, model.EntityLead, model.ActCreate) {
		add.Hide()
	}
	l.edit = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), l.openSelected)
	l.act = widget.NewButtonWithIcon(a.T("leads.activity"), theme.CalendarIcon(), func() {
		if ld, ok := l.selected(); ok {
			a.editActivity(model.Activity{LeadID: ld.ID, LeadName: ld.DisplayName(), CustomerID: ld.CustomerID}, nil)
		}
	})
	l.disq = widget.NewButtonWithIcon(a.T("leads.disqualify"), theme.CancelIcon(), func() {
		if ld, ok := l.selected(); ok {
			a.disqualifyLead(ld, l.saved)
		}
	})
	l.convert = widget.NewButtonWithIcon(a.T("leads.convert"), theme.ConfirmIcon(), func() {
		if ld, ok := l.selected(); ok {
			a.convertLead(ld, func(model.LeadConvertResult) { l.reload() })
		}
	})
	l.convert.Importance = widget.HighImportance
	var header fyne.CanvasObject
	l.table, header = newTable(a, leadColumns, func() (int, int) { return len(l.rows), len(leadColumns) }, l.cell)
	l.table.OnSelected = func(id widget.TableCellID) { l.sel = id.Row; a.idle.touch(); l.showSelection() }
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	tools := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(title, narrow(l.status.sel, 200), narrow(l.owner.sel, 220)),
		nil, l.search), container.NewHBox(add, l.edit, l.act, l.disq, l.convert))
	l.showSelection()
	a.loadDicts(func(d dicts) {
		l.d = d
		l.owner.setOptions(userOptions(d.owners))
		l.reload()
	})
	return container.NewBorder(container.NewVBox(tools, widget.NewSeparator(), header), l.count, nil, nil, l.table)
}

func (l *leadList) cell(id widget.TableCellID, c *widget.Label) {
	a := l.a
	if id.Row >= len(l.rows) {
		return
	}
	ld := l.rows[id.Row]
	switch leadColumns[id.Col].key {
	case "lead":
		text := ld.DisplayName()
		if ld.Company != "" && ld.Name != "" {
			text += " · " + ld.Name
		}
		c.SetText(text)
	case "source":
		c.SetText(ld.Source)
	case "campaign":
		c.SetText(ld.Campaign)
	case "region":
		c.SetText(l.regionName(ld.RegionCode))
	case "owner":
		c.SetText(ld.OwnerName)
	case "lead_status":
		c.SetText(a.T("lead_status." + string(ld.Status)))
	case "routed_by":
		c.SetText(ld.RoutedBy)
	case "created":
		c.SetText(a.dayInput(ld.Created.Local()))
	}
}

// regionName is a region's name in the UI language (the code when unknown).
func (l *leadList) regionName(code string) string {
	for _, r := range l.d.regions {
		if r.Code == code {
			return r.Name(l.a.tr.Code())
		}
	}
	return code
}

// reload reads the leads and their count in the background.
func (l *leadList) reload() {
	a := l.a
	l.gen++
	gen := l.gen
	f := l.f
	f.Limit = leadsLimit
	a.background(func() {
		rows, err := a.svc.Pipeline.FindLeads(a.ctx, f)
		n := len(rows)
		if err == nil && n == leadsLimit {
			n, err = a.svc.Pipeline.CountLeads(a.ctx, f)
		}
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			l.rows, l.sel = rows, -1
			l.table.UnselectAll()
			l.table.Refresh()
			l.count.SetText(a.N("leads.count", int64(n)))
			l.showSelection()
		})
	})
}

// reshow reloads when the list is shown again (back from a card).
func (l *leadList) reshow() { l.reload() }

// saved reloads after a lead was saved.
func (l *leadList) saved(model.Lead) { l.reload() }

func (l *leadList) selected() (model.Lead, bool) {
	if l.sel < 0 || l.sel >= len(l.rows) {
		return model.Lead{}, false
	}
	return l.rows[l.sel], true
}

// showSelection enables what the selected lead allows.
func (l *leadList) showSelection() {
	ld, ok := l.selected()
	open := ok && (ld.Status == model.LeadNew || ld.Status == model.LeadWorking)
	for _, b := range []*widget.Button{l.act, l.disq, l.convert} {
		if open {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok {
		l.edit.Enable()
	} else {
		l.edit.Disable()
	}
}

// openSelected edits an open lead, or opens a converted lead's customer.
func (l *leadList) openSelected() {
	ld, ok := l.selected()
	if !ok {
		return
	}
	if ld.Status == model.LeadConverted && ld.CustomerID != "" {
		l.a.shell.openCustomer(ld.CustomerID)
		return
	}
	l.a.editLead(ld, l.saved)
}
