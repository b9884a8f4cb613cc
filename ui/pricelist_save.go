package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// saveItems stores the changed prices and the removals, all or none; a
// price or breaks that do not parse are named beside the grid and nothing
// is saved.
func (pi *priceItems) saveItems() {
	a := pi.a
	var items []model.PriceListItem
	var bad []string
	for _, r := range pi.rows {
		r.bad = false
		if !r.changed() {
			continue
		}
		price, err := model.ParseMoney(r.price, pi.digits())
		msg := ""
		switch {
		case err != nil || strings.TrimSpace(r.price) == "":
			msg = a.T(msgMoney)
		case price < 0:
			msg = a.T("valid.price.negative")
		}
		breaks, ok := parseBreaks(r.breaks, pi.digits(), true)
		if !ok && msg == "" {
			msg = a.T(msgBreaks)
		}
		if msg != "" {
			r.bad = true
			bad = append(bad, rowName(r.p)+": "+msg)
			continue
		}
		items = append(items, model.PriceListItem{ListID: pi.l.ID, ProductID: r.p.ID, Price: price, Breaks: breaks})
	}
	pi.list.Refresh()
	if len(bad) > 0 {
		pi.setStatus(widget.DangerImportance, a.T("pricelist.fix_rows")+"\n"+strings.Join(bad, "\n"))
		return
	}
	if len(items) == 0 && len(pi.removed) == 0 {
		pi.setStatus(widget.MediumImportance, a.T("pricelist.no_changes"))
		return
	}
	if err := a.svc.Catalog.SetPriceListItems(a.ctx, pi.l.ID, items, pi.removed); err != nil {
		msg, known := a.errText(err)
		if !known {
			a.showErr(err)
			msg = ""
		}
		pi.setStatus(widget.DangerImportance, msg)
		return
	}
	pi.setStatus(widget.SuccessImportance, a.T("pricelist.items_saved", a.tr.Int(int64(len(items))), a.tr.Int(int64(len(pi.removed)))))
	pi.reload()
}

// rowName names a product in a message: its article and name.
func rowName(p model.Product) string {
	if p.SKU != "" {
		return p.SKU + " · " + p.Name
	}
	return p.Name
}

// adjust changes every stored price (of one category) by a percentage.
func (pi *priceItems) adjust() {
	a := pi.a
	if pi.dirty() {
		pi.setStatus(widget.DangerImportance, a.T("pricelist.save_before_adjust"))
		return
	}
	f := newForm(a)
	f.entry("percent", "").SetPlaceHolder(a.T("pricelist.percent_hint"))
	cat := newChoice(a.T("products.all_categories"), a.T("products.all_categories"), nil)
	cat.setOptions(categoryOptions(pi.d))
	f.add("category", cat.sel)
	a.formDialog(a.T("pricelist.adjust"), f, fyne.NewSize(560, 260), func() error {
		bp, ok := parsePercent(f.text("percent"))
		if !ok || bp == 0 {
			return model.ValidationErrors{{Field: "percent", Msg: msgPercent}}
		}
		n, err := a.svc.Catalog.AdjustPriceList(a.ctx, pi.l.ID, bp, cat.value())
		if err != nil {
			if fe := model.FieldErrors(err); len(fe) > 0 && fe[0].Field == "rule" {
				return model.ValidationErrors{{Field: "percent", Msg: fe[0].Msg}}
			}
			return err
		}
		pi.setStatus(widget.SuccessImportance, a.N("pricelist.adjusted", int64(n), signedPercent(a, bp)))
		pi.reload()
		return nil
	})
}
