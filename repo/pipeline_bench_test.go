package repo_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// pipelineBenchStore opens a new demo database (300 customers, the demo
// catalog, no sales) with 10,000 generated open deals in the default
// pipeline, and returns the head's session.
func pipelineBenchStore(b *testing.B) *repo.Session {
	b.Helper()
	ctx := b.Context()
	s, err := repo.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.DemoWithCustomers(ctx, 1, 300); err != nil {
		b.Fatal(err)
	}
	if err := s.DemoOpenDeals(ctx, 1, 10_000); err != nil {
		b.Fatal(err)
	}
	users, err := s.Session(repo.System).FindUsers(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range users {
		if u.Role == model.RoleHead {
			return s.Session(u)
		}
	}
	b.Fatal("no head in the demo")
	return nil
}

func reportTimes(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkBoard10k loads the board of the default pipeline with 10,000
// open deals; it reports the median and p95 (target: ≤ 50 ms of database
// time).
func BenchmarkBoard10k(b *testing.B) {
	ss := pipelineBenchStore(b)
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		board, err := ss.Board(b.Context(), model.BoardFilter{})
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		if n, _, _ := model.BoardTotals(board); n != 10_000 {
			b.Fatalf("%d open deals on the board, want 10,000", n)
		}
	}
	reportTimes(b, times)
}

// BenchmarkMoveDeal moves open deals forward with the stage's result and
// back again, alternately, among 10,000 open deals; it reports the median
// and p95 of a move (target: ≤ 20 ms of database time).
func BenchmarkMoveDeal(b *testing.B) {
	ss := pipelineBenchStore(b)
	ctx := b.Context()
	ps, err := ss.Pipelines(ctx)
	if err != nil || len(ps) == 0 {
		b.Fatalf("pipelines: %v", err)
	}
	p := ps[0]
	all, err := ss.FindDeals(ctx, model.DealFilter{PipelineID: p.ID, Status: model.DealOpen, Limit: 500})
	if err != nil {
		b.Fatal(err)
	}
	var deals []model.Deal
	var from []string
	for _, d := range all {
		if _, ok := p.NextOpen(d.StageID); ok {
			deals, from = append(deals, d), append(from, d.StageID)
		}
	}
	if len(deals) == 0 {
		b.Fatal("no open deal with a next stage")
	}
	var times []time.Duration
	i := 0
	for b.Loop() {
		k := (i / 2) % len(deals)
		d := deals[k]
		req := model.MoveRequest{DealID: d.ID, Version: d.Version, ToStageID: from[k]}
		if d.StageID == from[k] {
			next, _ := p.NextOpen(d.StageID)
			req.ToStageID, req.Result = next.ID, fmt.Sprintf("Результат %d", i)
		}
		start := time.Now()
		if deals[k], err = ss.MoveDeal(ctx, req); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		i++
	}
	reportTimes(b, times)
}
