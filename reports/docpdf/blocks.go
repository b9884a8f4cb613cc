package docpdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"sdelka/model"
)

// kindTitle is the document's name: «Счёт на оплату».
func (b *builder) kindTitle() string {
	l := b.l
	switch b.d.Kind {
	case model.DocQuote:
		return l.quote
	case model.DocOrder:
		return l.order
	case model.DocInvoice:
		return l.invoice
	case model.DocWaybill:
		return l.waybill
	case model.DocCreditNote:
		return l.creditNote
	case model.DocContract:
		return l.contract
	case model.DocStatement:
		return l.statement
	}
	return string(b.d.Kind)
}

// number is the printed number, «б/н» for a draft.
func (b *builder) number() string {
	if n := strings.TrimSpace(b.d.Number); n != "" {
		return n
	}
	return b.l.draft
}

// docTitle names the document with its number and date: «Счёт на оплату
// № СЧ-2026-0001 от 28.11.2026».
func (b *builder) docTitle() string {
	s := b.kindTitle() + " " + b.l.no + " " + b.number()
	if dt := b.f.date(b.d.Date); dt != "" {
		s += " " + b.l.dated + " " + dt
	}
	return s
}

// ref names another document: «Договор поставки № Д-2026-001 от
// 10.01.2026»; "" when it has neither number nor date.
func (b *builder) ref(format string, d model.Document) string {
	if strings.TrimSpace(d.Number) == "" && d.Date.IsZero() {
		return ""
	}
	n := strings.TrimSpace(d.Number)
	if n == "" {
		n = b.l.draft
	}
	s := fmt.Sprintf(format, n, b.f.date(d.Date))
	if d.Date.IsZero() {
		s = strings.TrimSuffix(strings.TrimSuffix(s, " "), " "+b.l.dated)
	}
	return s
}

// basis is what the document is based on: the contract, else the order.
func (b *builder) basis(withOrder bool) string {
	var parts []string
	if s := b.ref(b.l.contractRef, b.p.Contract); s != "" {
		parts = append(parts, s)
	}
	if base := b.p.Base; base.Kind == model.DocOrder && (withOrder || len(parts) == 0) {
		if s := b.ref(b.l.orderRef, base); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

// party is one side of a deal as documents print it.
type party struct {
	name, inn, kpp, ogrn, address, phone, email string
	bank, bic, account, corr                    string
	director, accountant                        string
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}

// us is the company.
func (b *builder) us() party {
	c := b.p.Company
	return party{name: firstOf(c.Name, c.ShortName), inn: c.INN, kpp: c.KPP, ogrn: c.OGRN,
		address: firstOf(c.LegalAddress, c.PostalAddress), phone: c.Phone, email: c.Email,
		bank: c.BankName, bic: c.BIC, account: c.Account, corr: c.CorrAccount,
		director: c.Director, accountant: firstOf(c.ChiefAccountant, c.Director)}
}

// them is the customer.
func (b *builder) them() party {
	c := b.p.Customer
	return party{name: firstOf(c.Name, c.ShortName, b.d.CustomerName, b.p.Statement.CustomerName), inn: c.INN, kpp: c.KPP,
		ogrn: c.OGRN, address: firstOf(c.LegalAddress, c.PostalAddress), phone: c.Phone, email: c.Email,
		bank: c.BankName, bic: c.BIC, account: c.Account, corr: c.CorrAccount}
}

// companyShort is the company as footers and sentences name it.
func (b *builder) companyShort() string {
	return firstOf(b.p.Company.ShortName, b.p.Company.Name)
}

// customerShort is the customer as sentences name it.
func (b *builder) customerShort() string {
	return firstOf(b.p.Customer.ShortName, b.p.Customer.Name, b.d.CustomerName, b.p.Statement.CustomerName)
}

// joinNonEmpty joins the parts that are not blank.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// labelled is "label value", or "" without a value.
func labelled(label, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	return label + strings.TrimSpace(value)
}

// requisites are a party's details after its name: INN, KPP, address,
// phone and, with bank, the accounts.
func (b *builder) requisites(pt party, bank bool) string {
	l := b.l
	parts := []string{
		labelled(l.inn+" ", pt.inn), labelled(l.kpp+" ", pt.kpp), pt.address, labelled(l.phone, pt.phone),
	}
	if bank {
		parts = append(parts, labelled(l.account, pt.account), labelled(l.bankIn, pt.bank), labelled(l.bic, pt.bic),
			labelled(l.corr, pt.corr))
	}
	return joinNonEmpty(", ", parts...)
}

// labelW is the width of the label column of party rows.
const labelW = 34

// partyRow is a label and a party: its name in bold, then its details.
func (b *builder) partyRow(label string, pt party, bank bool) sized {
	return b.infoRow(label, p(pt.name, infoBold, 4), p(b.requisites(pt, bank), infoStyle, 6))
}

// infoRow is a label and its value.
func (b *builder) infoRow(label string, value ...para) sized {
	return b.plainRow(
		cell{w: labelW, paras: []para{p(label, infoStyle, 3)}},
		cell{w: b.g.grid() - labelW, paras: value},
	)
}

// title is the document's title in bold with a rule under it.
func (b *builder) title(s string, sub ...string) []sized {
	paras := []para{p(s, titleStyle, 3)}
	for _, x := range sub {
		paras = append(paras, p(x, subtitleSty, 3))
	}
	return []sized{b.space(2), b.textRow(align.Left, paras...), b.rule(3, 0.5)}
}

// companyBlock is the logo and the company's name and requisites, then a
// rule: the head of a quote or an order.
func (b *builder) companyBlock() []sized {
	us := b.us()
	paras := []para{p(us.name, companyStyle, 3)}
	l := b.l
	for _, s := range []string{
		joinNonEmpty(", ", labelled(l.inn+" ", us.inn), labelled(l.kpp+" ", us.kpp), labelled(l.ogrn+" ", us.ogrn)),
		us.address,
		joinNonEmpty(", ", labelled(l.phone, us.phone), labelled(l.email, us.email)),
		joinNonEmpty(", ", labelled(l.account, us.account), labelled(l.bankIn, us.bank), labelled(l.bic, us.bic),
			labelled(l.corr, us.corr)),
	} {
		if s != "" {
			paras = append(paras, p(s, bodyStyle, 3))
		}
	}
	const logoW, logoH = 42, 22
	logo := b.companyPicture(b.p.Company.Logo, "logo")
	if logo == nil {
		return []sized{b.plainRow(cell{w: b.g.grid(), paras: paras}), b.rule(3, 0.3)}
	}
	r := b.rowOf(0, 1, logoH,
		cell{w: logoW, draw: func(w, h float64) []core.Component {
			return []core.Component{logo.fit(w, h, 0, 0, logoW, logoH)}
		}},
		cell{w: b.g.grid() - logoW, paras: paras, pad: 4})
	return []sized{r, b.rule(3, 0.3)}
}
