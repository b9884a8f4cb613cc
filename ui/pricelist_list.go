package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

var priceListColumns = []column{{"name", 240}, {"group", 170}, {"currency", 80}, {"valid", 190}, {"list_kind", 260}, {"active", 100}}

// priceListColMins are the narrowest the columns get.
var priceListColMins = map[string]float32{"name": 140, "group": 110, "valid": 170, "list_kind": 240}

// priceListScreen lists the price lists; a double tap (or Open) shows one
// with its prices, New starts a list.
type priceListScreen struct {
	a      *App
	lists  []model.PriceList
	groups map[string]string // customer group names by ID
	list   *enterList
	count  *widget.Label
	cur    int
	loaded bool
	gen    int
}

func newPriceListScreen(a *App) *priceListScreen { return &priceListScreen{a: a, cur: -1} }

func (s *priceListScreen) build() fyne.CanvasObject {
	a := s.a
	title := widget.NewLabelWithStyle(a.T("nav.pricelists"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	newBtn := widget.NewButtonWithIcon(a.T("pricelists.new"), theme.ContentAddIcon(), func() {
		a.shell.push(newPriceListForm(a, model.PriceList{Kind: model.ListExplicit, Active: true}))
	})
	if !model.Can(a.svc.User.Role, model.EntityPriceList, model.ActCreate) {
		newBtn.Hide()
	}
	open := widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { s.open(s.cur) })
	s.list = newEnterList(func() int { return len(s.lists) }, s.createRow, s.updateRow, func() { s.open(s.cur) })
	s.list.OnSelected = func(id widget.ListItemID) { s.cur = id; a.idle.touch() }
	s.list.OnUnselected = func(widget.ListItemID) { s.cur = -1 }
	s.count = widget.NewLabel("")
	var heads []fyne.CanvasObject
	for _, c := range priceListColumns {
		heads = append(heads, newHeaderCell(a.T("col."+c.key), nil))
	}
	header := container.NewVBox(container.New(s.layout(), heads...), widget.NewSeparator())
	groups := widget.NewButtonWithIcon(a.T("groups.title"), theme.AccountIcon(), func() { newGroupEditor(a, s.reload).show() })
	tools := container.NewBorder(nil, nil, title, container.NewHBox(groups, newBtn, open))
	s.reload()
	return container.NewBorder(container.NewVBox(tools, header), s.count, nil, nil, s.list)
}

func (s *priceListScreen) layout() colLayout {
	var widths, mins []float32
	for _, c := range priceListColumns {
		widths = append(widths, c.width)
		if m, ok := priceListColMins[c.key]; ok {
			mins = append(mins, m)
		} else {
			mins = append(mins, c.width)
		}
	}
	return colLayout{widths: widths, mins: mins, flex: 0}
}

// reshow reloads after a list was edited.
func (s *priceListScreen) reshow() { s.reload() }

// reload reads the lists and the customer groups in the background.
func (s *priceListScreen) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	a.background(func() {
		lists, err := a.svc.Catalog.PriceLists(a.ctx)
		groups, gerr := a.svc.Customers.Groups(a.ctx)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err := errors.Join(err, gerr); err != nil {
				a.showErr(err)
			}
			s.lists, s.groups = lists, map[string]string{}
			for _, g := range groups {
				s.groups[g.ID] = g.Name
			}
			s.loaded, s.cur = true, -1
			s.list.UnselectAll()
			s.list.Refresh()
			s.count.SetText(a.N("pricelists.count", int64(len(lists))))
		})
	})
}

func (s *priceListScreen) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for range priceListColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, l)
	}
	return newTapRow(container.New(s.layout(), objs...))
}

func (s *priceListScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*tapRow)
	r.onTap = func() { s.list.Select(id) }
	r.onDouble = func() { s.list.Select(id); s.open(id) }
	if id >= len(s.lists) {
		return
	}
	l := s.lists[id]
	for i, c := range priceListColumns {
		lbl := r.content.(*fyne.Container).Objects[i].(*widget.Label)
		lbl.Importance = widget.MediumImportance
		if !l.Active {
			lbl.Importance = widget.LowImportance
		}
		lbl.SetText(s.cell(l, c.key))
		lbl.Refresh()
	}
}

// cell is the text of one column of a price list's row.
func (s *priceListScreen) cell(l model.PriceList, key string) string {
	a := s.a
	switch key {
	case "name":
		return l.Name
	case "group":
		if g, ok := s.groups[l.GroupID]; ok {
			return g
		}
		return a.T("pricelists.no_group")
	case "currency":
		return l.Currency
	case "valid":
		return a.period(l.ValidFrom, l.ValidTo)
	case "list_kind":
		return a.listKind(l)
	case "active":
		if l.Active {
			return a.T("pricelists.on")
		}
		return a.T("pricelists.off")
	}
	return ""
}

func (s *priceListScreen) open(id int) {
	if id >= 0 && id < len(s.lists) {
		s.a.shell.push(newPriceListForm(s.a, s.lists[id]))
	}
}

// period shows a validity period: «01.01.2026 – 31.12.2026», «с 01.01.2026»,
// «по 31.12.2026» or «бессрочно».
func (a *App) period(from, to time.Time) string {
	switch {
	case from.IsZero() && to.IsZero():
		return a.T("period.always")
	case to.IsZero():
		return a.T("period.from", a.showDay(from))
	case from.IsZero():
		return a.T("period.to", a.showDay(to))
	}
	return a.showDay(from) + " – " + a.showDay(to)
}

// listKind is a list's kind as the list shows it; a rule with its percent.
func (a *App) listKind(l model.PriceList) string {
	if l.Kind == model.ListRule {
		return a.T("pricelist_kind.rule_bp", signedPercent(a, l.RuleBP))
	}
	return a.T("pricelist_kind." + string(l.Kind))
}

// signedPercent formats basis points with a sign: +5%, −10%, 0%.
func signedPercent(a *App, bp int64) string {
	switch {
	case bp > 0:
		return "+" + a.percent(bp)
	case bp < 0:
		return "−" + a.percent(-bp)
	}
	return a.percent(0)
}
