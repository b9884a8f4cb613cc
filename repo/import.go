package repo

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// ImportCustomers implements model.CustomerService. Three goroutines share
// the work: the source parses the file, a planner matches and prepares rows
// (see plan) and this one writes them, all in one write transaction; a
// cancelled context or any failure rolls all of it back. New customers enter
// the search index in one statement at the end (faster than row by row).
func (ss *Session) ImportCustomers(ctx context.Context, src model.ImportSource, o model.ImportOptions,
	progress func(model.ImportProgress)) (model.ImportResult, error) {
	if progress == nil {
		progress = func(model.ImportProgress) {}
	}
	if ss.s.readOnly {
		return model.ImportResult{}, fmt.Errorf("database opened read-only: %w", model.ErrForbidden)
	}
	// A large import touches every index of a large base: the writer gets a
	// bigger page cache while it runs, and the WAL is copied back into the
	// database after the commit, in the background, rather than inside it.
	restore := context.WithoutCancel(ctx)
	if _, err := ss.s.w.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		return model.ImportResult{}, err
	}
	defer ss.s.w.ExecContext(restore, `PRAGMA cache_size = -32768`)
	if _, err := ss.s.w.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return model.ImportResult{}, err
	}
	defer func() {
		ss.s.w.ExecContext(restore, `PRAGMA wal_autocheckpoint = 1000`)
		ss.s.checkpointLater()
	}()

	var res model.ImportResult
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = ss.importTx(ctx, tx, src, o, progress)
		return err
	})
	switch {
	case errors.Is(err, errImportRejected):
		return res, nil
	case err != nil:
		return model.ImportResult{Errors: res.Errors, Skipped: res.Imported + res.Updated + res.Skipped}, err
	}
	return res, nil
}

// errImportRejected rolls back an import whose file had problems (without
// SkipInvalid nothing is imported).
var errImportRejected = errors.New("import rejected")

func (ss *Session) importTx(ctx context.Context, tx *sql.Tx, src model.ImportSource, o model.ImportOptions,
	progress func(model.ImportProgress)) (model.ImportResult, error) {
	var res model.ImportResult
	actor, err := ss.allow(ctx, tx, model.EntityCustomer, model.ActCreate)
	if err != nil {
		return res, err
	}
	im, err := ss.s.newImporter(ctx, tx, actor)
	if err != nil {
		return res, err
	}
	defer im.close()

	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan importBatch, 4)
	var planErr error
	go func() {
		defer close(batches)
		planErr = im.planAll(pctx, src, o, batches)
	}()
	stop := func(err error) (model.ImportResult, error) {
		cancel()
		for range batches { // let the planner finish
		}
		return res, err
	}
	var rowErrs []model.RowError
	rejected, handled := false, 0
	// Statements run without the cancellable context: with one, go-sqlite3
	// starts a watcher goroutine per statement (half the cost of a row).
	// Cancellation is checked every chunk.
	wctx := context.WithoutCancel(ctx)
	for b := range batches {
		if err := ctx.Err(); err != nil {
			return stop(err)
		}
		res.Errors = append(res.Errors, b.errs...)
		res.Skipped += b.bad + b.unplanned
		rejected = rejected || b.rejected
		for _, op := range b.ops {
			outcome, rowErr, err := ss.importOp(wctx, tx, im, op, o)
			if err != nil {
				return stop(fmt.Errorf("row %d: %w", op.row, err))
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
				rowErrs = append(rowErrs, *rowErr)
			}
		}
		handled += len(b.ops) + b.bad + b.unplanned
		progress(model.ImportProgress{Rows: handled, Read: b.read})
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if planErr != nil {
		return res, planErr
	}
	res.Errors = append(res.Errors, rowErrs...)
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Row < res.Errors[j].Row })
	if rejected {
		return model.ImportResult{Errors: res.Errors, Skipped: res.Imported + res.Updated + res.Skipped}, errImportRejected
	}
	if err := im.indexCreated(wctx); err != nil {
		return res, err
	}
	return res, im.finish(wctx)
}

// importBatch is one chunk of the source, planned.
type importBatch struct {
	ops       []importOp
	errs      []model.RowError // the chunk's parse problems
	bad       int              // rows with parse problems
	unplanned int              // rows of a rejected import, not planned
	rejected  bool             // the source has reported a problem and SkipInvalid is off
	read      float64
}

type opKind int

const (
	opSkip opKind = iota
	opCreate
	opUpdate
)

// importOp is what the writer does with one row.
type importOp struct {
	kind   opKind
	row    int
	rowErr *model.RowError // opSkip: why, when it is a problem
	c      model.Customer  // normalised; opCreate: with ID and Num
	ct     *model.Contact  // normalised; opCreate: with ID and CustomerID
	id     string          // opUpdate: the matched customer
	// opCreate: statement arguments and the audit changes, prepared by the planner
	args     []any
	channels [][]any
	changes  []model.Change
	js       string
}

// importer holds what a bulk import reuses across rows: prepared statements,
// the tag cache, the audit chain head (written once at the end), and the
// planner's state.
type importer struct {
	s     *Store
	tx    *sql.Tx
	actor model.User
	now   time.Time
	// firstNum is the number of the first customer this import creates;
	// nextNum the next free one (owned by the planner until it is done).
	firstNum, nextNum int64
	idSeq             uint32
	tags              map[string]string
	// known maps "inn:…", "email:…", "phone:…" to a customer: prefetched
	// from the base for the current chunk, and added for every row planned.
	known map[string]string

	insCustomer, insContact, insFirstContact, insChannel, insAudit, insTag *sql.Stmt

	seq  int64
	head string
}

func (s *Store) newImporter(ctx context.Context, tx *sql.Tx, actor model.User) (*importer, error) {
	im := &importer{s: s, tx: tx, actor: actor, now: s.now(), tags: map[string]string{}, known: map[string]string{}}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM customers`).Scan(&im.firstNum); err != nil {
		return nil, err
	}
	im.nextNum = im.firstNum
	var err error
	prep := func(q string) *sql.Stmt {
		st, e := tx.PrepareContext(ctx, q)
		if e != nil && err == nil {
			err = e
		}
		return st
	}
	im.insCustomer = prep(`INSERT INTO customers (id, num, ` + customerWriteCols + `, search_doc, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`)
	im.insContact = prep(`INSERT INTO contacts (id, customer_id, name, position, birthday, note, preferred, is_primary, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = ? AND is_primary = 1 AND deleted_at IS NULL), ?, ?)`)
	im.insFirstContact = prep(`INSERT INTO contacts (id, customer_id, name, position, birthday, note, preferred, is_primary, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`)
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
	for _, st := range []*sql.Stmt{im.insCustomer, im.insContact, im.insFirstContact, im.insChannel, im.insAudit, im.insTag} {
		if st != nil {
			st.Close()
		}
	}
}

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

// planAll reads the source and plans its rows, a chunk at a time, until the
// source ends. It runs beside the writer and never touches the transaction:
// matches in the base are looked up on a read connection, which sees the
// base as the import found it (the writer holds the write lock throughout)
// and, with the known map, every row planned before.
func (im *importer) planAll(ctx context.Context, src model.ImportSource, o model.ImportOptions, out chan<- importBatch) error {
	rejected := false
	for {
		ch, err := src(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		b := importBatch{errs: ch.Errs, read: ch.Read}
		bad := map[int]bool{}
		for _, e := range ch.Errs {
			bad[e.Row] = true
		}
		b.bad = len(bad)
		rejected = rejected || len(ch.Errs) > 0 && !o.SkipInvalid
		b.rejected = rejected
		if rejected {
			b.unplanned = len(ch.Rows) // nothing will be kept: do not plan
		} else {
			keys := make([][]string, len(ch.Rows))
			rows := make([]model.CustomerImport, len(ch.Rows))
			for i, r := range ch.Rows {
				r.Customer = r.Customer.Normalize()
				if r.Contact != nil {
					n := r.Contact.Normalize()
					r.Contact = &n
				}
				rows[i], keys[i] = r, rowKeys(r.Customer, r.Contact)
			}
			if err := im.prefetch(ctx, keys); err != nil {
				return err
			}
			for i, r := range rows {
				if r.Row == 0 && r.Customer.Name == "" {
					continue
				}
				b.ops = append(b.ops, im.plan(r, keys[i], o))
			}
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// prefetch looks up, in one query, every customer of the base that matches
// one of the identifiers (per-row probes cost ten times more).
func (im *importer) prefetch(ctx context.Context, keys [][]string) error {
	var inns, emails, phones []string
	for _, ks := range keys {
		for _, k := range ks {
			if _, ok := im.known[k]; ok {
				continue
			}
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
	if len(inns)+len(emails)+len(phones) == 0 {
		return nil
	}
	js := func(xs []string) string {
		b, _ := json.Marshal(xs)
		return string(b)
	}
	rows, err := im.s.r.QueryContext(ctx, `
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

// plan decides what happens to one row: a match by INN, then e-mail, then
// phone (of the customer, then of contact persons) among the prefetched
// identifiers and the rows planned before is updated or skipped; anything
// else is created, with everything the writer needs computed here.
func (im *importer) plan(r model.CustomerImport, keys []string, o model.ImportOptions) importOp {
	c, ct := r.Customer, r.Contact
	op := importOp{row: r.Row, c: c, ct: ct}
	if c.OwnerID == "" {
		c.OwnerID = im.actor.ID
	}
	if c.OwnerID == System.ID { // the system account owns nothing: name a seller in the file
		op.rowErr = &model.RowError{Row: r.Row, Msg: "import.unknown_owner"}
		return op
	}
	if c.OwnerID != im.actor.ID && model.ScopeFor(im.actor.Role, model.EntityCustomer, model.ActUpdate) != model.ScopeAll {
		op.rowErr = &model.RowError{Row: r.Row, Msg: "import.owner_forbidden"}
		return op
	}
	for _, k := range keys {
		if id := im.known[k]; id != "" {
			if o.Update {
				op.kind, op.id, op.c = opUpdate, id, c
				im.remember(id, keys)
			}
			return op
		}
	}
	c.ID = im.nextID()
	c.Num = im.nextNum
	im.nextNum++
	var contacts []model.Contact
	if ct != nil {
		cc := *ct
		cc.ID, cc.CustomerID = im.nextID(), c.ID
		op.ct, contacts = &cc, []model.Contact{cc}
		op.channels = channelRows(cc)
	}
	now := ts(im.now)
	op.args = append(append([]any{c.ID, c.Num}, customerValues(c)...), model.CustomerSearchDoc(c, contacts), now, now)
	op.changes = model.Diff(nil, c.AuditFields())
	js, err := json.Marshal(op.changes)
	if err != nil { // []Change always marshals; keep the error visible if it ever does not
		op.rowErr = &model.RowError{Row: r.Row, Msg: "err.unexpected", Value: err.Error()}
		return op
	}
	op.kind, op.c, op.js = opCreate, c, string(js)
	im.remember(c.ID, keys)
	return op
}

// nextID makes the IDs of new rows: time-ordered and, within a millisecond,
// in the order made, so every index keyed by ID is appended to.
func (im *importer) nextID() string {
	var r [10]byte
	if _, err := rand.Read(r[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	im.idSeq++
	return model.NewIDSeq(im.s.now(), im.idSeq, r)
}

// remember records a planned row's identifiers, so later rows of the same
// file match it.
func (im *importer) remember(id string, keys []string) {
	for _, k := range keys {
		if _, ok := im.known[k]; !ok {
			im.known[k] = id
		}
	}
}

// channelRows are the contact_channels rows of a contact.
func channelRows(c model.Contact) [][]any {
	var out [][]any
	for _, kind := range []string{"phone", "email", "messenger"} {
		var values []string
		switch kind {
		case "phone":
			values = c.Phones
		case "email":
			values = c.Emails
		default:
			values = c.Messengers
		}
		for i, v := range values {
			norm := ""
			switch kind {
			case "phone":
				norm = model.NormalizePhone(v)
			case "email":
				norm = strings.ToLower(v)
			}
			out = append(out, []any{c.ID, c.CustomerID, kind, i, v, norm})
		}
	}
	return out
}

// audit appends an audit entry using the in-memory chain head; js is the
// changes as JSON when the caller has it already.
func (im *importer) audit(ctx context.Context, action model.AuditAction, entity model.Entity, id string, changes []model.Change, js string) error {
	e := model.AuditEntry{Seq: im.seq + 1, At: im.s.now().UTC().Truncate(time.Millisecond), UserID: im.actor.ID, UserLogin: im.actor.Login,
		Action: action, Entity: entity, EntityID: id, Changes: changes, PrevHash: im.head}
	if e.Changes == nil {
		e.Changes = []model.Change{}
	}
	e.Hash = model.AuditHash(im.head, e)
	if js == "" {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return err
		}
		js = string(b)
	}
	if _, err := im.insAudit.ExecContext(ctx, e.Seq, ts(e.At), e.UserID, e.UserLogin, string(e.Action), string(e.Entity), e.EntityID,
		js, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Entity, e.EntityID, err)
	}
	im.seq, im.head = e.Seq, e.Hash
	return nil
}

// indexCreated puts the customers this import created into the search index
// in one statement, with FTS5's pending-data buffer large enough to hold
// them and automatic merging off, so the new rows are written as one
// segment instead of dozens merged again and again. Both settings are
// restored before the commit (setting one flushes the buffer).
func (im *importer) indexCreated(ctx context.Context) error {
	if im.nextNum == im.firstNum {
		return nil
	}
	cfg := map[string]int64{"automerge": 4, "hashsize": 1 << 20} // FTS5's defaults
	rows, err := im.tx.QueryContext(ctx, `SELECT k, v FROM customer_fts_config WHERE k IN ('automerge', 'hashsize')`)
	if err != nil {
		return fmt.Errorf("search index settings: %w", err)
	}
	for rows.Next() {
		var k string
		var v int64
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return err
		}
		cfg[k] = v
	}
	rows.Close()
	set := func(k string, v int64) error {
		_, err := im.tx.ExecContext(ctx, `INSERT INTO customer_fts (customer_fts, rank) VALUES (?, ?)`, k, v)
		return err
	}
	steps := []func() error{
		func() error { return set("automerge", 0) },
		func() error { return set("hashsize", 256<<20) },
		func() error {
			_, err := im.tx.ExecContext(ctx, `INSERT INTO customer_fts (rowid, search_doc)
				SELECT num, search_doc FROM customers WHERE num >= ? AND num < ?`, im.firstNum, im.nextNum)
			return err
		},
		func() error { return set("hashsize", cfg["hashsize"]) },
		func() error { return set("automerge", cfg["automerge"]) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

// finish writes the audit chain head.
func (im *importer) finish(ctx context.Context) error {
	_, err := im.tx.ExecContext(ctx, `INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		auditHeadKey, strconv.FormatInt(im.seq, 10)+":"+im.head)
	return err
}

// importOp writes one planned row; outcome is "created", "updated" or
// "skipped".
func (ss *Session) importOp(ctx context.Context, tx *sql.Tx, im *importer, op importOp, o model.ImportOptions) (string, *model.RowError, error) {
	switch op.kind {
	case opCreate:
		c := op.c
		if _, err := im.insCustomer.ExecContext(ctx, op.args...); err != nil {
			return "", nil, err
		}
		if err := im.addTags(ctx, c.ID, c.Tags); err != nil {
			return "", nil, err
		}
		if ct := op.ct; ct != nil {
			if _, err := im.insFirstContact.ExecContext(ctx, ct.ID, ct.CustomerID, ct.Name, ct.Position, ct.Birthday, ct.Note,
				string(ct.Preferred), op.args[len(op.args)-2], op.args[len(op.args)-1]); err != nil {
				return "", nil, fmt.Errorf("contact: %w", err)
			}
			for _, ch := range op.channels {
				if _, err := im.insChannel.ExecContext(ctx, ch...); err != nil {
					return "", nil, fmt.Errorf("contact channel: %w", err)
				}
			}
		}
		return "created", nil, im.audit(ctx, model.AuditCreate, model.EntityCustomer, c.ID, op.changes, op.js)
	case opUpdate:
		return ss.importUpdate(ctx, tx, im, op)
	}
	return "skipped", op.rowErr, nil
}

func (im *importer) addTags(ctx context.Context, customerID string, tags []string) error {
	for _, t := range tags {
		tid, ok := im.tags[model.FoldText(t)]
		if !ok {
			var err error
			if tid, err = im.s.tagID(ctx, im.tx, t); err != nil {
				return err
			}
			im.tags[model.FoldText(t)] = tid
		}
		if _, err := im.insTag.ExecContext(ctx, customerID, tid); err != nil {
			return err
		}
	}
	return nil
}

// importUpdate overlays a row on the customer it matched.
func (ss *Session) importUpdate(ctx context.Context, tx *sql.Tx, im *importer, op importOp) (string, *model.RowError, error) {
	c, id := op.c, op.id
	old, err := ss.loadCustomer(ctx, tx, im.actor, model.ActUpdate, id)
	if errors.Is(err, model.ErrNotFound) || errors.Is(err, model.ErrForbidden) {
		return "skipped", &model.RowError{Row: op.row, Msg: "import.match_not_yours", Value: c.Name}, nil
	}
	if err != nil {
		return "", nil, err
	}
	upd := overlay(old, c)
	if err := upd.Validate(); err != nil {
		return "skipped", &model.RowError{Row: op.row, Msg: firstMsg(err), Value: c.Name}, nil
	}
	now := ss.s.now()
	args := append(customerValues(upd), ts(now), id)
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET (`+customerWriteCols+`, updated_at) =
		(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), version = version + 1 WHERE id = ?`, args...); err != nil {
		return "", nil, err
	}
	if len(c.Tags) > 0 {
		if err := ss.s.setTags(ctx, tx, id, upd.Tags); err != nil {
			return "", nil, err
		}
	}
	if ct := op.ct; ct != nil {
		cc := *ct
		cc.ID, cc.CustomerID = ss.s.newID(), id
		now := ts(now)
		if _, err := im.insContact.ExecContext(ctx, cc.ID, cc.CustomerID, cc.Name, cc.Position, cc.Birthday, cc.Note, string(cc.Preferred),
			cc.CustomerID, now, now); err != nil {
			return "", nil, fmt.Errorf("contact: %w", err)
		}
		for _, ch := range channelRows(cc) {
			if _, err := im.insChannel.ExecContext(ctx, ch...); err != nil {
				return "", nil, fmt.Errorf("contact channel: %w", err)
			}
		}
	}
	// A customer this import created is indexed at the end, as it is then.
	if err := refreshSearchBelow(ctx, tx, id, im.firstNum); err != nil {
		return "", nil, err
	}
	return "updated", nil, im.audit(ctx, model.AuditUpdate, model.EntityCustomer, id, model.Diff(old.AuditFields(), upd.AuditFields()), "")
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
	if in.Channel != "" {
		out.Channel = in.Channel
	}
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
