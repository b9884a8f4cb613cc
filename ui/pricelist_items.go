package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var priceItemColumns = []column{{"sku", 110}, {"name", 300}, {"base_price", 130}, {"list_price", 180}, {"breaks", 280}}

// priceItemLayout is shared by the grid's header and rows; the name takes
// the room left over.
var priceItemLayout = colLayout{widths: []float32{110, 300, 130, 180, 280}, mins: []float32{90, 160, 110, 175, 180}, flex: 1}

// priceRow is one product of the grid with its price and breaks as typed
// and as stored.
type priceRow struct {
	p                       model.Product
	price, breaks           string
	savedPrice, savedBreaks string
	saved                   bool // stored in the list
	bad                     bool // its input did not parse
}

func (r *priceRow) changed() bool {
	return !r.saved || r.price != r.savedPrice || r.breaks != r.savedBreaks
}

// priceItems edits the prices of an explicit list: a grid of its products
// whose price and breaks are typed in place, saved together (all or none).
type priceItems struct {
	a       *App
	l       model.PriceList
	d       catalogDicts
	rows    []*priceRow
	removed []string // products to take out of the list on Save
	list    *widget.List
	cur     int
	status  *widget.Label
	count   *widget.Label
	save    *widget.Button
	canEdit bool
	loaded  bool
	gen     int
}

func newPriceItems(a *App, l model.PriceList, d catalogDicts) *priceItems {
	return &priceItems{a: a, l: l, d: d, cur: -1}
}

func (pi *priceItems) build() fyne.CanvasObject {
	a := pi.a
	pi.canEdit = model.Can(a.svc.User.Role, model.EntityPriceList, model.ActUpdate)
	add := widget.NewButtonWithIcon(a.T("pricelist.add_product"), theme.ContentAddIcon(), pi.addProduct)
	remove := widget.NewButtonWithIcon(a.T("btn.remove"), theme.ContentRemoveIcon(), pi.removeRow)
	pi.save = widget.NewButtonWithIcon(a.T("pricelist.save_prices"), theme.DocumentSaveIcon(), pi.saveItems)
	pi.save.Importance = widget.HighImportance
	adjust := widget.NewButtonWithIcon(a.T("pricelist.adjust"), theme.ViewRefreshIcon(), pi.adjust)
	tools := container.NewHBox(add, remove, pi.save, adjust)
	if !pi.canEdit {
		tools.Hide()
	}
	var heads []fyne.CanvasObject
	for _, c := range priceItemColumns {
		h := newHeaderCell(a.T("col."+c.key), nil)
		if c.key == "base_price" {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	header := container.NewVBox(container.New(priceItemLayout, heads...), widget.NewSeparator())
	pi.list = widget.NewList(func() int { return len(pi.rows) }, pi.createRow, pi.updateRow)
	pi.list.OnSelected = func(id widget.ListItemID) { pi.cur = id; a.idle.touch() }
	pi.list.OnUnselected = func(widget.ListItemID) { pi.cur = -1 }
	pi.status = widget.NewLabel("")
	pi.status.Wrapping = fyne.TextWrapWord
	pi.count = widget.NewLabel("")
	pi.reload()
	return container.NewBorder(container.NewVBox(tools, header), container.NewVBox(pi.status, pi.count), nil, nil, pi.list)
}

// setList follows a change of the header (the currency sets the decimals).
func (pi *priceItems) setList(l model.PriceList, d catalogDicts) {
	pi.l, pi.d = l, d
	pi.reload()
}

func (pi *priceItems) digits() int { return currencyDigits(pi.d.currencies, pi.l.Currency) }

// reload reads the list's prices and their products in the background.
func (pi *priceItems) reload() {
	a := pi.a
	pi.gen++
	gen, id := pi.gen, pi.l.ID
	a.background(func() {
		items, err := a.svc.Catalog.PriceListItems(a.ctx, id)
		products := make([]model.Product, 0, len(items))
		if err == nil {
			ids := make([]string, len(items))
			for i, it := range items {
				ids[i] = it.ProductID
			}
			var byID map[string]model.Product
			if byID, err = a.productsByID(ids); err == nil {
				for _, it := range items {
					p, ok := byID[it.ProductID]
					if !ok {
						p = model.Product{ID: it.ProductID, Name: a.T("pricelist.product_gone")}
					}
					products = append(products, p)
				}
			}
		}
		fyne.Do(func() {
			if gen != pi.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			pi.rows = make([]*priceRow, len(products))
			for i, p := range products {
				price, breaks := a.moneyInput(items[i].Price, pi.digits()), a.breaksText(items[i].Breaks, pi.digits())
				pi.rows[i] = &priceRow{p: p, price: price, breaks: breaks, savedPrice: price, savedBreaks: breaks, saved: true}
			}
			pi.removed, pi.loaded, pi.cur = nil, true, -1
			pi.list.UnselectAll()
			pi.refresh()
		})
	})
}

func (pi *priceItems) refresh() {
	pi.list.Refresh()
	pi.count.SetText(pi.a.N("pricelist.items_count", int64(len(pi.rows))))
}

func (pi *priceItems) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range 3 {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 2 {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	price := widget.NewEntry()
	breaks := widget.NewEntry()
	breaks.SetPlaceHolder(pi.a.T("pricelist.item_breaks_hint"))
	return container.New(priceItemLayout, append(objs, price, breaks)...)
}

// updateRow shows row id; what is typed goes straight into the row.
func (pi *priceItems) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	a := pi.a
	if id >= len(pi.rows) {
		return
	}
	r := pi.rows[id]
	cells := o.(*fyne.Container).Objects
	sku, name, base := cells[0].(*widget.Label), cells[1].(*widget.Label), cells[2].(*widget.Label)
	sku.SetText(r.p.SKU)
	name.Importance = widget.MediumImportance
	if r.bad {
		name.Importance = widget.DangerImportance
	}
	name.SetText(r.p.Name)
	text := a.money(r.p.BasePrice, pi.d.baseDigits())
	if pi.l.Currency != "" && pi.l.Currency != pi.d.tax.BaseCurrency {
		text += " " + pi.d.tax.BaseCurrency
	}
	base.SetText(text)
	for i, dst := range []*string{&r.price, &r.breaks} {
		e := cells[3+i].(*widget.Entry)
		e.OnChanged = nil
		e.SetText(*dst)
		e.OnChanged = func(s string) { *dst = s }
		if pi.canEdit {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}

// dirty tells whether there are changes not saved.
func (pi *priceItems) dirty() bool {
	for _, r := range pi.rows {
		if r.changed() {
			return true
		}
	}
	return len(pi.removed) > 0
}

// addProduct asks for a product and adds it to the grid.
func (pi *priceItems) addProduct() {
	a := pi.a
	var dlg dialog.Dialog
	lk := newLookup(a, a.T("price.product_hint"), a.findProductHits, func(h lookupHit) {
		if row, ok := h.rec.(model.ProductRow); ok && h.id != "" {
			dlg.Hide()
			pi.addRow(row.Product)
		}
	})
	dlg = dialog.NewCustom(a.T("pricelist.add_product"), a.T("btn.close"), container.NewVBox(lk.object()), a.win)
	dlg.Resize(fyne.NewSize(640, 480))
	dlg.Show()
	a.win.Canvas().Focus(lk.entry)
}

// addRow adds p with its base price (when the list is in the base
// currency), or shows its row when it is already there.
func (pi *priceItems) addRow(p model.Product) {
	a := pi.a
	for i, r := range pi.rows {
		if r.p.ID == p.ID {
			pi.list.Select(i)
			pi.list.ScrollTo(i)
			pi.setStatus(widget.MediumImportance, a.T("pricelist.already", p.Name))
			return
		}
	}
	price := ""
	if pi.l.Currency == "" || pi.l.Currency == pi.d.tax.BaseCurrency {
		price = a.moneyInput(p.BasePrice, pi.digits())
	}
	pi.removed = without(pi.removed, p.ID)
	pi.rows = append(pi.rows, &priceRow{p: p, price: price})
	pi.refresh()
	pi.list.Select(len(pi.rows) - 1)
	pi.list.ScrollToBottom()
	pi.setStatus(widget.MediumImportance, a.T("pricelist.added", p.Name))
}

// removeRow takes the selected product out of the grid; Save takes it out
// of the list.
func (pi *priceItems) removeRow() {
	if pi.cur < 0 || pi.cur >= len(pi.rows) {
		pi.setStatus(widget.MediumImportance, pi.a.T("pricelist.choose_row"))
		return
	}
	r := pi.rows[pi.cur]
	if r.saved {
		pi.removed = append(pi.removed, r.p.ID)
	}
	pi.rows = append(pi.rows[:pi.cur], pi.rows[pi.cur+1:]...)
	pi.cur = -1
	pi.list.UnselectAll()
	pi.refresh()
	pi.setStatus(widget.MediumImportance, pi.a.T("pricelist.removed", r.p.Name))
}

func without(xs []string, x string) []string {
	out := xs[:0]
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

func (pi *priceItems) setStatus(imp widget.Importance, text string) {
	pi.status.Importance = imp
	pi.status.SetText(text)
}
