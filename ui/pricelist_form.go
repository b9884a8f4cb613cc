package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// listKinds are the price list kinds, in the order offered.
var listKinds = []model.PriceListKind{model.ListExplicit, model.ListRule}

// priceListForm is the screen of one price list: its header (name, group,
// currency, period, kind, rule, active) with Save, and for a list of
// explicit prices the grid of its prices.
type priceListForm struct {
	a                     *App
	l                     model.PriceList
	d                     catalogDicts
	left, right           *form
	group, currency, kind *choice
	active                *widget.Check
	title                 *widget.Label
	status                *widget.Label
	save                  *widget.Button
	print                 *widget.Button
	remove                *widget.Button
	body                  *fyne.Container // the prices grid, or a note
	root                  *fyne.Container
	items                 *priceItems
	canEdit               bool
	loaded                bool
}

func newPriceListForm(a *App, l model.PriceList) *priceListForm { return &priceListForm{a: a, l: l} }

func (pf *priceListForm) build() fyne.CanvasObject {
	a := pf.a
	role := a.svc.User.Role
	pf.canEdit = model.Can(role, model.EntityPriceList, model.ActUpdate)
	if pf.l.ID == "" {
		pf.canEdit = model.Can(role, model.EntityPriceList, model.ActCreate)
	}
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), pf.leave)
	pf.title = widget.NewLabelWithStyle(a.T("customers.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pf.title.SizeName = theme.SizeNameSubHeadingText
	pf.title.Truncation = fyne.TextTruncateEllipsis
	pf.print = widget.NewButtonWithIcon(a.T("pricelist.print"), theme.DocumentPrintIcon(), nil)
	pf.print.OnTapped = func() {
		l := pf.l
		a.printPriceSheet(pf.print, l.Name, "", l.GroupID, sheetDay(l), l.Currency)
	}
	pf.left, pf.right = newForm(a), newForm(a)
	pf.left.entry("name", "")
	pf.group = newChoice(a.T("pricelists.no_group"), a.T("pricelists.no_group"), nil)
	pf.left.add("group", pf.group.sel)
	pf.currency = newChoice(a.T("choose"), "", nil)
	pf.left.add("currency", pf.currency.sel)
	pf.kind = newChoice(a.T("choose"), "", func(string) { pf.showKind() })
	var labels, values []string
	for _, k := range listKinds {
		labels, values = append(labels, a.T("pricelist_kind."+string(k))), append(values, string(k))
	}
	pf.kind.setOptions(labels, values)
	pf.left.add("kind", pf.kind.sel)
	pf.right.entry("valid_from", "").SetPlaceHolder(a.T("format.date_hint"))
	pf.right.entry("valid_to", "").SetPlaceHolder(a.T("format.date_hint"))
	pf.right.entry("rule", "").SetPlaceHolder(a.T("pricelist.rule_hint"))
	pf.right.fields["rule"].label.SetText(a.T("pricelist.rule_label"))
	pf.right.entry("breaks", "").SetPlaceHolder(a.T("pricelist.breaks_hint"))
	pf.active = widget.NewCheck(a.T("pricelist.active"), nil)
	pf.right.add("active", pf.active)
	pf.status = widget.NewLabel("")
	pf.status.Wrapping = fyne.TextWrapWord
	pf.save = widget.NewButtonWithIcon(a.T("btn.save"), theme.DocumentSaveIcon(), pf.saveList)
	pf.save.Importance = widget.HighImportance
	if !pf.canEdit {
		pf.save.Hide()
	}
	pf.remove = widget.NewButtonWithIcon(a.T("pricelist.delete"), theme.DeleteIcon(), pf.deleteList)
	if pf.l.ID == "" || !model.Can(role, model.EntityPriceList, model.ActDelete) {
		pf.remove.Hide()
	}
	pf.setEnabled(false)
	pf.body = container.NewStack()
	header := container.NewBorder(nil, nil, container.NewCenter(back), container.NewCenter(pf.print), pf.title)
	forms := container.NewGridWithColumns(2, pf.left.grid, pf.right.grid)
	top := container.NewVBox(header, widget.NewSeparator(), forms, container.NewBorder(nil, nil, pf.save, pf.remove, pf.status), widget.NewSeparator())
	pf.root = container.NewBorder(top, nil, nil, nil, pf.body)
	pf.load()
	return pf.root
}

// leave goes back, after asking when typed prices are not saved.
func (pf *priceListForm) leave() {
	a := pf.a
	if pf.items == nil || !pf.items.dirty() {
		a.shell.back()
		return
	}
	a.confirm(a.T("pricelist.unsaved_title"), a.T("pricelist.unsaved_text"), a.T("pricelist.leave"), a.shell.back)
}

// load reads the dictionaries and the customer groups, then shows the list.
func (pf *priceListForm) load() {
	a := pf.a
	a.loadCatalogDicts(func(d catalogDicts) {
		pf.d = d
		pf.currency.setOptions(currencyOptions(d.currencies))
		a.background(func() {
			groups, err := a.svc.Customers.Groups(a.ctx)
			fyne.Do(func() {
				a.showErr(err)
				pf.group.setOptions(groupOptions(groups))
				pf.show(pf.l)
			})
		})
	})
}

// show puts l on the form and, for a saved list of explicit prices, its grid.
func (pf *priceListForm) show(l model.PriceList) {
	a := pf.a
	pf.l, pf.loaded = l, true
	if l.ID == "" {
		pf.title.SetText(a.T("pricelists.new"))
		pf.print.Disable()
	} else {
		pf.title.SetText(l.Name)
		pf.print.Enable()
	}
	if l.Currency == "" {
		l.Currency = pf.d.tax.BaseCurrency
	}
	pf.left.setText("name", l.Name)
	pf.group.set(l.GroupID)
	pf.currency.set(l.Currency)
	pf.kind.set(string(l.Kind))
	pf.right.setText("valid_from", a.dayInput(l.ValidFrom))
	pf.right.setText("valid_to", a.dayInput(l.ValidTo))
	rule := ""
	if l.RuleBP != 0 {
		rule = a.percentInput(l.RuleBP)
	}
	pf.right.setText("rule", rule)
	pf.right.setText("breaks", a.breaksText(l.Breaks, currencyDigits(pf.d.currencies, l.Currency)))
	pf.active.SetChecked(l.Active)
	pf.left.clearErrors()
	pf.right.clearErrors()
	pf.setEnabled(pf.canEdit)
	pf.showKind()
	pf.showBody()
}

// showKind shows the rule and its breaks only for a rule list.
func (pf *priceListForm) showKind() {
	rule := pf.kind.value() == string(model.ListRule)
	for _, n := range []string{"rule", "breaks"} {
		i := indexOf(pf.right.order, n)
		for _, o := range pf.right.grid.Objects[2*i : 2*i+2] {
			if rule {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	if pf.root != nil {
		pf.root.Refresh() // the header's height changed
	}
}

// showBody shows the prices grid of a saved explicit list, else a note.
func (pf *priceListForm) showBody() {
	a := pf.a
	var o fyne.CanvasObject
	switch {
	case pf.l.ID != "" && pf.l.Kind == model.ListExplicit:
		if pf.items != nil && pf.items.l.ID == pf.l.ID {
			pf.items.setList(pf.l, pf.d)
			return
		}
		pf.items = newPriceItems(a, pf.l, pf.d)
		o = pf.items.build()
	case pf.l.ID == "":
		pf.items, o = nil, noteLabel(a.T("pricelist.save_first"))
	default:
		pf.items, o = nil, noteLabel(a.T("pricelist.rule_note"))
	}
	pf.body.Objects = []fyne.CanvasObject{o}
	pf.body.Refresh()
}

// noteLabel is a wrapped grey note at the top of an area.
func noteLabel(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return container.NewVBox(l)
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func (pf *priceListForm) setEnabled(on bool) {
	pf.left.setEnabled(on)
	pf.right.setEnabled(on)
}

// input is the list as edited; dates, the rule and the breaks that do not
// parse are field errors.
func (pf *priceListForm) input() (model.PriceList, error) {
	a := pf.a
	l := pf.l
	l.Name = pf.left.text("name")
	l.GroupID, l.Currency, l.Kind = pf.group.value(), pf.currency.value(), model.PriceListKind(pf.kind.value())
	l.Active = pf.active.Checked
	var v model.ValidationErrors
	if strings.TrimSpace(l.Name) == "" {
		v.Add("name", model.MsgRequired)
	}
	var ok bool
	if l.ValidFrom, ok = optionalDay(a, pf.right.text("valid_from")); !ok {
		v.Add("valid_from", msgDate)
	}
	if l.ValidTo, ok = optionalDay(a, pf.right.text("valid_to")); !ok {
		v.Add("valid_to", msgDate)
	}
	l.RuleBP, l.Breaks = 0, nil
	if l.Kind == model.ListRule {
		if t := strings.TrimSpace(pf.right.text("rule")); t != "" {
			if l.RuleBP, ok = parsePercent(t); !ok {
				v.Add("rule", msgPercent)
			}
		}
		if l.Breaks, ok = parseBreaks(pf.right.text("breaks"), currencyDigits(pf.d.currencies, l.Currency), false); !ok {
			v.Add("breaks", msgBreaks)
		}
	}
	return l, v.Err()
}

// saveList checks and stores the header.
func (pf *priceListForm) saveList() {
	a := pf.a
	l, err := pf.input()
	if err == nil {
		l, err = a.svc.Catalog.SavePriceList(a.ctx, l)
	}
	if err != nil {
		pf.status.Importance = widget.DangerImportance
		l := pf.left.setErrors(err, "")
		r := pf.right.setErrors(err, "")
		switch {
		case l || r:
			pf.status.SetText(a.T("err.fix_fields"))
		case errors.Is(err, model.ErrStale):
			pf.status.SetText(a.T("err.stale"))
		default:
			pf.status.SetText("")
			a.showErr(err)
		}
		return
	}
	pf.show(l)
	pf.status.Importance = widget.SuccessImportance
	pf.status.SetText(a.T("settings.saved"))
}

// deleteList sends the list to the trash after a confirmation.
func (pf *priceListForm) deleteList() {
	a := pf.a
	a.confirm(a.T("pricelist.delete"), a.T("pricelist.delete_text", pf.l.Name), a.T("btn.delete"), func() {
		id := pf.l.ID
		a.background(func() {
			err := a.svc.Catalog.DeletePriceList(a.ctx, id)
			fyne.Do(func() {
				if err != nil {
					a.showErr(err)
					return
				}
				a.shell.back()
			})
		})
	})
}
