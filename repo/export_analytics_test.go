package repo

import (
	"context"
	"time"

	"sdelka/model"
)

// SetFunnelFromMoves makes the dashboard's funnel count the stage moves
// even when funnel_cube would do.
func SetFunnelFromMoves(on bool) { funnelFromMoves = on }

// SetDashTrace lets tests time the dashboard's steps.
func SetDashTrace(f func(time.Duration)) { dashTrace = f }

// TopBothWays is the dashboard's top customers of f found by walking
// sales_bound from batch customers (ok false when it proved nothing within
// limit customers) and
// by grouping the period's rows.
func (ss *Session) TopBothWays(f model.DashFilter, n, batch, limit int) (bound []model.DimAmount, ok bool, grouped []model.DimAmount, err error) {
	tx, err := ss.s.r.Begin()
	if err != nil {
		return nil, false, nil, err
	}
	defer tx.Rollback()
	if bound, ok, err = topByBound(context.Background(), tx, f, n, batch, limit); err != nil {
		return
	}
	grouped, err = topByGrouping(context.Background(), tx, f, n)
	return
}
