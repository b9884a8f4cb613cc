// Package pricelist writes a price list for a customer or a customer group:
// a PDF to send (A4, the company's requisites and logo on top, one table of
// all lines with a heading row per category, the column header repeated on
// every page, page numbers) and an XLSX workbook with the same lines, prices
// as numbers.
//
// The caller resolves the prices (model's price rules) and fills a Document;
// this package only lays it out. It never queries and does no price
// arithmetic beyond showing a discount against the base price.
package pricelist

import (
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// Document is a price list ready to print.
type Document struct {
	Company          model.Company  // requisites and Logo (PNG or JPEG bytes, may be nil)
	Title            string         // e.g. «Прайс-лист для ООО «Ромашка»»; "" prints «Прайс-лист» / "Price list"
	For              string         // the customer or group name; "" leaves the line out
	Date             time.Time      // the day the prices are valid on
	Currency         model.Currency // the prices' currency; Code "" means roubles
	PricesIncludeVAT bool           // prices include VAT («Цены указаны с НДС»)
	NoVAT            bool           // the company charges no VAT («Без НДС»); wins over PricesIncludeVAT
	Lang             string         // "en" for English headings and number format; anything else is Russian
	Sections         []Section      // one per category, in print order
	Generated        time.Time      // printed in the footer; tests fix it for stable output
}

// Section is one category's lines.
type Section struct {
	Category string // the heading row; "" prints no heading (uncategorised lines)
	Lines    []Line
}

// Line is one product's row.
type Line struct {
	SKU       string
	Name      string
	Unit      string      // the unit's symbol: «шт», «кг»
	Price     model.Money // in Document.Currency's minor units
	VAT       string      // as printed: «22%», «Без НДС»
	Breaks    string      // quantity breaks as printed, e.g. «от 10 шт — 950,00»; "" for none
	Note      string      // printed under the name in small type
	BasePrice model.Money // 0, or the base price when Price differs from it: the difference is shown
}

// english tells whether the document is in English.
func (d Document) english() bool { return strings.HasPrefix(strings.ToLower(d.Lang), "en") }

// labels are the fixed texts of a document in one language.
type labels struct {
	title, forPrefix, validOn, currency, generated string
	pageNumber                                     string // with {current} and {total}
	withVAT, withoutVAT, noVAT                     string
	sku, name, unit, price, vat, breaks, note      string
	inn, kpp, ogrn, address, phone, email          string
	account, bank, bic, corr                       string
	discount, markup                               string // %s: the percentage, %s: the base price
	sheet                                          string
}

var ru = labels{
	title: "Прайс-лист", forPrefix: "Для: ", validOn: "Цены действительны на ", currency: "Валюта: ",
	generated: "Сформирован ", pageNumber: "Страница {current} из {total}",
	withVAT: "Цены указаны с НДС", withoutVAT: "Цены указаны без НДС", noVAT: "Без НДС",
	sku: "Артикул", name: "Наименование", unit: "Ед.", price: "Цена", vat: "НДС", breaks: "Цена от количества",
	note: "Примечание",
	inn:  "ИНН", kpp: "КПП", ogrn: "ОГРН", address: "Адрес: ", phone: "Тел.: ", email: "e-mail: ",
	account: "Р/с ", bank: "", bic: "БИК ", corr: "к/с ",
	discount: "скидка %s от %s", markup: "наценка %s к %s",
	sheet: "Прайс-лист",
}

var en = labels{
	title: "Price list", forPrefix: "For: ", validOn: "Prices valid on ", currency: "Currency: ",
	generated: "Generated ", pageNumber: "Page {current} of {total}",
	withVAT: "Prices include VAT", withoutVAT: "Prices exclude VAT", noVAT: "No VAT",
	sku: "SKU", name: "Name", unit: "Unit", price: "Price", vat: "VAT", breaks: "Quantity prices",
	note: "Note",
	inn:  "INN", kpp: "KPP", ogrn: "OGRN", address: "Address: ", phone: "Phone: ", email: "e-mail: ",
	account: "Account ", bank: "", bic: "BIC ", corr: "corr. account ",
	discount: "%s off %s", markup: "%s above %s",
	sheet: "Price list",
}

func (d Document) labels() labels {
	if d.english() {
		return en
	}
	return ru
}

// title is the document's title, or the default one.
func (d Document) title() string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	return d.labels().title
}

// vatConvention is the sentence saying how prices treat VAT.
func (d Document) vatConvention() string {
	l := d.labels()
	switch {
	case d.NoVAT:
		return l.noVAT
	case d.PricesIncludeVAT:
		return l.withVAT
	}
	return l.withoutVAT
}

// currencyCode is the ISO code of the prices, RUB when unset.
func (d Document) currencyCode() string {
	if c := strings.ToUpper(strings.TrimSpace(d.Currency.Code)); c != "" {
		return c
	}
	return "RUB"
}

// currencyLine names the currency: «Валюта: Российский рубль (RUB)».
func (d Document) currencyLine() string {
	code := d.currencyCode()
	if name := strings.TrimSpace(d.Currency.Name); name != "" {
		return d.labels().currency + name + " (" + code + ")"
	}
	return d.labels().currency + code
}

// priceHeading is the price column's heading with the currency: «Цена, ₽».
func (d Document) priceHeading() string {
	sym := strings.TrimSpace(d.Currency.Symbol)
	if sym == "" {
		sym = d.currencyCode()
		if sym == "RUB" {
			sym = "₽"
		}
	}
	return d.labels().price + ", " + sym
}

// zeroDigitCurrencies are the ISO 4217 currencies without minor units.
var zeroDigitCurrencies = map[string]bool{
	"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true, "KMF": true, "KRW": true,
	"PYG": true, "RWF": true, "UGX": true, "UYI": true, "VND": true, "VUV": true, "XAF": true, "XOF": true, "XPF": true,
}

// minorDigits is how many decimals the currency's Money has. A zero
// MinorDigits is taken at its word only for a currency ISO 4217 gives no
// minor unit; otherwise it is read as "not filled in" and two decimals are
// used, so that kopecks are never printed as roubles.
func (d Document) minorDigits() int {
	if n := d.Currency.MinorDigits; n > 0 && n <= 4 {
		return n
	}
	if d.Currency.MinorDigits == 0 && zeroDigitCurrencies[d.currencyCode()] {
		return 0
	}
	return 2
}

// money formats an amount in the document's language and currency.
func (d Document) money(m model.Money) string {
	return FormatMoney(m, d.minorDigits(), d.english())
}

// FormatMoney writes an amount of minor units with digits decimals as a
// price list prints it: Russian "1 234 567,89" or English "1,234,567.89"
// (model.FormatMoney with the language's separators).
func FormatMoney(m model.Money, digits int, english bool) string {
	if english {
		return model.FormatMoney(m, digits, ".", ",")
	}
	return model.FormatMoney(m, digits, ",", " ")
}

// decimal is the amount as a plain decimal ("1234.56") for a spreadsheet.
func decimal(m model.Money, digits int) string {
	s := FormatMoney(m, digits, true)
	return strings.ReplaceAll(s, ",", "")
}

// date formats a day in the document's language.
func (d Document) date(t time.Time) string {
	if d.english() {
		return t.Format("2006-01-02")
	}
	return t.Format("02.01.2006")
}

// dateTime formats the generation time in the document's language.
func (d Document) dateTime(t time.Time) string {
	if d.english() {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02.01.2006 15:04")
}

// difference describes a price against the base price: «скидка 8 % от
// 1 250,00»; "" when there is no base price or it equals the price.
func (d Document) difference(l Line) string {
	if l.BasePrice <= 0 || l.BasePrice == l.Price {
		return ""
	}
	diff := l.BasePrice - l.Price
	format := d.labels().discount
	if diff < 0 {
		diff, format = -diff, d.labels().markup
	}
	// Tenths of a per cent, rounded half up, in integers.
	tenths := (int64(diff)*1000*2 + int64(l.BasePrice)) / (int64(l.BasePrice) * 2)
	pct := strconv.FormatInt(tenths/10, 10)
	if r := tenths % 10; r != 0 {
		sep := ","
		if d.english() {
			sep = "."
		}
		pct += sep + strconv.FormatInt(r, 10)
	}
	if d.english() {
		pct += "%"
	} else {
		pct += " %"
	}
	return strings.Replace(strings.Replace(format, "%s", pct, 1), "%s", d.money(l.BasePrice), 1)
}

// requisites are the company's lines under its name, empty parts left out.
func (d Document) requisites() []string {
	c, l := d.Company, d.labels()
	var out []string
	join := func(parts ...string) string {
		var kept []string
		for _, p := range parts {
			if strings.TrimSpace(p) != "" {
				kept = append(kept, strings.TrimSpace(p))
			}
		}
		return strings.Join(kept, ", ")
	}
	label := func(name, v string) string {
		if strings.TrimSpace(v) == "" {
			return ""
		}
		return name + " " + strings.TrimSpace(v)
	}
	prefixed := func(prefix, v string) string {
		if strings.TrimSpace(v) == "" {
			return ""
		}
		return prefix + strings.TrimSpace(v)
	}
	addr := c.LegalAddress
	if strings.TrimSpace(addr) == "" {
		addr = c.PostalAddress
	}
	for _, line := range []string{
		join(label(l.inn, c.INN), label(l.kpp, c.KPP), label(l.ogrn, c.OGRN)),
		prefixed(l.address, addr),
		join(prefixed(l.phone, c.Phone), prefixed(l.email, c.Email)),
		join(prefixed(l.account, c.Account), prefixed(l.bank, c.BankName), prefixed(l.bic, c.BIC), prefixed(l.corr, c.CorrAccount)),
	} {
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// companyName is the name printed at the top: the full legal name, or the
// short one when that is all there is.
func (d Document) companyName() string {
	if n := strings.TrimSpace(d.Company.Name); n != "" {
		return n
	}
	return strings.TrimSpace(d.Company.ShortName)
}

// shortName is the company as the footer names it.
func (d Document) shortName() string {
	if n := strings.TrimSpace(d.Company.ShortName); n != "" {
		return n
	}
	return strings.TrimSpace(d.Company.Name)
}
