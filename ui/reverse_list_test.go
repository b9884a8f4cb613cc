package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sdelka/model"
)

func TestReverseRequestShowsMarginsAndAcceptingMakesADeal(t *testing.T) {
	h := newHarness(t, true, "en")
	h.pipe("seller")
	f := newWorkFixture(h)
	h.loginAs("seller")
	l := newReverseList(h.a)
	h.openScreen(l)
	rf := h.a.editReverse(model.ReverseRequest{}, func(r model.ReverseRequest) { l.reloadSelecting(r.ID) })
	h.settle()
	h.pickHit(rf.customer, "Покупатель Вор", "Покупатель Воронки")
	rf.f.setText("requirements", "Перфоратор проверочный")
	rf.f.setText("qty", "3")
	rf.f.setText("wanted_price", "800")
	rf.dlg.submit()
	h.settle()
	if rf.dlg.open {
		t.Fatalf("the request dialog stays open: %q %q %q", rf.f.errorOf("customer"), rf.f.errorOf("qty"), rf.f.errorOf("wanted_price"))
	}
	if r, ok := l.selected(); !ok || r.ID != rf.r.ID {
		t.Fatalf("the new request is not selected among %d", len(l.rows))
	}
	m := l.matches
	row := -1
	for i, x := range m.rows {
		if x.ProductID == f.prod.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the product is not among %d matches", len(m.rows))
	}
	cells := map[string]string{}
	for i, text := range m.cells(m.rows[row]) {
		cells[matchColumns[i].key] = text
	}
	want := map[string]string{"match_list": "1,000.00", "match_wanted": "800.00", "match_cost": "600.00",
		"margin": "200.00 (25\u00a0%)", "discount": "20\u00a0%", "flags": en("reverse.below_floor")}
	for k, v := range want {
		if cells[k] != v {
			t.Errorf("%s: %q, want %q", k, cells[k], v)
		}
	}
	m.list.Select(row)
	test.Tap(m.accept)
	h.settle()
	buttonIn(t, h.overlay(), en("reverse.open_deal"))
	if !hasLabelContaining(h.overlay(), en("reverse.deal_pending")) {
		t.Error("the dialog does not say the deal waits for approval")
	}
	h.closeDialogs()
	rs, err := h.pipe("seller").FindReverseRequests(h.ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for len(rs) > 0 && rs[0].ID != rf.r.ID {
		rs = rs[1:]
	}
	if len(rs) == 0 {
		t.Fatal("the request is gone")
	}
	if rs[0].Status != model.ReverseAccepted || rs[0].DealID == "" || rs[0].ProductID != f.prod.ID {
		t.Fatalf("request after accepting: %+v", rs[0])
	}
	deal, err := h.pipe("seller").FindDealByID(h.ctx, rs[0].DealID)
	if err != nil {
		t.Fatal(err)
	}
	if len(deal.Lines) != 1 || deal.Lines[0].Price != 80000 || deal.Lines[0].Qty != 3*model.QtyOne || deal.Approval != model.ApprovalPending {
		t.Errorf("deal: %d lines, approval %q, %+v", len(deal.Lines), deal.Approval, deal.Lines)
	}
	// The open list no longer has it.
	for _, r := range l.rows {
		if r.ID == rf.r.ID {
			t.Error("the accepted request is still listed as open")
		}
	}
}
