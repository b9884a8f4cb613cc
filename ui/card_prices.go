package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// canReadPrices tells whether a role sees a customer's individual prices.
func canReadPrices(r model.Role) bool {
	return canReadCustomers(r) && model.Can(r, model.EntityPriceList, model.ActRead)
}

var cardPriceColumns = []column{{"product", 420}, {"price", 130}, {"currency", 80}, {"valid", 190}, {"note", 180}}

var cardPriceLayout = colLayout{widths: []float32{420, 130, 80, 190, 180}, mins: []float32{200, 110, 70, 170, 120}, flex: 0}

// pricesTab is the card's tab of the customer's individual prices: they win
// over the group's price list while valid. It also prints the customer's
// own price list.
type pricesTab struct {
	c      *customerCard
	d      catalogDicts
	prices []model.IndividualPrice
	names  map[string]string // product labels by ID
	list   *widget.List
	sel    int
	add    *widget.Button
	edit   *widget.Button
	del    *widget.Button
	loaded bool
	gen    int
}

func buildPricesTab(c *customerCard) fyne.CanvasObject {
	a := c.a
	t := &pricesTab{c: c, sel: -1, names: map[string]string{}}
	t.list = widget.NewList(func() int { return len(t.prices) }, t.createRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) { t.sel = id }
	t.list.OnUnselected = func(widget.ListItemID) { t.sel = -1 }
	t.add = widget.NewButtonWithIcon(a.T("prices.add"), theme.ContentAddIcon(), func() {
		t.editPrice(model.IndividualPrice{CustomerID: c.id, Currency: t.d.tax.BaseCurrency})
	})
	t.edit = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentCreateIcon(), func() {
		if t.sel >= 0 && t.sel < len(t.prices) {
			t.editPrice(t.prices[t.sel])
		}
	})
	t.del = widget.NewButtonWithIcon(a.T("btn.delete"), theme.DeleteIcon(), t.remove)
	var print *widget.Button
	print = widget.NewButtonWithIcon(a.T("prices.print"), theme.DocumentPrintIcon(), func() {
		a.printPriceSheet(print, c.data.Customer.Name, c.id, "", today(), "")
	})
	var heads []fyne.CanvasObject
	for _, col := range cardPriceColumns {
		h := newHeaderCell(a.T("col."+col.key), nil)
		if col.key == "price" {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	header := container.NewVBox(container.New(cardPriceLayout, heads...), widget.NewSeparator())
	tools := container.NewBorder(nil, nil, container.NewHBox(t.add, t.edit, t.del), print)
	a.loadCatalogDicts(func(d catalogDicts) {
		t.d = d
		c.onLoad(t.show)
	})
	return container.NewBorder(container.NewVBox(tools, header), nil, nil, nil, t.list)
}

// show reads the prices again whenever the card (re)loads.
func (t *pricesTab) show(d model.CustomerCard) {
	role := t.c.a.svc.User.Role
	live := d.Customer.DeletedAt.IsZero()
	for _, b := range []struct {
		btn *widget.Button
		act model.Action
	}{{t.add, model.ActCreate}, {t.edit, model.ActUpdate}, {t.del, model.ActDelete}} {
		if live && model.Can(role, model.EntityPriceList, b.act) {
			b.btn.Enable()
		} else {
			b.btn.Disable()
		}
	}
	t.reload()
}

// reload reads the prices and their products' names in the background.
func (t *pricesTab) reload() {
	a := t.c.a
	t.gen++
	gen, id := t.gen, t.c.id
	a.background(func() {
		prices, err := a.svc.Catalog.IndividualPrices(a.ctx, id)
		names := map[string]string{}
		if err == nil {
			ids := make([]string, len(prices))
			for i, p := range prices {
				ids[i] = p.ProductID
			}
			var byID map[string]model.Product
			if byID, err = a.productsByID(ids); err == nil {
				for _, p := range prices {
					names[p.ProductID] = a.T("pricelist.product_gone")
					if pr, ok := byID[p.ProductID]; ok {
						names[p.ProductID] = rowName(pr)
					}
				}
			}
		}
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			t.prices, t.names, t.loaded, t.sel = prices, names, true, -1
			t.list.UnselectAll()
			t.list.Refresh()
		})
	})
}

func (t *pricesTab) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, col := range cardPriceColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if col.key == "price" {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(cardPriceLayout, objs...))
}

func (t *pricesTab) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	a := t.c.a
	if id >= len(t.prices) {
		return
	}
	p := t.prices[id]
	r := o.(*tapRow)
	r.onTap = func() { t.list.Select(id) }
	r.onDouble = func() {
		if !t.edit.Disabled() {
			t.editPrice(p)
		}
	}
	texts := []string{t.names[p.ProductID], a.money(p.Price, currencyDigits(t.d.currencies, p.Currency)), p.Currency,
		a.period(p.ValidFrom, p.ValidTo), p.Note}
	for i, text := range texts {
		l := r.content.(*fyne.Container).Objects[i].(*widget.Label)
		l.Importance = widget.MediumImportance
		if !p.ValidOn(today()) {
			l.Importance = widget.LowImportance // not in force today
		}
		l.SetText(text)
		l.Refresh()
	}
}

// editPrice opens the form of an individual price; an empty ID adds one.
func (t *pricesTab) editPrice(p model.IndividualPrice) {
	a := t.c.a
	f := newForm(a)
	product := newLookup(a, a.T("price.product_hint"), a.findProductHits, func(lookupHit) {})
	if p.ProductID != "" {
		product.pick(lookupHit{id: p.ProductID, label: t.names[p.ProductID]})
	}
	f.add("product", product.object())
	price := ""
	if p.ID != "" {
		price = a.moneyInput(p.Price, currencyDigits(t.d.currencies, p.Currency))
	}
	f.entry("price", price).SetPlaceHolder(a.moneyInput(0, 2))
	cur := newChoice(a.T("choose"), "", nil)
	cur.setOptions(currencyOptions(t.d.currencies))
	cur.set(p.Currency)
	f.add("currency", cur.sel)
	f.entry("valid_from", a.dayInput(p.ValidFrom)).SetPlaceHolder(a.T("format.date_hint"))
	f.entry("valid_to", a.dayInput(p.ValidTo)).SetPlaceHolder(a.T("format.date_hint"))
	f.entry("note", p.Note)
	title := a.T("prices.add")
	if p.ID != "" {
		title = t.names[p.ProductID]
	}
	size := fyne.NewSize(640, 380)
	fd := a.formDialog(title, f, size, func() error {
		n := p
		n.ProductID, n.Currency, n.Note = product.value.id, cur.value(), strings.TrimSpace(f.text("note"))
		var v model.ValidationErrors
		if n.ProductID == "" {
			v.Add("product", model.MsgRequired)
		}
		amount, err := model.ParseMoney(f.text("price"), currencyDigits(t.d.currencies, n.Currency))
		if err != nil || strings.TrimSpace(f.text("price")) == "" {
			v.Add("price", msgMoney)
		}
		n.Price = amount
		var ok bool
		if n.ValidFrom, ok = optionalDay(a, f.text("valid_from")); !ok {
			v.Add("valid_from", msgDate)
		}
		if n.ValidTo, ok = optionalDay(a, f.text("valid_to")); !ok {
			v.Add("valid_to", msgDate)
		}
		if len(v) > 0 {
			return v
		}
		if _, err := a.svc.Catalog.SaveIndividualPrice(a.ctx, n); err != nil {
			return err
		}
		t.reload()
		return nil
	})
	product.resize = func() { fd.dlg.Resize(fd.dlg.MinSize().Max(size)) }
}

// remove deletes the selected price after a confirmation.
func (t *pricesTab) remove() {
	if t.sel < 0 || t.sel >= len(t.prices) {
		return
	}
	a := t.c.a
	p := t.prices[t.sel]
	a.confirm(a.T("prices.delete_title"), a.T("prices.delete_text", t.names[p.ProductID]), a.T("btn.delete"), func() {
		if err := a.svc.Catalog.DeleteIndividualPrice(a.ctx, p.ID); err != nil {
			a.showErr(err)
			return
		}
		t.reload()
	})
}
