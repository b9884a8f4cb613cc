package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

const (
	customerPage      = 100 // rows per page fetched
	customerPagesKept = 50  // pages kept in memory at most
	checkColWidth     = 36
)

// customerList is the customers screen: a virtual list over everything the
// filter selects. Its length is the count; rows come from a page cache filled
// in the background, so the list's callbacks never query.
type customerList struct {
	a       *App
	f       model.CustomerFilter // query, trash and order; the filter bar adds its choices
	search  *widget.Entry
	typing  *debouncer
	filters *customerFilters
	sortSel *widget.Select
	descBtn *widget.Button
	headers map[string]*headerCell
	list    *widget.List
	pages   *pageCache[model.Customer]
	total   int
	counted bool
	count   *widget.Label
	checked map[string]model.Customer // multi-select, by ID
	bulk    *customerBulk
	cur     int // highlighted row, -1 for none
	del     *widget.Button
	top     *fyne.Container // the tool rows above the table
	root    *fyne.Container
	gen     int
}

func newCustomerList(a *App, query string) *customerList {
	l := &customerList{a: a, f: model.CustomerFilter{Query: query, Sort: model.SortByName}, cur: -1,
		checked: map[string]model.Customer{}, typing: newDebouncer(150*time.Millisecond, &a.busy)}
	l.pages = newPageCache[model.Customer](a.ctx, a.background, customerPage, customerPagesKept, func() { l.list.Refresh() }, a.showErr)
	return l
}

func (l *customerList) build() fyne.CanvasObject {
	a := l.a
	role := a.svc.User.Role
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("customers.search"))
	l.search.SetText(l.f.Query)
	l.search.OnChanged = l.typed
	var sorts []string
	for _, s := range model.CustomerSorts {
		sorts = append(sorts, a.T("sort."+string(s)))
	}
	l.sortSel = widget.NewSelect(sorts, func(string) { l.sortBy(model.CustomerSorts[l.sortSel.SelectedIndex()], l.f.Desc) })
	l.descBtn = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { l.sortBy(l.f.Sort, !l.f.Desc) })
	newBtn := widget.NewButtonWithIcon(a.T("btn.new"), theme.ContentAddIcon(), l.newCustomer)
	importBtn := widget.NewButtonWithIcon(a.T("customers.import"), theme.UploadIcon(), l.importFile)
	if !model.Can(role, model.EntityCustomer, model.ActCreate) {
		newBtn.Disable()
		importBtn.Disable()
	}
	var exportBtn *widget.Button
	exportBtn = widget.NewButtonWithIcon(a.T("customers.export"), theme.DownloadIcon(), func() {
		l.exportMenu(exportBtn, l.filter(), l.total)
	})
	open := widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { l.openRow(l.cur) })
	l.del = widget.NewButtonWithIcon(a.T("btn.delete"), theme.DeleteIcon(), l.deleteOrRestore)
	trash := widget.NewCheck(a.T("customers.trash"), l.showTrash)
	if !model.Can(role, model.EntityCustomer, model.ActDelete) {
		l.del.Disable()
		trash.Disable()
	}
	l.filters = newCustomerFilters(a, l.reload, l.applySaved, l.filter)
	l.filters.loaded = func() { l.list.Refresh() }
	l.bulk = newCustomerBulk(l)
	l.list = widget.NewList(l.length, l.createRow, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) { l.cur = id; a.idle.touch() }
	l.list.OnUnselected = func(widget.ListItemID) { l.cur = -1 }
	l.count = widget.NewLabel("")
	sortBox := container.NewBorder(nil, nil, widget.NewLabel(a.T("customers.sort")), l.descBtn, l.sortSel)
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, open, l.del, trash, importBtn, exportBtn), l.search)
	filters := l.filters.build(sortBox)
	table := container.NewBorder(l.header(), nil, nil, nil, l.list)
	l.top = container.NewVBox(tools, filters, l.bulk.build())
	l.root = container.NewBorder(l.top, l.count, nil, nil, container.NewHScroll(table))
	l.showSort()
	l.reload()
	return l.root
}

// typed searches for q once the typing pauses.
func (l *customerList) typed(q string) {
	l.typing.call(func() { l.f.Query = q; l.reload() })
}

// filter is the list's filter with the filter bar's choices.
func (l *customerList) filter() model.CustomerFilter {
	f := l.f
	if l.filters != nil {
		l.filters.fill(&f)
	}
	return f
}

// reload starts over from the top after a change of the filter or order.
func (l *customerList) reload() {
	l.checked = map[string]model.Customer{}
	l.bulk.update()
	l.list.ScrollToOffset(0) // before the length drops, or the list has nothing to scroll
	l.list.UnselectAll()
	l.total, l.counted, l.cur = 0, false, -1
	l.refresh()
}

// refresh reloads the rows and the count where the list stands (after an
// edit), keeping the selection and the scroll position.
func (l *customerList) refresh() {
	l.gen++
	gen := l.gen
	f := l.filter()
	l.pages.reset(func(ctx context.Context, page int, after *model.Customer) ([]model.Customer, error) {
		g := f
		g.Limit = customerPage
		if after != nil {
			g.AfterKey, g.AfterID = after.SortKey(g.Sort), after.ID
		} else {
			g.Offset = page * customerPage
		}
		return l.a.svc.Customers.FindCustomers(ctx, g)
	})
	l.pages.get(0) // the first page comes along with the count
	l.list.Refresh()
	l.a.background(func() {
		n, err := l.a.svc.Customers.CountCustomers(l.a.ctx, f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.a.showErr(err)
				return
			}
			l.total, l.counted = n, true
			l.count.SetText(l.a.N("customers.count", int64(n)))
			l.list.Refresh()
		})
	})
}

// reshow is called when the list is shown again (back from a card).
func (l *customerList) reshow() { l.refresh() }

func (l *customerList) sortBy(s model.CustomerSort, desc bool) {
	l.f.Sort, l.f.Desc = s, desc
	l.showSort()
	l.reload()
}

// showSort shows the order in the select, the direction button and the headers.
func (l *customerList) showSort() {
	for i, s := range model.CustomerSorts {
		if s == l.f.Sort || (l.f.Sort == "" && s == model.SortByName) {
			l.sortSel.Selected = l.a.T("sort." + string(model.CustomerSorts[i]))
		}
	}
	l.sortSel.Refresh()
	if l.f.Desc {
		l.descBtn.SetIcon(theme.MoveUpIcon())
	} else {
		l.descBtn.SetIcon(theme.MoveDownIcon())
	}
	for key, h := range l.headers {
		dir := 0
		if customerSortCols[key] == l.f.Sort {
			dir = 1
			if l.f.Desc {
				dir = -1
			}
		}
		h.setSort(dir)
	}
}

func (l *customerList) showTrash(on bool) {
	l.f.Deleted = on
	if on {
		l.del.SetText(l.a.T("btn.restore"))
	} else {
		l.del.SetText(l.a.T("btn.delete"))
	}
	l.reload()
}

// applySaved shows the list a saved filter selects.
func (l *customerList) applySaved(f model.CustomerFilter) {
	l.f.Query, l.f.Sort, l.f.Desc = f.Query, f.Sort, f.Desc
	if l.f.Sort == "" {
		l.f.Sort = model.SortByName
	}
	l.search.OnChanged = nil
	l.search.SetText(f.Query)
	l.search.OnChanged = l.typed
	l.showSort()
	l.reload()
}

// toggle checks or unchecks a row for the bulk actions.
func (l *customerList) toggle(c model.Customer, on bool) {
	if on {
		l.checked[c.ID] = c
	} else {
		delete(l.checked, c.ID)
	}
	l.a.idle.touch()
	l.bulk.update()
}

// row is a loaded row of the list.
func (l *customerList) row(id int) (model.Customer, bool) {
	if id < 0 || id >= l.total {
		return model.Customer{}, false
	}
	return l.pages.get(id)
}

func (l *customerList) openRow(id int) {
	if c, ok := l.row(id); ok {
		l.a.shell.openCustomer(c.ID)
	}
}

func (l *customerList) newCustomer() {
	newCustomerForm(l.a, model.Customer{}, func(c model.Customer) {
		l.refresh()
		l.a.shell.openCustomer(c.ID)
	}).show()
}

func (l *customerList) importFile() {
	l.a.shell.push(newImportWizard(l.a))
}

func (l *customerList) deleteOrRestore() {
	c, ok := l.row(l.cur)
	if !ok {
		return
	}
	a := l.a
	if l.f.Deleted {
		if err := a.svc.Customers.RestoreCustomer(a.ctx, c.ID); err != nil {
			a.showErr(err)
			return
		}
		l.refresh()
		return
	}
	a.confirm(a.T("customers.delete_title"), a.T("customers.delete_text", c.Name), a.T("btn.delete"), func() {
		if err := a.svc.Customers.DeleteCustomer(a.ctx, c.ID, c.Version); err != nil {
			a.showErr(err)
			return
		}
		l.refresh()
	})
}
