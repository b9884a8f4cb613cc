package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SearchTerms splits a search box's text into folded terms for a prefix
// search: letters and digits are kept, everything else separates terms. A
// term made only of digits and phone punctuation ("+7 (916) 123-45") is one
// term of its digits, so a phone number typed in any format is one prefix. At
// most 8 terms are kept; terms are never SQL.
func SearchTerms(q string) []string {
	q = FoldText(q)
	if q == "" {
		return nil
	}
	if isPhoneLike(q) {
		if d := DigitsOnly(q); d != "" {
			if len(d) >= 11 && d[0] == '8' {
				d = "7" + d[1:]
			}
			return []string{d}
		}
	}
	var terms []string
	for _, t := range splitWords(q) {
		if !searchStopwords[t] {
			terms = append(terms, t)
		}
	}
	if len(terms) > 8 {
		terms = terms[:8]
	}
	return terms
}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// searchStopwords are legal forms: nearly every company has one, so they
// find nothing and, indexed, would make every search read the whole index.
// They are left out of search documents and of queries.
var searchStopwords = map[string]bool{
	"ооо": true, "оао": true, "зао": true, "пао": true, "ао": true, "ип": true, "нко": true, "ано": true, "чоп": true,
	"муп": true, "гуп": true, "фгуп": true, "llc": true, "ltd": true, "inc": true, "gmbh": true, "jsc": true, "plc": true,
}

// NamePrefix says whether a query is better answered from the folded-name
// index than from the search index, and with which prefix: when it has no
// terms (only a legal form such as «ООО») or a single one-letter term (the
// search index keeps prefixes of two and three letters). "" means use the
// search index.
func NamePrefix(q string) string {
	terms := SearchTerms(q)
	if len(terms) == 0 || len(terms) == 1 && utf8.RuneCountInString(terms[0]) == 1 && !isPhoneLike(terms[0]) {
		return FoldText(q)
	}
	return ""
}

func isPhoneLike(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()./", r):
		default:
			return false
		}
	}
	return digits >= 3
}

// FTSQuery builds an SQLite FTS5 MATCH expression from terms: every term a
// quoted prefix ("term"*), all required. Terms hold only letters and digits
// (SearchTerms), and quotes are doubled anyway.
//
// One-letter terms are left out when the query has longer ones: the index
// keeps prefixes of two and three letters, and a one-letter prefix would
// merge the lists of every word starting with that letter (hundreds of
// milliseconds at a million customers) to narrow little.
func FTSQuery(terms []string) string {
	long := 0
	for _, t := range terms {
		if utf8.RuneCountInString(t) > 1 {
			long++
		}
	}
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		if long > 0 && utf8.RuneCountInString(t) == 1 {
			continue
		}
		parts = append(parts, `"`+strings.ReplaceAll(t, `"`, `""`)+`"*`)
	}
	return strings.Join(parts, " ")
}
