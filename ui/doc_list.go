package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var docListColumns = []column{{"number", 150}, {"document", 170}, {"date", 100}, {"customer", 260}, {"status", 130},
	{"total", 160}, {"pay_state", 130}, {"owner", 150}}

// docList is the documents screen: every kind, newest first, filtered by
// kind, status, an invoice's payment state, customer and period, searched
// by number or customer, paged as it is scrolled. Checked documents are
// exported as PDFs into a folder.
type docList struct {
	a        *App
	f        model.DocFilter
	kind     *choice
	status   *choice
	pay      *choice
	cust     *lookup
	from, to *widget.Entry
	search   *widget.Entry
	typing   *debouncer
	table    *docTable
	export   *widget.Button
	open     *widget.Button
	msg      *widget.Label
}

// newDocList is the sidebar's documents screen.
func newDocList(a *App) screen {
	return &docList{a: a, typing: newDebouncer(250*time.Millisecond, &a.busy)}
}

func (l *docList) build() fyne.CanvasObject {
	a := l.a
	title := widget.NewLabelWithStyle(a.T("nav.documents"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.kind = newChoice(a.T("docs.any_kind"), a.T("docs.any_kind"), func(v string) {
		l.f.Kind = model.DocKind(v)
		l.status.setOptions(a.statusOptions(l.f.Kind))
		l.reload()
	})
	var labels, values []string
	for _, k := range model.DocKinds {
		labels, values = append(labels, a.T("doc_kind."+string(k))), append(values, string(k))
	}
	l.kind.setOptions(labels, values)
	l.status = newChoice(a.T("docs.any_status"), a.T("docs.any_status"), func(v string) { l.f.Status = model.DocStatus(v); l.reload() })
	l.status.setOptions(a.statusOptions(""))
	l.pay = newChoice(a.T("docs.any_pay"), a.T("docs.any_pay"), l.payPicked)
	labels, values = nil, nil
	for _, s := range payStates {
		labels, values = append(labels, a.T("pay_state."+string(s))), append(values, string(s))
	}
	l.pay.setOptions(labels, values)
	l.cust = newLookup(a, a.T("pay.customer_filter"), a.findCustomerHits, func(h lookupHit) { l.f.CustomerID = h.id; l.reload() })
	l.from, l.to = widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{l.from, l.to} {
		e.SetPlaceHolder(a.T("format.date_hint"))
		e.OnChanged = func(string) { l.typing.call(l.periodChanged) }
	}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(a.T("orders.search"))
	l.search.OnChanged = func(q string) { l.typing.call(func() { l.f.Query = strings.TrimSpace(q); l.reload() }) }
	l.export = widget.NewButtonWithIcon(a.T("docs.export"), theme.DownloadIcon(), l.chooseFolder)
	l.open = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { l.table.open() })
	l.msg = widget.NewLabel("")
	l.msg.Importance = widget.DangerImportance
	l.msg.Hide()
	l.table = newDocTable(a, docListColumns, 3, true, a.openByID)
	l.table.onChange = l.showSelection
	day := fyne.NewSize(130, l.from.MinSize().Height)
	row1 := container.NewHBox(title, narrow(l.kind.sel, 200), narrow(l.status.sel, 170), narrow(l.pay.sel, 170),
		widget.NewLabel(a.T("pay.period")), container.NewGridWrap(day, l.from), widget.NewLabel("—"), container.NewGridWrap(day, l.to))
	row2 := container.NewBorder(nil, nil, nil, container.NewHBox(l.export, l.open),
		container.NewGridWithColumns(2, l.cust.object(), l.search))
	top := container.NewVBox(container.NewHScroll(row1), row2, l.msg, widget.NewSeparator())
	l.cust.resize = top.Refresh
	l.showSelection()
	a.loadCatalogDicts(func(d catalogDicts) {
		l.table.cs = d.currencies
		l.reload()
	})
	return container.NewBorder(top, nil, nil, nil, l.table.object())
}

// payPicked filters by an invoice's payment state: only invoices have one.
func (l *docList) payPicked(v string) {
	l.f.PayState = model.PayState(v)
	if v != "" && l.f.Kind != model.DocInvoice {
		l.f.Kind = model.DocInvoice
		l.kind.set(string(model.DocInvoice))
		l.status.setOptions(l.a.statusOptions(l.f.Kind))
	}
	l.reload()
}

// periodChanged applies the period once both dates read (or are empty).
func (l *docList) periodChanged() {
	from, ok1 := optionalDay(l.a, l.from.Text)
	to, ok2 := optionalDay(l.a, l.to.Text)
	if !ok1 || !ok2 {
		l.msg.SetText(l.a.T(msgDate))
		l.msg.Show()
		return
	}
	l.msg.Hide()
	l.f.From, l.f.To = from, to
	l.reload()
}

// reload starts the list over after a change of the filter.
func (l *docList) reload() { l.table.load(l.f) }

// reshow is called when the list is shown again (back from a document).
func (l *docList) reshow() { l.table.refresh() }

func (l *docList) showSelection() {
	if _, ok := l.table.selected(); ok {
		l.open.Enable()
	} else {
		l.open.Disable()
	}
	if n := len(l.table.checked); n > 0 {
		l.export.SetText(l.a.N("docs.export_n", int64(n)))
		l.export.Enable()
	} else {
		l.export.SetText(l.a.T("docs.export"))
		l.export.Disable()
	}
}

// chooseFolder asks for the folder to export the checked documents into.
func (l *docList) chooseFolder() {
	a := l.a
	docs := l.table.checkedDocs()
	if len(docs) == 0 {
		return
	}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			a.showErr(err)
			return
		}
		if dir != nil {
			a.exportDocuments(docs, dir.Path())
		}
	}, a.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
