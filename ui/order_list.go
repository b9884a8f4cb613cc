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

var orderColumns = []column{{"number", 150}, {"date", 100}, {"customer", 320}, {"status", 130}, {"total", 160}, {"owner", 170}}

// orderKinds are what the orders screen lists, in the order offered.
var orderKinds = []model.DocKind{model.DocOrder, model.DocQuote}

// orderList is the orders screen: orders or quotes, newest first, filtered
// by status and searched by number or customer, paged as it is scrolled.
type orderList struct {
	a        *App
	f        model.DocFilter
	kind     *choice
	status   *choice
	search   *widget.Entry
	typing   *debouncer
	table    *docTable
	newOrder *widget.Button
	newQuote *widget.Button
	open     *widget.Button
}

// newOrderList is the sidebar's orders and quotes screen.
func newOrderList(a *App) screen {
	return &orderList{a: a, f: model.DocFilter{Kind: model.DocOrder}, typing: newDebouncer(200*time.Millisecond, &a.busy)}
}

func (l *orderList) build() fyne.CanvasObject {
	a := l.a
	title := widget.NewLabelWithStyle(a.T("nav.orders"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.kind = newChoice(a.T("choose"), "", func(v string) {
		l.f.Kind = model.DocKind(v)
		l.status.setOptions(a.statusOptions(l.f.Kind))
		l.reload()
	})
	var labels, values []string
	for _, k := range orderKinds {
		labels, values = append(labels, a.T("order_kinds."+string(k))), append(values, string(k))
	}
	l.kind.setOptions(labels, values)
	l.kind.set(string(l.f.Kind))
	l.status = newChoice(a.T("docs.any_status"), a.T("docs.any_status"), func(v string) {
		l.f.Status = model.DocStatus(v)
		l.reload()
	})
	l.status.setOptions(a.statusOptions(l.f.Kind))
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("orders.search"))
	l.search.OnChanged = func(q string) {
		l.typing.call(func() { l.f.Query = strings.TrimSpace(q); l.reload() })
	}
	l.newOrder = widget.NewButtonWithIcon(a.T("orders.new_order"), theme.ContentAddIcon(), func() { l.create(model.DocOrder) })
	l.newQuote = widget.NewButtonWithIcon(a.T("orders.new_quote"), theme.ContentAddIcon(), func() { l.create(model.DocQuote) })
	if !a.canDocs(model.ActCreate) {
		l.newOrder.Hide()
		l.newQuote.Hide()
	}
	l.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { l.table.open() })
	l.open.Disable()
	l.table = newDocTable(a, orderColumns, 2, false, a.openByID)
	l.table.onChange = l.showSelection
	tools := container.NewBorder(nil, nil, container.NewHBox(title, narrow(l.kind.sel, 160), narrow(l.status.sel, 180)),
		container.NewHBox(l.newOrder, l.newQuote, l.open), l.search)
	root := container.NewBorder(container.NewVBox(tools, widget.NewSeparator()), nil, nil, nil, l.table.object())
	a.loadCatalogDicts(func(d catalogDicts) {
		l.table.cs = d.currencies
		l.reload()
	})
	return root
}

// reload starts the list over after a change of the filter.
func (l *orderList) reload() { l.table.load(l.f) }

// reshow is called when the list is shown again (back from a document).
func (l *orderList) reshow() { l.table.refresh() }

func (l *orderList) showSelection() {
	if _, ok := l.table.selected(); ok {
		l.open.Enable()
	} else {
		l.open.Disable()
	}
}

// create opens the form of a new order or quote.
func (l *orderList) create(kind model.DocKind) {
	l.a.idle.touch()
	l.a.shell.push(newOrderForm(l.a, model.Document{Kind: kind}))
}
