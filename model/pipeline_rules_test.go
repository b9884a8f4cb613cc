package model_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"sdelka/model"
)

// defaultPipeline is the seeded pipeline: five open stages s1…s5 (sort
// 1…5, 10/25/50/80/90 %), won (6) and lost (7).
func defaultPipeline() model.Pipeline {
	st := func(id string, sort int, kind model.StageKind, bp int64, role model.Role, norm int) model.Stage {
		return model.Stage{ID: id, PipelineID: "p", Code: id, Name: "Stage " + id, Sort: sort, Kind: kind,
			ProbabilityBP: bp, DefaultRole: role, NormDays: norm}
	}
	return model.Pipeline{ID: "p", Name: "Основная воронка", IsDefault: true, Stages: []model.Stage{
		st("s1", 1, model.StageOpen, 1000, model.RoleSeller, 14),
		st("s2", 2, model.StageOpen, 2500, model.RoleSeller, 14),
		st("s3", 3, model.StageOpen, 5000, model.RoleHead, 21),
		st("s4", 4, model.StageOpen, 8000, model.RoleSeller, 14),
		st("s5", 5, model.StageOpen, 9000, model.RoleSeller, 30),
		st("won", 6, model.StageWon, 10000, "", 0),
		st("lost", 7, model.StageLost, 0, "", 0),
	}}
}

// customPipeline has sorts unequal to the indexes and an unsorted slice:
// in order a (10), b (20), c (35), won (90), lost (95).
func customPipeline() model.Pipeline {
	return model.Pipeline{ID: "q", Name: "Проекты", Stages: []model.Stage{
		{ID: "lost", Name: "Lost", Sort: 95, Kind: model.StageLost},
		{ID: "c", Name: "C", Sort: 35, Kind: model.StageOpen, ProbabilityBP: 6000},
		{ID: "a", Name: "A", Sort: 10, Kind: model.StageOpen, ProbabilityBP: 2000},
		{ID: "won", Name: "Won", Sort: 90, Kind: model.StageWon, ProbabilityBP: 10000},
		{ID: "b", Name: "B", Sort: 20, Kind: model.StageOpen, ProbabilityBP: 4000},
	}}
}

// Move classes of the expectation matrices below. Each states the rule for
// its cell under every combination of a result (recorded or in the
// request) and a lost reason:
//
//	'=' same stage: stage=valid.stage.same, always
//	'F' next open stage: forward with a result, else result=valid.stage.result_needed
//	'S' an open stage further on: stage=valid.stage.skip, always
//	'B' an earlier open stage: back, always (no result needed)
//	'W' the won stage: win with a result, else result=valid.stage.result_needed
//	'L' the lost stage: lose with a reason, else lost_reason=valid.stage.lost_reason
//	'R' a closed deal into an open stage: reopen, always
//	'C' a closed deal into the other closed stage: stage=valid.stage.closed, always
//
// MoveNeeds for an open deal: 'F' and 'W' need a result unless one is
// recorded, 'L' needs a reason, every other cell needs nothing.
type moveMatrix struct {
	ids  []string // the rows' and columns' stage IDs
	rows []string // rows[from][to], one class letter per column, spaces ignored
}

// Open deals in the default pipeline.
var defaultOpenMatrix = moveMatrix{
	ids: []string{"s1", "s2", "s3", "s4", "s5", "won", "lost"},
	rows: []string{
		//s1 s2 s3 s4 s5 won lost
		"= F S S S W L", // s1
		"B = F S S W L", // s2
		"B B = F S W L", // s3
		"B B B = F W L", // s4
		"B B B B = W L", // s5
		"R R R R R = C", // won (an open status in a closed stage is treated as closed)
		"R R R R R C =", // lost
	},
}

// Won or lost deals in the default pipeline, whatever stage they are in.
var defaultClosedMatrix = moveMatrix{
	ids: defaultOpenMatrix.ids,
	rows: []string{
		"= R R R R C C", // s1 (a closed status in an open stage is treated as closed)
		"R = R R R C C",
		"R R = R R C C",
		"R R R = R C C",
		"R R R R = C C",
		"R R R R R = C", // won
		"R R R R R C =", // lost
	},
}

// Open deals in the custom pipeline (order a, b, c, won, lost).
var customOpenMatrix = moveMatrix{
	ids: []string{"a", "b", "c", "won", "lost"},
	rows: []string{
		//a b c won lost
		"= F S W L", // a
		"B = F W L", // b
		"B B = W L", // c
		"R R R = C", // won
		"R R R C =", // lost
	},
}

func (m moveMatrix) class(t *testing.T, from, to int) byte {
	t.Helper()
	row := strings.ReplaceAll(m.rows[from], " ", "")
	if len(row) != len(m.ids) {
		t.Fatalf("matrix row %d has %d cells, want %d", from, len(row), len(m.ids))
	}
	return row[to]
}

// resultModes are the ways the current stage's result is (not) given.
var resultModes = []struct {
	name              string
	recorded, request string
	has               bool // a result is there
	hasRecorded       bool // it is recorded (MoveNeeds sees only that)
}{
	{name: "no result"},
	{name: "blank result", recorded: "  ", request: " \t", has: false},
	{name: "result recorded", recorded: "Договор подписан", has: true, hasRecorded: true},
	{name: "result in request", request: "Договор подписан", has: true},
}

// reasonModes are the ways a lost reason is (not) given.
var reasonModes = []struct {
	name, reason string
	has          bool
}{
	{name: "no reason"},
	{name: "blank reason", reason: "   "},
	{name: "reason", reason: "Высокая цена", has: true},
}

// wantMove is what the rule of class c says for a result and a reason: the
// kind, or the single "field=msg" problem.
func wantMove(t *testing.T, c byte, hasResult, hasReason bool) (model.MoveKind, string) {
	t.Helper()
	switch c {
	case '=':
		return "", "stage=" + model.MsgStageSame
	case 'F':
		if hasResult {
			return model.MoveForward, ""
		}
		return "", "result=" + model.MsgStageResultNeeded
	case 'S':
		return "", "stage=" + model.MsgStageSkip
	case 'B':
		return model.MoveBack, ""
	case 'W':
		if hasResult {
			return model.MoveWin, ""
		}
		return "", "result=" + model.MsgStageResultNeeded
	case 'L':
		if hasReason {
			return model.MoveLose, ""
		}
		return "", "lost_reason=" + model.MsgLostReasonNeeded
	case 'R':
		return model.MoveReopen, ""
	case 'C':
		return "", "stage=" + model.MsgDealClosedMove
	}
	t.Fatalf("unknown move class %q", c)
	return "", ""
}

// checkMoveResult compares CheckMove's answer with a kind or one problem.
func checkMoveResult(t *testing.T, kind model.MoveKind, err error, wantKind model.MoveKind, wantProblem string) {
	t.Helper()
	if wantProblem == "" {
		if err != nil {
			t.Fatalf("CheckMove: got error %v, want %s", err, wantKind)
		}
		if kind != wantKind {
			t.Errorf("CheckMove: got kind %q, want %q", kind, wantKind)
		}
		return
	}
	if kind != "" {
		t.Errorf("CheckMove: got kind %q with an error, want none", kind)
	}
	checkProblems(t, err, wantProblem)
}

// runMoveMatrix checks every (from, to) pair of m × every result mode ×
// every reason mode for a deal of the given status.
func runMoveMatrix(t *testing.T, p model.Pipeline, m moveMatrix, status model.DealStatus) {
	t.Helper()
	for fi, from := range m.ids {
		for ti, to := range m.ids {
			c := m.class(t, fi, ti)
			for _, rm := range resultModes {
				for _, rs := range reasonModes {
					name := fmt.Sprintf("%s %s→%s %s %s", status, from, to, rm.name, rs.name)
					t.Run(name, func(t *testing.T) {
						req := model.MoveRequest{DealID: "d", ToStageID: to, Result: rm.request, LostReason: rs.reason}
						kind, err := model.CheckMove(p, from, status, rm.recorded, req)
						wantKind, wantProblem := wantMove(t, c, rm.has, rs.has)
						checkMoveResult(t, kind, err, wantKind, wantProblem)

						needResult, needReason := model.MoveNeeds(p, from, status, rm.recorded, to)
						wantResult := status == model.DealOpen && (c == 'F' || c == 'W') && !rm.hasRecorded
						wantReason := status == model.DealOpen && c == 'L'
						if needResult != wantResult || needReason != wantReason {
							t.Errorf("MoveNeeds: got result %t reason %t, want %t %t", needResult, needReason, wantResult, wantReason)
						}
					})
				}
			}
		}
	}
}

func TestCheckMoveDefaultPipeline(t *testing.T) {
	p := defaultPipeline()
	t.Run("open", func(t *testing.T) { runMoveMatrix(t, p, defaultOpenMatrix, model.DealOpen) })
	t.Run("won", func(t *testing.T) { runMoveMatrix(t, p, defaultClosedMatrix, model.DealWon) })
	t.Run("lost", func(t *testing.T) { runMoveMatrix(t, p, defaultClosedMatrix, model.DealLost) })
}

func TestCheckMoveCustomOrder(t *testing.T) {
	p := customPipeline()
	runMoveMatrix(t, p, customOpenMatrix, model.DealOpen)
	// The stages slice itself is in the order lost, c, a, won, b: the
	// rules go by Sort, never by position.
	t.Run("reversed slice", func(t *testing.T) {
		q := customPipeline()
		slices.Reverse(q.Stages)
		runMoveMatrix(t, q, customOpenMatrix, model.DealOpen)
	})
}

func TestCheckMoveUnknownStages(t *testing.T) {
	p := defaultPipeline()
	other := "x-other-pipeline"
	tests := []struct {
		name     string
		from, to string
		status   model.DealStatus
		want     string
	}{
		{"unknown target", "s1", other, model.DealOpen, "stage=" + model.MsgStageOtherPipe},
		{"empty target", "s1", "", model.DealOpen, "stage=" + model.MsgStageOtherPipe},
		{"unknown current stage", other, "s2", model.DealOpen, "stage=" + model.MsgStageOtherPipe},
		{"both unknown and equal", other, other, model.DealOpen, "stage=" + model.MsgStageOtherPipe},
		{"unknown target of a won deal", "won", other, model.DealWon, "stage=" + model.MsgStageOtherPipe},
		{"same stage with everything given", "s3", "s3", model.DealOpen, "stage=" + model.MsgStageSame},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := model.MoveRequest{ToStageID: tt.to, Result: "done", LostReason: "Высокая цена"}
			kind, err := model.CheckMove(p, tt.from, tt.status, "done", req)
			checkMoveResult(t, kind, err, "", tt.want)
			if r, l := model.MoveNeeds(p, tt.from, tt.status, "", tt.to); r || l {
				t.Errorf("MoveNeeds: got result %t reason %t, want nothing", r, l)
			}
		})
	}
}

// checkMoveAgreement checks that MoveNeeds asks for exactly what CheckMove
// needs, for a deal in from moving to to with the result recorded (or not).
func checkMoveAgreement(t *testing.T, p model.Pipeline, from, to string, status model.DealStatus, recorded string) {
	t.Helper()
	needResult, needReason := model.MoveNeeds(p, from, status, recorded, to)
	bare := model.MoveRequest{ToStageID: to}
	_, errBare := model.CheckMove(p, from, status, recorded, bare)
	full := model.MoveRequest{ToStageID: to, Result: "итог", LostReason: "причина"}
	_, errFull := model.CheckMove(p, from, status, recorded, full)
	fields := func(err error) []string {
		var out []string
		for _, e := range model.FieldErrors(err) {
			out = append(out, e.Field)
		}
		return out
	}
	switch {
	case needResult && needReason:
		t.Errorf("%s→%s: MoveNeeds asks for both a result and a reason", from, to)
	case needResult:
		if got := fields(errBare); !slices.Equal(got, []string{"result"}) {
			t.Errorf("%s→%s: MoveNeeds wants a result; CheckMove without one: %v", from, to, errBare)
		}
		if errFull != nil {
			t.Errorf("%s→%s: MoveNeeds wants a result; CheckMove with one: %v", from, to, errFull)
		}
	case needReason:
		if got := fields(errBare); !slices.Equal(got, []string{"lost_reason"}) {
			t.Errorf("%s→%s: MoveNeeds wants a reason; CheckMove without one: %v", from, to, errBare)
		}
		if errFull != nil {
			t.Errorf("%s→%s: MoveNeeds wants a reason; CheckMove with one: %v", from, to, errFull)
		}
	default:
		// Nothing to ask: the move passes as it is, or is refused as a
		// move (field "stage": same, skipped, unknown, closed), never for
		// a missing result or reason.
		if errBare != nil && !slices.Equal(fields(errBare), []string{"stage"}) {
			t.Errorf("%s→%s: MoveNeeds wants nothing; CheckMove without a result: %v", from, to, errBare)
		}
		if (errBare == nil) != (errFull == nil) {
			t.Errorf("%s→%s: MoveNeeds wants nothing, but giving a result changes CheckMove: %v vs %v", from, to, errBare, errFull)
		}
	}
}

func TestMoveNeedsAgreesWithCheckMove(t *testing.T) {
	for _, p := range []model.Pipeline{defaultPipeline(), customPipeline()} {
		ids := []string{"unknown"}
		for _, s := range p.Stages {
			ids = append(ids, s.ID)
		}
		for _, status := range []model.DealStatus{model.DealOpen, model.DealWon, model.DealLost} {
			for _, recorded := range []string{"", " ", "Показали продукт"} {
				for _, from := range ids {
					for _, to := range ids {
						t.Run(fmt.Sprintf("%s %s %s→%s %q", p.ID, status, from, to, recorded), func(t *testing.T) {
							checkMoveAgreement(t, p, from, to, status, recorded)
						})
					}
				}
			}
		}
	}
}

// FuzzCheckMoveAgreesWithMoveNeeds runs the agreement over pipelines of
// 1–6 open stages with shuffled sorts.
func FuzzCheckMoveAgreesWithMoveNeeds(f *testing.F) {
	f.Add(uint8(5), uint8(0), uint8(1), uint8(0), false, uint64(0))
	f.Add(uint8(5), uint8(0), uint8(2), uint8(0), false, uint64(7))
	f.Add(uint8(3), uint8(3), uint8(0), uint8(1), true, uint64(99))
	f.Fuzz(func(t *testing.T, nOpen, from, to, status uint8, recorded bool, perm uint64) {
		n := 1 + int(nOpen)%6
		p := model.Pipeline{ID: "f", Name: "fuzz"}
		for i := range n {
			p.Stages = append(p.Stages, model.Stage{ID: fmt.Sprintf("o%d", i), Name: "o", Sort: 10 * (i + 1), Kind: model.StageOpen})
		}
		p.Stages = append(p.Stages, model.Stage{ID: "won", Name: "won", Sort: 1000, Kind: model.StageWon},
			model.Stage{ID: "lost", Name: "lost", Sort: 1001, Kind: model.StageLost})
		for i := len(p.Stages) - 1; i > 0; i-- { // shuffle the slice, not the sorts
			j := int(perm % uint64(i+1))
			perm /= uint64(i + 1)
			p.Stages[i], p.Stages[j] = p.Stages[j], p.Stages[i]
		}
		ids := []string{"unknown"}
		for _, st := range p.Stages {
			ids = append(ids, st.ID)
		}
		statuses := []model.DealStatus{model.DealOpen, model.DealWon, model.DealLost}
		rec := ""
		if recorded {
			rec = "есть"
		}
		checkMoveAgreement(t, p, ids[int(from)%len(ids)], ids[int(to)%len(ids)], statuses[int(status)%3], rec)
	})
}

func TestStatusOfStage(t *testing.T) {
	for k, want := range map[model.StageKind]model.DealStatus{
		model.StageOpen: model.DealOpen, model.StageWon: model.DealWon, model.StageLost: model.DealLost, "": model.DealOpen,
	} {
		if got := model.StatusOfStage(k); got != want {
			t.Errorf("StatusOfStage(%q): got %q, want %q", k, got, want)
		}
	}
}

func TestPipelineStageLookups(t *testing.T) {
	p := customPipeline() // slice: lost, c, a, won, b
	first, _ := p.StageOfKind(model.StageOpen)
	won, _ := p.StageOfKind(model.StageWon)
	lost, _ := p.StageOfKind(model.StageLost)
	if first.ID != "a" || won.ID != "won" || lost.ID != "lost" {
		t.Errorf("StageOfKind: got %s/%s/%s, want a/won/lost", first.ID, won.ID, lost.ID)
	}
	for _, tt := range []struct{ from, want string }{{"a", "b"}, {"b", "c"}, {"c", ""}, {"won", ""}, {"x", ""}} {
		got, ok := p.NextOpen(tt.from)
		if got.ID != tt.want || ok != (tt.want != "") {
			t.Errorf("NextOpen(%s): got %q %t, want %q", tt.from, got.ID, ok, tt.want)
		}
	}
	if _, ok := p.StageByID("x"); ok {
		t.Error("StageByID(x): found, want not")
	}
}

func TestDealProbability(t *testing.T) {
	p := defaultPipeline()
	tests := []struct {
		name   string
		stage  string
		manual bool
		own    int64
		want   int64
	}{
		{"stage default", "s2", false, 7000, 2500},
		{"manual kept in an open stage", "s2", true, 7000, 7000},
		{"manual kept in another open stage", "s5", true, 7000, 7000},
		{"manual 0 % kept", "s4", true, 0, 0},
		{"won is 100 %", "won", false, 3000, 10000},
		{"won is 100 % even when manual", "won", true, 3000, 10000},
		{"lost is 0 %", "lost", false, 3000, 0},
		{"lost is 0 % even when manual", "lost", true, 3000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := p.StageByID(tt.stage)
			d := model.Deal{ProbabilityBP: tt.own, ProbabilityManual: tt.manual}
			if got := model.DealProbability(d, st); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestWeighted(t *testing.T) {
	tests := []struct {
		name   string
		amount model.Money
		bp     int64
		want   model.Money
	}{
		{"0 %", 123456, 0, 0},
		{"100 %", 123456, 10000, 123456},
		{"25 %", 100000, 2500, 25000},
		{"half a kopeck rounds up", 1, 5000, 1},
		{"1.5 kopecks rounds up", 3, 5000, 2},
		{"just below half rounds down", 1, 4999, 0},
		{"a third", 100, 3333, 33},    // 33.33
		{"two thirds", 100, 6667, 67}, // 66.67
		{"negative half rounds away from zero", -1, 5000, -1},
		{"huge amount", math.MaxInt64, 10000, math.MaxInt64},
		{"huge amount at 90 %", 9_000_000_000_000_000_000, 9000, 8_100_000_000_000_000_000},
		{"huge amount at 1 bp", math.MaxInt64, 1, 922337203685478}, // 922337203685477.5807
		{"zero amount", 0, 9000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.Weighted(tt.amount, tt.bp); got != tt.want {
				t.Errorf("Weighted(%d, %d): got %d, want %d", tt.amount, tt.bp, got, tt.want)
			}
		})
	}
}

func TestDaysBetween(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"same day", time.Date(2026, 2, 2, 1, 0, 0, 0, time.UTC), time.Date(2026, 2, 2, 23, 0, 0, 0, time.UTC), 0},
		{"month boundary", time.Date(2026, 1, 30, 18, 0, 0, 0, time.UTC), time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC), 3},
		{"year boundary", time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC), 1},
		{"leap February", vatDay(2028, 2, 28), vatDay(2028, 3, 1), 2},
		{"earlier gives negative", vatDay(2026, 3, 1), vatDay(2026, 2, 27), -2},
		// b is read in a's location: 22:30 UTC on the 1st is the 2nd in Moscow.
		{"dates in a's location", time.Date(2026, 3, 1, 10, 0, 0, 0, msk), time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.DaysBetween(tt.a, tt.b); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestBuildBoard(t *testing.T) {
	p := defaultPipeline()
	slices.Reverse(p.Stages) // the columns still come in Sort order
	now := time.Date(2026, 2, 2, 10, 0, 0, 0, time.UTC)
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	cards := []model.DealCard{
		{ID: "c2", StageID: "s1", AmountBase: 33333, ProbabilityBP: 1000, StageEntered: at(2026, 2, 2, 8), StageDue: vatDay(2026, 2, 2)},
		{ID: "c1", StageID: "s1", AmountBase: 100000, ProbabilityBP: 1000, StageEntered: at(2026, 1, 30, 15), StageDue: vatDay(2026, 2, 1)},
		{ID: "c9", StageID: "s2", AmountBase: 20000, ProbabilityBP: 2500, StageEntered: at(2026, 2, 5, 0)}, // entered "later": 0 days
		{ID: "c3", StageID: "s3", AmountBase: 1, ProbabilityBP: 5000, StageEntered: at(2025, 12, 31, 23), StageDue: vatDay(2026, 2, 3)},
		{ID: "c4", StageID: "s3", AmountBase: 1, ProbabilityBP: 5000},
		{ID: "c7", StageID: "elsewhere", AmountBase: 1_000_000, ProbabilityBP: 10000, StageDue: vatDay(2020, 1, 1)},
		{ID: "c8", StageID: "s5", AmountBase: 99999, ProbabilityBP: 9000},
		{ID: "c5", StageID: "won", AmountBase: 500000, ProbabilityBP: 10000, StageEntered: at(2026, 1, 15, 12), StageDue: vatDay(2026, 1, 1)},
		{ID: "c6", StageID: "lost", AmountBase: 70000, ProbabilityBP: 0, StageDue: vatDay(2026, 1, 1)},
	}
	b := model.BuildBoard(p, cards, now)
	type col struct {
		stage         string
		cards         []string
		count         int
		sum, weighted model.Money
	}
	want := []col{
		// 100000×10 % = 10000, 33333×10 % = 3333.3 → 3333
		{"s1", []string{"c2", "c1"}, 2, 133333, 13333},
		{"s2", []string{"c9"}, 1, 20000, 5000},
		// each card's weighted sum is rounded: 0.5 → 1 twice, not 1 × 50 %
		{"s3", []string{"c3", "c4"}, 2, 2, 2},
		{"s4", nil, 0, 0, 0},
		{"s5", []string{"c8"}, 1, 99999, 89999}, // 89999.1
		{"won", []string{"c5"}, 1, 500000, 500000},
		{"lost", []string{"c6"}, 1, 70000, 0},
	}
	if len(b.Columns) != len(want) {
		t.Fatalf("columns: got %d, want %d", len(b.Columns), len(want))
	}
	for i, w := range want {
		c := b.Columns[i]
		var ids []string
		for _, cd := range c.Cards {
			ids = append(ids, cd.ID)
		}
		if c.Stage.ID != w.stage || !slices.Equal(ids, w.cards) || c.Count != w.count || c.Sum != w.sum || c.Weighted != w.weighted {
			t.Errorf("column %d: got %s %v count %d sum %d weighted %d, want %s %v %d %d %d",
				i, c.Stage.ID, ids, c.Count, c.Sum, c.Weighted, w.stage, w.cards, w.count, w.sum, w.weighted)
		}
	}
	days := map[string]struct {
		days    int
		overdue bool
	}{
		"c1": {3, true},   // entered 30 January: 3 days across the month end; due 1 February, before today
		"c2": {0, false},  // entered today; due today is not overdue yet
		"c9": {0, false},  // entered after now: 0, not negative; no due date
		"c3": {33, false}, // entered 31 December; due tomorrow
		"c4": {0, false},  // no entry time, no due date
		"c8": {0, false},
		"c5": {18, false}, // won: never overdue
		"c6": {0, false},  // lost: never overdue
	}
	for _, c := range b.Columns {
		for _, cd := range c.Cards {
			w := days[cd.ID]
			if cd.DaysInStage != w.days || cd.Overdue != w.overdue {
				t.Errorf("card %s: got %d days overdue %t, want %d %t", cd.ID, cd.DaysInStage, cd.Overdue, w.days, w.overdue)
			}
		}
	}
	if cards[1].DaysInStage != 0 || cards[1].Overdue {
		t.Error("BuildBoard changed the caller's cards")
	}
	count, sum, weighted := model.BoardTotals(b)
	// open columns only: 2+1+2+0+1 cards; 133333+20000+2+0+99999; 13333+5000+2+0+89999
	if count != 6 || sum != 253334 || weighted != 108334 {
		t.Errorf("BoardTotals: got %d %d %d, want 6 253334 108334", count, sum, weighted)
	}
}

func TestBuildBoardEmpty(t *testing.T) {
	now := vatDay(2026, 2, 2)
	b := model.BuildBoard(defaultPipeline(), nil, now)
	if len(b.Columns) != 7 {
		t.Fatalf("columns: got %d, want 7", len(b.Columns))
	}
	for _, c := range b.Columns {
		if len(c.Cards) != 0 || c.Count != 0 || c.Sum != 0 || c.Weighted != 0 {
			t.Errorf("column %s: got %d cards, sum %d, want empty", c.Stage.ID, c.Count, c.Sum)
		}
	}
	if n, s, w := model.BoardTotals(b); n != 0 || s != 0 || w != 0 {
		t.Errorf("BoardTotals: got %d %d %d, want zeros", n, s, w)
	}
	none := model.BuildBoard(model.Pipeline{}, []model.DealCard{{ID: "x", StageID: "s1", AmountBase: 5}}, now)
	if len(none.Columns) != 0 {
		t.Errorf("a pipeline without stages: got %d columns, want 0", len(none.Columns))
	}
	if n, s, w := model.BoardTotals(none); n != 0 || s != 0 || w != 0 {
		t.Errorf("BoardTotals of no columns: got %d %d %d, want zeros", n, s, w)
	}
}

func TestDefaultResponsible(t *testing.T) {
	users := []model.User{
		{ID: "h-b", FullName: "Борисов Б.", Role: model.RoleHead, Active: true},
		{ID: "h-z", FullName: "Андреев А.", Role: model.RoleHead, Active: false}, // first by name, but inactive
		{ID: "h-v", FullName: "Виктор В.", Role: model.RoleHead, Active: true},
		{ID: "h-a", FullName: "Борисов Б.", Role: model.RoleHead, Active: true}, // same name: the smaller ID
		{ID: "s-y", FullName: "Яковлев", Role: model.RoleSeller, Active: true},
		{ID: "s-e", FullName: "Егоров", Role: model.RoleSeller, Active: true},
	}
	owner := func(r model.Role) model.User { return model.User{ID: "owner", Role: r, Active: true} }
	tests := []struct {
		name  string
		role  model.Role
		owner model.User
		users []model.User
		want  string
	}{
		{"stage without a role: the owner", "", owner(model.RoleAccountant), users, "owner"},
		{"owner has the stage's role", model.RoleHead, owner(model.RoleHead), users, "owner"},
		{"seller stage, seller owner", model.RoleSeller, owner(model.RoleSeller), users, "owner"},
		{"seller stage, head owner sells too", model.RoleSeller, owner(model.RoleHead), users, "owner"},
		{"seller stage, admin owner sells too", model.RoleSeller, owner(model.RoleAdmin), users, "owner"},
		{"seller stage, accountant owner: first seller by name", model.RoleSeller, owner(model.RoleAccountant), users, "s-e"},
		{"head stage, seller owner: first active head by name, then ID", model.RoleHead, owner(model.RoleSeller), users, "h-a"},
		{"head stage, no active head: the owner", model.RoleHead, owner(model.RoleSeller), users[1:2], "owner"},
		{"head stage, no users: the owner", model.RoleHead, owner(model.RoleSeller), nil, "owner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.DefaultResponsible(model.Stage{DefaultRole: tt.role}, tt.owner, tt.users)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStageDueDate(t *testing.T) {
	tests := []struct {
		name string
		norm int
		day  time.Time
		want time.Time
	}{
		{"no norm", 0, vatDay(2026, 1, 20), time.Time{}},
		{"negative norm is none", -3, vatDay(2026, 1, 20), time.Time{}},
		{"14 days across a month end", 14, vatDay(2026, 1, 20), vatDay(2026, 2, 3)},
		{"30 days across a leap February", 30, vatDay(2028, 2, 15), vatDay(2028, 3, 16)},
		{"one day across a year end", 1, vatDay(2026, 12, 31), vatDay(2027, 1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.StageDueDate(model.Stage{NormDays: tt.norm}, tt.day)
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDiscountPriceAndLineDiscountBP(t *testing.T) {
	prices := []struct {
		list model.Money
		bp   int64
		want model.Money
	}{
		{10000, 0, 10000}, {10000, 1500, 8500}, {10000, 10000, 0},
		{12345, 1250, 10802}, // 10801.875
		{333, 1501, 283},     // 283.0167
		{1, 5000, 1},         // half a kopeck rounds up
	}
	for _, tt := range prices {
		if got := model.DiscountPrice(tt.list, tt.bp); got != tt.want {
			t.Errorf("DiscountPrice(%d, %d): got %d, want %d", tt.list, tt.bp, got, tt.want)
		}
	}
	discounts := []struct {
		name        string
		list, price model.Money
		want        int64
	}{
		{"no discount", 10000, 10000, 0},
		{"15 %", 10000, 8500, 1500},
		{"a lower price typed", 12000, 10000, 1667}, // 1666.67
		{"rounding can go past the typed percentage", 333, 283, 1502},
		{"above the list price", 10000, 11000, 0},
		{"no list price", 0, 5000, 0},
		{"free", 10000, 0, 10000},
	}
	for _, tt := range discounts {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.LineDiscountBP(model.DealLine{ListPrice: tt.list, Price: tt.price}); got != tt.want {
				t.Errorf("LineDiscountBP(%d→%d): got %d, want %d", tt.list, tt.price, got, tt.want)
			}
		})
	}
}

func TestComputeDealLines(t *testing.T) {
	d := vatDay(2026, 3, 2)
	tests := []struct {
		name            string
		inclVAT, noVAT  bool
		lines           []model.DealLine
		prices          []model.Money
		net, vat, gross model.Money
		problem         string
	}{
		{name: "discount off the list price, rounded",
			lines:  []model.DealLine{{ListPrice: 12345, DiscountBP: 1250, Qty: 2000, VATCat: model.VATStandard}},
			prices: []model.Money{10802}, net: 21604, vat: 4753, gross: 26357}, // 4752.88
		{name: "typed price kept, whatever the discount says",
			lines:  []model.DealLine{{ListPrice: 12345, DiscountBP: 5000, Price: 9999, ManualPrice: true, Qty: 1000, VATCat: model.VATNone}},
			prices: []model.Money{9999}, net: 9999, vat: 0, gross: 9999},
		{name: "prices include VAT", inclVAT: true,
			lines:  []model.DealLine{{ListPrice: 12200, Qty: 1000, VATCat: model.VATStandard}, {ListPrice: 11000, DiscountBP: 10000, Qty: 500, VATCat: model.VATReduced}},
			prices: []model.Money{12200, 0}, net: 10000, vat: 2200, gross: 12200},
		{name: "prices without VAT, two rates",
			lines:  []model.DealLine{{ListPrice: 10000, Qty: 1000, VATCat: model.VATStandard}, {ListPrice: 10000, DiscountBP: 1000, Qty: 3000, VATCat: model.VATReduced}},
			prices: []model.Money{10000, 9000}, net: 37000, vat: 2200 + 2700, gross: 41900},
		{name: "company without VAT", noVAT: true,
			lines:  []model.DealLine{{ListPrice: 10000, Qty: 1000, VATCat: model.VATStandard}},
			prices: []model.Money{10000}, net: 10000, vat: 0, gross: 10000},
		{name: "no lines", net: 0, vat: 0, gross: 0},
		{name: "zero quantity refused",
			lines:   []model.DealLine{{ListPrice: 1, Qty: 1000, VATCat: model.VATNone}, {ListPrice: 1, Qty: 0, VATCat: model.VATNone}},
			problem: "lines[1].qty=" + model.MsgQtyPositive},
		{name: "negative quantity refused",
			lines:   []model.DealLine{{ListPrice: 1, Qty: -1000, VATCat: model.VATNone}},
			problem: "lines[0].qty=" + model.MsgQtyPositive},
		{name: "discount above 100 % refused",
			lines:   []model.DealLine{{ListPrice: 1, DiscountBP: 10001, Qty: 1000, VATCat: model.VATNone}},
			problem: "lines[0].discount=" + model.MsgDiscount},
		{name: "negative discount refused",
			lines:   []model.DealLine{{ListPrice: 1, DiscountBP: -1, Qty: 1000, VATCat: model.VATNone}},
			problem: "lines[0].discount=" + model.MsgDiscount},
		{name: "negative typed price refused",
			lines:   []model.DealLine{{Price: -1, ManualPrice: true, Qty: 1000, VATCat: model.VATNone}},
			problem: "lines[0].price=" + model.MsgWantedPrice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, tot, err := model.ComputeDealLines(tt.lines, d, tt.inclVAT, tt.noVAT)
			if tt.problem != "" {
				checkProblems(t, err, tt.problem)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.lines) {
				t.Fatalf("lines: got %d, want %d", len(got), len(tt.lines))
			}
			docs := make([]model.DocLine, len(got))
			for i, l := range got {
				if l.No != i+1 {
					t.Errorf("line %d numbered %d", i+1, l.No)
				}
				if l.Price != tt.prices[i] {
					t.Errorf("line %d price: got %d, want %d", i+1, l.Price, tt.prices[i])
				}
				if l.Amounts.Net+l.Amounts.VAT != l.Amounts.Gross {
					t.Errorf("line %d: %d + %d != %d", i+1, l.Amounts.Net, l.Amounts.VAT, l.Amounts.Gross)
				}
				docs[i] = l.DocLine()
				if docs[i].Price != l.Price || docs[i].Qty != l.Qty || !docs[i].ManualPrice || docs[i].Amounts != l.Amounts {
					t.Errorf("line %d: DocLine %+v does not carry the line", i+1, docs[i])
				}
			}
			if tot.Net != tt.net || tot.VAT != tt.vat || tot.Gross != tt.gross {
				t.Errorf("totals: got %d/%d/%d, want %d/%d/%d", tot.Net, tot.VAT, tot.Gross, tt.net, tt.vat, tt.gross)
			}
			// A quote issued from the deal has the same figures.
			want, err := model.DocTotals(docs)
			if err != nil {
				t.Fatal(err)
			}
			if tot.Net != want.Net || tot.VAT != want.VAT || tot.Gross != want.Gross || tot.Lines != want.Lines || !slices.Equal(tot.ByRate, want.ByRate) {
				t.Errorf("totals %+v differ from DocTotals of the document lines %+v", tot, want)
			}
			// Recomputing a quote's lines from the deal's gives the same amounts.
			again, err := model.ComputeLines(docs, d, tt.inclVAT, tt.noVAT)
			if err != nil {
				t.Fatal(err)
			}
			for i := range again {
				if again[i].Amounts != got[i].Amounts {
					t.Errorf("line %d: quote amounts %+v, deal %+v", i+1, again[i].Amounts, got[i].Amounts)
				}
			}
		})
	}
	t.Run("overflow refused", func(t *testing.T) {
		_, _, err := model.ComputeDealLines([]model.DealLine{{ListPrice: 1 << 62, Qty: 1 << 40, VATCat: model.VATStandard}}, d, false, false)
		if !errors.Is(err, model.ErrOverflow) {
			t.Errorf("err %v, want ErrOverflow", err)
		}
	})
}

// seededRules are the approval rules of schema v5: a discount above 15 %, a
// price below the floor, a deferral above 45 days, an amount above
// 5,000,000.00.
func seededRules() []model.ApprovalRule {
	return []model.ApprovalRule{
		{ID: "r-disc", Kind: model.RuleDiscount, Threshold: 1500, Active: true},
		{ID: "r-floor", Kind: model.RuleFloor, Threshold: 0, Active: true},
		{ID: "r-def", Kind: model.RuleDeferral, Threshold: 45, Active: true},
		{ID: "r-amt", Kind: model.RuleAmount, Threshold: 500_000_000, Active: true},
	}
}

// ruleOf is the seeded rule of kind k alone.
func ruleOf(t *testing.T, k model.ApprovalRuleKind) []model.ApprovalRule {
	t.Helper()
	for _, r := range seededRules() {
		if r.Kind == k {
			return []model.ApprovalRule{r}
		}
	}
	t.Fatalf("no seeded rule %q", k)
	return nil
}

// approvalDeal is a deal with one line of product A-1 at list 100.00, floor
// 80.00, at the list price, no deferral, 1.00 in the base currency.
func approvalDeal() model.Deal {
	return model.Deal{Title: "Поставка", CustomerID: "c1", Currency: "RUB", Amount: 10000, AmountBase: 100,
		Lines: []model.DealLine{{No: 1, ProductID: "p1", SKU: "A-1", Name: "Товар", Qty: 1000, ListPrice: 10000, Price: 10000, FloorPrice: 8000}}}
}

func TestApprovalReasons(t *testing.T) {
	price := func(p model.Money) func(*model.Deal) { return func(d *model.Deal) { d.Lines[0].Price = p } }
	tests := []struct {
		name  string
		rules []model.ApprovalRuleKind // seeded rules of these kinds; nil = all four
		edit  func(*model.Deal)
		want  []model.ApprovalReason
	}{
		{name: "nothing broken", edit: func(*model.Deal) {}},
		// discount 15 %
		{name: "discount at 15 %", rules: []model.ApprovalRuleKind{model.RuleDiscount}, edit: price(8500)},
		{name: "discount just below", rules: []model.ApprovalRuleKind{model.RuleDiscount}, edit: price(8501)},
		{name: "discount just above", rules: []model.ApprovalRuleKind{model.RuleDiscount}, edit: price(8499),
			want: []model.ApprovalReason{{Kind: model.RuleDiscount, Line: 1, Product: "A-1 Товар", Threshold: 1500, Actual: 1501}}},
		{name: "discount from a lower typed price", rules: []model.ApprovalRuleKind{model.RuleDiscount},
			edit: func(d *model.Deal) { d.Lines[0].Price, d.Lines[0].ManualPrice, d.Lines[0].DiscountBP = 8000, true, 0 },
			want: []model.ApprovalReason{{Kind: model.RuleDiscount, Line: 1, Product: "A-1 Товар", Threshold: 1500, Actual: 2000}}},
		{name: "discount field without a lower price breaks nothing", rules: []model.ApprovalRuleKind{model.RuleDiscount},
			edit: func(d *model.Deal) { d.Lines[0].DiscountBP, d.Lines[0].ManualPrice = 5000, true }},
		// floor 80.00
		{name: "floor: just above", rules: []model.ApprovalRuleKind{model.RuleFloor}, edit: price(8001)},
		{name: "floor: at it", rules: []model.ApprovalRuleKind{model.RuleFloor}, edit: price(8000)},
		{name: "floor: just below", rules: []model.ApprovalRuleKind{model.RuleFloor}, edit: price(7999),
			want: []model.ApprovalReason{{Kind: model.RuleFloor, Line: 1, Product: "A-1 Товар", Threshold: 8000, Actual: 7999}}},
		{name: "floor 0 is no floor", rules: []model.ApprovalRuleKind{model.RuleFloor},
			edit: func(d *model.Deal) { d.Lines[0].FloorPrice, d.Lines[0].Price = 0, 1 }},
		{name: "floor: a line without SKU is labelled by name", rules: []model.ApprovalRuleKind{model.RuleFloor},
			edit: func(d *model.Deal) { d.Lines[0].SKU, d.Lines[0].Price = "", 100 },
			want: []model.ApprovalReason{{Kind: model.RuleFloor, Line: 1, Product: "Товар", Threshold: 8000, Actual: 100}}},
		// deferral 45 days
		{name: "deferral just below", rules: []model.ApprovalRuleKind{model.RuleDeferral}, edit: func(d *model.Deal) { d.PaymentDays = 44 }},
		{name: "deferral at 45 days", rules: []model.ApprovalRuleKind{model.RuleDeferral}, edit: func(d *model.Deal) { d.PaymentDays = 45 }},
		{name: "deferral just above", rules: []model.ApprovalRuleKind{model.RuleDeferral}, edit: func(d *model.Deal) { d.PaymentDays = 46 },
			want: []model.ApprovalReason{{Kind: model.RuleDeferral, Threshold: 45, Actual: 46}}},
		// amount 5,000,000.00 in the base currency
		{name: "amount just below", rules: []model.ApprovalRuleKind{model.RuleAmount}, edit: func(d *model.Deal) { d.AmountBase = 499_999_999 }},
		{name: "amount at the limit", rules: []model.ApprovalRuleKind{model.RuleAmount}, edit: func(d *model.Deal) { d.AmountBase = 500_000_000 }},
		{name: "amount just above", rules: []model.ApprovalRuleKind{model.RuleAmount}, edit: func(d *model.Deal) { d.AmountBase = 500_000_001 },
			want: []model.ApprovalReason{{Kind: model.RuleAmount, Threshold: 500_000_000, Actual: 500_000_001}}},
		{name: "amount uses the base currency, not the deal's", rules: []model.ApprovalRuleKind{model.RuleAmount},
			edit: func(d *model.Deal) { d.Currency, d.Amount, d.AmountBase = "USD", 900_000_000, 100 }},
		{name: "amount in the base currency above while the deal's is small", rules: []model.ApprovalRuleKind{model.RuleAmount},
			edit: func(d *model.Deal) { d.Currency, d.Amount, d.AmountBase = "USD", 100, 600_000_000 },
			want: []model.ApprovalReason{{Kind: model.RuleAmount, Threshold: 500_000_000, Actual: 600_000_000}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := seededRules()
			if tt.rules != nil {
				rules = nil
				for _, k := range tt.rules {
					rules = append(rules, ruleOf(t, k)...)
				}
			}
			d := approvalDeal()
			tt.edit(&d)
			got := model.ApprovalReasons(rules, d)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestApprovalReasonsRules(t *testing.T) {
	// Two lines: line 1 at 30 % off (list 100.00 → 70.00, floor 80.00),
	// line 2 at 20 % off (list 50.00 → 40.00, no floor); 60 days; 6,000,000.00.
	d := model.Deal{Currency: "RUB", PaymentDays: 60, AmountBase: 600_000_000, Lines: []model.DealLine{
		{No: 1, SKU: "A-1", Name: "Товар", Qty: 1000, ListPrice: 10000, DiscountBP: 3000, Price: 7000, FloorPrice: 8000},
		{No: 2, SKU: "B-2", Name: "Другой", Qty: 1000, ListPrice: 5000, DiscountBP: 2000, Price: 4000},
	}}
	disc1 := model.ApprovalReason{Kind: model.RuleDiscount, Line: 1, Product: "A-1 Товар", Threshold: 1500, Actual: 3000}
	disc2 := model.ApprovalReason{Kind: model.RuleDiscount, Line: 2, Product: "B-2 Другой", Threshold: 1500, Actual: 2000}
	floor1 := model.ApprovalReason{Kind: model.RuleFloor, Line: 1, Product: "A-1 Товар", Threshold: 8000, Actual: 7000}
	def := model.ApprovalReason{Kind: model.RuleDeferral, Threshold: 45, Actual: 60}
	amt := model.ApprovalReason{Kind: model.RuleAmount, Threshold: 500_000_000, Actual: 600_000_000}
	r := seededRules() // discount, floor, deferral, amount
	inactive := func(rs []model.ApprovalRule, i int) []model.ApprovalRule {
		rs = slices.Clone(rs)
		rs[i].Active = false
		return rs
	}
	tests := []struct {
		name  string
		rules []model.ApprovalRule
		want  []model.ApprovalReason
	}{
		{"all four in rule order, lines in order", r, []model.ApprovalReason{disc1, disc2, floor1, def, amt}},
		{"rules in another order", []model.ApprovalRule{r[3], r[2], r[1], r[0]}, []model.ApprovalReason{amt, def, floor1, disc1, disc2}},
		{"inactive discount rule ignored", inactive(r, 0), []model.ApprovalReason{floor1, def, amt}},
		{"inactive floor rule ignored", inactive(r, 1), []model.ApprovalReason{disc1, disc2, def, amt}},
		{"inactive deferral rule ignored", inactive(r, 2), []model.ApprovalReason{disc1, disc2, floor1, amt}},
		{"inactive amount rule ignored", inactive(r, 3), []model.ApprovalReason{disc1, disc2, floor1, def}},
		{"no rules", nil, nil},
		{"a higher discount threshold", []model.ApprovalRule{{Kind: model.RuleDiscount, Threshold: 2500, Active: true}},
			[]model.ApprovalReason{{Kind: model.RuleDiscount, Line: 1, Product: "A-1 Товар", Threshold: 2500, Actual: 3000}}},
		{"discount threshold 0: any discount", []model.ApprovalRule{{Kind: model.RuleDiscount, Threshold: 0, Active: true}},
			[]model.ApprovalReason{{Kind: model.RuleDiscount, Line: 1, Product: "A-1 Товар", Threshold: 0, Actual: 3000},
				{Kind: model.RuleDiscount, Line: 2, Product: "B-2 Другой", Threshold: 0, Actual: 2000}}},
		// An amount limit of 0 means no limit (not "every deal").
		{"amount threshold 0 is no limit", []model.ApprovalRule{{Kind: model.RuleAmount, Threshold: 0, Active: true}}, nil},
		{"unknown kind ignored", []model.ApprovalRule{{Kind: "weather", Threshold: 0, Active: true}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.ApprovalReasons(tt.rules, d); !slices.Equal(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDealTermsHash(t *testing.T) {
	base := approvalDeal()
	h := model.DealTermsHash(base)
	if h != model.DealTermsHash(approvalDeal()) {
		t.Fatal("the same terms hash differently")
	}
	tests := []struct {
		name    string
		edit    func(*model.Deal)
		changes bool
	}{
		{"quantity", func(d *model.Deal) { d.Lines[0].Qty = 2000 }, true},
		{"price", func(d *model.Deal) { d.Lines[0].Price = 9999 }, true},
		{"discount", func(d *model.Deal) { d.Lines[0].DiscountBP = 100 }, true},
		{"typed price flag", func(d *model.Deal) { d.Lines[0].ManualPrice = true }, true},
		{"product", func(d *model.Deal) { d.Lines[0].ProductID = "p2" }, true},
		{"currency", func(d *model.Deal) { d.Currency = "USD" }, true},
		{"amount", func(d *model.Deal) { d.Amount = 10001 }, true},
		{"payment days", func(d *model.Deal) { d.PaymentDays = 30 }, true},
		{"a line added", func(d *model.Deal) { d.Lines = append(d.Lines, d.Lines[0]) }, true},
		{"lines removed", func(d *model.Deal) { d.Lines = nil }, true},
		{"note", func(d *model.Deal) { d.Note = "позвонить в среду" }, false},
		{"title", func(d *model.Deal) { d.Title = "Другое название" }, false},
		{"stage and probability", func(d *model.Deal) { d.StageID, d.ProbabilityBP = "s3", 5000 }, false},
		{"owner and contact", func(d *model.Deal) { d.OwnerID, d.ContactID = "u2", "k2" }, false},
		{"expected close", func(d *model.Deal) { d.ExpectedClose = vatDay(2026, 5, 1) }, false},
		{"line name and price reason", func(d *model.Deal) {
			d.Lines[0].Name, d.Lines[0].PriceReason = "Новое имя", "price.reason.base"
		}, false},
		{"the base-currency amount alone (a new rate)", func(d *model.Deal) { d.AmountBase = 123 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := approvalDeal()
			d.Lines = slices.Clone(d.Lines)
			tt.edit(&d)
			if got := model.DealTermsHash(d) != h; got != tt.changes {
				t.Errorf("hash changed: got %t, want %t", got, tt.changes)
			}
		})
	}
}

func TestApprovalStateFor(t *testing.T) {
	reasons := []model.ApprovalReason{{Kind: model.RuleDeferral, Threshold: 45, Actual: 60}}
	req := func(s model.ApprovalStatus, hash string) *model.Approval {
		return &model.Approval{ID: "a1", Status: s, TermsHash: hash}
	}
	tests := []struct {
		name    string
		reasons []model.ApprovalReason
		latest  *model.Approval
		state   model.ApprovalState
		newReq  bool
		quote   bool
	}{
		{"no reasons", nil, nil, model.ApprovalNone, false, true},
		{"no reasons, an old pending request", nil, req(model.ApprovalStatusPending, "h"), model.ApprovalNone, false, true},
		{"no reasons, an old rejection", nil, req(model.ApprovalStatusRejected, "h"), model.ApprovalNone, false, true},
		{"no request yet", reasons, nil, model.ApprovalPending, true, false},
		{"pending, same terms", reasons, req(model.ApprovalStatusPending, "h"), model.ApprovalPending, false, false},
		{"pending, other terms", reasons, req(model.ApprovalStatusPending, "old"), model.ApprovalPending, true, false},
		{"approved, same terms", reasons, req(model.ApprovalStatusApproved, "h"), model.ApprovalApproved, false, true},
		{"approved, other terms", reasons, req(model.ApprovalStatusApproved, "old"), model.ApprovalPending, true, false},
		{"rejected, same terms: change them to ask again", reasons, req(model.ApprovalStatusRejected, "h"), model.ApprovalRejected, false, false},
		{"rejected, other terms", reasons, req(model.ApprovalStatusRejected, "old"), model.ApprovalPending, true, false},
		{"superseded, same terms", reasons, req(model.ApprovalStatusSuperseded, "h"), model.ApprovalPending, true, false},
		{"superseded, other terms", reasons, req(model.ApprovalStatusSuperseded, "old"), model.ApprovalPending, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := model.ApprovalStateFor(tt.reasons, "h", tt.latest)
			if state != tt.state {
				t.Errorf("ApprovalStateFor: got %q, want %q", state, tt.state)
			}
			if got := model.NeedsNewRequest(tt.reasons, "h", tt.latest); got != tt.newReq {
				t.Errorf("NeedsNewRequest: got %t, want %t", got, tt.newReq)
			}
			if got := model.CanIssueQuote(state); got != tt.quote {
				t.Errorf("CanIssueQuote(%q): got %t, want %t", state, got, tt.quote)
			}
		})
	}
}

func TestCanIssueQuote(t *testing.T) {
	for s, want := range map[model.ApprovalState]bool{
		model.ApprovalNone: true, model.ApprovalApproved: true, model.ApprovalPending: false, model.ApprovalRejected: false,
	} {
		if got := model.CanIssueQuote(s); got != want {
			t.Errorf("CanIssueQuote(%q): got %t, want %t", s, got, want)
		}
	}
}

// routingRules are, out of Sort order: an inactive catch-all (5), one
// without a target (6), region 77 (10), a segment (20), a source (30) and
// the catch-all (100).
func routingRules() []model.RoutingRule {
	return []model.RoutingRule{
		{ID: "r-any", Sort: 100, Field: model.RouteAny, UserID: "u-any", Active: true},
		{ID: "r-src", Sort: 30, Field: model.RouteSource, Value: "Выставка", UserID: "u-expo", Active: true},
		{ID: "r-off", Sort: 5, Field: model.RouteAny, UserID: "u-off", Active: false},
		{ID: "r-reg", Sort: 10, Name: "Москва", Field: model.RouteRegion, Value: "77", UserID: "u-msk", Active: true},
		{ID: "r-none", Sort: 6, Field: model.RouteAny, Active: true},
		{ID: "r-seg", Sort: 20, Field: model.RouteSegment, Value: "Розница Ёлки", UserID: "u-ret", Active: true},
	}
}

func TestRouteLead(t *testing.T) {
	withoutAny := slices.DeleteFunc(routingRules(), func(r model.RoutingRule) bool { return r.Field == model.RouteAny })
	tests := []struct {
		name  string
		rules []model.RoutingRule
		lead  model.Lead
		want  model.RouteResult
		ok    bool
	}{
		{"region by exact code", routingRules(), model.Lead{RegionCode: "77"},
			model.RouteResult{RuleID: "r-reg", UserID: "u-msk", By: "Москва"}, true},
		{"region code trimmed", routingRules(), model.Lead{RegionCode: " 77 "},
			model.RouteResult{RuleID: "r-reg", UserID: "u-msk", By: "Москва"}, true},
		{"another region code falls to the catch-all", routingRules(), model.Lead{RegionCode: "770"},
			model.RouteResult{RuleID: "r-any", UserID: "u-any", By: "any"}, true},
		{"segment folded: case, ё/е, spaces", routingRules(), model.Lead{Segment: "розница  елки"},
			model.RouteResult{RuleID: "r-seg", UserID: "u-ret", By: "segment = Розница Ёлки"}, true},
		{"source folded", routingRules(), model.Lead{Source: "ВЫСТАВКА"},
			model.RouteResult{RuleID: "r-src", UserID: "u-expo", By: "source = Выставка"}, true},
		{"region before segment by Sort", routingRules(), model.Lead{RegionCode: "77", Segment: "Розница ёлки", Source: "выставка"},
			model.RouteResult{RuleID: "r-reg", UserID: "u-msk", By: "Москва"}, true},
		{"segment before source by Sort", routingRules(), model.Lead{Segment: "Розница ёлки", Source: "выставка"},
			model.RouteResult{RuleID: "r-seg", UserID: "u-ret", By: "segment = Розница Ёлки"}, true},
		{"catch-all at the end", routingRules(), model.Lead{Segment: "опт", Source: "сайт"},
			model.RouteResult{RuleID: "r-any", UserID: "u-any", By: "any"}, true},
		{"no match", withoutAny, model.Lead{Segment: "опт"}, model.RouteResult{}, false},
		{"an empty lead field matches no rule value", withoutAny, model.Lead{}, model.RouteResult{}, false},
		{"a rule with an empty value matches nothing",
			[]model.RoutingRule{{ID: "r", Field: model.RouteSegment, UserID: "u", Active: true}}, model.Lead{}, model.RouteResult{}, false},
		{"no rules", nil, model.Lead{RegionCode: "77"}, model.RouteResult{}, false},
		{"equal Sort keeps the given order",
			[]model.RoutingRule{{ID: "r1", Sort: 1, Field: model.RouteAny, UserID: "u1", Active: true}, {ID: "r2", Sort: 1, Field: model.RouteAny, UserID: "u2", Active: true}},
			model.Lead{}, model.RouteResult{RuleID: "r1", UserID: "u1", By: "any"}, true},
		{"a user rule keeps its cursor",
			[]model.RoutingRule{{ID: "r1", Field: model.RouteAny, UserID: "u1", RRNext: 4, Active: true}},
			model.Lead{}, model.RouteResult{RuleID: "r1", UserID: "u1", NextRR: 4, By: "any"}, true},
		{"a team wins over the user",
			[]model.RoutingRule{{ID: "r1", Field: model.RouteAny, UserID: "u1", Team: []string{"t1", "t2"}, Active: true}},
			model.Lead{}, model.RouteResult{RuleID: "r1", UserID: "t1", NextRR: 1, By: "any"}, true},
		{"the cursor past a shrunk team wraps",
			[]model.RoutingRule{{ID: "r1", Field: model.RouteAny, Team: []string{"t1", "t2", "t3"}, RRNext: 7, Active: true}},
			model.Lead{}, model.RouteResult{RuleID: "r1", UserID: "t2", NextRR: 2, By: "any"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := slices.Clone(tt.rules)
			got, ok := model.RouteLead(rules, tt.lead)
			if ok != tt.ok || got != tt.want {
				t.Errorf("got %+v %t, want %+v %t", got, ok, tt.want, tt.ok)
			}
			if !slices.EqualFunc(rules, tt.rules, func(a, b model.RoutingRule) bool { return a.ID == b.ID }) {
				t.Error("RouteLead reordered the caller's rules")
			}
		})
	}
}

func TestRouteLeadRoundRobin(t *testing.T) {
	rules := []model.RoutingRule{
		{ID: "r-team", Sort: 1, Name: "Команда", Field: model.RouteSource, Value: "сайт", Team: []string{"t1", "t2", "t3"}, Active: true},
		{ID: "r-any", Sort: 2, Field: model.RouteAny, UserID: "u-any", Active: true},
	}
	wantUsers := []string{"t1", "t2", "t3", "t1", "t2", "t3"}
	wantNext := []int{1, 2, 0, 1, 2, 0}
	for i := range 6 {
		got, ok := model.RouteLead(rules, model.Lead{Source: "Сайт"})
		if !ok || got.RuleID != "r-team" || got.UserID != wantUsers[i] || got.NextRR != wantNext[i] || got.By != "Команда" {
			t.Fatalf("lead %d: got %+v %t, want r-team %s next %d", i+1, got, ok, wantUsers[i], wantNext[i])
		}
		rules[0].RRNext = got.NextRR // what the repo stores after each lead
		// A lead the team rule does not match leaves the cursor alone.
		if other, _ := model.RouteLead(rules, model.Lead{Source: "звонок"}); other.RuleID != "r-any" {
			t.Fatalf("lead %d: a non-matching lead went to %+v", i+1, other)
		}
	}
}

func TestPipelineValidate(t *testing.T) {
	stage := func(id string, sort int, kind model.StageKind) model.Stage {
		return model.Stage{ID: id, Name: "Этап " + id, Sort: sort, Kind: kind}
	}
	tests := []struct {
		name string
		edit func(p *model.Pipeline)
		want []string
	}{
		{"the default pipeline", func(*model.Pipeline) {}, nil},
		{"the unsorted custom pipeline", func(p *model.Pipeline) { *p = customPipeline() }, nil},
		{"one open stage is enough", func(p *model.Pipeline) {
			p.Stages = []model.Stage{stage("o", 1, model.StageOpen), stage("w", 2, model.StageWon), stage("l", 3, model.StageLost)}
		}, nil},
		{"no name", func(p *model.Pipeline) { p.Name = "  " }, []string{"name=" + model.MsgRequired}},
		{"no open stage", func(p *model.Pipeline) {
			p.Stages = []model.Stage{stage("w", 1, model.StageWon), stage("l", 2, model.StageLost)}
		}, []string{"stages=" + model.MsgPipelineStages}},
		{"no stages", func(p *model.Pipeline) { p.Stages = nil }, []string{"stages=" + model.MsgPipelineStages}},
		{"two won stages", func(p *model.Pipeline) {
			p.Stages = append(p.Stages, stage("won2", 8, model.StageWon))
		}, []string{"stages=" + model.MsgPipelineStages}},
		{"two lost stages", func(p *model.Pipeline) {
			p.Stages = append(p.Stages, stage("lost2", 8, model.StageLost))
		}, []string{"stages=" + model.MsgPipelineStages}},
		{"no lost stage", func(p *model.Pipeline) { p.Stages = p.Stages[:6] }, []string{"stages=" + model.MsgPipelineStages}},
		{"no won stage", func(p *model.Pipeline) { p.Stages = slices.Delete(p.Stages, 5, 6) }, []string{"stages=" + model.MsgPipelineStages}},
		{"a lost stage before an open one", func(p *model.Pipeline) { p.Stages[6].Sort = 3 }, []string{"stages=" + model.MsgPipelineStages}},
		{"a won stage before an open one", func(p *model.Pipeline) { p.Stages[5].Sort = 0 }, []string{"stages=" + model.MsgPipelineStages}},
		{"a won stage level with the last open one", func(p *model.Pipeline) { p.Stages[5].Sort = 5 }, []string{"stages=" + model.MsgPipelineStages}},
		{"lost before won is fine", func(p *model.Pipeline) { p.Stages[5].Sort, p.Stages[6].Sort = 7, 6 }, nil},
		{"a stage without a name", func(p *model.Pipeline) { p.Stages[2].Name = " " }, []string{"stages[2].name=" + model.MsgRequired}},
		{"probability above 100 %", func(p *model.Pipeline) { p.Stages[1].ProbabilityBP = 10001 }, []string{"stages[1].probability=" + model.MsgProbability}},
		{"negative probability", func(p *model.Pipeline) { p.Stages[0].ProbabilityBP = -1 }, []string{"stages[0].probability=" + model.MsgProbability}},
		{"negative norm days", func(p *model.Pipeline) { p.Stages[3].NormDays = -1 }, []string{"stages[3].norm_days=" + model.MsgDays}},
		{"unknown kind", func(p *model.Pipeline) { p.Stages[4].Kind = "paused" }, []string{"stages[4].kind=valid.choice"}},
		{"unknown kind of the only open stage", func(p *model.Pipeline) {
			p.Stages = []model.Stage{stage("o", 1, "paused"), stage("w", 2, model.StageWon), stage("l", 3, model.StageLost)}
		}, []string{"stages[0].kind=valid.choice", "stages=" + model.MsgPipelineStages}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := defaultPipeline()
			tt.edit(&p)
			checkProblems(t, p.Validate().Err(), tt.want...)
		})
	}
}

func TestPipelineEntitiesValidate(t *testing.T) {
	due := time.Date(2026, 2, 2, 10, 0, 0, 0, time.UTC)
	lead := model.Lead{Name: "Иван Петров"}
	act := model.Activity{Kind: model.ActivityCall, Subject: "Позвонить", Due: due}
	rule := model.RoutingRule{Field: model.RouteRegion, Value: "77", UserID: "u1"}
	rev := model.ReverseRequest{CustomerID: "c1", Requirements: "Ноутбук 16 ГБ", Qty: 1000, WantedPrice: 5_000_000}
	deal := model.Deal{Title: "Поставка", CustomerID: "c1", ProbabilityBP: 2500, Lines: []model.DealLine{{Qty: 1000}}}
	tests := []struct {
		name string
		v    model.ValidationErrors
		want []string
	}{
		{"lead with a person", lead.Validate(), nil},
		{"lead with a company only", func() model.Lead { l := lead; l.Name, l.Company = "", "ООО «Ромашка»"; return l }().Validate(), nil},
		{"lead with neither", model.Lead{Name: " ", Company: "\t"}.Validate(), []string{"name=" + model.MsgLeadName}},
		{"lead with a bad e-mail", model.Lead{Name: "x", Email: "ivan@"}.Validate(), []string{"email=valid.email"}},
		{"lead with a good e-mail and INN", model.Lead{Name: "x", Email: "ivan@example.ru", INN: "7707083893"}.Validate(), nil},
		{"lead with a bad INN", model.Lead{Name: "x", INN: "7707083894"}.Validate(), []string{"inn=" + model.MsgINNChecksum}},
		{"lead with a short INN", model.Lead{Name: "x", INN: "123"}.Validate(), []string{"inn=" + model.MsgINNLength}},

		{"activity", act.Validate(), nil},
		{"activity of every kind", func() model.ValidationErrors {
			var v model.ValidationErrors
			for _, k := range model.ActivityKinds {
				a := act
				a.Kind = k
				v = append(v, a.Validate()...)
			}
			return v
		}(), nil},
		{"activity without a subject", func() model.Activity { a := act; a.Subject = "  "; return a }().Validate(), []string{"subject=" + model.MsgActivitySubject}},
		{"activity without a due time", func() model.Activity { a := act; a.Due = time.Time{}; return a }().Validate(), []string{"due=" + model.MsgActivityDue}},
		{"activity of no kind", func() model.Activity { a := act; a.Kind = ""; return a }().Validate(), []string{"kind=valid.choice"}},
		{"activity of an unknown kind", func() model.Activity { a := act; a.Kind = "fax"; return a }().Validate(), []string{"kind=valid.choice"}},
		{"activity of negative duration", func() model.Activity { a := act; a.DurationMin = -5; return a }().Validate(), []string{"duration=" + model.MsgDays}},

		{"routing rule", rule.Validate(), nil},
		{"routing rule for a team", model.RoutingRule{Field: model.RouteSource, Value: "сайт", Team: []string{"t1"}}.Validate(), nil},
		{"catch-all without a value", model.RoutingRule{Field: model.RouteAny, UserID: "u1"}.Validate(), nil},
		{"region rule without a value", model.RoutingRule{Field: model.RouteRegion, Value: " ", UserID: "u1"}.Validate(), []string{"value=" + model.MsgRuleValue}},
		{"segment rule without a value", model.RoutingRule{Field: model.RouteSegment, UserID: "u1"}.Validate(), []string{"value=" + model.MsgRuleValue}},
		{"source rule without a value", model.RoutingRule{Field: model.RouteSource, UserID: "u1"}.Validate(), []string{"value=" + model.MsgRuleValue}},
		{"unknown field", model.RoutingRule{Field: "city", Value: "Тверь", UserID: "u1"}.Validate(), []string{"field=valid.choice"}},
		{"rule with neither user nor team", model.RoutingRule{Field: model.RouteAny}.Validate(), []string{"user=" + model.MsgRuleTarget}},

		{"reverse request", rev.Validate(), nil},
		{"reverse request missing everything", model.ReverseRequest{Requirements: " "}.Validate(), []string{
			"customer=" + model.MsgDealCustomer, "requirements=" + model.MsgRequirements, "qty=" + model.MsgQtyPositive, "wanted_price=" + model.MsgWantedPrice}},
		{"reverse request at a negative price", func() model.ReverseRequest { r := rev; r.WantedPrice = -1; return r }().Validate(), []string{"wanted_price=" + model.MsgWantedPrice}},

		{"deal", deal.Validate(), nil},
		{"deal missing everything", model.Deal{ProbabilityBP: 10001, Amount: -1, PaymentDays: 3651,
			Lines: []model.DealLine{{Qty: 1000}, {Qty: 0, DiscountBP: 10001}}}.Validate(), []string{
			"title=" + model.MsgDealTitle, "customer=" + model.MsgDealCustomer, "probability=" + model.MsgProbability,
			"amount=" + model.MsgWantedPrice, "payment_days=" + model.MsgDays, "lines[1].qty=" + model.MsgQtyPositive, "lines[1].discount=" + model.MsgDiscount}},
		{"deal at the limits", model.Deal{Title: "x", CustomerID: "c", ProbabilityBP: 10000, PaymentDays: 3650,
			Lines: []model.DealLine{{Qty: 1, DiscountBP: 10000}}}.Validate(), nil},
		{"deal with negative probability and days", model.Deal{Title: "x", CustomerID: "c", ProbabilityBP: -1, PaymentDays: -1}.Validate(),
			[]string{"probability=" + model.MsgProbability, "payment_days=" + model.MsgDays}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, tt.v.Err(), tt.want...)
		})
	}
}

func TestLeadDisplayName(t *testing.T) {
	if got := (model.Lead{Name: " Иван ", Company: " ООО «Ромашка» "}).DisplayName(); got != "ООО «Ромашка»" {
		t.Errorf("got %q, want the company", got)
	}
	if got := (model.Lead{Name: " Иван ", Company: " "}).DisplayName(); got != "Иван" {
		t.Errorf("got %q, want the person", got)
	}
}

func TestMatchEconomics(t *testing.T) {
	tests := []struct {
		name                  string
		in                    model.ReverseMatch
		margin                model.Money
		marginBP, discountBP  int64
		belowFloor, belowCost bool
	}{
		{"healthy", model.ReverseMatch{ListPrice: 12000, Wanted: 10000, Cost: 7000, Floor: 9000}, 3000, 3000, 1667, false, false}, // 1666.67
		{"at the floor and list", model.ReverseMatch{ListPrice: 10000, Wanted: 10000, Cost: 7000, Floor: 10000}, 3000, 3000, 0, false, false},
		{"above the list price: no discount", model.ReverseMatch{ListPrice: 9000, Wanted: 10000, Cost: 7000}, 3000, 3000, 0, false, false},
		{"below the floor", model.ReverseMatch{ListPrice: 10000, Wanted: 8999, Cost: 7000, Floor: 9000}, 1999, 2221, 1001, true, false}, // 2221.36; 1001
		{"below the cost", model.ReverseMatch{ListPrice: 10000, Wanted: 8000, Cost: 8500, Floor: 9000}, -500, -625, 2000, true, true},
		{"at the cost", model.ReverseMatch{ListPrice: 10000, Wanted: 8500, Cost: 8500}, 0, 0, 1500, false, false},
		{"floor 0 is no floor", model.ReverseMatch{ListPrice: 10000, Wanted: 1, Cost: 0}, 1, 10000, 9999, false, false},
		{"no list price", model.ReverseMatch{Wanted: 3000, Cost: 1000}, 2000, 6667, 0, false, false},
		{"wanted 0", model.ReverseMatch{ListPrice: 10000, Wanted: 0, Cost: 100}, -100, 0, 10000, false, true},
		{"stale figures are replaced", model.ReverseMatch{ListPrice: 10000, Wanted: 10000, Cost: 5000, Margin: 1, MarginBP: 2, DiscountBP: 3, BelowFloor: true, BelowCost: true},
			5000, 5000, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.MatchEconomics(tt.in)
			if got.Margin != tt.margin || got.MarginBP != tt.marginBP || got.DiscountBP != tt.discountBP ||
				got.BelowFloor != tt.belowFloor || got.BelowCost != tt.belowCost {
				t.Errorf("got margin %d (%d bp), discount %d bp, below floor %t, below cost %t; want %d (%d), %d, %t, %t",
					got.Margin, got.MarginBP, got.DiscountBP, got.BelowFloor, got.BelowCost,
					tt.margin, tt.marginBP, tt.discountBP, tt.belowFloor, tt.belowCost)
			}
		})
	}
}

func TestFormatBP(t *testing.T) {
	tests := []struct {
		bp   int64
		want string
	}{
		{0, "0"}, {1, "0.01"}, {10, "0.1"}, {25, "0.25"}, {99, "0.99"}, {100, "1"}, {1250, "12.5"},
		{1500, "15"}, {3333, "33.33"}, {10000, "100"}, {10001, "100.01"}, {-5, "-0.05"}, {-1250, "-12.5"}, {-10000, "-100"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := model.FormatBP(tt.bp); got != tt.want {
				t.Errorf("FormatBP(%d): got %q, want %q", tt.bp, got, tt.want)
			}
		})
	}
}

func TestRankMatches(t *testing.T) {
	ms := []model.ReverseMatch{
		model.MatchEconomics(model.ReverseMatch{SKU: "LOSS", Wanted: 100, Cost: 120}),
		model.MatchEconomics(model.ReverseMatch{SKU: "FLOOR", Wanted: 100, Cost: 50, Floor: 110}),
		model.MatchEconomics(model.ReverseMatch{SKU: "SMALL", Wanted: 100, Cost: 90}),
		model.MatchEconomics(model.ReverseMatch{SKU: "BIG", Wanted: 100, Cost: 10}),
		model.MatchEconomics(model.ReverseMatch{SKU: "BIG2", Wanted: 100, Cost: 10}),
	}
	model.RankMatches(ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.SKU)
	}
	if want := []string{"BIG", "BIG2", "SMALL", "FLOOR", "LOSS"}; !slices.Equal(got, want) {
		t.Errorf("order: got %v, want %v", got, want)
	}
}
