package model

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Payment QR codes printed on invoices: GOST R 56042-2014 for roubles (read
// by Russian banking apps) and EPC069-12 ("GiroCode", SEPA credit transfer)
// for euros. These functions only build the text the code encodes; drawing
// it (error correction level M, byte mode) is the reports' job.
//
// Values are cleaned the same way in both: surrounding spaces trimmed, line
// breaks, tabs and other control characters replaced by a space, and in
// GOST payloads '|' (the separator) by '/'. A value that is then too long or
// malformed is an error naming the field and the limit; nothing is ever cut
// short silently, since a payment to a truncated name or purpose can be
// refused by the bank. Lengths are counted in characters (runes), as the
// standards do.

// PaymentQRError says which value keeps a payment QR payload from being
// built and why, in English with the limit ("171 characters, at most 160").
// Invoices print it as the reason the code is left out, after their own
// "payment QR code left out: ", so the message carries no such prefix.
type PaymentQRError struct {
	Field   string // the payload's key: Name, PersonalAcc, IBAN, Amount …
	Problem string
}

// Error names the field and the problem: "Name: 171 characters, at most 160".
func (e *PaymentQRError) Error() string { return e.Field + ": " + e.Problem }

// PaymentQR holds the requisites of a rouble payment for GOSTPaymentPayload.
// Name, PersonalAcc, BankName and BIC are required; the rest is optional
// and left out of the payload when empty (CorrespAcc becomes "0").
type PaymentQR struct {
	Name        string    // payee, ≤160 characters
	PersonalAcc string    // payee's settlement account, 20 digits
	BankName    string    // payee's bank, ≤45 characters
	BIC         string    // 9 digits
	CorrespAcc  string    // bank's correspondent account, ≤20 digits
	PayeeINN    string    // 10 or 12 digits
	KPP         string    // 9 characters NNNNPPXXX
	Purpose     string    // ≤210 characters
	DocNo       string    // the invoice's number
	DocDate     time.Time // the invoice's date; zero leaves it out
	Sum         Money     // kopecks; 0 leaves it out, so the payer types it
}

// GOST R 56042-2014 limits, in characters.
const (
	gostNameMax     = 160
	gostBankNameMax = 45
	gostPurposeMax  = 210
	gostCorrAccMax  = 20
	gostSumMax      = 999_999_999_999_999_999 // 18 digits
)

// GOSTPaymentPayload builds the GOST R 56042-2014 payload in UTF-8 (header
// ST00012): the mandatory keys Name, PersonalAcc, BankName, BIC, CorrespAcc
// in that order, then those optional keys that have a value, always in the
// order Sum, Purpose, PayeeINN, KPP, DocNo, DocDate (DD.MM.YYYY).
//
// Only the form of each value is checked (digits and lengths; KPP as
// KPPProblem has it), not the INN check digits or the account key: those
// belong to the company's form (Company.Validate), and a payload is
// built from whatever requisites the invoice prints. Errors are
// *PaymentQRError: a required value missing, a value too long or malformed,
// a negative Sum or one longer than 18 digits, a DocDate outside years
// 1–9999, text that is not UTF-8. PayeeINN must have 10 or 12 digits and
// KPP 9 characters (the standard only caps them at 12 and 9).
func GOSTPaymentPayload(p PaymentQR) (string, error) {
	var b strings.Builder
	b.WriteString("ST00012")
	add := func(key, value string) {
		b.WriteString("|")
		b.WriteString(key)
		b.WriteString("=")
		b.WriteString(value)
	}

	name, err := qrText("Name", p.Name, true, gostNameMax, true)
	if err != nil {
		return "", err
	}
	acc, err := qrDigits("PersonalAcc", p.PersonalAcc, 20, 20)
	if err != nil {
		return "", err
	}
	bank, err := qrText("BankName", p.BankName, true, gostBankNameMax, true)
	if err != nil {
		return "", err
	}
	bic, err := qrDigits("BIC", p.BIC, 9, 9)
	if err != nil {
		return "", err
	}
	corr, err := qrClean("CorrespAcc", p.CorrespAcc, true)
	if err != nil {
		return "", err
	}
	if corr == "" {
		corr = "0" // the standard's value for "none"
	} else if corr, err = qrDigits("CorrespAcc", corr, 1, gostCorrAccMax); err != nil {
		return "", err
	}
	add("Name", name)
	add("PersonalAcc", acc)
	add("BankName", bank)
	add("BIC", bic)
	add("CorrespAcc", corr)

	switch {
	case p.Sum < 0:
		return "", &PaymentQRError{Field: "Sum", Problem: "negative (" + strconv.FormatInt(int64(p.Sum), 10) + ")"}
	case p.Sum > gostSumMax:
		return "", &PaymentQRError{Field: "Sum", Problem: "more than 18 digits"}
	case p.Sum > 0:
		add("Sum", strconv.FormatInt(int64(p.Sum), 10))
	}
	purpose, err := qrText("Purpose", p.Purpose, true, gostPurposeMax, false)
	if err != nil {
		return "", err
	}
	if purpose != "" {
		add("Purpose", purpose)
	}
	inn, err := qrClean("PayeeINN", p.PayeeINN, true)
	if err != nil {
		return "", err
	}
	if inn != "" {
		if !qrAllDigits(inn) || (len(inn) != 10 && len(inn) != 12) {
			return "", &PaymentQRError{Field: "PayeeINN", Problem: "not 10 or 12 digits"}
		}
		add("PayeeINN", inn)
	}
	kpp, err := qrClean("KPP", p.KPP, true)
	if err != nil {
		return "", err
	}
	if kpp != "" {
		if KPPProblem(kpp) != "" {
			return "", &PaymentQRError{Field: "KPP", Problem: "not 9 characters NNNNPPXXX"}
		}
		add("KPP", kpp)
	}
	docNo, err := qrClean("DocNo", p.DocNo, true)
	if err != nil {
		return "", err
	}
	if docNo != "" {
		add("DocNo", docNo)
	}
	if !p.DocDate.IsZero() {
		if y := p.DocDate.Year(); y < 1 || y > 9999 {
			return "", &PaymentQRError{Field: "DocDate", Problem: "year " + strconv.Itoa(y) + " is not 1 to 9999"}
		}
		add("DocDate", p.DocDate.Format("02.01.2006"))
	}
	return b.String(), nil
}

// EPCPayment holds a euro credit transfer for EPCPayload.
type EPCPayment struct {
	BIC        string // beneficiary's bank, 8 or 11 characters; optional
	Name       string // beneficiary, ≤70 characters; required
	IBAN       string // beneficiary's account; spaces allowed; required
	Remittance string // unstructured remittance text, ≤140 characters
	Amount     Money  // cents, 0.01–999 999 999.99 EUR; 0 leaves it to the payer
}

// EPC069-12 limits.
const (
	epcNameMax       = 70
	epcRemittanceMax = 140
	epcAmountMax     = 99_999_999_999 // cents: 999 999 999.99 EUR
	epcPayloadMax    = 331            // bytes
)

// epcLines validates p and returns the payload's lines for EPCPayload.
func epcLines(p EPCPayment) ([]string, error) {
	bic, err := qrClean("BIC", p.BIC, false)
	if err != nil {
		return nil, err
	}
	bic = strings.ToUpper(bic)
	if bic != "" && !swiftBICValid(bic) {
		return nil, &PaymentQRError{Field: "BIC", Problem: "not 8 or 11 letters and digits (AAAABBCC or AAAABBCCDDD)"}
	}
	name, err := qrText("Name", p.Name, false, epcNameMax, true)
	if err != nil {
		return nil, err
	}
	iban, err := qrClean("IBAN", p.IBAN, false)
	if err != nil {
		return nil, err
	}
	iban = strings.ToUpper(strings.Join(strings.Fields(iban), ""))
	if iban == "" {
		return nil, &PaymentQRError{Field: "IBAN", Problem: "required"}
	}
	if problem := ibanProblem(iban); problem != "" {
		return nil, &PaymentQRError{Field: "IBAN", Problem: problem}
	}
	var amount string
	switch {
	case p.Amount < 0:
		return nil, &PaymentQRError{Field: "Amount", Problem: "negative"}
	case p.Amount > epcAmountMax:
		return nil, &PaymentQRError{Field: "Amount", Problem: "more than 999999999.99"}
	case p.Amount > 0:
		amount = "EUR" + strconv.FormatInt(int64(p.Amount/100), 10) + "." + padDigits(uint64(p.Amount%100), 2)
	}
	remit, err := qrText("Remittance", p.Remittance, false, epcRemittanceMax, false)
	if err != nil {
		return nil, err
	}
	lines := []string{"BCD", "002", "1", "SCT", bic, name, iban, amount, "", "", remit}
	for lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines, nil
}

// EPCPayload builds the EPC069-12 (version 002, UTF-8, SCT) payload: the
// lines BCD, 002, 1, SCT, BIC, name, IBAN, amount ("EUR123.45", empty when
// Amount is 0), an empty purpose code, an empty structured reference and
// the remittance text, joined by "\n" with trailing empty lines dropped and
// no final newline. The IBAN is written without spaces in upper case after
// its ISO 13616 mod-97 check. Errors are *PaymentQRError: a missing name or
// IBAN, a wrong IBAN or BIC, text too long, an amount out of range, or a
// payload over 331 bytes.
func EPCPayload(p EPCPayment) (string, error) {
	lines, err := epcLines(p)
	if err != nil {
		return "", err
	}
	s := strings.Join(lines, "\n")
	if len(s) > epcPayloadMax {
		return "", &PaymentQRError{Field: "payload", Problem: strconv.Itoa(len(s)) + " bytes, at most 331"}
	}
	return s, nil
}

// qrClean makes s safe for a payload: valid UTF-8 or an error; control
// characters (CR, LF, tab …) and line or paragraph separators become
// spaces; with pipes, '|' becomes '/'; surrounding spaces go.
func qrClean(field, s string, pipes bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", &PaymentQRError{Field: field, Problem: "not valid UTF-8 text"}
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '|' && pipes:
			return '/'
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s), nil
}

// qrText cleans a text value (see qrClean) and checks its length in
// characters.
func qrText(field, s string, pipes bool, maxRunes int, required bool) (string, error) {
	s, err := qrClean(field, s, pipes)
	if err != nil {
		return "", err
	}
	if s == "" && required {
		return "", &PaymentQRError{Field: field, Problem: "required"}
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return "", &PaymentQRError{Field: field, Problem: strconv.Itoa(n) + " characters, at most " + strconv.Itoa(maxRunes)}
	}
	return s, nil
}

// qrDigits cleans a value of ASCII digits and checks it has minLen..maxLen of
// them.
func qrDigits(field, s string, minLen, maxLen int) (string, error) {
	s, err := qrClean(field, s, true)
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", &PaymentQRError{Field: field, Problem: "required"}
	}
	if !qrAllDigits(s) || len(s) < minLen || len(s) > maxLen {
		want := strconv.Itoa(maxLen) + " digits"
		if minLen != maxLen {
			want = "at most " + want
		}
		return "", &PaymentQRError{Field: field, Problem: "not " + want}
	}
	return s, nil
}

// qrAllDigits reports whether s is non-empty and all ASCII digits.
func qrAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// swiftBICValid checks an ISO 9362 business identifier code: 4 letters
// (institution), 2 letters (country), 2 letters or digits (location) and
// optionally 3 more (branch).
func swiftBICValid(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'A' && c <= 'Z'
		if i < 6 && !letter || !letter && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// ibanProblem checks an IBAN with spaces removed and letters in upper case
// (ISO 13616): a country's two letters, two check digits, up to 30 letters
// and digits, 15–34 in all, and the whole, with its first four characters
// moved to the end and letters read as 10–35, ≡ 1 mod 97. It returns "" when
// the IBAN is valid.
func ibanProblem(s string) string {
	if len(s) < 15 || len(s) > 34 {
		return "not 15 to 34 characters"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter, digit := c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		if i < 2 && !letter || i >= 2 && i < 4 && !digit || !letter && !digit {
			return "not an IBAN (two letters, two check digits, then letters and digits)"
		}
	}
	rem := 0
	for _, c := range []byte(s[4:] + s[:4]) {
		if c >= 'A' {
			rem = (rem*100 + int(c-'A'+10)) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	if rem != 1 {
		return "check digits do not match (a typo?)"
	}
	return ""
}
