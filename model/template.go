package model

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// TemplateKeys are the placeholders a contract template may use, {{key}}.
// {{number}} and {{date}} are filled when the contract is posted (drafts
// have no number); the rest when it is created.
var TemplateKeys = []string{
	"number", "date",
	"supplier.name", "supplier.short_name", "supplier.inn", "supplier.kpp", "supplier.ogrn", "supplier.address",
	"supplier.bank", "supplier.bic", "supplier.account", "supplier.corr_account", "supplier.director",
	"supplier.phone", "supplier.email",
	"buyer.name", "buyer.short_name", "buyer.inn", "buyer.kpp", "buyer.ogrn", "buyer.address",
	"buyer.bank", "buyer.bic", "buyer.account", "buyer.corr_account", "buyer.phone", "buyer.email",
	"terms.prepay", "terms.net_days", "terms.text", "currency",
}

// TemplateValues are the placeholder values for a contract between the
// company and a customer under the terms (lang "en" words the terms in
// English).
func TemplateValues(c Company, b Customer, t PaymentTerms, currency, lang string) map[string]string {
	v := map[string]string{
		"supplier.name": c.Name, "supplier.short_name": firstNonEmpty(c.ShortName, c.Name), "supplier.inn": c.INN,
		"supplier.kpp": c.KPP, "supplier.ogrn": c.OGRN, "supplier.address": firstNonEmpty(c.LegalAddress, c.PostalAddress),
		"supplier.bank": c.BankName, "supplier.bic": c.BIC, "supplier.account": c.Account,
		"supplier.corr_account": c.CorrAccount, "supplier.director": c.Director, "supplier.phone": c.Phone,
		"supplier.email": c.Email,
		"buyer.name":     b.Name, "buyer.short_name": firstNonEmpty(b.ShortName, b.Name), "buyer.inn": b.INN, "buyer.kpp": b.KPP,
		"buyer.ogrn": b.OGRN, "buyer.address": firstNonEmpty(b.LegalAddress, b.PostalAddress), "buyer.bank": b.BankName,
		"buyer.bic": b.BIC, "buyer.account": b.Account, "buyer.corr_account": b.CorrAccount, "buyer.phone": b.Phone,
		"buyer.email":  b.Email,
		"terms.prepay": strconv.FormatInt(t.PrepayBP/100, 10), "terms.net_days": strconv.Itoa(t.NetDays),
		"terms.text": TermsText(t, lang), "currency": currency,
	}
	return v
}

// TermsText words payment terms for a contract or an invoice.
func TermsText(t PaymentTerms, lang string) string {
	en := lang == "en"
	pct := func(bp int64) string {
		s := FormatFixed(bp, 2, ",", "")
		if en {
			s = FormatFixed(bp, 2, ".", "")
		}
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",.")
		return s + "%"
	}
	var parts []string
	if t.PrepayBP > 0 {
		if en {
			parts = append(parts, pct(t.PrepayBP)+" in advance")
		} else {
			parts = append(parts, pct(t.PrepayBP)+" предоплата")
		}
	}
	if len(t.Instalments) > 0 {
		for _, in := range t.Instalments {
			if en {
				parts = append(parts, pct(in.ShareBP)+" within "+strconv.Itoa(in.Days)+" days")
			} else {
				parts = append(parts, pct(in.ShareBP)+" в течение "+strconv.Itoa(in.Days)+" "+daysRU(in.Days))
			}
		}
	} else if t.PrepayBP < 10000 {
		rest := 10000 - t.PrepayBP
		switch {
		case t.NetDays == 0 && en:
			parts = append(parts, pct(rest)+" on the invoice date")
		case t.NetDays == 0:
			parts = append(parts, pct(rest)+" в день выставления счёта")
		case en:
			parts = append(parts, pct(rest)+" within "+strconv.Itoa(t.NetDays)+" days of the invoice")
		default:
			parts = append(parts, pct(rest)+" в течение "+strconv.Itoa(t.NetDays)+" "+daysRU(t.NetDays)+" с даты счёта")
		}
	}
	return strings.Join(parts, "; ")
}

func daysRU(n int) string {
	switch PluralForm("ru", int64(n)) {
	case "one":
		return "дня"
	}
	return "дней"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// RenderTemplate replaces each {{key}} of body found in vals (spaces inside
// the braces allowed). Placeholders whose key is not in vals stay as they
// are and are listed in unknown (sorted, once each), so a typo in a
// template is shown to the user rather than printed blank.
func RenderTemplate(body string, vals map[string]string) (out string, unknown []string) {
	var b strings.Builder
	seen := map[string]bool{}
	for {
		i := strings.Index(body, "{{")
		if i < 0 {
			b.WriteString(body)
			break
		}
		j := strings.Index(body[i+2:], "}}")
		if j < 0 {
			b.WriteString(body)
			break
		}
		key := strings.TrimSpace(body[i+2 : i+2+j])
		b.WriteString(body[:i])
		if v, ok := vals[key]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(body[i : i+4+j])
			if !seen[key] {
				seen[key] = true
				unknown = append(unknown, key)
			}
		}
		body = body[i+4+j:]
	}
	sort.Strings(unknown)
	return b.String(), unknown
}

// TemplateProblems lists the placeholders of body that are not template
// keys: what the template editor reports before saving.
func TemplateProblems(body string) []string {
	vals := make(map[string]string, len(TemplateKeys))
	for _, k := range TemplateKeys {
		vals[k] = ""
	}
	_, unknown := RenderTemplate(body, vals)
	return unknown
}

// PostedValues are the placeholders filled when a document is posted.
func PostedValues(number string, day time.Time, lang string) map[string]string {
	layout := "02.01.2006"
	if lang == "en" {
		layout = "2 January 2006"
	}
	return map[string]string{"number": number, "date": day.Format(layout)}
}

// DefaultTemplates are the contract templates a new database ships with.
func DefaultTemplates() []DocTemplate {
	return []DocTemplate{
		{Kind: DocContract, Lang: "ru", Name: "Договор поставки", Body: contractRU, IsDefault: true},
		{Kind: DocContract, Lang: "en", Name: "Supply agreement", Body: contractEN, IsDefault: true},
	}
}

const contractRU = `{{supplier.name}}, именуемое в дальнейшем «Поставщик», в лице генерального директора {{supplier.director}}, действующего на основании Устава, с одной стороны, и {{buyer.name}}, именуемое в дальнейшем «Покупатель», с другой стороны, заключили настоящий договор о нижеследующем.

# 1. ПРЕДМЕТ ДОГОВОРА
1.1. Поставщик обязуется передать в собственность Покупателя товар, а Покупатель обязуется принять и оплатить его на условиях настоящего договора.
1.2. Наименование, количество, цена и сроки поставки товара согласуются сторонами в заказах и счетах, являющихся неотъемлемой частью договора.

# 2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ
2.1. Цена товара указывается в счёте Поставщика в валюте: {{currency}}.
2.2. Порядок оплаты: {{terms.text}}.
2.3. Обязательство Покупателя по оплате считается исполненным с момента зачисления денежных средств на расчётный счёт Поставщика.

# 3. ПОСТАВКА
3.1. Товар передаётся по товарной накладной на складе Поставщика, если стороны не договорились об ином.
3.2. Право собственности и риск случайной гибели товара переходят к Покупателю в момент передачи товара.

# 4. ОТВЕТСТВЕННОСТЬ СТОРОН
4.1. За просрочку оплаты Покупатель уплачивает пени в размере 0,1% от неоплаченной суммы за каждый день просрочки.
4.2. За просрочку поставки Поставщик уплачивает пени в размере 0,1% от стоимости непоставленного товара за каждый день просрочки.

# 5. ПРОЧИЕ УСЛОВИЯ
5.1. Договор вступает в силу с момента подписания и действует до 31 декабря текущего года; если ни одна из сторон не заявит о его прекращении за 30 дней до окончания срока, договор продлевается на каждый следующий год.
5.2. Споры разрешаются путём переговоров, а при недостижении согласия — в арбитражном суде по месту нахождения Поставщика.
5.3. Договор составлен в двух экземплярах, имеющих равную юридическую силу, по одному для каждой из сторон.`

const contractEN = `{{supplier.name}} (the "Supplier"), represented by its director {{supplier.director}}, and {{buyer.name}} (the "Buyer") have agreed as follows.

# 1. SUBJECT
1.1. The Supplier shall deliver goods to the Buyer, and the Buyer shall accept and pay for them on the terms of this agreement.
1.2. The goods, their quantity, price and delivery dates are agreed in orders and invoices, which form part of this agreement.

# 2. PRICE AND PAYMENT
2.1. Prices are stated in the Supplier's invoices in {{currency}}.
2.2. Payment terms: {{terms.text}}.
2.3. A payment is made when the funds reach the Supplier's bank account.

# 3. DELIVERY
3.1. Goods are handed over with a delivery note at the Supplier's warehouse unless agreed otherwise.
3.2. Title and risk pass to the Buyer on delivery.

# 4. LIABILITY
4.1. For late payment the Buyer pays a penalty of 0.1% of the overdue amount per day.
4.2. For late delivery the Supplier pays a penalty of 0.1% of the value of the goods not delivered per day.

# 5. GENERAL
5.1. This agreement takes effect on signature and remains in force until 31 December of the current year; it is extended for each following year unless a party gives notice 30 days before it ends.
5.2. Disputes are settled by negotiation, failing which by the commercial court at the Supplier's seat.
5.3. The agreement is made in two copies of equal force, one for each party.`
