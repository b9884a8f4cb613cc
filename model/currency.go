package model

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// ErrNoRate: a conversion needs an exchange rate that is missing or unusable
// (Nominal or value not positive, or a rate of another currency).
var ErrNoRate = errors.New("no exchange rate")

// ErrBadNumber: a money amount or decimal typed or imported is not a number
// Sdelka can take exactly (garbage, too many decimals, out of range).
var ErrBadNumber = errors.New("not a valid number")

// DefaultCurrencies are the currencies a new company starts with: the rouble
// and those the Central Bank quotes that Russian firms trade in most. Names
// are in Russian because they are printed on documents.
var DefaultCurrencies = []Currency{
	{Code: "RUB", NumCode: "643", Name: "Российский рубль", Symbol: "₽", MinorDigits: 2},
	{Code: "USD", NumCode: "840", Name: "Доллар США", Symbol: "$", MinorDigits: 2},
	{Code: "EUR", NumCode: "978", Name: "Евро", Symbol: "€", MinorDigits: 2},
	{Code: "CNY", NumCode: "156", Name: "Китайский юань", Symbol: "¥", MinorDigits: 2},
	{Code: "KZT", NumCode: "398", Name: "Казахстанский тенге", Symbol: "₸", MinorDigits: 2},
	{Code: "BYN", NumCode: "933", Name: "Белорусский рубль", Symbol: "Br", MinorDigits: 2},
	{Code: "JPY", NumCode: "392", Name: "Японская иена", Symbol: "¥", MinorDigits: 0},
	{Code: "GBP", NumCode: "826", Name: "Фунт стерлингов", Symbol: "£", MinorDigits: 2},
	{Code: "TRY", NumCode: "949", Name: "Турецкая лира", Symbol: "₺", MinorDigits: 2},
	{Code: "AED", NumCode: "784", Name: "Дирхам ОАЭ", Symbol: "Dh", MinorDigits: 2},
}

// CurrencyByCode finds the currency with the ISO letter code in cs.
func CurrencyByCode(cs []Currency, code string) (Currency, bool) {
	for _, c := range cs {
		if c.Code == code {
			return c, true
		}
	}
	return Currency{}, false
}

// maxMinorDigits bounds Currency.MinorDigits: 10^18 is the largest power of
// ten an int64 holds.
const maxMinorDigits = 18

// Convert turns amount (minor units of from) into minor units of to, going
// through the base currency: each rate is the price of Nominal units in base
// currency units ×10^4 (as the Central Bank quotes), and the currency equal to
// base needs no rate (pass a zero ExchangeRate). The whole chain
//
//	amount / 10^from.MinorDigits × rateFrom.ValueE4 / (10^4 × rateFrom.Nominal)
//	       × (10^4 × rateTo.Nominal) / rateTo.ValueE4 × 10^to.MinorDigits
//
// is computed exactly with math/big and rounded once at the end, half away
// from zero (the RoundDiv rule). The same currency on both sides returns
// amount unchanged, without rates. Errors wrap ErrNoRate when a needed rate
// is missing, is not positive, or is for another currency, and ErrOverflow
// when the result does not fit.
func Convert(amount Money, from, to Currency, rateFrom, rateTo ExchangeRate, base string) (Money, error) {
	if from.Code == to.Code {
		return amount, nil
	}
	for _, c := range []Currency{from, to} {
		if c.MinorDigits < 0 || c.MinorDigits > maxMinorDigits {
			return 0, fmt.Errorf("convert %s to %s: currency %s has %d minor digits", from.Code, to.Code, c.Code, c.MinorDigits)
		}
	}
	fv, fper, err := rateParts(from.Code, rateFrom, base)
	if err != nil {
		return 0, fmt.Errorf("convert %s to %s: %w", from.Code, to.Code, err)
	}
	tv, tper, err := rateParts(to.Code, rateTo, base)
	if err != nil {
		return 0, fmt.Errorf("convert %s to %s: %w", from.Code, to.Code, err)
	}
	num := big.NewInt(int64(amount))
	num.Mul(num, fv).Mul(num, tper).Mul(num, pow10(to.MinorDigits))
	den := pow10(from.MinorDigits)
	den.Mul(den, fper).Mul(den, tv)
	q := bigRoundDiv(num, den)
	if !q.IsInt64() {
		return 0, fmt.Errorf("convert %d %s to %s: %w", amount, from.Code, to.Code, ErrOverflow)
	}
	return Money(q.Int64()), nil
}

// rateParts says one unit of code is value/per base units.
func rateParts(code string, r ExchangeRate, base string) (value, per *big.Int, err error) {
	if code == base {
		return big.NewInt(1), big.NewInt(1), nil
	}
	switch {
	case r.Currency != "" && r.Currency != code:
		return nil, nil, fmt.Errorf("rate of %s given for %s: %w", r.Currency, code, ErrNoRate)
	case r.Nominal <= 0 || r.ValueE4 <= 0:
		return nil, nil, fmt.Errorf("rate of %s (nominal %d, value %d): %w", code, r.Nominal, r.ValueE4, ErrNoRate)
	}
	per = big.NewInt(r.Nominal)
	per.Mul(per, big.NewInt(10000))
	return big.NewInt(r.ValueE4), per, nil
}

// pow10 is 10^n as a new big.Int.
func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// bigRoundDiv is RoundDiv over big integers: num/den, half away from zero.
func bigRoundDiv(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	if r2.CmpAbs(den) >= 0 {
		if num.Sign()*den.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// RateOn returns the rate of currency in force on day: the one with the
// latest Date on or before day (calendar dates, as PriceList.ValidOn
// compares them). Of two rates for the same date the later in rates wins,
// as saving a rate again replaces it. ok is false when there is none; the
// base currency has none and needs none.
func RateOn(rates []ExchangeRate, currency string, day time.Time) (ExchangeRate, bool) {
	d := dayOf(day)
	var best ExchangeRate
	var bestDay time.Time
	ok := false
	for _, r := range rates {
		if r.Currency != currency {
			continue
		}
		rd := dayOf(r.Date)
		if rd.After(d) || (ok && rd.Before(bestDay)) {
			continue
		}
		best, bestDay, ok = r, rd, true
	}
	return best, ok
}

// RatePerUnitE4 is the price of ONE unit in base units ×10^4, rounded by
// RoundDiv; 0 for a rate without a positive Nominal. It loses digits for
// rates quoted per 100 or more (JPY 100 = 62.1234 is 0.6212 per yen): show
// RatePerUnit where all digits matter.
func RatePerUnitE4(r ExchangeRate) int64 {
	if r.Nominal <= 0 {
		return 0
	}
	return RoundDiv(r.ValueE4, r.Nominal)
}

// ratePerUnitMaxDecimals caps RatePerUnit for a Nominal whose quotient does
// not terminate (never one the Central Bank uses: they are 1, 10, 100 …).
const ratePerUnitMaxDecimals = 12

// RatePerUnit is the price of ONE unit in base units as an exact decimal
// string with a point ("0.621234" for JPY 100 = 62.1234), trailing zeros
// trimmed but at least four decimals kept ("92.5678", "1.0000"). A Nominal
// that is not of the form 2^a·5^b gives a non-terminating quotient, which is
// rounded half away from zero to 12 decimals, as is one that would need more.
// "" for a Nominal ≤ 0.
func RatePerUnit(r ExchangeRate) string {
	if r.Nominal <= 0 {
		return ""
	}
	// ValueE4/Nominal/10^4 terminates after 4+k decimals when Nominal divides 10^k.
	k, n := 0, r.Nominal
	for n%10 == 0 {
		n /= 10
		k++
	}
	for n%2 == 0 || n%5 == 0 {
		if n%2 == 0 {
			n /= 2
		} else {
			n /= 5
		}
		k++
	}
	if n != 1 || k+4 > ratePerUnitMaxDecimals {
		k = ratePerUnitMaxDecimals - 4
	}
	num := big.NewInt(r.ValueE4)
	num.Mul(num, pow10(k))
	q := bigRoundDiv(num, big.NewInt(r.Nominal))
	s := formatDigits(new(big.Int).Abs(q).String(), q.Sign() < 0, 4+k, ".", "")
	minLen := strings.IndexByte(s, '.') + 1 + 4
	for len(s) > minLen && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// ParseDecimalE4 parses a decimal to four places as an integer ×10^4:
// "92,5678" and "92.5678" are 925678, "1 234,5" is 12345000. It takes what
// ParseMoney takes (see there for separators) but no currency sign; more
// than four decimals is an error, never rounded away. Used for exchange
// rates by the CBR importer and the rate form. Errors wrap ErrBadNumber and
// quote the text.
func ParseDecimalE4(s string) (int64, error) {
	return parseDecimal("decimal", s, 4, false)
}

// ParseMoney parses an amount typed or imported into minor units of a
// currency with minorDigits decimals. It accepts a sign ("-", "−", "+"),
// digits grouped by thousands with spaces, no-break spaces or (see below)
// points or commas, a decimal comma or point, and a trailing "₽", "руб.",
// "руб" or "р.". The decimal separator: with both "," and "." present the
// last of them is the decimal separator and the other groups thousands; with
// one of them present once it is the decimal separator ("1,234" is 1.234,
// which has too many decimals for roubles and is refused rather than
// guessed); present more than once it groups thousands. Groups after the
// first must have exactly three digits. More decimals than minorDigits is an
// error, never a silent rounding. Errors wrap ErrBadNumber and quote the
// text. FormatMoney's output always parses back to the same amount.
func ParseMoney(s string, minorDigits int) (Money, error) {
	v, err := parseDecimal("amount", s, minorDigits, true)
	return Money(v), err
}

// FormatMoney writes m (minor units) with minorDigits decimals, the
// thousands grouped by groupSep ("" for none) and decSep before the
// decimals: FormatMoney(123456, 2, ",", " ") is "1 234,56", a negative
// amount starts with "-". A negative minorDigits counts as 0.
func FormatMoney(m Money, minorDigits int, decimalSep, groupSep string) string {
	if minorDigits < 0 {
		minorDigits = 0
	}
	return formatDigits(strconv.FormatUint(uabs(int64(m)), 10), m < 0, minorDigits, decimalSep, groupSep)
}

// FormatFixed writes a fixed-point number v with decimals digits after
// decSep (a quantity in thousandths with 3, a rate ×10^4 with 4, basis
// points with 2), grouped like FormatMoney.
func FormatFixed(v int64, decimals int, decimalSep, groupSep string) string {
	return FormatMoney(Money(v), decimals, decimalSep, groupSep)
}

// formatDigits writes the magnitude given as decimal digits with decimals
// of them after decSep and the integer part grouped by three.
func formatDigits(digits string, neg bool, decimals int, decSep, groupSep string) string {
	if len(digits) < decimals+1 {
		digits = strings.Repeat("0", decimals+1-len(digits)) + digits
	}
	ip, fp := digits[:len(digits)-decimals], digits[len(digits)-decimals:]
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(ip); i++ {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteString(groupSep)
		}
		b.WriteByte(ip[i])
	}
	if decimals > 0 {
		b.WriteString(decSep)
		b.WriteString(fp)
	}
	return b.String()
}

// currencySuffixes are stripped from the end of a typed amount.
var currencySuffixes = []string{"₽", "руб.", "руб", "р."}

// isGroupSpace tells the spaces that group thousands: space, no-break space,
// narrow no-break space (Excel, CLDR) and thin space.
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// parseDecimal parses s as a decimal number ×10^scale (see ParseMoney).
func parseDecimal(what, s string, scale int, money bool) (int64, error) {
	orig := s
	bad := func(why string) error {
		return fmt.Errorf("%s %q: %s: %w", what, orig, why, ErrBadNumber)
	}
	if scale < 0 || scale > maxMinorDigits {
		return 0, bad(fmt.Sprintf("%d decimals is not supported", scale))
	}
	s = strings.TrimSpace(s)
	if money {
		for _, suf := range currencySuffixes {
			if n := len(s) - len(suf); n >= 0 && strings.EqualFold(s[n:], suf) {
				s = strings.TrimSpace(s[:n])
				break
			}
		}
	}
	neg := false
	for _, sign := range []string{"-", "−", "+"} {
		if rest, ok := strings.CutPrefix(s, sign); ok {
			neg, s = sign != "+", rest
			break
		}
	}
	if s == "" {
		return 0, bad("no digits")
	}
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	dec := -1
	var groupMark rune
	switch {
	case lastDot >= 0 && lastComma >= 0:
		if lastDot > lastComma {
			dec, groupMark = lastDot, ','
		} else {
			dec, groupMark = lastComma, '.'
		}
	case lastDot >= 0 && strings.Count(s, ".") == 1:
		dec = lastDot
	case lastDot >= 0:
		groupMark = '.'
	case lastComma >= 0 && strings.Count(s, ",") == 1:
		dec = lastComma
	case lastComma >= 0:
		groupMark = ','
	}
	ip, fp := s, ""
	if dec >= 0 {
		ip, fp = s[:dec], s[dec+1:]
		if fp == "" {
			return 0, bad("no digits after the decimal separator")
		}
	}
	var mag uint64
	push := func(c byte) bool {
		d := uint64(c - '0')
		if mag > (math.MaxUint64-d)/10 {
			return false
		}
		mag = mag*10 + d
		return true
	}
	// The integer part: digits in groups; one kind of separator throughout.
	var sep rune
	group, groups := 0, 0
	for _, r := range ip {
		switch {
		case r >= '0' && r <= '9':
			if !push(byte(r)) {
				return 0, bad("out of range")
			}
			group++
			continue
		case r == groupMark || isGroupSpace(r):
			if sep != 0 && r != sep {
				return 0, bad("mixed thousands separators")
			}
			sep = r
		default:
			return 0, bad(fmt.Sprintf("unexpected %q", r))
		}
		if group == 0 || group > 3 || (groups > 0 && group != 3) {
			return 0, bad("misplaced thousands separator")
		}
		group = 0
		groups++
	}
	if groups > 0 && group != 3 {
		return 0, bad("misplaced thousands separator")
	}
	if ip == "" && fp == "" {
		return 0, bad("no digits")
	}
	for _, r := range fp {
		if r < '0' || r > '9' {
			return 0, bad(fmt.Sprintf("unexpected %q after the decimal separator", r))
		}
	}
	if len(fp) > scale {
		return 0, bad(fmt.Sprintf("more than %d decimals", scale))
	}
	fp += strings.Repeat("0", scale-len(fp))
	for i := 0; i < len(fp); i++ {
		if !push(fp[i]) {
			return 0, bad("out of range")
		}
	}
	v, ok := fromMagnitude(mag, neg)
	if !ok {
		return 0, bad("out of range")
	}
	return v, nil
}
