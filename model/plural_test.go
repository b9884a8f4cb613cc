package model

import (
	"testing"
	"time"
)

func TestPluralForm(t *testing.T) {
	tests := []struct {
		lang string
		n    int64
		want string
	}{
		{"ru", 0, "many"}, {"ru", 1, "one"}, {"ru", 2, "few"}, {"ru", 4, "few"}, {"ru", 5, "many"},
		{"ru", 11, "many"}, {"ru", 12, "many"}, {"ru", 14, "many"}, {"ru", 15, "many"}, {"ru", 21, "one"},
		{"ru", 22, "few"}, {"ru", 101, "one"}, {"ru", 111, "many"}, {"ru", 112, "many"}, {"ru", 1001, "one"},
		{"ru", -3, "few"}, {"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 21, "other"},
	}
	for _, tt := range tests {
		if got := PluralForm(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralForm(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestTrDateTimeAndHas(t *testing.T) {
	c, err := NewCatalog(map[string][]byte{
		"ru": []byte(`{"format.datetime": "02.01.2006 15:04:05", "a": "б"}`),
		"en": []byte(`{"format.datetime": "2006-01-02 15:04:05"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	tm := time.Date(2026, 3, 5, 7, 8, 9, 0, time.Local)
	if got, want := c.Lang("ru").DateTime(tm), "05.03.2026 07:08:09"; got != want {
		t.Errorf("ru DateTime = %q, want %q", got, want)
	}
	if got, want := c.Lang("en").DateTime(tm), "2026-03-05 07:08:09"; got != want {
		t.Errorf("en DateTime = %q, want %q", got, want)
	}
	if !c.Lang("ru").Has("a") || c.Lang("en").Has("a") {
		t.Error("Has: want ru to have a and en not")
	}
}

func TestTrInt(t *testing.T) {
	c, err := NewCatalog(map[string][]byte{
		"ru": []byte(`{"format.thousands": "\u00a0", "n": {"one": "{n} клиент", "few": "{n} клиента", "many": "{n} клиентов"}}`),
		"en": []byte(`{"format.thousands": ","}`),
		"xx": []byte(`{}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		n    int64
		want string
	}{
		{"ru", 0, "0"}, {"ru", 999, "999"}, {"ru", 1000, "1\u00a0000"}, {"ru", 1234567, "1\u00a0234\u00a0567"},
		{"en", 1234567, "1,234,567"}, {"en", -1234, "-1,234"}, {"en", 100000, "100,000"}, {"xx", 12345, "12345"},
	}
	for _, tt := range tests {
		if got := c.Lang(tt.lang).Int(tt.n); got != tt.want {
			t.Errorf("%s Int(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	if got, want := c.Lang("ru").N("n", 50001), "50\u00a0001 клиент"; got != want {
		t.Errorf("ru N(50001) = %q, want %q", got, want)
	}
}

func TestFTSQueryDropsOneLetterTerms(t *testing.T) {
	tests := []struct {
		terms []string
		want  string
	}{
		{[]string{"baltic", "c"}, `"baltic"*`},
		{[]string{"в"}, `"в"*`},
		{[]string{"ив", "п"}, `"ив"*`},
		{[]string{"ива", "петр"}, `"ива"* "петр"*`},
		{[]string{`a"b`}, `"a""b"*`},
	}
	for _, tt := range tests {
		if got := FTSQuery(tt.terms); got != tt.want {
			t.Errorf("FTSQuery(%q) = %s, want %s", tt.terms, got, tt.want)
		}
	}
}
