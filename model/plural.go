package model

// PluralForm returns the CLDR plural category of n in the language lang:
// "one" or "other" for English; "one", "few" or "many" for Russian
// (n mod 100 in 11..14 → many; n mod 10 = 1 → one; 2..4 → few; else many).
func PluralForm(lang string, n int64) string {
	if n < 0 {
		n = -n
	}
	if lang == "ru" {
		switch {
		case n%100 >= 11 && n%100 <= 14:
			return "many"
		case n%10 == 1:
			return "one"
		case n%10 >= 2 && n%10 <= 4:
			return "few"
		}
		return "many"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}
