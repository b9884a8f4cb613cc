package model

import "strings"

// NormalizePhone reduces a phone number to digits in international form,
// so that "+7 (495) 123-45-67", "8 495 1234567" and "4951234567" are the same:
// Russian 11-digit numbers starting with 8 become 7…, 10-digit numbers get the
// country code 7. Other numbers keep their digits. An extension after "доб",
// "ext" or "#" is dropped. Returns "" when there are no digits.
func NormalizePhone(s string) string {
	low := strings.ToLower(s)
	for _, sep := range []string{"доб", "ext", "#", "x"} {
		if i := strings.Index(low, sep); i > 0 {
			low = low[:i]
		}
	}
	d := DigitsOnly(low)
	switch {
	case len(d) == 11 && d[0] == '8':
		return "7" + d[1:]
	case len(d) == 10 && !strings.HasPrefix(strings.TrimSpace(s), "+"):
		return "7" + d
	}
	return d
}

// PhoneProblem checks a phone number: 5 to 15 digits once normalised.
func PhoneProblem(s string) string {
	n := len(NormalizePhone(s))
	if n < 5 || n > 15 {
		return "valid.phone"
	}
	return ""
}

// PhoneSearchTokens are the forms of a normalised number a prefix search
// should find it by: the international digits, and for Russian numbers also
// the 8… form, the 10-digit national number and the 7-digit local number, so
// that typing 8916…, 7916…, 916… or the local 123-45-67 finds +7 916 123-45-67.
func PhoneSearchTokens(norm string) []string {
	if norm == "" {
		return nil
	}
	if len(norm) == 11 && norm[0] == '7' {
		return []string{norm, "8" + norm[1:], norm[1:], norm[4:]}
	}
	return []string{norm}
}
