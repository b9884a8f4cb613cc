package repo_test

import (
	"path/filepath"
	"strings"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

// FuzzSearchCustomers feeds arbitrary text to the search box and the list
// filter: neither may return an error (an FTS syntax error would reach the
// user) or panic.
func FuzzSearchCustomers(f *testing.F) {
	for _, seed := range []string{"", "ооо", "ООО «Ёлка»", `"`, `"*`, "*", "a AND b", "NEAR(x y)", "x OR", "^abc", "-x", "+7 (916) 123",
		"col:val", "'); DROP TABLE customers; --", "\x00", "ё е", "а", "7707083893", strings.Repeat("ж", 300), "{a b}", "a:b:c"} {
		f.Add(seed)
	}
	s, err := repo.Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	if err := s.DemoWithCustomers(f.Context(), 1, 50); err != nil {
		f.Fatal(err)
	}
	ss := s.Session(repo.System)
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := ss.SearchCustomers(t.Context(), q, 10); err != nil {
			t.Fatalf("SearchCustomers(%q): %v", q, err)
		}
		if _, err := ss.FindCustomers(t.Context(), model.CustomerFilter{Query: q, Limit: 10}); err != nil {
			t.Fatalf("FindCustomers(%q): %v", q, err)
		}
		if _, err := ss.CountCustomers(t.Context(), model.CustomerFilter{Query: q}); err != nil {
			t.Fatalf("CountCustomers(%q): %v", q, err)
		}
	})
}
