package repo_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// TestAnalyticsOnExistingDB times the analytics calls on a database named by
// SDELKA_ANALYTICS_DB (e.g. a `demo --size large` file); skipped without it.
func TestAnalyticsOnExistingDB(t *testing.T) {
	path := os.Getenv("SDELKA_ANALYTICS_DB")
	if path == "" {
		t.Skip("set SDELKA_ANALYTICS_DB to a demo database to time the analytics on it")
	}
	s, err := repo.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	users, err := s.Session(repo.System).FindUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var head, seller model.User
	for _, u := range users {
		switch u.Role {
		case model.RoleHead:
			head = u
		case model.RoleSeller:
			seller = u
		}
	}
	ss := s.Session(head)
	timeIt := func(name string, n int, fn func() error) {
		var best, total time.Duration
		for i := range n {
			start := time.Now()
			if err := fn(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			d := time.Since(start)
			total += d
			if i == 0 || d < best {
				best = d
			}
		}
		t.Logf("%-22s best %8.1f ms  mean %8.1f ms", name, float64(best.Microseconds())/1000, float64(total.Microseconds())/1000/float64(n))
	}
	step := 0
	repo.SetDashTrace(func(d time.Duration) { t.Logf("  step %d: %.1f ms", step%8, float64(d.Microseconds())/1000); step++ })
	var d model.Dashboard
	timeIt("dashboard.all", 1, func() (err error) { d, err = ss.Dashboard(ctx, model.DashFilter{}); return })
	t.Logf("total %d prev %d sellers %d regions %d top %d funnel %+v", d.Total, d.PrevTotal, len(d.BySeller), len(d.ByRegion), len(d.Top), d.Funnel.Stages[0])
	region := ""
	if len(d.ByRegion) > 0 {
		region = d.ByRegion[0].Key
	}
	timeIt("dashboard.filter", 5, func() error {
		_, err := ss.Dashboard(ctx, model.DashFilter{OwnerID: seller.ID, RegionCode: region})
		return err
	})
	// Each single filter the bench's dashboard.filter cycles through.
	for _, f := range []model.DashFilter{{OwnerID: seller.ID}, {Channel: model.ChannelDealer}, {RegionCode: region}, {Segment: d.BySegment[0].Key}} {
		timeIt(fmt.Sprintf("filter %+v", f), 3, func() error { _, err := ss.Dashboard(ctx, f); return err })
	}
	timeIt("dashboard.seller", 3, func() error { _, err := s.Session(seller).Dashboard(ctx, model.DashFilter{}); return err })
	timeIt("forecast", 5, func() error { _, err := ss.Forecast(ctx, model.DashFilter{}, 12); return err })
	timeIt("drill.month", 3, func() error {
		_, err := ss.Drill(ctx, model.DrillRequest{Kind: model.DrillRevenueMonth, Key: d.Revenue[len(d.Revenue)-1].Month.String()})
		return err
	})
	timeIt("customers", 1, func() error { _, err := ss.Customers(ctx, model.DashFilter{}); return err })
}
