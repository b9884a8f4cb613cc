package charts

import (
	"image"
	"io"
	"math"

	"sdelka/model"
)

// MonthBars draws amounts by month as grouped vertical bars, one bar per
// series in each month: revenue this year beside last year, in the order
// the series are given (the legend names them). go-chart has no grouped
// bars; they are drawn here with its renderer. Negative amounts (credit
// notes exceeding sales) go below the zero line. A month a series has no
// value for has no bar. Hits: one per bar, Index the month, Series the series.
func MonthBars(w io.Writer, o Options, months []string, series ...MoneySeries) ([]Hit, error) {
	return render(w, o, func(c *canvas) []Hit {
		n := len(months)
		lo, hi, found := seriesRange(n, series, false)
		if !found {
			c.noData()
			return nil
		}
		names := make([]string, len(series))
		for i, s := range series {
			names[i] = s.Name
		}
		top := c.header(names)
		f, labelRects := c.xyFrame(top, append([]string(nil), months...), lo, hi, false)
		var hits []Hit
		zero := f.y(0)
		for i := 0; i < n; i++ {
			x0, x1 := f.slot(i)
			groupW := max((x1-x0)*8/10, len(series))
			barW := max(groupW/len(series), 1)
			gx := (x0+x1)/2 - barW*len(series)/2
			inner := 0
			if barW > c.px(4) {
				inner = max(1, c.px(1))
			}
			for si, s := range series {
				v, ok := s.at(i)
				if !ok {
					continue
				}
				bx := gx + si*barW
				rect := image.Rect(bx, f.y(float64(v)), bx+barW-inner, zero)
				col := c.th.color(si)
				c.fill(rect, col)
				hits = append(hits, Hit{Index: i, Series: si, Rect: atLeast(rect.Canon(), max(1, c.px(1))), Label: labelRects[i]})
			}
		}
		return hits
	})
}

// Bars draws one amount per label (seller, region, segment, customer group,
// channel) in the given order. Up to what fits, the bars are horizontal with
// the labels on the left (shortened with "…" when long) and the amounts at
// the bar ends; when there are too many rows for readable text, the bars
// turn vertical with the labels set upright under them and an amount axis.
// Negative amounts extend the other way from zero in the negative colour.
// Labels past the last value are ignored; a value without a label gets none.
// Hits: one per value, Label the label's rectangle.
func Bars(w io.Writer, o Options, labels []string, values []model.Money) ([]Hit, error) {
	return render(w, o, func(c *canvas) []Hit {
		n := len(values)
		if n == 0 {
			c.noData()
			return nil
		}
		ls := make([]string, n)
		copy(ls, labels)
		top := c.title()
		rowH := float64(c.h-top-c.px(pad)) / float64(n)
		if rowH >= float64(c.px(labelSize*1.6)) {
			return c.horizontalBars(top, ls, values)
		}
		return c.verticalBars(top, ls, values)
	})
}

func (c *canvas) horizontalBars(top int, labels []string, values []model.Money) []Hit {
	n := len(values)
	gap := c.px(6)
	plot := image.Rect(c.px(pad), top, c.w-c.px(pad), c.h-c.px(pad))
	rowH := float64(plot.Dy()) / float64(n)

	c.font(labelSize, false, c.th.fg)
	labelW := 0
	for i := range labels {
		labels[i] = c.clean(labels[i])
		labelW = max(labelW, c.textWidth(labels[i]))
	}
	labelW = min(labelW, plot.Dx()*35/100)

	c.font(smallSize, false, c.th.muted)
	text := make([]string, n)
	posW, negW := 0, 0
	lo, hi := 0.0, 0.0
	for i, v := range values {
		text[i] = c.money(v)
		tw := min(c.textWidth(text[i]), plot.Dx()/5)
		if v < 0 {
			negW = max(negW, tw)
		} else {
			posW = max(posW, tw)
		}
		lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
	}
	if hi == lo {
		hi = lo + 1
	}
	x0 := plot.Min.X + labelW + gap
	if negW > 0 {
		x0 += negW + gap
	}
	x1 := max(plot.Max.X-posW-gap, x0+1)
	xOf := func(v float64) int { return x0 + int(math.Round((v-lo)/(hi-lo)*float64(x1-x0))) }
	zero := xOf(0)
	c.fill(image.Rect(zero, plot.Min.Y, zero+max(1, c.px(1)), plot.Max.Y), c.th.axis)

	thick := min(int(rowH*0.66), c.px(28))
	hits := make([]Hit, n)
	for i, v := range values {
		cy := plot.Min.Y + int((float64(i)+0.5)*rowH)
		end := xOf(float64(v))
		col := c.th.color(0)
		if v < 0 {
			col = c.th.negative
		}
		bar := image.Rect(zero, cy-thick/2, end, cy-thick/2+thick).Canon()
		c.fill(bar, col)
		c.font(smallSize, false, c.th.muted)
		vt := c.fit(text[i], c.w/5)
		if v < 0 {
			c.text(vt, end-gap, cy, smallSize, 1)
		} else {
			c.text(vt, end+gap, cy, smallSize, -1)
		}
		c.font(labelSize, false, c.th.fg)
		lr := c.text(c.fit(labels[i], labelW), plot.Min.X+labelW, cy, labelSize, 1)
		hits[i] = Hit{Index: i, Rect: atLeast(bar, max(1, c.px(1))), Label: lr}
	}
	return hits
}

func (c *canvas) verticalBars(top int, labels []string, values []model.Money) []Hit {
	lo, hi := 0.0, 0.0
	for _, v := range values {
		lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
	}
	f, labelRects := c.xyFrame(top, labels, lo, hi, true)
	zero := f.y(0)
	hits := make([]Hit, len(values))
	for i, v := range values {
		x0, x1 := f.slot(i)
		bw := max((x1-x0)*7/10, 1)
		bx := (x0+x1)/2 - bw/2
		col := c.th.color(0)
		if v < 0 {
			col = c.th.negative
		}
		bar := image.Rect(bx, f.y(float64(v)), bx+bw, zero).Canon()
		c.fill(bar, col)
		hits[i] = Hit{Index: i, Rect: atLeast(bar, max(1, c.px(1))), Label: labelRects[i]}
	}
	return hits
}

// atLeast grows a zero-height or zero-width bar to a clickable sliver.
func atLeast(r image.Rectangle, d int) image.Rectangle {
	if r.Dx() < d {
		r.Min.X -= (d - r.Dx()) / 2
		r.Max.X = r.Min.X + d
	}
	if r.Dy() < d {
		r.Min.Y -= (d - r.Dy()) / 2
		r.Max.Y = r.Min.Y + d
	}
	return r
}

// at is the series' value at x index i.
func (s MoneySeries) at(i int) (model.Money, bool) {
	j := i - s.Start
	if j < 0 || j >= len(s.Values) {
		return 0, false
	}
	return s.Values[j], true
}

func bandAt(s MoneySeries, i int) (lo, hi model.Money, ok bool) {
	j := i - s.Start
	if j < 0 || j >= len(s.Low) || j >= len(s.High) {
		return 0, 0, false
	}
	return s.Low[j], s.High[j], true
}

// seriesRange is the value range over n x labels, zero included; found is
// false when no series has a value on them.
func seriesRange(n int, series []MoneySeries, bands bool) (lo, hi float64, found bool) {
	for _, s := range series {
		for i := 0; i < n; i++ {
			if v, ok := s.at(i); ok {
				lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
				found = true
			}
			if !bands {
				continue
			}
			if l, h, ok := bandAt(s, i); ok {
				lo = math.Min(lo, math.Min(float64(l), float64(h)))
				hi = math.Max(hi, math.Max(float64(l), float64(h)))
			}
		}
	}
	return lo, hi, found
}
