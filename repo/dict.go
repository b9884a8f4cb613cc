package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"sdelka/model"
)

// Regions implements model.CustomerService.
func (ss *Session) Regions(ctx context.Context) ([]model.Region, error) {
	rows, err := ss.s.r.QueryContext(ctx, `SELECT code, name_ru, name_en, kind FROM regions ORDER BY sort`)
	if err != nil {
		return nil, fmt.Errorf("regions: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.Region
	for rows.Next() {
		var r model.Region
		if err := rows.Scan(&r.Code, &r.NameRU, &r.NameEN, &r.Kind); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DictItems implements model.CustomerService: the dictionary's suggestions
// together with every value in use, sorted.
func (ss *Session) DictItems(ctx context.Context, kind model.DictKind) ([]string, error) {
	col := map[model.DictKind]string{model.DictIndustry: "industry", model.DictSegment: "segment", model.DictLeadSource: "lead_source"}[kind]
	if col == "" {
		return nil, fmt.Errorf("dictionary %q: %w", kind, model.ErrNotFound)
	}
	rows, err := ss.s.r.QueryContext(ctx, `SELECT name FROM dict_items WHERE kind = ?
		UNION SELECT DISTINCT `+col+` FROM customers WHERE `+col+` <> '' AND deleted_at IS NULL ORDER BY 1`, string(kind))
	if err != nil {
		return nil, fmt.Errorf("dictionary %s: %w", kind, mapErr(err))
	}
	defer rows.Close()
	var out []string
	seen := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if k := model.FoldText(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// Groups implements model.CustomerService.
func (ss *Session) Groups(ctx context.Context) ([]model.CustomerGroup, error) {
	rows, err := ss.s.r.QueryContext(ctx, `SELECT id, name, version, created_at FROM customer_groups WHERE deleted_at IS NULL ORDER BY name_fold`)
	if err != nil {
		return nil, fmt.Errorf("groups: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.CustomerGroup
	for rows.Next() {
		var g model.CustomerGroup
		var created sql.NullString
		if err := rows.Scan(&g.ID, &g.Name, &g.Version, &created); err != nil {
			return nil, err
		}
		g.CreatedAt = parseTS(created)
		out = append(out, g)
	}
	return out, rows.Err()
}

// SaveGroup implements model.CustomerService (heads and administrators:
// those who may change every customer).
func (ss *Session) SaveGroup(ctx context.Context, g model.CustomerGroup) (model.CustomerGroup, error) {
	g.Name = strings.Join(strings.Fields(g.Name), " ")
	if g.Name == "" {
		return g, model.ValidationErrors{{Field: "name", Msg: model.MsgRequired}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.actor(ctx, tx)
		if err != nil {
			return err
		}
		if model.ScopeFor(actor.Role, model.EntityCustomer, model.ActUpdate) != model.ScopeAll {
			return fmt.Errorf("save customer group as %s: %w", actor.Role, model.ErrForbidden)
		}
		now := ss.s.now()
		if g.ID == "" {
			g.ID, g.Version, g.CreatedAt = ss.s.newID(), 1, now
			_, err = tx.ExecContext(ctx, `INSERT INTO customer_groups (id, name, name_fold, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				g.ID, g.Name, model.FoldText(g.Name), ts(now), ts(now))
			if err = mapErr(err); errors.Is(err, model.ErrConflict) {
				return model.ValidationErrors{{Field: "name", Msg: "valid.name.taken"}}
			}
			if err != nil {
				return err
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityGroup, g.ID, []model.Change{{Field: "name", New: g.Name}})
		}
		var oldName string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM customer_groups WHERE id = ?`, g.ID).Scan(&oldName); err != nil {
			return fmt.Errorf("customer group %s: %w", g.ID, model.ErrNotFound)
		}
		res, err := tx.ExecContext(ctx, `UPDATE customer_groups SET name = ?, name_fold = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			g.Name, model.FoldText(g.Name), ts(now), g.ID, g.Version)
		if err := staleCheck(res, err, "customer group", g.ID, g.Version); err != nil {
			if errors.Is(mapErr(err), model.ErrConflict) {
				return model.ValidationErrors{{Field: "name", Msg: "valid.name.taken"}}
			}
			return err
		}
		g.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityGroup, g.ID, []model.Change{{Field: "name", Old: oldName, New: g.Name}})
	})
	return g, err
}

// Tags implements model.CustomerService.
func (ss *Session) Tags(ctx context.Context) ([]string, error) {
	rows, err := ss.s.r.QueryContext(ctx, `SELECT name FROM tags t WHERE EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.tag_id = t.id) ORDER BY name_fold`)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", mapErr(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SavedFilters implements model.CustomerService.
func (ss *Session) SavedFilters(ctx context.Context) ([]model.SavedFilter, error) {
	rows, err := ss.s.r.QueryContext(ctx, `SELECT id, name, filter_json FROM saved_filters WHERE user_id = ? AND deleted_at IS NULL ORDER BY name`, ss.user.ID)
	if err != nil {
		return nil, fmt.Errorf("saved filters: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.SavedFilter
	for rows.Next() {
		var f model.SavedFilter
		var js string
		if err := rows.Scan(&f.ID, &f.Name, &js); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(js), &f.Filter); err != nil {
			return nil, fmt.Errorf("saved filter %s: %w", f.Name, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// SaveFilter implements model.CustomerService.
func (ss *Session) SaveFilter(ctx context.Context, name string, f model.CustomerFilter) (model.SavedFilter, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.SavedFilter{}, model.ValidationErrors{{Field: "name", Msg: model.MsgRequired}}
	}
	f.AfterKey, f.AfterID, f.Offset, f.IDs = "", "", 0, nil
	js, err := json.Marshal(f)
	if err != nil {
		return model.SavedFilter{}, err
	}
	sf := model.SavedFilter{Name: name, Filter: f}
	err = ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActRead)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		sf.ID = ss.s.newID()
		if err := tx.QueryRowContext(ctx, `INSERT INTO saved_filters (id, user_id, name, filter_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, name) DO UPDATE SET filter_json = excluded.filter_json, updated_at = excluded.updated_at,
			version = version + 1, deleted_at = NULL RETURNING id`, sf.ID, actor.ID, name, string(js), now, now).Scan(&sf.ID); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityFilter, sf.ID, []model.Change{{Field: "name", New: name}, {Field: "filter", New: string(js)}})
	})
	return sf, err
}

// DeleteSavedFilter implements model.CustomerService.
func (ss *Session) DeleteSavedFilter(ctx context.Context, id string) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.actor(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE saved_filters SET deleted_at = ?, version = version + 1 WHERE id = ? AND user_id = ? AND deleted_at IS NULL`,
			ts(ss.s.now()), id, actor.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("saved filter %s: %w", id, model.ErrNotFound)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityFilter, id, nil)
	})
}
