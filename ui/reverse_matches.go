package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// matchesLimit is how many matching products the panel shows.
const matchesLimit = 30

var matchColumns = []column{{"sku", 85}, {"name", 150}, {"match_list", 95}, {"match_wanted", 95}, {"match_cost", 90},
	{"margin", 165}, {"discount", 80}, {"flags", 140}, {"match_avail", 85}}

var matchLayout = colLayout{widths: []float32{85, 150, 95, 95, 90, 165, 80, 140, 85},
	mins: []float32{70, 100, 85, 85, 80, 150, 75, 110, 70}, flex: 1}

// matchRight are the figures, aligned right.
var matchRight = map[string]bool{"match_list": true, "match_wanted": true, "match_cost": true, "margin": true, "discount": true, "match_avail": true}

// reverseMatches is the panel of products that could meet a request, with
// the economics at the customer's price; one is accepted into a deal.
type reverseMatches struct {
	a       *App
	d       catalogDicts
	r       model.ReverseRequest
	rows    []model.ReverseMatch
	sel     int
	list    *widget.List
	title   *widget.Label
	accept  *widget.Button
	changed func()
	gen     int
}

func newReverseMatches(a *App, changed func()) *reverseMatches {
	return &reverseMatches{a: a, sel: -1, changed: changed, d: catalogDicts{currencies: model.DefaultCurrencies}}
}

func (m *reverseMatches) object() fyne.CanvasObject {
	a := m.a
	m.title = widget.NewLabelWithStyle(a.T("reverse.choose"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	m.title.Truncation = fyne.TextTruncateEllipsis
	m.accept = widget.NewButtonWithIcon(a.T("reverse.accept"), theme.ConfirmIcon(), m.acceptSelected)
	m.accept.Importance = widget.HighImportance
	m.accept.Disable()
	var heads []fyne.CanvasObject
	for _, c := range matchColumns {
		h := newHeaderCell(a.T("col."+c.key), nil)
		if matchRight[c.key] {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	m.list = widget.NewList(func() int { return len(m.rows) }, m.createRow, m.updateRow)
	m.list.OnSelected = func(id widget.ListItemID) { m.sel = id; m.showSelection() }
	m.list.OnUnselected = func(widget.ListItemID) { m.sel = -1; m.showSelection() }
	top := container.NewVBox(container.NewBorder(nil, nil, nil, m.accept, m.title), container.New(matchLayout, heads...), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, m.list)
}

// clear shows no request.
func (m *reverseMatches) clear() {
	m.gen++
	m.r, m.rows, m.sel = model.ReverseRequest{}, nil, -1
	m.title.SetText(m.a.T("reverse.choose"))
	m.list.UnselectAll()
	m.list.Refresh()
	m.showSelection()
}

// load reads the matches of request r in the background.
func (m *reverseMatches) load(r model.ReverseRequest) {
	a := m.a
	m.gen++
	gen := m.gen
	m.r, m.rows, m.sel = r, nil, -1
	m.list.UnselectAll()
	m.list.Refresh()
	m.title.SetText(a.T("reverse.matches_of", r.Num, r.CustomerName, a.docMoney(r.WantedPrice, r.Currency, m.d.currencies), a.qty(r.Qty)))
	m.showSelection()
	a.background(func() {
		rows, err := a.svc.Pipeline.ReverseMatches(a.ctx, r.ID, matchesLimit)
		fyne.Do(func() {
			if gen != m.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			m.rows = rows
			m.list.Refresh()
			if len(rows) == 0 {
				m.title.SetText(m.title.Text + " · " + a.T("reverse.no_matches"))
			}
		})
	})
}

func (m *reverseMatches) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, c := range matchColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if matchRight[c.key] {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(matchLayout, objs...))
}

func (m *reverseMatches) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(m.rows) {
		return
	}
	r := o.(*tapRow)
	r.onTap = func() { m.list.Select(id) }
	r.onDouble = func() { m.list.Select(id); m.acceptSelected() }
	cells := r.content.(*fyne.Container).Objects
	x := m.rows[id]
	for i, text := range m.cells(x) {
		l := cells[i].(*widget.Label)
		l.Importance = widget.MediumImportance
		switch matchColumns[i].key {
		case "flags":
			if x.BelowFloor || x.BelowCost {
				l.Importance = widget.DangerImportance
			}
		case "margin":
			if x.Margin < 0 {
				l.Importance = widget.DangerImportance
			}
		}
		l.SetText(text)
		l.Refresh()
	}
}

// cells are the texts of a match's row.
func (m *reverseMatches) cells(x model.ReverseMatch) []string {
	a := m.a
	digits := currencyDigits(m.d.currencies, m.r.Currency)
	money := func(v model.Money) string { return a.money(v, digits) }
	flags := ""
	switch {
	case x.BelowFloor && x.BelowCost:
		flags = a.T("reverse.below_both")
	case x.BelowFloor:
		flags = a.T("reverse.below_floor")
	case x.BelowCost:
		flags = a.T("reverse.below_cost")
	}
	return []string{x.SKU, x.Name, money(x.ListPrice), money(x.Wanted), money(x.Cost),
		money(x.Margin) + " (" + a.bpText(x.MarginBP) + ")", a.bpText(x.DiscountBP), flags, a.qty(x.Available)}
}

func (m *reverseMatches) showSelection() {
	can := model.Can(m.a.svc.User.Role, model.EntityReverse, model.ActUpdate)
	if m.sel >= 0 && m.sel < len(m.rows) && m.r.Status == model.ReverseOpen && can {
		m.accept.Enable()
	} else {
		m.accept.Disable()
	}
}

// acceptSelected makes a deal with the selected product at the wanted price
// and offers to open it.
func (m *reverseMatches) acceptSelected() {
	a := m.a
	if m.sel < 0 || m.sel >= len(m.rows) || m.r.Status != model.ReverseOpen {
		return
	}
	x := m.rows[m.sel]
	deal, err := a.svc.Pipeline.AcceptReverse(a.ctx, m.r.ID, m.r.Version, x.ProductID)
	if err != nil {
		a.showErr(err)
		return
	}
	a.shell.setStatus(a.T("reverse.accepted", m.r.Num, deal.Title))
	if m.changed != nil {
		m.changed()
	}
	text := a.T("reverse.deal_made", deal.Title)
	if deal.Approval == model.ApprovalPending {
		text += "\n" + a.T("reverse.deal_pending")
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	open := widget.NewButton(a.T("reverse.open_deal"), func() { d.Hide(); openDeal(a, deal.ID) })
	open.Importance = widget.HighImportance
	d = dialog.NewCustom(a.T("reverse.accepted_title"), a.T("btn.close"), container.NewVBox(l, open), a.win)
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}
