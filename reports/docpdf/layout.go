package docpdf

import (
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// geometry is a page in millimetres. The grid has one column per
// millimetre of the usable width, so column sizes are widths.
type geometry struct {
	width, height            float64
	left, right, top, bottom float64
}

var (
	portrait  = geometry{width: 210, height: 297, left: 12, right: 12, top: 12, bottom: 14}
	landscape = geometry{width: 297, height: 210, left: 12, right: 12, top: 10, bottom: 12}
)

func (g geometry) usableWidth() float64  { return g.width - g.left - g.right }
func (g geometry) usableHeight() float64 { return g.height - g.top - g.bottom }
func (g geometry) grid() int             { return int(g.usableWidth()) }

// Type sizes in points.
var (
	bodyStyle    = style{Size: 8}
	boldStyle    = style{Bold: true, Size: 8}
	smallStyle   = style{Size: 6.5}
	headStyle    = style{Bold: true, Size: 7.5}
	titleStyle   = style{Bold: true, Size: 13}
	subtitleSty  = style{Size: 9}
	infoStyle    = style{Size: 9}
	infoBold     = style{Bold: true, Size: 9}
	totalStyle   = style{Bold: true, Size: 9}
	companyStyle = style{Bold: true, Size: 10}
	footerStyle  = style{Size: 7}
	contractBody = style{Size: 9}
	contractHead = style{Bold: true, Size: 9.5}
)

// Colours.
var (
	black     = &props.Color{Red: 0, Green: 0, Blue: 0}
	grey      = &props.Color{Red: 100, Green: 100, Blue: 100}
	headFill  = &props.Color{Red: 235, Green: 238, Blue: 242}
	totalFill = &props.Color{Red: 246, Green: 247, Blue: 249}
	ruleColor = &props.Color{Red: 0, Green: 0, Blue: 0}
	softRule  = &props.Color{Red: 150, Green: 150, Blue: 150}
)

// Spacing inside table cells, in millimetres.
const (
	padX      = 1.2
	padTop    = 0.8
	padBottom = 1.1
	lineGap   = 1.15 // line height as a multiple of the font height
	paraGap   = 0.5  // between paragraphs of one cell
	footerH   = 2.5  // the footer row: a rule; its text is below it, in the margin
	thinLine  = 0.1
)

// Limits on lines per cell keep every row well inside a page.
const (
	maxNameLines  = 14
	maxOtherLines = 4
	maxInfoLines  = 12
)

// sized is a row with its height, fixed when it is built.
type sized struct {
	row    core.Row
	height float64
}

// para is a paragraph of a cell: text in one style and colour.
type para struct {
	text  string
	st    style
	color *props.Color
	max   int // lines; 0 = no limit
}

// p is a paragraph in black.
func p(s string, st style, maxLines int) para { return para{text: s, st: st, max: maxLines} }

// laidLine is one wrapped line at its offset from the top of its block.
type laidLine struct {
	text  string
	st    style
	color *props.Color
	y     float64
}

// lay wraps the paragraphs to width millimetres and stacks their lines;
// it returns them and the height they take.
func (b *builder) lay(width float64, paras ...para) ([]laidLine, float64) {
	var out []laidLine
	y := 0.0
	for _, pr := range paras {
		lines := b.fw.Wrap(b.fw.Clean(pr.text), pr.st, width, pr.max)
		if len(lines) == 0 {
			continue
		}
		if y > 0 {
			y += paraGap
		}
		for _, ln := range lines {
			out = append(out, laidLine{text: ln, st: pr.st, color: pr.color, y: y})
			y += pr.st.Height() * lineGap
		}
	}
	return out, y
}

// components turns laid lines into maroto texts inside a cell.
func components(lines []laidLine, left, right, top float64, al align.Type) []core.Component {
	out := make([]core.Component, 0, len(lines))
	for _, ln := range lines {
		fs := fontstyle.Normal
		if ln.st.Bold {
			fs = fontstyle.Bold
		}
		c := ln.color
		if c == nil {
			c = black
		}
		out = append(out, text.New(ln.text, props.Text{
			Top: top + ln.y, Left: left, Right: right, Family: fontFamily, Style: fs, Size: ln.st.Size,
			Align: al, Color: c,
		}))
	}
	return out
}

// cell is one column of a row.
type cell struct {
	w      int // grid units (millimetres)
	paras  []para
	al     align.Type
	border border.Type
	fill   *props.Color
	pad    float64 // left and right; negative = none
	middle bool    // centred vertically
	// draw adds components (images, lines) once the row's height is known:
	// it gets the cell's width and height.
	draw func(w, h float64) []core.Component
}

// padding is the cell's side padding: padX for a bordered cell, none
// otherwise, unless set.
func (c cell) padding() float64 {
	switch {
	case c.pad < 0:
		return 0
	case c.pad > 0:
		return c.pad
	case c.border != border.None:
		return padX
	}
	return 0
}

// rowOf lays out cells side by side in one row as tall as the tallest
// (at least minH), with top and bottom padding.
func (b *builder) rowOf(top, bottom, minH float64, cells ...cell) sized {
	type laid struct {
		lines []laidLine
		h     float64
	}
	ls := make([]laid, len(cells))
	height := 0.0
	for i, c := range cells {
		pad := c.padding()
		lines, h := b.lay(float64(c.w)-2*pad, c.paras...)
		ls[i] = laid{lines, h}
		height = max(height, h)
	}
	height = max(height+top+bottom, minH)
	r := row.New(height)
	for i, c := range cells {
		al := c.al
		if al == "" {
			al = align.Left
		}
		t := top
		if c.middle {
			t = (height - ls[i].h) / 2
		}
		cl := col.New(c.w).Add(components(ls[i].lines, c.padding(), c.padding(), t, al)...)
		if c.draw != nil {
			cl.Add(c.draw(float64(c.w), height)...)
		}
		if c.border != border.None || c.fill != nil {
			cl.WithStyle(&props.Cell{BorderType: c.border, BorderColor: ruleColor, BorderThickness: thinLine, BackgroundColor: c.fill})
		}
		r.Add(cl)
	}
	return sized{r, height}
}

// gridRow is a bordered table row.
func (b *builder) gridRow(cells ...cell) sized { return b.rowOf(padTop, padBottom, 0, cells...) }

// plainRow is a row of text without borders, with a little space below.
func (b *builder) plainRow(cells ...cell) sized { return b.rowOf(0.3, 0.9, 0, cells...) }

// textRow is one full-width block of paragraphs.
func (b *builder) textRow(al align.Type, paras ...para) sized {
	return b.plainRow(cell{w: b.g.grid(), al: al, paras: paras})
}

// space is an empty row.
func (b *builder) space(h float64) sized {
	return sized{row.New(h).Add(col.New(b.g.grid())), h}
}

// rule is a horizontal line across the page in a row of height h.
func (b *builder) rule(h, thickness float64) sized {
	return sized{line.NewRow(h, props.Line{Thickness: thickness, Color: ruleColor, OffsetPercent: 50, SizePercent: 100}), h}
}

// column is a table column: its heading, width and alignment.
type column struct {
	head  string
	w     int
	align align.Type
}

// headerRow is the headings of columns, bold on a light fill, centred.
func (b *builder) headerRow(cols []column) sized {
	cells := make([]cell, len(cols))
	for i, c := range cols {
		cells[i] = cell{w: c.w, paras: []para{p(c.head, headStyle, 4)}, al: align.Center, border: border.Full,
			fill: headFill, middle: true}
	}
	return b.gridRow(cells...)
}

// tableRow is a bordered row of values under cols; a value is one or more
// paragraphs.
func (b *builder) tableRow(cols []column, fill *props.Color, values ...[]para) sized {
	cells := make([]cell, len(cols))
	for i, c := range cols {
		cells[i] = cell{w: c.w, al: c.align, border: border.Full, fill: fill}
		if i < len(values) {
			cells[i].paras = values[i]
		}
	}
	return b.gridRow(cells...)
}

// v is a table value: one paragraph of body text.
func v(s string) []para { return []para{p(s, bodyStyle, maxOtherLines)} }

// vb is a bold table value.
func vb(s string) []para { return []para{p(s, boldStyle, maxOtherLines)} }

// The pager mirrors maroto's page filling (Maroto.addRow and AddPages, no
// header registered) so that this package knows where each row lands: it
// repeats a table's header at the top of each page the table continues
// on, keeps blocks together, adds a waybill's page totals and counts the
// pages.

// fits tells whether h more millimetres fit on the current page.
func (b *builder) fits(h float64) bool {
	return b.used+h+footerH <= b.g.usableHeight()
}

// add appends rows as maroto will, breaking pages where it will.
func (b *builder) add(rows ...sized) {
	for _, r := range rows {
		if !b.fits(r.height) {
			b.pages++
			b.used = 0
		}
		b.used += r.height
		b.m.AddRows(r.row)
	}
}

// breakPage starts a new page (unless this one is empty) with the rows.
func (b *builder) breakPage(rows ...sized) {
	pg := page.New()
	for _, r := range rows {
		pg.Add(r.row)
	}
	b.m.AddPages(pg)
	if b.used != 0 {
		b.pages++
		b.used = 0
	}
	for _, r := range rows {
		if !b.fits(r.height) {
			b.pages++
			b.used = 0
		}
		b.used += r.height
	}
}

// keep adds rows on one page: on the next one when they do not all fit on
// this one (and would fit on an empty page).
func (b *builder) keep(rows ...sized) {
	total := 0.0
	for _, r := range rows {
		total += r.height
	}
	if b.fits(total) || b.used == 0 || total+footerH > b.g.usableHeight() {
		b.add(rows...)
		return
	}
	b.breakPage(rows...)
}

// table adds a header and rows, repeating the header on every page the
// rows continue on. With pageTotal set, each page of the table ends in the
// row it makes for the rows on that page (from, to: indexes into rows),
// whose height is pageTotalH.
func (b *builder) table(header []sized, rows []sized, pageTotal func(from, to int) sized, pageTotalH float64) {
	headH := 0.0
	for _, h := range header {
		headH += h.height
	}
	reserve := 0.0
	if pageTotal != nil {
		reserve = pageTotalH
	}
	first := headH + reserve
	if len(rows) > 0 {
		first += rows[0].height
	}
	if b.fits(first) {
		b.add(header...)
	} else {
		b.breakPage(header...)
	}
	from := 0
	for i, r := range rows {
		if !b.fits(r.height + reserve) {
			if pageTotal != nil {
				b.add(pageTotal(from, i))
			}
			b.breakPage(header...)
			from = i
		}
		b.add(r)
	}
	if pageTotal != nil {
		b.add(pageTotal(from, len(rows)))
	}
}
