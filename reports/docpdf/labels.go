package docpdf

import (
	"strings"
	"time"

	"sdelka/model"
)

// labels are the fixed texts of the documents in one language.
type labels struct {
	page, no, dated, draft, yearSuffix string // yearSuffix follows a date in a title: « г.»

	// Titles, by kind.
	quote, order, invoice, waybill, creditNote, contract, statement string
	// Short names for file names, by kind.
	file map[model.DocKind]string

	supplier, buyer, consignor, consignee, payer, basis, to        string
	validUntil, deliveryBy, paymentTerms, manager, note, insurance string
	contractRef, orderRef                                          string // «Договор поставки № %s от %s»

	// Requisites.
	inn, kpp, ogrn, phone, email, account, bankIn, bic, corr, iban, swift string

	// The invoice's bank block.
	payeeBank, payee, bankBIC, accountNo string

	// Table headings.
	colNo, colItem, colSKU, colQty, colUnit, colPrice, colAmount, colVATRate, colVAT, colNet, colGross string
	colWeight, colOKEI, colGoods, colUnitGroup, colVATGroup, colReturned                               string

	// Totals.
	total, vatIncluded, vat, noVAT, toPay, itemsSum, creditTotal string
	pageTotal, docTotal                                          string
	dueBy, schedule, scheduleDate, scheduleAmount                string

	// Signatures.
	director, chiefAccountant, signature, fullName, stamp    string
	releasedBy, receivedBy, releaseAllowed, shippedBy, proxy string
	recordsWords, releasedWords, weightTotal                 string

	// Credit note.
	toInvoice, reason string

	// Contract.
	requisitesHeading string

	// Statement.
	period, between, byData, opening, turnover, closing, date, document, debit, credit string
	favourOf, noDebt, intro                                                            string
	stmtPayment, stmtInvoice, stmtCredit                                               string
	fromParty                                                                          string

	// The payment QR.
	qrCaption string
}

var ruLabels = &labels{
	page: "Страница {current} из {total}", no: "№", dated: "от", draft: "б/н", yearSuffix: " г.",

	quote: "Коммерческое предложение", order: "Заказ покупателя", invoice: "Счёт на оплату",
	waybill: "Товарная накладная", creditNote: "Корректировочный документ",
	contract: "Договор поставки", statement: "Акт сверки взаимных расчётов",
	file: map[model.DocKind]string{
		model.DocQuote: "КП", model.DocOrder: "Заказ", model.DocInvoice: "Счёт", model.DocWaybill: "Накладная",
		model.DocContract: "Договор", model.DocStatement: "Акт сверки", model.DocCreditNote: "Корректировка",
	},

	supplier: "Поставщик:", buyer: "Покупатель:", consignor: "Грузоотправитель:", consignee: "Грузополучатель:",
	payer: "Плательщик:", basis: "Основание:", to: "Кому:",
	validUntil: "Предложение действительно до ", deliveryBy: "Срок поставки:", paymentTerms: "Условия оплаты: ",
	manager: "Менеджер: ", note: "Примечание: ", insurance: "Страхование: ",
	contractRef: "Договор поставки № %s от %s", orderRef: "Заказ покупателя № %s от %s",

	inn: "ИНН", kpp: "КПП", ogrn: "ОГРН", phone: "тел.: ", email: "e-mail: ",
	account: "р/с ", bankIn: "в банке ", bic: "БИК ", corr: "к/с ", iban: "IBAN ", swift: "SWIFT ",

	payeeBank: "Банк получателя", payee: "Получатель", bankBIC: "БИК", accountNo: "Сч. №",

	colNo: "№", colItem: "Товары (работы, услуги)", colSKU: "Артикул", colQty: "Кол-во", colUnit: "Ед.",
	colPrice: "Цена", colAmount: "Сумма", colVATRate: "Ставка НДС", colVAT: "Сумма НДС",
	colNet: "Сумма без учёта НДС", colGross: "Сумма с учётом НДС",
	colWeight: "Масса брутто, кг", colOKEI: "код по ОКЕИ",
	colGoods: "Товар", colUnitGroup: "Единица измерения", colVATGroup: "НДС", colReturned: "Кол-во возврата",

	total: "Итого:", vatIncluded: "В том числе НДС %s:", vat: "НДС %s:", noVAT: "Без НДС", toPay: "Всего к оплате:",
	itemsSum: "Всего наименований %d, на сумму %s", creditTotal: "Итого к уменьшению:",
	pageTotal: "Итого", docTotal: "Всего по накладной",
	dueBy: "Оплатить не позднее %s", schedule: "График платежей", scheduleDate: "Срок оплаты", scheduleAmount: "Сумма",

	director: "Руководитель", chiefAccountant: "Главный бухгалтер", signature: "подпись", fullName: "расшифровка подписи",
	stamp:      "М.П.",
	releasedBy: "Отпуск груза произвёл", receivedBy: "Груз получил грузополучатель", releaseAllowed: "Отпуск груза разрешил",
	shippedBy: "Груз принял", proxy: "По доверенности № ______ от «___» __________ 20__ г.",
	recordsWords: "Товарная накладная содержит %s %s", releasedWords: "Всего отпущено на сумму ",
	weightTotal: "Масса груза (брутто): %s кг",

	toInvoice: "к счёту на оплату № %s от %s", reason: "Основание корректировки: ",

	requisitesHeading: "АДРЕСА, РЕКВИЗИТЫ И ПОДПИСИ СТОРОН",

	period: "за период с %s по %s", between: "между %s и %s", byData: "По данным %s, %s",
	intro:   "Мы, нижеподписавшиеся, составили настоящий акт сверки о том, что состояние взаимных расчётов по данным учёта следующее:",
	opening: "Сальдо начальное", turnover: "Обороты за период", closing: "Сальдо конечное",
	date: "Дата", document: "Документ", debit: "Дебет", credit: "Кредит",
	favourOf:    "По данным %s на %s задолженность в пользу %s составляет %s (%s).",
	noDebt:      "По данным %s на %s задолженность отсутствует.",
	stmtPayment: "Оплата", stmtInvoice: "Продажа", stmtCredit: "Возврат",
	fromParty: "От %s",

	qrCaption: "Оплата по QR-коду",
}

var enLabels = &labels{
	page: "Page {current} of {total}", no: "No.", dated: "dated", draft: "draft", yearSuffix: "",

	quote: "Quotation", order: "Sales order", invoice: "Invoice", waybill: "Delivery note",
	creditNote: "Credit note", contract: "Supply contract", statement: "Statement of account",
	file: map[model.DocKind]string{
		model.DocQuote: "Quotation", model.DocOrder: "Order", model.DocInvoice: "Invoice", model.DocWaybill: "Delivery note",
		model.DocContract: "Contract", model.DocStatement: "Statement", model.DocCreditNote: "Credit note",
	},

	supplier: "Supplier:", buyer: "Buyer:", consignor: "Consignor:", consignee: "Consignee:", payer: "Payer:",
	basis: "Reference:", to: "To:",
	validUntil: "Valid until ", deliveryBy: "Delivery by:", paymentTerms: "Payment terms: ", manager: "Sales manager: ",
	note: "Note: ", insurance: "Insurance: ",
	contractRef: "Supply contract No. %s dated %s", orderRef: "Sales order No. %s dated %s",

	inn: "INN", kpp: "KPP", ogrn: "OGRN", phone: "phone: ", email: "e-mail: ",
	account: "account ", bankIn: "with ", bic: "BIC ", corr: "corr. account ", iban: "IBAN ", swift: "SWIFT ",

	payeeBank: "Beneficiary's bank", payee: "Beneficiary", bankBIC: "BIC", accountNo: "Account",

	colNo: "No.", colItem: "Description", colSKU: "SKU", colQty: "Qty", colUnit: "Unit", colPrice: "Price",
	colAmount: "Amount", colVATRate: "VAT rate", colVAT: "VAT", colNet: "Net amount", colGross: "Gross amount",
	colWeight: "Weight, kg", colOKEI: "OKEI code", colGoods: "Goods", colUnitGroup: "Unit",
	colVATGroup: "VAT", colReturned: "Qty returned",

	total: "Total:", vatIncluded: "Including VAT %s:", vat: "VAT %s:", noVAT: "No VAT", toPay: "Total due:",
	itemsSum: "%d items, total %s", creditTotal: "Total credited:",
	pageTotal: "Page total", docTotal: "Total",
	dueBy: "Payment due by %s", schedule: "Payment schedule", scheduleDate: "Due date", scheduleAmount: "Amount",

	director: "Director", chiefAccountant: "Chief accountant", signature: "signature", fullName: "name", stamp: "Seal",
	releasedBy: "Released by", receivedBy: "Received by", releaseAllowed: "Release authorised by", shippedBy: "Accepted by",
	proxy:        "Power of attorney No. ______ dated __________",
	recordsWords: "%s %s records", releasedWords: "Total released: ", weightTotal: "Gross weight: %s kg",

	toInvoice: "to invoice No. %s dated %s", reason: "Reason: ",

	requisitesHeading: "DETAILS AND SIGNATURES OF THE PARTIES",

	period: "for the period from %s to %s", between: "between %s and %s", byData: "According to %s, %s",
	intro:   "We, the undersigned, have drawn up this statement of the mutual settlements as recorded in our accounts:",
	opening: "Opening balance", turnover: "Turnover for the period", closing: "Closing balance",
	date: "Date", document: "Document", debit: "Debit", credit: "Credit",
	favourOf:    "According to %s, as of %s the balance in favour of %s is %s (%s).",
	noDebt:      "According to %s, as of %s there is no balance outstanding.",
	stmtPayment: "Payment", stmtInvoice: "Sale", stmtCredit: "Return",
	fromParty: "For %s",

	qrCaption: "Pay by QR code",
}

// english tells whether a document prints in English.
func english(lang string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "en")
}

// langCode is the language as model's text functions take it.
func langCode(en bool) string {
	if en {
		return "en"
	}
	return "ru"
}

// zeroDigitCurrencies are the ISO 4217 currencies without minor units.
var zeroDigitCurrencies = map[string]bool{
	"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true, "KMF": true, "KRW": true,
	"PYG": true, "RWF": true, "UGX": true, "UYI": true, "VND": true, "VUV": true, "XAF": true, "XOF": true, "XPF": true,
}

// currencyCode is the ISO code of the pack's currency, RUB when unset.
func currencyCode(c model.Currency) string {
	if s := strings.ToUpper(strings.TrimSpace(c.Code)); s != "" {
		return s
	}
	return "RUB"
}

// minorDigits is how many decimals the currency's Money has. A zero
// MinorDigits is taken at its word only for a currency ISO 4217 gives no
// minor unit; otherwise it is read as "not filled in" and two decimals are
// used, so that kopecks are never printed as roubles (as reports/pricelist).
func minorDigits(c model.Currency) int {
	if n := c.MinorDigits; n > 0 && n <= 4 {
		return n
	}
	if c.MinorDigits == 0 && zeroDigitCurrencies[currencyCode(c)] {
		return 0
	}
	return 2
}

// format holds a document's number and date conventions.
type format struct {
	en     bool
	digits int
	code   string
}

// money writes an amount: Russian "1 234,56" (no-break spaces), English
// "1,234.56".
func (f format) money(m model.Money) string {
	if f.en {
		return model.FormatMoney(m, f.digits, ".", ",")
	}
	return model.FormatMoney(m, f.digits, ",", "\u00a0")
}

// moneyCur is an amount with its currency: «1 234,56 руб.», "1,234.56 EUR".
func (f format) moneyCur(m model.Money) string {
	if f.code == "RUB" && !f.en {
		return f.money(m) + "\u00a0руб."
	}
	return f.money(m) + "\u00a0" + f.code
}

// qty writes a quantity in thousandths without trailing zeros: "2",
// "1,5", "0,125" ("1.5" in English).
func (f format) qty(q model.Qty) string {
	dec, group := ",", "\u00a0"
	if f.en {
		dec, group = ".", ","
	}
	s := model.FormatFixed(int64(q), 3, dec, group)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, dec)
}

// date writes a calendar day: 28.11.2026 or 2026-11-28; "" for the zero
// time.
func (f format) date(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case f.en:
		return t.Format("2006-01-02")
	}
	return t.Format("02.01.2006")
}

var monthsGenitive = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
	"сентября", "октября", "ноября", "декабря"}

// longDate writes a day in words as contracts do: «28 ноября 2026 г.»,
// "28 November 2026".
func (f format) longDate(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case f.en:
		return t.Format("2 January 2006")
	}
	return t.Format("2") + " " + monthsGenitive[t.Month()-1] + " " + t.Format("2006") + " г."
}

// vatLabel is a rate as printed: «22%», or the label of the category.
func (f format) vatLabel(cat model.VATCategory, bp int64) string {
	if cat == model.VATNone || cat == "" {
		if f.en {
			return "No VAT"
		}
		return "Без НДС"
	}
	s := model.VATLabel(cat, bp)
	if f.en {
		s = strings.ReplaceAll(s, ",", ".")
	}
	return s
}
