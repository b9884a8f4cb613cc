package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// reverseLimit bounds the requests' read.
const reverseLimit = 500

var reverseColumns = []column{{"number", 60}, {"customer", 190}, {"requirements", 260}, {"qty", 90}, {"wanted_price", 140},
	{"reverse_status", 110}, {"owner", 130}}

var reverseStatuses = []model.ReverseStatus{model.ReverseOpen, model.ReverseAccepted, model.ReverseDeclined}

// reverseList is «Обратные цены»: what customers asked for at the price they
// are willing to pay, and for the selected open request the products that
// could meet it with the margin at that price; accepting one makes a deal.
type reverseList struct {
	a       *App
	status  model.ReverseStatus
	d       catalogDicts
	rows    []model.ReverseRequest
	sel     int
	table   *widget.Table
	count   *widget.Label
	edit    *widget.Button
	decline *widget.Button
	matches *reverseMatches
	gen     int
}

func newReverseList(a *App) *reverseList {
	return &reverseList{a: a, status: model.ReverseOpen, sel: -1, d: catalogDicts{currencies: model.DefaultCurrencies}}
}

func (l *reverseList) build() fyne.CanvasObject {
	a := l.a
	title := widget.NewLabelWithStyle(a.T("nav.reverse"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	status := newChoice(a.T("reverse.any_status"), a.T("reverse.any_status"), func(v string) {
		l.status = model.ReverseStatus(v)
		l.reload()
	})
	status.setOptions(enumOptions(a, "reverse_status.", reverseStatuses))
	status.set(string(l.status))
	add := widget.NewButtonWithIcon(a.T("reverse.new"), theme.ContentAddIcon(), func() {
		a.editReverse(model.ReverseRequest{}, func(r model.ReverseRequest) { l.reloadSelecting(r.ID) })
	})
	if !model.Can(a.svc.User.Role, model.EntityReverse, model.ActCreate) {
		add.Hide()
	}
	l.edit = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), func() {
		if r, ok := l.selected(); ok {
			a.editReverse(r, func(r model.ReverseRequest) { l.reloadSelecting(r.ID) })
		}
	})
	l.decline = widget.NewButtonWithIcon(a.T("reverse.decline"), theme.CancelIcon(), func() {
		if r, ok := l.selected(); ok {
			a.declineReverse(r, func() { l.reload() })
		}
	})
	var header fyne.CanvasObject
	l.table, header = newTable(a, reverseColumns, func() (int, int) { return len(l.rows), len(reverseColumns) }, l.cell)
	l.table.OnSelected = func(id widget.TableCellID) { l.sel = id.Row; a.idle.touch(); l.showSelection() }
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	l.matches = newReverseMatches(a, func() { l.reload() })
	matches := l.matches.object()
	tools := container.NewBorder(nil, nil, container.NewHBox(title, narrow(status.sel, 180)), container.NewHBox(add, l.edit, l.decline))
	l.showSelection()
	a.loadCatalogDicts(func(d catalogDicts) {
		l.d = d
		l.matches.d = d
		l.reload()
	})
	list := container.NewBorder(container.NewVBox(tools, widget.NewSeparator(), header), l.count, nil, nil, l.table)
	split := container.NewVSplit(list, matches)
	split.Offset = 0.4
	return split
}

func (l *reverseList) cell(id widget.TableCellID, c *widget.Label) {
	a := l.a
	if id.Row >= len(l.rows) {
		return
	}
	r := l.rows[id.Row]
	switch reverseColumns[id.Col].key {
	case "number":
		c.SetText(fmt.Sprint(r.Num))
	case "customer":
		c.SetText(r.CustomerName)
	case "requirements":
		c.SetText(r.Requirements)
	case "qty":
		c.SetText(a.qty(r.Qty))
	case "wanted_price":
		c.SetText(a.docMoney(r.WantedPrice, r.Currency, l.d.currencies))
	case "reverse_status":
		c.SetText(a.T("reverse_status." + string(r.Status)))
	case "owner":
		c.SetText(r.OwnerName)
	}
}

// reload reads the requests in the background.
func (l *reverseList) reload() { l.reloadSelecting("") }

// reloadSelecting reads the requests and selects the one with id, if shown.
func (l *reverseList) reloadSelecting(id string) {
	a := l.a
	l.gen++
	gen := l.gen
	status := l.status
	a.background(func() {
		rows, err := a.svc.Pipeline.FindReverseRequests(a.ctx, status, reverseLimit)
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
			l.count.SetText(a.N("reverse.count", int64(len(rows))))
			for i, r := range rows {
				if r.ID == id && id != "" {
					l.table.Select(widget.TableCellID{Row: i})
				}
			}
			l.showSelection()
		})
	})
}

// reshow reloads when the screen is shown again (back from a deal).
func (l *reverseList) reshow() { l.reload() }

func (l *reverseList) selected() (model.ReverseRequest, bool) {
	if l.sel < 0 || l.sel >= len(l.rows) {
		return model.ReverseRequest{}, false
	}
	return l.rows[l.sel], true
}

// showSelection enables what the selected request allows and shows its
// matches.
func (l *reverseList) showSelection() {
	r, ok := l.selected()
	open := ok && r.Status == model.ReverseOpen && model.Can(l.a.svc.User.Role, model.EntityReverse, model.ActUpdate)
	for _, b := range []*widget.Button{l.edit, l.decline} {
		if open {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok {
		l.matches.load(r)
	} else {
		l.matches.clear()
	}
}

// declineReverse closes a request as declined with a note.
func (a *App) declineReverse(r model.ReverseRequest, done func()) *formDlg {
	f := newForm(a)
	f.entry("note", "")
	f.multiLine("note", 3)
	return a.formDialog(a.T("reverse.decline_title", r.Num), f, fyne.NewSize(520, 280), func() error {
		if _, err := a.svc.Pipeline.DeclineReverse(a.ctx, r.ID, r.Version, f.text("note")); err != nil {
			return err
		}
		a.shell.setStatus(a.T("reverse.declined", r.Num))
		done()
		return nil
	})
}
