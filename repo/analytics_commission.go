package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"sdelka/model"
)

// Commissions: the repo gathers a month's payments and credit notes of each
// seller's invoices and hands them to model.CalculateCommission; closing a
// month stores the results (commission_results, commission_entries) so a
// closed month is read back exactly as it was closed.

// commCtx is what every seller's calculation of a request shares.
type commCtx struct {
	q        queryer
	rules    []model.CommissionRule
	closings []model.PeriodClosing
	closed   map[string]bool // YYYY-MM
	parent   map[string]string
	lines    map[string][]model.CommissionLine // invoice lines by document
	memo     map[string]model.CommissionCalc   // user/month
	memoOK   map[string]bool
}

func newCommCtx(ctx context.Context, q queryer) (*commCtx, error) {
	c := &commCtx{q: q, closed: map[string]bool{}, parent: map[string]string{}, lines: map[string][]model.CommissionLine{},
		memo: map[string]model.CommissionCalc{}, memoOK: map[string]bool{}}
	var err error
	if c.rules, err = loadRules(ctx, q); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT month, closed_at FROM commission_closings ORDER BY month`)
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var m string
		var at sql.NullString
		if err := rows.Scan(&m, &at); err != nil {
			rows.Close()
			return nil, err
		}
		mm, _ := model.ParseMonth(m)
		c.closings = append(c.closings, model.PeriodClosing{Month: mm.First(), ClosedAt: parseTS(at)})
		c.closed[m] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if c.parent, err = pairMap(ctx, q, `SELECT id, coalesce(parent_id, '') FROM categories`); err != nil {
		return nil, err
	}
	return c, nil
}

// cutoff is the earliest closing time of a month before m: an item dated
// before m counts in m only if recorded at or after it. ok is false when no
// earlier month is closed.
func (c *commCtx) cutoff(m model.Month) (string, bool) {
	var best time.Time
	for _, cl := range c.closings {
		if model.MonthOf(cl.Month).Before(m) && (best.IsZero() || cl.ClosedAt.Before(best)) {
			best = cl.ClosedAt
		}
	}
	return ts(best), !best.IsZero()
}

// invoiceLines are the lines of document id (its own or those it prints)
// with their products' categories, Net and Gross as stored.
func (c *commCtx) invoiceLines(ctx context.Context, id string) ([]model.CommissionLine, error) {
	if l, ok := c.lines[id]; ok {
		return l, nil
	}
	rows, err := c.q.QueryContext(ctx, `SELECT coalesce(p.category_id, ''), l.net, l.gross FROM documents d
		JOIN document_lines l ON l.doc_id = coalesce(d.lines_of, d.id) LEFT JOIN products p ON p.id = l.product_id
		WHERE d.id = ? ORDER BY l.no`, id)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.CommissionLine
	for rows.Next() {
		var l model.CommissionLine
		if err := rows.Scan(&l.CategoryID, &l.Net, &l.Gross); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	c.lines[id] = out
	return out, rows.Err()
}

// items are the payment allocations to userID's invoices that may count in
// m (dated in m, or earlier and recorded after an earlier month closed).
func (c *commCtx) items(ctx context.Context, userID string, m model.Month) ([]model.PaidItem, error) {
	cut, late := c.cutoff(m)
	cond := `p.pay_date >= ?`
	args := []any{userID, dateOnly(m.Last()), dateOnly(m.First())}
	if late {
		cond = `(p.pay_date >= ? OR a.created_at >= ?)`
		args = append(args, cut)
	}
	rows, err := c.q.QueryContext(ctx, `SELECT p.id, coalesce(nullif(p.number, ''), CAST(p.num AS TEXT)), p.pay_date, a.created_at, d.customer_id,
			coalesce(nullif(cu.short_name, ''), cu.name), d.id, coalesce(d.number, ''), `+toBaseSQL("d", "a.amount")+`
		FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN documents d ON d.id = a.invoice_id JOIN customers cu ON cu.id = d.customer_id
		WHERE d.owner_id = ? AND p.deleted_at IS NULL AND p.pay_date <= ? AND `+cond+`
		ORDER BY p.pay_date, p.num, d.num`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []model.PaidItem
	for rows.Next() {
		var it model.PaidItem
		var date string
		var rec sql.NullString
		if err := rows.Scan(&it.PaymentID, &it.PaymentNumber, &date, &rec, &it.CustomerID, &it.CustomerName, &it.InvoiceID, &it.InvoiceNumber, &it.Amount); err != nil {
			rows.Close()
			return nil, err
		}
		it.Date, it.Recorded = parseDateOnly(date), parseTS(rec)
		out = append(out, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Lines, err = c.invoiceLines(ctx, out[i].InvoiceID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// credits are the posted credit notes against userID's invoices that may
// count in m, their lines' net in the base currency.
func (c *commCtx) credits(ctx context.Context, userID string, m model.Month) ([]model.CreditItem, error) {
	cut, late := c.cutoff(m)
	cond := `cn.doc_date >= ?`
	args := []any{userID, dateOnly(m.Last()), dateOnly(m.First())}
	if late {
		cond = `(cn.doc_date >= ? OR cn.posted_at >= ?)`
		args = append(args, cut)
	}
	rows, err := c.q.QueryContext(ctx, `SELECT cn.id, coalesce(cn.number, ''), cn.doc_date, cn.posted_at, d.customer_id,
			coalesce(nullif(cu.short_name, ''), cu.name), d.id, coalesce(d.number, '')
		FROM documents cn JOIN documents d ON d.id = cn.base_id JOIN customers cu ON cu.id = d.customer_id
		WHERE cn.kind = 'credit_note' AND cn.status = 'posted' AND cn.deleted_at IS NULL AND d.owner_id = ? AND cn.doc_date <= ? AND `+cond+`
		ORDER BY cn.doc_date, cn.num`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []model.CreditItem
	for rows.Next() {
		var it model.CreditItem
		var date string
		var rec sql.NullString
		if err := rows.Scan(&it.CreditNoteID, &it.CreditNoteNumber, &date, &rec, &it.CustomerID, &it.CustomerName, &it.InvoiceID, &it.InvoiceNumber); err != nil {
			rows.Close()
			return nil, err
		}
		it.Date, it.Recorded = parseDateOnly(date), parseTS(rec)
		out = append(out, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		lr, err := c.q.QueryContext(ctx, `SELECT coalesce(p.category_id, ''), `+toBaseSQL("cn", "l.net")+` FROM documents cn
			JOIN document_lines l ON l.doc_id = coalesce(cn.lines_of, cn.id) LEFT JOIN products p ON p.id = l.product_id
			WHERE cn.id = ? ORDER BY l.no`, out[i].CreditNoteID)
		if err != nil {
			return nil, mapErr(err)
		}
		for lr.Next() {
			var l model.CommissionLine
			if err := lr.Scan(&l.CategoryID, &l.Net); err != nil {
				lr.Close()
				return nil, err
			}
			if l.Net > 0 { // a credit note's lines are negative; a positive one is data damage
				l.Net = -l.Net
			}
			out[i].Lines = append(out[i].Lines, l)
		}
		lr.Close()
		if err := lr.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// earlier is what the invoices credited in m earned and had reversed in the
// months before m: stored entries of closed months, calculations of open
// ones.
func (c *commCtx) earlier(ctx context.Context, u model.User, m model.Month, credits []model.CreditItem, depth int) ([]model.CommissionEntry, error) {
	inv := map[string]bool{}
	for _, cr := range credits {
		inv[cr.InvoiceID] = true
	}
	if len(inv) == 0 {
		return nil, nil
	}
	var out []model.CommissionEntry
	months := map[string]model.Month{}
	for id := range inv {
		stored, err := loadEntries(ctx, c.q, `user_id = ? AND invoice_id = ? AND month < ?`, u.ID, id, m.String())
		if err != nil {
			return nil, err
		}
		out = append(out, stored...)
		rows, err := c.q.QueryContext(ctx, `SELECT p.pay_date, a.created_at FROM allocations a JOIN payments p ON p.id = a.payment_id
			WHERE a.invoice_id = ? AND p.deleted_at IS NULL
			UNION ALL SELECT doc_date, posted_at FROM documents WHERE base_id = ? AND kind = 'credit_note' AND status = 'posted' AND deleted_at IS NULL`, id, id)
		if err != nil {
			return nil, mapErr(err)
		}
		for rows.Next() {
			var d string
			var rec sql.NullString
			if err := rows.Scan(&d, &rec); err != nil {
				rows.Close()
				return nil, err
			}
			cm := model.MonthOf(model.CommissionMonthOf(parseDateOnly(d), parseTS(rec), c.closings))
			if cm.Before(m) && !c.closed[cm.String()] {
				months[cm.String()] = cm
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		calc, ok, err := c.calc(ctx, u, months[k], depth+1)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		for _, e := range calc.Lines {
			if inv[e.InvoiceID] {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// maxCommissionDepth bounds how many open months back a credit note's
// original payments are recalculated.
const maxCommissionDepth = 36

// calc computes u's commission for the open month m; ok is false when no
// rule applies to u then.
func (c *commCtx) calc(ctx context.Context, u model.User, m model.Month, depth int) (model.CommissionCalc, bool, error) {
	key := u.ID + "/" + m.String()
	if calc, ok := c.memo[key]; ok || c.memoOK[key] {
		return calc, ok, nil
	}
	rule, ok := model.ResolveCommissionRule(c.rules, u.ID, u.Role, m.First())
	if !ok || depth > maxCommissionDepth {
		c.memoOK[key] = true
		return model.CommissionCalc{}, false, nil
	}
	var plan model.SalesPlan
	var amount int64
	err := c.q.QueryRowContext(ctx, `SELECT amount FROM sales_plans WHERE user_id = ? AND month = ?`, u.ID, m.String()).Scan(&amount)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return model.CommissionCalc{}, false, mapErr(err)
	}
	if amount > 0 {
		plan = model.SalesPlan{UserID: u.ID, Month: m.First(), Amount: model.Money(amount)}
	}
	items, err := c.items(ctx, u.ID, m)
	if err != nil {
		return model.CommissionCalc{}, false, err
	}
	credits, err := c.credits(ctx, u.ID, m)
	if err != nil {
		return model.CommissionCalc{}, false, err
	}
	earlier, err := c.earlier(ctx, u, m, credits, depth)
	if err != nil {
		return model.CommissionCalc{}, false, err
	}
	calc, err := model.CalculateCommission(rule, plan, model.CommissionInput{UserID: u.ID, Period: m.First(), Items: items, Credits: credits,
		Earlier: earlier, Closings: c.closings, CategoryParent: c.parent})
	if err != nil {
		return calc, false, err
	}
	c.memo[key] = calc
	return calc, true, nil
}

const entryCols = `kind, doc_id, doc_number, invoice_id, invoice_number, customer_id, customer_name, date, late, category_id, base, rate_bp, factor_bp, commission`

func loadEntries(ctx context.Context, q queryer, where string, args ...any) ([]model.CommissionEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+entryCols+` FROM commission_entries WHERE `+where+` ORDER BY month, user_id, seq`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.CommissionEntry
	for rows.Next() {
		var e model.CommissionEntry
		var kind, date string
		var late int
		if err := rows.Scan(&kind, &e.DocID, &e.DocNumber, &e.InvoiceID, &e.InvoiceNumber, &e.CustomerID, &e.CustomerName, &date, &late,
			&e.CategoryID, &e.Base, &e.RateBP, &e.FactorBP, &e.Commission); err != nil {
			return nil, err
		}
		e.Kind, e.Date, e.Late = model.CommissionEntryKind(kind), parseDateOnly(date), late == 1
		out = append(out, e)
	}
	return out, rows.Err()
}

// commissionUsers are the users calculated: active sellers and heads, and
// anyone with a rule of their own; a seller's scope is themselves.
func commissionUsers(ctx context.Context, q queryer, c *commCtx, u model.User) ([]model.User, error) {
	users, err := planUsers(ctx, q)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, x := range users {
		seen[x.ID] = true
	}
	for _, r := range c.rules {
		if r.UserID != "" && !seen[r.UserID] {
			x, err := findUser(ctx, q, "id = ?", r.UserID)
			if err == nil {
				users = append(users, x)
				seen[x.ID] = true
			}
		}
	}
	if model.ScopeFor(u.Role, model.EntityCommission, model.ActRead) == model.ScopeOwn {
		var own []model.User
		for _, x := range users {
			if x.ID == u.ID {
				own = append(own, x)
			}
		}
		return own, nil
	}
	return users, nil
}

// period computes (open) or loads (closed) month m for the users visible
// to u.
func (ss *Session) commissionPeriod(ctx context.Context, q queryer, u model.User, m model.Month) (model.CommissionPeriod, error) {
	p := model.CommissionPeriod{Month: m}
	tax, err := loadTaxSettings(ctx, q)
	if err != nil {
		return p, err
	}
	p.Currency = tax.BaseCurrency
	if p.Names, err = userNames(ctx, q); err != nil {
		return p, err
	}
	c, err := newCommCtx(ctx, q)
	if err != nil {
		return p, err
	}
	users, err := commissionUsers(ctx, q, c, u)
	if err != nil {
		return p, err
	}
	if c.closed[m.String()] {
		var at sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT closed_at, closed_by FROM commission_closings WHERE month = ?`, m.String()).Scan(&at, &p.ClosedBy); err != nil {
			return p, mapErr(err)
		}
		p.Closed, p.ClosedAt = true, parseTS(at)
		for _, x := range users {
			var calc model.CommissionCalc
			var hasPlan int
			err := q.QueryRowContext(ctx, `SELECT rule_id, plan, has_plan, paid, credited, fulfilment_bp, factor_bp, commission, bonus, total
				FROM commission_results WHERE month = ? AND user_id = ?`, m.String(), x.ID).Scan(&calc.RuleID, &calc.Plan, &hasPlan, &calc.Paid,
				&calc.Credited, &calc.FulfilmentBP, &calc.FactorBP, &calc.Commission, &calc.Bonus, &calc.Total)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return p, mapErr(err)
			}
			calc.UserID, calc.Period, calc.HasPlan = x.ID, m.First(), hasPlan == 1
			if calc.Lines, err = loadEntries(ctx, q, `month = ? AND user_id = ?`, m.String(), x.ID); err != nil {
				return p, err
			}
			p.Calcs = append(p.Calcs, calc)
		}
	} else {
		for _, x := range users {
			calc, ok, err := c.calc(ctx, x, m, 0)
			if err != nil {
				return p, err
			}
			if ok {
				p.Calcs = append(p.Calcs, calc)
			}
		}
	}
	sort.SliceStable(p.Calcs, func(i, j int) bool { return p.Names[p.Calcs[i].UserID] < p.Names[p.Calcs[j].UserID] })
	if p.Categories, err = pairMap(ctx, q, `SELECT id, name FROM categories`); err != nil {
		return p, err
	}
	p.Summary, p.Total, err = model.CommissionSummary(p.Calcs)
	return p, err
}

// Commissions implements model.AnalyticsService.
func (ss *Session) Commissions(ctx context.Context, m model.Month) (model.CommissionPeriod, error) {
	u, err := ss.reader(ctx, model.EntityCommission)
	if err != nil {
		return model.CommissionPeriod{}, fmt.Errorf("commissions: %w", err)
	}
	if m.IsZero() {
		return model.CommissionPeriod{}, model.ValidationErrors{{Field: "month", Msg: model.MsgMonthFormat}}
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return model.CommissionPeriod{}, mapErr(err)
	}
	defer tx.Rollback()
	p, err := ss.commissionPeriod(ctx, tx, u, m)
	if err != nil {
		return p, fmt.Errorf("commissions %s: %w", m, err)
	}
	return p, nil
}

// CloseCommissions implements model.AnalyticsService: the month's
// calculations of every seller are stored with the closing in one
// transaction and audited.
func (ss *Session) CloseCommissions(ctx context.Context, m model.Month) (model.CommissionPeriod, error) {
	var p model.CommissionPeriod
	if m.IsZero() {
		return p, model.ValidationErrors{{Field: "month", Msg: model.MsgMonthFormat}}
	}
	if !m.Last().Before(localToday(ss.s.now())) {
		return p, model.ValidationErrors{{Field: "month", Msg: model.MsgPeriodNotOver}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCommission, model.ActUpdate)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM commission_closings WHERE month = ?`, m.String()).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ValidationErrors{{Field: "month", Msg: model.MsgPeriodClosed}}
		}
		if p, err = ss.commissionPeriod(ctx, tx, actor, m); err != nil {
			return err
		}
		now := ss.s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO commission_closings (month, closed_at, closed_by) VALUES (?, ?, ?)`, m.String(), ts(now), actor.ID); err != nil {
			return mapErr(err)
		}
		for _, c := range p.Calcs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO commission_results (month, user_id, rule_id, plan, has_plan, paid, credited, fulfilment_bp, factor_bp, commission, bonus, total)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.String(), c.UserID, c.RuleID, int64(c.Plan), boolInt(c.HasPlan), int64(c.Paid), int64(c.Credited),
				c.FulfilmentBP, c.FactorBP, int64(c.Commission), int64(c.Bonus), int64(c.Total)); err != nil {
				return mapErr(err)
			}
			for i, e := range c.Lines {
				if _, err := tx.ExecContext(ctx, `INSERT INTO commission_entries (month, user_id, seq, `+entryCols+`)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.String(), c.UserID, i+1, string(e.Kind), e.DocID, e.DocNumber,
					e.InvoiceID, e.InvoiceNumber, e.CustomerID, e.CustomerName, dateOnly(e.Date), boolInt(e.Late), e.CategoryID, int64(e.Base),
					e.RateBP, e.FactorBP, int64(e.Commission)); err != nil {
					return mapErr(err)
				}
			}
		}
		p.Closed, p.ClosedAt, p.ClosedBy = true, now, actor.ID
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCommission, "period/"+m.String(), []model.Change{
			{Field: "closed", Old: "", New: ts(now)}, {Field: "total", Old: "", New: strconv.FormatInt(int64(p.Total.Total), 10)}})
	})
	if err != nil {
		return model.CommissionPeriod{}, fmt.Errorf("close commissions %s: %w", m, err)
	}
	return p, nil
}
