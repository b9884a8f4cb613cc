package dashreport

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // chart sizes
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/reports/pdfkit"
)

// Block is one part of a report: a title, a chart image (PNG; nil for
// none) and a table (no Header and no Rows: none), then notes.
type Block struct {
	Title  string
	PNG    []byte
	Header []string
	Rows   [][]string
	Bold   []int    // indexes of rows printed in bold (totals)
	Notes  []string // lines printed under the table
}

// Document is a report as TablesPDF and the commission statements print
// it: a title, heading lines (company, period) in bold, plain lines
// (filters, status), then the blocks.
type Document struct {
	Title   string
	Heading []string
	Lines   []string
	Blocks  []Block
	Author  string    // the PDF's author (the company); "" for none
	Created time.Time // the PDF's creation date; zero: the clock
}

// TablesPDF writes an A4 report: the title, the heading lines in bold,
// the lines, then each block (its title and chart kept on one page, its
// table's heading repeated at the top of every page the table continues
// on), with «Страница N из M» at the foot of every page.
func TablesPDF(tr model.Tr, title string, heading []string, lines []string, blocks []Block) ([]byte, error) {
	return WritePDF(tr, Document{Title: title, Heading: heading, Lines: lines, Blocks: blocks})
}

// Page geometry in millimetres: A4 portrait, one grid column per
// millimetre of the usable width.
const (
	marginLeft   = 12.0
	marginRight  = 12.0
	marginTop    = 12.0
	marginBottom = 14.0
	usableWidth  = 210.0 - marginLeft - marginRight // 186
	usableHeight = 297.0 - marginTop - marginBottom // 271
	gridSize     = int(usableWidth)

	padX      = 1.2
	padTop    = 0.8
	padBottom = 1.1
	lineGap   = 1.15
	footerH   = 2.5
	maxChartH = 115.0 // a chart is at most this tall, so a title and some table rows fit beside it
	minColW   = 12.0
	maxCellLn = 8
)

type style = pdfkit.Style

var (
	titleStyle   = style{Bold: true, Size: 14}
	headingStyle = style{Bold: true, Size: 10}
	lineStyle    = style{Size: 9}
	blockStyle   = style{Bold: true, Size: 11}
	headStyle    = style{Bold: true, Size: 7.5}
	bodyStyle    = style{Size: 7.5}
	boldStyle    = style{Bold: true, Size: 7.5}
	noteStyle    = style{Size: 8}
	footerStyle  = style{Size: 7.5}
)

var (
	black     = &props.Color{Red: 20, Green: 20, Blue: 20}
	grey      = &props.Color{Red: 105, Green: 105, Blue: 105}
	white     = &props.Color{Red: 255, Green: 255, Blue: 255}
	headFill  = &props.Color{Red: 58, Green: 72, Blue: 92}
	totalFill = &props.Color{Red: 236, Green: 240, Blue: 245}
	ruleColor = &props.Color{Red: 170, Green: 176, Blue: 184}
)

// gofpdf writes font objects in map order unless told to sort them; the
// library default is the only handle (see reports/pricelist).
func init() { gofpdf.SetDefaultCatalogSort(true) }

const fontFamily = "notosans"

// WritePDF writes doc as an A4 PDF (see TablesPDF).
func WritePDF(tr model.Tr, doc Document) ([]byte, error) {
	fw, err := pdfkit.LoadWidths()
	if err != nil {
		return nil, fmt.Errorf("report fonts: %w", err)
	}
	b := &pdfBuilder{fw: fw}
	b.m = maroto.New(b.config(tr, doc))
	if err := b.m.RegisterFooter(b.footer(doc.Author)); err != nil {
		return nil, fmt.Errorf("report footer: %w", err)
	}
	b.build(doc)
	out, err := b.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("report PDF: %w", err)
	}
	pdf := out.GetBytes()
	if !doc.Created.IsZero() {
		pdfkit.ModifiedWhenCreated(pdf)
	}
	return pdf, nil
}

// pdfBuilder lays out one document, mirroring maroto's page filling
// (Maroto.addRow) so that it knows when a table continues on a new page.
type pdfBuilder struct {
	fw   *pdfkit.FontWidths
	m    core.Maroto
	used float64
}

// sized is a row with its height.
type sized struct {
	row    core.Row
	height float64
}

// exact rounds a row height up to a multiple of 1/64 mm. maroto ends a
// page with a filler row and the footer reaching exactly gofpdf's
// page-break line; with arbitrary float heights the position gofpdf
// accumulates can land a hair past that line, and gofpdf then moves the
// footer to a page of its own. Heights that are binary fractions add up
// exactly, so the footer ends on the line, never past it.
func exact(h float64) float64 { return math.Ceil(h*64) / 64 }

func (b *pdfBuilder) config(tr model.Tr, doc Document) *entity.Config {
	// Each document gets its own copy of the fonts: gofpdf writes into the
	// bytes it is given while subsetting (see reports/pricelist).
	fonts := []*entity.CustomFont{
		{Family: fontFamily, Style: fontstyle.Normal, Bytes: bytes.Clone(assets.FontRegular)},
		{Family: fontFamily, Style: fontstyle.Bold, Bytes: bytes.Clone(assets.FontBold)},
	}
	pattern := tr.T("mgmt.page")
	cb := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).
		WithTopMargin(marginTop).
		WithRightMargin(marginRight).
		WithBottomMargin(marginBottom).
		WithMaxGridSize(gridSize).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: fontFamily, Style: fontstyle.Normal, Size: bodyStyle.Size, Color: black}).
		WithPageNumber(props.PageNumber{
			Pattern: pattern, Place: props.RightBottom,
			Family: fontFamily, Style: fontstyle.Normal, Size: footerStyle.Size, Color: grey,
		}).
		WithCompression(true).
		WithTitle(b.fw.Clean(doc.Title), true).
		WithCreator("Sdelka", false)
	if a := b.fw.Clean(doc.Author); a != "" {
		cb = cb.WithAuthor(a, true)
	}
	if !doc.Created.IsZero() {
		cb = cb.WithCreationDate(doc.Created)
	}
	return cb.Build()
}

// build adds the document's rows.
func (b *pdfBuilder) build(doc Document) {
	var paras []para
	paras = append(paras, para{text: doc.Title, st: titleStyle, max: 3})
	for _, h := range doc.Heading {
		paras = append(paras, para{text: h, st: headingStyle, max: 3})
	}
	for _, l := range doc.Lines {
		paras = append(paras, para{text: l, st: lineStyle, max: 4})
	}
	b.add(b.textRow(usableWidth, 2, paras...))
	for _, bl := range doc.Blocks {
		b.block(bl)
	}
}

// block adds a block: the title with the chart (or with the table's first
// rows), then the table and the notes.
func (b *pdfBuilder) block(bl Block) {
	var first []sized
	if t := strings.TrimSpace(bl.Title); t != "" {
		first = append(first, b.textRow(usableWidth, 1.5, para{text: t, st: blockStyle, max: 3}))
	}
	if r, ok := b.chartRow(bl.PNG); ok {
		first = append(first, r)
	}
	var head *sized
	if len(bl.Header) > 0 {
		widths := columnWidths(b.fw, bl.Header, bl.Rows)
		right := numericColumns(bl.Header, bl.Rows)
		h := b.tableRow(widths, right, bl.Header, headStyle, white, headFill)
		head = &h
		bold := map[int]bool{}
		for _, i := range bl.Bold {
			bold[i] = true
		}
		rows := make([]sized, len(bl.Rows))
		for i, r := range bl.Rows {
			st, fill := bodyStyle, (*props.Color)(nil)
			if bold[i] {
				st, fill = boldStyle, totalFill
			}
			rows[i] = b.tableRow(widths, right, r, st, black, fill)
		}
		// The heading travels with the first row (and the chart when it fits).
		if len(rows) > 0 {
			b.keepTogether(append(first, h, rows[0]))
			rows = rows[1:]
		} else {
			b.keepTogether(append(first, h))
		}
		for _, r := range rows {
			if b.used+r.height+footerH > usableHeight {
				b.newPage(*head, r)
				continue
			}
			b.add(r)
		}
	} else {
		b.keepTogether(first)
	}
	if len(bl.Notes) > 0 {
		var ps []para
		for _, n := range bl.Notes {
			ps = append(ps, para{text: n, st: noteStyle, max: 6})
		}
		b.add(b.textRow(usableWidth, 0, ps...))
	}
	b.add(sized{row.New(5), 5})
}

// chartRow is a row with the chart scaled to the usable width (at most
// maxChartH tall). ok is false when png is not a PNG image.
func (b *pdfBuilder) chartRow(png []byte) (sized, bool) {
	if len(png) == 0 {
		return sized{}, false
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(png))
	if err != nil || format != "png" || cfg.Width <= 0 || cfg.Height <= 0 {
		return sized{}, false
	}
	h := math.Min(usableWidth*float64(cfg.Height)/float64(cfg.Width), maxChartH)
	h = exact(h + 2)
	r := row.New(h).Add(col.New(gridSize).Add(mimage.NewFromBytes(png, extension.Png, props.Rect{Percent: 100, Center: true})))
	return sized{r, h}, true
}

// add appends rows as maroto will, tracking the page's use.
func (b *pdfBuilder) add(rows ...sized) {
	for _, r := range rows {
		if b.used+r.height+footerH > usableHeight {
			b.used = 0
		}
		b.used += r.height
		b.m.AddRows(r.row)
	}
}

// keepTogether starts a new page for rows that would not all fit on this
// one, unless they would not fit on a page of their own either.
func (b *pdfBuilder) keepTogether(rows []sized) {
	total := 0.0
	for _, r := range rows {
		total += r.height
	}
	if len(rows) == 0 || b.used == 0 || b.used+total+footerH <= usableHeight || total+footerH > usableHeight {
		b.add(rows...)
		return
	}
	b.newPage(rows...)
}

// newPage starts a new page with rows on it.
func (b *pdfBuilder) newPage(rows ...sized) {
	if b.used == 0 {
		b.add(rows...)
		return
	}
	p := page.New()
	total := 0.0
	for _, r := range rows {
		p.Add(r.row)
		total += r.height
	}
	b.m.AddPages(p)
	b.used = total
}

// para is a paragraph: text in one style.
type para struct {
	text string
	st   style
	max  int
}

// cell wraps paragraphs to width (padding included) and returns the text
// components and the height they take below top.
func (b *pdfBuilder) cell(width, pad, top float64, al align.Type, color *props.Color, paras ...para) ([]core.Component, float64) {
	var comps []core.Component
	y := 0.0
	for _, p := range paras {
		lines := b.fw.Wrap(b.fw.Clean(p.text), p.st, width-2*pad, p.max)
		if len(lines) == 0 {
			continue
		}
		if y > 0 {
			y += 0.6
		}
		fs := fontstyle.Normal
		if p.st.Bold {
			fs = fontstyle.Bold
		}
		for _, ln := range lines {
			comps = append(comps, text.New(ln, props.Text{
				Top: top + y, Left: pad, Right: pad, Family: fontFamily, Style: fs, Size: p.st.Size,
				Align: al, Color: color,
			}))
			y += p.st.Height() * lineGap
		}
	}
	return comps, y
}

// textRow is a full-width row of paragraphs with space below.
func (b *pdfBuilder) textRow(width, below float64, paras ...para) sized {
	comps, h := b.cell(width, 0, 0, align.Left, black, paras...)
	h = exact(h + below)
	return sized{row.New(h).Add(col.New(gridSize).Add(comps...)), h}
}

// tableRow is a bordered row of cells as tall as its tallest cell.
func (b *pdfBuilder) tableRow(widths []int, right []bool, cells []string, st style, color, fill *props.Color) sized {
	comps := make([][]core.Component, len(widths))
	height := 0.0
	for i := range widths {
		s := ""
		if i < len(cells) {
			s = cells[i]
		}
		al := align.Left
		if right[i] {
			al = align.Right
		}
		c, h := b.cell(float64(widths[i]), padX, padTop, al, color, para{text: s, st: st, max: maxCellLn})
		comps[i] = c
		height = max(height, h)
	}
	height = exact(max(height, st.Height()*lineGap) + padTop + padBottom)
	cs := &props.Cell{BorderType: border.Full, BorderColor: ruleColor, BorderThickness: 0.1, BackgroundColor: fill}
	r := row.New(height)
	for i, c := range comps {
		r.Add(col.New(widths[i]).Add(c...).WithStyle(cs))
	}
	return sized{r, height}
}

// footer is a rule and the company at the foot of every page, beside the
// page number maroto prints.
func (b *pdfBuilder) footer(company string) core.Row {
	c := col.New(gridSize).Add(line.New(props.Line{Thickness: 0.2, Color: ruleColor, OffsetPercent: 30, SizePercent: 100}))
	if lines := b.fw.Wrap(b.fw.Clean(company), footerStyle, usableWidth-45, 1); len(lines) > 0 {
		c.Add(text.New(lines[0], props.Text{Top: footerH, Family: fontFamily, Size: footerStyle.Size, Color: grey}))
	}
	return row.New(footerH).Add(c)
}

// columnWidths shares the usable width among the columns. Each column
// wants the width of its widest text and needs at least that of its
// longest word (never below minColW). When all wants fit, what is left
// over goes to the text columns; otherwise every column gets its need and
// the rest is shared in proportion to how much more each wants, so long
// texts wrap at spaces rather than numbers and codes breaking. Widths are
// whole millimetres adding up to the usable width.
func columnWidths(fw *pdfkit.FontWidths, header []string, rows [][]string) []int {
	n := len(header)
	want, need := make([]float64, n), make([]float64, n)
	measure := func(i int, s string, st style) {
		s = fw.Clean(s)
		want[i] = max(want[i], fw.Width(s, st))
		for _, word := range strings.Split(s, " ") { // where Wrap breaks lines
			need[i] = max(need[i], fw.Width(word, st))
		}
	}
	for i, h := range header {
		measure(i, h, headStyle)
		want[i] = math.Min(want[i], max(need[i], 40)) // a heading may wrap
	}
	for _, r := range rows {
		for i := 0; i < n && i < len(r); i++ {
			measure(i, r[i], bodyStyle)
		}
	}
	const extra = 2*padX + 0.8
	sumWant, sumNeed := 0.0, 0.0
	for i := range want {
		need[i] = math.Ceil(max(need[i]+extra, minColW)) // whole millimetres below
		want[i] = max(want[i]+extra, need[i])
		sumWant += want[i]
		sumNeed += need[i]
	}
	right := numericColumns(header, rows)
	switch {
	case sumWant <= usableWidth:
		grow, textSum := usableWidth-sumWant, 0.0
		for i := range want {
			if !right[i] {
				textSum += want[i]
			}
		}
		for i := range want {
			switch {
			case textSum > 0 && !right[i]:
				want[i] += grow * want[i] / textSum
			case textSum == 0:
				want[i] += grow / float64(n)
			}
		}
	case sumNeed <= usableWidth:
		k := (usableWidth - sumNeed) / (sumWant - sumNeed)
		for i := range want {
			want[i] = need[i] + (want[i]-need[i])*k
		}
	default:
		for i := range want {
			want[i] = need[i] * usableWidth / sumNeed
		}
	}
	// Whole millimetres by the largest remainder.
	out := make([]int, n)
	total := 0
	for i, w := range want {
		out[i] = max(int(w), 1)
		total += out[i]
	}
	for total < gridSize {
		best, bestFrac := 0, -1.0
		for i, w := range want {
			if f := w - float64(out[i]); f > bestFrac {
				best, bestFrac = i, f
			}
		}
		out[best]++
		want[best] = float64(out[best]) - 1 // taken
		total++
	}
	for total > gridSize {
		big := 0
		for i := range out {
			if out[i] > out[big] {
				big = i
			}
		}
		out[big]--
		total--
	}
	return out
}

// numericColumns marks the columns whose cells are all numbers, amounts,
// percentages or «—», to be aligned right.
func numericColumns(header []string, rows [][]string) []bool {
	out := make([]bool, len(header))
	for i := range header {
		seen := false
		out[i] = true
		for _, r := range rows {
			if i >= len(r) || r[i] == "" || r[i] == "—" {
				continue
			}
			if !numeric(r[i]) {
				out[i] = false
				break
			}
			seen = true
		}
		out[i] = out[i] && seen
	}
	return out
}

// numeric reports whether s reads as a number: digits with separators,
// a sign, a percent sign or a multiplier.
func numeric(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune(" \u00a0\u202f.,-+−%×", r):
		default:
			return false
		}
	}
	return digits > 0
}
