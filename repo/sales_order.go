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

// today is the calendar date documents bear now.
func (s *Store) today() time.Time { return dayLocal(s.now()) }

// docRate is the rate of currency to the base currency on day, as a
// document stores it (1/1 for the base currency).
func docRate(ctx context.Context, q queryer, currency, base string, day time.Time) (nominal, e4 int64, err error) {
	if currency == "" || currency == base {
		return 1, 10000, nil
	}
	rates, err := loadRates(ctx, q, day)
	if err != nil {
		return 0, 0, err
	}
	r, ok := model.RateOn(rates, currency, day)
	if !ok {
		return 0, 0, model.ValidationErrors{{Field: "currency", Msg: "doc.err.no_rate"}}
	}
	return max(r.Nominal, 1), r.ValueE4, nil
}

// toBase converts a document amount to the base currency at its rate.
func toBase(m model.Money, nominal, e4 int64) model.Money {
	if nominal <= 0 {
		nominal = 1
	}
	v, _ := model.MulDivRound(int64(m), e4, 10000*nominal)
	return model.Money(v)
}

// priceDraft snapshots the products of d's lines, prices those without a
// manual price for the customer, day and currency, and computes the lines
// and totals.
func (ss *Session) priceDraft(ctx context.Context, tx *sql.Tx, u model.User, d model.Document, day time.Time) (model.Document, error) {
	var ids []string
	seen := map[string]bool{}
	for _, l := range d.Lines {
		if l.ProductID != "" && !seen[l.ProductID] {
			seen[l.ProductID] = true
			ids = append(ids, l.ProductID)
		}
	}
	if ids == nil {
		ids = []string{}
	}
	pd, err := ss.loadPriceData(ctx, tx, u, d.CustomerID, "", ids, day, d.Currency)
	if err != nil {
		return d, err
	}
	d.PricesIncludeVAT, d.NoVAT = pd.tax.PricesIncludeVAT, pd.tax.NoVAT
	lines := make([]model.DocLine, len(d.Lines))
	for i, l := range d.Lines {
		if l.ProductID != "" {
			p, ok := pd.products[l.ProductID]
			if !ok {
				return d, model.ValidationErrors{{Field: fmt.Sprintf("lines.%d.product", i+1), Msg: "doc.err.product"}}
			}
			l.SKU, l.UnitCode, l.VATCat, l.WeightGrams = p.SKU, p.UnitCode, p.VAT, p.WeightGrams
			if strings.TrimSpace(l.Name) == "" {
				l.Name = p.Name
			}
			if u, ok := model.UnitByCode(p.UnitCode); ok {
				l.Unit = u.Symbol
			}
			if !l.ManualPrice && l.Qty > 0 {
				r, err := pd.resolve(l.ProductID, l.Qty)
				if err != nil {
					return d, fmt.Errorf("line %d: %w", i+1, err)
				}
				l.Price, l.PriceReason = r.Price, r.Reason
			}
		}
		if l.VATCat == "" {
			l.VATCat = model.VATStandard
		}
		lines[i] = l
	}
	if err := model.ValidateDraft(model.Document{Kind: d.Kind, CustomerID: d.CustomerID, Currency: d.Currency, Lines: lines,
		Date: day, ValidUntil: d.ValidUntil}); err != nil {
		return d, err
	}
	d.Lines = lines
	return d, recompute(&d, day)
}

// loadTerms reads the customer's own and group terms and merges them.
func loadTerms(ctx context.Context, q queryer, customerID string) (effective, own model.CustomerTerms, err error) {
	scan := func(where string, arg string) (model.CustomerTerms, error) {
		var t model.CustomerTerms
		var terms string
		var cust, group sql.NullString
		err := q.QueryRowContext(ctx, `SELECT customer_id, group_id, terms, has_terms, credit_limit, has_limit, doc_lang, version
			FROM customer_terms WHERE `+where, arg).Scan(&cust, &group, &terms, &t.HasTerms, &t.CreditLimit, &t.HasLimit, &t.DocLang, &t.Version)
		if errors.Is(err, sql.ErrNoRows) {
			return t, nil
		}
		if err != nil {
			return t, mapErr(err)
		}
		t.CustomerID, t.GroupID = cust.String, group.String
		t.Terms, err = decodeTerms(terms)
		return t, err
	}
	if own, err = scan("customer_id = ?", customerID); err != nil {
		return
	}
	own.CustomerID = customerID
	var groupID string
	if err = q.QueryRowContext(ctx, `SELECT coalesce(group_id, '') FROM customers WHERE id = ?`, customerID).Scan(&groupID); err != nil {
		return effective, own, mapErr(err)
	}
	var group model.CustomerTerms
	if groupID != "" {
		if group, err = scan("group_id = ?", groupID); err != nil {
			return
		}
	}
	return model.EffectiveTerms(own, group), own, nil
}

// customerDebt is what the customer owes in the base currency now: posted
// invoices and credit notes less payments (negative: an overpayment).
func customerDebt(ctx context.Context, q queryer, customerID string) (model.Money, error) {
	var inv, paid int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(CAST(round((gross + credited) * rate_e4 / (10000.0 * rate_nominal)) AS INTEGER)), 0)
		FROM documents WHERE customer_id = ? AND kind = 'invoice' AND status = 'posted' AND deleted_at IS NULL`, customerID).Scan(&inv); err != nil {
		return 0, mapErr(err)
	}
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(CAST(round(p.amount * coalesce(
		(SELECT d.rate_e4 / (10000.0 * d.rate_nominal) FROM allocations a JOIN documents d ON d.id = a.invoice_id WHERE a.payment_id = p.id LIMIT 1),
		1)) AS INTEGER)), 0) FROM payments p WHERE p.customer_id = ? AND p.deleted_at IS NULL`, customerID).Scan(&paid); err != nil {
		return 0, mapErr(err)
	}
	return model.Money(inv - paid), nil
}

// creditCheck applies the customer's credit limit to an order.
func creditCheck(ctx context.Context, q queryer, d model.Document, terms model.CustomerTerms, base string) error {
	if !terms.HasLimit {
		return nil
	}
	debt, err := customerDebt(ctx, q, d.CustomerID)
	if err != nil {
		return err
	}
	return model.CheckCredit(terms.CreditLimit, true, max(0, debt), toBase(d.Totals.Gross, d.RateNominal, d.RateE4), terms.Terms, base)
}

// CheckOrder implements model.SalesService.
func (ss *Session) CheckOrder(ctx context.Context, d model.Document) (model.OrderCheck, error) {
	var out model.OrderCheck
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return out, err
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, mapErr(err)
	}
	defer tx.Rollback()
	tax, err := loadTaxSettings(ctx, tx)
	if err != nil {
		return out, err
	}
	if d.Currency == "" {
		d.Currency = tax.BaseCurrency
	}
	day := ss.s.today()
	if d.RateNominal, d.RateE4, err = docRate(ctx, tx, d.Currency, tax.BaseCurrency, day); err != nil {
		return out, err
	}
	if d.Kind == "" {
		d.Kind = model.DocOrder
	}
	priced, err := ss.priceDraft(ctx, tx, u, d, day)
	if err != nil {
		return out, err
	}
	out.Lines, out.Totals = priced.Lines, priced.Totals
	if out.Available, err = availability(ctx, tx, priced.Lines, d.WarehouseID); err != nil {
		return out, err
	}
	need, err := stockNeeds(ctx, tx, priced.Lines)
	if err != nil {
		return out, err
	}
	for _, l := range priced.Lines {
		if q, ok := need[l.ProductID]; ok && out.Available[l.ProductID] < q {
			out.Short = append(out.Short, l.No)
		}
	}
	if out.Terms, _, err = loadTerms(ctx, tx, d.CustomerID); err != nil {
		return out, err
	}
	out.NeedsCheck = out.Terms.HasLimit
	out.Credit = creditCheck(ctx, tx, priced, out.Terms, tax.BaseCurrency)
	var ce *model.CreditLimitError
	if out.Credit != nil && !errors.As(out.Credit, &ce) {
		return out, out.Credit
	}
	if out.Balance, err = balanceOf(ctx, tx, d.CustomerID, day); err != nil {
		return out, err
	}
	return out, nil
}

// availability is the available stock of the lines' products at the
// warehouse (all warehouses when none is given).
func availability(ctx context.Context, q queryer, lines []model.DocLine, warehouseID string) (map[string]model.Qty, error) {
	out := map[string]model.Qty{}
	var ids []string
	for _, l := range lines {
		if l.ProductID != "" {
			ids = append(ids, l.ProductID)
		}
	}
	comps, err := kitComponents(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	for _, cs := range comps {
		for _, c := range cs {
			ids = append(ids, c.ProductID)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	js, _ := json.Marshal(ids)
	where, args := `product_id IN (SELECT value FROM json_each(?))`, []any{string(js)}
	if warehouseID != "" {
		where, args = where+` AND warehouse_id = ?`, append(args, warehouseID)
	}
	rows, err := q.QueryContext(ctx, `SELECT product_id, sum(on_hand - reserved) FROM stock_balances WHERE `+where+` GROUP BY product_id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var q int64
		if err := rows.Scan(&id, &q); err != nil {
			return nil, err
		}
		out[id] = model.Qty(q)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// A kit is available as many times as its scarcest component allows.
	for kit, cs := range comps {
		best := model.Qty(-1)
		for _, c := range cs {
			if c.Optional || c.Choice != "" || c.Qty <= 0 {
				continue
			}
			n := model.Qty(int64(out[c.ProductID]) * 1000 / int64(c.Qty))
			if best < 0 || n < best {
				best = n
			}
		}
		if best >= 0 {
			out[kit] = best
		}
	}
	return out, nil
}

// kitComponents loads the components of those of ids that are kits.
func kitComponents(ctx context.Context, q queryer, ids []string) (map[string][]model.KitComponent, error) {
	out := map[string][]model.KitComponent{}
	if len(ids) == 0 {
		return out, nil
	}
	js, _ := json.Marshal(ids)
	cs, err := queryAll(ctx, q, "kit components", `SELECT k.kit_id, k.product_id, k.qty, k.optional, k.choice, k.sort
		FROM kit_components k JOIN products p ON p.id = k.kit_id AND p.kind = 'kit'
		WHERE k.kit_id IN (SELECT value FROM json_each(?)) ORDER BY k.kit_id, k.sort, k.product_id`,
		func(sc scanner) (model.KitComponent, error) {
			var c model.KitComponent
			err := sc.Scan(&c.KitID, &c.ProductID, &c.Qty, &c.Optional, &c.Choice, &c.Sort)
			return c, err
		}, string(js))
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		out[c.KitID] = append(out[c.KitID], c)
	}
	return out, nil
}

// stockNeeds is how much of each stocked product the lines take: goods as
// they are, kits expanded into their components (the first alternative of
// each choice group, no optional components). Services need no stock.
func stockNeeds(ctx context.Context, q queryer, lines []model.DocLine) (map[string]model.Qty, error) {
	var ids []string
	for _, l := range lines {
		if l.ProductID != "" {
			ids = append(ids, l.ProductID)
		}
	}
	need := map[string]model.Qty{}
	if len(ids) == 0 {
		return need, nil
	}
	kinds := map[string]model.ProductKind{}
	if err := productKinds(ctx, q, ids, kinds); err != nil {
		return nil, err
	}
	comps, err := kitComponents(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	var compIDs []string
	for _, cs := range comps {
		for _, c := range cs {
			compIDs = append(compIDs, c.ProductID)
		}
	}
	if err := productKinds(ctx, q, compIDs, kinds); err != nil {
		return nil, err
	}
	for _, l := range lines {
		switch kinds[l.ProductID] {
		case model.KindGoods:
			need[l.ProductID] += l.Qty
		case model.KindKit:
			cs := comps[l.ProductID]
			chosen := map[string]string{}
			for _, c := range cs {
				if _, ok := chosen[c.Choice]; c.Choice != "" && !ok {
					chosen[c.Choice] = c.ProductID
				}
			}
			parts, err := model.ExpandKit(l.Qty, cs, chosen, nil)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", l.No, err)
			}
			for _, p := range parts {
				if kinds[p.ProductID] == model.KindGoods {
					need[p.ProductID] += p.Qty
				}
			}
		}
	}
	return need, nil
}

// SaveDraft implements model.SalesService.
func (ss *Session) SaveDraft(ctx context.Context, d model.Document) (model.Document, error) {
	if d.Kind == "" {
		d.Kind = model.DocOrder
	}
	if d.Kind != model.DocQuote && d.Kind != model.DocOrder && d.Kind != model.DocInvoice {
		return d, model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
	}
	d.Note = strings.TrimSpace(d.Note)
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActCreate
		if d.ID != "" {
			act = model.ActUpdate
		}
		actor, err := ss.allow(ctx, tx, model.EntityDocument, act)
		if err != nil {
			return err
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, d.CustomerID); err != nil {
			if errors.Is(err, model.ErrNotFound) {
				return model.ValidationErrors{{Field: "customer", Msg: "doc.err.customer"}}
			}
			return err
		}
		var old model.Document
		if d.ID != "" {
			if old, err = loadDoc(ctx, tx, actor, "d.id = ?", d.ID); err != nil {
				return fmt.Errorf("draft %s: %w", d.ID, err)
			}
			if old.Status != model.StatusDraft {
				return fmt.Errorf("%s %s: %w", old.Kind, old.Number, model.ErrPosted)
			}
			if old.Version != d.Version {
				return model.StaleError("document", d.ID, d.Version)
			}
			d.Kind = old.Kind
		}
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		if d.Currency == "" {
			d.Currency = tax.BaseCurrency
		}
		day := ss.s.today()
		if d.RateNominal, d.RateE4, err = docRate(ctx, tx, d.Currency, tax.BaseCurrency, day); err != nil {
			return err
		}
		if d.WarehouseID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM warehouses WHERE id = ? AND deleted_at IS NULL`, d.WarehouseID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return model.ValidationErrors{{Field: "warehouse", Msg: "valid.warehouse.unknown"}}
			}
		}
		if d.ContractID != "" {
			var cust, kind string
			err := tx.QueryRowContext(ctx, `SELECT customer_id, kind FROM documents WHERE id = ?`, d.ContractID).Scan(&cust, &kind)
			if err != nil || cust != d.CustomerID || kind != string(model.DocContract) {
				return model.ValidationErrors{{Field: "contract", Msg: "doc.err.contract"}}
			}
		}
		if d, err = ss.priceDraft(ctx, tx, actor, d, day); err != nil {
			return err
		}
		terms, _, err := loadTerms(ctx, tx, d.CustomerID)
		if err != nil {
			return err
		}
		if d.Lang == "" {
			d.Lang = terms.DocLang
		}
		d.Status, d.Number, d.Date = model.StatusDraft, "", day
		now := ss.s.now()
		if d.ID == "" {
			d.OwnerID = actor.ID
			if err := ss.s.insertDoc(ctx, tx, &d, ""); err != nil {
				return err
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, d.ID, model.Diff(nil, docAudit(d)))
		}
		res, err := tx.ExecContext(ctx, `UPDATE documents SET customer_id = ?, currency = ?, rate_nominal = ?, rate_e4 = ?, lang = ?,
			prices_incl_vat = ?, no_vat = ?, valid_until = ?, delivery_date = ?, warehouse_id = ?, contract_id = ?, doc_date = ?,
			net = ?, vat = ?, gross = ?, lines_count = ?, note = ?,
			channel = coalesce(nullif(?, ''), (SELECT channel FROM customers WHERE id = ?), ''), updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			d.CustomerID, d.Currency, d.RateNominal, d.RateE4, d.Lang, d.PricesIncludeVAT, d.NoVAT, nullStr(dateOnly(d.ValidUntil)),
			nullStr(dateOnly(d.DeliveryDate)), nullStr(d.WarehouseID), nullStr(d.ContractID), dateOnly(d.Date), int64(d.Totals.Net),
			int64(d.Totals.VAT), int64(d.Totals.Gross), d.Totals.Lines, d.Note, string(d.Channel), d.CustomerID, ts(now), d.ID, d.Version)
		if err := staleCheck(res, err, "document", d.ID, d.Version); err != nil {
			return err
		}
		d.Version++
		if _, err := tx.ExecContext(ctx, `DELETE FROM document_lines WHERE doc_id = ?`, d.ID); err != nil {
			return err
		}
		if err := insertLines(ctx, tx, d.ID, d.Lines); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, d.ID, model.Diff(docAudit(old), docAudit(d)))
	})
	return d, err
}

// DeleteDraft implements model.SalesService.
func (ss *Session) DeleteDraft(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityDocument, model.ActUpdate)
		if err != nil {
			return err
		}
		d, err := loadDoc(ctx, tx, actor, "d.id = ?", id)
		if err != nil {
			return fmt.Errorf("draft %s: %w", id, err)
		}
		if d.Status != model.StatusDraft {
			return fmt.Errorf("%s %s: %w", d.Kind, d.Number, model.ErrPosted)
		}
		if d.Version != version {
			return model.StaleError("document", id, version)
		}
		var refs int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE base_id = ? OR order_id = ? OR contract_id = ? OR lines_of = ?`,
			id, id, id, id).Scan(&refs); err != nil {
			return err
		}
		if refs > 0 {
			return fmt.Errorf("draft %s is referred to: %w", id, model.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM insurance_policies WHERE order_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM document_lines WHERE doc_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityDocument, id, model.Diff(docAudit(d), nil))
	})
}

// loadForChange loads a document for a state change, checking its version.
func (ss *Session) loadForChange(ctx context.Context, tx *sql.Tx, act model.Action, id string, version int64) (model.User, model.Document, error) {
	actor, err := ss.allow(ctx, tx, model.EntityDocument, act)
	if err != nil {
		return actor, model.Document{}, err
	}
	d, err := loadDoc(ctx, tx, actor, "d.id = ?", id)
	if err != nil {
		return actor, d, fmt.Errorf("document %s: %w", id, err)
	}
	if version != 0 && d.Version != version {
		return actor, d, model.StaleError("document", id, version)
	}
	return actor, d, nil
}

// setPosted numbers a draft and posts it on day.
func (ss *Session) setPosted(ctx context.Context, tx *sql.Tx, d *model.Document, day time.Time, extra string, args ...any) error {
	num, err := nextNumber(ctx, tx, d.Kind, day)
	if err != nil {
		return err
	}
	now := ss.s.now()
	res, err := tx.ExecContext(ctx, `UPDATE documents SET status = 'posted', number = ?, number_fold = ?, doc_date = ?, posted_at = ?,
		updated_at = ?, version = version + 1`+extra+` WHERE id = ? AND version = ?`,
		append(append([]any{num, model.FoldText(num), dateOnly(day), ts(now), ts(now)}, args...), d.ID, d.Version)...)
	if err := staleCheck(res, err, "document", d.ID, d.Version); err != nil {
		return err
	}
	d.Status, d.Number, d.Date, d.PostedAt, d.Version = model.StatusPosted, num, day, now, d.Version+1
	return nil
}

// PostQuote implements model.SalesService.
func (ss *Session) PostQuote(ctx context.Context, id string, version int64) (model.Document, error) {
	var d model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, doc, err := ss.loadForChange(ctx, tx, model.ActUpdate, id, version)
		if err != nil {
			return err
		}
		d = doc
		if d.Kind != model.DocQuote {
			return model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
		}
		if d.Status != model.StatusDraft {
			return fmt.Errorf("quote %s: %w", d.Number, model.ErrPosted)
		}
		day := ss.s.today()
		if d.ValidUntil.IsZero() {
			d.ValidUntil = day.AddDate(0, 0, 14)
		}
		if err := ss.setPosted(ctx, tx, &d, day, ", valid_until = ?", dateOnly(d.ValidUntil)); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, d.ID, model.Diff(docAudit(doc), docAudit(d)))
	})
	return d, err
}

// OrderFromQuote implements model.SalesService.
func (ss *Session) OrderFromQuote(ctx context.Context, quoteID string) (model.Document, error) {
	var o model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, q, err := ss.loadForChange(ctx, tx, model.ActCreate, quoteID, 0)
		if err != nil {
			return err
		}
		o, err = ss.orderFromQuote(ctx, tx, actor, q)
		return err
	})
	return o, err
}

// orderFromQuote makes a draft order of quote q inside tx (OrderFromQuote,
// and winning a deal with an issued quote).
func (ss *Session) orderFromQuote(ctx context.Context, tx *sql.Tx, actor model.User, q model.Document) (model.Document, error) {
	if q.Kind != model.DocQuote || q.Status == model.StatusCancelled {
		return model.Document{}, model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
	}
	o := model.Document{Kind: model.DocOrder, Status: model.StatusDraft, Date: ss.s.today(), CustomerID: q.CustomerID,
		OwnerID: userRef(actor, q.OwnerID), Currency: q.Currency, RateNominal: q.RateNominal, RateE4: q.RateE4, Lang: q.Lang,
		PricesIncludeVAT: q.PricesIncludeVAT, NoVAT: q.NoVAT, BaseID: q.ID, ContractID: q.ContractID,
		WarehouseID: q.WarehouseID, DeliveryDate: q.DeliveryDate, Note: q.Note, Totals: q.Totals}
	o.Lines = make([]model.DocLine, len(q.Lines))
	for i, l := range q.Lines {
		l.ManualPrice = true // the quoted price holds
		o.Lines[i] = l
	}
	if err := ss.s.insertDoc(ctx, tx, &o, ""); err != nil {
		return o, err
	}
	return o, ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, o.ID, model.Diff(nil, docAudit(o)))
}

// ApproveCredit implements model.SalesService.
func (ss *Session) ApproveCredit(ctx context.Context, orderID string, version int64, note string) (model.Document, error) {
	var d model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, doc, err := ss.loadForChange(ctx, tx, model.ActUpdate, orderID, version)
		if err != nil {
			return err
		}
		if actor.Role != model.RoleHead && actor.Role != model.RoleAdmin {
			return fmt.Errorf("approve credit as %s: %w", actor.Role, model.ErrForbidden)
		}
		if doc.Kind != model.DocOrder || doc.Status != model.StatusDraft {
			return fmt.Errorf("order %s: %w", doc.Number, model.ErrPosted)
		}
		d = doc
		d.CreditApproved = fmt.Sprintf("%s (%s) %s: %s", actor.FullName, actor.Login, ss.s.now().Format("2006-01-02 15:04"), strings.TrimSpace(note))
		res, err := tx.ExecContext(ctx, `UPDATE documents SET credit_approved = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			d.CreditApproved, ts(ss.s.now()), d.ID, d.Version)
		if err := staleCheck(res, err, "document", d.ID, d.Version); err != nil {
			return err
		}
		d.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, d.ID, model.Diff(docAudit(doc), docAudit(d)))
	})
	return d, err
}

// stockMove applies and writes one movement made by a document.
func (ss *Session) stockMove(ctx context.Context, tx *sql.Tx, actor model.User, m model.StockMovement) error {
	wh := m.FromID
	if wh == "" {
		wh = m.ToID
	}
	bal := map[model.StockKey]model.StockBalance{}
	k := model.StockKey{ProductID: m.ProductID, WarehouseID: wh}
	b := model.StockBalance{ProductID: m.ProductID, WarehouseID: wh}
	err := tx.QueryRowContext(ctx, `SELECT on_hand, reserved FROM stock_balances WHERE product_id = ? AND warehouse_id = ?`,
		m.ProductID, wh).Scan(&b.OnHand, &b.Reserved)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	bal[k] = b
	if err := model.ApplyMovement(bal, m); err != nil {
		return err
	}
	nb := bal[k]
	if _, err := tx.ExecContext(ctx, `INSERT INTO stock_balances (product_id, warehouse_id, on_hand, reserved) VALUES (?, ?, ?, ?)
		ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved`,
		nb.ProductID, nb.WarehouseID, int64(nb.OnHand), int64(nb.Reserved)); err != nil {
		return err
	}
	var num int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM stock_movements`).Scan(&num); err != nil {
		return err
	}
	now := ss.s.now()
	if m.At.IsZero() {
		m.At = now
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO stock_movements (id, num, kind, product_id, from_id, to_id, qty, at, note, doc_ref, user_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ss.s.newID(), num, string(m.Kind), m.ProductID, nullStr(m.FromID), nullStr(m.ToID),
		int64(m.Qty), ts(m.At), m.Note, m.DocRef, actor.ID, ts(now))
	return err
}

// productNames maps product IDs to names for messages.
func productName(ctx context.Context, q queryer, id string) string {
	var n string
	_ = q.QueryRowContext(ctx, `SELECT name FROM products WHERE id = ?`, id).Scan(&n)
	return n
}

// defaultWarehouse is the first active warehouse by name.
func defaultWarehouse(ctx context.Context, q queryer) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM warehouses WHERE active = 1 AND deleted_at IS NULL ORDER BY name_fold LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, mapErr(err)
}

// ConfirmOrder implements model.SalesService.
func (ss *Session) ConfirmOrder(ctx context.Context, id string, version int64) (model.ConfirmResult, error) {
	var res model.ConfirmResult
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, o, err := ss.loadForChange(ctx, tx, model.ActUpdate, id, version)
		if err != nil {
			return err
		}
		before := o
		if o.Kind != model.DocOrder {
			return model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
		}
		if o.Status != model.StatusDraft {
			return fmt.Errorf("order %s: %w", o.Number, model.ErrPosted)
		}
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		day := ss.s.today()
		// Amounts at the day of confirmation (a VAT rate may have changed
		// since the draft); prices stay as agreed.
		if err := recompute(&o, day); err != nil {
			return err
		}
		terms, _, err := loadTerms(ctx, tx, o.CustomerID)
		if err != nil {
			return err
		}
		if err := creditCheck(ctx, tx, o, terms, tax.BaseCurrency); err != nil {
			var ce *model.CreditLimitError
			if !errors.As(err, &ce) || o.CreditApproved == "" {
				return err
			}
		}
		need, err := stockNeeds(ctx, tx, o.Lines)
		if err != nil {
			return err
		}
		if len(need) > 0 && o.WarehouseID == "" {
			if o.WarehouseID, err = defaultWarehouse(ctx, tx); err != nil {
				return err
			}
			if o.WarehouseID == "" {
				return model.ValidationErrors{{Field: "warehouse", Msg: "doc.err.warehouse"}}
			}
		}
		o.Terms = terms.Terms
		if err := ss.setPosted(ctx, tx, &o, day, ", terms = ?, warehouse_id = ?, net = ?, vat = ?, gross = ?",
			encodeTerms(o.Terms), nullStr(o.WarehouseID), int64(o.Totals.Net), int64(o.Totals.VAT), int64(o.Totals.Gross)); err != nil {
			return err
		}
		// Lines again: their VAT may have been recomputed.
		if _, err := tx.ExecContext(ctx, `DELETE FROM document_lines WHERE doc_id = ?`, o.ID); err != nil {
			return err
		}
		if err := insertLines(ctx, tx, o.ID, o.Lines); err != nil {
			return err
		}
		for pid, q := range need {
			err := ss.stockMove(ctx, tx, actor, model.StockMovement{Kind: model.MoveReserve, ProductID: pid, FromID: o.WarehouseID,
				Qty: q, DocRef: o.ID, Note: o.Number})
			if err != nil {
				var se *model.InsufficientStockError
				if errors.As(err, &se) {
					se.ProductName = productName(ctx, tx, pid)
				}
				return fmt.Errorf("reserve stock: %w", err)
			}
		}
		sched := model.Schedule(o.Terms, o.Totals.Gross, day)
		inv := model.Document{Kind: model.DocInvoice, CustomerID: o.CustomerID, OwnerID: o.OwnerID, Currency: o.Currency,
			RateNominal: o.RateNominal, RateE4: o.RateE4, Lang: o.Lang, PricesIncludeVAT: o.PricesIncludeVAT, NoVAT: o.NoVAT,
			DueDate: sched[len(sched)-1].Date, BaseID: o.ID, OrderID: o.ID, ContractID: o.ContractID, Terms: o.Terms,
			Lines: o.Lines, Totals: o.Totals, Status: model.StatusPosted, Date: day, PostedAt: ss.s.now()}
		if inv.Number, err = nextNumber(ctx, tx, model.DocInvoice, day); err != nil {
			return err
		}
		if err := ss.s.insertDoc(ctx, tx, &inv, o.ID); err != nil {
			return err
		}
		inv.BaseNumber, inv.CustomerName = o.Number, o.CustomerName
		if err := ss.insertSchedule(ctx, tx, inv, sched); err != nil {
			return err
		}
		var wb model.Document
		if len(need) > 0 {
			wb = model.Document{Kind: model.DocWaybill, CustomerID: o.CustomerID, OwnerID: o.OwnerID, Currency: o.Currency,
				RateNominal: o.RateNominal, RateE4: o.RateE4, Lang: o.Lang, PricesIncludeVAT: o.PricesIncludeVAT, NoVAT: o.NoVAT,
				BaseID: o.ID, OrderID: o.ID, ContractID: o.ContractID, WarehouseID: o.WarehouseID, DeliveryDate: o.DeliveryDate,
				Status: model.StatusPosted, Date: day, PostedAt: ss.s.now()}
			goods, all, err := goodsLines(ctx, tx, o.Lines)
			if err != nil {
				return err
			}
			linesOf := o.ID
			wb.Lines, wb.Totals = o.Lines, o.Totals
			if !all {
				linesOf = ""
				wb.Lines = goods
				if wb.Totals, err = model.DocTotals(goods); err != nil {
					return err
				}
			}
			if wb.Number, err = nextNumber(ctx, tx, model.DocWaybill, day); err != nil {
				return err
			}
			if err := ss.s.insertDoc(ctx, tx, &wb, linesOf); err != nil {
				return err
			}
			wb.BaseNumber, wb.CustomerName = o.Number, o.CustomerName
			due := o.DeliveryDate
			if due.IsZero() {
				due = day
			}
			if err := insertObligation(ctx, tx, ss.s.newID(), model.Obligation{Party: model.OursToDeliver, DocID: o.ID,
				CustomerID: o.CustomerID, Due: due, Amount: wb.Totals.Gross, Currency: o.Currency, Status: model.ObligationOpen,
				Text: o.Number}, 1); err != nil {
				return err
			}
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, o.ID, model.Diff(docAudit(before), docAudit(o))); err != nil {
			return err
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, inv.ID, model.Diff(nil, docAudit(inv))); err != nil {
			return err
		}
		if wb.ID != "" {
			if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, wb.ID, model.Diff(nil, docAudit(wb))); err != nil {
				return err
			}
		}
		res = model.ConfirmResult{Order: o, Invoice: inv, Waybill: wb}
		return nil
	})
	return res, err
}

// productKinds maps product IDs to their kinds.
func productKinds(ctx context.Context, q queryer, ids []string, into map[string]model.ProductKind) error {
	if len(ids) == 0 {
		return nil
	}
	js, _ := json.Marshal(ids)
	rows, err := q.QueryContext(ctx, `SELECT id, kind FROM products WHERE id IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind string
		if err := rows.Scan(&id, &kind); err != nil {
			return err
		}
		into[id] = model.ProductKind(kind)
	}
	return rows.Err()
}

// goodsLines are the lines of goods and kits, renumbered; all tells that
// every line is one.
func goodsLines(ctx context.Context, q queryer, lines []model.DocLine) ([]model.DocLine, bool, error) {
	var ids []string
	for _, l := range lines {
		if l.ProductID != "" {
			ids = append(ids, l.ProductID)
		}
	}
	kinds := map[string]model.ProductKind{}
	if err := productKinds(ctx, q, ids, kinds); err != nil {
		return nil, false, err
	}
	var out []model.DocLine
	for _, l := range lines {
		if k := kinds[l.ProductID]; k == model.KindGoods || k == model.KindKit {
			l.No = len(out) + 1
			out = append(out, l)
		}
	}
	return out, len(out) == len(lines), nil
}

func insertObligation(ctx context.Context, tx *sql.Tx, id string, o model.Obligation, seq int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO obligations (id, party, doc_id, seq, customer_id, due, amount, done, currency, status, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, string(o.Party), o.DocID, seq, o.CustomerID, dateOnly(o.Due),
		int64(o.Amount), int64(o.Done), o.Currency, o.Status, o.Text)
	return err
}

// insertSchedule writes the customer's obligations to pay an invoice: one
// per item of its payment schedule.
func (ss *Session) insertSchedule(ctx context.Context, tx *sql.Tx, inv model.Document, sched []model.DueItem) error {
	for i, it := range sched {
		if err := insertObligation(ctx, tx, ss.s.newID(), model.Obligation{Party: model.CustomerToPay, DocID: inv.ID,
			CustomerID: inv.CustomerID, Due: it.Date, Amount: it.Amount, Currency: inv.Currency, Status: model.ObligationOpen,
			Text: inv.Number}, i+1); err != nil {
			return err
		}
	}
	return nil
}

// recompute computes d's lines at the VAT rates of day and its totals; a
// figure that does not fit is a problem with the lines.
func recompute(d *model.Document, day time.Time) error {
	var err error
	if d.Lines, err = model.ComputeLines(d.Lines, day, d.PricesIncludeVAT, d.NoVAT); err != nil {
		return model.ValidationErrors{{Field: "lines", Msg: "doc.err.overflow"}}
	}
	if d.Totals, err = model.DocTotals(d.Lines); err != nil {
		return model.ValidationErrors{{Field: "lines", Msg: "doc.err.overflow"}}
	}
	return nil
}

// refreshInvoiceObligations marks the invoice's instalments paid in date
// order by what was paid and credited, or cancels them with the invoice.
func refreshInvoiceObligations(ctx context.Context, tx *sql.Tx, invoiceID string) error {
	var paid, credited int64
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT paid, credited, status FROM documents WHERE id = ?`, invoiceID).Scan(&paid, &credited, &status); err != nil {
		return err
	}
	obs, err := queryAll(ctx, tx, "obligations", `SELECT id, amount, status FROM obligations WHERE doc_id = ? AND party = 'customer' ORDER BY seq`,
		func(sc scanner) (model.Obligation, error) {
			var o model.Obligation
			err := sc.Scan(&o.ID, &o.Amount, &o.Status)
			return o, err
		}, invoiceID)
	if err != nil {
		return err
	}
	if status == string(model.StatusCancelled) {
		_, err := tx.ExecContext(ctx, `UPDATE obligations SET status = 'cancelled' WHERE doc_id = ? AND party = 'customer'`, invoiceID)
		return err
	}
	for i := range obs {
		obs[i].Status = model.ObligationOpen
	}
	for _, o := range model.SpreadPaid(obs, model.Money(paid-credited)) {
		if _, err := tx.ExecContext(ctx, `UPDATE obligations SET done = ?, status = ? WHERE id = ?`, int64(o.Done), o.Status, o.ID); err != nil {
			return err
		}
	}
	return nil
}

// CancelDocument implements model.SalesService.
func (ss *Session) CancelDocument(ctx context.Context, id string, version int64, reason string) (model.Document, error) {
	var d model.Document
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return d, model.ValidationErrors{{Field: "reason", Msg: "doc.err.reason"}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, doc, err := ss.loadForChange(ctx, tx, model.ActUpdate, id, version)
		if err != nil {
			return err
		}
		d = doc
		if d.Status == model.StatusDraft || d.Status == model.StatusCancelled {
			return model.ValidationErrors{{Field: "status", Msg: "doc.err.not_posted"}}
		}
		switch d.Kind {
		case model.DocOrder:
			if err := ss.cancelOrder(ctx, tx, actor, d, reason); err != nil {
				return err
			}
		case model.DocInvoice:
			if d.Paid > 0 {
				return fmt.Errorf("invoice %s: %w", d.Number, model.ErrHasPayments)
			}
			if d.Credited < 0 {
				return fmt.Errorf("invoice %s has credit notes: %w", d.Number, model.ErrPosted)
			}
		case model.DocQuote, model.DocContract:
		default:
			return model.ValidationErrors{{Field: "kind", Msg: "doc.err.cancel_kind"}}
		}
		if err := ss.setCancelled(ctx, tx, actor, d, reason); err != nil {
			return err
		}
		d.Status, d.Reason, d.Version = model.StatusCancelled, reason, d.Version+1
		return nil
	})
	return d, err
}

func (ss *Session) setCancelled(ctx context.Context, tx *sql.Tx, actor model.User, d model.Document, reason string) error {
	res, err := tx.ExecContext(ctx, `UPDATE documents SET status = 'cancelled', reason = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, reason, ts(ss.s.now()), d.ID, d.Version)
	if err := staleCheck(res, err, "document", d.ID, d.Version); err != nil {
		return err
	}
	if d.Kind == model.DocInvoice {
		if err := refreshInvoiceObligations(ctx, tx, d.ID); err != nil {
			return err
		}
	}
	after := d
	after.Status, after.Reason = model.StatusCancelled, reason
	return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, d.ID, model.Diff(docAudit(d), docAudit(after)))
}

// cancelOrder releases an order's reservations and cancels its invoices
// and waybills; refused when goods were shipped or an invoice is paid.
func (ss *Session) cancelOrder(ctx context.Context, tx *sql.Tx, actor model.User, o model.Document, reason string) error {
	kids, err := queryAll(ctx, tx, "order documents", `SELECT `+docCols+docFrom+` WHERE d.order_id = ? AND d.status <> 'cancelled'`, scanDoc, o.ID)
	if err != nil {
		return err
	}
	for _, k := range kids {
		switch {
		case k.Kind == model.DocWaybill && k.Status == model.StatusShipped:
			return model.ValidationErrors{{Field: "status", Msg: "doc.err.shipped"}}
		case k.Kind == model.DocInvoice && (k.Paid > 0 || k.Credited < 0):
			return fmt.Errorf("invoice %s: %w", k.Number, model.ErrHasPayments)
		}
	}
	for _, k := range kids {
		if k.Kind == model.DocInvoice || k.Kind == model.DocWaybill {
			if err := ss.setCancelled(ctx, tx, actor, k, reason); err != nil {
				return err
			}
		}
	}
	if err := ss.releaseReservations(ctx, tx, actor, o); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE obligations SET status = 'cancelled' WHERE doc_id = ? AND status = 'open'`, o.ID)
	return err
}

// reservedBy sums what the document's reservations still hold, per product.
func reservedBy(ctx context.Context, q queryer, docID string) (map[string]model.Qty, error) {
	out := map[string]model.Qty{}
	rows, err := q.QueryContext(ctx, `SELECT product_id, sum(CASE kind WHEN 'reserve' THEN qty ELSE -qty END)
		FROM stock_movements WHERE doc_ref = ? AND kind IN ('reserve', 'unreserve') GROUP BY product_id`, docID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var q int64
		if err := rows.Scan(&id, &q); err != nil {
			return nil, err
		}
		if q > 0 {
			out[id] = model.Qty(q)
		}
	}
	return out, rows.Err()
}

func (ss *Session) releaseReservations(ctx context.Context, tx *sql.Tx, actor model.User, o model.Document) error {
	held, err := reservedBy(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	for pid, q := range held {
		var reserved int64
		err := tx.QueryRowContext(ctx, `SELECT reserved FROM stock_balances WHERE product_id = ? AND warehouse_id = ?`, pid, o.WarehouseID).Scan(&reserved)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		q = min(q, model.Qty(reserved))
		if q <= 0 {
			continue
		}
		if err := ss.stockMove(ctx, tx, actor, model.StockMovement{Kind: model.MoveUnreserve, ProductID: pid, FromID: o.WarehouseID,
			Qty: q, DocRef: o.ID, Note: o.Number}); err != nil {
			return err
		}
	}
	return nil
}

// ReissueDocument implements model.SalesService.
func (ss *Session) ReissueDocument(ctx context.Context, id string) (model.Document, error) {
	var n model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, d, err := ss.loadForChange(ctx, tx, model.ActCreate, id, 0)
		if err != nil {
			return err
		}
		if d.Status != model.StatusCancelled || (d.Kind != model.DocInvoice && d.Kind != model.DocQuote && d.Kind != model.DocContract) {
			return model.ValidationErrors{{Field: "status", Msg: "doc.err.reissue"}}
		}
		n = d
		n.ID, n.Number, n.Status, n.Date, n.ReplacesID, n.Reason = "", "", model.StatusDraft, ss.s.today(), d.ID, ""
		n.Paid, n.Credited, n.PostedAt, n.OwnerID = 0, 0, time.Time{}, actor.ID
		for i := range n.Lines {
			n.Lines[i].ManualPrice = true
		}
		if err := ss.s.insertDoc(ctx, tx, &n, ""); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, n.ID, model.Diff(nil, docAudit(n)))
	})
	return n, err
}

// PostDocument implements model.SalesService: a draft invoice (a reissue)
// or contract gets its number.
func (ss *Session) PostDocument(ctx context.Context, id string, version int64) (model.Document, error) {
	var d model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, doc, err := ss.loadForChange(ctx, tx, model.ActUpdate, id, version)
		if err != nil {
			return err
		}
		d = doc
		if d.Status != model.StatusDraft {
			return fmt.Errorf("%s %s: %w", d.Kind, d.Number, model.ErrPosted)
		}
		day := ss.s.today()
		switch d.Kind {
		case model.DocQuote, model.DocOrder:
			return errUseOther // PostQuote, ConfirmOrder
		case model.DocContract:
			num, err := nextNumber(ctx, tx, d.Kind, day)
			if err != nil {
				return err
			}
			body, _ := model.RenderTemplate(d.Body, model.PostedValues(num, day, d.Lang))
			now := ss.s.now()
			res, err := tx.ExecContext(ctx, `UPDATE documents SET status = 'posted', number = ?, number_fold = ?, doc_date = ?, body = ?,
				posted_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
				num, model.FoldText(num), dateOnly(day), body, ts(now), ts(now), d.ID, d.Version)
			if err := staleCheck(res, err, "document", d.ID, d.Version); err != nil {
				return err
			}
			d.Status, d.Number, d.Date, d.Body, d.Version = model.StatusPosted, num, day, body, d.Version+1
		case model.DocInvoice:
			if err := recompute(&d, day); err != nil {
				return err
			}
			sched := model.Schedule(d.Terms, d.Totals.Gross, day)
			d.DueDate = sched[len(sched)-1].Date
			if err := ss.setPosted(ctx, tx, &d, day, ", due_date = ?, net = ?, vat = ?, gross = ?", dateOnly(d.DueDate),
				int64(d.Totals.Net), int64(d.Totals.VAT), int64(d.Totals.Gross)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM document_lines WHERE doc_id = ?`, d.ID); err != nil {
				return err
			}
			if err := insertLines(ctx, tx, d.ID, d.Lines); err != nil {
				return err
			}
			if err := ss.insertSchedule(ctx, tx, d, sched); err != nil {
				return err
			}
		default:
			return model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, d.ID, model.Diff(docAudit(doc), docAudit(d)))
	})
	if errors.Is(err, errUseOther) {
		return d, model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
	}
	return d, err
}

var errUseOther = errors.New("posted by its own operation")

// ShipWaybill implements model.SalesService.
func (ss *Session) ShipWaybill(ctx context.Context, id string, version int64, day time.Time) (model.Document, error) {
	var d model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, doc, err := ss.loadForChange(ctx, tx, model.ActUpdate, id, version)
		if err != nil {
			return err
		}
		d = doc
		if d.Kind != model.DocWaybill || d.Status != model.StatusPosted {
			return model.ValidationErrors{{Field: "status", Msg: "doc.err.not_shippable"}}
		}
		if day.IsZero() {
			day = ss.s.today()
		}
		need, err := stockNeeds(ctx, tx, d.Lines)
		if err != nil {
			return err
		}
		ref := d.OrderID
		if ref == "" {
			ref = d.ID
		}
		for pid, q := range need {
			if err := ss.stockMove(ctx, tx, actor, model.StockMovement{Kind: model.MoveShip, ProductID: pid, FromID: d.WarehouseID,
				Qty: q, DocRef: ref, Note: d.Number, At: day.Add(12 * time.Hour)}); err != nil {
				var se *model.InsufficientStockError
				if errors.As(err, &se) {
					se.ProductName = productName(ctx, tx, pid)
				}
				return fmt.Errorf("ship %s: %w", d.Number, err)
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE documents SET status = 'shipped', updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			ts(ss.s.now()), d.ID, d.Version)
		if err := staleCheck(res, err, "document", d.ID, d.Version); err != nil {
			return err
		}
		d.Status, d.Version = model.StatusShipped, d.Version+1
		if d.OrderID != "" {
			var open int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE order_id = ? AND kind = 'waybill' AND status = 'posted'`,
				d.OrderID).Scan(&open); err != nil {
				return err
			}
			if open == 0 {
				if _, err := tx.ExecContext(ctx, `UPDATE documents SET status = 'shipped', updated_at = ?, version = version + 1
					WHERE id = ? AND status = 'posted'`, ts(ss.s.now()), d.OrderID); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE obligations SET status = 'done', done = amount WHERE doc_id = ? AND party = 'ours'`,
					d.OrderID); err != nil {
					return err
				}
			}
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, d.ID, model.Diff(docAudit(doc), docAudit(d)))
	})
	return d, err
}

// CreateCreditNote implements model.SalesService.
func (ss *Session) CreateCreditNote(ctx context.Context, invoiceID string, lines []model.CreditLine, reason string, day time.Time) (model.Document, error) {
	var cn model.Document
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return cn, model.ValidationErrors{{Field: "reason", Msg: "doc.err.reason"}}
	}
	if len(lines) == 0 {
		return cn, model.ValidationErrors{{Field: "lines", Msg: "doc.err.no_lines"}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, inv, err := ss.loadForChange(ctx, tx, model.ActUpdate, invoiceID, 0)
		if err != nil {
			return err
		}
		if inv.Kind != model.DocInvoice || inv.Status != model.StatusPosted {
			return model.ValidationErrors{{Field: "status", Msg: "doc.err.not_posted"}}
		}
		if day.IsZero() {
			day = ss.s.today()
		}
		// What earlier credit notes returned, per invoice line.
		returned := map[int]model.Qty{}
		rows, err := tx.QueryContext(ctx, `SELECT l.base_line, sum(-l.qty) FROM document_lines l JOIN documents d ON d.id = l.doc_id
			WHERE d.base_id = ? AND d.kind = 'credit_note' AND d.status = 'posted' GROUP BY l.base_line`, inv.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var no int
			var q int64
			if err := rows.Scan(&no, &q); err != nil {
				rows.Close()
				return err
			}
			returned[no] = model.Qty(q)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		byNo := map[int]model.DocLine{}
		for _, l := range inv.Lines {
			byNo[l.No] = l
		}
		var v model.ValidationErrors
		seen := map[int]bool{}
		var out []model.DocLine
		for i, cl := range lines {
			f := fmt.Sprintf("lines.%d", i+1)
			l, ok := byNo[cl.LineNo]
			switch {
			case !ok || seen[cl.LineNo]:
				v.Add(f, "doc.err.credit_line")
				continue
			case cl.Qty <= 0:
				v.Add(f, "doc.err.line_qty")
				continue
			case cl.Qty > l.Qty-returned[cl.LineNo]:
				v.Add(f, "doc.err.credit_qty")
				continue
			}
			seen[cl.LineNo] = true
			nl := l
			nl.No, nl.BaseLine, nl.Qty, nl.ManualPrice = len(out)+1, l.No, -cl.Qty, true
			// The invoice's rate, not today's: the credit note reverses it.
			nl.Amounts = model.LineTotal(nl.Price, nl.Qty, l.VATBP, inv.NoVAT || l.VATCat == model.VATNone, inv.PricesIncludeVAT)
			out = append(out, nl)
		}
		if err := v.Err(); err != nil {
			return err
		}
		cn = model.Document{Kind: model.DocCreditNote, Status: model.StatusPosted, Date: day, CustomerID: inv.CustomerID,
			OwnerID: actor.ID, Currency: inv.Currency, RateNominal: inv.RateNominal, RateE4: inv.RateE4, Lang: inv.Lang,
			PricesIncludeVAT: inv.PricesIncludeVAT, NoVAT: inv.NoVAT, BaseID: inv.ID, OrderID: inv.OrderID,
			ContractID: inv.ContractID, Lines: out, Reason: reason, PostedAt: ss.s.now(), WarehouseID: ""}
		if cn.Totals, err = model.DocTotals(out); err != nil {
			return err
		}
		if cn.Number, err = nextNumber(ctx, tx, model.DocCreditNote, day); err != nil {
			return err
		}
		if err := ss.s.insertDoc(ctx, tx, &cn, ""); err != nil {
			return err
		}
		cn.BaseNumber, cn.CustomerName = inv.Number, inv.CustomerName
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET credited = credited + ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			int64(cn.Totals.Gross), ts(ss.s.now()), inv.ID); err != nil {
			return err
		}
		if err := refreshInvoiceObligations(ctx, tx, inv.ID); err != nil {
			return err
		}
		if err := ss.returnStock(ctx, tx, actor, inv, cn); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, cn.ID, model.Diff(nil, docAudit(cn)))
	})
	return cn, err
}

// returnStock brings returned goods back: into the warehouse when the
// order's waybill was shipped, out of the reservation when it was not.
func (ss *Session) returnStock(ctx context.Context, tx *sql.Tx, actor model.User, inv, cn model.Document) error {
	if inv.OrderID == "" {
		return nil
	}
	var wbStatus, wh string
	err := tx.QueryRowContext(ctx, `SELECT status, coalesce(warehouse_id, '') FROM documents WHERE order_id = ? AND kind = 'waybill'
		AND status <> 'cancelled' ORDER BY num LIMIT 1`, inv.OrderID).Scan(&wbStatus, &wh)
	if errors.Is(err, sql.ErrNoRows) || wh == "" {
		return nil
	}
	if err != nil {
		return err
	}
	back := make([]model.DocLine, len(cn.Lines))
	for i, l := range cn.Lines {
		l.Qty = -l.Qty
		back[i] = l
	}
	need, err := stockNeeds(ctx, tx, back)
	if err != nil {
		return err
	}
	for pid, q := range need {
		m := model.StockMovement{ProductID: pid, Qty: q, DocRef: inv.OrderID, Note: cn.Number}
		if wbStatus == string(model.StatusShipped) {
			m.Kind, m.ToID = model.MoveReceipt, wh
		} else {
			held, err := reservedBy(ctx, tx, inv.OrderID)
			if err != nil {
				return err
			}
			m.Kind, m.FromID, m.Qty = model.MoveUnreserve, wh, min(q, held[pid])
			if m.Qty <= 0 {
				continue
			}
		}
		if err := ss.stockMove(ctx, tx, actor, m); err != nil {
			return fmt.Errorf("return %s: %w", cn.Number, err)
		}
	}
	return nil
}
