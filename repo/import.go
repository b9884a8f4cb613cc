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

// ImportCustomers implements model.CustomerService. Everything happens in one
// write transaction: a cancelled context or any failure rolls all of it back.
func (ss *Session) ImportCustomers(ctx context.Context, rows []model.CustomerImport, errs []model.RowError, o model.ImportOptions,
	progress func(done, total int)) (model.ImportResult, error) {
	res := model.ImportResult{Errors: append([]model.RowError(nil), errs...)}
	badRows := map[int]bool{}
	for _, e := range errs {
		badRows[e.Row] = true
	}
	if len(errs) > 0 && !o.SkipInvalid {
		res.Skipped = len(rows) + len(badRows)
		return res, nil
	}
	res.Skipped = len(badRows)
	if progress == nil {
		progress = func(int, int) {}
	}
	if len(rows) >= 10_000 {
		// A large import touches every index of a large base: give the
		// writer a bigger page cache while it runs.
		if _, err := ss.s.w.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return res, err
		}
		defer ss.s.w.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -32768`)
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		res.Imported, res.Updated = 0, 0
		actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActCreate)
		if err != nil {
			return err
		}
		im, err := ss.s.newImporter(ctx, tx, actor)
		if err != nil {
			return err
		}
		defer im.close()
		for i, r := range rows {
			if i%importChunk == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress(i, len(rows))
				if err := im.prefetch(context.WithoutCancel(ctx), rows[i:min(i+importChunk, len(rows))]); err != nil {
					return err
				}
			}
			if badRows[r.Row] || r.Row == 0 && r.Customer.Name == "" {
				continue
			}
			// Statements run without the cancellable context: with one,
			// go-sqlite3 starts a watcher goroutine per statement (half the
			// cost of a row). Cancellation is checked every chunk above.
			outcome, rowErr, err := ss.importRow(context.WithoutCancel(ctx), tx, im, actor, r, o)
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
		progress(len(rows), len(rows))
		return im.finish(ctx)
	})
	if err != nil {
		return model.ImportResult{Errors: errs, Skipped: len(rows) + len(badRows)}, err
	}
	return res, nil
}

// importer holds what a bulk import reuses across rows: prepared statements,
// the tag cache and the audit chain head (written once at the end).
type importer struct {
	s       *Store
	tx      *sql.Tx
	actor   model.User
	nextNum int64
	tags    map[string]string
	// lookups (each a plain index probe) and inserts, prepared once
	// known maps "inn:…", "email:…", "phone:…" to a customer: prefetched
	// from the base for the current chunk, and added for every row written.
	known                                                         map[string]string
	insCustomer, insFTS, insContact, insChannel, insAudit, insTag *sql.Stmt
	seq                                                           int64
	head                                                          string
}

func (s *Store) newImporter(ctx context.Context, tx *sql.Tx, actor model.User) (*importer, error) {
	im := &importer{s: s, tx: tx, actor: actor, tags: map[string]string{}, known: map[string]string{}}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM customers`).Scan(&im.nextNum); err != nil {
		return nil, err
	}
	var err error
	prep := func(q string) *sql.Stmt {
		st, e := tx.PrepareContext(ctx, q)
		if e != nil && err == nil {
			err = e
		}
		return st
	}
	im.insCustomer = prep(`INSERT INTO customers (id, num, ` + customerWriteCols + `, search_doc, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`)
	im.insFTS = prep(`INSERT INTO customer_fts (rowid, search_doc) VALUES (?, ?)`)
	im.insContact = prep(`INSERT INTO contacts (id, customer_id, name, position, birthday, note, preferred, is_primary, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = ? AND is_primary = 1 AND deleted_at IS NULL), ?, ?)`)
	im.insChannel = prep(`INSERT INTO contact_channels (contact_id, customer_id, kind, pos, value, norm) VALUES (?, ?, ?, ?, ?, ?)`)
	im.insAudit = prep(`INSERT INTO audit_log (seq, at, user_id, user_login, action, entity, entity_id, changes, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	im.insTag = prep(`INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)`)
	if err != nil {
		im.close()
		return nil, err
	}
	im.seq, im.head, err = auditHead(ctx, tx)
	return im, err
}

func (im *importer) close() {
	for _, st := range []*sql.Stmt{im.insCustomer, im.insFTS, im.insContact, im.insChannel, im.insAudit, im.insTag} {
		if st != nil {
			st.Close()
		}
	}
}

// importChunk is how many rows share one prefetch query.
const importChunk = 500

// rowKeys are a row's identifiers in match priority: INN, e-mails, phones.
func rowKeys(c model.Customer, ct *model.Contact) []string {
	var keys []string
	if c.INN != "" {
		keys = append(keys, "inn:"+c.INN)
	}
	emails, phones := []string{c.Email}, []string{model.NormalizePhone(c.Phone)}
	if ct != nil {
		emails = append(emails, ct.Emails...)
		for _, p := range ct.Phones {
			phones = append(phones, model.NormalizePhone(p))
		}
	}
	for _, e := range emails {
		if e != "" {
			keys = append(keys, "email:"+strings.ToLower(e))
		}
	}
	for _, p := range phones {
		if p != "" {
			keys = append(keys, "phone:"+p)
		}
	}
	return keys
}

// prefetch looks up, in one query, every customer of the base that matches
// an identifier of the chunk's rows (per-row probes cost ten times more).
func (im *importer) prefetch(ctx context.Context, chunk []model.CustomerImport) error {
	var inns, emails, phones []string
	for _, r := range chunk {
		var ct *model.Contact
		if r.Contact != nil {
			n := r.Contact.Normalize()
			ct = &n
		}
		for _, k := range rowKeys(r.Customer.Normalize(), ct) {
			kind, v, _ := strings.Cut(k, ":")
			switch kind {
			case "inn":
				inns = append(inns, v)
			case "email":
				emails = append(emails, v)
			case "phone":
				phones = append(phones, v)
			}
		}
	}
	js := func(xs []string) string {
		b, _ := json.Marshal(xs)
		return string(b)
	}
	rows, err := im.tx.QueryContext(ctx, `
		SELECT 'inn:' || inn, id FROM customers WHERE inn IN (SELECT value FROM json_each(?1)) AND inn <> '' AND deleted_at IS NULL
		UNION ALL SELECT 'email:' || email, id FROM customers
			WHERE email IN (SELECT value FROM json_each(?2)) AND email <> '' AND deleted_at IS NULL
		UNION ALL SELECT 'email:' || cc.norm, cc.customer_id FROM contact_channels cc JOIN customers c ON c.id = cc.customer_id
			WHERE cc.kind = 'email' AND cc.norm IN (SELECT value FROM json_each(?2)) AND cc.norm <> '' AND c.deleted_at IS NULL
		UNION ALL SELECT 'phone:' || phone_norm, id FROM customers
			WHERE phone_norm IN (SELECT value FROM json_each(?3)) AND phone_norm <> '' AND deleted_at IS NULL
		UNION ALL SELECT 'phone:' || cc.norm, cc.customer_id FROM contact_channels cc JOIN customers c ON c.id = cc.customer_id
			WHERE cc.kind = 'phone' AND cc.norm IN (SELECT value FROM json_each(?3)) AND cc.norm <> '' AND c.deleted_at IS NULL`,
		js(inns), js(emails), js(phones))
	if err != nil {
		return fmt.Errorf("match existing customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, id string
		if err := rows.Scan(&key, &id); err != nil {
			return err
		}
		if _, ok := im.known[key]; !ok {
			im.known[key] = id
		}
	}
	return rows.Err()
}

// match finds an existing customer by INN, then e-mail, then phone (of the
// customer, then of contact persons), among the prefetched identifiers and
// those of rows written earlier in this import.
func (im *importer) match(c model.Customer, ct *model.Contact) string {
	for _, k := range rowKeys(c, ct) {
		if id := im.known[k]; id != "" {
			return id
		}
	}
	return ""
}

// remember records a written row's identifiers, so later rows of the same
// file match it.
func (im *importer) remember(id string, c model.Customer, ct *model.Contact) {
	for _, k := range rowKeys(c, ct) {
		if _, ok := im.known[k]; !ok {
			im.known[k] = id
		}
	}
}

// audit appends an audit entry using the in-memory chain head.
func (im *importer) audit(ctx context.Context, action model.AuditAction, entity model.Entity, id string, changes []model.Change) error {
	e := model.AuditEntry{Seq: im.seq + 1, At: im.s.now().UTC().Truncate(time.Millisecond), UserID: im.actor.ID, UserLogin: im.actor.Login,
		Action: action, Entity: entity, EntityID: id, Changes: changes, PrevHash: im.head}
	if e.Changes == nil {
		e.Changes = []model.Change{}
	}
	e.Hash = model.AuditHash(im.head, e)
	js, err := json.Marshal(e.Changes)
	if err != nil {
		return err
	}
	if _, err := im.insAudit.ExecContext(ctx, e.Seq, ts(e.At), e.UserID, e.UserLogin, string(e.Action), string(e.Entity), e.EntityID,
		string(js), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Entity, e.EntityID, err)
	}
	im.seq, im.head = e.Seq, e.Hash
	return nil
}

// finish writes the audit chain head.
func (im *importer) finish(ctx context.Context) error {
	_, err := im.tx.ExecContext(ctx, `INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		auditHeadKey, strconv.FormatInt(im.seq, 10)+":"+im.head)
	return err
}

// importRow creates or updates one customer; outcome is "created",
// "updated" or "skipped".
func (ss *Session) importRow(ctx context.Context, tx *sql.Tx, im *importer, actor model.User, r model.CustomerImport, o model.ImportOptions) (string, *model.RowError, error) {
	c := r.Customer.Normalize()
	if c.OwnerID == "" {
		c.OwnerID = actor.ID
	}
	if c.OwnerID == System.ID { // the system account owns nothing: name a seller in the file
		return "skipped", &model.RowError{Row: r.Row, Msg: "import.unknown_owner"}, nil
	}
	if c.OwnerID != actor.ID && model.ScopeFor(actor.Role, model.EntityCustomer, model.ActUpdate) != model.ScopeAll {
		return "skipped", &model.RowError{Row: r.Row, Msg: "import.owner_forbidden"}, nil
	}
	var ct *model.Contact
	if r.Contact != nil {
		n := r.Contact.Normalize()
		ct = &n
	}
	if id := im.match(c, ct); id != "" {
		if !o.Update {
			return "skipped", nil, nil
		}
		old, err := ss.loadCustomer(ctx, tx, actor, model.ActUpdate, id)
		if errors.Is(err, model.ErrNotFound) || errors.Is(err, model.ErrForbidden) {
			return "skipped", &model.RowError{Row: r.Row, Msg: "import.match_not_yours", Value: c.Name}, nil
		}
		if err != nil {
			return "", nil, err
		}
		upd := overlay(old, c)
		if err := upd.Validate(); err != nil {
			return "skipped", &model.RowError{Row: r.Row, Msg: firstMsg(err), Value: c.Name}, nil
		}
		now := ss.s.now()
		args := append(customerValues(upd), ts(now), id)
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET (`+customerWriteCols+`, updated_at) =
			(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1 WHERE id = ?`, args...); err != nil {
			return "", nil, err
		}
		if len(c.Tags) > 0 {
			if err := ss.s.setTags(ctx, tx, id, upd.Tags); err != nil {
				return "", nil, err
			}
		}
		if ct != nil {
			ct.CustomerID = id
			if err := im.insertContact(ctx, *ct); err != nil {
				return "", nil, err
			}
		}
		if err := refreshSearch(ctx, tx, id); err != nil {
			return "", nil, err
		}
		im.remember(id, upd, ct)
		return "updated", nil, im.audit(ctx, model.AuditUpdate, model.EntityCustomer, id, model.Diff(old.AuditFields(), upd.AuditFields()))
	}
	now := ss.s.now()
	c.ID, c.Num = ss.s.newID(), im.nextNum
	im.nextNum++
	var contacts []model.Contact
	if ct != nil {
		ct.CustomerID = c.ID
		contacts = []model.Contact{*ct}
	}
	doc := model.CustomerSearchDoc(c, contacts)
	args := append([]any{c.ID, c.Num}, customerValues(c)...)
	args = append(args, doc, ts(now), ts(now))
	if _, err := im.insCustomer.ExecContext(ctx, args...); err != nil {
		return "", nil, err
	}
	if _, err := im.insFTS.ExecContext(ctx, c.Num, doc); err != nil {
		return "", nil, err
	}
	for _, t := range c.Tags {
		tid, ok := im.tags[model.FoldText(t)]
		if !ok {
			var err error
			if tid, err = ss.s.tagID(ctx, tx, t); err != nil {
				return "", nil, err
			}
			im.tags[model.FoldText(t)] = tid
		}
		if _, err := im.insTag.ExecContext(ctx, c.ID, tid); err != nil {
			return "", nil, err
		}
	}
	if ct != nil {
		if err := im.insertContact(ctx, *ct); err != nil {
			return "", nil, err
		}
	}
	im.remember(c.ID, c, ct)
	return "created", nil, im.audit(ctx, model.AuditCreate, model.EntityCustomer, c.ID, model.Diff(nil, c.AuditFields()))
}

func (im *importer) insertContact(ctx context.Context, c model.Contact) error {
	now := ts(im.s.now())
	c.ID = im.s.newID()
	if _, err := im.insContact.ExecContext(ctx, c.ID, c.CustomerID, c.Name, c.Position, c.Birthday, c.Note, string(c.Preferred),
		c.CustomerID, now, now); err != nil {
		return err
	}
	for kind, values := range map[string][]string{"phone": c.Phones, "email": c.Emails, "messenger": c.Messengers} {
		for i, v := range values {
			norm := ""
			switch kind {
			case "phone":
				norm = model.NormalizePhone(v)
			case "email":
				norm = strings.ToLower(v)
			}
			if _, err := im.insChannel.ExecContext(ctx, c.ID, c.CustomerID, kind, i, v, norm); err != nil {
				return fmt.Errorf("contact channel: %w", err)
			}
		}
	}
	return nil
}

// overlay writes the non-empty fields of the imported row over the stored
// customer (an import never blanks a field).
func overlay(old, in model.Customer) model.Customer {
	out := old
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&out.LegalForm, in.LegalForm)
	set(&out.Name, in.Name)
	set(&out.ShortName, in.ShortName)
	set(&out.INN, in.INN)
	set(&out.KPP, in.KPP)
	set(&out.OGRN, in.OGRN)
	set(&out.LegalAddress, in.LegalAddress)
	set(&out.PostalAddress, in.PostalAddress)
	set(&out.Phone, in.Phone)
	set(&out.Email, in.Email)
	set(&out.Website, in.Website)
	set(&out.BankName, in.BankName)
	set(&out.BIC, in.BIC)
	set(&out.Account, in.Account)
	set(&out.CorrAccount, in.CorrAccount)
	set(&out.RegionCode, in.RegionCode)
	set(&out.Industry, in.Industry)
	set(&out.Segment, in.Segment)
	set(&out.GroupID, in.GroupID)
	set(&out.LeadSource, in.LeadSource)
	set(&out.Note, in.Note)
	if in.Kind != "" && in.Kind != old.Kind && in.INN != "" {
		out.Kind = in.Kind
	}
	out.Tags = model.CleanTags(append(append([]string(nil), old.Tags...), in.Tags...))
	return out
}

func firstMsg(err error) string {
	if fe := model.FieldErrors(err); len(fe) > 0 {
		return fe[0].Msg
	}
	return "err.unexpected"
}
