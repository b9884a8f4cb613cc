package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

const customerPage = 200

var customerColumns = []column{{"name", 320}, {"inn", 130}, {"phone", 170}, {"email", 220}, {"owner", 180}}

// customerList is the customers screen: search, trash, a table paged from the
// database by keyset in the background (no SQL in the table's callbacks).
type customerList struct {
	a       *App
	query   string
	trash   bool
	search  *widget.Entry
	table   *widget.Table
	edit    *widget.Button
	del     *widget.Button
	count   *widget.Label
	mu      sync.Mutex
	rows    []model.Customer
	total   int
	done    bool // every row loaded
	loading bool
	gen     int // bumps on every reload; stale pages are dropped
	sel     int
}

func newCustomerList(a *App, query string) *customerList {
	return &customerList{a: a, query: query, sel: -1}
}

func (l *customerList) build() fyne.CanvasObject {
	a := l.a
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("customers.search"))
	l.search.SetText(l.query)
	l.search.OnChanged = func(q string) { l.query = q; l.reload() }
	l.count = widget.NewLabel("")
	newBtn := widget.NewButtonWithIcon(a.T("btn.new"), theme.ContentAddIcon(), func() { l.openForm(model.Customer{}) })
	if !model.Can(a.svc.User.Role, model.EntityCustomer, model.ActCreate) {
		newBtn.Disable()
	}
	l.edit = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), l.openSelected)
	l.del = widget.NewButtonWithIcon(a.T("btn.delete"), theme.DeleteIcon(), l.deleteOrRestore)
	trash := widget.NewCheck(a.T("customers.trash"), func(on bool) {
		l.trash = on
		if on {
			l.del.SetText(a.T("btn.restore"))
		} else {
			l.del.SetText(a.T("btn.delete"))
		}
		l.reload()
	})
	if !model.Can(a.svc.User.Role, model.EntityCustomer, model.ActDelete) {
		l.del.Disable()
		trash.Disable()
	}
	var header fyne.CanvasObject
	l.table, header = newTable(a, customerColumns, l.size, l.cell)
	l.table.OnSelected = func(id widget.TableCellID) { l.sel = id.Row; a.idle.touch() }
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(trash, newBtn, l.edit, l.del), l.search)
	l.reload()
	return container.NewBorder(container.NewVBox(tools, header), l.count, nil, nil, l.table)
}

// size reports the table's rows: the loaded ones, plus one "loading" row
// while more remain.
func (l *customerList) size() (int, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.rows)
	if !l.done {
		n++
	}
	return n, len(customerColumns)
}

func (l *customerList) cell(id widget.TableCellID, lbl *widget.Label) {
	l.mu.Lock()
	if id.Row >= len(l.rows) {
		l.mu.Unlock()
		if id.Col == 0 {
			lbl.SetText(l.a.T("customers.loading"))
		} else {
			lbl.SetText("")
		}
		l.loadMore()
		return
	}
	c := l.rows[id.Row]
	near := !l.done && id.Row > len(l.rows)-customerPage/2
	l.mu.Unlock()
	switch customerColumns[id.Col].key {
	case "name":
		lbl.SetText(c.Name)
	case "inn":
		lbl.SetText(c.INN)
	case "phone":
		lbl.SetText(c.Phone)
	case "email":
		lbl.SetText(c.Email)
	case "owner":
		lbl.SetText(c.OwnerName)
	}
	if near {
		l.loadMore()
	}
}

// reload starts over with the current query and trash setting.
func (l *customerList) reload() {
	l.mu.Lock()
	l.gen++
	l.rows, l.done, l.loading, l.sel = nil, false, false, -1
	gen := l.gen
	l.mu.Unlock()
	f := l.filter()
	go func() {
		n, err := l.a.svc.Customers.CountCustomers(l.a.ctx, f)
		fyne.Do(func() {
			if err != nil {
				l.a.showErr(err)
				return
			}
			l.mu.Lock()
			stale := gen != l.gen
			l.total = n
			l.mu.Unlock()
			if !stale {
				l.count.SetText(l.a.N("customers.count", int64(n)))
			}
		})
	}()
	if l.table != nil {
		l.table.UnselectAll()
		l.table.ScrollToTop()
		l.table.Refresh()
	}
	l.loadMore()
}

func (l *customerList) filter() model.CustomerFilter {
	return model.CustomerFilter{Query: l.query, Deleted: l.trash, Limit: customerPage}
}

// loadMore fetches the next page in the background.
func (l *customerList) loadMore() {
	l.mu.Lock()
	if l.loading || l.done {
		l.mu.Unlock()
		return
	}
	l.loading = true
	gen := l.gen
	f := l.filter()
	if n := len(l.rows); n > 0 {
		f.AfterName, f.AfterID = l.rows[n-1].Name, l.rows[n-1].ID
	}
	l.mu.Unlock()
	go func() {
		page, err := l.a.svc.Customers.FindCustomers(l.a.ctx, f)
		fyne.Do(func() {
			l.mu.Lock()
			if gen != l.gen {
				l.mu.Unlock()
				return
			}
			l.loading = false
			if err == nil {
				l.rows = append(l.rows, page...)
				l.done = len(page) < f.Limit
			} else {
				l.done = true
			}
			l.mu.Unlock()
			if err != nil {
				l.a.showErr(err)
			}
			if l.table != nil {
				l.table.Refresh()
			}
		})
	}()
}

func (l *customerList) selected() (model.Customer, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sel < 0 || l.sel >= len(l.rows) {
		return model.Customer{}, false
	}
	return l.rows[l.sel], true
}

func (l *customerList) openSelected() {
	if c, ok := l.selected(); ok {
		fresh, err := l.a.svc.Customers.FindCustomerByID(l.a.ctx, c.ID)
		if err != nil {
			l.a.showErr(err)
			return
		}
		l.openForm(fresh)
	}
}

func (l *customerList) openForm(c model.Customer) {
	newCustomerForm(l.a, c, func(model.Customer) { l.reload() }).show()
}

func (l *customerList) deleteOrRestore() {
	c, ok := l.selected()
	if !ok {
		return
	}
	a := l.a
	if l.trash {
		if err := a.svc.Customers.RestoreCustomer(a.ctx, c.ID); err != nil {
			a.showErr(err)
			return
		}
		l.reload()
		return
	}
	a.confirm(a.T("customers.delete_title"), a.T("customers.delete_text", c.Name), a.T("btn.delete"), func() {
		if err := a.svc.Customers.DeleteCustomer(a.ctx, c.ID, c.Version); err != nil {
			a.showErr(err)
			return
		}
		l.reload()
	})
}
