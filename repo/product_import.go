package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sdelka/model"
)

// ImportProducts implements model.CatalogService. One write transaction:
// cancelling ctx (checked every 500 rows) or any failure rolls it all back.
func (ss *Session) ImportProducts(ctx context.Context, rows []model.ProductImport, errs []model.RowError, o model.ImportOptions,
	progress func(model.ImportProgress)) (model.ImportResult, error) {
	if progress == nil {
		progress = func(model.ImportProgress) {}
	}
	res := model.ImportResult{Errors: append([]model.RowError(nil), errs...)}
	bad := map[int]bool{}
	for _, e := range errs {
		bad[e.Row] = true
	}
	if len(errs) > 0 && !o.SkipInvalid {
		res.Skipped = len(rows) + len(bad)
		return res, nil
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		res = model.ImportResult{Errors: append([]model.RowError(nil), errs...), Skipped: len(bad)}
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActCreate)
		if err != nil {
			return err
		}
		cats, err := newCategoryPaths(ctx, tx)
		if err != nil {
			return err
		}
		wctx := context.WithoutCancel(ctx)
		for i, r := range rows {
			if i%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress(model.ImportProgress{Rows: i, Read: float64(i) / float64(len(rows))})
			}
			if bad[r.Row] || r.Row == 0 {
				continue
			}
			outcome, rowErr, err := ss.importProduct(wctx, tx, actor, cats, r, o)
			if err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			switch outcome {
			case "created":
				res.Imported++
			case "updated":
				res.Updated++
			default:
				res.Skipped++
			}
			if rowErr != nil {
				res.Errors = append(res.Errors, *rowErr)
			}
		}
		progress(model.ImportProgress{Rows: len(rows), Read: 1})
		return nil
	})
	if err != nil {
		return model.ImportResult{Errors: errs, Skipped: len(rows) + len(bad)}, err
	}
	return res, nil
}

// categoryPaths finds categories by path and creates the missing ones.
type categoryPaths struct {
	byParent map[string]map[string]string // parent ID → folded name → ID
}

func newCategoryPaths(ctx context.Context, tx *sql.Tx) (*categoryPaths, error) {
	c := &categoryPaths{byParent: map[string]map[string]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(parent_id, ''), name_fold FROM categories WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, fold string
		if err := rows.Scan(&id, &parent, &fold); err != nil {
			return nil, err
		}
		c.add(parent, fold, id)
	}
	return c, rows.Err()
}

func (c *categoryPaths) add(parent, fold, id string) {
	if c.byParent[parent] == nil {
		c.byParent[parent] = map[string]string{}
	}
	c.byParent[parent][fold] = id
}

// ensure returns the ID of the category at path, creating what is missing.
func (ss *Session) ensureCategory(ctx context.Context, tx *sql.Tx, actor model.User, c *categoryPaths, path []string) (string, error) {
	parent := ""
	for _, name := range path {
		fold := model.FoldText(name)
		if id, ok := c.byParent[parent][fold]; ok {
			parent = id
			continue
		}
		id := ss.s.newID()
		now := ts(ss.s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO categories (id, parent_id, name, name_fold, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, nullStr(parent), name, fold, now, now); err != nil {
			return "", fmt.Errorf("create category %q: %w", name, err)
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityProduct, id,
			[]model.Change{{Field: "category", New: name}, {Field: "parent_id", New: parent}}); err != nil {
			return "", err
		}
		c.add(parent, fold, id)
		parent = id
	}
	return parent, nil
}

// importProduct creates or updates one product; outcome is "created",
// "updated" or "skipped".
func (ss *Session) importProduct(ctx context.Context, tx *sql.Tx, actor model.User, cats *categoryPaths, r model.ProductImport,
	o model.ImportOptions) (string, *model.RowError, error) {
	p := r.Product
	if len(r.CategoryPath) > 0 {
		id, err := ss.ensureCategory(ctx, tx, actor, cats, r.CategoryPath)
		if err != nil {
			return "", nil, err
		}
		p.CategoryID = id
	}
	var id string
	err := sql.ErrNoRows
	if p.SKU != "" {
		err = tx.QueryRowContext(ctx, `SELECT id FROM products WHERE sku_fold = ? AND deleted_at IS NULL`, model.FoldText(p.SKU)).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) && p.Barcode != "" {
		err = tx.QueryRowContext(ctx, `SELECT id FROM products WHERE barcode = ? AND deleted_at IS NULL ORDER BY num LIMIT 1`, p.Barcode).Scan(&id)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", nil, err
	}
	if id == "" {
		if p.Name == "" {
			return "skipped", &model.RowError{Row: r.Row, Msg: model.MsgImportNoProductName, Value: p.SKU + p.Barcode}, nil
		}
		if _, err := ss.s.insertProduct(ctx, tx, actor, p); err != nil {
			if fe := model.FieldErrors(err); len(fe) > 0 {
				return "skipped", &model.RowError{Row: r.Row, Msg: fe[0].Msg, Value: p.Name}, nil
			}
			return "", nil, err
		}
		return "created", nil, nil
	}
	if !o.Update {
		return "skipped", nil, nil
	}
	old, err := loadProduct(ctx, tx, id, true)
	if err != nil {
		return "", nil, err
	}
	upd := old
	for _, f := range r.Fields {
		switch f {
		case "sku":
			upd.SKU = p.SKU
		case "name":
			upd.Name = p.Name
		case "description":
			upd.Description = p.Description
		case "category":
			upd.CategoryID = p.CategoryID
		case "kind":
			upd.Kind = p.Kind
		case "unit":
			upd.UnitCode = p.UnitCode
		case "barcode":
			upd.Barcode = p.Barcode
		case "base_price":
			upd.BasePrice = p.BasePrice
		case "cost_price":
			upd.CostPrice = p.CostPrice
		case "floor_price":
			upd.FloorPrice = p.FloorPrice
		case "vat":
			upd.VAT = p.VAT
		case "weight":
			upd.WeightGrams = p.WeightGrams
		case "active":
			upd.Active = p.Active
		case "seller_note":
			upd.SellerNote = p.SellerNote
		}
	}
	if err := upd.Validate(); err != nil {
		return "skipped", &model.RowError{Row: r.Row, Msg: firstMsg(err), Value: p.Name}, nil
	}
	if upd.Kind != old.Kind && (upd.Kind == model.KindKit || old.Kind == model.KindKit) {
		return "skipped", &model.RowError{Row: r.Row, Msg: "valid.product.kit_has_components", Value: p.Name}, nil
	}
	if err := checkProductRefs(ctx, tx, upd); err != nil {
		if fe := model.FieldErrors(err); len(fe) > 0 {
			return "skipped", &model.RowError{Row: r.Row, Msg: fe[0].Msg, Value: p.Name}, nil
		}
		return "", nil, err
	}
	now := ss.s.now()
	if _, err := tx.ExecContext(ctx, `UPDATE products SET (`+productWriteCols+`, updated_at) =
		(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1 WHERE id = ?`,
		append(productValues(upd), ts(now), id)...); err != nil {
		return "", nil, mapErr(err)
	}
	if err := productFTS(ctx, tx, old.Num, model.ProductSearchDoc(old), model.ProductSearchDoc(upd)); err != nil {
		return "", nil, err
	}
	return "updated", nil, ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityProduct, id, model.Diff(old.AuditFields(), upd.AuditFields()))
}
