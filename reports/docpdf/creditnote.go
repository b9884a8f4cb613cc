package docpdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"

	"sdelka/model"
)

// creditNote prints a корректировочный документ: the title with the
// invoice it corrects, the parties, the reason, the returned lines (a
// credit note's lines carry negative quantities and amounts; they print as
// quantities returned and amounts credited), the totals to credit in
// figures and words, and signatures of both parties.
func (b *builder) creditNote() {
	d, l := b.d, b.l
	var sub []string
	if s := b.ref(l.toInvoice, b.p.Base); s != "" {
		sub = append(sub, s)
	}
	b.add(b.title(b.docTitle()+l.yearSuffix, sub...)...)
	b.add(b.partyRow(l.supplier, b.us(), false), b.partyRow(l.buyer, b.them(), false))
	if s := b.basis(false); s != "" && b.p.Contract.Number != "" {
		b.add(b.infoRow(l.basis, p(s, infoStyle, 3)))
	}
	if s := strings.TrimSpace(d.Reason); s != "" {
		b.add(b.infoLine(l.reason + s))
	}
	b.add(b.space(2))

	cols := []column{{l.colNo, 7, align.Center}, {l.colItem, 52, align.Left}, {l.colUnit, 11, align.Center},
		{l.colReturned, 17, align.Right}, {l.colPrice, 21, align.Right}, {l.colNet, 22, align.Right},
		{l.colVATRate, 13, align.Center}, {l.colVAT, 20, align.Right}, {l.colGross, 23, align.Right}}
	rows := make([]sized, len(d.Lines))
	for i, ln := range d.Lines {
		no := ln.No
		if no == 0 {
			no = i + 1
		}
		vat := b.f.money(-ln.Amounts.VAT)
		if d.NoVAT || ln.VATCat == model.VATNone {
			vat = "—"
		}
		rows[i] = b.tableRow(cols, nil, v(fmt.Sprint(no)), b.nameParas(ln, true), v(b.unit(ln)), v(b.f.qty(-ln.Qty)),
			v(b.f.money(ln.Price)), v(b.f.money(-ln.Amounts.Net)), v(b.f.vatLabel(ln.VATCat, ln.VATBP)), v(vat),
			v(b.f.money(-ln.Amounts.Gross)))
	}
	b.table([]sized{b.headerRow(cols)}, rows, nil, 0)

	t := b.totals
	totals := []sized{b.sumRow(b.l.total, b.f.money(-b.shownTotal()), totalStyle)}
	totals = append(totals, b.vatRows(t, -1)...)
	totals = append(totals, b.sumRow(l.creditTotal, b.f.money(-t.Gross), totalStyle))
	totals = append(totals, b.wordsRows(t.Lines, -t.Gross)...)
	b.keep(totals...)
	if s := strings.TrimSpace(d.Note); s != "" {
		b.add(b.infoLine(l.note + s))
	}
	b.add(b.space(5))
	us := b.us()
	b.keep(b.signatures(
		side{title: strings.TrimSuffix(l.supplier, ":"), signers: []signer{
			{role: l.director, name: us.director}, {role: l.chiefAccountant, name: us.accountant}}, mark: true},
		side{title: strings.TrimSuffix(l.buyer, ":"), signers: []signer{{role: l.director}}, mark: true},
	)...)
}
