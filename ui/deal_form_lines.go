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

var dealLineColumns = []column{{"product", 260}, {"qty", 100}, {"deal_list_price", 120}, {"discount", 80}, {"price", 110},
	{"vat", 70}, {"amount", 120}}

// dealLineLayout lays out a line: the columns and the remove button; the
// product takes the spare width.
var dealLineLayout = colLayout{widths: []float32{260, 100, 120, 80, 110, 70, 120, 44},
	mins: []float32{180, 80, 100, 70, 90, 60, 100, 44}, flex: 0}

// dealLines edits the deal's lines: a product picked by searching as you
// type, the quantity, a discount or a price typed by hand; the list price
// with why it is what it is, the VAT and the line total come from the
// service's pricing (PriceDealLines).
type dealLines struct {
	a        *App
	rows     []*dealRow
	box      *fyne.Container
	add      *widget.Button
	digits   int
	editable bool
	filling  bool
	onChange func()
	resize   func()
}

// dealRow is one line on screen.
type dealRow struct {
	line     model.DealLine
	product  *lookup
	qty      *widget.Entry
	list     *widget.Label
	discount *widget.Entry
	price    *widget.Entry
	manual   bool
	vat      *widget.Label
	total    *widget.Label
	reason   *widget.Label
	msg      *widget.Label
	remove   *widget.Button
	obj      fyne.CanvasObject
}

func newDealLines(a *App, onChange func()) *dealLines {
	ls := &dealLines{a: a, box: container.NewVBox(), digits: 2, editable: true, onChange: onChange}
	ls.add = widget.NewButtonWithIcon(a.T("order.add_line"), theme.ContentAddIcon(), func() {
		r := ls.addRow(model.DealLine{Qty: model.QtyOne})
		a.win.Canvas().Focus(r.product.entry)
		ls.relayout()
	})
	return ls
}

func (ls *dealLines) object() fyne.CanvasObject {
	var heads []fyne.CanvasObject
	for _, c := range dealLineColumns {
		h := newHeaderCell(ls.a.T("col."+c.key), nil)
		if c.key != "product" {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	heads = append(heads, widget.NewLabel(""))
	title := widget.NewLabelWithStyle(ls.a.T("deal.lines"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(title, container.New(dealLineLayout, heads...), widget.NewSeparator(), ls.box, container.NewHBox(ls.add))
}

// setLines shows the deal's lines.
func (ls *dealLines) setLines(lines []model.DealLine) {
	ls.rows = nil
	ls.box.Objects = nil
	for _, l := range lines {
		ls.addRow(l)
	}
	ls.relayout()
}

// addRow appends a row showing l.
func (ls *dealLines) addRow(l model.DealLine) *dealRow {
	a := ls.a
	r := &dealRow{line: l, manual: l.ManualPrice, list: widget.NewLabel(""), vat: widget.NewLabel(""), total: widget.NewLabel(""),
		reason: widget.NewLabel(""), msg: widget.NewLabel("")}
	r.product = newLookup(a, a.T("order.product_hint"), a.findProductHits, func(h lookupHit) {
		r.line = model.DealLine{ProductID: h.id}
		r.manual = false
		ls.setEntry(r.price, "")
		ls.onChange()
	})
	r.product.resize = ls.relayout
	if label := lineLabel(model.DocLine{SKU: l.SKU, Name: l.Name}); label != "" {
		r.product.entry.OnChanged = nil
		r.product.entry.SetText(label)
		r.product.entry.OnChanged = r.product.changed
		r.product.value = lookupHit{id: l.ProductID, label: label}
	}
	r.qty = widget.NewEntry()
	r.qty.SetText(a.qty(l.Qty))
	r.qty.OnChanged = func(string) { ls.onChange() }
	r.discount = widget.NewEntry()
	r.discount.SetPlaceHolder("0")
	if l.DiscountBP != 0 {
		r.discount.SetText(a.bpInput(l.DiscountBP))
	}
	r.discount.OnChanged = func(string) {
		if !ls.filling {
			r.manual = false
			ls.setEntry(r.price, "")
			ls.onChange()
		}
	}
	r.price = widget.NewEntry()
	r.price.SetPlaceHolder(a.T("order.price_auto"))
	if l.ProductID != "" {
		r.price.SetText(a.moneyInput(l.Price, ls.digits))
	}
	r.price.OnChanged = func(s string) {
		if !ls.filling {
			r.manual = strings.TrimSpace(s) != ""
			ls.onChange()
		}
	}
	for _, lbl := range []*widget.Label{r.list, r.vat, r.total} {
		lbl.Alignment = fyne.TextAlignTrailing
	}
	r.reason.Importance = widget.LowImportance
	r.reason.Truncation = fyne.TextTruncateEllipsis
	r.msg.Importance = widget.DangerImportance
	r.msg.Wrapping = fyne.TextWrapWord
	r.msg.Hide()
	ls.showLine(r, l)
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { ls.removeRow(r) })
	r.remove.Importance = widget.LowImportance
	top := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewVBox(o) }
	cells := container.New(dealLineLayout, r.product.object(), top(r.qty), top(r.list), top(r.discount), top(r.price), top(r.vat),
		top(r.total), top(r.remove))
	r.obj = container.NewVBox(cells, r.reason, r.msg)
	if !ls.editable {
		for _, e := range []*widget.Entry{r.product.entry, r.qty, r.discount, r.price} {
			e.Disable()
		}
		r.remove.Hide()
	}
	ls.rows = append(ls.rows, r)
	ls.box.Add(r.obj)
	return r
}

// showLine shows the priced figures of a line: list price and its reason,
// VAT and the total.
func (ls *dealLines) showLine(r *dealRow, l model.DealLine) {
	a := ls.a
	if l.ProductID == "" {
		return
	}
	r.list.SetText(a.money(l.ListPrice, ls.digits))
	r.vat.SetText(a.vatLabel(l.VATCat, l.VATBP))
	r.total.SetText(a.money(l.Amounts.Gross, ls.digits))
	text := ""
	if l.PriceReason != "" {
		text = a.T("deal.list_price_reason", priceReasonText(a, l.PriceReason))
	}
	if disc := model.LineDiscountBP(l); disc > 0 {
		text += " · " + a.T("deal.line_discount", a.bpText(disc))
	}
	r.reason.Importance = widget.LowImportance
	if l.FloorPrice > 0 && l.Price < l.FloorPrice {
		text += " · " + a.T("deal.below_floor", a.money(l.FloorPrice, ls.digits))
		r.reason.Importance = widget.WarningImportance
	}
	r.reason.SetText(strings.TrimPrefix(text, " · "))
	r.reason.Refresh()
}

// priceReasonText says why a list price is what it is (a price.reason.*
// key, or a price list's name).
func priceReasonText(a *App, reason string) string {
	if !a.tr.Has(reason) {
		return reason
	}
	return strings.NewReplacer(" «%s»", "", "«%s»", "", " %s", "", "%s", "").Replace(a.T(reason))
}

func (ls *dealLines) removeRow(r *dealRow) {
	i := slices.Index(ls.rows, r)
	if i < 0 {
		return
	}
	ls.rows = slices.Delete(ls.rows, i, i+1)
	ls.box.Remove(r.obj)
	ls.relayout()
	ls.onChange()
}

func (ls *dealLines) relayout() {
	ls.box.Refresh()
	if ls.resize != nil {
		ls.resize()
	}
}

// setEditable turns the inputs on or off.
func (ls *dealLines) setEditable(on bool) {
	ls.editable = on
	ls.add.Hidden = !on
}

// setEntry sets an entry's text without taking it for typing.
func (ls *dealLines) setEntry(e *widget.Entry, text string) {
	ls.filling = true
	e.SetText(text)
	ls.filling = false
}

// addProduct adds a line of one unit of a product (a cross-sell suggestion).
func (ls *dealLines) addProduct(id, label string) {
	r := ls.addRow(model.DealLine{ProductID: id, Qty: model.QtyOne})
	r.product.entry.OnChanged = nil
	r.product.entry.SetText(label)
	r.product.entry.OnChanged = r.product.changed
	r.product.value = lookupHit{id: id, label: label}
	ls.setEntry(r.price, "")
	ls.relayout()
	ls.onChange()
}

// read turns the rows into deal lines. Rows without a product are left out;
// a quantity, discount or price that does not parse is reported under its
// row (ok false). sent are the rows of the lines, in order.
func (ls *dealLines) read() (lines []model.DealLine, sent []*dealRow, ok bool) {
	a := ls.a
	ok = true
	for _, r := range ls.rows {
		r.msg.Hide()
		if r.line.ProductID == "" {
			if strings.TrimSpace(r.product.entry.Text) != "" {
				ls.rowError(r, a.T("order.err.pick_product"))
				ok = false
			}
			continue
		}
		l := r.line
		q, err := parseQty(r.qty.Text)
		if err != nil || q <= 0 {
			ls.rowError(r, a.T(msgQty))
			ok = false
			continue
		}
		l.Qty, l.ManualPrice, l.DiscountBP = q, r.manual, 0
		if s := strings.TrimSpace(r.discount.Text); s != "" && !r.manual {
			bp, good := parseBP(s)
			if !good {
				ls.rowError(r, a.T(model.MsgDiscount))
				ok = false
				continue
			}
			l.DiscountBP = bp
		}
		if r.manual {
			p, err := model.ParseMoney(strings.TrimSpace(r.price.Text), ls.digits)
			if err != nil || p < 0 {
				ls.rowError(r, a.T(msgMoney))
				ok = false
				continue
			}
			l.Price = p
		}
		lines, sent = append(lines, l), append(sent, r)
	}
	return lines, sent, ok
}

func (ls *dealLines) rowError(r *dealRow, text string) {
	r.msg.SetText(text)
	r.msg.Show()
	ls.relayout()
}

// showPriced puts the service's figures on the rows they were read from.
func (ls *dealLines) showPriced(lines []model.DealLine, sent []*dealRow) {
	a := ls.a
	for i, l := range lines {
		if i >= len(sent) {
			break
		}
		r := sent[i]
		keep := r.line.ProductID
		r.line.SKU, r.line.Name, r.line.UnitCode, r.line.Unit = l.SKU, l.Name, l.UnitCode, l.Unit
		r.line.ProductID = keep
		if !r.manual {
			ls.setEntry(r.price, a.moneyInput(l.Price, ls.digits))
		} else if disc := model.LineDiscountBP(l); disc > 0 {
			ls.setEntry(r.discount, a.bpInput(disc))
		} else {
			ls.setEntry(r.discount, "")
		}
		ls.showLine(r, l)
	}
	ls.relayout()
}

// setErrors shows the messages of lines (fields "lines[N]…", N counted over
// sent; all rows when sent is nil) under their rows; it reports whether it
// showed any.
func (ls *dealLines) setErrors(err error, sent []*dealRow) bool {
	if sent == nil {
		sent = ls.rows
	}
	shown := false
	for _, e := range model.FieldErrors(err) {
		var n int
		if _, scanErr := fmt.Sscanf(e.Field, "lines[%d]", &n); scanErr == nil && n >= 0 && n < len(sent) {
			ls.rowError(sent[n], ls.a.T(e.Msg))
			shown = true
		}
	}
	return shown
}
