package cbr_test

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"sdelka/model"
	"sdelka/reports/cbr"
)

// bankFile is the Bank's file as served: windows-1251, CRLF, 15 currencies.
func bankFile(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/XML_daily.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// utf8Text is the bank file decoded to UTF-8, its declaration unchanged.
func utf8Text(t testing.TB) string {
	t.Helper()
	s, err := charmap.Windows1251.NewDecoder().String(string(bankFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func win1251(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var day = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

func TestParseBankFile(t *testing.T) {
	got, err := cbr.Parse(bytes.NewReader(bankFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Date.Equal(day) || got.Date.Location() != time.UTC {
		t.Errorf("Date = %v, want %v", got.Date, day)
	}
	if len(got.Rates) != 15 {
		t.Fatalf("got %d rates, want 15", len(got.Rates))
	}
	want := map[string]model.ExchangeRate{
		"USD": {Currency: "USD", Date: day, Nominal: 1, ValueE4: 925678, Source: "cbr"},
		"EUR": {Currency: "EUR", Date: day, Nominal: 1, ValueE4: 1004567, Source: "cbr"},
		"GBP": {Currency: "GBP", Date: day, Nominal: 1, ValueE4: 1172345, Source: "cbr"},
		"TRY": {Currency: "TRY", Date: day, Nominal: 10, ValueE4: 267890, Source: "cbr"},
		"JPY": {Currency: "JPY", Date: day, Nominal: 100, ValueE4: 621234, Source: "cbr"},
		"UZS": {Currency: "UZS", Date: day, Nominal: 10000, ValueE4: 738901, Source: "cbr"},
		"CNY": {Currency: "CNY", Date: day, Nominal: 1, ValueE4: 127890, Source: "cbr"},
	}
	byCode := map[string]model.ExchangeRate{}
	for _, r := range got.Rates {
		byCode[r.Currency] = r
	}
	for code, w := range want {
		if g := byCode[code]; !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %+v, want %+v", code, g, w)
		}
	}
	if g, w := got.Rates[0].Currency, "AUD"; g != w {
		t.Errorf("first rate %s, want %s (the file's order)", g, w)
	}
	if g, w := got.Rates[14].Currency, "JPY"; g != w {
		t.Errorf("last rate %s, want %s (the file's order)", g, w)
	}
	names := map[string]string{
		"USD": "Доллар США",
		"JPY": "Японских иен",
		"GBP": "Фунт стерлингов Соединенного королевства",
		"AZN": "Азербайджанский манат",
	}
	for code, w := range names {
		if g := got.Names[code]; g != w {
			t.Errorf("Names[%s] = %q, want %q", code, g, w)
		}
	}
	if len(got.Names) != 15 || len(got.NumCodes) != 15 {
		t.Errorf("%d names and %d numeric codes, want 15 each", len(got.Names), len(got.NumCodes))
	}
	for code, w := range map[string]string{"AUD": "036", "USD": "840", "AMD": "051"} {
		if g := got.NumCodes[code]; g != w {
			t.Errorf("NumCodes[%s] = %q, want %q", code, g, w)
		}
	}
}

// variants are the bank file as people's tools leave it.
func variants(t testing.TB) map[string][]byte {
	t.Helper()
	text := utf8Text(t)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	declUTF8 := strings.Replace(text, `encoding="windows-1251"`, `encoding="utf-8"`, 1)
	noDecl := text[strings.Index(text, "<ValCurs"):]
	return map[string][]byte{
		"windows-1251 as served":                  bankFile(t),
		"UTF-8, declaration left as windows-1251": []byte(text),
		"UTF-8 declared":                          []byte(declUTF8),
		"UTF-8 with BOM":                          []byte("\uFEFF" + text),
		"UTF-8 with BOM, declared":                []byte("\uFEFF" + declUTF8),
		"UTF-16LE with BOM":                       utf16,
		"LF line ends":                            []byte(strings.ReplaceAll(text, "\r\n", "\n")),
		"one line":                                []byte(strings.ReplaceAll(text, "\r\n", "")),
		"windows-1251, no declaration":            win1251(t, noDecl),
		"windows-1251, version-only declaration":  win1251(t, `<?xml version="1.0"?>`+noDecl),
		"UTF-8, no declaration":                   []byte(noDecl),
		"cp1251 label":                            bytes.Replace(bankFile(t), []byte("windows-1251"), []byte("cp1251"), 1),
		"comments and unknown elements": []byte(strings.Replace(text, "<Valute ID=\"R01235\">",
			"<!-- USD --><Extra a=\"1\"><Inner/></Extra><Valute ID=\"R01235\"><Unknown>x</Unknown>", 1)),
	}
}

func TestParseEncodingsAndLayouts(t *testing.T) {
	want, err := cbr.Parse(bytes.NewReader(bankFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range variants(t) {
		t.Run(name, func(t *testing.T) {
			got, err := cbr.Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

// doc builds a small UTF-8 rates file around the given Valute elements.
func doc(valutes string) string {
	return `<?xml version="1.0" encoding="utf-8"?>` + "\n" +
		`<ValCurs Date="28.11.2026" name="Foreign Currency Market">` + "\n" + valutes + "</ValCurs>\n"
}

func valute(id, code, nominal, value string) string {
	return `<Valute ID="` + id + `"><NumCode>840</NumCode><CharCode>` + code + `</CharCode><Nominal>` + nominal +
		`</Nominal><Name>Доллар США</Name><Value>` + value + `</Value></Valute>` + "\n"
}

var usd = valute("R01235", "USD", "1", "92,5678")

// errorCases are malformed files: each must be refused whole, with a message
// naming what is wrong (every want substring) and where.
var errorCases = []struct {
	name     string
	in       string
	notRates bool // errors.Is(err, cbr.ErrNotRatesFile)
	want     []string
}{
	{"empty", "", true, []string{"not the Central Bank's rates file", "empty"}},
	{"blank", " \r\n\t", true, []string{"not the Central Bank's rates file", "empty"}},
	{"CSV, not XML", "Дата;USD\n28.11.2026;92,5678\n", true, []string{"not the Central Bank's rates file", "starts with text"}},
	{"HTML error page", "<!DOCTYPE html><html><body>Сервис недоступен</body></html>", true,
		[]string{"not the Central Bank's rates file", "<html>", "not <ValCurs>"}},
	{"broken XML", `<ValCurs Date="28.11.2026"><Valute ID="R01235"><CharCode>USD</Valute></ValCurs>`, true,
		[]string{"not the Central Bank's rates file", "line 1"}},
	{"cut-off download", doc(usd)[:120], true, []string{"not the Central Bank's rates file"}},
	{"second root", doc(usd) + "<ValCurs/>", true, []string{"second root"}},
	{"no Date", strings.Replace(doc(usd), ` Date="28.11.2026"`, "", 1), false, []string{"line 2", "no Date attribute"}},
	{"empty Date", strings.Replace(doc(usd), `28.11.2026`, "", 1), false, []string{`Date ""`, "DD.MM.YYYY"}},
	{"impossible Date", strings.Replace(doc(usd), `28.11.2026`, "31.02.2026", 1), false, []string{`"31.02.2026"`, "not a date"}},
	{"ISO Date", strings.Replace(doc(usd), `28.11.2026`, "2026-11-28", 1), false, []string{`"2026-11-28"`}},
	{"no CharCode", doc(strings.Replace(usd, "<CharCode>USD</CharCode>", "", 1)), false,
		[]string{"line 3", "R01235", "no CharCode"}},
	{"empty CharCode, no ID", doc(valute("", " ", "1", "92,5678")), false, []string{"#1", "no CharCode"}},
	{"bad CharCode", doc(valute("R01235", "US$", "1", "92,5678")), false, []string{`"US$"`, "three Latin letters"}},
	{"bad Value", doc(usd + valute("R01239", "EUR", "1", "100,45x67")), false,
		[]string{"line 4", "EUR", `"100,45x67"`, "not a decimal number"}},
	{"Value with grouping", doc(valute("R01235", "USD", "1", "1 092,5678")), false, []string{"USD", `"1 092,5678"`}},
	{"negative Value", doc(valute("R01235", "USD", "1", "-92,5678")), false, []string{"USD", `"-92,5678"`}},
	{"zero Value", doc(valute("R01235", "USD", "1", "0,0000")), false, []string{"USD", `"0,0000"`, "not above zero"}},
	{"Value rounding to zero", doc(valute("R01235", "USD", "1", "0,00004")), false, []string{"USD", "not above zero"}},
	{"exponent Value", doc(valute("R01235", "USD", "1", "9.25678e1")), false, []string{"USD", `"9.25678e1"`}},
	{"huge Value", doc(valute("R01235", "USD", "1", "1000000000000000,0")), false, []string{"USD", "too large"}},
	{"no Value", doc(strings.Replace(usd, "<Value>92,5678</Value>", "", 1)), false, []string{"USD", "no Value"}},
	{"zero Nominal", doc(valute("R01820", "JPY", "0", "62,1234")), false, []string{"JPY", `Nominal "0"`, "above zero"}},
	{"negative Nominal", doc(valute("R01820", "JPY", "-100", "62,1234")), false, []string{"JPY", `Nominal "-100"`}},
	{"fractional Nominal", doc(valute("R01820", "JPY", "1,5", "62,1234")), false, []string{"JPY", `Nominal "1,5"`}},
	{"no Nominal", doc(strings.Replace(usd, "<Nominal>1</Nominal>", "", 1)), false, []string{"USD", "no Nominal"}},
	{"duplicate CharCode", doc(usd + valute("R01239", "EUR", "1", "100,4567") + valute("R01235X", "usd", "1", "93,0000")), false,
		[]string{"line 5", "USD", "listed twice", "first on line 3"}},
	{"no Valute", doc(""), false, []string{"28.11.2026", "no currencies"}},
	{"unknown encoding", `<?xml version="1.0" encoding="x-martian"?><ValCurs Date="28.11.2026">` + "\xC0</ValCurs>", true,
		[]string{"x-martian"}},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cbr.Parse(strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("no error; got %+v", got)
			}
			if !reflect.DeepEqual(got, cbr.Rates{}) {
				t.Errorf("rates returned with the error: %+v", got)
			}
			if g := errors.Is(err, cbr.ErrNotRatesFile); g != tc.notRates {
				t.Errorf("errors.Is(err, ErrNotRatesFile) = %v, want %v (err: %v)", g, tc.notRates, err)
			}
			var fe *cbr.FormatError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FormatError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestParseBadValueInBankFile breaks one rate in the real file: nothing of
// the file is returned, and the message names the currency and its line.
func TestParseBadValueInBankFile(t *testing.T) {
	b := bytes.Replace(bankFile(t), []byte("<Value>92,5678</Value>"), []byte("<Value>92;5678</Value>"), 1)
	got, err := cbr.Parse(bytes.NewReader(b))
	if err == nil || len(got.Rates) != 0 {
		t.Fatalf("got %d rates and error %v; want none and an error", len(got.Rates), err)
	}
	for _, w := range []string{"line 10", "USD", `"92;5678"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func TestParseValueE4(t *testing.T) {
	good := []struct {
		in   string
		want int64
	}{
		{"92,5678", 925678},
		{"92.5678", 925678},
		{"0,0001", 1},
		{"1", 10000},
		{"62,12", 621200},
		{"00012,3", 123000},
		{" 7,5\r\n", 75000},
		{"1,23454", 12345},
		{"1,23455", 12346},
		{"1,99995", 20000},
		{"92,56780000", 925678},
		{"0,621234", 6212},
		{"0,00738901", 74},
		{"99999999999999,9999", 999999999999999999},
	}
	for _, tc := range good {
		got, err := cbr.ParseValueE4(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseValueE4(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", " ", ",5", "5,", "1,2,3", "1.2,3", "1 234,5", "1\u00a0234,5", "-1", "+1", "1e3",
		"１", "٣", "0x10", "100000000000000", "NaN"} {
		if got, err := cbr.ParseValueE4(in); err == nil {
			t.Errorf("ParseValueE4(%q) = %d, want an error", in, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, b := range variants(f) {
		f.Add(b)
	}
	for _, tc := range errorCases {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte(doc(valute("R01820", "JPY", "100", "62,1234"))))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := cbr.Parse(bytes.NewReader(b))
		if err != nil {
			if !reflect.DeepEqual(got, cbr.Rates{}) {
				t.Fatalf("error %v with rates %+v", err, got)
			}
			return
		}
		if len(got.Rates) == 0 {
			t.Fatal("no error and no rates")
		}
		if y, m, d := got.Date.Date(); got.Date != time.Date(y, m, d, 0, 0, 0, 0, time.UTC) {
			t.Fatalf("Date %v is not UTC midnight", got.Date)
		}
		seen := map[string]bool{}
		for _, r := range got.Rates {
			if r.Nominal <= 0 || r.ValueE4 <= 0 || r.Source != "cbr" || !r.Date.Equal(got.Date) || len(r.Currency) != 3 {
				t.Fatalf("bad rate %+v", r)
			}
			if seen[r.Currency] {
				t.Fatalf("%s twice", r.Currency)
			}
			seen[r.Currency] = true
			if _, ok := got.Names[r.Currency]; !ok {
				t.Fatalf("%s has no name entry", r.Currency)
			}
		}
	})
}
