package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var productColumns = []column{{"sku", 120}, {"name", 320}, {"category", 160}, {"unit", 60}, {"price", 110},
	{"vat", 80}, {"on_hand", 90}, {"available", 95}}

// productColMins are the narrowest the columns get before the table scrolls
// sideways.
var productColMins = map[string]float32{"name": 180, "category": 100, "sku": 90}

// productSortCols are the columns whose header sorts the list.
var productSortCols = map[string]string{"sku": "sku", "name": "name", "price": "price"}

// productRightCols are the figures, aligned right.
var productRightCols = map[string]bool{"price": true, "on_hand": true, "available": true}

// layout is the column layout shared by the header and the rows.
func (l *productList) layout() colLayout {
	var widths, mins []float32
	for _, c := range productColumns {
		widths = append(widths, c.width)
		if m, ok := productColMins[c.key]; ok {
			mins = append(mins, m)
		} else {
			mins = append(mins, c.width)
		}
	}
	return colLayout{widths: widths, mins: mins, flex: 1}
}

func (l *productList) header() fyne.CanvasObject {
	l.headers = map[string]*headerCell{}
	var objs []fyne.CanvasObject
	for _, c := range productColumns {
		var tap func()
		if s, ok := productSortCols[c.key]; ok {
			tap = func() { l.sortBy(s, l.f.Sort == s && !l.f.Desc) }
		}
		h := newHeaderCell(l.a.T("col."+c.key), tap)
		if productRightCols[c.key] {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		l.headers[c.key] = h
		objs = append(objs, h)
	}
	return container.NewVBox(container.New(l.layout(), objs...), widget.NewSeparator())
}

func (l *productList) length() int { return l.total }

func (l *productList) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, c := range productColumns {
		lbl := widget.NewLabel("")
		lbl.Truncation = fyne.TextTruncateEllipsis
		if productRightCols[c.key] {
			lbl.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, lbl)
	}
	return newTapRow(container.New(l.layout(), objs...))
}

// updateRow shows row id from the page cache; a row not yet loaded shows
// "Loading…" and its page is fetched in the background.
func (l *productList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*tapRow)
	cells := r.content.(*fyne.Container).Objects
	r.onTap = func() { l.list.Select(id) }
	r.onDouble = func() { l.list.Select(id); l.openRow(id) }
	p, ok := l.pages.get(id)
	for i, col := range productColumns {
		lbl := cells[i].(*widget.Label)
		lbl.Importance = widget.MediumImportance
		if ok && !p.Active {
			lbl.Importance = widget.LowImportance // not on sale: greyed
		}
		switch {
		case ok:
			lbl.SetText(l.cell(p, col.key))
		case i == 1:
			lbl.SetText(l.a.T("customers.loading"))
		default:
			lbl.SetText("")
		}
		lbl.Refresh()
	}
}

// cell is the text of one column of a product row.
func (l *productList) cell(p model.ProductRow, key string) string {
	a := l.a
	switch key {
	case "sku":
		return p.SKU
	case "name":
		return p.Name
	case "category":
		return p.Category
	case "unit":
		return a.unitSymbol(p.UnitCode)
	case "price":
		return a.money(p.BasePrice, l.d.baseDigits())
	case "vat":
		return a.vatText(p.VAT, l.day)
	case "on_hand":
		if p.Kind == model.KindGoods {
			return a.qty(p.OnHand)
		}
	case "available":
		if p.Kind == model.KindGoods {
			return a.qty(p.Available)
		}
	}
	return ""
}
