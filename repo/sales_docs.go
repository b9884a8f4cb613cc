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

// Documents: reading. Every document of a customer is visible to whoever
// sees the customer (sellers: their own and shared customers), within the
// role's access to documents.

const docCols = `d.id, d.num, d.kind, d.status, coalesce(d.number, ''), d.doc_date, d.customer_id,
	coalesce(nullif(c.short_name, ''), c.name), coalesce(d.owner_id, ''), coalesce(u.full_name, ''), d.currency, d.rate_nominal,
	d.rate_e4, d.lang, d.prices_incl_vat, d.no_vat, coalesce(d.valid_until, ''), coalesce(d.due_date, ''),
	coalesce(d.delivery_date, ''), coalesce(d.warehouse_id, ''), coalesce(d.period_from, ''), coalesce(d.period_to, ''),
	coalesce(d.base_id, ''), coalesce(b.number, ''), coalesce(d.order_id, ''), coalesce(d.contract_id, ''),
	coalesce(d.replaces_id, ''), d.terms, d.credit_approved, d.net, d.vat, d.gross, d.lines_count, d.paid, d.credited,
	d.note, d.reason, d.posted_at, d.created_at, d.updated_at, d.version, d.channel`

const docFrom = ` FROM documents d JOIN customers c ON c.id = d.customer_id LEFT JOIN users u ON u.id = d.owner_id
	LEFT JOIN documents b ON b.id = d.base_id`

func scanDoc(sc scanner) (model.Document, error) {
	var d model.Document
	var kind, status, date, valid, due, delivery, from, to, terms string
	var posted, created, updated sql.NullString
	err := sc.Scan(&d.ID, &d.Num, &kind, &status, &d.Number, &date, &d.CustomerID, &d.CustomerName, &d.OwnerID, &d.OwnerName,
		&d.Currency, &d.RateNominal, &d.RateE4, &d.Lang, &d.PricesIncludeVAT, &d.NoVAT, &valid, &due, &delivery, &d.WarehouseID,
		&from, &to, &d.BaseID, &d.BaseNumber, &d.OrderID, &d.ContractID, &d.ReplacesID, &terms, &d.CreditApproved,
		&d.Totals.Net, &d.Totals.VAT, &d.Totals.Gross, &d.Totals.Lines, &d.Paid, &d.Credited, &d.Note, &d.Reason,
		&posted, &created, &updated, &d.Version, &d.Channel)
	if err != nil {
		return d, err
	}
	d.Kind, d.Status = model.DocKind(kind), model.DocStatus(status)
	d.Date, d.ValidUntil, d.DueDate, d.DeliveryDate = parseDateOnly(date), parseDateOnly(valid), parseDateOnly(due), parseDateOnly(delivery)
	d.PeriodFrom, d.PeriodTo = parseDateOnly(from), parseDateOnly(to)
	d.PostedAt, d.Created, d.Updated = parseTS(posted), parseTS(created), parseTS(updated)
	if d.Terms, err = decodeTerms(terms); err != nil {
		return d, fmt.Errorf("document %s terms: %w", d.ID, err)
	}
	return d, nil
}

func encodeTerms(t model.PaymentTerms) string {
	if t.IsZero() {
		return ""
	}
	b, _ := json.Marshal(t)
	return string(b)
}

func decodeTerms(s string) (model.PaymentTerms, error) {
	var t model.PaymentTerms
	if s == "" {
		return t, nil
	}
	err := json.Unmarshal([]byte(s), &t)
	return t, err
}

// docVisibility is the predicate on d (documents) for what u may read.
func docVisibility(u model.User) (string, []any) {
	switch model.ScopeFor(u.Role, model.EntityDocument, model.ActRead) {
	case model.ScopeAll:
		return "1=1", nil
	case model.ScopeOwn:
		vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
		return vis, args
	}
	return "0=1", nil
}

func docWhere(u model.User, f model.DocFilter) (string, []any) {
	where, args := docVisibility(u)
	where = "d.deleted_at IS NULL AND " + where
	add := func(cond string, a ...any) {
		where += " AND " + cond
		args = append(args, a...)
	}
	if f.Kind != "" {
		add("d.kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		add("d.status = ?", string(f.Status))
	}
	if f.CustomerID != "" {
		add("d.customer_id = ?", f.CustomerID)
	}
	if f.OrderID != "" {
		add("(d.order_id = ? OR d.id = ?)", f.OrderID, f.OrderID)
	}
	if !f.From.IsZero() {
		add("d.doc_date >= ?", dateOnly(f.From))
	}
	if !f.To.IsZero() {
		add("d.doc_date <= ?", dateOnly(f.To))
	}
	if q := model.FoldText(strings.TrimSpace(f.Query)); q != "" {
		add(`(d.number_fold >= ? AND d.number_fold < ? OR d.customer_id IN (SELECT c2.id FROM customers c2
			WHERE c2.name_fold >= ? AND c2.name_fold < ? AND c2.deleted_at IS NULL))`, q, q+"\U0010ffff", q, q+"\U0010ffff")
	}
	if f.PayState != "" {
		today := dateOnly(dayLocal(f.Today))
		switch f.PayState {
		case model.PayPaid:
			add("d.kind = 'invoice' AND d.status <> 'cancelled' AND d.gross + d.credited <= d.paid")
		case model.PayOverdue:
			add("d.kind = 'invoice' AND d.status <> 'cancelled' AND d.gross + d.credited > d.paid AND d.due_date < ?", today)
		case model.PayPartly:
			add("d.kind = 'invoice' AND d.status <> 'cancelled' AND d.gross + d.credited > d.paid AND d.paid > 0 AND coalesce(d.due_date, '9') >= ?", today)
		case model.PayUnpaid:
			add("d.kind = 'invoice' AND d.status <> 'cancelled' AND d.gross + d.credited > d.paid AND d.paid = 0 AND coalesce(d.due_date, '9') >= ?", today)
		case model.PayCancelled:
			add("d.kind = 'invoice' AND d.status = 'cancelled'")
		}
	}
	return where, args
}

// dayLocal is t's calendar date in the local zone as UTC midnight (the
// date a document bears); the zero time is today.
func dayLocal(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	y, m, d := t.Local().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// FindDocuments implements model.SalesService.
func (ss *Session) FindDocuments(ctx context.Context, f model.DocFilter) ([]model.Document, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	where, args := docWhere(u, f)
	if f.AfterNum > 0 {
		where += " AND d.num < ?"
		args = append(args, f.AfterNum)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	return queryAll(ctx, ss.s.r, "documents", `SELECT `+docCols+docFrom+` WHERE `+where+` ORDER BY d.num DESC LIMIT `+fmt.Sprint(limit),
		scanDoc, args...)
}

// CountDocuments implements model.SalesService.
func (ss *Session) CountDocuments(ctx context.Context, f model.DocFilter) (int, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	where, args := docWhere(u, f)
	var n int
	err = ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM documents d JOIN customers c ON c.id = d.customer_id WHERE `+where, args...).Scan(&n)
	return n, mapErr(err)
}

// loadDoc reads one visible document with its lines (and body).
func loadDoc(ctx context.Context, q queryer, u model.User, where string, args ...any) (model.Document, error) {
	vis, vargs := docVisibility(u)
	ds, err := queryAll(ctx, q, "document", `SELECT `+docCols+docFrom+` WHERE d.deleted_at IS NULL AND `+vis+` AND `+where,
		scanDoc, append(vargs, args...)...)
	if err != nil {
		return model.Document{}, err
	}
	if len(ds) == 0 {
		return model.Document{}, model.ErrNotFound
	}
	d := ds[0]
	var linesOf sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT body, lines_of FROM documents WHERE id = ?`, d.ID).Scan(&d.Body, &linesOf); err != nil {
		return d, mapErr(err)
	}
	src := d.ID
	if linesOf.Valid {
		src = linesOf.String
	}
	if d.Lines, err = loadLines(ctx, q, src); err != nil {
		return d, err
	}
	if d.Kind.HasLines() {
		t, err := model.DocTotals(d.Lines)
		if err != nil {
			return d, err
		}
		d.Totals = t
	}
	return d, nil
}

const lineCols = `no, coalesce(product_id, ''), sku, name, unit_code, unit, qty, price, manual_price, price_reason, vat_cat, vat_bp,
	net, vat, gross, weight_grams, base_line, note`

func loadLines(ctx context.Context, q queryer, docID string) ([]model.DocLine, error) {
	return queryAll(ctx, q, "document lines", `SELECT `+lineCols+` FROM document_lines WHERE doc_id = ? ORDER BY no`,
		func(sc scanner) (model.DocLine, error) {
			var l model.DocLine
			var cat string
			err := sc.Scan(&l.No, &l.ProductID, &l.SKU, &l.Name, &l.UnitCode, &l.Unit, &l.Qty, &l.Price, &l.ManualPrice,
				&l.PriceReason, &cat, &l.VATBP, &l.Amounts.Net, &l.Amounts.VAT, &l.Amounts.Gross, &l.WeightGrams, &l.BaseLine, &l.Note)
			l.VATCat = model.VATCategory(cat)
			return l, err
		}, docID)
}

// FindDocumentByID implements model.SalesService.
func (ss *Session) FindDocumentByID(ctx context.Context, id string) (model.Document, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return model.Document{}, fmt.Errorf("document %s: %w", id, err)
	}
	d, err := loadDoc(ctx, ss.s.r, u, "d.id = ?", id)
	if err != nil {
		return d, fmt.Errorf("document %s: %w", id, err)
	}
	return d, nil
}

// FindDocumentByNumber implements model.SalesService.
func (ss *Session) FindDocumentByNumber(ctx context.Context, kind model.DocKind, number string) (model.Document, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return model.Document{}, fmt.Errorf("document %s: %w", number, err)
	}
	number = strings.TrimSpace(number)
	d, err := loadDoc(ctx, ss.s.r, u, "d.kind = ? AND d.number = ?", string(kind), number)
	if errors.Is(err, model.ErrNotFound) {
		// Typed in another case: numbers are compared folded.
		d, err = loadDoc(ctx, ss.s.r, u, "d.kind = ? AND d.number_fold = ?", string(kind), model.FoldText(number))
	}
	if err != nil {
		return d, fmt.Errorf("%s %s: %w", kind, number, err)
	}
	return d, nil
}

// RelatedDocuments implements model.SalesService.
func (ss *Session) RelatedDocuments(ctx context.Context, id string) ([]model.Document, error) {
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return nil, err
	}
	vis, args := docVisibility(u)
	return queryAll(ctx, ss.s.r, "related documents", `SELECT `+docCols+docFrom+` WHERE d.deleted_at IS NULL AND `+vis+` AND d.id <> ?
		AND (d.base_id = ? OR d.order_id = ? OR d.replaces_id = ? OR d.contract_id = ?
		OR d.id = (SELECT base_id FROM documents WHERE id = ?) OR d.id = (SELECT order_id FROM documents WHERE id = ?)
		OR d.id = (SELECT replaces_id FROM documents WHERE id = ?) OR d.id = (SELECT contract_id FROM documents WHERE id = ?)
		OR d.replaces_id = (SELECT id FROM documents WHERE replaces_id = ?))
		ORDER BY d.num`, scanDoc, append(args, id, id, id, id, id, id, id, id, id, id)...)
}

// nextNumber takes the next number of kind's series for day, inside the
// posting transaction (rolled back with it: no gaps).
func nextNumber(ctx context.Context, tx *sql.Tx, kind model.DocKind, day time.Time) (string, error) {
	var mask string
	err := tx.QueryRowContext(ctx, `SELECT mask FROM number_series WHERE kind = ?`, string(kind)).Scan(&mask)
	if errors.Is(err, sql.ErrNoRows) {
		mask = model.DefaultSeries[kind]
	} else if err != nil {
		return "", err
	}
	year := 0
	if strings.Contains(mask, "{YY") {
		year = day.Year()
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO series_counters (kind, year, last) VALUES (?, ?, 1)
		ON CONFLICT (kind, year) DO UPDATE SET last = last + 1 RETURNING last`, string(kind), year).Scan(&seq); err != nil {
		return "", fmt.Errorf("number series %s: %w", kind, err)
	}
	n, err := model.FormatDocNumber(mask, day, seq)
	if err != nil {
		return "", fmt.Errorf("number series %s: %w", kind, err)
	}
	return n, nil
}

func nextDocNum(ctx context.Context, tx *sql.Tx) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM documents`).Scan(&n)
	return n, err
}

// insertDoc writes a new document row (and its own lines unless linesOf).
func (s *Store) insertDoc(ctx context.Context, tx *sql.Tx, d *model.Document, linesOf string) error {
	if d.ID == "" {
		d.ID = s.newID()
	}
	num, err := nextDocNum(ctx, tx)
	if err != nil {
		return err
	}
	d.Num, d.Version = num, 1
	if d.Channel == "" {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT nullif(channel, '') FROM documents WHERE id = coalesce(nullif(?, ''), nullif(?, ''))),
			(SELECT channel FROM customers WHERE id = ?), '')`, d.OrderID, d.BaseID, d.CustomerID).Scan(&d.Channel); err != nil {
			return fmt.Errorf("channel of the new %s: %w", d.Kind, err)
		}
	}
	now := s.now()
	d.Created, d.Updated = now, now
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, num, kind, status, number, number_fold, doc_date, customer_id, owner_id,
		currency, rate_nominal, rate_e4, lang, prices_incl_vat, no_vat, valid_until, due_date, delivery_date, warehouse_id,
		period_from, period_to, base_id, order_id, contract_id, replaces_id, lines_of, terms, credit_approved, net, vat, gross,
		lines_count, paid, credited, body, note, reason, posted_at, created_at, updated_at, channel)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.Num, string(d.Kind), string(d.Status), nullStr(d.Number), nullStr(model.FoldText(d.Number)), dateOnly(d.Date),
		d.CustomerID, nullStr(d.OwnerID), d.Currency, max(d.RateNominal, 1), max(d.RateE4, 1), d.Lang, d.PricesIncludeVAT, d.NoVAT,
		nullStr(dateOnly(d.ValidUntil)), nullStr(dateOnly(d.DueDate)), nullStr(dateOnly(d.DeliveryDate)), nullStr(d.WarehouseID),
		nullStr(dateOnly(d.PeriodFrom)), nullStr(dateOnly(d.PeriodTo)), nullStr(d.BaseID), nullStr(d.OrderID), nullStr(d.ContractID),
		nullStr(d.ReplacesID), nullStr(linesOf), encodeTerms(d.Terms), d.CreditApproved, int64(d.Totals.Net), int64(d.Totals.VAT),
		int64(d.Totals.Gross), d.Totals.Lines, int64(d.Paid), int64(d.Credited), d.Body, d.Note, d.Reason, nullTS(d.PostedAt),
		ts(now), ts(now), string(d.Channel)); err != nil {
		return fmt.Errorf("insert %s: %w", d.Kind, err)
	}
	if linesOf == "" {
		return insertLines(ctx, tx, d.ID, d.Lines)
	}
	return nil
}

func insertLines(ctx context.Context, tx *sql.Tx, docID string, lines []model.DocLine) error {
	if len(lines) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO document_lines (doc_id, no, product_id, sku, name, unit_code, unit, qty, price,
		manual_price, price_reason, vat_cat, vat_bp, net, vat, gross, weight_grams, base_line, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, l := range lines {
		cat := l.VATCat
		if cat == "" {
			cat = model.VATNone
		}
		if _, err := stmt.ExecContext(ctx, docID, l.No, nullStr(l.ProductID), l.SKU, l.Name, l.UnitCode, l.Unit, int64(l.Qty),
			int64(l.Price), l.ManualPrice, l.PriceReason, string(cat), l.VATBP, int64(l.Amounts.Net), int64(l.Amounts.VAT),
			int64(l.Amounts.Gross), l.WeightGrams, l.BaseLine, l.Note); err != nil {
			return fmt.Errorf("line %d: %w", l.No, err)
		}
	}
	return nil
}

// docAudit is what the audit log records of a document.
func docAudit(d model.Document) map[string]string {
	return map[string]string{
		"kind": string(d.Kind), "status": string(d.Status), "number": d.Number, "date": dateOnly(d.Date),
		"customer_id": d.CustomerID, "currency": d.Currency, "gross": fmt.Sprint(int64(d.Totals.Gross)),
		"lines": fmt.Sprint(d.Totals.Lines), "credit_approved": d.CreditApproved, "reason": d.Reason, "channel": string(d.Channel),
	}
}
