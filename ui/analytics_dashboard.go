package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sdelka/model"
	"sdelka/reports/charts"
	"sdelka/reports/dashreport"
)

// dashDebounce is how long the dashboard waits after a filter change
// before it reads again, so stepping through choices reads once.
const dashDebounce = 250 * time.Millisecond

// dashboard is the managers' dashboard: the filter bar, four key figures
// and a card per figure of dashreport.Sections. A click on a chart element
// opens the records behind it; a card exports its chart as PNG, and the
// chosen figures go into the management report PDF.
type dashboard struct {
	a       *App
	bar     *analyticsFilters
	deb     *debouncer
	data    model.Dashboard
	loaded  bool
	gen     int
	kpis    []*kpiBox // revenue, win rate, weighted pipeline, overdue receivables
	cards   []*chartCard
	status  *widget.Label
	pdf     *widget.Button
	loading *widget.ProgressBarInfinite
}

func newDashboard(a *App) screen { return &dashboard{a: a} }

// build lays out the bar, the key figures and the cards, and starts the
// first read.
func (s *dashboard) build() fyne.CanvasObject {
	a := s.a
	s.deb = newDebouncer(dashDebounce, &a.busy)
	s.bar = newAnalyticsFilters(a, true, func() { s.deb.call(s.reload) })
	bar := s.bar.build(4)
	s.pdf = widget.NewButtonWithIcon(a.T("dash.pdf"), theme.DocumentPrintIcon(), s.pdfDialog)
	s.pdf.Disable()
	var kpiObjs []fyne.CanvasObject
	for range 4 {
		k := newKPIBox()
		s.kpis = append(s.kpis, k)
		kpiObjs = append(kpiObjs, k.box)
	}
	var cardObjs []fyne.CanvasObject
	for _, sec := range dashreport.Sections {
		c := newChartCard(s, sec)
		s.cards = append(s.cards, c)
		cardObjs = append(cardObjs, c.build())
	}
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.loading = widget.NewProgressBarInfinite()
	s.loading.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(s.pdf), bar),
		container.NewGridWithColumns(4, kpiObjs...), s.loading)
	grid := container.NewGridWrap(chartCardSize(), cardObjs...)
	s.reload()
	return container.NewBorder(top, s.status, nil, nil, container.NewVScroll(grid))
}

// reshow reads the figures again when the screen comes back from a record.
func (s *dashboard) reshow() { s.reload() }

// reload reads the dashboard for the bar's filter in the background and
// redraws the charts whose figures changed.
func (s *dashboard) reload() {
	a := s.a
	s.gen++
	gen := s.gen
	f := s.bar.filter()
	if fe := model.FieldErrors(f.Validate()); len(fe) > 0 {
		s.loading.Stop()
		s.loading.Hide()
		s.status.Importance = widget.DangerImportance
		s.status.SetText(a.T(fe[0].Msg))
		return
	}
	s.status.Importance = widget.LowImportance
	tr := a.tr
	o := chartOptions(a, chartWidth, chartHeight, float64(a.win.Canvas().Scale()))
	keys := make([]string, len(s.cards))
	for i, c := range s.cards {
		keys[i] = c.key
	}
	secs := dashreport.Sections
	s.loading.Show()
	s.loading.Start()
	a.background(func() {
		d, err := a.svc.Analytics.Dashboard(a.ctx, f)
		var views []chartView
		if err == nil {
			views = make([]chartView, len(secs))
			for i, sec := range secs {
				views[i] = renderSection(tr, d, sec, o, keys[i])
			}
		}
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.loading.Stop()
			s.loading.Hide()
			if err != nil {
				a.showErr(err)
				return
			}
			s.data, s.loaded = d, true
			s.pdf.Enable()
			s.showKPIs()
			for i, c := range s.cards {
				c.show(views[i])
			}
			s.status.SetText(a.T("dash.status", dashreport.PeriodText(tr, d.Filter), d.Currency))
		})
	})
}

// showKPIs fills the key figures: revenue against the year before, the win
// rate, the weighted pipeline and the receivables past due.
func (s *dashboard) showKPIs() {
	a, d := s.a, s.data
	money := func(m model.Money) string { return dashreport.Money(a.tr, d.Currency, m) + " " + d.Currency }
	set := func(i int, value, caption string) {
		s.kpis[i].value.SetText(value)
		s.kpis[i].caption.SetText(caption)
	}
	set(0, money(d.Total), a.T("dash.kpi_revenue", a.pctChange(d.Total, d.PrevTotal)))
	set(1, dashreport.Percent(a.tr, d.Funnel.WinRateBP), a.T("dash.kpi_win_rate", a.tr.Int(int64(d.Funnel.Won)), a.tr.Int(int64(d.Funnel.Won+d.Funnel.Lost))))
	set(2, money(d.WeightedPipeline()), a.T("dash.kpi_weighted"))
	set(3, money(d.PastDue()), a.T("dash.kpi_overdue"))
}

// kpiBox is a key figure: the value in large type over its caption.
type kpiBox struct {
	value, caption *widget.Label
	box            fyne.CanvasObject
}

func newKPIBox() *kpiBox {
	k := &kpiBox{value: widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		caption: widget.NewLabel("")}
	k.value.SizeName = theme.SizeNameSubHeadingText
	k.value.Truncation = fyne.TextTruncateEllipsis
	k.caption.Wrapping = fyne.TextWrapWord
	k.box = container.NewVBox(k.value, k.caption)
	return k
}

// chartOptions are the options of a chart drawn for the UI at scale, dark
// when the theme's background is.
func chartOptions(a *App, w, h int, scale float64) charts.Options {
	return charts.Options{Width: w, Height: h, Scale: scale, Lang: a.tr.Code(), Dark: darkTheme()}
}

// darkTheme tells whether the current theme draws light text on a dark
// background.
func darkTheme() bool {
	st := fyne.CurrentApp().Settings()
	r, g, b, _ := st.Theme().Color(theme.ColorNameBackground, st.ThemeVariant()).RGBA()
	return r+g+b < 3*0x8000
}

// pdfDialog asks which figures go into the management report, then where
// to save it.
func (s *dashboard) pdfDialog() {
	a := s.a
	var checks []fyne.CanvasObject
	var chosen []*widget.Check
	for _, sec := range dashreport.Sections {
		c := widget.NewCheck(a.T(sec.TitleKey()), nil)
		c.SetChecked(true)
		chosen = append(chosen, c)
		checks = append(checks, c)
	}
	d := dialog.NewCustomConfirm(a.T("dash.pdf_title"), a.T("dash.pdf_save"), a.T("btn.cancel"),
		container.NewVScroll(container.NewGridWithColumns(2, checks...)), func(ok bool) {
			if !ok {
				return
			}
			var secs []dashreport.Section
			for i, c := range chosen {
				if c.Checked {
					secs = append(secs, dashreport.Sections[i])
				}
			}
			if len(secs) == 0 {
				a.info(a.T("dash.pdf_title"), a.T("dash.pdf_none"))
				return
			}
			s.savePDF(secs)
		}, a.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}

// savePDF asks where to save the report of secs and writes it there in the
// background.
func (s *dashboard) savePDF(secs []dashreport.Section) {
	a := s.a
	data, lines, tr := s.data, s.bar.lines(), a.tr
	a.saveAs(a.T("dash.pdf_file")+".pdf", func(w io.Writer) error {
		name, err := a.companyName()
		if err != nil {
			return err
		}
		pdf, err := dashreport.ManagementPDF(tr, data, secs, lines, name, exportScale)
		if err == nil {
			_, err = w.Write(pdf)
		}
		return err
	}, func(path string) { s.status.SetText(a.T("dash.saved", path)) })
}

// chartView is a section drawn for the screen: its table and, when its
// figures changed, the new image and the elements' rectangles.
type chartView struct {
	key    string // the figures and options the image was drawn from
	header []string
	rows   [][]string
	same   bool // the image on screen is still right
	img    image.Image
	hits   []charts.Hit
	err    error
}

// renderSection draws sec of d unless its figures and the options are what
// the card shows already (prevKey). It runs in the background.
func renderSection(tr model.Tr, d model.Dashboard, sec dashreport.Section, o charts.Options, prevKey string) chartView {
	var v chartView
	v.header, v.rows = dashreport.Table(tr, d, sec)
	v.key = viewKey(tr.Code(), o, v.header, v.rows)
	if v.key == prevKey {
		v.same = true
		return v
	}
	b, hits, err := dashreport.Chart(tr, d, sec, o)
	if err == nil {
		v.img, err = png.Decode(bytes.NewReader(b))
	}
	v.hits, v.err = hits, err
	return v
}

// viewKey identifies what a chart shows: the language, the drawing options
// and every cell of its table. Equal keys draw equal images.
func viewKey(lang string, o charts.Options, header []string, rows [][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%g|%t|%s", lang, o.Scale, o.Dark, strings.Join(header, "\x1f"))
	for _, r := range rows {
		b.WriteString("\x1e")
		b.WriteString(strings.Join(r, "\x1f"))
	}
	return b.String()
}

// fitColumns are the widths that show each column's widest text, header
// included, up to limit.
func fitColumns(header []string, rows [][]string, limit float32) []float32 {
	pad := 2*theme.InnerPadding() + 2*theme.Padding()
	out := make([]float32, len(header))
	for i, h := range header {
		out[i] = fyne.MeasureText(h, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + pad
	}
	for _, r := range rows {
		for i, t := range r {
			if i < len(out) {
				out[i] = max(out[i], fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{}).Width+pad)
			}
		}
	}
	for i := range out {
		out[i] = min(out[i], limit)
	}
	return out
}

// chartImage shows a chart and turns a tap into the image pixel under it.
type chartImage struct {
	widget.BaseWidget
	img   *canvas.Image
	px    image.Point // the image's size in pixels
	onTap func(p image.Point)
}

func newChartImage(onTap func(image.Point)) *chartImage {
	c := &chartImage{img: canvas.NewImageFromImage(nil), onTap: onTap}
	c.img.FillMode = canvas.ImageFillStretch
	c.img.ScaleMode = canvas.ImageScaleSmooth
	c.ExtendBaseWidget(c)
	return c
}

// set shows a new image.
func (c *chartImage) set(img image.Image) {
	c.img.Image = img
	if img != nil {
		c.px = img.Bounds().Size()
	}
	c.img.Refresh()
}

// MinSize is the chart's size in device-independent pixels.
func (c *chartImage) MinSize() fyne.Size { return fyne.NewSize(chartWidth, chartHeight) }

// CreateRenderer draws the image alone.
func (c *chartImage) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.img) }

// Tapped maps the tap to image pixels (the image is stretched over the
// widget) and hands it on.
func (c *chartImage) Tapped(e *fyne.PointEvent) {
	sz := c.Size()
	if c.onTap == nil || c.img.Image == nil || sz.Width <= 0 || sz.Height <= 0 {
		return
	}
	c.onTap(image.Pt(int(e.Position.X*float32(c.px.X)/sz.Width), int(e.Position.Y*float32(c.px.Y)/sz.Height)))
}

// Cursor shows a pointer: chart elements open their records.
func (c *chartImage) Cursor() desktop.Cursor { return desktop.PointerCursor }
