package ui

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sdelka/model"
)

// Messages of the price list screens' own checks.
const (
	msgPercent = "valid.percent" // not a percentage with up to two decimals
	msgBreaks  = "valid.breaks"  // quantity breaks not written as «от 10 — 950,00; от 100 — 5%»
)

// breaksText writes quantity breaks as the price list screens show and read
// them: «от 10 — 950,00; от 100 — 5%» (prices without thousands separators,
// so that the text parses back whatever the language).
func (a *App) breaksText(bs []model.QtyBreak, digits int) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		value := a.percent(b.DiscountBP)
		if b.Price > 0 {
			value = a.moneyInput(b.Price, digits)
		}
		parts = append(parts, a.T("pricelist.break", a.qtyInput(b.MinQty), value))
	}
	return strings.Join(parts, "; ")
}

// breakSeps separate a break's quantity from its price or discount.
const breakSeps = "—–:="

// parseBreaks reads breaks typed as breaksText writes them: parts separated
// by «;», each an optional «от» / "from", a quantity (a unit after it is
// ignored), a dash (or «:», «=») and a price or a discount ending in «%».
// Prices are refused when prices is false (a rule list's breaks are
// discounts). Whether the breaks make sense together is the model's check.
func parseBreaks(text string, digits int, prices bool) ([]model.QtyBreak, bool) {
	var out []model.QtyBreak
	for _, part := range strings.Split(text, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		low := strings.ToLower(part)
		for _, p := range []string{"от ", "from "} {
			if strings.HasPrefix(low, p) {
				part = strings.TrimSpace(part[len(p):])
				break
			}
		}
		i := strings.IndexAny(part, breakSeps)
		if i <= 0 {
			return nil, false
		}
		_, n := utf8.DecodeRuneInString(part[i:])
		qs, vs := strings.TrimSpace(part[:i]), strings.TrimSpace(part[i+n:])
		qs = strings.TrimSpace(strings.TrimRightFunc(qs, func(r rune) bool { return unicode.IsLetter(r) || r == '.' }))
		q, err := parseQty(qs)
		if err != nil || q <= 0 {
			return nil, false
		}
		b := model.QtyBreak{MinQty: q}
		if p, ok := strings.CutSuffix(vs, "%"); ok {
			bp, err := model.ParseMoney(strings.TrimSpace(p), 2)
			if err != nil {
				return nil, false
			}
			b.DiscountBP = int64(bp)
		} else {
			if !prices {
				return nil, false
			}
			m, err := model.ParseMoney(vs, digits)
			if err != nil {
				return nil, false
			}
			b.Price = m
		}
		out = append(out, b)
	}
	return out, true
}

// qtyInput formats a quantity for an entry: up to three decimals, no
// thousands separator (an English "10,000" would read back as 10).
func (a *App) qtyInput(q model.Qty) string {
	s := model.FormatFixed(int64(q), 3, a.T("format.decimal"), "")
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, a.T("format.decimal"))
}

// parsePercent reads a percentage with up to two decimals as basis points:
// «-10» is −1000, «+2,5 %» is 250.
func parsePercent(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, false
	}
	bp, err := model.ParseMoney(s, 2)
	return int64(bp), err == nil
}

// percentInput formats basis points for an entry: «-10», «2,5».
func (a *App) percentInput(bp int64) string {
	return strings.TrimSuffix(a.percent(bp), "%")
}

// optionalDay reads a date entry: empty is the zero time (no limit).
func optionalDay(a *App, s string) (time.Time, bool) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, true
	}
	return parseDay(a, s)
}

// dayInput shows a date for an entry; the zero time is empty.
func (a *App) dayInput(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return a.showDay(d)
}

// currencyDigits is the number of decimals of a currency (2 when unknown).
func currencyDigits(cs []model.Currency, code string) int {
	if c, ok := model.CurrencyByCode(cs, code); ok {
		return c.MinorDigits
	}
	return 2
}

// currencyOptions are the currencies as «USD — Доллар США».
func currencyOptions(cs []model.Currency) (labels, values []string) {
	for _, c := range cs {
		labels, values = append(labels, c.Code+" — "+c.Name), append(values, c.Code)
	}
	return labels, values
}
