package model

import "testing"

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
