package model

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var (
	wordsRUB = Currency{Code: "RUB", NumCode: "643", Name: "Российский рубль", Symbol: "₽", MinorDigits: 2}
	wordsUSD = Currency{Code: "USD", NumCode: "840", Name: "Доллар США", Symbol: "$", MinorDigits: 2}
	wordsEUR = Currency{Code: "EUR", NumCode: "978", Name: "Евро", Symbol: "€", MinorDigits: 2}
)

// The expected strings below are written out by hand, not produced by the
// code under test.
func TestAmountInWordsRoubles(t *testing.T) {
	tests := []struct {
		name   string
		amount Money
		ru, en string
	}{
		{"0", 0, "Ноль рублей 00 копеек", "Zero roubles and 00 kopecks"},
		{"1", 100, "Один рубль 00 копеек", "One rouble and 00 kopecks"},
		{"2", 200, "Два рубля 00 копеек", "Two roubles and 00 kopecks"},
		{"5", 500, "Пять рублей 00 копеек", "Five roubles and 00 kopecks"},
		{"11", 1100, "Одиннадцать рублей 00 копеек", "Eleven roubles and 00 kopecks"},
		{"12", 1200, "Двенадцать рублей 00 копеек", "Twelve roubles and 00 kopecks"},
		{"19", 1900, "Девятнадцать рублей 00 копеек", "Nineteen roubles and 00 kopecks"},
		{"21,01", 2101, "Двадцать один рубль 01 копейка", "Twenty-one roubles and 01 kopeck"},
		{"22", 2200, "Двадцать два рубля 00 копеек", "Twenty-two roubles and 00 kopecks"},
		{"40", 4000, "Сорок рублей 00 копеек", "Forty roubles and 00 kopecks"},
		{"90", 9000, "Девяносто рублей 00 копеек", "Ninety roubles and 00 kopecks"},
		{"101", 10100, "Сто один рубль 00 копеек", "One hundred one roubles and 00 kopecks"},
		{"110", 11000, "Сто десять рублей 00 копеек", "One hundred ten roubles and 00 kopecks"},
		{"111", 11100, "Сто одиннадцать рублей 00 копеек", "One hundred eleven roubles and 00 kopecks"},
		{"112", 11200, "Сто двенадцать рублей 00 копеек", "One hundred twelve roubles and 00 kopecks"},
		{"114", 11400, "Сто четырнадцать рублей 00 копеек", "One hundred fourteen roubles and 00 kopecks"},
		{"200", 20000, "Двести рублей 00 копеек", "Two hundred roubles and 00 kopecks"},
		{"1 000", 100000, "Одна тысяча рублей 00 копеек", "One thousand roubles and 00 kopecks"},
		{"1 001", 100100, "Одна тысяча один рубль 00 копеек", "One thousand one roubles and 00 kopecks"},
		{"1 234,56", 123456, "Одна тысяча двести тридцать четыре рубля 56 копеек",
			"One thousand two hundred thirty-four roubles and 56 kopecks"},
		{"2 000", 200000, "Две тысячи рублей 00 копеек", "Two thousand roubles and 00 kopecks"},
		{"2 002", 200200, "Две тысячи два рубля 00 копеек", "Two thousand two roubles and 00 kopecks"},
		{"5 000", 500000, "Пять тысяч рублей 00 копеек", "Five thousand roubles and 00 kopecks"},
		{"12 000", 1200000, "Двенадцать тысяч рублей 00 копеек", "Twelve thousand roubles and 00 kopecks"},
		{"21 000", 2100000, "Двадцать одна тысяча рублей 00 копеек", "Twenty-one thousand roubles and 00 kopecks"},
		{"22 000", 2200000, "Двадцать две тысячи рублей 00 копеек", "Twenty-two thousand roubles and 00 kopecks"},
		{"1 000 000", 100000000, "Один миллион рублей 00 копеек", "One million roubles and 00 kopecks"},
		{"2 000 000", 200000000, "Два миллиона рублей 00 копеек", "Two million roubles and 00 kopecks"},
		{"1 021 311,01", 102131101,
			"Один миллион двадцать одна тысяча триста одиннадцать рублей 01 копейка",
			"One million twenty-one thousand three hundred eleven roubles and 01 kopeck"},
		{"1 000 000 000", 100000000000, "Один миллиард рублей 00 копеек", "One billion roubles and 00 kopecks"},
		{"1 000 001 000", 100000100000, "Один миллиард одна тысяча рублей 00 копеек",
			"One billion one thousand roubles and 00 kopecks"},
		{"999 999 999 999,99", 99999999999999,
			"Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов " +
				"девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 99 копеек",
			"Nine hundred ninety-nine billion nine hundred ninety-nine million " +
				"nine hundred ninety-nine thousand nine hundred ninety-nine roubles and 99 kopecks"},
		{"1 000 000 000 000", 100000000000000, "Один триллион рублей 00 копеек", "One trillion roubles and 00 kopecks"},
		{"2 000 000 000 000 000", 200000000000000000, "Два квадриллиона рублей 00 копеек",
			"Two quadrillion roubles and 00 kopecks"},
		{"MaxInt64", math.MaxInt64,
			"Девяносто два квадриллиона двести тридцать три триллиона семьсот двадцать миллиардов " +
				"триста шестьдесят восемь миллионов пятьсот сорок семь тысяч семьсот пятьдесят восемь рублей 07 копеек",
			"Ninety-two quadrillion two hundred thirty-three trillion seven hundred twenty billion " +
				"three hundred sixty-eight million five hundred forty-seven thousand seven hundred fifty-eight roubles and 07 kopecks"},
		{"MinInt64", math.MinInt64,
			"Минус девяносто два квадриллиона двести тридцать три триллиона семьсот двадцать миллиардов " +
				"триста шестьдесят восемь миллионов пятьсот сорок семь тысяч семьсот пятьдесят восемь рублей 08 копеек",
			"Minus ninety-two quadrillion two hundred thirty-three trillion seven hundred twenty billion " +
				"three hundred sixty-eight million five hundred forty-seven thousand seven hundred fifty-eight roubles and 08 kopecks"},
		{"kopeck 1", 1, "Ноль рублей 01 копейка", "Zero roubles and 01 kopeck"},
		{"kopecks 2", 2, "Ноль рублей 02 копейки", "Zero roubles and 02 kopecks"},
		{"kopecks 5", 5, "Ноль рублей 05 копеек", "Zero roubles and 05 kopecks"},
		{"kopecks 11", 11, "Ноль рублей 11 копеек", "Zero roubles and 11 kopecks"},
		{"kopecks 21", 21, "Ноль рублей 21 копейка", "Zero roubles and 21 kopecks"},
		{"kopecks 22", 1022, "Десять рублей 22 копейки", "Ten roubles and 22 kopecks"},
		{"negative", -123456, "Минус одна тысяча двести тридцать четыре рубля 56 копеек",
			"Minus one thousand two hundred thirty-four roubles and 56 kopecks"},
		{"negative kopecks", -56, "Минус ноль рублей 56 копеек", "Minus zero roubles and 56 kopecks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AmountInWords(tt.amount, wordsRUB, "ru"); got != tt.ru {
				t.Errorf("ru:\n got %q\nwant %q", got, tt.ru)
			}
			if got := AmountInWords(tt.amount, wordsRUB, "en"); got != tt.en {
				t.Errorf("en:\n got %q\nwant %q", got, tt.en)
			}
		})
	}
}

func TestAmountInWordsCurrencies(t *testing.T) {
	jpy := Currency{Code: "JPY", MinorDigits: 0}
	tests := []struct {
		name   string
		amount Money
		cur    Currency
		lang   string
		want   string
	}{
		{"USD ru", 123456, wordsUSD, "ru", "Одна тысяча двести тридцать четыре доллара США 56 центов"},
		{"USD ru one", 2101, wordsUSD, "ru", "Двадцать один доллар США 01 цент"},
		{"USD ru many", 500, wordsUSD, "ru", "Пять долларов США 00 центов"},
		{"USD en", 123456, wordsUSD, "en", "One thousand two hundred thirty-four dollars and 56 cents"},
		{"USD en one", 101, wordsUSD, "en", "One dollar and 01 cent"},
		{"EUR ru one", 100, wordsEUR, "ru", "Один евро 00 центов"},
		{"EUR ru two", 202, wordsEUR, "ru", "Два евро 02 цента"},
		{"EUR ru 21", 2121, wordsEUR, "ru", "Двадцать один евро 21 цент"},
		{"EUR en one", 100, wordsEUR, "en", "One euro and 00 cents"},
		{"EUR en two", 202, wordsEUR, "en", "Two euros and 02 cents"},
		{"CNY ru", 2100, Currency{Code: "CNY", MinorDigits: 2}, "ru", "Двадцать один юань 00 фэней"},
		{"CNY en", 2105, Currency{Code: "CNY", MinorDigits: 2}, "en", "Twenty-one yuan and 05 fen"},
		{"GBP ru", 101, Currency{Code: "GBP", MinorDigits: 2}, "ru", "Один фунт стерлингов 01 пенс"},
		{"GBP ru few", 302, Currency{Code: "GBP", MinorDigits: 2}, "ru", "Три фунта стерлингов 02 пенса"},
		{"GBP en one", 101, Currency{Code: "GBP", MinorDigits: 2}, "en", "One pound sterling and 01 penny"},
		{"GBP en many", 250, Currency{Code: "GBP", MinorDigits: 2}, "en", "Two pounds sterling and 50 pence"},
		{"KZT ru", 500, Currency{Code: "KZT", MinorDigits: 2}, "ru", "Пять тенге 00 тиынов"},
		{"KZT ru one", 101, Currency{Code: "KZT", MinorDigits: 2}, "ru", "Один тенге 01 тиын"},
		{"BYN ru few", 200, Currency{Code: "BYN", MinorDigits: 2}, "ru", "Два белорусских рубля 00 копеек"},
		{"BYN ru one", 2101, Currency{Code: "BYN", MinorDigits: 2}, "ru", "Двадцать один белорусский рубль 01 копейка"},
		{"TRY ru few", 200, Currency{Code: "TRY", MinorDigits: 2}, "ru", "Две турецкие лиры 00 курушей"},
		{"JPY ru feminine", 2000, jpy, "ru", "Две тысячи иен"},
		{"JPY ru 22", 22, jpy, "ru", "Двадцать две иены"},
		{"JPY ru 1", 1, jpy, "ru", "Одна иена"},
		{"JPY en", 22, jpy, "en", "Twenty-two yen"},
		{"RUB no minor digits", 2000, Currency{Code: "RUB"}, "ru", "Две тысячи рублей"},
		{"code in lower case", 100, Currency{Code: " usd ", MinorDigits: 2}, "ru", "Один доллар США 00 центов"},
		{"unknown ru", 12345, Currency{Code: "XYZ", MinorDigits: 2}, "ru", "Сто двадцать три XYZ 45/100"},
		{"unknown en", 12345, Currency{Code: "XYZ", MinorDigits: 2}, "en", "One hundred twenty-three XYZ and 45/100"},
		{"unknown 3 digits", 12345, Currency{Code: "XYZ", MinorDigits: 3}, "ru", "Двенадцать XYZ 345/1000"},
		{"unknown feminine thousand", 100000, Currency{Code: "XYZ", MinorDigits: 0}, "ru", "Сто тысяч XYZ"},
		{"unknown 0 digits", 21, Currency{Code: "XYZ"}, "ru", "Двадцать один XYZ"},
		{"no code", 105, Currency{MinorDigits: 2}, "en", "One and 05/100"},
		{"other lang is English", 100, wordsRUB, "de", "One rouble and 00 kopecks"},
		{"negative digits clamp to 0", 5, Currency{Code: "RUB", MinorDigits: -1}, "ru", "Пять рублей"},
		{"18 minor digits", 1_000_000_000_000_000_001, Currency{Code: "XYZ", MinorDigits: 30}, "en",
			"One XYZ and 000000000000000001/1000000000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AmountInWords(tt.amount, tt.cur, tt.lang); got != tt.want {
				t.Errorf("AmountInWords(%d, %s, %s):\n got %q\nwant %q", tt.amount, tt.cur.Code, tt.lang, got, tt.want)
			}
		})
	}
}

func TestNumberInWords(t *testing.T) {
	tests := []struct {
		name     string
		n        int64
		feminine bool
		lang     string
		want     string
	}{
		{"ru 0", 0, false, "ru", "ноль"},
		{"ru 1 masculine", 1, false, "ru", "один"},
		{"ru 1 feminine", 1, true, "ru", "одна"},
		{"ru 2 feminine", 2, true, "ru", "две"},
		{"ru 21 feminine", 21, true, "ru", "двадцать одна"},
		{"ru 21 masculine", 21, false, "ru", "двадцать один"},
		{"ru 112", 112, false, "ru", "сто двенадцать"},
		{"ru 1 000", 1000, false, "ru", "одна тысяча"},
		{"ru 2 002 feminine", 2002, true, "ru", "две тысячи две"},
		{"ru 1 000 001 000", 1000001000, false, "ru", "один миллиард одна тысяча"},
		{"ru negative", -5, false, "ru", "минус пять"},
		{"ru MaxInt64", math.MaxInt64, false, "ru",
			"девять квинтиллионов двести двадцать три квадриллиона триста семьдесят два триллиона " +
				"тридцать шесть миллиардов восемьсот пятьдесят четыре миллиона семьсот семьдесят пять тысяч " +
				"восемьсот семь"},
		{"ru MinInt64", math.MinInt64, false, "ru",
			"минус девять квинтиллионов двести двадцать три квадриллиона триста семьдесят два триллиона " +
				"тридцать шесть миллиардов восемьсот пятьдесят четыре миллиона семьсот семьдесят пять тысяч " +
				"восемьсот восемь"},
		{"en 0", 0, false, "en", "zero"},
		{"en 21", 21, true, "en", "twenty-one"},
		{"en 100", 100, false, "en", "one hundred"},
		{"en 110", 110, false, "en", "one hundred ten"},
		{"en 1 000 000", 1000000, false, "en", "one million"},
		{"en 1 000 001 000", 1000001000, false, "en", "one billion one thousand"},
		{"en quintillion", 1_000_000_000_000_000_000, false, "en", "one quintillion"},
		{"en negative", -1, false, "en", "minus one"},
		{"en MaxInt64", math.MaxInt64, false, "en",
			"nine quintillion two hundred twenty-three quadrillion three hundred seventy-two trillion " +
				"thirty-six billion eight hundred fifty-four million seven hundred seventy-five thousand " +
				"eight hundred seven"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NumberInWords(tt.n, tt.feminine, tt.lang); got != tt.want {
				t.Errorf("NumberInWords(%d, %v, %s):\n got %q\nwant %q", tt.n, tt.feminine, tt.lang, got, tt.want)
			}
		})
	}
}

// TestAmountInWordsRussianProperties checks every whole amount up to 200 000
// roubles (with varying kopecks): one capital at the start, single spaces,
// and the currency word in the form PluralForm picks.
func TestAmountInWordsRussianProperties(t *testing.T) {
	form := map[string]string{"one": "рубль", "few": "рубля", "many": "рублей"}
	for r := int64(0); r <= 200000; r++ {
		kop := r % 100
		got := AmountInWords(Money(r*100+kop), wordsRUB, "ru")
		first, _ := utf8.DecodeRuneInString(got)
		if !unicode.IsUpper(first) {
			t.Fatalf("%d: %q does not start with a capital", r, got)
		}
		if strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Fatalf("%d: %q has stray spaces", r, got)
		}
		for _, c := range got[utf8.RuneLen(first):] {
			if unicode.IsUpper(c) {
				t.Fatalf("%d: %q has a second capital", r, got)
			}
		}
		words := strings.Fields(got)
		if len(words) < 4 {
			t.Fatalf("%d: %q is too short", r, got)
		}
		if major, want := words[len(words)-3], form[PluralForm("ru", r)]; major != want {
			t.Fatalf("%d: %q has %q, want %q", r, got, major, want)
		}
	}
}

func TestAmountInWordsNoPanic(t *testing.T) {
	amounts := []Money{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, math.MaxInt64 - 1, math.MaxInt64}
	for _, digits := range []int{-5, 0, 1, 2, 3, 18, 19, 100} {
		for _, a := range amounts {
			for _, lang := range []string{"ru", "en", ""} {
				for _, code := range []string{"RUB", "JPY", "XYZ", ""} {
					if got := AmountInWords(a, Currency{Code: code, MinorDigits: digits}, lang); got == "" {
						t.Errorf("AmountInWords(%d, %s/%d, %s) is empty", a, code, digits, lang)
					}
				}
			}
		}
	}
}
