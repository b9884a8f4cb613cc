package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sdelka/model"
)

// Approvals of deal terms: the rules, the requests filed when a deal's
// terms break them, and the heads' decisions.

func scanApprovalRule(sc scanner) (model.ApprovalRule, error) {
	var r model.ApprovalRule
	var kind string
	err := sc.Scan(&r.ID, &kind, &r.Threshold, &r.Active, &r.Version)
	r.Kind = model.ApprovalRuleKind(kind)
	return r, err
}

const approvalRuleQuery = `SELECT id, kind, threshold, active, version FROM approval_rules WHERE deleted_at IS NULL`

const approvalRuleOrder = ` ORDER BY CASE kind WHEN 'discount' THEN 1 WHEN 'floor' THEN 2 WHEN 'deferral' THEN 3 ELSE 4 END, threshold, id`

// loadApprovalRules reads the active rules.
func loadApprovalRules(ctx context.Context, q queryer) ([]model.ApprovalRule, error) {
	return queryAll(ctx, q, "approval rules", approvalRuleQuery+` AND active = 1`+approvalRuleOrder, scanApprovalRule)
}

// ApprovalRules implements model.PipelineService.
func (ss *Session) ApprovalRules(ctx context.Context) ([]model.ApprovalRule, error) {
	if _, err := ss.reader(ctx, model.EntityPipeline); err != nil {
		return nil, fmt.Errorf("approval rules: %w", err)
	}
	return queryAll(ctx, ss.s.r, "approval rules", approvalRuleQuery+approvalRuleOrder, scanApprovalRule)
}

// SaveApprovalRule implements model.PipelineService.
func (ss *Session) SaveApprovalRule(ctx context.Context, r model.ApprovalRule) (model.ApprovalRule, error) {
	var v model.ValidationErrors
	known := false
	for _, k := range model.ApprovalRuleKinds {
		known = known || k == r.Kind
	}
	if !known {
		v.Add("kind", "valid.choice")
	}
	switch {
	case r.Threshold < 0:
		v.Add("threshold", "valid.number")
	case r.Kind == model.RuleDiscount && r.Threshold > 10000:
		v.Add("threshold", model.MsgDiscount)
	}
	if err := v.Err(); err != nil {
		return r, err
	}
	audit := func(x model.ApprovalRule) map[string]string {
		return map[string]string{"kind": string(x.Kind), "threshold": strconv.FormatInt(x.Threshold, 10), "active": strconv.FormatBool(x.Active)}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActCreate
		if r.ID != "" {
			act = model.ActUpdate
		}
		actor, err := ss.allow(ctx, tx, model.EntityPipeline, act)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		if r.ID == "" {
			r.ID, r.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO approval_rules (id, kind, threshold, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				r.ID, string(r.Kind), r.Threshold, boolInt(r.Active), now, now); err != nil {
				return err
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityPipeline, r.ID, model.Diff(nil, audit(r)))
		}
		old, err := queryAll(ctx, tx, "approval rule", approvalRuleQuery+` AND id = ?`, scanApprovalRule, r.ID)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("approval rule %s: %w", r.ID, model.ErrNotFound)
		}
		res, err := tx.ExecContext(ctx, `UPDATE approval_rules SET kind = ?, threshold = ?, active = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, string(r.Kind), r.Threshold, boolInt(r.Active), now, r.ID, r.Version)
		if err := staleCheck(res, err, "approval rule", r.ID, r.Version); err != nil {
			return err
		}
		r.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPipeline, r.ID, model.Diff(audit(old[0]), audit(r)))
	})
	return r, err
}

const approvalCols = `a.id, a.deal_id, dl.num, dl.title, coalesce(nullif(c.short_name, ''), c.name), a.requested_by,
	coalesce(rq.full_name, ''), a.requested_at, a.reasons, a.terms_hash, a.amount, a.currency, a.status, coalesce(a.decided_by, ''),
	coalesce(dc.full_name, ''), a.decided_at, a.comment, a.version`

const approvalFrom = ` FROM approvals a JOIN deals dl ON dl.id = a.deal_id JOIN customers c ON c.id = dl.customer_id
	LEFT JOIN users rq ON rq.id = a.requested_by LEFT JOIN users dc ON dc.id = a.decided_by`

func scanApproval(sc scanner) (model.Approval, error) {
	var a model.Approval
	var status, reasons string
	var requested, decided sql.NullString
	err := sc.Scan(&a.ID, &a.DealID, &a.DealNum, &a.DealTitle, &a.CustomerName, &a.RequestedBy, &a.RequestedByName, &requested, &reasons,
		&a.TermsHash, &a.Amount, &a.Currency, &status, &a.DecidedBy, &a.DecidedByName, &decided, &a.Comment, &a.Version)
	if err != nil {
		return a, err
	}
	a.Status, a.RequestedAt, a.DecidedAt = model.ApprovalStatus(status), parseTS(requested), parseTS(decided)
	if err := json.Unmarshal([]byte(reasons), &a.Reasons); err != nil {
		return a, fmt.Errorf("approval %s reasons: %w", a.ID, err)
	}
	return a, nil
}

// latestApproval is the deal's newest request (nil when none).
func latestApproval(ctx context.Context, q queryer, dealID string) (*model.Approval, error) {
	as, err := queryAll(ctx, q, "approval", `SELECT `+approvalCols+approvalFrom+` WHERE a.deal_id = ? ORDER BY a.requested_at DESC, a.rowid DESC LIMIT 1`,
		scanApproval, dealID)
	if err != nil || len(as) == 0 {
		return nil, err
	}
	return &as[0], nil
}

// evaluateApproval applies the active approval rules to the deal as saved
// (priced): when its terms break a rule and no request covers them, the
// newest pending request is superseded and a new pending one filed (the
// heads' inbox shows it at once); a pending request for terms that no
// longer need approval is withdrawn. The deal's approval state and terms
// hash are written.
func (ss *Session) evaluateApproval(ctx context.Context, tx *sql.Tx, actor model.User, d *model.Deal) error {
	rules, err := loadApprovalRules(ctx, tx)
	if err != nil {
		return err
	}
	reasons := model.ApprovalReasons(rules, *d)
	hash := model.DealTermsHash(*d)
	latest, err := latestApproval(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	now := ts(ss.s.now())
	supersede := latest != nil && latest.Status == model.ApprovalStatusPending &&
		(len(reasons) == 0 || model.NeedsNewRequest(reasons, hash, latest))
	if supersede {
		if _, err := tx.ExecContext(ctx, `UPDATE approvals SET status = 'superseded', updated_at = ?, version = version + 1 WHERE id = ?`,
			now, latest.ID); err != nil {
			return err
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityApproval, latest.ID,
			[]model.Change{{Field: "status", Old: string(latest.Status), New: string(model.ApprovalStatusSuperseded)}}); err != nil {
			return err
		}
		latest.Status = model.ApprovalStatusSuperseded
	}
	if model.NeedsNewRequest(reasons, hash, latest) {
		js, err := json.Marshal(reasons)
		if err != nil {
			return err
		}
		a := model.Approval{ID: ss.s.newID(), DealID: d.ID, RequestedBy: userRef(actor, d.OwnerID), Reasons: reasons, TermsHash: hash,
			Amount: d.Amount, Currency: d.Currency, Status: model.ApprovalStatusPending, Version: 1}
		if _, err := tx.ExecContext(ctx, `INSERT INTO approvals (id, deal_id, requested_by, requested_at, reasons, terms_hash, amount, currency,
			status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`, a.ID, a.DealID, a.RequestedBy, now, string(js),
			a.TermsHash, int64(a.Amount), a.Currency, now, now); err != nil {
			return fmt.Errorf("file approval request: %w", err)
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityApproval, a.ID, model.Diff(nil, map[string]string{
			"deal_id": d.ID, "status": string(a.Status), "terms": hash, "reasons": reasonText(reasons)})); err != nil {
			return err
		}
		latest = &a
	}
	d.Approval, d.TermsHash = model.ApprovalStateFor(reasons, hash, latest), hash
	_, err = tx.ExecContext(ctx, `UPDATE deals SET approval = ?, terms_hash = ? WHERE id = ?`, string(d.Approval), hash, d.ID)
	return err
}

func reasonText(rs []model.ApprovalReason) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %d>%d %s", r.Kind, r.Actual, r.Threshold, r.Product))
	}
	return strings.Join(parts, "; ")
}

// FindApprovals implements model.PipelineService: a deal's requests newest
// first, or the requests of a status (the inbox: pending, oldest first).
// Sellers see the requests of the deals they see.
func (ss *Session) FindApprovals(ctx context.Context, status model.ApprovalStatus, dealID string, limit int) ([]model.Approval, error) {
	u, err := ss.reader(ctx, model.EntityApproval)
	if err != nil {
		return nil, fmt.Errorf("approvals: %w", err)
	}
	vis, args := dealVisibility(u, model.ActRead)
	where, order := `dl.deleted_at IS NULL AND `+vis, ` ORDER BY a.requested_at DESC, a.rowid DESC`
	if status != "" {
		where += ` AND a.status = ?`
		args = append(args, string(status))
	}
	if dealID != "" {
		where += ` AND a.deal_id = ?`
		args = append(args, dealID)
	} else if status == model.ApprovalStatusPending {
		order = ` ORDER BY a.requested_at, a.rowid`
	}
	return queryAll(ctx, ss.s.r, "approvals", `SELECT `+approvalCols+approvalFrom+` WHERE `+where+order+` LIMIT `+
		strconv.Itoa(model.PageLimit(limit)), scanApproval, args...)
}

// DecideApproval implements model.PipelineService.
func (ss *Session) DecideApproval(ctx context.Context, id string, version int64, approve bool, comment string) (model.Approval, error) {
	var a model.Approval
	comment = strings.TrimSpace(comment)
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityApproval, model.ActUpdate)
		if err != nil {
			return err
		}
		as, err := queryAll(ctx, tx, "approval", `SELECT `+approvalCols+approvalFrom+` WHERE a.id = ? AND dl.deleted_at IS NULL`, scanApproval, id)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return fmt.Errorf("approval %s: %w", id, model.ErrNotFound)
		}
		a = as[0]
		old := a
		if a.Version != version || a.Status != model.ApprovalStatusPending {
			return model.StaleError("approval", id, version)
		}
		var hash string
		if err := tx.QueryRowContext(ctx, `SELECT terms_hash FROM deals WHERE id = ?`, a.DealID).Scan(&hash); err != nil {
			return mapErr(err)
		}
		if hash != a.TermsHash {
			return model.StaleError("approval", id, version)
		}
		a.Status, a.DecidedAt, a.Comment = model.ApprovalStatusRejected, ss.s.now(), comment
		state := model.ApprovalRejected
		if approve {
			a.Status, state = model.ApprovalStatusApproved, model.ApprovalApproved
		}
		a.DecidedBy, a.DecidedByName = userRef(actor, ""), actor.FullName
		now := ts(a.DecidedAt)
		res, err := tx.ExecContext(ctx, `UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, comment = ?, updated_at = ?,
			version = version + 1 WHERE id = ? AND version = ?`, string(a.Status), nullStr(a.DecidedBy), now, comment, now, id, version)
		if err := staleCheck(res, err, "approval", id, version); err != nil {
			return err
		}
		a.Version++
		if _, err := tx.ExecContext(ctx, `UPDATE deals SET approval = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			string(state), now, a.DealID); err != nil {
			return err
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityApproval, id, []model.Change{
			{Field: "status", Old: string(old.Status), New: string(a.Status)}, {Field: "comment", Old: "", New: comment}}); err != nil {
			return err
		}
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDeal, a.DealID,
			[]model.Change{{Field: "approval", Old: string(model.ApprovalPending), New: string(state)}})
	})
	if errors.Is(err, sql.ErrNoRows) {
		err = model.ErrNotFound
	}
	return a, err
}
