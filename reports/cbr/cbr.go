// Package cbr reads the Central Bank of Russia's daily exchange rates file
// (XML_daily.asp): a ValCurs root with the date and one Valute element per
// currency, each holding the rate of Nominal units in roubles with a decimal
// comma. The Bank serves it in windows-1251; a copy someone re-saved as UTF-8
// (with or without a byte order mark, or as UTF-16 with one) is read too.
//
// Parse is all or nothing: a file with any fault yields no rates and an error
// that says what is wrong and where, never a partial list.
package cbr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"sdelka/model"
)

// Source is the ExchangeRate.Source of every rate Parse returns.
const Source = "cbr"

// MaxFileSize is the largest input Parse reads. The Bank's file is about
// 10 KB; anything near this size is not it.
const MaxFileSize = 4 << 20

// Rates is one day's file: the date it is valid for and the rate of each
// currency, in the file's order.
type Rates struct {
	Date     time.Time            // the ValCurs date, UTC midnight
	Rates    []model.ExchangeRate // Source "cbr", Date as above, Nominal > 0, ValueE4 > 0
	Names    map[string]string    // CharCode → the currency's name as the file gives it
	NumCodes map[string]string    // CharCode → ISO 4217 numeric code ("840"); absent when the file has none
}

// ErrNotRatesFile is matched (errors.Is) by the error Parse returns for input
// that is not a rates file at all: not XML, empty, or another root element.
var ErrNotRatesFile = errors.New("not the Central Bank's rates file")

// FormatError is a rates file that breaks the format: what is wrong and where.
type FormatError struct {
	Line     int    // the line of the element at fault; 0 for the file as a whole
	Currency string // the currency at fault (its CharCode, or its ID when it has none); "" for the file
	Msg      string // what is wrong, quoting the text at fault
	notRates bool
}

// Error says where, then what.
func (e *FormatError) Error() string {
	if e.notRates {
		return "the file is not the Central Bank's rates file: " + e.Msg
	}
	var b strings.Builder
	b.WriteString("Central Bank rates file")
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Currency != "" {
		b.WriteString(", currency ")
		b.WriteString(e.Currency)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Is makes errors.Is(err, ErrNotRatesFile) true for input that is no rates
// file at all.
func (e *FormatError) Is(target error) bool { return e.notRates && target == ErrNotRatesFile }

func notRates(format string, args ...any) error {
	return &FormatError{Msg: fmt.Sprintf(format, args...), notRates: true}
}

// valute is one Valute element as the Bank writes it. VunitRate (the rate of
// one unit, with more decimals) is ignored: Value and Nominal are the quote.
type valute struct {
	ID       string `xml:"ID,attr"`
	NumCode  string `xml:"NumCode"`
	CharCode string `xml:"CharCode"`
	Nominal  string `xml:"Nominal"`
	Name     string `xml:"Name"`
	Value    string `xml:"Value"`
}

// Parse reads a daily rates file. Its encoding is found from the bytes: a
// byte order mark or valid UTF-8 is read as Unicode whatever the XML
// declaration says (an editor re-saved it), anything else in the declared
// encoding, windows-1251 when none is declared. Values keep four decimals,
// the Bank's precision: further decimals are rounded half up. On any error
// it returns no rates.
func Parse(r io.Reader) (Rates, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Rates{}, fmt.Errorf("reading the rates file: %w", err)
	}
	if len(data) > MaxFileSize {
		return Rates{}, notRates("it is larger than %d MiB", MaxFileSize>>20)
	}
	data, unicodeText, err := toUnicode(data)
	if err != nil {
		return Rates{}, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Rates{}, notRates("it is empty")
	}
	var in io.Reader = bytes.NewReader(data)
	if !unicodeText && !declaresEncoding(data) {
		// No declaration to name the encoding: the Bank's own.
		in = charmap.Windows1251.NewDecoder().Reader(in)
	}
	dec := xml.NewDecoder(in)
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if unicodeText {
			return in, nil
		}
		enc, err := lookupEncoding(label)
		if err != nil {
			return nil, err
		}
		return enc.NewDecoder().Reader(in), nil
	}
	rates, err := parse(dec)
	if err != nil {
		return Rates{}, err
	}
	return rates, nil
}

// toUnicode strips a UTF-8 byte order mark, converts UTF-16 with a byte
// order mark to UTF-8, and tells whether the text is Unicode (so the XML
// declaration's encoding no longer applies).
func toUnicode(data []byte) ([]byte, bool, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], true, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, false, notRates("its UTF-16 text is damaged: %v", err)
		}
		return out, true, nil
	}
	// windows-1251 Cyrillic is practically never valid UTF-8 (a letter byte
	// 0xC0–0xFF would need continuation bytes 0x80–0xBF after it).
	return data, utf8.Valid(data), nil
}

// declaresEncoding tells whether the XML declaration names an encoding.
func declaresEncoding(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return false
	}
	end := bytes.Index(data, []byte("?>"))
	return end > 0 && bytes.Contains(data[:end], []byte("encoding"))
}

// lookupEncoding finds a declared encoding by its label.
func lookupEncoding(label string) (encoding.Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "windows-1251", "cp1251", "x-cp1251":
		return charmap.Windows1251, nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q", label)
	}
	return enc, nil
}

// parse reads the root and its Valute elements.
func parse(dec *xml.Decoder) (Rates, error) {
	root, err := rootElement(dec)
	if err != nil {
		return Rates{}, err
	}
	rootLine, _ := dec.InputPos()
	if root.Name.Local != "ValCurs" {
		return Rates{}, notRates("its root element is <%s>, not <ValCurs>", root.Name.Local)
	}
	dateText, ok := attr(root, "Date")
	if !ok {
		return Rates{}, &FormatError{Line: rootLine, Msg: "<ValCurs> has no Date attribute"}
	}
	date, ok := parseDate(dateText)
	if !ok {
		return Rates{}, &FormatError{Line: rootLine, Msg: fmt.Sprintf("the ValCurs Date %q is not a date DD.MM.YYYY", dateText)}
	}
	out := Rates{Date: date, Names: map[string]string{}, NumCodes: map[string]string{}}
	firstLine := map[string]int{}
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return Rates{}, notRates("it ends before </ValCurs> (a cut-off download?)")
		}
		if err != nil {
			return Rates{}, notRates("%v", err)
		}
		if _, ok := tok.(xml.EndElement); ok {
			break // the decoder checks it is </ValCurs>
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := dec.InputPos()
		if start.Name.Local != "Valute" {
			if err := dec.Skip(); err != nil {
				return Rates{}, notRates("%v", err)
			}
			continue
		}
		n++
		var v valute
		if err := dec.DecodeElement(&v, &start); err != nil {
			return Rates{}, notRates("%v", err)
		}
		rate, err := v.rate(date)
		if err != nil {
			who := rate.Currency
			if who == "" {
				who = v.ID
			}
			if who == "" {
				who = fmt.Sprintf("#%d", n)
			}
			return Rates{}, &FormatError{Line: line, Currency: who, Msg: err.Error()}
		}
		if prev, dup := firstLine[rate.Currency]; dup {
			return Rates{}, &FormatError{Line: line, Currency: rate.Currency,
				Msg: fmt.Sprintf("the currency is listed twice (first on line %d)", prev)}
		}
		firstLine[rate.Currency] = line
		out.Rates = append(out.Rates, rate)
		out.Names[rate.Currency] = strings.TrimSpace(v.Name)
		if code := strings.TrimSpace(v.NumCode); code != "" {
			out.NumCodes[rate.Currency] = code
		}
	}
	if err := rest(dec); err != nil {
		return Rates{}, err
	}
	if len(out.Rates) == 0 {
		return Rates{}, &FormatError{Line: rootLine, Msg: fmt.Sprintf("the file of %s lists no currencies (no <Valute> elements)", dateText)}
	}
	return out, nil
}

// rootElement returns the first element, past the declaration and comments.
func rootElement(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, notRates("it has no XML element")
		}
		if err != nil {
			return xml.StartElement{}, notRates("%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, notRates("it starts with text, not XML: %q", clip(string(t)))
			}
		}
	}
}

// rest reads what follows the root: only comments, processing instructions
// and white space may.
func rest(dec *xml.Decoder) error {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return notRates("%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return notRates("it has a second root element <%s> after </ValCurs>", t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return notRates("it has text after </ValCurs>: %q", clip(string(t)))
			}
		}
	}
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func attr(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// parseDate reads DD.MM.YYYY (one-digit day and month accepted) as UTC
// midnight, refusing dates that do not exist.
func parseDate(s string) (time.Time, bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) != 3 || len(parts[0]) < 1 || len(parts[0]) > 2 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return time.Time{}, false
	}
	var n [3]int
	for i, p := range parts {
		for _, c := range p {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
		}
		n[i], _ = strconv.Atoi(p)
	}
	t := time.Date(n[2], time.Month(n[1]), n[0], 0, 0, 0, 0, time.UTC)
	if t.Day() != n[0] || int(t.Month()) != n[1] || t.Year() != n[2] || n[2] < 1992 {
		return time.Time{}, false
	}
	return t, true
}

// rate checks one Valute and makes its ExchangeRate; the Currency is set as
// soon as it is known, for the error message.
func (v valute) rate(date time.Time) (model.ExchangeRate, error) {
	r := model.ExchangeRate{Date: date, Source: Source}
	code := strings.ToUpper(strings.TrimSpace(v.CharCode))
	if code == "" {
		return r, errors.New("it has no CharCode")
	}
	if !isLetters3(code) {
		return r, fmt.Errorf("the CharCode %q is not three Latin letters", v.CharCode)
	}
	r.Currency = code
	nominal := strings.TrimSpace(v.Nominal)
	if nominal == "" {
		return r, errors.New("it has no Nominal")
	}
	nom, err := strconv.ParseInt(nominal, 10, 64)
	if err != nil || nom <= 0 || nom > 1_000_000_000 {
		return r, fmt.Errorf("the Nominal %q is not a whole number of units above zero", v.Nominal)
	}
	r.Nominal = nom
	if strings.TrimSpace(v.Value) == "" {
		return r, errors.New("it has no Value")
	}
	val, err := ParseValueE4(v.Value)
	if err != nil {
		return r, fmt.Errorf("the Value %q %v", v.Value, err)
	}
	if val <= 0 {
		return r, fmt.Errorf("the Value %q is not above zero", v.Value)
	}
	r.ValueE4 = val
	return r, nil
}

func isLetters3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// maxIntDigits bounds the integer part so that ×10⁴ fits in an int64 with room.
const maxIntDigits = 14

// ParseValueE4 reads a decimal rate as the Bank writes it ("92,5678"; a
// decimal point is accepted too) into ten-thousandths, exactly, without
// floating point. Digits past the fourth decimal are rounded half up. Signs,
// exponents, digit grouping and empty parts ("12," or ",5") are refused.
func ParseValueE4(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("is empty")
	}
	intPart, frac, hasSep := s, "", false
	if i := strings.IndexAny(s, ",."); i >= 0 {
		intPart, frac, hasSep = s[:i], s[i+1:], true
	}
	if intPart == "" || (hasSep && frac == "") {
		return 0, errors.New("is not a decimal number")
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, errors.New("is not a decimal number")
			}
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > maxIntDigits {
		return 0, errors.New("is too large for a rate")
	}
	var v int64
	for i := 0; i < len(intPart); i++ {
		v = v*10 + int64(intPart[i]-'0')
	}
	for i := 0; i < 4; i++ {
		v *= 10
		if i < len(frac) {
			v += int64(frac[i] - '0')
		}
	}
	if len(frac) > 4 && frac[4] >= '5' {
		v++
	}
	return v, nil
}
