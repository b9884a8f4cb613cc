package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"sdelka/model"
)

// visibility returns the SQL condition (over table alias a, which has id and
// owner_id columns) that limits rows of entity e to those user u may act on
// with action act. This is where record visibility is enforced: every query of
// an owned entity goes through it.
func visibility(u model.User, e model.Entity, act model.Action, a string) (string, []any) {
	switch model.ScopeFor(u.Role, e, act) {
	case model.ScopeAll:
		return "1=1", nil
	case model.ScopeOwn:
		return "(" + a + ".owner_id = ? OR EXISTS (SELECT 1 FROM shares sh WHERE sh.entity = ? AND sh.entity_id = " + a + ".id AND sh.user_id = ?))",
			[]any{u.ID, string(e), u.ID}
	default:
		return "0=1", nil
	}
}

const customerCols = `c.id, c.kind, c.name, c.inn, c.kpp, c.phone, c.email, c.note, c.owner_id, coalesce(u.full_name, ''),
	c.version, c.created_at, c.updated_at, c.deleted_at`

func scanCustomer(row interface{ Scan(...any) error }) (model.Customer, error) {
	var c model.Customer
	var kind string
	var created, updated, deleted sql.NullString
	err := row.Scan(&c.ID, &kind, &c.Name, &c.INN, &c.KPP, &c.Phone, &c.Email, &c.Note, &c.OwnerID, &c.OwnerName,
		&c.Version, &created, &updated, &deleted)
	c.Kind = model.CustomerKind(kind)
	c.CreatedAt, c.UpdatedAt, c.DeletedAt = parseTS(created), parseTS(updated), parseTS(deleted)
	return c, err
}

// customerWhere builds the filter condition shared by FindCustomers and
// CountCustomers.
func customerWhere(u model.User, f model.CustomerFilter) (string, []any) {
	vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
	where := []string{vis}
	if f.Deleted {
		where = append(where, "c.deleted_at IS NOT NULL")
	} else {
		where = append(where, "c.deleted_at IS NULL")
	}
	if f.OwnerID != "" {
		where = append(where, "c.owner_id = ?")
		args = append(args, f.OwnerID)
	}
	if q := model.FoldText(f.Query); q != "" {
		if d := model.DigitsOnly(q); d == q && len(d) >= 4 {
			where = append(where, "(c.inn >= ? AND c.inn < ? OR c.name_fold >= ? AND c.name_fold < ?)")
			args = append(args, d, d+"\uffff", q, q+"\uffff")
		} else {
			where = append(where, "c.name_fold >= ? AND c.name_fold < ?")
			args = append(args, q, q+"\uffff")
		}
	}
	return strings.Join(where, " AND "), args
}

// FindCustomers implements model.CustomerService: one keyset page by
// (folded name, id), never OFFSET.
func (ss *Session) FindCustomers(ctx context.Context, f model.CustomerFilter) ([]model.Customer, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, fmt.Errorf("find customers: %w", err)
	}
	where, args := customerWhere(u, f)
	if f.AfterID != "" {
		where += " AND (c.name_fold, c.id) > (?, ?)"
		args = append(args, model.FoldText(f.AfterName), f.AfterID)
	}
	args = append(args, model.PageLimit(f.Limit))
	rows, err := ss.s.r.QueryContext(ctx, `SELECT `+customerCols+` FROM customers c LEFT JOIN users u ON u.id = c.owner_id
		WHERE `+where+` ORDER BY c.name_fold, c.id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("find customers: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.Customer
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return nil, fmt.Errorf("find customers: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CountCustomers implements model.CustomerService.
func (ss *Session) CountCustomers(ctx context.Context, f model.CustomerFilter) (int, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return 0, fmt.Errorf("count customers: %w", err)
	}
	where, args := customerWhere(u, f)
	var n int
	if err := ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM customers c WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count customers: %w", mapErr(err))
	}
	return n, nil
}

func (ss *Session) loadCustomer(ctx context.Context, q queryer, u model.User, act model.Action, id string) (model.Customer, error) {
	vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
	c, err := scanCustomer(q.QueryRowContext(ctx, `SELECT `+customerCols+` FROM customers c LEFT JOIN users u ON u.id = c.owner_id
		WHERE c.id = ? AND `+vis, append([]any{id}, args...)...))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("customer %s: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("customer %s: %w", id, mapErr(err))
	}
	if act != model.ActRead {
		var shared int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM shares WHERE entity = ? AND entity_id = ? AND user_id = ?`,
			string(model.EntityCustomer), id, u.ID).Scan(&shared); err != nil {
			return c, err
		}
		if !model.CanOnRecord(u, model.EntityCustomer, act, c.OwnerID, shared > 0) {
			return c, fmt.Errorf("%s customer %s as %s: %w", act, id, u.Role, model.ErrForbidden)
		}
	}
	return c, nil
}

// FindCustomerByID implements model.CustomerService.
func (ss *Session) FindCustomerByID(ctx context.Context, id string) (model.Customer, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return model.Customer{}, fmt.Errorf("customer %s: %w", id, err)
	}
	return ss.loadCustomer(ctx, ss.s.r, u, model.ActRead, id)
}

// checkOwner makes sure an owner exists, is active and that the actor may give
// records to someone else.
func checkOwner(ctx context.Context, tx *sql.Tx, actor model.User, ownerID string) error {
	if ownerID != actor.ID && model.ScopeFor(actor.Role, model.EntityCustomer, model.ActUpdate) != model.ScopeAll {
		return fmt.Errorf("assign customer to another seller as %s: %w", actor.Role, model.ErrForbidden)
	}
	if _, err := findUser(ctx, tx, "id = ? AND active = 1", ownerID); err != nil {
		return model.ValidationErrors{{Field: "owner", Msg: "valid.owner"}}
	}
	return nil
}

// CreateCustomer implements model.CustomerService.
func (ss *Session) CreateCustomer(ctx context.Context, c model.Customer) (model.Customer, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActCreate)
		if err != nil {
			return err
		}
		if c.OwnerID == "" {
			c.OwnerID = actor.ID
		}
		if err := checkOwner(ctx, tx, actor, c.OwnerID); err != nil {
			return err
		}
		c, err = ss.s.insertCustomer(ctx, tx, actor, c)
		return err
	})
	return c, err
}

func (s *Store) insertCustomer(ctx context.Context, tx *sql.Tx, actor model.User, c model.Customer) (model.Customer, error) {
	now := s.now()
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = s.newID(), 1, now, now
	if _, err := tx.ExecContext(ctx, `INSERT INTO customers (id, kind, name, name_fold, inn, kpp, phone, email, note, owner_id, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, c.ID, string(c.Kind), c.Name, model.FoldText(c.Name), c.INN, c.KPP, c.Phone, c.Email, c.Note,
		c.OwnerID, ts(now), ts(now)); err != nil {
		return c, fmt.Errorf("create customer %q: %w", c.Name, err)
	}
	return c, s.audit(ctx, tx, actor, model.AuditCreate, model.EntityCustomer, c.ID, model.Diff(nil, c.AuditFields()))
}

// UpdateCustomer implements model.CustomerService.
func (ss *Session) UpdateCustomer(ctx context.Context, c model.Customer) (model.Customer, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, c.ID)
		if err != nil {
			return err
		}
		if !old.DeletedAt.IsZero() {
			return fmt.Errorf("customer %s is in the trash: %w", c.ID, model.ErrNotFound)
		}
		if c.OwnerID == "" {
			c.OwnerID = old.OwnerID
		}
		if c.OwnerID != old.OwnerID {
			// Only those who may edit every customer reassign one: a seller
			// must not take over a customer merely shared with them.
			if model.ScopeFor(actor.Role, model.EntityCustomer, model.ActUpdate) != model.ScopeAll {
				return fmt.Errorf("reassign customer %s as %s: %w", c.ID, actor.Role, model.ErrForbidden)
			}
			if err := checkOwner(ctx, tx, actor, c.OwnerID); err != nil {
				return err
			}
		}
		now := ss.s.now()
		res, err := tx.ExecContext(ctx, `UPDATE customers SET kind = ?, name = ?, name_fold = ?, inn = ?, kpp = ?, phone = ?, email = ?, note = ?,
			owner_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
			string(c.Kind), c.Name, model.FoldText(c.Name), c.INN, c.KPP, c.Phone, c.Email, c.Note, c.OwnerID, ts(now), c.ID, c.Version)
		if err := staleCheck(res, err, "customer", c.ID, c.Version); err != nil {
			return err
		}
		c.Version, c.UpdatedAt, c.CreatedAt = c.Version+1, now, old.CreatedAt
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCustomer, c.ID, model.Diff(old.AuditFields(), c.AuditFields()))
	})
	return c, err
}

// DeleteCustomer implements model.CustomerService (soft delete).
func (ss *Session) DeleteCustomer(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActDelete)
		if err != nil {
			return err
		}
		old, err := ss.loadCustomer(ctx, tx, actor, model.ActDelete, id)
		if err != nil {
			return err
		}
		if !old.DeletedAt.IsZero() {
			return fmt.Errorf("customer %s is already in the trash: %w", id, model.ErrNotFound)
		}
		res, err := tx.ExecContext(ctx, `UPDATE customers SET deleted_at = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, ts(ss.s.now()), ts(ss.s.now()), id, version)
		if err := staleCheck(res, err, "customer", id, version); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityCustomer, id, nil)
	})
}

// RestoreCustomer implements model.CustomerService.
func (ss *Session) RestoreCustomer(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActDelete)
		if err != nil {
			return err
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActDelete, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE customers SET deleted_at = NULL, updated_at = ?, version = version + 1
			WHERE id = ? AND deleted_at IS NOT NULL`, ts(ss.s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("customer %s is not in the trash: %w", id, model.ErrNotFound)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditRestore, model.EntityCustomer, id, nil)
	})
}

// ShareCustomer implements model.CustomerService.
func (ss *Session) ShareCustomer(ctx context.Context, id, userID string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActShare)
		if err != nil {
			return err
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActShare, id); err != nil {
			return err
		}
		if _, err := findUser(ctx, tx, "id = ?", userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shares (entity, entity_id, user_id, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, string(model.EntityCustomer), id, userID, ts(ss.s.now())); err != nil {
			return fmt.Errorf("share customer %s: %w", id, err)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCustomer, id, []model.Change{{Field: "shared_with", New: userID}})
	})
}
