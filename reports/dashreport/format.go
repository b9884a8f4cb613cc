package dashreport

import (
	"math"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// fmtr formats numbers, amounts, percentages, months and days in the
// translator's language, so the UI, the command line and the PDF print the
// same text for the same figure.
type fmtr struct {
	tr       model.Tr
	en       bool
	dec, grp string
	digits   int    // decimals of the currency
	currency string // its code
}

// newFmt is the formatter for tr and a currency code ("" = RUB). The
// decimals come from model.DefaultCurrencies (2 for a code not there).
func newFmt(tr model.Tr, currency string) fmtr {
	if currency == "" {
		currency = "RUB"
	}
	f := fmtr{tr: tr, en: tr.Code() == "en", dec: tr.T("format.decimal"), grp: tr.T("format.thousands"), digits: 2, currency: currency}
	if f.dec == "format.decimal" {
		f.dec = ","
	}
	if f.grp == "format.thousands" {
		f.grp = "\u00a0"
	}
	if c, ok := model.CurrencyByCode(model.DefaultCurrencies, currency); ok {
		f.digits = max(c.MinorDigits, 0)
	}
	return f
}

// money is an amount in major units with its decimals: «1 234,56».
func (f fmtr) money(m model.Money) string { return model.FormatMoney(m, f.digits, f.dec, f.grp) }

// whole is an amount rounded to major units, for chart ticks and bar ends:
// «1 235».
func (f fmtr) whole(m model.Money) string {
	p := int64(1)
	for range f.digits {
		p *= 10
	}
	return model.FormatMoney(model.Money(model.RoundDiv(int64(m), p)), 0, f.dec, f.grp)
}

// withCur is a column heading with the currency: «Выручка, RUB».
func (f fmtr) withCur(key string) string { return f.tr.T(key) + ", " + f.currency }

// count is a count with digit grouping.
func (f fmtr) count(n int) string { return f.tr.Int(int64(n)) }

// pct is basis points as a percentage with one decimal, «45,5 %» or
// "45.5%"; a negative value (not defined: -1) is «—».
func (f fmtr) pct(bp int64) string {
	if bp < 0 {
		return "—"
	}
	return f.percent(model.RoundDiv(bp, 10), 1)
}

// rate is basis points as a percentage with up to two decimals, trailing
// zeros dropped: 500 → «5 %», 250 → «2,5 %», 1234 → «12,34 %».
func (f fmtr) rate(bp int64) string {
	s := model.FormatFixed(bp, 2, f.dec, f.grp)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), f.dec)
	return f.percentSuffix(s)
}

// percent writes v with decimals and the percent sign.
func (f fmtr) percent(v int64, decimals int) string {
	return f.percentSuffix(model.FormatFixed(v, decimals, f.dec, f.grp))
}

func (f fmtr) percentSuffix(s string) string {
	if f.en {
		return s + "%"
	}
	return s + "\u00a0%"
}

// factor is a multiplier in basis points: 12000 → «×1,2».
func (f fmtr) factor(bp int64) string {
	s := model.FormatFixed(bp, 4, f.dec, f.grp)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), f.dec)
	return "×" + s
}

// change is the change from prev to cur in percent («+12,5 %»), «—» when
// prev is not positive.
func (f fmtr) change(cur, prev model.Money) string {
	if prev <= 0 {
		return "—"
	}
	diff := int64(cur) - int64(prev)
	if diff > int64(cur) { // prev > 0, so only an overflow makes diff exceed cur
		return "—"
	}
	bp, ok := model.MulDivRound(diff, 1000, int64(prev))
	if !ok {
		return "—"
	}
	s := f.percent(bp, 1)
	if bp > 0 {
		s = "+" + s
	}
	return s
}

// days is a mean number of days with one decimal, half rounded up.
func (f fmtr) days(d float64) string {
	s := strconv.FormatFloat(math.Round(d*10)/10, 'f', 1, 64)
	return strings.Replace(s, ".", f.dec, 1)
}

// date is a calendar day in the language's format; "" for the zero time.
func (f fmtr) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	layout := f.tr.T("format.date")
	if layout == "format.date" {
		layout = "02.01.2006"
	}
	return t.Format(layout)
}

var (
	monthsShortRU = [...]string{"янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"}
	monthsShortEN = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsLongRU  = [...]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
		"октябрь", "ноябрь", "декабрь"}
)

// month is a month as charts and tables label it: «янв 2026», "Jan 2026".
func (f fmtr) month(m model.Month) string {
	if m.IsZero() || m.Month < 1 || m.Month > 12 {
		return f.tr.T("dash.no_date")
	}
	if f.en {
		return monthsShortEN[m.Month-1] + " " + strconv.Itoa(m.Year)
	}
	return monthsShortRU[m.Month-1] + " " + strconv.Itoa(m.Year)
}

// longMonth is a month in words: «ноябрь 2026», "November 2026".
func (f fmtr) longMonth(m model.Month) string {
	if m.IsZero() || m.Month < 1 || m.Month > 12 {
		return ""
	}
	if f.en {
		return m.Month.String() + " " + strconv.Itoa(m.Year)
	}
	return monthsLongRU[m.Month-1] + " " + strconv.Itoa(m.Year)
}

// LongMonth writes a month in words in tr's language: «ноябрь 2026»,
// "November 2026" (the commission statements' period).
func LongMonth(tr model.Tr, m model.Month) string { return newFmt(tr, "").longMonth(m) }

// Money formats an amount of currency (a code, "" = RUB) with its
// decimals and the language's separators, without the code: «1 234,56».
func Money(tr model.Tr, currency string, m model.Money) string { return newFmt(tr, currency).money(m) }

// Percent formats basis points as a percentage with one decimal; -1 (not
// defined) is «—».
func Percent(tr model.Tr, bp int64) string { return newFmt(tr, "").pct(bp) }

// Rate formats a rate in basis points with up to two decimals: «2,5 %».
func Rate(tr model.Tr, bp int64) string { return newFmt(tr, "").rate(bp) }

// Factor formats a multiplier in basis points: 12000 → «×1,2».
func Factor(tr model.Tr, bp int64) string { return newFmt(tr, "").factor(bp) }

// Date formats a calendar day in tr's language ("" for the zero time).
func Date(tr model.Tr, t time.Time) string { return newFmt(tr, "").date(t) }

// ChartMoney is the amount formatter for charts.Options.Money: whole major
// units with the language's digit grouping.
func ChartMoney(tr model.Tr, currency string) func(model.Money) string {
	return newFmt(tr, currency).whole
}

// PeriodText is the period of a filter: «янв 2026 — дек 2026».
func PeriodText(tr model.Tr, f model.DashFilter) string {
	ft := newFmt(tr, "")
	switch {
	case f.From.IsZero() && f.To.IsZero():
		return ""
	case f.From == f.To:
		return ft.longMonth(f.From)
	}
	return ft.longMonth(f.From) + " — " + ft.longMonth(f.To)
}
