package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
)

// discountedDeal saves, as the seller, a deal of the fixture's product with
// a 20 % discount (800.00, below the floor of 850.00): it waits for
// approval.
func (f *workFixture) discountedDeal(title string) model.Deal {
	f.h.t.Helper()
	tax, err := f.h.session("admin").TaxSettings(f.h.ctx)
	if err != nil {
		f.h.t.Fatal(err)
	}
	d, err := f.h.pipe("seller").SaveDeal(f.h.ctx, model.Deal{CustomerID: f.cust.ID, Title: title, Currency: tax.BaseCurrency,
		Lines: []model.DealLine{{ProductID: f.prod.ID, Qty: 2 * model.QtyOne, DiscountBP: 2000}}})
	if err != nil {
		f.h.t.Fatalf("save deal: %v", err)
	}
	if d.Approval != model.ApprovalPending {
		f.h.t.Fatalf("the deal's approval is %q, want pending", d.Approval)
	}
	return d
}

func TestApprovalsInboxHeadApprovesSellerOnlyReads(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("head")
	f := newWorkFixture(h)
	deal := f.discountedDeal("Скидочная сделка")
	h.loginAs("head")
	s := newApprovalsInbox(h.a)
	h.openScreen(s)
	row := -1
	for i, ap := range s.rows {
		if ap.DealID == deal.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the deal's request is not in the inbox (%d rows)", len(s.rows))
	}
	s.table.Select(tableCell(row))
	h.settle()
	reasons := s.reasons.Text
	for _, want := range []string{"discount 20\u00a0% on line 1 (WRK-1 Перфоратор проверочный) > 15\u00a0%",
		"price 800.00 below floor 850.00 on line 1"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("reasons %q lack %q", reasons, want)
		}
	}
	if !strings.Contains(s.detail.Text, "Мария Кузнецова") || !strings.Contains(s.detail.Text, "Покупатель Воронки") {
		t.Errorf("detail %q", s.detail.Text)
	}
	// Rejecting needs a comment.
	test.Tap(s.reject)
	if !s.msg.Visible() {
		t.Error("rejected without a comment")
	}
	s.comment.SetText("Согласовано как исключение")
	test.Tap(s.approve)
	h.settle()
	got, err := h.pipe("head").FindDealByID(h.ctx, deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Approval != model.ApprovalApproved {
		t.Fatalf("deal approval %q", got.Approval)
	}
	for _, ap := range s.rows {
		if ap.DealID == deal.ID {
			t.Error("the decided request is still waiting")
		}
	}
	// The history shows it with the decision.
	s.history = true
	s.reload()
	h.settle()
	decided := false
	for _, ap := range s.rows {
		if ap.Status == model.ApprovalStatusPending {
			t.Fatal("the history shows a waiting request")
		}
		decided = decided || ap.DealID == deal.ID && ap.Status == model.ApprovalStatusApproved && ap.Comment == "Согласовано как исключение"
	}
	if !decided {
		t.Fatalf("the history lacks the decision (%d rows)", len(s.rows))
	}

	// A seller sees their own request, read only.
	other := f.discountedDeal("Вторая скидочная сделка")
	h.a.Logout()
	h.loginAs("seller")
	s = newApprovalsInbox(h.a)
	h.openScreen(s)
	row = -1
	for i, ap := range s.rows {
		if ap.DealID == other.ID {
			row = i
		}
		if ap.RequestedBy != h.a.svc.User.ID {
			t.Errorf("the seller sees %s's request", ap.RequestedByName)
		}
	}
	if row < 0 {
		t.Fatalf("the seller's own request is not shown (%d rows)", len(s.rows))
	}
	if s.approve.Visible() || s.reject.Visible() {
		t.Error("a seller is offered approve or reject")
	}
	s.table.Select(tableCell(row))
	s.comment.SetText("сам себе")
	s.decide(true)
	h.settle()
	got, _ = h.pipe("seller").FindDealByID(h.ctx, other.ID)
	if got.Approval != model.ApprovalPending {
		t.Errorf("the seller approved: %q", got.Approval)
	}
	if _, err := h.pipe("seller").DecideApproval(h.ctx, s.rows[row].ID, s.rows[row].Version, true, ""); err == nil {
		t.Error("the service let a seller approve")
	}
}
