package repo

import (
	"context"
	"database/sql"
	"fmt"

	"sdelka/model"
)

// A deal's documents: the quote issued from its lines, the order made when
// it was won, and what was made from them.

// DealDocuments implements model.PipelineService.
func (ss *Session) DealDocuments(ctx context.Context, dealID string) ([]model.Document, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return nil, err
	}
	if _, err := loadDeal(ctx, ss.s.r, u, model.ActRead, dealID); err != nil {
		return nil, err
	}
	if !model.Can(u.Role, model.EntityDocument, model.ActRead) {
		return nil, nil
	}
	vis, args := docVisibility(u)
	return queryAll(ctx, ss.s.r, "deal documents", `SELECT `+docCols+docFrom+` WHERE d.deleted_at IS NULL AND `+vis+`
		AND (d.deal_id = ? OR d.id IN (SELECT quote_id FROM deals WHERE id = ?) OR d.id IN (SELECT order_id FROM deals WHERE id = ?)
		OR d.base_id IN (SELECT id FROM documents WHERE deal_id = ?)
		OR d.order_id IN (SELECT id FROM documents WHERE deal_id = ? AND kind = 'order'))
		ORDER BY d.num DESC`, scanDoc, append(args, dealID, dealID, dealID, dealID, dealID)...)
}

// IssueQuote implements model.PipelineService: a posted quote of the deal's
// lines at their prices (typed: the quote keeps the deal's figures),
// numbered like any quote, linked both ways.
func (ss *Session) IssueQuote(ctx context.Context, dealID string, version int64) (model.Document, error) {
	var q model.Document
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, d, err := ss.loadDealForChange(ctx, tx, dealID, version)
		if err != nil {
			return err
		}
		if !model.Can(actor.Role, model.EntityDocument, model.ActCreate) {
			return fmt.Errorf("issue quote as %s: %w", actor.Role, model.ErrForbidden)
		}
		if d.Status != model.DealOpen {
			return fmt.Errorf("deal %d: %w", d.Num, model.ErrDealClosed)
		}
		if !model.CanIssueQuote(d.Approval) {
			return fmt.Errorf("deal %d is %s: %w", d.Num, d.Approval, model.ErrNeedsApproval)
		}
		if len(d.Lines) == 0 {
			return model.ValidationErrors{{Field: "lines", Msg: "doc.err.no_lines"}}
		}
		tax, err := loadTaxSettings(ctx, tx)
		if err != nil {
			return err
		}
		day := ss.s.today()
		q = model.Document{Kind: model.DocQuote, Status: model.StatusPosted, Date: day, CustomerID: d.CustomerID, OwnerID: userRef(actor, d.OwnerID),
			Currency: d.Currency, NoVAT: tax.NoVAT, ValidUntil: day.AddDate(0, 0, 14), PostedAt: ss.s.now(), Note: d.Title}
		if err := tx.QueryRowContext(ctx, `SELECT prices_incl_vat FROM deals WHERE id = ?`, d.ID).Scan(&q.PricesIncludeVAT); err != nil {
			return err
		}
		if q.RateNominal, q.RateE4, err = docRate(ctx, tx, d.Currency, tax.BaseCurrency, day); err != nil {
			return err
		}
		terms, _, err := loadTerms(ctx, tx, d.CustomerID)
		if err != nil {
			return err
		}
		q.Lang = terms.DocLang
		for _, l := range d.Lines {
			q.Lines = append(q.Lines, l.DocLine())
		}
		if err := recompute(&q, day); err != nil {
			return err
		}
		if err := model.ValidateDraft(q); err != nil {
			return err
		}
		if q.Number, err = nextNumber(ctx, tx, model.DocQuote, day); err != nil {
			return err
		}
		if err := ss.s.insertDoc(ctx, tx, &q, ""); err != nil {
			return err
		}
		q.CustomerName = d.CustomerName
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET deal_id = ? WHERE id = ?`, d.ID, q.ID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE deals SET quote_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			q.ID, ts(ss.s.now()), d.ID, d.Version)
		if err := staleCheck(res, err, "deal", d.ID, d.Version); err != nil {
			return err
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityDocument, q.ID, model.Diff(nil, docAudit(q))); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDeal, d.ID, []model.Change{{Field: "quote_id", Old: d.QuoteID, New: q.ID}})
	})
	return q, err
}
