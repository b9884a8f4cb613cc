package main

import (
	"context"
	"fmt"

	"sdelka/model"
	"sdelka/reports/charts"
	"sdelka/reports/dashreport"
)

// The analytics operations: the whole dashboard, the dashboard under a
// changed filter, one 800×400 chart rendered, the forecast, and customer
// analysis. Their setup computes one dashboard to take filter values from.

// benchDash is the dashboard of the default filter (the last 12 months),
// computed once by the setup of the first analytics operation run.
var benchDash *model.Dashboard

// benchFilters are the filters dashboard.filter cycles through: each
// seller, channel, region and segment with revenue, one at a time.
var benchFilters []model.DashFilter

func benchDashSetup(ctx context.Context, b *benchEnv, _ int) error {
	if benchDash != nil {
		return nil
	}
	d, err := b.head.Analytics.Dashboard(ctx, model.DashFilter{})
	if err != nil {
		return err
	}
	benchDash = &d
	add := func(dims []model.DimAmount, set func(f *model.DashFilter, key string)) {
		for i, x := range dims {
			if i >= 4 {
				break
			}
			f := model.DashFilter{}
			set(&f, x.Key)
			benchFilters = append(benchFilters, f)
		}
	}
	add(d.BySeller, func(f *model.DashFilter, k string) { f.OwnerID = k })
	add(d.ByChannel, func(f *model.DashFilter, k string) { f.Channel = model.Channel(k) })
	add(d.ByRegion, func(f *model.DashFilter, k string) { f.RegionCode = k })
	add(d.BySegment, func(f *model.DashFilter, k string) { f.Segment = k })
	if len(benchFilters) == 0 {
		benchFilters = []model.DashFilter{{}}
	}
	return nil
}

func init() {
	ops := []benchOp{
		{name: "dashboard.all", runs: 50, setup: benchDashSetup, fn: func(ctx context.Context, b *benchEnv, _ int) error {
			_, err := b.head.Analytics.Dashboard(ctx, model.DashFilter{})
			return err
		}},
		{name: "dashboard.filter", runs: 50, setup: benchDashSetup, fn: func(ctx context.Context, b *benchEnv, i int) error {
			_, err := b.head.Analytics.Dashboard(ctx, benchFilters[i%len(benchFilters)])
			return err
		}},
		{name: "dashboard.chart", runs: 100, setup: benchDashSetup, fn: func(ctx context.Context, b *benchEnv, i int) error {
			png, _, err := dashreport.Chart(english, *benchDash, dashreport.SectionRevenue, charts.Options{Width: 800, Height: 400, Lang: "en"})
			if err == nil && len(png) == 0 {
				err = fmt.Errorf("empty chart")
			}
			return err
		}},
		{name: "dashboard.forecast", runs: 50, fn: func(ctx context.Context, b *benchEnv, _ int) error {
			_, err := b.head.Analytics.Forecast(ctx, model.DashFilter{}, 12)
			return err
		}},
		{name: "analytics.customers", runs: 5, fn: func(ctx context.Context, b *benchEnv, _ int) error {
			_, err := b.head.Analytics.Customers(ctx, model.DashFilter{})
			return err
		}},
	}
	// Before check.full, which stays last.
	n := len(benchOps) - 1
	benchOps = append(benchOps[:n], append(ops, benchOps[n])...)
}
