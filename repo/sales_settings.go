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

// Terms implements model.SalesService.
func (ss *Session) Terms(ctx context.Context, customerID string) (model.CustomerTerms, model.CustomerTerms, error) {
	u, err := ss.reader(ctx, model.EntityCustomer)
	if err != nil {
		return model.CustomerTerms{}, model.CustomerTerms{}, err
	}
	if _, err := ss.loadCustomer(ctx, ss.s.r, u, model.ActRead, customerID); err != nil {
		return model.CustomerTerms{}, model.CustomerTerms{}, err
	}
	return loadTerms(ctx, ss.s.r, customerID)
}

// GroupTerms implements model.SalesService.
func (ss *Session) GroupTerms(ctx context.Context, groupID string) (model.CustomerTerms, error) {
	var t model.CustomerTerms
	var terms string
	if _, err := ss.reader(ctx, model.EntityCustomer); err != nil {
		return t, err
	}
	err := ss.s.r.QueryRowContext(ctx, `SELECT terms, has_terms, credit_limit, has_limit, doc_lang, version FROM customer_terms
		WHERE group_id = ?`, groupID).Scan(&terms, &t.HasTerms, &t.CreditLimit, &t.HasLimit, &t.DocLang, &t.Version)
	t.GroupID = groupID
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, mapErr(err)
	}
	t.Terms, err = decodeTerms(terms)
	return t, err
}

// SaveTerms implements model.SalesService: heads, administrators and the
// accountant set terms and credit limits.
func (ss *Session) SaveTerms(ctx context.Context, t model.CustomerTerms) (model.CustomerTerms, error) {
	if (t.CustomerID == "") == (t.GroupID == "") {
		return t, model.ValidationErrors{{Field: "customer", Msg: "doc.err.customer"}}
	}
	var v model.ValidationErrors
	if t.HasTerms {
		if err := t.Terms.Validate(); err != nil {
			var tv model.ValidationErrors
			if errors.As(err, &tv) {
				v = append(v, tv...)
			}
		}
	}
	if t.HasLimit && t.CreditLimit < 0 {
		v.Add("credit_limit", "terms.err.limit")
	}
	if t.DocLang != "" && t.DocLang != "ru" && t.DocLang != "en" {
		v.Add("doc_lang", "terms.err.lang")
	}
	if err := v.Err(); err != nil {
		return t, err
	}
	if !t.HasTerms {
		t.Terms = model.PaymentTerms{}
	}
	if !t.HasLimit {
		t.CreditLimit = 0
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.actor(ctx, tx)
		if err != nil {
			return err
		}
		if actor.Role == model.RoleSeller {
			return fmt.Errorf("payment terms as %s: %w", actor.Role, model.ErrForbidden)
		}
		col, key := "customer_id", t.CustomerID
		if t.GroupID != "" {
			col, key = "group_id", t.GroupID
		}
		var id string
		var version int64
		err = tx.QueryRowContext(ctx, `SELECT id, version FROM customer_terms WHERE `+col+` = ?`, key).Scan(&id, &version)
		now := ts(ss.s.now())
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id, t.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer_terms (id, customer_id, group_id, terms, has_terms, credit_limit, has_limit,
				doc_lang, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, nullStr(t.CustomerID), nullStr(t.GroupID),
				encodeTerms(t.Terms), t.HasTerms, int64(t.CreditLimit), t.HasLimit, t.DocLang, now); err != nil {
				return fmt.Errorf("save terms: %w", err)
			}
		case err != nil:
			return err
		default:
			if version != t.Version {
				return model.StaleError("terms", id, t.Version)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customer_terms SET terms = ?, has_terms = ?, credit_limit = ?, has_limit = ?, doc_lang = ?,
				updated_at = ?, version = version + 1 WHERE id = ?`, encodeTerms(t.Terms), t.HasTerms, int64(t.CreditLimit), t.HasLimit,
				t.DocLang, now, id); err != nil {
				return err
			}
			t.Version++
		}
		entity, eid := model.EntityCustomer, t.CustomerID
		if t.GroupID != "" {
			entity, eid = model.EntityGroup, t.GroupID
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, entity, eid, []model.Change{
			{Field: "terms", New: encodeTerms(t.Terms)}, {Field: "credit_limit", New: fmt.Sprint(int64(t.CreditLimit), " ", t.HasLimit)},
			{Field: "doc_lang", New: t.DocLang}})
	})
	return t, err
}

// NumberSeries implements model.SalesService.
func (ss *Session) NumberSeries(ctx context.Context) ([]model.NumberSeries, error) {
	if _, err := ss.reader(ctx, model.EntitySettings); err != nil {
		return nil, err
	}
	return queryAll(ctx, ss.s.r, "number series", `SELECT kind, mask, version FROM number_series ORDER BY CASE kind
		WHEN 'quote' THEN 1 WHEN 'order' THEN 2 WHEN 'invoice' THEN 3 WHEN 'waybill' THEN 4 WHEN 'contract' THEN 5
		WHEN 'statement' THEN 6 ELSE 7 END`, func(sc scanner) (model.NumberSeries, error) {
		var s model.NumberSeries
		var kind string
		err := sc.Scan(&kind, &s.Mask, &s.Version)
		s.Kind = model.DocKind(kind)
		return s, err
	})
}

// SaveNumberSeries implements model.SalesService.
func (ss *Session) SaveNumberSeries(ctx context.Context, s model.NumberSeries) (model.NumberSeries, error) {
	s.Mask = strings.TrimSpace(s.Mask)
	if !s.Kind.Valid() {
		return s, model.ValidationErrors{{Field: "kind", Msg: "doc.err.kind"}}
	}
	if err := model.ValidateNumberMask(s.Mask); err != nil {
		return s, model.ValidationErrors{{Field: "mask", Msg: "series.err.mask"}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntitySettings, model.ActUpdate)
		if err != nil {
			return err
		}
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT mask FROM number_series WHERE kind = ?`, string(s.Kind)).Scan(&old); err != nil {
			return mapErr(err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE number_series SET mask = ?, updated_at = ?, version = version + 1 WHERE kind = ? AND version = ?`,
			s.Mask, ts(ss.s.now()), string(s.Kind), s.Version)
		if err := staleCheck(res, err, "number series", string(s.Kind), s.Version); err != nil {
			return err
		}
		s.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntitySettings, "series:"+string(s.Kind),
			[]model.Change{{Field: "mask", Old: old, New: s.Mask}})
	})
	return s, err
}

// Templates implements model.SalesService.
func (ss *Session) Templates(ctx context.Context) ([]model.DocTemplate, error) {
	if _, err := ss.reader(ctx, model.EntityDocument); err != nil {
		return nil, err
	}
	return queryAll(ctx, ss.s.r, "templates", `SELECT id, kind, lang, name, body, is_default, version FROM doc_templates
		WHERE deleted_at IS NULL ORDER BY kind, lang, name`, scanTemplate)
}

func scanTemplate(sc scanner) (model.DocTemplate, error) {
	var t model.DocTemplate
	var kind string
	err := sc.Scan(&t.ID, &kind, &t.Lang, &t.Name, &t.Body, &t.IsDefault, &t.Version)
	t.Kind = model.DocKind(kind)
	return t, err
}

// SaveTemplate implements model.SalesService.
func (ss *Session) SaveTemplate(ctx context.Context, t model.DocTemplate) (model.DocTemplate, error) {
	t.Name = strings.TrimSpace(t.Name)
	if t.Kind == "" {
		t.Kind = model.DocContract
	}
	var v model.ValidationErrors
	if t.Name == "" {
		v.Add("name", model.MsgRequired)
	}
	if strings.TrimSpace(t.Body) == "" {
		v.Add("body", model.MsgRequired)
	} else if bad := model.TemplateProblems(t.Body); len(bad) > 0 {
		v.Add("body", "tmpl.err.unknown")
	}
	if t.Lang != "ru" && t.Lang != "en" {
		v.Add("lang", "terms.err.lang")
	}
	if err := v.Err(); err != nil {
		return t, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntitySettings, model.ActUpdate)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		if t.IsDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE doc_templates SET is_default = 0 WHERE kind = ? AND lang = ? AND id <> ?`,
				string(t.Kind), t.Lang, t.ID); err != nil {
				return err
			}
		}
		if t.ID == "" {
			t.ID, t.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO doc_templates (id, kind, lang, name, body, is_default, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, string(t.Kind), t.Lang, t.Name, t.Body, t.IsDefault, now, now); err != nil {
				return err
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntitySettings, "template:"+t.ID,
				[]model.Change{{Field: "name", New: t.Name}, {Field: "lang", New: t.Lang}})
		}
		res, err := tx.ExecContext(ctx, `UPDATE doc_templates SET lang = ?, name = ?, body = ?, is_default = ?, updated_at = ?,
			version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`, t.Lang, t.Name, t.Body, t.IsDefault, now, t.ID, t.Version)
		if err := staleCheck(res, err, "template", t.ID, t.Version); err != nil {
			return err
		}
		t.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntitySettings, "template:"+t.ID,
			[]model.Change{{Field: "name", New: t.Name}, {Field: "body", New: fmt.Sprintf("%d characters", len([]rune(t.Body)))}})
	})
	return t, err
}

// CreateContract implements model.SalesService.
func (ss *Session) CreateContract(ctx context.Context, customerID, templateID string, day time.Time) (model.Document, error) {
	var d model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityDocument, model.ActCreate)
		if err != nil {
			return err
		}
		cust, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, customerID)
		if err != nil {
			return err
		}
		terms, _, err := loadTerms(ctx, tx, customerID)
		if err != nil {
			return err
		}
		var t model.DocTemplate
		if templateID != "" {
			t, err = scanTemplate(tx.QueryRowContext(ctx, `SELECT id, kind, lang, name, body, is_default, version FROM doc_templates
				WHERE id = ? AND deleted_at IS NULL`, templateID))
		} else {
			t, err = scanTemplate(tx.QueryRowContext(ctx, `SELECT id, kind, lang, name, body, is_default, version FROM doc_templates
				WHERE kind = 'contract' AND deleted_at IS NULL ORDER BY lang = ? DESC, is_default DESC, name LIMIT 1`, terms.DocLang))
		}
		if errors.Is(err, sql.ErrNoRows) {
			return model.ValidationErrors{{Field: "template", Msg: "doc.err.template"}}
		}
		if err != nil {
			return err
		}
		company, _, err := loadCompany(ctx, tx)
		if err != nil {
			return err
		}
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		vals := model.TemplateValues(company, cust, terms.Terms, tax.BaseCurrency, t.Lang)
		body, _ := model.RenderTemplate(t.Body, vals)
		if day.IsZero() {
			day = ss.s.today()
		}
		d = model.Document{Kind: model.DocContract, Status: model.StatusDraft, Date: day, CustomerID: customerID, OwnerID: actor.ID,
			Currency: tax.BaseCurrency, Lang: t.Lang, Terms: terms.Terms, Body: body, Note: t.Name, CustomerName: cust.Name}
		if err := ss.s.insertDoc(ctx, tx, &d, ""); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, d.ID, model.Diff(nil, docAudit(d)))
	})
	return d, err
}

// UpdateContractText implements model.SalesService.
func (ss *Session) UpdateContractText(ctx context.Context, id string, version int64, body string) (model.Document, error) {
	var d model.Document
	if strings.TrimSpace(body) == "" {
		return d, model.ValidationErrors{{Field: "body", Msg: model.MsgRequired}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, doc, err := ss.loadForChange(ctx, tx, model.ActUpdate, id, version)
		if err != nil {
			return err
		}
		if doc.Kind != model.DocContract || doc.Status != model.StatusDraft {
			return fmt.Errorf("contract %s: %w", doc.Number, model.ErrPosted)
		}
		d = doc
		res, err := tx.ExecContext(ctx, `UPDATE documents SET body = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			body, ts(ss.s.now()), id, version)
		if err := staleCheck(res, err, "document", id, version); err != nil {
			return err
		}
		d.Body, d.Version = body, d.Version+1
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, id,
			[]model.Change{{Field: "body", New: fmt.Sprintf("%d characters", len([]rune(body)))}})
	})
	return d, err
}

// CreateStatement implements model.SalesService.
func (ss *Session) CreateStatement(ctx context.Context, customerID string, from, to time.Time) (model.Document, error) {
	var d model.Document
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return d, model.ValidationErrors{{Field: "period", Msg: "doc.err.period"}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityDocument, model.ActCreate)
		if err != nil {
			return err
		}
		cust, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, customerID)
		if err != nil {
			return err
		}
		terms, _, err := loadTerms(ctx, tx, customerID)
		if err != nil {
			return err
		}
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		st, err := statementOf(ctx, tx, customerID, from, to)
		if err != nil {
			return err
		}
		st.CustomerName, st.Currency = cust.Name, tax.BaseCurrency
		day := ss.s.today()
		d = model.Document{Kind: model.DocStatement, Status: model.StatusPosted, Date: day, CustomerID: customerID, OwnerID: actor.ID,
			Currency: tax.BaseCurrency, Lang: terms.DocLang, PeriodFrom: st.From, PeriodTo: st.To, Body: encodeStatement(st),
			PostedAt: ss.s.now(), CustomerName: cust.Name}
		d.Totals.Gross, d.Totals.Net = st.Closing, st.Closing
		if d.Number, err = nextNumber(ctx, tx, model.DocStatement, day); err != nil {
			return err
		}
		if err := ss.s.insertDoc(ctx, tx, &d, ""); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, d.ID, model.Diff(nil, docAudit(d)))
	})
	return d, err
}

// Insurance implements model.SalesService.
func (ss *Session) Insurance(ctx context.Context, orderID string) ([]model.InsurancePolicy, error) {
	if _, err := ss.FindDocumentByID(ctx, orderID); err != nil {
		return nil, err
	}
	return loadInsurance(ctx, ss.s.r, orderID)
}

func loadInsurance(ctx context.Context, q queryer, orderID string) ([]model.InsurancePolicy, error) {
	return queryAll(ctx, q, "insurance", `SELECT id, order_id, insurer, number, insured, premium, currency, valid_from, valid_to,
		status, note, version FROM insurance_policies WHERE order_id = ? AND deleted_at IS NULL ORDER BY valid_from, number`,
		func(sc scanner) (model.InsurancePolicy, error) {
			var p model.InsurancePolicy
			var from, to, status string
			err := sc.Scan(&p.ID, &p.OrderID, &p.Insurer, &p.Number, &p.Insured, &p.Premium, &p.Currency, &from, &to, &status, &p.Note, &p.Version)
			p.From, p.To, p.Status = parseDateOnly(from), parseDateOnly(to), model.InsuranceStatus(status)
			return p, err
		}, orderID)
}

// SaveInsurance implements model.SalesService.
func (ss *Session) SaveInsurance(ctx context.Context, p model.InsurancePolicy) (model.InsurancePolicy, error) {
	p.Insurer, p.Number, p.Note = strings.TrimSpace(p.Insurer), strings.TrimSpace(p.Number), strings.TrimSpace(p.Note)
	if p.Status == "" {
		p.Status = model.InsActive
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, o, err := ss.loadForChange(ctx, tx, model.ActUpdate, p.OrderID, 0)
		if err != nil {
			return err
		}
		if o.Kind != model.DocOrder {
			return model.ValidationErrors{{Field: "order", Msg: "ins.err.order"}}
		}
		if p.Currency == "" {
			p.Currency = o.Currency
		}
		now := ts(ss.s.now())
		changes := []model.Change{{Field: "insurer", New: p.Insurer}, {Field: "number", New: p.Number},
			{Field: "insured", New: fmt.Sprint(int64(p.Insured))}, {Field: "premium", New: fmt.Sprint(int64(p.Premium))},
			{Field: "status", New: string(p.Status)}, {Field: "order_id", New: p.OrderID}}
		if p.ID == "" {
			p.ID, p.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO insurance_policies (id, order_id, insurer, number, insured, premium, currency,
				valid_from, valid_to, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ID, p.OrderID, p.Insurer, p.Number, int64(p.Insured), int64(p.Premium), p.Currency, dateOnly(p.From), dateOnly(p.To),
				string(p.Status), p.Note, now, now); err != nil {
				return err
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, p.ID, changes)
		}
		res, err := tx.ExecContext(ctx, `UPDATE insurance_policies SET insurer = ?, number = ?, insured = ?, premium = ?, currency = ?,
			valid_from = ?, valid_to = ?, status = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			p.Insurer, p.Number, int64(p.Insured), int64(p.Premium), p.Currency, dateOnly(p.From), dateOnly(p.To), string(p.Status),
			p.Note, now, p.ID, p.Version)
		if err := staleCheck(res, err, "insurance", p.ID, p.Version); err != nil {
			return err
		}
		p.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDocument, p.ID, changes)
	})
	return p, err
}

// PrintPack implements model.SalesService.
func (ss *Session) PrintPack(ctx context.Context, id string) (model.PrintPack, error) {
	var p model.PrintPack
	u, err := ss.reader(ctx, model.EntityDocument)
	if err != nil {
		return p, err
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return p, mapErr(err)
	}
	defer tx.Rollback()
	if p.Doc, err = loadDoc(ctx, tx, u, "d.id = ?", id); err != nil {
		return p, fmt.Errorf("document %s: %w", id, err)
	}
	if p.Company, _, err = loadCompany(ctx, tx); err != nil {
		return p, err
	}
	cs, err := queryCustomers(ctx, tx, `SELECT `+customerCols+customerFrom+` WHERE c.id = ?`, p.Doc.CustomerID)
	if err != nil {
		return p, err
	}
	if len(cs) == 1 {
		p.Customer = cs[0]
	}
	curs, err := loadCurrencies(ctx, tx)
	if err != nil {
		return p, err
	}
	p.Currency, _ = model.CurrencyByCode(curs, p.Doc.Currency)
	if p.Currency.Code == "" {
		p.Currency = model.Currency{Code: p.Doc.Currency, MinorDigits: 2}
	}
	if p.Doc.BaseID != "" {
		if p.Base, err = loadDoc(ctx, tx, u, "d.id = ?", p.Doc.BaseID); err != nil && !errors.Is(err, model.ErrNotFound) {
			return p, err
		}
	}
	if p.Doc.ContractID != "" {
		if p.Contract, err = loadDoc(ctx, tx, u, "d.id = ?", p.Doc.ContractID); err != nil && !errors.Is(err, model.ErrNotFound) {
			return p, err
		}
	}
	orderID := p.Doc.OrderID
	if p.Doc.Kind == model.DocOrder {
		orderID = p.Doc.ID
	}
	if orderID != "" {
		if p.Insurance, err = loadInsurance(ctx, tx, orderID); err != nil {
			return p, err
		}
	}
	if p.Doc.Kind == model.DocStatement {
		if p.Statement, err = decodeStatement(p.Doc.Body); err != nil {
			return p, fmt.Errorf("statement %s: %w", p.Doc.Number, err)
		}
	}
	p.Generated = ss.s.now()
	return p, nil
}
