package charts

import (
	"image"
	"io"
)

// Lines draws amounts along the x labels as lines with point markers, one
// per series in the given order: the weighted pipeline beside the
// unweighted one, or history followed by a forecast (a series with Start
// set, Dashed, and Low/High for its interval, shaded behind the line).
// A gap in a series (an index outside its Values) breaks its line; a lone
// point is drawn as a marker. The x slots match MonthBars', so a line and a
// bar chart of the same months align. Hits: one per point, a square around
// the marker, Index the x label, Series the series.
func Lines(w io.Writer, o Options, x []string, series ...MoneySeries) ([]Hit, error) {
	return render(w, o, func(c *canvas) []Hit {
		n := len(x)
		lo, hi, found := seriesRange(n, series, true)
		if !found {
			c.noData()
			return nil
		}
		names := make([]string, len(series))
		for i, s := range series {
			names[i] = s.Name
		}
		top := c.header(names)
		f, labelRects := c.xyFrame(top, append([]string(nil), x...), lo, hi, false)
		center := func(i int) int {
			x0, x1 := f.slot(i)
			return (x0 + x1) / 2
		}

		// Intervals first, so every line lies on top of them.
		for si, s := range series {
			col := c.th.color(si).WithAlpha(0x48)
			for i := 0; i < n; {
				if _, _, ok := bandAt(s, i); !ok {
					i++
					continue
				}
				j := i
				for j < n {
					if _, _, ok := bandAt(s, j); !ok {
						break
					}
					j++
				}
				// Indexes [i, j) have a band: along the highs, back along the lows.
				c.r.SetFillColor(col)
				for k := i; k < j; k++ {
					_, h, _ := bandAt(s, k)
					if k == i {
						c.r.MoveTo(center(k), f.y(float64(h)))
					} else {
						c.r.LineTo(center(k), f.y(float64(h)))
					}
				}
				for k := j - 1; k >= i; k-- {
					l, _, _ := bandAt(s, k)
					c.r.LineTo(center(k), f.y(float64(l)))
				}
				c.r.Close()
				c.r.Fill()
				i = j
			}
		}

		var hits []Hit
		marker := float64(c.px(3))
		box := max(c.px(12), 4)
		for si, s := range series {
			col := c.th.color(si)
			c.r.SetStrokeColor(col)
			c.r.SetStrokeWidth(float64(c.px(2)))
			if s.Dashed {
				c.r.SetStrokeDashArray([]float64{float64(c.px(6)), float64(c.px(4))})
			} else {
				c.r.SetStrokeDashArray(nil)
			}
			drawn := false
			prev := false
			for i := 0; i < n; i++ {
				v, ok := s.at(i)
				if !ok {
					prev = false
					continue
				}
				px, py := center(i), f.y(float64(v))
				if prev {
					c.r.LineTo(px, py)
					drawn = true
				} else {
					c.r.MoveTo(px, py)
				}
				prev = true
			}
			if drawn {
				c.r.Stroke()
			}
			c.r.SetStrokeDashArray(nil)
			for i := 0; i < n; i++ {
				v, ok := s.at(i)
				if !ok {
					continue
				}
				px, py := center(i), f.y(float64(v))
				c.r.SetFillColor(col)
				c.r.Circle(marker, px, py)
				c.r.Fill()
				hits = append(hits, Hit{
					Index: i, Series: si,
					Rect:  image.Rect(px-box/2, py-box/2, px-box/2+box, py-box/2+box),
					Label: labelRects[i],
				})
			}
		}
		return hits
	})
}
