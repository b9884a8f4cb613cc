package charts

import (
	"image"
	"io"
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"sdelka/model"
)

// Pie draws the share of each amount in their total (lead sources by
// revenue): slices clockwise from 12 o'clock in the given order, and a
// legend of labels, amounts and percentages beside the pie. Give the values
// largest first: when the legend has no room for all, the last rows are
// summed up as "ещё N" / "N more". Zero and negative amounts have no slice
// and no legend row; when nothing is positive the image says there is no
// data. Hits: one per slice, Rect its bounding box (Contains tests the
// wedge), Label its legend row.
func Pie(w io.Writer, o Options, labels []string, values []model.Money) ([]Hit, error) {
	return render(w, o, func(c *canvas) []Hit {
		v := make([]float64, len(values))
		for i, m := range values {
			v[i] = float64(m)
		}
		return c.pie(labels, v, func(i int) string { return c.money(values[i]) })
	})
}

// PieCounts is Pie for counts (lost reasons: deals lost for each reason).
func PieCounts(w io.Writer, o Options, labels []string, counts []int) ([]Hit, error) {
	return render(w, o, func(c *canvas) []Hit {
		v := make([]float64, len(counts))
		for i, n := range counts {
			v[i] = float64(n)
		}
		return c.pie(labels, v, func(i int) string { return formatCount(counts[i], c.en) })
	})
}

func (c *canvas) pie(labels []string, values []float64, format func(int) string) []Hit {
	total := 0.0
	var shown []int
	for i, v := range values {
		if v > 0 {
			total += v
			shown = append(shown, i)
		}
	}
	if len(shown) == 0 {
		c.noData()
		return nil
	}
	top := c.title()
	plot := image.Rect(c.px(pad), top, c.w-c.px(pad), c.h-c.px(pad))
	d := max(min(plot.Dy(), plot.Dx()*45/100), 2)
	radius := float64(d) / 2
	cx := float64(plot.Min.X) + radius + float64(c.px(4))
	cy := float64(plot.Min.Y+plot.Max.Y) / 2

	// Slices, clockwise from 12 o'clock.
	hits := make([]Hit, 0, len(shown))
	start := -math.Pi / 2
	c.r.SetStrokeColor(c.th.bg)
	c.r.SetStrokeWidth(math.Max(1, 1.5*c.s))
	for k, i := range shown {
		delta := values[i] / total * 2 * math.Pi
		c.r.SetFillColor(c.th.color(k))
		if len(shown) == 1 {
			c.r.Circle(radius, int(math.Round(cx)), int(math.Round(cy)))
			c.r.Fill()
		} else {
			c.r.MoveTo(int(math.Round(cx)), int(math.Round(cy)))
			c.r.ArcTo(int(math.Round(cx)), int(math.Round(cy)), radius, radius, start, delta)
			c.r.LineTo(int(math.Round(cx)), int(math.Round(cy)))
			c.r.Close()
			c.r.FillStroke()
		}
		wd := &wedge{cx: cx, cy: cy, r: radius, from: start, to: start + delta}
		hits = append(hits, Hit{Index: i, Rect: wd.bounds(), wedge: wd})
		start += delta
	}

	// Percentages on the slices big enough to hold them.
	start = -math.Pi / 2
	c.font(smallSize, true, c.th.fg)
	for k, i := range shown {
		share := values[i] / total
		delta := share * 2 * math.Pi
		mid := start + delta/2
		start += delta
		if share < 0.06 || radius < float64(c.px(40)) {
			continue
		}
		text := formatPercent(share, c.en)
		c.r.SetFontColor(contrast(c.th.color(k)))
		px := cx + math.Cos(mid)*radius*0.66
		py := cy + math.Sin(mid)*radius*0.66
		if len(shown) == 1 {
			px, py = cx, cy
		}
		c.text(text, int(math.Round(px)), int(math.Round(py)), smallSize, 0)
	}

	// The legend: swatch, label, amount and share.
	lx := int(cx+radius) + c.px(24)
	lw := plot.Max.X - lx
	if lw < c.px(40) {
		return hits
	}
	rowH := c.px(smallSize * 1.75)
	rows := max(plot.Dy()/rowH, 1)
	more := 0
	if len(shown) > rows {
		more = len(shown) - (rows - 1)
		rows--
	} else {
		rows = len(shown)
	}
	lines := rows
	if more > 0 {
		lines++
	}
	y0 := int(cy) - lines*rowH/2
	sw := c.px(10)
	gap := c.px(8)
	c.font(smallSize, false, c.th.muted)
	values2 := make([]string, rows)
	valueW := 0
	for r := 0; r < rows; r++ {
		i := shown[r]
		values2[r] = format(i) + "  " + formatPercent(values[i]/total, c.en)
		valueW = max(valueW, c.textWidth(values2[r]))
	}
	valueW = min(valueW, lw/2)
	labelW := max(lw-sw-gap-valueW-gap, 0)
	for r := 0; r < rows; r++ {
		i := shown[r]
		ry := y0 + r*rowH + rowH/2
		c.fill(image.Rect(lx, ry-sw/2, lx+sw, ry-sw/2+sw), c.th.color(r))
		label := ""
		if i < len(labels) {
			label = c.clean(labels[i])
		}
		c.font(smallSize, false, c.th.fg)
		c.text(c.fit(label, labelW), lx+sw+gap, ry, smallSize, -1)
		c.font(smallSize, false, c.th.muted)
		c.text(c.fit(values2[r], valueW), plot.Max.X, ry, smallSize, 1)
		hits[r].Label = image.Rect(lx, ry-rowH/2, plot.Max.X, ry-rowH/2+rowH)
	}
	if more > 0 {
		rest := 0.0
		for _, i := range shown[rows:] {
			rest += values[i]
		}
		text := "ещё " + formatCount(more, false)
		if c.en {
			text = formatCount(more, true) + " more"
		}
		ry := y0 + rows*rowH + rowH/2
		c.font(smallSize, false, c.th.muted)
		c.text(c.fit(text, labelW), lx+sw+gap, ry, smallSize, -1)
		c.text(formatPercent(rest/total, c.en), plot.Max.X, ry, smallSize, 1)
	}
	return hits
}

// bounds is the wedge's bounding box: its centre, its two ends and the
// extreme points of the circle it passes.
func (wd *wedge) bounds() image.Rectangle {
	minX, maxX, minY, maxY := wd.cx, wd.cx, wd.cy, wd.cy
	add := func(a float64) {
		x, y := wd.cx+math.Cos(a)*wd.r, wd.cy+math.Sin(a)*wd.r
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	add(wd.from)
	add(wd.to)
	for k := math.Ceil(wd.from / (math.Pi / 2)); k*math.Pi/2 < wd.to; k++ {
		add(k * math.Pi / 2)
	}
	return image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
}

// contrast is black or white, whichever reads better on col.
func contrast(col drawing.Color) drawing.Color {
	l := 0.2126*float64(col.R) + 0.7152*float64(col.G) + 0.0722*float64(col.B)
	if l > 150 {
		return drawing.ColorFromHex("1f2328")
	}
	return drawing.ColorWhite
}
