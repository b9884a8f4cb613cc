package model

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Catalog holds the UI texts of every language. A text is either a string or
// an object of CLDR plural forms ({"one": …, "few": …, "many": …, "other": …});
// "{n}" in a plural text is replaced by the count. Arguments fill fmt verbs.
type Catalog struct {
	langs map[string]map[string]json.RawMessage
}

// NewCatalog parses one JSON object per language, keyed by language code.
func NewCatalog(files map[string][]byte) (*Catalog, error) {
	c := &Catalog{langs: map[string]map[string]json.RawMessage{}}
	for lang, data := range files {
		m := map[string]json.RawMessage{}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("translations %s: %w", lang, err)
		}
		c.langs[lang] = m
	}
	return c, nil
}

// Languages lists the catalog's language codes, sorted.
func (c *Catalog) Languages() []string {
	var out []string
	for l := range c.langs {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Keys lists the keys of one language, sorted.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.langs[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Forms returns the plural forms of key in lang, or nil when it is a plain text.
func (c *Catalog) Forms(lang, key string) map[string]string {
	var forms map[string]string
	if json.Unmarshal(c.langs[lang][key], &forms) != nil {
		return nil
	}
	return forms
}

// Lang returns the texts of one language.
func (c *Catalog) Lang(lang string) Tr { return Tr{c: c, lang: lang} }

// Tr translates into one language. A missing key shows as the key itself, so
// it is visible rather than blank (the catalog tests keep that from shipping).
type Tr struct {
	c    *Catalog
	lang string
}

// Code is the language code.
func (t Tr) Code() string { return t.lang }

// T returns the text of key, formatted with args when given.
func (t Tr) T(key string, args ...any) string {
	var s string
	if t.c == nil || json.Unmarshal(t.c.langs[t.lang][key], &s) != nil {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether the language has a text for key.
func (t Tr) Has(key string) bool {
	_, ok := t.c.langs[t.lang][key]
	return ok
}

// DateTime formats t (in local time) with the language's "format.datetime"
// layout: 02.01.2006 15:04:05 in Russian, 2006-01-02 15:04:05 in English.
func (t Tr) DateTime(tm time.Time) string { return tm.Local().Format(t.T("format.datetime")) }

// Int formats n with the language's digit-group separator ("format.thousands":
// a no-break space in Russian, a comma in English): 1 234 567, 1,234,567.
func (t Tr) Int(n int64) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	sep := t.T("format.thousands")
	if sep == "format.thousands" {
		sep = ""
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// N returns the plural form of key for count n, with {n} replaced by n and
// args filling any fmt verbs.
func (t Tr) N(key string, n int64, args ...any) string {
	forms := t.c.Forms(t.lang, key)
	s, ok := forms[PluralForm(t.lang, n)]
	if !ok {
		s, ok = forms["other"]
	}
	if !ok {
		s = key
	}
	s = strings.ReplaceAll(s, "{n}", t.Int(n))
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}
