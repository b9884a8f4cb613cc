package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// ImportOrders creates a draft order for each imported order (see
// model.OrderImport), in one transaction: all of them or none. Every
// order is checked before anything is written — its customer is the one
// visible customer with the INN, its products are live products by SKU
// (any case, as products.sku_fold) and for sale, its currency and
// warehouse exist, prices fit the currency — and the problems found, with
// those the file's parser recorded, are returned together as
// model.RowErrors sorted by row. Lines without a price are priced from the
// catalog as SaveDraft prices them; a line with a price keeps it
// (ManualPrice). The drafts are returned in the order of orders.
func (ss *Session) ImportOrders(ctx context.Context, orders []model.OrderImport) ([]model.Document, error) {
	var errs []model.RowError
	for _, o := range orders {
		errs = append(errs, o.Errs...)
	}
	var out []model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityDocument, model.ActCreate)
		if err != nil {
			return err
		}
		lk, err := loadOrderLookups(ctx, tx, actor, orders)
		if err != nil {
			return err
		}
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		drafts := make([]model.Document, len(orders))
		for i := range orders {
			var rowErrs []model.RowError
			drafts[i], rowErrs = lk.draft(&orders[i], tax.BaseCurrency)
			errs = append(errs, rowErrs...)
		}
		if len(errs) > 0 {
			model.SortRowErrors(errs)
			return model.RowErrors(errs)
		}
		day := ss.s.today()
		for i := range orders {
			d, err := ss.insertImportedDraft(ctx, tx, actor, drafts[i], day, tax)
			if err != nil {
				rowErrs, ok := importRowErrors(&orders[i], err)
				if !ok {
					return fmt.Errorf("order %s (line %d): %w", orders[i].Key, orders[i].Row, err)
				}
				errs = append(errs, rowErrs...)
				continue
			}
			out = append(out, d)
		}
		if len(errs) > 0 {
			model.SortRowErrors(errs)
			return model.RowErrors(errs)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// orderLookups resolve what an order file names: visible customers by INN,
// live products by folded SKU, warehouses by folded name or ID, and the
// currencies' minor digits.
type orderLookups struct {
	customers  map[string][]string // INN → customer IDs
	products   map[string]importProduct
	warehouses map[string]string // folded name or ID → ID
	digits     map[string]int    // currency code → minor digits
}

type importProduct struct {
	id     string
	active bool
}

func loadOrderLookups(ctx context.Context, tx *sql.Tx, actor model.User, orders []model.OrderImport) (*orderLookups, error) {
	lk := &orderLookups{customers: map[string][]string{}, products: map[string]importProduct{}, warehouses: map[string]string{},
		digits: map[string]int{}}
	var inns, skus []string
	for _, o := range orders {
		if inn := normINN(o.INN); inn != "" {
			inns = append(inns, inn)
		}
		for _, l := range o.Lines {
			skus = append(skus, model.FoldText(l.SKU))
		}
	}
	ij, _ := json.Marshal(inns)
	vis, vargs := visibility(actor, model.EntityCustomer, model.ActRead, "c")
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT c.id, c.inn FROM customers c WHERE c.deleted_at IS NULL
		AND c.inn IN (SELECT value FROM json_each(?)) AND `+vis+` ORDER BY c.num`, append([]any{string(ij)}, vargs...)...)
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var id, inn string
		if err := rows.Scan(&id, &inn); err != nil {
			rows.Close()
			return nil, err
		}
		lk.customers[inn] = append(lk.customers[inn], id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sj, _ := json.Marshal(skus)
	rows, err = tx.QueryContext(ctx, `SELECT id, sku_fold, active FROM products WHERE deleted_at IS NULL
		AND sku_fold IN (SELECT value FROM json_each(?))`, string(sj))
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var fold string
		var p importProduct
		if err := rows.Scan(&p.id, &fold, &p.active); err != nil {
			rows.Close()
			return nil, err
		}
		lk.products[fold] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, name_fold FROM warehouses WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var id, fold string
		if err := rows.Scan(&id, &fold); err != nil {
			rows.Close()
			return nil, err
		}
		lk.warehouses[fold], lk.warehouses[id] = id, id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	curs, err := loadCurrencies(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, c := range curs {
		lk.digits[c.Code] = c.MinorDigits
	}
	return lk, nil
}

// normINN drops the spaces people type into an INN.
func normINN(s string) string { return strings.Join(strings.Fields(s), "") }

// draft checks an imported order against the lookups and makes the draft
// to save (lines by product, not yet priced).
func (lk *orderLookups) draft(o *model.OrderImport, base string) (model.Document, []model.RowError) {
	if o.Key == "" && len(o.Lines) == 0 {
		return model.Document{}, nil // rows of no order: their problems are in o.Errs
	}
	var errs []model.RowError
	fail := func(field string, l *model.OrderImportLine, msg, value string) {
		row := o.Row
		if l != nil {
			row = l.Row
		}
		errs = append(errs, model.RowError{Row: row, Column: o.Column(field, l), Msg: msg, Value: value})
	}
	d := model.Document{Kind: model.DocOrder, Currency: o.Currency, DeliveryDate: o.DeliveryDate, Note: importNote(o)}
	inn := normINN(o.INN)
	switch ids := lk.customers[inn]; len(ids) {
	case 0:
		if inn != "" { // else the parser reported it
			fail("inn", nil, model.MsgOrderUnknownINN, inn)
		}
	case 1:
		d.CustomerID = ids[0]
	default:
		fail("inn", nil, model.MsgOrderAmbiguousINN, fmt.Sprintf("%s (%d customers)", inn, len(ids)))
	}
	if d.Currency == "" {
		d.Currency = base
	}
	digits, ok := lk.digits[d.Currency]
	if !ok {
		fail("currency", nil, model.MsgOrderUnknownCur, o.Currency)
	}
	if o.Warehouse != "" {
		if d.WarehouseID = lk.warehouses[model.FoldText(o.Warehouse)]; d.WarehouseID == "" {
			d.WarehouseID = lk.warehouses[o.Warehouse]
		}
		if d.WarehouseID == "" {
			fail("warehouse", nil, model.MsgOrderUnknownWH, o.Warehouse)
		}
	}
	if len(o.Lines) == 0 && len(o.Errs) == 0 {
		fail("lines", nil, model.MsgOrderNoLines, "")
	}
	for i := range o.Lines {
		l := &o.Lines[i]
		p, found := lk.products[model.FoldText(l.SKU)]
		switch {
		case l.SKU == "": // reported by the parser
		case !found:
			fail("sku", l, model.MsgOrderUnknownSKU, l.SKU)
		case !p.active:
			fail("sku", l, model.MsgOrderInactive, l.SKU)
		}
		dl := model.DocLine{ProductID: p.id, Qty: l.Qty}
		if l.HasPrice && ok {
			price, fits := model.PriceFromE4(l.PriceE4, digits)
			if !fits {
				fail("price", l, model.MsgOrderPriceDigits, model.FormatFixed(l.PriceE4, 4, ".", ""))
			}
			dl.Price, dl.ManualPrice = price, true
		}
		d.Lines = append(d.Lines, dl)
	}
	return d, errs
}

// importNote keeps the order's key in the other system with its note.
func importNote(o *model.OrderImport) string {
	switch {
	case o.Key == "":
		return o.Note
	case o.Note == "":
		return "№ " + o.Key
	}
	return "№ " + o.Key + "; " + o.Note
}

// insertImportedDraft saves a checked draft as SaveDraft creates one:
// priced for its customer on day, in the customer's document language,
// owned by the actor, audited.
func (ss *Session) insertImportedDraft(ctx context.Context, tx *sql.Tx, actor model.User, d model.Document, day time.Time,
	tax model.TaxSettings) (model.Document, error) {
	var err error
	if d.RateNominal, d.RateE4, err = docRate(ctx, tx, d.Currency, tax.BaseCurrency, day); err != nil {
		return d, err
	}
	if d, err = ss.priceDraft(ctx, tx, actor, d, day); err != nil {
		return d, err
	}
	terms, _, err := loadTerms(ctx, tx, d.CustomerID)
	if err != nil {
		return d, err
	}
	d.Lang = terms.DocLang
	d.Status, d.Number, d.Date, d.OwnerID = model.StatusDraft, "", day, actor.ID
	if err := ss.s.insertDoc(ctx, tx, &d, ""); err != nil {
		return d, err
	}
	return d, ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, d.ID, model.Diff(nil, docAudit(d)))
}

// importRowErrors turns a problem met while pricing or saving an imported
// order into row errors; false for a failure that is not the file's
// (the import is then abandoned with it).
func importRowErrors(o *model.OrderImport, err error) ([]model.RowError, bool) {
	var ve model.ValidationErrors
	if errors.As(err, &ve) {
		var out []model.RowError
		for _, e := range ve {
			var field string
			var l *model.OrderImportLine
			if rest, ok := strings.CutPrefix(e.Field, "lines."); ok {
				n, f, _ := strings.Cut(rest, ".")
				if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(o.Lines) {
					l = &o.Lines[i-1]
				}
				field = map[string]string{"product": "sku", "name": "sku", "qty": "qty", "price": "price"}[f]
			} else {
				field = e.Field
			}
			row := o.Row
			if l != nil {
				row = l.Row
			}
			out = append(out, model.RowError{Row: row, Column: o.Column(field, l), Msg: e.Msg})
		}
		return out, true
	}
	if errors.Is(err, model.ErrNoRate) || errors.Is(err, model.ErrOverflow) || errors.Is(err, model.ErrNotFound) {
		return []model.RowError{{Row: o.Row, Column: o.Column("order", nil), Msg: model.MsgOrderNotPriced, Value: err.Error()}}, true
	}
	return nil, false
}
