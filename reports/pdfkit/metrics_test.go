package pdfkit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func widthsForTest(t testing.TB) *FontWidths {
	t.Helper()
	fw, err := LoadWidths()
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func TestFontsCoverRussianDocuments(t *testing.T) {
	fw := widthsForTest(t)
	for _, r := range "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»№₽—–…²³×·€$%\u00a0" {
		if fw.regular[r] <= 0 || fw.bold[r] <= 0 {
			t.Errorf("the fonts lack %q (U+%04X)", r, r)
		}
	}
}

func TestClean(t *testing.T) {
	fw := widthsForTest(t)
	for in, want := range map[string]string{
		"  Ручка\tсиняя\r\n0,7 мм  ": "Ручка синяя 0,7 мм",
		"Йогурт е\u0308лочный":       "Йогурт ёлочный",
		"Кофе ☕ 😀":                   "Кофе ? ?",
		"a\u200Bb\uFEFFc":            "abc",
		"1\u00A0234,56":              "1\u00A0234,56",
		"":                           "",
	} {
		if got := fw.Clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	fw := widthsForTest(t)
	st := Style{Size: 8}
	name := "Многофункциональное устройство лазерное цветное с автоматической двусторонней печатью, формат А4"
	lines := fw.Wrap(name, st, 40, 0)
	if len(lines) < 3 {
		t.Errorf("%q wrapped into %d lines at 40 mm", name, len(lines))
	}
	if got := strings.Join(lines, " "); got != name {
		t.Errorf("lines %q do not join back to the name", lines)
	}
	for _, l := range lines {
		if w := fw.Width(l, st); w > 40-slack {
			t.Errorf("line %q is %.2f mm, wider than 40", l, w)
		}
	}
	// A number's digit groups stay together.
	lines = fw.Wrap("от 1 000 000 шт — 1 234 567,89", st, 22, 0)
	for _, l := range lines {
		if strings.HasSuffix(l, "1") || strings.HasPrefix(l, "000") || strings.HasPrefix(l, "234") {
			t.Errorf("a number was split: %q", lines)
		}
	}
	// A word too wide is cut by characters.
	long := strings.Repeat("Ш", 40)
	lines = fw.Wrap(long, st, 20, 0)
	if len(lines) < 2 || strings.Join(lines, "") != long {
		t.Errorf("long word wrapped as %q", lines)
	}
	// Too many lines: cut with an ellipsis that fits.
	lines = fw.Wrap(name+" "+name, st, 30, 3)
	if len(lines) != 3 || !strings.HasSuffix(lines[2], "…") || fw.Width(lines[2], st) > 30-slack {
		t.Errorf("truncated to %q", lines)
	}
}

func FuzzWrap(f *testing.F) {
	f.Add("Ручка шариковая «Пилот» BPS-GP, синяя, 0,7 мм", 30.0)
	f.Add("от 100 шт — 42,00; от 1 000 шт — 39,50", 20.0)
	f.Add(strings.Repeat("Оченьдлинноеслово", 5), 13.0)
	f.Add("е\u0308 😀 \x00\t\n", 5.0)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if !(width >= 5 && width <= 200) || !utf8.ValidString(s) {
			return
		}
		fw := widthsForTest(t)
		st := Style{Size: 8}
		c := fw.Clean(s)
		lines := fw.Wrap(c, st, width, 0)
		var joined strings.Builder
		for _, l := range lines {
			if l == "" {
				t.Fatalf("empty line in %q", lines)
			}
			if fw.Width(l, st) > width-slack && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("line %q is %.2f mm, wider than %.2f", l, fw.Width(l, st), width)
			}
			joined.WriteString(l)
		}
		squeeze := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if squeeze(joined.String()) != squeeze(c) {
			t.Fatalf("wrapping lost text: %q became %q", c, lines)
		}
	})
}
