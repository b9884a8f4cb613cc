package docpdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"

	"sdelka/model"
)

// waybillWidths are the ТОРГ-12 table's columns on landscape A4 (273 mm).
var waybillWidths = []int{8, 63, 24, 14, 12, 18, 20, 24, 26, 14, 24, 26}

// wbLine is one waybill line's printed figures.
type wbLine struct {
	price                   model.Money // per unit without VAT
	net, vat, gross         model.Money
	qty                     model.Qty
	weightGrams             int64
	weightKnown, taxed, any bool
}

// waybillFigures are a line's price without VAT (derived from the amount
// when prices include VAT) and its gross weight.
func (b *builder) waybillFigures(l model.DocLine) wbLine {
	w := wbLine{price: l.Price, net: l.Amounts.Net, vat: l.Amounts.VAT, gross: l.Amounts.Gross, qty: l.Qty,
		taxed: !b.d.NoVAT && l.VATCat != model.VATNone && l.VATCat != "", any: true}
	if b.d.PricesIncludeVAT && w.taxed && l.Qty != 0 {
		if q, ok := model.MulDivRound(int64(l.Amounts.Net), 1000, int64(l.Qty)); ok {
			w.price = model.Money(q)
		}
	}
	if l.WeightGrams > 0 {
		if g, ok := model.MulDivRound(l.WeightGrams, int64(l.Qty), 1000); ok {
			w.weightGrams, w.weightKnown = g, true
		}
	}
	return w
}

// sum adds up lines for a total row.
func sumFigures(ls []wbLine) wbLine {
	var t wbLine
	for _, l := range ls {
		t.net += l.net
		t.vat += l.vat
		t.gross += l.gross
		t.qty += l.qty
		t.weightGrams += l.weightGrams
		t.weightKnown = t.weightKnown || l.weightKnown
		t.taxed = t.taxed || l.taxed
	}
	return t
}

// kg writes grams as kilograms without trailing zeros.
func (b *builder) kg(grams int64) string { return b.f.qty(model.Qty(grams)) }

// waybill prints a товарная накладная in the ТОРГ-12 layout on landscape
// A4 (a Russian form: its column headings are in Russian only; English
// documents get deliveryNote): consignor, consignee, supplier and payer with their requisites, the
// basis, number and date; the table with a total per page and for the
// document; the count of records and the amount in words; signatures.
func (b *builder) waybill() {
	d, l := b.d, b.l
	us, them := b.us(), b.them()
	b.add(b.partyRow(l.consignor, us, true), b.partyRow(l.consignee, them, true),
		b.partyRow(l.supplier, us, true), b.partyRow(l.payer, them, true))
	if s := b.basis(true); s != "" {
		b.add(b.infoRow(l.basis, p(s, infoStyle, 3)))
	}
	b.add(b.space(2))
	b.add(b.waybillTitle()...)
	b.add(b.space(2))

	figs := make([]wbLine, len(d.Lines))
	rows := make([]sized, len(d.Lines))
	for i, ln := range d.Lines {
		figs[i] = b.waybillFigures(ln)
		no := ln.No
		if no == 0 {
			no = i + 1
		}
		rows[i] = b.waybillRow(figs[i], v(fmt.Sprint(no)), b.nameParas(ln, false), v(ln.SKU), v(b.unit(ln)), v(ln.UnitCode),
			v(b.f.vatLabel(ln.VATCat, ln.VATBP)))
	}
	all := sumFigures(figs)
	totalRow := func(label string, t wbLine) sized {
		return b.waybillTotal(label, t)
	}
	reserve := totalRow(l.pageTotal, all).height
	b.table(b.waybillHeader(), rows, func(from, to int) sized {
		return totalRow(l.pageTotal, sumFigures(figs[from:to]))
	}, reserve)
	b.add(totalRow(l.docTotal, all))

	n := len(d.Lines)
	lang := langCode(b.f.en)
	noun := map[string]string{"one": "порядковый номер записи", "few": "порядковых номера записей"}[model.PluralForm(lang, int64(n))]
	if noun == "" {
		noun = "порядковых номеров записей"
	}
	foot := []para{p(fmt.Sprintf(l.recordsWords, model.NumberInWords(int64(n), false, lang), noun), infoStyle, 2)}
	if all.weightKnown {
		foot = append(foot, p(fmt.Sprintf(l.weightTotal, b.kg(all.weightGrams)), infoStyle, 1))
	}
	foot = append(foot, p(l.releasedWords+b.inWords(all.gross), infoBold, 3))
	block := []sized{b.space(2), b.textRow(align.Left, foot...), b.space(3)}
	block = append(block, b.signatures(
		side{signers: []signer{
			{role: l.releaseAllowed + ", " + strings.ToLower(l.director), name: us.director},
			{role: l.chiefAccountant, name: us.accountant},
			{role: l.releasedBy},
		}, mark: true},
		side{title: l.proxy, signers: []signer{{role: l.shippedBy}, {role: l.receivedBy}}, mark: true},
	)...)
	b.keep(block...)
}

// waybillTitle is «ТОВАРНАЯ НАКЛАДНАЯ» beside a small table of the
// number and the date.
func (b *builder) waybillTitle() []sized {
	const numW, dateW, titleW = 40, 40, 70
	spacer := b.g.grid() - numW - dateW - titleW
	head := func(s string) []para { return []para{p(s, headStyle, 2)} }
	return []sized{
		b.gridRow(cell{w: spacer}, cell{w: titleW},
			cell{w: numW, paras: head("Номер документа"), al: align.Center, border: border.Full, fill: headFill},
			cell{w: dateW, paras: head("Дата составления"), al: align.Center, border: border.Full, fill: headFill}),
		b.rowOf(padTop, padBottom, 0, cell{w: spacer},
			cell{w: titleW, paras: []para{p(strings.ToUpper(b.l.waybill), style{Bold: true, Size: 11}, 1)}, al: align.Right, pad: 3},
			cell{w: numW, paras: vb(b.number()), al: align.Center, border: border.Full},
			cell{w: dateW, paras: vb(b.f.date(b.d.Date)), al: align.Center, border: border.Full}),
	}
}

// waybillHeader is the table's two-level header and the row of column
// numbers, repeated on every page.
func (b *builder) waybillHeader() []sized {
	l, w := b.l, waybillWidths
	h := func(s string) []para { return []para{p(s, headStyle, 4)} }
	top, bottom := border.Left|border.Top|border.Right, border.Left|border.Right|border.Bottom
	hc := func(width int, s string, bd border.Type) cell {
		return cell{w: width, paras: h(s), al: align.Center, border: bd, fill: headFill, middle: bd == border.Full}
	}
	first := b.gridRow(
		hc(w[0], "№ п/п", top),
		hc(w[1]+w[2], l.colGoods, border.Full),
		hc(w[3]+w[4], l.colUnitGroup, border.Full),
		hc(w[5], l.colWeight, top),
		hc(w[6], "Количество (масса нетто)", top),
		hc(w[7], l.colPrice+", "+b.curShort(), top),
		hc(w[8], l.colNet+", "+b.curShort(), top),
		hc(w[9]+w[10], l.colVATGroup, border.Full),
		hc(w[11], l.colGross+", "+b.curShort(), top),
	)
	second := b.gridRow(
		hc(w[0], "", bottom),
		hc(w[1], "наименование, характеристика, сорт", border.Full),
		hc(w[2], "код (артикул)", border.Full),
		hc(w[3], "наим.", border.Full),
		hc(w[4], l.colOKEI, border.Full),
		hc(w[5], "", bottom), hc(w[6], "", bottom), hc(w[7], "", bottom), hc(w[8], "", bottom),
		hc(w[9], "ставка, %", border.Full),
		hc(w[10], "сумма, "+b.curShort(), border.Full),
		hc(w[11], "", bottom),
	)
	numbers := make([]cell, len(w))
	for i, cw := range w {
		numbers[i] = cell{w: cw, paras: []para{p(fmt.Sprint(i+1), smallStyle, 1)}, al: align.Center, border: border.Full}
	}
	return []sized{first, second, b.rowOf(0.3, 0.6, 0, numbers...)}
}

// curShort is the currency in column headings: «руб.», or its code.
func (b *builder) curShort() string {
	if b.f.code == "RUB" && !b.f.en {
		return "руб."
	}
	return b.f.code
}

// waybillRow is a line of the table.
func (b *builder) waybillRow(f wbLine, no, name, sku, unit, okei, rate []para) sized {
	cols := b.waybillCols()
	weight := ""
	if f.weightKnown {
		weight = b.kg(f.weightGrams)
	}
	vat := b.f.money(f.vat)
	if !f.taxed {
		vat = "—"
	}
	return b.tableRow(cols, nil, no, name, sku, unit, okei, v(weight), v(b.f.qty(f.qty)), v(b.f.money(f.price)),
		v(b.f.money(f.net)), rate, v(vat), v(b.f.money(f.gross)))
}

// waybillCols are the table's columns for data rows.
func (b *builder) waybillCols() []column {
	w := waybillWidths
	al := []align.Type{align.Center, align.Left, align.Left, align.Center, align.Center, align.Right, align.Right,
		align.Right, align.Right, align.Center, align.Right, align.Right}
	cols := make([]column, len(w))
	for i := range w {
		cols[i] = column{w: w[i], align: al[i]}
	}
	return cols
}

// waybillTotal is a total row: «Итого» for a page, «Всего по накладной».
func (b *builder) waybillTotal(label string, t wbLine) sized {
	w := waybillWidths
	weight := ""
	if t.weightKnown {
		weight = b.kg(t.weightGrams)
	}
	vat := "—"
	if t.taxed {
		vat = b.f.money(t.vat)
	}
	lw := w[0] + w[1] + w[2] + w[3] + w[4]
	c := func(width int, s string, al align.Type, bd border.Type) cell {
		return cell{w: width, paras: vb(s), al: al, border: bd, fill: totalFill}
	}
	return b.gridRow(
		cell{w: lw, paras: vb(label), al: align.Right, pad: 2},
		c(w[5], weight, align.Right, border.Full),
		c(w[6], b.f.qty(t.qty), align.Right, border.Full),
		c(w[7], "X", align.Center, border.Full),
		c(w[8], b.f.money(t.net), align.Right, border.Full),
		c(w[9], "X", align.Center, border.Full),
		c(w[10], vat, align.Right, border.Full),
		c(w[11], b.f.money(t.gross), align.Right, border.Full),
	)
}

// deliveryNote prints the English waybill: a plain delivery note with the
// parties, the lines with quantities and weights, and signatures.
func (b *builder) deliveryNote() {
	d, l := b.d, b.l
	b.add(b.companyBlock()...)
	b.add(b.title(b.docTitle())...)
	b.add(b.partyRow(l.supplier, b.us(), false), b.partyRow(l.consignee, b.them(), false))
	if s := b.basis(true); s != "" {
		b.add(b.infoRow(l.basis, p(s, infoStyle, 3)))
	}
	b.add(b.space(2))
	cols := []column{{l.colNo, 8, align.Center}, {l.colSKU, 26, align.Left}, {l.colItem, 86, align.Left},
		{l.colUnit, 16, align.Center}, {l.colQty, 22, align.Right}, {l.colWeight, 28, align.Right}}
	rows := make([]sized, len(d.Lines))
	figs := make([]wbLine, len(d.Lines))
	for i, ln := range d.Lines {
		figs[i] = b.waybillFigures(ln)
		weight := ""
		if figs[i].weightKnown {
			weight = b.kg(figs[i].weightGrams)
		}
		no := ln.No
		if no == 0 {
			no = i + 1
		}
		rows[i] = b.tableRow(cols, nil, v(fmt.Sprint(no)), v(ln.SKU), b.nameParas(ln, false), v(b.unit(ln)),
			v(b.f.qty(ln.Qty)), v(weight))
	}
	b.table([]sized{b.headerRow(cols)}, rows, nil, 0)
	all := sumFigures(figs)
	weight := ""
	if all.weightKnown {
		weight = b.kg(all.weightGrams)
	}
	total := b.tableRow(cols, totalFill, nil, nil, vb(fmt.Sprintf("%s %d", l.docTotal+":", len(d.Lines))), nil,
		vb(b.f.qty(all.qty)), vb(weight))
	block := []sized{total, b.space(6)}
	block = append(block, b.signatures(
		side{title: strings.TrimSuffix(l.supplier, ":"), signers: []signer{{role: l.releasedBy, name: b.us().director}}, mark: true},
		side{title: strings.TrimSuffix(l.consignee, ":"), signers: []signer{{role: l.receivedBy}}, mark: true},
	)...)
	b.keep(block...)
}
