package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"sdelka/model"
)

// Analytics: the dashboard's figures from the revenue summary tables
// (sales_cube, sales_cm; migration 0006) and small indexed reads of deals,
// stage moves, open invoices, obligations and leads.

// analyticsScope is a dashboard filter as a user may apply it: a seller's
// filter is narrowed to the seller.
func analyticsScope(u model.User, f model.DashFilter, today time.Time) (model.DashFilter, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	if model.ScopeFor(u.Role, model.EntityAnalytics, model.ActRead) == model.ScopeOwn {
		f.OwnerID = u.ID
	}
	cur := model.MonthOf(today)
	switch {
	case f.From.IsZero() && f.To.IsZero():
		f.From, f.To = cur.Add(-11), cur
	case f.From.IsZero():
		f.From = f.To.Add(-11)
	case f.To.IsZero():
		f.To = f.From.Add(11)
		if cur.Before(f.To) && !cur.Before(f.From) {
			f.To = cur
		}
	}
	return f, nil
}

// localToday is the calendar day of now in the machine's zone, as a UTC
// midnight (how dates are stored).
func localToday(now time.Time) time.Time {
	y, m, d := now.In(time.Local).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// cubeWhere is the filter's conditions on a summary table (sales_cube or
// sales_cm, alias a) apart from the period.
func cubeWhere(f model.DashFilter, a string) (string, []any) {
	var conds []string
	var args []any
	add := func(col, v string) {
		if v != "" {
			conds = append(conds, a+"."+col+" = ?")
			args = append(args, v)
		}
	}
	add("owner_id", f.OwnerID)
	add("region_code", f.RegionCode)
	add("segment", f.Segment)
	add("group_id", f.GroupID)
	add("channel", string(f.Channel))
	if len(conds) == 0 {
		return "1=1", nil
	}
	return strings.Join(conds, " AND "), args
}

// customerDimsWhere limits a customer ID column to customers of the
// filter's region, segment and group ("" when none is set).
func customerDimsWhere(f model.DashFilter, col string) (string, []any) {
	var conds []string
	var args []any
	add := func(c, v string) {
		if v != "" {
			conds = append(conds, "cd."+c+" = ?")
			args = append(args, v)
		}
	}
	add("region_code", f.RegionCode)
	add("segment", f.Segment)
	add("group_id", f.GroupID)
	if len(conds) == 0 {
		return "", nil
	}
	// The customers of the value come from its index (customers_dim_*) as
	// a set probed per row: quick for a region or group (thousands); a
	// segment of a third of a million customers costs 0.3–0.4 s per figure
	// (measured against probing customers per row, which costs about as much
	// for a large value and far more for a small one).
	return " AND " + col + " IN (SELECT cd.id FROM customers cd WHERE " + strings.Join(conds, " AND ") + ")", args
}

// dealDimsWhere is the filter's channel, region, segment and group on the
// copies of its customer's that deals alias dl carry ("" when none is set).
func dealDimsWhere(f model.DashFilter) (string, []any) {
	cond, args := copiedDimsWhere(f, "dl.cust_region", "dl.cust_segment", "dl.cust_group")
	if f.Channel != "" {
		cond += " AND dl.cust_channel = ?"
		args = append(args, string(f.Channel))
	}
	return cond, args
}

// copiedDimsWhere is the filter's region, segment and group on a row's
// copies of its customer's (invoices and obligations carry them).
func copiedDimsWhere(f model.DashFilter, region, segment, group string) (string, []any) {
	cond, args := "", []any{}
	for _, x := range [][2]string{{region, f.RegionCode}, {segment, f.Segment}, {group, f.GroupID}} {
		if x[1] != "" {
			cond += " AND " + x[0] + " = ?"
			args = append(args, x[1])
		}
	}
	return cond, args
}

// toBaseSQL converts the amount expression amt of documents alias d to the
// base currency exactly as the view revenue_docs does (the document's own
// rate; minor digits of both currencies).
func toBaseSQL(d, amt string) string {
	return `(CASE WHEN ` + d + `.rate_nominal = 1 AND ` + d + `.rate_e4 = 10000 AND ` + d + `.currency = coalesce((SELECT value FROM settings WHERE key = 'base_currency'), 'RUB')
		THEN ` + amt + `
		ELSE CAST(round(` + amt + ` * (` + d + `.rate_e4 / (` + d + `.rate_nominal * 10000.0)) * power(10,
			coalesce((SELECT minor_digits FROM currencies WHERE code = coalesce((SELECT value FROM settings WHERE key = 'base_currency'), 'RUB')), 2)
			- coalesce((SELECT minor_digits FROM currencies WHERE code = ` + d + `.currency), 2))) AS INTEGER) END)`
}

// funnelFromMoves, when set (tests), makes the funnel count the moves even
// without a customer dimension, to compare with funnel_cube.
var funnelFromMoves bool

// dashTrace, when set (tests), receives each step's time.
var dashTrace func(time.Duration)

// Dashboard implements model.AnalyticsService.
func (ss *Session) Dashboard(ctx context.Context, f model.DashFilter) (model.Dashboard, error) {
	u, err := ss.reader(ctx, model.EntityAnalytics)
	if err != nil {
		return model.Dashboard{}, fmt.Errorf("dashboard: %w", err)
	}
	now := ss.s.now()
	today := localToday(now)
	if f, err = analyticsScope(u, f, today); err != nil {
		return model.Dashboard{}, err
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return model.Dashboard{}, mapErr(err)
	}
	defer tx.Rollback()
	d := model.Dashboard{Filter: f, Today: today}
	tax, err := loadTaxSettings(ctx, tx)
	if err != nil {
		return d, err
	}
	d.Currency = tax.BaseCurrency
	names, err := userNames(ctx, tx)
	if err != nil {
		return d, err
	}
	for _, step := range []func(context.Context, *sql.Tx, *model.Dashboard, map[string]string) error{
		ss.dashRevenue, ss.dashTop, dashFunnel, dashPipeline, dashAgeing, dashOverdue, dashSources, dashPlans,
	} {
		t0 := time.Now()
		if err := step(ctx, tx, &d, names); err != nil {
			return d, fmt.Errorf("dashboard: %w", err)
		}
		if dashTrace != nil {
			dashTrace(time.Since(t0))
		}
	}
	return d, nil
}

// dashRevenue fills revenue by month (the period and a year earlier), by
// seller, region, segment, group and channel, and by lead source (for the
// sources' revenue). Filtered by nothing or by the seller alone it reads
// sales_dim, by one of channel, region, segment or group sales_slice (a
// few hundred to a few thousand rows); otherwise the cube rows of the
// filter.
func (ss *Session) dashRevenue(ctx context.Context, tx *sql.Tx, d *model.Dashboard, names map[string]string) error {
	f := d.Filter
	months := model.MonthsBetween(f.From, f.To)
	idx := map[string]int{}
	prevIdx := map[string]int{}
	d.Revenue = make([]model.MonthAmount, len(months))
	d.PrevYear = make([]model.MonthAmount, len(months))
	for i, m := range months {
		d.Revenue[i].Month, d.PrevYear[i].Month = m, m.Add(-12)
		idx[m.String()] = i
		prevIdx[m.Add(-12).String()] = i
	}
	type acc struct {
		net model.Money
		inv int
	}
	const (
		dimOwner = iota
		dimRegion
		dimSegment
		dimGroup
		dimChannel
		dimSource
		dimCount
	)
	var dims [dimCount]map[string]*acc
	for k := range dims {
		dims[k] = map[string]*acc{}
	}
	addDim := func(k int, key string, net model.Money, inv int) {
		a := dims[k][key]
		if a == nil {
			a = &acc{}
			dims[k][key] = a
		}
		a.net += net
		a.inv += inv
	}
	addMonth := func(month string, net model.Money, inv int) bool {
		if i, ok := prevIdx[month]; ok {
			d.PrevYear[i].Net += net
			d.PrevYear[i].Invoices += inv
			d.PrevTotal += net
		}
		i, ok := idx[month]
		if ok {
			d.Revenue[i].Net += net
			d.Revenue[i].Invoices += inv
			d.Total += net
		}
		return ok
	}
	from, to := f.From.Add(-12).String(), f.To.String()
	fdim, fkey, set := sliceOf(f)
	if set == 0 || (set == 1 && f.OwnerID == "") {
		// sales_dim (by seller or all) or sales_slice (by one other
		// dimension): rows by dimension × month, a few thousand at most.
		q := `SELECT dim, key, month, net, invoices FROM sales_dim
			WHERE owner_id = ? AND dim IN ('all', 'owner', 'channel', 'region', 'segment', 'group', 'source') AND month BETWEEN ? AND ?`
		args := []any{"*", from, to}
		if f.OwnerID != "" {
			args[0] = f.OwnerID
		}
		if set == 1 {
			q = `SELECT dim, key, month, net, invoices FROM sales_slice WHERE fdim = ? AND fkey = ? AND month BETWEEN ? AND ?`
			args = []any{fdim, fkey, from, to}
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return mapErr(err)
		}
		defer rows.Close()
		for rows.Next() {
			var dim, key, month string
			var net model.Money
			var inv int
			if err := rows.Scan(&dim, &key, &month, &net, &inv); err != nil {
				return err
			}
			if dim == "all" {
				addMonth(month, net, inv)
				continue
			}
			if _, ok := idx[month]; !ok {
				continue
			}
			k := map[string]int{"owner": dimOwner, "region": dimRegion, "segment": dimSegment, "group": dimGroup,
				"channel": dimChannel, "source": dimSource}[dim]
			addDim(k, key, net, inv)
		}
		if err := rows.Err(); err != nil {
			return err
		}
	} else {
		// The cube's rows of the filter, summed inside SQLite: by month over
		// both years, then by each dimension over the period (every
		// secondary index of the cube holds its whole key, so each sum
		// reads one index; streaming tens of thousands of rows to Go cost
		// 0.2–0.3 s).
		where, args := cubeWhere(f, "c")
		sum := func(q string, qargs []any, fn func(key string, net model.Money, inv int)) error {
			rows, err := tx.QueryContext(ctx, q, qargs...)
			if err != nil {
				return mapErr(err)
			}
			defer rows.Close()
			for rows.Next() {
				var key string
				var net model.Money
				var inv int
				if err := rows.Scan(&key, &net, &inv); err != nil {
					return err
				}
				fn(key, net, inv)
			}
			return rows.Err()
		}
		if err := sum(`SELECT c.month, sum(c.net), sum(c.invoices) FROM sales_cube c WHERE c.month BETWEEN ? AND ? AND `+where+` GROUP BY c.month`,
			append([]any{from, to}, args...), func(m string, net model.Money, inv int) { addMonth(m, net, inv) }); err != nil {
			return err
		}
		for k, col := range [dimCount]string{"owner_id", "region_code", "segment", "group_id", "channel", "lead_source"} {
			if err := sum(`SELECT c.`+col+`, sum(c.net), sum(c.invoices) FROM sales_cube c WHERE c.month BETWEEN ? AND ? AND `+where+` GROUP BY c.`+col,
				append([]any{f.From.String(), f.To.String()}, args...), func(key string, net model.Money, inv int) { addDim(k, key, net, inv) }); err != nil {
				return err
			}
		}
	}
	regions, err := regionNames(ctx, tx)
	if err != nil {
		return err
	}
	groups, err := groupNames(ctx, tx)
	if err != nil {
		return err
	}
	label := [dimSource]func(string) string{
		func(k string) string { return names[k] },
		func(k string) string { return regions[k] },
		func(k string) string { return k },
		func(k string) string { return groups[k] },
		func(string) string { return "" },
	}
	out := [dimSource]*[]model.DimAmount{&d.BySeller, &d.ByRegion, &d.BySegment, &d.ByGroup, &d.ByChannel}
	for k := range out {
		list := make([]model.DimAmount, 0, len(dims[k]))
		for key, a := range dims[k] {
			if a.net == 0 && a.inv == 0 {
				continue
			}
			list = append(list, model.DimAmount{Key: key, Label: label[k](key), Net: a.net, Invoices: a.inv})
		}
		sortDims(list)
		*out[k] = list
	}
	d.Sources = nil
	for src, a := range dims[dimSource] {
		if a.net == 0 && a.inv == 0 {
			continue
		}
		d.Sources = append(d.Sources, model.LeadSourceStat{Source: src, Revenue: a.net, ConversionBP: -1})
	}
	return nil
}

// sliceOf is the filter's one dimension other than the seller that
// sales_slice is kept by (fdim, fkey), and how many of region, segment,
// group and channel the filter sets.
func sliceOf(f model.DashFilter) (fdim, fkey string, set int) {
	for _, x := range [][2]string{{"channel", string(f.Channel)}, {"region", f.RegionCode}, {"segment", f.Segment}, {"group", f.GroupID}} {
		if x[1] != "" {
			fdim, fkey = x[0], x[1]
			set++
		}
	}
	return fdim, fkey, set
}

// sortDims orders by amount descending, then label and key.
func sortDims(list []model.DimAmount) {
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Net != b.Net {
			return a.Net > b.Net
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Key < b.Key
	})
}

func regionNames(ctx context.Context, q queryer) (map[string]string, error) {
	return pairMap(ctx, q, `SELECT code, name_ru FROM regions`)
}

func groupNames(ctx context.Context, q queryer) (map[string]string, error) {
	return pairMap(ctx, q, `SELECT id, name FROM customer_groups`)
}

// pairMap reads a query of two text columns into a map of the first to the
// second (small lookup tables: users, groups, regions, categories).
func pairMap(ctx context.Context, q queryer, query string, args ...any) (map[string]string, error) {
	out := map[string]string{}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// dashTop is the ten customers with the most revenue in the period (ties
// by ID). It walks customers in the order of sales_bound (no customer can
// have more revenue under any filter and period than its bound), summing
// each one's rows of the filter and period, in doubling batches, and stops
// once the tenth best found is above the bound of every customer not yet
// looked at: on the large demo 2,000–5,000 customers (50–65 ms) instead
// of grouping the period's 260,000 rows (0.2–0.36 s).
// When that proves nothing within topScanLimit customers (fewer than ten
// customers with revenue, or a filter matching few of the largest
// customers), the period's rows are grouped.
func (ss *Session) dashTop(ctx context.Context, tx *sql.Tx, d *model.Dashboard, _ map[string]string) error {
	top, ok, err := topByBound(ctx, tx, d.Filter, topN, 64, topScanLimit)
	if err != nil {
		return err
	}
	if !ok {
		if top, err = topByGrouping(ctx, tx, d.Filter, topN); err != nil {
			return err
		}
	}
	d.Top = top
	return nil
}

// topScanLimit is how many customers topByBound looks at before it gives
// up (about 0.2 s on the large demo).
var topScanLimit = 20000

// topN is how many top customers the dashboard shows.
const topN = 10

// topByGrouping is the top customers by grouping all rows of the period.
func topByGrouping(ctx context.Context, tx *sql.Tx, f model.DashFilter, n int) ([]model.DimAmount, error) {
	where, args := cubeWhere(f, "m")
	return scanTop(ctx, tx, `SELECT t.customer_id, t.net, t.inv, coalesce(nullif(c.short_name, ''), c.name) FROM (
			SELECT m.customer_id, sum(m.net) AS net, sum(m.invoices) AS inv FROM sales_cm m
			WHERE m.month BETWEEN ? AND ? AND `+where+` GROUP BY m.customer_id ORDER BY sum(m.net) DESC, m.customer_id LIMIT ?) t
		JOIN customers c ON c.id = t.customer_id ORDER BY t.net DESC, t.customer_id`,
		append(append([]any{f.From.String(), f.To.String()}, args...), n)...)
}

func scanTop(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]model.DimAmount, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.DimAmount
	for rows.Next() {
		var a model.DimAmount
		if err := rows.Scan(&a.Key, &a.Net, &a.Invoices, &a.Label); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// topByBound is the want customers with the most revenue, found by walking
// sales_bound in batches from batch customers, doubling; ok is false when
// limit customers did not prove the answer.
func topByBound(ctx context.Context, tx *sql.Tx, f model.DashFilter, want, batch, limit int) (_ []model.DimAmount, ok bool, _ error) {
	// Only the customer's ID and the month may pick sales_cm's index (its
	// primary key, a few rows per customer): given a seller, the planner
	// preferred sales_cm_owner and read all the seller's rows of the period
	// for each customer (minutes). The unary + keeps the other columns off
	// indexes.
	where, wargs := cubeWhere(f, "+m")
	type cand struct {
		id  string
		net model.Money
	}
	var found []cand
	better := func(a, b cand) bool { return a.net > b.net || (a.net == b.net && a.id < b.id) }
	lastBound, lastID := int64(-1), ""
	scanned := 0
	period := append([]any{f.From.String(), f.To.String()}, wargs...)
	// A customer's revenue under the filter (NULL: no row matches). A
	// correlated subquery is half the cost of a join and GROUP BY here.
	sumOf := `(SELECT sum(m.net) FROM sales_cm m WHERE m.customer_id = b.customer_id AND m.month BETWEEN ? AND ? AND ` + where + `)`
	for {
		// The next batch in bound order (highest first).
		keyset, args := "", append([]any(nil), period...)
		if lastBound >= 0 {
			keyset = "WHERE (b.bound, b.customer_id) < (?, ?)"
			args = append(args, lastBound, lastID)
		}
		args = append(args, batch)
		rows, err := tx.QueryContext(ctx, `SELECT b.customer_id, b.bound, `+sumOf+`
			FROM sales_bound b `+keyset+` ORDER BY b.bound DESC, b.customer_id DESC LIMIT ?`, args...)
		if err != nil {
			return nil, false, mapErr(err)
		}
		n := 0
		for rows.Next() {
			var id string
			var bound int64
			var net sql.NullInt64
			if err := rows.Scan(&id, &bound, &net); err != nil {
				rows.Close()
				return nil, false, err
			}
			n++
			lastBound, lastID = bound, id
			if !net.Valid {
				continue
			}
			// Keep the best found so far, in order.
			c := cand{id: id, net: model.Money(net.Int64)}
			at := len(found)
			for at > 0 && better(c, found[at-1]) {
				at--
			}
			if at < want {
				found = append(found, cand{})
				copy(found[at+1:], found[at:])
				found[at] = c
				if len(found) > want {
					found = found[:want]
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, err
		}
		scanned += n
		// Every customer not yet looked at has revenue ≤ lastBound (0 when
		// the walk is through: customers without a bound row have no
		// positive revenue at all).
		rest := model.Money(lastBound)
		if n < batch {
			rest = 0
		}
		if len(found) == want && found[want-1].net > rest {
			break
		}
		if n < batch || scanned >= limit {
			return nil, false, nil
		}
		// Doubling: at most twice the customers the answer needed.
		batch = min(batch*2, 4096)
	}
	// The names and invoice counts of the ten.
	ids := make([]string, len(found))
	for i, c := range found {
		ids[i] = c.id
	}
	js, _ := json.Marshal(ids)
	rows, err := tx.QueryContext(ctx, `SELECT b.customer_id, coalesce(nullif(c.short_name, ''), c.name),
			(SELECT coalesce(sum(m.invoices), 0) FROM sales_cm m WHERE m.customer_id = b.customer_id AND m.month BETWEEN ? AND ? AND `+where+`)
		FROM (SELECT value AS customer_id FROM json_each(?)) b JOIN customers c ON c.id = b.customer_id`,
		append(period, string(js))...)
	if err != nil {
		return nil, false, mapErr(err)
	}
	defer rows.Close()
	type extra struct {
		name     string
		invoices int
	}
	more := map[string]extra{}
	for rows.Next() {
		var id string
		var e extra
		if err := rows.Scan(&id, &e.name, &e.invoices); err != nil {
			return nil, false, err
		}
		more[id] = e
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out := make([]model.DimAmount, len(found))
	for i, c := range found {
		out[i] = model.DimAmount{Key: c.id, Label: more[c.id].name, Net: c.net, Invoices: more[c.id].invoices}
	}
	return out, true, nil
}

// dashFunnel reads the default pipeline's stage moves of the period: deals
// entering each stage, those leaving it and their time in it; and the deals
// won and lost in the period with the lost reasons.
func dashFunnel(ctx context.Context, tx *sql.Tx, d *model.Dashboard, _ map[string]string) error {
	f := d.Filter
	p, err := loadPipeline(ctx, tx, "")
	if err != nil {
		return err
	}
	d.Funnel = model.Funnel{PipelineID: p.ID, WinRateBP: -1}
	from, to := ts(f.From.First()), ts(f.To.Add(1).First())
	cond := ""
	if f.OwnerID != "" {
		cond = " AND dl.owner_id = ?"
	}
	dims, dargs := dealDimsWhere(f)
	cargs := append(oargsOf(f), dargs...)
	type st struct {
		entered, left, timed int
		dwell                float64
	}
	stats := map[string]*st{}
	get := func(id string) *st {
		s := stats[id]
		if s == nil {
			s = &st{}
			stats[id] = s
		}
		return s
	}
	scan := func(q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return mapErr(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var entered, left, timed int
			var dwell int64
			if err := rows.Scan(&id, &entered, &left, &dwell, &timed); err != nil {
				return err
			}
			s := get(id)
			s.entered, s.left, s.dwell, s.timed = s.entered+entered, s.left+left, s.dwell+float64(dwell)/86400, s.timed+timed
		}
		return rows.Err()
	}
	if dims == "" && !funnelFromMoves {
		// The summary: a few dozen rows.
		owner, oargs := "", []any{}
		if f.OwnerID != "" {
			owner, oargs = " AND owner_id = ?", []any{f.OwnerID}
		}
		if err := scan(`SELECT stage_id, sum(entered), sum(left_n), sum(dwell_s), sum(timed) FROM funnel_cube
			WHERE pipeline_id = ? AND month BETWEEN ? AND ?`+owner+` GROUP BY stage_id`,
			append([]any{p.ID, f.From.String(), f.To.String()}, oargs...)...); err != nil {
			return err
		}
	} else if fdim, fkey, set := sliceOf(f); set == 1 && !funnelFromMoves {
		// By one customer dimension (with or without the seller):
		// funnel_slice, a few dozen rows.
		owner, oargs := "", []any{}
		if f.OwnerID != "" {
			owner, oargs = " AND owner_id = ?", []any{f.OwnerID}
		}
		if err := scan(`SELECT stage_id, sum(entered), sum(left_n), sum(dwell_s), sum(timed) FROM funnel_slice
			WHERE pipeline_id = ? AND fdim = ? AND fkey = ? AND month BETWEEN ? AND ?`+owner+` GROUP BY stage_id`,
			append([]any{p.ID, fdim, fkey, f.From.String(), f.To.String()}, oargs...)...); err != nil {
			return err
		}
	} else {
		// By several customer dimensions: the period's moves of the deals of
		// the value (their copies, deals_cust_*), counted inside SQLite the
		// way funnel_moves counts them: entries by target stage, exits with
		// the seconds spent by source stage.
		moves := `FROM deal_stage_history h
			WHERE h.pipeline_id = ? AND h.at >= ? AND h.at < ? AND h.owner_id IS NOT NULL` + strings.ReplaceAll(cond, "dl.", "h.") + `
			  AND h.deal_id IN (SELECT dl.id FROM deals dl WHERE 1=1` + dims + `)`
		args := append(append([]any{p.ID, from, to}, oargsOf(f)...), dargs...)
		if err := scan(`SELECT h.to_stage_id, count(*), 0, 0, 0 `+moves+` GROUP BY h.to_stage_id`, args...); err != nil {
			return err
		}
		if err := scan(`SELECT h.from_stage_id, 0, count(*),
				coalesce(sum(CASE WHEN h.from_entered_at IS NOT NULL AND h.at > h.from_entered_at
					THEN CAST(round((julianday(h.at) - julianday(h.from_entered_at)) * 86400) AS INTEGER) ELSE 0 END), 0),
				coalesce(sum(h.from_entered_at IS NOT NULL AND h.at > h.from_entered_at), 0) `+moves+`
				AND h.from_stage_id IS NOT NULL GROUP BY h.from_stage_id`, args...); err != nil {
			return err
		}
	}
	var open []int
	wonAt := -1
	for i, s := range p.Stages {
		x := get(s.ID)
		fs := model.FunnelStage{StageID: s.ID, Code: s.Code, Name: s.Name, Kind: s.Kind, Entered: x.entered, Left: x.left, ConversionBP: -1}
		if x.timed > 0 {
			fs.AvgDays = x.dwell / float64(x.timed)
		}
		d.Funnel.Stages = append(d.Funnel.Stages, fs)
		switch s.Kind {
		case model.StageOpen:
			open = append(open, i)
		case model.StageWon:
			wonAt = i
		}
	}
	for k, i := range open {
		next := wonAt
		if k+1 < len(open) {
			next = open[k+1]
		}
		if e := d.Funnel.Stages[i].Entered; e > 0 && next >= 0 {
			d.Funnel.Stages[i].ConversionBP, _ = model.MulDivRound(int64(d.Funnel.Stages[next].Entered), 10000, int64(e))
		}
	}
	// Deals closed in the period, lost reasons.
	rows, err := tx.QueryContext(ctx, `SELECT dl.status, dl.lost_reason, count(*), coalesce(sum(dl.amount_base), 0) FROM deals dl
		WHERE dl.status IN ('won', 'lost') AND dl.closed_at >= ? AND dl.closed_at < ? AND dl.pipeline_id = ? AND dl.deleted_at IS NULL`+cond+dims+`
		GROUP BY dl.status, dl.lost_reason`, append([]any{from, to, p.ID}, cargs...)...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var status, reason string
		var n int
		var amount model.Money
		if err := rows.Scan(&status, &reason, &n, &amount); err != nil {
			return err
		}
		if status == "won" {
			d.Funnel.Won += n
			d.Funnel.WonAmount += amount
			continue
		}
		d.Funnel.Lost += n
		d.Funnel.LostReasons = append(d.Funnel.LostReasons, model.DimCount{Key: reason, Label: reason, Count: n, Amount: amount})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(d.Funnel.LostReasons, func(i, j int) bool {
		a, b := d.Funnel.LostReasons[i], d.Funnel.LostReasons[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Label < b.Label
	})
	if n := d.Funnel.Won + d.Funnel.Lost; n > 0 {
		d.Funnel.WinRateBP, _ = model.MulDivRound(int64(d.Funnel.Won), 10000, int64(n))
	}
	return nil
}

// dashPipeline sums the open deals by expected close month, weighted by
// their probability.
func dashPipeline(ctx context.Context, tx *sql.Tx, d *model.Dashboard, _ map[string]string) error {
	f := d.Filter
	cond, args := "", []any{}
	if f.OwnerID != "" {
		cond += " AND dl.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	dims, dargs := dealDimsWhere(f)
	cond += dims
	args = append(args, dargs...)
	rows, err := tx.QueryContext(ctx, `SELECT coalesce(substr(dl.expected_close, 1, 7), ''), dl.amount_base, dl.probability_bp
		FROM deals dl INDEXED BY deals_expected WHERE dl.status = 'open' AND dl.deleted_at IS NULL`+cond, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	byMonth := map[string]*model.PipelineMonth{}
	for rows.Next() {
		var month string
		var amount model.Money
		var prob int64
		if err := rows.Scan(&month, &amount, &prob); err != nil {
			return err
		}
		pm := byMonth[month]
		if pm == nil {
			pm = &model.PipelineMonth{}
			if month != "" {
				if m, err := model.ParseMonth(month); err == nil {
					pm.Month = m
				}
			}
			byMonth[month] = pm
		}
		pm.Deals++
		pm.Amount += amount
		pm.Weighted += model.Weighted(amount, prob)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	keys := make([]string, 0, len(byMonth))
	for k := range byMonth {
		keys = append(keys, k)
	}
	sort.Strings(keys) // "" (no date) first
	for _, k := range keys {
		d.Pipeline = append(d.Pipeline, *byMonth[k])
	}
	return nil
}

// dashAgeing buckets the open amounts of unpaid posted invoices by days
// past due, as of today.
func dashAgeing(ctx context.Context, tx *sql.Tx, d *model.Dashboard, _ map[string]string) error {
	f := d.Filter
	d.Ageing = append([]model.AgeingBucket(nil), model.AgeingBuckets...)
	cond, args := "", []any{}
	if f.OwnerID != "" {
		cond += " AND d.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	// The invoice's own channel counts (as in revenue), the customer's other
	// dimensions through the invoice's copies of them (in documents_ageing).
	dims, dargs := copiedDimsWhere(f, "d.cust_region", "d.cust_segment", "d.cust_group")
	cond += dims
	args = append(args, dargs...)
	if f.Channel != "" {
		cond += " AND d.channel = ?"
		args = append(args, string(f.Channel))
	}
	// Bucketed and summed inside SQLite (streaming the large demo's 66,000
	// open invoices to Go cost 35–95 ms): the bucket of a due date is found
	// by comparing it with the bounds' dates; a due date that is not a date
	// counts as current, as in model.BucketOf.
	day := func(n int) string { return dateOnly(d.Today.AddDate(0, 0, -n)) }
	bucket := `CASE WHEN due >= ? OR due NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN 0
		WHEN due >= ? THEN 1 WHEN due >= ? THEN 2 WHEN due >= ? THEN 3 ELSE 4 END`
	rows, err := tx.QueryContext(ctx, `SELECT `+bucket+`, count(*), coalesce(sum(open), 0) FROM (
			SELECT coalesce(d.due_date, d.doc_date) AS due, `+toBaseSQL("d", "(d.gross + d.credited - d.paid)")+` AS open
			FROM documents d INDEXED BY documents_ageing
			WHERE d.kind = 'invoice' AND d.status = 'posted' AND d.gross + d.credited - d.paid > 0 AND d.deleted_at IS NULL`+cond+`)
		GROUP BY 1`, append([]any{day(0), day(30), day(60), day(90)}, args...)...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b, n int
		var open model.Money
		if err := rows.Scan(&b, &n, &open); err != nil {
			return err
		}
		if b < 0 || b >= len(d.Ageing) {
			continue
		}
		d.Ageing[b].Invoices += n
		d.Ageing[b].Amount += open
	}
	return rows.Err()
}

// dashOverdue counts open obligations past due, ours and the customers'.
func dashOverdue(ctx context.Context, tx *sql.Tx, d *model.Dashboard, _ map[string]string) error {
	f := d.Filter
	cond, args := "", []any{}
	if f.OwnerID != "" {
		cond += " AND o.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	if f.Channel != "" {
		cond += " AND o.channel = ?"
		args = append(args, string(f.Channel))
	}
	dims, dargs := copiedDimsWhere(f, "o.region_code", "o.segment", "o.group_id")
	cond += dims
	args = append(args, dargs...)
	today := dateOnly(d.Today)
	add := func(party string, n int, amount model.Money) {
		if party == "ours" {
			d.Overdue.Ours += n
			d.Overdue.OursAmount += amount
		} else {
			d.Overdue.Theirs += n
			d.Overdue.TheirsAmount += amount
		}
	}
	scan := func(q string, qargs ...any) error {
		rows, err := tx.QueryContext(ctx, q, qargs...)
		if err != nil {
			return mapErr(err)
		}
		defer rows.Close()
		for rows.Next() {
			var party string
			var n int
			var amount model.Money
			if err := rows.Scan(&party, &n, &amount); err != nil {
				return err
			}
			add(party, n, amount)
		}
		return rows.Err()
	}
	// Obligations in the base currency are summed from the covering index
	// alone (the seller, channel and customer's dimensions are copied onto
	// them); the others are converted at their document's rate. (One pass
	// with a LEFT JOIN for the others was 2–3 times slower.)
	base := d.Currency
	if err := scan(`SELECT o.party, count(*), coalesce(sum(max(o.amount - o.done, 0)), 0) FROM obligations o INDEXED BY obligations_overdue
		WHERE o.status = 'open' AND o.due < ? AND o.currency = ?`+cond+` GROUP BY o.party`, append([]any{today, base}, args...)...); err != nil {
		return err
	}
	return scan(`SELECT o.party, count(*), coalesce(sum(`+toBaseSQL("d", "max(o.amount - o.done, 0)")+`), 0)
		FROM obligations o JOIN documents d ON d.id = o.doc_id WHERE o.status = 'open' AND o.due < ? AND o.currency <> ?`+cond+`
		GROUP BY o.party`, append([]any{today, base}, args...)...)
}

// dashSources counts the leads of the period by source and how many were
// converted, beside the revenue of customers from each source (dashRevenue).
func dashSources(ctx context.Context, tx *sql.Tx, d *model.Dashboard, _ map[string]string) error {
	f := d.Filter
	cond, args := "", []any{}
	if f.OwnerID != "" {
		cond += " AND l.owner_id = ?"
		args = append(args, f.OwnerID)
	}
	// leads_created covers the query; given a seller the planner took
	// leads_owner and looked each lead up (35 ms on the large demo).
	rows, err := tx.QueryContext(ctx, `SELECT l.source, count(*), sum(l.status = 'converted') FROM leads l INDEXED BY leads_created
		WHERE l.deleted_at IS NULL AND l.created_at >= ? AND l.created_at < ?`+cond+` GROUP BY l.source`,
		append([]any{ts(d.Filter.From.First()), ts(d.Filter.To.Add(1).First())}, args...)...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	idx := map[string]int{}
	for i, s := range d.Sources {
		idx[s.Source] = i
	}
	for rows.Next() {
		var src string
		var n, conv int
		if err := rows.Scan(&src, &n, &conv); err != nil {
			return err
		}
		i, ok := idx[src]
		if !ok {
			d.Sources = append(d.Sources, model.LeadSourceStat{Source: src})
			i = len(d.Sources) - 1
			idx[src] = i
		}
		s := &d.Sources[i]
		s.Leads, s.Converted = n, conv
		s.ConversionBP, _ = model.MulDivRound(int64(conv), 10000, int64(n))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(d.Sources, func(i, j int) bool {
		a, b := d.Sources[i], d.Sources[j]
		if a.Revenue != b.Revenue {
			return a.Revenue > b.Revenue
		}
		if a.Leads != b.Leads {
			return a.Leads > b.Leads
		}
		return a.Source < b.Source
	})
	return nil
}

// dashPlans sets the plans of the period against the revenue: the team's
// and each seller's with a plan or revenue.
func dashPlans(ctx context.Context, tx *sql.Tx, d *model.Dashboard, names map[string]string) error {
	f := d.Filter
	rows, err := tx.QueryContext(ctx, `SELECT user_id, sum(amount) FROM sales_plans WHERE month BETWEEN ? AND ? GROUP BY user_id`,
		f.From.String(), f.To.String())
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	plans := map[string]model.Money{}
	for rows.Next() {
		var uid string
		var amount model.Money
		if err := rows.Scan(&uid, &amount); err != nil {
			return err
		}
		plans[uid] = amount
	}
	if err := rows.Err(); err != nil {
		return err
	}
	fact := map[string]model.Money{}
	for _, s := range d.BySeller {
		fact[s.Key] = s.Net
	}
	pf := func(uid, name string, plan, got model.Money) model.PlanFact {
		p := model.PlanFact{UserID: uid, Name: name, Plan: plan, Fact: got, FulfilmentBP: -1}
		if plan > 0 {
			p.FulfilmentBP, _ = model.MulDivRound(int64(got), 10000, int64(plan))
		}
		return p
	}
	if f.OwnerID == "" {
		d.Plans = append(d.Plans, pf("", "", plans[""], d.Total))
	}
	var sellers []model.PlanFact
	seen := map[string]bool{}
	for uid, plan := range plans {
		if uid == "" || (f.OwnerID != "" && uid != f.OwnerID) {
			continue
		}
		seen[uid] = true
		sellers = append(sellers, pf(uid, names[uid], plan, fact[uid]))
	}
	for uid, got := range fact {
		if !seen[uid] && uid != "" {
			sellers = append(sellers, pf(uid, names[uid], 0, got))
		}
	}
	sort.Slice(sellers, func(i, j int) bool {
		if sellers[i].Name != sellers[j].Name {
			return sellers[i].Name < sellers[j].Name
		}
		return sellers[i].UserID < sellers[j].UserID
	})
	d.Plans = append(d.Plans, sellers...)
	return nil
}

// oargsOf is the argument of the seller condition, if any.
func oargsOf(f model.DashFilter) []any {
	if f.OwnerID != "" {
		return []any{f.OwnerID}
	}
	return nil
}
