package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"sdelka/repo"
)

// runCrossSell recomputes the cross-selling statistics deals suggest from
// (the app does it at start when they are older than a day; a nightly job
// can call this instead).
func runCrossSell(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("crosssell", "crosssell --db PATH [--max-age DURATION]", out)
	db := fs.String("db", "", "database file")
	maxAge := fs.Duration("max-age", 0, "only when the statistics are older than this (e.g. 24h; default: always)")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	s, err := repo.Open(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	info, done, err := s.RefreshCrossSellIfOlder(ctx, *maxAge)
	if err != nil {
		return err
	}
	what := "kept"
	if done {
		what = "recomputed"
	}
	fmt.Fprintf(out, "cross-sell statistics %s in %s: %d orders, %d products, %d pairs, computed %s\n", what,
		time.Since(start).Round(time.Millisecond), info.Orders, info.Products, info.Pairs, info.ComputedAt.Local().Format("2006-01-02 15:04"))
	return nil
}
