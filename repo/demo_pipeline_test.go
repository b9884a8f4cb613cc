package repo_test

import (
	"database/sql"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// TestDemoPipeline makes the small demo and checks its pipeline: deals in
// every stage of the default pipeline, a stage record for each open deal's
// stage, stage histories that lead from the creation to the deal's stage
// one step at a time, amounts that are the lines' gross, approvals in every
// state, leads routed by the rules, activities for today for the sellers
// and the head, and that the store's check finds nothing.
func TestDemoPipeline(t *testing.T) {
	s, clk := newStore(t)
	ctx := t.Context()
	if err := s.Demo(ctx, 1, repo.DemoSmall); err != nil {
		t.Fatalf("demo: %v", err)
	}
	probs, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("check: %s", p)
	}
	db, err := sql.Open("sqlite3", "file:"+s.Path()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n, open := count(`SELECT count(*) FROM deals`), count(`SELECT count(*) FROM deals WHERE status = 'open'`); n != 300 || open != 60 {
		t.Errorf("%d deals, %d open; want 300, 60", n, open)
	}
	if n := count(`SELECT count(*) FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id AND p.is_default = 1
		WHERE s.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.stage_id = s.id)`); n > 0 {
		t.Errorf("%d stages of the default pipeline without deals", n)
	}
	if n := count(`SELECT count(*) FROM deals d WHERE d.status = 'open'
		AND NOT EXISTS (SELECT 1 FROM deal_stages ds WHERE ds.deal_id = d.id AND ds.stage_id = d.stage_id AND ds.result = '')`); n > 0 {
		t.Errorf("%d open deals without an open record of their stage", n)
	}
	if n := count(`SELECT count(*) FROM deals d WHERE d.amount <> (SELECT coalesce(sum(gross), 0) FROM deal_lines l WHERE l.deal_id = d.id)
		OR d.amount = 0 OR d.amount_base <> d.amount`); n > 0 {
		t.Errorf("%d deals whose amount is not their lines' gross", n)
	}
	if n := count(`SELECT count(*) FROM deals WHERE status <> 'open' AND closed_at >= ?`, clk.Now().UTC().Format("2006-01-02")); n > 0 {
		t.Errorf("%d deals closed today or later", n)
	}
	checkDemoHistories(t, db)
	for _, st := range []string{"pending", "approved", "rejected", "superseded"} {
		if n := count(`SELECT count(*) FROM approvals WHERE status = ?`, st); n == 0 {
			t.Errorf("no %s approval requests", st)
		}
	}
	if n := count(`SELECT count(*) FROM deals d WHERE d.approval <> coalesce((SELECT a.status FROM approvals a WHERE a.deal_id = d.id
		AND a.status <> 'superseded'), '')`); n > 0 {
		t.Errorf("%d deals whose approval state is not their request's", n)
	}
	if n := count(`SELECT count(*) FROM leads`); n != 200 {
		t.Errorf("%d leads, want 200", n)
	}
	if n := count(`SELECT count(*) FROM leads WHERE status = 'converted' AND deal_id IN (SELECT id FROM deals)`); n < 30 {
		t.Errorf("%d converted leads with their deal", n)
	}
	if n := count(`SELECT count(DISTINCT routed_rule_id) FROM leads`); n != 3 {
		t.Errorf("leads routed by %d rules, want 3", n)
	}
	if n := count(`SELECT count(*) FROM activities`); n < 300 || n > 600 {
		t.Errorf("%d activities, want about 400", n)
	}
	if n := count(`SELECT count(*) FROM reverse_requests`); n < 4 {
		t.Errorf("%d reverse-pricing requests", n)
	}
	if n := count(`SELECT count(*) FROM app_meta WHERE key = 'crosssell_info'`); n != 1 {
		t.Error("no cross-sell statistics")
	}
	// My day is not empty for the sellers and the head.
	users, err := s.Session(repo.System).FindUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := clk.Now().Local()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	for _, u := range users {
		if u.Role != model.RoleSeller && u.Role != model.RoleHead {
			continue
		}
		acts, err := s.Session(u).FindActivities(ctx, model.ActivityFilter{From: day, To: day.AddDate(0, 0, 1), OpenOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		overdue, err := s.Session(u).FindActivities(ctx, model.ActivityFilter{From: day, Overdue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(acts) == 0 || (u.Role == model.RoleSeller && len(overdue) == 0) {
			t.Errorf("%s: %d activities today, %d overdue", u.Login, len(acts), len(overdue))
		}
	}
}

// checkDemoHistories checks every deal's stage history: it starts with the
// creation in the first open stage, each move leaves the stage the previous
// one entered, forward moves and wins carry a result, losses the reason,
// the last move enters the deal's stage, and the deal's version counts them.
func checkDemoHistories(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := t.Context()
	type stage struct {
		sort int
		kind string
	}
	stages := map[string]stage{}
	rows, err := db.QueryContext(ctx, `SELECT id, sort, kind FROM pipeline_stages`)
	if err != nil {
		t.Fatal(err)
	}
	first := ""
	for rows.Next() {
		var id, kind string
		var sort int
		if err := rows.Scan(&id, &sort, &kind); err != nil {
			t.Fatal(err)
		}
		stages[id] = stage{sort, kind}
		if kind == "open" && (first == "" || sort < stages[first].sort) {
			first = id
		}
	}
	rows.Close()
	type deal struct {
		stage, status, reason string
		version               int
		moves                 int
		last                  string
		bad                   string
	}
	deals := map[string]*deal{}
	rows, err = db.QueryContext(ctx, `SELECT id, stage_id, status, lost_reason, version FROM deals`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		d := &deal{}
		var id string
		if err := rows.Scan(&id, &d.stage, &d.status, &d.reason, &d.version); err != nil {
			t.Fatal(err)
		}
		deals[id] = d
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT deal_id, coalesce(from_stage_id, ''), to_stage_id, result FROM deal_stage_history ORDER BY deal_id, at, id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, from, to, result string
		if err := rows.Scan(&id, &from, &to, &result); err != nil {
			t.Fatal(err)
		}
		d := deals[id]
		if d == nil || d.bad != "" {
			continue
		}
		switch {
		case d.moves == 0 && (from != "" || to != first):
			d.bad = "does not start with the creation in the first stage"
		case d.moves > 0 && from != d.last:
			d.bad = "a move from a stage the deal was not in"
		case d.moves > 0 && stages[to].kind == "lost" && result != d.reason:
			d.bad = "lost without its reason"
		case d.moves > 0 && stages[to].kind == "won" && result == "":
			d.bad = "won without a result"
		case d.moves > 0 && stages[to].kind == "open" && stages[to].sort > stages[from].sort && result == "":
			d.bad = "a forward move without a result"
		case d.moves > 0 && stages[to].kind == "open" && stages[to].sort > stages[from].sort+1:
			d.bad = "a forward move skipping a stage"
		}
		d.moves++
		d.last = to
	}
	rows.Close()
	bad := 0
	for id, d := range deals {
		if d.bad == "" && d.last != d.stage {
			d.bad = "the last move does not enter the deal's stage"
		}
		if d.bad == "" && d.moves != d.version {
			d.bad = "version is not the number of moves"
		}
		if d.bad != "" {
			if bad++; bad <= 5 {
				t.Errorf("deal %s: %s", id, d.bad)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d deals with a bad history", bad)
	}
}
