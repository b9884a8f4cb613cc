package assets

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"sdelka/model"
)

// pluralForms are the CLDR categories each language's plural texts must have.
var pluralForms = map[string][]string{"en": {"one", "other"}, "ru": {"one", "few", "many"}}

func TestCatalogLanguagesHaveTheSameKeys(t *testing.T) {
	c, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Languages(), []string{"en", "ru"}; !equal(got, want) {
		t.Fatalf("languages = %v, want %v", got, want)
	}
	en, ru := set(c.Keys("en")), set(c.Keys("ru"))
	for k := range en {
		if !ru[k] {
			t.Errorf("key %q is in en.json but not in ru.json", k)
		}
	}
	for k := range ru {
		if !en[k] {
			t.Errorf("key %q is in ru.json but not in en.json", k)
		}
	}
}

func TestCatalogPluralForms(t *testing.T) {
	c := MustCatalog()
	for lang, forms := range pluralForms {
		for _, k := range c.Keys(lang) {
			f := c.Forms(lang, k)
			if f == nil {
				continue
			}
			for _, form := range forms {
				if f[form] == "" {
					t.Errorf("%s: plural key %q lacks the %q form", lang, k, form)
				}
			}
		}
	}
	if got, want := c.Lang("ru").N("customers.count", 22), "22 клиента"; got != want {
		t.Errorf("ru N(customers.count, 22) = %q, want %q", got, want)
	}
	if got, want := c.Lang("ru").N("customers.count", 11), "11 клиентов"; got != want {
		t.Errorf("ru N(customers.count, 11) = %q, want %q", got, want)
	}
	if got, want := c.Lang("en").N("customers.count", 1), "1 customer"; got != want {
		t.Errorf("en N(customers.count, 1) = %q, want %q", got, want)
	}
}

var (
	literalKey = regexp.MustCompile(`\b(?:T|N)\("([a-z_]+\.[a-z_.0-9]+)"`)
	validKey   = regexp.MustCompile(`"((?:valid|import|(?:doc|pay|terms|ins|series|tmpl)\.err)\.[a-z_.0-9]+)"`)
	formField  = regexp.MustCompile(`\.(?:entry|password|add)\("([a-z_]+)"`)
	valField   = regexp.MustCompile(`Field: "([a-z_]+)", Msg:|\.Add\("([a-z_]+)"`)
	navKey     = regexp.MustCompile(`navItem\{"([a-z_]+)"`)
	colKey     = regexp.MustCompile(`\{"([a-z_]+)", [0-9]+\}`)
	constVal   = regexp.MustCompile(`(?m)^\s+(?:Entity|Audit)[A-Za-z]+\s+(?:Entity|AuditAction) = "([a-z_]+)"`)
)

// TestEveryUsedKeyIsTranslated scans the source for the keys it uses —
// literal T/N calls, validation messages, form field labels, navigation,
// columns, roles, entities, audit actions and themes — and requires each in
// every language.
func TestEveryUsedKeyIsTranslated(t *testing.T) {
	used := map[string]string{}
	add := func(key, where string) {
		if _, ok := used[key]; !ok {
			used[key] = where
		}
	}
	files, err := filepath.Glob("../*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../cmd/*/*.go")
	files = append(files, more...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		isTest := filepath.Ext(f) == ".go" && len(f) > 8 && f[len(f)-8:] == "_test.go"
		if isTest {
			continue
		}
		for _, m := range literalKey.FindAllStringSubmatch(src, -1) {
			add(m[1], f)
		}
		for _, m := range validKey.FindAllStringSubmatch(src, -1) {
			add(m[1], f)
		}
		for _, m := range formField.FindAllStringSubmatch(src, -1) {
			add("field."+m[1], f)
		}
		for _, m := range valField.FindAllStringSubmatch(src, -1) {
			name := m[1] + m[2]
			if len(name) > 6 && name[:6] == "admin_" {
				name = name[6:]
			}
			add("field."+name, f)
		}
		for _, m := range navKey.FindAllStringSubmatch(src, -1) {
			add("nav."+m[1], f)
		}
		if filepath.Base(filepath.Dir(f)) == "ui" {
			for _, m := range colKey.FindAllStringSubmatch(src, -1) {
				add("col."+m[1], f)
			}
		}
		for _, m := range constVal.FindAllStringSubmatch(src, -1) {
			if regexp.MustCompile(`Entity[A-Za-z]+\s+Entity = "` + m[1] + `"`).MatchString(src) {
				add("entity."+m[1], f)
			} else {
				add("audit."+m[1], f)
			}
		}
	}
	for _, r := range model.Roles {
		add("role."+string(r), "model.Roles")
	}
	for _, th := range []string{"system", "light", "dark"} {
		add("theme."+th, "ui/settings.go")
	}
	// Keys the analysis rules build from constants.
	for _, c := range model.ABCClasses {
		add(c.Key(), "model/customer_analysis.go")
		add(c.MeaningKey(), "model/customer_analysis.go")
	}
	for _, sg := range model.RFMSegments {
		add(sg.Key, "model/customer_analysis.go")
		add(sg.Meaning, "model/customer_analysis.go")
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in the source: the scan is broken", len(used))
	}
	c := MustCatalog()
	var missing []string
	for _, lang := range c.Languages() {
		keys := set(c.Keys(lang))
		for k, where := range used {
			if !keys[k] {
				missing = append(missing, lang+": "+k+" (used in "+where+")")
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("missing translation %s", m)
	}
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
