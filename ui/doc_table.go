package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// docPage is how many documents one read brings.
const docPage = 100

// docColMins are the narrowest the text columns get before the list
// scrolls sideways; the others keep their width.
var docColMins = map[string]float32{"customer": 150, "document": 110, "owner": 100, "number": 120}

// docRightCols are the figures of a documents table, aligned right.
var docRightCols = map[string]bool{"total": true}

// docTable is a paged list of document headers, newest first, shared by the
// orders and documents screens and the card's tabs: it reads a page of 100
// by keyset (the last row's Num) as the list is scrolled, counts what the
// filter selects, and with multi set has a check box per row. It draws its
// own header row (no built-in table headers).
type docTable struct {
	a        *App
	cols     []column
	layout   colLayout
	multi    bool
	f        model.DocFilter
	cs       []model.Currency
	rows     []model.Document
	more     bool // another page may follow
	fetching bool
	counted  bool
	total    int
	list     *widget.List
	count    *widget.Label
	all      *widget.Check
	sel      int
	checked  map[string]bool
	onOpen   func(model.Document)
	onChange func() // the selection or the checks changed
	gen      int
}

// newDocTable makes a table of cols (flex: the column taking spare width);
// onOpen runs on a double tap.
func newDocTable(a *App, cols []column, flex int, multi bool, onOpen func(model.Document)) *docTable {
	t := &docTable{a: a, cols: cols, multi: multi, sel: -1, checked: map[string]bool{}, onOpen: onOpen,
		cs: model.DefaultCurrencies}
	var widths, mins []float32
	if multi {
		widths, mins = append(widths, checkColWidth), append(mins, checkColWidth)
		flex++
	}
	for _, c := range cols {
		m, ok := docColMins[c.key]
		if !ok {
			m = c.width
		}
		widths, mins = append(widths, c.width), append(mins, min(m, c.width))
	}
	t.layout = colLayout{widths: widths, mins: mins, flex: flex}
	return t
}

// object is the header row over the list, with the count under it.
func (t *docTable) object() fyne.CanvasObject {
	a := t.a
	var heads []fyne.CanvasObject
	if t.multi {
		t.all = widget.NewCheck("", t.checkAll)
		heads = append(heads, t.all)
	}
	for _, c := range t.cols {
		h := newHeaderCell(a.T("col."+c.key), nil)
		if docRightCols[c.key] {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	t.list = widget.NewList(func() int { return len(t.rows) }, t.createRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id; a.idle.touch(); t.changed() }
	t.list.OnUnselected = func(widget.ListItemID) { t.sel = -1; t.changed() }
	t.count = widget.NewLabel("")
	t.count.Importance = widget.LowImportance
	header := container.NewVBox(container.New(t.layout, heads...), widget.NewSeparator())
	return container.NewBorder(header, t.count, nil, nil, t.list)
}

// load starts over with filter f: the first page and the count.
func (t *docTable) load(f model.DocFilter) {
	t.f = f
	if t.list != nil {
		t.list.UnselectAll()
		t.list.ScrollToTop()
	}
	t.refresh()
}

// refresh reads the first page and the count again.
func (t *docTable) refresh() {
	a := t.a
	t.gen++
	gen := t.gen
	t.rows, t.more, t.fetching, t.sel, t.counted = nil, true, false, -1, false
	t.checked = map[string]bool{}
	if t.all != nil {
		t.all.SetChecked(false)
	}
	t.fetch()
	f := t.f
	f.Today = today()
	a.background(func() {
		n, err := a.svc.Sales.CountDocuments(a.ctx, f)
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			t.total, t.counted = n, true
			t.count.SetText(a.N("docs.count", int64(n)))
		})
	})
	t.changed()
}

// fetch reads the next page after the last row shown.
func (t *docTable) fetch() {
	if t.fetching || !t.more {
		return
	}
	a := t.a
	t.fetching = true
	f := t.f
	f.Limit, f.Today = docPage, today()
	if n := len(t.rows); n > 0 {
		f.AfterNum = t.rows[n-1].Num
	}
	gen := t.gen
	a.background(func() {
		ds, err := a.svc.Sales.FindDocuments(a.ctx, f)
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			t.fetching = false
			if err != nil {
				t.more = false
				a.showErr(err)
				return
			}
			t.rows = append(t.rows, ds...)
			t.more = len(ds) == docPage
			if t.list != nil {
				t.list.Refresh()
			}
		})
	})
}

// busy tells a page or the count on its way.
func (t *docTable) busy() bool { return t.fetching || !t.counted }

func (t *docTable) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	if t.multi {
		objs = append(objs, widget.NewCheck("", nil))
	}
	for _, c := range t.cols {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if docRightCols[c.key] {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(t.layout, objs...))
}

func (t *docTable) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.rows) {
		return
	}
	if id >= len(t.rows)-docPage/4 {
		t.fetch()
	}
	d := t.rows[id]
	r := o.(*tapRow)
	r.onTap = func() { t.list.Select(id) }
	r.onDouble = func() { t.list.Select(id); t.open() }
	cells := r.content.(*fyne.Container).Objects
	if t.multi {
		c := cells[0].(*widget.Check)
		c.OnChanged = nil
		c.SetChecked(t.checked[d.ID])
		c.OnChanged = func(on bool) { t.check(d.ID, on) }
		cells = cells[1:]
	}
	for i, col := range t.cols {
		l := cells[i].(*widget.Label)
		l.Importance = widget.MediumImportance
		switch {
		case d.Status == model.StatusCancelled:
			l.Importance = widget.LowImportance
		case col.key == "pay_state" && d.Kind == model.DocInvoice && model.InvoiceState(d, today()) == model.PayOverdue:
			l.Importance = widget.DangerImportance
		}
		l.SetText(t.a.docCell(d, col.key, t.cs))
		l.Refresh()
	}
}

func (t *docTable) check(id string, on bool) {
	if on {
		t.checked[id] = true
	} else {
		delete(t.checked, id)
	}
	t.changed()
}

// checkAll checks or clears every row loaded.
func (t *docTable) checkAll(on bool) {
	t.checked = map[string]bool{}
	if on {
		for _, d := range t.rows {
			t.checked[d.ID] = true
		}
	}
	t.list.Refresh()
	t.changed()
}

func (t *docTable) changed() {
	if t.onChange != nil {
		t.onChange()
	}
}

// selected is the document of the selected row.
func (t *docTable) selected() (model.Document, bool) {
	if t.sel < 0 || t.sel >= len(t.rows) {
		return model.Document{}, false
	}
	return t.rows[t.sel], true
}

// checkedDocs are the checked documents in the order shown.
func (t *docTable) checkedDocs() []model.Document {
	var out []model.Document
	for _, d := range t.rows {
		if t.checked[d.ID] {
			out = append(out, d)
		}
	}
	return out
}

// open opens the selected document.
func (t *docTable) open() {
	if d, ok := t.selected(); ok && t.onOpen != nil {
		t.onOpen(d)
	}
}

// docCell is the text of one column of a document's row.
func (a *App) docCell(d model.Document, key string, cs []model.Currency) string {
	switch key {
	case "number":
		return a.docNumber(d)
	case "document":
		return a.T("doc_kind." + string(d.Kind))
	case "date":
		return a.dayInput(d.Date)
	case "customer":
		return d.CustomerName
	case "status":
		return a.docStatus(d)
	case "total":
		if !d.Kind.HasLines() {
			return ""
		}
		return a.docMoney(d.Totals.Gross, d.Currency, cs)
	case "pay_state":
		if d.Kind == model.DocInvoice {
			return a.T("pay_state." + string(model.InvoiceState(d, today())))
		}
	case "owner":
		return d.OwnerName
	}
	return ""
}
