package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document number masks: text with tokens in braces. {YYYY} is the year,
// {YY} its last two digits, {MM} the month, {DD} the day, {#…} the sequence
// zero-padded to as many digits as there are # (a wider number is printed
// in full, never cut), {N} the sequence unpadded. Exactly one sequence
// token; at most 40 characters; no control characters (a number is printed
// on one line and goes into file names and payment QR codes).

// maxMaskRunes bounds a mask's length.
const maxMaskRunes = 40

// ErrBadMask: the mask is not a valid number mask.
var ErrBadMask = errors.New("bad number mask")

type maskPart struct {
	lit   string
	token string // "" for a literal
}

func parseMask(mask string) ([]maskPart, error) {
	if strings.TrimSpace(mask) == "" {
		return nil, fmt.Errorf("%w: empty", ErrBadMask)
	}
	if utf8.RuneCountInString(mask) > maxMaskRunes {
		return nil, fmt.Errorf("%w: longer than %d characters", ErrBadMask, maxMaskRunes)
	}
	if strings.ContainsFunc(mask, unicode.IsControl) {
		return nil, fmt.Errorf("%w: a control character", ErrBadMask)
	}
	var parts []maskPart
	seq := 0
	for rest := mask; rest != ""; {
		i := strings.IndexAny(rest, "{}")
		if i < 0 {
			parts = append(parts, maskPart{lit: rest})
			break
		}
		if rest[i] == '}' {
			return nil, fmt.Errorf("%w: a } without {", ErrBadMask)
		}
		if i > 0 {
			parts = append(parts, maskPart{lit: rest[:i]})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("%w: an unclosed {", ErrBadMask)
		}
		tok := rest[i+1 : i+j]
		switch {
		case tok == "YYYY", tok == "YY", tok == "MM", tok == "DD":
		case tok == "N", tok != "" && strings.Trim(tok, "#") == "":
			seq++
		default:
			return nil, fmt.Errorf("%w: unknown token {%s}", ErrBadMask, tok)
		}
		parts = append(parts, maskPart{token: tok})
		rest = rest[i+j+1:]
	}
	if seq != 1 {
		return nil, fmt.Errorf("%w: needs exactly one sequence token ({####} or {N}), has %d", ErrBadMask, seq)
	}
	return parts, nil
}

// ValidateNumberMask checks a mask (see FormatDocNumber). Errors wrap
// ErrBadMask: an empty mask, one over 40 characters, a control character,
// an unknown token, a brace without its pair, or not exactly one sequence
// token.
func ValidateNumberMask(mask string) error {
	_, err := parseMask(mask)
	return err
}

// FormatDocNumber prints the seq-th number of the mask for a document
// dated day: FormatDocNumber("СЧ-{YYYY}-{####}", 2026-02-01, 15) is
// "СЧ-2026-0015". The date is taken as it is (its own location). Errors:
// seq below 1, the day's year outside 1–9999, and the mask's (ErrBadMask).
// The result is never empty, and for a fixed mask and day different
// sequences give different numbers.
func FormatDocNumber(mask string, day time.Time, seq int64) (string, error) {
	if seq < 1 {
		return "", fmt.Errorf("document number: sequence %d is not positive", seq)
	}
	if y := day.Year(); y < 1 || y > 9999 {
		return "", fmt.Errorf("document number: year %d is not 1 to 9999", y)
	}
	parts, err := parseMask(mask)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, p := range parts {
		switch {
		case p.token == "":
			b.WriteString(p.lit)
		case p.token == "YYYY":
			fmt.Fprintf(&b, "%04d", day.Year())
		case p.token == "YY":
			fmt.Fprintf(&b, "%02d", day.Year()%100)
		case p.token == "MM":
			fmt.Fprintf(&b, "%02d", int(day.Month()))
		case p.token == "DD":
			fmt.Fprintf(&b, "%02d", day.Day())
		case p.token == "N":
			b.WriteString(strconv.FormatInt(seq, 10))
		default:
			s := strconv.FormatInt(seq, 10)
			if pad := len(p.token) - len(s); pad > 0 {
				s = strings.Repeat("0", pad) + s
			}
			b.WriteString(s)
		}
	}
	return b.String(), nil
}
