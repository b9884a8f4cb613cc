package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/commissionpdf"
	"sdelka/reports/dashreport"
)

// commMonthsBack is how many months back the month choice reaches.
const commMonthsBack = 36

// commissionsScreen is a month's sales commissions: a row per seller
// (plan, paid revenue, fulfilment, multiplier, commission, bonus, total)
// with the totals; the selected seller's every counted payment and credit
// note below. It closes the month, prints a seller's statement and the
// accountant's summary, and opens the rules.
type commissionsScreen struct {
	a       *App
	month   *choice
	state   *widget.Label // closed (when, by whom) or preliminary
	summary *textList
	totals  []*widget.Label
	entries *textList
	late    *widget.Label
	closeB  *widget.Button
	stmtB   *widget.Button
	sumB    *widget.Button
	rulesB  *widget.Button
	period  model.CommissionPeriod
	loaded  bool
	sel     int // the selected seller's index in period.Calcs, -1 none
	gen     int
}

// newCommissionsScreen is the commissions screen of the sidebar.
func newCommissionsScreen(a *App) screen { return &commissionsScreen{a: a, sel: -1} }

// build lays out the month choice, the actions, the summary with its
// totals and the entries, and calculates the current month.
func (s *commissionsScreen) build() fyne.CanvasObject {
	a := s.a
	role := a.svc.User.Role
	s.month = newChoice(a.T("comm.month"), "", func(string) { s.reload() })
	var labels, values []string
	cur := model.MonthOf(today())
	for m := cur; !m.Before(cur.Add(-commMonthsBack)); m = m.Add(-1) {
		labels, values = append(labels, dashreport.LongMonth(a.tr, m)), append(values, m.String())
	}
	s.month.setOptions(labels, values)
	s.month.set(cur.String())
	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord
	s.closeB = widget.NewButtonWithIcon(a.T("comm.close"), theme.ConfirmIcon(), s.closeMonth)
	s.closeB.Disable()
	if !model.Can(role, model.EntityCommission, model.ActUpdate) {
		s.closeB.Hide()
	}
	s.stmtB = widget.NewButtonWithIcon(a.T("comm.statement_pdf"), theme.DocumentPrintIcon(), s.statementPDF)
	s.stmtB.Disable()
	s.sumB = widget.NewButtonWithIcon(a.T("comm.summary_pdf"), theme.DocumentPrintIcon(), s.summaryPDF)
	s.sumB.Disable()
	s.rulesB = widget.NewButtonWithIcon(a.T("comm.rules"), theme.SettingsIcon(), func() { a.shell.push(newRulesScreen(a)) })
	if !model.Can(role, model.EntityCommission, model.ActCreate) {
		s.rulesB.Hide()
	}
	sumWidths := []float32{220, 130, 170, 120, 90, 130, 110, 140}
	s.summary = newTextList([]string{a.T("dash.col.seller"), a.T("dash.col.plan"), a.T("comm.col.paid"),
		a.T("dash.col.fulfilment"), a.T("comm.col.factor_short"), a.T("comm.col.commission"), a.T("comm.col.bonus"),
		a.T("comm.col.total")}, sumWidths, 0, 1, 2, 3, 4, 5, 6, 7)
	s.summary.onSelect = s.selectSeller
	var tots []fyne.CanvasObject
	for i := range sumWidths {
		l := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		if i == 0 {
			l.Alignment = fyne.TextAlignLeading
		}
		s.totals = append(s.totals, l)
		tots = append(tots, l)
	}
	s.entries = newTextList([]string{a.T("comm.col.date"), a.T("comm.col.document"), a.T("comm.col.invoice"),
		a.T("dash.col.customer"), a.T("comm.col.category"), a.T("comm.col.base"), a.T("comm.col.rate"),
		a.T("comm.col.factor_short"), a.T("comm.col.commission"), "*"},
		[]float32{100, 150, 130, 220, 140, 110, 75, 90, 110, 20}, 3, 5, 6, 7, 8)
	s.late = lowLabel()
	s.late.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(a.T("comm.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(title, fixedWidth(s.month.sel, 190)),
			container.NewHBox(s.closeB, s.stmtB, s.sumB, s.rulesB)),
		s.state, widget.NewSeparator())
	upper := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.New(s.summary.lay, tots...)), nil, nil, s.summary.object())
	lowerHead := widget.NewLabelWithStyle(a.T("comm.entries"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lower := container.NewBorder(lowerHead, s.late, nil, nil, s.entries.object())
	split := container.NewVSplit(upper, lower)
	split.Offset = 0.45
	s.reload()
	return container.NewBorder(top, nil, nil, nil, split)
}

// reshow reads the month again when the rules editor is closed.
func (s *commissionsScreen) reshow() { s.reload() }

// chosen is the month chosen.
func (s *commissionsScreen) chosen() model.Month {
	m, err := model.ParseMonth(s.month.value())
	if err != nil {
		return model.MonthOf(today())
	}
	return m
}

// reload calculates (or loads, when closed) the chosen month in the
// background.
func (s *commissionsScreen) reload() {
	a := s.a
	s.gen++
	gen, m := s.gen, s.chosen()
	a.background(func() {
		p, err := a.svc.Analytics.Commissions(a.ctx, m)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.show(p)
		})
	})
}

// show fills the screen from a month's calculation.
func (s *commissionsScreen) show(p model.CommissionPeriod) {
	a, tr := s.a, s.a.tr
	s.period, s.loaded, s.sel = p, true, -1
	money := func(m model.Money) string { return dashreport.Money(tr, p.Currency, m) }
	var rows [][]string
	for _, c := range p.Calcs {
		plan, ful, factor := "—", "—", "—"
		if c.HasPlan {
			plan, ful, factor = money(c.Plan), dashreport.Percent(tr, c.FulfilmentBP), dashreport.Factor(tr, c.FactorBP)
		}
		rows = append(rows, []string{s.name(c.UserID), plan, money(c.Paid), ful, factor, money(c.Commission),
			money(c.Bonus), money(c.Total)})
	}
	s.summary.set(rows)
	t := p.Total
	for i, text := range []string{a.T("comm.totals"), "", money(t.Paid), "", "", money(t.Commission), money(t.Bonus), money(t.Total)} {
		s.totals[i].SetText(text)
	}
	switch {
	case p.Closed && p.Names[p.ClosedBy] != "":
		s.state.SetText(a.T("comm.closed_by", dashreport.Date(tr, p.ClosedAt), p.Names[p.ClosedBy]))
	case p.Closed:
		s.state.SetText(a.T("comm.closed", dashreport.Date(tr, p.ClosedAt)))
	default:
		s.state.SetText(a.T("comm.preliminary"))
	}
	s.state.Importance = widget.MediumImportance
	if p.Closed {
		s.state.Importance = widget.SuccessImportance
	}
	s.state.Refresh()
	if p.Closed || !p.Month.Before(model.MonthOf(today())) {
		s.closeB.Disable()
	} else {
		s.closeB.Enable()
	}
	s.sumB.Enable()
	s.selectSeller(-1)
	if len(p.Calcs) == 1 {
		s.summary.list.Select(0)
	}
}

// name is a seller's name in the period (the ID when unknown).
func (s *commissionsScreen) name(userID string) string {
	if n := s.period.Names[userID]; n != "" {
		return n
	}
	return userID
}

// selectSeller lists every entry the calculation of seller i counted (-1:
// none selected).
func (s *commissionsScreen) selectSeller(i int) {
	a, tr, p := s.a, s.a.tr, s.period
	s.sel = i
	if i < 0 || i >= len(p.Calcs) {
		s.entries.set(nil)
		s.late.SetText(a.T("comm.pick_seller"))
		s.stmtB.Disable()
		return
	}
	s.stmtB.Enable()
	c := p.Calcs[i]
	var rows [][]string
	late := false
	for _, e := range c.Lines {
		doc := a.T("comm.kind.payment", e.DocNumber)
		if e.Kind == model.CommissionCredit {
			doc = a.T("comm.kind.credit_note", e.DocNumber)
		}
		cat := p.Categories[e.CategoryID]
		if e.CategoryID == "" || cat == "" {
			cat = a.T("comm.category_none")
		}
		mark := ""
		if e.Late {
			mark, late = "*", true
		}
		rows = append(rows, []string{dashreport.Date(tr, e.Date), doc, e.InvoiceNumber, e.CustomerName, cat,
			dashreport.Money(tr, p.Currency, e.Base), dashreport.Rate(tr, e.RateBP), dashreport.Factor(tr, e.FactorBP),
			dashreport.Money(tr, p.Currency, e.Commission), mark})
	}
	s.entries.set(rows)
	switch {
	case len(rows) == 0:
		s.late.SetText(a.T("comm.no_entries"))
	case late:
		s.late.SetText(a.N("dash.records", int64(len(rows))) + " · " + a.T("comm.late_note"))
	default:
		s.late.SetText(a.N("dash.records", int64(len(rows))))
	}
}

// closeMonth asks, then freezes the month: later payments go to the next
// open month.
func (s *commissionsScreen) closeMonth() {
	a := s.a
	m := s.chosen()
	a.confirm(a.T("comm.close_title"), a.T("comm.close_confirm", dashreport.LongMonth(a.tr, m)), a.T("comm.close"), func() {
		s.closeB.Disable()
		s.gen++
		gen := s.gen
		a.background(func() {
			p, err := a.svc.Analytics.CloseCommissions(a.ctx, m)
			fyne.Do(func() {
				if err != nil {
					a.showErr(err)
					s.reload()
					return
				}
				if gen == s.gen {
					s.show(p)
				}
			})
		})
	})
}

// statementPDF saves the selected seller's statement.
func (s *commissionsScreen) statementPDF() {
	if s.sel < 0 || s.sel >= len(s.period.Calcs) {
		return
	}
	p, tr := s.period, s.a.tr
	uid := p.Calcs[s.sel].UserID
	file := s.a.T("comm.statement_file", s.name(uid), p.Month.String())
	s.savePDF(file, func(company string) ([]byte, error) {
		return commissionpdf.Statement(tr, p, uid, company, commissionpdf.CategoryNames(p.Categories))
	})
}

// summaryPDF saves the accountant's summary of the month.
func (s *commissionsScreen) summaryPDF() {
	p, tr := s.period, s.a.tr
	s.savePDF(s.a.T("comm.summary_file", p.Month.String()), func(company string) ([]byte, error) {
		return commissionpdf.Summary(tr, p, company)
	})
}

// savePDF asks where to save a PDF named file and writes what make
// returns there in the background.
func (s *commissionsScreen) savePDF(file string, make func(company string) ([]byte, error)) {
	a := s.a
	a.saveAs(file+".pdf", func(w io.Writer) error {
		name, err := a.companyName()
		if err != nil {
			return err
		}
		pdf, err := make(name)
		if err == nil {
			_, err = w.Write(pdf)
		}
		return err
	}, func(path string) { a.shell.setStatus(a.T("dash.saved", path)) })
}
