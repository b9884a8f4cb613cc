package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
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

const customerCols = `c.id, c.num, c.kind, c.legal_form, c.name, c.short_name, c.inn, c.kpp, c.ogrn, c.legal_address,
	c.postal_address, c.phone, c.email, c.website, c.bank_name, c.bic, c.account, c.corr_account, coalesce(c.region_code, ''),
	coalesce(r.name_ru, ''), c.industry, c.segment, coalesce(c.group_id, ''), coalesce(g.name, ''), c.lead_source, c.channel, c.note,
	c.owner_id, coalesce(u.full_name, ''),
	(SELECT count(*) FROM service_requests sr WHERE sr.customer_id = c.id AND sr.status IN ('open', 'in_progress') AND sr.deleted_at IS NULL),
	c.version, c.created_at, c.updated_at, c.deleted_at`

const customerFrom = ` FROM customers c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN regions r ON r.code = c.region_code
	LEFT JOIN customer_groups g ON g.id = c.group_id`

func scanCustomer(row interface{ Scan(...any) error }) (model.Customer, error) {
	var c model.Customer
	var kind string
	var created, updated, deleted sql.NullString
	err := row.Scan(&c.ID, &c.Num, &kind, &c.LegalForm, &c.Name, &c.ShortName, &c.INN, &c.KPP, &c.OGRN, &c.LegalAddress,
		&c.PostalAddress, &c.Phone, &c.Email, &c.Website, &c.BankName, &c.BIC, &c.Account, &c.CorrAccount, &c.RegionCode,
		&c.RegionName, &c.Industry, &c.Segment, &c.GroupID, &c.GroupName, &c.LeadSource, &c.Channel, &c.Note, &c.OwnerID, &c.OwnerName,
		&c.OpenRequests, &c.Version, &created, &updated, &deleted)
	c.Kind = model.CustomerKind(kind)
	c.CreatedAt, c.UpdatedAt, c.DeletedAt = parseTS(created), parseTS(updated), parseTS(deleted)
	return c, err
}

// sortColumn is the indexed column behind each list order.
func sortColumn(s model.CustomerSort) string {
	switch s {
	case model.SortByINN:
		return "c.inn"
	case model.SortByCreated:
		return "c.created_at"
	case model.SortByUpdated:
		return "c.updated_at"
	}
	return "c.name_fold"
}

// customerWhere builds the filter condition shared by FindCustomers,
// CountCustomers and EachCustomer.
func customerWhere(u model.User, f model.CustomerFilter) (string, []any) {
	vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
	where := []string{vis}
	if f.Deleted {
		where = append(where, "c.deleted_at IS NOT NULL")
	} else {
		where = append(where, "c.deleted_at IS NULL")
	}
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("c.owner_id", f.OwnerID)
	eq("c.region_code", f.RegionCode)
	eq("c.segment", f.Segment)
	eq("c.industry", f.Industry)
	eq("c.group_id", f.GroupID)
	eq("c.lead_source", f.LeadSource)
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id AND t.name_fold = ?)")
		args = append(args, model.FoldText(f.Tag))
	}
	if f.HasOpenRequests {
		where = append(where, "c.id IN (SELECT customer_id FROM service_requests WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL)")
	}
	if len(f.IDs) > 0 {
		where = append(where, "c.id IN (SELECT value FROM json_each(?))")
		js, _ := json.Marshal(f.IDs)
		args = append(args, string(js))
	}
	if p := model.NamePrefix(f.Query); p != "" {
		where = append(where, "c.name_fold >= ? AND c.name_fold < ?")
		args = append(args, p, p+"\uffff")
	} else if terms := model.SearchTerms(f.Query); len(terms) > 0 {
		where = append(where, "c.num IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)")
		args = append(args, model.FTSQuery(terms))
	}
	return strings.Join(where, " AND "), args
}

// customerPageSQL is the query of one page in the filter's order.
func customerPageSQL(u model.User, f model.CustomerFilter) (string, []any) {
	where, args := customerWhere(u, f)
	col, dir, cmp := sortColumn(f.Sort), "", ">"
	if f.Desc {
		dir, cmp = " DESC", "<"
	}
	if f.AfterID != "" {
		where += " AND (" + col + ", c.id) " + cmp + " (?, ?)"
		args = append(args, f.AfterKey, f.AfterID)
	}
	q := `SELECT ` + customerCols + customerFrom + ` WHERE ` + where + ` ORDER BY ` + col + dir + `, c.id` + dir + ` LIMIT ?`
	args = append(args, model.PageLimit(f.Limit))
	if f.Offset > 0 && f.AfterID == "" {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	return q, args
}

// FindCustomers implements model.CustomerService: one page in the filter's
// order, by keyset (or OFFSET for a jump).
func (ss *Session) FindCustomers(ctx context.Context, f model.CustomerFilter) ([]model.Customer, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return nil, fmt.Errorf("find customers: %w", err)
	}
	q, args := customerPageSQL(u, f)
	out, err := queryCustomers(ctx, ss.s.r, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find customers: %w", err)
	}
	return out, nil
}

func queryCustomers(ctx context.Context, q queryer, query string, args ...any) ([]model.Customer, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []model.Customer
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadTags(ctx, q, out)
}

// loadTags fills the Tags of customers with one query.
func loadTags(ctx context.Context, q queryer, cs []model.Customer) error {
	if len(cs) == 0 {
		return nil
	}
	idx := make(map[string]int, len(cs))
	ids := make([]string, len(cs))
	for i, c := range cs {
		idx[c.ID], ids[i] = i, c.ID
	}
	js, _ := json.Marshal(ids)
	rows, err := q.QueryContext(ctx, `SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
		WHERE ct.customer_id IN (SELECT value FROM json_each(?)) ORDER BY t.name_fold`, string(js))
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		cs[idx[id]].Tags = append(cs[idx[id]].Tags, name)
	}
	return rows.Err()
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

// EachCustomer implements model.CustomerService: keyset pages of 1000.
func (ss *Session) EachCustomer(ctx context.Context, f model.CustomerFilter, fn func(model.Customer) error) error {
	f.Limit, f.Offset, f.AfterKey, f.AfterID = 1000, 0, "", ""
	for {
		page, err := ss.FindCustomers(ctx, f)
		if err != nil {
			return err
		}
		for _, c := range page {
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(page) < f.Limit {
			return nil
		}
		last := page[len(page)-1]
		f.AfterKey, f.AfterID = last.SortKey(f.Sort), last.ID
	}
}

func (ss *Session) loadCustomer(ctx context.Context, q queryer, u model.User, act model.Action, id string) (model.Customer, error) {
	vis, args := visibility(u, model.EntityCustomer, model.ActRead, "c")
	cs, err := queryCustomers(ctx, q, `SELECT `+customerCols+customerFrom+` WHERE c.id = ? AND `+vis, append([]any{id}, args...)...)
	if err != nil {
		return model.Customer{}, fmt.Errorf("customer %s: %w", id, err)
	}
	if len(cs) == 0 {
		return model.Customer{}, fmt.Errorf("customer %s: %w", id, model.ErrNotFound)
	}
	c := cs[0]
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
		if err := checkRefs(ctx, tx, c); err != nil {
			return err
		}
		c, err = ss.s.insertCustomer(ctx, tx, actor, c)
		return err
	})
	return c, err
}

// checkRefs turns a missing region or group into a field error.
func checkRefs(ctx context.Context, tx *sql.Tx, c model.Customer) error {
	var v model.ValidationErrors
	var n int
	if c.RegionCode != "" {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM regions WHERE code = ?`, c.RegionCode).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			v.Add("region", "import.unknown_region")
		}
	}
	if c.GroupID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customer_groups WHERE id = ? AND deleted_at IS NULL`, c.GroupID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			v.Add("group", "import.unknown_group")
		}
	}
	return v.Err()
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// customerValues are the stored columns of c, in customerWriteCols order.
func customerValues(c model.Customer) []any {
	return []any{string(c.Kind), c.LegalForm, c.Name, model.FoldText(c.Name), c.ShortName, c.INN, c.KPP, c.OGRN, c.LegalAddress,
		c.PostalAddress, c.Phone, model.NormalizePhone(c.Phone), c.Email, c.Website, c.BankName, c.BIC, c.Account, c.CorrAccount,
		nullStr(c.RegionCode), c.Industry, c.Segment, nullStr(c.GroupID), c.LeadSource, string(c.Channel), c.Note, c.OwnerID}
}

const customerWriteCols = `kind, legal_form, name, name_fold, short_name, inn, kpp, ogrn, legal_address, postal_address, phone,
	phone_norm, email, website, bank_name, bic, account, corr_account, region_code, industry, segment, group_id, lead_source, channel, note, owner_id`

func (s *Store) insertCustomer(ctx context.Context, tx *sql.Tx, actor model.User, c model.Customer) (model.Customer, error) {
	now := s.now()
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = s.newID(), 1, now, now
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM customers`).Scan(&c.Num); err != nil {
		return c, err
	}
	doc := model.CustomerSearchDoc(c, nil)
	args := append([]any{c.ID, c.Num}, customerValues(c)...)
	args = append(args, doc, ts(now), ts(now))
	if _, err := tx.ExecContext(ctx, `INSERT INTO customers (id, num, `+customerWriteCols+`, search_doc, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, args...); err != nil {
		return c, fmt.Errorf("create customer %q: %w", c.Name, err)
	}
	if err := ftsSet(ctx, tx, c.Num, "", doc); err != nil {
		return c, err
	}
	if err := s.setTags(ctx, tx, c.ID, c.Tags); err != nil {
		return c, err
	}
	return c, s.audit(ctx, tx, actor, model.AuditCreate, model.EntityCustomer, c.ID, model.Diff(nil, c.AuditFields()))
}

// ftsSet replaces a customer's document in the external-content search index.
func ftsSet(ctx context.Context, tx *sql.Tx, num int64, oldDoc, newDoc string) error {
	if oldDoc == newDoc && oldDoc != "" {
		return nil
	}
	if oldDoc != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_fts (customer_fts, rowid, search_doc) VALUES ('delete', ?, ?)`, num, oldDoc); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO customer_fts (rowid, search_doc) VALUES (?, ?)`, num, newDoc); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// refreshSearch recomputes a customer's search document from its row and
// contacts and updates the index when it changed.
func refreshSearch(ctx context.Context, tx *sql.Tx, customerID string) error {
	return refreshSearchBelow(ctx, tx, customerID, math.MaxInt64)
}

// refreshSearchBelow is refreshSearch that leaves the index alone for
// customers numbered unindexed or above (an import indexes those in bulk at
// its end).
func refreshSearchBelow(ctx context.Context, tx *sql.Tx, customerID string, unindexed int64) error {
	var c model.Customer
	var old string
	if err := tx.QueryRowContext(ctx, `SELECT num, name, short_name, inn, ogrn, email, phone, search_doc FROM customers WHERE id = ?`, customerID).
		Scan(&c.Num, &c.Name, &c.ShortName, &c.INN, &c.OGRN, &c.Email, &c.Phone, &old); err != nil {
		return fmt.Errorf("search document of %s: %w", customerID, err)
	}
	contacts, err := loadContacts(ctx, tx, []string{customerID})
	if err != nil {
		return err
	}
	doc := model.CustomerSearchDoc(c, contacts[customerID])
	if doc == old {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET search_doc = ? WHERE id = ?`, doc, customerID); err != nil {
		return err
	}
	if c.Num >= unindexed {
		return nil
	}
	return ftsSet(ctx, tx, c.Num, old, doc)
}

// setTags makes the customer's tags exactly tags, creating new ones.
func (s *Store) setTags(ctx context.Context, tx *sql.Tx, customerID string, tags []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM customer_tags WHERE customer_id = ?`, customerID); err != nil {
		return err
	}
	for _, t := range model.CleanTags(tags) {
		id, err := s.tagID(ctx, tx, t)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)`, customerID, id); err != nil {
			return err
		}
	}
	return nil
}

// tagID finds or creates the tag named name (compared folded).
func (s *Store) tagID(ctx context.Context, tx *sql.Tx, name string) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name_fold = ?`, model.FoldText(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id = s.newID()
		_, err = tx.ExecContext(ctx, `INSERT INTO tags (id, name, name_fold) VALUES (?, ?, ?)`, id, name, model.FoldText(name))
	}
	return id, err
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
		if err := checkRefs(ctx, tx, c); err != nil {
			return err
		}
		now := ss.s.now()
		args := append(customerValues(c), ts(now), c.ID, c.Version)
		res, err := tx.ExecContext(ctx, `UPDATE customers SET (`+customerWriteCols+`, updated_at) =
			(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1
			WHERE id = ? AND version = ? AND deleted_at IS NULL`, args...)
		if err := staleCheck(res, err, "customer", c.ID, c.Version); err != nil {
			return err
		}
		if err := ss.s.setTags(ctx, tx, c.ID, c.Tags); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, c.ID); err != nil {
			return err
		}
		c.Num, c.Version, c.UpdatedAt, c.CreatedAt = old.Num, c.Version+1, now, old.CreatedAt
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
