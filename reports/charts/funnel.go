package charts

import (
	"image"
	"io"
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Funnel draws the deals entering each stage as centred horizontal bars,
// widths proportional to the counts, stage names on the left, the count on
// (or beside) each bar, and between two stages the conversion from the
// first to the second ("—" after a stage no deal entered). Negative counts
// are drawn as zero; when no count is positive the image says there is no
// data. With more stages than rows of readable text, every k-th name is
// printed and the conversions are left out. Hits: one per stage, Rect its
// bar, Label its name.
func Funnel(w io.Writer, o Options, stages []string, counts []int) ([]Hit, error) {
	return render(w, o, func(c *canvas) []Hit {
		n := len(counts)
		top := 0
		for _, v := range counts {
			top = max(top, v)
		}
		if top <= 0 {
			c.noData()
			return nil
		}
		y0 := c.title()
		gap := c.px(8)
		plot := image.Rect(c.px(pad), y0, c.w-c.px(pad), c.h-c.px(pad))
		rowH := float64(plot.Dy()) / float64(n)
		size := math.Min(labelSize, rowH/(c.s*1.3))
		size = math.Max(size, 7)
		every := max(1, int(math.Ceil(size*c.s*1.25/rowH)))
		showConv := rowH >= size*c.s*1.9 && n > 1

		names := make([]string, n)
		c.font(size, false, c.th.fg)
		labelW := 0
		for i := range names {
			if i < len(stages) {
				names[i] = c.clean(stages[i])
			}
			labelW = max(labelW, c.textWidth(names[i]))
		}
		labelW = min(labelW, plot.Dx()*30/100)
		// The conversions go between the bars when the gap holds a line of
		// small text, else in a column on the right.
		thick := max(int(rowH*0.62), 1)
		between := showConv && rowH-float64(thick) >= smallSize*c.s*1.4
		right := 0
		if showConv && !between {
			c.font(smallSize, false, c.th.muted)
			right = c.textWidth(formatPercent(1, c.en)) + c.px(14)
		}
		// Counts that do not fit in their bar are printed beside it.
		c.font(size, false, c.th.fg)
		right = max(right, c.textWidth(formatCount(top, c.en))+c.px(4))
		ax0 := plot.Min.X + labelW + gap
		ax1 := max(plot.Max.X-right-gap, ax0+1)
		mid := (ax0 + ax1) / 2

		hits := make([]Hit, n)
		for i := 0; i < n; i++ {
			v := max(counts[i], 0)
			cy := plot.Min.Y + int((float64(i)+0.5)*rowH)
			bw := int(math.Round(float64(v) / float64(top) * float64(ax1-ax0)))
			if v > 0 {
				bw = max(bw, c.px(2))
			}
			bar := image.Rect(mid-bw/2, cy-thick/2, mid-bw/2+bw, cy-thick/2+thick)
			col := c.th.color(0)
			c.fill(bar, col)

			if i%every == 0 {
				text := formatCount(counts[i], c.en)
				c.font(size, true, contrast(col))
				tw := c.textWidth(text)
				if tw+c.px(8) <= bw && float64(thick) >= size*c.s {
					c.text(text, mid, cy, size, 0)
				} else {
					c.font(size, false, c.th.fg)
					c.text(text, bar.Max.X+c.px(4), cy, size, -1)
				}
				c.font(size, false, c.th.fg)
				hits[i].Label = c.text(c.fit(names[i], labelW), plot.Min.X+labelW, cy, size, 1)
			}
			hits[i].Index = i
			hits[i].Rect = atLeast(bar, max(1, c.px(1)))

			if showConv && i > 0 {
				by := plot.Min.Y + int(float64(i)*rowH) // between row i-1 and row i
				text := "—"
				if prev := max(counts[i-1], 0); prev > 0 {
					text = formatPercent(float64(v)/float64(prev), c.en)
				}
				c.font(smallSize, false, c.th.muted)
				x := ax1 + gap
				if between {
					x = mid - (c.px(12)+c.textWidth(text))/2
				}
				c.downArrow(x, by, c.th.muted)
				c.text(text, x+c.px(12), by, smallSize, -1)
			}
		}
		return hits
	})
}

// downArrow draws a small downward triangle with its left edge at x,
// centred on y (Noto Sans has no arrows).
func (c *canvas) downArrow(x, y int, col drawing.Color) {
	s := c.px(4)
	c.r.SetFillColor(col)
	c.r.MoveTo(x, y-s)
	c.r.LineTo(x+2*s, y-s)
	c.r.LineTo(x+s, y+s)
	c.r.Close()
	c.r.Fill()
}
