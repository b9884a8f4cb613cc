package ui

import (
	"bytes"
	"image"
	"image/png"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/dashreport"
)

// The forecast chart's size in device-independent pixels.
const (
	forecastWidth  = 900
	forecastHeight = 340
)

// forecastHorizons are the horizons a manager chooses from, in months.
var forecastHorizons = []int{3, 6, 12}

// forecastScreen is the revenue forecast: the horizon and the dimension
// filters, the chart of history, forecast and weighted pipeline, how far
// to trust it (the backtest error) and the table. With too little history
// it says so instead of showing numbers.
type forecastScreen struct {
	a        *App
	bar      *analyticsFilters
	deb      *debouncer
	horizon  *choice
	img      *canvas.Image
	msg      *widget.Label // the reason there is no forecast
	summary  *widget.Label // the method and the backtest error
	explain  *widget.Label
	table    *widget.Table
	header   []string
	rows     [][]string
	currency string
	view     model.ForecastView
	gen      int
}

func newForecastScreen(a *App) screen { return &forecastScreen{a: a} }

// build lays out the horizon and filters over the chart, the trust lines
// and the table, and reads once the base currency is known.
func (s *forecastScreen) build() fyne.CanvasObject {
	a := s.a
	s.deb = newDebouncer(dashDebounce, &a.busy)
	s.bar = newAnalyticsFilters(a, false, func() { s.deb.call(s.reload) })
	bar := s.bar.build(6)
	s.horizon = newChoice(a.T("fc.horizon_label"), "", func(string) { s.reload() })
	var labels, values []string
	for _, h := range forecastHorizons {
		labels, values = append(labels, a.N("fc.horizon_months", int64(h))), append(values, strconv.Itoa(h))
	}
	s.horizon.setOptions(labels, values)
	s.horizon.set("6")
	s.img = canvas.NewImageFromImage(nil)
	s.img.FillMode = canvas.ImageFillContain
	s.img.ScaleMode = canvas.ImageScaleSmooth
	s.img.SetMinSize(fyne.NewSize(forecastWidth, forecastHeight))
	s.msg = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.msg.Importance = widget.WarningImportance
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.Hide()
	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.explain = widget.NewLabel(a.T("fc.mape_help"))
	s.explain.Wrapping = fyne.TextWrapWord
	s.explain.TextStyle.Italic = true
	s.table = widget.NewTable(func() (int, int) {
		if len(s.header) == 0 {
			return 0, 0
		}
		return len(s.rows) + 1, len(s.header)
	}, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, s.cell)
	s.table.StickyRowCount = 1 // the header stays while the forecast rows are scrolled to
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(a.T("fc.horizon_label")),
		narrow(s.horizon.sel, 140)), nil, bar), widget.NewSeparator())
	head := container.NewVBox(s.img, s.msg, s.summary, s.explain)
	a.loadCatalogDicts(func(d catalogDicts) {
		s.currency = d.tax.BaseCurrency
		s.reload()
	})
	split := container.NewVSplit(container.NewVScroll(head), s.table)
	split.Offset = 0.62
	return container.NewBorder(top, nil, nil, nil, split)
}

// reload reads the forecast for the horizon and filters in the background.
func (s *forecastScreen) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	f := s.bar.filter()
	h, err := strconv.Atoi(s.horizon.value())
	if err != nil {
		h = 6
	}
	tr, cur := a.tr, s.currency
	o := chartOptions(a, forecastWidth, forecastHeight, float64(a.win.Canvas().Scale()))
	a.background(func() {
		v, err := a.svc.Analytics.Forecast(a.ctx, f, h)
		var img []byte
		var header []string
		var rows [][]string
		if err == nil {
			img, err = dashreport.ForecastChart(tr, v, o)
			header, rows = dashreport.ForecastTable(tr, v, cur)
		}
		var pic image.Image
		if err == nil {
			pic, err = png.Decode(bytes.NewReader(img))
		}
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				a.showErr(err)
				return
			}
			s.view, s.header, s.rows = v, header, rows
			s.img.Image = pic
			s.img.Refresh()
			s.showSummary()
			s.setColumnWidths()
			s.table.Refresh()
		})
	})
}

// showSummary shows the method and the backtest error, or the reason
// there is no forecast in place of them.
func (s *forecastScreen) showSummary() {
	lines := dashreport.ForecastSummary(s.a.tr, s.view)
	if s.view.Err != "" || len(s.view.Forecast.Points) == 0 {
		s.msg.SetText(strings.Join(lines, "\n"))
		s.msg.Show()
		s.summary.Hide()
		s.explain.Hide()
		return
	}
	s.msg.Hide()
	s.summary.SetText(strings.Join(lines, " · "))
	s.summary.Show()
	s.explain.Show()
}

// cell fills a cell of the table; row 0 is the header.
func (s *forecastScreen) cell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Bold = id.Row == 0
	l.Alignment = fyne.TextAlignTrailing
	if id.Col == 0 {
		l.Alignment = fyne.TextAlignLeading
	}
	switch {
	case id.Row == 0 && id.Col < len(s.header):
		l.SetText(s.header[id.Col])
	case id.Row > 0 && id.Row-1 < len(s.rows) && id.Col < len(s.rows[id.Row-1]):
		l.SetText(s.rows[id.Row-1][id.Col])
	default:
		l.SetText("")
	}
}

// setColumnWidths fits every column to its texts.
func (s *forecastScreen) setColumnWidths() {
	for i, w := range fitColumns(s.header, s.rows, 260) {
		s.table.SetColumnWidth(i, w)
	}
}

// dashPeriodYears is how many years back the period choices reach.
const dashPeriodYears = 10

// analyticsFilters is the filter bar of the dashboard and the forecast: the
// period (dashboard only), seller, region, segment, customer group and
// channel. A seller sees their own name in place of the seller choice: the
// service counts their own records whatever the filter says.
type analyticsFilters struct {
	a       *App
	period  bool
	changed func()

	from, to, seller, region, segment, group, channel *choice
	self                                              *widget.Label // a seller's own name, instead of the seller choice
}

func newAnalyticsFilters(a *App, period bool, changed func()) *analyticsFilters {
	return &analyticsFilters{a: a, period: period, changed: changed}
}

// ownOnly tells whether the user sees only their own figures (sellers).
func (f *analyticsFilters) ownOnly() bool {
	return model.ScopeFor(f.a.svc.User.Role, model.EntityAnalytics, model.ActRead) == model.ScopeOwn
}

// build lays the bar out in cols columns and loads the dictionaries of its
// choices.
func (f *analyticsFilters) build(cols int) fyne.CanvasObject {
	a := f.a
	mk := func(placeholder string) *choice {
		return newChoice(placeholder, a.T("filter.any"), func(string) { f.changed() })
	}
	f.seller, f.region, f.segment = mk(a.T("dash.seller")), mk(a.T("field.region")), mk(a.T("field.segment"))
	f.group, f.channel = mk(a.T("field.group")), mk(a.T("dash.channel"))
	var labels, values []string
	for _, c := range model.Channels {
		labels, values = append(labels, a.T(c.Key())), append(values, string(c))
	}
	f.channel.setOptions(labels, values)
	var objs []fyne.CanvasObject
	if f.period {
		f.from = newChoice(a.T("dash.from"), a.T("dash.last_12"), func(string) { f.changed() })
		f.to = newChoice(a.T("dash.to"), a.T("dash.last_12"), func(string) { f.changed() })
		ml, mv := f.monthOptions(today())
		f.from.setOptions(ml, mv)
		f.to.setOptions(ml, mv)
		objs = append(objs, f.from.sel, f.to.sel)
	}
	if f.ownOnly() {
		f.self = widget.NewLabel(a.svc.User.FullName)
		f.self.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, f.self)
	} else {
		objs = append(objs, f.seller.sel)
	}
	objs = append(objs, f.region.sel, f.segment.sel, f.group.sel, f.channel.sel)
	for i, o := range objs {
		objs[i] = narrow(o, 100)
	}
	a.loadDicts(f.setDicts)
	return container.NewGridWithColumns(cols, objs...)
}

// monthOptions are the months from dashPeriodYears years back to a year
// ahead of day, newest first: labels in the UI language, values YYYY-MM.
func (f *analyticsFilters) monthOptions(day time.Time) (labels, values []string) {
	last := model.MonthOf(day).Add(12)
	for m := last; !m.Before(last.Add(-12 * (dashPeriodYears + 1))); m = m.Add(-1) {
		labels, values = append(labels, f.a.monthText(m)), append(values, m.String())
	}
	return labels, values
}

// monthText is a month as the analytics screens label it: «11.2026» in
// Russian, "Nov 2026" in English.
func (a *App) monthText(m model.Month) string {
	if m.IsZero() {
		return ""
	}
	return m.First().Format(a.T("dash.month_format"))
}

// setDicts offers the sellers and heads, regions, segments and groups.
func (f *analyticsFilters) setDicts(d dicts) {
	var sellers []model.User
	for _, u := range d.owners {
		if u.Role == model.RoleSeller || u.Role == model.RoleHead {
			sellers = append(sellers, u)
		}
	}
	f.seller.setOptions(userOptions(sellers))
	f.region.setOptions(f.a.regionOptions(d.regions))
	f.segment.setOptions(d.items[model.DictSegment], d.items[model.DictSegment])
	f.group.setOptions(groupOptions(d.groups))
}

// filter is the bar's choices as a dashboard filter. A chosen "to" before
// "from" is left for the service to refuse with its validation message.
func (f *analyticsFilters) filter() model.DashFilter {
	df := model.DashFilter{RegionCode: f.region.value(), Segment: f.segment.value(), GroupID: f.group.value(),
		Channel: model.Channel(f.channel.value())}
	if !f.ownOnly() {
		df.OwnerID = f.seller.value()
	}
	if f.period {
		df.From, _ = model.ParseMonth(f.from.value())
		df.To, _ = model.ParseMonth(f.to.value())
	}
	return df
}

// lines are the filter's dimensions as a report prints them, «Label:
// value», names rather than IDs (the report prints the period itself).
func (f *analyticsFilters) lines() []string {
	a := f.a
	var out []string
	if f.ownOnly() {
		out = append(out, a.T("dash.seller")+": "+a.svc.User.FullName)
	}
	for _, c := range []struct {
		label string
		ch    *choice
	}{{a.T("dash.seller"), f.seller}, {a.T("field.region"), f.region}, {a.T("field.segment"), f.segment},
		{a.T("field.group"), f.group}, {a.T("dash.channel"), f.channel}} {
		if c.ch.value() == "" || c.ch == f.seller && f.ownOnly() {
			continue
		}
		out = append(out, c.label+": "+c.ch.sel.Selected)
	}
	return out
}

// pctChange is the change from prev to cur as a signed percentage with one
// decimal («+12,5 %»), "—" when prev is not positive.
func (a *App) pctChange(cur, prev model.Money) string {
	if prev <= 0 {
		return "—"
	}
	bp, ok := model.MulDivRound(int64(cur)-int64(prev), 10000, int64(prev))
	if !ok {
		return "—"
	}
	s := a.bpText(bp)
	if bp > 0 {
		s = "+" + s
	}
	return s
}
