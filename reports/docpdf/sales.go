package docpdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"

	"sdelka/model"
)

// unit is a line's unit as printed: the symbol, or its English name.
func (b *builder) unit(l model.DocLine) string {
	if b.f.en {
		if u, ok := model.UnitByCode(l.UnitCode); ok {
			return u.En
		}
	}
	return l.Unit
}

// shown is the amount a line's «Сумма» column prints: with VAT when the
// prices include it (or there is none), else without.
func (b *builder) shown(a model.LineAmounts) model.Money {
	if b.d.PricesIncludeVAT || b.d.NoVAT {
		return a.Gross
	}
	return a.Net
}

// shownTotal is the sum of the shown amounts: «Итого».
func (b *builder) shownTotal() model.Money {
	if b.d.PricesIncludeVAT || b.d.NoVAT {
		return b.totals.Gross
	}
	return b.totals.Net
}

// nameParas is a line's name with its SKU (when not in a column of its
// own) and note in small grey type under it.
func (b *builder) nameParas(l model.DocLine, withSKU bool) []para {
	out := []para{p(l.Name, bodyStyle, maxNameLines)}
	if withSKU && strings.TrimSpace(l.SKU) != "" {
		out = append(out, para{text: b.l.colSKU + ": " + l.SKU, st: smallStyle, color: grey, max: 2})
	}
	if strings.TrimSpace(l.Note) != "" {
		out = append(out, para{text: l.Note, st: smallStyle, color: grey, max: maxOtherLines})
	}
	return out
}

// salesTable is the lines of a quote, order or invoice: №, (SKU,) name,
// quantity, unit, price, (VAT rate,) amount.
func (b *builder) salesTable() {
	l := b.l
	invoice := b.d.Kind == model.DocInvoice
	var cols []column
	if invoice {
		cols = []column{{l.colNo, 8, align.Center}, {l.colItem, 94, align.Left}, {l.colQty, 18, align.Right},
			{l.colUnit, 12, align.Center}, {l.colPrice, 25, align.Right}, {l.colAmount, 29, align.Right}}
	} else {
		cols = []column{{l.colNo, 8, align.Center}, {l.colSKU, 22, align.Left}, {l.colItem, 64, align.Left},
			{l.colQty, 16, align.Right}, {l.colUnit, 12, align.Center}, {l.colPrice, 24, align.Right},
			{l.colVATRate, 14, align.Center}, {l.colAmount, 26, align.Right}}
	}
	rows := make([]sized, len(b.d.Lines))
	for i, ln := range b.d.Lines {
		no := fmt.Sprint(ln.No)
		if ln.No == 0 {
			no = fmt.Sprint(i + 1)
		}
		if invoice {
			rows[i] = b.tableRow(cols, nil, v(no), b.nameParas(ln, true), v(b.f.qty(ln.Qty)), v(b.unit(ln)),
				v(b.f.money(ln.Price)), v(b.f.money(b.shown(ln.Amounts))))
		} else {
			rows[i] = b.tableRow(cols, nil, v(no), v(ln.SKU), b.nameParas(ln, false), v(b.f.qty(ln.Qty)), v(b.unit(ln)),
				v(b.f.money(ln.Price)), v(b.f.vatLabel(ln.VATCat, ln.VATBP)), v(b.f.money(b.shown(ln.Amounts))))
		}
	}
	b.table([]sized{b.headerRow(cols)}, rows, nil, 0)
}

// sumW is the width of the value column of total rows.
const sumW = 32

// sumRow is a total: a label right-aligned against its value.
func (b *builder) sumRow(label, value string, st style) sized {
	return b.rowOf(0.4, 0.6, 0,
		cell{w: b.g.grid() - sumW, paras: []para{p(label, st, 2)}, al: align.Right, pad: 1.5},
		cell{w: sumW, paras: []para{p(value, st, 2)}, al: align.Right, pad: padX},
	)
}

// vatRows are the tax lines of the totals, one per rate in the order the
// rates first appear: «В том числе НДС 22%: 222,62» when prices include
// VAT, «НДС 22%: …» when it is added on top, «Без НДС» for untaxed lines
// (or alone when the company charges no VAT). Amounts are multiplied by
// sign (−1 prints a credit note's negative figures as positive).
func (b *builder) vatRows(t model.Totals, sign model.Money) []sized {
	if b.d.NoVAT {
		return []sized{b.sumRow(b.l.noVAT, "—", totalStyle)}
	}
	var out []sized
	for _, r := range t.ByRate {
		if r.Cat == model.VATNone || r.Cat == "" {
			out = append(out, b.sumRow(b.l.noVAT, "—", totalStyle))
			continue
		}
		label := b.l.vat
		if b.d.PricesIncludeVAT {
			label = b.l.vatIncluded
		}
		out = append(out, b.sumRow(fmt.Sprintf(label, b.f.vatLabel(r.Cat, r.BP)), b.f.money(sign*r.VAT), totalStyle))
	}
	return out
}

// totalRows are «Итого», the tax lines and «Всего к оплате».
func (b *builder) totalRows() []sized {
	rows := []sized{b.sumRow(b.l.total, b.f.money(b.shownTotal()), totalStyle)}
	rows = append(rows, b.vatRows(b.totals, 1)...)
	return append(rows, b.sumRow(b.l.toPay, b.f.money(b.totals.Gross), totalStyle))
}

// currency is the pack's currency with its code and decimals filled in,
// for model's text functions.
func (b *builder) currency() model.Currency {
	c := b.p.Currency
	c.Code = b.f.code
	c.MinorDigits = b.f.digits
	return c
}

// inWords is an amount in words with a capital letter (its magnitude).
func (b *builder) inWords(m model.Money) string {
	if m < 0 {
		m = -m
	}
	return model.AmountInWords(m, b.currency(), langCode(b.f.en))
}

// wordsRows are «Всего наименований N, на сумму …» and the amount in words.
func (b *builder) wordsRows(items int, amount model.Money) []sized {
	return []sized{
		b.space(1.5),
		b.textRow(align.Left,
			p(fmt.Sprintf(b.l.itemsSum, items, b.f.moneyCur(amount)), infoStyle, 3),
			p(b.inWords(amount), infoBold, 4)),
	}
}

// infoLine is a full-width line of information.
func (b *builder) infoLine(s string) sized {
	return b.textRow(align.Left, p(s, infoStyle, maxInfoLines))
}

// salesDocument prints a quote or a customer order: the company's head,
// the title, the parties, the lines, totals in figures and words, the
// terms, and signatures.
func (b *builder) salesDocument() {
	d, l := b.d, b.l
	b.add(b.companyBlock()...)
	var sub []string
	if d.Kind == model.DocQuote && !d.ValidUntil.IsZero() {
		sub = append(sub, l.validUntil+b.f.date(d.ValidUntil))
	}
	b.add(b.title(b.docTitle()+l.yearSuffix, sub...)...)
	if d.Kind == model.DocQuote {
		b.add(b.partyRow(l.to, b.them(), false))
	} else {
		b.add(b.partyRow(l.supplier, b.us(), false), b.partyRow(l.buyer, b.them(), false))
		if s := b.basis(false); s != "" && b.p.Contract.Number != "" {
			b.add(b.infoRow(l.basis, p(s, infoStyle, 3)))
		}
		if !d.DeliveryDate.IsZero() {
			b.add(b.infoRow(l.deliveryBy, p(b.f.date(d.DeliveryDate), infoStyle, 1)))
		}
	}
	b.add(b.space(2))
	b.salesTable()
	b.keep(append(b.totalRows(), b.wordsRows(b.totals.Lines, b.totals.Gross)...)...)
	if !d.Terms.IsZero() {
		b.add(b.infoLine(l.paymentTerms + model.TermsText(d.Terms, langCode(b.f.en))))
	}
	for _, ins := range b.p.Insurance {
		b.add(b.infoLine(l.insurance + joinNonEmpty(", ", ins.Insurer, l.no+" "+ins.Number, b.f.moneyCur(ins.Insured))))
	}
	if s := strings.TrimSpace(d.Note); s != "" {
		b.add(b.infoLine(l.note + s))
	}
	if s := strings.TrimSpace(d.OwnerName); s != "" {
		b.add(b.infoLine(l.manager + s))
	}
	b.add(b.space(4))
	us := side{signers: []signer{{role: l.director, name: b.us().director}}, mark: true}
	if d.Kind == model.DocQuote {
		b.keep(b.signatures(us)...)
		return
	}
	us.title = strings.TrimSuffix(l.supplier, ":")
	them := side{title: strings.TrimSuffix(l.buyer, ":"), signers: []signer{{role: l.director}}, mark: true}
	b.keep(b.signatures(us, them)...)
}
