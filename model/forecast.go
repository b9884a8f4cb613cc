package model

import (
	"errors"
	"math"
	"time"
)

// Revenue forecast: exponential smoothing over monthly history, as pure
// functions (no clock, no I/O).
//
// Money rule. Inputs and outputs are Money; float64 is used only inside the
// fitting, which is a statistical estimate. An estimate becomes Money by
// rounding to the nearest minor unit, a half away from zero (the rule of
// RoundDiv), and clamping to [0, MaxInt64]: revenue is never forecast
// negative, and NaN (which finite inputs do not produce) becomes 0.
//
// History. The caller passes whatever months it has, in any order; each
// point counts for the calendar month of its Month (in Month's own location,
// so UTC midnight dates from the database mean their UTC month). Points of
// the same month are added together, and a month missing between the first
// and the last point is a month without sales (zero): a gap is filled here,
// never skipped, because skipping it would shift the seasons. The history
// ends with its last point and the forecast starts the month after it, so a
// caller whose recent months had no sales passes them with Amount 0. Only the
// latest MaxForecastHistory months are used.
//
// Method, by the number n of months from the first to the last point:
//   - n ≥ 24: additive Holt–Winters with a season of 12 months
//     (Method "holt-winters", Season 12);
//   - 12 ≤ n < 24: Holt's linear trend, no seasonality ("holt", Season 0);
//   - n < 12: ErrTooLittleHistory, never a number.
//
// Both are written in the error-correction form (ETS(A,A,A) and ETS(A,A,N),
// Hyndman et al., "Forecasting with Exponential Smoothing", 2008): with the
// one-step error e = y − (level + trend + season),
//
//	level  += trend + α·e
//	trend  += β·e
//	season += γ·e   (the season of the month just observed)
//
// and the forecast h months ahead is level + h·trend + season of that month.
//
// Initial state, from the data only (deterministic):
//   - Holt–Winters: M1 and M2 are the means of the first and the second
//     twelve months; the trend is (M2 − M1)/12; a month's season is the mean
//     of its two deviations from the line through M1 and M2 (centred on each
//     year's middle), and the level is that line one month before the first
//     point. A series that is exactly line + fixed 12-month pattern is thus
//     reproduced without error.
//   - Holt: the least-squares line through the first 12 months.
//
// Parameters: a grid search minimising the sum of squared one-step-ahead
// errors over the whole history, visiting
//
//	α ∈ {0.05, 0.1, 0.2, …, 0.9}
//	β = α·β*, β* ∈ {0, 0.05, 0.1, 0.2, 0.4}
//	γ ∈ {0, 0.05, 0.1, 0.2, 0.3} with γ ≤ 1 − α (Holt–Winters only)
//
// in that order (α outermost); only a strictly smaller error replaces the
// best so far, so ties go to the smoother parameters and the result is
// deterministic.
//
// Interval: Low and High are the forecast ∓ 1.2816·σₕ (80 % under normal
// errors), with σₕ² = σ²·(1 + Σ_{j=1..h−1} (α + β·j + γ·[j mod 12 = 0])²),
// the variance of the h-step error of this model. σ is the root mean square
// of the 12 backtest one-step errors (see BacktestMAPE) when there are at
// least 24 months, otherwise the root mean square of the one-step errors of
// the fit itself. Low and High are clamped at 0 like the forecast.

// ErrTooLittleHistory: fewer than 12 months of history, too little for any
// forecast worth showing. The UI shows MsgTooLittleHistory.
var ErrTooLittleHistory = errors.New("too little history for a forecast")

// Message keys of the forecast (translation keys, see ValidationError).
const (
	MsgTooLittleHistory = "forecast.too_little_history" // ErrTooLittleHistory
	MsgForecastHorizon  = "valid.forecast_horizon"      // horizon not in 1..MaxForecastHorizon
)

// Limits of the forecast.
const (
	MaxForecastHorizon = 24  // months ahead ForecastRevenue accepts
	MinForecastHistory = 12  // months needed for any forecast (Holt)
	SeasonalHistory    = 24  // months needed for Holt–Winters (two seasons)
	MaxForecastHistory = 240 // months used at most: the latest 20 years
	ForecastSeason     = 12  // the season of Holt–Winters, months
	BacktestMonths     = 12  // months ForecastRevenue backtests for MAPEBP
)

// Forecast methods.
const (
	MethodHoltWinters = "holt-winters"
	MethodHolt        = "holt"
)

// MonthPoint is one month's amount: Month is the first day of the month,
// UTC midnight.
type MonthPoint struct {
	Month  time.Time
	Amount Money
}

// Forecast is ForecastRevenue's answer.
type Forecast struct {
	Method string       // MethodHoltWinters or MethodHolt
	Points []MonthPoint // the next horizon months after the history
	// Low and High bound each point (same index): an 80 % interval.
	Low, High []Money
	// MAPEBP is the backtest error over the last 12 months in basis points
	// (BacktestMAPE(history, 12)); -1 when it could not be computed.
	MAPEBP int64
	Season int // 12 for Holt–Winters, 0 without seasonality
}

// forecastZ80 is the two-sided 80 % quantile of the normal distribution.
const forecastZ80 = 1.2816

// apeCapBP caps one month's absolute percentage error (10^6 %), so a month
// with a tiny actual cannot overflow the mean.
const apeCapBP = 100_000_000

var (
	gridAlpha     = []float64{0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}
	gridBetaShare = []float64{0, 0.05, 0.1, 0.2, 0.4}
	gridGamma     = []float64{0, 0.05, 0.1, 0.2, 0.3}
	noGamma       = []float64{0}
)

// ForecastRevenue forecasts the horizon (1..MaxForecastHorizon) months after
// the history; see the comment at the top of this file for the method, the
// handling of gaps and the rounding. It returns a *ValidationError (field
// "horizon", MsgForecastHorizon) for a horizon out of range,
// ErrTooLittleHistory for fewer than 12 months and ErrOverflow when one
// month's points add up beyond int64.
func ForecastRevenue(history []MonthPoint, horizon int) (Forecast, error) {
	if horizon < 1 || horizon > MaxForecastHorizon {
		return Forecast{}, &ValidationError{Field: "horizon", Msg: MsgForecastHorizon}
	}
	start, vals, err := monthlySeries(history)
	if err != nil {
		return Forecast{}, err
	}
	if len(vals) < MinForecastHistory {
		return Forecast{}, ErrTooLittleHistory
	}
	y := toFloats(vals)
	m := fitSmoothing(y)
	f := Forecast{Method: MethodHolt, MAPEBP: -1}
	if m.season > 0 {
		f.Method, f.Season = MethodHoltWinters, m.season
	}
	sigma := math.Sqrt(m.sse / float64(len(y)))
	if errs, mape, ok := backtest(vals, y, BacktestMonths); errs != nil {
		var ss float64
		for _, e := range errs {
			ss += e * e
		}
		sigma = math.Sqrt(ss / float64(len(errs)))
		if ok {
			f.MAPEBP = mape
		}
	}
	n := len(y)
	var acc float64 // Σ_{j<h} (α + β·j + γ·[j mod m = 0])²
	for h := 1; h <= horizon; h++ {
		p := m.predict(h)
		sd := sigma * math.Sqrt(1+acc)
		f.Points = append(f.Points, MonthPoint{Month: start.AddDate(0, n+h-1, 0), Amount: floatMoney(p)})
		f.Low = append(f.Low, floatMoney(p-forecastZ80*sd))
		f.High = append(f.High, floatMoney(p+forecastZ80*sd))
		c := m.alpha + m.beta*float64(h)
		if m.season > 0 && h%m.season == 0 {
			c += m.gamma
		}
		acc += c * c
	}
	return f, nil
}

// BacktestMAPE measures how ForecastRevenue would have done: for each of the
// last months months it forecasts one month ahead from the history before
// that month alone (with the method ForecastRevenue picks for that much
// history) and compares with the actual. The result is the mean absolute
// percentage error over the months whose actual is > 0, in basis points:
// each month's |actual − forecast| × 10000 / actual is rounded by RoundDiv
// (and capped at 10^8, i.e. 1,000,000 %), and their mean is rounded by
// RoundDiv. ok is false when months < 1, when the history (see
// ForecastRevenue) is shorter than months + 12 months, or when no month of
// the window has an actual > 0.
func BacktestMAPE(history []MonthPoint, months int) (int64, bool) {
	_, vals, err := monthlySeries(history)
	if err != nil {
		return 0, false
	}
	_, mape, ok := backtest(vals, toFloats(vals), months)
	return mape, ok
}

// CombineWithPipeline joins the statistical forecast with the weighted
// pipeline (amount × probability by expected close month): for each month of
// f.Points the combined figure is the larger of the forecast and the weighted
// pipeline expected to close that month (its points of the same calendar
// month added together); a month without pipeline keeps the forecast.
//
// Why not the sum: the history the forecast is fitted on already contains
// the revenue that came through deals, so the forecast already counts the
// usual conversion of the pipeline, and adding the pipeline would count it
// twice. Why the larger: the weighted pipeline is revenue already in
// progress; when it alone exceeds the baseline the baseline is too low (a
// big deal is closing), and the pipeline is the better floor. Beyond the
// pipeline's horizon the forecast is all there is. Pipeline points outside
// the forecast's months are ignored; the result has exactly f's months.
func CombineWithPipeline(f Forecast, weighted []MonthPoint) []MonthPoint {
	pipe := map[int]Money{}
	for _, w := range weighted {
		k := monthIndex(w.Month)
		s, ok := addInt64(int64(pipe[k]), int64(w.Amount))
		if !ok {
			s = math.MaxInt64
		}
		pipe[k] = Money(s)
	}
	out := make([]MonthPoint, len(f.Points))
	for i, p := range f.Points {
		out[i] = p
		if w := pipe[monthIndex(p.Month)]; w > p.Amount {
			out[i].Amount = w
		}
	}
	return out
}

// monthIndex numbers calendar months: year×12 + month−1, in t's location.
func monthIndex(t time.Time) int {
	return t.Year()*12 + int(t.Month()) - 1
}

// monthlySeries turns history into consecutive months from the first point
// to the last (gaps are zero, a month's points are summed), keeping at most
// the latest MaxForecastHistory months; start is the first month's first day,
// UTC. It returns ErrTooLittleHistory for an empty history and ErrOverflow
// when a month's sum leaves int64.
func monthlySeries(history []MonthPoint) (start time.Time, vals []Money, err error) {
	if len(history) == 0 {
		return time.Time{}, nil, ErrTooLittleHistory
	}
	idx := make([]int, len(history))
	first, last := math.MaxInt, math.MinInt
	for i, p := range history {
		idx[i] = monthIndex(p.Month)
		first, last = min(first, idx[i]), max(last, idx[i])
	}
	first = max(first, last-MaxForecastHistory+1)
	vals = make([]Money, last-first+1)
	for i, p := range history {
		if idx[i] < first {
			continue
		}
		s, ok := addInt64(int64(vals[idx[i]-first]), int64(p.Amount))
		if !ok {
			return time.Time{}, nil, ErrOverflow
		}
		vals[idx[i]-first] = Money(s)
	}
	start = time.Date(first/12, time.Month(first%12+1), 1, 0, 0, 0, 0, time.UTC)
	return start, vals, nil
}

func toFloats(vals []Money) []float64 {
	y := make([]float64, len(vals))
	for i, v := range vals {
		y[i] = float64(v)
	}
	return y
}

// floatMoney is the money rule of the forecast: round half away from zero,
// clamp to [0, MaxInt64], NaN → 0.
func floatMoney(x float64) Money {
	switch {
	case math.IsNaN(x) || x <= 0:
		return 0
	case x >= math.MaxInt64: // 2^63 as a float64
		return math.MaxInt64
	}
	return Money(math.Round(x))
}

// backtest forecasts each of the last months months one step ahead from the
// months before it. errs are actual − forecast (nil when the history is
// shorter than months + MinForecastHistory); mape and ok as BacktestMAPE.
func backtest(vals []Money, y []float64, months int) (errs []float64, mape int64, ok bool) {
	n := len(vals)
	if months < 1 || n < months+MinForecastHistory {
		return nil, 0, false
	}
	var sum, count int64
	for t := n - months; t < n; t++ {
		m := fitSmoothing(y[:t])
		f := floatMoney(m.predict(1))
		a := vals[t]
		errs = append(errs, float64(a)-float64(f))
		if a <= 0 {
			continue
		}
		diff := int64(a) - int64(f) // a > 0 and f ≥ 0: no overflow
		ape, fits := MulDivRound(int64(uabs(diff)), 10000, int64(a))
		if !fits || ape > apeCapBP {
			ape = apeCapBP
		}
		sum += ape
		count++
	}
	if count == 0 {
		return errs, 0, false
	}
	return errs, RoundDiv(sum, count), true
}

// smoothing is a fitted model: its parameters, the state after the last
// month, and the sum of squared one-step errors of the fit.
type smoothing struct {
	alpha, beta, gamma float64
	season             int // 0 = Holt
	n                  int // months fitted
	level, trend       float64
	seasons            [ForecastSeason]float64 // by month number t mod 12
	sse                float64
}

// predict is the forecast h ≥ 1 months after the last fitted month, unclamped.
func (m *smoothing) predict(h int) float64 {
	p := m.level + float64(h)*m.trend
	if m.season > 0 {
		p += m.seasons[(m.n+h-1)%m.season]
	}
	return p
}

// fitSmoothing picks the method by len(y) ≥ MinForecastHistory and the
// parameters by the grid search (see the top of the file).
func fitSmoothing(y []float64) smoothing {
	init := initHolt(y)
	gammas := noGamma
	if len(y) >= SeasonalHistory {
		init = initHoltWinters(y)
		gammas = gridGamma
	}
	best := init
	best.sse = math.Inf(1)
	found := false
	for _, a := range gridAlpha {
		for _, bs := range gridBetaShare {
			for _, g := range gammas {
				if g > 1-a {
					continue
				}
				m := init
				m.alpha, m.beta, m.gamma = a, a*bs, g
				m.run(y)
				if !found || m.sse < best.sse {
					best, found = m, true
				}
			}
		}
	}
	return best
}

// run applies the smoothing equations to y from the initial state.
func (m *smoothing) run(y []float64) {
	l, b, s := m.level, m.trend, m.seasons
	var sse float64
	si := 0
	for _, v := range y {
		e := v - (l + b + s[si])
		sse += e * e
		l += b + m.alpha*e
		b += m.beta * e
		if m.season > 0 {
			s[si] += m.gamma * e
			if si++; si == m.season {
				si = 0
			}
		}
	}
	m.level, m.trend, m.seasons, m.sse, m.n = l, b, s, sse, len(y)
}

// initHolt is the least-squares line through the first 12 months: the level
// one month before the first, and the slope.
func initHolt(y []float64) smoothing {
	k := min(len(y), MinForecastHistory)
	tm := float64(k-1) / 2
	var ym float64
	for _, v := range y[:k] {
		ym += v
	}
	ym /= float64(k)
	var num, den float64
	for t, v := range y[:k] {
		num += (float64(t) - tm) * (v - ym)
		den += (float64(t) - tm) * (float64(t) - tm)
	}
	var b float64
	if den > 0 {
		b = num / den
	}
	return smoothing{level: ym - (tm+1)*b, trend: b}
}

// initHoltWinters is the classical decomposition of the first two seasons.
func initHoltWinters(y []float64) smoothing {
	const m = ForecastSeason
	var m1, m2 float64
	for i := range m {
		m1 += y[i]
		m2 += y[m+i]
	}
	m1, m2 = m1/m, m2/m
	b := (m2 - m1) / m
	mid := float64(m-1) / 2
	s := smoothing{season: m, trend: b, level: m1 - (mid+1)*b}
	for i := range m {
		d := float64(i) - mid
		s.seasons[i] = ((y[i] - m1 - b*d) + (y[m+i] - m2 - b*d)) / 2
	}
	return s
}
