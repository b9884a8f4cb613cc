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

// Stage moves: one responsible employee, a due date and a result per deal
// and stage; every move kept in the history.

// activeUsers lists the active users (for the default responsible).
func activeUsers(ctx context.Context, q queryer) ([]model.User, error) {
	return queryAll(ctx, q, "users", `SELECT `+userCols+`, '' FROM users WHERE active = 1 AND deleted_at IS NULL`,
		func(sc scanner) (model.User, error) {
			u, _, err := scanUser(sc)
			return u, err
		})
}

// enterStage gives the deal its record for stage st as it enters it: a new
// record gets the stage's default responsible and due date; a record made
// ahead (SetResponsible) keeps its responsible and due date; a stage
// entered again (moved back into) keeps its responsible but is worked anew:
// its result is cleared and it gets a new due date.
func (ss *Session) enterStage(ctx context.Context, tx *sql.Tx, dealID, ownerID string, st model.Stage) error {
	now, today := ts(ss.s.now()), ss.s.today()
	due := nullStr(dateOnly(model.StageDueDate(st, today)))
	var oldDue sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT due_date FROM deal_stages WHERE deal_id = ? AND stage_id = ?`, dealID, st.ID).Scan(&oldDue)
	if errors.Is(err, sql.ErrNoRows) {
		owner, err := findUser(ctx, tx, "id = ?", ownerID)
		if err != nil {
			return err
		}
		users, err := activeUsers(ctx, tx)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO deal_stages (deal_id, stage_id, responsible_id, due_date, entered_at) VALUES (?, ?, ?, ?, ?)`,
			dealID, st.ID, model.DefaultResponsible(st, owner, users), due, now)
		return err
	}
	if err != nil {
		return err
	}
	var entered int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM deal_stage_history WHERE deal_id = ? AND to_stage_id = ?`, dealID, st.ID).
		Scan(&entered); err != nil {
		return err
	}
	if entered == 0 && oldDue.Valid && oldDue.String != "" {
		due = oldDue.String // set ahead by SetResponsible
	}
	_, err = tx.ExecContext(ctx, `UPDATE deal_stages SET result = '', done_at = NULL, done_by = NULL, due_date = ?, entered_at = ?
		WHERE deal_id = ? AND stage_id = ?`, due, now, dealID, st.ID)
	return err
}

// addHistory appends a move to the deal's stage history.
func (ss *Session) addHistory(ctx context.Context, tx *sql.Tx, actor model.User, d model.Deal, from, to, result string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO deal_stage_history (id, deal_id, at, user_id, from_stage_id, to_stage_id, result)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, ss.s.newID(), d.ID, ts(ss.s.now()), userRef(actor, d.OwnerID), nullStr(from), to, result)
	return err
}

// userRef is the user a row names for actor: System (sdelkactl) has no
// users row, so its rows name the fallback (the deal's owner).
func userRef(actor model.User, fallback string) string {
	if actor.ID == System.ID {
		return fallback
	}
	return actor.ID
}

// recordResult writes the result of the deal's stage (done now by actor).
func (ss *Session) recordResult(ctx context.Context, tx *sql.Tx, actor model.User, dealID, stageID, result string) error {
	res, err := tx.ExecContext(ctx, `UPDATE deal_stages SET result = ?, done_at = ?, done_by = ? WHERE deal_id = ? AND stage_id = ?`,
		result, ts(ss.s.now()), nullStr(userRef(actor, "")), dealID, stageID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("deal %s has no record of stage %s: %w", dealID, stageID, model.ErrNotFound)
	}
	return nil
}

// loadDealForChange loads a deal the actor may update, checking its version.
func (ss *Session) loadDealForChange(ctx context.Context, tx *sql.Tx, id string, version int64) (model.User, model.Deal, error) {
	actor, err := ss.allow(ctx, tx, model.EntityDeal, model.ActUpdate)
	if err != nil {
		return actor, model.Deal{}, err
	}
	d, err := loadDeal(ctx, tx, actor, model.ActUpdate, id)
	if err != nil {
		return actor, d, err
	}
	if d.Version != version {
		return actor, d, model.StaleError("deal", id, version)
	}
	return actor, d, nil
}

func currentResult(d model.Deal) string {
	for _, s := range d.Stages {
		if s.StageID == d.StageID {
			return s.Result
		}
	}
	return ""
}

// MoveDeal implements model.PipelineService.
func (ss *Session) MoveDeal(ctx context.Context, req model.MoveRequest) (model.Deal, error) {
	var out model.Deal
	req.Result, req.LostReason = strings.TrimSpace(req.Result), strings.TrimSpace(req.LostReason)
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, d, err := ss.loadDealForChange(ctx, tx, req.DealID, req.Version)
		if err != nil {
			return err
		}
		p, err := loadPipeline(ctx, tx, d.PipelineID)
		if err != nil {
			return err
		}
		recorded := currentResult(d)
		kind, err := model.CheckMove(p, d.StageID, d.Status, recorded, req)
		if err != nil {
			return err
		}
		to, _ := p.StageByID(req.ToStageID)
		n := d
		history := ""
		switch kind {
		case model.MoveForward, model.MoveWin, model.MoveBack:
			if req.Result != "" && req.Result != recorded {
				if err := ss.recordResult(ctx, tx, actor, d.ID, d.StageID, req.Result); err != nil {
					return err
				}
				recorded = req.Result
			}
			if kind != model.MoveBack {
				history = recorded
			}
		case model.MoveLose:
			if n.LostReason, err = activeLostReason(ctx, tx, req.LostReason); err != nil {
				return err
			}
			if req.Result != "" && req.Result != recorded {
				if err := ss.recordResult(ctx, tx, actor, d.ID, d.StageID, req.Result); err != nil {
					return err
				}
			}
			history = n.LostReason
		}
		now := ss.s.now()
		n.StageID, n.StageName, n.Status = to.ID, to.Name, model.StatusOfStage(to.Kind)
		n.ProbabilityBP = model.DealProbability(d, to)
		if n.Status != model.DealLost {
			n.LostReason = ""
		}
		closed := any(nil)
		if n.Status != model.DealOpen {
			closed = ts(now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE deals SET stage_id = ?, status = ?, closed_at = ?, lost_reason = ?, probability_bp = ?,
			stage_entered_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`, n.StageID, string(n.Status), closed,
			n.LostReason, n.ProbabilityBP, ts(now), ts(now), d.ID, d.Version)
		if err := staleCheck(res, err, "deal", d.ID, d.Version); err != nil {
			return err
		}
		if err := ss.enterStage(ctx, tx, d.ID, d.OwnerID, to); err != nil {
			return err
		}
		if err := ss.addHistory(ctx, tx, actor, d, d.StageID, to.ID, history); err != nil {
			return err
		}
		switch kind {
		case model.MoveLose:
			// A lost deal's terms wait for no one; reopening asks again.
			if _, err := tx.ExecContext(ctx, `UPDATE approvals SET status = 'superseded', updated_at = ?, version = version + 1
				WHERE deal_id = ? AND status = 'pending'`, ts(now), d.ID); err != nil {
				return err
			}
		case model.MoveReopen:
			if err := ss.evaluateApproval(ctx, tx, actor, &n); err != nil {
				return err
			}
		}
		if kind == model.MoveWin && d.QuoteID != "" && d.OrderID == "" {
			if n.OrderID, err = ss.orderFromDealQuote(ctx, tx, actor, d); err != nil {
				return err
			}
		}
		ch := model.Diff(dealAudit(d), dealAudit(n))
		if history != "" {
			ch = append(ch, model.Change{Field: "result", Old: "", New: history})
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDeal, d.ID, ch); err != nil {
			return err
		}
		out, err = loadDeal(ctx, tx, actor, model.ActRead, d.ID)
		return err
	})
	return out, err
}

// orderFromDealQuote makes the draft order of a deal won with an issued
// quote and links it to the deal.
func (ss *Session) orderFromDealQuote(ctx context.Context, tx *sql.Tx, actor model.User, d model.Deal) (string, error) {
	q, err := loadDoc(ctx, tx, System, "d.id = ?", d.QuoteID)
	if err != nil {
		return "", fmt.Errorf("deal %d quote: %w", d.Num, err)
	}
	if q.Status != model.StatusPosted {
		return "", nil
	}
	if !model.Can(actor.Role, model.EntityDocument, model.ActCreate) {
		return "", fmt.Errorf("create order as %s: %w", actor.Role, model.ErrForbidden)
	}
	o, err := ss.orderFromQuote(ctx, tx, actor, q)
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET deal_id = ? WHERE id = ?`, d.ID, o.ID); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE deals SET order_id = ? WHERE id = ?`, o.ID, d.ID); err != nil {
		return "", err
	}
	return o.ID, nil
}

// RecordResult implements model.PipelineService.
func (ss *Session) RecordResult(ctx context.Context, dealID string, version int64, result string) (model.Deal, error) {
	var out model.Deal
	result = strings.TrimSpace(result)
	if result == "" {
		return out, model.ValidationErrors{{Field: "result", Msg: model.MsgStageResultNeeded}}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, d, err := ss.loadDealForChange(ctx, tx, dealID, version)
		if err != nil {
			return err
		}
		if d.Status != model.DealOpen {
			return fmt.Errorf("deal %d: %w", d.Num, model.ErrDealClosed)
		}
		old := currentResult(d)
		if err := ss.recordResult(ctx, tx, actor, d.ID, d.StageID, result); err != nil {
			return err
		}
		if err := bumpDeal(ctx, tx, ss.s.now(), d); err != nil {
			return err
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDeal, d.ID,
			[]model.Change{{Field: "result", Old: old, New: result}}); err != nil {
			return err
		}
		out, err = loadDeal(ctx, tx, actor, model.ActRead, d.ID)
		return err
	})
	return out, err
}

// bumpDeal moves the deal's version on (its stage records changed).
func bumpDeal(ctx context.Context, tx *sql.Tx, now time.Time, d model.Deal) error {
	res, err := tx.ExecContext(ctx, `UPDATE deals SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`, ts(now), d.ID, d.Version)
	return staleCheck(res, err, "deal", d.ID, d.Version)
}

// SetResponsible implements model.PipelineService.
func (ss *Session) SetResponsible(ctx context.Context, dealID string, version int64, stageID, userID string, due time.Time) (model.Deal, error) {
	var out model.Deal
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, d, err := ss.loadDealForChange(ctx, tx, dealID, version)
		if err != nil {
			return err
		}
		if actor.Role != model.RoleHead && actor.Role != model.RoleAdmin && actor.ID != d.OwnerID {
			return fmt.Errorf("set responsible as %s: %w", actor.Role, model.ErrForbidden)
		}
		if d.Status != model.DealOpen {
			return fmt.Errorf("deal %d: %w", d.Num, model.ErrDealClosed)
		}
		p, err := loadPipeline(ctx, tx, d.PipelineID)
		if err != nil {
			return err
		}
		st, ok := p.StageByID(stageID)
		cur, _ := p.StageByID(d.StageID)
		if !ok || st.Kind != model.StageOpen || st.Sort < cur.Sort {
			return model.ValidationErrors{{Field: "stage", Msg: model.MsgStageOtherPipe}}
		}
		u, err := findUser(ctx, tx, "id = ? AND active = 1", userID)
		if err != nil {
			return model.ValidationErrors{{Field: "responsible", Msg: "valid.owner"}}
		}
		var oldResp, oldDue string
		err = tx.QueryRowContext(ctx, `SELECT responsible_id, coalesce(due_date, '') FROM deal_stages WHERE deal_id = ? AND stage_id = ?`,
			d.ID, st.ID).Scan(&oldResp, &oldDue)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO deal_stages (deal_id, stage_id, responsible_id, due_date, entered_at) VALUES (?, ?, ?, ?, ?)`,
				d.ID, st.ID, u.ID, nullStr(dateOnly(due)), ts(ss.s.now()))
		case err == nil:
			_, err = tx.ExecContext(ctx, `UPDATE deal_stages SET responsible_id = ?, due_date = ? WHERE deal_id = ? AND stage_id = ?`,
				u.ID, nullStr(dateOnly(due)), d.ID, st.ID)
		}
		if err != nil {
			return err
		}
		if err := bumpDeal(ctx, tx, ss.s.now(), d); err != nil {
			return err
		}
		if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityDeal, d.ID, []model.Change{
			{Field: "responsible " + st.Name, Old: oldResp, New: u.ID}, {Field: "due " + st.Name, Old: oldDue, New: dateOnly(due)}}); err != nil {
			return err
		}
		out, err = loadDeal(ctx, tx, actor, model.ActRead, d.ID)
		return err
	})
	return out, err
}

// StageHistory implements model.PipelineService.
func (ss *Session) StageHistory(ctx context.Context, dealID string) ([]model.StageMove, error) {
	u, err := ss.reader(ctx, model.EntityDeal)
	if err != nil {
		return nil, err
	}
	vis, args := dealVisibility(u, model.ActRead)
	return queryAll(ctx, ss.s.r, "stage history", `SELECT h.id, h.deal_id, h.at, h.user_id, coalesce(us.full_name, ''),
		coalesce(h.from_stage_id, ''), coalesce(fs.name, ''), h.to_stage_id, coalesce(tg.name, ''), h.result
		FROM deal_stage_history h JOIN deals dl ON dl.id = h.deal_id LEFT JOIN users us ON us.id = h.user_id
		LEFT JOIN pipeline_stages fs ON fs.id = h.from_stage_id LEFT JOIN pipeline_stages tg ON tg.id = h.to_stage_id
		WHERE h.deal_id = ? AND dl.deleted_at IS NULL AND `+vis+` ORDER BY h.at, h.rowid`, func(sc scanner) (model.StageMove, error) {
		var m model.StageMove
		var at sql.NullString
		err := sc.Scan(&m.ID, &m.DealID, &at, &m.UserID, &m.UserName, &m.FromStage, &m.FromName, &m.ToStage, &m.ToName, &m.Result)
		m.At = parseTS(at)
		return m, err
	}, append([]any{dealID}, args...)...)
}
