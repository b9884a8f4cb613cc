package docpdf

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sdelka/model"
)

// FileName is a file name for the pack's document: its kind, number and
// the customer, «Счёт СЧ-2026-0001 ООО Ромашка.pdf» ("Invoice INV-7 Acme
// Ltd.pdf" in English). It is safe on Windows, macOS and Linux: no path
// separators or characters Windows forbids (quotes are dropped, / \ : |
// become "-"), no control characters, no trailing dot or space, not a
// reserved device name, at most 120 characters before ".pdf".
func FileName(p model.PrintPack) string {
	l := ruLabels
	draft := "черновик"
	if english(p.Doc.Lang) {
		l, draft = enLabels, "draft"
	}
	kind := l.file[p.Doc.Kind]
	if kind == "" {
		kind = string(p.Doc.Kind)
	}
	number := firstOf(p.Doc.Number, draft)
	who := firstOf(p.Customer.ShortName, p.Customer.Name, p.Doc.CustomerName, p.Statement.CustomerName)
	return safeName(joinNonEmpty(" ", kind, number, who)) + ".pdf"
}

// maxNameRunes bounds a file name's stem.
const maxNameRunes = 120

// safeName makes s usable as a file name stem on every common system.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case strings.ContainsRune("«»\"„“”‘’'`", r), strings.ContainsRune("<>?*", r):
			continue
		case strings.ContainsRune(`/\:|`, r):
			b.WriteRune('-')
		case unicode.IsControl(r), unicode.IsSpace(r), unicode.Is(unicode.Cf, r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if rs := []rune(out); len(rs) > maxNameRunes {
		out = string(rs[:maxNameRunes])
	}
	out = strings.TrimLeft(out, ". -")
	out = strings.TrimRight(out, ". ")
	if out == "" {
		return "document"
	}
	stem := strings.ToUpper(out)
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		out = "_" + out
	}
	return out
}
