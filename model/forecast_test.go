package model

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

// fcStart is the first month of the synthetic histories.
var fcStart = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)

// fcSeasonal is a 12-month pattern (kopecks added to the level), summing to 0.
var fcSeasonal = [12]float64{-300e3, -250e3, -100e3, 0, 50e3, 100e3, 150e3, 100e3, 50e3, 0, 100e3, 100e3}

// monthly builds n consecutive months from fcStart with amounts f(t),
// rounded to kopecks.
func monthly(n int, f func(t int) float64) []MonthPoint {
	h := make([]MonthPoint, n)
	for t := range h {
		h[t] = MonthPoint{Month: fcStart.AddDate(0, t, 0), Amount: Money(math.Round(f(t)))}
	}
	return h
}

// noise is a deterministic pseudo-random factor in [1−r, 1+r] (xorshift).
func noise(r float64) func() float64 {
	x := uint64(88172645463325252)
	return func() float64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		u := float64(x>>11) / float64(1<<53)
		return 1 + r*(2*u-1)
	}
}

// relErr is |got − want| / want.
func relErr(got Money, want float64) float64 {
	return math.Abs(float64(got)-want) / want
}

func mustForecast(t *testing.T, h []MonthPoint, horizon int) Forecast {
	t.Helper()
	f, err := ForecastRevenue(h, horizon)
	if err != nil {
		t.Fatalf("ForecastRevenue: %v", err)
	}
	if len(f.Points) != horizon || len(f.Low) != horizon || len(f.High) != horizon {
		t.Fatalf("lengths %d/%d/%d, want %d", len(f.Points), len(f.Low), len(f.High), horizon)
	}
	var last time.Time
	for _, p := range h {
		if p.Month.After(last) {
			last = p.Month
		}
	}
	for i, p := range f.Points {
		if want := time.Date(last.Year(), last.Month()+time.Month(i+1), 1, 0, 0, 0, 0, time.UTC); !p.Month.Equal(want) {
			t.Errorf("point %d month = %v, want %v", i, p.Month, want)
		}
		if p.Amount < 0 || f.Low[i] < 0 || f.Low[i] > p.Amount || f.High[i] < p.Amount {
			t.Errorf("point %d: low %d, forecast %d, high %d: want 0 ≤ low ≤ forecast ≤ high", i, f.Low[i], p.Amount, f.High[i])
		}
	}
	return f
}

// TestForecastKnownAnswers: series with an exact structure are continued
// within tol (relative) for every month of the horizon.
func TestForecastKnownAnswers(t *testing.T) {
	const level, slope = 1_000_000.0, 20_000.0
	n3 := noise(0.03)
	n2 := noise(0.02)
	tests := []struct {
		name    string
		n       int
		f       func(t int) float64 // also the expected continuation (noise-free part in want)
		want    func(t int) float64
		tol     float64
		method  string
		season  int
		mapeMax int64 // MAPEBP ≤ mapeMax; -1 = want exactly -1
	}{
		{"constant 12 months", 12, func(int) float64 { return level }, func(int) float64 { return level }, 0, MethodHolt, 0, -1},
		{"constant 18 months", 18, func(int) float64 { return level }, func(int) float64 { return level }, 0, MethodHolt, 0, -1},
		{"constant 36 months", 36, func(int) float64 { return level }, func(int) float64 { return level }, 0, MethodHoltWinters, 12, 0},
		{"linear 15 months", 15, func(t int) float64 { return level + slope*float64(t) }, func(t int) float64 { return level + slope*float64(t) }, 0.01, MethodHolt, 0, -1},
		{"linear 36 months", 36, func(t int) float64 { return level + slope*float64(t) }, func(t int) float64 { return level + slope*float64(t) }, 0.01, MethodHoltWinters, 12, 0},
		{"falling linear 20 months", 20, func(t int) float64 { return 3*level - slope*float64(t) }, func(t int) float64 { return 3*level - slope*float64(t) }, 0.01, MethodHolt, 0, -1},
		{"seasonal 3 years", 36, func(t int) float64 { return level + fcSeasonal[t%12] }, func(t int) float64 { return level + fcSeasonal[t%12] }, 0.001, MethodHoltWinters, 12, 0},
		{"trend and season 3 years", 36, func(t int) float64 { return level + slope*float64(t) + fcSeasonal[t%12] }, func(t int) float64 { return level + slope*float64(t) + fcSeasonal[t%12] }, 0.001, MethodHoltWinters, 12, 0},
		{"seasonal 3 years ±3 % noise", 36, func(t int) float64 { return (level + fcSeasonal[t%12]) * n3() }, func(t int) float64 { return level + fcSeasonal[t%12] }, 0.06, MethodHoltWinters, 12, 400},
		{"trend and season 5 years ±2 % noise", 60, func(t int) float64 { return (level + slope*float64(t) + fcSeasonal[t%12]) * n2() }, func(t int) float64 { return level + slope*float64(t) + fcSeasonal[t%12] }, 0.05, MethodHoltWinters, 12, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := monthly(tt.n, tt.f)
			f := mustForecast(t, h, 12)
			if f.Method != tt.method || f.Season != tt.season {
				t.Errorf("method %q season %d, want %q %d", f.Method, f.Season, tt.method, tt.season)
			}
			for i, p := range f.Points {
				want := tt.want(tt.n + i)
				if tt.tol == 0 {
					if float64(p.Amount) != want {
						t.Errorf("month +%d = %d, want %v", i+1, p.Amount, want)
					}
				} else if e := relErr(p.Amount, want); e > tt.tol {
					t.Errorf("month +%d = %d, want %.0f within %.1f %% (off by %.2f %%)", i+1, p.Amount, want, tt.tol*100, e*100)
				}
			}
			switch {
			case tt.mapeMax < 0 && f.MAPEBP != -1:
				t.Errorf("MAPEBP = %d, want -1", f.MAPEBP)
			case tt.mapeMax >= 0 && (f.MAPEBP < 0 || f.MAPEBP > tt.mapeMax):
				t.Errorf("MAPEBP = %d, want 0..%d", f.MAPEBP, tt.mapeMax)
			}
			if tt.mapeMax == 0 && (f.Low[0] != f.Points[0].Amount || f.High[0] != f.Points[0].Amount) {
				t.Errorf("exact series: interval %d..%d, want the point %d", f.Low[0], f.High[0], f.Points[0].Amount)
			}
		})
	}
}

// TestForecastIntervalWidens: with noise the interval is not empty and does
// not narrow further ahead.
func TestForecastIntervalWidens(t *testing.T) {
	nz := noise(0.05)
	f := mustForecast(t, monthly(48, func(t int) float64 { return (1e6 + fcSeasonal[t%12]) * nz() }), 24)
	prev := int64(-1)
	for i := range f.Points {
		w := int64(f.High[i] - f.Low[i])
		if w <= 0 || w < prev {
			t.Errorf("month +%d: width %d after %d, want > 0 and not narrowing", i+1, w, prev)
		}
		prev = w
	}
}

func TestForecastTooLittleHistory(t *testing.T) {
	tests := []struct {
		name string
		h    []MonthPoint
	}{
		{"nil", nil},
		{"one month", monthly(1, func(int) float64 { return 5e5 })},
		{"11 months", monthly(11, func(int) float64 { return 5e5 })},
		{"11 months, each twice", append(monthly(11, func(int) float64 { return 5e5 }), monthly(11, func(int) float64 { return 1e5 })...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ForecastRevenue(tt.h, 3)
			if !errors.Is(err, ErrTooLittleHistory) {
				t.Fatalf("err = %v, want ErrTooLittleHistory", err)
			}
			if f.Points != nil {
				t.Errorf("points = %v, want none", f.Points)
			}
		})
	}
	if MsgTooLittleHistory != "forecast.too_little_history" {
		t.Errorf("MsgTooLittleHistory = %q", MsgTooLittleHistory)
	}
}

func TestForecastHorizon(t *testing.T) {
	h := monthly(24, func(int) float64 { return 5e5 })
	for _, tt := range []struct {
		horizon int
		ok      bool
	}{{-1, false}, {0, false}, {1, true}, {3, true}, {12, true}, {24, true}, {25, false}, {1000, false}} {
		f, err := ForecastRevenue(h, tt.horizon)
		if tt.ok {
			if err != nil || len(f.Points) != tt.horizon {
				t.Errorf("horizon %d: %d points, err %v", tt.horizon, len(f.Points), err)
			}
			continue
		}
		fe := FieldErrors(err)
		if len(fe) != 1 || fe[0].Field != "horizon" || fe[0].Msg != MsgForecastHorizon {
			t.Errorf("horizon %d: err = %v, want a ValidationError on horizon", tt.horizon, err)
		}
	}
	// The horizon is checked before the history.
	if fe := FieldErrors(func() error { _, err := ForecastRevenue(nil, 0); return err }()); len(fe) != 1 {
		t.Errorf("horizon 0 with no history: want the ValidationError")
	}
}

// TestForecastZeros: zero months, an all-zero history and a series whose
// recent months are empty never divide by zero.
func TestForecastZeros(t *testing.T) {
	t.Run("all zeros", func(t *testing.T) {
		for _, n := range []int{12, 23, 24, 36} {
			f := mustForecast(t, monthly(n, func(int) float64 { return 0 }), 6)
			for i, p := range f.Points {
				if p.Amount != 0 || f.Low[i] != 0 || f.High[i] != 0 {
					t.Errorf("n=%d month +%d = %d (%d..%d), want 0", n, i+1, p.Amount, f.Low[i], f.High[i])
				}
			}
			if f.MAPEBP != -1 {
				t.Errorf("n=%d: MAPEBP = %d, want -1", n, f.MAPEBP)
			}
			if _, ok := BacktestMAPE(monthly(n, func(int) float64 { return 0 }), 12); ok {
				t.Errorf("n=%d: BacktestMAPE ok on all zeros", n)
			}
		}
	})
	t.Run("closed every January", func(t *testing.T) {
		h := monthly(48, func(t int) float64 {
			if t%12 == 0 {
				return 0
			}
			return 1e6 + fcSeasonal[t%12]
		})
		f := mustForecast(t, h, 12)
		if f.MAPEBP < 0 || f.MAPEBP > 100 {
			t.Errorf("MAPEBP = %d, want 0..100 (January's zero excluded)", f.MAPEBP)
		}
		if f.Points[0].Amount != 0 { // month 48 is a January
			t.Errorf("January = %d, want 0", f.Points[0].Amount)
		}
		if e := relErr(f.Points[5].Amount, 1e6+fcSeasonal[5]); e > 0.001 {
			t.Errorf("June = %d, off by %.2f %%", f.Points[5].Amount, e*100)
		}
	})
	t.Run("gaps are zero months", func(t *testing.T) {
		full := monthly(30, func(t int) float64 {
			if t == 7 || t == 20 {
				return 0
			}
			return 4e5 + 1e4*float64(t%5)
		})
		var gappy []MonthPoint
		for _, p := range full {
			if p.Amount != 0 {
				gappy = append(gappy, p)
			}
		}
		a, b := mustForecast(t, full, 6), mustForecast(t, gappy, 6)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("with gaps %+v\nwith zeros %+v", b, a)
		}
	})
	t.Run("two points a year apart", func(t *testing.T) {
		h := []MonthPoint{{fcStart, 1e6}, {fcStart.AddDate(0, 11, 0), 1e6}}
		f := mustForecast(t, h, 1)
		if f.Method != MethodHolt {
			t.Errorf("method %q, want holt over 12 filled months", f.Method)
		}
	})
}

// TestForecastNormalisesHistory: order, several points in a month and dates
// inside the month do not matter.
func TestForecastNormalisesHistory(t *testing.T) {
	base := monthly(26, func(t int) float64 { return 7e5 + 3e4*float64(t%12) })
	var messy []MonthPoint
	for i := len(base) - 1; i >= 0; i-- {
		p := base[i]
		half := p.Amount / 2
		messy = append(messy,
			MonthPoint{Month: p.Month.AddDate(0, 0, 14).Add(15 * time.Hour), Amount: half},
			MonthPoint{Month: p.Month.AddDate(0, 0, 27), Amount: p.Amount - half})
	}
	a, b := mustForecast(t, base, 12), mustForecast(t, messy, 12)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("messy %+v\nclean %+v", b, a)
	}
	if _, err := ForecastRevenue([]MonthPoint{{fcStart, math.MaxInt64}, {fcStart, 1}}, 3); !errors.Is(err, ErrOverflow) {
		t.Errorf("overflowing month: err = %v, want ErrOverflow", err)
	}
}

// TestForecastLongHistory: only the latest 240 months count, so a stray
// ancient date neither costs time nor changes the answer.
func TestForecastLongHistory(t *testing.T) {
	h := monthly(36, func(t int) float64 { return 1e6 + fcSeasonal[t%12] })
	stray := append([]MonthPoint{{Month: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), Amount: 5e9}}, h...)
	f := mustForecast(t, stray, 3)
	// 240 months: 204 zeros then the 36: the stray value is outside.
	padded := append(monthly(204, func(int) float64 { return 0 }), monthly(36, func(t int) float64 { return 1e6 + fcSeasonal[t%12] })...)
	for i := range padded {
		padded[i].Month = fcStart.AddDate(0, i-204, 0)
	}
	if p := mustForecast(t, padded, 3); !reflect.DeepEqual(p, f) {
		t.Errorf("with a stray year-1 point %+v\nwant %+v", f, p)
	}
}

// TestForecastExtremes: a single huge month and huge amounts give finite,
// non-negative Money.
func TestForecastExtremes(t *testing.T) {
	tests := []struct {
		name string
		h    []MonthPoint
	}{
		{"one month of 10^13 roubles", monthly(36, func(t int) float64 {
			if t == 30 {
				return 1e15
			}
			return 1e6
		})},
		{"last month near MaxInt64", monthly(24, func(t int) float64 {
			if t == 23 {
				return math.MaxInt64 / 2
			}
			return 1e6
		})},
		{"all near MaxInt64", monthly(30, func(t int) float64 { return math.MaxInt64/2 + 1e17*float64(t%3) })},
		{"negative months (credit notes)", monthly(24, func(t int) float64 { return -1e5 + 3e4*float64(t%4) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustForecast(t, tt.h, 24)
			if f.MAPEBP < -1 {
				t.Errorf("MAPEBP = %d", f.MAPEBP)
			}
		})
	}
}

// TestForecastClampsAtZero: a falling line reaches zero and stays there.
func TestForecastClampsAtZero(t *testing.T) {
	h := monthly(12, func(t int) float64 { return 1_000_000 - 80_000*float64(t) }) // 1 000 000 … 120 000
	f := mustForecast(t, h, 6)
	want := []Money{40_000, 0, 0, 0, 0, 0}
	for i, p := range f.Points {
		if p.Amount != want[i] {
			t.Errorf("month +%d = %d, want %d", i+1, p.Amount, want[i])
		}
		if f.Low[i] != 0 && i > 0 {
			t.Errorf("month +%d low = %d, want 0", i+1, f.Low[i])
		}
	}
}

func TestForecastDeterministic(t *testing.T) {
	nz := noise(0.1)
	h := monthly(60, func(t int) float64 { return (2e6 + 1e4*float64(t) + 3*fcSeasonal[t%12]) * nz() })
	first := mustForecast(t, h, 24)
	for range 5 {
		if again := mustForecast(t, h, 24); !reflect.DeepEqual(again, first) {
			t.Fatalf("second run differs:\n%+v\n%+v", again, first)
		}
	}
	m1, ok1 := BacktestMAPE(h, 12)
	m2, ok2 := BacktestMAPE(h, 12)
	if m1 != m2 || ok1 != ok2 || m1 != first.MAPEBP {
		t.Errorf("BacktestMAPE %d/%v then %d/%v, Forecast.MAPEBP %d", m1, ok1, m2, ok2, first.MAPEBP)
	}
}

// TestBacktestMAPE: on an exact line every one-step forecast is exact, so the
// error comes only from the months changed by hand.
func TestBacktestMAPE(t *testing.T) {
	line := func(n int, edit map[int]Money) []MonthPoint {
		h := monthly(n, func(t int) float64 { return 1_000_000 + 10_000*float64(t) })
		for i, a := range edit {
			h[i].Amount = a
		}
		return h
	}
	tests := []struct {
		name   string
		h      []MonthPoint
		months int
		want   int64
		ok     bool
	}{
		{"exact line", line(36, nil), 12, 0, true},
		{"last month above", line(25, map[int]Money{24: 1_550_000}), 1, 2000, true},                // forecast 1 240 000: 310 000 / 1 550 000
		{"last month below", line(25, map[int]Money{24: 1_000_000}), 1, 2400, true},                // 240 000 / 1 000 000
		{"mean of 0 and 20 %", line(25, map[int]Money{24: 1_550_000}), 2, 1000, true},              // month 23 from Holt on 23 months: exact
		{"zero actual skipped", line(25, map[int]Money{24: 0}), 2, 0, true},                        // only month 23 counts
		{"only zero actuals", line(25, map[int]Money{24: 0}), 1, 0, false},                         // nothing to average
		{"tiny actual capped", line(25, map[int]Money{24: 1}), 1, apeCapBP, true},                  // 1 kopeck vs 1 240 000
		{"negative actual skipped", line(25, map[int]Money{24: -5_000}), 2, 0, true},               // a credit-note month
		{"too short for the window", line(23, nil), 12, 0, false},                                  // needs 12 + 12
		{"just long enough", line(24, nil), 12, 0, true},                                           //
		{"no window", line(36, nil), 0, 0, false},                                                  //
		{"negative window", line(36, nil), -3, 0, false},                                           //
		{"empty history", nil, 12, 0, false},                                                       //
		{"overflowing month", []MonthPoint{{fcStart, math.MaxInt64}, {fcStart, 1}}, 1, 0, false},   //
		{"window of 24 months", line(48, map[int]Money{47: 1_225_000}), 24, 83, true},              // forecast 1 470 000: 2000 bp / 24 = 83.3
		{"window of 24 months, rounding up", line(48, map[int]Money{47: 1_400_000}), 24, 21, true}, // 500 bp / 24 = 20.8
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := BacktestMAPE(tt.h, tt.months)
			if got != tt.want || ok != tt.ok {
				t.Errorf("BacktestMAPE = %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCombineWithPipeline(t *testing.T) {
	m := func(k int) time.Time { return time.Date(2025, time.Month(k), 1, 0, 0, 0, 0, time.UTC) }
	f := Forecast{Points: []MonthPoint{{m(1), 100}, {m(2), 200}, {m(3), 300}, {m(4), 400}}}
	tests := []struct {
		name     string
		weighted []MonthPoint
		want     []Money
	}{
		{"no pipeline", nil, []Money{100, 200, 300, 400}},
		{"pipeline below the forecast", []MonthPoint{{m(1), 50}, {m(2), 199}}, []Money{100, 200, 300, 400}},
		{"pipeline above in some months", []MonthPoint{{m(1), 150}, {m(3), 301}}, []Money{150, 200, 301, 400}},
		{"points of a month are added", []MonthPoint{{m(2), 150}, {m(2).AddDate(0, 0, 20), 100}}, []Money{100, 250, 300, 400}},
		{"outside the forecast ignored", []MonthPoint{{m(0), 1e6}, {m(5), 1e6}}, []Money{100, 200, 300, 400}},
		{"overflow saturates", []MonthPoint{{m(4), math.MaxInt64}, {m(4), 5}}, []Money{100, 200, 300, math.MaxInt64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CombineWithPipeline(f, tt.weighted)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d months, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i].Amount != tt.want[i] || !got[i].Month.Equal(f.Points[i].Month) {
					t.Errorf("month %d = %v %d, want %v %d", i, got[i].Month, got[i].Amount, f.Points[i].Month, tt.want[i])
				}
			}
		})
	}
	if f.Points[0].Amount != 100 {
		t.Errorf("CombineWithPipeline changed its input")
	}
}

func benchmarkForecast(b *testing.B, n int) {
	nz := noise(0.05)
	h := monthly(n, func(t int) float64 { return (5e7 + 2e5*float64(t) + 40*fcSeasonal[t%12]) * nz() })
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ForecastRevenue(h, 12); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkForecastRevenue: the budget is 50 ms per forecast
// (including its 12-month backtest).
func BenchmarkForecastRevenue(b *testing.B) {
	b.Run("36 months", func(b *testing.B) { benchmarkForecast(b, 36) })
	b.Run("120 months", func(b *testing.B) { benchmarkForecast(b, 120) })
}
