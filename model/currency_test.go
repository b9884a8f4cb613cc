package model_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"

	"sdelka/model"
)

// cur returns the default currency with the code.
func cur(t testing.TB, code string) model.Currency {
	t.Helper()
	c, ok := model.CurrencyByCode(model.DefaultCurrencies, code)
	if !ok {
		t.Fatalf("currency %s: not in DefaultCurrencies", code)
	}
	return c
}

// rate is an ExchangeRate of Nominal units of code worth valueE4/10^4 roubles.
func rate(code string, nominal, valueE4 int64) model.ExchangeRate {
	return model.ExchangeRate{Currency: code, Nominal: nominal, ValueE4: valueE4}
}

func TestConvert(t *testing.T) {
	var none model.ExchangeRate
	usd := rate("USD", 1, 925678)   // 92.5678
	eur := rate("EUR", 1, 1001234)  // 100.1234
	jpy := rate("JPY", 100, 621234) // 100 JPY = 62.1234
	kzt := rate("KZT", 100, 178901) // 100 KZT = 17.8901
	two := rate("USD", 1, 20000)    // 2.0000
	tests := []struct {
		name     string
		amount   model.Money
		from, to string
		rf, rt   model.ExchangeRate
		want     model.Money
	}{
		{"USD to RUB", 10000, "USD", "RUB", usd, none, 925678},
		{"RUB to USD", 925678, "RUB", "USD", none, usd, 10000},
		{"one kopeck to USD is nothing", 1, "RUB", "USD", none, usd, 0},
		{"one cent to RUB", 1, "USD", "RUB", usd, none, 93}, // 92.5678 kopecks
		{"negative", -10000, "USD", "RUB", usd, none, -925678},
		{"zero", 0, "USD", "RUB", usd, none, 0},
		{"JPY (no minor units) to RUB", 1000, "JPY", "RUB", jpy, none, 62123}, // 621.234 roubles
		{"RUB to JPY", 62123, "RUB", "JPY", none, jpy, 1000},                  // 999.99 yen
		{"KZT nominal 100", 100000, "KZT", "RUB", kzt, none, 17890},           // 1000 KZT = 178.901 RUB
		{"cross USD to EUR", 10000, "USD", "EUR", usd, eur, 9245},             // 92.4537…
		{"cross EUR to JPY", 100, "EUR", "JPY", eur, jpy, 161},                // 1 EUR = 161.17 JPY
		{"half a cent rounds up", 1, "RUB", "USD", none, two, 1},
		{"minus half a cent rounds down", -1, "RUB", "USD", none, two, -1},
		{"one and a half cents", 3, "RUB", "USD", none, two, 2},
		{"same currency needs no rate", 12345, "USD", "USD", none, none, 12345},
		{"same base currency", 12345, "RUB", "RUB", none, none, 12345},
		{"huge exact", 9_000_000_000_000_000, "RUB", "USD", none, rate("USD", 1, 10000), 9_000_000_000_000_000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := model.Convert(tc.amount, cur(t, tc.from), cur(t, tc.to), tc.rf, tc.rt, "RUB")
			if err != nil || got != tc.want {
				t.Errorf("Convert(%d %s → %s): got %d, %v; want %d", tc.amount, tc.from, tc.to, got, err, tc.want)
			}
		})
	}
}

func TestConvertBaseOtherThanRUB(t *testing.T) {
	// A company keeping its books in euros: RUB is then quoted in EUR.
	rub := rate("RUB", 100, 10000) // 100 RUB = 1.0000 EUR
	got, err := model.Convert(50000, cur(t, "RUB"), cur(t, "EUR"), rub, model.ExchangeRate{}, "EUR")
	if err != nil || got != 500 {
		t.Errorf("500 RUB in EUR: got %d, %v; want 500 cents", got, err)
	}
}

func TestConvertErrors(t *testing.T) {
	var none model.ExchangeRate
	usd := rate("USD", 1, 925678)
	bad := model.Currency{Code: "BAD", MinorDigits: -1}
	tests := []struct {
		name     string
		from, to model.Currency
		rf, rt   model.ExchangeRate
		want     error
	}{
		{"missing from rate", cur(t, "USD"), cur(t, "RUB"), none, none, model.ErrNoRate},
		{"missing to rate", cur(t, "RUB"), cur(t, "USD"), none, none, model.ErrNoRate},
		{"missing one of a cross", cur(t, "USD"), cur(t, "EUR"), usd, none, model.ErrNoRate},
		{"nominal zero", cur(t, "USD"), cur(t, "RUB"), rate("USD", 0, 925678), none, model.ErrNoRate},
		{"nominal negative", cur(t, "USD"), cur(t, "RUB"), rate("USD", -1, 925678), none, model.ErrNoRate},
		{"value zero", cur(t, "USD"), cur(t, "RUB"), rate("USD", 1, 0), none, model.ErrNoRate},
		{"value negative", cur(t, "USD"), cur(t, "RUB"), rate("USD", 1, -5), none, model.ErrNoRate},
		{"rate of another currency", cur(t, "EUR"), cur(t, "RUB"), usd, none, model.ErrNoRate},
		{"overflow", cur(t, "USD"), cur(t, "RUB"), usd, none, model.ErrOverflow},
		{"bad minor digits", bad, cur(t, "RUB"), usd, none, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			amount := model.Money(100)
			if tc.want == model.ErrOverflow {
				amount = math.MaxInt64 / 2
			}
			got, err := model.Convert(amount, tc.from, tc.to, tc.rf, tc.rt, "RUB")
			if err == nil {
				t.Fatalf("got %d, nil; want an error", got)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.from.Code) {
				t.Errorf("error %q does not name the currency %s", err, tc.from.Code)
			}
		})
	}
}

func TestConvertRoundTripIsClose(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	usd, rub := cur(t, "USD"), cur(t, "RUB")
	for i := 0; i < 20_000; i++ {
		rt := rate("USD", 1, r.Int64N(2_000_000)+1)
		amount := model.Money(r.Int64N(2_000_000_000_000) - 1_000_000_000_000)
		inRUB, err := model.Convert(amount, usd, rub, rt, model.ExchangeRate{}, "RUB")
		if err != nil {
			t.Fatal(err)
		}
		back, err := model.Convert(inRUB, rub, usd, model.ExchangeRate{}, rt, "RUB")
		if err != nil {
			t.Fatal(err)
		}
		// The cent is at least as big as the kopeck when the rate is ≥ 1, so
		// the way back lands on the same cent; at any rate within one cent
		// plus the kopeck's worth.
		tol := model.Money(1 + 10000/rt.ValueE4)
		if d := back - amount; d > tol || d < -tol {
			t.Fatalf("%d cents at %d: back as %d (via %d kopecks)", amount, rt.ValueE4, back, inRUB)
		}
		neg, _ := model.Convert(-amount, usd, rub, rt, model.ExchangeRate{}, "RUB")
		if neg != -inRUB {
			t.Fatalf("Convert(%d) = %d is not the negative of %d", -amount, neg, inRUB)
		}
	}
}

func TestRateOn(t *testing.T) {
	rates := []model.ExchangeRate{
		{Currency: "USD", Date: vatDay(2026, 1, 10), Nominal: 1, ValueE4: 800000},
		{Currency: "EUR", Date: vatDay(2026, 1, 12), Nominal: 1, ValueE4: 900000},
		{Currency: "USD", Date: vatDay(2026, 1, 20), Nominal: 1, ValueE4: 810000},
		{Currency: "USD", Date: vatDay(2026, 1, 15), Nominal: 1, ValueE4: 805000},
		{Currency: "USD", Date: vatDay(2026, 1, 15), Nominal: 1, ValueE4: 806000, Source: "manual"},
	}
	tests := []struct {
		name   string
		code   string
		day    time.Time
		want   int64
		wantOK bool
	}{
		{"before the first", "USD", vatDay(2026, 1, 9), 0, false},
		{"on the first day", "USD", vatDay(2026, 1, 10), 800000, true},
		{"between", "USD", vatDay(2026, 1, 14), 800000, true},
		{"same date twice: the later entry", "USD", vatDay(2026, 1, 15), 806000, true},
		{"time of day does not matter", "USD", time.Date(2026, 1, 19, 23, 59, 0, 0, time.UTC), 806000, true},
		{"the latest, listed before", "USD", vatDay(2026, 1, 20), 810000, true},
		{"long after", "USD", vatDay(2027, 1, 1), 810000, true},
		{"other currency", "EUR", vatDay(2026, 1, 20), 900000, true},
		{"unknown currency", "CNY", vatDay(2026, 1, 20), 0, false},
		{"base currency has none", "RUB", vatDay(2026, 1, 20), 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := model.RateOn(rates, tc.code, tc.day)
			if got.ValueE4 != tc.want || ok != tc.wantOK || (ok && got.Currency != tc.code) {
				t.Errorf("RateOn(%s, %s): got %+v, %v; want value %d, %v", tc.code, tc.day, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestRatePerUnit(t *testing.T) {
	tests := []struct {
		name       string
		nominal, v int64
		wantE4     int64
		want       string
	}{
		{"USD", 1, 925678, 925678, "92.5678"},
		{"JPY per 100", 100, 621234, 6212, "0.621234"},
		{"KZT per 100", 100, 178901, 1789, "0.178901"},
		{"whole", 1, 10000, 10000, "1.0000"},
		{"per 10 trims to four", 10, 10000, 1000, "0.1000"},
		{"per 10 keeps a fifth", 10, 123455, 12346, "1.23455"},
		{"per 10000", 10000, 331234, 33, "0.00331234"},
		{"per 1000", 1000, 12345, 12, "0.0012345"},
		{"per 2", 2, 3, 2, "0.00015"},
		{"per 4", 4, 1, 0, "0.000025"},
		{"per 3 does not terminate", 3, 10000, 3333, "0.333333333333"},
		{"per 7 rounds at 12 places", 7, 20000, 2857, "0.285714285714"},
		{"per 6 rounds half up", 6, 10000, 1667, "0.166666666667"},
		{"large value", 1, 12345678901234, 12345678901234, "1234567890.1234"},
		{"zero nominal", 0, 10000, 0, ""},
		{"negative nominal", -1, 10000, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rate("X", tc.nominal, tc.v)
			if got := model.RatePerUnitE4(r); got != tc.wantE4 {
				t.Errorf("RatePerUnitE4(%d per %d): got %d, want %d", tc.v, tc.nominal, got, tc.wantE4)
			}
			if got := model.RatePerUnit(r); got != tc.want {
				t.Errorf("RatePerUnit(%d per %d): got %q, want %q", tc.v, tc.nominal, got, tc.want)
			}
		})
	}
}

func TestParseDecimalE4(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"92,5678", 925678},
		{"92.5678", 925678},
		{"1 234,5", 12345000},
		{"62,1234", 621234},
		{"1", 10000},
		{"0,0001", 1},
		{" 92,5 ", 925000},
		{"1\u00a0234,5678", 12345678},
		{"1.234,5", 12345000},
		{"1,234.5", 12345000},
		{"-1,5", -15000},
		{"007,5", 75000},
	}
	for _, tc := range tests {
		got, err := model.ParseDecimalE4(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDecimalE4(%q): got %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", " ", "abc", "92,56789", "92,5678 ₽", "1e4", "92,56,78", "9 2,5", "92..5", "NaN", "922337203685477,5808"} {
		got, err := model.ParseDecimalE4(in)
		if err == nil {
			t.Errorf("ParseDecimalE4(%q): got %d, want an error", in, got)
			continue
		}
		if !errors.Is(err, model.ErrBadNumber) || !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseDecimalE4(%q): got error %q, want ErrBadNumber quoting the text", in, err)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in     string
		digits int
		want   model.Money
	}{
		{"1 234,56", 2, 123456},
		{"1234.5", 2, 123450},
		{"1234,5", 2, 123450},
		{"1,234.56", 2, 123456},
		{"1.234,56", 2, 123456},
		{"1.234.567,89", 2, 123456789},
		{"1,234,567.89", 2, 123456789},
		{"1 234 567,89", 2, 123456789},
		{"1.234.567", 2, 123456700},
		{"1,234,567", 2, 123456700},
		{"-5", 2, -500},
		{"−5", 2, -500},
		{"+5", 2, 500},
		{"-0", 2, 0},
		{"0", 2, 0},
		{"0,5", 2, 50},
		{",5", 2, 50},
		{"-,05", 2, -5},
		{"12,3", 2, 1230},
		{"007", 2, 700},
		{"1\u00a0234,56", 2, 123456},
		{"1\u202f234,56", 2, 123456},
		{"1\u2009234,56", 2, 123456},
		{"  1 234,56  ", 2, 123456},
		{"1 234,56 ₽", 2, 123456},
		{"1 234,56₽", 2, 123456},
		{"-1 234,56 ₽", 2, -123456},
		{"100 руб.", 2, 10000},
		{"100 Руб.", 2, 10000},
		{"100 РУБ", 2, 10000},
		{"100р.", 2, 10000},
		{"1 234", 0, 1234},
		{"1234", 0, 1234},
		{"1,234", 3, 1234},
		{"1,5", 1, 15},
		{"92 233 720 368 547 758,07", 2, math.MaxInt64},
		{"-92 233 720 368 547 758,08", 2, math.MinInt64},
		{"9223372036854775807", 0, math.MaxInt64},
		{"0,000000000000000001", 18, 1},
	}
	for _, tc := range tests {
		got, err := model.ParseMoney(tc.in, tc.digits)
		if err != nil || got != tc.want {
			t.Errorf("ParseMoney(%q, %d): got %d, %v; want %d", tc.in, tc.digits, got, err, tc.want)
		}
	}
}

func TestParseMoneyRefuses(t *testing.T) {
	tests := []struct {
		in     string
		digits int
		why    string
	}{
		{"", 2, "no digits"},
		{"   ", 2, "no digits"},
		{"₽", 2, "no digits"},
		{"-", 2, "no digits"},
		{"abc", 2, "unexpected"},
		{"12a", 2, "unexpected"},
		{"1,234", 2, "more than 2 decimals"}, // 1.234, never guessed as 1234
		{"1.005", 2, "more than 2 decimals"},
		{"0,001", 2, "more than 2 decimals"},
		{"1,5", 0, "more than 0 decimals"},
		{"1,234.567", 2, "more than 2 decimals"},
		{"1,2,3", 2, "thousands separator"},
		{"1.2.3", 2, "thousands separator"},
		{"12 34", 2, "thousands separator"},
		{"1234 567", 2, "thousands separator"},
		{"1  234", 2, "thousands separator"},
		{"1 234 ,5", 2, "thousands separator"},
		{" 1 23", 2, "thousands separator"},
		{"1,234,56", 2, "thousands separator"},
		{"1 234.567,89", 2, "mixed thousands separators"},
		{"5,", 2, "no digits after"},
		{"5.", 2, "no digits after"},
		{"--5", 2, "unexpected"},
		{"5-", 2, "unexpected"},
		{"- 5", 2, "thousands separator"},
		{"1e3", 2, "unexpected"},
		{"0x10", 2, "unexpected"},
		{"١٢", 2, "unexpected"},
		{"１２", 2, "unexpected"},
		{"5,5a", 2, "after the decimal separator"},
		{"5 $", 2, "unexpected"},
		{"92 233 720 368 547 758,08", 2, "out of range"},
		{"-92 233 720 368 547 758,09", 2, "out of range"},
		{"99999999999999999999999", 0, "out of range"},
		{"1", -1, "not supported"},
		{"1", 19, "not supported"},
	}
	for _, tc := range tests {
		got, err := model.ParseMoney(tc.in, tc.digits)
		if err == nil {
			t.Errorf("ParseMoney(%q, %d): got %d, want an error (%s)", tc.in, tc.digits, got, tc.why)
			continue
		}
		msg := err.Error()
		if !errors.Is(err, model.ErrBadNumber) || !strings.Contains(msg, tc.why) || !strings.Contains(msg, "amount ") {
			t.Errorf("ParseMoney(%q, %d): got error %q, want ErrBadNumber saying %q", tc.in, tc.digits, msg, tc.why)
		}
		if !strings.Contains(msg, fmt.Sprintf("%q", tc.in)) {
			t.Errorf("ParseMoney(%q): error %q does not quote the text", tc.in, msg)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		m        model.Money
		digits   int
		dec, grp string
		want     string
	}{
		{0, 2, ",", " ", "0,00"},
		{5, 2, ",", " ", "0,05"},
		{-5, 2, ",", " ", "-0,05"},
		{100, 2, ",", " ", "1,00"},
		{99999, 2, ",", " ", "999,99"},
		{100000, 2, ",", " ", "1 000,00"},
		{123456, 2, ",", " ", "1 234,56"},
		{-123456, 2, ",", " ", "-1 234,56"},
		{1234567890, 2, ",", " ", "12 345 678,90"},
		{123456, 2, ",", "", "1234,56"},
		{123456, 2, ".", ",", "1,234.56"},
		{123456, 2, ",", "\u00a0", "1\u00a0234,56"},
		{1234, 0, ",", " ", "1 234"},
		{-1234567, 0, ",", " ", "-1 234 567"},
		{1234567, 3, ",", " ", "1 234,567"},
		{7, 5, ",", " ", "0,00007"},
		{1234, -1, ",", " ", "1 234"},
		{math.MaxInt64, 2, ",", " ", "92 233 720 368 547 758,07"},
		{math.MinInt64, 2, ",", " ", "-92 233 720 368 547 758,08"},
		{math.MinInt64, 0, ",", " ", "-9 223 372 036 854 775 808"},
		{1, 18, ",", " ", "0,000000000000000001"},
		{1, 20, ",", " ", "0,00000000000000000001"},
	}
	for _, tc := range tests {
		if got := model.FormatMoney(tc.m, tc.digits, tc.dec, tc.grp); got != tc.want {
			t.Errorf("FormatMoney(%d, %d, %q, %q): got %q, want %q", tc.m, tc.digits, tc.dec, tc.grp, got, tc.want)
		}
	}
}

// moneyFormats are the formats FormatMoney is used with that must parse back.
func moneyFormats(digits int) [][2]string {
	f := [][2]string{{",", " "}, {",", ""}, {",", "\u00a0"}, {".", " "}}
	if digits > 0 { // with no decimals "1,234" and "1.234" would read as 1.234
		f = append(f, [2]string{".", ","}, [2]string{",", "."})
	}
	return f
}

func TestMoneyRoundTripRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 50_000; i++ {
		m := model.Money(r.Uint64())
		if i%2 == 0 {
			m = model.Money(r.Int64N(2_000_001) - 1_000_000)
		}
		digits := r.IntN(19)
		for _, f := range moneyFormats(digits) {
			s := model.FormatMoney(m, digits, f[0], f[1])
			if got, err := model.ParseMoney(s, digits); err != nil || got != m {
				t.Fatalf("ParseMoney(FormatMoney(%d, %d, %q, %q) = %q): got %d, %v", m, digits, f[0], f[1], s, got, err)
			}
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1 234,56", "1234.5", "1,234.56", "1.234,56", "-5", "−5", "1\u00a0234,56 ₽", "100 руб.",
		",5", "1.234.567", "abc", "", "92 233 720 368 547 758,08", "1,2,3", "0,001"} {
		for _, d := range []uint8{0, 2, 3} {
			f.Add(s, d)
		}
	}
	f.Fuzz(func(t *testing.T, s string, d uint8) {
		digits := int(d % 20) // 19 is refused
		m, err := model.ParseMoney(s, digits)
		if err != nil {
			if !errors.Is(err, model.ErrBadNumber) {
				t.Fatalf("ParseMoney(%q, %d): error %v does not wrap ErrBadNumber", s, digits, err)
			}
			return
		}
		for _, fm := range moneyFormats(digits) {
			out := model.FormatMoney(m, digits, fm[0], fm[1])
			back, err := model.ParseMoney(out, digits)
			if err != nil || back != m {
				t.Fatalf("ParseMoney(%q, %d) = %d; FormatMoney → %q parses as %d, %v", s, digits, m, out, back, err)
			}
		}
	})
}

func TestDefaultCurrencies(t *testing.T) {
	if len(model.DefaultCurrencies) == 0 || model.DefaultCurrencies[0].Code != "RUB" {
		t.Fatalf("DefaultCurrencies: got %v, want RUB first", model.DefaultCurrencies)
	}
	want := map[string]struct {
		num    string
		digits int
	}{
		"RUB": {"643", 2}, "USD": {"840", 2}, "EUR": {"978", 2}, "CNY": {"156", 2}, "KZT": {"398", 2},
		"BYN": {"933", 2}, "JPY": {"392", 0}, "GBP": {"826", 2}, "TRY": {"949", 2}, "AED": {"784", 2},
	}
	seen := map[string]bool{}
	for _, c := range model.DefaultCurrencies {
		w, ok := want[c.Code]
		if !ok || seen[c.Code] || seen[c.NumCode] {
			t.Errorf("currency %+v: unexpected or duplicate", c)
			continue
		}
		seen[c.Code], seen[c.NumCode] = true, true
		if c.NumCode != w.num || c.MinorDigits != w.digits {
			t.Errorf("%s: got %s with %d digits, want %s with %d", c.Code, c.NumCode, c.MinorDigits, w.num, w.digits)
		}
		if c.Symbol == "" || !strings.ContainsFunc(c.Name, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			t.Errorf("%s: got name %q symbol %q, want a Russian name and a symbol", c.Code, c.Name, c.Symbol)
		}
	}
	if len(seen) != 2*len(want) {
		t.Errorf("DefaultCurrencies: got %d currencies, want %d", len(seen)/2, len(want))
	}
	if _, ok := model.CurrencyByCode(model.DefaultCurrencies, "XXX"); ok {
		t.Errorf("CurrencyByCode(XXX): got found, want not")
	}
}

func TestFormatFixed(t *testing.T) {
	for _, tt := range []struct {
		v    int64
		d    int
		want string
	}{{1500, 3, "1,500"}, {925678, 4, "92,5678"}, {-550, 2, "-5,50"}, {1234567, 3, "1 234,567"}, {0, 2, "0,00"}} {
		if got := model.FormatFixed(tt.v, tt.d, ",", " "); got != tt.want {
			t.Errorf("FormatFixed(%d, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}
