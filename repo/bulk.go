package repo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"sdelka/model"
)

// customerRefs are the tables whose rows belong to a customer, moved by a
// merge. Later capabilities (deals, orders, documents, payments) add theirs.
var customerRefs = []string{"contacts", "contact_channels", "interactions", "service_requests", "documents", "payments", "obligations",
	"deals", "leads", "activities", "reverse_requests"}

// FindDuplicates implements model.CustomerService. Matches the user cannot
// see are still reported, with only their name and owner, so that two
// sellers do not end up working the same company unknowingly.
func (ss *Session) FindDuplicates(ctx context.Context, c model.Customer, contacts []model.Contact) ([]model.Duplicate, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, err
	}
	c = c.Normalize()
	type probe struct{ by, value, where string }
	var probes []probe
	if c.INN != "" {
		probes = append(probes, probe{"inn", c.INN, `c.id IN (` + byINN + `)`})
	}
	emails := map[string]bool{}
	phones := map[string]bool{}
	if c.Email != "" {
		emails[c.Email] = true
	}
	if n := model.NormalizePhone(c.Phone); len(n) >= 7 {
		phones[n] = true
	}
	for _, ct := range contacts {
		for _, e := range ct.Normalize().Emails {
			emails[e] = true
		}
		for _, p := range ct.Phones {
			if n := model.NormalizePhone(p); len(n) >= 7 {
				phones[n] = true
			}
		}
	}
	for e := range emails {
		probes = append(probes, probe{"email", e, `c.id IN (` + byEmail + `)`})
	}
	for p := range phones {
		probes = append(probes, probe{"phone", p, `c.id IN (` + byPhone + `)`})
	}
	var out []model.Duplicate
	seen := map[string]bool{}
	for _, p := range probes {
		cs, err := queryCustomers(ctx, ss.s.r, `SELECT `+customerCols+customerFrom+` WHERE `+p.where+
			` AND c.deleted_at IS NULL AND c.id <> ? LIMIT 20`, identArgs(p.where, p.value, c.ID)...)
		if err != nil {
			return nil, fmt.Errorf("find duplicates: %w", err)
		}
		for _, d := range cs {
			if seen[d.ID] {
				continue
			}
			seen[d.ID] = true
			if !model.CanOnRecord(u, model.EntityCustomer, model.ActRead, d.OwnerID, false) && !ss.sharedWith(ctx, u, d.ID) {
				d = model.Customer{ID: d.ID, Name: d.Name, OwnerID: d.OwnerID, OwnerName: d.OwnerName}
			}
			out = append(out, model.Duplicate{Customer: d, By: p.by, Value: p.value})
		}
	}
	return out, nil
}

// Subqueries giving the IDs of customers with an identifier; each branch is a
// lookup in a partial index (which SQLite uses only when the query repeats
// the index's "<> ”" condition).
const (
	byINN   = `SELECT id FROM customers WHERE inn = ? AND inn <> ''`
	byEmail = `SELECT id FROM customers WHERE email = ? AND email <> ''
		UNION SELECT customer_id FROM contact_channels WHERE kind = 'email' AND norm = ? AND norm <> ''`
	byPhone = `SELECT id FROM customers WHERE phone_norm = ? AND phone_norm <> ''
		UNION SELECT customer_id FROM contact_channels WHERE kind = 'phone' AND norm = ? AND norm <> ''`
)

// identArgs repeats the value for every placeholder of an identifier subquery.
func identArgs(where, value string, rest ...any) []any {
	var args []any
	for range strings.Count(where, "?") {
		args = append(args, value)
	}
	return append(args, rest...)
}

func (ss *Session) sharedWith(ctx context.Context, u model.User, id string) bool {
	var n int
	ss.s.r.QueryRowContext(ctx, `SELECT count(*) FROM shares WHERE entity = 'customer' AND entity_id = ? AND user_id = ?`, id, u.ID).Scan(&n)
	return n > 0
}

// MergeCustomers implements model.CustomerService.
func (ss *Session) MergeCustomers(ctx context.Context, keepID string, keepVersion int64, dropID string, dropVersion int64) (model.Customer, error) {
	var kept model.Customer
	if keepID == dropID {
		return kept, model.ValidationErrors{{Field: "merge", Msg: "valid.merge.same"}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActDelete)
		if err != nil {
			return err
		}
		keep, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, keepID)
		if err != nil {
			return err
		}
		drop, err := ss.loadCustomer(ctx, tx, actor, model.ActDelete, dropID)
		if err != nil {
			return err
		}
		if keep.Version != keepVersion {
			return model.StaleError("customer", keepID, keepVersion)
		}
		if drop.Version != dropVersion {
			return model.StaleError("customer", dropID, dropVersion)
		}
		if !keep.DeletedAt.IsZero() || !drop.DeletedAt.IsZero() {
			return fmt.Errorf("merge: a customer is in the trash: %w", model.ErrNotFound)
		}
		for _, t := range customerRefs {
			if _, err := tx.ExecContext(ctx, `UPDATE `+t+` SET customer_id = ? WHERE customer_id = ?`, keepID, dropID); err != nil {
				return fmt.Errorf("merge %s: %w", t, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET is_primary = 0 WHERE customer_id = ? AND is_primary = 1 AND id NOT IN
			(SELECT id FROM contacts WHERE customer_id = ? AND is_primary = 1 ORDER BY created_at LIMIT 1)`, keepID, keepID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO shares (entity, entity_id, user_id, created_at)
			SELECT entity, ?, user_id, created_at FROM shares WHERE entity = 'customer' AND entity_id = ?`, keepID, dropID); err != nil {
			return err
		}
		if drop.OwnerID != keep.OwnerID {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO shares (entity, entity_id, user_id, created_at) VALUES ('customer', ?, ?, ?)`,
				keepID, drop.OwnerID, ts(ss.s.now())); err != nil {
				return err
			}
		}
		merged := model.MergeCustomerFields(keep, drop)
		now := ss.s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?`, ts(now), ts(now), dropID); err != nil {
			return err
		}
		args := append(customerValues(merged), ts(now), keepID, keepVersion)
		res, err := tx.ExecContext(ctx, `UPDATE customers SET (`+customerWriteCols+`, updated_at) =
			(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1
			WHERE id = ? AND version = ?`, args...)
		if err := staleCheck(res, err, "customer", keepID, keepVersion); err != nil {
			return err
		}
		if err := ss.s.setTags(ctx, tx, keepID, merged.Tags); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, keepID); err != nil {
			return err
		}
		merged.Version, merged.UpdatedAt = keepVersion+1, now
		kept = merged
		ch := model.Diff(keep.AuditFields(), merged.AuditFields())
		ch = append(ch, model.Change{Field: "merged_from", New: dropID})
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCustomer, keepID, ch); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityCustomer, dropID, []model.Change{{Field: "merged_into", New: keepID}})
	})
	return kept, err
}

// AssignCustomers implements model.CustomerService.
func (ss *Session) AssignCustomers(ctx context.Context, ids []string, ownerID string) (int, error) {
	n := 0
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		if err := checkOwner(ctx, tx, actor, ownerID); err != nil {
			return err
		}
		for _, id := range ids {
			c, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, id)
			if err != nil {
				return err
			}
			if c.OwnerID == ownerID || !c.DeletedAt.IsZero() {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customers SET owner_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
				ownerID, ts(ss.s.now()), id); err != nil {
				return err
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCustomer, id,
				[]model.Change{{Field: "owner_id", Old: c.OwnerID, New: ownerID}}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// TagCustomers implements model.CustomerService.
func (ss *Session) TagCustomers(ctx context.Context, ids []string, tag string) (int, error) {
	tags := model.CleanTags([]string{tag})
	if len(tags) == 0 {
		return 0, model.ValidationErrors{{Field: "tags", Msg: model.MsgRequired}}
	}
	n := 0
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		tagID, err := ss.s.tagID(ctx, tx, tags[0])
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, id); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)`, id, tagID)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customers SET updated_at = ?, version = version + 1 WHERE id = ?`, ts(ss.s.now()), id); err != nil {
				return err
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCustomer, id, []model.Change{{Field: "tags", New: "+" + tags[0]}}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// ImportLookups implements model.CustomerService.
func (ss *Session) ImportLookups(ctx context.Context) (model.ImportLookups, error) {
	lk := model.ImportLookups{Regions: map[string]string{}, Owners: map[string]string{}, Groups: map[string]string{}}
	regions, err := ss.Regions(ctx)
	if err != nil {
		return lk, err
	}
	for _, r := range regions {
		for _, k := range []string{r.Code, r.NameRU, r.NameEN} {
			lk.Regions[model.FoldText(k)] = r.Code
		}
	}
	users, err := ss.s.Session(System).FindUsers(ctx)
	if err != nil {
		return lk, err
	}
	for _, u := range users {
		if u.Active {
			lk.Owners[model.FoldText(u.Login)] = u.ID
			lk.Owners[model.FoldText(u.FullName)] = u.ID
		}
	}
	groups, err := ss.Groups(ctx)
	if err != nil {
		return lk, err
	}
	for _, g := range groups {
		lk.Groups[model.FoldText(g.Name)] = g.ID
	}
	return lk, nil
}
