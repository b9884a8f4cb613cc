package charts

import (
	"cmp"
	"image"
	"math"
	"slices"
	"strconv"
	"strings"

	"sdelka/model"
)

// defaultMoney prints an amount in major units with digit grouping, and the
// minor units only when there are any: "1 234 567", "-1 234,50" (Russian,
// no-break spaces) or "1,234,567", "-1,234.50" (English).
func defaultMoney(m model.Money, en bool) string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = uint64(-(m + 1)) + 1 // |math.MinInt64| fits a uint64
	}
	s := group(u/100, en)
	if minor := u % 100; minor != 0 {
		dec := ","
		if en {
			dec = "."
		}
		s += dec + strconv.FormatUint(minor/10, 10) + strconv.FormatUint(minor%10, 10)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// formatCount prints a count with digit grouping.
func formatCount(n int, en bool) string {
	if n < 0 {
		return "-" + group(uint64(-(n+1))+1, en)
	}
	return group(uint64(n), en)
}

func group(u uint64, en bool) string {
	sep := "\u00a0"
	if en {
		sep = ","
	}
	d := strconv.FormatUint(u, 10)
	var b strings.Builder
	for i, r := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// formatPercent prints a share (0.455 → "45,5 %" or "45.5%"), with one
// decimal below 10 %.
func formatPercent(share float64, en bool) string {
	p := share * 100
	var s string
	if p >= 9.95 || p == 0 {
		s = strconv.FormatFloat(math.Round(p), 'f', 0, 64)
	} else {
		s = strconv.FormatFloat(p, 'f', 1, 64)
	}
	if en {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + "\u00a0%"
}

// toMoney converts an axis position back to an amount, saturating at the
// int64 limits; ok is false when v lies outside them.
func toMoney(v float64) (m model.Money, ok bool) {
	if math.IsNaN(v) || v >= math.MaxInt64 || v < math.MinInt64 {
		return 0, false
	}
	return model.Money(math.Round(v)), true
}

// niceTicks spreads about count round values (1, 2, 2.5 or 5 × 10ⁿ minor
// units apart, never less than one) over [lo, hi] and returns them with the
// widened range they span. An empty range gets the single tick lo.
func niceTicks(lo, hi float64, count int) (ticks []float64, from, to float64) {
	if !(hi > lo) {
		return []float64{lo}, lo, lo + 1
	}
	count = max(count, 1)
	raw := (hi - lo) / float64(count)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	step = max(step, 1)
	from = math.Floor(lo/step) * step
	to = math.Ceil(hi/step) * step
	for k := 0; k <= count+2; k++ {
		v := from + float64(k)*step
		if v > to+step/2 {
			break
		}
		ticks = append(ticks, v)
	}
	return ticks, from, to
}

func sortHits(h []Hit) {
	slices.SortStableFunc(h, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(a.Index, b.Index), cmp.Compare(a.Series, b.Series))
	})
}

// frame is the plot area of a chart with a value axis on the left and one
// slot per x label.
type frame struct {
	plot   image.Rectangle
	lo, hi float64
	n      int
}

// y is the pixel row of value v.
func (f *frame) y(v float64) int {
	return f.plot.Max.Y - int(math.Round((v-f.lo)/(f.hi-f.lo)*float64(f.plot.Dy())))
}

// slot is the pixel column range of x label i.
func (f *frame) slot(i int) (x0, x1 int) {
	return f.plot.Min.X + i*f.plot.Dx()/f.n, f.plot.Min.X + (i+1)*f.plot.Dx()/f.n
}

// xyFrame lays out and draws the value axis (grid lines and amounts on the
// left) and the x labels below the plot, for values in [lo, hi] and the
// given labels. rotate sets long labels vertically (category bars); month
// labels stay horizontal and are thinned out when they do not fit. It
// returns the frame and each label's rectangle (empty when not drawn).
func (c *canvas) xyFrame(top int, labels []string, lo, hi float64, rotate bool) (*frame, []image.Rectangle) {
	n := len(labels)
	gap := c.px(6)
	lineH := c.px(labelSize * lineGap)
	c.font(labelSize, false, c.th.fg)
	for i := range labels {
		labels[i] = c.clean(labels[i])
	}

	// The bottom margin holds the x labels.
	bottom := lineH + c.px(pad)/2
	if rotate {
		widest := 0
		for _, l := range labels {
			widest = max(widest, c.textWidth(l))
		}
		bottom = min(widest, c.h*3/10) + gap + c.px(pad)/2
	}
	plotTop := top + lineH/2 // room for the top tick's label
	avail := max(c.h-bottom-plotTop, 1)
	ticks, from, to := niceTicks(lo, hi, max(2, avail/(lineH*3)))

	// The left margin holds the widest tick label.
	c.font(smallSize, false, c.th.muted)
	tickText := make([]string, len(ticks))
	widest := 0
	for i, t := range ticks {
		if m, ok := toMoney(t); ok {
			tickText[i] = c.money(m)
			widest = max(widest, c.textWidth(tickText[i]))
		}
	}
	widest = min(widest, c.w/3)
	left := c.px(pad) + widest + gap
	f := &frame{
		plot: image.Rect(left, plotTop, max(c.w-c.px(pad), left+1), max(c.h-bottom, plotTop+1)),
		lo:   from, hi: to, n: max(n, 1),
	}
	for i, t := range ticks {
		y := f.y(t)
		col := c.th.grid
		if t == 0 {
			col = c.th.axis
		}
		c.hline(f.plot.Min.X, f.plot.Max.X, y, col)
		c.text(c.fit(tickText[i], widest), left-gap, y, smallSize, 1)
	}

	// The x labels.
	rects := make([]image.Rectangle, n)
	c.font(labelSize, false, c.th.fg)
	slotW := max(f.plot.Dx()/f.n, 1)
	if rotate {
		step := max(1, int(math.Ceil(float64(lineH)/float64(slotW))))
		room := bottom - gap - c.px(pad)/2
		for i, l := range labels {
			if i%step != 0 || l == "" {
				continue
			}
			l = c.fit(l, room)
			x0, x1 := f.slot(i)
			cx := (x0 + x1) / 2
			tw := c.textWidth(l)
			// Rotated text runs upwards from (x, y), glyph tops to the left.
			x := cx + int(math.Round(labelSize*c.s*capHeight/2))
			y := f.plot.Max.Y + gap + tw
			// The renderer adds each rotation to the last: set it per label.
			c.r.SetTextRotation(-math.Pi / 2)
			c.r.Text(l, x, y)
			c.r.ClearTextRotation()
			rects[i] = image.Rect(cx-lineH/2, f.plot.Max.Y+gap, cx+lineH/2, y)
		}
		return f, rects
	}
	widest = 0
	for _, l := range labels {
		widest = max(widest, c.textWidth(l))
	}
	step := max(1, int(math.Ceil(float64(widest+gap)/float64(slotW))))
	step = min(step, max(1, (n+1)/2)) // at least two labels when there are two
	cy := f.plot.Max.Y + gap + lineH/2
	for i, l := range labels {
		if i%step != 0 || l == "" {
			continue
		}
		x0, x1 := f.slot(i)
		l = c.fit(l, step*slotW-gap)
		rects[i] = c.text(l, (x0+x1)/2, cy, labelSize, 0)
	}
	return f, rects
}

// header draws the title and, right-aligned on the same line, the legend
// of the series names (none for a single unnamed series). It returns the y
// where the plot starts.
func (c *canvas) header(names []string) int {
	show := len(names) > 1 || len(names) == 1 && c.clean(names[0]) != ""
	if !show {
		return c.title()
	}
	top := c.px(pad)
	lineH := c.px(titleSize * lineGap)
	cy := top + lineH/2
	legendW := c.legend(names, cy)
	// The title gets the room the legend leaves.
	if t := c.clean(c.o.Title); t != "" {
		c.font(titleSize, true, c.th.fg)
		t = c.fit(t, c.w-2*c.px(pad)-legendW-c.px(pad))
		c.text(t, c.px(pad), cy, titleSize, -1)
	}
	return top + lineH + c.px(pad)/2
}
