package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sdelka/model"
)

// Deals: reading, pricing their lines, creating, editing and deleting. A
// deal's lines are priced like an order's (the customer's price on the day,
// in the deal's currency) and computed by model.ComputeDealLines; saving
// evaluates the approval rules in the same transaction.

const dealCols = `dl.id, dl.num, dl.customer_id, coalesce(nullif(c.short_name, ''), c.name), coalesce(dl.contact_id, ''),
	coalesce(ct.name, ''), dl.title, dl.pipeline_id, dl.stage_id, coalesce(ps.name, ''), dl.status, dl.amount, dl.amount_manual,
	dl.currency, dl.amount_base, coalesce(dl.expected_close, ''), dl.probability_bp, dl.probability_manual, dl.payment_days,
	dl.lead_source, dl.owner_id, coalesce(u.full_name, ''), dl.lost_reason, coalesce(dl.lead_id, ''), dl.stage_entered_at,
	dl.closed_at, dl.approval, dl.terms_hash, coalesce(dl.quote_id, ''), coalesce(dl.order_id, ''), coalesce(dl.reverse_id, ''),
	dl.note, coalesce(cs.responsible_id, ''), coalesce(ru.full_name, ''), coalesce(cs.due_date, ''), dl.version, dl.created_at,
	dl.updated_at`

const dealFrom = ` FROM deals dl JOIN customers c ON c.id = dl.customer_id LEFT JOIN contacts ct ON ct.id = dl.contact_id
	LEFT JOIN pipeline_stages ps ON ps.id = dl.stage_id LEFT JOIN users u ON u.id = dl.owner_id
	LEFT JOIN deal_stages cs ON cs.deal_id = dl.id AND cs.stage_id = dl.stage_id LEFT JOIN users ru ON ru.id = cs.responsible_id`

func scanDeal(sc scanner) (model.Deal, error) {
	var d model.Deal
	var status, expected, approval, due string
	var entered, closed, created, updated sql.NullString
	err := sc.Scan(&d.ID, &d.Num, &d.CustomerID, &d.CustomerName, &d.ContactID, &d.ContactName, &d.Title, &d.PipelineID, &d.StageID,
		&d.StageName, &status, &d.Amount, &d.AmountManual, &d.Currency, &d.AmountBase, &expected, &d.ProbabilityBP, &d.ProbabilityManual,
		&d.PaymentDays, &d.LeadSource, &d.OwnerID, &d.OwnerName, &d.LostReason, &d.LeadID, &entered, &closed, &approval, &d.TermsHash,
		&d.QuoteID, &d.OrderID, &d.ReverseID, &d.Note, &d.ResponsibleID, &d.ResponsibleName, &due, &d.Version, &created, &updated)
	d.Status, d.Approval = model.DealStatus(status), model.ApprovalState(approval)
	d.ExpectedClose, d.StageDue = parseDateOnly(expected), parseDateOnly(due)
	d.StageEntered, d.ClosedAt, d.Created, d.Updated = parseTS(entered), parseTS(closed), parseTS(created), parseTS(updated)
	return d, err
}

// dealVisibility is the predicate on dl (deals) for the deals u may act on
// with act: sellers their own deals, those of customers they own or that are
// shared with them, deals shared with them and deals where they are
// responsible for a stage.
func dealVisibility(u model.User, act model.Action) (string, []any) {
	switch model.ScopeFor(u.Role, model.EntityDeal, act) {
	case model.ScopeAll:
		return "1=1", nil
	case model.ScopeOwn:
		// Uncorrelated: each list is made once per query, not per deal.
		return `(dl.owner_id = ? OR dl.customer_id IN (SELECT cv.id FROM customers cv WHERE cv.owner_id = ? AND cv.deleted_at IS NULL)
			OR dl.customer_id IN (SELECT sh.entity_id FROM shares sh WHERE sh.user_id = ? AND sh.entity = 'customer')
			OR dl.id IN (SELECT sh.entity_id FROM shares sh WHERE sh.user_id = ? AND sh.entity = 'deal')
			OR dl.id IN (SELECT dv.deal_id FROM deal_stages dv WHERE dv.responsible_id = ?))`,
			[]any{u.ID, u.ID, u.ID, u.ID, u.ID}
	}
	return "0=1", nil
}

const dealLineCols = `line_no, product_id, sku, name, unit_code, unit, qty, list_price, price_reason, discount_bp, price, manual_price,
	floor_price, cost_price, vat_cat, vat_bp, net, vat, gross`

func scanDealLine(sc scanner) (model.DealLine, error) {
	var l model.DealLine
	var cat string
	err := sc.Scan(&l.No, &l.ProductID, &l.SKU, &l.Name, &l.UnitCode, &l.Unit, &l.Qty, &l.ListPrice, &l.PriceReason, &l.DiscountBP,
		&l.Price, &l.ManualPrice, &l.FloorPrice, &l.CostPrice, &cat, &l.VATBP, &l.Amounts.Net, &l.Amounts.VAT, &l.Amounts.Gross)
	l.VATCat = model.VATCategory(cat)
	return l, err
}

// loadDeal reads one deal visible to u for act, with its lines and stage
// records.
func loadDeal(ctx context.Context, q queryer, u model.User, act model.Action, id string) (model.Deal, error) {
	vis, args := dealVisibility(u, act)
	ds, err := queryAll(ctx, q, "deal", `SELECT `+dealCols+dealFrom+` WHERE dl.id = ? AND dl.deleted_at IS NULL AND `+vis, scanDeal,
		append([]any{id}, args...)...)
	if err != nil {
		return model.Deal{}, err
	}
	if len(ds) == 0 {
		return model.Deal{}, fmt.Errorf("deal %s: %w", id, model.ErrNotFound)
	}
	d := ds[0]
	if d.Lines, err = queryAll(ctx, q, "deal lines", `SELECT `+dealLineCols+` FROM deal_lines WHERE deal_id = ? ORDER BY line_no`,
		scanDealLine, id); err != nil {
		return d, err
	}
	docs := make([]model.DocLine, len(d.Lines))
	for i, l := range d.Lines {
		docs[i] = l.DocLine()
	}
	if d.Totals, err = model.DocTotals(docs); err != nil {
		return d, err
	}
	d.Stages, err = queryAll(ctx, q, "deal stages", `SELECT s.stage_id, ps.name, ps.sort, ps.expected_result, s.responsible_id,
		coalesce(ru.full_name, ''), coalesce(s.due_date, ''), s.result, s.done_at, coalesce(s.done_by, ''), coalesce(du.full_name, ''), s.entered_at
		FROM deal_stages s JOIN pipeline_stages ps ON ps.id = s.stage_id LEFT JOIN users ru ON ru.id = s.responsible_id
		LEFT JOIN users du ON du.id = s.done_by WHERE s.deal_id = ? ORDER BY ps.sort`, func(sc scanner) (model.DealStage, error) {
		var s model.DealStage
		var due string
		var done, entered sql.NullString
		err := sc.Scan(&s.StageID, &s.StageName, &s.Sort, &s.ExpectedResult, &s.ResponsibleID, &s.ResponsibleName, &due, &s.Result,
			&done, &s.DoneBy, &s.DoneByName, &entered)
		s.Due, s.DoneAt, s.Entered = parseDateOnly(due), parseTS(done), parseTS(entered)
		return s, err
	}, id)
	return d, err
}

// FindDealByID implements model.PipelineService.
func (ss *Session) FindDealByID(ctx context.Context, id string) (model.Deal, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return model.Deal{}, fmt.Errorf("deal %s: %w", id, err)
	}
	return loadDeal(ctx, ss.s.r, u, model.ActRead, id)
}

func dealAudit(d model.Deal) map[string]string {
	return map[string]string{
		"title": d.Title, "customer_id": d.CustomerID, "contact_id": d.ContactID, "pipeline_id": d.PipelineID, "stage_id": d.StageID,
		"status": string(d.Status), "amount": fmt.Sprint(int64(d.Amount)), "currency": d.Currency, "probability": model.FormatBP(d.ProbabilityBP),
		"payment_days": strconv.Itoa(d.PaymentDays), "owner_id": d.OwnerID, "lost_reason": d.LostReason, "approval": string(d.Approval),
		"terms": d.TermsHash, "lines": strconv.Itoa(len(d.Lines)), "expected_close": dateOnly(d.ExpectedClose), "note": d.Note,
		"lead_source": d.LeadSource, "quote_id": d.QuoteID, "order_id": d.OrderID,
	}
}

// priceDeal resolves the list price (with its reason), the floor and the
// cost of every line with a product for the deal's customer, currency and
// day — a typed price (ManualPrice) is kept, but its list price is still
// resolved so that the discount it gives is known — computes the lines and
// totals, the amount (the gross unless entered on a deal without lines), the
// amount in the base currency and the approval reasons.
func (ss *Session) priceDeal(ctx context.Context, tx *sql.Tx, u model.User, d model.Deal, day time.Time) (model.Deal, []model.ApprovalReason, bool, error) {
	if d.CustomerID == "" {
		return d, nil, false, model.ValidationErrors{{Field: "customer", Msg: model.MsgDealCustomer}}
	}
	tax, err := loadTaxSettings(ctx, tx)
	if err != nil {
		return d, nil, false, err
	}
	if d.Currency == "" {
		d.Currency = tax.BaseCurrency
	}
	ids := []string{}
	seen := map[string]bool{}
	for _, l := range d.Lines {
		if l.ProductID != "" && !seen[l.ProductID] {
			seen[l.ProductID] = true
			ids = append(ids, l.ProductID)
		}
	}
	pd, err := ss.loadPriceData(ctx, tx, u, d.CustomerID, "", ids, day, d.Currency)
	if errors.Is(err, model.ErrNotFound) {
		return d, nil, false, model.ValidationErrors{{Field: "customer", Msg: model.MsgDealCustomer}}
	}
	if err != nil {
		return d, nil, false, err
	}
	lines := make([]model.DealLine, len(d.Lines))
	for i, l := range d.Lines {
		p, ok := pd.products[l.ProductID]
		if !ok {
			return d, nil, false, model.ValidationErrors{{Field: fmt.Sprintf("lines[%d].product", i), Msg: "doc.err.product"}}
		}
		l.SKU, l.UnitCode, l.VATCat = p.SKU, p.UnitCode, p.VAT
		if strings.TrimSpace(l.Name) == "" {
			l.Name = p.Name
		}
		if un, ok := model.UnitByCode(p.UnitCode); ok {
			l.Unit = un.Symbol
		}
		if l.Qty > 0 {
			r, err := pd.resolve(l.ProductID, l.Qty)
			if err != nil {
				return d, nil, false, fmt.Errorf("line %d: %w", i+1, err)
			}
			l.ListPrice, l.PriceReason = r.Price, r.Reason
		}
		if l.FloorPrice, err = pd.fromBase(p.FloorPrice); err != nil {
			return d, nil, false, err
		}
		if l.CostPrice, err = pd.fromBase(p.CostPrice); err != nil {
			return d, nil, false, err
		}
		if l.VATCat == "" {
			l.VATCat = model.VATStandard
		}
		lines[i] = l
	}
	var totals model.Totals
	if d.Lines, totals, err = model.ComputeDealLines(lines, day, pd.tax.PricesIncludeVAT, pd.tax.NoVAT); err != nil {
		if len(model.FieldErrors(err)) > 0 {
			return d, nil, false, err
		}
		return d, nil, false, model.ValidationErrors{{Field: "lines", Msg: "doc.err.overflow"}}
	}
	d.Totals = totals
	if len(d.Lines) > 0 || !d.AmountManual {
		d.Amount, d.AmountManual = totals.Gross, false
	}
	nominal, e4, err := docRate(ctx, tx, d.Currency, tax.BaseCurrency, day)
	if err != nil {
		return d, nil, false, err
	}
	d.AmountBase = toBase(d.Amount, nominal, e4)
	rules, err := loadApprovalRules(ctx, tx)
	if err != nil {
		return d, nil, false, err
	}
	return d, model.ApprovalReasons(rules, d), pd.tax.PricesIncludeVAT, nil
}

// PriceDealLines implements model.PipelineService.
func (ss *Session) PriceDealLines(ctx context.Context, d model.Deal) (model.Deal, []model.ApprovalReason, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return d, nil, err
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return d, nil, mapErr(err)
	}
	defer tx.Rollback()
	d, reasons, _, err := ss.priceDeal(ctx, tx, u, d, ss.s.today())
	return d, reasons, err
}

func normalizeDeal(d model.Deal) model.Deal {
	d.Title, d.Note, d.LeadSource = strings.TrimSpace(d.Title), strings.TrimSpace(d.Note), strings.TrimSpace(d.LeadSource)
	d.Currency = strings.ToUpper(strings.TrimSpace(d.Currency))
	return d
}

// checkDealRefs checks the deal's customer (visible to the actor) and
// contact (the customer's).
func (ss *Session) checkDealRefs(ctx context.Context, tx *sql.Tx, actor model.User, d model.Deal) error {
	if d.CustomerID == "" {
		return model.ValidationErrors{{Field: "customer", Msg: model.MsgDealCustomer}}
	}
	if _, err := ss.loadCustomer(ctx, tx, actor, model.ActRead, d.CustomerID); err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return model.ValidationErrors{{Field: "customer", Msg: model.MsgDealCustomer}}
		}
		return err
	}
	if d.ContactID != "" {
		c, err := contactByID(ctx, tx, d.ContactID)
		if err != nil || c.CustomerID != d.CustomerID {
			return model.ValidationErrors{{Field: "contact", Msg: "valid.choice"}}
		}
	}
	return nil
}

// insertDeal creates a deal inside tx as SaveDeal does for a new one: it is
// validated, its lines priced, it enters its stage (the pipeline's first
// open stage unless d.StageID names an open one) with a responsible and a
// due date, the history gets its first entry, the approval rules are
// evaluated (a request filed when they fire) and the creation is audited.
func (ss *Session) insertDeal(ctx context.Context, tx *sql.Tx, actor model.User, d model.Deal) (model.Deal, error) {
	if !model.Can(actor.Role, model.EntityDeal, model.ActCreate) {
		return d, fmt.Errorf("create deal as %s: %w", actor.Role, model.ErrForbidden)
	}
	d = normalizeDeal(d)
	if d.OwnerID == "" {
		d.OwnerID = actor.ID
	}
	p, err := loadPipeline(ctx, tx, d.PipelineID)
	if errors.Is(err, model.ErrNotFound) {
		return d, model.ValidationErrors{{Field: "pipeline", Msg: "valid.choice"}}
	}
	if err != nil {
		return d, err
	}
	st, ok := p.StageOfKind(model.StageOpen)
	if d.StageID != "" {
		st, ok = p.StageByID(d.StageID)
		ok = ok && st.Kind == model.StageOpen
	}
	if !ok {
		return d, model.ValidationErrors{{Field: "stage", Msg: model.MsgStageOtherPipe}}
	}
	d.PipelineID, d.StageID, d.StageName, d.Status = p.ID, st.ID, st.Name, model.DealOpen
	d.ProbabilityBP = model.DealProbability(d, st)
	if err := d.Validate().Err(); err != nil {
		return d, err
	}
	if err := checkAssignee(ctx, tx, actor, model.EntityDeal, d.OwnerID); err != nil {
		return d, err
	}
	if err := ss.checkDealRefs(ctx, tx, actor, d); err != nil {
		return d, err
	}
	day := ss.s.today()
	d, _, inclVAT, err := ss.priceDeal(ctx, tx, actor, d, day)
	if err != nil {
		return d, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(num), 0) + 1 FROM deals`).Scan(&d.Num); err != nil {
		return d, err
	}
	now := ss.s.now()
	d.ID, d.Version, d.Created, d.Updated, d.StageEntered = ss.s.newID(), 1, now, now, now
	if _, err := tx.ExecContext(ctx, `INSERT INTO deals (id, num, customer_id, contact_id, title, title_fold, pipeline_id, stage_id, status,
		amount, amount_manual, currency, amount_base, prices_incl_vat, expected_close, probability_bp, probability_manual, payment_days,
		lead_source, owner_id, lead_id, stage_entered_at, reverse_id, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.Num, d.CustomerID, nullStr(d.ContactID), d.Title, model.FoldText(d.Title), d.PipelineID, d.StageID, int64(d.Amount),
		d.AmountManual, d.Currency, int64(d.AmountBase), inclVAT, nullStr(dateOnly(d.ExpectedClose)), d.ProbabilityBP, d.ProbabilityManual,
		d.PaymentDays, d.LeadSource, d.OwnerID, nullStr(d.LeadID), ts(now), nullStr(d.ReverseID), d.Note, ts(now), ts(now)); err != nil {
		return d, fmt.Errorf("insert deal: %w", mapErr(err))
	}
	if err := insertDealLines(ctx, tx, d.ID, d.Lines); err != nil {
		return d, err
	}
	if err := ss.enterStage(ctx, tx, d.ID, d.OwnerID, st); err != nil {
		return d, err
	}
	if err := ss.addHistory(ctx, tx, actor, d, "", st.ID, ""); err != nil {
		return d, err
	}
	if err := ss.evaluateApproval(ctx, tx, actor, &d); err != nil {
		return d, err
	}
	if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDeal, d.ID, model.Diff(nil, dealAudit(d))); err != nil {
		return d, err
	}
	return loadDeal(ctx, tx, actor, model.ActRead, d.ID)
}

func insertDealLines(ctx context.Context, tx *sql.Tx, dealID string, lines []model.DealLine) error {
	for _, l := range lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO deal_lines (deal_id, `+dealLineCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, dealID, l.No, l.ProductID, l.SKU, l.Name, l.UnitCode, l.Unit,
			int64(l.Qty), int64(l.ListPrice), l.PriceReason, l.DiscountBP, int64(l.Price), l.ManualPrice, int64(l.FloorPrice),
			int64(l.CostPrice), string(l.VATCat), l.VATBP, int64(l.Amounts.Net), int64(l.Amounts.VAT), int64(l.Amounts.Gross)); err != nil {
			return fmt.Errorf("deal line %d: %w", l.No, mapErr(err))
		}
	}
	return nil
}
