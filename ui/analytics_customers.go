package ui

import (
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/dashreport"
	"sdelka/reports/tabular"
)

// textList is a list of rows of text under a header row of the same column
// widths: a tap selects a row, a double tap or Enter opens it. The
// analytics screens show their tables with it (uniform row heights, no
// per-row separators of widget.Table's headers).
type textList struct {
	lay      colLayout
	heads    []string
	right    map[int]bool // columns aligned to the right (amounts)
	rows     [][]string
	list     *enterList
	sel      int
	onSelect func(i int) // -1 when the selection is cleared
	onOpen   func(i int)
	header   *fyne.Container
}

// newTextList makes a list of the columns heads with widths (the widest
// column flex takes the spare room); right names the amount columns.
func newTextList(heads []string, widths []float32, flex int, right ...int) *textList {
	mins := slices.Clone(widths) // only the flexible column gives way when room is short
	if flex >= 0 && flex < len(mins) {
		mins[flex] = min(widths[flex], 120)
	}
	t := &textList{lay: colLayout{widths: widths, mins: mins, flex: flex}, heads: heads, right: map[int]bool{}, sel: -1}
	for _, i := range right {
		t.right[i] = true
	}
	var hs []fyne.CanvasObject
	for i, h := range heads {
		l := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		if t.right[i] {
			l.Alignment = fyne.TextAlignTrailing
		}
		hs = append(hs, l)
	}
	t.header = container.New(t.lay, hs...)
	t.list = newEnterList(func() int { return len(t.rows) }, t.createRow, t.updateRow, func() { t.open(t.sel) })
	t.list.OnSelected = func(id widget.ListItemID) {
		t.sel = id
		if t.onSelect != nil {
			t.onSelect(id)
		}
	}
	t.list.OnUnselected = func(widget.ListItemID) {
		t.sel = -1
		if t.onSelect != nil {
			t.onSelect(-1)
		}
	}
	return t
}

// object is the header over the list.
func (t *textList) object() fyne.CanvasObject {
	return container.NewBorder(container.NewVBox(t.header, widget.NewSeparator()), nil, nil, nil, t.list)
}

// set replaces the rows and clears the selection.
func (t *textList) set(rows [][]string) {
	t.rows, t.sel = rows, -1
	t.list.UnselectAll()
	t.list.Refresh()
}

// createRow makes a row of labels, amounts aligned right.
func (t *textList) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range t.heads {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if t.right[i] {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(t.lay, objs...))
}

// updateRow shows row id and wires its taps.
func (t *textList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.rows) {
		return
	}
	r := o.(*tapRow)
	r.onTap = func() { t.list.Select(id) }
	r.onDouble = func() { t.list.Select(id); t.open(id) }
	objs := r.content.(*fyne.Container).Objects
	for i := range objs {
		text := ""
		if i < len(t.rows[id]) {
			text = t.rows[id][i]
		}
		objs[i].(*widget.Label).SetText(text)
	}
}

// open opens row i when the list has an action for it.
func (t *textList) open(i int) {
	if i >= 0 && i < len(t.rows) && t.onOpen != nil {
		t.onOpen(i)
	}
}

// customerAnalysis is ABC, RFM and customers at risk over a period and the
// dashboard's dimension filters, each as a list; a double tap opens the
// customer's card. The RFM list is filtered by segment, with the segment's
// meaning and what to do about it shown above it.
type customerAnalysis struct {
	a        *App
	bar      *analyticsFilters
	deb      *debouncer
	currency string
	data     model.CustomerAnalysis
	loaded   bool
	gen      int

	tabs                          *container.AppTabs
	abc, rfm, risk                *textList
	abcClasses                    *widget.Label // each class's customers, revenue, share and meaning
	segment                       *choice
	segMeaning                    *widget.Label
	rfmRows                       []model.RFMRow // shown: those of the chosen segment
	riskNote, status              *widget.Label
	abcIDs, rfmIDs, riskIDs       []string
	abcCount, rfmCount, riskCount *widget.Label
}

// newCustomerAnalysis is the customer analysis screen of the sidebar.
func newCustomerAnalysis(a *App) screen { return &customerAnalysis{a: a} }

// build lays out the filter bar and the three tabs and starts the first read.
func (s *customerAnalysis) build() fyne.CanvasObject {
	a := s.a
	s.deb = newDebouncer(dashDebounce, &a.busy)
	s.bar = newAnalyticsFilters(a, true, func() { s.deb.call(s.reload) })
	bar := s.bar.build(7)
	open := func(ids *[]string) func(int) {
		return func(i int) {
			if i < len(*ids) {
				a.shell.openCustomer((*ids)[i])
			}
		}
	}
	s.abc = newTextList([]string{"№", a.T("dash.col.customer"), a.T("ca.col.class"), a.T("dash.col.revenue"),
		a.T("dash.col.share"), a.T("ca.col.cum_share")}, []float32{60, 320, 80, 160, 110, 150}, 1, 0, 3, 4, 5)
	s.abc.onOpen = open(&s.abcIDs)
	s.abcClasses = widget.NewLabel("")
	s.abcClasses.Wrapping = fyne.TextWrapWord
	s.abcCount = lowLabel()
	abcSplit := container.NewVSplit(container.NewVScroll(s.abcClasses), s.abc.object())
	abcSplit.Offset = 0.3
	abcTab := container.NewBorder(nil, s.abcCount, nil, nil, abcSplit)

	s.rfm = newTextList([]string{a.T("dash.col.customer"), a.T("ca.col.last_purchase"), a.T("ca.col.recency"),
		a.T("ca.col.frequency"), a.T("dash.col.revenue"), "R", "F", "M", a.T("ca.col.segment")},
		[]float32{280, 120, 100, 100, 150, 40, 40, 40, 170}, 0, 2, 3, 4, 5, 6, 7)
	s.rfm.onOpen = open(&s.rfmIDs)
	s.rfm.onSelect = func(i int) { s.showMeaning(i) }
	s.segment = newChoice(a.T("ca.col.segment"), a.T("ca.all_segments"), func(string) { s.showRFM() })
	s.segMeaning = widget.NewLabel(a.T("ca.rfm_help"))
	s.segMeaning.Wrapping = fyne.TextWrapWord
	s.rfmCount = lowLabel()
	rfmTop := container.NewVBox(container.NewHBox(widget.NewLabel(a.T("ca.col.segment")), fixedWidth(s.segment.sel, 320)),
		wrapped(s.segMeaning, 3), widget.NewSeparator())
	rfmTab := container.NewBorder(rfmTop, s.rfmCount, nil, nil, s.rfm.object())

	s.risk = newTextList([]string{a.T("dash.col.customer"), a.T("ca.col.last_purchase"), a.T("ca.col.frequency"),
		a.T("ca.col.interval"), a.T("ca.col.recency"), a.T("ca.col.late"), a.T("dash.col.revenue"), a.T("ca.col.owner")},
		[]float32{260, 105, 85, 160, 90, 85, 130, 150}, 0, 2, 3, 4, 5, 6)
	s.risk.onOpen = open(&s.riskIDs)
	s.riskNote = widget.NewLabel(a.T("ca.risk_note"))
	s.riskNote.Wrapping = fyne.TextWrapWord
	s.riskCount = lowLabel()
	riskTab := container.NewBorder(container.NewVBox(wrapped(s.riskNote, 2), widget.NewSeparator()), s.riskCount, nil, nil, s.risk.object())

	s.tabs = container.NewAppTabs(container.NewTabItem(a.T("ca.abc_title"), abcTab),
		container.NewTabItem(a.T("ca.rfm_title"), rfmTab), container.NewTabItem(a.T("ca.risk_title"), riskTab))
	s.status = lowLabel()
	s.status.Truncation = fyne.TextTruncateEllipsis
	title := widget.NewLabelWithStyle(a.T("ca.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var export *widget.Button
	export = widget.NewButtonWithIcon(a.T("ca.export"), theme.DownloadIcon(), func() {
		m := fyne.NewMenu("",
			fyne.NewMenuItem(a.T("export.csv"), func() { s.exportDialog(tabular.CSV) }),
			fyne.NewMenuItem(a.T("export.xlsx"), func() { s.exportDialog(tabular.XLSX) }))
		widget.ShowPopUpMenuAtRelativePosition(m, a.win.Canvas(), fyne.NewPos(0, export.Size().Height), export)
	})
	top := container.NewVBox(container.NewBorder(nil, nil, title, export), bar, widget.NewSeparator())
	a.loadCatalogDicts(func(d catalogDicts) {
		s.currency = d.tax.BaseCurrency
		s.reload()
	})
	return container.NewBorder(top, s.status, nil, nil, s.tabs)
}

// wrapped shows a word-wrapped label in a scroll lines text lines high: a
// wrapped label alone in a border's edge is measured before it knows its
// width and overlaps what follows.
func wrapped(l *widget.Label, lines int) fyne.CanvasObject {
	sc := container.NewVScroll(l)
	sc.SetMinSize(fyne.NewSize(0, float32(lines)*(theme.TextSize()+theme.LineSpacing())+2*theme.InnerPadding()))
	return sc
}

// lowLabel is a label for counts and notes, in a quiet colour.
func lowLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.LowImportance
	return l
}

// reload reads the analysis for the bar's filter in the background.
func (s *customerAnalysis) reload() {
	a := s.a
	s.gen++
	gen, f := s.gen, s.bar.filter()
	a.background(func() {
		d, err := a.svc.Analytics.Customers(a.ctx, f)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.data, s.loaded = d, true
			s.show()
		})
	})
}

// show fills the three tabs from the analysis read.
func (s *customerAnalysis) show() {
	a, d, tr := s.a, s.data, s.a.tr
	_, rows := dashreport.ABCTable(tr, d.ABC, s.currency)
	s.abcIDs = s.abcIDs[:0]
	for _, r := range d.ABC {
		s.abcIDs = append(s.abcIDs, r.CustomerID)
	}
	s.abc.set(rows)
	_, classes := dashreport.ABCClassTable(tr, d.ABC, s.currency)
	var text string
	for i, c := range classes {
		if i > 0 {
			text += "\n"
		}
		text += a.T("ca.class_line", c[0], c[1], c[2]+" "+s.currency, c[3], c[4])
	}
	s.abcClasses.SetText(text)
	s.abcCount.SetText(a.N("ca.customers", int64(len(d.ABC))))

	var labels, values []string
	for _, sg := range model.RFMSegments {
		n := 0
		for _, r := range d.RFM {
			if r.Segment == sg.Key {
				n++
			}
		}
		labels, values = append(labels, a.T("ca.segment_count", a.T(sg.Key), tr.Int(int64(n)))), append(values, sg.Key)
	}
	s.segment.setOptions(labels, values)
	s.showRFM()

	_, risk := s.riskTable()
	s.riskIDs = s.riskIDs[:0]
	for _, r := range d.AtRisk {
		s.riskIDs = append(s.riskIDs, r.CustomerID)
	}
	s.risk.set(risk)
	if len(d.AtRisk) == 0 {
		s.riskCount.SetText(a.T("ca.risk_none"))
	} else {
		s.riskCount.SetText(a.N("ca.customers", int64(len(d.AtRisk))))
	}
	s.status.SetText(a.T("ca.status", dashreport.PeriodText(tr, model.DashFilter{From: d.From, To: d.To}),
		dashreport.Date(tr, d.Today), s.currency))
}

// showRFM lists the customers of the chosen segment (all without one) and
// shows what the segment means and what to do.
func (s *customerAnalysis) showRFM() {
	a, tr := s.a, s.a.tr
	seg := s.segment.value()
	s.rfmRows = s.rfmRows[:0]
	s.rfmIDs = s.rfmIDs[:0]
	for _, r := range s.data.RFM {
		if seg == "" || r.Segment == seg {
			s.rfmRows = append(s.rfmRows, r)
			s.rfmIDs = append(s.rfmIDs, r.CustomerID)
		}
	}
	var rows [][]string
	for _, r := range s.rfmRows {
		rows = append(rows, []string{r.Name, dashreport.Date(tr, r.LastPurchase), tr.Int(int64(r.RecencyDays)),
			tr.Int(int64(r.Frequency)), dashreport.Money(tr, s.currency, r.Monetary), tr.Int(int64(r.R)),
			tr.Int(int64(r.F)), tr.Int(int64(r.M)), a.T(r.Segment)})
	}
	s.rfm.set(rows)
	s.showRFMHelp()
	s.rfmCount.SetText(a.N("ca.customers", int64(len(rows))))
}

// showMeaning shows the meaning of the segment of the RFM row selected (-1:
// of the chosen segment, or the general help).
func (s *customerAnalysis) showMeaning(i int) {
	if i < 0 || i >= len(s.rfmRows) {
		s.showRFMHelp()
		return
	}
	seg := s.rfmRows[i].Segment
	s.segMeaning.SetText(s.a.T(seg) + ": " + s.a.T(seg+".meaning"))
}

// showRFMHelp shows the chosen segment's meaning or the general help.
func (s *customerAnalysis) showRFMHelp() {
	if seg := s.segment.value(); seg != "" {
		s.segMeaning.SetText(s.a.T(seg) + ": " + s.a.T(seg+".meaning"))
		return
	}
	s.segMeaning.SetText(s.a.T("ca.rfm_help"))
}

// table is the open tab's list as text for an export: its sheet name, the
// header and the rows (the RFM tab: the chosen segment's customers).
func (s *customerAnalysis) table() (sheet string, header []string, rows [][]string) {
	tr, d := s.a.tr, s.data
	switch s.tabs.SelectedIndex() {
	case 1:
		header, rows = dashreport.RFMTable(tr, s.rfmRows, s.currency)
		return "RFM", header, rows
	case 2:
		header, rows = s.riskTable()
		return "At risk", header, rows
	}
	header, rows = dashreport.ABCTable(tr, d.ABC, s.currency)
	return "ABC", header, rows
}

// exportDialog asks where to save the open tab and writes it there.
func (s *customerAnalysis) exportDialog(format tabular.Format) {
	a := s.a
	sheet, header, rows := s.table()
	a.saveAs(a.T("ca.export_file", strings.ToLower(sheet))+"."+string(format), func(w io.Writer) error {
		return writeTable(w, format, sheet, header, rows)
	}, func(path string) { a.shell.setStatus(a.T("dash.saved", path)) })
}

// writeTable writes a header and rows as a CSV or XLSX sheet to out.
func writeTable(out io.Writer, format tabular.Format, sheet string, header []string, rows [][]string) error {
	w, err := tabular.NewWriter(out, format, sheet)
	if err != nil {
		return err
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return w.Close()
}

// riskTable is the customers at risk as text with the responsible seller
// last.
func (s *customerAnalysis) riskTable() (header []string, rows [][]string) {
	return dashreport.RiskTable(s.a.tr, s.data.AtRisk, s.currency)
}
