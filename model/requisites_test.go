package model

import (
	"strconv"
	"strings"
	"testing"
)

// reqAllKeys is every key a *Problem function may return, plus "" for valid.
var reqAllKeys = map[string]bool{
	"": true, MsgRequired: true, MsgDigitsOnly: true, MsgINNLength: true,
	MsgINNLength10: true, MsgINNChecksum: true, MsgKPPFormat: true,
	MsgOGRNLength: true, MsgOGRNChecksum: true, MsgBICFormat: true,
	MsgAccountLength: true, MsgAccountKey: true, MsgAccountNeedBIC: true,
	MsgCorrPrefix: true,
}

type reqCase struct {
	name, in, want string
}

func reqRun(t *testing.T, fn func(string) string, cases []reqCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := fn(tc.in); got != tc.want {
				t.Errorf("(%q): got %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// reqSetDigit returns s with the byte at i replaced by digit d.
func reqSetDigit(s string, i int, d byte) string {
	return s[:i] + string(rune('0'+d)) + s[i+1:]
}

// reqWithKey puts the correct key digit at position 9 of the 20-digit account
// for the given 3-digit prefix. It solves the key equation directly (3 is the
// weight at that position and 7 its inverse mod 10) instead of reusing the
// production check.
func reqWithKey(prefix, account string) string {
	s := prefix + account[:8] + "0" + account[9:]
	w := []int{7, 1, 3}
	sum := 0
	for i := range s {
		sum += int(s[i]-'0') * w[i%3] % 10
	}
	key := 7 * ((10 - sum%10) % 10) % 10
	return account[:8] + strconv.Itoa(key) + account[9:]
}

func TestRequisiteKeysDistinct(t *testing.T) {
	seen := map[string]bool{}
	for k := range reqAllKeys {
		if k == "" {
			continue
		}
		if !strings.HasPrefix(k, "valid.") || seen[k] {
			t.Errorf("key %q: got duplicate or bad prefix, want unique valid.* key", k)
		}
		seen[k] = true
	}
	if got, want := len(seen), 13; got != want {
		t.Errorf("got %d keys, want %d", got, want)
	}
}

func TestRequisiteDigitsOnly(t *testing.T) {
	reqRun(t, DigitsOnly, []reqCase{
		{"empty", "", ""},
		{"digits", "0123456789", "0123456789"},
		{"spaces and dashes", " 40702-810 938 ", "40702810938"},
		{"letters", "77O1AB001", "771001"},
		{"non-ASCII digits dropped", "７7", "7"},
		{"no digits", "abc", ""},
	})
}

func TestINNProblem(t *testing.T) {
	reqRun(t, INNProblem, []reqCase{
		{"Sberbank", "7707083893", ""},
		{"Alfa-Bank", "7728168971", ""},
		{"Gazprom", "7736050003", ""},
		{"person 12 digits", "500100732259", ""},
		{"person 12 digits other", "773370857141", ""},
		{"trimmed", " \t7707083893\n ", ""},
		{"empty", "", MsgRequired},
		{"blank", "   ", MsgRequired},
		{"letter", "77070838O3", MsgDigitsOnly},
		{"inner space", "7707 083893", MsgDigitsOnly},
		{"dash", "7707-083893", MsgDigitsOnly},
		{"fullwidth digit", "７707083893", MsgDigitsOnly},
		{"non-digit before length", "12a", MsgDigitsOnly},
		{"9 digits", "770708389", MsgINNLength},
		{"11 digits", "77070838930", MsgINNLength},
		{"13 digits", "5001007322590", MsgINNLength},
		{"single digit", "7", MsgINNLength},
		{"10 bad check", "7707083894", MsgINNChecksum},
		{"12 bad 11th", "500100732249", MsgINNChecksum},
		{"12 bad 12th", "500100732258", MsgINNChecksum},
		{"12 both bad", "500100732200", MsgINNChecksum},
		{"10-digit INN padded to 12", "770708389300", MsgINNChecksum},
	})
}

func TestINNOrgProblem(t *testing.T) {
	reqRun(t, INNOrgProblem, []reqCase{
		{"Sberbank", "7707083893", ""},
		{"trimmed", "  7728168971 ", ""},
		{"valid person INN rejected", "500100732259", MsgINNLength10},
		{"9 digits", "770708389", MsgINNLength10},
		{"11 digits", "77070838930", MsgINNLength10},
		{"bad check", "7707083890", MsgINNChecksum},
		{"empty", " ", MsgRequired},
		{"letters", "ИНН7707083893", MsgDigitsOnly},
	})
}

func TestINNProblemMutations(t *testing.T) {
	for _, inn := range []string{"7707083893", "7728168971", "7736050003", "500100732259", "773370857141"} {
		t.Run(inn, func(t *testing.T) {
			total, failed := 0, 0
			for i := range len(inn) {
				for d := byte(0); d <= 9; d++ {
					if inn[i]-'0' == d {
						continue
					}
					m := reqSetDigit(inn, i, d)
					got := INNProblem(m)
					total++
					if got == MsgINNChecksum {
						failed++
					} else if got != "" {
						t.Errorf("%s: got %q, want %q or \"\"", m, got, MsgINNChecksum)
					}
					// Changing a check digit alone can never stay valid.
					if i == len(inn)-1 && got == "" {
						t.Errorf("%s: got valid, want %q", m, MsgINNChecksum)
					}
				}
			}
			if failed*10 < total*8 {
				t.Errorf("got %d/%d mutations rejected, want at least 80%%", failed, total)
			}
		})
	}
}

func TestINN12OneWrongCheckDigit(t *testing.T) {
	for _, inn := range []string{"500100732259", "773370857141"} {
		for _, pos := range []int{10, 11} {
			for d := byte(0); d <= 9; d++ {
				if inn[pos]-'0' == d {
					continue
				}
				m := reqSetDigit(inn, pos, d)
				t.Run(m, func(t *testing.T) {
					if got, want := INNProblem(m), MsgINNChecksum; got != want {
						t.Errorf("got %q, want %q", got, want)
					}
				})
			}
		}
	}
}

func TestKPPProblem(t *testing.T) {
	reqRun(t, KPPProblem, []reqCase{
		{"Sberbank", "773601001", ""},
		{"Moscow", "770701001", ""},
		{"letters in reason", "7701AB001", ""},
		{"letter and digit in reason", "7701A1001", ""},
		{"Z and A", "7701ZA001", ""},
		{"trimmed", "\t773601001 ", ""},
		{"lowercase reason", "7701ab001", MsgKPPFormat},
		{"Cyrillic reason", "7701АБ001", MsgKPPFormat},
		{"letter in code", "77A101001", MsgKPPFormat},
		{"letter in number", "770101A01", MsgKPPFormat},
		{"letter first", "A70101001", MsgKPPFormat},
		{"8 chars", "77360100", MsgKPPFormat},
		{"10 chars", "7736010011", MsgKPPFormat},
		{"inner space", "7736 01001", MsgKPPFormat},
		{"punctuation", "7736-1001", MsgKPPFormat},
		{"empty", "", MsgRequired},
		{"blank", " \n", MsgRequired},
	})
}

// reqOGRN completes a 12- or 14-digit prefix with its check digit using
// strconv, independently of the production loop.
func reqOGRN(prefix string) string {
	n, err := strconv.ParseUint(prefix, 10, 64)
	if err != nil {
		panic(err)
	}
	mod := uint64(11)
	if len(prefix) == 14 {
		mod = 13
	}
	return prefix + strconv.FormatUint(n%mod%10, 10)
}

func TestOGRNProblem(t *testing.T) {
	reqRun(t, OGRNProblem, []reqCase{
		{"Sberbank", "1027700132195", ""},
		{"Alfa-Bank", "1027700067328", ""},
		{"OGRNIP", "304500116000157", ""},
		{"built OGRN", reqOGRN("114774600000"), ""},
		{"built OGRNIP", reqOGRN("32177460000012"), ""},
		{"remainder 10 gives 0", "1000000000000", ""},
		{"OGRNIP remainder 10 gives 0", "100000000000000", ""},
		{"max OGRNIP", reqOGRN("99999999999999"), ""},
		{"trimmed", " 1027700132195\t", ""},
		{"bad check", "1027700132196", MsgOGRNChecksum},
		{"OGRNIP bad check", "304500116000158", MsgOGRNChecksum},
		{"remainder 10 but 1", "1000000000001", MsgOGRNChecksum},
		{"12 digits", "102770013219", MsgOGRNLength},
		{"14 digits", "10277001321950", MsgOGRNLength},
		{"16 digits", "3045001160001570", MsgOGRNLength},
		{"INN length", "7707083893", MsgOGRNLength},
		{"letter", "1027700132I95", MsgDigitsOnly},
		{"inner space", "1027700 132195", MsgDigitsOnly},
		{"empty", "", MsgRequired},
	})
}

func TestOGRNProblemCheckDigitMutations(t *testing.T) {
	for _, v := range []string{"1027700132195", "1027700067328", "304500116000157"} {
		last := len(v) - 1
		for d := byte(0); d <= 9; d++ {
			if v[last]-'0' == d {
				continue
			}
			m := reqSetDigit(v, last, d)
			t.Run(m, func(t *testing.T) {
				if got, want := OGRNProblem(m), MsgOGRNChecksum; got != want {
					t.Errorf("got %q, want %q", got, want)
				}
			})
		}
	}
}

func TestBICProblem(t *testing.T) {
	reqRun(t, BICProblem, []reqCase{
		{"Sberbank", "044525225", ""},
		{"Alfa-Bank", "044525593", ""},
		{"trimmed", " 044525225 ", ""},
		{"8 digits", "04452522", MsgBICFormat},
		{"10 digits", "0445252250", MsgBICFormat},
		{"letter", "04452522O", MsgDigitsOnly},
		{"inner space", "0445 25225", MsgDigitsOnly},
		{"empty", "", MsgRequired},
	})
}

const (
	reqSberBIC  = "044525225"
	reqSberCorr = "30101810400000000225"
	reqAlfaBIC  = "044525593"
	reqAlfaCorr = "30101810200000000593"
	reqSberAcc  = "40702810938000000001"
)

type reqAccCase struct {
	name, bic, acc, want string
}

func reqRunAcc(t *testing.T, fn func(string, string) string, cases []reqAccCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := fn(tc.bic, tc.acc); got != tc.want {
				t.Errorf("(%q, %q): got %q, want %q", tc.bic, tc.acc, got, tc.want)
			}
		})
	}
}

func TestAccountProblem(t *testing.T) {
	alfaAcc := reqWithKey(reqAlfaBIC[6:], "40702810000000012345")
	reqRunAcc(t, AccountProblem, []reqAccCase{
		{"Sberbank", reqSberBIC, reqSberAcc, ""},
		{"helper agrees", reqSberBIC, reqWithKey(reqSberBIC[6:], reqSberAcc), ""},
		{"Alfa built", reqAlfaBIC, alfaAcc, ""},
		{"individual built", reqSberBIC, reqWithKey("225", "40817810000000000042"), ""},
		{"trimmed both", " 044525225\t", "\n40702810938000000001 ", ""},
		{"wrong key", reqSberBIC, "40702810838000000001", MsgAccountKey},
		{"other bank's BIC", reqAlfaBIC, reqSberAcc, MsgAccountKey},
		{"corr checked as settlement", reqSberBIC, reqSberCorr, MsgAccountKey},
		{"19 digits", reqSberBIC, "4070281093800000000", MsgAccountLength},
		{"21 digits", reqSberBIC, "407028109380000000010", MsgAccountLength},
		{"letter", reqSberBIC, "4070281093800000000l", MsgDigitsOnly},
		{"grouped", reqSberBIC, "40702 810 9 3800 0000001", MsgDigitsOnly},
		{"empty", reqSberBIC, "", MsgRequired},
		{"empty BIC", "", reqSberAcc, MsgAccountNeedBIC},
		{"short BIC", "04452522", reqSberAcc, MsgAccountNeedBIC},
		{"letter BIC", "04452522X", reqSberAcc, MsgAccountNeedBIC},
		{"bad BIC, bad length", "", "123", MsgAccountLength},
		{"bad BIC, letters", "x", "abc", MsgDigitsOnly},
		{"bad BIC, empty", "x", " ", MsgRequired},
	})
}

// Weights 7, 1, 3 are coprime with 10, so every single-digit change of the
// account or of the BIC digits used must break the key.
func TestAccountProblemEveryMutationFails(t *testing.T) {
	rejected := 0
	for i := range len(reqSberAcc) {
		for d := byte(0); d <= 9; d++ {
			if reqSberAcc[i]-'0' == d {
				continue
			}
			m := reqSetDigit(reqSberAcc, i, d)
			if got, want := AccountProblem(reqSberBIC, m), MsgAccountKey; got != want {
				t.Errorf("%s: got %q, want %q", m, got, want)
			} else {
				rejected++
			}
		}
	}
	for i := 6; i < 9; i++ {
		b := reqSetDigit(reqSberBIC, i, (reqSberBIC[i]-'0'+1)%10)
		if got, want := AccountProblem(b, reqSberAcc), MsgAccountKey; got != want {
			t.Errorf("BIC %s: got %q, want %q", b, got, want)
		}
	}
	// Only the last 3 BIC digits take part.
	if got, want := AccountProblem("999999225", reqSberAcc), ""; got != want {
		t.Errorf("BIC 999999225: got %q, want %q", got, want)
	}
	if got, want := rejected, 20*9; got != want {
		t.Errorf("got %d rejected mutations, want %d", got, want)
	}
}

func TestCorrAccountProblem(t *testing.T) {
	reqRunAcc(t, CorrAccountProblem, []reqAccCase{
		{"Sberbank", reqSberBIC, reqSberCorr, ""},
		{"Alfa-Bank", reqAlfaBIC, reqAlfaCorr, ""},
		{"helper agrees", reqSberBIC, reqWithKey("0"+reqSberBIC[4:6], reqSberCorr), ""},
		{"built", "045004641", reqWithKey("004", "30101810000000000641"), ""},
		{"trimmed", " 044525225", "30101810400000000225\t", ""},
		{"only BIC digits 5-6 matter", "999925999", reqSberCorr, ""},
		{"wrong key", reqSberBIC, "30101810500000000225", MsgAccountKey},
		{"other bank's BIC", "044030653", reqSberCorr, MsgAccountKey},
		{"settlement account", reqSberBIC, reqSberAcc, MsgCorrPrefix},
		{"302 prefix", reqSberBIC, "30201810400000000225", MsgCorrPrefix},
		{"prefix before BIC", "", reqSberAcc, MsgCorrPrefix},
		{"19 digits", reqSberBIC, "3010181040000000022", MsgAccountLength},
		{"3 digits", reqSberBIC, "301", MsgAccountLength},
		{"letter", reqSberBIC, "3010181040000000022S", MsgDigitsOnly},
		{"empty", reqSberBIC, "", MsgRequired},
		{"empty BIC", "", reqSberCorr, MsgAccountNeedBIC},
		{"long BIC", "0445252250", reqSberCorr, MsgAccountNeedBIC},
	})
}

func FuzzINNProblem(f *testing.F) {
	for _, s := range []string{"", " ", "7707083893", "500100732259", "7707083894",
		"77070838930", "７707083893", "\x00\xff", "1234567890123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{INNProblem(s), INNOrgProblem(s), KPPProblem(s), OGRNProblem(s), BICProblem(s)} {
			if !reqAllKeys[got] {
				t.Fatalf("(%q): got undeclared key %q", s, got)
			}
		}
		if INNProblem(s) == "" {
			if d := strings.TrimSpace(s); DigitsOnly(d) != d {
				t.Fatalf("(%q): got valid INN with non-digits", s)
			}
		}
		if INNOrgProblem(s) == "" && INNProblem(s) != "" {
			t.Fatalf("(%q): org INN valid but INN invalid", s)
		}
	})
}

func FuzzAccountProblem(f *testing.F) {
	f.Add(reqSberBIC, reqSberAcc)
	f.Add(reqSberBIC, reqSberCorr)
	f.Add(reqAlfaBIC, reqAlfaCorr)
	f.Add("", "")
	f.Add("1", "30101810400000000225")
	f.Add("04452522\xff", "4070281093800000000\xff")
	f.Fuzz(func(t *testing.T, bic, acc string) {
		for _, got := range []string{AccountProblem(bic, acc), CorrAccountProblem(bic, acc)} {
			if !reqAllKeys[got] {
				t.Fatalf("(%q, %q): got undeclared key %q", bic, acc, got)
			}
			if got == "" && (BICProblem(bic) != "" || len(strings.TrimSpace(acc)) != 20) {
				t.Fatalf("(%q, %q): got valid with bad BIC or length", bic, acc)
			}
		}
	})
}
