package docpdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"

	"sdelka/model"
)

// Statement table: our side's date, document, debit and credit, then the
// customer's side, left blank for them to fill in.
var stmtWidths = []int{19, 47, 20, 20, 19, 21, 20, 20}

// statement prints an акт сверки взаимных расчётов for pack.Statement:
// the period and the parties, the table by our records (opening balance,
// every document, turnovers, closing balance) beside empty columns for the
// customer's records, the sentence saying in whose favour the balance is
// with the amount in words, and both parties' signatures. Debit is what
// the customer owes more (our invoices), credit what it owes less
// (payments, credit notes); the balance is positive when the customer owes.
func (b *builder) statement() {
	s, l := b.p.Statement, b.l
	if c := strings.ToUpper(strings.TrimSpace(s.Currency)); c != "" {
		b.f.code = c
	}
	var debit, credit model.Money
	for _, r := range s.Rows {
		debit += r.Debit
		credit += r.Credit
	}
	closing := s.Opening + debit - credit
	usName, themName := b.companyShort(), b.customerShort()

	from, to := s.From, s.To
	if from.IsZero() {
		from = b.d.PeriodFrom
	}
	if to.IsZero() {
		to = b.d.PeriodTo
	}
	b.add(b.space(2), b.textRow(align.Center,
		p(l.statement, titleStyle, 2),
		p(fmt.Sprintf(l.period, b.f.date(from), b.f.date(to)), subtitleSty, 2),
		p(fmt.Sprintf(l.between, usName, themName), subtitleSty, 3)))
	if n := strings.TrimSpace(b.d.Number); n != "" {
		b.add(b.textRow(align.Center, para{text: b.docTitle(), st: smallStyle, color: grey, max: 2}))
	}
	b.add(b.space(2), b.infoLine(l.intro), b.space(1))

	w := stmtWidths
	ours, theirs := w[0]+w[1]+w[2]+w[3], w[4]+w[5]+w[6]+w[7]
	cur := b.curShort()
	hc := func(width int, s string) cell {
		return cell{w: width, paras: []para{p(s, headStyle, 3)}, al: align.Center, border: border.Full, fill: headFill, middle: true}
	}
	header := []sized{
		b.gridRow(hc(ours, fmt.Sprintf(l.byData, usName, cur)), hc(theirs, fmt.Sprintf(l.byData, themName, cur))),
		b.gridRow(hc(w[0], l.date), hc(w[1], l.document), hc(w[2], l.debit), hc(w[3], l.credit),
			hc(w[4], l.date), hc(w[5], l.document), hc(w[6], l.debit), hc(w[7], l.credit)),
	}
	money := func(m model.Money) string {
		if m == 0 {
			return ""
		}
		return b.f.money(m)
	}
	// balance is an opening or closing row: a debt of the customer in the
	// debit column, ours in the credit column.
	balance := func(label string, m model.Money) sized {
		d, c := money(max(m, 0)), money(max(-m, 0))
		return b.gridRow(
			cell{w: w[0] + w[1], paras: vb(label), border: border.Full, fill: totalFill},
			cell{w: w[2], paras: vb(d), al: align.Right, border: border.Full, fill: totalFill},
			cell{w: w[3], paras: vb(c), al: align.Right, border: border.Full, fill: totalFill},
			cell{w: w[4] + w[5], paras: vb(label), border: border.Full},
			cell{w: w[6], border: border.Full}, cell{w: w[7], border: border.Full})
	}
	rows := []sized{balance(l.opening, s.Opening)}
	for _, r := range s.Rows {
		rows = append(rows, b.gridRow(
			cell{w: w[0], paras: v(b.f.date(r.Date)), al: align.Center, border: border.Full},
			cell{w: w[1], paras: v(b.stmtText(r)), border: border.Full},
			cell{w: w[2], paras: v(money(r.Debit)), al: align.Right, border: border.Full},
			cell{w: w[3], paras: v(money(r.Credit)), al: align.Right, border: border.Full},
			cell{w: w[4], border: border.Full}, cell{w: w[5], border: border.Full},
			cell{w: w[6], border: border.Full}, cell{w: w[7], border: border.Full}))
	}
	rows = append(rows, b.gridRow(
		cell{w: w[0] + w[1], paras: vb(l.turnover), border: border.Full, fill: totalFill},
		cell{w: w[2], paras: vb(b.f.money(debit)), al: align.Right, border: border.Full, fill: totalFill},
		cell{w: w[3], paras: vb(b.f.money(credit)), al: align.Right, border: border.Full, fill: totalFill},
		cell{w: w[4] + w[5], paras: vb(l.turnover), border: border.Full},
		cell{w: w[6], border: border.Full}, cell{w: w[7], border: border.Full}))
	closingRow := balance(l.closing, closing)
	b.table(header, rows, nil, 0)

	var sentence string
	day := b.f.date(to)
	switch {
	case closing > 0:
		sentence = fmt.Sprintf(l.favourOf, usName, day, usName, b.f.moneyCur(closing), b.inWords(closing))
	case closing < 0:
		sentence = fmt.Sprintf(l.favourOf, usName, day, themName, b.f.moneyCur(-closing), b.inWords(closing))
	default:
		sentence = fmt.Sprintf(l.noDebt, usName, day)
	}
	block := []sized{closingRow, b.space(3), b.textRow(align.Left, p(sentence, infoBold, 6)), b.space(5)}
	us := b.us()
	block = append(block, b.signatures(
		side{title: fmt.Sprintf(l.fromParty, usName), signers: []signer{
			{role: l.director, name: us.director}, {role: l.chiefAccountant, name: us.accountant}}, mark: true},
		side{title: fmt.Sprintf(l.fromParty, themName), signers: []signer{{role: l.director}, {role: l.chiefAccountant}},
			mark: true},
	)...)
	b.keep(block...)
}

// stmtText describes a statement row: «Продажа (№ СЧ-2026-0001)».
func (b *builder) stmtText(r model.StatementRow) string {
	l := b.l
	var s string
	switch r.Kind {
	case model.DocInvoice:
		s = l.stmtInvoice
	case model.DocCreditNote:
		s = l.stmtCredit
	case "":
		s = l.stmtPayment
	default:
		s = string(r.Kind)
	}
	if n := strings.TrimSpace(r.Number); n != "" {
		s += " (" + l.no + " " + n + ")"
	}
	if t := strings.TrimSpace(r.Text); t != "" {
		s += ", " + t
	}
	return s
}
