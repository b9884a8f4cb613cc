package repo_test

import (
	"errors"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

func TestPipelineSettings(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	f.deal(t, f.seller, "В работе", f.cement, 1, 0)
	p := f.pipe
	if _, err := f.head.SavePipeline(ctx, p); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a head editing pipelines: %v", err)
	}
	drop := p
	drop.Stages = append([]model.Stage(nil), p.Stages[1:]...)
	if _, err := f.admin.SavePipeline(ctx, drop); !errors.Is(err, model.ErrStageInUse) {
		t.Fatalf("removing a stage with deals: %v", err)
	}
	// Add a stage between delivery and consulting, rename another.
	edit := p
	edit.Stages = append([]model.Stage(nil), p.Stages...)
	edit.Stages[1].Name = "Демонстрация"
	edit.Stages = append(edit.Stages, model.Stage{Name: "Оплата", Sort: 4, Kind: model.StageOpen, ProbabilityBP: 8500, NormDays: 7})
	for i := range edit.Stages {
		if edit.Stages[i].Sort >= 4 && edit.Stages[i].ID != "" {
			edit.Stages[i].Sort++
		}
	}
	saved, err := f.admin.SavePipeline(ctx, edit)
	if err != nil {
		t.Fatal(err)
	}
	if len(saved.Stages) != 8 || saved.Stages[1].Name != "Демонстрация" || saved.Stages[3].Name != "Оплата" || saved.Version != p.Version+1 {
		t.Fatalf("saved: %+v", saved)
	}
	if _, err := f.admin.SavePipeline(ctx, edit); !errors.Is(err, model.ErrStale) {
		t.Errorf("saving an old version: %v", err)
	}
	// A second pipeline made the default: the first is no longer.
	second, err := f.admin.SavePipeline(ctx, model.Pipeline{Name: "Тендеры", IsDefault: true, Stages: []model.Stage{
		{Name: "Заявка", Sort: 1, Kind: model.StageOpen, ProbabilityBP: 2000},
		{Name: "Выиграли", Sort: 2, Kind: model.StageWon, ProbabilityBP: 10000},
		{Name: "Проиграли", Sort: 3, Kind: model.StageLost}}})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := f.seller.Pipelines(ctx)
	if err != nil || len(ps) != 2 || ps[0].ID != second.ID || !ps[0].IsDefault || ps[1].IsDefault {
		t.Fatalf("pipelines: %v %+v", err, ps)
	}
	if _, err := f.admin.SavePipeline(ctx, model.Pipeline{Name: "Без стадий"}); len(fieldsOf(err)) == 0 {
		t.Errorf("a pipeline without stages: %v", err)
	}
	// Lost reasons and approval rules.
	rs, err := f.seller.LostReasons(ctx)
	if err != nil || len(rs) != 6 {
		t.Fatalf("lost reasons: %v %d", err, len(rs))
	}
	if _, err := f.admin.SaveLostReason(ctx, model.LostReason{Name: "высокая цена", Active: true}); len(fieldsOf(err)) == 0 {
		t.Errorf("a duplicate reason: %v", err)
	}
	r, err := f.admin.SaveLostReason(ctx, model.LostReason{Name: "Закрылись", Sort: 7, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	r.Active = false
	if _, err := f.admin.SaveLostReason(ctx, r); err != nil {
		t.Fatal(err)
	}
	d, err := f.seller.SaveDeal(ctx, model.Deal{CustomerID: f.customer.ID, Title: "Закрылись", PipelineID: f.pipe.ID})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.seller.MoveDeal(ctx, model.MoveRequest{DealID: d.ID, Version: d.Version, ToStageID: f.stage[model.StageCodeLost].ID, LostReason: r.ID})
	wantField(t, "an inactive reason", err, "lost_reason")
	rules, err := f.head.ApprovalRules(ctx)
	if err != nil || len(rules) != 4 {
		t.Fatalf("rules: %v %+v", err, rules)
	}
	rules[0].Threshold = 500
	if _, err := f.admin.SaveApprovalRule(ctx, rules[0]); err != nil {
		t.Fatal(err)
	}
	if d = f.deal(t, f.seller, "Скидка 10 %", f.cement, 1, 1000); d.Approval != model.ApprovalPending {
		t.Errorf("10 %% above the new 5 %% threshold: %q", d.Approval)
	}
	mustCheck(t, f.s)
}

func TestPipelineBoardAndList(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	a := f.deal(t, f.seller, "Альфа", f.cement, 1, 0)
	b := f.deal(t, f.seller, "Бета", f.cement, 2, 0)
	if _, err := f.head.SaveDeal(ctx, model.Deal{CustomerID: f.customer.ID, Title: "Гамма", OwnerID: f.tm.seller2.ID,
		Lines: []model.DealLine{{ProductID: f.delivery.ID, Qty: units(1)}}}); err != nil {
		t.Fatal(err)
	}
	b = f.mustMove(t, f.seller, b, model.StagePresentation, "Готово", "")
	a = f.mustMove(t, f.seller, a, model.StageCodeWon, "Сразу", "")
	board, err := f.head.Board(ctx, model.BoardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if board.Base != "RUB" || len(board.Columns) != 7 {
		t.Fatalf("board: %+v", board)
	}
	count := map[string]int{}
	for _, col := range board.Columns {
		count[col.Stage.Code] = col.Count
	}
	if count[model.StageProspecting] != 1 || count[model.StagePresentation] != 1 || count[model.StageCodeWon] != 1 {
		t.Errorf("columns: %v", count)
	}
	pres := board.Columns[1]
	if pres.Sum != b.AmountBase || pres.Weighted != model.Weighted(b.AmountBase, 2500) || pres.Cards[0].ResponsibleID != f.tm.seller1.ID {
		t.Errorf("presentation column: %+v", pres)
	}
	if won := board.Columns[5]; won.Sum != a.AmountBase || won.Weighted != a.AmountBase {
		t.Errorf("won column: %+v", won)
	}
	mine, err := f.seller2.Board(ctx, model.BoardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _, _ := model.BoardTotals(mine); n != 1 {
		t.Errorf("seller2's board has %d open deals", n)
	}
	for _, s := range []model.DealSort{model.DealSortUpdated, model.DealSortTitle, model.DealSortCustomer, model.DealSortAmount,
		model.DealSortExpectedClose, model.DealSortStage} {
		for _, desc := range []bool{false, true} {
			ds, err := f.head.FindDeals(ctx, model.DealFilter{Sort: s, Desc: desc})
			if err != nil || len(ds) != 3 {
				t.Fatalf("sort %s: %v %d", s, err, len(ds))
			}
		}
	}
	ds, err := f.head.FindDeals(ctx, model.DealFilter{Sort: model.DealSortTitle})
	if err != nil || ds[0].Title != "Альфа" || ds[2].Title != "Гамма" {
		t.Errorf("by title: %v %+v", err, ds)
	}
	if ds, err = f.head.FindDeals(ctx, model.DealFilter{Query: "бет"}); err != nil || len(ds) != 1 || ds[0].ID != b.ID {
		t.Errorf("query: %v %+v", err, ds)
	}
	if n, err := f.head.CountDeals(ctx, model.DealFilter{Status: model.DealOpen}); err != nil || n != 2 {
		t.Errorf("open deals: %v %d", err, n)
	}
	if ds, err = f.head.FindDeals(ctx, model.DealFilter{Limit: 1, Offset: 2, Sort: model.DealSortTitle}); err != nil || len(ds) != 1 || ds[0].Title != "Гамма" {
		t.Errorf("page: %v %+v", err, ds)
	}
	f.clk.Advance(20 * 24 * 60 * 60 * 1e9)
	if n, err := f.head.CountDeals(ctx, model.DealFilter{Overdue: true}); err != nil || n != 2 {
		t.Errorf("overdue: %v %d", err, n)
	}
	mustCheck(t, f.s)
}

func TestPipelineDealMergeAndReopen(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	other := createCustomer(t, f.seller, "ООО «Дубль»", "")
	d, err := f.seller.SaveDeal(ctx, model.Deal{CustomerID: other.ID, Title: "Сделка дубля", PaymentDays: 60})
	if err != nil || d.Approval != model.ApprovalPending {
		t.Fatalf("deal of the duplicate: %v %q", err, d.Approval)
	}
	// Lost: its request leaves the inbox; reopened: it is asked again.
	d = f.mustMove(t, f.seller, d, model.StageCodeLost, "", "Высокая цена")
	if inbox, err := f.head.FindApprovals(ctx, model.ApprovalStatusPending, "", 0); err != nil || len(inbox) != 0 {
		t.Fatalf("inbox after losing: %v %+v", err, inbox)
	}
	d = f.mustMove(t, f.seller, d, model.StagePresentation, "", "")
	if inbox, err := f.head.FindApprovals(ctx, model.ApprovalStatusPending, "", 0); err != nil || len(inbox) != 1 || d.Approval != model.ApprovalPending {
		t.Fatalf("inbox after reopening: %v %+v %q", err, inbox, d.Approval)
	}
	keep, err := f.seller.FindCustomerByID(ctx, f.customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.head.MergeCustomers(ctx, keep.ID, keep.Version, other.ID, other.Version); err != nil {
		t.Fatal(err)
	}
	if d, err = f.seller.FindDealByID(ctx, d.ID); err != nil || d.CustomerID != keep.ID {
		t.Fatalf("merged: the deal moves to the kept customer: %v %+v", err, d.CustomerID)
	}
	if _, err := f.seller.FindDealByID(ctx, "no-such-deal"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a missing deal: %v", err)
	}
	mustCheck(t, f.s)
}

func TestPipelineCheckFindsBrokenDeals(t *testing.T) {
	f := newDealFixture(t)
	d := f.deal(t, f.seller, "Сломаем", f.cement, 1, 0)
	mustCheck(t, f.s)
	path := f.s.Path()
	closeStore(t, f.s)
	rawExec(t, path, `UPDATE deals SET amount = amount + 1 WHERE id = '`+d.ID+`'`,
		`DELETE FROM deal_stages WHERE deal_id = '`+d.ID+`'`,
		`UPDATE deals SET stage_id = '`+f.stage[model.StagePresentation].ID+`' WHERE id = '`+d.ID+`'`)
	s := openStore(t, path, nil)
	probs, err := s.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 3 {
		t.Fatalf("want 3 problems (amount, stage record, history), got:\n%s", problemText(probs))
	}
}

// sdelkactl acts as System, which has no users row: the rows that name a
// user name the deal's owner instead.
func TestPipelineDealAsSystem(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	sys := f.s.Session(repo.System)
	d, err := sys.SaveDeal(ctx, model.Deal{CustomerID: f.customer.ID, Title: "Из командной строки", OwnerID: f.tm.seller1.ID,
		Lines: []model.DealLine{{ProductID: f.cement.ID, Qty: units(2), DiscountBP: 2000}}})
	if err != nil || d.Approval != model.ApprovalPending {
		t.Fatalf("deal: %v %q", err, d.Approval)
	}
	inbox, err := sys.FindApprovals(ctx, model.ApprovalStatusPending, "", 0)
	if err != nil || len(inbox) != 1 || inbox[0].RequestedBy != f.tm.seller1.ID {
		t.Fatalf("inbox: %v %+v", err, inbox)
	}
	if _, err := sys.DecideApproval(ctx, inbox[0].ID, inbox[0].Version, true, "демо"); err != nil {
		t.Fatal(err)
	}
	if d, err = sys.FindDealByID(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := sys.IssueQuote(ctx, d.ID, d.Version); err != nil {
		t.Fatal(err)
	}
	if d, err = sys.FindDealByID(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if d, err = sys.MoveDeal(ctx, model.MoveRequest{DealID: d.ID, Version: d.Version, ToStageID: f.stage[model.StageCodeWon].ID,
		Result: "Подписали"}); err != nil || d.OrderID == "" {
		t.Fatalf("won: %v %+v", err, d)
	}
	hist, err := sys.StageHistory(ctx, d.ID)
	if err != nil || len(hist) != 2 || hist[1].UserID != f.tm.seller1.ID {
		t.Fatalf("history: %v %+v", err, hist)
	}
	mustCheck(t, f.s)
}
