package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"sdelka/model"
)

// Categories implements model.CatalogService: parents before children, each
// level by Sort, then name.
func (ss *Session) Categories(ctx context.Context) ([]model.Category, error) {
	if _, err := ss.reader(ctx, model.EntityProduct); err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	rows, err := ss.s.r.QueryContext(ctx, `SELECT id, coalesce(parent_id, ''), name, sort, version FROM categories
		WHERE deleted_at IS NULL ORDER BY sort, name_fold`)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", mapErr(err))
	}
	defer rows.Close()
	var all []model.Category
	for rows.Next() {
		var c model.Category
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Name, &c.Sort, &c.Version); err != nil {
			return nil, err
		}
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return model.CategoryTreeOrder(all), nil
}

// SaveCategory implements model.CatalogService.
func (ss *Session) SaveCategory(ctx context.Context, c model.Category) (model.Category, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, model.ValidationErrors{{Field: "name", Msg: model.MsgRequired}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if c.ID == "" {
			act = model.ActCreate
		}
		actor, err := ss.allow(ctx, tx, model.EntityProduct, act)
		if err != nil {
			return err
		}
		if c.ParentID != "" {
			// The new parent must exist and must not be c or under c.
			var under int
			if err := tx.QueryRowContext(ctx, `WITH RECURSIVE up(id, parent) AS (
					SELECT id, parent_id FROM categories WHERE id = ? AND deleted_at IS NULL
					UNION SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent)
				SELECT count(*) FROM up WHERE id = ?`, c.ParentID, c.ID).Scan(&under); err != nil {
				return err
			}
			var exists int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE id = ? AND deleted_at IS NULL`, c.ParentID).Scan(&exists); err != nil {
				return err
			}
			switch {
			case exists == 0:
				return model.ValidationErrors{{Field: "parent", Msg: "valid.category.unknown"}}
			case c.ID != "" && under > 0:
				return model.ValidationErrors{{Field: "parent", Msg: "valid.category.cycle"}}
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE coalesce(parent_id, '') = ? AND name_fold = ? AND id <> ?
			AND deleted_at IS NULL`, c.ParentID, model.FoldText(c.Name), c.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ValidationErrors{{Field: "name", Msg: "valid.category.taken"}}
		}
		now := ts(ss.s.now())
		if c.ID == "" {
			c.ID, c.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO categories (id, parent_id, name, name_fold, sort, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, nullStr(c.ParentID), c.Name, model.FoldText(c.Name), c.Sort, now, now); err != nil {
				return fmt.Errorf("create category %q: %w", c.Name, err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityProduct, c.ID,
				[]model.Change{{Field: "category", New: c.Name}, {Field: "parent_id", New: c.ParentID}})
		}
		var old model.Category
		err = tx.QueryRowContext(ctx, `SELECT name, coalesce(parent_id, ''), version FROM categories WHERE id = ? AND deleted_at IS NULL`, c.ID).
			Scan(&old.Name, &old.ParentID, &old.Version)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("category %s: %w", c.ID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old.Version != c.Version {
			return fmt.Errorf("category %s: %w", c.ID, model.ErrStale)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE categories SET parent_id = ?, name = ?, name_fold = ?, sort = ?, updated_at = ?,
			version = version + 1 WHERE id = ?`, nullStr(c.ParentID), c.Name, model.FoldText(c.Name), c.Sort, now, c.ID); err != nil {
			return fmt.Errorf("update category %s: %w", c.ID, err)
		}
		c.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityProduct, c.ID, model.Diff(
			map[string]string{"category": old.Name, "parent_id": old.ParentID}, map[string]string{"category": c.Name, "parent_id": c.ParentID}))
	})
	return c, err
}

// DeleteCategory implements model.CatalogService.
func (ss *Session) DeleteCategory(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityProduct, model.ActDelete)
		if err != nil {
			return err
		}
		var products, children int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM products WHERE category_id = ?1 AND deleted_at IS NULL),
			(SELECT count(*) FROM categories WHERE parent_id = ?1 AND deleted_at IS NULL)`, id).Scan(&products, &children); err != nil {
			return err
		}
		if products > 0 || children > 0 {
			return fmt.Errorf("delete category %s: %d products and %d subcategories in it: %w", id, products, children, model.ErrConflict)
		}
		res, err := tx.ExecContext(ctx, `UPDATE categories SET deleted_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL`, ts(ss.s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("category %s: %w", id, model.ErrNotFound)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityProduct, id, nil)
	})
}
