package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"sdelka/model"
)

// loadContacts returns the live contacts of the given customers with their
// channels, primary first, then by name.
func loadContacts(ctx context.Context, q queryer, customerIDs []string) (map[string][]model.Contact, error) {
	js, _ := json.Marshal(customerIDs)
	rows, err := q.QueryContext(ctx, `SELECT id, customer_id, name, position, birthday, note, preferred, is_primary, version, created_at, updated_at
		FROM contacts WHERE customer_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
		ORDER BY is_primary DESC, name, id`, string(js))
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", mapErr(err))
	}
	byID := map[string]*model.Contact{}
	var order []*model.Contact
	for rows.Next() {
		var c model.Contact
		var pref string
		var primary int
		var created, updated sql.NullString
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &c.Position, &c.Birthday, &c.Note, &pref, &primary, &c.Version, &created, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		c.Preferred, c.Primary, c.CreatedAt, c.UpdatedAt = model.ContactChannel(pref), primary == 1, parseTS(created), parseTS(updated)
		byID[c.ID] = &c
		order = append(order, &c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[string][]model.Contact{}
	if len(order) == 0 {
		return out, nil
	}
	ids := make([]string, len(order))
	for i, c := range order {
		ids[i] = c.ID
	}
	cjs, _ := json.Marshal(ids)
	rows, err = q.QueryContext(ctx, `SELECT contact_id, kind, value FROM contact_channels
		WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, kind, pos`, string(cjs))
	if err != nil {
		return nil, fmt.Errorf("contact channels: %w", mapErr(err))
	}
	for rows.Next() {
		var id, kind, value string
		if err := rows.Scan(&id, &kind, &value); err != nil {
			rows.Close()
			return nil, err
		}
		c := byID[id]
		if c == nil {
			continue
		}
		switch kind {
		case "phone":
			c.Phones = append(c.Phones, value)
		case "email":
			c.Emails = append(c.Emails, value)
		case "messenger":
			c.Messengers = append(c.Messengers, value)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range order {
		out[c.CustomerID] = append(out[c.CustomerID], *c)
	}
	return out, nil
}

// writeChannels replaces a contact's phones, e-mails and messengers.
func writeChannels(ctx context.Context, tx *sql.Tx, c model.Contact) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM contact_channels WHERE contact_id = ?`, c.ID); err != nil {
		return err
	}
	add := func(kind string, values []string, norm func(string) string) error {
		for i, v := range values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO contact_channels (contact_id, customer_id, kind, pos, value, norm) VALUES (?, ?, ?, ?, ?, ?)`,
				c.ID, c.CustomerID, kind, i, v, norm(v)); err != nil {
				return fmt.Errorf("contact channel: %w", err)
			}
		}
		return nil
	}
	if err := add("phone", c.Phones, model.NormalizePhone); err != nil {
		return err
	}
	if err := add("email", c.Emails, strings.ToLower); err != nil {
		return err
	}
	return add("messenger", c.Messengers, func(string) string { return "" })
}

// SaveContact implements model.CustomerService.
func (ss *Session) SaveContact(ctx context.Context, c model.Contact) (model.Contact, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		var old model.Contact
		if c.ID != "" {
			all, err := contactByID(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			old = all
			c.CustomerID = old.CustomerID
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, c.CustomerID); err != nil {
			return err
		}
		c, err = ss.s.writeContact(ctx, tx, actor, c, old)
		return err
	})
	return c, err
}

// writeContact inserts (old.ID == "") or updates c, its channels, the primary
// flag and the customer's search document, with an audit row.
func (s *Store) writeContact(ctx context.Context, tx *sql.Tx, actor model.User, c, old model.Contact) (model.Contact, error) {
	now := s.now()
	if c.Primary {
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET is_primary = 0, version = version + 1, updated_at = ? WHERE customer_id = ? AND is_primary = 1 AND id <> ?`,
			ts(now), c.CustomerID, c.ID); err != nil {
			return c, err
		}
	}
	action := model.AuditUpdate
	if old.ID == "" {
		action = model.AuditCreate
		c.ID, c.Version, c.CreatedAt = s.newID(), 1, now
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (id, customer_id, name, position, birthday, note, preferred, is_primary, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.CustomerID, c.Name, c.Position, c.Birthday, c.Note, string(c.Preferred), boolInt(c.Primary), ts(now), ts(now)); err != nil {
			return c, fmt.Errorf("create contact: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE contacts SET name = ?, position = ?, birthday = ?, note = ?, preferred = ?, is_primary = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
			c.Name, c.Position, c.Birthday, c.Note, string(c.Preferred), boolInt(c.Primary), ts(now), c.ID, c.Version)
		if err := staleCheck(res, err, "contact", c.ID, c.Version); err != nil {
			return c, err
		}
		c.Version++
	}
	c.UpdatedAt = now
	if err := writeChannels(ctx, tx, c); err != nil {
		return c, err
	}
	if err := refreshSearch(ctx, tx, c.CustomerID); err != nil {
		return c, err
	}
	var before map[string]string
	if old.ID != "" {
		before = old.AuditFields()
	}
	return c, s.audit(ctx, tx, actor, action, model.EntityContact, c.ID, model.Diff(before, c.AuditFields()))
}

func contactByID(ctx context.Context, q queryer, id string) (model.Contact, error) {
	var customerID string
	err := q.QueryRowContext(ctx, `SELECT customer_id FROM contacts WHERE id = ? AND deleted_at IS NULL`, id).Scan(&customerID)
	if err == sql.ErrNoRows {
		return model.Contact{}, fmt.Errorf("contact %s: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return model.Contact{}, err
	}
	all, err := loadContacts(ctx, q, []string{customerID})
	if err != nil {
		return model.Contact{}, err
	}
	for _, c := range all[customerID] {
		if c.ID == id {
			return c, nil
		}
	}
	return model.Contact{}, fmt.Errorf("contact %s: %w", id, model.ErrNotFound)
}

// DeleteContact implements model.CustomerService (to the trash, audited).
func (ss *Session) DeleteContact(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActUpdate)
		if err != nil {
			return err
		}
		c, err := contactByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, c.CustomerID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE contacts SET deleted_at = ?, is_primary = 0, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, ts(ss.s.now()), ts(ss.s.now()), id, version)
		if err := staleCheck(res, err, "contact", id, version); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contact_channels WHERE contact_id = ?`, id); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, c.CustomerID); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityContact, id, model.Diff(c.AuditFields(), nil))
	})
}

// PrimaryContacts implements model.CustomerService.
func (ss *Session) PrimaryContacts(ctx context.Context, customerIDs []string) (map[string]model.Contact, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, err
	}
	js, _ := json.Marshal(customerIDs)
	vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
	rows, err := ss.s.r.QueryContext(ctx, `SELECT c.id FROM customers c WHERE c.id IN (SELECT value FROM json_each(?)) AND `+vis,
		append([]any{string(js)}, args...)...)
	if err != nil {
		return nil, mapErr(err)
	}
	var visible []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		visible = append(visible, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	all, err := loadContacts(ctx, ss.s.r, visible)
	if err != nil {
		return nil, err
	}
	out := make(map[string]model.Contact, len(all))
	for id, cs := range all {
		if len(cs) > 0 {
			out[id] = cs[0] // loadContacts orders the primary first
		}
	}
	return out, nil
}
