package ui

import (
	"image"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/charts"
	"sdelka/reports/dashreport"
)

// The size of a dashboard chart in device-independent pixels.
const (
	chartWidth  = 500
	chartHeight = 290
	exportScale = 2 // the PNG export's device pixels per unit
)

// chartCardSize is the cell of a chart card in the dashboard's grid: the
// chart under its title line.
func chartCardSize() fyne.Size {
	head := widget.NewButton("PNG", nil).MinSize().Height
	return fyne.NewSize(chartWidth, chartHeight+head+theme.Padding())
}

// chartCard is one figure of the dashboard: its title, the chart (or, with
// Figures on, its table) and the PNG export.
type chartCard struct {
	s       *dashboard
	sec     dashreport.Section
	key     string
	hits    []charts.Hit
	header  []string
	rows    [][]string
	img     *chartImage
	table   *widget.Table
	figures *widget.Check
	export  *widget.Button
}

func newChartCard(s *dashboard, sec dashreport.Section) *chartCard {
	return &chartCard{s: s, sec: sec}
}

// build lays out the title line over the chart, with the table behind it.
func (c *chartCard) build() fyne.CanvasObject {
	a := c.s.a
	title := widget.NewLabelWithStyle(a.T(c.sec.TitleKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	c.img = newChartImage(c.tapped)
	c.table = widget.NewTable(func() (int, int) {
		if len(c.header) == 0 {
			return 0, 0
		}
		return len(c.rows) + 1, len(c.header)
	}, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, c.cell)
	c.table.Hide()
	c.figures = widget.NewCheck(a.T("dash.figures"), func(on bool) {
		if on {
			c.img.Hide()
			c.table.Show()
		} else {
			c.table.Hide()
			c.img.Show()
		}
	})
	c.export = widget.NewButtonWithIcon("PNG", theme.DownloadIcon(), c.exportPNG)
	c.export.Disable()
	head := container.NewBorder(nil, nil, nil, container.NewHBox(c.figures, c.export), title)
	return container.NewBorder(head, nil, nil, nil, container.NewStack(c.img, c.table))
}

// cell fills a cell of the figures table; row 0 is the header.
func (c *chartCard) cell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Bold = id.Row == 0
	l.Alignment = fyne.TextAlignLeading
	if id.Col > 0 {
		l.Alignment = fyne.TextAlignTrailing
	}
	switch {
	case id.Row == 0 && id.Col < len(c.header):
		l.SetText(c.header[id.Col])
	case id.Row > 0 && id.Row-1 < len(c.rows) && id.Col < len(c.rows[id.Row-1]):
		l.SetText(c.rows[id.Row-1][id.Col])
	default:
		l.SetText("")
	}
}

// show puts a drawn view on the card; an unchanged image stays.
func (c *chartCard) show(v chartView) {
	c.header, c.rows = v.header, v.rows
	c.setColumnWidths()
	c.table.Refresh()
	if v.same {
		return
	}
	if v.err != nil {
		c.key = ""
		c.s.a.showErr(v.err)
		return
	}
	c.key, c.hits = v.key, v.hits
	c.img.set(v.img)
	c.export.Enable()
}

// setColumnWidths fits every column to its texts.
func (c *chartCard) setColumnWidths() {
	for i, w := range fitColumns(c.header, c.rows, 220) {
		c.table.SetColumnWidth(i, w)
	}
}

// tapped opens the records behind the element at p (image pixels).
func (c *chartCard) tapped(p image.Point) {
	s := c.s
	if !s.loaded {
		return
	}
	h, ok := charts.HitAt(c.hits, p)
	if !ok {
		return
	}
	req, ok := dashreport.DrillFor(s.data, c.sec, h)
	if !ok {
		return
	}
	a := s.a
	a.idle.touch()
	title := a.T(c.sec.TitleKey())
	if e := c.elementText(req, h); e != "" {
		title += ": " + e
	}
	a.shell.push(newDrillList(a, title, s.data.Currency, req))
}

// elementText names a clicked element: the month of a monthly figure,
// otherwise the first cell of its table row.
func (c *chartCard) elementText(req model.DrillRequest, h charts.Hit) string {
	if req.Kind == model.DrillRevenueMonth || req.Kind == model.DrillPipeline {
		if m, err := model.ParseMonth(req.Key); err == nil {
			return dashreport.LongMonth(c.s.a.tr, m)
		}
		return c.s.a.T("dash.no_date")
	}
	if h.Index >= 0 && h.Index < len(c.rows) && len(c.rows[h.Index]) > 0 {
		return c.rows[h.Index][0]
	}
	return ""
}

// exportPNG asks where to save the chart and draws it there at twice the
// size in pixels, whatever the screen's scale.
func (c *chartCard) exportPNG() {
	s := c.s
	a := s.a
	if !s.loaded {
		return
	}
	d, tr, sec := s.data, a.tr, c.sec
	o := chartOptions(a, chartWidth, chartHeight, exportScale)
	o.Dark = false
	o.Title = a.T(sec.TitleKey())
	a.saveAs(string(sec)+".png", func(w io.Writer) error {
		b, _, err := dashreport.Chart(tr, d, sec, o)
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}, func(path string) { s.status.SetText(a.T("dash.saved", path)) })
}

var drillLayout = colLayout{widths: []float32{105, 150, 240, 170, 230, 140},
	mins: []float32{100, 110, 140, 110, 140, 120}, flex: 2}

var drillColumns = []string{"col.date", "col.number", "col.customer", "dash.col.seller", "col.status", "col.amount"}

// drillList is the records behind a chart element: invoices, deals, leads
// or customers, newest first. A double tap or Enter opens the record.
type drillList struct {
	a        *App
	title    string
	currency string
	req      model.DrillRequest
	rows     []model.DrillRow
	list     *enterList
	sel      int
	openBtn  *widget.Button
	count    *widget.Label
	gen      int
}

func newDrillList(a *App, title, currency string, req model.DrillRequest) *drillList {
	return &drillList{a: a, title: title, currency: currency, req: req, sel: -1}
}

// build lays out Back, the title and Open over the list, and reads it.
func (s *drillList) build() fyne.CanvasObject {
	a := s.a
	back := widget.NewButtonWithIcon(a.T("btn.back"), theme.NavigateBackIcon(), a.shell.back)
	title := widget.NewLabelWithStyle(s.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	s.openBtn = widget.NewButtonWithIcon(a.T("btn.open"), theme.DocumentIcon(), func() { s.open(s.sel) })
	s.openBtn.Disable()
	var heads []fyne.CanvasObject
	for i, k := range drillColumns {
		h := newHeaderCell(a.T(k), nil)
		if i == len(drillColumns)-1 {
			h.label.Alignment = fyne.TextAlignTrailing
		}
		heads = append(heads, h)
	}
	s.list = newEnterList(func() int { return len(s.rows) }, s.createRow, s.updateRow, func() { s.open(s.sel) })
	s.list.OnSelected = func(id widget.ListItemID) { s.sel = id; s.openBtn.Enable() }
	s.list.OnUnselected = func(widget.ListItemID) { s.sel = -1; s.openBtn.Disable() }
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	top := container.NewVBox(container.NewBorder(nil, nil, back, s.openBtn, title), container.New(drillLayout, heads...),
		widget.NewSeparator())
	s.reload()
	return container.NewBorder(top, s.count, nil, nil, s.list)
}

// reshow reads the records again after one was opened and closed.
func (s *drillList) reshow() { s.reload() }

// reload reads the records in the background.
func (s *drillList) reload() {
	a := s.a
	s.gen++
	gen, req := s.gen, s.req
	a.background(func() {
		rows, err := a.svc.Analytics.Drill(a.ctx, req)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.rows, s.sel = rows, -1
			s.list.UnselectAll()
			s.list.Refresh()
			s.count.SetText(a.N("dash.records", int64(len(rows))))
		})
	})
}

// createRow is a list row: a label per column.
func (s *drillList) createRow() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range drillColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i == len(drillColumns)-1 {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs = append(objs, l)
	}
	return newTapRow(container.New(drillLayout, objs...))
}

// updateRow shows record id in a row; a double tap opens it.
func (s *drillList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	r := o.(*tapRow)
	r.onTap = func() { s.list.Select(id) }
	r.onDouble = func() { s.list.Select(id); s.open(id) }
	objs := r.content.(*fyne.Container).Objects
	for i, text := range s.cells(s.rows[id]) {
		objs[i].(*widget.Label).SetText(text)
	}
}

// cells are the texts of a record's row.
func (s *drillList) cells(r model.DrillRow) []string {
	return []string{s.a.dayInput(r.Date), r.Number, r.Customer, r.Owner, s.statusText(r),
		dashreport.Money(s.a.tr, s.currency, r.Amount)}
}

// statusText is a record's status in words: a document's kind and status
// («invoice.posted»), a lead's status («lead.new»); a deal's stage name is
// shown as it is.
func (s *drillList) statusText(r model.DrillRow) string {
	a := s.a
	kind, status, ok := strings.Cut(r.Status, ".")
	switch {
	case !ok:
		return r.Status
	case r.Entity == model.EntityDocument && a.tr.Has("doc_kind."+kind):
		return a.T("doc_kind."+kind) + " · " + a.statusText(model.DocKind(kind), model.DocStatus(status))
	case r.Entity == model.EntityLead && a.tr.Has("lead_status."+status):
		return a.T("lead_status." + status)
	}
	return r.Status
}

// open shows record id: a document, deal, lead or customer card.
func (s *drillList) open(id int) {
	if id < 0 || id >= len(s.rows) {
		return
	}
	a := s.a
	a.idle.touch()
	r := s.rows[id]
	switch r.Entity {
	case model.EntityDocument:
		showDocument(a, r.ID)
	case model.EntityDeal:
		openDeal(a, r.ID)
	case model.EntityCustomer:
		a.shell.openCustomer(r.ID)
	case model.EntityLead:
		a.background(func() {
			ld, err := a.svc.Pipeline.FindLeadByID(a.ctx, r.ID)
			fyne.Do(func() {
				if err != nil {
					a.showErr(err)
					return
				}
				a.editLead(ld, func(model.Lead) { s.reload() })
			})
		})
	}
}
