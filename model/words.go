package model

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Amounts in words (сумма прописью) for invoices, waybills and statements.
//
// Russian follows document practice: a capital first letter, the major units
// in words with the currency word declined, the minor units as digits (as
// many as the currency has) with their word declined:
// «Одна тысяча двести тридцать четыре рубля 56 копеек». Groups of three
// digits; thousands (and a feminine currency's units) take одна/две, all
// other groups один/два. English uses the short scale, hyphenated tens and no
// "and" inside the number, and joins the minor part with "and":
// "One thousand two hundred thirty-four roubles and 56 kopecks".

// currencyWords are the words a currency is written with. Russian forms are
// indexed one, few, many (see PluralForm); English singular, plural.
type currencyWords struct {
	feminine bool // Russian gender of the major unit: одна иена, один рубль
	ruMajor  [3]string
	ruMinor  [3]string
	enMajor  [2]string
	enMinor  [2]string
}

// currencyWordTable holds the currencies Sdelka knows by name; see
// DefaultCurrencies. Indeclinable words (евро, тенге, иена's сен) repeat.
var currencyWordTable = map[string]currencyWords{
	"RUB": {
		ruMajor: [3]string{"рубль", "рубля", "рублей"}, ruMinor: [3]string{"копейка", "копейки", "копеек"},
		enMajor: [2]string{"rouble", "roubles"}, enMinor: [2]string{"kopeck", "kopecks"},
	},
	"USD": {
		ruMajor: [3]string{"доллар США", "доллара США", "долларов США"}, ruMinor: [3]string{"цент", "цента", "центов"},
		enMajor: [2]string{"dollar", "dollars"}, enMinor: [2]string{"cent", "cents"},
	},
	"EUR": {
		ruMajor: [3]string{"евро", "евро", "евро"}, ruMinor: [3]string{"цент", "цента", "центов"},
		enMajor: [2]string{"euro", "euros"}, enMinor: [2]string{"cent", "cents"},
	},
	"CNY": {
		ruMajor: [3]string{"юань", "юаня", "юаней"}, ruMinor: [3]string{"фэнь", "фэня", "фэней"},
		enMajor: [2]string{"yuan", "yuan"}, enMinor: [2]string{"fen", "fen"},
	},
	"GBP": {
		ruMajor: [3]string{"фунт стерлингов", "фунта стерлингов", "фунтов стерлингов"},
		ruMinor: [3]string{"пенс", "пенса", "пенсов"},
		enMajor: [2]string{"pound sterling", "pounds sterling"}, enMinor: [2]string{"penny", "pence"},
	},
	"KZT": {
		ruMajor: [3]string{"тенге", "тенге", "тенге"}, ruMinor: [3]string{"тиын", "тиына", "тиынов"},
		enMajor: [2]string{"tenge", "tenge"}, enMinor: [2]string{"tiyn", "tiyn"},
	},
	"BYN": {
		ruMajor: [3]string{"белорусский рубль", "белорусских рубля", "белорусских рублей"},
		ruMinor: [3]string{"копейка", "копейки", "копеек"},
		enMajor: [2]string{"Belarusian rouble", "Belarusian roubles"}, enMinor: [2]string{"kopeck", "kopecks"},
	},
	"JPY": {
		feminine: true,
		ruMajor:  [3]string{"иена", "иены", "иен"}, ruMinor: [3]string{"сен", "сен", "сен"},
		enMajor: [2]string{"yen", "yen"}, enMinor: [2]string{"sen", "sen"},
	},
	"TRY": {
		feminine: true,
		ruMajor:  [3]string{"турецкая лира", "турецкие лиры", "турецких лир"},
		ruMinor:  [3]string{"куруш", "куруша", "курушей"},
		enMajor:  [2]string{"Turkish lira", "Turkish lira"}, enMinor: [2]string{"kuruş", "kuruş"},
	},
	"AED": {
		ruMajor: [3]string{"дирхам ОАЭ", "дирхама ОАЭ", "дирхамов ОАЭ"}, ruMinor: [3]string{"филс", "филса", "филсов"},
		enMajor: [2]string{"UAE dirham", "UAE dirhams"}, enMinor: [2]string{"fils", "fils"},
	},
}

// AmountInWords writes amount (minor units of cur) in words in lang ("ru";
// anything else is English), with a capital first letter, as documents print
// it under the total:
//
//	ru: «Одна тысяча двести тридцать четыре рубля 56 копеек»
//	en: "One thousand two hundred thirty-four roubles and 56 kopecks"
//
// The minor part has cur.MinorDigits digits (none when it is 0; the count is
// clamped to 0..18). A negative amount starts with «Минус» / "Minus". A
// currency whose code is not in the table (RUB, USD, EUR, CNY, GBP, KZT, BYN,
// JPY, TRY, AED) is written with its ISO code after the number and the minor
// part as a fraction: «Сто двадцать три XYZ 45/100», "One hundred
// twenty-three XYZ and 45/100". Every int64 value is handled, MinInt64
// included.
func AmountInWords(amount Money, cur Currency, lang string) string {
	neg := amount < 0
	mag := uint64(amount)
	if neg {
		mag = ^mag + 1 // two's complement: correct for MinInt64 too
	}
	digits := min(max(cur.MinorDigits, 0), maxMinorDigits)
	unit := uint64(1)
	for range digits {
		unit *= 10
	}
	major, minor := mag/unit, mag%unit
	code := strings.ToUpper(strings.TrimSpace(cur.Code))
	w, known := currencyWordTable[code]
	ru := lang == "ru"

	parts := make([]string, 0, 8)
	if neg {
		parts = append(parts, "minus")
		if ru {
			parts[0] = "минус"
		}
	}
	if ru {
		parts = append(parts, ruNumber(major, known && w.feminine)...)
	} else {
		parts = append(parts, enNumber(major)...)
	}
	switch {
	case known && ru:
		parts = append(parts, w.ruMajor[ruFormIndex(major)])
	case known:
		parts = append(parts, w.enMajor[enFormIndex(major)])
	case code != "":
		parts = append(parts, code)
	}
	if digits > 0 {
		if !ru {
			parts = append(parts, "and")
		}
		figures := padDigits(minor, digits)
		switch {
		case known && ru:
			parts = append(parts, figures, w.ruMinor[ruFormIndex(minor)])
		case known:
			parts = append(parts, figures, w.enMinor[enFormIndex(minor)])
		default:
			parts = append(parts, figures+"/"+strconv.FormatUint(unit, 10))
		}
	}
	return capitalizeFirst(strings.Join(parts, " "))
}

// NumberInWords writes a count in words, in lower case, as documents use it
// in «Всего наименований двадцать одна» or the number of records on a
// waybill. feminine picks одна/две for the units in Russian (the noun that
// follows decides); English ignores it. lang is "ru" or anything else for
// English. Negative numbers start with «минус» / "minus".
func NumberInWords(n int64, feminine bool, lang string) string {
	mag := uint64(n)
	if n < 0 {
		mag = ^mag + 1
	}
	var words []string
	if lang == "ru" {
		words = ruNumber(mag, feminine)
		if n < 0 {
			words = append([]string{"минус"}, words...)
		}
	} else {
		words = enNumber(mag)
		if n < 0 {
			words = append([]string{"minus"}, words...)
		}
	}
	return strings.Join(words, " ")
}

var (
	ruOnesM = [10]string{"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"}
	ruOnesF = [10]string{"", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"}
	ruTeens = [10]string{"десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
		"пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"}
	ruTens     = [10]string{"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"}
	ruHundreds = [10]string{"", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"}
	ruScales   = [...][3]string{
		{},
		{"тысяча", "тысячи", "тысяч"},
		{"миллион", "миллиона", "миллионов"},
		{"миллиард", "миллиарда", "миллиардов"},
		{"триллион", "триллиона", "триллионов"},
		{"квадриллион", "квадриллиона", "квадриллионов"},
		{"квинтиллион", "квинтиллиона", "квинтиллионов"},
	}
	enOnes = [20]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens   = [10]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	enScales = [...]string{"", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"}
)

// ruFormIndex picks the Russian form of a word counted by n: 0 one, 1 few,
// 2 many, by PluralForm's rule (which only needs n mod 100).
func ruFormIndex(n uint64) int {
	switch PluralForm("ru", int64(n%100)) {
	case "one":
		return 0
	case "few":
		return 1
	}
	return 2
}

// enFormIndex picks the English singular (0) for exactly one, else plural (1).
func enFormIndex(n uint64) int {
	if n == 1 {
		return 0
	}
	return 1
}

// wordGroups splits n into three-digit groups, least significant first. Zero has
// no groups. A uint64 has at most seven (up to quintillions).
func wordGroups(n uint64) []uint64 {
	var g []uint64
	for ; n > 0; n /= 1000 {
		g = append(g, n%1000)
	}
	return g
}

// ruNumber writes n in Russian words; feminine applies to the units group
// (thousands are always feminine, larger scales masculine).
func ruNumber(n uint64, feminine bool) []string {
	if n == 0 {
		return []string{"ноль"}
	}
	g := wordGroups(n)
	var words []string
	for k := len(g) - 1; k >= 0; k-- {
		v := g[k]
		if v == 0 {
			continue
		}
		fem := k == 1 || (k == 0 && feminine)
		if h := v / 100; h > 0 {
			words = append(words, ruHundreds[h])
		}
		switch t, u := v/10%10, v%10; {
		case t == 1:
			words = append(words, ruTeens[u])
		default:
			if t > 1 {
				words = append(words, ruTens[t])
			}
			if u > 0 && fem {
				words = append(words, ruOnesF[u])
			} else if u > 0 {
				words = append(words, ruOnesM[u])
			}
		}
		if k > 0 {
			words = append(words, ruScales[k][ruFormIndex(v)])
		}
	}
	return words
}

// enNumber writes n in English words, short scale, tens hyphenated.
func enNumber(n uint64) []string {
	if n == 0 {
		return []string{"zero"}
	}
	g := wordGroups(n)
	var words []string
	for k := len(g) - 1; k >= 0; k-- {
		v := g[k]
		if v == 0 {
			continue
		}
		if h := v / 100; h > 0 {
			words = append(words, enOnes[h], "hundred")
		}
		switch r := v % 100; {
		case r >= 20 && r%10 != 0:
			words = append(words, enTens[r/10]+"-"+enOnes[r%10])
		case r >= 20:
			words = append(words, enTens[r/10])
		case r > 0:
			words = append(words, enOnes[r])
		}
		if k > 0 {
			words = append(words, enScales[k])
		}
	}
	return words
}

// padDigits prints n with at least width digits.
func padDigits(n uint64, width int) string {
	s := strconv.FormatUint(n, 10)
	if pad := width - len(s); pad > 0 {
		s = strings.Repeat("0", pad) + s
	}
	return s
}

// capitalizeFirst upper-cases the first letter of s and leaves the rest alone.
func capitalizeFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
