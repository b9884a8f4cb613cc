package repo

import (
	"context"
	"database/sql"
	"fmt"

	"sdelka/model"
)

// Editing and deleting deals.

// termsChanged tells whether d asks to change what a closed deal agreed:
// its lines, currency, payment deferral or entered amount.
func termsChanged(old, d model.Deal) bool {
	if (d.Currency != "" && d.Currency != old.Currency) || d.PaymentDays != old.PaymentDays || len(d.Lines) != len(old.Lines) {
		return true
	}
	if len(d.Lines) == 0 && d.AmountManual && d.Amount != old.Amount {
		return true
	}
	for i, l := range d.Lines {
		o := old.Lines[i]
		if l.ProductID != o.ProductID || l.Qty != o.Qty || l.DiscountBP != o.DiscountBP || l.ManualPrice != o.ManualPrice ||
			(l.ManualPrice && l.Price != o.Price) {
			return true
		}
	}
	return false
}

// SaveDeal implements model.PipelineService. The pipeline, stage and status
// change only by MoveDeal; a closed deal keeps its terms (ErrDealClosed when
// asked to change them) but its title, contact, dates and note may change.
func (ss *Session) SaveDeal(ctx context.Context, d model.Deal) (model.Deal, error) {
	var out model.Deal
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		if d.ID == "" {
			actor, err := ss.allow(ctx, tx, model.EntityDeal, model.ActCreate)
			if err != nil {
				return err
			}
			out, err = ss.insertDeal(ctx, tx, actor, d)
			return err
		}
		actor, err := ss.allow(ctx, tx, model.EntityDeal, model.ActUpdate)
		if err != nil {
			return err
		}
		old, err := loadDeal(ctx, tx, actor, model.ActUpdate, d.ID)
		if err != nil {
			return err
		}
		if old.Version != d.Version {
			return model.StaleError("deal", d.ID, d.Version)
		}
		d = normalizeDeal(d)
		if d.OwnerID == "" {
			d.OwnerID = old.OwnerID
		}
		if d.OwnerID != old.OwnerID {
			if err := checkAssignee(ctx, tx, actor, model.EntityDeal, d.OwnerID); err != nil {
				return err
			}
		}
		n := old
		n.Title, n.ContactID, n.ExpectedClose, n.Note, n.LeadSource, n.OwnerID = d.Title, d.ContactID, d.ExpectedClose, d.Note, d.LeadSource, d.OwnerID
		if old.Status != model.DealOpen {
			if termsChanged(old, d) || (d.CustomerID != "" && d.CustomerID != old.CustomerID) {
				return fmt.Errorf("deal %d: %w", old.Num, model.ErrDealClosed)
			}
		} else {
			if d.CustomerID != "" && d.CustomerID != old.CustomerID {
				if old.QuoteID != "" || old.OrderID != "" {
					return model.ValidationErrors{{Field: "customer", Msg: "valid.choice"}}
				}
				n.CustomerID = d.CustomerID
			}
			n.Lines, n.Amount, n.AmountManual, n.PaymentDays = d.Lines, d.Amount, d.AmountManual, d.PaymentDays
			n.ProbabilityBP, n.ProbabilityManual = d.ProbabilityBP, d.ProbabilityManual
			if d.Currency != "" {
				n.Currency = d.Currency
			}
		}
		p, err := loadPipeline(ctx, tx, old.PipelineID)
		if err != nil {
			return err
		}
		st, _ := p.StageByID(old.StageID)
		n.ProbabilityBP = model.DealProbability(n, st)
		if err := n.Validate().Err(); err != nil {
			return err
		}
		// The deal is visible to the actor (a stage's responsible may not see
		// its customer): its own customer is priced as is; a new one must be
		// visible.
		refUser := System
		if n.CustomerID != old.CustomerID {
			refUser = actor
		}
		if err := ss.checkDealRefs(ctx, tx, refUser, n); err != nil {
			return err
		}
		inclVAT := true
		if err := tx.QueryRowContext(ctx, `SELECT prices_incl_vat FROM deals WHERE id = ?`, n.ID).Scan(&inclVAT); err != nil {
			return err
		}
		if n.Status == model.DealOpen {
			if n, _, inclVAT, err = ss.priceDeal(ctx, tx, refUser, n, ss.s.today()); err != nil {
				return err
			}
		}
		now := ss.s.now()
		res, err := tx.ExecContext(ctx, `UPDATE deals SET customer_id = ?, contact_id = ?, title = ?, title_fold = ?, amount = ?, amount_manual = ?,
			currency = ?, amount_base = ?, prices_incl_vat = ?, expected_close = ?, probability_bp = ?, probability_manual = ?, payment_days = ?,
			lead_source = ?, owner_id = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			n.CustomerID, nullStr(n.ContactID), n.Title, model.FoldText(n.Title), int64(n.Amount), n.AmountManual, n.Currency,
			int64(n.AmountBase), inclVAT, nullStr(dateOnly(n.ExpectedClose)), n.ProbabilityBP, n.ProbabilityManual, n.PaymentDays,
			n.LeadSource, n.OwnerID, n.Note, ts(now), n.ID, old.Version)
		if err := staleCheck(res, err, "deal", n.ID, old.Version); err != nil {
			return err
		}
		if n.Status == model.DealOpen {
			if _, err := tx.ExecContext(ctx, `DELETE FROM deal_lines WHERE deal_id = ?`, n.ID); err != nil {
				return err
			}
			if err := insertDealLines(ctx, tx, n.ID, n.Lines); err != nil {
				return err
			}
			if err := ss.evaluateApproval(ctx, tx, actor, &n); err != nil {
				return err
			}
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDeal, n.ID, model.Diff(dealAudit(old), dealAudit(n))); err != nil {
			return err
		}
		out, err = loadDeal(ctx, tx, actor, model.ActRead, n.ID)
		return err
	})
	return out, err
}

// DeleteDeal implements model.PipelineService: an open deal without
// documents goes to the trash; its pending approval request is withdrawn.
func (ss *Session) DeleteDeal(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityDeal, model.ActDelete)
		if err != nil {
			return err
		}
		d, err := loadDeal(ctx, tx, actor, model.ActDelete, id)
		if err != nil {
			return err
		}
		if d.Version != version {
			return model.StaleError("deal", id, version)
		}
		if d.Status != model.DealOpen {
			return fmt.Errorf("deal %d: %w", d.Num, model.ErrDealClosed)
		}
		var docs int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE deal_id = ? AND deleted_at IS NULL`, id).Scan(&docs); err != nil {
			return err
		}
		if docs > 0 || d.QuoteID != "" || d.OrderID != "" {
			return fmt.Errorf("deal %d has documents: %w", d.Num, model.ErrConflict)
		}
		now := ts(ss.s.now())
		res, err := tx.ExecContext(ctx, `UPDATE deals SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			now, now, id, version)
		if err := staleCheck(res, err, "deal", id, version); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE approvals SET status = 'superseded', updated_at = ?, version = version + 1
			WHERE deal_id = ? AND status = 'pending'`, now, id); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityDeal, id, model.Diff(dealAudit(d), nil))
	})
}
