package model

import "strings"

// Message keys returned by the requisite checks below. They are translation
// keys shown by the UI; every *Problem function returns "" when the value is
// valid and one of these keys otherwise.
const (
	MsgRequired       = "valid.required"         // the value is empty
	MsgDigitsOnly     = "valid.digits_only"      // the value contains a non-digit
	MsgINNLength      = "valid.inn.length"       // INN is not 10 or 12 digits
	MsgINNLength10    = "valid.inn.length10"     // organisation INN is not 10 digits
	MsgINNChecksum    = "valid.inn.checksum"     // INN check digit(s) do not match
	MsgKPPFormat      = "valid.kpp.format"       // KPP is not NNNNPPXXX
	MsgOGRNLength     = "valid.ogrn.length"      // not 13 (OGRN) or 15 (OGRNIP) digits
	MsgOGRNChecksum   = "valid.ogrn.checksum"    // OGRN/OGRNIP check digit does not match
	MsgBICFormat      = "valid.bic.format"       // BIC is not 9 digits
	MsgAccountLength  = "valid.account.length"   // account is not 20 digits
	MsgAccountKey     = "valid.account.key"      // account key does not match the BIC
	MsgAccountNeedBIC = "valid.account.need_bic" // account cannot be checked without a valid BIC
	MsgCorrPrefix     = "valid.corr.prefix"      // correspondent account does not start with 301
)

// DigitsOnly returns s with every character other than an ASCII digit removed.
func DigitsOnly(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// reqDigits trims s and reports MsgRequired when it is empty or MsgDigitsOnly
// when it contains anything but ASCII digits.
func reqDigits(s string) (string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return s, MsgRequired
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return s, MsgDigitsOnly
		}
	}
	return s, ""
}

// reqWeighted returns Σ digit(s[i]) × w[i] over len(w) leading digits.
func reqWeighted(s string, w []int) int {
	sum := 0
	for i, k := range w {
		sum += int(s[i]-'0') * k
	}
	return sum
}

var (
	innWeights10 = []int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights11 = []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights12 = []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
)

// innCheck verifies the check digit at position len(w) of s.
func innCheck(s string, w []int) bool {
	return reqWeighted(s, w)%11%10 == int(s[len(w)]-'0')
}

// INNProblem checks a taxpayer number: 10 digits for an organisation or 12 for
// an individual, with the check digit(s) verified.
func INNProblem(s string) string {
	s, p := reqDigits(s)
	if p != "" {
		return p
	}
	switch len(s) {
	case 10:
		if !innCheck(s, innWeights10) {
			return MsgINNChecksum
		}
	case 12:
		if !innCheck(s, innWeights11) || !innCheck(s, innWeights12) {
			return MsgINNChecksum
		}
	default:
		return MsgINNLength
	}
	return ""
}

// INNOrgProblem is INNProblem for an organisation: only a 10-digit INN is
// accepted, any other length gives MsgINNLength10.
func INNOrgProblem(s string) string {
	t, p := reqDigits(s)
	if p != "" {
		return p
	}
	if len(t) != 10 {
		return MsgINNLength10
	}
	return INNProblem(t)
}

// KPPProblem checks a tax registration reason code: 9 characters NNNNPPXXX,
// where N and X are digits and P is a digit or a capital Latin letter. Any
// malformed value, lowercase letters included, gives MsgKPPFormat.
func KPPProblem(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return MsgRequired
	}
	if len(s) != 9 {
		return MsgKPPFormat
	}
	for i := 0; i < 9; i++ {
		c := s[i]
		digit := c >= '0' && c <= '9'
		if !digit && !((i == 4 || i == 5) && c >= 'A' && c <= 'Z') {
			return MsgKPPFormat
		}
	}
	return ""
}

// OGRNProblem checks a state registration number: a 13-digit OGRN
// (check digit = first 12 digits mod 11 mod 10) or a 15-digit OGRNIP
// (check digit = first 14 digits mod 13 mod 10).
func OGRNProblem(s string) string {
	s, p := reqDigits(s)
	if p != "" {
		return p
	}
	var mod uint64
	switch len(s) {
	case 13:
		mod = 11
	case 15:
		mod = 13
	default:
		return MsgOGRNLength
	}
	var n uint64
	for i := 0; i < len(s)-1; i++ {
		n = n*10 + uint64(s[i]-'0')
	}
	if n%mod%10 != uint64(s[len(s)-1]-'0') {
		return MsgOGRNChecksum
	}
	return ""
}

// BICProblem checks a bank identification code: exactly 9 digits.
func BICProblem(s string) string {
	s, p := reqDigits(s)
	if p != "" {
		return p
	}
	if len(s) != 9 {
		return MsgBICFormat
	}
	return ""
}

// accountKeyOK runs the Bank of Russia key check over the 3-digit prefix
// followed by the 20-digit account, with weights 7,1,3 repeating.
func accountKeyOK(prefix, account string) bool {
	s := prefix + account
	w := [3]int{7, 1, 3}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += int(s[i]-'0') * w[i%3] % 10
	}
	return sum%10 == 0
}

// accountBasics trims the account and checks it is 20 digits.
func accountBasics(account string) (string, string) {
	a, p := reqDigits(account)
	if p != "" {
		return a, p
	}
	if len(a) != 20 {
		return a, MsgAccountLength
	}
	return a, ""
}

// AccountProblem checks a settlement account: 20 digits whose key matches the
// bank's BIC (the last 3 BIC digits precede the account in the key check).
func AccountProblem(bic, account string) string {
	a, p := accountBasics(account)
	if p != "" {
		return p
	}
	bic = strings.TrimSpace(bic)
	if BICProblem(bic) != "" {
		return MsgAccountNeedBIC
	}
	if !accountKeyOK(bic[6:9], a) {
		return MsgAccountKey
	}
	return ""
}

// CorrAccountProblem checks a bank's correspondent account: 20 digits starting
// with 301 whose key matches the BIC ("0" and BIC digits 5–6 precede the
// account in the key check).
func CorrAccountProblem(bic, corr string) string {
	a, p := accountBasics(corr)
	if p != "" {
		return p
	}
	if !strings.HasPrefix(a, "301") {
		return MsgCorrPrefix
	}
	bic = strings.TrimSpace(bic)
	if BICProblem(bic) != "" {
		return MsgAccountNeedBIC
	}
	if !accountKeyOK("0"+bic[4:6], a) {
		return MsgAccountKey
	}
	return ""
}
