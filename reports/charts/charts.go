// Package charts draws the analytics dashboard's charts as PNG images: revenue
// by month this year against last year, bars by seller, region, segment,
// group or channel, pies of lost reasons and lead sources, the sales funnel
// and pipeline lines. The same bytes are shown by the UI, exported as PNG and
// embedded in the management report PDF.
//
// The caller hands the data; the package never queries. Money arrives as
// model.Money (minor units) and becomes float64 only for pixel positions;
// every amount printed goes through the caller's formatter (Options.Money),
// so the UI decides the language and currency format.
//
// Drawing uses go-chart's raster renderer (github.com/wcharczuk/go-chart/v2:
// freetype text, anti-aliased paths) with the embedded Noto Sans fonts, so
// Cyrillic, «», № and ₽ print. The layout is this package's own rather than
// go-chart's BarChart, PieChart and Chart types, for four reasons: those
// types return errors on empty series and all-zero pies, they expose no
// geometry of what they drew (the dashboard needs the rectangle of every
// bar, slice and stage to turn a click into a record list), their paddings
// and strokes are fixed pixels that do not follow a high-DPI scale, and
// go-chart has no grouped bars. Laying out directly also costs less than
// go-chart's own charts, which measure every label twice.
//
// Every function renders something for any input: empty data, one point,
// all zeros, negative amounts (credit notes) and amounts up to the int64
// limits. When there is nothing to draw the image says so («Нет данных» /
// "No data"); the only error a function returns is the writer's. The same
// input gives the same bytes.
package charts

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"sync"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/reports/pdfkit"
)

// Options are what every chart shares.
type Options struct {
	Width, Height int     // in device-independent pixels; 0 means 800×400
	Scale         float64 // device pixels per unit: 1, 1.5, 2 on high-DPI screens; 0 means 1
	Title         string  // drawn on top; "" leaves the line out
	Lang          string  // "en" for English texts and number format; anything else is Russian
	// Money formats an amount for axis ticks, bar ends and legends. nil prints
	// the amount in major units with digit grouping and no currency.
	Money func(model.Money) string
	Dark  bool // the app's dark theme: dark background, light text
}

// MoneySeries is one named series of amounts along the x labels.
type MoneySeries struct {
	Name   string
	Values []model.Money
	// Start is the index of the x label Values[0] belongs to, so a forecast
	// can begin where the history ends. Values past the last label are not drawn.
	Start int
	// Low and High, when both are set, bound an interval (a forecast's)
	// drawn shaded behind the line by Lines; indexed like Values.
	Low, High []model.Money
	Dashed    bool // a dashed line (forecasts) in Lines
}

// Hit is where one drawn element landed, in output pixels (Width×Scale by
// Height×Scale), so the UI can map a click to the records behind it. Hits
// come ordered by Index, then Series.
type Hit struct {
	Index  int             // the label, stage or slice: an index into the data passed
	Series int             // the series in MonthBars and Lines; 0 elsewhere
	Rect   image.Rectangle // the bar, stage, point marker or the slice's bounding box
	Label  image.Rectangle // the element's label or legend row; empty when none was drawn
	wedge  *wedge          // a pie slice's exact shape
}

type wedge struct {
	cx, cy   float64
	r        float64
	from, to float64 // radians, clockwise from 3 o'clock as the renderer counts them
}

// Contains reports whether p (output pixels) falls on the element or its
// label; for a pie slice the wedge itself is tested, not its bounding box.
func (h Hit) Contains(p image.Point) bool {
	if p.In(h.Label) {
		return true
	}
	if !p.In(h.Rect) {
		return false
	}
	if h.wedge == nil {
		return true
	}
	w := h.wedge
	dx, dy := float64(p.X)+0.5-w.cx, float64(p.Y)+0.5-w.cy
	if dx*dx+dy*dy > w.r*w.r {
		return false
	}
	a := math.Atan2(dy, dx)
	for a < w.from {
		a += 2 * math.Pi
	}
	return a <= w.to
}

// HitAt finds the element under p, if any.
func HitAt(hits []Hit, p image.Point) (Hit, bool) {
	for _, h := range hits {
		if h.Contains(p) {
			return h, true
		}
	}
	return Hit{}, false
}

// errNilWriter is returned when there is nowhere to write.
var errNilWriter = errors.New("charts: nil writer")

const (
	defaultWidth  = 800
	defaultHeight = 400
	maxSide       = 4000 // device-independent pixels
	maxScale      = 4
)

func (o Options) normalized() Options {
	if o.Width <= 0 {
		o.Width = defaultWidth
	}
	if o.Height <= 0 {
		o.Height = defaultHeight
	}
	o.Width = min(o.Width, maxSide)
	o.Height = min(o.Height, maxSide)
	if !(o.Scale > 0) { // also NaN
		o.Scale = 1
	}
	o.Scale = min(o.Scale, maxScale)
	return o
}

// Size is the size in output pixels of the image the options give.
func (o Options) Size() image.Point {
	o = o.normalized()
	return image.Pt(int(math.Round(float64(o.Width)*o.Scale)), int(math.Round(float64(o.Height)*o.Scale)))
}

// theme is a palette for the light or dark background.
type theme struct {
	bg, fg, muted, grid, axis drawing.Color
	series                    []drawing.Color
	negative                  drawing.Color
}

func hex(s string) drawing.Color { return drawing.ColorFromHex(s) }

// The series colours are Tableau 10, readable on both backgrounds; the
// dark background is the one Fyne's dark theme uses.
var (
	lightTheme = theme{
		bg: hex("ffffff"), fg: hex("1f2328"), muted: hex("5f6368"), grid: hex("e8e8e8"), axis: hex("9e9e9e"),
		negative: hex("e15759"),
	}
	darkTheme = theme{
		bg: hex("171718"), fg: hex("f0f0f0"), muted: hex("a8a8a8"), grid: hex("2f2f32"), axis: hex("6b6b6b"),
		negative: hex("ff7b7d"),
	}
	palette = []drawing.Color{
		hex("4e79a7"), hex("f28e2b"), hex("59a14f"), hex("e15759"), hex("76b7b2"),
		hex("edc948"), hex("b07aa1"), hex("ff9da7"), hex("9c755f"), hex("bab0ac"),
	}
	darkPalette = []drawing.Color{
		hex("6a9bd1"), hex("f7a456"), hex("77c26c"), hex("ff7b7d"), hex("8fd4ce"),
		hex("f2d86b"), hex("c99bbd"), hex("ffb3bb"), hex("bf9478"), hex("cfc7c3"),
	}
)

func init() {
	lightTheme.series = palette
	darkTheme.series = darkPalette
}

func (t *theme) color(i int) drawing.Color { return t.series[i%len(t.series)] }

type fontSet struct {
	regular, bold *truetype.Font
	text          *pdfkit.FontWidths
}

// loadFonts parses the embedded Noto Sans once per process; truetype fonts
// are read-only after parsing and safe to share between renders.
var loadFonts = sync.OnceValues(func() (*fontSet, error) {
	r, err := truetype.Parse(assets.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	b, err := truetype.Parse(assets.FontBold)
	if err != nil {
		return nil, fmt.Errorf("chart bold font: %w", err)
	}
	fw, err := pdfkit.LoadWidths()
	if err != nil {
		return nil, fmt.Errorf("chart font widths: %w", err)
	}
	return &fontSet{regular: r, bold: b, text: fw}, nil
})

// Font sizes and distances in device-independent pixels.
const (
	titleSize = 15
	labelSize = 12
	smallSize = 11
	pad       = 12
)

// canvas is one image being drawn: go-chart's raster renderer plus the
// scale, theme and language.
type canvas struct {
	r     chart.Renderer
	fonts *fontSet
	o     Options
	th    *theme
	w, h  int     // output pixels
	s     float64 // scale
	en    bool
	money func(model.Money) string
}

func newCanvas(o Options) (*canvas, error) {
	o = o.normalized()
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	size := o.Size()
	r, err := chart.PNG(size.X, size.Y)
	if err != nil {
		return nil, fmt.Errorf("chart canvas: %w", err)
	}
	r.SetDPI(72) // font sizes are then pixels
	c := &canvas{r: r, fonts: fonts, o: o, th: &lightTheme, w: size.X, h: size.Y, s: o.Scale, en: o.Lang == "en"}
	if o.Dark {
		c.th = &darkTheme
	}
	c.money = o.Money
	if c.money == nil {
		c.money = func(m model.Money) string { return defaultMoney(m, c.en) }
	}
	c.fill(image.Rect(0, 0, c.w, c.h), c.th.bg)
	return c, nil
}

// px converts device-independent pixels to output pixels.
func (c *canvas) px(v float64) int { return int(math.Round(v * c.s)) }

// clean makes a label printable with the fonts.
func (c *canvas) clean(s string) string { return c.fonts.text.Clean(s) }

// fill paints a rectangle; integer edges keep it crisp.
func (c *canvas) fill(rc image.Rectangle, col drawing.Color) {
	rc = rc.Canon().Intersect(image.Rect(0, 0, c.w, c.h))
	if rc.Empty() {
		return
	}
	c.r.SetFillColor(col)
	c.r.MoveTo(rc.Min.X, rc.Min.Y)
	c.r.LineTo(rc.Max.X, rc.Min.Y)
	c.r.LineTo(rc.Max.X, rc.Max.Y)
	c.r.LineTo(rc.Min.X, rc.Max.Y)
	c.r.Close()
	c.r.Fill()
}

// hline draws a horizontal rule one scaled pixel thick below y.
func (c *canvas) hline(x0, x1, y int, col drawing.Color) {
	c.fill(image.Rect(x0, y, x1, y+max(1, c.px(1))), col)
}

// font selects the face for the following text calls; size is in
// device-independent pixels.
func (c *canvas) font(size float64, bold bool, col drawing.Color) {
	f := c.fonts.regular
	if bold {
		f = c.fonts.bold
	}
	c.r.SetFont(f)
	c.r.SetFontSize(size * c.s)
	c.r.SetFontColor(col)
}

func (c *canvas) textWidth(s string) int {
	if s == "" {
		return 0
	}
	return c.r.MeasureText(s).Width()
}

// Noto Sans's cap height and line spacing as fractions of the font size.
const (
	capHeight = 0.714
	lineGap   = 1.36
)

// text draws s with its baseline placed so that capitals are vertically
// centred on cy; align is -1 (x is the left edge), 0 (centre) or 1 (right
// edge). It returns the box the text occupies.
func (c *canvas) text(s string, x, cy int, size float64, align int) image.Rectangle {
	if s == "" {
		return image.Rectangle{}
	}
	w := c.textWidth(s)
	switch align {
	case 0:
		x -= w / 2
	case 1:
		x -= w
	}
	base := cy + int(math.Round(size*c.s*capHeight/2))
	c.r.Text(s, x, base)
	half := int(math.Ceil(size * c.s * lineGap / 2))
	return image.Rect(x, cy-half, x+w, cy+half)
}

// fit shortens s with "…" until it is at most width output pixels wide.
func (c *canvas) fit(s string, width int) string {
	if c.textWidth(s) <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs) // the longest prefix that fits is in [lo, hi)
	for lo < hi-1 {
		mid := (lo + hi) / 2
		if c.textWidth(trimEnd(rs[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		if c.textWidth("…") <= width {
			return "…"
		}
		return ""
	}
	return trimEnd(rs[:lo]) + "…"
}

func trimEnd(rs []rune) string {
	for len(rs) > 0 && (rs[len(rs)-1] == ' ' || rs[len(rs)-1] == ',' || rs[len(rs)-1] == '.') {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}

// title draws the title line and returns the y where the content starts.
func (c *canvas) title() int {
	top := c.px(pad)
	t := c.clean(c.o.Title)
	if t == "" {
		return top
	}
	c.font(titleSize, true, c.th.fg)
	t = c.fit(t, c.w-2*c.px(pad))
	lineH := c.px(titleSize * lineGap)
	c.text(t, c.px(pad), top+lineH/2, titleSize, -1)
	return top + lineH + c.px(pad)/2
}

// legend draws series names with colour swatches right-aligned on the line
// centred on cy and returns its width.
func (c *canvas) legend(names []string, cy int) int {
	c.font(smallSize, false, c.th.fg)
	sw := c.px(10)
	gap := c.px(6)
	x := c.w - c.px(pad)
	maxName := (c.w / 2) / max(1, len(names))
	for i := len(names) - 1; i >= 0; i-- {
		n := c.fit(c.clean(names[i]), maxName)
		tw := c.textWidth(n)
		x -= tw
		c.text(n, x, cy, smallSize, -1)
		x -= gap + sw
		c.fill(image.Rect(x, cy-sw/2, x+sw, cy-sw/2+sw), c.th.color(i))
		if i > 0 {
			x -= 2 * gap
		}
	}
	return c.w - c.px(pad) - x
}

// noData finishes the image with the "nothing to draw" message under the title.
func (c *canvas) noData() {
	top := c.title()
	msg := "Нет данных"
	if c.en {
		msg = "No data"
	}
	c.font(labelSize+2, false, c.th.muted)
	c.text(msg, c.w/2, (top+c.h)/2, labelSize+2, 0)
}

// rgbaCollector receives go-chart's image instead of its default PNG
// encoding, so the encoder's settings are ours.
type rgbaCollector struct{ img *image.RGBA }

func (rc *rgbaCollector) SetRGBA(i *image.RGBA)       { rc.img = i }
func (rc *rgbaCollector) Write(p []byte) (int, error) { return len(p), nil }

// The PNG encoder trades a slightly larger file for speed: flat chart
// colours compress well at any level, and the render budget is tight.
var encoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &bufferPool{}}

type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() *png.EncoderBuffer {
	if e, ok := b.p.Get().(*png.EncoderBuffer); ok {
		return e
	}
	return nil
}
func (b *bufferPool) Put(e *png.EncoderBuffer) { b.p.Put(e) }

// finish encodes the image to w.
func (c *canvas) finish(w io.Writer) error {
	var rc rgbaCollector
	if err := c.r.Save(&rc); err != nil {
		return fmt.Errorf("chart image: %w", err)
	}
	if err := encoder.Encode(w, rc.img); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	return nil
}

// render runs draw on a fresh canvas and writes the image. Hits are
// clipped to the image and sorted.
func render(w io.Writer, o Options, draw func(c *canvas) []Hit) ([]Hit, error) {
	if w == nil {
		return nil, errNilWriter
	}
	c, err := newCanvas(o)
	if err != nil {
		return nil, err
	}
	hits := draw(c)
	bounds := image.Rect(0, 0, c.w, c.h)
	for i := range hits {
		hits[i].Rect = hits[i].Rect.Canon().Intersect(bounds)
		hits[i].Label = hits[i].Label.Canon().Intersect(bounds)
	}
	sortHits(hits)
	if err := c.finish(w); err != nil {
		return nil, err
	}
	return hits, nil
}
