// Package docpdf prints Sdelka's sales documents to PDF: quotes, customer
// orders, invoices for payment (with the payee's bank block, the payment QR
// code, signatures and stamp), waybills in the ТОРГ-12 layout (landscape;
// a simpler delivery note in English), credit notes, supply contracts and
// statements of account (акт сверки). A document prints in Russian, or in
// English when its Lang says "en".
//
// The caller reads a model.PrintPack and hands it over; this package never
// queries and does no business arithmetic beyond adding up what it prints:
// totals come from model.DocTotals over the document's lines, the payment
// schedule from model.Schedule, amounts in words from model.AmountInWords.
//
// Every document is A4 with the page number («Страница N из M») in the
// footer, Noto Sans embedded (Cyrillic, «», №, ₽), compressed, and the
// same bytes for the same pack (pack.Generated fixes the dates). A table
// longer than a page repeats its header on every page; no row is taller
// than a page (cells are cut with "…" after a generous number of lines).
// Write is safe for concurrent use; WriteAll exports a batch in parallel.
package docpdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/reports/pdfkit"
)

// Result describes a written document.
type Result struct {
	Pages int // pages in the PDF
	// Warnings are what was left out and why, for the user: the payment QR
	// code when its payload could not be built, a stamp or signature image
	// that does not decode.
	Warnings []string
}

// ErrKind: the pack's document is of a kind this package does not print.
var ErrKind = errors.New("unknown document kind")

// gofpdf writes a document's font objects in map order unless told to sort
// them, and maroto creates its gofpdf instances without a way to tell them:
// the library's default is the only handle. Sorting changes nothing but the
// order of objects and makes the same document give the same bytes (with
// the creation date fixed). reports/pricelist sets the same default; it is
// set in init, before any PDF is made, so no goroutine reads it while it
// changes.
func init() { gofpdf.SetDefaultCatalogSort(true) }

// fontFamily is the name the embedded Noto Sans is registered under.
const fontFamily = "notosans"

// Write prints the pack's document as PDF to w. The document is built in
// memory and written in one call. Result.Warnings lists what was left out
// (a QR code whose payload failed, an image that does not decode): the
// document is printed without it. The error is ErrKind for an unknown
// kind, or a failure to lay out or write.
func Write(w io.Writer, p model.PrintPack) (Result, error) {
	out, res, err := render(p)
	if err != nil {
		return res, err
	}
	if _, err := w.Write(out); err != nil {
		return res, fmt.Errorf("write %s: %w", p.Doc.Number, err)
	}
	return res, nil
}

// render lays out and generates the document.
func render(p model.PrintPack) ([]byte, Result, error) {
	if !p.Doc.Kind.Valid() {
		return nil, Result{}, fmt.Errorf("print %q: %w", p.Doc.Kind, ErrKind)
	}
	fw, err := pdfkit.LoadWidths()
	if err != nil {
		return nil, Result{}, fmt.Errorf("document fonts: %w", err)
	}
	en := english(p.Doc.Lang)
	b := &builder{p: p, d: p.Doc, fw: fw, l: ruLabels, g: portrait, pages: 1,
		f: format{en: en, digits: minorDigits(p.Currency), code: currencyCode(p.Currency)}}
	if en {
		b.l = enLabels
	}
	if p.Doc.Kind.HasLines() {
		if b.totals, err = model.DocTotals(p.Doc.Lines); err != nil {
			return nil, Result{}, fmt.Errorf("totals of %s %s: %w", p.Doc.Kind, p.Doc.Number, err)
		}
	}
	if p.Doc.Kind == model.DocWaybill && !en {
		b.g = landscape
	}
	if p.Doc.Kind == model.DocInvoice {
		b.qr = b.startQR()
	}
	b.m = maroto.New(b.config())
	if err := b.m.RegisterFooter(b.footer()); err != nil {
		return nil, Result{}, fmt.Errorf("document footer: %w", err)
	}
	switch p.Doc.Kind {
	case model.DocQuote, model.DocOrder:
		b.salesDocument()
	case model.DocInvoice:
		b.invoice()
	case model.DocWaybill:
		if en {
			b.deliveryNote()
		} else {
			b.waybill()
		}
	case model.DocCreditNote:
		b.creditNote()
	case model.DocContract:
		b.contract()
	case model.DocStatement:
		b.statement()
	}
	doc, err := b.m.Generate()
	if err != nil {
		return nil, Result{}, fmt.Errorf("generate %s %s: %w", p.Doc.Kind, p.Doc.Number, err)
	}
	out := doc.GetBytes()
	if !p.Generated.IsZero() {
		pdfkit.ModifiedWhenCreated(out)
	}
	return out, Result{Pages: b.pages, Warnings: b.warnings}, nil
}

// builder lays out one document.
type builder struct {
	p      model.PrintPack
	d      model.Document
	l      *labels
	f      format
	fw     *pdfkit.FontWidths
	g      geometry
	m      core.Maroto
	totals model.Totals

	used     float64 // millimetres of the current page taken, as maroto counts
	pages    int
	pics     []*picture
	warnings []string
	qr       <-chan qrDrawing // an invoice's payment QR code being drawn
}

// warn records what was left out of the document and why.
func (b *builder) warn(msg string, args ...any) {
	b.warnings = append(b.warnings, fmt.Sprintf(msg, args...))
}

func (b *builder) config() *entity.Config {
	// Each document gets its own copy of the fonts: gofpdf appends to
	// slices of the bytes it is given while it subsets a font, which would
	// write into the shared array and race with other documents.
	fonts := []*entity.CustomFont{
		{Family: fontFamily, Style: fontstyle.Normal, Bytes: bytes.Clone(assets.FontRegular)},
		{Family: fontFamily, Style: fontstyle.Bold, Bytes: bytes.Clone(assets.FontBold)},
	}
	cb := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(b.g.left).
		WithTopMargin(b.g.top).
		WithRightMargin(b.g.right).
		WithBottomMargin(b.g.bottom).
		WithMaxGridSize(b.g.grid()).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: fontFamily, Style: fontstyle.Normal, Size: bodyStyle.Size, Color: black}).
		WithPageNumber(props.PageNumber{
			Pattern: b.l.page, Place: props.RightBottom,
			Family: fontFamily, Style: fontstyle.Normal, Size: footerStyle.Size, Color: grey,
		}).
		WithCompression(true).
		WithTitle(b.fw.Clean(b.docTitle()), true).
		WithCreator("Sdelka", false)
	if b.g.width > b.g.height {
		cb = cb.WithOrientation(orientation.Horizontal)
	}
	if name := b.companyShort(); name != "" {
		cb = cb.WithAuthor(b.fw.Clean(name), true)
	}
	if !b.p.Generated.IsZero() {
		cb = cb.WithCreationDate(b.p.Generated)
	}
	return cb.Build()
}

// footer is a rule at the foot of the usable area and, in the bottom
// margin on the page number's line, the document and the company. (maroto
// prints the page number itself and cannot put text beside it in a footer
// row, so the text is placed below its row, at the number's height.)
func (b *builder) footer() core.Row {
	parts := []string{b.docTitle()}
	if n := b.companyShort(); n != "" {
		parts = append(parts, n)
	}
	c := col.New(b.g.grid()).Add(line.New(props.Line{Thickness: 0.2, Color: softRule, OffsetPercent: 30, SizePercent: 100}))
	// Leave room for «Страница 999 из 999» on the right.
	if lines := b.fw.Wrap(b.fw.Clean(strings.Join(parts, " · ")), footerStyle, b.g.usableWidth()-45, 1); len(lines) > 0 {
		c.Add(components([]laidLine{{text: lines[0], st: footerStyle, color: grey}}, 0, 0, footerH, align.Left)...)
	}
	return row.New(footerH).Add(c)
}
