// Package pdfkit is what the PDF documents of Sdelka share: the embedded
// fonts' advance widths read once per process, text cleaning and wrapping
// with them (so a cell's height is known before maroto lays out a page and
// nothing overflows), and making gofpdf's output byte-for-byte repeatable.
package pdfkit

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"sdelka/assets"
)

// The PDF library measures text as the sum of each character's advance in
// thousandths of an em, rounded from the font's hmtx table, times the font
// size. The tables below hold the same numbers, read once per process from
// the embedded fonts, so this package wraps text itself: every line it hands
// to the PDF fits its cell, a cell's height is known before the page is laid
// out, and words longer than a cell are broken instead of overflowing.

// widths is one font's advance per BMP character in thousandths of an em;
// -1 marks a character the font has no glyph for.
type widths []int32

// FontWidths are the regular and bold tables.
type FontWidths struct{ regular, bold widths }

// LoadWidths reads the widths of the embedded fonts (once per process).
var LoadWidths = sync.OnceValues(func() (*FontWidths, error) {
	r, err := readWidths(assets.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("regular font: %w", err)
	}
	b, err := readWidths(assets.FontBold)
	if err != nil {
		return nil, fmt.Errorf("bold font: %w", err)
	}
	return &FontWidths{regular: r, bold: b}, nil
})

func readWidths(ttf []byte) (widths, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	upem := int64(f.UnitsPerEm())
	ppem := fixed.Int26_6(upem << 6) // advances come back in font units ×64
	var buf sfnt.Buffer
	w := make(widths, 0x10000)
	for r := range w {
		w[r] = -1
		if r == 0 || (r >= 0xD800 && r <= 0xDFFF) {
			continue
		}
		g, err := f.GlyphIndex(&buf, rune(r))
		if err != nil || g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			continue
		}
		units := int64(adv) >> 6
		w[r] = int32((units*1000*2 + upem) / (upem * 2)) // round(units × 1000 / upem)
	}
	return w, nil
}

// PtToMM converts points to millimetres as the PDF library does.
const PtToMM = 25.4 / 72

// Style is a font face and size.
type Style struct {
	Bold bool
	Size float64 // points
}

// Height is the height maroto gives a line of text of the style.
func (st Style) Height() float64 { return st.Size * PtToMM }

// Width is the printed width of s in millimetres.
func (fw *FontWidths) Width(s string, st Style) float64 {
	table := fw.regular
	if st.Bold {
		table = fw.bold
	}
	var units int64
	for _, r := range s {
		if r < 0x10000 && table[r] > 0 {
			units += int64(table[r])
		}
	}
	return float64(units) * st.Size * PtToMM / 1000
}

// Clean makes text printable with the fonts: it is put in composed form
// (text pasted from macOS or a PDF often carries й and ё decomposed),
// control characters and line breaks become spaces, runs of spaces one,
// invisible format characters go, and characters the fonts lack (emoji,
// rare scripts) become a question mark, since the PDF would show a box.
func (fw *FontWidths) Clean(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := true // drop leading spaces
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) {
			continue
		}
		if r >= 0x10000 || fw.regular[r] < 0 || fw.bold[r] < 0 {
			r = '?'
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// slack is kept free on every line so that rounding in the PDF library's
// own measurement can never find a line too wide and split it again.
const slack = 0.3

// Wrap breaks cleaned text into lines no wider than width millimetres:
// greedily at spaces, except a space between two digits ("1 234,56"), and
// inside a word only when the word alone is too wide. At most maxLines
// lines are returned (0: no limit), the last ending in "…" when text was
// cut.
func (fw *FontWidths) Wrap(s string, st Style, width float64, maxLines int) []string {
	if s == "" {
		return nil
	}
	width -= slack
	space := fw.Width(" ", st)
	var lines []string
	line, lineW := "", 0.0
	flush := func() {
		lines = append(lines, line)
		line, lineW = "", 0
	}
	for _, word := range splitWords(s) {
		w := fw.Width(word, st)
		if line != "" && lineW+space+w <= width {
			line += " " + word
			lineW += space + w
			continue
		}
		if line != "" {
			flush()
		}
		if w <= width {
			line, lineW = word, w
			continue
		}
		// A word wider than the cell: cut it by characters.
		for _, r := range word {
			rw := fw.Width(string(r), st)
			if line != "" && lineW+rw > width {
				flush()
			}
			line += string(r)
			lineW += rw
		}
	}
	if line != "" {
		flush()
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := []rune(lines[maxLines-1])
		for len(last) > 0 && fw.Width(string(last)+"…", st) > width {
			last = last[:len(last)-1]
		}
		lines[maxLines-1] = strings.TrimRight(string(last), " ") + "…"
	}
	return lines
}

// splitWords splits at spaces, keeping a space between two digits inside
// the word (digit groups of a number).
func splitWords(s string) []string {
	var words []string
	rs := []rune(s)
	start := 0
	for i, r := range rs {
		if r != ' ' {
			continue
		}
		if i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			continue
		}
		if i > start {
			words = append(words, string(rs[start:i]))
		}
		start = i + 1
	}
	if start < len(rs) {
		words = append(words, string(rs[start:]))
	}
	return words
}
