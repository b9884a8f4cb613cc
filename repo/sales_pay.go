package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sdelka/model"
)

// Payments, their allocation to invoices, balances and the obligations
// register. Amounts of one customer in several currencies are added up in
// the base currency at each document's own rate (a payment at the rate of
// the first invoice it pays).

const payCols = `p.id, p.num, p.number, p.pay_date, p.customer_id, coalesce(nullif(c.short_name, ''), c.name), p.amount, p.currency,
	p.method, p.note, p.allocated, p.version, p.created_at`

func scanPayment(sc scanner) (model.Payment, error) {
	var p model.Payment
	var date, method string
	var created sql.NullString
	err := sc.Scan(&p.ID, &p.Num, &p.Number, &date, &p.CustomerID, &p.CustomerName, &p.Amount, &p.Currency, &method, &p.Note,
		&p.Allocated, &p.Version, &created)
	p.Date, p.Method, p.Created = parseDateOnly(date), model.PaymentMethod(method), parseTS(created)
	return p, err
}

// FindPayments implements model.SalesService.
func (ss *Session) FindPayments(ctx context.Context, f model.PaymentFilter) ([]model.Payment, error) {
	u, err := ss.reader(ctx, model.EntityPayment)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	where, args := "p.deleted_at IS NULL", []any{}
	if model.ScopeFor(u.Role, model.EntityPayment, model.ActRead) == model.ScopeOwn {
		vis, vargs := visibility(u, model.EntityCustomer, model.ActRead, "c")
		where, args = where+" AND "+vis, append(args, vargs...)
	}
	if f.CustomerID != "" {
		where, args = where+" AND p.customer_id = ?", append(args, f.CustomerID)
	}
	if !f.From.IsZero() {
		where, args = where+" AND p.pay_date >= ?", append(args, dateOnly(f.From))
	}
	if !f.To.IsZero() {
		where, args = where+" AND p.pay_date <= ?", append(args, dateOnly(f.To))
	}
	if f.AfterNum > 0 {
		where, args = where+" AND p.num < ?", append(args, f.AfterNum)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	ps, err := queryAll(ctx, ss.s.r, "payments", `SELECT `+payCols+` FROM payments p JOIN customers c ON c.id = p.customer_id
		WHERE `+where+` ORDER BY p.num DESC LIMIT `+fmt.Sprint(limit), scanPayment, args...)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		if ps[i].Allocations, err = loadAllocations(ctx, ss.s.r, ps[i].ID); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

func loadAllocations(ctx context.Context, q queryer, paymentID string) ([]model.Allocation, error) {
	return queryAll(ctx, q, "allocations", `SELECT a.payment_id, a.invoice_id, coalesce(d.number, ''), a.amount FROM allocations a
		JOIN documents d ON d.id = a.invoice_id WHERE a.payment_id = ? ORDER BY d.num`,
		func(sc scanner) (model.Allocation, error) {
			var a model.Allocation
			err := sc.Scan(&a.PaymentID, &a.InvoiceID, &a.InvoiceNumber, &a.Amount)
			return a, err
		}, paymentID)
}

// openInvoices lists a customer's invoices with something to pay, oldest
// due first.
func openInvoices(ctx context.Context, q queryer, customerID string) ([]model.Document, error) {
	return queryAll(ctx, q, "open invoices", `SELECT `+docCols+docFrom+` WHERE d.customer_id = ? AND d.kind = 'invoice'
		AND d.status = 'posted' AND d.gross + d.credited > d.paid AND d.deleted_at IS NULL
		ORDER BY coalesce(d.due_date, d.doc_date), d.doc_date, d.num`, scanDoc, customerID)
}

// OpenInvoices implements model.SalesService.
func (ss *Session) OpenInvoices(ctx context.Context, customerID string) ([]model.Document, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return nil, err
	}
	if _, err := ss.loadCustomer(ctx, ss.s.r, u, model.ActRead, customerID); err != nil {
		return nil, err
	}
	return openInvoices(ctx, ss.s.r, customerID)
}

// allocate writes allocations of a payment and updates the invoices, the
// payment and the invoices' obligations. outstanding holds the open
// invoices of the customer in the payment's currency.
func (ss *Session) allocate(ctx context.Context, tx *sql.Tx, p model.Payment, allocs []model.Allocation) error {
	now := ts(ss.s.now())
	var sum model.Money
	for _, a := range allocs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO allocations (payment_id, invoice_id, amount, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount = amount + excluded.amount`,
			p.ID, a.InvoiceID, int64(a.Amount), now); err != nil {
			return fmt.Errorf("allocate to %s: %w", a.InvoiceID, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET paid = paid + ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			int64(a.Amount), now, a.InvoiceID); err != nil {
			return err
		}
		if err := refreshInvoiceObligations(ctx, tx, a.InvoiceID); err != nil {
			return err
		}
		sum += a.Amount
	}
	if sum == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE payments SET allocated = allocated + ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		int64(sum), now, p.ID)
	return err
}

// outstandingFor maps the customer's open invoices in currency to what is
// still due on them.
func outstandingFor(ctx context.Context, q queryer, customerID, currency string) (map[string]model.Money, error) {
	inv, err := openInvoices(ctx, q, customerID)
	if err != nil {
		return nil, err
	}
	out := map[string]model.Money{}
	for _, d := range inv {
		if d.Currency == currency {
			out[d.ID] = model.Outstanding(d)
		}
	}
	return out, nil
}

// RecordPayment implements model.SalesService.
func (ss *Session) RecordPayment(ctx context.Context, p model.Payment) (model.Payment, error) {
	p.Number, p.Note = strings.TrimSpace(p.Number), strings.TrimSpace(p.Note)
	if p.Method == "" {
		p.Method = model.PayBank
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityPayment, model.ActCreate)
		if err != nil {
			return err
		}
		if p.CustomerID != "" {
			if _, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, p.CustomerID); err != nil {
				return model.ValidationErrors{{Field: "customer", Msg: "doc.err.customer"}}
			}
		}
		if p.Currency == "" {
			tax, err := loadTaxSettings(ctx, tx)
			if err != nil {
				return err
			}
			p.Currency = tax.BaseCurrency
		}
		if p.Date.IsZero() {
			p.Date = ss.s.today()
		}
		out, err := outstandingFor(ctx, tx, p.CustomerID, p.Currency)
		if err != nil {
			return err
		}
		if err := model.ValidatePayment(p, out); err != nil {
			return err
		}
		p.ID, p.Version, p.Allocated = ss.s.newID(), 1, 0
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM payments`).Scan(&p.Num); err != nil {
			return err
		}
		now := ts(ss.s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO payments (id, num, number, pay_date, customer_id, amount, currency, method, note,
			created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Num, p.Number, dateOnly(p.Date),
			p.CustomerID, int64(p.Amount), p.Currency, string(p.Method), p.Note, nullStr(actor.ID), now, now); err != nil {
			return fmt.Errorf("insert payment: %w", err)
		}
		if err := ss.allocate(ctx, tx, p, p.Allocations); err != nil {
			return err
		}
		for _, a := range p.Allocations {
			p.Allocated += a.Amount
		}
		changes := []model.Change{{Field: "customer_id", New: p.CustomerID}, {Field: "amount", New: fmt.Sprint(int64(p.Amount))},
			{Field: "currency", New: p.Currency}, {Field: "date", New: dateOnly(p.Date)}, {Field: "method", New: string(p.Method)},
			{Field: "number", New: p.Number}, {Field: "allocations", New: allocText(p.Allocations)}}
		return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityPayment, p.ID, changes)
	})
	return p, err
}

func allocText(as []model.Allocation) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = fmt.Sprintf("%s=%d", a.InvoiceID, int64(a.Amount))
	}
	return strings.Join(parts, ", ")
}

// AllocatePayment implements model.SalesService.
func (ss *Session) AllocatePayment(ctx context.Context, paymentID string, allocs []model.Allocation) (model.Payment, error) {
	var p model.Payment
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityPayment, model.ActUpdate)
		if err != nil {
			return err
		}
		ps, err := queryAll(ctx, tx, "payment", `SELECT `+payCols+` FROM payments p JOIN customers c ON c.id = p.customer_id
			WHERE p.id = ? AND p.deleted_at IS NULL`, scanPayment, paymentID)
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			return fmt.Errorf("payment %s: %w", paymentID, model.ErrNotFound)
		}
		p = ps[0]
		out, err := outstandingFor(ctx, tx, p.CustomerID, p.Currency)
		if err != nil {
			return err
		}
		check := p
		check.Amount = p.Amount - p.Allocated
		check.Allocations = allocs
		if err := model.ValidatePayment(check, out); err != nil {
			var v model.ValidationErrors
			if errors.As(err, &v) && len(v) == 1 && v[0].Field == "amount" {
				return model.ValidationErrors{{Field: "allocations", Msg: "pay.err.nothing_left"}}
			}
			return err
		}
		if err := ss.allocate(ctx, tx, p, allocs); err != nil {
			return err
		}
		for _, a := range allocs {
			p.Allocated += a.Amount
		}
		p.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPayment, p.ID,
			[]model.Change{{Field: "allocations", New: allocText(allocs)}})
	})
	if err == nil {
		p.Allocations, err = loadAllocations(ctx, ss.s.r, p.ID)
	}
	return p, err
}

// balanceOf computes a customer's balance on today in the base currency.
func balanceOf(ctx context.Context, q queryer, customerID string, today time.Time) (model.Balance, error) {
	var b model.Balance
	tax, err := loadTaxSettings(ctx, q)
	if err != nil {
		return b, err
	}
	b.Currency = tax.BaseCurrency
	var inv, cred int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(CAST(round(gross * rate_e4 / (10000.0 * rate_nominal)) AS INTEGER)), 0),
		coalesce(sum(CAST(round(credited * rate_e4 / (10000.0 * rate_nominal)) AS INTEGER)), 0)
		FROM documents WHERE customer_id = ? AND kind = 'invoice' AND status = 'posted' AND deleted_at IS NULL`, customerID).Scan(&inv, &cred); err != nil {
		return b, mapErr(err)
	}
	var paid, free int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(CAST(round(p.amount * r) AS INTEGER)), 0), coalesce(sum(CAST(round((p.amount - p.allocated) * r) AS INTEGER)), 0) FROM (
		SELECT p.amount, p.allocated, coalesce((SELECT d.rate_e4 / (10000.0 * d.rate_nominal) FROM allocations a
		JOIN documents d ON d.id = a.invoice_id WHERE a.payment_id = p.id LIMIT 1), 1) AS r
		FROM payments p WHERE p.customer_id = ? AND p.deleted_at IS NULL) p`, customerID).Scan(&paid, &free); err != nil {
		return b, mapErr(err)
	}
	b.Invoiced, b.Credited, b.Paid, b.Credit = model.Money(inv), model.Money(cred), model.Money(paid), model.Money(free)
	b.Debt = b.Invoiced + b.Credited - b.Paid
	open, err := openInvoices(ctx, q, customerID)
	if err != nil {
		return b, err
	}
	inBase(open)
	b.Ageing = model.AgeingOf(open, today)
	for _, d := range open {
		if !d.DueDate.IsZero() && dayLocal(today).After(d.DueDate) {
			b.Overdue += model.Outstanding(d)
		}
	}
	return b, nil
}

// inBase converts invoices' figures to the base currency at their rates.
func inBase(ds []model.Document) {
	for i := range ds {
		d := &ds[i]
		d.Totals.Gross = toBase(d.Totals.Gross, d.RateNominal, d.RateE4)
		d.Credited = toBase(d.Credited, d.RateNominal, d.RateE4)
		d.Paid = toBase(d.Paid, d.RateNominal, d.RateE4)
	}
}

// CustomerBalance implements model.SalesService.
func (ss *Session) CustomerBalance(ctx context.Context, customerID string, today time.Time) (model.Balance, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return model.Balance{}, err
	}
	if _, err := ss.loadCustomer(ctx, ss.s.r, u, model.ActRead, customerID); err != nil {
		return model.Balance{}, err
	}
	return balanceOf(ctx, ss.s.r, customerID, today)
}

// Receivables implements model.SalesService.
func (ss *Session) Receivables(ctx context.Context, today time.Time) (model.Ageing, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return model.Ageing{}, err
	}
	vis, args := docVisibility(u)
	ds, err := queryAll(ctx, ss.s.r, "receivables", `SELECT `+docCols+docFrom+` WHERE d.kind = 'invoice' AND d.status = 'posted'
		AND d.gross + d.credited > d.paid AND d.deleted_at IS NULL AND `+vis, scanDoc, args...)
	if err != nil {
		return model.Ageing{}, err
	}
	inBase(ds)
	return model.AgeingOf(ds, today), nil
}

// FindObligations implements model.SalesService.
func (ss *Session) FindObligations(ctx context.Context, f model.ObligationFilter) ([]model.Obligation, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return nil, err
	}
	vis, args := docVisibility(u)
	where := vis
	if f.Party != "" {
		where, args = where+" AND o.party = ?", append(args, string(f.Party))
	}
	if f.OpenOnly || f.OverdueOnly {
		where += " AND o.status = 'open'"
	}
	if f.OverdueOnly {
		where, args = where+" AND o.due < ?", append(args, dateOnly(dayLocal(f.Today)))
	}
	if f.CustomerID != "" {
		where, args = where+" AND o.customer_id = ?", append(args, f.CustomerID)
	}
	limit := f.Limit
	if limit <= 0 || limit > 5000 {
		limit = 500
	}
	return queryAll(ctx, ss.s.r, "obligations", `SELECT o.id, o.party, o.doc_id, d.kind, coalesce(d.number, ''), o.customer_id,
		coalesce(nullif(c.short_name, ''), c.name), o.due, o.amount, o.done, o.currency, o.status, o.text
		FROM obligations o JOIN documents d ON d.id = o.doc_id JOIN customers c ON c.id = o.customer_id
		WHERE `+where+` ORDER BY o.status = 'open' DESC, o.due, o.doc_id, o.seq LIMIT ? OFFSET ?`,
		func(sc scanner) (model.Obligation, error) {
			var o model.Obligation
			var party, kind, due string
			err := sc.Scan(&o.ID, &party, &o.DocID, &kind, &o.DocNumber, &o.CustomerID, &o.CustomerName, &due, &o.Amount, &o.Done,
				&o.Currency, &o.Status, &o.Text)
			o.Party, o.DocKind, o.Due = model.ObligationParty(party), model.DocKind(kind), parseDateOnly(due)
			return o, err
		}, append(args, limit, max(0, f.Offset))...)
}

// encodeStatement stores a statement in a document's body.
func encodeStatement(s model.Statement) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func decodeStatement(body string) (model.Statement, error) {
	var s model.Statement
	if body == "" {
		return s, nil
	}
	err := json.Unmarshal([]byte(body), &s)
	return s, err
}

// statementOf gathers a customer's invoices, credit notes and payments for
// a period, in the base currency.
func statementOf(ctx context.Context, q queryer, customerID string, from, to time.Time) (model.Statement, error) {
	fromS, toS := dateOnly(from), dateOnly(to)
	var opening int64
	if err := q.QueryRowContext(ctx, `SELECT
		coalesce((SELECT sum(CAST(round(gross * rate_e4 / (10000.0 * rate_nominal)) AS INTEGER)) FROM documents WHERE customer_id = ?1
			AND kind IN ('invoice', 'credit_note') AND status = 'posted' AND doc_date < ?2), 0)
		- coalesce((SELECT sum(CAST(round(p.amount * coalesce((SELECT d.rate_e4 / (10000.0 * d.rate_nominal) FROM allocations a JOIN documents d ON d.id = a.invoice_id
			WHERE a.payment_id = p.id LIMIT 1), 1)) AS INTEGER)) FROM payments p
			WHERE p.customer_id = ?1 AND p.pay_date < ?2 AND p.deleted_at IS NULL), 0)`,
		customerID, fromS).Scan(&opening); err != nil {
		return model.Statement{}, mapErr(err)
	}
	rows, err := q.QueryContext(ctx, `SELECT doc_date, kind, number, CAST(round(gross * rate_e4 / (10000.0 * rate_nominal)) AS INTEGER) FROM documents
		WHERE customer_id = ?1 AND kind IN ('invoice', 'credit_note') AND status = 'posted' AND doc_date BETWEEN ?2 AND ?3
		UNION ALL SELECT p.pay_date, '', p.number, -CAST(round(p.amount * coalesce((SELECT d.rate_e4 / (10000.0 * d.rate_nominal) FROM allocations a JOIN documents d ON d.id = a.invoice_id
			WHERE a.payment_id = p.id LIMIT 1), 1)) AS INTEGER)
		FROM payments p WHERE p.customer_id = ?1 AND p.deleted_at IS NULL
		AND p.pay_date BETWEEN ?2 AND ?3 ORDER BY 1, 2 DESC`, customerID, fromS, toS)
	if err != nil {
		return model.Statement{}, mapErr(err)
	}
	defer rows.Close()
	var out []model.StatementRow
	for rows.Next() {
		var date, kind, number string
		var amount int64
		if err := rows.Scan(&date, &kind, &number, &amount); err != nil {
			return model.Statement{}, err
		}
		m := model.Money(amount)
		r := model.StatementRow{Date: parseDateOnly(date), Kind: model.DocKind(kind), Number: number}
		if m >= 0 {
			r.Debit = m
		} else {
			r.Credit = -m
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return model.Statement{}, err
	}
	return model.BuildStatement(from, to, model.Money(opening), out), nil
}
