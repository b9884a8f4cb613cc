package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sdelka/model"
)

const productCols = `p.id, p.num, p.sku, p.name, p.description, coalesce(p.category_id, ''), p.kind, p.unit_code, p.barcode,
	p.base_price, p.cost_price, p.floor_price, p.vat, p.weight_grams, p.active, p.seller_note, p.kit_pricing,
	p.version, p.created_at, p.updated_at`

func scanProduct(sc interface{ Scan(...any) error }, extra ...any) (model.Product, error) {
	var p model.Product
	var created, updated sql.NullString
	dst := append([]any{&p.ID, &p.Num, &p.SKU, &p.Name, &p.Description, &p.CategoryID, &p.Kind, &p.UnitCode, &p.Barcode,
		&p.BasePrice, &p.CostPrice, &p.FloorPrice, &p.VAT, &p.WeightGrams, &p.Active, &p.SellerNote, &p.KitPricing,
		&p.Version, &created, &updated}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
	return p, nil
}

// productSort maps a filter's sort to its column (each has an index).
func productSort(s string) string {
	switch s {
	case "sku":
		return "p.sku_fold"
	case "price":
		return "p.base_price"
	}
	return "p.name_fold"
}

// productWhere builds the condition shared by FindProducts and CountProducts.
func productWhere(f model.ProductFilter) (string, []any) {
	where, args := []string{"p.deleted_at IS NULL"}, []any{}
	if f.ActiveOnly {
		where = append(where, "p.active = 1")
	}
	if f.CategoryID != "" {
		where = append(where, `p.category_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
			SELECT id FROM sub)`)
		args = append(args, f.CategoryID)
	}
	if f.InStock {
		cond := "EXISTS (SELECT 1 FROM stock_balances b WHERE b.product_id = p.id AND b.on_hand > b.reserved"
		if f.WarehouseID != "" {
			cond += " AND b.warehouse_id = ?"
			args = append(args, f.WarehouseID)
		}
		where = append(where, cond+")")
	}
	if len(f.IDs) > 0 {
		js, _ := json.Marshal(f.IDs)
		where = append(where, "p.id IN (SELECT value FROM json_each(?))")
		args = append(args, string(js))
	}
	if terms := model.SearchTerms(f.Query); len(terms) > 0 {
		where = append(where, "p.num IN (SELECT rowid FROM product_fts WHERE product_fts MATCH ?)")
		args = append(args, model.FTSQuery(terms))
	}
	return strings.Join(where, " AND "), args
}

// FindProducts implements model.CatalogService.
func (ss *Session) FindProducts(ctx context.Context, f model.ProductFilter) ([]model.ProductRow, error) {
	if _, err := ss.reader(ctx, model.EntityProduct); err != nil {
		return nil, fmt.Errorf("find products: %w", err)
	}
	where, args := productWhere(f)
	col, dir, cmp := productSort(f.Sort), "", ">"
	if f.Desc {
		dir, cmp = " DESC", "<"
	}
	if f.AfterID != "" {
		var key any = f.AfterKey
		if col == "p.base_price" {
			n, err := strconv.ParseInt(f.AfterKey, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("find products: page key %q: %w", f.AfterKey, err)
			}
			key = n
		}
		where += " AND (" + col + ", p.id) " + cmp + " (?, ?)"
		args = append(args, key, f.AfterID)
	}
	q := `SELECT ` + productCols + `, coalesce(c.name, ''),
			coalesce((SELECT sum(on_hand) FROM stock_balances b WHERE b.product_id = p.id), 0),
			coalesce((SELECT sum(on_hand - reserved) FROM stock_balances b WHERE b.product_id = p.id), 0)
		FROM products p LEFT JOIN categories c ON c.id = p.category_id
		WHERE ` + where + ` ORDER BY ` + col + dir + `, p.id` + dir + ` LIMIT ?`
	args = append(args, model.PageLimit(f.Limit))
	if f.Offset > 0 && f.AfterID == "" {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := ss.s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find products: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.ProductRow
	for rows.Next() {
		var r model.ProductRow
		p, err := scanProduct(rows, &r.Category, &r.OnHand, &r.Available)
		if err != nil {
			return nil, err
		}
		r.Product = p
		out = append(out, r)
	}
	return out, rows.Err()
}

// ProductSortKey is the page key FindProducts continues after for row p.
func ProductSortKey(sort string, p model.Product) string {
	switch sort {
	case "sku":
		return model.FoldText(p.SKU)
	case "price":
		return strconv.FormatInt(int64(p.BasePrice), 10)
	}
	return model.FoldText(p.Name)
}

// CountProducts implements model.CatalogService.
func (ss *Session) CountProducts(ctx context.Context, f model.ProductFilter) (int, error) {
	if _, err := ss.reader(ctx, model.EntityProduct); err != nil {
		return 0, fmt.Errorf("count products: %w", err)
	}
	where, args := productWhere(f)
	var n int
	if err := ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM products p WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count products: %w", mapErr(err))
	}
	return n, nil
}

// FindProductByID implements model.CatalogService.
func (ss *Session) FindProductByID(ctx context.Context, id string) (model.Product, error) {
	if _, err := ss.reader(ctx, model.EntityProduct); err != nil {
		return model.Product{}, fmt.Errorf("product %s: %w", id, err)
	}
	return loadProduct(ctx, ss.s.r, id, true)
}

func loadProduct(ctx context.Context, q queryer, id string, image bool) (model.Product, error) {
	p, err := scanProduct(q.QueryRowContext(ctx, `SELECT `+productCols+` FROM products p WHERE p.id = ? AND p.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("product %s: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("product %s: %w", id, mapErr(err))
	}
	if image {
		err := q.QueryRowContext(ctx, `SELECT image FROM product_images WHERE product_id = ?`, id).Scan(&p.Image)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return p, fmt.Errorf("product %s image: %w", id, mapErr(err))
		}
	}
	return p, nil
}

// checkProductRefs turns a missing category into a field error and a taken
// SKU into one too (the unique index would say only "conflict").
func checkProductRefs(ctx context.Context, tx *sql.Tx, p model.Product) error {
	var v model.ValidationErrors
	var n int
	if p.CategoryID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE id = ? AND deleted_at IS NULL`, p.CategoryID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			v.Add("category", "valid.category.unknown")
		}
	}
	if p.SKU != "" {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM products WHERE sku_fold = ? AND id <> ? AND deleted_at IS NULL`,
			model.FoldText(p.SKU), p.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			v.Add("sku", "valid.sku.taken")
		}
	}
	if len(v) > 0 {
		return v
	}
	return nil
}

func productValues(p model.Product) []any {
	return []any{p.SKU, model.FoldText(p.SKU), p.Name, model.FoldText(p.Name), p.Description, nullStr(p.CategoryID), string(p.Kind),
		p.UnitCode, p.Barcode, int64(p.BasePrice), int64(p.CostPrice), int64(p.FloorPrice), string(p.VAT), p.WeightGrams, p.Active,
		p.SellerNote, string(p.KitPricing), model.ProductSearchDoc(p)}
}

const productWriteCols = `sku, sku_fold, name, name_fold, description, category_id, kind, unit_code, barcode, base_price, cost_price,
	floor_price, vat, weight_grams, active, seller_note, kit_pricing, search_doc`

// productFTS keeps the search index in step with a product's document.
func productFTS(ctx context.Context, tx *sql.Tx, num int64, oldDoc, newDoc string) error {
	if oldDoc == newDoc && oldDoc != "" {
		return nil
	}
	if oldDoc != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_fts (product_fts, rowid, search_doc) VALUES ('delete', ?, ?)`, num, oldDoc); err != nil {
			return fmt.Errorf("product search index: %w", err)
		}
	}
	if newDoc == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO product_fts (rowid, search_doc) VALUES (?, ?)`, num, newDoc); err != nil {
		return fmt.Errorf("product search index: %w", err)
	}
	return nil
}

func setProductImage(ctx context.Context, tx *sql.Tx, id string, img []byte) error {
	var err error
	if len(img) == 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM product_images WHERE product_id = ?`, id)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO product_images (product_id, image) VALUES (?, ?)
			ON CONFLICT (product_id) DO UPDATE SET image = excluded.image`, id, img)
	}
	return err
}

// CreateProduct implements model.CatalogService.
func (ss *Session) CreateProduct(ctx context.Context, p model.Product) (model.Product, error) {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActCreate)
		if err != nil {
			return err
		}
		p, err = ss.s.insertProduct(ctx, tx, actor, p)
		return err
	})
	return p, err
}

func (s *Store) insertProduct(ctx context.Context, tx *sql.Tx, actor model.User, p model.Product) (model.Product, error) {
	if err := checkProductRefs(ctx, tx, p); err != nil {
		return p, err
	}
	now := s.now()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = s.newID(), 1, now, now
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM products`).Scan(&p.Num); err != nil {
		return p, err
	}
	args := append([]any{p.ID, p.Num}, productValues(p)...)
	args = append(args, ts(now), ts(now))
	if _, err := tx.ExecContext(ctx, `INSERT INTO products (id, num, `+productWriteCols+`, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, args...); err != nil {
		return p, fmt.Errorf("create product %q: %w", p.Name, err)
	}
	if err := productFTS(ctx, tx, p.Num, "", model.ProductSearchDoc(p)); err != nil {
		return p, err
	}
	if err := setProductImage(ctx, tx, p.ID, p.Image); err != nil {
		return p, err
	}
	return p, s.audit(ctx, tx, actor, model.AuditCreate, model.EntityProduct, p.ID, model.Diff(nil, p.AuditFields()))
}

// UpdateProduct implements model.CatalogService.
func (ss *Session) UpdateProduct(ctx context.Context, p model.Product) (model.Product, error) {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadProduct(ctx, tx, p.ID, true)
		if err != nil {
			return err
		}
		if old.Version != p.Version {
			return fmt.Errorf("product %s: %w", p.ID, model.ErrStale)
		}
		if p.Kind != old.Kind && (old.Kind == model.KindKit || p.Kind == model.KindKit) {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM kit_components WHERE kit_id = ?`, p.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return model.ValidationErrors{{Field: "kind", Msg: "valid.product.kit_has_components"}}
			}
		}
		if err := checkProductRefs(ctx, tx, p); err != nil {
			return err
		}
		now := ss.s.now()
		args := append(productValues(p), ts(now), p.ID, p.Version)
		res, err := tx.ExecContext(ctx, `UPDATE products SET (`+productWriteCols+`, updated_at) =
			(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, args...)
		if err != nil {
			return fmt.Errorf("update product %s: %w", p.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("product %s: %w", p.ID, model.ErrStale)
		}
		if err := productFTS(ctx, tx, old.Num, model.ProductSearchDoc(old), model.ProductSearchDoc(p)); err != nil {
			return err
		}
		if err := setProductImage(ctx, tx, p.ID, p.Image); err != nil {
			return err
		}
		p.Num, p.CreatedAt, p.UpdatedAt, p.Version = old.Num, old.CreatedAt, now, old.Version+1
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityProduct, p.ID, model.Diff(old.AuditFields(), p.AuditFields()))
	})
	return p, err
}

// DeleteProduct implements model.CatalogService: the product goes to the
// trash and leaves the search index; its prices and stock history stay.
func (ss *Session) DeleteProduct(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActDelete)
		if err != nil {
			return err
		}
		old, err := loadProduct(ctx, tx, id, false)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE products SET deleted_at = ?, version = version + 1 WHERE id = ?`, ts(ss.s.now()), id); err != nil {
			return fmt.Errorf("delete product %s: %w", id, err)
		}
		if err := productFTS(ctx, tx, old.Num, model.ProductSearchDoc(old), ""); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityProduct, id, nil)
	})
}

// RestoreProduct implements model.CatalogService.
func (ss *Session) RestoreProduct(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActDelete)
		if err != nil {
			return err
		}
		p, err := scanProduct(tx.QueryRowContext(ctx, `SELECT `+productCols+` FROM products p WHERE p.id = ? AND p.deleted_at IS NOT NULL`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("product %s in the trash: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if p.SKU != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM products WHERE sku_fold = ? AND deleted_at IS NULL`, model.FoldText(p.SKU)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("restore product %s: SKU %s is taken by another product: %w", id, p.SKU, model.ErrConflict)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE products SET deleted_at = NULL, version = version + 1 WHERE id = ?`, id); err != nil {
			return fmt.Errorf("restore product %s: %w", id, err)
		}
		if err := productFTS(ctx, tx, p.Num, "", model.ProductSearchDoc(p)); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditRestore, model.EntityProduct, id, nil)
	})
}
