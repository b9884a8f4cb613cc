package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"sdelka/model"
)

// Sales plans and commission rules (tables sales_plans, commission_rules of
// migration 0006).

// planUsers are the users who get a plan row: active sellers and heads.
func planUsers(ctx context.Context, q queryer) ([]model.User, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+userCols+`, '' FROM users
		WHERE deleted_at IS NULL AND active = 1 AND role IN ('seller', 'head') ORDER BY full_name, login`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.User
	for rows.Next() {
		u, _, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Plans implements model.AnalyticsService.
func (ss *Session) Plans(ctx context.Context, from, to model.Month) ([]model.PlanRow, error) {
	u, err := ss.reader(ctx, model.EntityPlan)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	if err := (model.DashFilter{From: from, To: to}).Validate(); err != nil {
		return nil, err
	}
	if from.IsZero() || to.IsZero() {
		return nil, model.ValidationErrors{{Field: "from", Msg: model.MsgMonthFormat}}
	}
	users, err := planUsers(ctx, ss.s.r)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	own := model.ScopeFor(u.Role, model.EntityPlan, model.ActRead) == model.ScopeOwn
	type key struct{ user, month string }
	stored := map[key]model.PlanRow{}
	rows, err := ss.s.r.QueryContext(ctx, `SELECT user_id, month, amount, version FROM sales_plans WHERE month BETWEEN ? AND ?`, from.String(), to.String())
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p model.PlanRow
		var m string
		if err := rows.Scan(&p.UserID, &m, &p.Amount, &p.Version); err != nil {
			return nil, err
		}
		p.Month, _ = model.ParseMonth(m)
		stored[key{p.UserID, m}] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []model.PlanRow
	add := func(id, name string) {
		for _, m := range model.MonthsBetween(from, to) {
			p, ok := stored[key{id, m.String()}]
			if !ok {
				p = model.PlanRow{UserID: id, Month: m}
			}
			p.Name = name
			out = append(out, p)
		}
	}
	if !own {
		add("", "")
	}
	for _, pu := range users {
		if own && pu.ID != u.ID {
			continue
		}
		name := pu.FullName
		if name == "" {
			name = pu.Login
		}
		add(pu.ID, name)
	}
	return out, nil
}

// SavePlans implements model.AnalyticsService: all rows in one
// transaction, each change audited.
func (ss *Session) SavePlans(ctx context.Context, rows []model.PlanRow) error {
	var v model.ValidationErrors
	for _, p := range rows {
		if p.Amount < 0 {
			v = append(v, &model.ValidationError{Field: "amount", Msg: model.MsgPlanNegative})
		}
		if p.Month.IsZero() {
			v = append(v, &model.ValidationError{Field: "month", Msg: model.MsgMonthFormat})
		}
	}
	if len(v) > 0 {
		return v
	}
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityPlan, model.ActUpdate)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		for _, p := range rows {
			if p.UserID != "" {
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL`, p.UserID).Scan(&n); err != nil {
					return err
				}
				if n == 0 {
					return fmt.Errorf("plan of user %s: %w", p.UserID, model.ErrNotFound)
				}
			}
			id := p.UserID + "/" + p.Month.String()
			var old sql.NullInt64
			var oldVer int64
			err := tx.QueryRowContext(ctx, `SELECT amount, version FROM sales_plans WHERE user_id = ? AND month = ?`, p.UserID, p.Month.String()).Scan(&old, &oldVer)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if oldVer != p.Version {
				return fmt.Errorf("plan %s: %w", id, model.ErrStale)
			}
			if old.Valid && model.Money(old.Int64) == p.Amount {
				continue
			}
			switch {
			case !old.Valid && p.Amount == 0:
				continue
			case !old.Valid:
				_, err = tx.ExecContext(ctx, `INSERT INTO sales_plans (user_id, month, amount, updated_at) VALUES (?, ?, ?, ?)`, p.UserID, p.Month.String(), int64(p.Amount), now)
			case p.Amount == 0:
				_, err = tx.ExecContext(ctx, `DELETE FROM sales_plans WHERE user_id = ? AND month = ?`, p.UserID, p.Month.String())
			default:
				_, err = tx.ExecContext(ctx, `UPDATE sales_plans SET amount = ?, updated_at = ?, version = version + 1 WHERE user_id = ? AND month = ?`,
					int64(p.Amount), now, p.UserID, p.Month.String())
			}
			if err != nil {
				return fmt.Errorf("plan %s: %w", id, mapErr(err))
			}
			oldS := ""
			if old.Valid {
				oldS = strconv.FormatInt(old.Int64, 10)
			}
			newS := ""
			if p.Amount != 0 {
				newS = strconv.FormatInt(int64(p.Amount), 10)
			}
			if err := ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPlan, id, []model.Change{{Field: "amount", Old: oldS, New: newS}}); err != nil {
				return err
			}
		}
		return nil
	})
}

type tierJSON struct {
	FromBP   int64 `json:"from_bp"`
	FactorBP int64 `json:"factor_bp"`
}

const ruleCols = `id, coalesce(user_id, ''), role, base_rate_bp, category_rates, tiers, plan_bonus, valid_from, version`

func scanRule(row interface{ Scan(...any) error }) (model.CommissionRule, error) {
	var r model.CommissionRule
	var role, cats, tiers, from string
	if err := row.Scan(&r.ID, &r.UserID, &role, &r.BaseRateBP, &cats, &tiers, &r.PlanBonus, &from, &r.Version); err != nil {
		return r, err
	}
	r.Role, r.ValidFrom = model.Role(role), parseDateOnly(from)
	if err := json.Unmarshal([]byte(cats), &r.CategoryRates); err != nil {
		return r, fmt.Errorf("commission rule %s: category rates: %w", r.ID, err)
	}
	var ts []tierJSON
	if err := json.Unmarshal([]byte(tiers), &ts); err != nil {
		return r, fmt.Errorf("commission rule %s: tiers: %w", r.ID, err)
	}
	for _, t := range ts {
		r.Tiers = append(r.Tiers, model.CommissionTier(t))
	}
	return r, nil
}

func loadRules(ctx context.Context, q queryer) ([]model.CommissionRule, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+ruleCols+` FROM commission_rules WHERE deleted_at IS NULL ORDER BY valid_from DESC, id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.CommissionRule
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CommissionRules implements model.AnalyticsService. A seller sees the
// rules that apply to them (their own and their role's).
func (ss *Session) CommissionRules(ctx context.Context) ([]model.CommissionRule, error) {
	u, err := ss.reader(ctx, model.EntityCommission)
	if err != nil {
		return nil, fmt.Errorf("commission rules: %w", err)
	}
	rules, err := loadRules(ctx, ss.s.r)
	if err != nil || model.ScopeFor(u.Role, model.EntityCommission, model.ActRead) != model.ScopeOwn {
		return rules, err
	}
	var own []model.CommissionRule
	for _, r := range rules {
		if r.UserID == u.ID || r.UserID == "" && r.Role == u.Role {
			own = append(own, r)
		}
	}
	return own, nil
}

func ruleAudit(r model.CommissionRule) map[string]string {
	cats, _ := json.Marshal(r.CategoryRates)
	tiers, _ := json.Marshal(r.Tiers)
	return map[string]string{"user_id": r.UserID, "role": string(r.Role), "base_rate_bp": strconv.FormatInt(r.BaseRateBP, 10),
		"category_rates": string(cats), "tiers": string(tiers), "plan_bonus": strconv.FormatInt(int64(r.PlanBonus), 10), "valid_from": dateOnly(r.ValidFrom)}
}

// SaveCommissionRule implements model.AnalyticsService (heads and
// administrators: creating and changing a rule both need the create right).
func (ss *Session) SaveCommissionRule(ctx context.Context, r model.CommissionRule) (model.CommissionRule, error) {
	if r.UserID != "" {
		r.Role = ""
	}
	if err := model.ValidateCommissionRule(r); err != nil {
		return r, err
	}
	if r.CategoryRates == nil {
		r.CategoryRates = map[string]int64{}
	}
	tiers := make([]tierJSON, len(r.Tiers))
	for i, t := range r.Tiers {
		tiers[i] = tierJSON(t)
	}
	sort.Slice(tiers, func(i, j int) bool { return tiers[i].FromBP < tiers[j].FromBP })
	cats, _ := json.Marshal(r.CategoryRates)
	tj, _ := json.Marshal(tiers)
	var userID any
	if r.UserID != "" {
		userID = r.UserID
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCommission, model.ActCreate)
		if err != nil {
			return err
		}
		for cat := range r.CategoryRates {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE id = ?`, cat).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return model.ValidationErrors{{Field: "rates", Msg: "valid.commission.category"}}
			}
		}
		now := ts(ss.s.now())
		if r.ID == "" {
			r.ID, r.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO commission_rules (id, user_id, role, base_rate_bp, category_rates, tiers, plan_bonus, valid_from, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, userID, string(r.Role), r.BaseRateBP, string(cats), string(tj), int64(r.PlanBonus), dateOnly(r.ValidFrom), now, now); err != nil {
				return fmt.Errorf("commission rule: %w", mapErr(err))
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityCommission, r.ID, model.Diff(nil, ruleAudit(r)))
		}
		old, err := scanRule(tx.QueryRowContext(ctx, `SELECT `+ruleCols+` FROM commission_rules WHERE id = ? AND deleted_at IS NULL`, r.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("commission rule %s: %w", r.ID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old.Version != r.Version {
			return fmt.Errorf("commission rule %s: %w", r.ID, model.ErrStale)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE commission_rules SET user_id = ?, role = ?, base_rate_bp = ?, category_rates = ?, tiers = ?, plan_bonus = ?,
			valid_from = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			userID, string(r.Role), r.BaseRateBP, string(cats), string(tj), int64(r.PlanBonus), dateOnly(r.ValidFrom), now, r.ID, r.Version); err != nil {
			return fmt.Errorf("commission rule: %w", mapErr(err))
		}
		r.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityCommission, r.ID, model.Diff(ruleAudit(old), ruleAudit(r)))
	})
	return r, err
}

// DeleteCommissionRule implements model.AnalyticsService (soft delete;
// closed months keep their stored results).
func (ss *Session) DeleteCommissionRule(ctx context.Context, id string, version int64) error {
	return ss.s.write(ctx, func(tx *sql.Tx) error {
		actor, err := ss.allow(ctx, tx, model.EntityCommission, model.ActDelete)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE commission_rules SET deleted_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL`,
			ts(ss.s.now()), id, version)
		if err != nil {
			return mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var c int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM commission_rules WHERE id = ? AND deleted_at IS NULL`, id).Scan(&c); err != nil {
				return err
			}
			if c == 0 {
				return fmt.Errorf("commission rule %s: %w", id, model.ErrNotFound)
			}
			return fmt.Errorf("commission rule %s: %w", id, model.ErrStale)
		}
		return ss.s.audit(ctx, tx, actor, model.AuditDelete, model.EntityCommission, id, nil)
	})
}
