package repo

import (
	"context"
	"fmt"

	"sdelka/model"
)

// DemoAnalytics gives a demo database what the analytics screens need
// beyond the sales: monthly plans for every seller and the team (the
// seller's average month of the last year plus 5 %, rounded to 10,000, for
// the last 12 months and the next 2) and commission rules (sellers: 3 % of
// paid revenue, 5 % on the first top-level category, ×1.2 from 100 % of the
// plan and ×1.5 from 120 %, 20,000 bonus for meeting it; the head of sales
// 1 %). Done as the administrator, through the services (audited).
func (s *Store) DemoAnalytics(ctx context.Context) error {
	users, err := s.Session(System).FindUsers(ctx)
	if err != nil {
		return err
	}
	var admin model.User
	for _, u := range users {
		if u.Role == model.RoleAdmin && u.Active {
			admin = u
			break
		}
	}
	if admin.ID == "" {
		return fmt.Errorf("demo analytics: no administrator")
	}
	ss := s.Session(admin)
	cur := model.MonthOf(localToday(s.now()))
	from, to := cur.Add(-11), cur.Add(2)
	rows, err := ss.Plans(ctx, from, to)
	if err != nil {
		return fmt.Errorf("demo plans: %w", err)
	}
	avg := map[string]model.Money{}
	for _, r := range rows {
		if r.UserID == "" {
			continue
		}
		if _, ok := avg[r.UserID]; ok {
			continue
		}
		var sum int64
		if err := s.r.QueryRowContext(ctx, `SELECT coalesce(sum(net), 0) FROM sales_dim WHERE owner_id = ? AND dim = 'all' AND month BETWEEN ? AND ?`,
			r.UserID, cur.Add(-12).String(), cur.Add(-1).String()).Scan(&sum); err != nil {
			return err
		}
		const step = 1_000_000 // 10,000.00
		avg[r.UserID] = model.Money((sum/12*105/100 + step/2) / step * step)
	}
	var team model.Money
	for _, a := range avg {
		team += a
	}
	for i := range rows {
		if rows[i].UserID == "" {
			rows[i].Amount = team
		} else {
			rows[i].Amount = avg[rows[i].UserID]
		}
	}
	if err := ss.SavePlans(ctx, rows); err != nil {
		return fmt.Errorf("demo plans: %w", err)
	}
	var cat string
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce((SELECT id FROM categories WHERE parent_id IS NULL AND deleted_at IS NULL ORDER BY sort, name_fold LIMIT 1), '')`).Scan(&cat); err != nil {
		return err
	}
	rule := model.CommissionRule{Role: model.RoleSeller, BaseRateBP: 300, ValidFrom: cur.Add(-36).First(), PlanBonus: 2_000_000,
		Tiers: []model.CommissionTier{{FromBP: 10000, FactorBP: 12000}, {FromBP: 12000, FactorBP: 15000}}}
	if cat != "" {
		rule.CategoryRates = map[string]int64{cat: 500}
	}
	if _, err := ss.SaveCommissionRule(ctx, rule); err != nil {
		return fmt.Errorf("demo commission rule: %w", err)
	}
	if _, err := ss.SaveCommissionRule(ctx, model.CommissionRule{Role: model.RoleHead, BaseRateBP: 100, ValidFrom: cur.Add(-36).First()}); err != nil {
		return fmt.Errorf("demo commission rule: %w", err)
	}
	return nil
}
