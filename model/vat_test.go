package model_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"sdelka/model"
)

// vatDay is midnight UTC of a calendar date.
func vatDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestVATRateOn(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	tests := []struct {
		name   string
		cat    model.VATCategory
		day    time.Time
		wantBP int64
		wantOK bool
	}{
		{"standard long ago", model.VATStandard, vatDay(2019, 1, 1), 2000, true},
		{"standard zero time", model.VATStandard, time.Time{}, 2000, true},
		{"standard last day of 20%", model.VATStandard, vatDay(2025, 12, 31), 2000, true},
		{"standard last second of 2025", model.VATStandard, time.Date(2025, 12, 31, 23, 59, 59, 999, time.UTC), 2000, true},
		{"standard first day of 22%", model.VATStandard, vatDay(2026, 1, 1), 2200, true},
		{"standard 2026 evening", model.VATStandard, time.Date(2026, 1, 1, 23, 59, 0, 0, time.UTC), 2200, true},
		{"standard later", model.VATStandard, vatDay(2030, 6, 15), 2200, true},
		{"local date counts: 1 Jan 01:00 Moscow", model.VATStandard, time.Date(2026, 1, 1, 1, 0, 0, 0, msk), 2200, true},
		{"local date counts: 31 Dec 23:00 Moscow", model.VATStandard, time.Date(2025, 12, 31, 23, 0, 0, 0, msk), 2000, true},
		{"reduced", model.VATReduced, vatDay(2026, 3, 1), 1000, true},
		{"reduced before 2026", model.VATReduced, vatDay(2024, 3, 1), 1000, true},
		{"zero is a rate", model.VATZero, vatDay(2026, 3, 1), 0, true},
		{"none has no rate", model.VATNone, vatDay(2026, 3, 1), 0, false},
		{"unknown category", model.VATCategory("super"), vatDay(2026, 3, 1), 0, false},
		{"empty category", model.VATCategory(""), vatDay(2026, 3, 1), 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bp, ok := model.VATRateOn(tc.cat, tc.day, model.VATTable)
			if bp != tc.wantBP || ok != tc.wantOK {
				t.Errorf("VATRateOn(%s, %s): got %d, %v; want %d, %v", tc.cat, tc.day, bp, ok, tc.wantBP, tc.wantOK)
			}
		})
	}
}

func TestVATRateOnCustomTable(t *testing.T) {
	// Out of order, a first row after the zero time, and a correction row
	// with the same From: the later row wins.
	table := []model.VATRateRow{
		{Category: model.VATStandard, From: vatDay(2030, 1, 1), BP: 2500},
		{Category: model.VATStandard, From: vatDay(2020, 1, 1), BP: 2000},
		{Category: model.VATStandard, From: vatDay(2026, 1, 1), BP: 2100},
		{Category: model.VATStandard, From: time.Date(2026, 1, 1, 15, 0, 0, 0, time.UTC), BP: 2200},
		{Category: model.VATReduced, From: vatDay(2020, 1, 1), BP: 1000},
	}
	tests := []struct {
		name   string
		cat    model.VATCategory
		day    time.Time
		wantBP int64
		wantOK bool
	}{
		{"before the first row", model.VATStandard, vatDay(2019, 12, 31), 0, false},
		{"first row's day", model.VATStandard, vatDay(2020, 1, 1), 2000, true},
		{"corrected row wins on its day", model.VATStandard, vatDay(2026, 1, 1), 2200, true},
		{"corrected row wins later", model.VATStandard, vatDay(2029, 12, 31), 2200, true},
		{"row listed first but latest", model.VATStandard, vatDay(2030, 1, 1), 2500, true},
		{"other category", model.VATReduced, vatDay(2031, 1, 1), 1000, true},
		{"category missing from table", model.VATZero, vatDay(2031, 1, 1), 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bp, ok := model.VATRateOn(tc.cat, tc.day, table)
			if bp != tc.wantBP || ok != tc.wantOK {
				t.Errorf("got %d, %v; want %d, %v", bp, ok, tc.wantBP, tc.wantOK)
			}
		})
	}
	if _, ok := model.VATRateOn(model.VATStandard, vatDay(2026, 1, 1), nil); ok {
		t.Errorf("empty table: got ok, want none")
	}
}

func TestVATTableShape(t *testing.T) {
	for _, r := range model.VATTable {
		if r.Category == model.VATNone {
			t.Errorf("VATNone has a row %+v: want none, «Без НДС» is no rate", r)
		}
		if r.BP < 0 || r.BP > 10000 {
			t.Errorf("row %+v: rate out of 0..100 %%", r)
		}
		if r.From.Location() != time.UTC || r.From.Hour() != 0 {
			t.Errorf("row %+v: From is not a UTC midnight", r)
		}
	}
}

func TestVATLabel(t *testing.T) {
	tests := []struct {
		cat  model.VATCategory
		bp   int64
		want string
	}{
		{model.VATStandard, 2200, "22%"},
		{model.VATStandard, 2000, "20%"},
		{model.VATReduced, 1000, "10%"},
		{model.VATZero, 0, "0%"},
		{model.VATNone, 0, "Без НДС"},
		{model.VATNone, 2200, "Без НДС"},
		{model.VATStandard, 500, "5%"},
		{model.VATStandard, 550, "5,5%"},
		{model.VATStandard, 1825, "18,25%"},
		{model.VATStandard, 1805, "18,05%"},
		{model.VATStandard, 1, "0,01%"},
		{model.VATStandard, -500, "-5%"},
	}
	for _, tc := range tests {
		if got := model.VATLabel(tc.cat, tc.bp); got != tc.want {
			t.Errorf("VATLabel(%s, %d): got %q, want %q", tc.cat, tc.bp, got, tc.want)
		}
	}
}

// refRoundDiv is an independent reference for the rounding rule: the
// quotient of |n|·2 + |d| by 2·|d|, floored, with the sign put back.
func refRoundDiv(n, d *big.Int) *big.Int {
	an, ad := new(big.Int).Abs(n), new(big.Int).Abs(d)
	num := new(big.Int).Lsh(an, 1)
	num.Add(num, ad)
	q := num.Div(num, new(big.Int).Lsh(ad, 1))
	if n.Sign()*d.Sign() < 0 {
		q.Neg(q)
	}
	return q
}

func TestRoundDiv(t *testing.T) {
	const maxI, minI = math.MaxInt64, math.MinInt64
	tests := []struct {
		num, den, want int64
	}{
		{0, 7, 0},
		{0, -7, 0},
		{10, 5, 2},
		{5, 10, 1}, // half a kopeck rounds up in magnitude
		{-5, 10, -1},
		{5, -10, -1},
		{-5, -10, 1},
		{15, 10, 2},
		{25, 10, 3}, // not banker's rounding
		{-25, 10, -3},
		{24, 10, 2},
		{26, 10, 3},
		{-24, 10, -2},
		{-26, 10, -3},
		{1, 3, 0},
		{2, 3, 1},
		{-1, 3, 0},
		{-2, 3, -1},
		{499, 1000, 0},
		{500, 1000, 1},
		{-500, 1000, -1},
		{-499, 1000, 0},
		{7, 1, 7},
		{7, -1, -7},
		{maxI, 1, maxI},
		{minI, 1, minI},
		{maxI, -1, -maxI},
		{maxI, 2, 1 << 62},              // 4611686018427387903.5 → up
		{minI, 2, -(1 << 62)},           // exact
		{minI + 1, 2, -(1 << 62)},       // −4611686018427387903.5 → down
		{minI, 3, -3074457345618258603}, // −…602.67
		{maxI, 3, 3074457345618258602},  // …602.33
		{maxI, maxI, 1},                 //
		{minI, maxI, -1},                // −1.0000000001
		{maxI, minI, -1},                // −0.99999…
		{minI, minI, 1},                 //
		{1 << 62, minI, -1},             // exactly −0.5
		{-(1 << 62), minI, 1},           // exactly +0.5
		{(1 << 62) - 1, minI, 0},        // just under a half
		{1 << 62, maxI, 1},              // just over a half
		{1, maxI, 0},                    //
		{maxI / 2, maxI, 0},             // (2^63−2)/2 / (2^63−1): just under a half
		{maxI/2 + 1, maxI, 1},           // just over a half
		{-(maxI/2 + 1), maxI, -1},       //
		{1_000_000_000_005, 10, 100_000_000_001},
	}
	for _, tc := range tests {
		got := model.RoundDiv(tc.num, tc.den)
		if got != tc.want {
			t.Errorf("RoundDiv(%d, %d): got %d, want %d", tc.num, tc.den, got, tc.want)
		}
		if ref := refRoundDiv(big.NewInt(tc.num), big.NewInt(tc.den)); ref.Int64() != tc.want {
			t.Errorf("table row RoundDiv(%d, %d) = %d disagrees with the reference %s", tc.num, tc.den, tc.want, ref)
		}
	}
}

// roundDivOperand draws extremes, small numbers and full-range values.
func roundDivOperand(r *rand.Rand) int64 {
	switch r.IntN(6) {
	case 0:
		return []int64{0, 1, -1, 2, -2, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1, 1 << 62, -(1 << 62)}[r.IntN(11)]
	case 1:
		return r.Int64N(2001) - 1000
	case 2:
		return r.Int64N(2_000_000_001) - 1_000_000_000
	default:
		return int64(r.Uint64())
	}
}

func TestRoundDivMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200_000; i++ {
		num, den := roundDivOperand(r), roundDivOperand(r)
		if den == 0 || (num == math.MinInt64 && den == -1) {
			continue
		}
		got := model.RoundDiv(num, den)
		if want := refRoundDiv(big.NewInt(num), big.NewInt(den)); want.Int64() != got || !want.IsInt64() {
			t.Fatalf("RoundDiv(%d, %d): got %d, want %s", num, den, got, want)
		}
		if num != math.MinInt64 && model.RoundDiv(-num, den) != -got {
			t.Fatalf("RoundDiv(%d, %d) = %d is not symmetric", -num, den, model.RoundDiv(-num, den))
		}
	}
}

func TestRoundDivPanics(t *testing.T) {
	for _, tc := range []struct {
		name     string
		num, den int64
	}{{"zero divisor", 1, 0}, {"MinInt64 by -1", math.MinInt64, -1}} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("RoundDiv(%d, %d): got no panic, want one", tc.num, tc.den)
				}
			}()
			model.RoundDiv(tc.num, tc.den)
		})
	}
}

func TestMulDivRound(t *testing.T) {
	const maxI, minI = math.MaxInt64, math.MinInt64
	tests := []struct {
		name      string
		a, b, den int64
		want      int64
		wantOK    bool
	}{
		{"simple", 1234, 1500, 1000, 1851, true},             // 1851.0
		{"half up", 333, 1500, 1000, 500, true},              // 499.5
		{"half down negative", 333, -1500, 1000, -500, true}, //
		{"product overflows, result fits", 1_000_000_000_000, 1_000_000_000_000, 1_000_000_000, 1_000_000_000_000_000, true},
		{"max squared over max", maxI, maxI, maxI, maxI, true},
		{"min times min over min", minI, minI, minI, minI, true},
		{"min by one", minI, 1, 1, minI, true},
		{"min by minus one", minI, -1, 1, 0, false},
		{"max by two", maxI, 2, 1, 0, false},
		{"max by two over two", maxI, 2, 2, maxI, true},
		{"zero", 0, maxI, 3, 0, true},
		{"zero b", maxI, 0, 3, 0, true},
		{"rounds up past max", maxI, 2, 2, maxI, true},
		{"huge quotient", maxI, maxI, 1, 0, false},
		{"negative den", 10, 15, -100, -2, true}, // −1.5 → −2
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := model.MulDivRound(tc.a, tc.b, tc.den)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("MulDivRound(%d, %d, %d): got %d, %v; want %d, %v", tc.a, tc.b, tc.den, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestMulDivRoundMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200_000; i++ {
		a, b, den := roundDivOperand(r), roundDivOperand(r), roundDivOperand(r)
		if den == 0 {
			continue
		}
		got, ok := model.MulDivRound(a, b, den)
		want := refRoundDiv(new(big.Int).Mul(big.NewInt(a), big.NewInt(b)), big.NewInt(den))
		if ok != want.IsInt64() || (ok && got != want.Int64()) {
			t.Fatalf("MulDivRound(%d, %d, %d): got %d, %v; want %s", a, b, den, got, ok, want)
		}
	}
}

func TestLineTotal(t *testing.T) {
	tests := []struct {
		name        string
		price       model.Money
		qty         model.Qty
		bp          int64
		noVAT, incl bool
		want        model.LineAmounts
	}{
		{"22% on top", 10000, 1000, 2200, false, false, model.LineAmounts{Net: 10000, VAT: 2200, Gross: 12200}},
		{"22% included", 12200, 1000, 2200, false, true, model.LineAmounts{Net: 10000, VAT: 2200, Gross: 12200}},
		{"20% on top, 1.5 units", 10000, 1500, 2000, false, false, model.LineAmounts{Net: 15000, VAT: 3000, Gross: 18000}},
		{"10% included", 1100, 3000, 1000, false, true, model.LineAmounts{Net: 3000, VAT: 300, Gross: 3300}},
		{"0% on top", 10000, 2000, 0, false, false, model.LineAmounts{Net: 20000, VAT: 0, Gross: 20000}},
		{"0% included", 10000, 2000, 0, false, true, model.LineAmounts{Net: 20000, VAT: 0, Gross: 20000}},
		{"no VAT wins over rate", 10000, 1500, 2200, true, false, model.LineAmounts{Net: 15000, VAT: 0, Gross: 15000}},
		{"no VAT wins over included", 10000, 1500, 2200, true, true, model.LineAmounts{Net: 15000, VAT: 0, Gross: 15000}},
		{"amount half kopeck up", 1, 500, 0, false, false, model.LineAmounts{Net: 1, Gross: 1}},
		{"amount half kopeck down on credit", 1, -500, 0, false, false, model.LineAmounts{Net: -1, Gross: -1}},
		{"amount just under half", 1, 499, 0, false, false, model.LineAmounts{}},
		{"amount 499.5", 333, 1500, 0, false, false, model.LineAmounts{Net: 500, Gross: 500}},
		{"VAT half kopeck on top", 5, 1000, 1000, false, false, model.LineAmounts{Net: 5, VAT: 1, Gross: 6}},
		{"VAT half kopeck on top credit", 5, -1000, 1000, false, false, model.LineAmounts{Net: -5, VAT: -1, Gross: -6}},
		{"VAT half kopeck included", 3, 1000, 2000, false, true, model.LineAmounts{Net: 2, VAT: 1, Gross: 3}},
		{"VAT under half included", 1, 1000, 2200, false, true, model.LineAmounts{Net: 1, VAT: 0, Gross: 1}},
		{"VAT in 1234.56 at 22%", 123456, 1000, 2200, false, true, model.LineAmounts{Net: 101193, VAT: 22263, Gross: 123456}},
		{"VAT in 1234.52 at 22%", 123452, 1000, 2200, false, true, model.LineAmounts{Net: 101190, VAT: 22262, Gross: 123452}},
		{"credit note included", 12200, -2000, 2200, false, true, model.LineAmounts{Net: -20000, VAT: -4400, Gross: -24400}},
		{"negative price (discount line)", -500, 1000, 2200, false, false, model.LineAmounts{Net: -500, VAT: -110, Gross: -610}},
		{"zero qty", 10000, 0, 2200, false, false, model.LineAmounts{}},
		{"huge: a billion roubles × a million", 100_000_000_000, 1_000_000_000, 2200,
			false, false, model.LineAmounts{Net: 100_000_000_000_000_000, VAT: 22_000_000_000_000_000, Gross: 122_000_000_000_000_000}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := model.LineTotal(tc.price, tc.qty, tc.bp, tc.noVAT, tc.incl)
			if got != tc.want {
				t.Errorf("LineTotal(%d, %d, %d, %v, %v): got %+v, want %+v", tc.price, tc.qty, tc.bp, tc.noVAT, tc.incl, got, tc.want)
			}
		})
	}
}

func TestLineTotalProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rates := []int64{0, 500, 700, 1000, 2000, 2200}
	for i := 0; i < 100_000; i++ {
		price := model.Money(r.Int64N(2_000_000_000_001) - 1_000_000_000_000)
		qty := model.Qty(r.Int64N(2_000_000_001) - 1_000_000_000)
		if i%3 == 0 { // small values hit the half-kopeck cases often
			price, qty = model.Money(r.Int64N(2001)-1000), model.Qty(r.Int64N(20001)-10000)
		}
		bp := rates[r.IntN(len(rates))]
		if i%5 == 0 {
			bp = r.Int64N(10001)
		}
		noVAT, incl := r.IntN(4) == 0, r.IntN(2) == 0
		got := model.LineTotal(price, qty, bp, noVAT, incl)
		if got.Net+got.VAT != got.Gross {
			t.Fatalf("LineTotal(%d, %d, %d, %v, %v) = %+v: Net + VAT != Gross", price, qty, bp, noVAT, incl, got)
		}
		amt := refRoundDiv(new(big.Int).Mul(big.NewInt(int64(price)), big.NewInt(int64(qty))), big.NewInt(1000)).Int64()
		switch {
		case noVAT:
			if got.VAT != 0 || int64(got.Gross) != amt {
				t.Fatalf("no VAT %d × %d: got %+v, want amount %d and no VAT", price, qty, got, amt)
			}
		case incl:
			// The VAT is the nearest to Gross × bp / (10000 + bp).
			if int64(got.Gross) != amt || !nearest(int64(got.VAT), amt, bp, 10000+bp) {
				t.Fatalf("included %d × %d at %d: got %+v, amount %d", price, qty, bp, got, amt)
			}
		default:
			if int64(got.Net) != amt || !nearest(int64(got.VAT), amt, bp, 10000) {
				t.Fatalf("on top %d × %d at %d: got %+v, amount %d", price, qty, bp, got, amt)
			}
		}
		neg := model.LineTotal(price, -qty, bp, noVAT, incl)
		if neg != (model.LineAmounts{Net: -got.Net, VAT: -got.VAT, Gross: -got.Gross}) {
			t.Fatalf("credit note of %d × %d at %d: got %+v, want the negative of %+v", price, qty, bp, neg, got)
		}
	}
}

// nearest tells whether v is a·b/den rounded to an integer: |v·den − a·b| ≤ den/2.
func nearest(v, a, b, den int64) bool {
	diff := new(big.Int).Mul(big.NewInt(v), big.NewInt(den))
	diff.Sub(diff, new(big.Int).Mul(big.NewInt(a), big.NewInt(b))).Abs(diff).Lsh(diff, 1)
	return diff.Cmp(big.NewInt(den)) <= 0
}

func TestLineTotalPanics(t *testing.T) {
	for _, tc := range []struct {
		name  string
		price model.Money
		qty   model.Qty
		bp    int64
	}{
		{"negative rate", 100, 1000, -1},
		{"amount overflows", math.MaxInt64, 2000, 0},
		{"gross overflows", math.MaxInt64 / 1000 * 1000, 1000, 2200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("got no panic, want one")
				}
			}()
			model.LineTotal(tc.price, tc.qty, tc.bp, false, false)
		})
	}
}
