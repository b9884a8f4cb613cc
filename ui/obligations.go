package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
)

// obligationPage is how many entries of the register one read brings.
const obligationPage = 200

var obligationColumns = []column{{"party", 150}, {"due", 105}, {"customer", 220}, {"document", 135}, {"text", 180},
	{"amount", 150}, {"done", 125}, {"status", 140}}

var obligationLayout = colLayout{widths: []float32{150, 105, 220, 135, 180, 150, 125, 140},
	mins: []float32{140, 100, 140, 125, 90, 140, 110, 135}, flex: 4}

// obligationsScreen is the register of both parties' obligations: our
// deliveries by their dates and the customers' payments by theirs, overdue
// ones in red. Open shows the document the obligation comes from.
type obligationsScreen struct {
	a        *App
	f        model.ObligationFilter
	d        catalogDicts
	party    *choice
	openOnly *widget.Check
	overdue  *widget.Check
	list     *widget.List
	rows     []model.Obligation
	day      time.Time // the day overdue is judged on
	more     bool
	fetching bool
	sel      int
	openBtn  *widget.Button
	count    *widget.Label
	gen      int
}

func newObligationsScreen(a *App) screen {
	return &obligationsScreen{a: a, sel: -1, f: model.ObligationFilter{OpenOnly: true}}
}

func (s *obligationsScreen) build() fyne.CanvasObject {
	a := s.a
	s.party = newChoice(a.T("obl.party_both"), a.T("obl.party_both"), func(v string) {
		s.f.Party = model.ObligationParty(v)
		s.reload()
	})
	s.party.setOptions([]string{a.T("obl_party.ours"), a.T("obl_party.customer")},
		[]string{string(model.OursToDeliver), string(model.CustomerToPay)})
	s.openOnly = widget.NewCheck(a.T("obl.open_only"), nil)
	s.openOnly.SetChecked(s.f.OpenOnly)
	s.openOnly.OnChanged = func(on bool) { s.f.OpenOnly = on; s.reload() }
	s.overdue = widget.NewCheck(a.T("obl.overdue_only"), func(on bool) { s.f.OverdueOnly = on; s.reload() })
	s.openBtn = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { s.openRow(s.sel) })
	s.openBtn.Disable()
	tools := container.NewHBox(widget.NewLabel(a.T("obl.party")), narrow(s.party.sel, 220), s.openOnly, s.overdue)
	var heads []fyne.CanvasObject
	for _, c := range obligationColumns {
		h := newHeaderCell(a.T("col."+c.key), nil)
		if c.key == "amount" || c.key == "done" {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	s.list = widget.NewList(func() int { return len(s.rows) }, s.createRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) { s.sel = id; s.openBtn.Enable() }
	s.list.OnUnselected = func(widget.ListItemID) { s.sel = -1; s.openBtn.Disable() }
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	top := container.NewVBox(container.NewBorder(nil, nil, nil, s.openBtn, tools), container.New(obligationLayout, heads...),
		widget.NewSeparator())
	a.loadCatalogDicts(func(d catalogDicts) {
		s.d = d
		s.reload()
	})
	return container.NewBorder(top, s.count, nil, nil, s.list)
}

// reshow reads the register again when the screen comes back.
func (s *obligationsScreen) reshow() { s.reload() }

// reload reads the register from the start.
func (s *obligationsScreen) reload() {
	s.gen++
	s.rows, s.more, s.fetching, s.sel = nil, true, false, -1
	s.day = today()
	s.list.UnselectAll()
	s.list.ScrollToTop()
	s.list.Refresh()
	s.fetch()
}

// fetch reads the next part of the register in the background.
func (s *obligationsScreen) fetch() {
	if s.fetching || !s.more {
		return
	}
	a := s.a
	s.fetching = true
	f := s.f
	f.Today, f.Limit, f.Offset = s.day, obligationPage, len(s.rows)
	gen := s.gen
	a.background(func() {
		rows, err := a.svc.Sales.FindObligations(a.ctx, f)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.fetching = false
			if err != nil {
				s.more = false
				a.showErr(err)
				return
			}
			s.rows = append(s.rows, rows...)
			s.more = len(rows) == obligationPage
			s.count.SetText(a.N("obl.count", int64(len(s.rows))))
			s.list.Refresh()
		})
	})
}

func (s *obligationsScreen) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, c := range obligationColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if c.key == "amount" || c.key == "done" {
			l.Alignment = fyne.TextAlignTrailing
		}
		if c.key == "status" {
			icon := widget.NewIcon(nil)
			objs = append(objs, container.NewBorder(nil, nil, icon, nil, l))
			continue
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(obligationLayout, objs...))
}

func (s *obligationsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	if id >= len(s.rows)-obligationPage/4 {
		s.fetch()
	}
	r := o.(*tapRow)
	r.onTap = func() { s.list.Select(id) }
	r.onDouble = func() { s.list.Select(id); s.openRow(id) }
	ob := s.rows[id]
	late := ob.Overdue(s.day)
	imp := widget.MediumImportance
	if late {
		imp = widget.DangerImportance
	}
	objs := r.content.(*fyne.Container).Objects
	for i, text := range s.cells(ob) {
		l, ok := objs[i].(*widget.Label)
		if !ok {
			box := objs[i].(*fyne.Container)
			l = box.Objects[0].(*widget.Label)
			icon := box.Objects[1].(*widget.Icon)
			if late {
				icon.SetResource(theme.NewErrorThemedResource(theme.WarningIcon()))
				icon.Show()
			} else {
				icon.Hide()
			}
		}
		l.Importance = imp
		l.SetText(text)
	}
}

// cells are the texts of an obligation's row.
func (s *obligationsScreen) cells(o model.Obligation) []string {
	a := s.a
	digits := currencyDigits(s.d.currencies, o.Currency)
	return []string{a.T("obl_party." + string(o.Party)), a.dayInput(o.Due), o.CustomerName, o.DocNumber, o.Text,
		a.money(o.Amount, digits) + " " + o.Currency, a.money(o.Done, digits), a.T(s.statusKey(o))}
}

// statusKey is the translation key of an obligation's status on the day.
func (s *obligationsScreen) statusKey(o model.Obligation) string {
	if o.Overdue(s.day) {
		return "obl_status.overdue"
	}
	return "obl_status." + o.Status
}

// openRow shows the document of obligation id.
func (s *obligationsScreen) openRow(id int) {
	if id < 0 || id >= len(s.rows) {
		return
	}
	showDocument(s.a, s.rows[id].DocID)
}
