package dashreport

import (
	"bytes"
	"fmt"
	"time"

	"sdelka/model"
	"sdelka/reports/charts"
)

// forecastHistoryShown is how many months of history the forecast chart
// and table show before the forecast: enough to see a season.
const (
	forecastChartHistory = 24
	forecastTableHistory = 12
)

// ForecastChart draws the revenue forecast: the recent history as a line,
// the forecast dashed with its 80 % interval shaded, both starting at the
// last month of history so the lines join, and the forecast combined with
// the weighted pipeline. When v.Err is set (too little history) the image
// shows the history alone under the translated message as its title, and
// no forecast; o.Title is otherwise the caller's. The error is the
// renderer's.
func ForecastChart(tr model.Tr, v model.ForecastView, o charts.Options) ([]byte, error) {
	f := newFmt(tr, "")
	if o.Lang == "" {
		o.Lang = tr.Code()
	}
	if o.Money == nil {
		o.Money = f.whole
	}
	hist := v.History[max(0, len(v.History)-forecastChartHistory):]
	var x []string
	var hv []model.Money
	for _, p := range hist {
		x = append(x, f.month(model.MonthOf(p.Month)))
		hv = append(hv, p.Amount)
	}
	series := []charts.MoneySeries{{Name: tr.T("fc.history"), Values: hv}}
	if v.Err != "" || len(v.Forecast.Points) == 0 {
		msg := v.Err
		if msg == "" {
			msg = model.MsgTooLittleHistory
		}
		o.Title = tr.T(msg)
	} else {
		start := len(hist)
		var fv, lo, hi, cv []model.Money
		if start > 0 {
			// The forecast begins at the last actual month, so the lines join.
			last := hist[start-1].Amount
			start--
			fv, lo, hi, cv = []model.Money{last}, []model.Money{last}, []model.Money{last}, []model.Money{last}
		}
		for i, p := range v.Forecast.Points {
			x = append(x, f.month(model.MonthOf(p.Month)))
			fv = append(fv, p.Amount)
			lo = append(lo, at(v.Forecast.Low, i, p.Amount))
			hi = append(hi, at(v.Forecast.High, i, p.Amount))
			cv = append(cv, combinedAt(v, p.Month, p.Amount))
		}
		// The combined line is the larger of the forecast and the weighted
		// pipeline, often equal to the forecast: drawn first, the dashed
		// forecast stays visible on top of it where they coincide.
		series = append(series,
			charts.MoneySeries{Name: tr.T("fc.combined"), Values: cv, Start: start},
			charts.MoneySeries{Name: tr.T("fc.forecast"), Values: fv, Start: start, Low: lo, High: hi, Dashed: true})
	}
	var buf bytes.Buffer
	if _, err := charts.Lines(&buf, o, x, series...); err != nil {
		return nil, fmt.Errorf("forecast chart: %w", err)
	}
	return buf.Bytes(), nil
}

// at is s[i], or def when s is shorter.
func at(s []model.Money, i int, def model.Money) model.Money {
	if i < len(s) {
		return s[i]
	}
	return def
}

// combinedAt is the combined forecast of the month, def when v has none.
func combinedAt(v model.ForecastView, month time.Time, def model.Money) model.Money {
	for _, c := range v.Combined {
		if model.MonthOf(c.Month) == model.MonthOf(month) {
			return c.Amount
		}
	}
	return def
}

// pipelineAt is the weighted pipeline of the month (0 when none).
func pipelineAt(v model.ForecastView, month time.Time) model.Money {
	var s model.Money
	for _, p := range v.Pipeline {
		if model.MonthOf(p.Month) == model.MonthOf(month) {
			s += p.Amount
		}
	}
	return s
}

// ForecastSummary is the lines that say how far to trust the forecast:
// the method and the backtest error (MAPE over the last 12 months), or
// the translated reason there is no forecast.
func ForecastSummary(tr model.Tr, v model.ForecastView) []string {
	if v.Err != "" || len(v.Forecast.Points) == 0 {
		msg := v.Err
		if msg == "" {
			msg = model.MsgTooLittleHistory
		}
		return []string{tr.T(msg)}
	}
	f := newFmt(tr, "")
	method := tr.T("fc.method_holt")
	if v.Forecast.Method == model.MethodHoltWinters {
		method = tr.T("fc.method_hw")
	}
	mape := tr.T("fc.mape_none")
	if v.Forecast.MAPEBP >= 0 {
		mape = tr.T("fc.mape", f.pct(v.Forecast.MAPEBP))
	}
	return []string{tr.T("fc.method", method), mape}
}

// ForecastTable is the forecast as text, amounts in currency: the last
// twelve months of history (actual only), then each forecast month with
// its forecast, the 80 % interval, the weighted pipeline and the
// combination. When v.Err is set the history is followed by one row with
// the translated message and no forecast numbers.
func ForecastTable(tr model.Tr, v model.ForecastView, currency string) (header []string, rows [][]string) {
	f := newFmt(tr, currency)
	header = []string{tr.T("dash.col.month"), f.withCur("fc.history"), f.withCur("fc.forecast"),
		f.withCur("fc.low"), f.withCur("fc.high"), f.withCur("fc.pipeline"), f.withCur("fc.combined")}
	for _, p := range v.History[max(0, len(v.History)-forecastTableHistory):] {
		rows = append(rows, []string{f.month(model.MonthOf(p.Month)), f.money(p.Amount), "", "", "", "", ""})
	}
	if v.Err != "" || len(v.Forecast.Points) == 0 {
		msg := v.Err
		if msg == "" {
			msg = model.MsgTooLittleHistory
		}
		rows = append(rows, []string{tr.T(msg), "", "", "", "", "", ""})
		return header, rows
	}
	for i, p := range v.Forecast.Points {
		rows = append(rows, []string{f.month(model.MonthOf(p.Month)), "", f.money(p.Amount),
			f.money(at(v.Forecast.Low, i, p.Amount)), f.money(at(v.Forecast.High, i, p.Amount)),
			f.money(pipelineAt(v, p.Month)), f.money(combinedAt(v, p.Month, p.Amount))})
	}
	return header, rows
}
