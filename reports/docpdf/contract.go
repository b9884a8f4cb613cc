package docpdf

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
)

// bodyPara is a paragraph of a contract's text.
type bodyPara struct {
	text    string
	heading bool
}

// numbered matches a clause number opening a line: "1.", "2.3.", "10.1.2.".
var numbered = regexp.MustCompile(`^\d+(\.\d+)*\.(\s|$)`)

// parseBody splits a contract's text into paragraphs. A blank line ends a
// paragraph, and the lines of one paragraph are joined with spaces (a
// template may be wrapped by hand). A line starting with a clause number
// ("1.", "2.3.") starts a paragraph of its own. A line in capitals, or one
// starting with "#" (which is dropped), is a heading: a paragraph of its
// own, printed in bold.
func parseBody(body string) []bodyPara {
	var out []bodyPara
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, bodyPara{text: strings.Join(cur, " ")})
			cur = nil
		}
	}
	for _, ln := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		ln = strings.TrimSpace(strings.ReplaceAll(ln, "\r", ""))
		switch {
		case ln == "":
			flush()
		case strings.HasPrefix(ln, "#"):
			flush()
			if h := strings.TrimSpace(strings.TrimLeft(ln, "#")); h != "" {
				out = append(out, bodyPara{text: h, heading: true})
			}
		case allCaps(ln):
			flush()
			out = append(out, bodyPara{text: ln, heading: true})
		case numbered.MatchString(ln):
			flush()
			cur = append(cur, ln)
		default:
			cur = append(cur, ln)
		}
	}
	flush()
	return out
}

// allCaps tells a line with at least two letters, none of them lower case.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// cityOf finds the city in an address: «г. Москва» from «117997,
// г. Москва, ул. Вавилова, д. 19»; "" when there is none.
var cityRe = regexp.MustCompile(`(?:^|[\s,])(г\.\s*[^,]+)`)

func cityOf(address string) string {
	m := cityRe.FindStringSubmatch(address)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(m[1]), " ")
}

// contract prints a договор поставки: the title, the city and the date,
// the body as paragraphs (a paragraph may run on to the next page; a
// heading stays with the lines after it), then the parties' requisites in
// two columns and their signatures.
func (b *builder) contract() {
	d, l := b.d, b.l
	title := l.contract + " " + l.no + " " + b.number()
	b.add(b.space(2), b.textRow(align.Center, p(title, titleStyle, 3)), b.space(1))
	city := cityOf(b.us().address)
	if city != "" || !d.Date.IsZero() {
		half := b.g.grid() / 2
		b.add(b.plainRow(
			cell{w: half, paras: []para{p(city, infoStyle, 2)}},
			cell{w: b.g.grid() - half, paras: []para{p(b.f.longDate(d.Date), infoStyle, 1)}, al: align.Right}))
	}
	b.add(b.space(3))

	width := b.g.usableWidth()
	lineH := contractBody.Height() * lineGap
	headH := contractHead.Height() * lineGap
	var pending []sized // a heading, kept with what follows
	for _, bp := range parseBody(d.Body) {
		st, al, h := contractBody, align.Left, lineH
		if bp.heading {
			st, al, h = contractHead, align.Center, headH
		}
		lines := b.fw.Wrap(b.fw.Clean(bp.text), st, width, 0)
		rows := []sized{b.space(1.8)}
		if bp.heading {
			rows = append(rows, b.space(1.2))
		}
		for _, ln := range lines {
			rows = append(rows, b.lineRow(ln, st, al, h))
		}
		if bp.heading {
			pending = append(pending, rows...)
			continue
		}
		if len(pending) > 0 {
			n := min(len(rows), 3) // the space and two lines
			b.keep(append(pending, rows[:n]...)...)
			pending = nil
			rows = rows[n:]
		}
		b.add(rows...)
	}
	b.add(pending...)

	b.add(b.space(4))
	b.keep(b.requisitesBlock()...)
	b.add(b.space(3))
	us := b.us()
	b.keep(b.signatures(
		side{title: strings.TrimSuffix(l.supplier, ":"), signers: []signer{{role: l.director, name: us.director}}, mark: true},
		side{title: strings.TrimSuffix(l.buyer, ":"), signers: []signer{{role: l.director}}, mark: true},
	)...)
}

// lineRow is one wrapped line of text as a row of its own, so that a
// paragraph can break across pages between any two lines.
func (b *builder) lineRow(s string, st style, al align.Type, h float64) sized {
	comps := components([]laidLine{{text: s, st: st}}, 0, 0, 0, al)
	return sized{row.New(h).Add(col.New(b.g.grid()).Add(comps...)), h}
}

// requisitesBlock is the heading and both parties' details side by side.
func (b *builder) requisitesBlock() []sized {
	l := b.l
	half := (b.g.grid() - signGap) / 2
	col := func(title string, pt party) []para {
		out := []para{p(title, boldStyle, 1), p(pt.name, boldStyle, 4)}
		for _, s := range []string{
			joinNonEmpty(", ", labelled(l.inn+" ", pt.inn), labelled(l.kpp+" ", pt.kpp)),
			labelled(l.ogrn+" ", pt.ogrn),
			pt.address,
			joinNonEmpty(", ", labelled(l.account, pt.account), labelled(l.bankIn, pt.bank)),
			joinNonEmpty(", ", labelled(l.bic, pt.bic), labelled(l.corr, pt.corr)),
			joinNonEmpty(", ", labelled(l.phone, pt.phone), labelled(l.email, pt.email)),
		} {
			if s != "" {
				out = append(out, p(s, bodyStyle, 4))
			}
		}
		return out
	}
	return []sized{
		b.textRow(align.Center, p(l.requisitesHeading, contractHead, 2)),
		b.space(1.5),
		b.plainRow(
			cell{w: half, paras: col(strings.TrimSuffix(l.supplier, ":"), b.us())},
			cell{w: b.g.grid() - 2*half},
			cell{w: half, paras: col(strings.TrimSuffix(l.buyer, ":"), b.them())}),
	}
}
