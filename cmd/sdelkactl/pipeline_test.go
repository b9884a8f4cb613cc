package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestPipelineBench runs the pipeline operations on the small demo: the
// board gets the open deals it needs added to the bench copy, moves go
// forward and back, cross-selling answers from the demo's statistics.
func TestPipelineBench(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := ctl(t, "bench", "--db", db, "--json", "--runs", "4", "--op", "pipeline.board10k,pipeline.move,pipeline.crosssell")
	if code != 0 {
		t.Fatalf("bench: exit %d %s%s", code, out, errOut)
	}
	ops := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r benchResult
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Runs != 4 || r.P50ms <= 0 {
			t.Fatalf("bench line %q (%v)", line, err)
		}
		ops[r.Op] = true
	}
	for _, want := range []string{"pipeline.board10k", "pipeline.move", "pipeline.crosssell"} {
		if !ops[want] {
			t.Errorf("bench did not report %s", want)
		}
	}
}

// TestDemoDeals adds the pipeline to a demo database made without one.
func TestDemoDeals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "deals.db")
	if code, out, errOut := ctl(t, "demo", "--db", db, "--customers", "50"); code != 0 {
		t.Fatalf("demo --customers: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := ctl(t, "demo", "--db", db, "--deals", "40"); code != 0 {
		t.Fatalf("demo --deals: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := ctl(t, "check", "--db", db); code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := ctl(t, "demo", "--db", db, "--deals", "40"); code == 0 || !strings.Contains(errOut, "already has deals") {
		t.Errorf("demo --deals twice: exit %d, stderr %q", code, errOut)
	}
}

// TestCrossSellCommand recomputes the statistics, then keeps them when they
// are younger than --max-age.
func TestCrossSellCommand(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := ctl(t, "crosssell", "--db", db)
	if code != 0 || !strings.Contains(out, "recomputed") || strings.Contains(out, " 0 orders") {
		t.Fatalf("crosssell: exit %d %q %s", code, out, errOut)
	}
	if code, out, errOut := ctl(t, "crosssell", "--db", db, "--max-age", "24h"); code != 0 || !strings.Contains(out, "kept") {
		t.Errorf("crosssell --max-age 24h: exit %d %q %s", code, out, errOut)
	}
}
