package pricelist

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// xlsxColumns are the sheet's columns: heading and width in characters.
func xlsxColumns(d Document) []struct {
	head  string
	width float64
} {
	l := d.labels()
	return []struct {
		head  string
		width float64
	}{
		{l.sku, 16}, {l.name, 60}, {l.unit, 8}, {d.priceHeading(), 14}, {l.vat, 10}, {l.breaks, 32}, {l.note, 40},
	}
}

// WriteXLSX writes the price list as a workbook with one sheet «Прайс-лист»
// ("Price list" in English): the title, company, whom and when it is for,
// currency and VAT convention on top, then a bold, frozen header row and the
// lines (SKU, name, unit, price, VAT, quantity prices, note), each category
// under a bold row of its own (categories without lines are left out). Prices are number cells with the currency's
// decimals, never text, so they can be summed and sorted.
func WriteXLSX(w io.Writer, d Document) error {
	f := excelize.NewFile()
	err := writeXLSX(f, d)
	if err == nil {
		_, err = f.WriteTo(w)
	}
	return errors.Join(err, f.Close())
}

func writeXLSX(f *excelize.File, d Document) error {
	l := d.labels()
	sheet := l.sheet
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	digits := d.minorDigits()
	priceFormat := "#,##0"
	if digits > 0 {
		priceFormat += "." + strings.Repeat("0", digits)
	}
	thin := []excelize.Border{
		{Type: "left", Color: "AAB0B8", Style: 1}, {Type: "right", Color: "AAB0B8", Style: 1},
		{Type: "top", Color: "AAB0B8", Style: 1}, {Type: "bottom", Color: "AAB0B8", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	var styleErr error
	newStyle := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		styleErr = errors.Join(styleErr, err)
		return id
	}
	var (
		titleStyle    = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
		boldStyle     = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		headStyle     = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Border: thin, Alignment: top, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"3A485C"}}})
		categoryStyle = newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Border: thin, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4EAF1"}}})
		textStyle     = newStyle(&excelize.Style{Border: thin, Alignment: top})
		centerStyle   = newStyle(&excelize.Style{Border: thin, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center", WrapText: true}})
		priceStyle    = newStyle(&excelize.Style{Border: thin, Alignment: &excelize.Alignment{Vertical: "top"}, CustomNumFmt: &priceFormat})
	)
	if styleErr != nil {
		return styleErr
	}

	// The rows above the table, known before the stream starts (the frozen
	// pane must be set before the first row).
	type textRow struct {
		text  string
		style int
	}
	head := []textRow{{xlsxText(d.title()), titleStyle}}
	if n := d.companyName(); n != "" {
		head = append(head, textRow{xlsxText(n), boldStyle})
	}
	for _, r := range d.requisites() {
		head = append(head, textRow{xlsxText(r), 0})
	}
	if s := strings.TrimSpace(d.For); s != "" {
		head = append(head, textRow{xlsxText(l.forPrefix + s), 0})
	}
	info := d.currencyLine()
	if !d.Date.IsZero() {
		info = l.validOn + d.date(d.Date) + ". " + info
	}
	head = append(head, textRow{xlsxText(info), 0}, textRow{d.vatConvention(), boldStyle})
	if !d.Generated.IsZero() {
		head = append(head, textRow{l.generated + d.dateTime(d.Generated), 0})
	}
	headerRow := len(head) + 2 // a blank row, then the column headings

	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	cols := xlsxColumns(d)
	last, _ := excelize.ColumnNumberToName(len(cols))
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A" + strconv.Itoa(headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 0
	set := func(values ...any) error {
		row++
		return sw.SetRow("A"+strconv.Itoa(row), values)
	}
	for i, h := range head {
		row++
		var opts []excelize.RowOpts
		if i == 0 {
			opts = append(opts, excelize.RowOpts{Height: 22}) // the title's larger type
		}
		r := strconv.Itoa(row)
		if err := sw.SetRow("A"+r, []any{excelize.Cell{StyleID: h.style, Value: h.text}}, opts...); err != nil {
			return err
		}
		if err := sw.MergeCell("A"+r, last+r); err != nil {
			return err
		}
	}
	row++ // blank
	headings := make([]any, len(cols))
	for i, c := range cols {
		headings[i] = excelize.Cell{StyleID: headStyle, Value: c.head}
	}
	if err := set(headings...); err != nil {
		return err
	}
	for _, s := range d.Sections {
		if len(s.Lines) == 0 {
			continue
		}
		if c := xlsxText(s.Category); c != "" {
			cells := make([]any, len(cols))
			cells[0] = excelize.Cell{StyleID: categoryStyle, Value: c}
			for i := 1; i < len(cells); i++ {
				cells[i] = excelize.Cell{StyleID: categoryStyle}
			}
			if err := set(cells...); err != nil {
				return err
			}
			r := strconv.Itoa(row)
			if err := sw.MergeCell("A"+r, last+r); err != nil {
				return err
			}
		}
		for _, ln := range s.Lines {
			price, err := strconv.ParseFloat(decimal(ln.Price, digits), 64)
			if err != nil {
				return fmt.Errorf("price of %q: %w", ln.SKU, err)
			}
			note := strings.TrimSpace(ln.Note)
			if diff := d.difference(ln); diff != "" {
				if note != "" {
					note += "; "
				}
				note += diff
			}
			if err := set(
				excelize.Cell{StyleID: textStyle, Value: xlsxText(ln.SKU)},
				excelize.Cell{StyleID: textStyle, Value: xlsxText(ln.Name)},
				excelize.Cell{StyleID: centerStyle, Value: xlsxText(ln.Unit)},
				excelize.Cell{StyleID: priceStyle, Value: price},
				excelize.Cell{StyleID: centerStyle, Value: xlsxText(ln.VAT)},
				excelize.Cell{StyleID: textStyle, Value: xlsxText(ln.Breaks)},
				excelize.Cell{StyleID: textStyle, Value: xlsxText(note)},
			); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// maxCellText is Excel's limit on the characters of one cell.
const maxCellText = 32767

// xlsxText makes text safe for a cell: composed form, trimmed, without the
// control characters XML 1.0 cannot carry (line breaks and tabs stay), and
// within Excel's length limit.
func xlsxText(s string) string {
	s = strings.TrimSpace(norm.NFC.String(s))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r), r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > maxCellText {
		s = string([]rune(s)[:maxCellText-1]) + "…"
	}
	return s
}
