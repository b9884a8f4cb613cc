package pricelist

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"
	"io"
	"strings"

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
	"sdelka/reports/pdfkit"
)

// Page geometry in millimetres: A4 portrait. The grid has one column per
// millimetre of the usable width, so column sizes below are widths.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginLeft   = 12.0
	marginRight  = 12.0
	marginTop    = 12.0
	marginBottom = 14.0
	usableWidth  = pageWidth - marginLeft - marginRight  // 186
	usableHeight = pageHeight - marginTop - marginBottom // 271
	gridSize     = int(usableWidth)

	padX      = 1.2 // inside a table cell, left and right
	padTop    = 0.8
	padBottom = 1.1
	lineGap   = 1.15 // line height as a multiple of the font height
	paraGap   = 0.4  // between paragraphs of one cell

	logoWidth  = 42.0
	logoHeight = 22.0
	footerRowH = 2.5
)

// Table columns, widths in millimetres (grid units); they add up to 186.
var columns = []struct {
	width int
	align align.Type
}{
	{24, align.Left},   // SKU
	{70, align.Left},   // name, note
	{13, align.Center}, // unit
	{24, align.Right},  // price, difference from the base price
	{17, align.Center}, // VAT
	{38, align.Left},   // quantity breaks
}

// Type sizes in points.
var (
	bodyStyle     = style{Size: 8}
	headStyle     = style{Bold: true, Size: 8}
	categoryStyle = style{Bold: true, Size: 9}
	noteStyle     = style{Size: 7}
	diffStyle     = style{Size: 6.5}
	breaksStyle   = style{Size: 7.5}
	titleStyle    = style{Bold: true, Size: 14}
	companyStyle  = style{Bold: true, Size: 11}
	requisiteSty  = style{Size: 8}
	infoStyle     = style{Size: 10}
	vatInfoStyle  = style{Bold: true, Size: 10}
	footerStyle   = style{Size: 7.5}
)

// Colours.
var (
	black        = &props.Color{Red: 20, Green: 20, Blue: 20}
	grey         = &props.Color{Red: 105, Green: 105, Blue: 105}
	white        = &props.Color{Red: 255, Green: 255, Blue: 255}
	headFill     = &props.Color{Red: 58, Green: 72, Blue: 92}
	categoryFill = &props.Color{Red: 228, Green: 234, Blue: 241}
	ruleColor    = &props.Color{Red: 170, Green: 176, Blue: 184}
)

// gofpdf writes a document's font objects in map order unless told to sort
// them, and maroto creates its gofpdf instances without a way to tell them:
// the library's default is the only handle. Sorting changes nothing but the
// order of objects, and makes the same document give the same bytes (with
// the creation date fixed; maroto names logo images by random UUIDs, so a
// document with a logo still differs in those names). Set in init, before
// any PDF is made, so no goroutine reads it while it changes.
func init() { gofpdf.SetDefaultCatalogSort(true) }

// fontFamily is the name the embedded Noto Sans is registered under.
const fontFamily = "notosans"

// Limits on lines per cell keep one row from outgrowing a page.
const (
	maxNameLines  = 12
	maxOtherLines = 6
)

// WritePDF writes the price list as an A4 PDF: the company's logo and
// requisites, the title, whom it is for, the date, currency and VAT
// convention, then one table of all lines with a heading row per category
// (kept on the page of its first line; a category without lines is left
// out) and the column header repeated at the top of every page. Each page's
// footer has the company, the generation time and «Страница N из M». Text
// wraps within its cell (a word too long for it is broken); characters the
// font lacks print as "?". A logo that is not a PNG or JPEG image is left
// out.
//
// maroto parses the two embedded fonts again for every document and offers
// no way to share parsed fonts: with the font subsetting at output that is
// about 60 % of a one-page price list's 12 ms and most of its 14 MB of
// allocation. The font widths this package wraps text with are read once
// per process.
func WritePDF(w io.Writer, d Document) error {
	fw, err := pdfkit.LoadWidths()
	if err != nil {
		return fmt.Errorf("price list fonts: %w", err)
	}
	b := &pdfBuilder{d: d, l: d.labels(), fw: fw}
	m := maroto.New(b.config())
	b.m = m
	if err := b.build(); err != nil {
		return err
	}
	doc, err := m.Generate()
	if err != nil {
		return fmt.Errorf("price list PDF: %w", err)
	}
	out := doc.GetBytes()
	if !d.Generated.IsZero() {
		pdfkit.ModifiedWhenCreated(out)
	}
	_, err = w.Write(out)
	return err
}

// pdfBuilder lays out one document.
type pdfBuilder struct {
	d  Document
	l  labels
	fw *pdfkit.FontWidths
	m  core.Maroto

	// The pager mirrors maroto's page filling (Maroto.addRow) so that a
	// category heading can be kept with its first line.
	used, headerH, footerH float64
}

func (b *pdfBuilder) config() *entity.Config {
	// Each document gets its own copy of the fonts: gofpdf appends to
	// slices of the bytes it is given while it subsets a font (padding a
	// table to checksum it), which writes into the shared array and races
	// with any other document being written. A copy costs well under a
	// millisecond.
	fonts := []*entity.CustomFont{
		{Family: fontFamily, Style: fontstyle.Normal, Bytes: bytes.Clone(assets.FontRegular)},
		{Family: fontFamily, Style: fontstyle.Bold, Bytes: bytes.Clone(assets.FontBold)},
	}
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
			Pattern: b.l.pageNumber, Place: props.RightBottom,
			Family: fontFamily, Style: fontstyle.Normal, Size: footerStyle.Size, Color: grey,
		}).
		WithCompression(true).
		WithTitle(b.fw.Clean(b.d.title()), true).
		WithCreator("Sdelka", false)
	if name := b.d.companyName(); name != "" {
		cb = cb.WithAuthor(b.fw.Clean(name), true)
	}
	if !b.d.Generated.IsZero() {
		cb = cb.WithCreationDate(b.d.Generated)
	}
	return cb.Build()
}

func (b *pdfBuilder) build() error {
	if err := b.m.RegisterFooter(b.footer()); err != nil {
		return fmt.Errorf("price list footer: %w", err)
	}
	b.footerH = footerRowH
	b.add(b.companyBlock()...)
	b.add(b.titleBlock()...)
	head := b.columnHeader()
	if err := b.m.RegisterHeader(head.row); err != nil {
		return fmt.Errorf("price list table header: %w", err)
	}
	b.headerH = head.height
	b.used += head.height
	for _, s := range b.d.Sections {
		if len(s.Lines) == 0 {
			continue // a heading over nothing
		}
		var first []sized
		if c := b.fw.Clean(s.Category); c != "" {
			first = append(first, b.categoryRow(c))
		}
		lines := make([]sized, len(s.Lines))
		for i, l := range s.Lines {
			lines[i] = b.lineRow(l)
		}
		if len(lines) > 0 {
			first = append(first, lines[0])
			lines = lines[1:]
		}
		b.keepTogether(first)
		b.add(lines...)
	}
	return nil
}

// sized is a row with its height, fixed when it is built.
type sized struct {
	row    core.Row
	height float64
}

// add appends rows as maroto will, tracking the page's use.
func (b *pdfBuilder) add(rows ...sized) {
	for _, r := range rows {
		if b.used+r.height+b.footerH > usableHeight {
			b.used = b.headerH
		}
		b.used += r.height
		b.m.AddRows(r.row)
	}
}

// keepTogether starts a new page for rows that would not all fit on this
// one (a heading and its first line).
func (b *pdfBuilder) keepTogether(rows []sized) {
	total := 0.0
	for _, r := range rows {
		total += r.height
	}
	if len(rows) == 0 || b.used+total+b.footerH <= usableHeight || b.used == b.headerH {
		b.add(rows...)
		return
	}
	p := page.New()
	for _, r := range rows {
		p.Add(r.row)
	}
	b.m.AddPages(p) // a new page, the header, then these rows
	b.used = b.headerH + total
}

// para is a paragraph of a cell: text in one style and colour.
type para struct {
	text  string
	st    style
	color *props.Color
	max   int // lines; 0 = no limit
}

// fontHeight is the height maroto gives a line of text of the style.
func fontHeight(st style) float64 { return st.Size * pdfkit.PtToMM }

// cell wraps the paragraphs to the width (in mm, padding included) and
// returns the text components stacked from top down, and the height the
// text needs (from top, which is not included).
func (b *pdfBuilder) cell(width, pad, top float64, al align.Type, paras ...para) ([]core.Component, float64) {
	var comps []core.Component
	y := 0.0
	for _, p := range paras {
		lines := b.fw.Wrap(b.fw.Clean(p.text), p.st, width-2*pad, p.max)
		if len(lines) == 0 {
			continue
		}
		if y > 0 {
			y += paraGap
		}
		fs := fontstyle.Normal
		if p.st.Bold {
			fs = fontstyle.Bold
		}
		for _, ln := range lines {
			comps = append(comps, text.New(ln, props.Text{
				Top: top + y, Left: pad, Right: pad, Family: fontFamily, Style: fs, Size: p.st.Size,
				Align: al, Color: p.color,
			}))
			y += fontHeight(p.st) * lineGap
		}
	}
	return comps, y
}

// tableRow makes a bordered row of cells, each a list of paragraphs, as
// tall as its tallest cell.
func (b *pdfBuilder) tableRow(fill *props.Color, cells ...[]para) sized {
	comps := make([][]core.Component, len(cells))
	height := 0.0
	for i, ps := range cells {
		c, h := b.cell(float64(columns[i].width), padX, padTop, columns[i].align, ps...)
		comps[i] = c
		height = max(height, h)
	}
	height += padTop + padBottom
	style := &props.Cell{BorderType: border.Full, BorderColor: ruleColor, BorderThickness: 0.1, BackgroundColor: fill}
	r := row.New(height)
	for i, c := range comps {
		r.Add(col.New(columns[i].width).Add(c...).WithStyle(style))
	}
	return sized{r, height}
}

func (b *pdfBuilder) columnHeader() sized {
	h := func(s string) []para { return []para{{text: s, st: headStyle, color: white}} }
	return b.tableRow(headFill, h(b.l.sku), h(b.l.name), h(b.l.unit), h(b.d.priceHeading()), h(b.l.vat), h(b.l.breaks))
}

func (b *pdfBuilder) categoryRow(name string) sized {
	comps, h := b.cell(usableWidth, 2, padTop+0.4, align.Left, para{text: name, st: categoryStyle, color: black, max: 3})
	height := h + padTop + padBottom + 0.6
	style := &props.Cell{BorderType: border.Full, BorderColor: ruleColor, BorderThickness: 0.1, BackgroundColor: categoryFill}
	return sized{row.New(height).Add(col.New(gridSize).Add(comps...).WithStyle(style)), height}
}

func (b *pdfBuilder) lineRow(l Line) sized {
	body := func(s string) []para { return []para{{text: s, st: bodyStyle, color: black, max: maxOtherLines}} }
	name := []para{{text: l.Name, st: bodyStyle, color: black, max: maxNameLines}}
	if strings.TrimSpace(l.Note) != "" {
		name = append(name, para{text: l.Note, st: noteStyle, color: grey, max: maxOtherLines})
	}
	price := []para{{text: b.d.money(l.Price), st: bodyStyle, color: black, max: 2}}
	if diff := b.d.difference(l); diff != "" {
		price = append(price, para{text: diff, st: diffStyle, color: grey, max: 3})
	}
	breaks := []para{{text: l.Breaks, st: breaksStyle, color: black, max: maxOtherLines}}
	return b.tableRow(nil, body(l.SKU), name, body(l.Unit), price, body(l.VAT), breaks)
}

// companyBlock is the logo and the requisites, then a rule.
func (b *pdfBuilder) companyBlock() []sized {
	var paras []para
	if n := b.d.companyName(); n != "" {
		paras = append(paras, para{text: n, st: companyStyle, color: black, max: 3})
	}
	for _, r := range b.d.requisites() {
		paras = append(paras, para{text: r, st: requisiteSty, color: black, max: 3})
	}
	logo, ext := logoImage(b.d.Company.Logo)
	textWidth, left := usableWidth, 0.0
	if logo != nil {
		textWidth, left = usableWidth-logoWidth, 4
	}
	comps, h := b.cell(textWidth, left, 0, align.Left, paras...)
	if len(comps) == 0 && logo == nil {
		return nil
	}
	height := h + 0.5
	var cols []core.Col
	if logo != nil {
		height = max(height, logoHeight)
		cols = append(cols,
			col.New(int(logoWidth)).Add(mimage.NewFromBytes(logo, ext, props.Rect{Percent: 100})),
			col.New(gridSize-int(logoWidth)).Add(comps...))
	} else {
		cols = append(cols, col.New(gridSize).Add(comps...))
	}
	r := row.New(height).Add(cols...)
	rule := line.NewRow(5, props.Line{Thickness: 0.3, Color: ruleColor, OffsetPercent: 50, SizePercent: 100})
	return []sized{{r, height}, {rule, 5}}
}

// titleBlock is the title, whom and when it is for, the currency and the
// VAT convention.
func (b *pdfBuilder) titleBlock() []sized {
	d, l := b.d, b.l
	paras := []para{{text: d.title(), st: titleStyle, color: black, max: 4}}
	if f := strings.TrimSpace(d.For); f != "" {
		paras = append(paras, para{text: l.forPrefix + f, st: infoStyle, color: black, max: 3})
	}
	info := d.currencyLine()
	if !d.Date.IsZero() {
		info = l.validOn + d.date(d.Date) + ". " + info
	}
	paras = append(paras,
		para{text: info, st: infoStyle, color: black, max: 3},
		para{text: d.vatConvention(), st: vatInfoStyle, color: black, max: 1})
	comps, h := b.cell(usableWidth, 0, 0, align.Left, paras...)
	height := h + 4
	return []sized{{row.New(height).Add(col.New(gridSize).Add(comps...)), height}}
}

// footer is a rule at the foot of the usable area and, in the bottom
// margin on the page number's line, the company and the generation time.
// (maroto prints the page number itself and cannot put text beside it in a
// footer row, so the text is placed below its row, at the number's height.)
func (b *pdfBuilder) footer() core.Row {
	var parts []string
	if n := b.d.shortName(); n != "" {
		parts = append(parts, n)
	}
	if !b.d.Generated.IsZero() {
		parts = append(parts, b.l.generated+b.d.dateTime(b.d.Generated))
	}
	c := col.New(gridSize).Add(line.New(props.Line{Thickness: 0.2, Color: ruleColor, OffsetPercent: 30, SizePercent: 100}))
	// Leave room for «Страница 999 из 999» on the right.
	if lines := b.fw.Wrap(b.fw.Clean(strings.Join(parts, " · ")), footerStyle, usableWidth-45, 1); len(lines) > 0 {
		c.Add(text.New(lines[0], props.Text{Top: footerRowH, Family: fontFamily, Size: footerStyle.Size, Color: grey}))
	}
	return row.New(footerRowH).Add(c)
}

// logoImage checks that the logo decodes as PNG or JPEG and names its type.
func logoImage(b []byte) ([]byte, extension.Type) {
	if len(b) == 0 {
		return nil, ""
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, ""
	}
	switch format {
	case "png":
		return b, extension.Png
	case "jpeg":
		return b, extension.Jpg
	}
	return nil, ""
}
