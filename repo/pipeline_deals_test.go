package repo_test

import (
	"errors"
	"testing"

	"sdelka/model"
	"sdelka/repo"
)

var _ model.PipelineService = (*repo.Session)(nil)

// dealFixture is the sales fixture with the default pipeline loaded and
// sessions of everyone.
type dealFixture struct {
	*salesFixture
	admin, seller2 *repo.Session
	pipe           model.Pipeline
	stage          map[string]model.Stage // by code
}

func newDealFixture(t *testing.T) *dealFixture {
	t.Helper()
	f := &dealFixture{salesFixture: newSalesFixture(t)}
	f.admin, f.seller2 = f.s.Session(f.tm.admin), f.s.Session(f.tm.seller2)
	ps, err := f.seller.Pipelines(t.Context())
	if err != nil || len(ps) != 1 || !ps[0].IsDefault || len(ps[0].Stages) != 7 {
		t.Fatalf("pipelines: %v %+v", err, ps)
	}
	f.pipe, f.stage = ps[0], map[string]model.Stage{}
	for _, s := range f.pipe.Stages {
		f.stage[s.Code] = s
	}
	return f
}

// deal saves a new deal of the fixture's customer with lines (product,
// units, discount bp).
func (f *dealFixture) deal(t *testing.T, ss *repo.Session, title string, lines ...any) model.Deal {
	t.Helper()
	d := model.Deal{CustomerID: f.customer.ID, Title: title}
	for i := 0; i < len(lines); i += 3 {
		d.Lines = append(d.Lines, model.DealLine{ProductID: lines[i].(model.Product).ID, Qty: units(int64(lines[i+1].(int))),
			DiscountBP: int64(lines[i+2].(int))})
	}
	d, err := ss.SaveDeal(t.Context(), d)
	if err != nil {
		t.Fatalf("save deal %q: %v", title, err)
	}
	return d
}

func (f *dealFixture) move(t *testing.T, ss *repo.Session, d model.Deal, code, result, reason string) (model.Deal, error) {
	t.Helper()
	return ss.MoveDeal(t.Context(), model.MoveRequest{DealID: d.ID, Version: d.Version, ToStageID: f.stage[code].ID, Result: result, LostReason: reason})
}

func (f *dealFixture) mustMove(t *testing.T, ss *repo.Session, d model.Deal, code, result, reason string) model.Deal {
	t.Helper()
	n, err := f.move(t, ss, d, code, result, reason)
	if err != nil {
		t.Fatalf("move deal to %s: %v", code, err)
	}
	if n.StageID != f.stage[code].ID {
		t.Fatalf("deal in %s, want %s", n.StageName, code)
	}
	return n
}

func wantField(t *testing.T, what string, err error, field string) {
	t.Helper()
	fs := fieldsOf(err)
	if len(fs) == 0 || fs[0] != field {
		t.Fatalf("%s: got %v, want a validation error of %q", what, err, field)
	}
}

func stageOf(d model.Deal, stageID string) (model.DealStage, bool) {
	for _, s := range d.Stages {
		if s.StageID == stageID {
			return s, true
		}
	}
	return model.DealStage{}, false
}

func TestPipelineDealLinesAndStages(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	d := f.deal(t, f.seller, "Цемент на склад", f.cement, 10, 1000, f.delivery, 1, 0)
	// 10 × 650.00 − 10 % = 5850.00; 1500.00; VAT 22 % added (wholesale prices).
	if l := d.Lines[0]; l.ListPrice != 65000 || l.Price != 58500 || l.PriceReason == "" || l.SKU != "CEM-50" || l.No != 1 {
		t.Errorf("line 1: %+v", l)
	}
	if d.Totals.Net != 585000+150000 || d.Totals.VAT != 128700+33000 || d.Amount != d.Totals.Gross || d.AmountBase != d.Amount {
		t.Errorf("totals %+v, amount %d (base %d)", d.Totals, d.Amount, d.AmountBase)
	}
	day := clockStart.Truncate(24 * 60 * 60 * 1e9)
	if d.Num != 1 || d.Status != model.DealOpen || d.StageID != f.stage[model.StageProspecting].ID || d.ProbabilityBP != 1000 ||
		d.ResponsibleID != f.tm.seller1.ID || !d.StageDue.Equal(day.AddDate(0, 0, 14)) || d.Approval != model.ApprovalNone || d.OwnerID != f.tm.seller1.ID {
		t.Fatalf("new deal: %+v", d)
	}
	// A deal priced live without saving.
	live, reasons, err := f.seller.PriceDealLines(ctx, model.Deal{CustomerID: f.customer.ID, Lines: []model.DealLine{
		{ProductID: f.cement.ID, Qty: units(1), DiscountBP: 2000}}})
	if err != nil || live.Lines[0].Price != 52000 || len(reasons) != 1 || reasons[0].Kind != model.RuleDiscount {
		t.Errorf("priced live: %v %+v %+v", err, live.Lines, reasons)
	}

	// Refusals.
	_, err = f.move(t, f.seller, d, model.StagePresentation, "", "")
	wantField(t, "forward without a result", err, "result")
	_, err = f.move(t, f.seller, d, model.StageNegotiation, "Интерес есть", "")
	wantField(t, "skipping a stage", err, "stage")
	_, err = f.move(t, f.seller, d, model.StageCodeLost, "", "")
	wantField(t, "lost without a reason", err, "lost_reason")
	_, err = f.move(t, f.seller, d, model.StageCodeLost, "", "Погода")
	wantField(t, "lost with a reason not in the dictionary", err, "lost_reason")
	if _, err := f.seller.RecordResult(ctx, d.ID, d.Version+1, "x"); !errors.Is(err, model.ErrStale) {
		t.Fatalf("stale result: %v", err)
	}

	// Forward with a recorded result, then with the result given.
	d, err = f.seller.RecordResult(ctx, d.ID, d.Version, "Потребность: 10 т в квартал")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := stageOf(d, d.StageID); s.Result == "" || s.DoneBy != f.tm.seller1.ID || s.DoneAt.IsZero() {
		t.Fatalf("result recorded: %+v", s)
	}
	d = f.mustMove(t, f.seller, d, model.StagePresentation, "", "")
	if d.ProbabilityBP != 2500 {
		t.Errorf("presentation probability %d", d.ProbabilityBP)
	}
	d = f.mustMove(t, f.seller, d, model.StageNegotiation, "КП отправлено", "")
	// Negotiation's default role is head: the head is responsible.
	if d.ResponsibleID != f.tm.head.ID || !d.StageDue.Equal(day.AddDate(0, 0, 21)) || d.ProbabilityBP != 5000 {
		t.Errorf("negotiation: responsible %s due %v probability %d", d.ResponsibleName, d.StageDue, d.ProbabilityBP)
	}
	// The seller still sees it (owner) and moves it back without a result.
	d = f.mustMove(t, f.seller, d, model.StagePresentation, "", "")
	if s, _ := stageOf(d, d.StageID); s.Result != "" || !s.DoneAt.IsZero() {
		t.Errorf("moving back into a stage clears its result: %+v", s)
	}
	_, err = f.move(t, f.seller, d, model.StageNegotiation, "", "")
	wantField(t, "forward again needs the result again", err, "result")
	d = f.mustMove(t, f.seller, d, model.StageNegotiation, "Показали ещё раз", "")
	d = f.mustMove(t, f.head, d, model.StageDelivery, "Договор подписан", "")
	d = f.mustMove(t, f.seller, d, model.StageConsulting, "Отгружено", "")
	d = f.mustMove(t, f.seller, d, model.StageCodeWon, "Обучены", "")
	if d.Status != model.DealWon || d.ClosedAt.IsZero() || d.ProbabilityBP != 10000 || d.OrderID != "" {
		t.Errorf("won: %+v", d)
	}
	_, err = f.move(t, f.seller, d, model.StageCodeLost, "", "Нет бюджета")
	wantField(t, "won → lost", err, "stage")
	if _, err := f.seller.RecordResult(ctx, d.ID, d.Version, "x"); !errors.Is(err, model.ErrDealClosed) {
		t.Errorf("result of a closed deal: %v", err)
	}
	// Closed: its terms stay; its note may change.
	d.Lines[0].Qty = units(11)
	if _, err := f.seller.SaveDeal(ctx, d); !errors.Is(err, model.ErrDealClosed) {
		t.Errorf("changing a won deal's lines: %v", err)
	}
	d.Lines[0].Qty, d.Note = units(10), "Постоянный клиент"
	if d, err = f.seller.SaveDeal(ctx, d); err != nil || d.Note != "Постоянный клиент" || d.Status != model.DealWon {
		t.Fatalf("note of a won deal: %v %+v", err, d)
	}
	// Reopen, then lose.
	d = f.mustMove(t, f.seller, d, model.StageConsulting, "", "")
	if d.Status != model.DealOpen || !d.ClosedAt.IsZero() || d.ProbabilityBP != 9000 {
		t.Errorf("reopened: %+v", d)
	}
	d = f.mustMove(t, f.seller, d, model.StageCodeLost, "", "нет бюджета")
	if d.Status != model.DealLost || d.LostReason != "Нет бюджета" || d.ProbabilityBP != 0 {
		t.Errorf("lost: %+v", d)
	}
	hist, err := f.seller.StageHistory(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantTo := []string{model.StageProspecting, model.StagePresentation, model.StageNegotiation, model.StagePresentation, model.StageNegotiation,
		model.StageDelivery, model.StageConsulting, model.StageCodeWon, model.StageConsulting, model.StageCodeLost}
	if len(hist) != len(wantTo) {
		t.Fatalf("history has %d moves, want %d: %+v", len(hist), len(wantTo), hist)
	}
	for i, h := range hist {
		if h.ToStage != f.stage[wantTo[i]].ID {
			t.Errorf("move %d to %s, want %s", i, h.ToName, wantTo[i])
		}
	}
	if hist[0].FromStage != "" || hist[1].Result != "Потребность: 10 т в квартал" || hist[2].Result != "КП отправлено" || hist[3].Result != "" ||
		hist[5].UserID != f.tm.head.ID || hist[7].Result != "Обучены" || hist[9].Result != "Нет бюджета" {
		t.Errorf("history: %+v", hist)
	}
	mustCheck(t, f.s)
}

func TestPipelineDealApproval(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	d := f.deal(t, f.seller, "Скидка 20 %", f.cement, 5, 2000)
	if d.Approval != model.ApprovalPending {
		t.Fatalf("20 %% discount: approval %q", d.Approval)
	}
	inbox, err := f.head.FindApprovals(ctx, model.ApprovalStatusPending, "", 0)
	if err != nil || len(inbox) != 1 || inbox[0].DealID != d.ID || len(inbox[0].Reasons) != 1 || inbox[0].Reasons[0].Actual != 2000 ||
		inbox[0].RequestedBy != f.tm.seller1.ID {
		t.Fatalf("inbox: %v %+v", err, inbox)
	}
	if _, err := f.seller.IssueQuote(ctx, d.ID, d.Version); !errors.Is(err, model.ErrNeedsApproval) {
		t.Fatalf("quote while pending: %v", err)
	}
	if _, err := f.seller.DecideApproval(ctx, inbox[0].ID, inbox[0].Version, true, "сам себе"); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a seller approving: %v", err)
	}
	a, err := f.head.DecideApproval(ctx, inbox[0].ID, inbox[0].Version, true, "Крупный клиент")
	if err != nil || a.Status != model.ApprovalStatusApproved || a.DecidedBy != f.tm.head.ID || a.Comment != "Крупный клиент" {
		t.Fatalf("approve: %v %+v", err, a)
	}
	if d, err = f.seller.FindDealByID(ctx, d.ID); err != nil || d.Approval != model.ApprovalApproved {
		t.Fatalf("approved deal: %v %q", err, d.Approval)
	}
	// Saving the same terms keeps the approval.
	if d, err = f.seller.SaveDeal(ctx, d); err != nil || d.Approval != model.ApprovalApproved {
		t.Fatalf("same terms: %v %q", err, d.Approval)
	}
	q, err := f.seller.IssueQuote(ctx, d.ID, d.Version)
	if err != nil || q.Kind != model.DocQuote || q.Status != model.StatusPosted || q.Number == "" || q.Totals.Gross != d.Amount ||
		len(q.Lines) != 1 || q.Lines[0].Price != 52000 {
		t.Fatalf("quote: %v %+v", err, q)
	}
	if d, err = f.seller.FindDealByID(ctx, d.ID); err != nil || d.QuoteID != q.ID {
		t.Fatalf("deal's quote: %v %q", err, d.QuoteID)
	}
	// New terms: pending again, a new request.
	d.Lines[0].DiscountBP = 2500
	if d, err = f.seller.SaveDeal(ctx, d); err != nil || d.Approval != model.ApprovalPending {
		t.Fatalf("new terms: %v %q", err, d.Approval)
	}
	hist, err := f.seller.FindApprovals(ctx, "", d.ID, 0)
	if err != nil || len(hist) != 2 || hist[0].Status != model.ApprovalStatusPending || hist[1].Status != model.ApprovalStatusApproved {
		t.Fatalf("the deal's requests: %v %+v", err, hist)
	}
	// Terms changed again before a decision: the request is superseded and
	// deciding it is stale.
	d.Lines[0].DiscountBP = 3000
	if d, err = f.seller.SaveDeal(ctx, d); err != nil {
		t.Fatal(err)
	}
	if _, err := f.head.DecideApproval(ctx, hist[0].ID, hist[0].Version, true, ""); !errors.Is(err, model.ErrStale) {
		t.Fatalf("deciding superseded terms: %v", err)
	}
	inbox, err = f.head.FindApprovals(ctx, model.ApprovalStatusPending, "", 0)
	if err != nil || len(inbox) != 1 {
		t.Fatalf("inbox: %v %+v", err, inbox)
	}
	if _, err := f.admin.DecideApproval(ctx, inbox[0].ID, inbox[0].Version, false, "Слишком много"); err != nil {
		t.Fatal(err)
	}
	if d, err = f.seller.FindDealByID(ctx, d.ID); err != nil || d.Approval != model.ApprovalRejected {
		t.Fatalf("rejected: %v %q", err, d.Approval)
	}
	if _, err := f.seller.IssueQuote(ctx, d.ID, d.Version); !errors.Is(err, model.ErrNeedsApproval) {
		t.Fatalf("quote when rejected: %v", err)
	}
	// Back within the rules: nothing to approve, the pending list stays empty.
	d.Lines[0].DiscountBP = 500
	if d, err = f.seller.SaveDeal(ctx, d); err != nil || d.Approval != model.ApprovalNone {
		t.Fatalf("within the rules: %v %q", err, d.Approval)
	}
	// A deferral above 45 days.
	d.PaymentDays = 60
	if d, err = f.seller.SaveDeal(ctx, d); err != nil || d.Approval != model.ApprovalPending {
		t.Fatalf("deferral: %v %q", err, d.Approval)
	}
	audit, err := f.head.FindAudit(ctx, model.AuditFilter{Entity: model.EntityApproval})
	if err != nil || len(audit) < 5 {
		t.Errorf("approvals audited: %v %d", err, len(audit))
	}
	mustCheck(t, f.s)
}

func TestPipelineDealWinWithQuote(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	d := f.deal(t, f.seller, "Гвозди", f.nails, 3, 0, f.delivery, 1, 0)
	if _, err := f.seller.IssueQuote(ctx, d.ID, d.Version+1); !errors.Is(err, model.ErrStale) {
		t.Fatalf("stale quote: %v", err)
	}
	empty := f.deal(t, f.seller, "Пустая")
	if _, err := f.seller.IssueQuote(ctx, empty.ID, empty.Version); len(fieldsOf(err)) == 0 {
		t.Fatalf("a quote of no lines: %v", err)
	}
	q, err := f.seller.IssueQuote(ctx, d.ID, d.Version)
	if err != nil {
		t.Fatal(err)
	}
	if d, err = f.seller.FindDealByID(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	// Won straight from prospecting with its result.
	d = f.mustMove(t, f.seller, d, model.StageCodeWon, "Согласились сразу", "")
	if d.OrderID == "" || d.Status != model.DealWon {
		t.Fatalf("won with a quote: %+v", d)
	}
	o, err := f.seller.FindDocumentByID(ctx, d.OrderID)
	if err != nil || o.Kind != model.DocOrder || o.Status != model.StatusDraft || o.BaseID != q.ID || o.Totals.Gross != q.Totals.Gross {
		t.Fatalf("draft order: %v %+v", err, o)
	}
	docs, err := f.seller.DealDocuments(ctx, d.ID)
	if err != nil || len(docs) != 2 || docs[0].ID != o.ID || docs[1].ID != q.ID {
		t.Fatalf("deal documents: %v %+v", err, docs)
	}
	if err := f.head.DeleteDeal(ctx, d.ID, d.Version); !errors.Is(err, model.ErrDealClosed) {
		t.Errorf("deleting a won deal: %v", err)
	}
	if err := f.seller.DeleteDeal(ctx, empty.ID, empty.Version); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller deleting: %v", err)
	}
	if err := f.head.DeleteDeal(ctx, empty.ID, empty.Version); err != nil {
		t.Errorf("deleting an empty deal: %v", err)
	}
	if _, err := f.seller.FindDealByID(ctx, empty.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleted deal: %v", err)
	}
	mustCheck(t, f.s)
}

func TestPipelineDealVisibility(t *testing.T) {
	f := newDealFixture(t)
	ctx := t.Context()
	d := f.deal(t, f.seller, "Чужая сделка", f.cement, 1, 0)
	if _, err := f.seller2.FindDealByID(ctx, d.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("another seller's deal: %v", err)
	}
	if n, err := f.seller2.CountDeals(ctx, model.DealFilter{}); err != nil || n != 0 {
		t.Fatalf("seller2 counts %d: %v", n, err)
	}
	if _, err := f.move(t, f.seller2, d, model.StagePresentation, "x", ""); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("seller2 moving it: %v", err)
	}
	if _, err := f.seller2.SetResponsible(ctx, d.ID, d.Version, f.stage[model.StagePresentation].ID, f.tm.seller2.ID, clockStart); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("seller2 assigning himself: %v", err)
	}
	// The head makes seller2 responsible for the next stage: now he sees it.
	due := clockStart.AddDate(0, 0, 30).Truncate(24 * 60 * 60 * 1e9)
	d, err := f.head.SetResponsible(ctx, d.ID, d.Version, f.stage[model.StagePresentation].ID, f.tm.seller2.ID, due)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.head.SetResponsible(ctx, d.ID, d.Version, f.stage[model.StageCodeWon].ID, f.tm.seller2.ID, due); len(fieldsOf(err)) == 0 {
		t.Errorf("responsible of the won stage: %v", err)
	}
	got, err := f.seller2.FindDealByID(ctx, d.ID)
	if err != nil {
		t.Fatalf("responsible seller: %v", err)
	}
	if s, ok := stageOf(got, f.stage[model.StagePresentation].ID); !ok || s.ResponsibleID != f.tm.seller2.ID || !s.Due.Equal(due) {
		t.Errorf("stage ahead: %+v", got.Stages)
	}
	// Entering the stage keeps the responsible and due set ahead.
	d = f.mustMove(t, f.seller, d, model.StagePresentation, "Интерес подтверждён", "")
	if d.ResponsibleID != f.tm.seller2.ID || !d.StageDue.Equal(due) {
		t.Errorf("entered: responsible %s due %v", d.ResponsibleName, d.StageDue)
	}
	if list, err := f.seller2.FindDeals(ctx, model.DealFilter{}); err != nil || len(list) != 1 {
		t.Errorf("seller2's list: %v %d", err, len(list))
	}
	// The responsible seller works on the deal though he does not see its
	// customer.
	d.Lines[0].Qty = units(3)
	if d, err = f.seller2.SaveDeal(ctx, d); err != nil || d.Amount != 3*65000*122/100 {
		t.Fatalf("the responsible seller edits the lines: %v %d", err, d.Amount)
	}
	// The accountant has no deals at all.
	if _, err := f.acc.FindDeals(ctx, model.DealFilter{}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("accountant: %v", err)
	}
	// The owner of the customer's other seller cannot take it over.
	d.OwnerID = f.tm.seller2.ID
	if _, err := f.seller.SaveDeal(ctx, d); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a seller giving the deal away: %v", err)
	}
	mustCheck(t, f.s)
}
