package repo

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sdelka/model"
)

// Drill-downs, the forecast and customer analysis.

const drillDefaultLimit = 1000

// Drill implements model.AnalyticsService.
func (ss *Session) Drill(ctx context.Context, r model.DrillRequest) ([]model.DrillRow, error) {
	u, err := ss.reader(ctx, model.EntityAnalytics)
	if err != nil {
		return nil, fmt.Errorf("drill: %w", err)
	}
	today := localToday(ss.s.now())
	f, err := analyticsScope(u, r.Filter, today)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 {
		limit = drillDefaultLimit
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	names, err := userNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	var rows []model.DrillRow
	switch r.Kind {
	case model.DrillRevenueMonth:
		m, err := model.ParseMonth(r.Key)
		if err != nil {
			return nil, err
		}
		f.From, f.To = m, m
		rows, err = drillDocs(ctx, tx, f, "", "", limit, names)
		if err != nil {
			return nil, err
		}
	case model.DrillSeller, model.DrillPlan:
		rows, err = drillDocs(ctx, tx, f, "coalesce(d.owner_id, '')", r.Key, limit, names)
	case model.DrillRegion:
		rows, err = drillDocs(ctx, tx, f, "coalesce(c.region_code, '')", r.Key, limit, names)
	case model.DrillSegment:
		rows, err = drillDocs(ctx, tx, f, "c.segment", r.Key, limit, names)
	case model.DrillGroup:
		rows, err = drillDocs(ctx, tx, f, "coalesce(c.group_id, '')", r.Key, limit, names)
	case model.DrillChannel:
		rows, err = drillDocs(ctx, tx, f, "d.channel", r.Key, limit, names)
	case model.DrillCustomer:
		rows, err = drillDocs(ctx, tx, f, "d.customer_id", r.Key, limit, names)
	case model.DrillStage, model.DrillLostReason, model.DrillPipeline:
		rows, err = drillDeals(ctx, tx, f, r.Kind, r.Key, limit, names)
	case model.DrillAgeing:
		rows, err = drillAgeing(ctx, tx, f, r.Key, today, limit, names)
	case model.DrillLeadSource:
		rows, err = drillLeads(ctx, tx, f, r.Key, limit, names)
	default:
		return nil, &model.ValidationError{Field: "kind", Msg: "valid.drill_kind"}
	}
	if err != nil {
		return nil, fmt.Errorf("drill %s %q: %w", r.Kind, r.Key, err)
	}
	return rows, nil
}

// drillDocs lists the revenue documents of the filter's period (and col =
// key when col is set), newest first.
func drillDocs(ctx context.Context, tx *sql.Tx, f model.DashFilter, col, key string, limit int, names map[string]string) ([]model.DrillRow, error) {
	cond, args := "", []any{f.From.First().Format(time.DateOnly), f.To.Add(1).First().Format(time.DateOnly)}
	add := func(c string, v any) {
		cond += " AND " + c + " = ?"
		args = append(args, v)
	}
	if f.OwnerID != "" {
		add("coalesce(d.owner_id, '')", f.OwnerID)
	}
	if f.Channel != "" {
		add("d.channel", string(f.Channel))
	}
	if f.RegionCode != "" {
		add("coalesce(c.region_code, '')", f.RegionCode)
	}
	if f.Segment != "" {
		add("c.segment", f.Segment)
	}
	if f.GroupID != "" {
		add("coalesce(c.group_id, '')", f.GroupID)
	}
	if col != "" {
		add(col, key)
	}
	args = append(args, limit)
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.doc_date, coalesce(d.number, ''), coalesce(nullif(c.short_name, ''), c.name),
			coalesce(d.owner_id, ''), d.kind, d.status, `+toBaseSQL("d", "d.net")+`
		FROM documents d INDEXED BY documents_revenue JOIN customers c ON c.id = d.customer_id
		WHERE d.kind IN ('invoice', 'credit_note') AND d.status IN ('posted', 'shipped') AND d.deleted_at IS NULL
		  AND d.doc_date >= ? AND d.doc_date < ?`+cond+`
		ORDER BY d.doc_date DESC, d.num DESC LIMIT ?`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.DrillRow
	for rows.Next() {
		var r model.DrillRow
		var date, owner, kind, status string
		if err := rows.Scan(&r.ID, &date, &r.Number, &r.Customer, &owner, &kind, &status, &r.Amount); err != nil {
			return nil, err
		}
		r.Entity, r.Date, r.Owner, r.Status = model.EntityDocument, parseDateOnly(date), names[owner], kind+"."+status
		out = append(out, r)
	}
	return out, rows.Err()
}

// drillDeals lists the deals behind a funnel stage (entered in the period),
// a lost reason (lost in the period) or a pipeline month (open, expected to
// close then; "" = no date).
func drillDeals(ctx context.Context, tx *sql.Tx, f model.DashFilter, kind model.DrillKind, key string, limit int,
	names map[string]string) ([]model.DrillRow, error) {
	from, to := ts(f.From.First()), ts(f.To.Add(1).First())
	cond, args := "", []any{}
	if f.OwnerID != "" {
		cond += " AND dl.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	dims, dargs := dealDimsWhere(f)
	cond += dims
	args = append(args, dargs...)
	var q string
	var qargs []any
	switch kind {
	case model.DrillStage:
		q = `SELECT dl.id, max(h.at), dl.title, dl.customer_name, dl.owner_id, st.name, dl.amount_base
			FROM deal_stage_history h JOIN deals dl ON dl.id = h.deal_id JOIN pipeline_stages st ON st.id = dl.stage_id
			WHERE h.to_stage_id = ? AND h.at >= ? AND h.at < ? AND dl.deleted_at IS NULL` + cond + `
			GROUP BY dl.id ORDER BY max(h.at) DESC LIMIT ?`
		qargs = append(append([]any{key, from, to}, args...), limit)
	case model.DrillLostReason:
		q = `SELECT dl.id, dl.closed_at, dl.title, dl.customer_name, dl.owner_id, st.name, dl.amount_base
			FROM deals dl JOIN pipeline_stages st ON st.id = dl.stage_id
			WHERE dl.status = 'lost' AND dl.lost_reason = ? AND dl.closed_at >= ? AND dl.closed_at < ? AND dl.deleted_at IS NULL` + cond + `
			ORDER BY dl.closed_at DESC LIMIT ?`
		qargs = append(append([]any{key, from, to}, args...), limit)
	default:
		monthCond := "dl.expected_close IS NULL"
		var margs []any
		if key != "" {
			m, err := model.ParseMonth(key)
			if err != nil {
				return nil, err
			}
			monthCond = "dl.expected_close >= ? AND dl.expected_close < ?"
			margs = []any{dateOnly(m.First()), dateOnly(m.Add(1).First())}
		}
		q = `SELECT dl.id, coalesce(dl.expected_close, dl.updated_at), dl.title, dl.customer_name, dl.owner_id, st.name, dl.amount_base
			FROM deals dl JOIN pipeline_stages st ON st.id = dl.stage_id
			WHERE dl.status = 'open' AND ` + monthCond + ` AND dl.deleted_at IS NULL` + cond + `
			ORDER BY dl.amount_base DESC LIMIT ?`
		qargs = append(append(margs, args...), limit)
	}
	rows, err := tx.QueryContext(ctx, q, qargs...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.DrillRow
	for rows.Next() {
		var r model.DrillRow
		var at, owner string
		if err := rows.Scan(&r.ID, &at, &r.Number, &r.Customer, &owner, &r.Status, &r.Amount); err != nil {
			return nil, err
		}
		r.Entity, r.Owner, r.Date = model.EntityDeal, names[owner], parseAnyDate(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// parseAnyDate reads a stored date or timestamp.
func parseAnyDate(s string) time.Time {
	if len(s) == len(time.DateOnly) {
		return parseDateOnly(s)
	}
	return parseTS(sql.NullString{String: s, Valid: s != ""})
}

// drillAgeing lists the open invoices of an ageing bucket, most overdue
// first.
func drillAgeing(ctx context.Context, tx *sql.Tx, f model.DashFilter, key string, today time.Time, limit int,
	names map[string]string) ([]model.DrillRow, error) {
	bucket := -1
	for i, b := range model.AgeingBuckets {
		if b.Key == key {
			bucket = i
		}
	}
	if bucket < 0 {
		return nil, &model.ValidationError{Field: "key", Msg: "valid.drill_kind"}
	}
	cond, args := "", []any{}
	if f.OwnerID != "" {
		cond += " AND d.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	dims, dargs := customerDimsWhere(f, "d.customer_id")
	cond += dims
	args = append(args, dargs...)
	if f.Channel != "" {
		cond += " AND d.channel = ?"
		args = append(args, string(f.Channel))
	}
	rows, err := tx.QueryContext(ctx, `SELECT d.id, coalesce(d.due_date, d.doc_date), coalesce(d.number, ''), coalesce(nullif(c.short_name, ''), c.name),
			coalesce(d.owner_id, ''), `+toBaseSQL("d", "(d.gross + d.credited - d.paid)")+`
		FROM documents d INDEXED BY documents_ageing JOIN customers c ON c.id = d.customer_id
		WHERE d.kind = 'invoice' AND d.status = 'posted' AND d.gross + d.credited - d.paid > 0 AND d.deleted_at IS NULL`+cond+`
		ORDER BY coalesce(d.due_date, d.doc_date), d.num`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.DrillRow
	for rows.Next() {
		var r model.DrillRow
		var due, owner string
		if err := rows.Scan(&r.ID, &due, &r.Number, &r.Customer, &owner, &r.Amount); err != nil {
			return nil, err
		}
		r.Date = parseDateOnly(due)
		days := 0
		if !r.Date.IsZero() {
			days = int(today.Sub(r.Date).Hours() / 24)
		}
		if model.BucketOf(days) != bucket {
			continue
		}
		r.Entity, r.Owner, r.Status = model.EntityDocument, names[owner], "invoice.posted"
		if len(out) < limit {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// drillLeads lists the leads of the period from a source.
func drillLeads(ctx context.Context, tx *sql.Tx, f model.DashFilter, source string, limit int, names map[string]string) ([]model.DrillRow, error) {
	cond, args := "", []any{source, ts(f.From.First()), ts(f.To.Add(1).First())}
	if f.OwnerID != "" {
		cond += " AND l.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	args = append(args, limit)
	rows, err := tx.QueryContext(ctx, `SELECT l.id, l.created_at, CASE WHEN l.company <> '' AND l.name <> '' THEN l.company || ' — ' || l.name
			ELSE l.company || l.name END, coalesce(nullif(c.short_name, ''), c.name, ''), l.owner_id, l.status
		FROM leads l LEFT JOIN customers c ON c.id = l.customer_id
		WHERE l.source = ? AND l.created_at >= ? AND l.created_at < ? AND l.deleted_at IS NULL`+cond+`
		ORDER BY l.created_at DESC LIMIT ?`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.DrillRow
	for rows.Next() {
		var r model.DrillRow
		var at, owner, status string
		if err := rows.Scan(&r.ID, &at, &r.Number, &r.Customer, &owner, &status); err != nil {
			return nil, err
		}
		r.Entity, r.Date, r.Owner, r.Status = model.EntityLead, parseAnyDate(at), names[owner], "lead."+status
		out = append(out, r)
	}
	return out, rows.Err()
}

// revenueHistory is the revenue by month from the first month with sales to
// the month before the current one (the filter's dimensions, not its period).
func revenueHistory(ctx context.Context, tx *sql.Tx, f model.DashFilter, cur model.Month) ([]model.MonthPoint, error) {
	// With at most one of region, segment, group and channel, sales_dim
	// has the months ready (a row per month); otherwise the cube's rows
	// of the filter are summed.
	q := `SELECT month, net FROM sales_dim WHERE owner_id = ? AND dim = ? AND key = ? AND month < ? ORDER BY month`
	owner, dim, key, set := "*", "all", "", 0
	if f.OwnerID != "" {
		owner = f.OwnerID
	}
	for _, x := range []struct{ dim, v string }{{"region", f.RegionCode}, {"segment", f.Segment}, {"group", f.GroupID}, {"channel", string(f.Channel)}} {
		if x.v != "" {
			dim, key = x.dim, x.v
			set++
		}
	}
	args := []any{owner, dim, key, cur.String()}
	if set > 1 {
		var where string
		where, args = cubeWhere(f, "c")
		q = `SELECT c.month, sum(c.net) FROM sales_cube c WHERE c.month < ? AND ` + where + ` GROUP BY c.month ORDER BY c.month`
		args = append([]any{cur.String()}, args...)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.MonthPoint
	for rows.Next() {
		var month string
		var net model.Money
		if err := rows.Scan(&month, &net); err != nil {
			return nil, err
		}
		m, err := model.ParseMonth(month)
		if err != nil {
			continue
		}
		out = append(out, model.MonthPoint{Month: m.First(), Amount: net})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Months without sales up to the last complete month count as zeros.
	if len(out) > 0 {
		last := model.MonthOf(out[len(out)-1].Month)
		for m := last.Add(1); m.Before(cur); m = m.Add(1) {
			out = append(out, model.MonthPoint{Month: m.First()})
		}
	}
	return out, nil
}

// Forecast implements model.AnalyticsService.
func (ss *Session) Forecast(ctx context.Context, f model.DashFilter, horizon int) (model.ForecastView, error) {
	var v model.ForecastView
	u, err := ss.reader(ctx, model.EntityAnalytics)
	if err != nil {
		return v, fmt.Errorf("forecast: %w", err)
	}
	today := localToday(ss.s.now())
	if f, err = analyticsScope(u, f, today); err != nil {
		return v, err
	}
	if horizon < 1 || horizon > model.MaxForecastHorizon {
		return v, &model.ValidationError{Field: "horizon", Msg: model.MsgForecastHorizon}
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return v, mapErr(err)
	}
	defer tx.Rollback()
	cur := model.MonthOf(today)
	if v.History, err = revenueHistory(ctx, tx, f, cur); err != nil {
		return v, err
	}
	// The weighted pipeline over the horizon: deals expected before the
	// current month and still open are counted in the current month.
	d := model.Dashboard{Filter: f, Today: today}
	if err := dashPipeline(ctx, tx, &d, nil); err != nil {
		return v, err
	}
	weighted := map[model.Month]model.Money{}
	for _, pm := range d.Pipeline {
		if pm.Month.IsZero() {
			continue
		}
		m := pm.Month
		if m.Before(cur) {
			m = cur
		}
		weighted[m] += pm.Weighted
	}
	for i := range horizon {
		m := cur.Add(i)
		v.Pipeline = append(v.Pipeline, model.MonthPoint{Month: m.First(), Amount: weighted[m]})
	}
	fc, err := model.ForecastRevenue(v.History, horizon)
	switch {
	case errors.Is(err, model.ErrTooLittleHistory):
		v.Err = model.MsgTooLittleHistory
		return v, nil
	case err != nil:
		return v, err
	}
	v.Forecast = fc
	v.Combined = model.CombineWithPipeline(fc, v.Pipeline)
	return v, nil
}

// Customers implements model.AnalyticsService: ABC over the filter's
// period from the summary rows; RFM (the last 12 months) and at-risk (the
// last 3 years) from the revenue documents' purchase days.
func (ss *Session) Customers(ctx context.Context, f model.DashFilter) (model.CustomerAnalysis, error) {
	var out model.CustomerAnalysis
	u, err := ss.reader(ctx, model.EntityAnalytics)
	if err != nil {
		return out, fmt.Errorf("customer analysis: %w", err)
	}
	today := localToday(ss.s.now())
	if f, err = analyticsScope(u, f, today); err != nil {
		return out, err
	}
	out.From, out.To, out.Today = f.From, f.To, today
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, mapErr(err)
	}
	defer tx.Rollback()
	// ABC.
	where, args := cubeWhere(f, "m")
	// Names come with the rows (one indexed lookup per customer inside
	// SQLite; hundreds of thousands of separate queries take seconds).
	const nameOf = `(SELECT coalesce(nullif(c.short_name, ''), c.name) FROM customers c WHERE c.id = `
	rows, err := tx.QueryContext(ctx, `SELECT t.customer_id, t.net, `+nameOf+`t.customer_id) FROM (
		SELECT m.customer_id, sum(m.net) AS net FROM sales_cm m WHERE m.month BETWEEN ? AND ? AND `+where+`
		GROUP BY m.customer_id) t`, append([]any{f.From.String(), f.To.String()}, args...)...)
	if err != nil {
		return out, mapErr(err)
	}
	names := map[string]string{}
	var abcIn []model.CustomerSales
	for rows.Next() {
		var id string
		var net model.Money
		var name sql.NullString
		if err := rows.Scan(&id, &net, &name); err != nil {
			rows.Close()
			return out, err
		}
		names[id] = name.String
		abcIn = append(abcIn, model.CustomerSales{CustomerID: id, Purchases: []model.Purchase{{Day: f.From.First(), Amount: net}}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	// Purchase days of the last three years.
	histFrom := today.AddDate(-3, 0, 0)
	cond, cargs := "", []any{dateOnly(histFrom), dateOnly(today.AddDate(0, 0, 1))}
	add := func(c string, v any) {
		cond += " AND " + c + " = ?"
		cargs = append(cargs, v)
	}
	if f.OwnerID != "" {
		add("d.owner_id", f.OwnerID)
	}
	if f.Channel != "" {
		add("d.channel", string(f.Channel))
	}
	dims, dargs := customerDimsWhere(f, "d.customer_id")
	cond += dims
	cargs = append(cargs, dargs...)
	// A million documents: streamed row by row through database/sql they
	// cost about 10 µs each; SQLite groups them by customer into one
	// "YYYY-MM-DD:net,…" text each (a second for a million) and Go reads
	// those texts (days repeat, so each is parsed once).
	rows, err = tx.QueryContext(ctx, `SELECT d.customer_id, `+nameOf+`d.customer_id), group_concat(d.doc_date || ':' || `+toBaseSQL("d", "d.net")+`, ',')
		FROM documents d INDEXED BY documents_revenue
		WHERE d.kind IN ('invoice', 'credit_note') AND d.status IN ('posted', 'shipped') AND d.deleted_at IS NULL
		  AND d.doc_date >= ? AND d.doc_date < ?`+cond+`
		GROUP BY d.customer_id`, cargs...)
	if err != nil {
		return out, mapErr(err)
	}
	days := map[string]time.Time{}
	var hist []model.CustomerSales
	var list sql.RawBytes
	for rows.Next() {
		var id string
		var name sql.NullString
		if err := rows.Scan(&id, &name, &list); err != nil {
			rows.Close()
			return out, err
		}
		names[id] = name.String
		cs := model.CustomerSales{CustomerID: id, Purchases: make([]model.Purchase, 0, bytes.Count(list, []byte{','})+1)}
		for item := range bytes.SplitSeq(list, []byte{','}) {
			date, amount, ok := bytes.Cut(item, []byte{':'})
			net, err := strconv.ParseInt(string(amount), 10, 64)
			if !ok || err != nil {
				rows.Close()
				return out, fmt.Errorf("customer analysis: purchase %q of customer %s", item, id)
			}
			day, seen := days[string(date)]
			if !seen {
				day = parseDateOnly(string(date))
				days[string(date)] = day
			}
			cs.Purchases = append(cs.Purchases, model.Purchase{Day: day, Amount: model.Money(net)})
		}
		hist = append(hist, cs)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	out.ABC = model.ABC(abcIn, f.From.First(), f.To.Last(), 0, 0)
	out.RFM = model.RFM(hist, today, today.AddDate(-1, 0, 0))
	out.AtRisk = model.AtRisk(hist, today)
	for i := range out.ABC {
		out.ABC[i].Name = names[out.ABC[i].CustomerID]
	}
	for i := range out.RFM {
		out.RFM[i].Name = names[out.RFM[i].CustomerID]
	}
	// The responsible sellers of those at risk: whom the list tells to act.
	ids := make([]string, len(out.AtRisk))
	for i := range out.AtRisk {
		out.AtRisk[i].Name = names[out.AtRisk[i].CustomerID]
		ids[i] = out.AtRisk[i].CustomerID
	}
	js, _ := json.Marshal(ids)
	owners, err := pairMap(ctx, tx, `SELECT c.id, u.full_name FROM customers c JOIN users u ON u.id = c.owner_id
		WHERE c.id IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return out, err
	}
	for i := range out.AtRisk {
		out.AtRisk[i].Owner = owners[out.AtRisk[i].CustomerID]
	}
	return out, nil
}
