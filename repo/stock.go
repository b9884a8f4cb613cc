package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sdelka/model"
)

// Warehouses implements model.CatalogService.
func (ss *Session) Warehouses(ctx context.Context) ([]model.Warehouse, error) {
	if _, err := ss.reader(ctx, model.EntityStock); err != nil {
		return nil, fmt.Errorf("warehouses: %w", err)
	}
	return queryAll(ctx, ss.s.r, "warehouses", `SELECT id, name, address, active, version FROM warehouses WHERE deleted_at IS NULL ORDER BY name_fold`,
		func(sc scanner) (model.Warehouse, error) {
			var w model.Warehouse
			err := sc.Scan(&w.ID, &w.Name, &w.Address, &w.Active, &w.Version)
			return w, err
		})
}

// SaveWarehouse implements model.CatalogService.
func (ss *Session) SaveWarehouse(ctx context.Context, w model.Warehouse) (model.Warehouse, error) {
	w.Name, w.Address = strings.TrimSpace(w.Name), strings.TrimSpace(w.Address)
	if w.Name == "" {
		return w, model.ValidationErrors{{Field: "name", Msg: model.MsgRequired}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActUpdate
		if w.ID == "" {
			act = model.ActCreate
		}
		// Warehouses are kept by those who keep the catalog.
		actor, err := ss.allow(ctx, tx, model.EntityProduct, act)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM warehouses WHERE name_fold = ? AND id <> ? AND deleted_at IS NULL`,
			model.FoldText(w.Name), w.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ValidationErrors{{Field: "name", Msg: "valid.warehouse.taken"}}
		}
		now := ts(ss.s.now())
		if w.ID == "" {
			w.ID, w.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO warehouses (id, name, name_fold, address, active, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, w.ID, w.Name, model.FoldText(w.Name), w.Address, w.Active, now, now); err != nil {
				return fmt.Errorf("create warehouse %q: %w", w.Name, err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityStock, w.ID, []model.Change{{Field: "warehouse", New: w.Name}})
		}
		var old model.Warehouse
		err = tx.QueryRowContext(ctx, `SELECT name, address, active, version FROM warehouses WHERE id = ? AND deleted_at IS NULL`, w.ID).
			Scan(&old.Name, &old.Address, &old.Active, &old.Version)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("warehouse %s: %w", w.ID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old.Version != w.Version {
			return fmt.Errorf("warehouse %s: %w", w.ID, model.ErrStale)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE warehouses SET name = ?, name_fold = ?, address = ?, active = ?, updated_at = ?,
			version = version + 1 WHERE id = ?`, w.Name, model.FoldText(w.Name), w.Address, w.Active, now, w.ID); err != nil {
			return fmt.Errorf("update warehouse %s: %w", w.ID, err)
		}
		w.Version++
		b := func(v bool) string { return fmt.Sprint(v) }
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityStock, w.ID, model.Diff(
			map[string]string{"warehouse": old.Name, "address": old.Address, "active": b(old.Active)},
			map[string]string{"warehouse": w.Name, "address": w.Address, "active": b(w.Active)}))
	})
	return w, err
}

// MoveStock implements model.CatalogService: the movement is checked
// against the current balances by model.ApplyMovement and written with the
// changed balances in one transaction.
func (ss *Session) MoveStock(ctx context.Context, m model.StockMovement) (model.StockMovement, error) {
	m.Note, m.DocRef = strings.TrimSpace(m.Note), strings.TrimSpace(m.DocRef)
	if err := model.ValidateMovement(m); err != nil {
		return m, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityStock, model.ActCreate)
		if err != nil {
			return err
		}
		p, err := loadProduct(ctx, tx, m.ProductID, false)
		if err != nil {
			return err
		}
		if p.Kind != model.KindGoods {
			return model.ValidationErrors{{Field: "product", Msg: "valid.stock.not_goods"}}
		}
		bal := map[model.StockKey]model.StockBalance{}
		for _, wh := range []string{m.FromID, m.ToID} {
			if wh == "" {
				continue
			}
			var active bool
			err := tx.QueryRowContext(ctx, `SELECT active FROM warehouses WHERE id = ? AND deleted_at IS NULL`, wh).Scan(&active)
			if errors.Is(err, sql.ErrNoRows) {
				return model.ValidationErrors{{Field: "warehouse", Msg: "valid.warehouse.unknown"}}
			}
			if err != nil {
				return err
			}
			k := model.StockKey{ProductID: m.ProductID, WarehouseID: wh}
			b := model.StockBalance{ProductID: m.ProductID, WarehouseID: wh}
			err = tx.QueryRowContext(ctx, `SELECT on_hand, reserved FROM stock_balances WHERE product_id = ? AND warehouse_id = ?`,
				m.ProductID, wh).Scan(&b.OnHand, &b.Reserved)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			bal[k] = b
		}
		if err := model.ApplyMovement(bal, m); err != nil {
			return fmt.Errorf("%s of %s: %w", m.Kind, p.Name, err)
		}
		for _, b := range bal {
			if _, err := tx.ExecContext(ctx, `INSERT INTO stock_balances (product_id, warehouse_id, on_hand, reserved) VALUES (?, ?, ?, ?)
				ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved`,
				b.ProductID, b.WarehouseID, int64(b.OnHand), int64(b.Reserved)); err != nil {
				return fmt.Errorf("stock balance: %w", err)
			}
		}
		now := ss.s.now()
		if m.At.IsZero() {
			m.At = now
		}
		m.ID, m.UserID = ss.s.newID(), actor.ID
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM stock_movements`).Scan(&m.Num); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stock_movements (id, num, kind, product_id, from_id, to_id, qty, at, note, doc_ref, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, m.Num, string(m.Kind), m.ProductID, nullStr(m.FromID), nullStr(m.ToID),
			int64(m.Qty), ts(m.At), m.Note, m.DocRef, m.UserID, ts(now)); err != nil {
			return fmt.Errorf("stock movement: %w", err)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityStock, m.ID, []model.Change{
			{Field: "kind", New: string(m.Kind)}, {Field: "product_id", New: m.ProductID}, {Field: "from", New: m.FromID},
			{Field: "to", New: m.ToID}, {Field: "qty", New: fmt.Sprint(int64(m.Qty))}})
	})
	return m, err
}

// Stock implements model.CatalogService.
func (ss *Session) Stock(ctx context.Context, productID string) ([]model.StockBalance, error) {
	if _, err := ss.reader(ctx, model.EntityStock); err != nil {
		return nil, fmt.Errorf("stock: %w", err)
	}
	return queryAll(ctx, ss.s.r, "stock of "+productID, `SELECT b.product_id, b.warehouse_id, b.on_hand, b.reserved FROM stock_balances b
		JOIN warehouses w ON w.id = b.warehouse_id WHERE b.product_id = ? ORDER BY w.name_fold`,
		func(sc scanner) (model.StockBalance, error) {
			var b model.StockBalance
			err := sc.Scan(&b.ProductID, &b.WarehouseID, &b.OnHand, &b.Reserved)
			return b, err
		}, productID)
}

// Movements implements model.CatalogService.
func (ss *Session) Movements(ctx context.Context, f model.MovementFilter) ([]model.StockMovement, error) {
	if _, err := ss.reader(ctx, model.EntityStock); err != nil {
		return nil, fmt.Errorf("stock movements: %w", err)
	}
	where, args := []string{"1 = 1"}, []any{}
	if f.ProductID != "" {
		where, args = append(where, "product_id = ?"), append(args, f.ProductID)
	}
	if f.WarehouseID != "" {
		where, args = append(where, "(from_id = ? OR to_id = ?)"), append(args, f.WarehouseID, f.WarehouseID)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, ts(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, ts(f.To))
	}
	args = append(args, model.PageLimit(f.Limit))
	rows, err := ss.s.r.QueryContext(ctx, `SELECT id, num, kind, product_id, coalesce(from_id, ''), coalesce(to_id, ''), qty, at, note, doc_ref, user_id
		FROM stock_movements WHERE `+strings.Join(where, " AND ")+` ORDER BY num DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("stock movements: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.StockMovement
	for rows.Next() {
		var m model.StockMovement
		var at sql.NullString
		if err := rows.Scan(&m.ID, &m.Num, &m.Kind, &m.ProductID, &m.FromID, &m.ToID, &m.Qty, &at, &m.Note, &m.DocRef, &m.UserID); err != nil {
			return nil, err
		}
		m.At = parseTS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// checkStock re-derives every balance from the movements and compares it
// with stock_balances (for Check).
func (s *Store) checkStock(ctx context.Context) ([]Problem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, num, kind, product_id, coalesce(from_id, ''), coalesce(to_id, ''), qty FROM stock_movements ORDER BY num`)
	if err != nil {
		return nil, fmt.Errorf("stock movements: %w", mapErr(err))
	}
	var moves []model.StockMovement
	for rows.Next() {
		var m model.StockMovement
		if err := rows.Scan(&m.ID, &m.Num, &m.Kind, &m.ProductID, &m.FromID, &m.ToID, &m.Qty); err != nil {
			rows.Close()
			return nil, err
		}
		moves = append(moves, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var probs []Problem
	want, err := model.Balances(moves)
	if err != nil {
		probs = append(probs, Problem{"stock movements", "they cannot be replayed: " + err.Error()})
	}
	rows, err = s.r.QueryContext(ctx, `SELECT product_id, warehouse_id, on_hand, reserved FROM stock_balances`)
	if err != nil {
		return nil, fmt.Errorf("stock balances: %w", mapErr(err))
	}
	defer rows.Close()
	seen := map[model.StockKey]bool{}
	for rows.Next() {
		var b model.StockBalance
		if err := rows.Scan(&b.ProductID, &b.WarehouseID, &b.OnHand, &b.Reserved); err != nil {
			return nil, err
		}
		k := model.StockKey{ProductID: b.ProductID, WarehouseID: b.WarehouseID}
		seen[k] = true
		if w := want[k]; w.OnHand != b.OnHand || w.Reserved != b.Reserved {
			probs = append(probs, Problem{fmt.Sprintf("stock of product %s at warehouse %s", b.ProductID, b.WarehouseID),
				fmt.Sprintf("balance says on hand %d, reserved %d; the movements sum to %d, %d", b.OnHand, b.Reserved, w.OnHand, w.Reserved)})
		}
	}
	for k, w := range want {
		if !seen[k] && (w.OnHand != 0 || w.Reserved != 0) {
			probs = append(probs, Problem{fmt.Sprintf("stock of product %s at warehouse %s", k.ProductID, k.WarehouseID),
				fmt.Sprintf("no balance row; the movements sum to %d, %d", w.OnHand, w.Reserved)})
		}
	}
	return probs, rows.Err()
}

// dateOnly formats a calendar date as YYYY-MM-DD ("" for the zero time).
func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// parseDateOnly reads YYYY-MM-DD ("" is the zero time).
func parseDateOnly(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.DateOnly, s)
	return t
}
