package docpdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"sdelka/model"
)

// invoice prints a счёт на оплату: the company's head with the payment QR
// code, the payee's bank block, the title, supplier, buyer and basis, the
// lines, totals in figures and words, the payment due date and schedule,
// and the signatures of the director and chief accountant with the stamp.
func (b *builder) invoice() {
	d, l := b.d, b.l
	qr := b.paymentQR()
	b.add(b.invoiceHead(qr)...)
	b.add(b.bankBlock()...)
	b.add(b.title(b.docTitle() + l.yearSuffix)...)
	b.add(b.partyRow(l.supplier, b.us(), false), b.partyRow(l.buyer, b.them(), false))
	if s := b.basis(false); s != "" {
		b.add(b.infoRow(l.basis, p(s, infoStyle, 3)))
	}
	b.add(b.space(2))
	b.salesTable()
	b.keep(append(b.totalRows(), b.wordsRows(b.totals.Lines, b.totals.Gross)...)...)
	b.add(b.paymentRows()...)
	if s := strings.TrimSpace(d.Note); s != "" {
		b.add(b.infoLine(l.note + s))
	}
	b.add(b.space(3))
	us := b.us()
	b.keep(b.signatures(side{
		signers: []signer{
			{role: l.director, name: us.director, sign: true},
			{role: l.chiefAccountant, name: us.accountant, sign: us.accountant == us.director},
		},
		stamp: true, mark: true,
	})...)
}

// invoiceHead is the logo, the company's name and address, and the QR code
// at the right; nothing when there is neither logo nor QR code.
func (b *builder) invoiceHead(qr *picture) []sized {
	logo := b.companyPicture(b.p.Company.Logo, "logo")
	if logo == nil && qr == nil {
		return nil
	}
	const logoW, logoH, qrW, qrSide = 42, 22, 36, 30.0
	us := b.us()
	paras := []para{p(us.name, companyStyle, 3), p(us.address, bodyStyle, 3),
		p(joinNonEmpty(", ", labelled(b.l.phone, us.phone), labelled(b.l.email, us.email)), bodyStyle, 2)}
	var cells []cell
	textW := b.g.grid()
	if logo != nil {
		textW -= logoW
		cells = append(cells, cell{w: logoW, draw: func(w, h float64) []core.Component {
			return []core.Component{logo.fit(w, h, 0, 0, logoW, logoH)}
		}})
	}
	minH := 0.0
	if logo != nil {
		minH = logoH
	}
	if qr != nil {
		textW -= qrW
		minH = max(minH, qrSide+4)
	}
	pad := 0.0
	if logo != nil {
		pad = 4
	}
	cells = append(cells, cell{w: textW, paras: paras, pad: pad})
	if qr != nil {
		caption, _ := b.lay(qrW, p(b.l.qrCaption, smallStyle, 1))
		cells = append(cells, cell{w: qrW, draw: func(w, h float64) []core.Component {
			out := []core.Component{qr.fit(w, h, w-qrSide, 0, qrSide, qrSide)}
			return append(out, components(caption, 0, 0, qrSide+0.5, align.Right)...)
		}})
	}
	return []sized{b.rowOf(0, 1, minH, cells...), b.space(2)}
}

// epc tells whether the invoice is paid by SEPA transfer: in euros to the
// company's IBAN.
func (b *builder) epc() bool {
	return b.f.code == "EUR" && strings.TrimSpace(b.p.Company.IBAN) != ""
}

// bankBlock is the payee's bank details as a grid: the bank and its BIC
// and correspondent account, the company's INN and KPP, the company and
// its account (SWIFT and IBAN for euros). Nothing when the company has no
// bank details.
func (b *builder) bankBlock() []sized {
	c, l := b.p.Company, b.l
	bank, idLabel, id := c.BankName, l.bankBIC, c.BIC
	corrLabel, corr := l.accountNo, c.CorrAccount
	accLabel, acc := l.accountNo, c.Account
	if b.epc() {
		idLabel, id = strings.TrimSpace(l.swift), firstOf(c.SWIFT, c.BIC)
		corrLabel, corr = "", ""
		accLabel, acc = strings.TrimSpace(l.iban), c.IBAN
	}
	if firstOf(bank, id, acc) == "" {
		return nil
	}
	const half, labW = 50, 16
	valW := b.g.grid() - 2*half - labW
	small := func(s string) []para { return []para{{text: s, st: smallStyle, color: grey, max: 1}} }
	lr, lrb, lrt := border.Left|border.Right, border.Left|border.Right|border.Bottom, border.Left|border.Top|border.Right
	return []sized{
		b.gridRow(
			cell{w: 2 * half, paras: v(bank), border: lrt},
			cell{w: labW, paras: v(idLabel), border: border.Full},
			cell{w: valW, paras: v(id), border: border.Full}),
		b.gridRow(
			cell{w: 2 * half, paras: small(l.payeeBank), border: lrb},
			cell{w: labW, paras: v(corrLabel), border: border.Full},
			cell{w: valW, paras: v(corr), border: border.Full}),
		b.gridRow(
			cell{w: half, paras: v(labelled(l.inn+" ", c.INN)), border: border.Full},
			cell{w: half, paras: v(labelled(l.kpp+" ", c.KPP)), border: border.Full},
			cell{w: labW, paras: v(accLabel), border: lrt},
			cell{w: valW, paras: v(acc), border: lrt}),
		b.gridRow(
			cell{w: 2 * half, paras: v(firstOf(c.Name, c.ShortName)), border: lr},
			cell{w: labW, border: lr},
			cell{w: valW, border: lr}),
		b.gridRow(
			cell{w: 2 * half, paras: small(l.payee), border: lrb},
			cell{w: labW, border: lrb},
			cell{w: valW, border: lrb}),
	}
}

// paymentRows are the due date and, when the terms split the payment, the
// schedule of amounts and days (model.Schedule).
func (b *builder) paymentRows() []sized {
	d, l := b.d, b.l
	var items []model.DueItem
	if !d.Date.IsZero() {
		items = model.Schedule(d.Terms, b.totals.Gross, d.Date)
	}
	due := d.DueDate
	if due.IsZero() && len(items) > 0 {
		due = items[len(items)-1].Date
	}
	var out []sized
	if !due.IsZero() {
		out = append(out, b.space(1), b.textRow(align.Left, p(fmt.Sprintf(l.dueBy, b.f.date(due)), infoBold, 2)))
	}
	if !d.Terms.IsZero() {
		out = append(out, b.infoLine(l.paymentTerms+model.TermsText(d.Terms, langCode(b.f.en))))
	}
	if len(items) > 1 {
		cols := []column{{l.colNo, 8, align.Center}, {l.scheduleDate, 30, align.Center}, {l.scheduleAmount, 32, align.Right}}
		out = append(out, b.textRow(align.Left, p(l.schedule, infoBold, 1)), b.headerRow(cols))
		for i, it := range items {
			out = append(out, b.tableRow(cols, nil, v(fmt.Sprint(i+1)), v(b.f.date(it.Date)), v(b.f.money(it.Amount))))
		}
	}
	return out
}

// qrDrawing is the invoice's payment QR code, drawn in the background
// while the PDF library parses its fonts (the QR encoder tries all eight
// masks and takes about as long).
type qrDrawing struct {
	pic  *picture
	warn string
}

// startQR builds the payment QR code's payload and starts drawing it:
// GOST R 56042 for roubles, EPC (SEPA) for euros when the company has an
// IBAN, none for other currencies. When the payload cannot be built
// (missing or invalid bank details, an amount out of range), the invoice
// prints without the code and a warning says why.
func (b *builder) startQR() <-chan qrDrawing {
	c, d := b.p.Company, b.d
	var payload string
	var err error
	switch {
	case b.f.code == "RUB":
		payload, err = model.GOSTPaymentPayload(model.PaymentQR{
			Name: b.qrName(160), PersonalAcc: c.Account, BankName: c.BankName, BIC: c.BIC,
			CorrespAcc: c.CorrAccount, PayeeINN: c.INN, KPP: c.KPP, Purpose: b.purpose(),
			DocNo: d.Number, DocDate: d.Date, Sum: b.totals.Gross,
		})
	case b.epc():
		payload, err = model.EPCPayload(model.EPCPayment{
			BIC: c.SWIFT, Name: b.qrName(70), IBAN: c.IBAN, Remittance: b.purpose(), Amount: b.totals.Gross,
		})
	default:
		return nil
	}
	out := make(chan qrDrawing, 1)
	if err != nil {
		out <- qrDrawing{warn: fmt.Sprintf("payment QR code left out: %v", err)}
		return out
	}
	go func() {
		pic, err := qrPicture(payload)
		if err != nil {
			out <- qrDrawing{warn: fmt.Sprintf("payment QR code left out: %v", err)}
			return
		}
		out <- qrDrawing{pic: pic}
	}()
	return out
}

// paymentQR waits for the QR code started by startQR; nil when there is
// none.
func (b *builder) paymentQR() *picture {
	if b.qr == nil {
		return nil
	}
	q := <-b.qr
	if q.warn != "" {
		b.warn("%s", q.warn)
	}
	return b.distinct(q.pic)
}

// qrName is the payee's name in a payment QR code: the short name when
// there is one (a smaller code scans more easily from paper, and the short
// name is what payment orders carry), else the full name; the full name
// when the short one is longer than limit characters.
func (b *builder) qrName(limit int) string {
	c := b.p.Company
	if n := strings.TrimSpace(c.ShortName); n != "" && len([]rune(n)) <= limit {
		return n
	}
	return firstOf(c.Name, c.ShortName)
}

// purpose is the payment's purpose: «Оплата по счёту № СЧ-2026-0001 от
// 28.11.2026, в т.ч. НДС 22% 222,62 руб.» (each rate), or «…, без НДС».
func (b *builder) purpose() string {
	en := b.f.en
	dec, cur := ",", "руб."
	if en || b.f.code != "RUB" {
		cur = b.f.code
	}
	if en {
		dec = "."
	}
	s := fmt.Sprintf("Оплата по счёту № %s от %s", b.number(), b.f.date(b.d.Date))
	if en {
		s = fmt.Sprintf("Payment of invoice No. %s dated %s", b.number(), b.f.date(b.d.Date))
	}
	var taxes []string
	if !b.d.NoVAT {
		for _, r := range b.totals.ByRate {
			if r.Cat != model.VATNone && r.Cat != "" {
				taxes = append(taxes, fmt.Sprintf("%s %s %s", b.f.vatLabel(r.Cat, r.BP), model.FormatMoney(r.VAT, b.f.digits, dec, ""), cur))
			}
		}
	}
	switch {
	case len(taxes) == 0 && en:
		return s + ", no VAT"
	case len(taxes) == 0:
		return s + ", без НДС"
	case en:
		return s + ", incl. VAT " + strings.Join(taxes, ", VAT ")
	}
	return s + ", в т.ч. НДС " + strings.Join(taxes, ", НДС ")
}
