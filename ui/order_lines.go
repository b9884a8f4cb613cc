package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var orderLineColumns = []column{{"product", 300}, {"qty", 110}, {"price", 120}, {"vat", 70}, {"amount", 140}, {"available", 210}}

// orderLineLayout is the row layout of the lines: the columns and the
// remove button; the product takes the spare width.
var orderLineLayout = colLayout{widths: []float32{300, 110, 120, 70, 140, 210, 44},
	mins: []float32{200, 90, 100, 60, 110, 140, 44}, flex: 0}

// orderLines is the lines grid of the order form: a product picked by
// searching as you type, the quantity and the price typed, the VAT, amount
// and stock shown from the service's check. A price typed by hand is kept
// (ManualPrice); an empty price is the catalog's.
type orderLines struct {
	a        *App
	rows     []*lineRow
	box      *fyne.Container
	msg      *widget.Label // an error of the lines as a whole
	add      *widget.Button
	digits   int // of the document's currency
	editable bool
	filling  bool // prices are being set by code
	onChange func()
	resize   func()
}

// lineRow is one line on screen.
type lineRow struct {
	line    model.DocLine // the line as loaded or picked: product, name
	product *lookup
	qty     *widget.Entry
	price   *widget.Entry
	manual  bool
	vat     *widget.Label
	amount  *widget.Label
	stock   *widget.Label
	msg     *widget.Label
	remove  *widget.Button
	obj     fyne.CanvasObject
}

func newOrderLines(a *App, onChange func()) *orderLines {
	ls := &orderLines{a: a, box: container.NewVBox(), msg: widget.NewLabel(""), digits: 2, editable: true, onChange: onChange}
	ls.msg.Importance = widget.DangerImportance
	ls.msg.Hide()
	ls.add = widget.NewButtonWithIcon(a.T("order.add_line"), theme.ContentAddIcon(), func() {
		r := ls.addRow(model.DocLine{Qty: model.QtyOne})
		a.win.Canvas().Focus(r.product.entry)
		ls.relayout()
	})
	return ls
}

// object is the header, the rows, the message and the add button.
func (ls *orderLines) object() fyne.CanvasObject {
	var heads []fyne.CanvasObject
	for _, c := range orderLineColumns {
		h := newHeaderCell(ls.a.T("col."+c.key), nil)
		if c.key != "product" && c.key != "available" {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	heads = append(heads, widget.NewLabel(""))
	return container.NewVBox(container.New(orderLineLayout, heads...), widget.NewSeparator(), ls.box, ls.msg,
		container.NewHBox(ls.add))
}

// setLines shows the lines of a document.
func (ls *orderLines) setLines(lines []model.DocLine) {
	ls.rows = nil
	ls.box.Objects = nil
	for _, l := range lines {
		ls.addRow(l)
	}
	if len(lines) == 0 && ls.editable {
		ls.addRow(model.DocLine{Qty: model.QtyOne})
	}
	ls.relayout()
}

// addRow appends a row showing l.
func (ls *orderLines) addRow(l model.DocLine) *lineRow {
	a := ls.a
	r := &lineRow{line: l, manual: l.ManualPrice, vat: widget.NewLabel(""), amount: widget.NewLabel(""),
		stock: widget.NewLabel(""), msg: widget.NewLabel("")}
	r.product = newLookup(a, a.T("order.product_hint"), a.findProductHits, func(h lookupHit) {
		r.line = model.DocLine{ProductID: h.id}
		r.manual = false
		ls.setPrice(r, "")
		ls.clearRow(r)
		ls.onChange()
	})
	r.product.resize = ls.relayout
	if label := lineLabel(l); label != "" {
		r.product.entry.OnChanged = nil
		r.product.entry.SetText(label)
		r.product.entry.OnChanged = r.product.changed
		r.product.value = lookupHit{id: l.ProductID, label: label}
	}
	r.qty = widget.NewEntry()
	r.qty.SetText(a.qty(l.Qty))
	r.qty.OnChanged = func(string) { ls.onChange() }
	r.price = widget.NewEntry()
	if l.ProductID != "" || l.Price != 0 {
		r.price.SetText(a.moneyInput(l.Price, ls.digits))
	}
	r.price.SetPlaceHolder(a.T("order.price_auto"))
	r.price.OnChanged = func(s string) {
		if !ls.filling {
			r.manual = strings.TrimSpace(s) != ""
			ls.onChange()
		}
	}
	for _, lbl := range []*widget.Label{r.vat, r.amount} {
		lbl.Alignment = fyne.TextAlignTrailing
	}
	r.stock.Truncation = fyne.TextTruncateEllipsis
	r.msg.Importance = widget.DangerImportance
	r.msg.Wrapping = fyne.TextWrapWord
	r.msg.Hide()
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { ls.removeRow(r) })
	r.remove.Importance = widget.LowImportance
	top := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewVBox(o) }
	cells := container.New(orderLineLayout, r.product.object(), top(r.qty), top(r.price), top(r.vat), top(r.amount),
		top(r.stock), top(r.remove))
	r.obj = container.NewVBox(cells, r.msg)
	if !ls.editable {
		r.product.entry.Disable()
		r.qty.Disable()
		r.price.Disable()
		r.remove.Hide()
	}
	ls.rows = append(ls.rows, r)
	ls.box.Add(r.obj)
	return r
}

// lineLabel is what the product entry of a line shows.
func lineLabel(l model.DocLine) string {
	switch {
	case l.SKU != "" && l.Name != "":
		return l.SKU + " · " + l.Name
	default:
		return l.Name
	}
}

func (ls *orderLines) removeRow(r *lineRow) {
	i := slices.Index(ls.rows, r)
	if i < 0 {
		return
	}
	ls.rows = slices.Delete(ls.rows, i, i+1)
	ls.box.Remove(r.obj)
	ls.relayout()
	ls.onChange()
}

func (ls *orderLines) relayout() {
	ls.box.Refresh()
	if ls.resize != nil {
		ls.resize()
	}
}

// setEditable turns the inputs on or off.
func (ls *orderLines) setEditable(on bool) {
	ls.editable = on
	ls.add.Hidden = !on
	for _, r := range ls.rows {
		for _, e := range []*widget.Entry{r.product.entry, r.qty, r.price} {
			if on {
				e.Enable()
			} else {
				e.Disable()
			}
		}
		r.remove.Hidden = !on
	}
}

// read turns the rows into document lines. Rows without a product are left
// out; a quantity or price that does not parse is reported under its row
// and the row left out (ok false). sent are the rows of the lines, in order.
func (ls *orderLines) read() (lines []model.DocLine, sent []*lineRow, ok bool) {
	a := ls.a
	ok = true
	for _, r := range ls.rows {
		r.msg.Hide()
		if r.line.ProductID == "" && r.line.Name == "" {
			if strings.TrimSpace(r.product.entry.Text) != "" {
				ls.rowError(r, a.T("order.err.pick_product"))
				ok = false
			}
			continue
		}
		q, err := parseQty(r.qty.Text)
		if err != nil || q <= 0 {
			ls.rowError(r, a.T(msgQty))
			ok = false
			continue
		}
		l := r.line
		l.Qty, l.ManualPrice = q, r.manual
		if r.manual {
			p, err := model.ParseMoney(strings.TrimSpace(r.price.Text), ls.digits)
			if err != nil {
				ls.rowError(r, a.T(msgMoney))
				ok = false
				continue
			}
			l.Price = p
		}
		lines, sent = append(lines, l), append(sent, r)
	}
	ls.msg.Hide()
	return lines, sent, ok
}

func (ls *orderLines) rowError(r *lineRow, text string) {
	r.msg.SetText(text)
	r.msg.Show()
}

// clearRow empties the figures of a row until the next check.
func (ls *orderLines) clearRow(r *lineRow) {
	r.vat.SetText("")
	r.amount.SetText("")
	r.stock.SetText("")
}

// setPrice shows a price without taking it for a typed one.
func (ls *orderLines) setPrice(r *lineRow, text string) {
	ls.filling = true
	r.price.SetText(text)
	ls.filling = false
}

// showCheck puts the service's figures on the rows it was given: the
// catalog price of lines not priced by hand, VAT, amount (net, or gross
// when prices include VAT) and the stock, short lines marked.
func (ls *orderLines) showCheck(c model.OrderCheck, sent []*lineRow, inclVAT bool) {
	a := ls.a
	for i, l := range c.Lines {
		if i >= len(sent) {
			break
		}
		r := sent[i]
		if !r.manual {
			ls.setPrice(r, a.moneyInput(l.Price, ls.digits))
		}
		r.vat.SetText(a.vatLabel(l.VATCat, l.VATBP))
		amount := l.Amounts.Net
		if inclVAT {
			amount = l.Amounts.Gross
		}
		r.amount.SetText(a.money(amount, ls.digits))
		avail, known := c.Available[l.ProductID]
		switch {
		case slices.Contains(c.Short, l.No):
			r.stock.Importance = widget.DangerImportance
			r.stock.SetText(a.T("order.short", a.qty(avail)))
		case known:
			r.stock.Importance = widget.LowImportance
			r.stock.SetText(a.T("order.available", a.qty(avail)))
		default:
			r.stock.SetText("")
		}
		r.stock.Refresh()
	}
}

// setErrors shows the messages of the lines (fields "lines.N.…", N counted
// over sent) under their rows, and "lines" under the grid; it reports
// whether it showed any.
func (ls *orderLines) setErrors(err error, sent []*lineRow) bool {
	shown := false
	for _, e := range model.FieldErrors(err) {
		if e.Field == "lines" {
			ls.msg.SetText(ls.a.T(e.Msg))
			ls.msg.Show()
			shown = true
			continue
		}
		var n int
		if _, scanErr := fmt.Sscanf(e.Field, "lines.%d", &n); scanErr == nil && n >= 1 && n <= len(sent) {
			ls.rowError(sent[n-1], ls.a.T(e.Msg))
			shown = true
		}
	}
	if shown {
		ls.relayout()
	}
	return shown
}

// short tells the rows marked short of stock.
func (ls *orderLines) short() []int {
	var out []int
	for i, r := range ls.rows {
		if r.stock.Importance == widget.DangerImportance && r.stock.Text != "" {
			out = append(out, i)
		}
	}
	return out
}
